"""List pages answer in a constant number of queries, however many articles there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def _articles(parent, count, image):
    for _ in range(count):
        ArticlePageFactory(
            parent=parent,
            lead_image=image,
            lead_image_alt_text="Ein Bild",
        )


def _query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def image(db):
    return get_image_model().objects.create(
        title="Bild", file=get_test_image_file(filename="card.png")
    )


@pytest.mark.parametrize("page_key", ["district_home", "district_news", "portal"])
def test_list_page_query_count_does_not_grow_with_articles(client, gelsenkirchen, image, page_key):
    schalke_news = gelsenkirchen.district_news["schalke"]
    page = {
        "district_home": gelsenkirchen.district_homes["schalke"],
        "district_news": schalke_news,
        "portal": gelsenkirchen.portal,
    }[page_key]
    _articles(schalke_news, 2, image)
    client.get(page.url)  # warm up: renditions are created on first render
    few = _query_count(client, page.url)

    _articles(schalke_news, 10, image)
    client.get(page.url)
    many = _query_count(client, page.url)

    assert many == few
