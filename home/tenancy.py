"""The tenancy rule, defined once for every app.

A user acts for a force in two ways:
- **edits** it when they may publish its hub page (in either language), and edits for the whole
  country when they may publish the national home;
- **moderates** its thanks when they edit it, or when one of their groups holds a `ForceModeration`
  right on it (a "<Force> moderators" group, which edits nothing).

Wagtail's page permissions and that one table are the only rights; every admin view that shows or
changes force data asks these functions (through the models' permission policies), and answers 404
for an object of a force the user does not act for."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.pages import PagePermissionPolicy


def _hub_model():
    return apps.get_model("home", "ForceHubPage")


def _publishable_pages(user):
    return PagePermissionPolicy().instances_user_has_permission_for(user, "publish")


def _acts(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def force_hubs_user_may_publish(user):
    """The force hubs `user` edits, in every language: a right on either language's hub covers
    the force (they share a translation key). Superusers act for every force."""
    hub_model = _hub_model()
    keys = hub_model.objects.filter(pk__in=_publishable_pages(user).values("pk")).values("translation_key")
    return hub_model.objects.filter(translation_key__in=keys)


def force_hubs_user_may_moderate(user):
    """The force hubs whose thanks `user` moderates, in every language: those they edit, and those
    their groups were given to moderate."""
    hub_model = _hub_model()
    if not _acts(user):
        return hub_model.objects.none()
    published = hub_model.objects.filter(pk__in=_publishable_pages(user).values("pk"))
    granted = apps.get_model("home", "ForceModeration").objects.filter(group__user=user)
    return hub_model.objects.filter(
        Q(translation_key__in=published.values("translation_key"))
        | Q(translation_key__in=granted.values("force__translation_key"))
    )


def moderators_of(hub, *, include_superusers: bool = False):
    """The active users who moderate `hub`'s thanks (to alert, or to send a digest to)."""
    publishers = PagePermissionPolicy().users_with_permission_for_instance(
        "publish", hub, include_superusers=include_superusers
    )
    granted = Q(groups__force_moderation__force__translation_key=hub.translation_key)
    return (
        get_user_model()
        ._default_manager.filter(Q(pk__in=publishers.values("pk")) | granted, is_active=True)
        .distinct()
    )


def users_who_moderate():
    """Every active user who moderates some force."""
    publishers = PagePermissionPolicy().users_with_permission("publish")
    return (
        get_user_model()
        ._default_manager.filter(
            Q(pk__in=publishers.values("pk")) | Q(groups__force_moderation__isnull=False), is_active=True
        )
        .distinct()
    )


def user_is_national(user) -> bool:
    """The national team (and superusers): they act for every force."""
    return _acts(user) and (user.is_superuser or user_may_publish_national_home(user))


def pages_user_may_choose(user):
    """The pages a user may pick in the admin's page chooser: those they may explore (their own
    force's, drafts included, and the way down to them) and live pages, never another's drafts."""
    page_model = apps.get_model("wagtailcore", "Page")
    if user_is_national(user):
        return page_model.objects.all()
    explorable = PagePermissionPolicy().explorable_instances(user)
    return page_model.objects.filter(Q(pk__in=explorable.values("pk")) | Q(live=True))


def translation_keys_user_edits(user):
    """The translation keys of the pages and resources `user` edits (for translation reports)."""
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["add", "change", "publish"])
    resources = apps.get_model("wellbeing", "Resource").objects.filter(
        force__in=force_hubs_user_may_publish(user)
    )
    return [str(key) for key in pages.values_list("translation_key", flat=True)] + [
        str(key) for key in resources.values_list("translation_key", flat=True)
    ]


def landing_page(user):
    """Where a user's page explorer opens: the national home for the national team, the English hub
    for the editors of one force (who hold rights on both of a Welsh force's hubs, whose common
    ancestor is the tree's root, where no page may be made); None to keep Wagtail's own choice."""
    if not _acts(user) or user.is_superuser:
        return None
    if user_may_publish_national_home(user):
        return (
            apps.get_model("home", "HomePage")
            .objects.filter(locale__language_code=settings.LANGUAGE_CODE)
            .first()
        )
    hubs = list(force_hubs_user_may_publish(user).filter(locale__language_code=settings.LANGUAGE_CODE)[:2])
    return hubs[0] if len(hubs) == 1 else None


def user_may_publish_national_home(user) -> bool:
    home_model = apps.get_model("home", "HomePage")
    return home_model.objects.filter(pk__in=_publishable_pages(user).values("pk")).exists()
