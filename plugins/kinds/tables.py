"""自评表 indicator kinds: a score against the target and the actual value (财预〔2020〕10号 附件2).

Each kind runs once per indicator of `indicators` (e.g. /projects/*/indicators/*) and reads the cells by
the names the report schema gives them (`target`, `adjusted_target`, `target_op`, `target_value`,
`target_unit`, `nature`, `unit`, `actual`, `weight`, `score`, `level1`). Targets and actuals are read by
`targets.py`; an indicator whose target or actual cannot be read is not compared (never passed).
"""

from __future__ import annotations

import re

import unicodedata
from functools import lru_cache
from dataclasses import replace
from decimal import Decimal
from typing import Any, TypeVar
from collections.abc import Callable, Iterator

from jixiao.kit import (DECIMAL, LABELS, MIN_DECIMALS, POINTER, Finding, Kind, RuleContext, compile_with, not_an_input, exact,
                        format_decimal, has_wildcard, pick, round_half_up, to_decimal)

from .cells import Rule, Stars, computed_detail, computed_matches, label_values, left_unread, reported, show_computed
from .targets import Actual, Target, achieved, in_target_unit, indicator_actual, indicator_target, normalise

_T = TypeVar("_T")

_HUNDRED = Decimal(100)

INDICATORS = {**POINTER, "description": "The indicators, e.g. /projects/*/indicators/*; the kind runs once per indicator."}
YEAR = {**POINTER, "description": "The fiscal year, which dates a deadline written without a year (12月底前); default /fiscal_year."}


def fiscal_year(ctx: RuleContext, rule: Rule) -> int | None:
    year = ctx.get(rule.param("year", "/fiscal_year"))
    return year if isinstance(year, int) and not isinstance(year, bool) else None


def indicators(ctx: RuleContext, rule: Rule) -> Iterator[tuple[str, Stars, dict[str, Any]]]:
    """(pointer, star bindings, cells) of each indicator the rule covers."""
    pattern = rule.param("indicators")
    if not has_wildcard(pattern):  # one indicator, named outright: absent is not "missing"
        item = ctx.get(pattern)
        if isinstance(item, dict):
            yield pattern, [], item
        return
    for pointer, item, stars in ctx.items(pattern):
        if isinstance(item, dict):
            yield pointer, stars, item


def _memo(ctx: RuleContext, read: Callable[[dict[str, Any], int | None], _T], item: dict[str, Any],
          year: int | None) -> _T:
    """`read(item, year)`, once per report, indicator and reader (several rules read the same indicator)."""
    key = (read.__name__, id(item), year)
    try:
        value: _T = ctx.memo[key]  # what `read` gave for this key (ctx.memo holds any kind's values)
    except KeyError:
        value = ctx.memo[key] = read(item, year)
    return value


def cached_target(ctx: RuleContext, item: dict[str, Any], year: int | None) -> Target | None:
    """`indicator_target(item, year)`, once per report and indicator."""
    return _memo(ctx, indicator_target, item, year)


def cached_actual(ctx: RuleContext, item: dict[str, Any], year: int | None) -> Actual | None:
    """`indicator_actual(item, year)`, once per report and indicator."""
    return _memo(ctx, indicator_actual, item, year)


def _score_and_weight(ctx: RuleContext, pointer: str) -> tuple[Decimal | None, Decimal | None]:
    return ctx.number(pointer + "/score"), ctx.number(pointer + "/weight")


def _cell_values(ctx: RuleContext, rule: Rule, stars: Stars, target: Target, actual: Actual, score: Decimal,
                 weight: Decimal) -> dict[str, Any]:
    return {**label_values(ctx, rule, stars), "target": target.render(), "actual": actual.render(),
            "score": format_decimal(score), "weight": format_decimal(weight)}


def _target_pointer(pointer: str, item: dict[str, Any]) -> str:
    return pointer + ("/adjusted_target" if isinstance(item.get("adjusted_target"), str)
                      and item["adjusted_target"].strip() else "/target")


# -- NAT-TBL-002: not met, yet full marks ----------------------------------------------------------

def check_unmet_full_score(ctx: RuleContext, rule: Rule, plan: None = None) -> list[Finding]:
    year = fiscal_year(ctx, rule)
    findings: list[Finding] = []
    for pointer, stars, item in indicators(ctx, rule):
        target = cached_target(ctx, item, year)
        actual = cached_actual(ctx, item, year)
        if target is None or actual is None:
            continue
        met = achieved(target, actual)
        if met is None:
            continue
        score, weight = _score_and_weight(ctx, pointer)
        if score is None or weight is None:
            continue
        ctx.evaluated()
        if met or weight <= 0 or score < weight:
            continue
        findings.append(ctx.finding(pointer + "/score", _cell_values(ctx, rule, stars, target, actual, score, weight),
                                    related=[_target_pointer(pointer, item), pointer + "/actual", pointer + "/weight"]))
    return findings


# -- NAT-TBL-003: a partial score in proportion to the actual ----------------------------------------

def proportional(target: Target, actual: Actual, weight: Decimal) -> tuple[Decimal, str] | None:
    """分值 × 实际/目标 for ≥ (>) targets, 分值 × 目标/实际 for ≤ (<) targets, within [0, 分值]."""
    if target.op not in (">=", ">", "<=", "<") or actual.kind != "number" or actual.op or actual.value is None:
        return None
    value = in_target_unit(target, actual)
    if value is None or value < 0 or target.value is None or target.value < 0:
        return None
    t = target.value
    if target.op in (">=", ">"):
        if t == 0:
            return None
        computed = exact(lambda: weight * value / t)
        expression = f"{format_decimal(weight)} × {format_decimal(value)} ÷ {format_decimal(t)}"
    else:
        if value == 0:
            return None
        computed = exact(lambda: weight * t / value)
        expression = f"{format_decimal(weight)} × {format_decimal(t)} ÷ {format_decimal(value)}"
    return max(Decimal(0), min(computed, weight)), expression


# a row's 评分标准 that scores by deductions or steps of its own (每降低1个百分点扣0.5分; 未完成不得分), not in proportion
_OWN_RULE = re.compile(r"扣|不得分|得0分|计0分|分档|档次")
_FULL_MARKS = {"zh": "分值（≤ 指标已完成）", "en": "the weight (a ≤ target met)"}
_FORWARD = {"zh": "实际值未超过指标值，应得满分；自评表的得分是按 ≥ 指标的公式 {expression} 算出的",
            "en": "the actual is within the limit, so full marks are due; the form's score is the ≥ formula's {expression}"}


def check_proportional_score(ctx: RuleContext, rule: Rule, plan: None = None) -> list[Finding]:
    if rule.param("formula", "proportional") == "none":
        return []
    places = rule.param("min_decimals", 1)
    year = fiscal_year(ctx, rule)
    findings: list[Finding] = []
    for pointer, stars, item in indicators(ctx, rule):
        target = cached_target(ctx, item, year)
        actual = cached_actual(ctx, item, year)
        if target is None or actual is None or target.op not in (">=", ">", "<=", "<"):
            continue
        met = achieved(target, actual)
        if met is None:
            continue
        score, weight = _score_and_weight(ctx, pointer)
        if score is None or weight is None:
            continue
        if met and score < weight and target.op in ("<=", "<"):
            # a ≤ indicator met (620元 against ≤700元) but scored the ≥ way (10 × 620 ÷ 700 = 8.86): full marks are due
            forward = proportional(replace(target, op=">="), actual, weight)
            ctx.evaluated()
            if forward is not None and computed_matches(score, forward[0], places):
                values = {**_cell_values(ctx, rule, stars, target, actual, score, weight), "stated": score,
                          "computed": show_computed(weight), "expression": pick(_FULL_MARKS, ctx.lang),
                          "detail": pick(_FORWARD, ctx.lang).format(expression=forward[1]), "verdict": "computed"}
                findings.append(ctx.finding(pointer + "/score", values,
                                            related=[_target_pointer(pointer, item), pointer + "/actual", pointer + "/weight"]))
            continue
        if met or score >= weight:  # met: full marks are due (NAT-CMP-001 asks for a reason if not); full: NAT-TBL-002
            ctx.evaluated()
            continue
        if isinstance(item, dict) and _OWN_RULE.search(str(item.get("scoring_rule") or "")):
            continue  # (每降低1个百分点扣0.5分: the form's own rule decides the partial score, not the proportion)
        result = proportional(target, actual, weight)
        if result is None:
            continue
        computed, expression = result
        ctx.evaluated()
        if computed_matches(score, computed, places):
            continue
        values = {**_cell_values(ctx, rule, stars, target, actual, score, weight), "stated": score,
                  "computed": show_computed(computed), "expression": expression,
                  "detail": computed_detail(ctx, places), "verdict": "computed"}
        findings.append(ctx.finding(pointer + "/score", values,
                                    related=[_target_pointer(pointer, item), pointer + "/actual", pointer + "/weight"]))
    return findings


# -- NAT-TBL-004: a qualitative indicator's score within the band its wording implies ----------------

def _band_for(text: str, bands: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The first band with a word the actual states: the whole cell, or (for words of two characters or
    more) a part of it. List 未达到 before 达到 so the negative wins."""
    for band in bands:
        for word in band["words"]:
            if text == word or (len(word) >= 2 and word in text):
                return band
    return None


_BELOW = {"zh": "（不含满分）", "en": " (short of full marks)"}


def _bands(rule: Rule) -> list[dict[str, Any]]:
    """The rule's bands with their words normalised and their bounds as Decimals (once per rule)."""
    return [{**band, "words": [normalise(w) for w in band["words"]],
             "min": Decimal(str(band.get("min", 0))), "max": Decimal(str(band.get("max", 100)))}
            for band in rule.param("bands")]


def check_qualitative_score_band(ctx: RuleContext, rule: Rule, plan: list[dict[str, Any]]) -> list[Finding]:
    bands = plan
    year = fiscal_year(ctx, rule)
    findings: list[Finding] = []
    for pointer, stars, item in indicators(ctx, rule):
        target = cached_target(ctx, item, year)
        actual = cached_actual(ctx, item, year)
        if target is None or target.op != "qualitative" or actual is None or actual.kind != "text":
            continue
        band = _band_for(actual.text, bands)
        if band is None:
            continue
        score, weight = _score_and_weight(ctx, pointer)
        if score is None or weight is None or weight <= 0:
            continue
        ctx.evaluated()
        ratio = exact(lambda s=score, w=weight: s / w * _HUNDRED)
        if band["min"] <= ratio <= band["max"] and not (band.get("max_excluded") and ratio == band["max"]):
            continue
        low, high = format_decimal(band["min"]), format_decimal(band["max"])
        values = {**_cell_values(ctx, rule, stars, target, actual, score, weight),
                  "ratio": format_decimal(round_half_up(ratio, 2)), "band": band["name"], "min": low, "max": high,
                  "range": f"{low}%—{high}%" + (pick(_BELOW, ctx.lang) if band.get("max_excluded") else "")}
        findings.append(ctx.finding(pointer + "/score", values, related=[pointer + "/actual", pointer + "/weight"]))
    return findings


# -- NAT-TBL-005: first-level weights -------------------------------------------------------------

def _level_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace(" ", "").strip()
    return text[:-2] if text.endswith("指标") else text


def _alternatives(rule: Rule) -> list[dict[str, Any]]:
    """The accepted distributions, as Decimals (once per rule)."""
    return [{"levels": {name: Decimal(str(w)) for name, w in alt["level1"].items()},
             "rate": Decimal(str(alt["rate"])) if alt.get("rate") is not None else None}
            for alt in rule.param("expected")]


def _canonical_level(text: str, names: list[str]) -> str:
    """The expected level a 一级指标 cell names (服务对象满意度指标 → 满意度指标), else the cell itself."""
    return _canonical_level_cached(text, tuple(names))


@lru_cache(maxsize=4096)
def _canonical_level_cached(text: str, names: tuple[str, ...]) -> str:
    key = _level_key(text)
    for name in names:
        wanted = _level_key(name)
        if key == wanted or (key and wanted and (wanted in key or key in wanted)):
            return name
    return text.strip()


def _describe(levels: dict[str, Decimal], rate: Decimal | None, rate_label: str) -> str:
    parts = [f"{name} {format_decimal(w)}" for name, w in levels.items()]
    if rate is not None:
        parts.append(f"{rate_label} {format_decimal(rate)}")
    return "、".join(parts)


def _alternatives_text(ctx: RuleContext, texts: list[str]) -> str:
    if len(texts) == 1:
        return texts[0]
    if ctx.lang == "en":
        return f"{texts[0]} (or {'; or '.join(texts[1:])})"
    return f"{texts[0]}（或 {'；或 '.join(texts[1:])}）"


def check_level1_weights(ctx: RuleContext, rule: Rule, plan: list[dict[str, Any]]) -> list[Finding]:
    alternatives = plan
    names = list(dict.fromkeys(name for alt in alternatives for name in alt["levels"]))
    rate_label = rule.param("rate_label", "预算执行率")
    not_covered = list(rule.param("not_covered", []))
    findings: list[Finding] = []
    if (scale := reported(ctx, rule, "scale")) is not None and scale[0] != _HUNDRED:
        return findings  # (a report whose forms are scored on its own scale, 本县实行110分制: the distributions are of 100)
    for _table, stars in ctx.bindings(rule.param("each")):
        if left_unread(ctx, [ctx.bind(rule.param("indicators"), stars)]):
            continue  # (some of the form's rows were not read)
        sums: dict[str, Decimal] = {}
        first: dict[str, str] = {}
        seen, covered = False, True
        missing: str | None = None  # the first row without its level or weight
        for pointer, item in ctx.expand(ctx.bind(rule.param("indicators"), stars)):
            seen = True
            level = item.get("level1") if isinstance(item, dict) else None
            if not_covered and isinstance(level, str) and _canonical_level(level, not_covered) in not_covered:
                covered = False  # (a form of a template the distributions do not describe: 成本指标 as a 一级指标)
                break
            if missing is not None:
                continue  # (a row is missing: only whether the form is one the rule covers is still asked)
            weight = to_decimal(item.get("weight")) if isinstance(item, dict) else None
            if not isinstance(level, str) or not level.strip() or weight is None:
                missing = pointer + ("/weight" if isinstance(level, str) and level.strip() else "/level1")
                if not not_covered:
                    break
                continue
            name = _canonical_level(level, names)
            sums[name] = sums.get(name, Decimal(0)) + weight
            first.setdefault(name, pointer + "/weight")
        if not seen or not covered:
            continue
        if missing is not None:
            ctx.missing.append(missing)
            continue
        rate = None
        if rule.param("rate_weight"):
            rate = to_decimal(ctx.get(ctx.bind(rule.param("rate_weight"), stars)))
        ctx.evaluated()
        stated = {name: w for name, w in sums.items() if w != 0}
        if any(stated == {n: w for n, w in alt["levels"].items() if w != 0}
               and (alt["rate"] is None or rate is None or rate == alt["rate"]) for alt in alternatives):
            continue
        expected = alternatives[0]
        differing = next((n for n in list(expected["levels"]) + list(sums)
                          if sums.get(n, Decimal(0)) != expected["levels"].get(n, Decimal(0)) and n in first), None)
        at = first.get(differing) if differing else next(iter(first.values()))
        values = {**label_values(ctx, rule, stars),
                  "stated": _describe(sums, rate, rate_label),
                  "expected": _alternatives_text(ctx, [_describe(alt["levels"], alt["rate"] if rate is not None else None,
                                                                 rate_label) for alt in alternatives])}
        findings.append(ctx.finding(at, values, related=[p for p in first.values() if p != at]))
    return findings


_BAND = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "minLength": 1, "description": "The band's name for messages (达到, 部分达到, 未达到)."},
        "words": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1,
                  "description": "Words of an actual value that put it in this band (plain text, no patterns)."},
        "min": {**DECIMAL, "description": "Lowest score as a percentage of the weight, inclusive (default 0)."},
        "max": {**DECIMAL, "description": "Highest, inclusive (default 100)."},
        "max_excluded": {"type": "boolean",
                         "description": "The highest is not reached: 基本达到 is no full mark (default false)."},
    },
    "required": ["name", "words"],
    "additionalProperties": False,
}

_ALTERNATIVE = {
    "type": "object",
    "properties": {
        "level1": {"type": "object", "additionalProperties": DECIMAL, "minProperties": 1,
                   "description": "Σ分值 of the indicators of each 一级指标, e.g. {产出指标: 50, 效益指标: 30, 满意度指标: 10}."},
        "rate": {**DECIMAL, "description": "The 预算执行率 weight (rate_weight), where the table states it."},
    },
    "required": ["level1"],
    "additionalProperties": False,
}

KINDS = [
    Kind(
        name="unmet_full_score",
        family="grades",
        values=frozenset({"actual", "score", "target", "weight"}),
        description="A quantitative indicator whose actual value misses its target (or a deadline met late) is not given its full weight.",
        params={
            "properties": {"indicators": INDICATORS, "year": YEAR, "labels": LABELS},
            "required": ["indicators"],
            "additionalProperties": False,
        },
        compile=compile_with(check_unmet_full_score),
    ),
    Kind(
        name="proportional_score",
        family="grades",
        values=frozenset({"actual", "computed", "detail", "expression", "score", "stated", "target", "verdict", "weight"}),
        description="A quantitative indicator that misses its target is scored 分值 × 实际/目标 (≥ targets) or 分值 × 目标/实际 (≤ targets); the score is a computed value.",
        params={
            "properties": {
                "indicators": INDICATORS, "year": YEAR, "labels": LABELS,
                "formula": {"enum": ["proportional", "none"], "description": "`proportional` (default); `none`: no formula applies (the rule is skipped)."},
                "min_decimals": MIN_DECIMALS,
            },
            "required": ["indicators"],
            "additionalProperties": False,
        },
        compile=compile_with(check_proportional_score),
    ),
    Kind(
        name="qualitative_score_band",
        family="grades",
        values=frozenset({"actual", "band", "max", "min", "range", "ratio", "score", "target", "weight"}),
        description="A qualitative indicator's 得分 ÷ 分值 lies in the band its actual wording implies (达到 80–100%, 部分达到 60–80%, 基本达到 60–100% short of full marks, 未达到 0–60%); an actual with none of the words is not checked. `{range}` is the band as a reader reads it (60%—100%（不含）).",
        params={
            "properties": {
                "indicators": INDICATORS, "year": YEAR, "labels": LABELS,
                "bands": {"type": "array", "items": _BAND, "minItems": 1,
                          "description": "Bands in order of precedence: the first whose word the actual contains wins (put 未达到 before 达到). A one-character word (是) must be the whole cell."},
            },
            "required": ["indicators", "bands"],
            "additionalProperties": False,
        },
        compile=compile_with(check_qualitative_score_band, _bands),
    ),
    Kind(
        name="level1_weights",
        family="grades",
        values=frozenset({"expected", "stated"}),
        description="The indicators' weights summed by 一级指标 (and the 预算执行率 weight) match one of the expected distributions.",
        params={
            "properties": {
                "each": {**POINTER, "description": "The tables, e.g. /projects/*."},
                "indicators": {**POINTER, "description": "The table's indicators, e.g. /projects/*/indicators/*."},
                "rate_weight": {**POINTER, "description": "The 预算执行率 weight, compared where stated."},
                "rate_label": {"type": "string", "description": "Its name in messages (default 预算执行率)."},
                "scale": not_an_input({**POINTER, "description": "The scale the report says its forms are scored on (/grading/full_marks): where it states one other than 100 (本县实行110分制), the distributions, which are of 100 points, do not apply and no table is checked."}),
                "not_covered": {"type": "array", "items": {"type": "string", "minLength": 1},
                                "description": "一级指标 of templates the expected distributions do not describe (成本指标, a 一级指标 in forms since 2021): a table with one is not checked."},
                "expected": {"type": "array", "items": _ALTERNATIVE, "minItems": 1,
                             "description": "Accepted distributions; the first is shown as the expectation. A 一级指标 cell matches a name containing it or contained in it, without 指标 (服务对象满意度指标 is 满意度指标)."},
                "labels": LABELS,
            },
            "required": ["each", "indicators", "expected"],
            "additionalProperties": False,
        },
        compile=compile_with(check_level1_weights, _alternatives),
    ),
]
