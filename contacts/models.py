"""People around a kern, what was discussed with them, what follows up, and questions without
an address. The history of a question (QuestionEvent) is append-only."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from kernen.models import AgendaItem, CommunityGroup, Kern
from kernportal.choices import ChoiceLabels
from kernportal.dates import check_dates, format_date
from kernportal.migration_utils import SearchVectorIndex
from kernportal.queries import rows_of
from kernportal.workdays import (
    deadline_text,
    first_day_on_time,
    response_deadline,
    working_days_late,
)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        WELFARE = "welfare", _("Welzijnsorganisatie")
        SCHOOL = "school", _("School")
        HOUSING = "housing_corporation", _("Woningcorporatie")
        BUSINESS = "business", _("Bedrijf")
        ENTREPRENEURS = "entrepreneurs", _("Ondernemersvereniging")
        COMMUNITY = "community_group", _("Gemeenschapsgroep")
        OTHER = "other", _("Anders")

    name = models.CharField(
        _("naam"),
        max_length=150,
        unique=True,
        error_messages={"unique": _("Er is al een organisatie met deze naam.")},
    )
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    community_group = models.ForeignKey(
        CommunityGroup,
        verbose_name=_("gemeenschapsgroep"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
        help_text=_("Alleen als deze organisatie een groep van een kern is."),
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notities"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("contacts:organisation_detail", args=[self.pk])


class PersonQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Person(models.Model):
    class Basis(models.TextChoices):
        CONSENT = "consent", _("Toestemming van de persoon")
        PUBLIC_TASK = "public_task", _("Publieke taak (contactpersoon van een groep of partner)")
        LEGITIMATE = "legitimate_interest", _("Gerechtvaardigd belang")

    name = models.CharField(_("naam"), max_length=150)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    role = models.CharField(
        _("rol"),
        max_length=100,
        blank=True,
        help_text=_("Bijvoorbeeld 'voorzitter dorpsoverleg' of 'opbouwwerker'."),
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    kernen = models.ManyToManyField(
        Kern, verbose_name=_("kernen"), blank=True, related_name="contacts"
    )
    notes = models.TextField(_("notities"), blank=True, max_length=2000)
    basis = models.CharField(
        _("grondslag voor het bewaren (AVG)"),
        max_length=30,
        choices=Basis.choices,
        help_text=_("Waarom de gemeente deze gegevens mag bewaren."),
    )
    consent_date = models.DateField(
        _("datum toestemming"),
        null=True,
        blank=True,
        help_text=_("Verplicht als de grondslag toestemming is."),
    )
    is_active = models.BooleanField(_("actief"), default=True)

    objects = PersonQuerySet.as_manager()

    # Filled by a database trigger on PostgreSQL (migration_utils.SearchVectorTrigger).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["name"], name="contacts_person_name_idx"),
            SearchVectorIndex(fields=["search_vector"], name="contacts_person_search_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(basis="consent") | Q(consent_date__isnull=False),
                name="person_consent_needs_date",
                violation_error_message=_("Vul de datum van de toestemming in."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("contacts:person_detail", args=[self.pk])

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        if self.basis == self.Basis.CONSENT and not self.consent_date:
            raise ValidationError({"consent_date": _("Vul de datum van de toestemming in.")})


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=on),
            Q(end_date__isnull=True) | Q(end_date__gte=on),
        )


class Membership(models.Model):
    """A person's role in a community group for a period."""

    person = models.ForeignKey(
        Person, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="memberships"
    )
    group = models.ForeignKey(
        CommunityGroup,
        verbose_name=_("groep"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("rol in de groep"), max_length=100, blank=True)
    start_date = models.DateField(_("van"), null=True, blank=True)
    end_date = models.DateField(_("tot en met"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["group__name", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_end_after_start",
                violation_error_message=_("De einddatum ligt voor de begindatum."),
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.role or _('lid')} {self.group.name}"

    def clean(self):
        super().clean()
        check_dates(start=self.start_date, end=self.end_date)

    def is_current(self, on=None) -> bool:
        on = on or timezone.localdate()
        return (self.start_date is None or self.start_date <= on) and (
            self.end_date is None or self.end_date >= on
        )


class ContactMomentQuerySet(models.QuerySet):
    def with_followups(self):
        """Each moment's follow-ups and their owners' names read along (`timeline_followups`),
        for timelines: no query of their own."""
        return self.annotate(
            followup_rows=rows_of(
                FollowUp.objects,
                "contact_moment",
                pk="pk",
                description="description",
                due_date="due_date",
                is_done="is_done",
                owner_id="owner_id",
                username="owner__username",
                first_name="owner__first_name",
                last_name="owner__last_name",
            )
        )


class ContactMoment(ChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        DORPSOVERLEG = "dorpsoverleg", _("Vergadering dorpsoverleg")
        PHONE = "phone", _("Telefoongesprek")
        EMAIL = "email", _("E-mail")
        VISIT = "visit", _("Bezoek")
        DORPSAVOND = "dorpsavond", _("Dorpsavond")
        OTHER = "other", _("Anders")

    kern = models.ForeignKey(
        Kern, verbose_name=_("kern"), on_delete=models.PROTECT, related_name="contact_moments"
    )
    happened_at = models.DateTimeField(_("datum en tijd"))
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    persons = models.ManyToManyField(
        Person, verbose_name=_("contactpersonen"), blank=True, related_name="contact_moments"
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerkers"),
        blank=True,
        related_name="contact_moments",
    )
    agenda_items = models.ManyToManyField(
        AgendaItem,
        verbose_name=_("agendapunten"),
        blank=True,
        related_name="contact_moments",
        help_text=_("Agendapunten van de kern waarover dit contactmoment ging."),
    )
    summary = models.TextField(_("samenvatting"), max_length=5000)
    agreements = models.TextField(_("afspraken"), blank=True, max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    # Filled by a database trigger on PostgreSQL (migration_utils.SearchVectorTrigger).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ContactMomentQuerySet.as_manager()

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["-happened_at"]
        indexes = [
            models.Index(fields=["kern", "-happened_at"]),
            # Search walks it from the newest moment for a common word (kernportal.search).
            models.Index(fields=["-happened_at"], name="contacts_moment_happened_idx"),
            SearchVectorIndex(fields=["search_vector"], name="contacts_moment_search_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.kern} {format_date(self.happened_at)}"

    def get_absolute_url(self):
        return reverse("contacts:moment_detail", args=[self.pk])

    @cached_property
    def timeline_followups(self) -> list:
        """The follow-ups in due order: read along (`with_followups`) or prefetched."""
        if "followup_rows" not in self.__dict__:
            return list(self.followups.all())
        User = get_user_model()
        followups = [
            FollowUp(
                pk=row["pk"],
                contact_moment=self,
                description=row["description"],
                due_date=date.fromisoformat(row["due_date"]),
                is_done=bool(row["is_done"]),
                owner=User(
                    pk=row["owner_id"],
                    username=row["username"],
                    first_name=row["first_name"],
                    last_name=row["last_name"],
                ),
            )
            for row in self.followup_rows or []
        ]
        return sorted(followups, key=lambda f: (f.due_date, f.pk))

    def clean(self):
        super().clean()
        check_dates(start=self.happened_at, start_field="happened_at")


class ContactMomentRevision(models.Model):
    """One correction of a logged contact moment: who, when and what changed (field labels
    with the value before and after, follow-ups added, changed or removed). Append-only:
    the log of a relationship is corrected in the open, never silently overwritten. The one
    exception is erasure (AVG): `person_anonymise` replaces the person's name in it."""

    moment = models.ForeignKey(
        ContactMoment,
        verbose_name=_("contactmoment"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gewijzigd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)
    changes = models.JSONField(_("wijzigingen"), default=dict)

    class Meta:
        verbose_name = _("wijziging van een contactmoment")
        verbose_name_plural = _("wijzigingen van contactmomenten")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return _("Wijziging van %(moment)s op %(date)s") % {
            "moment": self.moment,
            "date": format_date(self.changed_at),
        }

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Contact moment history is append-only.")
        super().save(*args, **kwargs)


class FollowUpQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_done=False)

    def overdue(self, on=None):
        return self.open().filter(due_date__lt=on or timezone.localdate())

    def overdue_first(self):
        return self.order_by("due_date", "pk")


class FollowUp(models.Model):
    contact_moment = models.ForeignKey(
        ContactMoment,
        verbose_name=_("contactmoment"),
        on_delete=models.CASCADE,
        related_name="followups",
    )
    description = models.CharField(_("actie"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("wie"),
        on_delete=models.PROTECT,
        related_name="followups",
    )
    due_date = models.DateField(_("uiterlijk"))
    is_done = models.BooleanField(_("gedaan"), default=False)
    done_at = models.DateTimeField(_("gedaan op"), null=True, blank=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("vervolgactie")
        verbose_name_plural = _("vervolgacties")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_done=False, done_at__isnull=True)
                | Q(is_done=True, done_at__isnull=False),
                name="followup_done_has_time",
            )
        ]
        indexes = [models.Index(fields=["owner", "is_done", "due_date"])]

    def __str__(self):
        return self.description

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_due_date = instance.__dict__.get("due_date")
        return instance

    def clean(self):
        super().clean()
        # A new or re-dated follow-up cannot be due in the past; an overdue one that is only
        # re-assigned keeps its date.
        unchanged = self.pk is not None and self.due_date == getattr(self, "_stored_due_date", None)
        check_dates(
            start=self.due_date, start_field="due_date", allow_past=unchanged or self.is_done
        )


def awaiting_response() -> Q:
    """`QuestionQuerySet.awaiting_response` as a condition, for a query that reads more than
    those questions (the digest reads waiting and routed questions in one)."""
    return ~Q(status__in=[Question.Status.ANSWERED, Question.Status.CLOSED]) & Q(
        first_response_at__isnull=True
    )


class QuestionQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=[Question.Status.ANSWERED, Question.Status.CLOSED])

    def handled_by(self, user_ids, kern_ids=()):
        """Questions assigned to one of `user_ids` or of one of the kernen `kern_ids` (the
        kernen the users handle as KCP: contacts.access.handling_kern_ids)."""
        scope = Q(assigned_to_id__in=user_ids)
        if kern_ids:
            scope |= Q(kern_id__in=kern_ids)
        return self.filter(scope)

    def routed_to_users(self, user_ids):
        """Questions routed to one of `user_ids` that they have not answered yet."""
        return self.filter(status=Question.Status.ROUTED, routed_to_id__in=user_ids)

    def in_list_view(self, view: str, user, kern_ids=()):
        """The question list's views: "inbox" (handled by me), "doorgezet" (routed to me),
        "gesteld" (asked by me) or "alle" (everything the caller may read)."""
        if view == "inbox":
            return self.handled_by([user.pk], kern_ids)
        if view == "doorgezet":
            return self.filter(routed_to=user)
        if view == "gesteld":
            return self.filter(asked_by=user)
        return self

    def awaiting_response(self):
        """Open questions whose asker has heard nothing yet (routing is not a response)."""
        return self.filter(awaiting_response())

    def possibly_late(self, now):
        """Questions that may be past their working-day deadline: a deadline of N working days
        is at least N calendar days away, so this SQL bound is safe; `Question.is_late` decides."""
        days = settings.KERNPORTAL_RESPONSE_DEADLINES["question"]
        return self.awaiting_response().filter(received_at__lt=now - timedelta(days=days))

    def late(self, now, limit=None):
        """The late questions (oldest first) as a list; `limit` bounds the rows read."""
        today = timezone.localdate(now)
        rows = self.possibly_late(now).order_by("received_at")
        if limit is not None:
            rows = rows[:limit]
        return [q for q in rows if q.is_late(today)]

    def late_by(self, now):
        """The late questions on `now`'s date as a QuerySet, the same ones `late` lists, to be
        paged in SQL: those awaiting a response that arrived before the first day of receipt
        whose working-day deadline has not passed yet."""
        first_on_time = first_day_on_time("question", timezone.localdate(now))
        start = datetime.combine(first_on_time, time.min, tzinfo=timezone.get_current_timezone())
        return self.awaiting_response().filter(received_at__lt=start)

    def visible_to(self, user, kern_ids=()):
        """Questions `user` may read: all with the view-all capability; otherwise the kernen
        they are KCP of (with routing capability), assigned or routed to them, or asked by them.
        `kern_ids`: their kernen, as ids or as a subquery (never evaluated here)."""
        if user.has_perm("contacts.view_all_questions"):
            return self
        scope = Q(assigned_to=user) | Q(routed_to=user) | Q(asked_by=user)
        if user.has_perm("contacts.route_question"):
            scope |= Q(kern_id__in=kern_ids)  # empty: no rows, the other conditions stand
        return self.filter(scope)


class Question(ChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        PUBLIC = "public", _("Vraag van inwoner")
        INTERNAL = "internal", _("Adviesvraag van collega")

    class Status(models.TextChoices):
        NEW = "new", _("Ontvangen")
        ROUTED = "routed", _("Doorgezet naar collega")
        ANSWERED = "answered", _("Beantwoord")
        CLOSED = "closed", _("Afgesloten")

    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.PUBLIC)
    kern = models.ForeignKey(
        Kern, verbose_name=_("kern"), on_delete=models.PROTECT, related_name="questions"
    )
    asker_name = models.CharField(_("naam"), max_length=100)
    asker_email = models.EmailField(_("e-mailadres"), max_length=254)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gesteld door collega"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions_asked",
    )
    text = models.TextField(_("vraag"), max_length=3000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The asker's consent on the public form: when, and to which version of the privacy
    # statement (KERNPORTAL_PRIVACY_STATEMENT_VERSION). Empty for colleagues' questions.
    privacy_consent_at = models.DateTimeField("akkoord privacyverklaring op", null=True, blank=True)
    privacy_consent_version = models.CharField(
        "versie privacyverklaring", max_length=20, blank=True, default="", db_default=""
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("KCP"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions_assigned",
    )
    routed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("doorgezet naar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions_routed",
    )
    answer = models.TextField(_("antwoord"), blank=True, max_length=5000)
    received_at = models.DateTimeField(_("ontvangen op"), default=timezone.now)
    first_response_at = models.DateTimeField(_("eerste reactie op"), null=True, blank=True)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    # The language the resident used on the public form: every e-mail to them is in it.
    language = models.CharField(
        _("taal"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="nl",
        # The version still serving during a deploy inserts questions without this column.
        db_default="nl",
    )
    closing_reason = models.TextField(
        _("reden van afsluiten"),
        blank=True,
        # The version still serving during a deploy inserts questions without this column.
        default="",
        db_default="",
        max_length=2000,
        help_text=_("De vrager ziet deze reden op de statuspagina en in de e-mail."),
    )

    objects = QuestionQuerySet.as_manager()

    # Filled by a database trigger on PostgreSQL (migration_utils.SearchVectorTrigger).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["-received_at"]
        permissions = [
            ("view_all_questions", "Kan alle vragen lezen"),
            ("route_question", "Kan vragen van de eigen kernen beantwoorden en doorzetten"),
            ("answer_question", "Kan een doorgezette vraag beantwoorden"),
            ("ask_internal_question", "Kan een KCP om advies vragen"),
            ("view_late_questions", "Kan het overzicht van te late vragen zien"),
            ("receive_question_escalations", "Krijgt te late vragen van alle kernen gemeld"),
        ]
        indexes = [
            models.Index(fields=["status", "kern"]),
            # Question lists show the newest first, a page at a time.
            models.Index(fields=["-received_at"], name="contacts_question_received_idx"),
            # A kern's open questions (kern page count, inbox), oldest first: a few per kern
            # among ten years of answered ones.
            models.Index(
                fields=["kern", "received_at"],
                condition=~models.Q(status__in=["answered", "closed"]),
                name="contacts_question_open_idx",
            ),
            # The open questions assigned to someone (their digest, their inbox): a few among
            # the thousands a KCP answered over the years.
            models.Index(
                fields=["assigned_to", "received_at"],
                condition=~models.Q(status__in=["answered", "closed"]),
                name="contacts_question_assigned_idx",
            ),
            # Questions waiting for a first response from the KCP they are assigned to, oldest
            # first (the dashboard): a few among the thousands a KCP was ever assigned.
            models.Index(
                fields=["assigned_to", "received_at"],
                condition=models.Q(first_response_at__isnull=True)
                & ~models.Q(status__in=["answered", "closed"]),
                name="contacts_question_awaiting_idx",
            ),
            SearchVectorIndex(fields=["search_vector"], name="contacts_question_search_idx"),
        ]

    def __str__(self):
        return _("Vraag %(number)s (%(kern)s)") % {"number": self.pk, "kern": self.kern}

    def get_absolute_url(self):
        return reverse("contacts:question_detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status in (self.Status.NEW, self.Status.ROUTED)

    @property
    def deadline(self) -> date:
        """The first-response deadline, KERNPORTAL_QUESTION_DEADLINE_DAYS working days on."""
        return response_deadline(self.received_at, "question")

    @property
    def awaits_response(self) -> bool:
        return self.is_open and self.first_response_at is None

    def is_late(self, today=None) -> bool:
        return self.awaits_response and (today or timezone.localdate()) > self.deadline

    def working_days_late(self, today=None) -> int:
        return working_days_late(self.deadline, today or timezone.localdate())

    def deadline_text(self, today=None) -> str:
        return deadline_text(self.deadline, today or timezone.localdate())


class QuestionEvent(models.Model):
    """One step in a question's life. Never edited or deleted."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Ontvangen")
        ROUTED = "routed", _("Doorgezet")
        ANSWERED = "answered", _("Beantwoord")
        MESSAGED = "messaged", _("Bericht aan de vrager")
        CLOSED = "closed", _("Afgesloten")
        ESCALATED = "escalated", _("Termijn verstreken, gemeld")

    question = models.ForeignKey(
        Question, verbose_name=_("vraag"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("stap"), max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("naar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("notitie"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        verbose_name = _("vraaggebeurtenis")
        verbose_name_plural = _("vraaggebeurtenissen")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Question history is append-only.")
        super().save(*args, **kwargs)


class QuestionEscalation(models.Model):
    """A late question was reported at one level, once: first to its KCP, past
    KERNPORTAL_QUESTION_ESCALATION_DAYS more working days to the gebiedsregisseurs. The unique
    pair (question, level) is what makes the report go out exactly once."""

    class Level(models.TextChoices):
        KCP = "kcp", _("KCP")
        AREA_DIRECTOR = "area_director", _("Gebiedsregisseur")

    question = models.ForeignKey(
        Question, verbose_name=_("vraag"), on_delete=models.CASCADE, related_name="escalations"
    )
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices)
    created_at = models.DateTimeField(_("gemeld op"), default=timezone.now)

    class Meta:
        verbose_name = _("escalatie van een vraag")
        verbose_name_plural = _("escalaties van vragen")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "level"], name="questionescalation_once_per_level"
            )
        ]

    def __str__(self):
        return f"{self.question} – {self.get_level_display()}"
