"""Local development: `make run`. SQLite, the local-memory cache and media on disk by default."""

import secrets

from .base import *  # noqa: F403
from .base import VAR_DIR

# Tracebacks in the browser and static files from runserver.
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# No fixed key in the code: one is made on first run and kept in var/ (ignored by git).
_secret_key_file = VAR_DIR / "dev-secret-key"
if not _secret_key_file.exists():
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    _secret_key_file.write_text(secrets.token_urlsafe(50))
SECRET_KEY = _secret_key_file.read_text().strip()
# Mail is printed to the console rather than sent.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# runserver serves the source files; hashed names are production's business.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# WhiteNoise serves collected, hashed files in production; here the static files come from source.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405

# Derived from the per-machine secret; production sets its own.
ALTCHA_HMAC_SECRET = ALTCHA_HMAC_SECRET or f"altcha-{SECRET_KEY}"  # noqa: F405
# One process and the local-memory cache: django-ratelimit refuses that in production only.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001", "altcha.W001"]
