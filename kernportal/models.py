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
