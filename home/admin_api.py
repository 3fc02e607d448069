"""Wagtail's admin API (`/admin/api/main/`) for images and documents, scoped to what the user may
use. Wagtail's own endpoints list every image and document to anyone with admin access (titles,
file names, download URLs), whatever collection permissions say; these list, and open by id, only
those in collections where the user may choose, add, change or delete them, and answer 404 for any
other. The pages endpoint is Wagtail's own: it already lists only the pages a user may explore."""

from rest_framework.authentication import SessionAuthentication
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry

MEDIA_ACTIONS = ["choose", "add", "change", "delete"]


class _ScopedToCollections:
    # The admin's session, as Wagtail's pages endpoint reads it (the project's API default is none).
    authentication_classes = [SessionAuthentication]

    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        allowed = policy.instances_user_has_any_permission_for(self.request.user, MEDIA_ACTIONS)
        return super().get_queryset().filter(pk__in=allowed.values("pk"))


class ScopedImagesAdminAPIViewSet(_ScopedToCollections, ImagesAdminAPIViewSet):
    pass


class ScopedDocumentsAdminAPIViewSet(_ScopedToCollections, DocumentsAdminAPIViewSet):
    pass


def register(router) -> None:
    """Put the scoped endpoints where Wagtail's were (a `construct_admin_api` hook that runs after
    Wagtail's own)."""
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)
