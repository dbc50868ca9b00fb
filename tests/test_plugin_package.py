"""Third-party plugins for real: the example package installed with pip and loaded through its entry
point by this environment's `jixiao` script; a broken plugin named while the rest load.

The packages are installed into a folder of this module's own (`pip install --target`), which only the
`jixiao` runs of this module put on their path: the virtualenv is never changed, so the test modules that
run beside this one (pytest-xdist) never see these plugins.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from conftest import ROOT, write_json
from jixiao.validation import violations

EXAMPLE_PACKAGE = ROOT / "examples" / "plugins" / "jixiao-staffing"
JIXIAO = Path(sys.executable).with_name("jixiao")
BROKEN_DIST, BROKEN_ENTRY = "jixiao-broken-example", "broken_example"


def _build_flags() -> list[str]:
    """`--no-build-isolation` where this environment can build a setuptools wheel offline (setuptools
    with bdist_wheel: ≥ 70.1, or the `wheel` package); otherwise pip builds in an isolated environment
    with setuptools from the package index (a fresh venv with Python 3.11 has setuptools 65 and no `wheel`)."""
    if importlib.util.find_spec("setuptools") is None:
        return []
    version = tuple(int(p) for p in metadata.version("setuptools").split(".")[:2] if p.isdigit())
    if version >= (70, 1) or importlib.util.find_spec("wheel") is not None:
        return ["--no-build-isolation"]
    return []


def _pip(*args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "pip", *args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"pip {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"


SITE: list[Path] = []  # the folder the packages are installed into, once the first is (the jixiao runs' path)


def _install(source: Path, workdir: Path, site: Path) -> None:
    """Install a copy of `source` (pip builds in the source tree: keep the checkout clean) into `site`."""
    copy = workdir / source.name
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    _pip("install", "--no-deps", "--no-input", "--target", str(site), *_build_flags(), str(copy))
    if not SITE:
        SITE.append(site)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield tmp_path_factory.mktemp("site")
    SITE.clear()


@pytest.fixture(scope="module")
def staffing_installed(tmp_path_factory, site):
    _install(EXAMPLE_PACKAGE, tmp_path_factory.mktemp("staffing"), site)


@pytest.fixture(scope="module")
def broken_installed(tmp_path_factory, site, staffing_installed):
    source = tmp_path_factory.mktemp("broken-src") / "jixiao-broken-example"
    (source / "jixiao_broken_example").mkdir(parents=True)
    (source / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n'
        f'[project]\nname = "{BROKEN_DIST}"\nversion = "0.0.1"\n\n'
        f'[project.entry-points.jixiao]\n{BROKEN_ENTRY} = "jixiao_broken_example"\n\n'
        '[tool.setuptools]\npackages = ["jixiao_broken_example"]\n',
        encoding="utf-8",
    )
    (source / "jixiao_broken_example" / "__init__.py").write_text(
        'raise ImportError("jixiao_broken_example is broken on purpose")\n', encoding="utf-8")
    _install(source, tmp_path_factory.mktemp("broken"), site)


def jixiao(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if SITE:  # (the installed plugins' folder first on the path: their packages and their entry points)
        env["PYTHONPATH"] = os.pathsep.join([str(SITE[0]), *filter(None, [env.get("PYTHONPATH")])])
    return subprocess.run([str(JIXIAO), *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120,
                          env=env)


def report(tmp_path: Path, name: str, staffing: dict | None) -> Path:
    data = {"kind": "department_self_evaluation", "fiscal_year": 2023,
            "department": {"name": "青龙满族自治县总工会"}}
    if staffing is not None:
        data["staffing"] = staffing
    assert list(violations("report", data)) == []  # a valid report: the rule, not the schema, decides
    return write_json(tmp_path / name, data)


def check_json(path: Path, *extra: str) -> tuple[dict, subprocess.CompletedProcess]:
    done = jixiao("check", path, "--pack", "staffing", "--format", "json", *extra)
    assert done.returncode in (0, 1, 2), done.stderr
    [result] = json.loads(done.stdout)["reports"]
    # a report on which no rule could be evaluated is not checked: exit 2, never a pass
    assert (done.returncode == 2) == (result["status"] == "not_checked"), done.stderr
    return result, done


def staff_run(result: dict) -> dict:
    [run] = [r for r in result["rule_runs"] if r["rule_id"] == "STAFF-001"]
    return run


def test_the_jixiao_script_is_the_one_of_this_environment():
    assert JIXIAO.is_file(), f"no jixiao script next to {sys.executable}"


def test_plugins_lists_the_installed_package(staffing_installed):
    done = jixiao("plugins")
    assert done.returncode == 0, done.stderr
    block = done.stdout.split("staffing  [entry point (jixiao-staffing)]", 1)
    assert len(block) == 2, done.stdout
    entry = block[1].split("\n\n")[0]
    assert "jixiao_staffing" in entry.splitlines()[0]
    assert "规则类型：staffing_within_quota" in entry
    assert "规则包：staffing" in entry
    assert "加载失败" not in done.stdout


def test_over_quota_gives_staff_001(staffing_installed, tmp_path):
    path = report(tmp_path, "over.json", {"authorized": 10, "actual": 12, "as_of": "2023-12-31"})
    result, done = check_json(path)
    assert result["packs"] == [{"name": "staffing", "version": "2024.1"}]
    [finding] = [f for f in result["findings"] if f["rule_id"] == "STAFF-001"]
    assert finding["severity"] == "warning" and finding["category"] == "plausibility"
    assert finding["pointer"] == "/staffing/actual"
    assert finding["values"] == {"actual": "12", "authorized": "10", "excess": "2"}
    assert finding["message"] == "实有人数 12 人超过编制人数 10 人（超编 2 人）"
    actual_line = next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if '"actual"' in line)
    assert finding["location"]["line"] == actual_line
    assert staff_run(result) == {"rule_id": "STAFF-001", "status": "failed"}
    english, _ = check_json(path, "--lang", "en")
    [finding] = [f for f in english["findings"] if f["rule_id"] == "STAFF-001"]
    assert finding["message"] == "Staff actually employed (12) exceed the authorized posts (10) by 2"


@pytest.mark.parametrize("actual", [10, 7])
def test_within_quota_passes(staffing_installed, tmp_path, actual):
    path = report(tmp_path, "within.json", {"authorized": 10, "actual": actual})
    result, done = check_json(path)
    assert not [f for f in result["findings"] if f["rule_id"] == "STAFF-001"]
    assert staff_run(result)["status"] == "passed"


@pytest.mark.parametrize("staffing", [None, {"authorized": 10}])
def test_without_staffing_the_rule_is_skipped(staffing_installed, tmp_path, staffing):
    path = report(tmp_path, "none.json", staffing)
    result, done = check_json(path)
    assert not [f for f in result["findings"] if f["rule_id"] == "STAFF-001"]
    run = staff_run(result)
    assert run["status"] == "skipped"
    # no /staffing at all: skipped without a call, by the rule's declared inputs; else by the kind itself
    assert run["reason"] == ("missing: /staffing" if staffing is None else "missing: /staffing/actual")
    assert result["status"] == "not_checked" and done.returncode == 2  # nothing evaluated: not a pass


def test_the_pack_extends_national(staffing_installed, tmp_path):
    path = report(tmp_path, "over.json", {"authorized": 10, "actual": 12})
    result, _ = check_json(path)
    ids = {r["rule_id"] for r in result["rule_runs"]}
    assert "STAFF-001" in ids and any(i.startswith("NAT-") for i in ids)


def test_installed_the_pack_runs_only_when_named(staffing_installed, tmp_path):
    """The pack has no applies_to: installing the plugin changes no one's results by itself."""
    path = report(tmp_path, "over.json", {"authorized": 10, "actual": 12})
    done = jixiao("check", path, "--format", "json")
    [result] = json.loads(done.stdout)["reports"]
    # only staffing figures, which no national rule reads: nothing evaluated, so not checked (exit 2)
    assert result["status"] == "not_checked" and done.returncode == 2, done.stderr
    assert "staffing" not in [p["name"] for p in result["packs"]]
    assert "STAFF-001" not in {r["rule_id"] for r in result["rule_runs"]}
    # and a pack of one's own can build on it
    child = tmp_path / "county.yaml"
    child.write_text("pack: county\nversion: '1'\nextends: [staffing]\noverrides:\n  STAFF-001: {severity: error}\n",
                     encoding="utf-8")
    done = jixiao("check", path, "--pack", child, "--format", "json")
    assert done.returncode == 1, done.stderr  # raised to error: fails the run
    [result] = json.loads(done.stdout)["reports"]
    assert [f["severity"] for f in result["findings"] if f["rule_id"] == "STAFF-001"] == ["error"]


def test_rules_show_prints_the_plugin_rule_doc(staffing_installed):
    done = jixiao("rules", "show", "STAFF-001", "--pack", "staffing")
    assert done.returncode == 0, done.stderr
    assert "staffing_within_quota" in done.stdout
    assert "实有人数不超过编制人数" in done.stdout and "严禁超编进人" in done.stdout


def test_a_bad_parameter_in_a_pack_using_the_kind_is_an_error(staffing_installed, tmp_path):
    pack = tmp_path / "bad.yaml"
    pack.write_text(
        "pack: bad\nversion: '1'\nextends: [staffing]\nrules:\n"
        "  - id: BAD-001\n    kind: staffing_within_quota\n    actaul: /staffing/actual\n"
        "    message: {zh: 超编}\n",
        encoding="utf-8",
    )
    done = jixiao("rules", "validate", pack)
    assert done.returncode == 2
    assert "actaul" in done.stderr and "BAD-001" in done.stderr


def test_a_broken_plugin_is_named_and_the_others_still_load(broken_installed, tmp_path):
    done = jixiao("plugins")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    [index] = [i for i, line in enumerate(lines) if line.startswith(f"{BROKEN_ENTRY}  [entry point ({BROKEN_DIST})]")]
    assert lines[index + 1].strip().startswith("加载失败：ImportError")
    assert "broken on purpose" in lines[index + 1]
    assert "规则类型：staffing_within_quota" in done.stdout  # the example plugin still loads
    assert any(line.startswith("builtin  [entry point") for line in lines)

    path = report(tmp_path, "over.json", {"authorized": 10, "actual": 12})
    result, checked = check_json(path)
    assert [f["rule_id"] for f in result["findings"] if f["rule_id"] == "STAFF-001"] == ["STAFF-001"]
    assert BROKEN_ENTRY in checked.stderr and "ImportError" in checked.stderr
    assert "Traceback" not in checked.stderr
