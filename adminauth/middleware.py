"""What every admin request passes: the idle timeout, the second factor, and the audit of refusals."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import audit, services

LAST_ACTIVITY = "adminauth_last_activity"
# Reached before the second factor: signing in and out, the code pages, and what they load.
BEFORE_VERIFICATION = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "adminauth_verify",
    "adminauth_enrol",
}


class AdminSessionMiddleware:
    """For `/admin/` only (public pages keep no session): signs out a session idle longer than
    ADMIN_SESSION_IDLE_MINUTES, sends a user who has an authenticator (or must have one) to the code
    page (or to enrolment) before any other admin page, and logs 403 and 404 answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(settings.ADMIN_URL_PREFIX):
            return self.get_response(request)
        if request.user.is_authenticated and self._idle_too_long(request):
            return self._sign_out(request)
        response = self.get_response(request)
        if response.status_code in (403, 404) and request.user.is_authenticated:
            audit.log_denied(request, response.status_code)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith(settings.ADMIN_URL_PREFIX) or not request.user.is_authenticated:
            return None
        if request.resolver_match.url_name in BEFORE_VERIFICATION or request.user.is_verified():
            return None
        if services.has_authenticator(request.user):
            return self._send_to("adminauth_verify", request)
        if services.two_factor_required(request.user):
            return self._send_to("adminauth_enrol", request)
        return None

    def _idle_too_long(self, request) -> bool:
        now = int(time.time())
        last = request.session.get(LAST_ACTIVITY)
        if last is not None and now - last > settings.ADMIN_SESSION_IDLE_MINUTES * 60:
            return True
        # Stored at most once a minute: a busy editor's requests do not each write the session.
        if last is None or now - last >= 60:
            request.session[LAST_ACTIVITY] = now
        return False

    def _sign_out(self, request):
        logout(request)
        messages.info(
            request,
            _("You were signed out after %(minutes)d minutes without activity. Please sign in again.")
            % {"minutes": settings.ADMIN_SESSION_IDLE_MINUTES},
        )
        return self._send_to("wagtailadmin_login", request)

    @staticmethod
    def _send_to(url_name: str, request):
        return redirect(f"{reverse(url_name)}?{urlencode({'next': request.get_full_path()})}")
