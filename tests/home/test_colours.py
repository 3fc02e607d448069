import pytest
from django.core.exceptions import ValidationError

from home.colours import WHITE, contrast_ratio, is_accent_colour, relative_luminance
from home.models.base import validate_accent_colour


def test_black_and_white_are_the_extremes_of_contrast():
    assert relative_luminance("#000000") == 0
    assert relative_luminance(WHITE) == pytest.approx(1)
    assert contrast_ratio("#000000", WHITE) == pytest.approx(21)
    assert contrast_ratio(WHITE, WHITE) == pytest.approx(1)


def test_contrast_does_not_depend_on_which_colour_comes_first():
    assert contrast_ratio("#1d3a6e", WHITE) == contrast_ratio(WHITE, "#1d3a6e")


@pytest.mark.parametrize(
    ("colour", "ratio"),
    [("#767676", 4.54), ("#777777", 4.48), ("#1d70b8", 5.17), ("#1d3a6e", 11.16)],
)
def test_contrast_with_white_matches_the_wcag_formula(colour, ratio):
    assert contrast_ratio(colour, WHITE) == pytest.approx(ratio, abs=0.01)


@pytest.mark.parametrize(
    ("colour", "accepted"),
    [
        ("#1d3a6e", True),
        ("#1D3A6E", True),
        ("#767676", True),
        ("#777777", False),
        ("#ffdd00", False),
        ("#ffffff", False),
        ("1d3a6e", False),
        ("#1d3a6", False),
        ("#1d3a6g", False),
    ],
)
def test_an_accent_must_carry_white_text_at_aa(colour, accepted):
    assert is_accent_colour(colour) is accepted


def test_a_pale_accent_is_refused_with_its_ratio():
    with pytest.raises(ValidationError, match=r"1\.3:1"):
        validate_accent_colour("#ffdd00")


def test_a_malformed_accent_is_refused_with_the_expected_format():
    with pytest.raises(ValidationError, match="six hexadecimal digits"):
        validate_accent_colour("navy")
