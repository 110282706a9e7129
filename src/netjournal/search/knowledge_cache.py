"""The analysed knowledge kept between commands (``knowledge.load_knowledge``).

One ``marshal`` file in the user cache folder, named after the state of the
knowledge files, the cache format and the versions of netjournal and Python,
so that any change makes a new one (the old ones are removed). Plain values
only: ``marshal`` never runs code, and a damaged file is simply analysed again.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netjournal.search.knowledge import Knowledge


def cache_file(cache_dir: Path, paths: tuple[Path, ...], fmt: int) -> Path:
    """Where the knowledge analysed from ``paths`` is kept."""
    from netjournal import __version__

    state = []
    for path in paths:
        st = path.stat()
        state.append((str(path), st.st_size, st.st_mtime_ns))
    tag = repr((state, fmt, __version__, sys.version_info[:2]))
    return cache_dir / f"knowledge-{hashlib.sha256(tag.encode()).hexdigest()[:20]}.marshal"


def read(path: Path) -> Any | None:
    """What :func:`write` kept, or None when it is missing or damaged."""
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def write(path: Path, value: Any) -> None:
    """Keep ``value`` (mode 0600, atomically) and remove older cache files."""
    blob = marshal.dumps(value)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(blob)
        os.replace(tmp, path)
        for old in path.parent.glob("knowledge-*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:  # a read-only or full disk, a file in the way: analysed again next time
        with contextlib.suppress(OSError):
            tmp.unlink()


def load(path: Path) -> Knowledge | None:
    """The knowledge kept in ``path``, or None (then analyse the files again)."""
    from netjournal.search.knowledge import Kind, Knowledge

    found = read(path)
    if found is None:
        return None
    try:
        families, contexts, kinds, state = found
        return Knowledge(families, {k[0]: Kind(*k) for k in kinds}, contexts, state)
    except (ValueError, TypeError):
        return None  # a cache of another shape


def save(path: Path, knowledge: Knowledge) -> Knowledge:
    """Keep ``knowledge`` in ``path``; returns it."""
    kinds = [
        (k.id, k.family, k.names, k.abbr, k.skills, k.situations, k.related, k.context)
        for k in knowledge.kinds.values()
    ]
    write(path, (knowledge.families, knowledge.contexts, kinds, knowledge.state()))
    return knowledge
