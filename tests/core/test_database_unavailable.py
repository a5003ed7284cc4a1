"""A database that is away gives a clear 503 page, never a 500 traceback page.

The outage is real: the connection settings point at a loopback port where nothing
listens, so psycopg's connect fails as it does while PostgreSQL restarts.
"""

import logging
import socket

import pytest
from django.db import OperationalError, connection, connections, transaction
from django.test import Client, RequestFactory

from cms.core.unavailable import database_unreachable, server_error_or_unavailable


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Outage:
    """The default connection pointed at a closed port until `end()`."""

    def __init__(self, database):
        self.database = database
        self.saved = dict(database.settings_dict)

    def start(self):
        self.database.close()
        self.database.settings_dict.update(HOST="127.0.0.1", PORT=str(_closed_port()))

    def end(self):
        self.database.settings_dict.clear()
        self.database.settings_dict.update(self.saved)


@pytest.fixture
def database_away(django_db_blocker):
    """A database outage for the test; the connection is put back afterwards."""
    outage = Outage(connections["default"])
    with django_db_blocker.unblock():
        outage.start()
        try:
            yield outage
        finally:
            outage.end()
            outage.database.close()


@pytest.fixture
def client():
    # Django's handler answers; the test client must not re-raise the exception.
    return Client(raise_request_exception=False)


def test_page_answers_503_while_the_database_is_away(database_away, client):
    response = client.get("/")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert "Die Seite ist gleich wieder da" in response.content.decode()


def test_outage_page_shows_no_traceback(database_away, client):
    body = client.get("/").content.decode()
    assert "Traceback" not in body
    assert "OperationalError" not in body
    assert "psycopg" not in body


def test_outage_answer_asks_to_retry_later_and_is_not_cached(database_away, client):
    response = client.get("/")
    assert int(response["Retry-After"]) > 0
    assert response["Cache-Control"] == "no-store"


def test_api_answers_503_problem_details_while_the_database_is_away(database_away, client):
    response = client.get("/api/v1/events/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 503
    assert body["title"] == "Vorübergehend nicht erreichbar"
    assert "Retry-After" in response


def test_outage_is_logged(database_away, client, caplog):
    with caplog.at_level(logging.WARNING, logger="quartier.database"):
        client.get("/veranstaltungen/")
    assert any(
        "Database unreachable" in record.getMessage() and "/veranstaltungen/" in record.getMessage()
        for record in caplog.records
        if record.name == "quartier.database"
    )


def test_site_answers_again_once_the_database_is_back(database_away, client):
    # A list that reads the database and answers 200 whatever rows the database holds
    # (a test with transaction=True may have emptied it before this one).
    url = "/api/v1/municipalities/"
    assert client.get(url).status_code == 503
    database_away.end()
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_cancelled_query_is_not_taken_for_an_outage():
    with (
        pytest.raises(OperationalError) as raised,
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET LOCAL statement_timeout = 1")
        cursor.execute("SELECT pg_sleep(1)")
    assert not database_unreachable(raised.value)


def test_other_errors_still_get_the_500_page():
    request = RequestFactory().get("/")
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        response = server_error_or_unavailable(request)
    assert response.status_code == 500
