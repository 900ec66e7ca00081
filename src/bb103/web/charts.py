"""Bar charts drawn on the server as SVG (issue 20, point 3): no JavaScript, nothing
fetched, and no ``style`` attribute (the Content-Security-Policy refuses inline styles),
only SVG presentation attributes. docs/overview.md says why this and not matplotlib.

Readable without colour (WCAG 1.4.1): every series has its own fill pattern as well as its
colour, the legend shows both, and every bar carries its value as text at its end. Every
colour has at least 4.5:1 contrast against the white background, above the 3:1 that
WCAG 1.4.11 asks of graphics. The chart is an image with a title and a description; its
numbers are in the table beside it, which is what a screen reader reads.
"""

from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from bb103.cases.overview_figures import Chart

TEXT = "#1a1a1a"
AXIS = "#595959"  # 7:1 on white


@dataclass(frozen=True)
class Look:
    colour: str
    pattern: str  # the SVG drawn on top of the colour in a 6×6 tile, "" for solid
    name: str  # the pattern in words, for the legend's description


# Contrast on white: #1f4e79 8.7:1, #a33f00 6.4:1, #2b6b2b 6.5:1, #6b3d8f 7.8:1, #4d4d4d 8.5:1.
LOOKS = [
    Look("#1f4e79", "", "ensfarvet"),
    Look(
        "#a33f00",
        '<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="#ffffff" stroke-width="1.5"/>',
        "skraveret",
    ),
    Look("#2b6b2b", '<circle cx="3" cy="3" r="1.3" fill="#ffffff"/>', "prikket"),
    Look("#6b3d8f", '<path d="M0,3 h6 M3,0 v6" stroke="#ffffff" stroke-width="1.2"/>', "ternet"),
    Look("#4d4d4d", '<path d="M0,1.5 h6 M0,4.5 h6" stroke="#ffffff" stroke-width="1"/>', "stribet"),
]


def _number(value: float, unit: str) -> str:
    if unit == "kr.":
        return f"{round(value):,}".replace(",", ".")
    return f"{value:g}".replace(".", ",")


def _defs(chart_id: str, count: int) -> str:
    parts = []
    for i, look in enumerate(LOOKS[:count]):
        if look.pattern:
            parts.append(
                f'<pattern id="{chart_id}-p{i}" width="6" height="6" patternUnits="userSpaceOnUse">'
                f'<rect width="6" height="6" fill="{look.colour}"/>{look.pattern}</pattern>'
            )
    return f"<defs>{''.join(parts)}</defs>"


def _fill(chart_id: str, i: int) -> str:
    look = LOOKS[i % len(LOOKS)]
    return f"url(#{chart_id}-p{i})" if look.pattern else look.colour


def _legend(chart: Chart, chart_id: str, y: int) -> str:
    parts, x = [], 0
    for i, (name, _) in enumerate(chart.series):
        parts.append(
            f'<rect x="{x}" y="{y}" width="16" height="12" fill="{_fill(chart_id, i)}" '
            f'stroke="{TEXT}" stroke-width="0.5"/>'
            f'<text x="{x + 22}" y="{y + 10}" fill="{TEXT}" font-size="12">{escape(name)}</text>'
        )
        x += 30 + 7 * len(name)
    return "".join(parts)


def _frame(
    chart_id: str, title: str, summary: str, width: int, height: int, body: str
) -> SafeString:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d" font-family="sans-serif">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(summary)}</desc>{body}</svg>'
    )


def columns(chart: Chart, chart_id: str, title: str, summary: str) -> SafeString:
    """Vertical bars side by side per category (months), each with its value above it."""
    n, k = len(chart.categories), len(chart.series)
    top = max((v for _, vs in chart.series for v in vs), default=0) or 1
    bar, gap, left, plot_h, base = 14, 10, 10, 160, 200
    group = k * bar + gap
    width = max(left + n * group + 10, 320)
    body = [_defs(chart_id, k), _legend(chart, chart_id, 0)]
    body.append(
        f'<line x1="{left}" y1="{base}" x2="{left + n * group}" y2="{base}" stroke="{AXIS}"/>'
    )
    for c, category in enumerate(chart.categories):
        x0 = left + c * group
        for s, (_, values) in enumerate(chart.series):
            value = values[c]
            h = round(plot_h * value / top)
            x = x0 + s * bar
            body.append(
                f'<rect x="{x}" y="{base - h}" width="{bar - 1}" height="{h}" '
                f'fill="{_fill(chart_id, s)}"/>'
            )
            # Rotated: a month's several values fit above narrow bars.
            label = _number(value, chart.unit)
            ty = base - h - 3
            body.append(
                f'<text x="{x + bar / 2 + 4}" y="{ty}" fill="{TEXT}" font-size="10" '
                f'transform="rotate(-90 {x + bar / 2 + 4} {ty})">{escape(label)}</text>'
            )
        body.append(
            f'<text x="{x0 + (group - gap) / 2}" y="{base + 14}" fill="{TEXT}" font-size="11" '
            f'text-anchor="middle">{escape(category)}</text>'
        )
    # Room above the tallest bar for its rotated label.
    shift = 20 + 8 * max(
        (len(_number(v, chart.unit)) for _, vs in chart.series for v in vs), default=1
    )
    content = "".join(body)
    height = base + 20 + shift
    return _frame(
        chart_id,
        title,
        summary,
        width,
        height,
        f'{content[: content.index("</defs>") + 7]}<g transform="translate(0,{shift})">'
        f"{content[content.index('</defs>') + 7 :]}</g>",
    )


def bars(chart: Chart, chart_id: str, title: str, summary: str) -> SafeString:
    """Horizontal bars side by side per category (long names), each with its value at
    its end; the category's name above its bars."""
    k = len(chart.series)
    top = max((v for _, vs in chart.series for v in vs), default=0) or 1
    bar, left, plot_w, width = 14, 4, 480, 640
    body = [_defs(chart_id, k), _legend(chart, chart_id, 0)]
    y = 30
    for c, category in enumerate(chart.categories):
        # The full name is in the table; the chart's line holds about 90 characters.
        name = category if len(category) <= 90 else category[:89] + "…"
        body.append(
            f'<text x="{left}" y="{y + 11}" fill="{TEXT}" font-size="12">{escape(name)}</text>'
        )
        y += 16
        for s, (_, values) in enumerate(chart.series):
            value = values[c]
            w = round(plot_w * value / top)
            body.append(
                f'<rect x="{left}" y="{y}" width="{w}" height="{bar - 2}" '
                f'fill="{_fill(chart_id, s)}"/>'
                f'<text x="{left + w + 4}" y="{y + 10}" fill="{TEXT}" font-size="11">'
                f"{escape(_number(value, chart.unit))}</text>"
            )
            y += bar
        y += 8
    body.append(f'<line x1="{left}" y1="28" x2="{left}" y2="{y}" stroke="{AXIS}"/>')
    return _frame(chart_id, title, summary, width, y + 4, "".join(body))


def chart_svg(chart: Chart, chart_id: str, title: str, summary: str) -> SafeString:
    draw = columns if chart.kind == "columns" else bars
    return draw(chart, chart_id, title, summary)
