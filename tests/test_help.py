"""Help in Chinese for bureau users, English with JIXIAO_LANG=en; every help string has its translation."""

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from jixiao.clihelp import HELP_ZH

SCRIPT = str(Path(sys.executable).with_name("jixiao"))


def _help(*args: str, lang: str = "") -> str:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200", "JIXIAO_LANG": lang}
    done = subprocess.run([SCRIPT, *args, "--help"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_help_is_chinese_by_default_and_english_on_request():
    assert "按 YAML 规则包审核预算绩效自评报告和自评表" in _help()
    assert "报告文件、文件夹" in _help("check") and "zip" in _help("check") and "有达到此严重程度的发现时" in _help("check")
    assert "列出规则" in _help("rules", "list")
    english = _help("check", lang="en")
    assert "Report files, folders" in english and "报告文件、文件夹" not in english


def test_every_help_string_has_a_chinese_translation():
    source = (ROOT / "core" / "cli.py").read_text(encoding="utf-8")
    strings = re.findall(r'help=h\("((?:[^"\\]|\\.)*)"\)', source)
    assert len(strings) > 30
    missing = [s for s in strings if s.replace('\\"', '"') not in HELP_ZH]
    assert not missing, missing
    commands = re.findall(r'@(?:app|rules_app)\.command\((?:"([\w-]+)")?\)\n(?:@\w+\n)*def (\w+)', source)
    for explicit, function in commands:
        name = explicit or function.replace("_", "-")
        assert name in HELP_ZH or name.split("-")[-1] in HELP_ZH, name


def test_the_options_typer_adds_itself_are_chinese_too():
    chinese = _help()
    assert "显示本帮助后退出" in chinese and "自动补全" in chinese
    assert "Show this message and exit" not in chinese and "Install completion" not in chinese
    assert "显示本帮助后退出" in _help("check")
    english = _help(lang="en")
    assert "Show this message and exit" in english and "Install completion" in english
