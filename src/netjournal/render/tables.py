"""Tables of records: a Rich table on a terminal, plain aligned rows in a pipe.

A list of 10,000 rows must print in well under a second in a pipe, and a Rich
table of that size takes many seconds (every cell is measured and wrapped). So
:func:`print_table` writes plain rows when stdout is not styled: the same
columns, the same three-space gaps and the same header rule as the Rich table,
without importing Rich, one record per line (cells never wrap; newlines and
tabs in a value become spaces, so ``grep`` and ``cut`` see whole records). On a
terminal it prints a Rich table of at most ``limit`` rows and says how many
more there are and how to see them.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from netjournal.render.console import Msg, out

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

#: A table cell: our own text (a str), or a message holding user text.
Cell = str | Msg

#: Rows shown on a terminal unless ``--limit`` says otherwise.
TERMINAL_LIMIT = 50


@dataclass(frozen=True)
class Column:
    header: str
    no_wrap: bool = False


def table(*columns: str, title: str | None = None) -> Table:
    """An empty Rich table in the house style (no edges, a rule under the header)."""
    from rich import box
    from rich.table import Table

    tbl = Table(
        box=box.SIMPLE_HEAD, title=title, title_justify="left", show_edge=False, pad_edge=False
    )
    for column in columns:
        tbl.add_column(column, overflow="fold")
    return tbl


def cell_width(text: str) -> int:
    """Terminal columns taken by ``text`` (wide East Asian characters count 2)."""
    if text.isascii():
        return len(text)
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _plain(cell: Cell) -> str:
    text = cell.plain if isinstance(cell, Msg) else cell
    if "\n" in text or "\t" in text or "\r" in text:
        text = " ".join(text.replace("\t", " ").splitlines())
    return text


def plain_lines(columns: Sequence[Column], rows: Sequence[Sequence[Cell]]) -> list[str]:
    """Header, rule and rows, aligned as Rich aligns a table that fits (no wrapping)."""
    texts = [[_plain(cell) for cell in row] for row in rows]
    headers = [c.header for c in columns]
    cells = [[(text, cell_width(text)) for text in row] for row in [headers, *texts]]
    widths = [max(row[i][1] for row in cells) for i in range(len(columns))]

    def fmt(row: list[tuple[str, int]]) -> str:
        return "   ".join(text + " " * (widths[i] - w) for i, (text, w) in enumerate(row))

    total = sum(widths) + 3 * (len(widths) - 1)
    return [fmt(cells[0]).rstrip(), "─" * total, *(fmt(row) for row in cells[1:])]


def _rich_cell(cell: Cell) -> Text | str:
    return cell.__rich__() if isinstance(cell, Msg) else cell


def print_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    *,
    footer: str,
    styled: bool,
    limit: int | None,
    more: str,
) -> None:
    """Print ``rows`` (Rich when ``styled``, plain rows otherwise), then the footer.

    ``limit`` caps the rows shown (None: all); the rows left out are announced
    by ``more`` (formatted with ``n``), on its own line under the table.
    """
    shown = rows if limit is None else rows[:limit]
    hidden = len(rows) - len(shown)
    if not styled:
        lines = plain_lines(columns, shown)
        if hidden > 0:
            lines.append(more.format(n=hidden))
        lines.append(footer)
        write = sys.stdout.write
        for start in range(0, len(lines), 1000):
            write("".join(line + "\n" for line in lines[start : start + 1000]))
        return
    tbl = table(*(c.header for c in columns))
    for i, column in enumerate(columns):
        tbl.columns[i].no_wrap = column.no_wrap
    for row in shown:
        tbl.add_row(*(_rich_cell(cell) for cell in row))
    console = out()
    console.print(tbl)
    if hidden > 0:
        console.print(more.format(n=hidden), style="dim", markup=False, highlight=False)
    console.print(footer, style="dim", markup=False, highlight=False)


def print_empty(message: str) -> None:
    """The one line a list prints when it has nothing to show."""
    sys.stdout.write(message + "\n")
