"""Helpers for tests: run one rule (written as YAML) on a report dict, the way a pack author would."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import yaml

from jixiao.engine import Auditor, Options
from jixiao.model import AuditResult


def minimal_report(**fields: Any) -> dict[str, Any]:
    report: dict[str, Any] = {"kind": "department_self_evaluation", "fiscal_year": 2021,
                              "department": {"name": "测试县财政局"}}
    report.update(fields)
    return report


def pack_file(folder: Path, rules: list[dict[str, Any]], name: str = "testpack", **extra: Any) -> Path:
    data = {"pack": name, "version": "1", **extra, "rules": rules}
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run_rule(folder: Path, rule: dict[str, Any], report: dict[str, Any], lang: str = "zh") -> AuditResult:
    rule = {"id": "T-RULE-001", "message": {"zh": "发现：{stated} {computed} {detail}", "en": "found {stated}"}, **rule}
    path = pack_file(folder, [rule])
    auditor = Auditor(Options(packs=[str(path)], lang=lang))
    return auditor.check_report(report, "<test>")


def check_file(path: Path, lang: str = "zh") -> AuditResult:
    """A file on disk checked as `jixiao check` does, with the built-in packs."""
    return Auditor(Options(lang=lang)).check_path(str(path))


def check_rows(path: Path, rows: list[list[Any]]) -> AuditResult:
    """A workbook of one sheet holding `rows` (a form as a department types it), saved at `path` and checked."""
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return check_file(path)


def check_text(folder: Path, lines: list[str], name: str = "r.txt") -> AuditResult:
    """The lines written to a text file in `folder` and checked."""
    (folder / name).write_text("\n".join(lines), encoding="utf-8")
    return check_file(folder / name)


def problems(result: AuditResult) -> list[str]:
    """The rule ids of a result's warnings and errors, in order (what a reviewer must act on)."""
    return [f.rule_id for f in result.findings if f.severity in ("error", "warning")]


def statuses(result: AuditResult) -> dict[str, str]:
    return {run.rule_id: run.status for run in result.rule_runs}


def rule_findings(result: AuditResult, rule_id: str = "T-RULE-001"):
    return [f for f in result.findings if f.rule_id == rule_id]


def render(name: str, batch: Any, options: dict[str, Any] | None = None) -> bytes:
    """A batch written by the built-in formatter `name`, as bytes (text formats in UTF-8)."""
    import io

    from jixiao.pluginmanager import default_plugins

    formatter = default_plugins().formatters[name]
    buffer: Any = io.BytesIO() if formatter.binary else io.StringIO(newline="")
    formatter.write(batch, buffer, {"colour": False, "lang": batch.lang, **(options or {})})
    value = buffer.getvalue()
    return value if isinstance(value, bytes) else value.encode("utf-8")


def cfb_streams(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file whose root holds these streams, each of 4,096 bytes or more (kept in regular 512-byte
    sectors, so no mini stream is needed): what Word embeds as an oleObject*.bin (a Package stream wrapping an .xlsx)."""
    free, end, fat_sector, none = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    assert all(len(data) >= 4096 for data in streams.values())
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 76, 0, *([free] * 108))
    fat = [fat_sector, end]  # sector 0: the FAT; sector 1: the directory; then each stream's sectors in a chain
    starts, body = [], b""
    for data in streams.values():
        count = (len(data) + 511) // 512
        starts.append(len(fat))
        fat += [len(fat) + k + 1 for k in range(count - 1)] + [end]
        body += data.ljust(count * 512, b"\0")
    assert len(fat) <= 128

    def entry(name: str, kind: int, right: int = none, child: int = none, start: int = end, size: int = 0) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        out = bytearray(128)
        out[: len(raw)] = raw
        struct.pack_into("<HBBIII", out, 64, len(raw), kind, 1, none, right, child)
        struct.pack_into("<IQ", out, 116, start, size)
        return bytes(out)

    entries = [entry("Root Entry", 5, child=1)]
    entries += [entry(name, 2, right=i + 1 if i < len(streams) else none, start=starts[i - 1], size=len(data))
                for i, (name, data) in enumerate(streams.items(), 1)]
    return bytes(header) + struct.pack(f"<{len(fat)}I", *fat).ljust(512, b"\xff") + b"".join(entries).ljust(512, b"\0") + body


def cfb(streams: list[str]) -> bytes:
    """A minimal OLE compound file (512-byte sectors: header, one FAT sector, one directory sector) whose root
    holds empty streams with these names: a stand-in for a .doc or .xls (only its directory matters to the
    sniff), or what Office writes around an encrypted .xlsx."""
    free, end, fat_sector, none = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the OLE signature
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 76, 0, *([free] * 108))
    fat = struct.pack("<128I", fat_sector, end, *([free] * 126))

    def entry(name: str, kind: int, right: int = none, child: int = none) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        out = bytearray(128)
        out[: len(raw)] = raw
        struct.pack_into("<HBBIII", out, 64, len(raw), kind, 1, none, right, child)
        struct.pack_into("<IQ", out, 116, end, 0)
        return bytes(out)

    entries = [entry("Root Entry", 5, child=1)]
    entries += [entry(name, 2, right=i + 1 if i < len(streams) else none) for i, name in enumerate(streams, 1)]
    return bytes(header) + fat + b"".join(entries).ljust(512, b"\0")


def ocr_boxes(lines: list[str], top: float = 140.0) -> list:
    """What an OCR engine returns for these lines: one box per line (4 corner points, text, score), top to bottom."""
    return [([[150, top + 60 * k], [150 + 30 * len(text), top + 60 * k], [150 + 30 * len(text), top + 35 + 60 * k],
              [150, top + 35 + 60 * k]], text, 0.99) for k, text in enumerate(lines)]


class RecordingOcr:
    """Stands in for RapidOCR: the same boxes for every page, and a copy of each image it was given."""

    def __init__(self, boxes: list):
        self.boxes, self.images = boxes, []

    @property
    def pages(self) -> int:
        return len(self.images)

    def __call__(self, image) -> list:
        self.images.append(image.copy())
        return self.boxes


def use_ocr(monkeypatch, engine):
    """Make `engine` the OCR engine for the test (JIXIAO_OCR unset); returns it."""
    from jixiao.plugins.extractors import ocr

    monkeypatch.setattr(ocr, "_engine", (engine, None))
    monkeypatch.delenv("JIXIAO_OCR", raising=False)
    return engine


# -- a 自评表 drawn as departments scan and photograph it (tests of scantables; needs Pillow, numpy, cv2) ----------

FORM_FONTS = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
              "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc")

# columns in mm (8 of them, 180 mm) and rows: (row, col, rowspan, colspan, text); 13 rows of 12 mm
FORM_COLUMNS = [18, 36, 21, 21, 21, 21, 21, 21]
FORM_ROWS = 13
FORM_CELLS = [
    (0, 0, 1, 2, "项目名称"), (0, 2, 1, 6, "乡村道路养护工程"),
    (1, 0, 1, 2, "主管部门"), (1, 2, 1, 2, "某某县交通运输局"), (1, 4, 1, 2, "实施单位"), (1, 6, 1, 2, "县公路管理站"),
    (2, 0, 4, 1, "项目\n资金\n（万元）"), (2, 1, 1, 1, ""), (2, 2, 1, 1, "年初预算数"), (2, 3, 1, 1, "全年预算数"),
    (2, 4, 1, 1, "全年执行数"), (2, 5, 1, 1, "分值"), (2, 6, 1, 1, "执行率"), (2, 7, 1, 1, "得分"),
    (3, 1, 1, 1, "年度资金总额"), (3, 2, 1, 1, "100.00"), (3, 3, 1, 1, "120.00"), (3, 4, 1, 1, "110.00"),
    (3, 5, 1, 1, "10"), (3, 6, 1, 1, "91.67%"), (3, 7, 1, 1, "9.17"),
    (4, 1, 1, 1, "其中：当年财政拨款"), (4, 2, 1, 1, "100.00"), (4, 3, 1, 1, "120.00"), (4, 4, 1, 1, "110.00"),
    (4, 5, 1, 1, "—"), (4, 6, 1, 1, "—"), (4, 7, 1, 1, "—"),
    (5, 1, 1, 1, "上年结转资金"), (5, 2, 1, 1, "0.00"), (5, 3, 1, 1, "0.00"), (5, 4, 1, 1, "0.00"),
    (5, 5, 1, 1, "—"), (5, 6, 1, 1, "—"), (5, 7, 1, 1, "—"),
    (6, 0, 1, 1, "一级指标"), (6, 1, 1, 1, "二级指标"), (6, 2, 1, 2, "三级指标"), (6, 4, 1, 1, "年度指标值"),
    (6, 5, 1, 1, "实际完成值"), (6, 6, 1, 1, "分值"), (6, 7, 1, 1, "得分"),
    (7, 0, 3, 1, "产出\n指标"), (7, 1, 1, 1, "数量指标"), (7, 2, 1, 2, "养护里程"), (7, 4, 1, 1, "≥20公里"),
    (7, 5, 1, 1, "22公里"), (7, 6, 1, 1, "20"), (7, 7, 1, 1, "20"),
    (8, 1, 1, 1, "质量指标"), (8, 2, 1, 2, "验收合格率"), (8, 4, 1, 1, "≥95%"), (8, 5, 1, 1, "100%"),
    (8, 6, 1, 1, "15"), (8, 7, 1, 1, "15"),
    (9, 1, 1, 1, "时效指标"), (9, 2, 1, 2, "完成及时率"), (9, 4, 1, 1, "100%"), (9, 5, 1, 1, "100%"),
    (9, 6, 1, 1, "15"), (9, 7, 1, 1, "15"),
    (10, 0, 1, 1, "效益\n指标"), (10, 1, 1, 1, "社会效益指标"), (10, 2, 1, 2, "通行条件改善"), (10, 4, 1, 1, "明显改善"),
    (10, 5, 1, 1, "明显改善"), (10, 6, 1, 1, "30"), (10, 7, 1, 1, "30"),
    (11, 0, 1, 1, "满意度\n指标"), (11, 1, 1, 1, "服务对象满意度"), (11, 2, 1, 2, "群众满意度"), (11, 4, 1, 1, "≥90%"),
    (11, 5, 1, 1, "95%"), (11, 6, 1, 1, "10"), (11, 7, 1, 1, "10"),
    (12, 0, 1, 6, "总分"), (12, 6, 1, 1, "100"), (12, 7, 1, 1, "99.17"),
]


def form_font() -> str | None:
    """A Chinese font to draw forms with, or None."""
    return next((f for f in FORM_FONTS if Path(f).is_file()), None)


def form_page(dpi: int = 300, line: int | None = None, seal: bool = False, font: str | None = None,
              ink: int = 0) -> Any:
    """A 项目支出绩效自评表 page (A4, RGB) at `dpi`: title, the ruled table of FORM_CELLS (rules `line` pixels wide,
    about 0.25 mm by default), the signatures' line under it; with `seal`, a red round seal (公章) stamped over the
    table's lower right corner, multiplied into the page as ink is (black under it stays black). `ink`: the rules'
    grey (a printer's hairline scans grey)."""
    import numpy
    from PIL import Image, ImageDraw, ImageFont

    mm = dpi / 25.4
    width, height = round(210 * mm), round(297 * mm)
    page = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(page)
    path = font or form_font()
    assert path is not None
    text_font = ImageFont.truetype(path, round(10 / 72 * dpi))
    title_font = ImageFont.truetype(path, round(18 / 72 * dpi))
    xs = [round(15 * mm)]
    for w in FORM_COLUMNS:
        xs.append(xs[-1] + round(w * mm))
    ys = [round(45 * mm) + round(12 * mm) * k for k in range(FORM_ROWS + 1)]
    width_px = line or max(1, round(0.25 * mm))
    title = "项目支出绩效自评表"
    tw = draw.textlength(title, font=title_font)
    draw.text(((width - tw) / 2, 20 * mm), title, fill=(0, 0, 0), font=title_font)
    draw.text(((width - draw.textlength("（2023年度）", font=text_font)) / 2, 32 * mm), "（2023年度）", fill=(0, 0, 0),
              font=text_font)
    owner = numpy.full((FORM_ROWS, len(FORM_COLUMNS)), -1)
    for n, (r, c, rs, cs, _) in enumerate(FORM_CELLS):
        owner[r:r + rs, c:c + cs] = n
    for r in range(FORM_ROWS + 1):  # a horizontal rule wherever the cells above and below differ
        for c in range(len(FORM_COLUMNS)):
            if r in (0, FORM_ROWS) or owner[r - 1, c] != owner[r, c]:
                draw.rectangle([xs[c], ys[r], xs[c + 1] + width_px - 1, ys[r] + width_px - 1], fill=(ink, ink, ink))
    for c in range(len(FORM_COLUMNS) + 1):
        for r in range(FORM_ROWS):
            if c in (0, len(FORM_COLUMNS)) or owner[r, c - 1] != owner[r, c]:
                draw.rectangle([xs[c], ys[r], xs[c] + width_px - 1, ys[r + 1] + width_px - 1], fill=(ink, ink, ink))
    for r, c, rs, cs, text in FORM_CELLS:
        lines = text.split("\n")
        lh = text_font.size * 1.25
        top = (ys[r] + ys[r + rs]) / 2 - lh * len(lines) / 2
        for k, piece in enumerate(lines):
            tw = draw.textlength(piece, font=text_font)
            draw.text(((xs[c] + xs[c + cs]) / 2 - tw / 2, top + k * lh + 0.1 * text_font.size), piece, fill=(0, 0, 0),
                      font=text_font)
    below = ys[-1] + 10 * mm
    draw.text((xs[0], below), "单位负责人（签字）：", fill=(0, 0, 0), font=text_font)
    draw.line([(xs[0] + 45 * mm, below + 6 * mm), (xs[0] + 60 * mm, below + 2 * mm), (xs[0] + 70 * mm, below + 5 * mm)],
              fill=(30, 40, 90), width=max(1, round(0.4 * mm)))  # a blue-black signature
    draw.text((xs[0] + 100 * mm, below), "填表人：张明", fill=(0, 0, 0), font=text_font)
    draw.text((xs[0], below + 10 * mm), "单位（盖章）", fill=(0, 0, 0), font=text_font)
    draw.text((xs[0] + 100 * mm, below + 10 * mm), "填报日期：2024年3月8日", fill=(0, 0, 0), font=text_font)
    if seal:
        page = _stamp(page, (xs[-1] - 4 * mm, ys[-1] - 14 * mm), 19 * mm, path)
    return page


def _stamp(page: Any, centre: tuple[float, float], radius: float, font: str) -> Any:
    """A red round seal (ring, star, the unit's name) multiplied into the page at 0.85 opacity."""
    import math

    import numpy
    from PIL import Image, ImageDraw, ImageFont

    layer = Image.new("L", page.size, 0)
    draw = ImageDraw.Draw(layer)
    cx, cy = centre
    ring = max(2, round(radius * 0.06))
    draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], outline=255, width=ring)
    star = [(cx + radius * 0.32 * (1 if k % 2 == 0 else 0.4) * math.sin(math.pi * k / 5),
             cy - radius * 0.32 * (1 if k % 2 == 0 else 0.4) * math.cos(math.pi * k / 5)) for k in range(10)]
    draw.polygon(star, fill=255)
    name_font = ImageFont.truetype(font, max(8, round(radius * 0.28)))
    for k, ch in enumerate("某某县交通运输局"):
        angle = math.radians(-70 + k * 20)
        x, y = cx + radius * 0.7 * math.sin(angle), cy - radius * 0.7 * math.cos(angle)
        draw.text((x, y), ch, fill=255, font=name_font, anchor="mm")
    alpha = numpy.asarray(layer, dtype=numpy.float32)[:, :, None] / 255 * 0.85
    red = numpy.array([225, 35, 45], dtype=numpy.float32) / 255
    pixels = numpy.asarray(page, dtype=numpy.float32)
    out = pixels * (1 - alpha + alpha * red)
    return Image.fromarray(out.clip(0, 255).astype("uint8"))


def photograph(page: Any, seed: int = 1, offsets: tuple[float, ...] = (0.06, 0.02, -0.05, 0.03, 0.05, -0.04, -0.03, -0.05),
               crease: bool = True, size: tuple[int, int] = (3024, 4032)) -> Any:
    """`page` as a phone photographs it on a wooden desk: its corners (tl, tr, br, bl; x, y each a share of the
    photo's side) moved off a rectangle by `offsets`, light brighter at the top left, a soft shadow at the lower
    right, a warm cast, a fold crease across the middle, blur and noise (JPEG is left to the caller)."""
    import cv2
    import numpy
    from PIL import Image

    rng = numpy.random.default_rng(seed)
    width, height = size
    # (float32 throughout, in place where it can be: a 12-megapixel photo in float64 took 3 s to make)
    xx = numpy.arange(width, dtype=numpy.float32)[None, :]
    yy = numpy.arange(height, dtype=numpy.float32)[:, None]
    desk = 120 + 25 * numpy.sin(xx / 37.0 + 3 * numpy.sin(yy / 211.0)) + 10 * numpy.sin(yy / 13.0)
    photo = desk[:, :, None] * numpy.float32([1.25, 0.85, 0.5])
    numpy.clip(photo, 0, 255, out=photo)
    matrix = photo_matrix(page.size, offsets, size)
    sheet = numpy.asarray(page.convert("RGB"), dtype=numpy.float32)
    if crease:  # a shaded band above the fold, its sharp grey edge, a light band below
        ph = sheet.shape[0]
        rows = numpy.arange(ph, dtype=numpy.float32)[:, None, None]
        band = (1 - 0.15 * numpy.exp(-((rows - ph / 2 + 30) / 30.0) ** 2) - 0.45 * numpy.exp(-((rows - ph / 2) / 1.5) ** 2)
                + 0.04 * numpy.exp(-((rows - ph / 2 - 12) / 8.0) ** 2))
        sheet = sheet * band
    warped = cv2.warpPerspective(sheet, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=(-1, -1, -1))
    numpy.copyto(photo, warped, where=warped[:, :, :1] >= 0)  # (the page where it lies, the desk around it)
    light = 1.05 - 0.3 * (xx / width + yy / height) / 2
    shadow = 1 - 0.35 * numpy.exp(-(((xx - 0.85 * width) / (0.22 * width)) ** 2 + ((yy - 0.9 * height) / (0.2 * height)) ** 2))
    photo *= (light * shadow)[:, :, None]
    photo *= numpy.float32([1.0, 0.93, 0.8])
    photo = cv2.GaussianBlur(photo, (0, 0), 0.8)
    photo += rng.standard_normal(photo.shape, dtype=numpy.float32) * 4
    return Image.fromarray(numpy.clip(photo, 0, 255, out=photo).astype("uint8"))


def photo_matrix(page_size: tuple[int, int], offsets: tuple[float, ...], size: tuple[int, int]) -> Any:
    """The perspective that `photograph` lays a page of `page_size` into a photo of `size` with."""
    import cv2
    import numpy

    width, height = size
    margin_x, margin_y = 0.1 * width, 0.08 * height
    corners = numpy.float32([[margin_x, margin_y], [width - margin_x, margin_y], [width - margin_x, height - margin_y],
                             [margin_x, height - margin_y]])
    corners += numpy.float32(offsets).reshape(4, 2) * numpy.float32([width, height]) * 0.5
    source = numpy.float32([[0, 0], [page_size[0], 0], [page_size[0], page_size[1]], [0, page_size[1]]])
    return cv2.getPerspectiveTransform(source, corners)


def form_box(dpi: int) -> tuple[int, int, int, int]:
    """The table's outer box on a form_page at `dpi`: left, top, right, bottom pixels."""
    mm = dpi / 25.4
    left = round(15 * mm)
    right = left + sum(round(w * mm) for w in FORM_COLUMNS)
    top = round(45 * mm)
    return left, top, right, top + round(12 * mm) * FORM_ROWS


def scanned(page: Any, angle: float = 0.6, seed: int = 1) -> Any:
    """`page` as a scanner gives it: turned by `angle` degrees, slightly blurred, with light noise (its colours kept)."""
    import numpy
    from PIL import Image, ImageFilter

    turned = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255) if page.mode == "RGB" else 255)
    turned = turned.filter(ImageFilter.GaussianBlur(0.45))
    noisy = numpy.asarray(turned, dtype=numpy.float32)  # (a copy: float32 throughout)
    noisy += numpy.random.default_rng(seed).standard_normal(noisy.shape, dtype=numpy.float32) * 3
    return Image.fromarray(numpy.clip(noisy, 0, 255, out=noisy).astype("uint8"))


def word_with_table(path: Path, paragraphs: list[str], rows: list[list[str]]) -> Path:
    """A Word file (python-docx): the paragraphs, then one table of these rows (every row as wide as the widest)."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    document.save(path)
    return path
