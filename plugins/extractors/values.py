"""Reading the values a report states: amounts with their unit, counts in digits or Chinese numerals,
dates in the forms reports use, grades. Text here is already normalised (NFKC, spaces removed)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from jixiao.kit import CHINESE_DIGITS, chinese_int

from .lazyre import guarded

# A number as written: thousands separated by "," or a space (73,600.00 / 73 600.00), or plain.
NUMBER = r"\d{1,3}(?:[, ]\d{3}){1,6}(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"  # at most 7 groups: 18 digits, and linear

_DIGITS = CHINESE_DIGITS
CN_NUMBER = "[零〇一二两三四五六七八九十百千]+"

GRADES = {"优秀": "优秀", "良好": "良好", "中等": "中等", "较差": "较差", "优": "优", "良": "良", "中": "中", "差": "差"}
# (older scales: 优秀 · 良好 · 合格 · 不合格, and 好 · 较好 · 一般 · 差, on the same bands)
GRADE_KEYS = {"优": "excellent", "优秀": "excellent", "良": "good", "良好": "good",
              "中": "fair", "中等": "fair", "一般": "fair", "差": "poor", "较差": "poor",
              "合格": "fair", "不合格": "poor", "好": "excellent", "较好": "good"}
# the same words, longest first, as a pattern's alternatives want them (不合格 before 合格, 优秀 before 优)
GRADE_WORDS = tuple(sorted(GRADE_KEYS, key=len, reverse=True))


_MAX_DIGITS = 18  # no budget figure has more; longer digit runs are codes or noise


def parse_number(text: str) -> Decimal | None:
    """A decimal as stated, thousands separators dropped; precision kept ("49.90" stays 49.90)."""
    plain = text.replace(",", "").replace(" ", "")
    if len(plain) > _MAX_DIGITS + 1:
        return None
    try:
        value = Decimal(plain)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def as_stated(value: object) -> str:
    """A figure as a message quotes it: a Decimal with every place it was stated with (49.90, never 4.99E+1)."""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def to_wan(value: Decimal, unit: str) -> Decimal:
    """An amount in 万元, converted exactly, with the stated precision: 73,600.00 元 → 7.360000 万元 (to the 分),
    73,600 元 → 7.3600 万元 (to the 元), 1.26 亿元 → 1.26E+4 万元 (to the hundred 万元)."""
    if unit in ("万元", "万", "分"):
        return value  # (分: a 评分表's scores, not money)
    if unit == "元":
        return value.scaleb(-4)  # (73,600.00 元 → 7.360000 万元: the stated precision, 0.01 元, kept)
    if unit == "千元":
        return value.scaleb(-1)
    if unit == "亿元":
        # 1.23 亿元 is 1.23E+4 万元: precise to the hundred 万元, as stated (never 12300 exactly)
        return value.scaleb(4)
    raise ValueError(unit)


def parse_count(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return chinese_int(text)


_CN_DATE_DIGIT = {**_DIGITS, "Ｏ": 0, "O": 0}


def make_date(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# Dates as reports write them (after normalisation spaces are gone): 2022年5月22日, 2022年05月22日,
# 2022-05-22, 2022/5/22, 2022.5.22, and 二〇二二年五月二十二日.
DATE = (
    r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]"
    r"|(?P<y2>\d{4})(?P<sep>[-/.])(?P<m2>\d{1,2})(?P=sep)(?P<d2>\d{1,2})(?![\d.])"
    r"|(?P<y3>[〇○零一二三四五六七八九Ｏ]{4})年(?P<m3>[一二三四五六七八九十]{1,3})月(?P<d3>[一二三四五六七八九十]{1,3})日"
)
DATE_RE = guarded(DATE)
# The same forms without named groups, for embedding in larger patterns.
DATE_SPAN = (
    r"\d{4}年\d{1,2}月\d{1,2}[日号]|(?:\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2})(?![\d.])"
    r"|[〇○零一二三四五六七八九Ｏ]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日"
)


def date_from_match(m: re.Match[str]) -> str | None:
    if m.group("y"):
        return make_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if m.group("y2"):
        return make_date(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))
    year_text = m.group("y3")
    year = int("".join(str(_CN_DATE_DIGIT.get(ch, 0)) for ch in year_text))
    month, day = chinese_int(m.group("m3")), chinese_int(m.group("d3"))
    if month is None or day is None:
        return None
    return make_date(year, month, day)
