"""Word reports (.docx): the document's text read straight from its OOXML (zipfile + ElementTree, which
measured faster than python-docx and needs no dependency), in reading order: paragraphs, table cells,
text boxes; automatic list numbering (一、 （一） 1.) rendered as Word shows it.

Lines are the document's paragraphs (a manual line break starts a new line), numbered from 1; Word
shows no line numbers, so a reviewer finds a value by its quoted text.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

from jixiao.errors import InputError
from jixiao.registry import Extraction, Extractor

from .messages import message
from .normalize import SourceLine
from .prose import extract_lines, lang_of

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
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
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data:  # Word never writes these; refuse entity tricks
        raise InputError(path, None, None, message("docx_broken", lang, detail=f"{name}: DTD not allowed"))
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise InputError(path, None, None, message("docx_broken", lang, detail=f"{name}: {exc}")) from None


def docx_lines(path: str, data: bytes, lang: str = "zh") -> list[str]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(path, None, None, message("docx_broken", lang, detail=str(exc))) from None
    try:
        with archive:
            document = _read_part(archive, "word/document.xml", path, lang)
            if document is None:
                raise InputError(path, None, None, message("docx_broken", lang, detail="word/document.xml missing"))
            root = _parse(document, "word/document.xml", path, lang)
            numbering_xml = _read_part(archive, "word/numbering.xml", path, lang)
            used_styles = {el.get(W + "val", "") for el in root.iter(W + "pStyle")} if numbering_xml else set()
            styles_xml = _read_part(archive, "word/styles.xml", path, lang) if used_styles else None
            numbering = Numbering(
                _parse(numbering_xml, "word/numbering.xml", path, lang) if numbering_xml else None,
                _style_numbering(styles_xml, used_styles) if styles_xml else {},
            )
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as exc:
        raise InputError(path, None, None, message("docx_broken", lang, detail=str(exc))) from None
    body = root.find(W + "body")
    lines: list[str] = []
    if body is not None:
        _walk(body, lines, numbering)
    return lines


def _walk(element: ElementTree.Element, lines: list[str], numbering: "Numbering") -> None:
    for child in element:
        tag = child.tag
        if tag == W + "p":
            _paragraph(child, lines, numbering)
        elif tag not in _SKIP:
            _walk(child, lines, numbering)


def _paragraph(p: ElementTree.Element, lines: list[str], numbering: "Numbering") -> None:
    parts: list[str] = [numbering.label(p)]
    nested: list[ElementTree.Element] = []
    current: list[list[str]] = [parts]

    def visit(element: ElementTree.Element) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP:
                continue
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
            else:
                visit(child)

    visit(p)
    lines.extend("".join(chunk) for chunk in current)
    for box in nested:
        _walk(box, lines, numbering)


class Numbering:
    """Word's automatic list numbering: numbering.xml definitions, styles that carry numbering, counters."""

    def __init__(self, numbering: ElementTree.Element | None, styles: dict[str, tuple[str | None, int | None]]):
        self.abstract: dict[str, dict[int, tuple[int, str, str, str]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if numbering is not None:
            for abstract in numbering.iter(W + "abstractNum"):
                levels = {}
                for lvl in abstract.iter(W + "lvl"):
                    ilvl = _int(lvl.get(W + "ilvl"), 0)
                    levels[ilvl] = (
                        _int(_val(lvl, "start"), 1),
                        _val(lvl, "numFmt") or "decimal",
                        _val(lvl, "lvlText") if lvl.find(W + "lvlText") is not None else f"%{ilvl + 1}.",
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
        current, seen = style_id, set()
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


def _val(element: ElementTree.Element, name: str) -> str | None:
    child = element.find(W + name)
    return child.get(W + "val") if child is not None else None


def _int(text, default):
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


def extract_docx(path: str, data: bytes, options=None) -> Extraction:
    lang = lang_of(options)
    lines = [SourceLine(text, number) for number, text in enumerate(docx_lines(path, data, lang), start=1)]
    return extract_lines(path, lines, options, "docx")


EXTRACTORS = [Extractor("docx", (".docx",), extract_docx, "Word report (.docx)")]
