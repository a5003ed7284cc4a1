"""Wagtail's bulk actions, narrowed to what the user may see.

Their confirmation screens list every selected object by title, including those the
user has no permission for ("select all" selects every row of the model, or every
child of the page). Objects outside the user's reach are left out here entirely;
AdminTenancyMiddleware already answers 404 when such an id is named explicitly.
"""

from wagtail.admin.views.pages import bulk_actions as page_bulk_actions
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction as SnippetDeleteBulkAction

from .page_scoping import pages_explorable_by
from .params import id_from_text

VISIBLE_ACTIONS = ("change", "delete", "view")


class VisibleObjectsOnlyMixin:
    """Drops the objects the user may not even see from a bulk action's selection."""

    def visible_pks(self) -> set:
        raise NotImplementedError

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        visible = self.visible_pks()
        objects = [obj for obj in objects if obj.pk in visible]
        extra["items_with_no_access"] = [
            obj for obj in extra["items_with_no_access"] if obj.pk in visible
        ]
        return objects, extra


class PageVisibleObjectsOnlyMixin(VisibleObjectsOnlyMixin):
    def visible_pks(self) -> set:
        selected = {
            number
            for pk in self.request.GET.getlist("id")
            if (number := id_from_text(pk)) is not None
        }
        explorable = pages_explorable_by(self.request.user)
        if selected:
            explorable = explorable.filter(pk__in=selected)
        return set(explorable.values_list("pk", flat=True))


class ScopedPageDeleteBulkAction(PageVisibleObjectsOnlyMixin, page_bulk_actions.DeleteBulkAction):
    pass


class ScopedPageMoveBulkAction(PageVisibleObjectsOnlyMixin, page_bulk_actions.MoveBulkAction):
    pass


class ScopedPagePublishBulkAction(PageVisibleObjectsOnlyMixin, page_bulk_actions.PublishBulkAction):
    pass


class ScopedPageUnpublishBulkAction(
    PageVisibleObjectsOnlyMixin, page_bulk_actions.UnpublishBulkAction
):
    pass


class ScopedSnippetDeleteBulkAction(VisibleObjectsOnlyMixin, SnippetDeleteBulkAction):
    def visible_pks(self) -> set:
        visible = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, VISIBLE_ACTIONS
        )
        return set(visible.values_list("pk", flat=True))


SCOPED_BULK_ACTIONS = (
    ScopedPageDeleteBulkAction,
    ScopedPageMoveBulkAction,
    ScopedPagePublishBulkAction,
    ScopedPageUnpublishBulkAction,
    ScopedSnippetDeleteBulkAction,
)
