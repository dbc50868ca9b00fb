"""Grade kinds: score → grade bands (财预〔2020〕10号) and the execution-rate score."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.kit import (DECIMAL, LABELS, MESSAGE, MIN_DECIMALS, POINTER, POINTER_OR_LIST, SEVERITY_PARAMS, Finding,
                        Interval, Kind, RuleContext, compile_with, declared_inputs, exact, show, to_decimal, verdict)

from .cells import Rule, Stars, computed_detail, computed_matches, label_values, show_computed

_HUNDRED = Decimal(100)


def _bands(rule: Rule) -> list[dict[str, Any]]:
    """Bands from the highest to the lowest, each with its canonical grade, aliases and lower bound."""
    return sorted((dict(b) for b in rule.param("bands")), key=_low, reverse=True)


def _low(band: dict[str, Any]) -> Decimal:
    """A band's lower bound (the lowest band's: minus infinity)."""
    low = to_decimal(band.get("min"))
    return low if low is not None else Decimal("-Infinity")


def _canonical(grade: str, bands: list[dict[str, Any]]) -> str | None:
    grade = grade.strip().strip("“”\"'")
    for band in bands:
        canonical: str = band["grade"]
        if grade == canonical or grade in band.get("aliases", []):
            return canonical
    return None


def band_for(score: Decimal, bands: list[dict[str, Any]]) -> dict[str, Any]:
    """The band a score falls in: lower bounds are inclusive (90 is 优, 89.99 is 良)."""
    for band in bands:
        if band.get("min") is None or score >= Decimal(str(band["min"])):
            return band
    return bands[-1]


def _stated_bands(ctx: RuleContext, rule: Rule, plan: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """The bands of the standard the report states it grades by (`standard`, e.g. /grading), each under its name as
    written and known by the rule's aliases too (好 is 优); the rule's own where it states none; None where it grades
    by more than the score (a condition: no grade follows from the score alone)."""
    pointer = rule.param("standard")
    standard = ctx.get(pointer) if pointer else None
    if not isinstance(standard, dict):
        return plan
    if standard.get("conditional") is True:
        return None
    stated = [b for b in standard.get("bands") or [] if isinstance(b, dict) and isinstance(b.get("grade"), str)]
    if len(stated) < 2:
        return plan
    bands = []
    for band in stated:
        own = next((b for b in plan if band["grade"] == b["grade"] or band["grade"] in b.get("aliases", [])), None)
        low = to_decimal(band.get("min"))
        bands.append({"grade": band["grade"], "min": low,
                      "aliases": [own["grade"], *own.get("aliases", [])] if own is not None else []})
    bands.sort(key=_low, reverse=True)
    same = len(bands) == len(plan) and all(  # (the rule's own bands restated: the rule's own; `plan` is sorted)
        b["aliases"] and b["aliases"][0] == own["grade"] and b["min"] == to_decimal(own.get("min"))
        for b, own in zip(bands, plan, strict=True))
    return plan if same else bands


_BY_STATED = {"zh": "（按报告所写的等级标准）", "en": " (by the grade standard the report states)"}


def check_grade_band(ctx: RuleContext, rule: Rule, plan: list[dict[str, Any]]) -> list[Finding]:
    bands = _stated_bands(ctx, rule, plan)
    if bands is None:
        return []  # (the report grades by a standard with a condition beyond the score: nothing to compare)
    standard = "" if bands is plan else _BY_STATED.get(ctx.lang, _BY_STATED["zh"])
    edge_width = Decimal(str(rule.param("edge_width", 1)))
    findings: list[Finding] = []
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
        values = {**label_values(ctx, rule, stars), "score": show(score), "grade": stated_grade,
                  "expected": expected["grade"], "standard": standard}
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
            and edge_width > 0
            and score != score.to_integral_value()
            and Decimal(str(above["min"])) - edge_width < score < Decimal(str(above["min"]))
        )
        values["edge"] = "yes" if ambiguous else "no"
        severity = rule.param("edge_severity", "warning") if ambiguous else None
        findings.append(ctx.finding(grade_pointer, values, severity=severity, related=[score_pointer]))
    return findings


_UNKNOWN = {"zh": "等级“{grade}”不是有效等级（{known}）", "en": "'{grade}' is not a known grade ({known})"}


def check_rate_score(ctx: RuleContext, rule: Rule, plan: None = None) -> list[Finding]:
    """执行率得分 = min(执行率, 100%) × 分值."""
    computed_mode = bool(rule.param("computed"))
    findings: list[Finding] = []
    for score_pointer, stars in ctx.bindings(rule.param("score")):
        score = ctx.number(score_pointer)
        if score is None:
            continue
        rate_pointer = ctx.bind(rule.param("rate"), stars)
        weight_pointer = ctx.bind(rule.param("weight"), stars) if rule.param("weight") else None
        weight = ctx.number(weight_pointer) if weight_pointer else None
        if weight is None:  # no weight stated for this item: the default weight (分值) applies
            weight_pointer = None
            weight = Decimal(str(rule.param("weight_value", 10)))
        if computed_mode:
            findings += _computed_rate_score(ctx, rule, stars, score_pointer, score, rate_pointer, weight, weight_pointer)
            continue
        rate = ctx.number(rate_pointer)
        if rate is None:
            continue
        capped = min(rate, _HUNDRED)
        computed = exact(lambda c=capped, w=weight: c / _HUNDRED * w)
        weight_interval = Interval.exact(weight)  # a weight (分值) is a defined constant, not a rounded figure
        interval = Interval.stated(rate).cap(_HUNDRED).scale(Decimal("0.01")) * weight_interval
        findings += verdict(ctx, score_pointer, score, computed, interval,
                            {**label_values(ctx, rule, stars), "expression": f"min({show(rate)}%, 100%) × {show(weight)}"},
                            related=[rate_pointer] + ([weight_pointer] if weight_pointer else []))
    return findings


def _first_stated(ctx: RuleContext, patterns: str | list[str] | None,
                  stars: Stars) -> tuple[str | None, Decimal | None]:
    for pattern in [patterns] if isinstance(patterns, str) else list(patterns or []):
        pointer = ctx.bind(pattern, stars)
        value = to_decimal(ctx.get(pointer))
        if value is not None:
            return pointer, value
    return None, None


def _computed_rate_score(ctx: RuleContext, rule: Rule, stars: Stars, score_pointer: str, score: Decimal,
                         rate_pointer: str, weight: Decimal, weight_pointer: str | None) -> list[Finding]:
    """The score is a computed value: min(rate, 100%) × weight from the stated rate, or from 全年执行数 ÷
    全年预算数 where both are stated; it must equal one of them exactly or rounded to its own decimals."""
    places = rule.param("min_decimals", 1)
    tolerance = Decimal(str(rule.param("tolerance", "0")))
    rate = to_decimal(ctx.get(rate_pointer))
    candidates: list[tuple[str, Decimal, list[str]]] = []
    if rate is not None:
        capped = min(rate, _HUNDRED)
        candidates.append((f"min({show(rate)}%, 100%) × {show(weight)}", exact(lambda: capped / _HUNDRED * weight),
                           [rate_pointer]))
    executed_pointer, executed = (_first_stated(ctx, rule.param("executed"), stars) if rule.param("executed")
                                  else (None, None))
    budget_pointer, budget = (_first_stated(ctx, rule.param("budget"), stars) if rule.param("budget")
                              else (None, None))
    if (executed is not None and budget is not None and budget != 0
            and executed_pointer is not None and budget_pointer is not None):  # (a stated value has its pointer)
        share = exact(lambda: min(executed / budget, Decimal(1)))
        candidates.append((f"min({show(executed)} ÷ {show(budget)}, 100%) × {show(weight)}",
                           exact(lambda: share * weight), [executed_pointer, budget_pointer]))
    if not candidates:
        ctx.number(rate_pointer)  # say what was missing
        return []
    ctx.evaluated()
    if any(computed_matches(score, computed, places) or (tolerance and abs(score - computed) <= tolerance)
           for _, computed, _ in candidates):
        return []
    expression, computed, _ = candidates[0]
    values = {**label_values(ctx, rule, stars), "stated": score, "computed": show_computed(computed),
              "expression": expression, "detail": computed_detail(ctx, places), "verdict": "computed"}
    if len(candidates) > 1:
        values["alternatives"] = [f"{e} = {show_computed(c)}" for e, c, _ in candidates]
    related = [p for _, _, ps in candidates for p in ps] + ([weight_pointer] if weight_pointer else [])
    return [ctx.finding(score_pointer, values, related=related)]


KINDS = [
    Kind(
        name="grade_band",
        family="grades",
        values=frozenset({"edge", "expected", "grade", "known", "score", "standard"}),
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
                "standard": {**POINTER, "description": "Where the report states the standard it grades by (/grading: "
                                                      "its `bands` and whether it is `conditional`): its bands replace "
                                                      "`bands` for that report; a conditional one checks nothing."},
                "edge_width": {"type": "number", "minimum": 0, "description": "A fractional score this close under a band's lower bound, graded as that band, is ambiguous (default 1); 0: no slack, as on a 自评表 whose 总分 is computed (89.5 graded 优 is an error)."},
                "edge_severity": {"enum": ["error", "warning", "info"], "description": "Severity for the ambiguous case (default warning)."},
                "unknown_message": {**MESSAGE, "description": "Message for a grade that is no band's."},
                "labels": LABELS,
            },
            "required": ["score", "grade", "bands"],
            "additionalProperties": False,
        },
        # (the stated standard is read where a report has one, never what the rule needs: no input of the rule)
        compile=compile_with(check_grade_band, _bands, inputs=lambda rule: declared_inputs(rule, ("score", "grade"))),
    ),
    Kind(
        name="rate_score",
        family="grades",
        values=frozenset({"alternatives", "computed", "detail", "expression", "interval", "stated", "verdict"}),
        description="The execution-rate score equals min(rate, 100%) × its weight.",
        params={
            "properties": {
                "score": POINTER,
                "rate": POINTER,
                "weight": {**POINTER, "description": "The weight (分值) field."},
                "weight_value": {**DECIMAL, "description": "The weight where the report states none (default 10)."},
                "computed": {"type": "boolean", "description": "The stated score is a computed value, not a measurement: it passes only when it equals the computed score exactly, or rounded half up to its own decimals with at least `min_decimals` (10 for a 95.5% rate is an error; 9.55 and 9.6 pass). Without it (default false) the score is checked like a stated figure, within the rate's rounding interval."},
                "min_decimals": MIN_DECIMALS,
                "executed": {**POINTER_OR_LIST, "description": "With `computed`: 全年执行数; with `budget`, the score computed from executed ÷ budget is accepted too."},
                "budget": {**POINTER_OR_LIST, "description": "With `computed`: 全年预算数; a list: the first stated counts."},
                "labels": LABELS,
                **SEVERITY_PARAMS,
            },
            "required": ["score", "rate"],
            "additionalProperties": False,
        },
        compile=compile_with(check_rate_score),
    ),
]
