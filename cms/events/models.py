"""Events (pages), their changed single occurrences, the occurrence index, external feeds.

An event is a Wagtail page below a portal's EventIndexPage, so it has revisions, the
editorial workflow and an owner: a provider with "add" on the events section edits the
events they own and nothing else, and never publishes (see cms/roles/services.py).

`EventOccurrence` is the one table every calendar query reads: one row per date of a
published event within the rolling horizon, rebuilt by `services.event_occurrences_refresh`
whenever an event is published or unpublished and by the periodic horizon task, which
also render each event's iCal text into `EventFeedEntry`.
"""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from blocks.blocks import RICH_TEXT_FEATURES
from cms.core.models import AccessibilityFeatures, BasePage
from cms.roles.enums import Role

from .enums import AttendanceMode, EventStatus, ImportResult, OccurrenceStatus, TargetGroup
from .forms import EventPageForm
from .recurrence import OccurrenceChange, RecurrenceError, occurrence_status, validate_rule


def new_event_uid() -> str:
    return f"{uuid.uuid4()}@quartier"


class EventIndexPage(BasePage):
    """A portal's calendar: month, week and list of every district's events."""

    # cms.roles lets the municipality's providers and district editors add events here
    # and own them (see cms/roles/services.py).
    role_sections = (Role.PROVIDER, Role.DISTRICT_EDITOR)

    intro = models.TextField(_("Einleitung"), max_length=600, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.PortalHomePage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("Veranstaltungskalender")
        verbose_name_plural = _("Veranstaltungskalender")

    def get_context(self, request, *args, **kwargs):
        from .calendar import calendar_context

        context = super().get_context(request, *args, **kwargs)
        context.update(calendar_context(request, calendar=self))
        return context

    def route(self, request, path_components):
        """Its children are events only: read the event (with its image) in one query,
        instead of Wagtail's page row followed by its specific row."""
        if not path_components:
            return super().route(request, path_components)
        try:
            event = (
                EventPage.objects.child_of(self)
                .select_related("image")
                .get(slug=path_components[0])
            )
        except EventPage.DoesNotExist as error:
            raise Http404 from error
        event._cached_parent_obj = self
        return event.route(request, path_components[1:])


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "events.EventPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class EventPage(AccessibilityFeatures, BasePage):
    """One event, single or recurring, at a venue, online or both.

    Times are entered in Europe/Berlin and stored aware. A recurring event keeps its
    RRULE text; cancelled and moved dates are `changes` (EXDATE / RECURRENCE-ID).
    """

    description = RichTextField(_("Beschreibung"), features=RICH_TEXT_FEATURES, blank=True)
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"))
    all_day = models.BooleanField(
        _("Ganztägig"), default=False, help_text=_("Dann zählen nur die Tage, nicht die Uhrzeit.")
    )
    recurrence_rule = models.CharField(
        _("Wiederholung (RRULE)"),
        max_length=500,
        blank=True,
        help_text=_(
            "Regel nach RFC 5545, z. B. „FREQ=WEEKLY;UNTIL=20261231“ (wöchentlich bis "
            "Jahresende) oder „FREQ=MONTHLY;BYDAY=1MO“ (jeden ersten Montag)."
        ),
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )

    attendance_mode = models.CharField(
        _("Teilnahme"),
        max_length=20,
        choices=AttendanceMode.choices,
        default=AttendanceMode.ON_SITE,
    )
    venue_name = models.CharField(_("Veranstaltungsort"), max_length=160, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=120, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=80, blank=True)
    online_url = models.URLField(
        _("Link zur Online-Teilnahme"), blank=True, validators=[URLValidator(["http", "https"])]
    )
    dial_in = models.CharField(
        _("Telefonische Einwahl"),
        max_length=200,
        blank=True,
        help_text=_("Nummer und Zugangscode für Menschen ohne Computer."),
    )

    organiser = models.ForeignKey(
        "providers.ProviderPage",
        verbose_name=_("Veranstalter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    districts = ParentalManyToManyField(
        "places.District", verbose_name=_("Quartiere"), related_name="events", blank=True
    )
    social_spaces = ParentalManyToManyField(
        "places.SocialSpace",
        verbose_name=_("Sozialräume"),
        related_name="events",
        blank=True,
        help_text=_(
            "Wo die Veranstaltung zu Hause ist, z. B. eine Kirchengemeinde oder Kita. "
            "Nur Sozialräume der gewählten Quartiere."
        ),
    )
    categories = ParentalManyToManyField(
        "providers.ServiceCategory",
        verbose_name=_("Kategorien"),
        related_name="events",
        blank=True,
    )
    tags = ClusterTaggableManager(through=EventPageTag, blank=True, verbose_name=_("Schlagwörter"))
    target_group = models.CharField(
        _("Zielgruppe"), max_length=20, choices=TargetGroup.choices, default=TargetGroup.EVERYONE
    )
    is_free = models.BooleanField(_("Kostenlos"), default=True)
    price = models.CharField(_("Preis"), max_length=120, blank=True)
    registration_required = models.BooleanField(_("Anmeldung erforderlich"), default=False)
    registration_info = models.CharField(_("Anmeldung bei"), max_length=200, blank=True)

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt_text = models.CharField(_("Alternativtext des Bilds"), max_length=250, blank=True)

    # iCal identity: stable UID, SEQUENCE raised on significant changes (see services).
    uid = models.CharField(_("iCal-UID"), max_length=255, default=new_event_uid, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    schedule_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    source_feed = models.ForeignKey(
        "events.ExternalCalendarFeed",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        editable=False,
    )
    source_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldPanel("recurrence_rule"),
                InlinePanel("changes", label=_("Geänderte oder ausfallende Termine")),
                FieldPanel("status"),
            ],
            heading=_("Termin"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance_mode"),
                FieldPanel("venue_name"),
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldPanel("online_url"),
                FieldPanel("dial_in"),
            ],
            heading=_("Ort"),
        ),
        AccessibilityFeatures.accessibility_panel(),
        FieldPanel("organiser"),
        FieldPanel("districts", widget=forms.CheckboxSelectMultiple),
        FieldPanel("social_spaces", widget=forms.CheckboxSelectMultiple),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        FieldPanel("target_group"),
        FieldRowPanel([FieldPanel("is_free"), FieldPanel("price")]),
        FieldRowPanel([FieldPanel("registration_required"), FieldPanel("registration_info")]),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt_text")], heading=_("Bild")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("description"),
        index.SearchField("venue_name"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    show_in_menus_default = False
    base_form_class = EventPageForm
    exclude_fields_in_copy = ["uid", "sequence", "schedule_fingerprint", "source_fingerprint"]

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        indexes = [models.Index(fields=["uid"], name="event_uid_idx")]

    def clean(self) -> None:
        super().clean()
        errors = {}
        try:
            self.recurrence_rule = validate_rule(self.recurrence_rule)
        except RecurrenceError as error:
            errors["recurrence_rule"] = str(error)
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("Das Ende muss nach dem Beginn liegen.")
        if self.image_id and not self.image_alt_text.strip():
            errors["image_alt_text"] = _(
                "Bitte beschreiben Sie das Bild für Menschen, die es nicht sehen können."
            )
        if self.attendance_mode != AttendanceMode.ON_SITE and not (self.online_url or self.dial_in):
            errors["online_url"] = _("Bitte nennen Sie einen Link oder eine Einwahlnummer.")
        if self.attendance_mode != AttendanceMode.ONLINE and not (self.venue_name or self.street):
            errors["venue_name"] = _("Bitte nennen Sie den Veranstaltungsort.")
        if not self.is_free and not self.price.strip():
            errors["price"] = _("Bitte nennen Sie den Preis.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_online(self) -> bool:
        return self.attendance_mode != AttendanceMode.ON_SITE

    @property
    def is_on_site(self) -> bool:
        return self.attendance_mode != AttendanceMode.ONLINE

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    def occurrence_changes(self) -> list[OccurrenceChange]:
        return [
            OccurrenceChange(
                original_start=change.original_start,
                cancelled=change.cancelled,
                new_start=change.new_start,
                new_end=change.new_end,
                cancellation_reason=change.cancellation_reason if change.cancelled else "",
            )
            for change in self.changes.all()
        ]

    def route(self, request, path_components):
        # An event of a provider whose consent is withdrawn does not exist for visitors,
        # like the provider's profile; previews by editors do not come through here.
        if not path_components and self.organiser_id:
            from cms.providers.selectors import listed_providers

            # Kept for the page's context, which shows the organiser.
            self.listed_organiser = listed_providers().filter(pk=self.organiser_id).first()
            if self.listed_organiser is None:
                raise Http404
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from .calendar import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(request, event=self))
        return context


class EventOccurrenceChange(Orderable):
    """A single date of a recurring event that is cancelled (EXDATE) or moved.

    A cancelled date stays in the calendar, marked "fällt aus" with its reason (if one
    was given): people who planned to come must learn that it does not take place.
    """

    event = ParentalKey(EventPage, related_name="changes", on_delete=models.CASCADE)
    original_start = models.DateTimeField(
        _("Ursprünglicher Beginn"), help_text=_("Der Termin der Serie, der sich ändert.")
    )
    cancelled = models.BooleanField(_("Fällt aus"), default=False)
    cancellation_reason = models.CharField(
        _("Grund für den Ausfall"),
        max_length=200,
        blank=True,
        help_text=_(
            "Freiwillig. Wird im Kalender neben „fällt aus“ gezeigt, "
            "z. B. „Die Leiterin ist krank“."
        ),
    )
    new_start = models.DateTimeField(_("Neuer Beginn"), null=True, blank=True)
    new_end = models.DateTimeField(_("Neues Ende"), null=True, blank=True)

    panels = [
        FieldPanel("original_start"),
        FieldRowPanel([FieldPanel("cancelled"), FieldPanel("cancellation_reason")]),
        FieldRowPanel([FieldPanel("new_start"), FieldPanel("new_end")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Terminänderung")
        verbose_name_plural = _("Terminänderungen")

    def clean(self) -> None:
        super().clean()
        if not self.cancelled and not self.new_start:
            raise ValidationError(
                {"new_start": _("Bitte einen neuen Beginn nennen oder „Fällt aus“ wählen.")}
            )
        if self.new_start and self.new_end and self.new_end < self.new_start:
            raise ValidationError({"new_end": _("Das Ende muss nach dem Beginn liegen.")})
        if self.cancellation_reason.strip() and not self.cancelled:
            raise ValidationError(
                {
                    "cancellation_reason": _(
                        "Einen Grund gibt es nur für einen Termin, der ausfällt. "
                        "Bitte „Fällt aus“ wählen oder den Grund löschen."
                    )
                }
            )


class EventOccurrence(models.Model):
    """One date of a published event within the horizon: what calendar queries scan.

    Cancelled dates keep their row (`is_cancelled`, with the change's reason): a
    cancelled date of a series, whether entered here or imported as EXDATE, and every
    date of a cancelled event. Cancelled is a state that every surface shows, not a
    visibility rule. `original_start` is the date in the series (for recurring events);
    a moved date has a `start` that differs from it (see `status`).

    The columns copied from the event (flags, organiser, venue) let the calendar filter
    and show entries without joining the wide event row; the district filter reads
    `EventOccurrenceDistrict`, category and tag filters look up the event's link tables
    by event id.
    """

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField()
    end = models.DateTimeField()
    all_day = models.BooleanField(default=False)
    original_start = models.DateTimeField(null=True, blank=True)
    is_cancelled = models.BooleanField(default=False)
    # Only for a single cancelled date of a series (not for a cancelled event).
    cancellation_reason = models.CharField(max_length=200, blank=True)
    is_online = models.BooleanField(default=False)
    is_on_site = models.BooleanField(default=True)
    is_free = models.BooleanField(default=True)
    is_barrier_free = models.BooleanField(default=False)
    target_group = models.CharField(max_length=20, choices=TargetGroup.choices)
    organiser = models.ForeignKey(
        "providers.ProviderPage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Shown by every calendar entry; copied so that a calendar view joins only the
    # page row (title, live) and not the wide event row.
    venue_name = models.CharField(max_length=160, blank=True)
    # The event page's `live` and tree `path`, copied so that the visibility rule
    # (live, inside the calendar, outside every view restriction: see
    # `selectors.public_occurrences`) is checked on the date's own row, without a join
    # to the page for each of the thousands of dates a month view counts. Kept in sync
    # by `services`: written with the rows, `live` cleared at once when the event is
    # unpublished, the paths rewritten when the event or a page above it moves.
    event_live = models.BooleanField(default=True)
    event_path = models.CharField(max_length=255, default="")

    class Meta:
        ordering = ["start", "pk"]
        indexes = [
            models.Index(fields=["start", "end"], name="occurrence_window_idx"),
            models.Index(fields=["event", "start"], name="occurrence_event_idx"),
            # The longest date, for the lower bound of window queries (see selectors).
            models.Index(F("end") - F("start"), name="occurrence_duration_idx"),
            # The month view's cells count and pick each day's dates from this index
            # alone (see `month._shown_rows`): in the calendar's order, with every
            # column the visibility rule and the filters on the date's row read.
            models.Index(
                fields=["start", "id"],
                include=[
                    "end",
                    "event_live",
                    "event_path",
                    "organiser",
                    "event",
                    "is_cancelled",
                    "is_online",
                    "is_on_site",
                    "is_free",
                    "is_barrier_free",
                    "target_group",
                ],
                name="occurrence_shown_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} @ {self.start:%Y-%m-%d %H:%M}"

    @property
    def status(self) -> str:
        return occurrence_status(
            is_cancelled=self.is_cancelled, start=self.start, original_start=self.original_start
        )

    @property
    def is_moved(self) -> bool:
        return self.status == OccurrenceStatus.MOVED


class EventOccurrenceDistrict(models.Model):
    """One date of the occurrence index in one of its event's districts.

    The district filter of every calendar (the API's `occurrences/`, the month view,
    the print programme, the info screen) reads this table's index on (district,
    start, occurrence): the database reads only that district's dates, already in the
    calendar's order (start, id), and stops after the page. Checking each date of all
    districts against the event's link table, as before, read and sorted four times as
    many rows. An event may have several districts, hence a row per district rather
    than a column on the occurrence.

    Written with the occurrences by `services` (the same rows, whichever path writes
    them) and deleted with them. The link to the occurrence has no database constraint
    and no cascade in Django: deleting occurrences stays one DELETE (the index is
    rebuilt in bulk), and the services delete an event's links with its dates; the
    event's own foreign key removes them when the event is deleted.
    """

    occurrence = models.ForeignKey(
        EventOccurrence,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="district_links",
    )
    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey(
        "places.District", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    # The occurrence's start, so that the index gives the calendar's order by itself.
    start = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(
                fields=["district", "start", "occurrence"], name="occurrence_district_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurrence_id} in {self.district_id}"


class EventFeedEntry(models.Model):
    """An event's VEVENTs as finished RFC 5545 text, rendered once per change.

    Building VEVENTs with icalendar costs about a millisecond each, too much to repeat
    for thousands of events on every feed request. The text (folded, CRLF line ends,
    UID, SEQUENCE, DTSTAMP, RRULE/EXDATE, one VEVENT per moved date) is rendered when
    the event is published and by the horizon task, so a feed only concatenates the
    entries of the events that `selectors.public_occurrences` lets through. Visibility
    is never stored here: it is decided by that query on every request.
    """

    event = models.OneToOneField(
        EventPage, primary_key=True, on_delete=models.CASCADE, related_name="feed_entry"
    )
    vevents = models.TextField()
    rendered_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.event_id} ({len(self.vevents)} characters)"


class ExternalCalendarFeed(models.Model):
    """An iCal feed kept elsewhere (a club's, a parish's) imported into a district.

    Trusted feeds publish directly; events from untrusted ones are submitted to the
    editorial workflow. The last run's outcome is shown in the admin listing.
    """

    name = models.CharField(_("Name"), max_length=120)
    url = models.URLField(
        _("Adresse des Kalenders"), max_length=500, validators=[URLValidator(["http", "https"])]
    )
    district = models.ForeignKey(
        "places.District",
        verbose_name=_("Quartier"),
        on_delete=models.PROTECT,
        related_name="calendar_feeds",
    )
    default_categories = models.ManyToManyField(
        "providers.ServiceCategory", verbose_name=_("Kategorien"), blank=True, related_name="+"
    )
    organiser = models.ForeignKey(
        "providers.ProviderPage",
        verbose_name=_("Veranstalter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    trusted = models.BooleanField(
        _("Vertrauenswürdig"),
        default=False,
        help_text=_("Termine direkt veröffentlichen statt sie erst prüfen zu lassen."),
    )
    is_active = models.BooleanField(_("Regelmäßig abrufen"), default=True)
    last_run_at = models.DateTimeField(_("Letzter Abruf"), null=True, blank=True, editable=False)
    last_result = models.CharField(
        _("Ergebnis"),
        max_length=20,
        choices=ImportResult.choices,
        default=ImportResult.NEVER,
        editable=False,
    )
    last_message = models.TextField(_("Meldung"), blank=True, editable=False)

    class Meta:
        verbose_name = _("Externer Kalender")
        verbose_name_plural = _("Externe Kalender")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
