from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin import log_actions
from .admin.bulk_actions import ApproveBulkAction, RejectBulkAction
from .admin.dashboard import ModerationQueuePanel
from .admin.policies import ForceScopedPermissionPolicy
from .admin.viewsets import RecognitionViewSetGroup
from .models import ForceRecognitionSettings, Message, ProtectedName

# Registered before the viewsets, which would otherwise fall back to Django's model permissions.
register_permission_policy(Message, ForceScopedPermissionPolicy(Message, actions={"view", "change"}))
register_permission_policy(
    ForceRecognitionSettings,
    ForceScopedPermissionPolicy(ForceRecognitionSettings, actions={"view", "change"}),
)
register_permission_policy(
    ProtectedName, ForceScopedPermissionPolicy(ProtectedName, actions={"view", "add", "change", "delete"})
)


@hooks.register("register_admin_viewset")
def register_recognition_viewsets():
    return RecognitionViewSetGroup()


@hooks.register("register_log_actions")
def register_recognition_log_actions(actions):
    log_actions.register(actions)


hooks.register("register_bulk_action", ApproveBulkAction)
hooks.register("register_bulk_action", RejectBulkAction)


@hooks.register("construct_homepage_panels")
def add_moderation_queue_panel(request, panels):
    if ModerationQueuePanel.is_shown_to(request.user):
        panels.append(ModerationQueuePanel(request.user))
