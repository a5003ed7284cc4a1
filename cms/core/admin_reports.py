"""Wagtail's page types usage report, counting only the user's own trees.

The original counts the pages of every municipality and links each type's most
recently edited page, another town's draft included. It is served at the same address
(cms/urls.py puts it before Wagtail's admin URLs).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Subquery
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView

from .page_scoping import pages_explorable_by


class ScopedPageTypesUsageReportView(PageTypesUsageReportView):
    """Counts and "last edited" pages from the pages the user may explore."""

    def decorate_paginated_queryset(self, page_types):
        user = self.request.user
        if not user.is_superuser:
            own = pages_explorable_by(user).filter(depth__gt=1)
            type_ids = [page_type.pk for page_type in page_types]
            counts = dict(
                own.filter(content_type__in=type_ids)
                .order_by()
                .values_list("content_type")
                .annotate(count=Count("pk"))
            )
            latest = own.filter(content_type=OuterRef("pk")).order_by(
                F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
            )
            latest_ids = dict(
                ContentType.objects.filter(pk__in=type_ids)
                .annotate(latest=Subquery(latest.values("pk")[:1]))
                .values_list("pk", "latest")
            )
            for page_type in page_types:
                page_type.count = counts.get(page_type.pk, 0)
                page_type.last_edited_page_id = latest_ids.get(page_type.pk)
        return super().decorate_paginated_queryset(page_types)
