"""Writes real OpenDocument files (.odt, .ods, and the flat .fodt) for the tests, as ODF 1.2/1.3 lays them out: a zip
whose first member is the uncompressed `mimetype`, then content.xml, styles.xml and META-INF/manifest.xml. The body is
given as XML (the tests say exactly which elements a file holds); `p`, `table` and `sheet` build the usual pieces."""

from __future__ import annotations

import io
import zipfile
from html import escape

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
      'xmlns:xlink="http://www.w3.org/1999/xlink"')
TEXT = "application/vnd.oasis.opendocument.text"
SHEET = "application/vnd.oasis.opendocument.spreadsheet"


def p(text: str, style: str | None = None) -> str:
    attr = f' text:style-name="{style}"' if style else ""
    return f"<text:p{attr}>{escape(text, quote=False)}</text:p>"


def table(rows: list[list[str]], name: str = "表格1") -> str:
    """A table of plain cells; a cell written "<<" is covered by the cell to its left (which then spans it)."""
    out = [f'<table:table table:name="{name}"><table:table-column table:number-columns-repeated="'
           f'{max(len(r) for r in rows)}"/>']
    for row in rows:
        out.append("<table:table-row>")
        k = 0
        while k < len(row):
            span = 1
            while k + span < len(row) and row[k + span] == "<<":
                span += 1
            attr = f' table:number-columns-spanned="{span}"' if span > 1 else ""
            out.append(f'<table:table-cell office:value-type="string"{attr}>{p(row[k])}</table:table-cell>')
            out.extend(["<table:covered-table-cell/>"] * (span - 1))
            k += span
        out.append("</table:table-row>")
    out.append("</table:table>")
    return "".join(out)


def sheet(name: str, rows: list[list[str]], style: str | None = None) -> str:
    """A sheet of text cells (a figure is written as a float cell showing the text as given)."""
    attr = f' table:style-name="{style}"' if style else ""
    out = [f'<table:table table:name="{name}"{attr}><table:table-column table:number-columns-repeated="16"/>']
    for row in rows:
        out.append("<table:table-row>")
        for value in row:
            number = value.replace(",", "").rstrip("%")
            if value and number.replace(".", "", 1).isdigit():
                shown = float(number) / 100 if value.endswith("%") else float(number)
                kind = "percentage" if value.endswith("%") else "float"
                out.append(f'<table:table-cell office:value-type="{kind}" office:value="{shown!r}">{p(value)}'
                           "</table:table-cell>")
            elif value:
                out.append(f'<table:table-cell office:value-type="string">{p(value)}</table:table-cell>')
            else:
                out.append("<table:table-cell/>")
        out.append("</table:table-row>")
    out.append('<table:table-row table:number-rows-repeated="1048500"><table:table-cell '
               'table:number-columns-repeated="1024"/></table:table-row></table:table>')
    return "".join(out)


def content(body: str, kind: str = "text", automatic: str = "", doctype: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<office:document-content {NS} office:version="1.3">'
            f"<office:automatic-styles>{automatic}</office:automatic-styles>"
            f"<office:body><office:{kind}>{body}</office:{kind}></office:body></office:document-content>")


def package(body: str, mime: str = TEXT, automatic: str = "", styles: str = "", manifest_extra: str = "",
            mimetype_first: bool = True, doctype: str = "", files: dict[str, bytes] | None = None) -> bytes:
    kind = "text" if mime == TEXT else "spreadsheet"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if mimetype_first:
            archive.writestr(zipfile.ZipInfo("mimetype"), mime, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content(body, kind, automatic, doctype))
        archive.writestr("styles.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NS} '
                                       f'office:version="1.3"><office:styles>{styles}</office:styles>'
                                       "</office:document-styles>")
        archive.writestr("META-INF/manifest.xml",
                         '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                         'opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry '
                         f'manifest:full-path="/" manifest:media-type="{mime}"/><manifest:file-entry manifest:full-path='
                         f'"content.xml" manifest:media-type="text/xml">{manifest_extra}</manifest:file-entry>'
                         "</manifest:manifest>")
        for name, data in (files or {}).items():  # pictures (Pictures/…png)
            archive.writestr(name, data)
        if not mimetype_first:
            archive.writestr("mimetype", mime)
    return buffer.getvalue()


def flat(body: str, automatic: str = "", styles: str = "") -> bytes:
    """A flat text document (.fodt): styles and body in one XML file."""
    return (f'<?xml version="1.0" encoding="UTF-8"?><office:document {NS} office:version="1.3" '
            f'office:mimetype="{TEXT}"><office:meta><meta:generator>LibreOffice/7.6</meta:generator></office:meta>'
            f"<office:styles>{styles}</office:styles><office:automatic-styles>{automatic}</office:automatic-styles>"
            f"<office:body><office:text>{body}</office:text></office:body></office:document>").encode()
