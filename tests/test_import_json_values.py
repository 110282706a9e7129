"""A value of a type nobody checks, in any field of a netjournal document: one clear error.

Found by the importer fuzz run in CI (an integer beyond 64 bits in a person's
"id" or an event's "place" was 'Internal error (OverflowError)').
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import NJ, table_counts


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("doc")
    nj = NJ(folder / "demo.db")
    nj("demo")
    out = folder / "export.json"
    nj("export", "json", "-o", str(out))
    return dict(json.loads(out.read_text(encoding="utf-8")))


@pytest.mark.parametrize("value", [10**30, [1, 2], {"a": 1}], ids=["huge", "list", "object"])
def test_any_field_of_any_section(
    value: Any, document: dict[str, Any], fresh_nj: NJ, tmp_path: Path
) -> None:
    sections = [k for k, v in document.items() if isinstance(v, list) and v]
    for section in sections:
        for key in document[section][0]:
            doc = copy.deepcopy(document)
            doc[section][0][key] = value
            path = tmp_path / "x.json"
            path.write_text(json.dumps(doc), encoding="utf-8")
            result = fresh_nj("import", "json", str(path), ok=False)
            assert "Internal error" not in result.stderr, (section, key, result.stderr)
            if result.exit_code != 0:
                assert result.stderr.startswith("Error:"), (section, key, result.stderr)
                assert len(result.stderr.strip().splitlines()) == 1, (section, key)
                if fresh_nj.db.exists():
                    assert table_counts(fresh_nj.db)["people"] == 0, (section, key)
            else:
                fresh_nj.db.unlink()
                for extra in ("-wal", "-shm"):
                    Path(f"{fresh_nj.db}{extra}").unlink(missing_ok=True)
