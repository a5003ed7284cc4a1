"""The accessibility statement: linked from every page, with a feedback form that
stores, mails and is spam-safe without third parties."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.events.factories import EventIndexPageFactory
from tests.factories import ArticlePageFactory
from tests.providers.factories import ProviderIndexPageFactory
from themes.enums import FeedbackStatus
from themes.models import AccessibilityFeedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def every_kind_of_url(gelsenkirchen):
    article = ArticlePageFactory(parent=gelsenkirchen.district_news["schalke"])
    return {
        "portal": gelsenkirchen.portal.url,
        "district": gelsenkirchen.district_homes["schalke"].url,
        "standard": gelsenkirchen.district_pages["schalke"].url,
        "news index": gelsenkirchen.portal_news.url,
        "article": article.url,
        "directory": ProviderIndexPageFactory(parent=gelsenkirchen.portal).url,
        "calendar": EventIndexPageFactory(parent=gelsenkirchen.portal).url,
        "search": reverse("search"),
        "exchange": reverse("exchange:listing_list"),
        "exchange login": reverse("exchange:login"),
    }


def test_statement_is_linked_from_every_page_type(client, statement, every_kind_of_url):
    for kind, url in every_kind_of_url.items():
        response = client.get(url)
        assert response.status_code == 200, kind
        assert f'href="{statement.url}"' in response.content.decode(), kind


def test_statement_is_linked_from_the_not_found_page(client, statement):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert f'href="{statement.url}"' in response.content.decode()


def test_statement_shows_the_bitv_sections(client, statement):
    content = client.get(statement.url).content.decode()
    for heading in (
        "Stand der Vereinbarkeit mit den Anforderungen",
        "Nicht barrierefreie Inhalte",
        "Erstellung dieser Erklärung",
        "Feedback und Kontakt",
        "Schlichtungsverfahren",
    ):
        assert heading in content


def test_feedback_is_stored_and_mailed_to_the_contact(client, statement, gelsenkirchen):
    response = client.post(
        statement.url,
        {
            "message": "Das Kalender-Formular ist mit der Tastatur nicht bedienbar.",
            "page_url": "/veranstaltungen/",
            "email": "leser@quartier.invalid",
        },
    )
    assert response.status_code == 302
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.municipality == gelsenkirchen.municipality
    assert feedback.page_url == "/veranstaltungen/"
    assert feedback.mailed_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["barrierefrei@quartier.invalid"]
    assert mail.outbox[0].reply_to == ["leser@quartier.invalid"]
    assert "nicht bedienbar" in mail.outbox[0].body


def test_after_sending_the_visitor_is_thanked(client, statement):
    response = client.post(statement.url, {"message": "Kontrast zu schwach."}, follow=True)
    assert "Vielen Dank!" in response.content.decode()


def test_empty_message_is_refused_with_linked_errors_and_keeps_the_input(client, statement):
    response = client.post(statement.url, {"message": "", "name": "Renate S."})
    content = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_message"' in content  # the error summary links to the field
    assert 'aria-invalid="true"' in content
    assert 'aria-describedby="id_message_helptext id_message_error"' in content
    assert 'value="Renate S."' in content
    assert not AccessibilityFeedback.objects.exists()
    assert mail.outbox == []


def test_honeypot_submission_is_dropped_silently(client, statement):
    response = client.post(statement.url, {"message": "Billig kaufen!", "website": "spam.example"})
    assert response.status_code == 302
    assert not AccessibilityFeedback.objects.exists()
    assert mail.outbox == []


def test_feedback_link_in_footer_names_the_current_page(client, statement, gelsenkirchen):
    page = gelsenkirchen.district_pages["schalke"]
    content = client.get(page.url).content.decode()
    assert f"{statement.url}?seite={page.url}#feedback-heading" in content


def test_form_is_prefilled_with_the_page_from_the_footer_link(client, statement):
    content = client.get(statement.url, {"seite": "/schalke/"}).content.decode()
    assert 'value="/schalke/"' in content


def test_feedback_admin_shows_only_own_municipality(client, editor, statement, delbrueck_statement):
    AccessibilityFeedback.objects.create(
        municipality=statement.get_parent().specific.municipality, message="Gelsenkirchener Hinweis"
    )
    AccessibilityFeedback.objects.create(
        municipality=delbrueck_statement.get_parent().specific.municipality,
        message="Delbrücker Hinweis",
    )
    client.force_login(editor)
    content = client.get(reverse("accessibility_feedback:index")).content.decode()
    assert "Gelsenkirchener Hinweis" in content
    assert "Delbrücker Hinweis" not in content


def test_foreign_feedback_is_404_for_an_editor(client, editor, delbrueck_statement, delbrueck):
    foreign = AccessibilityFeedback.objects.create(
        municipality=delbrueck.municipality, message="Delbrücker Hinweis"
    )
    client.force_login(editor)
    assert (
        client.get(reverse("accessibility_feedback:inspect", args=[foreign.pk])).status_code == 404
    )
    response = client.post(
        reverse("accessibility_feedback:edit", args=[foreign.pk]), {"status": "done", "notes": ""}
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == FeedbackStatus.NEW


def test_editor_marks_feedback_as_done(client, editor, gelsenkirchen):
    feedback = AccessibilityFeedback.objects.create(
        municipality=gelsenkirchen.municipality, message="Hinweis"
    )
    client.force_login(editor)
    response = client.post(
        reverse("accessibility_feedback:edit", args=[feedback.pk]),
        {"status": "done", "notes": "Behoben."},
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.DONE


def test_district_editor_cannot_read_feedback(client, schalke_editor, gelsenkirchen):
    AccessibilityFeedback.objects.create(municipality=gelsenkirchen.municipality, message="Hinweis")
    client.force_login(schalke_editor)
    assert client.get(reverse("accessibility_feedback:index")).status_code == 302
