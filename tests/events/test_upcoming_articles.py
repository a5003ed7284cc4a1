"""The calendar's "Berichte zu kommenden Veranstaltungen": articles about the next 60 days."""

import pytest

from cms.events.selectors import articles_about_upcoming_events
from cms.news.models import ArticleEventLink
from tests.factories import ArticlePageFactory

from .factories import EventPageFactory, berlin

pytestmark = pytest.mark.django_db


def _article_about(gelsenkirchen, event, title):
    article = ArticlePageFactory(parent=gelsenkirchen.portal_news, title=title)
    ArticleEventLink.objects.create(article=article, event=event)
    return article


def _upcoming(calendar_page, now):
    return list(
        articles_about_upcoming_events(
            within=calendar_page, window_start=now, window_end=berlin(2026, 4, 30)
        )
    )


def test_article_about_an_event_in_the_window_is_listed(calendar_page, gelsenkirchen, frozen_now):
    event = EventPageFactory(parent=calendar_page, start=berlin(2026, 3, 10, 19))
    article = _article_about(gelsenkirchen, event, "Das Fest naht")
    assert _upcoming(calendar_page, frozen_now) == [article]


def test_article_about_an_event_after_the_window_is_not_listed(
    calendar_page, gelsenkirchen, frozen_now
):
    event = EventPageFactory(parent=calendar_page, start=berlin(2026, 6, 10, 19))
    _article_about(gelsenkirchen, event, "Im Sommer")
    assert _upcoming(calendar_page, frozen_now) == []


def test_article_about_an_unpublished_event_is_not_listed(calendar_page, gelsenkirchen, frozen_now):
    event = EventPageFactory(parent=calendar_page, start=berlin(2026, 3, 10, 19))
    _article_about(gelsenkirchen, event, "Abgesagt")
    event.unpublish()
    assert _upcoming(calendar_page, frozen_now) == []


def test_article_about_two_upcoming_events_is_listed_once(calendar_page, gelsenkirchen, frozen_now):
    first = EventPageFactory(parent=calendar_page, start=berlin(2026, 3, 10, 19))
    second = EventPageFactory(parent=calendar_page, start=berlin(2026, 3, 12, 19))
    article = _article_about(gelsenkirchen, first, "Zwei Feste")
    ArticleEventLink.objects.create(article=article, event=second)
    assert _upcoming(calendar_page, frozen_now) == [article]
