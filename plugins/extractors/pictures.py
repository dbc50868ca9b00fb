"""自评表 pasted into a Word or PDF document as pictures: a screenshot of the budget system's form, a picture exported
from Excel, a scan or a phone photo of the printed and stamped form. Departments do this all the time, and a reader
of the text alone sees a report without its forms.

Each picture large enough to hold a form (`MIN_WIDTH_CM` × `MIN_HEIGHT_CM` as shown; a logo, a QR code or a seal is
smaller) is read by OCR where the `ocr` extra is installed, exactly as a scanned page is (ocr.recognise_pages with its
ruled tables: scantables.py), and is kept only where a ruled table is found in it: a form is a table, and the text of
a photo, a chart or a seal is never read as the report's. Its lines go in after the paragraph that holds it (Word) or
after its page's lines (PDF), its tables among the document's in reading order; every value read from it carries
`"ocr": true` and `"picture"`, its number (in the document, or on its page for a PDF), so a finding names the picture
and its table's cell. A picture OCR could not read, and, without the extra, every such picture, is named in an
`extraction` info finding: what was not read is said, never taken for the report's fault (a warning would make the
report 有警告).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from jixiao.kit import Extraction, Finding, picture_where

from .messages import message
from .normalize import SourceLine
from .prose import extract_document, lang_of
from .tables import Document, Table

if TYPE_CHECKING:
    from .ocr import Outcome

MIN_WIDTH_CM = 8.0  # as shown on the page: a form fills most of its width (a logo, a QR code, a seal does not)
MIN_HEIGHT_CM = 3.0
MAX_ASPECT = 5.0  # a picture longer than this many times its width (or wider) is a banner or a rule, not a form
MIN_PIXELS = 200  # on its shorter side: smaller than this, no form's text is legible
SMALL_SIDE = 1600  # pixels: a picture whose longer side is shorter (a screenshot at 100%) is read at twice its size
RULED_ROWS, RULED_COLUMNS = 4, 3  # the long rules of the smallest table scantables rebuilds (3 rows, 2 columns)
RULE_TEXT_HEIGHT = 16  # pixels: the text height `ruled` looks for rules with (short: it misses no table's rule)


@dataclass
class Picture:
    """One picture of the document. `number`: its number in the document (Word), or on its page (PDF); `anchor`: the
    Word paragraph (line number) that holds it, else 0; `after`: how many of `document.prose`'s lines come before
    its lines; `tables_before`: how many of the document's tables come before its tables; `load()`: its image (PIL),
    or raises ValueError saying why it cannot be read (an EMF, a linked file, a damaged image). In a workbook, `sheet`
    and `cell`: the worksheet and the cell its top left corner stands on (`number` counts the sheet's pictures)."""

    number: int
    page: int | None
    anchor: int
    after: int
    tables_before: int
    load: Callable[[], Any]
    sheet: str | None = None
    cell: str | None = None


def large_enough(width_cm: float | None, height_cm: float | None) -> bool:
    """Whether a picture shown this size could hold a form (unknown sizes are read: a form may be anywhere); a banner
    (a site's 1200 × 150 heading) or a rule is far wider than high, more than any part of a form."""
    if width_cm is None or height_cm is None:
        return True
    return (width_cm >= MIN_WIDTH_CM and height_cm >= MIN_HEIGHT_CM
            and max(width_cm, height_cm) <= MAX_ASPECT * min(width_cm, height_cm))


def open_image(data: bytes, crop: tuple[float, float, float, float] | None = None) -> Any:
    """A picture's bytes as an upright RGB image on white, its longer side within ocr's limit (a small screenshot read
    at twice its size), cut as the document shows it (`crop`: the share cut off the left, top, right and bottom: what
    Word's crop hides is no part of the report); ValueError saying why it cannot be read."""
    try:
        from PIL import Image
    except ImportError:  # (OCR runs only with the extra, which brings Pillow)
        raise ValueError("Pillow missing") from None
    from .image import decode, page_image

    image = decode(data, refused=("WMF", "EMF"))  # (image.Undecodable is a ValueError)
    if min(image.size) < MIN_PIXELS:
        raise ValueError("{}×{}".format(*image.size))
    page = page_image(image, 1, colour=True)
    if crop and any(crop):
        left, top, right, bottom = crop
        w, h = page.size
        box = (round(w * left), round(h * top), round(w * (1 - right)), round(h * (1 - bottom)))
        if box[2] - box[0] >= MIN_PIXELS // 2 and box[3] - box[1] >= MIN_PIXELS // 2:
            page = page.crop(box)
    if max(page.size) < SMALL_SIDE:
        page = page.resize((page.size[0] * 2, page.size[1] * 2), Image.Resampling.BICUBIC)
    return page


def loader(content: bytes | str | None, lang: str, crop: tuple[float, float, float, float] | None = None,
           linked: bool = False) -> Callable[[], Any]:
    """The `load` of a picture: its bytes opened as an image (`open_image`), or a ValueError saying why it cannot be
    (`content` a reason; None: the picture is missing from the file; `linked`: it is a file outside the document)."""
    if linked:
        return partial(unavailable, message("picture_linked", lang))
    if content is None:
        return partial(unavailable, message("picture_missing", lang))
    return partial(unavailable, content) if isinstance(content, str) else partial(open_image, content, crop)


def unavailable(why: str) -> Any:
    """The load of a picture that is not in the file, or cannot be taken out of it (a linked picture, a page's picture
    beside it): ValueError saying why."""
    raise ValueError(why)


def read(document: Document, pictures: list[Picture], options: Any, paragraphs: bool,
         available: bool = True) -> list[Finding]:
    """Read the pictures' forms into `document` (its prose and tables, in place); the findings that say what was read
    and what was not. `paragraphs`: the document's lines are Word paragraphs (a picture is named by its paragraph).
    `available`: the pictures are in the file (a page saved as HTML alone has them beside it: they are only named)."""
    if not pictures:
        return []
    from . import ocr  # (ocr reads the time limit through legacy, which reads Word through docx, which reads this)

    lang = lang_of(options)

    def named(chosen: list[Picture]) -> str:
        return ("、" if lang != "en" else ", ").join(_where(p, lang, paragraphs) for p in chosen)

    if not available:
        return [_finding("info", message("pictures_not_in_page", lang, where=named(pictures)), pictures, "pictures_not_read")]
    reader, problem = ocr.engine()
    if reader is None:
        key = "pictures_no_ocr" if problem is None else "pictures_ocr_broken"
        return [_finding("info", message(key, lang, where=named(pictures), detail=problem or ""), pictures, "pictures_not_read")]
    unreadable: dict[int, str] = {}

    def image_of(number: int) -> Any:  # each decoded when its turn comes (not all held at once)
        try:
            return pictures[number - 1].load()
        except ValueError as exc:
            unreadable[number] = str(exc)
            from PIL import Image

            return Image.new("L", (8, 8), 255)  # (nothing on it: OCR finds no text, and it is named as unreadable)

    outcome = ocr.recognise_pages(reader, list(range(1, len(pictures) + 1)), image_of, tables=True, gate=ruled)
    outcome.empty = [number for number in outcome.empty if number not in unreadable]
    outcome.read = [number for number in outcome.read if number not in unreadable]
    findings: list[Finding] = []
    read_ones, tableless = _merge(document, pictures, outcome)
    if read_ones:
        findings.append(_finding("info", message("pictures_read", lang, where=named(read_ones)), read_ones, "ocr"))
    if tableless:
        findings.append(_finding("info", message("pictures_no_table", lang, where=named(tableless)), tableless,
                                 "picture_without_table"))
    for number, why in unreadable.items():
        picture = pictures[number - 1]
        findings.append(_finding("info", message("pictures_unreadable", lang, where=_where(picture, lang, paragraphs),
                                                 detail=why), [picture], "picture_unreadable"))
    if outcome.skipped:
        chosen = [pictures[k - 1] for k in outcome.skipped]
        findings.append(_finding("warning", message("pictures_timeout", lang, where=named(chosen), per_page=outcome.seconds),
                                 chosen, "ocr_timeout"))
    if outcome.failed:
        chosen = [pictures[k - 1] for k in outcome.failed]
        findings.append(_finding("warning", message("pictures_failed", lang, where=named(chosen), detail=outcome.failure),
                                 chosen, "ocr_failed"))
    return findings


def ruled(image: Any) -> bool:
    """Whether a prepared picture has the long rules of a table (at least RULED_ROWS across a quarter of its width and
    RULED_COLUMNS down a tenth of its height): a photo, a chart or a seal has not, and is not sent to OCR (seconds each).
    Measured on heldout47's pictures: forms 14–46 and 22–41, a bar chart 2 and 2, a photo 0."""
    from . import scantables

    width, height = image.size
    across, down = scantables.rules(image, 1.0, RULE_TEXT_HEIGHT)
    return (sum(1 for _, a, b in across if b - a >= 0.25 * width) >= RULED_ROWS
            and sum(1 for _, a, b in down if b - a >= 0.1 * height) >= RULED_COLUMNS)


def _merge(document: Document, pictures: list[Picture], outcome: Outcome) -> tuple[list[Picture], list[Picture]]:
    """Put the pictures in which OCR found a table into the document: their lines after `after`, their tables after
    `tables_before` (numbered after the document's own), each place naming its picture. (read, without a table)."""
    by_key: dict[int, list[Table]] = {}
    for table in outcome.tables:
        by_key.setdefault(table.page or 0, []).append(table)
    lines: dict[int, list[SourceLine]] = {}
    for line in outcome.lines:
        lines.setdefault(line.page or 0, []).append(line)
    number = max((t.index for t in document.tables), default=0)
    renumber: dict[int, int] = {}
    read_ones, tableless = [], []
    inserts: list[tuple[int, list[SourceLine]]] = []
    table_inserts: list[tuple[int, list[Table]]] = []
    for key in outcome.read:
        picture = pictures[key - 1]
        tables = by_key.get(key, [])
        if not tables:
            tableless.append(picture)
            continue
        read_ones.append(picture)
        for table in tables:
            number += 1
            renumber[table.index] = number
            table.index, table.page, table.picture = number, picture.page, picture.number
            for row in table.rows:
                for cell in row:
                    _place(cell.where, picture)
        own = [SourceLine(line.text, picture.anchor or line.number, picture.page, table=renumber.get(line.table or -1),
                          ocr=True, picture=picture.number) for line in lines.get(key, [])]
        inserts.append((picture.after, own))
        table_inserts.append((picture.tables_before, tables))
    tableless += [pictures[k - 1] for k in outcome.empty]
    # from the end, so the positions still to come hold (and two pictures at one place keep their order)
    for _, (after, own) in sorted(enumerate(inserts), key=lambda item: (item[1][0], item[0]), reverse=True):
        document.prose[after:after] = own
    for _, (before, tables) in sorted(enumerate(table_inserts), key=lambda item: (item[1][0], item[0]), reverse=True):
        document.tables[before:before] = tables
    return read_ones, tableless


def _place(where: dict[str, Any] | None, picture: Picture) -> None:
    """A cell's place, from the picture's OCR (its page was the picture's key) to the document: its picture, its page
    (PDF), and for Word the paragraph that holds the picture."""
    if where is None:
        return
    where.pop("page", None)
    if picture.page is not None:
        where["page"] = picture.page
    if picture.anchor:
        where["line"] = where["end_line"] = picture.anchor
    if picture.sheet is not None:  # (a workbook's picture: its sheet, and the cell it stands on)
        where["sheet"], where["cell"] = picture.sheet, picture.cell
    where["picture"] = picture.number


def _where(picture: Picture, lang: str, paragraphs: bool) -> str:
    return picture_where(picture.number, lang, picture.page, picture.anchor if paragraphs else None, picture.sheet,
                         picture.cell)


def _finding(severity: str, text: str, pictures: list[Picture], problem: str) -> Finding:
    places = [{"picture": p.number, **({"page": p.page} if p.page is not None else {}),
               **({"paragraph": p.anchor} if p.anchor else {})} for p in pictures]
    return Finding("JX-EXTRACTION", "extraction", severity, text, None, None, {"problem": problem, "pictures": places})


def extract_with_pictures(path: str, document: Document, options: Any, extractor: str, paragraphs: bool) -> Extraction:
    """A document's report, its pictures' forms read first (`read`): what the Word, OpenDocument and Excel readers do."""
    findings = read(document, document.pictures, options, paragraphs=paragraphs)
    return extract_document(path, document, options, extractor, findings)
