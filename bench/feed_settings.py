"""Production settings plus one comparison view, for `bench/feed.py` only: the bare view lives in
`bench/feed_urls.py`, so it never exists in the site's own URL space."""

from cms.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.feed_urls"
