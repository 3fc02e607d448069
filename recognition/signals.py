"""Cache invalidation only: what the wall and the feed show of forces, stations and pauses lives
outside the messages, so their changes move the wall's version too. Changes to messages themselves
go through `recognition.services`, which bump the version there."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from .models import ForceRecognitionSettings, Message, NationalWallSettings
from .versioning import bump_wall_version

DISPATCH_UID = "recognition.wall-version"


def wall_changed(sender, raw=False, **kwargs) -> None:
    if not raw:  # fixtures load rows as they are; nobody is watching yet
        bump_wall_version()


def pause_changed(sender, instance, created=False, raw=False, **kwargs) -> None:
    # The national settings row is created on first read, unpaused: nothing the public sees changes.
    if not (created and not instance.paused):
        wall_changed(sender, raw=raw)


def connect_signals() -> None:
    force_model = Message._meta.get_field("force").related_model
    station_model = Message._meta.get_field("station").related_model
    post_save.connect(wall_changed, sender=station_model, dispatch_uid=DISPATCH_UID)
    for model in (ForceRecognitionSettings, NationalWallSettings):
        post_save.connect(pause_changed, sender=model, dispatch_uid=DISPATCH_UID)
    for model in (station_model, ForceRecognitionSettings, NationalWallSettings):
        post_delete.connect(wall_changed, sender=model, dispatch_uid=DISPATCH_UID)
    # A hub's name, slug and liveness reach the public when it is published, unpublished or
    # deleted; saving a draft changes nothing they see.
    post_delete.connect(wall_changed, sender=force_model, dispatch_uid=DISPATCH_UID)
    page_published.connect(wall_changed, sender=force_model, dispatch_uid=DISPATCH_UID)
    page_unpublished.connect(wall_changed, sender=force_model, dispatch_uid=DISPATCH_UID)
