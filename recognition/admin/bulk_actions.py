"""Bulk approve and reject, on Wagtail's bulk action framework. Only pending, unflagged messages of
the user's own forces are acted on; flagged ones are listed to be decided one by one."""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.permissions import policy_registry

from ..models import Message, MessageStatus
from ..services import bulk_approve, bulk_reject, flags_for_review
from .filters import MessageFilterSet
from .forms import BulkRejectForm

MODERATE_URL_NAME = "recognition_messages:inspect"
SEARCH_FIELDS = ("recipient", "body", "from_name")


class MessageBulkAction(BulkAction):
    models = [Message]
    template_name = "recognition/admin/confirm_bulk_decision.html"

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Message)

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def user_messages(self):
        return self.permission_policy.instances_user_has_any_permission_for(self.request.user, ["change"])

    def _listing(self):
        """Everything the listing showed, when "select all in listing" was used: its filters and
        search applied to the user's own messages."""
        filters = MessageFilterSet(self.request.GET, queryset=self.user_messages, request=self.request)
        messages = filters.qs if filters.is_valid() else self.user_messages
        query = self.request.GET.get("q", "").strip()
        if query:
            search = Q()
            for field in SEARCH_FIELDS:
                search |= Q(**{f"{field}__icontains": query})
            messages = messages.filter(search)
        return messages

    @cached_property
    def _sorted_objects(self):
        ids = self.request.GET.getlist("id")
        if "all" in ids:
            messages = self._listing()
        else:
            messages = self.user_messages.filter(pk__in=[pk for pk in ids if pk.isdigit()])
        actionable, flagged, not_pending = [], [], []
        for message in messages.select_related("force", "station").order_by("created_at", "pk"):
            if message.status != MessageStatus.PENDING:
                not_pending.append(message)
            elif flags_for_review(message):
                flagged.append(message)
            else:
                actionable.append(message)
        return actionable, {
            "items_with_no_access": [],
            "flagged_items": flagged,
            "not_pending_items": not_pending,
        }

    def get_actionable_objects(self):
        return self._sorted_objects

    def object_context(self, obj):
        return {"item": obj, "moderate_url": reverse(MODERATE_URL_NAME, args=(quote(obj.pk),))}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for name in ("flagged_items", "not_pending_items"):
            context[name] = [self.object_context(item) for item in context[name]]
        count = len(context["items"])
        context.update(
            action_label=self.display_name, header_icon="pick", items_heading=self.items_heading(count)
        )
        return context

    def items_heading(self, count: int) -> str:
        raise NotImplementedError

    def get_execution_context(self):
        return {"action": self}


class ApproveBulkAction(MessageBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected messages")
    action_priority = 10

    def items_heading(self, count):
        return ngettext(
            "This pending, unflagged message will be approved:",
            "These %(count)d pending, unflagged messages will be approved:",
            count,
        ) % {"count": count}

    @classmethod
    def execute_action(cls, objects, action=None, **kwargs):
        action.outcome = bulk_approve(messages=objects, user=action.request.user)
        return len(action.outcome.done), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d message approved.", "%(count)d messages approved.", num_parent_objects) % {
            "count": num_parent_objects
        }


class RejectBulkAction(MessageBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected messages")
    action_priority = 20
    classes = {"serious"}
    form_class = BulkRejectForm

    def get_execution_context(self):
        return {**super().get_execution_context(), "reason": self.cleaned_form.cleaned_data["reason"]}

    def items_heading(self, count):
        return ngettext(
            "This pending, unflagged message will be rejected:",
            "These %(count)d pending, unflagged messages will be rejected:",
            count,
        ) % {"count": count}

    @classmethod
    def execute_action(cls, objects, action=None, reason=None, **kwargs):
        action.outcome = bulk_reject(messages=objects, user=action.request.user, reason=reason)
        return len(action.outcome.done), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d message rejected.", "%(count)d messages rejected.", num_parent_objects) % {
            "count": num_parent_objects
        }
