"""Portal and district home URLs of places, shared by the place endpoints."""

from cms.core.selectors import visible_pages
from cms.home.models import DistrictHomePage, PortalHomePage


def portal_urls(municipality_ids, request) -> dict[int, str]:
    """The public portal URL of each municipality (German home page), in one query."""
    homes = PortalHomePage.objects.filter(
        pk__in=visible_pages().values("pk"),
        municipality_id__in=set(municipality_ids),
        locale__language_code="de",
    ).only("pk", "url_path", "path", "depth", "municipality_id", "locale_id")
    return {home.municipality_id: home.get_full_url(request=request) for home in homes}


def district_home_urls(district_ids, request) -> dict[int, str]:
    """The public URL of each district's German home page, in one query."""
    homes = DistrictHomePage.objects.filter(
        pk__in=visible_pages().values("pk"),
        district_id__in=set(district_ids),
        locale__language_code="de",
    ).only("pk", "url_path", "path", "depth", "district_id", "locale_id")
    return {home.district_id: home.get_full_url(request=request) for home in homes}
