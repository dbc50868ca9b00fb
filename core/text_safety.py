"""Every string that leaves jixiao can be encoded and stored: the one place that makes it so.

Two things in a report (or a file name) cannot be written as they are:

* **lone surrogates** — a JSON escape such as ``"\\udfff"`` in a report, or the bytes of a file name
  that are not UTF-8 (Python keeps byte 0xCD of a name as U+DCCD, "surrogateescape"). No UTF-8 or
  GBK stream can encode them. They are replaced by visible text: U+DC80…U+DCFF, which stand for one
  undecodable byte each, become ``\\xcd``; any other surrogate becomes ``\\udfff``.
* **control characters** — XML 1.0 (JUnit, the parts of an .xlsx) cannot hold U+0000…U+001F other
  than tab, line feed and carriage return, nor U+FFFE/U+FFFF, even escaped; Excel refuses them too.
  `xml_safe` writes them as ``\\x01`` (``\\ufffe``).

The replacement is the same in every format, so a reviewer sees the same ``\\x01`` in the text, the
JSON, the workbook and the JUnit file. File names are shown by `display_path`: their bytes decoded as
UTF-8 whatever the locale, undecodable bytes as ``\\xcd``.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import AuditResult

__all__ = ["safe_text", "xml_safe", "html_escape", "display_path", "safe_data", "safe_result", "has_unsafe"]

_SURROGATE = re.compile("[\ud800-\udfff]")


@functools.cache
def _xml_unsafe() -> re.Pattern[str]:
    """(compiled on first use: only the XML, workbook and HTML outputs need it)"""
    return re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # one byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def safe_text(value: str) -> str:
    """`value` with every lone surrogate written out visibly (encodable in any codec with a backslash)."""
    return _SURROGATE.sub(_escape, value) if has_unsafe(value) else value


def xml_safe(value: Any) -> str:
    """`value` as text XML 1.0 and Excel can hold: surrogates as `safe_text`, control characters other
    than tab, line feed and carriage return as ``\\x01``, U+FFFE/U+FFFF as ``\\ufffe``."""
    text = "" if value is None else str(value)
    unsafe = _xml_unsafe()
    return unsafe.sub(_escape, text) if unsafe.search(text) else text


def html_escape(value: Any, quote: bool = True) -> str:
    """`html.escape` of `xml_safe(value)`: what the HTML and SVG writers put in a page."""
    import html  # (here: its table of entities takes 1.5 ms to import, and only the HTML output needs it)

    return html.escape(xml_safe(value), quote=quote)


def has_unsafe(value: str) -> bool:
    # a lone surrogate is the one thing a str can hold that UTF-8 cannot encode (both checks run in C, and
    # far faster than a regular expression's search)
    if value.isascii():
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def display_path(path: str) -> str:
    """A file name as jixiao shows it: its bytes decoded as UTF-8 whatever the locale's file-system
    encoding, each byte that is not UTF-8 as ``\\xcd``. Idempotent."""
    if path.startswith("<"):
        return safe_text(path)
    try:
        raw = os.fsencode(path)
    except (UnicodeEncodeError, TypeError, ValueError):
        return safe_text(path)
    return raw.decode("utf-8", "backslashreplace")


def safe_data(value: Any) -> Any:
    """A copy of plain data (dicts, lists, strings…) with every string, key included, made safe, and
    a float that is not a number (NaN, ±infinity: not JSON) written as the string json would have
    put bare; the same object when nothing needed changing."""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, float) and value - value != 0:  # NaN or ±infinity (x - x is NaN for both)
        return "NaN" if value != value else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        changed = False
        out = {}
        for key, item in value.items():
            new_key = safe_text(key) if isinstance(key, str) else key
            new_item = safe_data(item)
            changed = changed or new_key is not key or new_item is not item
            out[new_key] = new_item
        return out if changed else value
    if isinstance(value, list):
        items = [safe_data(item) for item in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if isinstance(value, tuple):
        items = [safe_data(item) for item in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    return value


def _safe_location(location: Any) -> Any:
    if location is None:
        return None
    changes = {}
    for name in ("quote", "sheet", "cell", "label"):
        text = getattr(location, name)
        if isinstance(text, str) and has_unsafe(text):
            changes[name] = safe_text(text)
    if location.artifact is not None:
        shown = display_path(location.artifact)
        if shown != location.artifact:
            changes["artifact"] = shown
    return dataclasses.replace(location, **changes) if changes else location


def _safe_finding(finding: Any) -> None:
    for name in ("rule_id", "category", "severity", "message", "pointer", "tool"):
        text = getattr(finding, name)
        if isinstance(text, str) and has_unsafe(text):
            setattr(finding, name, safe_text(text))
    finding.location = _safe_location(finding.location)
    if finding.related:
        finding.related = [_safe_location(location) for location in finding.related]
    values = finding.values
    if values:
        if isinstance(values.get("file"), str):
            values = {**values, "file": display_path(values["file"])}
        finding.values = safe_data(values)


def safe_result(result: AuditResult) -> AuditResult:
    """Make one `AuditResult` safe to write in any format, in place (and return it): its file names
    through `display_path`, every other string through `safe_text`. The report itself is left alone."""
    result.source = display_path(result.source)
    result.artifact = display_path(result.artifact) if result.artifact else result.artifact
    if isinstance(result.department, str) and has_unsafe(result.department):
        result.department = safe_text(result.department)
    result.packs = safe_data(result.packs)
    for finding in result.findings:
        _safe_finding(finding)
    for finding in result.suppressed:
        _safe_finding(finding)
    if result.rule_runs and has_unsafe("".join(run.rule_id + (run.reason or "") for run in result.rule_runs)):
        result.rule_runs = [run._replace(rule_id=safe_text(run.rule_id), reason=safe_text(run.reason) if run.reason else run.reason)
                            for run in result.rule_runs]
    return result
