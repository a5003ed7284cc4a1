"""Retention: each app registers how it purges personal data whose retention period has ended.

`manage.py purge_expired_data` (run nightly from cron) calls every registered purger; a purger
takes the current time and returns how many records it removed.
"""

from collections.abc import Callable
from datetime import datetime

Purger = Callable[[datetime], int]
_purgers: dict[str, Purger] = {}


def register_purger(name: str) -> Callable[[Purger], Purger]:
    """Register `func` under `name` (a short label printed by the command)."""

    def decorator(func: Purger) -> Purger:
        _purgers[name] = func
        return func

    return decorator


def registered_purgers() -> dict[str, Purger]:
    """Every registered purger by name, in registration order."""
    return dict(_purgers)
