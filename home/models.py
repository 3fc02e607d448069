from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page


class Nation(models.TextChoices):
    ENGLAND = "england", _("England")
    WALES = "wales", _("Wales")


class WeekDatesMixin(models.Model):
    """The dates of a week of action; the end may not come before the start."""

    week_starts = models.DateField(_("week starts"), null=True, blank=True)
    week_ends = models.DateField(_("week ends"), null=True, blank=True)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if bool(self.week_starts) != bool(self.week_ends):
            raise ValidationError(_("Give both the first and the last day of the week, or neither."))
        if self.week_starts and self.week_ends < self.week_starts:
            raise ValidationError({"week_ends": _("The week cannot end before it starts.")})


class HomePage(WeekDatesMixin, Page):  # noqa: DJ008 - Page.__str__ is the title
    """The national home of the week: one per site (its Welsh version is a translation of it)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + ["intro", "week_starts", "week_ends"]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.ForceHubPage", "home.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("national home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["force_hubs"] = ForceHubPage.objects.child_of(self).live().order_by("nation", "title")
        return context


class ForceHubPage(WeekDatesMixin, Page):  # noqa: DJ008 - Page.__str__ is the title
    """A police force and its hub for the week. The page's title is the force's name."""

    name_cy = models.CharField(_("Welsh name"), max_length=120, blank=True)
    nation = models.CharField(_("nation"), max_length=10, choices=Nation.choices, default=Nation.ENGLAND)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [
        "name_cy",
        "nation",
        "intro",
        "week_starts",
        "week_ends",
        "stations",
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("force hub page")


class Station(Orderable):
    """A police station of a force: where wellbeing visits happen and thanks can be addressed."""

    page = ParentalKey(ForceHubPage, on_delete=models.CASCADE, related_name="stations")
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=False)

    panels = ["name", "slug"]

    class Meta(Orderable.Meta):
        verbose_name = _("station")
        verbose_name_plural = _("stations")
        constraints = [
            models.UniqueConstraint(fields=["page", "slug"], name="unique_station_slug_per_force"),
        ]

    def __str__(self):
        return self.name


class StandardPage(Page):
    """A plain content page: the privacy notice, about the week, and the like."""

    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + ["body"]

    parent_page_types = ["home.HomePage", "home.ForceHubPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("standard page")
