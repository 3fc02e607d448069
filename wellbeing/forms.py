from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from .models import ResourceKind, TopicSlug
from .permissions import FORCE_HUB, ResourcePermissionPolicy


class ResourceAdminForm(WagtailAdminModelForm):
    """The resource editor: the force can only be one the user manages, and "national" (no force)
    is only offered to those who manage the national resources. A crafted post is refused too,
    since a choice outside the narrowed queryset does not validate."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "force" not in self.fields or self.for_user is None:
            return
        scopes = ResourcePermissionPolicy(self._meta.model).scopes(self.for_user)
        # A resource belongs to the force's hub in the default language; its translations share it.
        hubs = apps.get_model(FORCE_HUB).objects.filter(locale=Locale.get_default()).order_by("title")
        if not scopes.everything:
            hubs = hubs.filter(pk__in=scopes.force_ids)
        self.fields["force"].queryset = hubs
        self.fields["force"].required = not scopes.national
        self.fields["force"].empty_label = _("National: every force") if scopes.national else None


class ResourceFilterForm(forms.Form):
    """The resource library's filters: plain GET parameters, so they work without JavaScript."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=[("", _("All topics")), *TopicSlug.choices]
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ResourceKind.choices]
    )

    def filters(self) -> dict[str, str]:
        """The valid filters; an invalid one (a hand-edited address) is ignored, not an error."""
        if not self.is_valid():
            return {name: self.cleaned_data.get(name, "") for name in ("q", "topic", "kind")}
        return dict(self.cleaned_data)
