"""Built-in extractors: each reads one type of source file into a report."""

from __future__ import annotations


def builtin_extractors() -> list:
    from . import docx, pdf, structured, text, workbook

    return [*structured.EXTRACTORS, *text.EXTRACTORS, *pdf.EXTRACTORS, *docx.EXTRACTORS, *workbook.EXTRACTORS]
