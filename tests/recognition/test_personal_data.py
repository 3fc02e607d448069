import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recognition.screening import FlagKind, screen_name
from recognition.screening.personal_data import find_personal_data


def found(text: str, kind: FlagKind) -> list[str]:
    """The pieces of `text` flagged with `kind`, overlapping finds merged."""
    spans: list[tuple[int, int]] = []
    for start, end in sorted(
        (flag.start, flag.end) for flag in find_personal_data(text) if flag.kind == kind
    ):
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return [text[start:end] for start, end in spans]


def kinds(text: str) -> set[FlagKind]:
    return {flag.kind for flag in find_personal_data(text)}


# Phone numbers


@pytest.mark.parametrize(
    ("text", "number"),
    [
        (
            "Ring me on oh seven seven double oh nine double oh one two three, thanks.",
            "oh seven seven double oh nine double oh one two three",
        ),
        (
            "Call zero seven seven zero zero nine zero zero one two three any time.",
            "zero seven seven zero zero nine zero zero one two three",
        ),
        ("My number is 07700 nine double oh one two three.", "07700 nine double oh one two three"),
        (
            "Text oh seven seven oh oh treble nine one two three.",
            "oh seven seven oh oh treble nine one two three",
        ),
        (
            "Oh-seven-seven-double-oh-nine, double-oh-one-two-three.",
            "Oh-seven-seven-double-oh-nine, double-oh-one-two-three",
        ),
        (
            "Or plus four four seven seven double oh nine double oh one two three.",
            "plus four four seven seven double oh nine double oh one two three",
        ),
        (
            "Ffoniwch dim saith saith dim dim naw dim dim un dau tri.",
            "dim saith saith dim dim naw dim dim un dau tri",
        ),
        (
            "Rhif sero saith saith dwbl dim naw dim dim un dau tri.",
            "sero saith saith dwbl dim naw dim dim un dau tri",
        ),
        (
            "Ffôn dim un dau naw pedwar pump chwech saith wyth naw dwy.",
            "dim un dau naw pedwar pump chwech saith wyth naw dwy",
        ),
    ],
)
def test_phone_numbers_said_in_english_or_welsh_words_are_flagged(text, number):
    assert found(text, FlagKind.PHONE) == [number]


@pytest.mark.parametrize(
    "number",
    [
        "07OO 9OO123",
        "O77OO 9OO123",
        "０７７００ ９００１２３",
        "07700.900.123",
        "07700/900123",
        "07700 - 900 - 123",
        "0 7 7 0 0 9 0 0 1 2 3",
        "0770 09 001 23",
        "+44 (0)7700 900.123",
    ],
)
def test_phone_numbers_in_disguised_digits_or_odd_groupings_are_flagged(number):
    assert found(f"Thanks, ring me on {number} any time.", FlagKind.PHONE) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "I rang 999, then 101, and 111 told me to wait.",
        "I rang nine nine nine, then one oh one.",
        "It happened on 15/03/2024 at 02:30, and again on 01.02.2023 at 12.30.",
        "We have lived here since 1987 and my dad was out for 3 hours.",
        "The crash was on the M25 at junction 21, then the A1(M) was shut.",
        "Thank you PC 1234, PC 5678 and PCSO 4321.",
        "We raised £2,000.50 and 1,500 people came.",
        "Shifts run 07.00-19.00 and 19.00-07.00.",
        "I have two kids, one dog and three cats, and one of them is nine.",
        "Oh, one of you stayed for two hours. Oh and the other for four.",
        "Counting one two three four five six seven eight nine ten, we waited.",
    ],
)
def test_numbers_that_are_not_phone_numbers_are_not_flagged(text):
    assert FlagKind.PHONE not in kinds(text)


def test_a_full_width_phone_number_is_flagged_at_its_own_characters():
    text = "Diolch! Ffoniwch ０７７００ ９００１２３."
    assert found(text, FlagKind.PHONE) == ["０７７００ ９００１２３"]


# Addresses without a house number


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "Thanks for coming to the flat above the Co-op on Station Road.",
            "the flat above the Co-op on Station Road",
        ),
        ("We are at Greenacres Farm, thank you.", "Greenacres Farm"),
        ("Diolch from everyone at Ty Gwyn farm.", "Ty Gwyn farm"),
        ("Diolch o Fferm Tŷ Gwyn.", "Fferm Tŷ Gwyn"),
        ("Please visit Nan at Rose Cottage again.", "Rose Cottage"),
        ("Mum is in room 14 at Oakview care home.", "room 14 at Oakview care home"),
        ("We're on plot 22 at the caravan park.", "plot 22 at the caravan park"),
        ("Come and see us on pitch 7 at Riverside.", "pitch 7 at Riverside"),
        ("It's the croft past the old school.", "the croft past the old school"),
        (
            "Thanks from the bungalow next to the chippy on Mill Lane.",
            "the bungalow next to the chippy on Mill Lane",
        ),
        ("Thanks from my mum's house opposite the church.", "my mum's house opposite the church"),
        ("I live at Greenacres, thank you.", "Greenacres"),
        ("I live on Mill Lane and you came twice.", "Mill Lane"),
        ("She lives on the Broadwater estate.", "the Broadwater estate"),
        ("we live in oak close now", "oak close"),
        ("Thanks for checking on my house on Mill Lane.", "my house on Mill Lane"),
        ("He's in the bungalow at the end of Fairfield Close.", "the bungalow at the end of Fairfield Close"),
        ("Thanks for guarding the flats on Riverside Drive.", "the flats on Riverside Drive"),
        ("We're on Heol y Nant and you came quickly.", "Heol y Nant"),
        ("Dad is in room 14 if you want to visit.", "room 14"),
        ("Also the kids at no 9 are on their own again.", "no 9"),
        ("Thanks for helping us on Victoria Road, NR31, in the storm.", "Victoria Road, NR31"),
    ],
)
def test_addresses_without_a_house_number_are_flagged(text, address):
    assert found(text, FlagKind.ADDRESS) == [address]


@pytest.mark.parametrize(
    "text",
    [
        "Thank you to the officers at Hatfield station.",
        "You waited with us at the A&E at Lister Hospital.",
        "You stopped on the M1 near junction 10.",
        "Thanks from everyone in Penistone.",
        "You walked my dad up the hill.",
        "I live in Hatfield and you came within minutes.",
        "We had a fire in the flat below and the police came first.",
        "The man who lives at the end of our road is 93.",
        "The older residents at Beech House look forward to your visits.",
        "You came to my house on Christmas Eve and to my flat on Monday.",
        "We live on our own, living in fear until you came.",
        "Thank you for the cottage pie. The wind farm thieves were caught.",
        "Dairy farm owners thank you.",
        "They took me to interview room 2 at Hatfield police station.",
        "The house was empty by the time we got there.",
        "Thanks to Hill Farm Primary School and Manor Farm Road residents.",
        "At no point did you rush us, and you were number 1 in the queue.",
        "I was in interview room 3 for an hour.",
    ],
)
def test_places_merely_named_are_not_addresses(text):
    assert FlagKind.ADDRESS not in kinds(text)


# Partial postcodes


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("We live near LU1, thank you.", "LU1"),
        ("Things are better in the CF10 area now.", "CF10"),
        ("We moved to Carmarthen SA31 last year.", "SA31"),
        ("Thanks from Luton, LU1.", "LU1"),
        ("Our postcode is SW1A, thanks.", "SW1A"),
        ("we're from al10 originally", "al10"),
    ],
)
def test_outward_codes_where_someone_lives_are_postcodes(text, code):
    assert found(text, FlagKind.POSTCODE) == [code]


@pytest.mark.parametrize(
    "text",
    [
        "You stopped on the M1 near junction 10.",
        "We were stuck in M25 traffic for hours.",
        "The M25, the M6 Toll and the AL10 area.",
        "My son is on Ward B5 at Lister Hospital.",
        "We saw you on S4C and G4S staff helped too.",
        "The A1 and A14 were shut, and the B1000 too.",
        "Thank you SE1 team.",
    ],
)
def test_roads_wards_and_names_that_look_like_outward_codes_are_not_postcodes(text):
    assert FlagKind.POSTCODE not in kinds(text)


# Links and handles


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("Find me on insta: @sam_jones", "@sam_jones"),
        ("snap me @xx_girl later", "@xx_girl"),
        ("My tiktok @dancer.queen has the video.", "@dancer.queen"),
        ("Follow @bob99 for the photos.", "@bob99"),
        ("Add me @jj.smith and DM me.", "@jj.smith"),
        ("@kaz_88 on Instagram has the video.", "@kaz_88"),
        ("My snap is jess_x99.", "jess_x99"),
        ("insta: sam.jones", "sam.jones"),
        ("The pictures are at example dot com slash page.", "example dot com slash page"),
        ("Try bit dot ly slash abc123 for the fundraiser.", "bit dot ly slash abc123"),
        ("See site[.]com for more.", "site[.]com"),
        ("See site(dot)com for more.", "site(dot)com"),
        ("See www[.]example[.]co[.]uk for more.", "www[.]example[.]co[.]uk"),
        ("Click javascript:alert(1) now.", "javascript:alert(1)"),
        ("It is at hxxp://bad.example/x.", "hxxp://bad.example/x"),
        ("Type hxxps then our page.", "hxxps"),
        ("Go to http[:]//example.org/", "http[:]//example.org/"),
    ],
)
def test_handles_and_disguised_links_are_flagged(text, link):
    assert found(text, FlagKind.LINK) == [link]


@pytest.mark.parametrize(
    "text",
    [
        "We met you @ 2am outside the pub.",
        "See you @ the station on Friday.",
        "Thanks @HertsPolice for everything.",
        "I was tagged in a photo @2am by my friend.",
        "The dot com boom, and I dot my i's. A dot on the map.",
        "I will snap me a photo later.",
        "Kind officers, e.g. PC Lee, i.e. the best. Mr.Smith said thanks.etc",
        "I saw it on insta 2 days ago.",
    ],
)
def test_at_signs_and_dots_in_ordinary_writing_are_not_links(text):
    assert FlagKind.LINK not in kinds(text)


def test_an_email_address_is_flagged_as_an_email_and_not_as_a_handle():
    assert {flag.kind for flag in screen_name("Email jo.bloggs@example.com please")} == {FlagKind.EMAIL}


def test_a_handle_after_a_platform_name_is_no_email():
    assert kinds("My insta @sam.jones") == {FlagKind.LINK}


# National Insurance numbers and dates of birth


@pytest.mark.parametrize(
    ("text", "personal_id"),
    [
        ("My NI number is QQ 12 34 56 C.", "QQ 12 34 56 C"),
        ("NI QQ123456C for the form.", "QQ123456C"),
        ("National Insurance: AB-12-34-56-D", "AB-12-34-56-D"),
        ("My NI is ab 12 34 56 if you need it.", "ab 12 34 56"),
        ("My DOB 03/04/1961, if that helps.", "03/04/1961"),
        ("D.O.B. 3.4.61", "3.4.61"),
        ("I was born on 3rd April 1961.", "3rd April 1961"),
        ("Date of birth: 3 April 1961.", "3 April 1961"),
        ("She was born 1961-04-03 in Luton.", "1961-04-03"),
        ("Dad, born in March 1940, thanks you.", "March 1940"),
        ("Ganwyd fi, born on 3 Ebrill 1961.", "3 Ebrill 1961"),
    ],
)
def test_national_insurance_numbers_and_dates_of_birth_are_personal_ids(text, personal_id):
    assert found(text, FlagKind.PERSONAL_ID) == [personal_id]


@pytest.mark.parametrize(
    "text",
    [
        "On 03/04 you came, and on 15/03/2024 you came back.",
        "You came on 3rd April 1961 is a date my dad never forgot.",
        "My baby was born on the 12th and you drove us in.",
        "Born and bred in Luton, I thank you.",
        "Thank you for coming to my 90th birthday party.",
        "Dob him in, you said, and I did.",
        "Thank you PC 1234 and the team at AB12 3CD.",
    ],
)
def test_ordinary_dates_and_numbers_are_not_personal_ids(text):
    assert FlagKind.PERSONAL_ID not in kinds(text)


# Vehicle registrations


@pytest.mark.parametrize(
    ("text", "registration"),
    [
        ("Its plate was ABZ 1234, from Belfast.", "ABZ 1234"),
        ("We were in a Land Rover, LRZ 123, when you stopped.", "LRZ 123"),
        ("The silver Golf ABC 123 was found.", "ABC 123"),
        ("My car, 1 ABC, came back without a scratch.", "1 ABC"),
        ("It was the van AB12-CDE.", "AB12-CDE"),
        ("It was the van AB-12-CDE.", "AB-12-CDE"),
        ("It was A B 1 2 C D E, a blue one.", "A B 1 2 C D E"),
        ("The number plate starts WR17 and ends in HYT.", "WR17"),
    ],
)
def test_northern_irish_dateless_and_oddly_written_plates_are_flagged(text, registration):
    assert found(text, FlagKind.VEHICLE_REGISTRATION) == [registration]


@pytest.mark.parametrize(
    "text",
    [
        "Thank you PC 1234 and PC1234 from the car.",
        "The M6 Toll and the A14 in the van.",
        "ON THE A1 AND M25 YOU WERE THERE",
        "I rang 999 at 10 PM from the car.",
        "The car was doing 70 MPH in my BMW 3 series.",
        "3 ARV cars and 2 CID officers came.",
        "Thanks to the ABC 123 club.",
        "THE CAR HIT 3 KIDS AND YOU WERE THERE FOR ALL OF US.",
        "He was arrested for DUI 2 years ago.",
    ],
)
def test_plate_shaped_words_and_numbers_are_not_registrations(text):
    assert FlagKind.VEHICLE_REGISTRATION not in kinds(text)


# Any input

PIECES = [
    *"oh zero double treble plus dim sero dwbl saith un naw 0 07700 +44 @ @sam_x insta dot [.] slash".split(),
    *"flat above the Co-op on Road Farm room 14 at care home plot pitch DOB born 3rd April NI QQ".split(),
    *"12 34 56 C reg car ABZ 1234 A B 1 2 LU1 near in the area hxxp javascript: ( ) , . - / ０７".split(),
]


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300) | st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join))
def test_finding_personal_data_never_fails_and_every_span_lies_within_the_text(text):
    for flag in find_personal_data(text):
        assert 0 <= flag.start < flag.end <= len(text)
