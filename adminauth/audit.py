"""The admin's audit trail of refusals: failed logins, lockouts, codes refused and pages denied.

Events carry who (a user id, or a salted hash of the username typed), from where (a salted hash of
the client's network), the path without its query string and the status: never a password, a code,
a form's fields or a message's words."""

import structlog
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_login_failed
from django.utils.crypto import salted_hmac

from home.tenancy import force_hubs_user_may_moderate
from recognition.client import client_address, network_of

logger = structlog.get_logger("adminauth")


def hashed(kind: str, value: str) -> str:
    """A salted hash, distinct per `kind`: lines of one log can be matched, not reversed, and not
    matched against the address hashes the thanks form keeps."""
    return salted_hmac(f"adminauth.{kind}", value, algorithm="sha256").hexdigest()[:32]


def client_hash(request) -> str:
    return hashed("client", network_of(client_address(request))) if request is not None else ""


def username_hash(username: str | None) -> str:
    return hashed("username", (username or "").strip().lower())


def user_forces(user) -> list[str]:
    return sorted(set(force_hubs_user_may_moderate(user).values_list("slug", flat=True)))


def log_denied(request, status: int) -> None:
    logger.warning(
        "admin.denied",
        user_id=request.user.pk,
        forces=user_forces(request.user),
        path=request.path,
        status=status,
        client=client_hash(request),
    )


def log_code_refused(request) -> None:
    logger.warning("admin.code_refused", user_id=request.user.pk, client=client_hash(request))


def _login_failed(sender, credentials, request=None, **kwargs):
    logger.warning(
        "admin.login_failed",
        username=username_hash(credentials.get("username")),
        client=client_hash(request),
        path=getattr(request, "path", ""),
    )


def _locked_out(sender, request=None, username=None, **kwargs):
    logger.warning(
        "admin.locked_out",
        username=username_hash(username),
        client=client_hash(request),
        path=getattr(request, "path", ""),
    )


def connect() -> None:
    user_login_failed.connect(_login_failed, dispatch_uid="adminauth.login_failed")
    user_locked_out.connect(_locked_out, dispatch_uid="adminauth.locked_out")
