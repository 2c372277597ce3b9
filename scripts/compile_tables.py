"""Write ``src/arnews/data/tables.json``: every TOML table of ``src/arnews/data``, parsed.

Run it after editing a TOML data file (``python scripts/compile_tables.py``);
until then arnews reads that table from its TOML source, a little slower,
and ``tests/test_data.py`` fails. See :mod:`arnews._data`.
"""

from __future__ import annotations

import pathlib
import sys

from arnews._data import COMPILED_TABLES, compile_tables

DATA = pathlib.Path(__file__).resolve().parent.parent / "src" / "arnews" / "data"


def main() -> int:
    """Write the compiled tables and say which."""
    sources = {path.stem: path.read_text(encoding="utf-8") for path in sorted(DATA.glob("*.toml"))}
    (DATA / COMPILED_TABLES).write_text(compile_tables(sources), encoding="utf-8")
    print(f"wrote {DATA / COMPILED_TABLES}: {len(sources)} tables ({', '.join(sources)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
