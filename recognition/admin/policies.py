"""Who may do what to recognition data in the admin: the forces whose hub page a user may publish.

These policies are registered for the models, so Wagtail asks them wherever it checks a permission
(views, menu items, the admin URL finder, bulk actions). Wagtail 8's generic views check a permission
for the model, not the instance, and load objects from the default manager: so the views in this
package also load every object through `instances_user_has_any_permission_for`, and another force's
object is not found. Django's model permissions for these models are not consulted and not offered
in the group editor: the hub page's publish permission is the one switch (DESIGN.md, "The force is
its hub page").
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.permission_policies import ModelPermissionPolicy

from home.tenancy import moderators_of, users_who_moderate

from ..models import forces_user_may_moderate

CACHE_ATTRIBUTE = "_recognition_force_ids"


def moderated_forces(user):
    """The hubs `user` may moderate, for choosing a force: the default language's only (the public
    thanks those; a Welsh hub is a translation of its English one)."""
    return (
        forces_user_may_moderate(user).filter(locale__language_code=settings.LANGUAGE_CODE).order_by("title")
    )


def moderated_force_ids(user) -> frozenset[int]:
    """The ids of the forces `user` may moderate, read once per request (cached on the user)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if not hasattr(user, CACHE_ATTRIBUTE):
        setattr(user, CACHE_ATTRIBUTE, frozenset(forces_user_may_moderate(user).values_list("pk", flat=True)))
    return getattr(user, CACHE_ATTRIBUTE)


class ForceScopedPermissionPolicy(ModelPermissionPolicy):
    """Actions in `actions` on instances of the forces the user may moderate; nothing else, for
    anyone, superusers included (so messages are never added or deleted from the admin)."""

    force_field = "force"

    def __init__(self, model, *, actions):
        super().__init__(model)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and bool(moderated_force_ids(user))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        force_id = getattr(instance, f"{self.force_field}_id")
        return action in self.actions and force_id in moderated_force_ids(user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.actions.intersection(actions):
            return self.model._default_manager.none()
        return self.model._default_manager.filter(**{f"{self.force_field}__in": moderated_force_ids(user)})

    def users_with_any_permission(self, actions):
        if not self.actions.intersection(actions):
            return get_user_model()._default_manager.none()
        return users_who_moderate()

    def users_with_any_permission_for_instance(self, actions, instance):
        if not self.actions.intersection(actions):
            return get_user_model()._default_manager.none()
        return moderators_of(getattr(instance, self.force_field), include_superusers=True)
