"""Indicator targets (年度指标值) and actual values (实际完成值) as written on a 自评表.

    parse_target("≥50人")          → Target(">=", Decimal("50"), "人", None)
    parse_target("不超过30万元")     → Target("<=", Decimal("30"), "万元", None)
    parse_target("100%")           → Target(">=", Decimal("100"), "%", None)     # a bare figure: reach it
    parse_target("0起")            → Target("=", Decimal("0"), "起", None)       # a bare zero: none at all
    (a bare figure of a 成本指标 is a ceiling: `indicator_target` reads it as <=)
    parse_target("12月底前", 2022)  → Target("by_date", None, "", date(2022, 12, 31))
    parse_target("有效提升")         → Target("qualitative", None, "", None)
    parse_actual("28.5万元")        → Actual("number", Decimal("28.5"), "万元", None)
    parse_actual("已完成")           → Actual("text", None, "", None)

Text is NFKC-normalised first (full-width digits and symbols), spaces dropped. Figures keep their stated
precision (Decimal from the text). A target that cannot be read (a range, a relative change such as
提高10%) gives None: the rules that need it skip the indicator rather than guess.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from jixiao.kit import CHINESE_DIGITS, chinese_int, exact, plausible, to_decimal

QUANTITATIVE = (">=", "<=", "=", ">", "<")
OPS = (*QUANTITATIVE, "qualitative", "by_date")
SYMBOL = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<"}


@dataclass(frozen=True)
class Target:
    op: str                 # one of OPS
    value: Decimal | None   # the figure (quantitative targets)
    unit: str               # "" when none is written
    date: dt.date | None    # the deadline (by_date targets with a readable date)
    text: str = ""          # the text the target was read from, normalised
    written: str = ""       # that text as the cell writes it (μg/m³, not NFKC's μg/m3), white space collapsed

    @property
    def quantitative(self) -> bool:
        return self.op in QUANTITATIVE

    def render(self) -> str:
        """The target for a message: the text as written, or op + figure + unit."""
        shown = self.written or self.text
        if shown:
            return shown
        if self.quantitative and self.value is not None:
            return f"{SYMBOL[self.op]}{format(self.value, 'f')}{self.unit}"
        if self.date is not None:
            return f"{self.date.isoformat()}前"
        return ""


@dataclass(frozen=True)
class Actual:
    kind: str               # "number", "date" or "text"
    value: Decimal | None
    unit: str
    date: dt.date | None
    text: str = ""          # normalised, as Target's
    op: str = ""            # an actual written as a bound (≥95%): its comparison, else ""
    written: str = ""       # as the cell writes it, white space collapsed

    def render(self) -> str:
        """The actual for a message: as written."""
        return self.written or self.text


# -- normalisation -------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")
_TRIM = "。；;，,、.．"


def normalise(text: str) -> str:
    """NFKC (full-width digits, ％, ＞, ．), without spaces or trailing punctuation."""
    text = unicodedata.normalize("NFKC", str(text))
    text = _SPACES.sub("", text)
    return text.strip(_TRIM)


_Read = TypeVar("_Read", bound=Target | Actual | None)


def _as_written(read: _Read, text: Any) -> _Read:
    """`read` (a Target or Actual, or None) with the cell's text as written, for messages."""
    if read is None or text is None:
        return read
    written = " ".join(str(text).split()).strip(_TRIM)
    return replace(read, written=written) if written and written != read.text else read


# Comparison words, longest first so 不低于 wins over 低于 and 大于等于 over 大于.
_PREFIXES: list[tuple[str, str]] = sorted([
    ("≥", ">="), ("≧", ">="), (">=", ">="), ("=>", ">="), ("⩾", ">="),
    ("≤", "<="), ("≦", "<="), ("<=", "<="), ("=<", "<="), ("⩽", "<="),
    (">", ">"), ("<", "<"), ("=", "="), ("==", "="),
    ("不低于", ">="), ("不少于", ">="), ("不小于", ">="), ("大于等于", ">="), ("大于或等于", ">="),
    ("高于或等于", ">="), ("至少", ">="), ("达到", ">="), ("不低於", ">="),
    ("不超过", "<="), ("不高于", "<="), ("不大于", "<="), ("不多于", "<="), ("小于等于", "<="),
    ("小于或等于", "<="), ("低于或等于", "<="), ("至多", "<="), ("最多", "<="), ("控制在", "<="), ("不超出", "<="),
    ("未超过", "<="), ("未超出", "<="), ("未高于", "<="), ("未低于", ">="),  # (an actual: 未超过8小时 is at most 8)
    ("大于", ">"), ("高于", ">"), ("超过", ">"), ("多于", ">"),
    ("小于", "<"), ("低于", "<"), ("少于", "<"),
    ("等于", "="),
], key=lambda item: -len(item[0]))

# Suffixes: 50人以上 (以上 includes the figure, as in Chinese statutes), 30万元以内/以下.
_SUFFIXES: list[tuple[str, str]] = [("及以上", ">="), ("以上", ">="), ("以内", "<="), ("及以下", "<="), ("以下", "<=")]

_NUMBER = re.compile(r"^([+-]?\d+(?:,\d{3})*(?:\.\d+)?)(.*)$")
# 台(套), 万头(只): the bracket names the same count by another measure word, and is part of the unit as
# written; 95%(含), 30人(累计): any other bracket is a note, not part of the unit
_MEASURE_WORD = "(?:[套只羽件个台辆头株棵口眼座处所家户人名项批场册本部张篇份宗艘架]|人次)"
_ALTERNATIVE = re.compile(rf"\({_MEASURE_WORD}\)")
_NOTE = re.compile(rf"\((?!{_MEASURE_WORD}\))[^()]*\)")
# (a power after a Latin unit is part of it: m3, μg/m³ after NFKC; any other digit is not)
_UNIT = re.compile(r"^(?:[^\d<>=≥≤≧≦]|(?<=[A-Za-zμ])[23](?![\d.]))" "{0,8}$")
_PER = re.compile(r"^/\d+(?:万|千|百|亿)[\u4e00-\u9fff]{0,2}$")  # 15/10万: a rate per 100,000 (孕产妇死亡率)

# Money units in 元; a figure in another money unit is converted before comparing.
MONEY = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "百万元": Decimal(1000000),
         "亿元": Decimal(100000000)}
# Units written two ways for the same thing.
_UNIT_ALIASES = {"日": "天", "千米": "公里", "km": "公里", "m2": "平方米", "㎡": "平方米", "平米": "平方米",
                 "百分比": "%", "％": "%", "m": "米", "kg": "千克", "公斤": "千克", "m3": "立方米", "km2": "平方公里",
                 "μg/m3": "微克/立方米", "mg/m3": "毫克/立方米", "mg/L": "毫克/升", "mg/l": "毫克/升"}
# A count in 万 or 亿 of something (1.2万人次 = 12000 人次).
_MULTIPLIERS = {"万": Decimal(10000), "亿": Decimal(100000000), "千": Decimal(1000)}


def canonical_unit(unit: str) -> str:
    """The unit as compared: 台(套) is 台, 平米 is 平方米."""
    unit = _ALTERNATIVE.sub("", normalise(unit or ""))
    return _UNIT_ALIASES.get(unit, unit)


def _number_and_unit(text: str) -> tuple[Decimal, str] | None:
    """`50人`, `28.5万元`, `1,200`, `96.5%` → (figure, unit); None when the text is not that."""
    match = _NUMBER.match(text)
    if not match:
        return None
    digits, unit = match.group(1).replace(",", ""), _NOTE.sub("", match.group(2))
    if not _UNIT.match(unit) and not _PER.match(unit):
        return None
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern excludes it
        return None
    if not plausible(value):
        return None
    return value, unit  # as written: 公斤 stays 公斤 (units are matched when compared)


# -- dates ---------------------------------------------------------------------------------------

_FULL_DATE = re.compile(r"^(?:(\d{4})[年\-./])?(\d{1,2})[月\-./](\d{1,2})[日号]?")
_MONTH_END = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(?:底|末|份|)")
_DEADLINE_WORDS = ("之前", "以前", "前", "内", "底前", "止")
_ON_TIME = ("按时", "按期", "如期", "按计划", "按进度")
_YEAR_END = ("年底前", "年底", "年末前", "年末", "年内", "年度内", "当年内", "本年度内", "12月底前")


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date | None:
    if not 1 <= month <= 12:
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _read_date(text: str, year: int | None, *, month_end: bool) -> tuple[dt.date | None, str, bool] | None:
    """A date at the start of `text`: (date or None without a year, the rest, month-only).
    A month without a day is its last day for a deadline (`month_end`), its first for an actual."""
    match = _FULL_DATE.match(text)
    # 2022.12.31 and 12月31日 are dates; 3.5 (万元) and 12.31 without a year are not
    if match and (match.group(1) or "月" in match.group(0)):
        y = int(match.group(1)) if match.group(1) else year
        date = _date(y, int(match.group(2)), int(match.group(3))) if y is not None else None
        return date, text[match.end():], False
    match = _MONTH_END.match(text)
    if match and ("月" in match.group(0)):
        y = int(match.group(1)) if match.group(1) else year
        month = int(match.group(2))
        if y is None:
            return None, text[match.end():], True
        date = _month_end(y, month) if month_end else _date(y, month, 1)
        return date, text[match.end():], True
    match = re.match(r"^(\d{4})[\-./](\d{1,2})$", text)
    if match:
        y, month = int(match.group(1)), int(match.group(2))
        return (_month_end(y, month) if month_end else _date(y, month, 1)), "", True
    return None


# -- targets -------------------------------------------------------------------------------------

_NATURE = {"=": "=", "＝": "=", "≥": ">=", ">=": ">=", "≧": ">=", "≤": "<=", "<=": "<=", "≦": "<=",
           ">": ">", "<": "<", "定性": "qualitative", "定量": "", "正向": ">=", "反向": "<=", "负向": "<=",
           "大于等于": ">=", "小于等于": "<=", "等于": "=", "大于": ">", "小于": "<"}


_DIRECTION = re.compile(r"(正向|反向|负向)(?:指标)?[:：,，]?(?=[≥≤<>=＝≧≦\d])")


def nature_op(nature: str | None) -> str | None:
    """The op a 指标性质 cell gives (Sichuan-style forms): `≥` → `>=`, `定性` → qualitative; None when unknown."""
    if not nature:
        return None
    op = _NATURE.get(normalise(nature))
    return op or None


def parse_target(text: Any, year: int | None = None, *, nature: str | None = None,
                 unit: str | None = None, bare: str = ">=") -> Target | None:
    """The target a 年度指标值 cell states, or None when it cannot be read.

    `year` (the fiscal year) dates a deadline written without one (12月底前); `nature` and `unit` are the
    指标性质 and 度量单位 columns of forms that have them, and win over what the text implies.
    Targets are immutable and the same cell is read by several rules: text is parsed once."""
    if (type(text) is str and (year is None or type(year) is int) and (nature is None or type(nature) is str)
            and (unit is None or type(unit) is str) and type(bare) is str):
        return _parse_target_cached(text, year, nature, unit, bare)
    return _as_written(_parse_target(text, year, nature=nature, unit=unit, bare=bare), text)


@lru_cache(maxsize=16384)
def _parse_target_cached(text: str, year: int | None, nature: str | None, unit: str | None, bare: str) -> Target | None:
    return _as_written(_parse_target(text, year, nature=nature, unit=unit, bare=bare), text)


def _parse_target(text: Any, year: int | None = None, *, nature: str | None = None,
                  unit: str | None = None, bare: str = ">=") -> Target | None:
    if text is None:
        return None
    raw = normalise(text)
    forced = nature_op(nature)
    unit = normalise(unit) if unit else ""
    if not raw:
        return Target("qualitative", None, "", None, raw) if forced == "qualitative" else None
    deadline = _parse_deadline(raw, year)
    if forced == "qualitative":  # (a deadline marked 定性, as Yunnan's forms mark their 时效指标, is still a deadline)
        return deadline if deadline is not None and deadline.date is not None else Target("qualitative", None, "", None, raw)
    if deadline is not None and forced is None:
        return deadline
    within = _WITHIN.match(raw)
    if within is not None and forced is None:  # 30日内分解下达, 15个工作日内办结: a time limit, a ceiling
        time_unit = within.group("unit")
        return Target("<=", Decimal(within.group("n")), _UNIT_ALIASES.get(time_unit, time_unit), None, raw)
    body = raw
    direction = _DIRECTION.match(raw)
    if direction is not None:  # (反向指标≤15%, 正向≥95%: the direction word before the figure)
        body = raw[direction.end():]
        forced = forced or _NATURE[direction.group(1)]
    op, rest = _split_op(body)
    written = op is not None
    if op is None:
        # A bare figure (50人, 100%) is a level to reach, not an exact value: 52人 meets it. For a cost
        # indicator it is a ceiling (`bare` "<=").
        op = bare
    found = _number_and_unit(rest)
    if found is None:
        if not re.search(r"\d", raw) and forced is None:
            return Target("qualitative", None, "", None, raw)
        return None
    value, written_unit = found
    if not written and not value and not forced:
        op = "="  # (a bare 0起, 0次: none at all; nothing is fewer, and 2起 does not reach it)
    return Target(forced or op, value, written_unit or unit, None, raw)


def _split_op(text: str) -> tuple[str | None, str]:
    op = None
    for word, meaning in _PREFIXES:
        if text.startswith(word):
            op, text = meaning, text[len(word):]
            break
    for word, meaning in _SUFFIXES:
        if text.endswith(word):
            if op is None or op == meaning:
                op, text = meaning, text[: -len(word)]
            break
    return op, text


_WITHIN = re.compile(r"^(?P<n>\d+(?:\.\d+)?)(?P<unit>个工作日|工作日|个月|小时|日|天|周)(?:以内|之内|内)")
_YEAR_END_DEADLINE = re.compile(r"^(?P<y>(?:19|20)\d{2})年(?:年)?(?:底|末|内|12月底|12月末)(?:前|之前|以前)?(?:完成|完工|实施完毕|全部完成)?$")


_QUARTER_DEADLINE = re.compile(r"^(?:(?P<y>(?:19|20)\d{2})年)?(?:第)?(?P<q>[一二三四1-4])季度(?:末|底|内|前|结束前)?(?:完成|完工)?(?:前)?$")
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _parse_deadline(text: str, year: int | None) -> Target | None:
    m = _YEAR_END_DEADLINE.match(text)
    if m:  # 2019年底前: the year's last day
        return Target("by_date", None, "", _date(int(m.group("y")), 12, 31), text)
    m = _QUARTER_DEADLINE.match(text)
    if m:  # 2025年第三季度, 第三季度末: the quarter's last day
        y = int(m.group("y")) if m.group("y") else year
        return Target("by_date", None, "", _month_end(y, 3 * _QUARTERS[m.group("q")]) if y else None, text)
    if any(text.startswith(word) for word in _ON_TIME) and not re.search(r"\d", text):
        return Target("by_date", None, "", None, text)
    if text in _YEAR_END or (text.startswith(("年底", "年末", "年内")) and not re.search(r"\d", text)):
        return Target("by_date", None, "", _date(year, 12, 31) if year else None, text)
    read = _read_date(text, year, month_end=True)
    if read is None:
        return None
    date, rest, _ = read
    rest = rest.strip(_TRIM)
    for word in ("完成", "完工", "实施完毕", "全部完成", "办结", "到位", "拨付到位"):
        rest = rest.replace(word, "")
    if rest and rest not in _DEADLINE_WORDS:
        return None
    return Target("by_date", None, "", date, text)


def _scaled(unit: str) -> tuple[Decimal, str]:
    """A unit as a multiple of a base unit: 万元 → (10000, 元), 万人次 → (10000, 人次), 人 → (1, 人)."""
    unit = canonical_unit(unit)
    if unit in MONEY:
        return MONEY[unit], "元"
    if len(unit) >= 2 and unit[0] in _MULTIPLIERS:
        return _MULTIPLIERS[unit[0]], canonical_unit(unit[1:])
    return Decimal(1), unit


# -- actuals -------------------------------------------------------------------------------------

_ACTUAL_PREFIXES = ("实际完成", "已完成", "完成", "实际", "达到", "共计", "累计", "共", "约")


def parse_actual(text: Any, year: int | None = None, *, unit: str | None = None) -> Actual | None:
    """What a 实际完成值 cell states: a figure with its unit, a date, or words (完成, 达到预期); None when empty."""
    if type(text) is str and (year is None or type(year) is int) and (unit is None or type(unit) is str):
        return _parse_actual_cached(text, year, unit)
    return _as_written(_parse_actual(text, year, unit=unit), text)


@lru_cache(maxsize=16384)
def _parse_actual_cached(text: str, year: int | None, unit: str | None) -> Actual | None:
    return _as_written(_parse_actual(text, year, unit=unit), text)


def _parse_actual(text: Any, year: int | None = None, *, unit: str | None = None) -> Actual | None:
    if text is None:
        return None
    raw = normalise(text)
    if not raw:
        return None
    unit = normalise(unit) if unit else ""
    read = _read_date(raw, year, month_end=False)
    if read is not None and read[0] is not None:
        date, rest, _ = read
        rest = rest.strip(_TRIM)
        if rest in ("", "完成", "已完成", "前完成", "前", "完工", "办结", "到位"):
            return Actual("date", None, "", date, raw)
    body = raw
    for prefix in _ACTUAL_PREFIXES:
        if body.startswith(prefix) and re.match(r"[\d≥≤<>=]", body[len(prefix):] or "x"):
            body = body[len(prefix):]
            break
    op, rest = _split_op(body)
    found = _number_and_unit(rest) or _chinese_count(rest)
    if found is not None:
        value, written_unit = found
        return Actual("number", value, written_unit or unit, None, raw, "" if op in (None, "=") else op)
    return Actual("text", None, "", None, raw)


_CHINESE_COUNT = re.compile("^([" + "".join(CHINESE_DIGITS) + "十百千]{1,6})(个|座|处|项|家|所|村|户|人|次|场|批|台|套|辆|条|期|份|篇|部|名)$")


def _chinese_count(text: str) -> tuple[Decimal, str] | None:
    """A count written in Chinese (十二座, 七十一个, 四十五处) → (12, 座): a figure, as 12座 is."""
    match = _CHINESE_COUNT.match(text)
    number = chinese_int(match.group(1)) if match else None
    return (Decimal(number), match.group(2)) if match and number is not None else None


# -- comparing -----------------------------------------------------------------------------------

def convert(value: Decimal, unit: str, to_unit: str) -> Decimal | None:
    """The figure in `to_unit`, or None when the units measure different things (人 and 人次)."""
    unit, to_unit = canonical_unit(unit), canonical_unit(to_unit)
    if unit == to_unit or not unit or not to_unit:
        return value  # a figure without a unit is in the unit of the row (度量单位)
    factor, base = _scaled(unit)
    to_factor, to_base = _scaled(to_unit)
    if base != to_base:
        return None
    return exact(lambda: value * factor / to_factor)


def in_target_unit(target: Target, actual: Actual) -> Decimal | None:
    """The actual figure in the target's unit (None where the units measure different things). A bare proportion
    against a rate to reach (0.917 against ≥90%: a cell formatted as a number, not a percentage) is that many
    hundredths; against a ceiling (≤3%) a bare 0.5 may be 0.5% or 50%, and is read as written."""
    assert actual.value is not None
    if not actual.unit and canonical_unit(target.unit) == "%" and target.op in (">=", ">", "=") \
            and target.value is not None and target.value >= 50 and 0 < actual.value < 1:
        return actual.value * 100
    return convert(actual.value, actual.unit, target.unit)


def achieved(target: Target, actual: Actual) -> bool | None:
    """Whether the actual meets the target: True, False, or None when it cannot be told
    (words, different units, a deadline without a date, an actual written as a bound that straddles)."""
    if target.op == "by_date":
        if target.date is None or actual.kind != "date" or actual.date is None:
            return None
        return actual.date <= target.date
    if not target.quantitative or target.value is None or actual.kind != "number" or actual.value is None:
        return None
    value = in_target_unit(target, actual)
    if value is None:
        return None
    low = value if actual.op in ("", ">=", ">") else None     # what the actual can be: [low, high]
    high = value if actual.op in ("", "<=", "<") else None
    t = target.value
    if target.op in (">=", ">"):
        if low is not None and (low > t or (low == t and (target.op == ">=" or actual.op == ">"))):
            return True
        if high is not None and (high < t or (high == t and target.op == ">")):
            return False
        return None
    if target.op in ("<=", "<"):
        if high is not None and (high < t or (high == t and (target.op == "<=" or actual.op == "<"))):
            return True
        if low is not None and (low > t or (low == t and target.op == "<")):
            return False
        return None
    # "="
    if actual.op == "":
        return value == t
    if (low is not None and low > t) or (high is not None and high < t):
        return False
    return None


def indicator_target(indicator: dict[str, Any], year: int | None = None) -> Target | None:
    """The target an indicator is scored against: `adjusted_target` when stated (调整后指标值); else `target`
    read with the `nature` and `unit` columns where 指标性质 gives a direction (Sichuan-style forms); else the
    extractor's `target_op`/`target_value`/`target_unit`; else `target` read as written."""
    nature, unit = indicator.get("nature"), indicator.get("unit")
    level2 = indicator.get("level2")
    bare = "<=" if isinstance(level2, str) and "成本" in level2 else ">="
    nature = nature if isinstance(nature, str) else None
    unit = unit if isinstance(unit, str) else None
    adjusted = indicator.get("adjusted_target")
    if isinstance(adjusted, str) and normalise(adjusted):
        return parse_target(adjusted, year, nature=nature, unit=unit, bare=bare)
    text = indicator.get("target")
    if nature_op(nature) is not None and isinstance(text, str):
        return parse_target(text, year, nature=nature, unit=unit, bare=bare)  # the 指标性质 column says it outright
    op = indicator.get("target_op")
    text = text if isinstance(text, str) else None
    if op in OPS:
        normalised = normalise(text) if text else ""
        if op == "by_date":
            parsed = parse_target(text, year) if text else None
            return _as_written(Target("by_date", None, "", parsed.date if parsed is not None else None, normalised), text)
        if op == "qualitative":
            return _as_written(Target("qualitative", None, "", None, normalised), text)
        value = to_decimal(indicator.get("target_value"))
        target_unit = indicator.get("target_unit")
        target_unit = normalise(target_unit) if isinstance(target_unit, str) and target_unit else ""
        if value is None:
            parsed = parse_target(text, year, unit=unit, bare=bare) if text else None
            if parsed is None or parsed.value is None:
                return None
            value, target_unit = parsed.value, target_unit or parsed.unit
        return _as_written(Target(op, value, target_unit or (normalise(unit) if unit else ""), None, normalised), text)
    if text is None:
        return None
    return parse_target(text, year, nature=nature, unit=unit, bare=bare)


def indicator_actual(indicator: dict[str, Any], year: int | None = None) -> Actual | None:
    unit = indicator.get("unit")
    return parse_actual(indicator.get("actual"), year, unit=unit if isinstance(unit, str) else None)
