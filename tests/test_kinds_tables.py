"""自评表 checks through the real engine and the national pack: the target/actual parser, the project
and department tables (NAT-TBL-*, NAT-DTBL-*), completeness (NAT-CMP-*) and the table rules changed
for them (NAT-ARITH-009, NAT-GRADE-005…009, NAT-PLAUS-009)."""

import datetime as dt
from decimal import Decimal as D

import pytest

from jixiao.engine import Auditor, Options
from jixiao.plugins.kinds.targets import (Target, achieved, indicator_target, parse_actual,
                                          parse_target)

from helpers import minimal_report

AUDITOR = Auditor(Options())
AUDITOR_EN = Auditor(Options(lang="en"))
NAME = "乡村道路养护工程"


def check(lang="zh", **fields):
    report = minimal_report(**fields)
    return (AUDITOR_EN if lang == "en" else AUDITOR).check_report(report, "<test>")


def project(**fields):
    return {"name": NAME, **fields}


def indicator(**fields):
    return {"level1": "产出指标", "level2": "数量指标", "level3": "养护里程", **fields}


def run(rule_id, *projects, lang="zh", **fields):
    """(status, findings) of one rule on a report with these projects."""
    if projects:
        fields["projects"] = list(projects)
    result = check(lang=lang, **fields)
    assert not [f for f in result.findings if f.rule_id == "JX-SCHEMA"], [f.message for f in result.findings]
    status = {r.rule_id: r.status for r in result.rule_runs}[rule_id]
    return status, [f for f in result.findings if f.rule_id == rule_id]


def fails(rule_id, *projects, **fields):
    status, found = run(rule_id, *projects, **fields)
    assert status == "failed" and found, (status, found)
    return found


def passes(rule_id, *projects, **fields):
    status, found = run(rule_id, *projects, **fields)
    assert status == "passed" and not found, (status, [f.message for f in found])


def skipped(rule_id, *projects, **fields):
    status, found = run(rule_id, *projects, **fields)
    assert status == "skipped" and not found, (status, [f.message for f in found])


# ================================================================================ the parser

@pytest.mark.parametrize("text, op, value, unit", [
    ("≥50人", ">=", "50", "人"), (">=50人", ">=", "50", "人"), ("≥ 50 人", ">=", "50", "人"),
    ("不低于95%", ">=", "95", "%"), ("不少于3次", ">=", "3", "次"), ("≤30万元", "<=", "30", "万元"),
    ("不超过30万元", "<=", "30", "万元"), ("低于5%", "<", "5", "%"), ("=100%", "=", "100", "%"),
    ("100%", ">=", "100", "%"), ("50人", ">=", "50", "人"), ("＞９０％", ">", "90", "%"),
    ("≥５０人", ">=", "50", "人"), ("≥95%（含）", ">=", "95", "%"), ("50人以上", ">=", "50", "人"),
    ("控制在30万元以内", "<=", "30", "万元"), ("≥98.5%", ">=", "98.5", "%"), ("1,200人次", ">=", "1200", "人次"),
    ("大于等于90%", ">=", "90", "%"), ("高于80%", ">", "80", "%"), ("≤5个工作日", "<=", "5", "个工作日"),
    ("≥3.2万亩", ">=", "3.2", "万亩"),   # figure and unit as written; 万亩 and 亩 are converted when compared
    ("≥120台（套）", ">=", "120", "台(套)"), ("≥86万头（羽）", ">=", "86", "万头(羽)"),  # another measure word: the unit's
    ("≥30人（累计）", ">=", "30", "人"),  # a note: not the unit's
    ("≤15/10万", "<=", "15", "/10万"),  # a rate per 100,000 (孕产妇死亡率)
    ("≤38μg/m³", "<=", "38", "μg/m3"), ("≥1.2万m³", ">=", "1.2", "万m3"),  # a power of a Latin unit (NFKC: ³ is 3)
])
def test_quantitative_targets(text, op, value, unit):
    target = parse_target(text)
    assert (target.op, target.value, target.unit, target.date) == (op, D(value), unit, None)
    assert str(target.value) == value  # the stated precision is kept


def test_an_actual_written_as_not_over_its_ceiling_meets_it():
    """未超过8小时 against 不超过8小时: at most 8, so met (not a quantitative target answered in words)."""
    actual = parse_actual("未超过8小时")
    assert (actual.kind, actual.op, actual.value) == ("number", "<=", D("8"))
    assert achieved(parse_target("不超过8小时"), actual) is True
    assert achieved(parse_target("≤15/10万"), parse_actual("16.1/10万")) is False


def test_a_unit_with_another_measure_word_is_compared_as_its_first():
    """台(套) counts what 台 counts: 78台 against ≥120台（套） is not met; 1.2万头 against ≥86万头（只） is 12000 头."""
    assert achieved(parse_target("≥120台（套）"), parse_actual("78台")) is False
    assert achieved(parse_target("≥120台（套）"), parse_actual("126台（套）")) is True
    assert achieved(parse_target("≥8600头（只）"), parse_actual("0.9万头")) is True


@pytest.mark.parametrize("text, date", [
    ("2022年12月31日前", dt.date(2022, 12, 31)), ("12月底前", dt.date(2022, 12, 31)), ("10月底前", dt.date(2022, 10, 31)),
    ("2022年6月30日之前", dt.date(2022, 6, 30)), ("2022.12.31前", dt.date(2022, 12, 31)), ("年底前", dt.date(2022, 12, 31)),
    ("2月底前", dt.date(2022, 2, 28)), ("按时", None), ("按期完成", None),
])
def test_deadline_targets(text, date):
    assert parse_target(text, 2022) == Target("by_date", None, "", date, text)


def test_a_deadline_without_a_year_needs_the_fiscal_year():
    assert parse_target("12月底前").date is None and parse_target("12月底前").op == "by_date"


@pytest.mark.parametrize("text", ["有效提升", "达到预期", "逐步改善", "满意", "是", "明显提高"])
def test_qualitative_targets(text):
    assert parse_target(text) == Target("qualitative", None, "", None, text)


@pytest.mark.parametrize("text", ["提高10%", "90%-100%", "", None])
def test_unreadable_targets_are_none(text):
    assert parse_target(text) is None


@pytest.mark.parametrize("text, kind, value, unit, date", [
    ("52人", "number", "52", "人", None), ("28.5万元", "number", "28.5", "万元", None), ("96.5%", "number", "96.5", "%", None),
    ("９６．５％", "number", "96.5", "%", None), ("完成52人", "number", "52", "人", None), ("0", "number", "0", "", None),
    ("2022年11月20日", "date", None, "", dt.date(2022, 11, 20)), ("2022-11-20", "date", None, "", dt.date(2022, 11, 20)),
    ("已完成", "text", None, "", None), ("完成", "text", None, "", None), ("达到预期", "text", None, "", None),
    ("基本达到", "text", None, "", None), ("未达到", "text", None, "", None), ("是", "text", None, "", None),
])
def test_actuals(text, kind, value, unit, date):
    actual = parse_actual(text)
    assert (actual.kind, actual.value, actual.unit, actual.date) == (kind, D(value) if value else None, unit, date)


def test_empty_actual_is_none():
    assert parse_actual("") is None and parse_actual("  ") is None and parse_actual(None) is None


@pytest.mark.parametrize("target, actual, met", [
    ("≥50人", "52人", True), ("≥50人", "50人", True), ("≥50人", "49人", False),
    (">50人", "50人", False), ("≤30万元", "30万元", True), ("≤30万元", "30.01万元", False),
    ("<5%", "5%", False), ("=100%", "100%", True), ("=100%", "99%", False),
    ("≤30万元", "290000元", True), ("≤30万元", "310000元", False),   # 万元 and 元 are converted
    ("≥50人", "60人次", None),                                      # different units: not compared
    ("≥3.2万亩", "33000亩", True), ("≥3.2万亩", "31999亩", False), ("≥30公斤", "29千克", False),
    ("≥95%", "96", True),                                          # an actual without a unit is in the row's unit
    ("2022年10月31日前", "2022年10月31日", True), ("2022年10月31日前", "2022年11月1日", False),
    ("按时", "2022年11月1日", None), ("≥50人", "已完成", None), ("有效提升", "达到预期", None),
    ("≥95%", "≥96%", True), ("≥95%", "≥90%", None),               # an actual written as a bound
    ("≤38μg/m³", "39.6μg/m³", False), ("≤38μg/m³", "37.4微克/立方米", True),  # (PM2.5, a ceiling; both spellings)
    ("≤38μg/m³", "38μg/m³2", None),                                # (a digit after the power: no unit)
])
def test_achieved(target, actual, met):
    assert achieved(parse_target(target, 2022), parse_actual(actual, 2022)) is met


def test_sichuan_nature_and_unit_columns():
    target = parse_target("95", nature="≥", unit="%")
    assert (target.op, target.value, target.unit) == (">=", D("95"), "%")
    assert parse_target("好", nature="定性").op == "qualitative"
    assert parse_target("50", nature="=", unit="人").op == "="
    # a deadline marked 定性 (Yunnan's forms mark their 时效指标 so) is still checked as a deadline; other words stay words
    assert parse_target("2025年12月底前", nature="定性").op == "by_date"
    assert parse_target("12月底前", 2025, nature="定性").op == "by_date"
    assert parse_target("按期完成", nature="定性").op == "qualitative"


def test_the_nature_column_wins_over_an_extracted_op():
    # the extractor read the bare 12 as "= 12"; the form's 指标性质 column says ≥
    target = indicator_target({"target": "12", "nature": "≥", "unit": "条", "target_op": "=", "target_value": D("12")})
    assert (target.op, target.value, target.unit) == (">=", D("12"), "条")


def test_adjusted_target_and_extracted_fields_win():
    assert indicator_target({"target": "≥50公里", "adjusted_target": "≥40公里"}).value == D("40")
    extracted = indicator_target({"target": "五十公里以上", "target_op": ">=", "target_value": D("50"), "target_unit": "公里"})
    assert (extracted.op, extracted.value, extracted.unit) == (">=", D("50"), "公里")
    dated = indicator_target({"target": "10月底前", "target_op": "by_date"}, 2022)
    assert dated.date == dt.date(2022, 10, 31)


# ================================================================================ NAT-TBL-001

def funds(total=None, *rows, column="adjusted_budget"):
    fields = {column: D(total)} if total is not None else {}
    return project(**fields, fund_rows=[{"label": label, **({column: D(v)} if v is not None else {})} for label, v in rows])


def test_tbl001_total_equals_rows():
    passes("NAT-TBL-001", funds("100.00", ("当年财政拨款", "80.00"), ("上年结转资金", "15.00"), ("其他资金", "5.00")))


def test_tbl001_mismatch_is_an_error_naming_project_and_column():
    [finding] = fails("NAT-TBL-001", funds("100.00", ("当年财政拨款", "80.00"), ("上年结转资金", "10.00")))
    assert finding.severity == "error" and finding.pointer == "/projects/0/adjusted_budget"
    assert finding.message.startswith(f"项目“{NAME}”年度资金总额的全年预算数 100.00 万元")


def test_tbl001_face_only_mismatch_is_a_warning():
    [finding] = fails("NAT-TBL-001", funds("90.1", ("当年财政拨款", "60.1"), ("其他资金", "30.06"), column="executed"))
    assert finding.severity == "warning" and finding.values["verdict"] == "face"


def test_tbl001_blank_row_counts_as_zero_and_column_without_figures_is_not_checked():
    row = project(initial_budget=D("100"), adjusted_budget=D("100"), executed=D("90"),
                  fund_rows=[{"label": "当年财政拨款", "adjusted_budget": D("100")}, {"label": "其他资金"}])
    passes("NAT-TBL-001", row)


def test_tbl001_missing_rows_is_skipped():
    skipped("NAT-TBL-001", project(adjusted_budget=D("100")))
    skipped("NAT-TBL-001", funds(None, ("当年财政拨款", "80.00")))


# ================================================================================ NAT-ARITH-009

def test_arith009_rate_on_full_year_budget():
    passes("NAT-ARITH-009", project(initial_budget=D("12.00"), adjusted_budget=D("10.00"), executed=D("8.00"),
                                    execution_rate=D("80.00")))


def test_arith009_rate_matching_only_the_initial_budget_is_an_error():
    [finding] = fails("NAT-ARITH-009", project(initial_budget=D("12.00"), adjusted_budget=D("10.00"),
                                               executed=D("8.00"), execution_rate=D("66.67")))
    assert finding.severity == "error" and finding.values["wrong_base"] == "年初预算数"
    assert "应以全年预算数为基数" in finding.message and f"项目“{NAME}”" in finding.message


def test_arith009_rounding_slip_is_a_warning():
    [finding] = fails("NAT-ARITH-009", project(adjusted_budget=D("10.00"), executed=D("8.00"), execution_rate=D("80.02")))
    assert finding.severity == "warning"


def test_arith009_falls_back_to_the_initial_budget_only_where_no_full_year_budget_is_stated():
    passes("NAT-ARITH-009", project(initial_budget=D("12.00"), executed=D("8.00"), execution_rate=D("66.67")))


def test_arith009_missing_is_skipped():
    skipped("NAT-ARITH-009", project(adjusted_budget=D("10.00"), execution_rate=D("80.00")))


# ================================================================================ NAT-GRADE-008

def rate(rate_value, score, **fields):
    return project(execution_rate=D(rate_value), rate_weight=D("10"), rate_score=D(score), **fields)


@pytest.mark.parametrize("rate_value, score", [("95.5", "9.55"), ("95.5", "9.6"), ("91.67", "9.17"), ("91.67", "9.2"),
                                               ("85.00", "8.5"), ("85.00", "8.50"), ("100", "10"), ("104.5", "10")])
def test_grade008_computed_or_rounded_to_its_own_decimals(rate_value, score):
    passes("NAT-GRADE-008", rate(rate_value, score))


@pytest.mark.parametrize("rate_value, score", [("95.5", "10"), ("91.67", "9"), ("85.00", "9.0"), ("91.67", "9.16"),
                                               ("95.5", "9.5")])
def test_grade008_a_rounded_up_score_is_an_error(rate_value, score):
    [finding] = fails("NAT-GRADE-008", rate(rate_value, score))
    assert finding.severity == "error"


def test_grade008_message_names_the_project_and_the_computed_score():
    [finding] = fails("NAT-GRADE-008", rate("95.5", "10"))
    assert finding.message.startswith(f"项目“{NAME}”执行率得分：自评表为 10 分，按 min(95.5%, 100%) × 10 计算为 9.55 分")


def test_grade008_accepts_the_score_from_executed_over_budget():
    # the stated rate 91.7 gives 9.17; 11 ÷ 12 gives 9.1666…: 9.167 is that, rounded to its three decimals
    passes("NAT-GRADE-008", rate("91.7", "9.167", adjusted_budget=D("12"), executed=D("11")))
    fails("NAT-GRADE-008", rate("91.7", "9.167"))


def test_grade008_missing_is_skipped():
    skipped("NAT-GRADE-008", project(rate_weight=D("10"), rate_score=D("9")))


# ================================================================================ NAT-GRADE-005 / 006 / 007 / 009, NAT-PLAUS-009

@pytest.mark.parametrize("score, grade, ok", [("89.5", "优", False), ("89.99", "良", True), ("89.99", "优", False),
                                              ("90", "优", True), ("90", "良", False), ("80", "良", True)])
def test_grade005_no_edge_slack_on_a_table(score, grade, ok):
    report = project(total_score=D(score), grade=grade)
    if ok:
        passes("NAT-GRADE-005", report)
    else:
        [finding] = fails("NAT-GRADE-005", report)
        assert finding.severity == "error" and f"项目“{NAME}”" in finding.message


def test_grade005_missing_grade_is_skipped():
    skipped("NAT-GRADE-005", project(total_score=D("95")))


def scored(total, rate_score, *scores):
    return project(total_score=D(total), rate_score=D(rate_score), indicators=[indicator(score=D(s)) for s in scores])


def test_grade006_total_compared_exactly():
    passes("NAT-GRADE-006", scored("91.55", "9.55", "45", "28", "9"))
    [finding] = fails("NAT-GRADE-006", scored("91.6", "9.55", "45", "28", "9"))
    assert finding.severity == "error" and finding.values["computed"] == D("91.55")
    skipped("NAT-GRADE-006", project(total_score=D("90"), indicators=[indicator(score=D("90"))]))


def test_grade007_score_above_weight_names_the_row():
    [finding] = fails("NAT-GRADE-007", project(indicators=[indicator(weight=D("20"), score=D("20.5"))]))
    assert finding.message == f"项目“{NAME}”“养护里程”：得分 20.5 分超过分值 20 分"
    passes("NAT-GRADE-007", project(indicators=[indicator(weight=D("20"), score=D("20"))]))
    skipped("NAT-GRADE-007", project(indicators=[indicator(weight=D("20"))]))


def test_grade009_weights_add_up_to_100():
    def weights(*ws):
        return project(rate_weight=D("10"), indicators=[indicator(weight=D(w)) for w in ws])

    passes("NAT-GRADE-009", weights("50", "30", "10"))
    [finding] = fails("NAT-GRADE-009", weights("50", "30", "9"))
    assert f"项目“{NAME}”" in finding.message
    skipped("NAT-GRADE-009", project(indicators=[indicator(weight=D("90"))]))


def test_grade009_sits_on_the_total_row_where_the_table_states_it():
    def weights(total, *ws):
        return project(rate_weight=D("10"), weight_total=D(total), indicators=[indicator(weight=D(w)) for w in ws])

    [finding] = fails("NAT-GRADE-009", weights("105", "55", "30", "10"))
    assert finding.pointer == "/projects/0/weight_total" and finding.values["computed"] == D("105")
    [finding] = fails("NAT-GRADE-009", weights("90", "50", "30", "10"))   # the parts are right, the 总分 row is not
    assert finding.message == f"项目“{NAME}”总分行分值为 90 分，与执行率分值及各指标分值之和 10 + 50 + 30 + 10 = 100 分不符"
    passes("NAT-GRADE-009", weights("100", "50", "30", "10"))


def test_plaus009_total_above_100_is_an_error():
    [finding] = fails("NAT-PLAUS-009", project(total_score=D("100.5")))
    assert finding.severity == "error"
    passes("NAT-PLAUS-009", project(total_score=D("100")))


# ================================================================================ NAT-TBL-002

def test_tbl002_message_reads_like_the_reviewers():
    [finding] = fails("NAT-TBL-002", project(indicators=[indicator(target="≥50公里", actual="45公里", weight=D("20"), score=D("20"))]))
    assert finding.message == f"项目“{NAME}”“养护里程”：年度指标值 ≥50公里，实际完成 45公里，未完成却得满分 20 分"
    assert finding.severity == "error" and finding.pointer == "/projects/0/indicators/0/score"


def test_tbl002_english():
    _, [finding] = run("NAT-TBL-002", project(indicators=[indicator(target="≥50公里", actual="45公里", weight=D("20"), score=D("20"))]),
                       lang="en")
    assert finding.message == f"Project '{NAME}', '养护里程': target ≥50公里, actual 45公里: not met, yet given the full 20 points"


@pytest.mark.parametrize("target, actual", [("≥50公里", "52公里"), ("≥50公里", "50公里"), ("≤30万元", "290000元"),
                                            ("=100%", "100%"), ("10月底前", "2021年10月31日")])  # same-day deadline is met
def test_tbl002_met_with_full_score_passes(target, actual):
    passes("NAT-TBL-002", project(indicators=[indicator(target=target, actual=actual, weight=D("10"), score=D("10"))]))


@pytest.mark.parametrize("target, actual", [("≥50公里", "49.9公里"), (">50公里", "50公里"), ("≤30万元", "310000元"),
                                            ("=100%", "98%"), ("<5%", "5%"), ("10月底前", "2021年11月1日"),
                                            ("2021年10月31日前", "2021年11月")])
def test_tbl002_unmet_with_full_score_fails(target, actual):
    fails("NAT-TBL-002", project(indicators=[indicator(target=target, actual=actual, weight=D("10"), score=D("10"))]))


def test_tbl002_adjusted_target_counts():
    passes("NAT-TBL-002", project(indicators=[indicator(target="≥50公里", adjusted_target="≥40公里", actual="45公里",
                                                        weight=D("20"), score=D("20"))]))


def test_tbl002_sichuan_columns_and_extracted_fields():
    fails("NAT-TBL-002", project(indicators=[indicator(target="95", nature="≥", unit="%", actual="90", weight=D("10"), score=D("10"))]))
    fails("NAT-TBL-002", project(indicators=[indicator(target="五十公里以上", target_op=">=", target_value=D("50"), target_unit="公里",
                                                       actual="45公里", weight=D("20"), score=D("20"))]))


@pytest.mark.parametrize("target, actual", [("≥50人", "55人次"), ("≥50人", "已完成"), ("按时", "2021年11月1日"),
                                            ("有效提升", "达到预期"), ("提高10%", "12%")])
def test_tbl002_cannot_compare_is_skipped(target, actual):
    skipped("NAT-TBL-002", project(indicators=[indicator(target=target, actual=actual, weight=D("10"), score=D("10"))]))


def test_tbl002_missing_actual_or_score_is_skipped():
    skipped("NAT-TBL-002", project(indicators=[indicator(target="≥50公里", weight=D("20"), score=D("20"))]))
    skipped("NAT-TBL-002", project(indicators=[indicator(target="≥50公里", actual="45公里", weight=D("20"))]))


# ================================================================================ NAT-TBL-003

def partial(target, actual, weight, score):
    return project(indicators=[indicator(target=target, actual=actual, weight=D(weight), score=D(score))])


@pytest.mark.parametrize("target, actual, weight, score", [
    ("≥50公里", "45公里", "20", "18"), ("≥60人", "55人", "10", "9.17"), ("≥60人", "55人", "10", "9.2"),
    ("≥60人", "55人", "10", "9.1667"), ("≤30万元", "40万元", "10", "7.5"), ("≤30万元", "400000元", "10", "7.5"),
])
def test_tbl003_proportional_score_passes(target, actual, weight, score):
    passes("NAT-TBL-003", partial(target, actual, weight, score))


@pytest.mark.parametrize("target, actual, weight, score", [
    ("≥50公里", "45公里", "20", "15"), ("≥60人", "55人", "10", "9"), ("≥60人", "55人", "10", "9.16"),
    ("≤30万元", "40万元", "10", "8"),
])
def test_tbl003_other_partial_score_fails(target, actual, weight, score):
    [finding] = fails("NAT-TBL-003", partial(target, actual, weight, score))
    assert finding.severity == "error" and f"项目“{NAME}”“养护里程”" in finding.message


def test_tbl003_message_shows_the_formula():
    [finding] = fails("NAT-TBL-003", partial("≥60人", "55人", "10", "9"))
    assert "得分应为 10 × 55 ÷ 60 = 9.1667 分，自评表为 9 分" in finding.message


def test_tbl003_met_but_scored_below_full_is_not_its_business():
    passes("NAT-TBL-003", partial("≥50公里", "52公里", "20", "18"))


def test_tbl003_formula_none_switches_it_off(tmp_path):
    from helpers import pack_file

    pack = pack_file(tmp_path, [], name="nofor", extends=["national"], overrides={"NAT-TBL-003": {"formula": "none"}})
    result = Auditor(Options(packs=[str(pack)])).check_report(minimal_report(projects=[partial("≥50公里", "45公里", "20", "15")]))
    assert {r.rule_id: r.status for r in result.rule_runs}["NAT-TBL-003"] == "skipped"


def test_tbl003_equal_targets_and_words_are_skipped():
    skipped("NAT-TBL-003", partial("=100%", "98%", "10", "5"))
    skipped("NAT-TBL-003", partial("≥50人", "基本完成", "10", "5"))


# ================================================================================ NAT-TBL-004

def qualitative(actual, score, weight="10", target="有效提升"):
    return project(indicators=[indicator(level1="效益指标", level3="通行条件", target=target, actual=actual,
                                         weight=D(weight), score=D(score))])


@pytest.mark.parametrize("actual, score", [("达到预期", "8"), ("达到预期", "10"), ("有效提升", "9"), ("基本达到", "8"),
                                           ("基本达到", "6"), ("基本达到", "9"), ("基本达到", "9.99"), ("未达到", "6"),
                                           ("未达到预期", "0"), ("是", "10"), ("部分完成", "7"), ("部分达到", "8")])
def test_tbl004_score_within_the_band_inclusive(actual, score):
    passes("NAT-TBL-004", qualitative(actual, score))


# (基本达到 reads as 达成 in some provinces' rules and as 部分达成 in others: 60% up to full marks is not reported,
# full marks are: 基本 is not fully)
@pytest.mark.parametrize("actual, score", [("达到预期", "7.99"), ("部分达到", "10"), ("部分完成", "8.01"), ("基本达到", "5.9"),
                                           ("基本达到", "10"),
                                           ("未达到预期", "8"), ("不满意", "10"), ("未完成", "6.1")])
def test_tbl004_score_outside_the_band_warns(actual, score):
    [finding] = fails("NAT-TBL-004", qualitative(actual, score))
    assert finding.severity == "warning" and "“通行条件”" in finding.message


def test_tbl004_other_wording_or_quantitative_targets_are_skipped():
    skipped("NAT-TBL-004", qualitative("道路通行更加顺畅", "5"))
    skipped("NAT-TBL-004", qualitative("达到预期", "5", target="≥50公里"))
    skipped("NAT-TBL-004", project(indicators=[indicator(target="有效提升", actual="达到预期", weight=D("10"))]))


# ================================================================================ NAT-TBL-005

def levels(rate_weight, *pairs):
    return project(rate_weight=D(rate_weight), indicators=[indicator(level1=l1, weight=D(w)) for l1, w in pairs])


def test_tbl005_standard_and_alternative_weights():
    passes("NAT-TBL-005", levels("10", ("产出指标", "30"), ("产出指标", "20"), ("效益指标", "30"), ("服务对象满意度指标", "10")))
    passes("NAT-TBL-005", levels("10", ("产出指标", "50"), ("效益指标", "40")))


def test_tbl005_other_weights_warn():
    [finding] = fails("NAT-TBL-005", levels("10", ("产出指标", "60"), ("效益指标", "20"), ("满意度指标", "10")))
    assert finding.severity == "warning"
    assert "产出指标 60、效益指标 20、满意度指标 10、预算执行率 10" in finding.message
    fails("NAT-TBL-005", levels("20", ("产出指标", "40"), ("效益指标", "30"), ("满意度指标", "10")))
    fails("NAT-TBL-005", levels("10", ("产出指标", "50"), ("效益指标", "30")))   # 满意度 dropped without moving its 10


def test_tbl005_a_scale_the_report_sets_itself_is_not_the_rules():
    scaled = levels("10", ("产出指标", "50"), ("效益指标", "30"), ("满意度指标", "10"), ("管理指标", "10"))
    skipped("NAT-TBL-005", scaled, grading={"full_marks": D("110")})  # (本县实行110分制: distributions of 100 say nothing)
    fails("NAT-TBL-005", scaled)  # (no scale stated: held to the national one)
    fails("NAT-TBL-005", scaled, grading={"full_marks": D("100")})  # (a stated 100 is the national scale)


def test_tbl005_missing_level_is_skipped():
    skipped("NAT-TBL-005", project(rate_weight=D("10"), indicators=[{"level3": "养护里程", "weight": D("50")}]))


# ================================================================================ NAT-CMP-001 … 004

def test_cmp001_deduction_without_reason():
    for reason in (None, "", "无", "—"):
        row = indicator(weight=D("20"), score=D("18"), **({"deviation_reason": reason} if reason is not None else {}))
        [finding] = fails("NAT-CMP-001", project(indicators=[row]))
        assert finding.category == "completeness" and finding.severity == "warning"
    passes("NAT-CMP-001", project(indicators=[indicator(weight=D("20"), score=D("18"), deviation_reason="受汛期影响延期")]))
    passes("NAT-CMP-001", project(indicators=[indicator(weight=D("20"), score=D("20"))]))
    skipped("NAT-CMP-001", project(indicators=[indicator(weight=D("20"))]))


@pytest.mark.parametrize("rate_value, ok", [("90", True), ("89.99", False), ("72.5", False), ("100", True)])
def test_cmp002_low_rate_needs_a_reason(rate_value, ok):
    report = project(execution_rate=D(rate_value))
    if ok:
        passes("NAT-CMP-002", report)
    else:
        fails("NAT-CMP-002", report)


def test_cmp002_any_reason_will_do():
    passes("NAT-CMP-002", project(execution_rate=D("72.5"), rate_deviation_reason="资金年底下达"))
    passes("NAT-CMP-002", project(execution_rate=D("72.5"), indicators=[indicator(deviation_reason="尾款次年结算")]))
    skipped("NAT-CMP-002", project(rate_deviation_reason="x"))


def test_cmp002_a_form_with_its_own_reason_cell_needs_it_filled():
    """A form with a 偏差原因 cell on its 年度资金总额 row (宁夏's 偏差原因说明) left blank: an indicator's reason does not
    stand in for it. Where the cell is filled, or the form has none, the indicators' reasons still do."""
    low = {"execution_rate": D("87.07"), "indicators": [indicator(deviation_reason="2所学校加固工程顺延至2023年")]}
    fails("NAT-CMP-002", project(**low), extraction={"blank": ["/projects/0/rate_deviation_reason"]})
    passes("NAT-CMP-002", project(**low, rate_deviation_reason="加固工程顺延"),
           extraction={"blank": ["/projects/1/rate_deviation_reason"]})
    passes("NAT-CMP-002", project(**low))


def test_cmp003_quantitative_target_needs_a_figure():
    [finding] = fails("NAT-CMP-003", project(indicators=[indicator(target="≥50公里", actual="已完成")]))
    assert finding.message == f"项目“{NAME}”“养护里程”：年度指标值 ≥50公里 为定量指标，实际完成值却填写“已完成”，应填写实际数值"
    fails("NAT-CMP-003", project(indicators=[indicator(target="=100%", actual="是")]))
    passes("NAT-CMP-003", project(indicators=[indicator(target="≥50公里", actual="52公里")]))
    skipped("NAT-CMP-003", project(indicators=[indicator(target="有效提升", actual="完成")]))
    skipped("NAT-CMP-003", project(indicators=[indicator(target="≥50公里")]))


@pytest.mark.parametrize("fields", [
    {"goal": "（100字以内）"}, {"goal": "(200字以内)"}, {"goal": "（ 100 字以内 ）"},
    {"goal_achieved": "对照年度目标，说明完成情况"}, {"indicators": [indicator(deviation_reason="请在此栏中说明偏差原因")]},
    {"indicators": [indicator(actual="结合自评情况填写")]},
])
def test_cmp004_template_text(fields):
    [finding] = fails("NAT-CMP-004", project(**fields))
    assert finding.severity == "warning" and finding.message.startswith(f"项目“{NAME}”")


def test_cmp004_names_the_cell():
    [finding] = fails("NAT-CMP-004", project(indicators=[indicator(deviation_reason="请在此栏中说明")]))
    assert finding.message.startswith(f"项目“{NAME}”“养护里程”偏差原因分析及改进措施栏仍为模板说明文字“请在…中说明”")
    [finding] = fails("NAT-CMP-004", project(goal="（100字以内）"))
    assert finding.message.startswith(f"项目“{NAME}”年度总体目标栏")


def test_cmp004_pass_and_skip():
    passes("NAT-CMP-004", project(goal="完成县乡道路养护 50 公里", indicators=[indicator(actual="52公里")]))
    skipped("NAT-CMP-004", project())


# ================================================================================ NAT-DTBL-*

DEPT = "青龙满族自治县总工会"


def table(**fields):
    return {"department_table": {"name": DEPT, **fields}}


def test_dtbl001_funds():
    def rows(b):
        return [{"label": "基本支出", "adjusted_budget": D("107.17")}, {"label": "项目支出", "adjusted_budget": D(b)}]

    passes("NAT-DTBL-001", **table(adjusted_budget=D("199.09"), fund_rows=rows("91.92")))
    [finding] = fails("NAT-DTBL-001", **table(adjusted_budget=D("199.09"), fund_rows=rows("81.92")))
    assert finding.message.startswith(f"部门“{DEPT}”整体支出自评表") and finding.pointer == "/department_table/adjusted_budget"
    skipped("NAT-DTBL-001", **table(adjusted_budget=D("199.09")))


def test_dtbl002_rate():
    passes("NAT-DTBL-002", **table(adjusted_budget=D("199.09"), executed=D("169.02"), execution_rate=D("84.90")))
    [finding] = fails("NAT-DTBL-002", **table(initial_budget=D("180.00"), adjusted_budget=D("199.09"), executed=D("169.02"),
                                              execution_rate=D("93.9")))
    assert finding.severity == "error" and finding.values["wrong_base"] == "年初预算数"
    skipped("NAT-DTBL-002", **table(execution_rate=D("84.90")))


def test_dtbl003_total():
    scores = [{"level3": "x", "score": D(s)} for s in ("50", "30", "9")]
    passes("NAT-DTBL-003", **table(total_score=D("97.49"), rate_score=D("8.49"), indicators=scores))
    fails("NAT-DTBL-003", **table(total_score=D("97.5"), rate_score=D("8.49"), indicators=scores))
    skipped("NAT-DTBL-003", **table(total_score=D("97.49")))


@pytest.mark.parametrize("score, grade, ok", [("89.99", "良", True), ("90", "优", True), ("89.5", "优", False)])
def test_dtbl004_grade(score, grade, ok):
    if ok:
        passes("NAT-DTBL-004", **table(total_score=D(score), grade=grade))
    else:
        assert fails("NAT-DTBL-004", **table(total_score=D(score), grade=grade))[0].severity == "error"


def test_dtbl005_score_within_weight_and_department_name_fallback():
    passes("NAT-DTBL-005", **table(indicators=[{"level3": "职工培训人次", "weight": D("20"), "score": D("20")}]))
    report = {"department_table": {"name": " ", "indicators": [{"level3": "职工培训人次", "weight": D("20"), "score": D("21")}]}}
    [finding] = fails("NAT-DTBL-005", **report)
    assert finding.message == "部门“测试县财政局”整体支出自评表“职工培训人次”：得分 21 分超过分值 20 分"
    skipped("NAT-DTBL-005", **table(indicators=[{"level3": "职工培训人次", "weight": D("20")}]))


# ================================================================================ locating the cell

def test_a_table_finding_points_at_the_cell_in_the_source():
    report = minimal_report(projects=[project(indicators=[indicator(target="≥50公里", actual="45公里", weight=D("20"), score=D("20"))])],
                            provenance={"/projects/0/indicators/0/score": {"line": 42, "column": 9, "end_line": 42,
                                                                           "end_column": 11, "quote": "20"}})
    result = AUDITOR.check_report(report, "<test>")
    [finding] = [f for f in result.findings if f.rule_id == "NAT-TBL-002"]
    assert finding.location.line == 42 and finding.location.quote == "20"


def test_a_row_without_a_name_is_named_by_its_number():
    row = {"level1": "产出指标", "target": "≥50公里", "actual": "45公里", "weight": D("20"), "score": D("20")}
    [finding] = fails("NAT-TBL-002", project(indicators=[indicator(weight=D("5"), score=D("5")), row]))
    assert f"项目“{NAME}”“第2项”" in finding.message


def test_a_bare_figure_is_a_level_to_reach_and_a_ceiling_for_cost_indicators():
    from jixiao.plugins.kinds.targets import indicator_target

    reach = indicator_target({"level2": "数量指标", "target": "50人"})
    ceiling = indicator_target({"level2": "成本指标", "target": "30万元"})
    assert (reach.op, reach.value) == (">=", D("50"))
    assert (ceiling.op, ceiling.value) == ("<=", D("30"))


def test_a_bare_zero_is_none_at_all():
    """0起 (安全责任事故), 0个 (火点): nothing is fewer, so it is no level to reach: 2起 misses it, 0起 meets it; a zero
    written with its direction (≥0, 0以上) keeps it."""
    zero = parse_target("0起")
    assert (zero.op, zero.value, zero.unit) == ("=", D("0"), "起")
    assert achieved(zero, parse_actual("2起")) is False and achieved(zero, parse_actual("0起")) is True
    assert parse_target("≥0").op == ">=" and parse_target("0以上").op == ">="
    assert parse_target("0.5起").op == ">="  # (a bare figure that is not zero: a level to reach, as before)


# -- heldout106: a target and its actual written in different forms ----------------------------------------------------
def test_a_count_in_chinese_numerals_is_a_figure():
    from jixiao.plugins.kinds.targets import parse_actual

    actual = parse_actual("七十一个")
    assert (actual.kind, actual.value, actual.unit) == ("number", D("71"), "个")
    assert parse_actual("十二座").value == D("12")
    assert parse_actual("基本完成").kind == "text"


def test_a_bare_proportion_against_a_rate_to_reach_is_in_hundredths_but_not_against_a_ceiling():
    """0.917 against ≥90% is 91.7% (a cell formatted as a number): met, and a partial score 0.846 of ≥90% is
    10 × 84.6 ÷ 90; against ≤3% a bare 0.5 may be 0.5% or 50% and is read as written."""
    from jixiao.plugins.kinds.tables import proportional
    from jixiao.plugins.kinds.targets import achieved, parse_actual, parse_target

    assert achieved(parse_target("≥90%"), parse_actual("0.917")) is True
    assert achieved(parse_target("≥90%"), parse_actual("0.846")) is False
    computed, _ = proportional(parse_target("≥90%"), parse_actual("0.846"), D("10"))
    assert round(computed, 2) == D("9.40")
    assert achieved(parse_target("≤3%"), parse_actual("0.5")) is True  # (as written: 0.5 ≤ 3)
    assert achieved(parse_target("≥1%"), parse_actual("0.5")) is False  # (a small rate: no proportion reading)
