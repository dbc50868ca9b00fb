"""Plausibility kinds: comparisons that should hold (执行率 ≤ 100%, 得分 ≤ 分值) and non-negative amounts."""

from __future__ import annotations

import operator
from decimal import Decimal
from collections.abc import Iterator

from jixiao.kit import (DECIMAL, LABELS, POINTER, POINTERS, Finding, Kind, RuleContext, compile_with, not_an_input, show,
                        to_decimal)

from .cells import Rule, Stars, label_values, reported

OPERATORS = {
    "<=": operator.le,
    "<": operator.lt,
    ">=": operator.ge,
    ">": operator.gt,
    "==": operator.eq,
    "!=": operator.ne,
}


def comparisons(ctx: RuleContext, rule: Rule) -> Iterator[tuple[str, Stars, Decimal, Decimal, list[str], bool]]:
    """Each `left op right` of a rule whose inputs are stated (right a field or a fixed `value`), as
    (left pointer, star bindings, left, right, related pointers, whether it holds); counted as evaluated."""
    holds = OPERATORS[rule.param("op")]
    right_pattern = rule.param("right")
    value = None  # the constant (or the report's own, `value_from`), read on first use
    constant_related: list[str] = []
    number, bind = ctx.number, ctx.bind
    for left_pointer, stars in ctx.bindings(rule.param("left")):
        left = number(left_pointer)
        if left is None:
            continue
        if right_pattern is not None:
            right_pointer = bind(right_pattern, stars)
            right = number(right_pointer)
            related = [right_pointer]
        else:
            if value is None:
                own = reported(ctx, rule, "value_from")  # (本县实行110分制: 110, not 100)
                value, constant_related = (own[0], [own[1]]) if own is not None else (Decimal(str(rule.param("value"))), [])
            right, related = value, list(constant_related)
        if right is None:
            continue
        ctx.evaluated()
        yield left_pointer, stars, left, right, related, holds(left, right)


def check_compare(ctx: RuleContext, rule: Rule, plan: None = None) -> list[Finding]:
    """`left op right` must hold, where right is a field or a fixed value."""
    findings: list[Finding] = []
    for left_pointer, stars, left, right, related, held in comparisons(ctx, rule):
        if not held and not _allowed(ctx, rule, stars, left, right):
            findings.append(ctx.finding(left_pointer, {**label_values(ctx, rule, stars), "left": show(left),
                                                       "right": show(right), "op": rule.param("op")},
                                        related=related))
    return findings


def _allowed(ctx: RuleContext, rule: Rule, stars: Stars, left: Decimal, right: Decimal) -> bool:
    """Whether `left` stays within `right` plus the positive values of the rule's `allowance` fields (a form's 加分 over
    its 100 points: 99.63 + 3 − 1 = 101.63 is no score above 100)."""
    op = rule.param("op")
    if not rule.param("allowance") or op not in ("<=", "<"):
        return False
    extra = Decimal(0)
    for pattern in rule.param("allowance"):
        for _, raw in ctx.expand(ctx.bind(pattern, stars)):
            value = to_decimal(raw)
            if value is not None and value > 0:
                extra += value
    return extra > 0 and (left <= right + extra if op == "<=" else left < right + extra)


def check_non_negative(ctx: RuleContext, rule: Rule, plan: None = None) -> list[Finding]:
    findings: list[Finding] = []
    for pattern in rule.param("fields"):
        for pointer, raw in ctx.expand(pattern):
            value = to_decimal(raw)
            if value is None:
                continue
            ctx.evaluated()
            if value < 0:
                findings.append(ctx.finding(pointer, {"value": show(value), "field": pointer}))
    return findings


KINDS = [
    Kind(
        name="compare",
        family="plausibility",
        values=frozenset({"left", "op", "right"}),
        description="A comparison that should hold: `left op right` (a field) or `left op value` (a constant).",
        params={
            "properties": {
                "left": {**POINTER, "description": "The field checked; `*` runs once per item."},
                "op": {"enum": sorted(OPERATORS), "description": "What must hold between left and right."},
                "right": {**POINTER, "description": "A field to compare with (stars bound like `left`)."},
                "value": {**DECIMAL, "description": "A constant to compare with."},
                "value_from": not_an_input({**POINTER, "description": "With value: where the report states its own (its forms' scale, /grading/full_marks: 本县实行110分制), that instead of value."}),
                "allowance": not_an_input({**POINTERS, "description": "With < or <=: fields whose positive values the right side may be exceeded by (a form's 加分 beyond its 100 points)."}),
                "labels": LABELS,
            },
            "required": ["left", "op"],
            "oneOf": [{"required": ["right"]}, {"required": ["value"]}],
            "dependentRequired": {"value_from": ["value"]},
            "additionalProperties": False,
        },
        compile=compile_with(check_compare),
    ),
    Kind(
        name="non_negative",
        family="plausibility",
        values=frozenset({"field", "value"}),
        description="Amounts that must not be negative.",
        params={
            "properties": {"fields": {**POINTERS, "description": "Fields checked; `*` ranges over items or keys."}},
            "required": ["fields"],
            "additionalProperties": False,
        },
        compile=compile_with(check_non_negative),
    ),
]
