"""Admin sessions end after ADMIN_SESSION_IDLE_MINUTES without an admin request, and every other
session of a user ends when the password changes."""

from django.test import Client

from adminauth.middleware import LAST_ACTIVITY

from .conftest import PASSWORD, sign_in, signed_in


def idle_for(client, minutes: int) -> None:
    session = client.session
    session[LAST_ACTIVITY] -= minutes * 60
    session.save()


def test_an_admin_session_idle_for_thirty_minutes_is_signed_out(client, force_editor):
    client.force_login(force_editor)
    assert client.get("/admin/").status_code == 200

    idle_for(client, 29)
    assert client.get("/admin/").status_code == 200

    idle_for(client, 31)
    response = client.get("/admin/pages/?q=x")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=%2Fadmin%2Fpages%2F%3Fq%3Dx"
    assert not signed_in(client)
    login_page = client.get(response["Location"]).content.decode()
    assert "signed out after 30 minutes without activity" in login_page


def test_the_idle_time_comes_from_the_setting(client, settings, force_editor):
    settings.ADMIN_SESSION_IDLE_MINUTES = 5
    client.force_login(force_editor)
    client.get("/admin/")

    idle_for(client, 6)
    assert client.get("/admin/").status_code == 302


def test_public_pages_neither_read_nor_extend_the_admin_idle_time(client, force_editor, force_hub):
    client.force_login(force_editor)
    client.get("/admin/")
    idle_for(client, 31)
    stamp = client.session[LAST_ACTIVITY]

    assert client.get("/hertfordshire/").status_code == 200
    assert client.session[LAST_ACTIVITY] == stamp
    assert client.get("/admin/").status_code == 302


def test_a_password_change_signs_out_the_users_other_sessions(client, force_editor):
    laptop, phone = client, Client()
    for device in (laptop, phone):
        assert sign_in(device, force_editor.username, PASSWORD).status_code == 302
        assert device.get("/admin/").status_code == 200

    changed = laptop.post(
        "/admin/account/",
        {
            "name_email-first_name": "Herts",
            "name_email-last_name": "Editor",
            "name_email-email": force_editor.email,
            "theme-theme": "system",
            "theme-contrast": "system",
            "theme-density": "default",
            "password-old_password": PASSWORD,
            "password-new_password1": "a brand new long passphrase",
            "password-new_password2": "a brand new long passphrase",
        },
    )

    assert changed.status_code == 302
    force_editor.refresh_from_db()
    assert force_editor.check_password("a brand new long passphrase")
    assert laptop.get("/admin/").status_code == 200
    assert phone.get("/admin/")["Location"].startswith("/admin/login/")
