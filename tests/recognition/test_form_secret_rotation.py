"""Rotating SECRET_KEY (the old one moved to SECRET_KEY_FALLBACKS) loses no form that was open,
no receipt and no withdraw link."""

import re

import pytest
from altcha_django import LocalVerifier, run_verification
from django.test import override_settings

from recognition.forms import ProofOfWorkField
from recognition.models import Message, MessageStatus
from recognition.tokens import TokenState, issue_form_token, read_form_token

from .conftest import FORM_PATH, thanks_data

OLD_KEY = "old-secret-key-" + "o" * 50
NEW_KEY = "new-secret-key-" + "n" * 50


def _rotated():
    return override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[OLD_KEY])


def test_a_form_token_signed_under_the_old_key_still_reads_after_rotation():
    with override_settings(SECRET_KEY=OLD_KEY):
        token = issue_form_token()

    with _rotated():
        assert read_form_token(token, min_age=0, max_age=3600).state == TokenState.VALID
    with override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[]):
        assert read_form_token(token, min_age=0, max_age=3600).state == TokenState.INVALID


def test_a_form_opened_before_the_rotation_is_stored_after_it(client, force_hub):
    with override_settings(SECRET_KEY=OLD_KEY):
        html = client.get(FORM_PATH).content.decode()

    with _rotated():
        response = client.post(FORM_PATH, thanks_data(html, force_hub))
        assert response.status_code == 303
        assert "Your message has been received" in client.get(response["Location"]).content.decode()
    assert Message.objects.count() == 1


def test_receipts_and_withdraw_links_made_before_the_rotation_still_work(client, force_hub):
    with override_settings(SECRET_KEY=OLD_KEY):
        html = client.get(FORM_PATH).content.decode()
        data = thanks_data(html, force_hub)
        location = client.post(FORM_PATH, data)["Location"]

    with _rotated():
        # The same form sent again after the rotation finds the same receipt.
        assert client.post(FORM_PATH, data)["Location"] == location
        receipt = client.get(location).content.decode()
        withdraw = re.search(r'href="(/thanks/withdraw/[0-9a-f]{64}/)"', receipt).group(1)
        client.post(withdraw)
    assert Message.objects.get().status == MessageStatus.WITHDRAWN


def test_a_proof_of_work_signed_under_a_fallback_secret_still_verifies(client, force_hub, settings):
    """Production derives the proof of work's secret from SECRET_KEY; it lists the secrets derived
    from the fallback keys, so a challenge solved before the rotation still counts."""
    html = client.get(FORM_PATH).content.decode()
    payload = thanks_data(html, force_hub)["altcha"]
    settings.ALTCHA_HMAC_SECRET = "the-rotated-secret"

    assert not run_verification(payload, verifier=LocalVerifier(), replay=False).verified
    with pytest.raises(Exception, match="could not be validated"):
        ProofOfWorkField().clean(payload)
    settings.ALTCHA_HMAC_SECRET_FALLBACKS = ["test-altcha-secret"]
    assert ProofOfWorkField().clean(payload).verified
