import datetime
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from .colours import is_accent_colour

logger = logging.getLogger(__name__)
ACCENT_MAX_AGE = 365 * 24 * 3600
# When the accessibility statement was written and last checked against the site: move the second
# date on whenever the statement is reviewed (at least yearly, as the regulations ask).
ACCESSIBILITY_STATEMENT_PREPARED = datetime.date(2026, 12, 7)
ACCESSIBILITY_STATEMENT_REVIEWED = datetime.date(2026, 12, 7)


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return False


def _cache_answers() -> bool:
    try:
        cache.set("healthz", "ok", timeout=10)
        return cache.get("healthz") == "ok"
    except Exception:  # any cache backend error means "not answering"
        logger.exception("Health check: the cache did not answer")
        return False


@never_cache
@require_safe
def healthz(request):
    """For load balancers and monitors: 200 when the database and the cache both answer, else 503."""
    checks = {"database": _database_answers(), "cache": _cache_answers()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable"}
    body.update({name: "ok" if passed else "unavailable" for name, passed in checks.items()})
    return JsonResponse(body, status=200 if healthy else 503)


@cache_control(public=True, max_age=ACCENT_MAX_AGE, immutable=True)
@require_safe
def accent_stylesheet(request, colour: str):
    """A force's accent colour as a CSS custom property. Public pages allow no inline style, so each
    hub links the stylesheet of its colour; the colour is the address, so it never goes stale.
    Only colours a hub could save (readable under white text) are served."""
    if not is_accent_colour(f"#{colour}"):
        raise Http404
    return HttpResponse(f":root{{--rpw-accent:#{colour}}}\n", content_type="text/css; charset=utf-8")


@require_safe
def accessibility(request):
    """The accessibility statement, after GOV.UK's model statement for public sector websites."""
    return render(
        request,
        "home/accessibility.html",
        {
            "contact_email": settings.SITE_CONTACT_EMAIL,
            "prepared_on": ACCESSIBILITY_STATEMENT_PREPARED,
            "reviewed_on": ACCESSIBILITY_STATEMENT_REVIEWED,
        },
    )
