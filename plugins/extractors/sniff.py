"""What a file is by its bytes, for files whose name has no suffix an extractor claims (报告, 报告.bak) and for
files whose suffix lies (a .doc that WPS saved as .docx, a .pdf that is a Word file).

Each test is a signature, never a guess, and no two say yes to the same bytes (but for an .xls that is a web page):

- PDF: `%PDF-` in the first 1024 bytes (readers allow a little junk before it);
- .docx / .xlsx: a zip (`PK\\x03\\x04`) holding `word/document.xml` / `xl/workbook.xml`;
- .odt / .ods: a zip whose `mimetype` member says application/vnd.oasis.opendocument.text / .spreadsheet, or a flat
  XML file whose office:document says so in its office:mimetype;
- .doc / .xls: an OLE compound file (`D0 CF 11 E0`) whose root holds a `WordDocument` stream / a `Workbook` or
  `Book` stream (and no `WordDocument`);
- JSON: text that starts with `{` and a key (or `}`);
- a web page: text opening an HTML document (`<!DOCTYPE html`, `<html`, `<head`, `<body`…) in its first 4,096
  characters. The xls reader says yes to it too, so that an .xls that is a web page stays an .xls (converted by
  LibreOffice as Excel would show it); a page without a suffix is the html reader's, which comes first;
- a web archive (.mht): `MIME-Version:` and `multipart/related` in the first 4,096 bytes;
- images: the JPEG, PNG, TIFF and WebP signatures, and BM with a BMP info header's size after it;
- text: UTF-8/UTF-16/GB18030 text, not markup (`<`), not JSON or RTF, with a word every report uses
  (绩效, 预算, 决算, 自评, 支出).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from typing import TYPE_CHECKING

from jixiao.kit import decode

if TYPE_CHECKING:
    from jixiao.kit import Extractor

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_JSON_START = re.compile(r"\A\s*\{\s*[\"}]")
_REPORT_WORDS = re.compile("绩效|績效|预算|預算|决算|決算|自评|自評|支出")
_MARKUP = re.compile(r"<(?:html|body|table|div|p)\b|^MIME-Version:", re.IGNORECASE | re.MULTILINE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])  # what _CONTROL matches, as bytes


def is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


def _zip_holding(data: bytes, member: bytes) -> bool:
    # the member's name stands in its local header and in the central directory: found even in a cut-off file
    return data.startswith(ZIP_MAGIC) and member in data


def is_docx(data: bytes) -> bool:
    return _zip_holding(data, b"word/document.xml")


def is_ofd(data: bytes) -> bool:
    return _zip_holding(data, b"OFD.xml")


_ODF_MIME = b"application/vnd.oasis.opendocument."
_FLAT_ODF = re.compile(r'<office:document\b[^>]{0,4000}\boffice:mimetype="application/vnd\.oasis\.opendocument\.(\w+)')


def odf_kind(data: bytes) -> str | None:
    """An OpenDocument file's kind ("text", "spreadsheet", …): the `mimetype` its package stores first (or anywhere),
    or a flat file's office:mimetype."""
    if data.startswith(ZIP_MAGIC):
        if _ODF_MIME not in data[:200] and not (b"mimetype" in data and b"content.xml" in data):
            return None
        name_length, extra = int.from_bytes(data[26:28], "little"), int.from_bytes(data[28:30], "little")
        mime = b""
        if data[30:30 + name_length] == b"mimetype" and data[8:10] == b"\x00\x00":  # stored first, as the standard asks
            start = 30 + name_length + extra
            mime = data[start:start + min(int.from_bytes(data[18:22], "little"), 128)]
        if not mime:
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("mimetype") as stream:
                    mime = stream.read(128)
            except Exception:  # no mimetype member, a damaged zip
                return None
        mime = mime.strip()
        return mime[len(_ODF_MIME):].split(b"-")[0].decode("ascii", "replace") if mime.startswith(_ODF_MIME) else None
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return None
    found = _FLAT_ODF.search(data[:8192].decode("utf-8", "replace"))
    return found.group(1) if found else None


def is_odt(data: bytes) -> bool:
    return odf_kind(data) == "text"


def is_ods(data: bytes) -> bool:
    return odf_kind(data) == "spreadsheet"


def is_xlsx(data: bytes) -> bool:
    return _zip_holding(data, b"xl/workbook.xml")


def ole_streams(data: bytes) -> frozenset[str]:
    """The names at the root of an OLE compound file (empty for anything else)."""
    if not data.startswith(OLE_MAGIC):
        return frozenset()
    try:
        from xlrd import compdoc

        doc = compdoc.CompDoc(data, logfile=io.StringIO())
        root = doc.dirlist[0]
        return frozenset(doc.dirlist[i].name for i in root.children)
    except Exception:  # a damaged directory (xlrd raises CompDocError, IndexError, RecursionError...)
        return _scanned_names(data)


def _scanned_names(data: bytes) -> frozenset[str]:
    """The names a damaged OLE file's directory entries hold, found where a 128-byte entry starts."""
    names = set()
    for name in ("WordDocument", "Workbook", "Book"):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        start = data.find(encoded)
        while start != -1:
            size = data[start + 64:start + 66]
            if start % 128 == 0 and size == len(encoded).to_bytes(2, "little"):
                names.add(name)
                break
            start = data.find(encoded, start + 1)
    return frozenset(names)


JPEG, PNG, TIFF_LE, TIFF_BE = b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*"
_BMP_HEADERS = {12, 40, 52, 56, 64, 108, 124}  # the sizes of a BMP's info header: "BM" alone is too weak a sign


def is_image(data: bytes) -> bool:
    if data.startswith((JPEG, PNG, TIFF_LE, TIFF_BE)):
        return True
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return True
    return data.startswith(b"BM") and len(data) >= 18 and int.from_bytes(data[14:18], "little") in _BMP_HEADERS


def is_doc(data: bytes) -> bool:
    return "WordDocument" in ole_streams(data)


def is_xls(data: bytes) -> bool:
    names = ole_streams(data)
    return bool(names) and "WordDocument" not in names and ("Workbook" in names or "Book" in names)


def _text(data: bytes) -> str | None:
    if not data or data.startswith((OLE_MAGIC, ZIP_MAGIC)) or is_pdf(data) or is_image(data):
        return None
    try:
        text: str = decode(data, "")
    except Exception:
        return None
    # No control byte in the first 16 KB: then none in the first 4,096 characters either (UTF-8 and
    # GB18030 write them as single bytes, UTF-16 with a zero byte), and no regular expression is needed.
    if len(data[:16388].translate(None, _CONTROL_BYTES)) == min(len(data), 16388):
        return text
    head = text[:4096]
    if len(_CONTROL.findall(head)) > len(head) // 100:  # binary that happened to decode
        return None
    return text


_PAGE_START = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title)\b", re.IGNORECASE)


def is_html(data: bytes) -> bool:
    """A web page: text whose first 4,096 characters open an HTML document."""
    text = _text(data)
    return text is not None and bool(_PAGE_START.search(text, 0, 4096))


def is_xls_or_page(data: bytes) -> bool:
    """An .xls, or a web page saved as one (LibreOffice reads it as the workbook Excel shows; see legacy.py)."""
    return is_xls(data) or is_html(data)


def is_mht(data: bytes) -> bool:
    """A web archive (.mht): a MIME message of related parts."""
    head = data[:4096].lower()
    return b"mime-version:" in head and b"multipart/related" in head


def is_json(data: bytes) -> bool:
    text = _text(data)
    return text is not None and bool(_JSON_START.match(text.lstrip("\ufeff")))


def is_text(data: bytes) -> bool:
    text = _text(data)
    if text is None:
        return False
    start = text.lstrip("\ufeff \t\r\n")
    if start.startswith(("<", "{", "[")) or _MARKUP.search(text, 0, 4096):  # HTML/XML/MHT, JSON, RTF ({\rtf1)
        return False
    return bool(_REPORT_WORDS.search(text, 0, 200_000))


SNIFFERS = {
    "pdf": is_pdf,
    "docx": is_docx,
    "xlsx": is_xlsx,
    "ofd": is_ofd,
    "odt": is_odt,
    "ods": is_ods,
    "doc": is_doc,
    "wps": is_doc,  # a Kingsoft WPS document is an OLE file laid out as a .doc
    "xls": is_xls_or_page,
    "et": is_xls,  # a WPS spreadsheet, likewise laid out as an .xls
    "json": is_json,
    "text": is_text,
    "image": is_image,
    "html": is_html,
    "mht": is_mht,
}


def with_sniffers(extractors: list[Extractor]) -> list[Extractor]:
    """The built-in extractors, each given its sniff (by name) where it has none."""
    return [replace(e, sniff=SNIFFERS[e.name]) if e.sniff is None and e.name in SNIFFERS else e for e in extractors]
