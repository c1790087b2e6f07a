"""Scale data: the shared pieces of `generate_scale_data`.

Every app with a `scale` module contributes its own rows through `generate(ctx)`, in
INSTALLED_APPS order, so `kernportal` never imports the apps above it. What a later app needs
from an earlier one (kernen, staff, objects that can carry a role) travels in the `ScaleContext`.
All randomness comes from one seeded `random.Random`, so a profile and seed give the same data.
"""

import datetime
import random
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.utils import timezone

# Every generated row that has a free-text description carries this, so the command can tell
# generated data from real data (and a reader of the portal sees that it is not real).
MARK = "(gegenereerde testgegevens)"
USERNAME_PREFIX = "scale-"
EMAIL_DOMAIN = "scale.example"
BATCH = 5000


@dataclass(frozen=True)
class Profile:
    kernen: int
    staff: int
    contacts: int
    contact_moments: int
    followups: int
    questions: int
    initiatives: int
    status_steps: int
    participation_requests: int
    agenda_items: int
    classifications: int


# Small: tens of rows per kind, a handful of kernen, fast enough to build three times in a test.
# Large: ten years in a municipality of 100 kernen (issue 10). Medium: in between.
# fmt: off
_TABLE = {
    #          kernen staff contacts moments  followups questions initiatives steps  requests agenda classifications
    "small":  (4,     14,   30,      60,      60,       30,       20,         95,    10,      20,    22),
    "medium": (30,    200,  2_000,   50_000,  50_000,   5_000,    2_000,      9_500, 1_000,   2_000, 2_200),
    "large":  (100,   1_000, 10_000, 500_000, 500_000,  50_000,   20_000,     95_000, 10_000, 20_000, 22_000),
}
# fmt: on
PROFILES = {name: Profile(*row) for name, row in _TABLE.items()}

YEARS = 10

FIRST_NAMES = [
    "Anouk",
    "Bas",
    "Sanne",
    "Thijs",
    "Mieke",
    "Ruud",
    "Jeroen",
    "Ingrid",
    "Lotte",
    "Paul",
    "Femke",
    "Sjoerd",
    "Geert",
    "Hylke",
    "Tjitske",
    "Wietske",
    "Jelle",
    "Sietse",
    "Marrit",
    "Rianne",
    "Douwe",
    "Baukje",
    "Jan",
    "Klaas",
    "Pieter",
    "Anke",
    "Marieke",
    "Gerrit",
    "Ytsje",
    "Froukje",
    "Hessel",
    "Wouter",
    "Esther",
    "Linda",
    "Henk",
    "Joke",
    "Bram",
    "Noor",
    "Daan",
    "Fleur",
    "Lieke",
    "Koen",
    "Ilse",
    "Ruben",
    "Tessa",
    "Karim",
    "Fatima",
    "Mohamed",
    "Yara",
    "Lars",
    "Emma",
    "Sem",
    "Julia",
    "Finn",
    "Sara",
]
LAST_NAMES = [
    "de Vries",
    "Jansen",
    "van der Meer",
    "Bakker",
    "Visser",
    "de Boer",
    "Dijkstra",
    "Hoekstra",
    "Bosma",
    "Postma",
    "van Dijk",
    "Smit",
    "Mulder",
    "de Jong",
    "Kuipers",
    "Wiersma",
    "Terpstra",
    "Jongsma",
    "Hofstra",
    "Zijlstra",
    "Brouwer",
    "Meijer",
    "Kramer",
    "Veenstra",
    "Sikkema",
    "van der Wal",
    "Holwerda",
    "Hendriks",
    "Peeters",
    "Gielen",
    "Smeets",
    "Willems",
    "Verheijen",
    "Kusters",
    "Hermans",
    "El Amrani",
    "Yilmaz",
    "Nijboer",
    "Haitsma",
    "Schotanus",
]


@dataclass
class ScaleContext:
    """What the apps' generators share. Apps fill it in order: kernen first (kernen, staff,
    KCPs), then the apps built on it, which may add objects that can carry a role."""

    profile: Profile
    rng: random.Random
    now: datetime.datetime
    round: int = 0  # 0 for a fresh data set; n for the n-th appended round
    kern_ids: list = field(default_factory=list)  # index 0 is the busiest kern
    new_kern_ids: list = field(default_factory=list)  # the kernen of this round
    kern_weights: list = field(default_factory=list)
    kern_names: dict = field(default_factory=dict)
    primary_kcp: dict = field(default_factory=dict)  # kern id -> user id
    staff: dict = field(default_factory=dict)  # group name -> [user ids]
    # model -> [(pk, kern_id, title)], offered by apps whose objects can carry a role
    classifiable: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)

    @property
    def start(self) -> datetime.datetime:
        return self.now - datetime.timedelta(days=365 * YEARS)

    def pick_kern(self) -> int:
        return self.rng.choices(self.kern_ids, self.kern_weights)[0]

    def pick_kernen(self, k: int) -> list[int]:
        return self.rng.choices(self.kern_ids, self.kern_weights, k=k)

    def moment(self, *, recent: float = 0.0, recent_bias: float = 1.5) -> datetime.datetime:
        """A time in the last ten years; later years hold more (the portal is used more). With
        probability `recent` it falls in the last month instead: the work in progress that
        inboxes, dashboards and digests show, which a uniform spread would leave nearly empty."""
        if self.rng.random() < recent:
            return self.now - datetime.timedelta(seconds=self.rng.randint(0, 30 * 86400))
        span = (self.now - self.start).total_seconds()
        return self.start + datetime.timedelta(
            seconds=span * self.rng.random() ** (1 / recent_bias)
        )

    def person_name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def add_count(self, name: str, n: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def offer_classifiable(self, model, rows) -> None:
        self.classifiable.setdefault(model, []).extend(rows)


def kern_weights(n: int) -> list[float]:
    """Skewed: a Zipf-like tail of quiet kernen; with ten or more kernen the busiest one holds
    exactly 15 % of the activity, as in the largest municipalities."""
    raw = [1 / (i + 1) ** 0.9 for i in range(n)]
    if n < 10:
        return raw
    tail = sum(raw[1:])
    return [0.15] + [0.85 * w / tail for w in raw[1:]]


def bulk(model, rows, batch: int = BATCH) -> list:
    """bulk_create in batches; returns the saved rows (with primary keys on PostgreSQL and
    SQLite)."""
    saved = []
    for i in range(0, len(rows), batch):
        saved.extend(model.objects.bulk_create(rows[i : i + batch], batch_size=batch))
    return saved


@contextmanager
def explicit_auto_now(*fields):
    """Let bulk_create store the generated times of `auto_now_add` fields instead of now."""
    previous = [(f, f.auto_now_add, f.auto_now) for f in fields]
    for f in fields:
        f.auto_now_add = f.auto_now = False
    try:
        yield
    finally:
        for f, add, now in previous:
            f.auto_now_add, f.auto_now = add, now


def new_context(profile_name: str, *, seed: int, round: int = 0, now=None) -> ScaleContext:
    return ScaleContext(
        profile=PROFILES[profile_name],
        rng=random.Random(f"{seed}-{round}"),  # noqa: S311  (test data, not secrets)
        now=now or timezone.now().replace(microsecond=0),
        round=round,
    )
