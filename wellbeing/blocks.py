"""Wellbeing's blocks for the national home and the force hubs.

They show what the page has already loaded into its context (`schedule`, `support`,
`page_resources`), so no block queries the database however many a page has.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .models import ResourceKind, TopicSlug


class EventScheduleBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), default=_("What's on"), max_length=80)
    intro = blocks.TextBlock(label=_("introduction"), required=False)

    class Meta:
        template = "blocks/event_schedule.html"
        icon = "date"
        label = _("Event schedule")
        description = _("The page's events by day, today's first, with calendar downloads.")
        preview_value = {"heading": "What's on", "intro": "Wellbeing van visits, webinars and conversations."}


class ResourceListValue(blocks.StructValue):
    def pick(self, resources) -> list:
        """Those of `resources` (loaded once for the page) that match this block's filters."""
        topic, kind = self.get("topic"), self.get("kind")
        chosen = [
            resource
            for resource in resources
            if (not kind or resource.kind == kind)
            and (not topic or topic in {t.slug for t in resource.topics.all()})
        ]
        return chosen[: self.get("count") or None]


class ResourceListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), default=_("Resources"), max_length=80)
    topic = blocks.ChoiceBlock(label=_("topic"), choices=TopicSlug.choices, required=False)
    kind = blocks.ChoiceBlock(label=_("kind"), choices=ResourceKind.choices, required=False)
    count = blocks.IntegerBlock(label=_("how many"), default=6, min_value=1, max_value=24)

    class Meta:
        template = "blocks/resource_list.html"
        icon = "doc-full"
        label = _("Resource list")
        description = _("National resources and this force's own, optionally of one topic or kind.")
        value_class = ResourceListValue
        preview_value = {"heading": "Sleep and fatigue", "topic": "sleep", "count": 6}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["resources"] = value.pick((parent_context or {}).get("page_resources", []))
        return context


class SupportSignpostingBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), default=_("Get support"), max_length=80)
    intro = blocks.TextBlock(label=_("introduction"), required=False)

    class Meta:
        template = "blocks/support_signposting.html"
        icon = "help"
        label = _("Support signposting")
        description = _("Who to call: this force's contacts and the national ones, one tap away.")
        preview_value = {"heading": "Get support", "intro": "You do not have to wait until it is a crisis."}
