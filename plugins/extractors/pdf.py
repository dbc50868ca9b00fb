"""PDF reports: the text layer page by page (pypdfium2, the fastest of the libraries measured).

Locations are (page, line within the page's text layer, column). A document without any text layer
(a scan) is reported as an `extraction` error instead of passing empty; scanned pages inside an
otherwise digital PDF are named in a warning.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from jixiao.kit import Extraction, InputError

from . import ocr, pictures
from .messages import message
from .normalize import unify_radicals
from .prose import extract_document, extract_lines, lang_of
from .tables import Document

# Characters pdfium emits for soft hyphens and other layout marks, and C0 controls.
_NOISE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\u00ad]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def open_pdf(path: str, data: bytes, lang: str) -> tuple[Any, Any, Any]:
    """(pypdfium2, its raw API, the open document); an encrypted or broken PDF is an InputError. (Any: pypdfium2
    ships no annotations.)"""
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as pdfium_c
    except ImportError:  # pragma: no cover - a dependency, but say so clearly if it is missing
        raise InputError(path, None, None, message("pdf_missing", lang)) from None
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        key = "pdf_encrypted" if "password" in str(exc).lower() else "pdf_broken"
        raise InputError(path, None, None, message(key, lang, detail=str(exc))) from None
    return pdfium, pdfium_c, document


def pdf_pages(path: str, data: bytes, lang: str) -> tuple[list[list[str]], list[int]]:
    """The text lines of each page, and the pages that hold images but no text (scanned pages)."""
    pdfium, pdfium_c, document = open_pdf(path, data, lang)
    pages: list[list[str]] = []
    scanned: list[int] = []
    try:
        for number in range(len(document)):
            page = document[number]
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                finally:
                    textpage.close()
                text = _NOISE.sub("", unify_radicals(text))
                if not text.strip() and any(True for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2)):
                    scanned.append(number + 1)
            finally:
                page.close()
            pages.append(_LINE_BREAK.split(text) if text else [])
    except pdfium.PdfiumError as exc:
        raise InputError(path, None, None, message("pdf_broken", lang, detail=str(exc))) from None
    finally:
        document.close()
    return pages, scanned


def extract_pdf(path: str, data: bytes, options: Any = None) -> Extraction:
    """The PDF read once (pdftables.pdf_document: the text layer's lines and the ruled tables); scanned
    pages are OCR'd where the extra is installed (ocr.py), else named in a warning."""
    from .pdftables import pdf_document  # it builds on this module's text reading

    lang = lang_of(options)
    document = pdf_document(path, data, lang)
    lines = document.prose
    if not any(line.text.strip() for line in lines):  # a scan: OCR where installed, else not checked
        return ocr.scanned_pdf(path, data, document.pages or 0, options)
    if document.pictures and not document.scanned:  # forms pasted as pictures on pages of text
        _, _, opened = open_pdf(path, data, lang)  # (once for all its pictures)
        try:
            findings = pictures.read(document, _pictures(opened, document), options, paragraphs=False)
        finally:
            opened.close()
        return extract_document(path, document, options, "pdf", findings)
    if document.scanned:  # scanned pages in a digital PDF: their text and their tables come from OCR
        first = max((table.index for table in document.tables), default=0)
        lines, findings, scanned = ocr.scanned_pages(path, data, lines, document.scanned, options, first)
        tables = sorted([*document.tables, *scanned], key=lambda table: table.page or 0)  # (stable: in page order)
        if tables:
            return extract_document(path, Document(lines, tables), options, "pdf", findings)
        return extract_lines(path, lines, options, "pdf", findings)
    if document.tables:  # ruled tables (自评表) read from cell geometry; their text is kept out of the prose
        return extract_document(path, Document(lines, document.tables), options, "pdf")
    return extract_lines(path, lines, options, "pdf")


def _pictures(opened: Any, document: Document) -> list[pictures.Picture]:
    """The pictures pdftables found on pages of text (page, box in points), numbered on their page, each rendered from
    the open PDF at OCR's resolution (in colour: a red seal is lifted off it) when it is read."""
    out: list[pictures.Picture] = []
    on_page: dict[int, int] = {}
    for page, box in document.pictures:
        on_page[page] = on_page.get(page, 0) + 1
        after = sum(1 for line in document.prose if (line.page or 0) <= page)
        tables_before = sum(1 for table in document.tables if (table.page or 0) <= page)
        out.append(pictures.Picture(on_page[page], page, 0, after, tables_before,
                                    partial(ocr.render, opened, page, colour=True, box=box)))
    return out
