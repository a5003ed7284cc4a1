"""The demo shows the printed programme and the info screen (see README)."""

import pytest
from django.core.management import call_command

from cms.events.models import EventPage
from cms.infoscreen.models import InfoScreenPage

pytestmark = pytest.mark.django_db


def test_demo_has_an_info_screen_and_events_at_social_spaces(client):
    call_command("load_demo", verbosity=0)
    screen = InfoScreenPage.objects.live().get(slug="infobildschirm")
    assert screen.get_parent().specific.district.slug == "schalke"
    assert EventPage.objects.live().filter(social_spaces__district__slug="schalke").exists()
    for url in (
        "/programm/schalke/",
        "/programm/schalke/kath-kirchengemeinde-st-joseph/",
        "/schalke/infobildschirm/",
    ):
        assert client.get(url, HTTP_HOST="gelsenkirchen.localhost").status_code == 200, url
