"""Production: secrets, hosts and the shared cache must come from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import REDIS_URL, SECRET_KEY, SECRET_KEY_FALLBACKS, TRUSTED_PROXY_COUNT, env_int

if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to at least 50 random characters in production.")
# Rate limits, proof-of-work replay protection and the wall's version hold across workers only in
# one shared cache; on each worker's own memory they silently do nothing.
if not REDIS_URL:
    raise ImproperlyConfigured(
        "REDIS_URL must be set in production: rate limits, proof-of-work replay protection and the "
        "wall's version need a cache every worker shares (for example redis://127.0.0.1:6379/0)."
    )
# The proof-of-work secret defaults to one derived from SECRET_KEY, so one secret is enough; forms
# opened before a key rotation keep their challenges, derived from the fallback keys.
if not ALTCHA_HMAC_SECRET:  # noqa: F405
    ALTCHA_HMAC_SECRET = f"altcha-{SECRET_KEY}"
    ALTCHA_HMAC_SECRET_FALLBACKS = [f"altcha-{key}" for key in SECRET_KEY_FALLBACKS]

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
