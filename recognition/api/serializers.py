"""What the feed shows of a message and of a force: named fields only, never `__all__`, so private
fields (email, address hash, status, flags, moderation notes) cannot appear by accident."""

from datetime import UTC

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import Message
from .public import ForceHubPage

Station = Message._meta.get_field("station").related_model


class ForceSummarySerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="title", help_text=_("The force's name in English."))

    class Meta:
        model = ForceHubPage
        fields = ("slug", "name")


class StationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Station
        fields = ("slug", "name")


class MessageSerializer(serializers.ModelSerializer):
    message = serializers.CharField(source="body", help_text=_("The thanks, as the moderator approved it."))
    from_name = serializers.CharField(
        help_text=_(
            "How the sender signed it, as they wrote it. Empty when they did not sign: show "
            "“A member of the public” (or its translation) then."
        )
    )
    force = ForceSummarySerializer()
    station = StationSerializer(allow_null=True)
    published_at = serializers.DateTimeField(
        default_timezone=UTC, help_text=_("When it was approved, in UTC.")
    )

    class Meta:
        model = Message
        fields = ("id", "message", "recipient", "from_name", "force", "station", "published_at")
        read_only_fields = fields


class ForceSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="title", help_text=_("The force's name in English."))
    name_cy = serializers.CharField(help_text=_("The force's Welsh name; empty where it has none."))
    stations = StationSerializer(many=True)
    paused = serializers.BooleanField(help_text=_("Whether the force has paused its wall and screens."))

    class Meta:
        model = ForceHubPage
        fields = ("slug", "name", "name_cy", "nation", "paused", "stations")
        read_only_fields = fields
