import smtplib
from datetime import timedelta

from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

import pytest

from kernportal import mail as outbox
from kernportal.models import OutboxEmail
from kernportal.tasks import flush_outbox

pytestmark = pytest.mark.django_db


def enqueue(to="inwoner@example.org", name="Ria"):
    return outbox.outbox_enqueue(
        to=[to], template="test_message", context={"name": name}, kind="test"
    )


def test_it_sends_after_commit_with_text_and_html(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = enqueue()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Testbericht voor Ria"
    assert message.to == ["inwoner@example.org"]
    assert "Beste Ria" in message.body
    assert "<p>Beste Ria,</p>" in message.alternatives[0][0]
    email.refresh_from_db()
    assert email.sent_at is not None


def test_nothing_is_sent_when_the_action_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enqueue()
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_it_escapes_user_text_in_html_only():
    email = enqueue(name="<b>Jan</b>")
    assert "&lt;b&gt;Jan&lt;/b&gt;" in email.body_html
    assert "Beste <b>Jan</b>" in email.body_text


def test_sending_twice_sends_once():
    email = enqueue()
    assert outbox.outbox_send(email_id=email.pk) is True
    assert outbox.outbox_send(email_id=email.pk) is False
    assert len(mail.outbox) == 1


def test_an_smtp_error_is_recorded_and_raised_for_the_retry(monkeypatch):
    email = enqueue()

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("weg")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        outbox.outbox_send(email_id=email.pk)
    email.refresh_from_db()
    assert email.sent_at is None
    assert email.attempts == 1
    assert "weg" in email.last_error


def test_a_broker_that_is_down_does_not_fail_the_action(
    monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr("kernportal.tasks.send_outbox_email.delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        email = enqueue()
    email.refresh_from_db()
    assert email.sent_at is None
    assert mail.outbox == []


def test_the_sweep_sends_what_was_left_behind():
    email = enqueue()
    OutboxEmail.objects.filter(pk=email.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    fresh = enqueue(to="nieuw@example.org")
    assert flush_outbox() == 1
    assert [m.to for m in mail.outbox] == [["inwoner@example.org"]]
    assert OutboxEmail.objects.get(pk=fresh.pk).sent_at is None


def test_the_sweep_gives_up_after_max_attempts():
    email = enqueue()
    OutboxEmail.objects.filter(pk=email.pk).update(
        created_at=timezone.now() - timedelta(minutes=5), attempts=outbox.MAX_ATTEMPTS
    )
    assert outbox.outbox_pending_ids() == []


def test_staff_notify_respects_the_preference():
    from kernen.tests.factories import UserFactory

    user = UserFactory(email="kcp@gemeente.example")
    assert outbox.staff_notify(user=user, template="test_message", context={"name": "X"}, kind="t")
    user.profile.immediate_notifications = False
    user.profile.save()
    assert (
        outbox.staff_notify(user=user, template="test_message", context={"name": "X"}, kind="t")
        is None
    )
    assert OutboxEmail.objects.count() == 1


def test_an_email_that_keeps_failing_is_reported_to_the_admins(monkeypatch, settings):
    settings.ADMINS = [("Beheer", "beheer@gemeente.example")]
    email = enqueue()
    OutboxEmail.objects.filter(pk=email.pk).update(attempts=outbox.MAX_ATTEMPTS - 1)
    real_send = EmailMultiAlternatives.send

    def refuse_all_but_admin_mail(self, *args, **kwargs):
        if self.to == ["inwoner@example.org"]:
            raise smtplib.SMTPServerDisconnected("weg")
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse_all_but_admin_mail)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        outbox.outbox_send(email_id=email.pk)
    assert [m.to for m in mail.outbox] == [["beheer@gemeente.example"]]
    assert "8 keer mislukt" in mail.outbox[0].body
    assert outbox.outbox_pending_ids(older_than=timedelta(0)) == []
