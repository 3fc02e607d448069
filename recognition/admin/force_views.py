"""Views for the force-scoped models (force settings, protected names): the generic views, with
every lookup limited to the forces the user may moderate."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView

from home.admin_scoping import ScopedObjectMixin

from ..services import Rescreen, add_protected_name, change_protected_name
from .policies import moderated_forces


class ScopedEditView(ScopedObjectMixin, generic.EditView):
    """Edit a force-scoped object (settings, protected names) of the user's own forces only."""

    scope_actions = ("change",)


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    scope_actions = ("delete",)


class ScopedIndexView(generic.IndexView):
    # A list of cards on a phone, as the moderation queue is (recognition/static/recognition/admin.css).
    template_name = "recognition/admin/scoped_index.html"

    def get_base_queryset(self):
        queryset = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change", "view"]
        )
        return queryset.select_related("force")


class ScopedHistoryView(ScopedObjectMixin, HistoryView):
    scope_actions = ("change",)


class ScopedUsageView(ScopedObjectMixin, UsageView):
    scope_actions = ("change",)


class ForceSettingsIndexView(ScopedIndexView):
    """One row per force the user moderates, made the first time it is listed (as Wagtail's own
    settings are made the first time they are read)."""

    def get_base_queryset(self):
        model = self.model
        forces = moderated_forces(self.request.user).values_list("pk", flat=True)
        model.objects.bulk_create([model(force_id=force_id) for force_id in forces], ignore_conflicts=True)
        return super().get_base_queryset()


RESCREENED = _(
    "%(action)s The force's messages were screened again: %(taken_down)s published taken off the "
    "wall, %(flagged)s waiting flagged."
)


def rescreened_message(action: str, rescreen: Rescreen) -> str:
    return RESCREENED % {"action": action, "taken_down": rescreen.taken_down, "flagged": rescreen.flagged}


class ProtectedNameCreateView(generic.CreateView):
    """Adding a protected name screens the force's waiting and published messages again at once."""

    def save_instance(self):
        data = self.form.cleaned_data
        self.rescreen = add_protected_name(force=data["force"], name=data["name"], user=self.request.user)
        return self.rescreen.protected_name

    def get_success_message(self, instance):
        return rescreened_message(_("Protected name added."), self.rescreen)


class ProtectedNameEditView(ScopedEditView):
    """Correcting a protected name screens the force's messages again too: the new spelling may
    match where the old did not."""

    def save_instance(self):
        data = self.form.cleaned_data
        self.rescreen = change_protected_name(
            protected_name=self.object, force=data["force"], name=data["name"], user=self.request.user
        )
        return self.rescreen.protected_name

    def get_success_message(self):
        return rescreened_message(_("Protected name saved."), self.rescreen)
