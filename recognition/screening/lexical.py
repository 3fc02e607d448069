"""The lexical half of the learned layer: which words and letter groups a message uses.

Sentence embeddings (`encoder`, `semantic`) read what a sentence means, but they blur the words
that give a risk away ("tablets", "letters", "nobody came", "the code's"). This reads them: each
message becomes a hashed bag of its words and word pairs and of the two- to five-letter groups of
each word (so "tabletts", "polise" and "cudnt" still share most of their groups with the right
spelling), weighted by tf-idf and scaled to unit length, and one logistic regression per kind
scores it. `semantic` adds this score, standardised, to every sentence's score of the same kind.

The weights are made with the embedding weights by `make screening-train` from the development
part of the corpus only. Pure Python and numpy: nothing here needs scikit-learn, which only trains.
"""

import re
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

LETTER_BUCKETS = 1 << 18
WORD_BUCKETS = 1 << 17
DIMENSIONS = LETTER_BUCKETS + WORD_BUCKETS
SHORTEST_GROUP, LONGEST_GROUP = 2, 5
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _bucket(piece: str, buckets: int) -> int:
    return zlib.crc32(piece.encode()) % buckets


@lru_cache(maxsize=1 << 16)
def _letter_buckets(word: str) -> tuple[int, ...]:
    """The buckets of a word's letter groups, the word padded with a space each side."""
    padded = f" {word} "
    return tuple(
        _bucket(padded[start : start + size], LETTER_BUCKETS)
        for size in range(SHORTEST_GROUP, LONGEST_GROUP + 1)
        for start in range(len(padded) - size + 1)
    )


def counts(text: str) -> tuple[Counter, Counter]:
    """How often each letter-group bucket and each word-or-pair bucket occurs in `text`."""
    words = _WORD.findall(text.casefold().replace("’", "'"))
    letters: Counter = Counter()
    for word in words:
        letters.update(_letter_buckets(word))
    pairs = (f"{first} {second}" for first, second in zip(words, words[1:], strict=False))
    terms = Counter(LETTER_BUCKETS + _bucket(term, WORD_BUCKETS) for term in (*words, *pairs))
    return letters, terms


def vector(text: str, idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`text` as a sparse tf-idf vector (indices, values): letters and words each of unit length."""
    indices, values = [], []
    for part in counts(text):
        if not part:
            continue
        index = np.fromiter(part.keys(), dtype=np.int64, count=len(part))
        value = (1 + np.log(np.fromiter(part.values(), dtype=np.float32, count=len(part)))) * idf[index]
        indices.append(index)
        values.append(value / np.linalg.norm(value))
    if not indices:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    return np.concatenate(indices), np.concatenate(values).astype(np.float32)


@dataclass(frozen=True)
class Model:
    """One logistic regression per kind over `vector`, standardised by `scale` (the mean and the
    deviation of its score over the training messages without the kind)."""

    idf: np.ndarray  # (DIMENSIONS,)
    weights: np.ndarray  # (DIMENSIONS, kinds): a message's few hundred rows are read together
    bias: np.ndarray  # (kinds,)
    scale: np.ndarray  # (kinds, 2)

    def scores(self, text: str) -> np.ndarray:
        """(kinds,) standardised scores of the whole of `text`."""
        indices, values = vector(text, self.idf)
        logits = values @ self.weights[indices] + self.bias
        return (logits - self.scale[:, 0]) / self.scale[:, 1]
