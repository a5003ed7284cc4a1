from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import translation
from wagtail.models import Locale, Site

from cms.core.selectors import visible_pages

from .forms import SearchForm

RESULTS_PER_PAGE = 10


def search(request):
    """Full-text search over the visible pages of the current site in the current language."""
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    results = None
    if query:
        site = Site.find_for_request(request)
        locale = Locale.objects.filter(language_code=translation.get_language()).first()
        pages = visible_pages(site=site)
        if locale:
            pages = pages.filter(locale=locale)
        results = Paginator(pages.specific().search(query), RESULTS_PER_PAGE).get_page(
            request.GET.get("seite")
        )
    return render(
        request,
        "search/search.html",
        {"form": form, "query": query, "results": results},
    )
