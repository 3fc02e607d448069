"""Wrong passwords at the admin's login: at most ten per account and per client address in five
minutes (UK Cyber Essentials), then a lockout that says how long it lasts, and that ends."""

from axes.models import AccessAttempt
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.utils import translation

from .conftest import PASSWORD, age_attempts, page_text, sign_in, signed_in


def test_ten_wrong_passwords_lock_the_account_for_five_minutes_then_it_opens(client, force_editor):
    answers = [sign_in(client, force_editor.username, f"guess {n}").status_code for n in range(11)]

    assert answers == [200] * 9 + [429, 429]
    locked = sign_in(client, force_editor.username, PASSWORD)
    assert locked.status_code == 429 and not signed_in(client)
    assert "Try again in 5 minutes" in locked.content.decode()

    age_attempts(minutes=4, seconds=50)
    assert sign_in(client, force_editor.username, PASSWORD).status_code == 429
    assert not signed_in(client)

    age_attempts(seconds=11)
    opened = sign_in(client, force_editor.username, PASSWORD)
    assert opened.status_code == 302 and signed_in(client)


def test_the_lockout_page_counts_down_the_minutes_left(client, force_editor):
    for n in range(10):
        sign_in(client, force_editor.username, f"guess {n}")
    age_attempts(minutes=3, seconds=30)

    assert "Try again in 2 minutes" in sign_in(client, force_editor.username, PASSWORD).content.decode()


def test_failures_during_a_lockout_do_not_prolong_it(client, force_editor):
    for n in range(10):
        sign_in(client, force_editor.username, f"guess {n}")
    age_attempts(minutes=4)
    for n in range(5):
        sign_in(client, force_editor.username, f"more {n}")
    age_attempts(minutes=1, seconds=1)

    assert sign_in(client, force_editor.username, PASSWORD).status_code == 302


def test_one_address_guessing_many_usernames_is_locked_out_of_every_account(client, force_editor):
    answers = [sign_in(client, f"guess-{n}", "password").status_code for n in range(10)]

    assert answers[-1] == 429
    assert sign_in(client, force_editor.username, PASSWORD).status_code == 429
    assert sign_in(client, force_editor.username, PASSWORD, address="198.51.100.7").status_code == 302


def test_behind_a_trusted_proxy_the_limit_is_per_forwarded_client_and_a_forged_hop_changes_nothing(
    client, settings, force_editor
):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(10):
        forwarded = f"10.9.9.{n}, 203.0.113.9"  # the client forges the left part each time
        sign_in(client, f"guess-{n}", "password", address="10.0.0.1", x_forwarded_for=forwarded)

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}
    blocked = sign_in(client, force_editor.username, PASSWORD, "10.0.0.1", x_forwarded_for="203.0.113.9")
    assert blocked.status_code == 429
    other = sign_in(client, force_editor.username, PASSWORD, "10.0.0.1", x_forwarded_for="203.0.113.10")
    assert other.status_code == 302


def test_an_unknown_username_is_answered_exactly_like_a_known_one(client, force_editor):
    known = [sign_in(client, force_editor.username, "wrong", address="192.0.2.1") for _ in range(11)]
    unknown = [sign_in(client, "no-such-user", "wrong", address="192.0.2.2") for _ in range(11)]

    assert [r.status_code for r in known] == [r.status_code for r in unknown]
    assert [page_text(r).replace(force_editor.username, "no-such-user") for r in known] == [
        page_text(r) for r in unknown
    ]


def test_the_lockout_page_is_translated(rf, db):
    # Anonymous admin pages follow the site's default language, as Wagtail's own login page does;
    # the text is in the Welsh catalogue for whoever reads the admin in Welsh.
    request = rf.get("/admin/login/")
    request.user = AnonymousUser()
    with translation.override("cy"):
        page = render_to_string("adminauth/locked_out.html", {"minutes": 5}, request=request)

    assert "Rhowch gynnig arall ymhen 5 munud" in page
