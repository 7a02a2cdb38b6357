"""Danish text for the review's flags (review.py reports codes and numbers)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from lovende.reflection import review
from lovende.reflection.models import Level
from lovende.reflection.review_facts import ReviewData


@dataclass(frozen=True)
class FlagText:
    code: str
    text: str
    link: str = ""
    link_label: str = ""


def _percent(share: float | None) -> str:
    return formats.number_format(round((share or 0) * 100))


def _level_text(flag: review.Flag) -> str:
    return {
        Level.CITIZEN: _(
            "Der er intet mødeforum på borgerniveau, hvor de involverede medarbejdere følger op på det enkelte forløb med data."
        ),
        Level.INTERVENTION: _(
            "Der er intet mødeforum på indsatsniveau, hvor ledere og medarbejdere reflekterer over data på tværs af forløb."
        ),
        Level.ORGANISATION: _(
            "Der er intet mødeforum på organisatorisk niveau, hvor lederne sammenligner indsatserne til målgruppen."
        ),
    }[flag.level]


def _forum_text(flag: review.Flag) -> str:
    return {
        review.FORUM_WITHOUT_DATA: _(
            "Mødeforummet har ikke beskrevet, hvilke data der er relevante for møderne."
        ),
        review.NO_FRONTLINE_STAFF: _(
            "Ingen udførende medarbejdere blandt deltagerne på indsatsniveau. Refleksionen over indsatsen mangler praksisnær viden."
        ),
        review.NO_UPCOMING_MEETING: _("Der er ikke planlagt nogen kommende møder."),
    }[flag.code]


def _meeting_text(flag: review.Flag, data: ReviewData) -> str:
    if flag.code == review.COORDINATION_DRIFT:
        return _(
            "Kun %(reflection)s %% af referatets minutter gik til refleksion over data; %(coordination)s %% gik til koordinering og planlægning."
        ) % {
            "reflection": _percent(flag.reflection_share),
            "coordination": _percent(flag.coordination_share),
        }
    names = sorted(str(data.users[pk]) for pk in flag.missing if pk in data.users)
    return _("Planlagte deltagere var ikke med: %(names)s.") % {"names": ", ".join(names)}


def describe(flag: review.Flag, data: ReviewData) -> FlagText:
    """The flag in Danish, with a link to the forum or meeting it is about."""
    if flag.code == review.LEVEL_WITHOUT_FORUM:
        return FlagText(flag.code, _level_text(flag))
    forum = next(f for f in data.forums if f.pk == flag.forum_id)
    if flag.meeting_id is None:
        url = reverse("reflection:forum_detail", args=[forum.pk])
        return FlagText(flag.code, _forum_text(flag), url, forum.name)
    meeting = data.meetings[flag.meeting_id]
    label = f"{forum.name}, {formats.date_format(timezone.localtime(meeting.starts_at))}"
    url = reverse("reflection:meeting_detail", args=[meeting.pk])
    return FlagText(flag.code, _meeting_text(flag, data), url, label)
