"""PDF from the same HTML the browser prints, rendered by WeasyPrint.

WeasyPrint takes a second to import, so it is imported when the first PDF is made,
not when the URL configuration loads. Resources come only through
`fetcher.StaticFilesOnlyFetcher`: no network.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string


def pdf_document(html: str, *, base_url: str):
    """Lay out the HTML on pages (print media, A4 from the stylesheet's @page);
    returns WeasyPrint's Document."""
    import weasyprint

    from .fetcher import StaticFilesOnlyFetcher

    return weasyprint.HTML(
        string=html, base_url=base_url, url_fetcher=StaticFilesOnlyFetcher(base_url=base_url)
    ).render()


def pdf_response(html: str, *, base_url: str, filename: str) -> HttpResponse:
    """The HTML as a PDF that opens in the browser."""
    response = HttpResponse(
        pdf_document(html, base_url=base_url).write_pdf(), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def render_printable(request, template: str, context: dict, *, as_pdf: bool, filename: str):
    """A print view's answer: the HTML page with its print stylesheet, or the same
    template rendered to PDF (the template hides its toolbar when `for_pdf` is set)."""
    context = {**context, "for_pdf": as_pdf}
    if not as_pdf:
        return render(request, template, context)
    html = render_to_string(template, context, request=request)
    return pdf_response(html, base_url=request.build_absolute_uri("/"), filename=filename)
