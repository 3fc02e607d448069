from django.db import migrations


def create_wall_version(apps, schema_editor):
    apps.get_model("recognition", "WallVersion").objects.get_or_create(pk=1, defaults={"value": 0})


class Migration(migrations.Migration):
    dependencies = [("recognition", "0001_initial")]

    operations = [migrations.RunPython(create_wall_version, migrations.RunPython.noop)]
