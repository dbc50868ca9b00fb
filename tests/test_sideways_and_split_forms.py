"""Forms as they are really laid out: on landscape pages of a portrait PDF (turned by the page's /Rotate 90 or 270, or
drawn sideways on a portrait page), and as the 2024–2025 budget systems export them, an indicator over several
columns (指标方向 正向 / 反向 or ≥ / ≤ in a column of its own, a bare 年度指标值, its 计量单位 beside it)."""

from __future__ import annotations

from pathlib import Path

from helpers import check_file as check
from helpers import check_text, problems

SIDEWAYS = Path(__file__).parent / "corpus" / "heldout62"
SPLIT = Path(__file__).parent / "corpus" / "heldout63"




def test_forms_on_pages_turned_to_landscape_are_read_where_a_reviewer_sees_them():
    result = check(SIDEWAYS / "jiangxi-wuyuan-county-agri-dept-2025-rotated-pages-fund-sum.pdf")
    report = result.report
    assert str(report["department_table"]["executed"]) == "2113.32"  # (page 5, /Rotate 90)
    assert [p["name"] for p in report["projects"]] == ["婺源县茶产业高质量发展项目", "婺源县高标准农田建设管护项目"]
    assert [str(i["level1"]) for i in report["projects"][1]["indicators"]][:1] == ["产出指标"]
    found = [f for f in result.findings if f.rule_id == "NAT-TBL-001"]  # (page 7, /Rotate 270)
    assert len(found) == 1 and (found[0].location.page, found[0].location.table) == (7, 3)
    assert problems(result) == ["NAT-TBL-001"]
    twin = check(SIDEWAYS / "twins" / "jiangxi-wuyuan-county-agri-dept-2025-rotated-pages-fund-sum.pdf")
    assert problems(twin) == []


def test_a_form_drawn_sideways_on_a_portrait_page_is_read():
    report = check(SIDEWAYS / "gansu-linze-county-water-project-2025-sideways-form-clean.pdf").report
    project = report["projects"][0]
    assert project["name"] == "临泽县高效节水灌溉项目" and str(project["executed"]) == "638.97"
    assert str(project["total_score"]) == "99.35" and len(project["indicators"]) == 8


def test_the_way_a_pages_text_runs_is_told_from_its_lines():
    from jixiao.plugins.extractors.pdftables import _Char, _text_turn

    def line(number: int, step: tuple[float, float], count: int = 12) -> list[_Char]:
        return [_Char(k, "字", 100 + step[0] * k, 100 + step[1] * k, 110 + step[0] * k, 110 + step[1] * k, number, k)
                for k in range(count)]

    assert _text_turn(line(0, (0, 11)) + line(1, (0, 11))) == 1  # (bottom to top: /Rotate 90)
    assert _text_turn(line(0, (0, -11)) + line(1, (0, -11))) == -1  # (top to bottom: /Rotate 270)
    assert _text_turn(line(0, (11, 0)) + line(1, (11, 0))) == 0
    # a label set one character a line (年 / 度 / 预 / 算) beside ordinary lines: no turn
    stacked = [c for n in range(8) for c in line(n, (0, -11), count=1)]
    assert _text_turn(stacked + line(9, (11, 0), count=4)) == 0


def test_a_direction_column_says_which_way_an_indicator_is_met():
    # ≤ in its own column: 26 days against a limit of 30 is met, full marks are right (NAT-TBL-002 had said not met)
    result = check(SPLIT / "yunnan-binchuan-county-citrus-project-2025-xlsx-total-last-clean.xlsx")
    assert problems(result) == []
    limit = next(i for i in result.report["projects"][0]["indicators"] if i["level3"] == "补助资金兑付时限")
    assert limit["target"] == "≤30天" and limit["target_op"] == "<="
    # 反向 (less is better) in a 指标方向 column; 正向 reads ≥
    sishui = check(SPLIT / "shandong-sishui-county-agri-dept-2025-xlsx-dept-form-clean.xlsx")
    assert problems(sishui) == []
    pesticide = next(i for p in sishui.report["projects"] for i in p["indicators"] if i["level3"] == "化学农药使用量")
    assert pesticide["target"].startswith("≤") and pesticide["target_op"] == "<="


def test_a_reverse_indicator_not_met_but_given_full_marks_is_named_with_its_limit():
    result = check(SPLIT / "fujian-youxi-county-health-project-2025-pdf-reverse-full-marks.pdf")
    found = [f for f in result.findings if f.rule_id == "NAT-TBL-002"]
    assert len(found) == 1 and "年度指标值 ≤850元/台，实际完成 872" in found[0].message
    assert problems(check(SPLIT / "twins" / "fujian-youxi-county-health-project-2025-pdf-reverse-full-marks.pdf")) == []


def test_a_threshold_a_score_is_compared_with_is_no_score(tmp_path):
    lines = ["某县住房和城乡建设局2025年度农村生活污水处理设施运维项目绩效自评报告", "一、项目基本情况",
             "运维费用按季度考核结果拨付，考核得分低于85分的运维单位按合同扣减当季运维费用。", "二、自评结论",
             "项目自评总分98.84分，自评等级为“优”。"]
    result = check_text(tmp_path, lines)
    assert str(result.report["overall"]["score"]) == "98.84" and problems(result) == []


DEPARTMENT = Path(__file__).parent / "corpus" / "heldout64"


def test_a_scoring_form_beside_what_was_achieved_is_a_scoring_form_and_its_total_is_checked():
    # 评分标准 and 实际完成情况 columns, no 年度指标值: a 评分表, its 总分 against its rows (the 预算执行 group read whole)
    result = check(DEPARTMENT / "yunnan-chengjiang-culture-tourism-dept-2025-docx-scoring-total.docx")
    found = [f for f in result.findings if f.rule_id == "NAT-GRADE-010"]
    assert problems(result) == ["NAT-GRADE-010"] and "95.87" in found[0].message and "95.37" in found[0].message
    assert "department_table" not in result.report  # (no 自评表 taken from it)
    twin = check(DEPARTMENT / "twins" / "yunnan-chengjiang-culture-tourism-dept-2025-docx-scoring-total.docx")
    assert problems(twin) == []


def test_an_indicators_own_weight_follows_its_name_when_its_first_level_has_one_too(tmp_path):
    # 一级指标 · 分值 · 二级指标 · 三级指标 · 分值: the second 分值 is the indicator's (the first had been read: 15 of 40)
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目支出绩效自评表"])
    ws.append(["项目名称", "某县水库除险加固项目"])
    ws.append(["一级指标", "分值", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分", "偏差原因"])
    ws.append(["产出指标", "50", "数量指标", "除险加固水库座数", "25", "≥12座", "12座", "25", ""])
    ws.append(["产出指标", "50", "质量指标", "工程验收合格率", "25", "100%", "100%", "25", ""])
    ws.append(["效益指标", "40", "社会效益指标", "受益人口", "40", "≥3万人", "3.2万人", "40", ""])
    wb.save(str(tmp_path / "form.xlsx"))
    result = check(tmp_path / "form.xlsx")
    rows = {i["level3"]: (str(i["weight"]), str(i["score"])) for i in result.report["projects"][0]["indicators"]}
    assert rows == {"除险加固水库座数": ("25", "25"), "工程验收合格率": ("25", "25"), "受益人口": ("40", "40")}
    assert "NAT-CMP-001" not in problems(result)
    # the same layout scored by its 评分标准, what was achieved beside it and no target: a 评分表, no false deduction
    scored = check(DEPARTMENT / "hubei-yuanan-water-dept-2025-xlsx-formset-clean.xlsx")
    assert problems(scored) == [] and "department_table" not in scored.report


def test_an_item_of_a_scoring_form_told_in_prose_and_another_completion_rate_are_not_the_reports(tmp_path):
    lines = ["某县文化和旅游局2025年度部门整体支出绩效自评报告", "一、部门基本情况",
             "2025年部门实际支出2,637.51万元，部门整体预算执行率98.37%。", "二、绩效指标完成情况",
             "5.绩效目标合理性（4分）。部门整体绩效目标随预算编报，按评分标准得4分。",
             "三、自评结论", "经自评，部门整体支出绩效自评综合得分95.87分，自评等级为“优”。全年部门整体预算执行率98.37%，"
             "年度重点工作完成率93.75%。"]
    result = check_text(tmp_path, lines)
    assert str(result.report["overall"]["score"]) == "95.87"
    assert str(result.report["overall"]["execution_rate"]) == "98.37" and problems(result) == []


PERIODS = Path(__file__).parent / "corpus" / "heldout66"


def test_another_periods_columns_beside_this_years_are_not_this_years():
    # 上年实际完成值 · 年度指标值 · 年中调整后指标值 · 1—6月完成值 · 全年实际完成值; 1—6月执行数 · 执行进度 · 全年执行数
    result = check(PERIODS / "zhejiang-longyou-county-agri-project-2025-xlsx-adjusted-target-full-marks.xlsx")
    project = result.report["projects"][0]
    assert str(project["executed"]) == "3567.38" and str(project["execution_rate"]) == "98.37"
    area = project["indicators"][0]
    assert (area["actual"], area["adjusted_target"]) == ("1.14万亩", "≥1.2万亩")
    assert problems(result) == ["NAT-TBL-002"]  # (scored against the target as adjusted at mid-year)


def test_a_parts_score_in_a_sentence_opening_with_the_part_is_not_the_reports(tmp_path):
    lines = ["某县林业局2025年度油茶产业发展项目绩效自评报告", "一、项目绩效目标完成情况",
             "产出指标共5项，分值50分，自评得分49.40分。效益指标分值30分，自评得分30分。", "二、自评结论",
             "项目自评得分99.17分，自评等级为“优”。"]
    result = check_text(tmp_path, lines)
    assert str(result.report["overall"]["score"]) == "99.17" and problems(result) == []


def test_a_web_copied_form_with_other_periods_columns_aligns_its_rows_under_this_years_headers():
    # tab-separated, merged cells left out: 项目资金（万元） over two columns, 1—6月执行数 · 1—6月执行进度, 上年实际完成值, 备注
    result = check(PERIODS / "chongqing-wulong-district-culture-project-2025-txt-remark-missing-reason.txt")
    project = result.report["projects"][0]
    assert (str(project["adjusted_budget"]), str(project["executed"]), str(project["execution_rate"])) == \
        ("247.00", "241.46", "97.76")
    first = project["indicators"][0]
    assert (first["level1"], first["level3"], first["target"], first["actual"]) == \
        ("产出指标", "非遗传承人培训人次", "≥480人次", "505人次")
    assert "deviation_reason" not in first  # (备注：上年得分15 is no reason)
    assert problems(result) == ["NAT-CMP-001"]


def test_a_tables_year_rate_is_checked_beside_its_mid_year_columns():
    # 1—6月支出 · 6月底支出进度 · 全年支出 · 全年执行率: each row's year rate against the year's figures
    result = check(PERIODS / "guizhou-meitan-county-health-dept-2025-docx-unit-rate.docx")
    found = [f for f in result.findings if f.rule_id == "NAT-ARITH-012"]
    assert len(found) == 1 and "98.98%" in found[0].message and "1229.87 ÷ 1243.62" in found[0].message
    assert problems(check(PERIODS / "twins" / "guizhou-meitan-county-health-dept-2025-docx-unit-rate.docx")) == []


def test_items_of_a_heritage_list_are_not_the_projects(tmp_path):
    lines = ["某区文化旅游委2025年度非物质文化遗产保护传承项目绩效自评报告", "一、项目基本情况",
             "武隆区现有国家级非遗代表性项目1项、市级代表性项目12项、区级代表性项目46项，区级以上代表性传承人83名。"]
    result = check_text(tmp_path, lines)
    assert "count" not in result.report.get("projects_summary", {}) and "JX-CONFLICT" not in problems(result)


def test_a_column_headed_with_the_forms_own_year_is_the_years_and_an_earlier_years_is_not(tmp_path):
    # 2024年实际完成值 · 2025年实际完成值: the latest year's column is the year's own actual, where no column without a
    # year names it; the earlier year's stays another period's
    import openpyxl

    book = openpyxl.load_workbook(PERIODS / "zhejiang-longyou-county-agri-project-2025-xlsx-adjusted-target-full-marks.xlsx")
    book["自评表"]["G12"], book["自评表"]["H12"] = "2024年实际完成值", "2025年实际完成值"
    book.save(tmp_path / "form.xlsx")
    result = check(tmp_path / "form.xlsx")
    area = result.report["projects"][0]["indicators"][0]
    assert (area["actual"], area["adjusted_target"]) == ("1.14万亩", "≥1.2万亩")
    assert result.report["provenance"]["/projects/0/indicators/0/actual"]["cell"].startswith("H")
    assert problems(result) == ["NAT-TBL-002"]
