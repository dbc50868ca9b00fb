"""自评表 pasted into Word as embedded Excel objects (选择性粘贴 · 工作表对象): the form is no Word table but a workbook
inside the .docx (word/embeddings/*.xlsx, or an oleObject*.bin: an .xls compound file, or one wrapping an .xlsx in its
Package stream) shown by a preview picture. The workbook's active sheet is read as the form, at the object's
paragraph; its preview is no picture to read; a linked object (its workbook outside the file) is read as the picture
it shows; a damaged one is named. Real .docx files written to disk and checked as `jixiao check` does."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import openpyxl
import pytest
import xlwt

from helpers import cfb_streams
from test_pictures import no_ocr, picture_notes, png  # noqa: F401 (no_ocr: a fixture)
from tests.helpers import check_file, problems

FORM = [["项目支出绩效自评表（2025年度）"], ["项目名称", "兰考县2025年度高标准农田建设项目"],
        ["主管部门", "兰考县农业农村局", None, None, "实施单位", "兰考县农业农村局"],
        ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "900.00", "986.40", "958.32", "10", "{rate}", "9.72"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "建成农田面积", "≥1万亩", "1.02万亩", "50", "50"],
        ["效益指标", "社会效益指标", "受益农户", "≥3000户", "3120户", "30", "30"],
        ["满意度指标", "满意度", "群众满意度", "≥90%", "95%", "10", "10"],
        ["总分", None, None, None, None, "100", "99.72"], ["自评等级", "优"]]
PROSE = ["兰考县农业农村局2025年度高标准农田建设项目绩效自评报告", "一、项目基本情况",
         "　　项目全年预算986.40万元，全年执行958.32万元。", "附件：项目支出绩效自评表"]
OBJECT = ('<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:r><w:object '
          'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" w:dxaOrig="9000" w:dyaOrig="6000">'
          '<v:shape id="_x0000_i1025" style="width:450pt;height:300pt" o:ole=""><v:imagedata r:id="rIdPreview" o:title=""/>'
          '</v:shape><o:OLEObject Type="{kind}" ProgID="{progid}" ShapeID="_x0000_i1025" DrawAspect="Content" '
          'ObjectID="_1801" r:id="rIdObject"/></w:object></w:r></w:p>')


def workbook(rate: str = "97.15%", draft: bool = False) -> bytes:
    """The form as an .xlsx; with `draft`, a first sheet of drafts (a wrong rate) before it, the form the active sheet."""
    book = openpyxl.Workbook()
    sheet = book.active
    if draft:
        sheet.title = "草稿"
        for row in FORM:
            sheet.append([cell.format(rate="12.34%") if cell else cell for cell in row])
        sheet = book.create_sheet("自评表")
        book.active = 1
    else:
        sheet.title = "自评表"
    for row in FORM:
        sheet.append([cell.format(rate=rate) if cell else cell for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def old_workbook(rate: str) -> bytes:
    """The form as an Excel 97 workbook (what an Excel.Sheet.8 object's oleObject*.bin is)."""
    book = xlwt.Workbook()
    sheet = book.add_sheet("Sheet1")
    for r, row in enumerate(FORM):
        for c, cell in enumerate(row):
            if cell:
                sheet.write(r, c, cell.format(rate=rate))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def word(path, embedded: bytes | None, name: str = "Microsoft_Excel_Worksheet1.xlsx", progid: str = "Excel.Sheet.12",
         linked: bool = False) -> None:
    """A Word report whose 自评表 is an Excel object after its prose (the workbook inside it, or linked outside it)."""
    document = docx.Document()
    for text in PROSE:
        document.add_paragraph(text)
    document.add_paragraph("OBJECT-HERE")
    document.add_paragraph("报告日期：2026年3月20日")
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                paragraph = re.search(r"<w:p\b(?:(?!<w:p\b).)*?OBJECT-HERE.*?</w:p>", text, re.S).group()
                data = text.replace(paragraph, OBJECT.format(kind="Link" if linked else "Embed", progid=progid)).encode()
            elif item.filename == "word/_rels/document.xml.rels":
                target_mode = ' TargetMode="External"' if linked else ""
                where = "file:///D:/自评/自评表.xlsx" if linked else f"embeddings/{name}"
                data = data.replace(b"</Relationships>", (
                    '<Relationship Id="rIdPreview" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships/image" Target="media/preview.png"/><Relationship Id="rIdObject" Type="http://'
                    'schemas.openxmlformats.org/officeDocument/2006/relationships/'
                    f'{"oleObject" if linked or name.endswith(".bin") else "package"}" Target="{where}"{target_mode}/>'
                    "</Relationships>").encode())
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-'
                                    b'officedocument.spreadsheetml.sheet"/><Default Extension="bin" ContentType='
                                    b'"application/vnd.openxmlformats-officedocument.oleObject"/></Types>')
            target.writestr(item, data)
        target.writestr("word/media/preview.png", png(900, 600))
        if embedded is not None and not linked:
            target.writestr(f"word/embeddings/{name}", embedded)
    path.write_bytes(out.getvalue())


@pytest.mark.usefixtures("no_ocr")
def test_a_form_pasted_as_an_excel_object_is_read_at_its_paragraph_and_its_preview_is_no_picture(tmp_path):
    word(tmp_path / "报告.docx", workbook("97.51%"))
    result = check_file(tmp_path / "报告.docx")
    assert problems(result) == ["NAT-ARITH-009"]
    where = result.findings[0].location
    assert (where.sheet, where.cell, where.line) == ("第 5 段嵌入的 Excel 对象：自评表", "F5", 5)
    project = result.report["projects"][0]
    assert (project["name"], str(project["executed"]), str(project["total_score"])) == \
        ("兰考县2025年度高标准农田建设项目", "958.32", "99.72")
    assert picture_notes(result) == []  # (the object's preview: no form to read)
    word(tmp_path / "clean.docx", workbook())
    assert problems(check_file(tmp_path / "clean.docx")) == []


def test_the_object_shows_its_active_sheet_and_a_sheet_of_drafts_is_not_read(tmp_path):
    word(tmp_path / "报告.docx", workbook(draft=True))
    result = check_file(tmp_path / "报告.docx")
    assert problems(result) == [] and len(result.report["projects"]) == 1


@pytest.mark.parametrize("kind", ["xls", "package"])
def test_an_object_stored_as_an_ole_file_is_read_too(tmp_path, kind):
    # Excel.Sheet.8: the .bin is an Excel 97 workbook; a WPS or converted object: an .xlsx in the .bin's Package stream
    data = old_workbook("97.51%") if kind == "xls" else cfb_streams({"Package": workbook("97.51%")})
    word(tmp_path / "报告.docx", data, name="oleObject1.bin", progid="Excel.Sheet.8" if kind == "xls" else "Ket.Sheet.12")
    assert problems(check_file(tmp_path / "报告.docx")) == ["NAT-ARITH-009"]


@pytest.mark.usefixtures("no_ocr")
def test_a_linked_object_is_read_as_the_picture_it_shows(tmp_path):
    word(tmp_path / "报告.docx", None, linked=True)
    result = check_file(tmp_path / "报告.docx")
    assert result.report.get("projects") in (None, [])
    [note] = picture_notes(result)
    assert note.severity == "info" and "第 5 段" in note.message


def test_a_damaged_object_is_named_and_the_rest_is_read(tmp_path):
    word(tmp_path / "报告.docx", b"PK\x03\x04 not a workbook")
    result = check_file(tmp_path / "报告.docx")
    [note] = [f for f in result.findings if f.values.get("problem") == "embedded_workbook_unreadable"]
    assert note.severity == "warning" and "第 5 段嵌入的 Excel 对象未能读取" in note.message
    assert result.report["title"] == PROSE[0]
