"""Totals stated with their parts, wherever a report states them, as sums to check (NAT-ARITH-011).

    总支出1843.20万元，其中：专项资金512.40万元，财政资金1330.80万元。       (其中 / 包括 / 分别为 after the total)
    全年预算2,400.00万元，资金来源分别为市级财政预算安排1,600.00万元、…      (资金来源 / 构成 分别为 likewise)
    下达资金合计2,846.00万元，分别为：森林资源管护1,230.00万元、…           (the same with 合计 in the total's label)
    人员经费3,561.89万元，公用经费724.38万元，合计4,286.27万元。           (合计 / 共计 / 总计 after the parts)
    安排资金2,600.00万元，具体如下：  1.…960.00万元；  2.…               (parts in the numbered items that follow)

Each sum keeps its own subject (the total's label: 总支出, 专项资金…), never the department's: a list about a
fund is checked as that fund's list. Only amounts (万元, 元) are summed; a list with fewer than two parts, a part
with a percentage or a count beside it, or a list that runs into another total is not read.

A figure stated approximately (约1,100万元, 近3,000万元, 1,100万元左右) keeps the precision it is stated to: its last
significant digit (约1,100 is 1.1E+3, every value from 1,050 to 1,150), so a total that no rounding of the parts
can give is still found and one that rounds to them is not. A bound (逾/超过/不足…万元, …万元以上) says no sum.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

from .figures import _CHANGE_VERB, _PER_UNIT, GARBLED, Token, tokens
from .lazyre import guarded, lazy

_OPEN = guarded(r"^[,，:：]?\s*(?:其中|包括|分别为|分别是|具体为|具体是|构成为|其构成为"
                r"|按?(?:资金)?(?:来源|构成|组成)分?[,，:：]?(?:分别)?(?:为|是))\s*[:：]?")  # (…，资金来源分别为…)
_OPEN_ITEMS = guarded(r"^[,，]?\s*(?:具体如下|具体情况如下|明细如下|分配如下|安排如下|分别如下)\s*[:：]\s*$")
_CLOSE = guarded(r"(?:合计|共计|总计|总额为|总共|累计)(?:为|达|是)?(?:约|大约|近)?\s*$")
# an amount stated approximately (约1,100万元, 1,100万元左右) or only as a bound (逾1,000万元, 1,000万元以上)
_ABOUT_BEFORE = guarded(r"(?:约|大约|近|接近|约为|大概)$")
_ABOUT_AFTER = guarded(r"左右")  # (used with match(text, pos): no ^)
_BOUND_BEFORE = guarded(r"(?:逾|超过|超|不足|不到|不少于|不低于|不超过|多于|少于|高于|低于)$")
_BOUND_AFTER = guarded(r"以上|以下|以内|之内")
_STOP = "。;；!?！？\n"
_PART_GAP = guarded(r"^[,，、和及与以及]{0,2}$|^[,，、]?(?:以及|和|及|与)?[^,，、。;；:：\d]{0,24}$")
_ITEM = lazy(r"^(?:\d{1,2}[.、．]|[（(]\d{1,2}[)）]|[①-⑳]|[一二三四五六七八九十][、.])")
# a comparison with another period after the parts: 较上年…, 比上年…, 同比…, 与上年相比…
# (…，较上年…; …，比预算节约6.74万元: against another year or against the budget, not a part)
_COMPARED = guarded(r"[,，;；]\s*(?:较|比|同比|与)(?:上年|去年|上一年|\d{4}年|年初预算|预算)")
_NESTED = guarded(r"其中|包括|分别")
_SEPARATED = guarded(r"[,，、;；/\n]|和|及|与|加|另|还有")  # (what stands between two parts: one of these somewhere)
_RANGE_TO = guarded(r"\d\s*(?:—|–|－|-|～|~|至|到)\s*$")  # the gap before an amount that closes a range (0.5—0.8万元)
# (…，其中上年结转…，实际支出…: another figure; …，其中A、B，结余7.70万元: what is left of the budget, no part)
# (not 上年结转和结余, 结转结余: a source of the year's income, one of its parts)
_NEW_TOTAL = guarded(r"调整后|全年预算|年初预算|预算总额|合计|总计|实际支出|执行数|全年执行|实际执行|执行金额|已支出|支付数|决算数|(?<!结转)(?<![和及])[结节]余|未执行|未支出|剩余")
_BRACKETED = re.compile(r"^[（(][^（()）]*[）)]")
# what a closing total's label may say besides 合计 without naming a subject of its own (以上两项合计, 资金合计)
_SAYS_NOTHING = guarded(r"以上|上述|前述|[两二三四五六七八九十\d]+[项批笔类个部]|各项|全部|总|共|[\s,，、]")
_STOCK = guarded(r"资产|负债|净资产|所有者权益|存款|余额")
# the list names some of the total's parts only (…、百渡村25,920元，其余村按管护里程核定发放; …25.92万元等): not a sum
_SOME_ONLY = guarded(r"^\s*(?:等|[,，;；]\s*(?:其余|其他各|剩余|余下|另有|另外还有))")
# a fund's income (社会保险基金、政府性基金): its 其中 names the main sources (个人缴费、政府补贴), leaving out 利息, 转移收入…
_FUND_INCOME = guarded(r"基金.{0,10}收入")
_LABEL_MAX = 24


def read_sums(text: str, toks: list[Token] | None = None) -> list[dict[str, Any]]:
    """The sums a report states: [{label, total: Token, parts: [(label, Token)], marker}], in text order.
    `toks`: the text's value tokens where already read."""
    toks = tokens(text) if toks is None else toks
    amounts = [t for t in toks if t.kind == "amount"]
    out: list[dict[str, Any]] = []
    used: set[int] = set()
    for total in amounts:
        if (inner := _bracketed_parts(text, amounts, total)) is not None:
            # (补助资金1,846.20万元（其中：中央补助1,218.40万元、省级补助386.30万元、县级配套251.50万元）: a part's own
            # 其中 in brackets, whether or not the part is one of a list itself)
            found = _sum(text, total, inner, "其中")
            if found is not None:
                out.append(found)
        if total.start in used:
            continue
        if _bound(text, total):
            continue  # (超过1,000万元，其中…: a bound, no total)
        if _CHANGE_VERB.search(_label(text, total)):
            continue  # a difference (较年初预算42.00万元节约5.16万元，其中…): the 其中 after it parts the figure compared
        if _STOCK.search(_label(text, total)):
            continue  # a balance (资产总额…，其中固定资产…、在建工程…): its 其中 names some of its items, not all
        tail = text[total.end: total.end + 12]
        opener = _OPEN.match(tail)
        if opener:
            parts = _parts_after(text, toks, total, total.end + opener.end())
            if parts and _some_of_a_funds_income(text, total, parts):
                continue
            _add(out, used, text, total, parts, opener.group().strip(",，:： "))
            continue
        if _OPEN_ITEMS.match(text[total.end: text.find("\n", total.end) if "\n" in text[total.end:] else len(text)]):
            parts = _parts_in_items(text, toks, total)
            _add(out, used, text, total, parts, "具体如下")
            continue
        if _CLOSE.search(_label(text, total)):
            parts = _parts_before(text, toks, total)
            _add(out, used, text, total, parts, "合计")
    out.extend(_sources_of_the_total_before(text, toks, amounts, used))
    out.extend(_uses_of_the_spending_before(text, toks, amounts, used))
    return sorted(out, key=lambda found: found["total"].start)


# a sentence on the figure stated just before it (全年预算52,170.46万元。全年预算中，…；按资金来源分别为…; 全年预算按资金来源分别为：…)
_OF_THE_TOTAL = guarded(r"(?:^|(?<=[。\n]))[\s　]*(?P<what>全年预算|年初预算|调整后预算|全年支出|实际支出)(?:中[,，]|(?=按(?:资金)?来源))")
_BY_SOURCE = guarded(r"按?(?:资金)?来源分?[,，:：]?(?:分别)?(?:为|是)[:：]?")


def _sources_of_the_total_before(text: str, toks: list[Token], amounts: list[Token], used: set[int]) -> list[dict[str, Any]]:
    """全年预算…万元。全年预算中，基本支出…；按资金来源分别为A、B、C (or …。全年预算按资金来源分别为：A、B、C): the sources
    add up to the 全年预算 stated a sentence or two before, the one the sentence names."""
    out: list[dict[str, Any]] = []
    for m in _OF_THE_TOTAL.finditer(text):
        end = _sentence_end(text, m.end())
        while end < len(text) and text[end] in "；;":
            end = _sentence_end(text, end + 1)  # (…项目支出22,306.08万元；按资金来源分别为…: the same sentence)
        opener = _BY_SOURCE.search(text, m.end(), end)
        if opener is None:
            continue
        what, here = m.group("what"), m.start("what")
        window = here  # (the total is stated a sentence or two before, not further back)
        for _ in range(3):
            window = text.rfind("。", 0, window) if window > 0 else -1
        total = next((t for t in reversed(amounts) if window < t.start and t.end <= here and _label(text, t).endswith(what)),
                     None)
        if total is None or total.start in used:
            continue
        parts = _parts_after(text, toks, total, opener.end())
        _add(out, used, text, total, _unused(parts, used), "分别为")
    return out


# a sentence that parts the spending stated in the sentence before it (项目实际支出325.04万元，执行率98.14%。按支出内容分：
# 村内道路硬化255.68万元，…): what it was spent on
_BY_USE = guarded(r"(?:^|(?<=[。\n]))[\s　]*(?:按|从)(?:支出|资金)?(?:内容|用途|方向)(?:分|看|来看|划分)?[,，:：]\s*")
_SPENT = guarded(r"(?<![未尚没])(?:实际)?(?:支出|执行|使用)(?:数|金额|资金)?(?:为|达)?$")  # (未执行16.89万元: left unspent)


def _uses_of_the_spending_before(text: str, toks: list[Token], amounts: list[Token],
                                 used: set[int]) -> list[dict[str, Any]]:
    """…实际支出325.04万元，执行率98.14%。按支出内容分：A 255.68万元，B 53.20万元，…: the uses add up to the spending
    stated in the sentence before, the one amount there said to be spent."""
    out: list[dict[str, Any]] = []
    for m in _BY_USE.finditer(text):
        before = max(text.rfind("。", 0, max(m.start() - 1, 0)), text.rfind("\n", 0, max(m.start() - 1, 0)))
        spent = [t for t in amounts if before < t.start < m.start() and _SPENT.search(_label(text, t))]
        if len(spent) != 1 or spent[0].start in used:
            continue
        parts = _parts_after(text, toks, spent[0], m.end())
        _add(out, used, text, spent[0], _unused(parts, used), "按支出内容分")
    return out


_BRACKET_OPEN = guarded(r"\s*[（(]\s*(?:其中|包括)\s*[:：]?\s*")


def _bracketed_parts(text: str, amounts: list[Token], total: Token) -> list[tuple[str, Token]] | None:
    """The amounts of a 其中 list in brackets right after `total` (…1,846.20万元（其中：A…、B…、C…）), each labelled; None
    where there is no such bracket, or it holds fewer than two amounts, or anything but amounts and their labels."""
    opened = _BRACKET_OPEN.match(text, total.end, total.end + 8)
    if opened is None:
        return None
    close = min((i for i in (text.find("）", opened.end()), text.find(")", opened.end())) if i >= 0), default=-1)
    if close < 0 or close - opened.end() > 200 or "（" in text[opened.end():close] or "(" in text[opened.end():close]:
        return None
    inside = [tok for tok in amounts if opened.end() <= tok.start and tok.end <= close]
    cursor, parts = opened.end(), list[tuple[str, Token]]()
    for tok in inside:
        gap = text[cursor:tok.start]
        if parts and not _SEPARATED.search(gap) or "%" in gap or _NESTED.search(gap):
            return None
        parts.append((_label(text, tok), tok))
        cursor = tok.end
    if len(parts) < 2 or re.search(r"\d", text[cursor:close]):
        return None
    return parts


def _add(out: list[dict[str, Any]], used: set[int], text: str, total: Token, parts: list[tuple[str, Token]] | None,
         marker: str) -> None:
    """The sum of `total` and `parts` added to `out`, its parts marked `used`, where there are parts and none is a
    bound."""
    if not parts:
        return
    found = _sum(text, total, parts, marker)
    if found is not None:
        out.append(found)
        used.update(t.start for _, t in parts)


def _some_of_a_funds_income(text: str, total: Token, parts: list[tuple[str, Token]]) -> bool:
    """A fund's income (基金收入预算37,860.00万元，其中个人缴费收入9,000.00万元，政府补贴收入25,600.00万元) whose listed
    sources fall short of it: they are its main sources, not all of them (利息, 集体补助, 转移收入 go unnamed). A
    list that exceeds the total, or a 合计, is still a sum."""
    label = _label(text, total)
    if not _FUND_INCOME.search(label) or "合计" in label:
        return False
    values = [tok.value for _, tok in parts]
    return all(isinstance(v, Decimal) for v in values) and isinstance(total.value, Decimal) \
        and sum(values, Decimal(0)) < total.value


def _unused(parts: list[tuple[str, Token]] | None, used: set[int]) -> list[tuple[str, Token]] | None:
    """The parts, where none of them is a part of a sum read before."""
    return parts if parts and all(t.start not in used for _, t in parts) else None


def _sum(text: str, total: Token, parts: list[tuple[str, Token]], marker: str) -> dict[str, Any] | None:
    """The sum, each figure stated approximately at the precision it is stated to; None when a part is a bound."""
    if any(_bound(text, tok) for _, tok in parts):
        return None
    return {"label": _label(text, total), "total": _as_stated(text, total),
            "parts": [(label, _as_stated(text, tok)) for label, tok in parts], "marker": marker}


def _bound(text: str, tok: Token) -> bool:
    """逾1,000万元, 超过…, 不足…, 1,000万元以上: a bound, not a figure to add."""
    return bool(_BOUND_BEFORE.search(text, max(0, tok.start - 3), tok.start)
                or _BOUND_AFTER.match(text, tok.end, tok.end + 2))


def _as_stated(text: str, tok: Token) -> Token:
    """The token, its value cut to its last significant digit when stated approximately (约1,100 → 1.1E+3)."""
    if not isinstance(tok.value, Decimal) or not tok.value:
        return tok
    if _ABOUT_BEFORE.search(text, max(0, tok.start - 2), tok.start) or _ABOUT_AFTER.match(text, tok.end, tok.end + 2):
        return replace(tok, value=tok.value.normalize())
    return tok


def _label(text: str, tok: Token) -> str:
    """The words just before a figure, back to the previous clause mark or figure."""
    return label_before(text, tok.start, "。;；,，:：、\n", _LABEL_MAX)


def label_before(text: str, pos: int, marks: str, most: int, start: int = 0) -> str:
    """The words just before `pos`, back to the previous of `marks` or digit, at most `most` characters and not
    before `start`."""
    at = pos
    while at > start and pos - at < most and text[at - 1] not in marks and not text[at - 1].isdigit():
        at -= 1
    return text[at:pos].strip()


def _sentence_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find(ch, pos) for ch in _STOP) if i >= 0]
    return min(ends) if ends else len(text)


def _parts_after(text: str, toks: list[Token], total: Token, start: int) -> list[tuple[str, Token]] | None:
    end = _sentence_end(text, start)
    if GARBLED.search(text, start, end):
        return None  # a part OCR garbled (42O.00万元): the parts read are not all the parts
    parts: list[tuple[str, Token]] = []
    cursor = start
    compared = False
    total_label = _label(text, total)
    for tok in toks:
        if tok.start < start or tok.start >= end:
            continue
        if _inside_brackets(text, cursor, tok.start):
            continue  # (财政拨款9,486.35万元（含中央和省级补助资金3,126.80万元）: a part's own detail)
        gap = _BRACKETED.sub("", text[cursor:tok.start])  # (…万元（含…）、事业收入…: the bracket is the part's own)
        if parts and _COMPARED.search(gap):
            compared = True  # ，较上年的17.26万元减少1.88万元: the list ended; what follows is another period's
            break
        if parts and tok.kind == "percent" and "率" in gap:
            compared = True  # (…项目单位自筹1,000.00万元，年度资金到位率100%: a rate after the list ends it)
            break
        if tok.kind != "amount" or _NESTED.search(gap) or _CLOSE.search(gap) or "%" in gap:
            return None  # a rate, a count or a nested list among the parts: not a plain list of amounts
        if parts and not _PART_GAP.match(_strip_label(gap)):
            break
        if parts and not _SEPARATED.search(gap):
            return None  # (其中…发行的12,000.00万元债券全年利息294.00万元: two figures in one part, which is the part unknown)
        if parts and _RANGE_TO.search(gap):
            compared = True  # (…0.66万元，在省定每公里0.5—0.8万元的标准之内: a range is a standard, not a part)
            break
        if parts and _PER_UNIT.search(_label(text, tok)):
            compared = True  # (…县级配套345.60万元，人均补助标准89元: a rate per head after the list ends it)
            break
        if parts and _another_total(_label(text, tok), total_label):
            compared = True  # (…其中A、B，调整后全年预算数9,811.05万元: a total of its own after the list ends it)
            break
        parts.append((_label(text, tok), tok))
        cursor = tok.end
    rest = _BRACKETED.sub("", text[cursor:end])  # (…41.92万元（全年预算43.20万元）: the last part's own detail)
    if not compared and re.search(r"\d", rest) and re.search(r"万元|元", rest):
        return None  # more amounts follow that are not parts
    if not compared and _SOME_ONLY.match(rest):
        return None
    return parts if len(parts) >= 2 else None


def _another_total(label: str, total_label: str) -> bool:
    """Whether a figure after a list's parts is a total of its own (…，调整后全年预算数9,811.05万元), not one more part
    measured as the total is (项目实际支出418.52万元，其中有机肥替代化肥补助实际支出183.56万元，…补助实际支出130.18万元)."""
    found = _NEW_TOTAL.search(label)
    return found is not None and not (found.start() > 0 and found.group() in total_label)


def _inside_brackets(text: str, start: int, pos: int) -> bool:
    """Whether `pos` stands inside a bracket opened after `start` and not closed before `pos` (from the last part
    on: a short walk; figures._in_aside looks back over a whole sentence, with C's rfind)."""
    depth = 0
    for ch in text[start:pos]:
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
    return depth > 0


def _strip_label(gap: str) -> str:
    """The gap between two parts without the next part's own label."""
    m = re.match(r"^[,，、]?(?:以及|和|及|与)?", gap)
    return gap[: m.end()] if m else gap


def _parts_before(text: str, toks: list[Token], total: Token) -> list[tuple[str, Token]] | None:
    sentence = max(text.rfind(ch, 0, total.start) for ch in _STOP + ":：")
    own_label = total.start - len(_label(text, total))  # (三项合计…: the count names the parts, it is not one)
    # (…补助806.40万元（1.26万亩×640元/亩），…补助672.00万元（7条×96万元/条），…合计1,682.08万元: a part's own detail in
    # brackets is none of the parts)
    before = [t for t in toks if sentence < t.start < total.start and not (t.kind == "count" and t.start >= own_label)
              and not _inside_brackets(text, sentence + 1, t.start)]
    if len(before) < 2 or any(t.kind != "amount" for t in before):
        return None
    if _NESTED.search(text[sentence + 1: total.start]):
        return None
    parts = [(_label(text, t), t) for t in before]
    close = _CLOSE.search(_label(text, total))
    own = _SAYS_NOTHING.sub("", _label(text, total)[: close.start()]) if close else ""
    if len(own) >= 2 and not any(own[k:k + 2] in label for k in range(len(own) - 1) for label, _ in parts):
        return None  # (…收入32,460.00万元，…净收益为21,380.00万元，专项债券本息合计…: another subject's total, not theirs)
    return parts


def _parts_in_items(text: str, toks: list[Token], total: Token) -> list[tuple[str, Token]] | None:
    """The first amount of each numbered item paragraph that follows a total ending in 具体如下："""
    pos = text.find("\n", total.end)
    parts: list[tuple[str, Token]] = []
    while pos >= 0 and pos + 1 < len(text):
        line_end = text.find("\n", pos + 1)
        line_end = len(text) if line_end < 0 else line_end
        paragraph = text[pos + 1: line_end]
        if not _ITEM.match(paragraph):
            break
        first = next((t for t in toks if pos + 1 <= t.start < line_end), None)
        if first is None or first.kind != "amount":
            return None
        parts.append((_label(text, first), first))
        pos = line_end if line_end < len(text) else -1
    return parts if len(parts) >= 2 else None
