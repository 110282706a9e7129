"""CSV export cannot be turned into spreadsheet formulas by a hostile contact."""

from __future__ import annotations

import csv
import io

from tests.conftest import NJ


def test_formula_cells_are_neutralised_but_phones_kept(nj: NJ) -> None:
    nj(
        "person",
        "add",
        '=HYPERLINK("http://evil","x")',
        "--phone",
        "+62 812-3456 789",
        "--org",
        "@SUM(1+1)",
        "--role",
        "-2+3+cmd|' /C calc'!A0",
    )
    rows = list(csv.DictReader(io.StringIO(nj("export", "csv").stdout)))
    assert rows[0]["name"].startswith("'=HYPERLINK")
    assert rows[0]["org"] == "'@SUM(1+1)"
    assert rows[0]["role"].startswith("'-2+3")
    assert rows[0]["phone"] == "+62 812-3456 789"
