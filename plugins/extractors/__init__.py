"""Built-in extractors: each reads one type of source file into a report."""

from __future__ import annotations


def builtin_extractors() -> list:
    from . import docx, legacy, pdf, sniff, structured, text, workbook

    # legacy's "xls" reads with xlrd as workbook's does, and converts with LibreOffice what xlrd cannot read
    return sniff.with_sniffers([*structured.EXTRACTORS, *text.EXTRACTORS, *pdf.EXTRACTORS, *docx.EXTRACTORS,
                                *[e for e in workbook.EXTRACTORS if e.name != "xls"], *legacy.EXTRACTORS])
