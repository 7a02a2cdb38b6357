"""The review's flags on hand-made facts (review.py is pure)."""

import pytest

from lovende.reflection import review

INTERVENTION, CITIZEN, ORGANISATION = "indsats", "borger", "organisation"


def forum(forum_id=1, level=INTERVENTION, **overrides) -> review.ForumFacts:
    facts = {
        "forum_id": forum_id,
        "level": level,
        "relevant_data": "Progression og SRS på tværs af forløb",
        "participant_roles": frozenset({"indsatsens_medarbejdere"}),
        "planned": frozenset({10, 11}),
        "frontline_people": frozenset(),
        "upcoming_meetings": 1,
    }
    return review.ForumFacts(**{**facts, **overrides})


def meeting(meeting_id=100, forum_id=1, minutes=None, present=None) -> review.MeetingFacts:
    return review.MeetingFacts(
        meeting_id=meeting_id,
        forum_id=forum_id,
        minutes_by_kind=minutes if minutes is not None else {"refleksion": 60},
        present=present,
    )


def full_structure() -> list[review.ForumFacts]:
    return [forum(1, CITIZEN), forum(2, INTERVENTION), forum(3, ORGANISATION)]


def codes(flags) -> list[str]:
    return [flag.code for flag in flags]


def test_it_has_nothing_to_say_about_a_sound_structure():
    assert review.review(full_structure(), [meeting(forum_id=2)]) == []


def test_it_flags_each_level_without_a_forum():
    flags = review.review([forum(2, INTERVENTION)], [])

    assert [(f.code, f.level) for f in flags] == [
        (review.LEVEL_WITHOUT_FORUM, CITIZEN),
        (review.LEVEL_WITHOUT_FORUM, ORGANISATION),
    ]


def test_it_flags_every_level_for_an_intervention_without_forums():
    assert codes(review.review([], [])) == [review.LEVEL_WITHOUT_FORUM] * 3


@pytest.mark.parametrize("text", ["", "   \n"])
def test_it_flags_a_forum_without_relevant_data(text):
    forums = [*full_structure()[:2], forum(3, ORGANISATION, relevant_data=text)]

    flags = review.review(forums, [])

    assert [(f.code, f.forum_id) for f in flags] == [(review.FORUM_WITHOUT_DATA, 3)]


def test_it_flags_an_intervention_forum_without_frontline_staff():
    leaders_only = forum(2, INTERVENTION, participant_roles=frozenset({"indsatsens_ledere"}))

    flags = review.review([forum(1, CITIZEN), leaders_only, forum(3, ORGANISATION)], [])

    assert [(f.code, f.forum_id) for f in flags] == [(review.NO_FRONTLINE_STAFF, 2)]


def test_it_counts_a_named_frontline_employee_as_frontline_staff():
    named = forum(2, participant_roles=frozenset(), frontline_people=frozenset({10}))

    assert review.has_frontline_staff(named)
    assert review.review([forum(1, CITIZEN), named, forum(3, ORGANISATION)], []) == []


def test_it_does_not_ask_for_frontline_staff_at_organisation_level():
    leaders = forum(3, ORGANISATION, participant_roles=frozenset({"relevante_ledere"}))

    assert review.review([*full_structure()[:2], leaders], []) == []


def test_it_flags_a_forum_with_no_upcoming_meeting():
    idle = forum(2, upcoming_meetings=0)

    flags = review.review([forum(1, CITIZEN), idle, forum(3, ORGANISATION)], [])

    assert codes(flags) == [review.NO_UPCOMING_MEETING]


def test_it_flags_a_meeting_that_drifted_into_coordination():
    minutes = {"refleksion": 20, "koordinering": 50, "planlaegning": 20, "information": 10}

    flags = review.review(full_structure(), [meeting(forum_id=2, minutes=minutes)])

    assert codes(flags) == [review.COORDINATION_DRIFT]
    assert flags[0].meeting_id == 100
    assert flags[0].reflection_share == pytest.approx(0.2)
    assert flags[0].coordination_share == pytest.approx(0.7)


def test_it_does_not_flag_a_meeting_with_half_its_time_on_reflection():
    minutes = {"refleksion": 45, "koordinering": 45}

    assert review.review(full_structure(), [meeting(forum_id=2, minutes=minutes)]) == []


def test_it_flags_a_meeting_with_no_reflection_at_all():
    flags = review.review(full_structure(), [meeting(forum_id=2, minutes={"beslutning": 10})])

    assert codes(flags) == [review.COORDINATION_DRIFT]
    assert flags[0].reflection_share == 0


def test_it_does_not_divide_by_zero_without_minutes():
    assert review.minute_shares({}) == {}
    assert review.minute_shares({"refleksion": 0}) == {}
    assert review.review(full_structure(), [meeting(forum_id=2, minutes={})]) == []


def test_it_flags_planned_participants_who_were_missing():
    flags = review.review(full_structure(), [meeting(forum_id=2, present=frozenset({10, 99}))])

    assert codes(flags) == [review.MISSING_PARTICIPANTS]
    assert flags[0].missing == frozenset({11})


def test_it_does_not_flag_attendance_that_was_never_recorded_or_complete():
    unrecorded = meeting(100, forum_id=2, present=None)
    complete = meeting(101, forum_id=2, present=frozenset({10, 11}))

    assert review.review(full_structure(), [unrecorded, complete]) == []


def test_it_sums_minutes_per_forum():
    meetings = [
        meeting(1, 2, {"refleksion": 30, "koordinering": 10}),
        meeting(2, 2, {"refleksion": 20}),
        meeting(3, 1, {"andet": 5}),
    ]

    assert review.forum_minutes(meetings) == {
        2: {"refleksion": 50, "koordinering": 10},
        1: {"andet": 5},
    }
