"""The dashboard greets a force's editor with their hub and the things they do in the week."""

import re

from django.test import RequestFactory

from home.admin_dashboard import YourWeekPanel
from home.demo import ensure_group
from tests.conftest import log_in_verified
from tests.factories import UserFactory


def _panel(page: str) -> str:
    start = page.index('id="home-your-week')
    return page[start : page.index("</section>", start)]


def test_a_force_editor_is_greeted_with_their_hub_and_its_tasks(client, force_editor, force_hub):
    client.force_login(force_editor)

    panel = _panel(client.get("/admin/").content.decode())

    assert "Hertfordshire Constabulary" in panel
    assert "Your week runs from 15 March 2027 to 21 March 2027." in panel or "Your week has no dates" in panel
    found = re.findall(r'<a class="button[^"]*" href="([^"]+)">([^<]+)</a>', panel)
    links = {text.strip(): href for href, text in found}
    edit = f"/admin/pages/{force_hub.pk}/edit/"
    assert links["Edit your hub"] == edit
    assert links["Add an event"] == edit + "#tab-week_and_events"
    assert links["Thanks waiting for a decision"] == f"/admin/thanks/messages/?force={force_hub.pk}"
    assert links["Pause and complaints page"] == "/admin/thanks/forces/"
    assert links["Protected names"] == "/admin/thanks/protected-names/"
    for href in links.values():
        assert client.get(href).status_code == 200, href


def test_another_forces_editor_is_not_shown_this_hub(client, other_force_hub, force_hub):
    gwent = UserFactory(username="gwent-editor")
    gwent.groups.add(ensure_group("Gwent Police editors", other_force_hub, None))
    client.force_login(gwent)

    panel = _panel(client.get("/admin/").content.decode())

    assert "Gwent Police" in panel
    assert "Hertfordshire" not in panel


def test_the_national_team_is_pointed_at_the_national_home(client, national_editor, home_page, force_hub):
    log_in_verified(client, national_editor)

    panel = _panel(client.get("/admin/").content.decode())

    assert "Edit the national home" in panel
    assert f"/admin/pages/{home_page.pk}/edit/" in panel


def test_the_panel_costs_a_fixed_number_of_queries(force_editor, force_hub, django_assert_num_queries):
    request = RequestFactory().get("/admin/")
    request.user = force_editor
    panel = YourWeekPanel(force_editor)

    with django_assert_num_queries(8):
        panel.get_context_data({"request": request})
