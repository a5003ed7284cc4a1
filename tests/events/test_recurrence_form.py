"""The recurrence chooser in the event form: what it stores, what it refuses, what it asks."""

import pytest
from django.urls import reverse

from cms.events.models import EventOccurrenceChange, EventPage

from .factories import EventPageFactory, berlin
from .form_data import event_edit_form_data, event_form_data

pytestmark = pytest.mark.django_db


def chooser(**values) -> dict:
    """The chooser's controls as the browser posts them (a weekly series by default)."""
    data = {
        "frequency": "weekly",
        "interval": "1",
        "weekdays": [],
        "monthly_mode": "day",
        "month_day": "",
        "ordinal": "1",
        "ordinal_weekday": "MO",
        "ending": "never",
        "until": "",
        "count": "",
        **values,
    }
    return {f"recurrence_rule-{key}": value for key, value in data.items() if value is not None}


def _add_url(calendar_page):
    return reverse("wagtailadmin_pages:add", args=("events", "eventpage", calendar_page.pk))


@pytest.fixture
def provider_client(client, provider_a, frozen_now):
    client.force_login(provider_a)
    return client


def _create(client, calendar_page, gelsenkirchen, title="Spieletreff", **values):
    schalke = gelsenkirchen.district_homes["schalke"].district
    data = {**event_form_data(title=title, districts=[schalke.pk]), **chooser(**values)}
    return client.post(_add_url(calendar_page), data)


def test_weekly_series_with_one_exception_stores_rule_and_cancelled_date(
    provider_client, calendar_page, gelsenkirchen
):
    response = _create(
        provider_client,
        calendar_page,
        gelsenkirchen,
        weekdays=["TU"],
        ending="until",
        until="31.03.2026",
        exceptions=["2026-03-17T19:00"],
    )
    assert response.status_code == 302
    event = EventPage.objects.get(title="Spieletreff")
    assert event.recurrence_rule == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260331"
    assert [(c.original_start, c.cancelled) for c in event.changes.all()] == [
        (berlin(2026, 3, 17, 19), True)
    ]


def test_single_date_stores_no_rule(provider_client, calendar_page, gelsenkirchen):
    _create(provider_client, calendar_page, gelsenkirchen, frequency="once")
    assert EventPage.objects.get(title="Spieletreff").recurrence_rule == ""


def test_monthly_on_the_last_friday_stores_byday(provider_client, calendar_page, gelsenkirchen):
    _create(
        provider_client,
        calendar_page,
        gelsenkirchen,
        frequency="monthly",
        monthly_mode="weekday",
        ordinal="-1",
        ordinal_weekday="FR",
        ending="count",
        count="6",
    )
    assert EventPage.objects.get(title="Spieletreff").recurrence_rule == (
        "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6"
    )


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"ending": "until", "until": "31.3."}, "TT.MM.JJJJ"),
        ({"interval": "abc"}, "Zahl von 1 bis 52"),
        ({"interval": "0"}, "Zahl von 1 bis 52"),
        ({"ending": "count", "count": "100000"}, "Anzahl der Termine"),
        ({"frequency": "hourly"}, "wie oft"),
        ({"weekdays": ["XX"]}, "Wochentage"),
        ({"exceptions": ["gestern"]}, "nicht lesbar"),
        ({"ending": "until", "until": "01.01.2026"}, "keinen einzigen Termin"),
    ],
)
def test_bad_choices_give_a_clear_message_and_save_nothing(
    provider_client, calendar_page, gelsenkirchen, values, message
):
    response = _create(provider_client, calendar_page, gelsenkirchen, **values)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["recurrence_rule"])
    assert not EventPage.objects.filter(title="Spieletreff").exists()


def _christmas_series(client, calendar_page, gelsenkirchen, **values):
    schalke = gelsenkirchen.district_homes["schalke"].district
    data = {
        **event_form_data(
            title="Chor",
            districts=[schalke.pk],
            start="2026-12-03 19:00",
            end="2026-12-03 21:00",
        ),
        **chooser(weekdays=["TH"], ending="until", until="14.01.2027", **values),
    }
    return client.post(_add_url(calendar_page), data)


def test_weekly_series_over_christmas_asks_whether_those_dates_take_place(
    provider_client, calendar_page, gelsenkirchen
):
    response = _christmas_series(provider_client, calendar_page, gelsenkirchen)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["recurrence_rule"])
    assert "24.12.2026, 31.12.2026" in errors
    assert 'name="recurrence_rule-holidays"' in response.content.decode()
    assert not EventPage.objects.filter(title="Chor").exists()


def test_weekly_series_over_christmas_saves_once_confirmed(
    provider_client, calendar_page, gelsenkirchen
):
    response = _christmas_series(provider_client, calendar_page, gelsenkirchen, holidays="on")
    assert response.status_code == 302
    assert not EventPage.objects.get(title="Chor").changes.exists()


def test_weekly_series_over_christmas_saves_with_those_dates_cancelled(
    provider_client, calendar_page, gelsenkirchen
):
    response = _christmas_series(
        provider_client,
        calendar_page,
        gelsenkirchen,
        exceptions=["2026-12-24T19:00", "2026-12-31T19:00"],
    )
    assert response.status_code == 302
    cancelled = EventPage.objects.get(title="Chor").changes.filter(cancelled=True)
    assert sorted(c.original_start for c in cancelled) == [
        berlin(2026, 12, 24, 19),
        berlin(2026, 12, 31, 19),
    ]


@pytest.fixture
def weekly_event(calendar_page, provider_a, editor, gelsenkirchen):
    return EventPageFactory(
        parent=calendar_page,
        title="Kaffeetafel",
        owner=provider_a,
        published_by=editor,
        recurrence_rule="FREQ=WEEKLY;BYDAY=TU;UNTIL=20260331",
        districts=[gelsenkirchen.district_homes["schalke"].district],
    )


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def test_edit_form_shows_the_saved_series_in_plain_german(provider_client, weekly_event):
    html = provider_client.get(_edit_url(weekly_event)).content.decode()
    assert "jeden Dienstag, 19:00 Uhr, bis 31.03.2026: 4 Termine" in html
    assert 'value="2026-03-17T19:00"' in html


def test_edit_form_offers_no_rrule_text_box(provider_client, weekly_event):
    html = provider_client.get(_edit_url(weekly_event)).content.decode()
    assert ' name="recurrence_rule"' not in html
    assert 'name="recurrence_rule-frequency"' in html


def _latest(event):
    return EventPage.objects.get(pk=event.pk).get_latest_revision_as_object()


def test_unticking_an_exception_brings_the_date_back(provider_client, weekly_event):
    weekly_event.changes.add(
        EventOccurrenceChange(original_start=berlin(2026, 3, 17, 19), cancelled=True)
    )
    weekly_event.save_revision().publish()
    data = {
        **event_edit_form_data(weekly_event),
        **chooser(weekdays=["TU"], ending="until", until="31.03.2026"),
    }
    data.pop("recurrence_rule")
    # The existing cancellation is posted by the inline panel as well, as the admin does.
    data.update(
        {
            "changes-TOTAL_FORMS": "1",
            "changes-INITIAL_FORMS": "1",
            "changes-0-id": str(EventOccurrenceChange.objects.get(event=weekly_event).pk),
            "changes-0-original_start": "2026-03-17 19:00",
            "changes-0-cancelled": "on",
            "changes-0-new_start": "",
            "changes-0-new_end": "",
            "changes-0-ORDER": "1",
            "changes-0-DELETE": "",
        }
    )
    response = provider_client.post(_edit_url(weekly_event), data)
    assert response.status_code == 302
    assert list(_latest(weekly_event).changes.all()) == []


def test_imported_rule_the_chooser_cannot_show_is_kept_on_save(
    provider_client, calendar_page, provider_a, editor, gelsenkirchen
):
    event = EventPageFactory(
        parent=calendar_page,
        title="Jahresfest",
        owner=provider_a,
        published_by=editor,
        recurrence_rule="FREQ=YEARLY;COUNT=3",
        districts=[gelsenkirchen.district_homes["schalke"].district],
    )
    html = provider_client.get(_edit_url(event)).content.decode()
    assert "übernommenen Regel (FREQ=YEARLY;COUNT=3): 3 Termine" in html
    data = {**event_edit_form_data(event, title="Jahresfest 2026"), **chooser(frequency="keep")}
    data.pop("recurrence_rule")
    response = provider_client.post(_edit_url(event), data)
    assert response.status_code == 302
    latest = _latest(event)
    assert latest.title == "Jahresfest 2026"
    assert latest.recurrence_rule == "FREQ=YEARLY;COUNT=3"


def test_a_rule_posted_as_text_is_still_validated(provider_client, calendar_page, gelsenkirchen):
    schalke = gelsenkirchen.district_homes["schalke"].district
    data = event_form_data(title="Alt", districts=[schalke.pk], recurrence_rule="FREQ=SECONDLY")
    response = provider_client.post(_add_url(calendar_page), data)
    assert response.status_code == 200
    assert "Sekundentakt" in " ".join(response.context["form"].errors["recurrence_rule"])
