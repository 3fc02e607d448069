"""The public wall of thanks: `/thanks/` nationally, `/thanks/<force>/` for one force, and
`?station=<slug>` within it. Plain links filter and paginate, so it works without JavaScript.

Pages are numbered (`?page=N`) over the published order, newest first: a page's URL keeps meaning
the same messages until another is published, when every later page shifts by one.

For visitors without a session the rendered page is kept in the shared cache under the wall
version (see `recognition.api.answers`), with an ETag and a few seconds of public max-age, so the
wall stays fresh within a screen's poll and costs one cache round trip while nothing changes.
Signed-in editors always get a fresh, private page (it may carry Wagtail's user bar).
"""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from ..api.answers import Answer, answer_key, cached_answer, etag_for, serve_answer, store_answer
from ..api.public import force_name, force_pause, national_pause, public_forces, shown_messages

WALL_PAGE_SIZE = 20
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")
_PAGE = re.compile(r"^[1-9][0-9]{0,5}$")


@require_safe
def wall(request, force_slug=None):
    """Published thanks, newest first, with a filter by force and by station."""
    station_slug = request.GET.get("station", "")
    page_number = request.GET.get("page", "1")
    if (station_slug and not (force_slug and _SLUG.match(station_slug))) or not _PAGE.match(page_number):
        raise Http404
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        response = _render_wall(request, force_slug, station_slug, int(page_number))
        patch_cache_control(response, private=True, no_cache=True)
        return response
    key = answer_key("wall", get_language(), force_slug, station_slug, page_number)
    version, answer = cached_answer(key)
    if answer is None or answer.version != version:
        response = _render_wall(request, force_slug, station_slug, int(page_number))
        body = response.content
        answer = Answer(
            version=version, etag=etag_for(body), body=body, content_type=response["Content-Type"]
        )
        # Later pages share the cache's budget for extra answers (`store_answer`).
        store_answer(key, answer, extra=page_number != "1")
    return serve_answer(request, answer)


def _render_wall(request, force_slug, station_slug, page_number):
    language = get_language()
    forces = list(public_forces().select_related("recognition_settings"))
    force = _find(forces, force_slug) if force_slug else None
    stations = list(force.stations.all()) if force else []
    station = _find(stations, station_slug) if station_slug else None
    paused = national_pause(request) or (force_pause(force) if force else None)
    counts = dict(shown_messages().order_by().values_list("force").annotate(total=Count("pk")))

    page = None
    if not paused:
        messages = shown_messages()
        if force:
            messages = messages.filter(force=force)
        if station:
            messages = messages.filter(station=station)
        try:
            page = Paginator(messages, WALL_PAGE_SIZE).page(page_number)
        except InvalidPage as error:
            raise Http404 from error
    elif page_number != 1:
        raise Http404

    context = {
        "force": force,
        "force_name": force_name(force, language) if force else "",
        "station": station,
        "paused": paused,
        "page_obj": page,
        "force_filters": _force_filters(forces, counts, force, language),
        "station_filters": _station_filters(force, stations, station),
        "total": page.paginator.count if page else 0,
        "submit_url": _submit_url(force, station),
        "previous_url": _page_url(request.path, page.previous_page_number(), station)
        if page and page.has_previous()
        else "",
        "next_url": _page_url(request.path, page.next_page_number(), station)
        if page and page.has_next()
        else "",
    }
    return render(request, "recognition/wall.html", context)


def _find(items, slug):
    for item in items:
        if item.slug == slug:
            return item
    raise Http404


def _force_filters(forces, counts, current, language) -> list[dict]:
    national = {
        "name": None,
        "count": sum(counts.values()),
        "url": reverse("recognition:wall"),
        "current": current is None,
    }
    return [national] + [
        {
            "name": force_name(force, language),
            "count": counts.get(force.pk, 0),
            "url": reverse("recognition:force_wall", kwargs={"force_slug": force.slug}),
            "current": force == current,
        }
        for force in forces
    ]


def _station_filters(force, stations, current) -> list[dict]:
    if not stations:
        return []
    wall = reverse("recognition:force_wall", kwargs={"force_slug": force.slug})
    everywhere = {"name": None, "url": wall, "current": current is None}
    return [everywhere] + [
        {
            "name": station.name,
            "url": f"{wall}?{urlencode({'station': station.slug})}",
            "current": station == current,
        }
        for station in stations
    ]


def _submit_url(force, station) -> str:
    query = (
        {"force": force.slug, "station": station.slug} if station else {"force": force.slug} if force else {}
    )
    return f"{reverse('recognition:submit')}?{urlencode(query)}" if query else reverse("recognition:submit")


def _page_url(path: str, number: int, station) -> str:
    query = {"station": station.slug} if station else {}
    if number > 1:
        query["page"] = number
    return f"{path}?{urlencode(query)}" if query else path
