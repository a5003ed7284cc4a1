"""The tenancy matrix: every URL that takes an id, for every role, on an own and a foreign object.

What counts (decided once, here):
- *granted*: a 2xx answer, or any write to the database (checked through PostgreSQL's
  per-transaction write counters `pg_stat_xact_user_tables`, bookkeeping tables left
  out). Redirects (to the sign-in or anywhere else), 4xx answers and 405 are refused:
  none of them carries the object's data. A 5xx is an error, never acceptable.
- *wrongly granted*: granted although the role may not: for a foreign object (Delbrück's)
  every role but the platform admin; for an own object (Gelsenkirchen's) wherever
  Wagtail's permission tester, the model's permission policy or the exchange's role rules
  (tests/tenancy/registry.py) say no. Residents and anonymous visitors never reach the
  admin.
- Each combination is requested with GET, and also with an empty POST where refusal is
  expected; every request runs in a savepoint that is rolled back, so one wrongly granted
  write cannot change what the next request sees.

Known gaps that other slices of issue 10 are fixing are listed in KNOWN_GAPS: they must
still be granted (a fixed gap fails the test, so its entry gets removed after merging).
"""

from collections import Counter
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.test import Client
from django.urls import NoReverseMatch, resolve, reverse

from .registry import ALLOWED_WITHOUT_OBJECT, TARGETS
from .urlconf import id_patterns
from .world import FOREIGN, ROLE_ACCOUNTS, STAFF_ROLES, world_build

# Tables written by every request or sign-in, whatever the view decides.
BOOKKEEPING_TABLES = frozenset({"django_session"})

ROLES = tuple(ROLE_ACCOUNTS)
NON_ADMIN = tuple(role for role in ROLES if role != "platform_admin")

STAFF = STAFF_ROLES

# (URL name, roles, side): reason. Open findings of the tenancy issue, each naming what
# is missing; strict: the matrix fails once one of them is refused, then its entry goes.
# All of issue 10's findings are fixed, so none is left.
KNOWN_GAPS_BY_GROUP: dict = {}


def _expand(gaps: dict) -> dict:
    expanded = {}
    for (name, roles, side), reason in gaps.items():
        for role in roles:
            expanded[(name, role, side)] = reason
    return expanded


KNOWN_GAPS = _expand(KNOWN_GAPS_BY_GROUP)


@dataclass(frozen=True)
class Probe:
    """One request of the matrix and what came of it."""

    key: str
    name: str
    role: str
    side: str
    method: str
    url: str
    status: int
    writes: tuple[str, ...]

    writes_only: bool = False

    @property
    def granted(self) -> bool:
        return bool(self.writes) or (not self.writes_only and 200 <= self.status < 300)

    def describe(self) -> str:
        writes = f", wrote {', '.join(self.writes)}" if self.writes else ""
        return (
            f"{self.method.upper()} {self.url} as {self.role} ({self.side}): {self.status}{writes}"
        )


def _grouped(probes: list[Probe]) -> list[str]:
    """One line per request and outcome, naming all roles that got it."""
    roles: dict[tuple, list[str]] = {}
    for probe in probes:
        writes = f", wrote {', '.join(probe.writes)}" if probe.writes else ""
        line = f"{probe.method.upper()} {probe.url} ({probe.side}): {probe.status}{writes}"
        roles.setdefault((probe.name, line), []).append(probe.role)
    return [f"{line} as {', '.join(names)}" for (_name, line), names in sorted(roles.items())]


def _write_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables"
        )
        return dict(cursor.fetchall())


def _request(client: Client, method: str, url: str) -> tuple[int, tuple[str, ...]]:
    savepoint = transaction.savepoint()
    before = _write_counts()
    try:
        response = getattr(client, method)(url)
        after = _write_counts()
    finally:
        transaction.savepoint_rollback(savepoint)
    writes = tuple(
        sorted(
            table
            for table, count in after.items()
            if count != before.get(table, 0) and table not in BOOKKEEPING_TABLES
        )
    )
    return response.status_code, writes


def _url(pattern, target, obj, world, side) -> str:
    if target.args:
        return reverse(pattern.name, args=target.args(obj))
    kwargs = {param: make(obj, world, side) for param, make in target.params.items()}
    route_params = set(pattern.id_params) | {
        param for param in kwargs if f"<{param}>" in pattern.route or f":{param}>" in pattern.route
    }
    kwargs = {param: value for param, value in kwargs.items() if param in route_params}
    return reverse(pattern.name, kwargs=kwargs)


def _may(role: str, user, pattern, target, obj, side) -> bool:
    if target.same_for_everyone:
        return bool(target.allowed(user or AnonymousUser(), obj))
    if side == FOREIGN:
        return role == "platform_admin" and not target.public
    if role == "platform_admin" and not target.public:
        return True
    if pattern.route.startswith("admin/") and role not in STAFF_ROLES:
        return False
    return bool(target.allowed(user or AnonymousUser(), obj))


def _clients(world) -> dict[str, Client]:
    clients = {}
    for role, user in world.users.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        clients[role] = client
    return clients


def test_every_url_with_an_id_is_known_to_the_matrix():
    unknown = [
        pattern.key
        for pattern in id_patterns()
        if pattern.name not in TARGETS
        and pattern.name not in ALLOWED_WITHOUT_OBJECT
        and pattern.shadowed_by not in TARGETS
    ]
    assert not unknown, (
        "URL patterns that take an id but are unknown to tests/tenancy/registry.py; add a "
        "Target (which object fills it, who may open it) or an allow-list entry with a "
        "reason:\n  " + "\n  ".join(unknown)
    )


@pytest.mark.django_db
def test_no_url_grants_a_foreign_or_forbidden_object(record_property):
    world = world_build()
    clients = _clients(world)
    probes: list[Probe] = []
    unreachable, shadowed, errors, build_errors = [], [], [], []
    combinations = 0

    for pattern in id_patterns():
        target = TARGETS.get(pattern.key) or TARGETS.get(pattern.name)
        if target is None or pattern.shadowed_by:
            continue  # allow-listed or answered by another pattern; unknown ones fail above
        for side, objects in world.objects[target.kind].items():
            for obj in objects:
                try:
                    url = _url(pattern, target, obj, world, side)
                except NoReverseMatch as error:
                    build_errors.append(f"{pattern.key}: cannot build the URL ({error})")
                    continue
                match = resolve(url.split("?")[0])
                if match.view_name != pattern.name and match.url_name is not None:
                    shadowed.append(pattern.key)
                    continue
                for role in ROLES:
                    user = world.users[role]
                    may = _may(role, user, pattern, target, obj, side)
                    combinations += 1
                    methods = ("get",) if may or not target.post else ("get", "post")
                    for method in methods:
                        status, writes = _request(clients[role], method, url)
                        probe = Probe(
                            pattern.key,
                            pattern.name,
                            role,
                            side,
                            method,
                            url,
                            status,
                            writes,
                            target.granted_by_writes_only,
                        )
                        if status >= 500:
                            errors.append(probe)
                        elif role == "platform_admin" and may and method == "get" and status == 404:
                            if not target.superuser_unreachable:
                                unreachable.append(probe.describe())
                        elif not may:
                            probes.append(probe)

    wrongly_granted = [probe for probe in probes if probe.granted]
    granted_keys = {(probe.name, probe.role, probe.side) for probe in wrongly_granted}
    new_gaps = [
        probe for probe in wrongly_granted if (probe.name, probe.role, probe.side) not in KNOWN_GAPS
    ]
    fixed_gaps = [
        f"{name} as {role} ({side}): {reason}"
        for (name, role, side), reason in KNOWN_GAPS.items()
        if (name, role, side) not in granted_keys
    ]
    by_status = Counter(probe.status for probe in probes)
    record_property(
        "tenancy_matrix",
        f"tenancy matrix: {combinations} (URL, role, object) combinations tried, "
        f"{len(new_gaps)} wrongly granted, {len(KNOWN_GAPS)} known gaps of issue 10 "
        f"still open (refusals by status: {dict(sorted(by_status.items()))})",
    )
    problems = []
    if errors or build_errors:
        problems.append(
            "server errors or unbuildable URLs:\n  "
            + "\n  ".join([*build_errors, *_grouped(errors)])
        )
    if unreachable:
        problems.append(
            "the platform admin got 404, so the registry fills a wrong id:\n  "
            + "\n  ".join(unreachable)
        )
    if new_gaps:
        problems.append("wrongly granted:\n  " + "\n  ".join(_grouped(new_gaps)))
    if fixed_gaps:
        problems.append(
            "known gaps now refused (remove them from KNOWN_GAPS):\n  " + "\n  ".join(fixed_gaps)
        )
    assert not problems, "\n".join(problems)
    assert combinations > 1000, f"only {combinations} combinations: the world is too small"
