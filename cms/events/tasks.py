"""Background work of the calendar, run through Django's task framework (django-tasks).

With the default in-process backend these run at once; with a worker backend they are
queued. `roll_occurrence_horizon` and `import_calendar_feeds` are meant to run
periodically (e.g. nightly from cron through `manage.py roll_event_horizon` and
`manage.py import_ical_feeds`, or a scheduler that enqueues them).
"""

from django_tasks import task

from . import importing, services


@task()
def refresh_event_occurrences(event_id: int) -> int:
    return services.event_occurrences_refresh(event_id=event_id)


@task()
def refresh_event_feed_entries(event_ids: list[int]) -> int:
    return services.event_feed_entries_refresh(event_ids=event_ids)


@task()
def roll_occurrence_horizon() -> int:
    indexed = services.occurrence_horizon_roll()
    services.occurrence_index_vacuum()
    return indexed


@task()
def import_calendar_feeds() -> dict[str, str]:
    return importing.feeds_import_all()
