"""The three government roles ("meervoudige overheid"): one definition used on every page."""

from dataclasses import dataclass

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RED = "red", _("Rood – autoritaire overheid")
    BLUE = "blue", _("Blauw – regelgestuurde overheid")
    GREEN = "green", _("Groen – communicatieve overheid")


class Owner(models.TextChoices):
    MUNICIPALITY = "municipality", _("Gemeente")
    COMMUNITY = "community", _("Gemeenschap")
    SHARED = "shared", _("Gedeeld")


@dataclass(frozen=True)
class RoleDefinition:
    key: str
    name: str  # the role's name (lazily translated), always written next to the colour
    colour: str  # the colour word (lazily translated)
    explanation: str
    participation: str
    examples: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{capfirst(self.colour)} – {self.name}"

    @property
    def css_class(self) -> str:
        return f"badge-role-{self.key}"


ROLES: dict[str, RoleDefinition] = {
    Role.RED: RoleDefinition(
        key="red",
        name=_("autoritaire overheid"),
        colour=_("rood"),
        explanation=_(
            "De gemeente is eigenaar en beslist; zij waarborgt orde, veiligheid en gelijkheid."
        ),
        participation=_("Geen participatie nodig; leg wel uit waarom."),
        examples=(_("handhaving"), _("vergunningen"), _("paspoorten")),
    ),
    Role.BLUE: RoleDefinition(
        key="blue",
        name=_("regelgestuurde overheid"),
        colour=_("blauw"),
        explanation=_("De gemeente is eigenaar en beslist volgens regels en procedures."),
        participation=_("Inwoners doen mee via participatie en inspraak."),
        examples=(
            _("bestemmingsplannen"),
            _("onderhoud openbare ruimte"),
            _("taken in het sociaal domein"),
        ),
    ),
    Role.GREEN: RoleDefinition(
        key="green",
        name=_("communicatieve overheid"),
        colour=_("groen"),
        explanation=_(
            "De gemeente neemt niet de leiding: zij is partner naast inwoners en laat haar "
            "regels thuis."
        ),
        participation=_("De gemeenschap is eigenaar; de gemeente ondersteunt."),
        examples=(_("het eigen dorpsplan van een kern"), _("een stichting van inwoners")),
    ),
}
