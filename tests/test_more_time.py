"""Reading that is slow by nature (OCR, page by page) asks for more time as it goes (`jixiao.kit.more_time`): a
many-page scan is read in full under the default --timeout, in this process, in --jobs workers (whose supervisor
hears of each grant) and on Dask (whose watchdog does); a reader that never asks is still cut off at --timeout,
and one that asks forever at 30 × --timeout."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import EXAMPLE_JSON

SLOW = textwrap.dedent('''
    """A stand-in for OCR: a .pages file holds `pages seconds ask`; each page sleeps, asking first for more time when
    ask is 1. The report it gives is the example's."""
    import json
    import time
    from decimal import Decimal
    from pathlib import Path

    from jixiao.kit import Extraction, Extractor, hookimpl, more_time

    EXAMPLE = Path(%r)


    def extract(path, data, options):
        pages, seconds, ask = data.decode().split()
        for _ in range(int(pages)):
            if ask == "1":
                more_time(4 * float(seconds))
            time.sleep(float(seconds))
        report = json.loads(EXAMPLE.read_text(encoding="utf-8"), parse_float=Decimal)
        report.pop("provenance", None)
        return Extraction(report=report)


    @hookimpl
    def jixiao_register_extractors():
        return [Extractor(name="pages", suffixes=(".pages",), extract=extract)]
''') % str(EXAMPLE_JSON)


@pytest.fixture
def plugin(tmp_path: Path) -> Path:
    path = tmp_path / "slow_pages.py"
    path.write_text(SLOW, encoding="utf-8")
    return path


def _folder(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "scans"
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def _statuses(cli, folder: Path, plugin: Path, *args: str) -> dict[str, tuple[str, list[str]]]:
    done = cli("check", folder, "--plugin", plugin, "--format", "json", "--no-progress", *args)
    return {Path(r["source"]).name: (r["status"], [f["rule_id"] for f in r["findings"] if f["severity"] == "error"])
            for r in json.loads(done.stdout)["reports"]}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_reader_that_asks_as_it_goes_finishes_and_one_that_does_not_is_cut_off(cli, tmp_path, plugin, jobs):
    # 3.6 s of pages: past --timeout, and past the 2.4 s after which a supervisor deems a silent worker stuck
    folder = _folder(tmp_path, {"asks.pages": "12 0.3 1", "silent.pages": "6 0.3 0", "runaway.pages": "400 0.3 1"})
    found = _statuses(cli, folder, plugin, "--timeout", "0.2", "--jobs", jobs)
    assert found["asks.pages"][0] != "unreadable" and "JX-TIMEOUT" not in found["asks.pages"][1]  # read in full
    assert found["silent.pages"][1] == ["JX-TIMEOUT"]  # never asked: 0.2 s
    assert found["runaway.pages"][1] == ["JX-TIMEOUT"]  # asked forever: stopped at 30 × 0.2 s = 6 s


def test_more_time_is_granted_up_to_the_ceiling_and_heard_by_listeners():
    from jixiao import timelimit

    heard: list[float] = []
    stop = timelimit.on_more_time(heard.append)
    try:
        assert timelimit.more_time(5) == 0  # no limit runs: nothing to grant
        with timelimit.time_limit(1, 3):
            assert timelimit.more_time(1.5) == 1.5
            assert timelimit.more_time(1.5) == 0.5  # the ceiling: 3 s in all
            assert timelimit.more_time(1) == 0
        with timelimit.time_limit(1):  # no ceiling given: no more than the limit
            assert timelimit.more_time(1) == 0
    finally:
        stop()
    assert heard == [1.5, 0.5]


def test_a_dask_workers_watchdog_hears_of_more_time(tmp_path, plugin):
    pytest.importorskip("distributed")
    pytest.importorskip("fsspec")
    from distributed import Client, LocalCluster

    import jixiao

    folder = _folder(tmp_path, {"asks.pages": "12 0.3 1", "silent.pages": "6 0.3 0"})
    sys.path.insert(0, str(plugin.parent))
    try:
        with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                          host="127.0.0.1", worker_dashboard_address=None) as local, \
                Client(local, set_as_default=False) as client:
            results = {Path(r.source).name: r for r in jixiao.check_many([folder], plugins=[plugin], timeout=0.2,
                                                                          scheduler=client)}
    finally:
        sys.path.remove(str(plugin.parent))
    assert not [f for f in results["asks.pages"].findings if f.rule_id == "JX-TIMEOUT"]
    assert [f.rule_id for f in results["silent.pages"].findings if f.severity == "error"] == ["JX-TIMEOUT"]
