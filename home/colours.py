"""Colour contrast by the WCAG 2.2 formula, for the accent colours forces choose for their hubs.

A hub's accent is the background of its week banner, under white text, so an accent is accepted
only when white text on it reaches WCAG 2.2 AA for normal text (4.5:1).
"""

import re

HEX_COLOUR = re.compile(r"^#[0-9a-f]{6}$", re.IGNORECASE)
WHITE = "#ffffff"
MINIMUM_CONTRAST = 4.5


def _linear_channel(value: int) -> float:
    srgb = value / 255
    return srgb / 12.92 if srgb <= 0.04045 else ((srgb + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """The relative luminance of a `#rrggbb` colour: 0 for black, 1 for white."""
    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    return 0.2126 * _linear_channel(red) + 0.7152 * _linear_channel(green) + 0.0722 * _linear_channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    """From 1 (no contrast) to 21 (black on white), whichever colour is lighter."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def is_accent_colour(colour: str) -> bool:
    """A `#rrggbb` colour under which white text is readable (WCAG 2.2 AA)."""
    return bool(HEX_COLOUR.match(colour)) and contrast_ratio(colour, WHITE) >= MINIMUM_CONTRAST
