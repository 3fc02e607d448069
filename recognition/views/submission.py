from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from ..api.public import force_name
from ..client import client_hash
from ..forms import ThankYouForm, publishing_forces
from ..models import MessageStatus
from ..ratelimits import seconds_until_allowed
from ..screening import Flag, signposting_for
from ..services import find_by_withdraw_token, submit_message, withdraw_message

QUERY_VALUE_MAX_LENGTH = 100


def _preselected(request):
    """`?force=<slug>&station=<slug>`, when both name real things; anything else is ignored."""
    force_slug = request.GET.get("force", "")[:QUERY_VALUE_MAX_LENGTH]
    force = publishing_forces().filter(slug=force_slug).first() if force_slug else None
    initial = {"force": force.slug} if force else {}
    station_slug = request.GET.get("station", "")[:QUERY_VALUE_MAX_LENGTH]
    if force and station_slug:
        station = force.stations.filter(slug=station_slug).first()
        if station:
            initial["station"] = station.pk
    return force, initial


def _too_large(request) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > settings.RECOGNITION_MAX_REQUEST_BYTES
    except ValueError:
        return True


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def submit(request):
    """The public form: thank an officer, team or station."""
    if request.method != "POST":
        force, initial = _preselected(request)
        form = ThankYouForm(initial=initial, initial_force=force, request=request)
        return render(request, "recognition/message_form.html", {"form": form})

    if _too_large(request):
        return render(request, "recognition/too_large.html", status=413)
    form = ThankYouForm(request.POST, request=request)
    wait = seconds_until_allowed(
        request, client_hash=client_hash(request), proof_of_work=form.has_proof_of_work
    )
    if wait is not None:
        response = render(request, "recognition/rate_limited.html", {"minutes": -(-wait // 60)}, status=429)
        response["Retry-After"] = str(wait)
        return response
    if form.looks_automated():
        return render(request, "recognition/received.html", {"automated": True})
    if not form.is_valid():
        return render(request, "recognition/message_form.html", {"form": form})

    data = form.cleaned_data
    submission = submit_message(
        force=data["force"],
        station=data["station"],
        recipient=data["recipient"],
        body=data["body"],
        from_name=data["from_name"],
        email=data["email"],
        language=get_language(),
        form_token=form.token.value,
        client_hash=client_hash(request),
    )
    flags = [Flag.from_dict(flag) for flag in submission.message.flags]
    return render(
        request,
        "recognition/received.html",
        {
            "message": submission.message,
            "force_name": force_name(submission.message.force, get_language()),
            "withdraw_token": submission.withdraw_token,
            "signposting": signposting_for(flags),
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request, token):
    """The submitter's private link: GET asks, POST withdraws (link scanners only ever GET)."""
    message = find_by_withdraw_token(token)
    if message is None:
        raise Http404
    if request.method == "POST":
        message = withdraw_message(token=token)
    return render(
        request,
        "recognition/withdraw.html",
        {"message": message, "withdrawn": message.status == MessageStatus.WITHDRAWN},
    )


@require_safe
def privacy(request):
    return render(
        request,
        "recognition/privacy.html",
        {
            "contact_days": settings.RECOGNITION_CONTACT_RETENTION_DAYS,
            "rejected_days": settings.RECOGNITION_REJECTED_RETENTION_DAYS,
        },
    )
