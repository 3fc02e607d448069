"""How long screening takes: a 1,000-character message against 200 recent texts and 50 protected
names. Run from the project root: .venv/bin/python bench/screening.py

Two sets of recent texts: "typical", thank-yous of the corpus's own lengths with one in five long,
and "worst case", 200 texts of 1,000 characters, so none is skipped on length. Times are wall-clock
per message: the semantic layer's matrix products use both cores, so CPU time would count them
twice. The target is 50 ms per 1,000-character message, and under 2 s to load in a fresh process."""

import json
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from recognition.screening import screen_message  # noqa: E402
from recognition.screening.semantic import unit_scores  # noqa: E402

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


def _wall_ms(text: str, recent: list[str], names: list[str]) -> float:
    # The same text is screened in every round: the semantic layer must read it afresh each time.
    unit_scores.cache_clear()
    started = time.perf_counter()
    screen_message(text, recent_texts=recent, protected_names=names)
    return (time.perf_counter() - started) * 1000


_COLD_START = (
    "import time; started = time.perf_counter(); from recognition.screening import screen_message; "
    "screen_message('Thank you for everything. I will not be around much longer.'); "
    "print((time.perf_counter() - started) * 1000)"
)


def cold_start_ms() -> float:
    """Import, load the model and screen one message, in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", _COLD_START], cwd=ROOT, check=True, capture_output=True, text=True
    )
    return float(result.stdout.strip())


def benchmark() -> dict[str, float]:
    """Milliseconds per message: a fresh process's import, model load and first message; the first
    call in this process (word lists, patterns and model built, every recent text fingerprinted);
    then the median, 95th percentile and worst of the calls after it, per workload. Each workload's
    first call fingerprints its recent texts."""
    loads = workloads()
    messages, recent, names = loads["typical"]
    figures = {"fresh process: load + first": cold_start_ms()}
    figures["first call (cold)"] = _wall_ms(messages[0], recent, names)
    for name, (messages, recent, names) in loads.items():
        figures[f"{name}: first call"] = _wall_ms(messages[-1] + " ", recent, names)
        timings = sorted(_wall_ms(text, recent, names) for _ in range(ROUNDS) for text in messages)
        figures[f"{name}: median"] = statistics.median(timings)
        figures[f"{name}: 95th percentile"] = timings[int(len(timings) * 0.95)]
        figures[f"{name}: worst"] = timings[-1]
    return figures


def print_figures(figures: dict[str, float]) -> None:
    print(
        f"screen_message on a {MESSAGE_LENGTH}-character message, {RECENT_TEXTS} recent texts, "
        f"{PROTECTED_NAMES} protected names (wall-clock ms per message):"
    )
    for name, value in figures.items():
        print(f"  {name:<28} {value:6.2f}")


if __name__ == "__main__":
    print_figures(benchmark())
