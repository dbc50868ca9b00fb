"""Extraction speed on one core: prose reports read and checked per second, PDF pages per second.

    python bench/bench_extract.py                # text reports/s (extract + check), PDF pages/s, DOCX reports/s
    python bench/bench_extract.py --compare      # also the PDF and DOCX libraries we chose between

Text reports are the example and the corpus under tests/corpus/ (seed-sized, 30–240 lines). The PDF is
the example rendered with reportlab (needs the `test` extra) and repeated to 30 pages. Targets:
≥ 300 text reports/s, ≥ 100 PDF pages/s.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from jixiao.engine import Auditor, Options  # noqa: E402


def _pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        except OSError:
            pass


def rate(fn, items: list, seconds: float = 3.0) -> float:
    """Items processed per second, best of three runs of about `seconds` / 3 each."""
    best = 0.0
    for _ in range(3):
        done, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds / 3:
            for item in items:
                fn(item)
            done += len(items)
        best = max(best, done / (time.perf_counter() - start))
    return best


def text_sources() -> list[tuple[str, bytes]]:
    paths = [ROOT / "examples" / "qinglong-trade-union-2021.txt",
             *sorted((ROOT / "tests" / "corpus").glob("*.txt")), *sorted((ROOT / "tests" / "corpus").glob("*.md"))]
    return [(str(p), p.read_bytes()) for p in paths]


def render_example_pdf(folder: Path, repeat: int = 5) -> Path:
    from test_extract_render import render_pdf

    text = (ROOT / "examples" / "qinglong-trade-union-2021.txt").read_text(encoding="utf-8")
    return render_pdf("\n".join([text] * repeat), folder / "example.pdf")


def render_example_docx(folder: Path) -> Path:
    from test_extract_render import render_docx

    text = (ROOT / "examples" / "qinglong-trade-union-2021.txt").read_text(encoding="utf-8")
    return render_docx(text, folder / "example.docx")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--compare", action="store_true", help="also time the alternative PDF and DOCX libraries")
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    _pin_one_core()
    auditor = Auditor(Options())
    sources = text_sources()
    lines = sum(data.count(b"\n") + 1 for _, data in sources) / len(sources)
    seed = sources[:1]
    seed_only = rate(lambda s: auditor.extract_path(s[0], s[1]), seed, args.seconds)
    seed_both = rate(lambda s: auditor.check_extraction(auditor.extract_path(s[0], s[1]), s[0]), seed, args.seconds)
    mix_both = rate(lambda s: auditor.check_extraction(auditor.extract_path(s[0], s[1]), s[0]), sources, args.seconds)
    seed_lines = seed[0][1].count(b"\n")
    print(f"text, the seed report (examples/qinglong-trade-union-2021.txt, {seed_lines} lines):")
    print(f"  extract only:        {seed_only:8.0f} reports/s")
    print(f"  extract + check:     {seed_both:8.0f} reports/s   (target ≥ 300)")
    print(f"text, the corpus ({len(sources)} reports, {lines:.0f} lines on average): extract + check {mix_both:8.0f} reports/s")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        try:
            pdf = render_example_pdf(folder)
            docx = render_example_docx(folder)
        except ImportError as exc:
            print(f"PDF/DOCX: skipped ({exc}; install the test extra)")
            return
        data = pdf.read_bytes()
        from jixiao.plugins.extractors.pdf import pdf_pages

        pages = len(pdf_pages(str(pdf), data, "zh")[0])
        text_layer = rate(lambda d: pdf_pages("x.pdf", d, "zh"), [data], args.seconds) * pages
        pdf_both = rate(lambda d: auditor.check_extraction(auditor.extract_path("x.pdf", d), "x.pdf"), [data], args.seconds) * pages
        print(f"pdf: {pages} pages (the example five times over), pypdfium2")
        print(f"  text layer only:     {text_layer:8.0f} pages/s")
        print(f"  extract + check:     {pdf_both:8.0f} pages/s   (target ≥ 100)")
        docx_data = docx.read_bytes()
        docx_both = rate(lambda d: auditor.check_extraction(auditor.extract_path("x.docx", d), "x.docx"), [docx_data], args.seconds)
        print(f"docx: the example, zipfile + ElementTree: extract + check {docx_both:8.0f} reports/s")
        if args.compare:
            compare(data, pages, docx_data, args.seconds)


def compare(pdf: bytes, pages: int, docx: bytes, seconds: float) -> None:
    print("alternatives (text only, no checking):")
    try:
        import pypdf

        def with_pypdf(data):
            return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]

        print(f"  pypdf:               {rate(with_pypdf, [pdf], seconds) * pages:8.0f} pages/s")
    except ImportError:
        print("  pypdf:               not installed")
    try:
        from pdfminer.high_level import extract_text

        print(f"  pdfminer.six:        {rate(lambda d: extract_text(io.BytesIO(d)), [pdf], seconds) * pages:8.0f} pages/s")
    except ImportError:
        print("  pdfminer.six:        not installed")
    from jixiao.plugins.extractors.docx import docx_lines

    print(f"  docx stdlib reader:  {rate(lambda d: docx_lines('x.docx', d), [docx], seconds):8.0f} reports/s")
    try:
        import docx as python_docx

        def with_python_docx(data):
            document = python_docx.Document(io.BytesIO(data))
            return [p.text for p in document.paragraphs]

        print(f"  python-docx:         {rate(with_python_docx, [docx], seconds):8.0f} reports/s")
    except ImportError:
        print("  python-docx:         not installed")


if __name__ == "__main__":
    main()
