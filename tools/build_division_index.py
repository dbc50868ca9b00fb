"""Write `core/data/divisions.index.json`, the gazetteer's name index prebuilt from `core/data/divisions.tsv`
(a developer tool; jixiao never runs it). Run it after rebuilding divisions.tsv or changing how
`jixiao.gazetteer` indexes names:

    .venv/bin/python tools/build_division_index.py            # rewrites core/data/divisions.index.json
    .venv/bin/python tools/build_division_index.py --check    # exit status 1 when the file is stale

The file records the data file's sha256: jixiao uses it only with exactly that data file (and otherwise
builds the index at first use, as before), and `tests/test_gazetteer.py` fails when it is not what this
script would write.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jixiao.gazetteer import DATA_FILE, INDEX_FILE, index_text

DATA = Path(__file__).resolve().parent.parent / "core" / "data"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only say whether the file is up to date")
    args = parser.parse_args()
    wanted = index_text((DATA / DATA_FILE).read_bytes())
    target = DATA / INDEX_FILE
    current = target.read_text(encoding="utf-8") if target.exists() else None
    if args.check:
        if current != wanted:
            print(f"{target} is stale: run python {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    if current != wanted:
        target.write_text(wanted, encoding="utf-8", newline="\n")
        print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
