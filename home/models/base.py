from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.colours import WHITE, contrast_ratio, is_accent_colour
from home.weeks import WeekStatus, week_status

DEFAULT_ACCENT = "#1d3a6e"


class Nation(models.TextChoices):
    ENGLAND = "england", _("England")
    WALES = "wales", _("Wales")


def validate_accent_colour(value: str) -> None:
    """White text on the accent must stay readable: WCAG 2.2 AA, 4.5:1."""
    if is_accent_colour(value):
        return
    if not value.startswith("#") or len(value) != 7:
        raise ValidationError(_("Give a colour as # and six hexadecimal digits, like #1d3a6e."))
    raise ValidationError(
        _(
            "White text on this colour has a contrast ratio of %(ratio).1f:1; it needs at least "
            "4.5:1. Choose a darker colour."
        ),
        params={"ratio": contrast_ratio(value, WHITE)},
    )


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

    @property
    def week_status(self) -> WeekStatus | None:
        """Coming, on now or past, today in the UK; None without dates."""
        return week_status(self.week_starts, self.week_ends, timezone.localdate())
