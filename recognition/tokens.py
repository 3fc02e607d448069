"""The public form's tokens: one per rendered form, and the private withdraw link derived from it."""

import hashlib
import time
import uuid
from dataclasses import dataclass
from enum import Enum

from django.core import signing
from django.utils.crypto import salted_hmac

FORM_SALT = "recognition.form-token"


class TokenState(Enum):
    VALID = "valid"
    TOO_FAST = "too_fast"  # filled in quicker than a person can: a bot
    EXPIRED = "expired"
    INVALID = "invalid"


@dataclass(frozen=True)
class FormToken:
    state: TokenState
    value: uuid.UUID | None = None


def issue_form_token(now: float | None = None) -> str:
    """A signed token naming this rendering of the form and when it was rendered."""
    issued_at = time.time() if now is None else now
    return signing.dumps({"id": uuid.uuid4().hex, "at": round(issued_at, 3)}, salt=FORM_SALT, compress=True)


def read_form_token(raw: str, *, min_age: float, max_age: float, now: float | None = None) -> FormToken:
    """Check a posted token's signature and age. The same token posted twice reads the same, so a
    double submit can be recognised by the message it already made."""
    try:
        data = signing.loads(raw, salt=FORM_SALT)
        token_id, issued_at = uuid.UUID(hex=data["id"]), float(data["at"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return FormToken(TokenState.INVALID)
    age = (time.time() if now is None else now) - issued_at
    if age < min_age:
        return FormToken(TokenState.TOO_FAST, token_id)
    if age > max_age:
        return FormToken(TokenState.EXPIRED, token_id)
    return FormToken(TokenState.VALID, token_id)


def withdraw_token_for(form_token: uuid.UUID, secret: str | None = None) -> str:
    """The private withdraw link's secret. Derived, not stored: the receipt page and the receipt
    email can both show it, and a repeated post of the same form shows the same link. `secret`
    defaults to SECRET_KEY; a link made before a key rotation is found under a fallback key."""
    return salted_hmac("recognition.withdraw", form_token.hex, secret=secret, algorithm="sha256").hexdigest()


def hash_withdraw_token(token: str) -> str:
    """What the database keeps of a withdraw link: a leaked table cannot withdraw anything."""
    return hashlib.sha256(token.encode()).hexdigest()
