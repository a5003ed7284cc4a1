from wagtail.snippets.models import register_snippet

from .viewsets import ContactViewSet

register_snippet(ContactViewSet)
