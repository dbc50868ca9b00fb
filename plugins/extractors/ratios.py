"""Defined ratios a report states with both their terms in one sentence, as ratios to check (NAT-ARITH-013).

    年末在职人员79人，核定编制84名，在职人员控制率94.0%。              (在职人员控制率 = 在职人员 ÷ 编制 × 100%)

A 部门整体 report, and a province's 部门整体 评分表 written out in prose, states such ratios; each has one definition,
the same in every province. A ratio is read only where its sentence names exactly one figure of each term, of the
term's own kind (people for staff, 万元 for money): a sentence with two staff figures of the kind (在职79人，其中在编
74人) or a term stated elsewhere says nothing, because which figure the writer divided by cannot be told. Rates whose
definition varies between provinces (预算调整率, 结转结余率, 三公经费变动率) are not read, nor yet ratios of money
(政府采购执行率): their terms are often stated rounded, and a head count is exact.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .figures import POST_KIND, Token
from .lazyre import guarded
from .sums import label_before


class Ratio(NamedTuple):
    name: str  # as a report names it
    kind: str  # the terms' token kind
    numerator: str  # a pattern a numerator's label ends with (searched in its label)
    denominator: str
    numerator_label: str  # for messages
    denominator_label: str


RATIOS = (
    Ratio("在职人员控制率", "people", r"(?:在职|在岗|实有|在编)(?:人员|人数|职工)?(?:数|总数)?(?:为|达|共)?$",
          r"编制(?:数|人数|总数)?(?:为|共)?$", "在职人员", "编制数"),
)
_NAMES = guarded("|".join(f"(?P<r{k}>{ratio.name})" for k, ratio in enumerate(RATIOS)))
_RATE_GAP = guarded(r"^(?:为|是|达|达到|:|：)?\s*$")
_SENTENCE_MARKS = "。!?！？\n"  # (a semicolon goes on with the sentence: 核定编制84名；…在职人员79人，控制率…)
_LABEL_MARKS = "。;；,，:：、（）()\n"
_LABEL_MAX = 16

# what a rate is said against rather than equal to (控制率不超过100%, 低于…, 上年…): no stated value
_NOT_THE_VALUE = guarded(r"上年|去年|同期|目标|标准|不超过|不高于|不低于|低于|高于|以内|≤|≥|<|>")


def read_ratios(text: str, toks: list[Token]) -> list[dict[str, Any]]:
    """[{label, rate: Token, numerator: Token, denominator: Token, ratio: Ratio}] in text order."""
    out = []
    for m in _NAMES.finditer(text):
        ratio = RATIOS[int((m.lastgroup or "r0")[1:])]
        rate = next((t for t in toks if t.start >= m.end()), None)
        if rate is None or rate.kind != "percent" or not _RATE_GAP.match(text[m.end():rate.start]):
            continue
        start = max(text.rfind(ch, 0, m.start()) for ch in _SENTENCE_MARKS) + 1
        ends = [i for i in (text.find(ch, rate.end) for ch in _SENTENCE_MARKS) if i >= 0]
        end = min(ends) if ends else len(text)
        if _NOT_THE_VALUE.search(text, max(start, m.start() - 6), m.start()) \
                or _NOT_THE_VALUE.search(text, m.end(), rate.start):
            continue
        terms = [t for t in toks if start <= t.start < end and t.kind == ratio.kind]
        numerators = [t for t in terms if guarded(ratio.numerator).search(_label(text, t, start))]
        denominators = [t for t in terms if guarded(ratio.denominator).search(_label(text, t, start))]
        parts_of_denominator = []
        if len(denominators) > 1:  # (行政编制21名、事业编制63名，核定编制84名: the kinds of post are parts of it)
            parts_of_denominator = [t for t in denominators if POST_KIND.search(_label(text, t, start))]
            denominators = [t for t in denominators if t not in parts_of_denominator]
        if len(numerators) != 1 or len(denominators) != 1 or not denominators[0].value:
            continue
        if len(terms) > len(numerators) + len(denominators) + len(parts_of_denominator):
            continue  # (在职人员79人，其中在岗在编74人; 退休人员12人: another figure of the kind, which one is divided unknown)
        if _NOT_THE_VALUE.search(_label(text, numerators[0], start) + _label(text, denominators[0], start)):
            continue  # (上年在职人员…: another year's staff)
        out.append({"label": ratio.name, "rate": rate, "numerator": numerators[0], "denominator": denominators[0],
                    "ratio": ratio})
    return out


def _label(text: str, tok: Token, start: int) -> str:
    """The words just before a figure, back to the previous clause mark, bracket or figure (not before the sentence)."""
    return label_before(text, tok.start, _LABEL_MARKS, _LABEL_MAX, start)
