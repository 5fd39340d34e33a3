"""The words Chinese SOPs and intake sheets name a record's parts with, in simplified and
traditional forms, and the field each means (fields are named in English): a condition's
path 投诉.金额 means complaint.amount, and a sheet's column 内容 a complaint's text."""

from __future__ import annotations

from typing import Final

CHINESE_FIELD_WORDS: Final = {
    **dict.fromkeys(("投诉", "投訴", "客诉", "客訴"), "complaint"),
    **dict.fromkeys(
        ("客户", "客戶", "顾客", "顧客", "用户", "用戶", "消费者", "消費者"), "customer"
    ),
    **dict.fromkeys(("案件", "工单", "工單"), "case"),
    **dict.fromkeys(("金额", "金額", "价格", "價格"), "amount"),
    **dict.fromkeys(("内容", "內容", "投诉内容", "投訴內容", "正文", "文本", "描述"), "text"),
    **dict.fromkeys(("标题", "標題", "主题", "主題"), "subject"),
    **dict.fromkeys(("币种", "幣種", "货币", "貨幣"), "currency"),
    **dict.fromkeys(("订单", "訂單", "订单号", "訂單號"), "order_id"),
    **dict.fromkeys(("商品", "产品", "產品"), "product"),
    **dict.fromkeys(
        ("收到时间", "收到時間", "接收时间", "接收時間", "投诉时间", "投訴時間"), "received_at"
    ),
    **dict.fromkeys(("等级", "等級", "会员等级", "會員等級"), "tier"),
    **dict.fromkeys(("类别", "類別", "分类", "分類", "类型", "類型"), "category"),
    **dict.fromkeys(("姓名", "名字"), "name"),
    **dict.fromkeys(("编号", "編號", "序号", "序號"), "id"),
    **dict.fromkeys(("渠道", "来源", "來源"), "channel"),
    **dict.fromkeys(("语言", "語言"), "language"),
    **dict.fromkeys(("属性", "屬性"), "attributes"),
    **dict.fromkeys(("地区", "地區"), "region"),
    **dict.fromkeys(("联系方式", "聯繫方式"), "contact"),
    **dict.fromkeys(("严重程度", "嚴重程度"), "severity"),
    **dict.fromkeys(("优先级", "優先級"), "priority"),
    **dict.fromkeys(("标签", "標籤"), "tags"),
    **dict.fromkeys(("团队", "團隊"), "team"),
    **dict.fromkeys(("负责人", "負責人"), "owner"),
    **dict.fromkeys(("状态", "狀態"), "status"),
}
