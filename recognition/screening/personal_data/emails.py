"""Email addresses, written plainly or spelt out ("sam dot smith at gmail dot com")."""

import re
from collections.abc import Iterator

from .links import PLATFORM

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}\s?@\s?[\w-]{1,63}(?:\.[\w-]{1,63})+", re.I)
# "sam dot smith at gmail dot com", "sam(at)example[dot]co[dot]uk". "at" as a plain word counts only
# with a spelt "dot" or a mail provider's name, so "my blog is at example.co.uk" is a link, no email.
_AT_BRACKETED = r"\s?[(\[{<]\s?at\s?[)\]}>]\s?"
_DOT_SPELT = r"(?:\s?[(\[{<]\s?dot\s?[)\]}>]\s?|\sdot\s)"
_DOT = rf"(?:{_DOT_SPELT}|\.)"
_EMAIL_SPELT = re.compile(
    rf"(?<![\w.+-])(?P<local>[\w+-]{{1,64}}(?:{_DOT}[\w+-]{{1,64}}){{0,3}})(?P<at>{_AT_BRACKETED}|\sat\s)"
    rf"(?P<domain>[\w-]{{1,63}}(?:{_DOT}[\w-]{{1,63}}){{0,2}}{_DOT}"
    r"(?:com|co|org|net|uk|gov|ac|me|io|info|ie))\b",
    re.I,
)
_MAIL_PROVIDERS = re.compile(
    r"(?:gmail|googlemail|hotmail|outlook|live|yahoo|icloud|me|aol|btinternet|sky|virginmedia|ntlworld"
    r"|talktalk|protonmail|proton|mail)\b",
    re.I,
)
_NOT_A_MAILBOX = frozenset(
    "is are was us me them him her it here there site website blog page online".split()
)


def _spelt_email(match: re.Match) -> bool:
    if match.group("local").lower() in _NOT_A_MAILBOX:
        return False
    return match.group("at").strip() != "at" or bool(
        re.search(_DOT_SPELT, match.group("domain"), re.I) or _MAIL_PROVIDERS.match(match.group("domain"))
    )


_EMAIL_SPELT_HINT = re.compile(rf"{_DOT}\s?(?:com|co|org|net|uk|gov|ac|me|io|info|ie)\b", re.I)


# "insta @sam.jones" is a handle after the platform's name, not a mailbox at a domain.
_HANDLE_AFTER = re.compile(rf"(?:{PLATFORM}|me|us|follow|add|dm|message|msg)\s@", re.I)


def find_emails(text: str) -> Iterator[tuple[int, int]]:
    if "@" in text:
        yield from (match.span() for match in _EMAIL.finditer(text) if not _HANDLE_AFTER.match(match.group()))
    if _EMAIL_SPELT_HINT.search(text):
        yield from (match.span() for match in _EMAIL_SPELT.finditer(text) if _spelt_email(match))
