"""Peak memory of `jixiao check DIR --format F --output FILE` in every output format (issue 12, item 5).

    python bench/bench_memory.py 10000                  # every format on 10,000 reports
    python bench/bench_memory.py 10000 30000 100000     # growth with the batch size
    python bench/bench_memory.py 100000 --formats text,html --jobs 1

Reports are small structured ones (bench/generate.py, without provenance: ~5 KB each; one in ten has
an arithmetic error, so every format has findings to write), generated once into
bench/out/memory/part-NN/ (10,000 a folder, ignored by git); N reports are the first N/10,000 folders.
Each run is one child process; its peak RSS (and its workers', whichever is larger) comes from
`os.wait4`, so runs never see each other's peaks. The goal: under 300 MB for 100,000 reports in
every format.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import dump, make_report  # noqa: E402

OUT = Path(__file__).resolve().parent / "out" / "memory"
PART = 10_000
JIXIAO = str(Path(sys.executable).with_name("jixiao"))
FORMATS = ("text", "json", "jsonl", "sarif", "junit", "html", "csv", "xlsx")
LIMIT_MB = 300


def parts(count: int) -> list[Path]:
    """The folders holding the first `count` reports (a multiple of 10,000, or fewer than 10,000)."""
    folders = []
    for number in range(max(1, -(-count // PART))):
        folder = OUT / f"part-{number:02d}"
        wanted = min(PART, count - number * PART)
        existing = len(list(folder.glob("*.json"))) if folder.exists() else 0
        if existing < wanted:
            folder.mkdir(parents=True, exist_ok=True)
            for seed in range(number * PART + existing, number * PART + wanted):
                report = make_report(seed, provenance=False)
                if seed % 10 == 3:  # an execution rate that does not match its figures: an error finding
                    report["overall"]["execution_rate"] += Decimal(3)
                (folder / f"report-{seed:06d}.json").write_text(dump(report), encoding="utf-8")
        folders.append(folder)
    return folders


def measure(count: int, output_format: str, jobs: int) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one run over the first `count` reports."""
    folders = [str(folder) for folder in parts(count)]
    if count < PART:  # fewer than a folder: name the files themselves
        folders = sorted(str(path) for path in Path(folders[0]).glob("*.json"))[:count]
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as scratch:
        target = Path(scratch) / f"out.{output_format}"
        start = time.perf_counter()
        child = subprocess.Popen([JIXIAO, "check", *folders, "--format", output_format, "--output", str(target),
                                  "--jobs", str(jobs), "--fail-on", "never", "--no-progress"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        stderr = child.stderr.read() if child.stderr else b""
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - start
        if child.returncode != 0:
            raise SystemExit(f"{output_format}: exit {child.returncode}\n{stderr.decode(errors='replace')}")
        if not target.stat().st_size:
            raise SystemExit(f"{output_format}: empty output")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("counts", nargs="+", type=int, help="batch sizes (reports)")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated (default: all eight)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    formats = [name for name in args.formats.split(",") if name]
    counts = sorted(args.counts)
    parts(max(counts))  # generate first, so no run pays for it
    peaks: dict[str, list[float]] = {}
    print(f"{'format':<7}" + "".join(f"{count:>18,}" for count in counts) + "   MB per 10,000 more", flush=True)
    for output_format in formats:
        cells = []
        for count in counts:
            elapsed, peak = measure(count, output_format, args.jobs)
            peaks.setdefault(output_format, []).append(peak)
            cells.append(f"{peak:>9.0f} MB {elapsed:>4.0f} s")
        growth = ""
        if len(counts) > 1 and counts[-1] > counts[0]:
            slope = (peaks[output_format][-1] - peaks[output_format][0]) / (counts[-1] - counts[0]) * PART
            growth = f"   {slope:+.1f}"
        print(f"{output_format:<7}" + "".join(f"{cell:>18}" for cell in cells) + growth, flush=True)
    worst = max(max(values) for values in peaks.values())
    print(f"largest peak: {worst:.0f} MB ({'under' if worst < LIMIT_MB else 'OVER'} {LIMIT_MB} MB), --jobs {args.jobs}")


if __name__ == "__main__":
    main()
