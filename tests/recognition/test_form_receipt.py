"""Post, redirect, get: a stored thank-you is answered with a redirect to its private receipt, and
the same form sent again, or many times at once, shows that receipt and stores nothing more."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from recognition.models import Message, MessageStatus

from .conftest import FORM_PATH, thanks_data

COPIES = 10
RECEIPT = re.compile(r"/thanks/received/([0-9a-f]{64})/")


def _post_together(data: dict, copies: int) -> list:
    """`copies` clients post the same data at the same moment, each on its own connection (on
    PostgreSQL, separate sessions against the live database), as a double-clicking or retrying
    browser would."""
    start = threading.Barrier(copies)

    def post(_):
        start.wait()
        try:
            return Client().post(FORM_PATH, data)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=copies) as pool:
        return list(pool.map(post, range(copies)))


def test_a_stored_post_redirects_to_its_receipt(client, force_hub):
    html = client.get(FORM_PATH).content.decode()

    response = client.post(FORM_PATH, thanks_data(html, force_hub))

    assert response.status_code == 303
    assert RECEIPT.fullmatch(response["Location"])
    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    page = receipt.content.decode()
    assert "Your message has been received" in page
    assert f'href="/thanks/withdraw/{RECEIPT.fullmatch(response["Location"]).group(1)}/"' in page
    assert "no-store" in receipt["Cache-Control"] and receipt["X-Robots-Tag"] == "noindex"


def test_refreshing_the_receipt_shows_it_again_and_stores_nothing(client, force_hub):
    html = client.get(FORM_PATH).content.decode()
    location = client.post(FORM_PATH, thanks_data(html, force_hub))["Location"]

    first, again = client.get(location), client.get(location)

    assert first.content == again.content
    assert Message.objects.count() == 1


def test_the_same_proof_of_work_post_sent_twice_shows_the_same_receipt(client, force_hub):
    html = client.get(FORM_PATH).content.decode()
    data = thanks_data(html, force_hub)

    first, second = client.post(FORM_PATH, data), client.post(FORM_PATH, data)

    assert (first.status_code, second.status_code) == (303, 303)
    assert first["Location"] == second["Location"]
    assert "already used" not in client.get(second["Location"]).content.decode()
    assert Message.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_ten_copies_of_one_post_at_once_give_ten_identical_receipts_and_one_row(force_hub):
    client = Client()
    html = client.get(FORM_PATH).content.decode()
    data = thanks_data(html, force_hub)

    responses = _post_together(data, COPIES)

    assert [response.status_code for response in responses] == [303] * COPIES
    assert len({response["Location"] for response in responses}) == 1
    assert Message.objects.count() == 1
    receipt = client.get(responses[0]["Location"]).content.decode()
    assert "Your message has been received" in receipt and "already used" not in receipt


def test_a_receipt_address_nobody_was_given_is_not_found(client, force_hub):
    html = client.get(FORM_PATH).content.decode()
    client.post(FORM_PATH, thanks_data(html, force_hub))

    assert client.get("/thanks/received/" + "0" * 64 + "/").status_code == 404
    assert client.get("/thanks/received/short/").status_code == 404


def test_the_receipt_address_is_private_to_each_message(client, force_hub):
    first_form = client.get(FORM_PATH).content.decode()
    first = client.post(FORM_PATH, thanks_data(first_form, force_hub))["Location"]
    other = Client()
    second_form = other.get(FORM_PATH).content.decode()
    second = other.post(
        FORM_PATH, thanks_data(second_form, force_hub, body="Another thank you, a different one")
    )

    assert first != second["Location"]
    # An HMAC under the server's secret of a random form id, stored only as a hash: the database
    # does not hold it and nobody can count up to it.
    token = RECEIPT.fullmatch(first).group(1)
    assert len(token) == 64
    assert all(token not in str(row) for row in Message.objects.values())


def test_the_receipt_withdraws_through_its_link_and_then_says_so(client, force_hub):
    html = client.get(FORM_PATH).content.decode()
    location = client.post(FORM_PATH, thanks_data(html, force_hub))["Location"]
    withdraw = re.search(r'href="(/thanks/withdraw/[0-9a-f]{64}/)"', client.get(location).content.decode())

    client.post(withdraw.group(1))

    assert Message.objects.get().status == MessageStatus.WITHDRAWN
    assert "You have withdrawn this message" in client.get(location).content.decode()


def test_a_welsh_post_redirects_to_the_welsh_receipt(client, force_hub):
    html = client.get("/cy" + FORM_PATH).content.decode()

    response = client.post("/cy" + FORM_PATH, thanks_data(html, force_hub))

    assert response["Location"].startswith("/cy/thanks/received/")
    assert '<html lang="cy"' in client.get(response["Location"]).content.decode()
