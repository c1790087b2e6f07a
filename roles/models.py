import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernen.models import KcpAssignment
from kernportal.choices import ChoiceLabels
from kernportal.dates import check_dates
from kernportal.migration_utils import SearchVectorIndex

from .definitions import Owner, Role


class ClassificationQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)

    def for_object(self, obj):
        ct = ContentType.objects.get_for_model(obj)
        return self.filter(content_type=ct, object_id=obj.pk)

    def in_period(self, start, end):
        """Classified on a local day from `start` to `end` (either may be None). Compares with
        the bounds of those days, not the date of each row, so an index on the time serves."""
        qs = self
        if start:
            qs = qs.filter(classified_at__gte=_local_midnight(start))
        if end:
            qs = qs.filter(classified_at__lt=_local_midnight(end + datetime.timedelta(days=1)))
        return qs


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class Classification(models.Model):
    """The role the municipality takes in one piece of work towards one kern.

    Append-only: reclassifying adds a row and clears `is_current` on the previous one, so the
    history of choices (and their reasons) is never edited.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    kern = models.ForeignKey(
        "kernen.Kern",
        verbose_name=_("kern"),
        on_delete=models.CASCADE,
        related_name="classifications",
    )
    title = models.CharField(_("onderwerp"), max_length=300)
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices)
    owner = models.CharField(_("eigenaar van het vraagstuk"), max_length=20, choices=Owner.choices)
    suggested_role = models.CharField(
        _("voorstel van de rolwijzer"), max_length=10, choices=Role.choices, blank=True
    )
    reason = models.TextField(_("reden"), blank=True, max_length=2000)
    classified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingedeeld door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    classified_at = models.DateTimeField(_("ingedeeld op"), default=timezone.now)
    is_current = models.BooleanField(_("actueel"), default=True)

    objects = ClassificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("rolindeling")
        verbose_name_plural = _("rolindelingen")
        ordering = ["-classified_at", "-pk"]
        permissions = [
            ("view_overview", "Kan het rollenoverzicht en de signalen voor alle kernen zien"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kern"],
                condition=Q(is_current=True),
                name="classification_one_current_per_object_and_kern",
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id", "is_current"]),
            # The roles overview's mix: current classifications made in a period.
            models.Index(
                fields=["classified_at"],
                condition=Q(is_current=True),
                name="roles_class_current_at_idx",
            ),
            # A kern's current classifications, newest first (its role signals).
            models.Index(
                fields=["kern", "-id"],
                condition=models.Q(is_current=True),
                name="roles_class_kern_current_idx",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.kern}): {self.get_role_display()}"


class ParticipationRequestQuerySet(models.QuerySet):
    def by_requester(self, user):
        return self.filter(requester=user)

    def visible_to(self, user):
        """The requests `user` may read, as roles/access.py get_request_for_user decides: all
        for reviewers of any kern and readers of the overview; otherwise their own and those
        with a review in a kern they are current KCP of (with the review capability)."""
        if not user.has_perm("kernen.view_kern"):
            return self.none()
        if user.has_perm("roles.review_any_participation") or user.has_perm("roles.view_overview"):
            return self
        scope = Q(requester=user)
        if user.has_perm("roles.change_participationreview"):
            kcp_of = KcpAssignment.objects.current().filter(user=user).values("kern_id")
            reviews = ParticipationReview.objects.filter(request=OuterRef("pk"), kern__in=kcp_of)
            scope |= Exists(reviews)
        return self.filter(scope)


class ParticipationRequest(ChoiceLabels, models.Model):
    """A department's wish to involve one or more kernen; each kern's KCP reviews it."""

    class Form(models.TextChoices):
        EVENING = "evening", _("Inloop- of consultatieavond")
        THINK_ALONG = "think_along", _("Meedenken met het dorpsoverleg")
        SURVEY = "survey", _("Enquête")
        OTHER = "other", _("Anders")

    class Effort(models.TextChoices):
        SMALL = "small", _("Klein (een avond of minder)")
        MEDIUM = "medium", _("Middel (een paar bijeenkomsten)")
        LARGE = "large", _("Groot (een traject van maanden)")

    kernen = models.ManyToManyField(
        "kernen.Kern",
        verbose_name=_("kernen"),
        through="ParticipationReview",
        through_fields=("request", "kern"),
        related_name="participation_requests",
    )
    department = models.CharField(_("afdeling of team"), max_length=150)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aanvrager"),
        on_delete=models.PROTECT,
        related_name="participation_requests",
    )
    subject = models.CharField(_("onderwerp"), max_length=200)
    ask = models.TextField(_("wat vraagt u van de kern?"), max_length=4000)
    form = models.CharField(_("vorm"), max_length=20, choices=Form.choices)
    start_date = models.DateField(_("voorgestelde begindatum"))
    end_date = models.DateField(_("voorgestelde einddatum"))
    effort = models.CharField(
        _("verwachte inzet van de gemeenschap"), max_length=10, choices=Effort.choices
    )
    effort_hours = models.PositiveSmallIntegerField(
        _("verwachte inzet in uren"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    role = models.CharField(_("rol van de gemeente"), max_length=10, choices=Role.choices)
    # Optional: the agenda item or initiative this request is about ("subject of").
    subject_content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject_object_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject_object = GenericForeignKey("subject_content_type", "subject_object_id")
    created_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)

    # Filled by a database trigger on PostgreSQL (migration_utils.SearchVectorTrigger).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ParticipationRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("participatieverzoek")
        verbose_name_plural = _("participatieverzoeken")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="roles_request_created_idx"),
            # The load heatmap and the brake: requests starting in a period.
            models.Index(fields=["start_date"], name="roles_request_start_idx"),
            # The requests about one object (a classification's clash with them).
            models.Index(
                fields=["subject_content_type", "subject_object_id"],
                name="roles_request_subject_idx",
            ),
            SearchVectorIndex(fields=["search_vector"], name="roles_request_search_idx"),
        ]
        permissions = [
            (
                "review_any_participation",
                "Kan participatieverzoeken voor elke kern beoordelen",
            ),
            ("view_load_heatmap", "Kan de participatiedruk van alle kernen zien"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="participationrequest_end_after_start",
                violation_error_message=_("De einddatum ligt voor de begindatum."),
            )
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("roles:request_detail", args=[self.pk])

    def clean(self):
        super().clean()
        # A request to think along starting in the past makes no sense when filed.
        check_dates(start=self.start_date, end=self.end_date, allow_past=self.pk is not None)


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op beoordeling")
    APPROVED = "approved", _("Goedgekeurd")
    COMBINED = "combined", _("Gecombineerd met ander verzoek")
    POSTPONED = "postponed", _("Uitgesteld")
    DECLINED = "declined", _("Afgewezen")


# The review state machine in one table: from-state -> states a decision may lead to.
TRANSITIONS: dict[str, frozenset[str]] = {
    ReviewStatus.PENDING: frozenset(
        {
            ReviewStatus.APPROVED,
            ReviewStatus.COMBINED,
            ReviewStatus.POSTPONED,
            ReviewStatus.DECLINED,
        }
    ),
    ReviewStatus.POSTPONED: frozenset(
        {
            ReviewStatus.APPROVED,
            ReviewStatus.COMBINED,
            ReviewStatus.POSTPONED,
            ReviewStatus.DECLINED,
        }
    ),
    ReviewStatus.APPROVED: frozenset(),
    ReviewStatus.COMBINED: frozenset(),
    ReviewStatus.DECLINED: frozenset(),
}
OPEN_STATUSES = (ReviewStatus.PENDING, ReviewStatus.POSTPONED)


class ParticipationReviewQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def waiting(self, on=None):
        """Open reviews that need a decision now (postponed ones once their date has come)."""
        on = on or timezone.localdate()
        return self.filter(
            Q(status=ReviewStatus.PENDING) | Q(status=ReviewStatus.POSTPONED, postponed_to__lte=on)
        )

    def approved(self):
        return self.filter(status=ReviewStatus.APPROVED)

    def starting_between(self, start, end):
        return self.filter(request__start_date__gte=start, request__start_date__lte=end)


class ParticipationReview(ChoiceLabels, models.Model):
    """One kern's review of a participation request, with its own decision."""

    request = models.ForeignKey(
        ParticipationRequest,
        verbose_name=_("verzoek"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    kern = models.ForeignKey(
        "kernen.Kern",
        verbose_name=_("kern"),
        on_delete=models.PROTECT,
        related_name="participation_reviews",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    reason = models.TextField(_("reden"), blank=True, max_length=2000)
    override_reason = models.TextField(
        _("reden om de rem te passeren"), blank=True, max_length=2000
    )
    combined_with = models.ForeignKey(
        ParticipationRequest,
        verbose_name=_("gecombineerd met"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    postponed_to = models.DateField(_("uitgesteld tot"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)

    objects = ParticipationReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("beoordeling participatieverzoek")
        verbose_name_plural = _("beoordelingen participatieverzoeken")
        ordering = ["request", "kern__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "kern"], name="participationreview_one_per_kern"
            )
        ]
        indexes = [models.Index(fields=["kern", "status"])]

    def __str__(self):
        return f"{self.request} – {self.kern}: {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("roles:review", args=[self.request_id, self.kern.slug])

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES


class QuietPeriod(models.Model):
    """A period in which a kern asked not to be asked to participate (festival, harvest)."""

    kern = models.ForeignKey(
        "kernen.Kern",
        verbose_name=_("kern"),
        on_delete=models.CASCADE,
        related_name="quiet_periods",
    )
    start_date = models.DateField(_("van"))
    end_date = models.DateField(_("tot en met"))
    reason = models.CharField(_("reden"), max_length=200)

    class Meta:
        verbose_name = _("stille periode")
        verbose_name_plural = _("stille perioden")
        ordering = ["kern__name", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="quietperiod_end_after_start",
                violation_error_message=_("De einddatum ligt voor de begindatum."),
            )
        ]

    def __str__(self):
        return f"{self.kern}: {self.reason} ({self.start_date} – {self.end_date})"

    def clean(self):
        super().clean()
        check_dates(start=self.start_date, end=self.end_date)


class BrakeSettings(models.Model):
    """The municipality-wide brake: one row, edited in admin."""

    max_per_quarter = models.PositiveSmallIntegerField(
        _("maximaal aantal goedgekeurde verzoeken per kern per kwartaal"),
        default=3,
        validators=[MinValueValidator(1)],
    )

    class Meta:
        verbose_name = _("instelling participatierem")
        verbose_name_plural = _("instellingen participatierem")

    def __str__(self):
        return _("Maximaal %(n)s verzoeken per kern per kwartaal") % {"n": self.max_per_quarter}

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> "BrakeSettings":
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj
