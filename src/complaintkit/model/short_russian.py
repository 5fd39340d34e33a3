# ruff: noqa: RUF001, RUF002 -- Cyrillic letters and Chinese characters on purpose
"""Russian words too short for ``cyrillic_text.cyrillic``, told from Chinese text in GBK.

A word or two of Russian in Windows-1251 or KOI8-R reads whole as GB18030 when each word
has an even number of letters. Windows-1251's lower-case letters and KOI8-R's capitals read
as GB2312's second level, rare characters Chinese as people write it is hardly ever made
of (Утюг сломан as 域 耠铎囗). Windows-1251's capitals and KOI8-R's lower-case letters
read as its first level, ordered by sound, not use (ПРИВЕТ as 闲嚷乓): of those, 240
characters make up 99 in 100 of the ones the waimai reviews hold (我, 了, 是, 让…), and
Russian so read is mostly others. A piece of a review read as Cyrillic in capitals, 5
letters or more, spelt as Russian is (a vowel in each word, no four consonants or three
vowels together, no word opening with Ь, Ъ or Ы, no Ukrainian letter) and mostly not
those characters, is one piece in 287,000 of the reviews (奶酪…, 6 letters, as УРДМАТ).
Four letters (БРАК as 列朗) are too short to tell: two of the commonest characters.
"""

from __future__ import annotations

import re
from typing import Final

from complaintkit.model.big5_text import gb2312_common_share
from complaintkit.model.cyrillic_text import short_cyrillic, spelt_as_russian

#: Windows-1251's capitals, read as GB18030, in the characters Chinese reviews write most.
_WRITTEN: Final = frozenset(
    "懒烂浪老乐亮谅了料裂烈劣临虑率绿乱略论萝螺美妹门闷们檬米秘蜜密拿哪那奶耐奈南男难"
    "脑闹呢内嫩能爬怕排牌派盘跑泡评坡婆破铺普谱期欺七巧切茄且亲芹让热仁人忍任认扔日容"
    "善伤商上稍烧勺少柿事是适释市室视试收手首守售受瘦蔬死四似松送酥素速塑诉汤堂糖趟烫"
    "套特腾疼梯土吐团推腿退托脱陀妥哇蛙卫温文闻问蜗我卧乌无下夏吓先鲜咸嫌显现馅限线辛"
    "新心信星腥兴形行醒幸性熊休牙咽烟盐严延言颜眼依疑宜已以易永用优悠尤由油有友右又于"
    "月运晕杂再在咱赞张涨招找照折者至致置制质治中钟终种重周州桌着咨资仔子自字宗总走哒"
)
#: Up to this share of such characters (or of GB2312's common ones), no Chinese text.
_MOST: Final = 0.5
#: The fewest letters a word or two read as common characters is told Russian in.
_FEWEST_LETTERS: Final = 5
_WORD: Final = re.compile("[А-ЯЁІЇЄҐ]+")


def short_russian(raw: bytes) -> tuple[str, str] | None:
    """The charset ``raw``, too short for ``cyrillic``, is Russian in and its text, when it
    is (``short_cyrillic``) and read as GB18030 it is no Chinese as people write it; else
    ``None``."""
    found = short_cyrillic(raw)
    if found is None:
        return None
    try:
        as_chinese = raw.decode("gb18030")
    except UnicodeDecodeError:  # Спасибо, seven bytes: GB18030 reads it not at all
        return found
    if found[0] == "cp1251" and gb2312_common_share(as_chinese) <= _MOST:
        return found  # lower-case Windows-1251, as rare characters
    words = _WORD.findall(found[1].upper())
    if sum(map(len, words)) < _FEWEST_LETTERS or not all(map(spelt_as_russian, words)):
        return None
    wide = [c for c in as_chinese if not c.isascii()]
    return found if sum(c in _WRITTEN for c in wide) <= _MOST * len(wide) else None
