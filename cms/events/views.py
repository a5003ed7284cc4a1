"""The iCal feed of the public calendar. The calendar and event pages render with the
contexts in calendar.py."""

from datetime import timedelta

from django.db.models import Max
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cms.core.http import answer_conditionally

from . import ical
from .calendar import local_midnight
from .forms import CalendarFilterForm
from .models import EventFeedEntry
from .selectors import feed_texts, public_occurrences
from .services import horizon

FEED_HISTORY_DAYS = 30


def ical_response(request, occurrences, *, name: str) -> HttpResponse:
    """The events behind the occurrences as an iCal feed, answering conditional requests.

    Calendar clients poll every few hours; an unchanged feed costs them and us a 304.
    Used by the feed below and by the API's `occurrences/?format=ics`.
    """
    last_rendered = EventFeedEntry.objects.filter(
        event__in=occurrences.values("event_id")
    ).aggregate(latest=Max("rendered_at"))["latest"]
    body = ical.calendar_feed(feed_texts(occurrences), name=name)
    response = HttpResponse(body, content_type=ical.MEDIA_TYPE)
    response["Content-Disposition"] = 'inline; filename="veranstaltungen.ics"'
    response["Cache-Control"] = "public, max-age=900"
    return answer_conditionally(request, response, last_modified=last_rendered)


@require_safe
def events_ics(request):
    """GET (and HEAD) /ical/events.ics: the calendar (or a filtered part of it) as RFC 5545."""
    form = CalendarFilterForm(request.GET, iso_dates_only=True)
    if not form.is_valid():
        return HttpResponseBadRequest(
            _("Ungültige Filter: %s") % form.error_text(), content_type="text/plain; charset=utf-8"
        )
    _start, default_end = horizon()
    start = form.cleaned_data.get("start")
    end = form.cleaned_data.get("end")
    window_start = (
        local_midnight(start) if start else timezone.now() - timedelta(days=FEED_HISTORY_DAYS)
    )
    window_end = local_midnight(end + timedelta(days=1)) if end else default_end
    occurrences = public_occurrences(
        window_start=window_start, window_end=window_end, filters=form.filters(), request=request
    )
    name = _("Quartier – Veranstaltungen")
    district = form.cleaned_data.get("district")
    if district:
        name = f"{name} ({dict(form.fields['district'].choices)[district]})"
    return ical_response(request, occurrences, name=name)
