"""Errors that reach a user as a clear message naming the file, the line and what was expected."""

from __future__ import annotations

from typing import Any

from .i18n import text
from .text_safety import display_path


class JixiaoError(Exception):
    """Base of every error jixiao raises on purpose."""


class InputError(JixiaoError):
    """A file that cannot be read as what it should be (a report or a rule pack)."""

    def __init__(self, path: str, line: int | None, column: int | None, detail: str,
                 key: str = "unreadable", name: str = ""):
        self.path = path
        self.line = line
        self.column = column
        self.detail = detail
        self.key = key
        self.name = name
        super().__init__(self.render("en"))

    def where(self) -> str:
        path = display_path(self.path)  # the same text whatever the locale, undecodable bytes as \xcd
        if self.line is None:
            return path
        return f"{path}:{self.line}:{self.column or 1}"

    def render(self, lang: str = "zh") -> str:
        return text(f"input.{self.key}", lang, where=self.where(), detail=self.detail, name=self.name)


class PackError(JixiaoError):
    """Problems in one or more rule packs, all collected before any report is read."""

    def __init__(self, problems: list[PackProblem]):
        self.problems = problems
        super().__init__("\n".join(p.render("en") for p in problems))

    def render(self, lang: str = "zh") -> str:
        return "\n".join(p.render(lang) for p in self.problems)


class PackProblem:
    """One problem of a rule pack at file:line:column.

    `detail` is the English text. A problem built by `jixiao.packcheck` also carries `parts`: (key, values)
    pairs of a {key: {zh, en}} message `table`, rendered in the wanted language. `severity`: "error" (the
    pack cannot be used), "warning" (it loads, but a rule will misbehave; `jixiao rules validate` fails) or
    "info" (a note, such as an inherited rule test dropped after an override)."""

    def __init__(self, path: str, line: int | None, column: int | None, detail: str, rule_id: str | None = None,
                 *, severity: str = "error", parts: list[tuple[str, dict[str, Any]]] | None = None,
                 table: dict[str, dict[str, str]] | None = None):
        self.path, self.line, self.column, self.detail, self.rule_id = path, line, column, detail, rule_id
        self.severity = severity
        self.parts = parts or []
        self.table = table

    def where(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}:{self.column or 1}"

    def sort_key(self) -> tuple[str, int, int]:
        return (self.path, self.line or 0, self.column or 0)

    def text(self, lang: str = "zh") -> str:
        """The problem itself, without the place, in the wanted language."""
        if not self.parts or self.table is None:
            return self.detail
        from .i18n import lookup

        return "".join(lookup(self.table, key, lang, **values) for key, values in self.parts)

    def render(self, lang: str = "zh") -> str:
        rule = text("pack.rule", lang, rule_id=self.rule_id) if self.rule_id else ""
        if self.severity != "error" and self.table is not None and f"severity.{self.severity}" in self.table:
            from .i18n import lookup

            rule = lookup(self.table, f"severity.{self.severity}", lang) + rule
        return text("pack.problem", lang, where=self.where(), rule=rule, detail=self.text(lang))

    def __repr__(self) -> str:
        return f"PackProblem({self.render('en')!r})"
