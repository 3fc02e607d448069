from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .models import Message


class RecentThanksBlock(blocks.StructBlock):
    """The latest published thanks for the hub's force (or nationally on the national home)."""

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
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        messages = Message.objects.published().newest_first().select_related("force", "station")
        if page is not None and page.specific_class.__name__ == "ForceHubPage":
            messages = messages.filter(force__translation_key=page.translation_key)
        context["messages"] = messages[: value["count"]]
        return context
