"""The municipality, its unit tree, its staff and their roles."""

import uuid

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A municipality (kommune): the tenant boundary. Nothing is ever shared across two."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    municipality_code = models.CharField(_("kommunekode"), max_length=3, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """One unit in the organisation's tree (forvaltning → center → afdeling → team).

    ``path`` is a materialised path of primary keys ("/1/4/9/"), so "this unit and everything
    below it" is one indexed prefix query. Only services.create_unit/move_unit write it.
    """

    class Kind(models.TextChoices):
        ADMINISTRATION = "forvaltning", _("Forvaltning")
        CENTRE = "center", _("Center")
        DEPARTMENT = "afdeling", _("Afdeling")
        TEAM = "team", _("Team")
        OTHER = "andet", _("Anden enhed")

    MAX_NAME_LENGTH = 200

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="units", verbose_name=_("organisation")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("overordnet enhed"),
    )
    name = models.CharField(_("navn"), max_length=MAX_NAME_LENGTH)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.TEAM)
    path = models.CharField(max_length=500, db_index=True, editable=False, default="")
    # The unit's identity outside Lovende: the municipal IdP's role claims name units by UUID
    # (KOMBIT "dataafgrænsning"), as the organisation systems (e.g. OS2rollekatalog) do.
    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("enhed")
        verbose_name_plural = _("enheder")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "parent", "name"], name="unit_name_unique_under_parent"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    def ancestor_ids(self) -> list[int]:
        """Primary keys from the root down to and including this unit."""
        return [int(part) for part in self.path.strip("/").split("/") if part]

    def is_within(self, other: "Unit") -> bool:
        """True when this unit is ``other`` or lies below it."""
        return self.path.startswith(other.path)


class ProfessionalGroup(models.Model):
    """A professional group (faggruppe), e.g. familiebehandlere or sundhedsplejersker."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="professional_groups"
    )
    name = models.CharField(_("navn"), max_length=100)

    class Meta:
        verbose_name = _("faggruppe")
        verbose_name_plural = _("faggrupper")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="professional_group_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of staff. Citizens never log in."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("organisation"),
    )
    job_title = models.CharField(_("stillingsbetegnelse"), max_length=100, blank=True)
    professional_group = models.ForeignKey(
        ProfessionalGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("faggruppe"),
    )

    class Meta:
        verbose_name = _("medarbejder")
        verbose_name_plural = _("medarbejdere")
        ordering = ["first_name", "last_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.Model):
    """What one person may do at one unit and the units below it (job role + unit scope)."""

    class Kind(models.TextChoices):
        LEADER = "leder", _("Leder")
        EMPLOYEE = "medarbejder", _("Medarbejder")
        CONSULTANT = "udviklingskonsulent", _("Udviklingskonsulent")
        ADMINISTRATOR = "administrator", _("Administrator")

    # The level that works closest to the citizens; its leaders take part in citizen-level reflection.
    FRONTLINE_MANAGEMENT_LEVEL = 4

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="roles", verbose_name=_("enhed")
    )
    kind = models.CharField(_("rolle"), max_length=30, choices=Kind.choices)
    management_level = models.PositiveSmallIntegerField(
        _("ledelsesniveau"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("1 = direktør, 2 = chef, 3 = afdelingsleder, 4 = faglig leder/teamleder"),
    )
    citizen_access = models.BooleanField(
        _("adgang til borgeroplysninger"),
        default=False,
        help_text=_(
            "Må se navne og oplysninger om borgere i forløb i enheden og enhederne under den."
        ),
    )

    class Meta:
        verbose_name = _("rolle")
        verbose_name_plural = _("roller")
        ordering = ["unit__path", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "kind"], name="role_unique_per_unit"),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="leder", management_level__isnull=False)
                    | (~models.Q(kind="leder") & models.Q(management_level__isnull=True))
                ),
                name="role_management_level_only_for_leaders",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.unit}"

    @property
    def label(self) -> str:
        if self.kind == self.Kind.LEADER:
            return _("Leder (niveau %(level)s)") % {"level": self.management_level}
        return str(self.get_kind_display())

    @classmethod
    def default_citizen_access(cls, kind: str, management_level: int | None) -> bool:
        """Frontline employees and 4th-level leaders see citizens; others see aggregates."""
        if kind == cls.Kind.EMPLOYEE:
            return True
        return kind == cls.Kind.LEADER and management_level == cls.FRONTLINE_MANAGEMENT_LEVEL
