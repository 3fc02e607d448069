import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from home.tenancy import force_hubs_user_may_publish


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


class MessageQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: approved and not withdrawn. The wall, the hubs' recent thanks,
        the screens and the feed all start here."""
        return self.filter(status=MessageStatus.APPROVED, published_at__isnull=False)

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def pending(self):
        """Waiting for a moderator, oldest first."""
        return self.filter(status=MessageStatus.PENDING).order_by("created_at", "pk")

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

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("thank-you message")
        verbose_name_plural = _("thank-you messages")
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="message_published_idx"),
            models.Index(fields=["force", "status", "-published_at"], name="message_force_published_idx"),
            models.Index(fields=["status", "created_at"], name="message_queue_idx"),
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
        help_text=_("Messages that screening flags are always held for a moderator."),
    )
    complaints_url = models.URLField(_("complaints page"), blank=True)
    paused = models.BooleanField(_("pause this force's wall and screens"), default=False)
    holding_message = models.TextField(
        _("holding message"),
        blank=True,
        help_text=_("Shown on the wall and the screens instead of messages while paused."),
    )
    last_digest_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("force recognition settings")
        verbose_name_plural = _("force recognition settings")

    def __str__(self):
        return str(self.force)


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
    """The force hubs whose messages `user` may moderate: those whose hub page they may publish
    (`home.tenancy`). A group that may publish the national home may moderate every force."""
    return force_hubs_user_may_publish(user)


class WallVersion(models.Model):
    """A counter that changes whenever anything the public sees of the thanks changes. The shared
    cache holds its hot copy (see `recognition.versioning`); this row outlives a cache flush."""

    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("wall version")

    def __str__(self):
        return str(self.value)
