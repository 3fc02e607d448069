"""Production: secrets and hosts must come from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, TRUSTED_PROXY_COUNT, env_int

if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to at least 50 random characters in production.")
# The proof-of-work secret defaults to one derived from SECRET_KEY, so one secret is enough.
ALTCHA_HMAC_SECRET = ALTCHA_HMAC_SECRET or f"altcha-{SECRET_KEY}"  # noqa: F405

SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"  # noqa: F405
# Only a proxy we trust may tell us the request came over HTTPS.
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# The health check is polled over plain HTTP by the load balancer.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
