import uuid

from django.conf import settings
from django.db import connection, models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from home.tenancy import force_hubs_user_may_moderate

# The flag kind the models query by: `recognition.screening.FlagKind.SAFEGUARDING`'s value (a test
# holds them equal). The models stay clear of screening, which only the services need.
SAFEGUARDING_FLAG = "safeguarding"


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class RejectionReason(models.TextChoices):
    PERSONAL_DATA = "personal_data", _("Contains personal details")
    ABUSIVE = "abusive", _("Abusive or offensive")
    NOT_THANKS = "not_thanks", _("Not a thank-you (complaint, report or disclosure)")
    PROTECTED = "protected", _("Names someone who must not be named")
    DUPLICATE = "duplicate", _("Duplicate or spam")
    OTHER = "other", _("Other")


def flagged_with(kind: str) -> models.Q:
    """Messages whose stored screening flags include one of `kind`. PostgreSQL asks its JSON
    containment; SQLite has none, and the stored JSON text reads the same on every backend."""
    if connection.features.supports_json_field_contains:
        return models.Q(flags__contains=[{"kind": str(kind)}])
    return models.Q(flags__icontains=f'"kind": "{kind}"')


def awaiting_referral() -> models.Q:
    """Flagged as a safeguarding disclosure and not yet passed to the force's control room or
    safeguarding hub."""
    return flagged_with(SAFEGUARDING_FLAG) & models.Q(referred_at__isnull=True)


def queue_position() -> models.Case:
    """A message's place in the moderation queue: 0 for a safeguarding disclosure waiting and not
    yet referred, 1 for anything else waiting, 2 for what is decided."""
    return models.Case(
        models.When(models.Q(status=MessageStatus.PENDING) & awaiting_referral(), then=models.Value(0)),
        models.When(status=MessageStatus.PENDING, then=models.Value(1)),
        default=models.Value(2),
        output_field=models.IntegerField(),
    )


class MessageQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: approved and not withdrawn. The wall, the hubs' recent thanks,
        the screens and the feed all start here."""
        return self.filter(status=MessageStatus.APPROVED, published_at__isnull=False)

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def pending(self):
        """Waiting for a moderator: safeguarding disclosures not yet referred first, then oldest
        first. The moderation queue and its "next waiting message" read this order."""
        return (
            self.filter(status=MessageStatus.PENDING)
            .alias(queue=queue_position())
            .order_by("queue", "created_at", "pk")
        )

    def awaiting_referral(self):
        """Safeguarding disclosures nobody has yet passed to the force's control room or hub."""
        return self.filter(awaiting_referral())

    def for_forces(self, forces):
        """Messages of the given force hubs (pages or their ids)."""
        return self.filter(force__in=forces)

    def moderated_by(self, user):
        """The messages `user` may see and act on in the admin: their forces' only."""
        return self.filter(force__in=forces_user_may_moderate(user))


class Message(models.Model):
    """A thank-you from a member of the public to an officer, team or station of one force."""

    force = models.ForeignKey(
        "home.ForceHubPage", verbose_name=_("force"), on_delete=models.PROTECT, related_name="messages"
    )
    station = models.ForeignKey(
        "home.Station",
        verbose_name=_("station"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
    )
    recipient = models.CharField(_("who is thanked"), max_length=200)
    # The recipient as a burst of messages is counted by: case, punctuation and spacing ignored.
    recipient_key = models.CharField(max_length=200, blank=True, editable=False)
    body = models.TextField(_("message"), max_length=1000)
    from_name = models.CharField(_("signed"), max_length=80, blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")

    # Personal data: never shown outside moderation, never logged, erased after the retention period.
    email = models.EmailField(_("email address"), blank=True)
    client_hash = models.CharField(_("client address hash"), max_length=64, blank=True, editable=False)
    contact_erased_at = models.DateTimeField(_("contact details erased at"), null=True, blank=True)

    # One row per form: a repeated post of the same form hits the unique constraint.
    form_token = models.UUIDField(_("form token"), unique=True, default=uuid.uuid4, editable=False)
    # Only a hash of the private withdraw link's token is stored.
    withdraw_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    status = models.CharField(
        _("status"), max_length=12, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    flags = models.JSONField(_("screening flags"), default=list, blank=True)
    # One of many messages to the same recipient in a short time (`RECOGNITION_BURST_LIMIT`): a
    # campaign or a pile-on, so held for a moderator to read together, never published at once.
    held_as_burst = models.BooleanField(_("held: one of a burst to the same recipient"), default=False)
    original_body = models.TextField(_("original message"), blank=True)
    rejection_reason = models.CharField(
        _("rejection reason"), max_length=20, choices=RejectionReason.choices, blank=True
    )
    moderation_note = models.TextField(_("moderation note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    # A safeguarding disclosure passed on to the force's control room or safeguarding hub.
    referred_at = models.DateTimeField(_("referred at"), null=True, blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    referral_note = models.TextField(_("referral note"), blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("thank-you message")
        verbose_name_plural = _("thank-you messages")
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="message_published_idx"),
            models.Index(fields=["force", "status", "-published_at"], name="message_force_published_idx"),
            models.Index(fields=["status", "created_at"], name="message_queue_idx"),
            models.Index(fields=["force", "recipient_key", "created_at"], name="message_recipient_burst_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=MessageStatus.APPROVED) | models.Q(published_at__isnull=False),
                name="approved_message_has_published_at",
            ),
        ]

    def __str__(self):
        # Wagtail copies this into every audit log entry's label, which outlives the message and is
        # shown in reports: so an id, never the submitter's words.
        return _("Thank-you message #%(id)s") % {"id": self.pk}

    @property
    def signature(self) -> str:
        return self.from_name or str(_("A member of the public"))

    @property
    def is_flagged(self) -> bool:
        return bool(self.flags)

    @property
    def reads_as_safeguarding(self) -> bool:
        return any(flag.get("kind") == SAFEGUARDING_FLAG for flag in self.flags)


class ForceRecognitionSettings(models.Model):
    """How one force handles thanks. Kept off the hub page so it never lands in page revisions."""

    force = models.OneToOneField(
        "home.ForceHubPage",
        verbose_name=_("force"),
        on_delete=models.CASCADE,
        related_name="recognition_settings",
    )
    auto_publish_unflagged = models.BooleanField(
        _("publish unflagged messages without a moderator"),
        default=False,
        help_text=_(
            "Only a message that plainly reads as a thank-you and that screening flags for nothing at "
            "all is published at once. Anything flagged (personal details, swearing, a complaint, a "
            "crime report, a safeguarding disclosure, a protected name) or that does not clearly thank "
            "someone always waits for a moderator."
        ),
    )
    complaints_url = models.URLField(_("complaints page"), blank=True)
    safeguarding_contact_name = models.CharField(
        _("safeguarding contact"),
        max_length=120,
        blank=True,
        help_text=_(
            "Who moderators pass a safeguarding disclosure to at once: the force control room or "
            "safeguarding hub. Shown to moderators next to the Refer button."
        ),
    )
    safeguarding_contact_phone = models.CharField(
        _("safeguarding contact phone number"),
        max_length=40,
        blank=True,
        help_text=_("A number moderators can call at any time, for example the control room's direct line."),
    )
    paused = models.BooleanField(_("pause this force's wall and screens"), default=False)
    holding_message = models.TextField(
        _("holding message"),
        blank=True,
        help_text=_("Shown on the wall and the screens instead of messages while paused."),
    )
    last_digest_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The privacy notice names the force as data controller for the messages sent to it.
    privacy_controller_name = models.CharField(
        _("data controller"),
        max_length=200,
        blank=True,
        help_text=_(
            "Who the privacy notice names as data controller for messages to this force, for example "
            "“The Chief Constable of Hertfordshire Constabulary”. Left blank, it names the force."
        ),
    )
    privacy_controller_address = models.CharField(
        _("data controller's address"),
        max_length=300,
        blank=True,
        help_text=_("A postal address for written requests, shown in the privacy notice."),
    )
    data_protection_officer_email = models.EmailField(
        _("data protection officer's email address"),
        max_length=254,
        blank=True,
        help_text=_(
            "Where people ask for a copy of what the force holds, a correction or erasure. Left blank, "
            "the privacy notice sends them to the national team."
        ),
    )

    class Meta:
        verbose_name = _("force recognition settings")
        verbose_name_plural = _("force recognition settings")

    def __str__(self):
        return str(self.force)

    @property
    def safeguarding_contact(self) -> str:
        """Whom moderators refer a safeguarding disclosure to, on one line: name, phone number."""
        parts = (self.safeguarding_contact_name.strip(), self.safeguarding_contact_phone.strip())
        return ", ".join(part for part in parts if part)

    @property
    def safeguarding_contact_tel(self) -> str:
        """The phone number for a `tel:` link: its digits, and a leading + for abroad."""
        phone = self.safeguarding_contact_phone.strip()
        digits = "".join(character for character in phone if character.isdigit())
        return f"+{digits}" if phone.startswith("+") and digits else digits


class ProtectedName(models.Model):
    """A name or collar number that must never be published (covert or protected roles)."""

    force = models.ForeignKey(
        "home.ForceHubPage", verbose_name=_("force"), on_delete=models.CASCADE, related_name="protected_names"
    )
    name = models.CharField(_("name or collar number"), max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("protected name")
        verbose_name_plural = _("protected names")
        constraints = [
            models.UniqueConstraint(fields=["force", "name"], name="unique_protected_name_per_force")
        ]

    def __str__(self):
        # Copied into audit log labels, which outlive the entry: so never the protected name itself.
        return _("Protected name #%(id)s") % {"id": self.pk}


@register_setting(icon="pick")
class NationalWallSettings(BaseGenericSetting):
    """The national team's switch: pause every wall and screen at once."""

    paused = models.BooleanField(_("pause every wall and screen"), default=False)
    holding_message = models.TextField(
        _("holding message"),
        blank=True,
        help_text=_("Shown on every wall and screen instead of messages while paused."),
    )

    class Meta:
        verbose_name = _("national wall settings")


def forces_user_may_moderate(user):
    """The force hubs whose messages `user` may moderate (the rule is `home.tenancy`'s). A group
    that may publish the national home may moderate every force."""
    return force_hubs_user_may_moderate(user)


class WallVersion(models.Model):
    """A counter that changes whenever anything the public sees of the thanks changes. The shared
    cache holds its hot copy (see `recognition.versioning`); this row outlives a cache flush."""

    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("wall version")

    def __str__(self):
        return str(self.value)
