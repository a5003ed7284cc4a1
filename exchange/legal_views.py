"""The terms of use and the privacy notice of this portal's exchange, as public pages."""

from django.http import Http404
from django.shortcuts import render

from .enums import ConsentDocument
from .legal_defaults import DEFAULT_TEXTS
from .models import DEFAULT_LEGAL_VERSIONS, LegalText
from .views import _municipality_for_request


def _legal_text(request, document: str):
    """The live version, or an older one asked for by `?fassung=` (recorded consents
    name it); the platform's default wording where the municipality has none yet."""
    municipality = _municipality_for_request(request)
    texts = LegalText.objects.filter(municipality=municipality, document=document)
    version = request.GET.get("fassung", "")[:40]
    text = texts.filter(version=version).first() if version else texts.first()
    if text is not None:
        body, version = text.body, text.version
    elif not version or version == DEFAULT_LEGAL_VERSIONS[document]:
        body, version = DEFAULT_TEXTS[document], DEFAULT_LEGAL_VERSIONS[document]
    else:
        raise Http404
    return render(
        request,
        "exchange/legal_text.html",
        {
            "title": ConsentDocument(document).label,
            "paragraphs": [part.strip() for part in body.split("\n\n") if part.strip()],
            "version": version,
            "municipality": municipality,
        },
    )


def terms(request):
    return _legal_text(request, ConsentDocument.TERMS)


def privacy(request):
    return _legal_text(request, ConsentDocument.PRIVACY)
