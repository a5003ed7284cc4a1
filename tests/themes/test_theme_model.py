import pytest
from django.core.exceptions import ValidationError

from themes.models import CONTRAST_RULES, DEFAULT_COLOURS, Theme
from themes.models.tokens import contrast_errors

pytestmark = pytest.mark.django_db


def _theme(municipality, **colours) -> Theme:
    return Theme(name="Test", municipality=municipality, **{**DEFAULT_COLOURS, **colours})


def test_default_colours_pass_every_contrast_rule():
    assert contrast_errors(DEFAULT_COLOURS) == {}


def test_failing_text_pair_is_named_with_its_ratio(gelsenkirchen):
    theme = _theme(gelsenkirchen.municipality, color_text="#777777")
    with pytest.raises(ValidationError) as caught:
        theme.full_clean()
    messages = caught.value.message_dict["color_text"]
    assert "Text auf Seitenhintergrund: Kontrast 4,48:1, nötig sind mindestens 4,5:1." in messages


def test_button_text_on_button_needs_4_5(gelsenkirchen):
    theme = _theme(
        gelsenkirchen.municipality, color_primary="#777777", color_primary_text="#ffffff"
    )
    with pytest.raises(ValidationError) as caught:
        theme.full_clean()
    assert any(
        "Schrift auf Schaltflächen" in m for m in caught.value.message_dict["color_primary_text"]
    )


def test_focus_ring_needs_3_to_1_against_the_background(gelsenkirchen):
    theme = _theme(gelsenkirchen.municipality, color_focus="#ffbf47")
    with pytest.raises(ValidationError) as caught:
        theme.full_clean()
    assert any(
        "Fokusrahmen auf Seitenhintergrund" in m for m in caught.value.message_dict["color_focus"]
    )


def test_large_headings_pass_at_3_to_1(gelsenkirchen):
    # #888888 is 3.54:1 on white and 3.24:1 on the default surface: large text only.
    theme = _theme(gelsenkirchen.municipality, color_heading="#888888")
    assert "color_heading" not in contrast_errors(theme.colours)


def test_every_rule_names_existing_colour_fields():
    fields = {field.name for field in Theme._meta.get_fields()}
    for rule in CONTRAST_RULES:
        assert {rule.field, rule.against} <= fields


def test_logo_needs_alt_text(gelsenkirchen, django_image):
    theme = _theme(gelsenkirchen.municipality, logo=django_image, logo_alt_text="")
    with pytest.raises(ValidationError) as caught:
        theme.full_clean()
    assert "logo_alt_text" in caught.value.message_dict


def test_malformed_colour_is_a_field_error(gelsenkirchen):
    theme = _theme(gelsenkirchen.municipality, color_link="blau")
    with pytest.raises(ValidationError) as caught:
        theme.full_clean()
    assert "color_link" in caught.value.message_dict
