"""Admin screens for the master data (Stammdaten). Only platform admins change them."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import District, Municipality, Region, SocialSpace

# Hook: fn(user) -> QuerySet of the municipalities the user works for. The places app
# does not know the roles; the app that defines them registers it.
MUNICIPALITIES_FOR_CHOOSER_HOOK = "places_municipalities_for_chooser"


def places_choosable_by(user, model, municipality_path: str) -> QuerySet:
    """The rows of a place model a user may pick: those of the towns they work for.

    Superusers pick any; without a registered rule a user picks none.
    """
    queryset = model._default_manager.all()
    if user.is_active and user.is_superuser:
        return queryset
    municipalities = Municipality.objects.none()
    for municipalities_for_user in hooks.get_hooks(MUNICIPALITIES_FOR_CHOOSER_HOOK):
        municipalities = municipalities | municipalities_for_user(user)
    return queryset.filter(**{f"{municipality_path}__in": municipalities.values("pk")})


def places_chooser_viewset(model, municipality_path: str) -> type[SnippetChooserViewSet]:
    """A snippet chooser that lists and answers only the user's own towns' places."""

    def choosable(request):
        return places_choosable_by(request.user, model, municipality_path)

    class ScopedList:
        def get_object_list(self):
            return choosable(self.request)

    class ScopedChosen(SnippetChosenView):
        def get_object(self, pk):
            return choosable(self.request).get(pk=pk)

    class ScopedChosenMultiple(SnippetChosenMultipleView):
        def get_objects(self, pks):
            return choosable(self.request).filter(pk__in=pks)

    return type(
        f"{model.__name__}ChooserViewSet",
        (SnippetChooserViewSet,),
        {
            "__doc__": f"The chooser of {model._meta.verbose_name}, narrowed to the user's towns.",
            "choose_view_class": type("ScopedChooseView", (ScopedList, ChooseView), {}),
            "choose_results_view_class": type(
                "ScopedChooseResultsView", (ScopedList, ChooseResultsView), {}
            ),
            "chosen_view_class": ScopedChosen,
            "chosen_multiple_view_class": ScopedChosenMultiple,
        },
    )


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "globe"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "home"
    list_display = ["name", "slug", "region"]
    list_filter = ["region"]
    search_fields = ["name"]
    chooser_viewset_class = places_chooser_viewset(Municipality, "pk")


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    list_display = ["name", "slug", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name"]
    chooser_viewset_class = places_chooser_viewset(District, "municipality")

    def get_queryset(self, request):
        return District.objects.select_related("municipality")


class SocialSpaceViewSet(SnippetViewSet):
    model = SocialSpace
    icon = "group"
    list_display = ["name", "kind", "district"]
    list_filter = ["kind", "district__municipality"]
    search_fields = ["name"]
    chooser_viewset_class = places_chooser_viewset(SocialSpace, "district__municipality")

    def get_queryset(self, request):
        return SocialSpace.objects.select_related("district")


class PlacesViewSetGroup(SnippetViewSetGroup):
    """Groups the master data under one menu item."""

    items = (RegionViewSet, MunicipalityViewSet, DistrictViewSet, SocialSpaceViewSet)
    menu_icon = "site"
    menu_label = _("Stammdaten")
    menu_name = "places"
