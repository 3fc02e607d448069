"""Settings shared by every environment, safe for production on their own.

Everything that differs between machines comes from environment variables, each listed in
`.env.example` and the README. `dev.py` and `test.py` loosen these; `production.py` tightens them.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import structlog
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from error


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Old keys, newest first, still accepted for signed values (open forms' tokens, sessions) while a
# new SECRET_KEY takes over: rotate by moving the old key here, and drop it a day later.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# How many reverse proxies (load balancer, CDN) stand in front of us and append to
# X-Forwarded-For. Only that many hops are trusted; 0 means the socket address is the client.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

INSTALLED_APPS = [
    "home",
    "wellbeing",
    "recognition",
    "adminauth",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
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
    "drf_spectacular",
    "csp",
    "altcha_django",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "adminauth.middleware.AdminSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "home.middleware.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as axes asks: it turns a login refused for a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One shared cache holds rate limits, replay protection and the wall's version, so with several
# workers it must be Redis; the local-memory cache only suits a single process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "rpw"),
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# axes refuses a login while the account or the address is locked, before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("cy", _("Welsh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Public requests are small forms; the admin's page editor posts many fields.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

SESSION_COOKIE_HTTPONLY = True
# The admin login (README, "The admin login"). At most this many wrong passwords per account and
# per client address (the same trusted-proxy rule as the public form); then both are locked for the
# cool-off, which failures during it do not prolong. Attempts are database rows, shared by workers.
AXES_FAILURE_LIMIT = env_int("ADMIN_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("ADMIN_LOGIN_COOLOFF_MINUTES", 5))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "recognition.client.client_address"
AXES_LOCKOUT_CALLABLE = "adminauth.views.locked_out"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# axes would otherwise keep every successful login's address and browser for ever, and log each
# failure a second time beside our audit events (adminauth/audit.py).
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Codes from an authenticator app after the password: anyone may turn them on; members of these
# groups must. "* moderators" matches every group whose name ends in " moderators".
ADMIN_2FA_REQUIRED_GROUPS = env_list("ADMIN_2FA_REQUIRED_GROUPS", "National team,* moderators")
OTP_TOTP_ISSUER = "Response Policing Week"
# An admin session idle this long is signed out at its next admin request.
ADMIN_SESSION_IDLE_MINUTES = env_int("ADMIN_SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail's preview views lift this to SAMEORIGIN themselves; the CSP's frame-ancestors rules too.
X_FRAME_OPTIONS = "DENY"

# Public pages: no inline script or style, nothing from another origin.
CONTENT_SECURITY_POLICY_REPORT_URI = "/csp-report/"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        # No public page is meant to be framed: screens open whole in a kiosk, integrators take
        # the JSON feed. Wagtail's previews are admin pages, under the admin's policy below.
        "frame-ancestors": [NONE],
        # Violations are logged without the page's content (home/csp_report.py).
        "report-uri": CONTENT_SECURITY_POLICY_REPORT_URI,
    },
}
# Wagtail's admin still renders inline scripts and styles (inline panels, date pickers), so it
# gets its own policy: inline allowed, but still nothing from another origin. See the README.
ADMIN_URL_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "worker-src": [SELF, "blob:"],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    # The admin frames its own previews.
    "frame-ancestors": [SELF],
    "report-uri": CONTENT_SECURITY_POLICY_REPORT_URI,
}

WAGTAIL_SITE_NAME = "Response Policing Wellbeing & Recognition Week"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The admin makes no calls to other origins: no update check, no Gravatar.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
# Every download goes through Wagtail's view, which checks the collection's privacy; the files under
# MEDIA_ROOT/documents/ are never served directly (README, "Running in production").
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILEMBEDS_FINDERS: list[dict] = []

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "recognition.api.pagination.FeedCursorPagination",
    # A force's screens may share one address: generous, per address; empty for no limit.
    "DEFAULT_THROTTLE_RATES": {"feed": os.environ.get("FEED_THROTTLE_RATE", "600/min") or None},
}
# When a CDN or Varnish sits in front, it is sent PURGE for the wall's and feed's addresses as soon
# as what they show changes. The paths are purged as given: Welsh ones carry their own /cy/ prefix.
FRONTEND_CACHE_PURGE_URL = os.environ.get("FRONTEND_CACHE_PURGE_URL", "")
WAGTAILFRONTENDCACHE = (
    {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }
    if FRONTEND_CACHE_PURGE_URL
    else {}
)
WAGTAILFRONTENDCACHE_LANGUAGES: list[str] = []
# Seconds each worker may trust its own copy of the wall's version before asking Redis again:
# How long each worker may trust its own copy of the wall version. 1 s makes a repeated poll cost
# no round trip to Redis (see `recognition.api.answers`); the worker that publishes sees the change
# at once, the others within that second, well inside the feed's public max-age of 5 s that any
# cache may serve anyway. 0 sends every request to Redis.
RECOGNITION_VERSION_MEMO_SECONDS = float(os.environ.get("RECOGNITION_VERSION_MEMO_SECONDS", "1"))
# The deploy (git SHA or build number): station screens reload when it changes. Unset, a digest of
# the code, templates and static files stands in for it (`recognition.api.answers.release_id`).
RELEASE = os.environ.get("RELEASE", "")
SPECTACULAR_SETTINGS = {
    "TITLE": "Response Policing Week feed",
    "DESCRIPTION": "Read-only feed of approved thank-you messages for walls and station screens.",
    "VERSION": "1",
    # Without this the generator walks Wagtail's internal admin APIs too.
    "PREPROCESSING_HOOKS": ["recognition.api.schema.only_public_feed"],
    "SERVE_INCLUDE_SCHEMA": False,
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@response-policing-week.invalid")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks (receipts, moderators' digests): run at once unless a worker is configured.
# Production runs `manage.py db_worker` with TASKS_BACKEND=django_tasks_db.DatabaseBackend.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}

# Recognition: thank-you messages from the public. Limits per salted hash of the client address,
# in the shared cache: every rate is "count/period" (s, m, h, d).
RECOGNITION_RATE_LIMITS = env_list("RECOGNITION_RATE_LIMITS", "10/10m,40/d")
# Posts without the proof-of-work (no JavaScript) are allowed, under a tighter limit.
RECOGNITION_NO_SCRIPT_RATE_LIMITS = env_list("RECOGNITION_NO_SCRIPT_RATE_LIMITS", "3/h,6/d")
RECOGNITION_MIN_FILL_SECONDS = env_int("RECOGNITION_MIN_FILL_SECONDS", 3)
RECOGNITION_FORM_MAX_AGE_SECONDS = env_int("RECOGNITION_FORM_MAX_AGE_SECONDS", 4 * 3600)
RECOGNITION_MAX_REQUEST_BYTES = env_int("RECOGNITION_MAX_REQUEST_BYTES", 32 * 1024)
# Retention: contact details (email, address hash) are erased this long after the decision;
# rejected and withdrawn messages are deleted after the second period.
RECOGNITION_CONTACT_RETENTION_DAYS = env_int("RECOGNITION_CONTACT_RETENTION_DAYS", 30)
RECOGNITION_REJECTED_RETENTION_DAYS = env_int("RECOGNITION_REJECTED_RETENTION_DAYS", 90)
RECOGNITION_DIGEST_MINUTES = env_int("RECOGNITION_DIGEST_MINUTES", 30)
# This many messages to one recipient of one force (from any addresses) within the minutes below are
# a burst: all stored and acknowledged, held together for a moderator, who is alerted once.
RECOGNITION_BURST_LIMIT = env_int("RECOGNITION_BURST_LIMIT", 20)
RECOGNITION_BURST_MINUTES = env_int("RECOGNITION_BURST_MINUTES", 60)

# ALTCHA: self-hosted proof of work. Challenges are signed with this secret; a solved challenge is
# claimed in the shared cache so it cannot be replayed, on any worker.
ALTCHA_HMAC_SECRET = os.environ.get("ALTCHA_HMAC_SECRET", "")
ALTCHA_CHALLENGE = {
    "algorithm": "PBKDF2/SHA-256",
    "cost": env_int("ALTCHA_COST", 5000),
    "expires_seconds": 3600,
}
ALTCHA_WIDGET_CHALLENGE_MODE = "inline"
ALTCHA_WIDGET_JS_SOURCE = "custom"
ALTCHA_WIDGET_JS_URL = "/static/altcha/altcha.min.js"
ALTCHA_WIDGET_DEFAULTS = {"type": "checkbox", "display": "standard", "auto": "onfocus"}
ALTCHA_CHALLENGE_ENDPOINT_ENABLED = False

# The project's own events (audit of denied admin requests, failed logins, CSP reports) are
# structlog events: one JSON line each, through the standard logging below, so LOG_LEVEL applies.
structlog.configure(
    processors=[
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.filter_by_level,
        structlog.stdlib.add_log_level,
        structlog.processors.TimeStamper(fmt="iso"),
        structlog.processors.JSONRenderer(),
    ],
    logger_factory=structlog.stdlib.LoggerFactory(),
    wrapper_class=structlog.stdlib.BoundLogger,
    cache_logger_on_first_use=False,  # tests capture events with structlog.testing.capture_logs
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # One line per background task and per page action is noise on a console; the audit log
    # in the admin keeps the page history.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# The privacy notice, the accessibility statement and the footer. The national team runs the site,
# the national wall and the feed and is their data controller; each force is the controller for the
# messages sent to it (its own, in its recognition settings in the admin). The defaults are demo
# values on reserved .example addresses: set the real ones in production.
PRIVACY_NATIONAL_CONTROLLER_NAME = os.environ.get(
    "PRIVACY_NATIONAL_CONTROLLER_NAME", "National Police Chiefs' Council (Response Policing portfolio)"
)
PRIVACY_NATIONAL_CONTROLLER_ADDRESS = os.environ.get(
    "PRIVACY_NATIONAL_CONTROLLER_ADDRESS",
    "Response Policing Week national team, London (demo address)",
)
PRIVACY_NATIONAL_DPO_EMAIL = os.environ.get(
    "PRIVACY_NATIONAL_DPO_EMAIL", "data-protection@response-policing-week.example"
)
# The national team's address in every page's footer and in the accessibility statement.
SITE_CONTACT_EMAIL = os.environ.get("SITE_CONTACT_EMAIL", "national-team@response-policing-week.example")
