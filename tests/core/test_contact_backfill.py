"""The migration that gave contacts a municipality: from the pages that use them."""

import importlib

import pytest
from django.apps import apps
from wagtail.models import Locale, ReferenceIndex

from cms.core.models import Contact

pytestmark = pytest.mark.django_db

migration = importlib.import_module("cms.core.migrations.0002_add_contact_municipality")


def _contact(name):
    return Contact.objects.create(name=name, locale=Locale.get_default())


def _use_on(page, *contacts):
    page.body = [("contact_card", {"heading": "", "contact": contact}) for contact in contacts]
    page.save()
    ReferenceIndex.create_or_update_for_object(page)


def test_contact_used_on_one_towns_pages_gets_that_town(gelsenkirchen):
    contact = _contact("Stadtteilbüro")
    _use_on(gelsenkirchen.district_pages["schalke"], contact)

    migration.contacts_give_municipality_of_their_pages(apps, None)

    contact.refresh_from_db()
    assert contact.municipality == gelsenkirchen.municipality


def test_contact_used_by_two_towns_stays_platform_wide(gelsenkirchen, delbrueck):
    contact = _contact("Landesberatung")
    _use_on(gelsenkirchen.district_pages["schalke"], contact)
    _use_on(delbrueck.district_pages["ostenland"], contact)

    migration.contacts_give_municipality_of_their_pages(apps, None)

    contact.refresh_from_db()
    assert contact.municipality is None


def test_unused_contact_stays_platform_wide(gelsenkirchen):
    contact = _contact("Niemand")

    migration.contacts_give_municipality_of_their_pages(apps, None)

    contact.refresh_from_db()
    assert contact.municipality is None
