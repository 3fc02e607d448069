"""The public's path on a phone: fill in the form, prove it is a person, read the receipt."""

import re

import pytest

from recognition.models import Message, MessageStatus
from tests.factories import StationFactory

from .conftest import PHONE, has_horizontal_scroll, is_pressable


@pytest.fixture
def phone_page(page):
    page.set_viewport_size(PHONE)
    return page


@pytest.fixture
def csp_violations(phone_page):
    seen = []
    phone_page.on(
        "console",
        lambda message: seen.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return seen


def fill_in_thanks(
    page, body="Thank you for getting to my mum so quickly on Saturday night. You were wonderful."
):
    page.get_by_label("Which police force?").select_option(label="Hertfordshire Constabulary")
    page.get_by_label("Which station? (optional)").select_option(label="Hatfield")
    page.get_by_label("Who would you like to thank?").fill("The officers who came to Oak Road")
    page.get_by_label("Your message").fill(body)
    page.get_by_label("How would you like to sign it? (optional)").fill("Priya")
    page.get_by_label("I agree that my message").check()


def send(page):
    """Press "Send your thanks" and wait for the server's answer: the click alone returns before it."""
    with page.expect_navigation():
        page.get_by_role("button", name="Send your thanks").click()


def test_a_phone_user_sends_thanks_and_gets_a_receipt(
    live_server, phone_page, force_hub, axe_violations, csp_violations
):
    phone_page.goto(live_server.url + "/thanks/new/")
    assert not has_horizontal_scroll(phone_page)
    assert axe_violations(phone_page) == ""

    fill_in_thanks(phone_page)
    # Focusing the form started the proof of work, in a worker served from our own origin.
    phone_page.locator('altcha-widget .altcha[data-state="verified"]').wait_for(timeout=60_000)
    send(phone_page)

    assert phone_page.get_by_role("heading", name="Thank you").is_visible()
    assert phone_page.get_by_role("link", name="Withdraw my message").is_visible()
    sent = phone_page.locator(".rpw-sent-message").inner_text()
    for part in ("Hertfordshire Constabulary", "Hatfield", "The officers who came to Oak Road", "Priya"):
        assert part in sent
    assert "getting to my mum so quickly" in sent
    assert not has_horizontal_scroll(phone_page)
    assert axe_violations(phone_page) == ""
    message = Message.objects.get()
    assert (message.status, message.station.name, message.from_name) == (
        MessageStatus.PENDING,
        "Hatfield",
        "Priya",
    )
    assert csp_violations == []


@pytest.mark.parametrize("width", [360, 1280, 1920])
def test_the_send_button_can_be_seen_and_pressed(live_server, page, force_hub, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + "/thanks/new/")

    assert is_pressable(page.get_by_role("button", name="Send your thanks"))
    assert not has_horizontal_scroll(page)


def test_the_station_list_offers_only_the_chosen_forces_stations(
    live_server, phone_page, force_hub, other_force_hub
):
    StationFactory(page=other_force_hub, name="Newport Central")
    phone_page.goto(live_server.url + "/thanks/new/")
    stations = phone_page.get_by_label("Which station? (optional)")

    def offered():
        return [text.strip() for text in stations.locator("option").all_inner_texts()]

    # Before a force is chosen every station is offered, grouped by force.
    assert {"Hatfield", "Newport Central"} <= set(offered())

    phone_page.get_by_label("Which police force?").select_option(label="Hertfordshire Constabulary")
    assert sorted(offered()) == ["Hatfield", "Not sure, or not a station", "Welwyn Garden City"]
    stations.select_option(label="Hatfield")

    phone_page.get_by_label("Which police force?").select_option(label="Gwent Police")
    assert offered() == ["Not sure, or not a station", "Newport Central"]
    assert stations.input_value() == ""  # Hatfield is not Gwent's: the choice is cleared


def test_the_receipt_copies_the_private_link(live_server, page, force_hub):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + "/thanks/new/")
    fill_in_thanks(page)
    page.locator('altcha-widget .altcha[data-state="verified"]').wait_for(timeout=60_000)
    send(page)

    link = page.get_by_label("Your private link").input_value()
    assert re.fullmatch(re.escape(live_server.url) + r"/thanks/withdraw/[0-9a-f]{64}/", link)
    copy = page.get_by_role("button", name="Copy link")
    assert is_pressable(copy)
    copy.click()

    page.get_by_text("Link copied. Keep it somewhere private.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == link


def test_mistakes_are_listed_in_an_error_summary_that_takes_focus(
    live_server, phone_page, force_hub, axe_violations
):
    phone_page.goto(live_server.url + "/thanks/new/")

    phone_page.get_by_label("Your message").fill("Thanks")
    send(phone_page)

    summary = phone_page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Choose the police force you want to thank" in summary.inner_text()
    assert "at least 10 characters" in summary.inner_text()
    assert phone_page.evaluate("document.activeElement.closest('.govuk-error-summary') !== null")
    assert axe_violations(phone_page) == ""
    assert Message.objects.count() == 0


def test_the_form_works_without_javascript(live_server, browser, force_hub):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/thanks/new/?force=hertfordshire")

    fill_in_thanks(page)
    send(page)

    assert page.get_by_role("heading", name="Thank you").is_visible()
    assert Message.objects.count() == 1
    context.close()


def test_the_whole_path_on_a_phone_submit_receipt_then_a_moderator_approves(
    live_server, browser, force_hub, force_editor
):
    public = browser.new_context(viewport=PHONE)
    page = public.new_page()
    page.goto(live_server.url + "/thanks/new/?force=hertfordshire&station=hatfield")
    fill_in_thanks(page, body="Thank you to the Hatfield team for finding our lost grandad so quickly.")
    page.locator('altcha-widget .altcha[data-state="verified"]').wait_for(timeout=60_000)
    send(page)
    assert page.get_by_role("heading", name="Thank you").is_visible()
    public.close()

    moderator = browser.new_context(viewport=PHONE).new_page()
    moderator.goto(live_server.url + "/admin/login/")
    moderator.get_by_label("Username").fill(force_editor.username)
    moderator.get_by_label("Password").fill("correct horse battery staple")
    with moderator.expect_navigation():
        moderator.get_by_role("button", name="Sign in").click()
    moderator.goto(live_server.url + "/admin/thanks/messages/")
    message_link = re.compile("finding our lost grandad|The officers who came")
    with moderator.expect_navigation():
        moderator.get_by_role("link", name=message_link).first.click()
    with moderator.expect_navigation():
        moderator.get_by_role("button", name="Approve").click()

    message = Message.objects.get()
    assert message.status == MessageStatus.APPROVED
    assert Message.objects.published().get() == message
    moderator.context.close()


def test_a_disclosure_is_answered_first_with_where_to_get_help_now(
    live_server, phone_page, force_hub, axe_violations, csp_violations
):
    phone_page.goto(live_server.url + "/thanks/new/")
    fill_in_thanks(
        phone_page,
        body="Thank you for last week. Honestly everyone would be better off without me, "
        "I won't be around much longer.",
    )
    phone_page.locator('altcha-widget .altcha[data-state="verified"]').wait_for(timeout=60_000)
    send(phone_page)

    main = phone_page.locator("main")
    first_heading = main.get_by_role("heading").first.inner_text()
    assert "help" in first_heading.lower()
    assert main.locator('a[href="tel:999"]').is_visible()
    assert main.locator('a[href="tel:116123"]').is_visible()
    assert main.locator('a[href="tel:101"]').is_visible()
    assert not has_horizontal_scroll(phone_page)
    assert axe_violations(phone_page) == ""
    assert csp_violations == []
    assert Message.objects.get().status == MessageStatus.PENDING
