"""The calendar's filters, shared by the calendar pages and the iCal export.

Places, categories and providers are named by slug in the URL, so that links and feed
subscriptions stay readable; the form turns them into ids for the selector.
"""

from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from cms.core import tenancy
from cms.core.params import DATE_OUT_OF_RANGE, MAX_ID, date_in_range
from cms.places.models import District
from cms.providers.models import ServiceCategory
from cms.providers.selectors import listed_providers
from cms.roles.media_forms import MunicipalityMediaPageFormMixin

from .enums import CalendarView, TargetGroup
from .recurrence_form import RecurrenceFormMixin

# "14.12.2026" as residents write it, and the ISO form that links and feeds use.
ISO_DATE_FORMAT = "%Y-%m-%d"
DATE_FORMATS = ["%d.%m.%Y", ISO_DATE_FORMAT]
MAX_RANGE = timedelta(days=2 * 366)
DATE_HELP = _("So schreiben: Tag.Monat.Jahr, zum Beispiel 14.12.2026")


def date_field(label) -> forms.DateField:
    """A date the resident may type the German way; nonsense gets a German message."""
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d.%m.%Y", attrs={"inputmode": "numeric"}),
        help_text=DATE_HELP,
        error_messages={
            "invalid": _(
                "Dieses Datum kennen wir nicht. Bitte schreiben Sie es als TT.MM.JJJJ, "
                "zum Beispiel 14.12.2026."
            )
        },
    )


@dataclass(frozen=True)
class FilterChoices:
    """The rows the filter menus offer: (pk, slug, name) of districts, categories and
    providers, ordered by name. Plain values, so that they can be cached."""

    districts: list[tuple[int, str, str]]
    categories: list[tuple[int, str, str]]
    providers: list[tuple[int, str, str]]


def filter_choices(*, districts=None, providers=None, categories=None) -> FilterChoices:
    """What the filters offer, from the given querysets (all of each kind by default)."""
    districts = districts if districts is not None else District.objects.all()
    providers = providers if providers is not None else listed_providers()
    categories = categories if categories is not None else ServiceCategory.objects.all()
    return FilterChoices(
        districts=list(districts.order_by("name").values_list("pk", "slug", "name")),
        categories=list(categories.order_by("name").values_list("pk", "slug", "name")),
        providers=list(providers.order_by("title").values_list("pk", "slug", "title")),
    )


class CalendarFilterForm(forms.Form):
    """Filters of the public calendar; every field is optional."""

    view = forms.ChoiceField(label=_("Ansicht"), choices=CalendarView.choices, required=False)
    date = date_field(_("Datum"))
    start = date_field(_("Von"))
    end = date_field(_("Bis"))
    district = forms.ChoiceField(label=_("Quartier"), required=False)
    category = forms.ChoiceField(label=_("Kategorie"), required=False)
    provider = forms.ChoiceField(label=_("Veranstalter"), required=False)
    tag = forms.SlugField(label=_("Schlagwort"), required=False, max_length=100)
    attendance = forms.ChoiceField(
        label=_("Teilnahme"),
        required=False,
        choices=[("", _("Vor Ort und online")), ("on_site", _("Vor Ort")), ("online", _("Online"))],
    )
    target_group = forms.ChoiceField(
        label=_("Zielgruppe"),
        required=False,
        choices=[("", _("Alle Zielgruppen")), *TargetGroup.choices],
    )
    free = forms.BooleanField(label=_("Nur kostenlose"), required=False)
    barrier_free = forms.BooleanField(label=_("Nur stufenlos zugänglich"), required=False)
    # Bounded by the id column (bigint): a larger number must be a 400, not a 500.
    event = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput
    )

    def __init__(
        self,
        *args,
        districts=None,
        providers=None,
        categories=None,
        choices: FilterChoices | None = None,
        iso_dates_only=False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if iso_dates_only:
            # The iCal feed's contract: `start`/`end` as YYYY-MM-DD (calendar clients and
            # the API use that form; the German one is for people typing into the page).
            for name in ("date", "start", "end"):
                self.fields[name].input_formats = [ISO_DATE_FORMAT]
        if choices is None:
            choices = filter_choices(
                districts=districts, providers=providers, categories=categories
            )
        self._district_ids = {}
        self._category_ids: dict[str, list[int]] = {}
        self._provider_ids: dict[str, list[int]] = {}
        district_choices = []
        for pk, slug, name in choices.districts:
            self._district_ids[slug] = pk
            district_choices.append((slug, name))
        category_choices = {}
        for pk, slug, name in choices.categories:
            self._category_ids.setdefault(slug, []).append(pk)
            category_choices.setdefault(slug, name)
        provider_choices = {}
        for pk, slug, title in choices.providers:
            self._provider_ids.setdefault(slug, []).append(pk)
            provider_choices.setdefault(slug, title)
        self.fields["district"].choices = [("", _("Alle Quartiere")), *district_choices]
        self.fields["category"].choices = [("", _("Alle Kategorien")), *category_choices.items()]
        self.fields["provider"].choices = [("", _("Alle Veranstalter")), *provider_choices.items()]

    def clean(self):
        cleaned = super().clean()
        for name in ("date", "start", "end"):
            day = cleaned.get(name)
            if not date_in_range(day):
                self.add_error(name, DATE_OUT_OF_RANGE)
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("Das Ende liegt vor dem Beginn."))
            elif end - start > MAX_RANGE:
                self.add_error("end", _("Der Zeitraum darf höchstens zwei Jahre umfassen."))
        return cleaned

    def has_active_filters(self) -> bool:
        """Whether the visitor narrowed the calendar (or typed something it rejected)."""
        if not self.is_bound:
            return False
        if not self.is_valid():
            return True
        ignored = {"view", "date", "event"}
        return any(value for name, value in self.cleaned_data.items() if name not in ignored)

    def filters(self):
        """The valid filters for the selector (empty ones for an invalid form)."""
        from .selectors import CalendarFilters

        data = self.cleaned_data if self.is_valid() else {}
        district = data.get("district")
        return CalendarFilters(
            district_ids=(self._district_ids[district],) if district else (),
            category_ids=tuple(self._category_ids.get(data.get("category") or "", ())),
            organiser_ids=tuple(self._provider_ids.get(data.get("provider") or "", ())),
            tag=data.get("tag") or "",
            attendance=data.get("attendance") or "",
            free_only=bool(data.get("free")),
            barrier_free_only=bool(data.get("barrier_free")),
            target_group=data.get("target_group") or "",
            event_id=data.get("event"),
        )

    def feed_params(self) -> dict[str, str]:
        """The filters as query parameters for the iCal link (dates left out)."""
        if not self.is_valid():
            return {}
        names = ("district", "category", "provider", "tag", "attendance", "target_group")
        params = {name: self.cleaned_data[name] for name in names if self.cleaned_data.get(name)}
        for flag in ("free", "barrier_free"):
            if self.cleaned_data.get(flag):
                params[flag] = "on"
        return params

    def error_text(self) -> str:
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in self.errors.items())


class EventPageForm(RecurrenceFormMixin, MunicipalityMediaPageFormMixin, WagtailAdminPageForm):
    """Choices limited to what the user may name.

    A provider may name only a profile they own as organiser, editors their portal's;
    a district editor gives events only their own district (and must give it).
    Social spaces are offered from the district editor's own districts, for everyone
    else (superusers aside) from the municipality whose calendar holds the event.
    Social spaces must lie in one of the event's districts. That is checked here rather
    than in `EventPage.clean`, because the page's many-to-many values are assigned only
    after the form has validated.
    """

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "social_spaces" in self.fields:
            field = self.fields["social_spaces"]
            field.queryset = field.queryset.select_related("district").order_by(
                "district__name", "name"
            )
            field.label_from_instance = lambda space: f"{space.name} ({space.district.name})"
        self._limit_to_calendar_municipality()
        if for_user is None or for_user.is_superuser:
            return
        from cms.providers.models import ProviderPage
        from cms.roles.enums import Role
        from cms.roles.permissions import under_portals_of

        from .permissions import event_districts_limited_to

        if "organiser" in self.fields:
            allowed = ProviderPage.objects.filter(
                under_portals_of(for_user, Role.EDITORIAL_TEAM, path_field="path")
                | Q(owner=for_user)
            )
            field = self.fields["organiser"]
            field.queryset = field.queryset.filter(pk__in=allowed.values("pk")).order_by("title")
            self._preset_own_organiser(for_user)
        own_districts = event_districts_limited_to(for_user)
        if own_districts is not None and "districts" in self.fields:
            field = self.fields["districts"]
            field.queryset = field.queryset.filter(pk__in=own_districts.values("pk"))
            field.required = True
            field.error_messages["required"] = _(
                "Bitte wählen Sie das Quartier, für das Sie die Veranstaltung eintragen."
            )
        if "social_spaces" in self.fields:
            offered = own_districts if own_districts is not None else self._calendar_districts()
            field = self.fields["social_spaces"]
            field.queryset = field.queryset.filter(district__in=offered)

    def _preset_own_organiser(self, user) -> None:
        """A provider's new event is organised by their own profile unless they say otherwise."""
        if self.instance.pk or self.is_bound or self.initial.get("organiser"):
            return
        own = self.fields["organiser"].queryset.filter(owner=user).values_list("pk", flat=True)
        first = own.first()
        if first is not None:
            self.initial["organiser"] = first

    def _calendar_portal(self):
        page = self.parent_page or (self.instance if self.instance.path else None)
        return tenancy.portal_for_page(page) if page is not None else None

    def _calendar_districts(self):
        """The districts of the municipality whose portal holds the calendar (none if none)."""
        portal = self._calendar_portal()
        return District.objects.filter(municipality_id=portal.municipality_id if portal else None)

    def _limit_to_calendar_municipality(self) -> None:
        """Districts and organisers come from the calendar's municipality, for everyone.

        An event of Gelsenkirchen's calendar filed under a Delbrück district would
        appear in the platform-wide feed under Delbrück; platform admins are held to
        this too.
        """
        portal = self._calendar_portal()
        if portal is None:
            return
        if "districts" in self.fields:
            field = self.fields["districts"]
            field.queryset = field.queryset.filter(municipality_id=portal.municipality_id)
            field.error_messages["invalid_choice"] = _(
                "Sie können nur Quartiere von %(municipality)s wählen, zu deren Kalender "
                "diese Veranstaltung gehört."
            ) % {"municipality": portal.municipality.name}
        if "organiser" in self.fields:
            field = self.fields["organiser"]
            field.queryset = field.queryset.filter(path__startswith=portal.path)
            field.error_messages["invalid_choice"] = _(
                "Als Veranstalter können Sie nur Anbieter aus %(municipality)s wählen."
            ) % {"municipality": portal.municipality.name}

    def clean(self):
        cleaned = super().clean()
        social_spaces = cleaned.get("social_spaces")
        if social_spaces:
            district_ids = {district.pk for district in cleaned.get("districts") or ()}
            outside = [
                space.name for space in social_spaces if space.district_id not in district_ids
            ]
            if outside:
                self.add_error(
                    "social_spaces",
                    _(
                        "Diese Sozialräume liegen in keinem der gewählten Quartiere: %(names)s. "
                        "Bitte wählen Sie auch ihr Quartier oder entfernen Sie sie."
                    )
                    % {"names": ", ".join(outside)},
                )
        return cleaned
