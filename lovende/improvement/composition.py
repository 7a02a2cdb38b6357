"""The quality team's composition check (Hæfte 2, §2.3). Pure: no Django.

The handbook asks for a team where every professional group that delivers the intervention is
represented by both a leader and a frontline employee, with exactly one team leader and a sponsor
who is a leader. Breaking a rule gives a warning with its fix, never a blocker: a team may be
under way.

The texts are marked with ``_`` (a no-op here) so makemessages picks them up; the Django side
translates the template and then fills in the parameters (``messages.composition_texts``).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field


def _(text: str) -> str:
    """Mark ``text`` for translation without translating it (this module stays Django-free)."""
    return text


# Roles in the team; models.TeamMember.Role reuses these codes.
TEAM_LEADER = "teamleder"
TEAM_MEMBER = "teammedlem"
EXPERT = "fagprofessionel_ekspert"
SPONSOR = "sponsor"
ROLES = (TEAM_LEADER, TEAM_MEMBER, EXPERT, SPONSOR)

# Positions (stilling); models.TeamMember.Position reuses these codes.
LEADER = "leder"
FRONTLINE = "frontmedarbejder"
POSITIONS = (LEADER, FRONTLINE)


@dataclass(frozen=True)
class Member:
    """What the check needs to know about one member; ``group`` is None without a group."""

    role: str
    position: str
    group: str | None


@dataclass(frozen=True)
class Warning:
    """A rule the team breaks: what is missing and how to fix it, in Danish."""

    code: str
    message_template: str
    fix_template: str
    params: dict[str, object] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return self.message_template % self.params

    @property
    def fix(self) -> str:
        return self.fix_template % self.params


MISSING_BOTH = (
    _("Faggruppen %(group)s er hverken repræsenteret af en leder eller en frontmedarbejder."),
    _("Tilføj både en leder og en frontmedarbejder fra %(group)s til teamet."),
)
MISSING_LEADER = (
    _("Faggruppen %(group)s har ingen leder i teamet."),
    _("Tilføj en leder fra %(group)s til teamet."),
)
MISSING_FRONTLINE = (
    _("Faggruppen %(group)s har ingen frontmedarbejder i teamet."),
    _("Tilføj en frontmedarbejder fra %(group)s til teamet."),
)
NO_TEAM_LEADER = (
    _("Teamet har ingen teamleder."),
    _(
        "Giv ét medlem rollen teamleder: teamlederen planlægger møderne og kender forbedringsmodellen."
    ),
)
SEVERAL_TEAM_LEADERS = (
    _("Teamet har %(count)s teamledere, men skal have præcis én."),
    _("Behold én teamleder, og giv de øvrige en anden rolle, fx teammedlem."),
)
NO_LEADER_SPONSOR = (
    _("Teamet har ingen sponsor med en lederstilling."),
    _("Tilføj en leder som sponsor: sponsoren giver tid og ressourcer og fjerner barrierer."),
)


def check_composition(members: Iterable[Member], delivering_groups: Iterable[str]) -> list[Warning]:
    """The warnings for a team, group by group (sorted by name), then team leader and sponsor."""
    members = list(members)
    warnings = [
        w for group in sorted(set(delivering_groups)) if (w := _group_warning(members, group))
    ]
    team_leaders = sum(1 for m in members if m.role == TEAM_LEADER)
    if team_leaders == 0:
        warnings.append(Warning("no_team_leader", *NO_TEAM_LEADER))
    elif team_leaders > 1:
        warnings.append(
            Warning("several_team_leaders", *SEVERAL_TEAM_LEADERS, {"count": team_leaders})
        )
    if not any(m.role == SPONSOR and m.position == LEADER for m in members):
        warnings.append(Warning("no_leader_sponsor", *NO_LEADER_SPONSOR))
    return warnings


def _group_warning(members: list[Member], group: str) -> Warning | None:
    positions = {m.position for m in members if m.group == group}
    has_leader, has_frontline = LEADER in positions, FRONTLINE in positions
    params = {"group": group}
    if not has_leader and not has_frontline:
        return Warning("group_missing_both", *MISSING_BOTH, params)
    if not has_leader:
        return Warning("group_missing_leader", *MISSING_LEADER, params)
    if not has_frontline:
        return Warning("group_missing_frontline", *MISSING_FRONTLINE, params)
    return None
