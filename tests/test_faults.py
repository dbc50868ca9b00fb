"""Nothing lost, nothing hung: every way a run used to lose or corrupt data, or hang, as a test.

Hostile files are built at test time by `tests/hostile/`. Tests that need a real process (signals,
locales, resource limits, stdin) run the installed `jixiao` command; the rest run in-process.
"""

from __future__ import annotations

import errno
import html
import io
import json
import os
import random
import resource
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

import hostile
from conftest import EXAMPLE_JSON

FORMATS = ["text", "json", "jsonl", "sarif", "junit", "html", "csv", "xlsx"]


def run(*args, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([hostile.JIXIAO, *map(str, args)], capture_output=True, timeout=timeout, **kwargs)


def strings(fmt: str, data: bytes) -> str:
    """Every text an output holds, read back the way its consumer reads it (JSON parsed, XML parsed,
    the workbook opened), one per line; fails if the output cannot be read."""
    out: list[str] = []

    def walk(value):
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                out.append(str(key))
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    if fmt in ("json", "sarif"):
        walk(json.loads(data.decode("utf-8")))
    elif fmt == "jsonl":
        for line in data.decode("utf-8").splitlines():
            walk(json.loads(line))
    elif fmt == "junit":
        for element in ET.fromstring(data).iter():
            out.extend(element.attrib.values())
            out.append(element.text or "")
    elif fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data))
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                out.extend(str(v) for v in row if v is not None)
    elif fmt == "html":
        out.append(html.unescape(data.decode("utf-8")))
    else:
        out.append(data.decode("utf-8-sig"))
    return "\n".join(out)


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".jixiao-tmp")]


# -- the output never destroys an input --------------------------------------------------------------
@pytest.mark.parametrize("how", ["itself", "symlink", "hardlink", "write-baseline"])
def test_an_output_naming_an_input_is_a_usage_error_and_nothing_is_touched(cli, tmp_path, how):
    folder = tmp_path / "reports"
    folder.mkdir()
    report = folder / "r.json"
    report.write_bytes(EXAMPLE_JSON.read_bytes())
    target = report
    if how == "symlink":
        target = tmp_path / "link.json"
        target.symlink_to(report)
    elif how == "hardlink":
        target = tmp_path / "hard.json"
        os.link(report, target)
    flag = "--write-baseline" if how == "write-baseline" else "--output"
    result = cli("check", folder, flag, target, "--format", "json")
    assert result.exit_code == 2
    assert "也是输入文件" in result.stderr
    assert report.read_bytes() == EXAMPLE_JSON.read_bytes()
    assert no_temp_files(folder) and no_temp_files(tmp_path)


# -- every string that leaves jixiao can be encoded ----------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_surrogate_escape_in_a_report_is_written_visibly_in_every_format(cli, tmp_path, fmt):
    path = hostile.surrogate_report(tmp_path / "s.json")
    out = tmp_path / f"out.{fmt}"
    result = cli("check", path, "--format", fmt, "--output", out)
    assert result.exit_code == 0, result.output
    assert "青龙\\udfff总工会" in strings(fmt, out.read_bytes())
    on_stdout = cli("check", path, "--format", fmt)
    assert on_stdout.exit_code == 0 and on_stdout.stdout_bytes == out.read_bytes()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_name_that_is_not_utf8_is_written_visibly_in_every_format(cli, tmp_path, fmt):
    folder = tmp_path / "reports"
    folder.mkdir()
    hostile.undecodable_name(folder)  # 报告 in GBK: bytes B1 A8 B8 E6, not UTF-8
    out = tmp_path / f"out.{fmt}"
    result = cli("check", folder, "--format", fmt, "--output", out)
    assert result.exit_code == 0, result.output
    assert hostile.UNDECODABLE_SHOWN in strings(fmt, out.read_bytes())


def test_a_broken_report_with_an_undecodable_name_names_it_the_same_way(cli, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), hostile.UNDECODABLE), "wb") as handle:
        handle.write(b'{"kind": ')
    result = cli("check", folder, "--format", "json")
    [report] = json.loads(result.stdout)["reports"]
    assert report["source"].endswith("/" + hostile.UNDECODABLE_SHOWN)
    assert hostile.UNDECODABLE_SHOWN + ":1:" in report["findings"][0]["message"]
    assert report["findings"][0]["values"]["file"] == report["source"]


def test_extract_writes_a_surrogate_escape_visibly(cli, tmp_path):
    path = hostile.surrogate_report(tmp_path / "s.json")
    result = cli("extract", path)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["department"]["name"] == "青龙\\udfff总工会"


@pytest.fixture(scope="module")
def gbk_env(tmp_path_factory):
    """An environment whose locale is zh_CN.GBK (built with localedef into a private LOCPATH)."""
    folder = tmp_path_factory.mktemp("locale")
    try:
        subprocess.run(["localedef", "-i", "zh_CN", "-f", "GBK", str(folder / "zh_CN.GBK")], capture_output=True,
                       timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        pytest.skip("localedef is not available")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIOENCODING", "PYTHONUTF8"))}
    env.update(LOCPATH=str(folder), LC_ALL="zh_CN.GBK", LANG="zh_CN.GBK")
    probe = subprocess.run([sys.executable, "-c", "import sys; print(sys.getfilesystemencoding(), sys.stdout.encoding)"],
                           env=env, capture_output=True, text=True)
    if probe.stdout.split() != ["gbk", "gbk"]:
        pytest.skip(f"could not switch to a GBK locale here ({probe.stdout.strip()})")
    return env


def test_stdout_in_a_gbk_locale_never_fails_on_a_character_outside_gbk(tmp_path, gbk_env):
    report = hostile.example()
    report["department"]["name"] = "青龙😀总工会"
    path = tmp_path / "r.json"
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    surrogate = hostile.surrogate_report(tmp_path / "s.json")
    text = run("check", path, surrogate, "--jobs", "1", env=gbk_env)
    assert text.returncode == 0, text.stderr.decode("gbk", "replace")
    shown = text.stdout.decode("gbk")
    assert "青龙\\U0001f600总工会" in shown and "青龙\\udfff总工会" in shown
    machine = run("check", path, surrogate, "--format", "json", env=gbk_env)  # JSON is UTF-8 whatever the locale
    assert [r["department"] for r in json.loads(machine.stdout.decode("utf-8"))["reports"]] == \
        ["青龙😀总工会", "青龙\\udfff总工会"]


def test_file_names_are_decoded_the_same_whatever_the_locale(tmp_path, gbk_env):
    folder = tmp_path / "reports"
    folder.mkdir()
    hostile.undecodable_name(folder)  # GBK bytes: 报告 in a GBK locale, undecodable in UTF-8
    (folder / "自评报告.json").write_bytes(EXAMPLE_JSON.read_bytes())  # UTF-8 bytes: mojibake in a GBK locale
    utf8_env = {**{k: v for k, v in os.environ.items() if not k.startswith("LC_")}, "LC_ALL": "C.UTF-8"}
    outputs = [run("check", "reports", "--format", "json", cwd=tmp_path, env=env).stdout for env in (utf8_env, gbk_env)]
    assert outputs[0] == outputs[1]
    assert [r["source"] for r in json.loads(outputs[0])["reports"]] == \
        ["reports/" + hostile.UNDECODABLE_SHOWN, "reports/自评报告.json"]


# -- control characters are safe for XML and Excel ----------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_control_character_never_breaks_an_output(cli, tmp_path, fmt):
    path = hostile.control_char_report(tmp_path / "c.json")
    out = tmp_path / f"out.{fmt}"
    result = cli("check", path, "--format", fmt, "--output", out)
    assert result.exit_code == 0 and out.stat().st_size > 0
    shown = strings(fmt, out.read_bytes())  # the xlsx opens, the XML parses, the JSON parses
    if fmt in ("xlsx", "junit", "html"):
        assert "青龙\\x01满族\\x1b自治县总工会" in shown
    else:
        assert "青龙\x01满族\x1b自治县总工会" in shown  # JSON escapes it; text and CSV carry it as it is


# -- outputs are written atomically --------------------------------------------------------------------
def _limit_file_size(size: int):
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG: a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return apply


@pytest.mark.parametrize("flag", ["--output", "--write-baseline"])
def test_a_full_disk_leaves_the_previous_file_intact(tmp_path, flag):
    paths = hostile.write_batch(tmp_path / "reports", 40)
    target = tmp_path / "previous.json"
    target.write_text("previous\n", encoding="utf-8")
    done = run("check", tmp_path / "reports", "--format", "json", flag, target, preexec_fn=_limit_file_size(2048))
    assert done.returncode == 2
    assert "磁盘空间不足" in done.stderr.decode() and "原有文件未改动" in done.stderr.decode()
    assert "Traceback" not in done.stderr.decode()
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert no_temp_files(tmp_path) and len(paths) == 40


def test_dev_full_is_a_clear_error(tmp_path):
    done = run("check", EXAMPLE_JSON, "--format", "json", "--output", "/dev/full")
    assert done.returncode == 2 and "磁盘空间不足" in done.stderr.decode() and "Traceback" not in done.stderr.decode()


def test_a_read_only_target_is_refused_before_anything_is_checked(cli, tmp_path):
    target = tmp_path / "out.json"
    target.write_text("previous\n", encoding="utf-8")
    target.chmod(0o444)
    result = cli("check", EXAMPLE_JSON, "--format", "json", "--output", target)
    assert result.exit_code == 2 and "只读" in result.stderr
    assert target.read_text(encoding="utf-8") == "previous\n"


def test_a_read_only_folder_is_a_clear_error(cli, tmp_path, monkeypatch):
    """Root writes into a folder of mode 0555, so a read-only file system is simulated: creating the
    temporary file fails with EROFS."""
    import jixiao.output

    target = tmp_path / "out.json"
    target.write_text("previous\n", encoding="utf-8")

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(jixiao.output.tempfile, "mkstemp", refuse)
    result = cli("check", EXAMPLE_JSON, "--format", "json", "--output", target)
    assert result.exit_code == 2 and "只读" in result.stderr
    assert target.read_text(encoding="utf-8") == "previous\n"


def _pausing_run(tmp_path: Path, target: Path, label: str, lines: int, go: Path) -> subprocess.Popen:
    plugin = hostile.plugin_file(tmp_path, "pausing", hostile.PAUSING_FORMATTER)
    env = {**os.environ, "JIXIAO_TEST_LABEL": label, "JIXIAO_TEST_LINES": str(lines),
           "JIXIAO_TEST_PAUSED": str(tmp_path / f"paused-{label}"), "JIXIAO_TEST_GO": str(go)}
    return subprocess.Popen([hostile.JIXIAO, "check", str(EXAMPLE_JSON), "--plugin", str(plugin), "--format", "pausing",
                             "--output", str(target)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for(path: Path, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.01)


def test_the_target_is_never_truncated_and_concurrent_runs_never_interleave(tmp_path):
    """Run A writes half of a long output and pauses; the target still holds the previous content.
    Run B writes a short output to the same target meanwhile; then A finishes. Truncate-and-write left
    B's bytes, NULs and A's tail; now the target is always one whole output (the last rename wins)."""
    target = tmp_path / "out.txt"
    target.write_text("previous\n", encoding="utf-8")
    go_a, go_b = tmp_path / "go-a", tmp_path / "go-b"
    go_b.touch()
    a = _pausing_run(tmp_path, target, "A", 5000, go_a)
    try:
        _wait_for(tmp_path / "paused-A", a)
        assert target.read_text(encoding="utf-8") == "previous\n"
        b = _pausing_run(tmp_path, target, "B", 10, go_b)
        assert b.wait(60) == 0, b.communicate()
        assert target.read_text(encoding="utf-8") == "B\n" * 10
        go_a.touch()
        assert a.wait(60) == 0, a.communicate()
        assert target.read_bytes() == b"A\n" * 5000
        assert no_temp_files(tmp_path)
    finally:  # a failed assertion must not leave run A waiting for ever
        go_a.touch()
        if a.poll() is None:
            a.kill()
        a.communicate()


def _written_temp(folder: Path) -> bool:
    """Whether an output's temporary file in `folder` holds something yet. It may be renamed into place (or removed)
    between listing and looking at it: the run is finishing, and that is no error of the test."""
    for path in folder.iterdir():
        if path.name.endswith(".jixiao-tmp"):
            try:
                if path.stat().st_size > 0:
                    return True
            except FileNotFoundError:
                continue
    return False


def test_jsonl_to_a_file_streams_into_the_temporary_file(tmp_path):
    plugin, pack = hostile.faulty_plugin(tmp_path)
    hostile.named_reports(tmp_path / "reports", ["慢"] * 20)
    target = tmp_path / "out.jsonl"
    target.write_text("previous\n", encoding="utf-8")
    process = subprocess.Popen([hostile.JIXIAO, "check", str(tmp_path / "reports"), "--plugin", str(plugin), "--pack",
                                str(pack), "--format", "jsonl", "--output", str(target), "--jobs", "1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "JIXIAO_TEST_SLOW": "0.1"})
    seen_streaming = False
    while process.poll() is None:
        if _written_temp(tmp_path) and target.read_text(encoding="utf-8") == "previous\n":
            seen_streaming = True
        time.sleep(0.05)
    assert process.returncode == 0, process.communicate()
    assert seen_streaming
    assert len(target.read_text(encoding="utf-8").splitlines()) == 20 and no_temp_files(tmp_path)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_every_worker_within_a_second_and_keeps_the_previous_output(tmp_path, jobs):
    plugin, pack = hostile.faulty_plugin(tmp_path)
    hostile.named_reports(tmp_path / "reports", ["慢"] * 400)
    target = tmp_path / "out.jsonl"
    target.write_text("previous\n", encoding="utf-8")
    args = [hostile.JIXIAO, "check", str(tmp_path / "reports"), "--plugin", str(plugin), "--pack", str(pack),
            "--format", "jsonl", "--jobs", jobs]
    process = subprocess.Popen(args + ["--output", str(target)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    while not _written_temp(tmp_path):
        assert process.poll() is None, process.communicate()
        time.sleep(0.02)
    workers = hostile.children(process.pid)
    assert len(workers) == (0 if jobs == "1" else 2)
    started = time.monotonic()
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert time.monotonic() - started < 1.0
    assert process.returncode == 130 and "已中断" in err.decode() and "Traceback" not in err.decode()
    assert target.read_text(encoding="utf-8") == "previous\n" and no_temp_files(tmp_path)
    time.sleep(0.2)
    assert not [pid for pid in workers if os.path.exists(f"/proc/{pid}") and
                b"zombie" not in Path(f"/proc/{pid}/status").read_bytes().lower()]
    # on stdout, every record written is whole (interrupted once the first is out: the run has started, whatever the
    # machine's speed; a fixed 1.5 s could fall before the command line had finished starting on a slow one)
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = b""  # (read from the pipe itself: a buffered readline would keep what it read past the line from communicate)
    while b"\n" not in first and (chunk := os.read(process.stdout.fileno(), 65536)):
        first += chunk
    process.send_signal(signal.SIGINT)
    rest, _ = process.communicate(timeout=30)
    out = first + rest
    assert process.returncode == 130
    assert out.endswith(b"\n") and all(json.loads(line)["source"] for line in out.splitlines())


# -- every input accounted for -------------------------------------------------------------------------
def test_an_unreadable_subfolder_is_a_finding(cli, tmp_path, monkeypatch):
    """Tests run as root, whom a folder of mode 0 does not stop: listing the folder is made to fail
    in-process by monkeypatching Path.iterdir (--jobs 1, so the check runs in this process too)."""
    folder = tmp_path / "reports"
    (folder / "locked").mkdir(parents=True)
    (folder / "r.json").write_bytes(EXAMPLE_JSON.read_bytes())
    (folder / "locked" / "hidden.json").write_bytes(EXAMPLE_JSON.read_bytes())
    real = Path.iterdir

    def iterdir(self):
        if self.name == "locked":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    result = cli("check", folder, "--format", "json", "--jobs", "1")
    assert result.exit_code == 2
    reports = {Path(r["source"]).name: r for r in json.loads(result.stdout)["reports"]}
    assert set(reports) == {"locked", "r.json"}
    [finding] = reports["locked"]["findings"]
    assert finding["category"] == "input" and finding["values"]["problem"] == "unreadable_folder"
    assert "文件夹无法读取" in finding["message"] and reports["locked"]["status"] == "unreadable"


def test_fifos_sockets_and_devices_are_refused_without_being_opened(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "good.json").write_bytes(EXAMPLE_JSON.read_bytes())
    named_fifo = hostile.fifo(tmp_path / "named.json")
    hostile.fifo(tmp_path / "target-fifo")
    (folder / "linked.json").symlink_to(tmp_path / "target-fifo")
    (folder / "zero.json").symlink_to("/dev/zero")
    server = hostile.unix_socket(folder / "sock.json")
    try:
        done = run("check", named_fifo, folder, "/dev/zero", "--format", "json", timeout=60)
    finally:
        server.close()
    assert done.returncode == 2
    reports = {Path(r["source"]).name: r for r in json.loads(done.stdout)["reports"]}
    for name in ("named.json", "linked.json", "zero.json", "sock.json", "zero"):
        assert reports[name]["status"] == "unreadable", name
        assert reports[name]["findings"][0]["values"]["problem"] == "not_regular", name
    assert reports["good.json"]["status"] != "unreadable"


def test_endless_stdin_is_bounded_by_max_bytes(tmp_path):
    yes = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    try:
        done = subprocess.run([hostile.JIXIAO, "check", "-", "--max-bytes", "1000", "--format", "json"],
                              stdin=yes.stdout, capture_output=True, timeout=60)
    finally:
        yes.kill()
        yes.wait()
    assert done.returncode == 2
    [report] = json.loads(done.stdout)["reports"]
    assert report["findings"][0]["values"]["problem"] == "too_large"


# -- plugins that exit, crash or hang --------------------------------------------------------------------
def _by_name(stdout: str) -> dict[str, dict]:
    return {Path(r["source"]).name: r for r in json.loads(stdout)["reports"]}


def test_a_worker_that_dies_is_retried_once_then_reported_and_the_batch_goes_on(cli, tmp_path):
    plugin, pack = hostile.faulty_plugin(tmp_path)
    hostile.named_reports(tmp_path / "reports", ["好", "死", "好", "好", "好"])
    started = time.monotonic()
    result = cli("check", tmp_path / "reports", "--plugin", plugin, "--pack", pack, "--format", "json", "--jobs", "2")
    assert time.monotonic() - started < 60
    reports = _by_name(result.stdout)
    assert len(reports) == 5
    [finding] = reports["r1.json"]["findings"]
    assert finding["rule_id"] == "JX-INTERNAL" and finding["category"] == "internal"
    assert "工作进程意外终止" in finding["message"] and "退出码 3" in finding["message"]
    assert finding["values"]["attempts"] == 2
    for name in ("r0.json", "r2.json", "r3.json", "r4.json"):
        assert "NAT-ARITH-004" in {f["rule_id"] for f in reports[name]["findings"]}


def test_workers_that_cannot_start_leave_the_batch_to_this_process(cli, tmp_path, monkeypatch):
    """Every worker dies before it is ready (as when a plugin exits on import in a spawned process): after
    a few, the rest of the batch is checked in this process, with the output --jobs 1 gives."""
    import jixiao.batch

    hostile.write_batch(tmp_path / "reports", 30)
    expected = cli("check", tmp_path / "reports", "--format", "jsonl", "--jobs", "1").stdout

    def cannot_start(*args, **kwargs):
        os._exit(7)

    monkeypatch.setattr(jixiao.batch, "_start_worker", cannot_start)
    started = time.monotonic()
    result = cli("check", tmp_path / "reports", "--format", "jsonl", "--jobs", "2")
    assert time.monotonic() - started < 30
    assert result.stdout == expected


@pytest.mark.parametrize("name, detail", [("退", "SystemExit: 0"), ("断", "KeyboardInterrupt")])
def test_plugin_code_that_exits_is_contained_like_any_exception(cli, tmp_path, name, detail):
    plugin, pack = hostile.faulty_plugin(tmp_path)
    hostile.named_reports(tmp_path / "reports", ["好", name, "好"])
    outputs = []
    for jobs in ("1", "2"):
        result = cli("check", tmp_path / "reports", "--plugin", plugin, "--pack", pack, "--format", "json", "--jobs", jobs)
        assert result.exit_code == 1  # the crash is an error finding; the run did not end early
        reports = _by_name(result.stdout)
        assert len(reports) == 3
        crashed = [f for f in reports["r1.json"]["findings"] if f["rule_id"] == "FAULT-001"]
        assert crashed[0]["category"] == "internal" and detail in crashed[0]["message"]
        assert "NAT-ARITH-004" in {f["rule_id"] for f in reports["r1.json"]["findings"]}  # the other rules ran
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]


def test_a_programs_own_ctrl_c_still_interrupts_jixiao_check(tmp_path):
    """Outside the CLI (a program calling the engine, Python's own SIGINT handler in place) a
    KeyboardInterrupt may be the user's Ctrl-C: it is not turned into a finding."""
    from jixiao.engine import Auditor, Options
    from jixiao.pluginmanager import plugins_for

    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        pytest.skip("the test runner has its own SIGINT handler")
    plugin, pack = hostile.faulty_plugin(tmp_path)
    auditor = Auditor(Options(packs=[str(pack)]), plugins_for([str(plugin)]))
    report = hostile.example()
    report["department"]["name"] = "断"
    with pytest.raises(KeyboardInterrupt):
        auditor.check_report(report)


def test_a_worker_stuck_where_the_alarm_cannot_reach_is_killed(cli, tmp_path):
    plugin, pack = hostile.faulty_plugin(tmp_path)
    hostile.named_reports(tmp_path / "reports", ["好", "卡", "好"])
    started = time.monotonic()
    result = cli("check", tmp_path / "reports", "--plugin", plugin, "--pack", pack, "--format", "json", "--jobs", "2",
                 "--timeout", "0.5")
    assert time.monotonic() - started < 30
    reports = _by_name(result.stdout)
    assert [f["rule_id"] for f in reports["r1.json"]["findings"]] == ["JX-TIMEOUT"]
    assert "NAT-ARITH-004" in {f["rule_id"] for f in reports["r2.json"]["findings"]}


def test_plugin_loading_runs_under_a_time_limit(cli, tmp_path, monkeypatch):
    import jixiao.pluginmanager

    monkeypatch.setattr(jixiao.pluginmanager, "PLUGIN_LOAD_SECONDS", 0.5)
    plugin = hostile.plugin_file(tmp_path, "hanging", hostile.HANGING_PLUGIN)
    started = time.monotonic()
    result = cli("check", EXAMPLE_JSON, "--plugin", plugin, "--format", "json")
    assert time.monotonic() - started < 30
    assert result.exit_code == 2 and "did not load within 0.5 s" in result.stderr
    assert json.loads(result.stdout)["reports"][0]["findings"][0]["rule_id"] == "NAT-ARITH-004"


def test_a_memory_bomb_in_a_worker_is_an_input_finding(cli, tmp_path):
    plugin = hostile.plugin_file(tmp_path, "bomb", hostile.BOMB_PLUGIN)
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.bomb").write_bytes(b"x")
    (folder / "r.json").write_bytes(EXAMPLE_JSON.read_bytes())
    result = cli("check", folder, "--plugin", plugin, "--format", "json", "--jobs", "2", "--max-memory", str(300 << 20))
    assert result.exit_code == 2
    reports = _by_name(result.stdout)
    finding = reports["a.bomb"]["findings"][0]
    assert finding["category"] == "input" and finding["values"]["problem"] == "memory" and "--max-memory" in finding["message"]
    assert reports["r.json"]["findings"][0]["rule_id"] == "NAT-ARITH-004"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the cap is Linux's RLIMIT_AS")
def test_a_load_kept_for_every_report_is_outside_a_workers_memory_cap():
    """A worker may add --max-memory while checking a report; a load it keeps for every later report (the OCR engine's
    models) is outside that cap, which is set again from what the worker uses after it."""
    code = """
from jixiao.limits import limit_memory, outside_memory_cap
limit_memory(200 << 20)
try:
    bytearray(300 << 20)
    print("not capped")
except MemoryError:
    print("capped")
with outside_memory_cap():
    kept = bytearray(300 << 20)
report = bytearray(100 << 20)
try:
    bytearray(300 << 20)
    print("not capped")
except MemoryError:
    print("capped again")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["capped", "capped", "again"], done.stderr


# -- recursion, numbers, repetition ----------------------------------------------------------------------
@pytest.mark.parametrize("flag", ["--baseline", "--merge"])
def test_side_files_nested_100000_deep_are_clear_input_errors(cli, tmp_path, flag):
    deep = hostile.deep_json(tmp_path / "deep.json")
    result = cli("check", EXAMPLE_JSON, flag, deep)
    assert result.exit_code == 2 and "嵌套层级过深" in result.stderr


@pytest.mark.parametrize("where", ["report", "yaml", "baseline", "sarif"])
def test_a_4001_digit_integer_is_refused_by_every_loader(cli, tmp_path, where):
    if where == "yaml":
        path = tmp_path / "r.yaml"
        path.write_text("kind: department_self_evaluation\nfiscal_year: " + "9" * 4001 + "\n", encoding="utf-8")
    else:
        path = hostile.big_int_json(tmp_path / "big.json", where=where)
    if where in ("report", "yaml"):
        result = cli("check", path, "--format", "json")
        [report] = json.loads(result.stdout)["reports"]
        assert report["findings"][0]["values"]["problem"] == "bad_number"
    else:
        result = cli("check", EXAMPLE_JSON, "--baseline" if where == "baseline" else "--merge", path)
        assert "数值无效" in result.stderr
    assert result.exit_code == 2


def test_repeated_findings_are_capped_per_rule_and_report(cli, tmp_path):
    path = hostile.repeated_findings_report(tmp_path / "r.json", projects=2000)
    started = time.monotonic()
    result = cli("check", path, "--format", "json", "--timeout", "60")
    assert time.monotonic() - started < 30
    [report] = json.loads(result.stdout)["reports"]
    by_rule: dict[str, list] = {}
    for finding in report["findings"]:
        by_rule.setdefault(finding["rule_id"], []).append(finding)
    capped = [rule for rule, found in by_rule.items() if len(found) == 51]
    assert capped and all(len(found) <= 51 for found in by_rule.values())
    notes = [f for f in by_rule[capped[0]] if f["values"].get("omitted")]
    assert len(notes) == 1 and notes[0]["severity"] == "info" and notes[0]["values"]["omitted"] == 2000 - 50
    assert "另有 1950 项发现未列出" in notes[0]["message"]


# -- bounded reading -------------------------------------------------------------------------------------
def test_read_member_counts_inflated_bytes_and_stops_past_the_limit(tmp_path):
    from jixiao import limits
    from jixiao.errors import InputError

    bomb = hostile.zip_bomb(tmp_path / "bomb.docx", inflated=64 << 20)
    assert bomb.stat().st_size < 1 << 20
    with zipfile.ZipFile(bomb) as archive:
        info = archive.infolist()[0]
        with pytest.raises(InputError) as caught:
            limits.read_member(archive, info, 1 << 20)
        assert caught.value.key == "too_large" and isinstance(caught.value, limits.LimitExceeded)
        assert len(limits.read_member(archive, info, 64 << 20)) == 64 << 20
    liar = hostile.lying_zip(tmp_path / "liar.docx", inflated=8 << 20, claimed=100)
    with zipfile.ZipFile(liar) as archive:
        info = archive.infolist()[0]
        assert info.file_size == 100  # the header lies
        with pytest.raises((InputError, zipfile.BadZipFile)):
            limits.read_member(archive, info, 1 << 20)


# -- fault injection ---------------------------------------------------------------------------------------
KILL_ROUNDS = 4  # 2,000 reports a round, each format once, workers killed at random (about 4 s a round here)


@pytest.mark.slow
def test_killing_workers_at_random_never_loses_or_duplicates_a_report(tmp_path):
    """2,000 small reports, `--jobs 2`; while the batch runs, kill -9 a random worker at random moments
    (up to 6 times a round, KILL_ROUNDS rounds). Every report is in the output exactly once, in path order, with
    the result a clean run gives it (or, when the same report's worker was killed twice, a JX-INTERNAL
    finding), and every format's output reads back."""
    paths = hostile.write_batch(tmp_path / "reports", 2000)
    names = [p.name for p in paths]
    clean = run("check", tmp_path / "reports", "--format", "jsonl", "--jobs", "2")
    expected = {Path(json.loads(line)["source"]).name: line for line in clean.stdout.decode().splitlines()}
    assert sorted(expected) == names
    formats = ["jsonl", "json", "sarif", "xlsx"]
    rng = random.Random(13)
    total_kills = 0
    for round_number in range(KILL_ROUNDS):
        fmt = formats[round_number % len(formats)]
        target = tmp_path / f"out-{round_number}.{fmt}"
        process = subprocess.Popen([hostile.JIXIAO, "check", str(tmp_path / "reports"), "--format", fmt, "--jobs", "2",
                                    "--output", str(target)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        kills = []

        def killer(process=process, kills=kills):  # (bound now: the thread ends within this round)
            time.sleep(rng.uniform(0.2, 0.8))
            while process.poll() is None and len(kills) < 6:
                workers = hostile.children(process.pid)
                if workers:
                    victim = rng.choice(workers)
                    try:
                        os.kill(victim, signal.SIGKILL)
                        kills.append(victim)
                    except ProcessLookupError:
                        pass
                time.sleep(rng.uniform(0.02, 0.3))

        thread = threading.Thread(target=killer)
        thread.start()
        _, err = process.communicate(timeout=120)
        thread.join()
        total_kills += len(kills)
        # 2 where a report's worker was killed twice: that report could not be checked (未能检查), never a pass
        assert process.returncode == (2 if "未能检查 0 份" not in err.decode() else 1), err.decode()[-500:]
        data = target.read_bytes()
        if fmt == "jsonl":
            lines = data.decode().splitlines()
            got = [Path(json.loads(line)["source"]).name for line in lines]
            assert got == names
            for line, name in zip(lines, names, strict=True):
                if line != expected[name]:
                    assert [f["rule_id"] for f in json.loads(line)["findings"]] == ["JX-INTERNAL"], \
                        f"got {line}\nclean run gave {expected[name]}"
        elif fmt in ("json", "sarif"):
            parsed = json.loads(data)
            reports = parsed["reports"] if fmt == "json" else parsed["runs"][0]["properties"]["reports"]
            assert [Path(r["source"]).name for r in reports] == names
        else:
            from openpyxl import load_workbook

            book = load_workbook(io.BytesIO(data), read_only=True)
            assert book.worksheets[0].max_row > 1
        assert no_temp_files(tmp_path)
    assert total_kills >= KILL_ROUNDS  # the workers really were killed


def test_the_time_limit_restores_whatever_alarm_handler_was_there():
    from jixiao.timelimit import ReportTimeout, time_limit

    def mine(signum, frame):  # a host program's own handler
        raise AssertionError("not expected to fire")

    before = signal.signal(signal.SIGALRM, mine)
    try:
        with pytest.raises(ReportTimeout):
            with time_limit(0.05):
                time.sleep(1)
        assert signal.getsignal(signal.SIGALRM) is mine
        with time_limit(5):
            pass
        assert signal.getsignal(signal.SIGALRM) is mine and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, before)
    for default in (signal.SIG_DFL, signal.SIG_IGN):
        signal.signal(signal.SIGALRM, default)
        with time_limit(5):
            pass
        assert signal.getsignal(signal.SIGALRM) == default
    signal.signal(signal.SIGALRM, before)
