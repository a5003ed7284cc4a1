from django.core.management.base import BaseCommand

from cms.events.tasks import import_calendar_feeds


class Command(BaseCommand):
    help = "Import every active external calendar feed (run it periodically, e.g. hourly)."

    def handle(self, *args, **options):
        result = import_calendar_feeds.enqueue()
        if result.is_finished:
            for name, outcome in result.return_value.items():
                self.stdout.write(f"{name}: {outcome}")
