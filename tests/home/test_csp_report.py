"""The CSP report endpoint: a violation is logged with only the fields that cannot carry what the
page showed; anything that is no report is a 4xx, never a 500; nothing reaches the database."""

import json

import pytest
from django.core.cache import cache
from django.urls import resolve
from structlog.testing import capture_logs

from home import csp_report

REPORT_URI = "/csp-report/"
LEGACY = "application/csp-report"
REPORTING_API = "application/reports+json"
WITHDRAW_TOKEN = "3f" * 32
SAMPLE = "alert('PC 1234 lives at 10 Downing Street')"
LEGACY_REPORT = {
    "csp-report": {
        "document-uri": f"https://thanks.example.org/thanks/withdraw/{WITHDRAW_TOKEN}/?email=sam@example.org#x",
        "referrer": "https://search.example/?q=sam+smith",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'; report-uri /csp-report/",
        "disposition": "enforce",
        "blocked-uri": "https://evil.example:8443/steal.js?who=sam@example.org",
        "line-number": 12,
        "column-number": 34,
        "source-file": "https://thanks.example.org/static/js/site.js?v=1",
        "status-code": 200,
        "script-sample": SAMPLE,
    }
}
REPORTING_API_BATCH = [
    {
        "type": "csp-violation",
        "age": 3,
        "url": "https://thanks.example.org/hertfordshire/?q=private",
        "user_agent": "Mozilla/5.0",
        "body": {
            "documentURL": "https://thanks.example.org/hertfordshire/?q=private",
            "referrer": "",
            "blockedURL": "inline",
            "effectiveDirective": "style-src-attr",
            "originalPolicy": "default-src 'self'",
            "sourceFile": "https://thanks.example.org/hertfordshire/",
            "sample": SAMPLE,
            "disposition": "report",
            "statusCode": 200,
            "lineNumber": 3,
            "columnNumber": 9,
        },
    },
    {"type": "deprecation", "age": 1, "url": "https://thanks.example.org/", "body": {"id": "x"}},
]
ALLOWED_FIELDS = {
    "event",
    "log_level",
    "directive",
    "blocked",
    "source",
    "document",
    "line",
    "column",
    "disposition",
}


@pytest.fixture(autouse=True)
def _empty_cache():
    """The endpoint's rate limit counts in the cache."""
    cache.clear()
    yield
    cache.clear()


def post(client, body, content_type=LEGACY, **extra):
    if not isinstance(body, bytes):
        body = json.dumps(body).encode()
    return client.post(REPORT_URI, data=body, content_type=content_type, **extra)


def test_the_policies_report_to_the_endpoint(client, db, settings):
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["report-uri"] == REPORT_URI
    assert settings.ADMIN_CONTENT_SECURITY_POLICY["report-uri"] == REPORT_URI
    assert resolve(REPORT_URI).func is csp_report.csp_report
    assert f"report-uri {REPORT_URI}" in client.get("/no-such-page/")["Content-Security-Policy"]
    assert f"report-uri {REPORT_URI}" in client.get("/admin/login/")["Content-Security-Policy"]


def test_a_report_is_logged_with_only_the_allowed_fields(client, db, django_assert_num_queries):
    with capture_logs() as logs, django_assert_num_queries(0):
        response = post(client, LEGACY_REPORT)

    assert response.status_code == 204
    assert logs == [
        {
            "event": "csp_violation",
            "log_level": "warning",
            "directive": "script-src-elem",
            "blocked": "https://evil.example:8443",
            "source": "https://thanks.example.org",
            "document": "/thanks/withdraw/{token}/",
            "line": 12,
            "column": 34,
            "disposition": "enforce",
        }
    ]


def test_a_reporting_api_batch_logs_its_csp_violations_only(client, db, django_assert_num_queries):
    with capture_logs() as logs, django_assert_num_queries(0):
        response = post(client, REPORTING_API_BATCH, content_type=REPORTING_API)

    assert response.status_code == 204
    assert logs == [
        {
            "event": "csp_violation",
            "log_level": "warning",
            "directive": "style-src-attr",
            "blocked": "inline",
            "source": "https://thanks.example.org",
            "document": "/hertfordshire/",
            "line": 3,
            "column": 9,
            "disposition": "report",
        }
    ]


@pytest.mark.parametrize("body", [LEGACY_REPORT, REPORTING_API_BATCH])
def test_nothing_the_page_showed_reaches_the_log(client, db, body):
    content_type = LEGACY if isinstance(body, dict) else REPORTING_API
    with capture_logs() as logs:
        post(client, body, content_type=content_type)

    logged = json.dumps(logs)
    assert logs and all(set(entry) <= ALLOWED_FIELDS for entry in logs)
    for secret in (SAMPLE, "10 Downing", WITHDRAW_TOKEN, "sam", "private", "steal.js", "search.example", "?"):
        assert secret not in logged


def test_blocked_values_that_are_no_url_are_reduced_to_their_kind(client, db):
    reports = [
        {"csp-report": {"effective-directive": "img-src", "blocked-uri": blocked}}
        for blocked in ("data:image/png;base64,AAAA", "blob:https://x/1", "eval", "not a url", 7)
    ]
    with capture_logs() as logs:
        for report in reports:
            assert post(client, report).status_code == 204

    assert [entry["blocked"] for entry in logs] == ["data", "blob", "eval", "other", ""]


@pytest.mark.parametrize(
    ("page", "logged"),
    [
        (f"/thanks/received/{WITHDRAW_TOKEN}/", "/thanks/received/{token}/"),
        (f"/cy/thanks/withdraw/{WITHDRAW_TOKEN}/", "/cy/thanks/withdraw/{token}/"),
        ("/screens/hertfordshire/hatfield/?poll=1", "/screens/hertfordshire/hatfield/"),
        ("/thanks/hertfordshire/?station=x&page=2", "/thanks/hertfordshire/"),
        ("/documents/12345678901234567/report.pdf", "/documents/{token}/report.pdf"),
        ('/a<b>/"x"/', "/ab/x/"),
    ],
)
def test_the_document_is_logged_as_its_path_without_tokens(client, db, page, logged):
    report = {
        "csp-report": {"effective-directive": "img-src", "document-uri": f"https://thanks.example.org{page}"}
    }
    with capture_logs() as logs:
        assert post(client, report).status_code == 204

    assert logs[0]["document"] == logged


def test_an_odd_directive_or_number_is_not_logged_as_given(client, db):
    report = {
        "csp-report": {
            "violated-directive": "<script>alert(1)</script>",
            "line-number": "12; rm -rf /",
            "column-number": True,
            "disposition": "anything",
        }
    }
    with capture_logs() as logs:
        assert post(client, report).status_code == 204

    assert logs[0] | {} == {
        "event": "csp_violation",
        "log_level": "warning",
        "directive": "unknown",
        "blocked": "",
        "source": "",
        "document": "",
        "line": None,
        "column": None,
        "disposition": "",
    }


def test_an_oversize_report_is_a_413(client, db):
    big = {
        "csp-report": {"effective-directive": "img-src", "script-sample": "x" * csp_report.MAX_REPORT_BYTES}
    }
    with capture_logs() as logs:
        response = post(client, big)

    assert response.status_code == 413
    assert logs == []


@pytest.mark.parametrize(
    "content_type", ["application/json", "text/plain", "application/x-www-form-urlencoded"]
)
def test_another_content_type_is_a_415(client, db, content_type):
    assert post(client, LEGACY_REPORT, content_type=content_type).status_code == 415


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"{not json", LEGACY),
        (b"\xff\xfe\x00", LEGACY),
        (b" ", LEGACY),
        (b"[]", LEGACY),
        (b'{"csp-report": "x"}', LEGACY),
        (b"null", LEGACY),
        (b'{"csp-report": {}}', REPORTING_API),
        (b'["x"]', REPORTING_API),
        (b'[{"type": "csp-violation", "body": "x"}]', REPORTING_API),
        (b"12", REPORTING_API),
    ],
)
def test_junk_is_a_400_never_a_500(client, db, body, content_type):
    with capture_logs() as logs:
        response = post(client, body, content_type=content_type)

    assert response.status_code == 400
    assert logs == []


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_only_post_is_allowed(client, db, method):
    assert getattr(client, method)(REPORT_URI).status_code == 405


def test_reports_need_no_csrf_token(db):
    from django.test import Client

    assert post(Client(enforce_csrf_checks=True), LEGACY_REPORT).status_code == 204


def test_one_address_is_limited_and_another_is_not(client, db):
    limit = int(csp_report.REPORT_RATE.split("/")[0])
    statuses = [post(client, LEGACY_REPORT, REMOTE_ADDR="192.0.2.1").status_code for _ in range(limit + 5)]

    assert statuses[:limit] == [204] * limit
    assert set(statuses[limit:]) == {429}
    assert post(client, LEGACY_REPORT, REMOTE_ADDR="192.0.2.2").status_code == 204
