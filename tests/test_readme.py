"""The README's main command prints exactly what the README shows."""

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

SCRIPT = str(Path(sys.executable).with_name("jixiao"))


def test_readme_main_command_output_is_current():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"\.venv/bin/(jixiao check [^\n]+)", readme).group(1).split()
    shown = re.search(r"第一条命令的输出.*?```\n(.*?)```", readme, re.S).group(1)
    done = subprocess.run([SCRIPT, *command[1:]], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 0
    assert done.stdout + done.stderr == shown


def test_readme_self_evaluation_table_example_is_current():
    """The 自评表 walk-through on the README's first screen prints what the README shows."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## 检查自评表"):]
    command = re.search(r"\.venv/bin/(jixiao check [^\n]+)", section).group(1).split()
    shown = re.search(r"输出.*?```\n(.*?)```", section, re.S).group(1)
    done = subprocess.run([SCRIPT, *command[1:]], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 1  # an error was found
    assert done.stdout + done.stderr == shown
