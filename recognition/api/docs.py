"""The feed's OpenAPI description: what drf-spectacular cannot see in the views themselves
(the pause, 304s, errors, caching headers), kept apart so the views read as code."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers

from .query import CURSOR_MAX_LENGTH, MAX_PAGE_SIZE, SLUG_MAX_LENGTH, SLUG_PATTERN
from .serializers import ForceSerializer, MessageSerializer

SLUG_SCHEMA = {"type": "string", "maxLength": SLUG_MAX_LENGTH, "pattern": SLUG_PATTERN}


class PausedSerializer(serializers.Serializer):
    message = serializers.CharField(
        help_text="The holding message the editors wrote: show it instead of messages."
    )


class MessagePageSerializer(serializers.Serializer):
    results = MessageSerializer(many=True)
    next = serializers.CharField(
        allow_null=True,
        help_text="The cursor of the next, older page: send it back, URL-encoded, as `cursor`. "
        "Null on the last page.",
    )
    paused = PausedSerializer(
        allow_null=True,
        help_text="Null normally. While the national team or the force has paused the wall and screens, "
        "the holding message to show instead; `results` is then empty.",
    )


class ForceListSerializer(serializers.Serializer):
    results = ForceSerializer(many=True)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


CACHING_HEADERS = [
    OpenApiParameter(
        "ETag",
        location=OpenApiParameter.HEADER,
        response=[200, 304],
        description="Weak tag of this answer; it changes when, and only when, the answer does.",
    ),
    OpenApiParameter(
        "Cache-Control",
        location=OpenApiParameter.HEADER,
        response=[200, 304],
        description="`public, max-age=5`: a shared cache may keep the answer a few seconds.",
    ),
    OpenApiParameter(
        "If-None-Match",
        location=OpenApiParameter.HEADER,
        description="The ETag of the answer you hold: 304, with no body, while it is still current.",
    ),
]
ERRORS = {
    304: OpenApiResponse(description="Not modified: the answer named in If-None-Match is still current."),
    400: OpenApiResponse(ErrorSerializer, description="A parameter is malformed or too long."),
    429: OpenApiResponse(ErrorSerializer, description="Too many requests from one address; see Retry-After."),
}

message_list = extend_schema_view(
    get=extend_schema(
        operation_id="messages_list",
        summary="Published thank-you messages, newest first",
        description=(
            "Approved, not withdrawn messages, nationally or for one force or one of its stations. "
            "Poll with If-None-Match: a 304 costs the server almost nothing. A paused force's "
            "messages leave the national feed too."
        ),
        parameters=[
            OpenApiParameter("force", SLUG_SCHEMA, description="A force's slug (see /api/v1/forces/)."),
            OpenApiParameter("station", SLUG_SCHEMA, description="A station's slug within `force`."),
            OpenApiParameter(
                "cursor",
                {"type": "string", "maxLength": CURSOR_MAX_LENGTH},
                description="The `next` cursor of the page before.",
            ),
            OpenApiParameter(
                "page_size",
                {"type": "integer", "minimum": 1},
                description=f"Messages per page: 20 unless asked; more than {MAX_PAGE_SIZE} "
                f"gives {MAX_PAGE_SIZE}.",
            ),
            *CACHING_HEADERS,
        ],
        responses={
            200: OpenApiResponse(MessagePageSerializer, description="A page of messages, newest first."),
            **ERRORS,
            404: OpenApiResponse(ErrorSerializer, description="No such force or station."),
        },
    )
)

force_list = extend_schema_view(
    get=extend_schema(
        operation_id="forces_list",
        summary="Forces and their stations",
        description="Every force whose hub is live, with its stations: what a screen can be set up for.",
        parameters=CACHING_HEADERS,
        responses={200: OpenApiResponse(ForceListSerializer, description="Every force, by name."), **ERRORS},
    )
)
