"""The read-only feed: published messages newest first, and the forces with their stations.

Every answer a client is meant to ask for is kept in the shared cache under the wall version it was
rendered at (see `answers`), so a poll that changes nothing costs no query and at most one cache
round trip. A later page is kept only when a kept page gave out its cursor: a made-up cursor, valid
as it may look, is answered and not kept.
"""

from dataclasses import replace

from django.conf import settings
from django.db.models import Exists, OuterRef, Value
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework.exceptions import APIException, NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from ..models import ForceRecognitionSettings
from . import docs
from .answers import (
    Answer,
    answer_key,
    cached_answer,
    etag_for,
    issue_page,
    issued_page,
    release_id,
    serve_answer,
    store_answer,
)
from .pagination import FeedCursorPagination
from .public import force_pause, national_pause, public_forces, shown_messages
from .query import DEFAULT_PAGE_SIZE, FeedQuery
from .serializers import ForceSerializer, MessageSerializer
from .throttling import FeedRateThrottle


class JSONOnly(BaseContentNegotiation):
    """JSON whatever the client's Accept says: the cached answer is the same bytes for everyone."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class AnswerKeys:
    """Each view's answer keys by raw query string, so a screen's repeated poll skips parsing its
    query and hashing the key. Only valid queries are kept, of bounded length and number: junk
    parameters cannot grow it past MAX_ENTRIES * MAX_QUERY_LENGTH."""

    MAX_ENTRIES = 1024
    MAX_QUERY_LENGTH = 512

    def __init__(self):
        self.keys: dict[str, str] = {}
        self.release = ""

    def key_for(self, view, request) -> str:
        """The answer key of this request; APIException for a query DRF must refuse."""
        raw = request.META.get("QUERY_STRING", "")
        if self.release != (release := release_id()):  # keys carry the release
            self.keys, self.release = {}, release
        key = self.keys.get(raw)
        if key is None:
            key = answer_key(view.answer_kind, *view.answer_params(request.GET))
            if len(raw) <= self.MAX_QUERY_LENGTH:
                if len(self.keys) >= self.MAX_ENTRIES:
                    self.keys.clear()
                self.keys[raw] = key
        return key


class CachedAnswerMixin:
    """Serves GET and HEAD from the version cache when it can, before DRF does any work; renders,
    stores and serves the answer when it cannot."""

    answer_kind = ""
    http_method_names = ["get", "head", "options"]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONOnly
    permission_classes = [AllowAny]
    throttle_classes = [FeedRateThrottle]

    def answer_params(self, query) -> tuple:
        return ()

    def answer_page(self, key: str) -> int | None:
        """Which page of its query the answer rendered is; None when it must not be kept."""
        return 1

    def answer_is_usual(self) -> bool:
        """Whether the answer rendered is what screens ask for: kept outside the extra budget."""
        return True

    def answer_kept(self, page: int, response) -> None:
        """Called once the answer rendered, page `page` of its query, is kept."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.answer_keys = AnswerKeys()

    def dispatch(self, request, *args, **kwargs):
        self.answer_slot = None
        if request.method in ("GET", "HEAD"):
            try:
                key = self.answer_keys.key_for(self, request)
            except APIException:
                key = None  # DRF answers the bad request below
            if key is not None:
                version, answer = cached_answer(key)
                if answer is not None and answer.version == version:
                    return serve_answer(request, answer)
                self.answer_slot = (key, version)
        # One language for everyone: a cached answer must not depend on who asked first.
        with translation.override(settings.LANGUAGE_CODE):
            return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.answer_slot is None or response.status_code != 200:
            return response
        key, version = self.answer_slot
        body = response.render().content
        answer = Answer(
            version=version, etag=etag_for(body), body=body, content_type=response["Content-Type"]
        )
        page = self.answer_page(key)
        if page is not None and store_answer(key, answer, extra=page > 1 or not self.answer_is_usual()):
            self.answer_kept(page, response)
        return serve_answer(request, answer)


@docs.message_list
class MessageListView(CachedAnswerMixin, GenericAPIView):
    """Published thank-you messages, newest first, nationally or for one force or station."""

    answer_kind = "feed"
    serializer_class = MessageSerializer
    pagination_class = FeedCursorPagination

    def answer_params(self, query) -> tuple:
        return _params(FeedQuery.from_query(query))

    def answer_page(self, key: str) -> int | None:
        return issued_page(key) if self.feed_query.cursor else 1

    def answer_is_usual(self) -> bool:
        return not self.feed_query.cursor and self.feed_query.page_size == DEFAULT_PAGE_SIZE

    def answer_kept(self, page: int, response) -> None:
        if response.data.get("next"):
            next_page = replace(self.feed_query, cursor=response.data["next"])
            issue_page(answer_key(self.answer_kind, *_params(next_page)), page + 1)

    def get(self, request, *args, **kwargs):
        self.feed_query = feed_query = FeedQuery.from_query(request.query_params)
        force, station = self._force_and_station(feed_query)
        paused = national_pause() or (force_pause(force) if force else None)
        if paused:
            return Response({"results": [], "next": None, "paused": {"message": paused}})
        messages = shown_messages()
        if force is not None:
            messages = messages.filter(force=force)
        if station is not None:
            messages = messages.filter(station=station)
        page = self.paginate_queryset(messages)
        response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        response.data["paused"] = None
        return response

    def _force_and_station(self, feed_query: FeedQuery):
        if feed_query.station and not feed_query.force:
            raise NotFound(_("A station is named within its force: give “force” too."))
        if not feed_query.force:
            return None, None
        force = public_forces().select_related("recognition_settings").filter(slug=feed_query.force).first()
        if force is None:
            raise NotFound(_("There is no force “%(slug)s”.") % {"slug": feed_query.force})
        if not feed_query.station:
            return force, None
        station = force.stations.filter(slug=feed_query.station).first()
        if station is None:
            raise NotFound(
                _("%(force)s has no station “%(slug)s”.") % {"force": force.title, "slug": feed_query.station}
            )
        return force, station


def _params(feed_query: FeedQuery) -> tuple:
    return (feed_query.force, feed_query.station, feed_query.cursor, feed_query.page_size)


@docs.force_list
class ForceListView(CachedAnswerMixin, GenericAPIView):
    """Every force with its stations: what a screen may be configured for."""

    answer_kind = "forces"
    serializer_class = ForceSerializer
    pagination_class = None

    def get_queryset(self):
        paused = (
            Value(True)
            if national_pause()
            else Exists(ForceRecognitionSettings.objects.filter(force=OuterRef("pk"), paused=True))
        )
        return public_forces().annotate(paused=paused).prefetch_related("stations")

    def get(self, request, *args, **kwargs):
        return Response({"results": self.get_serializer(self.get_queryset(), many=True).data})
