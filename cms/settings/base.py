"""Settings shared by every environment.

Everything that differs between machines is read from the environment (see README.md,
"Configuration"). The defaults here are safe for production: DEBUG is off and nothing is
trusted by default; `dev` and `test` loosen what they need.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
CMS_DIR = BASE_DIR / "cms"

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Quartier
    "cms.core",
    "cms.places",
    "cms.home",
    "cms.news",
    "cms.providers",
    "cms.events",
    "cms.printing",
    "cms.infoscreen",
    "cms.roles",
    "cms.search",
    "cms.api",
    "cms.translations",
    "cms.workspace",
    "cms.noticeboard",
    "blocks",
    "moderation",
    "exchange",
    "themes",
    # Wagtail and its neighbours
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    # The tasks table of the database backend (TASKS_BACKEND, see README "Mails").
    "django_tasks_db",
    "django_tasks",
    "csp",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.core.middleware.ContentSecurityPolicyMiddleware",
    "cms.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Links on a page under /ar/ (etc.) stay under /ar/ (cms/core/language_prefix.py).
    "cms.core.language_prefix.LanguagePrefixMiddleware",
    "themes.middleware.DisplayPreferencesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A foreign page or contact named in an admin URL is a 404 (cms/core/page_scoping.py).
    "cms.core.page_scoping.AdminTenancyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Whole responses of anonymous GETs, keyed by the content version (cms/core/response_cache.py).
    "cms.core.response_cache.ResponseCacheMiddleware",
    # Wagtail's Site of the host from the version cache, not a query per request (after
    # the response cache: an answer from there needs no Site).
    "cms.core.middleware.CachedSiteMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite by default so that one command starts a demo; PostgreSQL (psycopg 3)
# in production and in the test suite, through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
# SQLite ignores select_for_update: there, every transaction takes the write lock when
# it begins, so that two requests changing one listing's state are served one after the
# other and the second checks the state the first one left (as the row locks do on
# PostgreSQL).
SILENCED_SYSTEM_CHECKS: list[str] = []
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
    # The covering indexes' INCLUDE columns are for PostgreSQL's index-only scans;
    # SQLite builds the same index without them (the demo needs no note of it).
    SILENCED_SYSTEM_CHECKS.append("models.W040")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory per process unless REDIS_URL points at a shared cache, which
# stateless app servers behind a load balancer need.
_redis_url = env_str("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        # Per process without Redis: the frame, the filters' choices, the calendars' URLs
        # and the kept page routes (cms.core.version_cache), a few kB each; Django's
        # default of 300 entries would let a crawl of the site push the frame out.
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": env_int("QUARTIER_CACHE_MAX_ENTRIES", 5000)},
        }
    ),
    # Whole responses (cms.core.response_cache): in Redis when shared, else per process
    # with a bound on the number of entries (each at most QUARTIER_RESPONSE_CACHE_MAX_BYTES).
    "responses": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "responses",
            "OPTIONS": {"MAX_ENTRIES": env_int("QUARTIER_RESPONSE_CACHE_MAX_ENTRIES", 200)},
        }
    ),
}

# The response cache (cms.core.response_cache): whole responses of anonymous GETs under
# the content version, so never stale; the lifetime only clears out entries of old
# versions. Responses larger than the limit are built every time. The cookies named
# here select a different page (the display preferences) and are part of the key.
QUARTIER_RESPONSE_CACHE = env_bool("QUARTIER_RESPONSE_CACHE", default=True)
QUARTIER_RESPONSE_CACHE_ALIAS = "responses"
QUARTIER_RESPONSE_CACHE_TIMEOUT = env_int("QUARTIER_RESPONSE_CACHE_TIMEOUT_SECONDS", 24 * 60 * 60)
QUARTIER_RESPONSE_CACHE_MAX_BYTES = env_int("QUARTIER_RESPONSE_CACHE_MAX_BYTES", 2 * 1024 * 1024)
QUARTIER_RESPONSE_CACHE_COOKIES = ["quartier_darstellung"]
QUARTIER_RESPONSE_CACHE_EXCLUDED_PREFIXES = ["/admin/", "/documents/", "/_util/", "/django-admin/"]

# Background work through Django's task framework (django-tasks, which Wagtail uses).
# In-process by default; a worker backend is chosen by TASKS_BACKEND.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# Sign-in lockout (cms.core.signin) on the admin's, the residents' and the page-password
# forms: after this many failures for one account within the window, or from one client
# address, signing in is refused for the cool-off time. Generous numbers: older people
# mistype, and a care home or library shares one address among many.
QUARTIER_SIGNIN_MAX_FAILURES = env_int("QUARTIER_SIGNIN_MAX_FAILURES", 5)
QUARTIER_SIGNIN_MAX_FAILURES_PER_CLIENT = env_int("QUARTIER_SIGNIN_MAX_FAILURES_PER_CLIENT", 30)
QUARTIER_SIGNIN_FAILURE_WINDOW = env_int("QUARTIER_SIGNIN_FAILURE_WINDOW_MINUTES", 15) * 60
QUARTIER_SIGNIN_COOLOFF = env_int("QUARTIER_SIGNIN_COOLOFF_MINUTES", 15) * 60
# The cache that holds the counters (cms.core.ratelimit); the default cache is shared by
# all app processes when REDIS_URL is set.
QUARTIER_RATELIMIT_CACHE = "default"
# Reports (moderation.reports): open reports from this many different members hide a
# listing until a moderator decides.
MODERATION_REPORT_HIDE_THRESHOLD = env_int("MODERATION_REPORT_HIDE_THRESHOLD", 3)
# Abuse limits of the exchange (exchange.limits), per account and per client address;
# a care home or library may share one address, so the client allows more.
QUARTIER_REGISTRATION_MAX_PER_ACCOUNT = env_int("QUARTIER_REGISTRATION_MAX_PER_ACCOUNT", 3)
QUARTIER_REGISTRATION_MAX_PER_CLIENT = env_int("QUARTIER_REGISTRATION_MAX_PER_CLIENT", 10)
QUARTIER_REGISTRATION_WINDOW = env_int("QUARTIER_REGISTRATION_WINDOW_MINUTES", 60) * 60
QUARTIER_REGISTRATION_COOLOFF = env_int("QUARTIER_REGISTRATION_COOLOFF_MINUTES", 60) * 60
QUARTIER_LISTING_MAX_PER_ACCOUNT = env_int("QUARTIER_LISTING_MAX_PER_ACCOUNT", 10)
QUARTIER_LISTING_MAX_PER_CLIENT = env_int("QUARTIER_LISTING_MAX_PER_CLIENT", 40)
QUARTIER_LISTING_WINDOW = env_int("QUARTIER_LISTING_WINDOW_MINUTES", 24 * 60) * 60
QUARTIER_LISTING_COOLOFF = env_int("QUARTIER_LISTING_COOLOFF_MINUTES", 60) * 60
QUARTIER_REPORT_MAX_PER_ACCOUNT = env_int("QUARTIER_REPORT_MAX_PER_ACCOUNT", 10)
QUARTIER_REPORT_MAX_PER_CLIENT = env_int("QUARTIER_REPORT_MAX_PER_CLIENT", 30)
QUARTIER_REPORT_WINDOW = env_int("QUARTIER_REPORT_WINDOW_MINUTES", 60) * 60
QUARTIER_REPORT_COOLOFF = env_int("QUARTIER_REPORT_COOLOFF_MINUTES", 60) * 60
# Behind one reverse proxy that appends the client's address to X-Forwarded-For.
QUARTIER_TRUST_X_FORWARDED_FOR = env_bool("QUARTIER_TRUST_X_FORWARDED_FOR", default=False)
WAGTAILADMIN_USER_LOGIN_FORM = "cms.core.signin.AdminLoginForm"
# Messages of the exchange (exchange.conversations.MESSAGE_SEND), per account: this many
# within the window, then the cool-off time without sending.
QUARTIER_MESSAGE_MAX_PER_WINDOW = env_int("QUARTIER_MESSAGE_MAX_PER_WINDOW", 30)
QUARTIER_MESSAGE_WINDOW = env_int("QUARTIER_MESSAGE_WINDOW_MINUTES", 60) * 60
QUARTIER_MESSAGE_COOLOFF = env_int("QUARTIER_MESSAGE_COOLOFF_MINUTES", 30) * 60
# Checks of volunteering certificates' codes (exchange.certificates.CERTIFICATE_CHECK),
# per client address, so that nobody can try codes by the thousand.
QUARTIER_CERTIFICATE_CHECK_MAX_PER_CLIENT = env_int("QUARTIER_CERTIFICATE_CHECK_MAX_PER_CLIENT", 20)
QUARTIER_CERTIFICATE_CHECK_WINDOW = env_int("QUARTIER_CERTIFICATE_CHECK_WINDOW_MINUTES", 15) * 60
QUARTIER_CERTIFICATE_CHECK_COOLOFF = env_int("QUARTIER_CERTIFICATE_CHECK_COOLOFF_MINUTES", 15) * 60
# Password reset and new confirmation links of the exchange (exchange.account_views):
# requests per address and per client address within the window, then locked for the
# cool-off time. Each request sends a mail, so the numbers are small.
QUARTIER_ACCOUNT_MAILS_PER_ADDRESS = env_int("QUARTIER_ACCOUNT_MAILS_PER_ADDRESS", 3)
QUARTIER_ACCOUNT_MAILS_PER_CLIENT = env_int("QUARTIER_ACCOUNT_MAILS_PER_CLIENT", 20)
QUARTIER_ACCOUNT_MAILS_WINDOW = env_int("QUARTIER_ACCOUNT_MAILS_WINDOW_MINUTES", 60) * 60
QUARTIER_ACCOUNT_MAILS_COOLOFF = env_int("QUARTIER_ACCOUNT_MAILS_COOLOFF_MINUTES", 60) * 60

# Internationalisation: German first. Interface languages and content languages are the
# same list; wagtail-localize translates pages and snippets between them.
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("tr", "Türkçe"),
    ("ar", "العربية"),
    ("uk", "Українська"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# Static files and media. Static files are served by WhiteNoise from the app server;
# media can be moved to object storage by naming another storage backend.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {
        "BACKEND": env_str("MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# E-mail: SMTP in production, configured through EMAIL_URL-style variables.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Quartier <noreply@quartier.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Retention of personal data in the help exchange, in days; `manage.py
# purge_expired_data` (nightly) removes what is older. Why each period: README, "Data
# rights and retention".
RETENTION_ENDED_LISTING_DAYS = env_int("RETENTION_ENDED_LISTING_DAYS", 90)
RETENTION_RESPONSE_DAYS = env_int("RETENTION_RESPONSE_DAYS", 180)
RETENTION_WITHDRAWN_MEMBER_DAYS = env_int("RETENTION_WITHDRAWN_MEMBER_DAYS", 30)
RETENTION_REJECTED_MEMBER_DAYS = env_int("RETENTION_REJECTED_MEMBER_DAYS", 180)
RETENTION_BLOCKED_MEMBER_DAYS = env_int("RETENTION_BLOCKED_MEMBER_DAYS", 730)
RETENTION_UNCONFIRMED_REGISTRATION_DAYS = env_int("RETENTION_UNCONFIRMED_REGISTRATION_DAYS", 7)

# Wagtail
WAGTAIL_SITE_NAME = "Quartier"
# How many next events a portal or district home shows ("Termine in Schalke").
QUARTIER_HOME_EVENTS = env_int("QUARTIER_HOME_EVENTS", 5)
# Dates a day of the calendar's month view shows before "n weitere" links the day's list.
QUARTIER_MONTH_DAY_ENTRIES = env_int("QUARTIER_MONTH_DAY_ENTRIES", 4)
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_WORKFLOW_ENABLED = True
# An approved step must be approved again when the page changes during the workflow.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# mp4, webm and vtt: sign-language videos and their captions, served by this site.
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "mp4",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "vtt",
    "webm",
    "xlsx",
]
WAGTAILDOCS_INLINE_CONTENT_TYPES = [
    "application/pdf",
    "text/plain",
    "text/vtt",
    "video/mp4",
    "video/webm",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Every document goes through Wagtail's serve view, which checks the collection's view
# restrictions (signed consent forms are private to their municipality's editorial
# team); never a redirect to a storage URL that anyone could pass on. The documents
# folder of the media storage must not be served directly (see README, "Private files").
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# A translation starts as a draft, whatever the state of its original, and goes live
# through the editorial workflow (cms/translations). wagtail-localize's default would
# publish a new translation at once when the original is live.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation drafts: DeepL when a key is given; dev and test use the offline
# glossary translator (cms/translations/machine_translator.py).
_deepl_auth_key = env_str("DEEPL_AUTH_KEY")
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = (
    {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": _deepl_auth_key, "FORMALITY": "prefer_more"},
    }
    if _deepl_auth_key
    else None
)
GLOSSARY_MACHINE_TRANSLATOR = {"CLASS": "cms.translations.machine_translator.GlossaryTranslator"}

# Search: Wagtail's database backend. On PostgreSQL it uses full-text search with the
# German configuration, so that inflected words match; it can be moved to OpenSearch
# by naming another backend in SEARCH_BACKEND. cms.core.search_backend is that database
# backend with search words quoted safely on SQLite (the demo's database).
_DATABASE_SEARCH_BACKENDS = ("wagtail.search.backends.database", "cms.core.search_backend")
_search_backend = env_str("SEARCH_BACKEND", "cms.core.search_backend")
WAGTAILSEARCH_BACKENDS = {
    "default": (
        {"BACKEND": _search_backend, "SEARCH_CONFIG": "german"}
        if _search_backend in _DATABASE_SEARCH_BACKENDS
        else {
            "BACKEND": _search_backend,
            "URLS": env_list("SEARCH_URLS") or ["http://localhost:9200"],
            # Wagtail's Elasticsearch/OpenSearch backends name their indexes
            # <prefix><app>_<model>; a key named INDEX would be ignored.
            "INDEX_PREFIX": f"{env_str('SEARCH_INDEX', 'quartier')}_",
        }
    )
}

# Security headers (cms.core.middleware). The public site: nothing from other origins
# except media on object storage and the click-to-load embeds' frames; no inline
# scripts; inline <style> only with the request's nonce (the theme's :root rule, the info
# screen's timing). Style attributes stay allowed: Wagtail's responsive embed wrapper
# and its userbar set them, and they cannot run code.
_media_origins = env_list("QUARTIER_CSP_MEDIA_ORIGINS")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:", *_media_origins],
        "media-src": [SELF, *_media_origins],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [
            SELF,
            *env_list(
                "QUARTIER_CSP_FRAME_SOURCES",
                [
                    "https://www.youtube-nocookie.com",
                    "https://www.youtube.com",
                    "https://player.vimeo.com",
                ],
            ),
        ],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# The Wagtail admin's templates, widgets and chooser modals carry inline scripts
# (InlinePanel, date pickers, wagtail-localize's editor) and inline styles, so it needs
# 'unsafe-inline' for both; everything else stays on this origin (blob: for previews of
# images being uploaded).
QUARTIER_ADMIN_URL_PREFIX = "/admin/"
QUARTIER_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *_media_origins],
        "frame-src": [SELF],
    }
}
X_FRAME_OPTIONS = "SAMEORIGIN"
# Browser features the site never uses, switched off for it and every frame in it.
QUARTIER_PERMISSIONS_POLICY_DISABLED = [
    "accelerometer",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "usb",
    "serial",
    "hid",
    "bluetooth",
    "xr-spatial-tracking",
]
# No avatars from gravatar.com in the admin: nothing goes to third parties.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# The REST API (cms/api): anonymous reading and token-authenticated resident endpoints,
# JSON only unless the browsable API is switched on (dev). Throttled per client address
# and per token; the rates are settings so that a municipality behind one NAT can raise
# them.
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["cms.api.renderers.FastJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # Per client address for anonymous requests, per token for signed-in residents
    # (cms.api.throttling); the counters live in QUARTIER_RATELIMIT_CACHE.
    "DEFAULT_THROTTLE_CLASSES": [
        "cms.api.throttling.ClientRateThrottle",
        "cms.api.throttling.ResidentTokenRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "600/minute"),
        "resident": env_str("API_THROTTLE_RESIDENT", "600/minute"),
    },
    "EXCEPTION_HANDLER": "cms.api.errors.problem_details_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Quartier API",
    "DESCRIPTION": (
        "API of the Quartier neighbourhood platform for apps and partner sites: public "
        "content to read without signing in; signed-in residents (`POST auth/login/`, "
        "then `Authorization: Token <token>`) manage their profile and listings and "
        "answer listings. "
        "Lists are paginated by cursor, take `updated_since` for incremental sync and "
        "answer with tombstones for what left public view; every GET answers conditional "
        "requests (ETag, Last-Modified) with 304."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "SWAGGERUI_DIST": "SIDECAR",
    "SWAGGERUI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["cms.api.schema.only_public_api"],
    "ENUM_NAME_OVERRIDES": {
        "ArticleKindEnum": "cms.news.enums.ArticleKind",
        "ProviderKindEnum": "cms.providers.enums.ProviderKind",
        "SocialSpaceKindEnum": "cms.places.enums.SocialSpaceKind",
        "PageTypeEnum": "cms.api.pages.PAGE_TYPE_CHOICES",
        "ItemTypeEnum": "cms.api.search.TYPE_CHOICES",
        "ListingKindEnum": "exchange.enums.ListingKind",
        "MemberKindEnum": "exchange.enums.MemberKind",
        "MemberStatusEnum": "exchange.enums.MemberStatus",
        "ListingStatusEnum": "exchange.enums.ListingStatus",
        # The events' status keeps the name it had before members and listings had one.
        "StatusEnum": "cms.events.enums.EventStatus",
        "OccurrenceStatusEnum": "cms.events.enums.OccurrenceStatus",
    },
}
# Origins (apps' web views, partner sites) allowed to read the API from a browser.
CORS_ALLOWED_ORIGINS = env_list("API_CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS", "POST", "PATCH")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Retry-After")

# Resident sign-in to the API (cms/api/auth.py): knox tokens, stored as hashes in the
# model cms.api.ResidentToken (bound to one membership), expiring after this many days.
KNOX_TOKEN_MODEL = "api.ResidentToken"  # noqa: S105 (a model name)
# knox's own migrations create its default token table even when the model is swapped
# (they predate the setting); without them no table of knox's is made.
MIGRATION_MODULES = {"knox": None}
QUARTIER_API_TOKEN_DAYS = env_int("QUARTIER_API_TOKEN_DAYS", 30)
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=QUARTIER_API_TOKEN_DAYS),
    "AUTH_HEADER_PREFIX": "Token",
}

# iCal import of external feeds: limits for hostile input. Feeds on loopback, private or
# link-local addresses are refused unless this is switched on (tests with a local server).
QUARTIER_ICAL_ALLOW_PRIVATE_ADDRESSES = env_bool(
    "QUARTIER_ICAL_ALLOW_PRIVATE_ADDRESSES", default=False
)
QUARTIER_ICAL_MAX_BYTES = env_int("QUARTIER_ICAL_MAX_BYTES", 5 * 1024 * 1024)
QUARTIER_ICAL_FETCH_TIMEOUT = env_int("QUARTIER_ICAL_FETCH_TIMEOUT", 15)
# Dates one imported event, and one feed as a whole, may put into the occurrence index
# (a year back to the horizon ahead); a feed over either is refused whole with a message.
# A daily event without an end has about 915 dates there.
QUARTIER_IMPORT_MAX_OCCURRENCES_PER_EVENT = env_int(
    "QUARTIER_IMPORT_MAX_OCCURRENCES_PER_EVENT", 1000
)
QUARTIER_IMPORT_MAX_OCCURRENCES_PER_FEED = env_int(
    "QUARTIER_IMPORT_MAX_OCCURRENCES_PER_FEED", 20_000
)

# Retention: how long a withdrawn or expired provider consent is kept as proof, with its
# signed form, before `manage.py purge_expired_data` deletes it (README, "Retention").
QUARTIER_RETENTION_CONSENT_DAYS = env_int("QUARTIER_RETENTION_CONSENT_DAYS", 3 * 365)

# Demo data and demo accounts may only be loaded where this is on (dev and test).
QUARTIER_ALLOW_DEMO_DATA = env_bool("QUARTIER_ALLOW_DEMO_DATA", default=False)

# Double submission (cms.core.idempotency): how long a form's token is remembered, how
# long a repeated POST waits for the first one's result, and the cache that holds them.
QUARTIER_IDEMPOTENCY_CACHE = "default"
QUARTIER_IDEMPOTENCY_TTL = env_int("QUARTIER_IDEMPOTENCY_TTL_HOURS", 6) * 60 * 60
QUARTIER_IDEMPOTENCY_WAIT = env_int("QUARTIER_IDEMPOTENCY_WAIT_SECONDS", 10)

# PDFs (cms.core.pdf_limits): public PDFs are cached under the content version, and
# every PDF actually rendered counts against its client address. A care home or a
# library prints for many residents from one address, so the limit is generous.
QUARTIER_PDF_CACHE = "default"
QUARTIER_PDF_CACHE_TIMEOUT = env_int("QUARTIER_PDF_CACHE_HOURS", 24) * 60 * 60
QUARTIER_PDF_MAX_PER_CLIENT = env_int("QUARTIER_PDF_MAX_PER_CLIENT", 60)
QUARTIER_PDF_WINDOW = env_int("QUARTIER_PDF_WINDOW_MINUTES", 10) * 60
QUARTIER_PDF_COOLOFF = env_int("QUARTIER_PDF_COOLOFF_MINUTES", 10) * 60

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # One line per background task start and end drowns everything else.
        "django_tasks": {"level": env_str("TASKS_LOG_LEVEL", "WARNING")},
        # WeasyPrint reports every step of every PDF at INFO.
        "weasyprint.progress": {"level": "WARNING"},
    },
}
