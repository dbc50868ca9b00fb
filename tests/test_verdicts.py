"""Verdicts that cannot mislead (issue 11): one status per report from one documented set, the same in
every format and in the API; exit codes that never let an unread or unchecked report pass; selectors
that name something; the command-line conventions (--version, completion, --statistics, --quiet, a
progress bar that clears itself)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st
import pytest

import jixiao
from jixiao.model import REPORT_STATUSES, STATUS_LABELS, status_label
from jixiao.validation import load_schema

from conftest import EXAMPLE_JSON
from verdict_batch import LABELS, STATUS_OF, by_name, five_reports, make_batch
from helpers import render

SCRIPT = str(Path(sys.executable).with_name("jixiao"))


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return five_reports(tmp_path_factory.mktemp("verdicts"))


@pytest.fixture(scope="module")
def batch(folder):
    return make_batch(folder)




def one(folder: Path, name: str, tmp_path: Path) -> Path:
    """A folder holding only the report `name` of the five (and the prose source it quotes)."""
    target = tmp_path / "one" / "reports"
    target.mkdir(parents=True, exist_ok=True)
    (target / name).write_bytes((folder / name).read_bytes())
    src = tmp_path / "one" / "src"
    src.mkdir(exist_ok=True)
    for file in (folder.parent / "src").iterdir():
        (src / file.name).write_bytes(file.read_bytes())
    return target / name


# -- the set ------------------------------------------------------------------------------------
def test_the_statuses_and_their_labels_are_one_set_in_the_model():
    assert REPORT_STATUSES == ("passed", "warnings", "errors", "not_checked", "unreadable")
    assert {s: status_label(s, "zh") for s in REPORT_STATUSES} == LABELS
    assert set(STATUS_LABELS) == set(REPORT_STATUSES)
    schema = load_schema("findings")["$defs"]["report"]["properties"]["status"]
    assert schema["enum"] == list(REPORT_STATUSES)
    described = {entry["const"]: entry for entry in schema["oneOf"]}
    assert set(described) == set(REPORT_STATUSES)
    for status, entry in described.items():
        assert LABELS[status] in entry["title"] and len(entry["description"]) > 30
    summary = load_schema("findings")["properties"]["summary"]
    assert set(REPORT_STATUSES) <= set(summary["required"])


def test_each_report_of_the_batch_gets_its_status(batch):
    assert {name: r.status for name, r in by_name(batch).items()} == STATUS_OF
    not_checked = by_name(batch)["not_checked.json"]
    assert not_checked.evaluated == 0 and not_checked.rule_runs  # read, every rule skipped: never a pass


def test_the_api_returns_the_same_status(folder):
    for name, status in STATUS_OF.items():
        assert jixiao.check(folder / name).status == status, name
        assert jixiao.check(str(folder / name)).status == status, name
    assert jixiao.check(folder / "warnings.json").status_label("zh") == "有警告"


def test_a_rounding_slip_shows_warnings_never_a_failure(folder, tmp_path, cli):
    path = one(folder, "warnings.json", tmp_path)
    result = cli("check", path)
    assert result.exit_code == 0  # --fail-on error by default: a warning does not fail the run
    assert "结论：有警告" in result.stdout and "未通过" not in result.output
    html = tmp_path / "w.html"
    assert cli("check", path, "--format", "html", "--output", html).exit_code == 0
    page = html.read_text(encoding="utf-8")
    assert "有警告" in page and "未通过" not in page
    assert cli("check", path, "--fail-on", "warning").exit_code == 1


# -- the same status in every format ---------------------------------------------------------------
def test_status_in_text(batch):
    text = render("text", batch).decode("utf-8")
    blocks = {Path(block.splitlines()[0].split()[0]).name: block for block in text.strip().split("\n\n")}
    for name, status in STATUS_OF.items():
        assert f"结论：{LABELS[status]}" in blocks[name], name
    assert "没有可检查的数据" in blocks["not_checked.json"]
    assert "共 5 份报告：通过 1 份，有警告 1 份，有错误 1 份，未能检查 1 份，无法读取 1 份" in text


def test_status_in_json_and_jsonl(batch):
    document = json.loads(render("json", batch))
    jsonschema.Draft202012Validator(load_schema("findings")).validate(document)
    assert {Path(r["source"]).name: r["status"] for r in document["reports"]} == STATUS_OF
    assert {s: document["summary"][s] for s in REPORT_STATUSES} == dict.fromkeys(REPORT_STATUSES, 1)
    lines = [json.loads(line) for line in render("jsonl", batch).decode("utf-8").splitlines()]
    assert {Path(r["source"]).name: r["status"] for r in lines} == STATUS_OF


def test_status_in_sarif(batch):
    log = json.loads(render("sarif", batch))
    reports = log["runs"][0]["properties"]["reports"]
    assert {Path(r["source"]).name: r["status"] for r in reports} == STATUS_OF
    assert {Path(r["source"]).name: r["statusLabel"] for r in reports} == {n: LABELS[s] for n, s in STATUS_OF.items()}
    assert log["runs"][0]["properties"]["summary"]["not_checked"] == 1


def test_status_in_junit_and_a_report_not_checked_fails_there(batch):
    root = ET.fromstring(render("junit", batch))
    suites = {Path(s.get("name")).name: s for s in root.findall("testsuite")}
    for name, status in STATUS_OF.items():
        properties = {p.get("name"): p.get("value") for p in suites[name].iter("property")}
        assert properties["status"] == status and properties["status_label"] == LABELS[status], name
    unchecked = suites["not_checked.json"]
    assert int(unchecked.get("failures")) == 1  # every rule skipped would otherwise look green
    assert [f.get("type") for f in unchecked.iter("failure")] == ["not_checked"]


def test_status_in_html(batch):
    html = render("html", batch).decode("utf-8")
    for index, result in enumerate(batch.results, start=1):
        start = html.index(f'id="report-{index}"')
        section = html[start:html.index("</section>", start)]
        assert f'<span class="badge {result.status}">{LABELS[result.status]}</span>' in section
    for status, label in LABELS.items():
        assert f'<div class="tile {status}"><b>1</b><span>{label}</span></div>' in html


def test_status_in_csv_and_excel(batch):
    rows = list(csv.reader(io.StringIO(render("csv", batch).decode("utf-8-sig"), newline="")))
    status = rows[0].index("结论")
    reports = {Path(r[1]).name: r[status] for r in rows[1:] if r[0] == "report"}
    assert reports == {name: LABELS[s] for name, s in STATUS_OF.items()}
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(render("xlsx", batch)))["报告"]
    header = [c.value for c in sheet[1]]
    got = {Path(row[0].value).name: row[header.index("结论")].value for row in sheet.iter_rows(min_row=2)}
    assert got == {name: LABELS[s] for name, s in STATUS_OF.items()}


def test_english_labels_are_the_same_set(folder):
    text = render("text", make_batch(folder, "en")).decode("utf-8")
    for status in REPORT_STATUSES:
        assert f"status: {STATUS_LABELS[status]['en']}" in text


# -- exit codes ------------------------------------------------------------------------------------
@pytest.mark.parametrize("name, fail_on, code", [
    ("passed.json", "error", 0), ("passed.json", "never", 0), ("passed.json", "info", 1),
    ("warnings.json", "error", 0), ("warnings.json", "warning", 1), ("warnings.json", "never", 0),
    ("errors.json", "error", 1), ("errors.json", "never", 0),
    ("not_checked.json", "error", 2), ("not_checked.json", "never", 2),
    ("unreadable.json", "error", 2), ("unreadable.json", "never", 2),
])
def test_exit_codes(cli, folder, tmp_path, name, fail_on, code):
    result = cli("check", one(folder, name, tmp_path), "--fail-on", fail_on)
    assert result.exit_code == code, result.output


def test_a_batch_with_a_report_not_checked_exits_2_whatever_fail_on_says(cli, folder):
    for fail_on in ("error", "never"):
        result = cli("check", folder, "--fail-on", fail_on, "--format", "json")
        assert result.exit_code == 2
        assert "未能检查 1 份" in result.stderr


def test_min_evaluated_raises_the_bar(cli, folder, tmp_path):
    path = one(folder, "passed.json", tmp_path)
    result = cli("check", path, "--min-evaluated", "1000", "--fail-on", "never")
    assert result.exit_code == 2 and "结论：未能检查" in result.stdout and "至少需要 1000 条" in result.stdout
    assert jixiao.check(path, min_evaluated=1000).status == "not_checked"
    assert cli("check", path, "--min-evaluated", "0").exit_code == 0


# -- selectors ---------------------------------------------------------------------------------------
def test_an_unknown_selector_is_a_usage_error_with_a_suggestion(cli):
    result = cli("check", EXAMPLE_JSON, "--select", "NAT-ARTIH")
    assert result.exit_code == 2
    assert "--select NAT-ARTIH" in result.stderr and "没有这个规则编号" in result.stderr
    assert "您是不是要找 NAT-ARITH" in result.stderr
    result = cli("check", EXAMPLE_JSON, "--ignore", "arithmatic")
    assert result.exit_code == 2 and "arithmetic" in result.stderr
    result = cli("check", EXAMPLE_JSON, "--ignore", "ZZZZZZ")
    assert result.exit_code == 2 and "可用的类别" in result.stderr
    with pytest.raises(ValueError, match="NAT-ARITH"):
        jixiao.check(EXAMPLE_JSON, select=["NAT-ARTIH"])


def test_select_and_ignore_by_category(cli):
    out = json.loads(cli("check", EXAMPLE_JSON, "--format", "json", "--select", "arithmetic").stdout)
    rules = jixiao.load_pack("hebei").rules
    ran = {r["rule_id"] for r in out["reports"][0]["rule_runs"]}
    assert ran and all(rules[rule_id].category == "arithmetic" for rule_id in ran)
    assert {f["rule_id"] for f in out["reports"][0]["findings"]} == {"NAT-ARITH-004"}
    out = json.loads(cli("check", EXAMPLE_JSON, "--format", "json", "--ignore", "plausibility").stdout)
    ran = {r["rule_id"] for r in out["reports"][0]["rule_runs"]}
    assert ran and not any(rules[rule_id].category == "plausibility" for rule_id in ran)
    assert cli("check", EXAMPLE_JSON, "--ignore", "completeness").exit_code == 0


def test_engine_findings_can_be_ignored_like_rules(cli):
    txt = EXAMPLE_JSON.with_suffix(".txt")
    shown = json.loads(cli("check", txt, "--format", "json").stdout)["reports"][0]["findings"]
    assert "JX-EXTRACTION" in {f["rule_id"] for f in shown}
    kept = json.loads(cli("check", txt, "--format", "json", "--ignore", "JX-EXTRACTION").stdout)["reports"][0]
    assert "JX-EXTRACTION" not in {f["rule_id"] for f in kept["findings"]}
    assert "NAT-ARITH-004" in {f["rule_id"] for f in kept["findings"]}
    for engine_id in ("JX-SCHEMA", "JX-CONFLICT", "JX-TIMEOUT", "JX-INTERNAL"):
        assert cli("check", EXAMPLE_JSON, "--ignore", engine_id).exit_code == 0, engine_id
    result = jixiao.check(str(txt), ignore=["extraction"])
    assert "JX-EXTRACTION" not in {f.rule_id for f in result.findings}


# -- the API reads paths as paths ---------------------------------------------------------------------
def test_a_missing_path_without_a_suffix_is_not_taken_for_report_text(tmp_path):
    for missing in ("no-such-report", str(tmp_path / "nowhere" / "r"), "2021年报告"):
        with pytest.raises(jixiao.InputError) as raised:
            jixiao.check(missing)
        assert raised.value.key == "not_found" and "文件不存在" in raised.value.render("zh")
    report = tmp_path / "report-without-suffix"
    report.write_text(EXAMPLE_JSON.read_text(encoding="utf-8"), encoding="utf-8")
    assert jixiao.check(str(report)).source == str(report)  # read as a file, never as text


# -- command-line conventions -------------------------------------------------------------------------
def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"jixiao {jixiao.__version__}"


def test_shell_completion_is_enabled():
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    help_text = subprocess.run([SCRIPT, "--help"], capture_output=True, text=True, env=env).stdout
    assert "--install-completion" in help_text and "--show-completion" in help_text
    # (the shell named, not detected from the process tree: a test run with no shell above it detects none)
    shown = subprocess.run([SCRIPT, "--show-completion", "bash"], capture_output=True, text=True,
                           env={**env, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert shown.returncode == 0 and "_jixiao_completion" in shown.stdout
    completed = subprocess.run([SCRIPT], capture_output=True, text=True,
                               env={**env, "_JIXIAO_COMPLETE": "complete_bash", "COMP_WORDS": "jixiao check --fa",
                                    "COMP_CWORD": "2"})
    assert "--fail-on" in completed.stdout


def test_statistics_after_text_and_on_stderr_for_machine_formats(cli, folder):
    result = cli("check", folder, "--statistics")
    out = result.stdout
    table = out[out.index("\n规则 "):]
    assert table.split("\n")[1].split()[:2] == ["规则", "次数"]
    assert any(line.split()[:3] == ["NAT-ARITH-004", "2", "项目支出执行率"] for line in table.splitlines())
    assert any(line.split()[:3] == ["JX-INPUT", "1", "输入文件无法读取"] for line in table.splitlines())
    machine = cli("check", folder, "--statistics", "--format", "json")
    json.loads(machine.stdout)  # still one JSON document
    assert "NAT-ARITH-004" in machine.stderr and "次数" in machine.stderr


def test_quiet_lists_only_warnings_and_errors(cli, folder):
    result = cli("check", folder, "--quiet")
    out = result.stdout
    assert "passed.json" not in out  # a report that passed has no lines
    assert "提示" not in out and "NAT-PLAUS-005" not in out  # no info hints
    assert "NAT-ARITH-004" in out and "not_checked.json" in out and "unreadable.json" in out
    assert "共 5 份报告：通过 1 份" in result.stderr  # the summary still counts every report


def test_the_progress_bar_clears_itself_and_never_glues_to_output(folder):
    from test_batch import _under_a_terminal

    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(COLUMNS="100", TERM="xterm", PYTHONIOENCODING="utf-8")
    code, shown = _under_a_terminal([SCRIPT, "check", str(folder), "--progress", "--jobs", "1"], env)
    assert code == 2
    text = shown.decode("utf-8", "replace")
    assert "jixiao [" in text and "\r\x1b[K" in text  # drawn, and erased with \r + clear line
    for line in text.replace("\r\n", "\n").split("\n"):
        visible = line.rsplit("\r", 1)[-1].replace("\x1b[K", "")  # what stays on the line after each \r
        assert "jixiao [" not in visible, repr(line)  # the bar is gone from every line left on screen
    assert "结论：有警告" in text


def test_ratio_with_a_summed_numerator_is_bracketed():
    report = {"kind": "department_self_evaluation", "fiscal_year": 2021, "department": {"name": "测试县财政局"},
              "projects_summary": {"evaluated_count": 6, "grade_counts": {"excellent": 3, "good": 2},
                                   "excellent_good_rate": 90}}
    result = jixiao.check(report, packs=["national"], select=["NAT-GRADE-004"])
    [finding] = result.findings
    assert "(3 + 2) ÷ 6 × 100" in finding.message and finding.values["expression"] == "(3 + 2) ÷ 6 × 100"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["passed", "failed", "skipped", "errored"]), max_size=8), st.integers(0, 6),
       st.lists(st.sampled_from(["error", "warning", "info"]), max_size=3))
def test_a_report_is_not_checked_exactly_when_fewer_rules_than_asked_were_evaluated(statuses, minimum, severities):
    from jixiao.model import AuditResult, Finding, RuleRun

    result = AuditResult(source="r.json", rule_runs=[RuleRun(f"R{i}", s) for i, s in enumerate(statuses)],
                         findings=[Finding("R0", "arithmetic", s, "m", None, None, {}) for s in severities],
                         min_evaluated=minimum)
    assert (result.status == "not_checked") == (result.evaluated < minimum)


def test_the_progress_bar_never_glues_to_text_written_while_reports_are_checked(tmp_path):
    """Text is written as each report is checked (one pass): past the output's buffer, lines reach the terminal
    while the bar is drawn, and still never share a line with it."""
    from test_batch import _under_a_terminal

    folder = tmp_path / "many"
    folder.mkdir()
    body = EXAMPLE_JSON.read_text(encoding="utf-8")  # the example has a warning: some lines of text each
    for number in range(300):
        (folder / f"r{number:03d}.json").write_text(body, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(COLUMNS="100", TERM="xterm", PYTHONIOENCODING="utf-8")
    code, shown = _under_a_terminal([SCRIPT, "check", str(folder), "--progress", "--jobs", "1", "--no-config"], env)
    text = shown.decode("utf-8", "replace")
    assert code == 0 and text.count("NAT-ARITH-004") >= 300  # warnings: fail-on error passes
    for line in text.replace("\r\n", "\n").split("\n"):
        visible = line.rsplit("\r", 1)[-1].replace("\x1b[K", "")
        assert "jixiao [" not in visible, repr(line)
