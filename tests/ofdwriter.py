"""A small OFD writer for tests (GB/T 33190 layout: OFD.xml → Doc_0/Document.xml → Pages/Page_N/Content.xml), as a
department's document system exports an 电子公文: each line of text a TextObject whose TextCode gives its glyphs'
advances in DeltaX (`g N d` for N equal advances), a 自评表's cells placed at their columns, a table's ruling lines as
PathObjects. Sizes in millimetres on an A4 page."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

NS = "http://www.ofdspec.org/2016"
SIZE = 3.5  # body text, millimetres (about 10 pt)
LEFT, TOP, WIDTH, BOTTOM = 25.0, 30.0, 160.0, 270.0


def _advance(ch: str, size: float) -> float:
    return size if ord(ch) > 0x2E7F else size / 2


def _text_object(ident: int, x: float, y: float, text: str, size: float) -> str:
    advances = [_advance(ch, size) for ch in text[:-1]]
    if advances and all(a == advances[0] for a in advances):
        delta = f"g {len(advances)} {advances[0]:g}"
    else:
        delta = " ".join(f"{a:g}" for a in advances)
    width = sum(_advance(ch, size) for ch in text)
    return (f'<ofd:TextObject ID="{ident}" Boundary="{x:g} {y - size:g} {width:g} {size * 1.3:g}" Font="1" Size="{size:g}">'
            f'<ofd:TextCode X="0" Y="{size:g}" DeltaX="{delta}">{escape(text)}</ofd:TextCode></ofd:TextObject>')


def _path_object(ident: int, x0: float, y0: float, x1: float, y1: float) -> str:
    return (f'<ofd:PathObject ID="{ident}" Boundary="{min(x0, x1):g} {min(y0, y1):g} {abs(x1 - x0) or 0.1:g} {abs(y1 - y0) or 0.1:g}" '
            f'LineWidth="0.25"><ofd:AbbreviatedData>M 0 0 L {abs(x1 - x0):g} {abs(y1 - y0):g}</ofd:AbbreviatedData></ofd:PathObject>')


def ofd_bytes(pages: list[list[tuple[float, float, str]]], image_pages: frozenset[int] = frozenset(),
              rules: dict[int, list[tuple[float, float, float, float]]] | None = None) -> bytes:
    """An OFD whose page k (0-based) holds the texts (x, baseline y, text) of pages[k], the ruling lines rules[k], and
    an image object where k is in `image_pages`."""
    buffer = io.BytesIO()
    ident = 10
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" DocType="OFD" Version="1.0">'
                              f'<ofd:DocBody><ofd:DocInfo><ofd:DocID>jixiao-test</ofd:DocID></ofd:DocInfo>'
                              f'<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        listed = "".join(f'<ofd:Page ID="{k + 1}" BaseLoc="Pages/Page_{k}/Content.xml"/>' for k in range(len(pages)))
        z.writestr("Doc_0/Document.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}">'
                                         f'<ofd:CommonData><ofd:MaxUnitID>9999</ofd:MaxUnitID><ofd:PageArea>'
                                         f'<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
                                         f'<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>'
                                         f'<ofd:Pages>{listed}</ofd:Pages></ofd:Document>')
        z.writestr("Doc_0/PublicRes.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">'
                                          f'<ofd:Fonts><ofd:Font ID="1" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>')
        for k, texts in enumerate(pages):
            objects = []
            for x, y, text in texts:
                ident += 1
                objects.append(_text_object(ident, x, y, text, SIZE))
            for x0, y0, x1, y1 in (rules or {}).get(k, []):
                ident += 1
                objects.append(_path_object(ident, x0, y0, x1, y1))
            if k in image_pages:
                ident += 1
                objects.append(f'<ofd:ImageObject ID="{ident}" Boundary="0 0 210 297" ResourceID="2"/>')
            z.writestr(f"Doc_0/Pages/Page_{k}/Content.xml",
                       f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
                       f'<ofd:Layer ID="{k + 2}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')
    return buffer.getvalue()


def paragraphs_and_tables(blocks: list[str | list[list[str]]], columns: list[float] | None = None,
                          rules: dict[int, list[tuple[float, float, float, float]]] | None = None) -> list[list[tuple[float, float, str]]]:
    """Pages laid out from blocks: a string is a paragraph (wrapped at the text width, a heading when short), a list of
    rows a table (each row's cells at `columns`, x offsets from the left margin). Where `rules` is given, each table's
    grid (a level line above and below each row, an upright one before each column and at the right edge) is added to
    it, by page, as an exporter draws a ruled form."""
    pages: list[list[tuple[float, float, str]]] = [[]]
    y = TOP
    per_line = int(WIDTH / SIZE)

    def line(x: float, text: str) -> None:
        nonlocal y
        if y > BOTTOM:
            pages.append([])
            y = TOP
        pages[-1].append((x, y, text))

    for block in blocks:
        if isinstance(block, str):
            for start in range(0, len(block), per_line):
                line(LEFT, block[start:start + per_line])
                y += SIZE * 1.6
            continue
        xs = columns or [WIDTH / len(block[0]) * k for k in range(len(block[0]))]
        for row in block:
            if y > BOTTOM:
                pages.append([])
                y = TOP
            for x, cell in zip(xs, row, strict=False):
                if cell:
                    pages[-1].append((LEFT + x + 0.8, y, cell))
            if rules is not None:  # (the row's box: from above its text to below it, cut at each column)
                top, bottom = y - SIZE * 1.2, y + SIZE * 0.6
                page = rules.setdefault(len(pages) - 1, [])
                page += [(LEFT, top, LEFT + WIDTH, top), (LEFT, bottom, LEFT + WIDTH, bottom)]
                page += [(LEFT + x, top, LEFT + x, bottom) for x in [*xs, WIDTH]]
            y += SIZE * 1.8
    return pages
