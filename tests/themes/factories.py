import datetime

import factory
from wagtail.models import Locale

from cms.core.models import Contact
from tests.factories import PageFactory
from themes.models import (
    DEFAULT_COLOURS,
    AccessibilityStatementPage,
    EasyLanguageIndexPage,
    SignLanguagePage,
    Theme,
)


class ThemeFactory(factory.django.DjangoModelFactory):
    """A theme with the default colours (which pass every contrast rule)."""

    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Design {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return super()._create(model_class, *args, **{**DEFAULT_COLOURS, **kwargs})


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    name = "Büro für Barrierefreiheit"
    email = "barrierefrei@quartier.invalid"
    locale = factory.LazyFunction(Locale.get_default)


class AccessibilityStatementPageFactory(PageFactory):
    class Meta:
        model = AccessibilityStatementPage

    title = "Erklärung zur Barrierefreiheit"
    slug = "barrierefreiheit"
    prepared_on = datetime.date(2026, 3, 1)
    contact = factory.SubFactory(ContactFactory)
    enforcement_text = "<p>Ombudsstelle für barrierefreie Informationstechnik.</p>"


class EasyLanguageIndexPageFactory(PageFactory):
    class Meta:
        model = EasyLanguageIndexPage

    title = "Leichte Sprache"
    slug = "leichte-sprache"
    intro = "Hier erklären wir die Internet-Seite in Leichter Sprache."


class SignLanguagePageFactory(PageFactory):
    class Meta:
        model = SignLanguagePage

    title = "Gebärdensprache"
    slug = "gebaerdensprache"
