"""PDF tables from geometry: ruling lines and character positions (pypdfium2 only).

`pdf_document(path, data, lang)` reads a PDF into a `Document`:

- `prose`: every text-layer line of every page, exactly as `pdf.pdf_pages` gives them (a page's text split on
  line breaks, numbered from 1 on each page), as `SourceLine(text, number, page)`. A line whose characters lie
  (mostly) inside a detected table has `table` set to that table's 1-based number in the document; the other
  lines keep `table=None`. (All lines are kept so line numbers stay those of the text layer; a caller that
  wants only the prose outside tables keeps the lines whose `table` is None.)
- `tables`: the tables found from *positions*, never from the text stream (a text layer's order is often
  scrambled): the ruling lines of the page's path objects (line segments, thin filled rectangles, the four
  edges of rectangles; through form XObjects) are snapped (2 pt), collinear pieces joined, and each set of
  connected rules gives a grid (the distinct x of its vertical rules, the distinct y of its horizontal
  rules). Every grid rectangle is a slot; neighbouring slots with no rule between them are one merged
  `Cell` (rowspan/colspan/origin). Each character goes to the cell holding the centre of its box, and a
  cell's text is its characters in reading order (lines by y, top to bottom; characters by x), with the
  spaces the text layer has between them.
- `findings`: as `extract_pdf` reports them: a document without any text layer (an error), scanned pages
  (a warning).

A cell's `where` is {"page", "line", "column", "end_line", "end_column" (exclusive), "quote"}: the text-layer
line and column of the cell's first and last characters in reading order, and the cell's text. An empty
cell points, with zero width, at the first character of its row (or of its table).

A table at the top of page N+1 whose vertical rules line up with the table ending at the bottom of page N
(same outer edges, one set of x positions contained in the other) is `continued=True`, whether or not its
first row repeats the previous table's header (the mapping skips a repeated header). A merged cell cut by
the page break (e.g. the 产出指标 cell spanning rows on both pages) is an empty cell on page N+1, as the PDF
shows it: the mapping fills a blank first-level (or second-level) cell from the row above.

`Table.before` holds up to 3 lines of text just above the table on its page (by position, page numbers and
running headers left out), e.g. 项目支出绩效自评表, （2022年度）.

A table drawn with horizontal rules only (a 三线表: a rule above the header, one below it, one under the last
row; or a rule under every row) is read from the positions of its text: two or more rules of the same extent
with lines of text in columns between them; the columns from the gaps of the lines with most cells, the rows
from the lines holding two or more cells or a figure (a line of one cell close by is that row's wrapped text).
Text without any ruling line forms no table here (texttables.py reads tables laid out in text).
"""

from __future__ import annotations

import bisect
import ctypes
import math
import re
import statistics
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from types import ModuleType
from typing import Any, TypeAlias

from jixiao.kit import Finding, InputError

from .messages import message
from .normalize import _PAGE_NUMBER, SourceLine, unify_radicals
from .pdf import _LINE_BREAK, _NOISE, open_pdf
from .tables import Cell, Document, Table

SNAP = 2.0  # points: coordinates closer than this are the same rule position
THIN = 3.0  # points: a filled rectangle (or a path's bounds) this thin is a rule
MIN_RULE = 3.0  # points: shorter segments are decoration, not rules
COVER = 0.6  # a rule separates two slots when it covers this share of their common edge
MAX_SEGMENTS = 50_000  # path segments read per page; beyond, the page is a drawing, not a form
_WS = frozenset(" \t\u3000\u00a0")
# A line saying the table goes on from the previous page: 续表, （续）, 接上页.
_CONTINUATION = re.compile(r"^.{0,20}(?:续表|[（(]续[)）]|接上页|续上表)\S{0,4}$")
_DIGITS = re.compile(r"\d")
_PAGE_COUNTER = re.compile(r"第\s*\d{1,4}\s*页\s*[,，/]?\s*共\s*\d{1,4}\s*页\s*$|\b\d{1,4}\s*/\s*\d{1,4}\s*$")
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

# pdfium's C API is called through `pypdfium2.raw` (passed around as `c`, a module), on ctypes handles
# (FPDF_PAGE, FPDF_TEXTPAGE, FPDF_PAGEOBJECT, FPDF_PATHSEGMENT): pypdfium2 ships no annotations.
_Handle: TypeAlias = Any
# A rule: horizontal (y, x0, x1) or vertical (x, y0, y1).
_Rule: TypeAlias = tuple[float, float, float]


@dataclass(slots=True)
class _Char:
    index: int  # index in the text page
    text: str
    x0: float
    y0: float  # bottom
    x1: float
    y1: float  # top
    line: int  # 0-based line in the page's text layer
    col: int  # 0-based column in that line
    generated: bool = False  # white space pdfium inserted for a gap (not in the PDF's text)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(slots=True)
class _Grid:
    """One table on a page: its grid lines (xs left to right, ys top to bottom) and cells."""

    xs: list[float]
    ys: list[float]
    slots: list[list[int]]  # (row, col) → cell number
    spans: list[tuple[int, int, int, int]]  # cell number → (row0, col0, row1, col1), inclusive
    chars: list[list[_Char]] = field(default_factory=list)  # cell number → its characters
    down: list[float] = field(default_factory=list)  # -ys, ascending (for bisect)
    extent: tuple[float, float] | None = None  # a table ruled only horizontally: its rules' left and right ends
    runs_on: bool = False  # … whose rows go on to the page's end (its bottom rule is on the next page)

    def __post_init__(self) -> None:
        self.down = [-y for y in self.ys]

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] <= x <= self.xs[-1] and self.ys[-1] <= y <= self.ys[0]

    def slot_of(self, x: float, y: float) -> tuple[int, int]:
        col = min(max(bisect.bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        row = min(max(bisect.bisect_right(self.down, -y) - 1, 0), len(self.ys) - 2)
        return row, col


@dataclass(slots=True)
class _Page:
    number: int
    lines: list[str]
    chars: list[_Char]
    grids: list[_Grid]
    visual: list[tuple[float, float, str]] = field(default_factory=list)  # (top, bottom, text) outside tables
    running: set[int] = field(default_factory=set)  # indices into visual of running headers/footers
    pictures: list[tuple[float, float, float, float]] = field(default_factory=list)  # images that may be forms
    middle: float | None = None  # two pages printed on one sheet side by side: where they meet (`_two_up`)


# -- reading a page -------------------------------------------------------------------------------------
def pdf_document(path: str, data: bytes, lang: str = "zh") -> Document:
    """The text-layer lines (tagged with their table) and the ruled tables of a PDF; see the module doc."""
    pdfium, pdfium_c, document = open_pdf(path, data, lang)
    pages: list[_Page] = []
    prose: list[SourceLine] = []
    tables: list[Table] = []
    scanned: list[int] = []
    carry: tuple[float, float] | None = None  # a table ruled only horizontally that ran on to the previous page's end
    try:
        for number in range(len(document)):
            page = document[number]
            try:
                textpage = page.get_textpage()
                try:
                    raw = textpage.get_text_range()
                    chars, lines = _read_chars(pdfium_c, textpage.raw, raw)
                    width, height = pdfium_c.FPDF_GetPageWidthF(page.raw), pdfium_c.FPDF_GetPageHeightF(page.raw)
                    rules = _Rules(pdfium_c, width * height)
                    rules.walk_page(page.raw)
                    size = (width, height)
                    turn = _text_turn(chars)
                    if turn:  # (a page rotated to landscape, or a form drawn sideways: read as it is seen, upright)
                        _turn_chars(chars, turn, size)
                        _turn_rules(rules, turn, size)
                        width, height = height, width
                    struck, strikes = _struck(chars, rules.h)
                    if struck:  # (a Word document printed with its changes shown: what was deleted is struck through)
                        chars, lines = _read_chars(pdfium_c, textpage.raw, raw, struck)
                        if turn:
                            _turn_chars(chars, turn, size)
                        rules.h = [rule for rule in rules.h if rule not in strikes]
                finally:
                    textpage.close()
                if any(line.strip() for line in lines):
                    if _garbled("".join(lines)):  # a font without its character map: its text copies out as junk
                        chars, lines = [], []
                        scanned.append(number + 1)
                elif rules.images or rules.paths >= _DRAWN_PATHS:
                    scanned.append(number + 1)  # (a scanned page, or its text turned into outlines: only OCR can read it)
                pictures: list[tuple[float, float, float, float]] = []
                grids = _page_grids(pdfium_c, page.raw, chars, carry, pictures, rules) if chars else []
            finally:
                page.close()
            carry = _lay_page(_Page(number + 1, lines, chars, grids, pictures=pictures), width, height, pages, prose, tables)
    except pdfium.PdfiumError as exc:
        raise InputError(path, None, None, message("pdf_broken", lang, detail=str(exc))) from None
    finally:
        document.close()
    return _assemble(pages, prose, tables, scanned, lang)


_TURNED_SHARE = 3  # a page's text runs up (or down) where it steps that way this many times as often as any other way


def _text_turn(chars: list[_Char]) -> int:
    """+1 where the page's text runs bottom to top (a page turned to landscape by its /Rotate 90, or a form drawn
    sideways on a portrait page), -1 where it runs top to bottom (/Rotate 270), else 0: told from the steps between
    neighbouring characters of a line (a label set one character a line, 年 / 度 / 预 / 算, has none)."""
    up = down = across = 0
    previous: _Char | None = None
    for ch in chars:
        if ch.text in _WS or ch.x1 <= ch.x0:
            previous = None
            continue
        if previous is not None and previous.line == ch.line:
            dx, dy = ch.cx - previous.cx, ch.cy - previous.cy
            if abs(dy) > 2 * abs(dx):
                up, down = up + (dy > 0), down + (dy < 0)
            elif abs(dx) > 2 * abs(dy):
                across += 1
        previous = ch
    if up >= 10 and up > _TURNED_SHARE * (across + down):
        return 1
    if down >= 10 and down > _TURNED_SHARE * (across + up):
        return -1
    return 0


def _turn_point(x: float, y: float, turn: int, size: tuple[float, float]) -> tuple[float, float]:
    """A point of the page as it is seen with its text upright: a quarter turn clockwise (text that ran up) or
    anticlockwise (text that ran down)."""
    width, height = size
    return (y, width - x) if turn > 0 else (height - y, x)


def _turn_box(x0: float, y0: float, x1: float, y1: float, turn: int,
              size: tuple[float, float]) -> tuple[float, float, float, float]:
    (ax, ay), (bx, by) = _turn_point(x0, y0, turn, size), _turn_point(x1, y1, turn, size)
    return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def _turn_chars(chars: list[_Char], turn: int, size: tuple[float, float]) -> None:
    for ch in chars:
        if ch.x1 > ch.x0 or ch.y1 > ch.y0:
            ch.x0, ch.y0, ch.x1, ch.y1 = _turn_box(ch.x0, ch.y0, ch.x1, ch.y1, turn, size)


def _turn_rules(rules: _Rules, turn: int, size: tuple[float, float]) -> None:
    """The rules as seen upright: a vertical rule becomes a horizontal one and the other way about."""
    h: list[_Rule] = []
    v: list[_Rule] = []
    for x, y0, y1 in rules.v:
        a0, b0, a1, b1 = _turn_box(x, y0, x, y1, turn, size)
        h.append((b0, a0, a1))
    for y, x0, x1 in rules.h:
        a0, b0, a1, b1 = _turn_box(x0, y, x1, y, turn, size)
        v.append((a0, b0, b1))
    rules.h, rules.v = h, v
    rules.images = [_turn_box(*box, turn, size) for box in rules.images]


_DRAWN_PATHS = 300  # path objects on a page without text: its text was turned into outlines (a table's rules are fewer)


def _garbled(text: str) -> bool:
    """Whether a page's text layer is junk (a font whose glyphs map to no character or to Latin-1 letters: ÅÇÉÑ where
    the page shows Chinese): a fifth or more of its characters junk and hardly any Chinese among them."""
    shown = "".join(text.split())
    if len(shown) < 20:
        return False
    if len(_CHINESE.findall(shown)) > 0.05 * len(shown):
        return False  # (a page of Chinese: the usual case, told in C)
    junk = sum(1 for ch in shown if "\u00c0" <= ch <= "\u024f" or ch == "\ufffd" or unicodedata.category(ch) in _JUNK)
    return junk >= 0.2 * len(shown)


_JUNK = frozenset({"Cc", "Co", "Cn", "Cs"})
_CHINESE = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")


def _read_chars(c: ModuleType, textpage: _Handle, raw: str,
                drop: frozenset[int] = frozenset()) -> tuple[list[_Char], list[str]]:
    """The page's characters with their boxes and text-layer (line, column), and the page's lines as
    `pdf.pdf_pages` gives them (noise characters removed, split on line breaks). Where the page has text set at a
    slant (a watermark across it), those characters are left out, and so are those at the indices `drop` (struck
    through); a line whose every character stands apart (one text object each, spaced wide: 报 告 将 于 2 0 2 6 年)
    is read without the spaces between them."""
    count = c.FPDFText_CountChars(textpage)
    unified = unify_radicals(raw)  # (⺠ for 民, ⼯ for 工: what a font's glyph was mapped to, one for one)
    cleaned = _NOISE.sub("", unified)
    lines = _LINE_BREAK.split(cleaned) if cleaned else []
    if count <= 0:
        return [], lines
    units: str | list[str]
    if len(raw) == count:
        units = unified
    else:  # the text differs from the character list (characters outside the BMP): align them one by one
        units = [unify_radicals(unit) for unit in _align(c, textpage, raw, count)]
    askew = _askew_text(c, textpage, count)
    if askew or drop or _SPACED.search(unified):
        kept = list(units)
        for index in drop:
            kept[index] = ""
        if askew:
            _drop_askew(c, textpage, kept)
        _close_spacing(kept)
        if kept != list(units):
            units = kept
            cleaned = _NOISE.sub("", "".join(kept))
            lines = _LINE_BREAK.split(cleaned) if cleaned else []
    rect = c.FS_RECTF()
    loose_box = c.FPDFText_GetLooseCharBox
    chars: list[_Char] = []
    line = col = 0
    previous_cr = False
    noise = _NOISE.match
    for index in range(count):
        ch = units[index]
        if not ch or noise(ch):
            continue
        if ch == "\n":
            if not previous_cr:
                line, col = line + 1, 0
            previous_cr = False
            continue
        if ch == "\r":
            line, col = line + 1, 0
            previous_cr = True
            continue
        previous_cr = False
        if ch not in _WS and loose_box(textpage, index, rect):
            chars.append(_Char(index, ch, rect.left, min(rect.bottom, rect.top), rect.right,
                               max(rect.top, rect.bottom), line, col))
        elif ch in _WS:
            chars.append(_Char(index, ch, 0.0, 0.0, 0.0, 0.0, line, col, bool(c.FPDFText_IsGenerated(textpage, index))))
        col += len(ch)
    _visual_order(chars, lines)
    return chars, lines


# eight characters or more in a row, each alone between single spaces: a line spaced out letter by letter
_SPACED = re.compile(r"(?:(?<=[ \n\r])|^)(?:[^ \n\r] ){7}[^ \n\r](?=[ \n\r]|$)", re.MULTILINE)
_QUARTER = math.pi / 2
_SLANT = 0.05  # radians: a character turned by more than this from a right angle is set at a slant
_STRIDE = 3  # characters looked at for a slant: every third (a watermark's words run to several characters)


def _struck(chars: list[_Char], rules: list[_Rule]) -> tuple[frozenset[int], list[_Rule]]:
    """The characters struck through (a short horizontal rule across the middle of their glyphs, as Word prints a
    deletion with its changes shown), by their index in the text page, and the rules that strike them (no table's:
    a table's rule runs between its rows, and past its text)."""
    rows: dict[int, list[_Char]] = {}
    for ch in chars:
        if ch.text not in _WS and ch.y1 > ch.y0:
            rows.setdefault(int(ch.cy // 4), []).append(ch)
    if not rows:
        return frozenset(), []
    struck: set[int] = set()
    strikes: list[_Rule] = []
    for rule in rules:
        y, x0, x1 = rule
        hits = [ch for key in (int(y // 4) - 1, int(y // 4), int(y // 4) + 1) for ch in rows.get(key, ())
                if x0 <= ch.cx <= x1 and ch.y0 + 0.3 * (ch.y1 - ch.y0) <= y <= ch.y0 + 0.7 * (ch.y1 - ch.y0)]
        if not hits:
            continue
        width = max(ch.x1 - ch.x0 for ch in hits)
        if x0 < min(ch.x0 for ch in hits) - width or x1 > max(ch.x1 for ch in hits) + width \
                or sum(ch.x1 - ch.x0 for ch in hits) < 0.6 * (x1 - x0):
            continue  # (a rule past the text it crosses, or through a gap: drawn for another reason)
        struck.update(ch.index for ch in hits)
        strikes.append(rule)
    return frozenset(struck), strikes


def _slanted(turn: float) -> bool:
    return turn >= 0 and abs(turn % _QUARTER - _QUARTER / 2) < _QUARTER / 2 - _SLANT


def _askew_text(c: ModuleType, textpage: _Handle, count: int) -> bool:
    """Whether the page holds text turned by other than a right angle (a watermark across it), by a sample of its
    characters."""
    angle = c.FPDFText_GetCharAngle
    return any(_slanted(angle(textpage, index)) for index in range(0, count, _STRIDE))


def _drop_askew(c: ModuleType, textpage: _Handle, units: list[str]) -> None:
    """Blank the characters set at a slant (a watermark drawn across the page and its tables)."""
    angle = c.FPDFText_GetCharAngle
    for index, unit in enumerate(units):
        if unit and unit not in _WS and unit not in "\r\n" and _slanted(angle(textpage, index)):
            units[index] = ""


def _close_spacing(units: list[str]) -> None:
    """In each line spaced out letter by letter (nearly all its pieces one character: eight or more of them, or any
    number on a page spaced out so), blank the single spaces between characters; wider gaps (two spaces or more: a
    column's) stay."""
    lines: list[tuple[list[tuple[int, str]], int, int]] = []  # (its characters, single pieces, pieces)
    start = 0
    for end in [*(k for k, unit in enumerate(units) if unit in ("\n", "\r")), len(units)]:
        shown = [(k, units[k]) for k in range(start, end) if units[k]]
        start = end + 1
        words = [piece for piece in "".join(unit for _, unit in shown).split(" ") if piece]
        lines.append((shown, sum(1 for piece in words if len(piece) == 1), len(words)))
    on_page, of_page = sum(line[1] for line in lines), sum(line[2] for line in lines)
    page_spaced = on_page >= 30 and on_page >= 0.85 * of_page
    for shown, singles, pieces in lines:
        if singles < (2 if page_spaced else 8) or singles < 0.85 * pieces:
            continue
        for j in range(1, len(shown) - 1):
            if shown[j][1] == " " and shown[j - 1][1] != " " and shown[j + 1][1] != " ":
                units[shown[j][0]] = ""


def _visual_order(chars: list[_Char], lines: list[str]) -> None:
    """Text-layer lines whose characters run backwards somewhere (a writer that sets the quotation marks of
    “优” in a run of their own after the line: 自评结果为 优 的 “ ” 2), rewritten in the order they are printed: the
    characters by x, a space where the gap between two is wide (the text layer's own spaces dropped, as they
    stood for the gap the moved characters left). The characters' columns follow; other lines are untouched."""
    by_line: dict[int, list[_Char]] = {}
    for ch in chars:
        by_line.setdefault(ch.line, []).append(ch)
    for number, members in by_line.items():
        boxed = [ch for ch in members if ch.x1 > ch.x0]
        if len(boxed) < 2 or number >= len(lines):
            continue
        height = statistics.median(ch.y1 - ch.y0 for ch in boxed) or 1.0
        if all(b.x0 >= a.x0 - 0.5 * height for a, b in pairwise(boxed)):
            continue
        boxed.sort(key=lambda ch: ch.x0)
        text: list[str] = []
        for k, ch in enumerate(boxed):
            if k and ch.x0 - boxed[k - 1].x1 > 0.3 * height:
                text.append(" ")
            ch.col = len(text)
            text.append(ch.text)
        kept = {id(ch) for ch in boxed}
        chars[:] = [ch for ch in chars if ch.line != number or id(ch) in kept]
        lines[number] = "".join(text)


def _align(c: ModuleType, textpage: _Handle, raw: str, count: int) -> list[str]:
    """For each character index, its text in `raw` ("" where the text has none)."""
    units: list[str] = []
    j = 0
    for index in range(count):
        ch = chr(c.FPDFText_GetUnicode(textpage, index) or 0xFFFE)
        k = raw.find(ch, j, j + 4) if ch != "\ufffe" else -1
        if k >= 0:
            units.append(raw[k])
            j = k + 1
        else:
            units.append("")
    return units


# -- ruling lines ---------------------------------------------------------------------------------------
Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention: p' = p·m·n)."""
    a, b, c_, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c_ * a2 + d * c2, c_ * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]


class _Rules:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) rules collected from a page's path objects."""

    def __init__(self, c: ModuleType, page_area: float):
        self.c = c
        self.images: list[tuple[float, float, float, float]] = []  # (x0, y0, x1, y1) of each image on the page
        self.h: list[_Rule] = []
        self.v: list[_Rule] = []
        self.paths = 0  # path objects on the page, drawn or not
        self.segments = 0
        self.page_area = page_area
        self._l, self._b, self._r, self._t = (ctypes.c_float() for _ in range(4))
        self._x, self._y = ctypes.c_float(), ctypes.c_float()
        self._fill, self._stroke = ctypes.c_int(), ctypes.c_int()
        self._rgba = tuple(ctypes.c_uint() for _ in range(4))
        self._matrix = c.FS_MATRIX()

    def walk_page(self, page: _Handle) -> None:
        c = self.c
        for i in range(c.FPDFPage_CountObjects(page)):
            self._object(c.FPDFPage_GetObject(page, i), _IDENTITY, 0)

    def _object(self, obj: _Handle, parent: Matrix, depth: int) -> None:
        c = self.c
        kind = c.FPDFPageObj_GetType(obj)
        if kind == c.FPDF_PAGEOBJ_PATH:
            self._path(obj, parent)
        elif kind == c.FPDF_PAGEOBJ_IMAGE:
            if c.FPDFPageObj_GetBounds(obj, self._l, self._b, self._r, self._t):
                corners = [_apply(parent, x, y) for x in (self._l.value, self._r.value) for y in (self._b.value, self._t.value)]
                self.images.append((min(p[0] for p in corners), min(p[1] for p in corners),
                                    max(p[0] for p in corners), max(p[1] for p in corners)))
        elif kind == c.FPDF_PAGEOBJ_FORM and depth < 4:
            matrix = _mul(self._object_matrix(obj), parent)
            for i in range(c.FPDFFormObj_CountObjects(obj)):
                self._object(c.FPDFFormObj_GetObject(obj, i), matrix, depth + 1)

    def _object_matrix(self, obj: _Handle) -> Matrix:
        m = self._matrix
        if not self.c.FPDFPageObj_GetMatrix(obj, m):
            return _IDENTITY
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def _path(self, obj: _Handle, parent: Matrix) -> None:
        c = self.c
        self.paths += 1
        if self.segments > MAX_SEGMENTS:
            return
        if not c.FPDFPath_GetDrawMode(obj, self._fill, self._stroke) or (not self._fill.value and not self._stroke.value):
            return
        if not self._stroke.value and self._invisible_fill(obj):
            return  # a white or transparent background, not a rule
        if not c.FPDFPageObj_GetBounds(obj, self._l, self._b, self._r, self._t):
            return
        corners = [_apply(parent, x, y) for x, y in ((self._l.value, self._b.value), (self._r.value, self._t.value),
                                                      (self._l.value, self._t.value), (self._r.value, self._b.value))]
        x0, x1 = min(p[0] for p in corners), max(p[0] for p in corners)
        y0, y1 = min(p[1] for p in corners), max(p[1] for p in corners)
        w, h = x1 - x0, y1 - y0
        if w <= THIN and h >= MIN_RULE:  # a vertical line or thin bar: its centre line
            self.v.append(((x0 + x1) / 2, y0, y1))
            self.segments += 1
            return
        if h <= THIN and w >= MIN_RULE:
            self.h.append(((y0 + y1) / 2, x0, x1))
            self.segments += 1
            return
        if w < MIN_RULE and h < MIN_RULE or (w * h > 0.5 * self.page_area and not self._stroke.value):
            return  # a dot, or a page background
        if not self._stroke.value and self._dark_fill(obj):
            return  # a black box drawn over withheld text (a redaction), not a cell: its edges are no rules
        self._segments(obj, _mul(self._object_matrix(obj), parent))

    def _fill_colour(self, obj: _Handle) -> tuple[int, int, int, int] | None:
        """The path's fill colour (r, g, b, alpha), or None where PDFium gives none."""
        r, g, b, a = self._rgba
        if not self.c.FPDFPageObj_GetFillColor(obj, r, g, b, a):
            return None
        return r.value, g.value, b.value, a.value

    def _invisible_fill(self, obj: _Handle) -> bool:
        fill = self._fill_colour(obj)
        return fill is not None and (fill[3] == 0 or min(fill[:3]) >= 250)

    def _dark_fill(self, obj: _Handle) -> bool:
        fill = self._fill_colour(obj)
        return fill is not None and fill[3] >= 200 and max(fill[:3]) <= 60

    def _segments(self, obj: _Handle, matrix: Matrix) -> None:
        c = self.c
        count = c.FPDFPath_CountSegments(obj)
        self.segments += max(count, 0)
        if count <= 1 or self.segments > MAX_SEGMENTS:
            return
        x, y = self._x, self._y
        start = last = None
        for i in range(count):
            segment = c.FPDFPath_GetPathSegment(obj, i)
            if not segment or not c.FPDFPathSegment_GetPoint(segment, x, y):
                continue
            point = _apply(matrix, x.value, y.value)
            kind = c.FPDFPathSegment_GetType(segment)
            if kind == c.FPDF_SEGMENT_MOVETO:
                start = last = point
                continue
            if kind == c.FPDF_SEGMENT_LINETO and last is not None:
                self._edge(last, point)
            last = point
            if c.FPDFPathSegment_GetClose(segment) and start is not None:
                self._edge(point, start)
                last = start

    def _edge(self, p: tuple[float, float], q: tuple[float, float]) -> None:
        (ax, ay), (bx, by) = p, q
        if abs(ax - bx) <= 1.0 and abs(ay - by) >= MIN_RULE:
            self.v.append(((ax + bx) / 2, min(ay, by), max(ay, by)))
        elif abs(ay - by) <= 1.0 and abs(ax - bx) >= MIN_RULE:
            self.h.append(((ay + by) / 2, min(ax, bx), max(ax, bx)))


def _cluster(values: list[float]) -> list[float]:
    """Sorted distinct positions: values within SNAP of a cluster's first value join it (mean kept)."""
    out: list[float] = []
    group: list[float] = []
    for v in sorted(values):
        if group and v - group[0] > SNAP:
            out.append(sum(group) / len(group))
            group = []
        group.append(v)
    if group:
        out.append(sum(group) / len(group))
    return out


def _snap(value: float, positions: list[float]) -> int:
    """Index of the position nearest to value."""
    k = bisect.bisect_left(positions, value)
    if k == 0:
        return 0
    if k == len(positions):
        return k - 1
    return k if positions[k] - value < value - positions[k - 1] else k - 1


def _join(segments: list[_Rule]) -> list[_Rule]:
    """Collinear rules (same position within SNAP) joined where they overlap or touch."""
    if not segments:
        return []
    positions = _cluster([s[0] for s in segments])
    by_position: dict[int, list[tuple[float, float]]] = {}
    for pos, a, b in segments:
        by_position.setdefault(_snap(pos, positions), []).append((a, b))
    out = []
    for k, spans in by_position.items():
        spans.sort()
        a, b = spans[0]
        for a2, b2 in spans[1:]:
            if a2 <= b + SNAP:
                b = max(b, b2)
            else:
                out.append((positions[k], a, b))
                a, b = a2, b2
        out.append((positions[k], a, b))
    return out


def _components(h: list[_Rule], v: list[_Rule]) -> list[tuple[list[_Rule], list[_Rule]]]:
    """Sets of rules that touch one another (each set is one table's frame)."""
    parent = list(range(len(h) + len(v)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(h)), key=lambda i: h[i][0])
    ys = [h[i][0] for i in order]
    for j, (x, y0, y1) in enumerate(v):
        lo, hi = bisect.bisect_left(ys, y0 - SNAP), bisect.bisect_right(ys, y1 + SNAP)
        for k in range(lo, hi):
            i = order[k]
            _, x0, x1 = h[i]
            if x0 - SNAP <= x <= x1 + SNAP:
                a, b = find(i), find(len(h) + j)
                if a != b:
                    parent[a] = b
    groups: dict[int, tuple[list[_Rule], list[_Rule]]] = {}
    for i, seg in enumerate(h):
        groups.setdefault(find(i), ([], []))[0].append(seg)
    for j, seg in enumerate(v):
        groups.setdefault(find(len(h) + j), ([], []))[1].append(seg)
    return [g for g in groups.values() if g[0] and g[1]]


def _covered(spans: Iterable[tuple[float, float]], a: float, b: float) -> bool:
    """Whether the rules at one position cover at least COVER of the interval [a, b]."""
    need = COVER * (b - a)
    total = 0.0
    for s, e in spans:
        total += max(0.0, min(e, b) - max(s, a))
        if total >= need:
            return True
    return False


def _grid(h: list[_Rule], v: list[_Rule]) -> _Grid | None:
    xs = _cluster([s[0] for s in v] + [s[1] for s in h] + [s[2] for s in h])
    ys_up = _cluster([s[0] for s in h] + [s[1] for s in v] + [s[2] for s in v])
    if len(xs) < 2 or len(ys_up) < 2:
        return None
    ys = ys_up[::-1]  # top to bottom
    nrows, ncols = len(ys) - 1, len(xs) - 1
    if nrows * ncols > 20_000:
        return None
    vrules: dict[int, list[tuple[float, float]]] = {}
    for x, y0, y1 in v:
        vrules.setdefault(_snap(x, xs), []).append((y0, y1))
    hrules: dict[int, list[tuple[float, float]]] = {}
    for y, x0, x1 in h:
        hrules.setdefault(_snap(y, ys_up), []).append((x0, x1))
    # union-find over slots: neighbours with no rule between them are one cell
    parent = list(range(nrows * ncols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    for r in range(nrows):
        top, bottom = ys[r], ys[r + 1]
        for k in range(1, ncols):
            if not _covered(vrules.get(k, ()), bottom, top):
                union(r * ncols + k - 1, r * ncols + k)
    for r in range(1, nrows):
        up_index = len(ys_up) - 1 - r  # ys[r] in ascending order
        spans = hrules.get(up_index, ())
        for k in range(ncols):
            if not _covered(spans, xs[k], xs[k + 1]):
                union((r - 1) * ncols + k, r * ncols + k)
    # merged cells are rectangles: grow each group to its bounding box until no two boxes overlap
    while True:
        boxes: dict[int, list[int]] = {}
        for r in range(nrows):
            for k in range(ncols):
                root = find(r * ncols + k)
                box = boxes.get(root)
                if box is None:
                    boxes[root] = [r, k, r, k]
                else:
                    box[0], box[1] = min(box[0], r), min(box[1], k)
                    box[2], box[3] = max(box[2], r), max(box[3], k)
        changed = False
        for root, (r0, k0, r1, k1) in boxes.items():
            for r in range(r0, r1 + 1):
                for k in range(k0, k1 + 1):
                    if find(r * ncols + k) != find(root):
                        union(root, r * ncols + k)
                        changed = True
        if not changed:
            break
    numbers: dict[int, int] = {}
    spans_out: list[tuple[int, int, int, int]] = []
    slots = [[0] * ncols for _ in range(nrows)]
    for r in range(nrows):
        for k in range(ncols):
            root = find(r * ncols + k)
            if root not in numbers:
                numbers[root] = len(spans_out)
                r0, k0, r1, k1 = boxes[root]
                spans_out.append((r0, k0, r1, k1))
            slots[r][k] = numbers[root]
    if len(spans_out) < 2:
        return None  # a frame around text (a box), not a table
    return _Grid(xs, ys, slots, spans_out, [[] for _ in spans_out])


def _page_grids(c: ModuleType, page: _Handle, chars: list[_Char], carry: tuple[float, float] | None = None,
                pictures: list[tuple[float, float, float, float]] | None = None,
                rules: _Rules | None = None) -> list[_Grid]:
    """The page's ruled tables; into `pictures`, the images on it that may be forms pasted as pictures (see
    `_pictures`). `rules`: the page's rules where walked already."""
    if rules is None:
        rules = _Rules(c, c.FPDF_GetPageWidthF(page) * c.FPDF_GetPageHeightF(page))
        rules.walk_page(page)
    if pictures is not None:
        pictures.extend(_pictures(rules.images, chars))
    if not rules.h or rules.segments > MAX_SEGMENTS:
        return []
    return ruled_grids(rules.h, rules.v, chars, carry)


def ruled_grids(h: list[_Rule], v: list[_Rule], chars: list[_Char], carry: tuple[float, float] | None = None) -> list[_Grid]:
    """The tables the rules draw (horizontal (y, x0, x1) and vertical (x, y0, y1), in points, y up), each holding the
    characters inside its cells; a table ruled only horizontally too (`_open_grids`). For any reader that places
    characters and rules on a page: a PDF's (pdfium), an OFD's (ofd.py)."""
    if not h:
        return []
    grids = []
    h = _join(h)
    if v:
        for hs, vs in _components(h, _join(v)):
            grid = _grid(hs, vs)
            if grid is not None:
                grids.append(grid)
    grids += _open_grids(h, grids, chars, carry)
    grids.sort(key=lambda g: (-g.top, g.xs[0]))
    for ch in chars:
        if ch.text in _WS:
            continue
        # (a closing mark hangs past the cell's right rule, as Word and reportlab set Chinese punctuation at a line's
        # end: its cell is where it starts, with the character before it)
        x, y = (ch.x0 + 0.2 if ch.text in _HANGING else ch.cx), ch.cy
        for grid in grids:
            if grid.contains(x, y):
                r, k = grid.slot_of(x, y)
                grid.chars[grid.slots[r][k]].append(ch)
                break
    return [g for g in grids if any(g.chars)]


_HANGING = frozenset("。，、；：！？）》」』”’")

PICTURE_TEXT = 20  # text-layer characters inside an image: it is read already (a scan made searchable, text over a picture)


def _pictures(images: list[tuple[float, float, float, float]], chars: list[_Char]) -> list[tuple[float, float, float, float]]:
    """The images large enough to hold a form (pictures.large_enough) that the text layer does not already cover, in
    reading order (top to bottom)."""
    from .pictures import large_enough

    cm = 72 / 2.54
    out = []
    for x0, y0, x1, y1 in _joined(images):
        if not large_enough((x1 - x0) / cm, (y1 - y0) / cm):
            continue
        inside = sum(1 for ch in chars if ch.text not in _WS and x0 <= ch.cx <= x1 and y0 <= ch.cy <= y1)
        if inside < PICTURE_TEXT:
            out.append((x0, y0, x1, y1))
    return sorted(out, key=lambda box: (-box[3], box[0]))


STRIP_GAP = 1.5  # points: images of one picture written in strips (some PDF printers) meet within this


def _joined(images: list[tuple[float, float, float, float]]) -> list[tuple[float, float, float, float]]:
    """Images that are strips of one picture (stacked with the same sides, or side by side with the same top and
    bottom, meeting within STRIP_GAP) joined into it."""
    boxes = sorted(images, key=lambda box: (-box[3], box[0]))
    joined = len(boxes) <= 200  # (a page of hundreds of images is a drawing: no strips joined, in no quadratic time)
    while joined:
        joined = False
        for i, a in enumerate(boxes):
            for j in range(i + 1, len(boxes)):
                b = boxes[j]
                stacked = abs(a[0] - b[0]) <= STRIP_GAP and abs(a[2] - b[2]) <= STRIP_GAP and (
                    abs(a[1] - b[3]) <= STRIP_GAP or abs(b[1] - a[3]) <= STRIP_GAP)
                beside = abs(a[1] - b[1]) <= STRIP_GAP and abs(a[3] - b[3]) <= STRIP_GAP and (
                    abs(a[2] - b[0]) <= STRIP_GAP or abs(b[2] - a[0]) <= STRIP_GAP)
                if stacked or beside:
                    boxes[i] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
                    del boxes[j]
                    joined = True
                    break
            if joined:
                break
    return boxes


# -- tables drawn with horizontal rules only (三线表) ------------------------------------------------------
OPEN_MIN_WIDTH = 120.0  # points: a shorter horizontal rule underlines a word or a signature, it frames no table
_FIGURE = re.compile(r"^[-+－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[%％]?$")
# a table's caption or unit line: between two tables, never inside one
_CAPTION = re.compile(r"^(?:续?表\s*[\d一二三四五六七八九十]|附表)|单位[:：]")
# a line of one cell that is a row of its own, never the wrapped text of the row above or below
_OWN_ROW = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．]|"
                      r"合\s*计|总\s*计|小\s*计|其\s*中)")


def _open_grids(h: list[_Rule], ruled: list[_Grid], chars: list[_Char], carry: tuple[float, float] | None) -> list[_Grid]:
    """Tables drawn with horizontal rules only (a 三线表: a rule above the header, one below it and one under
    the last row; or a rule under every row): two or more rules of the same extent with lines of text in
    columns between them (no wide line of one cell: that is prose). Rules inside a ruled table are that table's.
    A page break cuts such a table where its bottom rule is not drawn: the lowest table goes on to the page's
    end where all the lines below its last rule are rows; and where the previous page's table ran on (`carry`,
    its rules' extent), the rows at the top of this page down to a rule of that extent are its rest."""
    free = [rule for rule in h if rule[2] - rule[1] >= OPEN_MIN_WIDTH and not any(
        g.xs[0] - SNAP <= rule[1] and rule[2] <= g.xs[-1] + SNAP and g.bottom - SNAP <= rule[0] <= g.top + SNAP
        for g in ruled)]
    if not free or len(free) < 2 and carry is None:
        return []
    loose = [ch for ch in chars if ch.text not in _WS and not any(g.contains(ch.cx, ch.cy) for g in ruled)]
    groups: list[list[_Rule]] = []  # rules of one extent, top to bottom
    for rule in sorted(free, key=lambda r: -r[0]):
        for group in groups:
            if abs(group[0][1] - rule[1]) <= 3 * SNAP and abs(group[0][2] - rule[2]) <= 3 * SNAP:
                group.append(rule)
                break
        else:
            groups.append([rule])
    out = []
    for group in groups:
        x0, x1 = min(r[1] for r in group), max(r[2] for r in group)
        inside = [ch for ch in loose if x0 - SNAP <= ch.cx <= x1 + SNAP]
        run = [group[0]]  # the rules around bands of lines in columns (a band without text goes on with the run)
        runs = []
        for upper, lower in pairwise(group):
            lines = _reading_lines([ch for ch in inside if lower[0] < ch.cy < upper[0]])
            cells = [len(_pieces(line)) for line in lines]
            if not lines or (max(cells) >= 2
                             and not any(_wide(line, x1 - x0) for line, n in zip(lines, cells, strict=True) if n == 1)
                             and not (len(run) > 1 and any(_CAPTION.search(_text(line)) for line in lines))):
                run.append(lower)
                continue
            if len(run) >= 2:
                runs.append(run)
            run = [lower]
        if len(run) >= 2:
            runs.append(run)
        spans = [(run[0][0], run[-1][0]) for run in runs]  # (top, bottom)
        runs_on = False
        if spans:
            below = _reading_lines([ch for ch in inside if ch.cy < spans[-1][1]])
            k = _rows_to_page_end(below, x1 - x0)
            if k:
                spans[-1], runs_on = (spans[-1][0], min(ch.y0 for ch in below[k - 1]) - 1), True
        if carry is not None and abs(carry[0] - x0) <= 3 * SNAP and abs(carry[1] - x1) <= 3 * SNAP \
                and (not runs or runs[0][0] is not group[0]):
            above = _reading_lines([ch for ch in inside if ch.cy > group[0][0]])[::-1]  # upwards from the rule
            k = _rows_to_page_end(above, x1 - x0)
            if k:
                spans.insert(0, (max(ch.y1 for ch in above[k - 1]) + 1, group[0][0]))
        for n, (top, bottom) in enumerate(spans):
            grid = _open_grid(top, bottom, x0, x1, [ch for ch in inside if bottom < ch.cy < top])
            if grid is not None:
                grid.extent, grid.runs_on = (x0, x1), runs_on and n == len(spans) - 1
                out.append(grid)
    return out


def _rows_to_page_end(lines: list[list[_Char]], width: float) -> int:
    """How many of `lines` (from a table's rule away from it: down to the page's foot, or up to its head) are
    the table's rows running on to the page's end: lines in columns or short ones, then at most two short lines
    (a page number, a running header or footer) after a gap. 0 where prose or another table follows."""
    if not lines or len(_pieces(lines[0])) < 2:
        return 0
    size = statistics.median(ch.y1 - ch.y0 for ch in lines[0])
    k = 0
    while k < len(lines):
        line = lines[k]
        if _PAGE_NUMBER.match(_text(line)):
            break
        if k and min(abs(a.cy - b.cy) for a in lines[k - 1][:1] for b in line[:1]) > 3 * size:
            break
        if len(_pieces(line)) == 1 and _wide(line, width):
            return 0
        k += 1
    rest = lines[k:]
    if len(rest) > 2 or any(len(_pieces(line)) > 1 for line in rest):
        return 0
    return k


def _text(chars: list[_Char]) -> str:
    return "".join(ch.text for ch in chars)


def _wide(line: list[_Char], width: float) -> bool:
    """Whether a line of one cell runs over more than half the table's width (a line of prose)."""
    return 2 * (line[-1].x1 - line[0].x0) > width


def _pieces(line: list[_Char]) -> list[list[_Char]]:
    """A line of characters cut where the gap between two is wider than three quarters of the type size (the
    space between two cells, never a space inside one)."""
    gap = max(4.0, 0.75 * max(ch.y1 - ch.y0 for ch in line))
    pieces = [[line[0]]]
    spaced = True  # the piece so far is single characters a wide gap apart
    for a, b in pairwise(line):
        wide = b.x0 - a.x1 > gap
        # (a label spaced out over its cell, 合　　计 or 项 目 名 称: one CJK character after another stays one cell)
        if wide and not (spaced and _cjk(a.text) and _cjk(b.text) and b.x0 - a.x1 < 4 * gap):
            pieces.append([b])
            spaced = True
        else:
            pieces[-1].append(b)
            spaced = spaced and wide
    return pieces


def _open_grid(top: float, bottom: float, x0: float, x1: float, chars: list[_Char]) -> _Grid | None:
    """The grid of a table without vertical rules: its columns from the gaps of the lines with most cells (the
    cells of those lines line up), its rows from the lines holding two or more cells or a figure; a line of one
    cell close to such a line is that row's wrapped text, a label such as 合计 or 一、 a row of its own. The lines
    above the first figure are the header, each a row, where a cell over two columns is one merged cell. None
    where the text does not line up in columns (prose between two rules)."""
    lines = _reading_lines(chars)
    if len(lines) < 3:
        return None
    pieces = [_pieces(line) for line in lines]
    counts = [len(p) for p in pieces]
    common = [n for n in set(counts) if n >= 2 and counts.count(n) >= 2]
    if not common:
        return None
    most = max(common)
    full = [p for p in pieces if len(p) == most]
    spans = [(min(p[k][0].x0 for p in full), max(p[k][-1].x1 for p in full)) for k in range(most)]
    if any(a[1] >= b[0] for a, b in pairwise(spans)):
        return None  # the cells of those lines do not line up
    xs = [min(x0, spans[0][0] - 1)] + [(a[1] + b[0]) / 2 for a, b in pairwise(spans)] + [max(x1, spans[-1][1] + 1)]
    texts = [_text(line) for line in lines]
    figure = next((i for i, p in enumerate(pieces) if any(_FIGURE.match(_text(piece)) for piece in p)), None)
    if figure is None:
        return None
    size = statistics.median(ch.y1 - ch.y0 for ch in chars)
    centres = [statistics.fmean(ch.cy for ch in line) for line in lines]
    anchors = [i for i in range(figure, len(lines)) if counts[i] >= 2 or _OWN_ROW.match(texts[i])
               or any(_FIGURE.match(_text(piece)) for piece in pieces[i])]
    row_of: list[int] = list(range(figure))  # each header line a row of its own
    for i in range(figure, len(lines)):
        if i in anchors:
            row_of.append(i)
            continue
        near = min(anchors, key=lambda a: (abs(centres[a] - centres[i]), a))
        if abs(centres[near] - centres[i]) <= 1.6 * size:
            row_of.append(near)
        elif _wide(lines[i], xs[-1] - xs[0]):
            return None  # a wide line of one cell far from any row: prose, not a table
        else:
            row_of.append(i)
    groups: list[list[int]] = []
    for i, key in enumerate(row_of):
        if groups and row_of[groups[-1][0]] == key:
            groups[-1].append(i)
        else:
            groups.append([i])
    ys = [top]
    for a, b in pairwise(groups):
        low = min(ch.y0 for i in a for ch in lines[i])
        high = max(ch.y1 for i in b for ch in lines[i])
        cut = (low + high) / 2 if low >= high else (centres[a[-1]] + centres[b[0]]) / 2
        if not bottom < cut < ys[-1]:
            return None
        ys.append(cut)
    ys.append(bottom)
    ncols = len(xs) - 1
    slots: list[list[int]] = []
    spans_out: list[tuple[int, int, int, int]] = []
    for r, group in enumerate(groups):
        row = [-1] * ncols
        if group[0] < figure:  # a header cell over two or more columns is one cell
            for piece in pieces[group[0]]:
                covered = [k for k in range(ncols) if piece[0].x0 < xs[k + 1] - SNAP and piece[-1].x1 > xs[k] + SNAP]
                if len(covered) > 1 and all(row[k] == -1 for k in covered):
                    for k in covered:
                        row[k] = len(spans_out)
                    spans_out.append((r, covered[0], r, covered[-1]))
        for k in range(ncols):
            if row[k] == -1:
                row[k] = len(spans_out)
                spans_out.append((r, k, r, k))
        slots.append(row)
    return _Grid(xs, ys, slots, spans_out, [[] for _ in spans_out])


# -- text in reading order ------------------------------------------------------------------------------
def _reading_lines(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped into lines by y (top to bottom), each line ordered by x."""
    ordered = sorted(chars, key=lambda ch: -ch.cy)
    lines: list[list[_Char]] = []
    centre = low = high = 0.0
    for ch in ordered:
        height = max(ch.y1 - ch.y0, 1.0)
        if lines and (abs(centre - ch.cy) <= max(SNAP, 0.5 * height)
                      or height < 0.6 * (high - low) and ch.y0 >= low - SNAP and ch.y1 <= high + SNAP):
            # (a comma's box sits low in its line: 少，调查 is one line, not 少调查 and a line of its own ，)
            lines[-1].append(ch)
            centre += (ch.cy - centre) / len(lines[-1])
            low, high = min(low, ch.y0), max(high, ch.y1)
        else:
            lines.append([ch])
            centre, low, high = ch.cy, ch.y0, ch.y1
    for line in lines:
        line.sort(key=lambda ch: ch.x0)
    return lines


def _line_text(line: list[_Char], spaces: dict[int, str]) -> str:
    """A line's text with the white space the text layer has between neighbouring characters."""
    parts = [line[0].text]
    for a, b in pairwise(line):
        between = spaces.get(a.index)
        if between is not None and b.index == a.index + len(between) + 1:
            parts.append(between)
        parts.append(b.text)
    return "".join(parts)


def _cjk(ch: str) -> bool:
    return ord(ch[0]) > 0x2E7F


def _join_lines(texts: list[str]) -> str:
    out = texts[0] if texts else ""
    for text in texts[1:]:
        if out and text and out[-1].isascii() and out[-1].isalpha() and text[0].isascii() and text[0].isalpha():
            out += " "  # two words wrapped apart; a number wrapped in a narrow cell (9 / 5%) joins up
        out += text
    return out


def _spaces(chars: list[_Char]) -> dict[int, str]:
    """For each character followed in the text layer by white space (on the same line): that white space.
    A space pdfium inserted for a gap next to a CJK character (a font change: 指标 42) is left out."""
    out: dict[int, str] = {}
    run: list[_Char] = []
    before: _Char | None = None
    for ch in chars:
        if ch.text in _WS:
            if before is not None and (not run or run[-1].index == ch.index - 1) and ch.line == before.line:
                run.append(ch)
            continue
        if before is not None and run and run[0].index == before.index + 1 and run[-1].index == ch.index - 1:
            if not (all(r.generated for r in run) and (_cjk(before.text) or _cjk(ch.text))):
                out[before.index] = "".join(r.text for r in run)
        before, run = ch, []
    return out


# -- assembling the document ----------------------------------------------------------------------------
Char = _Char  # (public: what a reader that places characters itself builds pages from)


def laid_out_document(pages: list[tuple[list[str], list[_Char], list[_Rule], list[_Rule], float, float]],
                      scanned: list[int], lang: str = "zh") -> Document:
    """A document from pages laid out by another reader: each page's text lines, its characters (each naming its line
    and column there, in points with y up), its horizontal and vertical rules, and its width and height. Tables are
    read from the rules as a PDF's are; the lines outside them are the prose."""
    laid: list[_Page] = []
    prose: list[SourceLine] = []
    tables: list[Table] = []
    carry: tuple[float, float] | None = None
    for number, (lines, chars, h, v, width, height) in enumerate(pages, start=1):
        grids = ruled_grids(h, v, chars, carry) if chars and len(h) + len(v) <= MAX_SEGMENTS else []
        carry = _lay_page(_Page(number, lines, chars, grids), width, height, laid, prose, tables)
    return _assemble(laid, prose, tables, scanned, lang)


def _lay_page(page: _Page, width: float, height: float, pages: list[_Page], prose: list[SourceLine],
              tables: list[Table]) -> tuple[float, float] | None:
    """A page read (`_read_page`) and added to `pages`, its tables in reading order (two pages a sheet: the left one's
    first); what a table ruled only horizontally that runs on to the next page carries there."""
    page.middle = _two_up(width, height, page.chars)
    middle = page.middle
    if middle is not None:
        page.grids.sort(key=lambda g: (g.xs[0] >= middle, -g.top, g.xs[0]))
    carry = page.grids[-1].extent if page.grids and page.grids[-1].runs_on else None
    pages.append(page)
    _read_page(page, prose, tables)
    return carry


def _read_page(page: _Page, prose: list[SourceLine], tables: list[Table]) -> None:
    """A page's tables and tagged lines; then the page keeps only what the document-level passes need
    (its lines of text outside tables by position, its grids' rules), not its characters."""
    page_lines = [SourceLine(text, number, page.number) for number, text in enumerate(page.lines, start=1)]
    spaces = _spaces(page.chars)
    in_table: set[int] = set()
    first_table = len(tables) + 1
    for grid in page.grids:
        tables.append(_table(grid, page, spaces, len(tables) + 1))
        for cell_chars in grid.chars:
            in_table.update(id(ch) for ch in cell_chars)
    page.visual = _visual_lines([ch for ch in page.chars if ch.text not in _WS and id(ch) not in in_table], spaces)
    _tag_lines(page, page_lines, first_table)
    ordered = _reading_order(page, page_lines)
    if ordered is not None:  # (its tables' cells name their lines as now numbered)
        renumbered = {old: line.number for old, line in ordered}
        for table in tables[first_table - 1:]:
            for row in table.rows:
                for cell in {id(cell): cell for cell in row}.values():
                    for key in ("line", "end_line"):
                        if key in cell.where:
                            cell.where[key] = renumbered.get(cell.where[key], cell.where[key])
        page_lines = [line for _, line in ordered]
    prose.extend(page_lines)
    page.chars = []
    for grid in page.grids:
        grid.chars = []


def _assemble(pages: list[_Page], prose: list[SourceLine], tables: list[Table], scanned: list[int],
              lang: str) -> Document:
    _mark_running(pages)
    number = 0
    for page in pages:
        for k, grid in enumerate(page.grids):
            table = tables[number]
            above_limit = page.grids[k - 1].bottom if k else float("inf")
            table.before = [text for i, (top, bottom, text) in enumerate(page.visual)
                            if bottom >= grid.top - SNAP and top <= above_limit + SNAP and i not in page.running
                            and not _PAGE_NUMBER.match(text.strip())][-3:]
            number += 1
    _mark_continued(pages, tables)
    tables = _join_halves(pages, tables, prose)
    pictures = [(page.number, box) for page in pages for box in page.pictures]
    return Document(prose, tables, _findings(pages, scanned, lang), pages=len(pages), scanned=scanned, pictures=pictures)


def _join_halves(pages: list[_Page], tables: list[Table], prose: list[SourceLine]) -> list[Table]:
    """A form printed wider than its paper (a workbook printed without fitting it to the page): its left columns on
    one page, the rest on the next, row for row. A page's last table and the next page's first, with the same rows
    (as many, each as tall) and not the same labels down their first column (a second form of the same layout has
    them), are one table: the second's columns go on after the first's, its cells keeping the page they are on."""
    located = [(page, k, grid) for page in pages for k, grid in enumerate(page.grids)]
    if len(located) != len(tables) or len(tables) < 2:
        return tables
    joined: set[int] = set()
    for n in range(len(tables) - 1):
        (page, k, grid), (page2, k2, grid2) = located[n], located[n + 1]
        left, right = tables[n], tables[n + 1]
        if n in joined or page2.number != page.number + 1 or k2 != 0 or k != len(page.grids) - 1 \
                or len(grid.ys) != len(grid2.ys) or len(grid.ys) < 5 or len(left.rows) != len(right.rows):
            continue
        heights = [(a - b, c - d) for (a, b), (c, d) in zip(pairwise(grid.ys), pairwise(grid2.ys), strict=True)]
        if any(abs(one - two) > 1.5 for one, two in heights):
            continue
        labels = sum(1 for one, two in zip(left.rows, right.rows, strict=True) if one[0].clean and one[0].clean == two[0].clean)
        if labels >= 0.3 * len(left.rows):
            continue  # (the same labels down the side: another form, or the same one again)
        side = [row[0].clean for row in right.rows if row[0].clean]
        if sum(1 for text in side if not _DIGITS.search(text)) > 0.6 * len(side):
            continue  # (names down its side: a table of its own, of projects or units, as tall as the one before)
        if _content(page, float("-inf"), grid.bottom, footers=True) or _content(page2, float("-inf"), grid2.bottom, footers=True):
            continue  # (text under either: each page goes on with its own report, not with the other half of a form)
        width = left.width
        for row, more in zip(left.rows, right.rows, strict=True):
            for cell in {id(cell): cell for cell in more}.values():
                if cell.origin[1] < width:
                    cell.origin = (cell.origin[0], cell.origin[1] + width)
            row.extend(more)
        for line in prose:
            if line.table == right.index:
                line.table = left.index
        left.split = (width, right.index)
        joined.add(n + 1)
    return [table for n, table in enumerate(tables) if n not in joined]


def _table(grid: _Grid, page: _Page, spaces: dict[int, str], index: int) -> Table:
    cells: list[Cell] = []
    for number, (r0, k0, r1, k1) in enumerate(grid.spans):
        chars = grid.chars[number]
        if chars:
            lines = _reading_lines(chars)
            text = _join_lines([_line_text(line, spaces) for line in lines])
            first, last = lines[0][0], lines[-1][-1]
            where = {"page": page.number, "line": first.line + 1, "column": first.col + 1,
                     "end_line": last.line + 1, "end_column": last.col + 1 + len(last.text), "quote": text}
        else:
            text, where = "", {}
        cells.append(Cell(text, where, origin=(r0, k0), rowspan=r1 - r0 + 1, colspan=k1 - k0 + 1))
    # empty cells: a zero-width place at the first character of their row (or of the table)
    table_first = next((c.where for c in cells if c.where), None)
    for cell in cells:
        if cell.where:
            continue
        r0 = cell.origin[0]
        anchor = next((cells[n].where for n in grid.slots[r0] if cells[n].where), table_first)
        if anchor is not None:
            cell.where = {"page": page.number, "line": anchor["line"], "column": anchor["column"],
                          "end_line": anchor["line"], "end_column": anchor["column"], "quote": ""}
        else:  # pragma: no cover - a grid without any text is dropped
            cell.where = {"page": page.number, "quote": ""}
    rows = [[cells[n] for n in row] for row in grid.slots]
    return Table(rows, index=index, page=page.number)


def _visual_lines(chars: list[_Char], spaces: dict[int, str]) -> list[tuple[float, float, str]]:
    out = []
    for line in _reading_lines(chars):
        text = _line_text(line, spaces).strip()
        if text:
            out.append((max(ch.y1 for ch in line), min(ch.y0 for ch in line), text))
    return out


_DRAWN_BEFORE = 60  # lines: how far back a line drawn out of order is looked for


def _reading_order(page: _Page, page_lines: list[SourceLine]) -> list[tuple[int, SourceLine]] | None:
    """The page's lines top to bottom where its text layer draws them out of that order, numbered as a reviewer
    counts them: a workbook exported by LibreOffice draws its plain cells first and its merged ones after (a report
    typed into a sheet: its headings, then the title above them, then the paragraphs in merged cells). A line drawn
    after one below it and over it (not beside it: a page's second column begins at its top) tells; a page printed
    two to a sheet (`_two_up`) is left as it is. Returns None when they are in order, else each line in reading order
    with the number it had."""
    if page.middle is not None or len(page_lines) < 3:
        return None
    boxes: dict[int, list[float]] = {}  # text-layer line → [top, bottom, left, right] of its characters
    for ch in page.chars:
        if ch.text in _WS:
            continue
        box = boxes.get(ch.line)
        if box is None:
            boxes[ch.line] = [ch.y1, ch.y0, ch.x0, ch.x1]
        else:
            box[0], box[1], box[2], box[3] = max(box[0], ch.y1), min(box[1], ch.y0), min(box[2], ch.x0), max(box[3], ch.x1)
    drawn = [k for k in range(len(page_lines)) if k in boxes]
    if not any(boxes[b][1] > boxes[a][0] + 1 and boxes[b][2] < boxes[a][3] and boxes[a][2] < boxes[b][3]
               for i, b in enumerate(drawn) for a in drawn[max(0, i - _DRAWN_BEFORE):i]):
        return None
    ordered = sorted(drawn, key=lambda k: (-round((boxes[k][0] + boxes[k][1]) / 4), boxes[k][2]))  # (2-point rows)
    out = [(page_lines[k].number, page_lines[k]) for k in ordered]
    for number, (_, line) in enumerate(out, start=1):
        line.number = number
    return out


def _tag_lines(page: _Page, page_lines: list[SourceLine], first_table: int) -> None:
    """A text-layer line belongs to the table holding most of its (non-space) characters."""
    if not page.grids:
        return
    owner: dict[int, int] = {}
    for k, grid in enumerate(page.grids):
        for cell_chars in grid.chars:
            for ch in cell_chars:
                owner[id(ch)] = first_table + k
    counts: dict[int, dict[int | None, int]] = {}
    for ch in page.chars:
        if ch.text in _WS:
            continue
        per_line = counts.setdefault(ch.line, {})
        table = owner.get(id(ch))
        per_line[table] = per_line.get(table, 0) + 1
    for line, per_table in counts.items():
        if line >= len(page_lines):
            continue
        total = sum(per_table.values())
        table, most = max(((t, n) for t, n in per_table.items() if t is not None), key=lambda tn: tn[1],
                          default=(None, 0))
        if table is not None and 2 * most > total:
            page_lines[line].table = table


def _clean(text: str) -> str:
    return "".join(text.split())


def _mark_running(pages: list[_Page]) -> None:
    """Running headers and footers: the same text at the same height on a neighbouring page."""
    for k, page in enumerate(pages):
        for j in (k - 1, k + 1):
            if not 0 <= j < len(pages):
                continue
            other = {(_clean(text), round(top)) for top, _, text in pages[j].visual}
            for i, (top, _, text) in enumerate(page.visual):
                key = _clean(text)
                if any((key, round(top) + d) in other for d in (-1, 0, 1)):
                    page.running.add(i)


def _content(page: _Page, low: float, high: float, footers: bool = False) -> bool:
    """Whether the page has text (not a page number, a running header or a 续表 mark) between heights low
    and high; with `footers`, not a footer that ends on its page's number either (金银花产业　第 5 页，共 7 页)."""
    for i, (top, bottom, text) in enumerate(page.visual):
        if i in page.running or _PAGE_NUMBER.match(text.strip()) or _CONTINUATION.search(text) \
                or footers and _PAGE_COUNTER.search(text):
            continue
        if bottom >= low - SNAP and top <= high + SNAP:
            return True
    return False


def _same_columns(a: list[float], b: list[float]) -> bool:
    if abs(a[0] - b[0]) > SNAP or abs(a[-1] - b[-1]) > SNAP:
        return False
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return all(abs(large[_snap(x, large)] - x) <= SNAP for x in small)


def _two_up(width: float, height: float, chars: list[_Char]) -> float | None:
    """Where two pages printed side by side on one landscape sheet meet (WPS and Word's 每版打印 2 页), or None: text on
    both halves and no character across the middle."""
    if width <= height or len(chars) < 40:
        return None
    middle = width / 2
    shown = [ch for ch in chars if ch.text not in _WS]
    if any(ch.x0 < middle - 2 and ch.x1 > middle + 2 for ch in shown):
        return None
    left = sum(1 for ch in shown if ch.x1 <= middle + 2)
    return middle if 20 <= left <= len(shown) - 20 else None


def _widen(table: Table, xs: list[float], target: list[float]) -> None:
    """A continued table's rows laid on the columns of the table it continues (whose rules it has fewer of: a cell
    its column split there spans both): each slot of `target` takes the cell of `xs` under its middle."""
    if len(target) <= len(xs):
        return
    owners = [min(max(bisect.bisect_right(xs, (a + b) / 2) - 1, 0), len(xs) - 2) for a, b in pairwise(target)]
    rows = []
    for r, row in enumerate(table.rows):
        widened = [row[j] for j in owners]
        seen: set[int] = set()
        for col, cell in enumerate(widened):
            if id(cell) not in seen:
                seen.add(id(cell))
                if cell.origin[0] == r:
                    cell.origin = (r, col)
        rows.append(widened)
    table.rows = rows


def _mark_continued(pages: list[_Page], tables: list[Table]) -> None:
    number = 0
    previous: _Grid | None = None
    previous_page: _Page | None = None
    for page in pages:
        for k, grid in enumerate(page.grids):
            if page.middle is not None and k and grid.xs[0] >= page.middle > page.grids[k - 1].xs[-1] \
                    and (k == 1 or page.grids[k - 2].xs[0] < page.middle) \
                    and _same_columns([x - page.middle for x in grid.xs], page.grids[k - 1].xs):
                tables[number].continued = True  # (the left page's form goes on at the top of the right page)
                _widen(tables[number], [x - page.middle for x in grid.xs], page.grids[k - 1].xs)
            elif (k == 0 and previous is not None and previous_page is not None
                    and previous_page.number == page.number - 1 and previous_page.grids[-1] is previous
                    and not _content(previous_page, float("-inf"), previous.bottom)
                    and not _content(page, grid.top, float("inf"))
                    and (_same_columns(previous.xs, grid.xs) or previous.extent is not None
                         and previous.extent == grid.extent and len(previous.xs) == len(grid.xs))):
                tables[number].continued = True
            number += 1
        if page.grids:
            previous, previous_page = page.grids[-1], page
        else:
            previous, previous_page = None, None


def _findings(pages: list[_Page], scanned: list[int], lang: str) -> list[Finding]:
    if not any(line.strip() for page in pages for line in page.lines):
        return [Finding("JX-EXTRACTION", "extraction", "error", message("scanned", lang), None, None,
                        {"problem": "no_text_layer", "pages": len(pages)})]
    if scanned:
        return [Finding("JX-EXTRACTION", "extraction", "warning",
                        message("scanned_pages", lang, pages=", ".join(map(str, scanned))), None, None,
                        {"problem": "scanned_pages", "pages": scanned})]
    return []
