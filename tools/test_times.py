"""How long each test file took, from a pytest JUnit XML report (a developer tool; CI prints it after the tests).

    python -m pytest --junitxml=/tmp/junit.xml && python tools/test_times.py /tmp/junit.xml

With pytest-xdist's `--dist loadfile` a file runs on one worker from start to end, so the slowest file bounds the
suite's time however many cores there are: this lists the files by their whole time (every test's setup, call and
teardown, a module fixture's setup counted in its first test), so the next person sees what to split or trim when CI
nears its 10 minutes.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from xml.etree import ElementTree


def file_times(path: str) -> list[tuple[float, str, int]]:
    """(seconds, test file, tests) for each file, slowest first."""
    seconds: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for case in ElementTree.parse(path).getroot().iter("testcase"):
        parts = (case.get("classname") or "?").split(".")  # tests.test_x, tests.test_x.TestClass
        name = parts[1] if parts[0] == "tests" and len(parts) > 1 else parts[0]
        seconds[name] += float(case.get("time") or 0)
        counts[name] += 1
    return sorted(((s, f"tests/{name}.py", counts[name]) for name, s in seconds.items()), reverse=True)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    times = file_times(argv[0])
    total = sum(s for s, _, _ in times)
    print(f"test files by time ({total:.0f} s in all; with --dist loadfile the slowest file bounds the run):")
    for s, name, count in times[:12]:
        print(f"  {s:7.1f} s  {name}  ({count} tests)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
