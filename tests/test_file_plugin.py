"""`--plugin path/to/file.py`: a bureau's kind in a plain Python file, used by a pack file next to it,
in-process through typer's runner and through the installed `jixiao` script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write_json
from jixiao.validation import violations

JIXIAO = Path(sys.executable).with_name("jixiao")

PLUGIN = '''\
"""A bureau's own check, not packaged: the report's title must name the fiscal year it evaluates."""

from jixiao import Kind, hookimpl


def check_title_names_year(report, rule, ctx):
    pointer = rule.param("field", "/title")
    title = ctx.value(pointer)
    year = ctx.value("/fiscal_year")
    if title is None or year is None:
        return []
    ctx.evaluated()
    if str(year) in str(title):
        return []
    return [ctx.finding(pointer, {"year": year, "title": title}, related=["/fiscal_year"])]


@hookimpl
def jixiao_register_kinds():
    return [Kind(
        name="title_names_year",
        family="sections",
        description="The report's title names the fiscal year it evaluates.",
        params={"properties": {"field": {"type": "string", "pattern": "^(/[^/]*)*$"}},
                "additionalProperties": False},
        check=check_title_names_year,
    )]
'''

PACK = """\
pack: local-title
version: "1"
title: 本地规则：标题写明年度
extends: [national]
rules:
  - id: LOCAL-001
    kind: title_names_year
    severity: error
    message:
      zh: "报告标题未写明预算年度 {year}：{title}"
      en: "The title does not name the fiscal year {year}: {title}"
    doc:
      what: 报告标题应写明所评价的预算年度。
"""

BROKEN = 'raise ImportError("a file plugin that is broken on purpose")\n'


@pytest.fixture
def bureau(tmp_path: Path) -> Path:
    (tmp_path / "title_check.py").write_text(PLUGIN, encoding="utf-8")
    (tmp_path / "pack.yaml").write_text(PACK, encoding="utf-8")
    for name, title in [("bad.json", "青龙满族自治县总工会部门整体支出绩效自评报告"),
                        ("good.json", "青龙满族自治县总工会2021年度部门整体支出绩效自评报告")]:
        data = {"kind": "department_self_evaluation", "fiscal_year": 2021, "title": title,
                "department": {"name": "青龙满族自治县总工会"}}
        assert list(violations("report", data)) == []
        write_json(tmp_path / name, data)
    return tmp_path


def local_runs(document: dict) -> dict[str, tuple[str, list]]:
    """source file name → (LOCAL-001 status, LOCAL-001 findings)."""
    out = {}
    for result in document["reports"]:
        [run] = [r for r in result["rule_runs"] if r["rule_id"] == "LOCAL-001"]
        out[Path(result["source"]).name] = (run["status"], [f for f in result["findings"] if f["rule_id"] == "LOCAL-001"])
    return out


def test_file_plugin_in_process(cli, bureau):
    result = cli("check", bureau / "bad.json", bureau / "good.json", "--plugin", bureau / "title_check.py",
                 "--pack", bureau / "pack.yaml", "--format", "json")
    assert result.exit_code == 1, result.output  # LOCAL-001 is an error
    runs = local_runs(json.loads(result.stdout))
    status, [finding] = runs["bad.json"]
    assert status == "failed"
    assert finding["message"] == "报告标题未写明预算年度 2021：青龙满族自治县总工会部门整体支出绩效自评报告"
    assert finding["pointer"] == "/title" and finding["severity"] == "error"
    assert finding["values"]["year"] == 2021
    assert runs["good.json"] == ("passed", [])


def test_file_plugin_through_the_installed_script(bureau):
    # relative paths, as a bureau types them in its own folder
    done = subprocess.run([str(JIXIAO), "check", "bad.json", "--plugin", "title_check.py", "--pack", "pack.yaml",
                           "--lang", "en"], capture_output=True, text=True, cwd=bureau, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "LOCAL-001" in done.stdout
    assert "The title does not name the fiscal year 2021" in done.stdout
    assert "Traceback" not in done.stderr

    done = subprocess.run([str(JIXIAO), "check", "good.json", "--plugin", "title_check.py", "--pack", "pack.yaml",
                           "--format", "json"], capture_output=True, text=True, cwd=bureau, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    assert local_runs(json.loads(done.stdout))["good.json"] == ("passed", [])


def test_without_the_plugin_the_pack_names_the_unknown_kind(cli, bureau):
    result = cli("check", bureau / "bad.json", "--pack", bureau / "pack.yaml")
    assert result.exit_code == 2
    assert "title_names_year" in result.stderr and "LOCAL-001" in result.stderr


def test_plugins_lists_the_file_and_its_kind(cli, bureau):
    plugin = bureau / "title_check.py"
    result = cli("plugins", "--plugin", plugin)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    [index] = [i for i, line in enumerate(lines) if line.startswith(f"title_check  [{plugin}]")]
    assert lines[index + 1].strip() == "规则类型：title_names_year"


def test_a_file_plugin_that_fails_to_import_is_named_and_check_goes_on(cli, bureau):
    broken = bureau / "broken_check.py"
    broken.write_text(BROKEN, encoding="utf-8")
    result = cli("plugins", "--plugin", broken, "--plugin", bureau / "title_check.py")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    [index] = [i for i, line in enumerate(lines) if line.startswith(f"broken_check  [{broken}]")]
    assert lines[index + 1].strip() == "加载失败：ImportError: a file plugin that is broken on purpose"
    assert "规则类型：title_names_year" in result.stdout

    done = subprocess.run([str(JIXIAO), "check", "bad.json", "--plugin", "broken_check.py", "--plugin", "title_check.py",
                           "--pack", "pack.yaml", "--format", "json"], capture_output=True, text=True, cwd=bureau,
                          timeout=120)
    assert done.returncode == 2, done.stderr  # the check ran, but without a plugin the user named
    assert "broken_check" in done.stderr and "ImportError" in done.stderr and "Traceback" not in done.stderr
    assert local_runs(json.loads(done.stdout))["bad.json"][0] == "failed"
