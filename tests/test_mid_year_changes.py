"""Budgets and targets changed during the year (heldout84) and a form read from an OpenDocument sheet (heldout83): what
was added or cut, the change against the 年初 budget, a mid-year monitoring's rate, and a deduction's reason that opens
on the goal's words are none of the year's own figures or labels. Each test writes a report as a text file (or a
workbook) and checks it with the real extractors and the built-in packs."""

from __future__ import annotations

from tests.helpers import check_rows, check_text, problems

DEPT = ["婺源县农业农村局2025年度部门整体支出绩效自评报告", "一、基本情况", "二、预算编制及执行情况"]
BUDGET = "　　2025年部门年初预算数6,842.50万元，其中基本支出2,936.50万元、项目支出3,906.00万元。"
ADJUSTED = ("　　调整后部门全年预算数7,616.90万元，其中基本支出3,032.70万元、项目支出4,584.20万元，较年初预算增加774.40万元，"
            "预算调整率为11.32%。")
SPENT = ("　　2025年部门实际支出7,481.01万元，执行率98.22%（实际支出÷全年预算数，本报告执行率均按此口径计算）。其中基本支出"
         "3,018.64万元，占全年基本支出预算的99.54%；项目支出4,462.37万元，执行率97.34%。")


def overall(result) -> dict[str, str]:
    return {key: str(value) for key, value in result.report["overall"].items() if not isinstance(value, (dict, list))}


def test_what_was_added_and_its_parts_are_not_the_years_figures(tmp_path):
    added = "　　年中追加预算1,186.40万元，其中基本支出96.20万元（调整工资标准），项目支出1,090.20万元（高标准农田860.00万元、人居环境230.20万元）。"
    result = check_text(tmp_path, [*DEPT, BUDGET, added, ADJUSTED, SPENT])
    figures = overall(result)
    assert (figures["initial_budget"], figures["adjusted_budget"], figures["final"]) == ("6842.50", "7616.90", "7481.01")
    # the addition's parts are not the spending's; the change against the 年初 budget is not the 年初 budget; the rate's
    # bracketed definition (…÷全年预算数) is not what the 其中 after it breaks down
    assert (figures["basic_expenditure"], figures["project_expenditure"]) == ("3018.64", "4462.37")
    assert problems(result) == []


def test_a_wrong_rate_is_still_found_among_the_changes(tmp_path):
    added = "　　年中追加预算1,186.40万元，其中基本支出96.20万元，项目支出1,090.20万元。"
    result = check_text(tmp_path, [*DEPT, BUDGET, added, ADJUSTED, SPENT.replace("执行率98.22%", "执行率98.86%")])
    assert problems(result) == ["NAT-ARITH-001"]


def test_a_mid_year_monitorings_rate_is_not_the_years(tmp_path):
    lines = ["开化县林业局2025年度松材线虫病防治项目绩效自评报告", "一、项目基本情况",
             "　　项目全年预算761.50万元，截至2025年12月31日，项目实际支出744.92万元，执行率97.82%。",
             "　　2025年8月底运行监控时，项目支出439.28万元，按当时的预算数706.50万元计算，执行进度为62.18%。9月追加资金后，"
             "年底执行率达到97.82%。"]
    result = check_text(tmp_path, lines)
    assert problems(result) == []
    assert str(result.report["overall"]["execution_rate"]) == "97.82"
    # the same rate stated wrongly is still the year's
    wrong = check_text(tmp_path, [*lines[:2], lines[2].replace("97.82%", "98.72%"), lines[3]], name="wrong.txt")
    assert "NAT-ARITH-001" in problems(wrong)


def test_a_deductions_reason_opening_on_the_goals_words_keeps_its_indicator_row(tmp_path):
    rows = [["项目支出绩效自评表（2025年度）", None, None, None, None, None, None, None],
            ["项目名称", "城乡义务教育经费保障机制项目", None, None, None, None, None, None],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", None],
            ["年度资金总额", "3,860.00", "4,212.46", "4,128.93", "10", "98.02%", "9.80", None],
            ["年度总体目标", "保障58所义务教育学校公用经费", None, None, None, None, None, None],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["产出指标", "数量指标", "公用经费保障学校数", "≥58所", "58所", "30", "30", None],
            ["产出指标", "数量指标", "免费教科书覆盖学生数", "≥2.7万人", "2.64万人", "20", "19.56",
             "年度目标按2024年秋季学生数测算，2025年秋季在校生减少；2026年按实际学籍数设定目标。"],
            ["效益指标", "社会效益指标", "义务教育巩固率", "≥98%", "99.3%", "30", "30", None],
            ["满意度指标", "服务对象满意度指标", "学生家长满意度", "≥90%", "93.8%", "10", "10", None],
            ["总分", None, None, None, None, "100", "99.36", None],
            ["自评等级", "优", None, None, None, None, None, None]]
    result = check_rows(tmp_path / "自评表.xlsx", rows)
    project = result.report["projects"][0]
    assert [i["level3"] for i in project["indicators"]] == ["公用经费保障学校数", "免费教科书覆盖学生数", "义务教育巩固率",
                                                              "学生家长满意度"]
    assert project["goal"] == "保障58所义务教育学校公用经费"
    assert problems(result) == []


def test_the_budget_after_an_addition_keeps_its_parts(tmp_path):
    # 年中追加调整后全年预算…，其中…: the budget after the addition, whose 其中 parts are the year's (the projects' budget)
    lines = ["西吉县水务局2025年度部门整体支出绩效自评报告", "一、基本情况", "二、预算编制及执行情况",
             "　　2025年年初预算3,864.20万元，其中基本支出1,126.40万元、项目支出2,737.80万元。年中追加调整后全年预算4,215.66万元，"
             "其中基本支出1,158.92万元、项目支出3,056.74万元。"]
    result = check_text(tmp_path, lines)
    assert str(result.report["projects_summary"]["adjusted_budget"]) == "3056.74"
    assert str(result.report["overall"]["adjusted_budget"]) == "4215.66"
