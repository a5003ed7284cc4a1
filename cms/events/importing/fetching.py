"""Fetching a feed: pinned-address HTTP(S) within one deadline and a size limit, or a file.

Knows nothing of iCal or of pages. The guards:
- only http(s) URLs;
- only globally routable addresses (`ipaddress.is_global`, not multicast; IPv4 wrapped
  in IPv6 — mapped, NAT64 — is judged by the IPv4 inside, 6to4 and site-local are refused
  outright), unless QUARTIER_ICAL_ALLOW_PRIVATE_ADDRESSES is on. The host's addresses
  are resolved once and all must pass; the connection goes to exactly the address that
  was checked, and the peer address of the open socket is checked again, so a second
  DNS answer cannot point it elsewhere. Redirects are followed a few times, each new
  address checked the same way;
- one deadline for the whole download, redirects included (QUARTIER_ICAL_FETCH_TIMEOUT):
  every connect, TLS handshake, send and receive gets only the time that is left, so a
  server dripping its status line, headers or body one byte at a time is cut off;
- a size limit (QUARTIER_ICAL_MAX_BYTES).
"""

import http.client
import io
import ipaddress
import socket
import ssl
import time as clock
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import FeedError

MAX_REDIRECTS = 3
USER_AGENT = "Quartier-Kalenderimport/1.0"
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _is_public_address(address: str) -> bool:
    """Whether an address is globally routable, judging wrapped IPv4 by what it wraps."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return _is_public_address(str(ip.ipv4_mapped))
        if ip in _NAT64:
            return _is_public_address(str(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)))
        # 6to4 (2002::/16) can wrap any IPv4 address, loopback included, and site-local
        # (fec0::/10) is internal by definition; Python counts both as global.
        if ip.sixtofour is not None or ip.is_site_local:
            return False
    return ip.is_global and not ip.is_multicast


class FetchTimeout(TimeoutError):
    """The overall deadline of one fetch has passed."""


class _Deadline:
    """The time left of one fetch, handed to every blocking socket call."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._end = clock.monotonic() + seconds

    def remaining(self) -> float:
        left = self._end - clock.monotonic()
        if left <= 0:
            raise FetchTimeout
        return left


class _DeadlineReader(io.RawIOBase):
    """The receiving side of a socket; each read may wait only for the time left."""

    def __init__(self, owner: "_DeadlineSocket"):
        super().__init__()
        self._owner = owner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        sock = self._owner.sock
        sock.settimeout(self._owner.deadline.remaining())
        return sock.recv_into(buffer)

    def close(self) -> None:
        if not self.closed:
            super().close()
            self._owner.release()


class _DeadlineSocket:
    """A connected socket for http.client whose sends and receives keep to one deadline.

    http.client reads the status line, headers and body through `makefile()` and sends
    with `sendall()`; a timeout set once would apply to each call separately, so a
    server sending one byte a second would never trip it. Like `socket.makefile()`, the
    socket stays open until the connection and every reader made from it are closed
    (http.client closes the connection early when the server says it will close).
    """

    def __init__(self, sock: socket.socket, deadline: _Deadline):
        self.sock = sock
        self.deadline = deadline
        self._readers = 0
        self._closed = False

    def makefile(self, mode: str = "rb", *args, **kwargs):
        self._readers += 1
        return io.BufferedReader(_DeadlineReader(self))

    def sendall(self, data) -> None:
        self.sock.settimeout(self.deadline.remaining())
        self.sock.sendall(data)

    def release(self) -> None:
        self._readers -= 1
        if self._closed and not self._readers:
            self.sock.close()

    def close(self) -> None:
        self._closed = True
        if not self._readers:
            self.sock.close()

    def __getattr__(self, name):
        return getattr(self.sock, name)


def _refuse_internal(host: str, addresses: list[str]) -> None:
    if settings.QUARTIER_ICAL_ALLOW_PRIVATE_ADDRESSES:
        return
    if not addresses or not all(_is_public_address(address) for address in addresses):
        raise FeedError(
            _(
                "Die Adresse „%s“ zeigt auf ein internes Netz; "
                "solche Kalender werden nicht abgerufen."
            )
            % host
        )


def _connect(address: str, port: int, host: str, deadline: _Deadline, *, tls: bool):
    sock = socket.create_connection((address, port), deadline.remaining())
    try:
        # The address actually connected to, not only the one that was meant.
        _refuse_internal(host, [sock.getpeername()[0]])
        if tls:
            sock.settimeout(deadline.remaining())  # the handshake as a whole keeps to it
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
    except BaseException:
        sock.close()
        raise
    return _DeadlineSocket(sock, deadline)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, whatever DNS says the second time."""

    def __init__(self, *args, address: str, deadline: _Deadline, **kwargs):
        super().__init__(*args, **kwargs)
        self._address = address
        self._deadline = deadline

    def connect(self):
        self.sock = _connect(self._address, self.port, self.host, self._deadline, tls=False)


class _PinnedHTTPSConnection(_PinnedHTTPConnection):
    default_port = http.client.HTTPS_PORT

    def connect(self):
        self.sock = _connect(self._address, self.port, self.host, self._deadline, tls=True)


def _checked_address(host: str, port: int) -> str:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FeedError(_("Der Server „%s“ ist nicht bekannt.") % host) from error
    addresses = [info[4][0] for info in infos]
    _refuse_internal(host, addresses)
    return addresses[0]


def _too_slow(deadline: _Deadline) -> FeedError:
    return FeedError(
        _("Der Abruf dauerte länger als %d Sekunden und wurde abgebrochen.")
        % round(deadline.seconds)
    )


def fetch_feed(url: str) -> bytes:
    """Download a feed within one deadline and the size limit, refusing internal addresses."""
    deadline = _Deadline(settings.QUARTIER_ICAL_FETCH_TIMEOUT)
    try:
        return _fetch(url, deadline)
    except TimeoutError as error:  # FetchTimeout, or a socket call that ran out of time
        raise _too_slow(deadline) from error


def _fetch(url: str, deadline: _Deadline) -> bytes:
    max_bytes = settings.QUARTIER_ICAL_MAX_BYTES
    for _redirect in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FeedError(_("Nur http- und https-Adressen können abgerufen werden: %s") % url)
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as error:
            raise FeedError(_("Die Adresse ist ungültig: %s") % url) from error
        address = _checked_address(parts.hostname, port)
        connection_class = (
            _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
        )
        connection = connection_class(
            parts.hostname, port, address=address, deadline=deadline, timeout=deadline.seconds
        )
        target = parts.path or "/"
        if parts.query:
            target += f"?{parts.query}"
        response = None
        try:
            connection.request(
                "GET", target, headers={"User-Agent": USER_AGENT, "Accept": "text/calendar"}
            )
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                continue
            if response.status != 200:
                raise FeedError(
                    _("Der Server antwortete mit Status %(status)d für %(url)s")
                    % {"status": response.status, "url": url}
                )
            declared = response.getheader("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FeedError(_("Der Kalender ist größer als %d Bytes.") % max_bytes)
            data = bytearray()
            while chunk := response.read1(64 * 1024):
                data += chunk
                if len(data) > max_bytes:
                    raise FeedError(_("Der Kalender ist größer als %d Bytes.") % max_bytes)
            return bytes(data)
        except TimeoutError:
            raise
        except (OSError, http.client.HTTPException, ValueError) as error:
            raise FeedError(_("Der Kalender konnte nicht abgerufen werden: %s") % error) from error
        finally:
            if response is not None:
                response.close()
            connection.close()
    raise FeedError(_("Zu viele Weiterleitungen beim Abruf von %s") % url)


def read_source(source: str) -> bytes:
    """The bytes of a feed named by URL or (for the management command) by file path."""
    if urlsplit(source).scheme in ("http", "https"):
        return fetch_feed(source)
    path = Path(source)
    if not path.is_file():
        raise FeedError(_("Die Datei „%s“ gibt es nicht.") % source)
    if path.stat().st_size > settings.QUARTIER_ICAL_MAX_BYTES:
        raise FeedError(
            _("Der Kalender ist größer als %d Bytes.") % settings.QUARTIER_ICAL_MAX_BYTES
        )
    return path.read_bytes()
