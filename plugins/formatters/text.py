"""Human-readable text, grouped by report; colour only when writing to a terminal."""

from __future__ import annotations

from typing import Any, TextIO

from jixiao.kit import AuditBatch, AuditResult, counted_once, status_label, text

from .rows import place as where_in

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def _paint(value: str, style: str, colour: bool) -> str:
    return f"{style}{value}{_RESET}" if colour else value


_STATUS_COLOURS = {"passed": "\033[32m", "warnings": "\033[33m", "errors": "\033[31m", "not_checked": "\033[1;31m",
                   "unreadable": "\033[1;31m"}


def shown(result: AuditResult, quiet: bool) -> bool:
    """--quiet leaves out the reports that passed (the summary still counts them)."""
    return not quiet or result.status != "passed"


def write_result(result: AuditResult, stream: TextIO, lang: str = "zh", colour: bool = False,
                 quiet: bool = False) -> None:
    """One report: its header, its findings (--quiet: warnings and errors only), and its status."""
    header = result.source
    details = [d for d in (result.department, f"{result.fiscal_year}" if result.fiscal_year else None) if d]
    if details:
        header += f"  ({' · '.join(details)})"
    if result.packs:
        header += "  [" + ", ".join(f"{p['name']} {p['version']}".strip() for p in result.packs) + "]"
    stream.write(_paint(header, _BOLD, colour) + "\n")
    counts = result.rule_counts
    status = result.status
    document = next((f.values.get("shown") or f.values.get("document") for f in result.findings
                     if f.category == "extraction" and f.values.get("problem") == "not_a_self_evaluation"), None)
    if document and status == "not_checked":  # a 监控 report, a 绩效目标申报表 …: what it is, not what it lacks
        stream.write(f"  {text('text.other_document', lang, document=document)}\n")
    elif result.rule_runs and counts["skipped"] == len(result.rule_runs):
        stream.write(f"  {text('text.nothing_checked', lang, skipped=counts['skipped'])}\n")
    elif status == "not_checked" and result.rule_runs:
        stream.write(f"  {text('text.not_checked', lang, evaluated=result.evaluated, minimum=result.min_evaluated)}\n")
    elif not result.findings and not quiet:
        stream.write(f"  {text('text.no_findings', lang)}\n")
    for finding in result.findings:
        if quiet and finding.severity not in ("error", "warning"):
            continue
        place = where_in(result, finding.location, lang)
        severity = _paint(text(f"severity.{finding.severity}", lang), _COLOURS.get(finding.severity, ""), colour)
        stream.write(f"  {place:<8} {severity}  {finding.rule_id}  {finding.message}\n")
        location = finding.location
        if location and (location.quote or location.label):
            shown = f"{location.label}：{location.quote}" if location.label else (location.quote or "")
            if location.ocr:
                shown += text("text.ocr_picture" if location.picture else "text.ocr", lang)
            stream.write(_paint(f"           │ {shown}", _DIM, colour) + "\n")
    verdict = _paint(text("text.status", lang, status=status_label(status, lang)), _STATUS_COLOURS[status], colour)
    if result.rule_runs:
        verdict += f"（{text('text.rules', lang, **counts)}）" if lang == "zh" else f" ({text('text.rules', lang, **counts)})"
    stream.write(f"  {verdict}\n")


def write(batch: AuditBatch, stream: TextIO, options: dict[str, Any] | None = None) -> None:
    options = options or {}
    colour = bool(options.get("colour"))
    quiet = bool(options.get("quiet"))
    summary = options.get("summary", True)
    # one pass: a generator where the CLI hands one (one_pass), counted as it is read where a summary is wanted
    results, counts = counted_once(batch) if summary else (batch.results, batch.summary)
    first = True
    for result in results:
        if not shown(result, quiet):
            continue
        if not first:
            stream.write("\n")
        first = False
        write_result(result, stream, batch.lang, colour, quiet)
    if summary:
        stream.write("\n" + text("text.summary", batch.lang, **counts()) + "\n")
