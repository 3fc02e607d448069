"""What a moderator sees of their queue outside it: a dashboard panel and a count in the menu."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.permissions import policy_registry

from ..models import Message, MessageStatus


def pending_for(user) -> int:
    """How many messages wait in `user`'s queue: their forces' only."""
    policy = policy_registry.get_by_type(Message)
    return (
        policy.instances_user_has_any_permission_for(user, ["change"])
        .filter(status=MessageStatus.PENDING)
        .count()
    )


class ModerationQueuePanel(Component):
    name = "recognition_moderation_queue"
    template_name = "recognition/admin/dashboard_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    @staticmethod
    def is_shown_to(user) -> bool:
        return policy_registry.get_by_type(Message).user_has_permission(user, "change")

    def get_context_data(self, parent_context):
        policy = policy_registry.get_by_type(Message)
        messages = policy.instances_user_has_any_permission_for(self.user, ["change"])
        pending = messages.filter(status=MessageStatus.PENDING)
        return {
            "pending_count": pending.count(),
            "urgent_count": pending.awaiting_referral().count(),
            "oldest": pending.order_by("created_at", "pk").first(),
            "queue_url": reverse("recognition_messages:index") + f"?status={MessageStatus.PENDING}",
        }


class QueueMenuItem(MenuItem):
    """The moderation queue's menu item, its label carrying the user's pending count."""

    def is_shown(self, request):
        return policy_registry.get_by_type(Message).user_has_permission(request.user, "change")

    def render_component(self, request):
        count = pending_for(request.user)
        label = _("%(label)s (%(count)s)") % {"label": self.label, "count": count} if count else self.label
        attrs = {**self.attrs, "data-pending-count": str(count)}
        return LinkMenuItem(
            self.name, label, self.url, icon_name=self.icon_name, classname=self.classname, attrs=attrs
        )
