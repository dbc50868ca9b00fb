"""Grade kinds: score → grade bands (财预〔2020〕10号) and the execution-rate score."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterable

from jixiao.numbers import Interval, exact
from jixiao.registry import Kind

from .params import DECIMAL, MESSAGE, POINTER
from .verdict import SEVERITY_PARAMS, show, verdict

_HUNDRED = Decimal(100)


def _bands(rule) -> list[dict[str, Any]]:
    """Bands from the highest to the lowest, each with its canonical grade, aliases and lower bound."""
    bands = [dict(b) for b in rule.param("bands")]
    return sorted(bands, key=lambda b: Decimal(str(b["min"])) if b.get("min") is not None else Decimal("-Infinity"),
                  reverse=True)


def _canonical(grade: str, bands: list[dict[str, Any]]) -> str | None:
    grade = grade.strip().strip("“”\"'")
    for band in bands:
        if grade == band["grade"] or grade in band.get("aliases", []):
            return band["grade"]
    return None


def band_for(score: Decimal, bands: list[dict[str, Any]]) -> dict[str, Any]:
    """The band a score falls in: lower bounds are inclusive (90 is 优, 89.99 is 良)."""
    for band in bands:
        if band.get("min") is None or score >= Decimal(str(band["min"])):
            return band
    return bands[-1]


def check_grade_band(report: dict, rule, ctx) -> Iterable[Any]:
    bands = _bands(rule)
    edge_width = Decimal(str(rule.param("edge_width", 1)))
    findings = []
    for score_pointer, stars in ctx.bindings(rule.param("score")):
        score = ctx.number(score_pointer)
        grade_pointer = ctx.bind(rule.param("grade"), stars)
        stated_grade = ctx.value(grade_pointer)
        if score is None or not isinstance(stated_grade, str):
            continue
        ctx.evaluated()
        expected = band_for(score, bands)
        canonical = _canonical(stated_grade, bands)
        if canonical == expected["grade"]:
            continue
        values = {"score": show(score), "grade": stated_grade, "expected": expected["grade"]}
        if canonical is None:
            known = "、".join(b["grade"] for b in bands)
            findings.append(ctx.finding(grade_pointer, {**values, "known": known}, related=[score_pointer],
                                        message=rule.param("unknown_message") or _UNKNOWN))
            continue
        # Bands written as integers (80–89) leave a fractional score just under an edge ambiguous.
        above = bands[bands.index(expected) - 1] if bands.index(expected) > 0 else None
        ambiguous = (
            above is not None
            and canonical == above["grade"]
            and score != score.to_integral_value()
            and Decimal(str(above["min"])) - edge_width < score < Decimal(str(above["min"]))
        )
        values["edge"] = "yes" if ambiguous else "no"
        severity = rule.param("edge_severity", "warning") if ambiguous else None
        findings.append(ctx.finding(grade_pointer, values, severity=severity, related=[score_pointer]))
    return findings


_UNKNOWN = {"zh": "等级“{grade}”不是有效等级（{known}）", "en": "'{grade}' is not a known grade ({known})"}


def check_rate_score(report: dict, rule, ctx) -> Iterable[Any]:
    """执行率得分 = min(执行率, 100%) × 分值."""
    findings = []
    for score_pointer, stars in ctx.bindings(rule.param("score")):
        score = ctx.number(score_pointer)
        rate_pointer = ctx.bind(rule.param("rate"), stars)
        rate = ctx.number(rate_pointer)
        weight_pointer = ctx.bind(rule.param("weight"), stars) if rule.param("weight") else None
        weight = ctx.number(weight_pointer) if weight_pointer else None
        if weight is None:  # no weight stated for this item: the default weight (分值) applies
            weight_pointer = None
            weight = Decimal(str(rule.param("weight_value", 10)))
        if score is None or rate is None:
            continue
        capped = min(rate, _HUNDRED)
        computed = exact(lambda: capped / _HUNDRED * weight)
        weight_interval = Interval.exact(weight)  # a weight (分值) is a defined constant, not a rounded figure
        interval = Interval.stated(rate).cap(_HUNDRED).scale(Decimal("0.01")) * weight_interval
        findings += verdict(ctx, score_pointer, score, computed, interval,
                            {"expression": f"min({show(rate)}%, 100%) × {show(weight)}"},
                            related=[rate_pointer] + ([weight_pointer] if weight_pointer else []))
    return findings



KINDS = [
    Kind(
        name="grade_band",
        family="grades",
        description="A score's grade matches the band it falls in (lower bounds inclusive).",
        params={
            "properties": {
                "score": {**POINTER, "description": "The score; `*` runs once per item."},
                "grade": {**POINTER, "description": "The stated grade (stars bound like `score`)."},
                "bands": {
                    "type": "array",
                    "minItems": 2,
                    "items": {
                        "type": "object",
                        "properties": {
                            "grade": {"type": "string", "minLength": 1},
                            "min": {"type": ["number", "null"], "description": "Inclusive lower bound; omit for the lowest band."},
                            "aliases": {"type": "array", "items": {"type": "string"}},
                        },
                        "required": ["grade"],
                        "additionalProperties": False,
                    },
                },
                "edge_width": {"type": "number", "exclusiveMinimum": 0, "description": "A fractional score this close under a band's lower bound, graded as that band, is ambiguous (default 1)."},
                "edge_severity": {"enum": ["error", "warning", "info"], "description": "Severity for the ambiguous case (default warning)."},
                "unknown_message": {**MESSAGE, "description": "Message for a grade that is no band's."},
            },
            "required": ["score", "grade", "bands"],
            "additionalProperties": False,
        },
        check=check_grade_band,
    ),
    Kind(
        name="rate_score",
        family="grades",
        description="The execution-rate score equals min(rate, 100%) × its weight.",
        params={
            "properties": {
                "score": POINTER,
                "rate": POINTER,
                "weight": {**POINTER, "description": "The weight (分值) field."},
                "weight_value": {**DECIMAL, "description": "The weight where the report states none (default 10)."},
                **SEVERITY_PARAMS,
            },
            "required": ["score", "rate"],
            "additionalProperties": False,
        },
        check=check_rate_score,
    ),
]
