"""The output formats of issue 4 (sarif, junit, html, csv, xlsx, jsonl) on a real batch: a report with
findings (its prose .txt beside it), a clean report and a broken file, checked by the real engine."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from jixiao import __version__
from jixiao.engine import Auditor, Options, iter_sources
from jixiao.model import AuditBatch
from jixiao.pluginmanager import default_plugins
from helpers import render

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE_JSON = EXAMPLES / "qinglong-trade-union-2021.json"
EXAMPLE_TXT = EXAMPLES / "qinglong-trade-union-2021.txt"
# the official OASIS schema, vendored so a fresh clone validates SARIF too (no test skips for want of it)
SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
NEW_FORMATS = ("jsonl", "sarif", "junit", "html", "csv", "xlsx")
REPORT = "qinglong-trade-union-2021.json"
CLEAN = "clean-2021.json"
BROKEN = "broken.json"


# -- the batch ------------------------------------------------------------------------------------
def make_reports(folder: Path, *, shift: int = 0, stated: str | None = None, drop_txt: bool = False,
                 department: str | None = None) -> Path:
    """The example report and its .txt, a clean copy (execution rate 54.29) and a truncated file.
    `shift` moves every line of the prose source down (and the JSON is re-indented); `stated`
    changes the stated project execution rate of the report with findings."""
    folder.mkdir(parents=True, exist_ok=True)
    raw = EXAMPLE_JSON.read_text(encoding="utf-8")
    data = json.loads(raw)
    if shift:
        for entry in data["provenance"].values():
            for key in ("line", "end_line"):
                if key in entry:
                    entry[key] += shift
        for section in data.get("sections", []):
            if "line" in section:
                section["line"] += shift
    if stated is not None:
        data["projects_summary"]["execution_rate"] = float(stated)
        data["provenance"]["/projects_summary/execution_rate"]["quote"] = f"{stated}%"
    if department is not None:
        data["department"]["name"] = department
    indent = 4 if shift else 2
    (folder / REPORT).write_text(json.dumps(data, ensure_ascii=False, indent=indent), encoding="utf-8")
    if not drop_txt:
        txt = EXAMPLE_TXT.read_text(encoding="utf-8")
        if stated is not None:
            txt = txt.replace("54.27%", f"{stated}%")
        (folder / EXAMPLE_TXT.name).write_text("\n" * shift + txt, encoding="utf-8")
    clean = json.loads(raw)
    clean["projects_summary"]["execution_rate"] = 54.29
    (folder / CLEAN).write_text(json.dumps(clean, ensure_ascii=False, indent=2), encoding="utf-8")
    (folder / BROKEN).write_text(raw[: len(raw) // 3], encoding="utf-8")
    return folder


def make_batch(folder: Path, lang: str = "zh") -> AuditBatch:
    """The batch `jixiao check FOLDER` builds: the same sources, the same order."""
    auditor = Auditor(Options(lang=lang))
    results = [auditor.check_path(source) for source in iter_sources([str(folder)], auditor.plugins.suffixes)]
    results.sort(key=lambda r: r.source)
    return AuditBatch(results, __version__, lang, [p.ident() for p in auditor.explicit], rules=auditor.all_rules())


FORMATTERS = default_plugins().formatters




def result_for(batch: AuditBatch, name: str):
    return next(r for r in batch.results if Path(r.source).name == name)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return make_reports(tmp_path_factory.mktemp("batch") / "reports")


@pytest.fixture(scope="module")
def batch(folder) -> AuditBatch:
    return make_batch(folder)


def test_the_batch_is_what_the_tests_assume(batch):
    report, clean, broken = result_for(batch, REPORT), result_for(batch, CLEAN), result_for(batch, BROKEN)
    assert report.status == "warnings" and "NAT-ARITH-004" in {f.rule_id for f in report.findings}
    assert Path(report.artifact).is_file() and report.artifact.endswith(".txt")
    assert clean.status == "passed"
    assert broken.unreadable and [f.rule_id for f in broken.findings] == ["JX-INPUT"]


@pytest.mark.parametrize("name", NEW_FORMATS)
def test_each_format_is_registered_through_the_hooks(name):
    formatter = FORMATTERS[name]
    assert formatter.extension.startswith(".") and formatter.description
    assert (formatter.stream_result is not None) == (name == "jsonl")


@pytest.mark.parametrize("name", NEW_FORMATS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_same_input_gives_byte_identical_output(folder, name, lang):
    assert render(name, make_batch(folder, lang)) == render(name, make_batch(folder, lang))


@pytest.mark.parametrize("name", NEW_FORMATS)
def test_the_cli_writes_what_the_formatter_writes(cli, folder, batch, tmp_path, name):
    first, second = tmp_path / f"one.{name}", tmp_path / f"two.{name}"
    for out in (first, second):
        result = cli("check", folder, "--format", name, "--output", out)
        assert result.exit_code == 2, result.output  # the broken file is unreadable input
    assert first.read_bytes() == second.read_bytes() == render(name, batch)


# -- sarif ----------------------------------------------------------------------------------------
def sarif(batch: AuditBatch) -> dict:
    return json.loads(render("sarif", batch))


def report_results(log: dict, name: str = REPORT) -> list[dict]:
    return [r for r in log["runs"][0]["results"] if r["properties"]["report"]["source"].endswith(name)]


def test_sarif_is_valid_against_the_official_schema(batch):
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator_cls = jsonschema.validators.validator_for(schema)  # the file declares draft-04
    assert validator_cls is jsonschema.Draft4Validator
    validator_cls.check_schema(schema)
    log = sarif(batch)
    errors = sorted(validator_cls(schema, format_checker=validator_cls.FORMAT_CHECKER).iter_errors(log),
                    key=lambda e: list(map(str, e.absolute_path)))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    en = sarif(make_batch(Path(result_for(batch, REPORT).source).parent, "en"))
    assert not list(validator_cls(schema).iter_errors(en))


URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")


def test_sarif_maps_findings_rules_and_locations(batch):
    log = sarif(batch)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "jixiao" and driver["version"] == __version__
    rules = driver["rules"]
    ids = [rule["id"] for rule in rules]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    arith = rules[ids.index("NAT-ARITH-004")]
    assert arith["shortDescription"]["text"] == "项目支出执行率"
    assert arith["fullDescription"]["text"] and "help" in arith and arith["defaultConfiguration"]["level"] == "error"
    assert "JX-INPUT" in ids  # engine findings have a descriptor too
    findings = sum(len(r.findings) for r in batch.results)
    assert len(run["results"]) == findings
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["partialFingerprints"]["jixiao/v1"]
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert URI_REFERENCE.match(uri) and not uri.startswith("/"), uri  # a relative URI
    base = run["originalUriBaseIds"]["REPORTROOT"]["uri"]
    assert base.startswith("file:///") and base.endswith("/")

    (warning,) = [r for r in report_results(log) if r["ruleId"] == "NAT-ARITH-004"]
    assert warning["level"] == "warning" and "54.27" in warning["message"]["text"]
    location = warning["locations"][0]
    physical = location["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "qinglong-trade-union-2021.txt"
    assert physical["region"] == {"startLine": 119, "startColumn": 1, "endLine": 119, "endColumn": 7,
                                  "snippet": {"text": "54.27%"}}
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "/projects_summary/execution_rate"
    assert {r["physicalLocation"]["region"]["snippet"]["text"] for r in warning["relatedLocations"]} == {"49.9", "91.92"}

    (broken,) = report_results(log, BROKEN)
    assert broken["ruleId"] == "JX-INPUT" and broken["level"] == "error"
    assert broken["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == BROKEN
    notes = [r for r in run["results"] if r["ruleId"] == "NAT-PLAUS-005"]
    assert notes and all(r["level"] == "note" for r in notes)


def fingerprints(log: dict) -> dict[str, str]:
    return {r["ruleId"]: r["partialFingerprints"]["jixiao/v1"] for r in report_results(log)}


def test_sarif_fingerprints_survive_line_shifts_and_follow_the_figures(tmp_path, batch):
    before = sarif(batch)
    shifted = sarif(make_batch(make_reports(tmp_path / "shifted", shift=5)))
    lines = {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in report_results(before)}
    moved = {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in report_results(shifted)}
    assert moved == {rule: line + 5 for rule, line in lines.items()}
    assert fingerprints(shifted) == fingerprints(before)
    english = sarif(make_batch(Path(result_for(batch, REPORT).source).parent, "en"))
    assert fingerprints(english) == fingerprints(before)  # --lang never changes an identity
    changed = fingerprints(sarif(make_batch(make_reports(tmp_path / "changed", stated="54.26"))))
    assert changed["NAT-ARITH-004"] != fingerprints(before)["NAT-ARITH-004"]
    assert changed["NAT-PLAUS-005"] == fingerprints(before)["NAT-PLAUS-005"]


# -- junit ----------------------------------------------------------------------------------------
def test_junit_has_a_suite_per_report_and_a_case_per_rule(batch):
    root = ET.fromstring(render("junit", batch))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [r.source for r in batch.results]
    for key, tag in (("failures", "failure"), ("errors", "error"), ("skipped", "skipped")):
        for suite in suites:
            assert int(suite.get(key)) == len(suite.findall(f"testcase/{tag}"))
        assert int(root.get(key)) == sum(int(s.get(key)) for s in suites)
    for suite in suites:
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)

    by_source = {s.get("name"): s for s in suites}
    report = result_for(batch, REPORT)
    suite = by_source[report.source]
    counts = report.rule_counts
    assert int(suite.get("tests")) == len(report.rule_runs) + 1  # + the schema case
    assert int(suite.get("skipped")) == counts["skipped"]
    assert int(suite.get("failures")) == counts["failed"]
    (case,) = [c for c in suite.findall("testcase") if c.get("name").startswith("NAT-ARITH-004 ")]
    failure = case.find("failure")
    assert failure.get("type") == "warning" and "54.27" in failure.get("message") and "119" in failure.text
    skipped = [c.find("skipped") for c in suite.findall("testcase") if c.find("skipped") is not None]
    assert all(s.get("message") for s in skipped)

    clean = by_source[result_for(batch, CLEAN).source]
    assert int(clean.get("errors")) == 0
    broken = by_source[result_for(batch, BROKEN).source]
    (case,) = broken.findall("testcase")
    assert case.get("name").startswith("JX-INPUT") and case.find("failure") is not None
    assert (broken.get("tests"), broken.get("failures")) == ("1", "1")


# -- html -----------------------------------------------------------------------------------------
class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.marks: list[str] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self._in: list[str] = []

    VOID = {"meta", "br", "hr", "input", "rect", "path", "circle", "line"}

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, name, value) for name, value in attrs)
        if tag not in self.VOID:
            self._in.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, name, value) for name, value in attrs)

    def handle_endtag(self, tag):
        assert self._in and self._in[-1] == tag, f"</{tag}> closes <{self._in[-1] if self._in else None}>"
        self._in.pop()

    def handle_data(self, data):
        self.text.append(data)
        if self._in and self._in[-1] == "mark":
            self.marks.append(data)
        if self._in and self._in[-1] == "style":
            self.styles.append(data)


def parse(data: bytes) -> Page:
    page = Page()
    page.feed(data.decode("utf-8"))
    page.close()
    assert page._in == [], f"unclosed: {page._in}"  # every element is closed, in order
    return page


def assert_offline(data: bytes, page: Page) -> None:
    text = data.decode("utf-8")
    assert not {"script", "link", "img", "iframe", "object", "embed", "base"} & set(page.tags)
    for tag, name, value in page.attrs:
        if name in ("src", "href", "xlink:href", "action", "srcset"):
            assert value and value.startswith("#"), (tag, name, value)  # in-page anchors only
    css = "".join(page.styles)
    assert "@import" not in css and "url(" not in css and "@font-face" not in css
    assert "http" not in text.lower() and "//" not in re.sub(r"<style>.*?</style>", "", text, flags=re.S)


def test_html_is_self_contained_and_shows_the_batch(batch):
    data = render("html", batch)
    page = parse(data)
    assert_offline(data, page)
    text = "".join(page.text)
    assert page.tags.count("svg") == 2  # findings by rule and by department
    assert "绩效自评报告审核结果" in text and "青龙满族自治县总工会" in text
    for result in batch.results:
        assert result.source in text
        for finding in result.findings:
            assert finding.message in text
    assert "54.27%" in page.marks  # the figure, marked in the quoted source line
    assert {"49.9", "91.92"} <= set(page.marks)  # the figures it was computed from
    html = data.decode("utf-8")
    assert re.search(r"<th>报告值</th><th>计算值</th>.*?<td>54\.27</td><td>54\.29</td>", html)
    assert '<html lang="zh-CN">' in html


def test_html_in_english(folder):
    data = render("html", make_batch(folder, "en"))
    page = parse(data)
    assert_offline(data, page)
    text = "".join(page.text)
    assert '<html lang="en">' in data.decode("utf-8")
    assert "Summary" in text and "Errors and warnings by rule" in text and "Stated" in text


def test_html_escapes_report_text_and_survives_a_missing_source(tmp_path):
    folder = make_reports(tmp_path / "hostile", drop_txt=True, department='<script>alert("x")</script> & =cmd|')
    batch = make_batch(folder)
    data = render("html", batch)
    page = parse(data)
    assert "script" not in page.tags
    assert '<script>alert("x")</script> & =cmd|' in "".join(page.text)
    assert "&lt;script&gt;" in data.decode("utf-8")
    assert "54.27%" in page.marks or "54.27%" in "".join(page.text)  # the quote still shows without the file


# -- csv and xlsx ---------------------------------------------------------------------------------
ZH_HEADERS = ["文件", "部门", "年度", "结论", "规则编号", "规则名称", "类别", "严重程度", "问题说明",
              "页", "图片", "行号", "段落", "表", "表内行", "表内列", "单元格", "报告值", "计算值"]
EN_HEADERS = ["Source", "Department", "Fiscal year", "Status", "Rule", "Rule title", "Category", "Severity", "Message",
              "Page", "Picture", "Line", "Paragraph", "Table", "Table row", "Table column", "Cell", "Stated", "Computed"]
COUNT_HEADERS = ["错误数", "警告数", "提示数", "规则通过", "规则有发现", "规则跳过", "规则出错"]


def test_csv_reads_back_with_a_row_per_report_and_per_finding(batch, folder):
    data = render("csv", batch)
    assert data.startswith(b"\xef\xbb\xbf")  # so Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["记录类型", *ZH_HEADERS, *COUNT_HEADERS]
    findings = [r[1:] for r in rows[1:] if r[0] == "finding"]
    assert len(findings) == sum(len(r.findings) for r in batch.results)
    assert [r[1] for r in rows[1:] if r[0] == "report"] == [r.source for r in batch.results]
    report = result_for(batch, REPORT)
    (row,) = [r for r in findings if r[0] == report.source and r[4] == "NAT-ARITH-004"]
    assert row[:len(ZH_HEADERS)] == [report.source, "青龙满族自治县总工会", "2021", "有警告", "NAT-ARITH-004",
                                     "项目支出执行率", "勾稽计算", "警告", report.findings[0].message,
                                     "", "", "119", "", "", "", "", "", "54.27", "54.29"]
    (broken,) = [r for r in findings if r[0] == result_for(batch, BROKEN).source]
    assert broken[1:8] == ["", "", "无法读取", "JX-INPUT", "输入文件无法读取", "输入", "错误"]
    english = list(csv.reader(io.StringIO(render("csv", make_batch(folder, "en")).decode("utf-8-sig"), newline="")))
    assert english[0][1:len(EN_HEADERS) + 1] == EN_HEADERS and "warning" in {r[8] for r in english}


def test_csv_and_xlsx_never_hold_a_formula(tmp_path):
    batch = make_batch(make_reports(tmp_path / "formula", department="=HYPERLINK(\"x\",\"y\")"))
    rows = list(csv.reader(io.StringIO(render("csv", batch).decode("utf-8-sig"), newline="")))
    assert {r[2] for r in rows[1:] if r[1].endswith(REPORT)} == {"'=HYPERLINK(\"x\",\"y\")"}
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(render("xlsx", batch)))
    for sheet in book.worksheets[:2]:  # findings, reports
        cells = [row[1] for row in sheet.iter_rows(min_row=2) if row[0].value.endswith(REPORT)]
        assert cells and all(c.data_type == "s" and c.value == "=HYPERLINK(\"x\",\"y\")" for c in cells)
    departments = [row[0] for row in book.worksheets[2].iter_rows(min_row=2)]
    assert any(c.data_type == "s" and c.value == "=HYPERLINK(\"x\",\"y\")" for c in departments)


def test_xlsx_reopens_with_header_frozen_pane_and_filter(batch, folder):
    from openpyxl import load_workbook

    data = render("xlsx", batch)
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    assert [c.value for c in sheet[1]] == ZH_HEADERS
    assert sheet.freeze_panes == "A2"
    findings = sum(len(r.findings) for r in batch.results)
    assert sheet.max_row == findings + 1
    assert sheet.auto_filter.ref == f"A1:S{findings + 1}"
    assert sheet.column_dimensions["I"].width > sheet.column_dimensions["C"].width
    report = result_for(batch, REPORT)
    (row,) = [r for r in sheet.iter_rows(min_row=2) if r[0].value == report.source and r[4].value == "NAT-ARITH-004"]
    assert [c.value for c in row[:12]] == [report.source, "青龙满族自治县总工会", 2021, "有警告", "NAT-ARITH-004",
                                           "项目支出执行率", "勾稽计算", "警告", report.findings[0].message, None, None, 119]
    assert (row[17].value, row[17].number_format) == (54.27, "0.00")
    assert (row[18].value, row[18].number_format) == (54.29, "0.00")
    assert [s.title for s in book.worksheets] == ["审核发现", "报告", "部门汇总"]
    # fixed dates, so the bytes do not depend on the clock
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert book.properties.created.year == book.properties.modified.year == 2000
    english = load_workbook(io.BytesIO(render("xlsx", make_batch(folder, "en")))).active
    assert [c.value for c in english[1]] == EN_HEADERS


# -- jsonl ----------------------------------------------------------------------------------------
def test_jsonl_has_one_parsable_line_per_report(batch):
    data = render("jsonl", batch)
    lines = data.decode("utf-8").splitlines()
    assert len(lines) == len(batch.results) and data.endswith(b"\n")
    whole = json.loads(render("json", batch))
    assert [json.loads(line) for line in lines] == whole["reports"]
    assert "青龙满族自治县总工会" in lines[[json.loads(x)["source"] for x in lines].index(result_for(batch, REPORT).source)]


def test_jsonl_streams_each_report_as_the_whole_batch_does(batch):
    formatter = FORMATTERS["jsonl"]
    stream = io.StringIO()
    for result in batch.results:
        formatter.stream_result(result, stream, {"lang": batch.lang})
    assert stream.getvalue().encode("utf-8") == render("jsonl", batch)


# -- which file a location refers to ------------------------------------------------------------------
def test_schema_findings_point_at_the_report_file_not_its_prose_source(tmp_path):
    folder = make_reports(tmp_path / "schema")
    data = json.loads((folder / REPORT).read_text(encoding="utf-8"))
    data["disclosure"]["status"] = "bogus"
    (folder / REPORT).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    batch = make_batch(folder)
    log = sarif(batch)
    (schema,) = [r for r in report_results(log) if r["ruleId"] == "JX-SCHEMA"]
    physical = schema["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == REPORT  # the line is the JSON file's, not the .txt's
    line = (folder / REPORT).read_text(encoding="utf-8").split("\n")[physical["region"]["startLine"] - 1]
    assert '"status": "bogus"' in line
    (arith,) = [r for r in report_results(log) if r["ruleId"] == "NAT-ARITH-004"]
    assert arith["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == EXAMPLE_TXT.name
    page = parse(render("html", batch))
    assert "54.27%" in page.marks  # the prose source is quoted…
    assert '"' not in page.marks  # …the report's JSON is not (the HTML is for reviewers): its line is named
    json_line = physical["region"]["startLine"]
    assert f"第 {json_line} 行" in "".join(page.text)


def test_sarif_of_a_report_read_from_stdin(cli):
    import jsonschema

    result = cli("check", "-", "--format", "sarif", input=EXAMPLE_JSON.read_text(encoding="utf-8"))
    log = json.loads(result.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert not list(jsonschema.validators.validator_for(schema)(schema).iter_errors(log))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"%3Cstdin%3E"} and "originalUriBaseIds" not in log["runs"][0]


def test_sarif_marks_findings_a_baseline_suppressed(folder):
    import jsonschema

    batch = make_batch(folder)
    report = result_for(batch, REPORT)
    accepted = [f for f in report.findings if f.rule_id == "NAT-ARITH-004"]
    report.findings = [f for f in report.findings if f.rule_id != "NAT-ARITH-004"]
    report.suppressed = accepted
    log = sarif(batch)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert not list(jsonschema.validators.validator_for(schema)(schema).iter_errors(log))
    (result,) = [r for r in report_results(log) if r["ruleId"] == "NAT-ARITH-004"]
    assert result["suppressions"][0]["kind"] == "external"
    assert all("suppressions" not in r for r in report_results(log) if r["ruleId"] != "NAT-ARITH-004")
    assert "已接受（基线）" in "".join(parse(render("html", batch)).text)


def test_findings_merged_from_another_tool(cli, folder, tmp_path):
    other = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "othertool", "rules": [{"id": "EXT-001"}]}},
                                           "results": [
        {"ruleId": "EXT-001", "level": "warning", "message": {"text": "spelling"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": str(folder / REPORT)},
                                             "region": {"startLine": 3}}}]},
        {"ruleId": "EXT-002", "level": "error", "message": {"text": "elsewhere"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": str(tmp_path / "other.json")}}}]}]}]}
    merge = tmp_path / "other.sarif"
    merge.write_text(json.dumps(other), encoding="utf-8")
    sarif_out, junit_out = tmp_path / "out.sarif", tmp_path / "out.xml"
    for fmt, out in (("sarif", sarif_out), ("junit", junit_out)):
        cli("check", folder, "--merge", merge, "--format", fmt, "--output", out)
    log = json.loads(sarif_out.read_text(encoding="utf-8"))
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["EXT-001"]["properties"]["tags"] == ["tool:othertool"]
    (ext,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "EXT-001"]
    assert ext["properties"]["tool"] == "othertool" and ext["level"] == "warning"
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert not list(jsonschema.validators.validator_for(schema)(schema).iter_errors(log))
    root = ET.fromstring(junit_out.read_bytes())
    names = [c.get("name") for c in root.iter("testcase")]
    assert "othertool: EXT-001" in names and "othertool: EXT-002" in names
    (alone,) = [s for s in root.findall("testsuite") if s.get("name").endswith("other.json")]
    assert [c.get("name") for c in alone.findall("testcase")] == ["othertool: EXT-002"]  # no schema case: nothing was read


def test_html_shows_lists_as_lists_and_intervals_as_ranges(tmp_path):
    from typer.testing import CliRunner

    from jixiao.cli import app

    out = tmp_path / "a.html"
    CliRunner().invoke(app, ["check", str(EXAMPLE_TXT), "--format", "html",
                             "--output", str(out)])
    page = out.read_text(encoding="utf-8")
    assert "部门整体全年（调整后）预算、项目支出全年（调整后）预算" in page  # figures named in words…
    assert "/overall/adjusted_budget" not in page  # …never as JSON Pointers
    assert "54.22 ~ 54.35" in page
