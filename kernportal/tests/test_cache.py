"""The fail-open Redis cache: Redis when it answers, a per-process cache when it does not."""

import logging
import os

import pytest
import redis

from kernportal.cache import FailOpenRedisCache
from kernportal.testing import SilentServer


def test_a_hanging_redis_is_tried_once_then_left_alone_for_a_while(caplog):
    silent = SilentServer()
    try:
        cache = FailOpenRedisCache(f"redis://127.0.0.1:{silent.port}/0", {})
        with caplog.at_level(logging.WARNING):
            assert cache.add("teller", 0, 60) is True  # the fallback took it
            tries = len(silent.connections)
            for _ in range(5):
                cache.incr("teller")
        assert cache.get("teller") == 5
        assert tries >= 1 and len(silent.connections) == tries  # no new attempt per call
        assert caplog.text.count("Redis cache unreachable") == 1
        assert cache.is_reachable() is False
    finally:
        silent.close()


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="no Redis configured")
def test_it_uses_redis_itself_when_redis_answers():
    url = os.environ["REDIS_URL"]
    cache = FailOpenRedisCache(url, {"KEY_PREFIX": "failopen-test"})
    cache.set("sleutel", "waarde", 30)
    assert cache.is_reachable() is True
    keys = redis.Redis.from_url(url).keys("failopen-test:*sleutel")
    assert keys, "the value is not in Redis"
    assert cache.get("sleutel") == "waarde"
    cache.delete("sleutel")
