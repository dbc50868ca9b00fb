"""An Excel workbook (openpyxl) of three sheets, each with a frozen header row and filters:
审核发现 (one row per finding, with its page, line or Word paragraph, table cell or sheet cell),
报告 (one row per report, clean ones too: status and counts) and 部门汇总 (one row per department:
reports, reports by status, errors, warnings).

Stated and computed figures are numbers shown with their stated decimals (49.90 stays 49.90);
text is always stored as text, never as a formula. The bytes are stable: the workbook's
created/modified properties and every zip entry's date are fixed.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, BinaryIO

from jixiao.model import AuditBatch
from jixiao.registry import Formatter
from jixiao.text_safety import xml_safe

from .labels import label
from .rows import DEPARTMENT_COLUMNS, FINDING_COLUMNS, REPORT_COLUMNS, department_rows, headers, report_rows, rows

FIXED_TIME = datetime(2000, 1, 1)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
WIDTHS = {"source": 36, "department": 24, "fiscal_year": 8, "status": 10, "rule_id": 16, "rule_title": 20,
          "category": 12, "severity": 10, "message": 80, "page": 6, "line": 8, "paragraph": 8, "table": 6,
          "table_row": 8, "table_col": 8, "cell": 14, "stated": 12, "computed": 12, "reports": 8}
NUMERIC = frozenset({"stated", "computed"})


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


def workbook(batch: AuditBatch):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE6F0")
    wrap = Alignment(wrap_text=True, vertical="top")

    def fill(sheet, columns: tuple[str, ...], lines) -> None:
        sheet.append(headers(batch.lang, columns))
        for cell in sheet[1]:
            cell.font = header_font
            cell.fill = header_fill
        for row_number, row in enumerate(lines, start=2):
            for column_number, (column, value) in enumerate(zip(columns, row), start=1):
                if value is None or value == "":
                    continue
                cell = sheet.cell(row=row_number, column=column_number)
                parsed = _number(value) if column in NUMERIC and isinstance(value, str) else None
                if parsed is not None:
                    cell.value, cell.number_format = parsed
                elif isinstance(value, str):
                    cell.value = xml_safe(value)  # a control character would make openpyxl refuse the cell
                    cell.data_type = "s"  # never a formula, whatever the text starts with
                else:
                    cell.value = value
                if column == "message":
                    cell.alignment = wrap
        for column_number, column in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(column_number)].width = WIDTHS.get(column, 10)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(sheet.max_row, 1)}"

    findings = book.active
    findings.title = label("sheet.findings", batch.lang)
    fill(findings, FINDING_COLUMNS, rows(batch))
    fill(book.create_sheet(label("sheet.reports", batch.lang)), REPORT_COLUMNS, report_rows(batch))
    fill(book.create_sheet(label("sheet.departments", batch.lang)), DEPARTMENT_COLUMNS, department_rows(batch))
    properties = book.properties
    properties.creator = "jixiao"
    properties.title = "jixiao findings" if batch.lang == "en" else "绩效自评报告审核发现"
    properties.created = FIXED_TIME
    properties.modified = FIXED_TIME
    properties.lastModifiedBy = None
    return book


def to_xlsx(batch: AuditBatch) -> bytes:
    from openpyxl.writer.excel import ExcelWriter

    book = workbook(batch)
    raw = io.BytesIO()
    archive = zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(book, archive).save()  # unlike openpyxl's save_workbook, keeps our fixed `modified`
    return _fixed_dates(raw.getvalue())


def _fixed_dates(data: bytes) -> bytes:
    """The same zip with every entry dated ZIP_TIME, so two runs give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0  # the same bytes on every operating system
            fixed.external_attr = 0
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def write(batch: AuditBatch, stream: BinaryIO, options: dict[str, Any] | None = None) -> None:
    stream.write(to_xlsx(batch))


FORMATTERS = [Formatter("xlsx", ".xlsx", write, "Excel workbook: findings, reports and departments sheets (frozen header, filters)",
                        binary=True)]
