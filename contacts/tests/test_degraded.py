"""With Redis down (rate-limit cache and broker) a resident's question is still taken in."""

import logging

from django.urls import reverse

import pytest

from contacts.models import Question
from kernportal.models import OutboxEmail
from kernportal.testing import redis_down  # noqa: F401 - fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("redis_down")]

PUBLIC = {"name": "Jan", "email": "jan@example.org", "text": "Wie maait het gras?", "website": ""}
PUBLIC["privacy_consent"] = "on"


def test_a_question_is_stored_and_its_emails_wait_when_redis_is_down(
    client,
    kern,
    kcp,
    django_capture_on_commit_callbacks,
    caplog,
):
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("contacts:question_ask", args=[kern.slug]), PUBLIC)
    assert response.status_code == 200 and "Bedankt voor uw vraag" in response.text
    assert Question.objects.get().text == "Wie maait het gras?"
    emails = OutboxEmail.objects.filter(to=["jan@example.org"])
    assert emails.count() == 1 and emails.get().sent_at is None  # waiting for the sweep
    assert "Redis cache unreachable" in caplog.text


def test_the_rate_limit_still_counts_per_process_when_redis_is_down(client, kern, settings):
    settings.KERNPORTAL_PUBLIC_FORM_RATE = "5/h"
    url = reverse("contacts:question_ask", args=[kern.slug])
    for _ in range(5):
        assert client.post(url, PUBLIC).status_code == 200
    assert client.post(url, PUBLIC).status_code == 429
    assert Question.objects.count() == 5


def test_with_redis_down_the_limit_counts_stored_questions_per_address_behind_the_proxy(
    client, kern, settings
):
    settings.KERNPORTAL_PUBLIC_FORM_RATE = "2/h"
    settings.KERNPORTAL_TRUSTED_PROXIES = 1
    url = reverse("contacts:question_ask", args=[kern.slug])
    village_hall = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    for _ in range(4):  # typing errors never count
        assert (
            client.post(url, {**PUBLIC, "email": "geen-adres"}, **village_hall).status_code == 200
        )
    for _ in range(2):
        assert client.post(url, PUBLIC, **village_hall).status_code == 200
    assert client.post(url, PUBLIC, **village_hall).status_code == 429
    # Someone else behind the same proxy (the same REMOTE_ADDR) is counted apart.
    library = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.9"}
    assert client.post(url, PUBLIC, **library).status_code == 200
    assert Question.objects.count() == 3
