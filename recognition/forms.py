import hashlib
import json
import time
import uuid

from altcha_django import AltchaField, AltchaMixin, LocalVerifier, VerificationResult, run_verification
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .api.public import force_name
from .models import Message
from .screening import normalise_text
from .tokens import TokenState, issue_form_token, read_form_token

ForceHubPage = Message._meta.get_field("force").related_model
Station = Message._meta.get_field("station").related_model


def publishing_forces():
    """The forces the public may thank: every live hub in the default language."""
    return ForceHubPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).order_by("title")


def altcha_strings() -> dict[str, str]:
    """The proof-of-work widget's words, in the active language (ALTCHA ships no Welsh)."""
    return {
        "label": str(_("Check you are a person")),
        "verify": str(_("Check")),
        "verifying": str(_("Checking…")),
        "verified": str(_("Checked")),
        "waitAlert": str(_("Checking, please wait.")),
        "verificationRequired": str(_("Please wait until the check has finished.")),
        "error": str(_("The check failed. Try again.")),
        "expired": str(_("The check expired. Try again.")),
        "loading": str(_("Loading…")),
        "reload": str(_("Try again")),
        "cancel": str(_("Cancel")),
    }


def claim_proof_of_work(result: VerificationResult, form_token: uuid.UUID) -> bool:
    """Claim a solved challenge for one form, atomically in the shared cache. The form's first post
    claims it; the same form posted again (a double click, a refresh, a retry after a refusal)
    finds its own claim and goes on to the receipt; any other form is refused: that is a replay."""
    key = "recognition.altcha:" + hashlib.sha256(str(result.replay_id).encode()).hexdigest()
    timeout = max(60, int(result.expires_at - time.time()) + 60) if result.expires_at else 3600
    return cache.add(key, form_token.hex, timeout=timeout) or cache.get(key) == form_token.hex


class ProofOfWorkField(AltchaField):
    """ALTCHA's field, verified without its own replay claim (the form claims per form token), and
    across a rotation of the secret: a challenge signed under a fallback secret (the form was
    opened before the rotation) still verifies."""

    def __init__(self, **kwargs):
        super().__init__(replay_protection=False, return_result=True, **kwargs)

    def clean(self, value):
        try:
            return super().clean(value)
        except ValidationError as error:
            if error.code != "invalid_signature":
                raise
            for secret in getattr(settings, "ALTCHA_HMAC_SECRET_FALLBACKS", ()):
                result = run_verification(value, verifier=LocalVerifier(hmac_secret=secret), replay=False)
                if result.verified:
                    return result
            raise


class NormalisedCharField(forms.CharField):
    """Normalised (control and direction characters out, Unicode composed) before any length check,
    so the limits apply to what would be stored."""

    def to_python(self, value):
        return normalise_text(super().to_python(value))


class ForceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if get_language() == "cy" and obj.name_cy:
            return obj.name_cy
        return obj.title


GOVUK_WIDGET_CLASSES = {
    forms.TextInput: "govuk-input",
    forms.EmailInput: "govuk-input",
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.CheckboxInput: "govuk-checkboxes__input",
}


class StationSelect(forms.Select):
    """The station list, each station marked with its force's slug, so static/js/thanks-form.js
    offers only the chosen force's stations (without JavaScript the list stays grouped by force)."""

    force_of: dict = {}

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "govuk-select", **(attrs or {})}, choices)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        if value in self.force_of:
            option["attrs"]["data-force"] = self.force_of[value]
        return option


class ThankYouForm(AltchaMixin, forms.Form):
    """The public's thank-you. Fields it does not name (say `status`) are never read."""

    force = ForceChoiceField(
        queryset=ForceHubPage.objects.none(),
        to_field_name="slug",
        label=_("Which police force?"),
        empty_label=_("Choose a force"),
        error_messages={
            "required": _("Choose the police force you want to thank"),
            "invalid_choice": _("Choose a police force from the list"),
        },
    )
    station = forms.TypedChoiceField(
        required=False,
        widget=StationSelect,
        coerce=int,
        empty_value=None,
        label=_("Which station? (optional)"),
        error_messages={"invalid_choice": _("Choose a station from the list, or leave it blank")},
    )
    recipient = NormalisedCharField(
        max_length=200,
        label=_("Who would you like to thank?"),
        help_text=_(
            "An officer's name or collar number, a team, a station, or a description such as "
            "“the two officers at the crash on the A1 on Tuesday night”."
        ),
        error_messages={
            "required": _("Enter who you would like to thank"),
            "max_length": _("Who you are thanking must be 200 characters or fewer"),
        },
    )
    body = NormalisedCharField(
        min_length=10,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 6}),
        label=_("Your message"),
        help_text=_("Please do not include phone numbers, addresses or other personal details."),
        error_messages={
            "required": _("Enter your message"),
            "min_length": _("Your message must be at least 10 characters"),
            "max_length": _("Your message must be 1,000 characters or fewer"),
        },
    )
    from_name = NormalisedCharField(
        required=False,
        max_length=80,
        label=_("How would you like to sign it? (optional)"),
        help_text=_("For example your first name. Leave it blank to sign it “A member of the public”."),
        error_messages={"max_length": _("Your signature must be 80 characters or fewer")},
    )
    email = forms.EmailField(
        required=False,
        max_length=254,
        label=_("Your email address (optional)"),
        help_text=_(
            "For a receipt and a private link to withdraw your message. It is never published "
            "and is deleted after a few weeks."
        ),
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Your email address must be 254 characters or fewer"),
        },
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my message and signature may be published on this website "
            "and on screens in police stations"
        ),
        error_messages={"required": _("Tick the box to agree that your message may be published")},
    )
    # A field people never see and bots fill in.
    website = forms.CharField(required=False, max_length=500, label=_("Leave this field empty"))
    form_token = forms.CharField(widget=forms.HiddenInput, max_length=1000)
    altcha = ProofOfWorkField(required=False, label=_("Check you are a person"))

    def __init__(self, *args, initial_force=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["force"].queryset = publishing_forces()
        # A posted station is checked against the posted force in clean(), so any may be chosen here.
        self.fields["station"].choices = self._station_choices(None if self.is_bound else initial_force)
        self.token = None
        if not self.is_bound:
            self.initial["form_token"] = issue_form_token()
        self._style_widgets()

    def _style_widgets(self):
        for field in self.fields.values():
            css_class = GOVUK_WIDGET_CLASSES.get(type(field.widget))
            if css_class:
                field.widget.attrs["class"] = css_class
        self.fields["recipient"].widget.attrs["autocomplete"] = "off"
        self.fields["from_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["email"].widget.attrs.update(autocomplete="email", spellcheck="false")
        self.fields["website"].widget.attrs.update(autocomplete="off", tabindex="-1")
        self.fields["altcha"].widget.configuration = {"hideFooter": True}

    @property
    def altcha_strings_json(self) -> str:
        """The widget's words for static/js/altcha-init.js, which registers them for the page's language."""
        return json.dumps(altcha_strings())

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            widget = self.fields[name].widget if name in self.fields else None
            if (
                widget is not None
                and widget.attrs.get("class", "").startswith("govuk-")
                and "__" not in widget.attrs["class"]
            ):
                widget.attrs["class"] += f" {widget.attrs['class']}--error"

    def _station_choices(self, force):
        stations = Station.objects.select_related("page").order_by("page__title", "sort_order", "name")
        stations = (
            stations.filter(page=force)
            if force is not None
            else stations.filter(page__in=publishing_forces())
        )
        stations = list(stations)
        self.fields["station"].widget.force_of = {station.pk: station.page.slug for station in stations}
        none = ("", _("Not sure, or not a station"))
        if force is not None:
            return [none, *((s.pk, s.name) for s in stations)]
        groups: dict[str, list] = {}
        language = get_language()
        for station in stations:
            groups.setdefault(force_name(station.page, language), []).append((station.pk, station.name))
        return [none, *groups.items()]

    def read_token(self) -> TokenState:
        """The state of the posted form token: a bot's post reads TOO_FAST or INVALID."""
        self.token = read_form_token(
            self.data.get("form_token", "")[:1000],
            min_age=settings.RECOGNITION_MIN_FILL_SECONDS,
            max_age=settings.RECOGNITION_FORM_MAX_AGE_SECONDS,
        )
        return self.token.state

    def looks_automated(self) -> bool:
        """A filled honeypot or a form sent faster than a person can: dropped without a word."""
        return bool(self.data.get("website")) or self.read_token() in (
            TokenState.TOO_FAST,
            TokenState.INVALID,
        )

    @property
    def has_proof_of_work(self) -> bool:
        return bool(self.data.get("altcha"))

    def clean_station(self):
        station_id = self.cleaned_data.get("station")
        return Station.objects.filter(pk=station_id).first() if station_id else None

    def clean(self):
        cleaned = super().clean()
        force, station = cleaned.get("force"), cleaned.get("station")
        if force is not None and station is not None and station.page_id != force.pk:
            self.add_error(
                "station", _("Choose a station of %(force)s, or leave it blank") % {"force": force.title}
            )
        if self.token is None:
            self.read_token()
        if self.token.state == TokenState.EXPIRED:
            # Keep what they wrote; a fresh token lets the next post through.
            self.data = self.data.copy()
            self.data["form_token"] = issue_form_token()
            raise forms.ValidationError(
                _("This form was open for too long. Check your message and send it again."), code="expired"
            )
        proof = cleaned.get("altcha")
        if isinstance(proof, VerificationResult) and (
            self.token.value is None or not claim_proof_of_work(proof, self.token.value)
        ):
            self.add_error("altcha", self.fields["altcha"].error_messages["replayed"])
        return cleaned
