import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from cms.demo import content
from cms.events.models import EventPage
from cms.home.models import DistrictHomePage, PortalHomePage
from cms.infoscreen.models import InfoScreenPage
from cms.news.models import ArticlePage
from cms.places.models import District

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module (it takes most of a minute).

    Loaded inside a transaction that is rolled back when the module ends, so nothing of
    it is committed for the tests after; each test runs in a savepoint of its own inside
    it (the way Django's TestCase.setUpTestData shares data), so what one test changes
    is gone for the next. The refusal without demo data is tested in
    test_demo_refused.py, outside this transaction.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


# Tables whose rows the loader creates or touches; background bookkeeping (sessions,
# search index entries, reference index) is left out.
COUNTED_APPS = (
    "places",
    "core",
    "home",
    "news",
    "roles",
    "moderation",
    "wagtailcore",
    "auth",
    "wagtailimages",
    "taggit",
    "exchange",
)


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in COUNTED_APPS
    }


def test_load_demo_twice_leaves_the_same_row_counts(demo):
    after_first = _row_counts()
    call_command("load_demo", verbosity=0)
    assert _row_counts() == after_first


def test_load_demo_creates_the_districts_with_their_promised_slugs(demo):
    slugs = set(
        District.objects.filter(municipality__slug="gelsenkirchen").values_list("slug", flat=True)
    )
    assert {"buer-ost", "huellen", "schaffrath-rosenhuegel", "schalke"} <= slugs


def test_load_demo_gives_each_municipality_a_site_and_each_district_a_home(demo):
    # The portals in German; the demo's English and Arabic copies hold only Schalke.
    for portal in PortalHomePage.objects.filter(
        municipality__slug__in=["gelsenkirchen", "delbrueck"], locale=Locale.get_default()
    ):
        assert portal.get_site() is not None
        homes = DistrictHomePage.objects.child_of(portal)
        assert homes.count() == portal.municipality.districts.count()


def test_load_demo_has_articles_in_every_state(demo):
    demo_titles = [article["title"] for article in content.ARTICLES]
    articles = ArticlePage.objects.filter(title__in=demo_titles)
    assert articles.filter(live=True).exists()
    assert articles.filter(live=False, _revisions__isnull=False).exists()
    in_review = [a for a in articles.filter(live=False) if a.workflow_in_progress]
    assert in_review


def test_demo_accounts_have_their_roles(demo):
    users = get_user_model().objects
    assert users.get(username="admin").is_superuser
    caritas = users.get(username="anbieter-caritas")
    assert caritas.groups.filter(
        role__role="provider", role__municipality__slug="gelsenkirchen"
    ).exists()
    schalke = users.get(username="quartier-schalke")
    assert schalke.groups.filter(role__district__slug="schalke").exists()
    assert caritas.check_password(content.DEMO_PASSWORD)


def test_load_demo_has_exchange_listings_in_every_state_in_both_municipalities(demo):
    from exchange.enums import ListingStatus, MemberStatus
    from exchange.models import Listing, Member

    for slug in ("gelsenkirchen", "delbrueck"):
        statuses = set(
            Listing.objects.filter(municipality__slug=slug).values_list("status", flat=True)
        )
        # "expired" is never stored: a published listing past its date.
        assert statuses == set(ListingStatus.values) - {ListingStatus.EXPIRED}, slug
        assert Listing.objects.filter(
            municipality__slug=slug,
            status=ListingStatus.PUBLISHED,
            valid_until__lt=timezone.localdate(),
        ).exists()
        members = Member.objects.filter(municipality__slug=slug)
        assert members.filter(status=MemberStatus.PENDING).exists()
        assert members.filter(status=MemberStatus.BLOCKED).exists()
        assert Listing.objects.filter(municipality__slug=slug, proxy_client__isnull=False).exists()


def test_load_demo_has_an_open_report_and_a_hidden_listing_in_both_municipalities(demo):
    from exchange.models import Listing
    from exchange.selectors import public_listings
    from moderation.models import Report

    for slug in ("gelsenkirchen", "delbrueck"):
        reported = Report.objects.filter(municipality__slug=slug, state="open")
        assert reported.values("object_id").distinct().count() >= 2, slug
        hidden = Listing.objects.filter(
            municipality__slug=slug, status="published", pk__in=reported.values("object_id")
        ).exclude(pk__in=public_listings().values("pk"))
        assert hidden.exists(), slug


def test_demo_municipality_admins_have_their_role(demo):
    admin = get_user_model().objects.get(username="kommune-delbrueck")
    assert admin.groups.filter(
        role__role="municipality_admin", role__municipality__slug="delbrueck"
    ).exists()


def test_load_demo_translates_schalke_into_english_and_arabic_live(demo):
    schalke = DistrictHomePage.objects.get(district__slug="schalke", locale=Locale.get_default())
    languages = set(
        schalke.get_translations().live().values_list("locale__language_code", flat=True)
    )
    assert languages == {"en", "ar"}


def test_load_demo_gives_schalke_and_huellen_different_themes(demo):
    homes = DistrictHomePage.objects.filter(
        district__slug__in=["schalke", "huellen"], locale=Locale.get_default()
    ).select_related("theme")
    colours = {home.theme.color_header_background for home in homes}
    assert len(colours) == 2


def test_demo_has_an_info_screen_and_events_at_social_spaces(demo, client):
    """The demo shows the printed programme and the info screen (see README)."""
    screen = InfoScreenPage.objects.live().get(slug="infobildschirm")
    assert screen.get_parent().specific.district.slug == "schalke"
    assert EventPage.objects.live().filter(social_spaces__district__slug="schalke").exists()
    for url in (
        "/programm/schalke/",
        "/programm/schalke/kath-kirchengemeinde-st-joseph/",
        "/schalke/infobildschirm/",
    ):
        assert client.get(url, HTTP_HOST="gelsenkirchen.localhost").status_code == 200, url
