"""The municipality's figures of the exchange: a registry of pure query functions.

Each `Figure` names one table of figures and holds a function that takes a
municipality and the day the figures are for and returns its rows (label, count),
asking the database a fixed number of times (one query, mostly). The dashboard panel,
the report view, its charts and its CSV/XLSX export all read `FIGURES`, so a new
figure is one entry in that list. Nothing here writes, and nothing knows a request.

`pending_approvals` is not a figure but the work queue: members and listings waiting
for a municipality admin, oldest first, with how long each has waited.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import CharField, Count, DateTimeField, F, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cms.places.models import District
from moderation.models import Report, ReportState

from .conversations import confirmed_helps_q
from .enums import ListingStatus, MemberStatus
from .models import Category, Conversation, Feedback, Help, Listing, Member
from .selectors import public_listings

MONTHS_SHOWN = 12


@dataclass(frozen=True)
class FigureRow:
    """One line of a figure: what is counted and how many."""

    label: str
    value: int


@dataclass(frozen=True)
class Figure:
    """A table of figures about one municipality's exchange, drawn as a bar chart."""

    key: str
    title: str
    label_heading: str
    rows: Callable[..., list[FigureRow]]  # rows(municipality, *, today) -> [FigureRow]
    value_heading: str = _("Anzahl")


# -- the work queue --------------------------------------------------------------------


def members_awaiting_approval(municipality):
    """Members who confirmed their e-mail address and wait for the admin's decision.

    The same rule as the approval queue (exchange_members:index): before the address
    is confirmed there is nothing for the admin to decide.
    """
    return Member.objects.filter(
        municipality=municipality, status=MemberStatus.PENDING, email_confirmed_at__isnull=False
    )


def listings_awaiting_approval(municipality):
    """Listings submitted for review; they wait since their last change (the submission)."""
    return Listing.objects.filter(municipality=municipality, status=ListingStatus.PENDING)


@dataclass(frozen=True)
class PendingApproval:
    """One member or listing waiting for a municipality admin."""

    kind: str  # "member" or "listing"
    pk: int
    title: str
    waiting_since: datetime.datetime

    @property
    def review_url_name(self) -> str:
        return "exchange_members:detail" if self.kind == "member" else "exchange_listings:detail"

    @property
    def kind_label(self) -> str:
        return str(_("Mitglied")) if self.kind == "member" else str(_("Eintrag"))

    def waited(self, now: datetime.datetime) -> datetime.timedelta:
        return now - self.waiting_since


def pending_approvals(municipality, *, limit: int | None = None) -> list[PendingApproval]:
    """Members and listings waiting for approval, oldest first, in one query."""
    fields = ("queue_kind", "pk", "label", "waiting_since")
    members = (
        members_awaiting_approval(municipality)
        .annotate(
            queue_kind=Value("member", output_field=CharField()),
            label=F("display_name"),
            waiting_since=F("email_confirmed_at"),
        )
        .values_list(*fields)
    )
    listings = (
        listings_awaiting_approval(municipality)
        .annotate(
            queue_kind=Value("listing", output_field=CharField()),
            label=F("title"),
            waiting_since=Coalesce("updated_at", "created_at", output_field=DateTimeField()),
        )
        .values_list(*fields)
    )
    queue = members.union(listings, all=True).order_by("waiting_since", "queue_kind", "pk")
    if limit is not None:
        queue = queue[:limit]
    return [PendingApproval(*row) for row in queue]


# -- the figures -----------------------------------------------------------------------


def pending_counts(municipality, *, today: datetime.date) -> list[FigureRow]:
    """How many members and listings wait for approval (two counts)."""
    return [
        FigureRow(
            str(_("Mitglieder warten auf Freigabe")),
            members_awaiting_approval(municipality).count(),
        ),
        FigureRow(
            str(_("Einträge warten auf Freigabe")),
            listings_awaiting_approval(municipality).count(),
        ),
    ]


def _public_listings_of(municipality, today: datetime.date):
    return public_listings().filter(municipality=municipality, valid_until__gte=today)


def listings_by_category(municipality, *, today: datetime.date) -> list[FigureRow]:
    """Listings the public sees now, per category of the municipality (empty ones too)."""
    public = _public_listings_of(municipality, today).values("pk")
    categories = (
        Category.objects.filter(municipality=municipality)
        .annotate(count=Count("listings", filter=Q(listings__in=public)))
        .order_by("name", "pk")
        .values_list("name", "count")
    )
    return [FigureRow(name, count) for name, count in categories]


def listings_by_district(municipality, *, today: datetime.date) -> list[FigureRow]:
    """Listings the public sees now, per district of the municipality (empty ones too)."""
    public = _public_listings_of(municipality, today).values("pk")
    districts = (
        District.objects.filter(municipality=municipality)
        .annotate(count=Count("exchange_listings", filter=Q(exchange_listings__in=public)))
        .order_by("name", "pk")
        .values_list("name", "count")
    )
    return [FigureRow(name, count) for name, count in districts]


def last_months(today: datetime.date, count: int = MONTHS_SHOWN) -> list[datetime.date]:
    """The first days of the `count` months up to and including today's, oldest first."""
    year, month = today.year, today.month
    months = []
    for _step in range(count):
        months.append(datetime.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def _per_month(queryset, field: str, today: datetime.date, total=None) -> list[FigureRow]:
    """Counts (or the sum `total`) of `queryset` per month of `field` (Europe/Berlin),
    zeros filled in."""
    months = last_months(today)
    following = (months[-1].replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    start, end = (
        timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        for day in (months[0], following)
    )
    counts = dict(
        queryset.filter(**{f"{field}__gte": start, f"{field}__lt": end})
        .annotate(month=TruncMonth(field, tzinfo=timezone.get_current_timezone()))
        .order_by()
        .values("month")
        .annotate(count=total if total is not None else Count("pk"))
        .values_list("month", "count")
    )
    counts = {month.date(): count or 0 for month, count in counts.items()}
    return [FigureRow(date_format(month, "F Y"), counts.get(month, 0)) for month in months]


def new_members_per_month(municipality, *, today: datetime.date) -> list[FigureRow]:
    """Registrations per month (every state: a rejected registration was still one)."""
    return _per_month(Member.objects.filter(municipality=municipality), "created_at", today)


def new_listings_per_month(municipality, *, today: datetime.date) -> list[FigureRow]:
    """Listings written per month, drafts that were never submitted left out."""
    listings = Listing.objects.filter(municipality=municipality).exclude(status=ListingStatus.DRAFT)
    return _per_month(listings, "created_at", today)


def conversations_per_month(municipality, *, today: datetime.date) -> list[FigureRow]:
    """Conversations begun per month (each answer to a listing opens one)."""
    return _per_month(Conversation.objects.filter(municipality=municipality), "created_at", today)


def matches_per_month(municipality, *, today: datetime.date) -> list[FigureRow]:
    """Helps agreed per month: an owner accepted a helper, the listing was "vermittelt"."""
    return _per_month(Help.objects.filter(municipality=municipality), "agreed_at", today)


def _confirmed_helps(municipality):
    return Help.objects.filter(municipality=municipality).filter(confirmed_helps_q(timezone.now()))


def confirmed_helps_per_month(municipality, *, today: datetime.date) -> list[FigureRow]:
    """Confirmed helps per month of their agreement (both confirmed, or one side and
    no objection within the objection period)."""
    return _per_month(_confirmed_helps(municipality), "agreed_at", today)


def hours_per_month(municipality, *, today: datetime.date) -> list[FigureRow]:
    """Hours of time donations and pocket-money jobs in confirmed helps, per month,
    rounded to whole hours."""
    rows = _per_month(_confirmed_helps(municipality), "agreed_at", today, total=Sum("hours"))
    return [FigureRow(row.label, round(row.value)) for row in rows]


def feedback_summary(municipality, *, today: datetime.date) -> list[FigureRow]:
    """How many feedbacks gave each rating, and how many raised a safety concern (for
    the municipality's admins only: the public never sees ratings). One query."""
    stars = range(5, 0, -1)
    counts = Feedback.objects.filter(help__municipality=municipality).aggregate(
        safety=Count("pk", filter=Q(safety_concern=True)),
        **{f"rating_{star}": Count("pk", filter=Q(rating=star)) for star in stars},
    )
    rows = [
        FigureRow(str(_("%(stars)s von 5") % {"stars": star}), counts[f"rating_{star}"])
        for star in stars
    ]
    rows.append(FigureRow(str(_("Mit Sicherheitsbedenken")), counts["safety"]))
    return rows


def open_reports(municipality, *, today: datetime.date) -> list[FigureRow]:
    """Reports waiting for a moderator's decision, per kind of thing reported."""
    counts = dict(
        Report.objects.filter(municipality=municipality, state=ReportState.OPEN)
        .order_by()
        .values("content_type__model")
        .annotate(count=Count("pk"))
        .values_list("content_type__model", "count")
    )
    labels = {"listing": _("Einträge"), "member": _("Mitglieder"), "message": _("Nachrichten")}
    return [FigureRow(str(label), counts.get(model, 0)) for model, label in labels.items()]


# The registry. Figures of other parts of the exchange are added here, one entry each:
# conversations, matches ("vermittelt") and confirmed helps per month and hours donated
# (the conversations' module), open reports (moderation).
FIGURES: list[Figure] = [
    Figure("pending", _("Warten auf Freigabe"), _("Was"), pending_counts),
    Figure(
        "listings_by_category",
        _("Sichtbare Einträge nach Kategorie"),
        _("Kategorie"),
        listings_by_category,
    ),
    Figure(
        "listings_by_district",
        _("Sichtbare Einträge nach Quartier"),
        _("Quartier"),
        listings_by_district,
    ),
    Figure("new_members", _("Neue Mitglieder pro Monat"), _("Monat"), new_members_per_month),
    Figure("new_listings", _("Neue Einträge pro Monat"), _("Monat"), new_listings_per_month),
    Figure("open_reports", _("Offene Meldungen"), _("Gemeldet"), open_reports),
    Figure(
        "conversations", _("Begonnene Gespräche pro Monat"), _("Monat"), conversations_per_month
    ),
    Figure("matches", _("Vermittelte Hilfen pro Monat"), _("Monat"), matches_per_month),
    Figure(
        "confirmed_helps",
        _("Bestätigte Hilfen pro Monat"),
        _("Monat"),
        confirmed_helps_per_month,
    ),
    Figure(
        "hours",
        _("Geschenkte Stunden pro Monat"),
        _("Monat"),
        hours_per_month,
        value_heading=_("Stunden"),
    ),
    Figure("feedback", _("Rückmeldungen nach Bewertung"), _("Bewertung"), feedback_summary),
]


@dataclass(frozen=True)
class FigureTable:
    """A figure computed for one municipality: its definition and its rows."""

    figure: Figure
    rows: list[FigureRow]


def figures_for(municipality, *, today: datetime.date | None = None) -> list[FigureTable]:
    """Every registered figure for the municipality (one or two queries each)."""
    today = today or timezone.localdate()
    return [FigureTable(figure, figure.rows(municipality, today=today)) for figure in FIGURES]
