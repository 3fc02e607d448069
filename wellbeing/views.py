"""Admin views for wellbeing resources, scoped to the forces the user manages.

Wagtail's generic views check model-level permissions only; these check every object against the
resource permission policy, and list only what the user may manage. The policy is registered in
`wagtail_hooks`, so the bulk delete action follows it too.
"""

from django.core.exceptions import PermissionDenied
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser, snippets

from .models import Resource


def _managed_resources(user):
    return policy_registry.get_by_type(Resource).instances_user_has_any_permission_for(user, ["change"])


class ScopedObjectMixin:
    """Refuses any resource of a force (or the national library) the user does not manage."""

    def get_object(self, *args, **kwargs):
        resource = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "change", resource):
            raise PermissionDenied
        return resource


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
