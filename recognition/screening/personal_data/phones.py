"""Phone numbers however they are written: digits in any grouping, with spaces, dashes, dots, slashes
or brackets; full-width digits and the letter O for a zero; and numbers said in English or Welsh
words ("oh seven seven double oh nine…", "dim saith saith…"), digits and words mixed.

The checks read the look-alike skeleton (`fold`) of a text with characters that may stand for
digits, so full-width digits and a Cyrillic "о" read as plain ones; spans are of the original text."""

import re
from collections.abc import Iterator

import phonenumbers

from ..text import fold, original_span

# Between two digits: up to two spaces, dashes or brackets, or one dot, slash or dash with a space
# either side ("07700 - 900 - 123", "07700.900.123", "07700/900123").
_SEP = r"(?:[\s()\-\u2010-\u2015]{0,2}|\s?[./\-\u2010-\u2015]\s?)"
# UK numbers in national (0…) and international (+44, 0044, +44 (0)…) form; other countries'
# numbers after a "+". 999, 101 and 111 never match: they have no leading 0 or +, and they are
# public services, not personal data.
_PHONE = re.compile(
    rf"""(?<![\w+/.:-])
    (?: (?:\+|00)[\s-]?44[\s-]?(?:\(0\)[\s-]?)?\(?[1-9](?:{_SEP}\d){{8,9}}
      | \(?0[\s.-]?[1235789](?:{_SEP}\d){{8,9}}
      | \+[\s-]?[1-9](?:{_SEP}\d){{7,13}} )
    (?![\w/:]|[.,]\d)""",
    re.X,
)
_DATE_LIKE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")
# A word of digits with the letter O among them ("07OO", "9OO123"): the Os are zeros.
_O_AMONG_DIGITS = re.compile(r"(?<![a-z_])(?=[\do]*\d)[\do]*o[\do]*(?![a-z_])")
_O_HINT = re.compile(r"\do|o\d")


def _possible(number: str) -> bool:
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse(number, "GB"))
    except phonenumbers.NumberParseException:
        return False


# Characters `fold` may read as digits, a plus or an O: full-width forms, Cyrillic and Greek
# letters, super- and subscripts, circled digits, and the digits of other scripts. Without them the
# skeleton is the text in lower case, and `fold` (a loop over every character) is not needed.
_FOLDS_TO_DIGITS = re.compile(
    r"[\uff0b\uff10-\uff19\uff2f\uff4f\u0370-\u03ff\u0400-\u04ff\u00b2\u00b3\u00b9\u2070-\u209f"
    r"\u2460-\u24ff\u2776-\u2793\U0001d400-\U0001d7ff]|(?![0-9])\d"
)


def _digit_skeleton(text: str) -> tuple[str, list[int] | range]:
    lowered = text.lower()
    if len(lowered) == len(text) and not _FOLDS_TO_DIGITS.search(text):  # "İ" lowers to two
        skeleton, origin = lowered, range(len(text) + 1)
    else:
        skeleton, origin = fold(text)
    if _O_HINT.search(skeleton):
        skeleton = _O_AMONG_DIGITS.sub(lambda match: match.group().replace("o", "0"), skeleton)
    return skeleton, origin


def _written_in_digits(skeleton: str, origin: list[int] | range) -> Iterator[tuple[int, int]]:
    for match in _PHONE.finditer(skeleton):
        raw = match.group()
        if not _DATE_LIKE.match(raw.lstrip("(")) and _possible(raw):
            yield original_span(origin, *match.span())


_DIGIT_WORDS = {
    **dict.fromkeys(("oh", "o", "zero", "nought", "dim", "sero"), "0"),
    **dict.fromkeys(("one", "un"), "1"),
    **dict.fromkeys(("two", "dau", "dwy"), "2"),
    **dict.fromkeys(("three", "tri", "tair"), "3"),
    **dict.fromkeys(("four", "pedwar", "pedair"), "4"),
    **dict.fromkeys(("five", "pump"), "5"),
    **dict.fromkeys(("six", "chwech", "chwe"), "6"),
    **dict.fromkeys(("seven", "saith"), "7"),
    **dict.fromkeys(("eight", "wyth"), "8"),
    **dict.fromkeys(("nine", "naw"), "9"),
    "hundred": "00",
    "thousand": "000",
}
_REPEAT_WORDS = {"double": 2, "dwbl": 2, "treble": 3, "triple": 3}
_NUMBER_WORD = "|".join(sorted([*_DIGIT_WORDS, *_REPEAT_WORDS, "plus"], key=len, reverse=True))
_NUMBER_TOKEN = rf"\b(?:{_NUMBER_WORD})\b|\+?\b\d+\b"
# Three or more number words or groups of digits in a row, a space, comma, dot or dash apart.
# The lookahead lets the engine skip the letters no number word starts with.
_FIRST_LETTERS = "".join(sorted({word[0] for word in (*_DIGIT_WORDS, *_REPEAT_WORDS, "plus")}))
_NUMBER_RUN = re.compile(
    rf"(?=[{_FIRST_LETTERS}\d+])(?:{_NUMBER_TOKEN})(?:[\s,.\-]{{1,3}}(?:{_NUMBER_TOKEN})){{2,}}"
)
_TOKEN = re.compile(_NUMBER_TOKEN)
_HAS_LETTER = re.compile("[a-z]")
_UK_STARTS = frozenset(f"0{digit}" for digit in "1235789")


def _spoken_units(run: re.Match) -> list[tuple[str, int, int, bool]]:
    """The run as (digits, start, end, said in words) units: "double oh" is one unit, "00"."""
    units: list[tuple[str, int, int, bool]] = []
    repeat, repeat_start = 1, None
    for token in _TOKEN.finditer(run.string, run.start(), run.end()):
        word = token.group()
        if word in _REPEAT_WORDS:
            repeat, repeat_start = _REPEAT_WORDS[word], token.start()
            continue
        digits = "+" if word == "plus" else _DIGIT_WORDS.get(word, word)
        in_words = repeat_start is not None or word in _DIGIT_WORDS or word == "plus"
        start = token.start() if repeat_start is None else repeat_start
        units.append((digits[0] * repeat + digits[1:], start, token.end(), in_words))
        repeat, repeat_start = 1, None
    return units


def _longest_number_from(units: list[tuple[str, int, int, bool]], first: int) -> int | None:
    """The index of the last unit of the longest possible phone number starting at unit `first`:
    10 or 11 digits after a 0, up to 13 after a +, with at least one unit said in words."""
    digits, in_words, ends = "", False, []
    for index in range(first, min(first + 13, len(units))):
        digits += units[index][0]
        in_words = in_words or units[index][3]
        count = len(digits.lstrip("+"))
        if count > (13 if digits.startswith("+") else 11):
            break
        if in_words and count >= 10:
            ends.append((index, digits))
    return next((index for index, number in reversed(ends) if _possible_said(number)), None)


def _possible_said(digits: str) -> bool:
    """Whether digits read out in words make a phone number: a UK national number (0, then 1, 2,
    3, 5, 7, 8 or 9, ten or eleven digits in all) needs no parsing; another is asked of `phonenumbers`."""
    if digits.startswith("0"):
        return digits[1] in "1235789" and len(digits) in (10, 11)
    return _possible(digits)


def _said_in_words(skeleton: str, origin: list[int] | range) -> Iterator[tuple[int, int]]:
    for run in _NUMBER_RUN.finditer(skeleton):
        if not _HAS_LETTER.search(run.group()):
            continue  # digits alone: _PHONE has read them
        units = _spoken_units(run)
        first = 0
        while first < len(units):
            # A number starts with a +, or with 0 and a digit a UK number may follow 0 with (not 0, 4
            # or 6: "oh oh oh…" needs no parsing to be refused).
            lead = units[first][0] + (units[first + 1][0] if first + 1 < len(units) else "")
            last = _longest_number_from(units, first) if lead[0] == "+" or lead[:2] in _UK_STARTS else None
            if last is None:
                first += 1
                continue
            yield original_span(origin, units[first][1], units[last][2])
            first = last + 1


def find_phones(text: str) -> Iterator[tuple[int, int]]:
    skeleton, origin = _digit_skeleton(text)
    yield from _written_in_digits(skeleton, origin)
    yield from _said_in_words(skeleton, origin)
