"""The admin's second factor (the code page, enrolment, recovery codes) and the lockout page."""

import math
from base64 import b32encode
from urllib.parse import urlencode

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.contrib import messages
from django.db.models import Max
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticToken

from . import audit, services
from .forms import CodeForm, EnrolForm


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


@sensitive_post_parameters("code")
def verify(request):
    """After the password: a code from the authenticator app, or a recovery code."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not services.has_authenticator(request.user):
        return redirect(f"{reverse('adminauth_enrol')}?{urlencode({'next': _next_url(request)})}")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if services.verify_code(request=request, code=form.cleaned_data["code"]):
            return redirect(_next_url(request))
        audit.log_code_refused(request)
        form.add_error(
            "code",
            _("That code is not right, or was used already. Wait a few seconds before trying again."),
        )
    return render(request, "adminauth/verify.html", {"form": form, "next": _next_url(request)})


@sensitive_post_parameters("code")
def enrol(request):
    """Adds an authenticator app: its key as a QR code, confirmed by one code from it. Someone who
    already has one must verify with it first, so a password alone cannot add another."""
    if services.has_authenticator(request.user) and not request.user.is_verified():
        return redirect(f"{reverse('adminauth_verify')}?{urlencode({'next': _next_url(request)})}")
    device = services.start_enrolment(user=request.user)
    form = EnrolForm(request.POST or None)
    if form.is_valid():
        codes = services.confirm_enrolment(request=request, code=form.cleaned_data["code"])
        if codes is not None:
            return _show_recovery_codes(request, codes)
        audit.log_code_refused(request)
        form.add_error("code", _("That code is not right. Check the app's clock and try the newest code."))
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_code": segno.make(device.config_url, error="m").svg_inline(scale=4, border=2),
        "key": " ".join(_grouped(b32encode(device.bin_key).decode())),
        "required": services.two_factor_required(request.user),
    }
    return render(request, "adminauth/enrol.html", context)


def manage(request):
    user = request.user
    context = {
        "has_authenticator": services.has_authenticator(user),
        "required": services.two_factor_required(user),
        "recovery_codes_left": StaticToken.objects.filter(device__user=user).count(),
    }
    return render(request, "adminauth/manage.html", context)


@require_POST
def recovery_codes(request):
    if not services.has_authenticator(request.user):
        return redirect("adminauth_manage")
    return _show_recovery_codes(request, services.new_recovery_codes(user=request.user))


@require_POST
def turn_off(request):
    if services.two_factor_required(request.user):
        messages.error(request, _("Your role needs two-step verification: it cannot be turned off."))
    else:
        services.turn_off_two_factor(user=request.user)
        messages.success(request, _("Two-step verification is off."))
    return redirect("adminauth_manage")


def locked_out(request, original_response=None, credentials=None):
    """Axes' answer to a login while the account or the address is locked: the same for a known
    and an unknown username, with how long to wait."""
    minutes = _minutes_until_unlocked(request, credentials)
    return render(request, "adminauth/locked_out.html", {"minutes": minutes}, status=429)


def _minutes_until_unlocked(request, credentials) -> int:
    cool_off = get_cool_off(request)
    attempts = AxesProxyHandler.get_implementation().get_user_attempts(request, credentials or {})
    latest = max(
        (found for found in (qs.aggregate(latest=Max("attempt_time"))["latest"] for qs in attempts) if found),
        default=timezone.now(),
    )
    remaining = (latest + cool_off - timezone.now()).total_seconds()
    return max(1, math.ceil(remaining / 60))


def _show_recovery_codes(request, codes: list[str]):
    context = {"codes": codes, "next": _next_url(request)}
    return render(request, "adminauth/recovery_codes.html", context)


def _grouped(key: str) -> list[str]:
    return [key[index : index + 4] for index in range(0, len(key), 4)]
