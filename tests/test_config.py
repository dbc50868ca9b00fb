"""A bureau's settings file: jixiao.yaml or [tool.jixiao], found from the checked folder upwards, the
command line winning, every mistake explained with its line; `jixiao config` shows what is in effect."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.config import find_config, load_config, start_folder
from jixiao.errors import InputError

from conftest import EXAMPLE_JSON

SCRIPT = str(Path(sys.executable).with_name("jixiao"))


@pytest.fixture
def bureau(tmp_path):
    """A bureau's folder: its settings at the top, the year's reports two folders down."""
    reports = tmp_path / "2021" / "县总工会"
    reports.mkdir(parents=True)
    shutil.copy(EXAMPLE_JSON, reports / "report.json")
    return tmp_path, reports


def test_settings_are_found_from_the_checked_folder_upwards_and_applied(cli, bureau):
    top, reports = bureau
    # the example has one warning: exit 0 by default, exit 1 when the bureau fails on warnings
    assert cli("check", reports).exit_code == 0
    (top / "jixiao.yaml").write_text("# 本局设置\nfail-on: warning\n", encoding="utf-8")
    result = cli("check", reports)
    assert result.exit_code == 1
    assert f"使用配置文件 {top / 'jixiao.yaml'}" in result.stderr
    # a file inside the batch is checked from its own folder too
    assert cli("check", reports / "report.json").exit_code == 1


def test_the_command_line_wins_over_the_file(cli, bureau):
    top, reports = bureau
    (top / "jixiao.yaml").write_text("fail-on: warning\nignore: [NAT-PLAUS]\n", encoding="utf-8")
    assert cli("check", reports, "--fail-on", "error").exit_code == 0
    output = cli("check", reports, "--fail-on", "never").output
    assert "NAT-PLAUS-005" not in output and "NAT-ARITH-004" in output  # the file's ignore still holds
    assert "NAT-PLAUS-005" in cli("check", reports, "--ignore", "JX-EXTRACTION").output


def test_pyproject_tool_table_and_underscored_keys(cli, bureau):
    top, reports = bureau
    (top / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.jixiao]\nfail_on = "warning"\nlang = "en"\n',
                                        encoding="utf-8")
    result = cli("check", reports)
    assert result.exit_code == 1
    assert "1 report(s)" in result.stderr  # English, as the file says


def test_a_pyproject_without_the_tool_table_is_passed_over(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (tmp_path / "jixiao.yaml").write_text("fail-on: info\n", encoding="utf-8")
    inner = tmp_path / "a"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[tool.black]\nline-length = 100\n', encoding="utf-8")
    assert find_config(inner) == tmp_path / "jixiao.yaml"


def test_no_config_and_an_explicit_config(cli, bureau, tmp_path_factory):
    top, reports = bureau
    (top / "jixiao.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    assert cli("check", reports, "--no-config").exit_code == 0
    elsewhere = tmp_path_factory.mktemp("settings") / "strict.yaml"
    elsewhere.write_text("fail-on: info\n", encoding="utf-8")
    assert cli("check", reports, "--config", elsewhere).exit_code == 1
    missing = cli("check", reports, "--config", top / "nope.yaml")
    assert missing.exit_code == 2 and "没有这个配置文件" in missing.stderr


@pytest.mark.parametrize("text, line, words_zh, words_en", [
    ("fail-on: warning\nignor: [NAT-GRADE]\n", 2, "配置项“ignor”不存在，您是不是要写“ignore”？", "did you mean 'ignore'"),
    ("fail-on： warning\n", 1, "冒号是全角的“：”", "full-width"),
    ("fail-on: [warning]\n", 1, "“fail-on”只能是 error / warning / info / never 之一", "'fail-on' is one of"),
    ("timeout: -1\n", 1, "“timeout”应为不小于 0 的秒数", "number of seconds"),
    ("jobs: 1.5\n", 1, "“jobs”应为不小于 0 的整数", "whole number"),
    ("select: [NAT-ARITH, 3]\n", 1, "“select”应为一个名称或名称列表", "a name or a list of names"),
    ("- fail-on\n", 1, "配置文件应当是“配置项: 值”的映射", "a mapping of settings"),
])
def test_every_mistake_is_explained_at_its_line(cli, bureau, text, line, words_zh, words_en):
    top, reports = bureau
    (top / "jixiao.yaml").write_text(text, encoding="utf-8")
    result = cli("check", reports)
    assert result.exit_code == 2
    assert f"jixiao.yaml:{line}:" in result.stderr and words_zh in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert words_en in cli("check", reports, "--lang", "en").stderr


def test_a_broken_pyproject_is_named(bureau):
    top, _ = bureau
    (top / "pyproject.toml").write_text("[tool.jixiao]\nfail-on = \n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_config(top / "pyproject.toml")
    assert "pyproject.toml 格式错误" in caught.value.render("zh")


def test_packs_named_in_the_file_are_relative_to_it_and_honour_applies_to(cli, bureau):
    top, reports = bureau
    packs = top / "packs"
    packs.mkdir()
    # a local pack for fiscal years from 2023 on; the example report is 2021
    (packs / "recent.yaml").write_text(
        "pack: recent\nversion: '1'\nextends: [national]\napplies_to: {fiscal_years: {from: 2023}}\n"
        "overrides:\n  NAT-ARITH-004: {face_severity: error}\n", encoding="utf-8")
    (top / "jixiao.yaml").write_text("packs: [packs/recent.yaml]\n", encoding="utf-8")
    result = cli("check", reports, "--explain-packs")
    assert result.exit_code == 0, result.output  # 2021: national's warning, not the local pack's error
    assert "NAT-ARITH-004" in result.output and "警告" in result.output
    assert "recent" in result.stderr and "2023" in result.stderr
    # the same pack from a folder, offered for selection
    (top / "jixiao.yaml").write_text("pack-dir: packs\n", encoding="utf-8")
    assert cli("check", reports).exit_code == 0
    (packs / "recent.yaml").write_text((packs / "recent.yaml").read_text(encoding="utf-8").replace("2023", "2020"),
                                       encoding="utf-8")
    assert cli("check", reports).exit_code == 1  # now it applies: the rounding slip is an error


def test_pack_dir_on_the_command_line(cli, bureau, tmp_path_factory):
    _, reports = bureau
    folder = tmp_path_factory.mktemp("packs")
    (folder / "strict.yaml").write_text(
        "pack: strict\nversion: '1'\nextends: [national]\napplies_to: {}\n"
        "overrides:\n  NAT-ARITH-004: {face_severity: error}\n", encoding="utf-8")
    assert cli("check", reports, "--pack-dir", folder).exit_code == 1
    (folder / "broken.yaml").write_text("pack: broken\nversion: '1'\nrules: 3\n", encoding="utf-8")
    broken = cli("check", reports, "--pack-dir", folder)
    assert broken.exit_code == 2 and "broken.yaml" in broken.stderr


def test_config_command_shows_each_value_and_where_it_came_from(bureau):
    top, reports = bureau
    (top / "jixiao.yaml").write_text("fail-on: warning\n\nignore: NAT-PLAUS\n", encoding="utf-8")
    shown = subprocess.run([SCRIPT, "config", str(reports)], capture_output=True, text=True, check=True).stdout
    assert f"配置文件：{top / 'jixiao.yaml'}" in shown
    lines = {line.split()[0]: line for line in shown.splitlines()[2:]}
    assert "warning" in lines["fail-on"] and "jixiao.yaml:1" in lines["fail-on"]
    assert "NAT-PLAUS" in lines["ignore"] and "jixiao.yaml:3" in lines["ignore"]
    assert "默认值" in lines["format"] and "text" in lines["format"]
    assert "自动选择" in lines["packs"] and "全部规则" in lines["select"] and "（无）" in lines["pack-dir"]
    assert "每个处理器核一个进程" in lines["jobs"]  # a default that is empty or 0 says what it means
    data = json.loads(subprocess.run([SCRIPT, "config", str(reports), "--json"], capture_output=True, text=True,
                                     check=True).stdout)
    assert data["file"] == str(top / "jixiao.yaml")
    assert data["settings"]["fail-on"] == {"value": "warning", "from": "file"}
    assert data["settings"]["timeout"]["from"] == "default"
    none = subprocess.run([SCRIPT, "config", str(reports), "--no-config", "--lang", "en"], capture_output=True,
                          text=True, check=True).stdout
    assert "not used (--no-config)" in none
    assert "(none: every rule)" in none and "(none: chosen by each report's region and year)" in none
    assert data["settings"]["packs"]["value"] == [] and data["settings"]["jobs"]["value"] == 0  # JSON: the values


def test_the_search_starts_where_the_checked_paths_meet(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.json").write_text("{}", encoding="utf-8")
    assert start_folder([str(tmp_path / "a" / "x.json"), str(tmp_path / "b")]) == tmp_path
    assert start_folder(["-"]) == Path.cwd()
