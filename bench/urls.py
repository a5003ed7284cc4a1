"""The project's URLs plus the load benchmark's ceiling: a bare view of a given size.

`/bench/ceiling/<bytes>/` answers a JSON body of that many bytes without touching the
database, through the same middleware as the API: what the server can do at best
for an answer of that size (see api_bench.py).
"""

from functools import cache

from django.http import HttpResponse
from django.urls import path

from cms.urls import handler500
from cms.urls import urlpatterns as project_urlpatterns


@cache
def _body(size: int) -> bytes:
    filler = max(size - len(b'{"x":""}'), 0)
    return b'{"x":"' + b"x" * filler + b'"}'


def ceiling(request, size: int):
    return HttpResponse(_body(min(size, 10_000_000)), content_type="application/json")


urlpatterns = [path("bench/ceiling/<int:size>/", ceiling), *project_urlpatterns]
# Django looks for the error handlers in the root URL conf: the project's, here too.
__all__ = ["handler500", "urlpatterns"]
