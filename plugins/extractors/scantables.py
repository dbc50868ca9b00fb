"""自评表 in scans: the ruled grid of a scanned page found in its image, each cell's text the page reading's in it.

A page image (as ocr.py renders it, greyscale, or as image.py opens it, in colour) is first prepared (`prepare`): a
red seal lifted off it (`lift_red`: a seal over the table's edge is no rule, and the figures under it read), a
photographed table's perspective undone (`rectify`: its frame's four sides fitted and mapped to a rectangle), else
the page straightened (`straighten`: the angle within ±3° at which its rule ink lines up best, to 0.05°). OCR reads
the prepared page. Its ruling lines are the long runs of rule ink (darker than the paper on both sides across the
line: `_ink`), horizontal and vertical (longer than a character's stroke: see `rules`), made to meet as a table's
do (`regularise`); pdftables builds the grid from them exactly as it does from a PDF's rules (slots, and merged cells
where no rule separates two of them). A grid of fewer than 3 rows, 2 columns or `MIN_CELLS` cells (a box, a frame),
with a cell taller than `MAX_CELL_SHARE` of the page (a scanner's border joined to the table), or without rules along
`FRAME` of each outer edge (a table partly hidden) is no table (`grids`): a doubtful grid is worse than none.

A cell's text is the whole-page reading's boxes whose centres lie in it. A box that runs out of its cell means the
engine read two cells as one (10096.95 for 100 | 96.95; 年初预算数全年预算数 for two headers): which part is whose is
never guessed, and that cell is cut out inside its lines and read on its own. Every cell's place carries
`"ocr": true`, its page, and the page line nearest its middle (the whole-page reading's lines are kept, those inside
a table tagged with its number, as a PDF's are), so a finding on a cell says it was read from a scan.

OpenCV (it comes with RapidOCR) does the lifting's paper level, the rectifying and the rule ink; without it a page is
only straightened and its ink is what is darker than INK, as before.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .pdftables import _components, _grid, _join, _join_lines
from .tables import Cell, Table

MAX_ANGLE = 3.0  # degrees a scan may be tilted and still be straightened
INK = 160  # a grey level darker than this is ink
INSET = 3  # pixels cut off each side of a cell, so its ruling lines are not read as text
MAX_CELLS = 400  # cells recognised on one page at the most (a page of more is a drawing, not a 自评表)
MIN_CELLS = 10  # a 自评表 has more cells than this (fewer: a box or a frame)
MAX_CELL_SHARE = 0.6  # no cell of a 自评表 is taller than this share of the page
FRAME = 0.9  # share of each outer edge of a table that its rules run along
MIN_SIDE = 48  # pixels: a cell smaller than this is set on white to this size for the engine
RED_FROM, RED_FULL = 0.25, 0.45  # a pixel's red excess (see lift_red) from which it counts as red, and as fully red
ALIGN = 0.3  # share of the text's height within which a scan's rules meet (or are one rule: see regularise)
OVERRUN = 8  # × ALIGN's reach: a rule that runs on this far past the table's last crossing rule is not the table's
PAPER = 15  # pixels: the paper around a pixel is the brightest within this square (wider than any rule is thick)
STRAIGHTEN_SIDE = 1200  # pixels: a page's tilt is measured on its ink reduced to this size
FIND_SIDE = 1600  # pixels: a table's frame is looked for on the page reduced to this size
SQUARE = 0.4  # degrees: a table whose sides' tilts differ by less is a rectangle (no perspective to undo)
TABLE_FRAME = "jixiao.table_frame"  # a rectified page's info key: its table's box (left, top, right, bottom pixels)
SKEWED = 10.0  # degrees: a table whose sides' tilts differ by more was not found right (a phone's view gives 2°-5°)
KEEP_AROUND = 1.0  # share of a rectified table's width (height) kept of the photo on each side of it (the page around it)
UNDER_SEAL = 0.5  # a red pixel whose red channel is below this share of the paper's has ink under it (lifted from 0.7)
RED_LINE = 0.25  # share of the page's shorter side: a red blob as wide, and far wider than high, is a line (红头)
SEAL_SHARE = 0.0005  # a page with this share of its pixels red bears a seal (A4 at 300 dpi: 4,300 pixels; a seal 30,000)

Reader = Callable[[Any], list[Any]]


@dataclass(slots=True)
class PageTable:
    """A table found on a scanned page: the table, and its box on the prepared image (x0, y0, x1, y1 pixels)."""

    table: Table
    box: tuple[float, float, float, float]


def prepare(image: Any) -> Any:
    """The page as it is read (by OCR, and for its rules): greyscale, a red seal lifted off it (`lift_red`), a
    photographed table's perspective undone (`rectify`), else straightened (`straighten`)."""
    grey = lift_red(image) if image.mode == "RGB" else image if image.mode == "L" else image.convert("L")
    flat = rectify(grey)
    return flat if flat is not None else straighten(grey)


def lift_red(image: Any) -> Any:
    """An RGB page in greyscale, red ink (a seal, 公章) turned into the paper it lies on, when the page bears enough
    of it to be a seal (`SEAL_SHARE` of its pixels clearly red); else simply greyscale. A pixel is red as far as its
    red channel stands above the other two (as a share of it: a warm light gives paper a share of about 0.15, a seal's
    ink 0.5 and more); it is given the level of the paper around it (the brightest nearby, at least its own red
    channel's). The seal's ink multiplies what is under it by about 0.9 in red: where its red channel is darker than
    `UNDER_SEAL` of the paper's, there is ink under it (a grey hairline under a seal looks dark red), which stays, as
    black or blue-black ink, with no red excess, does. A line of red (`_red_lines`: a red letterhead) is text, and
    stays. Without OpenCV, simply greyscale."""
    import numpy

    from PIL import Image

    grey = image.convert("L")
    rgb = numpy.asarray(image)
    sampled = _redness(rgb[::4, ::4].astype(numpy.int16))  # (a page without a seal costs a glance at a sixteenth of it)
    cv2 = _cv2()
    if cv2 is None or float(sampled.mean()) < SEAL_SHARE:
        return grey
    level = numpy.asarray(grey, dtype=numpy.float32)
    rows, cols = numpy.nonzero(_redness(rgb.astype(numpy.int16), RED_FROM))
    kept = numpy.zeros(len(rows), bool)
    for x0, y0, x1, y1 in _red_lines(cv2, sampled, min(image.size) / 4):
        kept |= (cols >= 4 * x0) & (cols < 4 * x1) & (rows >= 4 * y0) & (rows < 4 * y1)
    rows, cols = rows[~kept], cols[~kept]
    red = rgb[rows, cols, 0].astype(numpy.float32)
    excess = (red - numpy.maximum(rgb[rows, cols, 1], rgb[rows, cols, 2])) / red
    weight = numpy.clip((excess - RED_FROM) / (RED_FULL - RED_FROM), 0.0, 1.0)
    # the paper's level around the seal: the brightest nearby (a seal's ink is a little darker)
    near = level.copy()
    near[rows, cols] = numpy.maximum(near[rows, cols], red)
    small = cv2.resize(near, (max(1, near.shape[1] // 8), max(1, near.shape[0] // 8)), interpolation=cv2.INTER_AREA)
    small = cv2.dilate(small, numpy.ones((5, 5), numpy.uint8))
    paper = numpy.maximum(red, cv2.resize(small, (near.shape[1], near.shape[0]), interpolation=cv2.INTER_LINEAR)[rows, cols])
    weight *= numpy.clip((red / numpy.maximum(paper, 1.0) - UNDER_SEAL) / 0.2, 0.0, 1.0)
    level[rows, cols] += weight * numpy.maximum(paper - level[rows, cols], 0.0)
    return Image.fromarray(level.round().clip(0, 255).astype("uint8"))


def _red_lines(cv2: Any, red: Any, side: float) -> list[tuple[int, int, int, int]]:
    """The boxes (x0, y0, x1, y1, in `red`'s pixels) of the red lines of a page: its red gathered into blobs (a
    line's characters close up into one), those at least `RED_LINE` of the page's shorter side (`side`, in `red`'s
    pixels) wide and 2.5 times as wide as high: a red letterhead (红头: the issuer's name in large red characters, a
    long red rule), a line written in red. They are text, not a seal, and stay."""
    import numpy

    mask = red.astype(numpy.uint8)
    reach = max(3, round(side * 0.02))
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, numpy.ones((reach, reach), numpy.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out = []
    for k in range(1, count):
        x, y, w, h = (int(v) for v in stats[k][:4])
        if w >= RED_LINE * side and w >= 2.5 * h:
            out.append((x - reach, y - reach, x + w + reach, y + h + reach))
    return out


def rectify(image: Any) -> Any | None:
    """A photographed page with its table's perspective undone: the table's four corners (`table_corners`) mapped to
    a rectangle as wide and high as the table's sides are on average, the page around it kept as far as it goes
    (`KEEP_AROUND` of the table's size each way), the table's box on it in its `info[TABLE_FRAME]` (rules that run on
    far past it are no table's: see `regularise`); None when no table's frame is found, or when it is a rectangle
    already (a scan, however tilted: `straighten` turns it), or without OpenCV."""
    cv2 = _cv2()
    if cv2 is None:
        return None
    import numpy

    from PIL import Image

    corners = table_corners(image)
    if corners is None:
        return None
    sides = [corners[(k + 1) % 4] - corners[k] for k in range(4)]
    angles = [float(numpy.degrees(numpy.arctan2(side[1], side[0]))) for side in sides]
    tilts = [angles[0], angles[1] - 90.0, angles[2] - 180.0 if angles[2] > 0 else angles[2] + 180.0, angles[3] + 90.0]
    if max(tilts) - min(tilts) < SQUARE:
        return None  # a rectangle, turned at most: straightened as a scan is
    if max(tilts) - min(tilts) > SKEWED:
        return None  # no photograph of a page held up to a phone: what was found is not the table's frame
    width = (float(numpy.hypot(*sides[0])) + float(numpy.hypot(*sides[2]))) / 2
    height = (float(numpy.hypot(*sides[1])) + float(numpy.hypot(*sides[3]))) / 2
    left = min(KEEP_AROUND * width, float(corners[:, 0].min()))
    top = min(KEEP_AROUND * height, float(corners[:, 1].min()))
    target = numpy.array([[left, top], [left + width, top], [left + width, top + height], [left, top + height]], numpy.float32)
    matrix = cv2.getPerspectiveTransform(corners.astype(numpy.float32), target)
    w, h = image.size
    edges = cv2.perspectiveTransform(numpy.array([[[0, 0], [w, 0], [w, h], [0, h]]], numpy.float32), matrix)[0]
    right = min(float(edges[:, 0].max()), left + width * (1 + KEEP_AROUND))
    bottom = min(float(edges[:, 1].max()), top + height * (1 + KEEP_AROUND))
    size = (max(1, round(right)), max(1, round(bottom)))
    flat = cv2.warpPerspective(numpy.asarray(image), matrix, size, flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_CONSTANT, borderValue=255)
    out = Image.fromarray(flat)
    out.info[TABLE_FRAME] = (left, top, left + width, top + height)
    return out


def table_corners(image: Any) -> Any | None:
    """The four corners (top left, top right, bottom right, bottom left; float pixels) of the page's largest ruled
    table, or None. Ink is the rules' ink (`_ink`, on the page reduced to FIND_SIDE, a pixel's gaps closed): shadow
    and uneven light are not; the table is the connected ink with the most holes the size of a cell (a frame has one,
    a character's are smaller), and at least `MIN_CELLS`; its outline must be a convex quadrilateral whose sides each
    follow a straight line (fitted to the outline's points along it), which are intersected."""
    cv2 = _cv2()
    if cv2 is None:
        return None
    import numpy

    factor = min(1.0, FIND_SIDE / max(image.size))
    grey = numpy.asarray(image)
    if factor < 1.0:
        grey = cv2.resize(grey, (round(image.size[0] * factor), round(image.size[1] * factor)), interpolation=cv2.INTER_AREA)
    ink, _ = _ink(grey)
    ink = cv2.morphologyEx(ink.astype(numpy.uint8), cv2.MORPH_CLOSE, numpy.ones((3, 3), numpy.uint8))
    contours, hierarchy = cv2.findContours(ink, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_NONE)
    if hierarchy is None:
        return None
    side = max(grey.shape)
    smallest, holes = (0.012 * side) ** 2, [0] * len(contours)
    for k, (_, _, _, parent) in enumerate(hierarchy[0]):
        if parent >= 0 and cv2.contourArea(contours[k]) >= smallest:
            holes[parent] += 1
    best = max(range(len(contours)), key=lambda k: (holes[k], cv2.contourArea(contours[k])))
    if holes[best] < MIN_CELLS:
        return None
    outline = contours[best].reshape(-1, 2).astype(numpy.float64)
    hull = cv2.convexHull(outline.astype(numpy.float32))
    quad = None
    for share in (0.01, 0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(hull, share * cv2.arcLength(hull, True), True)
        if len(approx) == 4:
            quad = approx.reshape(4, 2).astype(numpy.float64)
            break
    if quad is None or cv2.contourArea(quad.astype(numpy.float32)) < 0.05 * grey.shape[0] * grey.shape[1]:
        return None
    quad = quad[numpy.argsort(numpy.arctan2(quad[:, 1] - quad[:, 1].mean(), quad[:, 0] - quad[:, 0].mean()))]
    start = int(numpy.argmin(quad.sum(axis=1)))  # clockwise on the image (y down) from the top left
    quad = numpy.roll(quad, -start, axis=0)
    lines = []
    for k in range(4):
        a, b = quad[k], quad[(k + 1) % 4]
        direction = (b - a) / numpy.hypot(*(b - a))
        normal = numpy.array([-direction[1], direction[0]])
        along = (outline - a) @ direction
        away = numpy.abs((outline - a) @ normal)
        length = float(numpy.hypot(*(b - a)))
        near = outline[(away <= max(3.0, 0.01 * length)) & (along >= 0.1 * length) & (along <= 0.9 * length)]
        if len(near) < 0.3 * length:
            return None  # the side does not run straight: no frame to trust
        vx, vy, x0, y0 = cv2.fitLine(near.astype(numpy.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).reshape(4)
        lines.append((numpy.array([x0, y0], numpy.float64), numpy.array([vx, vy], numpy.float64)))
    corners = []
    for k in range(4):
        (p, u), (q, v) = lines[k - 1], lines[k]
        matrix = numpy.array([[u[0], -v[0]], [u[1], -v[1]]])
        if abs(numpy.linalg.det(matrix)) < 1e-6:
            return None
        t = numpy.linalg.solve(matrix, q - p)[0]
        corners.append(p + t * u)
    return numpy.array(corners) / factor


def _cv2() -> Any:
    """OpenCV where it is installed (it comes with RapidOCR), else None."""
    try:
        import cv2
    except ImportError:
        return None
    return cv2


def _redness(rgb: Any, share: float = RED_FULL) -> Any:
    """Where the red channel (over 60) stands above the other two by `share` of itself (int16 RGB in, booleans out)."""
    import numpy

    red = rgb[:, :, 0]
    return (red > 60) & ((red - numpy.maximum(rgb[:, :, 1], rgb[:, :, 2])) * 100 > red * round(share * 100))


def straighten(image: Any) -> Any:
    """The page turned by the angle that lines its rows of ink up best (none when the page is straight, or blank):
    the angle within ±MAX_ANGLE at 0.25° steps, then to 0.05°. Its ink is what rules are found in (`_ink`: a
    scanner's black margin, straight whatever the page's tilt, is no ink but at its edge), on the page reduced."""
    import numpy

    from PIL import Image

    if _cv2() is None:
        small = image.copy()
        small.thumbnail((900, 900))
        ink = numpy.asarray(small) < INK
    else:
        across, _ = _ink(image)
        factor = min(1.0, STRAIGHTEN_SIDE / max(image.size))
        mask = (across * 255).astype("uint8")
        if factor < 1.0:
            cv2 = _cv2()
            size = (max(1, round(image.size[0] * factor)), max(1, round(image.size[1] * factor)))
            mask = cv2.resize(mask, size, interpolation=cv2.INTER_AREA)
        ink = mask > 64
    if ink.sum() < 200:
        return image
    mask_image = Image.fromarray((ink * 255).astype("uint8"))

    def score(angle: float) -> float:
        rotated = numpy.asarray(mask_image.rotate(angle, resample=Image.Resampling.NEAREST))
        return float(rotated.sum(axis=1, dtype=numpy.float64).var())

    steps = [k * 0.25 for k in range(-int(MAX_ANGLE * 4), int(MAX_ANGLE * 4) + 1)]
    best = max(steps, key=lambda angle: (score(angle), -abs(angle)))
    best = max((round(best + k * 0.05, 2) for k in range(-4, 5)), key=lambda angle: (score(angle), -abs(angle)))
    if best == 0.0:
        return image
    return image.rotate(best, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)


def _recognise(reader: Reader, crop: Any) -> list[Any]:
    """The engine's boxes for one cell, the cell set on a white margin (the engine finds no text at an image's very
    edge, and refuses an image too small); a cell the engine fails on reads as empty (not read, never guessed)."""
    from PIL import Image

    width, height = crop.size
    canvas = Image.new("L", (max(width, MIN_SIDE) + 16, max(height, MIN_SIDE) + 16), 255)
    canvas.paste(crop, (8, 8))
    try:
        return reader(canvas)
    except Exception:  # (an engine's complaint about one small image is no reason to lose the page)
        return []


def _runs(ink: Any, minimum: int) -> list[tuple[int, int, int]]:
    """The runs of ink along each row of `ink` at least `minimum` long: (row, start, end)."""
    import numpy

    padded = numpy.zeros((ink.shape[0], ink.shape[1] + 2), dtype=numpy.int8)
    padded[:, 1:-1] = ink
    edges = numpy.diff(padded, axis=1)
    starts_r, starts_c = numpy.nonzero(edges == 1)
    ends_r, ends_c = numpy.nonzero(edges == -1)
    lengths = ends_c - starts_c
    keep = lengths >= minimum
    return list(zip(starts_r[keep].tolist(), starts_c[keep].tolist(), ends_c[keep].tolist(), strict=True))


def rules(image: Any, scale: float, text_height: float) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """The page's ruling lines in points, y up, as pdftables takes them: horizontal (y, x0, x1), vertical (x, y0, y1).
    `scale`: points per pixel; `text_height`: the height of a line of the page's text in pixels. A stroke of a
    character is at most about that long; a rule is longer: a vertical one at least a row of a table (the text and
    its cell's margins: over 1.15 lines), a horizontal one at least a narrow cell (2.5 lines)."""
    across, down = _ink(image)
    height = across.shape[0]
    horizontal = [((height - row) * scale, start * scale, end * scale)
                  for row, start, end in _runs(across, max(20, int(2.5 * text_height)))]
    vertical = [(col * scale, (height - end) * scale, (height - start) * scale)
                for col, start, end in _runs(down.T, max(16, int(1.15 * text_height)))]
    return _join(horizontal), _join(vertical)


def regularise(h: list[tuple[float, float, float]], v: list[tuple[float, float, float]], reach: float,
               frame: tuple[float, float, float, float] | None = None,
               ) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Rules found as runs of ink, made to meet as a table's rules do (pdftables takes every position and every end
    as a column's or a row's edge). A rule's runs lie a few pixels apart (its thickness; a trace of tilt): those
    within `reach` (points) of one another are one position, their mean weighted by length. A rule's end that stops
    within `reach` of a crossing rule is that rule's position; an end that meets none (a line broken off, a stroke
    that ran on) is cut back to the last rule it crosses (see `_meet`), and a rule that crosses fewer than two is
    dropped. With the `frame` of a rectified table (x0, y0, x1, y1 points, y up: see `rectify`), rules across it are
    cut to it, and those that run on far past it (a fold's crease, the page's edge) are dropped."""
    h, v = _merge(h, reach), _merge(v, reach)
    if frame is not None:
        x0, y0, x1, y1 = frame
        h, v = _inside(h, x0, x1, y0, y1, OVERRUN * reach), _inside(v, y0, y1, x0, x1, OVERRUN * reach)
    return _meet(h, v, reach), _meet(v, h, reach)


def _inside(rules: list[tuple[float, float, float]], low: float, high: float, first: float, last: float,
            limit: float) -> list[tuple[float, float, float]]:
    """The rules across the frame (their position between `first` and `last`) cut to it (`low` to `high` along them);
    those at a position where one runs into the frame from more than `limit` outside it dropped (a crease, a page's
    edge); those outside it kept as they are (another table, a signature)."""
    running = {p for p, a, b in rules if first <= p <= last and a < high and b > low and (low - a > limit or b - high > limit)}
    return [(p, max(a, low), min(b, high)) if first <= p <= last else (p, a, b)
            for p, a, b in rules if p not in running and (not first <= p <= last or min(b, high) > max(a, low))]


def _merge(rules: list[tuple[float, float, float]], reach: float) -> list[tuple[float, float, float]]:
    """Parallel rules' positions within `reach` of their neighbour (and 2 × `reach` of their group's first) as one."""
    ordered = sorted(rules)
    groups: list[list[tuple[float, float, float]]] = []
    for rule in ordered:
        if groups and rule[0] - groups[-1][-1][0] <= reach and rule[0] - groups[-1][0][0] <= 2 * reach:
            groups[-1].append(rule)
        else:
            groups.append([rule])
    out: list[tuple[float, float, float]] = []
    for group in groups:
        weight = sum(b - a for _, a, b in group) or 1.0
        position = sum(p * (b - a) for p, a, b in group) / weight
        spans = sorted((a, b) for _, a, b in group)
        a, b = spans[0]
        for a2, b2 in spans[1:]:
            if a2 <= b + reach:
                b = max(b, b2)
            else:
                out.append((position, a, b))
                a, b = a2, b2
        out.append((position, a, b))
    return out


def _meet(rules: list[tuple[float, float, float]], crossing: list[tuple[float, float, float]],
          reach: float) -> list[tuple[float, float, float]]:
    """Each rule from the first crossing rule it meets (within `reach`) to the last. An end that runs on past them is
    kept where two more rules end with it (a table open at that side); else it is cut back, and a rule that runs on
    past every rule crossing its line by more than `OVERRUN` × `reach` is no table's (a fold's crease, a page's edge,
    a shadow across the page) and is dropped."""
    spans = []
    for position, a, b in rules:
        across = [p for p, c, d in crossing if c - reach <= position <= d + reach]
        crossed = [p for p in across if a - reach <= p <= b + reach]
        spans.append((position, a, b, min(crossed, default=a), max(crossed, default=a), min(across, default=a),
                      max(across, default=b)))
    free_starts = sorted(a for _, a, _, lo, _, _, _ in spans if lo - a > reach)
    free_ends = sorted(b for _, _, b, _, hi, _, _ in spans if b - hi > reach)

    def shared(value: float, ends: list[float]) -> bool:
        return bisect.bisect_right(ends, value + reach) - bisect.bisect_left(ends, value - reach) >= 3

    lines = sorted(p for p, _, _ in crossing)

    def on_a_line(value: float) -> bool:  # level with a crossing rule (which stops short of this one)
        return bisect.bisect_right(lines, value + reach) > bisect.bisect_left(lines, value - reach)

    out = []
    for position, a, b, lo, hi, first, last in spans:
        start, end = lo, hi
        if lo - a > reach and (shared(a, free_starts) or on_a_line(a)):
            start = a  # (an open side; or a table cut through a merged cell: it stops where the other rules do)
        elif first - a > OVERRUN * reach:
            continue
        if b - hi > reach and (shared(b, free_ends) or on_a_line(b)):
            end = b
        elif b - last > OVERRUN * reach:
            continue
        if end - start > reach:
            out.append((position, start, end))
    return out


def _ink(image: Any) -> tuple[Any, Any]:
    """The page's ink for its horizontal rules and for its vertical ones (two boolean arrays). Ink is darker than
    INK would be on white paper, in proportion to the paper on both sides of it across the rule (the brightest within
    `PAPER` pixels above and below it; left and right): shadow and uneven light in a photograph are paper still, and
    the edge of a page on a desk (paper on one side only) is no line. A thin line that turning the page spread over
    two rows (columns) of grey counts by the darkness of both together. A pixel that is ink either way is ink to
    both (the two arrays are one). Without OpenCV, darker than INK."""
    import numpy

    level = numpy.asarray(image)
    cv2 = _cv2()
    if cv2 is None:
        ink = level < INK
        return ink, ink
    grey = level.astype(numpy.int32)
    out = []
    for axis, shape in ((0, (PAPER, 1)), (1, (1, PAPER))):
        kernel = numpy.ones(shape, numpy.uint8)
        before = cv2.dilate(level, kernel, anchor=(shape[1] - 1, shape[0] - 1))
        after = cv2.dilate(level, kernel, anchor=(0, 0))
        paper = numpy.minimum(before, after).astype(numpy.int32)
        dark = paper - grey
        need = (255 - INK) * paper  # (darkness × 255 at least this: INK on white paper)
        pair = numpy.zeros_like(dark)
        if axis == 0:
            pair[:-1] = dark[:-1] + dark[1:]
            enough = pair * 255 >= need
            enough[1:] |= enough[:-1].copy()
        else:
            pair[:, :-1] = dark[:, :-1] + dark[:, 1:]
            enough = pair * 255 >= need
            enough[:, 1:] |= enough[:, :-1].copy()
        out.append((dark * 255 >= need) | enough)
    ink = out[0] | out[1]  # (where rules cross, each is the other's paper: the crossing is ink to both)
    return ink, ink


def grids(image: Any, scale: float, text_height: float) -> list[Any]:
    """The grids of the page's ruled tables (pdftables' `_Grid`, in points, y up), those that are a table's: at least
    3 rows, 2 columns and `MIN_CELLS` cells; no cell taller than `MAX_CELL_SHARE` of the page (a frame around the
    text: a scanner's border, a box); and a whole frame (rules along `FRAME` of each outer edge: a table part of
    which is hidden, by a hand or a shadow, is not rebuilt from what is left, which would be cells it does not have).
    `scale`: points per pixel; `text_height`: pixels."""
    height = image.size[1]
    frame = None
    if isinstance(image.info.get(TABLE_FRAME), tuple):  # (pixels, y down) → points, y up
        left, top, right, bottom = image.info[TABLE_FRAME]
        frame = (left * scale, (height - bottom) * scale, right * scale, (height - top) * scale)
    h, v = regularise(*rules(image, scale, text_height), ALIGN * text_height * scale, frame)
    if not h or not v:
        return []
    out = []
    for hs, vs in _components(h, v):
        grid = _grid(hs, vs)
        if grid is None or len(grid.ys) < 4 or len(grid.xs) < 3 or not MIN_CELLS <= len(grid.spans) <= MAX_CELLS:
            continue
        if any((grid.ys[r0] - grid.ys[r1 + 1]) / scale > MAX_CELL_SHARE * height for r0, _, r1, _ in grid.spans):
            continue
        if _framed(grid, hs, vs, ALIGN * text_height * scale):
            out.append(grid)
    return out


def _framed(grid: Any, h: list[tuple[float, float, float]], v: list[tuple[float, float, float]], reach: float) -> bool:
    """Whether rules run along `FRAME` of each of the grid's four outer edges. A stretch of an edge without a rule is
    excused where the rules on either side of it run to the edge: a table cut (at a page's or a picture's end) through
    a merged cell, its label column running on (a hand or a shadow over a table hides the rules at its sides too)."""
    def along(rules: list[tuple[float, float, float]], crossing: list[tuple[float, float, float]], position: float,
              a: float, b: float) -> bool:
        covered = sum(max(0.0, min(e, b) - max(s, a)) for p, s, e in rules if abs(p - position) <= reach)
        if covered >= FRAME * (b - a):
            return True
        sides = [p for p, s, e in crossing if s - reach <= position <= e + reach and a - reach <= p <= b + reach]
        spans = sorted((max(s, a), min(e, b)) for p, s, e in rules if abs(p - position) <= reach and min(e, b) > max(s, a))
        excused, at = 0.0, a
        for s, e in [*spans, (b, b)]:
            if s - at > reach and any(abs(p - at) <= reach for p in sides) and any(abs(p - s) <= reach for p in sides):
                excused += s - at
            at = max(at, e)
        return covered + excused >= FRAME * (b - a)

    x0, x1, top, bottom = grid.xs[0], grid.xs[-1], grid.ys[0], grid.ys[-1]
    return (along(h, v, top, x0, x1) and along(h, v, bottom, x0, x1) and along(v, h, x0, bottom, top)
            and along(v, h, x1, bottom, top))


def page_tables(reader: Reader, image: Any, page: int, dpi: float, boxes: list[Any], lines_at: Callable[[float], int],
                read: Callable[[Any], list[str]], in_time: Callable[[], bool]) -> list[PageTable]:
    """The ruled tables of a prepared page image (`prepare`; their grids: `grids`). A cell's text is the whole-page
    reading's boxes that lie in it (`boxes`, as the engine gave them; `read` turns boxes into lines); a cell that a
    box runs out of (the engine read two cells as one: 10096.95) is cut out and read by `reader` on its own.
    `lines_at(y)` is the number of the page line nearest pixel row y. A table whose cells cannot all be read before
    the time left runs out (`in_time()` false) is dropped: the page is read as lines."""
    import numpy

    scale = 72.0 / dpi
    placed = [_extent(box) for box in boxes]
    heights = sorted(y1 - y0 for _, y0, _, y1 in placed)
    text_height = heights[len(heights) // 2] if heights else 30.0
    out: list[PageTable] = []
    height = image.size[1]
    for grid in grids(image, scale, text_height):
        rects = [(grid.xs[k0] / scale, height - grid.ys[r0] / scale, grid.xs[k1 + 1] / scale, height - grid.ys[r1 + 1] / scale)
                 for r0, k0, r1, k1 in grid.spans]
        cells: list[Cell] = []
        complete = True
        for (r0, k0, r1, k1), (x0, top, x1, bottom) in zip(grid.spans, rects, strict=True):
            inside = [(box, extent) for box, extent in zip(boxes, placed, strict=True)
                      if x0 <= (extent[0] + extent[2]) / 2 <= x1 and top <= (extent[1] + extent[3]) / 2 <= bottom]
            spill = any(_runs_out(extent, (x0, top, x1, bottom)) for _, extent in inside)
            found = [box for box, _ in inside]
            if spill and x1 - x0 > 2 * INSET + 4 and bottom - top > 2 * INSET + 4:
                if not in_time():
                    complete = False
                    break
                crop = image.crop((int(x0) + INSET, int(top) + INSET, int(x1) - INSET, int(bottom) - INSET))
                found = _recognise(reader, crop) if int((numpy.asarray(crop) < INK).sum()) >= 12 else []
            text = _join_lines([line for line in read(found) if line.strip()])  # (a wrapped cell's lines, as pdftables joins them)
            line = lines_at((top + bottom) / 2)
            where = {"page": page, "line": line, "column": 1, "end_line": line, "end_column": 1 + len(text.split("\n")[-1]),
                     "quote": text, "ocr": True}
            cells.append(Cell(text, where, origin=(r0, k0), rowspan=r1 - r0 + 1, colspan=k1 - k0 + 1))
        if not complete:
            continue
        rows = [[cells[n] for n in row] for row in grid.slots]
        box = (grid.xs[0] / scale, height - grid.ys[0] / scale, grid.xs[-1] / scale, height - grid.ys[-1] / scale)
        out.append(PageTable(Table(rows, index=0, page=page), box))
    out.sort(key=lambda t: t.box[1])
    return out


def _extent(box: Any) -> tuple[float, float, float, float]:
    """A recognised box's bounds (x0, y0, x1, y1) from its four corner points."""
    xs = [float(point[0]) for point in box[0]]
    ys = [float(point[1]) for point in box[0]]
    return min(xs), min(ys), max(xs), max(ys)


def _runs_out(extent: tuple[float, float, float, float], cell: tuple[float, float, float, float]) -> bool:
    """Whether a box runs out of the cell its centre is in by more than a stroke (into the cell beside it)."""
    bx0, by0, bx1, by1 = extent
    x0, top, x1, bottom = cell
    slack = max(6.0, 0.15 * (by1 - by0))
    return bx0 < x0 - slack or bx1 > x1 + slack or by0 < top - slack or by1 > bottom + slack
