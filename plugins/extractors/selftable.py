"""From tables to the report model: the 项目支出绩效自评表 and 部门整体支出绩效自评表.

Tables are recognised by their header words, never by position: the national template (财预〔2020〕10号
附件: 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分; 一级 / 二级 / 三级指标, 年度指标值, 实际完成值,
分值, 得分, 偏差原因分析及改进措施; 总分) and provincial variants (调整后预算数, 预算执行数, 权重, 原因; 指标性质 /
指标值 / 度量单位 / 完成值 / 未完成原因分析; 合计; 调整后指标值; 自评等级, 评价等级).

Every value read keeps the cell it came from: provenance gets the reader's place (line, page, sheet, cell)
plus the table number, the row and column within the table, and a label a reviewer can search for
(项目“乡村道路养护工程” · 养护里程 · 得分). A figure in a column whose header was not recognised is not read;
a table with no recognised header is named in one `extraction` info finding, never guessed at.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeAlias

from jixiao.kit import Finding, Location, decimals_of, face_matches, lookup, picture_where, where as where_text

from .figures import GARBLED
from .lazyre import guarded, lazy
from .normalize import SourceLine, compact
from .outline import clean_title, other_document
from .tables import OTHER_PERIOD, WHOLE_PERIOD, Cell, Table
from .tablesums import TableSum, of_which_readings, pick_reading, row_column, table_sums
from .values import DATE_SPAN, DATE_RE, GRADE_KEYS, as_stated, date_from_match, parse_number, to_wan


def target_fields(indicator: dict[str, Any]) -> dict[str, Any]:
    """The target's direction, number and unit (target_op, target_value, target_unit) read from the 年度指标值
    as the rule kinds read it (with the 指标性质 and 度量单位 columns where the form has them); nothing where
    the text is not a target the kinds understand."""
    from jixiao.plugins.kinds.targets import parse_target

    level2 = indicator.get("level2")
    bare = "<=" if isinstance(level2, str) and "成本" in level2 else ">="
    target = parse_target(indicator.get("target"), nature=indicator.get("nature"), unit=indicator.get("unit"), bare=bare)
    out: dict[str, Any] = {}
    if target is None:
        return out
    out["target_op"] = target.op
    if target.value is not None:
        out["target_value"] = target.value
    if target.unit:
        out["target_unit"] = _unit_as_written(target.unit, indicator.get("target"), indicator.get("unit"))
    return out


def _unit_as_written(unit: str, *cells: Any) -> str:
    """The unit as the cell writes it: 台（套）, not NFKC's 台(套); μg/m³, not μg/m3."""
    written = [cell for cell in cells if isinstance(cell, str)]
    if not unit or any(unit in cell for cell in written):
        return unit
    if "(" in unit:
        full = unit.replace("(", "（").replace(")", "）")
        if any(full in cell for cell in written):
            return full
    for cell in written:  # (the piece of the cell that NFKC makes the unit: as long as the unit or a little longer)
        for i in range(len(cell)):
            for j in range(i + len(unit), min(len(cell), i + 2 * len(unit)) + 1):
                if unicodedata.normalize("NFKC", cell[i:j]) == unit:
                    return cell[i:j]
    return unit


# a form's name written in its label's cell: 部门名称：信丰县水利局, 项目名称：…
# a target and its actual written in one cell: 目标：≥95%；完成：97.2%
_TARGET_AND_ACTUAL = guarded(r"^\s*(?:年度)?(?:指标值|目标值|目标|计划值|计划)\s*[:：]\s*(?P<target>[^；;]+?)\s*[；;，,]\s*"
                             r"(?:实际)?(?:完成值|完成情况|完成|实际值)\s*[:：]\s*(?P<actual>\S.*?)\s*$")


MESSAGES = {
    "summary_conflict": {
        "zh": "项目“{project}”的{what}：{summary}为 {second}，该项目自评表（{form}）为 {first}",
        "en": "project “{project}”, {what}: {second} in the summary ({summary}), {first} on its own form ({form})",
    },
    "other_departments": {
        "zh": "本文件有 {count} 个部门的部门整体支出绩效自评表，只核对了第一个“{first}”的，其余（{others}）未核对；请分部门提交或分开核对",
        "en": "This file holds the department forms of {count} departments; only the first, '{first}', was checked, not "
              "the others ({others}): please submit or check them one by one",
    },
    "pages_unread": {
        "zh": "{subject}之后的第 {pages} 页未能读取，表中的绩效指标行可能不全；依赖全部指标行的核对（总分、分值之和、一级指标分值）已跳过，请人工核对",
        "en": "{subject}: page(s) {pages} after it could not be read, so its indicator rows may be incomplete; the checks "
              "that need every row (the total, the sum of the weights, the first-level weights) were skipped: please check by hand",
    },
    "rows_unfinished": {
        "zh": "{subject}的绩效指标行可能未全部读出：未读到总分行，读到的分值之和 {weights} 不足 100；"
              "依赖全部指标行的核对（总分、分值之和、一级指标分值）已跳过，请人工核对",
        "en": "{subject}: some indicator rows may not have been read: no total row was read, and the weights read add up to "
              "{weights}, less than 100; the checks that need every row (the total, the weights' sum, the first-level "
              "weights) were skipped: check them by hand",
    },
    "scores_blank": {
        "zh": "{subject}有 {count} 个指标的得分栏为空（{rows}），其得分不得而知；总分是否等于各项得分之和未核对，请人工核对",
        "en": "{subject}: the score of {count} indicator(s) is left blank ({rows}), so it is not known; whether the total "
              "equals the scores' sum was not checked: check it by hand",
    },
    "rows_short": {
        "zh": "{subject}的绩效指标行可能未全部读出：读到的分值之和 {weights} 小于总分行的 {weight_total}，得分之和 {scores} 也小于 {total_score}；"
              "依赖全部指标行的核对（总分、分值之和、一级指标分值）已跳过，请人工核对",
        "en": "{subject}: some indicator rows may not have been read: the weights read add up to {weights}, less than the total "
              "row's {weight_total}, and the scores to {scores}, less than {total_score}; the checks that need every row (the "
              "total score, the weights' sum, the first-level weights) were skipped: please check by hand",
    },
    "indicators_not_read": {
        "zh": "{subject}写有绩效指标，但指标行的版式未能识别，未读取；依赖指标的核对（各项得分、分值之和、一级指标分值、偏差原因）已跳过，请人工核对",
        "en": "{subject} lists performance indicators, but their rows are laid out in a way jixiao does not read, so they were "
              "not read; the checks that need them (each score, the weights' sum, the first-level weights, the reasons for "
              "deviations) were skipped: please check them by hand",
    },
    "unrecognised": {
        "zh": "以下表格未能识别为自评表，其中的数据未读取：{tables}",
        "en": "These tables were not recognised as self-evaluation tables and were not read: {tables}",
    },
    "unknown_columns": {
        "zh": "{where}的表头“{headers}”未能识别，这些列的数据未读取",
        "en": "{where}: the column headers {headers} were not recognised; those columns were not read",
    },
    "garbled_cells": {
        "zh": "以下自评表单元格经文字识别后数字残缺或错乱（如百分号跑到数字前面），无法识别，未读取，也不据以判断对错：{cells}；请对照原件核对",
        "en": "these 自评表 cells were garbled by text recognition (a percent sign before the digits, a letter among them), so they were not read and nothing is judged on them: {cells}; please check them against the original",
    },
    "truncated": {
        "zh": "{where}在行中途结束（文件可能不完整），最后一行未读取",
        "en": "{where} ends in the middle of a row (the file may be cut off); its last row was not read",
    },
    "table_where": {"zh": "表 {number}", "en": "table {number}"},
    "table_page": {"zh": "第 {page} 页表 {number}", "en": "table {number} (page {page})"},
    "table_sheet": {"zh": "工作表“{sheet}”", "en": "sheet '{sheet}'"},
    "table_in_picture": {"zh": "{picture}中的表格", "en": "the table in {picture}"},
}

# -- vocabulary -------------------------------------------------------------------------------------
_Columns: TypeAlias = tuple[tuple[str, tuple[str, ...]], ...]  # (field, the header words that name it)
_AMOUNT_COLUMNS: _Columns = (
    ("initial_budget", ("年初预算数", "年初预算", "年初批复预算", "年初预算安排")),
    ("adjusted_budget", ("全年预算数", "调整后预算数", "调整后预算", "全年预算", "调整预算数", "预算调整数", "全年预算安排",
                         "预算安排数", "年度预算数")),  # (older forms with one budget column)
    ("executed", ("全年执行数", "预算执行数", "全年实际执行数", "实际执行数", "执行数", "实际支出数", "全年支出数", "决算数", "实际支出", "全年实际支出")),
    ("rate_weight", ("分值", "权重")),
    ("execution_rate", ("预算执行率", "执行率", "预算完成率")),
    ("rate_score", ("得分", "评分", "自评分")),
    ("rate_deduction", ("扣分", "扣分值", "扣减分值")),  # (a form scored by deduction: 得分 = 分值 − 扣分)
    ("rate_deviation_reason", ("偏差原因", "原因", "未完成原因", "说明", "扣分原因", "扣分理由", "扣分说明")),
)
_INDICATOR_COLUMNS: _Columns = (
    ("level1", ("一级指标",)),
    ("level2", ("二级指标",)),
    ("level3", ("三级指标", "指标名称")),
    ("nature", ("指标性质", "指标方向")),
    # (a system export's own column for the comparison: 运算符号 ≥ beside 指标性质 定量 and 指标方向 正向)
    ("operator", ("运算符号", "运算符", "比较符号", "比较运算符")),
    # (指标方向 is read as nature; beside a 指标性质 column it is read as "direction", see _map)
    ("adjusted_target", ("调整后指标值", "调整后年度指标值")),
    ("target", ("年度指标值", "年度目标值", "指标值", "目标值", "预期指标值", "计划值", "年度计划值")),
    ("unit", ("度量单位", "计量单位", "单位")),
    ("actual", ("实际完成值", "全年实际值", "实际完成情况", "完成值", "实际值")),
    ("weight", ("分值", "权重")),
    ("score", ("得分", "评分", "自评分")),
    ("deduction", ("扣分", "扣分值", "扣减分值")),  # (a form scored by deduction: 得分 = 分值 − 扣分)
    ("scoring_rule", ("评分标准", "评分说明", "计分方法", "评分办法", "评分细则", "评分依据")),  # (how the row is scored)
    ("deviation_reason", ("偏差原因分析及改进措施", "偏差原因", "未完成原因分析", "未完成原因", "原因分析", "原因",
                          "扣分原因", "扣分理由", "扣分说明")),
)
# what a 扣分 cell says for no deduction
_NO_DEDUCTION = frozenset({"0", "—", "-", "－", "/", "不扣分", "未扣分", "无"})


def _figure(clean: str, deduction: bool = False) -> Decimal | None:
    """A cell's figure; in a 扣分 column, a mark for no deduction (—, 不扣分) is 0."""
    number = cell_number(clean)
    return Decimal(0) if number is None and deduction and _norm(clean) in _NO_DEDUCTION else number
_TOTAL_ROW = guarded(r"^(?:年度资金总额|资金总额|总额|合计|总计)")
_FUNDS_TOTAL = guarded(r"^(?:年度资金总额|资金总额|总额)")  # (not 合计: a breakdown's rows end in one too)
_PART_PREFIX = guarded(r"^(?:其中[:：]?)")
_PROJECT_NAME = ("项目名称", "转移支付（项目）名称", "转移支付名称", "专项资金名称", "项目（资金）名称", "专项资金（项目）名称",
                 "资金（项目）名称")  # (compared after NFKC)
# a header with one of these columns lists projects, a row each (序号 · 项目名称 · 全年预算 · 实际支出 · 执行率): not
# a 自评表's funding block, whose rows are its own funds (年度资金总额, 其中：当年财政拨款…)
_LIST_COLUMNS = frozenset({"序号", "项目名称", "项目名", "单位名称"})  # (not 项目 alone: 项目 | 年初预算 … over 基本支出, 项目支出)
_DEPARTMENT_NAME = ("部门（单位）名称", "部门(单位)名称", "部门名称", "单位名称", "预算部门", "部门（单位）")
# a name written in its label's own cell (部门名称：信丰县水利局): the labels that name a form's subject outright
_INLINE_NAME = guarded(r"^(?:" + "|".join(re.escape(label) for label in ("项目名称", *_DEPARTMENT_NAME[:4]))
                       + r")\s*[:：]\s*(?P<name>\S.{1,60})$")
# (a transfer payment's form: 中央主管部门 | 农业农村部 | 地方主管部门 | 某县农业农村局, then 资金使用单位)
_SUPERVISOR = ("主管部门", "主管单位", "地方主管部门")
_IMPLEMENTER = ("实施单位", "项目实施单位", "实施单位（盖章）", "实施单位(盖章)", "资金使用单位")
_GOAL = ("年度总体目标", "总体目标", "年度目标", "项目年度目标")
_GOAL_PLANNED = ("预期目标", "年度目标", "项目年度目标", "年初设定目标", "设定目标", "年度绩效目标")
_GOAL_ACTUAL = ("实际完成情况", "年度目标完成情况", "年度总体目标完成情况", "总体目标完成情况", "目标完成情况", "完成情况")
_SCORE_TOTAL = ("总分", "合计", "总计", "自评总分", "综合得分", "分值合计", "得分合计", "扣分合计")
_CRITERIA = guarded(r"标准|依据|方法|细则|要点|办法")
_GRADE = ("自评等级", "评价等级", "自评结果", "等级", "评价结果", "绩效等级", "评价结论", "单位自评等级")
# a reviewer's column or row beside the department's own (复核得分, 主管部门复核得分, 复核核实值, 核实完成值, 复核意见, 复核等级,
# 财政抽查复核意见): the review's figures, not the self-evaluation's; never read as the form's
_REVIEW = guarded(r"^(?:(?:主管部门|财政|业务主管部门|主管单位)?(?:抽查)?复核|核实|抽查|审核)")
# a column of another period a monitored project's form sets beside this year's (上年实际完成值, 1—6月完成值, 1—9月执行数,
# 上半年执行进度, 2024年完成值); not 年中调整后指标值, the year's own target as adjusted
_OTHER_PERIOD = guarded(rf"(?:{OTHER_PERIOD}|前一年|第?[一二三四1-4]季度|截[至止]\d{{1,2}}月|\d{{1,2}}月(?:底|末|份)|年中(?!调整)"
                        r"|(?:19|20)\d{2}年(?!度)(?=.*(?:完成|实际|得分)))")
_SCORING_RULE = guarded(r"评分标准|评分说明|计分方法|评分办法|评分细则|评分依据")  # (a 评分表's column: how each row is scored)
_RATE_ROW = guarded(r"(?:项目)?(?:预算|资金|预算资金)?执行率?(?:情况)?")  # (一级 预算执行, 三级 项目预算执行率)
_LEVEL1_WEIGHT = guarded(r"[（(]\s*\d+(?:\.\d+)?\s*分?\s*[)）]$")
_YEAR = lazy(r"(?<!\d)(20\d{2}|19\d{2})\s*年度?")
_EMPTY_MARKS = {"", "—", "-", "–", "/", "／", "－", "——", "无", "\\", "×"}
_WAN = guarded(r"[（(]\s*(万元|元|千元|亿元)\s*[)）]")
_UNIT_LINE = guarded(r"单位\s*[:：]\s*(万元|元|千元|亿元)(?![\u4e00-\u9fff])")  # (金额单位：元; 单位：万元、人: the money's)


_norm = compact


@lru_cache(maxsize=4096)
def _word(word: str) -> str:
    """A label or header word of this module's lists as cells are compared with it (`compact`), worked out once:
    header cells are compared with every word of every column, hundreds of thousands of times in a long file."""
    return _norm(word)


@lru_cache(maxsize=1024)
def _words(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_word(w) for w in words)


def _starts(clean: str, words: tuple[str, ...]) -> bool:
    return _norm(clean).startswith(_words(words))


def _goal_label(clean: str) -> bool:
    """A cell labelling the year's goal (年度总体目标, 年度目标：…), not a sentence that opens on those words (a deduction's
    reason: 年度目标按2024年秋季学生数测算，…)."""
    text = _norm(clean)
    word = next((w for w in _words(_GOAL) if text.startswith(w)), None)
    return word is not None and (len(text) <= len(word) + 8 or text[len(word)] in "：:（(")


_YEAR_PREFIX = guarded(r"^((?:19|20)\d{2})年(?!度)")


# a column of a multi-year project's whole period or of all the years so far (项目总预算, 以前年度累计执行数, 累计执行数,
# 累计执行率, 总体指标值, 累计完成值) beside the year's own
_WHOLE_PERIOD = guarded(rf"^{WHOLE_PERIOD}")


def _this_years_columns(cells: list[tuple[int, Cell, str | None, bool]]) -> list[tuple[int, Cell, str | None, bool]]:
    """A header row's cells without the field a whole-period or cumulative column names (累计执行数, 总体指标值) where a
    column of the year names it too (全年执行数, 年度指标值): a multi-year project's form sets them side by side."""
    scoped = [(col, cell, name, weak) for col, cell, name, weak in cells if name and _WHOLE_PERIOD.match(_norm(cell.clean))]
    if not scoped:
        return cells
    own = {name for col, cell, name, _ in cells if name and not _WHOLE_PERIOD.match(_norm(cell.clean))}
    return [(col, cell, None if name in own and _WHOLE_PERIOD.match(_norm(cell.clean)) else name, weak)
            for col, cell, name, weak in cells]


def _own_year_columns(cells: list[tuple[int, Cell, str | None, bool]], columns: _Columns
                      ) -> list[tuple[int, Cell, str | None, bool]]:
    """A header row's cells with the year's own column named where the form writes the year in it (2024年实际完成值 ·
    2025年指标值 · 2025年实际完成值): the latest year's, for a field no column without a year names."""
    years = {int(m.group(1)) for _, cell, _, _ in cells if (m := _YEAR_PREFIX.match(_norm(cell.clean)))}
    if not years:
        return cells
    latest = str(max(years)) + "年"
    named = {name for _, cell, name, _ in cells if name is not None and not _YEAR_PREFIX.match(_norm(cell.clean))}
    out = []
    for col, cell, name, weak in cells:
        if name is None and _norm(cell.clean).startswith(latest):
            own = _header_field(_norm(cell.clean)[len(latest):], columns)
            if own is not None and own not in named:
                name = own
        out.append((col, cell, name, weak))
    return out


@lru_cache(maxsize=8192)
def _header_field(clean: str, columns: _Columns) -> str | None:
    """The field a header cell names (the longest matching word wins: 调整后指标值 before 指标值). Asked of every
    cell of every row that might be a header, the same few hundred texts again and again: worked out once each."""
    best, best_len = None, 0
    text = _WAN.sub("", _norm(clean))
    text = re.sub(r"[（(][^）)]*[)）]", "", text) or text
    if _CRITERIA.search(text):  # (评分标准, 计分方法: the scoring rule's text, not a score)
        return "scoring_rule" if any(name == "scoring_rule" for name, _ in columns) and _SCORING_RULE.fullmatch(text) else None
    if _OTHER_PERIOD.match(text):
        return None  # (上年实际完成值, 1—6月执行数, 2024年完成值: another period's, beside this year's)
    if _REVIEW.match(text):
        return None  # (复核得分, 核实完成值: the review's, beside the department's own)
    for name, words in columns:
        for w in _words(words):
            if (text == w or text.startswith(w) or text.endswith(w)) and len(w) > best_len:
                best, best_len = name, len(w)
    return best


_WEAK_HEADERS = ("预算安排数", "年度预算数", "调整预算数", "预算调整数")  # (调整预算数 beside 全年预算数: the adjustment)


def _weak_header(clean: str) -> bool:
    text = _WAN.sub("", _norm(clean))
    return any(text.startswith(w) for w in _WEAK_HEADERS)


def _exact_field(clean: str, columns: _Columns) -> str | None:
    """The field a header names word for word (全年执行数; 上半年执行数 names none)."""
    text = _WAN.sub("", _norm(clean))
    return next((name for name, words in columns for word in _words(words) if word == text), None)


@dataclass
class _Form:
    """One 自评表 being read: a project's or the department's."""

    subject: str  # "project" | "department"
    table: Table
    first_row: int
    title: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    places: dict[str, tuple[Table, int, int, Cell, str]] = field(default_factory=dict)  # relative pointer → place
    indicators: list[dict[str, Any]] = field(default_factory=list)
    indicator_header: dict[int, str] | None = None  # the columns of the indicator rows last read
    goal_rows: set[tuple[int, int]] = field(default_factory=set)  # (table id, row) of goal texts already read
    indicator_places: list[dict[str, tuple[Table, int, int, Cell, str]]] = field(default_factory=list)
    # 加分项 / 减分项 rows: each one's signed points (data["score_adjustments"]) and its cell
    adjustment_places: list[tuple[Table, int, int, Cell, str]] = field(default_factory=list)
    adjusting: tuple[int, int, str] | None = None  # (table id, row, label) of the last 加分项 / 减分项 row read
    fund_rows: list[dict[str, Any]] = field(default_factory=list)
    fund_places: list[dict[str, tuple[Table, int, int, Cell, str]]] = field(default_factory=list)
    # the rows of a second grouping of the same funds (按支出性质分 after 按收入性质分): (group, rows, places)
    other_groups: list[tuple[str, list[dict[str, Any]], list[dict[str, Any]]]] = field(default_factory=list)
    # a 一级指标's 小计 row among the indicators (产出指标小计 · 50 · 48.60): its label, its values and their cells, and the
    # indicators it sums (from the row after the last 小计)
    subtotals: list[tuple[str, dict[str, Any], dict[str, Any], range, Table, int]] = field(default_factory=list)
    blank: set[str] = field(default_factory=set)  # fields the form has a cell for, left empty

    @property
    def name(self) -> str:
        name: str = self.data.get("name", "")
        return name


@dataclass
class TableRead:
    """What the mapping read from a document's tables."""

    projects: list[dict[str, Any]] = field(default_factory=list)
    department_table: dict[str, Any] | None = None
    provenance: dict[str, dict[str, Any]] = field(default_factory=dict)
    consumed: set[int] = field(default_factory=set)  # numbers of the tables read as 自评表
    grids: frozenset[int] = frozenset()  # numbers of the other tables of three columns or more
    # figures the forms have no place for (an indicator table without a 偏差原因 column): /projects/0/indicators/*/…
    not_asked: list[str] = field(default_factory=list)
    notes: list[Any] = field(default_factory=list)  # the forms' own notes (附注 under a form: SourceLine), set by the caller
    captions: list[Any] = field(default_factory=list)  # every table's caption lines (a workbook sheet's 注), set by the caller
    # figures a form has a cell for and left empty, or with only its printed instructions: /projects/0/rate_deviation_reason
    blank: list[str] = field(default_factory=list)
    fiscal_year: int | None = None
    report_date: tuple[str, dict[str, Any]] | None = None  # the form's 填报日期 and where, where a 自评表 states one
    findings: list[Finding] = field(default_factory=list)
    sums: list[Any] = field(default_factory=list)  # tablesums.TableSum: the other tables' 合计 rows
    unread: list[str] = field(default_factory=list)  # a form's indicator rows some of which were not read
    title: tuple[str, dict[str, Any]] | None = None  # the first form's own title row (…绩效自评表) and where
    # the first table of another document (a 绩效目标申报表): what it is, its title and where that is
    other: tuple[str, str, dict[str, Any], tuple[str, dict[str, Any]] | None] | None = None  # (…, the department and where)
    # where no 自评表 is found: the projects a summary of their results lists (名称, 自评得分, 自评等级 a row each), each
    # row's score and grade, and where they stand (/projects/N/…)
    summary: list[dict[str, Any]] = field(default_factory=list)
    summary_provenance: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def found(self) -> bool:
        return bool(self.projects or self.department_table)


class _Reader:
    def __init__(self, tables: list[Table], lang: str):
        self.tables = tables
        self.lang = lang
        self.forms: list[_Form] = []
        self.unrecognised: list[Table] = []
        self.unknown: list[tuple[Table, list[str]]] = []
        self.truncated: list[Table] = []
        self.garbled: list[tuple[Table, int, int, Cell]] = []  # OCR'd cells whose figure is garbled: not read
        self.other: list[tuple[Table, str, str]] = []  # tables of another document: (table, what it is, its title)
        self.year: int | None = None

    # -- segmentation ----------------------------------------------------------------------------
    def read(self) -> None:
        current: _Form | None = None
        section: _Section | None = None
        for table in self.tables:
            title = self._title(table)
            other = other_document(title) if title else None
            if other is not None:  # a 绩效目标申报表 (the next year's targets, attached or alone): no 自评表
                self.other.append((table, other, title))
                self.unrecognised.append(table)
                current = section = None
                continue
            starts = [r for r in range(len(table.rows)) if self._starts_form(table, r)]
            if not starts and current is not None and self._continues(table, section):
                self._around(current, table)
                section = self._rows(current, table, 0, len(table.rows), self._realigned(table, section))
                self._grade_after(current, table)
                continue
            if not starts:
                if self._scoring_table(table):
                    self.unrecognised.append(table)  # a 评分表 (决策 · 过程 · 产出 · 效益, 分值 · 得分): no 自评表
                    continue
                if self._looks_like_form(table):  # a 自评表 without a name row (a bare indicator table)
                    current = _Form(self._subject(title, table, 0), table, 0, title)
                    self.forms.append(current)
                    self._around(current, table)
                    section = self._rows(current, table, 0, len(table.rows), None)
                    self._grade_after(current, table)
                else:
                    self.unrecognised.append(table)
                continue
            if starts[0] > 0 and current is not None and self._continues(table, section):
                section = self._rows(current, table, 0, starts[0], self._realigned(table, section))
            for k, start in enumerate(starts):
                end = starts[k + 1] if k + 1 < len(starts) else len(table.rows)
                if current is not None and section is not None and section.kind == "indicators" \
                        and self._repeats_name(current, table, start, end):
                    # the form's name row repeated at the top of the next page, its indicator rows going on below
                    section = self._rows(current, table, start + 1, end, section)
                    self._grade_after(current, table)
                    continue
                form_title = title if k == 0 else self._inner_title(table, start)
                current = _Form(self._subject(form_title, table, start), table, start, form_title)
                self.forms.append(current)
                section = self._rows(current, table, start, end, None)
                self._grade_after(current, table)
            if table.truncated:
                self.truncated.append(table)

    def _around(self, form: _Form, table: Table) -> None:
        """Label / value lines a text layer leaves just outside the table: the subject's name and the goals
        above it (部门（单位）名称 / 禾溪县档案馆; 预期目标 / 实际完成情况 / two texts), the grade below it."""
        lines = [ln for ln in table.before_lines if ln.table is None]
        texts = [_norm(ln.text) for ln in lines]
        for k, text in enumerate(texts[:-1]):
            if _starts(text, _PROJECT_NAME + _DEPARTMENT_NAME) and len(text) <= 12 and "name" not in form.data:
                self._line_value(form, "name", lines[k + 1], table, "项目名称" if form.subject == "project" else "部门名称")
                lines[k].table = table.index
        for line in lines:  # (**项目名称**：拉乌乡…项目 / **主管部门**：…　　**实施单位**：… / **年度总体目标**：…: label and value on a line)
            for m in _SAME_LINE.finditer(line.text):
                key = _SAME_LINE_FIELDS[m.group("label")]
                if key not in form.data and m.group("v").strip():
                    self._span_value(form, key, line, m.start("v"), m.end("v"), table, m.group("label"))
        if "实际完成情况" in texts and texts.index("实际完成情况") + 2 < len(texts) + 1:
            k = texts.index("实际完成情况")
            rest = lines[k + 1:]
            if len(rest) == 2 and "goal" not in form.data:
                self._line_value(form, "goal", rest[0], table, "年度总体目标 · 预期目标")
                self._line_value(form, "goal_achieved", rest[1], table, "年度总体目标 · 实际完成情况")
                lines[k].table = table.index

    def _grade_after(self, form: _Form, table: Table) -> None:
        if "grade" in form.data or not table.rows:
            return
        last = [c.clean for _, c in table.distinct(len(table.rows) - 1) if c.clean]
        after = [ln for ln in table.after_lines if ln.table is None]
        if last and _starts(last[-1], _GRADE) and after and cell_grade(after[0].text):
            self._line_value(form, "grade", after[0], table, "自评等级", value=cell_grade(after[0].text))
        elif last and after and self._is_total(table, len(table.rows) - 1) \
                and (grade := _labelled_grade(after[0].text.replace("*", "").strip())):
            self._line_value(form, "grade", after[0], table, "自评等级", value=grade)  # (总分 row, then 自评等级：优 under it)

    def _span_value(self, form: _Form, name: str, line: SourceLine, start: int, end: int, table: Table, label: str,
                    value: Any = None) -> None:
        """A value on a line outside the table (the line's text from `start` to `end`: a whole line under its label, or
        what follows the label on its line, **主管部门**：宾川县…), placed where it stands; `value` where it is read."""
        text = line.text[start:end].strip()
        start += len(line.text[start:end]) - len(line.text[start:end].lstrip())
        where = {"line": line.number, "column": start + 1, "end_line": line.number, "end_column": start + len(text) + 1,
                 "quote": text}
        if line.page is not None:
            where["page"] = line.page
        line.table = table.index
        self._put(form, name, value if value is not None else " ".join(text.split()), table, 0, 0,
                  Cell(text, where, origin=(-1, 0)), label)

    def _line_value(self, form: _Form, name: str, line: SourceLine, table: Table, label: str, value: Any = None) -> None:
        self._span_value(form, name, line, 0, len(line.text), table, label, value)

    def _title(self, table: Table) -> str:
        lines = list(table.before)
        for r in range(min(3, len(table.rows))):
            cells = table.distinct(r)
            if len(cells) == 1 or (len({c.clean for _, c in cells if c.clean}) == 1):
                lines.append(cells[0][1].clean)
        text = " ".join(lines)
        self._year_from(table, text)
        return text

    def _inner_title(self, table: Table, start: int) -> str:
        out = []
        for r in range(max(0, start - 3), start):
            out.append(" ".join(c.clean for _, c in table.distinct(r)))
        text = " ".join(out)
        self._year_from(table, text)
        return text

    def _year_from(self, table: Table, text: str) -> None:
        if self.year is not None:
            return
        m = _YEAR.search(_norm(text))
        if m and "自评" in text or m and "年度" in m.group(0):
            self.year = int(m.group(1))

    def _starts_form(self, table: Table, r: int) -> bool:
        cells = [c for _, c in table.distinct(r)]
        return any(_starts(c.clean, _PROJECT_NAME) or (_starts(c.clean, _DEPARTMENT_NAME) and len(c.clean) < 12)
                   for c in cells[:2])

    def _repeats_name(self, current: _Form, table: Table, start: int, end: int) -> bool:
        """Whether row `start` repeats the name of the form being read and the rows after it hold no header of a
        block of their own (no funds, no indicator header): the same form, over a page break."""
        name = current.data.get("name")
        cells = [c for _, c in table.distinct(start) if c.clean]
        if not isinstance(name, str) or len(cells) < 2 or not _starts(cells[0].clean, _PROJECT_NAME + _DEPARTMENT_NAME) \
                or _norm(cells[1].clean) != _norm(name):
            return False
        return not any(self._funds_header(table, r) or self._indicator_header(table, r) or self._starts_form(table, r)
                       for r in range(start + 1, min(end, start + 4)))

    def _subject(self, title: str, table: Table, start: int) -> str:
        first = [c.clean for _, c in table.distinct(start)][:2] if table.rows else []
        if any(_starts(c, _PROJECT_NAME) for c in first):
            return "project"
        titled = _norm(title)
        if any(_starts(c, _DEPARTMENT_NAME + ("部门资金", "部门整体", "单位资金")) for c in first) or "整体" in titled \
                or any(w in titled for w in _words(_DEPARTMENT_NAME[:4])):
            return "department"
        return "project"

    def _scoring_table(self, table: Table) -> bool:
        """A table that scores on an evaluation's indicator system (一级指标 决策 · 过程 · 产出 · 效益, or 履职效能 · 管理效率
        …; 分值 · 得分 · 评分说明) with no 指标值 and no 完成值 column: a 绩效评价评分表, not a 自评表."""
        for r in range(min(len(table.rows), 4)):
            header = self._indicator_header(table, r)
            if header is not None:
                fields = set(header.values())
                # (or with its 评分标准 beside what was achieved, 实际完成情况, and no target: each row scored by its rule)
                rule = any(_SCORING_RULE.fullmatch(cell.clean) for cell in table.rows[r])
                return bool(fields & {"weight", "score"}) and "target" not in fields and ("actual" not in fields or rule)
        return False

    def _looks_like_form(self, table: Table) -> bool:
        return any(self._indicator_header(table, r) or self._funds_header(table, r) for r in range(len(table.rows)))

    def _continues(self, table: Table, section: _Section | None) -> bool:
        """A table with no name row continues the form before it: when it holds a block that form has not
        got yet (a 自评表 laid out as text comes as several tables: the name rows, the funds, the indicators),
        or its first rows are that form's indicator rows or a repeat of its header (a table split over two
        pages)."""
        if not table.rows or not self.forms or self._scoring_table(table):
            return False
        current = self.forms[-1]
        for r in range(min(len(table.rows), 3)):
            if self._funds_header(table, r) and not self._indicator_header(table, r):
                return "initial_budget" not in current.data and "adjusted_budget" not in current.data \
                    and "executed" not in current.data
            header = self._indicator_header(table, r)
            if header:
                return not current.indicators or (section is not None and section.kind == "indicators"
                                                  and set(header.values()) == set(section.header.values()))
        if section is None:
            return False
        if section.kind == "funds" and not current.indicators and self._fund_rows_first(table, section):
            return True  # the funds block cut by a page break (上年结转资金 · 其他资金 on the next page, then the rest)
        if section.kind == "indicators" and len(table.rows) <= 2 and self._is_total(table, 0) \
                and all(self._is_total(table, r) or self._is_grade_row(table, r) for r in range(len(table.rows))):
            return True  # the form's 总分 row (and its 自评等级 row) alone over the page break, a narrower table
        return section.kind == "indicators" and table.width >= section.width - 1

    def _fund_rows_first(self, table: Table, section: _Section) -> bool:
        """Whether the table's first row with text is a fund row of a funds block (其中：上年结转资金 · — · —; 其他资金 …)
        whose figures stand where the block's header puts them (`_realigned`)."""
        first = next((r for r in range(len(table.rows)) if any(c.clean for c in table.rows[r])), None)
        if first is None:
            return False
        header = (self._realigned(table, section) or section).header
        label = self._row_label(table, first, header)[1]
        if label is None or not (_fund_label(label.clean) or _FUNDS_TOTAL.match(_norm(label.clean))):
            return False
        return self._fund_cells(table, first, header) >= 2

    def _realigned(self, table: Table, section: _Section | None) -> _Section | None:
        """The funds block's header for a table that goes on with it over a page break but has another number of
        columns (the next page's grid split by the indicator rows' columns, 9 against 8): the block's columns counted
        from the right, where their figures are, if they hold more figures there than where they were."""
        if section is None or section.kind != "funds" or table.width == section.width or not table.rows:
            return section
        shift = table.width - section.width
        moved = {col + shift: name for col, name in section.header.items() if col + shift >= 0}
        rows = [r for r in range(min(len(table.rows), 4)) if any(c.clean for c in table.rows[r])]
        if sum(self._fund_cells(table, r, moved) for r in rows) <= sum(self._fund_cells(table, r, section.header) for r in rows):
            return section
        return _Section("funds", moved, table.width, section.row, unit=section.unit, total_seen=section.total_seen,
                        block=section.block, group=section.group, groups=section.groups)

    def _fund_cells(self, table: Table, r: int, header: dict[int, str]) -> int:
        """How many of a row's cells under the funds header's amount and rate columns hold a figure or a dash."""
        cells = {id(table.rows[r][col]): table.rows[r][col] for col, name in header.items()
                 if col < len(table.rows[r]) and name != "rate_deviation_reason"}
        return sum(1 for cell in cells.values() if cell_number(cell.clean) is not None or cell.clean in _EMPTY_MARKS - {""})

    # -- headers ---------------------------------------------------------------------------------
    def _funds_header(self, table: Table, r: int) -> dict[int, str] | None:
        mapping = self._map(table, r, _AMOUNT_COLUMNS)
        fields = set(mapping.values())
        if len(fields & {"initial_budget", "adjusted_budget", "executed", "execution_rate"}) >= 2 \
                and not any(_norm(cell.clean) in _LIST_COLUMNS for _, cell in table.distinct(r)) \
                and not self._breakdown(table, r, mapping):
            return mapping
        return None

    def _breakdown(self, table: Table, r: int, header: dict[int, str]) -> bool:
        """Whether the rows under an amounts header break a total down by something else (支持方向, 市（州）,
        养护类型: 天然林保护修复 · 42,360.00 · …; 贵阳市 · 6,184.00 · …): two rows of figures or more and not one
        of them a fund of a 自评表's funding block (年度资金总额, 其中：当年财政拨款…, 基本支出)."""
        labelled = 0
        for k in range(r + 1, min(r + 13, len(table.rows))):
            if self._indicator_header(table, k):
                break
            _, label = self._row_label(table, k, header)
            if label is None or not label.clean:
                continue
            text = _norm(label.clean)
            if _fund_label(text) or _FUNDS_TOTAL.match(text):
                return False  # (其中 alone says nothing: a breakdown's rows nest too, 公路养护 · 其中：国道养护)
            if any(cell_number(table.rows[k][col].clean) is not None for col in header):
                labelled += 1
        return labelled >= 2

    def _indicator_header(self, table: Table, r: int) -> dict[int, str] | None:
        mapping = self._map(table, r, _INDICATOR_COLUMNS)
        fields = set(mapping.values())
        if "level3" in fields and ("level1" in fields or "level2" in fields) and fields & {"weight", "score", "target", "actual"}:
            return mapping
        return None

    def _map(self, table: Table, r: int, columns: _Columns) -> dict[int, str]:
        mapping: dict[int, str] = {}
        used: set[str] = set()
        # each cell's field, and whether it is named by a header word of the older forms' one budget column (年度预算数):
        # such a word names it only where no column of the row names that field outright (年度预算数（万元） over 年初预算
        # · 调整后预算数: a group's header)
        cells = [(col, cell, _header_field(cell.clean, columns) if cell.clean else None,
                  bool(cell.clean) and _weak_header(cell.clean)) for col, cell in table.distinct(r)]
        cells = _own_year_columns(cells, columns)
        cells = _this_years_columns(cells)
        strong = {name for _, _, name, weak in cells if name is not None and not weak}
        for col, cell, name, weak in cells:
            if weak and name in strong:
                continue
            if name is None and cell.clean and r > 0:
                # under a header over several columns (执行数 over 上半年 · 全年): the two words together (全年执行数)
                parent = table.rows[r - 1][col]
                above = table.rows[r - 1]
                if parent is not cell and parent.clean and any(0 <= k < len(above) and above[k] is parent for k in (col - 1, col + 1)):
                    name = _exact_field(cell.clean + parent.clean, columns) or _exact_field(parent.clean + cell.clean, columns)
            if name == "nature" and name in used and "方向" in cell.clean:
                name = "direction"  # (指标性质 定量 · 指标方向 正向: the second says the comparison)
            if name and name not in used:
                for k in range(col, col + _span_in_row(table, r, col)):
                    mapping[k] = name
                used.add(name)
        weights = [col for col, _, name, _ in cells if name == "weight"]
        names = [k for k, name in mapping.items() if name == "level3"]
        if len(weights) > 1 and names and weights[0] < names[0] and any(col > names[0] for col in weights):
            # (一级指标 · 分值 · 二级指标 · 三级指标 · 分值: the first is the 一级指标's, the indicator's own follows it)
            own = next(col for col in weights if col > names[0])
            mapping = {k: name for k, name in mapping.items() if name != "weight"}
            for k in range(own, own + _span_in_row(table, r, own)):
                mapping[k] = "weight"
        return mapping

    # -- rows ------------------------------------------------------------------------------------
    def _rows(self, form: _Form, table: Table, start: int, end: int, section: _Section | None) -> _Section | None:
        r = start
        while r < end:
            row = table.rows[r]
            cleans = [c.clean for c in row]
            if not any(cleans):
                r += 1
                continue
            if any(_norm(c) in _TASK_BLOCK for c in cleans):
                section = None  # (年度主要任务 · 任务名称 · 对应项目 · 全年预算数 …: the year's tasks and what they cost, no fund rows)
                r += 1
                continue
            header = self._funds_header(table, r)
            if header and not self._indicator_header(table, r):
                section = _Section("funds", header, table.width, r, unit=_unit(table, r), block=table.rows[r][0])
                self._note_unknown(table, r, header, _AMOUNT_COLUMNS)
                r += 1
                continue
            header = self._indicator_header(table, r)
            if header:
                repeated = section is not None and section.kind == "indicators" \
                    and set(section.header.values()) == set(header.values())
                # a header row repeated after a page break (perhaps without its 绩效指标 column) only restarts
                # the columns; a new header restarts the block
                section = _Section("indicators", header, table.width, r)
                if repeated:
                    r += 1
                    continue
                self._note_unknown(table, r, header, _INDICATOR_COLUMNS)
                r += 1
                continue
            if self._labels(form, table, r, section):
                # a label row (项目名称, 主管部门, 总分, 自评等级 ...) may end an indicators block
                if section is not None and section.kind == "indicators" and self._is_total(table, r):
                    section = None
                r += 1
                continue
            if self._goal(form, table, r, end):
                r += 1
                continue
            if section is not None and section.kind == "funds" and self._ends_funds(table, r, section):
                section = None
            if section is not None and section.kind == "funds":
                if self._fund_row(form, table, r, section):
                    r += 1
                    continue
            if section is not None and section.kind == "indicators":
                self._indicator_row(form, table, r, section)
            r += 1
        return section

    def _labels(self, form: _Form, table: Table, r: int, section: _Section | None) -> bool:
        cells = table.distinct(r)
        found = False
        for k, (col, cell) in enumerate(cells):
            clean = cell.clean
            if not clean:
                continue
            following = next(((c2, x) for c2, x in cells[k + 1:] if x.clean), None)
            inline = _INLINE_NAME.match(clean)
            if inline and "name" not in form.data and (_starts(clean, _PROJECT_NAME) or form.subject == "department"):
                # (部门名称：信丰县水利局 | 金额单位：万元: the name in the label's own cell, not the next cell's note)
                self._put(form, "name", inline.group("name").strip(), table, r, col, cell,
                          "项目名称" if _starts(clean, _PROJECT_NAME) else "部门名称")
                found = True
            elif _starts(clean, _PROJECT_NAME) and len(clean) <= 12:
                found |= self._text(form, "name", following, table, r, "项目名称")
            elif _starts(clean, _DEPARTMENT_NAME) and len(clean) <= 12 and form.subject == "department" and "资金" not in clean:
                found |= self._text(form, "name", following, table, r, "部门名称")
            elif _starts(clean, _SUPERVISOR) and len(clean) <= 8:
                found |= self._text(form, "supervisor", following, table, r, "主管部门")
            elif _starts(clean, _IMPLEMENTER) and len(clean) <= 10:
                found |= self._text(form, "implementer", following, table, r, "实施单位")
            elif _labelled_grade(clean) and "grade" not in form.data:
                self._put(form, "grade", _labelled_grade(clean), table, r, col, cell, "自评等级")  # (自评等级：优)
                found = True
            elif _starts(clean, _GRADE) and len(clean) <= 6:
                if following and cell_grade(following[1].clean):
                    self._put(form, "grade", cell_grade(following[1].clean), table, r, following[0], following[1], "自评等级")
                    found = True
            elif (section is None or section.kind == "indicators") and form.indicators and self._is_total_label(clean) and (k == 0 or not any(c.clean for _, c in cells[:k])
                                                    or all(_starts(c.clean, ("绩效指标",)) for _, c in cells[:k] if c.clean)):
                # (the columns of the indicator header in force: one repeated over a page break, perhaps without its
                # 绩效指标 column, restarts them, also where only the 总分 row follows it)
                header = section.header if section is not None and section.kind == "indicators" else form.indicator_header
                found |= self._totals(form, table, r, col, cells[k + 1:], header)
        return found

    def _is_total_label(self, clean: str) -> bool:
        clean = _norm(clean)
        return any(clean == w or clean.startswith((w + "(", w + "（")) for w in _words(_SCORE_TOTAL))

    def _is_total(self, table: Table, r: int) -> bool:
        return any(self._is_total_label(c.clean) for _, c in table.distinct(r))

    @staticmethod
    def _is_grade_row(table: Table, r: int) -> bool:
        """A row whose first cell with text is a grade's label (自评等级 | 优)."""
        first = next((c for _, c in table.distinct(r) if c.clean), None)
        return first is not None and _starts(first.clean, _GRADE) and len(first.clean) <= 6

    def _totals(self, form: _Form, table: Table, r: int, label_col: int, rest: list[tuple[int, Cell]],
                header: dict[int, str] | None) -> bool:
        """The 总分 / 合计 row of the indicator block: Σ分值 in the 分值 column, 总分 in the 得分 column.
        Where the row's columns follow the indicator header (`header`), it says which is which; otherwise two
        numbers in order are 分值 then 得分 (the order of every template), and one number alone is not read."""
        label = _norm(table.rows[r][label_col].clean)
        if label.startswith("扣分"):
            return True  # (扣分合计 | 1.32: what was deducted, no score)
        # a row pairing labels and figures (总分 | 99.07 | 扣分合计 | 0.93): what follows a 扣分 label is the deduction's
        cut = next((k for k, (_, cell) in enumerate(rest) if cell.clean and cell_number(cell.clean) is None
                    and "扣分" in cell.clean), None)
        rest = rest[:cut] if cut is not None else rest
        numbers = [(col, cell) for col, cell in rest if cell_number(cell.clean) is not None]
        if not numbers:
            return False
        placed = False
        # (two figures of which the header puts only one under 分值 or 得分: the row does not follow the header, as a web
        # copy's 总分 | 100 | 99.12 | 等级 | 优 fitted right under it; they are 分值 then 得分, in order)
        follows = header is not None and (len(numbers) != 2 or all(header.get(col) in ("weight", "score")
                                                                   for col, _ in numbers))
        if header and follows:
            for col, cell in numbers:
                name = header.get(col)
                if name == "weight" and label.startswith("分值"):
                    placed |= self._num(form, "weight_total", cell, table, r, col, "分值合计")
                elif name == "weight" and "weight_total" in form.data and form.places["weight_total"][1] != r:
                    # (分值合计 on a row of its own above: this row's figure under 分值 is the 总分)
                    placed |= self._num(form, "total_score", cell, table, r, col, "总分 · 得分")
                elif name == "weight":
                    placed |= self._num(form, "weight_total", cell, table, r, col, "总分 · 分值")
                elif name == "score":
                    placed |= self._num(form, "total_score", cell, table, r, col, "总分 · 得分")
        if not placed and len(numbers) == 2:
            (c1, x1), (c2, x2) = numbers
            self._num(form, "weight_total", x1, table, r, c1, "总分 · 分值")
            self._num(form, "total_score", x2, table, r, c2, "总分 · 得分")
            placed = True
        if not placed and len(numbers) == 1 and cut is not None and not label.startswith("分值"):
            placed = self._num(form, "total_score", numbers[0][1], table, r, numbers[0][0], "总分")  # (总分 | 99.07 | 扣分合计 …)
        if not placed and len(numbers) == 1 and header is None:
            return False
        # a grade in the same row, after the score, without a label of its own (总分 | 100 | 96.17 | 优); with
        # one (总分 | 100 | 96.17 | 自评等级 | 优) the label's own reading finds it
        after = next(((col, cell) for col, cell in rest if col > numbers[-1][0] and cell.clean), None)
        grade = cell_grade(after[1].clean) or _labelled_grade(after[1].clean) if after is not None else None
        if after is not None and grade and "grade" not in form.data:  # (… | 优, or … | 自评等级：优)
            self._put(form, "grade", grade, table, r, after[0], after[1], "总分 · 自评等级")
        return True

    def _goal(self, form: _Form, table: Table, r: int, end: int) -> bool:
        cells = [(c, x) for c, x in table.distinct(r) if x.clean]
        if not cells:
            return False
        labels = [x.clean for _, x in cells]
        has_goal = any(_goal_label(t) for t in labels)
        actual_col = next((c for c, x in cells if _starts(x.clean, _GOAL_ACTUAL) and len(x.clean) <= 10), None)
        planned_cols = [c for c, x in cells if _norm(x.clean) in map(_norm, _GOAL_PLANNED)]
        # the planned goal's header nearest before the achievement's (年度绩效目标 | 预期目标 | 实际完成情况: the row's
        # label is no column)
        planned_col = max((c for c in planned_cols if actual_col is None or c < actual_col), default=None)
        if planned_col is not None and actual_col is not None:
            # a header row: the next non-empty row holds the goal and its achievement
            for nr in range(r + 1, min(end, r + 3)):
                planned = table.cell(nr, planned_col)
                actual = table.cell(nr, actual_col)
                if planned is not None and actual is not None and (planned.clean or actual.clean) and planned is not actual:
                    if planned.clean:
                        self._put(form, "goal", planned.text.strip(), table, nr, planned_col, planned, "年度总体目标 · 预期目标")
                    if actual.clean:
                        self._put(form, "goal_achieved", actual.text.strip(), table, nr, actual_col, actual, "年度总体目标 · 实际完成情况")
                    form.goal_rows.add((id(table), nr))
                    return True
            return True
        if has_goal and len(cells) == 1:
            # a heading row across the form (年度总体目标), then a row each: 预期目标 | …, 实际完成情况 | …
            for nr in range(r + 1, min(end, r + 3)):
                row = [(c, x) for c, x in table.distinct(nr) if x.clean]
                if len(row) != 2:
                    break
                (_, label), (c, x) = row
                if _starts(x.clean, _GOAL_ACTUAL) and len(x.clean) <= 10:
                    # (年度总体目标 | then a header row 预期目标 | 实际完成情况, then the goal and its achievement)
                    form.goal_rows.add((id(table), nr))
                    self._goal(form, table, nr, end)
                    break
                if _norm(label.clean) in map(_norm, _GOAL_PLANNED) and "goal" not in form.data:
                    self._put(form, "goal", x.text.strip(), table, nr, c, x, "年度总体目标 · 预期目标")
                elif _starts(label.clean, _GOAL_ACTUAL) and len(label.clean) <= 10 and "goal_achieved" not in form.data:
                    self._put(form, "goal_achieved", x.text.strip(), table, nr, c, x, "年度总体目标 · 实际完成情况")
                else:
                    break
                form.goal_rows.add((id(table), nr))
            return True
        # (年度总体目标 | …, then 年度目标完成情况 | …: a label that opens as a goal's does but names the achievement, read as
        # one by the row each below)
        achievement = len(cells) == 2 and _starts(labels[0], _GOAL_ACTUAL) and len(labels[0]) <= 10
        if has_goal and len(cells) >= 2 and not achievement:
            c, x = cells[1]
            if not _starts(x.clean, _GOAL_PLANNED + _GOAL_ACTUAL):
                self._put(form, "goal", x.text.strip(), table, r, c, x, "年度总体目标")
                achieved = cells[2:]
                if achieved and _starts(achieved[0][1].clean, _GOAL_ACTUAL) and len(achieved[0][1].clean) <= 10:
                    achieved = achieved[1:]  # (…| 实际完成情况 | …: its label, then the achievement)
                if achieved:
                    c3, x3 = achieved[0]
                    self._put(form, "goal_achieved", x3.text.strip(), table, r, c3, x3, "年度总体目标 · 实际完成情况")
            return True
        if len(cells) == 2:
            # a row each, labelled without 年度总体目标 above: 预期目标 | …, then 实际完成情况 | …
            (_, label), (c, x) = cells
            field = ("goal", "年度总体目标 · 预期目标") if _norm(label.clean) in _words(_GOAL_PLANNED) else (
                ("goal_achieved", "年度总体目标 · 实际完成情况") if _starts(label.clean, _GOAL_ACTUAL) and len(label.clean) <= 10
                else None)
            if field is not None and field[0] not in form.data and len(x.clean) >= 8 \
                    and not _starts(x.clean, _GOAL_PLANNED + _GOAL_ACTUAL) and cell_number(x.clean) is None:
                self._put(form, field[0], x.text.strip(), table, r, c, x, field[1])
                form.goal_rows.add((id(table), r))
                return True
        if (id(table), r) in form.goal_rows:
            return True
        return has_goal

    def _ends_funds(self, table: Table, r: int, section: _Section) -> bool:
        """A row opening another block (年度主要任务, 年度总体目标...): its first cell is a new label, not the
        funds block's merged title cell, and not a fund row's own label, and it states no amount in the
        block's amount columns (a row of figures is one more fund row, whatever its label)."""
        first = table.rows[r][0]
        if not first.clean or first is section.block or section.header.get(0):
            return False
        if any((cell := table.cell(r, c)) is not None and cell_number(cell.clean) is not None and cell is not first
               for c, name in section.header.items() if name in ("initial_budget", "adjusted_budget", "executed")):
            return False
        return not (_TOTAL_ROW.match(_norm(first.clean)) or _PART_PREFIX.match(first.clean) or _fund_label(first.clean)
                    or _GROUP_CELL.match(first.clean.rstrip(":：")))

    def _fund_row(self, form: _Form, table: Table, r: int, section: _Section) -> bool:
        label_col, label = self._row_label(table, r, section.header)
        if label is None:
            return False
        text = _PART_PREFIX.sub("", label.clean)
        values: dict[str, tuple[Any, int, Cell]] = {}
        for col, name in sorted(section.header.items()):
            cell = table.cell(r, col)  # (None past the end of a narrower table that goes on with the form)
            if cell is None or cell is label or name in values:
                continue
            if name == "rate_deviation_reason":
                if cell.clean and cell.clean not in _EMPTY_MARKS and not _FORM_NOTE.search(_norm(cell.text)):
                    values[name] = (cell.text.strip(), col, cell)
                continue
            number = _figure(cell.clean, deduction=name == "rate_deduction")
            if number is None:
                continue
            if name in ("initial_budget", "adjusted_budget", "executed"):
                number = to_wan(number, section.unit)
            values[name] = (number, col, cell)
        deduction = values.pop("rate_deduction", None)
        if deduction is not None and "rate_score" not in section.header.values() and "rate_weight" in values \
                and isinstance(values["rate_weight"][0], Decimal):
            values["rate_score"] = (values["rate_weight"][0] - deduction[0], deduction[1], deduction[2])  # 分值 − 扣分
        if _TOTAL_ROW.match(text):
            section.total_seen = True
            if "rate_deviation_reason" in section.header.values() and "rate_deviation_reason" not in values:
                form.blank.add("rate_deviation_reason")  # the form's own cell for it, left empty (or its printed note)
            for name, (value, col, cell) in values.items():
                self._put(form, name, value, table, r, col, cell, f"{label.clean} · {_COLUMN_NAMES[name]}")
            return True
        if not values and _GROUP_CELL.match(label.clean.rstrip(":：")):  # (按收入性质分： on a row of its own, the rows under it)
            self._group(form, section, label)
            return True
        if not values and not (label.clean.startswith("其中") or _fund_label(text)):
            return False
        group = next((table.rows[r][c] for c in range(label_col) if _GROUP_CELL.match(table.rows[r][c].clean)), None)
        if group is not None and group is not section.group:
            self._group(form, section, group)
        written = label.clean
        if not _PART_PREFIX.match(written) and any(_norm(table.rows[r][c].clean).rstrip(":：") == "其中"
                                                   for c in range(label_col)):
            written = "其中：" + written  # (其中 | 一般公共预算: the word in a column of its own, the row a part still)
        row: dict[str, Any] = {"label": text}
        places: dict[str, Any] = {"label": (table, r, label_col, label, written)}
        for name, (value, col, cell) in values.items():
            if name in ("rate_weight", "rate_score", "rate_deviation_reason"):
                continue  # 其中 rows carry no score (— in the template)
            row[name] = value
            places[name] = (table, r, col, cell, f"{text} · {_COLUMN_NAMES[name]}")
        if section.groups > 1:  # (a second grouping of the same funds: added up on its own, not among the form's rows)
            form.other_groups[-1][1].append(row)
            form.other_groups[-1][2].append(places)
            return True
        form.fund_rows.append(row)
        form.fund_places.append(places)
        return True

    @staticmethod
    def _group(form: _Form, section: _Section, group: Cell) -> None:
        """The fund rows from here on stand under `group` (按支出性质分): a second grouping of the same funds is added up
        on its own."""
        section.group, section.groups = group, section.groups + 1
        if section.groups > 1:
            form.other_groups.append((group.clean.rstrip(":："), [], []))

    def _row_label(self, table: Table, r: int, header: dict[int, str]) -> tuple[int, Cell | None]:
        """The row's label: the rightmost text cell left of the first mapped column (the leftmost cells
        are often a merged block title such as 项目资金（万元）)."""
        first = min(header) if header else 0
        label: tuple[int, Cell | None] = (0, None)
        for col in range(0, min(first, len(table.rows[r]))):
            cell = table.rows[r][col]
            if cell.clean and cell_number(cell.clean) is None and _norm(cell.clean) not in _EMPTY_MARKS:
                label = (col, cell)  # (— in a column left unread, a multi-year form's 项目总预算: no label)
        if label[1] is not None and _starts(label[1].clean, ("项目资金", "资金", "年度预算", "预算执行情况", "预算资金")) \
                and not _TOTAL_ROW.match(label[1].clean):
            return (label[0], None) if all(table.rows[r][c] is label[1] for c in range(0, first)) else label
        return label

    def _score_adjustment(self, form: _Form, table: Table, r: int, section: _Section) -> bool:
        """A 加分项 or 减分项 (扣分项) row among the indicators: no indicator, but points 总分 counts, read signed as they
        count (a deduction negative whether the form writes -4, −4, 4 under 以正数填列, or 扣1.5分). Its figure is the
        one under 得分, else 分值, else its last; a row without one (无, —) adds nothing."""
        cells = [(col, cell) for col, cell in table.distinct(r) if cell.clean]
        if not cells:
            return False
        label = cells[0][1]
        text = " ".join(label.text.split())
        if not _SCORE_ADJUSTMENT.match(_norm(label.clean)):
            previous = form.adjusting
            if previous is None or previous[:2] != (id(table), r - 1) or len(cells) > 4 \
                    or cell_number(cells[-1][1].clean) is None:
                return False
            text = previous[2]  # (the row after one: its label merged down, or left out in a copy: 减分项 | … | -4, then … | -1)
        bonus = _norm(text).startswith(("加分", "附加", "奖励"))
        ordered = [col for name in ("score", "weight") for col, n in sorted(section.header.items()) if n == name]
        candidates = [(col, cell) for col in ordered if (cell := table.cell(r, col)) is not None and cell is not label]
        candidates += [(col, cell) for col, cell in reversed(cells[1:])]
        for col, cell in candidates:
            value = cell_number(cell.clean)
            if value is None and (written := _POINTS_WRITTEN.match(_norm(cell.clean))):
                value = Decimal(written.group("n"))
            if value is not None:
                form.data.setdefault("score_adjustments", []).append({"label": text, "score": abs(value) if bonus else -abs(value)})
                form.adjustment_places.append((table, r, col, cell, text))
                break
        form.adjusting = (id(table), r, text)
        return True

    def _indicator_row(self, form: _Form, table: Table, r: int, section: _Section) -> None:
        if self._score_adjustment(form, table, r, section):
            return
        first = next((cell for _, cell in table.distinct(r) if cell.clean), None)
        if first is not None and _SCORES_SO_FAR.match(_norm(first.clean)):
            return  # (各项相加得分 | 103.55 | 超过100分，按100分计: the scores before a cap, no indicator)
        row: dict[str, Any] = {}
        places: dict[str, Any] = {}
        seen: set[str] = set()
        for col, name in sorted(section.header.items()):
            if name in seen:
                continue
            seen.add(name)
            cell = table.cell(r, col)  # (None past the end of a narrower table that goes on with the form)
            if cell is None:
                continue
            text = cell.text.strip()
            clean = cell.clean
            if name in ("weight", "score", "deduction"):
                number = _figure(clean, deduction=name == "deduction")
                if number is not None:
                    row[name] = number
                    places[name] = (col, cell)
                continue
            if not clean or clean in ("—", "-", "/") or _TO_FILL.match(clean):
                continue  # (【填写】 in a draft: a cell still to fill, not a reason or a target)
            if name == "level1":
                text = _LEVEL1_WEIGHT.sub("", _norm(text))
            if name in _FIGURE_CELLS and cell.where.get("ocr"):
                text = _OCR_TAIL.sub("", text)  # a speck read after the figure (5处. ≥90%?): no part of it
                text = _OCR_PER_MILLE.sub("‰", text)  # (≤0.9‰ read as ≤0.9%0: no figure is written so)
                if _garbled_cell(text):
                    self.garbled.append((table, r, col, cell))
                    continue
            row[name] = " ".join(text.split()) if name not in ("deviation_reason",) else text
            places[name] = (col, cell)
        deduction, deducted_at = row.pop("deduction", None), places.pop("deduction", None)
        if deduction is not None and "score" not in section.header.values() and isinstance(row.get("weight"), Decimal):
            # a form scored by deduction without a 得分 column: 得分 = 分值 − 扣分, at the 扣分 cell
            row["score"], places["score"] = row["weight"] - deduction, deducted_at
        # a first- or second-level label only on its group's first row (or cut off by a page break)
        previous = form.indicators[-1] if form.indicators else None
        for name in ("level1", "level2"):
            if name not in row and previous is not None and name in previous and "level3" in row:
                row[name] = previous[name]
                places[name] = form.indicator_places[-1].get(name)
        if "level3" in row and not (set(row) & {"weight", "score"}) and r == len(table.rows) - 1 \
                and table is self.tables[-1] and {"weight", "score"} <= set(section.header.values()):
            if table not in self.truncated:
                self.truncated.append(table)  # the document stops in the middle of its last row
            return
        named = next((label for level in ("level1", "level2", "level3")
                      if _SUBTOTAL_ROW.fullmatch(label := _norm(str(row.get(level) or "")).replace(" ", ""))), None)
        if named is not None:
            # (产出指标小计 across the label columns: no indicator; its 分值 and 得分 are each a sum of the rows above it)
            start = form.subtotals[-1][3].stop if form.subtotals else 0
            form.subtotals.append((named, row, places, range(start, len(form.indicators)), table, r))
            return
        if "actual" not in row and isinstance(row.get("target"), str) and (both := _TARGET_AND_ACTUAL.match(row["target"])):
            # (目标：≥86万亩；完成：87.4万亩 under 年度指标值及实际完成值: both in one cell, each read as its column's)
            row["target"], row["actual"] = both.group("target").strip(), both.group("actual").strip()
            places["actual"] = places.get("target")
        if "level3" not in row or not (set(row) & {"weight", "score", "target", "actual"}):
            return
        if row.get("level3") in ("三级指标",):
            return
        levels = [_norm(row.get(level) or "").replace(" ", "") for level in ("level1", "level2", "level3")]
        if _RATE_ROW.fullmatch(levels[2]) or any(_RATE_ROW.fullmatch(level) and levels[2] in ("", level) for level in levels[:2]):
            # (一级 预算执行 over its one row; not 二级 预算执行 over 支出进度, 公用经费控制率…: a group of a 评分表's indicators)
            self._rate_row(form, table, r, row, places)  # 预算执行率 as a row of the indicators: the funds' score
            return
        if "nature" in row or "unit" in row or "operator" in row or "direction" in row:
            comparison = next((row[k] for k in ("operator", "direction", "nature") if _comparison(row.get(k))), None)
            row["target"] = _join_target(comparison, row.get("target"), row.get("unit"))
            unit, actual = row.get("unit"), row.get("actual")
            if unit and isinstance(actual, str) and cell_number(_norm(actual)) is not None and not actual.endswith(unit) \
                    and _norm(unit) not in ("月", "日", "年", "月份", "季度", "月底", "年底"):  # (12 beside 月: a month, not 12月 of something)
                row["actual"] = actual + unit  # (1.56 beside a 计量单位 of 万亩: 1.56万亩, as the target is read)
        if isinstance(row.get("level3"), str):
            row["level3"] = _CORE_MARK.sub("", row["level3"]) or row["level3"]  # (★农村供水水质达标率: a core indicator)
        label = row["level3"]
        form.indicators.append(row)
        form.indicator_places.append({
            name: (table, r, where[0], where[1], f"{label} · {_COLUMN_NAMES.get(name, name)}")
            for name, where in places.items() if where is not None and len(where) == 2
        } | {name: where for name, where in places.items() if where is not None and len(where) == 5})
        form.indicator_header = section.header

    def _rate_row(self, form: _Form, table: Table, r: int, row: dict[str, Any], places: dict[str, Any]) -> None:
        """A 预算执行率 row among the indicators (一级指标 预算执行率, 分值 10, 得分 9.61): the execution rate's weight
        and score, as the funds block states them on other forms; not an indicator (its 10 points are not one
        of the 90 the indicators share)."""
        for name, target in (("weight", "rate_weight"), ("score", "rate_score"), ("actual", "execution_rate")):
            where = places.get(name)
            value = row.get(name) if name != "actual" else cell_number(_norm(str(row.get(name, ""))))
            if value is not None and where is not None and len(where) == 2:
                self._put(form, target, value, table, r, where[0], where[1], "预算执行率")

    # -- values ----------------------------------------------------------------------------------
    def _text(self, form: _Form, name: str, following: tuple[int, Cell] | None, table: Table, r: int, label: str) -> bool:
        if following is None:
            return True
        col, cell = following
        if _starts(cell.clean, _SUPERVISOR + _IMPLEMENTER + _PROJECT_NAME):
            return True
        self._put(form, name, " ".join(cell.text.split()), table, r, col, cell, label)
        return True

    def _num(self, form: _Form, name: str, cell: Cell, table: Table, r: int, col: int, label: str) -> bool:
        number = cell_number(cell.clean)
        if number is None:
            return False
        self._put(form, name, number, table, r, col, cell, label)
        return True

    def _put(self, form: _Form, name: str, value: Any, table: Table, r: int, col: int, cell: Cell, label: str) -> None:
        if name in form.data:
            return
        form.data[name] = value
        form.places[name] = (table, r, col, cell, label)

    def _note_unknown(self, table: Table, r: int, header: dict[int, str], columns: _Columns) -> None:
        unknown = []
        first = min(header) if header else 0
        for col, cell in table.distinct(r):
            if col > first and col not in header and cell.clean and cell_number(cell.clean) is None \
                    and not any(_starts(cell.clean, w) for _, w in columns) and not _REVIEW.match(_norm(cell.clean)):
                unknown.append(cell.clean)
        if unknown:
            self.unknown.append((table, unknown))


@dataclass
class _Section:
    kind: str  # funds | indicators
    header: dict[int, str]
    width: int
    row: int
    unit: str = "万元"
    total_seen: bool = False
    block: Cell | None = None  # the funds block's title cell (项目资金（万元）), merged down its rows
    group: Cell | None = None  # the 按收入性质分 / 按支出性质分 cell the fund rows stand under, where the block has two
    groups: int = 0


_COLUMN_NAMES = {
    "initial_budget": "年初预算数", "adjusted_budget": "全年预算数", "executed": "全年执行数", "rate_weight": "分值",
    "execution_rate": "执行率", "rate_score": "得分", "rate_deviation_reason": "原因", "rate_deduction": "扣分",
    "level1": "一级指标", "level2": "二级指标", "level3": "三级指标", "nature": "指标性质", "target": "年度指标值",
    "adjusted_target": "调整后指标值", "unit": "度量单位", "actual": "实际完成值", "weight": "分值", "score": "得分",
    "deviation_reason": "偏差原因", "deduction": "扣分",
}


# The header cells of a block of the year's tasks (年度主要任务 · 任务名称 · 对应项目 · 全年预算数 …): no fund rows
_TASK_BLOCK = frozenset({"年度主要任务", "主要任务", "任务名称"})
_GROUP_CELL = lazy(r"^按[\u4e00-\u9fff]{2,8}分$")  # 按收入性质分, 按支出性质分, 按资金来源分
# The printed note some provincial forms carry in the 原因 column (1.预算执行率=预算执行数/调整后预算数…): part of
# the form, not the department's reason.
_SUBTOTAL_ROW = guarded(r"(?:(?:产出|效益|满意度|成本|效果|影响)指标|[\u4e00-\u9fff]{2,6}指标)?(?:小计|合计)")  # (产出指标小计)
_TO_FILL = guarded(r"^[【\[（(]?(?:请?填写|待填|待补充?|此处填写)[】\]）)]?$")  # (a draft's blank to fill)
_FORM_NOTE = lazy(r"预算执行率=|执行率=|需说明原因|应单独说明|其他资金包括|超过100%的?按100%计")
_FUND_LABELS = ("当年财政拨款", "上年结转", "其他资金", "财政资金", "财政拨款", "财政专户", "单位资金", "自有资金",
                "基本支出", "项目支出", "一般公共预算", "政府性基金", "国有资本经营", "社会保险基金", "中央", "省级", "市级",
                "县级", "上级", "本级", "专项资金", "事业收入", "经营收入", "其他收入")


def _fund_label(clean: str) -> bool:
    text = _PART_PREFIX.sub("", _norm(clean))
    return any(word in text for word in _FUND_LABELS)


def _unit(table: Table, r: int) -> str:
    """The amounts' unit, from the header row or the block title left of it (项目资金（万元）), else from a unit line
    above it in the form or just above the table (金额单位：元, 单位：万元); 万元 by default."""
    for row in (r, r + 1):
        for _, cell in table.distinct(row) if row < len(table.rows) else ():
            m = _WAN.search(_norm(cell.text))
            if m:
                return m.group(1)
    above = [cell.text for row in range(max(0, r - 4), r) for _, cell in table.distinct(row)]
    for text in [*reversed(above), *reversed(table.before[-3:])]:
        m = _UNIT_LINE.search(_norm(text))
        if m:
            return m.group(1)
    return "万元"


def _span_in_row(table: Table, r: int, col: int) -> int:
    cell = table.rows[r][col]
    n = 1
    while col + n < len(table.rows[r]) and table.rows[r][col + n] is cell:
        n += 1
    return n


_FIGURE_CELLS = ("target", "adjusted_target", "actual")  # an indicator's cells that state figures (or words)
# marks OCR reads out of a speck after a figure or a word: 5处. ≥90%? 达到。— never part of what the cell states
_OCR_TAIL = lazy(r"(?<=[\w%％])[.。,，?？:：;；!！'\"‘’“”·、]+$")
# ‰ as text recognition reads it: a percent sign and a zero (or the letter o) after a figure, ending it (0.15%0)
_OCR_PER_MILLE = lazy(r"(?<=\d)\s*[%％]\s*[0oO](?=\s*$|[^\d.,，%％])")
# a figure a text recognition put out of order: a percent sign or a unit before its digits (%9.66, 万元12.5)
_MISPLACED = lazy(r"^(?:[%％‰]\s*|万元|元)\d")


def _garbled_cell(text: str) -> bool:
    """Whether an OCR'd cell's figure is garbled (see figures.GARBLED, and a mark put before its digits)."""
    return bool(_MISPLACED.search(text.strip()) or GARBLED.search(text))


def cell_number(clean: str) -> Decimal | None:
    """A number as a cell states it: 120.00, 1,234.50, 91.67%, 10分; — and blanks are no number. A negative as accounting
    software writes it, in brackets ((50.00), （50.00）) or after a minus sign (−50.00), is negative."""
    text = _norm(clean).replace("\u2212", "-")
    if text in _EMPTY_MARKS:
        return None
    bracketed = _BRACKETED_NEGATIVE.match(text)
    if bracketed:
        text = "-" + bracketed.group(1)
    text = text.removesuffix("%").removesuffix("分").removesuffix("万元")
    if not text or not (text[0].isdigit() or (text[0] == "-" and len(text) > 1 and text[1].isdigit())):
        return None
    negative = text.startswith("-")
    value = parse_number(text.lstrip("-"))
    if value is None:
        return None
    return -value if negative else value


# a 加分项 or 减分项 row's label (加分项（最高3分）, 扣分项（以正数填列）), and its points written in words (扣1.5分, +2, 加2分)
_SCORE_ADJUSTMENT = guarded(r"^(?:加分|减分|扣分|附加分|奖励加分)(?:项|项目|事项|指标)?(?:[(（][^)）]*[)）])?$")
# a row of the scores added up before the 总分 row caps or adjusts them (各项相加得分, 指标得分合计, 加减分前得分)
_SCORES_SO_FAR = guarded(r"^(?:各项(?:指标)?(?:相加|合计)?得分(?:合计)?|(?:各项)?指标得分合计|加减分前(?:得分|总分)|基础得分)$")
_POINTS_WRITTEN = guarded(r"^(?:[加扣减]|[+\-])?(?P<n>\d+(?:\.\d+)?)分?$")
_BRACKETED_NEGATIVE = guarded(r"^\((\d[\d,]*(?:\.\d+)?)\)$")  # (after NFKC: （50.00） is (50.00))


def cell_grade(clean: str) -> str | None:
    """A cell's grade word (优, 良好, 合格, 较好 …: the words values.GRADE_KEYS knows), or None."""
    text = _norm(clean).strip("“”\"'")
    return text if text in GRADE_KEYS else None


# a form's label and its value on one line outside its table (a Markdown export: **项目名称**：…, **主管部门**：…　　**实施单位**：…)
_SAME_LINE = guarded(r"(?:\*\*)?(?P<label>项目名称|主管部门|实施单位|年度总体目标|实际完成情况)(?:\*\*)?[:：]\s*"
                     r"(?P<v>[^*\u3000]+?)\s*(?=\u3000|\s{2,}|\*\*|$)")
_SAME_LINE_FIELDS = {"项目名称": "name", "主管部门": "supervisor", "实施单位": "implementer", "年度总体目标": "goal",
                     "实际完成情况": "goal_achieved"}


def _labelled_grade(clean: str) -> str | None:
    """A grade written after its label in one cell (自评等级：优, 评价等级:良), or None."""
    label, colon, rest = clean.replace(":", "：").partition("：")
    return cell_grade(rest) if colon and _starts(label, _GRADE) and len(_norm(label)) <= 6 else None


_COMPARISONS = {"≥": "≥", ">=": "≥", "≤": "≤", "<=": "≤", "=": "=", "＝": "=", ">": ">", "<": "<", "正向": "≥", "反向": "≤",
                "正向指标": "≥", "反向指标": "≤"}
_CORE_MARK = guarded(r"^[★☆※▲△]+\s*")


def _comparison(value: Any) -> bool:
    return isinstance(value, str) and _norm(value) in _COMPARISONS


def _join_target(nature: str | None, target: str | None, unit: str | None) -> str:
    # (正向: more is better, ≥; 反向: less is better, ≤ — as a reviewer reads the bare figure beside it)
    value = target or ""
    # (a comparison only for a figure: 2025年10月31日前 beside 正向 stays as written)
    op = _COMPARISONS.get(_norm(nature or ""), "") if cell_number(_norm(value).lstrip("≥≤><=＝")) is not None else ""
    if unit and value and not value.endswith(unit) and cell_number(_norm(value).lstrip("≥≤><=＝")) is not None:
        value += unit  # (2000 or ≥120 beside a 度量单位 of 场: ≥120场, the target as a reader reads it)
    return op + value if op and not value.startswith(("≥", "≤", ">", "<", "=", "＝")) else value  # (=99元 keeps its =)


# -- the result as report data ----------------------------------------------------------------------
# the totals under an indicator block written across, each a row of a label and its value
_ACROSS_TOTALS = {"分值合计": "weight", "总分值": "weight", "分值总计": "weight", "总分": "score", "总得分": "score",
                  "得分合计": "score", "自评总分": "score", "合计得分": "score"}
# the rows of an indicator block written across must name at least these (each a row's first cell)
_ACROSS_NEEDS = ({"level3"}, {"weight", "score"}, {"target", "actual"})


def _turn_indicators_across(table: Table) -> bool:
    """An indicator block written across, one indicator per column (heldout108's 平遥 form: rows 一级指标 · 二级指标 ·
    三级指标 · 年度指标值 · 实际完成值 · 分值 · 得分 · 偏差原因…, each with its label in the first column), turned into a
    header row and a row per indicator, as every other form writes it; whether one was turned. The cells keep their
    places in the source (`Cell.moved`, `Table.source_rows`), so a finding names the cell the reviewer sees."""
    rows = table.rows
    run: list[tuple[int, str]] = []
    best: list[tuple[int, str]] = []
    for r, row in enumerate(rows):
        first = row[0] if row else None
        name = _header_field(first.clean, _INDICATOR_COLUMNS) if first is not None and first.clean else None
        if name is not None and name not in {n for _, n in run}:
            values = [cell for c, cell in table.distinct(r) if c > 0 and cell.clean]
            # (a value row, not a header: most of its other cells name no column; an indicator may be called 受益单位)
            named = sum(1 for cell in values if len(cell.clean) <= 8 and _header_field(cell.clean, _INDICATOR_COLUMNS))
            if named * 2 < max(len(values), 1) and (len(values) >= 2 or run and name in ("deviation_reason", "scoring_rule")):
                run.append((r, name))
                continue
        best = run if len(run) > len(best) else best
        run = []
    best = run if len(run) > len(best) else best
    fields = {name for _, name in best}
    if not all(fields & need for need in _ACROSS_NEEDS):
        return False
    top, bottom = best[0][0], best[-1][0]
    width = max(len(rows[r]) for r, _ in best)
    columns = [c for c in range(1, width) if any(c < len(rows[r]) and rows[r][c].clean for r, _ in best)]
    if len(columns) < 2:
        return False
    source = [list(row) for row in rows]
    moved: set[int] = set()

    def place(cell: Cell, r: int, c: int) -> Cell:
        if id(cell) not in moved:
            moved.add(id(cell))
            if cell.rowspan == 1 and cell.colspan == 1:
                cell.origin = (r, c)
            cell.moved = True
        return cell

    header = [place(rows[r][0], r, 0) for r, _ in best]
    turned = [header] + [[place(rows[r][c], r, c) if c < len(rows[r]) else Cell("", origin=(r, c), moved=True)
                          for r, _ in best] for c in columns]
    # the totals under the block, each on a row of its own with its value beside its label (分值合计 | 100; 总分 | 99.01):
    # one 总分 row, the values under the 分值 and 得分 columns
    totals: dict[str, Cell] = {}
    label: Cell | None = None
    end = bottom + 1
    while end < len(rows) and rows[end] and (kind := _ACROSS_TOTALS.get(rows[end][0].clean)) is not None \
            and kind not in totals:
        stated = [(c, cell) for c, cell in table.distinct(end) if c > 0 and cell.clean]
        if len(stated) != 1:
            break
        totals[kind] = place(stated[0][1], end, stated[0][0])
        if kind == "score" or label is None:
            label = place(rows[end][0], end, 0)
        end += 1
    if label is not None:
        at = {name: k for k, (_, name) in enumerate(best)}
        total = [label] + [Cell("", origin=(end - 1, k), moved=True) for k in range(1, len(best))]
        for kind, cell in totals.items():
            if kind in at:
                total[at[kind]] = cell
        turned.append(total)
    new_rows = rows[:top] + turned + rows[end:]
    size = max(len(row) for row in new_rows)
    for k, row in enumerate(new_rows):
        while len(row) < size:
            row.append(Cell("", origin=(k, len(row))))
    table.rows = new_rows
    table.source_rows = source
    return True


def read_tables(tables: list[Table], lang: str = "zh", unread_pages: frozenset[int] = frozenset()) -> TableRead:
    """The 自评表 among the tables. `unread_pages`: pages of the document that were not read (a scan's pages past the
    time limit, or its OCR failed): a form on or before one of them may go on there, so its rows are not added up."""
    for table in tables:
        _turn_indicators_across(table)
    reader = _Reader(tables, lang)
    reader.read()
    out = TableRead(fiscal_year=reader.year)
    if reader.other:
        table, other, title = reader.other[0]
        out.other = (other, clean_title(" ".join(title.split())), _table_place(table), _other_department(table))
    forms = [f for f in reader.forms if f.indicators or set(f.data) - {"name"} or f.fund_rows]
    # a nameless table of funds alone (资金来源 · 全年预算 · 实际支出 in the report's body) is no project's form: left
    # to the other tables' checks (its 合计 row, its rates) rather than taken for a project
    reader.unrecognised += [f.table for f in forms if not (f.indicators or "name" in f.data or f.subject == "department")]
    forms = [f for f in forms if f.indicators or "name" in f.data or f.subject == "department"]
    # a cover built from a table (项目名称 · 主管部门 · 实施单位 · 填报日期, no figure) over the form of the same project
    # is no form of its own
    figured = {f.data.get("name") for f in forms if _has_figures(f)}
    forms = [f for f in forms if _has_figures(f) or f.data.get("name") not in figured]
    departments = [f for f in forms if f.subject == "department"]
    # the department's 自评表 (with indicators or a score) before a table of its spending in the report's body
    department = max(departments, key=lambda f: (bool(f.indicators or "rate_score" in f.data), -forms.index(f)),
                     default=None)
    first = str(department.data.get("name") or "") if department is not None else ""
    others = [str(f.data["name"]) for f in departments if f is not department and f.data.get("name")
              and _norm(str(f.data["name"])) != _norm(first)] if first else []
    if others:  # (forms of several departments, a 汇编 of them: one is the report's)
        out.findings.append(Finding("JX-EXTRACTION", "extraction", "warning",
                                    lookup(MESSAGES, "other_departments", lang, first=first, count=len(others) + 1,
                                           others="、".join(dict.fromkeys(others))), None, None,
                                    {"problem": "other_departments", "departments": [first, *dict.fromkeys(others)]}))
    for form in forms:
        if form.subject == "department" and form is not department:
            out.consumed.add(form.table.index)  # another table of the department's figures: no project's
            continue
        if form is department:
            base = "/department_table"
            target = out.department_table = {}
        else:
            base = f"/projects/{len(out.projects)}"
            target = {}
            out.projects.append(target)
        _fill(form, target, base, out)
        _pages_unread(form, target, base, out, lang, unread_pages)  # (the surer reason first: a page not read)
        _rows_short(target, base, out, lang)
        _scores_blank(target, base, out, lang)
        if not form.indicators and _names_indicators(form.table):  # (a layout not read: never a silent pass)
            _indicators_unread(target, base, out, lang, "indicators_not_read", {"problem": "indicators_not_read"})
        if form.indicators and form.indicator_header and "deviation_reason" not in form.indicator_header.values():
            out.not_asked.append(f"{base}/indicators/*/deviation_reason")  # the reasons may stand in the prose
        out.blank.extend(f"{base}/{name}" for name in sorted(form.blank) if name not in target)
        out.consumed.add(form.table.index)
        for places in form.indicator_places + form.fund_places:
            for place in places.values():
                out.consumed.add(place[0].index)
    summaries: set[int] = set()
    if out.found:
        _report_date(tables, out)
        # (a summary whose 项目名称 header was taken for a form's name row is no form either)
        candidates = {t.index: t for t in reader.unrecognised + [f.table for f in reader.forms] if t.index not in out.consumed}
        summaries = _summary_conflicts(list(candidates.values()), out, lang)  # (a summary read is not named as unread)
        summaries |= _summary_projects(list(candidates.values()), out)
    if forms:
        # a document of forms alone: its cover's title (a sheet or page of one column before the first form:
        # 某某局2025年度项目支出绩效自评表; a summary's before the forms: 某某局2025年度项目支出绩效自评结果汇总表), else
        # the first form's
        covers = (_title_row(t) for t in tables if t.index < forms[0].table.index
                  and (t.width == 1 or t.index in summaries))
        out.title = next((title for title in covers if title is not None), None) or _title_row(forms[0].table)
    out.grids = frozenset(t.index for t in tables if t.width >= 3 and t.index not in out.consumed)
    out.sums = [*out.sums, *table_sums(tables, out.consumed, cell_where, cell_number)]  # (after a form's second grouping's)
    if not out.found:
        summaries = _summary_projects([t for t in tables if t.index not in out.consumed], out)
    summed = {place.get("table") for found in out.sums for place in found.places.values()}  # (its 合计 or rates read)
    unread = sorted((t for t in reader.unrecognised if t.index not in out.consumed and t.index not in summed
                     and t.index not in summaries and _worth_naming(t)), key=lambda t: t.index)
    if unread:
        names = "、".join(_table_where(t, lang) for t in unread)
        out.findings.append(Finding("JX-EXTRACTION", "extraction", "info",
                                    lookup(MESSAGES, "unrecognised", lang, tables=names), None, None,
                                    {"problem": "table_not_recognised", "tables": [t.index for t in unread]}))
    for table, headers in reader.unknown:
        if table.index not in out.consumed and table.index in summed:
            headers = [h for h in headers if not row_column(h)]  # (read by its rows' sums: 调整数, 结余)
            if not headers:
                continue
        out.findings.append(Finding("JX-EXTRACTION", "extraction", "info",
                                    lookup(MESSAGES, "unknown_columns", lang, where=_table_where(table, lang),
                                           headers="”“".join(headers)), None, None,
                                    {"problem": "unknown_columns", "table": table.index, "headers": headers}))
    if reader.garbled:
        cells = "、".join(f"“{cell.text.strip()}”（{where_text(Location.from_dict(cell_where((table, r, col, cell, ''), '')), lang)}）"
                         for table, r, col, cell in reader.garbled)
        out.findings.append(Finding("JX-EXTRACTION", "extraction", "info",
                                    lookup(MESSAGES, "garbled_cells", lang, cells=cells), None, None,
                                    {"problem": "garbled_figures", "figures": [c.text.strip() for *_, c in reader.garbled]}))
    for table in reader.truncated:
        out.findings.append(Finding("JX-EXTRACTION", "extraction", "warning",
                                    lookup(MESSAGES, "truncated", lang, where=_table_where(table, lang)), None, None,
                                    {"problem": "table_truncated", "table": table.index}))
    return out


def _report_date(tables: list[Table], out: TableRead) -> None:
    """The 填报日期 a 自评表 states in a cell of its own (项目负责人：… 填报日期：2023年3月20日), the first one found."""
    for table in tables:
        for r in range(len(table.rows)):
            cells = table.distinct(r)
            for k, (col, cell) in enumerate(cells):
                m = _DATE_LABEL.search(cell.text)
                d = DATE_RE.match(cell.text, m.start("date")) if m else None
                if d is None and _DATE_LABEL_ALONE.search(cell.text):  # 填报日期： | 2023年4月11日 (the next cell)
                    col, cell = next(((c, x) for c, x in cells[k + 1:] if x.clean), (col, cell))
                    d = DATE_RE.match(cell.text.strip())
                value = date_from_match(d) if d else None
                if value:
                    out.report_date = (value, cell_where((table, r, col, cell, "填报日期"), "自评表"))
                    return


_DATE_WORDS = r"(?:填报|填表|报告|报送)(?:日期|时间)\s*[:：]?\s*"
_DATE_LABEL = lazy(rf"{_DATE_WORDS}(?P<date>{DATE_SPAN})")
_DATE_LABEL_ALONE = lazy(rf"{_DATE_WORDS}$")


def _has_figures(form: _Form) -> bool:
    return bool(form.indicators or form.fund_rows or any(isinstance(v, Decimal) for v in form.data.values()))


def _rows_short(data: dict[str, Any], base: str, out: TableRead, lang: str) -> None:
    """A form whose weights read add up to less than its 总分 row's 分值 and whose scores read to less than its 总分 row's
    得分 has rows jixiao did not read (a form's own mistake shows in one of the two, not in both): its indicators are
    `extraction.unread`, so the checks that add up every row say nothing, and an info says why."""
    weight_total, total_score = data.get("weight_total"), data.get("total_score")
    indicators = [i for i in data.get("indicators") or [] if isinstance(i, dict)]
    if f"{base}/indicators" in out.unread:
        return  # (already unread, and said why)
    weights = sum((v for v in [data.get("rate_weight"), *(i.get("weight") for i in indicators)] if isinstance(v, Decimal)),
                  Decimal(0))
    if indicators and weight_total is None and total_score is None and 0 < weights < 100:
        # no 总分 row read, and the weights read come short of 100: the form may go on past where it was read (a page
        # break a layout text cut it at); its own Σ分值 cannot be told from rows unread
        _indicators_unread(data, base, out, lang, "rows_unfinished", {"problem": "indicator_rows_unfinished"},
                           weights=weights)
        return
    if not isinstance(weight_total, Decimal) or not isinstance(total_score, Decimal) or not indicators:
        return
    scores = sum((v for v in [data.get("rate_score"), *(i.get("score") for i in indicators)] if isinstance(v, Decimal)),
                 Decimal(0))
    if weights >= weight_total or scores >= total_score:
        return
    _indicators_unread(data, base, out, lang, "rows_short", {"problem": "indicator_rows_short"}, weights=weights,
                       scores=scores, weight_total=weight_total, total_score=total_score)


def _form_subject(data: dict[str, Any], base: str, lang: str) -> str:
    """A form as an info names it: the project's by its name, else the department's table."""
    name = data.get("name")
    if name and base.startswith("/projects"):
        return f"项目“{name}”" if lang == "zh" else f"Project '{name}'"
    return "部门整体自评表" if lang == "zh" else "The department's table"


def _scores_blank(data: dict[str, Any], base: str, out: TableRead, lang: str) -> None:
    """Indicator rows with a 分值 and nothing in their 得分 cell (left blank, or —, /), on a form whose other rows have
    scores: each such score is `extraction.unread` (a sum of the scores says nothing; the writer may count the row at
    full marks, or at none), and an info names the rows. A form without any score read is another matter (no 得分
    column, or a form not scored)."""
    if f"{base}/indicators" in out.unread:
        return
    indicators = [i if isinstance(i, dict) else {} for i in data.get("indicators") or []]
    if not any(isinstance(i.get("score"), Decimal) for i in indicators):
        return
    blank = [k for k, i in enumerate(indicators) if isinstance(i.get("weight"), Decimal) and "score" not in i]
    if not blank:
        return
    out.unread.extend(f"{base}/indicators/{k}/score" for k in blank)
    subject = _form_subject(data, base, lang)
    rows = ("、" if lang == "zh" else ", ").join(
        str(indicators[k].get("level3") or indicators[k].get("level2") or k + 1) for k in blank)
    out.findings.append(Finding("JX-EXTRACTION", "extraction", "info",
                                lookup(MESSAGES, "scores_blank", lang, subject=subject, count=len(blank), rows=rows),
                                f"{base}/indicators/{blank[0]}/score", None,
                                {"problem": "scores_blank", "pointers": [f"{base}/indicators/{k}/score" for k in blank]}))


def _indicators_unread(data: dict[str, Any], base: str, out: TableRead, lang: str, key: str, values: dict[str, Any],
                       **shown: Any) -> None:
    """A form's indicators are `extraction.unread` (the checks that add up every row say nothing), with an info saying
    why (MESSAGES[key], naming the form)."""
    out.unread.append(f"{base}/indicators")
    subject = _form_subject(data, base, lang)
    out.findings.append(Finding("JX-EXTRACTION", "extraction", "info", lookup(MESSAGES, key, lang, subject=subject, **shown),
                                base + "/indicators", None, {**values, "pointer": base + "/indicators"}))


_INDICATOR_HEADERS = frozenset({"一级指标", "二级指标", "三级指标", "绩效指标"})


def _names_indicators(table: Table) -> bool:
    """Whether a form's table has a cell naming its indicators (三级指标, 绩效指标): it lists some, read or not."""
    return any(cell.clean in _INDICATOR_HEADERS for row in table.rows for cell in row)


def _pages_unread(form: _Form, data: dict[str, Any], base: str, out: TableRead, lang: str, unread: frozenset[int]) -> None:
    """A form that may go on over a page that was not read: its indicators are `extraction.unread` (the checks that
    add up every row say nothing), and an info says why."""
    page = form.table.page
    later = sorted(p for p in unread if page is None or p >= page)
    if not later or not data.get("indicators") or f"{base}/indicators" in out.unread:
        return
    _indicators_unread(data, base, out, lang, "pages_unread", {"problem": "indicator_pages_unread", "pages": later},
                       pages="、".join(map(str, later)))


def _title_row(table: Table) -> tuple[str, dict[str, Any]] | None:
    """A form's title in its own first row, one cell across the table (云南省2023年度…补助资金绩效自评表), and where."""
    cells = [(c, x) for c, x in table.distinct(0) if x.clean] if table.rows else []
    if len(cells) != 1 or not ("自评表" in cells[0][1].clean or "绩效" in cells[0][1].clean):
        return None
    return clean_title(" ".join(cells[0][1].text.split())), _table_place(table)


def _table_place(table: Table) -> dict[str, Any]:
    """Where a table's title is: its first cell (a title row spans the table), as a form's figures are placed."""
    cell = table.rows[0][0] if table.rows and table.rows[0] else Cell("", {}, (0, 0))
    return cell_where((table, 0, 0, cell, "标题"), "")


_UNIT_LABEL = guarded(r"^(?:填报单位|主管部门|申报单位|部门名称|单位名称)(?:（盖章）|\(盖章\))?[:：]?\s*(?P<name>[^\s:：]*)")


def _other_department(table: Table) -> tuple[str, dict[str, Any]] | None:
    """The department of another document's table (填报单位（盖章）：某某局, or 主管部门 | 某某局) and where."""
    for r in range(min(8, len(table.rows))):
        cells = [(c, x) for c, x in table.distinct(r) if x.clean]
        for k, (col, cell) in enumerate(cells):
            m = _UNIT_LABEL.match(cell.clean)
            if m is None:
                continue
            if m.group("name"):
                return m.group("name"), cell_where((table, r, col, cell, "填报单位"), "")
            if k + 1 < len(cells):
                col2, value = cells[k + 1]
                return value.clean, cell_where((table, r, col2, value, "主管部门"), "")
    return None


# A summary of the projects (汇总表: 项目名称 · 全年预算数 · 全年执行数 · 执行率 · 自评得分 · 自评等级, a row each) states
# each project's score and grade a second time: where a row names a project whose form was read, they are the same
# figures of the same subject, and two values of them are a conflict (JX-CONFLICT). Not its 执行率: a table in the
# report's body may state it on another base (年初预算) than the form (全年预算数).
_SUMMARY_COLUMNS = (("total_score", ("自评得分", "自评分数", "总得分", "得分", "总分"), "自评得分"),
                    ("grade", ("自评等级", "评价等级", "等级", "自评结果"), "自评等级"))


def _summary_conflicts(candidates: list[Table], out: TableRead, lang: str) -> set[int]:
    """Each figure of a summary of projects that differs from the project's own form, as JX-CONFLICT; returns the
    numbers of the summaries read (a row or more naming a project read)."""
    names = {_norm(str(p.get("name"))): k for k, p in enumerate(out.projects) if p.get("name")}
    cores = [project_core(_norm(str(p.get("name")))) if p.get("name") else "" for p in out.projects]
    read: set[int] = set()
    for table in candidates:
        header_row, columns, name_col = summary_header(table)
        if header_row is None or name_col is None:
            continue
        for r in range(header_row + 1, len(table.rows)):
            name_cell = table.cell(r, name_col)
            k = None if name_cell is None or not name_cell.clean else names.get(_norm(name_cell.clean))
            if k is None and name_cell is not None and name_cell.clean:  # (a name shortened: 执法装备购置项目)
                k = _name_index(project_core(_norm(name_cell.clean)), cores)
            if k is None:
                continue
            read.add(table.index)
            project, base = out.projects[k], f"/projects/{k}"
            for col, (key, label) in columns.items():
                cell = table.cell(r, col)
                stated = project.get(key)
                if cell is None or not cell.clean or stated is None or f"{base}/{key}" not in out.provenance:
                    continue
                second: Any = cell_grade(cell.clean) if key == "grade" else cell_number(cell.clean)
                if second is None or same_figure(stated, second):
                    continue
                first_place = Location.from_dict(out.provenance[f"{base}/{key}"])
                summary_place = Location.from_dict(cell_where((table, r, col, cell, label), "汇总"))
                out.findings.append(Finding(
                    "JX-CONFLICT", "arithmetic", "warning",
                    lookup(MESSAGES, "summary_conflict", lang, project=project["name"], what=label,
                           summary=where_text(summary_place, lang), second=as_stated(second),
                           form=where_text(first_place, lang), first=as_stated(stated)),
                    f"{base}/{key}", summary_place, {"first": stated, "second": second, "summary": True},
                    related=[first_place]))
    return read


SUMMARY_TOTAL = guarded(r"^(?:合计|总计|小计|共计|平均|合\s*计)")


def _summary_projects(candidates: list[Table], out: TableRead) -> set[int]:
    """The rows of a summary of the projects' results (项目名称 · … · 自评得分 · 自评等级: both) as the projects' score and
    grade (/projects/N/total_score, /projects/N/grade); returns the tables read. Where the document has 自评表, a row
    naming a project whose form was read is that project (its figures are compared, `_summary_conflicts`), and the
    others follow the forms' projects (a department's 18 projects, two of them with their forms attached)."""
    read: set[int] = set()
    known = [project_core(_norm(str(p.get("name")))) for p in out.projects if p.get("name")]
    for table in candidates:
        header_row, columns, name_col = summary_header(table)
        if header_row is None or name_col is None or {key for key, _ in columns.values()} != {"total_score", "grade"}:
            continue
        for r in range(header_row + 1, len(table.rows)):
            name_cell = table.cell(r, name_col)
            name = name_cell.text.strip() if name_cell is not None else ""
            if not name or SUMMARY_TOTAL.match(_norm(name_cell.clean if name_cell else "")) \
                    or cell_number(name_cell.clean if name_cell else "") is not None:
                continue
            if known and _names_one_of(project_core(_norm(name_cell.clean if name_cell else "")), known):
                read.add(table.index)  # (its form's project, perhaps shortened: 执法装备购置项目 for 交通运输综合行政执法装备购置项目)
                continue
            base = f"/projects/{len(out.projects) + len(out.summary)}"
            project: dict[str, Any] = {"name": " ".join(name.split())}
            places = {f"{base}/name": cell_where((table, r, name_col, name_cell, "项目名称"), "汇总")} if name_cell else {}
            for col, (key, label) in columns.items():
                cell = table.cell(r, col)
                value: Any = None if cell is None else cell_grade(cell.clean) if key == "grade" else cell_number(cell.clean)
                if cell is not None and value is not None:
                    project[key] = value
                    places[f"{base}/{key}"] = cell_where((table, r, col, cell, label), "汇总")
            if len(project) > 1:
                out.summary.append(project)
                out.summary_provenance.update(places)
                read.add(table.index)
    return read


def project_core(name: str) -> str:
    """A project's name without what most names end with (项目, 工程项目): what a sentence or a summary shortens."""
    return re.sub(r"(?:建设)?(?:项目|工程|专项资金|资金)$", "", name.strip())


def shortens(short: str, core: str) -> bool:
    """Whether `short` is a project's name `core` shortened with its characters in order, and long enough to tell
    (at least 4 characters and half the name: 农机购置补贴 for 农业机械购置补贴)."""
    if len(short) < 4 or len(short) * 2 < len(core):
        return False
    it = iter(core)
    return all(ch in it for ch in short)


def _names_one_of(core: str, cores: list[str]) -> bool:
    return _name_index(core, cores) is not None


def _name_index(core: str, cores: list[str]) -> int | None:
    """Which of `cores` a name's core names: one in full, or exactly one as a part of it (安全生产专项经费 of
    交通运输安全生产专项经费, 4 characters or more) or shortened (`shortens`); None for none or several."""
    if core in cores:
        return cores.index(core)
    if len(core) < 4:
        return None
    found = [k for k, c in enumerate(cores) if c and (core in c or shortens(core, c))]
    return found[0] if len(found) == 1 else None


Header = tuple[int | None, dict[int, tuple[str, str]], int | None]


def summary_header(table: Table, names: tuple[str, ...] = ("项目名称", "项目"),
                   wanted: tuple[tuple[str, tuple[str, ...], str], ...] = _SUMMARY_COLUMNS) -> Header:
    """The header row of a summary, a row a subject (its `names` column: 项目名称), and the columns of `wanted` it has
    ((key, its header words, its label), a word followed by its unit in brackets too: 全年预算数（万元）): (the row,
    {column: (key, label)}, the names' column), or Nones where no row of the first six has the names' column and one
    of them."""
    for r in range(min(6, len(table.rows))):
        cells = [(c, x) for c, x in table.distinct(r) if x.clean]
        name_col = next((c for c, x in cells if _norm(x.clean) in _words(names)), None)
        if name_col is None:
            continue
        columns: dict[int, tuple[str, str]] = {}
        for col, cell in cells:
            text = _norm(cell.clean)
            for key, words, label in wanted:
                if text in _words(words) or any(text.startswith((w + "(", w + "（")) for w in _words(words)):
                    columns[col] = (key, label)
        if columns:
            return r, columns, name_col
    return None, {}, None


def same_figure(stated: Any, other: Any) -> bool:
    """The same figure, stated alike or to fewer places (99.3 for 99.29: the other, rounded half up to its places)."""
    if isinstance(stated, Decimal) and isinstance(other, Decimal):
        coarse, fine = sorted((stated, other), key=decimals_of)
        return face_matches(coarse, fine)
    return bool(stated == other)


def _worth_naming(table: Table) -> bool:
    return len(table.rows) >= 2 and table.width >= 2


def _table_where(table: Table, lang: str) -> str:
    if table.picture:  # (named as its cells' places name it: pictures._place)
        first = next((cell.where for row in table.rows for cell in row if cell.where), None) or {}
        picture = picture_where(table.picture, lang, table.page, None if table.page else first.get("line"),
                                first.get("sheet"), first.get("cell"))
        return lookup(MESSAGES, "table_in_picture", lang, picture=picture)
    if table.sheet:
        return lookup(MESSAGES, "table_sheet", lang, sheet=table.sheet)
    if table.page:
        return lookup(MESSAGES, "table_page", lang, page=table.page, number=table.index)
    return lookup(MESSAGES, "table_where", lang, number=table.index)


_ORDER = ("name", "supervisor", "implementer", "fund_type", "initial_budget", "adjusted_budget", "executed",
          "execution_rate", "rate_weight", "rate_score", "rate_deviation_reason", "fund_rows", "goal", "goal_achieved",
          "indicators", "score_adjustments", "weight_total", "total_score", "grade")


def _top_level_funds(form: _Form) -> None:
    """A funding block whose rows nest keeps its top-level rows: where a row says 其中, the rows that may be the
    parts of the row above it are left out (tablesums.of_which_readings: the first reading that adds up to the
    total, else the first); where a row is the sum of the next ones (基本支出, 人员经费, 公用经费, 项目支出), those,
    unless all the rows add up to the total (tablesums.flat_or_nested)."""
    labels = [str(places["label"][4]) if "label" in places else "" for places in form.fund_places]  # (as written: 其中：…)
    readings = of_which_readings(labels, after_total=True)
    if readings is None:
        return
    # (the first column whose total and every row are stated decides)
    key = next((k for k in ("adjusted_budget", "initial_budget", "executed") if isinstance(form.data.get(k), Decimal)
                and all(isinstance(row.get(k), Decimal) for row in form.fund_rows)), None)
    if key is None:
        return
    values: list[Decimal] = [row[key] for row in form.fund_rows]
    chosen = pick_reading(readings, values.__getitem__, form.data[key], nearest=False)
    if chosen is not None and len(chosen) < len(form.fund_rows):
        form.fund_rows = [form.fund_rows[i] for i in chosen]
        form.fund_places = [form.fund_places[i] for i in chosen]


# the rows of a grouping by the spending's nature (按支出性质分): 基本支出, 项目支出 and their own parts
_BY_NATURE = frozenset({"基本支出", "项目支出", "人员经费", "公用经费", "其他支出", "工资福利支出", "商品和服务支出",
                        "对个人和家庭的补助"})


def _two_groupings(form: _Form) -> None:
    """A block that lists the same funds twice without a label for either grouping (财政拨款 · 其中：一般公共预算 · 政府性
    基金 · 财政专户管理资金 · 单位资金, then 基本支出 · 项目支出): the rows from where the grouping changes (by source to by
    nature, or back) are the second grouping, added up on their own, as under 按支出性质分."""
    if form.other_groups or len(form.fund_rows) < 4:
        return
    kinds = [_PART_PREFIX.sub("", str(row.get("label") or "")).strip() in _BY_NATURE for row in form.fund_rows]
    changes = [k for k in range(1, len(kinds)) if kinds[k] != kinds[k - 1]]
    if len(changes) != 1 or changes[0] < 2 and not kinds[0] or len(kinds) - changes[0] < 2:
        return
    at = changes[0]
    second = "按支出性质分" if kinds[at] else "按资金来源分"
    form.other_groups.append((second, form.fund_rows[at:], form.fund_places[at:]))
    form.fund_rows, form.fund_places = form.fund_rows[:at], form.fund_places[:at]


def _fill(form: _Form, target: dict[str, Any], base: str, out: TableRead) -> None:
    _two_groupings(form)
    _top_level_funds(form)
    subject = form.name or ("部门整体" if form.subject == "department" else "")
    prefix = (f"项目“{subject}”" if form.subject == "project" else f"部门整体“{subject}”") if subject else \
        ("项目" if form.subject == "project" else "部门整体")
    data = dict(form.data)
    if form.fund_rows:
        data["fund_rows"] = form.fund_rows
    if form.indicators:
        data["indicators"] = [_with_target(ind) for ind in form.indicators]
    for key in _ORDER:
        if key in data:
            target[key] = data[key]
    for name, place in form.places.items():
        if name in target:
            out.provenance[f"{base}/{name}"] = cell_where(place, prefix)
    for k, places in enumerate(form.fund_places):
        for name, place in places.items():
            out.provenance[f"{base}/fund_rows/{k}/{name}"] = cell_where(place, prefix)
    for k, places in enumerate(form.indicator_places):
        for name, place in places.items():
            if name in target["indicators"][k]:
                out.provenance[f"{base}/indicators/{k}/{name}"] = cell_where(place, prefix)
    for k, place in enumerate(form.adjustment_places):
        out.provenance[f"{base}/score_adjustments/{k}/score"] = cell_where(place, prefix)
    for group, rows, places_of in form.other_groups:
        out.sums.extend(_group_sums(form, group, rows, places_of, prefix))
    for label, row, places, indices, table, r in form.subtotals:
        out.sums.extend(_subtotal_sums(form, label, row, places, indices, (table, r), prefix))


def _subtotal_sums(form: _Form, label: str, row: dict[str, Any], places: dict[str, Any], indices: range,
                   at: tuple[Table, int], prefix: str) -> list[TableSum]:
    """A 一级指标's 小计 row against the indicators above it, in its 分值 and 得分 (/stated_scores, NAT-GRADE-010)."""
    out: list[TableSum] = []
    level1 = label[: -len("小计")] if label.endswith("小计") else ""
    for name in ("weight", "score"):
        total, where = row.get(name), places.get(name)
        parts = [k for k in indices if isinstance(form.indicators[k].get(name), Decimal)
                 and (not level1 or _norm(str(form.indicators[k].get("level1") or "")).replace(" ", "") in (level1, ""))]
        if not isinstance(total, Decimal) or where is None or len(parts) < 2 or len(parts) != len(indices):
            continue
        column = _COLUMN_NAMES.get(name, name)
        out.append(_stated_sum(f"{prefix}{label}{column}", total,
                               cell_where((at[0], at[1], where[0], where[1], f"{label} · {column}"), prefix),
                               [(form.indicators[k].get("level3"), form.indicators[k][name], None,
                                 cell_where(form.indicator_places[k][name], prefix)) for k in parts], key="stated_scores"))
    return out


def _group_sums(form: _Form, group: str, rows: list[dict[str, Any]], places_of: list[dict[str, Any]],
                prefix: str) -> list[TableSum]:
    """A second grouping of the form's funds (按支出性质分: 基本支出 · 项目支出, after 按收入性质分: 财政拨款 · 其他资金), each
    column of it a stated sum of the 年度资金总额 (/stated_sums, NAT-ARITH-011): the form's own rows are the first
    grouping, so neither is added into the other."""
    out: list[TableSum] = []
    for name in ("initial_budget", "adjusted_budget", "executed"):
        total, place = form.data.get(name), form.places.get(name)
        parts = [(row, places) for row, places in zip(rows, places_of, strict=True) if isinstance(row.get(name), Decimal)]
        if not isinstance(total, Decimal) or place is None or len(parts) < 2:
            continue
        named = "、".join(str(row["label"]) for row, _ in parts)
        out.append(_stated_sum(f"{prefix} · 年度资金总额（{group}：{named}） · {_COLUMN_NAMES[name]}", total,
                               cell_where(place, prefix),
                               [(row["label"], row[name], cell_where(cells["label"], prefix), cell_where(cells[name], prefix))
                                for row, cells in parts]))
    return out


def _stated_sum(label: str, total: Decimal, where: dict[str, Any],
                parts: list[tuple[Any, Decimal, dict[str, Any] | None, dict[str, Any]]], key: str = "") -> TableSum:
    """A total the form states with the parts it adds up (/stated_sums, or `key`): each part's label, amount and the
    places of the two (its label's where it has a cell of its own)."""
    places = {"/total": where, "/label": where}
    for k, (_, _, label_place, amount_place) in enumerate(parts):
        if label_place is not None:
            places[f"/parts/{k}/label"] = label_place
        places[f"/parts/{k}/amount"] = amount_place
    value = {"label": label, "total": total, "parts": [{"label": name, "amount": amount} for name, amount, _, _ in parts]}
    return TableSum(value, places, key=key)


def _with_target(indicator: dict[str, Any]) -> dict[str, Any]:
    out = dict(indicator)
    if isinstance(out.get("target"), str):  # the 年度指标值; an adjusted target, where stated, stays as written
        out.update(target_fields(out))
    order = ("level1", "level2", "level3", "nature", "target", "adjusted_target", "target_op", "target_value",
             "target_unit", "unit", "actual", "weight", "score", "scoring_rule", "deviation_reason")
    return {k: out[k] for k in order if k in out}


def _counted_column(table: Table, row: int, col: int, first: int = 0) -> int:
    """The cell's column as a reader counts it along its row (from slot `first`): 1 + the cells to its left, a merged
    cell once. A grid's slots are every column boundary of every row (a PDF's or a scan's rules, Word's grid), so a
    form whose fund rows and indicator rows are ruled differently has more slots than any row has cells; a sheet's
    cells keep their sheet's columns (their reference, F7, says where they are)."""
    rows = table.source_rows if table.source_rows is not None else table.rows
    cells = rows[row][first:col] if 0 <= row < len(rows) else []
    return len({c.place(row, j) for j, c in enumerate(cells)}) + 1


def cell_where(place: tuple[Table, int, int, Cell, str], prefix: str) -> dict[str, Any]:
    """Where a table's cell stands, as a finding's or a field's place: its line and column, page or sheet and cell,
    table, row and column, and `label` (after `prefix · `)."""
    table, r, col, cell, label = place
    where: dict[str, Any] = dict(cell.where) if cell.where else {"line": r + 1, "column": col + 1}
    where.setdefault("line", r + 1)
    where.setdefault("column", 1)
    where.setdefault("quote", cell.text)
    if table.page is not None:
        where.setdefault("page", table.page)
    if table.sheet is not None:
        where.setdefault("sheet", table.sheet)
    where["label"] = f"{prefix} · {label}" if prefix else label
    if table.written:  # (a form written as lines: its line and column say where, there is no table to name)
        return where
    origin_row, origin_col = cell.place(r, col)
    first, where["table"] = (0, table.index) if table.split is None or origin_col < table.split[0] else table.split
    where["row"] = origin_row + 1  # (a part printed on the next page: its own table there, counted from its first column)
    where["col"] = origin_col + 1 if table.sheet is not None else _counted_column(table, origin_row, origin_col, first)
    return where
