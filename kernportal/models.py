from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxEmailQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)


class OutboxEmail(models.Model):
    """An e-mail caused by a user action, stored in the same transaction as that action.

    Celery sends it after commit; a periodic sweep sends whatever a down broker left behind.
    """

    kind = models.CharField(_("soort"), max_length=80)
    to = models.JSONField(_("aan"), help_text=_("Lijst van e-mailadressen."))
    subject = models.CharField(_("onderwerp"), max_length=255)
    body_text = models.TextField(_("tekst"))
    body_html = models.TextField("HTML", blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("verzonden"), null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)

    objects = OutboxEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
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
        SENT = "sent", _("verstuurd")
        EMPTY = "empty", _("leeg, niet verstuurd")
        FAILED = "failed", _("mislukt")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_deliveries"
    )
    period = models.DateField(
        _("periode"), help_text=_("De geplande verzenddag (Europe/Amsterdam).")
    )
    frequency = models.CharField(_("frequentie"), max_length=10)
    window_start = models.DateTimeField(_("venster van"))
    window_end = models.DateTimeField(_("venster tot"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    item_count = models.PositiveIntegerField(_("aantal punten"), default=0)
    email = models.OneToOneField(
        OutboxEmail, null=True, blank=True, on_delete=models.SET_NULL, related_name="digest"
    )
    error = models.TextField(_("fout"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    objects = DigestDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("overzichtsmail")
        verbose_name_plural = _("overzichtsmails")
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
        SCHEDULE = "schedule", _("Bewaartermijn")
        REQUEST = "request", _("Verzoek van betrokkene")

    started_at = models.DateTimeField(_("gestart"), auto_now_add=True)
    trigger = models.CharField(_("aanleiding"), max_length=20, choices=Trigger.choices)
    dry_run = models.BooleanField(_("proefdraai"), default=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    removed = models.JSONField(
        _("verwijderd"),
        default=dict,
        help_text=_("Per soort: aantal en ids, nooit de gegevens zelf."),
    )

    class Meta:
        verbose_name = _("bewaartermijnronde")
        verbose_name_plural = _("bewaartermijnrondes")
        ordering = ["-started_at"]
        permissions = [
            ("view_audit", "Kan de wijzigingsgeschiedenis zien"),
            ("handle_access_request", "Kan inzage- en verwijderverzoeken afhandelen"),
        ]

    def __str__(self):
        return f"{self.get_trigger_display()} {self.started_at:%Y-%m-%d %H:%M}"
