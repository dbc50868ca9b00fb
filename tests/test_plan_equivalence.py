"""The engine's results, byte for byte, on a few hundred varied reports (bench/equivalence.py makes
them: generated and corpus reports, mutated at rounding boundaries, missing fields, wildcards, wrong
types, other regions and years; Chinese, English, --select and --ignore) against the outputs stored in
tests/data/plan_equivalence/expected.jsonl.gz, which the engine before the compiled plan produced.

A change meant to change results (a pack's rule, a message) rewrites them:
`python bench/equivalence.py store-test`; `python bench/equivalence.py save/compare` runs thousands."""

from __future__ import annotations

import gzip
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import equivalence  # noqa: E402


def test_results_are_byte_identical_to_the_stored_ones():
    with gzip.open(equivalence.TEST_EXPECTED, "rt", encoding="utf-8") as stream:
        expected = stream.read().splitlines()
    assert len(expected) == equivalence.TEST_COUNT
    differing = [(want, got) for want, got in zip(expected, equivalence.outputs(len(expected)), strict=True) if want != got]
    assert not differing, f"{len(differing)} of {len(expected)} differ; first:\n{differing[0][0][:3000]}\n{differing[0][1][:3000]}"
