"""OFD reports (GB/T 33190, the format 电子公文 systems export): the pages' text laid out by position and read as a
PDF's text layer is, a 自评表's cells by their columns. Real .ofd files are written to disk (tests/ofdwriter.py) and
checked as `jixiao check` does; a broken or scanned one says so and is never guessed at."""

from __future__ import annotations

import io
import zipfile

from jixiao.engine import Auditor, Options
from tests.helpers import check_file, problems
from tests.ofdwriter import ofd_bytes, paragraphs_and_tables

FORM = [["项目支出绩效自评表（2025年度）"],
        ["项目名称", "兰考县2025年度高标准农田建设项目"],
        ["主管部门", "兰考县农业农村局", "", "实施单位", "兰考县农业农村局"],
        ["项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "900.00", "986.40", "958.32", "10", "{rate}", "9.72"],
        ["当年财政拨款", "900.00", "986.40", "958.32", "—", "—", "—"],
        ["上年结转资金", "0.00", "0.00", "0.00", "—", "—", "—"],
        ["其他资金", "0.00", "0.00", "0.00", "—", "—", "—"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "建成农田面积", "≥1万亩", "1.02万亩", "25", "25"],
        ["", "质量指标", "工程验收合格率", "=100%", "100%", "25", "25"],
        ["效益指标", "社会效益指标", "受益农户", "≥3000户", "3120户", "30", "30"],
        ["满意度指标", "满意度", "群众满意度", "≥90%", "95%", "10", "10"],
        ["总分", "", "", "", "", "100", "99.72"],
        ["自评等级", "优"]]
COLUMNS = [0, 30, 56, 88, 112, 134, 150]


def report(rate: str = "97.15%", prose_rate: str = "97.15%") -> bytes:
    blocks = ["兰考县农业农村局2025年度高标准农田建设项目绩效自评报告", "一、项目基本情况",
              f"　　项目年初预算900.00万元，全年预算986.40万元，全年执行958.32万元，预算执行率{prose_rate}。项目建成高标准农田1.02万亩，工程验收合格率100%。",
              "二、绩效目标完成情况", "　　各项指标均已完成，群众满意度95%。", "三、自评结论", "　　项目自评得分99.72分，等级为“优”。",
              "兰考县农业农村局", "2026年3月20日", "附件：项目支出绩效自评表",
              [[cell.format(rate=rate) for cell in row] for row in FORM]]
    return ofd_bytes(paragraphs_and_tables(blocks, COLUMNS))


def test_an_ofd_reports_form_is_read_and_a_wrong_rate_found_at_its_cell(tmp_path):
    (tmp_path / "自评报告.ofd").write_bytes(report(rate="97.51%"))
    result = check_file(tmp_path / "自评报告.ofd")
    assert problems(result) == ["NAT-ARITH-009"]
    found = result.findings[0]
    assert found.location.page == 1 and found.location.table == 1
    assert_the_form_and_report_read(result)


def assert_the_form_and_report_read(result) -> None:
    """The wrong rate's message, the form's figures and indicators, the report's title and date (of this file's
    report, which the OpenDocument tests write too)."""
    assert "958.32 ÷ 986.40" in result.findings[0].message
    project = result.report["projects"][0]
    assert project["name"] == "兰考县2025年度高标准农田建设项目"
    assert [str(project[k]) for k in ("initial_budget", "adjusted_budget", "executed", "total_score")] == \
        ["900.00", "986.40", "958.32", "99.72"]
    assert [i["level3"] for i in project["indicators"]] == ["建成农田面积", "工程验收合格率", "受益农户", "群众满意度"]
    assert result.report["title"] == "兰考县农业农村局2025年度高标准农田建设项目绩效自评报告"
    assert result.report["report_date"] == "2026-03-20"


def test_a_clean_ofd_passes_and_a_prose_fault_names_its_page_and_line(tmp_path):
    (tmp_path / "clean.ofd").write_bytes(report())
    assert problems(check_file(tmp_path / "clean.ofd")) == []
    (tmp_path / "prose.ofd").write_bytes(report(prose_rate="97.51%"))
    result = check_file(tmp_path / "prose.ofd")
    assert problems(result) == ["NAT-ARITH-001", "JX-CONFLICT"]  # the prose's rate, against its figures and the form's
    rate = result.findings[0]
    # the paragraph wraps: 97.51% stands on the page's fourth line; a project's report names the project's rate
    assert (rate.location.page, rate.location.line) == (1, 4) and rate.message.startswith("项目执行率：报告为 97.51%")


def test_an_ofd_without_its_suffix_is_told_by_its_bytes(tmp_path):
    (tmp_path / "自评报告").write_bytes(report(rate="97.51%"))
    assert problems(check_file(tmp_path / "自评报告")) == ["NAT-ARITH-009"]


def test_a_broken_ofd_says_what_to_do_and_is_never_guessed(tmp_path):
    (tmp_path / "a.ofd").write_bytes(b"PK\x03\x04 not really a zip")
    result = check_file(tmp_path / "a.ofd")
    assert result.unreadable and "不是有效的 OFD 文件" in result.findings[0].message
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:  # an entity trick in a part: refused, never expanded
        z.writestr("OFD.xml", '<!DOCTYPE x [<!ENTITY e "boom">]><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016">&e;</ofd:OFD>')
    (tmp_path / "b.ofd").write_bytes(buffer.getvalue())
    result = Auditor(Options(lang="en")).check_path(str(tmp_path / "b.ofd"))
    assert result.unreadable and "DTD not allowed" in result.findings[0].message


def test_a_scanned_ofd_is_not_read_and_says_so(tmp_path):
    (tmp_path / "scan.ofd").write_bytes(ofd_bytes([[]], image_pages=frozenset({0})))
    result = check_file(tmp_path / "scan.ofd")
    assert result.unreadable and "只有图片" in result.findings[0].message
    pages = paragraphs_and_tables(["兰考县农业农村局2025年度高标准农田建设项目绩效自评报告", "一、项目基本情况",
                                   "　　项目全年预算986.40万元，全年执行958.32万元，预算执行率97.15%。"])
    (tmp_path / "mixed.ofd").write_bytes(ofd_bytes([*pages, []], image_pages=frozenset({1})))
    result = check_file(tmp_path / "mixed.ofd")
    scanned = [f for f in result.findings if f.values.get("problem") == "scanned_pages"]
    assert len(scanned) == 1 and scanned[0].severity == "warning" and scanned[0].values["pages"] == [2]
    assert problems(result) == ["JX-EXTRACTION"]  # (about jixiao's reading, never about the report)


def test_runs_split_at_font_changes_a_ctm_and_a_template_page_are_read_as_printed(tmp_path):
    ns = "http://www.ofdspec.org/2016"
    # a title in two runs that touch (two fonts), a paragraph drawn in points through a CTM, a running header and a
    # page number on a template page
    content = (f'<ofd:Page xmlns:ofd="{ns}"><ofd:Template TemplateID="9"/><ofd:Content><ofd:Layer ID="2">'
               '<ofd:TextObject ID="11" Boundary="25 26 80 6" Size="5"><ofd:TextCode X="0" Y="5" DeltaX="g 12 5">兰考县农业农村局2025年</ofd:TextCode></ofd:TextObject>'
               '<ofd:TextObject ID="12" Boundary="90 26 120 6" Size="5"><ofd:TextCode X="0" Y="5" DeltaX="g 12 5">度项目支出绩效自评报告</ofd:TextCode></ofd:TextObject>'
               '<ofd:TextObject ID="13" Boundary="25 40 160 6" Size="10" CTM="0.3528 0 0 0.3528 0 0">'
               '<ofd:TextCode X="0" Y="10" DeltaX="g 4 10">一、基本情况</ofd:TextCode></ofd:TextObject>'
               '<ofd:TextObject ID="14" Boundary="25 48 160 6" Size="10" CTM="0.3528 0 0 0.3528 0 0">'
               '<ofd:TextCode X="0" Y="10">项目全年预算986.40万元，全年执行958.32万元，执行率97.51%。</ofd:TextCode></ofd:TextObject>'
               '</ofd:Layer></ofd:Content></ofd:Page>')
    template = (f'<ofd:Page xmlns:ofd="{ns}"><ofd:Content><ofd:Layer ID="3">'
                '<ofd:TextObject ID="21" Boundary="25 12 100 5" Size="3"><ofd:TextCode X="0" Y="3" DeltaX="g 9 3">兰考县农业农村局文件</ofd:TextCode></ofd:TextObject>'
                '<ofd:TextObject ID="22" Boundary="100 285 20 5" Size="3"><ofd:TextCode X="0" Y="3">- 1 -</ofd:TextCode></ofd:TextObject>'
                '</ofd:Layer></ofd:Content></ofd:Page>')
    document = (f'<ofd:Document xmlns:ofd="{ns}"><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>'
                '</ofd:PageArea><ofd:TemplatePage ID="9" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>'
                '<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("OFD.xml", f'<ofd:OFD xmlns:ofd="{ns}"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        z.writestr("Doc_0/Document.xml", document)
        z.writestr("Doc_0/Pages/Page_0/Content.xml", content)
        z.writestr("Doc_0/Tpls/Tpl_0/Content.xml", template)
    (tmp_path / "r.ofd").write_bytes(buffer.getvalue())
    result = check_file(tmp_path / "r.ofd")
    assert result.report["title"] == "兰考县农业农村局2025年度项目支出绩效自评报告"  # (the two runs touch: one word)
    assert [s["title"] for s in result.report["sections"]] == ["基本情况"]
    assert problems(result) == ["NAT-ARITH-001"]
    assert (result.findings[0].location.page, result.findings[0].location.line) == (1, 4)  # header, title, heading, …


def test_a_ruled_form_is_read_from_its_grid(tmp_path):
    # an exporter draws the form's borders as path objects: the cells are read from the grid, as a PDF's ruled tables are
    blocks = ["兰考县农业农村局2025年度高标准农田建设项目绩效自评报告", "一、项目基本情况",
              "　　项目年初预算900.00万元，全年预算986.40万元，全年执行958.32万元，预算执行率97.15%。",
              "三、自评结论", "　　项目自评得分99.72分，等级为“优”。", "附件：项目支出绩效自评表",
              [[cell.format(rate="97.51%") for cell in row] for row in FORM[1:]]]
    rules: dict = {}
    pages = paragraphs_and_tables(blocks, [0, 30, 56, 88, 112, 134, 150], rules=rules)
    (tmp_path / "ruled.ofd").write_bytes(ofd_bytes(pages, rules=rules))
    result = check_file(tmp_path / "ruled.ofd")
    assert problems(result) == ["NAT-ARITH-009"]
    found = result.findings[0]
    assert (found.location.page, found.location.table, found.location.row, found.location.col) == (1, 1, 4, 6)
    project = result.report["projects"][0]
    assert [i["target"] for i in project["indicators"]] == ["≥1万亩", "=100%", "≥3000户", "≥90%"]  # (≥ set full width)


def test_a_wide_sign_takes_two_columns_so_the_cell_after_it_stays_under_its_header():
    # a page without ruling lines is laid out as text: a value after ≥ must start at its header's column, as the
    # text-table reader counts columns (≥ is set full width), not one to the right of it
    from jixiao.plugins.extractors.normalize import _width
    from jixiao.plugins.extractors.ofd import _Glyph, _layout

    def run(text: str, x: float, y: float, size: float = 4.0) -> list[_Glyph]:
        glyphs = []
        for ch in text:
            advance = size if ord(ch) > 0x2E7F or ch in "≥≤" else size * 0.5
            glyphs.append(_Glyph(ch, x, y, size, advance))
            x += advance
        glyphs[-1].advance = None
        return glyphs

    header, row = _layout(run("指标值", 0, 10) + run("完成值", 20, 10) + run("≥90%", 0, 16) + run("95%", 20, 16))
    assert _width(header[:header.index("完")]) == _width(row[:row.index("95%")])
