"""What names a protected officer and what does not: each bullet of the rules in
recognition/screening/protected_names.py, with the traps that must not match."""

import pytest

from recognition.screening.protected_names import find_protected_names

NAMES = [
    "PC 1187 Daniel Hill",
    "DC Sarah Lindqvist",
    "2291",
    "Sgt Priya Raman",
    "Cwnstabl Rhys Pritchard",
    "PC 3318 Tom Baker",
    "PC 4471 Joe Rock",
    "PC Mark",
    "Will Young",
    "DS Wei Ng",
    "Jordan Blake",
    "Kerry Walsh",
]


def found(text: str, names=NAMES) -> list[str]:
    """The pieces of `text` flagged as naming a protected officer."""
    return [text[start:end] for start, end in find_protected_names(text, names)]


# Surnames, alone or after a rank


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Lindqvist was so patient with us.", "Lindqvist"),
        ("thank you lindqvist", "lindqvist"),
        ("THANK YOU PRITCHARD", "PRITCHARD"),
        ("Please pass our thanks to Raman.", "Raman"),
    ],
)
def test_an_uncommon_surname_alone_matches_in_any_case(text, mention):
    assert found(text) == [mention]


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Thank you PC Hill for the lift.", "PC Hill"),
        ("thank you pc hill", "pc hill"),
        ("Sergeant Raman kept us calm.", "Sergeant Raman"),
        ("Ditectif Lindqvist, diolch!", "Ditectif Lindqvist"),
        ("Thanks to Sgt.Raman", "Sgt.Raman"),
        ("Thanks to P.C. Hill", "P.C. Hill"),
        ("Thanks to Mr Hill", "Mr Hill"),
    ],
)
def test_surname_alone_after_a_rank_matches_and_the_span_takes_in_the_rank(text, mention):
    assert found(text) == [mention]


@pytest.mark.parametrize(
    "rank",
    [
        "PC",
        "DC",
        "PS",
        "DS",
        "Sgt",
        "Sergeant",
        "Insp",
        "Inspector",
        "Ch Insp",
        "Supt",
        "Superintendent",
        "PCSO",
        "SC",
        "Special",
        "Officer",
        "Constable",
        "Detective",
        "Cwnstabl",
        "Sarjant",
        "Rhingyll",
        "Arolygydd",
        "Ditectif",
        "Swyddog",
        "Heddwas",
        "Prif Arolygydd",
        "Uwch-arolygydd",
        "Det Sgt",
        "A/Sgt",
    ],
)
def test_every_english_and_welsh_rank_is_taken_into_the_span(rank):
    assert found(f"Thank you {rank} Raman.") == [f"{rank} Raman"]
    assert found(f"Thank you {rank} 2291.") == [f"{rank} 2291"]


def test_a_rank_is_not_part_of_the_protected_name():
    assert found("Thank you Insp Pritchard and Supt 1187.") == ["Insp Pritchard", "Supt 1187"]


# Collar numbers


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Thank you pc 2291 for your help.", "pc 2291"),
        ("Thank you PC2291!", "PC2291"),
        ("Thanks to officer 3318 who stayed.", "officer 3318"),
        ("Thanks to #1187 for everything", "#1187"),
        ("Thanks to PC #1187", "PC #1187"),
        ("Officer no. 4471 was great", "Officer no. 4471"),
        ("His collar number 1187 was on his shoulder", "collar number 1187"),
        ("Thanks to 1187 for the help", "1187"),
    ],
)
def test_collar_number_alone_or_after_a_rank_or_cue_matches(text, mention):
    assert found(text) == [mention]


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Thank you PC 4 4 7 1 for the help.", "PC 4 4 7 1"),
        ("Thank you officer 4-4-7-1.", "officer 4-4-7-1"),
        ("Thank you PC 44 71.", "PC 44 71"),
        ("The number was 4 4 7 1, thank you.", "4 4 7 1"),
    ],
)
def test_spaced_digits_match_after_a_rank_or_when_exactly_the_number(text, mention):
    assert found(text) == [mention]


@pytest.mark.parametrize(
    "text",
    [
        "Thank you PC 4470 and PC 44710.",
        "We raised £7,782 for the hospice, and £1187 more.",
        "Our reference was 11870.",
        "Call 01707 1187 00 any time.",
        "It happened on 1/11/1187, long ago.",
        "Fares went up 1187% apparently.",
        "It cost 1187.50 in the end.",
        "Ring 0800 4 4 7 1 2 today.",
        "Ring 07700 2291 for the shop.",
    ],
)
def test_a_collar_number_inside_another_number_does_not_match(text):
    assert found(text) == []


def test_a_number_only_entry_protects_that_collar_number():
    assert found("Thank you 2291 and PC 2291.", ["2291"]) == ["2291", "PC 2291"]
    assert found("Thank you PC 2290.", ["2291"]) == []


def test_a_number_of_one_or_two_digits_matches_only_after_a_rank():
    assert found("I waited 45 minutes.", ["PC 45"]) == []
    assert found("Thank you PC 45.", ["PC 45"]) == ["PC 45"]


# First names


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Thank you Daniel Hill for the lift.", "Daniel Hill"),
        ("thank you daniel hill", "daniel hill"),
        ("Thanks to Hill, Daniel from response.", "Hill, Daniel"),
        ("Thanks to Sgt Priya Raman.", "Sgt Priya Raman"),
        ("Thanks to PC 1187 Daniel Hill.", "PC 1187 Daniel Hill"),
        ("Please thank JORDAN  BLAKE for us.", "JORDAN  BLAKE"),
    ],
)
def test_first_name_with_surname_matches(text, mention):
    assert found(text) == [mention]


def test_first_name_after_a_rank_matches():
    assert found("Thank you Sgt Priya for the tea.") == ["Sgt Priya"]
    assert found("thank you dc sarah") == ["dc sarah"]


@pytest.mark.parametrize(
    "text",
    [
        "Priya was brilliant with my son.",
        "Thanks Sarah and Daniel from next door.",
        "I will always be grateful.",
        "Thank you Sgt Priya Natarajan.",  # another Priya
        "The officer will ring you back.",
    ],
)
def test_a_first_name_alone_never_matches(text):
    assert found(text) == []


# One letter wrong


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Thank you Lindqvst.", "Lindqvst"),  # deletion
        ("Thank you Lindkvist.", "Lindkvist"),  # substitution
        ("Thank you Lindqvisst.", "Lindqvisst"),  # insertion
        ("Thank you Lindqivst.", "Lindqivst"),  # neighbours swapped
        ("Cwnstabl Prichard was kind.", "Cwnstabl Prichard"),
        ("Thanks to sarah lindkvist", "sarah lindkvist"),
    ],
)
def test_one_letter_wrong_in_a_long_name_matches(text, mention):
    assert found(text) == [mention]


@pytest.mark.parametrize(
    "text",
    [
        "Thank you Lindquest.",  # two letters wrong
        "Thanks to Hull from the council.",  # Hill is too short to misspell
        "The Welsh team were great.",  # a word, not Walsh misspelt
        "We visited the Roman fort.",  # a word, not Raman misspelt
        "we were so pleased with the prichard",  # lower case, alone: no name
    ],
)
def test_a_near_miss_that_is_another_word_or_two_letters_out_does_not_match(text):
    assert found(text) == []


# Digits for letters, spaced letters, look-alikes


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Thank you J0rdan B1ake!", "J0rdan B1ake"),
        ("H1ll was great.", "H1ll"),
        ("Thanks 5arah Lindqvist", "5arah Lindqvist"),
        ("Thanks to Sgt R@man", "Sgt R@man"),
        ("Thanks $arah L1ndqv1st", "$arah L1ndqv1st"),
        ("Thanks to Pr1tch4rd", "Pr1tch4rd"),
        ("Thanks PC 8aker", "PC 8aker"),
    ],
)
def test_digits_for_letters_match(text, mention):
    assert found(text) == [mention]


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Thank you H I L L for everything.", "H I L L"),
        ("Thank you R.a.m.a.n!", "R.a.m.a.n"),
        ("Thank you L-i-n-d-q-v-i-s-t.", "L-i-n-d-q-v-i-s-t"),
        ("Thank you P.C. H.I.L.L.", "P.C. H.I.L.L"),
    ],
)
def test_spaced_or_dotted_letters_match(text, mention):
    assert found(text) == [mention]


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Thank you Sgt Rаman.", "Sgt Rаman"),  # Cyrillic а
        ("Thank you Lіndqvіst.", "Lіndqvіst"),  # Ukrainian і
        ("Thank you Ｌｉｎｄｑｖｉｓｔ.", "Ｌｉｎｄｑｖｉｓｔ"),  # fullwidth
        ("Thank you PRIYA RAMAN", "PRIYA RAMAN"),
    ],
)
def test_any_case_and_look_alike_letters_match(text, mention):
    assert found(text) == [mention]


# Everyday words that are also surnames


@pytest.mark.parametrize(
    "text",
    [
        "We walked up the hill to the station.",
        "You were a real rock for us.",
        "The baker on the corner gave us tea.",
        "Mark my words, we will be back.",
        "Will you pass on our thanks?",
        "Young people in the town loved the visit.",
        "We live on Hill Street.",  # a place
        "We met at the Rock.",  # "the" before it
        "THANK YOU TO THE HILL TEAM",  # capitals say nothing in capitals
        "Thank You To Everyone On The Hill",  # nor in Title Case
        "what a special rock you are",
        "will young people help",
        "Rock and roll played all night.",
    ],
)
def test_an_everyday_word_that_is_a_surname_does_not_match_as_a_word(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Thanks to Hill for staying.", "Hill"),  # capitalised mid-sentence
        ("Hill was great with my dad.", "Hill"),  # a verb follows the sentence-start capital
        ("Hill, thank you so much.", "Hill"),
        ("Rock's calm voice helped.", "Rock"),
        ("Thanks pc rock", "pc rock"),
        ("Thanks to officer rock", "officer rock"),
        ("Thanks to Officer Rock", "Officer Rock"),
        ("thanks to tom baker", "tom baker"),
        ("Thank you PC Mark.", "PC Mark"),
        ("Will Young stayed with us.", "Will Young"),
    ],
)
def test_an_everyday_surname_matches_when_it_reads_as_a_name(text, mention):
    assert found(text) == [mention]


def test_a_name_field_holding_only_the_surname_matches():
    assert found("Hill") == ["Hill"]
    assert found("Sgt Hill and the team") == ["Sgt Hill"]


# Short names


def test_a_short_surname_matches_only_after_a_rank_or_with_the_first_name():
    assert found("Ng was great.") == []
    assert found("Thank you PC Ng.") == ["PC Ng"]
    assert found("Thank you Wei Ng.") == ["Wei Ng"]
    assert found("Thanks to Ng, Wei.") == ["Ng, Wei"]


# Spans


def test_the_span_covers_the_characters_of_the_original_text():
    text = "Diolch, Straße team! Thank you so much PC 1187 Daniel Hіll (and #2291)."
    spans = find_protected_names(text, NAMES)
    assert spans == [(39, 58), (64, 69)]
    assert [text[start:end] for start, end in spans] == ["PC 1187 Daniel Hіll", "#2291"]


def test_a_full_stop_parts_a_first_name_from_the_surname_after_it():
    assert found("We met Daniel. Hill was great.") == ["Hill"]
    assert found("Thank you Sgt Priya. Thanks, it meant a lot.") == ["Sgt Priya"]


def test_two_officers_named_give_two_spans():
    assert found("Thanks to Lindqvist, Raman and PC 3318.") == ["Lindqvist", "Raman", "PC 3318"]


def test_the_order_of_the_names_list_does_not_matter():
    text = "Thank you Sgt Raman and 2291."
    assert find_protected_names(text, reversed(NAMES)) == find_protected_names(text, NAMES)


def test_an_entry_without_a_name_or_number_protects_nothing():
    assert find_protected_names("Thank you PC and Sgt.", ["PC", "", " ", "Sgt"]) == []
    assert find_protected_names("Thank you.", []) == []


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("Thanks to the officers at Notting Hill Carnival.", "Sgt Daniel Hill"),
        ("The speed talk in Ashby-de-la-Zouch was great.", "PC 3318 Tom Ashby"),
        ("Thank you for helping in the Morgan Arcade.", "Sgt Elin Haf Morgan"),
        ("You looked after my dad when he fell in the market.", "Sgt Martin Fell"),
    ],
)
def test_a_surname_inside_a_place_name_or_used_as_a_word_does_not_match(text, entry):
    assert find_protected_names(text, [entry]) == []
