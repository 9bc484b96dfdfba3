"""Request rate limits: fixed-window counters in the Django cache.

A limit is a setting ``"N/S"``: at most N requests in each window of S seconds for one key (a
client address, an account name, an email address). The login, token issue, password reset and
certificate verification use it; use a shared cache (``CACHE_URL=redis://...``) when several
processes serve the site, or each process counts on its own.
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

# The clock of the windows (seconds since the epoch); tests move it to cross a window.
clock = time.time


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text):
        """``"10/600"`` → ``Limit(10, 600)``; a bare ``"10"`` means per minute."""
        count, _sep, seconds = str(text).partition("/")
        limit = cls(int(count), int(seconds or 60))
        if limit.count < 1 or limit.seconds < 1:
            raise ValueError(f"A rate limit needs a positive count and window: {text!r}")
        return limit


def client_address(request):
    """The address the limits count per.

    ``REMOTE_ADDR``, unless ``TRUSTED_PROXY_COUNT`` reverse proxies stand in front of the site:
    then the address the outermost trusted proxy saw, which is that many entries from the right
    of ``X-Forwarded-For`` (entries further left are the client's own claims and are ignored).
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(setting, key):
    """Count one request of ``key`` against the limit in ``settings.<setting>``.

    Returns the seconds until the window ends when this request is over the limit, else 0.
    """
    limit = Limit.parse(getattr(settings, setting))
    now = clock()
    window = int(now // limit.seconds)
    digest = hashlib.sha256(str(key).strip().lower().encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{setting}:{digest}:{window}"
    if cache.add(cache_key, 1, timeout=limit.seconds + 1):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, timeout=limit.seconds + 1)
            count = 1
    if count <= limit.count:
        return 0
    return max(1, math.ceil((window + 1) * limit.seconds - now))


def exceeded(*checks):
    """Count one request against each ``(setting, key)``; the longest wait (0 when all pass)."""
    return max((hit(setting, key) for setting, key in checks), default=0)


def wait_minutes(seconds):
    """Whole minutes to show for a wait of ``seconds`` (at least one)."""
    return max(1, math.ceil(seconds / 60))
