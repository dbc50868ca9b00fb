"""Multi-year projects (heldout74) and forms filled from an indicator library (heldout73): a whole period's or
cumulative column (项目总预算, 以前年度累计支出, 累计执行数, 累计执行率, 总体指标值, 累计完成值) beside the year's is not
the year's; a subset of a department's projects (跨年度项目共3个) is not all of them; a 运算符号 column gives the
comparison; the actual beside a 计量单位 column carries the unit; ★ marks no part of an indicator's name; 产出指标共4项，
自评得分35分 is the part's score. Corpus files are checked, and texts written to disk, with the real extractor and the
built-in packs."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import check_file, check_text, problems

CORPUS = Path(__file__).resolve().parent / "corpus"
MULTI = CORPUS / "heldout74"
LIBRARY = CORPUS / "heldout73"


def test_a_multiyear_forms_cumulative_columns_are_not_the_years():
    result = check_file(MULTI / "shandong-shouguang-city-platform-project-2025-multiyear-fund-sum.xlsx")
    project = result.report["projects"][0]
    # 以前年度累计执行数 936.40 and 累计执行数 2,080.47 stand beside 全年执行数 1,144.07; 总体指标值 ≥30万件 beside 年度 ≥12万件
    assert str(project["executed"]) == "1144.07"
    assert [row["label"] for row in project["fund_rows"]] == ["本年财政拨款", "上年结转资金", "其他资金"]
    first = project["indicators"][0]
    assert (first["target"], first["actual"]) == ("≥12万件", "12.6万件")
    assert problems(result) == ["NAT-TBL-001"]  # the planted fault only (1,004.72 + 63.60 + 76.20 ≠ 1,144.07)


def test_a_body_tables_year_rate_is_checked_beside_its_cumulative_rate():
    result = check_file(MULTI / "fujian-changting-forestry-dept-2025-multiyear-row-rate.docx")
    assert problems(result) == ["NAT-ARITH-012"]
    found = next(f for f in result.findings if f.rule_id == "NAT-ARITH-012")
    assert "97.38%" in found.message and "1741.37 ÷ 1780.00" in found.message
    summary = result.report["projects_summary"]
    # 本部门实施的跨年度项目共3个，2025年全年预算合计5,298.00万元: three of the four projects, not the projects
    assert summary["count"] == 4 and str(summary["adjusted_budget"]) == "5558.00"


def test_a_projects_report_titled_by_its_works_is_a_projects(tmp_path):
    result = check_text(tmp_path, ["临泽县城乡供水一体化工程2025年度绩效自评报告", "一、项目基本情况", "　　项目全年预算800.00万元。"])
    assert result.report["kind"] == "project_self_evaluation"


def test_an_operator_column_a_unit_column_and_a_core_mark():
    result = check_file(LIBRARY / "guangdong-yingde-city-agri-project-2025-xlsx-indicator-library-weight-sum.xlsx")
    indicators = result.report["projects"][0]["indicators"]
    first = indicators[0]
    # 指标性质 定量 · 指标方向 正向 · 运算符号 ≥ · 指标值 1.5 · 计量单位 万亩 · 实际完成值 1.56, the name marked ★
    assert (first["level3"], first["target"], first["actual"]) == ("茶园提质改造面积", "≥1.5万亩", "1.56万亩")
    reverse = next(i for i in indicators if i["level3"] == "亩均提质改造补助")
    assert (reverse["target"], reverse["actual"]) == ("≤300元/亩", "292元/亩")
    deadline = next(i for i in indicators if i["level3"] == "项目完工时间")
    assert deadline["target"] == "2025年11月30日前"  # (正向 gives no comparison to a date)
    assert problems(result) == ["NAT-GRADE-009"]  # (the weights add to 95%: the planted fault only)


def test_a_parts_score_in_a_sentence_opening_with_the_part_and_its_count_is_not_the_projects(tmp_path):
    lines = ["英德市农业农村局2025年度英德红茶产业提升项目绩效自评报告", "一、项目绩效目标完成情况",
             "　　产出指标共4项，自评得分35分。效益指标共2项，自评得分29.25分。", "二、自评结论",
             "　　项目自评得分94.05分，自评等级为“优”。"]
    result = check_text(tmp_path, lines)
    assert str(result.report["overall"]["score"]) == "94.05"
    assert problems(result) == []


def test_a_months_unit_is_not_joined_to_a_bare_actual(tmp_path):
    # 工程完工时间 ≤12 beside a 计量单位 of 月, actual 12: a month, left as written (NAT-CMP-003 would take 12月 for words)
    result = check_file(CORPUS / "heldout11" / "sichuan-city-tables-2021-partial-score.xlsx")
    assert "NAT-CMP-003" not in problems(result)
