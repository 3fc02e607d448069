"""How the moderation log entries read in Wagtail's history views and reports. Entries hold kinds,
reasons and field names only, never a message's words or the submitter's details."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from ..models import Message, MessageStatus, RejectionReason
from .labels import flag_labels


def _field_labels(names) -> str:
    return ", ".join(str(Message._meta.get_field(name).verbose_name) for name in names)


class SubmitFormatter(LogFormatter):
    label = _("Receive thank-you message")

    def format_message(self, log_entry):
        flags = flag_labels(log_entry.data.get("flags", []))
        if flags:
            return _("Received, flagged: %(flags)s") % {"flags": flags}
        return _("Received")


class ApproveFormatter(LogFormatter):
    label = _("Approve thank-you message")

    def format_message(self, log_entry):
        data = log_entry.data
        if data.get("bulk"):
            return _("Approved (in bulk)")
        if data.get("override_flags"):
            return _("Approved, flags overridden: %(flags)s") % {"flags": flag_labels(data.get("flags", []))}
        return _("Approved")


class RejectFormatter(LogFormatter):
    label = _("Reject thank-you message")

    def format_message(self, log_entry):
        data = log_entry.data
        reason = dict(RejectionReason.choices).get(data.get("reason"), data.get("reason", ""))
        if data.get("from") == MessageStatus.APPROVED:
            return _("Taken off the wall and rejected: %(reason)s") % {"reason": reason}
        if data.get("bulk"):
            return _("Rejected (in bulk): %(reason)s") % {"reason": reason}
        return _("Rejected: %(reason)s") % {"reason": reason}


class EditApproveFormatter(LogFormatter):
    label = _("Edit and approve thank-you message")

    def format_message(self, log_entry):
        data = log_entry.data
        changed = _field_labels(data.get("changed", [])) or _("nothing")
        if data.get("override_flags"):
            return _("Edited (%(changed)s) and approved, flags overridden: %(flags)s") % {
                "changed": changed,
                "flags": flag_labels(data.get("flags", [])),
            }
        return _("Edited (%(changed)s) and approved") % {"changed": changed}


class ProtectFormatter(LogFormatter):
    label = _("Hold thank-you message for a protected name")

    def format_message(self, log_entry):
        if log_entry.data.get("from") == MessageStatus.APPROVED:
            return _("Taken off the wall: names a newly protected officer")
        return _("Flagged: names a newly protected officer")


class RescreenFormatter(LogFormatter):
    label = _("Screen messages again for a protected name")

    def format_message(self, log_entry):
        data = log_entry.data
        return _(
            "Messages screened again: %(taken_down)s taken off the wall, %(flagged)s waiting flagged"
        ) % {
            "taken_down": data.get("taken_down", 0),
            "flagged": data.get("flagged", 0),
        }


SIMPLE_ACTIONS = [
    (
        "recognition.auto_publish",
        _("Publish thank-you message without a moderator"),
        _("Published at once: unflagged, and the force publishes unflagged messages itself"),
    ),
    ("recognition.withdraw", _("Withdraw thank-you message"), _("Withdrawn by the submitter")),
    (
        "recognition.refer",
        _("Refer thank-you message"),
        _("Referred to the force control room or safeguarding hub"),
    ),
    (
        "recognition.erase_contact",
        _("Erase contact details"),
        _("Contact details erased (retention period over)"),
    ),
    ("recognition.purge", _("Delete thank-you message"), _("Deleted (retention period over)")),
]

FORMATTERS = [
    ("recognition.submit", SubmitFormatter),
    ("recognition.approve", ApproveFormatter),
    ("recognition.reject", RejectFormatter),
    ("recognition.edit_approve", EditApproveFormatter),
    ("recognition.protect", ProtectFormatter),
    ("recognition.rescreen", RescreenFormatter),
]


def register(actions) -> None:
    """For the `register_log_actions` hook."""
    for action, label, message in SIMPLE_ACTIONS:
        actions.register_action(action, label, message)
    for action, formatter in FORMATTERS:
        actions.register_action(action)(formatter)
