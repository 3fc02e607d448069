"""The tenancy rule, defined once for every app: a user acts for a force when they may publish its
hub page (in either language), and for the whole country when they may publish the national home.
Wagtail's page permissions are the only table of rights; nothing here stores a second one."""

from django.apps import apps
from wagtail.permission_policies.pages import PagePermissionPolicy


def _publishable_pages(user):
    return PagePermissionPolicy().instances_user_has_permission_for(user, "publish")


def force_hubs_user_may_publish(user):
    """The force hubs `user` acts for, in every language: a right on either language's hub covers
    the force (they share a translation key). Superusers act for every force."""
    hub_model = apps.get_model("home", "ForceHubPage")
    keys = hub_model.objects.filter(pk__in=_publishable_pages(user).values("pk")).values("translation_key")
    return hub_model.objects.filter(translation_key__in=keys)


def user_may_publish_national_home(user) -> bool:
    home_model = apps.get_model("home", "HomePage")
    return home_model.objects.filter(pk__in=_publishable_pages(user).values("pk")).exists()
