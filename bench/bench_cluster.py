"""Reports per second on a Dask cluster of 1, 2 and 4 worker processes against `--jobs` 1, 2 and 4.

    python bench/bench_cluster.py 2000 3      # 2,000 generated reports, 3 alternating rounds (medians)

Each run is the real command (`jixiao check FOLDER --format jsonl --no-progress`, output to /dev/null),
timed from start to exit, so both sides pay the same start-up (interpreter, packs, listing). The clusters
are `distributed.LocalCluster`s on this machine (one thread per worker process, no dashboard), started
once per size before the rounds, as an existing cluster would be: their start-up is not counted. Rounds
alternate local and cluster runs so that load from elsewhere on the machine falls on both alike.

Also printed: Dask's own share of the cost per report, the time per task of an empty task submitted one
by one (as jixiao submits) on the 2-worker cluster.
Reports are generated once into bench/out/ (ignored by git).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import cached_corpus  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
JIXIAO = str(Path(sys.executable).with_name("jixiao"))
SIZES = (1, 2, 4)


def corpus(count: int) -> Path:
    return cached_corpus(OUT / f"reports-{count}", count)


def timed(folder: Path, *args: str) -> float:
    start = time.perf_counter()
    done = subprocess.run([JIXIAO, "check", str(folder), "--format", "jsonl", "--fail-on", "never", "--no-progress",
                           *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return elapsed


def empty_task_ms(client, count: int = 2000) -> float:
    """Milliseconds per task of a task doing nothing, submitted one by one as jixiao submits: Dask's share."""
    start = time.perf_counter()
    futures = [client.submit(int, i, pure=False) for i in range(count)]
    client.gather(futures)
    return (time.perf_counter() - start) / count * 1000


def main(count: int, rounds: int) -> None:
    from distributed import Client, LocalCluster

    folder = corpus(count)
    clusters = {n: LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                                worker_dashboard_address=None, host="127.0.0.1") for n in SIZES}
    try:
        for n, cluster in clusters.items():
            with Client(cluster, set_as_default=False) as client:
                client.wait_for_workers(n, timeout=120)
        timed(folder, "--jobs", "1")  # warm the page cache
        local: dict[int, list[float]] = {n: [] for n in SIZES}
        remote: dict[int, list[float]] = {n: [] for n in SIZES}
        for _ in range(rounds):
            for n in SIZES:
                local[n].append(timed(folder, "--jobs", str(n)))
                remote[n].append(timed(folder, "--scheduler", clusters[n].scheduler_address))
        print(f"{count} reports, {rounds} rounds, medians (reports/s):")
        print(f"{'':>10} {'--jobs':>10} {'Dask':>10} {'Dask/jobs':>10}")
        for n in SIZES:
            a, b = statistics.median(local[n]), statistics.median(remote[n])
            print(f"{n:>4} {'worker' if n == 1 else 'workers':<7}{count / a:>8,.0f}/s {count / b:>8,.0f}/s {a / b:>9.2f}×")
        with Client(clusters[2], set_as_default=False) as client:
            print(f"an empty Dask task, submitted one by one, 2 workers: {empty_task_ms(client):.2f} ms")
    finally:
        for cluster in clusters.values():
            cluster.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000, int(sys.argv[2]) if len(sys.argv) > 2 else 3)
