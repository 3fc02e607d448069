"""Cursor pagination of the feed, newest first. Cursors stay valid while messages are published,
so a client paging back never sees a message twice or skips one. A malformed cursor names no page:
404, as DRF answers."""

from base64 import b64encode
from urllib import parse

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
