"""Files without a suffix, or with one that lies, are read by what their bytes are (extractor `sniff`)."""

from __future__ import annotations

import io
import json
import struct
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.engine import Auditor, Options
from jixiao.errors import InputError
from jixiao.plugins.extractors import sniff

from helpers import cfb

REPORT = ("某某县财政局2021年度部门整体支出绩效自评报告\n一、部门概况\n"
          "2021年本部门整体年初预算安排199.09万元，决算数169.02万元，年度实际支出率达84.9%。\n")


def extract(path: Path):
    return Auditor(Options()).extract_path(str(path))


def docx_bytes(text: str = REPORT) -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont("STSong-Light", 11)
    for k, line in enumerate(REPORT.splitlines()):
        pdf.drawString(56, 760 - 20 * k, line)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "项目支出绩效自评表"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xls_bytes() -> bytes:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    book.add_sheet("表1").write(0, 0, "项目支出绩效自评表")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# -- the signatures --------------------------------------------------------------------------------------------

def test_each_signature_says_yes_to_its_own_type_only():
    samples = {
        "pdf": pdf_bytes(), "docx": docx_bytes(), "xlsx": xlsx_bytes(), "xls": xls_bytes(),
        "doc": cfb(["WordDocument", "1Table"]), "json": json.dumps({"kind": "x"}).encode(),
        "text": REPORT.encode("gb18030"),
        "html": "<!DOCTYPE html><html><body><p>预算绩效</p></body></html>".encode(),
        "mht": b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n--x--\r\n",
        "image": b"\x89PNG\r\n\x1a\n" + bytes(64),
    }
    tests = {"pdf": sniff.is_pdf, "docx": sniff.is_docx, "xlsx": sniff.is_xlsx, "xls": sniff.is_xls,
             "doc": sniff.is_doc, "json": sniff.is_json, "text": sniff.is_text, "html": sniff.is_html,
             "mht": sniff.is_mht, "image": sniff.is_image}
    for kind, data in samples.items():
        assert [name for name, test in tests.items() if test(data)] == [kind], kind
    # the one overlap, on purpose: an .xls that is a web page stays the xls reader's (LibreOffice converts it)
    assert sniff.SNIFFERS["xls"](samples["html"]) and not sniff.SNIFFERS["xls"](samples["text"])


@pytest.mark.parametrize("data", [
    b"", b"\x00" * 100, b"PK\x03\x04garbage", sniff.OLE_MAGIC + b"\xff" * 600, cfb(["Contents"]),
    "<?xml version='1.0'?><Workbook>预算绩效</Workbook>".encode(), b"{\\rtf1\\ansi \\'d4\\'a4\\'cb\\'e3}", "只是一段文字".encode(),
    b"[1, 2, 3]", b"MIME-Version: 1.0\n\n\xe9\xa2\x84\xe7\xae\x97",
])
def test_nothing_else_is_recognised(data):
    assert not any(test(data) for test in sniff.SNIFFERS.values())


def test_a_damaged_ole_directory_is_still_named_by_its_entries():
    data = cfb(["WordDocument"])
    damaged = data[:48] + struct.pack("<I", 99) + data[52:]  # the directory's first sector now points nowhere
    from xlrd import compdoc

    with pytest.raises(Exception):  # noqa: B017 (any failure: xlrd has no one exception for a damaged directory)
        compdoc.CompDoc(damaged, logfile=io.StringIO())
    assert sniff.is_doc(damaged) and not sniff.is_xls(damaged)


# -- extract_path falls back to the bytes ----------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["pdf", "docx", "xlsx", "xls", "json", "text"])
def test_a_file_without_suffix_is_read_by_its_content(tmp_path, kind):
    data = {"pdf": pdf_bytes, "docx": docx_bytes, "xlsx": xlsx_bytes, "xls": xls_bytes,
            "json": lambda: json.dumps({"kind": "department_self_evaluation", "fiscal_year": 2021}).encode(),
            "text": lambda: REPORT.encode("gb18030")}[kind]()
    path = tmp_path / "报告"
    path.write_bytes(data)
    extraction = extract(path)
    if kind == "json":
        assert extraction.report == {"kind": "department_self_evaluation", "fiscal_year": 2021}
        return
    assert extraction.report["extraction"]["extractor"] == kind
    if kind in ("pdf", "docx", "text"):
        assert str(extraction.report["overall"]["execution_rate"]) == "84.9"
        assert extraction.report["provenance"]["/overall/execution_rate"]["quote"] == "84.9%"


def test_an_old_word_file_without_suffix_goes_to_the_doc_extractor(tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_SOFFICE", str(tmp_path / "no-soffice-here"))
    path = tmp_path / "报告"
    path.write_bytes(cfb(["WordDocument", "1Table"]))
    with pytest.raises(InputError) as caught:
        extract(path)
    assert "LibreOffice" in caught.value.detail and ".doc" in caught.value.detail


@pytest.mark.parametrize("name", ["报告.doc", "报告.wps", "报告.pdf", "报告.txt"])
def test_a_docx_under_another_name_is_read_as_docx_without_libreoffice(tmp_path, monkeypatch, name):
    monkeypatch.setenv("JIXIAO_SOFFICE", str(tmp_path / "no-soffice-here"))
    path = tmp_path / name
    path.write_bytes(docx_bytes())
    extraction = extract(path)
    assert extraction.report["extraction"]["extractor"] == "docx"
    assert str(extraction.report["overall"]["final"]) == "169.02"


def test_a_pdf_named_docx_is_read_as_pdf(tmp_path):
    path = tmp_path / "报告.docx"
    path.write_bytes(pdf_bytes())
    assert extract(path).report["provenance"]["/overall/final"]["page"] == 1


def test_unknown_bytes_without_suffix_are_unsupported(tmp_path):
    path = tmp_path / "notes"
    path.write_bytes(b"ID3\x04\x00" + bytes(range(256)) * 4)  # an MP3: no extractor reads it (a PNG is a scan now)
    result = Auditor(Options()).check_path(str(path))
    assert result.unreadable and result.findings[0].values["problem"] == "unsupported"
    text = tmp_path / "readme"
    text.write_text("hello, nothing about budgets here", encoding="utf-8")
    assert Auditor(Options()).check_path(str(text)).findings[0].values["problem"] == "unsupported"


def test_a_file_whose_bytes_match_nothing_keeps_its_suffix_and_its_error(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"not a pdf at all")
    result = Auditor(Options()).check_path(str(path))
    assert result.unreadable and "PDF" in result.findings[0].message


def test_a_large_file_without_suffix_is_unsupported_not_read(tmp_path):
    path = tmp_path / "big"
    path.write_bytes(b"%PDF-1.4\n" + b"0" * 2000)
    result = Auditor(Options(max_bytes=1000)).check_path(str(path))
    assert result.findings[0].values["problem"] == "unsupported"


def test_a_plugin_sniff_that_fails_recognises_nothing(tmp_path):
    from dataclasses import replace

    auditor = Auditor(Options())

    def boom(data: bytes) -> bool:
        raise RuntimeError("bad plugin")

    auditor.plugins = replace(auditor.plugins, extractors=[replace(e, sniff=boom) if e.name == "pdf" else e
                                                           for e in auditor.plugins.extractors])
    path = tmp_path / "report"
    path.write_bytes(REPORT.encode())
    assert auditor.extract_path(str(path)).report["extraction"]["extractor"] == "text"


def _text_by_characters(data: bytes):
    """What sniff._text said before its control-byte shortcut: the decoded head counted character by character."""
    from jixiao.kit import decode
    from jixiao.plugins.extractors import sniff

    if not data or data.startswith((sniff.OLE_MAGIC, sniff.ZIP_MAGIC)) or sniff.is_pdf(data):
        return None
    try:
        text = decode(data, "")
    except Exception:
        return None
    head = text[:4096]
    return None if len(sniff._CONTROL.findall(head)) > len(head) // 100 else text


_texts = st.text(alphabet=st.sampled_from(list("绩效预算{}\"a 1\n\t") + ["\x01", "\x7f", "\x0b", "\x00", "\x1f"]), max_size=300)


@settings(max_examples=500, deadline=None)
@given(_texts, st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]), st.integers(0, 5000))
def test_the_control_byte_shortcut_decides_as_counting_characters_does(text, encoding, padding):
    from jixiao.plugins.extractors import sniff

    data = ("预算" * padding + text).encode(encoding)
    assert sniff._text(data) == _text_by_characters(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_the_control_byte_shortcut_decides_as_counting_characters_does_on_any_bytes(data):
    from jixiao.plugins.extractors import sniff

    assert sniff._text(data) == _text_by_characters(data)


def test_an_archive_says_to_extract_it(tmp_path, cli):
    """A department's files sent as a .tar.gz or .tar (zip, rar and 7z archives are opened: tests/test_archives.py):
    not a type jixiao reads; the message says what to do with it, and the other files of the folder are checked."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "附件.tar.gz").write_bytes(b"\x1f\x8b\x08\x00" + bytes(40))
    (folder / "材料.tar").write_bytes(bytes(512))
    (folder / "r.txt").write_text(REPORT, encoding="utf-8")
    results = {Path(r.source).name: r for r in (Auditor(Options()).check_path(str(p)) for p in sorted(folder.iterdir()))}
    for name in ("附件.tar.gz", "材料.tar"):
        [finding] = results[name].findings
        assert results[name].unreadable and finding.values["problem"] == "archive"
        assert "不打开的压缩包" in finding.message and "解压" in finding.message and name in finding.message
    assert not results["r.txt"].unreadable
    done = cli("check", str(folder), "--lang", "en")
    assert "an archive jixiao does not open (zip is opened, and rar and 7z where the archives extra is installed" in done.stdout
