"""Production settings plus one comparison view, for `bench/feed.py` only: the bare view lives in
`bench/feed_urls.py`, so it never exists in the site's own URL space."""

from cms.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.feed_urls"

# collectstatic with the manifest storage currently stops on GOV.UK Frontend's reference to its
# crest image, which the site deliberately does not ship; static files are not what is measured.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"}}  # noqa: F405
