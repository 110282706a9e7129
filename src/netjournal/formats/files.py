"""Files in and out: reading bytes (missing, empty, binary), decoding, safe writing.

Decoding tries UTF-8, UTF-8 with BOM, UTF-16 with BOM, then Windows-1252.
Writing goes through a temporary file in the target folder, made 0600 and
renamed into place, never overwriting unless asked.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from netjournal.errors import Conflict, InvalidInput, UsageProblem
from netjournal.i18n import _

#: The first line of a vCard (to name the right command for a misplaced file).
VCARD_BEGIN = re.compile(r"BEGIN\s*:\s*VCARD\s*$", re.IGNORECASE)

_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (an Excel .xlsx file? save it as CSV first)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (save it as CSV first)"),
)

ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252 (Latin-1)",
}


def read_bytes(path: Path) -> bytes:
    """The file's bytes; InvalidInput when it is missing, a folder, unreadable or empty."""
    shown = str(path)
    if not path.exists():
        raise InvalidInput(_("No such file: {path}").format(path=shown))
    if path.is_dir():
        raise InvalidInput(_("{path} is a folder, not a file").format(path=shown))
    try:
        data = path.read_bytes()
    except PermissionError:
        raise InvalidInput(
            _("{path} cannot be read (permission denied)").format(path=shown)
        ) from None
    except OSError as exc:
        raise InvalidInput(
            _("{path} cannot be read: {err}").format(path=shown, err=exc.strerror or exc)
        ) from None
    if not data.strip():
        raise InvalidInput(_("{path} is empty; nothing to import").format(path=shown))
    return data


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(
    data: bytes, source: str, *, encoding: str | None = None, fallback: bool = True
) -> tuple[str, str]:
    """Bytes -> (text, encoding used): UTF-8, UTF-8 with BOM, UTF-16 with BOM, then cp1252.

    Refuses binary files (a PNG given as contacts) and text that no encoding
    explains, naming the line of the first bad byte.
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InvalidInput(
                _("{path} is {what}, not a text file to import").format(path=source, what=what)
            )
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise UsageProblem(_("Unknown encoding '{enc}'").format(enc=encoding)) from None
        except UnicodeDecodeError as exc:
            raise InvalidInput(
                _("{path} line {line}: not valid {enc} text").format(
                    path=source, line=_line_of(data, exc.start), enc=encoding
                )
            ) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InvalidInput(
                _("{path} starts like UTF-16 text but is not valid UTF-16").format(path=source)
            ) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InvalidInput(
            _(
                "{path} line {line}: contains NUL bytes: a binary file, or "
                "UTF-16 text without a byte-order mark; save it as UTF-8"
            ).format(path=source, line=_line_of(data, nul))
        )
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise InvalidInput(
                _("{path} line {line}: not valid UTF-8 text").format(
                    path=source, line=_line_of(data, exc.start + 3)
                )
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if fallback:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    raise InvalidInput(
        _(
            "{path} line {line}: the text is neither UTF-8 nor Windows-1252 "
            "(Latin-1); save it as UTF-8 or pass --encoding"
        ).format(path=source, line=_line_of(data, first_bad))
    )


# --------------------------------------------------------------------------
# Cleaning one entry
# --------------------------------------------------------------------------


@contextlib.contextmanager
def open_output(path: Path, *, force: bool = False) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` safely: a 0600 temporary file renamed into place.

    The file appears only when the block ends without an error; it never
    overwrites unless ``force`` (Conflict, also when someone created it meanwhile).
    """
    if path.is_dir():
        raise InvalidInput(_("{path} is a folder; give a file name").format(path=path))
    if path.exists() and not force:
        raise Conflict(_("{path} already exists; use --force to overwrite it").format(path=path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(_("The folder {folder} does not exist").format(folder=folder))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InvalidInput(
            _("Cannot write in {folder}: {err}").format(folder=folder, err=exc.strerror or exc)
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o600)
        if force:
            os.replace(tmp_name, path)
        else:
            try:
                os.link(tmp_name, path)  # fails if someone created it meanwhile
            except FileExistsError:
                raise Conflict(
                    _("{path} already exists; use --force to overwrite it").format(path=path)
                ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)


def write_output(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` (0600, atomically); refuse to overwrite unless ``force``."""
    with open_output(path, force=force) as handle:
        handle.write(data)


def check_not_other_format(text: str, source: str, expected: str) -> None:
    head = text.lstrip()[:200]
    if VCARD_BEGIN.match(head.split("\n", 1)[0].strip()):
        raise InvalidInput(
            _("{path} is a vCard file, not {what}: try 'nj import vcard'").format(
                path=source, what=expected
            )
        )
    if head.startswith(("{", "[")):
        raise InvalidInput(
            _("{path} looks like JSON, not {what}: try 'nj import json'").format(
                path=source, what=expected
            )
        )
