"""The admin start page of providers and district editors."""

import pytest
from django.urls import reverse

from cms.roles.services import provider_section_rights_ensure
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.providers.factories import ProviderIndexPageFactory, ProviderPageFactory

pytestmark = pytest.mark.django_db

HOME = reverse("wagtailadmin_home")


@pytest.fixture
def sections(gelsenkirchen):
    calendar = EventIndexPageFactory(parent=gelsenkirchen.portal)
    news = gelsenkirchen.portal_news
    directory = ProviderIndexPageFactory(parent=gelsenkirchen.portal)
    for section in (calendar, news, directory):
        provider_section_rights_ensure(section)
    return {"calendar": calendar, "news": news, "directory": directory}


@pytest.fixture
def own_profile(sections, provider_a, editor):
    return ProviderPageFactory(
        parent=sections["directory"], title="Nähcafé", owner=provider_a, published_by=editor
    )


def test_provider_start_page_links_profile_new_event_and_new_article(
    client, provider_a, sections, own_profile
):
    client.force_login(provider_a)
    html = client.get(HOME).content.decode()
    assert "Mein Profil" in html
    assert reverse("wagtailadmin_pages:edit", args=(own_profile.pk,)) in html
    assert (
        reverse("wagtailadmin_pages:add", args=("events", "eventpage", sections["calendar"].pk))
        in html
    )
    assert (
        reverse("wagtailadmin_pages:add", args=("news", "articlepage", sections["news"].pk)) in html
    )


def test_provider_start_page_lists_own_submissions_with_their_state(
    client, provider_a, provider_b, sections, editor
):
    EventPageFactory(
        parent=sections["calendar"], title="Eigener Treff", owner=provider_a, published_by=editor
    )
    EventPageFactory(
        parent=sections["calendar"], title="Fremder Treff", owner=provider_b, published_by=editor
    )
    client.force_login(provider_a)
    html = client.get(HOME).content.decode()
    assert "Meine Einreichungen" in html
    assert "Eigener Treff" in html
    assert "Veröffentlicht" in html
    assert "Fremder Treff" not in html


def test_provider_sees_a_submission_under_review_as_being_checked(
    client, provider_a, sections, editor
):
    event = EventPageFactory(
        parent=sections["calendar"], title="Neuer Treff", owner=provider_a, publish=False
    )
    workflow = event.get_workflow()
    assert workflow is not None
    workflow.start(event, provider_a)
    client.force_login(provider_a)
    html = client.get(HOME).content.decode()
    assert "Wird geprüft" in html


def test_provider_start_page_replaces_the_generic_dashboard_and_page_tree(
    client, provider_a, sections
):
    client.force_login(provider_a)
    html = client.get(HOME).content.decode()
    assert "Schnipsel" not in html
    assert '"name": "explorer"' not in html
    assert "explorer" not in html.split("wagtail-sidebar-props", 1)[-1].split("</script>", 1)[0]


def test_editorial_team_keeps_the_generic_dashboard(client, editor, sections):
    client.force_login(editor)
    html = client.get(HOME).content.decode()
    assert "Meine Einreichungen" not in html


def test_district_editor_gets_the_start_page_too(client, schalke_editor, sections):
    client.force_login(schalke_editor)
    assert "Meine Einreichungen" in client.get(HOME).content.decode()


def test_start_page_queries_stay_constant(
    client, provider_a, sections, editor, django_assert_max_num_queries
):
    for number in range(3):
        EventPageFactory(
            parent=sections["calendar"],
            title=f"Treff {number}",
            owner=provider_a,
            published_by=editor,
        )
    client.force_login(provider_a)
    client.get(HOME)
    with django_assert_max_num_queries(60) as few:
        client.get(HOME)
    for number in range(3, 15):
        EventPageFactory(
            parent=sections["calendar"],
            title=f"Treff {number}",
            owner=provider_a,
            published_by=editor,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(HOME)


def test_new_event_of_a_provider_is_preset_to_their_own_profile(
    client, provider_a, sections, own_profile
):
    client.force_login(provider_a)
    url = reverse("wagtailadmin_pages:add", args=("events", "eventpage", sections["calendar"].pk))
    form = client.get(url).context["form"]
    assert form.initial["organiser"] == own_profile.pk


def test_profile_form_offers_only_districts_of_its_municipality(
    client, editor, own_profile, gelsenkirchen
):
    client.force_login(editor)
    form = client.get(reverse("wagtailadmin_pages:edit", args=(own_profile.pk,))).context["form"]
    offered = set(form.fields["districts_served"].queryset)
    assert offered == {home.district for home in gelsenkirchen.district_homes.values()}


def test_submit_button_says_editorial_review(client, provider_a, sections):
    client.force_login(provider_a)
    url = reverse("wagtailadmin_pages:add", args=("events", "eventpage", sections["calendar"].pk))
    html = client.get(url).content.decode()
    assert "Zur redaktionellen Prüfung einreichen" in html
