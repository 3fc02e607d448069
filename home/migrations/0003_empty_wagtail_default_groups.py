"""Wagtail's default "Editors" and "Moderators" groups hold rights at the root page and the root
collection: a Kent moderator put in "Moderators" would moderate every force's pages and see every
force's images. Their rights are removed (the groups stay, empty, so nobody's membership vanishes
silently); each force's own groups, made by seed_demo, are the only ones with rights."""

from django.db import migrations

DEFAULT_GROUPS = ("Editors", "Moderators")


def empty_default_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    groups = Group.objects.filter(name__in=DEFAULT_GROUPS)
    GroupPagePermission.objects.filter(group__in=groups).delete()
    GroupCollectionPermission.objects.filter(group__in=groups).delete()
    for group in groups:
        group.permissions.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_hubs_case_studies_resource_library"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(empty_default_groups, migrations.RunPython.noop)]
