"""What a submitter sees around the form: the receipt repeats the message as sent and gives the
private link to copy; a hub's "Thank <force>" button opens the form with the force chosen; the
station list marks each station with its force, for the page's script to offer only those."""

import re

from django.utils import translation

from recognition.models import Message
from tests.factories import StationFactory


def test_the_receipt_repeats_the_message_as_sent(post_thanks, force_hub):
    hatfield = force_hub.stations.get(slug="hatfield")

    page = post_thanks(force_hub, station=hatfield.pk, follow=True).content.decode()

    sent = page[page.index('class="govuk-summary-list rpw-sent-message"') :]
    for part in (
        "Hertfordshire Constabulary",
        "Hatfield",
        "PC 1234 and the Hatfield response team",
        "Thank you for staying with my dad until the ambulance came. You were so kind.",
        "Sam",
    ):
        assert part in sent


def test_an_unsigned_message_says_how_it_will_be_shown(post_thanks, force_hub):
    page = post_thanks(force_hub, from_name="", follow=True).content.decode()

    assert "Not signed: shown as “A member of the public”" in page


def test_the_message_is_escaped_on_the_receipt(post_thanks, force_hub):
    page = post_thanks(
        force_hub, body="Thank you <b>so</b> much for <script>x()</script> everything", follow=True
    )

    html = page.content.decode()
    assert "&lt;script&gt;x()&lt;/script&gt;" in html
    assert "<script>x()" not in html


def test_the_receipt_gives_the_full_private_link_to_copy(post_thanks, force_hub):
    page = post_thanks(force_hub, follow=True).content.decode()

    field = re.search(
        r'<input class="govuk-input" id="withdraw-link" type="text" value="([^"]+)" readonly', page
    )
    assert field is not None
    assert re.fullmatch(r"http://testserver/thanks/withdraw/[0-9a-f]{64}/", field.group(1))
    assert 'data-copy-from="withdraw-link"' in page
    assert "/static/js/copy-link.js" in page
    assert Message.objects.count() == 1


def test_a_hub_has_a_thank_button_that_opens_the_form_with_its_force_chosen(client, force_hub):
    page = client.get(force_hub.url).content.decode()

    button = re.search(r'<a href="([^"]+)" role="button"[^>]*>\s*Thank Hertfordshire Constabulary', page)
    assert button is not None and button.group(1) == "/thanks/new/?force=hertfordshire"

    form = client.get(button.group(1)).content.decode()
    assert re.search(r'<option value="hertfordshire" selected>', form)


def test_a_welsh_hub_thanks_the_force_by_its_welsh_name(client, other_force_hub):
    with translation.override("cy"):
        page = client.get("/cy" + other_force_hub.url).content.decode()

    assert "/cy/thanks/new/?force=gwent" in page
    assert "Heddlu Gwent" in page


def test_each_station_is_marked_with_its_force(client, force_hub, other_force_hub):
    StationFactory(page=other_force_hub, name="Newport Central", slug="newport-central")

    form = client.get("/thanks/new/").content.decode()

    hatfield = force_hub.stations.get(slug="hatfield")
    assert f'<option value="{hatfield.pk}" data-force="hertfordshire">Hatfield</option>' in form
    assert 'data-force="gwent">Newport Central</option>' in form
    assert "/static/js/thanks-form.js" in form
    # Styled as the force's list is (it was once the browser's bare default).
    assert re.search(
        r'<select (name="station" class="govuk-select"|class="govuk-select" name="station")', form
    )


def test_the_form_for_a_chosen_force_lists_only_its_stations(client, force_hub, other_force_hub):
    StationFactory(page=other_force_hub, name="Newport Central", slug="newport-central")

    form = client.get("/thanks/new/?force=gwent").content.decode()

    assert "Newport Central" in form
    assert "Hatfield" not in form
