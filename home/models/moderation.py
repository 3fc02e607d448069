"""The one right that is not a page permission: moderating a force's thanks without editing its pages."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class ForceModeration(models.Model):
    """Members of `group` moderate the thanks sent to `force` (its hub page, in every language) and
    nothing else: no page, image, document or resource of the force. Whoever may publish a hub page
    moderates that force too (`home.tenancy`); this row is for moderators who edit nothing."""

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="force_moderation"
    )
    force = models.ForeignKey(
        "home.ForceHubPage",
        verbose_name=_("force"),
        on_delete=models.CASCADE,
        related_name="moderating_groups",
    )

    class Meta:
        verbose_name = _("force moderation right")
        verbose_name_plural = _("force moderation rights")
        constraints = [models.UniqueConstraint(fields=("group", "force"), name="one_moderation_right")]

    def __str__(self):
        return f"{self.group} → {self.force}"
