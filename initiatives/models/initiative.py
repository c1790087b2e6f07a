"""An initiative of residents and what the municipality records while guiding it."""

import secrets
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernen.models import NL_LATITUDE, NL_LONGITUDE, KcpAssignment, Kern, in_netherlands
from kernportal.amounts import euro
from kernportal.choices import ChoiceLabels
from kernportal.dates import format_date
from kernportal.migration_utils import SearchVectorIndex
from kernportal.queries import sum_of
from kernportal.tokens import hash_token, new_token

from .process import OPEN, PUBLIC_STATUSES, Status

POSITIVE = [MinValueValidator(Decimal("0.01"), message=_("Vul een bedrag groter dan nul in."))]
NOT_NEGATIVE = [MinValueValidator(Decimal("0"), message=_("Een bedrag kan niet negatief zijn."))]


class Theme(models.TextChoices):
    LIVEABILITY = "liveability", _("Leefbaarheid en ontmoeting")
    GREEN = "nature", _("Groen en natuur")
    CARE = "care", _("Zorg en welzijn")
    SPORT = "sport", _("Sport en bewegen")
    CULTURE = "culture", _("Cultuur en erfgoed")
    YOUTH = "youth", _("Jeugd")
    ENERGY = "sustainability", _("Duurzaamheid en energie")
    TRAFFIC = "traffic", _("Verkeer en veiligheid")
    OTHER = "other", _("Overig")


class Help(models.TextChoices):
    MONEY = "money", _("Geld")
    PERMITS = "permits", _("Advies over vergunningen")
    PLACE = "place", _("Een plek om samen te komen")
    CONTACTS = "contacts", _("Contacten")
    PUBLICITY = "publicity", _("Publiciteit")
    OTHER = "other", _("Anders")


class EscalationLevel(models.TextChoices):
    DEPARTMENT = "department", _("Afdelingshoofden")
    SECRETARY = "municipal_secretary", _("Gemeentesecretaris")


# Who receives an escalation of each level: holders of this `initiatives.` permission (the
# management group, the gemeentesecretaris group), besides the aldermen of its kernen.
ESCALATION_PERMISSIONS = {
    EscalationLevel.DEPARTMENT: "receive_department_escalations",
    EscalationLevel.SECRETARY: "receive_secretary_escalations",
}


class InitiativeQuerySet(models.QuerySet):
    def by_token(self, token: str):
        """The initiative whose private tracking link carries `token` (matched by hash)."""
        return self.filter(token_hash=hash_token(token))

    def open(self):
        return self.filter(status__in=OPEN)

    def possibly_late(self, now):
        """New initiatives that may be past their first-response deadline: a deadline of N
        working days is at least N calendar days away, so this SQL bound is safe, and the late
        ones come first oldest first; `digest.is_late` decides."""
        days = settings.KERNPORTAL_RESPONSE_DEADLINES["initiative"]
        return self.filter(status=Status.RECEIVED, created_at__lt=now - timedelta(days=days))

    def public(self):
        """Initiatives that may be shown to anyone: running or completed, with consent."""
        return self.filter(status__in=PUBLIC_STATUSES, may_publish=True)

    def for_kern(self, kern):
        return self.filter(kernen=kern)

    def escalated(self):
        return self.filter(escalated=True)

    def guided_by(self, user):
        """Initiatives `user` guides: as contact official or as current KCP of one of its kernen."""
        kcp_of = KcpAssignment.objects.current().filter(user=user).values("kern_id")
        through = Initiative.kernen.through.objects.filter(
            initiative_id=OuterRef("pk"), kern_id__in=kcp_of
        )
        return self.filter(Q(contact_official=user) | Exists(through))

    def with_granted_total(self):
        """Annotate `granted_total`, the sum of its grants (0 without), in the same query."""
        grant = self.model._meta.get_field("grants").related_model
        money = models.DecimalField(max_digits=12, decimal_places=2)
        return self.annotate(granted_total=sum_of(grant.objects, "initiative", "amount", money))

    def for_board(self):
        """What the board and the exports show per initiative, without per-row queries."""
        return (
            self.select_related("contact_official")
            .prefetch_related(Prefetch("kernen", queryset=Kern.objects.order_by("name")))
            .with_granted_total()
        )

    def visible_to(self, user):
        if not user.has_perm("initiatives.view_initiative"):
            return self.none()
        if user.has_perm("initiatives.view_all_initiatives"):
            return self
        return self.guided_by(user)


class Initiative(ChoiceLabels, models.Model):
    title = models.CharField(_("titel"), max_length=150)
    description = models.TextField(
        _("beschrijving"), max_length=5000, validators=[MaxLengthValidator(5000)]
    )
    kernen = models.ManyToManyField(Kern, verbose_name=_("kernen"), related_name="initiatives")
    contact_moments = models.ManyToManyField(
        "contacts.ContactMoment",
        verbose_name=_("gerelateerde contactmomenten"),
        related_name="initiatives",
        blank=True,
    )
    agenda_items = models.ManyToManyField(
        "kernen.AgendaItem",
        verbose_name=_("gerelateerde agendapunten"),
        related_name="initiatives",
        blank=True,
    )
    theme = models.CharField(_("thema"), max_length=20, choices=Theme.choices)
    goal = models.TextField(
        _("wat wilt u bereiken?"), max_length=3000, validators=[MaxLengthValidator(3000)]
    )
    help_asked = models.JSONField(_("gevraagde hulp"), default=list, blank=True)
    help_other = models.TextField(
        _("toelichting op de gevraagde hulp"),
        max_length=1000,
        validators=[MaxLengthValidator(1000)],
        blank=True,
    )
    amount_requested = models.DecimalField(
        _("gevraagd bedrag van de gemeente (euro)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    initiator_name = models.CharField(_("naam"), max_length=150)
    initiator_email = models.EmailField(_("e-mailadres"), max_length=254)
    initiator_phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    may_publish = models.BooleanField(_("mag openbaar getoond worden"), default=False)
    privacy_consent_at = models.DateTimeField(_("akkoord privacyverklaring op"))
    # Which version of the privacy statement (KERNPORTAL_PRIVACY_STATEMENT_VERSION) the
    # initiator agreed to; empty for initiatives submitted before versions were recorded.
    privacy_consent_version = models.CharField(
        _("versie privacyverklaring"), max_length=20, blank=True, default="", db_default=""
    )
    place_description = models.CharField(
        _("plek (straat of omschrijving)"),
        max_length=200,
        blank=True,
        default="",
        db_default="",  # the version still serving during a deploy inserts without it
        help_text=_(
            "Bijvoorbeeld 'speeltuin aan de Dorpstraat'. Zo kan iedereen de plek "
            "aangeven, ook zonder de kaart."
        ),
    )
    latitude = models.DecimalField(
        _("breedtegraad"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=in_netherlands(NL_LATITUDE, "breedtegraad"),
    )
    longitude = models.DecimalField(
        _("lengtegraad"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=in_netherlands(NL_LONGITUDE, "lengtegraad"),
    )
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    contact_official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contactpersoon gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guided_initiatives",
    )
    # Only the digest of the initiator's private tracking link is kept (kernportal.tokens).
    token_hash = models.CharField(_("volgcode (hash)"), max_length=64, unique=True, editable=False)
    escalated = models.BooleanField(_("geëscaleerd"), default=False, db_index=True)
    escalation_level = models.CharField(
        _("escalatie naar"), max_length=30, choices=EscalationLevel.choices, blank=True
    )
    escalation_reason = models.TextField(
        _("reden escalatie"), max_length=2000, validators=[MaxLengthValidator(2000)], blank=True
    )
    escalated_at = models.DateTimeField(_("geëscaleerd op"), null=True, blank=True)
    created_at = models.DateTimeField(_("ingediend op"), default=timezone.now, db_index=True)
    last_activity_at = models.DateTimeField(_("laatste activiteit"), default=timezone.now)
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)
    # The language the resident used on the public form: their e-mails are written in it.
    language = models.CharField(
        _("taal van de initiatiefnemer"),
        max_length=10,
        default="nl",
        db_default="nl",  # the version still serving during a deploy inserts without it
        editable=False,
    )

    # Filled by a database trigger on PostgreSQL (migration_utils.SearchVectorTrigger).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")
        ordering = ["-created_at"]
        indexes = [
            SearchVectorIndex(fields=["search_vector"], name="initiatives_search_idx"),
            # The dashboard: the open initiatives a contact official guides, least recently
            # active first, and new ones oldest first (the late ones).
            models.Index(
                fields=["contact_official", "last_activity_at"],
                condition=models.Q(status__in=sorted(OPEN)),
                name="initiatives_open_official_idx",
            ),
            models.Index(
                fields=["created_at"],
                condition=models.Q(status=Status.RECEIVED),
                name="initiatives_received_idx",
            ),
        ]
        permissions = [
            ("view_all_initiatives", "Kan alle initiatieven zien"),
            ("manage_all_initiatives", "Kan alle initiatieven begeleiden"),
            ("decide_initiative", "Kan besluiten over initiatieven vastleggen"),
            ("view_escalations", "Ziet escalaties (wethouder: van de eigen kernen)"),
            ("receive_department_escalations", "Krijgt escalaties naar de afdelingshoofden"),
            ("receive_secretary_escalations", "Krijgt escalaties naar de gemeentesecretaris"),
            ("anonymise_initiative", "Kan initiatieven op verzoek anonimiseren"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="initiative_location_complete",
                violation_error_message=_(
                    "Vul zowel breedte- als lengtegraad in, of geen van beide."
                ),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("initiatives:detail", args=[self.pk])

    def issue_tracking_token(self) -> str:
        """A new private tracking token; only its hash is stored (on the next save). The raw
        token stays on this instance as `tracking_token` for the confirmation e-mail."""
        self.tracking_token = new_token()
        self.token_hash = hash_token(self.tracking_token)
        return self.tracking_token

    def get_tracking_url(self):
        """The private link; known only right after `issue_tracking_token`."""
        token = getattr(self, "tracking_token", None)
        if not token:
            raise ValueError("The tracking token is not stored; only its hash is.")
        return reverse("initiatives:track", args=[token])

    def get_public_url(self):
        return reverse("initiatives:public_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def help_labels(self) -> list[str]:
        labels = dict(Help.choices)
        return [str(labels[h]) for h in self.help_asked if h in labels]

    def clean(self):
        super().clean()
        if not isinstance(self.help_asked, list) or set(self.help_asked) - set(Help.values):
            raise ValidationError({"help_asked": _("Kies de gevraagde hulp uit de lijst.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(
                {"longitude": _("Vul zowel breedte- als lengtegraad in, of geen van beide.")}
            )
        if self.escalated and not self.escalation_reason.strip():
            raise ValidationError({"escalation_reason": _("Geef de reden van de escalatie.")})


class CoFunding(models.Model):
    """Money from other sources than the municipality (funds, sponsors, own contribution)."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="cofundings",
        verbose_name=_("initiatief"),
    )
    source = models.CharField(_("bron"), max_length=150)
    amount = models.DecimalField(
        _("verwacht bedrag (euro)"), max_digits=10, decimal_places=2, validators=POSITIVE
    )
    confirmed_amount = models.DecimalField(
        _("toegezegd bedrag (euro)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
        help_text=_(
            "Wat de bron werkelijk heeft toegekend en bevestigd. Leeg: nog niet bevestigd."
        ),
    )
    confirmed_at = models.DateField(_("bevestigd op"), null=True, blank=True)
    # No index: nothing looks co-funding up by who confirmed it; deleting a user (rare, they are
    # deactivated) scans this small table once.
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bevestigd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )

    class Meta:
        verbose_name = _("cofinanciering")
        verbose_name_plural = _("cofinanciering")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.source}: {euro(self.amount)}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_amount is not None


def attachment_path(instance, filename):
    # The stored name is random: the uploader's file name never reaches the file system.
    return f"initiatives/{secrets.token_hex(16)}.{instance.extension}"


class Attachment(models.Model):
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("initiatief"),
    )
    file = models.FileField(_("bestand"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("oorspronkelijke naam"), max_length=255)
    content_type = models.CharField(_("soort"), max_length=50)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    uploaded_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now)

    EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name

    @property
    def extension(self):
        return self.EXTENSIONS.get(self.content_type, "bin")


class PendingUploadQuerySet(models.QuerySet):
    def for_token(self, token: str):
        return self.filter(token=token) if token else self.none()

    def expired(self, now, hours: int = 24):
        return self.filter(created_at__lt=now - timezone.timedelta(hours=hours))


class PendingUpload(models.Model):
    """A file a resident attached to a form that had errors: kept server-side under a random
    token in the form, so the resident does not have to choose it again. Taken over by the
    initiative when it is stored; removed by a periodic task after a day otherwise."""

    token = models.CharField(_("formuliercode"), max_length=64, db_index=True)
    file = models.FileField(_("bestand"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("oorspronkelijke naam"), max_length=255)
    content_type = models.CharField(_("soort"), max_length=50)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    created_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now, db_index=True)

    objects = PendingUploadQuerySet.as_manager()

    EXTENSIONS = Attachment.EXTENSIONS

    class Meta:
        verbose_name = _("bijlage in afwachting")
        verbose_name_plural = _("bijlagen in afwachting")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name

    extension = Attachment.extension


class StatusStep(models.Model):
    """One step of an initiative's history. Append-only: never changed or deleted."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="steps", verbose_name=_("initiatief")
    )
    from_status = models.CharField(_("van"), max_length=30, choices=Status.choices, blank=True)
    to_status = models.CharField(_("naar"), max_length=30, choices=Status.choices)
    at = models.DateTimeField(_("op"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(
        _("interne toelichting"), max_length=2000, validators=[MaxLengthValidator(2000)], blank=True
    )
    public_reason = models.TextField(
        _("toelichting voor de initiatiefnemer"),
        max_length=2000,
        validators=[MaxLengthValidator(2000)],
        blank=True,
    )

    class Meta:
        verbose_name = _("statusstap")
        verbose_name_plural = _("statusstappen")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.initiative}: {self.get_to_status_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Status history is append-only: add a new step instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Status history is append-only.")


class SupportRecord(models.Model):
    """The conversation about how the initiator wants support, and what was agreed."""

    class Kind(models.TextChoices):
        CONVERSATION = "conversation", _("Gesprek over ondersteuning")
        INFORMAL = "informal", _("Informele afspraak")
        INTENTION = "intention_agreement", _("Intentieovereenkomst")
        GRANT_DECISION = "grant_decision", _("Subsidiebeschikking")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="support_records"
    )
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    date = models.DateField(_("datum"))
    valid_until = models.DateField(_("geldig tot"), null=True, blank=True)
    summary = models.TextField(
        _("wat is besproken of afgesproken"), max_length=5000, validators=[MaxLengthValidator(5000)]
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("gesprek of afspraak")
        verbose_name_plural = _("gesprekken en afspraken")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {format_date(self.date)}"

    def clean(self):
        super().clean()
        if self.valid_until and self.date and self.valid_until < self.date:
            raise ValidationError(
                {"valid_until": _("Deze datum ligt voor de datum van de afspraak.")}
            )


class Note(models.Model):
    """An internal note; never shown to the initiator."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("notitie"), max_length=5000, validators=[MaxLengthValidator(5000)])
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("geschreven op"), default=timezone.now)

    class Meta:
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.text[:60]
