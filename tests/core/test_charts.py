"""The server-drawn SVG bar chart: proportional bars, escaped text, accessible."""

import re

from cms.core.charts import LABEL_WIDTH, VALUE_WIDTH, bar_width, horizontal_bar_chart


def _bar_widths(svg: str) -> list[float]:
    return [float(width) for width in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]


def test_bars_are_proportional_to_their_values():
    svg = horizontal_bar_chart(
        [("a", 10), ("b", 5), ("c", 0)],
        chart_id="c",
        title="T",
        width=LABEL_WIDTH + VALUE_WIDTH + 400,
    )
    assert _bar_widths(svg) == [400.0, 200.0, 0.0]


def test_all_zero_values_draw_empty_bars():
    assert bar_width(0, 0, 300) == 0.0
    svg = horizontal_bar_chart([("a", 0), ("b", 0)], chart_id="c", title="T")
    assert _bar_widths(svg) == [0.0, 0.0]


def test_labels_title_and_description_are_escaped():
    svg = horizontal_bar_chart(
        [('<script>alert("x")</script>', 3)],
        chart_id="c",
        title="<b>Titel</b>",
        description="A & B",
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "<b>" not in svg
    assert "A &amp; B" in svg


def test_chart_is_an_image_named_by_its_title_and_description():
    svg = horizontal_bar_chart([("a", 1)], chart_id="neu", title="Neue Mitglieder", description="D")
    assert 'role="img"' in svg
    assert 'aria-labelledby="neu-title neu-desc"' in svg
    assert '<title id="neu-title">Neue Mitglieder</title>' in svg
    assert '<desc id="neu-desc">D</desc>' in svg


def test_chart_loads_nothing_from_elsewhere():
    svg = horizontal_bar_chart([("a", 1)], chart_id="c", title="T")
    assert "<script" not in svg
    assert "href" not in svg
    assert svg.count("http") == 1  # the SVG namespace only
