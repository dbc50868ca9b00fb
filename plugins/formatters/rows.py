"""The rows of the csv and xlsx formats.

Findings, one row each: source, department, fiscal year, the report's status, rule id and title,
category, severity, message, where the finding is — page (PDF); picture (a form pasted as a picture, read by
OCR); line, or paragraph (段落) in a Word file; table, row and column of a table cell; a spreadsheet's sheet!cell —
then stated and computed.
Reports, one row each (clean ones too): status, findings by severity, rules by outcome.
Departments, one row each: reports, reports by status, errors and warnings.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any
from collections.abc import Iterator

from jixiao.kit import (AuditBatch, AuditResult, DEPARTMENT_FIELDS, Finding, Location, REPORT_STATUSES, SEVERITIES,
                        aggregates, where)

from .labels import category_label, label, rule_title, severity_label, status_text

LOCATION_COLUMNS = ("page", "picture", "line", "paragraph", "table", "table_row", "table_col", "cell")
FINDING_COLUMNS = ("source", "department", "fiscal_year", "status", "rule_id", "rule_title", "category", "severity",
                   "message", *LOCATION_COLUMNS, "stated", "computed")
COUNT_COLUMNS = ("error", "warning", "info", "rules_passed", "rules_failed", "rules_skipped", "rules_errored")
REPORT_COLUMNS = ("source", "department", "fiscal_year", "status", *COUNT_COLUMNS)
DEPARTMENT_COLUMNS = ("department", "reports", *(f"status.{s}" for s in REPORT_STATUSES), "error", "warning")
assert DEPARTMENT_COLUMNS[1:] == tuple(f"status.{f}" if f in REPORT_STATUSES else f for f in DEPARTMENT_FIELDS)
# the csv holds both: a `report` row per report (status and counts), then a `finding` row per finding
CSV_COLUMNS = ("row_type", *FINDING_COLUMNS, *COUNT_COLUMNS)
COLUMNS = FINDING_COLUMNS
# sources whose lines are paragraphs (Word, a web page: neither shows line numbers), by extractor and by suffix
PARAGRAPH_EXTRACTORS = ("docx", "html")
WORD_SUFFIXES = (".docx", ".docm", ".html", ".htm", ".xhtml", ".mht", ".mhtml")
TEXT_SUFFIXES = (".txt", ".md", ".markdown")


def _header(column: str, lang: str) -> str:
    if column.startswith("status."):
        return status_text(column.split(".", 1)[1], lang)
    return label(f"col.{column}", lang)


def headers(lang: str, columns: tuple[str, ...] = FINDING_COLUMNS) -> list[str]:
    return [_header(column, lang) for column in columns]


def is_word(result: AuditResult, location: Location) -> bool:
    """A place in a Word document or a web page: its lines are paragraphs (neither shows line numbers)."""
    artifact = location.artifact or result.artifact
    return result.extractor in PARAGRAPH_EXTRACTORS or PurePath(artifact).suffix.lower() in WORD_SUFFIXES


def is_text(result: AuditResult, location: Location) -> bool:
    """A place in a plain-text file (.txt, .md): an editor numbers its lines, so a line finds even a table cell."""
    artifact = location.artifact or result.artifact
    return result.extractor in ("text", "markdown") or PurePath(artifact).suffix.lower() in TEXT_SUFFIXES


def place(result: AuditResult, location: Location | None, lang: str) -> str:
    """`where` a finding is, told as its source is read: a Word paragraph, a text file's line (before the
    table cell it holds), a PDF page, a sheet's cell."""
    if location is None:
        return where(None, lang)
    return where(location, lang, paragraphs=is_word(result, location), text_lines=is_text(result, location))


def location_cells(result: AuditResult, location: Location | None) -> dict[str, Any]:
    """The location columns of one finding: None where they do not apply."""
    cells: dict[str, Any] = dict.fromkeys(LOCATION_COLUMNS)
    if location is None:
        return cells
    cells["page"], cells["picture"] = location.page, location.picture
    in_sheet = bool(location.sheet or location.cell)
    if location.sheet and location.cell:
        cells["cell"] = f"{location.sheet}!{location.cell}"
    elif location.cell:
        cells["cell"] = location.cell
    cells["table"], cells["table_row"], cells["table_col"] = location.table, location.row, location.col
    if is_word(result, location):
        if not location.table or location.picture:  # a table cell in Word is found by its table, row and column
            cells["paragraph"] = location.line
    elif not in_sheet:
        cells["line"] = location.line
    return cells


def _value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ~ ".join(_value(item) for item in value)
    return str(value)


def finding_row(batch: AuditBatch, result: AuditResult, finding: Finding) -> dict[str, Any]:
    lang = batch.lang
    values = finding.to_dict()["values"]
    return {
        "source": result.source,
        "department": result.department,
        "fiscal_year": result.fiscal_year,
        "status": status_text(result.status, lang),
        "rule_id": finding.rule_id,
        "rule_title": rule_title(finding.rule_id, batch.rules, lang, default=None),
        "category": category_label(finding.category, lang),
        "severity": severity_label(finding.severity, lang),
        "message": finding.message,
        **location_cells(result, finding.location),
        "stated": _value(values.get("stated")),
        "computed": _value(values.get("computed")),
    }


def report_row(batch: AuditBatch, result: AuditResult) -> dict[str, Any]:
    counts, rules = result.counts, result.rule_counts
    return {
        "source": result.source,
        "department": result.department,
        "fiscal_year": result.fiscal_year,
        "status": status_text(result.status, batch.lang),
        **{severity: counts.get(severity, 0) for severity in SEVERITIES},
        **{f"rules_{outcome}": n for outcome, n in rules.items()},
    }


def rows(batch: AuditBatch) -> Iterator[list[Any]]:
    """A row per finding in batch order (FINDING_COLUMNS): None where a report states no department or
    year, or a finding has no such place."""
    for result in batch.results:
        for finding in result.findings:
            row = finding_row(batch, result, finding)
            yield [row[column] for column in FINDING_COLUMNS]


def report_rows(batch: AuditBatch) -> Iterator[list[Any]]:
    """A row per report (REPORT_COLUMNS), clean ones too."""
    for result in batch.results:
        row = report_row(batch, result)
        yield [row[column] for column in REPORT_COLUMNS]


def csv_rows(batch: AuditBatch) -> Iterator[list[Any]]:
    """CSV_COLUMNS: for each report a `report` row (status, counts), then a `finding` row per finding."""
    for result in batch.results:
        row = report_row(batch, result)
        yield [row.get(column) if column != "row_type" else "report" for column in CSV_COLUMNS]
        for finding in result.findings:
            row = finding_row(batch, result, finding)
            yield [row.get(column) if column != "row_type" else "finding" for column in CSV_COLUMNS]


def department_rows(batch: AuditBatch) -> Iterator[list[Any]]:
    """A row per department (DEPARTMENT_COLUMNS), by name; reports naming none last."""
    unknown = label("html.unknown_department", batch.lang)
    table = aggregates(batch.results).departments  # counted as the results arrived (or now, in one pass)
    for department in sorted(table, key=lambda name: (name is None, name or "")):
        yield [department if department is not None else unknown, *table[department]]
