"""Pages show the theme of the nearest district or portal home that picked one."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import ArticlePageFactory

from .factories import ThemeFactory

pytestmark = pytest.mark.django_db


def _pick(page, theme):
    page.theme = theme
    page.save_revision().publish()


def test_page_below_a_district_gets_the_district_theme(client, gelsenkirchen):
    _pick(
        gelsenkirchen.portal,
        ThemeFactory(municipality=gelsenkirchen.municipality, color_link="#00416a"),
    )
    _pick(
        gelsenkirchen.district_homes["schalke"],
        ThemeFactory(municipality=gelsenkirchen.municipality, color_link="#0b3d91"),
    )
    content = client.get(gelsenkirchen.district_pages["schalke"].url).content.decode()
    assert "--q-color-link:#0b3d91;" in content


def test_district_without_theme_inherits_the_portal_theme(client, gelsenkirchen):
    _pick(
        gelsenkirchen.portal,
        ThemeFactory(municipality=gelsenkirchen.municipality, color_link="#00416a"),
    )
    article = ArticlePageFactory(parent=gelsenkirchen.district_news["huellen"])
    content = client.get(article.url).content.decode()
    assert "--q-color-link:#00416a;" in content


def test_without_any_choice_the_builtin_default_applies(client, gelsenkirchen):
    content = client.get(gelsenkirchen.district_pages["huellen"].url).content.decode()
    assert ":root{" not in content
    assert "themes/css/site.css" in content


def test_views_that_are_not_pages_use_the_portal_theme(client, gelsenkirchen):
    _pick(
        gelsenkirchen.portal,
        ThemeFactory(municipality=gelsenkirchen.municipality, color_link="#00416a"),
    )
    content = client.get("/suche/").content.decode()
    assert "--q-color-link:#00416a;" in content


def test_a_district_cannot_pick_a_theme_of_another_municipality(gelsenkirchen, delbrueck):
    home = gelsenkirchen.district_homes["schalke"]
    home.theme = ThemeFactory(municipality=delbrueck.municipality)
    with pytest.raises(ValidationError) as caught:
        home.full_clean()
    assert "theme" in caught.value.message_dict


def test_theme_logo_is_shown_with_its_alt_text(client, gelsenkirchen, django_image):
    _pick(
        gelsenkirchen.portal,
        ThemeFactory(
            municipality=gelsenkirchen.municipality,
            logo=django_image,
            logo_alt_text="Quartiersnetz Gelsenkirchen",
        ),
    )
    content = client.get(gelsenkirchen.portal.url).content.decode()
    assert 'alt="Quartiersnetz Gelsenkirchen"' in content
