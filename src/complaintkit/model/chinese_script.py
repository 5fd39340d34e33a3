"""Whether a Chinese text is written in Traditional or Simplified characters.

A complaint that declares no language is answered in the language its text is written in;
for Chinese that is also a script: a Hong Kong or Taiwan customer writing 買的牛奶變質了
reads Traditional characters, and a letter in Simplified ones reads to them as a mainland
reply. Most characters are the same in both, so the text is judged by the common ones that
differ, each pair written differently and neither form a word of the other script.
"""

from __future__ import annotations

import re
from typing import Final

#: (Simplified, Traditional) pairs of common characters, in the same order.
_SIMPLIFIED: Final = (
    "们这个来说时为会对发国过还样问经现进动种开关长门见间题东车买卖钱货费单认让话请谢处"
    "务员电网络订质变态应该给气点实际额号码诉难两与从机软银办业递达迟饿热汤鸡吗讲结错误"
    "条边远营检产坏换赔偿补块钟万亿乐欢爱听写读书学习觉总饭馆仓库运输邮损伤医药险标证据"
    "纸张图华灯显钥卫线视频帮转账联续预约购优积拨挂断"
)
_TRADITIONAL: Final = (
    "們這個來說時為會對發國過還樣問經現進動種開關長門見間題東車買賣錢貨費單認讓話請謝處"
    "務員電網絡訂質變態應該給氣點實際額號碼訴難兩與從機軟銀辦業遞達遲餓熱湯雞嗎講結錯誤"
    "條邊遠營檢產壞換賠償補塊鐘萬億樂歡愛聽寫讀書學習覺總飯館倉庫運輸郵損傷醫藥險標證據"
    "紙張圖華燈顯鑰衛線視頻幫轉賬聯續預約購優積撥掛斷"
)
_SIMPLIFIED_ONLY: Final = re.compile(f"[{_SIMPLIFIED}]")
_TRADITIONAL_ONLY: Final = re.compile(f"[{_TRADITIONAL}]")


def traditional(text: str) -> bool:
    """Whether ``text`` has more of the characters only Traditional writing uses than of
    those only Simplified writing uses (a text of neither is Simplified, as ``zh`` is)."""
    return len(_TRADITIONAL_ONLY.findall(text)) > len(_SIMPLIFIED_ONLY.findall(text))
