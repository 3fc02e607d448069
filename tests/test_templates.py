"""Every word a template shows the public goes through translation, so Welsh adds text, not code."""

import re
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
TEMPLATES = sorted(
    path
    for pattern in ("templates/**/*.html", "*/templates/**/*.html")
    for path in PROJECT_DIR.glob(pattern)
    if "node_modules" not in path.parts and ".venv" not in path.parts
)
TRANSLATED_BLOCKS = re.compile(
    r"{%\s*(blocktranslate|blocktrans|comment)\b.*?{%\s*end(blocktranslate|blocktrans|comment)\s*%}", re.S
)
TAGS = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.S)
RAW_ELEMENTS = re.compile(r"<(script|style|svg)\b.*?</\1>", re.S | re.I)
HTML_TAGS = re.compile(r"<!--.*?-->|<[^>]+>", re.S)
ENTITIES = re.compile(r"&[a-z]+;|&#\d+;")
HUMAN_ATTRIBUTES = re.compile(r'\b(alt|title|placeholder|aria-label|aria-description)="([^"]*)"')


def _untranslated_text(source: str) -> str:
    text = TRANSLATED_BLOCKS.sub(" ", source)
    text = TAGS.sub(" ", text)
    text = RAW_ELEMENTS.sub(" ", text)
    text = HTML_TAGS.sub(" ", text)
    return ENTITIES.sub(" ", text).strip()


def test_there_are_templates_to_check():
    assert len(TEMPLATES) >= 5


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(PROJECT_DIR)))
def test_template_text_is_marked_for_translation(template):
    source = template.read_text()

    leftover = _untranslated_text(source)
    assert not re.search(r"[A-Za-z]{2,}", leftover), f"untranslated text: {leftover[:200]!r}"
    for attribute, value in HUMAN_ATTRIBUTES.findall(TRANSLATED_BLOCKS.sub(" ", source)):
        assert not value or "{%" in value or "{{" in value, f'untranslated {attribute}="{value}"'
