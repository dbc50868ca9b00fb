"""自评表 as departments send them besides flat scans: phone photographs (perspective, uneven light, a shadow, a warm
cast, a fold's crease, on a desk), 150 dpi scans whose rules are grey hairlines, and a red seal stamped over the
table's corner. The pages are drawn at test time (tests/helpers.py). The geometry (the seal lifted, the table's
corners, the rectified page, the grid) needs numpy and OpenCV (the `ocr` extra brings both) and a Chinese font, and
skips without them; reading the pages end to end needs the OCR engine too."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.engine import Auditor, Options
from jixiao.plugins.extractors import image as image_extractor
from jixiao.plugins.extractors import ocr, scantables

from helpers import FORM_COLUMNS, FORM_ROWS, form_box, form_font, form_page, photo_matrix, photograph, scanned

PIL = pytest.importorskip("PIL.Image")
numpy = pytest.importorskip("numpy")
cv2 = pytest.importorskip("cv2")
if form_font() is None:
    pytest.skip("no Chinese font to draw the test pages (apt-get install fonts-wqy-microhei)", allow_module_level=True)

SCALE = 72 / 200  # points per pixel, as ocr.py reads a page


def grids(image, text_height: float) -> list[tuple[int, int, int]]:
    """The tables' grids on a prepared page: (rows, columns, cells) of each."""
    return [(len(g.ys) - 1, len(g.xs) - 1, len(g.spans)) for g in scantables.grids(image, SCALE, text_height)]


def seal_rules(image) -> int:
    """The vertical runs of ink long enough to be rules (before they are made to meet) not at any of the form's
    column rules (a character's long stroke is one)."""
    left = form_box(300)[0]
    columns = [left]
    for width in FORM_COLUMNS:
        columns.append(columns[-1] + round(width * 300 / 25.4))
    _, v = scantables.rules(image, SCALE, 40)
    return sum(1 for x, _, _ in v if min(abs(x / SCALE - c) for c in columns) > 12)


FORM = (FORM_ROWS, len(FORM_COLUMNS), 78)  # the form's 13 rows, 8 columns and 78 cells


# -- a red seal -------------------------------------------------------------------------------------------------

def test_a_red_seal_is_lifted_and_the_black_ink_under_it_stays():
    page = form_page(300, seal=True)
    lifted = numpy.asarray(scantables.lift_red(page))
    plain = numpy.asarray(page.convert("L"))
    rgb = numpy.asarray(page).astype(int)
    red = (rgb[:, :, 0] - rgb[:, :, 1:].max(axis=2) > 100)
    assert red.sum() > 10_000  # the seal is there
    assert plain[red].mean() < 120  # dark in plain greyscale
    assert (lifted[red] < 200).mean() < 0.001  # paper once lifted (but where it lies over a character's grey edge)
    black = rgb.max(axis=2) < 60  # black ink, also where the seal lies over it
    assert (lifted[black] == plain[black]).all()


def test_a_grey_hairline_under_a_seal_stays():
    """Under the seal a grey rule looks dark red (the seal's ink multiplies it): its red channel, far below the
    paper's, tells it is ink under the seal, and it is not lifted with the seal."""
    page = form_page(150, line=1, ink=110, seal=True)
    lifted = numpy.asarray(scantables.lift_red(page))
    rgb = numpy.asarray(page).astype(int)
    under = (rgb[:, :, 0] < 130) & (rgb[:, :, 0] - rgb[:, :, 1:].max(axis=2) > 40)  # the rules' dark red
    assert under.sum() > 50
    assert lifted[under].max() < 130
    assert grids(scantables.prepare(scanned(page, 0.9)), 21) == [FORM]


def test_a_red_letterhead_stays_while_the_seal_is_lifted():
    """红头: the issuer's name in large red characters over a long red rule is text, not a seal."""
    from PIL import ImageDraw, ImageFont

    page = form_page(200, seal=True)
    draw = ImageDraw.Draw(page)
    draw.text((page.size[0] / 2, 60), "某某县交通运输局文件", fill=(220, 30, 40), anchor="mt",
              font=ImageFont.truetype(form_font(), 80))
    draw.rectangle([100, 160, page.size[0] - 100, 166], fill=(220, 30, 40))
    lifted = numpy.asarray(scantables.lift_red(page))
    plain = numpy.asarray(page.convert("L"))
    assert numpy.array_equal(lifted[:200], plain[:200])  # the letterhead as it is
    rgb = numpy.asarray(page).astype(int)
    seal = (rgb[:, :, 0] - rgb[:, :, 1:].max(axis=2) > 100)
    seal[:200] = False
    assert seal.sum() > 5000 and (lifted[seal] < 200).mean() < 0.001  # the seal lifted


def test_a_page_without_a_seal_is_plain_greyscale():
    page = form_page(200)
    assert numpy.array_equal(numpy.asarray(scantables.lift_red(page)), numpy.asarray(page.convert("L")))


def test_a_seal_over_the_tables_corner_makes_no_rules():
    page = form_page(300, seal=True)
    unsealed = seal_rules(form_page(300).convert("L"))
    assert seal_rules(page.convert("L")) > unsealed  # the seal's ring and name, dark in greyscale, have runs like rules
    assert seal_rules(scantables.prepare(page)) == unsealed
    assert grids(scantables.prepare(scanned(page, 0.5)), 40) == [FORM]


def test_an_image_in_colour_is_handed_on_in_colour_for_the_seal(tmp_path):
    path = tmp_path / "scan.png"
    form_page(150, seal=True).save(path)
    with PIL.open(path) as image:
        assert image_extractor.page_image(image, 1, colour=True).mode == "RGB"
        assert image_extractor.page_image(image, 1).mode == "L"


# -- 150 dpi hairlines ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("ink, angle", [(90, 1.7), (110, 1.1), (130, 0.6), (130, 1.1), (130, 1.7)])
def test_grey_hairline_rules_of_a_150_dpi_scan_are_found(ink, angle):
    """1 px grey rules, the page scanned off straight: turned straight, each rule is a lighter grey over two rows
    (grey 130: in no single row darker than INK), counted by both together."""
    page = scanned(form_page(150, line=1, ink=ink), angle).convert("L")
    assert scantables.rectify(page) is None  # a scan: turned, not warped
    assert grids(scantables.prepare(page), 21) == [FORM]


def test_a_scanners_black_margin_does_not_hold_the_tilt_at_zero():
    """The black margin a scanner leaves is straight whatever the page's tilt: it does not decide the angle."""
    page = scanned(form_page(150, line=1, ink=110), 1.1).convert("L")
    framed = PIL.new("L", (page.size[0] + 60, page.size[1] + 60), 10)
    framed.paste(page.crop((0, 0, page.size[0] - 30, page.size[1] - 30)), (60, 60))
    straight = scantables.straighten(framed)
    assert grids(straight, 21) == [FORM]


# -- phone photographs ------------------------------------------------------------------------------------------

OFFSETS = (0.06, 0.02, -0.05, 0.03, 0.05, -0.04, -0.03, -0.05)


def expected_corners(page, offsets=OFFSETS, size=(3024, 4032)):
    left, top, right, bottom = form_box(300)
    points = numpy.float32([[[left, top], [right, top], [right, bottom], [left, bottom]]])
    return cv2.perspectiveTransform(points, photo_matrix(page.size, offsets, size))[0]


def test_the_corners_of_a_photographed_table_are_found():
    page = form_page(300)
    photo = photograph(page, crease=False).convert("L")
    corners = scantables.table_corners(photo)
    assert corners is not None
    assert numpy.abs(corners - expected_corners(page)).max() < 6  # pixels, on a 3024 × 4032 photo


def test_a_photographed_table_is_rectified_and_its_grid_found():
    page = form_page(300)
    photo = photograph(page).convert("L")
    assert grids(scantables.straighten(photo), 40) != [FORM]  # as a scan: no grid (the lines are not parallel)
    flat = scantables.rectify(photo)
    assert flat is not None
    assert grids(flat, 40) == [FORM]


@pytest.mark.parametrize("size, text_height", [((3024, 4032), 40), ((1512, 2016), 20)])
def test_a_photographed_table_under_a_seal_is_rectified(size, text_height):
    """The seal over the table's corner: at a phone's lower resolution the frame's rules under it are grey, and
    look dark red; they stay, and the frame is found whole."""
    photo = photograph(form_page(300, seal=True), size=size)
    assert grids(scantables.prepare(photo), text_height) == [FORM]


def test_a_fold_crease_across_the_table_is_no_rule(monkeypatch):
    """The crease is a sharp grey line from the page's edge to its edge: it runs on far past the table's frame."""
    flat = scantables.rectify(photograph(form_page(300)).convert("L"))
    assert grids(flat, 40) == [FORM]
    monkeypatch.setattr(scantables, "OVERRUN", 1000)
    assert grids(flat, 40) != [FORM]  # taken for a rule, it would split a row in two


def test_a_scan_is_not_warped_however_tilted():
    assert scantables.rectify(scanned(form_page(200), 1.5).convert("L")) is None


@pytest.mark.parametrize("take", [lambda page: scanned(page, 0.5), lambda page: photograph(page, crease=False)],
                         ids=["scan", "photo"])
def test_a_table_partly_hidden_is_not_rebuilt_from_what_is_left(take):
    """A hand over the table's corner: the cells left would be rebuilt as a smaller, wrong table (14 × 9 slots, 44
    cells). Its frame is not whole, and there is no table (the page is read as lines); without the hand, the same
    page gives the form."""
    page = form_page(300)
    left, top, _, _ = form_box(300)
    covered = page.copy()
    covered.paste((90, 60, 40), (left - 200, top - 200, left + 700, top + 500))  # (a hand's dark blot)
    assert grids(scantables.prepare(take(covered)), 40) == []
    assert grids(scantables.prepare(take(page)), 40) == [FORM]


# -- rules meeting as a table's do --------------------------------------------------------------------------------

def test_rules_a_few_pixels_apart_are_one_and_ends_meet_the_rule_they_stop_at():
    h = [(100.0, 10.0, 200.0), (101.5, 10.0, 200.0), (50.0, 12.0, 201.5), (0.0, 9.0, 198.0)]
    v = [(10.0, 0.0, 100.0), (200.0, 0.0, 101.0), (120.0, 0.0, 50.0)]
    hs, vs = scantables.regularise(h, v, 3.0)
    assert sorted(p for p, _, _ in hs) == [0.0, 50.0, pytest.approx(100.75)]
    assert all((a, b) == (10.0, 200.0) for _, a, b in hs)


def test_a_rule_broken_off_short_of_a_crossing_is_cut_back_and_a_long_overrun_dropped():
    v = [(10.0, 0.0, 100.0), (60.0, 0.0, 100.0), (200.0, 0.0, 100.0)]
    h = [(0.0, 10.0, 200.0), (100.0, 10.0, 200.0),
         (50.0, 10.0, 90.0),  # broken off between two rules: no new column at 90
         (30.0, -150.0, 380.0)]  # a crease from the page's edge to its edge
    hs, _ = scantables.regularise(h, v, 3.0)
    assert (50.0, 10.0, 60.0) in hs
    assert not [rule for rule in hs if rule[0] == 30.0]
    hs, _ = scantables.regularise(h[:3] + [(30.0, 5.0, 210.0)], v, 3.0)  # running on a little past the frame: cut
    assert (30.0, 10.0, 200.0) in hs


def test_a_table_open_at_its_sides_keeps_its_rules_ends():
    v = [(60.0, 0.0, 100.0), (120.0, 0.0, 100.0)]
    h = [(float(y), 0.0, 200.0) for y in (0, 25, 50, 75, 100)]  # no outer verticals: all end together
    hs, _ = scantables.regularise(h, v, 3.0)
    assert len(hs) == 5 and all((a, b) == (0.0, 200.0) for _, a, b in hs)


# -- read end to end --------------------------------------------------------------------------------------------

@pytest.fixture
def real_ocr(monkeypatch):
    monkeypatch.delenv("JIXIAO_OCR", raising=False)
    monkeypatch.setattr(ocr, "_engine", None)
    if not ocr.available():
        pytest.skip("the ocr extra is not installed (pip install 'jixiao[ocr]')")


def check_form(path):
    result = Auditor(Options(timeout=120)).check_path(str(path))
    [project] = result.report["projects"]
    assert project["name"] == "乡村道路养护工程"
    assert (project["adjusted_budget"], project["executed"], project["execution_rate"]) == (
        Decimal("120.00"), Decimal("110.00"), Decimal("91.67"))
    assert (project["weight_total"], project["total_score"]) == (Decimal("100"), Decimal("99.17"))
    assert result.report["provenance"]["/projects/0/total_score"]["ocr"] is True
    assert not [f for f in result.findings if f.severity == "error"], result.findings
    return project


def test_real_ocr_reads_a_photographed_form(tmp_path, real_ocr):
    path = tmp_path / "photo.jpg"
    photo = photograph(form_page(300, seal=True)).transpose(PIL.Transpose.ROTATE_90)  # held sideways: EXIF 6
    exif = PIL.Exif()
    exif[0x0112] = 6
    photo.save(path, quality=86, exif=exif)
    project = check_form(path)
    assert [i["score"] for i in project["indicators"]] == [Decimal(n) for n in ("20", "15", "15", "30", "10")]


def test_real_ocr_reads_a_150_dpi_scan_with_hairline_rules(tmp_path, real_ocr):
    path = tmp_path / "scan.png"
    scanned(form_page(150, line=1, ink=110), 1.1).save(path)
    check_form(path)


def test_real_ocr_reads_a_form_under_a_red_seal(tmp_path, real_ocr):
    path = tmp_path / "sealed.png"
    scanned(form_page(300, seal=True), 0.5).save(path)
    project = check_form(path)
    assert [i["weight"] for i in project["indicators"]] == [Decimal(n) for n in ("20", "15", "15", "30", "10")]


def scanned_pdf(page, path):
    """`page` as a scanner makes a PDF of it: one image over the whole page, at 200 dpi."""
    pytest.importorskip("reportlab")
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(page.size[0] * 72 / 200, page.size[1] * 72 / 200))
    pdf.drawImage(ImageReader(page), 0, 0, width=page.size[0] * 72 / 200, height=page.size[1] * 72 / 200)
    pdf.showPage()
    pdf.save()
    return path


def test_a_scanned_pdf_page_is_rendered_in_colour_for_its_seal(tmp_path):
    import pypdfium2 as pdfium

    path = scanned_pdf(scanned(form_page(200, seal=True), 0.5), tmp_path / "sealed.pdf")
    document = pdfium.PdfDocument(str(path))
    try:
        assert ocr.render(document, 1).mode == "L"  # (a page with some text layer, read without tables: as before)
        page = ocr.render(document, 1, colour=True)
        assert page.mode == "RGB"
        assert numpy.asarray(scantables.lift_red(page)).min(initial=255) < 50  # the black ink
        assert not numpy.array_equal(numpy.asarray(scantables.lift_red(page)), numpy.asarray(page.convert("L")))
    finally:
        document.close()


def test_real_ocr_reads_a_scanned_pdf_under_a_red_seal(tmp_path, real_ocr):
    check_form(scanned_pdf(scanned(form_page(200, seal=True), 0.5), tmp_path / "sealed.pdf"))
