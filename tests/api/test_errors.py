"""Bad input is a 400 problem-details answer naming the parameter, never a 500."""

import pytest

pytestmark = pytest.mark.django_db

BAD_REQUESTS = [
    ("/api/v1/events/", {"page_size": "0"}, "page_size"),
    ("/api/v1/events/", {"page_size": "1001"}, "page_size"),
    ("/api/v1/events/", {"page_size": "9" * 40}, "page_size"),
    ("/api/v1/events/", {"district": "gibt-es-nicht"}, "district"),
    ("/api/v1/events/", {"tag": "a\x00b"}, "tag"),
    ("/api/v1/events/", {"updated_since": "gestern"}, "updated_since"),
    ("/api/v1/events/", {"updated_since": "0001-01-01T00:00:00Z"}, "updated_since"),
    ("/api/v1/events/", {"cursor": "kaputt"}, "cursor"),
    ("/api/v1/events/", {"cursor": "eyJhZnRlciI6IFsiYSJdfQ=="}, "cursor"),
    ("/api/v1/events/", {"locale": "xx"}, "locale"),
    ("/api/v1/occurrences/", {"start": "2026-03-10", "end": "2026-03-01"}, "end"),
    ("/api/v1/occurrences/", {"start": "2026-01-01", "end": "2027-06-01"}, "end"),
    ("/api/v1/occurrences/", {"start": "9999-12-31"}, "start"),
    ("/api/v1/occurrences/", {"event": "9" * 30}, "event"),
    ("/api/v1/providers/", {"q": "Hilfe\x00"}, "q"),
    ("/api/v1/listings/", {"municipality": "\x00"}, "municipality"),
    ("/api/v1/search/", {}, "q"),
    ("/ical/events.ics", {"event": "9" * 30}, None),
]


@pytest.mark.parametrize(("url", "params", "name"), BAD_REQUESTS)
def test_bad_parameter_is_a_problem_naming_it(client, url, params, name):
    response = client.get(url, params)
    assert response.status_code == 400
    if name is not None:
        assert response["Content-Type"] == "application/problem+json"
        problem = response.json()
        assert problem["status"] == 400
        assert name in [param["name"] for param in problem["invalid_params"]]


def test_problem_is_in_german_by_default(client):
    problem = client.get("/api/v1/events/", {"page_size": "0"}).json()
    assert problem["title"] == "Ungültige Anfrage"


@pytest.mark.parametrize("url", ["/api/v1/events/999999/", f"/api/v1/listings/{'9' * 25}/"])
def test_unknown_id_is_404_problem(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_unknown_municipality_slug_gives_an_empty_list(client):
    response = client.get("/api/v1/listings/", {"municipality": "nirgendwo"})
    assert response.status_code == 200
    assert response.json()["results"] == []
