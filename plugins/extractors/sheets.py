"""Excel workbooks (.xlsx with openpyxl, .xls with xlrd) as tables: one `Table` per visible worksheet.

Why openpyxl and xlrd and not python-calamine, which reads faster: calamine gives a cell's value but not its
number format, and a 自评表 is checked on the figures as the department sees them. A budget typed as 10 in a
cell formatted `0.00` shows as 10.00; an execution rate stored as the fraction 0.9167 in a `0.00%` cell shows
as 91.67%; without the format the first loses its stated precision and the second reads as 0.9167, a figure
no reviewer saw. openpyxl (not in read-only mode, which drops merged ranges) and xlrd with
`formatting_info=True` give the format of every cell and the merged ranges; the text is then formatted here
with `decimal` (the shortest repr of the float, rounded half-up), never with float formatting that can round
2.675 down.

A formula whose result was never saved (a file written by a program, not by Excel) has no value to read: its
cell is "" with `problem="formula_without_value"`, and a finding asks for the file to be opened and saved in
Excel. An encrypted, corrupt or oversized workbook is an `InputError` saying what to do, never a traceback.
"""

from __future__ import annotations

import datetime as _dt
import html
import io
import re
import warnings
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from posixpath import dirname, join, normpath
from typing import TYPE_CHECKING, Any, Literal
from xml.etree import ElementTree

from jixiao.kit import Finding, InputError

from .lazyre import guarded
from .messages import message
from .normalize import SourceLine
from .pictures import Picture, large_enough, loader
from .tables import Cell, Document, Table

if TYPE_CHECKING:
    from xlrd.sheet import Sheet

_MAX_MEMBER = 64 * 1024 * 1024  # declared uncompressed bytes of one zip member (zipfile never reads past it)
_MAX_ROWS = 65536  # a 自评表 has dozens of rows; these bound a sheet with one stray value far away
_MAX_COLUMNS = 256
_MAX_SLOTS = 1_000_000
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")

_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


# -- entry points -------------------------------------------------------------------------------------------

def xlsx_document(path: str, data: bytes, lang: str = "zh", only_active: bool = False) -> Document:
    """An .xlsx (or .xlsm) workbook; an old binary workbook saved under an .xlsx name is read as .xls. With
    `only_active`, its active sheet alone (what a workbook embedded in a Word file shows)."""
    if not data:
        raise _unreadable(path, lang, "workbook_empty")
    if data.startswith(_OLE_MAGIC):
        return xls_document(path, data, lang, only_active)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # BadZipFile, NotImplementedError ("zip file version 18.7"), EOFError, OSError...
        raise _unreadable(path, lang, "workbook_broken", detail=_short(exc)) from None
    with archive:
        _check_archive(archive, path, lang)
        import openpyxl

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "Data Validation extension is not supported" and the like
                book = openpyxl.load_workbook(io.BytesIO(data), data_only=True, keep_links=False, rich_text=False)
        except InputError:
            raise
        except Exception as exc:  # a third-party parser on untrusted bytes: any failure means a broken file
            raise _unreadable(path, lang, "workbook_broken", detail=_short(exc)) from None
        pending = _formulas_without_value(archive, path, lang)
        drawn = _sheet_pictures(archive, path, lang)
    tables: list[Table] = []
    findings: list[Finding] = []
    pictures: list[Picture] = []
    prose: list[SourceLine] = []
    try:
        for ws in book.worksheets:
            if ws.sheet_state != "visible" or only_active and ws is not book.active:
                continue
            pictures += [Picture(number, None, 0, 0, len(tables) + 1, load, ws.title, cell)
                         for number, cell, load in drawn.get(ws.title, ())]
            values: dict[tuple[int, int], tuple[str, str | None]] = {}
            for (r, c), cell in ws._cells.items():  # noqa: SLF001 - only the cells the file holds, not the range
                value = cell.value
                if value is None or value == "":
                    continue
                values[(r, c)] = (excel_text(value, cell.number_format), None)
            for r, c, typed in pending.get(ws.title, ()):
                values[(r, c)] = (typed, None) if typed else ("", "formula_without_value")
            merges = [(m.min_row, m.max_row, m.min_col, m.max_col) for m in ws.merged_cells.ranges]
            _add_sheet(tables, findings, ws.title, values, merges, lang, _xlsx_hidden(ws), prose)
    except InputError:
        raise
    except Exception as exc:
        raise _unreadable(path, lang, "workbook_broken", detail=_short(exc)) from None
    finally:
        book.close()
    for picture in pictures:  # (after its sheet's own table, or where that table would be: an empty sheet has none)
        picture.tables_before = min(picture.tables_before, len(tables))
    return Document(prose, tables, findings, pictures=pictures)


def xls_document(path: str, data: bytes, lang: str = "zh", only_active: bool = False) -> Document:
    """A binary Excel 97–2003 workbook (.xls); an .xlsx saved under an .xls name is read as .xlsx. With `only_active`,
    its active sheet alone."""
    if not data:
        raise _unreadable(path, lang, "workbook_empty")
    if data[:4] == b"PK\x03\x04":
        return xlsx_document(path, data, lang, only_active)
    if data.startswith(_OLE_MAGIC) and _ole_encrypted(data):
        raise _unreadable(path, lang, "workbook_encrypted")
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True,
                                  logfile=io.StringIO(), ragged_rows=True)
    except Exception as exc:  # xlrd raises XLRDError, CompDocError, struct.error, IndexError... on bad bytes
        text = str(exc)
        if "encrypted" in text.lower():
            raise _unreadable(path, lang, "workbook_encrypted") from None
        raise _unreadable(path, lang, "workbook_broken", detail=_short(exc)) from None
    tables: list[Table] = []
    findings: list[Finding] = []
    prose: list[SourceLine] = []
    try:
        formats = {key: fmt.format_str for key, fmt in book.format_map.items()}
        xf_format = [formats.get(xf.format_key, "General") for xf in book.xf_list]
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.visibility != 0 or only_active and not getattr(sheet, "sheet_visible", 1) and book.nsheets > 1:
                continue  # (sheet_visible: xlrd's name for the active sheet)
            values: dict[tuple[int, int], tuple[str, str | None]] = {}
            for r in range(sheet.nrows):
                types, row_values = sheet.row_types(r), sheet.row_values(r)
                for c, kind in enumerate(types):
                    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        continue
                    text = _xls_text(kind, row_values[c], sheet, r, c, xf_format, book.datemode)
                    if text != "":
                        values[(r + 1, c + 1)] = (text, None)
            merges = [(rlo + 1, rhi, clo + 1, chi) for rlo, rhi, clo, chi in sheet.merged_cells]
            hidden = (frozenset(r + 1 for r, info in sheet.rowinfo_map.items() if info.hidden),
                      frozenset(c + 1 for c, info in sheet.colinfo_map.items() if info.hidden))
            _add_sheet(tables, findings, sheet.name, values, merges, lang, hidden, prose)
            book.unload_sheet(index)
    except InputError:
        raise
    except Exception as exc:
        raise _unreadable(path, lang, "workbook_broken", detail=_short(exc)) from None
    finally:
        book.release_resources()
    return Document(prose, tables, findings)


def _xlsx_hidden(ws: Any) -> tuple[frozenset[int], frozenset[int]]:
    """The numbers of a worksheet's hidden rows and columns (a column dimension may stand for a range of them)."""
    rows = frozenset(r for r, dim in ws.row_dimensions.items() if dim.hidden)
    cols: set[int] = set()
    for dim in ws.column_dimensions.values():
        if dim.hidden and dim.min and dim.max and dim.max - dim.min < _MAX_COLUMNS * 64:
            cols.update(range(dim.min, dim.max + 1))
    return rows, frozenset(cols)


# -- the grid of one sheet ----------------------------------------------------------------------------------

def _add_sheet(tables: list[Table], findings: list[Finding], name: str,
               values: dict[tuple[int, int], tuple[str, str | None]],
               merges: list[tuple[int, int, int, int]], lang: str,
               hidden: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset()),
               prose: list[SourceLine] | None = None) -> None:
    """One sheet's table from its non-empty cells {(row, col): (text, problem)} (Excel's 1-based numbers) and
    merged ranges (min_row, max_row, min_col, max_col), spanning the used rows and columns.

    Hidden rows and columns (`hidden`: their numbers) are left out, as the sheet shows and prints without them:
    a reviewer never sees them (an indicator struck from the form, a helper column). Where they hold anything,
    an info finding names them. A merged range keeps its text where its first cell is hidden.

    A sheet a report is written in (its paragraphs in cells) is no table: its lines go to `prose` (`_prose_sheet`)."""
    hidden_rows, hidden_cols = hidden
    values = _error_values(findings, name, values, hidden_rows, hidden_cols, lang)
    anchors = values
    if hidden_rows or hidden_cols:
        _hidden_content(findings, name, values, hidden_rows, hidden_cols, lang)
        values = {(r, c): v for (r, c), v in values.items() if r not in hidden_rows and c not in hidden_cols}
        merges = [m for m in merges if any(r not in hidden_rows for r in range(m[0], m[1] + 1))
                  and any(c not in hidden_cols for c in range(m[2], m[3] + 1))]
    used = [key for key, (text, problem) in values.items() if problem or text.strip()]
    if not used:
        return
    if prose is not None and (lines := _prose_sheet(name, values)) is not None:
        for block in _grid_blocks(values):  # a table typed among the paragraphs (表1 … 项目 | 年初预算 | 全年预算 …)
            rows_of = set(block)
            _add_sheet(tables, findings, name, {key: v for key, v in values.items() if key[0] in rows_of},
                       [m for m in merges if m[0] in rows_of and m[1] in rows_of], lang)
            grid = tables[-1]
            grid.before = [line.text for line in lines if line.number < block[0] and line.table is None][-2:]
            lines = [replace(line, table=grid.index) if line.number in rows_of else line for line in lines]
        prose.extend(lines)
        return
    if len(blocks := _side_by_side(values, used, merges)) > 1:  # (two forms on one sheet, A–J and L–U: two tables)
        for first, last in blocks:
            _add_sheet(tables, findings, name, {key: v for key, v in values.items() if first <= key[1] <= last},
                       [m for m in merges if first <= m[2] and m[3] <= last], lang)
        return
    rows = [r for r, _ in used]
    cols = [c for _, c in used]
    for r1, r2, c1, c2 in merges:  # a merged title wider than the figures below it widens the table
        if (r1, c1) in anchors:
            rows.append(r2)
            cols.append(c2)
    top, bottom, left, right = min(rows), max(rows), min(cols), max(cols)
    clipped = False
    if right - left + 1 > _MAX_COLUMNS:
        right, clipped = left + _MAX_COLUMNS - 1, True
    max_rows = min(_MAX_ROWS, _MAX_SLOTS // (right - left + 1))
    if bottom - top + 1 > max_rows:
        bottom, clipped = top + max_rows - 1, True
    if clipped:
        findings.append(Finding(
            "JX-EXTRACTION", "extraction", "warning",
            message("sheet_too_large", lang, sheet=name, rows=bottom - top + 1, cols=right - left + 1), None, None,
            {"problem": "sheet_too_large", "sheet": name}))
    shown_rows = [r for r in range(top, bottom + 1) if r not in hidden_rows]
    shown_cols = [c for c in range(left, right + 1) if c not in hidden_cols]
    row_at = {r: i for i, r in enumerate(shown_rows)}
    col_at = {c: j for j, c in enumerate(shown_cols)}
    slots: list[list[Cell | None]] = [[None] * len(shown_cols) for _ in shown_rows]
    for r1, r2, c1, c2 in merges:
        span_rows = [row_at[r] for r in range(max(r1, top), min(r2, bottom) + 1) if r in row_at]
        span_cols = [col_at[c] for c in range(max(c1, left), min(c2, right) + 1) if c in col_at]
        if not span_rows or not span_cols:
            continue
        text, problem = anchors.get((r1, c1), ("", None))
        cell = _cell(name, r1, c1, text, problem, (span_rows[0], span_cols[0]))
        cell.rowspan, cell.colspan = len(span_rows), len(span_cols)
        for i in span_rows:
            row = slots[i]
            for j in span_cols:
                row[j] = cell
    for (r, c), (text, problem) in values.items():
        at, col = row_at.get(r), col_at.get(c)
        if at is not None and col is not None and slots[at][col] is None:
            slots[at][col] = _cell(name, r, c, text, problem, (at, col))
    for i, row in enumerate(slots):
        for j, slot in enumerate(row):
            if slot is None:
                row[j] = _cell(name, shown_rows[i], shown_cols[j], "", None, (i, j))
    problems = sorted((r, c) for (r, c), (_, problem) in values.items() if problem == "formula_without_value")
    if problems:
        refs = [cell_ref(r, c) for r, c in problems]
        findings.append(Finding(
            "JX-EXTRACTION", "extraction", "warning",
            message("formula_without_value", lang, sheet=name, cells=_cells_shown(refs, lang)),
            None, None, {"problem": "formula_without_value", "sheet": name, "cells": refs}))
    tables.append(Table(rows=slots, index=len(tables) + 1, sheet=name))  # type: ignore[arg-type]


def _cells_shown(refs: list[str], lang: str) -> str:
    """Cell references for a message: the first ten (C7、D7、…), then how many in all."""
    shown = ("、" if lang != "en" else ", ").join(refs[:10])
    return shown + message("more_cells", lang, count=len(refs)) if len(refs) > 10 else shown


# What a formula shows when it cannot compute (Excel's and WPS's error values, cached as the cell's result): no figure
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!",
                          "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!"})


def _error_values(findings: list[Finding], name: str, values: dict[tuple[int, int], tuple[str, str | None]],
                  hidden_rows: frozenset[int], hidden_cols: frozenset[int], lang: str,
                  ) -> dict[tuple[int, int], tuple[str, str | None]]:
    """The cells showing an error value (#DIV/0! of a rate on a zero budget, #REF! of a deleted row) hold no figure and
    no text of the department's: each is read as a cell with nothing read (`problem="error_value"`), and an info
    finding names the visible ones. They are neither the figure nor a blank the department left."""
    errors = sorted(key for key, (text, _) in values.items() if text.strip() in EXCEL_ERRORS)
    if not errors:
        return values
    shown_errors = [(r, c) for r, c in errors if r not in hidden_rows and c not in hidden_cols]
    if shown_errors:
        refs = [cell_ref(r, c) for r, c in shown_errors]
        codes = ("、" if lang != "en" else ", ").join(dict.fromkeys(values[key][0].strip() for key in shown_errors))
        findings.append(Finding(
            "JX-EXTRACTION", "extraction", "info",
            message("error_value", lang, sheet=name, cells=_cells_shown(refs, lang), codes=codes),
            None, None, {"problem": "error_value", "sheet": name, "cells": refs}))
    return {**values, **{key: ("", "error_value") for key in errors}}


# A report typed into a workbook: a paragraph a cell (merged across the sheet, or one column wide), a whole part in one
# cell with its lines broken by Alt+Enter, a heading's number in a column of its own (一、 | 基本情况).
_PARAGRAPH = 40  # characters: a cell this long holds a paragraph, not a figure, a label or a form's heading
_PROSE_SHARE = 0.6  # of a sheet's text in such cells: the sheet is a report's text, not a form with a goal or two
# a report's title (…绩效自评报告, …自评情况说明), not a sheet's notes (填报说明)
_REPORT_TITLE = re.compile(r"^.{6,}(?:报告|情况说明)(?:[（(][^）)]{0,8}[）)])?$")
_NUMBERING = re.compile(r"\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．])\s*")


def _side_by_side(values: dict[tuple[int, int], tuple[str, str | None]], used: list[tuple[int, int]],
                  merges: list[tuple[int, int, int, int]]) -> list[tuple[int, int]]:
    """The column ranges of forms set side by side on one sheet: runs of used columns with an empty column between
    them (no text, no merged range across it), each holding a form's 项目名称 (or its 部门名称) label. One range
    where the sheet is one table."""
    cols = sorted({c for _, c in used})
    covered = {c for _, _, c1, c2 in merges for c in range(c1, c2 + 1) if c2 > c1}
    runs: list[list[int]] = []
    for c in cols:
        if runs and all(k in covered for k in range(runs[-1][1] + 1, c)):
            runs[-1][1] = c
        else:
            runs.append([c, c])
    if len(runs) < 2:
        return [(cols[0], cols[-1])]
    labelled = [any(_FORM_LABEL.match(values[key][0].strip()) for key in used if first <= key[1] <= last)
                for first, last in runs]
    return [(first, last) for first, last in runs] if all(labelled) else [(cols[0], cols[-1])]


_FORM_LABEL = guarded(r"(?:项目名称|部门(?:（单位）|\(单位\))?名称|单位名称)\s*[:：]?$")


def _grid_blocks(values: dict[tuple[int, int], tuple[str, str | None]]) -> list[list[int]]:
    """The runs of two or more rows of a report's sheet that are a table's: three or more cells with text in each row,
    none of them a paragraph (项目 | 年初预算 | 全年预算 | 实际支出; 一、基本支出 | 17,124.30 | …)."""
    cells: dict[int, list[str]] = {}
    for (r, _), (text, _) in values.items():
        if text.strip():
            cells.setdefault(r, []).append(text.strip())
    gridded = sorted(r for r, texts in cells.items() if len(texts) >= 3 and all(len(t) < _PARAGRAPH for t in texts))
    blocks: list[list[int]] = []
    for r in gridded:
        if blocks and blocks[-1][-1] == r - 1:
            blocks[-1].append(r)
        else:
            blocks.append([r])
    return [block for block in blocks if len(block) >= 2]


def _prose_sheet(name: str, values: dict[tuple[int, int], tuple[str, str | None]]) -> list[SourceLine] | None:
    """The lines of a sheet a report is written in, each with its sheet and cell, or None for any other sheet."""
    texts = [text for text, _ in values.values() if text.strip()]
    long = [len(text) for text in texts if len(text.strip()) >= _PARAGRAPH]
    if len(long) < 2 or sum(long) < _PROSE_SHARE * sum(len(text) for text in texts):
        return None
    first = [values[key][0] for key in sorted(values) if values[key][0].strip()][:3]
    if not any(_REPORT_TITLE.search("".join(text.split()).split("\n")[0]) for text in first):
        return None  # (a sheet of notes on filling in the forms, 填报说明 1．本表由…: no report's title heads it)
    lines: list[SourceLine] = []
    number: tuple[str, str] | None = None  # a heading's number in a cell of its own, for the text in the next
    for (r, c) in sorted(values, key=lambda key: (key[0], key[1])):
        text = values[(r, c)][0]
        if not text.strip():
            continue
        if number is not None and number[1] != str(r):
            lines.append(SourceLine(number[0], int(number[1]), cell=(name, cell_ref(r - 1, c))))
            number = None
        if _NUMBERING.fullmatch(text):
            number = (text.strip(), str(r))
            continue
        for part in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            if not part.strip():
                continue
            if number is not None:
                part, number = number[0] + part.lstrip(), None
            lines.append(SourceLine(part, r, cell=(name, cell_ref(r, c))))
    if number is not None:
        lines.append(SourceLine(number[0], int(number[1]), cell=(name, cell_ref(int(number[1]), 1))))
    return lines


def _hidden_content(findings: list[Finding], name: str, values: dict[tuple[int, int], tuple[str, str | None]],
                    hidden_rows: frozenset[int], hidden_cols: frozenset[int], lang: str) -> None:
    """An info finding naming the hidden rows and columns of a sheet that hold something (not read)."""
    rows = sorted({r for (r, c), (text, _) in values.items() if r in hidden_rows and text.strip()})
    cols = sorted({c for (r, c), (text, _) in values.items() if c in hidden_cols and r not in hidden_rows and text.strip()})
    if not rows and not cols:
        return
    sep = "、" if lang != "en" else ", "
    parts = []
    if rows:
        parts.append(message("hidden_rows", lang, rows=sep.join(str(r) for r in rows)))
    if cols:
        parts.append(message("hidden_cols", lang, cols=sep.join(column_letters(c) for c in cols)))
    findings.append(Finding("JX-EXTRACTION", "extraction", "info",
                            message("hidden_not_read", lang, sheet=name, what=sep.join(parts)), None, None,
                            {"problem": "hidden_not_read", "sheet": name, "rows": rows,
                             "columns": [column_letters(c) for c in cols]}))


def _cell(sheet: str, r: int, c: int, text: str, problem: str | None, origin: tuple[int, int]) -> Cell:
    where = {"line": r, "column": c, "end_line": r, "end_column": c + 1, "quote": text, "sheet": sheet,
             "cell": cell_ref(r, c)}
    return Cell(text, where, origin, problem=problem)


def cell_ref(row: int, col: int) -> str:
    """Excel's name of a cell: (7, 4) → "D7"."""
    return f"{column_letters(col)}{row}"


def column_letters(col: int) -> str:
    """Excel's name of a column: 4 → "D", 27 → "AA"."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_REF = re.compile(rb"([A-Z]{1,3})([0-9]{1,7})$")


def _parse_ref(ref: bytes) -> tuple[int, int] | None:
    match = _REF.match(ref)
    if not match:
        return None
    col = 0
    for ch in match.group(1):
        col = col * 26 + ch - 64
    return int(match.group(2)), col


# -- the archive: size and DTD guards, formulas without a saved result -------------------------------------

def _check_archive(archive: zipfile.ZipFile, path: str, lang: str) -> None:
    names = set()
    for info in archive.infolist():
        names.add(info.filename)
        if info.file_size > _MAX_MEMBER:
            raise _unreadable(path, lang, "workbook_too_large", name=info.filename, size=info.file_size,
                              limit=_MAX_MEMBER)
    if "EncryptedPackage" in names:  # an encrypted package wrapped in a zip by some tools
        raise _unreadable(path, lang, "workbook_encrypted")
    if "xl/workbook.xml" not in names and not any(n.endswith("workbook.xml") for n in names):
        kind = "word/document.xml" in names and "Word" or "ppt/presentation.xml" in names and "PowerPoint" or ""
        raise _unreadable(path, lang, "workbook_broken", detail=message("not_a_workbook", lang, kind=kind or "zip"))
    for info in archive.infolist():
        if info.filename.endswith((".xml", ".rels")) and info.file_size:
            head = _read(archive, info, 4096, path, lang)
            upper = head.upper()
            if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:  # Excel never writes these; refuse entity tricks
                raise _unreadable(path, lang, "workbook_broken", detail=f"{info.filename}: DTD not allowed")


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, path: str, lang: str) -> bytes:
    try:
        with archive.open(info) as stream:
            return stream.read(limit)
    except Exception as exc:  # zlib.error, BadZipFile (CRC), NotImplementedError (compression), EOFError...
        raise _unreadable(path, lang, "workbook_broken", detail=f"{info.filename}: {_short(exc)}") from None


_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL_R = re.compile(rb"""\br\s*=\s*["']([A-Z]+[0-9]+)["']""")
_CELL_END = re.compile(rb"</(?:\w+:)?c>")
_VALUE = re.compile(rb"<(?:\w+:)?(?:v>\s*[^<\s]|is[\s>])")
_FORMULA_TEXT = re.compile(rb"<(?:\w+:)?f(?:\s[^>]*)?>([^<]{1,40})</(?:\w+:)?f>")
# a formula that computes nothing: a figure alone, with its percent sign or unit (100%, 0起, 1.5万元), no reference,
# function or operator
_LITERAL = re.compile(r"[+-]?\d+(?:\.\d+)?\s*(?:[%％‰]|[\u4e00-\u9fff]{1,4}(?:/[\u4e00-\u9fff]{1,3})?)?")  # (=0起, =71.60元/亩)


def _formulas_without_value(archive: zipfile.ZipFile, path: str,
                            lang: str) -> dict[str, list[tuple[int, int, str | None]]]:
    """{sheet name: [(row, col, typed)]} of the cells that hold a formula (`<f>`) but no saved result (`<v>`).
    `typed` is the cell's text where the formula computes nothing: a figure as typed (=100%, =0起), which a
    program that writes every text beginning with = as a formula leaves so (a system's export); else None."""
    parts = [info for info in archive.infolist()
             if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")]
    found: dict[str, list[tuple[int, int, str | None]]] = {}
    for info in parts:
        xml = _read(archive, info, _MAX_MEMBER, path, lang)
        if not _FORMULA.search(xml):
            continue
        cells, end = [], 0
        first, last = xml.find(b"sheetData"), xml.rfind(b"sheetData")  # not the formulas of data validations
        for match in _FORMULA.finditer(xml, max(first, 0), max(last, 0)):  # cost by formulas, not by cells
            at = match.start()
            if at < end:
                continue
            start = max(xml.rfind(b"<c ", 0, at), xml.rfind(b":c ", 0, at))
            close = _CELL_END.search(xml, at)
            if start < 0 or close is None:
                break
            end = close.start()
            tag_end = xml.find(b">", start)
            if _VALUE.search(xml, tag_end, end):
                continue
            ref = _CELL_R.search(xml, start, tag_end)
            place = _parse_ref(ref.group(1)) if ref else None
            if place:
                formula = _FORMULA_TEXT.search(xml, at, end)
                text = html.unescape(formula.group(1).decode("utf-8", "replace")).strip() if formula else ""
                cells.append((*place, "=" + text if _LITERAL.fullmatch(text) else None))
        if cells:
            found[info.filename] = cells
    if not found:
        return {}
    names = _sheet_parts(archive, path, lang)
    return {names[part]: cells for part, cells in found.items() if part in names}


_DRAWING_NS = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
_MAIN_NS = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_EMU_PER_CM = 360000


def _sheet_pictures(archive: zipfile.ZipFile, path: str, lang: str) -> dict[str, list[tuple[int, str, Callable[[], Any]]]]:
    """{sheet name: [(its number on the sheet, the cell its top left corner stands on, its load)]} of the pictures a
    sheet shows that could hold a form (a 自评表 pasted into a sheet as a screenshot; pictures.large_enough): from each
    worksheet's drawing part (DrawingML, xdr:pic), the picture's bytes from the drawing's relationships. Pillow is not
    needed to find them (openpyxl drops pictures without it), so without OCR they are named all the same."""
    out: dict[str, list[tuple[int, str, Callable[[], Any]]]] = {}
    for part, name in _sheet_parts(archive, path, lang).items():
        drawing = next((target for kind, target in _part_rels(archive, part, path, lang) if kind.endswith("/drawing")), None)
        root = _xml_part(archive, drawing, path, lang) if drawing else None
        if drawing is None or root is None:
            continue
        media = dict(_part_rels(archive, drawing, path, lang, by_id=True))
        number = 0
        for anchor in root:
            if not anchor.tag.endswith(("twoCellAnchor", "oneCellAnchor", "absoluteAnchor")):
                continue
            pic = next(anchor.iter(_DRAWING_NS + "pic"), None)
            blip = next(pic.iter(_MAIN_NS + "blip"), None) if pic is not None else None
            if blip is None:
                continue  # (a chart, a shape, a text box)
            number += 1
            start = anchor.find(_DRAWING_NS + "from")
            col, row = ((_int_text(start.find(_DRAWING_NS + "col")), _int_text(start.find(_DRAWING_NS + "row")))
                        if start is not None else (0, 0))
            # its size: the anchor's own (oneCellAnchor), else the shape's (Excel: spPr/a:xfrm/a:ext; an a:extLst's a:ext
            # before it says nothing of size)
            ext = anchor.find(_DRAWING_NS + "ext")
            if ext is None:
                ext = pic.find(f"{_DRAWING_NS}spPr/{_MAIN_NS}xfrm/{_MAIN_NS}ext") if pic is not None else None
            width = height = None
            if ext is not None:
                width, height = (_int_text(None, ext.get(side)) / _EMU_PER_CM for side in ("cx", "cy"))
            if not large_enough(width or None, height or None):
                continue
            target = media.get(blip.get(_REL + "embed") or "")
            content = _member(archive, target, path, lang) if target else None
            out.setdefault(name, []).append((number, f"{_column_letters(col + 1)}{row + 1}", loader(content, lang)))
    return out


def _int_text(element: ElementTree.Element | None, value: str | None = None) -> int:
    try:
        return max(int((element.text if element is not None else value) or 0), 0)
    except ValueError:
        return 0


def _column_letters(col: int) -> str:
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _part_rels(archive: zipfile.ZipFile, part: str, path: str, lang: str,
               by_id: bool = False) -> list[tuple[str, str]]:
    """A part's relationships as (type, target part), or (id, target part) with `by_id`; external targets left out."""
    rels = _xml_part(archive, join(dirname(part), "_rels", part.rsplit("/", 1)[-1] + ".rels"), path, lang)
    out = []
    for rel in rels.iter(_PKG_REL + "Relationship") if rels is not None else ():
        if rel.get("TargetMode", "").lower() == "external":
            continue
        target = rel.get("Target", "")
        target = normpath(target.lstrip("/") if target.startswith("/") else join(dirname(part), target))
        out.append((rel.get("Id" if by_id else "Type", ""), target))
    return out


def _xml_part(archive: zipfile.ZipFile, part: str, path: str, lang: str) -> ElementTree.Element | None:
    data = _member(archive, part, path, lang)
    if data is None or b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:  # Excel never writes these: entity tricks
        return None
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None


def _member(archive: zipfile.ZipFile, part: str, path: str, lang: str) -> bytes | None:
    """A part's bytes; None where the archive has no such part or it is larger than _MAX_MEMBER."""
    try:
        info = archive.getinfo(part)
    except KeyError:
        return None
    return _read(archive, info, _MAX_MEMBER, path, lang) if info.file_size <= _MAX_MEMBER else None


def _sheet_parts(archive: zipfile.ZipFile, path: str, lang: str) -> dict[str, str]:
    """{worksheet part name: sheet name}, from the workbook part and its relationships."""
    book_part = next((target for kind, target in _part_rels(archive, "", path, lang) if kind.endswith("/officeDocument")),
                     "xl/workbook.xml")
    book = _xml_part(archive, book_part, path, lang)
    if book is None:
        return {}
    targets = dict(_part_rels(archive, book_part, path, lang, by_id=True))
    return {targets[sheet.get(_REL + "id", "")]: sheet.get("name", "") for sheet in book.iter()
            if sheet.tag.endswith("}sheet") and sheet.get(_REL + "id", "") in targets}


def _ole_encrypted(data: bytes) -> bool:
    """An OLE compound file holding an `EncryptedPackage` stream: an .xlsx saved with a password (Office
    wraps the encrypted zip in OLE). The name is looked for where a directory entry starts (entries are 128
    bytes, aligned to 128 from the start of the file) with the length field of that name."""
    start = data.find(_ENCRYPTED_PACKAGE)
    while start >= 0:
        if start % 128 == 0 and data[start + 64:start + 66] == b"\x22\x00":  # 17 UTF-16 units with the NUL
            return True
        start = data.find(_ENCRYPTED_PACKAGE, start + 1)
    return False


# -- cell text as Excel shows it ----------------------------------------------------------------------------

def _xls_text(kind: int, value: Any, sheet: Sheet, r: int, c: int, xf_format: list[str],
              datemode: Literal[0, 1]) -> str:
    """`value` is what xlrd gives for a cell of that `kind`: a str for text, a float for a number or a date, an
    int for a boolean or an error code (types-xlrd types a row's values as str)."""
    import xlrd

    if kind == xlrd.XL_CELL_TEXT:
        return str(value)  # already a str
    if kind == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if value else "FALSE"
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(value, "#VALUE!")
    xf = sheet.cell_xf_index(r, c)
    fmt = xf_format[xf] if 0 <= xf < len(xf_format) else "General"
    if kind == xlrd.XL_CELL_DATE:
        try:
            return excel_text(xlrd.xldate.xldate_as_datetime(value, datemode), fmt)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return excel_text(value, "General")
    return excel_text(value, fmt)


def excel_text(value: object, fmt: str | None) -> str:
    """A cell's value as Excel shows it: numbers through their number format, dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (_dt.date, _dt.datetime)) and fmt:
        shown = _date_text(value, fmt)
        if shown is not None:
            return shown
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, int) and (not fmt or fmt == "General"):
        return str(value)
    if isinstance(value, (int, float)):
        return format_number(value, fmt or "General")
    return str(value)


_DATE_TOKEN = re.compile(r'"([^"]*)"|\\(.)|(\[[^\]]*\])|([yY]+|[mM]+|[dD]+)|([hHsS]+|[aA][mM]/[pP][mM])|(.)', re.DOTALL)


def _date_text(value: _dt.date, fmt: str) -> str | None:
    """A date through a number format of year, month and day codes with literal text, as Excel shows it:
    `yyyy"年"m"月"d"日"` → 2023年4月11日, `yyyy/m/d` → 2023/4/11, `\（yyyy"年度）"` → （2023年度）. None for
    a format with time codes, for names of months or days, or for Excel's built-in short date (shown in the
    reader's own locale; the ISO date is what is read then)."""
    section = _sections(fmt)[0]
    if fmt in ("mm-dd-yy", "m/d/yy", "General", "@"):
        return None
    out: list[str] = []
    codes = 0
    for quoted, escaped, _bracket, code, time_code, other in _DATE_TOKEN.findall(section):
        if time_code:
            return None
        if code:
            codes += 1
            letter, width = code[0].lower(), len(code)
            if letter == "y":
                out.append(f"{value.year % 100:02d}" if width <= 2 else f"{value.year:04d}")
            elif width > 2:
                return None  # Jan, January, Mon, Monday
            else:
                number = value.month if letter == "m" else value.day
                out.append(f"{number:02d}" if width == 2 else str(number))
        elif quoted or escaped or other:
            out.append(quoted or escaped or other)
    return "".join(out).strip() if codes else None


_DATE_CODES = frozenset("yYmMdDhHsS")
_BRACKETS = re.compile(r"\[[^\]]*\]")


def format_number(value: int | float, fmt: str) -> str:
    """`value` through Excel number format `fmt`: the codes 0 # ? . , % with literal text ("元", ¥, an escaped
    character), the positive;negative;zero sections, General. Scientific, fraction and date codes on a plain
    number fall back to General. `?` pads with a space in Excel; here it is like `#` (the text is stripped)."""
    number = _decimal(value)
    if number is None:
        return repr(value)
    sections = _compiled(fmt)
    if number < 0 and len(sections) > 1:
        tokens, magnitude, sign = sections[1], -number, ""  # the section writes its own sign: (1.00) or -1.00
    elif number == 0 and len(sections) > 2:
        tokens, magnitude, sign = sections[2], number, ""
    else:
        tokens, magnitude, sign = sections[0], abs(number), "-" if number < 0 else ""
    text = _apply(magnitude, tokens) if tokens is not None else None
    if text is None:
        text = _general(magnitude)
    text = text.strip()
    if sign and any(ch in "123456789" for ch in text):  # -0.001 shown as 0.00 has no sign
        text = sign + text
    return text


def _decimal(value: int | float) -> Decimal | None:
    if isinstance(value, int):
        return Decimal(value)
    if value != value or value in (float("inf"), float("-inf")):
        return None
    number = Decimal(repr(value))  # the shortest decimal that is this float: 2.675, not 2.67499999...
    if len(number.as_tuple().digits) > 15:  # Excel keeps 15 significant digits: 0.1+0.2 is 0.3 in the cell
        number = number.quantize(Decimal(1).scaleb(number.adjusted() - 14), rounding=ROUND_HALF_UP)
    return number


def _general(number: Decimal) -> str:
    """General: the number without trailing zeros or exponent (120.0 → 120, 9.17 → 9.17)."""
    if number == 0:
        return "0"
    return format(number.normalize(), "f")


@lru_cache(maxsize=512)
def _compiled(fmt: str) -> tuple[list[tuple[str, str]] | None, ...]:
    """The tokens of each section of a number format (a workbook uses a handful of formats)."""
    return tuple(_tokens(section) for section in _sections(fmt))


def _sections(fmt: str) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    for ch in fmt:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif ch == ";" and not quoted:
            out.append("".join(current))
            current = []
            continue
        current.append(ch)
    out.append("".join(current))
    return out


def _tokens(section: str) -> list[tuple[str, str]] | None:
    """The section as (kind, text) tokens: "lit", "digit" (0 # ?), "point", "comma", "pct", "general";
    None where the number is shown as General: empty, text (@), scientific, fraction or date codes."""
    bare = _BRACKETS.sub("", section).strip()
    if not bare or bare == "@":
        return None
    tokens: list[tuple[str, str]] = []
    i, n = 0, len(section)
    while i < n:
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            end = n if end < 0 else end
            tokens.append(("lit", section[i + 1:end]))
            i = end + 1
            continue
        if ch == "\\" and i + 1 < n:
            tokens.append(("lit", section[i + 1]))
            i += 2
            continue
        if ch in "_*":  # padding to a character's width, repeated fill: no text
            i += 2
            continue
        if ch == "[":
            end = section.find("]", i)
            end = n if end < 0 else end
            inner = section[i + 1:end]
            if inner.startswith("$"):  # [$¥-804]: a currency symbol (and a locale)
                tokens.append(("lit", inner[1:].split("-", 1)[0]))
            i = end + 1  # colours, conditions, [DBNum1]: no text of their own
            continue
        if section[i:i + 7].lower() == "general":
            tokens.append(("general", ""))
            i += 7
            continue
        if ch in "0#?":
            tokens.append(("digit", ch))
        elif ch == "." and not any(kind == "point" for kind, _ in tokens):
            tokens.append(("point", ch))
        elif ch == ",":
            tokens.append(("comma", ch))
        elif ch == "%":
            tokens.append(("pct", ch))
        elif (ch in "eE" and i + 1 < n and section[i + 1] in "+-") or ch == "/" or ch in _DATE_CODES:
            return None
        elif ch == "@":
            pass
        else:
            tokens.append(("lit", ch))
        i += 1
    return tokens


def _apply(number: Decimal, tokens: list[tuple[str, str]]) -> str | None:
    kinds = [kind for kind, _ in tokens]
    pct = kinds.count("pct")
    number = number.scaleb(2 * pct)
    if "general" in kinds:
        at = kinds.index("general")
        return _literal(tokens[:at]) + _general(number) + _literal(tokens[at + 1:])
    digits = [i for i, kind in enumerate(kinds) if kind == "digit"]
    if not digits:  # literal text only, e.g. "-" for zero in an accounting format
        return _literal(tokens)
    point = kinds.index("point") if "point" in kinds else None
    int_at = [i for i in digits if point is None or i < point]
    frac = "".join(tokens[i][1] for i in digits if point is not None and i > point)
    start = min(digits[0], point if point is not None else digits[0])
    end = max(digits[-1], point if point is not None else digits[-1])
    thousands = len(int_at) > 1 and any(kinds[i] == "comma" for i in range(int_at[0], int_at[-1]))
    scale = 0  # commas after the last integer digit divide by 1000 each: #,##0.0,, is millions
    if int_at:
        i = int_at[-1] + 1
        while i < len(kinds) and kinds[i] == "comma":
            scale, i = scale + 1, i + 1
        end = max(end, i - 1)
    number = number.scaleb(-3 * scale)
    rounded = number.quantize(Decimal(1).scaleb(-len(frac)), rounding=ROUND_HALF_UP)
    whole, _, decimals = format(rounded, "f").partition(".")
    mandatory = max((j + 1 for j, code in enumerate(frac) if code == "0"), default=0)
    decimals = decimals.rstrip("0")
    decimals += "0" * (mandatory - len(decimals))
    min_int = sum(1 for i in int_at if tokens[i][1] == "0")
    whole = whole.lstrip("0")
    whole = "0" * (min_int - len(whole)) + whole
    if thousands and whole:
        whole = f"{int(whole):,}"
    body = whole + ("." + decimals if point is not None else "")
    return _literal(tokens[:start]) + body + _literal(tokens[end + 1:])


def _literal(tokens: list[tuple[str, str]]) -> str:
    return "".join(text for kind, text in tokens if kind in ("lit", "pct"))


# -- errors -------------------------------------------------------------------------------------------------

def _unreadable(path: str, lang: str, key: str, **values: object) -> InputError:
    return InputError(path, None, None, message(key, lang, **values), key="unreadable")


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 200 else text[:200] + "…"
