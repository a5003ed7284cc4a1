from wagtail.snippets.models import register_snippet

from .viewsets import PlacesViewSetGroup

register_snippet(PlacesViewSetGroup)
