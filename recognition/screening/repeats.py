"""Repeats: a message that is the same as, or nearly the same as, one sent recently (a copy-paste
campaign, or one person sending again and again).

"Nearly the same" is measured on word shingles (every run of three words, case and punctuation
ignored): at least 60% of them shared, which one changed word in fifteen, or two in thirty, still
reaches. Fingerprints of recent texts are cached between calls."""

import math
import string
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

SHINGLE_OVERLAP = 0.6
MIN_CHARACTERS = 20  # "Thank you PC Jones!" twice is two people saying thank you
# Long texts are compared on a quarter of their shingles (those whose hash is a multiple of 4): a
# fair sample, four times cheaper to compare and to keep. A text compared in full with one of at
# most SAMPLE_ABOVE shingles has at most FULL_UP_TO, or the overlap is out of reach.
SAMPLE_ABOVE = 60
FULL_UP_TO = math.ceil(SAMPLE_ABOVE / SHINGLE_OVERLAP)
# Punctuation becomes a space, and the text splits into words: faster than a regular expression.
_PUNCTUATION_TO_SPACE = str.maketrans(dict.fromkeys(string.punctuation + "‘’“”–—…", " "))


class _Fingerprint(NamedTuple):
    words: int  # a hash of the words in order, for exact repeats
    size: int  # how many shingles
    shingles: frozenset[int]  # all of them (hashed), or none past FULL_UP_TO
    sample: frozenset[int]


@lru_cache(maxsize=1024)
def _fingerprint(text: str) -> _Fingerprint:
    words = tuple(text.casefold().translate(_PUNCTUATION_TO_SPACE).split())
    shingles = frozenset(map(hash, zip(words, words[1:], words[2:], strict=False))) or frozenset(
        {hash(words)}
    )
    sample = frozenset(shingle for shingle in shingles if shingle % 4 == 0)
    return _Fingerprint(
        hash(words), len(shingles), shingles if len(shingles) <= FULL_UP_TO else frozenset(), sample
    )


def _overlap(one: frozenset[int], other: frozenset[int]) -> bool:
    shared = len(one & other)
    return shared >= SHINGLE_OVERLAP * (len(one) + len(other) - shared)


def _nearly_the_same(mine: _Fingerprint, theirs: _Fingerprint) -> bool:
    if min(mine.size, theirs.size) < SHINGLE_OVERLAP * max(mine.size, theirs.size):
        return False
    if min(mine.size, theirs.size) > SAMPLE_ABOVE:
        return _overlap(mine.sample, theirs.sample)
    return _overlap(mine.shingles, theirs.shingles)


def is_repeated(text: str, recent_texts: Iterable[str]) -> bool:
    if len(text.strip()) < MIN_CHARACTERS:
        return False
    mine = _fingerprint(text)
    for recent in recent_texts:
        # Texts of very different lengths cannot share 60% of their shingles: skip them unread.
        if not len(text) // 2 <= len(recent) <= 2 * len(text) + 40:
            continue
        theirs = _fingerprint(recent)
        if theirs.words == mine.words or _nearly_the_same(mine, theirs):
            return True
    return False
