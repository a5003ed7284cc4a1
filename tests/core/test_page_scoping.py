"""The page chooser, explorer, reports, modals and bulk actions of the admin show each
role only the page trees it works on; another town's pages are 404 or left out."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail_localize.operations import translate_object

from tests.factories import StandardPageFactory, UserFactory

pytestmark = pytest.mark.django_db

MARKER = "Geheimentwurf Ostenland"


@pytest.fixture
def english(db):
    locale, _created = Locale.objects.get_or_create(language_code="en")
    return locale


@pytest.fixture
def foreign_page(delbrueck, delbrueck_editor, english):
    """A page of Delbrück that shows up in every report: old, locked, in review, translated."""
    page = StandardPageFactory(
        parent=delbrueck.district_homes["ostenland"], title=MARKER, owner=delbrueck_editor
    )
    Page.objects.filter(pk=page.pk).update(
        last_published_at=timezone.now() - datetime.timedelta(days=800),
        locked=True,
        locked_by=delbrueck_editor,
        locked_at=timezone.now(),
    )
    page.refresh_from_db()
    page.save_revision(user=delbrueck_editor)
    page.get_workflow().start(page, delbrueck_editor)
    translate_object(page, [english], user=delbrueck_editor)
    return page


@pytest.fixture
def superuser(db):
    return UserFactory(username="plattform-admin", is_superuser=True, is_staff=True)


@pytest.fixture
def municipality_admin(gelsenkirchen):
    return UserFactory(username="kommune-ge", groups=[gelsenkirchen.groups["municipality_admins"]])


@pytest.fixture
def proxy_helper(gelsenkirchen):
    return UserFactory(username="helfer-ge", groups=[gelsenkirchen.groups["proxy_helpers"]])


@pytest.fixture
def translated_editor(editor, gelsenkirchen, english):
    """Gelsenkirchen's editor whose group also holds rights on the English portal copy,
    which lies directly below the root like every portal."""
    english_portal = gelsenkirchen.portal.copy_for_translation(english)
    group = gelsenkirchen.groups["editorial_team"]
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=english_portal,
            permission=Permission.objects.get(
                codename=codename, content_type__app_label="wagtailcore"
            ),
        )
    return editor


def _html(response):
    if response.get("Content-Type", "").startswith("application/json"):
        return response.json().get("html", "") or str(response.json())
    return response.content.decode()


ROLES = ("editor", "schalke_editor", "provider_a", "municipality_admin", "proxy_helper")


@pytest.mark.parametrize("role", ROLES)
def test_page_chooser_browse_never_shows_another_towns_pages(client, request, role, foreign_page):
    client.force_login(request.getfixturevalue(role))
    root = Page.get_first_root_node()
    for url in (
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_child", args=[root.pk]),
    ):
        content = _html(client.get(url))
        assert "Delbrück" not in content
        assert MARKER not in content


@pytest.mark.parametrize("role", ROLES)
def test_page_chooser_search_never_finds_another_towns_pages(client, request, role, foreign_page):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Geheimentwurf"})
    assert MARKER not in _html(response)


def test_page_chooser_refuses_to_browse_below_a_foreign_page(
    client, editor, delbrueck, foreign_page
):
    client.force_login(editor)
    url = reverse("wagtailadmin_choose_page_child", args=[delbrueck.district_homes["ostenland"].pk])
    assert client.get(url).status_code == 404


def test_page_chooser_chosen_endpoint_refuses_a_foreign_page(client, editor, foreign_page):
    client.force_login(editor)
    response = client.get(
        reverse("wagtailadmin_choose_page_chosen_multiple"), {"id": [foreign_page.pk]}
    )
    assert response.status_code == 404


def test_page_chooser_offers_the_editors_own_pages(client, editor, gelsenkirchen):
    client.force_login(editor)
    url = reverse(
        "wagtailadmin_choose_page_child", args=[gelsenkirchen.district_homes["schalke"].pk]
    )
    assert "Über uns Schalke" in _html(client.get(url))


def test_exchange_roles_see_no_pages_in_the_chooser(client, municipality_admin, gelsenkirchen):
    client.force_login(municipality_admin)
    content = _html(client.get(reverse("wagtailadmin_choose_page")))
    assert "Gelsenkirchen" not in content


def test_platform_admin_chooses_any_page(client, superuser, foreign_page):
    client.force_login(superuser)
    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Geheimentwurf"})
    assert MARKER in _html(response)


def test_explorer_from_root_shows_only_the_editors_trees(client, translated_editor, foreign_page):
    client.force_login(translated_editor)
    response = client.get(reverse("wagtailadmin_explore_root"), follow=True)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Delbrück" not in content
    assert MARKER not in content


def test_explorer_search_from_root_finds_no_foreign_page(client, translated_editor, foreign_page):
    client.force_login(translated_editor)
    root = Page.get_first_root_node()
    response = client.get(
        reverse("wagtailadmin_explore", args=[root.pk]), {"q": "Geheimentwurf", "search_all": "1"}
    )
    assert MARKER not in response.content.decode()


def test_sidebar_page_menu_from_root_shows_only_own_trees(client, translated_editor, foreign_page):
    client.force_login(translated_editor)
    response = client.get("/admin/api/main/pages/", {"child_of": "root", "for_explorer": "1"})
    titles = [item["title"] for item in response.json()["items"]]
    assert "Delbrück" not in titles


def test_explorer_of_a_foreign_page_is_404(client, editor, foreign_page):
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_explore", args=[foreign_page.pk])).status_code == 404


def test_workflow_cancellation_modal_of_a_foreign_page_is_404(client, editor, foreign_page):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[foreign_page.pk])
    response = client.get(url)
    assert response.status_code == 404
    assert MARKER not in response.content.decode()


def test_workflow_history_of_a_foreign_page_is_404(client, editor, foreign_page):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:workflow_history", args=[foreign_page.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("action", ("delete", "move", "publish", "unpublish"))
def test_page_bulk_action_confirmation_for_a_foreign_page_is_404(
    client, editor, foreign_page, action
):
    client.force_login(editor)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
    response = client.get(url, {"id": [foreign_page.pk]})
    assert response.status_code == 404
    assert MARKER not in response.content.decode()


def test_page_bulk_action_select_all_below_root_leaves_out_foreign_portals(
    client, translated_editor, foreign_page, delbrueck
):
    client.force_login(translated_editor)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    root = Page.get_first_root_node()
    response = client.get(url, {"id": "all", "childOf": root.pk})
    assert "Delbrück" not in response.content.decode()


def test_page_bulk_delete_of_a_foreign_page_changes_nothing(client, editor, foreign_page):
    client.force_login(editor)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    client.post(f"{url}?id={foreign_page.pk}")
    assert Page.objects.filter(pk=foreign_page.pk).exists()


REPORTS = (
    "wagtailadmin_reports:locked_pages",
    "wagtailadmin_reports:aging_pages",
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_tasks",
    "wagtail_localize:translations_report",
)


@pytest.mark.parametrize("report", REPORTS)
@pytest.mark.parametrize("role", ("editor", "schalke_editor", "provider_a"))
def test_reports_never_show_another_towns_pages(client, request, role, report, foreign_page):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse(report))
    assert MARKER not in response.content.decode()


def test_page_types_usage_report_counts_only_own_pages(client, editor, foreign_page):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_reports:page_types_usage"))
    assert response.status_code == 200
    standard = next(row for row in response.context["object_list"] if row.model == "standardpage")
    # Gelsenkirchen has two "Über uns" pages; Delbrück's pages are not counted.
    assert standard.count == 2


def test_translations_report_lists_own_translations(client, editor, gelsenkirchen, english):
    translate_object(gelsenkirchen.district_pages["schalke"], [english], user=editor)
    client.force_login(editor)
    response = client.get(reverse("wagtail_localize:translations_report"))
    assert "Über uns Schalke" in response.content.decode()


@pytest.mark.parametrize("role", ("editor", "schalke_editor", "municipality_admin"))
def test_task_chooser_never_names_another_towns_review_task(client, request, role, delbrueck):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("wagtailadmin_workflows:task_chooser"))
    assert response.status_code != 200 or "Delbrück" not in _html(response)


@pytest.mark.parametrize("role", ("schalke_editor", "provider_a"))
def test_the_tree_root_is_called_quartier_not_root(client, request, role, gelsenkirchen):
    client.force_login(request.getfixturevalue(role))
    root = Page.get_first_root_node()
    for url in (
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_child", args=[root.pk]),
        reverse("wagtailadmin_explore_root"),
    ):
        content = _html(client.get(url, follow=True))
        assert "Root" not in content
    assert root.title == "Quartier"
