"""Tell both sides when the 14-day rule has confirmed a help (cron, daily)."""

from django.core.management.base import BaseCommand

from exchange.conversations import helps_settled_notify


class Command(BaseCommand):
    help = (
        "Mails both members of each help that one side confirmed and nobody objected to "
        "within 14 days: it now counts as confirmed. Once per help and member, however "
        "often it runs; helps whose period ended more than 7 days ago are not announced."
    )

    def handle(self, *args, **options):
        sent = helps_settled_notify()
        self.stdout.write(self.style.SUCCESS(f"{sent} mails about settled helps sent."))
