"""Built-in output formats."""

from __future__ import annotations


def builtin_formatters() -> list:
    from . import json_format, text

    return [*text.FORMATTERS, *json_format.FORMATTERS]
