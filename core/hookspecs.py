"""The hooks a jixiao plugin implements (pluggy project name `jixiao`, entry-point group `jixiao`).

A plugin is a module or object with functions decorated by `jixiao.hookimpl`. Built-in kinds,
extractors, formatters and aftercare steps (merge, baseline) are registered through these same hooks by
`jixiao.plugins.builtin`.

After a plugin loads, a function named like a hook that is none (`jixiao_register_kind`) is reported by
`jixiao plugins` and by `jixiao check`, naming the plugin and the closest hook. Registration hooks are
called in pluggy's order: `tryfirst` first, then the plugins loaded last, `trylast` last (the built-ins
say `tryfirst`); the first kind or formatter of a name wins. What a registration hook returns is checked:
an item of the wrong type, or a kind whose `params` is not a valid JSON Schema, is reported and left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from pathlib import Path

    from .model import Finding
    from .registry import Aftercare, Extractor, Formatter, Kind

PROJECT = "jixiao"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def jixiao_register_kinds() -> list[Kind]:
    """Return the rule kinds this plugin provides, a list of `jixiao.Kind`.

    Called once when the plugin manager starts. Each kind has a unique name, a JSON Schema for the
    parameters a rule of that kind takes, and `compile(rule) -> CompiledRule`, called once per rule when
    its pack loads; the compiled rule's `check(ctx)` returns the findings for one report, or
    `jixiao.kit.Skipped`. A kind that raises or returns anything else gives one `internal` finding for
    that rule; no other finding is lost. (A kind with `check(report, rule, ctx)` instead still works.)

    Each kind's `params` is checked with `check_schema` here: a kind whose schema is invalid, or an item
    that is not a `Kind`, is reported as a plugin problem and left out. Registration hooks run in pluggy's
    order (`tryfirst` first, then the plugins loaded last, `trylast` last; the built-ins say `tryfirst`),
    and the first kind of a name wins. A function named like a hook that does not exist
    (`jixiao_register_kind`) is reported by `jixiao plugins` and `jixiao check`, never ignored in silence.
    """


@hookspec
def jixiao_register_extractors() -> list[Extractor]:
    """Return the extractors this plugin provides, a list of `jixiao.Extractor`.

    Called once at start-up. An extractor claims file suffixes and turns a source file into a report
    (a dict) with provenance for each value it found.
    """


@hookspec
def jixiao_register_formatters() -> list[Formatter]:
    """Return the output formats this plugin provides, a list of `jixiao.Formatter`."""


@hookspec
def jixiao_register_aftercare() -> list[Aftercare]:
    """Return the aftercare steps this plugin provides, a list of `jixiao.kit.Aftercare`.

    Called once at start-up. A step is named by the run that uses it (`jixiao.check(..., aftercare={name:
    setting})`; the built-in `baseline` and `merge` are what `--baseline` and `--merge` use), made once per run
    by its `start(setting)`, and sees every result of the run before it is written. The first step of a name wins.
    """


@hookspec
def jixiao_rule_packs() -> list[str | Path]:
    """Return paths of YAML rule packs this plugin ships; they become available by their `pack` name."""


@hookspec
def jixiao_report_loaded(report: dict[str, Any], source: str) -> None:
    """Called for every report after it is loaded and before it is validated; may enrich it in place.
    (Not called at all while no plugin implements it.)"""


@hookspec
def jixiao_findings_ready(report: dict[str, Any], source: str, findings: list[Finding]) -> None:
    """Called for every report with its findings before they are sorted and counted.

    An implementation may remove, add or change findings in place (local suppressions). It runs where the
    rules run (a worker process, a Dask worker) and only for a report that was read; a step that must see every
    result of a run, or move findings to `suppressed`, is an aftercare step (`jixiao_register_aftercare`).
    """
