from django.db import migrations


def add_topics(apps, schema_editor):
    # The fixed list, as the slug field's choices stood when this migration was written.
    Topic = apps.get_model("wellbeing", "Topic")
    for position, (slug, _label) in enumerate(Topic._meta.get_field("slug").choices):
        Topic.objects.update_or_create(slug=slug, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("wellbeing", "0001_initial")]

    operations = [migrations.RunPython(add_topics, migrations.RunPython.noop)]
