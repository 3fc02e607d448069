from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import Page


class StandardPage(Page):
    """A plain content page: the privacy notice, about the week, and the like."""

    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + ["body"]

    parent_page_types = ["home.HomePage", "home.ForceHubPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("standard page")
