"""Reads of providers. Every public surface lists providers through `listed_providers`."""

from django.db.models import (
    BooleanField,
    Exists,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.core import version_cache
from cms.core.selectors import outside_view_restrictions

from .models import ProviderConsent, ProviderPage

CARD_RENDITION = "max-240x120"


def valid_consents() -> QuerySet:
    """Consents that are neither withdrawn nor expired today."""
    today = timezone.localdate()
    return ProviderConsent.objects.filter(withdrawn_at__isnull=True).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=today)
    )


def listed_providers() -> QuerySet:
    """Profiles any visitor may see: live, public and backed by a valid consent."""
    consented = valid_consents().filter(provider=OuterRef("pk"))
    # The view restrictions are checked inside the query (no query of their own first).
    return ProviderPage.objects.live().filter(outside_view_restrictions(), Exists(consented))


class _IsAnyOf(Func):
    """`value = ANY(ARRAY(subquery))` on PostgreSQL: the subquery's rows as one array,
    read once; `value IN (subquery)` elsewhere (SQLite, the demo)."""

    arg_joiner = " IN "
    template = "%(expressions)s"
    output_field = BooleanField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            arg_joiner=" = ANY(ARRAY(",
            template="%(expressions)s))",
            **extra_context,
        )


def listed_provider_ids(request) -> tuple[int, ...]:
    """The ids of `listed_providers`, read once per content version.

    A consent given, withdrawn or changed and a profile published, unpublished or moved
    bump the version, and the version's key carries the local date, so an expiry at
    midnight is seen on the first request of the next day.
    """
    return version_cache.get_or_build(
        request,
        "providers:listed-ids",
        lambda: tuple(listed_providers().order_by("pk").values_list("pk", flat=True)),
    )


def organiser_may_show(
    organiser_field: str = "organiser", *, listed_once: bool = False, request=None
) -> Q:
    """The one organiser rule: organised by no one or by a listed provider.

    Events of a provider without a valid consent are hidden wherever events appear
    (calendar, iCal, event pages, search, the API); `organiser_field` names the
    organiser across a join, e.g. "event__organiser".

    With `listed_once`, the same condition is written `organiser = ANY(ARRAY(<listed
    providers>))` instead of `organiser IN (<listed providers>)`: the same rows, but
    PostgreSQL reads the listed providers once before the query (an InitPlan) instead
    of charging the hashed subquery's start-up cost to every row of a nested loop. That
    charge made it prefer reading a district's whole window and sorting it over
    reading the district's index in order and stopping after one page
    (`public_occurrences` with one district).

    With `request`, the listed providers' ids are read once per content version
    (`listed_provider_ids`) and the condition is a plain list of them: no subquery to
    build, compile and run with every query of a page.
    """
    if request is not None:
        listed = Q(**{f"{organiser_field}__in": listed_provider_ids(request)})
    elif listed_once:
        listed = _IsAnyOf(F(organiser_field), Subquery(listed_providers().values("pk")))
    else:
        listed = Q(**{f"{organiser_field}__in": listed_providers().values("pk")})
    return Q(**{f"{organiser_field}__isnull": True}) | Q(listed)


def unlisted_provider_ids() -> QuerySet:
    """Ids of profiles without a valid consent, to be left out of page-level surfaces."""
    consented = valid_consents().filter(provider=OuterRef("pk"))
    return ProviderPage.objects.exclude(Exists(consented)).values("pk")


def providers_for_finder(
    *,
    portals: list[Page],
    query: str = "",
    municipality=None,
    district=None,
    category=None,
    kind: str = "",
    barrier_free: bool = False,
):
    """Listed providers below the given portals, filtered as the offer finder asks.

    The portals are those of a region (or of one municipality); everything is one
    indexed path-prefix query with the filters, then optionally a German full-text
    search over the same selection.
    """
    if municipality is not None:
        portals = [portal for portal in portals if portal.municipality_id == municipality.pk]
    scope = Q(pk__in=[])
    for portal in portals:
        scope |= Q(path__startswith=portal.path)
    providers = listed_providers().filter(scope)
    if district is not None:
        providers = providers.filter(districts_served=district)
    if category is not None:
        providers = providers.filter(categories=category)
    if kind:
        providers = providers.filter(kind=kind)
    if barrier_free:
        providers = providers.filter(step_free_access=True)
    if query:
        selection = providers.values("pk")
        return _with_card_data(ProviderPage.objects.filter(pk__in=selection)).search(query)
    return _with_card_data(providers.order_by("title"))


def _with_card_data(providers: QuerySet) -> QuerySet:
    """Fetch what a directory card shows in a constant number of queries."""
    logos = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    return providers.prefetch_related(
        Prefetch("logo", queryset=logos), "categories", "districts_served"
    )


def cooperation_partners(provider: ProviderPage) -> list[ProviderPage]:
    """The listed partners of a provider, whichever of the two recorded the cooperation."""
    partner_ids = ProviderPage.objects.filter(
        Q(cooperations__partner=provider) | Q(cooperations_as_partner__provider=provider)
    ).values("pk")
    return list(
        listed_providers().filter(pk__in=partner_ids).exclude(pk=provider.pk).order_by("title")
    )
