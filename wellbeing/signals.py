"""A resource's topics are the same in every language.

wagtail-localize translates a resource's words but not its many-to-many fields, so a new Welsh
version would have no topics and a change of topics in one language would not reach the others.
These receivers keep every version of a resource (same `translation_key`) on one set of topics.
They write the link table directly, so they do not set each other off.
"""

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from .models import Resource

Link = Resource.topics.through


def copy_topics(source: Resource, targets) -> None:
    """Gives every resource in `targets` exactly the topics of `source`."""
    target_ids = list(targets.values_list("pk", flat=True))
    if not target_ids:
        return
    topic_ids = list(Link.objects.filter(resource_id=source.pk).values_list("topic_id", flat=True))
    Link.objects.filter(resource_id__in=target_ids).delete()
    Link.objects.bulk_create(
        [Link(resource_id=target, topic_id=topic) for target in target_ids for topic in topic_ids]
    )


def other_versions(resource: Resource):
    return Resource.objects.filter(translation_key=resource.translation_key).exclude(pk=resource.pk)


@receiver(m2m_changed, sender=Link, dispatch_uid="wellbeing.resource_topics_changed")
def topics_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        copy_topics(instance, other_versions(instance))
        return
    # topic.resources.add(...) or .remove(...): each resource named changed. A clear from the topic's
    # side takes it from every version of every resource at once, so they still agree.
    for resource in Resource.objects.filter(pk__in=pk_set or ()):
        copy_topics(resource, other_versions(resource))


@receiver(post_save, sender=Resource, dispatch_uid="wellbeing.resource_translated")
def translation_created(sender, instance, created, raw, **kwargs):
    """A new translation starts with the topics of the versions it translates."""
    if not created or raw:
        return
    source = other_versions(instance).first()
    if source is not None:
        copy_topics(source, Resource.objects.filter(pk=instance.pk))
