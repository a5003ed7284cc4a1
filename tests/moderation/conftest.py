"""The exchange's fixtures, for the reports of listings and members."""

from tests.exchange.conftest import (  # noqa: F401
    delbrueck_admin,
    delbrueck_listing,
    ge_admin,
    ge_category,
    ge_listing,
    ge_member,
)
