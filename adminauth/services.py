"""Two-factor codes for the admin: who must use them, enrolment, recovery codes and checking a code.

Devices are django-otp's: a time-based (TOTP) device per user for the authenticator app, and a
static device holding the single-use recovery codes."""

import re

from django.conf import settings
from django.db import transaction
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR = "Authenticator app"
RECOVERY = "Recovery codes"


def group_requires_two_factor(name: str) -> bool:
    """Whether ADMIN_2FA_REQUIRED_GROUPS names this group: exactly, or "* suffix" for every group
    whose name ends so ("* moderators": every force's moderators)."""
    for entry in settings.ADMIN_2FA_REQUIRED_GROUPS:
        if (entry.startswith("*") and name.endswith(entry[1:])) or name == entry:
            return True
    return False


def two_factor_required(user) -> bool:
    """Whether `user` must verify a code before using the admin."""
    return any(group_requires_two_factor(name) for name in user.groups.values_list("name", flat=True))


def has_authenticator(user) -> bool:
    return user_has_device(user, confirmed=True)


def start_enrolment(*, user) -> TOTPDevice:
    """The user's unconfirmed authenticator device, made if there is none: its key is shown (as a
    QR code) until a code from it confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=False)


@transaction.atomic
def confirm_enrolment(*, request, code: str) -> list[str] | None:
    """Confirms the pending authenticator if `code` is one of its codes: it replaces any earlier
    one, the session counts as verified, and a fresh set of recovery codes is returned (shown once).
    None when the code is wrong."""
    user = request.user
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(_digits(code)):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return new_recovery_codes(user=user)


@transaction.atomic
def new_recovery_codes(*, user) -> list[str]:
    """Replaces the user's recovery codes with new ones, each good once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": RECOVERY})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def verify_code(*, request, code: str) -> bool:
    """Checks a code from the authenticator, or a recovery code (used up), and marks the session
    verified. Each device throttles its own failures (django-otp doubles the wait each time)."""
    user = request.user
    code = re.sub(r"[\s-]", "", code).lower()
    if code.isdigit():
        devices = TOTPDevice.objects.devices_for_user(user, confirmed=True).select_for_update()
    else:
        devices = StaticDevice.objects.devices_for_user(user, confirmed=True).select_for_update()
    for device in devices:
        if device.verify_token(code):
            otp_login(request, device)
            return True
    return False


@transaction.atomic
def turn_off_two_factor(*, user) -> None:
    """Removes the user's authenticator and recovery codes (refused in the view to required users)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def _digits(code: str) -> str:
    return re.sub(r"\D", "", code)
