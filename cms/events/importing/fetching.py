"""Fetching a feed: pinned-address HTTP(S) within time and size limits, or a local file.

Knows nothing of iCal or of pages. The guards: only http(s) URLs; the host's addresses
are resolved once and refused when they are loopback, private, link-local or otherwise
internal (unless QUARTIER_ICAL_ALLOW_PRIVATE_ADDRESSES is on), and the connection goes
to exactly the address that was checked, so a second DNS answer cannot point it
elsewhere; a time limit for the whole download and a size limit
(QUARTIER_ICAL_FETCH_TIMEOUT, QUARTIER_ICAL_MAX_BYTES); redirects are followed a few
times, each one checked again.
"""

import http.client
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


def _is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, whatever DNS says the second time."""

    def __init__(self, *args, address: str, **kwargs):
        super().__init__(*args, **kwargs)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, address: str, **kwargs):
        super().__init__(*args, context=ssl.create_default_context(), **kwargs)
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _checked_address(host: str, port: int) -> str:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FeedError(_("Der Server „%s“ ist nicht bekannt.") % host) from error
    addresses = [info[4][0] for info in infos]
    if not settings.QUARTIER_ICAL_ALLOW_PRIVATE_ADDRESSES and not all(
        _is_public_address(address) for address in addresses
    ):
        raise FeedError(
            _(
                "Die Adresse „%s“ zeigt auf ein internes Netz; "
                "solche Kalender werden nicht abgerufen."
            )
            % host
        )
    return addresses[0]


def fetch_feed(url: str) -> bytes:
    """Download a feed within the size and time limits, refusing internal addresses."""
    max_bytes = settings.QUARTIER_ICAL_MAX_BYTES
    timeout = settings.QUARTIER_ICAL_FETCH_TIMEOUT
    deadline = clock.monotonic() + timeout
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
        connection = connection_class(parts.hostname, port, timeout=timeout, address=address)
        target = parts.path or "/"
        if parts.query:
            target += f"?{parts.query}"
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
            while chunk := response.read(64 * 1024):
                data += chunk
                if len(data) > max_bytes:
                    raise FeedError(_("Der Kalender ist größer als %d Bytes.") % max_bytes)
                if clock.monotonic() > deadline:
                    raise FeedError(_("Der Abruf dauerte länger als %d Sekunden.") % timeout)
            return bytes(data)
        except TimeoutError as error:
            raise FeedError(_("Der Abruf dauerte länger als %d Sekunden.") % timeout) from error
        except (OSError, http.client.HTTPException) as error:
            raise FeedError(_("Der Kalender konnte nicht abgerufen werden: %s") % error) from error
        finally:
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
