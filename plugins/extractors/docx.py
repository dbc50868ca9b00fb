"""Word reports (.docx): the document's text read straight from its OOXML (zipfile + ElementTree, which
measured faster than python-docx and needs no dependency), in reading order: paragraphs, table cells,
text boxes; automatic list numbering (一、 （一） 1.) rendered as Word shows it.

Lines are the document's paragraphs (a manual line break starts a new line), numbered from 1; Word
shows no line numbers, so a reviewer finds a value by its quoted text.

`docx_document` reads the same lines (a line from a table cell marked with its table's number) and every
table as a grid of cells (`tables.Table`): merged cells (w:gridSpan, w:vMerge) are one cell in every slot,
a nested table is a table of its own, and a table that only empty paragraphs or a page break separate from
one of the same width is marked as continuing it.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar
from xml.etree import ElementTree

from jixiao.kit import Extraction, Finding, InputError

from .messages import message
from .normalize import SourceLine
from .pictures import Picture, extract_with_pictures, large_enough, loader
from .prose import lang_of
from .sniff import OLE_MAGIC
from .tables import Cell, Document, Table, grid
from .xmlparts import parse

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
V = "{urn:schemas-microsoft-com:vml}"
OFFICE = "{urn:schemas-microsoft-com:office:office}"
_EMU_PER_CM = 360000
_VML_SIZE = re.compile(r"(width|height)\s*:\s*([\d.]+)\s*(pt|in|cm|mm|px)?", re.IGNORECASE)
_TO_CM = {"pt": 2.54 / 72, "in": 2.54, "cm": 1.0, "mm": 0.1, "px": 2.54 / 96, "": 2.54 / 72}
_MAX_PART = 64 * 1024 * 1024  # uncompressed bytes of one XML part
_CN_DIGITS = "〇一二三四五六七八九"
_CN_FORMATS = {"chineseCounting", "chineseCountingThousand", "ideographTraditional", "japaneseCounting",
               "ideographLegalTraditional", "taiwaneseCounting", "taiwaneseCountingThousand", "chineseLegalSimplified"}
_SKIP = {W + "del", W + "moveFrom", W + "instrText", W + "delText", MC + "Fallback", W + "rPr", W + "pPr",
         W + "sectPr", W + "footnoteReference", W + "endnoteReference"}


def _read_part(archive: zipfile.ZipFile, name: str, path: str, lang: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _MAX_PART:
        raise InputError(path, None, None, message("docx_broken", lang, detail=f"{name}: {info.file_size} bytes"))
    with archive.open(info) as stream:
        data = stream.read(_MAX_PART + 1)
    if len(data) > _MAX_PART:
        raise InputError(path, None, None, message("docx_broken", lang, detail=f"{name} too large"))
    return data


def _parse(data: bytes, name: str, path: str, lang: str) -> ElementTree.Element:
    return parse(data, name, lambda detail: InputError(path, None, None, message("docx_broken", lang, detail=detail)))


def docx_lines(path: str, data: bytes, lang: str = "zh") -> list[str]:
    root, numbering = _open(path, data, lang)
    body = root.find(W + "body")
    lines: list[str] = []
    if body is not None:
        _walk(body, lines, numbering)
    return lines


def _open(path: str, data: bytes, lang: str) -> tuple[ElementTree.Element, Numbering]:
    """The parsed word/document.xml and the document's list numbering."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise InputError(path, None, None, message("docx_broken", lang, detail=str(exc))) from None
    try:
        with archive:
            document = _read_part(archive, "word/document.xml", path, lang)
            if document is None:
                raise InputError(path, None, None, message("docx_broken", lang, detail="word/document.xml missing"))
            root = _parse(document, "word/document.xml", path, lang)
            numbering_xml = _read_part(archive, "word/numbering.xml", path, lang)
            used_styles = {el.get(W + "val", "") for el in root.iter(W + "pStyle")} if numbering_xml else set()
            run_styles = {el.get(W + "val", "") for el in root.iter(W + "rStyle")}
            styles_xml = _read_part(archive, "word/styles.xml", path, lang) if used_styles or run_styles else None
            numbering = Numbering(
                _parse(numbering_xml, "word/numbering.xml", path, lang) if numbering_xml else None,
                _style_numbering(styles_xml, used_styles) if styles_xml and used_styles else {},
            )
            if styles_xml and run_styles:
                numbering.hidden_styles = _hidden_styles(_parse(styles_xml, "word/styles.xml", path, lang), run_styles)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError, ValueError, zlib.error) as exc:
        # ValueError: a damaged header ("negative seek value"); zlib.error: damaged compressed data
        raise InputError(path, None, None, message("docx_broken", lang, detail=str(exc))) from None
    return root, numbering


def _walk(element: ElementTree.Element, lines: list[str], numbering: Numbering) -> None:
    for child in element:
        tag = child.tag
        if tag == W + "p":
            _paragraph(child, lines, numbering)
        elif tag not in _SKIP:
            _walk(child, lines, numbering)


def _hidden_styles(styles: ElementTree.Element, used: set[str]) -> frozenset[str]:
    """The character styles the document's runs use whose own properties strike their text through or hide it (a
    style named 删除线 applied by hand)."""
    out = set()
    for style in styles.iter(W + "style"):
        if style.get(W + "type") == "character" and style.get(W + "styleId") in used and \
                (props := style.find(W + "rPr")) is not None and _marked(props):
            out.add(style.get(W + "styleId") or "")
    return frozenset(out)


def _marked(props: ElementTree.Element) -> bool:
    """Whether run properties hide or strike their text (w:vanish, w:strike, w:dstrike, not switched off)."""
    for name in ("vanish", "strike", "dstrike"):
        mark = props.find(W + name)
        if mark is not None and mark.get(W + "val", "true").lower() not in ("0", "false", "off"):
            return True
    return False


def _hidden(run: ElementTree.Element, shaded: bool = True, styles: frozenset[str] = frozenset()) -> bool:
    """Whether a run is not on the printed page: hidden (w:vanish), struck through (w:strike, w:dstrike: a figure
    crossed out by hand, its correction typed after it), or in type of a point or less (w:sz ≤ 2 half-points), each in
    its own properties and not switched off (w:val="0"/"false"); white text where nothing behind it is shaded (`shaded`:
    the paragraph's or its table cell's fill; a cell's is not known here, so a cell's paragraph counts as shaded). (A
    character style that strikes or hides (`styles`, from the styles part) counts as the run's own.)"""
    props = run.find(W + "rPr")
    if props is None:
        return False
    if _marked(props):
        return True
    style = props.find(W + "rStyle")
    if style is not None and style.get(W + "val") in styles and props.find(W + "strike") is None \
            and props.find(W + "dstrike") is None:
        return True  # (a 删除线 character style; the run's own w:strike w:val="0" would switch it off)
    size = props.find(W + "sz")
    value = size.get(W + "val") if size is not None else None
    if value is not None and value.isdigit() and int(value) <= 2:
        return True
    color = props.find(W + "color")  # (white on the page's white, where nothing behind it is shaded: not printed to be read)
    return not shaded and color is not None and (color.get(W + "val") or "").upper() == "FFFFFF" \
        and props.find(W + "shd") is None and props.find(W + "highlight") is None


# A picture in a paragraph: its relationship id (r:embed, or r:link for a linked file: (id, True)), its width and height
# as shown, in centimetres (None: not said), and the share cut off each side (left, top, right, bottom) by Word's crop
Drawn = tuple[str, bool, float | None, float | None, tuple[float, float, float, float]]
_NO_CROP = (0.0, 0.0, 0.0, 0.0)


def _drawing(element: ElementTree.Element) -> Drawn | None:
    """The picture of a DrawingML wp:inline or wp:anchor (a shape or a text box holds none)."""
    blip = next(element.iter(A + "blip"), None)
    if blip is None:
        return None
    extent = element.find(WP + "extent")
    width = height = None
    if extent is not None:
        width, height = (_int(extent.get(side), 0) / _EMU_PER_CM for side in ("cx", "cy"))
    link = blip.get(R + "link")
    rect = next(element.iter(A + "srcRect"), None)  # (per 100,000: 7472 is 7.472% cut off that side)
    crop = _NO_CROP if rect is None else _shares([_int(rect.get(side), 0) / 100000 for side in ("l", "t", "r", "b")])
    return (blip.get(R + "embed") or link or "", bool(link and not blip.get(R + "embed")), width, height, crop)


def _shares(values: list[float]) -> tuple[float, float, float, float]:
    """The share cut off each side, kept between none and nearly all (a negative crop pads: nothing is cut)."""
    left, top, right, bottom = (min(max(value, 0.0), 0.95) for value in values)
    return left, top, right, bottom


def _vml_picture(element: ElementTree.Element) -> Drawn | None:
    """The picture of a VML shape (v:shape with v:imagedata: older Word, and the fallback of newer)."""
    data = element.find(V + "imagedata")
    if data is None:
        return None
    sizes = {m.group(1).lower(): float(m.group(2)) * _TO_CM[(m.group(3) or "").lower()]
             for m in _VML_SIZE.finditer(element.get("style", ""))}
    crop = _shares([_vml_share(data.get(side)) for side in ("cropleft", "croptop", "cropright", "cropbottom")])
    return (data.get(R + "id") or "", False, sizes.get("width"), sizes.get("height"), crop)


def _vml_share(value: str | None) -> float:
    """A VML crop: a share (0.1), or 65,536ths of one (6554f)."""
    try:
        return float(value[:-1]) / 65536 if value and value.endswith("f") else float(value or 0)
    except ValueError:
        return 0.0


def _paragraph(p: ElementTree.Element, lines: list[str], numbering: Numbering,
               boxes: list[ElementTree.Element] | None = None, pictures: list[Drawn] | None = None,
               objects: list[str] | None = None, in_cell: bool = False) -> int:
    """Append the paragraph's lines (a manual break starts a new one) and return how many; then the lines of
    its text boxes, or, when `boxes` is given, hand the text boxes to the caller instead. The pictures it holds are
    added to `pictures` where that is given; an Excel workbook embedded in it (its relationship id) to `objects`, where
    given, instead of the picture that previews it."""
    parts: list[str] = [numbering.label(p)]
    nested: list[ElementTree.Element] = []
    shaded = in_cell or p.find(W + "pPr/" + W + "shd") is not None
    current: list[list[str]] = [parts]

    def visit(element: ElementTree.Element) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == W + "r" and _hidden(child, shaded, numbering.hidden_styles):
                continue  # hidden text (字体 · 隐藏): Word neither shows nor prints it
            if tag == W + "t":
                current[-1].append(child.text or "")
            elif tag in (W + "tab", W + "ptab"):
                current[-1].append("\t")
            elif tag in (W + "br", W + "cr"):
                current.append([])
            elif tag == W + "noBreakHyphen":
                current[-1].append("-")
            elif tag == W + "sym":
                current[-1].append(" ")
            elif tag == W + "txbxContent":
                nested.append(child)
            elif tag == W + "object" and objects is not None and (embedded := _embedded_workbook(child)) is not None:
                objects.append(embedded)  # (its preview picture is no form to read: the workbook is)
            else:
                if pictures is not None and tag in _PICTURE_TAGS:
                    found = _drawing(child) if tag in (WP + "inline", WP + "anchor") else _vml_picture(child)
                    if found is not None:
                        pictures.append(found)
                visit(child)

    visit(p)
    lines.extend("".join(chunk) for chunk in current)
    if boxes is not None:
        boxes.extend(nested)
    else:
        for box in nested:
            _walk(box, lines, numbering)
    return len(current)


_PICTURE_TAGS = frozenset({WP + "inline", WP + "anchor", V + "shape", V + "rect", V + "image"})
_SHEET_PROGIDS = ("excel.sheet", "ket.sheet", "et.sheet", "excel.sheetmacroenabled", "ket.xlsx", "et.xlsx")


def _embedded_workbook(element: ElementTree.Element) -> str | None:
    """The relationship id of the workbook a `w:object` embeds (o:OLEObject Type="Embed", an Excel or WPS sheet's
    ProgID), or None: a linked workbook is not in the file (its preview picture is read as any picture is)."""
    ole = next(element.iter(OFFICE + "OLEObject"), None)
    if ole is None or ole.get("Type", "Embed") != "Embed":
        return None
    if not ole.get("ProgID", "").lower().startswith(_SHEET_PROGIDS):
        return None
    return ole.get(R + "id") or None


class Numbering:
    """Word's automatic list numbering: numbering.xml definitions, styles that carry numbering, counters."""

    def __init__(self, numbering: ElementTree.Element | None, styles: dict[str, tuple[str | None, int | None]]):
        self.abstract: dict[str, dict[int, tuple[int, str, str, str]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.hidden_styles: frozenset[str] = frozenset()  # character styles that strike or hide their runs
        if numbering is not None:
            for abstract in numbering.iter(W + "abstractNum"):
                levels = {}
                for lvl in abstract.iter(W + "lvl"):
                    ilvl = _int(lvl.get(W + "ilvl"), 0)
                    levels[ilvl] = (
                        _int(_val(lvl, "start"), 1),
                        _val(lvl, "numFmt") or "decimal",
                        (_val(lvl, "lvlText") or "") if lvl.find(W + "lvlText") is not None else f"%{ilvl + 1}.",
                        _val(lvl, "suff") or "tab",
                    )
                self.abstract[abstract.get(W + "abstractNumId", "")] = levels
            for num in numbering.iter(W + "num"):
                overrides = {}
                for override in num.iter(W + "lvlOverride"):
                    start = override.find(W + "startOverride")
                    if start is not None:
                        overrides[_int(override.get(W + "ilvl"), 0)] = _int(start.get(W + "val"), 1)
                self.nums[num.get(W + "numId", "")] = (_val(num, "abstractNumId") or "", overrides)
        self.style_num = styles

    def label(self, p: ElementTree.Element) -> str:
        if not self.nums:
            return ""
        ppr = p.find(W + "pPr")
        num_id, ilvl = None, None
        if ppr is not None:
            style = ppr.find(W + "pStyle")
            if style is not None:
                num_id, ilvl = self.style_num.get(style.get(W + "val", ""), (None, None))
            num_pr = ppr.find(W + "numPr")
            if num_pr is not None:
                num_id = _val(num_pr, "numId") or num_id
                ilvl = _int(_val(num_pr, "ilvl"), ilvl)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        ilvl = ilvl or 0
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        start = overrides.get(ilvl, levels[ilvl][0])
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        _, fmt, text, suffix = levels[ilvl]
        if fmt in ("bullet", "none"):
            return ""
        for k in range(9):
            if f"%{k + 1}" in text:
                level = levels.get(k)
                value = counters.get(k, overrides.get(k, level[0] if level else 1))
                text = text.replace(f"%{k + 1}", _format(value, level[1] if level else "decimal"))
        return text + {"tab": "\t", "space": " "}.get(suffix, "")


_STYLE_NUM_ID = re.compile(rb'<w:numId w:val="(\d+)"')
_STYLE_ILVL = re.compile(rb'<w:ilvl w:val="(\d+)"')
_STYLE_BASED = re.compile(rb'<w:basedOn w:val="([^"]+)"')


def _style_numbering(styles: bytes, used: set[str]) -> dict[str, tuple[str | None, int | None]]:
    """Numbering carried by the paragraph styles the document uses (directly or through basedOn).

    styles.xml is often hundreds of kilobytes of which a document uses a few styles, so the blocks of
    those styles are found by byte search instead of parsing the whole part."""
    out: dict[str, tuple[str | None, int | None]] = {}
    for style_id in used:
        current: str | None = style_id
        seen: set[str] = set()
        while current and current not in seen and len(seen) < 16:
            seen.add(current)
            start = styles.find(b'w:styleId="' + current.encode("utf-8", "replace") + b'"')
            if start < 0:
                break
            end = styles.find(b"</w:style>", start)
            block = styles[start:end if end >= 0 else len(styles)]
            num = _STYLE_NUM_ID.search(block)
            if num:
                ilvl = _STYLE_ILVL.search(block)
                out[style_id] = (num.group(1).decode(), int(ilvl.group(1)) if ilvl else None)
                break
            based = _STYLE_BASED.search(block)
            current = based.group(1).decode("utf-8", "replace") if based else ""
    return out


def _format(value: int, fmt: str) -> str:
    if fmt in _CN_FORMATS:
        return _chinese(value)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(value))
    if fmt in ("lowerLetter", "upperLetter") and 1 <= value <= 26:
        letter = chr(ord("a") + value - 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalEnclosedCircle" and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _chinese(value: int) -> str:
    if value <= 0 or value >= 100:
        return str(value)
    tens, ones = divmod(value, 10)
    text = ("" if tens <= 1 else _CN_DIGITS[tens]) + ("十" if tens else "")
    return text + (_CN_DIGITS[ones] if ones else "")


_D = TypeVar("_D")


def _val(element: ElementTree.Element, name: str) -> str | None:
    child = element.find(W + name)
    return child.get(W + "val") if child is not None else None


def _int(text: str | None, default: _D) -> int | _D:
    if text is None:
        return default
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


def docx_document(path: str, data: bytes, lang: str = "zh") -> Document:
    """The document's paragraphs as prose lines (numbered exactly as `docx_lines` numbers them; a line from a
    table cell carries `table=` its table's number) and every `w:tbl` as a `Table` (a nested table is a table
    of its own, numbered in reading order after the table that holds it)."""
    root, numbering = _open(path, data, lang)
    body = root.find(W + "body")
    findings: list[Finding] = []
    reader = _TableReader(numbering, partial(_embedded_tables, path, data, lang, findings))
    if body is not None:
        reader.walk(body)
    prose = [SourceLine(text, number, table=table)
             for number, (text, table) in enumerate(zip(reader.lines, reader.line_table, strict=False), start=1)]
    return Document(prose, reader.tables, findings, pictures=_pictures(path, data, reader.pictures, lang))


def _embedded_tables(path: str, data: bytes, lang: str, findings: list[Finding], rid: str, line: int) -> list[Table]:
    """The form a workbook embedded at paragraph `line` shows (an Excel object: its active sheet), each cell placed at
    that paragraph and named by its cell in the object's sheet; a workbook that cannot be read is named (a warning),
    never guessed at."""
    from .sheets import xls_document, xlsx_document

    shown = message("object", lang, line=line)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            target, external = _relationships(archive, path, lang).get(rid, ("", False))
            workbook = _read_part(archive, _part_name(target), path, lang) if target and not external else None
        if workbook is None:
            raise InputError(path, None, None, message("object_missing", lang))
        workbook = _ole_package(workbook)
        document = (xls_document if workbook[:4] != b"PK\x03\x04" else xlsx_document)(path, workbook, lang, True)
    except InputError as exc:
        findings.append(Finding("JX-EXTRACTION", "extraction", "warning",
                                message("object_unreadable", lang, where=shown, detail=exc.detail), None, None,
                                {"problem": "embedded_workbook_unreadable", "line": line}))
        return []
    for table in document.tables:
        label = message("object_sheet", lang, where=shown, sheet=table.sheet or "")
        table.sheet = label
        for row in table.rows:
            for cell in {id(cell): cell for cell in row}.values():
                cell.where.update(line=line, column=1, end_line=line, end_column=1, sheet=label)
    findings.extend(document.findings)
    return document.tables


def _ole_package(data: bytes) -> bytes:
    """An embedded object's bytes as a workbook: an OLE compound file wrapping an .xlsx (its Package stream) gives the
    .xlsx; anything else (an .xlsx, an .xls's compound file) is the workbook itself."""
    if not data.startswith(OLE_MAGIC):
        return data
    try:
        from xlrd import compdoc

        package = compdoc.CompDoc(data, logfile=io.StringIO()).get_named_stream("Package")
    except Exception:  # a damaged compound file: read as an .xls, which says what is wrong
        return data
    return bytes(package) if package else data


def _pictures(path: str, data: bytes, drawn: list[tuple[Drawn, int, int, int]], lang: str) -> list[Picture]:
    """The pictures large enough to hold a form (pictures.py), numbered among all the document's pictures, each with
    its image's bytes (from word/_rels/document.xml.rels: a linked picture is not in the file)."""
    chosen = [(number, item) for number, item in enumerate(drawn, start=1) if large_enough(item[0][2], item[0][3])]
    if not chosen:
        return []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        targets = _relationships(archive, path, lang)
        out = []
        for number, ((rid, linked, _, _, crop), anchor, after, tables_before) in chosen:
            target, external = targets.get(rid, ("", False))
            content: bytes | str | None = None
            if not (linked or external):
                try:
                    content = _read_part(archive, _part_name(target), path, lang)
                except InputError as exc:
                    content = exc.detail
            out.append(Picture(number, None, anchor, after, tables_before,
                               loader(content, lang, crop, linked=linked or external)))
    return out


def _relationships(archive: zipfile.ZipFile, path: str, lang: str) -> dict[str, tuple[str, bool]]:
    """word/_rels/document.xml.rels: each relationship id's target and whether it lies outside the file."""
    rels = _read_part(archive, "word/_rels/document.xml.rels", path, lang)
    if rels is None:
        return {}
    return {rel.get("Id", ""): (rel.get("Target", ""), rel.get("TargetMode", "").lower() == "external")
            for rel in _parse(rels, "word/_rels/document.xml.rels", path, lang)}


def _part_name(target: str) -> str:
    """A relationship's target as the name of a part in the package (relative to word/, or absolute)."""
    return posixpath.normpath(posixpath.join("word", target)) if not target.startswith("/") else target[1:]


_MAX_COLUMNS = 1024  # Word allows 63; a gridSpan beyond this is a broken or hostile file


class _Scope:
    """A run of body content (the body, a cell, a text box): its recent paragraphs and its last table."""

    __slots__ = ("recent", "previous", "gap_clean")

    def __init__(self) -> None:
        self.recent: list[str] = []  # non-empty paragraphs since the last table
        self.previous: Table | None = None  # the last table in this scope
        self.gap_clean = False  # only empty paragraphs since `previous`


class _TableDraft:
    __slots__ = ("table", "slots", "row", "col", "after")

    def __init__(self, table: Table) -> None:
        self.table = table
        self.slots: list[list[Cell | None]] = []
        self.row: list[Cell | None] | None = None  # the row being read
        self.col = 0  # the next free grid column in that row
        self.after = 0  # w:gridAfter of that row


class _CellDraft:
    __slots__ = ("spans", "cell")

    def __init__(self, cell: Cell | None) -> None:
        self.spans: list[tuple[int, int]] = []  # (index of the paragraph's first line, its number of lines)
        self.cell = cell  # None: a vMerge continuation, whose text is the cell above


class _TableReader:
    """Walks the body as `_walk` does (so lines are numbered the same) and builds the tables on the way."""

    def __init__(self, numbering: Numbering, embedded: Callable[[str, int], list[Table]] | None = None) -> None:
        self.numbering = numbering
        self.embedded = embedded  # the tables of a workbook embedded at a paragraph: (relationship id, its line)
        self.lines: list[str] = []
        self.line_table: list[int | None] = []  # per line: the innermost table it is in
        self.tables: list[Table] = []
        self.context: list[_TableDraft | _CellDraft] = []
        self.scopes: list[_Scope] = [_Scope()]
        # every picture in reading order: (what it is, its paragraph's first line, lines before its own, tables before)
        self.pictures: list[tuple[Drawn, int, int, int]] = []

    def walk(self, element: ElementTree.Element) -> None:
        for child in element:
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child)
            elif tag == W + "tbl":
                self.table(child)
            elif tag == W + "tr" and self.context and isinstance(self.context[-1], _TableDraft):
                self.row(child, self.context[-1])
            elif (tag == W + "tc" and self.context and isinstance(self.context[-1], _TableDraft)
                  and self.context[-1].row is not None):
                self.cell(child, self.context[-1])
            elif tag not in _SKIP:
                self.walk(child)

    def _table_number(self) -> int | None:
        for item in reversed(self.context):
            if isinstance(item, _TableDraft):
                return item.table.index
        return None

    def paragraph(self, p: ElementTree.Element) -> None:
        start = len(self.lines)
        boxes: list[ElementTree.Element] = []
        drawn: list[Drawn] = []
        objects: list[str] = []
        last = self.context[-1] if self.context else None
        own = _paragraph(p, self.lines, self.numbering, boxes, drawn, objects if self.embedded else None,
                         in_cell=isinstance(last, _CellDraft))
        self.pictures.extend((picture, start + 1, start + own, len(self.tables)) for picture in drawn)
        if objects and self.embedded is not None:
            for rid in objects:  # (a form pasted as an Excel object: its workbook's sheet, where the object stands)
                for table in self.embedded(rid, start + 1):
                    table.index, table.before = len(self.tables) + 1, list(self.scopes[-1].recent)
                    self.tables.append(table)
                    self.scopes[-1].recent, self.scopes[-1].previous, self.scopes[-1].gap_clean = [], table, True
        last = self.context[-1] if self.context else None
        in_cell = isinstance(last, _CellDraft)
        self.line_table.extend([self._table_number() if in_cell else None] * own)
        if isinstance(last, _CellDraft):
            last.spans.append((start, own))
        text = "\n".join(self.lines[start:start + own]).strip()
        if text:
            scope = self.scopes[-1]
            scope.recent.append(text)
            del scope.recent[:-3]
            scope.gap_clean = False
        for box in boxes:
            self.scopes.append(_Scope())
            self.walk(box)
            self.scopes.pop()

    def table(self, tbl: ElementTree.Element) -> None:
        rows = [[tc for tc in tr if tc.tag == W + "tc"] for tr in tbl if tr.tag == W + "tr"]
        if rows and all(len(cells) == 1 for cells in rows):
            # a frame of one column (the whole report inside a bordered cell, a cover built from a table): its
            # paragraphs are the body's, its tables the body's tables
            for cells in rows:
                self.walk(cells[0])
            return
        scope = self.scopes[-1]
        table = Table(rows=[], index=len(self.tables) + 1, before=list(scope.recent))
        self.tables.append(table)
        previous = scope.previous if scope.gap_clean else None
        draft = _TableDraft(table)
        self.context.append(draft)
        self.walk(tbl)
        self.context.pop()
        self._end_row(draft)
        table.rows = [[slot if slot is not None else Cell("", origin=(r, c)) for c, slot in enumerate(row)]
                      for r, row in enumerate(draft.slots)]
        table.rows = grid(table.rows)
        if previous is not None and table.width and previous.width == table.width:
            table.continued = True
        scope.recent, scope.previous, scope.gap_clean = [], table, True

    def row(self, tr: ElementTree.Element, draft: _TableDraft) -> None:
        self._end_row(draft)
        props = tr.find(W + "trPr")
        before = after = 0
        if props is not None:
            before = max(0, min(_int(_val(props, "gridBefore"), 0), _MAX_COLUMNS))
            after = max(0, min(_int(_val(props, "gridAfter"), 0), _MAX_COLUMNS))
        draft.row = [None] * before
        draft.col = before
        draft.after = after
        draft.slots.append(draft.row)
        self.walk(tr)
        self._end_row(draft)

    @staticmethod
    def _end_row(draft: _TableDraft) -> None:
        if draft.row is not None:
            draft.row.extend([None] * min(draft.after, _MAX_COLUMNS - len(draft.row)))
            draft.row, draft.after = None, 0

    def cell(self, tc: ElementTree.Element, draft: _TableDraft) -> None:
        props = tc.find(W + "tcPr")
        span, vmerge, hmerge = 1, None, None
        if props is not None:
            span = max(1, _int(_val(props, "gridSpan"), 1))
            v = props.find(W + "vMerge")
            if v is not None:
                vmerge = v.get(W + "val") or "continue"
            h = props.find(W + "hMerge")
            if h is not None:
                hmerge = h.get(W + "val") or "continue"
        r, col, row = len(draft.slots) - 1, draft.col, draft.row
        assert row is not None  # (a cell is read only inside a row: see walk)
        span = min(span, _MAX_COLUMNS - col)
        target: Cell | None = None
        if vmerge == "continue" and r > 0 and span > 0:
            above_row = draft.slots[r - 1]
            above = above_row[col] if col < len(above_row) else None
            if above is not None and above.origin[1] == col and above.colspan == span:
                target = above
                above.rowspan = r - above.origin[0] + 1
        elif hmerge == "continue" and col > 0 and span > 0:
            left = row[col - 1] if col - 1 < len(row) else None
            if left is not None and left.origin[0] == r and left.rowspan == 1:
                target = left
                left.colspan += span
        fresh = target is None
        if target is None:
            target = Cell("", origin=(r, col), colspan=max(span, 1))
        if span > 0:
            row.extend([None] * (col + span - len(row)))
            for c in range(col, col + span):
                row[c] = target
            draft.col = col + span
        cell_draft = _CellDraft(target if fresh else None)
        self.context.append(cell_draft)
        self.scopes.append(_Scope())
        self.walk(tc)
        self.scopes.pop()
        self.context.pop()
        if fresh and span > 0:
            self._finish_cell(cell_draft, target)

    def _finish_cell(self, draft: _CellDraft, cell: Cell) -> None:
        if not draft.spans:
            line = max(len(self.lines), 1)
            cell.where = {"line": line, "column": 1, "end_line": line, "end_column": 1, "quote": ""}
            return
        # the cell's lines, without the empty paragraphs Word leaves above and below the text (a cell that
        # holds a nested table keeps one after it), so `line` is where the quoted text starts
        indices = [i for start, own in draft.spans for i in range(start, start + own)]
        filled = [i for i in indices if self.lines[i].strip()]
        if not filled:
            line = indices[0] + 1
            cell.where = {"line": line, "column": 1, "end_line": line, "end_column": 1, "quote": ""}
            return
        first, last = indices.index(filled[0]), indices.index(filled[-1])
        cell.text = "\n".join(self.lines[i] for i in indices[first:last + 1])
        cell.where = {"line": filled[0] + 1, "column": 1, "end_line": filled[-1] + 1,
                      "end_column": len(self.lines[filled[-1]]) + 1, "quote": cell.text}


def extract_docx(path: str, data: bytes, options: Any = None) -> Extraction:
    lang = lang_of(options)
    document = docx_document(path, data, lang)
    return extract_with_pictures(path, document, options, "docx", paragraphs=True)
