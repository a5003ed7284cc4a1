"""Role users of both municipalities for the info box and sponsor tests."""

import pytest

from tests.factories import UserFactory
from tests.media import role_user


@pytest.fixture
def ge_admin(gelsenkirchen):
    """A municipality admin (Kommunenadministration) of Gelsenkirchen."""
    return role_user(gelsenkirchen, "municipality_admin")


@pytest.fixture
def delbrueck_admin(delbrueck):
    return role_user(delbrueck, "municipality_admin")


@pytest.fixture
def superuser(db):
    return UserFactory(username="plattform-admin", is_superuser=True, is_staff=True)
