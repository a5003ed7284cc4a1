"""/api/v1/me/: the signed-in resident's own profile and listings.

Everything goes through the exchange's forms and services, as on the site: the same
lengths, plain text only, categories of the member's municipality (and only those for
minors where the member is a minor), districts and social spaces of that municipality,
review where the municipality wants it (a new or changed listing is then "pending").
Only the membership the token was issued for is reachable; another member's listing is
a 404 like an id that does not exist.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from cms.core import idempotency
from exchange import services
from exchange.enums import ListingKind, ListingStatus, ListingType, MemberKind, MemberStatus
from exchange.forms import ListingForm, MemberProfileForm
from exchange.models import Listing
from exchange.permissions import member_can_post
from exchange.services import LISTING_FIELDS

from .base import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    Cursor,
    ProblemSerializer,
    _no_nul,
    after,
    parse,
)
from .errors import PROBLEM_MEDIA_TYPE as PROBLEM
from .input import form_data, form_invalid, model_invalid
from .page_items import CategorySerializer
from .tokens import ResidentApiView

# States in which the owner may still change or close a listing.
OPEN_STATUSES = (ListingStatus.DRAFT, ListingStatus.PENDING, ListingStatus.PUBLISHED)
PROFILE_FIELDS = ("display_name", "district")
ORDERING = ("pk",)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Das ist in diesem Zustand nicht möglich.")


def listing_not_open() -> Conflict:
    return Conflict(_("Dieser Eintrag ist beendet oder entfernt und lässt sich nicht mehr ändern."))


# Shapes ---------------------------------------------------------------------------------


class PlaceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()


class ProfileSerializer(serializers.Serializer):
    """The signed-in member as they see themselves (never shown to anyone else)."""

    id = serializers.IntegerField()
    display_name = serializers.CharField()
    email = serializers.CharField(help_text=_("Nur Sie sehen diese Adresse."))
    municipality = PlaceSerializer()
    district = PlaceSerializer()
    kind = serializers.ChoiceField(choices=MemberKind.choices)
    status = serializers.ChoiceField(choices=MemberStatus.choices)
    status_label = serializers.CharField()
    is_minor = serializers.BooleanField()
    can_post = serializers.BooleanField(
        help_text=_("Ob Sie Einträge schreiben und beantworten können (nach der Freigabe).")
    )
    created_at = serializers.DateTimeField()


class ProfileInputSerializer(serializers.Serializer):
    """PATCH me/: each field optional."""

    display_name = serializers.CharField(required=False, max_length=80)
    district = serializers.IntegerField(
        required=False, help_text=_("Die Nummer eines Quartiers Ihrer Kommune.")
    )


class OwnListingSerializer(serializers.Serializer):
    """One of the member's own listings, in any state."""

    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ListingStatus.choices)
    status_label = serializers.CharField()
    kind = serializers.ChoiceField(choices=ListingKind.choices)
    listing_type = serializers.ChoiceField(choices=ListingType.choices)
    pocket_money_amount = serializers.DecimalField(
        max_digits=8, decimal_places=2, allow_null=True, coerce_to_string=True
    )
    category = CategorySerializer()
    title = serializers.CharField()
    description = serializers.CharField()
    district = serializers.IntegerField()
    locality = serializers.CharField()
    social_space = serializers.IntegerField(allow_null=True)
    valid_until = serializers.DateField()
    published_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()


class OwnListingPageSerializer(serializers.Serializer):
    results = OwnListingSerializer(many=True)
    next = serializers.URLField(allow_null=True)


class OwnListingInputSerializer(serializers.Serializer):
    """A listing's fields as the site's form takes them; on PATCH each is optional."""

    kind = serializers.ChoiceField(choices=ListingKind.choices)
    listing_type = serializers.ChoiceField(choices=ListingType.choices)
    pocket_money_amount = serializers.DecimalField(
        max_digits=8,
        decimal_places=2,
        required=False,
        allow_null=True,
        help_text=_("Nur bei Taschengeldjobs: Euro, 0,01 bis 100."),
    )
    category = serializers.IntegerField(help_text=_("Eine Kategorie Ihrer Kommune."))
    title = serializers.CharField(min_length=5, max_length=120)
    description = serializers.CharField(min_length=20)
    district = serializers.IntegerField(help_text=_("Ein Quartier Ihrer Kommune."))
    locality = serializers.CharField(required=False, max_length=80)
    social_space = serializers.IntegerField(required=False, allow_null=True)
    valid_until = serializers.DateField(help_text=_("Spätestens in einem Jahr."))


class OwnListingParameters(serializers.Serializer):
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=DEFAULT_PAGE_SIZE
    )
    cursor = serializers.CharField(required=False, max_length=500, validators=[_no_nul])


LISTING_EXAMPLE = OpenApiExample(
    "Ein Angebot",
    value={
        "kind": "offer",
        "listing_type": "neighbourly_help",
        "category": 3,
        "title": "Hilfe beim Einkaufen",
        "description": "Ich gehe dienstags zum Markt und nehme Ihren Einkaufszettel mit.",
        "district": 1,
        "locality": "Buer-Mitte",
        "valid_until": "2027-03-31",
    },
    request_only=True,
)

ERRORS = {
    (400, PROBLEM): ProblemSerializer,
    (401, PROBLEM): ProblemSerializer,
    (403, PROBLEM): ProblemSerializer,
    (429, PROBLEM): ProblemSerializer,
}
ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)


# JSON -------------------------------------------------------------------------------------


def _place(place) -> dict:
    return {"id": place.pk, "slug": place.slug, "name": place.name}


def profile_json(member) -> dict:
    return {
        "id": member.pk,
        "display_name": member.display_name,
        "email": member.user.email,
        "municipality": _place(member.municipality),
        "district": _place(member.district),
        "kind": member.kind,
        "status": member.status,
        "status_label": member.get_status_display(),
        "is_minor": member.is_minor,
        "can_post": member_can_post(member),
        "created_at": member.created_at,
    }


def own_listing_json(listing: Listing) -> dict:
    category = listing.category
    return {
        "id": listing.pk,
        "status": listing.status,
        "status_label": listing.get_status_display(),
        "kind": listing.kind,
        "listing_type": listing.listing_type,
        "pocket_money_amount": (
            None if listing.pocket_money_amount is None else f"{listing.pocket_money_amount:.2f}"
        ),
        "category": {"id": category.pk, "slug": category.slug, "name": category.name},
        "title": listing.title,
        "description": listing.description,
        "district": listing.district_id,
        "locality": listing.locality,
        "social_space": listing.social_space_id,
        "valid_until": listing.valid_until,
        "published_at": listing.published_at,
        "updated_at": listing.updated_at,
    }


def _listing_initial(listing: Listing) -> dict:
    """A listing's current values as form data, for a PATCH to change some of them."""
    return {
        "kind": listing.kind,
        "listing_type": listing.listing_type,
        "pocket_money_amount": (
            None if listing.pocket_money_amount is None else str(listing.pocket_money_amount)
        ),
        "category": str(listing.category_id),
        "title": listing.title,
        "description": listing.description,
        "district": str(listing.district_id),
        "locality": listing.locality,
        "social_space": None if listing.social_space_id is None else str(listing.social_space_id),
        "valid_until": listing.valid_until.isoformat(),
    }


# Views ------------------------------------------------------------------------------------


class MeView(ResidentApiView):
    """The signed-in member's profile."""

    @extend_schema(
        operation_id="me_detail",
        summary=_("Mein Profil"),
        responses={200: ProfileSerializer, 304: None, **ERRORS},
    )
    def get(self, request):
        return Response(profile_json(self.member))

    @extend_schema(
        operation_id="me_update",
        summary=_("Mein Profil ändern"),
        description=_("Angezeigter Name und Quartier, geprüft wie auf der Website."),
        request=ProfileInputSerializer,
        responses={200: ProfileSerializer, **ERRORS},
        examples=[
            OpenApiExample("Neuer Name", value={"display_name": "Renate S."}, request_only=True)
        ],
    )
    def patch(self, request):
        self.require_approval()
        member = self.member
        initial = {"display_name": member.display_name, "district": str(member.district_id)}
        form = MemberProfileForm(
            form_data(request.data, PROFILE_FIELDS, initial=initial),
            municipality=member.municipality,
        )
        if not form.is_valid():
            raise form_invalid(form)
        member = services.member_profile_update(member=member, **form.cleaned_data)
        return Response(profile_json(member))


def _own_listings(member):
    return Listing.objects.filter(member=member).select_related("category")


def _own_listing(member, pk: int) -> Listing:
    """One of the member's listings, or 404 (also for another member's)."""
    listing = _own_listings(member).filter(pk=pk).first() if pk < 2**63 else None
    if listing is None:
        raise Http404
    return listing


def _validated_listing_form(member, body, *, listing=None) -> ListingForm:
    initial = _listing_initial(listing) if listing is not None else None
    form = ListingForm(
        form_data(body, LISTING_FIELDS, initial=initial),
        instance=listing,
        municipality=member.municipality,
        member=member,
    )
    if not form.is_valid():
        raise form_invalid(form)
    return form


class OwnListingList(ResidentApiView):
    """The member's own listings in every state; a new one."""

    @extend_schema(
        operation_id="me_listing_list",
        summary=_("Meine Einträge"),
        parameters=[OwnListingParameters],
        responses={200: OwnListingPageSerializer, 304: None, **ERRORS},
    )
    def get(self, request):
        params = parse(OwnListingParameters, request)
        listings = _own_listings(self.member)
        if params.get("cursor"):
            values = Cursor.decode(params["cursor"], Listing, ORDERING)
            listings = listings.filter(after(ORDERING, values))
        page_size = params["page_size"]
        items = list(listings.order_by(*ORDERING)[: page_size + 1])
        more = len(items) > page_size
        items = items[:page_size]
        next_url = None
        if more:
            query = request.query_params.copy()
            query["cursor"] = Cursor.encode([items[-1].pk])
            next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        return Response({"results": [own_listing_json(item) for item in items], "next": next_url})

    @extend_schema(
        operation_id="me_listing_create",
        summary=_("Einen Eintrag schreiben"),
        description=_(
            "Geprüft wie auf der Website. Wo die Kommune jeden Eintrag prüft, ist er danach "
            "„pending“ (wartet auf Prüfung), sonst gleich veröffentlicht."
        ),
        parameters=[
            OpenApiParameter(
                idempotency.HEADER,
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description=idempotency.HEADER_DESCRIPTION,
            )
        ],
        request=OwnListingInputSerializer,
        responses={200: OwnListingSerializer, 201: OwnListingSerializer, **ERRORS},
        examples=[LISTING_EXAMPLE],
    )
    def post(self, request):
        self.require_approval()
        member = self.member
        form = _validated_listing_form(member, request.data)
        key = request.headers.get(idempotency.HEADER)
        with idempotency.Submission(request, "api.listing_create", token=key) as once:
            if once.repeated:
                # Created before with this key: that listing again, not a second one.
                first = once.first_location()
                listing = _own_listings(member).filter(pk=int(first)).first() if first else None
                if listing is None:
                    raise exceptions.ValidationError(
                        _("Dieser Eintrag wird gerade schon gespeichert.")
                    )
                return Response(own_listing_json(listing), status=status.HTTP_200_OK)
            try:
                listing = services.listing_create(member=member, data=form.cleaned_data)
            except DjangoValidationError as error:
                raise model_invalid(error) from None
            listing = _own_listings(member).get(pk=listing.pk)
            response = Response(own_listing_json(listing), status=status.HTTP_201_CREATED)
            return once.finish(response, location=str(listing.pk))


class OwnListingDetail(ResidentApiView):
    """One of the member's own listings; another member's is a 404."""

    @extend_schema(
        operation_id="me_listing_detail",
        summary=_("Einer meiner Einträge"),
        parameters=[ID],
        responses={
            200: OwnListingSerializer,
            304: None,
            (404, PROBLEM): ProblemSerializer,
            **ERRORS,
        },
    )
    def get(self, request, pk: int):
        return Response(own_listing_json(_own_listing(self.member, pk)))

    @extend_schema(
        operation_id="me_listing_update",
        summary=_("Einen meiner Einträge ändern"),
        description=_(
            "Nur die gesendeten Felder ändern sich. Wo die Kommune prüft, wartet der "
            "geänderte Eintrag wieder auf Prüfung."
        ),
        parameters=[ID],
        request=OwnListingInputSerializer(partial=True),
        responses={
            200: OwnListingSerializer,
            (404, PROBLEM): ProblemSerializer,
            (409, PROBLEM): ProblemSerializer,
            **ERRORS,
        },
        examples=[
            OpenApiExample("Länger gültig", value={"valid_until": "2027-06-30"}, request_only=True)
        ],
    )
    def patch(self, request, pk: int):
        self.require_approval()
        member = self.member
        listing = _own_listing(member, pk)
        if listing.status not in OPEN_STATUSES:
            raise listing_not_open()
        form = _validated_listing_form(member, request.data, listing=listing)
        try:
            services.listing_update(listing=listing, by=request.user, data=form.cleaned_data)
        except DjangoValidationError as error:
            raise model_invalid(error) from None
        return Response(own_listing_json(_own_listing(self.member, pk)))


class OwnListingClose(ResidentApiView):
    """End one of the member's own listings: it leaves the public lists."""

    @extend_schema(
        operation_id="me_listing_close",
        summary=_("Einen meiner Einträge beenden"),
        parameters=[ID],
        request=None,
        responses={
            200: OwnListingSerializer,
            (404, PROBLEM): ProblemSerializer,
            (409, PROBLEM): ProblemSerializer,
            **ERRORS,
        },
    )
    def post(self, request, pk: int):
        self.require_approval()
        listing = _own_listing(self.member, pk)
        if listing.status not in OPEN_STATUSES:
            raise listing_not_open()
        services.listing_close(listing=listing, by=request.user)
        return Response(own_listing_json(listing))
