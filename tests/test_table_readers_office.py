"""Table readers for Word (.docx) and Excel (.xlsx, .xls): real files written in tmp_path with python-docx,
openpyxl and xlwt (or by hand where those cannot write the case), read back as `Table`s.

The grid is checked slot by slot (a merged cell is the same object in every slot it covers), each cell's
`where` against the file (paragraph numbers for Word, sheet/cell/row/column for Excel), cell text as Excel
shows it, and every unreadable workbook is a clear InputError."""

from __future__ import annotations

import datetime
from decimal import Decimal
import io
import re
import struct
import zipfile
from pathlib import Path

import pytest

from jixiao.errors import InputError
from jixiao.plugins.extractors.docx import docx_document, docx_lines
from jixiao.plugins.extractors.sheets import cell_ref, format_number, xls_document, xlsx_document

from helpers import cfb

docx = pytest.importorskip("docx")
openpyxl = pytest.importorskip("openpyxl")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _texts(table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


def _save_docx(document, path: Path) -> bytes:
    document.save(str(path))
    return path.read_bytes()


def _header_row(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


# -- Word ----------------------------------------------------------------------------------------------------

def test_docx_merged_cells_are_one_cell_in_every_slot(tmp_path):
    document = docx.Document()
    document.add_paragraph("项目支出绩效自评表")
    table = document.add_table(rows=4, cols=4)
    table.cell(0, 0).merge(table.cell(0, 3)).text = "项目名称：职工技能培训"
    funds = table.cell(1, 0).merge(table.cell(3, 0))
    funds.text = "年度资金（万元）"
    block = table.cell(1, 2).merge(table.cell(2, 3))
    block.text = "合并块"
    table.cell(1, 1).text = "年初预算数"
    table.cell(2, 1).text = "120.00"
    table.cell(3, 1).text = "第一段"
    table.cell(3, 1).add_paragraph("第二段")
    data = _save_docx(document, tmp_path / "merged.docx")

    doc = docx_document(str(tmp_path / "merged.docx"), data)
    assert [line.text for line in doc.prose] == docx_lines("x.docx", data)  # numbering unchanged
    assert len(doc.tables) == 1
    grid = doc.tables[0]
    assert (len(grid.rows), grid.width) == (4, 4)
    assert all(len(row) == 4 for row in grid.rows)
    title = grid.rows[0][0]
    assert all(grid.rows[0][c] is title for c in range(4))
    assert (title.origin, title.rowspan, title.colspan) == ((0, 0), 1, 4)
    column = grid.rows[1][0]
    assert grid.rows[2][0] is column and grid.rows[3][0] is column
    assert (column.text, column.origin, column.rowspan, column.colspan) == ("年度资金（万元）", (1, 0), 3, 1)
    square = grid.rows[1][2]
    assert {id(grid.rows[r][c]) for r in (1, 2) for c in (2, 3)} == {id(square)}
    assert (square.origin, square.rowspan, square.colspan, square.text) == ((1, 2), 2, 2, "合并块")
    assert grid.rows[3][2] is not square and grid.rows[3][2].text == ""
    assert _texts(grid)[2][:2] == ["年度资金（万元）", "120.00"]
    assert [c.text for _, c in grid.distinct(1)] == ["年度资金（万元）", "年初预算数", "合并块"]

    # where: the paragraph number of the cell's text, as docx_lines numbers it
    lines = docx_lines("x.docx", data)
    assert lines[title.where["line"] - 1] == "项目名称：职工技能培训"
    assert title.where == {"line": 2, "column": 1, "end_line": 2, "end_column": 12, "quote": "项目名称：职工技能培训"}
    two = grid.rows[3][1]
    assert two.text == "第一段\n第二段"
    assert lines[two.where["line"] - 1] == "第一段" and lines[two.where["end_line"] - 1] == "第二段"
    assert two.where["end_line"] == two.where["line"] + 1 and two.where["end_column"] == 4
    empty = grid.rows[3][2]
    assert empty.where["quote"] == "" and lines[empty.where["line"] - 1] == ""
    # prose: the title is outside the table, every cell paragraph is in table 1
    assert doc.prose[0].table is None and doc.prose[0].text == "项目支出绩效自评表"
    assert all(line.table == 1 for line in doc.prose[1:])
    assert grid.before == ["项目支出绩效自评表"]


def test_docx_header_row_kept_and_table_split_over_a_page_break_is_continued(tmp_path):
    document = docx.Document()
    document.add_paragraph("项目支出绩效自评表")
    first = document.add_table(rows=3, cols=3)
    for c, name in enumerate(["一级指标", "二级指标", "指标值"]):
        first.cell(0, c).text = name
    _header_row(first.rows[0])
    first.cell(1, 0).text = "产出指标"
    document.add_paragraph("")
    document.add_page_break()
    second = document.add_table(rows=2, cols=3)
    for c, name in enumerate(["一级指标", "二级指标", "指标值"]):
        second.cell(0, c).text = name
    _header_row(second.rows[0])
    second.cell(1, 0).text = "效益指标"
    document.add_page_break()
    narrower = document.add_table(rows=1, cols=2)  # a page break but another width: a new table
    narrower.cell(0, 0).text = "其他"
    document.add_paragraph("说明：以上为自评结果。")
    after_text = document.add_table(rows=1, cols=2)  # text between: a new table
    after_text.cell(0, 0).text = "附表"
    data = _save_docx(document, tmp_path / "split.docx")

    doc = docx_document("split.docx", data)
    assert [t.continued for t in doc.tables] == [False, True, False, False]
    assert [len(t.rows) for t in doc.tables] == [3, 2, 1, 1]  # the repeated header rows stay rows
    assert _texts(doc.tables[1])[0] == ["一级指标", "二级指标", "指标值"]
    assert doc.tables[1].rows[1][0].text == "效益指标"
    assert doc.tables[0].before == ["项目支出绩效自评表"] and doc.tables[1].before == []
    assert doc.tables[3].before == ["说明：以上为自评结果。"]
    assert [t.index for t in doc.tables] == [1, 2, 3, 4]


def test_docx_prose_and_two_tables_titles_numbering_and_line_marks(tmp_path):
    document = docx.Document()
    document.add_paragraph("附件2")
    document.add_paragraph("某某单位")
    document.add_paragraph("项目支出绩效自评表")
    document.add_paragraph("（2022年度）")
    document.add_paragraph("")
    one = document.add_table(rows=2, cols=2)
    one.cell(0, 0).text = "项目名称"
    one.cell(0, 1).text = "职工技能培训"
    one.cell(1, 0).text = "指标"
    one.cell(1, 1).add_paragraph("培训人次", style="List Number")
    one.cell(1, 1).add_paragraph("合格率", style="List Number")
    document.add_paragraph("二、绩效目标完成情况")
    document.add_paragraph("部门整体支出绩效自评表")
    two = document.add_table(rows=1, cols=3)
    two.cell(0, 2).text = "91.67%"
    document.add_paragraph("填表人：张三")
    data = _save_docx(document, tmp_path / "report.docx")

    doc = docx_document("report.docx", data)
    lines = docx_lines("report.docx", data)
    assert [line.text for line in doc.prose] == lines
    assert [line.number for line in doc.prose] == list(range(1, len(lines) + 1))
    marks = [line.table for line in doc.prose]
    assert marks[:5] == [None] * 5 and marks[-1] is None
    assert lines[marks.index(2)] == ""  # table 2's first cell is empty, and still table 2
    assert doc.prose[lines.index("二、绩效目标完成情况")].table is None
    assert {m for m in marks if m} == {1, 2}
    first, second = doc.tables
    assert first.before == ["某某单位", "项目支出绩效自评表", "（2022年度）"]  # up to 3, nearest last
    assert second.before == ["二、绩效目标完成情况", "部门整体支出绩效自评表"]
    assert not second.continued
    listed = first.rows[1][1]
    assert listed.text == "1.\t培训人次\n2.\t合格率"  # the automatic numbering, as docx_lines renders it
    assert lines[listed.where["line"] - 1] == "1.\t培训人次"
    assert second.rows[0][2].text == "91.67%" and lines[second.rows[0][2].where["line"] - 1] == "91.67%"
    assert second.rows[0][2].where["end_column"] == len("91.67%") + 1


def test_docx_nested_table_is_its_own_table_and_the_outer_grid_holds(tmp_path):
    document = docx.Document()
    outer = document.add_table(rows=2, cols=3)
    outer.cell(0, 0).text = "外层"
    outer.cell(0, 2).text = "右"
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    inner.cell(0, 0).text = "内1"
    inner.cell(1, 1).text = "内4"
    outer.cell(1, 2).text = "下右"
    data = _save_docx(document, tmp_path / "nested.docx")

    doc = docx_document("nested.docx", data)
    assert [line.text for line in doc.prose] == docx_lines("nested.docx", data)
    outer_t, inner_t = doc.tables
    assert (outer_t.index, inner_t.index) == (1, 2)
    assert (len(outer_t.rows), outer_t.width) == (2, 3)
    assert _texts(outer_t) == [["外层", "", "右"], ["", "", "下右"]]  # the nested table's text is not the cell's
    assert _texts(inner_t) == [["内1", ""], ["", "内4"]]
    by_text = {line.text: line.table for line in doc.prose if line.text}
    assert by_text == {"外层": 1, "内1": 2, "内4": 2, "右": 1, "下右": 1}


def _hand_docx(path: Path, body: str) -> bytes:
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
    return path.read_bytes()


def _tc(text: str, props: str = "") -> str:
    run = f"<w:r><w:t>{text}</w:t></w:r>" if text else ""
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}<w:p>{run}</w:p></w:tc>"


def test_docx_grid_before_after_and_vmerge_without_val(tmp_path):
    grid = "<w:tblGrid>" + "<w:gridCol/>" * 4 + "</w:tblGrid>"
    rows = [
        "<w:tr>" + _tc("A", '<w:vMerge w:val="restart"/>') + _tc("B", '<w:gridSpan w:val="2"/>') + _tc("C") + "</w:tr>",
        # vMerge without w:val continues; the row ends one slot early (gridAfter)
        '<w:tr><w:trPr><w:gridAfter w:val="1"/></w:trPr>' + _tc("", "<w:vMerge/>") + _tc("D") + _tc("E") + "</w:tr>",
        # the row starts one slot in (gridBefore); the last cell restarts a merge that nothing continues
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + _tc("F") + _tc("G", '<w:gridSpan w:val="2"/>') + "</w:tr>",
    ]
    body = ("<w:p><w:r><w:t>标题</w:t></w:r></w:p>" + f"<w:tbl>{grid}{''.join(rows)}</w:tbl>"
            + "<w:p/><w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
            + f"<w:tbl>{grid}<w:tr>{_tc('H')}{_tc('I')}{_tc('J')}{_tc('K')}</w:tr></w:tbl>")
    data = _hand_docx(tmp_path / "hand.docx", body)

    doc = docx_document("hand.docx", data)
    table = doc.tables[0]
    assert (len(table.rows), table.width) == (3, 4)
    assert _texts(table) == [["A", "B", "B", "C"], ["A", "D", "E", ""], ["", "F", "G", "G"]]
    a = table.rows[0][0]
    assert table.rows[1][0] is a and (a.rowspan, a.colspan) == (2, 1)
    assert table.rows[2][0] is not a and table.rows[2][0].where == {}  # gridBefore: an empty slot
    assert table.rows[1][3].text == "" and table.rows[1][3] is not table.rows[1][2]  # gridAfter
    assert table.rows[2][2] is table.rows[2][3] and table.rows[2][2].colspan == 2
    assert [line.text for line in doc.prose] == docx_lines("hand.docx", data)
    assert a.where["line"] == 2 and doc.prose[1].text == "A"
    assert doc.tables[1].continued and doc.tables[1].width == 4  # empty paragraphs and a page break between


def test_docx_extract_still_reads_prose_only(tmp_path):
    from jixiao.plugins.extractors.docx import extract_docx

    document = docx.Document()
    document.add_paragraph("2022年度项目支出绩效自评报告")
    document.add_paragraph("项目年初预算数为120.00万元，全年执行数为110.00万元，执行率为91.67%。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "全年执行数"
    data = _save_docx(document, tmp_path / "r.docx")
    extraction = extract_docx("r.docx", data)
    assert isinstance(extraction.report, dict)
    assert docx_document("r.docx", data).findings == []


# -- Excel .xlsx -----------------------------------------------------------------------------------------------

def _with_cached_value(data: bytes, sheet_part: str, ref: str, value: str) -> bytes:
    """openpyxl writes formulas without results; put one in as Excel saves it: <c r="E5"><f>…</f><v>20</v></c>."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == sheet_part:
                pattern = rb'(<c r="' + ref.encode() + rb'"[^>]*>\s*<f>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?'
                part, count = re.subn(pattern, rb"\1<v>" + value.encode() + rb"</v>", part)
                assert count == 1, "the formula cell was not found in the sheet XML"
            target.writestr(info, part)
    return out.getvalue()


def _self_eval_workbook(path: Path) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目1"
    ws["B2"] = "项目支出绩效自评表"
    ws.merge_cells("B2:G2")
    ws["B3"] = "项目资金"
    ws.merge_cells("B3:B5")
    ws["C3"] = "年初预算数"
    ws["D3"] = "全年执行数"
    ws["E3"] = "执行率"
    ws["F3"] = "得分"
    ws["G3"] = "备注"
    ws["C4"] = 120
    ws["C4"].number_format = "0.00"
    ws["D4"] = 110
    ws["D4"].number_format = "#,##0.00"
    ws["E4"] = 0.9167
    ws["E4"].number_format = "0.00%"
    ws["F4"] = "9.17"  # a number stored as text
    ws["G4"] = 0.9167
    ws["G4"].number_format = "0%"
    ws["C5"] = 120.0  # General
    ws["D5"] = 1234.5
    ws["D5"].number_format = "#,##0.00"
    ws["E5"] = "=C4*2"  # a cached value is put in below
    ws["F5"] = "=C4*3"  # no cached value
    ws["G5"] = "=D4/C4"  # no cached value
    ws["C6"] = datetime.datetime(2023, 3, 15)
    ws["D6"] = True
    ws["E6"] = 9.17
    ws["H20"].number_format = "0.00"  # formatted but empty far away: trimmed
    hidden = wb.create_sheet("隐藏")
    hidden["A1"] = "不应读取"
    hidden.sheet_state = "hidden"
    wb.create_sheet("空表")
    second = wb.create_sheet("项目2")
    second["A1"] = "项目名称"
    second["B1"] = "第二个项目"
    wb.save(str(path))
    data = _with_cached_value(path.read_bytes(), "xl/worksheets/sheet1.xml", "E5", "240")
    path.write_bytes(data)
    return data


def test_xlsx_grid_merges_number_formats_and_where(tmp_path):
    data = _self_eval_workbook(tmp_path / "self.xlsx")
    doc = xlsx_document(str(tmp_path / "self.xlsx"), data)
    assert doc.prose == []
    assert [(t.sheet, t.index) for t in doc.tables] == [("项目1", 1), ("项目2", 2)]  # hidden and empty skipped
    table = doc.tables[0]
    assert (len(table.rows), table.width) == (5, 6)  # B2:G6 — from the first used row/column, trailing trimmed
    assert _texts(table) == [
        ["项目支出绩效自评表"] * 6,
        ["项目资金", "年初预算数", "全年执行数", "执行率", "得分", "备注"],
        ["项目资金", "120.00", "110.00", "91.67%", "9.17", "92%"],
        ["项目资金", "120", "1,234.50", "240", "", ""],
        ["", "2023-03-15", "TRUE", "9.17", "", ""],
    ]
    title = table.rows[0][0]
    assert all(cell is title for cell in table.rows[0]) and (title.rowspan, title.colspan) == (1, 6)
    funds = table.rows[1][0]
    assert table.rows[2][0] is funds and table.rows[3][0] is funds and table.rows[4][0] is not funds
    assert (funds.origin, funds.rowspan, funds.colspan) == ((1, 0), 3, 1)
    rate = table.rows[2][3]
    assert rate.where == {"line": 4, "column": 5, "end_line": 4, "end_column": 6, "quote": "91.67%",
                          "sheet": "项目1", "cell": "E4"}
    assert title.where["cell"] == "B2" and funds.where["cell"] == "B3"
    assert table.rows[4][5].where["cell"] == "G6" and table.rows[4][5].text == ""
    assert table.rows[3][3].problem is None and table.rows[3][3].where["cell"] == "E5"
    assert [table.rows[3][4].problem, table.rows[3][5].problem] == ["formula_without_value"] * 2
    assert doc.tables[1].rows[0][1].where["sheet"] == "项目2"


def test_xlsx_formula_without_value_is_a_finding_naming_sheet_and_cells(tmp_path):
    data = _self_eval_workbook(tmp_path / "self.xlsx")
    doc = xlsx_document("self.xlsx", data)
    assert len(doc.findings) == 1
    finding = doc.findings[0]
    assert (finding.rule_id, finding.category, finding.severity) == ("JX-EXTRACTION", "extraction", "warning")
    assert finding.values == {"problem": "formula_without_value", "sheet": "项目1", "cells": ["F5", "G5"]}
    assert finding.message == "表“项目1”的 F5、G5 是公式但文件中没有保存计算结果，请在 Excel 中打开并保存后重新检查"
    english = xlsx_document("self.xlsx", data, "en").findings[0].message
    assert "F5, G5" in english and "项目1" in english


def test_xlsx_many_formulas_without_value_are_listed_briefly(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = 1
    for row in range(2, 16):
        ws.cell(row, 1, "=A1+1")
    wb.save(str(tmp_path / "f.xlsx"))
    doc = xlsx_document("f.xlsx", (tmp_path / "f.xlsx").read_bytes())
    finding = doc.findings[0]
    assert len(finding.values["cells"]) == 14
    assert "A11" in finding.message and "A12" not in finding.message and "等 14 个单元格" in finding.message
    assert len(doc.tables[0].rows) == 15  # formula cells count as used


def test_xlsx_saved_under_xls_name_and_xls_under_xlsx_name_are_read(tmp_path):
    data = _self_eval_workbook(tmp_path / "self.xlsx")
    assert _texts(xls_document("self.xls", data).tables[0]) == _texts(xlsx_document("self.xlsx", data).tables[0])
    xls = _xls_workbook(tmp_path / "old.xls")
    assert xlsx_document("old.xlsx", xls).tables[0].rows[2][1].text == "91.67%"


@pytest.mark.parametrize(("value", "fmt", "shown"), [
    (10, "0.00", "10.00"), (0.9167, "0.00%", "91.67%"), (0.9167, "0%", "92%"), (120.0, "General", "120"),
    (9.17, "General", "9.17"), (1234.5, "#,##0.00", "1,234.50"), (2.675, "0.00", "2.68"),  # half-up on 2.675
    (1.005, "0.00", "1.01"), (0.1 + 0.2, "General", "0.3"), (-5, "#,##0.00_);(#,##0.00)", "(5.00)"),
    (-5, "0.00", "-5.00"), (-0.001, "0.00", "0.00"), (10, '0.00"万元"', "10.00万元"), (5, "[$¥-804]#,##0.00", "¥5.00"),
    (0, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "-"), (1234567, '#,##0,"千"', "1,235千"),
    (12.5, "0.0#", "12.5"), (12.345, "0.0#", "12.35"), (7, "000", "007"), (3, 'General"个"', "3个"),
    (0.12345, "0.00E+00", "0.12345"), (45000, "@", "45000"), (1e20, "General", "100000000000000000000"),
])
def test_number_formats_as_excel_shows_them(value, fmt, shown):
    assert format_number(value, fmt) == shown


def test_cell_ref():
    assert [cell_ref(7, 4), cell_ref(1, 26), cell_ref(1, 27), cell_ref(3, 703)] == ["D7", "Z1", "AA1", "AAA3"]


# -- Excel .xls ------------------------------------------------------------------------------------------------

def _xls_workbook(path: Path) -> bytes:
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook()
    ws = wb.add_sheet("项目1")
    ws.write_merge(0, 0, 0, 3, "项目支出绩效自评表")
    percent = xlwt.easyxf(num_format_str="0.00%")
    two = xlwt.easyxf(num_format_str="0.00")
    day = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    ws.write(1, 0, "项目")
    ws.write(1, 1, "执行率")
    ws.write(2, 0, "年度资金")
    ws.write(2, 1, 0.9167, percent)
    ws.write(2, 2, 120, two)
    ws.write(2, 3, "110.00")  # a number stored as text
    ws.write_merge(3, 4, 0, 0, "绩效指标")
    ws.write(3, 1, 120.0)
    ws.write(3, 2, datetime.date(2023, 3, 15), day)
    ws.write(3, 3, True)
    ws.write(4, 1, "9.17")
    hidden = wb.add_sheet("隐藏")
    hidden.write(0, 0, "不应读取")
    hidden.visibility = 1
    wb.add_sheet("空表")
    wb.save(str(path))
    return path.read_bytes()


def test_xls_grid_merges_formats_and_where(tmp_path):
    data = _xls_workbook(tmp_path / "self.xls")
    doc = xls_document(str(tmp_path / "self.xls"), data)
    assert [t.sheet for t in doc.tables] == ["项目1"] and doc.prose == [] and doc.findings == []
    table = doc.tables[0]
    assert _texts(table) == [
        ["项目支出绩效自评表"] * 4,
        ["项目", "执行率", "", ""],
        ["年度资金", "91.67%", "120.00", "110.00"],
        ["绩效指标", "120", "2023-03-15", "TRUE"],
        ["绩效指标", "9.17", "", ""],
    ]
    title, block = table.rows[0][0], table.rows[3][0]
    assert all(cell is title for cell in table.rows[0]) and title.colspan == 4
    assert table.rows[4][0] is block and (block.origin, block.rowspan) == ((3, 0), 2)
    assert table.rows[2][1].where == {"line": 3, "column": 2, "end_line": 3, "end_column": 3, "quote": "91.67%",
                                      "sheet": "项目1", "cell": "B3"}
    assert block.where["cell"] == "A4"


# -- unreadable workbooks --------------------------------------------------------------------------------------

def _unreadable(read, name: str, data: bytes, lang: str = "zh") -> InputError:
    with pytest.raises(InputError) as caught:
        read(name, data, lang)
    assert caught.value.key == "unreadable" and caught.value.path == name
    return caught.value


def test_encrypted_workbook_is_a_clear_input_error():
    data = cfb(["EncryptionInfo", "EncryptedPackage"])
    xlrd = pytest.importorskip("xlrd")
    directory = xlrd.compdoc.CompDoc(data, logfile=io.StringIO()).dirlist  # a real compound file
    assert [d.name for d in directory][:3] == ["Root Entry", "EncryptionInfo", "EncryptedPackage"]
    for read, name in ((xlsx_document, "secret.xlsx"), (xls_document, "secret.xls")):
        error = _unreadable(read, name, data)
        assert "工作簿已加密：请去掉密码后另存为 .xlsx 再检查" in error.render("zh")
        assert error.render("zh").startswith(name)
    assert "encrypted" in _unreadable(xlsx_document, "secret.xlsx", data, "en").detail
    # the same compound file without that stream is not called encrypted
    plain = _unreadable(xls_document, "other.xls", cfb(["Contents"]))
    assert "加密" not in plain.detail and "已损坏或不是 Excel 工作簿" in plain.detail


def test_encrypted_xls_is_a_clear_input_error(tmp_path):
    data = _xls_workbook(tmp_path / "plain.xls")
    at = data.find(b"\xe1\x00\x02\x00\xb0\x04")  # the INTERFACEHDR record xlwt writes after BOF
    assert at > 0
    encrypted = data[:at] + b"\x2f\x00" + data[at + 2:]  # same length, now a FILEPASS record
    assert "工作簿已加密" in _unreadable(xls_document, "e.xls", encrypted).detail


def test_corrupt_empty_and_wrong_files_are_clear_input_errors(tmp_path):
    good = _self_eval_workbook(tmp_path / "self.xlsx")
    broken = _unreadable(xlsx_document, "cut.xlsx", good[: len(good) // 2])
    assert "文件已损坏或不是 Excel 工作簿，请在 Excel 中打开后另存为 .xlsx 再检查" in broken.detail
    empty = _unreadable(xls_document, "empty.xls", b"")
    assert "0 字节" in empty.detail
    assert "0 字节" in _unreadable(xlsx_document, "empty.xlsx", b"").detail
    assert "已损坏" in _unreadable(xls_document, "junk.xls", b"this is not a workbook at all").detail
    word = docx.Document()
    word.add_paragraph("x")
    not_book = _unreadable(xlsx_document, "w.xlsx", _save_docx(word, tmp_path / "w.docx"))
    assert "Word" in not_book.detail


def test_damaged_workbooks_never_raise_anything_but_input_error(tmp_path):
    good = _self_eval_workbook(tmp_path / "self.xlsx")
    xls = _xls_workbook(tmp_path / "self.xls")
    outcomes = set()
    for data, read in ((good, xlsx_document), (xls, xls_document)):
        step = max(1, len(data) // 37)
        for cut in range(0, len(data), step):
            for damaged in (data[:cut], data[:cut] + bytes([data[cut] ^ 0x55]) + data[cut + 1:]):
                try:
                    read("d", damaged)
                    outcomes.add("read")
                except InputError:
                    outcomes.add("error")
    assert outcomes == {"read", "error"}


def _declare_size(data: bytes, member: str, size: int) -> bytes:
    """Rewrite the declared uncompressed size of a zip member in its local and central headers."""
    out = bytearray(data)
    name = member.encode()
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = out.find(signature)
        while at >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if out[name_at:name_at + len(name)] == name:
                struct.pack_into("<I", out, at + offset, size)
            at = out.find(signature, at + 4)
    return bytes(out)


def test_zip_bomb_member_is_refused_by_its_declared_size(tmp_path):
    good = _self_eval_workbook(tmp_path / "self.xlsx")
    bomb = _declare_size(good, "xl/worksheets/sheet1.xml", 64 * 1024 * 1024 + 1)
    assert zipfile.ZipFile(io.BytesIO(bomb)).getinfo("xl/worksheets/sheet1.xml").file_size == 64 * 1024 * 1024 + 1
    error = _unreadable(xlsx_document, "bomb.xlsx", bomb)
    assert "xl/worksheets/sheet1.xml" in error.detail and "67108865" in error.detail


def test_dtd_in_a_workbook_part_is_refused(tmp_path):
    good = _self_eval_workbook(tmp_path / "self.xlsx")
    source = zipfile.ZipFile(io.BytesIO(good))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert part.startswith(b"<worksheet")
                part = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>' + part
            target.writestr(info, part)
    assert "xl/worksheets/sheet1.xml: DTD not allowed" in _unreadable(xlsx_document, "dtd.xlsx", out.getvalue()).detail


# -- what the sheet shows: hidden rows and columns, dates through their format (heldout18) --------------

def _form_with_hidden_parts(path: Path) -> None:
    """A 自评表 whose struck-out indicator row and helper column are hidden, as departments leave them."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目1"
    rows = [
        ["项目支出绩效自评表", None, None, None, None],
        ["一级指标", "三级指标", "分值", "得分", "辅助"],
        ["产出指标", "新建渠道长度", 50, 50, "原始数据"],
        ["产出指标", "已删除的指标", 5, 2.5, "旧"],
        ["效益指标", "受益农户", 50, 49, "x"],
        ["总分", None, 100, 99, None],
    ]
    for row in rows:
        ws.append(row)
    ws.merge_cells("A1:E1")
    ws.merge_cells("A3:A4")  # the merged 一级指标 runs into the hidden row
    ws.row_dimensions[4].hidden = True
    ws.column_dimensions["E"].hidden = True
    ws["A8"] = "填报日期："
    ws["B8"] = datetime.datetime(2023, 4, 11)
    ws["B8"].number_format = 'yyyy"年"m"月"d"日"'
    wb.save(str(path))


def test_xlsx_hidden_rows_and_columns_are_not_read_and_an_info_names_them(tmp_path):
    path = tmp_path / "hidden.xlsx"
    _form_with_hidden_parts(path)
    doc = xlsx_document(str(path), path.read_bytes())
    [table] = doc.tables
    texts = _texts(table)
    assert ["产出指标", "已删除的指标", "5", "2.5"] not in texts
    assert all("辅助" not in row and "原始数据" not in row for row in texts)
    assert texts[2] == ["产出指标", "新建渠道长度", "50", "50"]
    assert texts[3][:2] == ["效益指标", "受益农户"]  # the next shown row follows at once
    merged = table.rows[2][0]
    assert merged.rowspan == 1 and merged.where["cell"] == "A3"  # the merge keeps only its shown row
    assert table.rows[3][1].where["cell"] == "B5"  # cells keep their own names in the workbook
    [info] = doc.findings
    assert info.severity == "info" and info.values["rows"] == [4] and info.values["columns"] == ["E"]
    assert "第 4 行" in info.message and "第 E 列" in info.message


def test_xls_hidden_rows_and_columns_are_not_read(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook()
    ws = wb.add_sheet("项目1")
    for r, row in enumerate([["三级指标", "分值", "辅助"], ["新建渠道长度", 50, "h"], ["已删除", 5, "h"], ["受益农户", 50, "h"]]):
        for c, value in enumerate(row):
            ws.write(r, c, value)
    ws.row(2).hidden = True
    ws.col(2).hidden = True
    path = tmp_path / "hidden.xls"
    wb.save(str(path))
    doc = xls_document(str(path), path.read_bytes())
    assert _texts(doc.tables[0]) == [["三级指标", "分值"], ["新建渠道长度", "50"], ["受益农户", "50"]]
    assert doc.findings[0].values["rows"] == [3] and doc.findings[0].values["columns"] == ["C"]


@pytest.mark.parametrize(("fmt", "shown"), [
    ('yyyy"年"m"月"d"日"', "2023年4月11日"),
    ("yyyy\\年m\\月d\\日", "2023年4月11日"),
    ('[$-804]yyyy"年"m"月"d"日";@', "2023年4月11日"),
    ('\\（yyyy"年度）"', "（2023年度）"),
    ("yyyy/m/d", "2023/4/11"),
    ("yyyy-mm-dd", "2023-04-11"),
    ("yy.mm.dd", "23.04.11"),
    ("mm-dd-yy", "2023-04-11"),  # Excel's built-in short date is shown in the reader's locale: the ISO date
    ("mmm d, yyyy", "2023-04-11"),  # names of months: the ISO date
    ("General", "2023-04-11"),
])
def test_a_date_cell_reads_as_its_format_shows_it(fmt, shown):
    from jixiao.plugins.extractors.sheets import excel_text

    assert excel_text(datetime.datetime(2023, 4, 11), fmt) == shown


def test_a_forms_report_date_in_the_cell_after_its_label_and_a_grade_after_the_total(tmp_path):
    """填报日期： | 2023年4月11日 in two cells; 总分 | 100 | 99 | 优 with no 自评等级 label (heldout18)."""
    from jixiao import api

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目1"
    for row in [
        ["项目支出绩效自评表", None, None, None, None, None, None],
        ["（2022年度）", None, None, None, None, None, None],
        ["项目名称", "农田水利设施维修", None, None, None, None, None],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "维修渠道长度", "≥20公里", "21公里", 50, 50],
        ["效益指标", "社会效益指标", "受益农户", "≥800户", "830户", 40, 40],
        ["满意度指标", "服务对象满意度指标", "农户满意度", "≥90%", "92%", 10, 10],
        ["总分", None, None, None, None, 100, 100, "优"],
        [None],
        ["填表人：王某", None, None, "填报日期：", datetime.datetime(2023, 4, 11)],
    ]:
        ws.append(row)
    ws["E10"].number_format = 'yyyy"年"m"月"d"日"'
    path = tmp_path / "form.xlsx"
    wb.save(str(path))
    report = api.extract(path)
    assert report["report_date"] == "2023-04-11"
    assert report["provenance"]["/report_date"]["cell"] == "E10"
    assert report["projects"][0]["grade"] == "优"
    assert report["provenance"]["/projects/0/grade"]["cell"] == "H8"


def _form_rows(name: str, total) -> list[list]:
    return [
        ["项目支出绩效自评表"], ["（2022年度）"],
        ["项目名称", name, None, None, None, None, None],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "维修渠道长度", "≥20公里", "21公里", 50, 50],
        ["效益指标", "社会效益指标", "受益农户", "≥800户", "830户", 40, 40],
        ["满意度指标", "服务对象满意度指标", "农户满意度", "≥90%", "88%", 10, total - 90],
        ["总分", None, None, None, None, 100, total, "优"],
    ]


@pytest.mark.parametrize("summary_score, conflicts", [("99.00", []), ("99.0", []), ("98.00", ["G5"])])
def test_a_summary_sheets_score_is_the_projects_own(tmp_path, summary_score, conflicts):
    """A 汇总 sheet states each project's 自评得分 and 自评等级 again (heldout18, 陕西): a row that differs from the
    project's own form is a JX-CONFLICT (a warning at the summary's cell, the form's cell related); the same score
    to fewer places is no conflict."""
    import openpyxl

    from jixiao.engine import Auditor, Options

    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "汇总"
    for row in [["某县水利局2022年度项目支出绩效自评结果汇总表"], ["填报单位：某县水利局"],
                ["序号", "项目名称", "实施单位", "全年预算数", "全年执行数", "执行率", "自评得分", "自评等级"],
                [1, "农田水利设施维修", "县水利站", 100, 95, "95.00%", "100.00", "优"],
                [2, "山洪灾害防治", "县水利站", 200, 190, "95.00%", summary_score, "优"],
                ["合计", None, None, 300, 285, "95.00%", None, None]]:
        summary.append(row)
    for title, name, total in (("1.维修", "农田水利设施维修", 100), ("2.山洪", "山洪灾害防治", 99)):
        ws = wb.create_sheet(title)
        for row in _form_rows(name, total):
            ws.append(row)
    path = tmp_path / "summary.xlsx"
    wb.save(str(path))
    result = Auditor(Options()).check_path(str(path))
    found = [f for f in result.findings if f.rule_id == "JX-CONFLICT"]
    assert [f.location.cell for f in found] == conflicts
    for f in found:
        assert f.severity == "warning" and "山洪灾害防治" in f.message and "98.00" in f.message and "99" in f.message
        assert f.related[0].sheet == "2.山洪" and f.related[0].cell == "G8"
    assert not [f for f in result.findings if f.rule_id == "JX-EXTRACTION" and "汇总" in f.message]


def test_a_workbook_of_forms_alone_takes_its_first_forms_title(tmp_path):
    """A workbook holding only 自评表 (heldout21, 云南): the first form's own title row is the document's title."""
    import openpyxl

    from jixiao import api

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in _form_rows("森林生态效益补偿", 99):
        ws.append(row)
    ws["A1"] = "云南省2023年度森林生态效益补偿补助资金绩效自评表"
    ws.merge_cells("A1:G1")
    path = tmp_path / "forms.xlsx"
    wb.save(str(path))
    report = api.extract(path)
    assert report["title"] == "云南省2023年度森林生态效益补偿补助资金绩效自评表"
    assert report["provenance"]["/title"]["cell"] == "A1"


def _workbook(tmp_path: Path, rows: list[list], name: str = "form.xlsx") -> Path:
    """A one-sheet workbook of these rows, saved under tmp_path."""
    import openpyxl

    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    path = tmp_path / name
    wb.save(str(path))
    return path


def test_an_older_forms_words_for_its_columns(tmp_path):
    """An older 自评表 (heldout22, 浙江/河南/辽宁): 预算安排数 · 实际支出数 · 预算完成率 · 权重 · 评分 in the funds block; 权重 ·
    计划值 · 实际值 · 评分 for the indicators; 年度绩效目标 · 目标完成情况 for the goal; 评价结果 好 for the grade."""
    from jixiao import api

    path = _workbook(tmp_path, [["项目支出绩效自评表"], ["（2018年度）"], ["项目名称", "中药材产业发展"],
                ["项目资金（万元）", "预算安排数", "实际支出数", "预算完成率", "权重", "评分"],
                ["资金总额", 560, 531.66, "94.94%", 10, 9.49],
                ["年度总体目标", "年度绩效目标", None, "目标完成情况"],
                [None, "新建种植基地20个", None, "新建种植基地18个"],
                ["绩效指标", "一级指标", "二级指标", "三级指标", "权重", "计划值", "实际值", "评分"],
                [None, "产出指标", "数量指标", "新建种植基地", 50, "≥20个", "18个", 45],
                [None, "效益指标", "经济效益指标", "亩均增收", 30, "≥1200元", "1250元", 30],
                [None, "满意度指标", "服务对象满意度指标", "药农满意度", 10, "≥90%", "92%", 10],
                ["合计", None, None, None, 100, None, None, 94.49],
                ["评价结果", "好"]], "older.xlsx")
    [project] = api.extract(path)["projects"]
    assert (project["adjusted_budget"], project["executed"], project["execution_rate"]) == (
        Decimal("560"), Decimal("531.66"), Decimal("94.94"))
    assert (project["rate_weight"], project["rate_score"]) == (Decimal("10"), Decimal("9.49"))
    assert (project["goal"], project["goal_achieved"]) == ("新建种植基地20个", "新建种植基地18个")
    assert [(i["target"], i["actual"], i["weight"], i["score"]) for i in project["indicators"]][0] == (
        "≥20个", "18个", Decimal("50"), Decimal("45"))
    assert project["grade"] == "好" and project["total_score"] == Decimal("94.49")


def test_a_group_header_over_the_budget_columns_names_none_of_them(tmp_path):
    """年度预算数（万元） over 年初预算 · 调整后预算数 (heldout2, 河南): the group's header, not the one budget column."""
    from jixiao import api

    path = _workbook(tmp_path, [["项目支出绩效自评表"], ["项目名称", "公共自行车运营维护"],
                                ["预算执行情况（10分）", "年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数", "预算执行率",
                                 "权重", "得分"],
                                ["总额", None, 360, 400, 384.63, "96.16%", 10, 9.62]], "group.xlsx")
    [project] = api.extract(path)["projects"]
    assert (project["initial_budget"], project["adjusted_budget"], project["executed"]) == (
        Decimal("360"), Decimal("400"), Decimal("384.63"))


def test_a_word_summary_under_a_name_header_and_a_form_whose_name_row_repeats_over_a_page(tmp_path):
    """A Word report (heldout23, 云南/江苏): the 汇总表's 项目名称 header made it look like a form's name row, so its scores
    were never compared; a form whose 项目名称 row is repeated at the top of the next page, its indicator rows going on
    below it, is one form, not two. Rates are not compared (a body table may state them on another base)."""
    import docx

    from jixiao.engine import Auditor, Options

    d = docx.Document()
    d.add_paragraph("某县教育体育局2024年度部门整体支出绩效自评报告")
    d.add_paragraph("附件1 项目支出绩效自评结果汇总表")
    summary = d.add_table(rows=3, cols=6)
    for r, row in enumerate([["序号", "项目名称", "全年预算数", "执行率", "自评得分", "自评等级"],
                             ["1", "乡村教师生活补助项目", "1,890.00", "90.00%", "95.72", "优"],
                             ["2", "中小学教师培训项目", "284.00", "95.66%", "99.00", "优"]]):
        for c, text in enumerate(row):
            summary.cell(r, c).text = text
    for name, total, split in (("乡村教师生活补助项目", "97.52", False), ("中小学教师培训项目", "99.00", True)):
        d.add_paragraph("项目支出绩效自评表")
        rows = [["项目名称", name, "", "", "", "", ""],
                ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
                ["年度资金总额", "1,800.00", "1,890.00", "1,846.52", "10", "97.70%", "9.77"],
                ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                ["产出指标", "数量指标", "补助教师人数", "≥3000人", "3020人", "50", "50"]]
        rest = [["效益指标", "社会效益指标", "教师队伍稳定", "稳定", "稳定", "30", str(Decimal(total) - Decimal("59.77"))],
                ["满意度指标", "服务对象满意度指标", "教师满意度", "≥90%", "95%", "10", "10"],
                ["总分", "", "", "", "", "100", total]]
        first = rows if split else rows + rest
        table = d.add_table(rows=len(first), cols=7)
        for r, row in enumerate(first):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        if split:  # the name row again at the top of the next page, then the rows going on
            d.add_page_break()
            again = d.add_table(rows=1 + len(rest), cols=7)
            for r, row in enumerate([["项目名称", name, "", "", "", "", ""]] + rest):
                for c, text in enumerate(row):
                    again.cell(r, c).text = text
    path = tmp_path / "report.docx"
    d.save(str(path))
    result = Auditor(Options()).check_path(str(path))
    assert len(result.report["projects"]) == 2
    assert [len(p["indicators"]) for p in result.report["projects"]] == [3, 3]
    conflicts = [f for f in result.findings if f.rule_id == "JX-CONFLICT"]
    assert [(f.values["first"], f.values["second"]) for f in conflicts] == [(Decimal("97.52"), Decimal("95.72"))]
    assert not [f for f in result.findings if f.rule_id.startswith(("NAT-GRADE-009", "NAT-TBL-005"))]


def test_a_narrower_table_going_on_with_a_form_is_read_without_a_crash():
    """A table one column narrower than the form it goes on with (its empty 偏差原因 column trimmed): its rows are read
    where they have cells, and the reader never indexes past a row's end (heldout23: an IndexError lost a whole report)."""
    from jixiao.plugins.extractors.selftable import read_tables
    from jixiao.plugins.extractors.tables import Cell, Table

    def table(rows: list[list[str]], index: int) -> Table:
        return Table(rows=[[Cell(text, {}, (r, c)) for c, text in enumerate(row)] for r, row in enumerate(rows)], index=index)

    form = table([["项目名称", "维修项目", "", "", "", "", "", "", ""],
                  ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
                  ["", "产出指标", "数量指标", "维修渠道长度", "≥20公里", "21公里", "50", "50", ""]], 1)
    going_on = table([["", "效益指标", "社会效益指标", "受益农户", "≥800户", "830户", "40", "40"],
                      ["", "满意度指标", "服务对象满意度指标", "农户满意度", "≥90%", "92%", "10", "10"]], 2)
    [project] = read_tables([form, going_on]).projects
    assert [i["score"] for i in project["indicators"]] == [Decimal("50"), Decimal("40"), Decimal("10")]


def _grid(rows: list[list[str]], index: int):
    from jixiao.plugins.extractors.tables import Cell, Table

    return Table(rows=[[Cell(text, {}, (r, c)) for c, text in enumerate(row)] for r, row in enumerate(rows)], index=index)


def test_a_department_form_whose_name_row_repeats_and_whose_total_row_stands_alone_over_the_page():
    """A 部门整体支出绩效自评表 printed over three pages (heldout26): its 部门（单位）名称 row repeated at the top of the
    second page with indicator rows under it, and its 总分 row alone on the third, a narrower table (the label merged
    across the first six columns). One form: every indicator, the total and the grade."""
    from jixiao.plugins.extractors.selftable import read_tables

    first = _grid([["部门（单位）名称", "日照市自然资源和规划局", "", "", "", "", "", "", ""],
                   ["年度部门整体支出预算执行情况（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
                   ["", "年度资金总额", "18,500.40", "21,217.60", "20,410.70", "10", "96.20%", "9.62", ""],
                   ["年度绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
                   ["", "产出指标", "数量指标", "图斑核查", "≥1200个", "1286个", "40", "40", ""]], 1)
    second = _grid([["部门（单位）名称", "日照市自然资源和规划局", "", "", "", "", "", "", ""],
                    ["", "效益指标", "社会效益指标", "耕地保有量", "≥187.4万亩", "187.6万亩", "30", "30", ""],
                    ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥95%", "97.3%", "20", "18.94", "宣传不足"]], 2)
    total = _grid([["总分", "100", "98.56", "优"]], 3)
    read = read_tables([first, second, total])
    form = read.department_table
    assert form is not None and not read.projects
    assert [i["level3"] for i in form["indicators"]] == ["图斑核查", "耕地保有量", "群众满意度"]
    assert (form["weight_total"], form["total_score"], form["grade"]) == (Decimal("100"), Decimal("98.56"), "优")


# -- Word documents as departments edit them (heldout28) ------------------------------------------------------

def test_what_word_hides_is_not_read_and_the_signature_is_found_under_its_stamp(tmp_path):
    """heldout28: hidden text (字体 · 隐藏) keeping November's figures is not read (it had made a false error and a
    conflict); the department's name on the cover, over the title and at the signature is no running header (Word
    keeps those apart from the body); （盖章） after the signature's name is no part of the name; Word's own table of
    contents (heading, tab, page number) is not the outline."""
    import docx

    from jixiao.engine import Auditor, Options

    dept = "永春县水利局"
    d = docx.Document()
    d.add_paragraph(dept)
    d.add_paragraph("2021年度部门整体支出绩效自评报告")
    d.add_paragraph("目  录")
    d.add_paragraph("一、部门基本情况\t2")
    d.add_paragraph("二、自评结论\t3")
    d.add_page_break()
    d.add_paragraph(dept)
    d.add_paragraph("2021年度部门整体支出绩效自评报告")
    d.add_paragraph("一、部门基本情况")
    p = d.add_paragraph("2021年全年预算1,700.80万元，实际支出1,647.92万元")
    hidden = p.add_run("（11月底统计数为1,518.26万元，执行率89.27%）")
    hidden.font.hidden = True
    p.add_run("，预算执行率96.89%。")
    d.add_paragraph("二、自评结论")
    d.add_paragraph("自评得分96分，等级为优。")
    d.add_paragraph(dept + "（盖章）")
    d.add_paragraph("2022年3月28日")
    d.add_paragraph("附件 部门整体支出绩效自评表")
    d.add_paragraph("填报人：林晓    填报日期：2022年3月20日")
    path = tmp_path / "report.docx"
    d.save(str(path))
    result = Auditor(Options()).check_path(str(path))
    report = result.report
    assert str(report["overall"]["execution_rate"]) == "96.89"
    assert not [f for f in result.findings if f.severity in ("error", "warning")], result.findings
    assert report["department"]["name"] == dept and report["report_date"] == "2022-03-28"
    assert [s["title"] for s in report["sections"]] == ["部门基本情况", "自评结论"]
    assert report["sections"][0]["line"] == 10  # (the page break is a paragraph of its own, its break a line more)


def test_a_forms_title_over_its_year_line_is_the_documents_title_not_the_fill_in_line_after_the_form(tmp_path):
    """A Word bundle of 自评表 (heldout9, read again after heldout28): the form's title, （2022年度） under it, the form,
    then 填报单位 / 填报日期. The year line ends its paragraph, so the title is the form's, not run on into the fill-in
    line after the table."""
    import docx

    from jixiao.engine import Auditor, Options

    d = docx.Document()
    d.add_paragraph("附件1：城乡最低生活保障市级补助项目支出绩效自评表")
    d.add_paragraph("项目支出绩效自评表")
    d.add_paragraph("（2022年度）")
    rows = [["项目名称", "城乡最低生活保障市级补助", "", "", "", "", ""],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "1,800.00", "1,890.00", "1,846.52", "10", "97.70%", "9.77"]]
    table = d.add_table(rows=len(rows), cols=7)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    d.add_paragraph("填报单位：盐城市民政局    填报人：周晓红    填报日期：2023年3月24日")
    path = tmp_path / "forms.docx"
    d.save(str(path))
    report = Auditor(Options()).extract_path(str(path)).report
    assert report["title"] == "项目支出绩效自评表" and report["fiscal_year"] == 2022


def test_a_transfer_payments_form_names_its_fund_as_the_projects():
    """The 区域绩效自评表 of a central transfer names its fund in 转移支付（项目）名称 (heldout31): it is a form like a
    project's, its name, funds, total and grade read (so its grade is checked against its score)."""
    from jixiao.plugins.extractors.selftable import read_tables

    form = _grid([["转移支付（项目）名称", "水利发展资金", "", "", "", "", ""],
                  ["资金情况（万元）", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分", ""],
                  ["年度资金总额", "79,214.37", "72,709.60", "10", "91.79%", "9.18", ""],
                  ["一级指标", "二级指标", "三级指标", "年度指标值", "全年实际值", "分值", "得分"],
                  ["产出指标", "数量指标", "新增灌溉面积", "≥20万亩", "20.4万亩", "80", "79.74"],
                  ["总分", "", "", "", "", "100", "88.92"],
                  ["自评等级", "优", "", "", "", "", ""]], 1)
    [project] = read_tables([form]).projects
    assert project["name"] == "水利发展资金" and str(project["executed"]) == "72709.60"
    assert (str(project["total_score"]), project["grade"]) == ("88.92", "优")


def test_a_scanned_cell_whose_figure_text_recognition_garbled_is_not_read_and_accuses_nothing():
    """Text recognition put the percent sign of 99.6% before its digits (%9.66, heldout33) and read specks after
    figures (5处. ≥90%?). The garbled figure is not read (an extraction note names its cell), so NAT-CMP-003 never
    says the department wrote no number; a speck is no part of what the cell states. Typed text is left as it is."""
    from jixiao.engine import Auditor, Options
    from jixiao.plugins.extractors.selftable import read_tables
    from jixiao.plugins.extractors.tables import Cell, Table

    def form(ocr: bool) -> Table:
        rows = [["项目名称", "草原生态保护补助奖励项目", "", "", "", "", "", "", ""],
                ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
                ["", "产出指标", "数量指标", "禁牧面积", "≥120万亩", "121万亩.", "50", "50", ""],
                ["", "产出指标", "质量指标", "补奖资金兑付准确率", "≥98%?", "%9.66", "40", "40", ""],
                ["", "满意度指标", "服务对象满意度指标", "农牧民满意度", "≥90%", "93%", "10", "10", ""]]
        where = {"page": 1, "line": 1, "ocr": True} if ocr else {}
        return Table(rows=[[Cell(text, dict(where), (r, c)) for c, text in enumerate(row)] for r, row in enumerate(rows)],
                     index=1, page=1 if ocr else None)

    scanned = read_tables([form(ocr=True)])
    [project] = scanned.projects
    assert [i.get("actual") for i in project["indicators"]] == ["121万亩", None, "93%"]
    assert project["indicators"][1]["target"] == "≥98%"
    [note] = [f for f in scanned.findings if f.values.get("problem") == "garbled_figures"]
    assert note.severity == "info" and "“%9.66”（第 1 页表 1 第 4 行第 6 列）" in note.message
    typed = read_tables([form(ocr=False)])
    assert [i.get("actual") for i in typed.projects[0]["indicators"]] == ["121万亩.", "%9.66", "93%"]
    assert not [f for f in typed.findings if f.values.get("problem") == "garbled_figures"]
    checked = Auditor(Options()).check_report({"kind": "self_evaluation_tables", "fiscal_year": 2020,
                                               "projects": scanned.projects}, "scan.png")
    assert not [f for f in checked.findings if f.rule_id == "NAT-CMP-003"]


def test_a_figure_a_program_wrote_as_a_formula_is_read_as_typed(tmp_path):
    """A system's export (openpyxl, xlsxwriter) writes every text beginning with = as a formula, with no saved result:
    a 年度指标值 of =100% or =0起 computes nothing, so it is read as typed (heldout34: the targets had gone unread,
    with a warning to open and save the file). A real formula without its result is still named and not read."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目1"
    ws["A1"], ws["B1"], ws["C1"], ws["D1"] = "=100%", "=0起", "=C4*3", "=SUM(A1:A2)"
    wb.save(tmp_path / "t.xlsx")
    doc = xlsx_document("t.xlsx", (tmp_path / "t.xlsx").read_bytes())
    row = doc.tables[0].rows[0]
    assert [c.text for c in row] == ["=100%", "=0起", "", ""]
    assert [c.problem for c in row] == [None, None, "formula_without_value", "formula_without_value"]
    [finding] = doc.findings
    assert finding.values["cells"] == ["C1", "D1"]


def test_a_form_that_may_go_on_over_a_page_not_read_is_not_added_up():
    """A scanned 自评表 over two pages whose second page OCR could not read within the time limit (heldout33, under
    the default --timeout): the rows read from page 1 are kept, but a check that adds up every row would accuse the
    department of weights summing to 55. Its indicators are `extraction.unread`, and an info names the page."""
    from jixiao.engine import Auditor, Options
    from jixiao.plugins.extractors.prose import extract_document
    from jixiao.plugins.extractors.tables import Cell, Document, Table

    rows = [["项目名称", "特困人员救助供养项目", "", "", "", "", "", ""],
            ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["", "年度资金总额", "500.00", "520.00", "500.00", "10", "96.15%", "9.62"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["", "产出指标", "数量指标", "供养人数", "≥800人", "812人", "15", "15"],
            ["", "产出指标", "质量指标", "照料服务覆盖率", "≥95%", "96%", "15", "15"],
            ["", "产出指标", "时效指标", "资金发放及时率", "100%", "100%", "15", "15"]]
    where = {"page": 1, "line": 1, "ocr": True}
    table = Table(rows=[[Cell(text, dict(where), (r, c)) for c, text in enumerate(row)] for r, row in enumerate(rows)],
                  index=1, page=1)
    from jixiao.plugins.extractors import ocr
    from jixiao.plugins.extractors.normalize import SourceLine

    timed_out = ocr.Outcome(lines=[SourceLine("项目支出绩效自评表", 1, 1, ocr=True)], read=[1], skipped=[2], tables=[table])
    partial = ocr.read_scan("scan.pdf", timed_out, 2, Options(), ocr.PDF)  # (the scan's unread page handed on)
    assert partial.report["extraction"]["unread"] == ["/projects/0/indicators"]
    [note] = [f for f in partial.findings if f.values.get("problem") == "indicator_pages_unread"]
    assert note.severity == "info" and "第 2 页未能读取" in note.message
    checked = Auditor(Options()).check_extraction(partial, "scan.pdf")
    assert not [f for f in checked.findings if f.rule_id in ("NAT-GRADE-009", "NAT-TBL-005")]
    # read whole, the same rows, with no 总分 row and weights short of 100, are no surer (heldout39: a layout text's
    # forms cut at page breaks): unread too, with a note of their own, and no accusation
    whole = extract_document("scan.pdf", Document([], [table]), Options(), "pdf")
    assert whole.report["extraction"]["unread"] == ["/projects/0/indicators"]
    assert [f.values.get("problem") for f in whole.findings if f.values.get("problem", "").startswith("indicator_")] == \
        ["indicator_rows_unfinished"]
    assert not {"NAT-GRADE-009", "NAT-TBL-005"} & {f.rule_id for f in Auditor(Options()).check_extraction(whole, "s.pdf").findings}
    # with its 总分 row (分值 55 of 100 stated as such), the form is whole and its weights are the form's own fault
    rows.append(["总分", "", "", "", "", "", "55", "54.62"])
    table = Table(rows=[[Cell(text, dict(where), (r, c)) for c, text in enumerate(row)] for r, row in enumerate(rows)],
                  index=1, page=1)
    whole = extract_document("scan.pdf", Document([], [table]), Options(), "pdf")
    assert "unread" not in whole.report["extraction"]
    assert "NAT-GRADE-009" in {f.rule_id for f in Auditor(Options()).check_extraction(whole, "s.pdf").findings}
