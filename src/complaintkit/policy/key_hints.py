"""The hint for an unknown key: the keys allowed where it was written, led by the one a
typo most likely meant (``wehn`` → ``when``; ``NAME`` or one typed in full-width mode →
``name``; ``条件`` or ``條件`` → ``when``), for policies and policy tests alike."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Final

from complaintkit.policy.typos import close_matches

#: How alike an unknown key and a known one must be to suggest it (a typo, not a guess:
#: catgory → categories, but not intake → name).
_CLOSE_ENOUGH: Final = 0.7


#: What a row that is no rule table's takes where a classification row has ``then``: a
#: compensation row its ``remedies``, an escalation level its ``actions`` (``then`` is one
#: letter off ``when``, which such a row has too).
_THEN_ELSEWHERE: Final = ("remedies", "actions")
_ELSEWHERE: Final[dict[str, tuple[str, ...]]] = {"then": _THEN_ELSEWHERE}

#: A key as a Chinese SOP names it: no typo of its key, so spelling cannot find it. Each
#: word may mean a key at several levels (标签 is a label, or a case's tags); the first
#: one allowed where it is written is offered.
_CHINESE_KEYS: Final = {
    "名称": ("name",),
    "版本": ("version",),
    "描述": ("description",),
    "说明": ("description",),
    "继承": ("extends",),
    "类别": ("categories", "category"),
    "投诉类型": ("categories", "category"),
    "严重程度": ("severities", "severity"),
    "严重性": ("severities", "severity"),
    "优先级": ("priorities", "priority"),
    "团队": ("teams", "team"),
    "部门": ("teams", "team"),
    "分类": ("classification",),
    "路由": ("routing",),
    "分派": ("routing",),
    "分配": ("routing",),
    "日历": ("calendars", "calendar"),
    "工作日历": ("calendars", "calendar"),
    "时限": ("sla",),
    "升级": ("escalation",),
    "赔偿": ("compensation",),
    "补偿": ("compensation",),
    "模板": ("templates",),
    "通知": ("notifications",),
    "规则": ("rules",),
    "条件": ("when",),
    "结果": ("then", *_THEN_ELSEWHERE),
    "则": ("then", *_THEN_ELSEWHERE),
    "默认": ("default",),
    "缺省": ("default",),
    "预设": ("default",),
    "命中策略": ("hit_policy",),
    "标签": ("label", "tags"),
    "负责人": ("owner", "default_owner"),
    "成员": ("members",),
    "时区": ("timezone",),
    "节假日": ("holidays",),
    "假日": ("holidays",),
    # a condition's keys
    "关键词": ("keywords",),
    "关键字": ("keywords",),
    "字段": ("field", "fields"),
    "全部": ("all",),
    "所有": ("all",),
    "并且": ("all",),
    "任一": ("any",),
    "任意": ("any",),
    "或者": ("any",),
    "非": ("not",),
    "历史": ("history",),
    "除外": ("except",),
    "例外": ("except",),
    # a policy tests file's keys
    "策略": ("policy",),
    "政策": ("policy",),
    "测试": ("tests",),
    "测试用例": ("tests",),
    "用例": ("tests",),
    "投诉": ("complaint",),
    "事实": ("facts",),
    "步骤": ("steps",),
    "期望": ("expect",),
    "预期": ("expect",),
    "期望结果": ("expect",),
    "预期结果": ("expect",),
    "此前": ("earlier",),
    "之前": ("earlier",),
    "先前": ("earlier",),
}
#: Traditional characters of those words, as the simplified ones above.
_SIMPLIFIED: Final = str.maketrans(
    {"稱": "称", "說": "说", "繼": "继", "類": "类", "嚴": "严", "優": "优", "級": "级",
     "團": "团", "隊": "队", "門": "门", "時": "时", "賠": "赔", "償": "偿", "補": "补",
     "規": "规", "則": "则", "條": "条", "結": "结", "預": "预", "設": "设", "標": "标",
     "籤": "签", "負": "负", "責": "责", "員": "员", "節": "节", "曆": "历", "關": "关", "鍵": "键", "詞": "词",
     "歷": "历", "並": "并", "個": "个", "測": "测", "試": "试", "訴": "诉", "實": "实",
     "驟": "骤"}
)  # fmt: skip


def unknown_key_hint(key: object, allowed: Iterable[str]) -> str:
    """The keys allowed here, led by the one a typo most likely meant."""
    known = sorted(allowed)
    if not known:
        return "nothing may be written here: remove it"
    listed = f"use one of {', '.join(known)}"
    meant = meant_key(key, known)
    return f"did you mean {meant!r}? {listed}" if meant else listed


def meant_lead(keys: Iterable[object], allowed: Iterable[str]) -> str:
    """``did you mean 'x'? `` for the first of ``keys`` a key of ``allowed`` is meant by,
    or "": a lead for a hint that then lists what is allowed."""
    known = list(allowed)
    meant = next((m for key in keys if (m := meant_key(key, known)) is not None), None)
    return f"did you mean {meant!r}? " if meant else ""


def meant_key(key: object, allowed: Iterable[str]) -> str | None:
    """The allowed key a typo of ``key`` most likely meant, if any is close enough."""
    known = sorted(allowed)
    written = unicodedata.normalize("NFKC", str(key)).strip()  # a key typed in full-width mode
    meanings = _CHINESE_KEYS.get(written.translate(_SIMPLIFIED), _ELSEWHERE.get(written, ()))
    for named in meanings:
        if named in known:
            return named
    same = [entry for entry in known if entry.casefold() == written.casefold()]
    meant = same or close_matches(str(key), known, n=1, cutoff=_CLOSE_ENOUGH)
    return meant[0] if meant else None
