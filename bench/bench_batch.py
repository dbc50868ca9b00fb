"""Batch throughput with --jobs 1 and --jobs 2, and peak memory of a streaming jsonl run.

    python bench/bench_batch.py speed 10000       # 10,000 structured reports, jobs 1 vs 2
    python bench/bench_batch.py memory 100000     # peak RSS of `jixiao check --format jsonl` on 100,000 reports

Reports are generated once into bench/out/ (ignored by git).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import cached_corpus  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
JIXIAO = str(Path(sys.executable).with_name("jixiao"))


def corpus(count: int) -> Path:
    return cached_corpus(OUT / f"reports-{count}", count)


def run(folder: Path, *args: str) -> tuple[float, int]:
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run([JIXIAO, "check", str(folder), "--fail-on", "never", "--no-progress", *args],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return elapsed, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def speed(count: int) -> None:
    folder = corpus(count)
    one, _ = run(folder, "--format", "jsonl", "--jobs", "1")
    two, _ = run(folder, "--format", "jsonl", "--jobs", "2")
    print(f"{count} reports: --jobs 1 {one:.1f} s ({count / one:,.0f}/s), --jobs 2 {two:.1f} s ({count / two:,.0f}/s), "
          f"speed-up {one / two:.2f}×")


def memory(count: int) -> None:
    folder = corpus(count)
    elapsed, peak_kb = run(folder, "--format", "jsonl", "--jobs", "1")
    print(f"{count} reports, jsonl, --jobs 1: {elapsed:.0f} s, peak RSS {peak_kb / 1024:.0f} MB")


if __name__ == "__main__":
    {"speed": speed, "memory": memory}[sys.argv[1]](int(sys.argv[2]))
