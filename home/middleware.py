from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with Wagtail's admin under its own policy.

    Public pages get `CONTENT_SECURITY_POLICY` (strict); paths under `ADMIN_URL_PREFIX` get
    `ADMIN_CONTENT_SECURITY_POLICY`, because the admin still needs inline script and style.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.ADMIN_URL_PREFIX)
        ):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY)
        return parts
