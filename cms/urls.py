from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from home.views import accent_stylesheet, accessibility, healthz
from wellbeing.views import ScopedSnippetsAPI


def admin_view(view):
    """Guarded as Wagtail guards its own admin views (login, admin access, no caching)."""
    return never_cache(require_admin_access(view))


# wagtail-localize's snippet lookup, for resources (the only snippets), scoped to the user's forces.
RESOURCES = {"app_label": "wellbeing", "model_name": "resource"}
LOCALIZE_RESOURCES = "admin/localize/api/snippets/wellbeing/resource/"

urlpatterns = [
    # The read-only feed: one address per answer, so outside the language prefixes. First, because
    # station screens poll it all day and every pattern before it is tried on each poll.
    path("api/v1/", include("recognition.api.urls")),
    path("healthz", healthz, name="healthz"),
    path(settings.CONTENT_SECURITY_POLICY_REPORT_URI.lstrip("/"), include("home.csp_report")),
    path(LOCALIZE_RESOURCES, admin_view(ScopedSnippetsAPI.as_view({"get": "list"})), RESOURCES),
    path(
        f"{LOCALIZE_RESOURCES}<str:pk>/",
        admin_view(ScopedSnippetsAPI.as_view({"get": "retrieve"})),
        RESOURCES,
    ),
    # Wagtail's own page chooser, bulk actions, move confirmation and reports, scoped by force.
    path("admin/", include("home.admin_overrides")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    re_path(r"^accent/(?P<colour>[0-9a-f]{6})\.css$", accent_stylesheet, name="accent_stylesheet"),
]

if settings.DEBUG:
    from django.views.static import serve

    # Images only: documents are always served by Wagtail's view, which checks collection privacy.
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>(?!documents/).*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# English pages are unprefixed, Welsh ones live under /cy/. Wagtail's catch-all comes last.
urlpatterns += i18n_patterns(
    path("thanks/", include("recognition.urls")),
    path("accessibility/", accessibility, name="accessibility"),
    path("screens/", include("recognition.screen_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
