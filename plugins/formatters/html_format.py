"""One self-contained HTML page for reviewers, read offline: a summary of the batch, SVG charts of
findings by rule and by department, then every report with its findings, the quoted source line
with the figure marked, and the stated and computed values side by side.

Nothing is loaded from anywhere: inline CSS, inline SVG, no script, no font or image files.
Every text from a report or a file is escaped.
"""

from __future__ import annotations

from html import escape
from typing import Any, BinaryIO

from jixiao.i18n import text
from jixiao.i18n import where as describe_where
from jixiao.model import SEVERITIES, AuditBatch, AuditResult, Finding
from jixiao.registry import Formatter

from .labels import category_label, engine_rule_title, label, severity_label
from .quoting import quoted_lines
from .sources import SourceLines
from .svgchart import bar_chart, top_rows

MAIN_VALUES = ("stated", "computed", "interval", "expression")
HIDDEN_VALUES = frozenset({"detail", "verdict", "file"})  # file: the report's own path, shown above

CSS = """
:root{--error:#c0392b;--warning:#b7860b;--info:#2e86c1;--pass:#2e7d32;--line:#d9dee4;--muted:#5f6b7a}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1100px;padding:24px;font:15px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2933;background:#fff}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 10px;border-bottom:2px solid var(--line);padding-bottom:4px}
h3{font-size:16px;margin:0 0 6px;word-break:break-all}
.meta{color:var(--muted);margin:0}
table{border-collapse:collapse}th,td{border:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top}
th{background:#f3f5f8;font-weight:600}
.stats td{text-align:right;font-variant-numeric:tabular-nums;font-size:18px}
.charts{display:flex;flex-wrap:wrap;gap:24px}.charts figure{margin:0}figcaption{font-weight:600;margin-bottom:4px}
.chart text{font-size:12px;fill:#1f2933}.chart .count{fill:var(--muted)}
nav ol{padding-left:24px}nav li{margin:2px 0}
.report{border:1px solid var(--line);border-radius:6px;padding:14px 16px;margin:16px 0}
.report dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0 0 10px}.report dt{color:var(--muted)}.report dd{margin:0}
.badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:13px;color:#fff;background:var(--muted)}
.badge.pass{background:var(--pass)}.badge.fail{background:var(--error)}.badge.unreadable{background:#6d4c41}
.badge.error{background:var(--error)}.badge.warning{background:var(--warning)}.badge.info{background:var(--info)}
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
@media print{body{max-width:none;padding:0}.report{break-inside:avoid-page}}
"""


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _rule_title(rule_id: str, batch: AuditBatch) -> str:
    rule = batch.rules.get(rule_id)
    return (rule.title if rule is not None else None) or engine_rule_title(rule_id, batch.lang) or ""


def _summary(batch: AuditBatch) -> str:
    lang = batch.lang
    summary = batch.summary()
    statuses = {"pass": 0, "fail": 0, "unreadable": 0}
    for result in batch.results:
        statuses[result.status] = statuses.get(result.status, 0) + 1
    cells = [
        (label("html.reports", lang), summary["reports"]),
        (label("html.passed", lang), statuses["pass"]),
        (label("html.failed", lang), statuses["fail"]),
        (label("html.unreadable", lang), statuses["unreadable"]),
        *((severity_label(s, lang), summary.get(s, 0)) for s in SEVERITIES),
    ]
    head = "".join(f"<th>{_e(name)}</th>" for name, _ in cells)
    body = "".join(f"<td>{value}</td>" for _, value in cells)
    return f'<section><h2>{_e(label("html.summary", lang))}</h2><table class="stats"><tr>{head}</tr><tr>{body}</tr></table></section>'


def _charts(batch: AuditBatch) -> str:
    lang = batch.lang
    by_rule: dict[str, dict[str, int]] = {}
    by_department: dict[str, dict[str, int]] = {}
    unknown = label("html.unknown_department", lang)
    for result in batch.results:
        department = result.department or unknown
        for finding in result.findings:
            for table, key in ((by_rule, finding.rule_id), (by_department, department)):
                counts = table.setdefault(key, {})
                counts[finding.severity] = counts.get(finding.severity, 0) + 1
    other = "…+{n}"
    figures = []
    for key, table in (("html.by_rule", by_rule), ("html.by_department", by_department)):
        title = label(key, lang)
        if table:
            chart = bar_chart(title, top_rows(list(table.items()), other), lang)
        else:
            chart = f'<p class="none">{_e(label("html.no_findings_chart", lang))}</p>'
        figures.append(f"<figure><figcaption>{_e(title)}</figcaption>{chart}</figure>")
    return f'<section class="charts">{"".join(figures)}</section>'


def _contents(batch: AuditBatch) -> str:
    lang = batch.lang
    items = []
    for index, result in enumerate(batch.results, start=1):
        status = result.status
        items.append(f'<li><a href="#report-{index}">{_e(result.source)}</a> '
                     f'<span class="badge {status}">{_e(label("html.status." + status, lang))}</span> '
                     f'{_e(result.department or "")} {_counts(result, lang)}</li>')
    return f'<nav><h2>{_e(label("html.contents", lang))}</h2><ol>{"".join(items)}</ol></nav>'


def _counts(result: AuditResult, lang: str) -> str:
    counts = result.counts
    return " ".join(f'<span class="badge {s}">{_e(severity_label(s, lang))} {counts[s]}</span>'
                    for s in SEVERITIES if counts.get(s))


def _values(finding: Finding, lang: str) -> str:
    values = finding.to_dict()["values"]
    shown = [key for key in MAIN_VALUES if values.get(key) not in (None, "", [])]
    if not shown:
        shown = [key for key in values if key not in HIDDEN_VALUES and values[key] not in (None, "", [])]
    if not shown:
        return ""

    def show(key: str, value: Any) -> str:
        if isinstance(value, list):  # an interval is a pair of bounds; any other list is a list
            return (" ~ " if key == "interval" else "、" if lang != "en" else ", ").join(map(str, value))
        return str(value)

    def name(key: str) -> str:
        return label(f"col.{key}", lang) if key in MAIN_VALUES else key

    head = "".join(f"<th>{_e(name(key))}</th>" for key in shown)
    body = "".join(f"<td>{_e(show(key, values[key]))}</td>" for key in shown)
    return f'<table class="values"><tr>{head}</tr><tr>{body}</tr></table>'


def _finding(result: AuditResult, finding: Finding, batch: AuditBatch, sources: SourceLines) -> str:
    lang = batch.lang
    severity = finding.severity
    if finding.location is not None and (finding.location.table or finding.location.sheet):
        where = describe_where(finding.location, lang)
        if finding.location.label:
            where += f"（{finding.location.label}）"
    elif finding.location is not None:
        where = label("html.line_col", lang, line=finding.location.line, column=finding.location.column)
    else:
        where = label("html.no_location", lang)
    title = _rule_title(finding.rule_id, batch)
    out = [f'<li class="finding {_e(severity)}"><div>'
           f'<span class="badge {_e(severity)}">{_e(severity_label(severity, lang))}</span> '
           f"<code>{_e(finding.rule_id)}</code> {_e(title)} "
           f'<span class="where">{_e(category_label(finding.category, lang))} · {_e(where)}</span></div>',
           f"<p>{_e(finding.message)}</p>"]
    lines = quoted_lines(result, finding, sources)
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
    if finding.pointer:
        out.append(f'<p class="none">{_e(label("html.field", lang))}: <code>{_e(finding.pointer)}</code></p>')
    out.append("</li>")
    return "".join(out)


def _report(index: int, result: AuditResult, batch: AuditBatch, sources: SourceLines) -> str:
    lang = batch.lang
    status = result.status
    facts = [
        (label("html.status", lang),
         f'<span class="badge {status}">{_e(label("html.status." + status, lang))}</span> {_counts(result, lang)}'),
        (label("html.department", lang), _e(result.department or label("html.unknown_department", lang))),
    ]
    if result.fiscal_year is not None:
        facts.append((label("html.fiscal_year", lang), _e(result.fiscal_year)))
    if result.packs:
        facts.append((label("html.packs", lang),
                      _e(", ".join(f"{p.get('name', '')} {p.get('version', '')}".strip() for p in result.packs))))
    if result.rule_runs:
        facts.append(("", _e(text("text.rules", lang, **result.rule_counts))))
    if result.suppressed:
        facts.append((label("html.suppressed", lang), _e(str(len(result.suppressed)))))
    dl = "".join(f"<dt>{_e(name)}</dt><dd>{value}</dd>" for name, value in facts)
    out = [f'<section class="report" id="report-{index}"><h3>{_e(result.source)}</h3><dl>{dl}</dl>']
    if result.findings:
        out.append('<ol class="findings">')
        out.extend(_finding(result, finding, batch, sources) for finding in result.findings)
        out.append("</ol>")
    else:
        out.append(f'<p class="none">{_e(text("text.no_findings", lang))}</p>')
    out.append("</section>")
    return "".join(out)


def to_html(batch: AuditBatch) -> str:
    lang = batch.lang
    title = label("html.title", lang)
    packs = ", ".join(f"{p.get('name', '')} {p.get('version', '')}".strip() for p in batch.packs) \
        or label("html.packs_auto", lang)
    sources = SourceLines()
    parts = [
        "<!DOCTYPE html>\n",
        f'<html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>\n",
        f"<header><h1>{_e(title)}</h1><p class=\"meta\">{_e(label('html.generated_by', lang, version=batch.tool_version))}"
        f" · {_e(label('html.packs', lang))}: {_e(packs)}</p></header>\n",
        _summary(batch), "\n",
        _charts(batch), "\n",
        _contents(batch), "\n",
        f'<main><h2>{_e(label("html.reports_heading", lang))}</h2>\n',
    ]
    for index, result in enumerate(batch.results, start=1):
        parts.append(_report(index, result, batch, sources))
        parts.append("\n")
    parts.append("</main></body></html>\n")
    return "".join(parts)


def write(batch: AuditBatch, stream: BinaryIO, options: dict[str, Any] | None = None) -> None:
    stream.write(to_html(batch).encode("utf-8", "replace"))


FORMATTERS = [Formatter("html", ".html", write, "One self-contained HTML page for reviewers (offline, no scripts)",
                        binary=True)]
