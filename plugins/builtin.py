"""Registers the built-in kinds, extractors, formatters and packs through the public hooks,
exactly as a third-party plugin does (entry point `builtin` in the group `jixiao`)."""

from __future__ import annotations

from importlib import resources

from jixiao.hookspecs import hookimpl

from .extractors import builtin_extractors
from .formatters import builtin_formatters
from .kinds import builtin_kinds


@hookimpl
def jixiao_register_kinds() -> list:
    return builtin_kinds()


@hookimpl
def jixiao_register_extractors() -> list:
    return builtin_extractors()


@hookimpl
def jixiao_register_formatters() -> list:
    return builtin_formatters()


@hookimpl
def jixiao_rule_packs() -> list:
    folder = resources.files("jixiao.rules")
    return sorted(str(entry) for entry in folder.iterdir() if entry.name.endswith(".yaml"))
