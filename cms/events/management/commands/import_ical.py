from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.events.importing import FeedError, feed_import_bytes, read_source
from cms.events.models import ExternalCalendarFeed
from cms.places.models import District


class Command(BaseCommand):
    help = (
        "Import an iCal feed (file or http(s) URL) into a district's calendar, "
        "idempotently by UID. Bad input exits non-zero and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("district", help="the district's slug, e.g. schalke")
        parser.add_argument("source", help="path to an .ics file or an http(s) URL")
        parser.add_argument(
            "--review",
            action="store_true",
            help="submit new and changed events for review instead of publishing them",
        )

    def handle(self, *args, district, source, review, **options):
        district_obj = District.objects.filter(slug=district).first()
        if district_obj is None:
            raise CommandError(_("Das Quartier „%s“ gibt es nicht.") % district)
        try:
            data = read_source(source)
        except FeedError as error:
            raise CommandError(str(error)) from error
        # Runs of the same source into the same district share one feed record, so a
        # second run updates and removes what the first one created.
        feed, created = ExternalCalendarFeed.objects.get_or_create(
            url=source,
            district=district_obj,
            defaults={"name": source[-120:], "trusted": not review, "is_active": False},
        )
        try:
            summary = feed_import_bytes(feed=feed, data=data)
        except FeedError as error:
            if created:
                feed.delete()
            raise CommandError(str(error)) from error
        self.stdout.write(str(summary))
