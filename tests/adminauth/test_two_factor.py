"""Two-step verification: codes from an authenticator app after the password, required for the
national team and every force's moderators, open to everyone else, with single-use recovery codes."""

import re
from datetime import timedelta

import pytest
from django.db.models import F
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from adminauth.services import new_recovery_codes
from tests.factories import UserFactory

from .conftest import PASSWORD, sign_in

VERIFY = "/admin/two-factor/verify/"
ENROL = "/admin/two-factor/enrol/"
ADMIN_PAGES = ["/admin/", "/admin/pages/", "/admin/thanks/messages/", "/admin/two-factor/"]


def code_of(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def wait_out_throttling() -> None:
    """After a wrong code each device refuses every code for 1 s, then 2, 4...: let that pass."""
    for model in (TOTPDevice, StaticDevice):
        model.objects.update(
            throttling_failure_timestamp=F("throttling_failure_timestamp") - timedelta(minutes=1)
        )


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


@pytest.fixture
def required_users(national_editor, force_moderator):
    return [national_editor, force_moderator]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_a_required_user_without_an_authenticator_is_sent_to_enrolment_first(
    client, national_editor, force_moderator, path
):
    for user in (national_editor, force_moderator):
        client.force_login(user)
        response = client.get(path)

        assert response.status_code == 302
        assert response["Location"].startswith(ENROL + "?next=")


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_a_required_user_must_enter_a_code_before_any_admin_page(client, required_users, path):
    for user in required_users:
        confirmed_device(user)
        client.force_login(user)
        response = client.get(path)

        assert response.status_code == 302
        assert response["Location"].startswith(VERIFY + "?next=")


def test_the_password_then_a_code_from_the_app_opens_the_admin(client, national_editor):
    device = confirmed_device(national_editor)
    after_password = sign_in(client, national_editor.username, PASSWORD)
    assert client.get(after_password["Location"])["Location"].startswith(VERIFY)

    wrong = client.post(VERIFY, {"code": "000000" if code_of(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and "That code is not right" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    assert client.post(VERIFY, {"code": code_of(device)}).status_code == 200, "a wrong code slows the next"

    wait_out_throttling()
    verified = client.post(VERIFY, {"code": code_of(device), "next": "/admin/pages/"})
    assert verified["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_once(client, national_editor):
    confirmed_device(national_editor)
    first, second, *_ = new_recovery_codes(user=national_editor)

    client.force_login(national_editor)
    assert client.post(VERIFY, {"code": first.upper()}).status_code == 302
    assert client.get("/admin/").status_code == 200

    again = Client()
    again.force_login(national_editor)
    assert again.post(VERIFY, {"code": first}).status_code == 200
    assert again.get("/admin/").status_code == 302
    wait_out_throttling()
    assert again.post(VERIFY, {"code": second}).status_code == 302
    assert again.get("/admin/").status_code == 200


def test_enrolment_shows_a_qr_code_confirms_with_a_code_and_gives_recovery_codes(client, force_moderator):
    client.force_login(force_moderator)
    page = client.get(ENROL, {"next": "/admin/pages/"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "Set up two-step verification" in html
    pending = TOTPDevice.objects.get(user=force_moderator, confirmed=False)

    done = client.post(ENROL, {"code": code_of(pending), "next": "/admin/pages/"})

    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=force_moderator).confirmed
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_does_not_confirm_enrolment(client, force_moderator):
    client.force_login(force_moderator)
    client.get(ENROL)
    pending = TOTPDevice.objects.get(user=force_moderator)

    wrong = "000000" if code_of(pending) != "000000" else "111111"
    assert client.post(ENROL, {"code": wrong}).status_code == 200
    assert not TOTPDevice.objects.get(user=force_moderator).confirmed
    assert client.get("/admin/").status_code == 302


def test_a_password_alone_cannot_add_an_authenticator_to_an_account_that_has_one(client, force_editor):
    confirmed_device(force_editor)
    client.force_login(force_editor)

    assert client.get(ENROL)["Location"].startswith(VERIFY)
    assert client.post(ENROL, {"code": "123456"})["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=force_editor).count() == 1


def test_users_not_required_use_the_admin_without_codes_and_may_turn_them_on(client, force_editor):
    client.force_login(force_editor)
    assert client.get("/admin/").status_code == 200
    assert "Turn on two-step verification" in client.get("/admin/two-factor/").content.decode()

    client.get(ENROL)
    client.post(ENROL, {"code": code_of(TOTPDevice.objects.get(user=force_editor))})

    later = Client()
    later.force_login(force_editor)
    assert later.get("/admin/")["Location"].startswith(VERIFY)


def test_a_user_who_is_not_required_may_turn_it_off_and_a_required_one_may_not(
    client, force_editor, national_editor, verified_login
):
    verified_login(force_editor)
    client.post("/admin/two-factor/turn-off/")
    assert not TOTPDevice.objects.filter(user=force_editor).exists()

    verified_login(national_editor)
    client.post("/admin/two-factor/turn-off/")
    assert TOTPDevice.objects.filter(user=national_editor, confirmed=True).exists()


def test_new_recovery_codes_replace_the_old_ones(client, national_editor, verified_login):
    old = new_recovery_codes(user=national_editor)
    verified_login(national_editor)

    page = client.post("/admin/two-factor/recovery-codes/").content.decode()
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)

    assert len(new) == 10
    other = Client()
    other.force_login(national_editor)
    assert other.post(VERIFY, {"code": old[0]}).status_code == 200
    wait_out_throttling()
    assert other.post(VERIFY, {"code": new[0]}).status_code == 302


def test_the_required_groups_come_from_the_setting(client, settings, force_editor, national_editor):
    settings.ADMIN_2FA_REQUIRED_GROUPS = ["* editors"]
    client.force_login(force_editor)
    assert client.get("/admin/")["Location"].startswith(ENROL)

    client.force_login(national_editor)
    assert client.get("/admin/").status_code == 200


def test_the_verified_login_helper_reaches_the_admin(client, national_editor, verified_login):
    verified_login(national_editor)

    assert client.get("/admin/").status_code == 200


def test_a_user_without_admin_access_is_not_asked_for_codes(client, db):
    user = UserFactory()
    client.force_login(user)

    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_someone_asked_for_a_code_can_still_sign_out(client, national_editor):
    confirmed_device(national_editor)
    client.force_login(national_editor)
    assert 'action="/admin/logout/"' in client.get(VERIFY).content.decode()

    client.post("/admin/logout/")

    assert "_auth_user_id" not in client.session
