"""Factories for provider profiles, consents and categories."""

from datetime import timedelta

import factory
from django.utils import timezone
from wagtail.models import Locale

from cms.providers.enums import ConsentMethod
from cms.providers.models import ProviderConsent, ProviderIndexPage, ProviderPage, ServiceCategory
from tests.factories import PageFactory


class ServiceCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceCategory
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Kategorie {n}")
    slug = factory.Sequence(lambda n: f"kategorie-{n}")
    locale = factory.LazyFunction(Locale.get_default)


class ProviderIndexPageFactory(PageFactory):
    class Meta:
        model = ProviderIndexPage

    title = "Anbieter und Angebote"
    slug = "anbieter"


class ProviderPageFactory(PageFactory):
    """A published provider profile; pass `consent=False` to leave it without consent."""

    class Meta:
        model = ProviderPage

    title = factory.Sequence(lambda n: f"Anbieter {n}")
    kind = "volunteer"
    description = "<p>Wir helfen in der Nachbarschaft.</p>"

    @classmethod
    def _create(cls, model_class, *args, consent: bool = True, **kwargs):
        page = super()._create(model_class, *args, **kwargs)
        if consent:
            ProviderConsentFactory(provider=page)
        return page


class ProviderConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProviderConsent

    provider = None
    given_by = "Erika Mustermann"
    given_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))
    text_version = "2026-01"
    method = ConsentMethod.ONLINE
