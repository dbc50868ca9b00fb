"""The 合计 rows of the report's other tables, as sums to check (NAT-ARITH-011), and their rows' 执行率 (NAT-ARITH-012).

Real reports put their figures in tables: a breakdown by direction, place, type or project (支持方向 · 全年预算 ·
实际支出 · 执行率, a row each and a 合计). Each money column with a 合计 row becomes one stated sum: the total
cell and the cells of the rows it adds up, each with its place (page, table, row, column), under the subject
of the table's title and the column's header.

A table is read with one 合计 (or 总计) row, first or last, and at least two rows of parts. Labels that say the
rows nest (小计, 其中, 含, two outline levels such as 一、 and 1.) leave the table unchecked. A row that is the sum of
the rows right after it (基本支出 above 人员经费 and 公用经费) stands for them unless all the rows add up to the
合计: the sum checked is then the top-level rows' (a table that adds up neither way is wrong either way). Columns of rates, scores, counts, areas and lengths are not money and are not summed. A table split
over two pages (its rows go on in the next table, without a header) is read as one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .lazyre import guarded
from .tables import OTHER_PERIOD, WHOLE_PERIOD, Cell, Table
from .values import to_wan

_TOTAL = guarded(r"^(?:合计|总计|总合计|全部合计)[:：]?$")
# a by-year table's last row 累计 is the sum of its years (2020年 · 2021年 · 2022年 · 累计)
# a figure withheld from publication or left to fill in: the cell is the mark (***, ××, ■■, 涉密, 略), or it says so
# (数据不予公开, 具体数据略, （涉密，略）); a name holding 保密 or 涉密 (保密工作经费) is none
WITHHELD = (r"^(?:\*{2,}|[×xX]{2,}|■+|[（(]?(?:涉密|保密|略)(?:[，,]?略)?[)）]?)$"
            r"|不予公开|不公开|已删除|脱敏|(?:数据|内容|金额|数字|具体数[据字]?)(?:从)?略|[（(]涉密[^）)]{0,6}[)）]")
_WITHHELD = guarded(WITHHELD)
_CUMULATIVE = guarded(r"^(?:[一二三四五两]年)?累计(?:合计)?[:：]?$")
_YEAR_ROW = guarded(r"^(?:19|20)\d{2}年度?$")
# (本年收入合计 and 本年支出合计 of a 收入支出决算总表 are its subtotals: 总计 adds 年初结转和结余 to them)
_NESTED = guarded(r"小计|其中|含|包括|分别|(?:收入|支出)合计$")
_AVERAGE = guarded(r"^(?:平均|均值|人均|户均|简单平均|加权平均)")
_SUBTOTAL = guarded(r"小计$|(?:收入|支出)合计$")
_OF_WHICH = guarded(r"^其中[:：]?")
_MONEY = guarded(r"预算|支出|执行数|决算|金额|资金|拨款|投资|收入|补助|经费|万元|\(元\)")
_NOT_MONEY = guarded(r"率|%|比例|占比|比重|进度|得分|分值|权重|序号|编号|行次|栏次|个数|人数|年度|日期|时间|面积|里程|数量|亩|公里|人次|户")
_LEVEL_ONE = guarded(r"^[一二三四五六七八九十]{1,3}[、.]")
_LEVEL_TWO = guarded(r"^(?:\d{1,2}[.、．]|[（(][一二三四五六七八九十\d]{1,3}[)）])")
_UNIT = guarded(r"单位[:：]\s*(万元|元|千元|亿元)|[（(]\s*(万元|元|千元|亿元)\s*[)）]")
_TITLE_NOISE = guarded(r"[（(]?\s*单位\s*[:：]\s*(?:万元|元|千元|亿元)\s*[)）]?|[（(]\s*(?:万元|元)\s*[)）]")


@dataclass
class TableSum:
    """One 合计 cell with the cells it adds up: `value` for /stated_sums/N, `places` its provenance (by the
    pointer under /stated_sums/N: "/total", "/parts/0/amount" …)."""

    value: dict[str, Any]
    places: dict[str, dict[str, Any]] = field(default_factory=dict)
    rate: bool = False  # a row's 执行率 with its figures (/stated_rates/N), not a sum
    key: str = ""  # where it goes when not /stated_sums or /stated_rates: /stated_scores (a 评分表's 总分)


Place = tuple[Table, int, int, Cell]  # table, row, column (0-based), cell


def table_sums(tables: list[Table], skip: set[int], where: Any, number: Any) -> list[TableSum]:
    """The sums stated by the 合计 rows of the tables not in `skip` (the 自评表 read already). `where(place,
    prefix)` gives a cell's provenance, `number(clean)` a cell's number (None for none): the table reader's own."""
    out: list[TableSum] = []
    k = 0
    while k < len(tables):
        table = tables[k]
        k += 1
        if table.index in skip or table.width < 2:  # (a label and one column of money: 支出经济分类 · 实际支出)
            continue
        rows: list[tuple[Table, int]] = [(table, r) for r in range(len(table.rows))]
        # a table split over two pages: the next table holds its 合计, without a header of its own or with the header
        # repeated (续表3)
        while k < len(tables) and tables[k].index not in skip and tables[k].width == table.width \
                and not _has_total(rows, number) and (_starts_with_data(tables[k], number) or _repeats(table, tables[k])):
            body = _first_data(tables[k], number)
            rows += [(tables[k], r) for r in range(body, len(tables[k].rows))]
            k += 1
        for segment, title in _stacked(rows, number):
            out.extend(_sums(table, segment, where, number, title))
    return out


# a table's own title on a row of its own inside a sheet's grid, below another table's rows (表2 局本级及所属单位人员…)
_STACKED_UNIT = re.compile(r"[（(]\s*(?:金额)?单位\s*[:：][^（()）]*[）)]")
_STACKED_TITLE = guarded(r"^(?:续)?表\s*[\d一二三四五六七八九十]{1,3}(?![\d.])")


def _stacked(rows: list[tuple[Table, int]], number: Any) -> list[tuple[list[tuple[Table, int]], str | None]]:
    """The tables a sheet's grid stacks one under another (表1's rows, then 表2's title on a row of its own, its header
    and rows): each with its own title (None: the grid's). Read as one, the second's columns would stand under the
    first's headers (编制数 under 全年预算数)."""
    out: list[tuple[list[tuple[Table, int]], str | None]] = []
    start, title, seen_data = 0, None, False
    for i, (t, r) in enumerate(rows):
        cells = [cell for _, cell in t.distinct(r) if cell.clean]
        if seen_data and len(cells) == 1 and len(cells[0].clean) <= 60 and _STACKED_TITLE.match(cells[0].clean):
            out.append((rows[start:i], title))
            text = _STACKED_UNIT.sub("", " ".join(cells[0].text.split()))
            start, title, seen_data = i + 1, _TITLE_NOISE.sub("", text).strip(), False
            continue
        seen_data = seen_data or _has_figure(t, r, number)
    out.append((rows[start:], title))
    return out


def _label(table: Table, r: int, number: Any) -> tuple[int, Cell] | None:
    """The row's label: its first cell with text that is not a number."""
    for col, cell in table.distinct(r):
        if cell.clean and number(cell.clean) is None:
            return col, cell
    return None


def _has_figure(table: Table, r: int, number: Any) -> bool:
    """Whether row r holds a number (a row of data, not of the header)."""
    return any(number(c.clean) is not None for _, c in table.distinct(r))


def _starts_with_data(table: Table, number: Any) -> bool:
    return bool(table.rows) and _has_figure(table, 0, number)


def _repeats(table: Table, following: Table) -> bool:
    """Whether `following` goes on with `table` under the same header (its first row repeats the header, or the
    line above it says 续表)."""
    said = bool(following.before) and "".join(following.before[-1].split()).startswith("续表")
    same = bool(table.rows and following.rows) and [c.clean for c in table.rows[0]] == [c.clean for c in following.rows[0]]
    return said or same


def _first_data(table: Table, number: Any) -> int:
    return next((r for r in range(len(table.rows)) if _has_figure(table, r, number)), len(table.rows))


def _has_total(rows: list[tuple[Table, int]], number: Any) -> bool:
    for table, r in rows:
        label = _label(table, r, number)
        if label is not None and _TOTAL.match(label[1].clean):
            return True
    return False


# a line of a sheet's table that is no row of it: a title, 填报单位, 金额单位 above; a note or the signatures below
_CAPTION = guarded(r"^(?:附件|附表)\s*\d*[:：]?$|^(?:附件|附表)\s*\d+|^(?:填报单位|编制单位|报送单位|填报日期|金额单位|单位)"
                   r"(?:（盖章）|\(盖章\))?[:：]|^注[:：]|^(?:单位|部门)负责人[:：]")


def caption_row(table: Table, r: int) -> bool:
    """Whether row r of a table (a sheet's, mostly) is a caption line set in the grid: every cell with text in it
    spans half the table or more (a title merged across it) or says what a caption says (填报单位：…, 金额单位：万元)."""
    cells = [(col, cell) for col, cell in table.distinct(r) if cell.clean]
    if not cells or len(cells) > 3:
        return False
    width = len(table.rows[r])
    return all(_CAPTION.match(cell.clean) or 2 * sum(1 for c in table.rows[r] if c is cell) >= width >= 3
               for _, cell in cells)


def _sums(table: Table, rows: list[tuple[Table, int]], where: Any, number: Any, title: str | None = None) -> list[TableSum]:
    header_end = next((i for i, (t, r) in enumerate(rows) if _has_figure(t, r, number)), None)
    if not header_end:
        return []  # no header, or no figures at all
    lead = 0
    while lead < header_end - 1 and caption_row(*rows[lead]):
        lead += 1  # (a sheet's title and 填报单位 rows over its header: not the columns' names)
    headers = _headers(rows[lead:header_end])
    if lead:
        unit = _unit(table, _headers(rows[:lead]))
        if unit != "万元" and not _UNIT.search("".join(" ".join(headers.values()).split())):
            headers = {col: f"{text} ({unit})" for col, text in headers.items()}
    data = rows[header_end:]
    while data and not _has_figure(*data[-1], number):
        data.pop()  # a note under the rows (注：…, 备注 spanning the table) is no row of the table
    labels = [_label(t, r, number) for t, r in data]
    texts = [label[1].clean if label else "" for label in labels]
    while len(texts) > 2 and _AVERAGE.match(texts[-1]) and any(_TOTAL.match(t) for t in texts[:-1]):
        data, labels, texts = data[:-1], labels[:-1], texts[:-1]  # (合计, then 平均得分 under it: no row of the parts)
    unit = _unit(table, headers)
    prefix = title or _title(table)
    if _scoring(headers):
        return _score_sums(_Column(data, labels, texts, "分", prefix, where, number), headers)
    column = _Column(data, labels, texts, unit, prefix, where, number)
    found = _rates(data, labels, texts, headers, unit, prefix, where, number) + _row_sums(column, headers)
    if any(_WITHHELD.search(cell.clean) for t, r in data for _, cell in t.distinct(r)):
        return found  # (a row withheld, ***, 涉密, 数据不予公开: the total holds it, the rows shown do not add up to it)
    totals = [i for i, text in enumerate(texts) if _TOTAL.match(text)]
    if not totals and len(texts) >= 3 and _CUMULATIVE.match(texts[-1]) and all(_YEAR_ROW.match(t) for t in texts[:-1]):
        totals = [len(texts) - 1]
    if not totals:
        return found + _section_sums(column, headers)
    if len(totals) != 1 or totals[0] not in (0, len(data) - 1):
        return found
    if any(_LEVEL_ONE.match(text) for text in texts) and any(_LEVEL_TWO.match(text) for text in texts):
        return found  # 一、… above 1.…: rows of two levels
    t = totals[0]
    parts = [i for i in range(len(data)) if i != t and texts[i]]
    if len(parts) < 2:
        return found
    after_total = t == 0 and parts[0] == 1  # (合计 · 其中：… lists the total's own parts)
    nested = [i for i in parts if _NESTED.search(texts[i]) and not (after_total and i == 1 and _OF_WHICH.match(texts[i]))]
    subtotals = [i for i in nested if _SUBTOTAL.search(texts[i])]
    of_which = [i for i in nested if _OF_WHICH.match(texts[i])]
    if len(subtotals) + len(of_which) != len(nested) or (subtotals and of_which):
        return found  # 含, 包括, 分别: parts said in words; 小计 and 其中 together: more levels than can be told apart
    columns = _money_columns(column, headers)
    if subtotals:
        return found + _subtotals(column, columns, t, parts, subtotals)
    positions = of_which_readings([texts[i] for i in parts], after_total)
    if positions is None:
        return found
    readings = [[parts[k] for k in reading] for reading in positions]
    for col, header in columns:
        entry = column.sum(t, readings, col, header)
        if entry is not None:
            found.append(entry)
    return found


def _money_columns(column: _Column, headers: dict[int, str]) -> list[tuple[int, str]]:
    """The columns of money: by the header, or, in a table whose title speaks of money (…资金下达情况), by the figures:
    all with two decimals (耕地保护补偿 · 农业生产扶持: 186.40, 92.60 …)."""
    money_table = _MONEY.search(column.prefix) is not None
    return [(col, header) for col, header in sorted(headers.items())
            if (_MONEY.search(header) or money_table and _in_cents(column.data, col, column.number))
            and not _NOT_MONEY.search(header.replace("万元", ""))]


def _section_sums(column: _Column, headers: dict[int, str]) -> list[TableSum]:
    """A table without a 合计 whose rows fall into parts headed 一、 二、 …, each head with figures over rows of its own
    (一、基金收入 over 个人缴费收入, 财政补助收入 …; 二、基金支出 over …): each head's figure as the sum of its rows. A head
    without rows under it (三、当年收支结余, 四、上年末累计结余) says no sum; nor does a part whose rows nest in words
    (其中, 小计, 含) or on two numbered levels."""
    texts = column.texts
    heads = [i for i, text in enumerate(texts) if _LEVEL_ONE.match(text)]
    if len(heads) < 2:
        return []
    columns = _money_columns(column, headers)
    out: list[TableSum] = []
    for k, head in enumerate(heads):
        end = heads[k + 1] if k + 1 < len(heads) else len(texts)
        rows = [i for i in range(head + 1, end) if texts[i]]
        if len(rows) < 2 or any(_NESTED.search(texts[i]) for i in rows):
            continue
        numbered = [bool(_LEVEL_TWO.match(texts[i])) for i in rows]
        if any(numbered) and not all(numbered):
            continue  # (（一）… above rows of its own: two levels under the head)
        for col, header in columns:
            entry = column.sum(head, [rows], col, header)
            if entry is not None:
                out.append(entry)
    return out


@dataclass
class _Column:
    """What a table's sums are made of: its data rows, their labels, the unit and title, and the reader's own
    `where` and `number`."""

    data: list[tuple[Table, int]]
    labels: list[tuple[int, Cell] | None]
    texts: list[str]
    unit: str
    prefix: str
    where: Any
    number: Any

    def sum(self, t: int, readings: list[list[int]], col: int, header: str) -> TableSum | None:
        """Row t's cell in column `col` as the sum of the rows of the first reading that adds up to it (where one
        does; else of the one that comes nearest): each reading is a list of rows that may be the parts, the rows that nest
        in them left out (tablesums.flat_or_nested)."""
        total_place = _cell(self.data[t], col)
        stated = self.number(total_place[3].clean) if total_place is not None else None
        if total_place is None or stated is None or "%" in total_place[3].clean:
            return None  # (a column of percentages under a header that does not say so: 支出进度)
        cells: dict[int, tuple[Decimal, Place]] = {}
        merged: set[int] = set()
        for i in sorted({i for reading in readings for i in reading}):
            place = _cell(self.data[i], col)
            value = self.number(place[3].clean) if place is not None else None
            if place is not None and id(place[3]) in merged:
                continue  # (a cell merged down several rows, 一级指标 40 over its indicators: one figure, added once)
            if place is not None and value is not None and value != 0:
                cells[i] = (value, place)  # (a blank or — adds nothing)
                merged.add(id(place[3]))
        rows = pick_reading([[i for i in reading if i in cells] for reading in readings],
                            lambda i: cells[i][0], stated, nearest=True, flat=_numbered(self.data, t))
        if rows is None or len(rows) < 2:
            return None
        chosen = [(i, *cells[i]) for i in rows]
        name = f"{self.prefix} {self.texts[t]} · {header}".strip()
        own = _UNIT.search("".join(header.split()))  # (金额（元） beside 金额（万元）: each column in its own unit)
        unit = (own.group(1) or own.group(2)) if own else self.unit
        entry: dict[str, Any] = {"label": name, "total": to_wan(stated, unit), "parts": []}
        total_where = self.where(_with_label(total_place, f"{self.texts[t]} · {header}"), self.prefix)
        places = {"/total": total_where, "/label": dict(total_where)}
        for j, (i, value, place) in enumerate(chosen):
            entry["parts"].append({"label": self.texts[i], "amount": to_wan(value, unit)})
            label_place = self.labels[i]
            if label_place is not None:
                places[f"/parts/{j}/label"] = self.where((self.data[i][0], self.data[i][1], label_place[0], label_place[1],
                                                          self.texts[i]), self.prefix)
            places[f"/parts/{j}/amount"] = self.where(_with_label(place, f"{self.texts[i]} · {header}"), self.prefix)
        return TableSum(entry, places)


_SCORE_COLUMN = guarded(r"^(?:得分|自评得分|评价得分|实际得分|评分|自评分|评分值)$")
_WEIGHT_COLUMN = guarded(r"^(?:分值|权重|标准分|满分)$")
_INDICATOR_COLUMN = guarded(r"^(?:一级指标|二级指标|三级指标|评价指标|指标)$")
_SCORE_TOTAL = guarded(r"^(?:总分|合计|总计|综合得分|合计得分|得分合计)[:：]?$")


def _scoring(headers: dict[int, str]) -> bool:
    """A 评分表: indicator columns with 分值 and 得分, and no 指标值 or 完成值 (a 自评表's are read as such)."""
    names = ["".join(h.split()) for h in headers.values()]
    return any(_SCORE_COLUMN.match(n) for n in names) and any(_INDICATOR_COLUMN.match(n) for n in names)


def _score_sums(column: _Column, headers: dict[int, str]) -> list[TableSum]:
    """A 评分表's 总分 row against its rows, in its 分值 and 得分 columns (/stated_scores): each row one indicator;
    a table with 小计 rows, or none with a 总分, is not summed."""
    texts = column.texts
    totals = [i for i, text in enumerate(texts) if _SCORE_TOTAL.match(text)]
    if len(totals) != 1 or totals[0] not in (0, len(texts) - 1) or any(_SUBTOTAL.search(t) for t in texts):
        return []
    t = totals[0]
    parts = [i for i in range(len(texts)) if i != t]
    roles = {col: "score" if _SCORE_COLUMN.match(name) else "weight" if _WEIGHT_COLUMN.match(name) else None
             for col, name in ((col, "".join(header.split())) for col, header in headers.items())}
    out = []
    read: set[str] = set()  # (the 总分 row's cells read: 得分, 分值)
    for col, header in sorted(headers.items()):
        if (role := roles[col]) is not None:
            entry = column.sum(t, [parts], col, header)
            if entry is not None:
                out.append(TableSum(entry.value, entry.places, key="stated_scores"))
                read.add(role)
    if read == {"weight"} and "score" in roles.values():
        # (合计 100 97.43 copied off a web page, its merged cells gone: the row's figures stand a column off, the score
        # under 分值; where its 得分 cell is empty and its 分值 cell is not, which is which cannot be told)
        return []
    return out


def pick_reading(readings: list[list[int]], value: Callable[[int], Decimal], total: Decimal, nearest: bool,
                 flat: bool = False) -> list[int] | None:
    """Of the readings (each the rows that may be a total's parts), the rows of the first that adds up to `total`, the
    rows that nest in it left out (flat_or_nested; none where the rows are `flat`: numbered 1, 2, 3 …); where none does,
    those of the one that comes nearest (`nearest`: what a message shows) or of the first. None where there are no
    readings."""
    chosen: list[int] | None = None
    off_by = Decimal(0)
    for reading in readings:
        values = [value(i) for i in reading]
        rows = reading if flat else [reading[k] for k in flat_or_nested(values, total)]
        off = abs(sum((value(i) for i in rows), Decimal(0)) - total)
        if chosen is None or nearest and off < off_by:
            chosen, off_by = rows, off
        if not off:
            return rows
    return chosen


def of_which_readings(labels: list[str], after_total: bool) -> list[list[int]] | None:
    """The ways rows labelled `labels` (in order, the total's row not among them) may be the total's parts where
    some say 其中: each 其中 row starts the parts of the row above it, and how many rows after it are such parts the
    table does not say, so each count is a reading, with those rows left out: the positions of the rows kept, the
    reading that takes only the 其中 row itself first. A 其中 row right under the total (`after_total` and first)
    lists the total's own parts; where every row says 其中, they may all be the total's parts, the first reading. None
    where there are too many readings to try."""
    groups = [i for i, text in enumerate(labels) if _OF_WHICH.match(text) and not (after_total and i == 0)]
    every = list(range(len(labels)))
    if not groups:
        return [every]
    spans = [range(1, len(labels) - start + 1) for start in groups]
    total = 1
    for span in spans:
        total *= len(span)
    if total > 2000:
        return None
    readings: list[list[int]] = [[]]
    for start, span in zip(groups, spans, strict=True):
        readings = [[*reading, *range(start, start + k)] for reading in readings for k in span]
    nested = [[i for i in every if i not in set(left_out)] for left_out in readings]
    if after_total and len(groups) == len(labels) - 1:
        return [every, *nested]  # (其中：中央财政补助 · 其中：省级配套 · 其中：县级配套: each row says it, all are the parts)
    return nested


def _subtotals(column: _Column, columns: list[tuple[int, str]], t: int, parts: list[int],
               subtotals: list[int]) -> list[TableSum]:
    """A table of groups, each with its 小计 row, first in its group (行政单位小计 above its units) or last (a 小计 under
    its rows), perhaps under a title row of its own (一、主城都市区, no figures), perhaps beside rows in no group (四、市级
    统筹实施): each 小计 is the sum of its group's rows, the 合计 the sum of the 小计 and the rows in no group, which is
    the sum of all the rows that are no 小计. A 小计 first where the row above it holds no figure (or there is none).
    Where a group's end is not marked (the last group of 小计-first rows, the first of 小计-last rows, without a
    title row), each shorter group is a reading too: a row after it may stand alone."""
    figures = {i for i in parts if _has_figure(*column.data[i], column.number)}
    at = parts.index(subtotals[0])
    first = at == 0 or parts[at - 1] not in figures
    groups: list[tuple[int, list[list[int]]]] = []  # each 小计 with its readings, the natural one first
    members: list[int] = []
    titled = False  # the rows gathered so far began under a title row

    def shorter(rows: list[int]) -> list[list[int]]:  # a group whose end is not marked: it, then each shorter one
        return [rows[:k] for k in range(len(rows), 0, -1)]

    def close(readings_of: Callable[[list[int]], list[list[int]]]) -> None:  # the 小计-first group above ends here
        if first and groups and not groups[-1][1][0] and members:
            groups[-1] = (groups[-1][0], readings_of(members))

    for i in parts:
        if i not in figures:  # a title row: it ends the group above it and starts the next
            close(lambda rows: [rows])
            members, titled = [], True
        elif i in subtotals:
            if first:
                close(shorter)
                groups.append((i, [[]]))
            else:
                groups.append((i, [members] if titled else [members[k:] for k in range(len(members) - 1)] or [members]))
            members, titled = [], False
        else:
            members.append(i)
    close(shorter)
    leaves = [i for i in parts if i in figures and i not in subtotals]

    def top(sub: int = -1, reading: list[int] | None = None) -> list[int]:
        """The 小计 rows and the rows in no group, where the group of `sub` is `reading` (the others their first)."""
        grouped = {i for s, readings in groups for i in (reading if s == sub and reading is not None else readings[0])}
        return sorted(subtotals + [i for i in leaves if i not in grouped])

    totals = [top(), *(top(sub, reading) for sub, readings in groups for reading in readings[1:]), leaves]
    out = []
    for col, header in columns:
        for sub, readings in groups:
            if readings[0]:
                entry = column.sum(sub, readings, col, header)
                if entry is not None:
                    out.append(entry)
        entry = column.sum(t, totals, col, header)
        if entry is not None:
            out.append(entry)
    return out


def _rates(data: list[tuple[Table, int]], labels: list[tuple[int, Cell] | None], texts: list[str],
           headers: dict[int, str], unit: str, prefix: str, where: Any, number: Any) -> list[TableSum]:
    """Each row's 执行率 with its 实际支出 and 全年预算 (and 年初预算 where the table has it), the 合计 row's too."""
    found_columns: dict[str, list[int]] = {}
    for col, header in sorted(headers.items()):
        if _OTHER_PERIOD.match(header) or _WHOLE_PERIOD.match(header):
            continue  # (1—6月支出 · 6月底支出进度, 累计支出 · 累计执行率 beside 全年支出 · 全年执行率: the year's are checked)
        for name, pattern in _RATE_COLUMNS:
            if pattern.search(header):
                found_columns.setdefault(name, []).append(col)
                break
    if any(len(cols) > 1 for cols in found_columns.values()):
        return []  # two columns of one kind (中央资金到位数 · 资金到位数合计): which the rate is on cannot be told
    columns = {name: cols[0] for name, cols in found_columns.items()}
    if "rate" not in columns or "spent" not in columns or not {"budget", "initial_budget"} & set(columns):
        return []
    if "budget" not in columns and any(_YEARS_BUDGET.search(header) for col, header in headers.items()
                                       if col not in columns.values()):
        return []  # (年初下达 · 全年拨付 · 实际支出 · 执行率: the year's budget is a column not read, the rate may be on it)
    found: list[TableSum] = []
    for i, row in enumerate(data):
        if not texts[i]:
            continue
        places = {name: _cell(row, col) for name, col in columns.items()}
        values = {name: number(place[3].clean) if place is not None else None for name, place in places.items()}
        rate_place = places["rate"]
        if values["rate"] is None or values["spent"] is None or rate_place is None \
                or "%" not in rate_place[3].clean + headers[columns["rate"]]:
            continue
        entry: dict[str, Any] = {"label": f"{prefix} · {texts[i]}"}
        where_of: dict[str, dict[str, Any]] = {}
        label = labels[i]
        if label is not None:
            where_of["/label"] = where((row[0], row[1], label[0], label[1], texts[i]), prefix)
        for name, value in values.items():
            place = places[name]
            if value is None or place is None:
                continue
            entry[name] = value if name == "rate" else to_wan(value, unit)
            where_of[f"/{name}"] = where(_with_label(place, f"{texts[i]} · {headers[columns[name]]}"), prefix)
        if "budget" in entry or "initial_budget" in entry:
            found.append(TableSum(entry, where_of, rate=True))
    return found


# The columns of a table of budgets and their adjustment row by row (子项目 · 年初预算数 · 调整数 · 全年预算数 · 执行数 ·
# 结余): each row's 全年预算数 is its 年初预算数 plus its 调整数 (a cut in brackets or after a minus: (50.00), −50.00) and
# its 执行数 plus its 结余. The header may carry its unit (全年预算数（万元）).
_ROW_COLUMNS = (
    ("initial", guarded(r"^年初(?:预算)?(?:数|金额)?$")),
    ("adjustment", guarded(r"^(?:预算)?调整(?:数|额|金额)?$|^调增[(（]?调减[)）]?(?:数|额)?$|^追加[(（]?调减[)）]?(?:数|额)?$")),
    # an addition and a cut in columns of their own (年中追加 · 年中调减): the budget is the first plus the one, less the other
    ("increase", guarded(r"^(?:年中|预算)?(?:追加|调增)(?:预算)?(?:数|额|金额)?$")),
    ("decrease", guarded(r"^(?:年中|预算)?调减(?:预算)?(?:数|额|金额)?(?:[(（](?:收回|核减|减少)[)）])?$")),
    ("budget", guarded(r"^(?:全年预算|调整后(?:全年)?预算)(?:数|金额)?$")),
    ("spent", guarded(r"^(?:全年)?(?:执行数|实际支出(?:数)?|支出数|执行金额)$")),
    ("balance", guarded(r"^(?:年末)?(?:结余|结转下年度?|结转结余)(?:数|资金|金额)?$|^年末结转(?:数|资金|金额)?$")),
)
# (the total's role, the parts' roles, the parts a table may lack); a cut (decrease) is taken away, however it is written
_ROW_RELATIONS = (("budget", ("initial", "adjustment"), ()), ("budget", ("initial", "increase", "decrease"), ("decrease",)),
                  ("budget", ("spent", "balance"), ()))
_CUT = guarded(r"调减|核减|减少|收回")
_DASHES = frozenset({"-", "—", "–", "－", "——", "/"})


def _row_role(header: str) -> str | None:
    """What a column of the rows' own sums a header names (its last level, without its unit), or None."""
    name = _UNIT.sub("", "".join(header.split(" · ")[-1].split()))
    return next((role for role, pattern in _ROW_COLUMNS if pattern.match(name)), None)


def row_column(header: str) -> bool:
    """Whether a header names a column the rows' own sums read (调整数, 结余 …: not a 自评表's)."""
    return _row_role(header) is not None


def _row_sums(column: _Column, headers: dict[int, str]) -> list[TableSum]:
    """Each row's 全年预算数 as its 年初预算数 + 调整数, and as its 执行数 + 结余, where the table has those columns (one
    each); a dash or a blank part is nothing. The 合计 and 小计 rows are left to the columns' sums (with the rows'
    relations and the columns' sums holding, theirs holds)."""
    roles: dict[str, list[int]] = {}
    for col, header in sorted(headers.items()):
        role = _row_role(header)
        if role is not None:
            roles.setdefault(role, []).append(col)
    out: list[TableSum] = []
    # (a cut under a header not read as one, 年中调减（其他说明）or 收回: its table's budgets cannot be added up without it)
    unread_cut = any(_CUT.search(header) for col, header in headers.items() if _row_role(header) is None)
    for total_role, all_parts, optional in _ROW_RELATIONS:
        if unread_cut and "decrease" in all_parts and "decrease" not in roles:
            continue
        part_roles = [role for role in all_parts if role not in optional or role in roles]
        if any(len(roles.get(role, ())) != 1 for role in (total_role, *part_roles)):
            continue  # (a column missing, or two of one kind: which is meant cannot be told)
        total_col = roles[total_role][0]
        part_cols = [roles[role][0] for role in part_roles]
        cut = {roles["decrease"][0]} if "decrease" in part_roles else set()
        for i, row in enumerate(column.data):
            text = column.texts[i]
            if not text or _TOTAL.match(text) or _SUBTOTAL.search(text) or _CUMULATIVE.match(text):
                continue
            total_place = _cell(row, total_col)
            stated = column.number(total_place[3].clean) if total_place is not None else None
            if total_place is None or stated is None:
                continue
            parts: list[tuple[int, Decimal, Place]] = []
            for col in part_cols:
                place = _cell(row, col)
                if place is None:
                    break
                value = column.number(place[3].clean)
                if value is None and place[3].clean not in _DASHES and place[3].clean:
                    break  # (a word or a withheld figure: no relation to check)
                value = value if value is not None else Decimal(0)
                parts.append((col, -abs(value) if col in cut else value, place))
            else:
                if not any(value for _, value, _ in parts):
                    continue
                unit = column.unit
                name = f"{column.prefix} {text} · {headers[total_col]}".strip()
                entry: dict[str, Any] = {"label": name, "total": to_wan(stated, unit), "parts": []}
                total_where = column.where(_with_label(total_place, f"{text} · {headers[total_col]}"), column.prefix)
                places = {"/total": total_where, "/label": dict(total_where)}
                for j, (col, value, place) in enumerate(parts):
                    entry["parts"].append({"label": headers[col], "amount": to_wan(value, unit)})
                    places[f"/parts/{j}/amount"] = column.where(_with_label(place, f"{text} · {headers[col]}"), column.prefix)
                out.append(TableSum(entry, places))
    return out


# a column of another period beside the year's (1—6月支出, 6月底支出进度, 上年支出): not the rate's figures
_OTHER_PERIOD = guarded(rf"(?:{OTHER_PERIOD}|\d{{1,2}}月(?:底|末)|第?[一二三四]季度)")
_WHOLE_PERIOD = guarded(WHOLE_PERIOD)
_YEARS_BUDGET = guarded(r"全年|调整|追加|下达|到位|拨付|安排")  # (a header that may be the year's budget)
_RATE_COLUMNS = (
    ("rate", guarded(r"执行率|支出率|完成率|支付率|支出进度|执行进度")),
    ("initial_budget", guarded(r"年初")),
    ("budget", guarded(r"全年预算|调整后|预算数|预算金额|^预算|批复|到位数|全年下达|^下达(?:数|金额|资金)?$|^(?:安排|分配)(?:资金|数|金额)")),
    ("spent", guarded(r"执行数|实际支出|支出数|决算|执行金额|支付数|已支出|实际执行|支出金额|全年支出")),
)


def _headers(rows: list[tuple[Table, int]]) -> dict[int, str]:
    """Each column's header: the texts of the header rows above it, joined (a merged cell counted once)."""
    out: dict[int, list[str]] = {}
    for table, r in rows:
        for col, cell in enumerate(table.rows[r]):
            text = cell.clean
            if text and text not in out.setdefault(col, []):
                out[col].append(text)
    return {col: " · ".join(texts) for col, texts in out.items() if texts}  # (执行数 · 上半年)


def _cell(row: tuple[Table, int], col: int) -> Place | None:
    table, r = row
    cell = table.cell(r, col)
    return (table, r, col, cell) if cell is not None else None


def _with_label(place: Place, label: str) -> tuple[Table, int, int, Cell, str]:
    return (*place, label)


def top_level(values: list[Decimal]) -> list[int] | None:
    """The rows left when each row that is the sum of two or more of the rows right after it (基本支出 above
    人员经费 and 公用经费) stands for them: their indices; None where no row is such a sum (the rows are flat)."""
    kept: list[int] = []
    nested = False
    i = 0
    while i < len(values):
        kept.append(i)
        running, j = Decimal(0), i + 1
        while j < len(values) and running < values[i]:
            running += values[j]
            j += 1
        if j - i > 2 and running == values[i]:
            nested = True
            i = j
        else:
            i += 1
    return kept if nested else None


def _numbered(data: list[tuple[Table, int]], t: int) -> bool:
    """Whether the rows other than the total's are numbered 1, 2, 3 … in their first cell (a 序号 column): rows of one
    level, none the sum of those under it, whatever their figures add up to (1,320.00 above 460.00 and 860.00)."""
    serials = [cell.clean if (cell := table.cell(r, 0)) is not None else "" for i, (table, r) in enumerate(data) if i != t]
    return len(serials) >= 3 and serials == [str(k) for k in range(1, len(serials) + 1)]


def flat_or_nested(values: list[Decimal], total: Decimal) -> list[int]:
    """The rows that add up to the total: all of them where they do; else, where the rows nest, the top-level
    ones (a wrong figure either way: the message then shows the top-level sum); else all of them."""
    every = list(range(len(values)))
    if sum(values, Decimal(0)) == total:
        return every
    top = top_level(values)
    return every if top is None else top


_CENTS = guarded(r"^-?[\d,]+\.\d\d$")


def _in_cents(data: list[tuple[Table, int]], col: int, number: Any) -> bool:
    """Whether every figure in the column has two decimals, as amounts of money do (counts and areas seldom)."""
    figures = [place[3].clean for place in (_cell(row, col) for row in data)
               if place is not None and number(place[3].clean) is not None]
    return len(figures) >= 3 and all(_CENTS.match(f) for f in figures)


def _unit(table: Table, headers: dict[int, str]) -> str:
    for text in [*table.before[-2:], *headers.values()]:
        m = _UNIT.search("".join(text.split()))
        if m:
            return m.group(1) or m.group(2)
    return "万元"


def _title(table: Table) -> str:
    """The table's title as the line above it gives it (表2 2022年分市（州）资金执行情况), else as a sheet sets it in its
    grid over the header (…项目支出绩效自评结果汇总表, a caption row), else 表N."""
    for line in reversed(table.before[-2:]):
        text = _TITLE_NOISE.sub("", " ".join(line.split())).strip()
        if 2 <= len(text) <= 40 and "。" not in text:
            return text
    for r in range(min(3, len(table.rows))):
        if not caption_row(table, r):
            break
        text = next((cell.clean for _, cell in table.distinct(r) if cell.clean), "")
        if 4 <= len(text) <= 40 and text.endswith("表") and not _CAPTION.match(text):
            return text
    return f"表{table.index}"
