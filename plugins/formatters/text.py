"""Human-readable text, grouped by report; colour only when writing to a terminal."""

from __future__ import annotations

from typing import Any, TextIO

from jixiao.i18n import text, where
from jixiao.model import AuditBatch, AuditResult
from jixiao.registry import Formatter

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def _paint(value: str, style: str, colour: bool) -> str:
    return f"{style}{value}{_RESET}" if colour else value


def write_result(result: AuditResult, stream: TextIO, lang: str = "zh", colour: bool = False) -> None:
    header = result.source
    details = [d for d in (result.department, f"{result.fiscal_year}" if result.fiscal_year else None) if d]
    if details:
        header += f"  ({' · '.join(details)})"
    if result.packs:
        header += "  [" + ", ".join(f"{p['name']} {p['version']}".strip() for p in result.packs) + "]"
    stream.write(_paint(header, _BOLD, colour) + "\n")
    counts = result.rule_counts
    if result.rule_runs and counts["skipped"] == len(result.rule_runs):
        stream.write(f"  {text('text.nothing_checked', lang, skipped=counts['skipped'])}\n")
    elif not result.findings:
        stream.write(f"  {text('text.no_findings', lang)}\n")
    for finding in result.findings:
        place = where(finding.location, lang)
        severity = _paint(text(f"severity.{finding.severity}", lang), _COLOURS.get(finding.severity, ""), colour)
        stream.write(f"  {place:<8} {severity}  {finding.rule_id}  {finding.message}\n")
        location = finding.location
        if location and (location.quote or location.label):
            shown = f"{location.label}：{location.quote}" if location.label else location.quote
            stream.write(_paint(f"           │ {shown}", _DIM, colour) + "\n")
    if result.rule_runs:
        stream.write(f"  {text('text.rules', lang, **result.rule_counts)}\n")


def write(batch: AuditBatch, stream: TextIO, options: dict[str, Any] | None = None) -> None:
    options = options or {}
    colour = bool(options.get("colour"))
    for index, result in enumerate(batch.results):
        if index:
            stream.write("\n")
        write_result(result, stream, batch.lang, colour)
    if options.get("summary", True):
        stream.write("\n" + text("text.summary", batch.lang, **batch.summary()) + "\n")


FORMATTERS = [Formatter("text", ".txt", write, "Text for reviewers, grouped by report (default)")]
