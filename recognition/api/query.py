"""The feed's query parameters, checked before anything else looks at them.

Unknown parameters are ignored; over-long or malformed values are a 400 with a JSON `detail`.
The parsed query is also the name of the cached answer, so two requests that mean the same
thing share one entry however their URLs are spelled.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ParseError

SLUG_MAX_LENGTH = 100
CURSOR_MAX_LENGTH = 200
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
SLUG_PATTERN = r"^[-a-zA-Z0-9_]*$"
_SLUG = re.compile(SLUG_PATTERN)


def _slug(query, name: str) -> str:
    value = query.get(name, "")
    if len(value) > SLUG_MAX_LENGTH or not _SLUG.match(value):
        raise ParseError(
            _("“%(name)s” must be a slug of at most %(max)s letters, digits, - or _.")
            % {"name": name, "max": SLUG_MAX_LENGTH}
        )
    return value


def page_size_from(query) -> int:
    """A whole number of at least 1; more than MAX_PAGE_SIZE is served as MAX_PAGE_SIZE."""
    value = query.get("page_size", "")
    if not value:
        return DEFAULT_PAGE_SIZE
    if not (value.isascii() and value.isdigit()) or int(value[:12]) < 1:
        raise ParseError(_("“page_size” must be a whole number from 1."))
    return MAX_PAGE_SIZE if len(value) > 12 else min(int(value), MAX_PAGE_SIZE)


@dataclass(frozen=True)
class FeedQuery:
    force: str = ""
    station: str = ""
    cursor: str = ""
    page_size: int = DEFAULT_PAGE_SIZE

    @classmethod
    def from_query(cls, query) -> "FeedQuery":
        force, station = _slug(query, "force"), _slug(query, "station")
        cursor = query.get("cursor", "")
        if len(cursor) > CURSOR_MAX_LENGTH:
            raise ParseError(_("“cursor” is too long."))
        return cls(force=force, station=station, cursor=cursor, page_size=page_size_from(query))
