"""自评表 in scans: the ruled grid found in a page image (straightened first), each cell's text from the whole-page
reading's boxes in it, a cell the engine read together with its neighbour read again on its own. The grid and the
cells are tested with a stand-in engine that answers from the drawing; the real OCR test needs the `ocr` extra and a
Chinese font, and skips without them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.engine import Auditor, Options
from jixiao.plugins.extractors import ocr, scantables

from helpers import use_ocr

PIL = pytest.importorskip("PIL.Image")
pytest.importorskip("numpy")

from PIL import ImageDraw  # noqa: E402

# a national 项目支出绩效自评表, cut down: (row, col, text) on a 6 × 5 grid whose first two rows merge their values
XS = [100, 400, 650, 900, 1150, 1400]
YS = [200, 260, 320, 380, 440, 500, 560, 620]
CELLS = [
    ((0, 0), "项目名称"), ((0, 1), "乡村道路养护"),
    ((1, 0), "项目资金（万元）"), ((1, 1), "年初预算数"), ((1, 2), "全年预算数"), ((1, 3), "全年执行数"), ((1, 4), "执行率"),
    ((2, 0), "年度资金总额"), ((2, 1), "100.00"), ((2, 2), "120.00"), ((2, 3), "110.00"), ((2, 4), "91.67%"),
    ((3, 0), "其中：当年财政拨款"), ((3, 1), "100.00"), ((3, 2), "120.00"), ((3, 3), "110.00"),
    ((4, 0), "一级指标"), ((4, 1), "三级指标"), ((4, 2), "年度指标值"), ((4, 3), "分值"), ((4, 4), "得分"),
    ((5, 0), "产出指标"), ((5, 1), "养护里程"), ((5, 2), "≥20公里"), ((5, 3), "90"), ((5, 4), "90"),
    ((6, 0), "总分"), ((6, 3), "100"), ((6, 4), "99.17"),
]


def form_image(merged_header: bool = True, inked: tuple[tuple[int, int], ...] = ()):
    """The form drawn with its rules (the name's value across four columns); no text (the engine stands in), but a
    blot of ink in the `inked` cells (a cell without ink is not sent to the engine)."""
    image = PIL.new("L", (1654, 900), 255)
    draw = ImageDraw.Draw(image)
    for r, c in inked:
        draw.rectangle([XS[c] + 30, YS[r] + 20, XS[c] + 80, YS[r] + 40], fill=0)
    for y in YS:
        draw.line([(XS[0], y), (XS[-1], y)], fill=0, width=3)
    for k, x in enumerate(XS):
        for r in range(len(YS) - 1):
            if r == 0 and 1 < k < len(XS) - 1 and merged_header:
                continue  # the name row: label | value over four columns
            draw.line([(x, YS[r]), (x, YS[r + 1])], fill=0, width=3)
    return image


def box(row: int, col: int, text: str, span: int = 1) -> tuple:
    x0, x1 = XS[col] + 10, XS[col + span] - 10
    y0, y1 = YS[row] + 15, YS[row + 1] - 15
    return ([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], text, 0.99)


class DrawingEngine:
    """Answers the whole page with a box per cell (or the boxes given); a cell cut out with the boxes for that cell."""

    def __init__(self, boxes: list):
        self.boxes, self.calls = boxes, 0

    def __call__(self, image) -> list:
        self.calls += 1
        if image.size[1] > 300:  # the page
            return self.boxes
        return [([[8, 8], [60, 8], [60, 40], [8, 40]], "10", 0.99)]  # a cut-out cell (read again on its own)


def page_boxes() -> list:
    return [box(r, c, text, span=4 if (r, c) == (0, 1) else 1) for (r, c), text in CELLS]


def tables_of(image, engine) -> list:
    rows = ocr.reading_rows(engine(image))
    middles = [(top + bottom) / 2 for _, top, bottom, _, _ in rows]
    return scantables.page_tables(engine, image, 1, 200, engine.boxes,
                                  lambda y: min(range(len(middles)), key=lambda k: abs(middles[k] - y)) + 1,
                                  ocr.reading_lines, lambda: True)


def test_the_ruled_grid_of_a_scanned_form_holds_each_cells_text():
    engine = DrawingEngine(page_boxes())
    [found] = tables_of(form_image(), engine)
    table = found.table
    assert len(table.rows) == 7 and table.width == 5
    assert [c.text for c in table.rows[2]] == ["年度资金总额", "100.00", "120.00", "110.00", "91.67%"]
    name = table.rows[0][1]
    assert name.text == "乡村道路养护" and name.colspan == 4 and all(table.rows[0][k] is name for k in range(1, 5))
    assert table.rows[6][4].text == "99.17" and table.rows[6][1].text == ""
    assert name.where["ocr"] is True and name.where["page"] == 1 and name.where["line"] == 1
    assert engine.calls == 1  # every box lay in one cell: no cell read again


def test_a_box_that_runs_over_two_cells_is_read_again_cell_by_cell():
    """The engine read 分值 and 得分 of the total row as one box (10099.17): which part is whose is not guessed; each
    of the two cells is cut out and read on its own."""
    boxes = [b for b in page_boxes() if b[1] not in ("100", "99.17")] + [box(6, 3, "10099.17", span=2)]
    engine = DrawingEngine(boxes)
    [found] = tables_of(form_image(inked=((6, 3), (6, 4))), engine)
    assert [found.table.rows[6][k].text for k in (3, 4)] == ["10", "10"]  # what the cut-out cells read, not 100 | 99.17
    assert engine.calls == 1 + 2  # the page, then the two cells


def test_a_tilted_scan_is_straightened_before_its_rules_are_found():
    image = form_image().rotate(1.5, resample=PIL.Resampling.BICUBIC, fillcolor=255)

    def long_rules(picture) -> int:
        h, _ = scantables.rules(picture, 72 / 200, 30.0)
        return sum(1 for _, x0, x1 in h if x1 - x0 > 0.8 * (XS[-1] - XS[0]) * 72 / 200)

    assert long_rules(image) == 0  # tilted 1.5°: each rule breaks into short steps
    assert long_rules(scantables.straighten(image)) == len(YS)
    [found] = tables_of(scantables.straighten(image), DrawingEngine(page_boxes()))
    assert len(found.table.rows) == 7


def test_a_frame_around_the_text_is_no_table():
    image = PIL.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle([40, 40, 1200, 1714], outline=0, width=6)  # a scanner's dark border
    draw.line([(40, 300), (1200, 300)], fill=0, width=4)
    draw.line([(600, 40), (600, 300)], fill=0, width=4)
    assert tables_of(image, DrawingEngine([box(0, 0, "一、部门概况")])) == []


def cut_form(hidden: bool = False):
    """A form cut off at its bottom (a screenshot of its upper half, a page that ends mid-table): the label column's merged
    cell (绩效指标) runs on, so the last rule stops short of it and the column's two rules run to the cut. With `hidden`,
    the column's outer rule stops above the cut too, as where a hand hides a table's corner."""
    image = PIL.new("L", (1654, 1000), 255)
    draw = ImageDraw.Draw(image)
    ys = [*YS[:5], YS[4] + 150, YS[4] + 300]  # two tall last rows
    for k, y in enumerate(ys):
        draw.line([(XS[1] if k >= 4 else XS[0], y), (XS[-1], y)], fill=0, width=3)
    for k, x in enumerate(XS):
        draw.line([(x, ys[0]), (x, ys[3] if hidden and k == 0 else ys[-1])], fill=0, width=3)
    return image


def test_a_form_cut_through_its_label_column_is_still_a_table():
    """The bottom rule is missing under the merged label cell only, and that cell's rules run to the cut: a table cut
    there, not one partly hidden; where the outer rule stops short too, nothing is rebuilt."""
    boxes = [box(r, c, f"{r}{c}") for r in range(4) for c in range(1, 5)]
    [found] = tables_of(cut_form(), DrawingEngine(boxes))
    assert len(found.table.rows) == 6 and found.table.width == 5
    assert tables_of(cut_form(hidden=True), DrawingEngine(boxes)) == []


def test_a_scanned_form_is_checked_as_a_form(tmp_path, monkeypatch):
    """An image of a 自评表 goes through the form reader: its figures fill /projects, a fault in it is found, and
    every place says it was read from a scan."""
    boxes = page_boxes()
    boxes[[b[1] for b in boxes].index("91.67%")] = box(2, 4, "95.00%")  # 110 / 120 is 91.67%
    use_ocr(monkeypatch, DrawingEngine(boxes))
    path = tmp_path / "自评表.png"
    form_image().save(path)
    result = Auditor(Options(timeout=60)).check_path(str(path))
    [project] = result.report["projects"]
    assert project["name"] == "乡村道路养护" and project["executed"] == Decimal("110.00")
    assert result.report["provenance"]["/projects/0/executed"]["ocr"] is True
    [error] = [f for f in result.findings if f.rule_id == "NAT-TBL-002" or f.rule_id == "NAT-ARITH-009"
               or (f.severity == "error" and "执行率" in f.message)]
    assert error.location.ocr and error.location.table == 1 and error.location.page == 1


def test_per_mille_read_as_a_percent_and_a_zero_is_per_mille(tmp_path, monkeypatch):
    """OCR reads ‰ as %0 (≤0.9‰ → ≤0.9%0): in a figure cell read by OCR it is ‰ again, so the target is read."""
    boxes = [b if b[1] != "≥20公里" else box(5, 2, "≤0.9%0") for b in page_boxes()]
    use_ocr(monkeypatch, DrawingEngine(boxes))
    path = tmp_path / "自评表.png"
    form_image().save(path)
    [project] = Auditor(Options(timeout=60)).extract_path(str(path)).report["projects"]
    indicator = project["indicators"][0]
    assert (indicator["target"], indicator["target_unit"], indicator["target_value"]) == ("≤0.9‰", "‰", Decimal("0.9"))


# -- real OCR ------------------------------------------------------------------------------------------------

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def test_real_ocr_reads_a_scanned_form(tmp_path, monkeypatch):
    monkeypatch.delenv("JIXIAO_OCR", raising=False)
    monkeypatch.setattr(ocr, "_engine", None)
    if not ocr.available():
        pytest.skip("the ocr extra is not installed (pip install 'jixiao[ocr]')")
    if not Path(FONT).is_file():
        pytest.skip("no Chinese font to draw the test page (apt-get install fonts-wqy-microhei)")
    from PIL import ImageFont

    image = form_image()
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 26)
    for (r, c), text in CELLS:
        draw.text((XS[c] + 14, YS[r] + 16), text, fill=0, font=font)
    path = tmp_path / "scan.png"
    image.rotate(-0.8, resample=PIL.Resampling.BICUBIC, fillcolor=255).save(path)
    result = Auditor(Options(timeout=120)).check_path(str(path))
    [project] = result.report["projects"]
    assert project["name"] == "乡村道路养护"
    assert (project["adjusted_budget"], project["executed"], project["execution_rate"]) == (
        Decimal("120.00"), Decimal("110.00"), Decimal("91.67"))
    assert not [f for f in result.findings if f.severity == "error"], result.findings


def test_a_scanned_pdf_of_a_form_is_checked_as_a_form(tmp_path, monkeypatch):
    """The same form scanned to a PDF (a page that is only an image): its page is rendered, and its table rebuilt."""
    pytest.importorskip("reportlab")
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    page = form_image()
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(page.size[0] * 72 / 200, page.size[1] * 72 / 200))
    pdf.drawImage(ImageReader(page), 0, 0, width=page.size[0] * 72 / 200, height=page.size[1] * 72 / 200)
    pdf.showPage()
    pdf.save()
    use_ocr(monkeypatch, DrawingEngine(page_boxes()))
    report = Auditor(Options(timeout=60)).extract_path(str(path)).report
    [project] = report["projects"]
    assert project["name"] == "乡村道路养护" and project["execution_rate"] == Decimal("91.67")
    assert report["provenance"]["/projects/0/execution_rate"]["ocr"] is True
