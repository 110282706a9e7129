"""Layer 2: the domain.

Typed records and their JSON, name lookup, people, needs, offers,
introductions and follow-ups, and the weekly review (a loader plus pure
rules). No Rich, no Typer, no environment and no clock: "today" is always an
argument. Imports layers 0 and 1 only.
"""
