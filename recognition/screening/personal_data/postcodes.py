"""Postcodes: full ones anywhere, and the outward code alone ("LU1", "CF10", "SA31") where it says
where someone is: after "near", "in", "around" or "from", "in the CF10 area", or after a town."""

import re
from collections.abc import Iterator

# Full postcodes, with or without the space. The inward code's letters never include C, I, K, M, O
# or V, so "A1 2am" is not one; a lower-case ordinal ("the A1 2nd exit") is not either.
_POSTCODE = re.compile(r"\b[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}\b", re.I)
_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)")


def _full_postcodes(text: str) -> Iterator[tuple[int, int]]:
    for match in _POSTCODE.finditer(text):
        inward = match.group()[-3:]
        if not (inward.islower() and _ORDINAL.fullmatch(inward)):
            yield match.span()


# The postcode areas of the UK, so "A1", "J10" and "PC13" are never outward codes.
AREAS = frozenset(
    "AB AL BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY"
    " EC EH EN EX FK FY GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY LA LD LE LL LN LS"
    " LU ME MK ML NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM SA SE SG SK SL SM SN SO SP SR SS"
    " ST SW SY TA TD TF TN TQ TR TS TW UB WA WC WD WF WN WR WS WV YO ZE B E G L M N S W".split()
)
_OUTWARD = re.compile(r"\b(?P<area>[A-Z]{1,2})\d[A-Z\d]?\b(?!\s?\d[A-Z]{2}\b)", re.I)
_NOT_OUTWARD = frozenset({"g4s", "s4c", "b12"})
_LEAD = re.compile(
    r"\b(?P<word>near|nr|in|around|from|outside|postcode|post\scode)(?:\sis|:)?\s(?P<the>the\s)?$", re.I
)
_AREA_AFTER = re.compile(r"\s(?:area|district|postcode)\b", re.I)
# A motorway number is an outward code of Manchester: "in M25 traffic" is the road.
_ROAD_AFTER = re.compile(
    r"\s?(?:junction|jct|j\d|motorway|traffic|toll|services|slip|roadworks|northbound|southbound"
    r"|eastbound|westbound|near\sjunction|\(m\))",
    re.I,
)
# A town before the code: "Luton LU1", "Carmarthen, SA31". Words that number other things are no town.
_TOWN_BEFORE = re.compile(r"\b(?P<town>[A-Z][a-z]{2,}(?:[\s-][A-Z][a-z]+)?),?\s$")
_NOT_A_TOWN = frozenset(
    "Thanks Thank The And From Dear Ward Room Bay Bed Unit Block Level Floor Platform Gate Junction"
    " Exit Vitamin Team Year Form Route Bus Flight Seat Pitch Plot Class Group Section Zone Sector"
    " Grade Band Size Channel Radio Model Type Mark Series Road Street Lane Avenue Motorway Sergeant"
    " Officer Inspector Constable Serial Call Code Tier Phase Stage Division Car Van Reg Plate Number"
    " Sgt Insp Appointment Wing Corridor Court Cell Custody Suite Box Locker Aisle Row Lot".split()
)


def _outward_in_context(text: str, match: re.Match) -> bool:
    code = match.group()
    if code.lower() in _NOT_OUTWARD or _ROAD_AFTER.match(text, match.end()):
        return False
    before = text[max(0, match.start() - 30) : match.start()]
    lead = _LEAD.search(before)
    if lead:
        return not lead.group("the") or bool(_AREA_AFTER.match(text, match.end()))
    town = _TOWN_BEFORE.search(before)
    return bool(code.isupper() and town and town.group("town").split()[0] not in _NOT_A_TOWN)


def _outward_codes(text: str) -> Iterator[tuple[int, int]]:
    for match in _OUTWARD.finditer(text):
        if match.group("area").upper() in AREAS and _outward_in_context(text, match):
            yield match.span()


def find_postcodes(text: str) -> Iterator[tuple[int, int]]:
    yield from _full_postcodes(text)
    yield from _outward_codes(text)
