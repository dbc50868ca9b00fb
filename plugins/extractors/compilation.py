"""A compilation (汇编): one file holding several departments' or projects' self-evaluations one after another, as a
county or city finance bureau publishes them (《XX县2025年度部门整体支出绩效自评报告汇编》: a cover, an 编印说明, a
目录, then each report with its own title, figures and 自评表).

Every part states the same labels (全年预算数, 执行率, 自评得分) for its own subject: read as one report, each part's
figures would be called a conflict with the first's and the department's rates checked against another department's
amounts. A jixiao report is one subject, so each part is read as a report of its own: the first (with the cover
before it) is the file's report, and every later one an `Extraction.parts` entry, checked on its own figures, its
findings in the same result opening with its label (第 3 篇“…”：). An info says the file is a compilation.

A compilation is recognised only where it says so (a line with 汇编 before its first part) and holds two or more parts
whose titles differ (a report's own title repeated as a running header is one part).

A workbook binds its departments another way: one 部门整体支出绩效自评表 a sheet (a county's 汇编 of them, often after a
汇总 sheet). Where two or more sheets each open a department form of a department of their own, each is a part
(`sheet_parts`): the sheets from one such form to the next, the first with the sheets before it. A department's own
workbook (its form, then one 项目支出绩效自评表 a sheet) is one report."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from jixiao.kit import MISSING, Extraction, Finding, Location, decimals_of, resolve, round_half_up, where as where_text

from .lazyre import guarded
from .messages import message
from .normalize import SourceLine, compact
from .selftable import SUMMARY_TOTAL, cell_grade, cell_number, cell_where, same_figure, summary_header
from .tables import Document
from .values import as_stated

_COMPILED = guarded(r"汇编")
# a part's title on a line of its own: 秭归县教育局2025年度部门整体支出绩效自评报告; 湄潭县2025年茶园提质增效项目绩效自评报告
_PART_TITLE = guarded(r"^\S.{1,60}?绩效(?:自评|自我评价|评价)报告$")
_LOOK = 30  # the cover's lines where 汇编 is looked for (its title, its 编印说明)


@dataclass
class Parts:
    """Where each part's title stands (indices into the document's prose) and the titles."""

    starts: list[int]
    titles: list[str]
    sheets: bool = False  # `starts` index the document's tables (a workbook's sheets), not its prose
    contents: frozenset[int] = frozenset()  # the lines of a 目录 listing the parts (no part's text)


# a 目录 entry's number before a part's title: 一、秭归县教育局…报告, 1. …, （一）…, 第一篇 …
_ENTRY_NUMBER = guarded(r"^(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．]|[(（][一二三四五六七八九十\d]{1,2}[)）]|第[一二三四五六七八九十\d]{1,2}篇)")


def parts(prose: list[SourceLine]) -> Parts | None:
    """The parts of a compilation, or None where the document is not one. A 目录 listing the parts' titles (their lines
    one after another, without page numbers, numbered or not) is no part: each part starts where its title stands again."""
    found: list[tuple[int, str, str]] = []  # (line, the title without a 目录's number, the title as written)
    for i, line in enumerate(prose):
        if line.table is not None:
            continue
        text = "".join(line.text.split())
        if len(text) > 70 or not _PART_TITLE.match(text) or _COMPILED.search(text):
            continue
        key = text[m.end():] if (m := _ENTRY_NUMBER.match(text)) else text
        found.append((i, key, text))
    toc = _contents(prose, found)
    starts: list[int] = []
    titles: list[str] = []
    keys: list[str] = []
    for i, key, text in found:
        if i in toc or key in keys:
            continue  # (its 目录's line, a running header: the part's title again)
        starts.append(i)
        titles.append(text)
        keys.append(key)
    if len(starts) < 2:
        return None
    cover = [line.text for line in prose[:starts[0]] if line.table is None][:_LOOK]
    if not any(_COMPILED.search(text) for text in cover):
        return None
    return Parts(starts, titles, contents=frozenset(toc))


def _contents(prose: list[SourceLine], found: list[tuple[int, str, str]]) -> set[int]:
    """The lines of a 目录 among the titles found: two or more titles on lines one after another (blank lines
    between them at most), each of which stands again later."""
    runs: list[list[tuple[int, str]]] = []
    for i, key, _ in found:
        if runs and all(not prose[j].text.strip() for j in range(runs[-1][-1][0] + 1, i)):
            runs[-1].append((i, key))
        else:
            runs.append([(i, key)])
    out: set[int] = set()
    for run in runs:
        last = run[-1][0]
        if len(run) >= 2 and all(any(j > last and k == key for j, k, _ in found) for _, key in run):
            out.update(i for i, _ in run)
    return out


# a department form's title: 阳城县自然资源局2025年度部门整体支出绩效自评表 (the department's name before the year)
_DEPARTMENT_FORM = guarded(r"^(\S{0,40}?)(?:20\d{2}年度?)?部门(?:（单位）)?整体(?:支出)?绩效自评表$")
# the form's own name row: 部门（单位）名称 | 阳城县自然资源局
_NAME_LABEL = guarded(r"^(?:部门（单位）|主管部门|部门|单位|预算单位)名称[:：]?$")
_HEAD_ROWS = 6  # the rows of a sheet where its title and its name row stand


def sheet_parts(document: Document) -> Parts | None:
    """A workbook of several departments' forms, one a sheet: where each part starts (a table's position among the
    document's tables) and its form's title; None where fewer than two sheets open a form of a department of their own."""
    starts: list[int] = []
    titles: list[str] = []
    names: list[str] = []
    for k, table in enumerate(document.tables):
        if table.sheet is None or starts and document.tables[starts[-1]].sheet == table.sheet:
            continue
        head = [["".join(cell.text.split()) for _, cell in table.distinct(r)] for r in range(min(_HEAD_ROWS, len(table.rows)))]
        texts = [text for row in head for text in row if text]
        title = next((found for text in texts[:2] if (found := _DEPARTMENT_FORM.match(text))), None)  # (附件2 above it)
        if title is None:
            continue
        name = next((row[j + 1] for row in head for j, text in enumerate(row[:-1])
                     if _NAME_LABEL.match(text) and row[j + 1]), title.group(1))
        if not name or name in names:
            continue  # (no department named; the same department's form going on over a second sheet)
        starts.append(k)
        titles.append(title.group(0) if title.group(1) else f"{name}{title.group(0)}")
        names.append(name)
    return Parts(starts, titles, sheets=True) if len(starts) >= 2 else None


def part(document: Document, found: Parts, k: int) -> Document:
    """The document as its part `k` (0-based): its lines and the tables that start among them; the first part with the
    cover before it (and the tables no line places, a workbook's). A workbook's part: its sheets, and their lines."""
    if found.sheets:
        start, end = _bounds(found, k, len(document.tables))
        tables = document.tables[start:end]
        held = {t.index for t in tables}
        prose = [line for line in document.prose if line.table in held or k == 0 and line.table is None]
        return replace(document, prose=prose, tables=tables, findings=[] if k else document.findings)
    start, end = _bounds(found, k, len(document.prose))
    prose = [line for i, line in enumerate(document.prose[start:end], start) if i not in found.contents]
    first_line: dict[int, int] = {}
    for i, line in enumerate(document.prose):
        if line.table is not None:
            first_line.setdefault(line.table, i)
    kept = [t for t in document.tables if start <= first_line.get(t.index, 0) < end]
    # (none of the other parts' lines is this one's text: a form's signature lines under it, 湄潭县卫生健康局 /
    # 2026年3月20日, would be read as the report's department and date)
    return replace(document, prose=prose, tables=kept, findings=[] if k else document.findings)


def lines_of(lines: list[SourceLine], found: Parts, k: int) -> list[SourceLine]:
    """A compilation's part `k` (0-based) of lines of text alone; the first with the cover before it (without a 目录's
    lines: its titles are the other parts')."""
    start, end = _bounds(found, k, len(lines))
    return [line for i, line in enumerate(lines[start:end], start) if i not in found.contents]


def _bounds(found: Parts, k: int, size: int) -> tuple[int, int]:
    """Where part `k` (0-based) starts and ends among `size` lines: the first from the cover on, the last to the end."""
    return 0 if k == 0 else found.starts[k], found.starts[k + 1] if k + 1 < len(found.starts) else size


def label(found: Parts, k: int, lang: str) -> str:
    """What opens each message of part `k` (0-based, 1 or later): 第 2 篇“秭归县卫生健康局…报告”："""
    return message("compilation_part", lang, number=k + 1, title=found.titles[k])


def said(found: Parts, lang: str) -> Finding:
    """The info that the file is a compilation whose reports were checked one by one, naming them."""
    text = message("compilation", lang, count=len(found.titles), first=found.titles[0],
                   later=("、" if lang == "zh" else "; ").join(found.titles[1:]))
    return Finding("JX-EXTRACTION", "extraction", "info", text, None, None,
                   {"problem": "compilation", "parts": found.titles})


# A compilation's 汇总表 (one row per part: 部门名称 · 年初预算数 · 全年预算数 · 全年执行数 · 执行率 · 自评得分 · 自评等级)
# states each part's own figures a second time: where a row names a part's subject, the two are the same figures of the
# same subject, and where they differ at least one is wrong (JX-CONFLICT on that part, at the 汇总's cell, the part's
# cell related). Money stated in 元 on one side and 万元 on the other, a rate as a fraction (0.9847) and a figure
# restated to fewer places are the same figure.
_SUMMARY_NAMES = ("部门名称", "单位名称", "部门（单位）名称", "部门(单位)名称", "预算单位名称", "预算单位", "部门", "单位",
                  "项目名称", "项目")
_SUMMARY_FIGURES = (
    ("initial_budget", ("年初预算数", "年初预算"), "年初预算数"),
    ("adjusted_budget", ("全年预算数", "全年预算", "调整后预算数", "调整后预算"), "全年预算数"),
    ("executed", ("全年执行数", "全年执行", "执行数", "实际支出数", "实际支出", "全年支出数"), "全年执行数"),
    ("execution_rate", ("执行率", "预算执行率", "全年执行率"), "执行率"),
    ("total_score", ("自评得分", "自评分数", "总得分", "得分", "总分"), "自评得分"),
    ("grade", ("自评等级", "评价等级", "等级", "自评结果"), "自评等级"),
)
_OVERALL_KEYS = {"executed": "final", "total_score": "score"}  # (a report read from its prose: /overall's names)


def summary_conflicts(document: Document, reports: list[Extraction], lang: str, paragraphs: bool = False) -> None:
    """Add to each part's findings (`reports[k]`: part k's extraction) a JX-CONFLICT for each figure a summary table of
    the compilation states for the part's subject otherwise than the part itself. `paragraphs`: the source's lines are
    paragraphs (Word, a web page)."""
    subjects = [_subject(extraction.report) for extraction in reports]
    for table in document.tables:
        header_row, columns, name_col = summary_header(table, _SUMMARY_NAMES, _SUMMARY_FIGURES)
        if header_row is None or name_col is None:
            continue
        for r in range(header_row + 1, len(table.rows)):
            name_cell = table.cell(r, name_col)
            name = compact(name_cell.clean) if name_cell is not None else ""
            if not name or SUMMARY_TOTAL.match(name) or (k := _named(name, subjects)) is None:
                continue
            base, report = subjects[k][1], reports[k].report
            for col, (key, label) in columns.items():
                cell = table.cell(r, col)
                pointer = f"{base}/{_OVERALL_KEYS.get(key, key) if base == '/overall' else key}"
                stated = _at(report, pointer)
                if cell is None or not cell.clean or stated is None or pointer not in report.get("provenance", {}):
                    continue
                second: Any = cell_grade(cell.clean) if key == "grade" else cell_number(cell.clean)
                if second is None or _same(key, stated, second) or key == "execution_rate" and _follows(report, base, second):
                    continue  # (a rate that follows from the part's own amounts: the part's rate is the one to check)
                form_place = Location.from_dict(report["provenance"][pointer])
                summary_place = Location.from_dict(cell_where((table, r, col, cell, label), "汇总"))
                reports[k].findings.append(Finding(
                    "JX-CONFLICT", "arithmetic", "warning",
                    message("part_summary_conflict", lang, name=subjects[k][0], what=label,
                            summary=where_text(summary_place, lang, paragraphs=paragraphs), second=cell.clean,
                            form=where_text(form_place, lang, paragraphs=paragraphs),
                            first=report["provenance"][pointer].get("quote") or as_stated(stated)),
                    pointer, summary_place, {"first": stated, "second": second, "summary": True},
                    related=[form_place]))


def _subject(report: dict[str, Any]) -> tuple[str, str]:
    """A part's subject's name and where its own figures stand: its 部门整体 form, its one project's form, or the
    figures read from its prose (/overall)."""
    if isinstance(table := report.get("department_table"), dict) and table.get("name"):
        return str(table["name"]), "/department_table"
    projects = report.get("projects")
    if isinstance(projects, list) and len(projects) == 1 and projects[0].get("name"):
        return str(projects[0]["name"]), "/projects/0"
    department = report.get("department") or {}
    return str(department.get("name") or ""), "/overall"


def _named(name: str, subjects: list[tuple[str, str]]) -> int | None:
    """Which part a summary row's name names: the one whose subject it is, in full or as its end (农业农村局 for
    永丰县农业农村局; 4 characters at least), and no other's; None for none or several."""
    names = [compact(subject) for subject, _ in subjects]
    if name in names:
        return names.index(name) if names.count(name) == 1 else None
    if len(name) < 4:
        return None
    found = [k for k, whole in enumerate(names) if whole and (whole.endswith(name) or len(whole) >= 4 and name.endswith(whole))]
    return found[0] if len(found) == 1 else None


def _at(report: dict[str, Any], pointer: str) -> Any:
    """The report's value at `pointer`, or None where it states none."""
    value = resolve(report, pointer)
    return None if value is MISSING else value


def _follows(report: dict[str, Any], base: str, rate: Decimal) -> bool:
    """Whether a summary's rate is the part's own executed ÷ budget (as a percentage or a fraction of one, rounded half
    up to the places the summary states)."""
    executed = _at(report, f"{base}/{'final' if base == '/overall' else 'executed'}")
    budget = _at(report, f"{base}/adjusted_budget")
    if budget is None:
        budget = _at(report, f"{base}/initial_budget")
    if not isinstance(executed, Decimal) or not isinstance(budget, Decimal) or not budget:
        return False
    computed = executed / budget * (100 if rate > Decimal("1.5") else 1)
    return round_half_up(computed, decimals_of(rate)) == rate


def _same(key: str, stated: Any, second: Any) -> bool:
    """The same figure: stated alike or to fewer places; a rate as a fraction of one (0.9847 for 98.47); an amount
    in 元 on one side and 万元 on the other."""
    if not isinstance(stated, Decimal) or not isinstance(second, Decimal):
        return same_figure(stated, second)
    scales = (Decimal(1), Decimal(100)) if key == "execution_rate" else \
        (Decimal(1),) if key == "total_score" else (Decimal(1), Decimal(10000), Decimal("0.0001"))
    return any(same_figure(stated, second * scale) for scale in scales)
