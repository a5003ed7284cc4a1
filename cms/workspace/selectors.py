"""Reads for the start page of providers and district editors.

Everything here goes through the user's own page permissions and page ownership, so it
can only ever list what Wagtail would let that user open.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast
from wagtail.models import Locale, Page, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.events.models import EventIndexPage
from cms.news.models import NewsIndexPage
from cms.providers.models import ProviderPage
from cms.roles.enums import Role

CONTRIBUTOR_ROLES = (Role.PROVIDER, Role.DISTRICT_EDITOR)
# Who gets Wagtail's full dashboard even when also holding a contributor role.
EDITORIAL_ROLES = (Role.EDITORIAL_TEAM, Role.MUNICIPALITY_ADMIN)
SUBMISSIONS_SHOWN = 25


def is_contributor(user) -> bool:
    """A provider or district editor who is not also an editor or an administrator."""
    if not user.is_authenticated or user.is_superuser:
        return False
    return (
        user.groups.filter(role__role__in=CONTRIBUTOR_ROLES).exists()
        and not user.groups.filter(role__role__in=EDITORIAL_ROLES).exists()
    )


def own_profiles(user) -> QuerySet:
    """The provider profiles handed over to the user (see providers.views.hand_over)."""
    return ProviderPage.objects.filter(owner=user).order_by("title")


def _addable(user, model) -> QuerySet:
    addable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["add"])
    return model.objects.filter(pk__in=addable.values("pk"), locale=Locale.get_default()).order_by(
        "path"
    )


def calendars_to_add_to(user) -> QuerySet:
    return _addable(user, EventIndexPage)


def news_indexes_to_add_to(user) -> QuerySet:
    return _addable(user, NewsIndexPage)


def submissions(user) -> QuerySet:
    """The user's own pages, newest change first, with their latest workflow state."""
    latest_state = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    ).order_by("-created_at")
    return (
        Page.objects.filter(owner=user)
        .exclude(depth__lte=2)
        .annotate(
            workflow_status=Subquery(latest_state.values("status")[:1]),
            workflow_task=Subquery(latest_state.values("current_task_state__task__name")[:1]),
        )
        .select_related("content_type")
        .order_by("-latest_revision_created_at", "-pk")[:SUBMISSIONS_SHOWN]
    )
