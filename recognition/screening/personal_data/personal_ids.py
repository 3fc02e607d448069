"""National Insurance numbers (QQ 12 34 56 C) and dates of birth ("DOB 03/04/1961", "born on 3rd
April 1961"). A date alone is the date of an event ("on 03/04 you came"), so a date counts only after
words that say it is a birth date."""

import re
from collections.abc import Iterator

# Two letters, six digits in pairs, a letter A-D. The first letter is never D, F, I, Q, U or V and
# the second never D, F, I, O, Q, U or V, except in HMRC's own example, QQ 12 34 56 C.
_NI_NUMBER = re.compile(
    r"\b(?:[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]|QQ)[\s-]?\d\d[\s-]?\d\d[\s-]?\d\d[\s-]?[A-D]\b"
)
# After "NI number" or "National Insurance", lower case and a missing last letter are read too.
_NI_NUMBER_SAID = re.compile(
    r"(?=n)\b(?:n\.?i\.?|national\sinsurance|nino)(?:\s?(?:no\.?|number|num|is|was|[:#-]))*\s?"
    r"(?P<number>[a-z]{2}[\s-]?\d\d[\s-]?\d\d[\s-]?\d\d(?:[\s-]?[a-d])?)\b",
    re.I,
)

# In English, then in Welsh; an abbreviation may take a full stop ("3 Apr. 1961").
_MONTHS = (
    r"(?:(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|ionawr|chwefror|mawrth|ebrill|mai|mehefin|gorffennaf|awst|medi|hydref|tachwedd|rhagfyr)\b"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?)"
)
_DATE = (
    rf"\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d\d)\b|(?:19|20)\d\d-\d\d-\d\d\b"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s(?:of\s)?{_MONTHS}(?:,?\s(?:19|20)?\d\d\b)?"
    rf"|{_MONTHS}\s(?:the\s)?\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s(?:19|20)?\d\d\b)?"
    rf"|{_MONTHS}\s(?:19|20)\d\d\b"
)
_DATE_OF_BIRTH = re.compile(
    rf"""(?=[db])\b(?:d\.?\s?o\.?\s?b\b\.?|date\sof\sbirth|birth\s?date|born|birthday\s(?:is|was)|b\.)
    (?:\s?(?:is|was|on|in|[:=-]))*\s?(?:the\s)?(?P<date>{_DATE})""",
    re.I | re.X,
)


def find_personal_ids(text: str) -> Iterator[tuple[int, int]]:
    yield from (match.span() for match in _NI_NUMBER.finditer(text))
    yield from (match.span("number") for match in _NI_NUMBER_SAID.finditer(text))
    yield from (match.span("date") for match in _DATE_OF_BIRTH.finditer(text))
