"""Vehicle registrations: current (AB12 CDE), prefix (A123 BCD) and suffix (ABC 123D) plates,
also written AB12-CDE, AB-12-CDE or one character per space; Northern Ireland plates (ABZ 1234);
and dateless plates (ABC 123, 1 ABC), which are ordinary letters and numbers unless a vehicle is
being talked about."""

import re
from collections.abc import Iterator

_LETTER = "A-HJ-PR-Z"  # registrations never use I or Q
_REG_FORMATS = (
    rf"[{_LETTER}]{{2}}(?P<gap>-?|\s)(?:0[2-9]|[1-46-9]\d|5[1-9])[\s-]?(?P<current>[{_LETTER}]{{3}})",
    rf"[A-HJ-NPR-Y]\d{{1,3}}[\s-]?(?P<prefix>[{_LETTER}]{{3}})",  # A123 BCD
    rf"(?P<suffix>[{_LETTER}]{{3}})[\s-]?\d{{1,3}}[A-HJ-NPR-Y]",  # ABC 123D
)
_REGISTRATION = re.compile(r"\b(?:" + "|".join(_REG_FORMATS) + r")\b")
# Three capitals that are words, in a message written in capitals: "ON THE A1 AND M25".
_COMMON_THREE_LETTERS = frozenset(
    "AND THE FOR YOU ARE WAS HER HIS BUT NOT ALL OUR ONE TWO SIX TEN NEW OLD HAD HAS OFF OUT DAY"
    " AGO WHO WHY HOW NOW YES GOT GET SAW WAY CAR VAN BUS TOO NHS ARV RTC CID PCS SGT AMP HRS MPH"
    " JCT MET DOG MUM DAD SON MAY JAN FEB MAR APR JUN JUL AUG SEP OCT NOV DEC MON TUE WED THU FRI"
    " SAT SUN".split()
)
_COMMON_TWO_LETTERS = frozenset(
    "AM AN AS AT BE BY DO GO HE IF IN IS IT ME MY NO OF OK ON OR SO TO UP US WE PC DC PS DS PM".split()
)


def _plate_is_words(match: re.Match) -> bool:
    """A plate-shaped run of capitals that reads as words: "ON THE A1", "WE 12 NEW"."""
    letters = match.group("current") or match.group("prefix") or match.group("suffix")
    spaced = " " in match.group()
    if match.group("gap") == " " and match.group()[:2] in _COMMON_TWO_LETTERS:
        return True
    return spaced and letters in _COMMON_THREE_LETTERS


# One character per space or dash: "A B 1 2 C D E", "A-B-1-2-C-D-E".
_SPACED_OUT = re.compile(r"\b(?:[A-Z0-9][ -]){4,7}[A-Z0-9]\b")
_PLATE = re.compile("|".join(_REG_FORMATS))


def _spaced_out(text: str) -> Iterator[tuple[int, int]]:
    for match in _SPACED_OUT.finditer(text):
        if _PLATE.fullmatch(re.sub(r"[ -]", "", match.group())):
            yield match.span()


# Northern Ireland: three letters, the last two a county code with an I or a Z, then up to four
# digits. Capitals only, so "biz 2" is no plate; a two-letter one counts after "reg" (_REG_CONTEXT).
_NI_CODES = (
    "AZ BZ CZ DZ EZ FZ GZ HZ IA IB IG IJ IL IW JI JZ KZ LZ MZ NZ OI OZ PZ RZ SZ TZ UI UZ VZ WZ XI XZ YZ"
)
_NORTHERN_IRISH = re.compile(rf"\b(?!DUI|GUI)[A-Z](?:{'|'.join(_NI_CODES.split())})[\s-]?\d{{1,4}}\b")

_REG_CONTEXT = re.compile(
    r"(?=[rnpv])\b(?:reg(?:istration)?|number\s?plates?|plates?|vrm)\b"
    r"(?:\s?(?:no\.?|number|was|is|of|(?:starts?|starting|begins?|beginning)(?:\swith)?|[:#-]))*\s?"
    r"(?P<reg>[a-z]{2}\d{2}[\s-]?(?!(?:and|the|but|was|for|you|not|had|has|his|her|our|are|who)\b)[a-z]{3}"
    r"|[a-z]\d{1,3}\s?[a-z]{3}|[a-z]{3}\s?\d{1,3}[a-z]"
    r"|[a-z]{1,3}\s?\d{1,4}|\d{1,4}\s?[a-z]{1,3})\b",
    re.I,
)
# Dateless plates are only plates near a vehicle: "a silver Golf, ABC 123", "the van (1 ABC)".
# Two letters and a number run together are more often an outward postcode ("CF14") than a plate.
_DATELESS = re.compile(r"\b(?:[A-Z]{3}[\s-]?\d{1,4}|[A-Z]{2}[\s-]\d{1,4}|\d{1,4}[\s-]?[A-Z]{2,3})\b")
_VEHICLE_WORDS = frozenset(
    "car cars van vans lorry lorries truck hgv motorbike motorcycle moped scooter taxi cab vehicle 4x4"
    " suv jeep pickup pick-up minibus camper campervan motorhome hatchback saloon convertible reg"
    " registration plate plates drove driving driver parked".split()
)
# Makes and models, capitalised, so "the golf course" and "your focus" are no cars.
_VEHICLE_NAMES = frozenset(
    "Golf Polo Corsa Astra Fiesta Focus Mondeo Transit Kuga Qashqai Juke Micra Clio Megane Yaris Prius"
    " Corolla Aygo Civic Jazz Octavia Fabia Ibiza Leon Punto Mini Rover Discovery Defender Evoque BMW"
    " Audi Mercedes Merc Vauxhall Ford Toyota Nissan Kia Hyundai Honda Peugeot Renault Citroen Citroën"
    " Fiat Skoda Volvo Tesla Jaguar Lexus Mazda Suzuki Volkswagen VW Sprinter Vito Berlingo Caddy"
    " Sportage Picanto Tucson Zafira Insignia Porsche Subaru Dacia Sandero Duster Smart".split()
)
_WORD = re.compile(r"[^\W\d_][\w-]*|4x4")


def _near_a_vehicle(text: str, start: int, end: int) -> bool:
    for window in ((max(0, start - 60), start), (end, end + 40)):
        for word in _WORD.findall(text, *window):
            if word in _VEHICLE_NAMES or word.lower() in _VEHICLE_WORDS:
                return True
    return False


# Ranks, references, units and times that take a number: "PC 1234", "CAD 1234", "10 PM", "3 ARV".
_NOT_DATELESS = (
    frozenset(
        "PC DC PS DS DI SC DCI DSU DCS DCC ACC SGT INSP PCSO CAD URN REF NO NR CID ARV RTC MPH KPH JCT HRS"
        " AM PM UK GB NI NHS ID OK TV MP CCTV ANPR DVLA MOT KM MI CC BHP HP RPU ATC EST MK"
        " BMW VW MG GTI TDI AMG SUV HGV LGV AA RAC EV LPG GPS BMX ATV RS ST GT SE XR".split()
    )
    | _COMMON_THREE_LETTERS
    | _COMMON_TWO_LETTERS
)


_CAPITAL = re.compile("[A-Z]")
_LETTERS = re.compile("[A-Za-z]")


def _mostly_capitals(text: str) -> bool:
    letters = len(_LETTERS.findall(text))
    return letters > 20 and len(_CAPITAL.findall(text)) > 0.6 * letters


def _dateless(text: str) -> Iterator[tuple[int, int]]:
    candidates = [
        match.span()
        for match in _DATELESS.finditer(text)
        if re.sub(r"[\d\s-]", "", match.group()) not in _NOT_DATELESS
    ]
    # In a message written in capitals every "HIT 3" is plate-shaped; there only the words
    # "reg" or "plate" before it (_REG_CONTEXT) make a dateless plate.
    if not candidates or _mostly_capitals(text):
        return
    yield from (span for span in candidates if _near_a_vehicle(text, *span))


def find_registrations(text: str) -> Iterator[tuple[int, int]]:
    for match in _REGISTRATION.finditer(text):
        if not _plate_is_words(match):
            yield match.span()
    yield from _spaced_out(text)
    yield from (match.span() for match in _NORTHERN_IRISH.finditer(text))
    yield from (match.span("reg") for match in _REG_CONTEXT.finditer(text))
    yield from _dateless(text)
