"""The one view-restriction rule (cms.core.selectors.public_condition), read once per
content version and honoured on the next request after a change."""

import pytest
from wagtail.models import Page, PageViewRestriction

from cms.core.selectors import view_restricted_paths, visible_pages
from tests.committed import as_committed

pytestmark = pytest.mark.django_db


def _restrict(page) -> PageViewRestriction:
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )


def test_visible_pages_leave_out_a_restricted_section_as_wagtails_public_does(gelsenkirchen):
    _restrict(gelsenkirchen.district_homes["schalke"])
    _restrict(gelsenkirchen.district_pages["huellen"])

    ours = set(visible_pages().values_list("pk", flat=True))
    wagtails = set(Page.objects.live().public().values_list("pk", flat=True))

    assert ours == wagtails
    assert gelsenkirchen.district_pages["schalke"].pk not in ours
    assert gelsenkirchen.district_homes["huellen"].pk in ours


def test_view_restrictions_are_read_once_per_content_version(
    gelsenkirchen, rf, django_assert_max_num_queries
):
    _restrict(gelsenkirchen.district_homes["schalke"])
    as_committed()
    first = view_restricted_paths(rf.get("/"))
    with django_assert_max_num_queries(1):  # the content version, no restriction
        assert view_restricted_paths(rf.get("/")) == first
    assert first == (gelsenkirchen.district_homes["schalke"].path,)


def test_one_request_reads_the_view_restrictions_once_for_all_its_selectors(
    gelsenkirchen, rf, django_assert_num_queries
):
    as_committed()
    request = rf.get("/")
    view_restricted_paths(request)
    with django_assert_num_queries(0):
        view_restricted_paths(request)


def test_a_new_view_restriction_hides_its_section_on_the_next_request(gelsenkirchen, rf):
    page = gelsenkirchen.district_pages["schalke"]
    as_committed()
    assert visible_pages(request=rf.get("/")).filter(pk=page.pk).exists()

    _restrict(gelsenkirchen.district_homes["schalke"])
    as_committed()

    assert not visible_pages(request=rf.get("/")).filter(pk=page.pk).exists()


def test_a_removed_view_restriction_shows_its_section_on_the_next_request(gelsenkirchen, rf):
    page = gelsenkirchen.district_pages["schalke"]
    restriction = _restrict(gelsenkirchen.district_homes["schalke"])
    as_committed()
    assert not visible_pages(request=rf.get("/")).filter(pk=page.pk).exists()

    restriction.delete()
    as_committed()

    assert visible_pages(request=rf.get("/")).filter(pk=page.pk).exists()
