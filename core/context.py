"""What a rule kind sees while it checks one report: typed field access and finding construction."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, Iterator

from . import pointer as jp
from .i18n import pick
from .model import Finding, Location
from .numbers import to_decimal


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def render_template(template: str, values: dict[str, Any]) -> str:
    """Fill `{name}` placeholders; anything else in braces stays as written (templates are data, not code)."""
    return _PLACEHOLDER.sub(lambda m: render_value(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


def render_value(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (list, tuple)):
        return "、".join(render_value(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class RuleContext:
    """Handed to a kind's check function for one rule and one report.

    Reading a field through `number`, `date` or `value` records whether the rule found its inputs;
    a rule that evaluated nothing is reported as skipped, never as passed.
    """

    def __init__(self, report: dict[str, Any], rule: Any, lang: str, positions: dict[str, Any] | None = None,
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

    # -- reading the report ---------------------------------------------------------------------
    def value(self, pointer: str) -> Any:
        value = jp.resolve(self.report, pointer)
        if value is jp.MISSING:
            self.missing.append(pointer)
            return None
        return value

    def number(self, pointer: str) -> Decimal | None:
        value = self.value(pointer)
        if value is None:
            return None
        number = to_decimal(value)
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
            value = jp.resolve(self.report, pattern)
            if value is jp.MISSING:
                self.missing.append(pattern)
            else:
                yield pattern, value
            return
        matched = False
        for concrete, value in jp.expand(self.report, pattern):
            matched = True
            yield concrete, value
        if not matched:
            self.missing.append(pattern)

    def bindings(self, pattern: str) -> Iterator[tuple[str, list]]:
        """For a rule driven by one starred pointer: each concrete pointer and its star bindings,
        to fill the rule's other pointers with `bind`."""
        if not jp.has_wildcard(pattern):
            yield pattern, []
            return
        for concrete, _ in self.expand(pattern):
            yield concrete, jp.star_values(pattern, concrete)

    @staticmethod
    def bind(pattern: str, stars: list) -> str:
        return jp.bind(pattern, stars) if stars else pattern

    def evaluated(self) -> None:
        """Say that the rule compared real inputs (so it passed or failed, rather than skipped)."""
        self.evaluations += 1

    # -- building findings ----------------------------------------------------------------------
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
                related: list[str] = (), category: str | None = None) -> Finding:
        values = dict(values or {})
        template = pick(message if message is not None else self.rule.message, self.lang)
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
