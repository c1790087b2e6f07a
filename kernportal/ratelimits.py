"""Rate limits on the public forms that count what was stored, not what was tried.

A resident who makes typing errors must never be locked out: the limit is checked before a
form is handled (without counting) and counted only after a submission was stored. The
number per hour is generous enough for one address shared by a village hall or library
(`KERNPORTAL_PUBLIC_FORM_RATE`). The key is django-ratelimit's "ip" key, which follows
`RATELIMIT_IP_META_KEY`: `kernportal.security.client_ip`, the real address behind the
`KERNPORTAL_TRUSTED_PROXIES`. The counters live in the default cache, which with Redis down
falls back to a per-process one (`kernportal.cache.FailOpenRedisCache`): the limit weakens
but residents are never refused for it.
"""

from django.conf import settings

from django_ratelimit.core import get_usage

KEY = "ip"


def _usage(request, group: str, rate: str, increment: bool):
    return get_usage(
        request, group=group, key=KEY, rate=rate, method=get_usage.ALL, increment=increment
    )


def is_limited(request, group: str, rate: str | None = None) -> bool:
    """Has this address already stored as many submissions as the rate allows? Counts
    nothing."""
    usage = _usage(request, group, rate or settings.KERNPORTAL_PUBLIC_FORM_RATE, False)
    if usage is None:  # RATELIMIT_FAIL_OPEN
        return False
    return usage["should_limit"] or usage["count"] >= usage["limit"]


def count(request, group: str, rate: str | None = None) -> None:
    """Count one stored submission (call it after the store succeeded)."""
    _usage(request, group, rate or settings.KERNPORTAL_PUBLIC_FORM_RATE, True)
