"""CSV, UTF-8 with a byte-order mark so Excel opens Chinese text correctly. One file, two kinds of
row told apart by the first column (`row_type`): a `report` row for every report, clean ones too
(its status and counts), followed by a `finding` row for each of its findings (rule, severity,
message, page / line or Word paragraph / table cell / sheet cell, stated and computed figures).

A text cell that starts with = + - @ (or a tab or carriage return) is prefixed with ' so a
spreadsheet never runs it as a formula: department names and file names come from the reports.
"""

from __future__ import annotations

import codecs
import csv
import io
from typing import Any, BinaryIO

from jixiao.kit import AuditBatch

from .rows import CSV_COLUMNS, csv_rows, headers

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BLOCK = 1 << 16


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
    """The whole file as bytes (in memory: for a small batch; `write` streams)."""
    buffer = io.BytesIO()
    write(batch, buffer)
    return buffer.getvalue()


def write(batch: AuditBatch, stream: BinaryIO, options: dict[str, Any] | None = None) -> None:
    """Row by row as the batch is read, in blocks of about BLOCK characters."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers(batch.lang, CSV_COLUMNS))
    stream.write(codecs.BOM_UTF8)
    for row in csv_rows(batch):
        writer.writerow([_cell(value) for value in row])
        if buffer.tell() >= BLOCK:
            stream.write(buffer.getvalue().encode("utf-8"))
            buffer.seek(0)
            buffer.truncate()
    stream.write(buffer.getvalue().encode("utf-8"))
