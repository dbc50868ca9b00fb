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
from jixiao.plugins.extractors.lazyre import _compile_guarded, first_characters, guarded
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
    """Every pattern the prose, table and text readers compile with a guard (each compiled here, whether or not
    the corpus reached it: they compile on first use), once they read the corpus."""
    auditor = Auditor(Options())
    for path in [EXAMPLE, *sorted(CORPUS.glob("*.txt")), *sorted((CORPUS / "published").glob("*.txt"))[:12]]:
        auditor.extract_path(str(path))
    waiting = [p for p in gc.get_objects() if type(p).__name__ == "_LazyPattern"]
    own = [p for p in waiting if p._keep]
    assert len(own) >= 90, len(own)  # every reader's pattern, used or not
    # and some built from one document's words (a project's name): as many are alive as the cache keeps (512),
    # all alike, from whatever ran before in this process; ten are enough and keep the tests' time the same
    # whatever ran before (on CI's long-lived workers all of them made this file take 2 minutes, not 15 s)
    built = sorted((p for p in waiting if not p._keep), key=repr)[:10]
    assert built, "no pattern built from a document's words"
    compiled = [_compile_guarded(*p._source, keep=p._keep) for p in [*own, *built]]
    return list({(p.pattern, p.flags): p for p in compiled if p.pattern.startswith("(?=[") and "])(?:" in p.pattern}.values())


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


# -- compiled patterns kept between runs (lazyre._CompiledCache) --------------------------------------------
def _fresh_cache(monkeypatch, folder):
    from jixiao.plugins.extractors import lazyre

    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(folder))
    monkeypatch.delenv("JIXIAO_NO_CACHE", raising=False)
    return lazyre._CompiledCache()


def test_a_pattern_from_the_cache_is_the_one_re_compile_gives(monkeypatch, tmp_path):
    """Every reader pattern, compiled the cache's way, saved, and built again from the file by a new cache (as
    the next run does): equal to re.compile's (pattern, flags and code), and matching the same on the corpus."""
    sources = [(p.pattern, p.flags) for p in _reader_patterns()] + [(r"(?P<y>\d{4})年(?P<m>\d{1,2})月", 0)]
    cache = _fresh_cache(monkeypatch, tmp_path)
    for k, (source, flags) in enumerate(sources):
        assert cache.compile(f"{k}", source, flags) == re.compile(source, flags)
    cache.save()
    [saved] = (tmp_path / "regex").glob("re-*.json")
    assert not list((tmp_path / "regex").glob(".*.tmp"))
    again = _fresh_cache(monkeypatch, tmp_path)
    text = EXAMPLE.read_text(encoding="utf-8")
    for k, (source, flags) in enumerate(sources):
        built = again.get(f"{k}")
        plain = re.compile(source, flags)
        assert built is not None and built == plain and built.groupindex == plain.groupindex, source[:80]
        assert _matches(built, text) == _matches(plain, text)
    assert saved.stat().st_size > 1000


def test_a_damaged_cache_is_not_used(monkeypatch, tmp_path):
    cache = _fresh_cache(monkeypatch, tmp_path)
    cache.compile("a", r"(?P<n>\d+)万元", 0)
    cache.save()
    [saved] = (tmp_path / "regex").glob("re-*.json")
    entries = __import__("json").loads(saved.read_text(encoding="utf-8"))
    entries["a"][2] = [999, 1, 2]  # code _sre refuses
    saved.write_text(__import__("json").dumps(entries), encoding="utf-8")
    assert _fresh_cache(monkeypatch, tmp_path).get("a") is None
    saved.write_text("{not json", encoding="utf-8")
    damaged = _fresh_cache(monkeypatch, tmp_path)
    assert damaged.get("a") is None
    assert damaged.compile("a", r"(?P<n>\d+)万元", 0).search("共12万元").group("n") == "12"


def test_no_cache_is_written_when_caching_is_off(monkeypatch, tmp_path):
    cache = _fresh_cache(monkeypatch, tmp_path)
    monkeypatch.setenv("JIXIAO_NO_CACHE", "1")
    assert cache.compile("a", r"\d+元", 0).search("12元")
    cache.save()
    assert not (tmp_path / "regex").exists()


def test_the_command_line_writes_the_cache_once_and_then_reads_it(tmp_path):
    """The real command line, twice, in a fresh cache folder: the first run writes the file, the second finds
    every pattern in it (learns none: the file is not rewritten) and prints the same."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, JIXIAO_CACHE_DIR=str(tmp_path))
    env.pop("JIXIAO_NO_CACHE", None)
    run = [str(Path(sys.executable).with_name("jixiao")), "check", str(EXAMPLE), "--format", "json"]
    first = subprocess.run(run, capture_output=True, text=True, env=env)
    [saved] = (tmp_path / "regex").glob("re-*.json")
    written = saved.stat().st_mtime_ns
    second = subprocess.run(run, capture_output=True, text=True, env=env)
    assert first.stdout == second.stdout and first.returncode == second.returncode == 0
    assert saved.stat().st_mtime_ns == written


def test_a_pattern_built_from_one_documents_words_is_not_kept(monkeypatch, tmp_path):
    """The subject words of a report about one project name it (its title's name): such a pattern is compiled as
    any other but not kept, so the cache holds jixiao's own patterns only and stays small, whatever was read."""
    from jixiao.plugins.extractors import lazyre

    cache = _fresh_cache(monkeypatch, tmp_path)
    monkeypatch.setattr(lazyre, "_COMPILED", cache)
    for name in ("甲项目", "乙项目", "丙项目"):
        assert lazyre.guarded(f"(?P<named>{name})|(?P<own>本项目|该项目)", keep=False).search(f"完成{name}")
    assert lazyre.guarded(r"(?P<kept>年初预算|全年预算)[^，]{0,3}").search("全年预算")
    assert [key.split(":", 1)[1] for key in cache._entries] == [r"(?P<kept>年初预算|全年预算)[^，]{0,3}"]


# -- an alternation searched in parts (finditer_alternation) ----------------------------------------------------
_PIECES = ["上年", "上年度", "项目", "项目支出", "本项目", "县局", "局", "年度", "20\\d\\d年", "(?<=年)预算", "支出(?!率)"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4, unique=True), min_size=1, max_size=4),
       st.text(alphabet="上年度项目支出本县局预算率2021的，", max_size=60))
def test_an_alternation_searched_in_parts_matches_as_the_whole_pattern(groups, text):
    """finditer over A|B|C (each part a named group of alternatives) gives what finditer over the parts searched one by
    one and merged gives: the same spans, the same winning group, overlaps and ties decided alike."""
    from jixiao.plugins.extractors.lazyre import finditer_alternation

    parts = [f"(?P<g{k}>{'|'.join(words)})" for k, words in enumerate(groups)]
    whole = [(m.span(), m.lastgroup) for m in re.finditer("|".join(parts), text)]
    apart = [(m.span(), m.lastgroup) for m in finditer_alternation([re.compile(p) for p in parts], text)]
    assert apart == whole


def test_the_subject_words_are_found_as_one_pattern_would_find_them():
    """The report's own name and its department's name, searched apart from the constant subject words, mark the same
    subjects as the one alternation that held them all."""
    from jixiao.plugins.extractors import figures
    from jixiao.plugins.extractors.lazyre import finditer_alternation

    text = ("2024年度湄潭县林业局整体支出：上年结转12万元，湄潭县林业局年初预算300万元，项目支出200万元；上年同期执行率90%。"
            "其中，本项目资金50万元，“护林员”项目经费8万元，2022、2023年分别为6万元、7万元。")
    department = re.escape("湄潭县林业局") + r"(?=[（(，,、的在全年实共整部本及和各：:\d]|$)"
    whole = re.compile(f"(?P<carry>{figures._CARRIED})|(?P<own>{figures._OWN_OVERALL}|{figures._OWN_PROJECTS}|{department})"
                       f"|(?P<foreign>{figures._FOREIGN_SUBJECT}|{figures._FOREIGN_ITEM}|{figures._PROJECT_SUBSET})"
                       f"{figures._OTHER_THAN_SUBJECTS}")
    parts = [figures._OWN_DEPARTMENT, re.compile(f"(?P<own>{department})"), figures._OTHER_SUBJECTS]
    expected = [(m.span(), m.lastgroup) for m in whole.finditer(text)]
    assert [(m.span(), m.lastgroup) for m in finditer_alternation(parts, text)] == expected
    assert ((text.index("湄潭县林业局年初"), text.index("年初")), "own") in expected  # the department by its name
    assert len({group for _, group in expected}) >= 5
