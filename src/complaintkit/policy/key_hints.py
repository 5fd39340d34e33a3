"""The hint for an unknown key: the keys allowed where it was written, led by the one a
typo most likely meant (``wehn`` → ``when``), for policies and policy tests alike."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Final

#: How alike an unknown key and a known one must be to suggest it (a typo, not a guess:
#: catgory → categories, but not intake → name).
_CLOSE_ENOUGH: Final = 0.7


#: A section as a Chinese SOP names it: no typo of its key, so spelling cannot find it.
_CHINESE_KEYS: Final = {
    "名称": "name",
    "版本": "version",
    "描述": "description",
    "说明": "description",
    "继承": "extends",
    "类别": "categories",
    "投诉类型": "categories",
    "严重程度": "severities",
    "严重性": "severities",
    "优先级": "priorities",
    "团队": "teams",
    "部门": "teams",
    "分类": "classification",
    "路由": "routing",
    "分派": "routing",
    "分配": "routing",
    "日历": "calendars",
    "工作日历": "calendars",
    "时限": "sla",
    "升级": "escalation",
    "赔偿": "compensation",
    "补偿": "compensation",
    "模板": "templates",
    "通知": "notifications",
}


def unknown_key_hint(key: object, allowed: Iterable[str]) -> str:
    """The keys allowed here, led by the one a typo most likely meant."""
    known = sorted(allowed)
    if not known:
        return "nothing may be written here: remove it"
    listed = f"use one of {', '.join(known)}"
    meant = meant_key(key, known)
    return f"did you mean {meant!r}? {listed}" if meant else listed


def meant_key(key: object, allowed: Iterable[str]) -> str | None:
    """The allowed key a typo of ``key`` most likely meant, if any is close enough."""
    known = sorted(allowed)
    named = _CHINESE_KEYS.get(str(key).strip())
    if named in known:
        return named
    meant = difflib.get_close_matches(str(key), known, n=1, cutoff=_CLOSE_ENOUGH)
    return meant[0] if meant else None
