from django.core.management.base import BaseCommand

from cms.demo import content
from cms.demo.exchange import MEMBERS

ROLE_LABELS = {
    "admin": "Plattform-Admin (alles)",
    "editorial_team": "Redaktion (prüfen, veröffentlichen)",
    "district_editor": "Quartiersredaktion (eigenes Quartier, zur Prüfung einreichen)",
    "provider": "Anbieter (eigenes Profil, Beiträge, Termine; nie veröffentlichen)",
    "municipality_admin": "Kommunenadministration (Nachbarschaftshilfe der eigenen Kommune)",
    "proxy_helper": "Beauftragte Person (Einträge für Menschen ohne Internet)",
}


class Command(BaseCommand):
    help = "Print the demo accounts and where to sign in."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Port the demo is served on.")

    def handle(self, *args, port, **options):
        self.stdout.write("")
        self.stdout.write(f"Quartier demo: http://127.0.0.1:{port}/ (Gelsenkirchen),")
        self.stdout.write(f"               http://delbrueck.localhost:{port}/ (Delbrück),")
        self.stdout.write(f"               http://hoevelhof.localhost:{port}/ (Hövelhof)")
        self.stdout.write(f"Admin:         http://127.0.0.1:{port}/admin/")
        self.stdout.write(f"Password of every demo account: {content.DEMO_PASSWORD}")
        for username, display_name, role, where in content.ACCOUNTS:
            scope = f" – {where}" if where else ""
            self.stdout.write(f"  {username:<22} {display_name:<30} {ROLE_LABELS[role]}{scope}")
        self.stdout.write(
            f"Residents of the help exchange: http://127.0.0.1:{port}/nachbarschaftshilfe/anmelden/"
        )
        for email, display_name, municipality, _district, _kind, status, *_rest in MEMBERS:
            self.stdout.write(f"  {email:<40} {display_name:<28} {status} – {municipality}")
        self.stdout.write("")
