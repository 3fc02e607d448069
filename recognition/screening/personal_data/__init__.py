"""Personal data a thank-you must not publish: phone numbers, emails, postcodes, addresses, vehicle
registrations, crime or incident references, links and handles, National Insurance numbers and
dates of birth. Each finder yields spans of the text; `find_personal_data` labels them."""

from ..flags import Flag, FlagKind
from .addresses import find_addresses
from .emails import find_emails
from .homes import find_homes
from .links import find_links
from .personal_ids import find_personal_ids
from .phones import find_phones
from .postcodes import find_postcodes
from .references import find_references
from .vehicles import find_registrations

_FINDERS = (
    (FlagKind.PHONE, find_phones),
    (FlagKind.EMAIL, find_emails),
    (FlagKind.POSTCODE, find_postcodes),
    (FlagKind.ADDRESS, find_addresses),
    (FlagKind.ADDRESS, find_homes),
    (FlagKind.VEHICLE_REGISTRATION, find_registrations),
    (FlagKind.REFERENCE_NUMBER, find_references),
    (FlagKind.LINK, find_links),
    (FlagKind.PERSONAL_ID, find_personal_ids),
)


def find_personal_data(text: str) -> list[Flag]:
    """Flags for the personal data in `text` (a body, a recipient or a signature), in finder order;
    overlapping finds of one kind are left for `screen._tidy` to merge."""
    return [Flag(kind, start, end) for kind, finder in _FINDERS for start, end in finder(text)]


__all__ = ["find_personal_data"]
