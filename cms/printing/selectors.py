"""What a week's programme lists: visible events and the new listings of the exchange.

Both go through the one visibility rule of their app (`public_occurrences`,
`public_listings`); this module only narrows them to a place and a week.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from wagtail.models import Page

from cms.events.recurrence import LOCAL_TZ
from cms.events.selectors import CalendarFilters, public_occurrences
from cms.places.models import District, SocialSpace
from exchange.selectors import listings_visible_to

from .weeks import IsoWeek


@dataclass(frozen=True)
class ProgrammeLinks:
    """The pages a programme links to, in the active language where translated."""

    portal: Page
    district_home: Page | None


def programme_links(*, portal: Page, district: District, language: str) -> ProgrammeLinks:
    """The portal and the district's home, each as its live translation in `language`
    if there is one, else the site's own page; one query.

    Events and listings are not translated per language: they always come from the
    site's tree (one calendar for all languages). Only the links follow the language.
    """
    home_of_district = Q(districthomepage__district=district, depth=portal.depth + 1)
    in_language = Q(locale__language_code=language)
    pages = Page.objects.live().filter(
        home_of_district & (Q(path__startswith=portal.path) | in_language)
        | Q(translation_key=portal.translation_key) & in_language
    )
    portal_link, home, translated_home = portal, None, None
    for page in pages:
        if page.translation_key == portal.translation_key:
            portal_link = page
        elif page.locale_id == portal.locale_id:
            home = page
        else:
            translated_home = page
    return ProgrammeLinks(portal=portal_link, district_home=translated_home or home)


def programme_occurrences(
    *, portal, week: IsoWeek, district: District, social_space: SocialSpace | None = None
) -> QuerySet:
    """The week's occurrences of the portal's events in the district (or social space),
    earliest first, with what an entry prints, in one query."""
    filters = CalendarFilters(
        district_ids=(district.pk,),
        social_space_ids=(social_space.pk,) if social_space else (),
    )
    return public_occurrences(
        window_start=week.start, window_end=week.end, filters=filters, within=portal
    ).select_related("event", "event__organiser")


def programme_listings(
    *, week: IsoWeek, district: District, social_space: SocialSpace | None = None, visitor=None
) -> QuerySet:
    """Public listings of the district (or social space) first published in the week,
    as the visitor may see them (minors: only categories for minors)."""
    listings = listings_visible_to(visitor).filter(
        district=district, published_at__gte=week.start, published_at__lt=week.end
    )
    if social_space is not None:
        listings = listings.filter(social_space=social_space)
    return listings.select_related("category", "social_space").order_by("published_at", "pk")


@dataclass(frozen=True)
class ProgrammeEntry:
    """An occurrence as the programme prints it, with the local day it ends on."""

    occurrence: object
    last_day: date


@dataclass(frozen=True)
class ProgrammeDay:
    """One day of the programme with the occurrences that begin on it (or run into it)."""

    date: date
    entries: list[ProgrammeEntry]


def programme_days(occurrences, week: IsoWeek) -> list[ProgrammeDay]:
    """Group occurrences by their first local day within the week; days without any
    are left out. A multi-day occurrence is listed once, on that first day."""
    by_day: dict[date, list[ProgrammeEntry]] = {}
    for occurrence in occurrences:
        day = max(occurrence.start.astimezone(LOCAL_TZ).date(), week.monday)
        # An end at midnight (all-day dates) belongs to the day before.
        last_day = (occurrence.end - timedelta(seconds=1)).astimezone(LOCAL_TZ).date()
        by_day.setdefault(day, []).append(ProgrammeEntry(occurrence, max(last_day, day)))
    return [ProgrammeDay(date=day, entries=items) for day, items in sorted(by_day.items())]
