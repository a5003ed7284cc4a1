"""Locust scenario: 200 people using Quartier at once (issue 16, item 5).

    .venv/bin/pip install -e ".[bench]"
    .venv/bin/locust -f bench/locustfile.py --host http://127.0.0.1:8000 \
        --users 200 --spawn-rate 20 --run-time 60s --headless --csv var/locust/run

Against a server with the demo data (`load_demo`; bench/README.md, "Locust", shows how
it was started here, with the rate limits raised by bench/load_settings.py: all simulated
people share one client address). Self-contained: it imports nothing of the project,
so it can run from another machine's locust as well.

- Visitors (most users): the calendar list and month view, the iCal feed (whole and
  one district), district pages and event pages, the exchange's listings and a
  listing, and the API's lists (events, occurrences, listings).
- Members (a few): sign in on the site with a demo account, browse their own listings
  and post a new one through the site's form (CSRF token and choices read from the
  form, as a browser would).

Wait times between a person's steps are 1 to 5 seconds, so 200 users make roughly 60
requests per second; locust reports p50/p95/p99 and failures per request name.
"""

import html
import os
import random
import re
from datetime import date, timedelta

from locust import HttpUser, between, task

DISTRICTS = ["schalke", "buer-ost", "huellen", "schaffrath-rosenhuegel"]
# Approved demo members of Gelsenkirchen (cms/demo/exchange.py), password below.
MEMBERS = os.environ.get("LOCUST_MEMBERS", "renate.s@quartier.invalid").split(",")
PASSWORD = os.environ.get("LOCUST_PASSWORD", "quartier-demo")
# Everyone's pauses between steps are divided by LOCUST_PACE: 2 makes the same 200
# people click twice as fast (bench/locust_run.py --pace looks for the highest rate the
# server sustains this way).
PACE = float(os.environ.get("LOCUST_PACE", "1"))

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
EVENT_LINK = re.compile(r'href="(/veranstaltungen/[a-z0-9-]+/)"')
LISTING_LINK = re.compile(r'href="(/nachbarschaftshilfe/eintrag/\d+/)"')
SELECT = re.compile(r'<select name="(\w+)"[^>]*>(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="([^"]+)"')


def _first_choices(form_html: str) -> dict[str, str]:
    """The first non-empty option of every select of a form."""
    choices = {}
    for name, options in SELECT.findall(form_html):
        values = [value for value in OPTION.findall(options) if value]
        if values:
            choices[name] = html.unescape(values[0])
    return choices


class Visitor(HttpUser):
    """Someone reading the calendar, the districts' pages and the exchange, or an app."""

    weight = 9
    wait_time = between(1 / PACE, 5 / PACE)
    event_pages: list[str] = []
    listing_pages: list[str] = []
    discovering = False

    def on_start(self):
        # Only the first visitor reads the links of event and listing pages; the others
        # start at once (and use them once they are there), so that the start is not
        # 200 requests for the same list.
        if Visitor.discovering:
            return
        Visitor.discovering = True
        body = self.client.get("/veranstaltungen/", name="calendar list").text
        Visitor.event_pages = sorted(set(EVENT_LINK.findall(body)))[:20]
        body = self.client.get("/nachbarschaftshilfe/", name="exchange list").text
        Visitor.listing_pages = sorted(set(LISTING_LINK.findall(body)))[:20]

    @task(4)
    def calendar_list(self):
        self.client.get(
            f"/veranstaltungen/?district={random.choice(DISTRICTS)}", name="calendar list"
        )

    @task(3)
    def calendar_month(self):
        self.client.get("/veranstaltungen/?view=monat", name="calendar month")

    @task(2)
    def ical_feed(self):
        self.client.get("/ical/events.ics", name="ical feed")

    @task(2)
    def ical_district(self):
        self.client.get(
            f"/ical/events.ics?district={random.choice(DISTRICTS)}", name="ical feed district"
        )

    @task(3)
    def district_page(self):
        self.client.get(f"/{random.choice(DISTRICTS)}/", name="district page")

    @task(4)
    def event_page(self):
        if Visitor.event_pages:
            self.client.get(random.choice(Visitor.event_pages), name="event page")

    @task(3)
    def exchange_list(self):
        self.client.get("/nachbarschaftshilfe/", name="exchange list")

    @task(2)
    def listing_page(self):
        if Visitor.listing_pages:
            self.client.get(random.choice(Visitor.listing_pages), name="listing page")

    @task(2)
    def api_events(self):
        self.client.get("/api/v1/events/", name="api events")

    @task(2)
    def api_occurrences(self):
        start = date.today()
        self.client.get(
            f"/api/v1/occurrences/?start={start}&end={start + timedelta(days=30)}",
            name="api occurrences",
        )

    @task(2)
    def api_listings(self):
        self.client.get("/api/v1/listings/", name="api listings")


class Member(HttpUser):
    """A signed-in resident who browses the exchange and posts a listing now and then."""

    weight = 1
    wait_time = between(2 / PACE, 6 / PACE)

    def on_start(self):
        form = self.client.get("/nachbarschaftshilfe/anmelden/", name="member sign-in form")
        token = CSRF.search(form.text)
        with self.client.post(
            "/nachbarschaftshilfe/anmelden/",
            {
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "username": random.choice(MEMBERS),
                "password": PASSWORD,
            },
            headers={"Referer": f"{self.host}/nachbarschaftshilfe/anmelden/"},
            name="member sign-in",
            catch_response=True,
        ) as response:
            if response.ok and "/anmelden/" in response.url:
                response.failure("still on the sign-in form (not signed in)")

    @task(4)
    def browse(self):
        self.client.get("/nachbarschaftshilfe/", name="member exchange list")

    @task(2)
    def my_listings(self):
        self.client.get("/nachbarschaftshilfe/meine-eintraege/", name="member own listings")

    @task(1)
    def post_listing(self):
        form = self.client.get(
            "/nachbarschaftshilfe/meine-eintraege/neu/", name="member new listing form"
        )
        token = CSRF.search(form.text)
        choices = _first_choices(form.text)
        data = {
            "csrfmiddlewaretoken": token.group(1) if token else "",
            "kind": "offer",
            "listing_type": "neighbourly_help",
            "category": choices.get("category", ""),
            "district": choices.get("district", ""),
            "title": f"Hilfe beim Einkaufen {random.randrange(10**6)}",
            "description": "Ich gehe dienstags zum Markt und nehme Ihren Einkaufszettel mit.",
            "valid_until": f"{date.today() + timedelta(days=30)}",
        }
        with self.client.post(
            "/nachbarschaftshilfe/meine-eintraege/neu/",
            data,
            headers={"Referer": f"{self.host}/nachbarschaftshilfe/meine-eintraege/neu/"},
            name="member post listing",
            catch_response=True,
        ) as response:
            # A saved listing redirects away from the form; the form again means refused.
            if response.ok and response.url.rstrip("/").endswith("/neu"):
                response.failure("the listing form came back (not saved)")
