"""Answers kept per wall version: the feed's JSON and the wall's HTML, each with its ETag.

A request names what it wants (kind + normalised parameters). The shared cache holds the last
answer rendered for that name together with the wall version it was rendered at; while the version
has not moved, the answer is served from the cache (one round trip, fetching the version and the
answer together) and `If-None-Match` is answered 304 with no database query.

The ETag is a hash of the answer's bytes, not of the version: approving a message for one force
moves the version, but the next render of another force's feed comes out byte-identical, gets the
same tag, and its screens keep getting 304s. So a tag changes exactly when what it describes does.
Tags are weak (`W/"…"`): a proxy that compresses the body keeps them. Keys and tags also carry
the release (`release_id`), so a new deploy never serves what the old code rendered, and every
answer says in `X-Release` which release it comes from: a screen that sees another than the one its
page was loaded with reloads itself.

Only answers that a client is meant to ask for are kept (see `store_answer`): what screens ask for
(the first page of a real force's or station's feed at the default size) always; later pages only
when a kept page gave out their cursor, no deeper than MAX_KEPT_PAGE; those and first pages at
other sizes at most MAX_EXTRA_ANSWERS per version. A made-up cursor or an odd page
size is answered just as well, and not kept, so the throttle's allowance cannot fill the cache.
"""

import functools
import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.crypto import salted_hmac

from ..versioning import CACHE_KEY as VERSION_CACHE_KEY
from ..versioning import current_wall_version

# Screens poll every 15-30 s: a few seconds in a CDN absorbs a force's screens without going stale.
MAX_AGE_SECONDS = 5
# Answers of an older version are useless; this only bounds how long unused names linger.
ANSWER_TIMEOUT_SECONDS = 15 * 60
KEY_PREFIX = "recognition:answer:"
# A later page is kept only if a kept page gave out its cursor (an "issued" mark under its key), and
# no deeper than this; those and the first pages of unusual queries share a budget per version.
ISSUED_PREFIX = "recognition:issued:"
BUDGET_PREFIX = "recognition:extra-answers:"
MAX_KEPT_PAGE = 5
MAX_EXTRA_ANSWERS = 1000
RELEASE_HEADER = "X-Release"
# What a deploy changes, when RELEASE does not say: the code, templates, static files, catalogues.
_DEPLOYED_SUFFIXES = frozenset({".py", ".html", ".js", ".css", ".txt", ".mo"})
_DEPLOYED_DIRS = ("cms", "home", "recognition", "wellbeing", "templates", "static", "locale")


@dataclass(frozen=True)
class Answer:
    version: int
    etag: str
    body: bytes
    content_type: str


def release_id() -> str:
    """This deploy, as an opaque digest: of `settings.RELEASE` (the deploy's git SHA or build
    number) when set, else of the files a deploy changes, read once per process. Keyed by the
    secret key, so the public cannot tell which commit runs."""
    return _release_digest(getattr(settings, "RELEASE", "") or _deployed_files_digest())


@functools.lru_cache(maxsize=8)
def _release_digest(release: str) -> str:
    return salted_hmac("recognition.release", release, algorithm="sha256").hexdigest()[:12]


@functools.cache
def _deployed_files_digest() -> str:
    digest = hashlib.blake2b(digest_size=16)
    base = Path(settings.BASE_DIR)
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    paths = [manifest] if manifest.is_file() else []
    for folder in _DEPLOYED_DIRS:
        paths += sorted(p for p in (base / folder).rglob("*") if p.suffix in _DEPLOYED_SUFFIXES)
    for path in paths:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def answer_key(kind: str, *params: object) -> str:
    """The cache key of one answer: `kind` (feed, wall…) and its normalised parameters."""
    digest = hashlib.blake2b(repr((release_id(), kind, params)).encode(), digest_size=16).hexdigest()
    return f"{KEY_PREFIX}{kind}:{digest}"


def etag_for(body: bytes) -> str:
    digest = hashlib.blake2b(body, digest_size=12, key=release_id().encode())
    return f'W/"{digest.hexdigest()}"'


def etag_matches(if_none_match: str, etag: str) -> bool:
    """Weak comparison, as RFC 9110 asks for If-None-Match."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    opaque = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == opaque for tag in if_none_match.split(","))


def _get_many(keys: list[str]) -> dict:
    """`cache.get_many`, without the new Redis client object Django's RedisCache builds for every
    call (a third of a 304's time on this machine): one client per process over the backend's own
    connection pool, keys and values encoded exactly as the backend does."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return backend.get_many(keys)
    redis_client = backend._cache.__dict__.get("answers_client")
    if redis_client is None:
        redis_client = backend._cache.__dict__["answers_client"] = backend._cache.get_client()
    values = redis_client.mget([backend.make_key(key) for key in keys])
    loads = backend._cache._serializer.loads
    return {key: loads(value) for key, value in zip(keys, values, strict=True) if value is not None}


class _LocalMemo:
    """This process's copy of the version, trusted for RECOGNITION_VERSION_MEMO_SECONDS, and of
    the answers it has served. While the copy is fresh, a repeated request costs no round trip to
    the shared cache at all; the worker that publishes forgets it at once (`forget_version`), the
    others within those seconds. 0, the default, asks the shared cache every time."""

    MAX_ANSWERS = 512

    def __init__(self):
        self.version: int | None = None
        self.read_at = 0.0
        self.answers: OrderedDict[str, Answer] = OrderedDict()
        self.lock = threading.Lock()  # threaded servers (gthread, runserver) share it

    def fresh_answer(self, key: str) -> Answer | None:
        seconds = settings.RECOGNITION_VERSION_MEMO_SECONDS
        if not seconds or self.version is None or time.monotonic() - self.read_at >= seconds:
            return None
        answer = self.answers.get(key)
        return answer if answer is not None and answer.version == self.version else None

    def remember(self, version: int, key: str, answer: Answer | None) -> None:
        if not settings.RECOGNITION_VERSION_MEMO_SECONDS:
            return
        with self.lock:
            self.version, self.read_at = version, time.monotonic()
            if answer is not None:
                self.answers[key] = answer
                self.answers.move_to_end(key)
                while len(self.answers) > self.MAX_ANSWERS:
                    self.answers.popitem(last=False)


_memo = _LocalMemo()


def forget_version() -> None:
    """Called after this process publishes a new version: its own next request sees it."""
    _memo.version = None


def cached_answer(key: str) -> tuple[int, Answer | None]:
    """The current wall version and the answer stored under `key`: from this process's memo while
    it is fresh, else in one round trip to the shared cache."""
    answer = _memo.fresh_answer(key)
    if answer is not None:
        return answer.version, answer
    found = _get_many([VERSION_CACHE_KEY, key])
    version = found.get(VERSION_CACHE_KEY)
    if version is None:
        version = current_wall_version()
    answer = found.get(key)
    _memo.remember(version, key, answer)
    return version, answer


def store_answer(key: str, answer: Answer, *, extra: bool = False) -> bool:
    """Keep `answer` under `key`. An `extra` answer (anything but the first page of a usual query)
    is kept only while this version's budget of MAX_EXTRA_ANSWERS lasts. True when kept."""
    if extra and not _take_extra_slot(answer.version):
        return False
    cache.set(key, answer, timeout=ANSWER_TIMEOUT_SECONDS)
    _memo.remember(answer.version, key, answer)
    return True


def _take_extra_slot(version: int) -> bool:
    # Counted per version and per answer timeout: an old version's answers age out meanwhile.
    budget = f"{BUDGET_PREFIX}{version}"
    cache.add(budget, 0, timeout=ANSWER_TIMEOUT_SECONDS)
    try:
        return cache.incr(budget) <= MAX_EXTRA_ANSWERS
    except ValueError:  # expired between add and incr: keep nothing rather than guess
        return False


def issue_page(key: str, page: int) -> None:
    """A kept page gave out the cursor of the answer under `key`, its `page`th page: that answer
    may be kept in turn, unless it lies deeper than MAX_KEPT_PAGE."""
    if page <= MAX_KEPT_PAGE:
        cache.set(key.replace(KEY_PREFIX, ISSUED_PREFIX, 1), page, timeout=ANSWER_TIMEOUT_SECONDS)


def issued_page(key: str) -> int | None:
    """Which page the answer under `key` is, if a kept page gave out its cursor; else None."""
    return cache.get(key.replace(KEY_PREFIX, ISSUED_PREFIX, 1))


CACHE_CONTROL = f"public, max-age={MAX_AGE_SECONDS}"


def add_caching_headers(response, etag: str) -> None:
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    response[RELEASE_HEADER] = release_id()


def not_modified(etag: str) -> HttpResponseNotModified:
    response = HttpResponseNotModified()
    add_caching_headers(response, etag)
    return response


def serve_answer(request, answer: Answer) -> HttpResponse:
    """The stored answer, or 304 when the client already holds it."""
    # META, not request.headers: that builds a dict of every header, on the hottest path there is.
    if etag_matches(request.META.get("HTTP_IF_NONE_MATCH", ""), answer.etag):
        return not_modified(answer.etag)
    body = b"" if request.method == "HEAD" else answer.body
    response = HttpResponse(body, content_type=answer.content_type)
    response["Content-Length"] = str(len(answer.body))
    add_caching_headers(response, answer.etag)
    return response
