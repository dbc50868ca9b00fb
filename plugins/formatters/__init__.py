"""Built-in output formats."""

from __future__ import annotations


def builtin_formatters() -> list:
    from . import csv_format, html_format, json_format, jsonl, junit, sarif, text, xlsx_format

    return [
        *text.FORMATTERS,
        *json_format.FORMATTERS,
        *jsonl.FORMATTERS,
        *sarif.FORMATTERS,
        *junit.FORMATTERS,
        *html_format.FORMATTERS,
        *csv_format.FORMATTERS,
        *xlsx_format.FORMATTERS,
    ]
