"""Rendering reports to PDF (reportlab, built-in CID font STSong-Light: no font files) and DOCX
(python-docx) the way departments produce them, for the extraction tests; and the PDF-specific cases
(scanned pages, broken files)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from jixiao.engine import Auditor, Options
from jixiao.errors import InputError

pytest.importorskip("reportlab")
pytest.importorskip("docx")

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
_RUN = re.compile(r"[0-9０-９A-Za-z.．,%％]+|.")


def wrap(line: str, width: int = 38) -> list[str]:
    """Break a long line as a PDF layout does: at a width, never inside a number."""
    out, current, used = [], "", 0
    for token in _RUN.findall(line):
        size = sum(2 if ord(ch) > 0x2E7F else 1 for ch in token)
        if used + size > width * 2 and current and token not in "。，、；：）》”":
            out.append(current)
            current, used = "", 0
        current += token
        used += size
    return [*out, current] if current else out or [""]


def render_pdf(text: str, path: Path, per_page: int = 40, footer: bool = True) -> Path:
    """One PDF text line per (wrapped) source line; blank source lines become vertical space."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    lines = [piece for line in text.split("\n") for piece in (wrap(line) if line.strip() else [""])]
    page = 1
    for start in range(0, len(lines), per_page):
        pdf.setFont(FONT, 10.5)
        y = height - 56
        for line in lines[start:start + per_page]:
            if line.strip():
                pdf.drawString(56, y, line)
            y -= 18
        if footer:
            pdf.drawCentredString(width / 2, 28, f"- {page} -")
        pdf.showPage()
        page += 1
    pdf.save()
    return path


def render_docx(text: str, path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        if line.strip():
            document.add_paragraph(line)
    document.save(str(path))
    return path


def findings_of(path: Path, lang: str = "zh"):
    return Auditor(Options(lang=lang)).check_path(str(path)).findings


# -- PDF cases ----------------------------------------------------------------------------------------
def _image_only_pdf(path: Path, pages: int = 2, text_pages: tuple[int, ...] = ()) -> Path:
    from reportlab.lib.utils import ImageReader

    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow comes with reportlab
        pytest.skip("Pillow not installed")
    image = Image.new("RGB", (60, 80), (200, 200, 200))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number in range(1, pages + 1):
        if number in text_pages:
            pdf.setFont(FONT, 11)
            pdf.drawString(56, 700, "某某县财政局2021年度部门整体支出绩效自评报告")
            pdf.drawString(56, 680, "2021年本部门整体年初预算安排199.09万元，决算数169.02万元，年度实际支出率达84.9%。")
        else:
            buffer.seek(0)
            pdf.drawImage(ImageReader(buffer), 50, 300, width=400, height=500)
        pdf.showPage()
    pdf.save()
    return path


def test_scanned_pdf_is_not_checked_not_an_empty_pass(tmp_path, monkeypatch):
    # a scan without OCR (tests/test_ocr.py covers OCR): one extraction warning, no schema noise, and the
    # report counts as not checked (exit 2)
    monkeypatch.setenv("JIXIAO_OCR", "off")
    path = _image_only_pdf(tmp_path / "scan.pdf")
    result = Auditor(Options()).check_path(str(path))
    findings = result.findings
    assert result.status == "not_checked" and [f.rule_id for f in findings] == ["JX-EXTRACTION"]
    extraction = [f for f in findings if f.rule_id == "JX-EXTRACTION"]
    assert [f.severity for f in extraction] == ["warning"]
    assert "没有文字层" in extraction[0].message and "OCR" in extraction[0].message
    assert extraction[0].category == "extraction" and extraction[0].location is None
    english = [f for f in findings_of(path, "en") if f.rule_id == "JX-EXTRACTION"]
    assert "no text layer" in english[0].message


def test_scanned_pages_inside_a_digital_pdf_are_named(tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_OCR", "off")  # without OCR (tests/test_ocr.py covers OCR)
    path = _image_only_pdf(tmp_path / "mixed.pdf", pages=3, text_pages=(1,))
    findings = findings_of(path)
    warning = [f for f in findings if f.rule_id == "JX-EXTRACTION" and f.severity == "warning"]
    assert warning and warning[0].values["pages"] == [2, 3]
    rate = Auditor(Options()).extract_path(str(path)).report["overall"]["execution_rate"]
    assert str(rate) == "84.9"


@pytest.mark.parametrize("data", [b"", b"%PDF-1.7\n%%EOF", b"not a pdf at all", b"%PDF-1.4\n1 0 obj <<>> endobj"])
def test_broken_pdf_is_an_input_error(tmp_path, data):
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with pytest.raises(InputError):
        Auditor(Options()).extract_path(str(path))
    result = Auditor(Options()).check_path(str(path))
    assert result.unreadable and result.findings[0].rule_id == "JX-INPUT"


def test_pdf_page_numbers_and_page_in_locations(tmp_path):
    text = "\n".join(["某县统计局2021年度部门整体支出绩效自评报告", "一、部门概况"] + ["本局负责全县统计工作。"] * 45 +
                     ["2021年本部门整体年初预算安排200.00万元，决算数150.00万元，年度实际支出率达80%。", "2022年5月1日"])
    path = render_pdf(text, tmp_path / "r.pdf")
    extraction = Auditor(Options()).extract_path(str(path))
    location = extraction.report["provenance"]["/overall/execution_rate"]
    assert location["page"] == 2 and location["quote"] == "80%"
    assert extraction.report["report_date"] == "2022-05-01"
    [finding] = [f for f in findings_of(path) if f.rule_id == "NAT-ARITH-001"]
    assert finding.location.page == 2


def test_pdf_findings_show_and_sort_by_page(cli, tmp_path):
    text = "\n".join(["某县统计局2021年度部门整体支出绩效自评报告", "一、部门概况",
                      "部门整体支出绩效评价自评综合得分85分，综合评价等级“优”。"] + ["本局负责全县统计工作。"] * 45 +
                     ["2021年本部门整体年初预算安排200.00万元，决算数150.00万元，年度实际支出率达80%。", "2022年5月1日"])
    path = render_pdf(text, tmp_path / "r.pdf")
    output = cli("check", path).stdout
    lines = [line for line in output.splitlines() if "NAT-" in line]
    assert "第 1 页" in lines[0] and "NAT-GRADE-001" in lines[0]
    assert "第 2 页" in lines[1] and "NAT-ARITH-001" in lines[1]
