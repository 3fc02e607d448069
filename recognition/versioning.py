"""The wall's version: every cached answer of the feed, the wall and the screens is kept under it.

It changes, after commit, whenever anything the public sees of the thanks changes. The durable
counter is a database row; the shared cache holds the hot copy, so a screen's poll costs no query.
When a front-end cache is configured (`FRONTEND_CACHE_PURGE_URL`), the wall's and the feed's
addresses are purged from it at the same moment.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

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
    from .api.answers import forget_version  # the feed's package imports this module

    forget_version()
    if settings.WAGTAILFRONTENDCACHE:
        purge_urls_from_cache(wall_urls())


def wall_urls() -> list[str]:
    """The addresses a front-end cache may hold of the wall and the feed: national, per force and
    per station, in each language. Later pages and cursors are not listed: their short max-age
    ages them out within seconds."""
    from .api.public import public_forces  # the feed's package imports this module

    forces = [
        (force.slug, [s.slug for s in force.stations.all()])
        for force in public_forces().prefetch_related("stations")
    ]
    paths = [reverse("api:forces"), reverse("api:messages")]
    for slug, stations in forces:
        queries = [{"force": slug}] + [{"force": slug, "station": station} for station in stations]
        paths += [f"{reverse('api:messages')}?{urlencode(query)}" for query in queries]
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths.append(reverse("recognition:wall"))
            for slug, stations in forces:
                wall = reverse("recognition:force_wall", kwargs={"force_slug": slug})
                paths += [wall] + [f"{wall}?{urlencode({'station': s})}" for s in stations]
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return [f"{base}{path}" for path in paths]


def bump_wall_version() -> None:
    """Mark that what the public sees has changed. Call inside the transaction that changes it."""
    if not WallVersion.objects.filter(pk=1).update(value=F("value") + 1):
        # The row comes with the migrations; a flushed test database lacks it.
        _row, created = WallVersion.objects.get_or_create(pk=1, defaults={"value": 1})
        if not created:
            WallVersion.objects.filter(pk=1).update(value=F("value") + 1)
    transaction.on_commit(_publish_version)
