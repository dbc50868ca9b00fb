"""One self-contained HTML page a finance bureau hands on, read offline.

It leads with a one-page summary a leader can read: how many reports passed, had warnings or errors,
could not be checked or could not be read; the departments, most serious first; the most serious
problems, errors grouped by rule (rule titles in Chinese, never bare ids); SVG charts of errors and
warnings by rule and by department. Then the reports, each on its own printed page (`break-before:
page`): its status, its 问题清单 (errors and warnings, each with its place, the quoted source line with
the figure marked, the stated and computed values side by side) and, folded away in <details>, the
info hints. Nothing only a developer understands: no JSON Pointers (fields are named in Chinese),
no raw value keys.

Nothing is loaded from anywhere: inline CSS, inline SVG, no script, no font or image files.
Every text from a report or a file is escaped.
"""

from __future__ import annotations

from jixiao.kit import html_escape as escape  # control characters shown as \x01, as in every format
from typing import Any, BinaryIO
from collections.abc import Iterator

from jixiao.kit import (AuditBatch, AuditResult, DEPARTMENT_FIELDS, Finding, Location, REPORT_STATUSES,
                        aggregates, counted_batch, text, where as describe_where)

from .labels import category_label, label, rule_title, severity_label, status_text
from .quoting import quoted_lines
from ..extractors.messages import field_name  # the figures' names in words (read only)
from .rows import is_text, is_word
from .sources import SourceLines
from .svgchart import bar_chart, top_rows

MAIN_VALUES = ("stated", "computed", "interval", "expression")
PROBLEMS = ("error", "warning")  # what the 问题清单 lists; info hints are folded away
TOP = 10  # rows of each summary table before the rest is folded away
BLOCK = 1 << 16  # characters written at a time
CHART_BAR = 240  # two charts side by side on a screen or a printed page, at their own size
DATA_SUFFIXES = (".json", ".yaml", ".yml")
# the statuses from the most to the least serious, for sorting departments and colouring
SERIOUSNESS = ("unreadable", "not_checked", "errors", "warnings", "passed")

CSS = """
:root{--error:#c0392b;--warning:#b7860b;--info:#2e86c1;--pass:#2e7d32;--unchecked:#7b3fa0;--unreadable:#6d4c41;--line:#d9dee4;--muted:#5f6b7a}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1100px;padding:24px;font:15px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2933;background:#fff;overflow-wrap:break-word}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 10px;border-bottom:2px solid var(--line);padding-bottom:4px}
h3{font-size:16px;margin:0 0 6px;word-break:break-all}
.meta{color:var(--muted);margin:0}
table{border-collapse:collapse}th,td{border:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top}
th{background:#f3f5f8;font-weight:600}
h4{font-size:15px;margin:12px 0 4px}
.num{text-align:right;font-variant-numeric:tabular-nums}
.scroll{max-width:100%;overflow-x:auto}
.tiles{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0 4px}
.tile{flex:1 1 120px;min-width:0;border:1px solid var(--line);border-top:5px solid var(--muted);border-radius:6px;padding:6px 12px}
.tile b{display:block;font-size:28px;line-height:1.2;font-variant-numeric:tabular-nums}.tile span{color:var(--muted)}
.tile.passed{border-top-color:var(--pass)}.tile.warnings{border-top-color:var(--warning)}.tile.errors{border-top-color:var(--error)}
.tile.not_checked{border-top-color:var(--unchecked)}.tile.unreadable{border-top-color:var(--unreadable)}
.verdict{font-size:16px;margin:8px 0}.attention{border-left:4px solid var(--unchecked);background:#fbf3ff;padding:6px 10px;margin:8px 0}
.overview table{width:100%;margin:4px 0 8px}.overview th{white-space:nowrap}
.overview .cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:0 24px}
.overview h3{margin:14px 0 4px}.overview h4{margin:4px 0}
.zero{color:#b0b8c2}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(400px,1fr));gap:0 24px;margin-top:8px}
.charts figure{margin:12px 0 0;min-width:0}
@media (max-width:700px){.charts{display:block}}figcaption{font-weight:600;margin-bottom:4px}
.chart{display:block;max-width:100%;height:auto}.chart text{font-size:12px;fill:#1f2933}.chart .count{fill:var(--muted)}
.contents th,.contents td{white-space:nowrap}.contents td.file{white-space:normal;word-break:break-all;min-width:14em}
.contents td.name,.departments td:first-child{min-width:9em;white-space:normal}
.report{border:1px solid var(--line);border-radius:6px;padding:14px 16px;margin:16px 0}
.report .file{color:var(--muted);font-size:13px;margin:0 0 6px;word-break:break-all}
.report dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0 0 10px}.report dt{color:var(--muted)}.report dd{margin:0}
.badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:13px;color:#fff;background:var(--muted);white-space:nowrap}
.badge.passed{background:var(--pass)}.badge.warnings{background:var(--warning)}.badge.errors{background:var(--error)}
.badge.not_checked{background:var(--unchecked)}.badge.unreadable{background:var(--unreadable)}
.badge.error{background:var(--error)}.badge.warning{background:var(--warning)}.badge.info{background:var(--info)}
details.hints{margin:10px 0}details.hints summary{cursor:pointer;color:var(--muted)}
.findings{list-style:none;padding:0;margin:0}
.finding{border-left:4px solid var(--muted);padding:6px 10px;margin:10px 0;background:#fafbfc}
.finding.error{border-color:var(--error)}.finding.warning{border-color:var(--warning)}.finding.info{border-color:var(--info)}
.finding .where{color:var(--muted);font-size:13px;margin-left:8px}
.finding p{margin:4px 0}
.src{margin:6px 0;padding:6px 8px;background:#fff;border:1px solid var(--line);white-space:pre-wrap;word-break:break-all;font:13px/1.5 ui-monospace,"SFMono-Regular",Consolas,"Noto Sans Mono CJK SC",monospace}
.src .ln{display:inline-block;min-width:3.5em;color:var(--muted);user-select:none}
.src .file{display:block;color:var(--muted);font-size:12px}
mark.hit{background:#ffd54f;padding:0 1px}mark.rel{background:#cfe3ff;padding:0 1px}
.values{margin:6px 0;font-size:14px}.values td{font-variant-numeric:tabular-nums}
.none{color:var(--muted)}
code{font-family:ui-monospace,"SFMono-Regular",Consolas,monospace;font-size:13px}
.finding .rid{color:var(--muted);font-size:12px}
@media print{
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{max-width:none;padding:0;font-size:12pt}
main>h2{display:none}
.overview{break-after:page}
.report{break-before:page;page-break-before:always;border:0;padding:0;margin:0}
.finding{break-inside:avoid}
a{color:inherit;text-decoration:none}
}
"""


def _e(value: Any) -> str:
    escaped: str = escape("" if value is None else str(value), quote=True)
    return escaped


def _rule_title(rule_id: str, batch: AuditBatch) -> str:
    return rule_title(rule_id, batch.rules, batch.lang)


def _status_counts(batch: AuditBatch) -> dict[str, int]:
    return dict(aggregates(batch.results).statuses)


def _num(value: int) -> str:
    return f'<td class="num{" zero" if not value else ""}">{value}</td>'


def _summary(batch: AuditBatch) -> Iterator[str]:
    """The one page a leader reads: statuses, departments, the most serious problems, the charts;
    in pieces (a batch may name as many departments as it has reports)."""
    lang = batch.lang
    statuses = _status_counts(batch)
    tiles = [f'<div class="tile total"><b>{len(batch.results)}</b><span>{_e(label("html.reports", lang))}</span></div>']
    tiles += [f'<div class="tile {status}"><b>{statuses[status]}</b><span>{_e(status_text(status, lang))}</span></div>'
              for status in REPORT_STATUSES]
    parts = [f'<section class="overview" id="summary"><h2>{_e(label("html.summary", lang))}</h2>',
             f'<div class="tiles">{"".join(tiles)}</div>',
             f'<p class="verdict">{_e(_verdict(batch, statuses))}</p>']
    blocked = statuses["not_checked"] + statuses["unreadable"]
    if blocked:
        parts.append(f'<p class="attention">{_e(label("html.attention", lang, n=blocked))}</p>')
    parts.append(_problems(batch))
    yield from parts
    yield from _departments(batch)
    yield _charts(batch)
    yield "</section>"


def _verdict(batch: AuditBatch, statuses: dict[str, int]) -> str:
    lang = batch.lang
    shown = [label("html.verdict_part", lang, n=statuses[s], status=status_text(s, lang))
             for s in REPORT_STATUSES if statuses[s]]
    joiner = "，" if lang != "en" else ", "
    return label("html.verdict", lang, reports=len(batch.results), parts=joiner.join(shown))


# where the counts of a department (`jixiao.spill.Aggregates.departments`) are, by name
_AT = {name: index for index, name in enumerate(DEPARTMENT_FIELDS)}
_SERIOUS_AT = tuple(_AT[s] for s in (*SERIOUSNESS[:-1], "error", "warning"))


def _department_table(batch: AuditBatch) -> list[tuple[str, list[int]]]:
    """(name, counts in DEPARTMENT_FIELDS order), the most serious first. The counts are the batch's
    own lists (no copy) unless two departments share a name here (none named: 未注明部门)."""
    unknown = label("html.unknown_department", batch.lang)
    table: dict[str, list[int]] = {}
    for department, counts in aggregates(batch.results).departments.items():
        name = department or unknown
        known = table.get(name)
        table[name] = counts if known is None else [a + b for a, b in zip(known, counts, strict=True)]
    # the most serious first: reports that could not be read or checked, then with errors, …
    return sorted(table.items(), key=lambda item: (*(-item[1][i] for i in _SERIOUS_AT), item[0]))


def _departments(batch: AuditBatch) -> Iterator[str]:
    lang = batch.lang
    rows = _department_table(batch)
    head = (f'<tr><th>{_e(label("html.department", lang))}</th><th>{_e(label("html.reports", lang))}</th>'
            + "".join(f'<th>{_e(status_text(s, lang))}</th>' for s in REPORT_STATUSES)
            + f'<th>{_e(label("html.errors_n", lang))}</th><th>{_e(label("html.warnings_n", lang))}</th></tr>')

    def line(name: str, counts: list[int]) -> str:  # the columns are DEPARTMENT_FIELDS, in order
        return f"<tr><td>{_e(name)}</td>" + "".join(_num(n) for n in counts) + "</tr>"

    yield f'<h3>{_e(label("html.by_department_status", lang))}</h3>'
    yield f'<div class="scroll"><table class="departments">{head}{"".join(line(*row) for row in rows[:TOP])}</table></div>'
    if len(rows) > TOP:
        yield (f'<details><summary>{_e(label("html.more_departments", lang, n=len(rows) - TOP))}</summary>'
               f'<div class="scroll"><table class="departments">{head}')
        for row in rows[TOP:]:
            yield line(*row)
        yield "</table></div></details>"


def _problems(batch: AuditBatch) -> str:
    """Errors grouped by rule, most frequent first; then warnings the same way."""
    lang = batch.lang
    # rule id → [findings, reports with such a finding, …], counted as the results arrived
    grouped: dict[str, dict[str, list[int]]] = {severity: {} for severity in PROBLEMS}
    for rule_id, by_severity in aggregates(batch.results).rules.items():
        for severity in PROBLEMS:
            if severity in by_severity:
                grouped[severity][rule_id] = by_severity[severity]
    out = [f'<h3>{_e(label("html.top_problems", lang))}</h3>']
    if not any(grouped.values()):
        out.append(f'<p class="none">{_e(label("html.no_problems", lang))}</p>')
        return "".join(out)
    head = (f'<tr><th>{_e(label("html.rule", lang))}</th><th>{_e(label("html.times", lang))}</th>'
            f'<th>{_e(label("html.reports_involved", lang))}</th></tr>')
    columns = []
    for severity in PROBLEMS:
        rules = sorted(grouped[severity].items(), key=lambda item: (-item[1][0], _rule_title(item[0], batch), item[0]))
        if not rules:
            continue
        body = "".join(f'<tr><td class="rule">{_e(_rule_title(rule_id, batch))}</td>{_num(counts[0])}'
                       f'{_num(counts[1])}</tr>' for rule_id, counts in rules[:TOP])
        caption = label("html.problems_of", lang, severity=severity_label(severity, lang))
        column = [f'<h4><span class="badge {severity}">{_e(caption)}</span></h4>'
                  f'<div class="scroll"><table class="problems {severity}">{head}{body}</table></div>']
        if len(rules) > TOP:
            column.append(f'<p class="none">{_e(label("html.more_rules", lang, n=len(rules) - TOP))}</p>')
        columns.append(f'<div>{"".join(column)}</div>')
    out.append(f'<div class="cols">{"".join(columns)}</div>')
    return "".join(out)


def _charts(batch: AuditBatch) -> str:
    """Errors and warnings by rule (labelled with the rules' titles) and by department."""
    lang = batch.lang
    counted = aggregates(batch.results)
    unknown = label("html.unknown_department", lang)
    # rules in the order their first error or warning was found (equal titles keep that order)
    problem_rules = sorted(((min(by_severity[s][2] for s in PROBLEMS if s in by_severity), rule_id)
                            for rule_id, by_severity in counted.rules.items()
                            if any(s in by_severity for s in PROBLEMS)))
    by_rule = {rule_id: {s: counted.rules[rule_id][s][0] for s in PROBLEMS if s in counted.rules[rule_id]}
               for _, rule_id in problem_rules}
    by_department: dict[str, dict[str, int]] = {}
    for department, entry in counted.departments.items():
        problems = dict(zip(PROBLEMS, entry[-2:], strict=True))  # DEPARTMENT_FIELDS end with error, warning
        if any(problems.values()):
            counts = by_department.setdefault(department or unknown, {})
            for severity, n in problems.items():
                if n:
                    counts[severity] = counts.get(severity, 0) + n
    other = label("html.other_rows", lang)
    rule_rows = [(_rule_title(rule_id, batch), counts) for rule_id, counts in by_rule.items()]
    figures = []
    for key, rows in (("html.by_rule", rule_rows), ("html.by_department", list(by_department.items()))):
        title = label(key, lang)
        if rows:
            chart = bar_chart(title, top_rows(rows, other), lang, severities=PROBLEMS, bar_width=CHART_BAR)
        else:
            chart = f'<p class="none">{_e(label("html.no_findings_chart", lang))}</p>'
        figures.append(f"<figure><figcaption>{_e(title)}</figcaption>{chart}</figure>")
    return f'<div class="charts">{"".join(figures)}</div>'


def _contents(batch: AuditBatch) -> Iterator[str]:
    """The table of contents, a row per report, made as the batch is read."""
    lang = batch.lang
    head = (f'<tr><th>#</th><th>{_e(label("html.department", lang))}</th><th>{_e(label("html.fiscal_year", lang))}</th>'
            f'<th>{_e(label("html.status", lang))}</th><th>{_e(label("html.errors_n", lang))}</th>'
            f'<th>{_e(label("html.warnings_n", lang))}</th><th>{_e(label("html.file", lang))}</th></tr>')
    yield f'<nav class="contents"><h2>{_e(label("html.contents", lang))}</h2><div class="scroll"><table>{head}'
    for index, result in enumerate(batch.results, start=1):
        status, counts = result.status, result.counts
        name = result.department or label("html.unknown_department", lang)
        yield (f'<tr><td class="num">{index}</td><td class="name"><a href="#report-{index}">{_e(name)}</a></td>'
               f'<td>{_e(result.fiscal_year or "")}</td>'
               f'<td><span class="badge {status}">{_e(status_text(status, lang))}</span></td>'
               f'{_num(counts.get("error", 0))}{_num(counts.get("warning", 0))}'
               f'<td class="file">{_e(result.source)}</td></tr>')
    yield "</table></div></nav>"


def _values(finding: Finding, lang: str) -> str:
    """The stated and computed figures (and the allowed range, the sum behind them), labelled in words;
    any other value a kind keeps is for machines and stays out."""
    values = finding.to_dict()["values"]
    shown = [key for key in MAIN_VALUES if values.get(key) not in (None, "", [])]
    if not shown:
        return ""

    def show(key: str, value: Any) -> str:
        if isinstance(value, list):  # an interval is a pair of bounds; any other list is a list
            return (" ~ " if key == "interval" else "、" if lang != "en" else ", ").join(map(str, value))
        return str(value)

    head = "".join(f"<th>{_e(label(f'col.{key}', lang))}</th>" for key in shown)
    body = "".join(f"<td>{_e(show(key, values[key]))}</td>" for key in shown)
    return f'<div class="scroll"><table class="values"><tr>{head}</tr><tr>{body}</tr></table></div>'


def _place(result: AuditResult, location: Location | None, lang: str) -> str:
    """Where a reviewer finds the figure: a table or sheet cell, a Word paragraph, a PDF page and line,
    or a line and column."""
    if location is None:
        return label("html.no_location", lang)
    if location.picture:
        where = describe_where(location, lang, paragraphs=is_word(result, location))
    elif (location.table and location.row and location.col) or (location.sheet and location.cell):
        where = describe_where(location, lang, text_lines=is_text(result, location))
    elif is_word(result, location):
        where = label("html.paragraph", lang, n=location.line)
    elif location.page:
        where = describe_where(location, lang)
    else:
        where = label("html.line_col", lang, line=location.line, column=location.column)
    if location.label:
        where += f"（{location.label}）" if lang != "en" else f" ({location.label})"
    return where


def _field(finding: Finding, lang: str) -> str | None:
    """The report field a finding is about, named in words (never a JSON Pointer); None where the
    place already says it or no name is known."""
    if finding.location is not None and finding.location.label:
        return None
    return _field_name(finding.pointer, lang)


def _field_name(pointer: str | None, lang: str) -> str | None:
    if not pointer:
        return None
    name = field_name(pointer, lang)
    return None if name == pointer or name.startswith("/") else name


def _message(finding: Finding, lang: str) -> str:
    """The finding's message; a schema violation's (a JSON Pointer and a validator's words) is put in
    words a reviewer reads: what is wrong and with which field."""
    if finding.rule_id != "JX-SCHEMA":
        return finding.message
    name = _field_name(finding.pointer, lang)
    return label("html.schema_problem", lang) + (f"：{name}" if lang != "en" and name else f": {name}" if name else "")


def _finding(result: AuditResult, finding: Finding, batch: AuditBatch, sources: SourceLines) -> str:
    lang = batch.lang
    severity = finding.severity
    where = _place(result, finding.location, lang)
    title = _rule_title(finding.rule_id, batch)
    rule_id = f' <span class="rid">{_e(finding.rule_id)}</span>' if title != finding.rule_id else ""
    out = [f'<li class="finding {_e(severity)}"><div>'
           f'<span class="badge {_e(severity)}">{_e(severity_label(severity, lang))}</span> '
           f"<strong>{_e(title)}</strong>{rule_id} "
           f'<span class="where">{_e(category_label(finding.category, lang))} · {_e(where)}</span></div>',
           f"<p>{_e(_message(finding, lang))}</p>"]
    # quote the report's own text; a JSON or YAML data file is not for reading (its place is given above)
    lines = [q for q in quoted_lines(result, finding, sources) if not q.path.lower().endswith(DATA_SUFFIXES)]
    if lines:
        out.append('<pre class="src">')
        shown_path = None
        for quoted in lines:
            if quoted.path != shown_path:
                out.append(f'<span class="file">{_e(label("html.source_line", lang))}: {_e(quoted.path)}</span>')
                shown_path = quoted.path
            out.append(f'<span class="ln">{quoted.number}</span>{quoted.html()}\n')
        out.append("</pre>")
    elif finding.location is not None and finding.location.quote:
        out.append(f'<p>{_e(label("html.quote", lang))}: <mark class="hit">{_e(finding.location.quote)}</mark></p>')
    out.append(_values(finding, lang))
    field = _field(finding, lang)
    if field:
        out.append(f'<p class="none">{_e(label("html.field", lang))}：{_e(field)}</p>' if lang != "en"
                   else f'<p class="none">{_e(label("html.field", lang))}: {_e(field)}</p>')
    out.append("</li>")
    return "".join(out)


def _counts_text(result: AuditResult, lang: str) -> str:
    counts = result.counts
    return label("html.counts", lang, error=counts.get("error", 0), warning=counts.get("warning", 0),
                 info=counts.get("info", 0))


def _report(index: int, result: AuditResult, batch: AuditBatch, sources: SourceLines) -> str:
    """One report, printable on its own page: status, 问题清单 (errors and warnings), hints folded away."""
    lang = batch.lang
    status = result.status
    heading = result.department or label("html.unknown_department", lang)
    if result.fiscal_year is not None:
        heading += " · " + label("html.year", lang, year=result.fiscal_year)
    facts = [
        (label("html.status", lang),
         f'<span class="badge {status}">{_e(status_text(status, lang))}</span> {_e(_counts_text(result, lang))}'),
    ]
    if result.rule_runs:
        facts.append((label("html.checked", lang), _e(text("text.rules", lang, **result.rule_counts))))
    if result.packs:
        facts.append((label("html.packs", lang),
                      _e(", ".join(f"{p.get('name', '')} {p.get('version', '')}".strip() for p in result.packs))))
    if result.suppressed:
        facts.append((label("html.suppressed", lang), _e(str(len(result.suppressed)))))
    dl = "".join(f"<dt>{_e(name)}</dt><dd>{value}</dd>" for name, value in facts)
    out = [f'<section class="report {status}" id="report-{index}"><h3>{_e(heading)}</h3>'
           f'<p class="file">{_e(label("html.file", lang))}{"：" if lang != "en" else ": "}{_e(result.source)}</p>'
           f'<dl>{dl}</dl>']
    if status == "not_checked":
        out.append(f'<p class="attention">{_e(label("html.not_checked_note", lang, evaluated=result.evaluated, minimum=result.min_evaluated))}</p>')
    problems = [f for f in result.findings if f.severity in PROBLEMS]
    hints = [f for f in result.findings if f.severity not in PROBLEMS]
    out.append(f'<h4>{_e(label("html.problem_list", lang))}</h4>')
    if problems:
        out.append('<ol class="findings">')
        out.extend(_finding(result, finding, batch, sources) for finding in problems)
        out.append("</ol>")
    else:
        out.append(f'<p class="none">{_e(label("html.no_problems_report", lang))}</p>')
    if hints:
        out.append(f'<details class="hints"><summary>{_e(label("html.hints", lang, n=len(hints)))}</summary>'
                   '<ol class="findings">')
        out.extend(_finding(result, finding, batch, sources) for finding in hints)
        out.append("</ol></details>")
    out.append("</section>")
    return "".join(out)


def to_html(batch: AuditBatch) -> str:
    """The whole page as text (in memory: for a small batch; `write` streams)."""
    return "".join(_page(counted_batch(batch)))


def _page(batch: AuditBatch) -> Iterator[str]:
    """The page in pieces: the summary from the batch's counts, then the contents and the reports,
    each a pass over the batch, a report at a time."""
    lang = batch.lang
    title = label("html.title", lang)
    packs = ", ".join(f"{p.get('name', '')} {p.get('version', '')}".strip() for p in batch.packs) \
        or label("html.packs_auto", lang)
    sources = SourceLines()
    yield from [
        "<!DOCTYPE html>\n",
        f'<html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>\n",
        f"<header><h1>{_e(title)}</h1><p class=\"meta\">{_e(label('html.generated_by', lang, version=batch.tool_version))}"
        f" · {_e(label('html.packs', lang))}: {_e(packs)}</p></header>\n",
    ]
    yield from _summary(batch)
    yield "\n"
    yield from _contents(batch)
    yield "\n"
    yield f'<main><h2>{_e(label("html.reports_heading", lang))}</h2>\n'
    for index, result in enumerate(batch.results, start=1):
        yield _report(index, result, batch, sources)
        yield "\n"
    yield "</main></body></html>\n"


def write(batch: AuditBatch, stream: BinaryIO, options: dict[str, Any] | None = None) -> None:
    block: list[str] = []
    size = 0
    for part in _page(counted_batch(batch)):
        block.append(part)
        size += len(part)
        if size >= BLOCK:
            stream.write("".join(block).encode("utf-8", "replace"))
            block, size = [], 0
    stream.write("".join(block).encode("utf-8", "replace"))
