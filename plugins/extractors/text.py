"""Plain-text and Markdown reports (.txt, .md): text as a PDF or a web page gave it."""

from __future__ import annotations

from typing import Any

from jixiao.kit import Extraction, decode

from .lazyre import guarded
from .normalize import split_text_lines
from .prose import extract_document, extract_lines
from .tables import Document
from .texttables import text_tables

_MD_HEADING = guarded(r"^\s{0,3}#{1,6}\s+")
_MD_EMPHASIS = guarded(r"\*\*|__")
_MD_FENCE = guarded(r"^\s{0,3}(?:```|~~~)")  # a code block's fence (```text): no content
_MD_RULE = guarded(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")  # a thematic break (---): no content


def extract_text(path: str, data: bytes, options: Any = None) -> Extraction:
    lines = split_text_lines(decode(data, path))
    tables = text_tables(lines)  # 自评表 laid out as text: their lines are tagged and kept out of the prose
    if tables:
        return extract_document(path, Document(lines, tables), options, "text")
    return extract_lines(path, lines, options, "text")


def extract_markdown(path: str, data: bytes, options: Any = None) -> Extraction:
    """A Markdown report (an editor's or a writing assistant's draft): its markup is read past, and its pipe tables
    (a 自评表 as | 一级指标 | 二级指标 | … |, in a ``` block or not) are read as a text's tables are."""
    lines = split_text_lines(decode(data, path))
    in_comment = False
    for line in lines:
        shown, in_comment = _blank_comments(line.text, in_comment)
        line.display = _blank_markup(shown)
    tables = text_tables(lines)
    if tables:
        return extract_document(path, Document(lines, tables), options, "markdown")
    return extract_lines(path, lines, options, "markdown")


def _blank_comments(text: str, in_comment: bool) -> tuple[str, bool]:
    """An HTML comment (<!-- 征求意见稿，请各科室核对… -->, on one line or over several) replaced by spaces: a note to
    the draft's readers, never shown; and whether the line ends inside one."""
    out, at = [], 0
    while at < len(text):
        if in_comment:
            end = text.find("-->", at)
            stop = len(text) if end < 0 else end + 3
            out.append(" " * (stop - at))
            at, in_comment = stop, end < 0
        else:
            start = text.find("<!--", at)
            if start < 0:
                out.append(text[at:])
                break
            out.append(text[at:start])
            at, in_comment = start, True
    return "".join(out), in_comment


def _blank_markup(text: str) -> str:
    """Markdown markup replaced by spaces, so columns still count in the original line."""
    if _MD_FENCE.match(text) or _MD_RULE.match(text):
        return " " * len(text)
    m = _MD_HEADING.match(text)
    if m:
        text = " " * m.end() + text[m.end():]
    if "**" in text or "__" in text:
        text = _MD_EMPHASIS.sub("  ", text)
    return text
