"""The API's throttle for answers that come from the response cache (cms.core.response_cache).

A cached answer never reaches the API's views, so the cache asks this gate first: it
counts the request with the API's own throttles and, over the rate, answers with the
same 429 problem details as a view would.
"""

from rest_framework.response import Response
from rest_framework.views import APIView


class _ThrottleGate(APIView):
    """Runs the API's authentication and throttles and nothing else."""

    def get(self, request, *args, **kwargs):
        return Response(status=204)

    head = get


_gate_view = _ThrottleGate.as_view()


def throttle_cached_answer(request):
    """None when the request may have its cached answer; the 429 otherwise."""
    response = _gate_view(request)
    if response.status_code == 204:
        return None
    return response.render()
