"""Text as it is stored, and the look-alike skeleton the word checks read.

`normalise_text` is what the form stores and screening reads. `fold` maps text to a lower-case
ASCII skeleton (fullwidth, accented, Cyrillic and Greek look-alikes to plain letters) and keeps, for
every skeleton character, the index of the character it came from, so a match in the skeleton is
reported as a span of the original text.
"""

import re
import unicodedata
from functools import lru_cache

_BIDI_MARKS = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
# Invisible characters that can split a word without showing. U+200D (zero-width joiner) is kept
# between two emoji, where it joins a family or a profession into one picture.
_ZERO_WIDTH = "\u200b\u200c\u2060\ufeff\u180e\u00ad"
_PICTOGRAPH = "\u2600-\u27bf\ufe0f\U0001f000-\U0001faff"
_INVISIBLE = re.compile(f"[{_BIDI_MARKS}{_ZERO_WIDTH}]|(?<![{_PICTOGRAPH}])\u200d|\u200d(?![{_PICTOGRAPH}])")
# Control characters except newline; a tab becomes a space so the words either side stay apart.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")
_MANY_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n){3,}")


def normalise_text(text: str) -> str:
    """What is stored and screened: Unicode NFC; control characters (except newline) and
    bidirectional override, isolate and embedding marks removed (U+202A-U+202E, U+2066-U+2069,
    U+200E, U+200F, U+061C); zero-width characters removed; CRLF and CR to LF; runs of more than
    two blank lines cut to two; leading and trailing whitespace stripped. A tab becomes a space."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text.replace("\t", " "))
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return _MANY_BLANK_LINES.sub("\n\n\n", text).strip()


# Letters from other scripts that read as Latin ones, and Latin letters NFKD leaves alone.
_LOOK_ALIKES = {
    **dict(zip("авеёкмнорстухѕіїјԁԛԝһӏүɡ", "abeekmhopctyxsiijdqwhlyg", strict=True)),
    **dict(zip("АВЕЁКМНОРСТУХЅІЇЈҮ", "abeekmhopctyxsiijy", strict=True)),
    **dict(zip("αβγεηικνοπρτυχωϲ", "abyeniknoprtuxwc", strict=True)),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "abezhikmnoptyx", strict=True)),
    **dict(zip("ıłøđɑℓſ", "ilodals", strict=True)),
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
}


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _LOOK_ALIKES:
        return _LOOK_ALIKES[char]
    if unicodedata.category(char) in {"Mn", "Me", "Cf"}:
        return ""
    decomposed = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if decomposed.isascii():
        return decomposed.lower()
    lowered = decomposed.lower()
    return "".join(_LOOK_ALIKES.get(c, c) for c in lowered)


@lru_cache(maxsize=64)
def fold(text: str) -> tuple[str, list[int] | range]:
    """The skeleton of `text`, and for each skeleton index (plus one past the end) the index of the
    original character it came from."""
    if text.isascii():
        return text.lower(), range(len(text) + 1)
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char)
        pieces.append(folded)
        origin.extend([index] * len(folded))
    origin.append(len(text))
    return "".join(pieces), origin


def original_span(origin: list[int] | range, start: int, end: int) -> tuple[int, int]:
    """The span of the original text that skeleton span [start, end) came from."""
    return origin[start], origin[end - 1] + 1
