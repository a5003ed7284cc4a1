"""A profile is public only while a valid consent exists, on every public surface."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.providers.selectors import listed_providers

from .factories import ProviderConsentFactory, ProviderPageFactory

pytestmark = pytest.mark.django_db


def _public_surfaces(client, directory, profile) -> dict[str, bool]:
    """Where the profile shows up for an anonymous visitor."""
    return {
        "page": client.get(profile.url).status_code == 200,
        "directory": profile.title in client.get(directory.url).content.decode(),
        "finder_search": profile.title
        in client.get(directory.url, {"q": "Nachbarschaft"}).content.decode(),
        "site_search": profile.title
        in client.get("/suche/", {"q": "Nachbarschaft"}).content.decode(),
        "sitemap": profile.url in client.get("/sitemap.xml").content.decode(),
    }


def test_profile_with_consent_is_on_every_public_surface(client, directory):
    profile = ProviderPageFactory(parent=directory, title="Nachbarschaftstreff")
    assert all(_public_surfaces(client, directory, profile).values())


def test_withdrawn_consent_takes_the_profile_off_every_public_surface(client, directory):
    profile = ProviderPageFactory(parent=directory, title="Nachbarschaftstreff")
    consent = profile.consents.get()
    consent.withdrawn_at = timezone.now()
    consent.save()

    assert _public_surfaces(client, directory, profile) == dict.fromkeys(
        ["page", "directory", "finder_search", "site_search", "sitemap"], False
    )


def test_profile_without_any_consent_is_not_listed(client, directory):
    profile = ProviderPageFactory(parent=directory, title="Nachbarschaftstreff", consent=False)
    assert not any(_public_surfaces(client, directory, profile).values())


def test_expired_consent_no_longer_lists_the_profile(directory):
    profile = ProviderPageFactory(parent=directory, consent=False)
    ProviderConsentFactory(provider=profile, expires_on=timezone.localdate() - timedelta(days=1))
    assert not listed_providers().filter(pk=profile.pk).exists()


def test_consent_expiring_later_still_lists_the_profile(directory):
    profile = ProviderPageFactory(parent=directory, consent=False)
    ProviderConsentFactory(provider=profile, expires_on=timezone.localdate())
    assert listed_providers().filter(pk=profile.pk).exists()


def test_a_second_valid_consent_keeps_the_profile_listed_after_a_withdrawal(directory):
    profile = ProviderPageFactory(parent=directory)
    ProviderConsentFactory(provider=profile, withdrawn_at=timezone.now())
    assert listed_providers().filter(pk=profile.pk).exists()


def test_unpublished_profile_is_not_listed_despite_consent(directory):
    profile = ProviderPageFactory(parent=directory, publish=False)
    assert not listed_providers().filter(pk=profile.pk).exists()


def test_contact_details_are_shown_only_where_the_provider_chose(client, directory):
    profile = ProviderPageFactory(
        parent=directory,
        phone="0209 11 22 33",
        email="kontakt@anbieter.invalid",
        street="Hauptstraße 1",
        postcode="45879",
        city="Gelsenkirchen",
        show_phone=True,
        show_email=False,
        show_address=False,
    )
    html = client.get(profile.url).content.decode()
    assert "0209 11 22 33" in html
    assert "kontakt@anbieter.invalid" not in html
    assert "Hauptstraße 1" not in html
