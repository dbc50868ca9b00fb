"""Registers the built-in kinds, extractors, formatters, aftercare steps and packs through the public hooks,
exactly as a third-party plugin does (entry point `builtin` in the group `jixiao`).

The hooks say `tryfirst`: a built-in kind or formatter keeps its name, and the built-in extractors are
asked first, whatever other plugins are installed (a plugin that says `tryfirst` itself comes before)."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING, Any

from jixiao.hookspecs import hookimpl
from jixiao.kit import Aftercare

from .extractors import builtin_extractors
from .formatters import builtin_formatters
from .kinds import builtin_kinds

if TYPE_CHECKING:
    from jixiao.kit import Extractor, Formatter, Kind


@hookimpl(tryfirst=True)
def jixiao_register_kinds() -> list[Kind]:
    return builtin_kinds()


@hookimpl(tryfirst=True)
def jixiao_register_extractors() -> list[Extractor]:
    return builtin_extractors()


@hookimpl(tryfirst=True)
def jixiao_register_formatters() -> list[Formatter]:
    return builtin_formatters()


def _merge(setting: Any) -> Any:
    from .aftercare import SarifMerge  # (loaded when a run merges, not at start-up)

    return SarifMerge(setting)


def _baseline(setting: Any) -> Any:
    from .aftercare import Baseline

    return Baseline(setting)


@hookimpl(tryfirst=True)
def jixiao_register_aftercare() -> list[Aftercare]:
    return [
        Aftercare("merge", _merge, order=10, whole_batch=True,
                  description="Other validators' SARIF findings folded into the results of the files they name"),
        Aftercare("baseline", _baseline, order=90,
                  description="Findings a baseline file accepted moved to the result's suppressed findings"),
    ]


@hookimpl(tryfirst=True)
def jixiao_rule_packs() -> list[str]:
    folder = resources.files("jixiao.rules")
    return sorted(str(entry) for entry in folder.iterdir() if entry.name.endswith(".yaml"))
