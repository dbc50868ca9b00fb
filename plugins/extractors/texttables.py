"""Tables laid out in plain text: a PDF's text layer saved as .txt, text copied from a web page, Markdown.

`text_tables(lines, start=1)` finds the tables, returns them as `Table`s numbered from `start` and sets
`line.table` on every line it consumed (rows, Markdown separator rows, and inside a table: page-number lines,
running headers, repeated header rows). Lines outside tables keep `table=None`. Layouts read:

- `|`-separated rows (`| 项目名称 | 乡村道路养护 |`, with or without the outer bars; `|---|---|` skipped);
- one row per line, cells separated by two or more spaces, tabs or full-width spaces. Single spaces separate
  cells only where the row then has as many cells as the current header row, or, under a header that is
  itself single-spaced (a PDF text layer saved as text), up to four cells fewer (the labels stand only on
  their group's first row; the 绩效指标 column and the reason are often empty). A cell may hold a single
  space (道路 养护里程): neighbouring text tokens are joined where the columns then fit better. Also read
  whatever the header: a row label and its figures (总分 100 97.53) and label/value pairs
  (主管部门 县交通运输局 实施单位 县公路管理站). Under 预期目标 / 实际完成情况 a row of two long texts is
  the goals row. A dash the text layer put on a line of its own is the last cell of the row above;
- one cell per line (how a PDF text layer often gives a table): a run of header words (`年初预算数`,
  `全年预算数`, ... on consecutive lines), then rows: for a budget table, a label line followed by its value
  lines (numbers, percentages, —, short texts; a long text in a 原因 column); for an indicator table
  (一级/二级/三级指标 ... 分值 得分 偏差原因), rows are found from the two number lines of 分值 and 得分, the
  cells before them filling the columns right to left (at least from 三级指标 on), the lines between one
  row's 得分 and the next row's cells split where the column kinds fit best; `总分`/`合计` rows keep their
  label first. Label/value line pairs (项目名称 / 乡村道路养护 / 主管部门 / ...) form a two-column table;
- a page break inside a table, also inside a one-cell-per-line header run: a page-number line (`- 3 -`,
  `第 3 页 共 12 页`, `1/3`; a bare `3` only when a running header or the repeated header follows it),
  running headers (a line repeated in the document, such as the report's title) and the repeated header
  row are skipped and the same table goes on;
- a row with fewer cells than its header: a first-level label (产出指标 ...) only on its group's first row
  leaves the next rows one cell short at the left (two without the second-level label): such rows are
  aligned to the right, or wherever the column kinds fit best (分值 and 得分 are numbers, 二级指标 holds
  数量指标 ..., a trailing 偏差原因 may be missing); a budget row (年度资金总额, 其中：当年财政拨款 ...) keeps
  its label in the first column and its values from the second on.

A table ends at a blank line (one blank line between rows is allowed in the line layouts), a heading, prose,
or a note or signature line of the form (注：, 填表人：, 填报日期：...).

Each cell's `where`: {"line", "column" (1-based), "end_line", "end_column" (exclusive), "quote"} and "page"
where the line has one. A cell padded in has an empty quote and points, with zero width, at the start of
its row. `Table.before`: up to 3 non-empty lines just above the table (page numbers left out).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from .lazyre import guarded
from .normalize import compact, _PAGE_NUMBER, _width, HEADING_L1, HEADING_L2, SourceLine
from .tables import OTHER_PERIOD, Cell, Table, text_place

# Header and label words of the 自评表 (national template 财预〔2020〕10号 and provincial variants). A cell
# matches a word after NFKC, without white space, a trailing colon or a trailing parenthesis (（万元）, (A)).
VOCABULARY: tuple[str, ...] = (
    "项目名称", "主管部门", "实施单位", "项目资金（万元）", "年初预算数", "全年预算数", "调整后预算数", "全年执行数",
    "预算执行数", "分值", "权重", "执行率", "预算执行率", "得分", "原因", "年度资金总额", "总额", "其中：当年财政拨款",
    "上年结转资金", "其他资金", "财政资金", "财政专户管理资金", "单位资金", "年度总体目标", "预期目标", "实际完成情况",
    "绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "年度指标值", "调整后指标值",
    "实际完成值", "完成值", "偏差原因分析及改进措施", "未完成原因分析", "总分", "合计", "自评等级", "评价等级",
    # provincial variants seen in published tables
    "自评得分", "年度预算申请（万元）", "部门名称", "全年实际值", "年初预算",
    # the department's own table (部门整体支出绩效自评表)
    "部门资金（万元）", "部门整体资金（万元）", "资金（万元）", "单位名称", "年度预算执行情况（万元）", "预算执行情况（万元）",
    "偏差原因",
    # a monitored project's form (绩效运行监控): this year's columns as it names them, and its notes
    "全年实际完成值", "全年完成值", "备注",
    # a form scored by deduction (分值 · 扣分 · 得分, 扣分原因, 扣分合计)
    "扣分", "扣分原因", "扣分合计", "分值合计",
    # a form returned with its review beside the department's own scores (自评得分 · 复核得分, 复核核实值, 复核意见)
    "单位自评得分", "复核得分", "主管部门复核得分", "财政复核得分", "复核核实值", "核实完成值", "复核意见",
    "单位自评等级", "复核等级", "主管部门复核等级", "财政复核等级",
)
# Of these, the words that label a row (the first cell of a row) rather than head a column.
ROW_LABELS: tuple[str, ...] = (
    "项目名称", "主管部门", "实施单位", "年度资金总额", "总额", "其中：当年财政拨款", "上年结转资金", "其他资金", "财政资金",
    "财政专户管理资金", "单位资金", "年度总体目标", "总分", "合计", "自评等级", "评价等级", "部门名称", "单位名称",
    "扣分合计", "分值合计", "单位自评等级", "复核等级", "主管部门复核等级", "财政复核等级",
)
FIRST_LEVEL: tuple[str, ...] = ("产出指标", "效益指标", "满意度指标", "成本指标")
SECOND_LEVEL: tuple[str, ...] = (
    "数量指标", "质量指标", "时效指标", "成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标",
    "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标", "满意度指标",
)

_KIND_OF = {
    "一级指标": "l1", "二级指标": "l2", "三级指标": "l3", "绩效指标": "group",
    "分值": "num", "权重": "num", "得分": "num", "自评得分": "num", "扣分": "num", "扣分原因": "reason",
    "预期目标": "goal", "实际完成情况": "goal",
    "年初预算数": "money", "全年预算数": "money", "调整后预算数": "money", "全年执行数": "money",
    "预算执行数": "money", "执行率": "money", "预算执行率": "money", "年初预算": "money",
    "指标值": "value", "年度指标值": "value", "调整后指标值": "value", "实际完成值": "value", "完成值": "value",
    "全年实际完成值": "value", "全年完成值": "value", "备注": "reason",
    "度量单位": "value", "指标性质": "value", "全年实际值": "value",
    "原因": "reason", "偏差原因分析及改进措施": "reason", "未完成原因分析": "reason",
    "单位自评得分": "num", "复核得分": "num", "主管部门复核得分": "num", "财政复核得分": "num", "复核核实值": "value",
    "核实完成值": "value", "复核意见": "reason",
}
_VALUE_KINDS = frozenset({"num", "money", "value"})
_UNIT_LINE = guarded(r"^[(（](?:万元|元|千元|亿元)[)）]$")  # a header cell's unit on a line of its own
_PARENTHESISED = guarded(r"[(（][^()（）]{0,40}[)）]$")
_WS_RUN = guarded(r"[ \t\u3000\u00a0]+")
_PIPE = guarded(r"[|｜]")
# another period's column beside this year's on a monitored project's form (上年实际完成值, 1—6月执行数, 1—9月执行进度)
_PERIOD_COLUMN = guarded(rf"(?:{OTHER_PERIOD}|(?:19|20)\d{{2}}年(?!度))"
                         r".{0,6}(?:执行数|执行进度|进度|完成值|完成数|得分|实际)")
_SEPARATOR_CELL = guarded(r"^:?-{2,}:?$")
_EMPHASIS = guarded(r"(?P<mark>\*\*|__|\*)(?P<inner>[^*_]+)(?P=mark)")  # a cell in Markdown's bold or italic
_NUMBER = guarded(r"^[-+]?\d[\d,]*(?:\.\d+)?$")
_PERCENT = guarded(r"^[-+]?\d[\d,]*(?:\.\d+)?%$")
_PLACEHOLDER = frozenset({"—", "——", "-", "--", "/", "\\", "无", "－", "―", "─", "×", "*"})
_PROSE_END = frozenset("。！？；")
_GAP = r" {2,}|\t|\u3000"  # what parts two cells of a line (a single space parts two words)
_CELL_GAP = guarded(_GAP)
# 表1  2024年度项目支出预算执行情况表（单位：万元）: a table's number and its title, one text after it
_TABLE_TITLE = guarded(rf"^\s*(?:附表|续表|表)\s*\d{{1,2}}(?:{_GAP})\S(?:(?!{_GAP}).)*$")
_RUN_OF_SPACES = guarded(rf"\S(?:{_GAP})\S")
_ROW_FIGURE = guarded(r"(?:^|\s)[-+=≥≤<>]?\d[\d,.]*%?(?:\s|$)")
_GRADE = guarded(r"^(?:[—\-/]+|.{0,6}等级.{0,6}|优秀?|良好?|中|差|合格|不合格|[A-D]级?)$")
# Lines under a table that end it: notes and the signature block of the form.
_FOOTER = guarded(r"^(?:注|说明|备注|填表说明|填报说明|填表人|填报人|填报日期|填表日期|联系电话|联系人|审核人"
                     r"|单位负责人|财务负责人|项目负责人)\d*[:：]")


def _key(text: str) -> str:
    """A word as matched against the vocabulary: NFKC, no white space, no trailing colon."""
    return compact(text).rstrip(":")


_HEADER_KEYS = {_key(w): w for w in VOCABULARY if w not in ROW_LABELS}
_LABEL_KEYS = {_key(w): w for w in ROW_LABELS}
_FIRST = frozenset(_key(w) for w in FIRST_LEVEL)
_SECOND = frozenset(_key(w) for w in SECOND_LEVEL)


def _vocab(text: str, keys: dict[str, str]) -> str | None:
    """The vocabulary word a cell's text is (a trailing （万元）, (A), （分） allowed), or None."""
    key = _key(text)
    if not key:
        return None
    if key in keys:
        return keys[key]
    stripped = _PARENTHESISED.sub("", key)
    return keys.get(stripped) if stripped != key else None


def header_word(text: str) -> str | None:
    return _vocab(text, _HEADER_KEYS)


def row_label(text: str) -> str | None:
    return _vocab(text, _LABEL_KEYS)


def _is_number(text: str) -> bool:
    key = _key(text)
    return bool(_NUMBER.match(key))


def _is_valueish(text: str) -> bool:
    """A value cell: a number, a percentage, a placeholder, or a short text with a digit (≥50人)."""
    key = _key(text)
    if not key:
        return False
    if key in _PLACEHOLDER or _NUMBER.match(key) or _PERCENT.match(key):
        return True
    return len(key) <= 16 and any(ch.isdigit() for ch in key) and key[-1] not in _PROSE_END


def _is_placeholder(text: str) -> bool:
    return _key(text) in _PLACEHOLDER


def _is_prose(text: str) -> bool:
    """A line that cannot be a cell of a one-cell-per-line table: a heading or a long sentence."""
    key = _key(text)
    if not key:
        return True
    if HEADING_L1.match(key) or HEADING_L2.match(key):
        return True
    return len(key) > 40 or (len(key) > 12 and key[-1] in _PROSE_END)


def _is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def _bare_number(text: str) -> bool:
    return text.strip().isdigit()


# -- cells while parsing ---------------------------------------------------------------------------------
@dataclass(slots=True)
class _Piece:
    text: str
    line: int  # index into the lines
    start: int  # 0-based column in the line's text
    end: int  # exclusive (in the line `last` where the piece spans several lines)
    last: int | None = None  # index of the piece's last line, if not `line`


def _whole(lines: list[SourceLine], i: int) -> _Piece:
    text = lines[i].text
    stripped = text.strip()
    start = len(text) - len(text.lstrip())
    return _Piece(stripped, i, start, start + len(stripped))


def _split(lines: list[SourceLine], i: int, single: bool) -> list[_Piece]:
    """A line's cells, split on runs of white space (single: any run; else runs of 2+ spaces, tabs,
    full-width spaces)."""
    text = lines[i].text
    out: list[_Piece] = []
    if not single and text.count("\t") >= 2 and text.strip():
        # cells copied from a web page's table: one tab between cells, an empty cell between two tabs (合计 under
        # 序号 · 项目名称 starts its row with a tab)
        start = 0
        for cell in text.rstrip("\t \r").split("\t"):
            stripped = cell.strip()
            lead = len(cell) - len(cell.lstrip())
            out.append(_Piece(stripped, i, start + lead, start + lead + len(stripped)))
            start += len(cell) + 1
        return out
    pos = 0
    for m in _WS_RUN.finditer(text):
        run = m.group()
        if not single and len(run) < 2 and run not in ("\t", "\u3000"):
            continue
        if m.start() > pos:
            out.append(_Piece(text[pos:m.start()], i, pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append(_Piece(text[pos:], i, pos, len(text)))
    return out


def _split_pipe(lines: list[SourceLine], i: int, border: bool = True) -> list[_Piece] | None:
    """The cells of a `|` row, or None if the line is not one. With `border`, a bar first or last on the line
    is the table's outer border (Markdown); without, every bar separates cells, so a bar first on the line
    leaves its first cell empty (a merged cell above it)."""
    text = lines[i].text
    stripped = text.strip()
    if not stripped or not _PIPE.search(stripped):
        return None
    bars = [m.start() for m in _PIPE.finditer(text)]
    edges = [-1, *bars, len(text)]
    out: list[_Piece] = []
    for a, b in pairwise(edges):
        raw = text[a + 1:b]
        inner = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        emphasis = _EMPHASIS.fullmatch(inner)  # (Markdown's **340.00**: the figure, its markup read past)
        if emphasis is not None:
            lead, inner = lead + len(emphasis.group("mark")), emphasis.group("inner")
        out.append(_Piece(inner, i, a + 1 + lead, a + 1 + lead + len(inner)))
    lead_bar = stripped[0] in "|｜"
    trail_bar = stripped[-1] in "|｜"
    if lead_bar and border:
        out = out[1:]
    if trail_bar and border:
        out = out[:-1]
    if len(out) < 2 and not (lead_bar and trail_bar):
        return None
    return out


def _bordered(lines: list[SourceLine], i: int) -> bool:
    """Whether the `|` rows from line i have an outer border: every row starts with a bar, or none does. Rows
    of which only some start with a bar (项目资金（万元）||年初预算数… then |年度资金总额|2860.00…) draw no border:
    their leading bar leaves the first cell empty, under a merged cell."""
    leads = set()
    for k in range(i, len(lines)):
        stripped = lines[k].text.strip()
        if not stripped:
            continue
        cells = _split_pipe(lines, k)
        if cells is None:
            break
        if not _is_separator(cells):
            leads.add(stripped[0] in "|｜")
    return len(leads) < 2


def _is_separator(cells: list[_Piece]) -> bool:
    return all(_SEPARATOR_CELL.match(c.text.replace(" ", "")) for c in cells if c.text) and any(c.text for c in cells)


def _header_like(cells: list[_Piece]) -> bool:
    """A header row: at least two header words, and at most one other (non-empty) cell."""
    words = sum(1 for c in cells if header_word(c.text))
    others = sum(1 for c in cells if c.text and not header_word(c.text) and not _is_placeholder(c.text)
                 and not _PERIOD_COLUMN.match(_key(c.text))  # (1—6月执行数, 上年实际完成值: another period's column)
                 and _key(c.text) not in _LIST_HEADERS)
    return words >= 2 and others <= 1


# the columns that head a list of projects beside its figures (序号 · 项目名称 · 实施单位 · 全年预算数 … · 自评等级)
_LIST_HEADERS = frozenset({"序号", "项目名称", "实施单位", "单位名称", "自评等级", "评价等级"})


def _kinds(header: Sequence[_Piece | None]) -> list[str]:
    out = []
    for cell in header:
        word = header_word(cell.text) if cell is not None else None
        if word is None and cell is not None and row_label(cell.text) in _GRADE_HEADERS:
            out.append("grade")  # (a summary's 自评等级 column: a grade or a placeholder, never a figure)
            continue
        out.append(_KIND_OF.get(word or "", "label"))
    return out


_GRADE_HEADERS = frozenset(word for word in ROW_LABELS if word.endswith("等级"))  # (自评等级, 复核等级 …)


# -- aligning a short row ----------------------------------------------------------------------------------
def _fit(text: str, kind: str) -> int:
    key = _key(text)
    if not key:
        return 0
    number = bool(_NUMBER.match(key))
    valueish = _is_valueish(text)
    placeholder = key in _PLACEHOLDER
    level1, level2 = key in _FIRST, key in _SECOND
    if kind == "num":
        return 2 if number else 0 if placeholder else -2
    if kind == "money":
        return 1 if number or _PERCENT.match(key) or placeholder else -2
    if kind == "value":
        return -2 if level1 or level2 else 1 if valueish else 0
    if kind == "reason":
        return -2 if level1 or level2 or number else 1 if placeholder or len(key) >= 6 else 0
    if kind == "l1":
        return 2 if level1 else -1 if level2 or valueish else 0
    if kind == "l2":
        return 2 if level2 else -1 if (level1 and not level2) or valueish else 0
    if kind == "l3":
        return -2 if level1 or level2 or number or placeholder else -1 if valueish else 0
    if kind == "grade":
        return 1 if placeholder or _GRADE.match(key) else -2 if number else 0
    if kind == "group":  # 绩效指标: the merged cell at the left of the indicator rows, empty in them
        return -1
    if kind == "goal":
        return -2 if number or placeholder else 1 if len(key) > 10 else 0
    return -2 if number or placeholder else 1  # a label column


def _align(cells: list[_Piece], kinds: list[str], lines: list[SourceLine] | None = None) -> list[_Piece | None]:
    """A row with fewer cells than its header, placed in the header's columns (None: an empty slot).

    With `lines` (the row was split on single spaces), neighbouring text tokens may also be one cell with a
    space in it (道路 养护里程): the placement that fits the columns best wins, each join costing a little."""
    width = len(kinds)
    if not kinds:
        return list(cells)
    if lines is None or len(cells) < 2 or not any(k in ("l1", "l2", "l3") for k in kinds):
        if len(cells) >= width:
            return list(cells)
        return _place(cells, kinds)[1]
    best_score: float | None = None
    best_row: list[_Piece | None] | None = None
    for variant, joins in _joined(cells, lines):
        if len(variant) > width:
            continue
        row: list[_Piece | None]
        if len(variant) < width:
            score, row = _place(variant, kinds)
        else:
            score, row = _score(variant, kinds, 0), list(variant)
        score -= joins
        if best_score is None or score > best_score:
            best_score, best_row = score, row
    return best_row if best_row is not None else list(cells)


def _a_row_of_figures(row: list[_Piece | None]) -> bool:
    """A row with a label and figures (2  上犹县城乡公交一体化运营补贴项  460.00  486.00 …): a data row of a table of figures."""
    return sum(1 for c in row if c is not None and _is_number(c.text)) >= 2


def _text_row(rows: list[list[_Piece | None]]) -> list[_Piece] | None:
    """The widest row of texts so far (the header of a table of figures whose header has no 自评表 words; a title
    line above it is narrower), or None."""
    best: list[_Piece] | None = None
    for row in rows:
        cells = [c for c in row if c is not None]
        if cells and len(cells) == len(row) and not any(_is_valueish(c.text) for c in cells) \
                and (best is None or len(cells) > len(best)):
            best = cells
    return best


def _by_position(cells: list[_Piece], header: list[_Piece], kinds: list[str], lines: list[SourceLine]
                 ) -> list[_Piece | None] | None:
    """A short row of a table that is no indicator table, placed under the header cells it stands under (display
    columns: a CJK character is two wide), in order: a 合计 row whose label spans 序号 and 名称 keeps its figures
    under their own headers. None where the header is not on one line or the row is not short."""
    width = len(header)
    if len(cells) >= width or len({h.line for h in header}) != 1:
        return None
    if "\t" in lines[header[0].line].text or any("\t" in lines[c.line].text for c in cells):
        return None  # cells between tabs (copied from a web page) stand in no display column: a tab has no width
    if any(k in ("l1", "l2", "l3", "goal") for k in kinds):
        return _at_header_starts(cells, header, lines)  # (a header cell wrapped below its line starts where it did)
    if any(h.last is not None for h in header):
        return None

    columns = [_span(lines, h) for h in header]
    out: list[_Piece | None] = [None] * width
    last = -1
    for i, cell in enumerate(cells):
        a, b = _span(lines, cell)
        candidates = range(last + 1, width - (len(cells) - i) + 1)
        last = _under(columns, a, b, candidates)
        out[last] = cell
    return out


def _at_header_starts(cells: list[_Piece], header: list[_Piece], lines: list[SourceLine]) -> list[_Piece | None] | None:
    """An indicator row laid out as a PDF's layout text lays it out (pdftotext -layout): every cell starting exactly
    where a header cell starts, in order; None where the row is not so aligned (then its cells are placed by what
    fits the columns: cells two spaces apart may meet a header's start by chance, not all of them)."""
    starts = [_span(lines, h)[0] for h in header]
    out: list[_Piece | None] = [None] * len(header)
    last = -1
    for cell in cells:
        at = _span(lines, cell)[0]
        k = next((k for k in range(last + 1, len(starts)) if starts[k] == at), None)
        if k is None:
            return None
        out[k], last = cell, k
    return out


def _under(columns: list[tuple[int, int]], a: int, b: int, candidates: Iterable[int]) -> int:
    """Of the candidate columns (display spans), the one a piece spanning a…b stands under: the widest overlap, then
    the nearest centre."""
    return max(candidates, key=lambda k: (min(b, columns[k][1]) - max(a, columns[k][0]),
                                          -abs(a + b - columns[k][0] - columns[k][1])))


def _wrapped(own: _Piece, end: _Piece) -> _Piece:
    """A cell with its wrapped end, on a line below it, joined on."""
    return _Piece(own.text + end.text, own.line, own.start, end.end, last=end.line)


def _span(lines: list[SourceLine], piece: _Piece) -> tuple[int, int]:
    """The display columns a piece covers on its line (a CJK character is two wide)."""
    start = _width(lines[piece.line].text[:piece.start])
    return start, start + _width(piece.text)


def _joined(cells: list[_Piece], lines: list[SourceLine]) -> Iterator[tuple[list[_Piece], int]]:
    """The row as split, and with one or two pairs of neighbouring text tokens joined (with their space)."""
    yield cells, 0

    def text(piece: _Piece) -> bool:  # a token that may be half of a cell: not a value, not a vocabulary word
        key = _key(piece.text)
        return not (_is_valueish(piece.text) or row_label(piece.text) or header_word(piece.text)
                    or key in _FIRST or key in _SECOND)

    text_pairs = [m for m in range(len(cells) - 1)
                  if text(cells[m]) and text(cells[m + 1]) and cells[m].line == cells[m + 1].line]

    def join(row: list[_Piece], m: int) -> list[_Piece]:
        a, b = row[m], row[m + 1]
        merged = _Piece(lines[a.line].text[a.start:b.end], a.line, a.start, b.end)
        return [*row[:m], merged, *row[m + 2:]]

    for x, m in enumerate(text_pairs):
        once = join(cells, m)
        yield once, 1
        for m2 in text_pairs[x + 1:]:
            if m2 > m + 1:
                yield join(once, m2 - 1), 2


def _score(cells: Sequence[_Piece | None], kinds: list[str], offset: int) -> int:
    return sum(_fit(c.text, kinds[offset + m]) for m, c in enumerate(cells) if c is not None)


def _as_row_above(cells: list[_Piece], rows: list[list[_Piece | None]], header: list[_Piece], kinds: list[str],
                  lines: list[SourceLine]) -> list[_Piece | None] | None:
    """A tab-separated row of a budget table placed in the columns of the tab-separated row above it, where that row
    has as many cells, its label first; None otherwise (an indicator table's rows are placed by their kinds)."""
    if not rows or any(k in ("l1", "l2", "l3", "goal") for k in kinds) or "\t" not in lines[cells[0].line].text:
        return None
    above = rows[-1]
    slots = [k for k, cell in enumerate(above) if cell is not None]
    if len(above) != len(header) or len(slots) != len(cells) or not slots or slots[0] != 0 \
            or above[0] is None or above[0].line == cells[0].line or "\t" not in lines[above[0].line].text:
        return None
    placed: list[_Piece | None] = [None] * len(header)
    for k, cell in zip(slots, cells, strict=True):
        placed[k] = cell
    return placed


def _place(cells: list[_Piece], kinds: list[str]) -> tuple[float, list[_Piece | None]]:
    width, n = len(kinds), len(cells)
    indicator = any(k in ("l1", "l2", "l3", "goal") for k in kinds)
    if not indicator or (cells and row_label(cells[0].text)):
        # a budget row, or a labelled row (总分, 合计): the label first, the values where numbers fit best,
        # as close after the label as they fit
        best, best_j = None, 1
        rest = cells[1:]
        for j in range(1, width - len(rest) + 1):
            score = _fit(cells[0].text, kinds[0]) + _score(rest, kinds, j)
            score -= (j - 1) if not indicator else 0
            if best is None or score > best:
                best, best_j = score, j
        return best or 0, [cells[0], *([None] * (best_j - 1)), *rest, *([None] * (width - best_j - len(rest)))]
    best, best_k = None, 0
    for k in range(0, width - n + 1):  # k empty cells on the left; ties go to the rightmost placement
        score = _score(cells, kinds, k)
        if best is None or score >= best:
            best, best_k = score, k
    return best or 0, [*([None] * best_k), *cells, *([None] * (width - best_k - n))]


# -- the readers -------------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Found:
    rows: Sequence[Sequence[_Piece | None]]
    consumed: list[int]
    end: int  # index of the first line after the table


# Words a 自评表 laid out as text cannot do without; a document with no line holding two of them (or one on
# a line of its own, one cell per line) holds no table, and is not scanned further.
_ANCHORS = ("项目名称", "部门名称", "主管部门", "实施单位", "年初预算", "全年预算", "调整后预算", "全年执行", "预算执行数", "分值", "权重", "执行率",
            "得分", "一级指标", "二级指标", "三级指标", "指标值", "完成值", "年度资金总额", "总额", "总分", "合计",
            "收入", "金额", "预算数", "决算数")  # (a 收入支出决算总表 attached alone: 收入 · 行次 · 金额 · 支出 · 行次 · 金额)


_ANY_ANCHOR = guarded("|".join(_ANCHORS))


def _may_hold_a_table(lines: list[SourceLine]) -> bool:
    for line in lines:
        text = line.text
        if "。" in text or "，" in text:
            continue  # a sentence, not a header or label line
        if _ANY_ANCHOR.search(text) is None:
            continue  # (one search in C before the words one by one)
        found = 0
        for word in _ANCHORS:
            if word in text:
                found += 1
                if found >= 2 or "|" in text or len(text.strip()) <= len(word) + 6:
                    return True
    return False


def text_tables(lines: list[SourceLine], start: int = 1) -> list[Table]:
    """The tables laid out in `lines`, numbered from `start`; consumed lines get `table` set. See the module doc."""
    if not _may_hold_a_table(lines):
        return []
    repeated = Counter(line.text.strip() for line in lines if line.text.strip())
    tables: list[Table] = []
    i = 0
    n = len(lines)
    while i < n:
        text = lines[i].text
        if not text.strip() or lines[i].table is not None or "。" in text:
            i += 1  # a table starts at a header or label line, never at a sentence (a cheap test first)
            continue
        found = (_pipe_table(lines, i, repeated) or _spaced_table(lines, i, repeated) or _cell_per_line_table(lines, i, repeated)
                 or _key_value_table(lines, i))
        if found is None:
            i += 1
            continue
        number = start + len(tables)
        tables.append(_build(lines, found, number, i))
        for index in found.consumed:
            lines[index].table = number
        i = max(found.end, i + 1)
    return tables


def _build(lines: list[SourceLine], found: _Found, number: int, first: int) -> Table:
    width = max((len(r) for r in found.rows), default=0)
    rows: list[list[Cell]] = []
    for r, pieces in enumerate(found.rows):
        anchor = next((p for p in pieces if p is not None), None)
        row: list[Cell] = []
        for k in range(width):
            piece = pieces[k] if k < len(pieces) else None
            if piece is not None:
                row.append(Cell(piece.text, _where(lines, piece), origin=(r, k)))
            else:
                spot = _Piece("", anchor.line, anchor.start, anchor.start) if anchor else None
                row.append(Cell("", _where(lines, spot) if spot else {}, origin=(r, k)))
        rows.append(row)
    before: list[str] = []
    before_lines: list[SourceLine] = []
    j = first - 1
    while j >= 0 and len(before) < 3 and lines[j].table is None:
        text = lines[j].text.strip()
        if text and not _is_page_number(text):
            before.insert(0, text)
            before_lines.insert(0, lines[j])
        j -= 1
    after_lines: list[SourceLine] = []
    j = max(found.consumed, default=first) + 1
    while j < len(lines) and len(after_lines) < 2:
        text = lines[j].text.strip()
        if text and not _is_page_number(text):
            after_lines.append(lines[j])
        j += 1
    return Table(rows, index=number, page=lines[first].page, before=before, before_lines=before_lines,
                 after_lines=after_lines)


def _where(lines: list[SourceLine], piece: _Piece) -> dict[str, Any]:
    return text_place(lines, piece.text, piece.line, piece.start, piece.line if piece.last is None else piece.last,
                      piece.end)


def _page_break(lines: list[SourceLine], j: int, repeated: Counter[str],
                header_at: Callable[[int], int | None] | None = None) -> int | None:
    """If line j starts a page break inside a table (a page-number line, then running headers, then maybe
    the header row again): the index of the first line after it; else None. A bare number (`3`) counts
    as a page number only when a running header or the repeated header follows it (else it is a value)."""
    text = lines[j].text.strip()
    if not _is_page_number(text):
        return None
    n = len(lines)
    k = j + 1
    while k < n and not lines[k].text.strip():
        k += 1
    running = 0
    while k < n and running < 2:
        if header_at is not None and (end := header_at(k)) is not None:
            return end
        if not _running_header(lines[k].text, repeated):
            break
        k += 1
        running += 1
        while k < n and not lines[k].text.strip():
            k += 1
    if k < n and header_at is not None and (end := header_at(k)) is not None:
        return end
    if _bare_number(text) and not running:
        return None
    return k


def _running_header(text: str, repeated: Counter[str]) -> bool:
    """A line printed on every page (the report's title, the department's name)."""
    text = text.strip()
    key = _key(text)
    return (repeated[text] >= 2 and len(key) >= 4 and not _is_valueish(text) and not header_word(text)
            and not row_label(text) and key not in _FIRST and key not in _SECOND
            # (a row several forms share, 质量指标  设备验收合  =100%  100%  10  10, is repeated too: no header; and
            # 主管部门  乳源瑶族自治县教育局  实施单位  …, the same in every form of one department)
            and not (_RUN_OF_SPACES.search(text) and (_ROW_FIGURE.search(text) or row_label(_CELL_GAP.split(text, 1)[0]))))


def _pipe_table(lines: list[SourceLine], i: int, repeated: Counter[str]) -> _Found | None:
    first = _split_pipe(lines, i)
    if first is None:
        return None
    border = _bordered(lines, i)

    def split(k: int) -> list[_Piece] | None:
        return _split_pipe(lines, k, border)

    rows: list[Sequence[_Piece | None]] = []
    consumed: list[int] = []
    header: list[_Piece] | None = None
    kinds: list[str] = []
    j, n = i, len(lines)
    while j < n:
        text = lines[j].text.strip()
        if not text:
            k = j + 1
            while k < n and not lines[k].text.strip():
                k += 1
            if k < n and split(k) is not None and k - j == 1:
                j = k
                continue
            break
        cells = split(j)
        if cells is None:
            if _is_page_number(text) and rows:
                header_keys = [_key(c.text) for c in header] if header else None

                def header_at(k: int, header_keys: list[str] | None = header_keys) -> int | None:
                    again = split(k)
                    if again is not None and header_keys == [_key(c.text) for c in again]:
                        nxt = k + 1
                        if nxt < n and (sep := split(nxt)) is not None and _is_separator(sep):
                            nxt += 1
                        return nxt
                    return None

                after = _page_break(lines, j, repeated, header_at)
                if after is not None and after < n and split(after) is not None:
                    consumed.extend(range(j, after))
                    j = after
                    continue
            break
        consumed.append(j)
        j += 1
        if _is_separator(cells):
            continue
        if header is None:
            header = cells
            kinds = _kinds(cells)
            rows.append(cells)
            continue
        if _header_like(cells) and len(cells) != len(header):
            header, kinds = cells, _kinds(cells)
            rows.append(cells)
            continue
        rows.append(_align(cells, kinds) if len(cells) < len(header) else cells)
    if len(rows) < 2 and not (len(rows) == 1 and len(consumed) >= 2):
        return None
    return _Found(rows, consumed, j)


def _row_cells(lines: list[SourceLine], j: int, header: list[_Piece] | None, single_header: bool
               ) -> tuple[list[_Piece], bool] | None:
    """The cells of line j as a row of a spaced table and whether they were split on single spaces, or None
    if the line is not a row."""
    text = lines[j].text
    if not text.strip() or _split_pipe(lines, j) is not None:
        return None
    cells = _split(lines, j, single=False)
    width = len(header) if header else 0
    # 绩效 / 指标 set down a column left of the header's first: a label of the whole block, no cell of the row
    aside = header is not None and len(cells) > 1 and "\t" not in text and "\t" not in lines[header[0].line].text \
        and _span(lines, cells[0])[1] <= _span(lines, header[0])[0]
    if aside:
        cells = cells[1:]
    if header and len(cells) != width:
        tokens = _split(lines, j, single=True)
        if aside:
            tokens = [t for t in tokens if _span(lines, t)[0] >= _span(lines, cells[0])[0]]
        fits = len(tokens) == width or (single_header and max(2, width - 4) <= len(tokens) < width)
        goals = "goal" in _kinds(header) and len(tokens) in (width - 1, width)
        if fits and len(tokens) > len(cells) and (goals or _plausible_tokens(tokens)):
            return tokens, True
        if len(tokens) > len(cells) and _labelled(tokens):
            return tokens, True
    if len(cells) >= 2:
        return cells, False
    if header is None:
        tokens = _split(lines, j, single=True)
        if len(tokens) >= 2 and _header_like(tokens) and all(len(t.text) <= 24 for t in tokens):
            return tokens, True
        if len(tokens) > len(cells) and _labelled(tokens):
            return tokens, True
    return None


def _labelled(tokens: list[_Piece]) -> bool:
    """Single-spaced rows read whatever the header: 总分 100 97.53 (a row label and figures), and
    项目名称 乡村道路养护 / 主管部门 县交通运输局 实施单位 县公路管理站 (row labels and their values)."""
    if len(tokens) < 2 or not row_label(tokens[0].text):
        return False
    if all(_is_valueish(t.text) for t in tokens[1:]):
        return True
    return len(tokens) in (2, 4) and all(row_label(t.text) for t in tokens[::2]) \
        and not any(row_label(t.text) or header_word(t.text) for t in tokens[1::2])


def _plausible_tokens(tokens: list[_Piece]) -> bool:
    """Single-space tokens that look like cells: some value or vocabulary word, no sentence (a sentence only
    as the last cell, e.g. 偏差原因, of a row with two numbers at least)."""
    if any(len(t.text) > 30 for t in tokens[:-1]) or len(tokens[-1].text) > 60:
        return False
    if tokens[-1].text[-1] in _PROSE_END or len(tokens[-1].text) > 30:
        if sum(1 for t in tokens if _is_number(t.text)) < 2:
            return False
    return any(_is_valueish(t.text) or header_word(t.text) or row_label(t.text) or _key(t.text) in _FIRST
               or _key(t.text) in _SECOND for t in tokens)


def _spaced_table(lines: list[SourceLine], i: int, repeated: Counter[str]) -> _Found | None:
    if _row_cells(lines, i, None, False) is None or _TABLE_TITLE.match(lines[i].text):
        return None  # (表1  2024年度项目支出预算执行情况表（单位：万元）: the title above a table, not its first row)
    rows: list[list[_Piece | None]] = []
    last_single = False  # whether the last row was split on single spaces
    consumed: list[int] = []
    header: list[_Piece] | None = None
    single_header = False
    kinds: list[str] = []
    vocabulary = False
    j, n = i, len(lines)
    while j < n:
        text = lines[j].text.strip()
        if not text:
            k = j + 1
            if k < n and lines[k].text.strip() and (_row_cells(lines, k, header, single_header) is not None
                                                    or rows and _is_page_number(lines[k].text.strip())):
                j = k  # (a blank line, then the page's footer: the page-break test below decides)
                continue
            while k < n and k - j <= 3 and not lines[k].text.strip():
                k += 1
            if rows and k < n and _is_page_number(lines[k].text.strip()):
                j = k  # (blank lines down to the page's footer, as a layout text keeps them: the same)
                continue
            break
        if _FOOTER.match(_key(text)):
            break
        if header is not None and rows and "goal" in kinds and not single_header \
                and _goal_text(lines, j, header, kinds, rows):
            consumed.append(j)  # the 预期目标 / 实际完成情况 texts, wrapped side by side under their header
            j += 1
            continue
        texts = header if header is not None else _text_row(rows) if rows and _a_row_of_figures(rows[-1]) else None
        if texts is not None and _wrapped_onto(lines, j, texts, kinds if header is not None else _kinds(texts), rows):
            # the wrapped ends of the last row's text cells (also under a table of figures' row of texts: 2  上犹县城乡
            # 公交一体化运营补贴项  460.00 … / 目)
            consumed.append(j)
            j += 1
            continue
        tail = _header_tail(lines, j, rows, header) if header is not None else None
        if tail is not None and header is not None:  # 偏差原因分析 / 及改进措施 under it: the header cell wrapped
            header[tail] = rows[-1][tail] = _wrapped(header[tail], _whole(lines, j))
            kinds = _kinds(header)
            consumed.append(j)
            j += 1
            continue
        split = None if _is_page_number(text) else _row_cells(lines, j, header, single_header)
        if split is None:
            if rows and _is_page_number(text):
                header_keys = [_key(c.text) for c in header] if header else None

                def header_at(k: int, header_keys: list[str] | None = header_keys, header: list[_Piece] | None = header,
                              kinds: list[str] = kinds) -> int | None:
                    if header_keys is None:
                        return None
                    for single in (False, True):
                        again = _split(lines, k, single)
                        if [_key(c.text) for c in again] == header_keys:
                            return k + 1
                    if header is not None and _wrap_joins(lines, k, header, kinds, rows) is not None:
                        # (指标  满意度指  意度, 未达到年度指 under the running title: the last row's cells wrapped,
                        # although the line repeats where other forms break at the same place: no running header)
                        return k
                    return None

                after = _page_break(lines, j, repeated, header_at)
                if after is not None and after < n and header is not None and _wrapped_onto(lines, after, header, kinds, rows):
                    # (a cell wrapped over the page break: 未达到年度指 / 标值；…; a row's three text cells at once,
                    # 满意度 · 服务对象 · 受助学生满 / 指标 · 满意度指 · 意度: their wrapped ends, not a row)
                    consumed.extend(range(j, after + 1))
                    j = after + 1
                    continue
                if after is not None and after < n and _row_cells(lines, after, header, single_header) is not None:
                    consumed.extend(range(j, after))
                    j = after
                    continue
                if after is not None and after < n and header is not None \
                        and _header_unit(rows, header, lines[after].text.strip()):
                    _join_unit(rows, header, _whole(lines, after))  # (项目资 / the page break / 金（万 / 元）)
                    consumed.extend(range(j, after + 1))
                    j = after + 1
                    continue
                break
            last = rows[-1] if rows else None
            if header is not None and _header_unit(rows, header, text):
                _join_unit(rows, header, _whole(lines, j))  # 项目资金 / （万元） under it
                consumed.append(j)
                j += 1
                continue
            if last is not None and header is not None and sum(1 for c in last if c is not None) < len(header) \
                    and _cell_of_its_own(text, last):
                # a cell the text layer put on a line of its own (a dash drawn on another baseline)
                piece = _whole(lines, j)
                filled = [c for c in last if c is not None] + [piece]
                rows[-1] = _align(filled, kinds, lines if last_single else None)
                consumed.append(j)
                j += 1
                continue
            break
        cells, single = split
        if header is not None and len(cells) > 1 and _header_unit(rows, header, cells[0].text):
            _join_unit(rows, header, cells[0])  # at the next row's start: （万元）  年度资金总额  420.00 …
            cells = cells[1:]
        if any(header_word(c.text) or row_label(c.text) for c in cells):
            vocabulary = True
        consumed.append(j)
        j += 1
        if _header_like(cells):
            if header is not None and [_key(c.text) for c in cells] == [_key(c.text) for c in header] and rows:
                continue  # the header row repeated (after a page break the text layer kept no page number)
            header, kinds = cells, _kinds(cells)
            single_header = len(_split(lines, j - 1, single=False)) < len(cells)
            rows.append(list(cells))
            last_single = single
            continue
        last_single = single
        # (a table of figures whose header has no 自评表 words: its first row of texts stands for the header)
        columns = header if header is not None else _text_row(rows)
        placed = _by_position(cells, columns, kinds, lines) if columns is not None else None
        if header is None and columns is not None and rows and "\t" in lines[j - 1].text \
                and _key(cells[0].text) in ("合计", "总计", "小计") and 1 < len(cells) < len(columns) \
                and sum(1 for c in rows[-1] if c is not None) == len(columns):
            # (合计\t7,711.66\t7,552.90\t97.94 under 序号 · 项目名称 · 全年预算 · 实际支出 · 执行率, copied from a web page:
            # the label spans the columns before the figures, which end where the rows above end)
            placed = [cells[0], *([None] * (len(columns) - len(cells))), *cells[1:]]
        if placed is not None:
            rows.append(placed)
        elif header is not None and len(cells) < len(header) and not single \
                and lines[cells[0].line].text.rstrip("\r\n").count("\t") + 1 >= len(header) > 0:
            # (a web page's row copied with a tab for every cell, its empty last cells too: its cells stand in order
            # from the first column, where a fit by kind would move them)
            rows.append([*cells, *([None] * (len(header) - len(cells)))])
        elif header is not None and len(cells) < len(header) and not single and (same := _as_row_above(cells, rows, header, kinds, lines)):
            # (其中：基本支出	968.40	1,002.16	998.53	—	—	— under 年度资金总额	12,486.30	…: a budget row copied from the
            # same web table with as many cells as the row above stands in its columns, not where a fit by kind would
            # move it)
            rows.append(same)
        elif header is not None and (len(cells) < len(header) or single):
            rows.append(_align(cells, kinds, lines if single else None))
        else:
            rows.append(list(cells))
    if len(rows) < 2:
        return None
    if not vocabulary:
        # no 自评表 word: only a regular grid of figures (three rows or more, most with the same number of
        # cells, most holding a number) is a table
        counts = Counter(sum(1 for c in r if c is not None) for r in rows)
        figures = sum(1 for r in rows if any(c is not None and (_NUMBER.match(_key(c.text)) or _PERCENT.match(_key(c.text)))
                                             for c in r))
        if len(rows) < 3 or counts.most_common(1)[0][1] * 5 < len(rows) * 4 or figures * 2 < len(rows):
            return None
    return _Found(rows, consumed, j)


def _cell_of_its_own(text: str, last: list[_Piece | None]) -> bool:
    """Whether a short line under a row with cells missing is one of them: a dash or a figure; a word or a date too,
    except under a 合计 row (2026年3月18日 under it is the signing date); never a heading (附件2, 表2: the next part's)."""
    if len(text) > 16 or _ATTACHMENT.match(text.strip()):
        return False
    if _is_placeholder(text):
        return True
    if not _is_valueish(text):
        return False
    key = _key(text)
    return bool(_NUMBER.match(key) or _PERCENT.match(key)) \
        or _key(next((c.text for c in last if c is not None), "")) not in _CLOSING


# an attachment's or a table's heading on its own line (附件2, 附表1：, 附件二, 表2): never a cell of the row above
_ATTACHMENT = guarded(r"^(?:附(?:件|表)|表)\s*[0-9０-９一二三四五六七八九十]{0,3}\s*[:：]?$")
_TEXT_KINDS = frozenset({"l1", "l2", "l3", "reason", "goal", "label", "group"})
_CLOSING = frozenset({"合计", "总计", "总分", "小计", "自评等级", "评价等级"})


def _wrapped_onto(lines: list[SourceLine], j: int, header: list[_Piece], kinds: list[str],
                  rows: list[list[_Piece | None]]) -> bool:
    """Whether line j holds only the wrapped ends of the last row's text cells (三级指标 细颗粒物年均浓 / 度; a 偏差原因
    over three lines): each piece starts where a text cell of that row starts (display columns), and none is a
    value, a placeholder, a row label or a header word. If so, the pieces are joined onto those cells."""
    joins = _wrap_joins(lines, j, header, kinds, rows)
    if joins is None:
        return False
    last = rows[-1]
    for k, own, piece in joins:
        last[k] = _wrapped(own, piece)
    return True


def _wrap_joins(lines: list[SourceLine], j: int, header: list[_Piece], kinds: list[str],
                rows: list[list[_Piece | None]]) -> list[tuple[int, _Piece, _Piece]] | None:
    """The wrapped ends line j holds, each with the last row's cell it ends (see `_wrapped_onto`); None if it is
    not such a line."""
    last = rows[-1]
    if any(c is not None and c is h for c, h in zip(last, header, strict=False)):
        return None  # (the header row itself)
    first = next((c for c in last if c is not None), None)
    if first is None or _key(first.text) in _CLOSING:
        return None  # (合计, 总分: the table's last row, nothing wraps onto it)
    text = lines[j].text.strip()
    if HEADING_L1.match(text) or HEADING_L2.match(text):
        return None
    # where the row's reason (or goal) is a sentence, its wrapped end may hold a figure (成；2024年探索…)
    prose_at = {_span(lines, c)[0] for k, c in enumerate(last) if c is not None and k < len(kinds)
                and kinds[k] in ("reason", "goal") and len(_key(c.text)) >= 8}
    # a target or an actual written in words wraps too (2024年6月30日 / 前): its column takes a wrapped end of words
    worded = {k for k, c in enumerate(last) if c is not None and k < len(kinds) and kinds[k] == "value"
              and not (_NUMBER.match(_key(c.text)) or _PERCENT.match(_key(c.text)))}
    worded_at = {_span(lines, c)[0] for k, c in enumerate(last) if k in worded and c is not None}

    def a_value(t: _Piece) -> bool:
        if not _is_valueish(t.text):
            return False
        key = _key(t.text)
        if key in _PLACEHOLDER or _NUMBER.match(key) or _PERCENT.match(key):
            return True
        at = _span(lines, t)[0]
        return not any(abs(at - start) <= 2 for start in prose_at | worded_at)

    if any(a_value(t) or _is_placeholder(t.text) or row_label(t.text) or header_word(t.text)
           or t.text.startswith("【") for t in _split(lines, j, single=True)):  # (【打印】: a web page's buttons)
        return None
    pieces = _split(lines, j, single=False)
    if not pieces or len(pieces) > 4:  # (一级 · 二级 · 三级指标 and the 偏差原因 wrapped at once, at most)
        return None

    joins: list[tuple[int, _Piece, _Piece]] = []  # (column, the cell, its wrapped end)
    for piece in pieces:
        at, end = _span(lines, piece)
        found = next(((k, cell) for k, cell in enumerate(last) if cell is not None and k < len(kinds)
                      and (kinds[k] in _TEXT_KINDS or k in worded) and abs(_span(lines, cell)[0] - at) <= 2), None)
        if found is None:
            return None
        k, own = found
        after = next((c for c in last[k + 1:] if c is not None and c is not own), None)
        if after is not None and after.line == own.line and end > _span(lines, after)[0]:
            return None  # (it runs under the next cell: a line of its own, not the end of this one)
        joins.append((k, own, piece))
    return joins


def _goal_text(lines: list[SourceLine], j: int, header: list[_Piece], kinds: list[str],
               rows: list[list[_Piece | None]]) -> bool:
    """Whether line j holds the goal texts under a 年度总体目标 header (年度总体 · 预期目标 · 实际完成情况), each wrapped
    within its column and the two side by side, as a PDF text layer lays them out. Each piece goes to the header
    cell it stands under (display columns); the first such line makes the row after the header, the next ones
    are joined onto it; a piece under the header's label (目标, the wrapped end of 年度总体) is joined onto the label.
    Only under a header laid out in columns (cells two spaces apart or more): single spaces tell no column."""
    last = rows[-1]
    at_header = any(c is not None and c is h for c, h in zip(last, header, strict=False))
    goal_row = not at_header and all(c is None or kinds[k] == "goal" for k, c in enumerate(last) if k < len(kinds)) \
        and any(c is not None for c in last)
    if not (at_header or goal_row):
        return False
    pieces = _split(lines, j, single=False)
    if not pieces or len(pieces) > len(header):
        return False
    for token in _split(lines, j, single=True):  # (the next header, an indicator row: no goal text)
        key = _key(token.text)
        if header_word(token.text) or row_label(token.text) or key in _FIRST or key in _SECOND \
                or _NUMBER.match(key) or _PERCENT.match(key) or key in _PLACEHOLDER:
            return False
    columns = [_span(lines, h) for h in header]
    goals = [columns[k][0] for k in range(len(header)) if kinds[k] == "goal"]
    pieces = [part for piece in pieces for part in _at_columns(lines, piece, goals)]
    placed: dict[int, _Piece] = {}
    for piece in pieces:
        a, b = _span(lines, piece)
        k = _under(columns, a, b, range(len(header)))
        if k in placed:
            return False
        placed[k] = piece
    if at_header and set(placed) == {0} and kinds[0] != "goal" and len(_key(placed[0].text)) <= 4:
        header[0] = last[0] = _wrapped(header[0], placed[0])  # (年度总体 / 目标)
        return True
    if any(kinds[k] != "goal" for k in placed):
        return False
    if at_header:
        rows.append([placed.get(k) for k in range(len(header))])
        return True
    for k, piece in placed.items():
        own = last[k]
        last[k] = piece if own is None else _wrapped(own, piece)
    return True


def _at_columns(lines: list[SourceLine], piece: _Piece, starts: list[int]) -> list[_Piece]:
    """A piece cut where it runs past the start of another column (display columns): the two goal texts written on
    without a space between them (…合格率达到100%；建设示范村10个；… under 预期目标 · 实际完成情况)."""
    a, b = _span(lines, piece)
    inner = [x for x in starts if a + 2 < x < b - 2]
    if not inner:
        return [piece]
    out: list[_Piece] = []
    text, start, col = piece.text, 0, a
    cuts = iter(inner)
    cut = next(cuts, None)
    for i, ch in enumerate(text):
        if cut is not None and col >= cut:
            out.append(_Piece(text[start:i], piece.line, piece.start + start, piece.start + i))
            start, cut = i, next(cuts, None)
        col += _width(ch)
    out.append(_Piece(text[start:], piece.line, piece.start + start, piece.end))
    trimmed = []  # (…机制健全； 元；新增…: the one space between the two texts is no part of either)
    for p in out:
        lead, tail = len(p.text) - len(p.text.lstrip()), len(p.text) - len(p.text.rstrip())
        if p.text.strip():
            trimmed.append(_Piece(p.text.strip(), p.line, p.start + lead, p.end - tail))
    return trimmed


def _header_unit(rows: list[list[_Piece | None]], header: list[_Piece], text: str) -> bool:
    """Whether `text` is the unit of the header's first cell, wrapped below it: （万元） right after the header row;
    or the rest of that cell, wrapped over lines of its own (项目资 / 金（万 / 元）, as a PDF's layout text gives a
    narrow merged cell)."""
    if not rows or rows[-1][0] is not header[0]:
        return False
    key = _key(text)
    if _UNIT_LINE.match(key) is not None:
        return True
    joined = _key(header[0].text) + key
    return 0 < len(key) <= 6 and not any(ch.isdigit() for ch in key) and _vocab(header[0].text, _HEADER_KEYS) is None \
        and (_begins_header_word(joined)
             or any(joined.startswith(word) and _UNIT_LINE.match(joined[len(word):]) for word in _HEADER_KEYS))


def _header_tail(lines: list[SourceLine], j: int, rows: list[list[_Piece | None]], header: list[_Piece]) -> int | None:
    """The header cell that line `j`, right under the header row, completes (偏差原因分析 / 及改进措施: a wrapped
    header word, standing under the cell it ends); None where it completes none."""
    if not rows or not rows[-1] or rows[-1][0] is not header[0] or len({h.line for h in header}) != 1:
        return None
    piece = _whole(lines, j)
    key = _key(piece.text)
    if not 0 < len(key) <= 8 or any(ch.isdigit() for ch in key):
        return None
    a, b = _span(lines, piece)
    for k, cell in enumerate(header):
        c, d = _span(lines, cell)
        if min(b, d + 4) > max(a, c - 4) and _vocab(cell.text, _HEADER_KEYS) is None \
                and _begins_header_word(_key(cell.text) + key):
            return k
    return None


def _begins_header_word(joined: str) -> bool:
    """Whether a header cell's text with the rest wrapped below it (项目资 + 金（万; 偏差原因分析 + 及改进措施) begins, or is,
    a header word."""
    return any(word.startswith(joined) for word in _HEADER_KEYS)


def _join_unit(rows: list[list[_Piece | None]], header: list[_Piece], unit: _Piece) -> None:
    """The header's first cell with its wrapped unit (项目资金（万元）), in the header and in its row."""
    header[0] = rows[-1][0] = _wrapped(header[0], unit)


# -- one cell per line -------------------------------------------------------------------------------------
def _header_run(lines: list[SourceLine], i: int, repeated: Counter[str]) -> tuple[list[int], list[int]]:
    """The lines from i that are header words, one per line (a page break inside the run skipped), and
    the page-break lines skipped."""
    words: list[int] = []
    skipped: list[int] = []
    k, n = i, len(lines)
    while k < n:
        text = lines[k].text.strip()
        if len(text) <= 60 and header_word(text):
            words.append(k)
            k += 1
            continue
        if words and (after := _page_break(lines, k, repeated)) is not None and after < n \
                and header_word(lines[after].text):
            skipped.extend(range(k, after))
            k = after
            continue
        break
    return words, skipped


def _cell_per_line_table(lines: list[SourceLine], i: int, repeated: Counter[str]) -> _Found | None:
    words_at, skipped = _header_run(lines, i, repeated)
    run = len(words_at)
    if run < 2:
        return None
    header = [_whole(lines, k) for k in words_at]
    kinds = [_KIND_OF.get(header_word(p.text) or "", "label") for p in header]
    header_row: list[_Piece | None] = list(header)
    if kinds[0] in _VALUE_KINDS:  # the header names only the value columns: the label column comes first
        header_row = [None, *header]
        kinds = ["label", *kinds]
    header_keys = [_key(p.text) for p in header]

    def header_at(k: int) -> int | None:
        if k + run <= len(lines) and [_key(lines[m].text) for m in range(k, k + run)] == header_keys:
            return k + run
        return None

    # the body: lines up to the end of the table, page breaks (page number, running headers, repeated
    # header) left out
    body: list[int] = []
    j, n = words_at[-1] + 1, len(lines)
    indicator = "num" in kinds and any(k in ("l1", "l2", "l3") for k in kinds)
    while j < n:
        text = lines[j].text.strip()
        if not text or _FOOTER.match(_key(text)):
            break
        after = _page_break(lines, j, repeated, header_at)
        if after is not None:
            skipped.extend(range(j, after))
            j = after
            continue
        if header_at(j) is not None:  # the header again without a page number
            skipped.extend(range(j, j + run))
            j += run
            continue
        key = _key(text)
        if HEADING_L1.match(key) or HEADING_L2.match(key) or (_is_prose(text) and not indicator
                                                              and "reason" not in kinds):
            break
        if len(_header_run(lines, j, repeated)[0]) >= 2:
            break  # another table's header
        body.append(j)
        j += 1
    if indicator:
        rows, used = _indicator_rows(lines, body, kinds)
    else:
        rows, used = _budget_rows(lines, body, kinds)
    if not rows:
        return None
    last = max(used)
    consumed = words_at + [k for k in body if k <= last] + [k for k in skipped if k < last]
    return _Found([header_row, *rows], sorted(consumed), last + 1)


def _budget_rows(lines: list[SourceLine], body: list[int], kinds: list[str]
                 ) -> tuple[Sequence[Sequence[_Piece | None]], list[int]]:
    """Rows of a label line and its value lines."""
    width = len(kinds)
    rows: list[Sequence[_Piece | None]] = []
    used: list[int] = []
    current: list[_Piece] | None = None
    current_lines: list[int] = []
    reasons = 0  # reason columns (原因) at the right end: they hold text, not values
    while reasons < width - 1 and kinds[width - 1 - reasons] == "reason":
        reasons += 1
    for j in body:
        piece = _whole(lines, j)
        if _is_prose(piece.text):
            if current is not None and reasons and width - reasons <= len(current) < width:
                current.append(piece)  # the 原因 cell (or the form's printed instructions in it)
                current_lines.append(j)
                continue
            break
        value = _is_valueish(piece.text) or (len(_key(piece.text)) <= 2 and not row_label(piece.text))
        if current is not None and value and len(current) < width:
            current.append(piece)
            current_lines.append(j)
            continue
        if current is not None and len(current) > 1:
            rows.append(_align(current, kinds) if len(current) < width else current)
            used.extend(current_lines)
        elif current is not None:
            break  # a label without values: the table ended before it
        if value:
            break  # a value without a label
        current, current_lines = [piece], [j]
    if current is not None and len(current) > 1:
        rows.append(_align(current, kinds) if len(current) < width else current)
        used.extend(current_lines)
    return rows, used


def _indicator_rows(lines: list[SourceLine], body: list[int], kinds: list[str]
                    ) -> tuple[Sequence[Sequence[_Piece | None]], list[int]]:
    """Rows of an indicator table: each row's 分值 and 得分 are consecutive number lines; the lines before
    them fill the columns before 分值 right to left, the lines after them (up to the columns left) are
    the row's last cells, e.g. 偏差原因."""
    width = len(kinds)
    first_num = kinds.index("num")
    nums = 1
    while first_num + nums < width and kinds[first_num + nums] == "num":
        nums += 1
    before, after = first_num, width - first_num - nums
    pieces = [_whole(lines, j) for j in body]
    # anchors: the last `nums` lines of each run of number lines
    anchors: list[int] = []
    k = 0
    while k < len(pieces):
        m = k
        while m < len(pieces) and _is_number(pieces[m].text):
            m += 1
        if m - k >= nums:
            anchors.append(m - nums)
        k = max(m, k + 1)
    rows: list[list[_Piece | None]] = []
    used: list[int] = []
    start = 0
    for a_index, anchor in enumerate(anchors):
        pre = pieces[start:anchor]
        label = pre[0] if pre and row_label(pre[0].text) else None
        nxt = anchors[a_index + 1] if a_index + 1 < len(anchors) else None
        tail = _tail(pieces, anchor + nums, nxt, kinds, before, after)
        if label is not None and nxt is None:  # after 总分's figures only a grade (自评等级：优) or a dash
            tail = 0
            while tail < after and anchor + nums + tail < len(pieces) and _GRADE.search(pieces[anchor + nums + tail].text):
                tail += 1
        figures = pieces[anchor:anchor + nums + tail]
        if label is not None:  # 总分 / 合计: its label first, its figures under 分值 / 得分
            rest = pre[1:][-max(first_num - 1, 0):] if first_num > 1 else []
            row = [label, *([None] * (first_num - 1 - len(rest))), *rest, *figures]
            rows.append(row + [None] * (width - len(row)))
            used.extend(p.line for p in pieces[start:anchor + nums + tail])
            start = anchor + nums + tail
            continue
        while len(pre) > before:  # more lines than columns: a cell wrapped onto two lines
            pre = _unwrap(pre, kinds[:before])
        row = [*([None] * (before - len(pre))), *pre, *figures]
        row += [None] * (width - len(row))
        rows.append(row)
        used.extend(p.line for p in pieces[start:anchor + nums + tail])
        start = anchor + nums + tail
    return rows, used


def _unwrap(pre: list[_Piece], kinds: list[str]) -> list[_Piece]:
    """One line fewer: the two neighbouring text lines whose joining lets the cells fit their columns best
    (right-aligned before 分值)."""
    best, best_row = None, None
    for m in range(len(pre) - 1):
        a, b = pre[m], pre[m + 1]
        if _is_valueish(a.text) or _is_valueish(b.text):
            continue
        glue = " " if a.text[-1:].isascii() and a.text[-1:].isalnum() and b.text[:1].isascii() and b.text[:1].isalnum() else ""
        joined = _Piece(a.text + glue + b.text, a.line, a.start, b.end, b.last if b.last is not None else b.line)
        row = [*pre[:m], joined, *pre[m + 2:]]
        placed = row[-len(kinds):] if len(row) > len(kinds) else row
        score = _score(placed, kinds, len(kinds) - len(placed))
        if best is None or score > best:
            best, best_row = score, row
    return best_row if best_row is not None else pre[1:]


def _tail(pieces: list[_Piece], k: int, next_anchor: int | None, kinds: list[str], before: int, after: int) -> int:
    """How many lines from k are the last cells of the current row (0..after): the rest, up to the next
    row's 分值, must be that row's first cells (at most `before`, at least one)."""
    if after <= 0:
        return 0
    if next_anchor is None:  # the last row: its tail is what looks like a reason, up to `after` lines
        count = 0
        while count < after and k + count < len(pieces):
            text = pieces[k + count].text
            key = _key(text)
            if row_label(text) or header_word(text) or key in _FIRST or key in _SECOND or _FOOTER.match(key):
                break
            count += 1
        return count
    gap = next_anchor - k
    levels = [m for m in range(before) if kinds[m] in ("l1", "l2", "l3")]
    least = before - levels[-1] if levels else 1  # the fewest cells a row has before 分值 (三级指标 on)
    label = next((m for m in range(k, next_anchor) if row_label(pieces[m].text)), None)
    if label is not None:  # the next row is 总分 / 合计: what stands before its label ends this row
        return min(label - k, after)
    prefer_tail = gap > 0 and _is_placeholder(pieces[k].text)
    best, best_s = None, 0
    for s in range(0, min(after, gap) + 1):
        rest = gap - s
        if rest > before or (rest < least and gap > 0):
            continue
        score = 0
        for m in range(s):
            score += _fit(pieces[k + m].text, "reason")
        for m in range(rest):  # the next row's first cells, right-aligned before its 分值
            score += _fit(pieces[k + s + m].text, kinds[before - rest + m])
        if best is None or score > best or (score == best and prefer_tail):
            best, best_s = score, s
    return best_s if best is not None else min(after, gap)


# -- key / value lines -------------------------------------------------------------------------------------
def _key_value_table(lines: list[SourceLine], i: int) -> _Found | None:
    """项目名称 / 乡村道路养护 / 主管部门 / 县交通运输局 ... one per line: rows of a label and its value."""
    rows: list[list[_Piece]] = []
    consumed: list[int] = []
    j, n = i, len(lines)
    while j + 1 < n:
        key_text, value_text = lines[j].text.strip(), lines[j + 1].text.strip()
        if not key_text or not value_text or not row_label(key_text) or row_label(value_text) \
                or header_word(value_text) or _is_prose(value_text):
            break
        rows.append([_whole(lines, j), _whole(lines, j + 1)])
        consumed.extend((j, j + 1))
        j += 2
    if len(rows) < 2 and not (rows and row_label(rows[0][0].text) in _NAME_LABELS):
        return None  # one pair is a table only when it names the form's subject (部门（单位）名称 / 禾溪县档案馆)
    return _Found(rows, consumed, j)


_NAME_LABELS = ("项目名称", "部门名称", "单位名称")
