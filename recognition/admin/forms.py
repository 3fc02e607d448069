from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from ..models import (
    ForceRecognitionSettings,
    Message,
    ProtectedName,
    RejectionReason,
)
from .policies import moderated_forces


class ApproveForm(forms.Form):
    override_flags = forms.BooleanField(
        required=False,
        label=_("I have read the flagged parts and this message is safe to publish"),
    )


def reason_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Reason"),
        choices=[("", "---------"), *RejectionReason.choices],
        # The target of the moderation page's "r" shortcut (Wagtail's keyboard controller).
        widget=forms.Select(attrs={"data-w-kbd-target": "element"}),
    )


class RejectForm(forms.Form):
    reason = reason_field()
    note = forms.CharField(
        label=_("Note for other moderators (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Never shown to the public or the submitter."),
    )


class ReferForm(forms.Form):
    # Not "note": the reject form beside it on the moderation page has one.
    referral_note = forms.CharField(
        label=_("Note on the referral (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example whom you spoke to and any reference they gave. Never shown to the public."),
    )


class BulkRejectForm(forms.Form):
    reason = reason_field()


class EditAndApproveForm(WagtailAdminModelForm):
    """The words a moderator may change to redact a message before publishing it."""

    override_flags = forms.BooleanField(
        required=False,
        label=_("Publish even if the edited message is still flagged"),
        help_text=_("A protected name can never be overridden: edit it out."),
    )

    class Meta:
        model = Message
        fields = ["recipient", "body", "from_name"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}


class ForceScopedForm(WagtailAdminModelForm):
    """A form whose force is one of the forces the user may moderate."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "force" in self.fields:
            self.fields["force"].queryset = moderated_forces(self.for_user)


class ForceRecognitionSettingsForm(WagtailAdminModelForm):
    complaints_url = forms.URLField(
        label=ForceRecognitionSettings._meta.get_field("complaints_url").verbose_name,
        required=False,
        assume_scheme="https",
        help_text=_("Where the thank-you form sends people whose message reads as a complaint."),
    )
    safeguarding_contact_phone = forms.CharField(
        label=ForceRecognitionSettings._meta.get_field("safeguarding_contact_phone").verbose_name,
        required=False,
        max_length=40,
        help_text=ForceRecognitionSettings._meta.get_field("safeguarding_contact_phone").help_text,
        validators=[
            RegexValidator(
                r"^\+?[0-9 ()-]{3,39}$",
                message=_("Enter a phone number: digits, spaces and brackets, with + for abroad."),
            )
        ],
    )

    class Meta:
        model = ForceRecognitionSettings
        fields = [
            "auto_publish_unflagged",
            "complaints_url",
            "safeguarding_contact_name",
            "safeguarding_contact_phone",
            "paused",
            "holding_message",
            "privacy_controller_name",
            "privacy_controller_address",
            "data_protection_officer_email",
        ]
        widgets = {"privacy_controller_address": forms.Textarea(attrs={"rows": 3})}


class ProtectedNameForm(ForceScopedForm):
    class Meta:
        model = ProtectedName
        fields = ["force", "name"]
