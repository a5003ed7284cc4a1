"""Bounded cost of PDFs (cms.core.pdf_limits): public PDFs are cached under the content
version and rendered anew when it changes; rendering is limited per client (5 per
window here) with a German 429 page."""

import pytest
from django.urls import reverse

from cms.core import content_version
from cms.core.pdf_limits import CACHE_HEADER
from exchange import certificates
from tests.committed import as_committed
from tests.exchange.factories import ListingFactory, MemberFactory

from .test_programme import WEEK, _url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _five_pdfs_per_client(settings):
    settings.QUARTIER_PDF_MAX_PER_CLIENT = 5


def test_second_anonymous_request_for_a_programme_pdf_comes_from_the_cache(
    client, calendar, schalke, django_assert_max_num_queries
):
    as_committed()
    url = _url(schalke, pdf=True, woche=WEEK)
    first = client.get(url)
    # The content version, nothing else.
    with django_assert_max_num_queries(1):
        second = client.get(url)
    assert first[CACHE_HEADER] == "miss"
    assert second[CACHE_HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == "application/pdf"
    assert second["Content-Disposition"] == first["Content-Disposition"]


def test_programme_pdf_is_rendered_anew_when_the_content_changes(client, calendar, schalke):
    as_committed()
    url = _url(schalke, pdf=True, woche=WEEK)
    client.get(url)
    content_version.bump()
    as_committed()
    assert client.get(url)[CACHE_HEADER] == "miss"


def test_other_week_or_large_print_is_another_cached_pdf(client, calendar, schalke):
    as_committed()
    client.get(_url(schalke, pdf=True, woche=WEEK))
    assert client.get(_url(schalke, pdf=True, woche=WEEK, gross=1))[CACHE_HEADER] == "miss"
    assert client.get(_url(schalke, pdf=True, woche="2026-W12"))[CACHE_HEADER] == "miss"


def test_signed_in_visitors_get_no_cached_pdf(client, gelsenkirchen, calendar, schalke):
    as_committed()
    url = _url(schalke, pdf=True, woche=WEEK)
    client.get(url)
    client.force_login(MemberFactory(municipality=gelsenkirchen.municipality).user)
    assert CACHE_HEADER not in client.get(url)


def test_a_client_rendering_pdfs_past_the_limit_gets_429_in_german(client, calendar, schalke):
    as_committed()
    weeks = [f"2026-W{number:02d}" for number in range(10, 16)]
    answers = [client.get(_url(schalke, pdf=True, woche=week)) for week in weeks]
    assert [answer.status_code for answer in answers] == [200] * 5 + [429]
    assert answers[-1]["Retry-After"]
    assert "PDF" in answers[-1].content.decode()


def test_cached_pdfs_are_served_past_the_limit(client, calendar, schalke):
    as_committed()
    url = _url(schalke, pdf=True, woche=WEEK)
    client.get(url)
    for number in range(20, 24):
        client.get(_url(schalke, pdf=True, woche=f"2026-W{number}"))
    assert client.get(_url(schalke, pdf=True, woche="2026-W30")).status_code == 429
    assert client.get(url).status_code == 200


def test_limit_counts_per_client_address(client, calendar, schalke):
    as_committed()
    for number in range(20, 25):
        client.get(_url(schalke, pdf=True, woche=f"2026-W{number}"))
    other = client.get(_url(schalke, pdf=True, woche="2026-W30"), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_listing_notice_pdf_is_cached(client, gelsenkirchen):
    as_committed()
    listing = ListingFactory(municipality=gelsenkirchen.municipality)
    as_committed()
    url = reverse("exchange:listing_notice_pdf", args=[listing.pk])
    assert client.get(url)[CACHE_HEADER] == "miss"
    assert client.get(url)[CACHE_HEADER] == "hit"


def test_certificate_pdf_is_limited_and_never_cached(client, gelsenkirchen):
    as_committed()
    ge_member = MemberFactory(municipality=gelsenkirchen.municipality)
    issued = certificates.certificate_issue(member=ge_member)
    client.force_login(ge_member.user)
    url = reverse("exchange:certificate_pdf", args=[issued.pk])
    answers = [client.get(url) for _ in range(6)]
    assert [answer.status_code for answer in answers] == [200] * 5 + [429]
    assert all(CACHE_HEADER not in answer for answer in answers)
