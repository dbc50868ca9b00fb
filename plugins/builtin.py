"""Registers the built-in kinds, extractors, formatters and packs through the public hooks."""

from __future__ import annotations

from jixiao.hookspecs import hookimpl

from .extractors import structured
from .formatters import json_format, text
from .kinds import arithmetic, dates, grades, plausibility, sections


@hookimpl
def jixiao_register_kinds() -> list:
    return [*arithmetic.KINDS, *plausibility.KINDS, *sections.KINDS, *dates.KINDS, *grades.KINDS]


@hookimpl
def jixiao_register_extractors() -> list:
    return [*structured.EXTRACTORS]


@hookimpl
def jixiao_register_formatters() -> list:
    return [*text.FORMATTERS, *json_format.FORMATTERS]


@hookimpl
def jixiao_rule_packs() -> list:
    from importlib import resources

    folder = resources.files("jixiao.rules")
    return sorted(str(entry) for entry in folder.iterdir() if entry.name.endswith(".yaml"))
