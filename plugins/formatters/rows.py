"""One row per finding, the shape of the csv and xlsx formats: source, department, fiscal year,
rule id, category, severity, message, line, stated, computed."""

from __future__ import annotations

from typing import Any, Iterator

from jixiao.model import AuditBatch, iter_findings

from .labels import category_label, label, severity_label

COLUMNS = ("source", "department", "fiscal_year", "rule_id", "category", "severity", "message", "line",
           "stated", "computed")


def headers(lang: str) -> list[str]:
    return [label(f"col.{column}", lang) for column in COLUMNS]


def _value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ~ ".join(_value(item) for item in value)
    return str(value)


def rows(batch: AuditBatch) -> Iterator[list[Any]]:
    """Rows in batch order: None where a report states no department or year, or a finding has no line."""
    lang = batch.lang
    for result, finding in iter_findings(batch.results):
        values = finding.to_dict()["values"]
        yield [
            result.source,
            result.department,
            result.fiscal_year,
            finding.rule_id,
            category_label(finding.category, lang),
            severity_label(finding.severity, lang),
            finding.message,
            finding.location.line if finding.location else None,
            _value(values.get("stated")),
            _value(values.get("computed")),
        ]
