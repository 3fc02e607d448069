"""A generous, cheap throttle for the feed.

A force's screens may all leave through one address, so the limit is high (`FEED_THROTTLE_RATE`,
600 a minute by default: 50 screens polling twice a minute, with room to spare). It counts in fixed
windows with one cache increment instead of DRF's list of timestamps, which grows with the rate.
The rate is read from the settings on every request, so `override_settings` applies (DRF's own
throttles copy it at import). Answers served from the version cache (304s and repeated pages)
never reach it: they cost less than the bookkeeping would.
"""

import time

from django.core.cache import cache
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

from ..client import client_address, network_of


class FeedRateThrottle(BaseThrottle):
    scope = "feed"

    def parse_rate(self) -> tuple[int, int] | None:
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        if not rate:
            return None
        count, period = rate.split("/")
        return int(count), {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[0]]

    def allow_request(self, request, view) -> bool:
        rate = self.parse_rate()
        if rate is None:
            return True
        limit, self.duration = rate
        now = time.time()
        window = int(now // self.duration)
        self.window_ends = (window + 1) * self.duration - now
        key = f"throttle:{self.scope}:{network_of(client_address(request))}:{window}"
        cache.add(key, 0, timeout=self.duration + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            count = 1
            cache.set(key, count, timeout=self.duration + 1)
        return count <= limit

    def wait(self) -> float:
        return self.window_ends
