"""No public page may be framed by another site, or by our own: `frame-ancestors 'none'` and
`X-Frame-Options: DENY` agree on every public answer, cached or not. Only the admin, which frames
its own previews, allows its own origin."""

import pytest
from django.core.cache import cache

from tests.factories import MessageFactory

PUBLIC_PATHS = [
    "/",
    "/cy/",
    "/hertfordshire/",
    "/thanks/",
    "/thanks/hertfordshire/",
    "/thanks/new/",
    "/screens/hertfordshire/",
    "/screens/hertfordshire/hatfield/",
    "/cy/screens/hertfordshire/",
    "/api/v1/messages/?force=hertfordshire",
    "/api/v1/forces/",
    "/no-such-page/",
]


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())


@pytest.fixture
def site(force_hub):
    cache.clear()
    MessageFactory(force=force_hub, station=force_hub.stations.get(slug="hatfield"), published=True)
    yield
    cache.clear()


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_no_public_page_may_be_framed(client, site, path):
    for response in (client.get(path), client.get(path)):  # rendered, then from the answer cache
        assert response.status_code in (200, 404), path
        assert directives(response)["frame-ancestors"] == "'none'"
        assert response["X-Frame-Options"] == "DENY"


def test_the_admin_frames_only_its_own_previews(client, db):
    response = client.get("/admin/login/")

    assert directives(response)["frame-ancestors"] == "'self'"
    assert response["X-Frame-Options"] == "DENY"  # Wagtail's preview views lift it to SAMEORIGIN


def test_every_policy_names_the_report_endpoint(client, site):
    for path in ("/", "/screens/hertfordshire/hatfield/", "/admin/login/"):
        assert directives(client.get(path))["report-uri"] == "/csp-report/"
