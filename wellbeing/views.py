"""Admin views for wellbeing resources, scoped to the forces the user manages.

Wagtail's generic views check model-level permissions only; these check every object against the
resource permission policy, and list only what the user may manage. The policy is registered in
`wagtail_hooks`, so the bulk delete action follows it too.
"""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import IsAuthenticated
from wagtail.log_actions import log
from wagtail.models import Locale
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser, snippets
from wagtail_localize.views import snippets_api as localize_snippets_api

from home.admin_scoping import ScopedObjectMixin

from .models import Resource


def _managed_resources(user):
    return policy_registry.get_by_type(Resource).instances_user_has_any_permission_for(user, ["change"])


def _manages(user, resource: Resource) -> bool:
    return policy_registry.get_by_type(Resource).user_has_permission_for_instance(user, "change", resource)


class ResourceIndexView(snippets.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(self.permission_policy.managed_by(self.request.user))


class ResourceEditView(ScopedObjectMixin, snippets.EditView):
    pass


class ResourceCopyView(ScopedObjectMixin, snippets.CopyView):
    pass


class ResourceDeleteView(ScopedObjectMixin, snippets.DeleteView):
    pass


class ResourceInspectView(ScopedObjectMixin, snippets.InspectView):
    pass


class ResourceHistoryView(ScopedObjectMixin, snippets.HistoryView):
    pass


class ResourceUsageView(ScopedObjectMixin, snippets.UsageView):
    pass


class ResourceChooseView(chooser.ChooseView):
    def get_object_list(self):
        return _managed_resources(self.request.user)


class ResourceChooseResultsView(chooser.ChooseResultsView):
    def get_object_list(self):
        return _managed_resources(self.request.user)


class ResourceChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        return _managed_resources(self.request.user).get(pk=pk)


class ResourceChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return _managed_resources(self.request.user).filter(pk__in=pks)


class ResourceChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ResourceChooseView
    choose_results_view_class = ResourceChooseResultsView
    chosen_view_class = ResourceChosenView
    chosen_multiple_view_class = ResourceChosenMultipleView


class ResourceTranslateView(TemplateView):
    """Makes the version of a resource in another language (Welsh), for the editors of the
    resource's force: a copy to translate in the ordinary editor, with the same topics, linked to
    the original so that each language's pages show their own version. wagtail-localize's own
    "Translate" checks a global permission only, not the force; this one follows the policy."""

    template_name = "wellbeing/admin/translate_resource.html"

    def dispatch(self, request, pk, language_code):
        self.resource = get_object_or_404(Resource, pk=pk)
        if not _manages(request.user, self.resource):
            raise Http404
        self.locale = get_object_or_404(
            Locale.objects.exclude(pk=self.resource.locale_id), language_code=language_code
        )
        existing = self.resource.get_translation_or_none(self.locale)
        if existing is not None:
            return redirect(edit_url(existing))
        return super().dispatch(request, pk, language_code)

    def get_context_data(self, **kwargs):
        return super().get_context_data(resource=self.resource, locale=self.locale, **kwargs)

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            translation = self.resource.copy_for_translation(self.locale)
            translation.save()
            log(instance=translation, action="wagtail.create", user=request.user)
        messages.success(
            request,
            _("A %(language)s version of “%(title)s” was made. Translate it here, then save.")
            % {"language": self.locale.get_display_name(), "title": self.resource.title},
        )
        return redirect(edit_url(translation))


def edit_url(resource: Resource) -> str:
    return reverse("wagtailsnippets_wellbeing_resource:edit", args=[quote(resource.pk)])


def languages_to_translate_into(resource: Resource, user) -> list[Locale]:
    """The languages `resource` has no version in yet, if `user` may manage it (else none)."""
    if not _manages(user, resource):
        return []
    have = Resource.objects.filter(translation_key=resource.translation_key).values("locale_id")
    return list(Locale.objects.exclude(pk__in=have))


class ScopedSnippetsAPI(localize_snippets_api.SnippetViewSet):
    """wagtail-localize's snippet lookup (titles and edit links, for its translation editor),
    answering only with the resources the user manages: as shipped it lists every one to anyone
    with admin access. Mounted over wagtail-localize's address for resources in `cms/urls.py`."""

    # The project's DRF settings authenticate nobody (the feed is anonymous); this is the admin's.
    authentication_classes = [SessionAuthentication]
    permission_classes = [IsAuthenticated]
    pagination_class = None  # the project's default is the feed's cursor, by publication time

    def get_queryset(self):
        return _managed_resources(self.request.user)
