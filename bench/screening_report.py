"""The screening corpus report: per-kind recall, false positives on clean messages, precision,
every miss, and timing. Run from the project root: .venv/bin/python bench/screening_report.py

The corpus (tests/recognition/screening_corpus.jsonl) has one JSON object per line: "text", and
"expect", the kinds that must be flagged (empty for a clean thank-you that must not be), with
optional "recent" (recent texts) and "protected_names" (the force's list).
"""

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.screening import benchmark, print_figures  # noqa: E402
from recognition.screening import FlagKind, screen_message  # noqa: E402

CORPUS = ROOT / "tests" / "recognition" / "screening_corpus.jsonl"
PERSONAL_DATA_KINDS = frozenset(
    {
        FlagKind.PHONE,
        FlagKind.EMAIL,
        FlagKind.POSTCODE,
        FlagKind.ADDRESS,
        FlagKind.VEHICLE_REGISTRATION,
        FlagKind.REFERENCE_NUMBER,
        FlagKind.LINK,
        FlagKind.PROTECTED_NAME,
    }
)


@dataclass(frozen=True)
class Case:
    line: int
    text: str
    expect: frozenset[FlagKind]
    recent: tuple[str, ...] = ()
    protected_names: tuple[str, ...] = ()


@dataclass
class Score:
    """Counts of messages, per kind: expected and flagged (hit), expected and not (missed), flagged
    but not expected (extra); clean messages flagged per kind."""

    cases: list[Case]
    hits: Counter = field(default_factory=Counter)
    misses: list[tuple[Case, FlagKind]] = field(default_factory=list)
    extras: list[tuple[Case, FlagKind]] = field(default_factory=list)

    @property
    def clean(self) -> list[Case]:
        return [case for case in self.cases if not case.expect]

    def expected(self, kind: FlagKind) -> int:
        return sum(kind in case.expect for case in self.cases)

    def recall(self, kind: FlagKind) -> float | None:
        expected = self.expected(kind)
        return self.hits[kind] / expected if expected else None

    def precision(self, kind: FlagKind) -> float | None:
        flagged = self.hits[kind] + sum(extra == kind for _, extra in self.extras)
        return self.hits[kind] / flagged if flagged else None

    def clean_flagged(self, kind: FlagKind | None = None) -> list[Case]:
        return [case for case, extra in self.extras if not case.expect and kind in (None, extra)]

    def false_positive_rate(self, kind: FlagKind | None = None) -> float:
        """The share of clean messages flagged (with `kind`, or with anything)."""
        flagged = {case.line for case in self.clean_flagged(kind)}
        return len(flagged) / len(self.clean) if self.clean else 0.0


def load_corpus(path: Path = CORPUS) -> list[Case]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            data = json.loads(line)
            cases.append(
                Case(
                    line=number,
                    text=data["text"],
                    expect=frozenset(FlagKind(kind) for kind in data["expect"]),
                    recent=tuple(data.get("recent", ())),
                    protected_names=tuple(data.get("protected_names", ())),
                )
            )
    return cases


def score(cases: list[Case]) -> Score:
    result = Score(cases)
    for case in cases:
        flags = screen_message(case.text, recent_texts=case.recent, protected_names=case.protected_names)
        flagged = {flag.kind for flag in flags}
        for kind in case.expect:
            if kind in flagged:
                result.hits[kind] += 1
            else:
                result.misses.append((case, kind))
        result.extras += [(case, kind) for kind in sorted(flagged - case.expect)]
    return result


def _percent(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.0%}"


def print_report(result: Score) -> None:
    clean = len(result.clean)
    risky = len(result.cases) - clean
    print(f"Screening corpus: {len(result.cases)} messages, {clean} clean, {risky} risky")
    print(
        "The corpus was written alongside the patterns: new wordings score lower, complaint,\n"
        "crime_report and safeguarding most of all (they are phrase heuristics).\n"
    )
    print(f"{'kind':<22}{'expected':>9}{'recall':>8}{'precision':>11}{'clean flagged':>15}")
    for kind in FlagKind:
        flagged_clean = len({case.line for case in result.clean_flagged(kind)})
        rate = result.false_positive_rate(kind)
        print(
            f"{kind.value:<22}{result.expected(kind):>9}{_percent(result.recall(kind)):>8}"
            f"{_percent(result.precision(kind)):>11}{flagged_clean:>6} ({rate:.1%})"
        )
    personal = [case_kind for case_kind in result.misses if case_kind[1] in PERSONAL_DATA_KINDS]
    expected_personal = sum(result.expected(kind) for kind in PERSONAL_DATA_KINDS)
    print(f"\npersonal-data recall: {1 - len(personal) / expected_personal:.1%} of {expected_personal}")
    print(f"clean messages flagged with anything: {result.false_positive_rate():.1%} of {clean}")
    _print_cases("Missed (expected, not flagged)", result.misses)
    _print_cases("Flagged but not expected", result.extras)


def _print_cases(title: str, cases: list[tuple[Case, FlagKind]]) -> None:
    print(f"\n{title}: {len(cases)}")
    for case, kind in cases:
        print(f"  line {case.line:>3} {kind.value:<20} {case.text[:90]!r}")


def main() -> None:
    print_report(score(load_corpus()))
    figures = benchmark()
    print()
    print_figures(figures)


if __name__ == "__main__":
    main()
