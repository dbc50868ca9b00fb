"""A report re-issued with corrections: what the corrections replace is not the report.

Departments correct a published report in a few ways, and the corrected figure is always the report's:

- a **note** above or below the report (修订说明：…, 更正说明：…, 勘误说明), or a **notice** the site posts above the
  corrected text (关于更正《…》的公告 … 附：更正后的报告全文). It quotes the old figures (原为 1,294.60 万元，现更正为
  1,321.60 万元; 由 9.65 分更正为 9.76 分) and is signed and dated on its own: its figures are not statements of the
  report, its date is not the report's. Its lines are dropped, as chrome's are (`strip_notes`); a sentence that
  corrects a figure outside such a block is blanked (`_CORRECTING`).
- a **form marked void** (项目支出绩效自评表（原表，已作废）) printed before the form that replaces it: it is not read
  (`void_tables`).
- an **erratum table** (勘误表: 序号 / 位置 / 原文 / 更正为) after the forms: the text it corrects reads as corrected
  (`apply_errata`); the table itself is a note, not data.

Each is said in one info finding (what was left out or corrected), so a reviewer knows what was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.kit import Finding, Location, where

from .lazyre import guarded
from .messages import message
from .normalize import HEADING_L1, HEADING_L2, SourceLine, nfkc, undecorated
from .tables import Document, Table

# a note's label, opening its paragraph (修订说明：…) or alone as its heading (勘 误 表, 更正说明)
_NOTE_LABEL = guarded(r"^(?:修订|更正|勘误|修改|更改|订正)(?:情况)?(?:说明|声明)\s*[:：]"
                      r"|^(?:勘\s*误\s*表?|勘\s*误\s*说\s*明|更\s*正\s*说\s*明|修\s*订\s*说\s*明|更\s*正\s*声\s*明)\s*$")
# a notice's title, a line of its own above the report: 关于更正《…》的公告, 关于……的勘误说明 (not 关于修订…办法的通知, a
# document a report cites)
_NOTICE_TITLE = guarded(r"^(?:关于|更正|勘误).{0,100}?(?:更正|勘误).{0,100}?(?:公告|说明|声明|启事|通知)\s*$"
                        r"|^(?:关于|更正|勘误).{0,100}?(?:更正|勘误)(?:公告|说明|声明|启事|通知)")
# where the corrected text begins after a notice: 附：更正后的报告全文
_CORRECTED_TEXT = guarded(r"^附\s*(?:件\s*\d*)?\s*[:：]?\s*(?:更正|修订|修改|订正)(?:后|版)的?.{0,16}$")
# a report's own title (no notice's: 关于更正《…报告》的公告 names it)
_REPORT_TITLE = guarded(r"(?:绩效自评报告|绩效评价报告|自评报告|自评情况报告|自评表)(?:[（(][^）)]{0,8}[）)])?\s*$")
_NOT_REPORT_TITLE = guarded(r"更正|勘误|修订说明|关于")
_ATTACHMENT = guarded(r"^附\s*件\s*\d{0,2}\s*[:：]?|^附\s*[:：]")
_DATE_LINE = guarded(r"^(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                     r"\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$|^\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}\s*$")
_NOTE_LINES = 25  # a note longer than this is no note: its label was a heading of the report

# a sentence that corrects a figure: the old one is quoted (原为 X，现更正为 Y; 由 X 更正为 Y; 误填为 X)
_CORRECTING = guarded(r"[^。；;！!？?\n]*(?:(?:原为|原填报?为|原报为|误(?:录|填|写|记|报|计|列|填报)为)\s*[-+]?\d"
                      r"|由\s*[-+]?\d[\d,，.]*\s*(?:万元|元|%|％|分|户|人|个|公里|亩)?\s*(?:更正|改正|订正|更改)为)"
                      r"[^。；;！!？?\n]*[。；;！!？?]?[）)]?")

# an erratum table's columns: what was printed, and what it should read
_ORIGINAL = guarded(r"^(?:原文|原内容|原表述|原为|原数据|原数|错误内容|误|错误|更正前|原文内容|原填报内容)$")
_CORRECTED = guarded(r"^(?:更正为|更正后|更正后内容|正确内容|应为|改为|正|更正内容|更正后的内容)$")
_VOID = guarded(r"作废|已撤销|已撤回")
_THIS_ONE = guarded(r"以本表为准|本表为准")


@dataclass(slots=True)
class Corrections:
    """What the readers here did, for the report's info finding."""

    notes: list[tuple[SourceLine, SourceLine]] = field(default_factory=list)  # (first, last) line of each note
    void: list[Table] = field(default_factory=list)
    applied: list[tuple[str, str, int]] = field(default_factory=list)  # (printed, corrected, places)
    not_applied: list[tuple[str, str]] = field(default_factory=list)  # not found, or found too often to know where


def _clean(line: SourceLine) -> str:
    text = line.display if line.display is not None else line.text
    return undecorated(nfkc(text).strip())[1]


def _report_title(text: str) -> bool:
    return bool(text) and len(text) <= 90 and _REPORT_TITLE.search(text) is not None \
        and _NOT_REPORT_TITLE.search(text) is None


def _heading(text: str) -> bool:
    return HEADING_L1.match(text) is not None or HEADING_L2.match(text) is not None


def _note_end(texts: list[str], start: int, notice: bool) -> int | None:
    """Where the note (or notice) opening at `start` ends (exclusive), or None if it cannot be told."""
    for j in range(start + 1, len(texts)):
        text = texts[j]
        if notice:  # (a notice numbers its items as it likes: it ends where the corrected report begins)
            if _CORRECTED_TEXT.match(text):
                return j + 1
            if _report_title(text):
                return j
            continue
        if j - start > _NOTE_LINES:
            return None
        if _heading(text) or _ATTACHMENT.match(text) or _report_title(text):
            return j
        if _DATE_LINE.match(text):
            return j + 1  # (its signature's date)
    return None if notice else len(texts)


def strip_notes(lines: list[SourceLine], found: Corrections) -> list[SourceLine]:
    """The lines without correction notes and notices; a sentence correcting a figure elsewhere is blanked."""
    texts = [_clean(line) for line in lines]
    if not any(_NOTE_LABEL.match(t) or _NOTICE_TITLE.match(t) or "为" in t and _CORRECTING.search(t) for t in texts):
        return lines  # (nearly every report)
    dropped: set[int] = set()
    index = 0
    body = False  # the report's first heading seen: a notice stands above the report, never in it
    while index < len(lines):
        text = texts[index]
        body = body or _heading(text)
        notice = not body and len(text) <= 160 and _NOTICE_TITLE.match(text) is not None
        if (notice or _NOTE_LABEL.match(text)) and (end := _note_end(texts, index, notice)) is not None:
            dropped.update(range(index, end))
            found.notes.append((lines[index], lines[end - 1]))
            index = end
            continue
        index += 1
    kept = []
    for index, line in enumerate(lines):
        if index in dropped:
            continue
        shown = line.display if line.display is not None else line.text
        if "为" in shown and _CORRECTING.search(shown):  # (a sentence of the body correcting a figure: blanked)
            line.display = _CORRECTING.sub(lambda m: " " * len(m.group()), shown)
        kept.append(line)
    return kept


def _lines_above(document: Document, table: Table) -> list[str]:
    """The text above a table: its `before` lines, or the prose lines up to the table's first cell."""
    above = list(table.before)
    first = next((i for i, line in enumerate(document.prose) if line.table == table.index), None)
    if first is not None:
        for line in reversed(document.prose[max(0, first - 6):first]):
            if line.table is not None:
                break
            above.append(line.text)
    return above


def void_tables(document: Document, found: Corrections) -> None:
    """Leave out the forms their heading or note marks void (原表，已作废), with their cells' lines."""
    if len(document.tables) < 2:
        return
    void = [t for t in document.tables
            if any(_VOID.search(text) and not _THIS_ONE.search(text) for text in _lines_above(document, t))]
    if not void or len(void) == len(document.tables):
        return
    indices = {t.index for t in void}
    document.tables[:] = [t for t in document.tables if t.index not in indices]
    document.prose[:] = [line for line in document.prose if line.table not in indices]
    found.void.extend(void)


def _errata_columns(table: Table) -> tuple[int, int] | None:
    if not table.rows:
        return None
    header = [cell.clean for cell in table.rows[0]]
    original = next((i for i, text in enumerate(header) if _ORIGINAL.match(text)), None)
    corrected = next((i for i, text in enumerate(header) if _CORRECTED.match(text)), None)
    return (original, corrected) if original is not None and corrected is not None else None


def _pattern(text: str) -> re.Pattern[str]:
    """The printed text, found whatever white space a reader put between its characters (14,625.36 万元)."""
    return re.compile(r"\s*".join(re.escape(char) for char in "".join(text.split())))


def apply_errata(document: Document, found: Corrections) -> None:
    """Read the text an erratum table corrects as corrected, and the table as no data."""
    errata = [(t, columns) for t in document.tables if (columns := _errata_columns(t)) is not None]
    if not errata:
        return
    indices = {t.index for t, _ in errata}
    document.tables[:] = [t for t in document.tables if t.index not in indices]
    document.prose[:] = [line for line in document.prose if line.table not in indices]
    for table, (original_col, corrected_col) in errata:
        for row in table.rows[1:]:
            if max(original_col, corrected_col) >= len(row):
                continue
            printed, corrected = row[original_col].text.strip(), row[corrected_col].text.strip()
            if not printed or not corrected or printed == corrected:
                continue
            _replace(document, printed, corrected, found)


def _replace(document: Document, printed: str, corrected: str, found: Corrections) -> None:
    pattern = _pattern(printed)
    lines = [line for line in document.prose if line.table is None
             and pattern.search(line.display if line.display is not None else line.text)]
    cells = {(table.index, cell.origin): cell for table in document.tables for row in table.rows for cell in row
             if pattern.search(cell.text)}
    places = len(lines) + len(cells)
    if len("".join(printed.split())) < 4 or not 0 < places <= 3:
        found.not_applied.append((printed, corrected))  # (a short text, or one printed in many places: where is unknown)
        return
    for cell in cells.values():
        cell.text = pattern.sub(lambda _: corrected, cell.text)
    for line in document.prose:  # (and a cell's line: the quote reads as corrected, as the value does)
        if pattern.search(line.text) or line.display is not None and pattern.search(line.display):
            line.text = pattern.sub(lambda _: corrected, line.text)
            if line.display is not None:
                line.display = pattern.sub(lambda _: corrected, line.display)
    found.applied.append((printed, corrected, places))


def _location(line: SourceLine) -> Location:
    return Location(line=line.number, page=line.page)


def finding(found: Corrections, lang: str, paragraphs: bool) -> Finding | None:
    """One info finding saying what was left out or read as corrected, or None when the report has no corrections."""
    parts = []
    for first, _last in found.notes:
        label = "".join(_clean(first).split())
        label = label[:colon] if (colon := label.find(":", 0, 12)) > 0 else label if len(label) <= 8 else (
            "更正公告" if lang == "zh" else "correction notice")
        parts.append(message("correction_note", lang, where=where(_location(first), lang, paragraphs=paragraphs),
                             label=label))
    for table in found.void:
        ref = message("page_table_ref", lang, page=table.page, table=table.index) if table.page else \
            message("table_ref", lang, table=table.index)
        parts.append(message("correction_void", lang, where=ref))
    parts += [message("correction_applied", lang, printed=p, corrected=c) for p, c, _ in found.applied]
    parts += [message("correction_not_applied", lang, printed=p, corrected=c) for p, c in found.not_applied]
    if not parts:
        return None
    at = _location(found.notes[0][0]) if found.notes else None
    return Finding("JX-EXTRACTION", "extraction", "info",
                   message("corrections", lang, what=("；" if lang == "zh" else "; ").join(parts)), None, at,
                   {"problem": "corrections", "applied": [[p, c] for p, c, _ in found.applied],
                    "not_applied": [[p, c] for p, c in found.not_applied], "void": [t.index for t in found.void]})
