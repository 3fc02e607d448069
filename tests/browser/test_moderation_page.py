"""What a moderator sees: the decision buttons of a flagged message, at a phone's width and a desk's."""

import pytest

from tests.factories import submit_thanks

from .conftest import DESKTOP, PHONE, is_pressable

PASSWORD = "a-long-test-password-1"
DISCLOSURE = "Thank you for coming last time but he still hits me and I don't know what to do."


@pytest.fixture
def disclosure(force_hub):
    return submit_thanks(force_hub, DISCLOSURE, recipient="The officers who came").message


WIDE = {"width": 1920, "height": 1080}
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP, WIDE], ids=["360", "1280", "1920"])


def log_in(live_server, page, user):
    user.set_password(PASSWORD)
    user.save()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")


def overflowing(page) -> list[str]:
    """The page's controls and table rows whose right edge is past the viewport's."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll(
              'main select, main textarea, main input, main button, main tr'))
          .filter(e => e.getBoundingClientRect().width > 0
              && e.getBoundingClientRect().right > window.innerWidth + 1)
          .map(e => e.tagName + '#' + (e.id || e.name || '') + ' '
              + Math.round(e.getBoundingClientRect().right))"""
    )


@VIEWPORTS
def test_approve_reject_and_refer_show_their_labels_within_the_screen(
    live_server, page, force_editor, disclosure, viewport
):
    page.set_viewport_size(viewport)
    log_in(live_server, page, force_editor)
    page.goto(f"{live_server.url}/admin/thanks/messages/inspect/{disclosure.pk}/")

    for name in ("Approve", "Reject", "Refer"):
        button = page.get_by_role("button", name=name, exact=True)
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        icon = button.locator("svg").bounding_box()
        assert button.inner_text().strip() == name
        assert box["height"] <= 48 and icon["width"] <= 24 and icon["height"] <= 24, (name, box, icon)
        # The label is beside the icon, not under it, and the whole button is on the screen.
        assert icon["x"] + icon["width"] <= box["x"] + box["width"] - 20, (name, box, icon)
        assert 0 <= box["x"] and box["x"] + box["width"] <= viewport["width"], (name, box)
        assert is_pressable(button), name
    # The reason to reject and the notes fit the screen too (they used to run 190 px past a phone's).
    assert overflowing(page) == []


@VIEWPORTS
def test_the_queue_fits_the_screen_with_each_message_one_tap_away(
    live_server, page, force_editor, disclosure, viewport
):
    page.set_viewport_size(viewport)
    log_in(live_server, page, force_editor)
    page.goto(f"{live_server.url}/admin/thanks/messages/")

    assert overflowing(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    link = page.get_by_role("link", name="The officers who came", exact=True)
    assert is_pressable(link)
    with page.expect_navigation():
        link.click()
    assert page.get_by_role("button", name="Approve", exact=True).is_visible()


@VIEWPORTS
def test_the_force_settings_and_protected_names_lists_fit_the_screen(
    live_server, page, force_editor, force_hub, viewport
):
    page.set_viewport_size(viewport)
    log_in(live_server, page, force_editor)
    for address in ("/admin/thanks/forces/", "/admin/thanks/protected-names/"):
        page.goto(live_server.url + address)

        assert overflowing(page) == [], address
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), address
