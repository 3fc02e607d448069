"""The learned layer: what a message means, sentence by sentence, for the kinds that no word list
covers (a disclosure, a complaint, a crime report, operational detail, where someone lives).

A message is cut into units: its sentences, and windows of a long sentence written without stops,
so one sentence of distress inside a warm thank-you is read on its own. Each unit is embedded
(`encoder`) and scored per kind by a logistic regression and its nearest examples; to that is added
the kind's lexical score of the whole message (`lexical`: its words and letter groups). A kind is
flagged on every unit that scores at or above that kind's threshold; the flag spans that unit.

The weights and thresholds in data/semantic_model.npz are made by `make screening-train` from the
development part of the labelled corpus only (scripts/train_screening.py); the held-out part is
never read by it.
"""

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from . import lexical
from .flags import Flag, FlagKind

MODEL_PATH = Path(__file__).resolve().parent / "data" / "semantic_model.npz"
SEMANTIC_KINDS = (
    FlagKind.SAFEGUARDING,
    FlagKind.ADDRESS,
    FlagKind.COMPLAINT,
    FlagKind.CRIME_REPORT,
    FlagKind.OPERATIONAL_DETAIL,
)
# A sentence longer than this many words is also read in windows of WINDOW words, overlapping by
# half: people in distress often write one long run-on sentence.
LONG_UNIT_WORDS = 24
WINDOW_WORDS = 14
_SENTENCE_END = re.compile(r"[.!?…]+[\"')\]]*(?=\s)|\n+|\s[-–—]\s|;")
_WORD = re.compile(r"\S+")
MIN_UNIT_CHARACTERS = 12


POSITIVE_NEIGHBOURS = 2
NEGATIVE_NEIGHBOURS = 3
# How many of the nearest stored sentences are looked at first for every kind's negatives at once.
_SHORTLIST = 16


def neighbour_margin(x: np.ndarray, positives: np.ndarray, negatives: np.ndarray) -> np.ndarray:
    """How much closer each row of `x` is to its nearest examples of a kind than to its nearest
    sentences of messages without it (cosine: every embedding has unit length)."""
    return _margin(x @ positives.T, x @ negatives.T)


def _margin(to_positives: np.ndarray, to_negatives: np.ndarray) -> np.ndarray:
    near_positive = np.partition(to_positives, -POSITIVE_NEIGHBOURS, axis=1)[:, -POSITIVE_NEIGHBOURS:]
    near_negative = np.partition(to_negatives, -NEGATIVE_NEIGHBOURS, axis=1)[:, -NEGATIVE_NEIGHBOURS:]
    return near_positive.mean(axis=1) - near_negative.mean(axis=1)


@dataclass(frozen=True)
class Model:
    """Per kind: a logistic regression over a unit's embedding and its nearest-neighbour margin,
    each standardised on the training negatives and added; the kind is flagged at `thresholds`.

    The corpus's sentences are stored once (`sentences`); `negative_masks` says which of them are
    each kind's negatives. Every kind's examples are stacked in `positives`, `positive_ends` marks
    where each kind's end."""

    kinds: tuple[FlagKind, ...]
    weights: np.ndarray  # (kinds, 384)
    bias: np.ndarray  # (kinds,)
    scale: np.ndarray  # (kinds, 4): mean and deviation of the logit, then of the margin
    thresholds: np.ndarray  # (kinds,)
    positives: np.ndarray  # (examples of every kind, 384)
    positive_ends: np.ndarray  # (kinds,)
    sentences: np.ndarray  # (sentences, 384)
    negative_masks: np.ndarray  # (kinds, sentences), bool
    lexical: lexical.Model

    def scores(self, embeddings: np.ndarray) -> np.ndarray:
        """(units, kinds) scores, on the scale of `thresholds`: one product with all the stored
        sentences and one with all the examples, then each kind's share of them."""
        logits = embeddings @ self.weights.T + self.bias
        to_positives = embeddings @ self.positives.T
        near_negative = self._near_negatives(embeddings @ self.sentences.T)
        starts = np.concatenate([[0], self.positive_ends[:-1]])
        margins = (
            np.column_stack(
                [
                    np.partition(to_positives[:, start:end], -POSITIVE_NEIGHBOURS, axis=1)[
                        :, -POSITIVE_NEIGHBOURS:
                    ].mean(axis=1)
                    for start, end in zip(starts, self.positive_ends, strict=True)
                ]
            )
            - near_negative
        )
        return (logits - self.scale[:, 0]) / self.scale[:, 1] + (margins - self.scale[:, 2]) / self.scale[
            :, 3
        ]

    def _near_negatives(self, to_sentences: np.ndarray) -> np.ndarray:
        """(units, kinds): the mean closeness of each unit to its NEGATIVE_NEIGHBOURS nearest
        negatives of each kind. The kinds share most of their negatives, so the nearest few of all
        the sentences are found once and each kind takes its first negatives among them; a unit
        with too few there is read against all of that kind's negatives."""
        nearest = np.argpartition(to_sentences, -_SHORTLIST, axis=1)[:, -_SHORTLIST:]
        closeness = np.take_along_axis(to_sentences, nearest, axis=1)
        order = np.argsort(-closeness, axis=1)
        nearest, closeness = (
            np.take_along_axis(nearest, order, axis=1),
            np.take_along_axis(closeness, order, axis=1),
        )
        out = np.empty((len(to_sentences), len(self.kinds)), dtype=np.float32)
        for column, mask in enumerate(self.negative_masks):
            negative = mask[nearest]
            taken = negative & (np.cumsum(negative, axis=1) <= NEGATIVE_NEIGHBOURS)
            enough = taken.sum(axis=1) == NEGATIVE_NEIGHBOURS
            out[:, column] = np.where(taken, closeness, 0).sum(axis=1) / NEGATIVE_NEIGHBOURS
            for unit in np.flatnonzero(~enough):
                row = to_sentences[unit, mask]
                out[unit, column] = np.partition(row, -NEGATIVE_NEIGHBOURS)[-NEGATIVE_NEIGHBOURS:].mean()
        return out


@cache
def model() -> Model:
    with np.load(MODEL_PATH, allow_pickle=False) as data:
        sentences = data["sentences"].astype(np.float32)
        return Model(
            kinds=tuple(FlagKind(kind) for kind in data["kinds"]),
            weights=data["weights"],
            bias=data["bias"],
            scale=data["scale"],
            thresholds=data["thresholds"],
            positives=data["positives"].astype(np.float32),
            positive_ends=np.cumsum(data["positive_rows"]),
            sentences=sentences,
            negative_masks=np.unpackbits(data["negative_masks"], axis=1, count=len(sentences)).astype(bool),
            lexical=lexical.Model(
                idf=data["lexical_idf"].astype(np.float32),
                weights=data["lexical_weights"].astype(np.float32),
                bias=data["lexical_bias"],
                scale=data["lexical_scale"],
            ),
        )


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of `text` as spans, stripped; a fragment too short to mean much on its own
    ("x", "Thanks!") joins the sentence before it."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    units: list[tuple[int, int]] = []
    for begin, end in spans:
        piece = text[begin:end]
        begin, end = begin + len(piece) - len(piece.lstrip()), end - len(piece) + len(piece.rstrip())
        if begin >= end:
            continue
        if units and (end - begin < MIN_UNIT_CHARACTERS or units[-1][1] - units[-1][0] < MIN_UNIT_CHARACTERS):
            units[-1] = (units[-1][0], end)
        else:
            units.append((begin, end))
    return units


def unit_spans(text: str) -> list[tuple[int, int]]:
    """What is read: each sentence, and for a long one also its overlapping windows of words."""
    units = []
    for begin, end in sentence_spans(text):
        units.append((begin, end))
        words = [(begin + match.start(), begin + match.end()) for match in _WORD.finditer(text[begin:end])]
        if len(words) > LONG_UNIT_WORDS:
            step = WINDOW_WORDS // 2
            for first in range(0, len(words) - step, step):
                last = min(first + WINDOW_WORDS, len(words)) - 1
                units.append((words[first][0], words[last][1]))
    return units


@lru_cache(maxsize=128)
def unit_scores(text: str) -> tuple[tuple[tuple[int, int], ...], np.ndarray]:
    """The units of `text` and their (units, kinds) scores: each unit's own, plus the lexical score
    of the whole message for that kind. Cached: the form screens a text and then asks whether it
    reads as thanks."""
    from .encoder import encoder

    spans = tuple(unit_spans(text))
    if not spans:
        return spans, np.zeros((0, len(model().kinds)), dtype=np.float32)
    embeddings = encoder().encode([text[begin:end] for begin, end in spans])
    return spans, model().scores(embeddings) + model().lexical.scores(text)


# A crisis told as over: "two years on we are thriving", "I'm doing well now". A thank-you for
# help in a past crisis reads, sentence by sentence, much like a disclosure; when the writer says it
# is behind them, the semantic reading of distress is set aside. The distress and abuse patterns
# (not_thanks.py) still flag anything said in the present tense.
_RESOLVED = re.compile(
    r"\b(?:(?:i'm|i am|im|we're|we are|she's|he's|they're|doing|feeling|feel)"
    r"\s(?:so\s|much\s|really\s|a lot\s)?"
    r"(?:well|better|good|great|ok|okay|fine|safe|happy)\s(?:now|these days|today)"
    r"|(?:years?|months?) (?:on|later)|(?:now|finally) (?:safe|thriving|happy|settled|in a good place)"
    r"|thriving|in a (?:good|better) place|back on (?:my|our|his|her) feet"
    r"|turned (?:my|his|her) life around)\b",
    re.I,
)


# An address is where someone lives or can be found: a sentence that only names a street ("the
# officers on Mill Lane were lovely") is none, however much it reads like the corpus's addresses.
_RESIDES = re.compile(
    r"\b(?:liv(?:e|es|ed|ing)|stay(?:s|ed|ing)?|resid\w*|moved|home|house|flat|bedsit|room|plot|pitch"
    r"|berth|farm|cottage|bungalow|caravan|static|chalet|croft|maisonette|address|door|neighbou?r\w*"
    r"|upstairs|downstairs|floor|hostel|refuge|digs|byw|cartref|t[ŷy]|fflat|ystafell|fferm|bwthyn"
    r"|carafa[nń]|drws|cymydog\w*)\b",
    re.I,
)


def find_semantic(text: str) -> list[Flag]:
    """Flags of the learned kinds, one per unit that reaches the kind's threshold."""
    current = model()
    spans, scores = unit_scores(text)
    resolved = bool(_RESOLVED.search(text.replace("\u2019", "'")))
    return [
        Flag(kind, *spans[unit])
        for column, kind in enumerate(current.kinds)
        if not (resolved and kind == FlagKind.SAFEGUARDING)
        for unit in np.flatnonzero(scores[:, column] >= current.thresholds[column])
        if kind != FlagKind.ADDRESS or _RESIDES.search(text, *spans[unit])
    ]


UNSURE_BELOW = 2.0


def is_unsure(text: str) -> bool:
    """Whether any unit comes within UNSURE_BELOW (two standard deviations of the scale) of a
    kind's threshold: no flag, but not plainly harmless either, so auto-publish holds it."""
    current = model()
    _, scores = unit_scores(text)
    return bool(scores.size) and bool((scores >= current.thresholds - UNSURE_BELOW).any())
