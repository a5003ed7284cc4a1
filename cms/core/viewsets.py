from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_scoping import ScopedViewSetMixin, municipalities_assignable_by
from .models import Contact

EDITING_ACTIONS = ("change", "delete", "view")


def contacts_editable_by(user):
    """The contacts the user may see and edit in the admin (see the Contact policy)."""
    return policy_registry.get_by_type(Contact).instances_user_has_any_permission_for(
        user, EDITING_ACTIONS
    )


def contacts_choosable_by(user):
    """The contacts the user may put on a page: their municipalities' and shared ones."""
    return policy_registry.get_by_type(Contact).instances_user_has_any_permission_for(
        user, ("choose",)
    )


class ContactForm(WagtailAdminModelForm):
    """Offers only the municipalities the user edits contacts for.

    Only platform admins may leave the municipality empty, which makes a contact
    platform-wide.
    """

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None or "municipality" not in self.fields:
            return
        allowed = municipalities_assignable_by(for_user, Contact)
        if allowed is not None:
            field = self.fields["municipality"]
            field.queryset = allowed.order_by("name")
            field.required = True
            field.empty_label = None


class ContactChooserMixin:
    """Narrows a chooser view to the contacts the user may choose."""

    def get_object_list(self):
        # The policy's queryset filters by municipality only, which the search
        # backend can apply (it cannot filter search results by id).
        return contacts_choosable_by(self.request.user)


class ContactChooseView(ContactChooserMixin, ChooseView):
    pass


class ContactChooseResultsView(ContactChooserMixin, ChooseResultsView):
    pass


class ContactChosenView(SnippetChosenView):
    def get_object(self, pk):
        return contacts_choosable_by(self.request.user).get(pk=pk)


class ContactChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return contacts_choosable_by(self.request.user).filter(pk__in=pks)


class ContactChooserViewSet(SnippetChooserViewSet):
    """The chooser of the contact card block and of the accessibility statement."""

    choose_view_class = ContactChooseView
    choose_results_view_class = ContactChooseResultsView
    chosen_view_class = ContactChosenView
    chosen_multiple_view_class = ContactChosenMultipleView


class ContactViewSet(ScopedViewSetMixin, SnippetViewSet):
    """Contacts, chosen in contact card blocks; each user sees their municipalities' only.

    Every view that takes an id answers 404 for a contact the user may not edit
    (ScopedViewSetMixin); the permission policy that decides it is registered by the
    roles app.
    """

    model = Contact
    icon = "user"
    list_display = ["name", "role", "organisation", "municipality"]
    list_filter = ["municipality"]
    # No `search_fields` here: the model's index (name, organisation) is searched as a
    # whole. Naming fields makes the SQLite backend (the demo's) query FTS columns of
    # those names, which its index table does not have ("no such column: name").
    chooser_viewset_class = ContactChooserViewSet
    edit_handler = ObjectList(Contact.panels, base_form_class=ContactForm)

    def scope_queryset(self, request, queryset):
        # Combined with the policy's own conditions (by municipality), not narrowed by
        # `pk__in`: the listing's search goes through the search backend, which can
        # apply only filters on indexed FilterFields and refuses one on the id.
        return queryset & contacts_editable_by(request.user)
