import pytest

from .conftest import PHONE, has_horizontal_scroll


@pytest.fixture
def phone_page(page):
    page.set_viewport_size(PHONE)
    return page


def test_home_page_on_a_phone_fits_and_passes_axe(
    live_server, phone_page, force_hub, other_force_hub, axe_violations
):
    csp_violations = []
    phone_page.on(
        "console",
        lambda message: (
            csp_violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    phone_page.goto(live_server.url + "/")

    assert phone_page.get_by_role("heading", level=1).is_visible()
    assert phone_page.get_by_role("link", name="Hertfordshire Constabulary").is_visible()
    assert not has_horizontal_scroll(phone_page)
    assert axe_violations(phone_page) == ""
    assert csp_violations == []


def test_skip_link_moves_focus_to_the_main_content(live_server, phone_page, force_hub):
    phone_page.goto(live_server.url + "/")

    phone_page.keyboard.press("Tab")
    assert phone_page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    phone_page.keyboard.press("Enter")

    assert phone_page.evaluate("document.activeElement.id") == "main-content"
