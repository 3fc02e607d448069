"""Station screens: the full-screen wall a kiosk browser on a station's TV shows all day.

The page is rendered with the current messages, then `static/js/screen.js` keeps it fresh by
polling the feed; see the README's "Station screens" for how it behaves when the server is gone.
The page carries the release it was rendered by; when the feed's answers name another (a new
deploy), the script reloads the page, keeping its last messages stored.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.images import get_image_model

from ..api.answers import release_id
from ..api.public import force_name, force_pause, national_pause, public_forces, shown_messages
from ..api.query import DEFAULT_PAGE_SIZE

# A screen asks the feed every 15-30 s (random, so a force's screens spread out) and backs off to
# five minutes at most while the server does not answer.
POLL_SECONDS = (15, 30)
BACKOFF_MAX_SECONDS = 300
# `?poll=<seconds>` is honoured only where RECOGNITION_SCREEN_POLL_OVERRIDE is on (the browser
# tests), and only within these bounds.
POLL_OVERRIDE_BOUNDS = (1, 60)


@dataclass(frozen=True)
class PollSettings:
    min_seconds: int
    max_seconds: int
    backoff_max_seconds: int


def poll_settings(request) -> PollSettings:
    """The screen's polling rhythm; tests may shorten it through `?poll=` when allowed."""
    requested = request.GET.get("poll", "")
    if getattr(settings, "RECOGNITION_SCREEN_POLL_OVERRIDE", False) and requested.isdigit():
        low, high = POLL_OVERRIDE_BOUNDS
        seconds = min(max(int(requested), low), high)
        return PollSettings(seconds, seconds, min(4 * seconds, BACKOFF_MAX_SECONDS))
    return PollSettings(*POLL_SECONDS, BACKOFF_MAX_SECONDS)


def _force_or_404(force_slug: str):
    force = public_forces().filter(slug=force_slug).select_related("recognition_settings").first()
    if force is None:
        raise Http404
    return force


def _station_or_404(force, station_slug: str):
    station = force.stations.filter(slug=station_slug).first()
    if station is None:
        raise Http404
    return station


def _form_url(force, station) -> str:
    query = {"force": force.slug, **({"station": station.slug} if station else {})}
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{reverse('recognition:submit')}?{urlencode(query)}"


def _feed_url(force, station) -> str:
    query = {"force": force.slug, **({"station": station.slug} if station else {})}
    return f"{reverse('api:messages')}?{urlencode(query)}"


def qr_code_data_uri(url: str) -> str:
    """The QR code for `url` as an SVG data URI: made here, so no script and nothing for the CSP
    to block. Error level M survives a smudged or glary screen; the quiet zone is the standard 4."""
    return segno.make(url, error="m", micro=False).svg_data_uri(
        border=4, dark="#000", light="#fff", omitsize=True, svgclass=None, lineclass=None
    )


def _shown_messages(force, station):
    """The first page of what the feed answers for this screen, so the script's first poll
    changes nothing on screen."""
    messages = shown_messages().filter(force=force)
    if station is not None:
        messages = messages.filter(station=station)
    return list(messages[:DEFAULT_PAGE_SIZE])


def _todays_events(force, station):
    """Today's wellbeing events (UK time) at the station, or anywhere in the force on the force's
    screen, including any still running from earlier or going on past midnight."""
    today = timezone.localdate()
    day_starts, day_ends = (
        timezone.make_aware(datetime.combine(day, time.min)) for day in (today, today + timedelta(days=1))
    )
    events = force.events.filter(starts_at__lt=day_ends, ends_at__gt=day_starts)
    if station is not None:
        events = events.filter(station=station)
    return list(events.select_related("station").order_by("starts_at", "pk"))


def _logo(force):
    """The force's logo with its renditions, so `{% image %}` costs no further query."""
    if force.logo_id is None:
        return None
    return get_image_model().objects.prefetch_renditions().filter(pk=force.logo_id).first()


def _force_names(force) -> tuple[str, str | None, str]:
    """The name to lead with in the page's language, the other language's name where the force
    has a Welsh one (Welsh forces are named in both), and that other language's code."""
    other_language = "en" if get_language() == "cy" else "cy"
    name, other_name = force_name(force, get_language()), force_name(force, other_language)
    return name, (other_name if other_name != name else None), other_language


def _screen(request, force, station):
    paused_message = national_pause(request) or force_pause(force)
    poll = poll_settings(request)
    name, other_name, other_language = _force_names(force)
    form_url = _form_url(force, station)
    context = {
        "force": force,
        "station": station,
        "force_name": name,
        "force_other_name": other_name,
        "force_other_language": other_language,
        "logo": _logo(force),
        "messages": [] if paused_message is not None else _shown_messages(force, station),
        "holding_message": paused_message,
        "events": _todays_events(force, station),
        "form_url": form_url,
        "form_url_display": form_url.split("://", 1)[-1].split("?", 1)[0],
        "qr_code": qr_code_data_uri(form_url),
        "feed_url": _feed_url(force, station),
        "poll": poll,
        "storage_key": f"rpw-screen:{force.slug}:{station.slug if station else ''}",
        # Whole seconds, like the HTTP Date header the script stamps the feed's answers with.
        "rendered_at": int(timezone.now().timestamp()) * 1000,
        "time_zone": settings.TIME_ZONE,
        "release": release_id(),
    }
    return render(request, "recognition/screen.html", context)


@never_cache
@require_safe
def force_screen(request, force_slug):
    """The screen for a force as a whole: its messages to any of its stations, or none."""
    return _screen(request, _force_or_404(force_slug), None)


@never_cache
@require_safe
def station_screen(request, force_slug, station_slug):
    """The screen in one station: the messages to that station."""
    force = _force_or_404(force_slug)
    return _screen(request, force, _station_or_404(force, station_slug))


@require_safe
def screen_service_worker(request):
    """The screens' service worker, served under /screens/ so that its scope covers them."""
    response = render(
        request, "recognition/screen_service_worker.js", content_type="text/javascript; charset=utf-8"
    )
    response["Cache-Control"] = "no-cache"
    return response
