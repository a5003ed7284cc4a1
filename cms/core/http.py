"""Conditional GET for feeds and the API: ETag and Last-Modified, answered with 304."""

import hashlib
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag


def answer_conditionally(
    request: HttpRequest,
    response: HttpResponse,
    *,
    last_modified: datetime | None = None,
    etag_content: bytes | None = None,
) -> HttpResponse:
    """Give a finished response its validators and answer a matching request with 304.

    The ETag is a digest of the body (or of `etag_content`, the body without what
    changes on every request, such as the time of the answer), so it changes exactly
    when what a client would receive changes, also when an item leaves the selection,
    which no timestamp shows.
    """
    if response.status_code != 200 or response.streaming:
        return response
    content = response.content if etag_content is None else etag_content
    etag = quote_etag(hashlib.blake2b(content, digest_size=16).hexdigest())
    response["ETag"] = etag
    timestamp = int(last_modified.timestamp()) if last_modified is not None else None
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    return get_conditional_response(request, etag=etag, last_modified=timestamp, response=response)
