from django.conf import settings
from django.db import models


class OutboxEmailQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)


class OutboxEmail(models.Model):
    """An e-mail caused by a user action, stored in the same transaction as that action.

    Celery sends it after commit; a periodic sweep sends whatever a down broker left behind.
    """

    kind = models.CharField("soort", max_length=80)
    to = models.JSONField("aan", help_text="Lijst van e-mailadressen.")
    subject = models.CharField("onderwerp", max_length=255)
    body_text = models.TextField("tekst")
    body_html = models.TextField("HTML", blank=True)
    created_at = models.DateTimeField("aangemaakt", auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField("verzonden", null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField("pogingen", default=0)
    last_error = models.TextField("laatste fout", blank=True)

    objects = OutboxEmailQuerySet.as_manager()

    class Meta:
        verbose_name = "uitgaande e-mail"
        verbose_name_plural = "uitgaande e-mails"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"


class DigestDeliveryQuerySet(models.QuerySet):
    def done(self):
        """Deliveries that close a period: sent, or empty and deliberately not sent."""
        return self.filter(status__in=[DigestDelivery.Status.SENT, DigestDelivery.Status.EMPTY])


class DigestDelivery(models.Model):
    """One user's digest for one period. The unique (user, period) row is written in the same
    transaction as the e-mail's outbox row, so a period is delivered at most once."""

    class Status(models.TextChoices):
        SENT = "sent", "verstuurd"
        EMPTY = "empty", "leeg, niet verstuurd"
        FAILED = "failed", "mislukt"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_deliveries"
    )
    period = models.DateField("periode", help_text="De geplande verzenddag (Europe/Amsterdam).")
    frequency = models.CharField("frequentie", max_length=10)
    window_start = models.DateTimeField("venster van")
    window_end = models.DateTimeField("venster tot")
    status = models.CharField("status", max_length=10, choices=Status.choices)
    item_count = models.PositiveIntegerField("aantal punten", default=0)
    email = models.OneToOneField(
        OutboxEmail, null=True, blank=True, on_delete=models.SET_NULL, related_name="digest"
    )
    error = models.TextField("fout", blank=True)
    created_at = models.DateTimeField("aangemaakt", auto_now_add=True)

    objects = DigestDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = "overzichtsmail"
        verbose_name_plural = "overzichtsmails"
        ordering = ["-period", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "period"], name="digestdelivery_once_per_period"
            )
        ]

    def __str__(self):
        return f"{self.user} {self.period} ({self.get_status_display()})"
