"""Reading fixes found by the blind rounds heldout120 (files that bind several self-evaluations together: workbooks of
departments' forms, compilations with a 目录 of their parts) and heldout121 (the indicator rows as reviewers read them,
in six provinces' forms). Each test states the shape met in the round, in text of its own."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.engine import Auditor, Options
from jixiao.plugins.extractors.compilation import parts
from jixiao.plugins.extractors.normalize import SourceLine
from jixiao.plugins.extractors.text import extract_text

from test_rounds_107_112 import _part


def _report(text: str) -> dict:
    return extract_text("r.txt", text.encode(), Options()).report


def _check(text: str, tmp_path: Path):
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    return Auditor(Options()).check_path(str(path))


COVER = ["江山市2025年度部门整体支出绩效自评报告汇编", "江山市财政局 编", "二〇二六年四月", "", "目　　录",
         "一、江山市教育局2025年度部门整体支出绩效自评报告", "二、江山市民政局2025年度部门整体支出绩效自评报告",
         "说明：本汇编收录市教育局、市民政局报送的部门整体支出绩效自评报告，金额单位为万元。", ""]
EDUCATION = _part("江山市教育局", "47,312.08", "46,918.77", "99.17", 4838, "99.17", "2026年3月24日")
CIVIL = _part("江山市民政局", "11,246.30", "11,067.58", "98.41", 86, "98.67", "2026年3月20日")


def test_a_contents_listing_the_parts_without_page_numbers_is_no_part(tmp_path):
    """江山's 目录: the parts' titles numbered 一、二、 on lines one after another, no page numbers. Each part starts where
    its title stands again; the 目录 is no part's text (its lines would be read as headings, and the first part's title
    taken for the cover's)."""
    lines = [*COVER, *EDUCATION, *CIVIL]
    found = parts([SourceLine(text, k + 1) for k, text in enumerate(lines)])
    assert found is not None and found.starts == [len(COVER), len(COVER) + len(EDUCATION)]
    assert found.titles == ["江山市教育局2025年度部门整体支出绩效自评报告", "江山市民政局2025年度部门整体支出绩效自评报告"]
    result = _check("\n".join(lines) + "\n", tmp_path)
    assert result.report["title"] == "江山市教育局2025年度部门整体支出绩效自评报告"
    assert result.report["department"]["name"] == "江山市教育局"
    assert [f for f in result.findings if f.severity != "info"] == []
    # a 目录 whose titles do not stand again later is the parts' own titles (a short compilation without bodies)
    alone = parts([SourceLine(text, k + 1) for k, text in enumerate(COVER)])
    assert alone is None or alone.starts == [5, 6]


def test_a_covers_month_on_a_line_of_its_own_ends_its_paragraph():
    """霍山's PDF: 编印说明 signed 霍山县财政局 / 2026年4月, the first part's title on the next page. The month line ends a
    paragraph as a full date does, so the title is the part's own and its year the fiscal year (not 2026)."""
    report = _report("霍山县2025年度项目支出绩效自评报告汇编\n编印说明\n本汇编收录3个部门报送的3个项目绩效自评报告。\n"
                     "霍山县财政局\n2026年4月\n霍山县林业局2025年度油茶低产林改造项目绩效自评报告\n一、项目基本情况\n"
                     "项目全年预算860.00万元，实际支出842.15万元，预算执行率97.92%。\n")
    assert report["title"] == "霍山县林业局2025年度油茶低产林改造项目绩效自评报告"
    assert report["fiscal_year"] == 2025


DEPARTMENT = "江山市教育局2025年度部门整体支出绩效自评报告\n二、部门预算安排及执行情况\n"


def test_projects_the_review_found_wanting_are_not_the_projects_count(tmp_path):
    result = _check(DEPARTMENT + "预算绩效管理方面，市教育局年初为全部项目设定了绩效目标，年中对18个项目开展了绩效运行监控，"
                    "对执行进度偏慢的3个基建项目发出预警并督促整改；年末组织局属各单位对全部项目开展绩效自评，局财务审计科对"
                    "自评结果进行了复核，对自评依据不足的4个项目退回补充材料。\n", tmp_path)
    assert result.report["projects_summary"]["count"] == 18
    assert [f for f in result.findings if f.rule_id == "JX-CONFLICT"] == []


def test_a_grade_that_picks_some_projects_out_is_not_the_departments():
    report = _report(DEPARTMENT + "五、自评结论\n部门整体自评得分99.47分。对自评为“良”的农村供水保障项目，已要求实施单位重新测算绩效目标。\n")
    assert report["overall"]["score"] == Decimal("99.47") and "grade" not in report["overall"]


def test_one_named_projects_spending_in_a_report_on_a_departments_projects_is_not_theirs(tmp_path):
    """永新's 项目支出绩效自评报告 on two projects: 高标准农田建设项目支出1,268.93万元，执行率98.63% is that project's, not the two
    projects' spending or rate (before: a conflict between the two projects' figures and a false rate error)."""
    result = _check("永新县农业农村局2025年度项目支出绩效自评报告\n一、资金情况\n"
                    "两个项目全年预算合计1,886.50万元，实际支出1,840.13万元，预算执行率97.54%。高标准农田建设项目支出1,268.93万元，"
                    "执行率98.63%；农村人居环境整治提升项目支出571.20万元，执行率95.20%。\n", tmp_path)
    overall = result.report["overall"]
    assert (overall["final"], overall["execution_rate"]) == (Decimal("1840.13"), Decimal("97.54"))
    assert "project_expenditure" not in overall
    assert [f.rule_id for f in result.findings if f.severity != "info"] == []


def test_a_budgets_parts_end_where_the_spending_is_stated():
    """景东's 全年预算1,356.80万元，其中当年财政拨款1,320.00万元、上年结转资金36.80万元，全年执行1,341.26万元: the spending is no
    third part of the budget."""
    report = _report("景东县教育体育局2025年度营养改善计划项目绩效自评报告\n三、综合评价情况\n"
                     "营养改善计划项目全年预算1,356.80万元，其中当年财政拨款1,320.00万元、上年结转资金36.80万元，"
                     "全年执行1,341.26万元，预算执行率98.85%。\n")
    [stated] = report["stated_sums"]
    assert [p["amount"] for p in stated["parts"]] == [Decimal("1320.00"), Decimal("36.80")]


# -- heldout122: city departments with their subordinate units ----------------------------------------------------

FORM = [["荆州市民政局2025年度部门整体支出绩效自评表"], ["部门名称", "荆州市民政局"],
        ["资金情况（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", 5121.46, 5886.98, 5505.77, 10, "93.52%", 9.35],
        ["年度总体目标", "城乡低保保障62万人次以上，新建社区养老服务设施24个。"],
        ["年度目标完成情况", "城乡低保保障62.8万人次，新建社区养老服务设施22个。"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "城乡低保保障人次", "≥62万人次", "62.8万人次", 45, 45],
        ["效益指标", "社会效益指标", "基本民生保障制度", "持续健全", "持续健全", 35, 35],
        ["满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%", "93.5%", 10, 10], ["总分", 100, 99.35]]


def _form(sheet) -> None:
    """荆州's 部门整体支出绩效自评表, on `sheet`."""
    sheet.title = "部门整体支出绩效自评表"
    for row in FORM:
        sheet.append(row)


def test_two_tables_stacked_on_one_sheet_are_each_read_under_their_own_header(tmp_path):
    """荆州's sheet: 表1 (budgets and rates of 局本级 and its units), then 表2's title on a row of its own, its header
    (编制数 · 实有人数 · 基本支出 …) and rows. Read as one table, 表2's staff counts stood under 表1's 全年预算数 and 决算支出数
    and its 基本支出 under 执行率（%）: five false rate errors."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    _form(book.active)
    sheet = book.create_sheet("所属单位支出情况")
    for row in [["表1 2025年度局本级及所属单位预算执行情况（单位：万元）"], ["单位名称", "年初预算数", "全年预算数", "决算支出数", "执行率（%）"],
                ["局本级", 2023.63, 2299.70, 2222.48, 96.64], ["社会福利院", 1124.13, 1226.64, 1141.58, 93.07],
                ["合计", 3147.76, 3526.34, 3364.06, 95.40], [],
                ["表2 局本级及所属单位人员和支出结构（单位：人、万元）"], ["单位名称", "编制数", "实有人数", "基本支出", "项目支出"],
                ["局本级", 45, 42, 1390.14, 832.34], ["社会福利院", 52, 49, 750.70, 390.88], ["合计", 97, 91, 2140.84, 1223.22]]:
        sheet.append(row)
    path = tmp_path / "units.xlsx"
    book.save(path)
    result = Auditor(Options()).check_path(str(path))
    assert [f for f in result.findings if f.rule_id == "NAT-ARITH-012"] == []
    labels = [s["label"] for s in result.report["stated_sums"]]
    assert "表2 局本级及所属单位人员和支出结构 合计 · 项目支出" in labels
    sheet["E11"] = 1232.22  # (the second table's 合计 wrong: found, under its own title)
    book.save(path)
    [wrong] = [f for f in Auditor(Options()).check_path(str(path)).findings if f.rule_id == "NAT-ARITH-011"]
    assert "表2 局本级及所属单位人员和支出结构 合计 · 项目支出" in wrong.message and wrong.location.cell == "E11"


def test_a_forms_goal_achieved_on_a_row_labelled_as_the_goals_completion(tmp_path):
    """荆州's form: 年度总体目标 | …, then 年度目标完成情况 | …: the second row is the achievement (it was read as nothing:
    its label opens as a goal's does)."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    _form(sheet)
    path = tmp_path / "民政局.xlsx"
    book.save(path)
    table = Auditor(Options()).check_path(str(path)).report["department_table"]
    assert table["goal"] == "城乡低保保障62万人次以上，新建社区养老服务设施24个。"
    assert table["goal_achieved"] == "城乡低保保障62.8万人次，新建社区养老服务设施22个。"
