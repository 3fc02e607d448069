"""Links: web addresses written plainly, disguised ("hxxps://…", "site[.]com", "site(dot)com",
"example dot com slash page") or as script ("javascript:…"); and social media handles where a
platform or an invitation says they are one ("insta: @sam_jones", "snap me @xx", "add me @…")."""

import re
from collections.abc import Iterator

_TLDS = (
    r"com|net|org|uk|io|info|biz|ly|tv|xyz|online|site|app|dev|ie|eu|ru|cn|tk|top|club|shop|store"
    r"|link|click|live|news|blog|wales|cymru|scot|london"
)
_LINK = re.compile(
    rf"""\b(?:https?://|www\.)[^\s<>"']+
    | (?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:{_TLDS})\b(?:/[^\s<>"']*)?""",
    re.I | re.X,
)
_LINK_HINT = re.compile(rf"www\.|://|\.(?:{_TLDS})\b", re.I)
_TRAILING = ".,;:!?)'\""


def _trimmed(start: int, end: int, text: str) -> tuple[int, int]:
    """Without the punctuation that ends the sentence; a bracket the link opened is kept."""
    while end > start and text[end - 1] in _TRAILING:
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return start, end


def _plain_links(text: str) -> Iterator[tuple[int, int]]:
    if _LINK_HINT.search(text):
        yield from (_trimmed(*match.span(), text) for match in _LINK.finditer(text))


# A dot in disguise: "[.]", "(.)", "{.}", "[dot]", "(dot)", " dot ".
_DOT_DISGUISED = r"(?:\s?[(\[{<]\s?(?:\.|dot)\s?[)\]}>]\s?|\sdot\s)"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_NOT_A_SITE = r"(?:the|a|an|and|or|my|our|your|this|that|is|was|to|of|in|on|at|it|dot)\b"
_DISGUISED_LINK = re.compile(
    rf"""(?<![\w.@-])(?!{_NOT_A_SITE}){_LABEL}(?:(?:{_DOT_DISGUISED}|\.){_LABEL})*?
    (?:{_DOT_DISGUISED}|\.)(?:{_TLDS}|co)\b(?:(?:{_DOT_DISGUISED}|\.)(?:uk|au|nz|za))?
    (?:(?:\s?/\s?|\sslash\s)[\w-]+)*""",
    re.I | re.X,
)
_DISGUISE = re.compile(rf"{_DOT_DISGUISED}|\sslash\s", re.I)


def _disguised_links(text: str) -> Iterator[tuple[int, int]]:
    lowered = text.lower()
    if not any(hint in lowered for hint in ("dot", "slash", ".]", ".)", ".}", ".>")):
        return
    # Read only around each disguise: a link starts at most a few labels before it.
    found_up_to = 0
    for disguise in _DISGUISE.finditer(text):
        if disguise.start() < found_up_to:
            continue
        window = (max(found_up_to, disguise.start() - 80), min(len(text), disguise.end() + 120))
        for match in _DISGUISED_LINK.finditer(text, *window):
            if match.start() <= disguise.start() < match.end():
                found_up_to = match.end()
                yield match.span()
                break


# "javascript:…" is never a thank-you's link; "hxxp://", "h**ps" and "http[:]//" are links
# written so they will not work, to slip past a filter.
_SCRIPT_OR_DEFANGED = re.compile(
    r"""\b(?:java|vb|live)script\s?:[^\s<>]*
    | \bh(?:xx|\*\*)ps?(?![\w*])[^\s<>"']*
    | \bhttps?(?:\[:\]|\(:\)|\[://\]|\[:/+\])[^\s<>"']*""",
    re.I | re.X,
)


def _script_or_defanged_links(text: str) -> Iterator[tuple[int, int]]:
    lowered = text.lower()
    if any(hint in lowered for hint in ("script", "hxxp", "h**p", "ttp[", "ttp(", "ttps[", "ttps(")):
        yield from (_trimmed(*match.span(), text) for match in _SCRIPT_OR_DEFANGED.finditer(text))


_HANDLE_CHARS = r"[a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?"
_HANDLE = re.compile(rf"(?<![\w@.+-])@(?P<handle>{_HANDLE_CHARS})(?![\w@])", re.I)
PLATFORM = (
    r"insta(?:gram)?|ig|snap(?:chat)?|sc|tik\s?tok|tt|twitter|threads|facebook|fb|youtube|yt|twitch"
    r"|telegram|discord|bluesky|bsky|mastodon|linkedin|reddit|kik|whatsapp|onlyfans|socials?"
)
# A platform, or an invitation to find someone: "follow", "add me", "DM me", "hit me up".
_HANDLE_CUE = re.compile(
    rf"\b(?:{PLATFORM}|follow(?:ed|ing)?|add|dm|dms|pm|message|msg|hmu|hit\sme\sup|handle|username"
    r"|find\s(?:me|us|her|him)|search|tag(?:ged)?|on\sx)\b",
    re.I,
)
# Times, ordinals and domains are not handles: "@2am", "@10:30", "on the 2nd", "@gmail.com".
_NOT_A_HANDLE = re.compile(
    rf"\d{{1,2}}(?:[:.]?\d\d)?(?:am|pm|ish)?|\d+(?:st|nd|rd|th|s)|.*\.(?:{_TLDS}|co)", re.I
)


def _handles(text: str) -> Iterator[tuple[int, int]]:
    if "@" not in text:
        return
    for match in _HANDLE.finditer(text):
        if _NOT_A_HANDLE.fullmatch(match.group("handle")):
            continue
        if _HANDLE_CUE.search(text, max(0, match.start() - 40), match.start()) or _HANDLE_CUE.search(
            text, match.end(), match.end() + 30
        ):
            yield match.span()


# "insta: sam_jones", "my snap is jess_x99": a handle without its "@", after the platform's name.
# It must have a digit, an underscore or a dot in it, or it is only the next word ("snap me later").
_BARE_PLATFORMS = ("insta", "snap", "tiktok", "tik tok", "twitter", "threads")
_BARE_HANDLE = re.compile(
    r"(?=[ist])\b(?:insta(?:gram)?|snap(?:chat)?|tik\s?tok|twitter|threads)\b"
    r"(?:\s?(?:(?:name|handle|username|is|me|on|at)\b|[:=-]))*\s?"
    r"(?P<handle>(?=[\w.]*[a-z])(?=[\w.]*[_\d.])[a-z0-9_][a-z0-9_.]{1,28}[a-z0-9_])(?![\w@])",
    re.I,
)


def _bare_handles(text: str) -> Iterator[tuple[int, int]]:
    lowered = text.lower()
    if not any(platform in lowered for platform in _BARE_PLATFORMS):
        return
    for match in _BARE_HANDLE.finditer(text):
        if not _NOT_A_HANDLE.fullmatch(match.group("handle")):
            yield match.span("handle")


def find_links(text: str) -> Iterator[tuple[int, int]]:
    yield from _plain_links(text)
    yield from _disguised_links(text)
    yield from _script_or_defanged_links(text)
    yield from _handles(text)
    yield from _bare_handles(text)
