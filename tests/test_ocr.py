"""Scanned PDFs: OCR with the `ocr` extra (every value read from it marked `ocr`), and what a reviewer is told
without it. The pipeline is tested everywhere with a stand-in OCR engine; the real OCR test needs the extra
(and a Chinese font to draw the test page) and skips without them."""

from __future__ import annotations

import os

import io
from pathlib import Path

import pytest

from jixiao.engine import Auditor, Options
from jixiao.plugins.extractors import ocr

from helpers import RecordingOcr, ocr_boxes, use_ocr

pytest.importorskip("reportlab")
PIL = pytest.importorskip("PIL.Image")

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.utils import ImageReader  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))

LINES = ["某某县财政局2021年度部门整体支出绩效自评报告", "一、部门概况",
         "2021年本部门整体年初预算安排199.09万元，决算数169.02万元，", "执行率96.38%。",
         "二、绩效自评结果", "本部门自评得分92分，评价等级为优。", "2022年3月15日"]


def boxes_for(lines: list[str], top: float = 140.0, shuffle: bool = True) -> list:
    """What an OCR engine returns for these lines, one box per line (last line first, to test the order)."""
    out = ocr_boxes(lines, top)
    return out[::-1] if shuffle else out


class FakeEngine(RecordingOcr):
    """Stands in for RapidOCR: the same boxes for every page, and counts the pages it saw."""

    def __call__(self, image) -> list:
        assert image.size[0] > 1000  # rendered at 200 dpi: an A4 page is 1654 px wide
        return super().__call__(image)


@pytest.fixture
def fake_ocr(monkeypatch):
    return use_ocr(monkeypatch, FakeEngine(boxes_for(LINES)))


@pytest.fixture
def no_ocr(monkeypatch):
    monkeypatch.setattr(ocr, "_engine", (None, None))  # as when the extra is not installed
    monkeypatch.delenv("JIXIAO_OCR", raising=False)


def image_pdf(path: Path, images: list, text_pages: tuple[int, ...] = ()) -> Path:
    """A PDF whose pages hold only an image (a scan), except `text_pages`, which hold a text layer."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number, image in enumerate(images, start=1):
        if number in text_pages:
            pdf.setFont("STSong-Light", 11)
            pdf.drawString(56, 760, "某某县财政局2021年度部门整体支出绩效自评报告")
            pdf.drawString(56, 740, "本部门2021年度基本支出120.00万元。")
        else:
            pdf.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
        pdf.showPage()
    pdf.save()
    return path


def grey() -> object:
    return PIL.new("RGB", (60, 80), (200, 200, 200))


# -- reading order -------------------------------------------------------------------------------------------

def test_boxes_become_lines_in_reading_order():
    boxes = [
        ([[400, 100], [600, 100], [600, 130], [400, 130]], "决算数169.02万元", 0.9),
        ([[100, 102], [392, 102], [392, 128], [100, 128]], "年初预算199.09万元，", 0.9),
        ([[100, 40], [500, 40], [500, 70], [100, 70]], "绩效自评报告", 0.9),
        ([[100, 160], [200, 160], [200, 190], [100, 190]], "执行率", 0.9),
        ([[260, 158], [360, 158], [360, 192], [260, 192]], "84.9%", 0.9),
        ([[100, 220], [200, 220], [200, 250], [100, 250]], "  ", 0.9),
    ]
    assert ocr.reading_lines(boxes) == ["绩效自评报告", "年初预算199.09万元，决算数169.02万元", "执行率 84.9%"]
    assert ocr.reading_lines([]) == []


# -- with OCR (a stand-in engine) ----------------------------------------------------------------------------

def test_a_scanned_pdf_is_read_by_ocr_and_every_value_is_marked(tmp_path, fake_ocr):
    path = image_pdf(tmp_path / "scan.pdf", [grey(), grey()])
    result = Auditor(Options(timeout=60)).check_path(str(path))
    report = result.report
    assert fake_ocr.pages == 2
    assert str(report["overall"]["execution_rate"]) == "96.38" and report["fiscal_year"] == 2021
    assert report["report_date"] == "2022-03-15"
    place = report["provenance"]["/overall/execution_rate"]
    assert place == {"line": 4, "column": 4, "end_line": 4, "end_column": 10, "quote": "96.38%", "page": 1, "ocr": True}
    assert all(entry.get("ocr") is True for entry in report["provenance"].values())
    notes = [f for f in result.findings if f.values.get("problem") == "ocr"]
    assert len(notes) == 1 and notes[0].severity == "info" and notes[0].values["pages"] == [1, 2]
    assert "文字识别" in notes[0].message and "核对原件" in notes[0].message
    # a finding about a figure read by OCR carries the mark in its location (96.38% is not 169.02 / 199.09)
    located = [f for f in result.findings if f.location is not None and f.location.page is not None]
    assert located and all(f.location.ocr for f in located)
    assert any(f.location.to_dict().get("ocr") is True for f in located)
    assert result.status != "not_checked"


def test_scanned_pages_in_a_digital_pdf_are_ocrd_in_page_order(tmp_path, monkeypatch):
    engine = FakeEngine(boxes_for(["2021年本部门整体年初预算安排199.09万元，决算数169.02万元，执行率84.9%。"]))
    monkeypatch.setattr(ocr, "_engine", (engine, None))
    path = image_pdf(tmp_path / "mixed.pdf", [None, grey()], text_pages=(1,))
    extraction = Auditor(Options(timeout=60)).extract_path(str(path))
    report = extraction.report
    assert engine.pages == 1
    assert str(report["overall"]["basic_expenditure"]) == "120.00"
    assert "ocr" not in report["provenance"]["/overall/basic_expenditure"]
    assert report["provenance"]["/overall/final"] | {} == {
        "line": 1, "column": 29, "end_line": 1, "end_column": 35, "quote": "169.02", "page": 2, "ocr": True}
    assert [(f.severity, f.values) for f in extraction.findings if f.values.get("problem") == "ocr"] == [
        ("info", {"problem": "ocr", "pages": [2], "dpi": 200})]
    assert not [f for f in extraction.findings if f.values.get("problem") == "scanned_pages"]


def test_pages_ocr_finds_nothing_on_are_named(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "_engine", (FakeEngine([]), None))
    mixed = image_pdf(tmp_path / "mixed.pdf", [None, grey()], text_pages=(1,))
    findings = Auditor(Options(timeout=60)).extract_path(str(mixed)).findings
    [warning] = [f for f in findings if f.severity == "warning"]
    assert warning.values == {"problem": "scanned_pages", "pages": [2]} and "也未识别出文字" in warning.message
    scan = image_pdf(tmp_path / "scan.pdf", [grey()])
    result = Auditor(Options(timeout=60)).check_path(str(scan))
    assert result.status == "not_checked" and [f.severity for f in result.findings] == ["warning"]
    assert result.findings[0].values["ocr"] == "no_text"


def test_ocr_stops_before_the_reports_time_limit(tmp_path, fake_ocr, monkeypatch):
    left = iter([100.0, 100.0, 0.5])
    monkeypatch.setattr(ocr, "remaining_seconds", lambda: next(left))
    path = image_pdf(tmp_path / "scan.pdf", [grey(), grey(), grey()])
    extraction = Auditor(Options(timeout=60)).extract_path(str(path))
    assert fake_ocr.pages == 2
    [late] = [f for f in extraction.findings if f.values.get("problem") == "ocr_timeout"]
    assert late.severity == "warning" and late.values["pages"] == [3] and "--timeout" in late.message
    monkeypatch.setattr(ocr, "remaining_seconds", lambda: 0.5)
    result = Auditor(Options(timeout=60)).check_path(str(path))
    assert result.status == "not_checked" and "--timeout" in result.findings[0].message


def test_an_engine_failure_names_the_pages_and_what_to_do(tmp_path, monkeypatch):
    def out_of_memory(image):
        raise RuntimeError("Traceback (most recent call last):\n  ...\nRUNTIME_EXCEPTION : Status Message: std::bad_alloc")

    monkeypatch.setattr(ocr, "_engine", (out_of_memory, None))
    scan = image_pdf(tmp_path / "scan.pdf", [grey(), grey()])
    result = Auditor(Options()).check_path(str(scan))
    assert result.status == "not_checked"
    [finding] = result.findings  # not a JX-INTERNAL traceback
    assert finding.severity == "warning" and finding.values["ocr"] == "failed"
    assert "std::bad_alloc" in finding.message and "--max-memory" in finding.message and "Traceback" not in finding.message
    mixed = image_pdf(tmp_path / "mixed.pdf", [None, grey()], text_pages=(1,))
    [warning] = [f for f in Auditor(Options()).extract_path(str(mixed)).findings if f.severity == "warning"]
    assert warning.values["problem"] == "ocr_failed" and warning.values["pages"] == [2]


# -- without OCR ---------------------------------------------------------------------------------------------

def test_without_ocr_a_scan_is_one_warning_and_not_checked(tmp_path, no_ocr):
    path = image_pdf(tmp_path / "scan.pdf", [grey(), grey()])
    result = Auditor(Options()).check_path(str(path))
    assert result.status == "not_checked" and not result.unreadable
    [finding] = result.findings  # no JX-SCHEMA for the fiscal year nobody could read
    assert (finding.rule_id, finding.category, finding.severity) == ("JX-EXTRACTION", "extraction", "warning")
    assert "未安装文字识别" in finding.message and "pip install 'jixiao[ocr]'" in finding.message
    assert finding.values == {"problem": "no_text_layer", "pages": 2, "ocr": "not_installed"}
    english = Auditor(Options(lang="en")).check_path(str(path)).findings[0].message
    assert "OCR is not installed" in english and "pip install 'jixiao[ocr]'" in english


def test_without_ocr_scanned_pages_of_a_digital_pdf_are_named(tmp_path, no_ocr):
    path = image_pdf(tmp_path / "mixed.pdf", [None, grey(), grey()], text_pages=(1,))
    findings = Auditor(Options()).extract_path(str(path)).findings
    [warning] = [f for f in findings if f.severity == "warning"]
    assert warning.values == {"problem": "scanned_pages", "pages": [2, 3]}
    assert "未安装文字识别" in warning.message and "jixiao[ocr]" in warning.message


def test_ocr_turned_off_or_broken(tmp_path, monkeypatch):
    path = image_pdf(tmp_path / "scan.pdf", [grey()])
    monkeypatch.setattr(ocr, "_engine", (FakeEngine(boxes_for(LINES)), None))
    monkeypatch.setenv("JIXIAO_OCR", "off")
    assert Auditor(Options()).check_path(str(path)).findings[0].values["ocr"] == "not_installed"
    monkeypatch.delenv("JIXIAO_OCR")
    monkeypatch.setattr(ocr, "_engine", (None, "ImportError: libGL.so.1: cannot open shared object file"))
    [finding] = Auditor(Options()).check_path(str(path)).findings
    assert finding.values["ocr"] == "broken" and "libGL.so.1" in finding.message and finding.severity == "warning"


def test_loading_tells_not_installed_from_broken(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "rapidocr", None)  # import fails as for a package that is not there
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    monkeypatch.setitem(sys.modules, "numpy", None)
    assert ocr._load() == (None, None)

    def missing_dependency():
        raise ModuleNotFoundError("No module named 'onnxruntime'", name="onnxruntime")

    monkeypatch.setattr(ocr, "_rapidocr3", missing_dependency)
    reader, problem = ocr._load()
    assert reader is None and "onnxruntime" in problem


# -- real OCR ------------------------------------------------------------------------------------------------

FONTS = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
         "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
         "/System/Library/Fonts/PingFang.ttc", "C:/Windows/Fonts/simsun.ttc", "C:/Windows/Fonts/msyh.ttc")


def chinese_font() -> str | None:
    return next((font for font in FONTS if Path(font).is_file()), None)


def scanned_page(lines: list[str], font: str) -> object:
    """A page image as a scanner gives it: reportlab draws the text, pypdfium2 renders it at 200 dpi."""
    import pypdfium2 as pdfium
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("TestCJK", font, subfontIndex=0) if font.endswith(".ttc") else TTFont("TestCJK", font))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont("TestCJK", 12)
    for k, line in enumerate(lines):
        pdf.drawString(56, 780 - 22 * k, line)
    pdf.showPage()
    pdf.save()
    document = pdfium.PdfDocument(buffer.getvalue())
    try:
        return document[0].render(scale=200 / 72).to_pil()
    finally:
        document.close()


def test_real_ocr_reads_a_scanned_report(tmp_path, monkeypatch):
    monkeypatch.delenv("JIXIAO_OCR", raising=False)
    monkeypatch.setattr(ocr, "_engine", None)
    if not ocr.available():
        problem = ocr.engine()[1]
        pytest.skip(f"OCR could not start: {problem}" if problem else
                    "the ocr extra is not installed (pip install 'jixiao[ocr]')")
    font = chinese_font()
    if font is None:
        pytest.skip("no Chinese font to draw the test page (apt-get install fonts-wqy-microhei)")
    path = image_pdf(tmp_path / "scan.pdf", [scanned_page(LINES, font)])
    extraction = Auditor(Options(timeout=120)).extract_path(str(path))
    report = extraction.report
    assert str(report["overall"]["execution_rate"]) == "96.38"
    assert str(report["overall"]["initial_budget"]) == "199.09" and str(report["overall"]["final"]) == "169.02"
    assert report["fiscal_year"] == 2021 and report["overall"]["grade"] == "优"
    place = report["provenance"]["/overall/execution_rate"]
    assert place["ocr"] is True and place["page"] == 1 and place["quote"] == "96.38%"
    assert [f.values["pages"] for f in extraction.findings if f.values.get("problem") == "ocr"] == [[1]]


@pytest.mark.slow
def test_real_ocr_in_worker_processes_reads_a_folder_of_scans_under_the_default_memory_cap(tmp_path):
    """`jixiao check FOLDER` with worker processes (each capped at what it uses plus --max-memory, 1 GiB): the OCR
    engine's models (about 0.5 GB of address space, loaded once per worker) and its work on a page (bounded by the
    page's size, up to 1.5 GB more for a large one) are outside the cap, so every scan is read. Counted against the
    report's 1 GiB they had made every scan in a folder 未能检查 with std::bad_alloc."""
    import json
    import subprocess
    import sys

    if not ocr.available():
        pytest.skip("the ocr extra is not installed (pip install 'jixiao[ocr]')")
    font = chinese_font()
    if font is None:
        pytest.skip("no Chinese font to draw the test page (apt-get install fonts-wqy-microhei)")
    page = scanned_page(LINES, font)
    page.save(tmp_path / "甲.png")
    page.resize((page.size[0] * 2, page.size[1] * 2)).save(tmp_path / "乙.png")  # (read at ocr.MAX_SIDE: a poster)
    jixiao = str(Path(sys.executable).with_name("jixiao"))  # the installed command, run as a user runs it
    done = subprocess.run([jixiao, "check", str(tmp_path), "--jobs", "2", "--format", "json"],
                          capture_output=True, text=True, timeout=600, env={**os.environ, "JIXIAO_OCR": "on"})
    reports = json.loads(done.stdout)["reports"]
    assert len(reports) == 2
    for report in reports:  # (the page's own fault, 96.38% for 169.02 ÷ 199.09, is found in each)
        assert not [f for f in report["findings"] if f["category"] == "extraction" and f["severity"] != "info"]
        assert [f["rule_id"] for f in report["findings"] if f["severity"] == "error"] == ["NAT-ARITH-001"]
    # Word reports whose forms are full-page screenshots (heldout47): the engine's arenas grew a worker's address space
    # by 1.5 GB, past the 1 GiB cap, and three of these five had their pictures unread (ocr_failed)
    corpus = Path(__file__).parent / "corpus" / "heldout47"
    folder = tmp_path / "screenshots"
    folder.mkdir()
    for report in corpus.glob("*.docx"):
        (folder / report.name).symlink_to(report)
    done = subprocess.run([jixiao, "check", str(folder), "--jobs", "2", "--format", "json"],
                          capture_output=True, text=True, timeout=900, env={**os.environ, "JIXIAO_OCR": "on"})
    reports = json.loads(done.stdout)["reports"]
    assert len(reports) == 5
    assert not [(r["source"], f["values"]) for r in reports for f in r["findings"]
                if f["category"] == "extraction" and f["severity"] != "info"]


def test_the_engine_reads_upright_pages_without_turning_lines_it_takes_for_upside_down(monkeypatch):
    """The text-direction classifier turned a cell's 99.09 into 60.66 on an upright fax (heldout33: a false NAT-GRADE-006);
    pages come upright (EXIF turned, straightened), so the engine is asked to read every line as it stands."""
    pytest.importorskip("rapidocr")
    pytest.importorskip("numpy")
    from PIL import Image

    import rapidocr

    calls = []

    class Engine:
        def __init__(self, params):
            pass

        def __call__(self, image, **options):
            calls.append(options)
            return type("Output", (), {"boxes": None, "txts": (), "scores": ()})()

    monkeypatch.setattr(rapidocr, "RapidOCR", Engine)
    recognise = ocr._rapidocr3()
    assert recognise(Image.new("L", (40, 20), 255)) == []
    assert calls == [{"use_cls": False}]


def test_a_many_page_scan_is_read_in_full_under_the_time_limit_page_by_page(tmp_path, monkeypatch):
    """Each page asks for a page's time before it is read (jixiao.kit.more_time), so a five-page scan whose pages take
    0.3 s each is read in full under a 0.5 s --timeout (the time limit had cut it after the first page, with a
    warning to raise --timeout)."""
    import time as clock

    class SlowEngine(FakeEngine):
        def __call__(self, image) -> list:
            clock.sleep(0.3)
            return super().__call__(image)

    engine = use_ocr(monkeypatch, SlowEngine(boxes_for(LINES)))
    monkeypatch.setattr(ocr, "PAGE_SECONDS", 1.0)
    path = image_pdf(tmp_path / "scan.pdf", [grey()] * 5)
    result = Auditor(Options(timeout=0.5)).check_path(str(path))
    assert engine.pages == 5
    assert not [f for f in result.findings if f.values.get("problem") == "ocr_timeout" or f.rule_id == "JX-TIMEOUT"]
