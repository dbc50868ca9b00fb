"""Normalising prose for matching, with a map back to the original line and column.

The source is a list of lines (a text file's lines, a PDF page's text lines, a DOCX paragraph each).
The normalised *stream* is what the figure patterns run on:

- NFKC (full-width digits, ％, （）, ： become ASCII), except the full-width comma, which stays a
  clause separator and so can never be read as a thousands separator;
- blank lines and page-number lines dropped, leading and trailing spaces of a line dropped
  (PDF text often starts a page with a space);
- spaces removed wherever one side is not an ASCII letter or digit ("169.02 万元" → "169.02万元",
  "2021 年" → "2021年", "49. 9" → "49.9"); a space between two ASCII digits stays, so separate
  numbers stay separate (numbers with a space as thousands separator are read by the number pattern);
- lines broken by the layout are joined, and a "\n" marks a real break: before and after a heading,
  after a line that ends a sentence, around a date line, after the title block.

Every stream character maps back to (source line, column), so a match anywhere in the stream
gives the original line/column span and the original text as the quote.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from jixiao.kit import Location

from .lazyre import guarded, lazy


@dataclass(slots=True)
class SourceLine:
    text: str  # the original text, for quotes
    number: int  # 1-based line number as a reviewer counts it (within the page for a PDF)
    page: int | None = None
    display: str | None = None  # the same text after 繁→简 conversion (same length), for values
    table: int | None = None  # the number of the table this line is part of (a cell's text), if any
    ocr: bool = False  # the text was recognised by OCR from a scanned page
    picture: int | None = None  # read from a picture in the document (pictures.py): its number (on its page, a PDF's)
    cell: tuple[str, str] | None = None  # a workbook's prose: the sheet and cell it was written in (自评报告, A5)


_COMMA_GUARD = "\ue000"
# A full-width comma between digits with exactly three after it is a thousands separator typed in
# Chinese punctuation mode (1，200万元, １，２３６．５０); anywhere else it separates clauses.
_FULLWIDTH_THOUSANDS = guarded("(?<=[0-9０-９])，(?=[0-9０-９]{3}(?![0-9０-９]))")
_SPACE = guarded(r"\s+")
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

HEADING_L1 = guarded(r"^(?:[一二三四五六七八九十]{1,3})[、.]")
HEADING_L2 = guarded(r"^\((?:[一二三四五六七八九十]{1,3})\)")
_SENTENCE_END = frozenset("。！？；：!?;:")
_HEADING_FIRST = frozenset("一二三四五六七八九十(")
_DATE_LAST = frozenset("日号月0123456789")
_PAGE_NUMBER = guarded(
    r"^(?:[-—–_~·]*\s*\d{1,4}\s*[-—–_~·]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)
_YEAR_ASIDE_LINE = guarded(r"^[(（]\s*(?:19|20)\d{2}\s*年度?\s*[)）]$")
_OTHER_TITLE_END = lazy(r"(?:\d{4}\s*年度?|局|委|院|中心|办|政府)\s*(?:部门|单位)?决算(?:公开)?(?:说明)?$|绩效目标(?:申报)?表$|监控(?:情况)?表$")
_TITLE_GOES_ON = lazy(r"(?:公开)?(?:情况)?说明$")
_ATTACHMENT_LINE = lazy(r"^附件\s*[\d一二三四五六七八九十]{0,3}\s*[:：]?$")
# an official document's number on a line of its own (安林函〔2026〕15号, 某财绩[2025]3号): under the issuing
# organisation's name and over the title, and part of neither
DOC_NUMBER_LINE = lazy(r"^[\u4e00-\u9fff]{1,12}\s*[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d{1,4}\s*号$")
# an official document's red head (兰考县农业农村局文件): a line of its own over the title, never run into it
_RED_HEAD = lazy(r"^[\u4e00-\u9fff（）()]{2,40}文件$")
# above the first heading, a line that is a title (…2025年度绩效自评报告, no comma in it) or a subject in brackets alone
# under one (（老旧小区微更新项目）): a paragraph of its own, never run into the text after it
_TITLE_AREA_LINE = lazy(r"^(?:[^，,。；;]{0,36}(?:年|绩效)[^，,。；;]{0,30}(?:自评报告|评价报告|自评表)|[（(][^（）()，,。]{2,40}[）)])$")
# what an article's editor puts before a line (◆ ▲ ✅ 📌, emoji), and the 【】 around a heading (【一、项目基本情况】)
_DECORATION = lazy("^(?:[◆◇■□●○★☆▲△▼▽►▶◀•※✔☑\u2600-\u27bf\U0001f000-\U0001faff\ufe0f\u200d]+\\s*)?"
                   "(?P<bracket>【(?=[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]))?")
_FIELD_LINE = guarded(r"^[^\s:：,，。]{2,12}[:：]")  # a form field on its own line: 预算编码：302015
_BARE_INT = guarded(r"^\d{1,4}$")
_DIGITS = guarded(r"\d{1,4}")
# After a bare number line, text that continues a figure (a unit or counter), so the number is a value.
_CONTINUES_FIGURE = guarded(r"^(?:万|元|亿|%|个|项|人|名|分|年|月|日|\.|,|，)")
_DATE_LINE = guarded(
    r"^(?:(?:报告|填报|报送|编制)?日期:?)?(?:\d{4}年\d{1,2}月(?:\d{1,2}[日号])?|\d{4}([-/.])\d{1,2}\1\d{1,2}"
    r"|[〇○零一二三四五六七八九Ｏ]{4}年[一二三四五六七八九十]{1,3}月(?:[一二三四五六七八九十]{1,3}日)?)$"  # (a cover's 2026年4月)
)


# Characters whose NFKC is one other character, as a report writes them all the time: the full-width forms
# (，：（）％ ０-９ Ａ-Ｚ ￥) and the ideographic space.
_NFKC_ONE = {code: unicodedata.normalize("NFKC", chr(code)) for code in [0x3000, *range(0xFF01, 0xFFEF)]
             if len(unicodedata.normalize("NFKC", chr(code))) == 1 and unicodedata.normalize("NFKC", chr(code)) != chr(code)}
_NFKC_COMMON = tuple((wide, _NFKC_ONE[ord(wide)]) for wide in "，：；（）％")


# The characters a PDF's text layer gives as CJK radicals (a font whose glyph of 民 is also the radical ⺠ maps it
# there: WPS and some Mac exports): the character each stands for. Kangxi Radicals and the CJK Compatibility
# Ideographs by their NFKC; the CJK Radicals Supplement, which has none, from Unicode's EquivalentUnifiedIdeograph.txt,
# for the forms that are whole characters (⺠ 民, ⻔ 门, ⻓ 长, ⻅ 见 …), not only parts of one (⺡ 氵 is left alone).
_SUPPLEMENT = dict(zip("⺁⺊⺌⺍⺒⺓⺜⺝⺟⺠⺧⺩⺫⺬⺮⺯⺶⺷⺻⺼⺽⻁⻄⻅⻆⻉⻊⻋⻑⻓⻔⻗⻘⻙⻚⻛⻜⻝⻡⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
                       "厂卜小小巳幺日月母民牛王目示竹糸羊羊聿月臼虎西见角贝足车長长门雨青韦页风飞食首马骨鬼鱼鸟卤麦黄黾齐齿龙龟", strict=True))
_UNIFIED = str.maketrans({**{code: unicodedata.normalize("NFKC", chr(code))
                             for code in [*range(0x2F00, 0x2FD6), *range(0xF900, 0xFADA), *range(0x2F800, 0x2FA1E)]
                             if len(unicodedata.normalize("NFKC", chr(code))) == 1},
                          **{ord(radical): unified for radical, unified in _SUPPLEMENT.items()}})
_RADICAL = guarded("[\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")


def unify_radicals(text: str) -> str:
    """The text with each radical or compatibility ideograph standing for a character replaced by that character
    (`_UNIFIED`): one character for one, so columns stay where they were."""
    return text.translate(_UNIFIED) if _RADICAL.search(text) else text


# the scripts of the languages a minority area's bilingual documents set beside the Chinese: Tibetan, Mongolian, Arabic
# (Uyghur, Kazakh), Hangul (Korean), Yi
_OTHER_SCRIPT = ("\u0f00-\u0fff\u1800-\u18af\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc"
                 "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\ua000-\ua4cf")
_OTHER_RUN = lazy(f"[{_OTHER_SCRIPT}][{_OTHER_SCRIPT}\\s\u202f\u200c\u200d\u00b7.,:;'\"()\\-]*")
_OTHER_LETTER = lazy(f"[{_OTHER_SCRIPT}]")
_HAN_OR_LATIN = lazy("[\u4e00-\u9fffA-Za-z]")
_ANY_LETTER = lazy(f"[\u4e00-\u9fffA-Za-z{_OTHER_SCRIPT}]")


def chinese_only(text: str) -> str:
    """The text with a bilingual document's other language blanked (same length: columns stay where they were): a
    line that opens in it and is mostly in it (a paragraph's translation, figures and all) wholly, else its runs
    (一、ཡོངས་ཁྱབ། 基本情况: the heading's translation beside it). The Chinese is the document's own; the translation
    states its figures again."""
    if not _OTHER_LETTER.search(text):
        return text
    other, own = len(_OTHER_LETTER.findall(text)), len(_HAN_OR_LATIN.findall(text))
    first = _ANY_LETTER.search(text)
    if first is not None and _OTHER_LETTER.match(first.group()) and own < other:
        return " " * len(text)  # (a translated paragraph, perhaps naming a project in Chinese: wholly)
    return _OTHER_RUN.sub(lambda m: " " * len(m.group()), text)


def chinese_cell(text: str) -> str:
    """A table cell's text without its translation (项目名称 / ལས་གཞིའི་མིང་། → 项目名称)."""
    if not _OTHER_LETTER.search(text):
        return text
    kept = _OTHER_RUN.sub("", text)
    return re.sub(r"^[\s/／|｜]+|[\s/／|｜]+$", "", kept)


def undecorated(text: str) -> tuple[int, str]:
    """A stripped line without what an article's editor put before it (◆ ✅ 📌) or around a heading (【一、…】): how
    many characters went from its start, and the rest."""
    decoration = _DECORATION.match(text)
    if decoration is None or not decoration.end():
        return 0, text
    rest = text[decoration.end():]
    if decoration.group("bracket") and rest.endswith("】"):
        rest = rest[:-1].rstrip()
    return decoration.end(), rest


def nfkc(text: str) -> str:
    """`unicodedata.normalize("NFKC", text)`, about ten times faster on a line of Chinese.

    Those characters (`_NFKC_ONE`) are replaced by their NFKC first (the commonest by `str.replace`, the rest by
    `str.translate`); that changes no
    compatibility decomposition (NFKD of a character's NFKC is NFKD of the character), so the text's NFKC
    stays the same, and where the result is normalised already (it nearly always is) it is the NFKC."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text
    mapped = text
    for wide, narrow in _NFKC_COMMON:  # (str.replace of the few that are everywhere beats translate)
        if wide in mapped:
            mapped = mapped.replace(wide, narrow)
    if unicodedata.is_normalized("NFKC", mapped):
        return mapped
    mapped = mapped.translate(_NFKC_ONE)
    if unicodedata.is_normalized("NFKC", mapped):
        return mapped
    return unicodedata.normalize("NFKC", mapped)


def compact(text: str) -> str:
    """NFKC with all white space removed: how header words and labels are compared."""
    return "".join(nfkc(text).split())


def nfkc_line(text: str) -> tuple[str, list[int] | None]:
    """NFKC of one line and, where lengths differ, the source column of each output character."""
    if "，" in text:
        guarded = _FULLWIDTH_THOUSANDS.sub(",", text).replace("，", _COMMA_GUARD)
    else:
        guarded = text
    if guarded.isascii() or unicodedata.is_normalized("NFKC", guarded):
        return guarded.replace(_COMMA_GUARD, "，") if guarded is not text else text, None
    out = nfkc(guarded)
    if len(out) == len(guarded):
        return out.replace(_COMMA_GUARD, "，"), None
    pieces, cols = [], []
    for col, ch in enumerate(guarded):
        norm = unicodedata.normalize("NFKC", ch)
        pieces.append(norm)
        cols.extend([col] * len(norm))
    return "".join(pieces).replace(_COMMA_GUARD, "，"), cols


class Stream:
    """The normalised text of a source and the map back to it."""

    def __init__(self, lines: list[SourceLine], grids: frozenset[int] = frozenset()):
        self.lines = lines
        self.grids = grids  # the tables of three columns or more that are no 自评表: a row of one is never a heading
        self.kept: list[int] = []  # indices of lines with content (not blank, not page numbers)
        self.heading_level: dict[int, int] = {}  # line index → 1 or 2
        self.line_start: dict[int, int] = {}  # line index → stream offset of its first character
        # the stream is a sequence of pieces of source lines: where each starts in the stream, its line
        # (index into self.lines), the source column of its first character, and for lines whose NFKC
        # form changed length, the source column of every character
        self._starts: list[int] = []
        self._piece_line: list[int] = []
        self._piece_col: list[int] = []
        self._piece_cols: list[list[int] | None] = []
        self._bounds: dict[int, tuple[int, int]] = {}  # line index → [first, end) of its content
        self.text = self._build()

    # -- building ---------------------------------------------------------------------------------
    def _build(self) -> str:
        norm: list[tuple[int, str, list[int] | None, int]] = []  # (index, text, cols, offset of strip)
        indented: set[int] = set()  # lines indented as a paragraph is (　　)
        for index, line in enumerate(self.lines):
            raw = line.display if line.display is not None else line.text
            if raw.startswith("\u3000\u3000"):
                indented.add(index)
            stripped = raw.strip()
            if not stripped:
                continue
            lead = len(raw) - len(raw.lstrip())
            if not stripped[0].isalnum():  # (◆（一）项目概况, 📌产出指标…, 【一、项目基本情况】: a phone's copy of an article)
                skipped, stripped = undecorated(stripped)
                lead += skipped
                if not stripped:
                    continue
            self._bounds[index] = (lead, lead + len(stripped))
            text, cols = nfkc_line(stripped)
            norm.append((index, text, cols, lead))
        norm = self._drop_page_numbers(norm)
        widths = [_width(t) for _, t, _, _ in norm]
        # the width of a full line of prose (a table's cells, many and short, say nothing of it)
        ranked = sorted(w for (index, _, _, _), w in zip(norm, widths, strict=True) if self.lines[index].table is None) or [0]
        full = 0.8 * ranked[int(0.9 * (len(ranked) - 1))]
        out: list[str] = []
        pos = 0
        title_done = False
        previous_break = True
        paragraph = ""  # the text of the paragraph being built, before the title is done
        for k, (index, text, cols, lead) in enumerate(norm):
            level = 0
            if text[0] in _HEADING_FIRST and (self.lines[index].table is None or self.lines[index].table not in self.grids):
                level = 2 if HEADING_L2.match(text) else 1 if HEADING_L1.match(text) else 0
            is_date = len(text) <= 40 and text[-1] in _DATE_LAST and bool(_DATE_LINE.match(_SPACE.sub("", text)))
            if level:
                self.heading_level[index] = level
                title_done = True
            # a paragraph's indent (　　) begins a new one once the title is done (a centred title is indented too)
            if k and not previous_break and (level or is_date or title_done and index in indented
                                             or not title_done and self._apart(norm[k - 1][0], index)):
                out.append("\n")  # (before the title, lines apart in the source: not one title wrapped)
                pos += 1
            self.kept.append(index)
            self.line_start[index] = pos
            pos = self._add_line(out, pos, index, text, cols, lead)
            ends = text[-1] in _SENTENCE_END
            if not title_done:
                paragraph = text if previous_break else paragraph + text
                # (a title wrapped inside its last word, …自评报 / 告, ends where the word does)
                if "报告" in text or "自评表" in text or paragraph.endswith(("报告", "自评表", "汇总表", "的函", "的请示", "工作总结", "自评总结")) \
                        or _OTHER_TITLE_END.search(paragraph) and not (k + 1 < len(norm) and _TITLE_GOES_ON.match(norm[k + 1][1])):
                    # (…2025年度部门决算, …绩效目标申报表: another document's title; …部门决算 / 公开说明 goes on)
                    title_done = True
                    ends = True
            if DOC_NUMBER_LINE.match(text) or k + 1 < len(norm) and DOC_NUMBER_LINE.match(norm[k + 1][1]) \
                    or _ATTACHMENT_LINE.match(text) or not title_done and _RED_HEAD.match(text):
                ends = True  # (a document's number, the organisation's name over it, 附件2 over a title: lines of their own)
            if (level or _FIELD_LINE.match(text)) and widths[k] < full or is_date or _YEAR_ASIDE_LINE.match(text):
                ends = True  # (a heading, a form field, a date; （2022年度） under a form's title)
            if not self.heading_level and _TITLE_AREA_LINE.match(text):
                ends = True  # (above the first heading: a cover's （老旧小区微更新项目）, the report's own title again)
            if k + 1 < len(norm) and self.lines[norm[k + 1][0]].table != self.lines[index].table:
                ends = True  # a table begins or ends here: never one sentence with the prose around it
            if ends:
                out.append("\n")
                pos += 1
            previous_break = ends
        return "".join(out)

    def _apart(self, previous: int, index: int) -> bool:
        """Whether two lines stood apart in the source: more than one line between them (a title wrapped in a
        PDF's text layer may have a blank line between its parts; a site's name and the title have its
        breadcrumb, 索引号 and 发布日期 between them, dropped as chrome: even one such line sets them apart)."""
        before, line = self.lines[previous], self.lines[index]
        if line.page != before.page or line.picture != before.picture or line.number > before.number + 2:
            return True
        return line.number - before.number > index - previous  # a line dropped between them (chrome)

    def _drop_page_numbers(self, norm: list[tuple[int, str, list[int] | None, int]]
                           ) -> list[tuple[int, str, list[int] | None, int]]:
        """Page-number lines go (- 3 -, 第 3 页 共 12 页, 3/12, a bare 3). A bare number stays only where it
        reads as part of a figure: followed by a unit or counter (2022 / 年), not following on from a line
        that itself ends in a digit (项目共5 / 2 / 个: the 2 is the page number, not 52), and not the next
        number of the pages already seen."""
        kept: list[tuple[int, str, list[int] | None, int]] = []
        last_page: int | None = None
        for k, item in enumerate(norm):
            text = item[1]
            if _PAGE_NUMBER.match(text):
                digits = _DIGITS.search(text)
                if not _BARE_INT.match(text):
                    last_page = int(digits.group()) if digits else last_page
                    continue
                value = int(text)
                following = norm[k + 1][1] if k + 1 < len(norm) else ""
                previous = kept[-1][1] if kept else ""
                in_sequence = last_page is not None and value == last_page + 1
                if in_sequence or previous[-1:].isdigit() or not _CONTINUES_FIGURE.match(following):
                    last_page = value
                    continue
            kept.append(item)
        return kept

    def _add_line(self, out: list[str], pos: int, index: int, text: str, cols: list[int] | None, lead: int) -> int:
        if " " not in text and "\t" not in text and "\u3000" not in text and text.isprintable():
            return self._piece(out, pos, index, text, 0, cols, lead)
        start = 0
        for m in _SPACE.finditer(text):
            a, b = m.start(), m.end()
            left, right = text[a - 1] if a else "", text[b] if b < len(text) else ""
            if left in _ASCII_ALNUM and right in _ASCII_ALNUM:
                continue
            if a > start:
                pos = self._piece(out, pos, index, text[start:a], start, cols, lead)
            start = b
        if start < len(text):
            pos = self._piece(out, pos, index, text[start:], start, cols, lead)
        return pos

    def _piece(self, out: list[str], pos: int, index: int, chunk: str, col: int, cols: list[int] | None,
               lead: int) -> int:
        self._starts.append(pos)
        self._piece_line.append(index)
        if cols is None:
            self._piece_col.append(lead + col)
            self._piece_cols.append(None)
        else:
            self._piece_col.append(0)
            self._piece_cols.append([lead + c for c in cols[col:col + len(chunk)]])
        out.append(chunk)
        return pos + len(chunk)

    # -- mapping back -----------------------------------------------------------------------------
    def source(self, offset: int) -> tuple[int, int]:
        """(line index, 0-based source column) of a stream offset (a "\n" maps to the char before it)."""
        k = max(bisect.bisect_right(self._starts, offset) - 1, 0)
        delta = offset - self._starts[k]
        cols = self._piece_cols[k]
        if cols is None:
            return self._piece_line[k], self._piece_col[k] + delta
        return self._piece_line[k], cols[min(delta, len(cols) - 1)]

    def location(self, start: int, end: int) -> Location:
        """The source span of stream[start:end] (end exclusive), with the original text as quote."""
        return Location.from_dict(self.location_dict(start, end))

    def location_dict(self, start: int, end: int) -> dict[str, Any]:
        """The same as a provenance entry: line, column, end_line, end_column (exclusive), quote, page."""
        while end > start + 1 and self.text[end - 1] == "\n":
            end -= 1
        first_line, first_col = self.source(start)
        last_line, last_col = self.source(end - 1)
        src_first = self.lines[first_line]
        out = {
            "line": src_first.number, "column": first_col + 1,
            "end_line": self.lines[last_line].number, "end_column": last_col + 2,
            "quote": self.quote(first_line, first_col, last_line, last_col + 1),
        }
        if src_first.page is not None:
            out["page"] = src_first.page
        if src_first.ocr or self.lines[last_line].ocr:
            out["ocr"] = True
        if src_first.picture is not None:
            out["picture"] = src_first.picture
        if src_first.cell is not None:
            out["sheet"], out["cell"] = src_first.cell
        return out

    def quote(self, first_line: int, first_col: int, last_line: int, end_col: int, display: bool = False) -> str:
        def text_of(index: int) -> str:
            line = self.lines[index]
            return line.display if display and line.display is not None else line.text

        if first_line == last_line:
            return text_of(first_line)[first_col:end_col]
        parts = []
        for index in range(first_line, last_line + 1):
            bounds = self._bounds.get(index)
            if bounds is None or index not in self.line_start:
                continue
            a, b = bounds
            if index == first_line:
                a = first_col
            if index == last_line:
                b = end_col
            parts.append(text_of(index)[a:b])
        return "".join(parts)

    def display(self, start: int, end: int) -> str:
        """The source text (after 繁→简 conversion, before NFKC) of a stream span: for text values."""
        while end > start + 1 and self.text[end - 1] == "\n":
            end -= 1
        first_line, first_col = self.source(start)
        last_line, last_col = self.source(end - 1)
        return self.quote(first_line, first_col, last_line, last_col + 1, display=True)


def _width(text: str) -> int:
    """Display width: CJK counts two columns, ASCII one (UTF-8 takes 3 bytes and 1 byte for them)."""
    return (len(text.encode("utf-8")) + len(text)) // 2


def split_text_lines(text: str) -> list[SourceLine]:
    """The lines of a text file as an editor numbers them (\\r\\n, \\n and \\r all end a line)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [SourceLine(line, number) for number, line in enumerate(text.split("\n"), start=1)]
