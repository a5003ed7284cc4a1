"""Production settings: refuse to start without a secret key and allowed hosts.

These settings pass `manage.py check --deploy --fail-level WARNING` (pinned by a test).
TLS is terminated in front of the app servers; SECURE_PROXY_SSL_HEADER is trusted only
when TRUST_X_FORWARDED_PROTO says so.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_list, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", required=True)
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 random characters long.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("The environment variable ALLOWED_HOSTS must be set.")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    # Preloading binds the whole domain (often a city's) to HTTPS in every browser for
    # good; that is the city's decision, not this application's default.
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
if env_bool("TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

QUARTIER_ALLOW_DEMO_DATA = env_bool("QUARTIER_ALLOW_DEMO_DATA", default=False)

# Mails and other background work are queued in the database and run by
# `manage.py db_worker` (README, "Mails"); never inside a request.
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Persistent database connections: opening a PostgreSQL connection per request cost
# 30-50 % of the throughput under load (issue 16). A connection is kept this many
# seconds and checked before a request reuses it, so a restarted database costs one
# failed check per worker, not a 500 (DATABASE_CONN_MAX_AGE=0 opens one per request).
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
