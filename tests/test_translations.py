"""Four forces publish in Welsh: the Welsh catalogue is complete, compiled, and used."""

from pathlib import Path

import polib
import pytest

CATALOGUE = Path(__file__).resolve().parents[1] / "locale" / "cy" / "LC_MESSAGES"


def test_every_message_has_a_welsh_translation():
    catalogue = polib.pofile(str(CATALOGUE / "django.po"))

    assert not catalogue.untranslated_entries()
    assert not catalogue.fuzzy_entries()
    assert len(catalogue.translated_entries()) > 400


def test_the_compiled_catalogue_matches_the_source():
    source = {
        (e.msgid, e.msgid_plural): (e.msgstr, dict(e.msgstr_plural))
        for e in polib.pofile(str(CATALOGUE / "django.po"))
        if e.msgid
    }
    compiled = {
        (e.msgid, e.msgid_plural): (e.msgstr, dict(e.msgstr_plural))
        for e in polib.mofile(str(CATALOGUE / "django.mo"))
        if e.msgid
    }

    assert compiled == source, "run `make messages` to recompile locale/cy/LC_MESSAGES/django.mo"


@pytest.mark.parametrize(
    ("path", "english", "welsh"),
    [
        ("/thanks/new/", "Thank an officer", "Diolch i swyddog"),
        ("/thanks/privacy/", "Skip to main content", "Neidio i’r prif gynnwys"),
    ],
)
def test_welsh_pages_speak_welsh(client, force_hub, path, english, welsh):
    english_page = client.get(path).content.decode()
    welsh_page = client.get("/cy" + path).content.decode()

    assert english in english_page
    assert welsh in welsh_page
    assert english not in welsh_page
