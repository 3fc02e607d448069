"""Wellbeing: events of the week, support contacts and the resource library.

Forces are their hub pages, referred to by string ("home.ForceHubPage"): this app never imports
`home`'s page code. Events and contacts are inline children of the hub (or of the national home),
so they are edited, revised and published with the page, under its permissions.
"""

import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

PHONE_NUMBER = RegexValidator(
    r"^\+?[0-9][0-9 ]{2,18}[0-9]$", _("Use digits and spaces only, with an optional + at the start.")
)


def tel_href(phone: str) -> str:
    """A `tel:` link for a phone number as people write it (spaces dropped)."""
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


class EventKind(models.TextChoices):
    VAN_VISIT = "van_visit", _("Wellbeing van visit")
    DOG_VISIT = "dog_visit", _("Wellbeing dog visit")
    WEBINAR = "webinar", _("Webinar")
    CONVERSATION = "conversation", _("Conversation or Q&A")
    OTHER = "other", _("Other")


class Event(Orderable):
    """Something happening during a week: where, when, and how to book or join."""

    # Stable across edits and translations, so a calendar app updates its copy instead of adding one.
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.OTHER)
    title = models.CharField(_("title"), max_length=140)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    online_url = models.URLField(_("online link"), blank=True, help_text=_("Where to join online."))
    description = models.TextField(_("description"), blank=True)
    booking_details = models.TextField(
        _("booking or joining details"), blank=True, help_text=_("How to book a place or join.")
    )

    panels = ["kind", "title", "starts_at", "ends_at", "online_url", "description", "booking_details"]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The event must end after it starts.")})

    @property
    def place(self) -> str:
        return str(_("Online"))

    @property
    def ends_same_day(self) -> bool:
        return timezone.localdate(self.starts_at) == timezone.localdate(self.ends_at)


class ForceEvent(Event):
    """An event of one force's week: at one of its stations, or online."""

    page = ParentalKey("home.ForceHubPage", on_delete=models.CASCADE, related_name="events")
    station = models.ForeignKey(
        "home.Station",
        verbose_name=_("station"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        help_text=_("One of this force's stations. Leave empty for an online event."),
    )

    outside_week = models.BooleanField(
        _("outside the week"),
        default=False,
        help_text=_("Tick to keep an event dated before or after the force's week."),
    )

    panels = [*Event.panels[:4], "station", *Event.panels[4:], "outside_week"]

    class Meta(Event.Meta):
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if not self.station_id and not self.online_url:
            raise ValidationError(_("Choose a station or give an online link."))

    @property
    def place(self) -> str:
        return self.station.name if self.station_id else super().place


class NationalEvent(Event):
    """An event for every force: national webinars and #WECOPS conversations, all online."""

    page = ParentalKey("home.HomePage", on_delete=models.CASCADE, related_name="national_events")

    class Meta(Event.Meta):
        verbose_name = _("national event")
        verbose_name_plural = _("national events")

    def clean(self):
        super().clean()
        if not self.online_url:
            raise ValidationError({"online_url": _("National events are online: give the link.")})


class SupportContactKind(models.TextChoices):
    OCCUPATIONAL_HEALTH = "occupational_health", _("Occupational health")
    EMPLOYEE_ASSISTANCE = "employee_assistance", _("Employee assistance")
    WELLBEING_LEAD = "wellbeing_lead", _("Wellbeing lead")
    HELPLINE = "helpline", _("Helpline")
    OTHER = "other", _("Support service")


class SupportContact(Orderable):
    """Who to call for support: shown on every hub and resource page, one tap away on a phone."""

    kind = models.CharField(_("kind"), max_length=30, choices=SupportContactKind.choices)
    name = models.CharField(_("name"), max_length=120)
    phone = models.CharField(_("phone number"), max_length=20, blank=True, validators=[PHONE_NUMBER])
    hours = models.CharField(_("when to call"), max_length=120, blank=True)
    url = models.URLField(_("web page"), blank=True)
    notes = models.CharField(_("notes"), max_length=250, blank=True)

    panels = ["kind", "name", "phone", "hours", "url", "notes"]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if not self.phone and not self.url:
            raise ValidationError(_("Give a phone number, a web page or both."))

    @property
    def tel_href(self) -> str:
        return tel_href(self.phone) if self.phone else ""


class ForceSupportContact(SupportContact):
    page = ParentalKey("home.ForceHubPage", on_delete=models.CASCADE, related_name="support_contacts")

    class Meta(SupportContact.Meta):
        verbose_name = _("support contact")
        verbose_name_plural = _("support contacts")


class NationalSupportContact(SupportContact):
    """Maintained once, on the national home, by the national team; shown on every hub."""

    page = ParentalKey("home.HomePage", on_delete=models.CASCADE, related_name="support_contacts")

    class Meta(SupportContact.Meta):
        verbose_name = _("national support contact")
        verbose_name_plural = _("national support contacts")


class TopicSlug(models.TextChoices):
    SLEEP = "sleep", _("Sleep")
    FATIGUE = "fatigue", _("Fatigue")
    RESILIENCE = "resilience", _("Resilience")
    SELF_CARE = "self-care", _("Self-care")
    COMPASSION = "compassion", _("Compassion")
    MENTAL_HEALTH = "mental-health", _("Mental health")
    PHYSICAL_HEALTH = "physical-health", _("Physical health")
    FINANCIAL = "financial", _("Financial wellbeing")


class TopicQuerySet(models.QuerySet):
    def ensure_all(self) -> None:
        """One row per `TopicSlug`. The migrations add them; tests that flush the database call this."""
        for position, slug in enumerate(TopicSlug.values):
            self.update_or_create(slug=slug, defaults={"position": position})


class Topic(models.Model):
    """A fixed list (`TopicSlug`); rows only so that resources can be filtered by topic in SQL."""

    slug = models.SlugField(_("slug"), max_length=30, unique=True, choices=TopicSlug.choices)
    position = models.PositiveSmallIntegerField(default=0)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["position"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return str(self.get_slug_display())


class ResourceKind(models.TextChoices):
    WEBINAR_RECORDING = "webinar_recording", _("Webinar recording")
    TOOLKIT = "toolkit", _("Toolkit")
    GUIDE = "guide", _("Guide")
    HELPLINE = "helpline", _("Helpline")
    APP = "app", _("App")
    ARTICLE = "article", _("Article")


class ResourceQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def national(self):
        return self.filter(force__isnull=True)

    def for_force(self, translation_key):
        """National resources and those of one force, given by its hub's translation key (the same
        in every language)."""
        return self.filter(Q(force__isnull=True) | Q(force__translation_key=translation_key))

    def in_language_of(self, locale_id: int):
        """Each resource once: in the locale `locale_id` where it has been translated into it, else
        in the default language (a Welsh page shows the Welsh version, or the English one until
        there is one). One query, whatever the language."""
        default = Q(locale__language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
        translated = self.model.objects.filter(
            translation_key=OuterRef("translation_key"), locale_id=locale_id
        )
        return self.filter(Q(locale_id=locale_id) | default & ~Exists(translated))

    def filtered(self, *, topic: str = "", kind: str = ""):
        resources = self
        if topic:
            resources = resources.filter(topics__slug=topic)
        if kind:
            resources = resources.filter(kind=kind)
        return resources

    def for_display(self):
        """With everything a listing shows, in a fixed number of queries."""
        return self.select_related("document").prefetch_related("topics").order_by("title", "pk")


class Resource(TranslatableMixin, index.Indexed, models.Model):
    """A wellbeing resource: a webinar recording, a toolkit, a helpline... National when it has no
    force; otherwise only that force's editors (and the national team) may see and change it."""

    title = models.CharField(_("title"), max_length=140)
    summary = models.TextField(_("summary"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="resources")
    provider = models.CharField(
        _("provider"),
        max_length=120,
        help_text=_("Who offers it: Oscar Kilo, the College of Policing, the force, a charity..."),
    )
    url = models.URLField(_("link"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phone = models.CharField(_("phone number"), max_length=20, blank=True, validators=[PHONE_NUMBER])
    force = models.ForeignKey(
        "home.ForceHubPage",
        verbose_name=_("force"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="resources",
        help_text=_("Leave empty for a national resource, shown to every force."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ResourceQuerySet.as_manager()

    # Words are translated; what they point at is the same in every language (a Welsh version may
    # still override its link or document, for a Welsh edition of a guide). Topics are kept the
    # same in every language by `wellbeing.signals`: wagtail-localize does not carry many-to-many.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("summary"),
        TranslatableField("provider"),
        SynchronizedField("kind", overridable=False),
        SynchronizedField("url"),
        SynchronizedField("document"),
        SynchronizedField("phone", overridable=False),
        SynchronizedField("force", overridable=False),
    ]

    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("summary"),
        index.SearchField("provider"),
        index.FilterField("kind"),
        index.FilterField("force"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["title"]
        verbose_name = _("wellbeing resource")
        verbose_name_plural = _("wellbeing resources")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.url and self.document_id:
            raise ValidationError(_("Give a link or a document, not both."))
        if not (self.url or self.document_id or self.phone):
            raise ValidationError(_("Give a link, a document or a phone number."))

    @property
    def href(self) -> str:
        """Where to read, watch or download it: its link or its document ("" for a phone line)."""
        if self.url:
            return self.url
        return self.document.url if self.document_id else ""

    @property
    def tel_href(self) -> str:
        return tel_href(self.phone) if self.phone else ""

    @property
    def is_national(self) -> bool:
        return self.force_id is None
