"""E-mail saved from a mailbox (.eml): a department's report sent in the message itself.

The message's text (its plain part, else its HTML part read as a web page is) is the report, with what a mail client
puts around it left out: the lines a reply quotes (> …: an earlier draft, the bureau's own comments) and the header
blocks of a forwarded or quoted message (发件人： 发送时间： 主题：, -----原始邮件-----, 在 2026年3月18日 … 写道：).
A plain body sent as written (7bit, 8bit) keeps the line numbers it has in the .eml file, which a reviewer opening the
file sees; an encoded one (base64, quoted-printable) is numbered as decoded. Attachments are not read here: an info
finding names them; where the message is listed as a source (`jixiao check` on it or its folder), each attachment is a
source of its own (`报送.eml!/自评表.xlsx`, jixiao.archives).
"""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage, MIMEPart
from typing import Any

from jixiao.kit import Extraction, Finding, InputError

from .lazyre import guarded
from .messages import message
from .normalize import SourceLine, split_text_lines
from .prose import extract_document, extract_lines, lang_of
from .tables import Document
from .texttables import text_tables

_QUOTED = guarded(r"^\s*[>＞]")
_HEADER_LINE = guarded(r"^\s*(?:发件人|收件人|抄送|密送|发送时间|发送日期|时间|日期|主题|From|To|Cc|Sent|Date|Subject)\s*[:：]")
_QUOTE_OPENER = guarded(r"^\s*(?:-{2,}\s*(?:原始邮件|Original Message|转发邮件|Forwarded message)\s*-{2,}"
                        r"|在\s*.{4,60}写道\s*[:：]|On .{4,80} wrote:)\s*$")
_PLAIN_TRANSFER = ("7bit", "8bit", "binary", "")
_RULE_LINE = guarded(r"^\s*[-=_*~━─═—－＝·.]{4,}\s*$")  # (a line drawn across the message: no content)


def extract_eml(path: str, data: bytes, options: Any = None) -> Extraction:
    lang = lang_of(options)
    try:
        parsed = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:  # the stdlib parser on untrusted bytes: any failure is a broken file
        raise InputError(path, None, None, message("mail_broken", lang, detail=str(exc)[:200])) from None
    if not isinstance(parsed, EmailMessage):
        raise InputError(path, None, None, message("mail_broken", lang, detail="not a message"))
    body = parsed.get_body(preferencelist=("plain", "html"))
    attachments = [part.get_filename() or part.get_content_type() for part in parsed.iter_attachments()]
    findings = [Finding("JX-EXTRACTION", "extraction", "info",
                        message("mail_attachments", lang, names="、".join(attachments) if lang == "zh" else ", ".join(attachments)),
                        None, None, {"problem": "mail_attachments", "attachments": attachments})] if attachments else []
    if body is None:
        raise InputError(path, None, None, message("mail_no_text", lang))
    try:
        content = body.get_content()
    except Exception as exc:  # (an unknown charset, a broken encoding)
        raise InputError(path, None, None, message("mail_broken", lang, detail=str(exc)[:200])) from None
    if body.get_content_type() == "text/html":
        from .html import html_document  # (a message written as a web page: read as one)

        document = html_document(path, content.encode("utf-8"), lang)
        return extract_document(path, document, options, "html", findings)
    lines = split_text_lines(content)
    _number_as_in_file(lines, data, body)
    lines = _without_reply_chrome(lines)
    tables = text_tables(lines)
    if tables:
        return extract_document(path, Document(lines, tables), options, "text", findings)
    return extract_lines(path, lines, options, "text", findings)


def _number_as_in_file(lines: list[SourceLine], data: bytes, body: MIMEPart) -> None:
    """Number a body sent as written by the lines of the .eml file (its headers above it)."""
    if str(body.get("Content-Transfer-Encoding", "")).strip().lower() not in _PLAIN_TRANSFER:
        return
    first = next((line.text for line in lines if line.text.strip()), None)
    if first is None:
        return
    charset = body.get_content_charset() or "utf-8"
    try:
        at = data.find(first.encode(charset))
    except (LookupError, UnicodeEncodeError):
        return
    if at < 0:
        return
    before = data.count(b"\n", 0, at) + 1  # (the file's line the first line of text is on)
    offset = before - next(line.number for line in lines if line.text.strip())
    for line in lines:
        line.number += offset


def _without_reply_chrome(lines: list[SourceLine]) -> list[SourceLine]:
    """The body without the lines a reply quotes and the header blocks of a message quoted or forwarded below it."""
    kept: list[SourceLine] = []
    in_headers = False
    for line in lines:
        text = line.text
        if _RULE_LINE.match(text):
            continue
        if _QUOTED.match(text) or _QUOTE_OPENER.match(text):
            in_headers = bool(_QUOTE_OPENER.match(text))
            continue
        if _HEADER_LINE.match(text) and len(text) <= 120:
            in_headers = True
            continue
        if in_headers and not text.strip():
            in_headers = False
            continue
        in_headers = False
        kept.append(line)
    return kept
