"""SMTP failures show in admin: the error per e-mail, and a filter on the delivery state."""

from django.urls import reverse

import pytest

from kernportal.mail import MAX_ATTEMPTS
from kernportal.models import OutboxEmail

pytestmark = pytest.mark.django_db

URL = reverse("admin:kernportal_outboxemail_changelist")


@pytest.fixture
def emails():
    def email(subject, **fields):
        return OutboxEmail.objects.create(
            kind="test", to=["a@example.org"], subject=subject, **fields
        )

    email("Al verstuurd", sent_at="2026-11-23T07:00Z", attempts=1)
    email("Nog in de wachtrij")
    email(
        "Hapert", attempts=2, last_error="SMTPServerDisconnected('Connection unexpectedly closed')"
    )
    email("Opgegeven", attempts=MAX_ATTEMPTS, last_error="ConnectionRefusedError(111)")


def test_the_outbox_list_shows_each_emails_last_smtp_error(admin_client, emails):
    text = admin_client.get(URL).text
    assert "SMTPServerDisconnected" in text and "ConnectionRefusedError(111)" in text


@pytest.mark.parametrize(
    ("state", "subject"),
    [
        ("sent", "Al verstuurd"),
        ("waiting", "Nog in de wachtrij"),
        ("failing", "Hapert"),
        ("given_up", "Opgegeven"),
    ],
)
def test_the_delivery_filter_finds_each_state(admin_client, emails, state, subject):
    text = admin_client.get(URL, {"bezorging": state}).text
    shown = [s for s in ("Al verstuurd", "Nog in de wachtrij", "Hapert", "Opgegeven") if s in text]
    assert shown == [subject]
