"""--debug and JIXIAO_DEBUG: the time each stage took, full tracebacks of what failed; without them, a
failure is one clear line and never a traceback."""

import os
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLE_JSON, EXAMPLE_TXT

JIXIAO = str(Path(sys.executable).with_name("jixiao"))

BROKEN = '''\
from jixiao import Formatter, Kind, hookimpl


def explode(report, rule, ctx):
    raise ZeroDivisionError("a bug in a bureau's kind")


def write(batch, stream, options):
    raise RuntimeError("a bug in a formatter")


@hookimpl
def jixiao_register_kinds():
    return [Kind(name="explode", params={"type": "object"}, check=explode, family="arithmetic")]


@hookimpl
def jixiao_register_formatters():
    return [Formatter(name="broken", extension=".txt", write=write)]
'''

PACK = '''\
pack: broken
version: "1"
extends: [national]
rules:
  - id: LOCAL-BOOM-001
    kind: explode
    category: arithmetic
    severity: error
    title: 会出错的规则
    message: {zh: "不会出现", en: "never shown"}
'''


def run(*args, env=None):
    return subprocess.run([JIXIAO, *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


def test_debug_prints_the_time_of_each_stage():
    result = run("check", EXAMPLE_TXT, "--debug")
    assert result.returncode == 0
    assert "各阶段耗时（毫秒）" in result.stderr
    for stage in ("启动（解释器与导入）", "加载插件", "读取规则包", "抽取报告数据", "结构校验", "执行规则", "合计"):
        assert stage in result.stderr, stage
    english = run("check", EXAMPLE_TXT, "--lang", "en", env={"JIXIAO_DEBUG": "1"})
    assert "time per stage (ms)" in english.stderr and "running rules" in english.stderr
    quiet = run("check", EXAMPLE_TXT)
    assert "各阶段耗时" not in quiet.stderr and "jixiao[debug]" not in quiet.stderr


def test_a_failing_kind_is_a_finding_and_its_traceback_shows_under_debug(tmp_path):
    plugin = tmp_path / "broken_plugin.py"
    plugin.write_text(BROKEN, encoding="utf-8")
    pack = tmp_path / "broken.yaml"
    pack.write_text(PACK, encoding="utf-8")
    plain = run("check", EXAMPLE_JSON, "--plugin", plugin, "--pack", pack)
    assert "LOCAL-BOOM-001" in plain.stdout and "ZeroDivisionError" in plain.stdout
    assert "Traceback" not in plain.stderr
    debug = run("check", EXAMPLE_JSON, "--plugin", plugin, "--pack", pack, "--debug")
    assert "jixiao[debug] rule LOCAL-BOOM-001 failed" in debug.stderr
    assert "Traceback (most recent call last)" in debug.stderr and "a bug in a bureau's kind" in debug.stderr
    assert "NAT-ARITH-004" in debug.stdout  # the other rules' findings are all there


def test_a_bug_outside_any_report_is_one_line_without_debug_and_a_traceback_with_it(tmp_path):
    plugin = tmp_path / "broken_plugin.py"
    plugin.write_text(BROKEN, encoding="utf-8")
    plain = run("check", EXAMPLE_JSON, "--plugin", plugin, "--format", "broken")
    assert plain.returncode == 2
    assert "Traceback" not in plain.stderr
    assert "程序内部错误（RuntimeError: a bug in a formatter）" in plain.stderr and "--debug" in plain.stderr
    debug = run("check", EXAMPLE_JSON, "--plugin", plugin, "--format", "broken", "--debug")
    assert debug.returncode == 2
    assert "Traceback (most recent call last)" in debug.stderr and "RuntimeError: a bug in a formatter" in debug.stderr


def test_the_library_logger_is_silent_unless_configured():
    import logging

    import jixiao

    logger = logging.getLogger("jixiao")
    assert any(isinstance(h, logging.NullHandler) for h in logger.handlers)
    assert jixiao.check(EXAMPLE_JSON).status == "warnings"
