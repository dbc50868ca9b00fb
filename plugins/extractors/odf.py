"""OpenDocument files: text documents (.odt, and .fodt, the same as one XML file) and spreadsheets (.ods, .fods), as
LibreOffice and the office suites of domestic (信创) desktops (中标普华, 红旗 Office, and WPS when asked) save them.

A package is a zip whose `content.xml` holds the document (`office:text` or `office:spreadsheet`); a flat file is
that XML alone. It is read with the standard library as the .docx reader reads Word's: nothing in it is executed,
the XML is parsed without DTDs or entities, every part under a size limit, and an encrypted package is named as
such (what to do: save it without a password), never guessed at.

.odt: the lines are the body's paragraphs (text:p, text:h) in reading order, a line break starting a new line, as
the .docx reader numbers Word's: lists and headings numbered by their list or outline style (一、 （一） 1.) or by
the label the application stored (text:number); a text box's paragraphs after its paragraph; text:s, text:tab and
spans read as written. What the document shows as accepted is read: tracked changes' deleted text (held apart in
text:tracked-changes) and comments (office:annotation), footnotes, hidden text and sections are not. Every
table:table is a `Table`: a cell spanning columns or rows (table:number-columns-spanned, -rows-spanned, the slots
it covers written as table:covered-table-cell) is one cell in each slot it covers; a nested table is a table of its
own; a one-column table (a frame round the page, a cover) is layout, its paragraphs the body's.

.ods: each visible sheet is a grid, read as a workbook's (sheets._add_sheet: a report typed into a sheet, hidden rows
and columns named and left out). A cell's text is what the application shows and stores as it (text:p: 1,234.50,
91.67%), so a figure keeps its stated precision; a cell without that text gives its value (office:value, a
percentage as 91.67%). A formula with neither is a cell without a value, as in an Excel file never saved.
Repeated rows and columns (table:number-rows-repeated, LibreOffice's million empty rows at a sheet's end) are
counted, never unrolled.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from contextlib import nullcontext
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.etree import ElementTree

from jixiao.kit import Extraction, Finding, InputError

from .docx import _format
from .messages import message
from .normalize import SourceLine
from .pictures import Picture, extract_with_pictures, large_enough, loader
from .prose import extract_document, lang_of
from .sheets import _add_sheet
from .tables import Cell, Document, Table, grid
from .xmlparts import parse, read_member

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
SVG = "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}"
XLINK = "{http://www.w3.org/1999/xlink}"

TEXT_MIME = "application/vnd.oasis.opendocument.text"
SHEET_MIME = "application/vnd.oasis.opendocument.spreadsheet"

_MAX_PART = 64 * 1024 * 1024  # uncompressed bytes of one XML part
_MAX_COLUMNS = 1024  # of an .odt table (LibreOffice allows 1,024 in a sheet; a table has a dozen)
_MAX_ROWS = 65536  # rows of a sheet read (sheets._add_sheet bounds the grid again)
_MAX_SHEET_COLUMNS = 16384

# elements whose content is not the document as shown: deleted text kept for tracked changes, comments, footnotes,
# declarations, a table of contents' template, shapes' and forms' internals
_SKIP = frozenset({
    TEXT + "tracked-changes", OFFICE + "annotation", TEXT + "note", TEXT + "sequence-decls", TEXT + "variable-decls",
    TEXT + "user-field-decls", TEXT + "dde-connection-decls", OFFICE + "forms", TEXT + "table-of-content-source",
    TEXT + "alphabetical-index-source", TEXT + "illustration-index-source", TEXT + "table-index-source",
    TEXT + "user-index-source", TEXT + "object-index-source", TEXT + "bibliography-source", TEXT + "index-title-template",
    TABLE + "table-columns", TABLE + "table-column", TABLE + "table-column-group", TABLE + "table-header-columns",
    OFFICE + "event-listeners", TEXT + "number", DRAW + "image", "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}title",
    "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}desc",
})
# ODF's names of the numbering formats (style:num-format) → the .docx reader's (docx._format)
_NUM_FORMATS = {
    "1": "decimal", "a": "lowerLetter", "A": "upperLetter", "一, 二, 三, ...": "chineseCounting",
    "壹, 贰, 叁, ...": "chineseLegalSimplified", "①, ②, ③, ...": "decimalEnclosedCircle",
    "１, ２, ３, ...": "decimalFullWidth",
}
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"),
          (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_LENGTH = re.compile(r"\s*([\d.]+)\s*(cm|mm|in|pt|pc|px)?\s*$")
_TO_CM = {"cm": 1.0, "mm": 0.1, "in": 2.54, "pt": 2.54 / 72, "pc": 2.54 / 6, "px": 2.54 / 96, None: 1.0}
_Drawn = tuple[str, float | None, float | None]  # a frame's picture: its place in the package, its width, its height (cm)


def _cm(length: str | None) -> float | None:
    found = _LENGTH.match(length or "")
    try:
        return float(found.group(1)) * _TO_CM[found.group(2)] if found else None
    except ValueError:
        return None


# -- the package --------------------------------------------------------------------------------------------

class _Package:
    """The content and styles of an OpenDocument file (a zip package, or one flat XML file)."""

    def __init__(self, path: str, data: bytes, lang: str, kind: str):
        self.path, self.lang, self.kind = path, lang, kind
        self.styles: ElementTree.Element | None = None
        self.data = data
        if data[:4] == b"PK\x03\x04":
            try:
                archive = zipfile.ZipFile(io.BytesIO(data))
            except Exception as exc:  # BadZipFile, NotImplementedError, EOFError, OSError …
                raise self.broken(f"{type(exc).__name__}: {exc}") from None
            with archive:
                manifest = self._member(archive, "META-INF/manifest.xml")
                if manifest is not None and b"encryption-data" in manifest:
                    raise InputError(path, None, None, message("odf_encrypted", lang))
                content = self._member(archive, "content.xml")
                if content is None:
                    raise self.broken("content.xml missing")
                self.content = self._parse(content, "content.xml")
                styles = self._member(archive, "styles.xml")
                self.styles = self._parse(styles, "styles.xml") if styles is not None else None
        else:
            if len(data) > _MAX_PART:
                raise self.broken(f"{len(data)} bytes")
            self.content = self._parse(data, "XML")  # a flat file: styles and content in one document
            self.styles = self.content

    def broken(self, detail: str) -> InputError:
        return InputError(self.path, None, None, message("odf_broken", self.lang, kind=self.kind, detail=detail))

    def _member(self, archive: zipfile.ZipFile, name: str) -> bytes | None:
        try:
            info = archive.getinfo(name)
        except KeyError:
            return None
        return read_member(archive, info, _MAX_PART, self.broken)

    def _parse(self, data: bytes, name: str) -> ElementTree.Element:
        return parse(data, name, self.broken)

    def body(self, tag: str) -> ElementTree.Element:
        body = self.content.find(OFFICE + "body")
        found = body.find(OFFICE + tag) if body is not None else None
        if found is None:
            other = "text" if tag == "spreadsheet" else "spreadsheet"
            if body is not None and body.find(OFFICE + other) is not None:
                raise InputError(self.path, None, None, message("odf_other_kind", self.lang, kind=self.kind))
            raise self.broken(f"office:{tag} missing")
        return found

    def automatic(self) -> list[ElementTree.Element]:
        """Every style the document defines: automatic ones of the content, named and automatic ones of styles.xml."""
        out = []
        for root in {id(r): r for r in (self.content, self.styles) if r is not None}.values():
            for holder in (OFFICE + "automatic-styles", OFFICE + "styles"):
                for section in root.findall(holder):
                    out.append(section)
        return out


# -- .odt ---------------------------------------------------------------------------------------------------

class _Styles:
    """What the reader needs of the styles: which text styles hide their text, which tables are sheets not shown,
    and the list and outline numbering."""

    def __init__(self, package: _Package):
        self.hidden: set[str] = set()  # text and paragraph styles with text:display="none"
        self.hidden_tables: set[str] = set()  # table styles with table:display="false" (a hidden sheet)
        self.lists: dict[str, dict[int, tuple[str, str, str, int, int, str]]] = {}
        self.outline: dict[int, tuple[str, str, str, int, int, str]] = {}
        for section in package.automatic():
            for style in section:
                name = style.get(STYLE + "name", "")
                if style.tag == STYLE + "style":
                    text_props = style.find(STYLE + "text-properties")
                    if text_props is not None and text_props.get(TEXT + "display") == "none":
                        self.hidden.add(name)
                    table_props = style.find(STYLE + "table-properties")
                    if table_props is not None and table_props.get(TABLE + "display") == "false":
                        self.hidden_tables.add(name)
                elif style.tag == TEXT + "list-style":
                    self.lists[name] = _levels(style, TEXT + "list-level-style-number")
                elif style.tag == TEXT + "outline-style":
                    self.outline = _levels(style, TEXT + "outline-level-style")


def _levels(style: ElementTree.Element, tag: str) -> dict[int, tuple[str, str, str, int, int, str]]:
    """A list or outline style's numbered levels: level → (format, prefix, suffix, start, levels shown, separator)."""
    levels = {}
    for level in style.findall(tag):
        number = _int(level.get(TEXT + "level"), 1)
        props = level.find(STYLE + "list-level-properties")
        label = props.find(STYLE + "list-level-label-alignment") if props is not None else None
        followed = label.get(TEXT + "label-followed-by", "listtab") if label is not None else "space"
        levels[number] = (level.get(STYLE + "num-format", ""), level.get(STYLE + "num-prefix", ""),
                          level.get(STYLE + "num-suffix", ""), _int(level.get(TEXT + "start-value"), 1),
                          max(1, _int(level.get(TEXT + "display-levels"), 1)),
                          {"listtab": "\t", "space": " "}.get(followed, ""))
    return levels


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _number(value: int, fmt: str) -> str:
    """One level's number in its format (ODF's names)."""
    if fmt in ("i", "I") and 0 < value < 4000:
        roman = ""
        for size, letters in _ROMAN:
            while value >= size:
                roman, value = roman + letters, value - size
        return roman.upper() if fmt == "I" else roman
    if fmt == "甲, 乙, 丙, ..." and 1 <= value <= len(_STEMS):
        return _STEMS[value - 1]
    return _format(value, _NUM_FORMATS.get(fmt, "decimal"))


class _Counter:
    """The numbers of one list (or of the headings' outline): level → the last number given."""

    def __init__(self, levels: dict[int, tuple[str, str, str, int, int, str]]):
        self.levels = levels
        self.values: dict[int, int] = {}

    def label(self, level: int, start: int | None = None) -> str:
        spec = self.levels.get(level)
        if spec is None:
            return ""
        fmt, prefix, suffix, first, shown, separator = spec
        self.values[level] = start if start is not None else self.values.get(level, first - 1) + 1
        for deeper in [k for k in self.values if k > level]:
            del self.values[deeper]
        if not fmt:
            return ""
        parts = []
        for k in range(max(1, level - shown + 1), level + 1):
            above = self.levels.get(k)
            value = self.values.get(k, above[3] if above else 1)
            parts.append(_number(value, above[0] if above and above[0] else "1"))
        return prefix + ".".join(parts) + suffix + separator


class _Body:
    """Walks an .odt's body in reading order: the lines (a line from a table cell marked with its table's number)
    and the tables."""

    def __init__(self, styles: _Styles):
        self.styles = styles
        self.lines: list[str] = []
        self.line_table: list[int | None] = []
        self.tables: list[Table] = []
        self.cells: list[int] = []  # the tables whose cell is being read, innermost last
        self.recent: list[list[str]] = [[]]  # per scope (the body, a cell, a text box): the last paragraphs' text
        self.previous: list[Table | None] = [None]  # per scope: its last table, while only empty paragraphs follow it
        self.outline = _Counter(styles.outline)
        self.counters: dict[str, _Counter] = {}  # list style → its numbers
        self.list_ids: dict[str, _Counter] = {}  # xml:id of a list → its numbers (text:continue-list)
        # every picture in reading order: (what it is, its paragraph's first line, lines before its own, tables before)
        self.pictures: list[tuple[_Drawn, int, int, int]] = []

    def walk(self, element: ElementTree.Element) -> None:
        for child in element:
            self.block(child)

    def block(self, element: ElementTree.Element, label: str = "") -> None:
        tag = element.tag
        if tag in _SKIP:
            return
        if tag in (TEXT + "p", TEXT + "h"):
            if element.get(TEXT + "style-name", "") in self.styles.hidden:
                return
            if tag == TEXT + "h" and not label and element.get(TEXT + "is-list-header") != "true":
                label = self.outline.label(_int(element.get(TEXT + "outline-level"), 1))
            self.paragraph(element, label)
        elif tag == TEXT + "list":
            self.numbered_list(element, None, 1)
        elif tag == TABLE + "table":
            self.table(element)
        elif tag == TEXT + "section" and element.get(TEXT + "display") == "none":
            return
        elif tag == TEXT + "hidden-paragraph" and element.get(TEXT + "is-hidden") == "true":
            return
        else:  # a section, an index's body, a frame anchored to the page, a change's marker
            self.walk(element)

    def numbered_list(self, element: ElementTree.Element, counter: _Counter | None, level: int) -> None:
        style = element.get(TEXT + "style-name")
        if counter is None or (style and level == 1):
            continued = element.get(TEXT + "continue-list")
            if continued and continued in self.list_ids:
                counter = self.list_ids[continued]
            elif style in self.counters and element.get(TEXT + "continue-numbering") == "true":
                counter = self.counters[style]
            else:
                counter = _Counter(self.styles.lists.get(style or "", {}))
                if style:
                    self.counters[style] = counter
        own_id = element.get("{http://www.w3.org/XML/1998/namespace}id")
        if own_id:
            self.list_ids[own_id] = counter
        for item in element:
            if item.tag not in (TEXT + "list-item", TEXT + "list-header"):
                self.block(item)
                continue
            numbered = item.tag == TEXT + "list-item"
            start = _int(item.get(TEXT + "start-value"), 0) or None
            first = True
            for child in item:
                if child.tag == TEXT + "list":
                    self.numbered_list(child, counter, level + 1)
                    continue
                label = ""
                if first and numbered and child.tag in (TEXT + "p", TEXT + "h"):
                    stored = child.find(TEXT + "number")
                    given = counter.label(level, start)
                    label = (stored.text or "") if stored is not None and stored.text else given
                first = False
                self.block(child, label)

    def paragraph(self, element: ElementTree.Element, label: str) -> None:
        current = [[label]]
        boxes: list[ElementTree.Element] = []
        drawn: list[_Drawn] = []
        _inline(element, current, boxes, self.styles.hidden, drawn)
        start = len(self.lines)
        self.lines.extend("".join(chunk) for chunk in current)
        self.pictures.extend((picture, start + 1, start + len(current), len(self.tables)) for picture in drawn)
        self.line_table.extend([self.cells[-1] if self.cells else None] * len(current))
        text = "\n".join(self.lines[start:]).strip()
        if text:
            recent = self.recent[-1]
            recent.append(text)
            del recent[:-3]
            self.previous[-1] = None
        for box in boxes:
            self._scope(box)

    def _scope(self, element: ElementTree.Element) -> None:
        """Walk a cell's or a text box's content, its paragraphs and tables apart from those around it."""
        self.recent.append([])
        self.previous.append(None)
        self.walk(element)
        self.previous.pop()
        self.recent.pop()

    def table(self, element: ElementTree.Element) -> None:
        rows = list(_rows(element))
        if rows and all(sum(1 for c in row if c.tag in (TABLE + "table-cell", TABLE + "covered-table-cell")) <= 1
                        for row in rows):
            # a frame of one column (the report inside a bordered cell, a cover built from a table): its paragraphs
            # are the body's, its tables the body's tables
            for row in rows:
                for cell in row:
                    if cell.tag == TABLE + "table-cell":
                        self.walk(cell)
            return
        table = Table(rows=[], index=len(self.tables) + 1, before=list(self.recent[-1]))
        self.tables.append(table)
        slots: list[list[Cell | None]] = []
        for r, row in enumerate(rows):
            while len(slots) <= r:
                slots.append([])
            col = 0
            for cell in row:
                repeat = min(max(_int(cell.get(TABLE + "number-columns-repeated"), 1), 1), _MAX_COLUMNS)
                for _ in range(repeat):
                    if col >= _MAX_COLUMNS:
                        break
                    if cell.tag == TABLE + "covered-table-cell":  # a slot a cell before or above spans
                        col += 1
                        continue
                    row_slots = slots[r]
                    while col < len(row_slots) and row_slots[col] is not None and col < _MAX_COLUMNS - 1:
                        col += 1  # (a writer that leaves the covered slots out)
                    span = min(max(_int(cell.get(TABLE + "number-columns-spanned"), 1), 1), _MAX_COLUMNS - col)
                    down = min(max(_int(cell.get(TABLE + "number-rows-spanned"), 1), 1), len(rows) - r)
                    target = Cell("", origin=(r, col), rowspan=down, colspan=span)
                    for rr in range(r, r + down):
                        while len(slots) <= rr:
                            slots.append([])
                        slot_row = slots[rr]
                        slot_row.extend([None] * (col + span - len(slot_row)))
                        for cc in range(col, col + span):
                            if slot_row[cc] is None:
                                slot_row[cc] = target
                    self._cell(cell, target, table.index)
                    col += 1  # (the slots it spans are written as covered cells after it)
        table.rows = grid([[slot if slot is not None else Cell("", origin=(r, c)) for c, slot in enumerate(row)]
                           for r, row in enumerate(slots)])
        previous = self.previous[-1]
        if previous is not None and table.width and previous.width == table.width:
            table.continued = True  # only empty paragraphs (a page break) between it and a table of its width
        self.recent[-1], self.previous[-1] = [], table

    def _cell(self, element: ElementTree.Element, cell: Cell, table: int) -> None:
        start = len(self.lines)
        self.cells.append(table)
        self._scope(element)
        self.cells.pop()
        own = [i for i in range(start, len(self.lines)) if self.line_table[i] == table and self.lines[i].strip()]
        if not own:
            line = max(len(self.lines), 1)
            cell.where = {"line": line, "column": 1, "end_line": line, "end_column": 1, "quote": ""}
            return
        cell.text = "\n".join(self.lines[i] for i in range(own[0], own[-1] + 1) if self.line_table[i] == table)
        cell.where = {"line": own[0] + 1, "column": 1, "end_line": own[-1] + 1,
                      "end_column": len(self.lines[own[-1]]) + 1, "quote": cell.text}


def _inline(element: ElementTree.Element, current: list[list[str]], boxes: list[ElementTree.Element] | None = None,
            hidden: set[str] | frozenset[str] = frozenset(), pictures: list[_Drawn] | None = None) -> None:
    """A paragraph's text as shown, into `current` (its lines, each a list of pieces): spans and fields read through,
    text:s, text:tab and text:line-break as written; hidden text (a style in `hidden`, text:hidden-text), comments and
    footnotes left out; a text box handed to `boxes` where given (read after its paragraph), else read in place; a
    frame's picture added to `pictures` where given."""
    if element.text:
        current[-1].append(element.text)
    for child in element:
        tag = child.tag
        if tag in _SKIP or child.get(TEXT + "style-name", "") in hidden or (
                tag == TEXT + "hidden-text" and child.get(TEXT + "is-hidden") != "false"):
            pass
        elif tag == TEXT + "s":
            current[-1].append(" " * min(max(_int(child.get(TEXT + "c"), 1), 1), 1000))
        elif tag == TEXT + "tab":
            current[-1].append("\t")
        elif tag == TEXT + "line-break":
            current.append([])
        elif tag == DRAW + "text-box" and boxes is not None:
            boxes.append(child)
        else:  # a span, a link, a field (page number, date), a frame holding a text box or a picture
            if tag == DRAW + "frame" and pictures is not None:
                image = child.find(DRAW + "image")
                if image is not None:
                    pictures.append((image.get(XLINK + "href", ""), _cm(child.get(SVG + "width")),
                                     _cm(child.get(SVG + "height"))))
            _inline(child, current, boxes, hidden, pictures)
        if child.tail:
            current[-1].append(child.tail)


def _rows(table: ElementTree.Element) -> list[list[ElementTree.Element]]:
    """A table's rows (inside header rows, row groups and so on), each its cells; a repeated row given once a time."""
    out: list[list[ElementTree.Element]] = []
    for child in table:
        if child.tag == TABLE + "table-row":
            cells = [c for c in child if c.tag in (TABLE + "table-cell", TABLE + "covered-table-cell")]
            repeat = min(max(_int(child.get(TABLE + "number-rows-repeated"), 1), 1), _MAX_COLUMNS)
            if repeat > 1 and not any(c.text or len(c) for c in cells):
                repeat = 1  # empty rows repeated to fill a page: one is enough
            out.extend([cells] * repeat)
        elif child.tag in (TABLE + "table-header-rows", TABLE + "table-rows", TABLE + "table-row-group"):
            out.extend(_rows(child))
    return out


def odt_document(path: str, data: bytes, lang: str = "zh") -> Document:
    package = _Package(path, data, lang, ".odt")
    body = _Body(_Styles(package))
    body.walk(package.body("text"))
    prose = [SourceLine(text, number, table=table)
             for number, (text, table) in enumerate(zip(body.lines, body.line_table, strict=False), start=1)]
    return Document(prose, body.tables, pictures=_pictures(package, body.pictures))


def _pictures(package: _Package, drawn: list[tuple[_Drawn, int, int, int]]) -> list[Picture]:
    """The pictures large enough to hold a form (pictures.py), numbered among all the document's pictures, each with
    its image's bytes (a linked picture, outside the file, is named as such)."""
    chosen = [(number, item) for number, item in enumerate(drawn, start=1) if large_enough(item[0][1], item[0][2])]
    if not chosen:
        return []
    out = []
    inside = package.data[:4] == b"PK\x03\x04"  # (a flat file embeds its pictures as office:binary-data, not read)
    with zipfile.ZipFile(io.BytesIO(package.data)) if inside else nullcontext() as archive:
        for number, ((href, _, _), anchor, after, tables_before) in chosen:
            name = posixpath.normpath(href).lstrip("/") if href and "://" not in href and not href.startswith("..") else ""
            content: bytes | str | None = None
            if archive is not None and name:
                try:
                    content = read_member(archive, archive.getinfo(name), _MAX_PART, package.broken)
                except KeyError:
                    pass  # (named missing)
                except InputError as exc:
                    content = exc.detail
            out.append(Picture(number, None, anchor, after, tables_before,
                               loader(content, package.lang, linked=archive is None or not name)))
    return out


# -- .ods ---------------------------------------------------------------------------------------------------

def ods_document(path: str, data: bytes, lang: str = "zh") -> Document:
    package = _Package(path, data, lang, ".ods")
    styles = _Styles(package)
    tables: list[Table] = []
    findings: list[Finding] = []
    prose: list[SourceLine] = []
    for sheet in package.body("spreadsheet").findall(TABLE + "table"):
        if sheet.get(TABLE + "style-name", "") in styles.hidden_tables:
            continue
        name = sheet.get(TABLE + "name", f"Sheet{len(tables) + 1}")
        values, merges, hidden = _sheet(sheet)
        _add_sheet(tables, findings, name, values, merges, lang, hidden, prose)
    return Document(prose, tables, findings)


def _sheet(sheet: ElementTree.Element) -> tuple[dict[tuple[int, int], tuple[str, str | None]],
                                                list[tuple[int, int, int, int]], tuple[frozenset[int], frozenset[int]]]:
    """A sheet's non-empty cells {(row, col): (text, problem)} (1-based), its merged ranges and its hidden rows and
    columns, as sheets._add_sheet takes them."""
    values: dict[tuple[int, int], tuple[str, str | None]] = {}
    merges: list[tuple[int, int, int, int]] = []
    hidden_rows: set[int] = set()
    hidden_cols: set[int] = set()
    col = 1
    for column in _flat(sheet, TABLE + "table-column",
                        (TABLE + "table-columns", TABLE + "table-column-group", TABLE + "table-header-columns")):
        repeat = max(_int(column.get(TABLE + "number-columns-repeated"), 1), 1)
        if column.get(TABLE + "visibility", "visible") != "visible" and col <= _MAX_SHEET_COLUMNS:
            hidden_cols.update(range(col, min(col + repeat, _MAX_SHEET_COLUMNS + 1)))
        col += repeat
    r = 1
    for row in _flat(sheet, TABLE + "table-row", (TABLE + "table-rows", TABLE + "table-row-group",
                                                 TABLE + "table-header-rows")):
        if r > _MAX_ROWS:
            break
        repeat = max(_int(row.get(TABLE + "number-rows-repeated"), 1), 1)
        cells = _row_cells(row)
        shown = row.get(TABLE + "visibility", "visible") == "visible"
        for k in range(min(repeat, _MAX_ROWS - r + 1) if cells else 0):
            if not shown:
                hidden_rows.add(r + k)
            for c, (text, problem, span) in cells.items():
                values[(r + k, c)] = (text, problem)
                if span is not None:
                    merges.append((r + k, r + k + span[0] - 1, c, c + span[1] - 1))
        if not shown and not cells:
            hidden_rows.update(range(r, min(r + repeat, _MAX_ROWS + 1)))
        r += repeat
    return values, merges, (frozenset(hidden_rows), frozenset(hidden_cols))


def _flat(parent: ElementTree.Element, tag: str, groups: tuple[str, ...]) -> list[ElementTree.Element]:
    out: list[ElementTree.Element] = []
    for child in parent:
        if child.tag == tag:
            out.append(child)
        elif child.tag in groups:
            out.extend(_flat(child, tag, groups))
    return out


def _row_cells(row: ElementTree.Element) -> dict[int, tuple[str, str | None, tuple[int, int] | None]]:
    """A row's cells that hold something, by column: (text, problem, (rows, columns) spanned or None)."""
    out: dict[int, tuple[str, str | None, tuple[int, int] | None]] = {}
    col = 1
    for cell in row:
        if cell.tag not in (TABLE + "table-cell", TABLE + "covered-table-cell"):
            continue
        repeat = max(_int(cell.get(TABLE + "number-columns-repeated"), 1), 1)
        if col > _MAX_SHEET_COLUMNS:
            break
        if cell.tag == TABLE + "table-cell":
            text, problem = _cell_text(cell)
            rows = max(_int(cell.get(TABLE + "number-rows-spanned"), 1), 1)
            cols = max(_int(cell.get(TABLE + "number-columns-spanned"), 1), 1)
            span = (rows, cols) if rows > 1 or cols > 1 else None
            if text or problem or span:
                for k in range(min(repeat, _MAX_SHEET_COLUMNS - col + 1)):
                    out[col + k] = (text, problem, span)
        col += repeat
    return out


def _cell_text(cell: ElementTree.Element) -> tuple[str, str | None]:
    """What a sheet's cell shows: its paragraphs as stored, else its value written out; a formula with neither has no
    value to read."""
    paragraphs = [p for p in cell if p.tag in (TEXT + "p", TEXT + "h")]
    if paragraphs:
        lines: list[str] = []
        for p in paragraphs:
            current: list[list[str]] = [[]]
            _inline(p, current)
            lines.extend("".join(chunk) for chunk in current)
        text = "\n".join(lines)
        if text.strip():
            return text, None
    kind = cell.get(OFFICE + "value-type") or cell.get("{urn:oasis:names:tc:opendocument:xmlns:of:1.2}value-type")
    value = _value(cell, kind)
    if value:
        return value, None
    if cell.get(TABLE + "formula"):
        return "", "formula_without_value"
    return "", None


def _value(cell: ElementTree.Element, kind: str | None) -> str:
    if kind in ("float", "currency", "percentage"):
        raw = cell.get(OFFICE + "value", "")
        try:
            number = Decimal(raw)
        except InvalidOperation:
            return ""
        if not number.is_finite():
            return ""
        if kind == "percentage":
            return _plain(number * 100) + "%"
        return _plain(number)
    if kind == "date":
        return cell.get(OFFICE + "date-value", "").split("T")[0]
    if kind == "time":
        return cell.get(OFFICE + "time-value", "")
    if kind == "boolean":
        return cell.get(OFFICE + "boolean-value", "")
    if kind == "string":
        return cell.get(OFFICE + "string-value", "")
    return ""


def _plain(number: Decimal) -> str:
    """A value as a cell in the General format shows it: no exponent, no trailing zeros."""
    text = format(number.normalize(), "f")
    return text if text not in ("-0",) else "0"


# -- entry points -------------------------------------------------------------------------------------------

def extract_odt(path: str, data: bytes, options: Any = None) -> Extraction:
    """A text document; a 自评表 pasted into it as a picture is read as a Word document's is (pictures.py)."""
    document = odt_document(path, data, lang_of(options))
    return extract_with_pictures(path, document, options, "odt", paragraphs=True)


def extract_ods(path: str, data: bytes, options: Any = None) -> Extraction:
    return extract_document(path, ods_document(path, data, lang_of(options)), options, "ods")
