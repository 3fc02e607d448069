from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from ..api.public import force_name
from ..client import client_hash
from ..forms import ThankYouForm, publishing_forces
from ..models import ForceRecognitionSettings, MessageStatus
from ..ratelimits import seconds_until_allowed
from ..screening import Flag, signposting_for
from ..services import find_by_withdraw_token, submit_message, withdraw_message
from ..services.submission import Submission, find_by_form_token, one_post_of_a_form_at_a_time

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


def try_again_when(wait: int, *, now=None) -> str:
    """When a refused sender may try again, as a person says it: in minutes within the hour, else
    the local time (and "tomorrow" when it is)."""
    minutes = -(-wait // 60)
    if minutes < 60:
        return ngettext(
            "Send it again in %(minutes)s minute.", "Send it again in %(minutes)s minutes.", minutes
        ) % {"minutes": minutes}
    now = now or timezone.now()
    at = timezone.localtime(now + timedelta(seconds=wait + 59)).replace(second=0, microsecond=0)
    if at.date() == timezone.localtime(now).date():
        return gettext("Send it again after %(time)s.") % {"time": at.strftime("%H:%M")}
    return gettext("Send it again after %(time)s tomorrow.") % {"time": at.strftime("%H:%M")}


def _refused(request, form, wait: int):
    """The limit is full: the form again, as typed, saying when it may be sent. Nothing stored."""
    context = {"form": form, "try_again": try_again_when(wait)}
    response = render(request, "recognition/message_form.html", context, status=429)
    response["Retry-After"] = str(wait)
    return response


def _store(request, form) -> Submission:
    data = form.cleaned_data
    return submit_message(
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


def _see_receipt(submission: Submission) -> HttpResponseRedirect:
    """303 See Other: the browser GETs the receipt, and a refresh there posts nothing again."""
    response = HttpResponseRedirect(reverse("recognition:receipt", args=[submission.withdraw_token]))
    response.status_code = 303
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def submit(request):
    """The public form: thank an officer, team or station. A post that stores a message (or that
    repeats one that did) is answered with a redirect to its receipt, so sending again, refreshing
    or going back never stores a second. Only a post about to store counts against the limit."""
    if request.method != "POST":
        force, initial = _preselected(request)
        form = ThankYouForm(initial=initial, initial_force=force, request=request)
        return render(request, "recognition/message_form.html", {"form": form})

    if _too_large(request):
        return render(request, "recognition/too_large.html", status=413)
    form = ThankYouForm(request.POST, request=request)
    if form.looks_automated():
        return render(request, "recognition/received.html", {"automated": True})
    with one_post_of_a_form_at_a_time(form.token.value):
        submission = find_by_form_token(form.token.value)
        if submission is None:
            if not form.is_valid():
                return render(request, "recognition/message_form.html", {"form": form})
            wait = seconds_until_allowed(
                request, client_hash=client_hash(request), proof_of_work=form.has_proof_of_work
            )
            if wait is not None:
                return _refused(request, form, wait)
            submission = _store(request, form)
    return _see_receipt(submission)


@never_cache
@require_safe
def receipt(request, token):
    """The receipt, reached by redirect once the message is stored: what happens next, where to
    get help, and the private withdraw link. Its address is as private as that link."""
    message = find_by_withdraw_token(token)
    if message is None:
        raise Http404
    flags = [Flag.from_dict(flag) for flag in message.flags]
    response = render(
        request,
        "recognition/received.html",
        {
            "message": message,
            "force_name": force_name(message.force, get_language()),
            "withdraw_token": token,
            "withdraw_url": request.build_absolute_uri(reverse("recognition:withdraw", args=[token])),
            "signposting": signposting_for(flags),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


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


def _force_controller(force, language: str) -> dict:
    """Who the privacy notice names for messages to `force`: what its settings say, else the force."""
    try:
        own = force.recognition_settings
    except ForceRecognitionSettings.DoesNotExist:
        own = ForceRecognitionSettings(force=force)
    name = force_name(force, language)
    return {
        "force_name": name,
        "name": own.privacy_controller_name.strip() or name,
        "address": own.privacy_controller_address.strip(),
        "email": own.data_protection_officer_email,
    }


@require_safe
def privacy(request):
    """The privacy notice. The national team is the controller for the site and the national wall;
    with `?force=<slug>` the notice also names that force's controller, for the messages sent to it."""
    language = get_language()
    forces = list(publishing_forces().select_related("recognition_settings"))
    slug = request.GET.get("force", "")[:QUERY_VALUE_MAX_LENGTH]
    force = next((force for force in forces if force.slug == slug), None)
    return render(
        request,
        "recognition/privacy.html",
        {
            "contact_days": settings.RECOGNITION_CONTACT_RETENTION_DAYS,
            "rejected_days": settings.RECOGNITION_REJECTED_RETENTION_DAYS,
            "national_controller": {
                "name": settings.PRIVACY_NATIONAL_CONTROLLER_NAME,
                "address": settings.PRIVACY_NATIONAL_CONTROLLER_ADDRESS,
                "email": settings.PRIVACY_NATIONAL_DPO_EMAIL,
            },
            "force_controller": _force_controller(force, language) if force else None,
            "force_choices": [(each.slug, force_name(each, language)) for each in forces],
            "chosen_force": force.slug if force else "",
        },
    )
