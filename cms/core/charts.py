"""Charts drawn on the server as inline SVG: no scripts, nothing from elsewhere.

A pure function: rows in, markup out. The chart is an image to assistive technology
(role="img" with its title and description); the page shows the same numbers as a
table, which is what screen readers and spreadsheets should read.
"""

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 220
VALUE_WIDTH = 56
CHART_WIDTH = 640
FONT_SIZE = 14
BAR_COLOUR = "#2e6a8e"  # 5.9:1 on white, dark enough against the admin's light surface


def bar_width(value: int, maximum: int, plot_width: float) -> float:
    """The length of a bar: proportional to its value, the largest filling the plot."""
    if maximum <= 0 or value <= 0:
        return 0.0
    return round(plot_width * value / maximum, 1)


def horizontal_bar_chart(
    rows: Sequence[tuple[str, int]],
    *,
    chart_id: str,
    title: str,
    description: str = "",
    width: int = CHART_WIDTH,
) -> SafeString:
    """An SVG bar chart with one horizontal bar per (label, value) row.

    `chart_id` must be unique on the page (it names the title and description for
    aria-labelledby). Labels, title and description are escaped; long labels are
    shortened on screen, with the full text in the bar's own <title>.
    """
    plot_width = width - LABEL_WIDTH - VALUE_WIDTH
    maximum = max((value for _label, value in rows), default=0)
    height = max(len(rows), 1) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" role="img" '
        f'aria-labelledby="{escape(title_id)} {escape(desc_id)}" '
        f'viewBox="0 0 {width} {height}" width="100%" height="{height}" '
        f'font-size="{FONT_SIZE}" font-family="inherit">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        f'<desc id="{escape(desc_id)}">{escape(description)}</desc>',
    ]
    for index, (label, value) in enumerate(rows):
        top = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        middle = top + BAR_HEIGHT / 2
        length = bar_width(value, maximum, plot_width)
        shown_label = label if len(label) <= 28 else f"{label[:27]}…"
        parts.append(
            f"<g><title>{escape(label)}: {value}</title>"
            f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" '
            f'dominant-baseline="middle" fill="currentColor">{escape(shown_label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{top}" width="{length}" height="{BAR_HEIGHT}" '
            f'fill="{BAR_COLOUR}"></rect>'
            f'<text x="{LABEL_WIDTH + length + 6}" y="{middle}" dominant-baseline="middle" '
            f'fill="currentColor">{value}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped above
