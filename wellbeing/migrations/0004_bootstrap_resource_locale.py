"""Resources made before they were translatable are in the default language, each its own source."""

import uuid

from django.conf import settings
from django.db import migrations
from django.utils.translation import get_supported_language_variant


def bootstrap(apps, schema_editor):
    Resource = apps.get_model("wellbeing", "Resource")
    Locale = apps.get_model("wagtailcore", "Locale")
    untranslated = Resource.objects.filter(translation_key__isnull=True)
    if not untranslated.exists():
        return
    locale = Locale.objects.get(language_code=get_supported_language_variant(settings.LANGUAGE_CODE))
    for resource in untranslated.iterator():
        resource.translation_key = uuid.uuid4()
        resource.locale = locale
        resource.save(update_fields=["translation_key", "locale"])


class Migration(migrations.Migration):
    dependencies = [
        ("wellbeing", "0003_resource_locale"),
    ]

    operations = [migrations.RunPython(bootstrap, migrations.RunPython.noop)]
