"""Who may manage which wellbeing resources: the same tenancy rule as the pages.

A user may manage a force's resources if they may publish that force's hub page, and the national
resources if they may publish the national home. Nothing else grants it: no model permission, so
there is no second permission table to keep in sync with the page tree.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from home.tenancy import force_hubs_user_may_publish, user_may_publish_national_home

NATIONAL_HOME = "home.HomePage"
FORCE_HUB = "home.ForceHubPage"


@dataclass(frozen=True)
class ResourceScopes:
    """What one user may manage: the national resources or not, and the ids of force hub pages
    (in every language) whose resources they may manage."""

    national: bool
    force_ids: frozenset[int]
    everything: bool = False

    def covers(self, force_id: int | None) -> bool:
        if self.everything:
            return True
        return self.national if force_id is None else force_id in self.force_ids

    @property
    def any(self) -> bool:
        return self.everything or self.national or bool(self.force_ids)


def resource_scopes(user) -> ResourceScopes:
    if not user.is_active or user.is_anonymous:
        return ResourceScopes(national=False, force_ids=frozenset())
    if user.is_superuser:
        return ResourceScopes(national=True, force_ids=frozenset(), everything=True)
    force_ids = force_hubs_user_may_publish(user).values_list("pk", flat=True)
    return ResourceScopes(national=user_may_publish_national_home(user), force_ids=frozenset(force_ids))


class ResourcePermissionPolicy(BasePermissionPolicy):
    """Every action (add, change, delete, view) follows the user's `ResourceScopes`."""

    permission_cache_name = "_wellbeing_resource_scopes"

    def get_all_permissions_for_user(self, user):
        return resource_scopes(user)

    def scopes(self, user) -> ResourceScopes:
        return self.get_cached_permissions_for_user(user)

    def user_has_permission(self, user, action):
        return self.scopes(user).any

    def user_has_any_permission(self, user, actions):
        return self.scopes(user).any

    def user_has_permission_for_instance(self, user, action, instance):
        return self.scopes(user).covers(instance.force_id)

    def managed_by(self, user) -> Q:
        """The resources `user` manages, as a filter on the force (one that Wagtail search accepts)."""
        scopes = self.scopes(user)
        if scopes.everything:
            return Q()
        allowed = Q(force__in=scopes.force_ids)
        return allowed | Q(force__isnull=True) if scopes.national else allowed

    def instances_user_has_any_permission_for(self, user, actions):
        return self.model._default_manager.filter(self.managed_by(user))

    def users_with_any_permission(self, actions):
        return PagePermissionPolicy().users_with_permission("publish")

    def users_with_any_permission_for_instance(self, actions, instance):
        page = instance.force or apps.get_model(NATIONAL_HOME).objects.filter(depth=2).first()
        if page is None:
            return get_user_model()._default_manager.filter(is_active=True, is_superuser=True)
        return PagePermissionPolicy().users_with_permission_for_instance("publish", page)
