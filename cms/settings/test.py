"""The test suite: SQLite by default, PostgreSQL and Redis when DATABASE_URL and REDIS_URL are set."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105 - a key for throwaway test databases
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Tests read source files; no collectstatic run, so no manifest.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Fast hashing: test users are made by the hundred.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Uploaded test media goes to a throwaway folder under var/, which a fresh clone lacks; the
# default SQLite path lives there too (makemigrations --check opens it).
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# WhiteNoise serves collected, hashed files in production; here the static files come from source.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405

ALTCHA_HMAC_SECRET = "test-altcha-secret"  # noqa: S105 - throwaway
# Cheap proof of work: the tests solve real challenges, just small ones (hence altcha.W006).
ALTCHA_CHALLENGE = {**ALTCHA_CHALLENGE, "cost": 10}  # noqa: F405
# The first leg runs on the local-memory cache; django-ratelimit refuses that in production only.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001", "altcha.W001", "altcha.W006"]
# Screening and rate limits read the real shared cache; no minimum fill time unless a test asks.
RECOGNITION_MIN_FILL_SECONDS = 0
# Every test sees a publication at once, whichever "worker" (thread) asks.
RECOGNITION_VERSION_MEMO_SECONDS = 0
