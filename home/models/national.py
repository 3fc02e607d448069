from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page

from home.blocks import BodyBlock
from recognition.models import Message
from wellbeing.models import Resource

from .base import WeekDatesMixin
from .hubs import ForceHubPage
from .libraries import ResourceLibraryPage
from .week_pages import WeekPageMixin

FEATURED_RESOURCES = 6


def forces_for_listing(locale: Locale) -> list[ForceHubPage]:
    """Every live force hub once, in `locale` where it has a translation, else in the default
    language: the Welsh home lists all 43 forces, not only the four Welsh ones."""
    default = Locale.get_default()
    hubs = (
        ForceHubPage.objects.live().filter(Q(locale=locale) | Q(locale=default)).order_by("nation", "title")
    )
    chosen = {}
    for hub in hubs:
        if hub.translation_key not in chosen or hub.locale_id == locale.pk:
            chosen[hub.translation_key] = hub
    return sorted(chosen.values(), key=lambda hub: (hub.nation, hub.title))


class HomePage(WeekPageMixin, WeekDatesMixin, Page):
    """The national home of the week: one per site (its Welsh version is a translation of it). The
    national team keeps the national events and support contacts here, once for every force."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + ["intro", "body"]
    week_panels = [
        MultiFieldPanel(["week_starts", "week_ends"], heading=_("The week")),
        InlinePanel("national_events", label=_("national event")),
    ]
    support_panels = [InlinePanel("support_contacts", label=_("national support contact"))]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(week_panels, heading=_("Week and events")),
            ObjectList(support_panels, heading=_("Support")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.ForceHubPage", "home.ResourceLibraryPage", "home.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("national home page")

    def get_events(self):
        return self.national_events.order_by("starts_at", "pk")

    def get_support(self) -> dict:
        return {"force": [], "national": list(self.support_contacts.all())}

    def get_resources(self):
        return Resource.objects.national().in_language_of(self.locale_id)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.week_context(request))
        context.update(
            force_hubs=forces_for_listing(self.locale),
            thanks_count=Message.objects.published().count(),
            featured_resources=self.get_resources()
            .for_display()
            .order_by("-updated_at")[:FEATURED_RESOURCES],
            resource_library=ResourceLibraryPage.objects.child_of(self).live().first(),
        )
        return context
