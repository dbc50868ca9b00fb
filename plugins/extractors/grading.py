"""The grade standard a report says it grades by, where it states one (/grading), so grades are checked by it.

    自评得分95分（含）以上为“优秀”，85分（含）—95分为“良好”，60分（含）—85分为“合格”，60分以下为“不合格”。
    优秀（≥95分）、良好（85—95分）、合格（60—85分）、不合格（<60分）
    总分90分以上且效益指标得分率不低于80%的为“优”；…                    (a condition beyond the score)

Provinces, cities and counties set their own bands in their 绩效自评管理办法; a report graded by them is right by them,
and wrong by the national 90/80/60 only in appearance. A sentence that states three or more bands is the standard: its
bands are read (`bands`: each grade as written and its inclusive lower bound, none for the lowest). A standard that
grades by more than the score (且, 同时, 得分率, 执行率, 复核) cannot be applied from the score alone: it is read as
`conditional`, and no grade is checked against a score by it; so is a report stating two standards that differ.
Nothing is guessed: a standard that states fewer than
three bands, or none that can be read, is left unread.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .lazyre import guarded

_GRADES = r"优秀|良好|合格|不合格|中等|较差|较好|一般|优|良|中|差|好|低"
_NUMBER = r"(?<![\d.])\d+(?:\.\d+)?"  # (from a run's first digit only: a long run of digits is tried once, not at each)
# 95分（含）以上为“优秀”; 85分（含）—95分为“良好”; 60分以下为“不合格”; 90分以上（含90分）为“好”
_BAND = guarded(rf"(?P<min>{_NUMBER})\s*分\s*(?:[（(]含(?:\s*{_NUMBER}\s*分)?[）)])?\s*"
                rf"(?P<how>(?:及|或)?以上|(?:及|或)?以下|不含|[—–\-－~～至到]\s*{_NUMBER}\s*分?(?:[（(]不?含[^）)]{{0,6}}[）)])?)\s*"
                rf"(?:[（(]含\s*{_NUMBER}\s*分[）)])?\s*(?:的)?(?:为|评为|定为|属于|是|的为)\s*[“\"‘]?(?P<g>{_GRADES})(?![\u4e00-\u9fff])")
# 优秀（≥95分）、良好（85—95分）、不合格（<60分）; 优（90分及以上）、差（60分以下）
_NAMED = guarded(rf"[“\"‘]?(?P<g>{_GRADES})[”\"’]?\s*[（(]\s*(?P<op>≥|>=|＞|>|<|＜|≤|<=)?\s*(?P<min>{_NUMBER})\s*分?"
                 rf"\s*(?P<to>[—–\-－~～至到]\s*{_NUMBER}\s*分?)?\s*(?P<how>(?:及|或)?以上|(?:及|或)?以下)?\s*[）)]")
_CONDITION = guarded(r"且|同时|并且|但|得分率|执行率|复核")
_STANDARD_WORDS = guarded(r"等级|分档|评定|标准|划分")
_SENTENCE_END = "。\n"  # (a standard's bands and its conditions run on over semicolons: …为“优”；…以复核得分确定评价等级。)


def read_grading(text: str) -> tuple[dict[str, Any], tuple[int, int]] | None:
    """({bands: [{grade, min}], conditional}, the standard's span) for the first sentence stating three or more
    bands (or a standard with a condition beyond the score); None where the report states none. Two standards that
    differ (the projects' five grades, the department form's formula under it) leave which grades which unknown: the
    first is read as conditional."""
    found: list[tuple[dict[str, Any], tuple[int, int]]] = []
    start = 0
    while start < len(text):
        ends = [i for i in (text.find(ch, start) for ch in _SENTENCE_END) if i >= 0]
        end = min(ends) if ends else len(text)
        standard = _standard(text[start:end])
        if standard is not None:
            found.append((standard, (start, end)))
        start = end + 1
    if not found:
        return None
    first, span = found[0]
    if any(other != first for other, _ in found[1:]):
        first = {**first, "conditional": True}
    return first, span


def _standard(sentence: str) -> dict[str, Any] | None:
    if not _STANDARD_WORDS.search(sentence) and len(_BAND.findall(sentence)) < 3:
        return None
    bands: list[dict[str, Any]] = []
    matches = [*_BAND.finditer(sentence), *_NAMED.finditer(sentence)]
    for m in matches:
        value = Decimal(m.group("min"))
        lowest = "以下" in (m.group("how") or "") or (m.groupdict().get("op") or "") in ("<", "＜", "≤", "<=")
        band = {"grade": m.group("g"), "min": None if lowest else value}
        if not any(b["grade"] == band["grade"] for b in bands):
            bands.append(band)
    # (the condition is the standard's own: from its first band on; 1.执行率＝全年执行数÷全年预算数；…3.自评等级：90分（含）
    # 以上为优… states the rate's formula before the bands, no condition of theirs)
    first = min((m.start() for m in [*matches, *_BOUND_BEFORE_GRADE.finditer(sentence)]), default=0)
    conditional = bool(_CONDITION.search(sentence, max(0, first - 12))) and any(g in sentence for g in ("优", "良", "好", "合格"))
    if len(bands) < 3 and not (conditional and bands):
        return None
    bands.sort(key=lambda b: b["min"] if b["min"] is not None else Decimal("-Infinity"), reverse=True)
    if sum(1 for b in bands if b["min"] is None) > 1:
        return None  # (two lowest bands: not one standard read right)
    return {"bands": bands, "conditional": conditional}


_BOUND_BEFORE_GRADE = guarded(rf"{_NUMBER}\s*分\s*(?:[（(]含[^）)]{{0,8}}[）)])?\s*(?:(?:及|或)?以上|(?:及|或)?以下|[—–\-－~～至到]\s*{_NUMBER}\s*分?)")


_GIVEN = guarded(r"标准|等级|评价为|评定为|确定为|定为")
_ASIDE = guarded(r"[（(][^（）()]*[）)]")
_SCORE_STATED = guarded(rf"{_NUMBER}\s*分(?!\s*(?:[（(]含|(?:及|或)?以上|(?:及|或)?以下|[—–\-－~～至到]|的))")


def states_bands(text: str) -> bool:
    """Whether the grade `text` (a sentence up to a grade) ends on is a band of a standard (总分90分（含）以上，且…的，
    评为“优”; 60分以下为“差”), not a grade given: a band's bound before it, and no score stated after that bound (按照
    90分（含）以上为优秀…的标准，自评得分87.62分，评价等级为“优秀”: the score's grade)."""
    bounds = [*_BAND.finditer(text), *_BOUND_BEFORE_GRADE.finditer(text)]
    if not bounds:
        return False
    last = max(m.end() for m in bounds)
    after = _ASIDE.sub("", text[last:])  # (效益指标得分÷效益指标分值30分×100%: no score)
    # (…60分以下为不合格的评价标准，本项目评价等级为“合格”: the standard named, then the grade given)
    return _SCORE_STATED.search(after) is None and not _GIVEN.search(after)


# The scale a report says its forms are scored on, where it says so (/grading/full_marks):
#     本县项目支出绩效自评实行110分制   本表实行110分制   自评总分98.62分（满分110分）   自评表满分100分
# A section's own maximum (部门决策18.50分（满分20分）, 预算执行率得分9.60分（满分10分）) is not the scale.
_SCALE = guarded(r"(?<![\d.])(?P<n>\d{2,3})\s*分制")
_FULL_MARKS = guarded(r"(?:总分|总分值|自评表|评价表|评分表|本表)(?:[^。；;，,\n（(]{0,4})?[（(]?\s*满分(?:值)?(?:为|是)?\s*"
                      r"(?P<n>\d{2,3})\s*分")
_SCORED_TOTAL = guarded(rf"(?:自评)?总分(?:为|是)?\s*{_NUMBER}\s*分\s*[（(]\s*满分\s*(?P<n>\d{{2,3}})\s*分\s*[）)]")


def read_full_marks(text: str) -> tuple[Decimal, tuple[int, int]] | None:
    """(the full marks, where the first statement of them stands) where the report states the scale its forms are
    scored on (110分制; 总分…（满分110分）; 自评表满分100分) and every statement of it agrees; None where it states none,
    or two that differ (which one scores which form is then unknown)."""
    found: list[tuple[Decimal, tuple[int, int]]] = []
    for pattern in (_SCALE, _FULL_MARKS, _SCORED_TOTAL):
        for m in pattern.finditer(text):
            found.append((Decimal(m.group("n")), m.span()))
    found = [(value, span) for value, span in found if value >= 100]  # (满意度10分制: a survey's scale, not the form's)
    if not found or len({value for value, _ in found}) > 1:
        return None
    return min(found, key=lambda f: f[1])
