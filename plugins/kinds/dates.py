"""Date kinds: fiscal year → report → disclosure, and windows between two dates."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from jixiao.kit import POINTER, Finding, Kind, RuleContext, compile_with

if TYPE_CHECKING:
    from .cells import Rule


def check_after_period_end(ctx: RuleContext, rule: Rule, plan: None = None) -> list[Finding]:
    """A date must fall after 31 December of the fiscal year (the report evaluates a finished year)."""
    year = ctx.value(rule.param("year", "/fiscal_year"))
    if not isinstance(year, int) or isinstance(year, bool):
        return []
    period_end = dt.date(year, 12, 31)
    findings: list[Finding] = []
    for pointer, _ in ctx.bindings(rule.param("date")):
        date = ctx.date(pointer)
        if date is None:
            continue
        ctx.evaluated()
        if date <= period_end:
            findings.append(ctx.finding(pointer, {"date": date, "year": year, "period_end": period_end}))
    return findings


def check_date_order(ctx: RuleContext, rule: Rule, plan: None = None) -> list[Finding]:
    """`earlier` must not come after `later` (with `strict`, must come before it)."""
    strict = bool(rule.param("strict", False))
    findings: list[Finding] = []
    for later_pointer, stars in ctx.bindings(rule.param("later")):
        later = ctx.date(later_pointer)
        if later is None:
            continue
        for earlier_pointer, _ in ctx.bindings(ctx.bind(rule.param("earlier"), stars)):
            earlier = ctx.date(earlier_pointer)
            if earlier is None:
                continue
            ctx.evaluated()
            if earlier > later or (strict and earlier == later):
                findings.append(ctx.finding(later_pointer, {"earlier": earlier, "later": later,
                                                            "days": (later - earlier).days},
                                            related=[earlier_pointer]))
    return findings


def check_date_window(ctx: RuleContext, rule: Rule, plan: None = None) -> list[Finding]:
    """`end` falls within [min_days, max_days] days after `start`."""
    findings: list[Finding] = []
    for end_pointer, stars in ctx.bindings(rule.param("end")):
        end = ctx.date(end_pointer)
        start_pointer = ctx.bind(rule.param("start"), stars)
        start = ctx.date(start_pointer)
        if end is None or start is None:
            continue
        ctx.evaluated()
        days = (end - start).days
        low, high = rule.param("min_days", 0), rule.param("max_days")
        if days < low or (high is not None and days > high):
            findings.append(ctx.finding(end_pointer, {"start": start, "end": end, "days": days,
                                                      "min_days": low, "max_days": high if high is not None else ""},
                                        related=[start_pointer]))
    return findings


KINDS = [
    Kind(
        name="after_period_end",
        family="dates",
        values=frozenset({"date", "period_end", "year"}),
        description="A date falls after the end of the fiscal year the report evaluates.",
        params={
            "properties": {
                "date": {**POINTER, "description": "The date checked."},
                "year": {**POINTER, "description": "The fiscal year (default /fiscal_year)."},
            },
            "required": ["date"],
            "additionalProperties": False,
        },
        compile=compile_with(check_after_period_end),
    ),
    Kind(
        name="date_order",
        family="dates",
        values=frozenset({"days", "earlier", "later"}),
        description="One date is not after another (same day allowed unless strict).",
        params={
            "properties": {
                "earlier": {**POINTER, "description": "The date that must come first; `*` checks every item."},
                "later": POINTER,
                "strict": {"type": "boolean", "description": "The same day is a finding too (default false)."},
            },
            "required": ["earlier", "later"],
            "additionalProperties": False,
        },
        compile=compile_with(check_date_order),
    ),
    Kind(
        name="date_window",
        family="dates",
        values=frozenset({"days", "end", "max_days", "min_days", "start"}),
        description="A date falls within a number of days after another (e.g. disclosure within 20 days of approval).",
        params={
            "properties": {
                "start": POINTER,
                "end": POINTER,
                "min_days": {"type": "integer", "minimum": 0},
                "max_days": {"type": "integer", "minimum": 0},
            },
            "required": ["start", "end"],
            "anyOf": [{"required": ["max_days"]}, {"required": ["min_days"]}],
            "additionalProperties": False,
        },
        compile=compile_with(check_date_window),
    ),
]
