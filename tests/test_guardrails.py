"""The type check and the lint stay configured and run by CI (issue 12): cheap checks of the files, no mypy run."""

from __future__ import annotations

import re
import tomllib

from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _ci_commands() -> list[str]:
    """.ci/run's lines that run something (comments dropped, continuation lines joined)."""
    text = re.sub(r"\\\n\s*", " ", CI)
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_mypy_is_strict_on_the_core():
    mypy = PYPROJECT["tool"]["mypy"]
    assert mypy.get("strict") is True
    assert mypy.get("python_version") == "3.11"
    relaxed = [o for o in mypy.get("overrides", []) if o.get("ignore_errors")]
    for override in relaxed:  # only the temporary list; never the whole package
        modules = override["module"] if isinstance(override["module"], list) else [override["module"]]
        assert not {"jixiao", "jixiao.*", "jixiao.plugins.*", "jixiao.cli"} & set(modules), modules
    for override in mypy.get("overrides", []):
        assert not override.get("ignore_missing_imports") or not any(
            str(m).startswith("jixiao") for m in override["module"]), override


def test_mypy_is_strict_on_the_plugins():
    """The built-in plugins are held to the core's strict settings: no override relaxes any jixiao module but
    the hook specifications' empty bodies (pluggy never calls them) and the Dask module's worker plugin (a
    subclass of distributed's WorkerPlugin, which is Any without the dask extra)."""
    allowed = {"jixiao.hookspecs": {"disable_error_code": ["empty-body"]},
               "jixiao.cluster": {"disallow_subclassing_any": False}}
    for override in PYPROJECT["tool"]["mypy"].get("overrides", []):
        modules = override["module"] if isinstance(override["module"], list) else [override["module"]]
        ours = [str(m) for m in modules if str(m) == "jixiao" or str(m).startswith("jixiao.")]
        if not ours:
            continue
        assert len(ours) == 1 and ours[0] in allowed, override
        assert {key: value for key, value in override.items() if key != "module"} == allowed[ours[0]]


def test_ruff_catches_bugs():
    ruff = PYPROJECT["tool"]["ruff"]
    assert ruff["target-version"] == "py311" and ruff["line-length"] == 120
    selected = set(ruff["lint"]["select"])
    assert {"E4", "E7", "E9", "F", "B"} <= selected, selected
    assert not {"F", "B", "E9"} & set(ruff["lint"].get("ignore", []))


def test_ci_runs_the_tests_ruff_and_mypy_and_fails_on_any():
    commands = _ci_commands()
    steps = {name: next((i for i, line in enumerate(commands) if pattern.search(line)), None) for name, pattern in {
        "pytest": re.compile(r"-m pytest\b"),
        "ruff": re.compile(r"/ruff\"? check\b.*\bcore\b.*\bplugins\b.*\btests\b"),
        "mypy": re.compile(r"/mypy\"? -p jixiao\b.*--config-file"),
    }.items()}
    assert None not in steps.values(), (steps, commands)
    assert steps["pytest"] < steps["ruff"], steps
    # mypy runs beside the tests: started in the background before them, waited for after them, its status kept
    assert steps["mypy"] < steps["pytest"] and commands[steps["mypy"]].rstrip().endswith("&"), commands[steps["mypy"]]
    assert re.search(r'^wait "\$typing" \|\| typed=\$\?$', CI, re.M)
    for status in ("tests", "lint", "typed"):  # a failing step's exit status is kept, not lost to set -e or the next step
        assert re.search(rf"\|\| {status}=\$\?$", CI, re.M), status
    assert CI.rstrip().splitlines()[-1] == '[ "$tests" -eq 0 ] && [ "$lint" -eq 0 ] && [ "$typed" -eq 0 ]'
    assert re.search(r"pip\"? install .*--target", CI), "mypy checks a --target install (the package-dir mapping)"


def test_the_ci_environment_has_ruff_and_mypy():
    extra = " ".join(PYPROJECT["project"]["optional-dependencies"]["test"])
    for name in ("ruff", "mypy", "types-PyYAML", "types-jsonschema"):
        assert re.search(rf"(^|\s){re.escape(name)}\b", extra), name


def test_ci_lists_the_test_files_by_time(tmp_path):
    """After the tests CI prints each file's time from pytest's JUnit report (tools/test_times.py): with --dist loadfile
    the slowest file bounds the run."""
    import subprocess
    import sys

    assert re.search(r'-m pytest -p no:cacheprovider --junitxml "\$ci/junit.xml"', CI)
    assert re.search(r'tools/test_times.py "\$ci/junit.xml" \|\| true', CI)
    report = tmp_path / "junit.xml"
    report.write_text('<testsuites><testsuite name="pytest">'
                      '<testcase classname="tests.test_a" name="t1" time="1.5"/><testcase classname="tests.test_b" name="t" time="9"/>'
                      '<testcase classname="tests.test_a.TestX" name="t2" time="2.25"/></testsuite></testsuites>', encoding="utf-8")
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "test_times.py"), str(report)], capture_output=True,
                         text=True, check=True).stdout.splitlines()
    assert out[1:] == ["      9.0 s  tests/test_b.py  (1 tests)", "      3.8 s  tests/test_a.py  (2 tests)"], out
