"""POST /api/v1/listings/<id>/answers/: a signed-in member answers a listing.

Thin on purpose: the site's answer form checks the message and
`exchange.services.listing_respond` does the rest (today a mail through the platform,
later a conversation), so the app and the site answer alike. Only listings the member
may see in their own municipality can be answered; others are a 404.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from cms.core import idempotency
from exchange import selectors, services
from exchange.forms import ResponseForm

from .base import ProblemSerializer
from .errors import PROBLEM_MEDIA_TYPE as PROBLEM
from .input import form_data, form_invalid
from .tokens import ResidentApiView

ANSWER_FIELDS = ("message", "share_email")


class AnswerInputSerializer(serializers.Serializer):
    message = serializers.CharField(min_length=10, help_text=_("Nur Text, ohne HTML."))
    share_email = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("Ob Ihre E-Mail-Adresse weitergegeben werden darf."),
    )


class AnswerSerializer(serializers.Serializer):
    listing = serializers.IntegerField()
    detail = serializers.CharField()


class ListingAnswer(ResidentApiView):
    """Answer a listing of the member's municipality."""

    @extend_schema(
        operation_id="listing_answer",
        summary=_("Auf einen Eintrag antworten"),
        description=_(
            "Die Nachricht geht über die Plattform an die Person, die den Eintrag "
            "geschrieben hat; deren Adresse erfahren Sie nicht."
        ),
        parameters=[
            OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH),
            OpenApiParameter(
                idempotency.HEADER,
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description=idempotency.HEADER_DESCRIPTION,
            ),
        ],
        request=AnswerInputSerializer,
        responses={
            200: AnswerSerializer,
            201: AnswerSerializer,
            (400, PROBLEM): ProblemSerializer,
            (401, PROBLEM): ProblemSerializer,
            (403, PROBLEM): ProblemSerializer,
            (404, PROBLEM): ProblemSerializer,
            (429, PROBLEM): ProblemSerializer,
        },
        examples=[
            OpenApiExample(
                "Antwort",
                value={"message": "Ich kann Ihnen am Dienstag helfen.", "share_email": False},
                request_only=True,
            ),
            OpenApiExample(
                "Weitergeleitet",
                value={"listing": 42, "detail": "Ihre Nachricht wurde weitergeleitet."},
                response_only=True,
                status_codes=["201"],
            ),
        ],
    )
    def post(self, request, pk: int):
        member = self.member
        listing = (
            selectors.listings_visible_to(request.user)
            .filter(municipality=member.municipality, pk=pk)
            .select_related("member__user", "proxy_client")
            .first()
            if pk < 2**63
            else None
        )
        if listing is None:
            raise Http404
        self.require_approval()
        if listing.member_id == member.pk:
            raise exceptions.PermissionDenied(
                _("Auf Ihren eigenen Eintrag können Sie nicht antworten.")
            )
        form = ResponseForm(form_data(request.data, ANSWER_FIELDS))
        if not form.is_valid():
            raise form_invalid(form)
        body = {"listing": listing.pk, "detail": _("Ihre Nachricht wurde weitergeleitet.")}
        key = request.headers.get(idempotency.HEADER)
        with idempotency.Submission(request, f"api.answer.{listing.pk}", token=key) as once:
            if once.repeated:
                # Sent before with this key: the same answer again, nothing sent twice.
                return Response(body, status=status.HTTP_200_OK)
            services.listing_respond(
                listing=listing,
                sender=member,
                message=form.cleaned_data["message"],
                share_email=form.cleaned_data["share_email"],
            )
            return once.finish(Response(body, status=status.HTTP_201_CREATED))
