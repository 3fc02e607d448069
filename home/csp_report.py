"""Where browsers report Content Security Policy violations (`report-uri` in the policies).

A report can carry what the page showed: `script-sample` holds the first characters of the blocked
script or style, URLs carry queries and private paths (a withdraw link's token). So only this is
logged: the directive, the origin (scheme and host) of what was blocked and of the file that tried,
the path of the page with anything token-like cut out, line and column, enforce or report. Nothing
is stored in the database. Reports come in both formats browsers send: `application/csp-report`
(one `{"csp-report": {...}}`) and the Reporting API's `application/reports+json` (a list).
"""

import json
import re
from urllib.parse import urlsplit

import structlog
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.core import get_usage

from recognition.client import client_hash

logger = structlog.get_logger(__name__)

MAX_REPORT_BYTES = 8 * 1024
# Per client network: a page with a broken policy reports each violation; more is noise or abuse.
REPORT_RATE = "60/m"
# A Reporting API batch may hold several reports; more than this from one post are not logged.
MAX_REPORTS_PER_POST = 10
LEGACY = "application/csp-report"
REPORTING_API = "application/reports+json"
# What `blocked-uri` holds when no URL was blocked.
_KEYWORDS = frozenset(
    {"inline", "eval", "wasm-eval", "self", "data", "blob", "trusted-types-policy", "trusted-types-sink"}
)
_DIRECTIVE = re.compile(r"^[a-z-]{1,40}$")
_UNSAFE_IN_PATH = re.compile(r"[^A-Za-z0-9_.~%-]")
_PATH_MAX = 200
REDACTED_SEGMENT = "{token}"


class BadReport(ValueError):
    pass


@csrf_exempt
@require_POST
def csp_report(request):
    """Log the violations reported, without the page's content: 204, or 4xx for what is no report."""
    if request.content_type not in (LEGACY, REPORTING_API):
        return HttpResponse(status=415)
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return HttpResponse(status=400)
    if declared > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    if _over_the_rate(request):
        return HttpResponse(status=429)
    body = request.read(MAX_REPORT_BYTES + 1)
    if len(body) > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    try:
        reports = _reports(json.loads(body), request.content_type)
    except (ValueError, BadReport):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return HttpResponse(status=400)
    for report in reports[:MAX_REPORTS_PER_POST]:
        logger.warning("csp_violation", **loggable(report))
    return HttpResponse(status=204)


def _over_the_rate(request) -> bool:
    usage = get_usage(
        request,
        group="home.csp_report",
        key=lambda _group, _request: client_hash(request),
        rate=REPORT_RATE,
        increment=True,
    )
    return usage is not None and usage["should_limit"]


def _reports(payload, content_type: str) -> list[dict]:
    """The violations in a post, as dictionaries with the legacy format's keys."""
    if content_type == LEGACY:
        if not isinstance(payload, dict) or not isinstance(payload.get("csp-report"), dict):
            raise BadReport
        return [payload["csp-report"]]
    if not isinstance(payload, list) or not all(isinstance(item, dict) for item in payload):
        raise BadReport
    reports = []
    for item in payload:
        if item.get("type") != "csp-violation":
            continue  # the Reporting API shares endpoints with other kinds of report
        body = item.get("body")
        if not isinstance(body, dict):
            raise BadReport
        reports.append(
            {
                "document-uri": body.get("documentURL"),
                "effective-directive": body.get("effectiveDirective"),
                "blocked-uri": body.get("blockedURL"),
                "source-file": body.get("sourceFile"),
                "line-number": body.get("lineNumber"),
                "column-number": body.get("columnNumber"),
                "disposition": body.get("disposition"),
            }
        )
    return reports


def loggable(report: dict) -> dict:
    """The fields of one report that may be logged, each reduced to what cannot carry content."""
    directive = report.get("effective-directive") or report.get("violated-directive")
    directive = directive.split(" ", 1)[0] if isinstance(directive, str) else ""
    disposition = report.get("disposition")
    return {
        "directive": directive if _DIRECTIVE.match(directive) else "unknown",
        "blocked": _blocked(report.get("blocked-uri")),
        "source": _origin(report.get("source-file")),
        "document": _path(report.get("document-uri")),
        "line": _number(report.get("line-number")),
        "column": _number(report.get("column-number")),
        "disposition": disposition if disposition in ("enforce", "report") else "",
    }


def _blocked(value) -> str:
    if not isinstance(value, str) or not value:
        return ""
    if value in _KEYWORDS:
        return value
    scheme = value.split(":", 1)[0].lower()
    if scheme in ("data", "blob", "filesystem", "about", "javascript"):
        return scheme
    return _origin(value) or "other"


def _origin(value) -> str:
    """`scheme://host[:port]` of an http(s) or ws(s) URL, else empty: never its path or query."""
    if not isinstance(value, str):
        return ""
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https", "ws", "wss") or not parts.hostname:
        return ""
    return f"{parts.scheme}://{parts.hostname}{f':{port}' if port else ''}"


def _path(value) -> str:
    """The page's path, without query or fragment, with token-like segments replaced."""
    if not isinstance(value, str):
        return ""
    try:
        page_path = urlsplit(value).path
    except ValueError:
        return ""
    segments = [_UNSAFE_IN_PATH.sub("", segment) for segment in page_path.split("/")]
    return "/".join(REDACTED_SEGMENT if _token_like(segment) else segment for segment in segments)[:_PATH_MAX]


def _token_like(segment: str) -> bool:
    """A receipt's or withdraw link's token, an id: long, or with digits. Short slugs are kept."""
    return len(segment) >= 32 or (len(segment) >= 16 and sum(c.isdigit() for c in segment) >= 3)


def _number(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**7 else None


# Mounted by one line in cms/urls.py, at settings.CONTENT_SECURITY_POLICY_REPORT_URI.
urlpatterns = [path("", csp_report, name="csp_report")]
