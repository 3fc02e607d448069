from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .models import ForceRecognitionSettings


def _hub_of(page):
    """The force hub a page belongs to, when it is one: its messages and pause are the English
    hub's, which its Welsh translation shares a translation key with."""
    if page is None or page.specific_class.__name__ != "ForceHubPage":
        return None
    return page


def _force_pause_for(hub) -> str | None:
    from .api.public import force_pause  # home's page models load this module before ours are ready

    own = (
        ForceRecognitionSettings.objects.filter(
            force__translation_key=hub.translation_key, force__locale__language_code=settings.LANGUAGE_CODE
        )
        .select_related("force")
        .first()
    )
    return force_pause(own.force) if own else None


class RecentThanksBlock(blocks.StructBlock):
    """The latest published thanks for the hub's force (or nationally on the national home), or
    the holding message while the walls are paused."""

    heading = blocks.CharBlock(default=_("Recent thanks"), max_length=80)
    count = blocks.IntegerBlock(
        default=3, min_value=1, max_value=12, help_text=_("How many messages to show.")
    )

    class Meta:
        template = "blocks/recent_thanks.html"
        icon = "pick"
        label = _("Recent thanks")
        description = _("The latest thank-you messages that moderators have approved.")
        preview_value = {"heading": "Recent thanks", "count": 3}

    def get_context(self, value, parent_context=None):
        from .api.public import national_pause, shown_messages  # see _force_pause_for

        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        hub = _hub_of(parent_context.get("page"))
        holding_message = national_pause(parent_context.get("request"))
        if holding_message is None and hub is not None:
            holding_message = _force_pause_for(hub)
        messages = shown_messages()
        if hub is not None:
            messages = messages.filter(force__translation_key=hub.translation_key)
        context["holding_message"] = holding_message
        context["messages"] = [] if holding_message else messages[: value["count"]]
        return context
