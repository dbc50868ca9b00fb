"""CSV, UTF-8 with a byte-order mark so Excel opens Chinese text correctly. One file, two kinds of
row told apart by the first column (`row_type`): a `report` row for every report, clean ones too
(its status and counts), followed by a `finding` row for each of its findings (rule, severity,
message, page / line or Word paragraph / table cell / sheet cell, stated and computed figures).

A text cell that starts with = + - @ (or a tab or carriage return) is prefixed with ' so a
spreadsheet never runs it as a formula: department names and file names come from the reports.
"""

from __future__ import annotations

import csv
import io
from typing import Any, BinaryIO

from jixiao.model import AuditBatch
from jixiao.registry import Formatter

from .rows import CSV_COLUMNS, csv_rows, headers

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _is_number(value):
        return "'" + value
    return value


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return value.strip() == value


def to_csv(batch: AuditBatch) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers(batch.lang, CSV_COLUMNS))
    for row in csv_rows(batch):
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def write(batch: AuditBatch, stream: BinaryIO, options: dict[str, Any] | None = None) -> None:
    stream.write(to_csv(batch))


FORMATTERS = [Formatter("csv", ".csv", write, "CSV, a row per report and per finding (UTF-8 with BOM, opens in Excel)", binary=True)]
