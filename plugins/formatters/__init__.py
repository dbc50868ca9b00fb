"""Built-in output formats.

Each is described here (name, file extension, whether it writes bytes, whether it streams) and its module is
imported the first time a run writes that format, so a text run never imports openpyxl or the HTML writer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import lazy

if TYPE_CHECKING:
    from jixiao.kit import Formatter

# name, extension, module, description, binary, streams (has stream_result)
BUILTIN: list[tuple[str, str, str, str, bool, bool]] = [
    ("text", ".txt", "text", "Text for reviewers, grouped by report (default)", False, False),
    ("json", ".json", "json_format", "One JSON document (schema: jixiao schema findings)", False, False),
    ("jsonl", ".jsonl", "jsonl", "JSON Lines: one report per line, streamed as each is checked", False, True),
    ("sarif", ".sarif", "sarif", "SARIF 2.1.0 for code-scanning tools (one run for the batch)", False, False),
    ("junit", ".xml", "junit", "JUnit XML for CI: a test suite per report, a test case per rule", True, False),
    ("html", ".html", "html_format", "One self-contained HTML page for reviewers (offline, no scripts)", True, False),
    ("csv", ".csv", "csv_format", "CSV, a row per report and per finding (UTF-8 with BOM, opens in Excel)", True, False),
    ("xlsx", ".xlsx", "xlsx_format",
     "Excel workbook: findings, reports and departments sheets (frozen header, filters)", True, False),
]


# formats whose `write` reads the results once, in order (Formatter.one_pass): the CLI streams them in
ONE_PASS = frozenset({"json", "text", "csv"})


def builtin_formatters() -> list[Formatter]:
    from jixiao.kit import Formatter

    return [Formatter(name, extension, lazy(f"{__name__}.{module}", "write"), description, binary=binary,
                      stream_result=lazy(f"{__name__}.{module}", "stream_result") if streams else None,
                      one_pass=name in ONE_PASS)
            for name, extension, module, description, binary, streams in BUILTIN]
