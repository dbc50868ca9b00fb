"""自评表 written as lines of text instead of a table, as small offices and phone apps write them:

    项目名称：东河街道2025年社区居家养老服务项目
    主管部门：浈江区东河街道办事处；实施单位：东河街道社会事务办公室
    年度资金总额：年初预算96.00万元，全年预算100.20万元，全年执行97.53万元，执行率97.43%，分值10分，得分9.7分
    其中：财政拨款：年初预算86.00万元；全年预算86.00万元；全年执行83.62万元
    年度总体目标：…          实际完成情况：…
    （1）数量指标—居家养老服务人次。指标值：≥1.5万人次；完成值：1.56万人次；分值：10；得分：10；偏差原因：无
    1.产出指标—数量指标—新建村组道路（≥8.5公里）：实际完成8.7公里，分值10分，得10分。
    1. 产出指标/数量指标/新建蓄水池：指标值≥6座，完成值6座，分值10分，得分10分
    总分：98.3分；自评等级：优

Each such block is made a `Table` of the usual form (the rows a printed 自评表 has, each cell a piece of its line, so
every figure is placed where it is written) for the table reader, and its lines are kept out of the prose: the
project's figures are never read as the report's. A block is a form only when it opens on 项目名称 and states the
年度资金总额 line or two indicator lines and its 总分; anything else is left to the prose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .normalize import SourceLine
from .tables import Cell, Table, text_place

_LEAD = r"^\s*(?:[-*+]\s+|\d{1,2}\.\s+(?=\S*指标))?(?:\*\*)?"
_NAME = re.compile(_LEAD + r"项目名称(?:\*\*)?[:：]\s*(?P<v>\S.*?)\s*$")
_SUPERVISOR = re.compile(r"主管部门(?:\*\*)?[:：]\s*(?P<v>[^；;，,\s]+)")
_IMPLEMENTER = re.compile(r"实施单位(?:\*\*)?[:：]\s*(?P<v>[^；;，,\s]+)")
_MONEY = r"(?P<{0}>\d[\d,]*(?:\.\d+)?)\s*万元"
_FUNDS = re.compile(_LEAD + r"(?P<label>年度资金总额|(?:其中[:：，,]\s*)?[^：:，,；;]{2,12}?)(?:\*\*)?[:：，,]\s*"
                    r"年初预算(?:数)?[:：]?\s*" + _MONEY.format("a") + r"[，,；;]\s*全年预算(?:数)?[:：]?\s*" + _MONEY.format("b")
                    + r"[，,；;]\s*全年执行(?:数)?[:：]?\s*" + _MONEY.format("c")
                    + r"(?:[，,；;]\s*执行率[:：]?\s*(?P<rate>\d+(?:\.\d+)?%))?"
                    + r"(?:[，,；;]\s*分值[:：]?\s*(?P<w>\d+(?:\.\d+)?)分?)?"
                    + r"(?:[，,；;]\s*得分[:：]?\s*(?P<s>\d+(?:\.\d+)?)分?)?"
                    + r"(?:[，,；;]\s*偏差原因[:：]\s*(?P<r>.+?))?\s*$")
_GOAL = re.compile(_LEAD + r"(?P<label>年度总体目标|实际完成情况)(?:\*\*)?[:：]\s*(?P<v>\S.*?)\s*$")
_LEVEL1 = re.compile(_LEAD + r"(?P<v>产出指标|效益指标|满意度指标|成本指标)(?:（分值\d+(?:\.\d+)?分）)?[:：]?\s*$")
# （1）数量指标—居家养老服务人次。指标值：≥1.5万人次；完成值：1.56万人次；分值：10；得分：10；偏差原因：无
_STYLE_FIELDS = re.compile(
    _LEAD + r"[（(]\d{1,2}[)）]\s*(?P<l2>[^—\-–。]{2,12}指标)\s*[—\-–]+\s*(?P<l3>.+?)[。.]\s*"
    r"指标值[:：]\s*(?P<t>[^；;]+?)[；;]\s*完成值[:：]\s*(?P<a>[^；;]+?)[；;]\s*分值[:：]\s*(?P<w>\d+(?:\.\d+)?)分?[；;]\s*"
    r"得分[:：]\s*(?P<s>\d+(?:\.\d+)?)分?(?:[；;]\s*偏差原因[:：]\s*(?P<r>.+?))?\s*$")
# 1.产出指标—数量指标—新建（拓宽）村组道路（≥8.5公里）：实际完成8.7公里，分值10分，得10分。偏差原因：…
_STYLE_BRACKET = re.compile(
    _LEAD + r"\d{1,2}[.、．]\s*(?P<l1>[^—\-–]{2,8}指标)\s*[—\-–]+\s*(?P<l2>[^—\-–]{2,12}指标)\s*[—\-–]+\s*"
    r"(?P<l3>.+)[（(](?P<t>[^（）()]+)[)）][:：]\s*实际完成\s*(?P<a>[^，,]+?)[，,]\s*分值\s*(?P<w>\d+(?:\.\d+)?)分[，,]\s*"
    r"得\s*(?P<s>\d+(?:\.\d+)?)分[。.]?\s*(?:(?:偏差原因|原因)[:：]\s*(?P<r>.+?))?\s*$")
# 1. 产出指标/数量指标/新建蓄水池：指标值≥6座，完成值6座，分值10分，得分10分，偏差原因：…
_STYLE_SLASH = re.compile(
    _LEAD + r"(?:\d{1,2}[.、．]\s*)?(?P<l1>[^/／]{2,8}指标)\s*[/／]\s*(?P<l2>[^/／]{2,12}指标)\s*[/／]\s*(?P<l3>[^：:]+)[:：]\s*"
    r"指标值\s*(?P<t>[^，,]+?)[，,]\s*完成值\s*(?P<a>[^，,]+?)[，,]\s*分值\s*(?P<w>\d+(?:\.\d+)?)分[，,]\s*"
    r"得分\s*(?P<s>\d+(?:\.\d+)?)分(?:[，,]\s*偏差原因[:：]\s*(?P<r>.+)|[。.])?\s*$")
_TOTAL = re.compile(_LEAD + r"总分(?:\*\*)?[:：]\s*(?P<s>\d+(?:\.\d+)?)分?(?:[；;，,\s\u3000]+(?:\*\*)?自评等级(?:\*\*)?[:：]\s*"
                    r"(?P<g>优秀|良好|优|良|中|差|合格|不合格))?")
_GRADE = re.compile(_LEAD + r"自评等级(?:\*\*)?[:：]\s*(?P<g>优秀|良好|优|良|中|差|合格|不合格)\s*$")
_ALONE = re.compile(r"^\s*(?:[-*+]\s+)?(?:\*\*)?(?:绩效指标|其中)(?:\*\*)?[:：]?\s*$")
_MAX_LINES = 60  # a form's block is never longer: a stray 项目名称 in prose opens none

_INDICATOR_HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
_FUNDS_HEADER = ("项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "偏差原因分析")
_NO_REASON = frozenset({"无", "—", "-", "/", "无偏差", "不适用"})  # (偏差原因：无: no reason given, as an empty cell)


Piece = tuple[str, int, int, int, int]  # text, first line (index), start column, last line, end column (exclusive)


class _Logical:
    """One record of a form, its source lines joined where a PDF or a narrow page wrapped it (…分值10 / 分，得分9.67分),
    and where each of its characters stands."""

    def __init__(self, lines: list[SourceLine], indices: list[int]):
        self.indices = indices
        parts: list[str] = []
        self.places: list[tuple[int, int]] = []
        for k, i in enumerate(indices):
            text = lines[i].text if k == 0 else lines[i].text.lstrip()
            lead = len(lines[i].text) - len(text)
            parts.append(text.rstrip("\n"))
            self.places.extend((i, lead + c) for c in range(len(parts[-1])))
        self.text = "".join(parts)
        self.i = indices[0]

    def at(self, start: int, end: int) -> tuple[int, int, int, int]:
        if not self.places:
            return self.i, 0, self.i, 0
        first = self.places[min(start, len(self.places) - 1)]
        last = self.places[min(max(end - 1, start), len(self.places) - 1)]
        return first[0], first[1], last[0], last[1] + (1 if end > start else 0)


class _Rows:
    """The rows of one form, each a list of pieces or None (an empty cell)."""

    def __init__(self) -> None:
        self.rows: list[list[Piece | None]] = []

    def add(self, *cells: Piece | None) -> None:
        self.rows.append(list(cells))

    @staticmethod
    def piece(line: _Logical, match: re.Match[str], group: str) -> Piece | None:
        if match.group(group) is None or not match.group(group).strip():
            return None
        value = match.group(group)
        start = match.start(group) + len(value) - len(value.lstrip())
        end = match.end(group) - (len(value) - len(value.rstrip()))
        return (value.strip(), *line.at(start, end))

    def reason(self, line: _Logical, match: re.Match[str]) -> Piece | None:
        """The record's 偏差原因, or None where it gives none (偏差原因：无)."""
        piece = self.piece(line, match, "r")
        return piece if piece is not None and piece[0].rstrip("。.") not in _NO_REASON else None

    @staticmethod
    def word(line: _Logical, text: str, at: int) -> Piece:
        """A cell the printed form has (a header's word), placed at `at` in the record."""
        first, start, _, _ = line.at(at, at)
        return text, first, start, first, start


def flat_forms(lines: list[SourceLine], start: int = 1) -> list[Table]:
    """The forms written as lines in `lines` (not already in a table), numbered from `start`; their lines get `table`
    set."""
    if not any("项目名称" in line.text for line in lines):
        return []
    tables: list[Table] = []
    i, n = 0, len(lines)
    while i < n:
        if lines[i].table is not None or _NAME.match(lines[i].text) is None:
            i += 1
            continue
        found = _block(lines, i)
        if found is None:
            i += 1
            continue
        rows, consumed, end = found
        number = start + len(tables)
        tables.append(_table(lines, rows, number, i))
        for k in consumed:
            lines[k].table = number
        i = end
    return tables


_OPENS = re.compile(_LEAD + r"(?:[（(]\d{1,2}[)）]|\d{1,2}[.、．](?!\d)|(?:产出|效益|满意度|成本)指标|其中|上年结转|其他资金|本年财政|当年财政"
                    r"|年度总体目标|实际完成情况|总分|自评等级|项目名称|主管部门|实施单位|年度资金总额|绩效指标)")


def _records(lines: list[SourceLine], first: int) -> list[_Logical]:
    """The records from line `first` on (at most _MAX_LINES lines), each line joined with the lines after it that do
    not open a record of their own (a PDF's wrapped lines); a line in a table, or blank, ends the joining."""
    out: list[_Logical] = []
    j, end = first, min(len(lines), first + _MAX_LINES)
    while j < end:
        indices = [j]
        k = j + 1
        while k < end and lines[k].table is None and lines[k].text.strip() and not _OPENS.match(lines[k].text) \
                and lines[j].text.strip() and not _NAME.match(lines[k].text):
            indices.append(k)
            k += 1
        out.append(_Logical(lines, indices))
        j = k
    return out


def _block(lines: list[SourceLine], first: int) -> tuple[_Rows, list[int], int] | None:
    rows = _Rows()
    records = _records(lines, first)
    head = records[0]
    name = _NAME.match(head.text)
    if name is None or len(head.indices) > 2:
        return None
    rows.add(rows.word(head, "项目名称", name.start("v")), rows.piece(head, name, "v"))
    consumed = list(head.indices)
    funds = indicators = 0
    total = False
    level1: Piece | None = None
    header_done = False
    end = head.indices[-1] + 1
    for n, line in enumerate(records[1:], 1):
        text = line.text
        if lines[line.i].table is not None or _NAME.match(text):
            break
        if not text.strip() or _ALONE.match(text):
            consumed.extend(line.indices)
            end = line.indices[-1] + 1
            continue
        if (m := _FUNDS.search(text)) is not None and m.start() <= 8:
            if not funds:
                rows.add(*(rows.word(line, word, m.start("a")) for word in _FUNDS_HEADER))
            rows.add(rows.piece(line, m, "label"), rows.piece(line, m, "a"), rows.piece(line, m, "b"),
                     rows.piece(line, m, "c"), rows.piece(line, m, "w"), rows.piece(line, m, "rate"),
                     rows.piece(line, m, "s"), rows.reason(line, m))
            funds += 1
        elif ("主管部门" in text or "实施单位" in text) and len(text) <= 120 and not funds:
            sup, imp = _SUPERVISOR.search(text), _IMPLEMENTER.search(text)
            cells: list[Piece | None] = []
            if sup:
                cells += [rows.word(line, "主管部门", sup.start()), rows.piece(line, sup, "v")]
            if imp:
                cells += [rows.word(line, "实施单位", imp.start()), rows.piece(line, imp, "v")]
            rows.add(*cells)
        elif (m := _GOAL.match(text)) is not None:
            if m.group("label") == "年度总体目标":
                rows.add(rows.word(line, "年度总体目标", m.start("label")))
                rows.add(rows.word(line, "预期目标", m.start("label")), rows.piece(line, m, "v"))
            else:
                rows.add(rows.word(line, "实际完成情况", m.start("label")), rows.piece(line, m, "v"))
        elif (m := _LEVEL1.match(text)) is not None:
            level1 = rows.piece(line, m, "v")
        elif (m := _STYLE_FIELDS.match(text) or _STYLE_BRACKET.match(text) or _STYLE_SLASH.match(text)) is not None:
            if not header_done:
                rows.add(*(rows.word(line, word, m.start()) for word in _INDICATOR_HEADER))
                header_done = True
            first_level = rows.piece(line, m, "l1") if "l1" in m.re.groupindex else level1
            rows.add(first_level, rows.piece(line, m, "l2"), rows.piece(line, m, "l3"), rows.piece(line, m, "t"),
                     rows.piece(line, m, "a"), rows.piece(line, m, "w"), rows.piece(line, m, "s"), rows.reason(line, m))
            indicators += 1
        elif (m := _TOTAL.match(text)) is not None:
            if not header_done:
                rows.add(*(rows.word(line, word, m.start()) for word in _INDICATOR_HEADER))
                header_done = True
            rows.add(rows.word(line, "总分", m.start()), None, None, None, None, None, rows.piece(line, m, "s"), None)
            consumed.extend(line.indices)
            end = line.indices[-1] + 1
            total = True
            if m.group("g"):
                rows.add(rows.word(line, "自评等级", m.start("g")), rows.piece(line, m, "g"))
            elif n + 1 < len(records) and (g := _GRADE.match(records[n + 1].text)) is not None:
                rows.add(rows.word(records[n + 1], "自评等级", g.start("g")), rows.piece(records[n + 1], g, "g"))
                consumed.extend(records[n + 1].indices)
                end = records[n + 1].indices[-1] + 1
            break
        else:
            break  # a line that is no part of a form: the block ends before it
        consumed.extend(line.indices)
        end = line.indices[-1] + 1
    if not total or not (funds or indicators >= 2):
        return None
    return rows, consumed, end


def _table(lines: list[SourceLine], rows: _Rows, number: int, first: int) -> Table:
    width = max(len(r) for r in rows.rows)
    cells: list[list[Cell]] = []
    for r, row in enumerate(rows.rows):
        anchor = next(p for p in row if p is not None)
        out: list[Cell] = []
        for k in range(width):
            piece = row[k] if k < len(row) else None
            if piece is None:
                piece = ("", anchor[1], anchor[2], anchor[1], anchor[2])
            out.append(Cell(piece[0], text_place(lines, *piece), origin=(r, k)))
        cells.append(out)
    above = [line for line in lines[max(0, first - 3):first] if line.text.strip() and line.table is None]
    return Table(cells, index=number, page=lines[first].page, before=[line.text.strip() for line in above],
                 before_lines=above, written=True)


def numbered_after(tables: Sequence[Table]) -> int:
    """The number the next table of the document gets."""
    return max((t.index for t in tables), default=0) + 1
