"""Completeness kinds: what a 自评表 must say and does not (a reason for a deduction, a figure for a
quantitative target, its own words instead of the template's instructions)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from jixiao.kit import (DECIMAL, LABELS, MESSAGE, MISSING, POINTER, POINTERS, Finding, Kind, RuleContext, compile_with,
                        has_wildcard, show, star_values)

from .cells import BLANK, Rule, Stars, blank, label_values
from .plausibility import OPERATORS, comparisons
from .tables import INDICATORS, YEAR, cached_actual, cached_target, fiscal_year, indicators
from .targets import QUANTITATIVE


# -- a reason where one is due --------------------------------------------------------------------

def _reasons(ctx: RuleContext, rule: Rule, stars: Stars) -> tuple[list[str], bool]:
    """The reason cells for one item and whether any of them says something. With `first_where_asked`, where the
    form has a cell for the first (it is stated, or listed in `extraction.blank`), that cell alone counts."""
    pointers: list[str] = []
    patterns = rule.param("reasons")
    if rule.param("first_where_asked", False) and not has_wildcard(own := ctx.bind(patterns[0], stars)) \
            and (ctx.get(own) not in (MISSING, None) or _listed(ctx, "blank", own)):
        patterns = patterns[:1]
    for pointer, _, said in _cells(ctx, rule, patterns, stars):
        pointers.append(pointer)
        if said:
            return pointers, True
    return pointers, False


def _cells(ctx: RuleContext, rule: Rule, patterns: list[str], stars: Stars) -> Iterator[tuple[str, Any, bool]]:
    """Each cell of `patterns` (stars bound as the item's): its pointer, its value, and whether it says something."""
    blanks = tuple(rule.param("blank_values", BLANK))
    for pattern in patterns:
        bound = ctx.bind(pattern, stars)
        for pointer, value in (ctx.matches(bound) if has_wildcard(bound) else [(bound, ctx.get(bound))]):
            yield pointer, value, not blank(value, blanks)


def _listed(ctx: RuleContext, what: str, pointer: str) -> bool:
    """Whether the extractor lists this figure under `extraction.<what>`: `not_asked` (the document's form has no
    place for it) or `blank` (the form has a cell for it, left empty). Entries may hold `*` for any index."""
    key = ("extraction", what)
    if key not in ctx.memo:
        extraction = ctx.report.get("extraction")
        listed = extraction.get(what) if isinstance(extraction, dict) else None
        shapes = [re.escape(p).replace(r"\*", "[^/]+") for p in listed or [] if isinstance(p, str)]
        ctx.memo[key] = re.compile("|".join(shapes)) if shapes else None
    pattern: re.Pattern[str] | None = ctx.memo[key]
    return pattern is not None and pattern.fullmatch(pointer) is not None


def check_reason_given(ctx: RuleContext, rule: Rule, plan: None = None) -> list[Finding]:
    """Where `left op right` holds (得分 < 分值, 执行率 < 90), one of `reasons` must say something."""
    findings: list[Finding] = []
    for left_pointer, stars, left, right, related, held in comparisons(ctx, rule):
        if not held:
            continue
        pointers, given = _reasons(ctx, rule, stars)
        if given or any(_listed(ctx, "not_asked", p) for p in pointers):
            continue  # (a form with no column for the reason: it may be given in the prose)
        values = {**label_values(ctx, rule, stars), "left": show(left), "right": show(right), "op": rule.param("op")}
        told = _told_elsewhere(ctx, rule, stars)
        if told is None:
            findings.append(ctx.finding(left_pointer, values, related=related + pointers))
            continue
        # (the form's cell is empty, the report explains it in its text: the form is still to be filled in, and the
        # message says where the reason is, never that there is none)
        pointer, text = told
        values["elsewhere"] = text if len(text) <= 40 else text[:40] + "…"
        findings.append(ctx.finding(left_pointer, values, message=rule.param("elsewhere_message") or None,
                                    related=[*related, *pointers, pointer]))
    return findings


def _told_elsewhere(ctx: RuleContext, rule: Rule, stars: Stars) -> tuple[str, str] | None:
    """The first of the rule's `elsewhere` fields (a reason the report gives outside the form's cell) that says
    something, and what it says; None where none does."""
    for pointer, value, said in _cells(ctx, rule, rule.param("elsewhere", []), stars):
        if said and isinstance(value, str):
            return pointer, value.strip()
    return None


# -- a figure for a quantitative target -----------------------------------------------------------

_TIME_UNITS = frozenset({"日", "天", "个工作日", "工作日", "小时", "个月", "月", "周"})
_ON_TIME = re.compile(r"按期|按时|如期|准时|及时|限期内|规定时限内|时限内")


def check_numeric_actual(ctx: RuleContext, rule: Rule, plan: None = None) -> list[Finding]:
    ops = set(rule.param("ops", QUANTITATIVE))
    year = fiscal_year(ctx, rule)
    findings: list[Finding] = []
    for pointer, stars, item in indicators(ctx, rule):
        target = cached_target(ctx, item, year)
        if target is None or target.op not in ops:
            continue
        actual = cached_actual(ctx, item, year)
        if actual is None:
            ctx.missing.append(pointer + "/actual")
            continue
        ctx.evaluated()
        if actual.kind == "number" or target.unit in _TIME_UNITS and _ON_TIME.search(actual.text):
            continue  # (30日内分解下达 / 按期下达: a time limit met, told in words as time limits are)
        findings.append(ctx.finding(pointer + "/actual", {**label_values(ctx, rule, stars), "target": target.render(),
                                                          "actual": actual.render()},
                                    related=[pointer + "/target"]))
    return findings


# -- the template's instructions left in a cell ---------------------------------------------------

@lru_cache(maxsize=4096)
def _squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _patterns(rule: Rule) -> list[tuple[str, list[str]]]:
    """Each pattern as written and its pieces: `…` (or `...`) stands for any text between them (once per rule)."""
    return [(pattern, [piece for piece in _squash(pattern).split("...") if piece]) for pattern in rule.param("patterns")]


def _contains(text: str, pieces: list[str]) -> bool:
    position = 0
    for piece in pieces:
        found = text.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return bool(pieces)


def check_template_text(ctx: RuleContext, rule: Rule, plan: list[tuple[str, list[str]]]) -> list[Finding]:
    patterns = plan
    lang = "en" if ctx.lang == "en" else "zh"
    findings: list[Finding] = []
    for field in rule.param("fields"):
        pattern = field["pointer"]
        for pointer, value in ctx.expand(pattern):
            if not isinstance(value, str):
                continue
            ctx.evaluated()
            text = _squash(value)
            hits = [written for written, pieces in patterns if pieces and pieces[0] in text and _contains(text, pieces)]
            if not hits:
                continue
            stars = star_values(pattern, pointer) if has_wildcard(pattern) else []
            labels = label_values(ctx, rule, stars)
            column = field.get("column", pointer.rsplit("/", 1)[-1])
            row = labels.get("row", "") if field.get("row", True) else ""
            cell = (f"“{row}”{column}" if lang == "zh" else f"{column} of '{row}'") if row else column
            excerpt = value.strip()
            excerpt = excerpt if len(excerpt) <= 40 else excerpt[:40] + "…"
            findings.append(ctx.finding(pointer, {**labels, "row": row, "column": column, "cell": cell,
                                                  "pattern": hits[0], "patterns": hits, "text": excerpt}))
    return findings


_FIELD = {
    "type": "object",
    "properties": {
        "pointer": {**POINTER, "description": "The cells, e.g. /projects/*/indicators/*/actual."},
        "column": {"type": "string", "description": "The column's name for messages (实际完成值)."},
        "row": {"type": "boolean", "description": "Name the row (the `row` label) in the message (default true); false for a cell that is a row of its own (年度总体目标)."},
    },
    "required": ["pointer"],
    "additionalProperties": False,
}

KINDS = [
    Kind(
        name="reason_given",
        family="completeness",
        values=frozenset({"elsewhere", "left", "op", "right"}),
        description="Where a condition holds (得分 < 分值; 执行率 < 90%), a reason is given: one of the reason cells is neither empty nor 无/—. "
                    "Where the report gives it only outside them (`elsewhere`), the finding stays, worded by `elsewhere_message` with what it says (`{elsewhere}`).",
        params={
            "properties": {
                "left": {**POINTER, "description": "The field tested; `*` runs once per item."},
                "op": {"enum": sorted(OPERATORS), "description": "A reason is due where `left op right` holds."},
                "right": {**POINTER, "description": "A field (stars bound like `left`)."},
                "value": {**DECIMAL, "description": "A constant (a threshold such as 90)."},
                "reasons": {**POINTERS, "description": "The cells any of which may give the reason (stars bound like `left`; a star left over ranges over the item's rows)."},
                "blank_values": {"type": "array", "items": {"type": "string"}, "description": "Cell texts that give no reason (default 无, /, -, —, 暂无, 不适用 …)."},
                "first_where_asked": {"type": "boolean", "description": "Where the form has its own cell for the first of `reasons` (it is stated, or listed in `extraction.blank`), only that cell may give the reason (default false: any of them)."},
                "elsewhere": {**POINTERS, "description": "Fields holding a reason the report gives outside the form's cells (its prose, a note under the form; stars bound like `left`): they do not satisfy the rule, they change its message."},
                "elsewhere_message": {**MESSAGE, "description": "The message where a reason is given only `elsewhere` (`{elsewhere}`: the start of what it says); without it, the rule's own."},
                "labels": LABELS,
            },
            "required": ["left", "op", "reasons"],
            "oneOf": [{"required": ["right"]}, {"required": ["value"]}],
            "additionalProperties": False,
        },
        compile=compile_with(check_reason_given),
    ),
    Kind(
        name="numeric_actual",
        family="completeness",
        values=frozenset({"actual", "target"}),
        description="A quantitative target (≥50人, ≤30万元, =100%) has a figure as its actual value, not 完成 or 是.",
        params={
            "properties": {
                "indicators": INDICATORS, "year": YEAR, "labels": LABELS,
                "ops": {"type": "array", "items": {"enum": list(QUANTITATIVE)}, "minItems": 1,
                        "description": "The target directions that need a figure (default all: >=, <=, =, >, <)."},
            },
            "required": ["indicators"],
            "additionalProperties": False,
        },
        compile=compile_with(check_numeric_actual),
    ),
    Kind(
        name="template_text",
        family="completeness",
        values=frozenset({"cell", "column", "pattern", "patterns", "row", "text"}),
        description="No cell still holds the template's instructions (（100字以内）, 主要包括：, 请在…中说明).",
        params={
            "properties": {
                "fields": {"type": "array", "items": _FIELD, "minItems": 1, "description": "The cells searched."},
                "patterns": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1,
                             "description": "Plain text, compared after NFKC and without spaces; `…` stands for any text in between. No regular expressions."},
                "labels": LABELS,
            },
            "required": ["fields", "patterns"],
            "additionalProperties": False,
        },
        compile=compile_with(check_template_text, _patterns, inputs=lambda rule: ()),  # its cells are not gating inputs
    ),
]
