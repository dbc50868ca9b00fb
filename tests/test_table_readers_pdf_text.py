"""Table readers for PDF (ruling lines and character positions, pdftables.py) and plain text (texttables.py).

The PDFs are built here with reportlab (built-in CID font STSong-Light: no font files): a 自评表 with a
grid and merged cells, a table broken across pages with its header repeated, a merged first-level cell cut
by the page break, a page whose text is drawn in scrambled order, rules drawn as rectangles inside a form
XObject, and text without rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.errors import InputError
from jixiao.plugins.extractors.normalize import split_text_lines
from jixiao.plugins.extractors.pdftables import pdf_document
from jixiao.plugins.extractors.texttables import VOCABULARY, text_tables

pytest.importorskip("reportlab")

from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # noqa: E402

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
TITLE = ParagraphStyle("title", fontName=FONT, fontSize=14, leading=20)
BODY = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14)
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10)
RUNNING = "青龙县交通运输局2022年度项目支出绩效自评报告"

INDICATOR_HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]


# -- building PDFs ---------------------------------------------------------------------------------------
def _style(extra=()):
    return TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONTNAME", (0, 0), (-1, -1), FONT),
                       ("FONTSIZE", (0, 0), (-1, -1), 8), ("VALIGN", (0, 0), (-1, -1), "TOP"), *extra])


def _decorate(pdf, doc):
    """A running header and a page number on every page, as reports have them."""
    width, height = pdf._pagesize
    pdf.saveState()
    pdf.setFont(FONT, 9)
    pdf.drawCentredString(width / 2, height - 30, RUNNING)
    pdf.drawCentredString(width / 2, 24, f"- {doc.page} -")
    pdf.restoreState()


def self_evaluation_pdf(path: Path, pages: int = 1) -> Path:
    """The national 项目支出绩效自评表 (9 columns) with merged cells across rows and columns; `pages`
    copies of the page (for the benchmark)."""
    p = lambda text: Paragraph(text, CELL)  # noqa: E731 - a wrapped cell
    rows = [
        ["项目名称", "乡村道路养护", "", "", "", "", "", "", ""],
        ["主管部门", "县交通运输局", "", "", "", "实施单位", "县公路管理站", "", ""],
        ["项目资金（万元）", "", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "", "100.00", "120.00", "110.00", "10", "91.67%", "9.17"],
        ["", "其中：当年财政拨款", "", "100.00", "120.00", "110.00", "—", "—", "—"],
        ["", "上年结转资金", "", "0.00", "0.00", "0.00", "—", "—", "—"],
        ["年度总体目标", "预期目标", "", "", "", "实际完成情况", "", "", ""],
        ["", p("完成乡村道路养护50公里，桥梁检查4次"), "", "", "", p("完成养护52公里，检查桥梁4次"), "", "", ""],
        ["绩效指标", *INDICATOR_HEADER[:-1], p("偏差原因分析及改进措施")],
        ["", "产出指标", "数量指标", "道路养护里程", "≥50公里", "52公里", "20", "20", "—"],
        ["", "", "", "桥梁检查次数", "≥4次", "4次", "10", "10", "—"],
        ["", "", "质量指标", "验收合格率", "100%", "98%", "10", "9.8", "个别路段返工"],
        ["", "效益指标", "社会效益指标", "群众出行便利度", "明显提升", "明显提升", "30", "30", "—"],
        ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", "10", "10", "—"],
        ["总分", "", "", "", "", "", "100", "97.97", "自评等级：优"],
    ]
    spans = [("SPAN", (1, 0), (8, 0)), ("SPAN", (1, 1), (4, 1)), ("SPAN", (6, 1), (8, 1)),
             ("SPAN", (0, 2), (0, 5)), ("SPAN", (1, 2), (2, 2)), ("SPAN", (1, 3), (2, 3)), ("SPAN", (1, 4), (2, 4)),
             ("SPAN", (1, 5), (2, 5)), ("SPAN", (0, 6), (0, 7)), ("SPAN", (1, 6), (4, 6)), ("SPAN", (5, 6), (8, 6)),
             ("SPAN", (1, 7), (4, 7)), ("SPAN", (5, 7), (8, 7)), ("SPAN", (0, 8), (0, 13)),
             ("SPAN", (1, 9), (1, 11)), ("SPAN", (2, 9), (2, 10)), ("SPAN", (0, 14), (5, 14))]
    widths = [70, 60, 90, 90, 70, 70, 40, 50, 110]
    story = []
    for page in range(pages):
        story += [Paragraph("一、项目基本情况", BODY), Spacer(1, 8), Paragraph("项目支出绩效自评表", TITLE),
                  Paragraph("（2022年度）", BODY), Spacer(1, 6), Table(rows, colWidths=widths, style=_style(spans)),
                  Spacer(1, 10), Paragraph("填报说明：本表金额单位为万元。", BODY)]
        if page < pages - 1:
            story.append(PageBreak())
    SimpleDocTemplate(str(path), pagesize=landscape(A4), topMargin=50, bottomMargin=50).build(story)
    return path


def _indicator_rows(count: int, start: int = 0) -> list[list[str]]:
    return [["产出指标" if k == 0 else "", "数量指标" if k % 5 == 0 else "", f"指标{start + k}", "≥50人", f"{50 + k}人",
             "1", "1", "—"] for k in range(count)]


def long_table_pdf(path: Path) -> Path:
    """A 90-row indicator table over three pages (header repeated), then another project's table with
    the same columns under its own title on a new page (not a continuation)."""
    widths = [55, 60, 70, 60, 60, 35, 35, 110]
    rows = [INDICATOR_HEADER, *_indicator_rows(90)]
    spans = [("SPAN", (1, r), (1, r + 4)) for r in range(1, 91, 5)]
    doc = SimpleDocTemplate(str(path), pagesize=A4, topMargin=60, bottomMargin=60)
    second = Table([INDICATOR_HEADER, *_indicator_rows(3, 100)], colWidths=widths, style=_style())
    doc.build([Paragraph("项目支出绩效自评表", TITLE), Paragraph("（2022年度）", BODY),
               Table(rows, colWidths=widths, repeatRows=1, style=_style(spans)),
               PageBreak(), Paragraph("项目支出绩效自评表", TITLE), Paragraph("项目名称：桥梁维护", BODY), second],
              onFirstPage=_decorate, onLaterPages=_decorate)
    return path


def cut_cell_pdf(path: Path) -> Path:
    """A table broken by a page break inside the merged 产出指标 cell, as a word processor prints it: the
    merged cell's text on the first page, the rest of the cell empty on the next, the header repeated."""
    widths = [55, 60, 70, 60, 60, 35, 35, 110]
    first = [INDICATOR_HEADER, ["产出指标", "数量指标", "道路养护里程", "≥50公里", "52公里", "20", "20", "—"],
             ["", "", "桥梁检查次数", "≥4次", "4次", "10", "10", "—"]]
    second = [INDICATOR_HEADER, ["", "质量指标", "验收合格率", "100%", "98%", "10", "9.8", "个别路段返工"],
              ["效益指标", "社会效益指标", "群众出行便利度", "明显提升", "明显提升", "30", "30", "—"]]
    doc = SimpleDocTemplate(str(path), pagesize=A4, topMargin=60, bottomMargin=60)
    doc.build([Paragraph("项目支出绩效自评表", TITLE),
               Table(first, colWidths=widths, style=_style([("SPAN", (0, 1), (0, 2))])), PageBreak(),
               Table(second, colWidths=widths, style=_style()), Spacer(1, 10), Paragraph("以上为绩效指标完成情况。", BODY)],
              onFirstPage=_decorate, onLaterPages=_decorate)
    return path


GRID_X = [60, 160, 260, 340]
GRID_Y = [700, 680, 660, 640]  # top to bottom
SCRAMBLED = [["指标名称", "目标值", "完成值"], ["乡村 道路养护", "50公里", "52公里"], ["群众满意度", "≥90%", "95%"]]


def scrambled_pdf(path: Path) -> Path:
    """Cells drawn as rectangles and their text drawn bottom row first, right to left, the title last:
    the text stream is out of reading order, the positions are right."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setLineWidth(0.6)
    for r in range(3):
        for k in range(3):
            x0, x1, y0, y1 = GRID_X[k], GRID_X[k + 1], GRID_Y[r + 1], GRID_Y[r]
            pdf.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=0)
    pdf.setFont(FONT, 10)
    for r in (2, 1, 0):
        for k in (2, 1, 0):
            pdf.drawString(GRID_X[k] + 4, GRID_Y[r + 1] + 6, SCRAMBLED[r][k])
    pdf.drawString(60, 600, "表后的说明文字。")
    pdf.drawString(60, 730, "绩效指标完成情况表")
    pdf.showPage()
    pdf.save()
    return path


def form_pdf(path: Path) -> Path:
    """Rules as thin filled rectangles inside a form XObject placed with a scale and a shift, and a
    column rule missing in the first row (a cell merged across two columns)."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.beginForm("grid")
    t = 0.5
    for y in (0, 40, 80, 120):
        pdf.rect(0, y - t / 2, 300, t, stroke=0, fill=1)
    for x in (0, 300):
        pdf.rect(x - t / 2, 0, t, 120, stroke=0, fill=1)
    for x in (100, 200):
        pdf.rect(x - t / 2, 0, t, 80, stroke=0, fill=1)  # the top row has no rule at 100 and 200
    pdf.endForm()
    pdf.saveState()
    pdf.translate(100, 500)
    pdf.scale(1.5, 1.5)
    pdf.doForm("grid")
    pdf.restoreState()
    pdf.setFont(FONT, 12)
    # grid in page space: x 100, 250, 400, 550; y 500, 560, 620, 680
    pdf.drawString(110, 640, "项目名称：乡村道路养护")
    for k, text in enumerate(["年初预算数", "全年预算数", "全年执行数"]):
        pdf.drawString(110 + 150 * k, 580, text)
    for k, text in enumerate(["100.00", "120.00", "110.00"]):
        pdf.drawString(110 + 150 * k, 520, text)
    pdf.drawString(100, 720, "（一）资金情况")
    pdf.showPage()
    pdf.save()
    return path


def prose_pdf(path: Path) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont(FONT, 11)
    for k, line in enumerate(["一、基本情况", "年初预算数    全年预算数    全年执行数", "100.00    120.00    110.00"]):
        pdf.drawString(60, 760 - 20 * k, line)
    pdf.line(60, 690, 500, 690)  # a lone rule under the text: no table
    pdf.showPage()
    pdf.save()
    return path


def read(path: Path):
    return pdf_document(str(path), path.read_bytes())


def texts(table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


def line_of(doc, where):
    return next(line for line in doc.prose if line.page == where["page"] and line.number == where["line"])


def cell_by_text(table, text):
    return next(c for row in table.rows for c in row if c.text == text)


# -- PDF: the 自评表 ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pdf_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pdf")


@pytest.fixture(scope="module")
def self_evaluation(pdf_dir):
    return read(self_evaluation_pdf(pdf_dir / "self.pdf"))


def test_self_evaluation_grid_and_merged_cells(self_evaluation):
    doc = self_evaluation
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert (len(table.rows), table.width) == (15, 9)
    assert table.page == 1 and table.index == 1 and not table.continued
    assert table.before == ["一、项目基本情况", "项目支出绩效自评表", "（2022年度）"]
    # 项目名称's value spans the eight columns to its right: one Cell in every slot
    name = table.cell(0, 1)
    assert name.text == "乡村道路养护" and (name.origin, name.rowspan, name.colspan) == ((0, 1), 1, 8)
    assert all(table.cell(0, k) is name for k in range(1, 9))
    # 项目资金（万元） spans four rows down
    funds = table.cell(2, 0)
    assert funds.text == "项目资金（万元）" and (funds.rowspan, funds.colspan) == (4, 1)
    assert table.cell(5, 0) is funds
    assert texts(table)[3] == ["项目资金（万元）", "年度资金总额", "年度资金总额", "100.00", "120.00", "110.00", "10",
                              "91.67%", "9.17"]
    # 产出指标 spans three rows, 数量指标 two; 绩效指标 six
    output = table.cell(9, 1)
    assert output.text == "产出指标" and output.rowspan == 3 and table.cell(11, 1) is output
    assert table.cell(10, 2).text == "数量指标" and table.cell(11, 2).text == "质量指标"
    assert table.cell(13, 0).text == "绩效指标" and table.cell(8, 0).rowspan == 6
    assert texts(table)[8][1:] == INDICATOR_HEADER
    assert texts(table)[14] == ["总分"] * 6 + ["100", "97.97", "自评等级：优"]
    # a wrapped cell's lines joined in reading order
    assert table.cell(7, 1).text == "完成乡村道路养护50公里，桥梁检查4次"
    assert table.cell(7, 1).colspan == 4


def test_self_evaluation_where(self_evaluation):
    doc = self_evaluation
    table = doc.tables[0]
    for text in ("乡村道路养护", "91.67%", "县公路管理站", "个别路段返工", "≥90%"):
        cell = cell_by_text(table, text)
        where = cell.where
        assert where["page"] == 1 and where["quote"] == text
        line = line_of(doc, where)
        assert line.text[where["column"] - 1:where["end_column"] - 1] == text
        assert line.table == 1
    # an empty cell points, with zero width, at the first character of its row
    empty = table.cell(2, 1)
    assert empty.text == "" and empty.colspan == 2
    anchor = table.cell(2, 0).where
    assert empty.where == {"page": 1, "line": anchor["line"], "column": anchor["column"], "end_line": anchor["line"],
                           "end_column": anchor["column"], "quote": ""}


def test_self_evaluation_prose_lines_keep_no_table(self_evaluation):
    doc = self_evaluation
    outside = {line.text.strip(): line.table for line in doc.prose if line.text.strip()}
    assert outside["项目支出绩效自评表"] is None
    assert outside["（2022年度）"] is None
    assert outside["填报说明：本表金额单位为万元。"] is None
    tagged = [line for line in doc.prose if line.table == 1]
    assert tagged and all("乡村道路养护" not in line.text or line.table == 1 for line in doc.prose)


def test_lines_are_the_text_layer_lines(pdf_dir):
    from jixiao.plugins.extractors.pdf import pdf_pages

    for build in (self_evaluation_pdf, long_table_pdf, scrambled_pdf):
        path = build(pdf_dir / f"layer-{build.__name__}.pdf")
        data = path.read_bytes()
        pages, _ = pdf_pages(str(path), data, "zh")
        doc = pdf_document(str(path), data)
        for page, lines in enumerate(pages, start=1):
            read = [line for line in doc.prose if line.page == page]
            # the text layer's lines, every one; where the layer draws them out of reading order (the page's header
            # and footer before its body, a form's cells bottom row first), top to bottom, numbered as read
            assert sorted(line.text for line in read) == sorted(text for text in lines if text.strip())
            assert [line.number for line in read] == list(range(1, len(read) + 1))
            footers = [k for k, line in enumerate(read) if line.text.strip().startswith("- ")]
            assert footers in ([], [len(read) - 1])  # (the page number at its foot, last)


# -- PDF: tables across pages ---------------------------------------------------------------------------
def test_long_table_continues_on_next_pages(pdf_dir):
    doc = read(long_table_pdf(pdf_dir / "long.pdf"))
    assert [t.page for t in doc.tables] == [1, 2, 3, 4]
    first, *rest = doc.tables
    assert first.before == ["项目支出绩效自评表", "（2022年度）"]  # the running header left out
    assert not first.continued
    continued = [t for t in rest if t.continued]
    assert len(continued) == len(rest) - 1  # all but the next project's table
    for table in continued:
        assert texts(table)[0] == INDICATOR_HEADER  # the repeated header, kept; the mapping skips it
        assert table.before == []
        assert table.width == 8
    # every indicator row is read once, in order, across the pages
    names = [row[2] for t in [first, *continued] for row in texts(t) if row[2].startswith("指标")]
    assert names == [f"指标{k}" for k in range(90)]
    last = rest[-1]
    assert not last.continued and last.before == ["项目支出绩效自评表", "项目名称：桥梁维护"]
    assert [row[2] for row in texts(last)[1:]] == ["指标100", "指标101", "指标102"]
    # a cell on a later page locates on that page
    cell = cell_by_text(continued[0], texts(continued[0])[1][2])
    line = line_of(doc, cell.where)
    assert cell.where["page"] == continued[0].page and line.table == continued[0].index
    # page numbers and running headers are not table lines
    for line in doc.prose:
        if line.text.strip() in (RUNNING,) or line.text.strip().startswith("- "):
            assert line.table is None


def test_merged_cell_cut_by_page_break(pdf_dir):
    doc = read(cut_cell_pdf(pdf_dir / "cut.pdf"))
    assert [t.page for t in doc.tables] == [1, 2]
    top, bottom = doc.tables
    assert not top.continued and bottom.continued
    assert top.cell(1, 0).text == "产出指标" and top.cell(1, 0).rowspan == 2
    assert texts(bottom)[0] == INDICATOR_HEADER
    # the rest of the 产出指标 cell: empty on the new page (the mapping fills it from the row above)
    assert bottom.cell(1, 0).text == "" and bottom.cell(1, 0).rowspan == 1
    assert texts(bottom)[1] == ["", "质量指标", "验收合格率", "100%", "98%", "10", "9.8", "个别路段返工"]
    assert texts(bottom)[2][0] == "效益指标"
    empty = bottom.cell(1, 0).where
    assert empty["page"] == 2 and empty["quote"] == "" and empty["column"] == empty["end_column"]
    assert line_of(doc, empty).table == 2
    after = [line for line in doc.prose if line.text.strip() == "以上为绩效指标完成情况。"]
    assert after and after[0].table is None


def test_next_page_table_with_other_columns_is_not_continued(pdf_dir, tmp_path):
    path = tmp_path / "two.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4)
    a = Table([["年初预算数", "全年预算数"], ["100", "120"]], colWidths=[100, 100], style=_style())
    b = Table([["一级指标", "二级指标", "三级指标"], ["产出指标", "数量指标", "里程"]], colWidths=[80, 80, 80],
              style=_style())
    doc.build([Spacer(1, 600), a, PageBreak(), b])
    result = read(path)
    assert [t.page for t in result.tables] == [1, 2]
    assert not result.tables[1].continued


def test_continuation_mark_above_the_next_page_table(tmp_path):
    path = tmp_path / "mark.pdf"
    widths = [100, 100]
    doc = SimpleDocTemplate(str(path), pagesize=A4)
    doc.build([Spacer(1, 640), Table([["年初预算数", "全年预算数"], ["100", "120"]], colWidths=widths, style=_style()),
               PageBreak(), Paragraph("（续表）", BODY),
               Table([["年初预算数", "全年预算数"], ["200", "220"]], colWidths=widths, style=_style()),
               PageBreak(), Paragraph("第二个项目", BODY),
               Table([["年初预算数", "全年预算数"], ["300", "330"]], colWidths=widths, style=_style())])
    result = read(path)
    assert [t.continued for t in result.tables] == [False, True, False]
    assert result.tables[1].before == ["（续表）"]


def test_white_backgrounds_are_not_rules(tmp_path):
    path = tmp_path / "white.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFillColorRGB(1, 1, 1)
    for k in range(3):  # touching white boxes behind three paragraphs
        pdf.rect(60, 700 - 30 * k, 400, 30, stroke=0, fill=1)
    pdf.setFillColorRGB(0, 0, 0)
    pdf.setFont(FONT, 11)
    for k, text in enumerate(["第一段文字。", "第二段文字。", "第三段文字。"]):
        pdf.drawString(70, 710 - 30 * k, text)
    pdf.showPage()
    pdf.save()
    result = read(path)
    assert result.tables == [] and all(line.table is None for line in result.prose)


def test_word_processor_pdf(tmp_path):
    """A .docx table (merged cells, repeated header row) printed to PDF by LibreOffice: borders and fonts as
    an office suite draws them, a merged cell cut by the page break."""
    import shutil
    import subprocess

    docx = pytest.importorskip("docx")
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_paragraph("项目支出绩效自评表")
    table = document.add_table(rows=71, cols=8)
    table.style = "Table Grid"
    for k, text in enumerate(INDICATOR_HEADER):
        table.cell(0, k).text = text
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for r in range(1, 71):
        for k, text in enumerate(["", "", f"指标{r}", "≥50人", f"{50 + r}人", "1", "1", "—"]):
            table.cell(r, k).text = text
    table.cell(1, 0).merge(table.cell(45, 0)).text = "产出指标"
    table.cell(46, 0).merge(table.cell(70, 0)).text = "效益指标"
    document.add_paragraph("以上为绩效指标完成情况。")
    source = tmp_path / "word.docx"
    document.save(str(source))
    done = subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                          capture_output=True, timeout=180)
    if done.returncode or not (tmp_path / "word.pdf").exists():
        pytest.skip(f"LibreOffice could not convert: {done.stderr[-200:]!r}")
    doc = read(tmp_path / "word.pdf")
    assert len(doc.tables) >= 2
    first, *rest = doc.tables
    assert not first.continued and all(t.continued for t in rest)
    assert first.before == ["项目支出绩效自评表"]
    output = first.cell(1, 0)
    assert output.text == "产出指标" and output.origin == (1, 0) and output.rowspan == len(first.rows) - 1
    second = rest[0]
    assert texts(second)[0] == INDICATOR_HEADER
    assert second.cell(1, 0).text == ""  # the rest of 产出指标 on the next page
    names = [row[2] for t in doc.tables for row in texts(t)[1:]]
    assert names == [f"指标{r}" for r in range(1, 71)]  # no stray space where the font changes (指标 42)
    assert [line.table for line in doc.prose if line.text.strip() == "以上为绩效指标完成情况。"] == [None]


# -- PDF: positions, not the text stream -----------------------------------------------------------------
def test_scrambled_text_stream(pdf_dir):
    doc = read(scrambled_pdf(pdf_dir / "scrambled.pdf"))
    stream = [line.text for line in doc.prose if line.text.strip()]
    assert stream[0] != "指标名称"  # the text layer starts with the last row: out of order
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert texts(table) == SCRAMBLED
    assert table.before == ["绩效指标完成情况表"]
    cell = table.cell(1, 0)
    assert cell.text == "乡村 道路养护"  # the space the text layer has
    where = cell.where
    assert line_of(doc, where).text[where["column"] - 1:where["end_column"] - 1] == "乡村 道路养护"
    for line in doc.prose:
        if line.text.strip() in ("表后的说明文字。", "绩效指标完成情况表"):
            assert line.table is None
        elif line.text.strip() in ("95%", "群众满意度"):
            assert line.table == 1


def test_rules_in_a_form_xobject_with_a_merged_first_row(pdf_dir):
    doc = read(form_pdf(pdf_dir / "form.pdf"))
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert texts(table) == [["项目名称：乡村道路养护"] * 3, ["年初预算数", "全年预算数", "全年执行数"],
                            ["100.00", "120.00", "110.00"]]
    assert table.cell(0, 0).colspan == 3 and table.cell(0, 2) is table.cell(0, 0)
    assert table.before == ["（一）资金情况"]


def test_text_without_rules_forms_no_table(pdf_dir):
    doc = read(prose_pdf(pdf_dir / "prose.pdf"))
    assert doc.tables == []
    assert all(line.table is None for line in doc.prose)
    assert any("全年预算数" in line.text for line in doc.prose)


def test_broken_and_encrypted_pdfs(tmp_path):
    with pytest.raises(InputError) as broken:
        pdf_document("bad.pdf", b"%PDF-1.4 not really")
    assert "PDF" in broken.value.detail
    path = tmp_path / "locked.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt="secret")
    pdf.setFont(FONT, 11)
    pdf.drawString(60, 760, "加密文件")
    pdf.showPage()
    pdf.save()
    with pytest.raises(InputError) as locked:
        read(path)
    assert "密码" in locked.value.detail
    with pytest.raises(InputError) as english:
        pdf_document(str(path), path.read_bytes(), "en")
    assert "password" in english.value.detail


def test_scanned_pdf_is_reported(tmp_path):
    pil = pytest.importorskip("PIL.Image")
    from reportlab.lib.utils import ImageReader

    image = ImageReader(pil.new("RGB", (60, 60), "white"))
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.drawImage(image, 50, 500, 200, 200)
    pdf.showPage()
    pdf.save()
    doc = read(path)
    assert doc.tables == []
    assert [(f.severity, f.values["problem"]) for f in doc.findings] == [("error", "no_text_layer")]
    mixed = tmp_path / "mixed.pdf"
    pdf = canvas.Canvas(str(mixed), pagesize=A4)
    pdf.setFont(FONT, 11)
    pdf.drawString(60, 760, "绩效自评报告")
    pdf.showPage()
    pdf.drawImage(image, 50, 500, 200, 200)
    pdf.showPage()
    pdf.save()
    doc = read(mixed)
    assert [(f.severity, f.values) for f in doc.findings] == [("warning", {"problem": "scanned_pages", "pages": [2]})]
    assert [line.text for line in doc.prose if line.page == 1] == ["绩效自评报告"]


# -- text tables -----------------------------------------------------------------------------------------
def read_text(text: str):
    lines = split_text_lines(text)
    return lines, text_tables(lines)


def test_vocabulary_is_one_tuple():
    assert isinstance(VOCABULARY, tuple)
    assert {"项目资金（万元）", "其中：当年财政拨款", "偏差原因分析及改进措施", "评价等级"} <= set(VOCABULARY)


PIPE = """二、项目支出绩效自评表
单位：万元
| 项目名称 | 乡村道路养护 | | |
|---|:---:|---|---|
| 主管部门 | 县交通运输局 | 实施单位 | 县公路管理站 |
| 年度资金总额 | 100.00 | 120.00 | 110.00 |
本项目完成情况良好。
"""


def test_pipe_rows():
    lines, tables = read_text(PIPE)
    assert len(tables) == 1
    table = tables[0]
    assert texts(table) == [["项目名称", "乡村道路养护", "", ""], ["主管部门", "县交通运输局", "实施单位", "县公路管理站"],
                            ["年度资金总额", "100.00", "120.00", "110.00"]]
    assert table.before == ["二、项目支出绩效自评表", "单位：万元"]
    assert [line.table for line in lines] == [None, None, 1, 1, 1, 1, None, None]
    where = table.cell(1, 3).where
    assert where == {"line": 5, "column": 26, "end_line": 5, "end_column": 32, "quote": "县公路管理站"}
    assert lines[4].text[where["column"] - 1:where["end_column"] - 1] == "县公路管理站"


def test_pipe_rows_without_outer_bars():
    lines, tables = read_text("说明\n项目名称 | 乡村道路养护\n--- | ---\n主管部门 | 县交通运输局\n正文。\n")
    assert texts(tables[0]) == [["项目名称", "乡村道路养护"], ["主管部门", "县交通运输局"]]
    assert [line.table for line in lines] == [None, 1, 1, 1, None, None]


SPACED = """（二）项目资金情况
项目资金（万元）    年初预算数    全年预算数    全年执行数    分值    执行率    得分
年度资金总额    100.00    120.00    110.00    10    91.67%    9.17
其中：当年财政拨款    100.00    120.00    110.00
上年结转资金\t0.00\t0.00\t0.00
- 3 -
青龙县交通运输局2022年度项目支出绩效自评报告
项目资金（万元）    年初预算数    全年预算数    全年执行数    分值    执行率    得分
其他资金\u30000.00\u30000.00\u30000.00
项目执行情况较好，资金使用规范。
青龙县交通运输局2022年度项目支出绩效自评报告
"""


def test_spaced_rows_with_page_break_inside():
    lines, tables = read_text(SPACED)
    assert len(tables) == 1
    table = tables[0]
    assert texts(table) == [
        ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "100.00", "120.00", "110.00", "10", "91.67%", "9.17"],
        ["其中：当年财政拨款", "100.00", "120.00", "110.00", "", "", ""],
        ["上年结转资金", "0.00", "0.00", "0.00", "", "", ""],
        ["其他资金", "0.00", "0.00", "0.00", "", "", ""],
    ]
    # the page number, the running header and the repeated header are consumed; prose is not
    assert [line.table for line in lines] == [None, 1, 1, 1, 1, 1, 1, 1, 1, None, None, None]
    assert table.cell(4, 3).where == {"line": 9, "column": 16, "end_line": 9, "end_column": 20, "quote": "0.00"}
    assert table.cell(3, 1).where["column"] == 8  # after a tab
    padded = table.cell(2, 5).where
    assert padded["line"] == 4 and padded["quote"] == "" and padded["column"] == padded["end_column"] == 1


INDICATORS = """绩效指标完成情况
一级指标  二级指标  三级指标  年度指标值  实际完成值  分值  得分  偏差原因分析及改进措施
产出指标  数量指标  道路养护里程  ≥50公里  52公里  20  20  —
桥梁检查次数  ≥4次  4次  10  10  —
质量指标  验收合格率  100%  98%  10  9.8
8
一级指标  二级指标  三级指标  年度指标值  实际完成值  分值  得分  偏差原因分析及改进措施
效益指标  社会效益指标  群众出行便利度  明显提升  明显提升  30  30  —
满意度指标  服务对象满意度指标  群众满意度  ≥90%  95%  10  10  —
三、存在的问题
"""


def test_first_level_label_only_on_first_row():
    lines, tables = read_text(INDICATORS)
    table = tables[0]
    assert texts(table) == [
        INDICATOR_HEADER,
        ["产出指标", "数量指标", "道路养护里程", "≥50公里", "52公里", "20", "20", "—"],
        ["", "", "桥梁检查次数", "≥4次", "4次", "10", "10", "—"],  # two labels missing: aligned right
        ["", "质量指标", "验收合格率", "100%", "98%", "10", "9.8", ""],  # one label and the reason missing
        ["效益指标", "社会效益指标", "群众出行便利度", "明显提升", "明显提升", "30", "30", "—"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", "10", "10", "—"],
    ]
    assert [line.table for line in lines] == [None] + [1] * 8 + [None, None]
    assert table.cell(2, 2).where["line"] == 4 and table.cell(2, 2).where["column"] == 1


LAYER = """项目支出绩效自评表
（2022年度）
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
产出指标 数量指标 道路 养护里程 ≥50人 52人 10 9.5
—
指标1 ≥50人 52人 10 9.5
—
第 2 页 共 5 页
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
指标2 ≥50人 52人 10 9.5 未达标 原因待查
本项目 总体 完成 情况 良好 2022 年。
"""


def test_single_spaced_text_layer():
    lines, tables = read_text(LAYER)
    table = tables[0]
    rows = texts(table)
    assert rows[0] == INDICATOR_HEADER
    # eight tokens as the header has, but 道路 养护里程 is one cell: the columns fit only that way
    assert rows[1] == ["产出指标", "数量指标", "道路 养护里程", "≥50人", "52人", "10", "9.5", "—"]
    assert rows[2] == ["", "", "指标1", "≥50人", "52人", "10", "9.5", "—"]  # the dash on its own line joined
    assert rows[3] == ["", "", "指标2", "≥50人", "52人", "10", "9.5", "未达标 原因待查"]
    assert table.cell(1, 2).where == {"line": 4, "column": 11, "end_line": 4, "end_column": 18, "quote": "道路 养护里程"}
    assert table.cell(2, 7).where["line"] == 7
    assert lines[10].table is None and lines[0].table is None
    assert lines[7].table == 1 and lines[8].table == 1  # page number and repeated header


PER_LINE = """项目支出绩效自评表
（2022年度）
项目名称
乡村道路养护
主管部门
县交通运输局
项目资金（万元）
年初预算数
全年预算数
全年执行数
分值
执行率
得分
年度资金总额
100.00
120.00
110.00
10
91.67%
9.17
其中：当年财政拨款
100.00
120.00
110.00
一级指标
二级指标
三级指标
年度指标值
实际完成值
分值
得分
偏差原因分析及改进措施
产出指标
数量指标
道路养护里程
≥50公里
52公里
20
20
—
桥梁检查次数
≥4次
4次
10
10
—
- 2 -
一级指标
二级指标
三级指标
年度指标值
实际完成值
分值
得分
偏差原因分析及改进措施
质量指标
验收合格率
100%
98%
10
9.8
个别路段返工
效益指标
社会效益指标
群众出行便利度
明显提升
明显提升
30
30
满意度指标
服务对象满意度指标
群众满意度
≥90%
95%
10
10
—
总分
100
97.8
三、存在的问题及整改措施
"""


def test_one_cell_per_line():
    lines, tables = read_text(PER_LINE)
    assert len(tables) == 3
    names, funds, indicators = tables
    assert texts(names) == [["项目名称", "乡村道路养护"], ["主管部门", "县交通运输局"]]
    assert names.before == ["项目支出绩效自评表", "（2022年度）"]
    assert texts(funds) == [
        ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "100.00", "120.00", "110.00", "10", "91.67%", "9.17"],
        ["其中：当年财政拨款", "100.00", "120.00", "110.00", "", "", ""],
    ]
    assert texts(indicators) == [
        INDICATOR_HEADER,
        ["产出指标", "数量指标", "道路养护里程", "≥50公里", "52公里", "20", "20", "—"],
        ["", "", "桥梁检查次数", "≥4次", "4次", "10", "10", "—"],
        ["", "质量指标", "验收合格率", "100%", "98%", "10", "9.8", "个别路段返工"],
        ["效益指标", "社会效益指标", "群众出行便利度", "明显提升", "明显提升", "30", "30", ""],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", "10", "10", "—"],
        ["总分", "", "", "", "", "100", "97.8", ""],
    ]
    assert [line.table for line in lines[:2]] == [None, None]
    assert {line.table for line in lines[2:6]} == {1}
    assert {line.table for line in lines[6:24]} == {2}
    assert {line.table for line in lines[24:80]} == {3}  # with the page number and the repeated header
    assert lines[80].text.startswith("三、") and lines[80].table is None
    assert indicators.cell(3, 7).where == {"line": 62, "column": 1, "end_line": 62, "end_column": 7,
                                           "quote": "个别路段返工"}
    assert indicators.cell(6, 6).where["line"] == 80


def test_budget_header_without_label_word():
    lines, tables = read_text("资金情况\n年初预算数\n全年预算数\n全年执行数\n年度资金总额\n100.00\n120.00\n110.00\n"
                              "其他资金\n—\n—\n—\n以上。\n")
    assert texts(tables[0]) == [["", "年初预算数", "全年预算数", "全年执行数"],
                                ["年度资金总额", "100.00", "120.00", "110.00"], ["其他资金", "—", "—", "—"]]
    assert lines[-2].table is None and lines[0].table is None


def test_text_pages_and_web_tabs():
    lines = split_text_lines("项目名称\t乡村道路养护\n年初预算数\t全年预算数\t全年执行数\n100\t120\t110\n\n后文。")
    for line in lines:
        line.page = 4
    tables = text_tables(lines, start=3)
    assert tables[0].index == 3 and tables[0].page == 4
    assert tables[0].cell(2, 1).where == {"line": 3, "column": 5, "end_line": 3, "end_column": 8, "quote": "120",
                                          "page": 4}
    assert [line.table for line in lines] == [3, 3, 3, None, None]


def test_prose_is_not_a_table():
    text = ("一、基本情况\n本单位共有编制  20  人，实有  18  人。\n2022年度收入合计  300.00  万元，支出合计  280.00  万元。\n"
            "项目名称：乡村道路养护\n年初预算数为100万元。\n二、绩效目标\n")
    lines, tables = read_text(text)
    assert tables == []
    assert all(line.table is None for line in lines)


BROKEN_HEADER = """湄江县水利局
项目支出绩效自评表
绩效指标
一级指标
二级指标
1
湄江县水利局
三级指标
年度指标值
实际完成值
分值
得分
偏差原因分析及改进措施
产出指标
数量指标
新建供水工程
≥18处
18处
15
15
新增供水人口
≥2.2万人
2.3万人
10
10
效益指标
社会效益指标
自来水普及率
≥90%
90.6%
15
14
2
湄江县水利局
山区农户通水难度大
满意度指标
服务对象满意度指标
群众满意度
≥90%
93%
15
14
总分
100
96.64
注：预算执行率得分=全年执行数÷全年预算数×分值。
填表人：
"""


def test_one_cell_per_line_page_breaks_in_header_and_rows():
    lines, tables = read_text(BROKEN_HEADER)
    assert len(tables) == 1
    table = tables[0]
    assert texts(table) == [
        ["绩效指标", *INDICATOR_HEADER],
        ["", "产出指标", "数量指标", "新建供水工程", "≥18处", "18处", "15", "15", ""],
        ["", "", "", "新增供水人口", "≥2.2万人", "2.3万人", "10", "10", ""],  # three cells before 分值 at least
        # the bare page number and the running header between 14 and the reason are a page break
        ["", "效益指标", "社会效益指标", "自来水普及率", "≥90%", "90.6%", "15", "14", "山区农户通水难度大"],
        ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "15", "14", ""],
        ["总分", "", "", "", "", "", "100", "96.64", ""],
    ]
    by_text = {line.number: line.table for line in lines}
    assert by_text[1] is None and by_text[2] is None  # the department's name above the table, the title
    assert by_text[6] == 1 and by_text[7] == 1  # page number and running header inside the header run
    assert by_text[33] == 1 and by_text[34] == 1  # ... and inside the rows
    assert [line.table for line in lines if line.text.startswith(("注：", "填表人"))] == [None, None]
    assert table.cell(3, 8).where["line"] == 35


SINGLE_SPACED_FORM = """附件
项目支出绩效自评表
项目名称 青龙县乡村道路养护项目
主管部门 青龙县交通运输局 实施单位 青龙县公路管理站
- 3 -
青龙县交通运输局2022年度项目支出绩效自评报告
项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分
年度资金总额 356.00 400.00 381.27 10 95.32% 9.53
其中：当年财政拨款 356.00 400.00 381.27 — — —
年度总体目标 预期目标 实际完成情况
完成道路养护50公里以上，群众满意度90%以上。 完成道路养护52公里，群众满意度93%。
绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
产出指标 数量指标 道路养护里程 ≥50公里 52公里 15 15
桥梁检查次数 ≥4次 4次 10 10
效益指标 社会效益指标 群众出行便利度 明显提升 明显提升 15 14 个别路段雨季通行仍受影响。
总分 100 97.53
注：本表金额单位为万元。
青龙县交通运输局2022年度项目支出绩效自评报告
"""


def test_single_spaced_form_with_label_rows_and_goals():
    lines, tables = read_text(SINGLE_SPACED_FORM)
    assert len(tables) == 2
    funds, indicators = tables
    rows = texts(funds)
    assert rows[0][:2] == ["项目名称", "青龙县乡村道路养护项目"]
    assert rows[1][:4] == ["主管部门", "青龙县交通运输局", "实施单位", "青龙县公路管理站"]
    assert rows[2] == ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    assert rows[4] == ["其中：当年财政拨款", "356.00", "400.00", "381.27", "—", "—", "—"]
    assert rows[6][1:3] == ["完成道路养护50公里以上，群众满意度90%以上。", "完成道路养护52公里，群众满意度93%。"]
    assert funds.before == ["附件", "项目支出绩效自评表"]
    assert texts(indicators)[1:] == [
        ["", "产出指标", "数量指标", "道路养护里程", "≥50公里", "52公里", "15", "15", ""],
        ["", "", "", "桥梁检查次数", "≥4次", "4次", "10", "10", ""],
        ["", "效益指标", "社会效益指标", "群众出行便利度", "明显提升", "明显提升", "15", "14", "个别路段雨季通行仍受影响。"],
        ["总分", "", "", "", "", "", "100", "97.53", ""],
    ]
    assert [line.table for line in lines] == [None, None, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, None, None, None]


def test_one_cell_per_line_wrapped_cell():
    lines, tables = read_text("一级指标\n二级指标\n三级指标\n年度指标值\n实际完成值\n分值\n得分\n"
                              "产出指标\n数量指标\n新建农村供水\n工程处数\n≥18处\n18处\n15\n15\n")
    table = tables[0]
    assert texts(table)[1] == ["产出指标", "数量指标", "新建农村供水工程处数", "≥18处", "18处", "15", "15"]
    assert table.cell(1, 2).where == {"line": 10, "column": 1, "end_line": 11, "end_column": 5,
                                      "quote": "新建农村供水工程处数"}


def test_a_header_cells_unit_wrapped_onto_its_own_line_stays_in_the_table():
    """项目资金 / （万元） under it (a PDF text layer, single spaces): the unit joins the header's first cell and
    the funding rows stay in the same table, under that header (held-out corpus, 2026-11-29)."""
    text = ("项目名称 农作物病虫害绿色防控及统防统治项目\n"
            "项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
            "（元）\n"
            "年度资金总额 3800000.00 4265000.00 3978600.00 10 93.28% 9.33\n"
            "其中：当年财政拨款 3800000.00 4100000.00 3821600.00 — — —\n")
    [table] = text_tables(split_text_lines(text))
    assert [c.text for c in table.rows[1]][:2] == ["项目资金（元）", "年初预算数"]
    assert [c.text for c in table.rows[2]][:3] == ["年度资金总额", "3800000.00", "4265000.00"]
    assert table.rows[1][0].where["line"] == 2 and table.rows[1][0].where["end_line"] == 3


def test_bar_rows_of_which_only_some_start_with_a_bar_draw_no_border():
    """项目资金（万元）||年初预算数… then |年度资金总额|2860.00…: the leading bar leaves the first cell empty (the merged
    block title above), so the figures stay under their header words; with every row starting with a bar it
    is a Markdown border (held-out corpus, 2026-11-29)."""
    mixed = ("项目资金（万元）||年初预算数|全年预算数|全年执行数\n"
             "|年度资金总额|2860.00|3150.00|3046.21\n"
             "|其中：当年财政拨款|2860.00|3050.00|2951.41\n")
    [table] = text_tables(split_text_lines(mixed))
    assert [c.text for c in table.rows[1]] == ["", "年度资金总额", "2860.00", "3150.00", "3046.21"]
    bordered = "| 项目资金 | 年初预算数 | 全年预算数 |\n|---|---|---|\n| 年度资金总额 | 2860.00 | 3150.00 |\n"
    [table] = text_tables(split_text_lines(bordered))
    assert [c.text for c in table.rows[1]] == ["年度资金总额", "2860.00", "3150.00"]


def test_a_header_cells_unit_at_the_start_of_the_next_row_stays_in_the_header():
    """（万元）  年度资金总额  420.00 …: the merged 项目资金（万元） cell's second line begins the first funding row."""
    text = ("项目名称  农村供水保障工程维修养护项目\n"
            "项目资金                      年初预算数  全年预算数  全年执行数  分值  执行率  得分\n"
            "（万元）  年度资金总额        420.00      465.00      441.29      10    94.90%  9.49\n"
            "          其中：当年财政拨款  420.00      440.00      418.59      —     —       —\n")
    [table] = text_tables(split_text_lines(text))
    assert [c.text for c in table.rows[1]][:2] == ["项目资金（万元）", "年初预算数"]
    assert [c.text for c in table.rows[2]][:3] == ["年度资金总额", "420.00", "465.00"]


# -- printed as departments print (heldout26) ----------------------------------------------------------------

def test_a_line_whose_quotation_marks_were_written_after_it_reads_as_printed():
    """LibreOffice (heldout26, a Word report it printed) writes the “ ” of “优” where pdfium puts them after the line,
    so the text layer says 自评结果为 优 的 “ ” 2: the line is read in the order it is printed (characters by x), and
    the grade counts are read. (reportlab's PDFs do not show it: pdfium orders their runs itself.)"""
    from jixiao.engine import Auditor, Options

    path = Path(__file__).resolve().parent / "corpus" / "heldout26" / "chongqing-district-culture-dept-2021-clean.pdf"
    lines = {(ln.page, ln.number): ln.text for ln in read(path).prose}
    assert lines[(4, 10)].endswith("自评结果为“优”的 2") and lines[(4, 11)].startswith("个、“良”的1个")
    report = Auditor(Options()).extract_path(str(path)).report
    assert report["projects_summary"]["grade_counts"] == {"excellent": 2, "good": 1}
    assert report["provenance"]["/projects_summary/grade_counts/excellent"]["quote"] == "“优”的 2个"


def test_the_departments_name_on_the_cover_over_the_title_and_the_signature_is_no_running_header(tmp_path):
    """A nine-page report (heldout26) names the department alone on its cover, over the title on page 3 and over the
    signature on page 6: three times, but no running header (that is on every page). The signature's date is the
    report's; the 填报日期 of the form attached after it is not."""
    from jixiao.engine import Auditor, Options

    path = tmp_path / "report.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    dept, title = "日照市自然资源和规划局", "2022年度部门整体支出绩效自评报告"
    pages = {1: [dept, title, "二〇二三年四月"],
             3: [dept, title, "一、部门基本情况", "2022年全年预算21,217.60万元，全年执行20,410.70万元，执行率96.20%。"],
             6: ["二、自评结论", "自评得分97.56分，等级为优。", dept, "2023年4月18日"],
             8: ["附件1 部门整体支出绩效自评表", "单位负责人（签字）：      填报人：孙丽娜      填报日期：2023年3月30日"]}
    for number in range(1, 10):
        pdf.setFont(FONT, 9)
        if number > 1:
            pdf.drawCentredString(300, 810, dept + " " + title)
        pdf.drawCentredString(300, 30, f"第 {number} 页 共 9 页")
        pdf.setFont(FONT, 12)
        for k, text in enumerate(pages.get(number, ["（正文）"])):
            pdf.drawString(60, 760 - 24 * k, text)
        pdf.showPage()
    pdf.save()
    report = Auditor(Options()).extract_path(str(path)).report
    assert report["report_date"] == "2023-04-18"
    assert report["department"]["name"] == dept and report["fiscal_year"] == 2022
