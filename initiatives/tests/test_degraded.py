"""With Redis down (rate-limit cache and broker) an initiative is still taken in."""

from django.urls import reverse

import pytest

from initiatives.models import Initiative
from kernportal.models import OutboxEmail
from kernportal.testing import redis_down  # noqa: F401 - fixture

from .test_views_public import form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("redis_down")]


def test_an_initiative_is_stored_and_its_emails_wait_when_redis_is_down(
    client,
    kern,
    kcp,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("initiatives:submit"), form_data(kern))
    assert response.status_code == 302
    assert response.url == reverse("initiatives:submitted")
    initiative = Initiative.objects.get()
    assert initiative.title == "Bankjes langs de Maas"
    assert initiative.cofundings.count() == 2
    waiting = OutboxEmail.objects.filter(sent_at__isnull=True)
    assert waiting.filter(to=["els@voorbeeld.example"]).exists()
    assert waiting.filter(to=[kcp.email]).exists()
