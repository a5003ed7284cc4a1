"""Keep the occurrence index current when events are published or unpublished.

Deleting an event removes its occurrences through the foreign key's cascade.
"""

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .models import EventPage


@receiver(page_published, sender=EventPage)
@receiver(page_unpublished, sender=EventPage)
def refresh_occurrences_of_event(sender, instance, **kwargs):
    from .tasks import refresh_event_occurrences

    refresh_event_occurrences.enqueue(instance.pk)
