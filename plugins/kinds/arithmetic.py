"""Arithmetic consistency kinds: sum, ratio, difference, percent_change (design §4)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypeAlias, cast
from collections.abc import Iterable
from itertools import chain

from jixiao.kit import (DECIMAL, Finding, Interval, Kind, LABELS, MESSAGE, POINTER, POINTERS, POINTER_OR_LIST,
                        SEVERITY_PARAMS, RuleContext, compile_with, not_an_input, exact, face_matches, has_wildcard, round_like,
                        show, stated_interval, to_decimal, verdict)

from .cells import Rule, Stars, label_values, left_unread, reported

# What _ratio_plan parses from a ratio rule: scale, exact inputs, numerators, denominators, their labels.
# scale, exact inputs, numerators, denominators, their labels, whether only the first stated denominator counts,
# and whether no pointer has a `*` (then `_fixed_ratio_passes` may decide the common case alone)
_RatioPlan: TypeAlias = tuple[Decimal, bool, list[str], list[str], list[str], bool, bool]


def _terms(ctx: RuleContext, patterns: Iterable[str], stars: Stars) -> tuple[list[tuple[str, Decimal]], bool]:
    """Every stated term of the (bound) patterns; False when a term is missing."""
    terms: list[tuple[str, Decimal]] = []
    for pattern in patterns:
        bound = ctx.bind(pattern, stars)
        if has_wildcard(bound):
            found = [(p, to_decimal(v)) for p, v in ctx.expand(bound)]
            if not found or any(v is None for _, v in found):
                ctx.missing.extend(p for p, v in found if v is None)
                return terms, False
            terms.extend(found)  # type: ignore[arg-type]
        else:
            value = ctx.number(bound)
            if value is None:
                return terms, False
            terms.append((bound, value))
    return terms, True


def signed_sum(values: list[Decimal], shown: Any) -> str:
    """A sum as a message writes it: 410.00 − 50.00 + 12.00, a negative term after a minus, not "+ -50.00"."""
    out = ""
    for k, value in enumerate(values):
        if k == 0:
            out = shown(value)
        else:
            out += f" − {shown(-value)}" if value < 0 else f" + {shown(value)}"
    return out


def _sum(values: list[tuple[str, Decimal]]) -> Decimal:
    return exact(lambda: sum((v for _, v in values), Decimal(0)))


def _sum_interval(values: list[tuple[str, Decimal]], exact_inputs: bool) -> Interval:
    interval = Interval.exact(Decimal(0))
    for _, value in values:
        interval = interval + stated_interval(value, exact_inputs)
    return interval


# total, parts, optional parts, exact inputs: for a rule with a total field and no `*` anywhere; else None
_SumPlan: TypeAlias = "tuple[str, tuple[str, ...], frozenset[str], bool] | None"


def _sum_plan(rule: Rule) -> _SumPlan:
    total, parts = rule.param("total"), list(rule.param("parts") or [])
    if not total or rule.param("each") or any(has_wildcard(p) for p in [total, *parts]):
        return None
    return total, tuple(parts), frozenset(rule.param("optional_parts") or []), bool(rule.param("exact"))


def check_sum(ctx: RuleContext, rule: Rule, plan: _SumPlan = None) -> list[Finding]:
    if plan is not None:  # no `*`: the common case (consistent, or nothing to compare) decided here
        total, part_pointers, optional, exact_inputs = plan
        stated = ctx.number(total)
        if stated is None:
            return []
        parts = []
        for pointer in part_pointers:
            value = ctx.number(pointer)
            if value is None:
                if pointer in optional:
                    continue
                return []
            parts.append(value)
        if not parts:
            return []
        computed = exact(lambda: sum(parts, Decimal(0)))
        if computed == stated if exact_inputs else face_matches(stated, computed):
            ctx.evaluated()
            return []
    return _sums(ctx, rule, rule.param("total"), rule.param("parts"), set(rule.param("optional_parts") or []), {})


def _sums(ctx: RuleContext, rule: Rule, total_pattern: str | None, part_patterns: list[str], optional: set[str],
          extra: dict[str, Any]) -> list[Finding]:
    """Each stated total against the sum of its parts; `extra` values go into every finding."""
    exact_inputs = bool(rule.param("exact"))
    findings: list[Finding] = []
    # With a fixed total, `each` (e.g. /projects/*) says what the total is per item.
    driver = total_pattern or rule.param("each")
    for driver_pointer, stars in ctx.bindings(driver) if driver else [(None, [])]:
        total_pointer = driver_pointer if total_pattern else None
        stated: Decimal | None
        scale: str | None = None  # (a total the report sets itself: 本表实行110分制)
        if total_pointer is None:
            own = reported(ctx, rule, "total_from")
            stated, scale = own if own is not None else (Decimal(str(rule.param("total_value"))), None)
        else:
            stated = ctx.number(total_pointer)
            if stated is None:
                continue
        parts: list[tuple[str, Decimal]] = []
        complete = True
        absent: list[str] = []  # optional parts the report does not state (0), unless stated but left unread
        for pattern in part_patterns:
            found, ok = _terms(ctx, [pattern], stars)
            if not ok and pattern not in optional:
                complete = False
                break
            parts.extend(found if ok else [])
            if not ok:
                absent.append(ctx.bind(pattern, stars))
        if not complete or not parts:
            continue
        if left_unread(ctx, chain((p for p, _ in parts), absent, (ctx.bind(p, stars) for p in part_patterns if "*" in p))):
            continue  # (some of a form's rows were not read, or a part was spoken of but not read: the sum says nothing)
        computed = _sum(parts)
        if total_pointer is not None and (computed == stated if exact_inputs else face_matches(stated, computed)):
            ctx.evaluated()  # consistent: no interval arithmetic, no message text
            continue
        if total_pointer is not None and _capped(ctx, rule, stars, stated, computed, parts):
            ctx.evaluated()  # (99.55 + 加分 5 = 104.55, 总分 100.00 where the form cuts it at 100)
            continue
        unit = rule.param("unit")
        if unit is not None:
            extra = {**extra, "unit": unit}
            written = ctx.written_in_other_unit([(total_pointer, stated), *parts]) if total_pointer else None
            if written is not None:  # (a table in 元, read in 万元: compared and shown in 元, as the reviewer reads it)
                quotes = written[0]
                stated = Decimal(quotes[0].replace(",", ""))
                parts = [(pointer, Decimal(quote.replace(",", ""))) for (pointer, _), quote in zip(parts, quotes[1:], strict=True)]
                computed = _sum(parts)
                extra["unit"] = "元"
        expression = signed_sum([v for _, v in parts], show)
        values = {**extra, **label_values(ctx, rule, stars), "expression": expression}
        if total_pointer is None:
            # A fixed total (Σ分值 = 100) adds defined constants: compared exactly. The finding sits on the
            # total row where the table states one (总分 row's 分值), else on the first part.
            ctx.evaluated()
            row_pointer = ctx.bind(rule.param("stated_total"), stars) if rule.param("stated_total") else None
            row_total = to_decimal(ctx.get(row_pointer)) if row_pointer else None
            at = row_pointer if row_total is not None else parts[0][0]
            related = [p for p, _ in parts if p != at] + ([scale] if scale else [])
            if computed != stated:
                values = {**values, "stated": stated, "computed": computed}
                if row_total is not None:
                    values["stated_total"] = row_total
                findings.append(ctx.finding(at, values, related=related))
            elif row_total is not None and row_total != computed:
                findings.append(ctx.finding(at, {**values, "stated": stated, "computed": computed, "stated_total": row_total},
                                            message=rule.param("stated_total_message") or _ROW_TOTAL, related=related))
            continue
        def interval(parts: list[tuple[str, Decimal]] = parts) -> Interval:
            return _sum_interval(parts, exact_inputs)

        findings += verdict(ctx, total_pointer, stated, computed, interval, values, related=[p for p, _ in parts])
    return findings


def _capped(ctx: RuleContext, rule: Rule, stars: Stars, stated: Decimal, computed: Decimal,
            parts: list[tuple[str, Decimal]]) -> bool:
    """Whether a total stated at the rule's cap is the parts' sum cut at it: they exceed it only by the positive
    `capped_by` parts (a form's 加分 beyond its 100 points)."""
    cap = rule.param("cap")
    if cap is None or stated != Decimal(str(cap)) or computed <= stated:
        return False
    prefix = ctx.bind(rule.param("capped_by"), stars).split("*", 1)[0]
    bonus = sum((v for p, v in parts if p.startswith(prefix) and v > 0), Decimal(0))
    return bonus > 0 and computed - bonus <= stated


_ROW_TOTAL = {"zh": "合计行为 {stated_total}，与各项之和 {expression} = {computed} 不符",
              "en": "The total row says {stated_total}, but the parts add up to {computed} ({expression})"}


def check_column_sum(ctx: RuleContext, rule: Rule, plan: None = None) -> list[Finding]:
    """A table's total row equals the sum of its 其中 rows, column by column (`{column}` in the pointers)."""
    findings: list[Finding] = []
    names = rule.param("column_labels") or {}
    for column in rule.param("columns"):
        label = names.get(column, column)
        total = rule.param("total").replace("{column}", column)
        parts = [p.replace("{column}", column) for p in rule.param("parts")]
        findings += _sums(ctx, rule, total, parts, set(), {"column": label})
    return findings


def _ratio_interval(n_interval: Interval, d_interval: Interval, scale: Decimal) -> Interval | None:
    divided = n_interval.divide(d_interval)
    return divided.scale(scale) if divided is not None else None


def _ratio_plan(rule: Rule) -> _RatioPlan:
    """The rule's parameters, parsed once per rule when its pack loads (kinds run per report)."""
    numerators = rule.param("numerator")
    denominators = rule.param("denominator")
    denominators = [denominators] if isinstance(denominators, str) else list(denominators)
    numerators = [numerators] if isinstance(numerators, str) else list(numerators)
    return (
        Decimal(str(rule.param("scale", 100))),
        bool(rule.param("exact_inputs")) or bool(rule.param("exact")),
        numerators,
        denominators,
        _labels(rule.param("denominator_labels") or [], denominators),
        rule.param("denominator_choice", "any") == "first_stated",
        not any(has_wildcard(p) for p in [rule.param("stated"), *numerators, *denominators]),
    )


def _labels(given: list[str], denominators: list[str]) -> list[str]:
    """A name for each alternative denominator: the given labels, then the fields' own names."""
    return [*given[:len(denominators)], *(d.rsplit("/", 1)[-1] for d in denominators[len(given):])]


def _fixed_ratio_passes(ctx: RuleContext, rule: Rule, plan: _RatioPlan) -> bool | None:
    """The common case of a rule without `*`, decided without the general loop: True where it passes at face
    value (counted as evaluated), False where it has nothing to compare; None where the general loop must
    look (no denominator gives the stated rate). Reads in the loop's order, so what is missing is the same."""
    scale, _, numerators, denominators, _, first_stated, _ = plan
    stated = ctx.number(rule.param("stated"))
    if stated is None:
        return False
    terms = []
    for pointer in numerators:
        value = ctx.number(pointer)
        if value is None:
            return False
        terms.append(value)
    numerator = exact(lambda: sum(terms, Decimal(0)))
    for pointer in denominators:
        denominator = ctx.number(pointer)
        if denominator is None:
            continue
        if denominator == 0:
            if first_stated:
                return False  # the base that counts is zero: no rate to check
            continue
        if face_matches(stated, exact(lambda n=numerator, d=denominator: n / d * scale)):
            ctx.evaluated()
            return True
        return None  # (with first_stated, this one counts; without, a later one may still match: the loop looks)
    return False


def check_ratio(ctx: RuleContext, rule: Rule, plan: _RatioPlan) -> list[Finding]:
    scale, exact_inputs, numerators, denominators, labels, first_stated, fixed = plan
    if fixed and _fixed_ratio_passes(ctx, rule, plan) is not None:
        return []
    findings: list[Finding] = []
    for stated_pointer, stars in ctx.bindings(rule.param("stated")):
        stated = ctx.number(stated_pointer)
        if stated is None:
            continue
        terms, ok = _terms(ctx, numerators, stars)
        if not ok:
            continue
        numerator = _sum(terms)
        candidates: list[tuple[str, str, Decimal, Decimal]] = []  # (pointer, label, denominator, computed)
        others = []  # first_stated: the denominators that do not count, for the message
        for pattern, label in zip(denominators, labels, strict=True):
            pointer = ctx.bind(pattern, stars)
            if first_stated and candidates:
                denominator = to_decimal(ctx.get(pointer))
                if denominator is not None and denominator != 0:
                    others.append((label, exact(lambda d=denominator, n=numerator: n / d * scale)))
                continue
            denominator = ctx.number(pointer)
            if denominator is None:
                continue
            if denominator == 0:
                if first_stated:
                    break  # the base that counts is zero: no rate to check
                continue
            computed = exact(lambda n=numerator, d=denominator: n / d * scale)
            if face_matches(stated, computed):  # the common case: consistent, nothing more to compute
                ctx.evaluated()
                candidates = []
                break
            candidates.append((pointer, label, denominator, computed))
        if not candidates:
            continue
        if not first_stated and left_unread(ctx, [ctx.bind(p, stars) for p in denominators]):
            continue  # a base the report states but the extractor left unread may be the one the rate is on
        expressions = []
        for pointer, _, d, _ in candidates:  # each figure as the page writes it where all are in 元 (a ratio has no unit)
            *parts, shown_denominator = ctx.written([*terms, (pointer, d)])
            numerator_text = " + ".join(parts)
            if len(terms) > 1:  # a summed numerator is divided as a whole: (3 + 2) ÷ 6, not 3 + 2 ÷ 6
                numerator_text = f"({numerator_text})"
            expressions.append(f"{numerator_text} ÷ {shown_denominator}" + ("" if scale == 1 else f" × {show(scale)}"))
        extra = label_values(ctx, rule, stars)
        results: list[Finding] = []
        for (pointer, label, denominator, computed), expression in zip(candidates, expressions, strict=True):
            def interval(d: Decimal = denominator, terms: list[tuple[str, Decimal]] = terms) -> Interval | None:
                return _ratio_interval(_sum_interval(terms, exact_inputs), stated_interval(d, exact_inputs), scale)

            outcome = verdict(ctx, stated_pointer, stated, computed, interval,
                              {**extra, "expression": expression, "denominator": label},
                              related=[p for p, _ in terms] + [pointer])
            if not outcome:  # within a tolerance
                results = []
                break
            results.append(outcome[0])
        if results:
            # Report the closest candidate: a face-value slip beats an interval miss.
            results.sort(key=lambda f: 0 if f.values.get("verdict") == "face" else 1)
            best = results[0]
            if len(candidates) > 1:
                best.values["alternatives"] = expressions
            wrong_base = next(((label, computed) for label, computed in others if face_matches(stated, computed)), None)
            if wrong_base is not None and best.values.get("verdict") == "interval":
                best = _wrong_base(ctx, best, candidates[0][1], wrong_base)
            findings.append(best)
    return findings


_WRONG_BASE = {
    "zh": "{detail}；按{other}计算为 {other_computed}%，与报告相符，但应以{base}为基数",
    "en": "{detail}; against the {other} it is {other_computed}%, as stated, but the base is the {base}",
}


def _wrong_base(ctx: RuleContext, finding: Finding, base: str, wrong: tuple[str, Decimal]) -> Finding:
    """The stated rate was worked out on a denominator that does not count (年初预算 where 全年预算 is stated)."""
    label, computed = wrong
    template = _WRONG_BASE.get(ctx.lang, _WRONG_BASE["zh"])
    shown = round_like(computed, finding.values["stated"])
    text = (template.replace("{detail}", str(finding.values.get("detail", ""))).replace("{other}", label)
            .replace("{other_computed}", show(shown)).replace("{base}", base))
    values = {**finding.values, "detail": text, "wrong_base": label, "verdict": "base"}
    return _with_values(ctx, finding, values)


def _with_values(ctx: RuleContext, finding: Finding, values: dict[str, Any]) -> Finding:
    """The finding again with other values (the message is rendered from them)."""
    rendered = ctx.finding(finding.pointer, values, severity=finding.severity)
    rendered.related = finding.related
    return rendered


def check_difference(ctx: RuleContext, rule: Rule, plan: None = None) -> list[Finding]:
    findings: list[Finding] = []
    for stated_pointer, stars in ctx.bindings(rule.param("stated")):
        stated = ctx.number(stated_pointer)
        minuend_pointer = ctx.bind(rule.param("minuend"), stars)
        subtrahend_pointer = ctx.bind(rule.param("subtrahend"), stars)
        minuend, subtrahend = ctx.number(minuend_pointer), ctx.number(subtrahend_pointer)
        if stated is None or minuend is None or subtrahend is None:
            continue
        computed = exact(lambda m=minuend, s=subtrahend: m - s)

        def interval(m: Decimal = minuend, s: Decimal = subtrahend) -> Interval:
            return Interval.stated(m) - Interval.stated(s)

        findings += verdict(ctx, stated_pointer, stated, computed, interval,
                            {"expression": f"{show(minuend)} − {show(subtrahend)}"},
                            related=[minuend_pointer, subtrahend_pointer])
    return findings


def _change_over_base(change: Interval, current: Interval) -> Interval | None:
    """ch ÷ (c − ch) × 100 over the box of both intervals. The function is monotone in each input
    while c − ch keeps its sign, so its range is spanned by the four corners."""
    base = current - change
    if base.low <= 0 <= base.high:
        return None
    corners = [(ch, c) for ch in (change.low, change.high) for c in (current.low, current.high)]
    # never None: each corner's c − ch lies within `base` (rounded the same way), which excludes zero
    lows = cast("list[Interval]", [Interval.exact(ch).divide(Interval.exact(c) - Interval.exact(ch)) for ch, c in corners])
    return Interval(min(q.low for q in lows), max(q.high for q in lows)).scale(Decimal(100))


def check_percent_change(ctx: RuleContext, rule: Rule, plan: None = None) -> list[Finding]:
    """Stated change rate against (current − prior) ÷ prior × 100; where the prior figure is not
    stated, prior = current − change."""
    findings: list[Finding] = []
    for stated_pointer, stars in ctx.bindings(rule.param("stated")):
        stated = ctx.number(stated_pointer)
        current_pointer = ctx.bind(rule.param("current"), stars)
        current = ctx.number(current_pointer)
        if stated is None or current is None:
            continue
        prior_pointer = ctx.bind(rule.param("prior"), stars) if rule.param("prior") else None
        change_pointer = ctx.bind(rule.param("change"), stars) if rule.param("change") else None
        prior = ctx.number(prior_pointer) if prior_pointer else None
        change: Decimal | None
        if prior is not None:
            change = exact(lambda c=current, p=prior: c - p)
            prior_stated = True
        else:
            change = ctx.number(change_pointer) if change_pointer else None
            if change is None:
                continue
            prior = exact(lambda c=current, d=change: c - d)
            prior_stated = False
        if prior == 0:
            continue
        computed = exact(lambda d=change, p=prior: d / p * 100)
        if face_matches(stated, computed):
            ctx.evaluated()
            continue
        current_interval = Interval.stated(current)
        if prior_stated:
            # (c − p) ÷ p = c ÷ p − 1: each input appears once, so the interval is tight
            ratio = current_interval.divide(Interval.stated(prior))
            interval = (ratio - Interval.exact(Decimal(1))).scale(Decimal(100)) if ratio is not None else None
            c, p = ctx.written([(current_pointer, current), (prior_pointer, prior)])
            expression = f"({c} − {p}) ÷ {p} × 100"
            related = [current_pointer, prior_pointer]
        else:
            interval = _change_over_base(Interval.stated(change), current_interval)
            d, c = ctx.written([(change_pointer, change), (current_pointer, current)])
            expression = f"{d} ÷ ({c} − ({d})) × 100"
            related = [current_pointer, change_pointer]
        # prior_pointer (change_pointer) is set where prior (change) was read from it: mypy cannot tell
        findings += verdict(ctx, stated_pointer, stated, computed, interval, {"expression": expression},
                            related=related)  # type: ignore[arg-type]
    return findings


KINDS = [
    Kind(
        name="sum",
        family="arithmetic",
        values=frozenset({"computed", "detail", "expression", "interval", "stated", "stated_total", "unit", "verdict"}),
        description="A stated total equals the sum of its stated parts (face value and rounding interval).",
        params={
            "properties": {
                "total": {**POINTER, "description": "The stated total; `*` runs the rule once per item."},
                "total_value": {**DECIMAL, "description": "A fixed total instead of a field (Σ分值 = 100); the parts are then compared exactly."},
                "total_from": not_an_input({**POINTER, "description": "With total_value: where the report states its own total instead (its forms' scale, /grading/full_marks: 本县实行110分制); total_value where it states none."}),
                "stated_total": {**POINTER, "description": "With total_value: where the table states the total (the 总分 row's 分值, /projects/*/weight_total); findings sit there, and a stated total other than the sum of the parts is a finding too."},
                "stated_total_message": {**MESSAGE, "description": "Message for a stated total that differs from the parts where they add up to total_value ({stated_total}, {computed}, {expression})."},
                "labels": LABELS,
                "each": {**POINTER, "description": "With total_value: check the fixed total once per item of this pattern (e.g. /projects/*)."},
                "parts": {**POINTERS, "description": "The parts; a `*` not bound by `total` sums over every item."},
                "optional_parts": {**POINTERS, "description": "Parts that count as 0 where the report does not state them; any other missing part skips the check."},
                "unit": {"type": "string", "minLength": 1, "description": "The money unit the figures are read in (万元), for messages (`{unit}`). Where the total and every part were written bare in 元 (a table in 元), they are compared and shown as written, and `{unit}` is 元."},
                "cap": {**DECIMAL, "description": "With capped_by: a total stated at this value holds where the parts exceed it only by what capped_by adds (加分 over a form's 100 points, cut at 100)."},
                "capped_by": not_an_input({**POINTER, "description": "With cap: the parts that may be cut off at the cap (/projects/*/score_adjustments/*/score: the positive ones)."}),
                **SEVERITY_PARAMS,
            },
            "required": ["parts"],
            "dependentRequired": {"cap": ["capped_by"], "capped_by": ["cap"], "total_from": ["total_value"]},
            "oneOf": [{"required": ["total"]}, {"required": ["total_value"]}],
            "additionalProperties": False,
        },
        compile=compile_with(check_sum, _sum_plan),
    ),
    Kind(
        name="column_sum",
        family="arithmetic",
        values=frozenset({"column", "computed", "detail", "expression", "interval", "stated", "unit", "verdict"}),
        description="A table's total row equals the sum of its 其中 rows, column by column; a column where no row states a figure is not checked.",
        params={
            "properties": {
                "total": {**POINTER, "description": "The total row's cell, with `{column}` for the column (e.g. /projects/*/{column}); `*` runs once per table."},
                "parts": {**POINTERS, "description": "The rows' cells, with `{column}` (e.g. /projects/*/fund_rows/*/{column}); a blank cell counts as 0."},
                "columns": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1, "description": "The column names put in place of `{column}`."},
                "column_labels": {"type": "object", "additionalProperties": {"type": "string"}, "description": "A column's name for messages (`{column}`), e.g. {executed: 全年执行数}."},
                "unit": {"type": "string", "minLength": 1, "description": "As for `sum`: the money unit for messages (`{unit}`), 元 where the column's figures were written bare in 元."},
                "labels": LABELS,
                **SEVERITY_PARAMS,
            },
            "required": ["total", "parts", "columns"],
            "additionalProperties": False,
        },
        compile=compile_with(check_column_sum),
    ),
    Kind(
        name="ratio",
        family="arithmetic",
        values=frozenset({"alternatives", "computed", "denominator", "detail", "expression", "interval", "stated", "verdict", "wrong_base"}),
        description="A stated rate equals numerator ÷ denominator × scale; several denominators may be allowed.",
        params={
            "properties": {
                "stated": {**POINTER, "description": "The stated rate."},
                "numerator": {**POINTER_OR_LIST, "description": "Numerator; a list is summed."},
                "denominator": {**POINTER_OR_LIST, "description": "Denominator; a list gives alternatives: the rate may be stated against any of them."},
                "denominator_labels": {"type": "array", "items": {"type": "string"}, "description": "Names of the alternative denominators, for messages."},
                "scale": {**DECIMAL, "description": "Multiplier (default 100: percent)."},
                "exact_inputs": {"type": "boolean", "description": "Inputs are exact counts (no rounding interval)."},
                "denominator_choice": {"enum": ["any", "first_stated"], "description": "`any` (default): the rate may be stated against any of the denominators; `first_stated`: only the first denominator the report states counts, the next ones are fallbacks where it is absent (a 自评表's 执行率 is on 全年预算数; one that matches only 年初预算数 is an error)."},
                "labels": LABELS,
                **SEVERITY_PARAMS,
            },
            "required": ["stated", "numerator", "denominator"],
            "additionalProperties": False,
        },
        compile=compile_with(check_ratio, _ratio_plan),
    ),
    Kind(
        name="difference",
        family="arithmetic",
        values=frozenset({"computed", "detail", "expression", "interval", "stated", "verdict"}),
        description="A stated difference equals minuend − subtrahend.",
        params={
            "properties": {"stated": POINTER, "minuend": POINTER, "subtrahend": POINTER, **SEVERITY_PARAMS},
            "required": ["stated", "minuend", "subtrahend"],
            "additionalProperties": False,
        },
        compile=compile_with(check_difference),
    ),
    Kind(
        name="percent_change",
        family="arithmetic",
        values=frozenset({"computed", "detail", "expression", "interval", "stated", "verdict"}),
        description="A stated change rate equals (current − prior) ÷ prior × 100 (prior = current − change where only the change is stated).",
        params={
            "properties": {
                "stated": {**POINTER, "description": "The stated change in percent, signed (降低 is negative)."},
                "current": POINTER,
                "prior": POINTER,
                "change": {**POINTER, "description": "The stated change amount, signed."},
                **SEVERITY_PARAMS,
            },
            "required": ["stated", "current"],
            "anyOf": [{"required": ["prior"]}, {"required": ["change"]}],
            "additionalProperties": False,
        },
        compile=compile_with(check_percent_change),
    ),
]
