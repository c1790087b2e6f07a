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


class RetentionRun(models.Model):
    """One run of `apply_retention` (or an erasure on request): what was removed, as counts
    and ids per kind of personal data, never the data itself. Its Meta also carries the
    portal-wide privacy permissions, which belong to no single app."""

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", "Bewaartermijn"
        REQUEST = "request", "Verzoek van betrokkene"

    started_at = models.DateTimeField("gestart", auto_now_add=True)
    trigger = models.CharField("aanleiding", max_length=20, choices=Trigger.choices)
    dry_run = models.BooleanField("proefdraai", default=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="door",
    )
    removed = models.JSONField(
        "verwijderd", default=dict, help_text="Per soort: aantal en ids, nooit de gegevens zelf."
    )

    class Meta:
        verbose_name = "bewaartermijnronde"
        verbose_name_plural = "bewaartermijnrondes"
        ordering = ["-started_at"]
        permissions = [
            ("view_audit", "Kan de wijzigingsgeschiedenis zien"),
            ("handle_access_request", "Kan inzage- en verwijderverzoeken afhandelen"),
        ]

    def __str__(self):
        return f"{self.get_trigger_display()} {self.started_at:%Y-%m-%d %H:%M}"
