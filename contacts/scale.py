"""Scale data for contacts: organisations and people, ten years of contact moments with their
follow-ups, and questions with their history. See `kernportal.scale`."""

import datetime

from kernen.models import CommunityGroup
from kernportal.scale import BATCH, EMAIL_DOMAIN, MARK, bulk
from kernportal.tokens import hash_token

from .models import (
    ContactMoment,
    FollowUp,
    Membership,
    Organisation,
    Person,
    Question,
    QuestionEvent,
)

SUMMARIES = (
    "Dorpsplan besproken; zorgen over verkeersveiligheid bij de basisschool.",
    "Gesprek over een ontmoetingsplek voor ouderen in het dorpshuis.",
    "Overleg over de kermis en de afsluiting van de Dorpsstraat.",
    "Vragen over woningbouw voor starters en jongeren die willen blijven.",
    "Het dorpsoverleg wil meedenken over de herinrichting van het plein.",
    "Zorgen over de bereikbaarheid van de huisarts na de sluiting van de bushalte.",
    "Afspraken over het onderhoud van het groen rond de kerk.",
    "Terugkoppeling van de enquête over afvalinzameling.",
    "De ijsclub zoekt een nieuwe plek voor de opslag van materiaal.",
    "Gesprek met de school over een veilige oversteek.",
)
FOLLOWUPS = (
    "Verslag rondsturen",
    "Verkeerstelling aanvragen bij Openbare Ruimte",
    "Ruimte in het dorpshuis navragen",
    "Terugbellen over de planning",
    "Collega van Vastgoed uitnodigen",
)
QUESTIONS = (
    "Wie gaat over de speeltuin aan de Kerkstraat?",
    "Kan de lantaarnpaal bij het fietspad weer aan?",
    "Waar vraag ik een vergunning voor een buurtfeest aan?",
    "Wanneer wordt de stoep in de Schoolstraat hersteld?",
    "Mag ons dorpshuis een AED aan de gevel hangen?",
)


def generate(ctx):
    people = _people(ctx)
    _moments(ctx, people)
    _questions(ctx)


def _people(ctx):
    p, rng = ctx.profile, ctx.rng
    n_orgs = max(3, p.contacts // 10)
    orgs = bulk(
        Organisation,
        [
            Organisation(
                name=f"{rng.choice(('Stichting', 'Vereniging', 'Coöperatie'))} "
                f"{ctx.person_name().split()[-1]} {ctx.round}-{i}",
                kind=rng.choice(Organisation.Kind.values),
                notes=MARK,
            )
            for i in range(n_orgs)
        ],
    )
    people = []
    for i in range(p.contacts):
        consent = rng.random() < 0.3
        name = ctx.person_name()
        people.append(
            Person(
                name=name,
                organisation=rng.choice(orgs) if rng.random() < 0.7 else None,
                role=rng.choice(("voorzitter", "secretaris", "lid", "opbouwwerker", "")),
                email=f"{name.split()[0].lower()}.{ctx.round}.{i}@{EMAIL_DOMAIN}",
                basis=Person.Basis.CONSENT if consent else Person.Basis.PUBLIC_TASK,
                consent_date=ctx.moment().date() if consent else None,
                notes=MARK,
            )
        )
    people = bulk(Person, people)
    person_kernen, by_kern = [], {}
    for person in people:
        for kern_id in set(ctx.pick_kernen(1 + (ctx.rng.random() < 0.2))):
            person_kernen.append(Person.kernen.through(person_id=person.pk, kern_id=kern_id))
            by_kern.setdefault(kern_id, []).append(person.pk)
    bulk(Person.kernen.through, person_kernen)
    groups = list(CommunityGroup.objects.filter(kern_id__in=by_kern).values_list("pk", "kern_id"))
    memberships = [
        Membership(
            person_id=rng.choice(by_kern[kern_id]),
            group_id=group_id,
            role=rng.choice(("voorzitter", "penningmeester", "lid")),
            start_date=ctx.moment().date(),
        )
        for group_id, kern_id in groups
    ]
    bulk(Membership, memberships)
    ctx.add_count("organisaties", len(orgs))
    ctx.add_count("contactpersonen", len(people))
    return by_kern


def _moments(ctx, people):
    """Contact moments in chunks (the large profile holds half a million), each chunk followed
    by its follow-ups and who took part, so memory stays flat."""
    p, rng = ctx.profile, ctx.rng
    today = ctx.now.date()
    colleagues = ctx.staff.get("medewerker") or ctx.staff["KCP"]
    followups_per_moment = p.followups / p.contact_moments
    total = 0
    for chunk_start in range(0, p.contact_moments, BATCH):
        moments = []
        for _ in range(min(BATCH, p.contact_moments - chunk_start)):
            kern_id = ctx.pick_kern()
            at = ctx.moment(recent=0.03)
            if rng.random() < 0.01:  # planned: a dorpsavond next week
                at = ctx.now + datetime.timedelta(days=rng.randint(1, 14))
            moments.append(
                ContactMoment(
                    kern_id=kern_id,
                    happened_at=at,
                    kind=rng.choice(ContactMoment.Kind.values),
                    summary=rng.choice(SUMMARIES),
                    agreements=rng.choice(FOLLOWUPS) if rng.random() < 0.5 else "",
                    created_by_id=ctx.primary_kcp[kern_id],
                    created_at=at,
                )
            )
        if chunk_start == 0:
            # Every round plans a meeting in the busiest kern this week, so even the small
            # profile fills the digest's meetings section and the dashboard's planned moments.
            first = moments[0]
            first.kern_id = ctx.kern_ids[0]
            first.created_by_id = ctx.primary_kcp[first.kern_id]
            first.happened_at = first.created_at = ctx.now + datetime.timedelta(days=2)
        moments = ContactMoment.objects.bulk_create(moments, batch_size=BATCH)
        followups, staff, persons = [], [], []
        for m in moments:
            staff.append(
                ContactMoment.staff.through(contactmoment_id=m.pk, user_id=m.created_by_id)
            )
            if m.kern_id in people and rng.random() < 0.5:
                person_id = rng.choice(people[m.kern_id])
                persons.append(
                    ContactMoment.persons.through(contactmoment_id=m.pk, person_id=person_id)
                )
            n = int(followups_per_moment) + (rng.random() < followups_per_moment % 1)
            for _ in range(n):
                due = m.happened_at.date() + datetime.timedelta(days=rng.randint(3, 60))
                # Old follow-ups are mostly done; a few stay overdue, as in real life.
                done = due < today and rng.random() < 0.97
                owner = m.created_by_id if rng.random() < 0.8 else rng.choice(colleagues)
                followups.append(
                    FollowUp(
                        contact_moment_id=m.pk,
                        description=rng.choice(FOLLOWUPS),
                        owner_id=owner,
                        due_date=due,
                        is_done=done,
                        done_at=m.happened_at + datetime.timedelta(days=2) if done else None,
                    )
                )
        FollowUp.objects.bulk_create(followups, batch_size=BATCH)
        ContactMoment.staff.through.objects.bulk_create(staff, batch_size=BATCH)
        ContactMoment.persons.through.objects.bulk_create(persons, batch_size=BATCH)
        total += len(moments)
        ctx.add_count("vervolgacties", len(followups))
    ctx.add_count("contactmomenten", total)


def _questions(ctx):
    p, rng = ctx.profile, ctx.rng
    colleagues = ctx.staff.get("medewerker") or ctx.staff["KCP"]
    S = Question.Status
    rows = []
    for i in range(p.questions):
        kern_id = ctx.pick_kern()
        received = ctx.moment(recent=0.1)
        recent = (ctx.now - received).days < 30
        status = rng.choice((S.NEW, S.ROUTED, S.ANSWERED)) if recent else S.ANSWERED
        if not recent and rng.random() < 0.1:
            status = S.CLOSED
        internal = rng.random() < 0.1
        responded = min(ctx.now, received + datetime.timedelta(hours=rng.randint(2, 200)))
        asker = rng.choice(colleagues) if internal else None
        rows.append(
            Question(
                kind=Question.Kind.INTERNAL if internal else Question.Kind.PUBLIC,
                kern_id=kern_id,
                asker_name=ctx.person_name(),
                asker_email=f"inwoner{i}@{EMAIL_DOMAIN}",
                asked_by_id=asker,
                text=rng.choice(QUESTIONS),
                status=status,
                token_hash=hash_token(f"scale-{ctx.round}-{i}"),
                assigned_to_id=ctx.primary_kcp[kern_id],
                routed_to_id=rng.choice(colleagues) if status == S.ROUTED else None,
                answer="Dank voor uw vraag; de KCP heeft het uitgezocht."
                if status == S.ANSWERED
                else "",
                received_at=received,
                first_response_at=None if status == S.NEW else responded,
                answered_at=responded if status == S.ANSWERED else None,
                closed_at=responded if status == S.CLOSED else None,
            )
        )
    # Every round routes a recent question to a colleague, so even the small profile fills the
    # "routed to you" lists and digest section.
    first = rows[0]
    first.status, first.routed_to_id = S.ROUTED, colleagues[0]
    first.received_at = ctx.now - datetime.timedelta(days=2)
    first.first_response_at = first.received_at + datetime.timedelta(hours=3)
    first.answer, first.answered_at, first.closed_at = "", None, None
    saved = bulk(Question, rows)
    events = []
    for q in saved:
        events.append(
            QuestionEvent(
                question_id=q.pk,
                kind="received",
                actor_id=q.asked_by_id,
                to_user_id=q.assigned_to_id,
                created_at=q.received_at,
            )
        )
        if q.status != S.NEW:
            kind = {S.ROUTED: "routed", S.ANSWERED: "answered", S.CLOSED: "closed"}[q.status]
            events.append(
                QuestionEvent(
                    question_id=q.pk,
                    kind=kind,
                    actor_id=q.assigned_to_id,
                    to_user_id=q.routed_to_id,
                    created_at=q.first_response_at,
                )
            )
    bulk(QuestionEvent, events)
    kind_labels = dict(Question.Kind.choices)
    ctx.offer_classifiable(
        Question,
        [
            (q.pk, q.kern_id, f"{kind_labels[q.kind]} #{q.pk} uit {ctx.kern_names[q.kern_id]}")
            for q in saved
        ],
    )
    ctx.add_count("vragen", len(saved))
    ctx.add_count("vraaggebeurtenissen", len(events))
