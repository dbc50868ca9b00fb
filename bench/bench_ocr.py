"""OCR speed: scanned A4 pages read per second (render at 200 dpi + recognise + reading order), and the whole
extraction of a scanned report. Needs the `ocr` extra, the `test` extra (reportlab) and a Chinese font to draw
the pages (e.g. apt-get install fonts-wqy-microhei).

    python bench/bench_ocr.py                # 3 pages, 3 rounds: pages/s as the median of the rounds
    python bench/bench_ocr.py --pages 5 --rounds 5

The pages are the example report (examples/qinglong-trade-union-2021.txt) laid out as a department prints
it, 40 lines of about 38 characters each, drawn by reportlab, rendered to images by pypdfium2 and put into a
PDF that holds only those images (a scan with no text layer). onnxruntime uses every core it is given.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from jixiao.engine import Auditor, Options  # noqa: E402
from jixiao.plugins.extractors import ocr  # noqa: E402


def scanned_pdf(folder: Path, pages: int) -> Path:
    import pypdfium2 as pdfium
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    from test_extract_render import wrap
    from test_ocr import chinese_font, scanned_page

    font = chinese_font()
    if font is None:
        sys.exit("no Chinese font to draw the pages: apt-get install fonts-wqy-microhei")
    text = (ROOT / "examples" / "qinglong-trade-union-2021.txt").read_text(encoding="utf-8")
    lines = [piece for line in text.split("\n") if line.strip() for piece in wrap(line)]
    path = folder / "scan.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number in range(pages):
        chunk = lines[(number * 40) % max(len(lines) - 40, 1):][:40]
        image = scanned_page(chunk, font)
        pdf.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
        pdf.showPage()
    pdf.save()
    document = pdfium.PdfDocument(str(path))
    assert not document[0].get_textpage().get_text_range().strip()  # a scan: no text layer
    document.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    started = time.perf_counter()
    reader, problem = ocr.engine()
    if reader is None:
        sys.exit(f"OCR could not start: {problem}" if problem else "the ocr extra is not installed: pip install 'jixiao[ocr]'")
    print(f"OCR engine loaded in {time.perf_counter() - started:.2f} s; cores available: {len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count()}")
    with tempfile.TemporaryDirectory() as folder:
        path = scanned_pdf(Path(folder), args.pages)
        data = path.read_bytes()
        pages = list(range(1, args.pages + 1))
        ocr.recognise(str(path), data, [1], "zh")  # warm-up
        rates, lines = [], 0
        for _ in range(args.rounds):
            start = time.perf_counter()
            outcome = ocr.recognise(str(path), data, pages, "zh")
            rates.append(len(pages) / (time.perf_counter() - start))
            lines = len(outcome.lines)
        print(f"OCR (render {ocr.DPI} dpi + recognise): {statistics.median(rates):.3f} pages/s "
              f"(median of {args.rounds} rounds of {len(pages)} pages; {lines} lines read; "
              f"rounds {', '.join(f'{r:.3f}' for r in rates)})")
        auditor = Auditor(Options(timeout=0))
        times = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            extraction = auditor.extract_path(str(path))
            times.append(time.perf_counter() - start)
        found = sum(1 for p in extraction.report.get("provenance", {}).values() if p.get("ocr"))
        print(f"extract_path of the scanned report: {len(pages) / statistics.median(times):.3f} pages/s "
              f"(median {statistics.median(times):.2f} s for {len(pages)} pages; {found} values marked ocr)")


if __name__ == "__main__":
    main()
