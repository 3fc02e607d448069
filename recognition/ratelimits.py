"""Limits on the public form, per salted hash of the client's network, in the shared cache.

Only a post that is about to store a message is counted. A junk post (a bot's, a forged token, a
failed proof of work, a mistake in the form) stores nothing and counts against nobody: one client
sending junk from a shared address (a station's open day, a library) never locks the others out.
"""

from django.conf import settings
from django_ratelimit.core import get_usage


def _limit(proof_of_work: bool) -> tuple[str, list[str]]:
    """Posts without the proof of work (no JavaScript) are held to a tighter limit of their own."""
    if proof_of_work:
        return "recognition.submit", settings.RECOGNITION_RATE_LIMITS
    return "recognition.submit-no-script", settings.RECOGNITION_NO_SCRIPT_RATE_LIMITS


def _usages(request, *, client_hash: str, proof_of_work: bool, increment: bool) -> list[dict]:
    group, rates = _limit(proof_of_work)
    usages = (
        get_usage(
            request, group=group, key=lambda _group, _request: client_hash, rate=rate, increment=increment
        )
        for rate in rates
    )
    return [usage for usage in usages if usage is not None]


def _wait(usages: list[dict], *, full) -> int | None:
    return max((max(1, usage["time_left"]) for usage in usages if full(usage)), default=None)


def seconds_until_allowed(request, *, client_hash: str, proof_of_work: bool) -> int | None:
    """Admit a valid post, about to store a message, against every window of its limit. Returns how
    long to wait when a window is already full, without counting the refused post (so pressing
    send again while refused uses up nothing); else counts it in every window and returns None."""
    seen = _usages(request, client_hash=client_hash, proof_of_work=proof_of_work, increment=False)
    wait = _wait(seen, full=lambda usage: usage["should_limit"] or usage["count"] >= usage["limit"])
    if wait is not None:
        return wait
    counted = _usages(request, client_hash=client_hash, proof_of_work=proof_of_work, increment=True)
    # Another post from the same network may have taken the last place in between.
    return _wait(counted, full=lambda usage: usage["should_limit"])
