"""Reading fixes found by the blind rounds heldout39 (the biggest files) and heldout40 (the report's prose against its
own forms); each test fails without its fix."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.engine import Options
from jixiao.plugins.extractors.text import extract_text

TITLE = "博罗县卫生健康局2024年度部门整体支出绩效自评报告\n"


def _report(text: str) -> dict:
    return extract_text("r.txt", text.encode("utf-8"), Options()).report


def test_a_web_copy_form_whose_header_has_an_empty_cell_keeps_a_zero_in_its_column():
    """Cells between tabs stand in no display column: 上年结转资金 0.00 97.05 95.74 is 年初 0.00, not 年初 97.05."""
    form = "\n".join([
        "项目支出绩效自评表", "（2022年度）", "项目名称\t小型水库除险加固项目",
        "主管部门\t容县水利局\t实施单位\t容县水库管理站",
        "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
        "年度资金总额\t1031.50\t1386.38\t1362.22\t10\t98.26%\t9.83",
        "其中：当年财政拨款\t1031.50\t1289.33\t1266.48\t—\t—\t—",
        "上年结转资金\t0.00\t97.05\t95.74\t—\t—\t—",
        "其他资金\t—\t—\t—\t—\t—\t—",
    ])
    [project] = _report(form)["projects"]
    rows = {row["label"]: row for row in project["fund_rows"]}
    assert rows["上年结转资金"]["initial_budget"] == Decimal("0.00")
    assert rows["上年结转资金"]["adjusted_budget"] == Decimal("97.05")
    assert rows["上年结转资金"]["executed"] == Decimal("95.74")


def test_another_years_counts_of_projects_and_grades_are_not_the_fiscal_years():
    report = _report(TITLE + "三、项目支出绩效自评情况\n我局对2024年实施的9个项目全部开展绩效自评。9个项目中，自评等级为“优”的项目8个。"
                             "（2023年度我局自评项目8个，其中“优”6个、“良”2个。）\n")
    summary = report["projects_summary"]
    assert summary["evaluated_count"] == 9 and summary["grade_counts"] == {"excellent": 8}


def test_a_rate_after_the_parts_listed_with_commas_is_the_wholes():
    """实际支出…，其中基本支出…，项目支出…，预算执行率95.37%: the department's rate, not the last part's; where each part has
    a rate of its own, the last one is that part's."""
    report = _report(TITLE + "（二）预算执行情况\n2024年全年实际支出19386.09万元，其中基本支出1831.43万元，项目支出17554.66万元，"
                             "预算执行率95.37%。\n")
    assert report["overall"]["execution_rate"] == Decimal("95.37")
    assert "execution_rate" not in report.get("projects_summary", {})
    report = _report(TITLE + "（二）预算执行情况\n2024年全年实际支出12498.02万元，预算执行率96.98%。其中基本支出1609.46万元，"
                             "执行率99.20%；项目支出10888.56万元，执行率96.66%。\n")
    assert report["overall"]["execution_rate"] == Decimal("96.98")
    assert report["projects_summary"]["execution_rate"] == Decimal("96.66")


def test_the_evaluated_projects_and_the_counties_funds_are_some_of_the_projects_figures():
    """纳入自评的7个项目全年预算合计… (7 of 12) and 下达各县市区的转移支付资金…，县市区实际支出… are not the projects' whole."""
    report = _report(TITLE + "三、项目支出绩效自评情况\n2024年我局共实施项目12个，选取7个项目开展绩效自评。"
                             "纳入自评的7个项目全年预算合计5895.72万元，实际支出合计5754.60万元。\n")
    assert report["projects_summary"]["count"] == 12
    assert "adjusted_budget" not in report["projects_summary"] and "final" not in report["projects_summary"]
    report = _report(TITLE + "（二）预算执行情况\n全年通过项目支出下达各县市区的转移支付资金24416.49万元，县市区实际支出"
                             "23391.00万元，资金支出率95.80%。\n")
    assert not {"adjusted_budget", "final", "execution_rate"} & set(report.get("projects_summary", {}))


# -- the report's prose against its own forms (heldout40) ---------------------------------------------------
CORPUS = Path(__file__).resolve().parent / "corpus"
FORM = "\n".join([
    "附件：项目支出绩效自评表", "（2022年度）", "项目名称\t农业机械购置补贴项目",
    "主管部门\t容县农业农村局\t实施单位\t容县农机服务中心",
    "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
    "年度资金总额\t500.00\t538.50\t528.12\t10\t98.07%\t9.81",
    "其中：当年财政拨款\t500.00\t538.50\t528.12\t—\t—\t—",
    "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
    "\t产出指标\t数量指标\t补贴机具数量\t≥1200台\t1260台\t50\t50\t",
    "\t效益指标\t社会效益指标\t农机化水平提升\t提升\t提升\t30\t30\t",
    "\t满意度指标\t服务对象满意度指标\t农户满意度\t≥90%\t96%\t10\t10\t",
    "总分\t\t\t\t\t\t100\t99.81\t",
    "自评等级\t优",
])
DEPT = ("容县农业农村局2022年度部门整体支出绩效自评报告\n一、部门基本情况\n我局负责全县农业农村工作。我局内设机构8个。\n"
        "二、部门整体支出情况\n全年预算按规定执行。\n三、项目支出绩效自评情况\n")


def _conflicts(text: str) -> list:
    result = extract_text("r.txt", text.encode("utf-8"), Options())
    return [f for f in result.findings if f.rule_id == "JX-CONFLICT"]


def test_a_projects_figure_in_the_prose_that_its_form_states_otherwise_is_a_conflict():
    """农机购置补贴 (the name shortened, its characters in order) 执行率98.70%: the form says 98.07%."""
    [conflict] = _conflicts(DEPT + "其中，农机购置补贴全年预算538.50万元，实际支出528.12万元，执行率98.70%，自评得分99.81分，"
                                   "评价等级为“优”。\n\n" + FORM)
    assert conflict.pointer == "/projects/0/execution_rate" and conflict.location.line == 7
    assert conflict.values["second"] == Decimal("98.70") and conflict.values["first"] == Decimal("98.07")
    assert "正文第 7 行为 98.70" in conflict.message and "该项目自评表" in conflict.message
    assert conflict.related and conflict.related[0].row is not None  # the form's cell


def test_what_is_not_the_same_figure_is_no_conflict():
    """Another base (528.12 ÷ 500.00 = 105.62%), another year, a part after 其中, a rounded restatement, another unit,
    a name that fits no form: none is the form's figure of the year."""
    assert _conflicts(DEPT + "农机购置补贴全年预算538.50万元（约0.05亿元），实际支出528.12万元，按年初预算计算执行率105.62%，"
                             "自评得分99.8分；2021年该项目执行率为93.18%，得分95.00分；其中中央资金300.00万元。"
                             "农机安全监理项目执行率91.00%，得分88.00分。\n\n" + FORM) == []


def test_a_reports_score_against_its_own_forms_total(tmp_path):
    """The department's score in 自评结论 against its 部门整体 form; a project report's against its one form; none where
    the report scores on a 评分表 of its own (another indicator system, heldout14)."""
    from jixiao.engine import Auditor

    auditor = Auditor(Options())
    found = {name: [f for f in auditor.check_path(str(CORPUS / name)).findings if f.rule_id == "JX-CONFLICT"]
             for name in ("heldout40/jiangxi-city-edu-dept-2022-dept-score.docx",
                          "heldout40/shanxi-county-culture-project-2023-score.docx",
                          "heldout14/fujian-city-env-dept-2024-clean.docx", "heldout14/jiangsu-county-project-2025-clean.docx")}
    [dept] = found["heldout40/jiangxi-city-edu-dept-2022-dept-score.docx"]
    assert dept.pointer == "/department_table/total_score" and dept.values["second"] == Decimal("95.73")
    assert "正文第 24 段为 95.73" in dept.message  # (a Word file's place is a paragraph, as the finding's own place says)
    [project] = found["heldout40/shanxi-county-culture-project-2023-score.docx"]
    assert project.pointer == "/projects/0/total_score" and project.values["second"] == Decimal("96.71")
    assert found["heldout14/fujian-city-env-dept-2024-clean.docx"] == []
    assert found["heldout14/jiangsu-county-project-2025-clean.docx"] == []


def test_a_total_of_the_evaluated_projects_is_the_sum_of_their_forms(tmp_path):
    """纳入自评的N个项目…实际支出合计X万元, with one form per project evaluated attached: X is added up from the forms
    (NAT-ARITH-011, the parts at the forms' cells); a count other than the forms read sums nothing."""
    from jixiao.engine import Auditor

    def check(sentence: str) -> list:
        path = tmp_path / "r.txt"
        path.write_text(DEPT + sentence + "\n\n" + FORM, encoding="utf-8")
        return [f for f in Auditor(Options()).check_path(str(path)).findings if f.rule_id == "NAT-ARITH-011"]

    [wrong] = check("纳入自评的1个项目全年预算合计538.50万元，实际支出合计582.12万元。")
    assert wrong.severity == "error" and wrong.values["stated"] == Decimal("582.12")
    assert wrong.location.line == 7 and wrong.related and wrong.related[0].row is not None
    assert check("纳入自评的1个项目全年预算合计538.50万元，实际支出合计528.12万元。") == []
    assert check("纳入自评的3个项目实际支出合计582.12万元。") == []  # (3 projects, 1 form: not their sum)


def test_the_prose_count_of_a_grade_against_the_forms_grades(tmp_path):
    """With a form for every project evaluated, the prose's 8 “优” against the forms' 7 is a conflict (heldout40)."""
    [conflict] = _conflicts(DEPT + "我局对1个项目开展了绩效自评，自评等级为“优”的项目2个。\n\n" + FORM)
    assert conflict.pointer == "/projects_summary/grade_counts/excellent"
    assert conflict.values == {"first": 1, "second": 2, "forms": 1} and "评为“优”的为 1 张" in conflict.message
    assert _conflicts(DEPT + "我局对1个项目开展了绩效自评，自评等级为“优”的项目1个。\n\n" + FORM) == []
    assert _conflicts(DEPT + "我局对3个项目开展了绩效自评，自评等级为“优”的项目2个。\n\n" + FORM) == []  # (not every form)


def test_a_grade_given_to_projects_named_but_not_counted_is_no_zero():
    """…“优”的项目8个，基层能力建设项目和卫生应急等级为“良”: 良's count is spoken of, not stated; no sum takes it for 0."""
    result = extract_text("r.txt", (TITLE + "三、项目支出绩效自评情况\n我局对2024年实施的9个项目全部开展绩效自评。9个项目中，"
                                    "自评等级为“优”的项目7个，基层能力建设项目和卫生应急等级为“良”。\n").encode(), Options())
    assert result.report["projects_summary"]["grade_counts"] == {"excellent": 7}
    assert "/projects_summary/grade_counts/good" in result.report["extraction"]["unread"]
    [info] = [f for f in result.findings if "uncounted" in f.values]
    assert info.severity == "info" and "点名了评为“良”的项目，但没有写出个数" in info.message


def test_a_sum_with_a_part_spoken_of_but_unread_is_not_checked(tmp_path):
    from jixiao.engine import Auditor

    path = tmp_path / "r.txt"
    path.write_text(TITLE + "三、项目支出绩效自评情况\n我局对2024年实施的9个项目全部开展绩效自评。9个项目中，"
                    "自评等级为“优”的项目7个，基层能力建设项目和卫生应急等级为“良”。\n", encoding="utf-8")
    assert not [f for f in Auditor(Options()).check_path(str(path)).findings if f.rule_id == "NAT-GRADE-002"]


def test_staff_counted_at_the_years_end_are_as_of_the_fiscal_years_last_day():
    report = _report(TITLE + "一、部门基本情况\n我局内设4个股室。年末编制38人，实有在编人员36人。\n")
    assert report["staffing"] == {"authorized": 38, "actual": 36, "as_of": "2024-12-31"}
    report = _report(TITLE + "一、部门基本情况\n年末对资产进行了全面清查盘点。编制38人，实有在编人员36人。\n")
    assert "as_of" not in report["staffing"]  # (年末 of something else)


# -- a PDF's layout text (pdftotext -layout: heldout39) ---------------------------------------------------
LAYOUT = CORPUS / "heldout39" / "guangdong-county-edu-dept-2023-fund-sum.txt"


def _layout_form() -> str:
    """One form of heldout39's layout text, cut before its page break: 项目资 / 金（万 / 元） and 偏差原因分析 / 及改进措施
    wrapped in their header cells, a blank line after every row, cells wrapped within their columns."""
    lines = LAYOUT.read_text(encoding="utf-8").split("\n")
    return "\n".join(lines[312:352])


def test_a_layout_texts_form_is_read_by_its_columns():
    from jixiao.plugins.extractors.normalize import SourceLine
    from jixiao.plugins.extractors.texttables import text_tables

    [table] = text_tables([SourceLine(t, n) for n, t in enumerate(_layout_form().split("\n"), 1)])
    rows = [[c.text for c in row] for row in table.rows]
    assert ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"] == [c for c in rows[3] if c]
    assert rows[4][:4] == ["年度资金总额", "60.00", "90.00", "87.68"]
    header = next(r for r in rows if r[:2] == ["绩效指标", "一级指标"])
    assert header[-1] == "偏差原因分析及改进措施"
    quality = next(r for r in rows if "质量指标" in r)
    assert quality[2:8] == ["质量指标", "工程验收合格率", "=100%", "96.2%", "10", "9.62"]  # (each under its header)
    assert quality[8].startswith("部分服务对象外出务工，信息采集不完整")


def test_a_form_read_only_in_part_is_not_added_up():
    """Its 总分 row not read and its weights short of 100 (the form went on past a page break): its indicators are
    unread, with an info; no sum of them is checked."""
    result = extract_text("r.txt", _layout_form().encode("utf-8"), Options())
    [project] = result.report["projects"]
    assert project["executed"] == Decimal("87.68") and len(project["indicators"]) >= 3
    assert "/projects/0/indicators" in result.report["extraction"]["unread"]
    assert any(f.values.get("problem") == "indicator_rows_unfinished" for f in result.findings)


def test_a_layout_texts_forms_go_on_over_page_breaks():
    """Over a page break (blank lines, 第 N 页 共 M 页, the running title, blank lines): a header cell wrapped across it
    (项目资 / … / 金（万 / 元）), a reason cell wrapped across it, rows after it — one form each, none taken for a
    department's form; every form's 总分 read."""
    report = extract_text(LAYOUT.name, LAYOUT.read_bytes(), Options()).report
    assert "department_table" not in report and len(report["projects"]) == 25
    by_name = {p["name"]: p for p in report["projects"]}
    assert by_name["游溪镇乡村教师生活补助项目"]["executed"] == Decimal("1000.22")  # (its fund rows after the break)
    assert all("total_score" in p for p in report["projects"])
    # (the row after a break is one several forms share word for word: a row, not a running header)
    assert [i["level3"] for i in by_name["大布镇中小学智慧校园建设项目"]["indicators"]][:2] == ["建设智慧教室", "设备验收合格率"]
    assert "unread" not in report["extraction"]


def test_a_table_of_every_project_gives_the_projects_totals():
    """表1 lists the 3 projects the report counts, with a 合计 row: the projects' 年初预算, 全年预算 and 决算数 where the
    prose states none; a table of some of them (2 of 3) gives nothing."""
    def summary(rows: list[str], count: int) -> dict:
        return _report(TITLE + f"三、项目支出绩效自评情况\n2024年我局共实施项目{count}个，全部开展绩效自评。\n"
                               "表1 项目支出执行情况表\n序号\t项目名称\t年初预算\t全年预算\t实际支出\n" + "\n".join(rows) + "\n\n"
                               "以上项目均已完成。\n")["projects_summary"]

    rows = ["1\t小型水库除险加固项目\t100.00\t120.00\t110.00", "2\t农村供水保障工程项目\t50.00\t60.00\t55.00",
            "3\t中小河流治理项目\t30.00\t40.00\t35.00"]
    got = summary([*rows, "\t合计\t180.00\t220.00\t200.00"], 3)
    assert (got["initial_budget"], got["adjusted_budget"], got["final"]) == (Decimal("180.00"), Decimal("220.00"), Decimal("200.00"))
    got = summary([*rows[:2], "\t合计\t150.00\t180.00\t165.00"], 3)
    assert not {"initial_budget", "adjusted_budget", "final"} & set(got)


# -- heldout41: the prose restating its forms, the many ways real reports write it ---------------------------
def test_a_rate_score_is_no_projects_score_and_its_parts_end_at_another_figure():
    """预算执行率得分9.70分 is a part of the score, not the score; 全年预算…，其中上年结转资金…，实际支出… lists one part of
    the budget and then the spending (no stated sum of parts)."""
    assert _conflicts(DEPT + "农机购置补贴项目执行率98.07%（预算执行率得分9.81分），自评得分99.81分，等级为“优秀”。\n\n" + FORM) == []
    report = _report(TITLE + "三、项目支出绩效自评情况\n农村公路提档升级项目全年预算3,282.90万元，其中上年结转资金264.30万元，"
                             "实际支出3,177.16万元，执行率96.78%。\n")
    assert not report.get("stated_sums")


def test_projects_named_then_counted_and_a_group_graded_are_no_counts_of_the_whole():
    """两个项目自评得分分别为…: the two just named; 其中由中央资金支持的3个项目均为“优”: a group of them."""
    result = extract_text("r.txt", (TITLE + "三、项目支出绩效自评情况\n2024年，我局对纳入预算管理的6个项目全部开展了绩效自评。"
                                    "6个项目中，自评等级为“优”的项目5个，其余为“良”。其中由中央水利发展资金支持的3个项目均为“优”。\n"
                                    "小型农田水利设施维修养护、水资源管理与节约保护两个项目自评得分分别为99.82分和97.48分。\n"
                                    ).encode(), Options())
    summary = result.report["projects_summary"]
    assert summary["evaluated_count"] == 6 and summary["count"] == 6 and summary["grade_counts"] == {"excellent": 5}
    assert [f.message for f in result.findings if f.rule_id == "JX-CONFLICT"] == []  # (6 against 2, 5 against 3)


def test_the_grade_tally_names_the_other_forms():
    [conflict] = _conflicts(DEPT + "我局对1个项目开展了绩效自评，自评等级为“良”的项目1个。\n\n" + FORM)
    assert "其余为：农业机械购置补贴项目（99.81，“优”）" in conflict.message


def test_an_amount_with_a_thousands_separator_is_compared_whole():
    """实际支出1,528.12万元: the comma in the figure does not end its clause (heldout41's planted fault was missed)."""
    [conflict] = _conflicts(DEPT + "农机购置补贴项目实际支出1,528.12万元，自评得分99.81分，等级为“优”。\n\n" + FORM)
    assert conflict.pointer == "/projects/0/executed" and conflict.values["second"] == Decimal("1528.12")


def test_a_web_tables_total_row_and_a_range_of_rates():
    """合计\\t7,711.66\\t… under 序号 · 项目名称 · …: its figures stand under the columns the rows' figures do (two false
    NAT-ARITH-011 errors); 执行率在97.37%至97.99%之间 is a range, not the projects' rate."""
    text = (TITLE + "二、部门整体支出情况\n表1　2024年度项目支出执行情况\n序号\t项目名称\t全年预算（万元）\t实际支出（万元）\t执行率（%）\n"
            "1\t国家基本公共卫生服务项目\t3,012.40\t2,969.54\t98.58\n2\t基层医疗卫生服务能力提升项目\t612.80\t589.34\t96.17\n"
            "合计\t3,625.20\t3,558.88\t98.17\n"
            "三、项目支出绩效自评情况\n　　重大传染病防控等4个项目执行率在97.37%至97.99%之间，自评得分均在96分以上。\n")
    result = extract_text("r.txt", text.encode(), Options())
    [total] = [s for s in result.report["stated_sums"] if s["label"].endswith("全年预算（万元）")]
    assert total["total"] == Decimal("3625.20") and [p["amount"] for p in total["parts"]] == [Decimal("3012.40"), Decimal("612.80")]
    assert "execution_rate" not in result.report.get("projects_summary", {})


def test_the_organs_staff_are_the_departments_where_no_other_staff_are_stated():
    """局机关编制42人，实有39人, with no other staffing: the department's (five blind rounds read it so); beside 全系统
    编制486名 it is still one group's."""
    report = _report(TITLE + "一、部门基本情况\n我局内设股室6个。截至2024年12月31日，局机关编制42人，实有39人。\n")
    assert report["staffing"]["authorized"] == 42 and report["staffing"]["actual"] == 39
    report = _report(TITLE + "一、部门基本情况\n局机关编制21名，实有20名；全系统编制486名，实有470名。\n")
    assert report["staffing"]["authorized"] == 486 and report["staffing"]["actual"] == 470


# -- conventions every blind round shares (measured over all 41 rounds) -------------------------------------
def test_a_units_other_measure_word_is_kept_as_the_form_writes_it():
    """≥120台（套）: the unit is 台（套）, brackets as written (NFKC would make them half-width); ≥95%（含）: a note, not
    the unit; a 计量单位 column is written as it stands too."""
    from jixiao.plugins.extractors.selftable import target_fields

    assert target_fields({"target": "≥120台（套）"})["target_unit"] == "台（套）"
    assert target_fields({"target": "≥120", "unit": "台（套）"})["target_unit"] == "台（套）"
    assert target_fields({"target": "≥86万头(羽)"})["target_unit"] == "万头(羽)"
    assert target_fields({"target": "≥95%（含）"})["target_unit"] == "%"


def test_the_departments_project_spending_is_the_projects_total():
    """年初预算…，其中基本支出…、项目支出…; 全年预算…，其中…项目支出…; 实际支出…，其中…项目支出…，执行率…: the projects'
    年初预算, 全年预算 and 决算数, so the 项目支出执行率 is checked; a 年初 one without a 全年 one is not taken (the rate
    would be checked against it alone); a statement of the projects' own wins."""
    budget = ("（一）预算安排情况\n2024年本部门年初预算3,268.40万元，其中基本支出1,105.40万元、项目支出2,163.00万元。"
              "全年预算调整为3,912.75万元，其中基本支出1,172.50万元、项目支出2,740.25万元。\n")
    spending = ("（二）预算执行情况\n2024年本部门全年支出3,706.18万元，预算执行率为94.72%。其中：基本支出1,148.36万元，"
                "执行率97.94%；项目支出2,557.82万元，执行率{rate}%。\n")
    extraction = extract_text("r.txt", (TITLE + budget + spending.format(rate="93.34")).encode("utf-8"), Options())
    summary = extraction.report["projects_summary"]
    assert (summary["initial_budget"], summary["adjusted_budget"], summary["final"], summary["execution_rate"]) == (
        Decimal("2163.00"), Decimal("2740.25"), Decimal("2557.82"), Decimal("93.34"))
    assert extraction.report["overall"]["project_expenditure"] == Decimal("2557.82")
    assert extraction.report["provenance"]["/projects_summary/adjusted_budget"]["quote"] == "2,740.25"

    from jixiao.engine import Auditor
    wrong = Auditor(Options()).check_path("r.txt", (TITLE + budget + spending.format(rate="95.34")).encode("utf-8"))
    assert [f.pointer for f in wrong.findings if f.rule_id == "NAT-ARITH-004"] == ["/projects_summary/execution_rate"]

    only_initial = _report(TITLE + budget.split("全年预算")[0] + "\n" + spending.format(rate="93.34"))
    assert "initial_budget" not in only_initial["projects_summary"]
    own = _report(TITLE + budget + "三、项目支出绩效自评情况\n2024年我局11个项目全年预算2,700.00万元。\n")
    assert own["projects_summary"]["adjusted_budget"] == Decimal("2700.00")


# -- heldout42: the newest forms (成本指标 a 一级指标), a project's paragraph headed by its name ---------------------
def test_a_paragraph_headed_by_a_projects_name_states_that_projects_figures():
    """（一）农业机械购置补贴项目。全年预算…，自评得分99.18分: the statements after the name alone are the project's (its
    form says 99.81); a statement that names another project is not; the project's 年初预算 in brackets is no figure of
    the projects taken together."""
    [conflict] = _conflicts(DEPT + "（一）农业机械购置补贴项目。全年预算538.50万元（年初预算500.00万元），实际支出528.12万元，"
                                   "执行率98.07%，自评得分99.18分，等级为“优”。\n\n" + FORM)
    assert conflict.pointer == "/projects/0/total_score" and conflict.values["second"] == Decimal("99.18")
    report = _report(DEPT + "（一）农业机械购置补贴项目。全年预算538.50万元（年初预算500.00万元），实际支出528.12万元。\n")
    assert "initial_budget" not in report.get("projects_summary", {})
    assert _conflicts(DEPT + "（一）农业机械购置补贴项目。较农机安全监理项目自评得分99.18分高。\n\n" + FORM) == []


def test_first_level_weights_of_a_form_with_a_cost_indicator_are_not_the_2020_templates():
    """产出 40、效益 30、成本 10、满意度 10 and 预算执行率 10 (forms since 2021): NAT-TBL-005 does not apply; 产出 60 on a
    form without 成本指标 is still a warning."""
    from jixiao.engine import Auditor

    def weights(rows: list[str]) -> list:
        form = FORM.split("\t产出指标")[0] + "\n".join(rows) + "\n总分\t\t\t\t\t\t100\t99.81\t\n自评等级\t优"
        result = Auditor(Options()).check_path("r.txt", (DEPT + "\n" + form).encode("utf-8"))
        return [f for f in result.findings if f.rule_id == "NAT-TBL-005"]

    cost = ["\t产出指标\t数量指标\t补贴机具数量\t≥1200台\t1260台\t40\t40\t",
            "\t效益指标\t社会效益指标\t农机化水平提升\t提升\t提升\t30\t30\t",
            "\t成本指标\t经济成本指标\t单台补贴成本\t≤0.5万元\t0.46万元\t10\t10\t",
            "\t满意度指标\t服务对象满意度指标\t农户满意度\t≥90%\t96%\t10\t10\t"]
    assert weights(cost) == []
    assert len(weights(["\t产出指标\t数量指标\t补贴机具数量\t≥1200台\t1260台\t60\t60\t", cost[1].replace("30", "20"), cost[3]])) == 1


def test_a_pdf_cells_small_punctuation_stays_in_its_line():
    """A comma's or a decimal point's box sits low in its line: it is read in its place (少，调查知晓率; 33,633.63), not as
    a line of its own between two (少调查知晓率略低于，目标; 3363363)."""
    from jixiao.engine import Auditor

    auditor = Auditor(Options())
    form = auditor.check_path(str(CORPUS / "heldout42/jiangsu-city-market-project-2023-clean.pdf")).report
    assert form["projects"][0]["indicators"][6]["deviation_reason"] == "农村地区宣传渠道较少，调查知晓率略低于目标；2024年增加乡镇集市宣传。"
    table = auditor.check_path(str(CORPUS / "heldout31/guangdong-province-employment-transfer-2024-clean.pdf")).report
    allotted = next(s for s in table["stated_sums"] if s["label"].endswith("合计 · 下达资金"))
    assert allotted["total"] == Decimal("415230.00")
    assert allotted["parts"][0] == {"label": "汕头市", "amount": Decimal("33633.63")}


def test_a_layout_texts_cells_and_rows_over_page_breaks_that_repeat_across_its_forms():
    """heldout39's 24-form layout text: lines that recur because every form of one department breaks at the same
    place are no running headers: 主管部门 … 实施单位 … (the same in every form) after a break, the three text cells of a
    row wrapped over a break (指标  满意度指  意度), a reason's end (未达到年度指); and a row's four text cells wrapped at
    once on one page."""
    from jixiao.engine import Auditor

    projects = Auditor(Options()).check_path(str(CORPUS / "heldout39/guangdong-county-edu-dept-2023-fund-sum.txt")).report["projects"]
    assert (projects[16]["supervisor"], projects[16]["implementer"]) == ("乳源瑶族自治县教育局", "乳源瑶族自治县民族实验学校")
    last = projects[3]["indicators"][-1]
    assert (last["level1"], last["level2"], last["level3"]) == ("满意度指标", "服务对象满意度指标", "受助学生满意度")
    assert projects[2]["indicators"][2]["deviation_reason"] == \
        "部分服务对象外出务工，信息采集不完整，工程验收合格率为96.2%，未达到年度指标值；后续加强宣传培训，提高覆盖面。"
    four = projects[8]["indicators"][5]
    assert (four["level1"], four["level3"]) == ("满意度指标", "幼儿家长满意度")
    assert four["deviation_reason"].startswith("个别服务对象对办理时限反映较慢")


def test_a_target_beside_a_unit_column_is_read_with_its_unit():
    """A 指标值 of ≥120 beside a 计量单位 of 场 reads ≥120场, as 2000 beside 指标性质 ≥ and 度量单位 场 reads ≥2000场; a
    target that writes its unit already keeps it once."""
    from jixiao.plugins.extractors.selftable import _join_target

    assert _join_target(None, "≥120", "场") == "≥120场"
    assert _join_target("≥", "2000", "场") == "≥2000场"
    assert _join_target(None, "≥120场", "场") == "≥120场"
    assert _join_target(None, "明显改善", "—") == "明显改善"


def test_a_list_item_that_opens_its_paragraph_is_no_section():
    """（一）预算执行前慢后快。上半年… and （二）天然林保护修复项目。全年预算… open list items on their point or subject: no
    sections; （一）整体绩效目标设定质量情况。… (Hebei's outline) and （一）产出指标。… run on after a topic and are sections;
    a heading on a line of its own is one whatever it says."""
    report = _report(TITLE + "一、部门基本情况\n（一）部门职能\n我局负责全县卫生健康工作。\n"
                             "二、绩效目标设定质量情况\n（一）整体绩效目标设定质量情况。整体绩效目标与职能相符。\n"
                             "（二）产出指标。全年完成各项任务。\n三、存在的问题\n（一）预算执行前慢后快。上半年执行进度46.38%。\n"
                             "（二）部分项目绩效指标不够细化。个别指标以定性描述为主。\n（三）天然林保护修复项目。全年预算100.00万元。\n"
                             "四、下一步改进措施\n（一）加快预算执行\n")
    titles = [s["title"] for s in report["sections"]]
    assert titles == ["部门基本情况", "部门职能", "绩效目标设定质量情况", "整体绩效目标设定质量情况", "产出指标", "存在的问题",
                      "下一步改进措施", "加快预算执行"]


# -- heldout43: ten clean documents, written to find false alarms ------------------------------------------
def test_what_was_added_after_a_word_that_names_no_budget_and_a_budgets_change():
    """年中根据自治区下达的抽检任务增加本年财政拨款8.40万元: what was added (下达 names the task here), not the budget;
    2023年度全年预算为7,318.50万元，本年较上年增加635.70万元: the budget's change, not the spending's; the spending's change
    after it is read."""
    from jixiao.engine import Auditor

    project = ("青铜峡市食品安全抽检监测项目2024年度绩效自评报告\n一、项目基本情况\n项目年初预算168.00万元，年中根据自治区下达的"
               "抽检任务增加本年财政拨款8.40万元，全年预算调整为186.00万元。2024年度项目全年执行数180.35万元，预算执行率96.96%。\n")
    result = Auditor(Options()).check_path("r.txt", project.encode("utf-8"))
    assert result.report["overall"]["adjusted_budget"] == Decimal("186.00")
    assert not [f for f in result.findings if f.severity in ("error", "warning")]
    report = _report(TITLE + "（一）预算安排情况\n2024年全年预算7,954.20万元。2023年度全年预算为7,318.50万元，本年较上年增加635.70万元。\n"
                             "（二）预算执行情况\n2024年度本部门实际支出7,762.45万元。与2023年度实际支出7,248.62万元相比，增加513.83万元，"
                             "增长7.09%。\n")
    assert (report["overall"]["change_amount"], report["overall"]["change_rate"]) == (Decimal("513.83"), Decimal("7.09"))


def test_a_forms_total_row_alone_after_its_header_repeated_over_a_page_break():
    """A PDF form's indicator header repeated on the next page without its 绩效指标 column, then only the 总分 row: the
    total's columns are that header's (100 under 分值, 99.79 under 得分), not the first page's, shifted by one."""
    from jixiao.engine import Auditor

    report = Auditor(Options()).check_path(str(CORPUS / "heldout43/henan-county-transport-dept-2024-clean.pdf")).report
    project = report["projects"][0]
    assert (project["weight_total"], project["total_score"]) == (Decimal("100"), Decimal("99.79"))


def test_two_goal_texts_written_on_without_a_gap_are_cut_at_their_columns():
    """A layout text's 预期目标 and 实际完成情况 side by side, the left one running up to the right one's column with no
    space (…合格率达到100%；建设示范村10个；…) or one space: each text is cut where its header's column starts."""
    from jixiao.engine import Auditor

    auditor = Auditor(Options())
    project = auditor.check_path(str(CORPUS / "heldout41/shandong-county-agri-dept-2023-project-rate.txt")).report["projects"][7]
    assert project["goal"].startswith("建设示范村不少于10个；") and project["goal"].endswith("群众满意度达到90%以上。")
    assert project["goal_achieved"] == ("建设示范村10个；硬化提升村内道路26.6公里；工程验收合格率100%；工程完工时间为2023年12月10日；"
                                        "每公里道路硬化成本60.8万元；示范村集体经济收入增长11.3%；示范片区管护机制健全；群众满意度93.6%。")
    other = auditor.check_path(str(CORPUS / "heldout40/zhejiang-county-agri-dept-2023-project-rate.txt")).report["projects"][0]
    assert "工程管护机制健全；项目区农户满意度达到90%以上。" in other["goal"]


def test_a_change_whose_sentence_opens_on_the_comparison_is_of_the_sentence_before():
    """…其中基本支出609.11万元，项目支出4,712.75万元。较上年4,988.62万元增加333.24万元，增长6.68%: the spending's change and
    last year's spending (the sentence before says what is compared); after 全年预算… it would be the budget's."""
    report = _report(TITLE + "（二）预算执行情况\n全年实际支出5,321.86万元，预算执行率97.16%；其中基本支出609.11万元，项目支出"
                             "4,712.75万元。较上年4,988.62万元增加333.24万元，增长6.68%。\n")
    overall = report["overall"]
    assert (overall["prior_year_final"], overall["change_amount"]) == (Decimal("4988.62"), Decimal("333.24"))
    report = _report(TITLE + "（一）预算安排情况\n全年预算5,477.58万元。较上年5,100.00万元增加377.58万元。\n")
    assert "change_amount" not in report.get("overall", {}) and "prior_year_final" not in report.get("overall", {})


def test_the_departments_project_budget_named_as_a_budget():
    """…全年预算2,593.40万元。其中基本支出预算880.90万元，项目支出预算1,712.50万元; …调整后全年预算4,512.30万元。…；按支出性质分，
    基本支出预算…、项目支出预算2,531.60万元: the projects' 全年预算, by the budget its sentence or its paragraph names last;
    never the department's spending."""
    report = _report(TITLE + "（一）预算安排情况\n2024年度年初预算2,146.80万元，年中追加446.60万元，全年预算2,593.40万元。其中基本支出"
                             "预算880.90万元，项目支出预算1,712.50万元。\n")
    assert report["projects_summary"]["adjusted_budget"] == Decimal("1712.50")
    assert "project_expenditure" not in report.get("overall", {})
    report = _report(TITLE + "（一）预算安排情况\n2024年年初预算3,826.45万元，调整后全年预算4,512.30万元。按资金来源分，财政拨款4,286.10万元、"
                             "其他资金226.20万元；按支出性质分，基本支出预算1,980.70万元、项目支出预算2,531.60万元。\n")
    assert report["projects_summary"]["adjusted_budget"] == Decimal("2531.60")


def test_last_years_spending_named_with_the_departments_own_word():
    """2023年我局实际支出18,216.37万元，2024年较上年增加…: last year's spending, 我局 between the year and the word."""
    report = _report(TITLE + "（二）预算执行情况\n2024年全年实际支出18,680.72万元。2023年我局实际支出18,216.37万元，2024年较上年增加"
                             "464.35万元，增长2.55%。\n")
    assert report["overall"]["prior_year_final"] == Decimal("18216.37")


# -- heldout44: one fault of each family, each where a reader must work to see it -----------------------------
def test_a_layout_texts_forms_whose_funds_header_wraps_its_label_and_names_a_reason_column():
    """年度预算执 / 行情况（万 / 元） and 项目资金（ / 万元） over lines of their own, in a header whose last cell is 偏差原因:
    the header is read, so each form is (a department form and three project forms that had been lost)."""
    from jixiao.engine import Auditor

    report = Auditor(Options()).check_path(str(CORPUS / "heldout44/jiangxi-county-transport-dept-2024-body-table-sum.txt")).report
    assert report["department_table"]["adjusted_budget"] == Decimal("4059.30")
    assert [p["name"] for p in report["projects"]] == ["上犹县农村公路养护工程项目", "上犹县城乡公交一体化运营补贴项目",
                                                      "上犹县交通安全设施提升项目"]
    assert report["projects"][1]["indicators"][1]["deviation_reason"] == "私家车保有量增加，部分线路客流下降；优化线路和班次。"


def test_a_body_tables_wrapped_name_and_page_break_keep_it_one_table():
    """表1 of every project: a name wrapped onto a line of its own (…运营补贴项 / 目) and a page break between its rows: one
    table, whose 合计 row is checked against all seven rows (the planted 69.00 is found); three projects named and then
    counted (…和交通安全设施提升三个项目附有…自评表) are no count of the projects evaluated."""
    from jixiao.engine import Auditor

    result = Auditor(Options()).check_path(str(CORPUS / "heldout44/jiangxi-county-transport-dept-2024-body-table-sum.txt"))
    [total] = [f for f in result.findings if f.rule_id == "NAT-ARITH-011"]
    assert "3125.00" in total.message.replace(",", "") and "69.00" in total.message
    # the table's title line names it (not the prose line above it), and its numbered rows are all parts, although
    # 1,320.00 is 460.00 + 860.00 (numbered rows are of one level: none stands for those under it)
    assert total.location.label.startswith("表1 2024年度项目支出预算执行情况表")
    assert "1320.00 + 460.00 + 860.00 + 280.00 + 69.00 + 64.00 + 45.00 = 3098.00" in total.message
    assert result.report["projects_summary"]["evaluated_count"] == 7
    assert not [f for f in result.findings if f.rule_id == "JX-CONFLICT"]


# -- heldout45: long department reports from the levels used least --------------------------------------------
def test_a_use_rate_of_something_else_is_no_execution_rate():
    """住院患者抗菌药物使用率不超过60% (a hospital's target) is no execution rate of the department's; 资金使用率98.50% is."""
    report = _report(TITLE + "一、部门基本情况\n2024年度本院主要工作任务是：住院患者抗菌药物使用率不超过60%，患者满意度不低于90%。\n")
    assert "execution_rate" not in report.get("overall", {})
    report = _report(TITLE + "（二）预算执行情况\n2024年全年预算5,962.00万元，实际支出5,872.57万元，资金使用率98.50%。\n")
    assert report["overall"]["execution_rate"] == Decimal("98.50")


# -- heldout46: the 部门整体支出绩效自评表 on its own, in provincial variants ---------------------------------------
def test_a_department_forms_two_groupings_and_its_task_block():
    """按收入性质分 (财政拨款 · 其他资金) and 按支出性质分 (基本支出 · 项目支出) group the same funds twice: the first grouping is
    the form's fund rows (NAT-DTBL-001), the second a stated sum of its own (NAT-ARITH-011, which finds the planted
    2,281.76); a 年度主要任务 block (任务名称 · 对应项目 · 全年预算数 …) holds no fund rows; a deducted indicator with its
    reason cell empty is NAT-DTBL-008."""
    from jixiao.engine import Auditor

    auditor = Auditor(Options())
    split = auditor.check_path(str(CORPUS / "heldout46/shandong-county-agri-dept-2024-fund-split.xlsx"))
    assert [row["label"] for row in split.report["department_table"]["fund_rows"]] == ["财政拨款", "其他资金"]
    assert [f.rule_id for f in split.findings if f.severity in ("error", "warning")] == ["NAT-ARITH-011"]
    assert "按支出性质分：基本支出、项目支出" in split.findings[0].message
    tasks = auditor.check_path(str(CORPUS / "heldout46/henan-county-water-dept-2024-main-tasks.xlsx"))
    assert [row["label"] for row in tasks.report["department_table"]["fund_rows"]] == ["基本支出", "项目支出"]
    assert not [f for f in tasks.findings if f.severity in ("error", "warning")]
    reason = auditor.check_path(str(CORPUS / "heldout46/gansu-district-health-dept-2024-no-reason.docx"))
    [deducted] = [f for f in reason.findings if f.rule_id == "NAT-DTBL-008"]
    assert "居民健康素养水平" in deducted.message


TITLE_2025 = "集安市文化广播电视和旅游局2025年度部门整体支出绩效自评报告\n"


# -- heldout48: fiscal year 2025 reports (the evaluated projects one by one, a project's paragraph opened with a colon) -
def test_each_projects_figure_in_a_list_is_not_the_projects_total():
    """纳入自评的3个项目全年预算合计…；各项目全年预算分别为708.60万元、252.00万元…: the first of the list is one project's,
    not the projects' whole (it had made NAT-ARITH-003/004 false errors); and a sentence naming projects without a figure
    (所有项目按轻重缓急重新论证。年初预算…) sets no subject for the department's 年初预算 after it."""
    text = (TITLE_2025 + "二、部门预算及执行情况\n（一）预算安排情况\n2025年全面推行零基预算改革，所有项目按轻重缓急重新论证、逐项核定。"
            "年初预算2,004.00万元，其中基本支出968.00万元、项目支出1,036.00万元。全年预算2,147.00万元，其中基本支出1,006.40万元、"
            "项目支出1,140.60万元。\n（二）预算执行情况\n2025年全年实际支出2,102.09万元，执行率97.91%。其中基本支出993.85万元，"
            "执行率98.75%；项目支出1,108.24万元，执行率97.16%。\n三、项目支出绩效自评情况\n"
            "2025年对全部3个项目开展绩效自评。纳入自评的3个项目全年预算合计1,140.60万元，实际支出合计1,108.24万元，执行率97.16%；"
            "各项目全年预算分别为708.60万元、252.00万元、180.00万元，实际支出分别为688.33万元、245.47万元、174.44万元。\n")
    report = _report(text)
    assert report["overall"]["initial_budget"] == Decimal("2004.00")
    summary = report["projects_summary"]
    assert (summary["adjusted_budget"], summary["final"]) == (Decimal("1140.60"), Decimal("1108.24"))
    assert summary["initial_budget"] == Decimal("1036.00")
    from jixiao.engine import Auditor

    result = Auditor(Options()).check_path("r.txt", text.encode("utf-8"))
    assert not [f for f in result.findings if f.rule_id in ("NAT-ARITH-003", "NAT-ARITH-004")], result.findings
    # (a project named in a clause that explains, with no figure after it: the next sentence is the department's)
    change = _report(TITLE_2025 + "二、部门预算及执行情况\n2025年全年实际支出3,505.41万元，执行率98.32%。截至2025年6月底累计支出1,498.62万元，"
                     "上半年进度偏慢，主要是高标准农田项目集中在下半年施工结算。与上年相比，2024年实际支出3,186.52万元，2025年增加"
                     "318.89万元，增长10.01%。\n")["overall"]
    assert (change["prior_year_final"], change["change_amount"], change["change_rate"]) == (
        Decimal("3186.52"), Decimal("318.89"), Decimal("10.01"))


def test_a_paragraph_opened_with_a_projects_name_and_a_colon_states_that_projects_figures():
    """农业机械购置补贴项目：全年补贴机具1260台。该项目执行率98.07%，自评得分99.18分: 该项目 is the project the paragraph
    opens with (its form says 99.81); 该项目2021年执行率…，自评得分98.65分 is another year's, each clause of it."""
    opening = "农业机械购置补贴项目：全年补贴机具1260台，覆盖全县12个乡镇。"
    [conflict] = _conflicts(DEPT + opening + "该项目执行率98.07%，自评得分99.18分，等级为“优”。\n\n" + FORM)
    assert conflict.pointer == "/projects/0/total_score" and conflict.values["second"] == Decimal("99.18")
    assert _conflicts(DEPT + opening + "该项目执行率98.07%，自评得分99.81分。该项目2021年执行率为97.84%，自评得分98.65分。\n\n"
                      + FORM) == []
    assert _conflicts(DEPT + opening + "较农机安全监理项目自评得分99.18分高。\n\n" + FORM) == []


# -- heldout49: a single project's report that goes through its parts ---------------------------------------------------
def test_a_score_after_a_parts_weight_is_that_parts():
    """（一）产出指标完成情况 … 产出指标分值50分，自评得分50.00分: the part's score, not the report's (it had made a false
    NAT-GRADE-001 and a false conflict with the form in five reports); a weight in brackets before the whole's score
    (按照…体系（资金执行率权重10分、产出指标权重50分…），本项目自评得分75.60分) leaves it the whole's."""
    title = "通榆县农村饮水安全巩固提升项目2024年度绩效自评报告\n"
    part = _report(title + "三、绩效目标完成情况\n（一）产出指标完成情况\n产出指标分值50分，自评得分50.00分。\n"
                   "四、自评结论\n经自评，通榆县农村饮水安全巩固提升项目2024年度绩效自评得分99.63分，自评等级为“优”。\n")
    assert part["overall"]["score"] == Decimal("99.63")
    whole = _report(title + "四、自评结论\n按照项目支出绩效自评指标体系（资金执行率权重10分、产出指标权重50分、效益指标权重30分、"
                    "满意度指标权重10分），本项目自评得分75.60分，其中资金执行率9.21分。\n")
    assert whole["overall"]["score"] == Decimal("75.60")


# -- heldout50: Shaanxi FY2025 reports (a second breakdown of the budget, the parts' budget and spending, points) ------
def test_the_budgets_second_breakdown_and_the_parts_spending_after_a_semicolon():
    """全年预算…，其中：本年财政拨款…；按支出性质分，基本支出…、项目支出…: the budget's parts, not the spending (they had
    made a false NAT-ARITH-002 and NAT-ARITH-003 in five reports); 其中：基本支出全年预算…，实际支出…；项目支出全年预算…，
    实际支出2,804.76万元: the department's 项目支出."""
    report = _report(TITLE_2025 + "二、部门预算及执行情况\n（一）预算安排情况\n全年预算9,886.40万元，其中：本年财政拨款9,843.80万元、"
                     "上年结转资金42.60万元；按支出性质分，基本支出7,012.60万元、项目支出2,873.80万元。\n（二）预算执行情况\n"
                     "2025年全年实际支出9,780.40万元，预算执行率98.93%。其中：基本支出全年预算7,012.60万元，实际支出6,975.64万元，"
                     "执行率99.47%；项目支出全年预算2,873.80万元，实际支出2,804.76万元，执行率97.60%。\n")["overall"]
    assert (report["basic_expenditure"], report["project_expenditure"]) == (Decimal("6975.64"), Decimal("2804.76"))


def test_an_indicators_score_in_the_prose_is_not_the_reports():
    """管护天然林面积：年度指标值≥236万亩，实际完成236万亩，得分15分（分值15分）: the indicator's score (it had made a
    false NAT-GRADE-001 and a false conflict with the form)."""
    title = "太白县天然林资源保护工程项目2025年度绩效自评报告\n"
    report = _report(title + "三、绩效目标完成情况\n管护天然林面积：年度指标值≥236万亩，实际完成236万亩，得分15分（分值15分）。\n"
                     "每亩管护费：年度指标值≤4.5元，实际完成4.38元，得分10分。\n四、自评结论\n经自评，太白县天然林资源保护工程项目2025年度"
                     "自评得分99.77分，等级为“优”。\n")
    assert report["overall"]["score"] == Decimal("99.77")


def test_a_point_made_in_a_sentence_of_its_own_is_no_section():
    """六、存在的问题 / （一）部分项目前期论证不够充分，…未达到预期目标。: a list item, so 七、 is the next section."""
    report = _report(TITLE_2025 + "六、存在的问题及原因\n（一）部分项目前期论证不够充分，项目区粮食亩产提高未达到预期目标。\n"
                     "（二）培训计划与农时衔接不够，培训人次未完成年度目标。\n七、下一步改进措施\n（一）加强项目储备\n")
    assert [(s["number"], s["title"]) for s in report["sections"]] == [
        ("六、", "存在的问题及原因"), ("七、", "下一步改进措施"), ("（一）", "加强项目储备")]
    # a measure set over a paragraph of its own stays a section, as the example reads; one followed by the next is an item
    measures = _report(TITLE_2025 + "五、整改措施及结果应用\n（一）建立全过程预算绩效管理链条，提高资金执行效率。\n"
                       "逐步建立起全方位、全过程、全覆盖的预算绩效自评体系，加强对资金使用情况的事中管理和监督。\n")
    assert [s["number"] for s in measures["sections"]] == ["五、", "（一）"]
    listed = _report(TITLE_2025 + "五、改进措施\n（一）提高预算编制质量，结合年度计划细化项目预算，减少年中追加。\n"
                     "（二）完善联合抽查计划会商机制，按季度调度进度。\n六、结果应用\n")
    assert [s["number"] for s in listed["sections"]] == ["五、", "六、"]


# -- heldout51: district departments of Shanghai and Tianjin, FY2025 ----------------------------------------------
def test_a_forms_funds_block_cut_by_a_page_break_goes_on_on_the_next_page():
    """A PDF form cut inside its funds block (年度资金总额 and 本年财政拨款 at the foot of a page, 上年结转资金 and 其他资金 at the
    top of the next, then the goals and the indicators), the next page's grid a column wider (9 against 8, split by the
    indicator rows): one form, its figures read from the columns counted from the right. Two of three project forms
    had each become a form without a name and one without indicators (56 fields wrong)."""
    from jixiao.engine import Auditor

    report = Auditor(Options()).check_path(str(CORPUS / "heldout51/tianjin-beichen-district-health-dept-2025-clean.pdf")).report
    projects = report["projects"]
    assert [p.get("name") for p in projects] == ["北辰区基本公共卫生服务项目", "北辰区家庭医生签约服务项目",
                                                "北辰区医疗卫生机构设备更新项目"]
    assert [len(p["indicators"]) for p in projects] == [8, 8, 8]
    last = projects[2]
    assert (last["adjusted_budget"], last["executed"], last["total_score"]) == (Decimal("818.40"), Decimal("803.01"),
                                                                                Decimal("98.61"))
    assert [(row["label"], row.get("adjusted_budget")) for row in last["fund_rows"]] == [
        ("本年财政拨款", Decimal("640.00")), ("上年结转资金", Decimal("58.40")), ("其他资金", Decimal("120.00"))]


# -- heldout53: townships and sub-districts, FY2025 ------------------------------------------------------------------
TOWN = "孝丰镇人民政府2025年度部门整体支出绩效自评报告\n"


def test_a_list_of_some_of_a_totals_parts_is_no_sum():
    """…401,760元，其中：思林社区37,800元、那王村32,400元、百渡村25,920元，其余村按管护里程核定发放 (or …25,920元等): the list names
    some villages only, so it is not checked against the total (a false NAT-ARITH-011); a complete list still is."""
    from jixiao.plugins.extractors.sums import read_sums

    head = "全年共发放管护员补助401,760元，其中：思林社区37,800元、那王村32,400元、百渡村25,920元"
    assert read_sums(head + "，其余村按管护里程核定发放。") == [] and read_sums(head + "等。") == []
    [found] = read_sums("全年共发放管护员补助96,120元，其中：思林社区37,800元、那王村32,400元、百渡村25,920元。")
    assert len(found["parts"]) == 3


def test_the_years_spending_against_last_years_after_a_sentence_about_a_part():
    """…基本支出中，人员经费…，公用经费…。2025年实际支出比上年实际支出2,260.00万元增加94.91万元，增长4.20%: a sentence that
    opens on the year's spending compares the whole, not the part the sentence before named."""
    report = _report(TOWN + "2025年实际支出2,354.91万元，预算执行率99.12%。基本支出中，人员经费1,479.77万元，公用经费411.07万元。"
                            "2025年实际支出比上年实际支出2,260.00万元增加94.91万元，增长4.20%。\n")
    overall = report["overall"]
    assert (overall["prior_year_final"], overall["change_amount"], overall["change_rate"]) == (
        Decimal("2260.00"), Decimal("94.91"), Decimal("4.20"))
    report = _report(TOWN + "2025年实际支出2,354.91万元。基本支出中，人员经费1,479.77万元。本年（2025年）实际支出比上年实际支出"
                            "2,260.00万元增加94.91万元，增长4.20%。\n")
    assert report["overall"]["change_amount"] == Decimal("94.91")  # (heldout54)


def test_projects_counted_then_all_evaluated_are_the_count_evaluated():
    report = _report(TOWN + "四、项目支出绩效自评情况\n2025年我镇项目支出共3个项目，全部纳入绩效自评，全年预算合计383.30万元。\n")
    assert (report["projects_summary"]["count"], report["projects_summary"]["evaluated_count"]) == (3, 3)
    report = _report(TOWN + "四、项目支出绩效自评情况\n2025年我镇共3个项目，其中2个项目纳入绩效自评。\n")
    assert report["projects_summary"].get("evaluated_count") != 3


def test_a_covers_title_with_its_project_under_it_is_a_project_report():
    """A cover (苏州市吴江区松陵街道办事处 / 2025年度财政支出绩效自评报告 / （老旧小区微更新项目） / 报送单位：… / 报送日期：…) and the
    report's own title above its first paragraph: a project report, titled by its own title, by the unit that sends
    it. The cover's subtitle had run into 报送单位 and the title into the first paragraph: a department report."""
    from jixiao.engine import Auditor

    report = Auditor(Options()).check_path(str(CORPUS / "heldout53/jiangsu-wujiang-songling-street-project-2025-clean.docx")).report
    assert (report["kind"], report["title"]) == ("project_self_evaluation", "松陵街道老旧小区微更新项目2025年度绩效自评报告")
    assert report["department"]["name"] == "苏州市吴江区松陵街道办事处" and report["overall"]["grade"] == "优"


# -- heldout54: what else lies in a bureau's folder beside the self-evaluations ----------------------------------------
def test_a_final_accounts_disclosure_titled_without_explanation_is_no_self_evaluation():
    """秭归县水利和湖泊局 2025 年度部门决算 / 第一部分 部门概况: the title ran into the first heading (it ends on no 报告) and went
    unread, so the 决算 was checked as a self-evaluation (three false errors); it is another document, not checked."""
    from jixiao.engine import Auditor

    result = Auditor(Options()).check_path(str(CORPUS / "heldout54/hubei-zigui-county-water-final-accounts-2025.pdf"))
    assert result.status == "not_checked" and result.report["title"] == "秭归县水利和湖泊局2025年度部门决算"
    assert not [f for f in result.findings if f.severity != "info"]


def test_another_documents_disclosure_is_not_the_reports():
    """（2024年度部门决算已于2025年9月12日在秭归县人民政府网站公开）before 本报告将于2026年3月16日前…公开: the report's own date."""
    report = _report(TOWN + "据已公开的部门决算，2024年度支出决算数为2,016.48万元（2024年度部门决算已于2025年9月12日在县政府网站公开）。\n"
                            "八、结果应用及公开情况\n本报告将于2026年3月16日前在县人民政府网站公开。\n报告日期：2026年3月27日\n")
    assert report["disclosure"]["date"] == "2026-03-16"


# -- heldout101, heldout102: a 部门整体 report's other tables, cross-year projects --------------------------------------
@pytest.mark.parametrize("name", ["shaanxi-chenggu-county-market-regulation-dept-2025-docx-sangong-clean.docx",
                                  "guizhou-meitan-county-agri-dept-2025-pdf-sangong-total.pdf"])
def test_a_goal_heading_then_a_header_row_takes_the_goal_from_the_row_under_the_header(name):
    """年度总体目标 on a row of its own under the fund rows, then 预期目标 | 实际完成情况 as a header, then the two texts:
    the goal is the text, not the header's 实际完成情况 (heldout101: four of six forms, in Word, PDF and a workbook; a Word and a PDF one here)."""
    from jixiao.engine import Auditor

    table = Auditor(Options()).check_path(str(CORPUS / "heldout101" / name)).report["department_table"]
    assert table["goal"].startswith(("全年完成食品安全监督抽检2400批次以上", "新建高标准农田2.6万亩"))
    assert table["goal_achieved"].startswith(("完成食品安全监督抽检2516批次", "新建高标准农田2.52万亩"))
    assert "实际完成情况" not in (table["goal"], table["goal_achieved"])


def test_a_workbook_of_forms_alone_is_titled_by_its_cover_sheet(tmp_path):
    """A cover sheet (湄潭县农业农村局2025年度项目支出绩效自评表 / 填报单位 / 填报日期) before the forms: the file's title is
    the cover's, not the first form's bare 项目支出绩效自评表 (heldout102)."""
    from jixiao.engine import Auditor

    path = CORPUS / "heldout102/guizhou-meitan-county-agri-project-2025-xlsx-partial-score.xlsx"
    result = Auditor(Options()).check_path(str(path))
    assert result.report["kind"] == "self_evaluation_tables"
    assert result.report["title"] == "湄潭县农业农村局2025年度项目支出绩效自评表"
    assert result.report["provenance"]["/title"]["sheet"] == "封面"
    assert result.report["provenance"]["/title"]["label"] == "标题"


# -- heldout103: deviations explained where the form's reason cell is not -------------------------------------------------
def test_a_grade_written_with_its_label_beside_the_total_is_the_forms_grade():
    """总分 | 100 | 96.37 | 自评等级：优: the grade and its label in one cell (heldout103, every form of a web copy)."""
    form = "\n".join([
        "项目支出绩效自评表", "（2025年度）", "项目名称\t略阳县农村公路养护项目",
        "主管部门\t略阳县交通运输局\t实施单位\t略阳县农村公路管理所",
        "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
        "年度资金总额\t1500.00\t1560.00\t1363.62\t10\t87.41%\t8.74",
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
        "产出指标\t数量指标\t农村公路日常养护里程\t≥1260公里\t1284公里\t90\t87.63\t—",
        "总分\t100\t96.37\t自评等级：优",
    ])
    [project] = _report(form)["projects"]
    assert (project["total_score"], project["grade"]) == (Decimal("96.37"), "优")


@pytest.mark.parametrize(("name", "indicator", "opening"), [
    ("liaoning-xifeng-county-civil-affairs-project-2025-docx-low-rate-clean.docx", "特困人员集中供养率", "偏差原因："),
    ("twins/guangxi-huanjiang-county-water-project-2025-xlsx-full-score-short.xlsx", "农村集中供水工程水质达标率", "偏差原因："),
])
def test_a_deviation_explained_in_the_prose_or_a_note_under_the_form_is_explained(name, indicator, opening):
    """An indicator short of its target whose reason cell is empty, explained in the report's 偏差分析 (a Word report) or
    in a 附注 row under the form (a workbook): its reason is that text, placed where it stands; the form's own cell stays
    as written, and NAT-CMP-001 still asks for the reason on the form, saying where the report gives it (it said there
    was none)."""
    from jixiao.engine import Auditor

    result = Auditor(Options()).check_path(str(CORPUS / "heldout103" / name))
    [project] = result.report["projects"]
    [(k, item)] = [(k, i) for k, i in enumerate(project["indicators"]) if i.get("level3") == indicator]
    assert item["deviation_reason_in_text"].startswith(opening)
    assert not item.get("deviation_reason") or item["deviation_reason"] in ("—", "无")
    place = result.report["provenance"][f"/projects/0/indicators/{k}/deviation_reason_in_text"]
    assert place["quote"] == item["deviation_reason_in_text"]
    [finding] = [f for f in result.findings if f.rule_id == "NAT-CMP-001" and f"“{indicator}”" in f.message]
    assert finding.severity == "warning" and "报告另有说明：“偏差原因：" in finding.message and "未说明" not in finding.message
    assert any(r.line == place["line"] for r in finding.related)


def test_a_reason_that_only_points_elsewhere_or_is_missing_is_no_reason():
    """(heldout103's planted fault) 养护路段优良路率 with — in its cell and a prose sentence that names it without a
    reason: still NAT-CMP-001."""
    from jixiao.engine import Auditor

    result = Auditor(Options()).check_path(str(CORPUS / "heldout103/shaanxi-lueyang-county-transport-project-2025-site-txt-dash-reason.txt"))
    assert [f.rule_id for f in result.findings if f.severity != "info"] == ["NAT-CMP-001"]
    assert all("deviation_reason_in_text" not in i or i["level3"] != "养护路段优良路率"
               for i in result.report["projects"][0]["indicators"])


def test_indicators_counted_under_the_projects_are_not_the_projects():
    """项目支出有2项指标未达到年度指标值 counts indicators, not projects (a false JX-CONFLICT against 共有项目15个)."""
    from jixiao.engine import Auditor

    result = Auditor(Options()).check_path(str(CORPUS / "heldout103/jiangsu-sheyang-county-agri-dept-2025-docx-prose-deviation-clean.docx"))
    assert result.report["projects_summary"]["count"] == 15
    assert "JX-CONFLICT" not in {f.rule_id for f in result.findings}


# -- heldout104: the apparatus of a long document -----------------------------------------------------------------------
def test_contents_copied_with_their_field_codes_and_footnotes_under_a_rule_are_not_the_report():
    """A web copy's 目录 whose entries end in Word's field code (一、项目基本情况 PAGEREF _Toc21873 h 1) gives no section;
    a footnote under its rule (————, ①2024年度…全年预算918.00万元…) is no figure of the report (three false errors)."""
    text = ("达拉特旗2025年退化林修复项目绩效自评报告\n目  录\n一、项目基本情况 PAGEREF _Toc21873 h 1\n"
            "二、项目资金使用及管理情况 PAGEREF _Toc11760 h 2\n"
            "一、项目基本情况\n项目年初预算980.00万元，全年预算1,126.40万元。\n二、项目资金使用及管理情况\n"
            "截至2025年12月31日，项目实际支出1,093.52万元，执行率97.08%。\n————————————\n"
            "①2024年度旗本级实施退化林修复3.6万亩，项目全年预算918.00万元，实际支出887.26万元，执行率96.65%。\n"
            "三、项目绩效目标完成情况\n")
    report = _report(text)
    assert [s["title"] for s in report["sections"]] == ["项目基本情况", "项目资金使用及管理情况", "项目绩效目标完成情况"]
    assert (report["overall"]["adjusted_budget"], report["overall"]["final"], report["overall"]["execution_rate"]) == (
        Decimal("1126.40"), Decimal("1093.52"), Decimal("97.08"))


def test_a_table_of_a_label_and_one_column_of_money_is_added_up():
    """表2 支出经济分类 · 实际支出 (two columns) with its 合计: NAT-ARITH-011 where the rows do not add up (heldout104's
    planted fault; tables of two columns were not added up at all)."""
    from jixiao.engine import Auditor

    result = Auditor(Options()).check_path(str(CORPUS / "heldout104/ningxia-yongning-county-agri-dept-2025-docx-toc-field-econ-sum.docx"))
    [finding] = [f for f in result.findings if f.severity != "info"]
    assert finding.rule_id == "NAT-ARITH-011" and "7111.87" in finding.message
    twin = Auditor(Options()).check_path(str(CORPUS / "heldout104/twins/ningxia-yongning-county-agri-dept-2025-docx-toc-field-econ-sum.docx"))
    assert not [f for f in twin.findings if f.severity != "info"]


# -- heldout105: forms written as lines of text --------------------------------------------------------------------------
FLAT = "\n".join([
    "东河街道2025年度项目支出绩效自评报告",
    "一、基本情况",
    "街道纳入自评的项目2个。",
    "自评表1",
    "项目名称：东河街道2025年社区居家养老服务项目",
    "主管部门：浈江区东河街道办事处；实施单位：东河街道社会事务办公室",
    "年度资金总额：年初预算96.00万元，全年预算100.20万元，全年执行97.53万元，执行率97.43%，分值10分，得分9.7分",
    "其中：财政拨款：年初预算86.00万元；全年预算86.00万元；全年执行83.62万元",
    "产出指标（分值50分）：",
    "（1）数量指标—居家养老服务人次。指标值：≥1.5万人次；完成值：1.56万人次；分值：10；得分：10；偏差原因：无",
    "（2）数量指标—助餐点覆盖社区数。指标值：≥8个；完成值：7个；分值：10；得分：8.75；偏差原因：一处选址消防验收未通过。",
    "总分：98.45分；自评等级：优",
    "二、结论",
    "两个项目均完成年度目标。",
])


def test_a_form_written_as_lines_is_read_as_a_form_with_its_cells_placed():
    """项目名称：… / 年度资金总额：年初预算…，全年预算…，全年执行…，执行率…，分值…，得分… / （1）…。指标值：…；完成值：…；分值：…；
    得分：…；偏差原因：… / 总分：…；自评等级：…: a form, each figure where it is written; its lines are no prose figures."""
    from jixiao.plugins.extractors.text import extract_text

    extraction = extract_text("r.txt", FLAT.encode("utf-8"), Options())
    [project] = extraction.report["projects"]
    assert project["name"] == "东河街道2025年社区居家养老服务项目"
    assert (project["initial_budget"], project["adjusted_budget"], project["executed"], project["execution_rate"]) == (
        Decimal("96.00"), Decimal("100.20"), Decimal("97.53"), Decimal("97.43"))
    assert (project["total_score"], project["grade"]) == (Decimal("98.45"), "优")
    first, second = project["indicators"]
    assert (first["level2"], first["level3"], first["target"], first["actual"], first["score"]) == (
        "数量指标", "居家养老服务人次", "≥1.5万人次", "1.56万人次", Decimal("10"))
    assert "deviation_reason" not in first  # (偏差原因：无 is no reason)
    assert second["deviation_reason"] == "一处选址消防验收未通过。"
    place = extraction.report["provenance"]["/projects/0/indicators/1/score"]
    assert (place["line"], place["quote"]) == (11, "8.75") and FLAT.splitlines()[10][place["column"] - 1:].startswith("8.75")
    assert "overall" not in extraction.report or "execution_rate" not in extraction.report["overall"]


def test_a_project_name_line_without_a_form_after_it_is_prose():
    text = FLAT.replace("总分：98.45分；自评等级：优\n", "")
    from jixiao.plugins.extractors.text import extract_text

    assert not extract_text("r.txt", text.encode("utf-8"), Options()).report.get("projects")


@pytest.mark.parametrize(("name", "rule"), [
    ("zhejiang-jiangshan-hecun-school-projects-2025-pdf-table-and-flat-clean.pdf", None),
    ("guangdong-zhenjiang-donghe-street-projects-2025-site-txt-flat-rate.txt", "NAT-ARITH-009"),
    ("jiangsu-sheyang-haihe-town-project-2025-docx-flat-partial-score.docx", "NAT-TBL-003"),
])
def test_forms_written_as_lines_in_pdf_web_copies_and_word_find_their_faults_and_no_others(name, rule):
    """A PDF whose records wrap (…分值10 / 分，得分9.67分), a web copy with three forms and the projects' figures in turn in its
    prose (项目全年预算243.80万元… 100.20万元…: each its project's, no conflict), Word paragraphs: only the planted fault."""
    from jixiao.engine import Auditor

    result = Auditor(Options()).check_path(str(CORPUS / "heldout105" / name))
    assert [f.rule_id for f in result.findings if f.severity != "info"] == ([rule] if rule else [])
    assert all(len(p["indicators"]) >= 7 for p in result.report["projects"])
    # named by the line (a Word paragraph) that holds the figure, never by a table the document does not have
    places = [p for f in result.findings if f.severity != "info" for p in [f.location, *f.related] if p is not None]
    assert all(p.table is None and p.row is None and p.col is None and p.line and p.quote for p in places), places
    if "table" not in name:  # (the PDF has a form in a table as well)
        assert not any("table" in p for p in result.report["provenance"].values()), name


def test_a_markdown_forms_label_lines_between_its_tables_and_an_apps_rules_are_read():
    """**项目名称**：… / **主管部门**：…　　**实施单位**：… above the funds table, the goals between it and the indicators,
    **自评等级**：优 under the 总分 row: the form's fields, each where it is written; ======== around a title is no text."""
    from jixiao.engine import Auditor

    auditor = Auditor(Options())
    report = auditor.check_path(str(CORPUS / "heldout105/yunnan-binchuan-lawu-township-projects-2025-md-table-and-flat-clean.md")).report
    first = report["projects"][0]
    assert (first["name"], first["supervisor"], first["implementer"], first["grade"]) == (
        "拉乌乡2025年高原特色水果产业发展项目", "宾川县拉乌彝族乡人民政府", "拉乌乡农业农村服务中心", "优")
    assert first["goal"].startswith("新植晚熟柑橘1200亩以上")
    assert report["provenance"]["/projects/0/supervisor"]["quote"] == "宾川县拉乌彝族乡人民政府"
    titled = auditor.check_path(str(CORPUS / "heldout105/gansu-qinan-xingguo-town-projects-2025-app-txt-flat-grade.txt")).report
    assert titled["title"] == "秦安县兴国镇人民政府2025年度项目支出绩效自评报告"


def test_a_budget_set_by_two_levels_and_a_dated_aside_keep_their_subjects_and_periods():
    """heldout117: 年初区级部门预算安排 is the initial budget (it was read as the year's budget, and called a conflict with
    it); a year named in an aside closed before a figure (延至2026年实施) does not make the figure another year's, while a
    bracket that only dates what follows (（截至2025年6月30日）累计支出) still does."""
    head = "延庆区园林绿化局2025年度部门整体支出绩效自评报告\n一、部门基本情况\n"
    project = "宝坻区2025年农村公路养护工程项目2025年度绩效自评报告\n一、绩效目标分解下达情况\n"
    report = _report(project + "　　2025年年初区级部门预算安排本项目2,360.00万元，全部为当年财政拨款。\n")
    assert report["overall"]["initial_budget"] == Decimal("2360.00") and "adjusted_budget" not in report["overall"]
    aside = ("　　年中调减区级财政资金1,377.11万元（主要是部分造林地块延至2026年实施，相应资金收回区财政统筹），追加市级转移支付"
             "资金4,042.45万元，全年预算21,307.64万元。\n")
    assert _report(head + aside)["overall"]["adjusted_budget"] == Decimal("21307.64")
    dated = "　　年中（截至2025年6月30日）全局累计支出9,238.46万元，占全年预算的47.66%。\n"
    assert "final" not in _report(head + dated).get("overall", {})
    scored = "　　部门整体支出绩效自评总分为96.53分（2022年度为95.87分），等级为“优”。\n"
    assert _report(head + scored)["overall"]["grade"] == "优"


def _paired_form(path: Path, score: str) -> Path:
    """A Word 自评表 giving weight and score in one column, 分值/得分 over 10/9.77 (heldout108's 龙游 form): merged over
    two slots in the funds block, one slot in the indicators block."""
    import docx

    rows = [["项目名称", "龙游县2025年基本公共卫生服务项目", None, None, None, None, None, None],
            ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "执行率", "分值/得分", None],
            ["年度资金总额", None, "1,486.00", "1,615.65", "1,581.18", "97.87%", "10/9.79", None],
            ["其中：本年财政拨款", None, "1,486.00", "1,552.40", "1,517.93", "", "", ""],
            ["上年结转资金", None, "0.00", "63.25", "63.25", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值/得分", "偏差原因分析及改进措施", None],
            ["产出指标", "数量指标", "老年人健康管理人数", "≥5.2万人", "5.08万人", f"10/{score}", "部分老年人常年在外地居住。", None],
            ["产出指标", "质量指标", "电子健康档案建档率", "≥90%", "91.8%", "40/40", "", None],
            ["效益指标", "社会效益指标", "居民健康素养水平", "≥33%", "34.2%", "30/30", "", None],
            ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "92.1%", "10/10", "", None],
            ["总分", None, None, None, None, "100/99.56", "", None]]
    document = docx.Document()
    document.add_paragraph("龙游县2025年基本公共卫生服务项目绩效自评报告")
    table = document.add_table(rows=len(rows), cols=8)
    for r, values in enumerate(rows):
        c = 0
        while c < 8:
            end = c
            while end + 1 < 8 and values[end + 1] is None:
                end += 1
            cell = table.cell(r, c) if end == c else table.cell(r, c).merge(table.cell(r, end))
            cell.text = values[c] or ""
            c = end + 1
    document.save(path)
    return path


def test_weight_and_score_in_one_column_are_read_as_two(tmp_path):
    from tests.helpers import check_file, problems

    right = check_file(_paired_form(tmp_path / "right.docx", "9.77"))
    assert problems(right) == []
    [project] = right.report["projects"]
    assert (project["rate_weight"], project["rate_score"]) == (Decimal("10"), Decimal("9.79"))
    assert [(i["weight"], i["score"]) for i in project["indicators"]] == [
        (Decimal("10"), Decimal("9.77")), (Decimal("40"), Decimal("40")), (Decimal("30"), Decimal("30")),
        (Decimal("10"), Decimal("10"))]
    assert (project["weight_total"], project["total_score"]) == (Decimal("100"), Decimal("99.56"))
    wrong = check_file(_paired_form(tmp_path / "wrong.docx", "9.99"))
    assert set(problems(wrong)) == {"NAT-TBL-003", "NAT-GRADE-006"}
    [finding] = [f for f in wrong.findings if f.rule_id == "NAT-TBL-003"]
    assert (finding.location.row, finding.location.col) == (7, 6)  # (the cell as printed: 10/9.99 in column 6)


ACROSS = [["项目名称", "平遥县2025年县级文物保护单位保养维护项目"],
          ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
          ["年度资金总额", "450.00", "511.10", "497.87", "10", "97.41%", "9.74"],
          ["其中：本年财政拨款", "420.00", "452.50", "441.87"],
          ["上年结转资金", "0.00", "28.60", "28.60"],
          ["其他资金", "30.00", "30.00", "27.40"],
          ["一级指标", "产出指标", "产出指标", "产出指标", "产出指标", "效益指标", "效益指标", "满意度指标"],
          ["二级指标", "数量指标", "质量指标", "时效指标", "成本指标", "社会效益指标", "可持续影响指标", "服务对象满意度指标"],
          ["三级指标", "保养维护文物点", "工程验收合格率", "完工时间", "单处平均保养维护成本", "开放接待人次", "受益单位", "游客满意度"],
          ["年度指标值", "≥46处", "100%", "2025年11月30日前", "≤10.5万元", "≥38万人次", "全面落实", "≥90%"],
          ["实际完成值", "46处", "100%", "2025年11月25日", "10.82万元", "36.9万人次", "全面落实", "94.2%"],
          ["分值", "15", "15", "10", "10", "15", "15", "10"],
          ["得分", "15", "15", "10", "{score}", "14.57", "15", "10"],
          ["偏差原因分析及改进措施", "", "", "", "屋面渗漏较预估严重。", "两处文物点施工闭馆。", "", ""],
          ["分值合计", "100"],
          ["总分", "99.01"]]


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_an_indicator_block_written_across_is_read_as_rows_and_its_cells_named_where_they_stand(tmp_path, suffix):
    """heldout108's 平遥 form: one indicator per column, its levels, target, actual, 分值 and 得分 as rows, the totals
    on rows of their own under it."""
    from tests.helpers import check_file, problems, word_with_table

    def form(score: str) -> Path:
        rows = [[value.format(score=score) for value in row] for row in ACROSS]
        path = tmp_path / f"{score}{suffix}"
        if suffix == ".docx":
            return word_with_table(path, ["平遥县2025年县级文物保护单位保养维护项目绩效自评表"], rows)
        import openpyxl

        book = openpyxl.Workbook()
        for row in rows:
            book.active.append([float(v) if v.replace(".", "", 1).isdigit() else v for v in row])
        book.save(path)
        return path

    right = check_file(form("9.70"))
    assert problems(right) == []
    [project] = right.report["projects"]
    assert [i["level3"] for i in project["indicators"]][:2] == ["保养维护文物点", "工程验收合格率"]
    assert len(project["indicators"]) == 7 and project["indicators"][3]["score"] == Decimal("9.7")
    assert project["indicators"][4]["deviation_reason"] == "两处文物点施工闭馆。"
    assert (project["weight_total"], project["total_score"]) == (Decimal("100"), Decimal("99.01"))
    wrong = check_file(form("9.90"))
    assert "NAT-TBL-003" in problems(wrong)
    [finding] = [f for f in wrong.findings if f.rule_id == "NAT-TBL-003"]
    if suffix == ".xlsx":
        assert finding.location.cell == "E13"  # (the 得分 row, the 4th indicator's column: where the reviewer looks)
    else:
        assert (finding.location.row, finding.location.col) == (13, 5)


def test_a_form_whose_indicators_are_not_read_says_so(tmp_path):
    """A form listing indicators in a layout jixiao does not read is never a silent pass: an info names the form and
    what was not checked (here the block written across without its 分值 and 得分 rows)."""
    from tests.helpers import check_rows

    rows = [[value.format(score="9.70") for value in row] for row in ACROSS if row[0] not in ("分值", "得分")]
    result = check_rows(tmp_path / "across.xlsx", rows)
    [said] = [f for f in result.findings if f.values.get("problem") == "indicators_not_read"]
    assert said.severity == "info" and "平遥县2025年县级文物保护单位保养维护项目" in said.message
    assert "/projects/0/indicators" in result.report["extraction"]["unread"]


def test_aid_funds_rates_and_bracketed_index_labels(tmp_path):
    """heldout118: 援疆资金支付率98.52% is the aid funds' rate, not the project's (it was called a conflict with the
    form's rate); a portal's index printed with its labels in brackets ([ 发布日期 ] 2026-03-31) is chrome whose date is
    the posting date; an index with only a 生成日期 gives that as the posting date."""
    project = "疏附县2025年援疆设施农业提质增效项目绩效自评报告\n一、项目基本情况\n"
    aid = ("　　截至2025年12月31日，项目实际支付1,115.98万元，其中援疆资金906.42万元、县本级资金209.56万元；援疆资金支付率98.52%，"
           "县本级资金支付率96.66%。\n")
    assert "execution_rate" not in _report(project + aid).get("overall", {})
    page = ("首页　政务公开\n[ 索引号 ] 11500232MB1P41276X/2026-00019 [ 发文字号 ]\n[ 发布机构 ] 武隆区水利局 [ 发布日期 ] 2026-03-31\n"
            "[ 成文日期 ] 2026-03-24 [ 有效性 ]\n重庆市武隆区水利局2025年度部门整体支出绩效自评报告\n一、基本情况\n"
            "　　2025年部门全年预算收入7,273.75万元。\n")
    report = _report(page)
    assert report["disclosure"]["date"] == "2026-03-31"
    assert report["title"] == "重庆市武隆区水利局2025年度部门整体支出绩效自评报告"
    generated = page.replace("[ 发布机构 ] 武隆区水利局 [ 发布日期 ] 2026-03-31\n", "").replace(
        "[ 索引号 ] 11500232MB1P41276X/2026-00019 [ 发文字号 ]", "索 引 号：640323003/2026-00057　文　　号：　生成日期：2026-03-27")
    assert _report(generated)["disclosure"]["date"] == "2026-03-27"


def test_a_web_copys_total_row_fitted_right_under_the_header_is_read_in_order(tmp_path):
    """heldout119's 清姜 page: 总分 | 100 | 99.12 | 等级 | 优 under a nine-column header is fitted right, so 99.12 stood
    under 分值 (a false NAT-GRADE-009); two figures of which only one stands under 分值 or 得分 are 分值 then 得分."""
    from tests.helpers import check_text, problems

    lines = ["清姜街道办事处2025年度社区服务群众专项经费项目绩效自评报告", "一、项目基本情况", "项目支出绩效自评表",
             "项目名称\t社区服务群众专项经费项目",
             "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
             "年度资金总额\t198.00\t235.45\t229.23\t10\t97.36%\t9.74",
             "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
             "产出指标\t数量指标\t保障社区数量\t=11个\t11个\t40\t40\t",
             "效益指标\t社会效益指标\t诉求办结率\t≥95%\t97.2%\t40\t39.38\t个别诉求跨年办结",
             "满意度指标\t服务对象满意度指标\t居民满意度\t≥90%\t94.1%\t10\t10\t",
             "总分\t100\t99.12\t等级\t优"]
    result = check_text(tmp_path, lines)
    [project] = result.report["projects"]
    assert (project["weight_total"], project["total_score"]) == (Decimal("100"), Decimal("99.12"))
    assert "NAT-GRADE-009" not in problems(result)
