"""Outputs a bureau hands on (issue 11): CSV and Excel with where each finding is (page, line or Word
paragraph, table cell, sheet cell), a row for every report and a sheet per department; an HTML page
that leads with a summary a leader reads and holds nothing only a developer understands."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from jixiao import __version__
from jixiao.batch import check_files
from jixiao.engine import Auditor, Options
from jixiao.model import AuditBatch, AuditResult, Finding, Location

from verdict_batch import LABELS, STATUS_OF, five_reports, make_batch
from helpers import render

CORPUS = Path(__file__).resolve().parent / "corpus" / "tables"
SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"




@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    return make_batch(five_reports(tmp_path_factory.mktemp("bureau")))


def csv_rows(batch) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO(render("csv", batch).decode("utf-8-sig"), newline="")))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


# -- where a finding is ------------------------------------------------------------------------------
def _located_batch() -> AuditBatch:
    """One finding in each kind of place: a text line, a PDF page, a Word paragraph, a Word table cell,
    a spreadsheet cell, a table cell in a text file, a table cell in a picture (Word and PDF)."""

    def result(source: str, location: Location, extractor: str | None) -> AuditResult:
        finding = Finding("NAT-ARITH-004", "arithmetic", "warning", "项目支出执行率有误", "/projects_summary/execution_rate",
                          location, {"stated": "54.27", "computed": "54.29"})
        made = AuditResult(source=source, findings=[finding], min_evaluated=0)
        made.extractor = extractor
        return made

    results = [
        result("a.txt", Location(line=119, column=1, quote="54.27%"), "text"),
        result("b.pdf", Location(line=15, column=3, page=2, quote="54.27%"), "pdf"),
        result("c.docx", Location(line=12, column=1, quote="54.27%"), "docx"),
        result("d.docx", Location(line=282, table=2, row=19, col=7, label="项目“特种设备” · 自评等级"), "docx"),
        result("e.xlsx", Location(line=5, sheet="项目自评表", cell="D7", table=1, row=7, col=4), "xlsx"),
        result("f.txt", Location(line=148, column=56, table=2, row=10, col=8, quote="10.00"), "text"),
        result("g.docx", Location(line=7, table=5, row=3, col=5, picture=1, ocr=True, quote="95.00%"), "docx"),
        result("h.pdf", Location(line=12, page=3, table=6, row=4, col=2, picture=2, ocr=True, quote="95.00%"), "pdf"),
    ]
    return AuditBatch(results, __version__, "zh", rules=Auditor(Options()).all_rules())


EXPECTED_PLACES = {  # 页, 图片, 行号, 段落, 表, 表内行, 表内列, 单元格
    "a.txt": ["", "", "119", "", "", "", "", ""],
    "b.pdf": ["2", "", "15", "", "", "", "", ""],
    "c.docx": ["", "", "", "12", "", "", "", ""],
    "d.docx": ["", "", "", "", "2", "19", "7", ""],
    "e.xlsx": ["", "", "", "", "1", "7", "4", "项目自评表!D7"],
    "f.txt": ["", "", "148", "", "2", "10", "8", ""],
    "g.docx": ["", "1", "", "7", "5", "3", "5", ""],  # a form pasted as a picture in paragraph 7, read by OCR
    "h.pdf": ["3", "2", "12", "", "6", "4", "2", ""],  # the second picture on page 3 (its line in the picture)
}
PLACE_COLUMNS = ["页", "图片", "行号", "段落", "表", "表内行", "表内列", "单元格"]


def test_csv_location_columns():
    findings = [r for r in csv_rows(_located_batch()) if r["记录类型"] == "finding"]
    assert {r["文件"]: [r[c] for c in PLACE_COLUMNS] for r in findings} == EXPECTED_PLACES


def test_excel_location_columns():
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(render("xlsx", _located_batch())))["审核发现"]
    header = [c.value for c in sheet[1]]
    got = {row[0].value: ["" if row[header.index(c)].value is None else str(row[header.index(c)].value)
                          for c in PLACE_COLUMNS] for row in sheet.iter_rows(min_row=2)}
    assert got == EXPECTED_PLACES


def test_a_word_report_checked_in_a_batch_keeps_its_extractor_and_its_table_cells(tmp_path):
    source = CORPUS / "docx-dept-report-grade.docx"
    auditor = Auditor(Options())
    [result] = list(check_files(auditor, [str(source)], jobs=1))
    assert result.report is None and result.extractor == "docx"  # the report is dropped, the extractor kept
    located = [f for f in result.findings if f.location is not None and f.location.table]
    assert located
    batch = AuditBatch([result], __version__, "zh", rules=auditor.all_rules())
    rows = [r for r in csv_rows(batch) if r["记录类型"] == "finding" and r["表"]]
    assert rows and all(r["表内行"] and r["表内列"] and not r["行号"] for r in rows)


def test_html_names_a_word_paragraph_not_a_line():
    html = render("html", _located_batch()).decode("utf-8")
    assert "第 12 段" in html and "第 2 页第 15 行" in html and "表 2 第 19 行第 7 列" in html
    assert "工作表“项目自评表” D7 单元格" in html


def test_junit_names_a_word_paragraph_not_a_line():
    junit = render("junit", _located_batch()).decode("utf-8")
    assert "第 12 段" in junit and "第 12 行" not in junit
    assert "第 2 页第 15 行" in junit and "表 2 第 19 行第 7 列" in junit


@pytest.mark.parametrize("fmt", ["text", "html", "junit"])
def test_a_table_cell_in_a_text_file_is_named_by_its_line_first(fmt):
    """An editor numbers a .txt file's lines, not its tables: the line leads, the table cell follows. A Word
    table keeps its table cell alone (Word numbers no lines), a PDF table its page."""
    shown = render(fmt, _located_batch()).decode("utf-8")
    assert "第 148 行（表 2 第 10 行第 8 列）" in shown
    assert "表 2 第 19 行第 7 列" in shown and "第 282 行" not in shown
    english = render(fmt, dataclasses.replace(_located_batch(), lang="en")).decode("utf-8")
    assert "line 148 (table 2 row 10 column 8)" in english


# -- a row for every report, a sheet per department ---------------------------------------------------
def test_csv_has_a_report_row_for_every_report_clean_ones_too(batch):
    rows = csv_rows(batch)
    reports = [r for r in rows if r["记录类型"] == "report"]
    assert [Path(r["文件"]).name for r in reports] == sorted(STATUS_OF)
    passed = next(r for r in reports if r["文件"].endswith("passed.json"))
    assert passed["结论"] == "通过" and passed["错误数"] == "0" and int(passed["规则通过"]) > 0
    assert passed["规则编号"] == "" and passed["问题说明"] == ""
    assert {r["记录类型"] for r in rows} == {"report", "finding"}
    findings = [r for r in rows if r["记录类型"] == "finding"]
    assert len(findings) == sum(len(r.findings) for r in batch.results)
    assert all(r["错误数"] == "" for r in findings)


def test_excel_reports_and_departments_sheets(batch):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(render("xlsx", batch)))
    assert book.sheetnames == ["审核发现", "报告", "部门汇总"]
    reports = book["报告"]
    header = [c.value for c in reports[1]]
    assert header[:4] == ["文件", "部门", "年度", "结论"] and "错误数" in header and "警告数" in header
    assert reports.max_row == 1 + len(STATUS_OF)
    assert reports.freeze_panes == "A2" and reports.auto_filter.ref
    departments = book["部门汇总"]
    header = [c.value for c in departments[1]]
    assert header == ["部门", "报告数", "通过", "有警告", "有错误", "未能检查", "无法读取", "错误数", "警告数"]
    table = {row[0].value: [c.value for c in row[1:]] for row in departments.iter_rows(min_row=2)}
    assert table["青龙满族自治县总工会"] == [2, 0, 1, 1, 0, 0, 1, 1]
    assert table["青龙满族自治县财政局"] == [1, 1, 0, 0, 0, 0, 0, 0]
    assert table["青龙满族自治县文化广电和旅游局"] == [1, 0, 0, 0, 1, 0, 0, 0]
    assert table["（未注明部门）"] == [1, 0, 0, 0, 0, 1, 1, 0]


# -- the HTML a leader reads ---------------------------------------------------------------------------
class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text: list[str] = []
        self.order: list[str] = []  # ids and classes of sections, in order
        self.svg_text: list[str] = []
        self._in: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        self._in.append(tag)
        if tag in ("section", "nav"):
            self.order.append(attrs.get("id") or attrs.get("class") or tag)

    def handle_endtag(self, tag):
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass

    def handle_data(self, data):
        if "style" in self._in:
            return
        self.text.append(data)
        if "svg" in self._in and "text" in self._in:
            self.svg_text.append(data)


def page_of(batch) -> tuple[str, Page]:
    html = render("html", batch).decode("utf-8")
    page = Page()
    page.feed(html)
    return html, page


POINTER = re.compile(r"(?<![\w.:])/(overall|projects_summary|projects|department|disclosure|staffing|sections|"
                     r"fiscal_year|report_date|extraction|provenance)\b")


def test_html_leads_with_the_summary(batch):
    html, page = page_of(batch)
    assert page.order[0] == "summary" and page.order[1] == "contents"
    assert all(entry.startswith("report") for entry in page.order[2:])
    summary = html[html.index('id="summary"'):html.index("</section>")]
    for label in LABELS.values():
        assert label in summary
    assert "各部门结论" in summary and "主要问题" in summary
    assert summary.index("主要问题") < summary.index("各部门结论")
    # errors come first, grouped by rule with counts; each rule named by its Chinese title
    problems = summary[summary.index("主要问题"):summary.index("各部门结论")]
    assert problems.index("错误") < problems.index("警告")
    assert "输入文件无法读取" in problems and "项目支出执行率" in problems
    assert "NAT-ARITH-004" not in problems and "JX-INPUT" not in problems


def test_html_charts_are_labelled_with_rule_titles(batch):
    _, page = page_of(batch)
    assert page.tags.count("svg") == 2
    labels = "".join(page.svg_text)
    assert "项目支出执行率" in labels and "NAT-ARITH-004" not in labels


def test_html_has_nothing_only_a_developer_understands(batch):
    html, page = page_of(batch)
    text = "".join(page.text)
    assert not POINTER.search(text), POINTER.search(text)
    for word in ("not_found", "left", "right", "op", "verdict", "pointer", "None", "null"):
        assert not re.search(rf"\b{word}\b", text), word
    assert "JSON Pointer" not in text


def test_html_folds_hints_and_prints_each_report_on_its_own(batch):
    html, page = page_of(batch)
    assert "@media print" in html and re.search(r"\.report\{break-before:page", html)
    sections = re.findall(r'<section class="report[^"]*".*?</section>', html, re.S)
    assert len(sections) == len(STATUS_OF)
    [passed] = [s for s in sections if "passed.json</p>" in s]
    assert '<details class="hints"><summary>提示 1 项' in passed
    assert "未发现错误或警告" in passed
    # a report's problem list holds its errors and warnings; info hints only inside <details>
    for section in re.findall(r'<section class="report[^"]*".*?</section>', html, re.S):
        listed = section.split('<details class="hints">')[0]
        assert 'class="finding info"' not in listed
    assert "script" not in page.tags and "link" not in page.tags


def test_html_schema_findings_name_the_field_in_words(tmp_path):
    import json

    from verdict_batch import EXAMPLE_JSON

    data = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    data["overall"]["final"] = "很多"
    del data["provenance_source"]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    batch = make_batch(tmp_path)
    assert any(f.rule_id == "JX-SCHEMA" for f in batch.results[0].findings)
    html, page = page_of(batch)
    text = "".join(page.text)
    assert "报告数据的格式不符合规范：部门整体决算数（执行数）" in text
    assert not POINTER.search(text)


# -- SARIF against the vendored official schema ----------------------------------------------------------
def test_sarif_of_the_five_reports_is_valid_against_the_vendored_schema(batch):
    import json

    import jsonschema

    assert SARIF_SCHEMA.is_file()  # vendored: the SARIF tests never skip on a fresh clone
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(render("sarif", batch))
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert not list(validator.iter_errors(log))
