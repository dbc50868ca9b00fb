"""Inline SVG horizontal bar charts, stacked by severity: no script, no external reference."""

from __future__ import annotations

from jixiao.kit import html_escape as escape  # control characters shown as \x01, as in every format

from jixiao.kit import SEVERITIES

from .labels import severity_label

COLOURS = {"error": "#c0392b", "warning": "#d4a017", "info": "#2e86c1"}
LABEL_WIDTH = 220
BAR_WIDTH = 420
ROW_HEIGHT = 22
BAR_HEIGHT = 14
LEGEND_HEIGHT = 26
MAX_BARS = 30
MAX_LABEL = 16


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def top_rows(rows: list[tuple[str, dict[str, int]]], other_label: str) -> list[tuple[str, dict[str, int]]]:
    """Rows sorted by total (largest first, then by label); beyond MAX_BARS they are summed into one."""
    ordered = sorted(rows, key=lambda row: (-sum(row[1].values()), row[0]))
    if len(ordered) <= MAX_BARS:
        return ordered
    rest: dict[str, int] = {}
    for _, counts in ordered[MAX_BARS - 1:]:
        for severity, n in counts.items():
            rest[severity] = rest.get(severity, 0) + n
    return ordered[: MAX_BARS - 1] + [(other_label.format(n=len(ordered) - MAX_BARS + 1), rest)]


def bar_chart(title: str, rows: list[tuple[str, dict[str, int]]], lang: str,
              severities: tuple[str, ...] = SEVERITIES, bar_width: int = BAR_WIDTH) -> str:
    """`rows`: (label, {severity: count}) in display order; `severities`: those in the legend and bars;
    `bar_width`: the longest bar's length in pixels."""
    largest = max((sum(counts.values()) for _, counts in rows), default=0) or 1
    height = LEGEND_HEIGHT + ROW_HEIGHT * len(rows) + 4
    width = LABEL_WIDTH + bar_width + 60
    out = [f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}">', f"<title>{escape(title)}</title>"]
    x = LABEL_WIDTH
    for severity in severities:  # legend
        out.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{COLOURS[severity]}"/>'
                   f'<text x="{x + 16}" y="16" class="legend">{escape(severity_label(severity, lang))}</text>')
        x += 90
    for index, (label, counts) in enumerate(rows):
        y = LEGEND_HEIGHT + ROW_HEIGHT * index
        total = sum(counts.values())
        parts = ", ".join(f"{severity_label(s, lang)} {counts[s]}" for s in severities if counts.get(s))
        out.append(f"<g><title>{escape(label)}: {escape(parts)}</title>")
        out.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT - 2}" text-anchor="end" class="label">'
                   f"{escape(_short(label))}</text>")
        offset = float(LABEL_WIDTH)
        for severity in severities:
            n = counts.get(severity, 0)
            if not n:
                continue
            bar = bar_width * n / largest
            out.append(f'<rect x="{_num(offset)}" y="{y}" width="{_num(bar)}" height="{BAR_HEIGHT}" '
                       f'fill="{COLOURS[severity]}"/>')
            offset += bar
        out.append(f'<text x="{_num(offset + 6)}" y="{y + BAR_HEIGHT - 2}" class="count">{total}</text></g>')
    out.append("</svg>")
    return "".join(out)
