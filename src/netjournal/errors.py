"""Domain exceptions. The CLI turns them into exit codes in one place only.

The core raises these; it never prints and never exits.
"""

from __future__ import annotations


class NetjournalError(Exception):
    """Base of every error a user can cause. ``exit_code`` is what the CLI returns."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(NetjournalError):
    """Bad data: a date that does not parse, an empty name, text that is too long."""


class DateError(InvalidInput):
    """A date or interval that cannot be understood."""


class NotFound(NetjournalError):
    """No person, need, offer... with that name or id."""


class Ambiguous(NetjournalError):
    """A name matches several people."""

    def __init__(self, message: str, candidates: list[dict[str, object]] | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []


class Conflict(NetjournalError):
    """The operation contradicts what is stored (closing a closed need, self-introduction...)."""


class UsageProblem(NetjournalError):
    """The command line itself is wrong (exit 2)."""

    exit_code = 2


class JournalError(NetjournalError):
    """The database file cannot be used: not ours, newer schema, corrupt, read-only."""
