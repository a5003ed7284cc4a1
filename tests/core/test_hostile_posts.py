"""No form gives a 500: every public URL pattern and every form on it, posted hostile.

The GET sweep (test_hostile_sweep.py) asks every public address with hostile values;
this one sends what a form would send. Each public pattern is filled with the ids of a
resident's own objects (a listing, a conversation with an agreed help), asked by an
anonymous visitor and by the signed-in resident, and every `<form method="post">` on
the answer is posted to its own action: once with every field hostile, then with the
form's own values and one field hostile at a time (so the post gets past the fields
that are fine and reaches the code behind them). A form that many pages show (the
display switches) is posted once per visitor. A pattern that shows no form is
posted a few hostile fields anyway (a confirmation that is only a button elsewhere).
The corpus is sampled with a fixed seed, so a failure repeats; the rate limits are
emptied between posts, so a limit never hides what a post would reach.
"""

import random
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from exchange import conversations, services
from tests.core.test_hostile_sweep import (
    HOSTILE_VALUES,
    LONG,
    _fill,
    _parameters,
    _public_routes,
)
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.exchange.factories import ListingFactory, MemberFactory

pytestmark = pytest.mark.django_db

# Names a form of the exchange or the portal may take, for patterns that show no form.
FIELD_NAMES = [
    "message",
    "text",
    "title",
    "description",
    "email",
    "password",
    "hours",
    "rating",
    "comment",
    "reason",
    "category",
    "listing_type",
    "share_email",
    "next",
    "language",
    "schrift",
    "kontrast",
]
# Addresses that end the membership when a post gets through.
FINAL_WORDS = ("einwilligung-widerrufen", "konto/loeschen")
# Posts per form where one field at a time is hostile (sampled among its fields).
SINGLE_FIELD_POSTS = 4
HOSTILE_FILE = b"\x00\xff%PDF-1.4\n" + b"x" * 2000


@dataclass
class Form:
    action: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


class FormParser(HTMLParser):
    """The post forms of a page with their fields' names and current values."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._select_first: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form":
            if attrs.get("method", "get").lower() == "post":
                self._form = Form(action=attrs.get("action", ""))
                self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind == "file":
                self._form.files.append(name)
            elif kind in ("checkbox", "radio"):
                values = self._form.fields.setdefault(name, [])
                if "checked" in attrs and attrs.get("value", "on") not in values:
                    values.append(attrs.get("value", "on"))
            elif kind not in ("submit", "button", "image", "reset"):
                self._form.fields[name] = [attrs.get("value", "")]
        elif tag == "textarea" and name:
            self._textarea = name
            self._form.fields[name] = [""]
        elif tag == "select" and name:
            self._select, self._select_first = name, None
            self._form.fields[name] = []
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attrs:
                self._form.fields[self._select].append(value)

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form.fields[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            if not self._form.fields[self._select] and self._select_first is not None:
                self._form.fields[self._select] = [self._select_first]
            self._select = None


def post_forms(html: str) -> list[Form]:
    parser = FormParser()
    parser.feed(html)
    return parser.forms


@dataclass
class Tally:
    requests: int = 0
    forms: int = 0
    patterns: int = 0
    failures: list[str] = field(default_factory=list)

    def post(self, client: Client, who: str, path: str, data: dict) -> None:
        sign_in(client)
        # The rate limits are counters in their own cache: empty it, so that the
        # hundredth post is judged on its input like the first.
        caches["ratelimit"].clear()
        self.requests += 1
        response = client.post(path, data)
        if response.status_code >= 500:
            error = getattr(response, "exc_info", None)
            cause = f"{error[0].__name__}: {str(error[1])[:160]}" if error else ""
            fields = ", ".join(f"{k}={str(v)[:30]!r}" for k, v in list(data.items())[:8])
            self.failures.append(
                f"{response.status_code} POST {path[:160]} as {who} [{fields}] {cause}"
            )


def sign_in(client: Client) -> None:
    if hasattr(client, "sign_in"):
        client.sign_in()


def _hostile_data(form_fields, rng: random.Random, files=()) -> dict:
    data = {name: rng.choice(HOSTILE_VALUES) for name in form_fields}
    for name in files:
        data[name] = SimpleUploadedFile("scan\x00.pdf", HOSTILE_FILE, "application/pdf")
    return data


def _own_values(form: Form) -> dict:
    """The form as the browser would send it untouched."""
    return {
        name: values if len(values) > 1 else (values or [""])[0]
        for name, values in form.fields.items()
    }


def _local_action(form: Form, page_path: str) -> str | None:
    target = urljoin(page_path, form.action) if form.action else page_path
    parts = urlsplit(target)
    if parts.netloc and parts.netloc != "testserver":
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture
def resident_world(gelsenkirchen, editor):
    """A resident with a listing, a conversation about it with an agreed help, and a
    published event: the ids a resident's own addresses take."""
    calendar = EventIndexPageFactory(parent=gelsenkirchen.portal)
    schalke = gelsenkirchen.district_homes["schalke"].district
    event = EventPageFactory(parent=calendar, districts=[schalke], published_by=editor)
    owner = MemberFactory(municipality=gelsenkirchen.municipality)
    answerer = MemberFactory(municipality=gelsenkirchen.municipality, display_name="Kurt N.")
    listing = ListingFactory(municipality=gelsenkirchen.municipality, member=owner)
    conversation = services.listing_respond(
        listing=listing, sender=answerer, message="Ich helfe gern.", share_email=False
    ).conversation
    conversations.help_accept(conversation=conversation, member=owner)
    message = conversation.messages.first()
    # Still published (the first one is matched now): its page shows the answer form.
    other_listing = ListingFactory(municipality=gelsenkirchen.municipality, member=answerer)
    ids = {listing.pk, other_listing.pk, conversation.pk, answerer.pk, message.pk}
    return {
        "owner": owner,
        # Every id a `<int:pk>` of the exchange may mean; each pattern is asked with all.
        "pks": [str(pk) for pk in sorted(ids)],
        "pages": [event.url, calendar.url, gelsenkirchen.portal.url],
        "district_slug": schalke.slug,
    }


def _paths(resident_world) -> list[str]:
    paths = []
    for route, _name in _public_routes():
        if route.startswith(("api/", "ical/")) or "pdf" in route:
            # The API has its own schema-driven sweep (schemathesis); feeds and PDFs
            # take no posts.
            continue
        names = [name for name, _kind in _parameters(route)]
        pks = resident_world["pks"] if names else ["1"]
        for pk in pks:
            known = dict.fromkeys(names, pk)
            known["district_slug"] = resident_world["district_slug"]
            path = _fill(route, known, default=pk)
            if path not in paths:
                paths.append(path)
    paths += [path for path in resident_world["pages"] if path not in paths]
    # What ends the membership last, so that every other form is posted by a member.
    return sorted(paths, key=lambda path: any(word in path for word in FINAL_WORDS))


def test_no_public_form_answers_a_hostile_post_with_a_server_error(
    resident_world, record_property, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    resident = Client(raise_request_exception=False)
    # Signed in again before every request: a hostile post to "abmelden" signs out.
    resident.sign_in = lambda: resident.force_login(resident_world["owner"].user)
    visitors = {"a visitor": Client(raise_request_exception=False), "the resident": resident}
    tally = Tally()
    # A form on every page (the display switches, signing out) is posted once per client.
    posted: set[tuple] = set()
    for path in _paths(resident_world):
        tally.patterns += 1
        for who, client in visitors.items():
            rng = random.Random(f"{who} {path}")
            sign_in(client)
            page = client.get(path)
            forms = []
            if page.status_code == 200 and "html" in page.get("Content-Type", ""):
                forms = post_forms(page.content.decode(errors="replace"))
            if not forms:
                names = rng.sample(FIELD_NAMES, 6)
                tally.post(client, who, path, _hostile_data(names, rng))
                continue
            for form in forms:
                action = _local_action(form, path)
                key = (who, action, tuple(sorted(form.fields)))
                if action is None or key in posted:
                    continue
                posted.add(key)
                tally.forms += 1
                tally.post(client, who, action, _hostile_data(form.fields, rng, form.files))
                names = list(form.fields)
                for name in rng.sample(names, min(SINGLE_FIELD_POSTS, len(names))):
                    if name == "csrfmiddlewaretoken":
                        continue
                    data = {**_own_values(form), name: rng.choice([*HOSTILE_VALUES, LONG])}
                    tally.post(client, who, action, data)
    record_property(
        "hostile_sweep",
        f"hostile post sweep: {tally.requests} posts to {tally.forms} forms on "
        f"{tally.patterns} public addresses, {len(tally.failures)} server errors",
    )
    assert not tally.failures, "\n".join(tally.failures[:40])


def test_the_form_parser_reads_fields_values_and_files():
    html = """
      <form method="get" action="/suche/"><input name="q"></form>
      <form method="post" action="/x/">
        <input type="hidden" name="csrfmiddlewaretoken" value="t">
        <input name="title" value="Einkauf">
        <input type="checkbox" name="share" value="1" checked>
        <input type="checkbox" name="other" value="1">
        <input type="file" name="scan">
        <textarea name="text">Hallo</textarea>
        <select name="kind">
          <option value="a">A</option><option value="b" selected>B</option>
        </select>
        <select name="first"><option value="x">X</option></select>
        <button type="submit" name="go">Los</button>
      </form>"""
    (form,) = post_forms(html)
    assert form.action == "/x/"
    assert form.files == ["scan"]
    assert form.fields == {
        "csrfmiddlewaretoken": ["t"],
        "title": ["Einkauf"],
        "share": ["1"],
        "other": [],
        "text": ["Hallo"],
        "kind": ["b"],
        "first": ["x"],
    }
