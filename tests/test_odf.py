"""OpenDocument files (.odt, .ods, .fodt), as offices on domestic (信创) desktops save them: real files written to disk
(tests/odfwriter.py) and checked as `jixiao check` does. What the document shows is read (not deleted text, comments,
footnotes or hidden text); merged and repeated cells are laid out as the application shows them; a broken, encrypted
or mislabelled file says what to do and is never guessed at. Where LibreOffice is installed, files it saves itself
give the findings their Word and Excel originals give."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.plugins.extractors.odf import odt_document
from tests.helpers import check_file, problems
from tests.test_ofd import assert_the_form_and_report_read
from helpers import use_ocr
from test_pictures import blank_form, form_boxes, image_bytes, no_ocr, picture_notes, png, scan  # noqa: F401 (no_ocr: a fixture)
from tests.odfwriter import SHEET, flat, p, package, sheet, table
from tests.test_legacy_formats import needs_soffice, soffice_convert

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

FORM = [["项目支出绩效自评表（2025年度）", "<<", "<<", "<<", "<<", "<<", "<<"],
        ["项目名称", "兰考县2025年度高标准农田建设项目", "<<", "<<", "<<", "<<", "<<"],
        ["主管部门", "兰考县农业农村局", "<<", "实施单位", "兰考县农业农村局", "<<", "<<"],
        ["项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "900.00", "986.40", "958.32", "10", "{rate}", "9.72"],
        ["当年财政拨款", "900.00", "986.40", "958.32", "—", "—", "—"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "建成农田面积", "≥1万亩", "1.02万亩", "25", "25"],
        ["", "质量指标", "工程验收合格率", "=100%", "100%", "25", "25"],
        ["效益指标", "社会效益指标", "受益农户", "≥3000户", "3120户", "30", "30"],
        ["满意度指标", "满意度", "群众满意度", "≥90%", "95%", "10", "10"],
        ["总分", "<<", "<<", "<<", "<<", "100", "99.72"],
        ["自评等级", "优", "<<", "<<", "<<", "<<", "<<"]]

OUTLINE = ('<text:outline-style style:name="Outline"><text:outline-level-style text:level="1" '
           'style:num-format="一, 二, 三, ..." style:num-suffix="、"/><text:outline-level-style text:level="2" '
           'style:num-prefix="（" style:num-format="一, 二, 三, ..." style:num-suffix="）"/></text:outline-style>')


def body(rate: str = "97.15%", prose: str = "{rate}") -> str:
    said = prose.format(rate="预算执行率97.15%")
    return "".join([
        p("兰考县农业农村局2025年度高标准农田建设项目绩效自评报告"),
        '<text:h text:outline-level="1">项目基本情况</text:h>',
        f"<text:p>　　项目年初预算<text:span>9</text:span>00.00万元，全年预算986.40万元，全年执行958.32万元，{said}。"
        "项目建成高标准农田1.02万亩，工程验收合格率100%。</text:p>",
        '<text:h text:outline-level="1">绩效目标完成情况</text:h>',
        p("　　各项指标均已完成，群众满意度95%。"),
        '<text:h text:outline-level="1">自评结论</text:h>',
        p("　　项目自评得分99.72分，等级为“优”。"),
        p("兰考县农业农村局"), p("2026年3月20日"), p("附件：项目支出绩效自评表"),
        table([[cell.format(rate=rate) for cell in row] for row in FORM]),
    ])


def write(folder: Path, name: str, data: bytes) -> Path:
    (folder / name).write_bytes(data)
    return folder / name


def test_an_odt_reports_form_is_read_and_a_wrong_rate_found_at_its_cell(tmp_path):
    result = check_file(write(tmp_path, "自评报告.odt", package(body(rate="97.51%"), styles=OUTLINE)))
    assert problems(result) == ["NAT-ARITH-009"]
    found = result.findings[0]
    assert found.location.table == 1 and found.location.row == 5 and found.location.col == 6
    assert_the_form_and_report_read(result)
    assert [s["title"] for s in result.report["sections"]][:3] == ["项目基本情况", "绩效目标完成情况", "自评结论"]
    # the headings numbered by the outline style, as LibreOffice shows them
    lines = [line.text for line in odt_document("r.odt", (tmp_path / "自评报告.odt").read_bytes()).prose]
    assert [lines[1], lines[3], lines[5]] == ["一、 项目基本情况", "二、 绩效目标完成情况", "三、 自评结论"]


def test_a_clean_odt_passes_and_a_prose_fault_names_its_paragraph(tmp_path):
    assert problems(check_file(write(tmp_path, "clean.odt", package(body(), styles=OUTLINE)))) == []
    result = check_file(write(tmp_path, "prose.odt", package(body(prose="预算执行率97.51%"), styles=OUTLINE)))
    assert problems(result) == ["NAT-ARITH-001", "JX-CONFLICT"]  # the prose's rate, against its figures and the form's
    assert result.findings[0].location.line == 3  # the body's third paragraph (lines count paragraphs, as in Word)


def test_what_the_document_does_not_show_is_not_read(tmp_path):
    # a tracked deletion of the old figure, a comment quoting another, a footnote, hidden text: none is the document's
    hidden = '<style:style style:name="T9" style:family="text"><style:text-properties text:display="none"/></style:style>'
    said = ("预算执行率<text:change-start text:change-id="
            '"c1"/>97.15%<text:change-end text:change-id="c1"/><text:change text:change-id="c2"/>'
            '<office:annotation><dc:creator>财政局</dc:creator><text:p>执行率应为99.50%？</text:p></office:annotation>'
            '<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body>'
            '<text:p>执行率按全年预算90.00万元计。</text:p></text:note-body></text:note>'
            '<text:span text:style-name="T9">（原执行率88.88%）</text:span>')
    changes = ('<text:tracked-changes><text:changed-region text:id="c2"><text:deletion><office:change-info>'
               "<dc:creator>科员</dc:creator></office:change-info><text:p>预算执行率96.11%</text:p></text:deletion>"
               "</text:changed-region></text:tracked-changes>")
    result = check_file(write(tmp_path, "changes.odt",
                              package(changes + body(prose=said), automatic=hidden, styles=OUTLINE)))
    assert problems(result) == []
    document = odt_document("changes.odt", (tmp_path / "changes.odt").read_bytes())
    text = "\n".join(line.text for line in document.prose)
    assert "预算执行率97.15%。" in text and "96.11" not in text and "99.50" not in text and "88.88" not in text
    assert "90.00万元" not in text


def test_spaces_tabs_breaks_lists_and_frames_read_as_shown(tmp_path):
    lists = ('<text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-format="1" '
             'style:num-suffix="."><style:list-level-properties text:list-level-position-and-space-mode='
             '"label-alignment"><style:list-level-label-alignment text:label-followed-by="nothing"/>'
             "</style:list-level-properties></text:list-level-style-number></text:list-style>")
    frame = ('<text:p>正文<draw:frame draw:name="框1"><draw:text-box><text:p>框内：资金1,2<text:s text:c="2"/>34.56万元'
             "</text:p></draw:text-box></draw:frame>之后</text:p>")
    content = ("<text:p>甲<text:tab/>乙<text:line-break/>丙</text:p>"
               '<text:list text:style-name="L1"><text:list-item><text:p>第一项</text:p></text:list-item>'
               "<text:list-item><text:p>第二项</text:p></text:list-item></text:list>"
               '<text:list text:style-name="L1" text:continue-numbering="true"><text:list-item><text:p>第三项</text:p>'
               '</text:list-item></text:list><text:list text:style-name="L1"><text:list-item>'
               "<text:p><text:number>（5）</text:number>存下的编号</text:p></text:list-item></text:list>" + frame)
    document = odt_document("a.odt", package(content, automatic=lists))
    assert [line.text for line in document.prose] == [
        "甲\t乙", "丙", "1.第一项", "2.第二项", "3.第三项", "（5）存下的编号", "正文之后", "框内：资金1,2  34.56万元"]


def test_merged_cells_fill_every_slot_they_cover_with_or_without_covered_cells(tmp_path):
    spanned = ('<table:table><table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>资金来源</text:p>'
               '</table:table-cell><table:table-cell table:number-columns-spanned="2"><text:p>预算数</text:p>'
               "</table:table-cell><table:covered-table-cell><text:p>被合并的旧字</text:p></table:covered-table-cell>"
               '<table:table-cell table:number-rows-spanned="2"><text:p>实际支出</text:p></table:table-cell>'
               "</table:table-row><table:table-row>{covered}<table:table-cell><text:p>年初预算</text:p>"
               "</table:table-cell><table:table-cell><text:p>全年预算</text:p></table:table-cell>{covered}"
               "</table:table-row><table:table-row><table:table-cell><text:p>合计</text:p></table:table-cell>"
               '<table:table-cell table:number-columns-repeated="2"><text:p>5.00</text:p></table:table-cell>'
               "<table:table-cell><text:p>4.80</text:p></table:table-cell></table:table-row></table:table>")
    expected = [["资金来源", "预算数", "预算数", "实际支出"], ["资金来源", "年初预算", "全年预算", "实际支出"],
                ["合计", "5.00", "5.00", "4.80"]]
    for covered in ("<table:covered-table-cell/>", ""):  # as the standard writes it, and as a careless writer does
        document = odt_document("t.odt", package(spanned.format(covered=covered)))
        assert [[cell.text for cell in row] for row in document.tables[0].rows] == expected
        assert document.tables[0].rows[0][0] is document.tables[0].rows[1][0]  # one cell in both slots


def test_a_report_inside_a_one_column_frame_is_the_body(tmp_path):
    framed = ('<table:table><table:table-column/><table:table-row><table:table-cell>'
              + body().replace("<text:h", "<text:p").replace("</text:h>", "</text:p>")
              + "</table:table-cell></table:table-row></table:table>")
    result = check_file(write(tmp_path, "framed.odt", package(framed)))
    assert problems(result) == [] and result.report["projects"][0]["executed"] == result.report["projects"][0]["executed"]
    assert str(result.report["projects"][0]["executed"]) == "958.32"


WORKBOOK = [["项目支出绩效自评表", "", "", "", "", ""],
            ["项目名称", "兰考县2025年度高标准农田建设项目", "", "", "", ""],
            ["主管部门", "兰考县农业农村局", "", "实施单位", "兰考县农业农村局", ""],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率", "得分"],
            ["年度资金总额", "900.00", "986.40", "958.32", "{rate}", "9.72"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分"],
            ["产出指标", "数量指标", "建成农田面积", "≥1万亩", "1.02万亩", "25"],
            ["效益指标", "社会效益指标", "受益农户", "≥3000户", "3120户", "30"],
            ["满意度指标", "满意度", "群众满意度", "≥90%", "95%", "10"]]
HIDDEN_SHEET = '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>'


def workbook(rate: str) -> bytes:
    form = sheet("自评表", [[cell.format(rate=rate) for cell in row] for row in WORKBOOK])
    draft = sheet("草稿", [[cell.format(rate="12.34%") for cell in row] for row in WORKBOOK], style="ta2")
    return package(form + draft, mime=SHEET, automatic=HIDDEN_SHEET)


def test_an_ods_form_is_read_at_its_cell_and_a_hidden_sheet_is_not(tmp_path):
    started = time.perf_counter()
    result = check_file(write(tmp_path, "自评表.ods", workbook("97.51%")))
    assert time.perf_counter() - started < 10  # a million repeated empty rows are counted, not unrolled
    assert problems(result) == ["NAT-ARITH-009"]
    where = result.findings[0].location
    assert (where.sheet, where.cell) == ("自评表", "E5")
    assert [str(result.report["projects"][0][k]) for k in ("adjusted_budget", "executed")] == ["986.40", "958.32"]
    assert problems(check_file(write(tmp_path, "clean.ods", workbook("97.15%")))) == []  # (the draft's 12.34%: hidden)


def test_an_ods_cell_shows_its_text_else_its_value_and_a_formula_without_either_is_named(tmp_path):
    cells = ('<table:table table:name="表"><table:table-row>'
             '<table:table-cell office:value-type="float" office:value="1234.5"><text:p>1,234.50</text:p></table:table-cell>'
             '<table:table-cell office:value-type="percentage" office:value="0.9167"/>'
             '<table:table-cell table:formula="of:=[.A1]*2"/>'
             '<table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>重复</text:p>'
             "</table:table-cell></table:table-row>"
             '<table:table-row table:visibility="collapse"><table:table-cell><text:p>隐藏的行</text:p></table:table-cell>'
             "</table:table-row><table:table-row><table:table-cell><text:p>末行</text:p></table:table-cell>"
             "</table:table-row></table:table>")
    from jixiao.plugins.extractors.odf import ods_document

    document = ods_document("a.ods", package(cells, mime=SHEET))
    assert [cell.text for cell in document.tables[0].rows[0]] == ["1,234.50", "91.67%", "", "重复", "重复"]
    assert document.tables[0].rows[0][2].problem == "formula_without_value"
    assert [row[0].text for row in document.tables[0].rows] == ["1,234.50", "末行"]  # (the hidden row is left out)
    notes = {f.values["problem"] for f in document.findings}
    assert notes == {"formula_without_value", "hidden_not_read"}


def test_a_flat_fodt_and_an_odt_without_its_suffix_are_read(tmp_path):
    assert problems(check_file(write(tmp_path, "报告.fodt", flat(body(rate="97.51%"), styles=OUTLINE)))) == \
        ["NAT-ARITH-009"]
    assert problems(check_file(write(tmp_path, "报告", package(body(rate="97.51%"))))) == ["NAT-ARITH-009"]
    # a package whose mimetype is not stored first (a careless writer): known by its mimetype member all the same
    assert problems(check_file(write(tmp_path, "报告2", package(body(rate="97.51%"), mimetype_first=False)))) == \
        ["NAT-ARITH-009"]


@pytest.mark.parametrize(("name", "data", "words"), [
    ("broken.odt", b"PK\x03\x04 cut short", "不是有效的 OpenDocument（.odt）文件"),
    ("dtd.odt", package(body(), doctype='<!DOCTYPE x [<!ENTITY a "b">]>'), "DTD not allowed"),
    ("locked.odt", package(body(), manifest_extra='<manifest:encryption-data manifest:checksum-type="SHA1"/>'),
     "设置了打开密码"),
])
def test_a_bad_odf_file_says_what_to_do(tmp_path, name, data, words):
    result = check_file(write(tmp_path, name, data))
    assert result.unreadable and words in result.findings[0].message


def test_a_spreadsheet_named_odt_is_read_as_the_spreadsheet_it_is(tmp_path):
    result = check_file(write(tmp_path, "自评表.odt", workbook("97.51%")))
    assert result.extractor == "ods" and problems(result) == ["NAT-ARITH-009"]
    from jixiao.kit import InputError
    from jixiao.plugins.extractors.odf import odt_document as read_as_text

    with pytest.raises(InputError, match="内容却是另一种 OpenDocument 文件"):  # (asked for by name: said, not guessed)
        read_as_text("自评表.odt", workbook("97.51%"))


@needs_soffice
@pytest.mark.slow
def test_libreoffice_saved_files_give_their_originals_findings(tmp_path):
    for original in (EXAMPLES / "wuling-civil-affairs-2022-self-evaluation-tables.xlsx",
                     EXAMPLES / "qinglong-trade-union-2021.txt"):
        converted = soffice_convert(original, "ods" if original.suffix == ".xlsx" else "odt", tmp_path)
        expected = check_file(original)
        got = check_file(converted)
        assert [(f.rule_id, f.severity) for f in got.findings] == [(f.rule_id, f.severity) for f in expected.findings]
        assert got.report.get("projects") == expected.report.get("projects")
        assert got.report["department"] == expected.report["department"]


_SPAN = st.sampled_from(["", "0", "1", "2", "3", "-1", "x", "99999999"])


@settings(max_examples=int(os.environ.get("JIXIAO_FUZZ_EXAMPLES", "60")), deadline=None)
@given(st.lists(st.lists(st.tuples(st.booleans(), _SPAN, _SPAN, _SPAN), max_size=6), min_size=1, max_size=6))
def test_any_table_of_spans_and_covered_cells_is_a_rectangular_grid(rows):
    """Spans, covered cells and repeats in any combination (missing, too large, nonsense) lay out as a grid whose every
    slot holds a cell that covers it; nothing is unrolled beyond the bounds."""
    xml = ['<table:table><table:table-column/>']
    for r, row in enumerate(rows):
        xml.append("<table:table-row>")
        for c, (covered, across, down, repeat) in enumerate(row):
            attrs = "".join(f' table:{name}="{value}"' for name, value in (
                ("number-columns-spanned", across), ("number-rows-spanned", down),
                ("number-columns-repeated", repeat)) if value)
            tag = "table:covered-table-cell" if covered else "table:table-cell"
            xml.append(f"<{tag}{attrs}><text:p>{r}.{c}</text:p></{tag}>")
        xml.append("</table:table-row>")
    xml.append("</table:table>")
    for grid_read in odt_document("fuzz.odt", package("".join(xml))).tables:
        assert grid_read.width <= 1024 and all(len(row) == grid_read.width for row in grid_read.rows)
        for r, row in enumerate(grid_read.rows):
            for c, cell in enumerate(row):
                top, left = cell.origin
                assert top <= r < top + cell.rowspan and left <= c < left + cell.colspan


def test_a_table_split_by_a_page_break_continues_and_one_after_a_paragraph_does_not():
    half = table([["项目", "全年预算", "实际支出"], ["甲", "1.00", "0.90"]])
    document = odt_document("split.odt", package(half + "<text:p/><text:soft-page-break/><text:p> </text:p>" + half
                                                 + p("表2 另一张表") + half))
    assert [t.continued for t in document.tables] == [False, True, False]
    assert document.tables[2].before == ["表2 另一张表"]


def picture_report(picture: bytes, width: str = "16cm", height: str = "12cm") -> bytes:
    frame = (f'<text:p><draw:frame draw:name="图片1" svg:width="{width}" svg:height="{height}">'
             '<draw:image xlink:href="Pictures/form.png"/></draw:frame></text:p>')
    prose = "".join(p(text) for text in ["某某县交通运输局2023年度项目支出绩效自评报告", "一、项目基本情况",
                                         "乡村道路养护项目由县公路管理站实施。", "附件：项目支出绩效自评表"])
    return package(prose + frame + p("报告日期：2024年3月20日"), files={"Pictures/form.png": picture})


@pytest.mark.usefixtures("no_ocr")
def test_without_ocr_a_form_pasted_as_a_picture_is_named_and_a_small_one_is_no_form(tmp_path):
    result = check_file(write(tmp_path, "报告.odt", picture_report(png(800, 600))))
    [note] = picture_notes(result)
    assert note.severity == "info" and "第 5 段" in note.message
    assert picture_notes(check_file(write(tmp_path, "徽标.odt", picture_report(png(80, 80), "2cm", "2cm")))) == []


def test_a_form_pasted_as_a_picture_is_checked_as_a_form(tmp_path, monkeypatch):
    use_ocr(monkeypatch, scan.DrawingEngine(form_boxes("95.00%")))
    result = check_file(write(tmp_path, "报告.odt", picture_report(image_bytes(blank_form()))))
    [project] = result.report["projects"]
    assert project["name"] == "乡村道路养护" and str(project["executed"]) == "110.00"
    [error] = [f for f in result.findings if f.severity == "error"]
    assert "执行率" in error.message and (error.location.picture, error.location.line) == (1, 5)
