"""Reading fixes found by the blind rounds heldout39 (the biggest files) and heldout40 (the report's prose against its
own forms); each test fails without its fix."""

from __future__ import annotations

from decimal import Decimal

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
