from django.core.management.base import BaseCommand

from cms.roles.services import roles_ensure_all


class Command(BaseCommand):
    help = (
        "Create or repair the role groups, page permissions and editorial workflow of "
        "every municipality that has a portal page. Safe to run again."
    )

    def handle(self, *args, **options):
        municipalities = roles_ensure_all()
        names = ", ".join(m.name for m in municipalities) or "-"
        self.stdout.write(self.style.SUCCESS(f"Roles set up for: {names}"))
