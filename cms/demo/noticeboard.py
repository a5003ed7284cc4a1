"""Demo info boxes and sponsors: one of each per municipality (idempotent)."""

import io

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from cms.noticeboard.models import InfoBox, InfoBoxLink, Sponsor
from cms.places.models import Municipality
from cms.roles.collections import collection_of
from cms.roles.enums import CollectionPurpose

# municipality slug -> (info box title, text, links, sponsor name, url, logo colour)
NOTICEBOARD = {
    "gelsenkirchen": {
        "title": "Sprechstunde im Quartiersbüro",
        "text": (
            "Jeden Dienstag von 10 bis 12 Uhr helfen wir Ihnen bei der Anmeldung zur "
            "Nachbarschaftshilfe, auch ohne Internet. Kommen Sie einfach vorbei."
        ),
        "links": [
            ("Alle Termine im Kalender", "/veranstaltungen/"),
            ("Zur Nachbarschaftshilfe", "/nachbarschaftshilfe/"),
        ],
        "sponsor": ("Stadtwerke Gelsenkirchen (Beispiel)", "https://example.org/", (0, 90, 140)),
    },
    "delbrueck": {
        "title": "Helferinnen und Helfer gesucht",
        "text": (
            "Für den Einkaufsdienst im Winter suchen wir Menschen, die eine Stunde in der "
            "Woche Zeit haben. Das Rathaus berät Sie gern."
        ),
        "links": [("Zur Nachbarschaftshilfe", "/nachbarschaftshilfe/")],
        "sponsor": ("Bürgerstiftung Delbrück (Beispiel)", "https://example.org/", (170, 30, 40)),
    },
    "hoevelhof": {
        "title": "Neu: Nachbarschaftshilfe in Hövelhof",
        "text": "Bieten Sie Hilfe an oder fragen Sie danach. Die Gemeinde prüft jede Anmeldung.",
        "links": [("Zur Nachbarschaftshilfe", "/nachbarschaftshilfe/")],
        "sponsor": ("Heimatverein Hövelhof (Beispiel)", "https://example.org/", (30, 110, 60)),
    },
}


def noticeboard_demo_load() -> None:
    """An info box with links and a sponsor with a logo for each demo municipality."""
    for municipality in Municipality.objects.filter(slug__in=NOTICEBOARD):
        spec = NOTICEBOARD[municipality.slug]
        _info_box_ensure(municipality, spec)
        _sponsor_ensure(municipality, *spec["sponsor"])


def _info_box_ensure(municipality: Municipality, spec: dict) -> None:
    if InfoBox.objects.filter(municipality=municipality, title=spec["title"]).exists():
        return
    info_box = InfoBox.objects.create(
        municipality=municipality,
        title=spec["title"],
        text=spec["text"],
        valid_from=timezone.localdate(),
    )
    for order, (label, url) in enumerate(spec["links"]):
        InfoBoxLink.objects.create(info_box=info_box, label=label, url=url, sort_order=order)


def _sponsor_ensure(municipality: Municipality, name: str, url: str, colour) -> None:
    if Sponsor.objects.filter(municipality=municipality, name=name).exists():
        return
    Sponsor.objects.create(
        municipality=municipality,
        name=name,
        url=url,
        logo=_logo(municipality, name, colour),
        logo_alt_text=f"Logo: {name}",
        sort_order=1,
    )


def _logo(municipality: Municipality, name: str, colour):
    """A drawn logo (a ring and a bar, no text, so no font is needed)."""
    collection = collection_of(municipality, CollectionPurpose.MEDIA)
    if collection is None:
        return None
    canvas = PILImage.new("RGB", (480, 240), (255, 255, 255))
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((30, 30, 210, 210), outline=colour, width=28)
    draw.rectangle((250, 90, 450, 150), fill=colour)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=f"Logo {name}",
        collection=collection,
        file=ImageFile(buffer, name=f"demo-logo-{municipality.slug}.png"),
        description=f"Logo: {name}",
    )
