"""The accessibility statement and the privacy notice in Chromium at a phone's width: they fit, axe
finds nothing, and the footer's links and the notice's force chooser work from the keyboard."""

import pytest

from recognition.models import ForceRecognitionSettings

from .conftest import DESKTOP, PHONE, has_horizontal_scroll

CONTROLLER = "The Chief Constable of Hertfordshire Constabulary"


@pytest.fixture
def forces(force_hub, other_force_hub):
    ForceRecognitionSettings.objects.create(
        force=force_hub,
        privacy_controller_name=CONTROLLER,
        privacy_controller_address="Stanborough Road\nWelwyn Garden City",
        data_protection_officer_email="data-protection@hertfordshire.police.example",
    )
    return force_hub


@pytest.fixture
def csp_violations(page):
    seen = []
    page.on("console", lambda m: seen.append(m.text) if "Content Security Policy" in m.text else None)
    return seen


@pytest.mark.parametrize(
    "path",
    [
        "/accessibility/",
        "/cy/accessibility/",
        "/thanks/privacy/",
        "/thanks/privacy/?force=hertfordshire",
        "/cy/thanks/privacy/?force=gwent",
    ],
)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_the_footer_pages_fit_and_pass_axe(
    live_server, page, forces, axe_violations, csp_violations, path, viewport
):
    page.set_viewport_size(viewport)

    page.goto(live_server.url + path)

    assert page.get_by_role("heading", level=1).is_visible()
    assert page.locator("footer .govuk-footer__inline-list a").count() == 3
    assert not has_horizontal_scroll(page)
    assert axe_violations(page) == ""
    assert csp_violations == []


def test_the_footers_contact_link_opens_the_national_teams_address(live_server, page, forces):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/thanks/")

    page.locator("footer").get_by_role("link", name="Contact us").click()

    page.wait_for_url("**/accessibility/#contact")
    assert page.get_by_role("heading", name="Feedback and contact information").is_visible()
    assert page.get_by_role("link", name="national-team@response-policing-week.example").is_visible()


def test_a_keyboard_user_finds_a_forces_controller_without_javascript(live_server, browser, forces):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/thanks/privacy/")

    page.get_by_label("See the data controller for the force you sent your message to").focus()
    page.keyboard.press("End")  # the last force in the list: Hertfordshire, of the two here
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.wait_for_url("**/thanks/privacy/?force=hertfordshire#controller")
    assert page.get_by_role("heading", name="For messages to Hertfordshire Constabulary").is_visible()
    assert page.get_by_text(CONTROLLER).is_visible()
    context.close()
