"""Mail the weekly digest of new listings to the members who asked for it (cron, weekly)."""

from django.core.management.base import BaseCommand

from exchange.digests import digests_send


class Command(BaseCommand):
    help = (
        "Mails each member who chose the weekly digest the new public listings of their "
        "district. Once per member and ISO week, however often it runs."
    )

    def handle(self, *args, **options):
        sent = digests_send()
        self.stdout.write(self.style.SUCCESS(f"{sent} digests sent."))
