"""Helpers for rules about 自评表 cells: the labels that name a cell in a message, blank cells, and
scores that are computed values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypeAlias
from collections.abc import Iterable

from jixiao.kit import (MISSING, WILDCARD, RuleContext, decimals_of, format_decimal, has_wildcard, round_half_up,
                        split_pointer, to_decimal)
from jixiao.kit import Rule as Rule  # the rule a kind checks (named here for the other kinds)
# Star bindings, as RuleContext.bindings and .items give them (and star_values): each star's prefix and token.
Stars: TypeAlias = list[tuple[list[str], str]]

# Cells that say nothing although they are not empty.
BLANK = ("无", "/", "-", "—", "——", "－", "无。", "暂无", "不适用", "空")


def label_values(ctx: RuleContext, rule: Rule, stars: Stars, *, param: str = "labels") -> dict[str, str]:
    """The rule's `labels` read for one item: {name: text}. A label's fields are read without counting
    as the rule's inputs (a missing name never skips a check); with none stated the label is the item's
    number (第2项)."""
    specs = rule.param(param) or {}
    values: dict[str, str] = {}
    for name, spec in specs.items():
        pointers = [spec] if isinstance(spec, str) else list(spec)
        values[name] = next((text for text in (_read_label(ctx, p, stars) for p in pointers) if text), "") \
            or _ordinal(ctx, pointers[0], stars)
    return values


def _read_label(ctx: RuleContext, pattern: str, stars: Stars) -> str:
    bound = ctx.bind(pattern, stars)
    if has_wildcard(bound):
        return ""
    value = ctx.get(bound)
    if value is MISSING or isinstance(value, (dict, list, bool)):
        return ""
    return str(value).strip()


def _ordinal(ctx: RuleContext, pattern: str, stars: Stars) -> str:
    """第N项 for the deepest star of `pattern` that is bound (1-based)."""
    tokens = split_pointer(pattern)
    position = None
    for index, token in enumerate(tokens):
        if token == WILDCARD:
            match = next((value for prefix, value in stars if prefix == tokens[:index]), None)
            if match is not None and match.isdigit():
                position = int(match) + 1
    if position is None:
        return ""
    return f"第{position}项" if ctx.lang != "en" else f"#{position}"


def blank(value: Any, blanks: list[str] | tuple[str, ...] = BLANK) -> bool:
    """An absent cell, an empty one, or one that only says 无 or —."""
    if value is None or value is MISSING:
        return True
    if not isinstance(value, str):
        return False
    text = value.strip().strip("。.；;，,")
    return not text or text in blanks


def computed_matches(stated: Decimal, computed: Decimal, min_decimals: int) -> bool:
    """A stated score that is a computed value: the computed value itself, or that value rounded half up
    to the stated score's own decimals where it has at least `min_decimals` (9.55 or 9.6 for 9.55; not 10)."""
    if stated == computed:
        return True
    places = decimals_of(stated)
    return places >= min_decimals and round_half_up(computed, places) == stated


def show_computed(value: Decimal) -> str:
    """A computed score for a message: exact where it is short, else to four decimals (9.1667)."""
    rounded = round_half_up(value, 4)
    return format_decimal(rounded if rounded != value else value)


COMPUTED_DETAIL = {
    "zh": "自评表得分是计算值，应等于计算结果或按其小数位四舍五入（至少 {places} 位小数）",
    "en": "a score on the form is a computed value: it must equal the result, or the result rounded half up to its own decimals (at least {places})",
}


def computed_detail(ctx: RuleContext, places: int) -> str:
    template = COMPUTED_DETAIL.get(ctx.lang, COMPUTED_DETAIL["zh"])
    return template.replace("{places}", str(places))


def reported(ctx: RuleContext, rule: Rule, name: str) -> tuple[Decimal, str] | None:
    """The number the report states at the rule's pointer parameter `name` (one marked `not_an_input`: the report's own
    scale, 本县实行110分制) and that pointer; None where the rule names none or the report states none (never recorded
    as missing)."""
    pointer = rule.param(name)
    number = to_decimal(ctx.get(pointer)) if pointer else None
    return (number, pointer) if number is not None else None


def left_unread(ctx: RuleContext, pointers: Iterable[str]) -> bool:
    """Whether any of `pointers` lies under a part of the report the extractor says it left partly unread
    (`/extraction/unread`, e.g. a 自评表's /projects/0/indicators when some of its rows were not read): a check
    that adds up every row says nothing there. `pointers` is read only where something was left unread (it may be a
    generator whose work is then saved on the common path)."""
    unread = ctx.get("/extraction/unread")
    if not isinstance(unread, list) or not unread:
        return False
    prefixes = [u for u in unread if isinstance(u, str)]
    return any(p == u or p.startswith(u + "/") or ("*" in p and _under_pattern(u, p)) for p in pointers for u in prefixes)


def _under_pattern(unread: str, pattern: str) -> bool:
    """Whether an unread pointer is, or lies under, a match of a pattern with `*` (/…/indicators/3/score under
    /…/indicators/*/score): a part of a sum the report has a cell for and the extractor could not read."""
    steps, tokens = pattern.split("/"), unread.split("/")
    return len(tokens) >= len(steps) and all(s in ("*", t) for s, t in zip(steps, tokens, strict=False))
