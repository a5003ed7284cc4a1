import pytest

from themes.contrast import contrast_ratio, relative_luminance


def test_grey_777_on_white_is_4_48():
    assert round(contrast_ratio("#777777", "#ffffff"), 2) == 4.48


def test_grey_777_on_white_fails_the_text_minimum_unrounded():
    assert contrast_ratio("#777", "#fff") < 4.5


def test_black_on_white_is_21():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)


def test_ratio_does_not_depend_on_the_order_of_the_colours():
    assert contrast_ratio("#005a8c", "#ffffff") == contrast_ratio("#ffffff", "#005a8c")


def test_same_colour_has_ratio_one():
    assert contrast_ratio("#b00020", "#b00020") == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("colour", "luminance"),
    [("#ffffff", 1.0), ("#000000", 0.0), ("#ff0000", 0.2126), ("#00ff00", 0.7152)],
)
def test_relative_luminance_of_known_colours(colour, luminance):
    assert relative_luminance(colour) == pytest.approx(luminance)


def test_short_hex_equals_long_hex():
    assert relative_luminance("#abc") == relative_luminance("#aabbcc")


def test_malformed_colour_is_refused():
    with pytest.raises(ValueError):
        relative_luminance("blue")
