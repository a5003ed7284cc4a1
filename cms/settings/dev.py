"""Settings for the demo site started by `make run`: SQLite, DEBUG, mail to the console."""

from .base import *  # noqa: F403
from .env import env_str

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = [".localhost", "127.0.0.1", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
QUARTIER_ALLOW_DEMO_DATA = True
# The demo loader (`load_demo`, `demo_accounts`) is installed here only, never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "cms.demo"]

# Plain storage so that the dev server needs no collectstatic step.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"

# The demo loader creates many pages; Wagtail's per-page log lines are noise here.
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}

# Static files come from the app folders through staticfiles here; WhiteNoise serves the
# collected files in production only.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = (
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR or GLOSSARY_MACHINE_TRANSLATOR
)

# The browsable API helps while building an app; production answers JSON only.
REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"] = [
    "cms.api.renderers.FastJSONRenderer",
    "rest_framework.renderers.BrowsableAPIRenderer",
]
