"""compare, non_negative, required_sections, dates, grade_band, rate_score."""

from decimal import Decimal as D

import pytest

from helpers import minimal_report, rule_findings, run_rule, statuses

# --- plausibility --------------------------------------------------------------------------------

CAP = {"kind": "compare", "left": "/overall/execution_rate", "op": "<=", "value": 100,
       "message": {"zh": "执行率 {left}% 超过 {right}%"}}


@pytest.mark.parametrize("rate, fails", [("99.99", False), ("100.00", False), ("100.01", True)])
def test_compare_boundary(tmp_path, rate, fails):
    result = run_rule(tmp_path, CAP, minimal_report(overall={"execution_rate": D(rate)}))
    assert bool(rule_findings(result)) is fails
    if fails:
        assert rule_findings(result)[0].message == f"执行率 {rate}% 超过 100%"


def test_compare_missing_is_skipped(tmp_path):
    assert statuses(run_rule(tmp_path, CAP, minimal_report()))["T-RULE-001"] == "skipped"


def test_compare_fields_per_item(tmp_path):
    rule = {"kind": "compare", "left": "/projects/*/indicators/*/score", "op": "<=", "right": "/projects/*/indicators/*/weight"}
    report = minimal_report(projects=[{"name": "甲", "indicators": [{"weight": 20, "score": 20}, {"weight": 20, "score": D("20.5")}]}])
    assert [f.pointer for f in rule_findings(run_rule(tmp_path, rule, report))] == ["/projects/0/indicators/1/score"]


def test_non_negative(tmp_path):
    rule = {"kind": "non_negative", "fields": ["/overall/final", "/projects/*/executed"]}
    report = minimal_report(overall={"final": D("0")}, projects=[{"name": "甲", "executed": D("-1.5")}, {"name": "乙", "executed": D("2")}])
    assert [f.pointer for f in rule_findings(run_rule(tmp_path, rule, report))] == ["/projects/0/executed"]
    assert statuses(run_rule(tmp_path, rule, minimal_report()))["T-RULE-001"] == "skipped"


# --- sections ------------------------------------------------------------------------------------

OUTLINE = {"kind": "required_sections", "level": 1, "message": {"zh": "缺少“{missing}”"},
           "sections": [{"title": "部门概况", "aliases": ["部门基本情况"]}, {"title": "绩效自评工作开展情况"},
                        {"title": "整改措施及结果应用"}]}


def sections(*titles, level=1):
    return minimal_report(sections=[{"number": f"{i}、", "title": t, "level": level, "line": 10 * (i + 1)} for i, t in enumerate(titles)])


def test_sections_pass_with_alias(tmp_path):
    assert rule_findings(run_rule(tmp_path, OUTLINE, sections("部门基本情况", "绩效自评工作开展情况", "整改措施及结果应用"))) == []


def test_sections_missing_has_no_location(tmp_path):
    [finding] = rule_findings(run_rule(tmp_path, OUTLINE, sections("部门概况", "整改措施及结果应用")))
    assert finding.message == "缺少“绩效自评工作开展情况”"
    assert finding.location is None and finding.pointer is None


def test_sections_out_of_order_and_duplicate(tmp_path):
    result = run_rule(tmp_path, OUTLINE, sections("部门概况", "整改措施及结果应用", "绩效自评工作开展情况", "部门概况"))
    problems = sorted(f.values["problem"] for f in rule_findings(result))
    assert problems == ["duplicate", "order"]
    duplicate = next(f for f in rule_findings(result) if f.values["problem"] == "duplicate")
    assert duplicate.location.line == 40


def test_sections_level_filter_ignores_subheadings(tmp_path):
    report = sections("部门概况", "绩效自评工作开展情况", "整改措施及结果应用")
    report["sections"].append({"title": "部门概况", "level": 2, "line": 99})
    assert rule_findings(run_rule(tmp_path, OUTLINE, report)) == []


def test_sections_absent_is_skipped(tmp_path):
    assert statuses(run_rule(tmp_path, OUTLINE, minimal_report()))["T-RULE-001"] == "skipped"


# --- dates ---------------------------------------------------------------------------------------

AFTER = {"kind": "after_period_end", "date": "/report_date"}
ORDER = {"kind": "date_order", "earlier": "/report_date", "later": "/disclosure/date"}
WINDOW = {"kind": "date_window", "start": "/final_accounts_approval_date", "end": "/disclosure/date", "max_days": 20}


@pytest.mark.parametrize("date, fails", [("2021-12-31", True), ("2022-01-01", False), ("2021-06-30", True)])
def test_after_period_end(tmp_path, date, fails):
    assert bool(rule_findings(run_rule(tmp_path, AFTER, minimal_report(report_date=date)))) is fails


@pytest.mark.parametrize("disclosed, fails", [("2022-05-21", True), ("2022-05-22", False), ("2022-11-22", False)])
def test_date_order_same_day_allowed(tmp_path, disclosed, fails):
    report = minimal_report(report_date="2022-05-22", disclosure={"date": disclosed})
    assert bool(rule_findings(run_rule(tmp_path, ORDER, report))) is fails


def test_date_order_strict(tmp_path):
    report = minimal_report(report_date="2022-05-22", disclosure={"date": "2022-05-22"})
    assert rule_findings(run_rule(tmp_path, {**ORDER, "strict": True}, report))


def test_date_order_over_cited_documents(tmp_path):
    rule = {"kind": "date_order", "earlier": "/cited_documents/*/date", "later": "/report_date"}
    report = minimal_report(report_date="2022-05-22", cited_documents=[{"number": "财预〔2020〕10号", "date": "2020-02-25"},
                                                                      {"number": "X", "date": "2022-06-01"}])
    [finding] = rule_findings(run_rule(tmp_path, rule, report))
    assert finding.values["earlier"].isoformat() == "2022-06-01"


@pytest.mark.parametrize("disclosed, fails", [("2022-06-21", False), ("2022-06-22", True), ("2022-05-31", True)])
def test_date_window_inclusive(tmp_path, disclosed, fails):
    report = minimal_report(final_accounts_approval_date="2022-06-01", disclosure={"date": disclosed})
    assert bool(rule_findings(run_rule(tmp_path, {**WINDOW, "min_days": 0}, report))) is fails


def test_dates_missing_or_unparseable_are_skipped(tmp_path):
    assert statuses(run_rule(tmp_path, ORDER, minimal_report(report_date="2022-05-22")))["T-RULE-001"] == "skipped"
    assert statuses(run_rule(tmp_path, AFTER, minimal_report(report_date="2022-13-45")))["T-RULE-001"] == "skipped"


# --- grades --------------------------------------------------------------------------------------

BANDS = [{"grade": "优", "min": 90, "aliases": ["优秀"]}, {"grade": "良", "min": 80, "aliases": ["良好"]},
         {"grade": "中", "min": 60}, {"grade": "差"}]
GRADE = {"kind": "grade_band", "score": "/overall/score", "grade": "/overall/grade", "bands": BANDS,
         "message": {"zh": "{score} 分应为“{expected}”，报告为“{grade}”"}}


@pytest.mark.parametrize("score, grade, severity", [
    ("90", "优", None), ("89.99", "良", None), ("80", "良", None), ("79.9", "中", None), ("60", "中", None),
    ("59.99", "差", None), ("0", "差", None), ("97", "优秀", None), ("85", "良好", None),
    ("89", "优", "error"),        # an integer under the edge is plainly wrong
    ("89.5", "优", "warning"),    # a fraction just under the edge is ambiguous with integer-written bands
    ("79.5", "良", "warning"),
    ("88.5", "优", "error"),      # more than one point under: wrong
    ("90", "良", "error"),        # graded down
    ("59.5", "中", "warning"),
    ("95", "差", "error"),
])
def test_grade_bands(tmp_path, score, grade, severity):
    result = run_rule(tmp_path, GRADE, minimal_report(overall={"score": D(score), "grade": grade}))
    assert [f.severity for f in rule_findings(result)] == ([severity] if severity else [])


def test_grade_unknown_value(tmp_path):
    result = run_rule(tmp_path, GRADE, minimal_report(overall={"score": D("95"), "grade": "甲"}))
    assert "不是有效等级" in rule_findings(result)[0].message


def test_grade_missing_is_skipped(tmp_path):
    assert statuses(run_rule(tmp_path, GRADE, minimal_report(overall={"score": D("95")})))["T-RULE-001"] == "skipped"


RATE = {"kind": "rate_score", "score": "/projects/*/rate_score", "rate": "/projects/*/execution_rate", "weight": "/projects/*/rate_weight"}


@pytest.mark.parametrize("rate, score, fails", [("85.00", "8.5", False), ("112.00", "10", False), ("85.00", "9.0", True), ("85.00", "9", False), ("100", "10", False)])
def test_rate_score(tmp_path, rate, score, fails):
    report = minimal_report(projects=[{"name": "甲", "execution_rate": D(rate), "rate_weight": 10, "rate_score": D(score)}])
    assert bool(rule_findings(run_rule(tmp_path, RATE, report))) is fails


def test_rate_score_missing_is_skipped(tmp_path):
    report = minimal_report(projects=[{"name": "甲", "rate_weight": 10, "rate_score": D("9")}])
    assert statuses(run_rule(tmp_path, RATE, report))["T-RULE-001"] == "skipped"


def test_rate_score_default_weight_where_none_is_stated(tmp_path):
    rule = {**RATE, "weight_value": 10}
    report = minimal_report(projects=[{"name": "甲", "execution_rate": D("85.00"), "rate_score": D("9.0")}])
    assert [f.values["computed"] for f in rule_findings(run_rule(tmp_path, rule, report))] == [D("8.5")]
