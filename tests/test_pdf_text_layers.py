"""PDF text layers that copy out wrong although the page looks right, as county and city sites publish them: characters
mapped to CJK radicals (⺠ for 民, ⼯ for 工), every character its own text object spaced wide (报 告 将 于 2 0 2 6),
a watermark set at a slant across the page and its tables, pages whose text was turned into outlines, and pages in a
font without its character map (ÅÇÉÑ where the page shows Chinese). The PDFs are drawn here with reportlab's built-in
CID font (no font file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.engine import Auditor, Options
from jixiao.plugins.extractors import ocr

pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

REPORT = [
    "某县民政局2025年度社会救助项目绩效自评报告",
    "一、项目基本情况",
    "社会救助项目由县民政局实施，保障城乡困难群众基本生活。",
    "二、项目资金使用及管理情况",
    "项目全年预算200.00万元，全年执行190.00万元，预算执行率95.00%。",
    "三、项目绩效目标完成情况",
    "项目自评得分96.50分，自评等级为优。",
    "四、结果应用及公开情况",
    "本报告将于2026年4月10日前在县人民政府网站公开。",
    "某县民政局",
    "2026年3月24日",
]
# what a font mapping its glyphs to radicals gives for those lines (Kangxi Radicals and the Radicals Supplement)
RADICALS = str.maketrans({"民": "⺠", "门": "⻔", "长": "⻓", "见": "⻅", "项": "项", "目": "⽬", "支": "⽀", "自": "⾃",
                          "一": "⼀", "二": "⼆", "行": "⾏", "人": "⼈", "年": "年", "金": "⾦", "用": "⽤", "页": "⻚"})


@pytest.fixture
def no_ocr(monkeypatch):
    monkeypatch.setattr(ocr, "_engine", (None, None))  # as when the extra is not installed
    monkeypatch.delenv("JIXIAO_OCR", raising=False)


def draw_lines(pdf, lines: list[str], top: float = 780, spaced: bool = False) -> None:
    pdf.setFont(FONT, 11)
    for k, line in enumerate(lines):
        y = top - 22 * k
        if spaced:  # one text object per character, spaced wide (as a layout program writes letter-spaced text)
            for j, ch in enumerate(line):
                pdf.drawString(60 + 19 * j, y, ch)
        else:
            pdf.drawString(60, y, line)


def check(path: Path):
    return Auditor(Options()).check_path(str(path))


def test_radicals_in_the_text_layer_read_as_the_characters_they_stand_for(tmp_path):
    path = tmp_path / "radicals.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    draw_lines(pdf, [line.translate(RADICALS) for line in REPORT])
    pdf.save()
    import pypdfium2
    assert "⺠" in pypdfium2.PdfDocument(str(path))[0].get_textpage().get_text_range()  # the defect is there
    report = check(path).report
    assert report["title"] == REPORT[0] and report["department"]["name"] == "某县民政局"
    assert [(s["number"], s["title"]) for s in report["sections"]][:2] == [("一、", "项目基本情况"),
                                                                          ("二、", "项目资金使用及管理情况")]
    assert str(report["disclosure"]["date"]) == "2026-04-10"


def test_radicals_in_text_copied_out_of_such_a_pdf(tmp_path):
    path = tmp_path / "copied.txt"
    path.write_text("\n".join(line.translate(RADICALS) for line in REPORT), encoding="utf-8")
    report = check(path).report
    assert report["title"] == REPORT[0] and report["department"]["name"] == "某县民政局"
    assert report["sections"][0]["title"] == "项目基本情况"


def test_a_text_layer_spaced_letter_by_letter_reads_as_its_words(tmp_path):
    path = tmp_path / "spaced.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    draw_lines(pdf, [line[:28] for line in REPORT], spaced=True)  # (lines the page's width holds)
    pdf.save()
    import pypdfium2
    assert "2 0 2 6" in pypdfium2.PdfDocument(str(path))[0].get_textpage().get_text_range()  # the defect is there
    report = check(path).report
    assert report["title"] == REPORT[0]
    assert [s["title"] for s in report["sections"]] == ["项目基本情况", "项目资金使用及管理情况", "项目绩效目标完成情况",
                                                        "结果应用及公开情况"]
    assert str(report["disclosure"]["date"]) == "2026-04-10" and str(report["report_date"]) == "2026-03-24"


def test_spaces_between_words_of_an_ordinary_line_stay(tmp_path):
    path = tmp_path / "plain.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    draw_lines(pdf, [*REPORT[:4], "项目全年预算 200.00 万元，执行 190.00 万元，A B C 三类对象。", *REPORT[5:]])
    pdf.save()
    from jixiao.plugins.extractors.pdftables import pdf_document

    lines = [line.text for line in pdf_document(str(path), path.read_bytes()).prose]
    assert "项目全年预算 200.00 万元，执行 190.00 万元，A B C 三类对象。" in lines


def watermarked(path: Path) -> Path:
    """A page with a ruled funds table, and a watermark at 35° repeated across the page and the table."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    draw_lines(pdf, REPORT[:3])
    rows = [["项目资金", "年初预算数", "全年预算数", "全年执行数"], ["年度资金总额", "180.00", "200.00", "190.00"],
            ["其中：当年财政拨款", "180.00", "200.00", "190.00"]]
    xs, top = [60, 190, 290, 390, 490], 680
    pdf.setLineWidth(0.5)
    for r in range(len(rows) + 1):
        pdf.line(xs[0], top - 24 * r, xs[-1], top - 24 * r)
    for x in xs:
        pdf.line(x, top, x, top - 24 * len(rows))
    pdf.setFont(FONT, 10)
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            pdf.drawString(xs[k] + 4, top - 24 * r - 16, text)
    pdf.saveState()
    pdf.setFont(FONT, 26)
    pdf.setFillGray(0.85)
    for x, y in [(80, 560), (250, 640), (120, 700), (330, 720)]:
        pdf.saveState()
        pdf.translate(x, y)
        pdf.rotate(35)
        pdf.drawString(0, 0, "某县财政局 政府信息公开")
        pdf.restoreState()
    pdf.restoreState()
    pdf.save()
    return path


def test_a_watermark_across_the_page_is_not_read_into_its_lines_or_cells(tmp_path):
    path = watermarked(tmp_path / "watermark.pdf")
    import pypdfium2
    assert "政府信息公开" in pypdfium2.PdfDocument(str(path))[0].get_textpage().get_text_range()  # the defect is there
    from jixiao.plugins.extractors.pdftables import pdf_document

    document = pdf_document(str(path), path.read_bytes())
    assert not any("财政局" in line.text or "公开" in line.text for line in document.prose)
    [table] = document.tables
    assert [[cell.text for cell in row] for row in table.rows][1] == ["年度资金总额", "180.00", "200.00", "190.00"]


def with_unreadable_page(path: Path, how: str) -> Path:
    """A report's first page of text, and a second page that holds the 自评表 in a form only OCR can read: its text
    turned into outlines (paths, no text), or in a font without its character map (Latin-1 letters and digits)."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    draw_lines(pdf, REPORT)
    pdf.showPage()
    if how == "outlines":
        pdf.setLineWidth(0.3)
        for k in range(400):  # strokes of glyphs drawn as curves
            x, y = 60 + (k % 40) * 12, 760 - (k // 40) * 20
            path_ = pdf.beginPath()
            path_.moveTo(x, y)
            path_.curveTo(x + 3, y + 6, x + 6, y - 4, x + 9, y + 2)
            pdf.drawPath(path_, stroke=1, fill=0)
    else:
        pdf.setFont("Helvetica", 10)
        for k in range(12):
            pdf.drawString(60, 760 - 20 * k, f"ÅÇÉÑ ÖÜáà àâä ãå {90 + k}.50 çéèêë íìîï 1{k}0.00")
    pdf.showPage()
    pdf.save()
    return path


@pytest.mark.parametrize("how", ["outlines", "no character map"])
def test_a_page_only_ocr_can_read_is_named_not_read_as_junk(tmp_path, no_ocr, how):
    result = check(with_unreadable_page(tmp_path / "report.pdf", how))
    [note] = [f for f in result.findings if f.values.get("problem") == "scanned_pages"]
    assert note.severity == "warning" and note.values["pages"] == [2] and "没有可用的文字层" in note.message
    assert not [f for f in result.findings if f.severity in ("warning", "error") and f is not note]
    assert result.report["title"] == REPORT[0]


def test_a_page_only_ocr_can_read_goes_to_ocr(tmp_path, monkeypatch):
    """With OCR installed, such a page is read as a scanned page is (a stand-in engine answers for it here)."""
    asked: list[int] = []

    def recognise(path, data, pages, lang, tables=False):
        asked.extend(pages)
        return ocr.Outcome(installed=True)

    monkeypatch.setattr(ocr, "recognise", recognise)
    check(with_unreadable_page(tmp_path / "report.pdf", "outlines"))
    assert asked == [2]


def test_a_page_with_a_few_rules_and_no_text_is_no_unreadable_page(tmp_path, no_ocr):
    path = tmp_path / "rules.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    draw_lines(pdf, REPORT)
    pdf.showPage()
    for k in range(40):  # an empty form's grid
        pdf.line(60, 760 - 15 * k, 500, 760 - 15 * k)
    pdf.showPage()
    pdf.save()
    result = check(path)
    assert not [f for f in result.findings if f.values.get("problem") == "scanned_pages"]


def test_a_site_name_over_every_page_is_not_the_title(tmp_path):
    """A PDF printed from the county's site carries its name over every page; on the first page it stands above the
    title and is not part of it."""
    path = tmp_path / "printed.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page, lines in enumerate([REPORT[:4], REPORT[4:8], REPORT[8:]], start=1):
        draw_lines(pdf, ["某县人民政府门户网站 · 法定主动公开内容", f"第 {page} 页 共 3 页", *lines])
        pdf.showPage()
    pdf.save()
    report = check(path).report
    assert report["title"] == REPORT[0] and report["department"]["name"] == "某县民政局"


# -- printed, not exported: changes shown, a form wider than its paper, two pages a sheet ---------------------------

def draw_grid(pdf, x: float, top: float, widths: list[float], rows: list[list[str]], height: float = 22) -> None:
    """A ruled table: its rules, and each row's texts in its columns."""
    xs = [x]
    for w in widths:
        xs.append(xs[-1] + w)
    pdf.setLineWidth(0.5)
    for r in range(len(rows) + 1):
        pdf.line(xs[0], top - height * r, xs[-1], top - height * r)
    for edge in xs:
        pdf.line(edge, top, edge, top - height * len(rows))
    pdf.setFont(FONT, 8)
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            pdf.drawString(xs[k] + 3, top - height * r - 14, text)


def test_a_report_printed_with_its_changes_shown_reads_as_changed(tmp_path):
    """Word prints a deletion struck through (a rule across the middle of the glyphs) before the insertion: the
    struck figure is not read; an underlined one (the insertion) is."""
    path = tmp_path / "markup.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    draw_lines(pdf, REPORT[:4])
    pdf.setFont(FONT, 11)
    head = "项目全年预算200.00万元，全年执行190.00万元，预算执行率"
    pdf.drawString(60, 780 - 22 * 4, head)
    x = 60 + pdf.stringWidth(head, FONT, 11)
    pdf.drawString(x, 780 - 22 * 4, "96.00%")
    struck = pdf.stringWidth("96.00%", FONT, 11)
    pdf.line(x, 780 - 22 * 4 + 3.5, x + struck, 780 - 22 * 4 + 3.5)  # the strike through its middle
    pdf.drawString(x + struck, 780 - 22 * 4, "95.00%。")
    pdf.line(x + struck, 780 - 22 * 4 - 2, x + struck + pdf.stringWidth("95.00%", FONT, 11), 780 - 22 * 4 - 2)
    draw_lines(pdf, REPORT[5:], top=780 - 22 * 5)
    pdf.save()
    from jixiao.plugins.extractors.pdftables import pdf_document

    lines = [line.text for line in pdf_document(str(path), path.read_bytes()).prose]
    assert head + "95.00%。" in lines and not any("96.00" in line for line in lines)


FORM_LEFT = [["项目名称", "乡村道路养护", "", ""], ["项目资金（万元）", "", "年初预算数", "全年预算数"],
             ["年度资金总额", "", "100.00", "120.00"], ["其中：当年财政拨款", "", "100.00", "120.00"],
             ["一级指标", "二级指标", "三级指标", "年度指标值"], ["产出指标", "数量指标", "养护里程", "≥50公里"],
             ["总分", "", "", ""]]
FORM_RIGHT = [["主管部门", "县交通运输局", "", ""], ["全年执行数", "分值", "执行率", "得分"],
              ["110.00", "10", "91.67%", "9.17"], ["110.00", "—", "—", "—"],
              ["实际完成值", "分值", "得分", "偏差原因"], ["52公里", "90", "90", "—"], ["", "100", "99.17", ""]]


def split_form_pdf(path: Path, right: list[list[str]]) -> Path:
    """A form printed wider than its paper: FORM_LEFT's columns on page 1, `right`'s on page 2, each page's footer
    naming the sheet and page."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page, rows in enumerate([FORM_LEFT, right], start=1):
        pdf.setFont(FONT, 12)
        pdf.drawString(200, 800, "项目支出绩效自评表")
        draw_grid(pdf, 60, 760, [110, 110, 110, 110], rows)
        pdf.setFont(FONT, 9)
        pdf.drawString(260, 40, f"乡村道路养护　　第 {page} 页，共 2 页")
        pdf.showPage()
    pdf.save()
    return path


def test_a_form_printed_wider_than_its_paper_is_one_table(tmp_path):
    """A workbook printed without fitting it to the page: the left columns on one page, the rest on the next, row for
    row, each page's footer naming its sheet and page. The two halves are one table."""
    path = split_form_pdf(tmp_path / "split.pdf", FORM_RIGHT)
    from jixiao.plugins.extractors.pdftables import pdf_document

    [table] = pdf_document(str(path), path.read_bytes()).tables
    assert table.width == 8 and [cell.text for cell in table.rows[2]] == [*FORM_LEFT[2], *FORM_RIGHT[2]]
    assert table.rows[2][6].where["page"] == 2  # (each cell says the page it is printed on)


def test_two_tables_of_their_own_on_facing_pages_stay_two(tmp_path):
    """Two tables as tall, one after the other across a page break, each with its names down its side: two tables."""
    path = tmp_path / "two.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for names in (["甲镇", "乙镇", "丙镇", "丁镇", "戊镇", "合计"], ["项目一", "项目二", "项目三", "项目四", "项目五", "合计"]):
        draw_grid(pdf, 60, 760, [110, 110, 110], [["名称", "全年预算", "实际支出"]] + [[n, "10.00", "9.00"] for n in names])
        pdf.showPage()
    pdf.save()
    from jixiao.plugins.extractors.pdftables import pdf_document

    assert len(pdf_document(str(path), path.read_bytes()).tables) == 2


def test_two_pages_printed_on_one_sheet_read_left_then_right(tmp_path):
    """WPS's 每版打印 2 页: two A5 pages side by side on a landscape sheet, a form begun on the left one and going on at
    the top of the right one (with one rule fewer there): one form, its rows in order."""
    from reportlab.lib.pagesizes import landscape

    path = tmp_path / "two-up.pdf"
    pdf = canvas.Canvas(str(path), pagesize=landscape(A4))
    width = landscape(A4)[0]
    draw_lines(pdf, ["某县民政局2025年度社会救助项目绩效自评报告", "一、项目基本情况"], top=560)
    rows = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "救助人数", "≥500人", "520人", "20", "20"],
            ["产出指标", "质量指标", "发放准确率", "100%", "100%", "20", "20"]]
    draw_grid(pdf, 40, 480, [50, 50, 60, 50, 50, 40, 40], rows)
    more = [["满意度指标", "服务对象满意度", "群众满意度≥90%", "95%", "10", "10"], ["总分", "", "", "", "100", "99.17"]]
    draw_grid(pdf, width / 2 + 40, 560, [50, 50, 110, 50, 40, 40], more)
    pdf.save()
    from jixiao.plugins.extractors.pdftables import pdf_document

    first, second = pdf_document(str(path), path.read_bytes()).tables
    assert first.rows[0][0].text == "一级指标" and second.continued
    assert second.width == first.width and second.rows[0][2].text == second.rows[0][3].text  # (one cell over two)


def test_a_finding_in_the_part_printed_on_the_next_page_names_that_page_table_and_column(tmp_path):
    """The reviewer looks at the page the cell is printed on: its table there, its column counted along that page's
    row (not along the joined row, whose first columns are on the page before)."""
    right = [row[:] for row in FORM_RIGHT]
    right[2][2] = "90.00%"  # (110.00 ÷ 120.00 is 91.67%)
    path = split_form_pdf(tmp_path / "split.pdf", right)
    [finding] = [f for f in check(path).findings if f.rule_id == "NAT-ARITH-009"]
    where = finding.location
    assert (where.page, where.table, where.row, where.col) == (2, 2, 3, 3) and where.quote == "90.00%"
