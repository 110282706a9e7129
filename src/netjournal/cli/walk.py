"""The interactive review's loop (``nj review -i``), apart from the terminal.

:class:`Walk` goes through the review's items most urgent first and turns
keys into actions. It talks to the user only through a :class:`Screen`
(``cli/interactive.py`` gives the real terminal one), so the loop can be
driven by any sequence of keys and lines. Each action is one transaction
calling the same core functions as ``nj done``, ``nj snooze``, ``nj log``
and ``nj intro add``, and is echoed as that command line. Every action that
succeeds moves on to the next item.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from netjournal.i18n import _

if TYPE_CHECKING:
    from netjournal.cli.context import AppContext

#: What the walk does after a key: stay on the item, go to the next, or stop.
STAY, NEXT, QUIT = "stay", "next", "quit"


class Screen(Protocol):
    def write(self, text: str) -> None: ...

    def key(self) -> str: ...

    def ask(self, prompt: str) -> str: ...


def keys_line() -> str:
    return _(
        "d done · s snooze · l log a contact · i introduce · e change due date · "
        "n next · q quit · ? help"
    )


def help_text() -> str:
    return "\n".join(
        [
            _("Keys:"),
            _("  d  done: close the follow-up, keep the promise, mark the need met..."),
            _("  s  snooze until a date (Enter: one week)"),
            _("  l  log a contact with this person (asks a one-line note)"),
            _("  i  introduce: pick a suggested person by number"),
            _("  e  change the due date (follow-ups and promises)"),
            _("  n  next item · q quit (what was done is kept) · ?  this help"),
            _("Each action is saved at once and shown as the 'nj' command that does the same."),
        ]
    )


def ordered_items(review: dict[str, Any], order: list[str]) -> list[tuple[str, dict[str, Any]]]:
    """(section, item) of every review item, in the order of the refs ``order``
    (``nj due``'s, most urgent first), then any others in the review's order."""
    from netjournal.core.review import SECTIONS

    items = [(name, item) for name in SECTIONS for item in review[name]]
    rank = {ref: i for i, ref in enumerate(order)}
    return sorted(items, key=lambda pair: rank.get(pair[1]["ref"], len(rank)))


@dataclass
class Walk:
    env: AppContext
    db: str | None
    screen: Screen
    items: list[tuple[str, dict[str, Any]]]
    #: The command lines of the actions saved so far.
    saved: list[str] = field(default_factory=list)

    @property
    def today(self) -> date:
        return self.env.today

    # -- the loop ----------------------------------------------------------

    def run(self) -> bool:
        """Walk every item; False when the user quit before the end."""
        for index, (section, item) in enumerate(self.items, 1):
            self.show(index, section, item)
            while True:
                what = self.handle(self.screen.key(), section, item)
                if what == QUIT:
                    return False
                if what == NEXT:
                    break
        return True

    def handle(self, key: str, section: str, item: dict[str, Any]) -> str:
        """Do what ``key`` asks on ``item``; an error is shown and the item stays."""
        from netjournal.errors import NetjournalError

        handlers = {
            "d": self.done,
            "s": self.snooze,
            "l": self.log,
            "i": self.introduce,
            "e": self.change_due,
        }
        if key in ("q", "Q"):
            return QUIT
        if key in ("n", "N", "\n", "\r", " "):
            return NEXT
        if key == "?":
            self.screen.write(help_text() + "\n")
            return STAY
        handler = handlers.get(key.lower())
        if handler is None:
            self.screen.write(_("Unknown key; press ? for help") + "\n")
            return STAY
        try:
            return handler(item)
        except NetjournalError as exc:
            self.screen.write(_("Error: ") + " ".join(exc.message.split()) + "\n")
            return STAY

    def _saved(self, command: str, message: str = "") -> str:
        self.saved.append(command)
        if message:
            self.screen.write(message + "\n")
        self.screen.write(f"→ {command}\n")
        return NEXT

    # -- the actions -------------------------------------------------------

    def done(self, item: dict[str, Any]) -> str:
        from netjournal.core import done as core
        from netjournal.core.refs import command, parse_ref

        ref = parse_ref(item["ref"])
        with self.env.journal(self.db) as j, j.write() as conn:
            core.done(conn, ref, today=self.today)
        return self._saved(command("done", str(ref)))

    def _date(self, prompt: str, direction: str = "future") -> date | None:
        from netjournal.cli import common

        text = self.screen.ask(prompt).strip()
        if not text:
            return None
        return common.parse_date(text, "future" if direction == "future" else "past", self.today)

    def snooze(self, item: dict[str, Any]) -> str:
        from netjournal.core import snooze as core
        from netjournal.core.refs import command, parse_ref

        ref = parse_ref(item["ref"])
        until = self._date(_("Snooze until (Enter: one week): "))
        with self.env.journal(self.db) as j, j.write() as conn:
            result = core.snooze(conn, ref, today=self.today, until=until)
        args = ["snooze", str(ref)] + (["--until", until.isoformat()] if until else [])
        message = _("Snoozed {ref} until {date}").format(
            ref=str(ref), date=result.until.isoformat()
        )
        return self._saved(command(*args), message)

    def log(self, item: dict[str, Any]) -> str:
        from netjournal.core import people
        from netjournal.core.refs import command
        from netjournal.text import clean_text

        note = self.screen.ask(_("What happened (one line, Enter: cancel): ")).strip()
        if not note:
            self.screen.write(_("Nothing logged") + "\n")
            return STAY
        clean_text(note, _("The text"), required=True)
        pid = int(item["person"]["id"])
        with self.env.journal(self.db) as j, j.write() as conn:
            iid = people.add_interaction(conn, pid, on=self.today, kind="other", note=note)
        message = _("Logged other #{id} with {name} #{pid} on {date}").format(
            id=iid, name=item["person"]["name"], pid=pid, date=self.today.isoformat()
        )
        return self._saved(command("log", f"#{pid}", note), message)

    def introduce(self, item: dict[str, Any]) -> str:
        from netjournal.core import ledger
        from netjournal.core.refs import command
        from netjournal.text import displayable

        suggestions = item.get("suggestions") or []
        if not suggestions:
            self.screen.write(_("No introduction is suggested for this item") + "\n")
            return STAY
        answer = self.screen.ask(
            _("Introduce to which one (1-{n}, Enter: cancel)? ").format(n=len(suggestions))
        ).strip()
        if not answer:
            return STAY
        if not answer.isdigit() or not 1 <= int(answer) <= len(suggestions):
            self.screen.write(_("Pick a number from 1 to {n}").format(n=len(suggestions)) + "\n")
            return STAY
        a = int(item["person"]["id"])
        b = int(suggestions[int(answer) - 1]["person"]["id"])
        need = int(item["ref"].partition(":")[2])
        with self.env.journal(self.db) as j, j.write() as conn:
            intro_id = ledger.add_intro(conn, a, b, on=self.today, need_id=need)
            message = ledger.intro_message(conn, intro_id)
        self._saved(command("intro", "add", f"#{a}", f"#{b}", "--need", need))
        self.screen.write("\n" + displayable(message).rstrip("\n") + "\n")
        return NEXT

    def change_due(self, item: dict[str, Any]) -> str:
        from netjournal.core import review_walk as core
        from netjournal.core.refs import command, parse_ref

        ref = parse_ref(item["ref"])
        if not core.can_change_due(ref, item["reason"]):
            self.screen.write(
                _("This item has no due date of its own; press s to snooze it instead") + "\n"
            )
            return STAY
        on = self._date(_("New due date (Enter: cancel): "))
        if on is None:
            return STAY
        with self.env.journal(self.db) as j, j.write() as conn:
            core.change_due(conn, ref, item["reason"], on)
        if ref.kind == "followup":
            cmd = command("followup", "edit", ref.id, "--on", on.isoformat())
        else:
            cmd = command("offer", "edit", ref.id, "--due", on.isoformat())
        message = _("{ref} is now due on {date}").format(ref=str(ref), date=on.isoformat())
        return self._saved(cmd, message)

    # -- the screen of one item --------------------------------------------

    def show(self, index: int, section: str, item: dict[str, Any]) -> None:
        from netjournal.cli.review import _titles
        from netjournal.core import review_walk as core
        from netjournal.text import displayable

        def flat(value: Any) -> str:
            return " ".join(displayable(str(value)).split())

        with self.env.journal(self.db) as j, j.read() as conn:
            card = core.person_card(conn, int(item["person"]["id"]), self.today)
        days = item["days_overdue"]
        late = (
            _("due today")
            if days == 0
            else _("{n} days overdue (due {date})").format(n=days, date=item["due"])
        )
        person = flat(f"{item['person']['name']} #{item['person']['id']}")
        lines = [
            "",
            f"[{index}/{len(self.items)}] {_titles()[section]} · {item['ref']} · {late}",
            f"  {person}: {flat(item['detail'])}",
        ]
        lines += [f"  + {flat(o['detail'])}" for o in item.get("other_reasons", [])]
        lines.append("  " + _("Next: {next}").format(next=flat(item["next"])))
        lines += self._card_lines(card, flat)
        suggestions = item.get("suggestions") or []
        if suggestions:
            lines.append("  " + _("Suggested introducers:"))
            for n, s in enumerate(suggestions, 1):
                why = f" ({flat(s['why'][0])})" if s["why"] else ""
                lines.append(f"    {n}. {flat(s['person']['name'])} #{s['person']['id']}{why}")
        lines.append(keys_line())
        self.screen.write("\n".join(lines) + "\n")

    @staticmethod
    def _card_lines(card: dict[str, Any], flat: Any) -> list[str]:
        last = card["last_contact"] or _("never")
        needs = card["open_needs"]
        lines = [
            "  "
            + _("Last contact: {last} · give/take: {g} given, {r} received").format(
                last=last, g=card["given"], r=card["received"]
            )
        ]
        if needs:
            shown = "; ".join(f"need:{n['id']} {flat(n['text'])}" for n in needs[:3])
            more = _(" (+{n} more)").format(n=len(needs) - 3) if len(needs) > 3 else ""
            lines.append("  " + _("Open needs: {needs}").format(needs=shown) + more)
        return lines
