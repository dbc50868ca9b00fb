"""An Excel workbook (openpyxl) of three sheets, each with a frozen header row and filters:
审核发现 (one row per finding, with its page, picture, line or Word paragraph, table cell or sheet cell),
报告 (one row per report, clean ones too: status and counts) and 部门汇总 (one row per department:
reports, reports by status, errors, warnings).

Stated and computed figures are numbers shown with their stated decimals (49.90 stays 49.90);
text is always stored as text, never as a formula. The bytes are stable: the workbook's
created/modified properties and every zip entry's date are fixed.
"""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from datetime import datetime
from decimal import Decimal, InvalidOperation
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, BinaryIO

from jixiao.kit import AuditBatch, aggregates, counted_batch, output_error, xml_safe

if TYPE_CHECKING:
    from openpyxl import Workbook

from .labels import label
from .rows import DEPARTMENT_COLUMNS, FINDING_COLUMNS, REPORT_COLUMNS, department_rows, headers, report_rows, rows

FIXED_TIME = datetime(2000, 1, 1)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
WIDTHS = {"source": 36, "department": 24, "fiscal_year": 8, "status": 10, "rule_id": 16, "rule_title": 20,
          "category": 12, "severity": 10, "message": 80, "page": 6, "picture": 6, "line": 8, "paragraph": 8, "table": 6,
          "table_row": 8, "table_col": 8, "cell": 14, "stated": 12, "computed": 12, "reports": 8}
NUMERIC = frozenset({"stated", "computed"})
BLOCK = 1 << 16


def _number(value: str) -> tuple[float, str] | None:
    """A figure as a number and the Excel format that shows its stated decimals."""
    try:
        decimal = Decimal(value)
    except (InvalidOperation, ValueError):
        return None
    if not decimal.is_finite() or value.strip() != value or "e" in value.lower():
        return None
    exponent = decimal.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return float(decimal), "0" if places == 0 else "0." + "0" * places


def workbook(batch: AuditBatch) -> Workbook:
    """A write-only workbook (openpyxl `write_only=True`): each sheet's rows go to a temporary file as
    they are made, sheet after sheet (the batch is read once for the findings, once for the reports;
    the departments come from its counts), and the workbook holds none of them."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    batch = counted_batch(batch)
    book = Workbook(write_only=True)
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE6F0")
    wrap = Alignment(wrap_text=True, vertical="top")

    # `sheet` is Any: a WriteOnlyWorksheet, which `create_sheet` returns as Any in types-openpyxl, and whose stub
    # lacks the attributes it borrows from Worksheet (column_dimensions, auto_filter, calculate_dimension)
    def fill(sheet: Any, columns: tuple[str, ...], lines: Iterable[list[Any]], total: int) -> None:
        """`total` rows (besides the header): known from the batch's counts, for the sheet's dimension."""
        # all before the first row, in write-only mode
        last = f"{get_column_letter(len(columns))}{total + 1}"
        sheet.calculate_dimension = lambda: f"A1:{last}"  # what a full worksheet states: readers size by it
        for column_number, column in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(column_number)].width = WIDTHS.get(column, 10)
        sheet.freeze_panes = "A2"
        header = []
        for name in headers(batch.lang, columns):
            cell = WriteOnlyCell(sheet, name)
            cell.font = header_font
            cell.fill = header_fill
            header.append(cell)
        sheet.append(header)
        count = 1
        for row in lines:
            cells: list[Any] = []
            for column, value in zip(columns, row, strict=False):
                if value is None or value == "":
                    cells.append(None)
                    continue
                parsed = _number(value) if column in NUMERIC and isinstance(value, str) else None
                if parsed is not None:
                    cell = WriteOnlyCell(sheet, parsed[0])
                    cell.number_format = parsed[1]
                elif isinstance(value, str):
                    value = xml_safe(value)  # a control character would make openpyxl refuse the cell
                    if column != "message" and not (value.startswith("=") or value in ERROR_CODES):
                        cells.append(value)  # stored as text as it is
                        continue
                    cell = WriteOnlyCell(sheet, value)
                    cell.data_type = "s"  # never a formula (or an error value), whatever the text is
                elif column != "message":
                    cells.append(value)
                    continue
                else:
                    cell = WriteOnlyCell(sheet, value)
                if column == "message":
                    cell.alignment = wrap
                cells.append(cell)
            sheet.append(cells)
            count += 1
        if count != total + 1:
            raise ValueError(f"xlsx: {count - 1} rows where the counts said {total}")
        sheet.auto_filter.ref = f"A1:{last}"  # written after the rows

    counted = aggregates(batch.results)
    fill(book.create_sheet(label("sheet.findings", batch.lang)), FINDING_COLUMNS, rows(batch),
         sum(counted.severities.values()))
    fill(book.create_sheet(label("sheet.reports", batch.lang)), REPORT_COLUMNS, report_rows(batch), counted.reports)
    fill(book.create_sheet(label("sheet.departments", batch.lang)), DEPARTMENT_COLUMNS, department_rows(batch),
         len(counted.departments))
    properties = book.properties
    properties.creator = "jixiao"
    properties.title = "jixiao findings" if batch.lang == "en" else "绩效自评报告审核发现"
    properties.created = FIXED_TIME
    properties.modified = FIXED_TIME
    properties.lastModifiedBy = None
    return book


def to_xlsx(batch: AuditBatch) -> bytes:
    """The whole workbook as bytes (in memory: for a small batch; `write` streams)."""
    buffer = io.BytesIO()
    write(batch, buffer)
    return buffer.getvalue()


def _fixed_dates(data: bytes) -> bytes:
    """The same zip with every entry dated ZIP_TIME, so two runs give the same bytes."""
    out = io.BytesIO()
    _fix_dates(io.BytesIO(data), out)
    return out.getvalue()


def _fix_dates(data: BinaryIO, out: BinaryIO) -> None:
    """`_fixed_dates` from one seekable file to another, entry by entry in blocks."""
    with zipfile.ZipFile(data) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0  # the same bytes on every operating system
            fixed.external_attr = 0
            fixed.file_size = info.file_size  # as writestr would know it (it decides on zip64)
            with source.open(info) as entry, target.open(fixed, "w") as copy:
                shutil.copyfileobj(entry, copy, BLOCK)


def write(batch: AuditBatch, stream: BinaryIO, options: dict[str, Any] | None = None) -> None:
    """The workbook is assembled in temporary files (openpyxl's sheets, its zip, the zip with fixed
    dates), then copied to `stream` in blocks: never whole in memory."""
    from openpyxl.writer.excel import ExcelWriter

    with tempfile.TemporaryFile() as raw, tempfile.TemporaryFile() as fixed:
        try:
            book = workbook(batch)
            archive = zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
            ExcelWriter(book, archive).save()  # unlike openpyxl's save_workbook, keeps our fixed `modified`
            raw.seek(0)
            _fix_dates(raw, fixed)
            fixed.seek(0)
        except OSError as exc:  # a full temporary folder: as clear as a full disk for the output itself
            raise output_error(tempfile.gettempdir(), exc) from None
        while block := fixed.read(BLOCK):
            stream.write(block)
