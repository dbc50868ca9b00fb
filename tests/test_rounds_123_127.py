"""Reading fixes found by the blind rounds heldout123 (typical county project self-evaluations), heldout124 (typical
部门整体 reports of county and city departments), heldout125 (self-evaluations sent as workbooks only), heldout126
(provincial and city department reports exported to PDF) and heldout127 (projects with several fund sources and
implementing units). Each test states the shape met in the round, in text of its own."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.engine import Options
from jixiao.plugins.extractors.text import extract_text

DEPARTMENT = ("某县水利局2025年度部门整体支出绩效自评报告\n一、部门基本情况\n我局为县政府工作部门。\n"
              "二、预算执行情况\n2025年全年预算6,976.01万元，全年实际支出6,558.75万元，预算执行率94.02%。\n")


def _report(text: str) -> dict:
    return extract_text("r.txt", text.encode(), Options()).report


@pytest.mark.parametrize("part", ["1.产出指标（分值50分，得分49.11分）。", "（二）效益指标（满分30分，自评得分29.00分）。",
                                  "满意度指标(分值10分, 得分9.60分)。"])
def test_a_score_in_brackets_after_a_parts_name_is_the_parts(part):
    """1.产出指标（分值50分，得分49.11分）。…: the output indicators' score, out of their 50 points, as a department
    report tells its indicators part by part before its 自评总分; not the report's score (49.11 would be a 差)."""
    report = _report(DEPARTMENT + "三、绩效目标完成情况\n" + part + "各指标完成情况如下。\n四、绩效自评结论\n"
                     "对照部门整体支出绩效自评表，我局2025年度预算执行率94.02%，预算执行率得分9.40分；产出指标得分49.11分；"
                     "自评总分97.51分，自评等级为“优”。\n")
    assert report["overall"]["score"] == Decimal("97.51"), report["overall"]


def test_a_score_in_brackets_after_another_word_is_still_read():
    """A bracket after a word that is no part's name (自评结论（综合得分96.20分）) still holds the report's score."""
    report = _report(DEPARTMENT + "三、自评结论（综合得分96.20分），自评等级为“优”。\n")
    assert report["overall"]["score"] == Decimal("96.20")


@pytest.mark.parametrize("sentence, amount", [
    ("2024年本项目全年预算902.00万元，实际支出884.36万元，执行率98.04%。", "884.36"),
    ("2024年度我县建设高标准农田1.0万亩，项目实际支出3,012.64万元。", "3012.64"),
])
def test_a_sentence_opening_on_last_year_states_last_years_spending(sentence, amount):
    """A sentence that opens on last year (2024年…, 2024年度…) and names no other year states last year's spending: the
    report's /overall/prior_year_final, never this year's."""
    report = _report("某县2025年农村公路养护项目绩效自评报告\n一、项目基本情况\n项目全年预算941.90万元，实际支出941.67万元，"
                     "预算执行率99.98%。\n" + sentence + "\n")
    assert report["overall"]["prior_year_final"] == Decimal(amount)
    assert report["overall"]["final"] == Decimal("941.67")


@pytest.mark.parametrize("sentence", ["2024年累计安排项目资金3,100.00万元，累计支出2,986.50万元。",
                                      "2024年度已支付的前期及进度款371.52万元在2024年度预算中列支。"])
def test_what_was_paid_since_the_start_or_in_part_last_year_is_not_last_years_spending(sentence):
    """累计支出 since a multi-year project began, 已支付的…款 (a part paid): neither is last year's spending, which a
    stated 增减额 would be checked against."""
    report = _report("某县2025年农村公路养护项目绩效自评报告\n一、项目基本情况\n项目全年预算941.90万元，实际支出941.67万元，"
                     "预算执行率99.98%。\n" + sentence + "\n")
    assert "prior_year_final" not in report["overall"]


def test_a_sentence_opening_on_last_year_but_naming_this_year_is_not_last_years():
    """2024年立项的项目，2025年实际支出…: the sentence opens on another year, but the figure is this year's."""
    report = _report("某县2025年农村公路养护项目绩效自评报告\n一、项目基本情况\n项目全年预算941.90万元。\n"
                     "2024年立项的本项目，2025年实际支出941.67万元，预算执行率99.98%。\n")
    assert "prior_year_final" not in report.get("overall", {})


def test_a_closing_mark_hanging_past_its_cells_rule_stays_in_its_cell(tmp_path):
    """A PDF form's 年度总体目标 row: the 预期目标 cell's last line ends in a 。 set past the cell's right rule, as Word
    and reportlab hang Chinese punctuation at a line's end. It is that cell's, not the 实际完成情况 cell's beside it
    (which read 群众就。医满意度92.8%)."""
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from jixiao.plugins.extractors.pdftables import pdf_document

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "form.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("STSong-Light", 10)
    xs, ys = (60, 180, 330, 480), (700, 680, 640)
    for x in xs:
        pdf.line(x, ys[-1], x, ys[0])
    for y in ys:
        pdf.line(xs[0], y, xs[-1], y)
    for x, text in zip(xs[:3], ("年度总体目标", "预期目标", "实际完成情况"), strict=True):
        pdf.drawString(x + 4, 686, text)
    pdf.drawString(64, 662, "年度总体目标")
    pdf.drawString(184, 666, "完成维修养护45处，群众")
    pdf.drawString(184, 652, "就医满意度90%以上")
    pdf.drawString(xs[2] - 1.0, 652, "。")  # (hung past the rule at 330: its box's centre is in the next cell)
    pdf.drawString(334, 666, "完成维修养护41处，群众就")
    pdf.drawString(334, 652, "医满意度92.8%。")
    pdf.showPage()
    pdf.save()
    [table] = pdf_document(str(path), path.read_bytes()).tables
    cells = [cell.text.replace("\n", "") for cell in table.rows[1]]
    assert cells[1].endswith("90%以上。") and "。" not in cells[2][:-1], cells


def test_a_word_compilations_summary_table_is_compared_with_each_reports_prose(tmp_path):
    """A Word 汇编 of three department reports written in prose, with a 汇总 table after its 编印说明: the row whose
    自评得分 differs from what its report states is a JX-CONFLICT on that report (at the table's cell, the report's line
    beside it); the rows that agree (执行率 written 98.91% against the prose's 98.91%) give nothing."""
    docx = pytest.importorskip("docx")
    from jixiao.engine import Auditor

    from test_rounds_107_112 import COMPILATION

    document = docx.Document()
    for line in COMPILATION[:5]:
        document.add_paragraph(line)
    rows = [["部门名称", "全年预算数", "实际支出数", "执行率", "自评得分", "自评等级"],
            ["秭归县教育局", "23,091.65", "22,840.40", "98.91%", "99.43", "优"],
            ["秭归县卫生健康局", "8,094.07", "7,307.23", "90.28%", "92.94", "优"],  # (its report: 92.49)
            ["水利和湖泊局", "10,115.20", "9,881.47", "97.69%", "96.10", "优"]]  # (the name's end names it)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for line in COMPILATION[5:]:
        document.add_paragraph(line)
    path = tmp_path / "汇编.docx"
    document.save(str(path))
    result = Auditor(Options()).check_path(str(path))
    [conflict] = [f for f in result.findings if f.severity != "info"]
    assert (conflict.rule_id, conflict.values["part"], conflict.pointer) == ("JX-CONFLICT", 2, "/overall/score")
    assert (conflict.location.table, conflict.location.row, conflict.location.col) == (1, 3, 5)
    assert "汇总表（表 1 第 3 行第 5 列）为 92.94，该篇（第 49 段）为 92.49" in conflict.message


# -- heldout126, heldout127 ------------------------------------------------------------------------------------------
def _department_form(tmp_path, header: list[str], total: list[str]):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("部门整体支出绩效自评表")
    rows = [["部门（单位）名称", "江苏省交通运输厅", "", "", "", "", ""], ["年度预算执行情况（万元）", "", *header],
            ["年度预算执行情况（万元）", "年度资金总额", *total]]
    table = document.add_table(rows=len(rows), cols=7)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "form.docx"
    document.save(str(path))
    from jixiao.engine import Auditor
    return Auditor(Options()).check_path(str(path))


def test_an_adjustment_column_beside_the_years_budget_is_not_the_budget(tmp_path):
    """年初预算数 · 调整预算数 · 全年预算数 · 全年执行数 · 执行率 (Jiangsu's provincial form): 调整预算数 is what was added,
    全年预算数 the budget the rate is on; read the other way the rate was 1,729.61% and two false findings followed."""
    result = _department_form(tmp_path, ["年初预算数", "调整预算数", "全年预算数", "全年执行数", "执行率"],
                              ["460,844.55", "27,179.34", "488,023.89", "470,097.29", "96.33%"])
    table = result.report["department_table"]
    assert (table["adjusted_budget"], table["executed"]) == (Decimal("488023.89"), Decimal("470097.29"))
    assert not [f for f in result.findings if f.severity in ("error", "warning")]


def test_an_adjustment_budget_column_alone_is_still_the_budget(tmp_path):
    """Older forms with one budget column headed 调整预算数: it is the year's budget."""
    result = _department_form(tmp_path, ["年初预算数", "调整预算数", "全年执行数", "执行率", "得分"],
                              ["460,844.55", "488,023.89", "470,097.29", "96.33%", "9.63"])
    assert result.report["department_table"]["adjusted_budget"] == Decimal("488023.89")


def test_some_units_staff_before_the_whole_systems_are_not_the_departments():
    """执法支队、监测站和各分局编制428名，实有397人。全系统编制486名，实有在职人员452人: the units' staff, then the whole's."""
    report = _report(DEPARTMENT.replace("我局为县政府工作部门。", "截至2025年底，局机关行政编制58名，实有55人；执法支队、监测站和"
                                        "各分局编制428名，实有397人。全系统编制486名，实有在职人员452人。"))
    assert (report["staffing"]["authorized"], report["staffing"]["actual"]) == (486, 452)


def test_a_figure_in_the_reason_given_is_no_total():
    """项目支出执行率偏低，主要是12月下达的…资金9,846.20万元当年未能形成支出: the reason's figure, not the projects' budget
    (read so, the projects' rate 91.01% was called 1,096.28%)."""
    report = _report(DEPARTMENT + "其中项目支出107,942.18万元，执行率91.01%。项目支出执行率偏低，主要是12月下达的中央医疗服务"
                     "能力提升资金9,846.20万元当年未能形成支出，已按规定结转2026年使用。\n")
    assert report.get("projects_summary", {}).get("adjusted_budget") != Decimal("9846.20")


@pytest.mark.parametrize("sentence", ["全年实施农业“双强”项目112个，新增农机购置补贴受益主体1.8万家。",
                                      "“双强”项目实施个数完成率93.33%，得4.67分，主要是8个项目用地报批延迟。",
                                      "本次自评对各乡镇自评结果进行复核，并对32个项目进行了实地抽查。"])
def test_projects_of_a_programme_a_reason_or_a_review_are_no_count_of_the_projects(sentence):
    report = _report(DEPARTMENT + sentence + "\n本年度纳入自评的项目支出46个，全部完成自评。\n")
    assert report["projects_summary"]["count"] == 46, report["projects_summary"]


@pytest.mark.parametrize("sentence, count", [("38个项目全部开展绩效自评，年中预算调整率5.90%。", 38),
                                             ("全年19个项目支出全部开展绩效自评，自评为“优”的17个、“良”的2个。", 19),
                                             ("本年度27个项目全部完成自评，“优”24个、“良”3个。", 27)])
def test_projects_all_evaluated_are_counted_as_the_projects(sentence, count):
    summary = _report(DEPARTMENT + sentence + "\n")["projects_summary"]
    assert (summary["count"], summary["evaluated_count"]) == (count, count)


def test_a_score_out_of_a_hundred_is_the_reports():
    """自评得分为99.57分（满分100分），其中预算执行率得分9.77分: out of 100, the whole's (a part's is out of its weight)."""
    report = _report(DEPARTMENT + "经逐项核实，我局2025年度部门整体支出绩效自评得分为99.57分（满分100分），其中预算执行率得分"
                     "9.77分，自评等级为“优”。\n")
    assert report["overall"]["score"] == Decimal("99.57")


def test_a_units_rate_is_on_its_years_allocation(tmp_path):
    """实施单位 · 年初下达 · 全年下达 · 实际支出 · 执行率: each unit's rate is on what it was given for the year (全年下达),
    not on 年初下达 (read so, five units' rates were called wrong)."""
    from jixiao.engine import Auditor

    text = ("某市2025年城市公交运营补贴项目支出绩效自评报告\n一、项目概况\n项目全年预算4,000.00万元，全年执行3,883.90万元，"
            "执行率97.10%。\n表2 各实施单位资金下达及支出情况（单位：万元）\n实施单位\t年初下达\t全年下达\t实际支出\t执行率\n"
            "甲公交公司\t3,160.00\t3,402.80\t3,362.15\t98.81%\n乙区交通运输局\t460.00\t548.60\t520.34\t94.85%\n"
            "合计\t3,620.00\t3,951.40\t3,882.49\t98.26%\n")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    result = Auditor(Options()).check_path(str(path))
    rates = [r for r in result.report["stated_rates"] if "甲公交公司" in r["label"]]
    assert rates and rates[0]["budget"] == Decimal("3402.80")
    assert not [f for f in result.findings if f.rule_id == "NAT-ARITH-012"]


def test_a_transfer_funds_project_report_is_a_projects():
    """…财政衔接推进乡村振兴补助资金项目支出绩效自评报告, written to the project outline: a project's report, not a
    transfer payment's regional self-evaluation (whose sections it does not have)."""
    report = _report("东兰县农业农村局2025年度财政衔接推进乡村振兴补助资金项目支出绩效自评报告\n一、项目概况\n"
                     "项目全年预算8,000.00万元，全年执行7,800.00万元，执行率97.50%。\n")
    assert report["kind"] == "project_self_evaluation"
    assert _report("2025年度中央财政衔接推进乡村振兴补助资金绩效自评报告\n一、绩效目标分解下达情况\n")["kind"] \
        == "transfer_payment_self_evaluation"


def test_an_items_project_figures_are_not_a_report_on_several_projects_own():
    """东河街道办事处…项目支出绩效自评报告 (no project of its own named) lists its three projects as items: 1.某某项目。…项目
    全年预算243.80万元 is that project's, and the report's budget is the total stated before the items."""
    report = _report("某街道办事处2025年度项目支出绩效自评报告\n一、基本情况\n2025年，街道纳入自评范围的项目共3个，年初预算合计"
                     "363.96万元，全年预算合计401.96万元，执行率98.26%。具体为：\n1.某街道2025年老旧小区环境提升项目。主要对6个老旧"
                     "小区实施环境提升。项目全年预算243.80万元，执行239.46万元。\n2.某街道2025年河涌日常保洁项目。项目全年预算57.96"
                     "万元，执行57.96万元。\n")
    assert report["overall"]["adjusted_budget"] == Decimal("401.96"), report["overall"]


# -- heldout128, heldout129 (registered with their gaps still open) ----------------------------------------------------
def test_a_budgets_parts_are_no_spending_where_the_budgets_kind_is_not_said():
    """2025年初，县财政批复我局部门预算5,848.80万元，其中基本支出1,462.80万元、项目支出4,386.00万元: the year-start budget
    (批复 after 年初，) and its parts; read as spending they were called a conflict with the spending stated after."""
    report = _report(DEPARTMENT.replace("2025年全年预算6,976.01万元，全年实际支出6,558.75万元，预算执行率94.02%。",
                                        "2025年初，平遥县财政批复我局部门预算5,848.80万元，其中基本支出1,462.80万元、项目支出4,386.00万元。"
                                        "\n2025年，我局实际支出8,395.23万元。其中：基本支出1,492.05万元；项目支出6,903.18万元。"))
    overall = report["overall"]
    assert overall["initial_budget"] == Decimal("5848.80")
    assert (overall["basic_expenditure"], overall["project_expenditure"]) == (Decimal("1492.05"), Decimal("6903.18"))


@pytest.mark.parametrize("sentence, summary", [
    ("纳入本次自评的9个项目中，自评等级为“优”的8个、“良”的1个。", {"evaluated_count": 9}),
    ("县审计局指出1个项目存在以拨代支问题，已于2026年1月完成整改。", {}),
])
def test_projects_evaluated_this_time_or_found_wanting_are_not_the_projects_count(sentence, summary):
    got = _report(DEPARTMENT + sentence + "\n").get("projects_summary", {})
    assert "count" not in got and all(got.get(k) == v for k, v in summary.items()), got


@pytest.mark.parametrize("sentence", ["我局每半年组织一次项目检查，2025年共检查项目96个。",
                                      "2025年我局委托第三方机构对42个项目开展了中期检查。"])
def test_projects_inspected_are_not_the_funds_projects(sentence):
    """A special fund supported 403 projects; those inspected are some of them (read as the count, a false conflict)."""
    summary = _report("宜昌市2025年度市级科技创新专项资金绩效自评报告\n一、基本情况\n全年预算8,736.48万元按支持方向安排，共支持"
                      "项目403个。\n" + sentence + "\n").get("projects_summary", {})
    assert summary.get("count") in (None, 403), summary


def test_a_directions_rate_is_on_what_was_allotted_to_it():
    """山东's 表1, 支持方向 · 支持企业（机构）数 · 安排资金 · 实际支出 · 执行率: each direction's rate is on its 安排资金, so the
    wrong 95.57% is found (11,872.46 ÷ 12,400.00 is 95.75%) and its twin's rates all hold."""
    from jixiao.engine import Auditor

    name = "shandong-provincial-sme-fund-2025-portal-txt-part-rate.txt"
    folder = Path(__file__).parent / "corpus" / "heldout128"
    [wrong] = [f for f in Auditor(Options()).check_path(str(folder / name)).findings if f.rule_id == "NAT-ARITH-012"]
    assert "数字化转型" in wrong.message and "95.75" in wrong.message, wrong.message
    assert not [f for f in Auditor(Options()).check_path(str(folder / "twins" / name)).findings if f.severity != "info"]


def test_a_score_tables_total_row_a_column_off_is_not_added_up():
    """灵璧's web copy: the 评分表's 合计 row lost its merged cells (合计 100 97.43), so 97.43 stands under 分值 and 得分 is
    empty: not added up (read so, it was called 97.43 against 100). 定安's workbook 评分表, whose 合计 98.53 stands under
    得分 against rows adding to 97.53, is still found."""
    from jixiao.engine import Auditor

    folder = Path(__file__).parent / "corpus" / "heldout129"
    web = Auditor(Options()).check_path(str(folder / "anhui-lingbi-county-agri-dept-2025-site-txt-form-and-scoring-clean.txt"))
    assert not [f for f in web.findings if f.rule_id == "NAT-GRADE-010"]
    book = Auditor(Options()).check_path(str(folder / "hainan-dingan-county-market-regulation-dept-2025-xlsx-scoring-total.xlsx"))
    [total] = [f for f in book.findings if f.rule_id == "NAT-GRADE-010"]
    assert "为 98.53 分" in total.message and total.location.cell == "G21"
    # (its rows add up to 97.53; the message's sum leaves out 结转结余率 and 管理制度健全性, 5 each: heldout129's OPEN_GAP)
