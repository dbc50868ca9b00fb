"""Reports per second for `check` in one process, against the floor (JSON parse + compiled schema
validation alone) on the same reports.

    python bench/bench_check.py   # seed-sized (~5 KB), the same with provenance (~14 KB), 50 KB with 20 projects
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import dump, make_report  # noqa: E402

from jixiao.engine import Auditor, Options  # noqa: E402
from jixiao.jsonload import load_json  # noqa: E402
from jixiao.plugins.extractors.structured import extract_json  # noqa: E402
from jixiao.validation import violations  # noqa: E402


def measure(label: str, payloads: list[bytes], rounds: int = 5) -> None:
    auditor = Auditor(Options())

    def full() -> None:
        for index, data in enumerate(payloads):
            auditor.check_extraction(extract_json(f"r{index}.json", data), f"r{index}.json")

    def floor() -> None:
        for index, data in enumerate(payloads):
            violations("report", load_json(data.decode("utf-8"), f"r{index}.json"))

    full(), floor()  # warm up: compile schemas, load packs
    best_full = min(_timed(full) for _ in range(rounds))
    best_floor = min(_timed(floor) for _ in range(rounds))
    n = len(payloads)
    size = sum(len(p) for p in payloads) / n / 1024
    print(f"{label}: {n} reports of {size:.1f} KB — check {n / best_full:,.0f} reports/s, "
          f"floor {n / best_floor:,.0f} reports/s, ratio {best_full / best_floor:.2f}×")


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    seed = [dump(make_report(i, provenance=False)).encode() for i in range(2000)]
    with_provenance = [dump(make_report(i)).encode() for i in range(2000)]
    large = [dump(make_report(i, projects=20, provenance=False)).encode() for i in range(200)]
    measure("seed-sized", seed)
    measure("seed with provenance", with_provenance)
    measure("50 KB", large)
