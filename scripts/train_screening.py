"""Train the screening's semantic layer from the development corpus: `make screening-train`.

Reads tests/recognition/screening_corpus.jsonl only (the development part); the held-out part is
never opened here. Writes recognition/screening/data/semantic_model.npz: for each learned kind a
logistic regression over sentence embeddings with its nearest examples, a logistic regression over
the whole message's words and letter groups (recognition/screening/lexical.py, fitted here with
scikit-learn), and its threshold for the sum of the two.

Labels are per message, but a risk usually sits in one sentence of it. So each kind is trained as
multiple-instance learning: a positive message starts as its whole text, then each round adds the
sentence of it that the current model scores highest; every sentence of a message without the kind
is a negative. Thresholds come from five-fold cross-validation over messages (scores of messages
the fold's models never saw): the lowest threshold that keeps the share of clean messages flagged
within FALSE_POSITIVE_BUDGET for that kind. The figures printed are those cross-validated ones.

Deterministic: the same corpus gives the same file.
"""

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.screening_report import CORPUS, Case, load_corpus  # noqa: E402
from recognition.screening import lexical  # noqa: E402
from recognition.screening.encoder import encoder  # noqa: E402
from recognition.screening.semantic import (  # noqa: E402
    MODEL_PATH,
    SEMANTIC_KINDS,
    neighbour_margin,
    unit_spans,
)

# The share of clean development messages each kind may flag (cross-validated). Safeguarding gets
# more: a false alarm costs a moderator a minute, a missed disclosure can cost a life.
FALSE_POSITIVE_BUDGET = {"safeguarding": 0.015}
DEFAULT_FALSE_POSITIVE_BUDGET = 0.005
# The lexical regression's inverse regularisation (scikit-learn's C). Its standardised score counts
# as much as the embedding's: counting it twice or half gave no better cross-validated recall.
LEXICAL_C = 10.0
L2 = 1.0
MIL_ROUNDS = 3
FOLDS = 5


def embed(texts: list[str]) -> np.ndarray:
    """Embeddings of many texts, batched by length so padding stays small."""
    order = sorted(range(len(texts)), key=lambda index: len(texts[index]))
    out = np.zeros((len(texts), 384), dtype=np.float32)
    for begin in range(0, len(order), 32):
        batch = order[begin : begin + 32]
        out[batch] = encoder().encode([texts[index] for index in batch])
    return out


class Embedded:
    """Every case's units and whole text, embedded once."""

    def __init__(self, cases: list[Case]):
        self.cases = cases
        unit_texts, self.owner = [], []
        for number, case in enumerate(cases):
            for begin, end in unit_spans(case.text):
                unit_texts.append(case.text[begin:end])
                self.owner.append(number)
        self.owner = np.array(self.owner)
        self.units = embed(unit_texts)
        self.whole = embed([case.text for case in cases])


def fit_logistic(x: np.ndarray, y: np.ndarray, weight: np.ndarray) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method (385 unknowns: exact and quick)."""
    design = np.hstack([x, np.ones((len(x), 1), dtype=np.float32)]).astype(np.float64)
    theta = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], L2)
    penalty[-1] = 0.0
    for _ in range(25):
        p = 1 / (1 + np.exp(-(design @ theta)))
        gradient = design.T @ (weight * (p - y)) + penalty * theta
        hessian = (design * (weight * p * (1 - p))[:, None]).T @ design + np.diag(penalty + 1e-6)
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.abs(step).max() < 1e-6:
            break
    return theta[:-1].astype(np.float32), float(theta[-1])


@dataclass
class KindModel:
    """One kind's scorer: a logistic regression and the nearest-neighbour margin (closeness to the
    kind's examples less closeness to the sentences of other messages), each standardised on the
    training negatives so they add up on one scale."""

    weights: np.ndarray
    bias: float
    positives: np.ndarray  # unit embeddings of the kind's examples
    negatives: np.ndarray  # indices into Embedded.units
    scale: tuple[float, float, float, float] = (0.0, 1.0, 0.0, 1.0)

    def unit_scores(self, data: "Embedded") -> np.ndarray:
        logit = data.units @ self.weights + self.bias
        margin = neighbour_margin(data.units, self.positives, data.units[self.negatives])
        lr_mean, lr_sd, nn_mean, nn_sd = self.scale
        return (logit - lr_mean) / lr_sd + (margin - nn_mean) / nn_sd


def train_kind(data: Embedded, kind, cases_in: np.ndarray) -> KindModel:
    positive_cases = [n for n in cases_in if kind in data.cases[n].expect]
    negative_units = np.flatnonzero(
        np.isin(data.owner, [n for n in cases_in if kind not in data.cases[n].expect])
    )
    chosen: dict[int, set[int]] = {n: set() for n in positive_cases}
    weights, bias = np.zeros(384, dtype=np.float32), 0.0
    for round_number in range(MIL_ROUNDS + 1):
        if round_number:
            for n in positive_cases:
                own = np.flatnonzero(data.owner == n)
                chosen[n].add(int(own[np.argmax(data.units[own] @ weights)]))
        positives = np.vstack(
            [data.whole[positive_cases]] + [data.units[sorted(units)] for units in chosen.values() if units]
        )
        x = np.vstack([positives, data.units[negative_units]])
        y = np.concatenate([np.ones(len(positives)), np.zeros(len(negative_units))])
        # Balance the classes: as many positive as negative weight in all.
        weight = np.where(y == 1, len(negative_units) / max(len(positives), 1), 1.0)
        weights, bias = fit_logistic(x, y, weight)
    model = KindModel(weights, bias, positives, negative_units)
    # Standardise each part on a sample of the negatives, leaving each out of its own neighbours.
    sample = negative_units[::3]
    logit = data.units[sample] @ weights + bias
    others = np.setdiff1d(negative_units, sample)
    margin = neighbour_margin(data.units[sample], positives, data.units[others])
    model.scale = (float(logit.mean()), float(logit.std()), float(margin.mean()), float(margin.std()))
    return model


class Lexical:
    """Every case's lexical vector (a sparse matrix), with the idf of the development part."""

    def __init__(self, cases: list[Case]):
        from scipy.sparse import csr_matrix

        frequency = np.zeros(lexical.DIMENSIONS)
        for case in cases:
            for part in lexical.counts(case.text):
                frequency[list(part)] += 1
        self.idf = (np.log((1 + len(cases)) / (1 + frequency)) + 1).astype(np.float32)
        rows = [lexical.vector(case.text, self.idf) for case in cases]
        self.matrix = csr_matrix(
            (
                np.concatenate([values for _, values in rows]),
                np.concatenate([indices for indices, _ in rows]),
                np.cumsum([0] + [len(indices) for indices, _ in rows]),
            ),
            shape=(len(cases), lexical.DIMENSIONS),
        )


@dataclass
class LexicalModel:
    weights: np.ndarray
    bias: float
    scale: tuple[float, float]

    def scores(self, words: Lexical, cases: np.ndarray) -> np.ndarray:
        return (words.matrix[cases] @ self.weights + self.bias - self.scale[0]) / self.scale[1]


def train_lexical(words: Lexical, positive: np.ndarray, cases_in: np.ndarray) -> LexicalModel:
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=LEXICAL_C, class_weight="balanced", max_iter=5000)
    fitted.fit(words.matrix[cases_in], positive[cases_in])
    weights, bias = fitted.coef_[0].astype(np.float32), float(fitted.intercept_[0])
    negatives = cases_in[~positive[cases_in]]
    logits = words.matrix[negatives] @ weights + bias
    return LexicalModel(weights, bias, (float(logits.mean()), float(logits.std())))


def case_scores(data: Embedded, model: KindModel, cases: np.ndarray) -> np.ndarray:
    """Each case's highest unit score."""
    scores = model.unit_scores(data)
    return np.array([scores[data.owner == n].max() if (data.owner == n).any() else -np.inf for n in cases])


def choose_threshold(scores: np.ndarray, clean: np.ndarray, budget: float) -> float:
    """The lowest threshold that flags at most `budget` of clean messages."""
    clean_scores = np.sort(scores[clean])[::-1]
    allowed = int(np.floor(budget * len(clean_scores)))
    return float(clean_scores[allowed] + 1e-3) if allowed < len(clean_scores) else float(clean_scores[-1])


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    cases = load_corpus(corpus)
    data = Embedded(cases)
    words = Lexical(cases)
    everything = np.arange(len(cases))
    folds = everything % FOLDS
    clean = np.array([not case.expect for case in cases])
    models, lexical_models, thresholds = [], [], []
    fold_models: list[list[tuple[KindModel, LexicalModel]]] = [[] for _ in range(FOLDS)]
    for kind in SEMANTIC_KINDS:
        positive = np.array([kind in case.expect for case in cases])
        out_of_fold = np.zeros(len(cases))
        for fold in range(FOLDS):
            held, rest = everything[folds == fold], everything[folds != fold]
            fold_models[fold].append((train_kind(data, kind, rest), train_lexical(words, positive, rest)))
            embedded, lexical_model = fold_models[fold][-1]
            out_of_fold[held] = case_scores(data, embedded, held) + lexical_model.scores(words, held)
        budget = FALSE_POSITIVE_BUDGET.get(kind.value, DEFAULT_FALSE_POSITIVE_BUDGET)
        threshold = choose_threshold(out_of_fold, clean, budget)
        models.append(train_kind(data, kind, everything))
        lexical_models.append(train_lexical(words, positive, everything))
        thresholds.append(threshold)
        recall = (out_of_fold[positive] >= threshold).mean()
        flagged = (out_of_fold[clean] >= threshold).mean()
        print(
            f"{kind.value:<20} {positive.sum():>4} positive  threshold {threshold:6.2f}"
            f"  cross-validated recall {recall:.1%}  clean flagged {flagged:.1%}"
        )
    figures = cross_validate(cases, data, words, fold_models, thresholds, folds)
    save(
        MODEL_PATH,
        models,
        lexical_models,
        words,
        thresholds,
        data,
        corpus_sha256=hashlib.sha256(corpus.read_bytes()).hexdigest(),
        cross_validated=figures,
    )


def cross_validate(cases, data, words, fold_models, thresholds, folds) -> str:
    """The whole screening (patterns and learned layer) on each fifth of the development part, with
    the learned layer trained on the other four fifths: the development figure that is not a
    training figure. Returned as JSON for the report (bench/screening_report.py)."""
    import json
    import tempfile

    from bench.screening_report import Score, score
    from recognition.screening import semantic

    merged = Score(cases)
    with tempfile.TemporaryDirectory() as folder:
        for fold, pairs in enumerate(fold_models):
            path = Path(folder) / f"fold{fold}.npz"
            save(path, [m for m, _ in pairs], [m for _, m in pairs], words, thresholds, data, "", "")
            semantic.MODEL_PATH = path
            semantic.model.cache_clear()
            semantic.unit_scores.cache_clear()
            result = score([case for number, case in enumerate(cases) if folds[number] == fold])
            merged.hits.update(result.hits)
            merged.misses += result.misses
            merged.extras += result.extras
    semantic.MODEL_PATH = MODEL_PATH
    semantic.model.cache_clear()
    semantic.unit_scores.cache_clear()
    missed = {case.line for case, _ in merged.misses}
    risky = [case for case in cases if case.expect]
    figures = {
        "messages": len(cases),
        "clean": len(merged.clean),
        "risky": len(risky),
        "caught": sum(case.line not in missed for case in risky),
        "clean_flagged": len({case.line for case in merged.clean_flagged()}),
        "kinds": {
            kind.value: {
                "expected": merged.expected(kind),
                "caught": merged.hits[kind],
                "clean_flagged": len({case.line for case in merged.clean_flagged(kind)}),
            }
            for kind in merged.hits.keys() | {kind for case in cases for kind in case.expect}
        },
    }
    print(
        f"whole screening, cross-validated: {figures['caught']} of {figures['risky']} risky messages caught,"
        f" {figures['clean_flagged']} of {figures['clean']} clean flagged"
    )
    return json.dumps(figures, sort_keys=True)


def save(
    path: Path,
    models: list[KindModel],
    lexical_models: list[LexicalModel],
    words: Lexical,
    thresholds: list[float],
    data: Embedded,
    corpus_sha256: str,
    cross_validated: str,
) -> None:
    """Everything the run time needs: per kind the regression, the standardisation and the
    threshold, the kind's example sentences, and which of the corpus's sentences are its negatives
    (all the sentences are stored once)."""
    positive_rows = [len(model.positives) for model in models]
    negative_masks = np.zeros((len(models), len(data.units)), dtype=bool)
    for row, model in enumerate(models):
        negative_masks[row, model.negatives] = True
    path.parent.mkdir(exist_ok=True)
    np.savez_compressed(
        path,
        kinds=np.array([str(kind) for kind in SEMANTIC_KINDS]),
        weights=np.vstack([model.weights for model in models]).astype(np.float32),
        bias=np.array([model.bias for model in models], dtype=np.float32),
        scale=np.array([model.scale for model in models], dtype=np.float32),
        thresholds=np.array(thresholds, dtype=np.float32),
        positives=np.vstack([model.positives for model in models]).astype(np.float16),
        positive_rows=np.array(positive_rows),
        sentences=data.units.astype(np.float16),
        negative_masks=np.packbits(negative_masks, axis=1),
        lexical_idf=words.idf.astype(np.float16),
        lexical_weights=np.column_stack([model.weights for model in lexical_models]).astype(np.float16),
        lexical_bias=np.array([model.bias for model in lexical_models], dtype=np.float32),
        lexical_scale=np.array([model.scale for model in lexical_models], dtype=np.float32),
        corpus_sha256=np.array(corpus_sha256),
        cross_validated=np.array(cross_validated),
    )
    if path == MODEL_PATH:
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
