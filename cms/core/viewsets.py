from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Contact


class ContactViewSet(SnippetViewSet):
    """Shared contacts, chosen in contact card blocks."""

    model = Contact
    icon = "user"
    list_display = ["name", "role", "organisation"]
    search_fields = ["name", "organisation"]
