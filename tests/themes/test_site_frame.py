"""The `site_frame` tag builds one frame per page and language of a request."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

pytestmark = pytest.mark.django_db

TEMPLATE = Template(
    "{% load site_tags %}{% site_frame as first %}{{ first.page.pk }} "
    "{% with page=other %}{% site_frame as second %}{{ second.page.pk }} {% endwith %}"
    "{% site_frame as again %}{% if first is again %}same{% endif %}"
)


def _render(page, other) -> list[str]:
    request = RequestFactory().get("/")
    return TEMPLATE.render(Context({"request": request, "page": page, "other": other})).split()


def test_frame_asked_for_another_page_is_that_pages_frame(gelsenkirchen):
    schalke, huellen = (gelsenkirchen.district_homes[slug] for slug in ("schalke", "huellen"))
    assert _render(schalke, huellen)[:2] == [str(schalke.pk), str(huellen.pk)]


def test_frame_of_the_same_page_is_built_once(gelsenkirchen):
    schalke, huellen = (gelsenkirchen.district_homes[slug] for slug in ("schalke", "huellen"))
    assert _render(schalke, huellen)[2] == "same"
