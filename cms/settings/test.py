"""Settings for the test suite: PostgreSQL from DATABASE_URL, mail kept in memory.

`make test` starts a throwaway PostgreSQL cluster and sets DATABASE_URL when none is
given (scripts/throwaway_postgres.py).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(
        "The tests run on PostgreSQL: set DATABASE_URL, or run them with `make test`, "
        "which starts a throwaway cluster."
    )

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = [".localhost", "127.0.0.1", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
QUARTIER_ALLOW_DEMO_DATA = True
# The demo loader (`load_demo`, `demo_accounts`) is installed here only, never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "cms.demo"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
# Sign-in lockout counters in a cache of their own, so that tests can start from none
# (tests/conftest.py) without emptying the caches other tests rely on.
CACHES = {
    **CACHES,
    "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rl"},
    # Cached PDFs and used form tokens: emptied before every test (tests/conftest.py).
    "requests": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rq"},
}
QUARTIER_RATELIMIT_CACHE = "ratelimit"
# Small limits for messages and certificate checks, so that tests reach them quickly.
QUARTIER_MESSAGE_MAX_PER_WINDOW = 5
QUARTIER_CERTIFICATE_CHECK_MAX_PER_CLIENT = 5
# Small abuse limits, so that tests reach them in a few requests.
QUARTIER_REGISTRATION_MAX_PER_ACCOUNT = 3
QUARTIER_REGISTRATION_MAX_PER_CLIENT = 5
QUARTIER_LISTING_MAX_PER_ACCOUNT = 3
QUARTIER_LISTING_MAX_PER_CLIENT = 5
QUARTIER_REPORT_MAX_PER_ACCOUNT = 3
QUARTIER_REPORT_MAX_PER_CLIENT = 5
QUARTIER_ACCOUNT_MAILS_PER_ADDRESS = 3
QUARTIER_ACCOUNT_MAILS_PER_CLIENT = 5
# High, so that the tenancy matrix reaches every PDF; tests/printing/test_pdf_limits.py
# sets a small limit itself.
QUARTIER_PDF_MAX_PER_CLIENT = 10_000
QUARTIER_PDF_CACHE = "requests"
QUARTIER_IDEMPOTENCY_CACHE = "requests"
QUARTIER_IDEMPOTENCY_WAIT = 0.5
WAGTAILADMIN_BASE_URL = "http://testserver"
# Small import caps, so that tests reach them with a few events.
QUARTIER_IMPORT_MAX_OCCURRENCES_PER_EVENT = 60
QUARTIER_IMPORT_MAX_OCCURRENCES_PER_FEED = 200

# Static files come from the app folders through staticfiles here; WhiteNoise serves the
# collected files in production only.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]
# Tests never leave the machine: the offline glossary translator, whatever is set.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = GLOSSARY_MACHINE_TRANSLATOR
# The schema run and the query-count tests send many requests from one address and
# token; the throttling tests set small rates themselves (tests/api/residents).
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {"anon": "100000/minute", "resident": "100000/minute"}
