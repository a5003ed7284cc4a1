"""Who may do what to which page, through the real Wagtail admin URLs.

The rules (cms/roles/services.py): providers may add articles to the news indexes of
their municipality and edit the ones they own, never publish; district editors edit
their own district's tree and submit it for review; the editorial team publishes.
"""

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, WorkflowState

from cms.news.models import ArticlePage
from tests.admin_checks import PageSnapshot, assert_permission_denied, assert_refused
from tests.factories import ArticlePageFactory
from tests.page_forms import (
    article_edit_form_data,
    article_form_data,
    district_home_form_data,
    standard_page_form_data,
)


def _add_article_url(news_index: Page) -> str:
    return reverse("wagtailadmin_pages:add", args=("news", "articlepage", news_index.pk))


def _edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def _log_actions(page: Page) -> list[str]:
    return list(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))


# --- Provider A and provider B's articles -------------------------------------------------


@pytest.fixture
def schalke_news(gelsenkirchen):
    return gelsenkirchen.district_news["schalke"]


@pytest.fixture
def article_of_b(request, schalke_news, provider_b, editor) -> ArticlePage:
    """Provider B's article: a draft that was never live, or one the editors published."""
    published = request.param == "live"
    return ArticlePageFactory(
        parent=schalke_news,
        owner=provider_b,
        title="Bericht von B",
        publish=published,
        published_by=editor,
    )


@dataclass(frozen=True)
class AdminRequest:
    """One admin request against a page: method, URL name, URL args, POST data."""

    method: str
    url_name: str
    extra_args: tuple = ()
    data: Any = None

    def send(self, client, page: ArticlePage, tree) -> Any:
        args = [page.pk]
        for arg in self.extra_args:
            args.append(arg(page, tree) if callable(arg) else arg)
        url = reverse(f"wagtailadmin_pages:{self.url_name}", args=args)
        data = self.data(page, tree) if callable(self.data) else self.data
        if self.method == "get":
            return client.get(url)
        return client.post(url, data or {})


def _latest_revision_id(page, tree):
    return page.latest_revision_id


def _hijacked_article(action):
    def data(page, tree):
        return article_edit_form_data(page, title="Übernommen von A", action=action)

    return data


def _copy_form(page, tree):
    return {
        "new_title": "Kopie von A",
        "new_slug": "kopie-von-a",
        "new_parent_page": str(tree.district_news["schalke"].pk),
    }


def _move_destination(page, tree):
    return tree.district_news["huellen"].pk


def _move_form(page, tree):
    return {"new_parent_page": str(tree.district_news["huellen"].pk)}


# Every page URL of Wagtail's admin (wagtail/admin/urls/pages.py) that acts on one
# existing page, with the request a curious provider would send.
FORBIDDEN_REQUESTS = {
    "edit-get": AdminRequest("get", "edit"),
    "edit-save": AdminRequest("post", "edit", data=_hijacked_article(None)),
    "edit-publish": AdminRequest("post", "edit", data=_hijacked_article("publish")),
    "edit-submit": AdminRequest("post", "edit", data=_hijacked_article("submit")),
    "preview-get": AdminRequest("get", "preview_on_edit"),
    "preview-post": AdminRequest("post", "preview_on_edit", data=_hijacked_article(None)),
    "view-draft": AdminRequest("get", "view_draft"),
    "history": AdminRequest("get", "history"),
    "history-results": AdminRequest("get", "history_results"),
    "revision-view": AdminRequest("get", "revisions_view", (_latest_revision_id,)),
    "revision-compare": AdminRequest("get", "revisions_compare", ("earliest", "latest")),
    "revision-revert-get": AdminRequest("get", "revisions_revert", (_latest_revision_id,)),
    "revision-revert-post": AdminRequest(
        "post", "revisions_revert", (_latest_revision_id,), data=_hijacked_article("submit")
    ),
    "revision-unschedule": AdminRequest("post", "revisions_unschedule", (_latest_revision_id,)),
    "workflow-history": AdminRequest("get", "workflow_history"),
    "usage": AdminRequest("get", "usage"),
    "copy-get": AdminRequest("get", "copy"),
    "copy-post": AdminRequest("post", "copy", data=_copy_form),
    "move-get": AdminRequest("get", "move"),
    "move-post": AdminRequest("post", "move", data=_move_form),
    "move-confirm-get": AdminRequest("get", "move_confirm", (_move_destination,)),
    "move-confirm-post": AdminRequest("post", "move_confirm", (_move_destination,)),
    "set-position": AdminRequest("post", "set_page_position"),
    "delete-get": AdminRequest("get", "delete"),
    "delete-post": AdminRequest("post", "delete"),
    "unpublish-get": AdminRequest("get", "unpublish"),
    "unpublish-post": AdminRequest("post", "unpublish"),
    "lock": AdminRequest("post", "lock"),
    "unlock": AdminRequest("post", "unlock"),
    "privacy-get": AdminRequest("get", "set_privacy"),
    "privacy-post": AdminRequest("post", "set_privacy", data={"restriction_type": "login"}),
}


@pytest.mark.parametrize("article_of_b", ["draft", "live"], indirect=True)
@pytest.mark.parametrize("admin_request", FORBIDDEN_REQUESTS.values(), ids=FORBIDDEN_REQUESTS)
def test_provider_cannot_touch_another_providers_article(
    client, gelsenkirchen, provider_a, article_of_b, admin_request
):
    before = PageSnapshot.take(article_of_b)
    log_before = _log_actions(article_of_b)
    client.force_login(provider_a)

    response = admin_request.send(client, article_of_b, gelsenkirchen)

    assert_permission_denied(response)
    assert PageSnapshot.take(article_of_b) == before
    assert _log_actions(article_of_b) == log_before
    assert not WorkflowState.objects.filter(object_id=str(article_of_b.pk)).exists()


@pytest.mark.parametrize("article_of_b", ["draft", "live"], indirect=True)
def test_provider_revisions_index_leads_only_to_a_refusal(client, provider_a, article_of_b):
    client.force_login(provider_a)

    response = client.get(
        reverse("wagtailadmin_pages:revisions_index", args=(article_of_b.pk,)), follow=True
    )

    history_url = reverse("wagtailadmin_pages:history", args=(article_of_b.pk,))
    assert [url for url, _status in response.redirect_chain] == [
        history_url,
        reverse("wagtailadmin_home"),
    ]
    assert article_of_b.title not in response.content.decode()


@pytest.mark.parametrize("article_of_b", ["draft", "live"], indirect=True)
@pytest.mark.parametrize("action", ["delete", "publish", "unpublish", "move"])
def test_provider_bulk_actions_leave_another_providers_article_alone(
    client, gelsenkirchen, provider_a, article_of_b, action
):
    before = PageSnapshot.take(article_of_b)
    client.force_login(provider_a)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action))
    data = {"chooser": str(gelsenkirchen.district_news["huellen"].pk)}

    response = client.post(f"{url}?id={article_of_b.pk}", data)

    assert response.status_code in (200, 302)
    assert PageSnapshot.take(article_of_b) == before


def test_provider_of_another_municipality_cannot_see_a_move_confirmation(
    client, gelsenkirchen, delbrueck_provider
):
    page = gelsenkirchen.district_pages["schalke"]
    client.force_login(delbrueck_provider)

    response = client.get(
        reverse(
            "wagtailadmin_pages:move_confirm",
            args=(page.pk, gelsenkirchen.portal.pk),
        )
    )

    assert_refused(response)


def test_editorial_team_can_move_an_article_to_another_district(
    client, gelsenkirchen, schalke_news, editor, provider_b
):
    article = ArticlePageFactory(parent=schalke_news, owner=provider_b, publish=False)
    destination = gelsenkirchen.district_news["huellen"]
    url = reverse("wagtailadmin_pages:move_confirm", args=(article.pk, destination.pk))
    client.force_login(editor)

    assert client.get(url).status_code == 200
    client.post(url)

    assert ArticlePage.objects.get(pk=article.pk).get_parent().pk == destination.pk


def test_provider_cannot_publish_own_article(client, schalke_news, provider_a):
    article = ArticlePageFactory(
        parent=schalke_news, owner=provider_a, title="Mein Entwurf", publish=False
    )
    client.force_login(provider_a)

    response = client.post(
        _edit_url(article), article_edit_form_data(article, intro="Neu.", action="publish")
    )

    # Without publish permission Wagtail treats the button as "save draft".
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.live
    assert article.live_revision is None
    assert article.first_published_at is None
    assert article.get_latest_revision_as_object().intro == "Neu."
    assert "wagtail.publish" not in _log_actions(article)


def test_provider_cannot_publish_changes_to_own_live_article(
    client, schalke_news, provider_a, editor
):
    article = ArticlePageFactory(
        parent=schalke_news, owner=provider_a, title="Mein Bericht", published_by=editor
    )
    live_revision_id = article.live_revision_id
    client.force_login(provider_a)

    client.post(
        _edit_url(article),
        article_edit_form_data(article, title="Ungeprüfte Änderung", action="publish"),
    )

    article.refresh_from_db()
    assert article.live_revision_id == live_revision_id
    assert article.title == "Mein Bericht"
    assert article.has_unpublished_changes
    assert article.get_latest_revision_as_object().title == "Ungeprüfte Änderung"


def test_provider_cannot_create_and_publish_in_one_step(client, schalke_news, provider_a):
    client.force_login(provider_a)

    client.post(_add_article_url(schalke_news), article_form_data(title="Sofort", action="publish"))

    article = ArticlePage.objects.get(slug="sofort")
    assert article.owner == provider_a
    assert not article.live


# --- What a provider can do ---------------------------------------------------------------


def test_provider_can_create_article_in_own_municipality(client, schalke_news, provider_a):
    client.force_login(provider_a)

    response = client.post(_add_article_url(schalke_news), article_form_data(title="Sommerfest"))

    article = ArticlePage.objects.get(slug="sommerfest")
    assert response.status_code == 302
    assert response["Location"] == _edit_url(article)
    assert article.get_parent().pk == schalke_news.pk
    assert article.owner == provider_a
    assert not article.live
    assert article.latest_revision.user == provider_a


@pytest.mark.parametrize("news", ["portal", "huellen"])
def test_provider_can_create_article_in_every_news_index_of_own_municipality(
    client, gelsenkirchen, provider_a, news
):
    news_index = (
        gelsenkirchen.portal_news if news == "portal" else gelsenkirchen.district_news[news]
    )
    client.force_login(provider_a)

    client.post(_add_article_url(news_index), article_form_data(title="Flohmarkt"))

    assert ArticlePage.objects.child_of(news_index).filter(owner=provider_a).exists()


def test_provider_can_edit_own_draft(client, schalke_news, provider_a):
    article = ArticlePageFactory(parent=schalke_news, owner=provider_a, publish=False)
    client.force_login(provider_a)

    assert client.get(_edit_url(article)).status_code == 200
    response = client.post(
        _edit_url(article), article_edit_form_data(article, title="Sommerfest am Samstag")
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Sommerfest am Samstag"
    assert article.latest_revision.user == provider_a
    assert not article.live


def test_provider_can_submit_own_draft_for_review(client, schalke_news, provider_a):
    article = ArticlePageFactory(parent=schalke_news, owner=provider_a, publish=False)
    client.force_login(provider_a)

    client.post(_edit_url(article), article_edit_form_data(article, action="submit"))

    article.refresh_from_db()
    workflow_state = article.current_workflow_state
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert workflow_state.requested_by == provider_a
    assert workflow_state.current_task_state.revision == article.latest_revision
    assert not article.live


def test_provider_cannot_open_the_add_form_in_another_municipality(client, delbrueck, provider_a):
    client.force_login(provider_a)

    response = client.get(_add_article_url(delbrueck.portal_news))

    assert_refused(response)


@pytest.mark.parametrize("news", ["portal", "ostenland"])
def test_provider_cannot_create_article_in_another_municipality(
    client, delbrueck, provider_a, news
):
    news_index = delbrueck.portal_news if news == "portal" else delbrueck.district_news[news]
    pages_before = Page.objects.count()
    client.force_login(provider_a)

    for action in (None, "submit", "publish"):
        response = client.post(
            _add_article_url(news_index), article_form_data(title="Fremd", action=action)
        )
        assert_refused(response)

    assert Page.objects.count() == pages_before
    assert not ArticlePage.objects.filter(owner=provider_a).exists()


def test_delbrueck_provider_cannot_create_article_in_gelsenkirchen(
    client, schalke_news, delbrueck_provider
):
    client.force_login(delbrueck_provider)

    response = client.post(_add_article_url(schalke_news), article_form_data(title="Fremd"))

    assert_refused(response)
    assert not ArticlePage.objects.filter(slug="fremd").exists()


def test_provider_cannot_add_pages_outside_news_indexes(client, gelsenkirchen, provider_a):
    client.force_login(provider_a)
    home = gelsenkirchen.district_homes["schalke"]

    response = client.get(reverse("wagtailadmin_pages:add", args=("home", "standardpage", home.pk)))

    assert_permission_denied(response)


# --- District editors ---------------------------------------------------------------------


def _district_page(tree, district: str, kind: str):
    if kind == "home":
        return tree.district_homes[district]
    return tree.district_pages[district]


def _form_data(page, **kwargs):
    if page.specific_class.__name__ == "DistrictHomePage":
        return district_home_form_data(page.specific, **kwargs)
    return standard_page_form_data(page.specific, **kwargs)


@pytest.mark.parametrize("kind", ["home", "standard"])
def test_district_editor_cannot_open_another_districts_page(
    client, gelsenkirchen, schalke_editor, kind
):
    page = _district_page(gelsenkirchen, "huellen", kind)
    client.force_login(schalke_editor)

    assert_refused(client.get(_edit_url(page)))


@pytest.mark.parametrize("action", [None, "submit", "publish"])
@pytest.mark.parametrize("kind", ["home", "standard"])
def test_district_editor_cannot_change_another_districts_page(
    client, gelsenkirchen, schalke_editor, kind, action
):
    page = _district_page(gelsenkirchen, "huellen", kind)
    before = PageSnapshot.take(page)
    client.force_login(schalke_editor)

    response = client.post(
        _edit_url(page), _form_data(page, title="Von Schalke übernommen", action=action)
    )

    assert_refused(response)
    assert PageSnapshot.take(page) == before


def test_district_editor_cannot_add_pages_to_another_district(
    client, gelsenkirchen, schalke_editor
):
    home = gelsenkirchen.district_homes["huellen"]
    client.force_login(schalke_editor)

    response = client.get(reverse("wagtailadmin_pages:add", args=("home", "standardpage", home.pk)))

    assert_refused(response)


@pytest.mark.parametrize("kind", ["home", "standard"])
def test_district_editor_can_edit_own_districts_page(client, gelsenkirchen, schalke_editor, kind):
    page = _district_page(gelsenkirchen, "schalke", kind)
    live_revision_id = page.live_revision_id
    client.force_login(schalke_editor)

    assert client.get(_edit_url(page)).status_code == 200
    response = client.post(_edit_url(page), _form_data(page, title="Schalke neu"))

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().title == "Schalke neu"
    assert page.latest_revision.user == schalke_editor
    # A saved draft does not touch what visitors see.
    assert page.live_revision_id == live_revision_id
    assert page.title != "Schalke neu"


@pytest.mark.parametrize("kind", ["home", "standard"])
def test_district_editor_cannot_publish_own_districts_page(
    client, gelsenkirchen, schalke_editor, kind
):
    page = _district_page(gelsenkirchen, "schalke", kind)
    live_title, live_revision_id = page.title, page.live_revision_id
    publications = _log_actions(page).count("wagtail.publish")
    client.force_login(schalke_editor)

    client.post(_edit_url(page), _form_data(page, title="Ungeprüft", action="publish"))

    page.refresh_from_db()
    assert page.live_revision_id == live_revision_id
    assert page.title == live_title
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title == "Ungeprüft"
    assert _log_actions(page).count("wagtail.publish") == publications


def test_district_editor_cannot_publish_a_new_page(client, gelsenkirchen, schalke_editor):
    home = gelsenkirchen.district_homes["schalke"]
    client.force_login(schalke_editor)
    data = standard_page_form_data(
        gelsenkirchen.district_pages["schalke"], title="Öffnungszeiten", slug="oeffnungszeiten"
    )
    data["action-publish"] = "publish"

    client.post(reverse("wagtailadmin_pages:add", args=("home", "standardpage", home.pk)), data)

    page = home.get_children().get(slug="oeffnungszeiten")
    assert page.owner == schalke_editor
    assert not page.live


def test_district_editor_can_submit_own_districts_page_for_review(
    client, gelsenkirchen, schalke_editor
):
    page = gelsenkirchen.district_pages["schalke"]
    client.force_login(schalke_editor)

    client.post(_edit_url(page), _form_data(page, title="Zur Prüfung", action="submit"))

    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.title != "Zur Prüfung"


# --- Editorial team -----------------------------------------------------------------------


@pytest.mark.parametrize("district", ["schalke", "huellen"])
def test_editorial_team_can_publish_directly(client, gelsenkirchen, editor, district):
    page = gelsenkirchen.district_pages[district]
    client.force_login(editor)

    response = client.post(
        _edit_url(page), _form_data(page, title="Neue Sprechzeiten", action="publish")
    )

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.title == "Neue Sprechzeiten"
    assert page.live_revision_id == page.latest_revision_id
    assert not page.has_unpublished_changes
    assert page.live_revision.user == editor
    assert not page.workflow_states.exists()


def test_editorial_team_can_create_and_publish_an_article(client, gelsenkirchen, editor):
    client.force_login(editor)

    client.post(
        _add_article_url(gelsenkirchen.portal_news),
        article_form_data(title="Pressemitteilung", action="publish"),
    )

    article = ArticlePage.objects.get(slug="pressemitteilung")
    assert article.live
    assert article.live_revision.user == editor


def test_editorial_team_can_publish_a_providers_article(client, schalke_news, editor, provider_a):
    article = ArticlePageFactory(parent=schalke_news, owner=provider_a, publish=False)
    client.force_login(editor)

    client.post(_edit_url(article), article_edit_form_data(article, action="publish"))

    article.refresh_from_db()
    assert article.live
    assert article.owner == provider_a


def test_editorial_team_cannot_publish_in_another_municipality(client, delbrueck, editor):
    page = delbrueck.district_pages["ostenland"]
    before = PageSnapshot.take(page)
    client.force_login(editor)

    response = client.post(
        _edit_url(page), _form_data(page, title="Aus Gelsenkirchen", action="publish")
    )

    assert_refused(response)
    assert PageSnapshot.take(page) == before
