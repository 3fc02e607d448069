from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.images import get_image_model

from wellbeing.calendar import calendar_response
from wellbeing.schedule import schedule_for


def image_with_renditions(image_id: int | None):
    """One image with its renditions prefetched, so `{% image %}` costs no further query."""
    if image_id is None:
        return None
    return get_image_model().objects.prefetch_renditions().filter(pk=image_id).first()


class WeekPageMixin(RoutablePageMixin):
    """What the national home and the force hubs share: events with iCalendar downloads, support
    contacts, resources, and a body whose blocks read them from the page's context (the blocks
    never query, so a page costs the same number of queries however many blocks it has)."""

    def get_events(self):
        raise NotImplementedError

    def get_support(self) -> dict:
        """`{"force": [...], "national": [...]}`: the contacts shown on the page."""
        raise NotImplementedError

    def get_resources(self):
        """The resources this page's resource lists choose from."""
        raise NotImplementedError

    @path("calendar/", name="week_calendar")
    def week_calendar(self, request):
        return calendar_response(
            self.get_events(), name=self.title, filename=self.slug, url=self.get_full_url(request)
        )

    @path("calendar/<int:event_id>/", name="event_calendar")
    def event_calendar(self, request, event_id):
        event = get_object_or_404(self.get_events(), pk=event_id)
        filename = f"{self.slug}-{slugify(event.title)[:60]}"
        return calendar_response([event], name=event.title, filename=filename, url=self.get_full_url(request))

    def body_block_types(self) -> set[str]:
        # From the raw data: reading the blocks themselves would load every block's objects.
        return {block["type"] for block in self.body.raw_data}

    def week_context(self, request) -> dict:
        block_types = self.body_block_types()
        page_url = self.get_url(request)
        context = {
            "body_block_types": block_types,
            "schedule": schedule_for(self.get_events()),
            "calendar_url": page_url + self.reverse_subpage("week_calendar") if page_url else "",
            "support": self.get_support(),
        }
        if "resource_list" in block_types:
            context["page_resources"] = list(self.get_resources().for_display())
        return context
