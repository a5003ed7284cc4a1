"""The calendar's "Berichte zu kommenden Veranstaltungen": articles about the next 60 days."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone

from cms.events.calendar import upcoming_articles
from cms.events.selectors import articles_about_upcoming_events, upcoming_articles_change_at
from cms.news.models import ArticleEventLink
from tests.committed import as_committed
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


# Kept under the content version until the moving window alone changes them --------------


def test_they_can_next_change_when_the_first_linked_date_in_the_window_ends(
    calendar_page, gelsenkirchen, frozen_now
):
    soon = EventPageFactory(parent=calendar_page, start=berlin(2026, 3, 10, 19))
    later = EventPageFactory(parent=calendar_page, start=berlin(2026, 7, 10, 19))
    _article_about(gelsenkirchen, soon, "Bald")
    _article_about(gelsenkirchen, later, "Im Sommer")
    change_at = upcoming_articles_change_at(
        within=calendar_page, window_start=frozen_now, window_end=berlin(2026, 4, 30)
    )
    assert change_at == soon.occurrences.get().end


def test_they_can_next_change_when_the_next_linked_date_comes_within_the_window(
    calendar_page, gelsenkirchen, frozen_now
):
    later = EventPageFactory(parent=calendar_page, start=berlin(2026, 7, 10, 19))
    _article_about(gelsenkirchen, later, "Im Sommer")
    window_end = berlin(2026, 4, 30)
    change_at = upcoming_articles_change_at(
        within=calendar_page, window_start=frozen_now, window_end=window_end
    )
    assert change_at == later.occurrences.get().start - (window_end - frozen_now)


def test_without_linked_dates_only_a_change_of_content_changes_them(
    calendar_page, gelsenkirchen, frozen_now
):
    EventPageFactory(parent=calendar_page, start=berlin(2026, 3, 10, 19))
    assert (
        upcoming_articles_change_at(
            within=calendar_page, window_start=frozen_now, window_end=berlin(2026, 4, 30)
        )
        is None
    )


def _calendar_articles(calendar_page):
    request = RequestFactory().get(calendar_page.url)
    request.user = AnonymousUser()
    return upcoming_articles(request, calendar_page)


def test_the_calendar_keeps_them_and_reads_them_from_the_cache(
    calendar_page, gelsenkirchen, frozen_now, django_assert_max_num_queries
):
    event = EventPageFactory(parent=calendar_page, start=berlin(2026, 3, 10, 19))
    article = _article_about(gelsenkirchen, event, "Das Fest naht")
    as_committed()
    assert _calendar_articles(calendar_page) == [article]
    # The content version only.
    with django_assert_max_num_queries(1):
        assert _calendar_articles(calendar_page) == [article]


def test_the_calendar_drops_one_when_its_date_has_ended_without_any_change(
    calendar_page, gelsenkirchen, frozen_now, monkeypatch
):
    event = EventPageFactory(parent=calendar_page, start=berlin(2026, 3, 10, 19))
    _article_about(gelsenkirchen, event, "Das Fest naht")
    as_committed()
    assert len(_calendar_articles(calendar_page)) == 1
    after_it = event.occurrences.get().end + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: after_it)
    assert _calendar_articles(calendar_page) == []


def test_the_calendar_shows_one_as_soon_as_its_date_comes_within_60_days(
    calendar_page, gelsenkirchen, frozen_now, monkeypatch
):
    event = EventPageFactory(parent=calendar_page, start=berlin(2026, 6, 1, 19))
    article = _article_about(gelsenkirchen, event, "Im Juni")
    as_committed()
    assert _calendar_articles(calendar_page) == []
    within = event.occurrences.get().start - timedelta(days=60) + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: within)
    assert _calendar_articles(calendar_page) == [article]
