"""What makes reading prose fast must not change what is read.

- `guarded` regular expressions (plugins/extractors/lazyre.py): a lookahead of the characters a match can
  start with, in front of a pattern Python's engine would otherwise try in full at every position. It must
  never change what a pattern matches: the same matches, spans, groups and group numbers on every text,
  for every pattern the prose reader compiles.
- `nfkc` (plugins/extractors/normalize.py): NFKC by str.replace/translate of the full-width forms first; it
  must equal `unicodedata.normalize("NFKC", …)` on any text."""

from __future__ import annotations

import gc
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from jixiao.engine import Auditor, Options
from jixiao.plugins.extractors.lazyre import first_characters, guarded
from jixiao.plugins.extractors.normalize import nfkc

CORPUS = Path(__file__).resolve().parent / "corpus"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "qinglong-trade-union-2021.txt"


@pytest.mark.parametrize("pattern, starts", [
    (r"(?P<a>部门|单位)|(?P<b>(?<=[\u4e00-\u9fff])(?:经费|工程))", "单工经部"),  # groups and a lookbehind first
    (r"(?<!\d)(?:19|20)\d{2}(?=年)", "12"),
    (r"(?:a|b)?c", "abc"),  # an optional start: what follows it may start the match too
    (r"(?:x*|y)z", "xyz"),  # an alternative that matches nothing, likewise
    (r"\d+元", r"\d"),
    (r"^(?:[一二三]、|\(\d\))", r"\(一三二"),
])
def test_the_characters_a_match_can_start_with(pattern, starts):
    assert first_characters(pattern) == starts


def test_a_long_pattern_is_guarded_by_them():
    words = "|".join(f"(?:{w})" for w in ["部门整体", "单位整体", "本部门", "本单位", "全部门", "全系统"] * 4)
    pattern = rf"(?<![\u4e00-\u9fff])(?:{words})"
    assert len(pattern) >= 100
    assert guarded(pattern).pattern == f"(?=[全单本部])(?:{pattern})"


def test_a_short_pattern_is_compiled_as_written():
    """Working out a short pattern's first characters costs the command line's start more than it saves."""
    assert guarded(r"(?<!\d)(?:19|20)\d{2}(?=年)").pattern == r"(?<!\d)(?:19|20)\d{2}(?=年)"


@pytest.mark.parametrize("pattern, flags", [
    ("上年|去年", 0),  # an alternation of literals: the engine skips to them itself
    ("部门整体", 0),  # a literal
    ("[一二三]、", 0),  # a class
    ("a*", 0),  # matches nothing: a match can start anywhere
    (".x|y", 0),  # any character
    ("[^a]b|c", 0),  # a negated class
    (r"(a)?(?:\1|x)", 0),  # a back reference may come first
    ("(?:ab|cd)", re.IGNORECASE),  # ignore-case: the class would have to hold both cases
    ("(?i)(?:ab|cd)", 0),
    (r"(?m)^(?:a|b)", 0),  # a global inline flag must stay first: compiled as written
    (r"(?<!\d)(?=[\d一二])(?:\d+|[一二]+)", 0),  # guarded by hand already
])
def test_no_guard_where_it_cannot_be_told_or_is_not_needed(pattern, flags):
    assert first_characters(pattern, flags) is None or pattern.startswith("(?m)")  # (that one: told, but cannot be put first)
    assert guarded(pattern, flags).pattern == pattern
    assert guarded(pattern, flags).flags == re.compile(pattern, flags).flags


def _reader_patterns() -> list[re.Pattern[str]]:
    """Every pattern the prose, table and text readers compiled with a guard, once they read the corpus."""
    auditor = Auditor(Options())
    for path in [EXAMPLE, *sorted(CORPUS.glob("*.txt")), *sorted((CORPUS / "published").glob("*.txt"))[:12]]:
        auditor.extract_path(str(path))
    return [p for p in gc.get_objects() if isinstance(p, re.Pattern) and isinstance(p.pattern, str)
            and p.pattern.startswith("(?=[") and "])(?:" in p.pattern]


def _unguarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    source = pattern.pattern
    return re.compile(source[source.index("])(?:") + len("])(?:"):-1], pattern.flags)


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple]:
    return [(m.span(), m.groups(), m.lastgroup) for m in pattern.finditer(text)]


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


_PATTERNS: list[re.Pattern[str]] = []


def _alphabet() -> str:
    if not _PATTERNS:
        _PATTERNS.extend(_reader_patterns())
    chars = {ch for p in _PATTERNS for ch in p.pattern if ch.isprintable()}
    return "".join(sorted(chars | set("0123456789 \n，。：（）%万元年月日")))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_the_readers_patterns_match_as_written_on_random_text(data):
    """Text made of the patterns' own characters (so the alternatives really are tried)."""
    text = data.draw(st.text(alphabet=_alphabet(), max_size=120))
    for pattern in _PATTERNS:
        assert _matches(pattern, text) == _matches(_unguarded(pattern), text), pattern.pattern[:80]


def test_a_guarded_search_is_faster_than_the_pattern_as_written():
    """What the guard is for, measured (not timed against a bound: the ratio is stable, the machine is not)."""
    import timeit

    from jixiao.plugins.extractors import figures

    words = "|".join([figures._OWN_OVERALL, figures._OWN_PROJECTS, figures._FOREIGN_SUBJECT])
    text = EXAMPLE.read_text(encoding="utf-8")
    fast, slow = guarded(words), re.compile(words)
    assert _matches(fast, text) == _matches(slow, text)
    guarded_time = min(timeit.repeat(lambda: _matches(fast, text), number=5, repeat=5))
    plain_time = min(timeit.repeat(lambda: _matches(slow, text), number=5, repeat=5))
    assert guarded_time < plain_time / 1.5, (guarded_time, plain_time)


# full-width forms, the ideographic space, Hangul jamo and combining marks (which compose with what a
# full-width form becomes: Ａ + U+0301 is Á), CJK, ASCII, and anything else
_NFKC_TEXT = st.text(alphabet=st.one_of(
    st.sampled_from("，：；（）％０１９ＡＺａｚ￥～\u3000\u0301\u0308\u0327\u1100\u1161\u11a8绩效预算执行率万元"),
    st.characters(min_codepoint=0xFF00, max_codepoint=0xFFEF),
    st.characters(codec="utf-8")), max_size=40)


@settings(max_examples=400, deadline=None)
@given(_NFKC_TEXT)
def test_nfkc_is_unicodes_nfkc(text):
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_nfkc_of_report_lines():
    for path in [EXAMPLE, *sorted((CORPUS / "published").glob("*.txt"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            assert nfkc(line) == unicodedata.normalize("NFKC", line), line
