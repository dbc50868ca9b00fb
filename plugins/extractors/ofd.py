"""OFD reports (.ofd, GB/T 33190): the layout format of China's electronic official documents (电子公文), which a
department's document system exports and a finance bureau receives beside PDF and Word.

An OFD is a zip of XML: `OFD.xml` names each document's root (`Doc_0/Document.xml`), which lists its pages (and the
template pages they draw on); a page's `Content.xml` places text objects (`TextObject`, its `Boundary` "x y w h" in
millimetres, its `Size`, an optional `CTM`) holding `TextCode` runs (`X`, `Y` of the first glyph's baseline inside
the boundary, `DeltaX` the advances between glyphs, `g N d` for N advances of d). Nothing in it is executed: the XML
is parsed without DTDs or entities, and every part is read under a size limit.

Each page's glyphs are set out as a text layer laid out by position, as `pdftotext -layout` gives a PDF: a line per
baseline, each glyph at the column its x-position falls in, so a table's cells stand apart by runs of spaces and are
read by the text-table reader (`texttables`), a 自评表's cells included. Locations are (page, line within the page,
column). A page of images without text (a scan saved as OFD) is named as such: its text is not guessed.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from io import BytesIO
from typing import Any
from xml.etree import ElementTree

from jixiao.kit import Extraction, Finding, InputError

from .messages import message
from .normalize import SourceLine, unify_radicals
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
        if info.file_size > _MAX_PART:
            raise self.broken(f"{name}: {info.file_size} bytes")
        try:
            with self.zip.open(info) as stream:
                data = stream.read(_MAX_PART + 1)
        except Exception as exc:  # zlib.error, BadZipFile (CRC), NotImplementedError (compression), EOFError …
            raise self.broken(f"{name}: {type(exc).__name__}") from None
        if len(data) > _MAX_PART:
            raise self.broken(f"{name} too large")
        if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
            raise self.broken(f"{name}: DTD not allowed")
        try:
            return ElementTree.fromstring(data)
        except ElementTree.ParseError as exc:
            raise self.broken(f"{name}: {exc}") from None


def _child_text(element: ElementTree.Element, name: str) -> str | None:
    for child in element.iter():
        if _local(child.tag) == name and child.text:
            return child.text.strip()
    return None


def ofd_pages(path: str, data: bytes, lang: str = "zh") -> tuple[list[list[_Glyph]], list[int]]:
    """The glyphs of each page in reading order of the document, and the pages with images but no text."""
    package = _Package(path, data, lang)
    root = package.part("OFD.xml")
    if root is None or _local(root.tag) != "OFD":
        raise package.broken("no OFD.xml")
    pages: list[list[_Glyph]] = []
    scanned: list[int] = []
    for doc_root in [e.text.strip() for e in root.iter() if _local(e.tag) == "DocRoot" and e.text]:
        document = package.part(doc_root)
        if document is None:
            raise package.broken(f"{doc_root} missing")
        base = posixpath.dirname(doc_root)
        templates = {t.get("ID"): posixpath.join(base, t.get("BaseLoc") or "")
                     for t in document.iter() if _local(t.tag) == "TemplatePage"}
        for page in (e for e in document.iter() if _local(e.tag) == "Page" and e.get("BaseLoc")):
            if len(pages) >= _MAX_PAGES:
                break
            location = posixpath.join(base, page.get("BaseLoc") or "")
            content = package.part(location)
            glyphs: list[_Glyph] = []
            images = 0
            if content is not None:
                for template in (e for e in content.iter() if _local(e.tag) == "Template"):
                    shared = templates.get(template.get("TemplateID"))
                    drawn = package.part(shared) if shared else None
                    if drawn is not None:  # (a running header or a letterhead the template page draws)
                        images += _read_objects(drawn, glyphs)
                images += _read_objects(content, glyphs)
            if not glyphs and images:
                scanned.append(len(pages) + 1)
            pages.append(glyphs)
    return pages, scanned


def _read_objects(content: ElementTree.Element, glyphs: list[_Glyph]) -> int:
    """Each text object's glyphs added to `glyphs`; the number of image objects."""
    images = 0
    for element in content.iter():
        name = _local(element.tag)
        if name == "ImageObject":
            images += 1
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
                step = advances[k] if k < len(advances) else size * (1.0 if ord(ch) > 0x2E7F else 0.5)
                glyphs.append(_Glyph(ch, box[0] + a * pos + c * y_at + e, box[1] + b * pos + d * y_at + f, size * scale,
                                     abs(a * step) if k < len(text) - 1 else None))
                pos += step
    return images


def _layout(glyphs: list[_Glyph]) -> list[str]:
    """A page's glyphs as lines of text laid out by position: one line per baseline, each glyph at its column."""
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
    lines: list[str] = []
    previous: list[_Glyph] | None = None
    for row in rows:
        if previous is not None and row[0].y - previous[0].y > 2.2 * max(row[0].size, previous[0].size):
            lines.append("")  # a gap of more than a line: a paragraph ends (the 红头 over a title, a title over the text)
        previous = row
        row.sort(key=lambda g: g.x)
        text = ""
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
                text += " " * spaces
                width += spaces
            text += glyph.text
            width += 2 if ord(glyph.text) > 0x2E7F else 1
            end = glyph.x + (glyph.advance if glyph.advance is not None
                             else glyph.size if ord(glyph.text) > 0x2E7F else glyph.size * 0.5)
        lines.append(text.rstrip())
    return lines


def extract_ofd(path: str, data: bytes, options: Any = None) -> Extraction:
    lang = lang_of(options)
    pages, scanned = ofd_pages(path, data, lang)
    lines: list[SourceLine] = []
    for number, glyphs in enumerate(pages, start=1):
        k = 0
        for text in _layout(glyphs):
            k += 1 if text else 0  # (a blank line between paragraphs is no line a reviewer counts)
            lines.append(SourceLine(unify_radicals(text), max(k, 1), page=number))
    findings: list[Finding] = []
    if scanned:
        findings.append(Finding("JX-EXTRACTION", "extraction", "warning" if lines else "error",
                                message("ofd_scanned", lang, pages="、".join(map(str, scanned))), None, None,
                                {"problem": "scanned_pages", "pages": scanned}))
        if not any(line.text.strip() for line in lines):
            raise InputError(path, None, None, message("ofd_scanned", lang, pages="、".join(map(str, scanned))),
                             key="unreadable")
    tables = text_tables(lines)  # 自评表 laid out by position: their lines are tagged and kept out of the prose
    if tables:
        return extract_document(path, Document(lines, tables), options, "ofd", findings)
    return extract_lines(path, lines, options, "ofd", findings)
