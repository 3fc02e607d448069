"""Personal data a thank-you must not publish: phone numbers, emails, postcodes, street addresses,
vehicle registrations, crime or incident references, and links."""

import re
from collections.abc import Iterator

import phonenumbers

from .flags import Flag, FlagKind

# UK numbers in national (0…) and international (+44, 0044, +44 (0)…) form, with spaces, dashes and
# brackets; other countries' numbers after a "+". 999, 101 and 111 never match: they have no
# leading 0 or +, and they are public services, not personal data.
_PHONE = re.compile(
    r"""(?<![\w+/.:-])
    (?: (?:\+|00)[\s-]?44[\s-]?(?:\(0\)[\s-]?)?\(?[1-9](?:[\s()-]{0,2}\d){8,9}
      | \(?0[\s-]?[1235789](?:[\s()-]{0,2}\d){8,9}
      | \+[\s-]?[1-9](?:[\s()-]{0,2}\d){7,13} )
    (?![\w/:]|[.,]\d)""",
    re.X,
)
_DATE_LIKE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")


def _phones(text: str) -> Iterator[tuple[int, int]]:
    for match in _PHONE.finditer(text):
        raw = match.group()
        if _DATE_LIKE.match(raw.lstrip("(")):
            continue
        try:
            number = phonenumbers.parse(raw, "GB")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            yield match.span()


_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}\s?@\s?[\w-]{1,63}(?:\.[\w-]{1,63})+", re.I)
# "sam dot smith at gmail dot com", "sam(at)example[dot]co[dot]uk". "at" as a plain word counts only
# with a spelt "dot" or a mail provider's name, so "my blog is at example.co.uk" is a link, no email.
_AT_BRACKETED = r"\s?[(\[{<]\s?at\s?[)\]}>]\s?"
_DOT_SPELT = r"(?:\s?[(\[{<]\s?dot\s?[)\]}>]\s?|\sdot\s)"
_DOT = rf"(?:{_DOT_SPELT}|\.)"
_EMAIL_SPELT = re.compile(
    rf"(?<![\w.+-])(?P<local>[\w+-]{{1,64}}(?:{_DOT}[\w+-]{{1,64}}){{0,3}})(?P<at>{_AT_BRACKETED}|\sat\s)"
    rf"(?P<domain>[\w-]{{1,63}}(?:{_DOT}[\w-]{{1,63}}){{0,2}}{_DOT}(?:com|co|org|net|uk|gov|ac|me|io|info|ie))\b",
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


def _emails(text: str) -> Iterator[tuple[int, int]]:
    if "@" in text:
        yield from (match.span() for match in _EMAIL.finditer(text))
    if _EMAIL_SPELT_HINT.search(text):
        yield from (match.span() for match in _EMAIL_SPELT.finditer(text) if _spelt_email(match))


# Full postcodes only, with or without the space. The inward code's letters never include
# C, I, K, M, O or V, so "A1 2am" is not one; a lower-case ordinal ("the A1 2nd exit") is not either.
_POSTCODE = re.compile(r"\b[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}\b", re.I)
_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)")


def _postcodes(text: str) -> Iterator[tuple[int, int]]:
    for match in _POSTCODE.finditer(text):
        inward = match.group()[-3:]
        if not (inward.islower() and _ORDINAL.fullmatch(inward)):
            yield match.span()


_STREET_TYPES = (
    "Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Way|Crescent|Cres|Court|Ct|Gardens|Gdns"
    "|Place|Terrace|Grove|Hill|Park|Rise|Row|Square|Sq|Walk|Mews|View|Green|Parade|Vale|Mount"
    "|Fields|Meadows?|Wharf|Yard|Boulevard|Circus|Gate|Approach|Chase|Heights|Croft|Glade|Wynd"
)
_ADDRESS = re.compile(
    rf"""\b(?:(?:flat|apartment|apt)\.?\s?\d{{1,4}}[a-z]?\s?,?\s)?
    (?P<number>\d{{1,4}}[a-z]?(?:-\d{{1,4}})?),?\s
    (?P<name>(?:[a-z][\w'’.-]*\s){{1,3}})
    (?:{_STREET_TYPES})\b""",
    re.I | re.X,
)
_FLAT = re.compile(
    r"\b(?P<word>flat|apartment|apt|house\s(?:number|no\.?))\s?(?:no\.?\s?)?\d{1,4}[a-z]?\b"
    r"(?!\s?(?:%|mph|am|pm|mins?|minutes|hours?|hrs|days?|weeks?|months?|years?|miles?|times|tyres?|or\s))",
    re.I,
)
_FLAT_OWNER = re.compile(r"\b(?:my|our|his|her|their|the|at|in|to|from|of|outside)\s$", re.I)
# Words that cannot be part of a street's name, so "within 5 minutes down the road" is no address.
_NOT_STREET_WORDS = frozenset(
    "a an the and or but of on in at to by for from with into onto up down out off over past near"
    " my our your his her their its this that these those me us you him them we i it is was were be"
    " been are am had has have got just only all some few two three four five six seven eight nine"
    " ten minutes mins minute hours hour hrs seconds days day weeks months years miles mile times"
    " people officers officer police cars car units am pm o'clock more other others them".split()
)
_COLLAR_BEFORE = re.compile(r"\b(?:pc|dc|ps|ds|sgt|insp|pcso|sc|officer|collar|shoulder|badge)\.?\s*$", re.I)


def _addresses(text: str) -> Iterator[tuple[int, int]]:
    for match in _ADDRESS.finditer(text):
        if _COLLAR_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            continue
        name_words = match.group("name").split()
        if any(word.lower().strip(".,'’") in _NOT_STREET_WORDS for word in name_words):
            continue
        yield match.span()
    for match in _FLAT.finditer(text):
        word = match.group("word")
        if word[0].isupper() or _FLAT_OWNER.search(text, max(0, match.start() - 12), match.start()):
            yield match.span()


_LETTER = "A-HJ-PR-Z"  # registrations never use I or Q
_REG_FORMATS = (
    rf"[{_LETTER}]{{2}}(?:0[2-9]|[1-46-9]\d|5[1-9])\s?(?P<current>[{_LETTER}]{{3}})",  # AB12 CDE
    rf"[A-HJ-NPR-Y]\d{{1,3}}\s?(?P<prefix>[{_LETTER}]{{3}})",  # A123 BCD
    rf"(?P<suffix>[{_LETTER}]{{3}})\s?\d{{1,3}}[A-HJ-NPR-Y]",  # ABC 123D
)
_REGISTRATION = re.compile(r"\b(?:" + "|".join(_REG_FORMATS) + r")\b")
# Three capitals that are words, in a message written in capitals: "ON THE A1 AND M25".
_COMMON_THREE_LETTERS = frozenset(
    "AND THE FOR YOU ARE WAS HER HIS BUT NOT ALL OUR ONE TWO SIX TEN NEW OLD HAD HAS OFF OUT DAY"
    " AGO WHO WHY HOW NOW YES GOT GET SAW WAY CAR VAN BUS TOO NHS ARV RTC CID PCS SGT AMP HRS MPH"
    " JCT MET DOG MUM DAD SON".split()
)
_REG_CONTEXT = re.compile(
    r"\b(?:reg(?:istration)?|number\s?plates?|plates?|vrm)\b(?:\s?(?:no\.?|number|was|is|of|[:#-]))*\s?"
    r"(?P<reg>[a-z]{2}\d{2}\s?[a-z]{3}|[a-z]\d{1,3}\s?[a-z]{3}|[a-z]{3}\s?\d{1,3}[a-z]"
    r"|[a-z]{1,3}\s?\d{1,4}|\d{1,4}\s?[a-z]{1,3})\b",
    re.I,
)


def _registrations(text: str) -> Iterator[tuple[int, int]]:
    for match in _REGISTRATION.finditer(text):
        letters = match.group("current") or match.group("prefix") or match.group("suffix")
        if " " in match.group() and letters in _COMMON_THREE_LETTERS:
            continue
        yield match.span()
    for match in _REG_CONTEXT.finditer(text):
        yield match.span("reg")


# "crime ref 41/12345/21", "incident 123 of 15/03", "CAD 1234", "log number 0456", "URN 12AB3456789"
_REF_WORD = (
    r"crime|incident|log|occurrence|cad|case|ref(?:erence)?|urn|(?:job|report|call)(?=\s(?:number|no|ref))"
)
_REFERENCE = re.compile(
    rf"""\b(?:{_REF_WORD})\b(?:\s?(?:ref(?:erence)?|number|no|num|id|is|was|of)\b\.?\s?[:#]?)*\s?[:#]?\s?
    (?P<ref>[a-z]{{0,4}}[-/]?\d[\da-z/-]{{2,}})
    (?P<date>\s+of\s+\d{{1,2}}(?:/\d{{1,2}}(?:/\d{{2,4}})?|(?:st|nd|rd|th)?(?:\s[a-z]+)?))?""",
    re.I | re.X,
)
_REFERENCE_SHAPED = re.compile(
    r"\b(?:\d{1,4}/\d{3,8}/\d{2,4}|[A-Z]{2,4}[/-]\d{3,}[/-]\d{2,4}|NFRC\d{6,})\b", re.I
)
_NOT_A_REFERENCE = re.compile(r"999|101|111|112|(?:19|20)\d\d")


def _references(text: str) -> Iterator[tuple[int, int]]:
    yield from (match.span() for match in _REFERENCE_SHAPED.finditer(text))
    for match in _REFERENCE.finditer(text):
        ref = match.group("ref").rstrip("/-")
        if _NOT_A_REFERENCE.fullmatch(ref):
            continue
        yield match.start("ref"), match.end("date") if match.group("date") else match.start("ref") + len(ref)


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


def _links(text: str) -> Iterator[tuple[int, int]]:
    if not _LINK_HINT.search(text):
        return
    for match in _LINK.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in ".,;:!?)'\"":
            end -= 1
        yield start, end


_FINDERS = (
    (FlagKind.PHONE, _phones),
    (FlagKind.EMAIL, _emails),
    (FlagKind.POSTCODE, _postcodes),
    (FlagKind.ADDRESS, _addresses),
    (FlagKind.VEHICLE_REGISTRATION, _registrations),
    (FlagKind.REFERENCE_NUMBER, _references),
    (FlagKind.LINK, _links),
)


def find_personal_data(text: str) -> list[Flag]:
    return [Flag(kind, start, end) for kind, finder in _FINDERS for start, end in finder(text)]
