"""What a rule kind sees while it checks one report: typed field access and finding construction."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache
from typing import Any
from collections.abc import Iterator, Sequence

from . import pointer as jp
from .i18n import pick
from .model import Finding, Location
from .numbers import shown, to_decimal
from .registry import Positions, Skipped


_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# What every rule's message may name besides its kind's values: the report's subject, as its kind calls it (a project's
# report states the project's execution rate where a department's states the department's: 部门整体执行率 would be wrong)
REPORT_SUBJECT: dict[str, dict[str, str]] = {
    "department_self_evaluation": {"zh": "部门整体", "en": "Department"},
    "project_self_evaluation": {"zh": "项目", "en": "Project"},
    "special_fund_self_evaluation": {"zh": "专项资金", "en": "Special fund"},
    "transfer_payment_self_evaluation": {"zh": "转移支付资金", "en": "Transfer payment"},
}
CONTEXT_VALUES = frozenset({"report_subject"})
# a figure quoted bare, as a table cell or a sentence states it (1,234,567.80 or 1234567.8): no unit, no sign
_BARE_FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_UNIT_FACTORS = (Decimal(10000), Decimal(100000000))  # 元 read as 万元; 元 read as 亿元


def render_template(template: str, values: dict[str, Any]) -> str:
    """Fill `{name}` placeholders; anything else in braces stays as written (templates are data, not code)."""
    parts = _template_parts(template)
    if len(parts) == 1:
        return template
    out: list[str] = []
    for index, part in enumerate(parts):
        if index % 2 == 0:
            out.append(part)
        elif part in values:
            out.append(render_value(values[part]))
        else:
            out.append("{" + part + "}")
    return "".join(out)


@lru_cache(maxsize=1024)
def _template_parts(template: str) -> tuple[str, ...]:
    """The template split at its placeholders: text, name, text, name, …, text (parsed once)."""
    return tuple(_PLACEHOLDER.split(template))


def render_value(value: Any) -> str:
    if isinstance(value, Decimal):
        return shown(value)
    if isinstance(value, (list, tuple)):
        return "、".join(render_value(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


StarBindings = list[tuple[list[str], str]]  # each star's prefix and token, as `pointer.star_values` gives them


class _Stars(list[tuple[list[str], str]]):
    """Star bindings (a list, as `pointer.star_values` gives them) with a hashable key of what they bind
    (each star's prefix and token), so binding a pattern with them is done once per report."""

    __slots__ = ("key", "bound", "_filled")

    def __init__(self, lists: tuple[list[str], ...], key: tuple[tuple[tuple[str, ...], str], ...], tokens: tuple[str, ...]):
        super().__init__(zip(lists, tokens, strict=True))
        self.key = key
        self.bound: dict[str, str] = {}  # pattern → the pattern bound with these stars
        self._filled: dict[tuple[str, ...], str] | None = None

    @property
    def filled(self) -> dict[tuple[str, ...], str]:
        """Each star's prefix → "/" + its escaped token (stars have distinct prefixes: one per place)."""
        if self._filled is None:
            self._filled = {prefix: "/" + jp.escape(token) for prefix, token in self.key}
        return self._filled


@lru_cache(maxsize=4096)
def _bind_template(pattern: str) -> tuple[list[str], tuple[tuple[int, tuple[str, ...]], ...]] | None:
    """`pointer.template` with each star's prefix as a tuple (the key of `_Stars.filled`), for
    `RuleContext.bind`; None for a pattern with nothing to fill."""
    if "~" not in pattern and "*" not in pattern:
        return None
    parts, holes = jp.template(pattern)
    if not holes and "~" not in pattern:
        return None
    return list(parts), tuple((position, tuple(prefix)) for position, prefix in holes)


class RuleContext:
    """Handed to a compiled rule's `check` for one report (and to an old-style kind's check function).

    Reading a field through `number`, `date`, `value` or `expand` records the pointers that were missing;
    `skipped()` is the `Skipped` value naming them, for a rule that found nothing to compare. The engine
    uses one context per report (values read once are not read again) and `begin`s it for each rule.
    """

    def __init__(self, report: dict[str, Any], rule: Any, lang: str, positions: Positions | None = None,
                 source: str = ""):
        self.report = report
        self.rule = rule
        self.lang = lang
        self.source = source
        self._positions = positions or {}
        provenance = report.get("provenance")
        self._provenance = provenance if isinstance(provenance, dict) else {}
        self.evaluations = 0
        self.missing: list[str] = []
        self._values: dict[str, Any] = {}  # pointer → value (or MISSING), for this report
        self._expanded: dict[str, list[tuple[str, Any]]] = {}
        self._numbers: dict[str, Decimal | None] = {}
        self._walked: dict[str, list[tuple[str, Any, tuple[str, ...]]]] = {}  # pattern → (pointer, value, star tokens)
        self._starred: dict[str, list[tuple[str, Any, StarBindings]]] = {}  # pattern → (pointer, value, stars)
        # What kinds derive from the report's values, kept for the other rules on the same report (an
        # indicator's target read by four rules is parsed once): key it by what it was derived from.
        self.memo: dict[Any, Any] = {}
        self._stars: dict[tuple[tuple[tuple[str, ...], str], ...], _Stars] = {}  # one star binding per key, whichever pattern found it

    def begin(self, rule: Any) -> RuleContext:
        """The context again, for the next rule on the same report."""
        self.rule = rule
        self.evaluations = 0
        self.missing = []
        return self

    def skipped(self) -> Skipped:
        """`Skipped`, naming what was missing (in the order it was looked for)."""
        return Skipped(tuple(dict.fromkeys(self.missing)))

    # -- reading the report ---------------------------------------------------------------------
    def get(self, pointer: str) -> Any:
        """The value at a concrete pointer, or `MISSING`; read once per report, not recorded as missing."""
        try:
            return self._values[pointer]
        except KeyError:
            pass
        parent, slash, token = pointer.rpartition("/")
        if not slash or (parent and not parent.startswith("/")):
            value = jp.resolve(self.report, pointer)  # "" is the report; anything else not a pointer raises
        else:  # one step from the parent, itself read once: a row's cells share the walk to the row
            node = self.get(parent) if parent else self.report
            if node is jp.MISSING or node is None:
                value = jp.MISSING
            else:
                if "~" in token:
                    token = token.replace("~1", "/").replace("~0", "~")
                value = jp.step(node, token)
                if value is None:
                    value = jp.MISSING
        self._values[pointer] = value
        return value

    def matches(self, pattern: str) -> list[tuple[str, Any]]:
        """Every (concrete pointer, value) of a pattern with `*`, read once per report; not recorded."""
        try:
            return self._expanded[pattern]
        except KeyError:
            pass
        walked = self._walked[pattern] = jp.star_matches(self.report, pattern)  # one walk for both
        found = self._expanded[pattern] = [(concrete, value) for concrete, value, _ in walked]
        values = self._values
        for concrete, value in found:  # what `get` would read at each of them (never None nor MISSING)
            if concrete not in values:
                values[concrete] = value
        return found

    def value(self, pointer: str) -> Any:
        value = self.get(pointer)
        if value is jp.MISSING:
            self.missing.append(pointer)
            return None
        return value

    def number(self, pointer: str) -> Decimal | None:
        try:
            number = self._numbers[pointer]
        except KeyError:
            value = self.get(pointer)
            number = self._numbers[pointer] = None if value is jp.MISSING else to_decimal(value)
        if number is None:
            self.missing.append(pointer)
        return number

    def date(self, pointer: str) -> dt.date | None:
        value = self.value(pointer)
        if value is None:
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.missing.append(pointer)
            return None

    def expand(self, pattern: str) -> Iterator[tuple[str, Any]]:
        """Every concrete (pointer, value) of a pattern with `*`; a pattern without `*` gives itself."""
        if not jp.has_wildcard(pattern):
            value = self.get(pattern)
            if value is jp.MISSING:
                self.missing.append(pattern)
            else:
                yield pattern, value
            return
        found = self.matches(pattern)
        if not found:
            self.missing.append(pattern)
        yield from found

    def _star_matches(self, pattern: str) -> list[tuple[str, Any, StarBindings]]:
        """(concrete pointer, value, star bindings) of every match of a starred pattern, once per report:
        the bindings carry a key, so `bind` fills a pattern with them once per report too."""
        try:
            return self._starred[pattern]
        except KeyError:
            pass
        self.matches(pattern)
        lists, prefixes = jp.star_prefixes(pattern)
        shared = self._stars
        starred: list[tuple[str, Any, StarBindings]] = []
        for concrete, value, tokens in self._walked[pattern]:
            key = tuple(zip(prefixes, tokens, strict=True))
            stars = shared.get(key)
            if stars is None:
                stars = shared[key] = _Stars(lists, key, tokens)
            starred.append((concrete, value, stars))
        self._starred[pattern] = starred
        return starred

    def bindings(self, pattern: str) -> Iterator[tuple[str, StarBindings]]:
        """For a rule driven by one starred pointer: each concrete pointer and its star bindings,
        to fill the rule's other pointers with `bind`."""
        if not jp.has_wildcard(pattern):
            yield pattern, []
            return
        found = self._star_matches(pattern)
        if not found:
            self.missing.append(pattern)
            return
        for concrete, _, stars in found:
            yield concrete, stars

    def items(self, pattern: str) -> Iterator[tuple[str, Any, StarBindings]]:
        """(concrete pointer, value, star bindings) of each match of a pattern (recorded as missing when
        none): `bindings` with the value, for a rule that reads the item itself."""
        if not jp.has_wildcard(pattern):
            value = self.get(pattern)
            if value is jp.MISSING:
                self.missing.append(pattern)
                return
            yield pattern, value, []
            return
        found = self._star_matches(pattern)
        if not found:
            self.missing.append(pattern)
            return
        yield from found

    def bind(self, pattern: str, stars: StarBindings) -> str:
        """Fill the stars of `pattern` with bindings from `bindings` or `items` (see `pointer.bind`)."""
        if not stars:
            return pattern
        if type(stars) is not _Stars:  # bindings a kind made itself
            return jp.bind(pattern, stars)
        cache = stars.bound
        try:
            return cache[pattern]
        except KeyError:
            pass
        template = _bind_template(pattern)
        if template is None:
            bound = pattern
        else:
            parts, holes = template
            if holes:
                parts = list(parts)
                filled = stars.filled
                for position, prefix in holes:
                    parts[position] = filled.get(prefix, "/*")
            bound = "".join(parts)
        cache[pattern] = bound
        return bound

    def evaluated(self) -> None:
        """Count a comparison of real inputs: a rule whose `check` ends with `outcome(findings)` is then
        passed or failed, rather than skipped (old-style kinds must call it; see `Kind`)."""
        self.evaluations += 1

    def outcome(self, findings: list[Finding]) -> list[Finding] | Skipped:
        """The findings, or `skipped()` where there are none and nothing was `evaluated()`."""
        return findings if findings or self.evaluations else self.skipped()

    # -- building findings ----------------------------------------------------------------------
    def written(self, figures: Sequence[tuple[str | None, Decimal]]) -> list[str]:
        """Figures for one expression in a message, as the report writes them where each was read in another
        unit by the same factor: a table or a sentence in 元 (146,005,794.77) is read in 万元 (14600.579477),
        and a reviewer looks for the figure on the page. Only where every quote is the bare figure; else each
        as `shown`. For a quantity whose unit cancels (a ratio's terms): a sum in 万元 keeps 万元."""
        found = self.written_in_other_unit(figures)
        return found[0] if found is not None else [shown(value) for _, value in figures]

    def written_in_other_unit(self, figures: Sequence[tuple[str | None, Decimal]]) -> tuple[list[str], Decimal] | None:
        """Each figure's quote and the factor (10000: 元 read as 万元; 100000000: 元 read as 亿元) where every figure
        was quoted bare (1,389,128.78) and read in another unit by that one factor; None otherwise."""
        quoted, factor = [], None
        for pointer, value in figures:
            entry = self._provenance.get(pointer) if pointer is not None else None
            quote = entry.get("quote") if isinstance(entry, dict) else None
            if not isinstance(quote, str) or not value or not _BARE_FIGURE.fullmatch(quote := quote.strip()):
                return None
            stated = Decimal(quote.replace(",", ""))
            found = next((f for f in _UNIT_FACTORS if stated == value * f), None)
            if found is None or (factor is not None and found != factor):
                return None
            factor = found
            quoted.append(quote)
        return (quoted, factor) if factor is not None else None

    def location(self, pointer: str | None) -> Location | None:
        if pointer is None:
            return None
        entry = self._provenance.get(pointer)
        if isinstance(entry, dict) and "line" in entry:
            try:
                return Location.from_dict(entry)
            except (TypeError, ValueError):
                return None
        position = self._positions.get(pointer)
        if position is not None:  # a place in the structured report file itself
            return Location(line=position.line, column=position.column, artifact=self.source or None)
        return None

    def finding(self, pointer: str | None, values: dict[str, Any] | None = None, *,
                severity: str | None = None, message: dict[str, str] | str | None = None,
                related: Sequence[str] = (), category: str | None = None) -> Finding:
        values = dict(values or {})
        template = pick(message if message is not None else self.rule.message, self.lang)
        if "{report_subject}" in template and "report_subject" not in values:
            words = REPORT_SUBJECT.get(str(self.report.get("kind")), REPORT_SUBJECT["department_self_evaluation"])
            text = render_template(template, {**values, "report_subject": words.get(self.lang, words["zh"])})
        else:
            text = render_template(template, values)
        return Finding(
            rule_id=self.rule.id,
            category=category or self.rule.category,
            severity=severity or self.rule.severity,
            message=text,
            pointer=pointer,
            location=self.location(pointer),
            values=values,
            related=[loc for loc in (self.location(p) for p in related) if loc is not None],
        )
