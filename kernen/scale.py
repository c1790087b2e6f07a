"""Scale data for kernen: kernen with community groups, staff in the permission groups, KCP
assignments with history, and both agendas. See `kernportal.scale`."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from kernportal.scale import (
    EMAIL_DOMAIN,
    FIRST_NAMES,
    LAST_NAMES,
    MARK,
    USERNAME_PREFIX,
    bulk,
    kern_weights,
)

from .models import AgendaItem, CommunityGroup, KcpAssignment, Kern, StaffProfile

STEMS = [
    "Wom",
    "Bols",
    "Dron",
    "Wit",
    "Hinde",
    "Gaast",
    "Ferw",
    "Tjerk",
    "Hijum",
    "Reahû",
    "Easter",
    "Wester",
    "Itens",
    "Raerd",
    "Jorw",
    "Koud",
    "Heeg",
    "Oudega",
    "Nijland",
    "Tirns",
    "Blauw",
    "Folsga",
    "Gauw",
    "Goïng",
    "Hichtum",
    "Idsega",
    "Lollum",
    "Makkum",
    "Piaam",
    "Sibrand",
    "Sondel",
    "Tersoal",
    "Wons",
    "Lutke",
    "Grou",
    "Oosterwier",
    "Westerburen",
    "Hartwerd",
]
SUFFIXES = [
    "um",
    "wert",
    "ens",
    "ga",
    "zijl",
    "wier",
    "horne",
    "buren",
    "veen",
    "dijk",
    "broek",
    "hoven",
    "rode",
    "loo",
    "terp",
]
STAFF_MIX = (("gebiedsregisseur", 0.01), ("wethouder", 0.008), ("KCP", 0.07))
TEAMS = (
    "Maatschappelijke Ontwikkeling",
    "Openbare Ruimte",
    "Omgevingsontwikkeling",
    "Veiligheid en Handhaving",
    "Gebiedsgericht werken",
    "Vastgoed",
)
AGENDA_TITLES = {
    "community": (
        "Kermis en dorpsfeest",
        "Dorpsplan {year}",
        "Buurtmoestuin",
        "Opknappen speeltuin",
        "Ledenvergadering dorpsbelang",
        "Sinterklaasintocht",
        "Oranjefeest",
        "Schoonmaakactie",
    ),
    "municipal": (
        "Reconstructie Dorpsstraat",
        "Nieuwbouw basisschool",
        "Vervanging riolering",
        "Herinrichting plein",
        "Onderhoud fietspad",
        "Woningbouw Noord",
        "Aanleg glasvezel",
        "Snoeiwerk bomen",
    ),
}


def kern_name(i: int) -> str:
    stem, rest = STEMS[i % len(STEMS)], i // len(STEMS)
    name = stem + SUFFIXES[rest % len(SUFFIXES)]
    if rest >= len(SUFFIXES):
        name += f" {rest // len(SUFFIXES) + 1}"
    return name


def has_other_data() -> bool:
    return Kern.objects.exclude(description__endswith=MARK).exists()


def generate(ctx):
    _kernen(ctx)
    _staff(ctx)
    _assignments(ctx)
    _agenda(ctx)


def _kernen(ctx):
    p, rng = ctx.profile, ctx.rng
    offset = Kern.objects.count()
    rows = []
    for i in range(offset, offset + p.kernen):
        name = kern_name(i)
        rows.append(
            Kern(
                name=name,
                slug=f"{name.lower().replace(' ', '-').replace('ï', 'i').replace('û', 'u')}-{i}",
                # Skewed like the kernen themselves: a town or two, many villages.
                inhabitants=int(400 + 12_000 * rng.random() ** 6),
                latitude=Decimal(f"{52.80 + rng.random() * 0.40:.5f}"),
                longitude=Decimal(f"{5.30 + rng.random() * 0.60:.5f}"),
                description=f"{name} is een kern met een actief dorpsleven {MARK}",
            )
        )
    bulk(Kern, rows)
    # The kernen of earlier rounds come first, so the busiest kern stays the busiest.
    kernen = list(Kern.objects.filter(description__endswith=MARK).order_by("pk"))
    ctx.kern_ids = [k.pk for k in kernen]
    ctx.kern_names = {k.pk: k.name for k in kernen}
    ctx.kern_weights = kern_weights(len(kernen))
    new = kernen[-p.kernen :]
    groups = []
    for kern in new:
        groups.append(
            CommunityGroup(
                kern=kern,
                kind=CommunityGroup.Kind.DORPSOVERLEG,
                name=f"Dorpsoverleg {kern.name}",
                email=f"dorpsoverleg@{kern.slug}.example",
                meeting_info="Elke eerste dinsdag van de maand, 20.00 uur, in het dorpshuis.",
            )
        )
        for j in range(rng.randint(1, 4)):
            kind = rng.choice(CommunityGroup.Kind.values[2:])
            groups.append(CommunityGroup(kern=kern, kind=kind, name=f"{kind.title()} {j + 1}"))
    bulk(CommunityGroup, groups)
    ctx.new_kern_ids = [k.pk for k in new]
    ctx.add_count("kernen", len(new))
    ctx.add_count("gemeenschapsgroepen", len(groups))


def _staff(ctx):
    p, rng = ctx.profile, ctx.rng
    User = get_user_model()
    # Scale staff never log in with a password: the benchmark and tests create sessions.
    unusable = make_password(None)
    groups = {g.name: g for g in Group.objects.all()}
    mix = [(name, max(1, round(p.staff * share))) for name, share in STAFF_MIX]
    mix[-1] = ("KCP", max(3, mix[-1][1]))
    mix.append(("medewerker", p.staff - sum(n for _, n in mix)))
    users, memberships = [], []
    for group, n in mix:
        for _ in range(n):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            users.append(
                (
                    group,
                    User(
                        username=f"{USERNAME_PREFIX}{ctx.round}-{len(users):04d}",
                        first_name=first,
                        last_name=last,
                        email=f"{first.lower()}.{len(users)}.{ctx.round}@{EMAIL_DOMAIN}",
                        password=unusable,
                    ),
                )
            )
    saved = bulk(User, [u for _, u in users])
    profiles = []
    ctx.staff = {}
    for (group, _), user in zip(users, saved, strict=True):
        ctx.staff.setdefault(group, []).append(user.pk)
        memberships.append(User.groups.through(user_id=user.pk, group_id=groups[group].pk))
        daily = rng.random() < 0.4
        profiles.append(
            StaffProfile(
                user_id=user.pk,
                team=rng.choice(TEAMS),
                job_title="KCP" if group == "KCP" else group.capitalize(),
                phone="0515 48 90 00",
                digest_frequency="daily" if daily else "weekly",
                digest_weekday=rng.randint(0, 4),
            )
        )
    bulk(User.groups.through, memberships)
    bulk(StaffProfile, profiles)
    ctx.add_count("medewerkers", len(saved))


def _assignments(ctx):
    """Every new kern: a current primary KCP, a former one (history) and often a backup. KCPs
    hold several kernen; the busiest kern's KCP is the first KCP."""
    kcps, rng = ctx.staff["KCP"], ctx.rng
    start = ctx.start.date()
    today = ctx.now.date()
    rows = []
    for i, kern_id in enumerate(ctx.new_kern_ids):
        current, former, backup = (kcps[(i + k) % len(kcps)] for k in range(3))
        handover = start + datetime.timedelta(days=rng.randint(200, 3000))
        rows.append(
            KcpAssignment(
                kern_id=kern_id,
                user_id=former,
                role="primary",
                start_date=start,
                end_date=handover - datetime.timedelta(days=1),
            )
        )
        rows.append(
            KcpAssignment(kern_id=kern_id, user_id=current, role="primary", start_date=handover)
        )
        if i % 3 == 0:
            rows.append(
                KcpAssignment(kern_id=kern_id, user_id=backup, role="backup", start_date=today)
            )
        ctx.primary_kcp[kern_id] = current
    bulk(KcpAssignment, rows)
    aldermen = ctx.staff["wethouder"]
    for i, kern_id in enumerate(ctx.new_kern_ids):
        Kern.objects.filter(pk=kern_id).update(alderman_id=aldermen[i % len(aldermen)])
    # Kernen of earlier rounds keep their KCP; later apps need it for who did what.
    for a in KcpAssignment.objects.current(today).filter(role="primary", kern_id__in=ctx.kern_ids):
        ctx.primary_kcp.setdefault(a.kern_id, a.user_id)
    ctx.add_count("KCP-toewijzingen", len(rows))


def _agenda(ctx):
    p, rng = ctx.profile, ctx.rng
    rows = []
    statuses = AgendaItem.Status.values
    for _ in range(p.agenda_items):
        side = rng.choice(("community", "municipal"))
        start = (ctx.moment() + datetime.timedelta(days=rng.randint(0, 400))).date()
        undated = rng.random() < 0.05
        end = start + datetime.timedelta(days=rng.randint(1, 90)) if rng.random() < 0.4 else None
        title = rng.choice(AGENDA_TITLES[side]).format(year=start.year)
        rows.append(
            AgendaItem(
                kern_id=ctx.pick_kern(),
                side=side,
                title=title,
                description=f"{title}: afstemming met de kern. {MARK}",
                theme=rng.choice(AgendaItem.Theme.values),
                status="done" if start < ctx.now.date() and not undated else rng.choice(statuses),
                start_date=None if undated else start,
                end_date=None if undated else end,
                responsible="Dorpsoverleg" if side == "community" else "Afdeling Openbare Ruimte",
            )
        )
    saved = bulk(AgendaItem, rows)
    ctx.offer_classifiable(AgendaItem, [(a.pk, a.kern_id, a.title) for a in saved])
    ctx.add_count("agendapunten", len(saved))
