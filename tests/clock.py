"""Pinning "now" for tests whose outcome depends on the date (calendars, weeks, clocks)."""

from datetime import datetime

from django.utils import timezone


def pin_now(monkeypatch, moment: datetime) -> datetime:
    """Make `django.utils.timezone.now()` (and so `localdate()`) return `moment`."""
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment
