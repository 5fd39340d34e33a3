# ruff: noqa: RUF001 -- Chinese complaint text uses full-width punctuation on purpose
"""What customers write, per built-in complaint type, apart from the strategies that
frame it: ``complaintkit check`` names the types in its help, and loading the command line
must not load hypothesis (only ``check`` runs it)."""

from __future__ import annotations

#: What customers write, per built-in complaint type, in Chinese and English. A policy
#: for an industry should recognise the types it handles; ``complaintkit check`` uses these.
DOMAIN_TEXTS: dict[str, tuple[str, ...]] = {
    "product": (
        "牛奶变质了",
        "面包里有异物",
        "买的电饭煲坏了",
        "包装破损，里面漏了",
        "the yoghurt was spoiled",
        "the kettle arrived broken",
    ),
    "service": (
        "服务态度很差",
        "收银员很不耐烦",
        "客服一直不回复",
        "the cashier was rude",
        "customer service ignored me",
    ),
    "price": (
        "价格和标价不一致",
        "促销价没有生效",
        "重复扣款了",
        "物业收费不透明",
        "I was charged twice",
        "the promotion price was not applied",
    ),
    "delivery": (
        "快递三天没到",
        "送错货了",
        "物流信息一直没更新",
        "my parcel never arrived",
        "the delivery was late",
    ),
    "management": (
        "物业管理规定不合理",
        "小区停车管理混乱",
        "电梯坏了一直没人修",
        "the building rules are unfair",
    ),
}
