"""Crime and incident references: "crime ref 41/12345/21", "incident 123 of 15/03", "CAD 1234",
"log number 0456", "URN 12AB3456789", an Action Fraud "NFRC…" number."""

import re
from collections.abc import Iterator

_REF_WORD = (
    r"crime|incident|log|occurrence|cad|case|ref(?:erence)?|urn|(?:job|report|call)(?=\s(?:number|no|ref))"
)
_REFERENCE = re.compile(
    rf"""(?=[cilorujr])\b(?:{_REF_WORD})\b
    (?:\s?(?:ref(?:erence)?|number|no|num|id|is|was|of)\b\.?\s?[:#]?)*\s?[:#]?\s?
    (?P<ref>[a-z]{{0,4}}[-/]?\d[\da-z/-]{{2,}})
    (?P<date>\s+of\s+\d{{1,2}}(?:/\d{{1,2}}(?:/\d{{2,4}})?|(?:st|nd|rd|th)?(?:\s[a-z]+)?))?""",
    re.I | re.X,
)
_REFERENCE_SHAPED = re.compile(
    r"\b(?:\d{1,4}/\d{3,8}/\d{2,4}|[A-Z]{2,4}[/-]\d{3,}[/-]\d{2,4}|NFRC\d{6,})\b", re.I
)
_NOT_A_REFERENCE = re.compile(r"999|101|111|112|(?:19|20)\d\d")


def find_references(text: str) -> Iterator[tuple[int, int]]:
    yield from (match.span() for match in _REFERENCE_SHAPED.finditer(text))
    for match in _REFERENCE.finditer(text):
        ref = match.group("ref").rstrip("/-")
        if _NOT_A_REFERENCE.fullmatch(ref):
            continue
        yield match.start("ref"), match.end("date") if match.group("date") else match.start("ref") + len(ref)
