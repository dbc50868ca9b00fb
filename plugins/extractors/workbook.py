"""Excel workbooks (.xlsx, .xls): each worksheet read as a table, the 自评表 among them mapped to the report."""

from __future__ import annotations

from jixiao.registry import Extraction, Extractor

from .prose import extract_document, lang_of
from .sheets import xls_document, xlsx_document


def extract_xlsx(path: str, data: bytes, options=None) -> Extraction:
    return extract_document(path, xlsx_document(path, data, lang_of(options)), options, "xlsx")


def extract_xls(path: str, data: bytes, options=None) -> Extraction:
    return extract_document(path, xls_document(path, data, lang_of(options)), options, "xls")


EXTRACTORS = [
    Extractor("xlsx", (".xlsx", ".xlsm"), extract_xlsx, "Excel workbook (.xlsx): 自评表 tables, one per sheet (openpyxl)"),
    Extractor("xls", (".xls",), extract_xls, "Legacy Excel workbook (.xls): 自评表 tables, one per sheet (xlrd)"),
]
