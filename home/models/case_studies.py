from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .week_pages import image_with_renditions

CONSENT_NEEDED = _("Record the date the officer agreed to this story being published before publishing it.")


class CaseStudyPageForm(WagtailAdminPageForm):
    """Drafts may lack the consent date (Wagtail defers the requirement); publishing may not."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent_recorded_on"].error_messages["required"] = CONSENT_NEEDED
        self.fields["consent_recorded_on"].widget = forms.DateInput(attrs={"type": "date"})


class CaseStudyPage(Page):
    """One officer's story, as their force published it. Published only with their recorded consent:
    the date is optional on a draft and required by every publishing path (the admin's form, and
    Wagtail's full clean of a live page)."""

    display_name = models.CharField(
        _("name as shown"),
        max_length=120,
        help_text=_("Exactly as the officer agreed to be named, e.g. 'Special Constable Daniel Cook'."),
    )
    role = models.CharField(_("role"), max_length=120, blank=True)
    team = models.CharField(_("team"), max_length=120, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt_text = models.CharField(_("photo alt text"), max_length=200, blank=True)
    pull_quote = models.TextField(_("pull quote"), max_length=400, blank=True)
    story = RichTextField(_("story"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    consent_recorded_on = models.DateField(
        _("consent recorded on"),
        null=True,
        blank=False,
        error_messages={"blank": CONSENT_NEEDED, "null": CONSENT_NEEDED},
        help_text=_("When the officer agreed to this story, name and photo being published."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(["display_name", "role", "team"], heading=_("The officer")),
        MultiFieldPanel(["photo", "photo_alt_text"], heading=_("Photo")),
        "pull_quote",
        "story",
        "consent_recorded_on",
    ]
    base_form_class = CaseStudyPageForm

    parent_page_types = ["home.ForceHubPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def clean(self):
        super().clean()
        if self.photo_id and not self.photo_alt_text:
            raise ValidationError({"photo_alt_text": _("Describe the photo for people who cannot see it.")})
        if self.consent_recorded_on and self.consent_recorded_on > timezone.localdate():
            raise ValidationError({"consent_recorded_on": _("Consent cannot be recorded in the future.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        hub = self.get_parent().specific
        context["hub"] = hub
        context["photo"] = image_with_renditions(self.photo_id)
        context["support"] = hub.get_support()
        return context
