"""The moderation views, built from Wagtail's generic views. Every view that loads a message loads it
from the user's own forces only, so another force's message is simply not found."""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Min, QuerySet, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import (
    BulkActionsCheckboxColumn,
    Column,
    DateColumn,
    StatusTagColumn,
    TitleColumn,
)
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.widgets.button import HeaderButton

from home.admin_scoping import ScopedObjectMixin

from ..models import ForceRecognitionSettings, Message, MessageStatus, queue_position
from ..screening import FlagKind, highlight_spans
from ..services import (
    ModerationError,
    approve_message,
    edit_and_approve_message,
    flags_for_review,
    refer_message,
    reject_message,
)
from ..services.moderation import NEVER_OVERRIDDEN
from .forms import ApproveForm, EditAndApproveForm, ReferForm, RejectForm
from .labels import flag_label, flag_labels

TEXT_FIELDS = ("recipient", "body", "from_name")
# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def flag_summary(message: Message) -> str:
    return flag_labels(flag["kind"] for flag in message.flags)


def inert_in_spreadsheet(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def excerpt(text: str, length: int = 80) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def moderated_messages(view) -> QuerySet:
    """The messages the view's user may moderate: where every object lookup starts."""
    return view.permission_policy.instances_user_has_any_permission_for(view.request.user, ["change", "view"])


def next_pending(user_messages, after: Message | None = None):
    """The next message waiting in the user's queue (other than `after`): a safeguarding
    disclosure not yet referred, else the oldest."""
    pending = user_messages.pending()
    return pending.exclude(pk=after.pk).first() if after else pending.first()


class MessageIndexView(generic.IndexView):
    """The queue: safeguarding disclosures not yet referred, then everything else pending, oldest
    first; then what is decided, newest first."""

    search_fields = ["recipient", "body", "from_name"]
    search_backend_name = None
    moderate_url_name = None
    history_url_name = None
    list_export = [
        "pk",
        "force_name",
        "station_name",
        "status",
        "recipient",
        "body",
        "from_name",
        "flag_summary",
        "created_at",
        "decided_at",
        "published_at",
        "rejection_reason",
    ]
    export_headings = {
        "pk": _("ID"),
        "force_name": _("Force"),
        "station_name": _("Station"),
        "flag_summary": _("Flags"),
    }
    custom_field_preprocess = {
        name: {"csv": inert_in_spreadsheet} for name in ("recipient", "body", "from_name", "station_name")
    }

    def get_context_data(self, **kwargs):
        # How many wait and for how long, across the user's forces (whatever the listing's filters).
        waiting = moderated_messages(self).pending().aggregate(count=Count("pk"), oldest=Min("created_at"))
        return super().get_context_data(waiting=waiting, **kwargs)

    def get_base_queryset(self):
        pending_since = Case(When(status=MessageStatus.PENDING, then="created_at"), default=None)
        queryset = moderated_messages(self).select_related("force", "station")
        if self.ordering:
            return queryset
        return queryset.annotate(queue=queue_position(), pending_since=pending_since).order_by(
            "queue", "pending_since", "-created_at", "-pk"
        )

    def to_row_dict(self, item):
        item.force_name = item.force.title
        item.station_name = item.station.name if item.station else ""
        item.flag_summary = flag_summary(item)
        return super().to_row_dict(item)

    def get_moderate_url(self, instance):
        return reverse(self.moderate_url_name, args=(quote(instance.pk),))

    @cached_property
    def columns(self):
        title_column_class = self._get_title_column_class(TitleColumn)
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="message"),
            title_column_class(
                "recipient",
                label=_("Who is thanked"),
                get_url=self.get_moderate_url,
                get_title_id=lambda message: f"message_{message.pk}_title",
                sort_key="recipient",
            ),
            Column("excerpt", label=_("Message"), accessor=lambda message: excerpt(message.body)),
            Column("force", label=_("Force"), accessor="force.title", sort_key="force__title"),
            Column("station", label=_("Station"), accessor="station.name"),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                primary=lambda message: message.status == MessageStatus.PENDING,
                sort_key="status",
            ),
            Column("flags", label=_("Flags"), accessor=flag_summary),
            DateColumn("created_at", label=_("Received"), sort_key="created_at"),
        ]

    def get_list_more_buttons(self, instance):
        buttons = [
            MenuItem(_("Moderate"), url=self.get_moderate_url(instance), icon_name="view", priority=10)
        ]
        if instance.status != MessageStatus.WITHDRAWN:
            buttons.append(
                MenuItem(
                    _("Edit and approve"), url=self.get_edit_url(instance), icon_name="edit", priority=20
                )
            )
        buttons.append(
            MenuItem(
                _("History"),
                url=reverse(self.history_url_name, args=(quote(instance.pk),)),
                icon_name="history",
                priority=30,
            )
        )
        return buttons


def highlighted_fields(message: Message, flags) -> list[dict]:
    """Each text field cut into runs, flagged runs with their label, for <mark> in the template."""
    return [
        {
            "name": name,
            "label": Message._meta.get_field(name).verbose_name,
            "runs": [
                {"text": text, "kind": str(kind) if kind else "", "label": flag_label(kind) if kind else ""}
                for text, kind in highlight_spans(getattr(message, name), flags, field=name)
            ],
        }
        for name in TEXT_FIELDS
    ]


class ModerateView(ScopedObjectMixin, generic.InspectView):
    """One message, its flagged parts marked, and the decisions: the moderator's main page."""

    template_name = "recognition/admin/moderate.html"
    page_title = _("Moderate")
    any_permission_required = ["change"]
    inspect_url_name = None
    approve_url_name = None
    reject_url_name = None
    refer_url_name = None
    history_url_name = None

    def get_fields(self):
        return []

    def referral_context(self, message: Message, kinds) -> dict:
        """Refer, and whom to call: the force's own safeguarding contact (its settings are read
        through the message, so only for a message the user may moderate)."""
        contact = ForceRecognitionSettings.objects.filter(force_id=message.force_id).first()
        return {
            "safeguarding": FlagKind.SAFEGUARDING in kinds,
            "can_refer": message.referred_at is None,
            "refer_form": ReferForm(),
            "refer_url": reverse(self.refer_url_name, args=(quote(message.pk),)),
            "safeguarding_contact": contact,
        }

    @cached_property
    def header_more_buttons(self):
        return [
            HeaderButton(
                _("History"),
                url=reverse(self.history_url_name, args=(quote(self.object.pk),)),
                icon_name="history",
            )
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        message = self.object
        flags = flags_for_review(message)
        kinds = {flag.kind for flag in flags}
        following = next_pending(moderated_messages(self), after=message)
        context.update(
            message=message,
            fields=highlighted_fields(message, flags),
            flag_legend=sorted(
                {(str(kind), flag_label(kind)) for kind in kinds}, key=lambda item: str(item[1])
            ),
            flagged=bool(flags),
            overridable=not (kinds & NEVER_OVERRIDDEN),
            can_approve=message.status in {MessageStatus.PENDING, MessageStatus.REJECTED},
            can_reject=message.status in {MessageStatus.PENDING, MessageStatus.APPROVED},
            can_edit=message.status != MessageStatus.WITHDRAWN,
            approve_form=ApproveForm(),
            reject_form=RejectForm(),
            approve_url=reverse(self.approve_url_name, args=(quote(message.pk),)),
            reject_url=reverse(self.reject_url_name, args=(quote(message.pk),)),
            edit_url=reverse(self.edit_url_name, args=(quote(message.pk),)),
            next_url=reverse(self.inspect_url_name, args=(quote(following.pk),)) if following else None,
            **self.referral_context(message, kinds),
        )
        return context


class DecisionView(PermissionCheckedMixin, View):
    """A POST that decides one message, then moves on to the next message waiting."""

    http_method_names = ["post"]
    permission_required = "change"
    model = Message
    moderate_url_name = None
    index_url_name = None
    form_class = None
    invalid_message = None

    def post(self, request, pk):
        message = get_object_or_404(moderated_messages(self), pk=pk)
        form = self.form_class(request.POST)
        if not form.is_valid():
            messages.error(request, self.invalid_message)
            return redirect(self.moderate_url_name, quote(message.pk))
        try:
            message = self.decide(message, form.cleaned_data)
        except ModerationError as error:
            messages.error(request, str(error))
            return redirect(self.moderate_url_name, quote(message.pk))
        messages.success(request, self.success_message % {"recipient": message.recipient})
        return self.redirect_after(message)

    def redirect_after(self, message):
        following = next_pending(moderated_messages(self), after=message)
        if following:
            return redirect(self.moderate_url_name, quote(following.pk))
        return redirect(self.index_url_name)

    def decide(self, message, data):
        raise NotImplementedError


class ApproveView(DecisionView):
    form_class = ApproveForm
    success_message = _("Approved the thank-you to “%(recipient)s”.")

    def decide(self, message, data):
        return approve_message(message=message, user=self.request.user, override_flags=data["override_flags"])


class RejectView(DecisionView):
    form_class = RejectForm
    invalid_message = _("Choose a reason to reject this message.")
    success_message = _("Rejected the thank-you to “%(recipient)s”.")

    def decide(self, message, data):
        return reject_message(
            message=message, user=self.request.user, reason=data["reason"], note=data["note"]
        )


class ReferView(DecisionView):
    """Record that the message was passed to the force's control room or safeguarding hub."""

    form_class = ReferForm
    invalid_message = _("The note is too long.")
    success_message = _("Recorded that the thank-you to “%(recipient)s” was referred.")

    def decide(self, message, data):
        return refer_message(message=message, user=self.request.user, note=data["referral_note"])

    def redirect_after(self, message):
        # Referring is not deciding: the message still waits for approval or rejection.
        return redirect(self.moderate_url_name, quote(message.pk))


class EditAndApproveView(ScopedObjectMixin, generic.EditView):
    """Redact, then publish: the only way a message's words change in the admin."""

    template_name = "recognition/admin/edit_and_approve.html"
    page_title = _("Edit and approve")
    submit_button_label = _("Publish edited message")
    submit_button_active_label = _("Publishing…")
    success_message = _("Edited and approved the thank-you to “%(recipient)s”.")
    moderate_url_name = None

    def get_object(self, queryset=None):
        message = super().get_object(queryset)
        if message.status == MessageStatus.WITHDRAWN:
            raise PermissionDenied
        return message

    def get_form_class(self):
        return EditAndApproveForm

    def get_success_message(self):
        return self.success_message % {"recipient": self.object.recipient}

    def get_success_buttons(self):
        return []

    def get_success_url(self):
        # On to the next message waiting, as after approve, reject and refer.
        following = next_pending(moderated_messages(self), after=self.object)
        if following:
            return reverse(self.moderate_url_name, args=(quote(following.pk),))
        return reverse(self.index_url_name)

    def get_delete_url(self):
        return None

    @cached_property
    def can_delete(self):
        return False

    def save_instance(self):
        data = self.form.cleaned_data
        return edit_and_approve_message(
            message=self.object,
            user=self.request.user,
            body=data["body"],
            recipient=data["recipient"],
            from_name=data["from_name"],
            override_flags=data["override_flags"],
        )

    def form_valid(self, form):
        self.form = form
        try:
            self.object = self.save_instance()
        except ModerationError as error:
            form.add_error(None, str(error))
            self.produced_error_message = str(error)
            return self.form_invalid(form)
        return self.save_action()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # What the message says now (saved), with the flags the moderator has to deal with.
        saved = Message.objects.get(pk=self.object.pk)
        context["fields_before"] = highlighted_fields(saved, flags_for_review(saved))
        context["moderate_url"] = reverse(self.moderate_url_name, args=(quote(self.object.pk),))
        return context


class MessageHistoryView(ScopedObjectMixin, HistoryView):
    any_permission_required = ["change"]
    moderate_url_name = None

    @cached_property
    def header_buttons(self):
        url = reverse(self.moderate_url_name, args=(quote(self.object.pk),))
        return [HeaderButton(label=_("Moderate"), url=url, icon_name="view")]

    def get_edit_url(self, instance):
        return reverse(self.moderate_url_name, args=(quote(instance.pk),))


class MessageUsageView(ScopedObjectMixin, UsageView):
    pass
