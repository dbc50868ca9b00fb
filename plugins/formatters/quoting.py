"""Quoting source lines in HTML with the figures a finding is about marked (<mark>)."""

from __future__ import annotations

from dataclasses import dataclass
from jixiao.kit import html_escape as escape  # control characters shown as \x01, as in every format

from jixiao.kit import AuditResult, Finding, Location

from .sources import SourceLines, finding_artifact, location_artifact

CONTEXT = 60  # characters kept either side of the marks on a long line
LONG_LINE = 240


@dataclass(frozen=True)
class Span:
    start: int  # 0-based, inclusive
    end: int  # 0-based, exclusive
    primary: bool


@dataclass
class QuotedLine:
    path: str
    number: int
    text: str
    spans: list[Span]

    def html(self) -> str:
        return render_line(self.text, self.spans)


def _span(line: str, location: Location, primary: bool) -> Span | None:
    start = location.column - 1
    if location.end_line is not None and location.end_line > location.line:
        end = len(line)
    elif location.end_column is not None:
        end = location.end_column - 1
    elif location.quote:
        end = start + len(location.quote)
    else:
        end = start
    start, end = max(0, min(start, len(line))), max(0, min(end, len(line)))
    quote = location.quote
    if quote and "\n" not in quote and line[start:end] != quote and (location.end_line in (None, location.line)):
        found = line.find(quote)  # the columns disagree with the text: trust the quote when it is on the line
        if found >= 0:
            start, end = found, found + len(quote)
    if end <= start and primary and start < len(line):  # a position without an extent: mark one character
        end = start + 1
    return Span(start, end, primary) if end > start else None


def quoted_lines(result: AuditResult, finding: Finding, sources: SourceLines) -> list[QuotedLine]:
    """The finding's own line and the lines of its related figures, each read from its file, in
    line order; empty where no file can be read."""
    places: list[tuple[str, Location, bool]] = []
    if finding.location is not None:
        places.append((finding_artifact(result, finding), finding.location, True))
    for related in finding.related:
        places.append((location_artifact(result, related), related, False))
    lines: dict[tuple[str, int], QuotedLine] = {}
    for path, location, primary in places:
        key = (path, location.line)
        if key not in lines:
            text = sources.line(path, location.line)
            if text is None:
                continue
            lines[key] = QuotedLine(path, location.line, text, [])
        span = _span(lines[key].text, location, primary)
        if span is not None:
            lines[key].spans.append(span)
    primary_path = places[0][0] if places else ""
    return sorted(lines.values(), key=lambda q: (q.path != primary_path, q.path, q.number))


def render_line(line: str, spans: list[Span]) -> str:
    spans = sorted(spans, key=lambda s: (s.start, not s.primary, s.end))
    kept: list[Span] = []
    for span in spans:  # no overlapping marks
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    begin, finish = 0, len(line)
    if len(line) > LONG_LINE:
        if kept:
            begin = max(0, kept[0].start - CONTEXT)
            finish = min(len(line), kept[-1].end + CONTEXT)
        else:
            finish = LONG_LINE
    out = ["…" if begin > 0 else ""]
    cursor = begin
    for span in kept:
        out.append(escape(line[cursor:span.start]))
        css = "hit" if span.primary else "rel"
        out.append(f'<mark class="{css}">{escape(line[span.start:span.end])}</mark>')
        cursor = span.end
    out.append(escape(line[cursor:finish]))
    if finish < len(line):
        out.append("…")
    return "".join(out)
