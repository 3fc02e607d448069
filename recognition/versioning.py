"""The wall's version: every ETag of the feed, the wall and the screens derives from it.

It changes, after commit, whenever anything the public sees of the thanks changes. The durable
counter is a database row; the shared cache holds the hot copy, so a screen's poll costs no query.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models import F

from .models import WallVersion

CACHE_KEY = "recognition:wall-version"


def _stored_version() -> int:
    return WallVersion.objects.filter(pk=1).values_list("value", flat=True).first() or 0


def current_wall_version() -> int:
    """The version from the cache; rebuilt from the database when the cache has lost it."""
    version = cache.get(CACHE_KEY)
    if version is None:
        version = _stored_version()
        cache.add(CACHE_KEY, version, timeout=None)
    return version


def _publish_version() -> None:
    # Read after commit: whichever transaction commits last, the cache ends on the newest value.
    cache.set(CACHE_KEY, _stored_version(), timeout=None)


def bump_wall_version() -> None:
    """Mark that what the public sees has changed. Call inside the transaction that changes it."""
    if not WallVersion.objects.filter(pk=1).update(value=F("value") + 1):
        # The row comes with the migrations; a flushed test database lacks it.
        _row, created = WallVersion.objects.get_or_create(pk=1, defaults={"value": 1})
        if not created:
            WallVersion.objects.filter(pk=1).update(value=F("value") + 1)
    transaction.on_commit(_publish_version)
