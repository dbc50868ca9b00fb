"""The hooks a jixiao plugin implements (pluggy project name `jixiao`, entry-point group `jixiao`).

A plugin is a module or object with functions decorated by `jixiao.hookimpl`. Built-in kinds,
extractors and formatters are registered through these same hooks by `jixiao.plugins.builtin`.
"""

from __future__ import annotations

import pluggy

PROJECT = "jixiao"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def jixiao_register_kinds() -> list:
    """Return the rule kinds this plugin provides, a list of `jixiao.Kind`.

    Called once when the plugin manager starts. Each kind has a unique name, a JSON Schema for the
    parameters a rule of that kind takes, and a check function `(report, rule, ctx) -> Iterable[Finding]`.
    """


@hookspec
def jixiao_register_extractors() -> list:
    """Return the extractors this plugin provides, a list of `jixiao.Extractor`.

    Called once at start-up. An extractor claims file suffixes and turns a source file into a report
    (a dict) with provenance for each value it found.
    """


@hookspec
def jixiao_register_formatters() -> list:
    """Return the output formats this plugin provides, a list of `jixiao.Formatter`."""


@hookspec
def jixiao_rule_packs() -> list:
    """Return paths of YAML rule packs this plugin ships; they become available by their `pack` name."""


@hookspec
def jixiao_report_loaded(report: dict, source: str) -> None:
    """Called for every report after it is loaded and before it is validated; may enrich it in place."""


@hookspec
def jixiao_findings_ready(report: dict, source: str, findings: list) -> None:
    """Called for every report with its findings before they are sorted and counted.

    An implementation may remove, add or change findings in place (baselines, local suppressions).
    """
