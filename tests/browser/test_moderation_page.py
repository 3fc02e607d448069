"""What a moderator sees: the decision buttons of a flagged message, at a phone's width and a desk's."""

import pytest

from tests.factories import submit_thanks

from .conftest import DESKTOP, PHONE

PASSWORD = "a-long-test-password-1"
DISCLOSURE = "Thank you for coming last time but he still hits me and I don't know what to do."


@pytest.fixture
def disclosure(force_hub):
    return submit_thanks(force_hub, DISCLOSURE, recipient="The officers who came").message


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_approve_reject_and_refer_show_their_labels_within_the_screen(
    live_server, page, force_editor, disclosure, viewport
):
    force_editor.set_password(PASSWORD)
    force_editor.save()
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", force_editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
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
