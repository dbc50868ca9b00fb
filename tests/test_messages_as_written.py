"""A ratio's expression in a message shows its figures as the page writes them: a report or a form in 元 is
read in 万元 (146,005,794.77 元 is 14600.579477 万元), and a reviewer looking for 14600.579477 on the page finds
nothing. Where every term of the expression was read from a bare figure in 元, the message quotes them;
where the units are mixed, every term is shown in 万元, so the expression still divides like with like."""

from __future__ import annotations

from tests.helpers import check_text

HEAD = ["株洲市生态环境局2025年度部门整体支出绩效自评报告", "一、部门基本情况", "二、部门整体支出情况"]


def _rate_message(result) -> str:
    found = [f for f in result.findings if f.rule_id == "NAT-ARITH-001"]
    assert len(found) == 1, [f.message for f in result.findings]
    return found[0].message


def test_a_rate_over_figures_in_yuan_quotes_them_as_written(tmp_path):
    line = "　　2025年全年预算153,646,568.50元，全年实际支出146,005,794.77元，部门预算执行率为95.30%。"
    message = _rate_message(check_text(tmp_path, [*HEAD, line]))
    assert "146,005,794.77 ÷ 153,646,568.50 × 100" in message
    assert "计算为 95.03%" in message
    assert "14600.579477" not in message


def test_a_rate_over_figures_in_mixed_units_shows_both_in_wan_yuan(tmp_path):
    line = "　　2025年全年预算15,364.66万元，全年实际支出146,005,794.77元，部门预算执行率为95.30%。"
    message = _rate_message(check_text(tmp_path, [*HEAD, line]))
    assert "14600.579477 ÷ 15364.66 × 100" in message  # like with like: both as read, in 万元


def test_a_rate_over_figures_in_wan_yuan_is_unchanged(tmp_path):
    line = "　　2025年全年预算15,364.66万元，全年实际支出14,600.58万元，部门预算执行率为95.30%。"
    message = _rate_message(check_text(tmp_path, [*HEAD, line]))
    assert "14600.58 ÷ 15364.66 × 100" in message


def test_the_rates_subject_is_what_the_reports_kind_calls_it(tmp_path):
    line = "　　2025年全年预算15,364.66万元，全年实际支出14,600.58万元，执行率为95.30%。"
    assert _rate_message(check_text(tmp_path, [*HEAD, line])).startswith("部门整体执行率：")
    project = ["株洲市生态环境局2025年度大气污染防治项目绩效自评报告", "一、项目基本情况"]
    assert _rate_message(check_text(tmp_path, [*project, line])).startswith("项目执行率：")
    fund = ["株洲市2025年度大气污染防治专项资金绩效自评报告", "一、专项资金基本情况"]
    assert _rate_message(check_text(tmp_path, [*fund, line])).startswith("专项资金执行率：")
    # and the note of what was not read calls the project's figures the project's
    result = check_text(tmp_path, [*project, "　　项目全年预算15,364.66万元。"])
    note = next(f for f in result.findings if f.values.get("not_found"))
    assert "项目决算数（执行数）" in note.message and "部门整体" not in note.message


def test_a_target_and_an_actual_are_quoted_as_the_form_writes_them():
    """An indicator's target and actual in a message are the cell's text (μg/m³, full-width digits), not the NFKC the
    comparison reads (μg/m3): a reviewer searches the page for what the message quotes."""
    from jixiao.engine import Auditor, Options

    report = {"kind": "project_self_evaluation", "fiscal_year": 2025, "projects": [{
        "name": "大气污染防治专项", "indicators": [
            {"level1": "效益指标", "name": "PM2.5年均浓度", "target": "≤38μg/m³", "actual": "39.6 μg/m³",
             "weight": 10, "score": 10},
            {"level1": "产出指标", "name": "改造户数", "target": "≥３２００户", "actual": "３１００户", "weight": 10, "score": 10}]}]}
    result = Auditor(Options(select=["NAT-TBL-002"])).check_report(report)
    messages = sorted(f.message for f in result.findings)
    assert len(messages) == 2, messages
    assert "年度指标值 ≤38μg/m³，实际完成 39.6 μg/m³" in messages[0]
    assert "年度指标值 ≥３２００户，实际完成 ３１００户" in messages[1]
