"""PDF table reading speed on one core: pages/s for `pdftables.pdf_document` (text layer + ruled tables,
pypdfium2), for pypdfium2 reading the same file's text alone (`pdf.pdf_pages`, what the PDF extractor reads
today), and for pdfplumber's `page.extract_tables()` (if installed; for comparison only, not a dependency).

    python bench/bench_tables_pdf.py               # 10-page 自评表 PDF, 15 alternating rounds
    python bench/bench_tables_pdf.py --rounds 31

The PDF is the test suite's 自评表 (15 rows × 9 columns, 17 merged cells, wrapped cells), one per page,
rendered with reportlab (needs the `test` extra). Each round times one pass of every reader over the whole
file, readers alternating, in one process; the figure is the median. Target: ≥ 20 pages/s for ours.

Memory: `pdf_document` run until it has read 1,000 tables, resident memory (RSS) and tracemalloc's traced
memory sampled every 100 tables: both should stay flat.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from jixiao.plugins.extractors.pdf import pdf_pages  # noqa: E402
from jixiao.plugins.extractors.pdftables import pdf_document  # noqa: E402


def _pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        except OSError:
            pass


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:  # pragma: no cover - not Linux
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_pdf(folder: Path, pages: int) -> Path:
    from test_table_readers_pdf_text import self_evaluation_pdf

    return self_evaluation_pdf(folder / "self-evaluation.pdf", pages=pages)


def readers(path: str) -> dict:
    out = {
        "pdf_document (ours)": lambda data: pdf_document(path, data),
        "pypdfium2 text only": lambda data: pdf_pages(path, data, "zh"),
    }
    try:
        import pdfplumber
    except ImportError:
        return out

    def plumber(data: bytes) -> None:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.close()

    out["pdfplumber extract_tables"] = plumber
    return out


def speed(path: Path, pages: int, rounds: int) -> dict[str, float]:
    data = path.read_bytes()
    contenders = readers(str(path))
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for fn in contenders.values():  # warm up (imports, font caches)
        fn(data)
    for _ in range(rounds):
        for name, fn in contenders.items():
            start = time.perf_counter()
            fn(data)
            times[name].append(time.perf_counter() - start)
    return {name: pages / statistics.median(t) for name, t in times.items()}


def memory(path: Path, tables: int = 1000) -> list[tuple[int, float, float, float]]:
    """(tables read, RSS MB, traced MB still allocated, traced peak MB while reading) every 100 tables."""
    data = path.read_bytes()
    per_pass = len(pdf_document(str(path), data).tables)
    samples = []
    done = 0
    tracemalloc.start()
    while done < tables:
        doc = pdf_document(str(path), data)
        done += len(doc.tables)
        del doc
        if done % 100 < per_pass or done >= tables:
            gc.collect()
            current, peak = tracemalloc.get_traced_memory()
            samples.append((done, _rss_mb(), current / 2**20, peak / 2**20))
    tracemalloc.stop()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--tables", type=int, default=1000)
    args = parser.parse_args()
    _pin_one_core()
    with tempfile.TemporaryDirectory() as folder:
        path = build_pdf(Path(folder), args.pages)
        doc = pdf_document(str(path), path.read_bytes())
        print(f"{path.name}: {args.pages} pages, {len(doc.tables)} tables "
              f"({sum(len(t.rows) for t in doc.tables)} rows), {path.stat().st_size / 1024:.0f} KiB")
        rates = speed(path, args.pages, args.rounds)
        for name, rate in rates.items():
            print(f"  {name:28s} {rate:8.1f} pages/s")
        ours = rates["pdf_document (ours)"]
        print(f"  target >= 20 pages/s: {'met' if ours >= 20 else 'MISSED'}")
        samples = memory(path, args.tables)
        print(f"memory over {samples[-1][0]} tables (RSS MB / tracemalloc: still allocated MB, peak MB):")
        for done, rss, traced, peak in samples:
            print(f"  {done:5d} tables  {rss:7.1f}  {traced:6.2f}  {peak:6.2f}")
        growth = samples[-1][1] - samples[0][1]
        print(f"  RSS growth from the first sample: {growth:+.1f} MB; traced: {samples[-1][2] - samples[0][2]:+.2f} MB")


if __name__ == "__main__":
    main()
