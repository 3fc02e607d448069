"""Limits on the public form, per salted hash of the client's network, in the shared cache."""

from django.conf import settings
from django_ratelimit.core import get_usage


def seconds_until_allowed(request, *, client_hash: str, proof_of_work: bool) -> int | None:
    """Count this post against every window of the limit that applies to it. Returns how long to
    wait when any window is full, else None. Posts without the proof of work (no JavaScript) are
    held to a tighter limit of their own."""
    group = "recognition.submit" if proof_of_work else "recognition.submit-no-script"
    rates = settings.RECOGNITION_RATE_LIMITS if proof_of_work else settings.RECOGNITION_NO_SCRIPT_RATE_LIMITS
    waits = []
    for rate in rates:
        usage = get_usage(
            request, group=group, key=lambda _group, _request: client_hash, rate=rate, increment=True
        )
        if usage is not None and usage["should_limit"]:
            waits.append(max(1, usage["time_left"]))
    return max(waits, default=None)
