"""The form's rate limit: per salted hash of the client's network, in the shared cache."""

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.db import connection
from django.test import RequestFactory

from recognition.client import client_address, client_hash, network_of
from recognition.models import Message

from .conftest import FORM_PATH

PROJECT_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def tight_limits(settings):
    settings.RECOGNITION_RATE_LIMITS = ["2/h"]
    settings.RECOGNITION_NO_SCRIPT_RATE_LIMITS = ["1/h"]


def test_over_the_limit_answers_429_with_retry_after_and_stores_nothing(post_thanks, force_hub, tight_limits):
    assert post_thanks(force_hub).status_code == 303
    assert post_thanks(force_hub, body="A second, different thank you").status_code == 303

    response = post_thanks(force_hub, body="A third thank you, one too many")

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "Too many messages" in response.content.decode()
    assert Message.objects.count() == 2


def test_posts_without_javascript_have_a_tighter_limit(post_thanks, force_hub, tight_limits):
    assert post_thanks(force_hub, altcha=None).status_code == 303

    assert post_thanks(force_hub, altcha=None, body="Another thank you without script").status_code == 429
    assert post_thanks(force_hub, body="With the proof of work it still goes through").status_code == 303


def test_a_forged_forwarded_for_does_not_reset_the_limit(post_thanks, force_hub, tight_limits, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    statuses = [
        post_thanks(
            force_hub,
            body=f"Thank you number {n} for your help",
            headers={"X-Forwarded-For": f"198.51.100.{n}, 203.0.113.7"},
        ).status_code
        for n in range(3)
    ]

    assert statuses == [303, 303, 429]


def test_different_clients_have_their_own_limits(post_thanks, force_hub, tight_limits, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(3):
        headers = {"X-Forwarded-For": f"203.0.113.{n}"}
        assert post_thanks(force_hub, body=f"Thank you from client {n}", headers=headers).status_code == 303


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, "198.51.100.1", "10.0.0.2"),
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.9", "198.51.100.1"),
        (2, "198.51.100.1", "10.0.0.2"),
        (1, "not-an-address", "10.0.0.2"),
        (1, "", "10.0.0.2"),
    ],
)
def test_the_client_address_trusts_exactly_the_configured_hops(settings, hops, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = hops
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_address(request) == expected


def test_an_ipv6_client_is_limited_by_its_slash_64():
    assert network_of("2001:db8:1:2:aaaa::1") == network_of("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert network_of("2001:db8:1:3::1") != network_of("2001:db8:1:2::1")


def test_the_hash_names_no_address():
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.23")

    value = client_hash(request)

    assert len(value) == 64
    assert "198.51.100.23" not in value


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_worker(port: int, database_url: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url,
        "RECOGNITION_NO_SCRIPT_RATE_LIMITS": "3/h",
    }
    return subprocess.Popen(  # noqa: S603 - our own server, fixed arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cms.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "1",
            "--log-level",
            "warning",
        ],
        cwd=PROJECT_DIR,
        env=env,
    )


def _wait_until_serving(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/healthz", timeout=10)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise AssertionError(f"worker on {port} did not start")


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs the shared Redis of the PostgreSQL + Redis leg"
)
@pytest.mark.django_db(transaction=True)
def test_the_limit_holds_across_two_workers_sharing_redis(force_hub):
    """Two separate server processes, posts alternating between them: 45 junk posts from the
    address count for nothing, and then the limit of three holds."""
    settings_dict = connection.settings_dict
    database_url = f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}/{settings_dict['NAME']}"
    ports = [_free_port(), _free_port()]
    workers = [_start_worker(port, database_url) for port in ports]
    try:
        for port in ports:
            _wait_until_serving(port)
        # Junk first, from the same address through both workers: no form token, a forged one,
        # and a form that fails validation. None of it may count against the address.
        junk = []
        for n in range(45):
            port = ports[n % 2]
            with requests.Session() as session:
                session.get(f"http://127.0.0.1:{port}{FORM_PATH}", timeout=10)
                data = {
                    "csrfmiddlewaretoken": session.cookies["csrftoken"],
                    "force": force_hub.slug,
                    "recipient": "x",
                    "body": "short" if n % 3 == 0 else f"Junk post number {n} with no proper form token",
                    "consent": "on",
                    "form_token": ["", "forged", "1:2:3"][n % 3],
                }
                junk.append(
                    session.post(
                        f"http://127.0.0.1:{port}{FORM_PATH}",
                        data=data,
                        headers={"Referer": f"http://127.0.0.1:{port}{FORM_PATH}"},
                        timeout=10,
                    ).status_code
                )
        assert 429 not in junk and Message.objects.count() == 0
        statuses = []
        for n in range(6):
            port = ports[n % 2]
            with requests.Session() as session:
                html = session.get(f"http://127.0.0.1:{port}{FORM_PATH}", timeout=10).text
                token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
                data = {
                    "csrfmiddlewaretoken": session.cookies["csrftoken"],
                    "force": force_hub.slug,
                    "recipient": "The response team",
                    "body": f"Thank you, message number {n}, for all you do",
                    "consent": "on",
                    "form_token": token.replace("&quot;", '"'),
                }
                response = session.post(
                    f"http://127.0.0.1:{port}{FORM_PATH}",
                    data=data,
                    headers={"Referer": f"http://127.0.0.1:{port}{FORM_PATH}"},
                    timeout=10,
                )
                statuses.append(response.status_code)
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=10)

    assert statuses == [200, 200, 200, 429, 429, 429]
    assert Message.objects.count() == 3
