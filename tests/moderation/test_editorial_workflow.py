"""The editorial review: data-protection check, then approval by the editorial team.

Driven through the real admin URLs: providers create and submit articles with the page
create/edit views, reviewers act with the workflow action view (the modal's form) or
with the edit view's workflow buttons.
"""

import json

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupApprovalTask, TaskState, WorkflowState

from cms.news.models import ArticlePage
from moderation.models import DataProtectionCheckTask, DataProtectionCheckTaskState
from tests.admin_checks import assert_permission_denied, assert_refused
from tests.factories import ArticlePageFactory
from tests.page_forms import article_edit_form_data, article_form_data

CHECKLIST_CONFIRMED = {
    "people_consented": "on",
    "no_third_party_data": "on",
    "sources_and_rights_named": "on",
}
CHANGES_REQUESTED = "Bitte die Einwilligung der Eltern für das Foto der Kinder nachreichen."


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def provider_client(provider_a) -> Client:
    return _client_for(provider_a)


@pytest.fixture
def editor_client(editor) -> Client:
    return _client_for(editor)


@pytest.fixture
def schalke_news(gelsenkirchen):
    return gelsenkirchen.district_news["schalke"]


@pytest.fixture
def submitted_article(schalke_news, provider_a) -> ArticlePage:
    """Provider A's article, just submitted: waiting for the data-protection check."""
    article = ArticlePageFactory(
        parent=schalke_news, owner=provider_a, title="Sommerfest im Quartier", publish=False
    )
    article.get_workflow().start(article, provider_a)
    return ArticlePage.objects.get(pk=article.pk)


def _current_task_state(page) -> TaskState:
    return ArticlePage.objects.get(pk=page.pk).current_workflow_task_state.specific


def _workflow_action_url(page, action: str, task_state: TaskState) -> str:
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))


def _act(client, page, action: str, data: dict):
    """Send the workflow modal's form for the page's current task."""
    task_state = _current_task_state(page)
    return client.post(_workflow_action_url(page, action, task_state), data)


def _edit_view_workflow_action(client, page, action: str, extra_data: dict):
    """Press a workflow button in the page editor, as the admin's JavaScript does."""
    data = article_edit_form_data(page.get_latest_revision_as_object())
    data |= {
        "action-workflow-action": "true",
        "workflow-action-name": action,
        "workflow-action-extra-data": json.dumps(extra_data),
    }
    return client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)


def _mails_to(mailoutbox, user) -> list:
    return [message for message in mailoutbox if user.email in message.to]


# --- The whole way through -----------------------------------------------------------------


def test_provider_article_goes_live_only_after_both_review_steps(
    provider_client, editor_client, schalke_news, provider_a, mailoutbox
):
    response = provider_client.post(
        reverse("wagtailadmin_pages:add", args=("news", "articlepage", schalke_news.pk)),
        article_form_data(title="Sommerfest im Quartier", action="submit"),
    )
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="sommerfest-im-quartier")
    submitted_revision = article.latest_revision
    assert article.owner == provider_a
    assert not article.live

    check_state = _current_task_state(article)
    assert isinstance(check_state.task.specific, DataProtectionCheckTask)
    assert check_state.revision == submitted_revision

    # Step one: the data-protection check, with every checklist item confirmed.
    response = _act(editor_client, article, "approve", {"comment": "", **CHECKLIST_CONFIRMED})
    assert response.status_code == 302

    check_state = DataProtectionCheckTaskState.objects.get(pk=check_state.pk)
    assert check_state.status == TaskState.STATUS_APPROVED
    assert check_state.people_consented
    assert check_state.no_third_party_data
    assert check_state.sources_and_rights_named
    article.refresh_from_db()
    assert not article.live
    approval_state = _current_task_state(article)
    assert type(approval_state.task.specific) is GroupApprovalTask

    # Step two: the editorial team's approval publishes the submitted revision.
    response = _act(editor_client, article, "approve", {"comment": ""})
    assert response.status_code == 302

    article.refresh_from_db()
    assert article.live
    assert article.live_revision == submitted_revision
    assert article.title == "Sommerfest im Quartier"
    workflow_state = article.workflow_states.get()
    assert workflow_state.status == WorkflowState.STATUS_APPROVED
    assert TaskState.objects.get(pk=approval_state.pk).status == TaskState.STATUS_APPROVED
    assert len(_mails_to(mailoutbox, provider_a)) == 1  # "approved", to the author


def test_submission_notifies_the_data_protection_reviewers(
    provider_client, schalke_news, editor, provider_a, delbrueck_editor, mailoutbox
):
    provider_client.post(
        reverse("wagtailadmin_pages:add", args=("news", "articlepage", schalke_news.pk)),
        article_form_data(title="Lesecafe", action="submit"),
    )

    [mail] = _mails_to(mailoutbox, editor)
    assert "Lesecafe" in mail.subject
    assert "Datenschutzprüfung" in mail.body  # the task's name
    assert _mails_to(mailoutbox, provider_a) == []
    assert _mails_to(mailoutbox, delbrueck_editor) == []


def test_data_protection_approval_needs_every_checklist_item(editor_client, submitted_article):
    check_state = _current_task_state(submitted_article)

    for missing in CHECKLIST_CONFIRMED:
        incomplete = {k: v for k, v in CHECKLIST_CONFIRMED.items() if k != missing}
        _act(editor_client, submitted_article, "approve", {"comment": "", **incomplete})

    check_state = DataProtectionCheckTaskState.objects.get(pk=check_state.pk)
    assert check_state.status == TaskState.STATUS_IN_PROGRESS
    assert not (
        check_state.people_consented
        or check_state.no_third_party_data
        or check_state.sources_and_rights_named
    )
    assert _current_task_state(submitted_article).pk == check_state.pk
    assert not ArticlePage.objects.get(pk=submitted_article.pk).live


def test_incomplete_checklist_shows_the_form_again_in_the_modal(editor_client, submitted_article):
    task_state = _current_task_state(submitted_article)

    response = editor_client.post(
        _workflow_action_url(submitted_article, "approve", task_state),
        {"comment": "", "people_consented": "on"},
        headers={"x-requested-with": "XMLHttpRequest"},
    )

    assert response.status_code == 200
    assert response.json()["step"] == "action"
    assert "no_third_party_data" in response.json()["html"]
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS


def test_edit_view_approval_without_checklist_is_refused(editor_client, submitted_article):
    # The editor's workflow buttons send the modal's data as JSON; the task validates
    # it again instead of trusting it.
    task_state = _current_task_state(submitted_article)

    response = _edit_view_workflow_action(
        editor_client, submitted_article, "approve", {"comment": ""}
    )

    assert_permission_denied(response)
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS
    assert not ArticlePage.objects.get(pk=submitted_article.pk).live


def test_edit_view_approval_with_checklist_approves_the_data_protection_check(
    editor_client, submitted_article
):
    task_state = _current_task_state(submitted_article)
    checklist = dict.fromkeys(CHECKLIST_CONFIRMED, True)

    _edit_view_workflow_action(
        editor_client, submitted_article, "approve", {"comment": "", **checklist}
    )

    task_state = DataProtectionCheckTaskState.objects.get(pk=task_state.pk)
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.people_consented
    assert task_state.no_third_party_data
    assert task_state.sources_and_rights_named


def test_reviewer_edits_while_approving_require_the_check_again(editor_client, submitted_article):
    # WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT: the check approved the old revision,
    # so the edited revision starts the data-protection check afresh.
    checklist = dict.fromkeys(CHECKLIST_CONFIRMED, True)

    _edit_view_workflow_action(
        editor_client, submitted_article, "approve", {"comment": "", **checklist}
    )

    article = ArticlePage.objects.get(pk=submitted_article.pk)
    assert article.latest_revision_id != submitted_article.latest_revision_id
    task_state = _current_task_state(article)
    assert isinstance(task_state.task.specific, DataProtectionCheckTask)
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert task_state.revision_id == article.latest_revision_id
    assert not article.live


# --- Sending an article back ---------------------------------------------------------------


def test_data_protection_rejection_returns_article_to_author_with_comment(
    editor_client, submitted_article, provider_a, mailoutbox
):
    task_state = _current_task_state(submitted_article)

    response = _act(editor_client, submitted_article, "reject", {"comment": CHANGES_REQUESTED})

    assert response.status_code == 302
    task_state = TaskState.objects.get(pk=task_state.pk)
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == CHANGES_REQUESTED
    workflow_state = submitted_article.workflow_states.get()
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not ArticlePage.objects.get(pk=submitted_article.pk).live


def test_data_protection_rejection_mails_the_comment_to_the_author(
    editor_client, submitted_article, provider_a, mailoutbox
):
    _act(editor_client, submitted_article, "reject", {"comment": CHANGES_REQUESTED})

    [mail] = _mails_to(mailoutbox, provider_a)
    assert mail.to == [provider_a.email]
    assert "Sommerfest im Quartier" in mail.subject
    assert CHANGES_REQUESTED in mail.body
    edit_url = reverse("wagtailadmin_pages:edit", args=(submitted_article.pk,))
    assert f"http://testserver{edit_url}" in mail.body


def test_author_can_edit_again_after_rejection(
    editor_client, provider_client, submitted_article, provider_a
):
    _act(editor_client, submitted_article, "reject", {"comment": CHANGES_REQUESTED})
    edit_url = reverse("wagtailadmin_pages:edit", args=(submitted_article.pk,))

    response = provider_client.get(edit_url)

    assert response.status_code == 200
    assert response.context["page_locked"] is False
    article = ArticlePage.objects.get(pk=submitted_article.pk)
    lock = article.get_lock()
    assert lock is None or not lock.for_user(provider_a)

    response = provider_client.post(
        edit_url, article_edit_form_data(article, intro="Mit Einwilligung der Eltern.")
    )
    assert response.status_code == 302
    assert (
        ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object().intro
        == "Mit Einwilligung der Eltern."
    )


def test_resubmitted_article_returns_to_the_data_protection_check(
    editor_client, provider_client, submitted_article
):
    _act(editor_client, submitted_article, "reject", {"comment": CHANGES_REQUESTED})
    article = ArticlePage.objects.get(pk=submitted_article.pk)

    provider_client.post(
        reverse("wagtailadmin_pages:edit", args=(article.pk,)),
        article_edit_form_data(article, intro="Mit Einwilligung der Eltern.", action="submit"),
    )

    article = ArticlePage.objects.get(pk=article.pk)
    assert article.workflow_states.get().status == WorkflowState.STATUS_IN_PROGRESS
    task_state = _current_task_state(article)
    assert isinstance(task_state.task.specific, DataProtectionCheckTask)
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert task_state.revision == article.latest_revision
    assert not article.live


def test_rejection_without_comment_does_not_reject(
    editor_client, submitted_article, provider_a, mailoutbox
):
    task_state = _current_task_state(submitted_article)

    _act(editor_client, submitted_article, "reject", {"comment": ""})
    _act(editor_client, submitted_article, "reject", {"comment": "   "})

    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS
    workflow_state = submitted_article.workflow_states.get()
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert _mails_to(mailoutbox, provider_a) == []


def test_edit_view_rejection_without_comment_is_refused(
    editor_client, submitted_article, provider_a, mailoutbox
):
    task_state = _current_task_state(submitted_article)

    response = _edit_view_workflow_action(
        editor_client, submitted_article, "reject", {"comment": ""}
    )

    assert_permission_denied(response)
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS
    assert _mails_to(mailoutbox, provider_a) == []


# --- Who may review -----------------------------------------------------------------------


@pytest.mark.parametrize("reviewer", ["provider_a", "schalke_editor", "delbrueck_editor"])
@pytest.mark.parametrize("action", ["approve", "reject"])
def test_only_the_editorial_team_of_the_municipality_reviews(
    request, submitted_article, reviewer, action
):
    client = _client_for(request.getfixturevalue(reviewer))
    task_state = _current_task_state(submitted_article)

    response = _act(
        client, submitted_article, action, {"comment": CHANGES_REQUESTED, **CHECKLIST_CONFIRMED}
    )

    assert_refused(response)
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS
    assert not ArticlePage.objects.get(pk=submitted_article.pk).live


def test_author_cannot_change_article_while_in_review(provider_client, submitted_article):
    latest_revision_id = submitted_article.latest_revision_id
    edit_url = reverse("wagtailadmin_pages:edit", args=(submitted_article.pk,))

    response = provider_client.post(
        edit_url, article_edit_form_data(submitted_article, intro="Schnell noch geändert.")
    )

    assert response.status_code == 200  # the form again, with "locked" as the error
    assert response.context["page_locked"] is True
    article = ArticlePage.objects.get(pk=submitted_article.pk)
    assert article.latest_revision_id == latest_revision_id
    assert _current_task_state(article).revision_id == latest_revision_id


def test_editorial_team_can_publish_during_review(editor_client, submitted_article):
    editor_client.post(
        reverse("wagtailadmin_pages:edit", args=(submitted_article.pk,)),
        article_edit_form_data(submitted_article, action="publish"),
    )

    article = ArticlePage.objects.get(pk=submitted_article.pk)
    assert article.live
    # Publishing directly ends the review instead of leaving it dangling.
    assert article.workflow_states.get().status == WorkflowState.STATUS_CANCELLED


@pytest.mark.parametrize("url_name", ["edit", "view_draft", "workflow_preview"])
def test_other_provider_cannot_look_into_an_article_in_review(
    submitted_article, provider_b, url_name
):
    args = [submitted_article.pk]
    if url_name == "workflow_preview":
        args.append(_current_task_state(submitted_article).task_id)
    client = _client_for(provider_b)

    response = client.get(reverse(f"wagtailadmin_pages:{url_name}", args=args))

    assert_permission_denied(response)
