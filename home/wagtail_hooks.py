from wagtail import hooks

from . import admin_api, admin_overrides
from .admin_dashboard import YourWeekPanel
from .admin_groups import ForceModerationPanel
from .tenancy import user_is_national

# After Wagtail's own hooks (order 0), which register the unscoped endpoints under the same names.
hooks.register("construct_admin_api", admin_api.register, order=100)


@hooks.register("register_group_permission_panel")
def register_force_moderation_panel():
    return ForceModerationPanel


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):
    return admin_overrides.scope_page_chooser(pages, request)


NATIONAL_REPORTS = {"aging-pages", "page-types-usage"}


@hooks.register("construct_reports_menu")
def offer_national_reports_to_the_national_team(request, menu_items):
    if not user_is_national(request.user):
        menu_items[:] = [item for item in menu_items if item.name not in NATIONAL_REPORTS]


@hooks.register("construct_main_menu")
def open_the_explorer_on_the_users_hub(request, menu_items):
    admin_overrides.open_the_explorer_on_the_users_hub(request, menu_items)


@hooks.register("construct_homepage_panels")
def add_your_week_panel(request, panels):
    if YourWeekPanel.is_shown_to(request.user):
        panels.insert(0, YourWeekPanel(request.user))
