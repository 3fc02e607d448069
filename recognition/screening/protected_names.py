"""Names and collar numbers a force must never publish (officers in covert or protected roles).

A force's entry ("PC 1187 Daniel Hill", "DC Sarah Lindqvist", "2291") gives collar numbers, first
names and a surname; the rank in it is dropped. A message names that officer when it has:
- the collar number, as a token of its own ("1187", not in "11870", "£1187", "07700 1187", "1/1187")
  or after a rank, "officer", "collar", "number", "no." or "#": "PC 4 4 7 1", "#1187", "officer 3318";
  spaced digits standing alone only when they are exactly the number;
- the surname, alone or with a rank, or next to a first name ("Daniel Hill", "Hill, Daniel");
- a first name right after a rank ("Sgt Priya"), never alone, and not when a different capitalised
  surname follows ("Sgt Priya Natarajan" is someone else).
Any case; look-alike letters (`fold`); digits for letters ("H1ll", "5arah"); letters spaced out
("H I L L", "R.a.m.a.n"); one letter wrong in a name of five letters or more ("Lindkvist").
The flagged span takes in the rank, title or number cue when it is written.

Some surnames are everyday words ("hill", "rock", "will": COMMON_WORD_NAMES). Such a name counts
only when it reads as a name: after a rank ("pc hill", "officer rock", but not a verb after a
lower-case rank word: "the officer will ring"); next to the first name ("tom baker", but not two
everyday words in lower case: "will young people"); or capitalised. A misspelt name is held to the
same test, and never matches when the misspelling is itself a common word ("Welsh" for Walsh).
Capitals count mid-sentence, but not in ALL-CAPS or Title Case text, not after "the" or "a" ("the
Rock"), not before a place word ("Hill Street"), not on words always capitalised ("March"); at the
start of a sentence only when a verb, "from", "'s", a comma or the end follows ("Hill was great",
"Hill, thank you", a name field holding "Hill"; "Rock on" and "Will you" are no names). Names under
four letters ("Ng") need a rank or the first name.
"""

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .text import fold, original_span


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ABBREVIATED_RANKS = _words("pc dc ps ds sgt insp supt pcso sc wpc wdc di dci dsi ci cst det")
RANKS = _words(
    "officer constable sergeant inspector superintendent detective special policeman policewoman"
    " cwnstabl gwnstabl sarjant sarsiant rhingyll arolygydd uwcharolygydd ditectif swyddog heddwas"
)
# Only before a rank: "Ch Insp", "Prif Arolygydd", "Uwch-arolygydd", "A/Sgt".
RANK_MODIFIERS = _words("ch chief police woman acting temporary prif uwch")
TITLES = _words("mr mrs ms miss mx dr")
NUMBER_CUES = _words("collar badge shoulder warrant number no num nr id officers")
NAME_PARTICLES = _words("van von der den de da di du del della le la st mac mc ap ab bin al")

# Everyday words that are also surnames or first names: a name only when it reads as one.
COMMON_WORD_NAMES = _words(
    "ash bacon baker ball banks barber bark barker bass bay beach bean bear beard beck bell bells"
    " berry best bird birch bishop black blade bliss bloom bold bond bone booth bowler bowman box brand"
    " brass bread brewer brick bridge bridges bright brook brooks brown buck bull burn burns bush"
    " butcher butler cake camp cannon card carpenter carter case cash castle chance chapel chase cheek"
    " cherry child church clay cliff close coal coat cook cooper copper corn cotton cox crane cross"
    " crow crown dale dance dart dawn day days dean deer diamond dove down drake drew duck duke dyer"
    " east eagle earl edge english fair faith farmer fell field fields finch fish fisher flint flood"
    " flower flowers ford forest foster fowler fox frank free freeman french frost fry fuller gale"
    " game gates gay gill glass glover gold golden good goose grace grant gray green grey grove guest"
    " guy hale hall hand hands hardy hare harper hart hawk hay heart heath hedge hill hills holder"
    " holly home honey hood hook hope horn house hull hunt hunter ivy jack jay jewel joy judge keen"
    " key kidd king kite knight lake lamb land lane large law lawn lay leach light lime lock long"
    " lord love low lucky major march mark marks marsh marshall mason may meadow meadows merry mill"
    " miller mills miles mint moon moor moss nail nest new noble north nurse oak page palmer park"
    " parks parrot peace peacock pearl peck penny pepper pike pine plant plum pond pool pope port"
    " porter post potter pound power powers price pride prince proctor quick rain ray read reed rice"
    " rich ridge ring rivers roach robin rock rocks rook root rose rush rust sage salt sand sands"
    " savage sawyer seal sharp sheep shepherd shield shields ship short silk silver singer skinner"
    " slater small smart smith snow south spark sparks sparrow spear spears speed spring springs"
    " squire stable stamp star stark steel stone stones storey storm stout street strong summer"
    " summers swallow swan sweet swift tailor tanner temple thorn tower towers trout tucker turner"
    " vale vine wade wake walker wall walls ward warden ware warren wash waters wave way weaver well"
    " wells west wheeler white wild will winter winters wise wolf wood woods wool worth wren yard young"
    " mark rose hope joy grace faith may june april august dawn summer bill bob jack pat sue ray rob"
    " art frank drew sky holly ivy daisy poppy lily heather amber ruby crystal jade autumn robin penny"
    " sunny rusty hunter chase guy gene don dean miles sandy earl duke king rocky jay lee wade dale"
    " glen rod nick bobby carol eve iris olive violet willow river"
)
# Words written with a capital whatever they mean: a capital says nothing about them.
ALWAYS_CAPITALISED = _words(
    "english welsh scottish irish british french roman christian european american monday tuesday"
    " wednesday thursday friday saturday sunday january february march april may june july august"
    " september october november december christmas easter london cardiff wales england scotland"
    " britain god lord"
)
# Frequent words one letter from a common surname ("walked" for Walker): never a misspelt name.
COMMON_WORDS = _words(
    "about above across actually after again against alone along always among another answer anyone"
    " around asked away back backs bank banks barely became because become been before being believe"
    " better between board body book books both bring brought build called calls came care cared career"
    " careful carry cases cause change child class coach colder colour color come could course cover"
    " dance death does doing done down during each early either else enough even evening ever every"
    " eyes face fact fall falls family father feel fields fight final find fine fire first five floor"
    " food foods force forces form former forward found four free friend from front full games gave"
    " girl give given gives going gone good goods great greens group grow guard half handy happy hard"
    " harder hardly have head health hear heard heart help helped helps here high hold holder home"
    " homes hour house housed houses however huge human idea into itself just keep kept kind knew know"
    " large last late later lawyer layer least leave left less letter level life light like line lines"
    " list little live liver long look looked lose lost love lower made make makes maker many matter"
    " maybe mean media meet member middle might mind minute money month months more most mother move"
    " moves much must name names near need never next night none note nothing number offer often once"
    " only open opens order other over owns paper parent part parts party pass past peace people person"
    " piece place plan play point police power pretty price prices pride public pull quite rain range"
    " rather reach read ready real really reason right road role roles room rule safe said same school"
    " seem seen sell sells send sense sent service seven shall share short should show side since sing"
    " sister small smile smiles some sort sound speak speaks speed spend sport staff stand star stars"
    " start state stay still stood stop store story street strong such summer sure take taken taker"
    " talk talker teach team tell teller tells than thank thanks that their them then there these they"
    " thing think third this those though three through time today told tough toward towns turn turned"
    " turns under until upon used very wait waited waiter walk walked walker walks wall walls want wanted"
    " wants warm watch water waters week weight well wells went were what when where which while white"
    " whole whose wills with woman women word words work worked world would write year years young your"
)
# After a sentence-initial capital, these say the word is someone doing something: "Hill was great".
VERBS = _words(
    "was is has had did does will would could can should may might must just really always never also"
    " then came went got gave took made kept stayed helped saved found showed stood sat ran drove"
    " brought told said spoke knew went goes comes deserves deserve truly from"
)
# Names that are also verbs: after a lower-case "officer" they are the verb ("the officer will ring").
VERB_LIKE_NAMES = _words(
    "will may drew read hunt chase mark hope love rob bill pat cook rush lay wade sue grant dance fish"
    " ring post park wash lock bear hand stamp judge nail plant spring wake march fell"
)
PLACE_WORDS = _words(
    "road rd street st lane avenue ave drive close way park station hospital school estate centre center"
    " court square farm crescent place gardens terrace grove rise top end bridge church college academy"
    " primary surgery police hill common arcade modern gallery carnival market stadium arms inn hotel"
    " museum library theatre mall quay wharf marina green valley"
)
# The hyphenated pieces of a place's name: "Ashby-de-la-Zouch", "Stratford-upon-Avon".
PLACE_JOINS = _words("de la le on upon under in by super en sur")

_TOKEN = re.compile(r"[a-z0-9@$]+")
_RANK_THEN_DIGITS = re.compile(r"(pc|dc|ps|ds|sgt|pcso|sc|wpc|insp|supt|officer|no)(\d+)")
_SPACED_OUT = re.compile(r"[ .\-_*/\u00b7]{1,2}")  # between the letters of "H I L L", "R.a.m.a.n"
_RANK_GAP = re.compile(r"[ .:/\-]{0,3}")
_NAME_GAP = re.compile(r"[ \-_]{1,3}|\.")  # "Daniel Hill", "daniel.hill", not "Daniel. Hill"
_PIECE_GAP = re.compile(r"[ '’\-]{0,2}")
_DIGIT_GAP = re.compile(r"[ .\-]")
_LEET = str.maketrans("0345789@$", "oeastbgas")
_OPENING = " \"'([*“‘«"


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    forms: tuple[str, ...] = ()  # how its letters read ("h1ll" reads "hill"); empty for a number
    number: str = ""


@dataclass(frozen=True, slots=True)
class _Hit:
    entry: int
    surname: bool
    first: int  # tokens first..last
    last: int
    misspelt: bool
    name: str


@dataclass
class _Names:
    parts: dict[str, set[tuple[int, bool]]] = field(default_factory=lambda: defaultdict(set))
    # Names of five letters or more by their first two and by their last two letters: one letter
    # wrong leaves one end or the other as it was.
    ends: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    several_pieces: set[str] = field(default_factory=set)  # "obrien", "vanderberg"
    first_pieces: set[str] = field(default_factory=set)  # "o", "van"
    collars: set[str] = field(default_factory=set)

    def add(self, entry: int, pieces: list[str], *, surname: bool) -> None:
        name = "".join(pieces)
        self.parts[name].add((entry, surname))
        if len(pieces) > 1:
            self.several_pieces.add(name)
            self.first_pieces.add(pieces[0])
        if len(name) >= 5:
            self.ends[name[:2] + "-"].add(name)
            self.ends["-" + name[-2:]].add(name)

    def lookup(self, form: str) -> list[tuple[str, bool]]:
        """Names `form` reads as (exactly, or one letter out), each with whether it is misspelt."""
        found = [(form, False)] if form in self.parts else []
        if len(form) < 4:
            return found
        candidates = self.ends.get(form[:2] + "-", set()) | self.ends.get("-" + form[-2:], set())
        misspelt = [name for name in candidates if abs(len(name) - len(form)) <= 1 and _one_edit(form, name)]
        if misspelt and not _is_common(form) and form not in ALWAYS_CAPITALISED:
            found += [(name, True) for name in misspelt]
        return found


def _is_common(word: str) -> bool:
    return any(w in COMMON_WORDS or w in COMMON_WORD_NAMES for w in (word, word.removesuffix("s")))


def _one_edit(a: str, b: str) -> bool:
    """Whether one substitution, insertion, deletion or swap of neighbours turns `a` into `b`."""
    if len(a) > len(b):
        a, b = b, a
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i = diff[0] if len(diff) == 2 else 0
        return len(diff) == 2 and diff[1] == i + 1 and (a[i], a[i + 1]) == (b[i + 1], b[i])
    i = next((i for i in range(len(a)) if a[i] != b[i]), len(a))
    return len(b) == len(a) + 1 and a[i:] == b[i + 1 :]


def _is_rank_word(word: str) -> bool:
    return word in ABBREVIATED_RANKS or word in RANKS or word in RANK_MODIFIERS or word in TITLES


def _add_entry(names: _Names, entry: int, text: str) -> None:
    words: list[list[str]] = []
    for chunk in fold(text)[0].split():
        pieces = re.findall(r"[a-z]+|\d+", chunk)
        names.collars.update(piece for piece in pieces if piece.isdigit())
        letters = [piece for piece in pieces if piece.isalpha()]
        if letters and (words or not _is_rank_word("".join(letters))):  # "PC", "P.C.", "Ch Insp"
            words.append(letters)
    if not words:
        return
    surname_start = len(words) - 1
    while surname_start > 1 and "".join(words[surname_start - 1]) in NAME_PARTICLES:
        surname_start -= 1
    names.add(entry, list(itertools.chain(*words[surname_start:])), surname=True)
    names.add(entry, words[-1], surname=True)  # "Berg" for "van der Berg"
    for word in words[:surname_start]:
        names.add(entry, word, surname=False)


@lru_cache(maxsize=256)
def _compiled(names: tuple[str, ...]) -> _Names | None:
    compiled = _Names()
    for entry, text in enumerate(names):
        _add_entry(compiled, entry, text)
    return compiled if compiled.parts or compiled.collars else None


def _readings(raw: str) -> tuple[str, ...]:
    """How a token's letters read: "h1ll" reads "hill", "b1ake" "blake" (a 1 is an i or an l)."""
    if raw.isalpha():
        return (raw,)
    decoded = raw.translate(_LEET)
    if decoded.count("1") > 3:
        return (decoded,)
    return tuple(
        {"".join(choice) for choice in itertools.product(*("il" if c == "1" else c for c in decoded))}
    )


def _spans(skeleton: str) -> list[tuple[int, int]]:
    spans = []
    for match in _TOKEN.finditer(skeleton):
        start, end = match.span()
        stripped = match.group().lstrip("@$")
        if not stripped:
            continue
        if stripped.isdigit() or match.group()[0] == "@":  # "$1187" is money, "@hill" a handle
            start = end - len(stripped)
        split = _RANK_THEN_DIGITS.fullmatch(skeleton, start, end)
        spans += [(start, split.end(1)), (split.end(1), end)] if split else [(start, end)]
    return spans


def _tokens(skeleton: str) -> list[_Token]:
    """The words of the skeleton, runs of spaced-out letters or digits joined ("H I L L")."""
    spans, tokens, i = _spans(skeleton), [], 0
    while i < len(spans):
        j, spacing = i, None
        while (
            spans[j][1] - spans[j][0] == 1 and j + 1 < len(spans) and spans[j + 1][1] - spans[j + 1][0] == 1
        ):
            gap = skeleton[spans[j][1] : spans[j + 1][0]]
            if gap != spacing and (spacing is not None or not _SPACED_OUT.fullmatch(gap)):
                break
            spacing, j = gap, j + 1
        raw = "".join(skeleton[start:end] for start, end in spans[i : j + 1])
        token = _Token(spans[i][0], spans[j][1])
        if raw.isdigit():
            token.number = raw
        else:
            token.forms = _readings(raw)
        tokens.append(token)
        i = j + 1
    return tokens


_FUNCTION_WORDS = _words("the and to for of you with at from in on all our your my is was who")
_ARTICLES = _words("the a an")


@dataclass(frozen=True, slots=True)
class _Rank:
    first: int  # index of the rank's first token
    strong: bool  # abbreviated, a title, or capitalised: "pc", "Mr", "Officer" (not "the officer")


class _Reading:
    """A text's skeleton and words, and what its capitals and punctuation say about each word."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.skeleton, self.origin = fold(text)
        self.tokens = _tokens(self.skeleton)
        self._title_case: bool | None = None

    def word(self, i: int) -> str:
        token = self.tokens[i]
        return token.forms[0] if token.forms else token.number

    def gap(self, i: int) -> str:
        """The skeleton between token i - 1 (or the start) and token i (or the end)."""
        left = self.tokens[i - 1].end if i > 0 else 0
        right = self.tokens[i].start if i < len(self.tokens) else len(self.skeleton)
        return self.skeleton[left:right]

    def letters(self, i: int) -> str:
        start, end = original_span(self.origin, self.tokens[i].start, self.tokens[i].end)
        return "".join(char for char in self.text[start:end] if char.isalpha())

    def capitalised(self, i: int) -> bool:
        return self.letters(i)[:1].isupper()

    def shouted(self, i: int) -> bool:
        letters = self.letters(i)
        return len(letters) > 1 and letters.isupper()

    def sentence_start(self, i: int) -> bool:
        before = self.skeleton[: self.tokens[i].start].rstrip(_OPENING)
        return not before or before[-1] in ".!?\n…"

    def title_case(self) -> bool:
        """Whether the words that are normally lower case are capitalised ("Thank You To The Team")."""
        if self._title_case is None:
            small = [
                self.capitalised(i)
                for i in range(len(self.tokens))
                if self.word(i) in _FUNCTION_WORDS and not self.sentence_start(i)
            ]
            self._title_case = len(small) >= 2 and sum(small) > len(small) / 2
        return self._title_case

    def acts(self, last: int) -> bool:
        """Whether what follows a word at the start of a sentence makes it someone: a verb, "'s", a
        comma or the end ("Hill was great", "Hill's patience", "Hill, thank you", "Hill!")."""
        following, gap = last + 1, self.gap(last + 1).strip(" ")
        if following == len(self.tokens) or gap[:1] in {",", ".", "!", "?", "\n"}:
            return True
        word = self.word(following)
        if gap in {"'", "’"}:
            return word == "s"
        return not gap and (word in VERBS or (len(word) > 3 and word.endswith("ed")))

    def capital_names(self, first: int, last: int) -> bool:
        """Whether the capital of the word(s) first..last says they are a name."""
        if not self.capitalised(first) or self.title_case():
            return False
        if self.shouted(first) and any(
            0 <= k < len(self.tokens) and self.shouted(k) for k in (first - 1, last + 1)
        ):
            return False
        if first > 0 and self.word(first - 1) in _ARTICLES and self.gap(first) == " ":
            return False  # "the Rock", "a Hill"
        if self.in_place_name(last):
            return False  # "Hill Street", "Baker Road"
        return not self.sentence_start(first) or self.acts(last)

    def after_another_name(self, first: int) -> bool:
        """Whether a capitalised word, not starting a sentence, stands right before `first`:
        "Notting Hill", "Benny Hill" are other names."""
        return (
            first > 0
            and self.gap(first) == " "
            and self.capitalised(first - 1)
            and not self.sentence_start(first - 1)
        )

    def in_place_name(self, last: int) -> bool:
        """Whether the word(s) ending at `last` begin a place's name: a place word follows
        ("Morgan Arcade", "Hill Street") or a hyphenated join ("Ashby-de-la-Zouch")."""
        following = last + 1
        if following >= len(self.tokens):
            return False
        gap, word = self.gap(following), self.word(following)
        return (gap == " " and word in PLACE_WORDS) or (gap == "-" and word in PLACE_JOINS)

    def rank_before(self, i: int, gap: str, *, numbers: bool = False) -> _Rank | None:
        """The rank (or title, or for a number its cue: "collar no.") that ends right before token
        i, `gap` before it: "PC", "Ch Insp", "A/Sgt", "Prif Arolygydd", "Officer", "Mr"."""
        k, first, strong = i - 1, None, False
        while k >= 0 and _RANK_GAP.fullmatch(gap):
            word, capital = self.word(k), self.capitalised(k)
            if not (
                _rank_word(word, capital, numbers=numbers, nearest=first is None)
                or (first is not None and word in {"a", "t", "d"} and gap == "/")
            ):
                break
            first, strong = k, strong or capital or word in ABBREVIATED_RANKS or word in TITLES
            k, gap = k - 1, self.gap(k)
        return _Rank(first, strong) if first is not None else None

    def rank_before_name(self, i: int) -> _Rank | None:
        """The rank before token i, or before the initial, first name or number that precedes it
        ("PC D. Hill", "PC Dan Hill", "PC 1187 Hill")."""
        rank = self.rank_before(i, self.gap(i))
        if rank is None and i > 0 and _RANK_GAP.fullmatch(self.gap(i)):
            skipped = self.word(i - 1)
            if self.tokens[i - 1].number or len(skipped) == 1 or self.capitalised(i - 1):
                rank = self.rank_before(i - 1, self.gap(i - 1))
        return rank

    def number_cue(self, i: int) -> int | None:
        """Where the cue before number token i starts: "PC ", "officer ", "collar no. ", "#"."""
        gap = self.gap(i)
        hashed = re.search(r"#\s?$", gap)
        before = gap[: hashed.start()] if hashed else gap
        rank = self.rank_before(i, before, numbers=True)
        if rank is not None:
            return self.tokens[rank.first].start
        return self.tokens[i].start - len(gap) + hashed.start() if hashed else None

    def in_other_number(self, first: int, last: int) -> bool:
        """Whether the digits of tokens first..last are part of a longer number ("1187.50",
        "01/1187", "11 87", "£1187", "07700 1187")."""
        start, end = self.tokens[first].start, self.tokens[last].end
        if re.search(r"\d[.,:/\-]$", self.skeleton[max(0, start - 2) : start]):
            return True
        return bool(re.match(r"[.,:/\-]\d", self.skeleton[end : end + 2]))

    def beside_other_digits(self, first: int, last: int) -> bool:
        """Whether a bare number reads as money, a percentage or a piece of a phone number."""
        start, end = self.tokens[first].start, self.tokens[last].end
        if self.skeleton[start - 1 : start] in {"£", "$", "€", "+"} or self.skeleton[end : end + 1] == "%":
            return True
        neighbours = ((first - 1, first), (last + 1, last + 1))
        return any(
            0 <= k < len(self.tokens) and self.tokens[k].number and self.gap(g) in {" ", "-"}
            for k, g in neighbours
        )


def _rank_word(word: str, capital: bool, *, numbers: bool, nearest: bool) -> bool:
    if not numbers and word == "special" and not capital:
        return False  # "a special rock" is an adjective
    if word in ABBREVIATED_RANKS or word in RANKS or (numbers and word in NUMBER_CUES):
        return True
    if not numbers and word in TITLES:
        return nearest and (capital or word != "miss")  # "I miss Hill" is no title
    return not nearest and word in RANK_MODIFIERS


def _hits(reading: _Reading, names: _Names) -> set[_Hit]:
    """Every word, or run of words for a name of several pieces ("O'Brien"), that reads as a name."""
    hits, tokens = set(), reading.tokens
    for i, token in enumerate(tokens):
        for form in token.forms:
            for name, misspelt in names.lookup(form):
                hits |= {_Hit(entry, surname, i, i, misspelt, name) for entry, surname in names.parts[name]}
        if token.forms and token.forms[0] in names.first_pieces:
            hits |= _hits_in_pieces(reading, names, i)
    return hits


def _hits_in_pieces(reading: _Reading, names: _Names, i: int) -> set[_Hit]:
    hits, form = set(), reading.word(i)
    for last in range(i + 1, min(i + 3, len(reading.tokens))):
        if not reading.tokens[last].forms or not _PIECE_GAP.fullmatch(reading.gap(last)):
            break
        form += reading.word(last)
        for name, misspelt in names.lookup(form):
            if name in names.several_pieces:
                hits |= {
                    _Hit(entry, surname, i, last, misspelt, name) for entry, surname in names.parts[name]
                }
    return hits


def _is_everyday_name(name: str) -> bool:
    return name in COMMON_WORD_NAMES or name.removesuffix("s") in COMMON_WORD_NAMES


def _pair(reading: _Reading, hit: _Hit, firsts: dict) -> _Hit | None:
    """The first name written next to a surname: "Daniel Hill", "Hill, Daniel"."""
    before = firsts.get((hit.entry, "ending", hit.first - 1))
    after = firsts.get((hit.entry, "starting", hit.last + 1))
    if before and _NAME_GAP.fullmatch(reading.gap(hit.first)):
        pair = before
    elif after and re.fullmatch(r" ?, ?", reading.gap(hit.last + 1)):
        pair = after
    else:
        return None
    both_everyday = _is_everyday_name(hit.name) and _is_everyday_name(pair.name)
    capitals = reading.capitalised(hit.first) or reading.capitalised(pair.first)
    return None if both_everyday and not capitals else pair  # "will young people" is no Will Young


def _surname_span(reading: _Reading, hit: _Hit, firsts: dict) -> tuple[int, int] | None:
    pair = _pair(reading, hit, firsts)
    first = min(hit.first, pair.first) if pair else hit.first
    last = max(hit.last, pair.last) if pair else hit.last
    rank = reading.rank_before_name(first)
    if pair or (rank and (rank.strong or hit.name not in VERB_LIKE_NAMES)):
        named = True
    elif len(hit.name) < 4:
        named = False
    elif _is_everyday_name(hit.name) or hit.misspelt or hit.name in ALWAYS_CAPITALISED:
        named = (
            hit.name not in ALWAYS_CAPITALISED
            and reading.capital_names(hit.first, hit.last)
            and not reading.after_another_name(hit.first)
        )
    else:
        named = not reading.in_place_name(hit.last)
    if not named:
        return None
    return reading.tokens[rank.first if rank else first].start, reading.tokens[last].end


def _first_name_span(reading: _Reading, hit: _Hit, surnames: set) -> tuple[int, int] | None:
    """A first name counts only right after a rank: "Sgt Priya"."""
    rank = reading.rank_before(hit.first, reading.gap(hit.first))
    if rank is None:
        return None
    if hit.name in VERB_LIKE_NAMES and not (rank.strong or reading.capitalised(hit.first)):
        return None  # "the officer will ring"
    following = hit.last + 1
    if (
        following < len(reading.tokens)
        and reading.tokens[following].forms
        and (hit.entry, following) not in surnames
        and not reading.gap(following).strip(" ")
        and reading.capital_names(following, following)
    ):
        return None  # "Sgt Priya Natarajan" is another Priya
    return reading.tokens[rank.first].start, reading.tokens[hit.last].end


def _name_spans(reading: _Reading, names: _Names) -> list[tuple[int, int]]:
    hits = _hits(reading, names)
    firsts = {(hit.entry, "starting", hit.first): hit for hit in hits if not hit.surname}
    firsts |= {(hit.entry, "ending", hit.last): hit for hit in hits if not hit.surname}
    surnames = {(hit.entry, hit.first) for hit in hits if hit.surname}
    spans = [
        _surname_span(reading, hit, firsts) if hit.surname else _first_name_span(reading, hit, surnames)
        for hit in hits
    ]
    return [span for span in spans if span]


def _number_span(reading: _Reading, i: int, collars: set[str]) -> tuple[int, int] | None:
    tokens, last = reading.tokens, i
    cue = reading.number_cue(i)
    if tokens[i].number not in collars:
        if cue is None:
            return None
        digits = tokens[i].number  # "PC 44 71"
        for last in range(i + 1, min(i + 4, len(tokens))):
            if not tokens[last].number or not _DIGIT_GAP.fullmatch(reading.gap(last)):
                return None
            digits += tokens[last].number
            if digits in collars:
                break
        else:
            return None
    if reading.in_other_number(i, last):
        return None
    if cue is None and (len(tokens[i].number) < 3 or reading.beside_other_digits(i, last)):
        return None
    return (tokens[i].start if cue is None else cue), tokens[last].end


def _merged(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans that overlap, or that only a space or two parts ("PC 1187 Daniel Hill"), made one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        last_end = merged[-1][1] if merged else -1
        if merged and (start <= last_end or (start - last_end <= 2 and text[last_end:start].isspace())):
            merged[-1] = (merged[-1][0], max(end, last_end))
        else:
            merged.append((start, end))
    return merged


def find_protected_names(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of `text` that name an officer on the force's protected list (see the module
    docstring for what counts); spans index `text` itself, in order, none overlapping."""
    compiled = _compiled(tuple(sorted(set(names))))
    if compiled is None or not text:
        return []
    reading = _Reading(text)
    spans = [
        span
        for i, token in enumerate(reading.tokens)
        if token.number and (span := _number_span(reading, i, compiled.collars))
    ]
    spans += _name_spans(reading, compiled) if compiled.parts else []
    return _merged(text, [original_span(reading.origin, start, end) for start, end in spans])
