"""A non-editable wheel installs everything under `jixiao` and works from there."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLE_JSON, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    [built] = out.glob("jixiao-*.whl")
    return built


def test_wheel_has_only_the_jixiao_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names}
    assert top == {"jixiao", next(t for t in top if t.endswith(".dist-info"))}
    for required in ("jixiao/rules/national.yaml", "jixiao/rules/hebei.yaml", "jixiao/schemas/report.schema.json",
                     "jixiao/schemas/findings.schema.json", "jixiao/plugins/builtin.py", "jixiao/cli.py",
                     "jixiao/data/divisions.tsv", "jixiao/data/divisions.index.json"):
        assert required in names


def test_installed_wheel_runs_without_the_checkout(wheel, tmp_path):
    target = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not (target / "core").exists() and not (target / "plugins").exists()
    probe = (
        "import importlib.util, json, jixiao\n"
        "assert importlib.util.find_spec('core') is None\n"
        f"assert jixiao.__file__.startswith({str(target)!r}), jixiao.__file__\n"
        f"result = jixiao.check({str(EXAMPLE_JSON)!r})\n"
        "print(json.dumps([f.rule_id for f in result.findings if f.severity != 'info']))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == '["NAT-ARITH-004"]'
