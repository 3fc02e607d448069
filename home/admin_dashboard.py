"""The dashboard's first panel for a force's editors: their hub and the few things they do in the
week, one click each. The national team's panel points at the national home and every hub."""

from django.conf import settings
from django.urls import reverse
from wagtail.admin.ui.components import Component

from .tenancy import force_hubs_user_may_publish, landing_page, user_may_publish_national_home

# Wagtail's tabbed editor opens the tab named in the address's fragment.
EVENTS_TAB = "#tab-week_and_events"
MAX_HUBS_LISTED = 3


def _links(page) -> dict:
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return {"edit": edit, "add_event": edit + EVENTS_TAB, "view": page.url}


class YourWeekPanel(Component):
    name = "home_your_week"
    template_name = "home/admin/your_week_panel.html"
    order = 10

    def __init__(self, user):
        self.user = user

    @staticmethod
    def is_shown_to(user) -> bool:
        return not user.is_superuser and landing_page(user) is not None

    def get_context_data(self, parent_context):
        national = user_may_publish_national_home(self.user)
        page = landing_page(self.user)
        hubs = []
        if not national:
            hubs = list(
                force_hubs_user_may_publish(self.user)
                .filter(locale__language_code=settings.LANGUAGE_CODE)
                .order_by("title")[:MAX_HUBS_LISTED]
            )
        return {
            "national": national,
            "page": page,
            "page_links": _links(page),
            "hubs": [{"hub": hub, "links": _links(hub), "events": hub.events.count()} for hub in hubs],
            "queue_url": reverse("recognition_messages:index"),
            "settings_url": reverse("recognition_force_settings:index"),
            "protected_names_url": reverse("recognition_protected_names:index"),
            "explorer_url": reverse("wagtailadmin_explore", args=[page.pk]),
        }
