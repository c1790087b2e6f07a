from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, When
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kernportal.choices import ChoiceLabels
from kernportal.dates import check_dates
from kernportal.migration_utils import SearchVectorIndex
from kernportal.tokens import new_token

# The Netherlands' bounding box (mainland and Wadden islands), to catch swapped or foreign
# coordinates at the door.
NL_LATITUDE = (Decimal("50.70"), Decimal("53.60"))
NL_LONGITUDE = (Decimal("3.30"), Decimal("7.25"))


def in_netherlands(bounds, name):
    """Validators keeping a coordinate inside `bounds`, with a Dutch message naming it."""
    low, high = bounds
    message = format_lazy(
        _("Vul een {name} in Nederland in (tussen {low} en {high})."), name=name, low=low, high=high
    )
    return [MinValueValidator(low, message=message), MaxValueValidator(high, message=message)]


class KernQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def with_kcp(self, user, on=None):
        """Kernen where `user` is a current KCP (primary or backup)."""
        current = KcpAssignment.objects.current(on).filter(kern=OuterRef("pk"), user=user)
        return self.filter(Exists(current))


class Kern(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        error_messages={"unique": _("Er is al een kern met deze slug.")},
        help_text=_("Deel van het webadres, bijvoorbeeld 'kessel-eik'."),
    )
    inhabitants = models.PositiveIntegerField(
        _("aantal inwoners"),
        default=0,
        error_messages={"min_value": _("Het aantal inwoners kan niet negatief zijn.")},
    )
    latitude = models.DecimalField(
        _("breedtegraad"),
        max_digits=8,
        decimal_places=5,
        validators=in_netherlands(NL_LATITUDE, _("breedtegraad")),
    )
    longitude = models.DecimalField(
        _("lengtegraad"),
        max_digits=8,
        decimal_places=5,
        validators=in_netherlands(NL_LONGITUDE, _("lengtegraad")),
    )
    description = models.TextField(_("korte beschrijving"), blank=True, max_length=2000)
    alderman = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kernwethouder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="alderman_of",
    )
    is_active = models.BooleanField(_("actief"), default=True)

    objects = KernQuerySet.as_manager()

    class Meta:
        verbose_name = _("kern")
        verbose_name_plural = _("kernen")
        ordering = ["name"]
        permissions = [
            ("manage_all_kernen", "Kan alle kernen beheren, niet alleen de eigen kernen"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=NL_LATITUDE[0], latitude__lte=NL_LATITUDE[1]),
                name="kern_latitude_in_nl",
            ),
            models.CheckConstraint(
                condition=Q(longitude__gte=NL_LONGITUDE[0], longitude__lte=NL_LONGITUDE[1]),
                name="kern_longitude_in_nl",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("kernen:detail", args=[self.slug])

    def get_public_url(self):
        return reverse("kernen:public_detail", args=[self.slug])


class CommunityGroup(ChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        DORPSOVERLEG = "dorpsoverleg", _("Dorpsoverleg")
        DORPSRAAD = "dorpsraad", _("Dorpsraad")
        ASSOCIATION = "association", _("Vereniging")
        FOUNDATION = "foundation", _("Stichting")
        OTHER = "other", _("Anders")

    kern = models.ForeignKey(
        Kern, verbose_name=_("kern"), on_delete=models.CASCADE, related_name="groups"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("openbaar e-mailadres"), blank=True)
    website = models.URLField(_("website"), blank=True)
    meeting_info = models.CharField(
        _("hoe en wanneer de groep bijeenkomt"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld: 'elke eerste dinsdag van de maand, 20.00 uur, in het MFC'."),
    )
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("gemeenschapsgroep")
        verbose_name_plural = _("gemeenschapsgroepen")
        ordering = ["kern__name", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kern", "name"],
                name="communitygroup_unique_name_per_kern",
                violation_error_message=_("Deze kern heeft al een groep met deze naam."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.kern})"


GROUP_SECTIONS = (
    (CommunityGroup.Kind.DORPSOVERLEG, _("Dorpsoverleg")),
    (CommunityGroup.Kind.DORPSRAAD, _("Dorpsraad")),
)


def group_sections(groups) -> list[tuple[str, list]]:
    """A kern's groups in sections: the dorpsoverleg (the community's own dynamic) and the
    dorpsraad (the kern's voice towards the municipality) clearly apart, then the others."""
    groups = list(groups)
    sections = [(label, [g for g in groups if g.kind == kind]) for kind, label in GROUP_SECTIONS]
    main = {kind for kind, _ in GROUP_SECTIONS}
    sections.append((_("Andere groepen"), [g for g in groups if g.kind not in main]))
    return [(label, members) for label, members in sections if members]


class StaffProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    team = models.CharField(_("team"), max_length=100, blank=True)
    themes = models.CharField(
        _("thema's"),
        max_length=300,
        blank=True,
        # The version still serving during a deploy inserts profiles without this column.
        default="",
        db_default="",
        help_text=_(
            "Waar deze collega over gaat, bijvoorbeeld 'wegen, riolering'. "
            "Een KCP ziet dit bij het doorzetten van een vraag."
        ),
    )
    job_title = models.CharField(_("functie"), max_length=100, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    absent_from = models.DateField(_("afwezig van"), null=True, blank=True)
    absent_until = models.DateField(_("afwezig tot en met"), null=True, blank=True)

    class DigestFrequency(models.TextChoices):
        DAILY = "daily", _("Dagelijks")
        WEEKLY = "weekly", _("Wekelijks")
        OFF = "off", _("Uit")

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("maandag")
        TUESDAY = 1, _("dinsdag")
        WEDNESDAY = 2, _("woensdag")
        THURSDAY = 3, _("donderdag")
        FRIDAY = 4, _("vrijdag")
        SATURDAY = 5, _("zaterdag")
        SUNDAY = 6, _("zondag")

    digest_frequency = models.CharField(
        _("overzichtsmail"),
        max_length=10,
        choices=DigestFrequency.choices,
        default=DigestFrequency.WEEKLY,
    )
    digest_weekday = models.PositiveSmallIntegerField(
        _("dag voor de wekelijkse overzichtsmail"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    immediate_notifications = models.BooleanField(
        _("direct mailen bij nieuwe vragen, initiatieven en escalaties"),
        default=True,
        help_text=_("Urgente zaken wachten dan niet op de overzichtsmail."),
    )

    class Meta:
        verbose_name = _("medewerkerprofiel")
        verbose_name_plural = _("medewerkerprofielen")
        constraints = [
            models.CheckConstraint(
                condition=Q(absent_from__isnull=True)
                | Q(absent_until__isnull=True)
                | Q(absent_until__gte=models.F("absent_from")),
                name="staffprofile_absence_order",
                violation_error_message=_("Het einde van de afwezigheid ligt voor het begin."),
            )
        ]

    def __str__(self):
        return str(self.user)

    def clean(self):
        super().clean()
        check_dates(
            start=self.absent_from,
            end=self.absent_until,
            start_field="absent_from",
            end_field="absent_until",
        )

    def is_absent(self, on=None) -> bool:
        on = on or timezone.localdate()
        if not self.absent_from and not self.absent_until:
            return False
        return (self.absent_from or on) <= on <= (self.absent_until or on)


def current_assignment(on=None, prefix: str = "") -> Q:
    """`KcpAssignmentQuerySet.current` as a condition on the assignment at `prefix` (such as
    "kcp__" for a FilteredRelation), for a query that reaches assignments by a join."""
    on = on or timezone.localdate()
    return (Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})) & Q(
        **{f"{prefix}start_date__lte": on}
    )


class KcpAssignmentQuerySet(models.QuerySet):
    def current(self, on=None):
        return self.filter(current_assignment(on))

    def past(self, on=None):
        on = on or timezone.localdate()
        return self.filter(end_date__lt=on)

    def primary_first(self):
        """The primary KCP before the backup, whatever the role codes sort like."""
        primary = Case(When(role=KcpAssignment.Role.PRIMARY, then=0), default=1)
        return self.order_by(primary, "start_date")

    def overlapping(self, start, end):
        """Assignments whose period shares at least one day with [start, end] (end None = open)."""
        qs = self.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        if end is not None:
            qs = qs.filter(start_date__lte=end)
        return qs


class KcpAssignment(ChoiceLabels, models.Model):
    """A staff member is KCP for a kern in a period. Never deleted: ending one keeps history."""

    class Role(models.TextChoices):
        PRIMARY = "primary", _("Eerste KCP")
        BACKUP = "backup", _("Vervanger")

    kern = models.ForeignKey(
        Kern, verbose_name=_("kern"), on_delete=models.PROTECT, related_name="kcp_assignments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        on_delete=models.PROTECT,
        related_name="kcp_assignments",
    )
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices, default=Role.PRIMARY)
    start_date = models.DateField(_("van"), default=timezone.localdate)
    end_date = models.DateField(_("tot en met"), null=True, blank=True)

    objects = KcpAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("KCP-toewijzing")
        verbose_name_plural = _("KCP-toewijzingen")
        ordering = ["kern__name", "role", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="kcpassignment_end_after_start",
                violation_error_message=_("De einddatum ligt voor de begindatum."),
            ),
            # The database guards the common case (two open-ended primaries); overlapping
            # dated periods are checked by the service under a lock on the kern row.
            models.UniqueConstraint(
                fields=["kern"],
                condition=Q(role="primary", end_date__isnull=True),
                name="kcpassignment_one_open_primary_per_kern",
                violation_error_message=_("Deze kern heeft al een eerste KCP zonder einddatum."),
            ),
        ]
        indexes = [models.Index(fields=["user", "end_date"])]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} {self.kern}"

    @property
    def is_primary(self):
        return self.role == self.Role.PRIMARY

    def clean(self):
        super().clean()
        check_dates(start=self.start_date, end=self.end_date)
        if not (self.kern_id and self.user_id and self.start_date):
            return
        others = KcpAssignment.objects.filter(kern_id=self.kern_id).exclude(pk=self.pk)
        others = others.overlapping(self.start_date, self.end_date)
        if self.role == self.Role.PRIMARY and others.filter(role=self.Role.PRIMARY).exists():
            raise ValidationError(
                {
                    "role": _(
                        "Deze kern heeft in deze periode al een eerste KCP. "
                        "Beëindig eerst die toewijzing of kies 'Vervanger'."
                    )
                }
            )
        if others.filter(user_id=self.user_id).exists():
            raise ValidationError(
                {"user": _("Deze medewerker is in deze periode al KCP van deze kern.")}
            )

    def is_current(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class AgendaItemQuerySet(models.QuerySet):
    def dated(self):
        return self.filter(start_date__isnull=False)

    def between(self, start, end):
        """Items whose period shares at least one day with [start, end]."""
        return (
            self.dated()
            .filter(start_date__lte=end)
            .filter(Q(end_date__gte=start) | Q(end_date__isnull=True, start_date__gte=start))
        )


class AgendaItem(ChoiceLabels, models.Model):
    """Something on one of a kern's two agendas: what the community itself works on, or what
    the municipality plans there. Showing both side by side is the KCP's hinge function."""

    class Side(models.TextChoices):
        COMMUNITY = "community", _("Gemeenschapsagenda")
        MUNICIPAL = "municipal", _("Gemeenteagenda")

    class Status(models.TextChoices):
        IDEA = "idea", _("Idee")
        PLANNED = "planned", _("Gepland")
        RUNNING = "running", _("Loopt")
        DONE = "done", _("Afgerond")
        CANCELLED = "cancelled", _("Geannuleerd")

    class Theme(models.TextChoices):
        HOUSING = "housing", _("Wonen")
        TRAFFIC = "traffic", _("Verkeer en wegen")
        GREEN = "green_space", _("Groen en openbare ruimte")
        CARE = "care", _("Zorg en welzijn")
        CULTURE = "culture", _("Cultuur en evenementen")
        EDUCATION = "education", _("Onderwijs")
        ECONOMY = "economy", _("Economie")
        OTHER = "other", _("Anders")

    kern = models.ForeignKey(
        Kern, verbose_name=_("kern"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    side = models.CharField(_("agenda"), max_length=10, choices=Side.choices)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True, max_length=3000)
    theme = models.CharField(_("thema"), max_length=20, choices=Theme.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    start_date = models.DateField(
        _("begindatum of datum"),
        null=True,
        blank=True,
        help_text=_("Leeg laten als er nog geen datum is."),
    )
    end_date = models.DateField(
        _("einddatum"), null=True, blank=True, help_text=_("Leeg bij een enkele dag.")
    )
    responsible = models.CharField(
        _("verantwoordelijk"),
        max_length=150,
        help_text=_("Persoon, groep of afdeling die de eigenaar is."),
    )
    # Filled by a database trigger on PostgreSQL (migration_utils.SearchVectorTrigger).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = [models.F("start_date").asc(nulls_last=True), "title"]
        indexes = [
            SearchVectorIndex(fields=["search_vector"], name="kernen_agenda_search_idx"),
            # What is coming up in a kern (the digest's meetings): a few dates among years of
            # agenda, not every item of the kern.
            models.Index(fields=["kern", "start_date"], name="kernen_agenda_kern_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=False, end_date__gte=models.F("start_date")),
                name="agendaitem_end_after_start",
                violation_error_message=_("De einddatum ligt voor de begindatum."),
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.end_date and not self.start_date:
            raise ValidationError({"start_date": _("Vul ook een begindatum in.")})
        check_dates(start=self.start_date, end=self.end_date)

    @property
    def last_date(self):
        return self.end_date or self.start_date


class CalendarFeedToken(models.Model):
    """A personal secret in the iCalendar feed URL: calendar apps cannot log in. Kept in plain
    text so the user can copy the address again; resetting it makes old addresses stop working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("agenda-abonnement")
        verbose_name_plural = _("agenda-abonnementen")

    def __str__(self):
        return _("Agenda-abonnement van %(user)s") % {"user": self.user}
