"""A password hasher that counts its work, for tests that compare paths by work done."""

from django.contrib.auth.hashers import MD5PasswordHasher


class CountingPasswordHasher(MD5PasswordHasher):
    """The test suite's fast MD5 hasher, counting every password it hashes.

    Checking a password hashes it too (`verify` encodes and compares), so `hashed`
    counts checks and new hashes alike: the work a sign-in or registration does.
    """

    hashed = 0

    def encode(self, password, salt):
        type(self).hashed += 1
        return super().encode(password, salt)


def counting_hasher(settings) -> type[CountingPasswordHasher]:
    """Make the counting hasher the only one (pytest-django's `settings`), from zero."""
    settings.PASSWORD_HASHERS = ["tests.hashers.CountingPasswordHasher"]
    CountingPasswordHasher.hashed = 0
    return CountingPasswordHasher
