"""Excel workbooks (.xlsx, .xls): each worksheet read as a table, the 自评表 among them mapped to the report."""

from __future__ import annotations

from typing import Any

from jixiao.kit import Extraction

from .pictures import extract_with_pictures
from .prose import extract_document, lang_of
from .sheets import xls_document, xlsx_document


def extract_xlsx(path: str, data: bytes, options: Any = None) -> Extraction:
    """A workbook; a 自评表 pasted into a sheet as a picture is read as a Word document's is (pictures.py)."""
    document = xlsx_document(path, data, lang_of(options))
    return extract_with_pictures(path, document, options, "xlsx", paragraphs=False)


def extract_xls(path: str, data: bytes, options: Any = None) -> Extraction:
    return extract_document(path, xls_document(path, data, lang_of(options)), options, "xls")
