"""Wagtail's and wagtail-localize's admin views that list or name pages and objects without asking
whose they are, each scoped by the tenancy rule or closed to all but the national team.

These patterns are included before Wagtail's admin URLs (cms/urls.py), at the same addresses, so
the menu, `reverse()` and Wagtail's own JavaScript reach them unchanged; what each serves is
Wagtail's view with a narrower queryset. `tests/home/test_every_admin_url.py` tries every admin URL
as another force's editor and moderator, and fails when a new one appears that it does not know.

- The page chooser (browse, search, chosen-multiple) offers the pages the user may explore and live
  pages, never another force's drafts.
- Bulk actions list only the objects the user may act on (Wagtail lists the others by title).
- Moving a page is confirmed only where the user may move it to; a page's workflow actions answer
  only for pages the user may explore.
- wagtail-localize's translations report lists the translations of what the user edits.
- The page-types usage and aging pages reports read across every force (last edited page, every
  user's name): the national team's only.
- wagtail-localize's snippet lookup answers for resources only (cms/urls.py scopes that one).
"""

from django.apps import apps
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, re_path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.ui.sidebar import PageExplorerMenuItem as PageExplorerMenuItemComponent
from wagtail.admin.views import chooser
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.pages.move import MoveConfirmView
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.admin.wagtail_hooks import ExplorerMenuItem
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.views.report import TranslationsReportView

from .tenancy import landing_page, pages_user_may_choose, translation_keys_user_edits, user_is_national


def admin_view(view):
    """Guarded as Wagtail guards its own admin views (login, admin access, no caching)."""
    return never_cache(require_admin_access(view))


# The page chooser.


class ScopedBrowseView(chooser.BrowseView):
    def get(self, request, parent_page_id=None):
        if parent_page_id is not None:
            get_object_or_404(pages_user_may_choose(request.user), pk=parent_page_id)
        return super().get(request, parent_page_id)


class ScopedChosenMultipleView(chooser.ChosenMultipleView):
    def get(self, request):
        allowed = pages_user_may_choose(request.user).filter(pk__in=_integers(request.GET.getlist("id")))
        request.GET = _with_ids(request.GET, allowed.exclude(depth=1).values_list("pk", flat=True))
        return super().get(request)


def scope_page_chooser(pages, request):
    """Wagtail's `construct_page_chooser_queryset` hook: the chooser's listings and search."""
    return pages.filter(pk__in=pages_user_may_choose(request.user).values("pk"))


def _integers(values) -> list[int]:
    return [int(value) for value in values if value.isdigit()]


def _with_ids(query: QueryDict, ids) -> QueryDict:
    narrowed = query.copy()
    narrowed.setlist("id", [str(pk) for pk in ids])
    return narrowed


# Bulk actions.


def bulk_action(request, app_label, model_name, action):
    """Wagtail's bulk action dispatcher, with the objects the user may not act on left unlisted."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if action_class is None:
        raise Http404

    def get_actionable_objects(view):
        objects, context = action_class.get_actionable_objects(view)
        return objects, {**context, "items_with_no_access": []}

    scoped = type(
        f"Scoped{action_class.__name__}", (action_class,), {"get_actionable_objects": get_actionable_objects}
    )
    return scoped(request, model).dispatch(request)


# Where the page explorer opens.


class LandingExplorerMenuItem(ExplorerMenuItem):
    """Wagtail's "Pages" menu item, opening on the user's own hub (`tenancy.landing_page`)."""

    def start_page(self, request):
        return landing_page(request.user) or PagePermissionPolicy().explorable_root_instance(request.user)

    def get_context(self, request):
        context = super().get_context(request)
        start = self.start_page(request)
        if start:
            context["start_page_id"] = start.id
        return context

    def render_component(self, request):
        start = self.start_page(request)
        if not start:
            return super().render_component(request)
        return PageExplorerMenuItemComponent(
            self.name, self.label, self.url, start.id, icon_name=self.icon_name, classname=self.classname
        )


def open_the_explorer_on_the_users_hub(request, menu_items):
    """Wagtail's `construct_main_menu` hook."""
    for index, item in enumerate(menu_items):
        if item.name == "explorer" and not isinstance(item, LandingExplorerMenuItem):
            menu_items[index] = LandingExplorerMenuItem(
                item.label, item.url, name=item.name, icon_name=item.icon_name, order=item.order
            )


WAGTAIL_EXPLORE_ROOT = page_viewset_registry.as_view("index", is_base_page=True)


def explore_root(request):
    """`/admin/pages/`: the user's own hub, where they have one; Wagtail's root listing otherwise."""
    start = landing_page(request.user)
    if start is not None:
        return redirect("wagtailadmin_explore", start.pk)
    return WAGTAIL_EXPLORE_ROOT(request)


# Moving a page.


class ScopedMoveConfirmView(MoveConfirmView):
    def dispatch(self, request, page_to_move_id, destination_id, *args, **kwargs):
        page = get_object_or_404(Page, id=page_to_move_id)
        destination = get_object_or_404(Page, id=destination_id)
        permissions = page.permissions_for_user(request.user)
        if not (permissions.can_move() and permissions.can_move_to(destination)):
            raise Http404
        return super().dispatch(request, page_to_move_id, destination_id, *args, **kwargs)


# A page's workflow actions name the page (in a message) before Wagtail checks the user may act.


def on_pages_the_user_may_explore(view):
    def guarded(request, *args, page_id, **kwargs):
        get_object_or_404(PagePermissionPolicy().explorable_instances(request.user), pk=page_id)
        return view(request, *args, page_id=page_id, **kwargs)

    return guarded


def workflow_view(name):
    return admin_view(
        on_pages_the_user_may_explore(page_viewset_registry.as_view(name, page_id_kwarg="page_id"))
    )


# Reports.


class ScopedTranslationsReportView(TranslationsReportView):
    def get_queryset(self):
        queryset = super().get_queryset()
        if user_is_national(self.request.user):
            return queryset
        return queryset.filter(source__object_id__in=translation_keys_user_edits(self.request.user))


def national_only(view):
    def guarded(request, *args, **kwargs):
        if not user_is_national(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return guarded


def not_offered(request, *args, **kwargs):
    raise Http404


urlpatterns = [
    path("pages/", admin_view(explore_root)),
    path("choose-page/", admin_view(ScopedBrowseView.as_view())),
    path("choose-page/<int:parent_page_id>/", admin_view(ScopedBrowseView.as_view())),
    path("choose-page/chosen-multiple/", admin_view(ScopedChosenMultipleView.as_view())),
    path("bulk/<str:app_label>/<str:model_name>/<str:action>/", admin_view(bulk_action)),
    path(
        "pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",
        admin_view(ScopedMoveConfirmView.as_view()),
    ),
    path(
        "pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        workflow_view("workflow_action"),
    ),
    path(
        "pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        workflow_view("collect_workflow_action_data"),
    ),
    path(
        "pages/workflow/confirm_cancellation/<int:page_id>/", workflow_view("confirm_workflow_cancellation")
    ),
    path("pages/workflow/preview/<int:page_id>/<int:task_id>/", workflow_view("workflow_preview")),
    path("localize/reports/translations/", admin_view(ScopedTranslationsReportView.as_view())),
    path(
        "localize/reports/translations/results/",
        admin_view(ScopedTranslationsReportView.as_view(results_only=True)),
    ),
    path("reports/aging-pages/", admin_view(national_only(AgingPagesView.as_view()))),
    path(
        "reports/aging-pages/results/",
        admin_view(national_only(AgingPagesView.as_view(results_only=True))),
    ),
    path("reports/page-types-usage/", admin_view(national_only(PageTypesUsageReportView.as_view()))),
    path(
        "reports/page-types-usage/results/",
        admin_view(national_only(PageTypesUsageReportView.as_view(results_only=True))),
    ),
    # Resources, the one translatable snippet, have their scoped lookup in cms/urls.py.
    re_path(r"^localize/api/snippets/[\w-]+/[\w-]+/", admin_view(not_offered)),
]
