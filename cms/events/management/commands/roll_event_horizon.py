from django.core.management.base import BaseCommand

from cms.events.tasks import roll_occurrence_horizon


class Command(BaseCommand):
    help = "Rebuild the occurrence index for the rolling horizon (run it nightly)."

    def handle(self, *args, **options):
        result = roll_occurrence_horizon.enqueue()
        if result.is_finished:
            self.stdout.write(f"{result.return_value} occurrences indexed")
