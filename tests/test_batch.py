"""Batches: worker processes give the same bytes, baselines suppress accepted findings, streaming."""

import json
from pathlib import Path

import pytest

from conftest import EXAMPLE_JSON, EXAMPLE_TXT


def make_batch(folder: Path) -> Path:
    folder.mkdir()
    base = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    for index in range(6):
        report = json.loads(json.dumps(base))
        report["department"]["name"] = f"测试县第{index}局"
        if index % 2:
            report["projects_summary"]["execution_rate"] = 54.29  # clean
        if index == 4:
            report["overall"]["execution_rate"] = 70.0  # an error
        sub = folder / ("sub" if index > 2 else "")
        sub.mkdir(exist_ok=True)
        (sub / f"r{index}.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    (folder / "broken.json").write_text('{"kind": ', encoding="utf-8")
    (folder / "notes.docx.bak").write_text("no extractor claims it: listed as not checked", encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", ["json", "text", "jsonl", "sarif", "junit", "html", "csv", "xlsx"])
def test_jobs_do_not_change_the_output(cli, tmp_path, fmt):
    """Every format's bytes are the same with worker processes (where each result may be rendered in its worker)."""
    folder = make_batch(tmp_path / "reports")
    one = cli("check", folder, "--format", fmt, "--jobs", "1", "--output", tmp_path / "one")
    two = cli("check", folder, "--format", fmt, "--jobs", "2", "--output", tmp_path / "two")
    assert one.exit_code == two.exit_code == 2  # the broken file
    assert (tmp_path / "one").read_bytes() == (tmp_path / "two").read_bytes()
    assert one.stderr.splitlines()[-1] == two.stderr.splitlines()[-1]  # the summary line
    if fmt in ("json", "text"):
        one = cli("check", folder, "--format", fmt, "--jobs", "1")
        assert one.stdout.encode() == (tmp_path / "one").read_bytes()  # stdout: the same bytes as the file
    if fmt == "json":
        reports = json.loads(one.stdout)["reports"]
        assert [Path(r["source"]).name for r in reports] == ["broken.json", "notes.docx.bak", "r0.json", "r1.json", "r2.json", "r3.json", "r4.json", "r5.json"]
        assert reports[1]["status"] == "unreadable"  # a file nobody reads is listed, never skipped without a word
        assert reports[0]["status"] == "unreadable"
        assert {f["rule_id"] for f in reports[6]["findings"]} >= {"NAT-ARITH-001"}  # r4.json


def test_summary_on_stderr_for_machine_formats(cli, tmp_path):
    result = cli("check", EXAMPLE_JSON, "--format", "json")
    assert "共 1 份报告" in result.stderr and "共 1 份报告" not in result.stdout


def test_baseline_round_trip(cli, tmp_path):
    report = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    path = tmp_path / "r.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    (tmp_path / EXAMPLE_TXT.name).write_text(EXAMPLE_TXT.read_text(encoding="utf-8"), encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    first = cli("check", path, "--write-baseline", baseline, "--fail-on", "warning")
    assert first.exit_code == 1
    recorded = json.loads(baseline.read_text(encoding="utf-8"))
    assert {e["rule_id"] for e in recorded["findings"]} == {"NAT-ARITH-004", "NAT-PLAUS-005"}

    again = cli("check", path, "--baseline", baseline, "--fail-on", "info", "--format", "json", "--show-suppressed")
    assert again.exit_code == 0
    [entry] = json.loads(again.stdout)["reports"]
    assert entry["findings"] == [] and entry["suppressed"] == 2
    assert "已被基线抑制 NAT-ARITH-004" in again.stderr

    # shifting lines keeps the suppression; changing the figure brings the finding back
    report["title"] = "改了标题"
    report["provenance"]["/projects_summary/execution_rate"]["line"] = 200
    path.write_text(json.dumps(report, ensure_ascii=False, indent=4), encoding="utf-8")
    assert cli("check", path, "--baseline", baseline, "--fail-on", "info").exit_code == 0
    report["projects_summary"]["execution_rate"] = 54.25
    path.write_text(json.dumps(report, ensure_ascii=False, indent=4), encoding="utf-8")
    back = cli("check", path, "--baseline", baseline, "--fail-on", "warning", "--format", "json")
    assert back.exit_code == 1
    assert [f["rule_id"] for f in json.loads(back.stdout)["reports"][0]["findings"]] == ["NAT-ARITH-004"]


def test_bad_baseline_is_a_usage_error(cli, tmp_path):
    bad = tmp_path / "b.json"
    bad.write_text('{"format": "other"}', encoding="utf-8")
    result = cli("check", EXAMPLE_JSON, "--baseline", bad)
    assert result.exit_code == 2 and "baseline" in result.output


def test_jsonl_streams_one_line_per_report(cli, tmp_path):
    folder = make_batch(tmp_path / "reports")
    result = cli("check", folder, "--format", "jsonl", "--jobs", "2")
    lines = result.stdout.splitlines()
    assert len(lines) == 8  # seven reports and the file nobody reads
    parsed = [json.loads(line) for line in lines]
    assert [Path(p["source"]).name for p in parsed][0] == "broken.json"
    assert cli("check", folder, "--format", "jsonl", "--jobs", "1").stdout == result.stdout


def test_symlink_loop_and_unreadable_file(cli, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "r.json").write_text(EXAMPLE_JSON.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "loop").symlink_to(folder)
    result = cli("check", folder, "--format", "json")
    assert [Path(r["source"]).name for r in json.loads(result.stdout)["reports"]] == ["r.json"]


def _under_a_terminal(args: list[str], env: dict) -> tuple[int, bytes]:
    """Run `args` with a pseudo-terminal for stdin, stdout and stderr; what it showed, read as it runs (a
    terminal's buffer is small: a program writing more would wait for a reader)."""
    import os
    import pty
    import subprocess
    import threading

    controller, terminal = pty.openpty()
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal's other end closed
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    done = subprocess.run(args, stdin=terminal, stdout=terminal, stderr=terminal, env=env, timeout=120)
    os.close(terminal)
    reader.join(timeout=10)
    os.close(controller)
    return done.returncode, b"".join(chunks)


def test_progress_bar_on_a_terminal_only(tmp_path):
    """Under a pseudo-terminal the bar is drawn on stderr; in a pipe or in CI it never is."""
    import os
    import subprocess
    import sys

    folder = make_batch(tmp_path / "reports")
    args = [str(Path(sys.executable).with_name("jixiao")), "check", str(folder), "--format", "json",
            "--output", str(tmp_path / "o.json")]
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(COLUMNS="100", TERM="xterm")
    code, shown = _under_a_terminal(args, env)
    assert code == 2
    assert b"jixiao" in shown and b"\x1b[" in shown  # the bar, drawn with terminal escapes
    _, in_ci = _under_a_terminal(args, {**env, "CI": "true"})
    assert b"jixiao" not in in_ci and b"\x1b[?25l" not in in_ci
    piped = subprocess.run(args, capture_output=True, env=env)
    assert b"\x1b[" not in piped.stderr and b"\x1b[" not in piped.stdout
