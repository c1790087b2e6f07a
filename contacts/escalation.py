"""Late questions escalate by themselves: first to their KCP, then to the gebiedsregisseurs.

A question is late when its asker has heard nothing (routing is not a response) after
KERNPORTAL_QUESTION_DEADLINE_DAYS working days. On the day it becomes late its KCP is told at
once; KERNPORTAL_QUESTION_ESCALATION_DAYS working days later every holder of
`contacts.receive_question_escalations` (the gebiedsregisseurs) is. Both also see it in their
digest and on the overview of late questions.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kernportal.mail import staff_notify
from kernportal.users import users_with_perm

from .models import Question, QuestionEscalation, QuestionEvent

# A safety bound on one run; the next run picks up the rest.
BATCH = 500


def escalation_level_due(question: Question, today) -> str | None:
    """The highest level a late question should have reached today, or None if on time."""
    if not question.is_late(today):
        return None
    if question.working_days_late(today) >= settings.KERNPORTAL_QUESTION_ESCALATION_DAYS:
        return QuestionEscalation.Level.AREA_DIRECTOR
    return QuestionEscalation.Level.KCP


def questions_escalate_late(*, now=None) -> int:
    """Report every late question at each level it reached and was not reported at before.

    Side effects per (question, level), each in its own transaction: a QuestionEscalation row,
    a question event and the notices (outbox) to the KCP or to the gebiedsregisseurs. The
    unique (question, level) row is written first, so a repeated or concurrent run reports
    nothing twice: exactly once per question and level. Returns the number of new reports.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    late = Question.objects.select_related("kern", "assigned_to__profile").late(now, limit=BATCH)
    done = set(
        QuestionEscalation.objects.filter(question__in=late).values_list("question_id", "level")
    )
    regisseurs = None
    reported = 0
    for question in late:
        due = escalation_level_due(question, today)
        levels = [QuestionEscalation.Level.KCP]
        if due == QuestionEscalation.Level.AREA_DIRECTOR:
            levels.append(QuestionEscalation.Level.AREA_DIRECTOR)
        for level in levels:
            if (question.pk, level) in done:
                continue
            if level == QuestionEscalation.Level.AREA_DIRECTOR and regisseurs is None:
                regisseurs = list(
                    users_with_perm("contacts.receive_question_escalations").select_related(
                        "profile"
                    )
                )
            recipients = (
                regisseurs
                if level == QuestionEscalation.Level.AREA_DIRECTOR
                else [u for u in [question.assigned_to] if u is not None]
            )
            reported += _report(question, level, recipients, now, today)
    return reported


def _escalation_note(late: int, level: str) -> str:
    """The history note, in the default language like the rest of a question's history."""
    with translation.override(settings.LANGUAGE_CODE):
        days = ngettext("%(count)d werkdag te laat", "%(count)d werkdagen te laat", late) % {
            "count": late
        }
        if level == QuestionEscalation.Level.KCP:
            return _("%(days)s; gemeld aan de KCP") % {"days": days}
        return _("%(days)s; gemeld aan de gebiedsregisseur") % {"days": days}


def _report(question, level, recipients, now, today) -> int:
    try:
        with transaction.atomic():
            QuestionEscalation.objects.create(question=question, level=level, created_at=now)
            late = question.working_days_late(today)
            QuestionEvent.objects.create(
                question=question,
                kind=QuestionEvent.Kind.ESCALATED,
                note=_escalation_note(late, level),
                created_at=now,
            )
            for user in recipients:
                staff_notify(
                    user=user,
                    template="contacts_question_late",
                    context={
                        "question": question,
                        "to_regisseur": level == QuestionEscalation.Level.AREA_DIRECTOR,
                        "late": late,
                        "path": question.get_absolute_url(),
                    },
                    kind=f"contacts.question_late_{level}",
                )
    except IntegrityError:
        return 0  # another run reported it first
    return 1
