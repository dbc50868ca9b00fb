"""From the lines of a prose source to a report with provenance and the extraction's own findings.
Shared by the text, PDF and DOCX extractors."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from jixiao.kit import Extraction, Finding, InputError, where

from . import compilation, corrections, traditional
from .builder import ReportBuilder, add_places
from .chrome import Posted, strip_chrome
from .figures import FigureReader, Token
from .lazyre import guarded, lazy
from .messages import field_name, message
from .normalize import SourceLine, Stream, chinese_cell, chinese_only, undecorated, unify_radicals
from .outline import OTHER_DOCUMENTS_EN, SUMMARY_DOCUMENT, OutlineReader, other_document
from .flatforms import flat_forms, numbered_after
from .formcheck import evaluated_sums, prose_against_forms, reasons_in_text
from .selftable import TableRead, read_tables
from .grading import read_full_marks, read_grading
from .ratios import read_ratios
from .sums import read_sums
from .tables import Document, Table, split_paired_columns
from .tablesums import caption_row
from .values import as_stated

# The figures a department report is expected to state; those not found are listed in one info finding.
EXPECTED = (
    "/fiscal_year",
    "/department/name",
    "/report_date",
    "/disclosure/date",
    "/sections",
    "/overall/initial_budget",
    "/overall/adjusted_budget",
    "/overall/final",
    "/overall/execution_rate",
    "/overall/basic_expenditure",
    "/overall/project_expenditure",
    "/overall/score",
    "/overall/grade",
    "/overall/change_amount",
    "/overall/change_rate",
    "/projects_summary/count",
    "/projects_summary/evaluated_count",
    "/projects_summary/initial_budget",
    "/projects_summary/adjusted_budget",
    "/projects_summary/final",
    "/projects_summary/execution_rate",
    "/projects_summary/grade_counts",
    "/projects_summary/excellent_rate",
    "/projects_summary/fund_types",
)

# A report on one project, fund or transfer payment states its own figures; the department's split into basic and
# project spending, and its projects taken together, are not asked of it.
EXPECTED_OWN = tuple(p for p in EXPECTED if not p.startswith("/projects_summary/")
                     and p not in ("/overall/basic_expenditure", "/overall/project_expenditure"))

def _expected(report: dict[str, Any]) -> tuple[str, ...]:
    """What a report with prose is expected to state: a department's report all of EXPECTED, one project's its own."""
    return EXPECTED if report.get("kind") == "department_self_evaluation" else EXPECTED_OWN


# Words every budget-performance report uses (简体 and 繁体); a file with none of them is not a report.
_REPORT_WORDS = guarded("绩效|績效|预算|預算|决算|決算|自评|自評|支出")

# What a document holding only 自评表 tables is expected to state (its department-level figures are not).
EXPECTED_TABLES = ("/fiscal_year",)

_ORDER = ("kind", "fiscal_year", "title", "department", "report_date", "disclosure", "final_accounts_approval_date",
          "cited_documents", "sections", "attachments_referenced", "staffing", "overall", "projects_summary",
          "projects", "department_table", "grading", "rounding_note", "stated_sums", "stated_rates", "stated_ratios", "stated_scores", "provenance",
          "extraction")


# A 300-page report is about 300,000 characters; far longer text is not a report, and reading it
# would take longer than a reviewer should wait.
DEFAULT_MAX_TEXT_CHARS = 1_000_000
PARAGRAPH_SOURCES = ("docx", "html")  # extractors whose lines are paragraphs (Word, a web page: no line numbers shown)
# sources whose text holds no page headers or footers (Word's are in parts of their own, a page has none): a short
# line said three times there (the department's name on the cover, over the title, at the signature) is content
_NO_RUNNING_LINES = ("docx", "doc", "wps", "html")


def lang_of(options: Any) -> str:
    lang = getattr(options, "lang", None)
    return lang if lang in ("zh", "en") else "zh"


def extract_document(path: str, document: Document, options: Any, extractor: str,
                     findings: list[Finding] | None = None, whole: bool = True) -> Extraction:
    """Read a report from a document's prose and tables: the 自评表 tables fill /projects and
    /department_table, and their text is kept out of the prose, so a project's figures are never read as
    the department's (they are different subjects)."""
    lang = lang_of(options)
    if (written := flat_forms(document.prose, numbered_after(document.tables))):  # (自评表 written as lines of text)
        document.tables = [*document.tables, *written]
    # (a 汇编 of several reports, or a workbook of several departments' forms: each read on its own; `whole`: the document is
    # a file's, not one part of a compilation, whose 目录 lists the others)
    found = (compilation.parts(document.prose) or compilation.sheet_parts(document)) if whole else None
    if found is not None:
        main = _extract_document(path, compilation.part(document, found, 0), options, extractor,
                                 [*(findings or []), compilation.said(found, lang)], whole=False)
        main = _with_later_parts(main, found, lang, lambda k: _extract_document(
            path, compilation.part(document, found, k), options, extractor, [], whole=False))
        compilation.summary_conflicts(document, [main, *main.parts], lang, paragraphs=extractor in PARAGRAPH_SOURCES)
        return main
    return _extract_document(path, document, options, extractor, findings, whole)


def _with_later_parts(main: Extraction, found: compilation.Parts, lang: str,
                      read: Callable[[int], Extraction]) -> Extraction:
    """A compilation's first report with its later ones as `parts`, each read by `read(k)` and labelled; a part that
    cannot be read as a report is named in an info on the first (it is not checked)."""
    for k in range(1, len(found.starts)):
        label = compilation.label(found, k, lang)
        try:
            extraction = read(k)
        except InputError as exc:
            main.findings = [*main.findings, Finding("JX-EXTRACTION", "extraction", "info", label + exc.render(lang),
                                                     None, None, {"problem": "compilation_part_unread", "part": k + 1})]
            continue
        extraction.label = label
        main.parts.append(extraction)
    return main


def _extract_document(path: str, document: Document, options: Any, extractor: str,
                      findings: list[Finding] | None = None, whole: bool = True) -> Extraction:
    """`extract_document` for one report's document (a compilation's part, or a document that is one report)."""
    lang = lang_of(options)
    for table in document.tables:  # (a bilingual form's header cells: 项目名称 / ལས་གཞིའི་མིང་།)
        for row in table.rows:
            for cell in {id(cell): cell for cell in row}.values():
                cell.text = chinese_cell(cell.text)
        split_paired_columns(table)  # (分值/得分 over 10/9.77: a 分值 column and a 得分 column)
    corrected = corrections.Corrections()  # (a form marked void, an erratum table: read as the report now reads)
    corrections.void_tables(document, corrected)
    corrections.apply_errata(document, corrected)
    tables = read_tables(document.tables, lang, frozenset(document.unread)) if document.tables else TableRead()
    prose = [line for line in document.prose if line.table is None or line.table not in tables.consumed]
    # every table's caption lines once (注：…因四舍五入…存在0.01万元尾差 under a sheet's table), the forms' among them their
    # notes (附注 under a form)
    by_table = {t.index: _caption_lines([t]) for t in document.tables}
    tables.captions = [line for lines in by_table.values() for line in lines]
    tables.notes = [line for index, lines in by_table.items() if index in tables.consumed for line in lines]
    if document.tables and not tables.found and tables.other is not None and not any(line.text.strip() for line in prose):
        document_kind, title, place, department = tables.other  # tables of another document alone (绩效目标申报表)
        report: dict[str, Any] = {"kind": "self_evaluation_tables", "title": title}
        if tables.fiscal_year is not None:
            report["fiscal_year"] = tables.fiscal_year
        report["provenance"] = {"/title": place}
        if department is not None:
            report["department"] = {"name": department[0]}
            report["provenance"]["/department/name"] = department[1]
        # (its figures are not read: a formula without its saved result does not matter; a finance bureau's summary of
        # departments' results keeps its 合计 and rates, checked as any table's)
        kept = [f for f in [*document.findings, *(findings or [])] if f.values.get("problem") != "formula_without_value"]
        return _other_document(report, document_kind, extractor, kept, lang, tables)
    if document.tables and not tables.found and not any(line.text.strip() for line in prose):
        captions = tables.captions if tables.sums else []
        if any(_REPORT_WORDS.search(line.text) for line in captions):
            # a sheet holding a summary of the projects (…项目支出绩效自评结果汇总表): its title and 填报单位 lines
            # read as the document's text, its 合计 and 执行率 checked as a body table's
            return extract_lines(path, captions, options, extractor, [*document.findings, *(findings or [])], tables,
                                 corrected, tables_only=True, whole=whole)
        # tables and nothing else, none of them a 自评表: say so; never guess at their figures
        report = {"kind": "self_evaluation_tables",
                  "extraction": {"extractor": extractor, "not_found": list(EXPECTED_TABLES) + ["/projects"]}}
        finding = Finding("JX-EXTRACTION", "extraction", "warning", message("no_tables_recognised", lang), None, None,
                          {"problem": "no_self_evaluation_table"})
        return Extraction(report, {}, [*document.findings, *(findings or []), *tables.findings, finding])
    return extract_lines(path, prose, options, extractor, [*document.findings, *(findings or [])], tables, corrected,
                         whole=whole)


def _caption_lines(tables: list[Table]) -> list[SourceLine]:
    """The caption lines set in the tables' grids (a sheet's title, 填报单位, 注, signatures), each a line of text with
    its row and, in a workbook, its sheet and cell."""
    lines: list[SourceLine] = []
    for table in tables:
        for r in range(len(table.rows)):
            if not caption_row(table, r):
                continue
            for _, cell in table.distinct(r):
                if cell.clean:
                    ref = cell.where.get("cell")
                    lines.append(SourceLine(cell.text.strip(), int(cell.where.get("line") or r + 1), table.page,
                                            cell=(table.sheet, ref) if table.sheet and ref else None))
    return lines


def extract_lines(path: str, lines: list[SourceLine], options: Any, extractor: str,
                  findings: list[Finding] | None = None, tables: TableRead | None = None,
                  corrected: corrections.Corrections | None = None, tables_only: bool = False,
                  whole: bool = True) -> Extraction:
    """Read a report from its source lines (and the 自评表 already read from its tables). Raises
    InputError when there is no text at all. `tables_only`: the lines are the captions of tables that are the whole
    document (a summary sheet): it is a document of tables, expected to state its year only. `whole`: the lines are a
    file's (a compilation is looked for), not one report of a compilation (whose 目录 may list the others)."""
    lang = lang_of(options)
    findings = list(findings or [])
    tables = tables or TableRead()
    limit = getattr(options, "max_text_chars", DEFAULT_MAX_TEXT_CHARS)
    size = sum(len(line.text) for line in lines)
    if limit and size > limit:
        raise InputError(path, None, None, message("too_long", lang, size=size, limit=limit), key="too_large")
    if not tables.found and not tables_only and (written := flat_forms(lines)):  # (自评表 written as lines of text)
        return extract_document(path, Document(lines, written), options, extractor, findings, whole)
    if whole and (found := compilation.parts(lines)) is not None:  # (a 汇编 of reports in text alone: each on its own)
        main = extract_lines(path, compilation.lines_of(lines, found, 0), options, extractor,
                             [*findings, compilation.said(found, lang)], tables, corrected, tables_only, whole=False)
        return _with_later_parts(main, found, lang, lambda k: extract_lines(
            path, compilation.lines_of(lines, found, k), options, extractor, whole=False))
    if not tables.found:
        if not any(line.text.strip() for line in lines):
            raise InputError(path, None, None, message("empty", lang), key="unreadable")
        if not any(_REPORT_WORDS.search(line.text) for line in lines):
            raise InputError(path, None, None, message("not_a_report", lang), key="unreadable")
    for line in lines:  # (radicals for characters, as text copied out of such a PDF carries them: values read right)
        shown = line.display if line.display is not None else line.text
        if (unified := unify_radicals(chinese_only(shown))) is not shown:
            line.display = unified  # (and a bilingual document's translation blanked: the Chinese is read)
    if traditional.convert(lines) == "unconverted":
        findings.append(Finding("JX-EXTRACTION", "extraction", "warning", message("traditional_unconverted", lang),
                                None, None, {"problem": "traditional_unconverted"}))
    note = _rounding_note(lines) or _rounding_note(tables.captions)  # (before the chrome goes: 注：…存在尾差 under a table)
    lines, posted = strip_chrome(lines, running=extractor not in _NO_RUNNING_LINES, web=extractor in ("html", "text"))
    corrected = corrected or corrections.Corrections()
    lines = corrections.strip_notes(lines, corrected)  # (a correction's note: its old figures are not the report's)
    if (said := corrections.finding(corrected, lang, paragraphs=extractor in PARAGRAPH_SOURCES)) is not None:
        findings.append(said)
    stream = Stream(lines, tables.grids)
    builder = ReportBuilder(stream)
    outline = OutlineReader(builder)
    outline.read()
    other = other_document(str(builder.report.get("title", "")))
    if other is not None:
        return _other_document(builder.finish(), other, extractor, findings, lang, tables)
    fiscal_year = builder.report.get("fiscal_year")
    figures = FigureReader(builder, fiscal_year if isinstance(fiscal_year, int) else None, builder.report["kind"],
                           tables.grids)
    toks = figures.read()
    outline.as_of()
    _stated_sums(builder, toks)
    _stated_ratios(builder, toks)
    _grading(builder)
    if note is not None:
        builder.report["rounding_note"], builder.provenance["/rounding_note"] = note
    if posted is not None and not builder.has("/disclosure/date"):
        _posted_as_disclosure(builder, posted)
    report = builder.finish()
    if tables.sums:
        _table_sums(report, tables)
        _projects_total(report)
    _department_projects(report, figures.department_projects, stream)
    expected: tuple[str, ...] = _expected(report)
    if tables_only:
        report["kind"] = "self_evaluation_tables"
        expected = EXPECTED_TABLES
    if tables.found:
        expected = _merge_tables(report, tables, lines)
        findings.extend(tables.findings)
        reasons_in_text(report, stream, Stream(tables.notes) if tables.notes else None)  # (in the prose, or a form's note)
        if report.get("kind") != "self_evaluation_tables":  # (a report with its forms: the prose restates them)
            findings.extend(prose_against_forms(report, stream, lang, paragraphs=extractor in PARAGRAPH_SOURCES))
            evaluated_sums(report, stream)
    conflicts = _projects_own(report, builder.conflicts) if tables.found else builder.conflicts
    if tables.summary:  # (the projects' scores and grades a summary of their results lists, after any forms': each checked)
        report["projects"] = [*report.get("projects", []), *tables.summary]
        report["provenance"] = dict(sorted({**report.get("provenance", {}), **tables.summary_provenance}.items()))
    not_found = [p for p in expected if not _present(report, p)]
    report["extraction"] = {"extractor": extractor, "not_found": not_found}
    if tables.not_asked:
        report["extraction"]["not_asked"] = tables.not_asked
    if tables.blank:
        report["extraction"]["blank"] = tables.blank
    unread = sorted(p for p in figures.unread if not _present(report, p))
    if unread or tables.unread:
        report["extraction"]["unread"] = sorted([*unread, *tables.unread])
    report = {key: report[key] for key in _ORDER if key in report}
    kind = report.get("kind")
    for conflict in conflicts:
        findings.append(Finding(
            "JX-CONFLICT", "arithmetic", "warning",
            message("conflict", lang, name=_capitalised(field_name(conflict.pointer, lang, kind)), first=as_stated(conflict.first),
                    second=as_stated(conflict.second), line=where(conflict.first_location, lang, paragraphs=extractor in PARAGRAPH_SOURCES),
                    other_line=where(conflict.second_location, lang, paragraphs=extractor in PARAGRAPH_SOURCES)),
            conflict.pointer, conflict.first_location,
            {"first": conflict.first, "second": conflict.second},
            related=[conflict.second_location],
        ))
    if not_found:
        names = "、".join(field_name(p, lang, kind) for p in not_found) if lang == "zh" else ", ".join(field_name(p, lang, kind) for p in not_found)
        findings.append(Finding("JX-EXTRACTION", "extraction", "info", message("not_found", lang, names=names),
                                None, None, {"not_found": not_found}))
    sep = "、" if lang == "zh" else ", "
    unsure = [p for p in unread if p not in figures.garbled_fields and p not in figures.uncounted]  # (those say why)
    uncounted = [p for p in unread if p in figures.uncounted]
    if uncounted:
        findings.append(Finding("JX-EXTRACTION", "extraction", "info",
                                message("uncounted", lang, grades=sep.join(f"“{figures.uncounted[p]}”" for p in uncounted)),
                                None, None, {"uncounted": uncounted}))
    if unsure:
        findings.append(Finding("JX-EXTRACTION", "extraction", "info",
                                message("unread", lang, names=sep.join(field_name(p, lang, kind) for p in unsure)),
                                None, None, {"unread": unsure}))
    if figures.garbled_spans:
        places = [stream.location(a, b) for a, b in figures.garbled_spans]
        gap = "" if lang == "zh" else " "
        shown = sep.join(f"{where(place, lang, paragraphs=extractor in PARAGRAPH_SOURCES)}{gap}“{place.quote}”" for place in places[:10])
        fields = [p for p in unread if p in figures.garbled_fields]
        text = message("garbled", lang, figures=shown)
        if fields:
            text += message("garbled_fields", lang, names=sep.join(field_name(p, lang, kind) for p in fields))
        findings.append(Finding("JX-EXTRACTION", "extraction", "info", text, None, places[0],
                                {"problem": "garbled_figures", "figures": [p.quote for p in places], "unread": fields},
                                related=places[1:]))
    return Extraction(report, {}, findings)


_OTHER_KEPT = ("/title", "/fiscal_year", "/department/name")


_TITLE_WORDS = guarded(r"报告|自评|评价")


def without_report(extraction: Extraction, said: str, problem: str) -> Extraction:
    """A source that holds no report after all (a saved page whose report is the PDF it links to): its title, year and
    department only, an info saying why (`said`), and no rule run on it (未能检查)."""
    whole = extraction.report
    titled = bool(_TITLE_WORDS.search(str(whole.get("title") or "")))  # (not a site's name taken for the title)
    report = _identity(whole, ("/fiscal_year", *(("/title", "/department/name") if titled else ())))
    report["extraction"] = {"extractor": (whole.get("extraction") or {}).get("extractor", ""),
                            "not_found": [] if "fiscal_year" in report else ["/fiscal_year"]}
    kept = [f for f in extraction.findings if f.category != "extraction" or "not_found" not in f.values]
    kept.append(Finding("JX-EXTRACTION", "extraction", "info", said, "/title" if "title" in report else None, None,
                        {"problem": problem}))
    return Extraction(report, {}, kept)


def _identity(whole: dict[str, Any], kept: tuple[str, ...]) -> dict[str, Any]:
    """What is kept of a report read from a source that is none (another document, a page without its report): its
    kind, and of /fiscal_year, /title, /report_date and /department/name those in `kept`, with their places."""
    report: dict[str, Any] = {"kind": whole.get("kind", "self_evaluation_tables")}
    for key in ("fiscal_year", "title", "report_date"):
        if f"/{key}" in kept and key in whole:
            report[key] = whole[key]
    name = (whole.get("department") or {}).get("name")
    if name and "/department/name" in kept:
        report["department"] = {"name": name}
    provenance = {k: v for k, v in (whole.get("provenance") or {}).items() if k in kept}
    if provenance:
        report["provenance"] = provenance
    return report


def _other_document(whole: dict[str, Any], document: str, extractor: str, findings: list[Finding],
                    lang: str, tables: TableRead | None = None) -> Extraction:
    """A document that is not a self-evaluation (a 绩效目标申报表, a 监控 or 整改 report, a 决算 disclosure): its
    title, year and department (from what was read of it, `whole`), and an info saying why nothing else was
    read. Its figures are of another kind (targets before the year, progress in mid-year, accounts) and are
    never checked as a self-evaluation's: no rule evaluates anything, so its verdict is 未能检查. A finance bureau's
    account of many departments' self-evaluations keeps its tables' totals and rows' rates (/stated_sums,
    /stated_rates): arithmetic of its own, checked as any table's is."""
    summary = document == SUMMARY_DOCUMENT
    report = _identity(whole, (*_OTHER_KEPT, *(("/report_date",) if summary else ())))
    if summary and tables is not None and tables.sums:
        _table_sums(report, tables)  # (a finance bureau's account of departments: its tables' totals and rows' rates)
        for key in ("stated_sums", "stated_rates", "provenance"):  # (in the report's order: _ORDER)
            if key in report:
                report[key] = report.pop(key)
    report["extraction"] = {"extractor": extractor, "not_found": [], "document": document}
    shown = document if lang == "zh" else f"{OTHER_DOCUMENTS_EN.get(document, document)} ({document})"
    findings.append(Finding("JX-EXTRACTION", "extraction", "info",
                            message("summary_document" if document == SUMMARY_DOCUMENT else "other_document", lang,
                                    document=shown, title=report.get("title", "")),
                            "/title" if "title" in report else None, None,
                            {"problem": "not_a_self_evaluation", "document": document, "shown": shown}))
    return Extraction(report, {}, findings)


# a report's own figure (/overall) and the same figure on each project's form
_FORM_FIGURES = {"initial_budget": "initial_budget", "adjusted_budget": "adjusted_budget", "final": "executed",
                 "execution_rate": "execution_rate", "score": "total_score"}


def _projects_own(report: dict[str, Any], conflicts: list[Any]) -> list[Any]:
    """A report on several projects, each with its form, whose prose states each project's figures in turn (项目全年预算
    243.80万元… under the first, 100.20万元 under the second): such a figure is its project's, not the report's. Where the
    figures read as the report's are different forms' (its 执行数 the first project's, its 全年预算 the second's: a mix of
    subjects), those that are some form's are taken out of /overall, but for the form the report is titled by; figures
    that are all one form's are the report's own (a project reporting on itself beside its parts). Two figures that are
    each some form's are no conflict (different subjects). Returns the conflicts left."""
    projects = [p for p in report.get("projects") or [] if isinstance(p, dict)]
    overall = report.get("overall")
    if len(projects) < 2 or not isinstance(overall, dict):
        return conflicts
    provenance = report.get("provenance") or {}
    owners = {own: {k for k, p in enumerate(projects) if p.get(key) == overall.get(own)}
              for own, key in _FORM_FIGURES.items() if isinstance(overall.get(own), Decimal)}
    owned = [found for found in owners.values() if found]
    if any(a.isdisjoint(b) for a in owned for b in owned):
        title = str(report.get("title") or "")
        titled = {k for k, p in enumerate(projects) if isinstance(p.get("name"), str) and p["name"] and p["name"] in title}
        for own, found in owners.items():
            if found and found.isdisjoint(titled):  # (the figures of the form the report is titled by are its own)
                del overall[own]
                provenance.pop(f"/overall/{own}", None)

    def forms_figure(pointer: str, value: Any) -> bool:
        key = _FORM_FIGURES.get(pointer.rpartition("/")[2]) if pointer.startswith("/overall/") else None
        return key is not None and isinstance(value, Decimal) and any(p.get(key) == value for p in projects)

    return [c for c in conflicts if not (forms_figure(c.pointer, c.first) and forms_figure(c.pointer, c.second))]


def _merge_tables(report: dict[str, Any], tables: TableRead, lines: list[SourceLine]) -> tuple[str, ...]:
    """Put the 自评表 into the report; returns the figures the document is expected to state."""
    if tables.projects:
        report["projects"] = tables.projects
    if tables.department_table is not None:
        report["department_table"] = tables.department_table
    provenance = report.setdefault("provenance", {})
    provenance.update(tables.provenance)
    if "report_date" not in report and tables.report_date is not None:
        report["report_date"], provenance["/report_date"] = tables.report_date
    report["provenance"] = dict(sorted(provenance.items()))
    if "fiscal_year" not in report and tables.fiscal_year is not None:
        report["fiscal_year"] = tables.fiscal_year
    department = report.get("department")
    if not isinstance(department, dict) or not department.get("name"):
        name = (tables.department_table or {}).get("name") or _shared(p.get("supervisor") for p in tables.projects)
        if name:
            report["department"] = {**(department or {}), "name": name}
    if _has_prose(lines):
        return _expected(report)
    report["kind"] = "self_evaluation_tables"
    if "title" not in report and tables.title is not None:  # a document of forms alone: the first form's title
        report["title"], report["provenance"]["/title"] = tables.title
        report["provenance"] = dict(sorted(report["provenance"].items()))
    return EXPECTED_TABLES


_BREAKDOWN_ONLY = guarded(r"^(?:其中)?[:：]?(?:基本支出|项目支出|其他支出)$")


def _stated_sums(builder: ReportBuilder, toks: list[Token]) -> None:
    """Totals with their listed parts, each under /stated_sums with the places of its figures. The department's
    支出合计 = 基本支出 + 项目支出 is NAT-ARITH-002's own check and is not repeated here."""
    k = 0
    for found in read_sums(builder.stream.text, toks):
        if all(_BREAKDOWN_ONLY.match(label) for label, _ in found["parts"]):
            continue
        total = found["total"]
        base = f"/stated_sums/{k}"
        if found["label"]:
            builder.set(f"{base}/label", found["label"], total.start - len(found["label"]), total.start)
        builder.set(f"{base}/total", total.value, total.num_start, total.num_end)
        for j, (label, tok) in enumerate(found["parts"]):
            if label:
                builder.set(f"{base}/parts/{j}/label", label, tok.start - len(label), tok.start)
            builder.set(f"{base}/parts/{j}/amount", tok.value, tok.num_start, tok.num_end)
        k += 1


def _stated_ratios(builder: ReportBuilder, toks: list[Token]) -> None:
    """Defined ratios stated with both their terms in one sentence (在职人员控制率 with 在职人员 and 编制), each under
    /stated_ratios with the places of its figures."""
    for k, found in enumerate(read_ratios(builder.stream.text, toks)):
        base = f"/stated_ratios/{k}"
        ratio = found["ratio"]
        rate, numerator, denominator = found["rate"], found["numerator"], found["denominator"]
        builder.set(f"{base}/label", found["label"], rate.start - len(found["label"]), rate.start)
        builder.set(f"{base}/rate", rate.value, rate.num_start, rate.num_end)
        builder.set(f"{base}/numerator", numerator.value, numerator.num_start, numerator.num_end)
        builder.set(f"{base}/denominator", denominator.value, denominator.num_start, denominator.num_end)
        builder.set(f"{base}/numerator_label", ratio.numerator_label, numerator.start, numerator.start)
        builder.set(f"{base}/denominator_label", ratio.denominator_label, denominator.start, denominator.start)


def _grading(builder: ReportBuilder) -> None:
    """The grade standard the report states it grades by (/grading), at the sentence that states it, and the
    scale it says its forms are scored on (/grading/full_marks), where it states one."""
    text = builder.stream.text
    marks = read_full_marks(text)
    if marks is not None:
        builder.set("/grading/full_marks", marks[0], *marks[1])
    found = read_grading(text)
    if found is None:
        return
    grading, (start, end) = found
    for k, band in enumerate(grading["bands"]):
        builder.set(f"/grading/bands/{k}/grade", band["grade"], start, end)
        if band["min"] is not None:
            builder.set(f"/grading/bands/{k}/min", band["min"], start, end)
    builder.set("/grading/conditional", grading["conditional"], start, end)


# a note that the report's rounded figures do not add up exactly (合计与各项之和存在0.01万元尾差; 因四舍五入存在尾数差异)
_ROUNDING_NOTE = guarded(r"[^。\n]{0,80}(?:尾差|尾数差)[^。\n]{0,40}")


def _rounding_note(lines: list[SourceLine]) -> tuple[str, dict[str, Any]] | None:
    """The report's own note that its rounded figures leave a 尾差 (/rounding_note) and where it stands, or None."""
    for line in lines:
        if "尾" in line.text and (found := _ROUNDING_NOTE.search(line.text)) is not None:
            place = Stream([line]).location_dict(found.start(), found.end())
            return found.group().strip(), place
    return None


def _table_sums(report: dict[str, Any], tables: TableRead) -> None:
    """The other tables' 合计 rows after the sums the prose states (/stated_sums), and their rows' 执行率
    (/stated_rates), each cell where it stands."""
    provenance = report.setdefault("provenance", {})
    for found in tables.sums:
        key = found.key or ("stated_rates" if found.rate else "stated_sums")
        into = report.setdefault(key, [])
        base = f"/{key}/{len(into)}"
        into.append(found.value)
        provenance.update({base + pointer: place for pointer, place in found.places.items()})
    report["provenance"] = dict(sorted(provenance.items()))


# a table's column of the projects' money, by its header, and the projects' figure its 合计 is
_PROJECT_COLUMNS = {"年初预算": "initial_budget", "年初预算数": "initial_budget", "全年预算": "adjusted_budget",
                    "全年预算数": "adjusted_budget", "调整后预算": "adjusted_budget", "调整后预算数": "adjusted_budget",
                    "实际支出": "final", "全年执行数": "final", "执行数": "final", "决算数": "final", "支出数": "final"}
_PROJECT_NAME = guarded(r"(?:项目|工程|专项|资金|经费|补助|补贴)$")


def _projects_total(report: dict[str, Any]) -> None:
    """A body table listing every project (as many rows as the projects the report counts, each a project's name) states
    the projects' totals in its 合计 row: /projects_summary's 年初预算, 全年预算 and 决算数 where the prose gives none."""
    summary = report.get("projects_summary")
    count = summary.get("count") if isinstance(summary, dict) else None
    if not isinstance(summary, dict) or not isinstance(count, int) or count < 2:
        return
    provenance = report.get("provenance") or {}
    read: dict[str, Any] = {}  # /projects_summary's pointers read here → their places
    for k, entry in enumerate(report.get("stated_sums") or []):
        parts = entry.get("parts") or []
        names = [str(p.get("label") or "") for p in parts]
        field = _PROJECT_COLUMNS.get(str(entry.get("label") or "").rpartition("·")[2].strip())
        if field is None or field in summary or len(parts) != count \
                or sum(1 for name in names if _PROJECT_NAME.search(name)) * 5 < count * 4:
            continue
        place = provenance.get(f"/stated_sums/{k}/total")
        if isinstance(entry.get("total"), Decimal) and isinstance(place, dict):
            summary[field] = entry["total"]
            read[f"/projects_summary/{field}"] = place
    add_places(report, read)


def _department_projects(report: dict[str, Any], read: dict[str, Token], stream: Stream) -> None:
    """The department's 项目支出 in its budget and its spending (年初预算…，其中基本支出…、项目支出…) is the projects' total
    年初预算, 全年预算 and 决算数 (NAT-ARITH-003 holds them equal), where neither the prose nor a table of the projects
    states one: so the projects' stated execution rate is checked against them. The 年初 one only beside a 全年 one."""
    summary = report.get("projects_summary") or {}
    added = {pointer: tok for pointer, tok in read.items() if pointer.rpartition("/")[2] not in summary}
    if "adjusted_budget" not in summary and "/projects_summary/adjusted_budget" not in added:
        # (年初预算…，其中项目支出9,360.10万元 and a 项目支出执行率 of the 全年预算 no sentence breaks down: the rate
        # is checked against either budget, so the 年初 one alone would accuse it)
        added.pop("/projects_summary/initial_budget", None)
    if not added:
        return
    for pointer, tok in added.items():
        summary[pointer.rpartition("/")[2]] = tok.value
    report["projects_summary"] = summary
    add_places(report, {pointer: stream.location_dict(tok.num_start, tok.num_end) for pointer, tok in added.items()})


def _posted_as_disclosure(builder: ReportBuilder, posted: Posted) -> None:
    """A web page's posting date (发布时间) is when the report was disclosed, where it states no other."""
    disclosure = builder.report.setdefault("disclosure", {})
    disclosure["date"] = posted.date
    disclosure.setdefault("status", "actual")
    where = {"line": posted.line.number, "column": posted.start + 1, "end_line": posted.line.number,
             "end_column": posted.end + 1, "quote": posted.line.text[posted.start:posted.end]}
    if posted.line.page is not None:
        where["page"] = posted.line.page
    builder.provenance["/disclosure/date"] = where


def _shared(values: Iterable[object]) -> str | None:
    found = {v for v in values if isinstance(v, str) and v}
    return found.pop() if len(found) == 1 else None


_HEADING = lazy(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])")


def _has_prose(lines: list[SourceLine]) -> bool:
    """Whether the text outside the tables is a report (sentences about the department), not only a
    table's title, year line and signatures."""
    sentences = sum(1 for line in lines if "。" in line.text)
    headings = any(_HEADING.match(undecorated((line.display if line.display is not None else line.text).strip())[1])
                   for line in lines)  # (as read: Markdown's ## 一、… too)
    return sentences >= 3 and headings


def _present(report: dict[str, Any], pointer: str) -> bool:
    node: Any = report
    for part in pointer.strip("/").split("/"):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return node not in (None, [], {})


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


