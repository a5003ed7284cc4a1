"""The volunteering certificate: content, PDF, verification code and the check page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from exchange import certificates, conversations, services
from exchange.enums import ListingKind, ListingType
from exchange.models import Certificate, Help

from .factories import ListingFactory, MemberFactory

pytestmark = pytest.mark.django_db

CHECK_URL = reverse("exchange:certificate_check")


@pytest.fixture
def recipient(gelsenkirchen):
    return MemberFactory(
        municipality=gelsenkirchen.municipality,
        display_name="Empfängerin Edeltraud",
        user__email="edeltraud@ex.org",
    )


def _help_given(giver, recipient, *, confirm_both=True, hours="2"):
    """A time donation `giver` offered and `recipient` took, confirmed as asked."""
    listing = ListingFactory(
        municipality=giver.municipality,
        member=giver,
        kind=ListingKind.OFFER,
        listing_type=ListingType.TIME_DONATION,
    )
    conversation = services.listing_respond(
        listing=listing, sender=recipient, message="Ja bitte.", share_email=False
    ).conversation
    help = conversations.help_accept(conversation=conversation, member=giver)
    conversations.help_confirm(help=help, member=giver, hours=hours)
    if confirm_both:
        conversations.help_confirm(help=help, member=recipient)
    help.refresh_from_db()
    return help


def test_certificate_lists_confirmed_help_given_with_hours(ge_member, recipient):
    _help_given(ge_member, recipient)
    content = certificates.certificate_content(ge_member, timezone.now())
    [row] = content["helps"]
    assert row["hours"] == "2.00"
    assert row["municipality"] == "Gelsenkirchen"
    assert content["total_hours"] == "2.00"


def test_certificate_leaves_out_unconfirmed_help(ge_member, recipient):
    _help_given(ge_member, recipient, confirm_both=False)
    assert certificates.certificate_content(ge_member, timezone.now())["helps"] == []


def test_one_sided_confirmation_counts_after_14_days(ge_member, recipient):
    help = _help_given(ge_member, recipient, confirm_both=False)
    later = help.owner_confirmed_at + timedelta(days=14)
    assert len(certificates.certificate_content(ge_member, later)["helps"]) == 1


def test_certificate_leaves_out_help_received(ge_member, recipient):
    _help_given(ge_member, recipient)
    assert certificates.certificate_content(recipient, timezone.now())["helps"] == []


def test_certificate_names_no_recipient(client, ge_member, recipient):
    _help_given(ge_member, recipient)
    client.force_login(ge_member.user)
    issued_response = client.post(reverse("exchange:certificate"))
    issued = Certificate.objects.get(member=ge_member)
    assert "Edeltraud" not in str(issued.snapshot)
    assert issued_response["Location"] == reverse("exchange:certificate_pdf", args=[issued.pk])


def test_certificate_pdf_is_a_pdf_with_the_code(client, ge_member, recipient):
    _help_given(ge_member, recipient)
    issued = certificates.certificate_issue(member=ge_member)
    client.force_login(ge_member.user)
    response = client.get(reverse("exchange:certificate_pdf", args=[issued.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_certificate_html_states_code_and_check_address(ge_member, recipient, rf):
    from django.template.loader import render_to_string

    _help_given(ge_member, recipient)
    issued = certificates.certificate_issue(member=ge_member)
    html = render_to_string(
        "exchange/certificate_pdf.html",
        {"certificate": issued, "content": issued.snapshot, "check_url": "http://x/pruefen/"},
        request=rf.get("/"),
    )
    assert issued.code in html
    assert "http://x/pruefen/" in html
    assert "Edeltraud" not in html


def test_another_members_certificate_pdf_is_404(client, gelsenkirchen, ge_member, recipient):
    _help_given(ge_member, recipient)
    issued = certificates.certificate_issue(member=ge_member)
    client.force_login(recipient.user)
    assert client.get(reverse("exchange:certificate_pdf", args=[issued.pk])).status_code == 404


def test_codes_are_random_and_long():
    codes = {certificates.code_generate() for _ in range(50)}
    assert len(codes) == 50
    assert all(len(code.replace("-", "")) == 20 for code in codes)


def test_check_page_shows_what_the_certificate_states(client, ge_member, recipient):
    _help_given(ge_member, recipient)
    issued = certificates.certificate_issue(member=ge_member)
    response = client.get(CHECK_URL, {"code": issued.code.lower().replace("-", " ")})
    content = response.content.decode()
    assert response.context["certificate"] == issued
    assert "echt" in content
    assert ge_member.display_name in content
    assert "Edeltraud" not in content
    assert ge_member.user.email not in content


def test_check_page_shows_the_snapshot_not_later_changes(client, ge_member, recipient):
    help = _help_given(ge_member, recipient)
    issued = certificates.certificate_issue(member=ge_member)
    Help.objects.filter(pk=help.pk).update(category_name="Nachträglich geändert")
    content = client.get(CHECK_URL, {"code": issued.code}).content.decode()
    assert "Nachträglich" not in content


def test_check_page_with_unknown_code_says_so(client):
    response = client.get(CHECK_URL, {"code": "AAAA-BBBB-CCCC-DDDD-EEEE"})
    assert response.status_code == 200
    assert response.context["certificate"] is None
    assert "keinen Nachweis" in response.content.decode()


def test_check_page_with_overlong_code_is_a_form_error(client):
    response = client.get(CHECK_URL, {"code": "A" * 500})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]


def test_check_page_is_rate_limited_per_client_address(client, settings):
    settings.QUARTIER_CERTIFICATE_CHECK_MAX_PER_CLIENT = 3
    for _ in range(3):
        client.get(CHECK_URL, {"code": "AAAA-BBBB-CCCC-DDDD-EEEE"})
    response = client.get(CHECK_URL, {"code": "AAAA-BBBB-CCCC-DDDD-EEEE"})
    assert response.status_code == 429
    assert response["Retry-After"]


def test_public_figure_is_the_count_of_confirmed_helps_only(ge_member, recipient):
    _help_given(ge_member, recipient)
    assert conversations.confirmed_help_count(ge_member, timezone.now()) == 1
