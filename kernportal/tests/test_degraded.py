"""Staff keep working while Redis is down."""

from django.urls import reverse

import pytest

from kernportal.testing import redis_down  # noqa: F401 - fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("redis_down")]


def test_staff_pages_work_when_redis_is_down(client_for, kcp, kern):
    client = client_for(kcp)
    assert client.get(reverse("kernen:dashboard")).status_code == 200
    assert client.get(reverse("kernen:detail", args=[kern.slug])).status_code == 200
    assert client.get(reverse("initiatives:board")).status_code == 200
