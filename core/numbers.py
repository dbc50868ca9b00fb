"""Stated numbers and their rounding intervals (XBRL Calculations 1.1, round-to-nearest).

A figure stated with d decimals stands for every value that rounds to it: the closed interval
[v - 0.5·10⁻ᵈ, v + 0.5·10⁻ᵈ]. Interval bounds are computed with directed rounding so that the
true result of an operation always lies inside the computed interval.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, InvalidOperation, getcontext, setcontext

_DECIMAL_TEXT = re.compile(r"^[+-]?\d+(\.\d+)?$")
_PRECISION = 34


MAX_DECIMALS = 12  # no amount, rate or score is stated to more places
MAX_MAGNITUDE = 18  # nor has more than 18 integer digits
LIMITS_TEXT = f"a finite decimal number of at most {MAX_MAGNITUDE} integer digits and {MAX_DECIMALS} decimals"


def plausible(value: Decimal) -> bool:
    """A number a report could state: finite, at most 18 integer digits and 12 decimals (1e-99999999
    or 1e99999 would make every computation and message on it explode)."""
    # the exponent of a finite Decimal is an int (only NaN and infinities have 'n', 'N' or 'F')
    return (value.is_finite() and cast(int, value.as_tuple().exponent) >= -MAX_DECIMALS
            and (value == 0 or value.adjusted() <= MAX_MAGNITUDE))


def to_decimal(value: object) -> Decimal | None:
    """A report value as a Decimal, or None when it is not a number.

    Accepts Decimal, int (not bool) and decimal strings such as "49.90"; floats are refused because
    their stated precision is already lost.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if plausible(value) else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str) and _DECIMAL_TEXT.match(value.strip()):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:  # pragma: no cover - the pattern already excludes this
            return None
        return number if plausible(number) else None
    return None


def decimals_of(value: Decimal) -> int:
    """How many decimals a stated figure carries (49.90 → 2, 6 → 0). A figure stated in a larger
    unit carries negative decimals: 1.23 亿元 is 1.23E+4 万元, precise to the hundred (−2)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) else 0


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    quantum = _QUANTA.get(decimals)
    if quantum is None:
        quantum = Decimal(1).scaleb(-decimals)
        if -64 <= decimals <= 64:
            _QUANTA[decimals] = quantum
    return value.quantize(quantum, rounding=ROUND_HALF_UP, context=_EXACT)


_QUANTA: dict[int, Decimal] = {}  # decimals → 1E-decimals, made once


def round_like(value: Decimal, stated: Decimal) -> Decimal:
    """`round_half_up(value, decimals_of(stated))`: rounded half up to the places `stated` is given to
    (quantizing to a finite figure keeps its exponent, so its decimals need not be counted)."""
    if stated.is_finite():
        return value.quantize(stated, rounding=ROUND_HALF_UP, context=_EXACT)
    return round_half_up(value, decimals_of(stated))


_FLOOR = Context(prec=_PRECISION, rounding=ROUND_FLOOR)
_CEILING = Context(prec=_PRECISION, rounding=ROUND_CEILING)
_EXACT = Context(prec=_PRECISION, rounding=ROUND_HALF_EVEN)


@dataclass(frozen=True, slots=True)
class Interval:
    low: Decimal
    high: Decimal

    @classmethod
    def exact(cls, value: Decimal) -> Interval:
        return cls(value, value)

    @classmethod
    def stated(cls, value: Decimal) -> Interval:
        half = Decimal(5).scaleb(-decimals_of(value) - 1)
        return cls(_FLOOR.subtract(value, half), _CEILING.add(value, half))

    def __add__(self, other: Interval) -> Interval:
        return Interval(_FLOOR.add(self.low, other.low), _CEILING.add(self.high, other.high))

    def __sub__(self, other: Interval) -> Interval:
        return Interval(_FLOOR.subtract(self.low, other.high), _CEILING.subtract(self.high, other.low))

    def __mul__(self, other: Interval) -> Interval:
        corners = [(x, y) for x in (self.low, self.high) for y in (other.low, other.high)]
        return Interval(min(_FLOOR.multiply(x, y) for x, y in corners),
                        max(_CEILING.multiply(x, y) for x, y in corners))

    def scale(self, factor: Decimal) -> Interval:
        return self * Interval.exact(factor)

    def cap(self, ceiling: Decimal) -> Interval:
        """min(x, ceiling) over the interval (monotone, so the bounds map to bounds)."""
        return Interval(min(self.low, ceiling), min(self.high, ceiling))

    def divide(self, other: Interval) -> Interval | None:
        """self ÷ other, or None when the divisor's interval contains zero (anything is possible)."""
        if other.low <= 0 <= other.high:
            return None
        corners = [(x, y) for x in (self.low, self.high) for y in (other.low, other.high)]
        return Interval(min(_FLOOR.divide(x, y) for x, y in corners),
                        max(_CEILING.divide(x, y) for x, y in corners))

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high

    def as_strings(self, decimals: int | None = None) -> list[str]:
        """The bounds as text, rounded outward to `decimals` places where given."""
        if decimals is None:
            return [format_decimal(self.low), format_decimal(self.high)]
        q = Decimal(1).scaleb(-decimals)
        return [str(self.low.quantize(q, rounding=ROUND_FLOOR)), str(self.high.quantize(q, rounding=ROUND_CEILING))]


def exact(op: Callable[..., Decimal]) -> Decimal:  # called without arguments (`...`: a lambda's defaults bind values)
    """Evaluate a Decimal expression at high precision (for face-value computations)."""
    saved = getcontext()
    setcontext(_EXACT)
    try:
        return op()
    finally:
        setcontext(saved)


def shown(value: Decimal) -> str:
    """A figure for a reader, as stated (49.90 stays 49.90), never in exponent notation. A figure with more than
    four decimals is one converted to 万元 from 元 (16,824,300.00 元 is 1682.430000 万元, precise to the 分): its
    zeros past the second decimal say nothing to a reader and are left out (1682.43; the checks keep them)."""
    text = format(value, "f")
    point = text.find(".")
    if point >= 0 and len(text) - point > 5 and text[-1] == "0":
        text = text.rstrip("0")
        text += "0" * max(0, 3 - (len(text) - point))  # (at least two decimals: 1680.000000 → 1680.00)
    return text


def format_decimal(value: Decimal) -> str:
    """A Decimal as plain text, never in exponent notation, without trailing noise."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


# -- numbers written in Chinese (十二座, 二十一, 一百零五) --------------------------------------------------
CHINESE_DIGITS = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                  "六": 6, "七": 7, "八": 8, "九": 9}
_CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_int(text: str) -> int | None:
    """六 → 6, 十二 → 12, 二十一 → 21, 一百零五 → 105, 两 → 2; digit strings (一二〇) read digit by digit."""
    if not text:
        return None
    if all(ch in CHINESE_DIGITS for ch in text):
        if len(text) == 1:
            return CHINESE_DIGITS[text]
        if "两" in text:
            return None
        return int("".join(str(CHINESE_DIGITS[ch]) for ch in text))
    total, current = 0, None
    for ch in text:
        if ch in "零〇○":  # a place holder (一百零五)
            current = None
            continue
        if ch in CHINESE_DIGITS:
            if current is not None:  # two digits in a row (e.g. 二三) inside a unit numeral: not a number
                return None
            current = CHINESE_DIGITS[ch]
        elif ch in _CHINESE_UNITS:
            unit = _CHINESE_UNITS[ch]
            total += (1 if current is None else current) * unit
            current = None
        else:
            return None
    if current is not None:
        total += current
    return total
