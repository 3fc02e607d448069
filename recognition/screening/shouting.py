"""Shouting: a message mostly in capitals, or a long stretch of one. "THANK YOU" in a sentence and
acronyms (PCSO, ARV, A&E) are not shouting."""

import re

WHOLE_MESSAGE_MIN_LETTERS = 20
WHOLE_MESSAGE_CAPITALS_SHARE = 0.7
STRETCH_MIN_WORDS = 5
STRETCH_MIN_LETTERS = 25

# Capitals of the Latin (with Welsh Ŵ and Ŷ), Greek and Cyrillic alphabets: `re` has no \p{Lu}.
_CAPITALS = "".join(
    char
    for code in [*range(0x530), *range(0x1E00, 0x1F00)]
    if (char := chr(code)).isupper() and char.isalpha()
)
_CAPITAL = re.compile(f"[{re.escape(_CAPITALS)}]")
_LETTER = re.compile(r"[^\W\d_]")
_NOT_LETTERS = r"[\W\d_]+"
_STRETCH = re.compile(
    rf"(?:[{re.escape(_CAPITALS)}]+{_NOT_LETTERS}){{{STRETCH_MIN_WORDS - 1},}}[{re.escape(_CAPITALS)}]+"
)


def find_shouting(text: str) -> list[tuple[int, int]]:
    letters = len(_LETTER.findall(text))
    if (
        letters >= WHOLE_MESSAGE_MIN_LETTERS
        and len(_CAPITAL.findall(text)) >= letters * WHOLE_MESSAGE_CAPITALS_SHARE
    ):
        return [(len(text) - len(text.lstrip()), len(text.rstrip()))]
    return [
        match.span()
        for match in _STRETCH.finditer(text)
        if len(_LETTER.findall(match.group())) >= STRETCH_MIN_LETTERS
    ]
