"""Moderation in the Wagtail admin: permission policies, viewsets, bulk actions, log actions and the
dashboard panel, registered in `recognition.wagtail_hooks`."""
