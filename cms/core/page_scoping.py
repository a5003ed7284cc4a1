"""One tenancy rule for the Wagtail admin: a user reaches only the page trees they hold
permissions on, and the rows of the municipalities they work for.

Wagtail's admin checks object permissions in most page views, but not everywhere: the
page chooser browses and searches the whole tree, its "chosen" endpoint names any page,
the workflow-cancellation modal, bulk-action confirmations and several reports answer
for any id. Rather than patching each view, every admin request that names a page (a
`page_id`-like URL argument, or `id=` in a bulk action or chooser) is checked here once
against the pages the user may explore; a page outside them is a 404, as if it did not
exist. The choosers and the explorer narrow their listings through Wagtail's hooks
(wagtail_hooks.py).
"""

from django.apps import apps
from django.db.models import QuerySet
from django.http import Http404
from wagtail.models import Page, Workflow
from wagtail.permissions import policy_registry

from .admin_scoping import MunicipalityOwnedPermissionPolicy
from .params import id_from_text

# URL arguments of Wagtail's and wagtail-localize's admin views that name a page.
PAGE_URL_ARGUMENTS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk")
# Wagtail's task chooser lists every municipality's review tasks to any admin user;
# it serves the workflow editor, which only those who may edit workflows use.
WORKFLOW_EDITOR_ONLY = {
    "task_chooser",
    "task_chooser_results",
    "task_chooser_create",
    "task_chosen",
}
# Admin views that name pages by `id=` query parameters.
PAGE_IDS_IN_QUERY = {"wagtailadmin_choose_page_chosen_multiple"}


def pages_explorable_by(user) -> QuerySet:
    """The pages of the trees the user holds page permissions on, and their ancestors
    up to the trees' common ancestor (the way Wagtail's explorer lets them navigate).

    Nothing for users without page permissions (the exchange's roles), everything for
    superusers.
    """
    if not (user.is_authenticated and user.is_active):
        return Page.objects.none()
    if user.is_superuser:
        return Page.objects.all()
    policy = policy_registry.get_by_type(Page)
    if not policy.get_cached_permissions_for_user(user):
        return Page.objects.none()
    return policy.explorable_instances(user)


def _int_ids(values) -> set[int]:
    # "²" is a digit to str.isdigit() but not to int(); ids past bigint name nothing.
    return {number for value in values if (number := id_from_text(str(value))) is not None}


def _refuse_unless_explorable(user, page_ids: set[int]) -> None:
    if not page_ids:
        return
    found = pages_explorable_by(user).filter(pk__in=page_ids).count()
    if found != len(page_ids):
        raise Http404


def _refuse_malformed_bulk_action_ids(request) -> None:
    """An id that names no row ("²", past bigint) is a 404 for everyone, superusers too:
    Wagtail's bulk action views would fail on int()."""
    named = [value for value in request.GET.getlist("id") if value != "all"]
    if request.GET.get("childOf"):
        named.append(request.GET["childOf"])
    if any(id_from_text(value) is None for value in named):
        raise Http404


def _refuse_foreign_bulk_action_ids(request, app_label: str, model_name: str) -> None:
    """Bulk actions list every id they are given by title, permitted or not."""
    if (app_label, model_name) == ("wagtailcore", "page"):
        ids = _int_ids(request.GET.getlist("id"))
        if request.GET.get("childOf"):
            ids |= _int_ids([request.GET["childOf"]])
        _refuse_unless_explorable(request.user, ids)
        return
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    policy = policy_registry.get_by_type(model, fallback=False)
    if not isinstance(policy, MunicipalityOwnedPermissionPolicy):
        return
    ids = [value for value in request.GET.getlist("id") if value != "all"]
    visible = policy.instances_user_has_any_permission_for(
        request.user, ("change", "delete", "view")
    )
    if visible.filter(pk__in=_int_ids(ids)).count() != len(set(ids)):
        raise Http404


def _refuse_foreign_row(user, view_kwargs) -> None:
    """Generic admin endpoints that name a row by model and pk (wagtail-localize's
    snippet API, its snippet translation) answer for municipality-owned rows only
    within the user's reach."""
    try:
        model = apps.get_model(view_kwargs["app_label"], view_kwargs["model_name"])
    except LookupError as error:
        raise Http404 from error
    policy = policy_registry.get_by_type(model, fallback=False)
    if not isinstance(policy, MunicipalityOwnedPermissionPolicy):
        return
    visible = policy.instances_user_has_any_permission_for(user, ("change", "view", "choose"))
    if not visible.filter(pk__in=_int_ids([view_kwargs["pk"]])).exists():
        raise Http404


class AdminTenancyMiddleware:
    """Answers 404 to admin requests that name a page or row outside the user's reach."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not request.path.startswith("/admin/"):
            return None
        if match.url_name == "wagtail_bulk_action":
            _refuse_malformed_bulk_action_ids(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_superuser:
            return None
        page_ids = _int_ids(view_kwargs[name] for name in PAGE_URL_ARGUMENTS if name in view_kwargs)
        if match.url_name in PAGE_IDS_IN_QUERY:
            page_ids |= _int_ids(request.GET.getlist("id"))
        _refuse_unless_explorable(user, page_ids)
        if match.namespace == "wagtailadmin_workflows" and match.url_name in WORKFLOW_EDITOR_ONLY:
            workflows = policy_registry.get_by_type(Workflow)
            if not workflows.user_has_any_permission(user, ("add", "change")):
                raise Http404
        if {"app_label", "model_name", "pk"} <= view_kwargs.keys():
            _refuse_foreign_row(request.user, view_kwargs)
        if match.url_name == "wagtail_bulk_action":
            _refuse_foreign_bulk_action_ids(
                request, view_kwargs["app_label"], view_kwargs["model_name"]
            )
        return None
