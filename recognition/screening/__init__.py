"""Screening thank-you messages: pure functions, no Django, so they run and are tested alone.

Flags point risky content out to the moderator; none is ever shown to the public. The labelled
corpus in tests/recognition/screening_corpus.jsonl measures them: `make screening-report`.
"""

from .flags import (
    FLAG_LABELS,
    NOT_THANKS_KINDS,
    Flag,
    FlagKind,
    highlight_spans,
    signposting_for,
)
from .screen import reads_as_thanks, screen_message, screen_name, screen_protected_names
from .text import normalise_text

__all__ = [
    "FLAG_LABELS",
    "NOT_THANKS_KINDS",
    "Flag",
    "FlagKind",
    "highlight_spans",
    "normalise_text",
    "reads_as_thanks",
    "screen_message",
    "screen_name",
    "screen_protected_names",
    "signposting_for",
]
