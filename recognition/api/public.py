"""What the public is shown right now, for the feed, the wall and the screens alike.

`Message.objects.published()` decides which messages may be seen at all. On top of it, the national
team may pause every wall and screen, and a force may pause its own (after the death of an officer,
say): a paused force's messages leave the national wall too, and the holding message its editors
wrote is shown instead.
"""

from django.conf import settings
from django.utils.translation import gettext

from ..models import ForceRecognitionSettings, Message, NationalWallSettings

ForceHubPage = Message._meta.get_field("force").related_model


def public_forces():
    """Every live force hub in the default language: messages belong to these pages (a Welsh hub
    is a translation of one), and their slugs name forces in URLs."""
    return ForceHubPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).order_by("title")


def shown_messages():
    """Published messages, newest first, less those of paused forces."""
    return (
        Message.objects.published()
        .exclude(force__recognition_settings__paused=True)
        .newest_first()
        .select_related("force", "station")
    )


def national_pause(request=None) -> str | None:
    """The national holding message while every wall is paused, else None."""
    wall = NationalWallSettings.load(request_or_site=request)
    return _holding_message(wall) if wall.paused else None


def force_pause(force) -> str | None:
    """The force's holding message while its wall is paused, else None. Reads the settings row
    that `select_related("recognition_settings")` fetched with the force, when it did."""
    try:
        own = force.recognition_settings
    except ForceRecognitionSettings.DoesNotExist:
        return None
    return _holding_message(own) if own.paused else None


def _holding_message(paused_settings) -> str:
    return paused_settings.holding_message.strip() or gettext(
        "Messages of thanks are paused for now. Thank you for your patience."
    )


def force_name(force, language: str) -> str:
    """The force's name in `language`: its Welsh name on Welsh pages where it has one."""
    if language == "cy" and force.name_cy:
        return force.name_cy
    return force.title
