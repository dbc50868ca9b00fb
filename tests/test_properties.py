"""Property tests: interval arithmetic sound and tight, grade bands a partition, precision round-trips,
and the engine never crashes on a schema-valid report."""

from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.engine import Auditor, Options
from jixiao.jsonload import dumps, load_json
from jixiao.numbers import Interval, decimals_of, round_half_up
from jixiao.plugins.kinds.grades import band_for
from jixiao.validation import load_schema, violations

from helpers import minimal_report, pack_file
from schema_strategy import from_schema

stated = st.builds(lambda n, places: D(n).scaleb(-places), st.integers(1, 10**7), st.integers(0, 4))
unit = st.fractions(-1, 1)


def inside(value: D, fraction) -> D:
    """A value inside the rounding interval of a stated figure."""
    half = D(5).scaleb(-decimals_of(value) - 1)
    return value + half * D(fraction.numerator) / D(fraction.denominator)


@given(stated, stated, unit, unit)
def test_interval_arithmetic_is_sound(a, b, fa, fb):
    x, y = inside(a, fa), inside(b, fb)
    ia, ib = Interval.stated(a), Interval.stated(b)
    s, d, p = ia + ib, ia - ib, ia * ib
    assert s.low <= x + y <= s.high
    assert d.low <= x - y <= d.high
    assert p.low <= x * y <= p.high
    q = ia.divide(ib)
    if q is not None and y != 0:
        from decimal import localcontext
        with localcontext() as ctx:
            ctx.prec = 60
            assert q.low <= x / y <= q.high


RATIO = {"id": "P-RATIO-001", "kind": "ratio", "stated": "/overall/execution_rate", "numerator": "/overall/final",
         "denominator": "/overall/initial_budget", "message": {"zh": "x"}}


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=150)
@given(stated, stated, st.integers(0, 3))
def test_face_consistent_rates_are_never_errors(tmp_path_factory, final, budget, places):
    auditor = _ratio_auditor(tmp_path_factory)
    rate = round_half_up(final / budget * 100, places)
    report = minimal_report(overall={"final": final, "initial_budget": budget, "execution_rate": rate})
    run, findings = auditor.run_rule(next(iter(auditor.explicit[0].rules.values())), report)
    assert run.status == "passed" and findings == []


_AUDITORS = {}


def _ratio_auditor(factory):
    if "ratio" not in _AUDITORS:
        _AUDITORS["ratio"] = Auditor(Options(packs=[str(pack_file(factory.mktemp("p"), [RATIO]))]))
    return _AUDITORS["ratio"]


BANDS = [{"grade": "优", "min": 90}, {"grade": "良", "min": 80}, {"grade": "中", "min": 60}, {"grade": "差"}]


@given(st.integers(0, 10000), st.integers(0, 10000))
def test_grade_bands_partition_and_are_monotone(a, b):
    low, high = sorted((D(a) / 100, D(b) / 100))
    grades = [band["grade"] for band in BANDS]
    assert grades.index(band_for(low, BANDS)["grade"]) >= grades.index(band_for(high, BANDS)["grade"])
    score = D(a) / 100
    expected = "优" if score >= 90 else "良" if score >= 80 else "中" if score >= 60 else "差"
    assert band_for(score, BANDS)["grade"] == expected


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), stated, st.text(max_size=8)),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=5), children, max_size=4)),
    max_leaves=20,
)


@given(json_values)
def test_report_json_round_trips_with_precision(value):
    again = load_json(dumps(value), "x.json")
    assert dumps(again) == dumps(value)


REPORT_SCHEMA = load_schema("report")
_ENGINE = {}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(from_schema(REPORT_SCHEMA))
def test_schema_valid_reports_never_crash_the_engine(report):
    assert violations("report", report, fast=False) == []
    auditor = _ENGINE.setdefault("a", Auditor(Options(packs=["hebei"])))
    result = auditor.check_report(report, "<generated>")
    assert all(run.status != "errored" for run in result.rule_runs), [(r.rule_id, r.reason) for r in result.rule_runs if r.status == "errored"]
    assert not [f for f in result.findings if f.category in ("internal", "schema")]
