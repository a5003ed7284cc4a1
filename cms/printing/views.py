"""The printable weekly programme of a district or social space, as HTML and as PDF.

Both answers render the same template: the browser prints the HTML with the print
stylesheet, WeasyPrint lays out the same HTML for the PDF. Only districts of the
municipality whose portal this Site shows exist here; any other slug is a 404.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from cms.core import tenancy
from cms.core.pdf_limits import bounded_pdf
from cms.pdf.render import render_printable
from cms.places.models import District, SocialSpace

from .selectors import (
    programme_days,
    programme_links,
    programme_listings,
    programme_occurrences,
)
from .weeks import IsoWeek, WeekError

TEMPLATE = "printing/programme.html"


def programme(request, district_slug: str, social_space_slug: str | None = None):
    """GET /programm/<district>/[<social-space>/]?woche=2026-W48&gross=1"""
    return _programme(request, district_slug, social_space_slug, as_pdf=False)


@bounded_pdf()
def programme_pdf(request, district_slug: str, social_space_slug: str | None = None):
    """GET /programm/<district>[/<social-space>].pdf?woche=2026-W48&gross=1"""
    return _programme(request, district_slug, social_space_slug, as_pdf=True)


def _programme(request, district_slug, social_space_slug, *, as_pdf: bool):
    portal = tenancy.portal_for_request(request)
    if portal is None:
        raise Http404
    district = get_object_or_404(
        District, slug=district_slug, municipality_id=portal.municipality_id
    )
    social_space = (
        get_object_or_404(SocialSpace, district=district, slug=social_space_slug)
        if social_space_slug
        else None
    )
    current_week = IsoWeek.containing(timezone.localdate())
    try:
        week = IsoWeek.parse(request.GET["woche"]) if "woche" in request.GET else current_week
    except WeekError as error:
        return render(
            request,
            "printing/bad_week.html",
            {"message": str(error), "current_week": current_week},
            status=400,
        )

    occurrences = programme_occurrences(
        portal=portal, week=week, district=district, social_space=social_space
    )
    slugs = [district.slug, social_space.slug] if social_space else [district.slug]
    suffix = "social_space_" if social_space else ""
    links = programme_links(portal=portal, district=district, language=get_language())
    context = {
        "portal": links.portal,
        "district": district,
        "social_space": social_space,
        "district_home": links.district_home,
        "week": week,
        "current_week": current_week,
        "days": programme_days(occurrences, week),
        "listings": programme_listings(
            week=week, district=district, social_space=social_space, visitor=request.user
        ),
        "large_print": request.GET.get("gross") == "1",
        "html_path": reverse(f"printing:{suffix}programme", args=slugs),
        "pdf_path": reverse(f"printing:{suffix}programme_pdf", args=slugs),
        "printed_at": timezone.localtime(),
    }
    return render_printable(
        request,
        TEMPLATE,
        context,
        as_pdf=as_pdf,
        filename=f"wochenprogramm-{'-'.join(slugs)}-{week}.pdf",
    )
