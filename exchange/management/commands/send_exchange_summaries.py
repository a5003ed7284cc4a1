"""Mail each municipality's exchange admins what waits for them (run daily from cron)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from exchange.digests import summaries_send


class Command(BaseCommand):
    help = (
        "Mails the municipality admins of the help exchange how many members and listings "
        "wait for their approval. Once per admin and day, however often it runs."
    )

    def handle(self, *args, **options):
        sent = summaries_send(admin_url=settings.WAGTAILADMIN_BASE_URL)
        self.stdout.write(self.style.SUCCESS(f"{sent} summaries sent."))
