"""Every write of the culture surveys and the leaders' 360° feedback.

Kept beside ``services.py`` (part A) rather than in it, so neither passes about 600 lines
(docs/decisions.md). Atomic, with the actor first as ``by=``; the rules hold for every caller.

The answer transaction is where anonymity is made (SDC-02): it inserts a Participation (that
``by`` answered, to stop a second answer) and adds one to existing counters; no row records what
one person answered. A comment gets a random key and no time. ``close_survey_round`` rewrites
every row the answers touched (participations, counters, comments) in a neutral order, so neither
the order of rows nor PostgreSQL's row metadata (xmin, ctid) is left to link them.

Opening a round freezes who may answer (``Eligibility``) and refuses a group that differs from
another recent round's by fewer than the threshold of people: the two results could be
subtracted (``_check_overlap``, docs/decisions.md).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lovende.culture import leadership, permissions
from lovende.culture.models import (
    AnswerTally,
    Eligibility,
    Landmark,
    LandmarkStatement,
    LeaderNote,
    Participation,
    ReflectionShare,
    RespondentGroup,
    RespondentTally,
    SelfAssessment,
    SurveyComment,
    SurveyItem,
    SurveyRound,
)
from lovende.organisation.models import Unit, User

DEFAULT_DAYS_OPEN = 14
VALUES = range(AnswerTally.MIN_VALUE, AnswerTally.MAX_VALUE + 1)


def survey_threshold() -> int:
    """The least number of respondents for any result: the setting, never below 3."""
    return max(SurveyRound.MIN_THRESHOLD, settings.LOVENDE_SURVEY_MIN_ANSWERS)


def too_few_message(threshold: int) -> str:
    return _("Resultaterne vises, når mindst %(n)d har svaret.") % {"n": threshold}


def _check_round(
    by: User, unit: Unit, title: str, opens_on: datetime.date, closes_on: datetime.date
):
    errors: dict[str, str] = {}
    if unit.organisation_id != by.organisation_id:
        errors["unit"] = _("Enheden hører til en anden organisation.")
    if not title.strip():
        errors["title"] = _("Giv runden en titel, fx «Kulturmåling foråret 2026».")
    if closes_on < opens_on:
        errors["closes_on"] = _("Runden skal lukke efter, den åbner.")
    if errors:
        raise ValidationError(errors)


def _check_enough(eligible: int, threshold: int, unit: Unit, *, culture: bool = False) -> None:
    if eligible < threshold:
        message = _(
            "Der er kun %(n)d, der kan svare, i %(unit)s. En runde kræver mindst %(k)d, så "
            "ingen kan genkendes på svarene. Vælg en større enhed."
        )
        if culture:
            message += " " + _(
                "De, der leder kulturen for enheden, tæller ikke med: de kan se resultaterne og "
                "svarer derfor ikke selv."
            )
        raise ValidationError(message % {"n": eligible, "unit": unit, "k": threshold})


def overlap_days() -> int:
    """How long a closed round still counts in the differencing check (the setting)."""
    return max(0, settings.LOVENDE_SURVEY_OVERLAP_DAYS)


def _groups_of(members: Mapping[int, str]) -> dict[str, set[int]]:
    """A round's groups whose results may be shown: everyone, and a split round's groups."""
    groups: dict[str, set[int]] = defaultdict(set)
    for user_id, group in members.items():
        groups[RespondentGroup.ALL].add(user_id)
        if group:
            groups[group].add(user_id)
    return dict(groups)


def _check_overlap(
    *,
    by: User,
    kind: str,
    subject: User | None,
    members: Mapping[int, str],
    threshold: int,
    today: datetime.date,
) -> None:
    """Refuse a round whose results could be subtracted from another round's.

    The other rounds are those of the same kind (360°: the same leader) that are open, or closed
    within ``overlap_days()``. Refused:

    - a group that differs from such a round's by 1 to k−1 people: the difference of the two
      results is those few people's answers, and with one person, exactly theirs. Every shown
      group is compared (a split 360° round's employees and fellow leaders as well as everyone),
      because each can be shown on its own;
    - any shared person while the other round is still open (also past its closing date): with
      the same questions at the same time, someone who answers one round and not the other is
      the difference even when the groups are the same (the review's 360° case).

    Rounds one after the other on the same group stay allowed: that is how a trend is measured.
    """
    since = today - datetime.timedelta(days=overlap_days())
    others = SurveyRound.objects.filter(organisation_id=by.organisation_id, kind=kind).filter(
        Q(status=SurveyRound.Status.OPEN) | Q(closes_on__gte=since)
    )
    if subject is not None:
        others = others.filter(subject=subject)
    eligible: dict[int, dict[int, str]] = defaultdict(dict)
    for round_id, user_id, group in Eligibility.objects.filter(round__in=others).values_list(
        "round_id", "user_id", "group"
    ):
        eligible[round_id][user_id] = group
    new_groups = _groups_of(members)
    for other in others.filter(pk__in=list(eligible)).order_by("pk"):
        k = max(threshold, other.threshold)
        theirs = _groups_of(eligible[other.pk])
        if not other.is_closed and new_groups.get(RespondentGroup.ALL, set()) & theirs[""]:
            raise ValidationError(_concurrent_message(by, other))
        differences = [len(a ^ b) for a in new_groups.values() for b in theirs.values()]
        if any(0 < difference < k for difference in differences):
            raise ValidationError(_overlap_message(by, other, k, today))


def _round_name(by: User, other: SurveyRound) -> str:
    """The other round by title and unit, if ``by`` may see it; otherwise not named."""
    if permissions.survey_rounds_visible_to(by).filter(pk=other.pk).exists():
        return _("Runden «%(title)s» for %(unit)s") % {"title": other.title, "unit": other.unit}
    return _("En anden runde")


def _overlap_message(by: User, other: SurveyRound, threshold: int, today: datetime.date) -> str:
    free_on = max(other.closes_on, today) + datetime.timedelta(days=overlap_days() + 1)
    return _(
        "To runder, hvis grupper kun adskiller sig med få personer, kan trækkes fra hinanden, "
        "så enkeltes svar kan udledes. %(name)s er lukket for nylig, og dens gruppe adskiller "
        "sig fra denne med færre end %(k)d personer. Vent til %(date)s, eller vælg den samme "
        "gruppe eller en gruppe, der adskiller sig med mindst %(k)d personer."
    ) % {"name": _round_name(by, other), "k": threshold, "date": date_format(free_on)}


def _concurrent_message(by: User, other: SurveyRound) -> str:
    return _(
        "To runder, hvis grupper kun adskiller sig med få personer, kan trækkes fra hinanden, "
        "så enkeltes svar kan udledes – også to runder på samme tid med de samme personer, "
        "hvis én svarer i den ene og ikke i den anden. %(name)s er stadig åben og har personer "
        "fælles med denne. Vent, til den er lukket, og vælg så den samme gruppe eller en gruppe, "
        "der adskiller sig med mindst %(k)d personer – eller vælg nu en gruppe uden fælles "
        "personer."
    ) % {"name": _round_name(by, other), "k": max(survey_threshold(), other.threshold)}


def _create_eligibility(survey: SurveyRound, members: Mapping[int, str]) -> None:
    """Freeze who may answer, in user-id order, in the transaction that opens the round: before
    any answer exists, and with nothing (no time, no order of answers) to join on."""
    Eligibility.objects.bulk_create(
        Eligibility(round=survey, user_id=user_id, group=members[user_id])
        for user_id in sorted(members)
    )


def culture_statements(unit: Unit) -> list[LandmarkStatement]:
    """The active statements that hold for ``unit``: the organisation's, its units' above, its own."""
    landmarks = Landmark.objects.filter(organisation_id=unit.organisation_id, active=True).filter(
        Q(unit__isnull=True) | Q(unit_id__in=unit.ancestor_ids())
    )
    statements = LandmarkStatement.objects.filter(landmark__in=landmarks, active=True)
    return sorted(
        statements.select_related("landmark__unit"),
        key=lambda s: (
            s.landmark.unit.depth if s.landmark.unit else -1,
            s.landmark.order,
            s.landmark_id,
            s.order,
            s.pk,
        ),
    )


def _create_counters(survey: SurveyRound, items: list[SurveyItem], groups: list[str]) -> None:
    """Every counter at 0 from the start: answering then only updates rows, never inserts."""
    RespondentTally.objects.bulk_create(
        RespondentTally(round=survey, group=group) for group in groups
    )
    AnswerTally.objects.bulk_create(
        AnswerTally(item=item, group=group, value=value)
        for item in items
        for group in groups
        for value in VALUES
    )


def _create_round(**fields: object) -> SurveyRound:
    fields["title"] = str(fields["title"]).strip()
    return SurveyRound.objects.create(threshold=survey_threshold(), **fields)


@transaction.atomic
def open_survey_round(
    *,
    by: User,
    unit: Unit,
    title: str,
    closes_on: datetime.date,
    opens_on: datetime.date | None = None,
) -> SurveyRound:
    """Open a culture survey for ``unit`` with the statements of its landmarks, copied.

    Refused when the landmarks have no statements, or when fewer than the threshold can answer.
    """
    opens_on = opens_on or timezone.localdate()
    _check_round(by, unit, title, opens_on, closes_on)
    statements = culture_statements(unit)
    if not statements:
        raise ValidationError(
            _("Der er ingen pejlemærker med udsagn for %(unit)s. Skriv pejlemærkerne først.")
            % {"unit": unit}
        )
    threshold = survey_threshold()
    eligible = permissions.culture_respondents(unit).values_list("pk", flat=True)
    members = dict.fromkeys(eligible, RespondentGroup.ALL)
    _check_enough(len(members), threshold, unit, culture=True)
    _check_overlap(
        by=by,
        kind=SurveyRound.Kind.CULTURE,
        subject=None,
        members=members,
        threshold=threshold,
        today=timezone.localdate(),
    )
    survey = _create_round(
        organisation_id=by.organisation_id,
        unit=unit,
        kind=SurveyRound.Kind.CULTURE,
        title=title,
        opened_by=by,
        opens_on=opens_on,
        closes_on=closes_on,
    )
    items = SurveyItem.objects.bulk_create(
        SurveyItem(
            round=survey,
            theme=statement.landmark.theme,
            text=statement.text,
            order=number,
            statement=statement,
        )
        for number, statement in enumerate(statements, start=1)
    )
    _create_eligibility(survey, members)
    _create_counters(survey, items, [RespondentGroup.ALL])
    return survey


@transaction.atomic
def open_feedback_round(
    *,
    by: User,
    unit: Unit,
    title: str,
    closes_on: datetime.date,
    invitees: Iterable[User] = (),
    opens_on: datetime.date | None = None,
) -> SurveyRound:
    """Ask the employees at or below ``unit`` and invited fellow leaders for 360° feedback.

    The items are the handbook's behaviours and dilemmas (leadership.py). The two groups are
    counted apart only when each has at least the threshold of people who can answer.
    """
    opens_on = opens_on or timezone.localdate()
    _check_round(by, unit, title, opens_on, closes_on)
    if not permissions.leads_feedback_unit(by, unit):
        raise ValidationError({"unit": _("Vælg en enhed, du er leder for.")})
    invitees = list(invitees)
    leaders = set(permissions.fellow_leaders(by).values_list("pk", flat=True))
    if any(invitee.pk not in leaders for invitee in invitees):
        raise ValidationError({"invitees": _("Du kan kun invitere ledere i din organisation.")})
    employees = set(permissions.survey_respondents(unit, subject=by).values_list("pk", flat=True))
    colleagues = {invitee.pk for invitee in invitees} - employees
    threshold = survey_threshold()
    _check_enough(len(employees) + len(colleagues), threshold, unit)
    split = len(employees) >= threshold and len(colleagues) >= threshold
    members = {
        **dict.fromkeys(employees, RespondentGroup.EMPLOYEES if split else RespondentGroup.ALL),
        **dict.fromkeys(colleagues, RespondentGroup.COLLEAGUES if split else RespondentGroup.ALL),
    }
    _check_overlap(
        by=by,
        kind=SurveyRound.Kind.LEADER360,
        subject=by,
        members=members,
        threshold=threshold,
        today=timezone.localdate(),
    )
    survey = _create_round(
        organisation_id=by.organisation_id,
        unit=unit,
        kind=SurveyRound.Kind.LEADER360,
        subject=by,
        title=title,
        opened_by=by,
        opens_on=opens_on,
        closes_on=closes_on,
        split_groups=split,
    )
    survey.invitees.set(invitees)
    items = SurveyItem.objects.bulk_create(
        SurveyItem(round=survey, theme=theme, text=text, order=order, reflection=reflection)
        for order, (theme, text, reflection) in enumerate(
            (
                (theme, text, reflection)
                for theme, texts, reflection in leadership.LEADERSHIP_ITEMS
                for text in texts
            ),
            start=1,
        )
    )
    groups = [RespondentGroup.EMPLOYEES, RespondentGroup.COLLEAGUES] if split else [""]
    _create_eligibility(survey, members)
    _create_counters(survey, items, groups)
    return survey


def answer_refusal(survey: SurveyRound, user: User, today: datetime.date | None = None) -> str:
    """Why ``user`` may not answer ``survey`` now, in Danish; "" when they may."""
    today = today or timezone.localdate()
    if survey.subject_id == user.pk:
        return _("Du kan ikke svare på din egen 360°-runde. Giv i stedet din selvvurdering.")
    if survey.kind == SurveyRound.Kind.CULTURE and permissions.can_lead_culture(user, survey.unit):
        return _(
            "Du leder kulturen for %(unit)s og kan se resultaterne, så du svarer ikke selv og "
            "tæller ikke med blandt dem, der kan svare. Ellers kunne færre end %(k)d af de "
            "andre have svaret, når resultaterne vises."
        ) % {"unit": survey.unit, "k": survey.threshold}
    if not permissions.may_answer(user, survey):
        if survey.kind == SurveyRound.Kind.LEADER360:
            return _(
                "Du kan ikke svare på denne runde. Den er for medarbejdere under %(leader)s og "
                "de lederkolleger, %(leader)s har inviteret."
            ) % {"leader": survey.subject}
        return _(
            "Du kan ikke svare på denne runde. Den er for dem, der havde en rolle i %(unit)s "
            "og enhederne under den, da runden åbnede."
        ) % {"unit": survey.unit}
    if survey.is_closed or survey.closes_on < today:
        return _("Runden er lukket, så der kan ikke længere svares.")
    if survey.opens_on > today:
        return _("Runden åbner %(date)s.") % {"date": date_format(survey.opens_on)}
    if Participation.objects.filter(round=survey, user=user).exists():
        return already_answered_message()
    return ""


def already_answered_message() -> str:
    return _(
        "Du har allerede svaret. Man kan kun svare én gang, og svarene kan ikke ændres, "
        "fordi de ikke er knyttet til dig."
    )


def _check_values(survey: SurveyRound, answers: Mapping[int, object]) -> dict[int, int]:
    item_ids = set(survey.items.values_list("pk", flat=True))
    values = {}
    for item_id, value in answers.items():
        if item_id not in item_ids or type(value) is not int or value not in VALUES:
            raise ValidationError(_("Svar på hvert udsagn med et tal fra 1 til 5."))
        values[item_id] = value
    if set(values) != item_ids:
        raise ValidationError(_("Svar på alle udsagn, før du sender."))
    return values


def answer_survey(
    *, by: User, survey: SurveyRound, answers: Mapping[int, int], comment: str = ""
) -> SurveyRound:
    """Record ``by``'s answer: that they answered, and one more on each counter they chose.

    ``answers`` maps every item id of the round to 1–5. Refused (ValidationError) when the round
    is closed, ``by`` may not answer it or has answered already, or a value is out of range.
    A second tab or a double click that got there first makes the Participation insert fail;
    the whole transaction then rolls back, without a savepoint of its own (decision 15).
    """
    try:
        return _record_answer(by=by, survey=survey, answers=answers, comment=comment)
    except IntegrityError:
        raise ValidationError(already_answered_message()) from None


@transaction.atomic
def _record_answer(
    *, by: User, survey: SurveyRound, answers: Mapping[int, int], comment: str
) -> SurveyRound:
    # Locked, so that a round being closed (its rows rewritten) takes no answer meanwhile.
    survey.status = (
        SurveyRound.objects.select_for_update().values_list("status", flat=True).get(pk=survey.pk)
    )
    refusal = answer_refusal(survey, by)
    if refusal:
        raise ValidationError(refusal)
    values = _check_values(survey, answers)
    comment = comment.strip()
    if len(comment) > SurveyComment.MAX_TEXT_LENGTH:
        raise ValidationError(
            {
                "comment": _("Kommentaren må højst være %(n)d tegn.")
                % {"n": SurveyComment.MAX_TEXT_LENGTH}
            }
        )
    group = permissions.respondent_group(survey, by)
    Participation.objects.create(round=survey, user=by)
    for value in VALUES:
        chosen = [item_id for item_id, answer in values.items() if answer == value]
        if chosen:
            AnswerTally.objects.filter(item_id__in=chosen, group=group, value=value).update(
                count=F("count") + 1
            )
    RespondentTally.objects.filter(round=survey, group=group).update(count=F("count") + 1)
    if comment:
        SurveyComment.objects.create(round=survey, text=comment)
    return survey


@transaction.atomic
def close_survey_round(*, by: User | None, survey: SurveyRound) -> SurveyRound:
    """Close the round (results may show from now on) and rewrite its rows in a neutral order.

    Every row an answer wrote is deleted and created again, in one transaction: participations
    by user id, the counters by (item, group, value) and (group), comments by text with new
    keys. Neither the ids nor the storage order (SQLite rowid, PostgreSQL ctid) nor PostgreSQL's
    xmin (all now the closing transaction's) tells who answered when or what the last answer
    was. Dead row versions stay in PostgreSQL until VACUUM (decision 15). ``by`` is None when a
    due round closes by itself.
    """
    locked = SurveyRound.objects.select_for_update().get(pk=survey.pk)
    if locked.is_closed:
        survey.status, survey.closes_on = locked.status, locked.closes_on
        return survey
    today = timezone.localdate()
    survey.status = SurveyRound.Status.CLOSED
    survey.closes_on = min(survey.closes_on, today)
    survey.save(update_fields=["status", "closes_on"])
    _rewrite_answer_rows(survey)
    return survey


def _rewrite_answer_rows(survey: SurveyRound) -> None:
    users = sorted(survey.participations.values_list("user_id", flat=True))
    survey.participations.all().delete()
    Participation.objects.bulk_create(Participation(round=survey, user_id=pk) for pk in users)
    tallies = AnswerTally.objects.filter(item__round=survey)
    counts = sorted(tallies.values_list("item_id", "group", "value", "count"))
    tallies.delete()
    AnswerTally.objects.bulk_create(
        AnswerTally(item_id=item_id, group=group, value=value, count=count)
        for item_id, group, value, count in counts
    )
    respondents = sorted(survey.respondents.values_list("group", "count"))
    survey.respondents.all().delete()
    RespondentTally.objects.bulk_create(
        RespondentTally(round=survey, group=group, count=count) for group, count in respondents
    )
    texts = sorted(survey.comments.values_list("text", flat=True))
    survey.comments.all().delete()
    SurveyComment.objects.bulk_create(SurveyComment(round=survey, text=text) for text in texts)


def close_due_rounds(*, today: datetime.date | None = None) -> int:
    """Close every open round whose closing date has passed; return how many."""
    today = today or timezone.localdate()
    due = SurveyRound.objects.filter(status=SurveyRound.Status.OPEN, closes_on__lt=today)
    closed = 0
    for survey in due:
        close_survey_round(by=None, survey=survey)
        closed += 1
    return closed


# The leader's own reflection ------------------------------------------------------------------


@transaction.atomic
def record_self_assessment(
    *, by: User, survey: SurveyRound, answers: Mapping[int, int]
) -> list[SelfAssessment]:
    """Save the leader's own view of every item; a new self-assessment replaces the old.

    Kept apart from the counters: it is never part of the others' view.
    """
    if survey.kind != SurveyRound.Kind.LEADER360 or survey.subject_id != by.pk:
        raise ValidationError(_("Kun lederen selv giver sin selvvurdering."))
    values = _check_values(survey, answers)
    SelfAssessment.objects.filter(leader=by, item__round=survey).delete()
    return SelfAssessment.objects.bulk_create(
        SelfAssessment(leader=by, item_id=item_id, value=value) for item_id, value in values.items()
    )


@transaction.atomic
def write_leader_note(*, by: User, text: str, survey: SurveyRound | None = None) -> LeaderNote:
    """A private note on the leader's own reflection."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Skriv noten.")})
    if len(text) > LeaderNote.MAX_TEXT_LENGTH:
        raise ValidationError(
            {"text": _("Noten må højst være %(n)d tegn.") % {"n": LeaderNote.MAX_TEXT_LENGTH}}
        )
    if survey is not None and survey.subject_id != by.pk:
        raise ValidationError(_("Noten kan kun knyttes til dine egne runder."))
    return LeaderNote.objects.create(leader=by, round=survey, text=text)


@transaction.atomic
def delete_leader_note(*, by: User, note: LeaderNote) -> None:
    if note.leader_id != by.pk:
        raise ValidationError(_("Du kan kun slette dine egne noter."))
    note.delete()


@transaction.atomic
def share_reflection(*, by: User, colleague: User) -> ReflectionShare:
    """Let ``colleague`` see ``by``'s 360° results (never the notes)."""
    if colleague.organisation_id != by.organisation_id or not colleague.is_active:
        raise ValidationError({"colleague": _("Vælg en kollega i din organisation.")})
    if colleague.pk == by.pk:
        raise ValidationError({"colleague": _("Du ser allerede dine egne resultater.")})
    share, _created = ReflectionShare.objects.get_or_create(leader=by, shared_with=colleague)
    return share


@transaction.atomic
def stop_sharing(*, by: User, colleague: User) -> None:
    ReflectionShare.objects.filter(leader=by, shared_with=colleague).delete()
