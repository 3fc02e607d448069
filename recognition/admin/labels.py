"""Screening's flag labels in the admin's language. Screening keeps plain English strings (it has no
Django); they are translated here, when shown."""

from django.utils.translation import gettext

from ..screening import FLAG_LABELS, FlagKind

KINDS = {str(kind): kind for kind in FLAG_LABELS}


def flag_label(kind) -> str:
    return gettext(FLAG_LABELS[FlagKind(kind)])


def flag_labels(kinds) -> str:
    """Labels of the known kinds among `kinds` (a log entry may outlive a kind), comma-separated."""
    return ", ".join(sorted(flag_label(KINDS[str(kind)]) for kind in set(kinds) if str(kind) in KINDS))
