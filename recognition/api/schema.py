PUBLIC_FEED_PREFIX = "/api/v1/"


def only_public_feed(endpoints):
    """drf-spectacular hook: describe only the public feed, not Wagtail's own admin APIs."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PUBLIC_FEED_PREFIX)]
