"""The real CLI: typer's runner in-process and the installed `jixiao` script in a subprocess."""

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from jixiao.validation import load_schema

from conftest import EXAMPLE_JSON

SCRIPT = str(Path(sys.executable).with_name("jixiao"))


def test_example_gives_exactly_the_one_warning(cli):
    result = cli("check", EXAMPLE_JSON)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "警告" in line or "错误" in line]
    assert len(lines) == 3  # the finding, the report's status and the summary line
    assert "第 119 行" in lines[0] and "NAT-ARITH-004" in lines[0]
    assert "报告为 54.27%，按 49.9 ÷ 91.92 × 100 计算为 54.29%" in lines[0]
    assert lines[1].startswith("  结论：有警告")
    assert "共 1 份报告：通过 0 份，有警告 1 份" in result.output and "错误 0 项，警告 1 项" in result.output


def test_json_output_matches_the_published_schema(cli):
    result = cli("check", EXAMPLE_JSON, "--format", "json")
    document = json.loads(result.stdout)
    jsonschema.Draft202012Validator(load_schema("findings")).validate(document)
    [report] = document["reports"]
    warnings = [f for f in report["findings"] if f["severity"] != "info"]
    assert warnings == [{
        "rule_id": "NAT-ARITH-004", "category": "arithmetic", "severity": "warning",
        "message": warnings[0]["message"], "pointer": "/projects_summary/execution_rate",
        "location": {"line": 119, "column": 1, "end_line": 119, "end_column": 7, "quote": "54.27%"},
        "values": {"expression": "49.9 ÷ 91.92 × 100", "denominator": "年初预算", "stated": "54.27", "computed": "54.29",
                   "interval": ["54.22", "54.35"], "detail": "在输入数据的舍入范围内，属尾差", "verdict": "face"},
        "related": warnings[0]["related"],
    }]
    assert report["packs"] == [{"name": "hebei", "version": "2026.2"}]
    assert report["rules"]["skipped"] > 0 and report["rules"]["errored"] == 0


def test_fail_on_levels(cli):
    assert cli("check", EXAMPLE_JSON, "--fail-on", "warning").exit_code == 1
    assert cli("check", EXAMPLE_JSON, "--fail-on", "info").exit_code == 1
    assert cli("check", EXAMPLE_JSON, "--fail-on", "error").exit_code == 0
    assert cli("check", EXAMPLE_JSON, "--fail-on", "never").exit_code == 0


def test_select_and_ignore(cli):
    out = json.loads(cli("check", EXAMPLE_JSON, "--format", "json", "--ignore", "NAT-ARITH-004").stdout)
    assert "NAT-ARITH-004" not in {f["rule_id"] for f in out["reports"][0]["findings"]}
    out = json.loads(cli("check", EXAMPLE_JSON, "--format", "json", "--select", "NAT-GRADE").stdout)
    assert {r["rule_id"][:9] for r in out["reports"][0]["rule_runs"]} == {"NAT-GRADE"}


def test_english_messages(cli):
    result = cli("check", EXAMPLE_JSON, "--lang", "en")
    assert "Project execution rate: stated 54.27%, 49.9 ÷ 91.92 × 100 = 54.29%" in result.output
    assert "line 119" in result.output


def test_unreadable_input_exits_2_and_others_still_checked(cli, tmp_path):
    (tmp_path / "a.json").write_text(EXAMPLE_JSON.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.json").write_text("{oops", encoding="utf-8")
    result = cli("check", tmp_path, "--format", "json")
    assert result.exit_code == 2
    reports = {Path(r["source"]).name: r for r in json.loads(result.stdout)["reports"]}
    assert reports["b.json"]["status"] == "unreadable"
    assert reports["b.json"]["findings"][0]["location"]["line"] == 1
    assert reports["a.json"]["findings"][0]["rule_id"] == "NAT-ARITH-004"


def test_usage_errors_exit_2(cli, tmp_path):
    assert cli("check", EXAMPLE_JSON, "--format", "nope").exit_code == 2
    assert cli("check", EXAMPLE_JSON, "--pack", "nowhere").exit_code == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("pack: bad\nversion: '1'\nrules:\n  - id: X-1\n    kind: nope\n    message: {zh: x}\n", encoding="utf-8")
    result = cli("check", EXAMPLE_JSON, "--pack", bad)
    assert result.exit_code == 2 and f"{bad}:5:" in result.output


def test_explicit_pack_file(cli, tmp_path):
    pack = tmp_path / "strict.yaml"
    pack.write_text("pack: strict\nversion: '1'\nextends: [hebei]\noverrides:\n  NAT-ARITH-004: {face_severity: error}\n", encoding="utf-8")
    result = cli("check", EXAMPLE_JSON, "--pack", pack)
    assert result.exit_code == 1 and "错误  NAT-ARITH-004" in result.output


def test_rules_commands(cli, tmp_path):
    listing = cli("rules", "list").output
    assert "NAT-ARITH-004" in listing and "HB-SEC-001" in listing
    shown = cli("rules", "show", "NAT-ARITH-004").output
    assert "财预〔2020〕10号" in shown and "54.27%" in shown and "denominator" in shown
    assert cli("rules", "show", "NOPE-1").exit_code == 2
    assert cli("rules", "validate", "hebei").exit_code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("pack: bad\nversion: '1'\nextends: [national]\noverrides:\n  NAT-X-9: {severity: info}\n", encoding="utf-8")
    result = cli("rules", "validate", str(bad))
    assert result.exit_code == 2 and f"{bad}:5:" in result.output and "NAT-X-9" in result.output


def test_schema_and_plugins_commands(cli):
    for name in ("report", "rulepack", "findings"):
        assert json.loads(cli("schema", name).stdout)["$schema"].endswith("2020-12/schema")
    assert cli("schema", "nope").exit_code == 2
    listing = cli("plugins").output
    assert "builtin" in listing and "ratio" in listing and "national" in listing


def test_stdin(cli):
    result = cli("check", "-", "--format", "json", input=EXAMPLE_JSON.read_text(encoding="utf-8"))
    assert json.loads(result.stdout)["reports"][0]["findings"][0]["rule_id"] == "NAT-ARITH-004"


def test_installed_script_in_a_subprocess(tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([SCRIPT, "check", str(EXAMPLE_JSON)], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "NAT-ARITH-004" in done.stdout and "\033[" not in done.stdout  # no colour in a pipe
    assert "Traceback" not in done.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("[", encoding="utf-8")
    done = subprocess.run([SCRIPT, "check", str(broken)], capture_output=True, text=True, env=env)
    assert done.returncode == 2 and "Traceback" not in done.stdout + done.stderr
    assert f"{broken}:1:2" in done.stdout


def test_extract_prints_the_report_and_notes_on_stderr(cli):
    result = cli("extract", EXAMPLE_JSON.with_suffix(".txt"), "--lang", "en")
    report = json.loads(result.stdout)
    assert str(report["projects_summary"]["execution_rate"]) == "54.27"
    assert report["provenance"]["/projects_summary/execution_rate"]["line"] == 119
    assert "JX-EXTRACTION" in result.stderr


def test_rules_kinds_lists_parameters(cli):
    out = cli("rules", "kinds").output
    assert "ratio" in out and "numerator*" in out and "grade_band" in out


def test_bad_option_values_are_usage_errors(cli, tmp_path):
    for args in (["--output", tmp_path / "missing" / "x.json"], ["--output", tmp_path],
                 ["--write-baseline", tmp_path / "missing" / "b.json"], ["--timeout", "-1"],
                 ["--timeout", "nan"], ["--max-bytes", "-5"], ["--jobs", "-2"],
                 ["--plugin", tmp_path / "nowhere.py"]):
        result = cli("check", EXAMPLE_JSON, *args)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output


def test_hidden_folders_are_not_walked(cli, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "r.json").write_text("{broken", encoding="utf-8")
    (tmp_path / "r.json").write_text(EXAMPLE_JSON.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("check", tmp_path, "--format", "json")
    assert [r["source"].rsplit("/", 1)[-1] for r in json.loads(result.stdout)["reports"]] == ["r.json"]


def test_what_explorer_and_macos_leave_in_a_folder_is_not_a_report(cli, tmp_path):
    """Thumbs.db, desktop.ini, .DS_Store and a Mac's __MACOSX/ folder beside the reports: skipped as they are in an
    archive (each had been an `input` error, 无法读取, in a bureau's folder)."""
    (tmp_path / "r.json").write_text(EXAMPLE_JSON.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "Thumbs.db").write_bytes(b"\0" * 16)
    (tmp_path / "desktop.ini").write_text("[.ShellClassInfo]", encoding="utf-8")
    (tmp_path / "DESKTOP.INI.txt").write_text("一份名字像而不是的报告", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\0")
    (tmp_path / "__MACOSX").mkdir()
    (tmp_path / "__MACOSX" / "._r.json").write_bytes(b"\0")
    result = cli("check", tmp_path, "--format", "json", "--jobs", "1")
    names = [r["source"].rsplit("/", 1)[-1] for r in json.loads(result.stdout)["reports"]]
    assert names == ["DESKTOP.INI.txt", "r.json"]


def test_json_output_with_positions_in_the_report_file_matches_the_schema(cli, tmp_path):
    report = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    report["overall"]["grade"] = "甲"
    del report["provenance"]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    document = json.loads(cli("check", path, "--format", "json").stdout)
    jsonschema.Draft202012Validator(load_schema("findings")).validate(document)
    located = [f for f in document["reports"][0]["findings"] if f["location"]]
    assert located and all(f["location"]["artifact"] == str(path) for f in located)


def test_a_report_with_nothing_to_check_is_not_shown_as_clean(cli, tmp_path):
    path = tmp_path / "r.json"
    path.write_text('{"kind": "department_self_evaluation", "fiscal_year": 2021, "department": {"name": "某单位"}}',
                    encoding="utf-8")
    result = cli("check", path)
    assert "没有可检查的数据" in result.stdout and "未发现问题" not in result.stdout


@pytest.mark.parametrize("lang, line", [
    ("zh", "不是绩效自评报告，而是绩效运行监控报告：未按自评报告审核，不能视为通过"),
    ("en", "not a self-evaluation but a mid-year performance monitoring report (绩效运行监控报告): not checked as one"),
])
def test_a_document_that_is_no_self_evaluation_says_what_it_is_and_is_not_checked(cli, tmp_path, lang, line):
    """A mid-year 监控 report in a folder of self-evaluations (heldout19): the text output says what it is (not that data
    was missing), the verdict is 未能检查 and the exit code 2, as for any report that could not be checked."""
    (tmp_path / "监控.txt").write_text(
        "某县水利局2024年度预算绩效运行监控情况报告\n一、总体情况\n　　截至2024年6月30日，预算执行进度38.85%，预计全年执行率95.70%。\n",
        encoding="utf-8")
    result = cli("check", tmp_path / "监控.txt", "--lang", lang)
    assert line in result.stdout
    assert result.exit_code == 2
    assert ("未能检查" if lang == "zh" else "not checked") in result.stdout
