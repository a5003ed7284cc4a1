"""schemathesis against /api/v1/schema/ on a live server with the demo loaded.

Every operation of the schema gets generated requests (valid and invalid parameters);
no answer may be a 5xx, and every answer must conform to the schema: its status code,
content type and body. The run is bounded (a few examples per operation) so that it
adds about a minute to the suite. Every request carries a fresh token of a demo resident,
so the resident endpoints are exercised signed in (a signed-out token would leave the
operations after `auth/logout/` with nothing but 401s).
"""

import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from cms.api.models import ResidentToken
from cms.api.tokens import password_mark
from exchange.models import Member

EXAMPLES_PER_OPERATION = 12
DEMO_RESIDENT = "renate.s@quartier.invalid"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.mark.django_db(transaction=True)
def test_every_answer_of_the_api_conforms_to_its_schema(live_server):
    # A transactional test runs after all others and must build its own data; the
    # server thread sees only committed rows.
    # load_demo is idempotent: it completes the session's places where they exist.
    call_command("load_demo", verbosity=0)
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/?format=json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(
                base_url=live_server.url,
                checks=CHECKS,
                headers={"Authorization": f"Token {_resident_token()}"},
            )

        check()


def _resident_token() -> str:
    """A new token of the demo's approved resident Renate S. in Gelsenkirchen."""
    member = Member.objects.select_related("user").get(
        user__username=DEMO_RESIDENT, municipality__slug="gelsenkirchen"
    )
    _token, key = ResidentToken.objects.create(
        user=member.user, member=member, password_mark=password_mark(member.user)
    )
    return key
