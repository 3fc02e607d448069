"""Write paths for thank-you messages. Views, forms, admin actions, tasks and commands call these;
nothing else changes a message's state."""

from .moderation import (
    AlreadyReferred,
    BulkOutcome,
    FlagsNeedOverride,
    InvalidTransition,
    ModerationError,
    NamesProtectedName,
    approve_message,
    bulk_approve,
    bulk_reject,
    edit_and_approve_message,
    flags_for_review,
    refer_message,
    reject_message,
    user_may_moderate,
)
from .protection import Rescreen, add_protected_name, change_protected_name
from .retention import PurgeReport, purge_expired_messages
from .submission import Submission, find_by_withdraw_token, submit_message, withdraw_message

__all__ = [
    "AlreadyReferred",
    "BulkOutcome",
    "FlagsNeedOverride",
    "InvalidTransition",
    "ModerationError",
    "NamesProtectedName",
    "PurgeReport",
    "Rescreen",
    "Submission",
    "add_protected_name",
    "approve_message",
    "bulk_approve",
    "bulk_reject",
    "change_protected_name",
    "edit_and_approve_message",
    "find_by_withdraw_token",
    "flags_for_review",
    "purge_expired_messages",
    "refer_message",
    "reject_message",
    "submit_message",
    "user_may_moderate",
    "withdraw_message",
]
