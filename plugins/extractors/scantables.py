"""自评表 in scans: the ruled grid of a scanned page found in its image, each cell's text the page reading's in it.

A page image (greyscale, as ocr.py renders or opens it) is first straightened: the angle within ±3° at which its rows
of ink line up best (the variance of the row sums of a reduced copy is highest) is turned out. Its ruling lines are
the long runs of ink, horizontal and vertical (longer than a character's stroke: see `rules`); pdftables builds the
grid from them exactly as it does from a PDF's rules (slots, and merged cells where no rule separates two of them).
A grid of fewer than 3 rows, 2 columns or `MIN_CELLS` cells (a box, a frame), or with a cell taller than
`MAX_CELL_SHARE` of the page (a scanner's border joined to the table), is no table.

A cell's text is the whole-page reading's boxes whose centres lie in it. A box that runs out of its cell means the
engine read two cells as one (10096.95 for 100 | 96.95; 年初预算数全年预算数 for two headers): which part is whose is
never guessed, and that cell is cut out inside its lines and read on its own. Every cell's place carries
`"ocr": true`, its page, and the page line nearest its middle (the whole-page reading's lines are kept, those inside
a table tagged with its number, as a PDF's are), so a finding on a cell says it was read from a scan.

Photographs taken at an angle (perspective: lines that are not parallel) are straightened only as far as a rotation
does; where the lines do not come out straight enough to be found, there is no table, and the page is read as lines.
"""

from __future__ import annotations

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
MIN_SIDE = 48  # pixels: a cell smaller than this is set on white to this size for the engine

Reader = Callable[[Any], list[Any]]


@dataclass(slots=True)
class PageTable:
    """A table found on a scanned page: the table, and its box on the straightened image (x0, y0, x1, y1 pixels)."""

    table: Table
    box: tuple[float, float, float, float]


def straighten(image: Any) -> Any:
    """The page turned by the angle that lines its rows of ink up best (none when the page is straight, or blank)."""
    import numpy

    from PIL import Image

    small = image.copy()
    small.thumbnail((900, 900))
    ink = numpy.asarray(small) < INK
    if ink.sum() < 200:
        return image
    best, best_score = 0.0, -1.0
    steps = [k * 0.25 for k in range(-int(MAX_ANGLE * 4), int(MAX_ANGLE * 4) + 1)]
    mask = Image.fromarray((ink * 255).astype("uint8"))
    for angle in steps:
        rows = numpy.asarray(mask.rotate(angle, resample=Image.Resampling.NEAREST)).sum(axis=1, dtype=numpy.float64)
        score = float(rows.var())
        if score > best_score:
            best, best_score = angle, score
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
    import numpy

    ink = numpy.asarray(image) < INK
    horizontal = [((ink.shape[0] - row) * scale, start * scale, end * scale)
                  for row, start, end in _runs(ink, max(20, int(2.5 * text_height)))]
    vertical = [(col * scale, (ink.shape[0] - end) * scale, (ink.shape[0] - start) * scale)
                for col, start, end in _runs(ink.T, max(16, int(1.15 * text_height)))]
    return _join(horizontal), _join(vertical)


def page_tables(reader: Reader, image: Any, page: int, dpi: float, boxes: list[Any], lines_at: Callable[[float], int],
                read: Callable[[Any], list[str]], in_time: Callable[[], bool]) -> list[PageTable]:
    """The ruled tables of a straightened page image. A cell's text is the whole-page reading's boxes that lie in it
    (`boxes`, as the engine gave them; `read` turns boxes into lines); a cell that a box runs out of (the engine read
    two cells as one: 10096.95) is cut out and read by `reader` on its own. `lines_at(y)` is the number of the page
    line nearest pixel row y. A table whose cells cannot all be read before the time left runs out (`in_time()`
    false) is dropped: the page is read as lines."""
    import numpy

    scale = 72.0 / dpi
    placed = [_extent(box) for box in boxes]
    heights = sorted(y1 - y0 for _, y0, _, y1 in placed)
    h, v = rules(image, scale, heights[len(heights) // 2] if heights else 30.0)
    out: list[PageTable] = []
    if not h or not v:
        return out
    height = image.size[1]
    for hs, vs in _components(h, v):
        grid = _grid(hs, vs)
        if grid is None or len(grid.ys) < 4 or len(grid.xs) < 3 or not MIN_CELLS <= len(grid.spans) <= MAX_CELLS:
            continue
        if any((grid.ys[r0] - grid.ys[r1 + 1]) / scale > MAX_CELL_SHARE * height for r0, _, r1, _ in grid.spans):
            continue  # a frame around the page's text (a scanner's border, a box), not a table's cells
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
