"""Scans sent as image files (.jpg, .png, .tif, .bmp, .webp): read by OCR as a scanned PDF's pages are, every
value marked `ocr`; without OCR one warning and 未能检查; a damaged or oversized image a clear input error that
never stops a batch. The pipeline is tested with a stand-in engine that records the images it is given; the real
OCR test needs the `ocr` extra and a Chinese font, and skips without them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from jixiao.engine import Auditor, Options
from jixiao.plugins.extractors import image as image_extractor
from jixiao.plugins.extractors import ocr, sniff

from helpers import RecordingOcr, ocr_boxes, use_ocr

PIL = pytest.importorskip("PIL.Image")

LINES = ["某某县财政局2021年度部门整体支出绩效自评报告", "一、部门概况",
         "2021年本部门整体年初预算安排199.09万元，决算数169.02万元，", "执行率96.38%。",
         "二、绩效自评结果", "本部门自评得分92分，评价等级为优。", "2022年3月15日"]


@pytest.fixture
def engine(monkeypatch):
    return use_ocr(monkeypatch, RecordingOcr(ocr_boxes(LINES)))


def page(size=(1240, 1754), colour=(255, 255, 255)):
    return PIL.new("RGB", size, colour)


def saved(image, path: Path, **options) -> Path:
    image.save(path, **options)
    return path


@pytest.mark.parametrize("name, options", [("scan.jpg", {"quality": 80}), ("scan.jpeg", {}), ("scan.png", {}),
                                           ("scan.bmp", {}), ("scan.webp", {}), ("scan.tif", {})])
def test_an_image_scan_is_read_by_ocr_and_every_value_is_marked(tmp_path, engine, name, options):
    path = saved(page(), tmp_path / name, **options)
    result = Auditor(Options(timeout=60)).check_path(str(path))
    report = result.report
    assert len(engine.images) == 1 and engine.images[0].mode == "L"  # greyscale, as a scanned PDF page is
    assert report["extraction"]["extractor"] == "image"
    assert str(report["overall"]["execution_rate"]) == "96.38" and report["fiscal_year"] == 2021
    place = report["provenance"]["/overall/execution_rate"]
    assert place == {"line": 4, "column": 4, "end_line": 4, "end_column": 10, "quote": "96.38%", "page": 1, "ocr": True}
    [note] = [f for f in result.findings if f.values.get("problem") == "ocr"]
    assert note.severity == "info" and note.values["pages"] == [1]
    assert note.message.startswith("文件是图片，内容由文字识别（OCR）得到") and "核对原件" in note.message
    # 96.38% is not 169.02 / 199.09: the error points at the line and says it was read by OCR
    [error] = [f for f in result.findings if f.rule_id == "NAT-ARITH-001"]
    assert (error.location.page, error.location.line, error.location.ocr) == (1, 4, True)
    assert result.status == "errors"


def test_every_page_of_a_multipage_tiff_is_read_in_order(tmp_path, monkeypatch):
    pages = {1: LINES[:4], 2: LINES[4:]}
    seen = []

    def reader(image):
        seen.append(image.size)
        return ocr_boxes(pages[len(seen)])

    monkeypatch.setattr(ocr, "_engine", (reader, None))
    path = tmp_path / "scan.tiff"
    page((1000, 1400)).save(path, save_all=True, append_images=[page((1400, 1000))])
    result = Auditor(Options(timeout=60)).check_path(str(path))
    assert seen == [(1000, 1400), (1400, 1000)]
    report = result.report
    assert report["provenance"]["/overall/score"]["page"] == 2 and report["overall"]["grade"] == "优"
    assert report["provenance"]["/overall/execution_rate"]["page"] == 1
    [note] = [f for f in result.findings if f.values.get("problem") == "ocr"]
    assert note.values["pages"] == [1, 2] and note.message.startswith("图片第 1, 2 页的内容由文字识别（OCR）得到")


def test_a_page_ocr_finds_nothing_on_is_named(tmp_path, monkeypatch):
    calls = []

    def reader(image):
        calls.append(1)
        return ocr_boxes(LINES) if len(calls) == 1 else []

    monkeypatch.setattr(ocr, "_engine", (reader, None))
    path = tmp_path / "scan.tif"
    page().save(path, save_all=True, append_images=[page()])
    findings = Auditor(Options(timeout=60)).extract_path(str(path)).findings
    [warning] = [f for f in findings if f.values.get("problem") == "scanned_pages"]
    assert warning.severity == "warning" and warning.values["pages"] == [2]
    assert warning.message == "图片第 2 页文字识别（OCR）未识别出文字，这些页的内容未能读取"


def test_a_phone_photo_is_turned_upright_by_its_exif_orientation(tmp_path, engine):
    sideways = page((1754, 1240))  # stored landscape; orientation 6 says: turn 90° clockwise to show it
    exif = PIL.Exif()
    exif[0x0112] = 6
    path = saved(sideways, tmp_path / "photo.jpg", exif=exif.tobytes())
    Auditor(Options(timeout=60)).extract_path(str(path))
    assert engine.images[0].size == (1240, 1754)


def test_transparency_is_laid_on_white_not_black(tmp_path, engine):
    clear = PIL.new("RGBA", (1200, 1600), (0, 0, 0, 0))  # transparent black: black text on it would vanish
    path = saved(clear, tmp_path / "scan.png")
    Auditor(Options(timeout=60)).extract_path(str(path))
    assert engine.images[0].getpixel((10, 10)) == 255


def test_a_large_photo_is_scaled_down_to_what_ocr_reads(tmp_path, engine):
    path = saved(page((6000, 8000)), tmp_path / "photo.png")
    Auditor(Options(timeout=60)).extract_path(str(path))
    assert max(engine.images[0].size) == ocr.MAX_SIDE and engine.images[0].size == (3000, 4000)


def test_an_image_over_the_pixel_limit_is_refused_before_it_is_decoded(tmp_path, engine, monkeypatch):
    monkeypatch.setattr(image_extractor, "MAX_PIXELS", 1_000_000)
    path = saved(PIL.new("1", (1001, 1000), 1), tmp_path / "poster.png")
    result = Auditor(Options()).check_path(str(path))
    assert result.unreadable and not engine.images
    [finding] = result.findings
    assert finding.rule_id == "JX-INPUT" and "poster.png" in finding.message
    assert "图片过大（1001×1000 像素" in finding.message and "300 dpi" in finding.message


@pytest.mark.parametrize("cut", [0.5, 0.05])
def test_a_damaged_image_is_an_input_error_naming_the_file(tmp_path, engine, cut):
    data = io.BytesIO()
    page().save(data, "PNG")
    path = tmp_path / "scan.png"
    path.write_bytes(data.getvalue()[:int(len(data.getvalue()) * cut)])
    result = Auditor(Options()).check_path(str(path))
    assert result.unreadable and not engine.images
    [finding] = result.findings
    assert finding.rule_id == "JX-INPUT" and "scan.png" in finding.message
    assert "不是有效的图片文件" in finding.message and "索取原文件" in finding.message


def test_without_ocr_an_image_is_one_warning_and_not_checked(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "_engine", (None, None))
    path = saved(page(), tmp_path / "scan.jpg")
    result = Auditor(Options()).check_path(str(path))
    assert result.status == "not_checked" and not result.unreadable
    [finding] = result.findings
    assert (finding.rule_id, finding.severity) == ("JX-EXTRACTION", "warning")
    assert finding.message.startswith("文件是图片（扫描件或照片），未安装文字识别（OCR），报告未能检查")
    assert finding.values == {"problem": "no_text_layer", "pages": 1, "ocr": "not_installed"}
    english = Auditor(Options(lang="en")).check_path(str(path)).findings[0].message
    assert english.startswith("The file is an image (a scan or a photo) and OCR is not installed")


def test_an_ocr_that_cannot_start_or_reads_nothing_leaves_the_image_not_checked(tmp_path, monkeypatch):
    path = saved(page(), tmp_path / "scan.png")
    monkeypatch.setattr(ocr, "_engine", (None, "ImportError: libGL.so.1: cannot open shared object file"))
    [finding] = Auditor(Options()).check_path(str(path)).findings
    assert finding.values["ocr"] == "broken" and "libGL.so.1" in finding.message and "图片" in finding.message
    monkeypatch.setattr(ocr, "_engine", (lambda image: [], None))
    result = Auditor(Options()).check_path(str(path))
    assert result.status == "not_checked" and result.findings[0].values["ocr"] == "no_text"
    assert "更清晰的扫描件" in result.findings[0].message


def test_images_are_told_by_their_bytes_whatever_their_name(tmp_path, engine):
    jpeg = io.BytesIO()
    page().save(jpeg, "JPEG")
    for name in ("扫描件", "report.pdf"):  # no suffix; a JPEG renamed .pdf (it happens)
        path = tmp_path / name
        path.write_bytes(jpeg.getvalue())
        report = Auditor(Options(timeout=60)).extract_path(str(path)).report
        assert report["extraction"]["extractor"] == "image" and str(report["overall"]["final"]) == "169.02"
    # each signature is an image's and nothing else's
    for fmt in ("JPEG", "PNG", "TIFF", "BMP", "WEBP"):
        data = io.BytesIO()
        page((40, 40)).save(data, fmt)
        assert sniff.is_image(data.getvalue()), fmt
        assert not sniff.is_text(data.getvalue()) and not sniff.is_pdf(data.getvalue()), fmt
    assert not sniff.is_image("BM 绩效自评报告，预算执行率98%。".encode())
    assert not sniff.is_image(b"%PDF-1.7\n")


def test_a_folder_with_a_bad_image_checks_every_other_report(tmp_path, engine, cli):
    folder = tmp_path / "reports"
    folder.mkdir()
    saved(page(), folder / "a-scan.jpg")
    (folder / "b-broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    (folder / "c-text.txt").write_text("\n".join(LINES), encoding="utf-8")
    done = cli("check", str(folder), "--format", "json", "--timeout", "60")
    assert done.exit_code == 2  # one file could not be read
    results = {Path(r["source"]).name: r for r in json.loads(done.stdout)["reports"]}
    assert set(results) == {"a-scan.jpg", "b-broken.png", "c-text.txt"}
    assert results["a-scan.jpg"]["status"] == "errors" and results["c-text.txt"]["status"] == "errors"
    assert results["b-broken.png"]["status"] == "unreadable"


# -- real OCR ------------------------------------------------------------------------------------------------

FONTS = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
         "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")


def test_real_ocr_reads_a_photographed_report(tmp_path, monkeypatch):
    monkeypatch.delenv("JIXIAO_OCR", raising=False)
    monkeypatch.setattr(ocr, "_engine", None)
    if not ocr.available():
        pytest.skip("the ocr extra is not installed (pip install 'jixiao[ocr]')")
    font = next((f for f in FONTS if Path(f).is_file()), None)
    if font is None:
        pytest.skip("no Chinese font to draw the test page (apt-get install fonts-wqy-microhei)")
    from PIL import ImageDraw, ImageFont

    sheet = page((1654, 2339))
    draw = ImageDraw.Draw(sheet)
    for k, line in enumerate(LINES):
        draw.text((120, 150 + 80 * k), line, fill="black", font=ImageFont.truetype(font, 40))
    exif = PIL.Exif()
    exif[0x0112] = 8  # stored turned a quarter clockwise; shown upright
    path = saved(sheet.rotate(-90, expand=True), tmp_path / "photo.jpg", quality=85, exif=exif.tobytes())
    result = Auditor(Options(timeout=120)).check_path(str(path))
    report = result.report
    assert str(report["overall"]["initial_budget"]) == "199.09" and str(report["overall"]["final"]) == "169.02"
    assert report["fiscal_year"] == 2021 and report["overall"]["grade"] == "优"
    [error] = [f for f in result.findings if f.rule_id == "NAT-ARITH-001"]
    assert (error.location.page, error.location.line, error.location.ocr) == (1, 4, True)
