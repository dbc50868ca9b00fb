"""Tables as data: what every table reader (Word, Excel, PDF, text) produces, and what the 自评表 mapping reads.

A `Table` is a rectangular grid of `Cell`s. A merged cell (Word `w:vMerge`/`w:gridSpan`, an Excel merged range,
a PDF cell spanning several grid columns) is one `Cell` object placed in every grid slot it covers, with
`origin` the slot of its top-left corner; `Table.rows` therefore always has `width` slots per row.

Each cell carries `where`: the provenance of its text in the source file, as a dict with the keys of a
report provenance entry (`line`, `column`, `end_line`, `end_column`, `quote`, and where known `page`, `sheet`,
`cell`). The mapping adds `table`, `row`, `col` (1-based, within the table) and a `label`.

`text` is the cell's text as the reader sees it: for a spreadsheet number, as Excel shows it (the number format's
decimals; a percentage format as `91.67%`), so a figure keeps its stated precision whatever the format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .normalize import SourceLine


# the words that open a column of another period a form sets beside the year's (上年实际完成值, 1—6月执行数, 上半年支出,
# 前三季度执行进度): the readers of forms, of text tables and of the body's tables each add their own few to these
OTHER_PERIOD = r"上年|上一年度?|去年|\d{1,2}[—\-–~至到]\d{1,2}月|上半年|前三季度"
# what opens a multi-year project's column of its whole period or of all its years so far, beside the year's own
# (项目总预算, 以前年度累计支出, 累计执行数, 累计执行率, 总体指标值)
WHOLE_PERIOD = r"(?:项目)?(?:总预算|总投资|累计|以前年度|往年|总体指标|总体目标值|实施周期)"

@dataclass(slots=True, eq=False)
class Cell:
    text: str
    where: dict[str, Any] = field(default_factory=dict)
    origin: tuple[int, int] = (0, 0)  # (row, col) of the merged cell's top-left slot, 0-based
    rowspan: int = 1
    colspan: int = 1
    problem: str | None = None  # e.g. "formula_without_value": the reader could not give the cell's value
    # the cell was moved from where it stands in the source (an indicator block written across, turned to rows): its
    # `origin` is its place there, and is where a finding on it points
    moved: bool = False

    def place(self, row: int, col: int) -> tuple[int, int]:
        """Where the cell stands in the source, read at slot (row, col): its origin where it is merged or was moved
        there, else that slot."""
        return self.origin if (self.rowspan > 1 or self.colspan > 1 or self.moved) else (row, col)

    @property
    def clean(self) -> str:
        """The text with all white space removed (header words are matched on this)."""
        return "".join(self.text.split())


@dataclass(slots=True, eq=False)
class Table:
    rows: list[list[Cell]]
    index: int = 1  # 1-based number of the table in its document (or sheet order for a workbook)
    page: int | None = None  # first page (PDF) where known
    sheet: str | None = None  # worksheet name (Excel)
    picture: int | None = None  # read from a picture in the document (its number; on its page, a PDF's): pictures.py
    before: list[str] = field(default_factory=list)  # the lines of prose just above the table (title, year line)
    continued: bool = False  # the reader knows this table continues the previous one (next page, split table)
    truncated: bool = False  # the reader saw the table stop mid-row (a cut-off file)
    # a table printed in two parts side by side over two pages (pdftables._join_halves): the slot where the second
    # part begins and that part's number as a table of its page, so its cells are named where they are printed
    split: tuple[int, int] | None = None
    # a form written as lines of text, not a table (flatforms.py): its cells are pieces of lines, named by their line
    # and column; the table's number, rows and columns are the reader's and name nothing the reviewer can see
    written: bool = False
    # Text sources: the SourceLines just above and below the table (not part of any table), for the label /
    # value lines a text layer leaves outside it (部门（单位）名称 / 禾溪县档案馆 above, 自评等级 / 优 below).
    before_lines: list[SourceLine] = field(default_factory=list)
    after_lines: list[SourceLine] = field(default_factory=list)
    # the rows as the source lays them out, where the reader turned a block of them (see Cell.moved); else None
    source_rows: list[list[Cell]] | None = None

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell(self, row: int, col: int) -> Cell | None:
        if 0 <= row < len(self.rows) and 0 <= col < len(self.rows[row]):
            return self.rows[row][col]
        return None

    def row_texts(self, row: int) -> list[str]:
        """The clean text of each slot in a row; a merged cell's text appears in every slot it covers."""
        return [c.clean for c in self.rows[row]]

    def distinct(self, row: int) -> list[tuple[int, Cell]]:
        """The cells of a row, each merged cell once (at its first slot in this row)."""
        out: list[tuple[int, Cell]] = []
        seen: set[int] = set()
        for col, cell in enumerate(self.rows[row]):
            if id(cell) not in seen:
                seen.add(id(cell))
                out.append((col, cell))
        return out


def text_place(lines: list[SourceLine], quote: str, first: int, start: int, last: int, end: int) -> dict[str, Any]:
    """Where a piece of text stands among a text source's lines: from line index `first`, column `start` (0-based),
    to line index `last`, column `end` (exclusive); a cell's `where`."""
    where: dict[str, Any] = {"line": lines[first].number, "column": start + 1, "end_line": lines[last].number,
                             "end_column": max(end, start) + 1, "quote": quote}
    if lines[first].page is not None:
        where["page"] = lines[first].page
    return where


def grid(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Pad ragged rows with empty cells so every row has the same number of slots."""
    width = max((len(r) for r in rows), default=0)
    out = []
    for r, row in enumerate(rows):
        padded = list(row)
        while len(padded) < width:
            padded.append(Cell("", origin=(r, len(padded))))
        out.append(padded)
    return out


@dataclass(slots=True)
class Document:
    """What a format reader gives the extractors: the document's lines, and its tables.

    `prose` holds every `SourceLine` (see normalize.py) in reading order, numbered as the source numbers
    them; a line that is a table cell's text has `table` set, so the extractor keeps the lines of the tables
    it reads as 自评表 out of the prose and never reads a table's figures as the department's. `findings` are
    the reader's own notes (a formula without a cached value, an encrypted workbook...). A paged source also
    gives its page count and the pages that hold images but no text (`scanned`); a scan read by OCR, the pages
    whose content it could not read (`unread`: past the time limit, failed, or no text found)."""

    prose: list[Any]
    tables: list[Table]
    findings: list[Any] = field(default_factory=list)
    pages: int | None = None
    scanned: list[int] = field(default_factory=list)
    unread: list[int] = field(default_factory=list)
    # the pictures that may hold a form, as the reader describes them (Word: pictures.Picture; PDF: (page, box); a web
    # page: (attributes, lines before, tables before)), for its extractor to choose and read (pictures.py)
    pictures: list[Any] = field(default_factory=list)
    frames: list[str] = field(default_factory=list)  # a web page's frames' sources (<iframe src>: a PDF, a viewer)
    scripted: bool = False  # a web page whose scripts carry more text than it shows (its body built by them)


# A form that gives an indicator's weight and score in one column: 分值/得分 over 10/9.77 (heldout108's 龙游 form)
_PAIRED_HEADER = re.compile(r"(?:分值|权重|标准分值?|满分)[/／](?:得分|自评得分|实际得分)")
_PAIR = re.compile(r"\s*(\d+(?:\.\d+)?)\s*[/／]\s*(\d+(?:\.\d+)?)\s*")


def split_paired_columns(table: Table) -> bool:
    """Split a 分值/得分 column into a 分值 column and a 得分 column, each `10/9.77` under it into `10` and `9.77`, so
    the form is read as any other; whether any was split. Both halves keep the printed cell's place (its origin, a
    span of two), so a finding names the column the reviewer sees. Only pairs of numbers are split: a blank, a dash
    or a grade under the header stays whole. A header over two slots (a merged cell) is split in place; over one
    slot, the table gains a slot there, and every other row's cell in it covers both."""
    if not any(_PAIRED_HEADER.fullmatch(cell.clean) for row in table.rows for cell in row):
        return False
    changed = False
    while True:  # (one header at a time: a slot added moves every column after it)
        found = next(((r, c, cell) for r in range(len(table.rows)) for c, cell in table.distinct(r)
                      if _PAIRED_HEADER.fullmatch(cell.clean)), None)
        if found is None:
            return changed
        r0, c, header = found
        row = table.rows[r0]
        if c + 1 < len(row) and row[c + 1] is header:
            _split_in_place(table, r0, c)
        else:
            _split_into_new_slot(table, r0, c)
        changed = True


def _halves(cell: Cell, r: int, c: int, first: str, second: str) -> tuple[Cell, Cell]:
    origin = cell.place(r, c)
    return (Cell(first, dict(cell.where), origin, 1, 2, cell.problem),
            Cell(second, dict(cell.where), origin, 1, 2, cell.problem))


def _pair_texts(cell: Cell, header: bool) -> tuple[str, str] | None:
    if header:
        weight, _, score = cell.clean.replace("／", "/").partition("/")
        return weight, score
    found = _PAIR.fullmatch(cell.text)
    return (found.group(1), found.group(2)) if found else None


def _split_in_place(table: Table, r0: int, c: int) -> None:
    """A header merged over slots c and c+1: from it down, each cell over both slots that holds a pair is halved."""
    for r in range(r0, len(table.rows)):
        row = table.rows[r]
        if c + 1 >= len(row) or row[c] is not row[c + 1] or row[c].rowspan > 1:
            continue
        texts = _pair_texts(row[c], header=r == r0)
        if texts is not None:
            row[c], row[c + 1] = _halves(row[c], r, c, *texts)


def _split_into_new_slot(table: Table, r0: int, c: int) -> None:
    """A header in one slot: every row gains a slot after c; from the header down, a cell in slot c holding a pair is
    halved into both, and every other cell covers both (its span grows by one, once however many rows it spans)."""
    grown: set[int] = set()
    for r, row in enumerate(table.rows):
        if c >= len(row):
            continue
        cell = row[c]
        texts = _pair_texts(cell, header=r == r0) if r >= r0 and cell.rowspan == 1 and \
            (c + 1 >= len(row) or row[c + 1] is not cell) and (c == 0 or row[c - 1] is not cell) else None
        if texts is not None:
            left, right = _halves(cell, r, c, *texts)
            row[c:c + 1] = [left, right]
            continue
        if id(cell) not in grown:
            grown.add(id(cell))
            if cell.rowspan == 1 and cell.colspan == 1:
                cell.origin = (r, c)
            cell.colspan += 1
        row.insert(c + 1, cell)
