"""The public wall of thanks: `/thanks/` nationally, `/thanks/<force>/` for one force, and
`?station=<slug>` within it; `?q=` searches by force or station name. Plain links and a plain GET
form filter and paginate, so it works without JavaScript. Each message has a page of its own to
share, `/thanks/<force>/<id>/`, with Open Graph and Twitter card meta.

Pages are numbered (`?page=N`) over the published order, newest first: a page's URL keeps meaning
the same messages until another is published, when every later page shifts by one.

For visitors without a session the rendered page is kept in the shared cache under the wall
version (see `recognition.api.answers`), with an ETag and a few seconds of public max-age, so the
wall stays fresh within a screen's poll and costs one cache round trip while nothing changes. A
message's own page is kept the same way, so taking a message down (which moves the version) makes
its page answer 404 on the next request. Signed-in editors always get a fresh, private page (it
may carry Wagtail's user bar).

Cards wear their force's colour through classes (`rpw-force--<slug>`) that `forces_stylesheet`
defines: public pages allow no inline style.
"""

import re
from datetime import datetime, time, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_safe
from wagtail.images import get_image_model

from home.colours import is_accent_colour

from ..api.answers import (
    Answer,
    answer_key,
    cached_answer,
    etag_for,
    etag_matches,
    serve_answer,
    store_answer,
)
from ..api.public import force_name, force_pause, national_pause, public_forces, shown_messages

WALL_PAGE_SIZE = 20
SEARCH_MAX_LENGTH = 100
# The most thanked forces of the week shown nationally, and the force's other thanks on a share page.
WEEK_LEADERS = 3
MORE_THANKS = 3
CREST_SPEC = "max-64x64"
SHARE_IMAGE_SPEC = "max-600x600"
SHARE_DESCRIPTION_LENGTH = 200
# Colours change rarely; a few minutes in browsers and caches, revalidated with the ETag.
FORCES_STYLESHEET_MAX_AGE = 300
MESSAGE_ID_PATTERN = r"[1-9][0-9]{0,11}"
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")
_PAGE = re.compile(r"^[1-9][0-9]{0,5}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@require_safe
def wall(request, force_slug=None):
    """Published thanks, newest first, with a filter by force and by station and a search."""
    station_slug = request.GET.get("station", "")
    page_number = request.GET.get("page", "1")
    if (station_slug and not (force_slug and _SLUG.match(station_slug))) or not _PAGE.match(page_number):
        raise Http404
    search, search_error = _search_from(request.GET.get("q", ""))
    week_start = _week_start()

    def render_wall():
        return _render_wall(
            request, force_slug, station_slug, int(page_number), search, search_error, week_start
        )

    if search_error:  # said to this visitor, never kept
        return render_wall()
    # The week is part of the name: on Monday the figures start again even if nothing is published.
    week = week_start.date().isoformat()
    key = answer_key("wall", get_language(), force_slug, station_slug, page_number, search, week)
    # Later pages and searches share the cache's budget for extra answers (`store_answer`).
    return _serve(request, key, render_wall, extra=page_number != "1" or bool(search))


@require_safe
def wall_message(request, force_slug, message_id):
    """One published message on a page of its own, to share: 404 once it is no longer shown."""
    key = answer_key("wall-message", get_language(), force_slug, message_id)
    return _serve(request, key, lambda: _render_message(request, force_slug, int(message_id)), extra=True)


@require_safe
def forces_stylesheet(request):
    """Every public force's accent colour as the custom property `--rpw-force` of the class
    `rpw-force--<slug>`. Only colours a hub could save (readable under white text) are served."""
    rules = [
        f".rpw-force--{slug}{{--rpw-force:{colour.lower()}}}\n"
        for slug, colour in public_forces().values_list("slug", "accent_colour")
        if _SLUG.match(slug) and is_accent_colour(colour)
    ]
    body = "".join(rules).encode()
    etag = etag_for(body)
    response = HttpResponseNotModified()
    if not etag_matches(request.META.get("HTTP_IF_NONE_MATCH", ""), etag):
        response = HttpResponse(body, content_type="text/css; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={FORCES_STYLESHEET_MAX_AGE}"
    return response


def _serve(request, key, render_page, *, extra: bool):
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        response = render_page()
        patch_cache_control(response, private=True, no_cache=True)
        return response
    version, answer = cached_answer(key)
    if answer is None or answer.version != version:
        response = render_page()
        body = response.content
        answer = Answer(
            version=version, etag=etag_for(body), body=body, content_type=response["Content-Type"]
        )
        store_answer(key, answer, extra=extra)
    return serve_answer(request, answer)


def _search_from(raw: str) -> tuple[str, str]:
    """The search as typed, spaces tidied and control characters ignored, or an error to show."""
    if len(raw) > SEARCH_MAX_LENGTH:
        error = gettext("Enter a force or station name of %(max)s characters or fewer")
        return "", error % {"max": SEARCH_MAX_LENGTH}
    return " ".join(_CONTROL.sub(" ", raw).split()), ""


def _week_start() -> datetime:
    """Monday 00:00 of this week, UK time."""
    today = timezone.localdate()
    return timezone.make_aware(datetime.combine(today - timedelta(days=today.weekday()), time.min))


def _render_wall(request, force_slug, station_slug, page_number, search, search_error, week_start):
    language = get_language()
    forces = list(public_forces().select_related("recognition_settings"))
    force = _find(forces, force_slug) if force_slug else None
    stations = list(force.stations.all()) if force else []
    station = _find(stations, station_slug) if station_slug else None
    paused = national_pause(request) or (force_pause(force) if force else None)
    counts, week_counts = _counts(week_start)

    page = None
    if not paused:
        messages = shown_messages()
        if force:
            messages = messages.filter(force=force)
        if station:
            messages = messages.filter(station=station)
        if search:
            messages = _matching(messages, forces, search)
        try:
            page = Paginator(messages, WALL_PAGE_SIZE).page(page_number)
        except InvalidPage as error:
            raise Http404 from error
        page.object_list = _with_crests(list(page.object_list))
    elif page_number != 1:
        raise Http404

    def page_url(number):
        return _page_url(request.path, number, station, search)

    context = {
        "force": force,
        "force_name": force_name(force, language) if force else "",
        "station": station,
        "paused": paused,
        "page_obj": page,
        "force_filters": _force_filters(forces, counts, force, language),
        "station_filters": _station_filters(force, stations, station),
        "week": None if paused else _week(forces, force, counts, week_counts, week_start, language),
        "search": search,
        "search_error": search_error,
        "search_max_length": SEARCH_MAX_LENGTH,
        "clear_search_url": _page_url(request.path, 1, station, ""),
        "total": page.paginator.count if page else 0,
        "submit_url": _submit_url(force, station),
        "forces_stylesheet": forces_stylesheet_url(),
        "previous_url": page_url(page.previous_page_number()) if page and page.has_previous() else "",
        "next_url": page_url(page.next_page_number()) if page and page.has_next() else "",
    }
    return render(request, "recognition/wall.html", context, status=400 if search_error else 200)


def _render_message(request, force_slug, message_id):
    # Exactly what the force's wall shows: a public force, not paused, the message published.
    if national_pause(request):
        raise Http404
    forces = public_forces().filter(slug=force_slug)
    message = shown_messages().filter(pk=message_id, force__in=forces).first()
    if message is None:
        raise Http404
    force, language = message.force, get_language()
    others = shown_messages().filter(force=force).exclude(pk=message.pk)
    more = list(others[:MORE_THANKS])
    logo = _with_crests([message, *more], SHARE_IMAGE_SPEC)[0].crest
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    path = reverse("recognition:wall_message", kwargs={"force_slug": force.slug, "message_id": message.pk})
    name = force_name(force, language)
    context = {
        "message": message,
        "force": force,
        "force_name": name,
        "share_title": f"{gettext('Thanks to: %(recipient)s') % {'recipient': message.recipient}} – {name}",
        "share_url": base_url + path,
        "alternates": _alternates(base_url, path),
        "description": Truncator(" ".join(message.body.split())).chars(SHARE_DESCRIPTION_LENGTH),
        "share_image": _absolute(base_url, logo.get_rendition(SHARE_IMAGE_SPEC).url) if logo else "",
        "more": more,
        "force_total": others.count() + 1,
        "force_wall_url": reverse("recognition:force_wall", kwargs={"force_slug": force.slug}),
        "submit_url": _submit_url(force, None),
        "forces_stylesheet": forces_stylesheet_url(),
    }
    return render(request, "recognition/wall_message.html", context)


def forces_stylesheet_url() -> str:
    # One address in every language, so a browser fetches and keeps it once.
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("recognition:forces_stylesheet")


def _alternates(base_url: str, path: str) -> list[dict]:
    return [{"code": code, "url": base_url + translate_url(path, code)} for code, _name in settings.LANGUAGES]


def _absolute(base_url: str, url: str) -> str:
    return url if url.startswith(("https://", "http://")) else base_url + url


def _find(items, slug):
    for item in items:
        if item.slug == slug:
            return item
    raise Http404


def _counts(week_start) -> tuple[dict, dict]:
    """Shown messages per force id: in all, and since `week_start` (one query for both)."""
    rows = (
        shown_messages()
        .order_by()
        .values_list("force")
        .annotate(total=Count("pk"), week=Count("pk", filter=Q(published_at__gte=week_start)))
    )
    counts, week_counts = {}, {}
    for force_id, total, week in rows:
        counts[force_id], week_counts[force_id] = total, week
    return counts, week_counts


def _matching(messages, forces, search: str):
    """Messages of a force whose name (in either language) or of a station whose name contains
    `search`, whatever the case."""
    needle = search.casefold()
    named = [f.pk for f in forces if needle in f.title.casefold() or needle in f.name_cy.casefold()]
    return messages.filter(Q(force__in=named) | Q(station__name__icontains=search))


def _with_crests(messages: list, *specs: str) -> list:
    """Each message with `crest`, its force's logo with the card's rendition (and `specs`)
    prefetched: two queries for the page whatever its number of forces, none without logos.
    (`home`'s `image_with_renditions` does this for one image; recognition keeps clear of the
    page code, see DESIGN.md.)"""
    logo_ids = {message.force.logo_id for message in messages} - {None}
    logos = {}
    if logo_ids:
        renditions = get_image_model().objects.prefetch_renditions(CREST_SPEC, *specs)
        images = renditions.filter(pk__in=logo_ids)
        logos = {image.pk: image for image in images}
    for message in messages:
        message.crest = logos.get(message.force.logo_id)
    return messages


def _week(forces, current, counts, week_counts, week_start, language) -> dict:
    if current:
        count, total = week_counts.get(current.pk, 0), counts.get(current.pk, 0)
    else:
        count, total = sum(week_counts.values()), sum(counts.values())
    leaders = sorted(
        (force for force in forces if week_counts.get(force.pk)), key=lambda f: -week_counts[f.pk]
    )
    return {
        "start": week_start,
        "count": count,
        "total": total,
        "leaders": []
        if current
        else [
            {
                "name": force_name(force, language),
                "slug": force.slug,
                "count": week_counts[force.pk],
                "url": reverse("recognition:force_wall", kwargs={"force_slug": force.slug}),
            }
            for force in leaders[:WEEK_LEADERS]
        ],
    }


def _force_filters(forces, counts, current, language) -> list[dict]:
    national = {
        "name": None,
        "slug": "",
        "count": sum(counts.values()),
        "url": reverse("recognition:wall"),
        "current": current is None,
    }
    return [national] + [
        {
            "name": force_name(force, language),
            "slug": force.slug,
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


def _page_url(path: str, number: int, station, search: str) -> str:
    query = {"station": station.slug} if station else {}
    if search:
        query["q"] = search
    if number > 1:
        query["page"] = number
    return f"{path}?{urlencode(query)}" if query else path
