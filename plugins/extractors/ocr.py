"""OCR of scanned PDF pages, with the optional extra `pip install 'jixiao[ocr]'`: RapidOCR (PP-OCR models run by
onnxruntime, on the CPU, offline; the models ship inside the package and nothing is downloaded at run time).

A page is rendered at `DPI` by pypdfium2 and recognised; its text boxes are put in reading order: boxes whose
heights overlap by half or more form one line, lines top to bottom, boxes left to right, a gap wider than half
the line's height kept as a space. Each line becomes a `SourceLine(page=…, ocr=True)` numbered from 1 on its page,
so every value read from it has `"ocr": true` in its provenance, and one info finding names the pages read by OCR.

Without the extra, a PDF with no text layer is one `extraction` warning saying how to install it, and the report
is not checked (nothing is read: its fiscal year is listed as not found, so there is no schema error either).
OCR stops before the report's time limit (--timeout) would strike, and the pages it did not reach are named.

`JIXIAO_OCR=off` turns OCR off where it is installed.
"""

from __future__ import annotations

import os
import time
from itertools import pairwise
from pathlib import Path
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeAlias

from jixiao.kit import Extraction, Finding, InputError, more_time, outside_memory_cap

from .legacy import remaining_seconds
from .messages import message
from .normalize import SourceLine
from .prose import extract_document, extract_lines, lang_of
from .tables import Document, Table

DPI = 200
MAX_SIDE = 4000  # pixels: a poster-sized page is rendered smaller
_FIRST_PAGE_SECONDS = 4.0  # what one page is assumed to take until one has been timed
_RESERVE_SECONDS = 1.0  # left for the rules after OCR
PAGE_SECONDS = 20.0  # the time asked for before each page (more_time): several times a dense A4 page's OCR here

# A recognised text box: (its 4 corner points [x, y], its text, its score), a tuple or a list as the engine gives
# it; and a loaded engine, image → boxes. The OCR packages ship no annotations.
Box: TypeAlias = Sequence[Any]
Reader: TypeAlias = Callable[[Any], list[Box]]

_engine: tuple[Reader | None, str | None] | None = None


def engine() -> tuple[Reader | None, str | None]:
    """(a callable image → [(box, text, score)], None); (None, None) when OCR is not installed or turned off;
    (None, why) when it is installed but cannot start. Loaded once per process."""
    global _engine
    if os.environ.get("JIXIAO_OCR", "").strip().lower() in ("0", "off", "no", "false"):
        return None, None
    if _engine is None:
        with outside_memory_cap():  # (the models, ~0.5 GB of address space, serve every later report too)
            reader, why = _load()
        _engine = (_uncapped(reader) if reader is not None else None), why
    return _engine


def _uncapped(reader: Reader) -> Reader:
    """The engine run outside a worker's memory cap (limits.outside_memory_cap): what it needs is bounded by the image,
    itself bounded (MAX_SIDE), but not small (the address space of a worker grew by 1.5 GB on heldout47's full-page
    screenshots, the engine's arenas kept for the next page), and a report must not be refused for it; the cap is for
    what a file can make unbounded (a bomb), and is set again after each call from what the process then uses."""
    def recognise(image: Any) -> list[Box]:
        with outside_memory_cap():
            return reader(image)

    return recognise


def _load() -> tuple[Reader | None, str | None]:
    """RapidOCR 3 (`rapidocr`, what the extra installs), else RapidOCR 1 (`rapidocr_onnxruntime`), where installed."""
    problems = []
    for load in (_rapidocr3, _rapidocr1):
        try:
            reader = load()
        except ModuleNotFoundError as exc:
            if exc.name in ("rapidocr", "rapidocr_onnxruntime"):
                continue  # not installed
            problems.append(f"{type(exc).__name__}: {exc}")  # installed, but a dependency is missing
        except Exception as exc:  # e.g. ImportError: libGL.so.1 (opencv), a broken onnxruntime
            problems.append(f"{type(exc).__name__}: {exc}")
        else:
            return reader, None
    return None, ("; ".join(problems) or None)


def _rapidocr3() -> Reader:
    """RapidOCR 3 with the models inside the package named explicitly, so it never downloads one."""
    import rapidocr  # first: without it, OCR is simply not installed
    from rapidocr import RapidOCR

    import numpy

    models = Path(rapidocr.__file__).parent / "models"
    params: dict[str, Any] = {"Global.log_level": "error"}
    for task in ("det", "rec", "cls"):
        found = sorted(models.glob(f"*{task}*.onnx"))
        if not found:
            raise FileNotFoundError(f"no {task} model inside the rapidocr package ({models})")
        params[f"{task.capitalize()}.model_path"] = str(found[0])
    reader = RapidOCR(params=params)

    def recognise(image: Any) -> list[Box]:
        # BGR, as OpenCV reads an image. The whole pipeline gives a RapidOCROutput (rapidocr types the call
        # as the union of every step's output). Without the text-direction classifier: pages come upright (EXIF
        # turned, straightened), and it turns a line of digits it takes for upside down (99.09 read as 60.66)
        output: Any = reader(numpy.asarray(image.convert("RGB"))[:, :, ::-1], use_cls=False)
        boxes, texts, scores = output.boxes, output.txts, output.scores
        if boxes is None or not texts:
            return []
        return [(box.tolist(), text, score) for box, text, score in zip(boxes, texts, scores or [1.0] * len(texts), strict=False)]

    return recognise


def _rapidocr1() -> Reader:
    from rapidocr_onnxruntime import RapidOCR  # its models are inside the package

    reader = RapidOCR()

    def recognise(image: Any) -> list[Box]:
        result, _ = reader(image, use_cls=False)  # (as above)
        return list(result or [])

    return recognise


def available() -> bool:
    return engine()[0] is not None


@dataclass
class Outcome:
    lines: list[SourceLine] = field(default_factory=list)
    read: list[int] = field(default_factory=list)  # pages OCR found text on
    empty: list[int] = field(default_factory=list)  # pages OCR found no text on
    skipped: list[int] = field(default_factory=list)  # pages not reached within the time limit
    failed: list[int] = field(default_factory=list)  # pages the engine failed on (and those after: not tried)
    failure: str = ""  # what the engine said
    per_page: float = _FIRST_PAGE_SECONDS
    installed: bool = True
    problem: str | None = None  # why an installed OCR could not start
    tables: list[Table] = field(default_factory=list)  # ruled tables found in the page images (scantables.py)

    @property
    def seconds(self) -> str:
        """The seconds the slowest page took, as a message says them (4, or 0.6 under a second)."""
        return f"{self.per_page:.0f}" if self.per_page >= 1 else f"{self.per_page:.1f}"


def recognise(path: str, data: bytes, pages: list[int], lang: str, tables: bool = False) -> Outcome:
    """OCR of the given pages (1-based) of a PDF (with `tables`, its ruled tables read cell by cell)."""
    reader, problem = engine()
    if reader is None:
        return Outcome(installed=problem is not None, problem=problem)
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(path, None, None, message("pdf_broken", lang, detail=str(exc))) from None
    try:
        return recognise_pages(reader, pages, lambda number: render(document, number, colour=tables), tables)
    finally:
        document.close()


def recognise_pages(reader: Reader, pages: list[int], image_of: Callable[[int], Any], tables: bool = False,
                    gate: Callable[[Any], bool] | None = None) -> Outcome:
    """OCR of the given pages (1-based), each drawn by `image_of(number)` as a PIL image, page by page until the
    report's time limit would strike or the engine fails (a page in colour is read in greyscale). With `tables`, each
    page is prepared first (a seal lifted, a photograph's perspective undone, a scan straightened: scantables.py) and
    its ruled tables are read cell by cell; the page's lines inside a table are tagged with its number. A page whose
    prepared image `gate` turns down is not read (counted as one without text)."""
    outcome = Outcome()
    timed: list[float] = []
    tables = tables and _numpy()
    for k, number in enumerate(pages):
        more_time(max(PAGE_SECONDS, 2 * outcome.per_page))  # a page's worth, within the report's ceiling (timelimit)
        left = remaining_seconds()
        if left is not None and left < outcome.per_page + _RESERVE_SECONDS:
            outcome.skipped = pages[k:]
            break
        started = time.monotonic()
        try:
            image = image_of(number)
            if tables:
                from . import scantables

                image = scantables.prepare(image)
            elif image.mode != "L":
                image = image.convert("L")
            if gate is not None and not gate(image):
                outcome.empty.append(number)
                continue
            boxes = reader(image)
            rows = reading_rows(boxes)
            found = _page_tables(reader, image, number, boxes, rows, len(outcome.tables)) if tables and rows else []
        except Exception as exc:  # onnxruntime's std::bad_alloc under --max-memory, and the like
            outcome.failed, outcome.failure = pages[k:], _short(exc)
            break
        timed.append(time.monotonic() - started)
        outcome.per_page = max(timed)
        if rows:
            outcome.read.append(number)
            for line, (text, top, bottom, _x0, _x1) in enumerate(rows, start=1):
                middle = (top + bottom) / 2
                table = next((t.table.index for t in found if t.box[1] <= middle <= t.box[3]), None)
                outcome.lines.append(SourceLine(text, line, number, ocr=True, table=table))
            outcome.tables.extend(t.table for t in found)
        else:
            outcome.empty.append(number)
    return outcome


def _numpy() -> bool:
    """Whether numpy is there (the ocr extra brings it, as RapidOCR needs it): tables in scans are found with it; a
    stand-in engine without it reads pages as lines."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        return False
    return True


def _page_tables(reader: Reader, image: Any, number: int, boxes: list[Box], rows: list[Row], before: int) -> list[Any]:
    """The page's ruled tables (scantables.page_tables), numbered after the `before` found on earlier pages; none when
    the time left would not cover reading their cells."""
    from . import scantables

    middles = [(top + bottom) / 2 for _, top, bottom, _, _ in rows]

    def line_at(y: float) -> int:
        return min(range(len(middles)), key=lambda k: abs(middles[k] - y)) + 1

    def in_time() -> bool:
        left = remaining_seconds()
        return left is None or left > _RESERVE_SECONDS + 1.0

    found = scantables.page_tables(reader, image, number, DPI, boxes, line_at, reading_lines, in_time)
    for k, page_table in enumerate(found, start=before + 1):
        page_table.table.index = k
    return found


def render(document: Any, number: int, colour: bool = False, box: tuple[float, float, float, float] | None = None) -> Any:
    """Page `number` (1-based) as a greyscale PIL image at DPI (smaller for a page larger than MAX_SIDE); with
    `colour`, in colour (scantables lifts a red seal off it, and reads it in greyscale); with `box` (x0, y0, x1, y1 in
    points, y up), only that part of it (a picture on a page of text: pictures.py)."""
    page = document[number - 1]
    try:
        width, height = page.get_size()
        x0, y0, x1, y1 = box or (0.0, 0.0, width, height)
        x0, y0, x1, y1 = max(0.0, x0), max(0.0, y0), min(width, x1), min(height, y1)
        scale = min(DPI / 72, MAX_SIDE / max(x1 - x0, y1 - y0, 1))
        crop = (x0, y0, width - x1, height - y1)
        if colour:
            return page.render(scale=scale, crop=crop).to_pil().convert("RGB")
        return page.render(scale=scale, grayscale=True, crop=crop).to_pil()
    finally:
        page.close()


Row: TypeAlias = tuple[str, float, float, float, float]  # a line read: (text, top, bottom, left, right) in pixels


def reading_lines(boxes: list[Box]) -> list[str]:
    """Recognised text boxes [(4 corner points, text, score)] as lines in reading order."""
    return [row[0] for row in reading_rows(boxes)]


def reading_rows(boxes: list[Box]) -> list[Row]:
    """Recognised text boxes as lines in reading order, each with where it stands on the page."""
    items = []
    for box, text, _score in boxes:
        text = str(text).strip()
        if not text:
            continue
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        items.append((min(ys), max(ys), min(xs), max(xs), text))
    items.sort(key=lambda item: (item[0] + item[1]) / 2)
    rows: list[list[tuple[float, float, float, float, str]]] = []
    for item in items:
        if rows:
            row = rows[-1]
            top = sum(i[0] for i in row) / len(row)
            bottom = sum(i[1] for i in row) / len(row)
            overlap = min(bottom, item[1]) - max(top, item[0])
            if overlap >= 0.5 * min(bottom - top, item[1] - item[0]):
                row.append(item)
                continue
        rows.append([item])
    lines: list[Row] = []
    for row in rows:
        row.sort(key=lambda item: item[2])
        height = sum(i[1] - i[0] for i in row) / len(row)
        text = row[0][4]
        for previous, item in pairwise(row):
            text += (" " if item[2] - previous[3] > 0.5 * height else "") + item[4]
        lines.append((text, min(i[0] for i in row), max(i[1] for i in row), row[0][2], max(i[3] for i in row)))
    return lines


# -- what pdf.py and image.py call ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Wording:
    """The message keys that tell a reviewer what OCR did, for one kind of source (a PDF's scanned pages, an image)."""

    extractor: str
    no_ocr: str
    broken: str
    empty: str
    read: str
    pages_empty: str
    timeout: str
    failed: str
    read_whole: str = ""  # a single-page source read whole: said without page numbers


PDF = Wording("pdf", "scanned_no_ocr", "scanned_ocr_broken", "scanned_ocr_empty", "ocr_read", "scanned_pages_ocr_empty",
              "ocr_pages_timeout", "ocr_failed")


def scanned_pdf(path: str, data: bytes, page_count: int, options: Any = None) -> Extraction:
    """A PDF without any text layer: every page read by OCR where it is installed, else (or when OCR finds no
    text) one warning and a report that is not checked."""
    lang = lang_of(options)
    pages = list(range(1, page_count + 1))
    return read_scan(path, recognise(path, data, pages, lang, tables=True), page_count, options, PDF)


def read_scan(path: str, outcome: Outcome, page_count: int | None, options: Any, wording: Wording) -> Extraction:
    """The report read from what OCR found on every page of a scan; when it found nothing (not installed, broken,
    no text, failed, out of time), one warning and a report that is not checked."""
    lang = lang_of(options)
    if not outcome.installed:
        return _not_checked(message(wording.no_ocr, lang), page_count, "not_installed", wording)
    if outcome.problem is not None:
        return _not_checked(message(wording.broken, lang, detail=outcome.problem), page_count, "broken", wording)
    if not outcome.lines:
        if outcome.failed:
            return _not_checked(_failed_message(outcome, lang, wording), page_count, "failed", wording)
        if outcome.skipped:
            return _not_checked(_timeout_message(outcome, lang, wording), page_count, "timeout", wording)
        return _not_checked(message(wording.empty, lang), page_count, "no_text", wording)
    findings = _findings(outcome, lang, wording, page_count)
    if outcome.tables:  # ruled tables found in the scan, read cell by cell
        document = Document(outcome.lines, outcome.tables, unread=outcome.skipped + outcome.failed + outcome.empty)
        return extract_document(path, document, options, wording.extractor, findings)
    return extract_lines(path, outcome.lines, options, wording.extractor, findings)


def scanned_pages(path: str, data: bytes, lines: list[SourceLine], scanned: list[int], options: Any = None,
                  first_table: int = 0) -> tuple[list[SourceLine], list[Finding], list[Table]]:
    """The lines of a PDF some of whose pages are scans, the scanned pages read by OCR where it is installed; the
    findings: the pages read by OCR, and those whose content was not read; and the ruled tables found on the scanned
    pages (a form printed, stamped and scanned into the file), numbered from `first_table` + 1."""
    lang = lang_of(options)
    outcome = recognise(path, data, scanned, lang, tables=True)
    pages = ", ".join(map(str, scanned))
    if not outcome.installed or outcome.problem is not None:
        key = "scanned_pages_no_ocr" if not outcome.installed else "scanned_pages"
        return lines, [Finding("JX-EXTRACTION", "extraction", "warning", message(key, lang, pages=pages), None, None,
                               {"problem": "scanned_pages", "pages": scanned})], []
    renumber = {table.index: first_table + k for k, table in enumerate(outcome.tables, start=1)}
    for table in outcome.tables:
        table.index = renumber[table.index]
    read = set(outcome.read)
    own = [replace(line, table=renumber.get(line.table)) if line.table is not None else line for line in outcome.lines]
    merged = [line for line in lines if line.page not in read] + own
    merged.sort(key=lambda line: line.page or 0)  # stable: each page's lines keep their order
    return merged, _findings(outcome, lang, PDF), outcome.tables


def _findings(outcome: Outcome, lang: str, wording: Wording, page_count: int | None = None) -> list[Finding]:
    findings = []
    if outcome.read:
        if wording.read_whole and page_count == 1:
            text = message(wording.read_whole, lang)
        else:
            text = message(wording.read, lang, pages=", ".join(map(str, outcome.read)))
        findings.append(Finding("JX-EXTRACTION", "extraction", "info", text, None, None,
                                {"problem": "ocr", "pages": outcome.read, "dpi": DPI}))
    if outcome.empty:
        findings.append(Finding("JX-EXTRACTION", "extraction", "warning",
                                message(wording.pages_empty, lang, pages=", ".join(map(str, outcome.empty))),
                                None, None, {"problem": "scanned_pages", "pages": outcome.empty}))
    if outcome.skipped:
        findings.append(Finding("JX-EXTRACTION", "extraction", "warning", _timeout_message(outcome, lang, wording),
                                None, None, {"problem": "ocr_timeout", "pages": outcome.skipped}))
    if outcome.failed:
        findings.append(Finding("JX-EXTRACTION", "extraction", "warning", _failed_message(outcome, lang, wording),
                                None, None, {"problem": "ocr_failed", "pages": outcome.failed, "detail": outcome.failure}))
    return findings


def _failed_message(outcome: Outcome, lang: str, wording: Wording) -> str:
    return message(wording.failed, lang, pages=", ".join(map(str, outcome.failed)), detail=outcome.failure)


def _short(exc: BaseException) -> str:
    """The gist of an engine's error: its last line (onnxruntime puts a traceback in the message)."""
    if isinstance(exc, MemoryError) or "bad_alloc" in str(exc):
        return "out of memory: std::bad_alloc"
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = lines[-1] if lines else type(exc).__name__
    return text if len(text) <= 200 else text[:200] + "…"


def _timeout_message(outcome: Outcome, lang: str, wording: Wording) -> str:
    return message(wording.timeout, lang, pages=", ".join(map(str, outcome.skipped)),
                   per_page=outcome.seconds)


def _not_checked(text: str, page_count: int | None, why: str, wording: Wording) -> Extraction:
    """Nothing was read: the fiscal year is listed as not found, so the engine reports no schema error for it, and
    with every rule skipped the report counts as not checked."""
    report = {"kind": "department_self_evaluation",
              "extraction": {"extractor": wording.extractor, "not_found": ["/fiscal_year"]}}
    finding = Finding("JX-EXTRACTION", "extraction", "warning", text, None, None,
                      {"problem": "no_text_layer", "pages": page_count, "ocr": why})
    return Extraction(report, {}, [finding])
