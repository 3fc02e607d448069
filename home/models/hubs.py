from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page

from home.blocks import BodyBlock
from wellbeing.models import NationalSupportContact, Resource

from .base import DEFAULT_ACCENT, Nation, WeekDatesMixin, validate_accent_colour
from .case_studies import CaseStudyPage
from .week_pages import WeekPageMixin, image_with_renditions

# What makes two events the same event: a second row equal on all of these is a duplicate.
EVENT_IDENTITY = ("kind", "title", "starts_at", "ends_at", "station", "online_url", "description")


def _identity(values: dict) -> tuple:
    station = values.get("station")
    return tuple(
        getattr(station, "pk", station) if name == "station" else values.get(name) for name in EVENT_IDENTITY
    )


def _instance_identity(event) -> tuple:
    return _identity(
        {name: getattr(event, "station_id" if name == "station" else name) for name in EVENT_IDENTITY}
    )


def _event_form_for(form_class, stations, hub_form):
    """The events' child form, offering only `stations` (another force's station, even in a
    crafted post, is refused as an invalid choice), and asking to confirm a new or changed event
    dated outside the force's week."""

    class EventForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["station"].queryset = stations

        def clean(self):
            cleaned = super().clean()
            starts_at = cleaned.get("starts_at")
            week = hub_form.week_dates()
            edited = set(self.changed_data) - {"ORDER", "DELETE"}
            if not (starts_at and week and edited) or cleaned.get("outside_week"):
                return cleaned
            first, last = week
            if not first <= timezone.localdate(starts_at) <= last:
                self.add_error(
                    "starts_at",
                    _(
                        "This date is outside your week (%(first)s to %(last)s). Change it, or tick "
                        "“Outside the week” below to keep it."
                    )
                    % {"first": date_format(first, "j F Y"), "last": date_format(last, "j F Y")},
                )
            return cleaned

    return EventForm


class ForceHubPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        events = self.formsets.get("events")
        if events is not None:
            # The force's stations as its hub in the default language lists them; a translated
            # hub's events keep pointing at those.
            stations = Station.objects.filter(
                page__translation_key=self.instance.translation_key, page__locale=Locale.get_default()
            )
            events.form = _event_form_for(events.form, stations, self)

    def week_dates(self):
        """The week as this post gives it (or as saved), or None without dates."""
        data = getattr(self, "cleaned_data", None) or {}
        first = data.get("week_starts", self.instance.week_starts)
        last = data.get("week_ends", self.instance.week_ends)
        return (first, last) if first and last and first <= last else None

    def _kept_event_forms(self):
        events = self.formsets.get("events")
        if events is None:
            return None, []
        kept = [
            form
            for form in events.forms
            if form.has_changed() or form in events.initial_forms
            if not (events.can_delete and events._should_delete_form(form))
        ]
        return events, kept

    def is_valid(self):
        """Refuses a post that lists the same event twice: publishing it would show it twice."""
        valid = super().is_valid()
        events, kept = self._kept_event_forms()
        seen = {}
        for form in kept:
            if not hasattr(form, "cleaned_data") or form.errors:
                continue
            identity = _identity(form.cleaned_data)
            if identity in seen:
                form.add_error(
                    None,
                    _("This event is listed twice (the same as event %(number)s): remove one of them.")
                    % {"number": seen[identity] + 1},
                )
                valid = False
            else:
                seen[identity] = events.forms.index(form)
        return valid

    def save(self, commit=True):
        self._adopt_saved_events()
        return super().save(commit=commit)

    def _adopt_saved_events(self):
        """A new event equal to one already saved for this page, that the post does not list, is
        that event again: the editor's open form missed the id a background save gave it (Wagtail
        #14568, autosave replaying a post). It updates that row instead of inserting a copy, and
        autosave's field updates then hand the id back to the form."""
        events, kept = self._kept_event_forms()
        if events is None:
            return
        listed = {form.instance.pk for form in kept if form.instance.pk}
        unlisted = {}
        for event in self.instance.events.all():
            if event.pk and event.pk not in listed:
                unlisted.setdefault(_instance_identity(event), event)
        for form in kept:
            if form.instance.pk is None and form.has_changed():
                saved = unlisted.pop(_identity(form.cleaned_data), None)
                if saved is not None:
                    form.instance.pk = saved.pk
                    form.instance.uid = saved.uid


class ForceHubPage(WeekPageMixin, WeekDatesMixin, Page):
    """A police force and its hub for the week. The page's title is the force's name; whoever may
    publish this page is that force's editor, for its events, case studies and resources too."""

    name_cy = models.CharField(_("Welsh name"), max_length=120, blank=True)
    nation = models.CharField(_("nation"), max_length=10, choices=Nation.choices, default=Nation.ENGLAND)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo_alt_text = models.CharField(
        _("logo alt text"), max_length=200, blank=True, help_text=_("What the logo says or shows.")
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default=DEFAULT_ACCENT,
        validators=[validate_accent_colour],
        help_text=_("The banner colour, under white text: it must be dark enough to read (4.5:1)."),
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + ["name_cy", "nation", "intro", "body"]
    week_panels = [
        MultiFieldPanel(["week_starts", "week_ends"], heading=_("The week")),
        InlinePanel("events", label=_("event")),
    ]
    force_panels = [
        MultiFieldPanel(
            [
                "logo",
                "logo_alt_text",
                FieldPanel("accent_colour", widget=forms.TextInput(attrs={"type": "color"})),
            ],
            heading=_("Identity"),
        ),
        InlinePanel("support_contacts", label=_("support contact")),
        InlinePanel("stations", label=_("station")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(week_panels, heading=_("Week and events")),
            ObjectList(force_panels, heading=_("Force")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = ForceHubPageForm

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.CaseStudyPage", "home.ResourceLibraryPage", "home.StandardPage"]

    class Meta:
        verbose_name = _("force hub page")

    def clean(self):
        super().clean()
        if self.logo_id and not self.logo_alt_text:
            raise ValidationError({"logo_alt_text": _("Describe the logo for people who cannot see it.")})
        station_ids = {event.station_id for event in self.events.all() if event.station_id}
        others = Station.objects.filter(pk__in=station_ids).exclude(
            page__translation_key=self.translation_key
        )
        if station_ids and others.exists():
            raise ValidationError(_("An event can only be at one of this force's own stations."))

    @property
    def accent_hex(self) -> str:
        return self.accent_colour.lower().removeprefix("#")

    def get_events(self):
        return self.events.select_related("station").order_by("starts_at", "pk")

    def get_support(self) -> dict:
        national = NationalSupportContact.objects.filter(page__locale_id=self.locale_id, page__live=True)
        return {"force": list(self.support_contacts.all()), "national": list(national)}

    def get_resources(self):
        return Resource.objects.for_force(self.translation_key).in_language_of(self.locale_id)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.week_context(request))
        context["logo"] = image_with_renditions(self.logo_id)
        context["case_studies"] = (
            CaseStudyPage.objects.child_of(self)
            .live()
            .select_related("photo")
            .prefetch_related("photo__renditions")
            .order_by("-first_published_at")
        )
        return context


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
