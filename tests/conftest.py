"""Shared fixtures: the repository's folders and helpers to run the real CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE_JSON = EXAMPLES / "qinglong-trade-union-2021.json"
EXAMPLE_TXT = EXAMPLES / "qinglong-trade-union-2021.txt"


def read_sidecar(path: Path) -> dict:
    """A corpus file's sidecar (YAML), read with libyaml where PyYAML has it: the same values as yaml.safe_load,
    ten times faster (the sidecars are 14 MB; read in pure Python they cost CI half a minute)."""
    import yaml

    loaded: dict = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return loaded


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: takes up to a minute; still run in CI")
    # the packs the tests read are cached in a folder of this run's own (and its subprocesses'), never in
    # the developer's ~/.cache
    if "JIXIAO_CACHE_DIR" not in os.environ:
        import tempfile

        os.environ["JIXIAO_CACHE_DIR"] = tempfile.mkdtemp(prefix="jixiao-test-cache-")


# The test files that take longest, first (from CI's list of files by time, tools/test_times.py): with --dist loadfile
# a file runs on one worker from start to end, so a long file left for the end keeps one core busy while the other
# waits. pyproject's --no-loadscope-reorder keeps this order (xdist would put the files with most tests first).
_LONGEST_FIRST = ("test_cluster.py", "test_scan_photos.py", "test_faults.py", "test_heldout_corpus_b.py",
                  "test_heldout_corpus.py", "test_more_time.py", "test_plugin_package.py", "test_fuzz.py",
                  "test_published_prose.py", "test_image_scans.py", "test_json_encoder.py")


def pytest_collection_modifyitems(config, items):
    rank = {name: k for k, name in enumerate(_LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # (stable: within a file, and the rest, as collected)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli(runner):
    """Run `jixiao ARGS` in-process through typer's runner; returns the click Result."""

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


@pytest.fixture
def example_report() -> dict:
    from jixiao.jsonload import load_json

    return load_json(EXAMPLE_JSON.read_text(encoding="utf-8"), str(EXAMPLE_JSON))


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
