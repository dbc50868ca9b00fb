"""sum, ratio, difference, percent_change: pass, fail, rounding boundary, missing inputs."""

from decimal import Decimal as D

from helpers import minimal_report, rule_findings, run_rule, statuses

RATIO = {"kind": "ratio", "stated": "/projects_summary/execution_rate", "numerator": "/projects_summary/final",
         "denominator": ["/projects_summary/adjusted_budget", "/projects_summary/initial_budget"]}


def summary(**values):
    return minimal_report(projects_summary={k: D(v) if isinstance(v, str) else v for k, v in values.items()})


# --- ratio -------------------------------------------------------------------------------------

def test_ratio_face_value_match_passes(tmp_path):
    result = run_rule(tmp_path, RATIO, summary(final="49.9", initial_budget="91.92", execution_rate="54.29"))
    assert statuses(result) == {"T-RULE-001": "passed"}
    assert result.findings == []


def test_ratio_example_is_a_face_warning_not_an_error(tmp_path):
    result = run_rule(tmp_path, RATIO, summary(final="49.9", initial_budget="91.92", execution_rate="54.27"))
    [finding] = rule_findings(result)
    assert finding.severity == "warning"
    assert finding.values["stated"] == D("54.27")
    assert finding.values["computed"] == D("54.29")
    assert finding.values["interval"] == ["54.22", "54.35"]
    assert finding.values["verdict"] == "face"
    assert finding.values["expression"] == "49.9 ÷ 91.92 × 100"


def test_ratio_outside_the_interval_is_an_error(tmp_path):
    result = run_rule(tmp_path, RATIO, summary(final="49.9", initial_budget="91.92", execution_rate="58.00"))
    [finding] = rule_findings(result)
    assert finding.severity == "error"
    assert finding.values["verdict"] == "interval"


def test_ratio_face_severity_is_configurable(tmp_path):
    result = run_rule(tmp_path, {**RATIO, "face_severity": "info"},
                      summary(final="49.9", initial_budget="91.92", execution_rate="54.27"))
    assert [f.severity for f in rule_findings(result)] == ["info"]


def test_ratio_matches_either_denominator(tmp_path):
    # 80 ÷ 100 = 80% against the adjusted budget; 80 ÷ 90 = 88.89% against the initial one.
    for stated in ("80.00", "88.89"):
        result = run_rule(tmp_path, RATIO, summary(final="80", adjusted_budget="100", initial_budget="90",
                                                   execution_rate=stated))
        assert rule_findings(result) == [], stated
    result = run_rule(tmp_path, RATIO, summary(final="80", adjusted_budget="100", initial_budget="90",
                                               execution_rate="70.00"))
    [finding] = rule_findings(result)
    assert finding.severity == "error"
    assert len(finding.values["alternatives"]) == 2


def test_ratio_rounding_half_up_at_half_a_unit(tmp_path):
    # 1 ÷ 8 = 12.5% exactly: stated with no decimals it rounds half up to 13.
    report = summary(final="1.000", initial_budget="8.000", execution_rate="13")
    assert rule_findings(run_rule(tmp_path, RATIO, report)) == []
    report = summary(final="1.000", initial_budget="8.000", execution_rate="12")
    [finding] = rule_findings(run_rule(tmp_path, RATIO, report))
    assert finding.values["computed"] == D("13")


def test_ratio_missing_inputs_is_skipped_not_passed(tmp_path):
    result = run_rule(tmp_path, RATIO, summary(final="49.9", execution_rate="54.27"))
    assert statuses(result) == {"T-RULE-001": "skipped"}
    assert "initial_budget" in result.rule_runs[0].reason


def test_ratio_zero_denominator_is_skipped(tmp_path):
    result = run_rule(tmp_path, RATIO, summary(final="0", initial_budget="0", execution_rate="0"))
    assert statuses(result) == {"T-RULE-001": "skipped"}


def test_ratio_with_exact_counts(tmp_path):
    rule = {"kind": "ratio", "stated": "/projects_summary/excellent_rate", "numerator": "/projects_summary/grade_counts/excellent",
            "denominator": "/projects_summary/evaluated_count", "exact_inputs": True}
    ok = minimal_report(projects_summary={"evaluated_count": 3, "excellent_rate": D("66.67"), "grade_counts": {"excellent": 2}})
    assert rule_findings(run_rule(tmp_path, rule, ok)) == []
    wrong = minimal_report(projects_summary={"evaluated_count": 3, "excellent_rate": D("50"), "grade_counts": {"excellent": 2}})
    assert [f.severity for f in rule_findings(run_rule(tmp_path, rule, wrong))] == ["error"]


def test_ratio_per_project_with_wildcards(tmp_path):
    rule = {"kind": "ratio", "stated": "/projects/*/execution_rate", "numerator": "/projects/*/executed",
            "denominator": "/projects/*/adjusted_budget"}
    report = minimal_report(projects=[
        {"name": "甲", "executed": D("8.00"), "adjusted_budget": D("10.00"), "execution_rate": D("80.00")},
        {"name": "乙", "executed": D("9.00"), "adjusted_budget": D("10.00"), "execution_rate": D("80.00")},
        {"name": "丙"},
    ])
    result = run_rule(tmp_path, rule, report)
    assert [f.pointer for f in rule_findings(result)] == ["/projects/1/execution_rate"]


# --- sum -----------------------------------------------------------------------------------------

SUM = {"kind": "sum", "total": "/overall/final",
       "parts": ["/overall/basic_expenditure", "/overall/project_expenditure", "/overall/other_expenditure"],
       "optional_parts": ["/overall/other_expenditure"]}


def overall(**values):
    return minimal_report(overall={k: D(v) for k, v in values.items()})


def test_sum_passes_and_optional_part_counts_as_zero(tmp_path):
    assert rule_findings(run_rule(tmp_path, SUM, overall(final="169.02", basic_expenditure="119.12", project_expenditure="49.9"))) == []


def test_sum_fails_outside_rounding(tmp_path):
    [finding] = rule_findings(run_rule(tmp_path, SUM, overall(final="170.02", basic_expenditure="119.12", project_expenditure="49.9")))
    assert finding.severity == "error"
    assert finding.values["computed"] == D("169.02")


def test_sum_face_mismatch_within_rounding_is_a_warning(tmp_path):
    # 1.1 + 2.2 stated to one decimal can be as much as 3.4 in truth; 3.4 stated is a rounding slip.
    [finding] = rule_findings(run_rule(tmp_path, SUM, overall(final="3.4", basic_expenditure="1.1", project_expenditure="2.2")))
    assert finding.severity == "warning"


def test_sum_required_part_missing_is_skipped(tmp_path):
    result = run_rule(tmp_path, SUM, overall(final="169.02", basic_expenditure="119.12"))
    assert statuses(result) == {"T-RULE-001": "skipped"}


def test_sum_exact_counts_over_array(tmp_path):
    rule = {"kind": "sum", "exact": True, "total": "/projects_summary/evaluated_count", "parts": ["/projects_summary/fund_types/*/count"]}
    report = minimal_report(projects_summary={"evaluated_count": 6, "fund_types": [{"type": "a", "count": 2}, {"type": "b", "count": 3}]})
    [finding] = rule_findings(run_rule(tmp_path, rule, report))
    assert finding.values["computed"] == D(5) and finding.severity == "error"
    report["projects_summary"]["fund_types"].append({"type": "c", "count": 1})
    assert rule_findings(run_rule(tmp_path, rule, report)) == []


def test_sum_nested_wildcards_bind_per_project(tmp_path):
    rule = {"kind": "sum", "total": "/projects/*/total_score", "parts": ["/projects/*/rate_score", "/projects/*/indicators/*/score"]}
    report = minimal_report(projects=[
        {"name": "甲", "rate_score": D("10"), "total_score": D("90"), "indicators": [{"score": D("50")}, {"score": D("30")}]},
        {"name": "乙", "rate_score": D("8"), "total_score": D("90"), "indicators": [{"score": D("50")}, {"score": D("30")}]},
    ])
    result = run_rule(tmp_path, rule, report)
    assert [f.pointer for f in rule_findings(result)] == ["/projects/1/total_score"]


def test_sum_fixed_total(tmp_path):
    rule = {"kind": "sum", "total_value": 100, "each": "/projects/*", "parts": ["/projects/*/rate_weight", "/projects/*/indicators/*/weight"]}
    good = {"name": "甲", "rate_weight": 10, "indicators": [{"weight": 50}, {"weight": 40}]}
    bad = {"name": "乙", "rate_weight": 10, "indicators": [{"weight": 50}, {"weight": 30}]}
    assert rule_findings(run_rule(tmp_path, rule, minimal_report(projects=[good, good]))) == []
    [finding] = rule_findings(run_rule(tmp_path, rule, minimal_report(projects=[good, bad])))
    assert finding.values["computed"] == D(90) and finding.pointer == "/projects/1/rate_weight"


def test_sum_tolerance(tmp_path):
    report = overall(final="169.03", basic_expenditure="119.12", project_expenditure="49.90")
    assert rule_findings(run_rule(tmp_path, SUM, report))
    assert rule_findings(run_rule(tmp_path, {**SUM, "tolerance": "0.01"}, report)) == []


# --- difference and percent_change -------------------------------------------------------------

def test_difference(tmp_path):
    rule = {"kind": "difference", "stated": "/overall/change_amount", "minuend": "/overall/final", "subtrahend": "/overall/prior_year_final"}
    assert rule_findings(run_rule(tmp_path, rule, overall(final="169.02", prior_year_final="204.30", change_amount="-35.28"))) == []
    [finding] = rule_findings(run_rule(tmp_path, rule, overall(final="169.02", prior_year_final="204.30", change_amount="-30.28")))
    assert finding.severity == "error"
    assert statuses(run_rule(tmp_path, rule, overall(final="169.02", change_amount="-35.28")))["T-RULE-001"] == "skipped"


PCT = {"kind": "percent_change", "stated": "/overall/change_rate", "current": "/overall/final",
       "prior": "/overall/prior_year_final", "change": "/overall/change_amount"}


def test_percent_change_from_the_change_amount(tmp_path):
    # The example: 减少 35.28 万元，降低 17.3%; prior = 169.02 + 35.28 = 204.30.
    assert rule_findings(run_rule(tmp_path, PCT, overall(final="169.02", change_amount="-35.28", change_rate="-17.3"))) == []
    [finding] = rule_findings(run_rule(tmp_path, PCT, overall(final="169.02", change_amount="-35.28", change_rate="17.3")))
    assert finding.severity == "error"


def test_percent_change_from_the_prior_figure(tmp_path):
    assert rule_findings(run_rule(tmp_path, PCT, overall(final="110", prior_year_final="100", change_rate="10.0"))) == []
    assert rule_findings(run_rule(tmp_path, PCT, overall(final="110", prior_year_final="100", change_rate="11.0")))


def test_percent_change_missing_is_skipped(tmp_path):
    assert statuses(run_rule(tmp_path, PCT, overall(final="110", change_rate="10.0")))["T-RULE-001"] == "skipped"


def test_messages_in_english(tmp_path):
    result = run_rule(tmp_path, RATIO, summary(final="49.9", initial_budget="91.92", execution_rate="54.27"), lang="en")
    assert rule_findings(result)[0].message == "found 54.27"


# --- found in review ---------------------------------------------------------------------------

def test_fixed_total_is_exact(tmp_path):
    rule = {"kind": "sum", "total_value": 100, "each": "/projects/*", "parts": ["/projects/*/rate_weight", "/projects/*/indicators/*/weight"]}
    for weights, fails in (([50, 30, 9], True), ([50, 30, 12], True), ([50, 30, 10], False)):
        report = minimal_report(projects=[{"name": "甲", "rate_weight": 10, "indicators": [{"weight": w} for w in weights]}])
        assert bool(rule_findings(run_rule(tmp_path, rule, report))) is fails, weights


def test_short_denominator_labels_keep_every_alternative(tmp_path):
    rule = {**RATIO, "denominator_labels": ["全年预算"]}
    report = summary(final="169.02", adjusted_budget="180", initial_budget="199.09", execution_rate="84.9")
    assert rule_findings(run_rule(tmp_path, rule, report)) == []


def test_change_rate_interval_is_tight(tmp_path):
    # (50 − 100) ÷ 100 = −50%; with the inputs' rounding the truth lies in [−50.75, −49.25]: −51.0 is an error
    [finding] = rule_findings(run_rule(tmp_path, PCT, overall(final="50", prior_year_final="100", change_rate="-51.0")))
    assert finding.severity == "error"
    [finding] = rule_findings(run_rule(tmp_path, PCT, overall(final="50", change_amount="-50", change_rate="-51.0")))
    assert finding.severity == "error"
    [finding] = rule_findings(run_rule(tmp_path, PCT, overall(final="50", prior_year_final="100", change_rate="-50.5")))
    assert finding.severity == "warning"


def test_figures_stated_in_larger_units_keep_their_precision(tmp_path):
    # 1.23 亿元 = 1.23E+4 万元: anything from 12,250 to 12,350; 12000 ÷ 12345 = 97.2%, so 97.2% is only a slip
    report = overall(initial_budget="1.23E+4", final="12000", execution_rate="97.2")
    rule = {"kind": "ratio", "stated": "/overall/execution_rate", "numerator": "/overall/final", "denominator": "/overall/initial_budget"}
    [finding] = rule_findings(run_rule(tmp_path, rule, report))
    assert finding.severity == "warning" and finding.values["computed"] == D("97.6")


def test_too_many_decimals_is_not_a_number(tmp_path):
    report = summary(final="49.9", initial_budget="91.92", execution_rate="54." + "3" * 40)
    assert statuses(run_rule(tmp_path, RATIO, report))["T-RULE-001"] == "skipped"


def test_a_figure_converted_from_yuan_is_shown_without_its_zeros_past_the_fen():
    """16,824,300.00 元 is 1682.430000 万元, precise to the 分: the check keeps every decimal, the message shows 1682.43
    (heldout25's message had read 1682.430000 + 512.36 + 184.68); a figure stated with its own decimals stays as stated."""
    from decimal import Decimal

    from jixiao.engine import Auditor, Options

    report = {"kind": "department_self_evaluation", "fiscal_year": 2022,
              "overall": {"final": Decimal("2381.270000"), "basic_expenditure": Decimal("1682.430000"),
                          "project_expenditure": Decimal("512.3600")}}
    [finding] = [f for f in Auditor(Options()).check_report(report, "r").findings if f.rule_id == "NAT-ARITH-002"]
    assert "合计 2381.27 万元" in finding.message and "1682.43 + 512.3600 = " in finding.message
    assert finding.values["stated"] == Decimal("2381.270000")
