"""cms.core.tenancy: the one selector for the portal of a page or a request."""

from django.test import RequestFactory
from wagtail.models import Page

from cms.core import tenancy
from cms.home.models import PortalHomePage


def test_portal_page_model_is_the_page_type_that_declares_itself_the_portal():
    assert tenancy.portal_page_model() is PortalHomePage


def test_portal_for_page_finds_the_portal_above_a_district_page(gelsenkirchen):
    page = gelsenkirchen.district_pages["schalke"]

    portal = tenancy.portal_for_page(page)

    assert portal == gelsenkirchen.portal
    assert portal.municipality == gelsenkirchen.municipality


def test_portal_for_page_of_the_portal_is_the_portal_itself(delbrueck):
    assert tenancy.portal_for_page(delbrueck.portal) == delbrueck.portal


def test_portal_for_page_outside_every_portal_is_none(db):
    assert tenancy.portal_for_page(Page.get_first_root_node()) is None


def test_portal_for_request_is_the_portal_of_the_answering_site(gelsenkirchen):
    request = RequestFactory().get("/")

    assert tenancy.portal_for_request(request) == gelsenkirchen.portal
