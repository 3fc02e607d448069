import hashlib
import re

from django.test import Client

from recognition.models import Message, MessageStatus


def _withdraw_path(response) -> str:
    """The withdraw link on the receipt the stored post redirected to."""
    receipt = Client().get(response["Location"]).content.decode()
    return re.search(r"/thanks/withdraw/[0-9a-f]{64}/", receipt).group(0)


def test_the_private_link_asks_before_it_withdraws(client, post_thanks, force_hub):
    path = _withdraw_path(post_thanks(force_hub))

    response = client.get(path)

    assert response.status_code == 200
    assert "Withdraw your message" in response.content.decode()
    assert Message.objects.get().status == MessageStatus.PENDING


def test_withdrawing_a_published_message_takes_it_off_at_once(
    client, post_thanks, force_hub, auto_publishing
):
    path = _withdraw_path(post_thanks(force_hub))
    assert Message.objects.published().count() == 1

    response = client.post(path)

    assert response.status_code == 200
    assert "Your message has been withdrawn" in response.content.decode()
    assert Message.objects.get().status == MessageStatus.WITHDRAWN
    assert Message.objects.published().count() == 0


def test_withdrawing_twice_is_harmless(client, post_thanks, force_hub):
    path = _withdraw_path(post_thanks(force_hub))

    client.post(path)
    response = client.post(path)

    assert response.status_code == 200
    assert Message.objects.get().status == MessageStatus.WITHDRAWN


def test_an_unknown_link_is_not_found(client, db):
    assert client.get("/thanks/withdraw/" + "0" * 64 + "/").status_code == 404
    assert client.post("/thanks/withdraw/" + "0" * 64 + "/").status_code == 404
    assert client.get("/thanks/withdraw/short/").status_code == 404


def test_the_database_keeps_only_a_hash_of_the_link(client, post_thanks, force_hub):
    token = _withdraw_path(post_thanks(force_hub)).split("/")[3]

    stored = Message.objects.get().withdraw_token_hash
    assert stored == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(Message.objects.values().get())
