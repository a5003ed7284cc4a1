"""The recurrence chooser's preview endpoint: staff only, never a 500, German summary."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("events_recurrence_preview")
WEEKLY = {
    "start": "2026-12-03 19:00",
    "end": "2026-12-03 21:00",
    "recurrence_rule-frequency": "weekly",
    "recurrence_rule-interval": "1",
    "recurrence_rule-weekdays": "TH",
    "recurrence_rule-ending": "until",
    "recurrence_rule-until": "31.03.2027",
}


def test_anonymous_visitors_are_sent_to_the_sign_in(client):
    response = client.get(URL, WEEKLY)
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_residents_without_admin_access_get_no_preview(client):
    client.force_login(UserFactory(is_staff=False))
    response = client.get(URL, WEEKLY)
    assert response.status_code in (302, 403)
    assert "Termine" not in response.content.decode()


def test_provider_sees_the_series_in_plain_german(client, provider_a, frozen_now):
    client.force_login(provider_a)
    response = client.get(URL, WEEKLY)
    assert response.status_code == 200
    assert "jeden Donnerstag, 19:00 Uhr, bis 31.03.2027: 17 Termine" in response.content.decode()


def test_preview_offers_the_next_dates_as_exceptions(client, provider_a, frozen_now):
    client.force_login(provider_a)
    html = client.get(URL, WEEKLY).content.decode()
    assert 'name="recurrence_rule-exceptions" value="2026-12-10T19:00"' in html


def test_preview_counts_a_ticked_exception(client, provider_a, frozen_now):
    client.force_login(provider_a)
    data = {**WEEKLY, "recurrence_rule-exceptions": "2026-12-10T19:00"}
    html = client.get(URL, data).content.decode()
    assert "16 Termine, 1 Termin fällt aus" in html


def test_preview_asks_about_christmas_for_a_weekly_series(client, provider_a, frozen_now):
    client.force_login(provider_a)
    html = client.get(URL, WEEKLY).content.decode()
    assert 'name="recurrence_rule-holidays"' in html


@pytest.mark.parametrize(
    "changes",
    [
        {"start": "morgen"},
        {"start": ""},
        {"recurrence_rule-interval": "99999999999999999999"},
        {"recurrence_rule-until": "31.02.2027"},
        {"recurrence_rule-frequency": "secondly"},
        {"recurrence_rule-exceptions": "\x00"},
    ],
)
def test_bad_input_gets_a_message_not_a_server_error(client, provider_a, changes):
    client.force_login(provider_a)
    response = client.get(URL, {**WEEKLY, **changes})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_posting_to_the_preview_is_refused(client, provider_a):
    client.force_login(provider_a)
    assert client.post(URL, WEEKLY).status_code == 405
