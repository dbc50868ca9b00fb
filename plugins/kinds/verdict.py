"""Face-value and interval verdicts on a stated figure against the figure computed from others.

Shared by every kind that recomputes a stated number (sums, ratios, differences, changes, scores).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable

from jixiao.numbers import Interval, decimals_of, round_half_up

DETAIL = {
    "face": {
        "zh": "在输入数据的舍入范围内，属尾差",
        "en": "within the rounding of the inputs: a rounding slip",
    },
    "interval": {
        "zh": "超出输入数据的舍入范围",
        "en": "outside the rounding of the inputs",
    },
    "exact": {"zh": "数值不一致", "en": "the figures differ"},
}

SEVERITY_PARAMS: dict[str, Any] = {
    "face_severity": {
        "enum": ["error", "warning", "info"],
        "description": "Severity when the figure differs at face value but the rounding intervals still allow it (default warning).",
    },
    "tolerance": {
        "type": ["string", "number"],
        "pattern": r"^\d+(\.\d+)?$",
        "description": "Extra absolute tolerance added on both sides of the computed interval (default 0).",
    },
    "exact": {
        "type": "boolean",
        "description": "Compare exactly (counts): no rounding intervals, any difference is an error.",
    },
}


def face_matches(stated: Decimal, computed: Decimal) -> bool:
    """The computed figure, rounded half up to the stated figure's decimals, is the stated figure."""
    return round_half_up(computed, decimals_of(stated)) == stated


def verdict(ctx, pointer: str, stated: Decimal, computed: Decimal | None,
            interval: Interval | Callable[[], Interval | None] | None,
            values: dict[str, Any], related: list[str] = ()) -> list:
    """Compare; return [] when consistent, else one finding at the stated figure.

    `interval` may be a function: it is only computed when the face values differ (the common,
    consistent case never pays for interval arithmetic)."""
    rule = ctx.rule
    ctx.evaluated()
    if rule.param("exact"):
        if computed is not None and computed == stated:
            return []
        return [ctx.finding(pointer, {**values, "stated": stated, "computed": computed,
                                      "detail": DETAIL["exact"][ctx.lang if ctx.lang in DETAIL["exact"] else "zh"]},
                            related=related)]
    decimals = decimals_of(stated)
    face = round_half_up(computed, decimals) if computed is not None else None
    if face is not None and face == stated:
        return []
    if callable(interval):
        interval = interval()
    stated_interval = Interval.stated(stated)
    tolerance = Decimal(str(rule.param("tolerance", "0")))
    within = interval is None or Interval(interval.low - tolerance, interval.high + tolerance).overlaps(stated_interval)
    if face is not None and tolerance and abs(face - stated) <= tolerance:
        return []
    found = {
        **values,
        "stated": stated,
        "computed": face if face is not None else "",
    }
    if interval is not None:
        found["interval"] = interval.as_strings(decimals)
    lang = ctx.lang if ctx.lang in ("zh", "en") else "zh"
    if within:
        found["detail"] = DETAIL["face"][lang]
        found["verdict"] = "face"
        return [ctx.finding(pointer, found, severity=rule.param("face_severity", "warning"), related=related)]
    found["detail"] = DETAIL["interval"][lang]
    found["verdict"] = "interval"
    return [ctx.finding(pointer, found, related=related)]


def stated_interval(value: Decimal, exact: bool) -> Interval:
    return Interval.exact(value) if exact else Interval.stated(value)


def show(value: Decimal) -> str:
    return format(value, "f")



