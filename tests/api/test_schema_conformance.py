"""schemathesis against /api/v1/schema/ on a live server with the demo loaded.

Every operation of the schema gets generated requests (valid and invalid parameters);
no answer may be a 5xx, and every answer must conform to the schema: its status code,
content type and body. The run is bounded (a few examples per operation) so that it
adds about a minute to the suite.
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

EXAMPLES_PER_OPERATION = 12
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
            case.call_and_validate(base_url=live_server.url, checks=CHECKS)

        check()
