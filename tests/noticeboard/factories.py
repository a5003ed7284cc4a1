"""Factories of the info box and the sponsors; pass `municipality`."""

import factory

from cms.noticeboard.models import InfoBox, InfoBoxLink, Sponsor


class InfoBoxFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InfoBox

    title = factory.Sequence(lambda n: f"Aushang {n}")
    text = "Die Sprechstunde im Quartiersbüro ist dienstags von 10 bis 12 Uhr."


class InfoBoxLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InfoBoxLink

    label = factory.Sequence(lambda n: f"Mehr erfahren {n}")
    url = "/veranstaltungen/"


class SponsorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sponsor

    name = factory.Sequence(lambda n: f"Förderverein {n}")
    url = "https://foerderverein.example.org/"
