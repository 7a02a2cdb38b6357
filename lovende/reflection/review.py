"""The review of an intervention's meeting structure (eftersyn af mødestrukturer). Pure: no Django.

The handbook (Hæfte 2, §2.2) asks: are all three levels covered? Is there time for data-informed
reflection, or do the meetings drift into coordination and planning? Are the right people there?
``review`` answers with flags (codes and numbers); messages.py turns them into Danish.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from lovende.reflection.defaults import FRONTLINE_ROLES, INTERVENTION, LEVELS

REFLECTION = "refleksion"
COORDINATION = "koordinering"
PLANNING = "planlaegning"
MIN_REFLECTION_SHARE = 0.5  # below half the recorded minutes, the meeting went elsewhere

LEVEL_WITHOUT_FORUM = "level_without_forum"
FORUM_WITHOUT_DATA = "forum_without_data"
NO_FRONTLINE_STAFF = "no_frontline_staff"
NO_UPCOMING_MEETING = "no_upcoming_meeting"
COORDINATION_DRIFT = "coordination_drift"
MISSING_PARTICIPANTS = "missing_participants"


@dataclass(frozen=True)
class ForumFacts:
    forum_id: int
    level: str
    relevant_data: str
    participant_roles: frozenset[str]
    planned: frozenset[int]  # user ids of the named participants
    frontline_people: frozenset[int]  # those of them who are frontline staff of the intervention
    upcoming_meetings: int


@dataclass(frozen=True)
class MeetingFacts:
    meeting_id: int
    forum_id: int
    minutes_by_kind: Mapping[str, int]
    present: frozenset[int] | None  # None: no attendance recorded


@dataclass(frozen=True)
class Flag:
    code: str
    level: str = ""
    forum_id: int | None = None
    meeting_id: int | None = None
    reflection_share: float | None = None
    coordination_share: float | None = None
    missing: frozenset[int] = field(default_factory=frozenset)


def minute_shares(minutes_by_kind: Mapping[str, int]) -> dict[str, float]:
    """Each kind's share of the recorded minutes; empty when nothing is recorded (no 0 ÷ 0)."""
    total = sum(minutes_by_kind.values())
    if total <= 0:
        return {}
    return {kind: minutes / total for kind, minutes in minutes_by_kind.items()}


def has_frontline_staff(forum: ForumFacts) -> bool:
    return bool(forum.participant_roles & FRONTLINE_ROLES) or bool(forum.frontline_people)


def _forum_flags(forum: ForumFacts) -> list[Flag]:
    flags = []
    if not forum.relevant_data.strip():
        flags.append(Flag(FORUM_WITHOUT_DATA, forum.level, forum.forum_id))
    if forum.level == INTERVENTION and not has_frontline_staff(forum):
        flags.append(Flag(NO_FRONTLINE_STAFF, forum.level, forum.forum_id))
    if forum.upcoming_meetings == 0:
        flags.append(Flag(NO_UPCOMING_MEETING, forum.level, forum.forum_id))
    return flags


def _meeting_flags(meeting: MeetingFacts, forum: ForumFacts, min_share: float) -> list[Flag]:
    flags = []
    shares = minute_shares(meeting.minutes_by_kind)
    if shares and shares.get(REFLECTION, 0.0) < min_share:
        flags.append(
            Flag(
                COORDINATION_DRIFT,
                forum.level,
                forum.forum_id,
                meeting.meeting_id,
                reflection_share=shares.get(REFLECTION, 0.0),
                coordination_share=shares.get(COORDINATION, 0.0) + shares.get(PLANNING, 0.0),
            )
        )
    if meeting.present is not None and (missing := forum.planned - meeting.present):
        flags.append(
            Flag(
                MISSING_PARTICIPANTS,
                forum.level,
                forum.forum_id,
                meeting.meeting_id,
                missing=frozenset(missing),
            )
        )
    return flags


def review(
    forums: Sequence[ForumFacts],
    meetings: Sequence[MeetingFacts],
    *,
    min_reflection_share: float = MIN_REFLECTION_SHARE,
) -> list[Flag]:
    """Every flag for one intervention: levels first, then forums, then meetings."""
    covered = {forum.level for forum in forums}
    flags = [Flag(LEVEL_WITHOUT_FORUM, level) for level in LEVELS if level not in covered]
    by_id = {forum.forum_id: forum for forum in forums}
    for forum in forums:
        flags.extend(_forum_flags(forum))
    for meeting in meetings:
        if meeting.forum_id in by_id:
            flags.extend(_meeting_flags(meeting, by_id[meeting.forum_id], min_reflection_share))
    return flags


def forum_minutes(meetings: Sequence[MeetingFacts]) -> dict[int, dict[str, int]]:
    """Recorded minutes per forum and kind, summed over its meetings."""
    totals: dict[int, dict[str, int]] = {}
    for meeting in meetings:
        forum = totals.setdefault(meeting.forum_id, {})
        for kind, minutes in meeting.minutes_by_kind.items():
            forum[kind] = forum.get(kind, 0) + minutes
    return totals
