"""How long screening takes: a 1,000-character message against 200 recent texts and 50 protected
names. Run from the project root: .venv/bin/python bench/screening.py

Two sets of recent texts: "typical", thank-yous of the corpus's own lengths with one in five long,
and "worst case", 200 texts of 1,000 characters, so none is skipped on length. Times are CPU time
per message (wall-clock time is at the mercy of whatever else the machine runs)."""

import json
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from recognition.screening import screen_message  # noqa: E402

CORPUS = ROOT / "tests" / "recognition" / "screening_corpus.jsonl"
MESSAGE_LENGTH = 1000
RECENT_TEXTS = 200
PROTECTED_NAMES = 50
MESSAGES = 50
ROUNDS = 5


def _clean_texts() -> list[str]:
    lines = (json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip())
    return [line["text"] for line in lines if not line["expect"]]


def _long_text(rng: random.Random, sentences: list[str], length: int) -> str:
    text = ""
    while len(text) < length:
        text += rng.choice(sentences) + " "
    return text[:length].strip()


def workloads(seed: int = 1) -> dict[str, tuple[list[str], list[str], list[str]]]:
    """Per workload: the messages to screen, the recent texts, the protected names."""
    rng = random.Random(seed)  # noqa: S311 (repeatable test data, not secrets)
    clean = _clean_texts()
    sentences = [sentence for text in clean for sentence in re.split(r"(?<=[.!?])\s+", text) if sentence]
    messages = [_long_text(rng, sentences, MESSAGE_LENGTH) for _ in range(MESSAGES)]
    typical = [
        _long_text(rng, sentences, rng.randint(300, 1000)) if rng.random() < 0.2 else rng.choice(clean)
        for _ in range(RECENT_TEXTS)
    ]
    worst = [_long_text(rng, sentences, MESSAGE_LENGTH) for _ in range(RECENT_TEXTS)]
    names = [f"PC {rng.randint(1000, 9999)}" for _ in range(PROTECTED_NAMES // 2)]
    first, last = ("Alex", "Sam", "Jo", "Priya", "Kerry"), ("Mercer", "Blake", "Hale", "Walsh")
    names += [f"{rng.choice(first)} {rng.choice(last)}{i}" for i in range(PROTECTED_NAMES - len(names))]
    return {"typical": (messages, typical, names), "worst case": (messages, worst, names)}


def _cpu_ms(text: str, recent: list[str], names: list[str]) -> float:
    started = time.process_time()
    screen_message(text, recent_texts=recent, protected_names=names)
    return (time.process_time() - started) * 1000


def benchmark() -> dict[str, float]:
    """Milliseconds of CPU per message: the first call in the process (word lists and patterns
    built, every recent text fingerprinted), then the median, 95th percentile and worst of the
    calls after it, per workload. Each workload's first call fingerprints its recent texts."""
    loads = workloads()
    messages, recent, names = loads["typical"]
    figures = {"first call (cold)": _cpu_ms(messages[0], recent, names)}
    for name, (messages, recent, names) in loads.items():
        figures[f"{name}: first call"] = _cpu_ms(messages[-1] + " ", recent, names)
        timings = sorted(_cpu_ms(text, recent, names) for _ in range(ROUNDS) for text in messages)
        figures[f"{name}: median"] = statistics.median(timings)
        figures[f"{name}: 95th percentile"] = timings[int(len(timings) * 0.95)]
        figures[f"{name}: worst"] = timings[-1]
    return figures


def print_figures(figures: dict[str, float]) -> None:
    print(
        f"screen_message on a {MESSAGE_LENGTH}-character message, {RECENT_TEXTS} recent texts, "
        f"{PROTECTED_NAMES} protected names (CPU ms per message):"
    )
    for name, value in figures.items():
        print(f"  {name:<28} {value:6.2f}")


if __name__ == "__main__":
    print_figures(benchmark())
