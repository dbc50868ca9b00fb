"""Web pages (.html, .htm): a report published on a government website and saved from the browser ("网页，仅
HTML" or "网页，全部"), read as the browser shows it, its tables (the 自评表 a site publishes as an HTML table)
read as tables.

The page is parsed by the standard library's `html.parser`, which only tokenises: nothing in the page is
fetched or run. What a browser does not show is not read: `<head>`, scripts, styles, templates, `<noscript>`,
forms' option lists, and elements hidden by the `hidden` attribute or an inline `display:none` /
`visibility:hidden` style — except a WeChat article's body (`#js_content`), which the page keeps hidden until its
script runs: a page saved as HTML only shows it in a browser online, and the article is what the reviewer saved. The
account's name over the article (`#js_name`) is not read: run into the title below it, it would be taken for its
start. Block elements (p, div, h1–h6, li, tr …) and `<br>` end a line; white space runs collapse to one space as the browser shows them (`<pre>` keeps its line breaks). The site's chrome — menus,
当前位置, 发布时间/来源/浏览次数, 上一篇/下一篇, 主办单位, 网站标识码 — is what text copied from a page carries too,
and is left to the same prose reader.

Lines are the page's blocks in reading order, numbered from 1, as a Word document's paragraphs are: a browser
shows no line numbers, so a finding points at the paragraph (第 N 段), a table cell (表 T 第 R 行第 C 列) and
quotes the text. A table is a grid as the browser lays it out: `colspan` and `rowspan` fill every slot they
cover, a cell or row left unclosed ends where the next begins (as browsers end them), and a table inside a cell
is a table of its own. The encoding is the BOM's, else UTF-8, else GB18030 (which reads GBK and GB2312 pages).
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable
from functools import partial
from html.parser import HTMLParser
from typing import Any

from jixiao.kit import Extraction, Finding, InputError, decode, read_beside

from .messages import message
from .normalize import SourceLine
from .pictures import MIN_PIXELS, Picture, large_enough, open_image, unavailable
from .pictures import read as read_pictures
from .chrome import strip_chrome
from .prose import extract_document, lang_of, without_report
from .tables import Cell, Document, Table, grid

# elements whose content a browser does not show as text (raw-text elements are tokenised as text by
# html.parser: their content reaches handle_data and is dropped here)
_HIDDEN_TAGS = frozenset({"head", "script", "style", "template", "noscript", "select", "datalist", "object",
                          "iframe", "svg", "math", "textarea", "map", "audio", "video", "canvas"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr", "keygen"})
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
                    "pre", "section", "article", "header", "footer", "nav", "aside", "address", "figure",
                    "figcaption", "caption", "center", "form", "fieldset", "legend", "main", "hr", "title", "body",
                    "html", "details", "summary", "table", "tr", "td", "th", "thead", "tbody", "tfoot"})
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important)?\s*(?:;|$)",
                           re.IGNORECASE)
_SPACES = re.compile(r"[ \t\n\r\f]+")  # HTML's white space (not U+3000 or &nbsp;, which a page keeps)
_VML_IMAGE = re.compile(r"<v:imagedata\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_MAX_SPAN = 1000  # colspan/rowspan beyond this are a broken or hostile page (browsers cap at 1000 and 65534)
_MAX_COLUMNS = 1024


class _Cell:
    __slots__ = ("cell", "first")

    def __init__(self, cell: Cell, first: int) -> None:
        self.cell = cell
        self.first = first  # index of the first line that started inside this cell


class _Table:
    __slots__ = ("table", "slots", "row", "col", "pending", "cell")

    def __init__(self, table: Table) -> None:
        self.table = table
        self.slots: list[list[Cell | None]] = []
        self.row: list[Cell | None] | None = None
        self.col = 0
        self.pending: dict[int, tuple[Cell, int]] = {}  # column → (the cell a rowspan carries down, rows left)
        self.cell: _Cell | None = None


class _PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line_table: list[int | None] = []
        self.tables: list[Table] = []
        self.open_tables: list[_Table] = []
        self.buffer: list[str] = []
        self.hidden: list[str] = []  # the open elements that hide their content (innermost last)
        self.pre = 0
        self.recent: list[str] = []  # the last few lines outside any table (a table's title lines)
        self.holders: set[int] = set()  # tables that hold another table in a cell
        self.frames: list[str] = []  # what the page shows in a frame (<iframe>, <embed>, <object>: a PDF, a viewer)
        # every <img> shown, in page order: (its attributes, the lines before it, the tables begun before it)
        self.images: list[tuple[dict[str, str | None], int, int]] = []
        self.vml_src: str | None = None  # the picture Word's VML shape (in a comment) names, for the <img> after it

    # -- lines -----------------------------------------------------------------------------------------------

    def _flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        parts = text.split("\n") if self.pre else [_SPACES.sub(" ", text)]
        for part in parts:
            part = part.strip(" \t\r\f") if self.pre else part.strip(" ")
            if not part.strip():  # (&nbsp; or U+3000 alone: a blank line as shown)
                continue
            self.lines.append(part)
            table = self.open_tables[-1].table.index if self.open_tables and self.open_tables[-1].cell else None
            self.line_table.append(table)
            if table is None:
                self.recent = (self.recent + [part])[-3:]

    # -- the parser's events ---------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.hidden == ["p"] and tag in _BLOCK:  # a hidden <p> left open ends where the next block starts
            self.hidden = []
        if self.hidden:
            if tag not in _VOID:
                self.hidden.append(tag)
            return
        values = dict(attrs)
        if tag in ("iframe", "embed", "object", "frame") and (values.get("src") or values.get("data")):
            self.frames.append(str(values.get("src") or values.get("data")))
        shown_by_script = values.get("id") == "js_content"  # (a WeChat article's body: its page's script shows it)
        if tag in _HIDDEN_TAGS or "hidden" in values or _HIDDEN_STYLE.search(values.get("style") or "") and not shown_by_script \
                or values.get("id") == "js_name":  # (the account's name over a WeChat article: not the report's)
            if tag not in _VOID:
                self.hidden.append(tag)
            return
        if tag == "br":
            self.buffer.append("\n" if self.pre else "")
            self._flush()
            return
        if tag == "img":
            self._flush()  # (a picture in a line of text: its lines go after the text before it)
            if self.vml_src and values.get("v:shapes"):
                values["vml_src"] = self.vml_src  # (Word's picture as saved: the shown <img> a small copy of it)
            self.vml_src = None
            self.images.append((values, len(self.lines), len(self.tables)))
            return
        if tag in _BLOCK:
            self._flush()
        if tag == "pre":
            self.pre += 1
        elif tag == "table":
            self._start_table()
        elif tag == "tr" and self.open_tables:
            self._start_row(self.open_tables[-1])
        elif tag in ("td", "th") and self.open_tables:
            self._start_cell(self.open_tables[-1], values)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.hidden:
            if tag in self.hidden:  # close it and anything left open inside it
                del self.hidden[len(self.hidden) - 1 - self.hidden[::-1].index(tag):]
            return
        if tag in _BLOCK:
            self._flush()
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        elif tag == "table" and self.open_tables:
            self._end_table()
        elif tag == "tr" and self.open_tables:
            self._end_row(self.open_tables[-1])
        elif tag in ("td", "th") and self.open_tables:
            self._end_cell(self.open_tables[-1])

    def handle_comment(self, data: str) -> None:
        """Word's web page writes each picture twice: a VML shape in a conditional comment naming the picture as pasted,
        and an <img> of a copy scaled to the page (576 pixels wide: too small to read a form's text from)."""
        if not self.hidden and "imagedata" in data:
            found = _VML_IMAGE.search(data)
            self.vml_src = found.group(1) if found else None

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.buffer.append(data)

    # -- tables ----------------------------------------------------------------------------------------------

    def _start_table(self) -> None:
        table = Table(rows=[], index=len(self.tables) + 1, before=list(self.recent))
        if self.open_tables and self.open_tables[-1].cell is not None:
            self.holders.add(self.open_tables[-1].table.index)  # a table in a cell: the outer one lays out the page
        self.tables.append(table)
        self.open_tables.append(_Table(table))
        self.recent = []

    def _end_table(self) -> None:
        draft = self.open_tables[-1]
        self._end_row(draft)  # (its last cell's text is flushed while the table is still open)
        self.open_tables.pop()  # (rowspans still pending reach past the last row: the browser adds no rows for them)
        rows = [[slot if slot is not None else Cell("", origin=(r, c)) for c, slot in enumerate(row)]
                for r, row in enumerate(draft.slots)]
        draft.table.rows = grid(rows)

    def _start_row(self, draft: _Table) -> None:
        self._end_row(draft)
        draft.row, draft.col = [], 0
        draft.slots.append(draft.row)

    def _end_row(self, draft: _Table) -> None:
        self._end_cell(draft)
        if draft.row is None:
            return
        for col in sorted(draft.pending):  # rowspans carried into the columns after the row's last cell
            if col >= len(draft.row):
                self._carry(draft, col)
        draft.row = None

    def _carry(self, draft: _Table, col: int) -> None:
        """Fill slot `col` of the row being read with the cell a rowspan above carries down."""
        assert draft.row is not None
        cell, left = draft.pending[col]
        draft.row.extend([None] * (col + 1 - len(draft.row)))
        draft.row[col] = cell
        cell.rowspan = len(draft.slots) - cell.origin[0]
        if left <= 1:
            del draft.pending[col]
        else:
            draft.pending[col] = (cell, left - 1)

    def _start_cell(self, draft: _Table, values: dict[str, str | None]) -> None:
        self._end_cell(draft)
        if draft.row is None:  # a cell outside any <tr>: browsers start a row for it
            self._start_row(draft)
        assert draft.row is not None
        while draft.col in draft.pending:
            self._carry(draft, draft.col)
            draft.col += 1
        colspan = min(max(1, _span(values.get("colspan"))), _MAX_COLUMNS - draft.col)  # colspan=0 is 1
        rowspan = _span(values.get("rowspan"))
        if colspan <= 0:
            return
        r, col = len(draft.slots) - 1, draft.col
        cell = Cell("", origin=(r, col), colspan=colspan)
        draft.row.extend([None] * (col + colspan - len(draft.row)))
        for c in range(col, col + colspan):
            draft.row[c] = cell
            if c in draft.pending:  # (a colspan over a slot a rowspan above covers: a table model error the page
                _, left = draft.pending[c]  # made; the rowspan still ends where it said, as the browser lays it out)
                if left <= 1:
                    del draft.pending[c]
                else:
                    draft.pending[c] = (draft.pending[c][0], left - 1)
            if rowspan > 1:
                draft.pending[c] = (cell, rowspan - 1)
        draft.col = col + colspan
        draft.cell = _Cell(cell, len(self.lines))

    def _end_cell(self, draft: _Table) -> None:
        if draft.cell is None:
            return
        self._flush()
        current, draft.cell = draft.cell, None
        cell, first = current.cell, current.first
        own = [i for i in range(first, len(self.lines)) if self.line_table[i] == draft.table.index]
        if not own:
            line = max(len(self.lines), 1)
            cell.where = {"line": line, "column": 1, "end_line": line, "end_column": 1, "quote": ""}
            return
        cell.text = "\n".join(self.lines[i] for i in own)
        cell.where = {"line": own[0] + 1, "column": 1, "end_line": own[-1] + 1,
                      "end_column": len(self.lines[own[-1]]) + 1, "quote": cell.text}

    def close(self) -> None:
        super().close()
        while self.open_tables:  # a page cut off inside a table
            self.open_tables[-1].table.truncated = True
            self._end_table()
        self._flush()


def _span(value: str | None) -> int:
    try:
        return max(0, min(int((value or "1").strip()), _MAX_SPAN))
    except ValueError:
        return 1


def html_document(path: str, data: bytes, lang: str = "zh") -> Document:
    """The page's lines (a line from a table cell carries `table=` its table's number) and its tables."""
    text = decode(data, path)
    reader = _PageReader()
    try:
        reader.feed(text)
        reader.close()
    except (AssertionError, ValueError, RecursionError) as exc:  # html.parser is lenient; this is a safety net
        raise InputError(path, None, None, message("html_broken", lang, detail=str(exc) or type(exc).__name__)) from None
    tables, number_of = _data_tables(reader.tables, reader.holders)
    prose = [SourceLine(line, number, table=number_of.get(table) if table is not None else None)
             for number, (line, table) in enumerate(zip(reader.lines, reader.line_table, strict=True), start=1)]
    document = Document(prose, tables)
    document.frames = reader.frames
    shown = sum(len(line) for line in reader.lines)
    document.scripted = sum(len(m.group(1)) for m in _SCRIPT.finditer(text)) > max(2000, 2 * shown)
    # (each picture with the data tables begun before it: the layout tables are not counted)
    document.pictures = [(attributes, before, sum(1 for old in number_of if old <= begun))
                         for attributes, before, begun in reader.images]
    return document


def _data_tables(tables: list[Table], holders: set[int]) -> tuple[list[Table], dict[int, int]]:
    """The tables that hold data, numbered 1, 2… in page order as a reader counts them, and each one's old number →
    new. A table that lays the page out is none: one column (a site's menu, the article in a frame) or a table holding
    another table in a cell. Its text is the page's prose; the tables inside it are tables of their own."""
    kept = [t for t in tables if t.width > 1 and t.index not in holders]
    number_of = {t.index: k for k, t in enumerate(kept, start=1)}
    for table in kept:
        table.index = number_of[table.index]
    return kept, number_of


def extract_html(path: str, data: bytes, options: Any = None) -> Extraction:
    """A saved page. A page saved with its files ("网页，全部"; Word's "网页") has its pictures in a folder beside it
    (`report_files/image001.png`): they are read from there as a Word document's are (pictures.py; `kit.read_beside`
    reads nothing outside the page's folder or archive). Pictures that are not beside it (a page saved alone, or
    linked to the site) are never fetched; those that may be forms are named."""
    lang = lang_of(options)
    document = html_document(path, data, lang)
    limit = getattr(options, "max_bytes", None) or _MAX_PICTURE_BYTES
    chosen, away = _pictures(document, lambda src: read_beside(path, src, limit))
    here = [picture for picture in chosen if picture not in away]
    findings = read_pictures(document, here, options, paragraphs=True)
    findings += read_pictures(document, away, options, paragraphs=True, available=False)
    return _page(path, document, options, findings)


_MAX_PICTURE_BYTES = 50 * 1024 * 1024  # (without options: the engine's default --max-bytes)


def extract_mht(path: str, data: bytes, options: Any = None) -> Extraction:
    """A web page saved as one file (.mht, .mhtml: "网页，单个文件"): its HTML part read as a page is, its pictures (the
    archive's image parts) read as a Word document's are (pictures.py)."""
    lang = lang_of(options)
    page, parts = _mht_parts(path, data, lang)
    document = html_document(path, page, lang)
    findings = read_pictures(document, _pictures(document, partial(_part, parts))[0], options, paragraphs=True)
    return _page(path, document, options, findings)


# a file a page links to or shows in a frame: the report itself, where the page holds only its title around it
_ATTACHED_FILE = re.compile(r"[^\s/\\:：（(]{2,80}?\.(?:pdf|docx?|xlsx?|wps|et|ofd|zip|rar)\b", re.IGNORECASE)
_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)


_PAGE_TEXT = 200  # characters of Chinese besides the site's chrome and the title: fewer, and the page holds no report


def _page(path: str, document: Document, options: Any, findings: list[Finding]) -> Extraction:
    """A saved page read as a report; a page that holds only its title and the site around it (the report is a PDF
    it shows in a viewer or links to, or its text is built by a script that was not saved) is said to hold none:
    its title, year and department only, and no rule is run on it (未能检查), rather than rules on the site's chrome."""
    extraction = extract_document(path, document, options, "html", findings)
    frame = next((f for f in document.frames if _ATTACHED_FILE.search(f) or "viewer" in f.lower() or "pdf" in f.lower()),
                 None)
    attached = _ATTACHED_FILE.search(" ".join(line.text for line in document.prose))  # (附件：…自评报告.pdf)
    if not document.frames and attached is None and not document.scripted:
        return extraction  # (nothing says its report is elsewhere: read as it is, however short)
    if extraction.report.get("projects") or extraction.report.get("department_table"):
        return extraction  # (a form read, from the page or from its pictures)
    lines, _ = strip_chrome(document.prose, running=False, web=True)
    title = str(extraction.report.get("title") or "")
    text = "".join(line.text for line in lines if line.table is None and line.text.strip() != title.strip())
    if sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") >= _PAGE_TEXT:
        return extraction
    lang = lang_of(options)
    if frame is not None:
        named = _ATTACHED_FILE.search(frame)
        why = message("page_frame", lang, file=named.group(0).rsplit("=", 1)[-1] if named else frame)
    elif attached is not None:
        why = message("page_attachment", lang, file=attached.group(0))
    else:
        why = message("page_script", lang)
    return without_report(extraction, message("page_without_report", lang, why=why), "page_without_report")


_PX_PER_CM = 96 / 2.54  # a page's CSS pixel


def _pictures(document: Document, fetch: Callable[[str], bytes | None]) -> tuple[list[Picture], list[Picture]]:
    """The page's pictures that may be forms, numbered among all its pictures: shown (width and height attributes, else
    the picture's own pixels at 96 dpi) at least pictures.large_enough; a picture whose size cannot be told (not in
    the file, no attributes) only where its alt or title names a form (…自评表). `fetch` gives the bytes an <img src>
    (or Word's VML original, preferred) names, where they are at hand. (All of them, those not at hand.)"""
    out: list[Picture] = []
    away: list[Picture] = []
    for number, (attributes, before, tables_before) in enumerate(document.pictures, start=1):
        content = _fetch(fetch, attributes.get("vml_src")) or _fetch(fetch, attributes.get("src"))
        width, height = _css_px(attributes.get("width")), _css_px(attributes.get("height"))
        if content is not None:
            own_width, own_height = _pixels(content)
            if own_width is not None and own_height is not None and min(own_width, own_height) < MIN_PIXELS:
                continue  # (a spacer or a placeholder, whatever size the page shows it at)
            if width is None or height is None:
                width, height = own_width, own_height
        if width is None or height is None:
            words = f"{attributes.get('alt') or ''}{attributes.get('title') or ''}"
            if not _FORM_WORDS.search(words):
                continue
        elif not large_enough(width / _PX_PER_CM, height / _PX_PER_CM):
            continue
        anchor = max(before, 1)
        src = attributes.get("src") or ""
        load = partial(open_image, content) if content is not None else \
            partial(unavailable, f"图片不在文件中：{src}" if src else "图片不在文件中")
        out.append(Picture(number, None, anchor, before, tables_before, load))
        if content is None:
            away.append(out[-1])
    return out, away


_FORM_WORDS = re.compile(r"自评表|绩效.*表|评价表|附表|附件")


def _fetch(fetch: Callable[[str], bytes | None], src: str | None) -> bytes | None:
    """A picture's bytes: written into the page (`data:image/png;base64,…`, as single-file savers write it) or
    `fetch`ed."""
    if not src:
        return None
    src = src.strip()
    if src[:5].lower() == "data:":
        head, comma, body = src.partition(",")
        if not comma or not head.lower().endswith(";base64"):
            return None
        try:
            return base64.b64decode(body, validate=False)
        except ValueError:
            return None
    return fetch(src)


def _css_px(value: str | None) -> float | None:
    m = re.match(r"\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$", value or "")
    return float(m.group(1)) if m else None


def _pixels(content: bytes) -> tuple[float | None, float | None]:
    """A picture's own size in pixels, from its header (Pillow reads no more than that), or (None, None)."""
    try:
        from PIL import Image
    except ImportError:
        return None, None
    try:
        with Image.open(io.BytesIO(content)) as image:
            return float(image.size[0]), float(image.size[1])
    except Exception:  # (not an image Pillow knows: it is named as unreadable when it is read)
        return None, None


def _part(parts: dict[str, bytes], src: str) -> bytes | None:
    """The archive's part an <img src> names: by its Content-Location (whole, or its file name), or cid: its Content-ID."""
    if not src or not parts:
        return None
    src = src.strip()
    if src.lower().startswith("cid:"):
        return parts.get("<" + src[4:] + ">") or parts.get(src[4:])
    found = parts.get(src)
    if found is not None:
        return found
    name = src.replace("\\", "/").rsplit("/", 1)[-1]
    matches = [content for location, content in parts.items() if location.replace("\\", "/").rsplit("/", 1)[-1] == name]
    return matches[0] if len(matches) == 1 else None


def _mht_parts(path: str, data: bytes, lang: str) -> tuple[bytes, dict[str, bytes]]:
    """The first text/html part of a MIME archive, as UTF-8 bytes (its transfer encoding and charset undone); and its
    image parts by their Content-Location and Content-ID."""
    import email
    import email.policy

    page: bytes | None = None
    parts: dict[str, bytes] = {}
    try:
        archive = email.message_from_bytes(data, policy=email.policy.default)
        for part in archive.walk():
            kind = part.get_content_type()
            if kind == "text/html" and page is None:
                if part.get_content_charset() is None:  # (Chrome's "Content-Type: text/html" alone: the page's own
                    body = part.get_payload(decode=True)  # <meta charset> says, as in a page saved as .html)
                    page = body if isinstance(body, bytes) else b""
                    continue
                content = part.get_content()
                page = content.encode("utf-8") if isinstance(content, str) else bytes(content)
            elif kind.startswith("image/"):
                body = part.get_payload(decode=True)
                if isinstance(body, bytes):
                    for key in (part.get("Content-Location"), part.get("Content-ID")):
                        if key:
                            parts[str(key).strip()] = body
    except (LookupError, ValueError, TypeError, UnicodeError) as exc:  # an unknown charset, broken encoding
        raise InputError(path, None, None, message("html_broken", lang, detail=str(exc) or type(exc).__name__)) from None
    if page is None:
        raise InputError(path, None, None, message("html_broken", lang, detail="no text/html part"))
    return page, parts
