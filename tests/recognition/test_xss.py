"""Markup and template syntax from the public stay inert text everywhere moderation shows a message:
the listing, the moderation page, the edit form, bulk confirmations, the history, success messages
and the moderators' digest."""

import re

import pytest
from django.core import mail

from recognition.models import Message
from recognition.tasks import send_moderation_digests

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "</textarea><svg onload=alert(1)>",
    "{{ 7*7 }}",
    "{% debug %}",
]
ACTIVE = re.compile(r"<script>alert|<img src=x|<svg onload|href=\"javascript:|</textarea><svg", re.I)
ADMIN = "/admin/thanks/messages/"


@pytest.fixture
def hostile(post_thanks, force_hub):
    """A message with every payload in every field the public writes, sent through the form."""
    response = post_thanks(
        force_hub,
        follow=True,
        recipient=" ".join(PAYLOADS)[:200],
        body="Thank you officers! " + " ".join(PAYLOADS),
        from_name="{{ 7*7 }} <b>Sam</b>",
    )
    assert response.status_code == 200
    return Message.objects.get()


def assert_inert(html: str, *, shows_text: bool = True):
    assert not ACTIVE.search(html), ACTIVE.search(html).group(0)
    if shows_text:
        # Shown as written: escaped, and never evaluated as a template.
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "{{ 7*7 }}" in html and "{% debug %}" in html


def test_the_form_stores_the_words_as_sent(hostile):
    assert "<script>alert(1)</script>" in hostile.body
    assert hostile.recipient.startswith("<script>")


def test_the_listing_and_search_show_them_inert(client, hostile, force_editor):
    client.force_login(force_editor)

    assert_inert(client.get(ADMIN).content.decode())
    assert_inert(client.get(ADMIN + "results/?q=alert").content.decode())


def test_the_moderation_and_edit_pages_show_them_inert(client, hostile, force_editor):
    client.force_login(force_editor)

    assert_inert(client.get(f"{ADMIN}inspect/{hostile.pk}/").content.decode())
    edit = client.get(f"{ADMIN}edit/{hostile.pk}/").content.decode()
    assert_inert(edit)
    assert "&lt;/textarea&gt;&lt;svg onload=alert(1)&gt;" in edit


def test_approving_shows_an_inert_success_message_and_history(client, hostile, force_editor):
    client.force_login(force_editor)

    response = client.post(f"{ADMIN}approve/{hostile.pk}/", {"override_flags": "on"}, follow=True)
    html = response.content.decode()

    assert Message.objects.get().status == "approved"
    assert "Approved the thank-you to" in html
    assert_inert(html)
    assert_inert(client.get(f"{ADMIN}history/{hostile.pk}/").content.decode(), shows_text=False)


def test_rejecting_shows_an_inert_success_message(client, hostile, force_editor):
    client.force_login(force_editor)

    html = client.post(f"{ADMIN}reject/{hostile.pk}/", {"reason": "other"}, follow=True).content.decode()

    assert "Rejected the thank-you to" in html
    assert_inert(html)


def test_an_edit_that_keeps_the_payload_is_saved_as_text(client, hostile, force_editor):
    client.force_login(force_editor)
    data = {
        "recipient": "<b>PC</b>",
        "body": "Thanks <script>alert(2)</script>",
        "from_name": "",
        "override_flags": "on",
    }

    html = client.post(f"{ADMIN}edit/{hostile.pk}/", data, follow=True).content.decode()

    assert Message.objects.get().body == "Thanks <script>alert(2)</script>"
    assert "<script>alert(2)" not in html and "<b>PC</b>" not in html


def test_the_bulk_confirmation_shows_them_inert(client, hostile, force_editor):
    client.force_login(force_editor)

    html = client.get(f"/admin/bulk/recognition/message/approve/?id={hostile.pk}").content.decode()

    assert not ACTIVE.search(html)
    assert "&lt;script&gt;" in html


def test_the_digest_carries_none_of_it(hostile, force_editor):
    send_moderation_digests.call()

    email = mail.outbox[-1]
    assert email.to == [force_editor.email]
    for payload in PAYLOADS:
        assert payload not in email.subject + email.body
