"""Registers the built-in kinds, extractors, formatters, aftercare steps and packs through the public hooks,
exactly as a third-party plugin does (entry point `builtin` in the group `jixiao`).

The hooks say `tryfirst`: a built-in kind or formatter keeps its name, and the built-in extractors are
asked first, whatever other plugins are installed (a plugin that says `tryfirst` itself comes before)."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from jixiao.hookspecs import hookimpl

from .aftercare import builtin_aftercare
from .extractors import builtin_extractors
from .formatters import builtin_formatters
from .kinds import builtin_kinds

if TYPE_CHECKING:
    from jixiao.kit import Aftercare, Extractor, Formatter, Kind


@hookimpl(tryfirst=True)
def jixiao_register_kinds() -> list[Kind]:
    return builtin_kinds()


@hookimpl(tryfirst=True)
def jixiao_register_extractors() -> list[Extractor]:
    return builtin_extractors()


@hookimpl(tryfirst=True)
def jixiao_register_formatters() -> list[Formatter]:
    return builtin_formatters()


@hookimpl(tryfirst=True)
def jixiao_register_aftercare() -> list[Aftercare]:
    return builtin_aftercare()


@hookimpl(tryfirst=True)
def jixiao_rule_packs() -> list[str]:
    folder = resources.files("jixiao.rules")
    return sorted(str(entry) for entry in folder.iterdir() if entry.name.endswith(".yaml"))
