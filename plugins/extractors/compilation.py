"""A compilation (汇编): one file holding several departments' or projects' self-evaluations one after another, as a
county or city finance bureau publishes them (《XX县2025年度部门整体支出绩效自评报告汇编》: a cover, an 编印说明, a
目录, then each report with its own title, figures and 自评表).

Every part states the same labels (全年预算数, 执行率, 自评得分) for its own subject: read as one report, each part's
figures would be called a conflict with the first's and the department's rates checked against another department's
amounts. A jixiao report is one subject, so the compilation is read as its first part (with the cover before it):
the later parts' prose, department forms and other tables are left out, and said to be (a finding about jixiao, not
the report). Their project forms are kept: each is a project of its own, checked on its own figures, as a report on
several projects is checked.

A compilation is recognised only where it says so (a line with 汇编 before its first part) and holds two or more parts
whose titles differ (a report's own title repeated as a running header is one part)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from jixiao.kit import Finding

from .lazyre import guarded
from .messages import message
from .normalize import SourceLine
from .tables import Document, Table

_COMPILED = guarded(r"汇编")
# a part's title on a line of its own: 秭归县教育局2025年度部门整体支出绩效自评报告; 湄潭县2025年茶园提质增效项目绩效自评报告
_PART_TITLE = guarded(r"^\S.{1,60}?绩效(?:自评|自我评价|评价)报告$")
_DEPARTMENT_FORM = guarded(r"部门整体")
_PROJECT_FORM = guarded(r"项目名称")
_LOOK = 30  # the cover's lines where 汇编 is looked for (its title, its 编印说明)


@dataclass
class Parts:
    """Where each part's title stands (indices into the document's prose) and the titles."""

    starts: list[int]
    titles: list[str]


def parts(prose: list[SourceLine]) -> Parts | None:
    """The parts of a compilation, or None where the document is not one."""
    starts: list[int] = []
    titles: list[str] = []
    for i, line in enumerate(prose):
        if line.table is not None:
            continue
        text = "".join(line.text.split())
        if len(text) > 70 or not _PART_TITLE.match(text) or _COMPILED.search(text):
            continue
        if text in titles:
            continue  # (its 目录's line without a page number, a running header: the part's title again)
        starts.append(i)
        titles.append(text)
    if len(starts) < 2:
        return None
    cover = [line.text for line in prose[:starts[0]] if line.table is None][:_LOOK]
    if not any(_COMPILED.search(text) for text in cover):
        return None
    return Parts(starts, titles)


def first_part(document: Document, found: Parts) -> Document:
    """The document as its first part: the cover and part 1's lines and tables, and the later parts' project forms (a
    project each, read from its table)."""
    end = found.starts[1]
    first_line: dict[int, int] = {}
    for i, line in enumerate(document.prose):
        if line.table is not None:
            first_line.setdefault(line.table, i)
    kept = [t for t in document.tables if first_line.get(t.index, 0) < end or _project_form(t)]
    # (the later forms are read from their tables; none of the later parts' lines is the report's text: a form's
    # signature lines under it, 湄潭县卫生健康局 / 2026年3月20日, would be read as the report's department and date)
    return replace(document, prose=document.prose[:end], tables=kept)


def _project_form(table: Table) -> bool:
    """A project's 自评表: 项目名称 in its first rows, no 部门整体 in them or in its title."""
    head = " ".join(cell.text for row in table.rows[:3] for cell in row)
    above = " ".join(table.before)
    return bool(_PROJECT_FORM.search(head)) and not _DEPARTMENT_FORM.search(head + above)


def said(found: Parts, lang: str) -> Finding:
    """The warning that the file is a compilation read as its first part, naming the parts left out."""
    later = found.titles[1:]
    text = message("compilation", lang, count=len(found.titles), first=found.titles[0],
                   later=("、" if lang == "zh" else "; ").join(later))
    return Finding("JX-EXTRACTION", "extraction", "warning", text, None, None,
                   {"problem": "compilation", "parts": found.titles})
