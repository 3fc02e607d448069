"""One force's editors can never change another force's hub through the admin."""

import pytest

from .admin_forms import hub_form


def _publish_form(hub, title):
    """A complete, valid edit-and-publish post for a hub, as the page editor sends it."""
    return hub_form(hub, title=title)


def test_an_editor_publishes_changes_to_their_own_hub(client, force_editor, force_hub):
    client.force_login(force_editor)

    response = client.post(f"/admin/pages/{force_hub.pk}/edit/", _publish_form(force_hub, "Herts Police"))

    assert response.status_code == 302
    force_hub.refresh_from_db()
    assert force_hub.title == "Herts Police"
    assert force_hub.live


def test_an_editor_cannot_open_another_forces_hub_in_the_editor(client, force_editor, other_force_hub):
    client.force_login(force_editor)

    response = client.get(f"/admin/pages/{other_force_hub.pk}/edit/")

    assert response.status_code in (302, 403)
    assert "Gwent Police" not in response.content.decode()


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("edit/", None),
        ("delete/", {}),
        ("unpublish/", {}),
        ("move/{home}/confirm/", {}),
        ("copy/", {"new_title": "Copy", "new_slug": "copy", "new_parent_page": "{home}"}),
    ],
)
def test_an_editor_changes_nothing_of_another_forces_hub(
    client, force_editor, home_page, other_force_hub, path, data
):
    client.force_login(force_editor)
    if data is None:
        data = _publish_form(other_force_hub, "Hacked")
    else:
        data = {key: value.format(home=home_page.pk) for key, value in data.items()}
    before = (
        other_force_hub.title,
        other_force_hub.live,
        other_force_hub.path,
        other_force_hub.latest_revision_id,
    )

    response = client.post(f"/admin/pages/{other_force_hub.pk}/{path.format(home=home_page.pk)}", data)

    assert response.status_code in (302, 403, 404)
    other_force_hub.refresh_from_db()
    after = (
        other_force_hub.title,
        other_force_hub.live,
        other_force_hub.path,
        other_force_hub.latest_revision_id,
    )
    assert after == before
    assert home_page.get_children().count() == 2


def test_an_editor_cannot_add_pages_beside_their_hub(client, force_editor, home_page):
    client.force_login(force_editor)

    response = client.get(f"/admin/pages/add/home/forcehubpage/{home_page.pk}/")

    assert response.status_code in (302, 403)


def test_the_national_team_may_edit_every_hub(national_editor, force_hub, other_force_hub):
    for hub in (force_hub, other_force_hub):
        assert hub.permissions_for_user(national_editor).can_publish()
