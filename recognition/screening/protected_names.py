"""Names and collar numbers a force must never publish (officers in covert or protected roles).

A name matches as a whole word or phrase, whatever its case, spacing or look-alike letters: "PC 1234"
matches "pc1234", "P.C. 1234" and "1234"; "Jane Doe" matches "JANE  DOE" and "Jаne Doe" (Cyrillic а).
"""

import re
from collections.abc import Iterable
from functools import lru_cache

from .text import fold, original_span

# A rank or title is not part of the name: "PC 1234" is collar number 1234 whatever rank is written
# before it, and "Sgt Jane Doe" is Jane Doe.
_RANK = re.compile(
    r"^(?:(?:p\.?c|d\.?c|p\.?s|d\.?s|sgt|sergeant|insp|inspector|pcso|sc|special|officer|constable"
    r"|detective|mr|mrs|ms|miss|dr)\b[\s.]*)+(?=\w)",
)
_PIECES = re.compile(r"[a-z]+|\d+")
_GAP = r"[^a-z0-9]{0,3}"


def _pattern_for(name: str) -> str | None:
    skeleton, _ = fold(name.strip())
    pieces = _PIECES.findall(_RANK.sub("", skeleton))
    if not pieces:
        return None
    return _GAP.join(re.escape(piece) for piece in pieces)


@lru_cache(maxsize=256)
def _compiled(names: tuple[str, ...]) -> re.Pattern | None:
    patterns = sorted({pattern for name in names if (pattern := _pattern_for(name))}, key=len, reverse=True)
    if not patterns:
        return None
    # A rank before the number is part of the mention: "PC 1234" is flagged whole.
    rank = r"(?:(?:p\.?c|d\.?c|p\.?s|d\.?s|sgt|pcso|sc)[\s.]{0,3})?"
    return re.compile(rf"(?<![a-z0-9]){rank}(?:{'|'.join(patterns)})(?![a-z0-9])")


def find_protected_names(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    pattern = _compiled(tuple(sorted(set(names))))
    if pattern is None:
        return []
    skeleton, origin = fold(text)
    return [original_span(origin, *match.span()) for match in pattern.finditer(skeleton)]
