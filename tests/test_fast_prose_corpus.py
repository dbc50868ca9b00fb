"""`guarded` patterns match as written on every published corpus text (see test_fast_prose.py): the suite's longest
test (about 75 s on CI's machine), in a file of its own so that pytest-xdist (`--dist loadfile`) can run it beside the
rest of test_fast_prose on the other core."""

from __future__ import annotations

from test_fast_prose import CORPUS, EXAMPLE, _matches, _reader_patterns, _unguarded


def test_the_readers_patterns_match_as_written_on_every_corpus_text():
    patterns = _reader_patterns()
    assert len(patterns) >= 5, len(patterns)  # the subject words, the figures' kinds, chrome, outline…
    texts = [EXAMPLE.read_text(encoding="utf-8"),
             *(p.read_text(encoding="utf-8") for p in sorted((CORPUS / "published").glob("*.txt")))]
    for pattern in patterns:
        plain = _unguarded(pattern)
        assert plain.groupindex == pattern.groupindex and plain.groups == pattern.groups
        for text in texts:
            assert _matches(pattern, text) == _matches(plain, text), pattern.pattern[:80]
            for line in text.splitlines()[:80]:  # and anchored, as the readers use them line by line
                for m, n in ((pattern.match(line), plain.match(line)),):
                    assert (m and (m.span(), m.groups())) == (n and (n.span(), n.groups())), pattern.pattern[:80]
