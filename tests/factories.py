"""Factories shared by the whole test suite.

Pages are created the way Wagtail creates them: `parent.add_child(instance=...)`, then a
revision, which is published only when asked for. Places and users are plain models.
"""

import factory
from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.rich_text import RichText

from cms.core.text import german_slugify
from cms.home.models import DistrictHomePage, PortalHomePage, StandardPage
from cms.news.models import ArticlePage, NewsIndexPage
from cms.places.models import District, Municipality

TEST_PASSWORD = "quartier-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    """An active admin user without rights; pass `groups=[...]` to give it a role."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@quartier.invalid")
    first_name = factory.Sequence(lambda n: f"Vorname{n}")
    last_name = "Muster"
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kommune {n}")
    slug = factory.LazyAttribute(lambda municipality: german_slugify(municipality.name))


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Quartier {n}")
    slug = factory.LazyAttribute(lambda district: german_slugify(district.name))
    municipality = factory.SubFactory(MunicipalityFactory)


class PageFactory(factory.django.DjangoModelFactory):
    """Adds the page below `parent` and saves a first revision as `owner`.

    With `publish=True` that revision is published (by `published_by`, else `owner`);
    otherwise the page is a draft that has never been live.
    """

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Seite {n}")
    slug = factory.LazyAttribute(lambda page: german_slugify(page.title))

    @classmethod
    def _create(
        cls, model_class, *args, parent: Page, publish: bool = True, published_by=None, **kwargs
    ):
        page = model_class(*args, live=False, **kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision(user=page.owner)
        if publish:
            revision.publish(user=published_by or page.owner)
        page.refresh_from_db()
        return page


class PortalHomePageFactory(PageFactory):
    class Meta:
        model = PortalHomePage

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.LazyAttribute(lambda page: page.municipality.name)


class DistrictHomePageFactory(PageFactory):
    class Meta:
        model = DistrictHomePage

    district = factory.SubFactory(DistrictFactory)
    title = factory.LazyAttribute(lambda page: page.district.name)
    slug = factory.LazyAttribute(lambda page: page.district.slug)


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Inhaltsseite {n}")
    intro = "Wer wir sind und was wir tun."


class NewsIndexPageFactory(PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Nachrichten"
    slug = "nachrichten"


class ArticlePageFactory(PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Artikel {n}")
    intro = "Ein Nachbarschaftsfest im Quartier: wer kommt, was es gibt."
    body = factory.LazyFunction(lambda: [("text", RichText("<p>Alle sind eingeladen.</p>"))])
