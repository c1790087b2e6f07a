"""The three government roles ("meervoudige overheid"): one definition used on every page."""

from dataclasses import dataclass

from django.db import models


class Role(models.TextChoices):
    RED = "red", "Rood – autoritaire overheid"
    BLUE = "blue", "Blauw – regelgestuurde overheid"
    GREEN = "green", "Groen – communicatieve overheid"


class Owner(models.TextChoices):
    MUNICIPALITY = "municipality", "Gemeente"
    COMMUNITY = "community", "Gemeenschap"
    SHARED = "shared", "Gedeeld"


@dataclass(frozen=True)
class RoleDefinition:
    key: str
    name: str  # the Dutch name, always written next to the colour
    colour: str  # Dutch colour word
    explanation: str
    participation: str
    examples: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.colour.capitalize()} – {self.name}"

    @property
    def css_class(self) -> str:
        return f"badge-role-{self.key}"


ROLES: dict[str, RoleDefinition] = {
    Role.RED: RoleDefinition(
        key="red",
        name="autoritaire overheid",
        colour="rood",
        explanation="De gemeente is eigenaar en beslist; zij waarborgt orde, veiligheid en gelijkheid.",
        participation="Geen participatie nodig; leg wel uit waarom.",
        examples=("handhaving", "vergunningen", "paspoorten"),
    ),
    Role.BLUE: RoleDefinition(
        key="blue",
        name="regelgestuurde overheid",
        colour="blauw",
        explanation="De gemeente is eigenaar en beslist volgens regels en procedures.",
        participation="Inwoners doen mee via participatie en inspraak.",
        examples=("bestemmingsplannen", "onderhoud openbare ruimte", "taken in het sociaal domein"),
    ),
    Role.GREEN: RoleDefinition(
        key="green",
        name="communicatieve overheid",
        colour="groen",
        explanation=(
            "De gemeente neemt niet de leiding: zij is partner naast inwoners en laat haar "
            "regels thuis."
        ),
        participation="De gemeenschap is eigenaar; de gemeente ondersteunt.",
        examples=("het eigen dorpsplan van een kern", "een stichting van inwoners"),
    ),
}
