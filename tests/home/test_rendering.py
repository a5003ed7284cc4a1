"""Every page type and every block renders for an anonymous visitor."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from cms.core.models import Contact
from tests.factories import ArticlePageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://video.example.org/watch/quartier"


@pytest.fixture
def every_block_body():
    """A body that uses every block, with real image, document, contact and cached embed."""
    image = get_image_model().objects.create(
        title="Nachbarschaftsfest", file=get_test_image_file(filename="fest.png")
    )
    document = get_document_model().objects.create(
        title="Programm", file=ContentFile(b"%PDF-1.4 Programm", name="programm.pdf")
    )
    contact = Contact.objects.create(
        name="Stadtteilbüro Schalke", phone="0209 123", email="schalke@quartier.invalid"
    )
    # A cached embed: Wagtail serves it from its table instead of asking the provider.
    Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL),
        type="video",
        html='<iframe src="https://video.example.org/embed/quartier" title="Rundgang"></iframe>',
        provider_name="Example Video",
    )
    return [
        ("text", RichText("<h2>Willkommen</h2><p>Alle sind eingeladen.</p>")),
        (
            "image",
            {
                "image": image,
                "alt_text": "Menschen an einer Kaffeetafel",
                "caption": "Das Fest im Juni",
                "credit": "Foto: Stadtteilbüro",
            },
        ),
        ("quote", {"quote": "Hier kennt man sich.", "attribution": "Frau K., 84"}),
        (
            "call_to_action",
            {
                "heading": "Mitmachen",
                "text": "Wir suchen Helfende.",
                "link": {"page": None, "url": "https://example.org/mitmachen"},
                "button_label": "Jetzt melden",
            },
        ),
        ("contact_card", {"heading": "Ihr Kontakt", "contact": contact}),
        (
            "accordion",
            {
                "heading": "Fragen",
                "items": [{"question": "Kostet das etwas?", "answer": RichText("<p>Nein.</p>")}],
            },
        ),
        ("document", {"document": document, "title": ""}),
        ("embed", {"url": VIDEO_URL, "title": "Video: Rundgang durch das Quartier"}),
    ]


def test_portal_home_renders_with_its_districts(client, gelsenkirchen):
    response = client.get(gelsenkirchen.portal.url)
    assert response.status_code == 200
    for district_home in gelsenkirchen.district_homes.values():
        assert district_home.url in response.content.decode()


def test_district_home_renders_with_its_latest_articles(client, gelsenkirchen):
    home = gelsenkirchen.district_homes["schalke"]
    article = ArticlePageFactory(
        parent=gelsenkirchen.district_news["schalke"], title="Sommerfest in Schalke"
    )
    response = client.get(home.url)
    assert response.status_code == 200
    assert article.title in response.content.decode()


def test_standard_page_renders_every_block(client, gelsenkirchen, every_block_body):
    page = StandardPageFactory(parent=gelsenkirchen.portal, body=every_block_body)
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'alt="Menschen an einer Kaffeetafel"' in html
    assert "Foto: Stadtteilbüro" in html
    assert "Hier kennt man sich." in html
    assert 'href="https://example.org/mitmachen"' in html
    assert "0209 123" in html
    assert "<summary>Kostet das etwas?</summary>" in html
    assert "Programm</a>" in html
    assert "(PDF, " in html


def test_embed_is_inert_until_the_visitor_asks_for_it(client, gelsenkirchen, every_block_body):
    page = StandardPageFactory(parent=gelsenkirchen.portal, body=every_block_body)
    html = client.get(page.url).content.decode()
    before_template, inside_template = html.split("<template data-embed-template>", 1)
    assert "<iframe" not in before_template
    assert '<iframe src="https://video.example.org/embed/quartier"' in inside_template
    assert f'href="{VIDEO_URL}"' in html


def test_news_index_renders_and_filters_by_kind(client, gelsenkirchen):
    news = gelsenkirchen.portal_news
    ArticlePageFactory(parent=news, title="Sommerfest", kind="news")
    ArticlePageFactory(parent=news, title="Haushalt beschlossen", kind="press_release")
    response = client.get(news.url, {"kind": "press_release"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Haushalt beschlossen" in html
    assert "Sommerfest" not in html


def test_news_index_ignores_invalid_filters(client, gelsenkirchen):
    response = client.get(gelsenkirchen.portal_news.url, {"kind": "<script>", "seite": "x"})
    assert response.status_code == 200


def test_article_renders_with_lead_image_and_tags(client, gelsenkirchen):
    image = get_image_model().objects.create(
        title="Fest", file=get_test_image_file(filename="lead.png")
    )
    article = ArticlePageFactory(
        parent=gelsenkirchen.portal_news,
        title="Nachbarschaftsfest",
        lead_image=image,
        lead_image_alt_text="Kinder und Ältere beim Kuchenessen",
    )
    article.tags.add("Begegnung")
    article.save_revision().publish()
    response = client.get(article.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'alt="Kinder und Ältere beim Kuchenessen"' in html
    assert "?tag=begegnung" in html


def test_draft_article_is_not_shown_to_visitors(client, gelsenkirchen):
    draft = ArticlePageFactory(parent=gelsenkirchen.portal_news, title="Noch geheim", publish=False)
    assert client.get(draft.get_url()).status_code == 404
    assert "Noch geheim" not in client.get(gelsenkirchen.portal_news.url).content.decode()
    assert "Noch geheim" not in client.get("/sitemap.xml").content.decode()


def test_search_finds_published_pages_only(client, gelsenkirchen):
    ArticlePageFactory(parent=gelsenkirchen.portal_news, title="Spielenachmittag im Treff")
    ArticlePageFactory(
        parent=gelsenkirchen.portal_news, title="Spielenachmittag Entwurf", publish=False
    )
    response = client.get("/suche/", {"q": "Spielenachmittag"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Spielenachmittag im Treff" in html
    assert "Spielenachmittag Entwurf" not in html


def test_search_matches_inflected_german_words(client, gelsenkirchen):
    ArticlePageFactory(parent=gelsenkirchen.portal_news, title="Die Gärten der Nachbarschaft")
    response = client.get("/suche/", {"q": "Garten"})
    assert "Die Gärten der Nachbarschaft" in response.content.decode()


def test_unknown_page_gives_a_german_404(client, gelsenkirchen):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()
