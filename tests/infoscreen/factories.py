"""Factories for info screens."""

import factory

from cms.infoscreen.models import InfoScreenPage
from tests.factories import PageFactory


class InfoScreenPageFactory(PageFactory):
    """A published info screen; pass the district home page as `parent`."""

    class Meta:
        model = InfoScreenPage

    title = "Stadtteilbüro"
    slug = "infobildschirm"
    info_boxes = factory.LazyFunction(
        lambda: [
            (
                "info_box",
                {"heading": "Öffnungszeiten", "text": "Montag bis Donnerstag\n9 bis 13 Uhr"},
            )
        ]
    )
