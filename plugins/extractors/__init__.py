"""Built-in extractors: each reads one type of source file into a report.

Each is described here (name, suffixes, the function that reads it) and its module is imported the first
time a file of its type is read, so a batch of .txt reports never imports the PDF, Word or Excel readers
(nor pypdfium2 or openpyxl) and the command line starts faster.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import lazy

if TYPE_CHECKING:
    from jixiao.kit import Extractor

# name, suffixes, module, function, description
BUILTIN: list[tuple[str, tuple[str, ...], str, str, str]] = [
    ("json", (".json",), "structured", "extract_json", "JSON report (the published report schema)"),
    ("yaml", (".yaml", ".yml"), "structured", "extract_yaml", "YAML report (the published report schema)"),
    ("text", (".txt",), "text", "extract_text", "Plain-text report (text taken from a PDF or a web page)"),
    ("markdown", (".md", ".markdown"), "text", "extract_markdown", "Markdown report"),
    ("pdf", (".pdf",), "pdf", "extract_pdf", "PDF report with a text layer (pypdfium2)"),
    ("docx", (".docx",), "docx", "extract_docx", "Word report (.docx), its 自评表 tables read as tables"),
    ("ofd", (".ofd",), "ofd", "extract_ofd",
     "OFD report (.ofd, GB/T 33190, as electronic official documents are exported), laid out by position"),
    ("xlsx", (".xlsx", ".xlsm"), "workbook", "extract_xlsx",
     "Excel workbook (.xlsx): 自评表 tables, one per sheet (openpyxl)"),
    # before html: a flat OpenDocument file (.fodt) is XML that names <meta:…> early
    ("odt", (".odt", ".fodt"), "odf", "extract_odt",
     "OpenDocument text (.odt, .fodt: LibreOffice, 中标普华, 红旗 Office), its 自评表 tables read as tables"),
    ("ods", (".ods", ".fods"), "odf", "extract_ods", "OpenDocument spreadsheet (.ods, .fods): 自评表 tables, one per sheet"),
    # before xls: a file without a suffix that is a web page is read as one (an .xls that is a web page stays xls's)
    ("html", (".html", ".htm", ".xhtml"), "html", "extract_html",
     "Web page (.html, .htm) saved from a website, its tables read as tables"),
    ("mht", (".mht", ".mhtml"), "html", "extract_mht", "Web page saved as one file (.mht, .mhtml)"),
    ("eml", (".eml",), "mail", "extract_eml", "E-mail saved from a mailbox (.eml): the report in the message's text"),
    # legacy's xls reads with xlrd as workbook's extract_xls does, and converts with LibreOffice what xlrd cannot
    ("xls", (".xls",), "legacy", "extract_xls",
     "Legacy Excel workbook (.xls): 自评表 tables, one per sheet (xlrd; LibreOffice for what xlrd cannot read)"),
    ("doc", (".doc",), "legacy", "extract_doc", "Legacy Word document (.doc), converted to .docx by LibreOffice"),
    ("wps", (".wps",), "legacy", "extract_wps", "WPS document (.wps), converted to .docx by LibreOffice"),
    ("et", (".et",), "legacy", "extract_et", "WPS spreadsheet (.et): read as .xls, or converted to .xlsx by LibreOffice"),
    ("image", (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp"), "image", "extract_image",
     "Scanned report as an image (.jpg, .png, .tif, .bmp, .webp), read by OCR (the ocr extra)"),
]


def builtin_extractors() -> list[Extractor]:
    from jixiao.kit import Extractor

    from . import sniff

    return sniff.with_sniffers([Extractor(name, suffixes, lazy(f"{__name__}.{module}", function), description)
                                for name, suffixes, module, function, description in BUILTIN])
