"""Batches on a Dask cluster (issue 14): a `distributed.LocalCluster` of two worker processes on localhost,
checked against local runs of the real CLI on real files.

One cluster serves the module; tests that kill workers leave it whole (each worker's nanny starts a fresh
one; a worker lost for good has the cluster started again before the next test). Everything here talks to 127.0.0.1 only.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

import hostile
from conftest import EXAMPLE_JSON, EXAMPLES, ROOT

distributed = pytest.importorskip("distributed")
pytest.importorskip("fsspec")

import jixiao  # noqa: E402
import jixiao.cluster as cluster_module  # noqa: E402

FORMATS = ["text", "json", "jsonl", "sarif", "junit", "html", "csv", "xlsx"]
CORPUS = ROOT / "tests" / "corpus"


# Four single-thread workers, not two: the tests that kill workers kill up to three in a row (a group's worker, then the
# report's own two), and on a loaded machine a nanny may not bring its worker back in time (once not at all: the batch
# then waited, and now stops after WORKERS_SECONDS); with four, a worker is always left to answer.
WORKERS = 4


class _Cluster:
    """The module's cluster, whole before each test: a worker killed by a test before is restarted by its
    nanny; where one is not back in time (a nanny that gave up, seen on a loaded 2-core machine), the
    cluster is started again, so one lost worker costs no other test."""

    def __init__(self) -> None:
        self.local: Any = None
        self.client: Any = None
        self.start()

    def start(self) -> None:
        self.local = distributed.LocalCluster(n_workers=WORKERS, threads_per_worker=1, processes=True,
                                              dashboard_address=None, host="127.0.0.1",
                                              worker_dashboard_address=None)
        self.client = distributed.Client(self.local, set_as_default=False)
        self.client.wait_for_workers(WORKERS, timeout=60)

    def whole(self) -> tuple[Any, Any]:
        try:  # (a nanny restarts its worker in a few seconds; CI saw two not back in 30 s: a new cluster takes ~5 s)
            self.client.wait_for_workers(WORKERS, timeout=10)
        except TimeoutError:
            self.close()
            self.start()
        return self.local, self.client

    def close(self) -> None:
        for part, seconds in ((self.client, 10), (self.local, 30)):  # (bounded: a half-dead cluster may never answer)
            try:
                part.close(timeout=seconds)
            except Exception:  # a cluster already half gone, or not closing in time: a new one is started beside it
                pass


@pytest.fixture(scope="module")
def _module_cluster():
    held = _Cluster()
    yield held
    held.close()


@pytest.fixture
def cluster(_module_cluster):
    return _module_cluster.whole()


@pytest.fixture
def address(cluster):
    local, _ = cluster
    return local.scheduler_address


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    """Real files: the examples (JSON, prose .txt, a 自评表 workbook), prose reports of the corpus, a
    structured batch with findings, a broken file and one no extractor reads, in a subfolder too."""
    folder = tmp_path_factory.mktemp("cluster") / "reports"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("plugins"))
    for name in sorted(CORPUS.glob("*.txt"))[:6]:
        shutil.copy(name, folder / name.name)
    hostile.write_batch(folder / "batch", 12)
    (folder / "batch" / "broken.json").write_text('{"kind": ', encoding="utf-8")
    (folder / "batch" / "notes.docx.bak").write_text("no extractor claims it", encoding="utf-8")
    with zipfile.ZipFile(folder / "batch" / "附件.zip", "w", zipfile.ZIP_DEFLATED) as archive:  # read from the zip on the workers
        archive.write(EXAMPLES / "qinglong-trade-union-2021.txt", "报告/青龙县总工会.txt")
        archive.write(EXAMPLES / "wuling-civil-affairs-2022-self-evaluation-tables.xlsx", "自评表.xlsx")
    return folder


def run(cli, tmp_path, *args, name="out"):
    target = tmp_path / name
    result = cli("check", *args, "--output", target, "--no-progress")
    return result, target.read_bytes() if target.exists() else None


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_output_is_byte_for_byte_a_local_runs_in_every_format(cli, tmp_path, reports, address, fmt):
    """(Local worker processes give a local run's bytes too: test_batch.py's test_jobs_do_not_change_the_output.)"""
    one, expected = run(cli, tmp_path, reports, "--format", fmt, "--jobs", "1", name="one")
    remote, on_cluster = run(cli, tmp_path, reports, "--format", fmt, "--scheduler", address, name="cluster")
    assert expected and on_cluster == expected
    assert remote.exit_code == one.exit_code == 2  # the broken file
    assert remote.stderr.splitlines()[-1] == one.stderr.splitlines()[-1]  # the summary line


def test_stdout_relative_paths_and_the_environment_variable(cli, tmp_path, reports, address, monkeypatch):
    """Names as the user typed them, relative to a folder the workers were not started in; the scheduler
    named by JIXIAO_SCHEDULER; text on stdout, the same bytes."""
    monkeypatch.chdir(reports.parent)
    local = cli("check", reports.name, "--jobs", "1")
    monkeypatch.setenv("JIXIAO_SCHEDULER", address)
    remote = cli("check", reports.name)
    assert remote.stdout == local.stdout and remote.exit_code == local.exit_code
    assert f"{reports.name}/batch/r00000.json" in remote.stdout
    assert f"{reports.name}/batch/附件.zip!/报告/青龙县总工会.txt  (青龙满族自治县总工会 · 2021)" in remote.stdout


def test_check_many_gives_the_results_in_path_order(reports, cluster):
    _, client = cluster
    here = [r.to_dict() for r in jixiao.check_many([reports / "batch"])]
    there = [r.to_dict() for r in jixiao.check_many([reports / "batch"], scheduler=client)]
    assert there == here and len(here) == 16  # 12 reports, 2 broken files, 2 files in a zip
    assert [Path(r["source"]).name for r in here][:3] == ["broken.json", "notes.docx.bak", "r00000.json"]


@pytest.mark.parametrize("group", [1, 4], ids=["one report a task", "groups of 4"])
def test_a_worker_killed_mid_batch_loses_nothing(tmp_path, cluster, address, groups_of, group):
    groups_of(group)
    _, client = cluster
    plugin, pack = hostile.faulty_plugin(tmp_path)
    hostile.named_reports(tmp_path / "reports", [f"慢{i}" for i in range(40)])
    options = {"packs": [str(pack)], "plugins": [str(plugin)]}
    expected = [r.to_dict() for r in jixiao.check_many([tmp_path / "reports"], **options)]
    got = []
    for result in jixiao.check_many([tmp_path / "reports"], scheduler=address, **options):
        got.append(result.to_dict())
        if len(got) == 5:
            victim = next(iter(client.run(os.getpid).values()))
            os.kill(victim, signal.SIGKILL)
    assert got == expected


def test_a_cluster_left_without_workers_stops_the_batch_with_a_clear_error(tmp_path, cluster, monkeypatch):
    """Every worker gone mid-batch (a nanny that could not restart its worker, workers retired): the batch does
    not wait for ever; after WORKERS_SECONDS without a worker it stops with a clear error, its tasks cancelled."""
    local, client = cluster
    monkeypatch.setattr(cluster_module, "WORKERS_SECONDS", 1.0)
    monkeypatch.setattr(cluster_module, "WORKER_POLL", 0.2)
    plugin, pack = hostile.faulty_plugin(tmp_path)
    hostile.named_reports(tmp_path / "reports", [f"慢{i}" for i in range(300)])
    got, gone = [], 0.0
    try:
        with pytest.raises(cluster_module.ClusterError) as raised:
            for result in jixiao.check_many([tmp_path / "reports"], scheduler=client, packs=[str(pack)],
                                            plugins=[str(plugin)]):
                got.append(result)
                if len(got) == 3:
                    local.scale(0)
                    gone = time.monotonic()
        assert raised.value.key == "workers_gone" and "秒没有任何工作进程" in raised.value.render("zh")
        assert "has had no worker for 1 s" in raised.value.render("en")
        assert 3 <= len(got) < 300 and time.monotonic() - gone < 30
        assert not [k for keys in client.processing().values() for k in keys if str(k).startswith("jixiao-")]
    finally:
        local.scale(WORKERS)
        client.wait_for_workers(WORKERS, timeout=60)


@pytest.mark.parametrize("group", [1, 3], ids=["one report a task", "in a group of 3: found alone"])
def test_a_report_that_kills_two_workers_becomes_a_finding_and_the_batch_goes_on(cli, tmp_path, address, groups_of,
                                                                                   group):
    groups_of(group)
    plugin, pack = hostile.faulty_plugin(tmp_path)
    hostile.named_reports(tmp_path / "reports", ["好", "死", "好", "好", "好", "好"])
    started = time.monotonic()
    result = cli("check", tmp_path / "reports", "--plugin", plugin, "--pack", pack, "--format", "json",
                 "--scheduler", address)
    assert time.monotonic() - started < 60
    reports = {Path(r["source"]).name: r for r in json.loads(result.stdout)["reports"]}
    [finding] = reports["r1.json"]["findings"]
    assert finding["rule_id"] == "JX-INTERNAL" and finding["category"] == "internal"
    assert "工作进程意外终止" in finding["message"] and finding["values"]["attempts"] == 2
    for name in ("r0.json", "r2.json", "r3.json", "r4.json", "r5.json"):
        assert "NAT-ARITH-004" in {f["rule_id"] for f in reports[name]["findings"]}
    assert result.exit_code == 2  # as locally: a report that could not be checked


@pytest.mark.slow
def test_a_report_past_the_timeout_is_cut_off_as_locally(cli, tmp_path, address):
    """卡 sleeps where no exception reaches it (as C code would): past twice --timeout its worker is
    ended and the report gets JX-TIMEOUT; a report checked in Python past --timeout is cut by the timeout."""
    plugin, pack = hostile.faulty_plugin(tmp_path)
    spinning = hostile.plugin_file(tmp_path, "spinning", SPINNING_PLUGIN)
    (tmp_path / "spin.yaml").write_text(SPIN_PACK, encoding="utf-8")
    hostile.named_reports(tmp_path / "reports", ["好", "卡", "转", "好"])
    args = ["check", tmp_path / "reports", "--plugin", plugin, "--plugin", spinning, "--pack", pack, "--pack",
            tmp_path / "spin.yaml", "--format", "json", "--timeout", "0.5"]
    local = cli(*args, "--jobs", "2")
    remote = cli(*args, "--scheduler", address)
    assert remote.stdout == local.stdout
    reports = {Path(r["source"]).name: r for r in json.loads(remote.stdout)["reports"]}
    assert [f["rule_id"] for f in reports["r1.json"]["findings"]] == ["JX-TIMEOUT"]
    assert [f["rule_id"] for f in reports["r2.json"]["findings"]] == ["JX-TIMEOUT"]


SPINNING_PLUGIN = """
import jixiao

def _check(report, rule, ctx):
    if (report.get("department") or {}).get("name") == "转":
        while True:  # Python code: the timeout reaches it
            pass
    ctx.evaluated()
    return []

@jixiao.hookimpl
def jixiao_register_kinds():
    return [jixiao.Kind(name="spinning", params={"properties": {}, "additionalProperties": False}, check=_check)]
"""
SPIN_PACK = "pack: spin\nversion: '1'\nrules:\n  - id: SPIN-001\n    kind: spinning\n    message: {zh: x}\n"


def test_ctrl_c_cancels_the_clusters_tasks_and_leaves_no_partial_output(tmp_path, cluster, address):
    _, client = cluster
    plugin, pack = hostile.faulty_plugin(tmp_path)
    hostile.named_reports(tmp_path / "reports", ["慢"] * 300)
    target = tmp_path / "out.jsonl"
    target.write_text("previous\n", encoding="utf-8")
    process = subprocess.Popen([hostile.JIXIAO, "check", str(tmp_path / "reports"), "--plugin", str(plugin), "--pack",
                                str(pack), "--format", "jsonl", "--output", str(target), "--scheduler", address],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def ours() -> list[str]:
        return [key for keys in client.processing().values() for key in keys if str(key).startswith("jixiao-")]

    deadline = time.monotonic() + 60
    while not [p for p in tmp_path.iterdir() if p.name.endswith(".jixiao-tmp") and p.stat().st_size > 0]:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert ours()
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130 and "已中断" in err.decode() and "Traceback" not in err.decode()
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".jixiao-tmp")]
    deadline = time.monotonic() + 10
    while ours():
        assert time.monotonic() < deadline, ours()
        time.sleep(0.1)


def test_a_plugin_the_workers_lack_is_a_clear_error_before_any_report(cli, tmp_path, address):
    """A plugin that loads here but not on the workers (as one installed on this machine only)."""
    plugin = hostile.plugin_file(tmp_path, "only_here", f"import os\nif os.getpid() != {os.getpid()}:\n"
                                                        "    raise ImportError('not installed here')\n")
    result = cli("check", EXAMPLE_JSON, "--plugin", plugin, "--format", "json", "--scheduler", address)
    assert result.exit_code == 2 and result.stdout == ""
    assert "缺少本机已加载的插件" in result.stderr and "only_here.py" in result.stderr and "Traceback" not in result.stderr
    english = cli("check", EXAMPLE_JSON, "--plugin", plugin, "--scheduler", address, "--lang", "en")
    assert english.exit_code == 2 and "lacks plugins loaded here" in english.stderr


def test_fsspec_urls_are_read_on_the_workers(cli, tmp_path, reports, address):
    """A folder URL is listed here and each file read by a worker; a URL naming nothing is an input finding; a zip
    at a URL is not opened, and says so."""
    local = json.loads(cli("check", reports / "batch", "--format", "json", "--jobs", "1").stdout)["reports"]
    local = [r for r in local if "!/" not in r["source"]]  # (the files in the zip, opened here)
    url = f"file://{reports / 'batch'}/"
    remote = cli("check", url, f"file://{tmp_path}/missing.json", "--format", "json", "--scheduler", address)
    found = json.loads(remote.stdout)["reports"]
    assert [r["source"] for r in found] == [f"file://{reports / 'batch' / Path(r['source']).name}" for r in local] \
        + [f"file://{reports / 'batch'}/附件.zip", f"file://{tmp_path}/missing.json"]
    for here, there in zip(local, found, strict=False):  # found: two more, the zip and the missing file
        assert there["status"] == here["status"]
        assert [f["rule_id"] for f in there["findings"]] == [f["rule_id"] for f in here["findings"]]
    assert found[-2]["status"] == "unreadable" and found[-2]["findings"][0]["values"]["problem"] == "archive_url"
    assert found[-1]["status"] == "unreadable" and found[-1]["findings"][0]["values"]["problem"] == "not_found"


def test_without_dask_scheduler_is_a_usage_error_naming_the_extra(cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` raises ImportError
    result = cli("check", EXAMPLE_JSON, "--scheduler", "tcp://127.0.0.1:1")
    assert result.exit_code == 2 and "pip install 'jixiao[dask]'" in result.stderr and "请先安装" in result.stderr
    english = cli("check", EXAMPLE_JSON, "--scheduler", "tcp://127.0.0.1:1", "--lang", "en")
    assert english.exit_code == 2 and "Install it with: pip install 'jixiao[dask]'" in english.stderr


def test_without_scheduler_dask_is_not_even_imported():
    code = ("import sys\nfrom jixiao.cli import main\nsys.argv = ['jixiao', 'check', sys.argv[1], '--jobs', '2']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('dask', 'distributed', 'fsspec') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code, str(EXAMPLE_JSON)], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr


def test_an_unreachable_scheduler_is_a_clear_error(cli, monkeypatch):
    import jixiao.cluster

    monkeypatch.setattr(jixiao.cluster, "CONNECT_SECONDS", 1.0)
    result = cli("check", EXAMPLE_JSON, "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2 and "无法连接 Dask 调度器 tcp://127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr


# -- several reports a task -----------------------------------------------------------------------------
@pytest.fixture
def groups_of(monkeypatch):
    """Force reports into groups of `n` per task (a batch this small would otherwise go one by one)."""

    def force(n: int) -> None:
        monkeypatch.setattr(cluster_module, "group_size", lambda total, workers: n)

    return force


def test_group_size_spreads_the_task_cost_but_keeps_every_worker_busy():
    assert cluster_module.group_size(10, 2) == 1
    assert cluster_module.group_size(1000, 2) == cluster_module.GROUP_MAX
    assert cluster_module.group_size(160, 4) == 5


def test_groups_give_the_same_output(cli, tmp_path, reports, address, groups_of):
    groups_of(3)
    one, expected = run(cli, tmp_path, reports, "--format", "json", "--jobs", "1", name="one")
    remote, on_cluster = run(cli, tmp_path, reports, "--format", "json", "--scheduler", address, name="cluster")
    assert on_cluster == expected and remote.exit_code == one.exit_code
