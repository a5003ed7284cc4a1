"""The info screen's programme: which slides it cycles through and how its clock ticks.

Nothing here needs JavaScript. The slides take turns by one CSS animation whose
keyframes depend on how many slides there are, and the clock is a strip of the next
minutes that a stepped animation moves on once a minute, started at the right second;
the page reloads itself before the strip runs out.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

EVENTS_PER_SLIDE = 3


@dataclass(frozen=True)
class Slide:
    """One screenful: upcoming events, one article, or one info box."""

    kind: str  # "events", "article", "info" or "welcome"
    occurrences: list = field(default_factory=list)
    article: object = None
    heading: str = ""
    text: str = ""


def slides_for(*, occurrences, articles, info_boxes) -> list[Slide]:
    """Events first (a few per slide), then the news, then the info boxes; a welcome
    slide when there is nothing else, so the screen is never blank."""
    occurrences = list(occurrences)
    slides = [
        Slide(kind="events", occurrences=occurrences[i : i + EVENTS_PER_SLIDE])
        for i in range(0, len(occurrences), EVENTS_PER_SLIDE)
    ]
    slides += [Slide(kind="article", article=article) for article in articles]
    slides += [
        Slide(kind="info", heading=box.value["heading"], text=box.value["text"])
        for box in info_boxes
    ]
    return slides or [Slide(kind="welcome")]


@dataclass(frozen=True)
class Cycle:
    """Timing of the slide animation: each slide is shown for `seconds_per_slide`."""

    slide_count: int
    seconds_per_slide: int

    @property
    def duration(self) -> int:
        return self.slide_count * self.seconds_per_slide

    @property
    def visible_until_percent(self) -> str:
        """Where in the cycle a slide's turn ends, for the @keyframes rule."""
        return f"{100 / self.slide_count:.4f}"

    @property
    def delays(self) -> list[int]:
        return [index * self.seconds_per_slide for index in range(self.slide_count)]


@dataclass(frozen=True)
class Clock:
    """The minutes the clock strip shows until the next reload, and where it starts."""

    now: datetime
    refresh_minutes: int

    @property
    def minutes(self) -> list[datetime]:
        # Two spare minutes: a reload can come late when the network is slow.
        first = self.now.replace(second=0, microsecond=0)
        return [first + timedelta(minutes=n) for n in range(self.refresh_minutes + 3)]

    @property
    def steps(self) -> int:
        return len(self.minutes) - 1

    @property
    def duration_seconds(self) -> int:
        return self.steps * 60

    @property
    def seconds_into_minute(self) -> int:
        return self.now.second


def clock_for(refresh_minutes: int) -> Clock:
    return Clock(now=timezone.localtime(), refresh_minutes=refresh_minutes)
