from wagtail.contrib.sitemaps import Sitemap

from .selectors import visible_pages


class VisiblePagesSitemap(Sitemap):
    """Wagtail's sitemap, fed by the same visibility selector as every public surface."""

    def items(self):
        return (
            visible_pages(site=self.get_wagtail_site())
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
