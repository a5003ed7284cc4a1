from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from cms.demo.services import demo_data_load


class Command(BaseCommand):
    help = (
        "Load the demo places, pages, contacts and accounts (Gelsenkirchen with four "
        "districts, Delbrück with some villages). Idempotent: running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--port", type=int, default=8000, help="Port the demo sites are served on."
        )

    def handle(self, *args, port, **options):
        # Submitting the demo articles to review would mail every reviewer; a demo
        # loader should not send mail.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            demo_data_load(port=port)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
