"""Providers edit only the profile they own, never publish; editors hand profiles over.

Provider A is tried on every admin URL that acts on provider B's profile; each gives
Wagtail's permission-denied answer and leaves the profile exactly as it was.
"""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.providers.models import ProviderConsent, ProviderPage
from tests.admin_checks import PageSnapshot, assert_permission_denied

pytestmark = pytest.mark.django_db


def profile_form_data(page: ProviderPage, *, action: str | None = None, **changes) -> dict:
    """Form data that resubmits a profile's content, with some fields changed."""
    fields = {
        "title": page.title,
        "slug": page.slug,
        "kind": page.kind,
        "description": rich_text(page.description),
        "categories": [c.pk for c in page.categories.all()],
        "districts_served": [d.pk for d in page.districts_served.all()],
        "tags": "",
        "services": inline_formset([]),
        "opening_hours": inline_formset([]),
        "gallery_images": inline_formset([]),
        "cooperations": inline_formset([]),
        "street": "",
        "postcode": "",
        "city": "",
        "phone": "",
        "email": "",
        "website": "",
        "logo": "",
        "logo_alt_text": "",
        "accessibility_notes": "",
        "seo_title": "",
        "search_description": "",
        "listing_summary": "",
        "go_live_at": "",
        "expire_at": "",
        **changes,
    }
    # Multiple-choice fields go to the client as lists, not through nested_form_data.
    choices = {name: fields.pop(name) for name in ("categories", "districts_served")}
    data = {**nested_form_data(fields), **choices}
    if action:
        data[f"action-{action}"] = action
    return data


def _page_url(name, page, *extra):
    return reverse(f"wagtailadmin_pages:{name}", args=(page.pk, *extra))


def _forbidden_requests(profile, gelsenkirchen):
    """(method, url, data) of every admin request provider A might try on B's profile."""
    hijack = profile_form_data(profile, title="Übernommen")
    destination = gelsenkirchen.district_news["schalke"].pk
    revision = profile.latest_revision_id

    def bulk(action):
        url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action))
        return f"{url}?id={profile.pk}"

    return {
        "edit-get": ("get", _page_url("edit", profile), None),
        "edit-save": ("post", _page_url("edit", profile), hijack),
        "edit-publish": ("post", _page_url("edit", profile), {**hijack, "action-publish": "1"}),
        "edit-submit": ("post", _page_url("edit", profile), {**hijack, "action-submit": "1"}),
        "preview": ("post", _page_url("preview_on_edit", profile), hijack),
        "view-draft": ("get", _page_url("view_draft", profile), None),
        "history": ("get", _page_url("history", profile), None),
        "revision-view": ("get", _page_url("revisions_view", profile, revision), None),
        "revision-compare": (
            "get",
            _page_url("revisions_compare", profile, "earliest", "latest"),
            None,
        ),
        "revision-revert": ("post", _page_url("revisions_revert", profile, revision), hijack),
        "workflow-history": ("get", _page_url("workflow_history", profile), None),
        "copy": (
            "post",
            _page_url("copy", profile),
            {"new_title": "Kopie", "new_slug": "kopie", "new_parent_page": destination},
        ),
        "move": ("get", _page_url("move", profile), None),
        "move-confirm": ("post", _page_url("move_confirm", profile, destination), None),
        "delete": ("post", _page_url("delete", profile), None),
        "unpublish": ("post", _page_url("unpublish", profile), None),
        "lock": ("post", _page_url("lock", profile), None),
        "privacy": ("post", _page_url("set_privacy", profile), {"restriction_type": "login"}),
        "translate": (
            "post",
            reverse("wagtail_localize:submit_page_translation", args=(profile.pk,)),
            {"locales": []},
        ),
        "hand-over": (
            "post",
            reverse("providers_hand_over", args=(profile.pk,)),
            {"owner": profile.owner_id},
        ),
        "bulk-delete": ("post", bulk("delete"), {}),
        "bulk-unpublish": ("post", bulk("unpublish"), {}),
        "bulk-move": (
            "post",
            bulk("move"),
            {"chooser": destination},
        ),
    }


REQUEST_NAMES = [
    "edit-get", "edit-save", "edit-publish", "edit-submit", "preview", "view-draft",
    "history", "revision-view", "revision-compare", "revision-revert", "workflow-history",
    "copy", "move", "move-confirm", "delete", "unpublish", "lock", "privacy", "translate",
    "hand-over", "bulk-delete", "bulk-unpublish", "bulk-move",
]  # fmt: skip


@pytest.mark.parametrize("name", REQUEST_NAMES)
def test_provider_cannot_touch_another_providers_profile(
    client, gelsenkirchen, provider_a, profile_of_a, profile_of_b, name
):
    method, url, data = _forbidden_requests(profile_of_b, gelsenkirchen)[name]
    before = PageSnapshot.take(profile_of_b)
    logs_before = PageLogEntry.objects.filter(page=profile_of_b).count()
    client.force_login(provider_a)

    response = client.get(url) if method == "get" else client.post(url, data or {})

    if name.startswith("bulk-"):
        assert response.status_code in (200, 302)
    elif name in ("translate", "hand-over") and response.status_code == 403:
        pass  # plain Django views answer PermissionDenied with a bare 403
    else:
        assert_permission_denied(response)
    assert PageSnapshot.take(profile_of_b) == before
    assert PageLogEntry.objects.filter(page=profile_of_b).count() == logs_before
    assert not WorkflowState.objects.filter(object_id=str(profile_of_b.pk)).exists()


def test_provider_edits_own_profile_and_submits_it_for_review(
    client, provider_a, profile_of_a, category
):
    client.force_login(provider_a)
    live_revision = profile_of_a.live_revision_id
    data = profile_form_data(
        profile_of_a,
        listing_summary="Neu: auch samstags",
        categories=[category.pk],
        action="submit",
    )

    response = client.post(_page_url("edit", profile_of_a), data)

    assert response.status_code == 302
    profile_of_a.refresh_from_db()
    assert profile_of_a.live_revision_id == live_revision
    assert profile_of_a.get_latest_revision_as_object().listing_summary == "Neu: auch samstags"
    assert profile_of_a.workflow_in_progress


def test_provider_cannot_publish_own_profile(client, provider_a, profile_of_a, category):
    client.force_login(provider_a)
    live_revision = profile_of_a.live_revision_id
    data = profile_form_data(
        profile_of_a, listing_summary="Sofort live?", categories=[category.pk], action="publish"
    )

    client.post(_page_url("edit", profile_of_a), data)

    profile_of_a.refresh_from_db()
    assert profile_of_a.live_revision_id == live_revision
    assert ProviderPage.objects.get(pk=profile_of_a.pk).listing_summary != "Sofort live?"


def test_provider_cannot_create_a_new_profile(client, directory, provider_a):
    client.force_login(provider_a)
    url = reverse("wagtailadmin_pages:add", args=("providers", "providerpage", directory.pk))
    assert_permission_denied(client.get(url))
    assert not ProviderPage.objects.child_of(directory).exists()


def test_provider_cannot_see_consent_records(client, provider_a, profile_of_a):
    client.force_login(provider_a)
    consent = profile_of_a.consents.get()
    assert_permission_denied(client.get(reverse("provider_consents:index")))
    assert_permission_denied(client.get(reverse("provider_consents:edit", args=(consent.pk,))))


def test_editor_hands_a_profile_over_to_a_provider(client, editor, provider_a, directory):
    from .factories import ProviderPageFactory

    profile = ProviderPageFactory(parent=directory, title="Von der Redaktion", owner=editor)
    client.force_login(editor)

    response = client.post(
        reverse("providers_hand_over", args=(profile.pk,)), {"owner": provider_a.pk}
    )

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.owner == provider_a
    assert PageLogEntry.objects.filter(page=profile, action="providers.hand_over").exists()
    assert profile.permissions_for_user(provider_a).can_edit()
    assert not profile.permissions_for_user(provider_a).can_publish()


def test_profile_cannot_be_handed_to_a_provider_of_another_municipality(
    client, editor, delbrueck_provider, directory
):
    from .factories import ProviderPageFactory

    profile = ProviderPageFactory(parent=directory, title="Von der Redaktion", owner=editor)
    client.force_login(editor)

    response = client.post(
        reverse("providers_hand_over", args=(profile.pk,)), {"owner": delbrueck_provider.pk}
    )

    assert response.status_code == 200
    profile.refresh_from_db()
    assert profile.owner == editor


def test_editor_of_another_municipality_gets_404_for_foreign_consents(
    client, delbrueck_editor, profile_of_a
):
    consent = profile_of_a.consents.get()
    client.force_login(delbrueck_editor)
    for name in ("edit", "delete"):
        response = client.get(reverse(f"provider_consents:{name}", args=(consent.pk,)))
        assert response.status_code == 404
    response = client.post(reverse("provider_consents:delete", args=(consent.pk,)), {})
    assert response.status_code == 404
    assert ProviderConsent.objects.filter(pk=consent.pk).exists()
    index = client.get(reverse("provider_consents:index"))
    assert profile_of_a.title not in index.content.decode()


def test_editor_withdraws_a_consent_and_the_profile_disappears(client, editor, profile_of_a):
    consent = profile_of_a.consents.get()
    client.force_login(editor)
    response = client.post(
        reverse("provider_consents:edit", args=(consent.pk,)),
        {
            "provider": profile_of_a.pk,
            "given_by": consent.given_by,
            "given_at": consent.given_at.strftime("%Y-%m-%dT%H:%M"),
            "text_version": consent.text_version,
            "method": consent.method,
            "signed_form": "",
            "expires_on": "",
            "withdrawn_at": "2026-11-20 10:00",
        },
    )
    assert response.status_code == 302
    client.logout()
    assert client.get(profile_of_a.url).status_code == 404


def test_dashboard_shows_consents_that_expire_soon(client, editor, profile_of_a):
    from datetime import timedelta

    from django.utils import timezone

    consent = profile_of_a.consents.get()
    consent.expires_on = timezone.localdate() + timedelta(days=10)
    consent.save()
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Einwilligungen, die in den nächsten 30 Tagen ablaufen" in html
    assert profile_of_a.title in html
