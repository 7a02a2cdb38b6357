"""The quality team's composition check, worked out by hand from Hæfte 2, §2.3."""

from lovende.improvement.composition import (
    EXPERT,
    FRONTLINE,
    LEADER,
    SPONSOR,
    TEAM_LEADER,
    TEAM_MEMBER,
    Member,
    check_composition,
)

GROUPS = ["Familiebehandling", "Psykologi"]

# Two delivering groups, each with a leader and a frontline employee; one team leader; a leader
# sponsor without a group (a centre leader).
COMPLETE = [
    Member(TEAM_LEADER, LEADER, "Familiebehandling"),
    Member(TEAM_MEMBER, FRONTLINE, "Familiebehandling"),
    Member(EXPERT, LEADER, "Psykologi"),
    Member(TEAM_MEMBER, FRONTLINE, "Psykologi"),
    Member(SPONSOR, LEADER, None),
]


def codes(members, groups=GROUPS):
    return [w.code for w in check_composition(members, groups)]


def test_it_finds_nothing_wrong_with_a_complete_team():
    assert check_composition(COMPLETE, GROUPS) == []


def test_it_warns_when_a_group_has_no_leader():
    members = [m for m in COMPLETE if m != Member(EXPERT, LEADER, "Psykologi")]

    [warning] = check_composition(members, GROUPS)

    assert warning.code == "group_missing_leader"
    assert warning.message == "Faggruppen Psykologi har ingen leder i teamet."
    assert warning.fix == "Tilføj en leder fra Psykologi til teamet."


def test_it_warns_when_a_group_has_no_frontline_employee():
    members = [m for m in COMPLETE if m != Member(TEAM_MEMBER, FRONTLINE, "Familiebehandling")]

    [warning] = check_composition(members, GROUPS)

    assert warning.message == "Faggruppen Familiebehandling har ingen frontmedarbejder i teamet."
    assert warning.fix == "Tilføj en frontmedarbejder fra Familiebehandling til teamet."


def test_it_warns_once_when_a_group_is_missing_altogether():
    members = [m for m in COMPLETE if m.group != "Psykologi"]

    [warning] = check_composition(members, GROUPS)

    assert warning.code == "group_missing_both"
    assert warning.fix == "Tilføj både en leder og en frontmedarbejder fra Psykologi til teamet."


def test_it_only_asks_for_the_groups_that_deliver_the_intervention():
    members = [*COMPLETE, Member(TEAM_MEMBER, FRONTLINE, "Sundhedspleje")]

    assert codes(members) == []
    assert codes(COMPLETE, ["Familiebehandling"]) == []


def test_it_warns_without_a_team_leader():
    members = [Member(TEAM_MEMBER, LEADER, "Familiebehandling"), *COMPLETE[1:]]

    [warning] = check_composition(members, GROUPS)

    assert warning.code == "no_team_leader"
    assert warning.message == "Teamet har ingen teamleder."


def test_it_warns_with_two_team_leaders_and_counts_them():
    members = [*COMPLETE[:1], Member(TEAM_LEADER, FRONTLINE, "Familiebehandling"), *COMPLETE[2:]]

    [warning] = check_composition(members, GROUPS)

    assert warning.code == "several_team_leaders"
    assert warning.message == "Teamet har 2 teamledere, men skal have præcis én."


def test_it_warns_when_the_only_sponsor_is_a_frontline_employee():
    members = [*COMPLETE[:4], Member(SPONSOR, FRONTLINE, None)]

    [warning] = check_composition(members, GROUPS)

    assert warning.code == "no_leader_sponsor"
    assert warning.message == "Teamet har ingen sponsor med en lederstilling."


def test_it_lists_every_rule_an_empty_team_breaks_in_order():
    assert codes([]) == [
        "group_missing_both",  # Familiebehandling
        "group_missing_both",  # Psykologi
        "no_team_leader",
        "no_leader_sponsor",
    ]
