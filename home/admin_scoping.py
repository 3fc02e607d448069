"""How every admin view of force data looks objects up, in every app: through the model's
permission policy (which asks `home.tenancy`), so that an object of a force the user does not act
for is not found. Not found, rather than forbidden: the answer does not tell another force's
editor that the object exists."""

from django.contrib.admin.utils import unquote
from django.http import Http404


class ScopedObjectMixin:
    """For Wagtail's single-object admin views (edit, inspect, delete, copy, history, usage)."""

    scope_actions = ("change", "view")

    def scoped_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, list(self.scope_actions)
        )

    def get_base_object_queryset(self):
        return self.scoped_queryset()

    def get_object(self, *args, **kwargs):
        # Before Wagtail's own lookup, which may answer "forbidden" for an object out of scope.
        pk = self.kwargs.get("pk")
        if pk is not None and not self.scoped_queryset().filter(pk=unquote(str(pk))).exists():
            raise Http404
        found = super().get_object(*args, **kwargs)
        if not self.scoped_queryset().filter(pk=found.pk).exists():
            raise Http404
        return found
