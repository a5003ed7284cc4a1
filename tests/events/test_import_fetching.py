"""Fetching a feed: one deadline for the whole download, only globally routable addresses."""

import socket
import threading
import time

import pytest

from cms.events.importing import FeedError, fetch_feed
from cms.events.importing.fetching import _is_public_address

SLACK_SECONDS = 1.5
FEED = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"


class _DrippingServer:
    """A server on 127.0.0.1 that answers one byte a second, from the status line on
    (`drip="head"`) or after complete headers (`drip="body"`)."""

    def __init__(self, drip: str):
        self.drip = drip
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        self.listener.settimeout(0.2)
        while not self.stopped.is_set():
            try:
                connection, _address = self.listener.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(0.2)
                try:
                    connection.recv(4096)
                    head = b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"
                    if self.drip == "body":
                        connection.sendall(head)
                        payload = FEED * 2000
                    else:
                        payload = head
                    for byte in payload:
                        if self.stopped.wait(1):
                            break
                        connection.sendall(bytes([byte]))
                except OSError:
                    continue

    def close(self):
        self.stopped.set()
        self.thread.join(5)
        self.listener.close()


@pytest.fixture
def dripping_server(settings):
    settings.QUARTIER_ICAL_ALLOW_PRIVATE_ADDRESSES = True
    settings.QUARTIER_ICAL_FETCH_TIMEOUT = 2
    servers = []

    def start(drip):
        server = _DrippingServer(drip)
        servers.append(server)
        return f"http://127.0.0.1:{server.port}/feed.ics"

    yield start
    for server in servers:
        server.close()


def _timed_fetch(url):
    began = time.monotonic()
    with pytest.raises(FeedError, match="länger als 2 Sekunden") as error:
        fetch_feed(url)
    return time.monotonic() - began, error


def test_server_dripping_its_status_line_is_cut_off_at_the_deadline(dripping_server):
    elapsed, _error = _timed_fetch(dripping_server("head"))
    assert elapsed < 2 + SLACK_SECONDS


def test_server_dripping_its_body_is_cut_off_at_the_deadline(dripping_server):
    elapsed, _error = _timed_fetch(dripping_server("body"))
    assert elapsed < 2 + SLACK_SECONDS


@pytest.mark.parametrize(
    "address",
    [
        "100.64.0.1",  # shared address space (carrier-grade NAT, some clouds' metadata)
        "100.127.255.254",
        "0.0.0.0",  # noqa: S104 (an address to refuse, not one to bind)
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "192.0.2.1",  # documentation
        "198.18.0.1",  # benchmarking
        "224.0.0.1",  # multicast
        "255.255.255.255",
        "::",
        "::1",
        "fe80::1",
        "fec0::1",  # site-local
        "fc00::1",
        "ff02::1",  # multicast
        "2002:7f00:1::1",  # 6to4 wrapping 127.0.0.1
        "2002:808:808::1",  # 6to4, even wrapping a public address
        "::ffff:127.0.0.1",
        "::ffff:100.64.0.1",
        "64:ff9b::7f00:1",  # NAT64 wrapping 127.0.0.1
        "64:ff9b::a00:1",  # NAT64 wrapping 10.0.0.1
        "64:ff9b::6440:1",  # NAT64 wrapping 100.64.0.1
        "2001:db8::1",
        "not-an-address",
    ],
)
def test_internal_address_is_not_public(address):
    assert not _is_public_address(address)


@pytest.mark.parametrize(
    "address", ["8.8.8.8", "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::808:808"]
)
def test_globally_routable_address_is_public(address):
    assert _is_public_address(address)


@pytest.mark.parametrize(
    "url",
    [
        "http://100.64.0.1/x.ics",
        "http://[fec0::1]/x.ics",
        "http://[2002:7f00:1::1]/x.ics",
        "http://[::ffff:127.0.0.1]/x.ics",
        "http://[64:ff9b::7f00:1]/x.ics",
        "http://0.0.0.0/x.ics",
    ],
)
def test_fetch_refuses_internal_ranges_before_connecting(settings, url, monkeypatch):
    settings.QUARTIER_ICAL_ALLOW_PRIVATE_ADDRESSES = False

    def no_connection(*args, **kwargs):
        raise AssertionError("connected to an internal address")

    monkeypatch.setattr(socket, "create_connection", no_connection)
    with pytest.raises(FeedError, match="internes Netz"):
        fetch_feed(url)


def test_address_actually_connected_to_is_checked(settings, monkeypatch):
    """DNS said public, the socket ends up on loopback: refused before anything is sent."""
    settings.QUARTIER_ICAL_ALLOW_PRIVATE_ADDRESSES = False
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda *args, **kwargs: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("8.8.8.8", port))],
    )

    def connect_to_loopback(address, *args, **kwargs):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.connect(("127.0.0.1", port))
        return sock

    monkeypatch.setattr(socket, "create_connection", connect_to_loopback)
    try:
        with pytest.raises(FeedError, match="internes Netz"):
            fetch_feed(f"http://calendar.example:{port}/x.ics")
    finally:
        listener.close()


def test_redirect_to_an_internal_address_is_refused(settings, monkeypatch):
    settings.QUARTIER_ICAL_ALLOW_PRIVATE_ADDRESSES = True
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def answer_with_redirect():
        connection, _address = listener.accept()
        with connection:
            connection.recv(4096)
            # The request came from the checked local address; from here on only
            # globally routable addresses are allowed, as in production.
            settings.QUARTIER_ICAL_ALLOW_PRIVATE_ADDRESSES = False
            connection.sendall(
                b"HTTP/1.1 302 Found\r\nLocation: http://100.64.0.1/x.ics\r\n"
                b"Content-Length: 0\r\n\r\n"
            )

    thread = threading.Thread(target=answer_with_redirect, daemon=True)
    thread.start()
    try:
        with pytest.raises(FeedError, match="internes Netz"):
            fetch_feed(f"http://127.0.0.1:{port}/x.ics")
    finally:
        thread.join(5)
        listener.close()
