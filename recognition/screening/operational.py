"""Operational detail: what would help someone hurt an officer or defeat an operation if it were
published. Door and keypad codes, camera blind spots, when a station has nobody in it, covert or
unmarked work, where armed or protection officers are posted and when, a named officer's shifts,
where a witness is kept. A thank-you can mention all of these innocently ("the firearms team were
amazing"), so the patterns look for the detail (a code, a time, a place, a vehicle), not the topic;
the semantic layer reads the rest.
"""

import re
from collections.abc import Iterator

from .flags import Flag, FlagKind
from .not_thanks import lower_in_place


def _compile(*patterns: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


_TIME = r"(?:\d{1,2}(?::\d{2})?\s?(?:am|pm)|\d{1,2}[:.]\d{2}|\d{1,2}\s?o'?clock|midnight|noon)"
_DAYS = r"(?:mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|weekends?|nights?)"
_SHIFTS = (
    r"(?:nights|lates|earlies|days|night shifts?|late shifts?|early shifts?|the night shift|the late shift)"
)
_STATION = r"(?:station|nick|police office|front (?:desk|counter)|custody|the office)"
_NOBODY = r"(?:nobody|no one|no-one|no officers?|no staff|no-body|empty|unstaffed|unmanned|deserted)"
_VEHICLES = (
    r"(?:car|cars|van|vans|vehicle|bmw|volvo|astra|insignia|golf|focus|skoda|octavia|audi|merc\w*|transit)"
)

OPERATIONAL = _compile(
    # Codes: "the door code is 1234", "keypad 4512#", "code for the back gate".
    r"\b(?:door|keypad|key ?pad|gate|entry|access|alarm|key ?safe|lock ?box|back door|side door|yard)"
    r"\s?(?:code|pin|number|combination)s?\b",
    r"\bcode (?:is|was|for the|to the|on the)\b[^.!?\n]{0,30}?\d{3,6}",
    r"\b(?:cod|côd)\s(?:y\s)?drws\b|\bcod mynediad\b",
    # Cameras and blind spots.
    r"\bblind ?spots?\b",
    r"\b(?:cameras?|cctv)\s(?:don't|doesn't|do not|does not|can't|cannot|won't|never)\s(?:cover|see|reach|pick up"
    r"|work)",
    r"\b(?:cctv|cameras?)\s(?:is|are|'s|has been|have been)\s(?:broken|off|down|not working|switched off)",
    r"\bno (?:cctv|cameras?) (?:on|at|in|by|round|around|near|covering)\b",
    # A station with nobody in it, and when.
    rf"\b{_NOBODY}\b[^.!?\n]{{0,40}}\b{_STATION}\b[^.!?\n]{{0,40}}\b(?:after|before|from|between|until|at|on|every)\b",
    rf"\b(?:after|before|from|between|until|on)\s(?:{_TIME}|{_DAYS})[^.!?\n]{{0,40}}\b{_NOBODY}\b[^.!?\n]{{0,30}}"
    rf"\b{_STATION}\b",
    rf"\b{_STATION}\b[^.!?\n]{{0,30}}\b(?:is|are|'s|gets|goes)\s(?:always\s|usually\s|completely\s)?"
    rf"{_NOBODY}\b",
    rf"\bonly (?:one|1|two|2) (?:officers?|cops?|pcs?) (?:on|in|at|cover\w*)\b[^.!?\n]{{0,40}}"
    rf"\b(?:{_DAYS}|after|between|from|until|{_TIME})",
    r"\b(?:heb staff|neb yn yr? (?:orsaf|swyddfa)|gorsaf yn wag)\b",
    # Covert and unmarked work.
    rf"\bunmarked\s(?:\w+\s){{0,3}}?{_VEHICLES}\b",
    rf"\b(?:plain ?clothes|plain-clothes|plainclothes|undercover|under cover|covert(?:ly)?)\b[^.!?\n]{{0,60}}\b(?:{_VEHICLES}|{_DAYS}|{_TIME}|every"
    r"|usually|always|hang around|sit|parked|watching)\b",
    r"\b(?:car heb farc\w*|dillad plaen|cudd)\b",
    # Armed and protection officers: where they are, and when.
    r"\b(?:armed (?:officers|police|response|units?|cops)|firearms (?:officers|team|unit|cops|lot)|arvs?"
    r"|protection (?:officers|team|detail|unit))\b[^.!?\n]{0,60}\b(?:parked|based|stationed|posted|outside"
    r"|guarding|sat|sitting|waiting|on duty|every|until|tonight|this week|from|at \d|between)\b",
    # A named or ranked officer's shifts: "PC Jones is on nights this week", "she finishes at 7".
    rf"\b(?:is|are|'s|'re|will be|was)\s(?:on|doing|working)\s{_SHIFTS}\b",
    rf"\b(?:he|she|they|pc\s\w+|sgt\s\w+|officer\s\w+)\s(?:usually\s|always\s|normally\s)?(?:finishes|starts"
    rf"|clocks? (?:off|on)|knocks? off|leaves (?:the station|work)|goes home)\s(?:work\s)?(?:at|around|about)\s{_TIME}",
    rf"\bshifts?\s(?:finish(?:es)?|ends?|starts?|change(?:s|over)?)\s(?:at|around|about)\s{_TIME}",
    r"\b(?:shifft|sifft) nos\b",
    # Where a witness or victim is kept.
    r"\bsafe ?house\b",
    r"\bwitness(?:es)?\b[^.!?\n]{0,50}\b(?:staying|kept|being kept|hidden|moved to|living|put up|housed)\b",
    r"\b(?:staying|kept|being kept|hidden|housed|put up)\b[^.!?\n]{0,40}\bwitness(?:es)?\b",
    # Patrols: route and time.
    rf"\bpatrols?\b[^.!?\n]{{0,40}}\b(?:every|each|at|around|between|after)\s(?:{_TIME}|{_DAYS}|night|evening"
    r"|morning|hour)",
)


def find_operational_detail(text: str) -> Iterator[Flag]:
    lowered = lower_in_place(text)
    for match in OPERATIONAL.finditer(lowered):
        yield Flag(FlagKind.OPERATIONAL_DETAIL, *match.span())
