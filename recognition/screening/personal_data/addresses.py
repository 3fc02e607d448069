"""Addresses with a number: a house number and street ("14 Marlborough Road", "Flat 2, 24 Acacia
Avenue"), a flat or house number alone ("Flat 3b", "at no 9"), and a street with its postcode
district ("Victoria Road, NR31"). Homes told without a number are in `homes`."""

import re
from collections.abc import Iterator

from .postcodes import AREAS

STREET_TYPES = (
    "Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Way|Crescent|Cres|Court|Ct|Gardens|Gdns"
    "|Place|Terrace|Grove|Hill|Park|Rise|Row|Square|Sq|Walk|Mews|View|Green|Parade|Vale|Mount"
    "|Fields|Meadows?|Wharf|Yard|Boulevard|Circus|Gate|Approach|Chase|Heights|Croft|Glade|Wynd"
)
_ADDRESS = re.compile(
    rf"""(?=[\dfa])\b(?:(?:flat|apartment|apt)\.?\s?\d{{1,4}}[a-z]?\s?,?\s)?
    (?P<number>\d{{1,4}}[a-z]?(?:-\d{{1,4}})?),?\s
    (?P<name>(?:[a-z][\w'’.-]*\s){{1,3}})
    (?:{STREET_TYPES})\b""",
    re.I | re.X,
)
_FLAT = re.compile(
    r"(?=[fah])\b(?P<word>flat|apartment|apt|house\s(?:number|no\.?))\s?(?:no\.?\s?)?\d{1,4}[a-z]?\b"
    r"(?!\s?(?:%|mph|am|pm|mins?|minutes|hours?|hrs|days?|weeks?|months?|years?|miles?|times|tyres?|or\s))",
    re.I,
)
_FLAT_OWNER = re.compile(r"\b(?:my|our|his|her|their|the|at|in|to|from|of|outside)\s$", re.I)
# Words that cannot be part of a street's name, so "within 5 minutes down the road" is no address.
NOT_STREET_WORDS = frozenset(
    "a an the and or but of on in at to by for from with into onto up down out off over past near"
    " my our your his her their its this that these those me us you him them we i it is was were be"
    " been are am had has have got just only all some few two three four five six seven eight nine"
    " ten minutes mins minute hours hour hrs seconds days day weeks months years miles mile times"
    " people officers officer police cars car units am pm o'clock more other others them end same next"
    " local nearby quiet busy main whole new big small little right wrong".split()
)
CAPITALISED = r"(?-i:[A-Z][a-z'’][\w'’&-]*)"  # "Co-op", "O'Neill"; not "AL10" or "A1"
# A street by its name: "Station Road", "Cwm Bach lane", and Welsh ones, type first: "Heol y Nant".
STREET = (
    rf"{CAPITALISED}(?:\s{CAPITALISED}){{0,3}}\s(?:{STREET_TYPES})\b"
    r"|(?:Heol|Ffordd|Stryd|Lôn|Lon|Rhodfa|Cilgant|Teras|Clos|Maes)\s(?:y\s|yr\s)?"
    rf"{CAPITALISED}(?:\s{CAPITALISED})?"
)
_COLLAR_BEFORE = re.compile(r"\b(?:pc|dc|ps|ds|sgt|insp|pcso|sc|officer|collar|shoulder|badge)\.?\s*$", re.I)


def _numbered_addresses(text: str) -> Iterator[tuple[int, int]]:
    for match in _ADDRESS.finditer(text):
        if _COLLAR_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            continue
        name_words = match.group("name").split()
        if any(word.lower().strip(".,'’") in NOT_STREET_WORDS for word in name_words):
            continue
        yield match.span()
    for match in _FLAT.finditer(text):
        word = match.group("word")
        if word[0].isupper() or _FLAT_OWNER.search(text, max(0, match.start() - 12), match.start()):
            yield match.span()


# "the kids at no 9", "came to number 12": a house number alone.
_AT_NUMBER = re.compile(
    r"\b(?:at|from|to|outside|opposite)\s(?P<number>(?:no\.?|number)\s?\d{1,3}[a-z]?)\b"
    r"(?!\s?(?:in\sthe|on\sthe|of\b|%|st\b|nd\b|rd\b|th\b|spot|position|place))",
    re.I,
)
# A street and its postcode district: "Victoria Road, NR31".
_DISTRICT = re.compile(r"\b(?P<area>[A-Z]{1,2})\d[A-Z\d]?\b(?!\s?\d[A-Z]{2}\b)")
_STREET_BEFORE = re.compile(rf"(?:{STREET}),?\s$", re.I)


def _streets_with_districts(text: str) -> Iterator[tuple[int, int]]:
    for match in _DISTRICT.finditer(text):
        if match.group("area") in AREAS:
            street = _STREET_BEFORE.search(text, max(0, match.start() - 50), match.start())
            if street:
                yield street.start(), match.end()


def find_addresses(text: str) -> Iterator[tuple[int, int]]:
    yield from _numbered_addresses(text)
    yield from (match.span("number") for match in _AT_NUMBER.finditer(text))
    yield from _streets_with_districts(text)
