"""OFD reports (.ofd, GB/T 33190): the layout format of China's electronic official documents (电子公文), which a
department's document system exports and a finance bureau receives beside PDF and Word.

An OFD is a zip of XML: `OFD.xml` names each document's root (`Doc_0/Document.xml`), which lists its pages (and the
template pages they draw on); a page's `Content.xml` places text objects (`TextObject`, its `Boundary` "x y w h" in
millimetres, its `Size`, an optional `CTM`) holding `TextCode` runs (`X`, `Y` of the first glyph's baseline inside
the boundary, `DeltaX` the advances between glyphs, `g N d` for N advances of d). Nothing in it is executed: the XML
is parsed without DTDs or entities, and every part is read under a size limit.

Each page's glyphs are set out as lines of text by position: a line per baseline, each glyph at the column its
x-position falls in. Where the pages draw ruling lines (`PathObject`s), the tables are read from them as a PDF's ruled
tables are (`pdftables.laid_out_document`: each glyph in the cell it falls in); where they draw none, the lines are a
layout text, as `pdftotext -layout` gives a PDF, and the text-table reader (`texttables`) finds the tables by their
columns. Locations are (page, line within the page, column). A page of images without text (a scan saved as OFD) is
named as such: its text is not guessed.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from io import BytesIO
from typing import Any
from xml.etree import ElementTree

from jixiao.kit import Extraction, Finding, InputError

from .messages import message
from .xmlparts import parse, read_member
from .normalize import SourceLine, unify_radicals
from .normalize import _width as display_width
from .pdftables import Char, laid_out_document
from .prose import extract_document, extract_lines, lang_of
from .tables import Document
from .texttables import text_tables

_MAX_PART = 32 * 1024 * 1024  # uncompressed bytes of one XML part
_MAX_PAGES = 2000
_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
_NOISE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\u00ad]")


@dataclass(slots=True)
class _Glyph:
    text: str
    x: float  # left, in millimetres from the page's left edge
    y: float  # baseline, in millimetres from the page's top edge
    size: float  # the font size (millimetres)
    advance: float | None = None  # to the next glyph of its run (None for a run's last): glyphs of a run touch


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _numbers(text: str | None) -> list[float]:
    return [float(n) for n in _NUMBER.findall(text or "")]


def _deltas(text: str | None, count: int) -> list[float]:
    """The advances between a run's glyphs: `2.1 2.1 g 3 4.2` is 2.1, 2.1, 4.2, 4.2, 4.2."""
    out: list[float] = []
    tokens = (text or "").split()
    k = 0
    while k < len(tokens) and len(out) < count:
        if tokens[k] == "g" and k + 2 < len(tokens):
            repeat = _numbers(tokens[k + 1])
            value = _numbers(tokens[k + 2])
            if repeat and value:
                out.extend([value[0]] * min(int(repeat[0]), count))
            k += 3
            continue
        value = _numbers(tokens[k])
        if value:
            out.append(value[0])
        k += 1
    return out[:count]


class _Package:
    """The zip, its parts read under a limit and parsed without DTDs."""

    def __init__(self, path: str, data: bytes, lang: str):
        self.path, self.lang = path, lang
        try:
            self.zip = zipfile.ZipFile(BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError) as exc:
            raise self.broken(str(exc)) from None
        self.names = {info.filename.lstrip("/"): info for info in self.zip.infolist()}

    def broken(self, detail: str) -> InputError:
        return InputError(self.path, None, None, message("ofd_broken", self.lang, detail=detail))

    def part(self, name: str) -> ElementTree.Element | None:
        info = self.names.get(posixpath.normpath(name).lstrip("/"))
        if info is None:
            return None
        return parse(read_member(self.zip, info, _MAX_PART, self.broken), name, self.broken)


@dataclass(slots=True)
class _Sheet:
    """One page: its glyphs, its ruling lines ((x0, y0, x1, y1) in millimetres from the top left) and its size."""

    glyphs: list[_Glyph]
    lines: list[tuple[float, float, float, float]]
    width: float = 210.0
    height: float = 297.0


def _box(element: ElementTree.Element | None) -> tuple[float, float] | None:
    """The width and height a PageArea's PhysicalBox gives."""
    if element is None:
        return None
    for child in element.iter():
        if _local(child.tag) == "PhysicalBox":
            numbers = _numbers(child.text)
            if len(numbers) == 4 and numbers[2] > 0 and numbers[3] > 0:
                return numbers[2], numbers[3]
    return None


def ofd_sheets(path: str, data: bytes, lang: str = "zh") -> tuple[list[_Sheet], list[int]]:
    """Each page's glyphs, rules and size in reading order of the document, and the pages with images but no text."""
    package = _Package(path, data, lang)
    root = package.part("OFD.xml")
    if root is None or _local(root.tag) != "OFD":
        raise package.broken("no OFD.xml")
    pages: list[_Sheet] = []
    scanned: list[int] = []
    for doc_root in [e.text.strip() for e in root.iter() if _local(e.tag) == "DocRoot" and e.text]:
        document = package.part(doc_root)
        if document is None:
            raise package.broken(f"{doc_root} missing")
        base = posixpath.dirname(doc_root)
        size = _box(next((e for e in document.iter() if _local(e.tag) == "PageArea"), None)) or (210.0, 297.0)
        templates = {t.get("ID"): posixpath.join(base, t.get("BaseLoc") or "")
                     for t in document.iter() if _local(t.tag) == "TemplatePage"}
        for page in (e for e in document.iter() if _local(e.tag) == "Page" and e.get("BaseLoc")):
            if len(pages) >= _MAX_PAGES:
                break
            location = posixpath.join(base, page.get("BaseLoc") or "")
            content = package.part(location)
            sheet = _Sheet([], [], *size)
            images = 0
            if content is not None:
                own = _box(next((e for e in content if _local(e.tag) == "Area"), None))
                if own is not None:
                    sheet.width, sheet.height = own
                for template in (e for e in content.iter() if _local(e.tag) == "Template"):
                    shared = templates.get(template.get("TemplateID"))
                    drawn = package.part(shared) if shared else None
                    if drawn is not None:  # (a running header or a letterhead the template page draws)
                        images += _read_objects(drawn, sheet)
                images += _read_objects(content, sheet)
            if not sheet.glyphs and images:
                scanned.append(len(pages) + 1)
            pages.append(sheet)
    return pages, scanned


_PATH_STEP = re.compile(r"([MLQBACS])|([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)")
_FLAT = 0.3  # millimetres: a segment this close to level (or upright) is a rule


def _rules(element: ElementTree.Element, sheet: _Sheet) -> None:
    """A path object's straight level and upright segments (a table's borders), into `sheet.lines`; a thin filled
    box (a rule drawn as a rectangle) too."""
    box = _numbers(element.get("Boundary"))
    data = next((c.text for c in element if _local(c.tag) == "AbbreviatedData"), None)
    if len(box) < 4 or not data:
        return
    ctm = _numbers(element.get("CTM"))
    a, b, c, d, e, f = ctm if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

    def at(x: float, y: float) -> tuple[float, float]:
        return box[0] + a * x + c * y + e, box[1] + b * x + d * y + f

    points: list[tuple[float, float]] = []
    start: tuple[float, float] | None = None
    segments: list[tuple[tuple[float, float], tuple[float, float]]] = []
    command = ""
    numbers: list[float] = []
    for m in _PATH_STEP.finditer(data):
        if m.group(1):
            command, numbers = m.group(1), []
            if command == "C" and start is not None and points:
                segments.append((points[-1], start))
            continue
        numbers.append(float(m.group(2)))
        if command in ("M", "L") and len(numbers) == 2:
            point = at(*numbers)
            if command == "L" and points:
                segments.append((points[-1], point))
            else:
                start = point
            points.append(point)
            numbers = []
        elif command in ("Q", "B", "A") and len(numbers) == {"Q": 4, "B": 6, "A": 7}[command]:
            points.append(at(numbers[-2], numbers[-1]))  # (a curve: no rule; the pen moves on)
            numbers = []
    filled = element.get("Fill") == "true" and element.get("Stroke") == "false"
    if filled and len(points) >= 4:
        xs, ys = [x for x, _ in points], [y for _, y in points]
        if max(ys) - min(ys) < 1.0:
            sheet.lines.append((min(xs), (min(ys) + max(ys)) / 2, max(xs), (min(ys) + max(ys)) / 2))
        elif max(xs) - min(xs) < 1.0:
            sheet.lines.append(((min(xs) + max(xs)) / 2, min(ys), (min(xs) + max(xs)) / 2, max(ys)))
        return
    for (x0, y0), (x1, y1) in segments:
        if abs(y1 - y0) <= _FLAT or abs(x1 - x0) <= _FLAT:
            sheet.lines.append((x0, y0, x1, y1))


def _read_objects(content: ElementTree.Element, sheet: _Sheet) -> int:
    """Each text object's glyphs and each path object's rules added to `sheet`; the number of image objects."""
    images = 0
    glyphs = sheet.glyphs
    for element in content.iter():
        name = _local(element.tag)
        if name == "ImageObject":
            images += 1
        if name == "PathObject" and len(sheet.lines) < 50_000:
            _rules(element, sheet)
        if name != "TextObject":
            continue
        box = _numbers(element.get("Boundary"))
        if len(box) < 2:
            continue
        size = (_numbers(element.get("Size")) or [3.5])[0]
        ctm = _numbers(element.get("CTM"))
        a, b, c, d, e, f = ctm if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)  # object space → boundary space
        scale = abs(d) or 1.0
        x_at, y_at = 0.0, 0.0
        for code in (c for c in element if _local(c.tag) == "TextCode"):
            text = _NOISE.sub("", code.text or "")
            if not text:
                continue
            x = _numbers(code.get("X"))
            y = _numbers(code.get("Y"))
            x_at = x[0] if x else x_at
            y_at = y[0] if y else y_at
            advances = _deltas(code.get("DeltaX"), len(text) - 1)
            pos = x_at
            for k, ch in enumerate(text):
                step = advances[k] if k < len(advances) else size * (1.0 if _wide(ch) else 0.5)
                glyphs.append(_Glyph(ch, box[0] + a * pos + c * y_at + e, box[1] + b * pos + d * y_at + f, size * scale,
                                     abs(a * step) if k < len(text) - 1 else None))
                pos += step
    return images


def _rows(glyphs: list[_Glyph], paragraphs: bool) -> list[list[tuple[str, _Glyph | None]]]:
    """A page's glyphs laid out by position: one line per baseline, each glyph at the column its x-position falls in
    (a CJK glyph takes two columns), with the spaces before it (None); an empty line where a paragraph ends, if
    `paragraphs`."""
    if not glyphs:
        return []
    rows: list[list[_Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (g.y, g.x)):
        if rows and abs(glyph.y - rows[-1][0].y) <= max(0.4, 0.3 * min(glyph.size, rows[-1][0].size)):
            rows[-1].append(glyph)
        else:
            rows.append([glyph])
    sizes = sorted(g.size for g in glyphs)
    column = max(sizes[len(sizes) // 2] / 2, 0.5)  # one column: half the body text's size (a CJK glyph takes two)
    left = min(g.x for g in glyphs)
    out: list[list[tuple[str, _Glyph | None]]] = []
    previous: list[_Glyph] | None = None
    for row in rows:
        if paragraphs and previous is not None and row[0].y - previous[0].y > 2.2 * max(row[0].size, previous[0].size):
            out.append([])  # a gap of more than a line: a paragraph ends (the 红头 over a title, a title over the text)
        previous = row
        row.sort(key=lambda g: g.x)
        line: list[tuple[str, _Glyph | None]] = []
        width = 0  # columns used so far
        end: float | None = None  # where the last glyph ended (mm)
        for glyph in row:
            at = round((glyph.x - left) / column)
            gap = glyph.x - end if end is not None else None
            apart = gap is not None and gap >= glyph.size * 0.3
            if at > width or apart:
                # glyphs of one run touch (a justified line spaces them a little); a gap between two runs is a cell's
                # edge: at least two spaces, as a table's columns stand apart in a layout text (one is a word's)
                spaces = max(at - width, 2) if apart else 0 if gap is not None else at - width
                line.extend((" ", None) for _ in range(spaces))
                width += spaces
            line.append((glyph.text, glyph))
            width += display_width(glyph.text)  # (display columns, as the text-table reader counts them: ≥ takes two)
            end = glyph.x + _width(glyph)
        while line and line[-1][1] is None:
            line.pop()
        out.append(line)
    return out


def _wide(text: str) -> bool:
    """A glyph a Chinese font sets full width: CJK, and the signs East Asian fonts draw wide (≥, ≤, ×, ①)."""
    return ord(text) > 0x2E7F or unicodedata.east_asian_width(text) in ("W", "F", "A")


def _width(glyph: _Glyph) -> float:
    return glyph.advance if glyph.advance is not None else glyph.size if _wide(glyph.text) else glyph.size * 0.5


def _layout(glyphs: list[_Glyph]) -> list[str]:
    """A page's glyphs as lines of text laid out by position, paragraphs apart (see `_rows`)."""
    return ["".join(text for text, _ in line) for line in _rows(glyphs, paragraphs=True)]


_PT = 72 / 25.4  # points per millimetre


def _page(sheet: _Sheet) -> tuple[list[str], list[Char], list[tuple[float, float, float]], list[tuple[float, float, float]], float, float]:
    """A page for `pdftables.laid_out_document`: its lines, its characters (each at its line and column, in points with y
    up, as a PDF's), its level and upright rules, its width and height."""
    height = sheet.height * _PT
    lines: list[str] = []
    chars: list[Char] = []
    index = 0
    for k, row in enumerate(_rows(sheet.glyphs, paragraphs=False)):
        lines.append(unify_radicals("".join(text for text, _ in row)))
        last: tuple[float, float, float] | None = None  # (x1, y0, y1) of the glyph before, for a space after it
        for col, (text, glyph) in enumerate(row):
            if glyph is None:
                x = last[0] if last is not None else 0.0
                y0, y1 = (last[1], last[2]) if last is not None else (0.0, 0.0)
                chars.append(Char(index, text, x, y0, x + 1.0, y1, k, col, generated=True))
            else:
                x0, x1 = glyph.x * _PT, (glyph.x + _width(glyph)) * _PT
                y0, y1 = height - (glyph.y + 0.15 * glyph.size) * _PT, height - (glyph.y - 0.85 * glyph.size) * _PT
                chars.append(Char(index, unify_radicals(text), x0, y0, x1, y1, k, col))
                last = (x1, y0, y1)
            index += 1
        index += 2  # (a line break between lines, as a text layer has)
    h = [(height - y0 * _PT, min(x0, x1) * _PT, max(x0, x1) * _PT) for x0, y0, x1, y1 in sheet.lines
         if abs(y1 - y0) <= _FLAT and abs(x1 - x0) > _FLAT]
    v = [(x0 * _PT, height - max(y0, y1) * _PT, height - min(y0, y1) * _PT) for x0, y0, x1, y1 in sheet.lines
         if abs(x1 - x0) <= _FLAT and abs(y1 - y0) > _FLAT]
    return lines, chars, h, v, sheet.width * _PT, height


def extract_ofd(path: str, data: bytes, options: Any = None) -> Extraction:
    """Tables from the pages' ruling lines where they have any (read as a PDF's ruled tables are), else from the text
    laid out by position (read as a layout text's are)."""
    lang = lang_of(options)
    sheets, scanned = ofd_sheets(path, data, lang)
    findings: list[Finding] = []
    if scanned:
        shown = "、".join(map(str, scanned))
        if not any(sheet.glyphs for sheet in sheets):
            raise InputError(path, None, None, message("ofd_scanned", lang, pages=shown), key="unreadable")
        findings.append(Finding("JX-EXTRACTION", "extraction", "warning", message("ofd_scanned", lang, pages=shown),
                                None, None, {"problem": "scanned_pages", "pages": scanned}))
    if any(sheet.lines for sheet in sheets):
        document = laid_out_document([_page(sheet) for sheet in sheets], [], lang)
        if document.tables:
            return extract_document(path, Document(document.prose, document.tables), options, "ofd", findings)
        lines = document.prose
    else:
        lines = []
        for number, sheet in enumerate(sheets, start=1):
            k = 0
            for text in _layout(sheet.glyphs):
                k += 1 if text else 0  # (a blank line between paragraphs is no line a reviewer counts)
                lines.append(SourceLine(unify_radicals(text), max(k, 1), page=number))
    tables = text_tables(lines)  # 自评表 laid out by position: their lines are tagged and kept out of the prose
    if tables:
        return extract_document(path, Document(lines, tables), options, "ofd", findings)
    return extract_lines(path, lines, options, "ofd", findings)
