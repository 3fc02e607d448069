"""Swearing and abuse, through disguises: "f*ck", "sh1t", "a$$", "f u c k", "fuuuck", Cyrillic or
fullwidth look-alikes. Words come from better-profanity's list, less the words a thank-you to the
police uses innocently, plus British and Welsh ones it lacks. Whole words only, so Scunthorpe, Penistone and
Cockermouth pass."""

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from better_profanity.utils import get_complete_path_of_file, read_wordlist

from .text import fold, original_span

# Innocent in a thank-you: crimes, drugs, weapons and medicine are what officers deal with; mild
# oaths; identities; kisses ("xx"); and places, animals and things that share a spelling.
NOT_PROFANE = frozenset(
    """
    kill murder rape raped raping rapist molest howtokill drunk stoned heroin meth pot weed hemp
    ganja opium opiate valium pcp peyote reefer sniper uzi napalm hitler thug slave prostitute pimp
    god hell damn omg lmao xx xxx gay gays lesbians queer transsexual
    stupid dummy ugly fat dopey doofus weirdo
    stroke thrust strip screw screwed screwing suck sucked sucking vomit urine urinal pee nappy
    organ ovary ovum ovums uterus womb tampon menses menstruate menstruation naked nude hiv herpes
    leper inbred lust loin loins breasts fondle
    pawn hump wad whiz willies revue rum vodka seaman seamen sandbar virgin vixen maxi mams
    nimrod pollock flange slope snatch foobar yury arian len dong racy steamy trashy vulgar kinky
    cowgirl cowgirls pasty pastie pasties oral orally penetration penetrate sex sexual souse soused
    poop lesbos gai nad
    """.split()
)
# Names on the list (Dick Turpin, Fanny Cradock, PC Willy Hooker, Greg Dyke, Lech Wałęsa): innocent
# when written as a name, and so is their plural ("the Cummings").
NAMES = frozenset(
    "dick willy fanny cock wang hooker woody paddy massa cumming dyke lech guido gaylord".split()
)
MORE_PROFANITY = frozenset(
    """
    bollocks bollock bollox minger slag nonce scumbag pillock wazzock bugger spastic spaz spacker
    mong pikey gyppo gypo tranny trannies wog wogs nignog ffs
    ffycin ffwcin ffycio ffwcio ffacin bastad basdad basdads bastads cachu cachwr
    """.split()
)
_NOT_PROFANE_PHRASES = frozenset({("jack", "off"), ("cow", "girl"), ("cow", "girls")})
# A stem that is abuse however it is dressed: "clusterfuck", "fuckwittery".
_ALWAYS_INSIDE = ("fuck", "cunt", "nigger", "nigga")
_INSIDE_EXCEPTIONS = re.compile(r"s?cunthorp|niggard")
_SUFFIXES = ("s", "es", "ing", "in", "er", "ers", "ed", "y")
_STRONG_STEMS = frozenset("fuck shit wank twat piss cunt bollock arse knob".split())

_LEET = str.maketrans("013457@$!|+8", "oieastasiitb")
_LETTERS_THEN_DIGITS = re.compile(r"[a-z]*\d+[a-z]?|\d+[a-z]+")  # A55, M25, PC1234, 10am, 2nd
# A word as disguised: letters, digits, "@$*", and "!|+" where a letter follows ("sh!t", not "shit!").
_TOKEN = re.compile(r"(?:[^\W_]|[@$*]|[!|+](?=[^\W_]|[@$*]))+")
_ENTRY_SEPARATORS = re.compile(r"[\s_.-]+")
_SPACED_LETTERS = re.compile(r"(?<![^\W_])(?:[^\W_][ ._-]{1,2}){2,}[^\W_](?![^\W_])")
_STRETCHED = re.compile(r"(.)\1{2,}")


class _Words:
    """better-profanity's list, read once: single words, the same with "l" read as "i" (leetspeak
    writes both as "1"), words by length (for "f*ck"), and phrases by their first word."""

    def __init__(self):
        self.single: set[str] = set(MORE_PROFANITY)
        phrases: dict[str, list[tuple[str, ...]]] = {}
        for entry in read_wordlist(get_complete_path_of_file("profanity_wordlist.txt")):
            parts = tuple(part for part in _ENTRY_SEPARATORS.split(entry.lower()) if part)
            if len(parts) == 1 and parts[0] not in NOT_PROFANE:
                self.single.add(parts[0])
            elif len(parts) > 1 and parts not in _NOT_PROFANE_PHRASES and max(map(len, parts)) > 1:
                phrases.setdefault(parts[0], []).append(parts)
        self.phrases = phrases
        self.leet_read = {word.replace("l", "i") for word in self.single}
        self.by_length: dict[int, list[str]] = {}
        for word in self.single:
            self.by_length.setdefault(len(word), []).append(word)


@cache
def _words() -> _Words:
    return _Words()


def _spellings(token: str) -> Iterator[tuple[str, bool]]:
    """The ways `token` may be read, each with whether it was read as leetspeak: as written, in
    leetspeak, and with a letter stretched three times or more ("fuuuck") shrunk. A doubled letter
    is left alone: English is full of them (Bonners, Jaap)."""
    leet = token.translate(_LEET) if not _LETTERS_THEN_DIGITS.fullmatch(token) else token
    for spelling, is_leet in ((token, False), (leet, leet != token)):
        yield spelling, is_leet
        if _STRETCHED.search(spelling):
            yield _STRETCHED.sub(r"\1\1", spelling), is_leet
            yield _STRETCHED.sub(r"\1", spelling), is_leet


def _is_profane(token: str) -> bool:
    words = _words()
    if "*" in token:
        return _matches_starred(token, words)
    return any(
        spelling in words.single
        or (is_leet and spelling.replace("l", "i") in words.leet_read)
        or _has_abusive_stem(spelling)
        or _is_inflected(spelling, words)
        for spelling, is_leet in _spellings(token)
    )


def _has_abusive_stem(spelling: str) -> bool:
    return any(stem in spelling for stem in _ALWAYS_INSIDE) and not _INSIDE_EXCEPTIONS.match(spelling)


def _is_inflected(spelling: str, words: _Words) -> bool:
    for suffix in _SUFFIXES:
        stem = spelling.removesuffix(suffix)
        if stem != spelling and (
            stem in _STRONG_STEMS
            # a plural: "bastards", but not "assess" (which is no plural of "asses")
            or (suffix == "s" and len(stem) > 3 and not stem.endswith("s") and stem in words.single)
        ):
            return True
    return False


def _matches_starred(token: str, words: _Words) -> bool:
    # "f*ck", "f**king", "sh*t": a real letter, and no more stars than letters.
    plain = token.translate(_LEET)
    if not any(char.isalpha() for char in plain) or plain.count("*") * 2 > len(plain) + 1:
        return False
    pattern = re.compile(re.escape(plain).replace(r"\*", "[a-z]"))
    return any(pattern.fullmatch(word) for word in words.by_length.get(len(plain), ()))


def _is_a_name(original: str) -> bool:
    """A listed name written as a name: "Dick", not "dick" or "DICK"."""
    written_as_a_name = original[:1].isupper() and original[1:].islower()
    return written_as_a_name and (original.lower() in NAMES or original.lower().removesuffix("s") in NAMES)


def find_profanity(text: str) -> list[tuple[int, int]]:
    """Spans of `text` that swear or abuse."""
    skeleton, origin = fold(text)
    phrases = _words().phrases
    spans: list[tuple[int, int]] = []
    tokens = list(_TOKEN.finditer(skeleton))
    for index, match in enumerate(tokens):
        end = match.end()
        if not _is_profane_token(match.group()):
            if match.group() not in phrases or not (end := _phrase_end(tokens, index)):
                continue
        start, end = original_span(origin, match.start(), end)
        if not _is_a_name(text[start:end]):
            spans.append((start, end))
    for match in _SPACED_LETTERS.finditer(skeleton):
        letters = re.sub(r"[ ._-]", "", match.group())
        if _is_profane(letters) or _contains_long_word(letters):
            spans.append(original_span(origin, *match.span()))
    return spans


@lru_cache(maxsize=16384)
def _is_profane_token(token: str) -> bool:
    return any("a" <= char <= "z" for char in token) and _is_profane(token)


def _phrase_end(tokens: list[re.Match], index: int) -> int:
    for parts in _words().phrases.get(tokens[index].group(), ()):
        following = tokens[index : index + len(parts)]
        if tuple(token.group() for token in following) == parts:
            return following[-1].end()
    return 0


def _contains_long_word(letters: str) -> bool:
    words = _words().single
    return any(
        letters[start : start + length] in words
        for length in range(4, min(len(letters), 12) + 1)
        for start in range(len(letters) - length + 1)
    )
