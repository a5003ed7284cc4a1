"""Purge personal data whose retention period has ended (run nightly from cron)."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from cms.core.retention import registered_purgers


class Command(BaseCommand):
    help = (
        "Removes personal data whose retention period has ended, by every purger the apps "
        "register (cms.core.retention). With --dry-run, counts without removing anything."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be removed, then roll everything back.",
        )

    def handle(self, *args, dry_run: bool = False, **options):
        now = timezone.now()
        total = 0
        # One transaction for the whole run: a purger that fails leaves nothing half done,
        # and a dry run is the same work rolled back, so its counts are the real ones.
        with transaction.atomic():
            for name, purger in registered_purgers().items():
                removed = purger(now)
                total += removed
                self.stdout.write(f"{name}: {removed}")
            if dry_run:
                transaction.set_rollback(True)
        verb = "would be removed (dry run)" if dry_run else "removed"
        self.stdout.write(self.style.SUCCESS(f"{total} records {verb}."))
