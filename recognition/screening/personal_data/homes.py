"""Where someone lives or can be found, told without a house number: "the flat above the Co-op on
Station Road", "the bungalow at the end of Fairfield Close", "Greenacres Farm", "room 14 at Oakview
care home", "plot 22 at the caravan park", "I live on Mill Lane", "my house on …". A town, a station
or a hospital merely named is no address: "I live in Hatfield", "at Lister Hospital"."""

import re
from collections.abc import Iterator

from .addresses import CAPITALISED, NOT_STREET_WORDS, STREET, STREET_TYPES

_WHEN = (
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June"
    r"|July|August|September|October|November|December|Christmas|Easter|Boxing|New\sYear|Bonfire|Halloween"
)
# A named street or place: capitalised words ("Station Road", "Greenacres", "the Broadwater
# estate"), or lower-case ones ending in a street type ("mill lane").
_NAMED = (
    rf"{STREET}|(?:the\s)?(?!(?:{_WHEN})\b){CAPITALISED}(?:\s{CAPITALISED}){{0,3}}"
    rf"(?:\s(?:{STREET_TYPES}|estate))?|(?P<lower>(?:[a-z][\w'’-]*\s){{1,3}}(?:{STREET_TYPES}))\b"
)
_HOME = (
    r"flats?|houses?|bungalows?|cottages?|maisonette|farmhouse|farm|croft|caravan|static|chalet"
    r"|houseboat|bedsit|refuge|hostel|shelter"
)
_OWNER = r"(?:(?:my|our|his|her|their|your)\s)?(?-i:[A-Z]?[a-z]+)['’]s|my|our|his|her|their|your"
_BESIDE = (
    r"above|below|behind|beside|opposite|facing|near|past|next\s(?:door\s)?to|across\sfrom"
    r"|(?:at|on)\sthe\s(?:end|back|top|bottom|side|corner)\sof|round\sthe\scorner\sfrom|up\sfrom|down\sfrom"
)
_NOT_LANDMARK = (
    r"(?:and|on|in|at|who|where|when|while|with|to|for|but|was|is|were|we|i|you|he|she|they|that|which"
    r"|so|because|after|before|then|had|has|got|came|come)\b"
)
# Each pattern that starts with a choice of words first looks ahead for the letters those words
# start with: the regex engine then skips every other position quickly.
_HOME_WORD = re.compile(rf"(?=[bcfhmprs])\b(?:{_HOME}|home|place)\b", re.I)
_SAYS_WHOSE = re.compile(rf"\b(?P<owner>{_OWNER})\s$|\b(?:the|a)\s$", re.I)
# "the flat above the Co-op on Station Road", "the croft past the old school", "my mum's bungalow
# next to the chippy", "the bungalow at the end of Fairfield Close": a home placed by a landmark or
# a street, and the street when one is given.
_BY_LANDMARK = re.compile(
    rf"""\s(?:just\s|right\s|directly\s)?(?:{_BESIDE})\s
    (?:(?:the|a|an)(?:\s(?!{_NOT_LANDMARK})[\w'’&-]+){{1,3}}|{STREET})
    (?:,?\s(?:on|in|off)\s(?:{_NAMED}))?""",
    re.I | re.X,
)
_IN_A_STREET = rf"in\s(?P<in>(?:the\s)?(?:[\w'’-]+\s){{1,3}}(?:{STREET_TYPES}|estate)\b)"
# "my house on Mill Lane", "our flat in Oak Close", "the flats on Riverside Drive": a home of
# someone's on any named place, or any home on a street.
_ON_A_STREET = re.compile(rf"\s(?:(?:on|at|off)\s(?P<at>{_NAMED})|{_IN_A_STREET})", re.I)
_ON_A_NAMED_STREET = re.compile(rf"\s(?:on|off|in)\s(?P<at>{STREET})", re.I)
# "I live on Mill Lane", "she lives at Greenacres", "living in Oak Close", "we're on Heol y Nant";
# "in" only with a street, so "I live in Hatfield" is no address.
_LIVES_AT = re.compile(
    rf"""(?=[lrsiw])\b(?:
      (?:live[sd]?|living|reside[sd]?|staying)\s(?:(?:at|on)\s(?P<at>{_NAMED})|{_IN_A_STREET})
    | (?:we['’]re|we\sare|i['’]m|i\sam)\s(?:on|in)\s(?P<street>{STREET}))""",
    re.I | re.X,
)


def _named_is_a_street(match: re.Match, group: str) -> bool:
    words = match.group(group).split()
    if match.groupdict().get("lower") or group == "in":
        return not any(word.lower() in NOT_STREET_WORDS for word in words[1 if words[0] == "the" else 0 : -1])
    return True


def _street_of(match: re.Match | None) -> tuple[int, int] | None:
    if match:
        group = next(name for name in ("at", "in", "street") if match.groupdict().get(name))
        if _named_is_a_street(match, group):
            return match.span(group)
    return None


def _homes_placed(text: str) -> Iterator[tuple[int, int]]:
    for home in _HOME_WORD.finditer(text):
        whose = _SAYS_WHOSE.search(text, max(0, home.start() - 25), home.start())
        if not whose:
            continue
        on_street = _ON_A_STREET if whose.group("owner") else _ON_A_NAMED_STREET
        if by_landmark := _BY_LANDMARK.match(text, home.end()):
            yield whose.start(), by_landmark.end()
        elif street := _street_of(on_street.match(text, home.end())):
            yield whose.start(), street[1]
    lowered = text.lower()
    if any(
        word in lowered for word in ("liv", "resid", "staying", "we're", "we’re", "we are", "i'm", "i am")
    ):
        for match in _LIVES_AT.finditer(text):
            if street := _street_of(match):
                yield street


# "Greenacres Farm", "Ty Gwyn farm", "Rose Cottage", "Fferm Tŷ Gwyn": a home known by its name.
_NAMED_HOME = re.compile(
    r"""(?P<name>(?:\b[A-Z][\w'’-]+\s){1,3})(?:Farm|farm|Farmhouse|farmhouse|Cottage|cottage|Bungalow)\b
    (?!\s(?i:road|rd|lane|street|way|close|drive|avenue|estate|industrial|business|school|primary|academy
         |shop|park|hospital|surgery|centre|center|trust|pie|cheese|garden|holidays?|parks?)\b)
    | \b(?:Fferm|Bwthyn|Tyddyn)\s[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?""",
    re.X,
)
_NOT_A_HOME_NAME = frozenset(
    "The A An My Our His Her Their This That Thanks Thank To From At On In Near By And Or Dear Old"
    " Wind Solar Dairy Pig Fish Sheep Cattle Poultry Chicken Family City Urban Petting Organic Local"
    " Animal Pick Care Server Cannabis Weed Troll Link Content Click Fun Open Country Holiday".split()
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s*)$")


def _named_homes(text: str) -> Iterator[tuple[int, int]]:
    if not any(word in text for word in ("arm", "ottage", "ungalow", "Fferm", "Bwthyn", "Tyddyn")):
        return
    for match in _NAMED_HOME.finditer(text):
        if not match.group("name"):
            yield match.span()
            continue
        words = match.group("name").split()
        name = [word for index, word in enumerate(words) if set(words[: index + 1]) - _NOT_A_HOME_NAME]
        if not name:
            continue
        start = match.start() + match.group("name").index(name[0])
        # One capital before a lower-case "farm" may only be a sentence's first word: "Dairy farm…"
        if len(name) == 1 and text[match.end() - 1].islower() and _SENTENCE_START.search(text[:start]):
            continue
        yield start, match.end()


_RESIDENCE = (
    r"care\shome|nursing\shome|residential\shome|retirement\shome|home|hostel|hotel"
    r"|halls?(?:\sof\sresidence)?|hospice|b&b|guest\s?house|inn|lodge|house"
)
_SITE = r"caravan\spark|holiday\spark|park|campsite|camp|site|marina|estate|village|farm|field"
# "room 14 at Oakview care home", "plot 22 at the caravan park", "pitch 7 at Riverside".
_ROOM_AT = re.compile(
    rf"""\b(?:room|rm)\s?(?:no\.?\s?|number\s)?\d{{1,4}}[a-z]?,?\s(?:at|in|of|,)?\s?(?:the\s)?
    (?:[\w'’&-]+\s){{0,3}}?(?:{_RESIDENCE})\b""",
    re.I | re.X,
)
# The room a person is in: "he's in room 14", "Mum is now in room 3b".
_PERSON_IN_ROOM = re.compile(
    r"\b(?:is|am|are|['’](?:s|m|re))\s(?:(?:now|still)\s)?in\s"
    r"(?P<room>(?:room|rm)\s?(?:no\.?\s?)?\d{1,4}[a-z]?)\b",
    re.I,
)
_PITCH_AT = re.compile(
    rf"""\b(?:plot|pitch|caravan|chalet|static|berth|mooring|lodge|cabin)\s?(?:no\.?\s?|number\s)?
    \d{{1,4}}[a-z]?,?\s(?:at|on|in|of)\s
    (?:(?:the\s)?(?:[\w'’&-]+\s){{0,3}}?(?:{_SITE})\b|(?-i:[A-Z][\w'’&-]*(?:\s[A-Z][\w'’&-]*){{0,3}}))""",
    re.I | re.X,
)
_ROOM_OR_PITCH = (" rm", *"room plot pitch caravan chalet static berth mooring lodge cabin".split())


def _rooms_and_pitches(text: str) -> Iterator[tuple[int, int]]:
    lowered = text.lower()
    if not any(word in lowered for word in _ROOM_OR_PITCH):
        return
    for pattern in (_ROOM_AT, _PITCH_AT):
        for match in pattern.finditer(text):
            start, end = match.span()
            while end > start and text[end - 1] in ".,;:!?)'\"":
                end -= 1
            yield start, end
    yield from (match.span("room") for match in _PERSON_IN_ROOM.finditer(text))


def find_homes(text: str) -> Iterator[tuple[int, int]]:
    yield from _homes_placed(text)
    yield from _named_homes(text)
    yield from _rooms_and_pitches(text)
