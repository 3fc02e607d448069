"""Cursor pagination of the feed, newest first. Cursors stay valid while messages are published,
so a client paging back never sees a message twice or skips one. A malformed cursor (bad base64, a
bad offset, or a position that is no date and time) is the client's mistake: a JSON 400, never a
500."""

from base64 import b64encode
from urllib import parse

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ParseError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from .query import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, page_size_from


class FeedCursorPagination(CursorPagination):
    ordering = ("-published_at", "-id")
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    # No "previous" and no browsable API: the feed goes one way, from the newest.
    template = None

    def get_page_size(self, request):
        return page_size_from(request.query_params)

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
            valid = cursor is None or cursor.position is None or _is_datetime(cursor.position)
        except NotFound:
            valid = False
        if not valid:
            raise ParseError(_("“cursor” is not one this feed gave out."))
        return cursor

    def encode_cursor(self, cursor):
        """The bare cursor, not a URL: the same answer then suits every host name and proxy."""
        tokens = {"o": str(cursor.offset)} if cursor.offset else {}
        if cursor.reverse:
            tokens["r"] = "1"
        if cursor.position is not None:
            tokens["p"] = cursor.position
        return b64encode(parse.urlencode(tokens, doseq=True).encode("ascii")).decode("ascii")

    def get_paginated_response(self, data):
        return Response({"results": data, "next": self.get_next_link()})


def _is_datetime(text: str) -> bool:
    try:
        return parse_datetime(text) is not None
    except ValueError:
        return False
