"""/api/v1/auth/: residents sign in with e-mail, password and municipality; sign out.

Sign-in shares the lockout of every other sign-in form (cms.core.signin): the failures
of the web sign-in and of the app count together, per account and per client address.
A staff account (editors, providers, admins) never signs in here and gets the very
answer of a wrong password after the same work (one password hash), so the API tells
no one which addresses belong to staff. Memberships count per municipality, so the
token is issued for the membership of the municipality named.

A pending member may sign in and read their profile and listings; acting waits for the
municipality's approval (403 saying so). A blocked, rejected or withdrawn membership
is refused once the password was right, as on the site.
"""

from django.contrib.auth import authenticate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from cms.api.base import ApiView, ProblemSerializer
from cms.core.signin import (
    account_key,
    lockout_message,
    signin_failed,
    signin_locked,
    signin_succeeded,
)
from cms.core.view_restrictions import user_is_staff_account
from cms.places.models import Municipality
from exchange.permissions import SIGN_IN_REFUSED_STATUSES, member_for_user

from .errors import PROBLEM_MEDIA_TYPE as PROBLEM
from .me import ProfileSerializer, profile_json
from .models import ResidentToken
from .tokens import AUTH_SCHEME, ResidentApiView, password_mark


class SigninRefused(exceptions.AuthenticationFailed):
    default_detail = _("Die E-Mail-Adresse oder das Passwort stimmt nicht.")


class SigninLocked(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS

    def __init__(self, decision):
        super().__init__(lockout_message(decision))
        self.wait = max(1, decision.retry_after)


def membership_refusal(member) -> str:
    """Why this membership may not sign in (told only after a right password), or ""."""
    if member is None:
        return _(
            "Mit diesem Konto sind Sie bei der Nachbarschaftshilfe dieser Kommune nicht angemeldet."
        )
    if member.status in SIGN_IN_REFUSED_STATUSES:
        return _(
            "Mit diesem Konto können Sie sich hier nicht anmelden: Ihre Teilnahme an der "
            "Nachbarschaftshilfe ist gesperrt, abgelehnt oder beendet. Bei Fragen wenden Sie "
            "sich bitte an Ihre Kommune."
        )
    return ""


class LoginInputSerializer(serializers.Serializer):
    email = serializers.CharField(max_length=254, help_text=_("Die E-Mail-Adresse Ihres Kontos."))
    password = serializers.CharField(max_length=4096, trim_whitespace=False)
    municipality = serializers.SlugField(
        max_length=120, help_text=_("Der Kurzname der Kommune, z. B. `gelsenkirchen`.")
    )

    def validate_municipality(self, slug: str) -> Municipality:
        municipality = Municipality.objects.filter(slug=slug).first()
        if municipality is None:
            raise serializers.ValidationError(_("Diese Kommune gibt es nicht."))
        return municipality


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(
        help_text=_("Senden Sie ihn so mit: `Authorization: Token <token>`.")
    )
    expiry = serializers.DateTimeField(help_text=_("Bis dahin gilt die Anmeldung."))
    member = ProfileSerializer()


SIGNOUT_ANSWER = inline_serializer("SignoutSerializer", {"signed_out": serializers.IntegerField()})
ERRORS = {
    (400, PROBLEM): ProblemSerializer,
    (401, PROBLEM): ProblemSerializer,
    (429, PROBLEM): ProblemSerializer,
}


class Login(ApiView):
    """Sign in: a token for the membership of the named municipality."""

    def get_authenticate_header(self, request) -> str:
        return AUTH_SCHEME

    @extend_schema(
        operation_id="auth_login",
        summary=_("Anmelden"),
        description=_(
            "E-Mail-Adresse, Passwort und Kommune; die Antwort enthält den Token. Nach "
            "mehreren falschen Versuchen ist die Anmeldung eine Weile gesperrt (429), "
            "auch auf der Website."
        ),
        request=LoginInputSerializer,
        responses={200: TokenSerializer, (403, PROBLEM): ProblemSerializer, **ERRORS},
        examples=[
            OpenApiExample(
                "Anmeldung",
                value={
                    "email": "renate@example.org",
                    "password": "mein-geheimes-passwort",
                    "municipality": "gelsenkirchen",
                },
                request_only=True,
            ),
            OpenApiExample(
                "Angemeldet",
                value={
                    "token": "3f1c…(64 Zeichen)",
                    "expiry": "2027-01-01T10:00:00Z",
                    "member": {
                        "id": 12,
                        "display_name": "Renate S.",
                        "email": "renate@example.org",
                        "municipality": {"id": 1, "slug": "gelsenkirchen", "name": "Gelsenkirchen"},
                        "district": {"id": 2, "slug": "buer-ost", "name": "Buer-Ost"},
                        "kind": "person",
                        "status": "approved",
                        "status_label": "Freigegeben",
                        "is_minor": False,
                        "can_post": True,
                        "created_at": "2026-11-02T09:00:00Z",
                    },
                },
                response_only=True,
                status_codes=["200"],
            ),
            OpenApiExample(
                "Falsches Passwort",
                value={
                    "type": "about:blank",
                    "title": "Anmeldung nötig",
                    "status": 401,
                    "detail": "Die E-Mail-Adresse oder das Passwort stimmt nicht.",
                },
                response_only=True,
                status_codes=["401"],
                media_type=PROBLEM,
            ),
        ],
        auth=[],
    )
    def post(self, request):
        serializer = LoginInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        account = account_key(data["email"])
        decision = signin_locked(request, account)
        if decision.locked:
            raise SigninLocked(decision)
        user = authenticate(
            request._request, username=data["email"].strip().lower(), password=data["password"]
        )
        if user is None or user_is_staff_account(user):
            decision = signin_failed(request, account)
            if decision.locked:
                raise SigninLocked(decision)
            raise SigninRefused
        member = member_for_user(user, data["municipality"])
        refusal = membership_refusal(member)
        if refusal:
            # Counted like a failure, as the site's sign-in form counts a refused membership.
            decision = signin_failed(request, account)
            if decision.locked:
                raise SigninLocked(decision)
            raise exceptions.PermissionDenied(refusal)
        signin_succeeded(request, account)
        ResidentToken.objects.filter(user=user, expiry__lt=timezone.now()).delete()
        token, key = ResidentToken.objects.create(
            user=user, member=member, password_mark=password_mark(user)
        )
        return Response({"token": key, "expiry": token.expiry, "member": profile_json(member)})


class Logout(ResidentApiView):
    """Sign out this app: the token is deleted."""

    @extend_schema(
        operation_id="auth_logout",
        summary=_("Abmelden"),
        request=None,
        responses={200: SIGNOUT_ANSWER, **ERRORS},
    )
    def post(self, request):
        request.auth.delete()
        return Response({"signed_out": 1})


class LogoutAll(ResidentApiView):
    """Sign out everywhere: every token of the account is deleted."""

    @extend_schema(
        operation_id="auth_logout_all",
        summary=_("Überall abmelden"),
        description=_("Beendet die Anmeldung in allen Apps und auf allen Geräten."),
        request=None,
        responses={200: SIGNOUT_ANSWER, **ERRORS},
    )
    def post(self, request):
        deleted, _by_model = ResidentToken.objects.filter(user=request.user).delete()
        return Response({"signed_out": deleted})
