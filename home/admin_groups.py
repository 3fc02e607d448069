"""The group editor's panel for the one right that is not a page permission: which forces' thanks
a group moderates (`home.models.ForceModeration`). Registered with Wagtail's
`register_group_permission_panel` hook, so an administrator grants it where every other right is."""

from django import forms
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from .models import ForceHubPage, ForceModeration


class ForceModerationPanel(forms.Form):
    forces = forms.ModelMultipleChoiceField(
        queryset=ForceHubPage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Moderates the thanks sent to"),
        help_text=_(
            "Members moderate these forces' thanks and nothing else. Editors of a force's hub "
            "moderate it already."
        ),
    )

    def __init__(self, data=None, files=None, instance=None, prefix="force_moderation"):
        self.instance = instance
        initial = {}
        if instance is not None and instance.pk:
            initial["forces"] = list(instance.force_moderation.values_list("force_id", flat=True))
        super().__init__(data, files, initial=initial, prefix=prefix)
        self.fields["forces"].queryset = ForceHubPage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        ).order_by("title")

    @transaction.atomic
    def save(self):
        chosen = set(self.cleaned_data["forces"])
        ForceModeration.objects.filter(group=self.instance).exclude(force__in=chosen).delete()
        for force in chosen:
            ForceModeration.objects.get_or_create(group=self.instance, force=force)

    def as_admin_panel(self):
        return render_to_string("home/admin/force_moderation_panel.html", {"form": self})
