"""A Redis cache that fails open: when Redis is unreachable the portal keeps working.

The cache holds only rate-limit counters (and whatever other helpers put there): losing them
for a while is harmless, refusing a resident's question because Redis is down is not. So
every call that cannot reach Redis goes to an in-process cache instead, logs a warning, and
Redis is left alone for `RETRY_AFTER` seconds so that a black-holed server does not cost each
request a socket timeout. The local counters still limit per process; a municipality keeps a
(weaker) rate limit rather than none.
"""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ReadOnlyError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# ReadOnlyError: a Sentinel failover briefly leaves clients talking to the old primary.
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, ReadOnlyError, OSError)
RETRY_AFTER = 30.0
# A cache that cannot answer within this time counts as down; the defaults wait forever.
DEFAULT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}

_METHODS = (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
)


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        timeout = {"TIMEOUT": params["TIMEOUT"]} if "TIMEOUT" in params else {}
        self._fallback = LocMemCache(f"fail-open-{server}", timeout)
        self._down_until = 0.0

    def is_reachable(self) -> bool:
        """Ask Redis itself, never the fallback (for the health check)."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except UNAVAILABLE:
            return False

    def _call(self, name, *args, **kwargs):
        if time.monotonic() >= self._down_until:
            try:
                return getattr(super(), name)(*args, **kwargs)
            except UNAVAILABLE as exc:
                self._down_until = time.monotonic() + RETRY_AFTER
                logger.warning(
                    "Redis cache unreachable (%s); using a per-process cache for %.0f s",
                    type(exc).__name__,
                    RETRY_AFTER,
                )
        return getattr(self._fallback, name)(*args, **kwargs)


def _delegate(name):
    def method(self, *args, **kwargs):
        return self._call(name, *args, **kwargs)

    method.__name__ = name
    return method


for _name in _METHODS:
    setattr(FailOpenRedisCache, _name, _delegate(_name))
