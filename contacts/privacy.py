"""Personal data contacts holds (see kernportal/privacy.py): contacts (persons) and the
people who ask questions (with the notes on their questions' history)."""

from django.db.models import Max, Q
from django.utils.translation import gettext_noop, pgettext

from kernportal.audit import last_change
from kernportal.privacy import PersonalData, each

from . import services
from .models import Person, Question


def _persons(email):
    return Person.objects.filter(email__iexact=email.strip())


def _persons_export(rows):
    return [
        {
            pgettext("export", "naam"): p.name,
            pgettext("export", "rol"): p.role,
            pgettext("export", "e-mailadres"): p.email,
            pgettext("export", "telefoon"): p.phone,
            pgettext("export", "notities"): p.notes,
            pgettext("export", "grondslag"): p.get_basis_display(),
            pgettext("export", "toestemming op"): p.consent_date.isoformat()
            if p.consent_date
            else None,
            pgettext("export", "kernen"): [k.name for k in p.kernen.all()],
        }
        for p in rows
    ]


def _persons_expired(cutoff):
    """Contacts no longer active whose last contact moment and last recorded change (the audit
    trail: when they were made inactive) are both older than the cutoff. Active contacts are
    kept: they are the kern's current partners."""
    return (
        Person.objects.filter(is_active=False)
        .exclude(name=services.ANONYMISED)
        .annotate(last_moment=Max("contact_moments__happened_at"), last_change=last_change(Person))
        .filter(Q(last_moment__lt=cutoff) | Q(last_moment__isnull=True))
        .filter(Q(last_change__lt=cutoff) | Q(last_change__isnull=True))
    )


def _questions(email):
    return Question.objects.filter(kind=Question.Kind.PUBLIC, asker_email__iexact=email.strip())


def _questions_export(rows):
    return [
        {
            pgettext("export", "kern"): q.kern.name,
            pgettext("export", "naam"): q.asker_name,
            pgettext("export", "e-mailadres"): q.asker_email,
            pgettext("export", "vraag"): q.text,
            pgettext("export", "antwoord"): q.answer,
            pgettext("export", "status"): q.get_status_display(),
            pgettext("export", "ontvangen op"): q.received_at.isoformat(),
            pgettext("export", "akkoord privacyverklaring op"): (
                q.privacy_consent_at.isoformat() if q.privacy_consent_at else None
            ),
            pgettext("export", "versie privacyverklaring"): q.privacy_consent_version,
            pgettext("export", "verloop"): [
                {
                    pgettext("export", "stap"): e.get_kind_display(),
                    pgettext("export", "op"): e.created_at.isoformat(),
                    pgettext("export", "notitie"): e.note,
                }
                for e in q.events.all()
            ],
        }
        for q in rows
    ]


def _questions_expired(cutoff):
    """Public questions closed (or answered) before the cutoff; open ones are still work."""
    return (
        Question.objects.filter(kind=Question.Kind.PUBLIC)
        .exclude(asker_name=services.ANONYMISED)
        .filter(
            Q(closed_at__lt=cutoff) | Q(closed_at__isnull=True, answered_at__lt=cutoff),
        )
    )


HANDLERS = [
    PersonalData(
        kind="contacts",
        label=gettext_noop("Contactpersonen"),
        find=_persons,
        export=_persons_export,
        anonymise=each(services.person_anonymise, "person"),
        expired=_persons_expired,
    ),
    PersonalData(
        kind="askers",
        label=gettext_noop("Vragen van inwoners"),
        find=_questions,
        export=_questions_export,
        anonymise=each(services.question_anonymise, "question"),
        expired=_questions_expired,
    ),
]
