"""自评表 pasted into Word and PDF documents as pictures (a screenshot of the budget system, a scan of the printed
form): read by OCR where the extra is installed and checked as forms, each finding naming the picture and its table's
cell; pictures without a table (a photo, a chart) and small ones (a logo, a seal) not read; without OCR, the pictures
named in an info finding (never a warning: what was not read is no fault of the report). The pipeline is tested with a stand-in engine that answers from the
drawing (test_scan_tables.py's); the real OCR test needs the `ocr` extra and a Chinese font, and skips without them."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.engine import Auditor, Options
from jixiao import __version__
from jixiao.kit import AuditBatch, where
from jixiao.plugins.extractors import ocr

from helpers import render, use_ocr

docx = pytest.importorskip("docx")
from docx.shared import Cm  # noqa: E402

PROSE = ["某某县交通运输局2023年度项目支出绩效自评报告", "一、项目基本情况",
         "乡村道路养护项目由县公路管理站实施，用于全县乡村道路日常养护。", "二、绩效自评结论",
         "经自评，该项目自评结果见附件。", "附件：项目支出绩效自评表"]


def png(width: int, height: int) -> bytes:
    """A white PNG, written by hand (no Pillow needed: the tests without OCR run where the extra is not installed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\xff" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def word(path: Path, picture: bytes | None, width_cm: float = 16.0, after: list[str] | None = None,
         table: bool = False) -> Path:
    """A Word report: PROSE, the picture (shown `width_cm` wide), then `after`; with `table`, a 自评表 as a Word table
    before the picture (the forms read, the picture more likely a photo)."""
    document = docx.Document()
    for text in PROSE:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=4, cols=5)
        rows = [["项目名称", "河道保洁", "", "", ""], ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率"],
                ["年度资金总额", "50.00", "50.00", "45.00", "90.00%"], ["总分", "", "", "", "95"]]
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                grid.cell(r, c).text = value
    if picture is not None:
        document.add_picture(io.BytesIO(picture), width=Cm(width_cm))
    for text in after or ["报告日期：2024年3月20日"]:
        document.add_paragraph(text)
    document.save(path)
    return path


@pytest.fixture
def no_ocr(monkeypatch):
    monkeypatch.setattr(ocr, "_engine", (None, None))  # as when the extra is not installed
    monkeypatch.delenv("JIXIAO_OCR", raising=False)


def picture_notes(result) -> list:
    return [f for f in result.findings if f.rule_id == "JX-EXTRACTION" and "pictures" in f.values]


# -- without OCR: what was not read is said --------------------------------------------------------------------

def test_without_ocr_a_large_picture_is_named(tmp_path, no_ocr):
    """A report whose forms are pictures, read without OCR: the pictures are named by their paragraph, in an info (what
    jixiao could not read is no fault of the report)."""
    result = Auditor(Options()).check_path(str(word(tmp_path / "报告.docx", png(900, 500))))
    [note] = picture_notes(result)
    assert note.severity == "info" and note.category == "extraction"
    assert "第 7 段第 1 张图片" in note.message and "pip install 'jixiao[ocr]'" in note.message
    assert note.values["pictures"] == [{"picture": 1, "paragraph": 7}]
    assert result.status == "passed"
    assert not [f for f in result.findings if f.severity == "error"]


def test_without_ocr_a_picture_beside_forms_read_from_tables_is_named_too(tmp_path, no_ocr):
    result = Auditor(Options()).check_path(str(word(tmp_path / "报告.docx", png(900, 500), table=True)))
    assert result.report["projects"][0]["name"] == "河道保洁"
    [note] = picture_notes(result)
    assert note.severity == "info"


def test_a_small_picture_is_no_form(tmp_path, no_ocr):
    """A logo or a seal (3 cm wide) is never taken for a form: nothing is said about it."""
    result = Auditor(Options()).check_path(str(word(tmp_path / "报告.docx", png(300, 300), width_cm=3.0)))
    assert picture_notes(result) == []


def test_in_english_the_picture_is_named_in_english(tmp_path, no_ocr):
    result = Auditor(Options(lang="en")).check_path(str(word(tmp_path / "report.docx", png(900, 500))))
    [note] = picture_notes(result)
    assert "paragraph 7 picture 1" in note.message and "Install OCR" in note.message


def test_a_picture_on_a_page_of_text_in_a_pdf_is_named_by_its_page(tmp_path, no_ocr):
    path = text_and_picture_pdf(tmp_path / "报告.pdf", blank_form())
    result = Auditor(Options()).check_path(str(path))
    [note] = picture_notes(result)
    assert "第 1 页第 1 张图片" in note.message and note.values["pictures"] == [{"picture": 1, "page": 1}]


def test_a_searchable_scan_is_read_from_its_text_layer_not_again_by_ocr(tmp_path, monkeypatch):
    """A page that is a picture with a text layer over it (a scan made searchable) is read from its text: its picture
    is neither OCR'd again nor named."""
    engine = use_ocr(monkeypatch, Recording())
    path = text_and_picture_pdf(tmp_path / "报告.pdf", blank_form(), text_over_picture=True)
    result = Auditor(Options()).check_path(str(path))
    assert engine.calls == 0 and picture_notes(result) == []


# -- with OCR (a stand-in engine answering from the drawing) ---------------------------------------------------

class _Scan:
    """test_scan_tables' drawing and stand-in engine, imported when a test needs them (it skips without Pillow)."""

    def __getattr__(self, name: str):
        if name.startswith("__"):  # pytest's collection asks for __test__ and the like: not a reason to import
            raise AttributeError(name)
        return getattr(pytest.importorskip("test_scan_tables"), name)


scan = _Scan()


def blank_form():
    return scan.form_image()


def form_boxes(rate: str = "91.67%") -> list:
    boxes = scan.page_boxes()
    boxes[[b[1] for b in boxes].index("91.67%")] = scan.box(2, 4, rate)  # 110 / 120 is 91.67%
    return boxes


class Recording:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, image) -> list:
        self.calls += 1
        return []


def image_bytes(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_a_form_pasted_as_a_picture_in_word_is_checked_as_a_form(tmp_path, monkeypatch):
    use_ocr(monkeypatch, scan.DrawingEngine(form_boxes("95.00%")))
    result = Auditor(Options(timeout=60)).check_path(str(word(tmp_path / "报告.docx", image_bytes(blank_form()))))
    [project] = result.report["projects"]
    assert project["name"] == "乡村道路养护" and project["executed"] == Decimal("110.00")
    assert result.report["provenance"]["/projects/0/executed"]["picture"] == 1
    [error] = [f for f in result.findings if f.severity == "error"]
    assert "执行率" in error.message
    assert (error.location.picture, error.location.line, error.location.ocr) == (1, 7, True)
    assert where(error.location, "zh", paragraphs=True).startswith("第 7 段第 1 张图片中表格第 3 行")
    [read] = [f for f in picture_notes(result) if f.values["problem"] == "ocr"]
    assert read.severity == "info" and "第 7 段第 1 张图片中的表格由文字识别（OCR）读取" in read.message
    auditor = Auditor(Options())
    batch = AuditBatch([result], __version__, "zh", [], rules=auditor.all_rules())
    text = render("text", batch).decode("utf-8")
    assert "第 7 段第 1 张图片中表格第 3 行" in text and "该处文字由图片文字识别得到" in text
    csv = render("csv", batch).decode("utf-8-sig")
    assert "图片" in csv.splitlines()[0]


def test_several_pictures_are_read_in_their_order(tmp_path, monkeypatch):
    """Three forms pasted one after another (附件1, 2, 3) are the report's projects in that order."""
    names = ["甲项目", "乙项目", "丙项目"]

    class Forms(scan.DrawingEngine):
        def __call__(self, image) -> list:
            if image.size[1] > 300:  # a whole picture: the next form, named
                self.boxes = [b if b[1] != "乡村道路养护" else (b[0], names[self.calls], b[2]) for b in form_boxes()]
            return super().__call__(image)

    use_ocr(monkeypatch, Forms(form_boxes()))
    document = docx.Document()
    for text in PROSE:
        document.add_paragraph(text)
    for k in range(3):
        document.add_paragraph(f"附件{k + 1}")
        document.add_picture(io.BytesIO(image_bytes(blank_form())), width=Cm(16))
    document.save(tmp_path / "报告.docx")
    report = Auditor(Options(timeout=60)).extract_path(str(tmp_path / "报告.docx")).report
    assert [p["name"] for p in report["projects"]] == names
    assert [report["provenance"][f"/projects/{k}/name"]["picture"] for k in range(3)] == [1, 2, 3]


def test_the_prose_against_a_form_in_a_picture_names_the_pictures_cell(tmp_path, monkeypatch):
    use_ocr(monkeypatch, scan.DrawingEngine(form_boxes()))
    path = word(tmp_path / "报告.docx", image_bytes(blank_form()), after=["乡村道路养护项目执行率95.00%，等级为“优”。"])
    [conflict] = [f for f in Auditor(Options(timeout=60)).check_path(str(path)).findings if f.rule_id == "JX-CONFLICT"]
    assert "正文第 8 段为 95.00" in conflict.message and "第 7 段第 1 张图片中表格第 3 行" in conflict.message
    assert conflict.related[0].picture == 1


def test_paragraphs_after_the_picture_keep_their_numbers(tmp_path, monkeypatch):
    """The picture's lines go in after its paragraph without renumbering the paragraphs after it."""
    use_ocr(monkeypatch, scan.DrawingEngine(form_boxes()))
    path = word(tmp_path / "报告.docx", image_bytes(blank_form()), after=["三、存在问题", "报告日期：2024年3月20日"])
    result = Auditor(Options(timeout=60)).check_path(str(path))
    place = result.report["provenance"]["/report_date"]
    assert place["line"] == 9 and "picture" not in place


def test_a_form_pasted_as_a_picture_on_a_page_of_text_in_a_pdf_is_checked(tmp_path, monkeypatch):
    use_ocr(monkeypatch, scan.DrawingEngine(form_boxes("95.00%")))
    path = text_and_picture_pdf(tmp_path / "报告.pdf", blank_form())
    result = Auditor(Options(timeout=60)).check_path(str(path))
    [project] = result.report["projects"]
    assert project["name"] == "乡村道路养护"
    [error] = [f for f in result.findings if f.severity == "error"]
    assert (error.location.page, error.location.picture) == (1, 1)
    assert where(error.location, "zh").startswith("第 1 页第 1 张图片中表格第 3 行")
    assert where(error.location, "en").startswith("page 1 picture 1, its table's row 3")


def test_a_scanned_page_holding_a_form_in_a_digital_pdf_is_read_as_a_form(tmp_path, monkeypatch):
    """A page of the PDF that is only a scan of the printed form (the rest has text): its table is rebuilt."""
    use_ocr(monkeypatch, scan.DrawingEngine(form_boxes()))
    path = text_and_picture_pdf(tmp_path / "报告.pdf", blank_form(), form_page_alone=True)
    report = Auditor(Options(timeout=60)).extract_path(str(path)).report
    [project] = report["projects"]
    assert project["execution_rate"] == Decimal("91.67")
    assert report["provenance"]["/projects/0/execution_rate"]["page"] == 2


def test_a_picture_without_a_table_is_not_read(tmp_path, monkeypatch):
    """A chart or a photo: without a table's long rules it is not even sent to OCR (seconds each); one with a few rules
    (a chart's axes and grid) whose text OCR reads has no ruled table either, and none of its text is read as the
    report's."""
    from PIL import Image, ImageDraw

    blank = Image.new("RGB", (1200, 700), (255, 255, 255))
    boxes = [([[100, 100], [400, 100], [400, 140], [100, 140]], "全年执行率12.34%", 0.99)]
    engine = use_ocr(monkeypatch, scan.DrawingEngine(boxes))
    result = Auditor(Options(timeout=60)).check_path(str(word(tmp_path / "报告.docx", image_bytes(blank))))
    assert engine.calls == 0 and "12.34" not in str(result.report)
    chart = blank.copy()
    draw = ImageDraw.Draw(chart)
    for y in (150, 300, 450, 600):  # the grid lines, and two axes
        draw.line([(100, y), (1100, y)], fill=(0, 0, 0), width=2)
    for x in (100, 1100):
        draw.line([(x, 150), (x, 600)], fill=(0, 0, 0), width=2)
    draw.line([(600, 150), (600, 600)], fill=(0, 0, 0), width=2)
    result = Auditor(Options(timeout=60)).check_path(str(word(tmp_path / "图表.docx", image_bytes(chart))))
    assert engine.calls == 1  # ruled enough to be read
    assert "12.34" not in str(result.report)
    [note] = picture_notes(result)
    assert note.values["problem"] == "picture_without_table" and note.severity == "info"


def test_a_damaged_picture_is_named_and_the_rest_is_read(tmp_path, monkeypatch):
    use_ocr(monkeypatch, scan.DrawingEngine(form_boxes()))
    path = word(tmp_path / "报告.docx", png(900, 500))
    damaged = tmp_path / "损坏.docx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[:40] if item.filename.startswith("word/media/") else data)
    result = Auditor(Options(timeout=60)).check_path(str(damaged))
    assert result.status != "unreadable" and result.report["department"]["name"]
    [note] = picture_notes(result)
    assert note.values["problem"] == "picture_unreadable" and "第 7 段第 1 张图片未能读取" in note.message
    assert note.severity == "info"


def mht(path: Path, picture: bytes, src: str = "report.files/image001.png",
        vml: tuple[str, bytes] | None = None) -> Path:
    """A report saved by Word as a single-file web page: its HTML part (GB2312, quoted-printable) and the picture; with
    `vml`, the picture as pasted too, named by a VML shape in a conditional comment as Word writes it."""
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    shape = (f'<!--[if gte vml 1]><v:shape id="图片_x0020_1" style=\'width:453pt;height:302pt\'><v:imagedata src="{vml[0]}" '
             f'o:title=""/></v:shape><![endif]--><![if !vml]>' if vml else "")
    body = ("".join(f"<p>{text}</p>" for text in PROSE) + f'<p>{shape}<img width=600 height=327 src="{src}"'
            + (' v:shapes="图片_x0020_1"><![endif]>' if vml else ">") + "</p><p>报告日期：2024年3月20日</p>")
    archive = MIMEMultipart("related")
    page = MIMEText(f"<html><body>{body}</body></html>", "html", "gb2312")
    page.add_header("Content-Location", "file:///C:/report.htm")
    archive.attach(page)
    for name, content in [(src, picture), *([vml] if vml else [])]:
        image = MIMEImage(content)
        image.add_header("Content-Location", "file:///C:/" + name)
        archive.attach(image)
    path.write_bytes(archive.as_bytes())
    return path


def test_a_form_pasted_into_a_single_file_web_page_is_read(tmp_path, monkeypatch):
    """Word's 另存为单个文件网页 (.mht) holds its pictures as parts: a form among them is read as a Word picture is, named
    by the paragraph before it."""
    use_ocr(monkeypatch, scan.DrawingEngine(form_boxes("95.00%")))
    result = Auditor(Options(timeout=60)).check_path(str(mht(tmp_path / "报告.mht", image_bytes(blank_form()))))
    [project] = result.report["projects"]
    assert project["name"] == "乡村道路养护"
    [error] = [f for f in result.findings if f.severity == "error"]
    assert (error.location.picture, error.location.line) == (1, 6)
    assert where(error.location, "zh", paragraphs=True).startswith("第 6 段第 1 张图片中表格第 3 行")


def test_a_picture_a_saved_page_only_links_to_is_named(tmp_path, no_ocr):
    """A page saved as HTML alone: its pictures are files beside it, never fetched; one that may be a form (shown large, or
    named 自评表) is named, a small one (an icon) is not."""
    page = ("<html><body>" + "".join(f"<p>{text}</p>" for text in PROSE)
            + '<p><img src="icon.gif" width="16" height="16"><img src="W0202.jpg" alt="项目支出绩效自评表"></p>'
            + "<p>报告日期：2024年3月20日</p></body></html>")
    (tmp_path / "报告.html").write_text(page, encoding="utf-8")
    result = Auditor(Options()).check_path(str(tmp_path / "报告.html"))
    [note] = picture_notes(result)
    assert note.severity == "info" and "第 6 段第 2 张图片" in note.message and "“网页，全部”" in note.message


def saved_page(folder: Path, picture: bytes, *, name: str = "报告", style: str = "browser", small: bytes | None = None,
               src: str | None = None) -> Path:
    """A page saved with its files: a browser's "网页，全部" (`报告.html` and `报告_files/`, the picture's name
    %-escaped in the page as browsers write it) or Word's "网页" (`报告.htm` and `报告.files/`, the picture as pasted
    named by a VML shape and `small`, a copy scaled to the page, shown)."""
    from urllib.parse import quote

    resources = folder / (f"{name}_files" if style == "browser" else f"{name}.files")
    resources.mkdir(parents=True, exist_ok=True)
    paragraphs = "".join(f"<p>{text}</p>" for text in PROSE)
    if style == "browser":
        (resources / "W020240320自评表.png").write_bytes(picture)
        (resources / "common.css").write_text("p { margin: 0 }", encoding="utf-8")
        (resources / "jquery.min.js").write_text("/* a site's script */", encoding="utf-8")
        link = src or "./" + quote(f"{name}_files/W020240320自评表.png")
        image = f'<p><img src="{link}" width="900" height="600"></p>'
        page = folder / f"{name}.html"
    else:
        (resources / "image001.png").write_bytes(picture)
        (resources / "image002.jpg").write_bytes(small or b"")
        (resources / "filelist.xml").write_text("<xml/>", encoding="utf-8")
        image = (f'<p><!--[if gte vml 1]><v:shape><v:imagedata src="{name}.files/image001.png" o:title=""/></v:shape>'
                 f'<![endif]--><![if !vml]><img width=576 height=384 src="{name}.files/image002.jpg" v:shapes="图片_x0020_1"><![endif]></p>')
        page = folder / f"{name}.htm"
    page.write_text(f"<html><head><meta charset='utf-8'></head><body>{paragraphs}{image}"
                    "<p>报告日期：2024年3月20日</p></body></html>", encoding="utf-8")
    return page


def test_a_page_saved_with_its_files_reads_the_form_from_its_folder(tmp_path, monkeypatch):
    """A browser's "网页，全部": the page and a folder of its files beside it. The form pasted as a picture is read from
    the folder (its name %-escaped in the page) and named by the paragraph before it, as in a .mht."""
    use_ocr(monkeypatch, scan.DrawingEngine(form_boxes("95.00%")))
    page = saved_page(tmp_path, image_bytes(blank_form()))
    result = Auditor(Options(timeout=60)).check_path(str(page))
    [project] = result.report["projects"]
    assert project["name"] == "乡村道路养护"
    [error] = [f for f in result.findings if f.severity == "error"]
    assert (error.location.picture, error.location.line) == (1, 6)
    assert picture_notes(result)[0].values["problem"] == "ocr"


def test_words_web_page_with_its_folder_reads_the_picture_as_pasted(tmp_path, monkeypatch):
    """Word's "网页" (.htm and a .files folder) writes each picture twice, as the .mht does: the one as pasted is read,
    not the copy scaled to 576 pixels."""
    from PIL import Image

    use_ocr(monkeypatch, scan.DrawingEngine(form_boxes("95.00%")))
    small = io.BytesIO()
    Image.new("RGB", (576, 384), (255, 255, 255)).save(small, format="JPEG")
    page = saved_page(tmp_path, image_bytes(blank_form()), style="word", small=small.getvalue())
    result = Auditor(Options(timeout=60)).check_path(str(page))
    assert [p["name"] for p in result.report["projects"]] == ["乡村道路养护"]
    assert len([f for f in result.findings if f.severity == "error"]) == 1


def test_a_picture_written_into_the_page_is_read(tmp_path, monkeypatch):
    """A page saved by a single-file saver carries its pictures in the page (`data:image/png;base64,…`)."""
    import base64

    use_ocr(monkeypatch, scan.DrawingEngine(form_boxes("95.00%")))
    inline = "data:image/png;base64," + base64.b64encode(image_bytes(blank_form())).decode("ascii")
    page = ("<html><body>" + "".join(f"<p>{text}</p>" for text in PROSE)
            + f'<p><img src="{inline}" width="900" height="600"></p><p>报告日期：2024年3月20日</p></body></html>')
    (tmp_path / "报告.html").write_text(page, encoding="utf-8")
    result = Auditor(Options(timeout=60)).check_path(str(tmp_path / "报告.html"))
    assert [p["name"] for p in result.report["projects"]] == ["乡村道路养护"]


@pytest.mark.parametrize("link", ["../secret.png", "/etc/secret.png", "http://www.example.gov.cn/a.png",
                                  "file:///tmp/secret.png", "C:/secret.png", "%2E%2E/secret.png", "out/secret.png"])
def test_a_page_reads_nothing_outside_its_folder(tmp_path, no_ocr, link):
    """What a page links to is read only from its own folder (or archive) and below: a link climbing out of it, an
    absolute path, a site's address or a symbolic link pointing away names nothing, and the picture is named as not
    in the page."""
    from jixiao.kit import read_beside

    secret = tmp_path / "secret.png"
    secret.write_bytes(png(900, 600))
    folder = tmp_path / "page"
    folder.mkdir()
    (folder / "out").symlink_to(tmp_path, target_is_directory=True)
    assert read_beside(str(folder / "报告.html"), link, 1 << 20) is None
    assert read_beside(str(folder / "报告.html"), "./out/../../secret.png", 1 << 20) is None
    page = saved_page(folder, png(900, 600), src=link)
    [note] = picture_notes(Auditor(Options()).check_path(str(page)))
    assert note.values["problem"] == "pictures_not_read" and "不在所保存的网页文件里" in note.message


def test_a_picture_named_in_gbk_escapes_is_found_beside_the_page(tmp_path):
    from urllib.parse import quote

    from jixiao.kit import read_beside

    (tmp_path / "页_files").mkdir()
    (tmp_path / "页_files" / "自评表.png").write_bytes(png(900, 600))
    for encoding in ("utf-8", "gbk"):
        link = quote("页_files/自评表.png", encoding=encoding)
        assert read_beside(str(tmp_path / "页.html"), link, 1 << 20) == png(900, 600)


def test_a_picture_beside_the_page_larger_than_the_limit_is_not_read(tmp_path):
    from jixiao.kit import read_beside

    (tmp_path / "a.png").write_bytes(png(900, 600))
    size = (tmp_path / "a.png").stat().st_size
    assert read_beside(str(tmp_path / "p.html"), "a.png", size) == (tmp_path / "a.png").read_bytes()
    assert read_beside(str(tmp_path / "p.html"), "a.png", size - 1) is None
    assert read_beside(str(tmp_path / "p.html"), "missing.png", size) is None


def test_a_folder_of_saved_pages_checks_each_page_not_its_files(tmp_path, cli, monkeypatch):
    """`jixiao check FOLDER` on pages saved with their files: one report per page; the pictures, style sheets, scripts
    and Word's filelist.xml in their folders are the page's, read with it, not reports of their own (neither
    when the folder is sent as a zip). A folder named like one whose page is not there is checked as usual."""
    import json

    monkeypatch.setenv("JIXIAO_OCR", "off")
    saved_page(tmp_path / "批次", png(900, 600), name="甲县交通局")
    saved_page(tmp_path / "批次", png(900, 600), name="乙县水利局", style="word", small=png(576, 384))
    stray = tmp_path / "批次" / "丙县_files"
    stray.mkdir()
    (stray / "scan.png").write_bytes(png(900, 600))
    result = cli("check", tmp_path / "批次", "--format", "json", "--jobs", "1")
    names = sorted(Path(r["source"]).name for r in json.loads(result.stdout)["reports"])
    assert names == ["scan.png", "乙县水利局.htm", "甲县交通局.html"]
    archive = tmp_path / "批次.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in sorted((tmp_path / "批次").rglob("*")):
            if file.is_file():
                zipped.write(file, file.relative_to(tmp_path / "批次").as_posix())
    result = cli("check", archive, "--format", "json", "--jobs", "1")
    names = sorted(r["source"].split("!/")[1] for r in json.loads(result.stdout)["reports"])
    assert names == ["丙县_files/scan.png", "乙县水利局.htm", "甲县交通局.html"]


def test_a_page_in_a_zip_reads_its_pictures_from_the_zip(tmp_path, monkeypatch):
    use_ocr(monkeypatch, scan.DrawingEngine(form_boxes("95.00%")))
    saved_page(tmp_path / "page", image_bytes(blank_form()))
    archive = tmp_path / "报送.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in sorted((tmp_path / "page").rglob("*")):
            zipped.write(file, "材料/" + file.relative_to(tmp_path / "page").as_posix())
    result = Auditor(Options(timeout=60)).check_path(f"{archive}!/材料/报告.html")
    assert [p["name"] for p in result.report["projects"]] == ["乡村道路养护"]


def test_a_picture_a_pdf_printer_wrote_in_strips_is_one_picture(tmp_path, monkeypatch):
    """Some PDF printers write a large picture as strips, one image each, stacked without a gap: read as one picture."""
    use_ocr(monkeypatch, scan.DrawingEngine(form_boxes("95.00%")))
    form = blank_form()
    path = text_and_picture_pdf(tmp_path / "报告.pdf", form, strips=4)
    result = Auditor(Options(timeout=60)).check_path(str(path))
    [project] = result.report["projects"]
    assert project["name"] == "乡村道路养护"
    [error] = [f for f in result.findings if f.severity == "error"]
    assert (error.location.page, error.location.picture) == (1, 1)


def test_words_web_page_picture_is_read_from_the_picture_as_pasted(tmp_path, monkeypatch):
    """Word's single-file web page writes each picture twice: the picture as pasted (named by a VML shape in a comment)
    and a copy scaled to 576 pixels, too small to read: the pasted one is read, and only once."""
    from PIL import Image

    use_ocr(monkeypatch, scan.DrawingEngine(form_boxes("95.00%")))
    small = io.BytesIO()
    Image.new("RGB", (576, 320), (255, 255, 255)).save(small, format="JPEG")
    path = mht(tmp_path / "报告.mht", small.getvalue(), src="report.files/image002.jpg",
               vml=("report.files/image001.png", image_bytes(blank_form())))
    result = Auditor(Options(timeout=60)).check_path(str(path))
    [project] = result.report["projects"]
    assert project["name"] == "乡村道路养护"
    assert len([f for f in result.findings if f.severity == "error"]) == 1


def test_what_words_crop_hides_is_not_read(tmp_path, monkeypatch):
    """A screenshot cropped in Word (a:srcRect) that holds, below what is shown, the top of another project's form: only
    the form shown is read."""
    from PIL import Image

    form = blank_form()
    both = Image.new("L", (form.size[0], form.size[1] * 2), 255)
    both.paste(form, (0, 0))
    both.paste(form, (0, form.size[1]))
    shift = form.size[1]
    other = [([[x, y + shift] for x, y in b[0]], "另一项目" if b[1] == "乡村道路养护" else b[1], b[2]) for b in form_boxes()]
    use_ocr(monkeypatch, scan.DrawingEngine(form_boxes() + other))
    path = word(tmp_path / "报告.docx", image_bytes(both))
    assert [p["name"] for p in Auditor(Options(timeout=60)).extract_path(str(path)).report["projects"]] == [
        "乡村道路养护", "另一项目"]
    cropped = tmp_path / "裁剪.docx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(cropped, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"<a:stretch>", b'<a:srcRect b="50000"/><a:stretch>', 1)
            target.writestr(item, data)
    assert [p["name"] for p in Auditor(Options(timeout=60)).extract_path(str(cropped)).report["projects"]] == ["乡村道路养护"]


# -- real OCR --------------------------------------------------------------------------------------------------

def test_real_ocr_reads_a_form_pasted_into_word(tmp_path, monkeypatch):
    monkeypatch.delenv("JIXIAO_OCR", raising=False)
    monkeypatch.setattr(ocr, "_engine", None)
    if not ocr.available():
        pytest.skip("the ocr extra is not installed (pip install 'jixiao[ocr]')")
    from helpers import form_font, form_page

    if form_font() is None:
        pytest.skip("no Chinese font to draw the form")
    page = form_page(dpi=150)
    picture = page.crop((0, 0, page.size[0], page.size[1] * 3 // 4))  # the form, cut as a screenshot is
    result = Auditor(Options(timeout=120)).check_path(str(word(tmp_path / "报告.docx", image_bytes(picture))))
    [project] = result.report["projects"]
    assert project["name"] == "乡村道路养护工程"
    assert (project["adjusted_budget"], project["executed"], project["total_score"]) == (
        Decimal("120.00"), Decimal("110.00"), Decimal("99.17"))
    assert result.report["provenance"]["/projects/0/executed"]["picture"] == 1
    assert not [f for f in result.findings if f.severity == "error"], result.findings


# -- a PDF made with reportlab ---------------------------------------------------------------------------------

def text_and_picture_pdf(path: Path, picture, text_over_picture: bool = False, form_page_alone: bool = False,
                         strips: int = 1) -> Path:
    """A PDF page of text (the report's lines) and the picture under them, as Word prints a pasted form; with
    `text_over_picture`, the page is the picture with the text layer drawn over it (a searchable scan); with
    `form_page_alone`, the picture fills a second page of its own (a scanned page)."""
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    width, height = picture.size[0] * 72 / 200, picture.size[1] * 72 / 200  # drawn at 200 dpi, as OCR renders it
    if text_over_picture:
        pdf.drawImage(ImageReader(picture), 0, A4[1] - height * 1.5, width=width * 1.5, height=height * 1.5)
    pdf.setFont("STSong-Light", 11)
    y = 800
    for text in [*PROSE, "报告日期：2024年3月20日"] + (["乡村道路养护工程年度资金总额110.00万元"] * 30 if text_over_picture else []):
        pdf.drawString(40, y, text)
        y -= 16
    if form_page_alone:
        pdf.showPage()
        pdf.drawImage(ImageReader(picture), 0, A4[1] - height, width=width, height=height)
    elif not text_over_picture:
        top, step = y - 10, picture.size[1] // strips
        for k in range(strips):  # (strips of the picture, stacked without a gap: as some PDF printers write it)
            piece = picture.crop((0, k * step, picture.size[0], picture.size[1] if k == strips - 1 else (k + 1) * step))
            piece_height = piece.size[1] * 72 / 200
            pdf.drawImage(ImageReader(piece), 0, top - piece_height, width=width, height=piece_height)
            top -= piece_height
    pdf.showPage()
    pdf.save()
    return path


# -- a workbook's pictures ---------------------------------------------------------------------------------------

def workbook(path: Path, pictures: list[tuple[str, bytes]]) -> Path:
    """A workbook whose sheet 自评表 holds a title and, at each given cell, a picture (as a department pastes a
    screenshot of the budget system's form into Excel)."""
    pytest.importorskip("PIL")
    import openpyxl
    from openpyxl.drawing.image import Image

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "自评表"
    sheet["A1"] = "2023年度项目支出绩效自评表"
    for cell, content in pictures:
        picture = Image(io.BytesIO(content))
        picture.anchor = cell
        sheet.add_image(picture)
    book.save(path)
    return path


def test_a_form_pasted_into_a_sheet_as_a_picture_is_read(tmp_path, monkeypatch):
    """A 自评表 pasted into a worksheet as a screenshot: read as a Word picture is, a finding named by its sheet, the cell
    the picture stands on and its table's cell; a small picture (a logo) is not read."""
    use_ocr(monkeypatch, scan.DrawingEngine(form_boxes("95.00%")))
    path = workbook(tmp_path / "自评表.xlsx", [("H1", png(120, 60)), ("B3", image_bytes(blank_form()))])
    result = Auditor(Options(timeout=60)).check_path(str(path))
    [project] = result.report["projects"]
    assert project["name"] == "乡村道路养护" and project["executed"] == Decimal("110.00")
    [error] = [f for f in result.findings if f.severity == "error"]
    assert (error.location.sheet, error.location.cell, error.location.picture, error.location.ocr) == ("自评表", "B3", 2, True)
    assert where(error.location, "zh").startswith("工作表“自评表” B3 单元格处第 2 张图片中表格第 3 行")
    assert where(error.location, "en").startswith("sheet '自评表' picture 2 at cell B3, its table's row 3")
    [read] = [f for f in picture_notes(result) if f.values["problem"] == "ocr"]
    assert "工作表“自评表” B3 单元格处第 2 张图片中的表格由文字识别（OCR）读取" in read.message


def test_without_ocr_a_picture_in_a_sheet_is_named(tmp_path, no_ocr):
    path = workbook(tmp_path / "自评表.xlsx", [("B3", png(900, 600))])
    [note] = picture_notes(Auditor(Options()).check_path(str(path)))
    assert note.severity == "info" and "工作表“自评表” B3 单元格处第 1 张图片" in note.message


EXCEL_ANCHOR = ('<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>{col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row}'
                '</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>{col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>'
                '{row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="{n}" name="图片 {n}">'
                '<a:extLst><a:ext uri="{{FF2B5EF4-FFF2-40B4-BE49-F238E27FC236}}"><a16:creationId xmlns:a16="http://schemas'
                '.microsoft.com/office/drawing/2014/main" id="{{00000000-0000-0000-0000-00000000000{n}}}"/></a:ext></a:extLst>'
                '</xdr:cNvPr><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill>'
                '<a:blip r:embed="rId{n}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" '
                'y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>'
                '</xdr:pic><xdr:clientData/></xdr:twoCellAnchor>')


def test_a_small_picture_in_a_sheet_written_by_excel_is_no_form(tmp_path, no_ocr):
    """Excel anchors a picture to two cells and writes an a:extLst (an a:ext with a uri and no size) into its cNvPr,
    before its size in spPr/a:xfrm/a:ext: the size is the xfrm's, so a logo is too small to be a form and is not named
    (the first a:ext had been taken for the size: none, so every picture was named)."""
    path = workbook(tmp_path / "自评表.xlsx", [("H1", png(120, 60)), ("B3", png(900, 600))])
    drawing = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.'
               'org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
               'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
               + EXCEL_ANCHOR.format(col=7, row=0, n=1, cx=1143000, cy=571500)  # 3.2 × 1.6 cm
               + EXCEL_ANCHOR.format(col=1, row=2, n=2, cx=5715000, cy=3810000) + "</xdr:wsDr>")  # 15.9 × 10.6 cm
    edited = tmp_path / "Excel写的.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(edited, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/drawings/drawing") and item.filename.endswith(".xml"):
                data = drawing.encode("utf-8")
            target.writestr(item, data)
    [note] = picture_notes(Auditor(Options()).check_path(str(edited)))
    assert "B3 单元格处第 2 张图片" in note.message and "H1" not in note.message
