"""The review's rules: pure functions from the loaded ``JournalData`` to items.

One function per reason (docs/review.md): each reads the loaded data and the
configuration, never the database or the clock, and returns the items due
on ``data.as_of`` (``as_of >= due``; ``days_overdue = as_of - due``).
:func:`all_items` runs them all and sorts each section, most overdue first.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from netjournal.config import Config
from netjournal.core.review_data import REASONS, Item, JournalData
from netjournal.dates import interval_words
from netjournal.i18n import _


def follow_up_items(data: JournalData) -> list[Item]:
    """Explicit follow-ups whose date has come and that were not done by then."""
    items = []
    for f in data.followups:
        if f.due_on > data.last_day or f.created_on > data.as_of:
            continue
        detail = (
            _("Follow-up: {note}").format(note=f.note)
            if f.note
            else _("Follow-up set on {on}").format(on=f.created_on.isoformat())
        )
        items.append(
            Item(
                "follow_up",
                f.person_id,
                f.due_on,
                f.created_on,
                detail,
                _("Get back to them"),
                data.as_of,
                f.id,
                {"followup_id": f.id},
                interval=7,
            )
        )
    return items


def keep_in_touch_items(data: JournalData) -> list[Item]:
    """People with a keep-in-touch interval whose last contact + interval has come.

    With no contact at all yet, the interval counts from when the person was
    added (or met, if earlier).
    """
    from netjournal.dates import parse_interval

    intervals: dict[str, Any] = {}
    items = []
    for person in data.people.values():
        if not person.every:
            continue
        last = data.last_contact(person.id)
        base = last
        if base is None:
            starts = [x for x in (person.created_on, person.met_on) if x is not None]
            if not starts or min(starts) > data.as_of:
                continue
            base = min(starts)
        if person.every not in intervals:
            try:
                intervals[person.every] = parse_interval(person.every)
            except ValueError:  # DateError too: a hand-edited value we cannot read
                intervals[person.every] = None
        interval = intervals[person.every]
        if interval is None:
            continue
        due = interval.add_to(base)
        if due > data.last_day:
            continue
        detail = _("Keep in touch every {every}").format(every=interval_words(person.every))
        if last is None:
            detail = _("Keep in touch every {every}; no contact yet").format(
                every=interval_words(person.every)
            )
        items.append(
            Item(
                "keep_in_touch",
                person.id,
                due,
                base,
                detail,
                _("Say hello"),
                data.as_of,
                person.id,
                {"every": person.every},
                interval=(due - base).days,
            )
        )
    return items


def fresh_contact_items(data: JournalData, config: Config) -> list[Item]:
    """People whose only contact is being met, ``fresh_contact_days`` after meeting them."""
    items = []
    for pid, contact in data.contacts.items():
        if not contact.only_met:
            continue
        due = contact.last + timedelta(days=config.fresh_contact_days)
        if due > data.last_day:
            continue
        planned = data.planned.get(pid)
        if planned is not None and planned > data.as_of:
            continue  # a follow-up is planned: it speaks for this person until its date
        person = data.people.get(pid)
        if person and person.met_at and person.met_on == contact.last:
            detail = _("Met at {event}; no contact since").format(event=person.met_at)
        else:
            detail = _("Met; no contact since")
        items.append(
            Item(
                "fresh_contact",
                pid,
                due,
                contact.last,
                detail,
                _("Send a note: how can you help?"),
                data.as_of,
                pid,
                interval=7,
            )
        )
    return items


def open_need_items(data: JournalData, config: Config) -> list[Item]:
    """Open needs noted ``open_need_days`` ago or more with no introduction for them."""
    items = []
    for need in data.needs:
        due = need.noted_on + timedelta(days=config.open_need_days)
        if need.returned_on is not None:  # an introduction did not work: due again that day
            due = max(due, need.returned_on)
        if due > data.last_day:
            continue
        items.append(
            Item(
                "open_need",
                need.person_id,
                due,
                need.noted_on,
                _("Needs: {text}").format(text=need.text),
                _("Ask around"),
                data.as_of,
                need.id,
                {"need": {"id": need.id, "text": need.text, "noted_on": need.noted_on.isoformat()}},
                interval=config.open_need_days,
            )
        )
    return items


def promise_items(data: JournalData, config: Config) -> list[Item]:
    """Promises not done by their due date (made + ``promise_days`` when none was given)."""
    items = []
    for offer in data.promises:
        due = offer.due_on or offer.offered_on + timedelta(days=config.promise_days)
        if due > data.last_day or offer.offered_on > data.as_of:
            continue
        items.append(
            Item(
                "promise",
                offer.person_id,
                due,
                offer.offered_on,
                _("You promised: {text}").format(text=offer.text),
                _("Keep it, or say when"),
                data.as_of,
                offer.id,
                {
                    "offer": {
                        "id": offer.id,
                        "text": offer.text,
                        "offered_on": offer.offered_on.isoformat(),
                        "due_on": due.isoformat(),
                    }
                },
                interval=(due - offer.offered_on).days or 7,
            )
        )
    return items


def check_in_items(data: JournalData, config: Config) -> list[Item]:
    """Check-ins after help given or an introduction; thanks after help received."""
    return (
        _help_check_ins(data, config)
        + _intro_check_ins(data, config)
        + _thanks(data, config)
        + waiting_on_items(data)
    )


def waiting_on_items(data: JournalData) -> list[Item]:
    """What others promised you (``nj offer add --received --due``), late: a gentle nudge."""
    items = []
    for offer in data.waiting:
        assert offer.due_on is not None
        if offer.due_on > data.last_day:
            continue
        detail = _("{name} promised you: {text} (by {due}); a friendly reminder?").format(
            name=data.name(offer.person_id), text=offer.text, due=offer.due_on.isoformat()
        )
        items.append(
            Item(
                "waiting_on",
                offer.person_id,
                offer.due_on,
                offer.offered_on,
                detail,
                _("Remind them gently"),
                data.as_of,
                offer.id,
                {
                    "offer": {
                        "id": offer.id,
                        "text": offer.text,
                        "offered_on": offer.offered_on.isoformat(),
                        "due_on": offer.due_on.isoformat(),
                    }
                },
                interval=(offer.due_on - offer.offered_on).days or 7,
            )
        )
    return items


def _help_items(
    data: JournalData,
    offers: list[Any],
    days: int,
    reason: str,
    texts: tuple[str, str, str],
) -> list[Item]:
    """Help done ``days`` ago with no contact since: ask if it helped (help given)
    or thank them (help received). ``texts``: detail, action, JSON date key."""
    detail, action, date_key = texts
    items = []
    for offer in offers:
        assert offer.done_on is not None
        due = offer.done_on + timedelta(days=days)
        if due > data.last_day or data.in_touch_since(offer.person_id, offer.done_on):
            continue
        record = {"id": offer.id, "text": offer.text, date_key: offer.done_on.isoformat()}
        items.append(
            Item(
                reason,
                offer.person_id,
                due,
                offer.done_on,
                detail.format(text=offer.text),
                action,
                data.as_of,
                offer.id,
                {"offer": record},
                interval=days,
            )
        )
    return items


def _help_check_ins(data: JournalData, config: Config) -> list[Item]:
    texts = (_("You helped: {text}"), _("Ask if it helped"), "done_on")
    return _help_items(data, data.help_given, config.check_in_days, "check_in_help", texts)


def _intro_check_ins(data: JournalData, config: Config) -> list[Item]:
    items = []
    for intro in data.intros:
        due = intro.on + timedelta(days=config.check_in_days)
        if due > data.last_day or intro.settled:
            continue
        # Ask the person who had the need; without a need, the first person named.
        pid = intro.a_id
        if intro.need_person_id in (intro.a_id, intro.b_id):
            assert intro.need_person_id is not None
            pid = intro.need_person_id
        other = intro.b_id if pid == intro.a_id else intro.a_id
        if data.in_touch_since(pid, intro.on):
            continue
        other_name = data.name(other)
        if intro.need_text:
            detail = _("Introduced to {other} for: {need}").format(
                other=other_name, need=intro.need_text
            )
        else:
            detail = _("Introduced to {other}").format(other=other_name)
        need = (
            {"id": intro.need_id, "text": intro.need_text}
            if intro.need_id is not None and intro.need_text is not None
            else None
        )
        items.append(
            Item(
                "check_in_intro",
                pid,
                due,
                intro.on,
                detail,
                _("Ask how it went"),
                data.as_of,
                intro.id,
                {
                    "introduction": {
                        "id": intro.id,
                        "other": {"id": other, "name": other_name},
                        "need": need,
                        "on": intro.on.isoformat(),
                    }
                },
                interval=config.check_in_days,
            )
        )
    return items


def _thanks(data: JournalData, config: Config) -> list[Item]:
    texts = (_("Helped you: {text}"), _("Thank them"), "received_on")
    return _help_items(data, data.help_received, config.thank_days, "thank", texts)


def all_items(data: JournalData, config: Config) -> dict[str, list[Item]]:
    """Every item, by section (docs/review.md, "Ranking" and "Snooze").

    The four overdue sections are ranked by :meth:`Item.rank_key`, follow-ups
    one per person; ``coming_up`` holds the items due after the review date
    up to ``data.horizon``, soonest first; ``snoozed`` the overdue items a
    snooze hides (each with ``extra["snoozed_until"]``), most overdue first.
    """
    reasons = follow_up_items(data) + keep_in_touch_items(data) + fresh_contact_items(data, config)
    raw = {
        "follow_ups": reasons,
        "introductions": open_need_items(data, config),
        "promises": promise_items(data, config),
        "check_ins": check_in_items(data, config),
    }
    sections: dict[str, list[Item]] = {"coming_up": [], "snoozed": []}
    for name, items in raw.items():
        due = []
        for item in items:
            until = data.snoozed.get(item.ref)
            if until is not None:
                if item.due <= data.as_of:
                    item.extra["snoozed_until"] = until.isoformat()
                    sections["snoozed"].append(item)
            elif item.due > data.as_of:
                sections["coming_up"].append(item)
            else:
                due.append(item)
        if name == "follow_ups":
            due = group_by_person(due)
        due.sort(key=lambda item: item.rank_key(data.name(item.person_id)))
        sections[name] = due
    sections["coming_up"].sort(
        key=lambda i: (i.due, REASONS.index(i.reason), data.name(i.person_id).casefold(), i.ref)
    )
    sections["snoozed"].sort(key=Item.sort_key)
    return sections


def group_by_person(items: Iterable[Item]) -> list[Item]:
    """One item per person: the most overdue reason, the others in ``others``."""
    by_person: dict[int, list[Item]] = {}
    for item in items:
        by_person.setdefault(item.person_id, []).append(item)
    grouped = []
    for reasons in by_person.values():
        reasons.sort(key=Item.sort_key)
        first = reasons[0]
        first.others = reasons[1:]
        grouped.append(first)
    return grouped
