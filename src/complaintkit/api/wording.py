"""What the customer pages say, in Chinese and English: status words, next steps, times.

A customer reads "明天 08:00 (UTC+8)" or "tomorrow at 08:00 (UTC+8)" in the desk's zone (the
policy's, or the calendar a promise counts on), as the letters give them, its offset named, never an ISO instant in UTC; "处理中", never ``investigating``. Every phrase shown to a customer lives
here, so a page can never mix an internal id into a sentence.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from decimal import Decimal, DecimalException
from typing import Final

from complaintkit.api.accept import accepted
from complaintkit.english_dates import month_name, weekday_name
from complaintkit.model.language import LANGS, Lang
from complaintkit.model.lifecycle import Status
from complaintkit.model.money import Money


def from_accept_language(header: str | None, default: Lang = "zh") -> Lang:
    """The first of zh/en in an ``Accept-Language`` header, by quality; a tag written
    with an underscore (``en_US``, a POSIX locale's name) names its language too. With
    neither accepted, ``default`` — unless the header refuses it (``zh;q=0``) and not the
    other, which a reader who will not read Chinese gets instead."""
    said = accepted(header)
    ranked = [
        (a.rank(), lang)
        for a in said
        for lang in LANGS
        if a.quality > 0 and a.value.replace("_", "-").split("-")[0] == lang
    ]
    if ranked:
        return max(ranked)[1]
    refused = {
        lang
        for a in said
        for lang in LANGS
        if a.quality == 0 and a.value.replace("_", "-") in _PAGE_TAGS[lang]
    }
    unrefused = [lang for lang in LANGS if lang not in refused]
    return unrefused[0] if default in refused and unrefused else default


#: The tags that name a page's language as written: the Chinese page is Simplified, so a
#: refusal of ``zh-TW`` alone is no refusal of it.
_PAGE_TAGS: Final[dict[str, tuple[str, ...]]] = {
    "zh": ("zh", "zh-cn", "zh-hans", "zh-hans-cn"),
    "en": ("en",),
}


#: What each status means to the customer.
STATUS_WORDS: Final[dict[Status, tuple[str, str]]] = {
    Status.RECEIVED: ("已收到,等待受理", "Received, waiting to be picked up"),
    Status.ACKNOWLEDGED: ("已受理", "Being handled"),
    Status.INVESTIGATING: ("正在调查处理", "We are looking into it"),
    Status.WAITING_ON_CUSTOMER: ("等待您的回复", "Waiting for your reply"),
    Status.WAITING_ON_THIRD_PARTY: ("等待第三方核实", "Waiting for a third party to check"),
    Status.RESOLUTION_PROPOSED: ("已提出解决方案", "A solution has been proposed"),
    Status.RESOLVED: ("已解决", "Resolved"),
    Status.FOLLOW_UP: ("回访中", "We are checking back with you"),
    Status.CLOSED: ("已结案", "Closed"),
    Status.REOPENED: ("已重新处理", "Reopened"),
    Status.REJECTED: ("未受理", "Not accepted"),
    Status.WITHDRAWN: ("已撤回", "Withdrawn"),
}

#: What happens next, from the customer's side.
NEXT_STEPS: Final[dict[Status, tuple[str, str]]] = {
    Status.RECEIVED: (
        "客服人员将尽快首次答复您,最迟不晚于上面写明的时间。",
        "Someone from our team will answer you soon, at the latest by the time shown above.",
    ),
    Status.ACKNOWLEDGED: (
        "我们正在核实情况,进展会显示在本页。",
        "We are checking what happened; progress will show on this page.",
    ),
    Status.INVESTIGATING: (
        "我们正在调查处理,进展会显示在本页。",
        "We are investigating; progress will show on this page.",
    ),
    Status.WAITING_ON_CUSTOMER: (
        "请回复我们最近一条消息,以便继续处理。",
        "Please answer our latest message so that we can go on.",
    ),
    Status.WAITING_ON_THIRD_PARTY: (
        "我们在等待第三方(如供应商、快递)核实,结果出来后会通知您。",
        "We are waiting for a third party (a supplier, a carrier); we will tell you the result.",
    ),
    Status.RESOLUTION_PROPOSED: (
        "请查看我们提出的解决方案并告诉我们您是否接受。",
        "Please look at the solution we proposed and tell us whether you accept it.",
    ),
    Status.RESOLVED: (
        "问题已解决。我们可能会回访,了解您是否满意。",
        "The problem is solved. We may call back to ask whether you are satisfied.",
    ),
    Status.FOLLOW_UP: (
        "我们将回访了解您是否满意。",
        "We will check back with you to hear whether you are satisfied.",
    ),
    Status.CLOSED: ("本投诉已结案。感谢您的反馈。", "This complaint is closed. Thank you."),
    Status.REOPENED: (
        "我们已重新处理您的投诉,进展会显示在本页。",
        "We have reopened your complaint; progress will show on this page.",
    ),
    Status.REJECTED: (
        "本投诉未被受理,原因见下方答复。",
        "This complaint was not accepted; our answer below says why.",
    ),
    Status.WITHDRAWN: ("您已撤回本投诉。", "You withdrew this complaint."),
}

PHRASES: Final[dict[str, tuple[str, str]]] = {
    "title_form": ("提交投诉", "Tell us what went wrong"),
    "title_status": ("投诉进度", "Your complaint"),
    "name": ("您的称呼(选填)", "Your name (optional)"),
    "contact": ("手机号或邮箱(选填,用于通知您进展)", "Phone or e-mail (optional, for updates)"),
    "order": ("订单号(选填)", "Order number (optional)"),
    "text": ("发生了什么?", "What happened?"),
    "submit": ("提交", "Send"),
    "text_required": ("请描述发生了什么。", "Please tell us what happened."),
    "text_too_long": ("描述太长了,请缩短到一万字以内。", "That is too long; please shorten it."),
    "attachment_too_large": (
        "附件太大,投诉未能提交;请去掉附件后再提交(我们不保存附件)。",
        "The attached file is too large, so nothing was sent; please send the form again "
        "without it (attachments are not kept).",
    ),
    "too_many_fields": (
        "表单提交了超过 {limit} 项,超出我们读取的上限,投诉未能登记;我们已保存提交的原文,"
        "工作人员会尽快处理。咨询时请提供参考号 {reference}。",
        "The form sent more than {limit} fields, more than we read, so your complaint was "
        "not registered; we have kept what was sent and our staff will take it up. If you "
        "contact us, give the reference {reference}.",
    ),
    "field_repeated": (
        "“{field}”一项提交了不止一次,无法确定以哪个为准;请只填写一次后重新提交。",
        "The field “{field}” was sent more than once, so which value you meant is unclear; "
        "please send the form again with it given once.",
    ),
    "field_unreadable": (
        "“{field}”一项含有无法识别的字符,请重新填写后提交。",
        "The field “{field}” holds bytes that are not text in the form's character set; "
        "please type it again and send the form.",
    ),
    "field_not_text": (
        "这一项含有无法保存的字符(例如控制字符),请删除后重新提交。",
        "This holds a character that cannot be kept (a control character, say); please "
        "remove it and send the form again.",
    ),
    "field_too_long": (
        "这一项太长了,请缩短到 {limit} 字以内。",
        "That is too long; please shorten it to at most {limit} characters.",
    ),
    "contact_invalid": (
        "请填写一个手机号或一个邮箱地址。",
        "Please give one phone number or one e-mail address.",
    ),
    "kept_for_review": (
        "您的投诉暂时无法登记,我们已保存原文,工作人员会尽快处理;您也可以稍后再试。"
        "咨询时请提供参考号 {reference}。",
        "We could not register your complaint just now; we have kept what you wrote and "
        "our staff will take it up. You may also try again later. If you contact us, "
        "give the reference {reference}.",
    ),
    "send_again_later": (
        "系统暂时无法登记您的投诉,请稍后再试一次;您填写的内容都还在下面。",
        "We cannot register your complaint just now; please send it again in a little "
        "while. What you wrote is still below.",
    ),
    "fix_below": ("请修改下面标出的内容。", "Please correct what is marked below."),
    "status": ("状态", "Status"),
    "category": ("类别", "Type"),
    "received": ("收到时间", "Received"),
    "first_answer": ("首次答复不晚于", "First answer by"),
    "first_answered": ("首次答复", "First answer"),
    "resolution_by": ("处理完成不晚于", "Resolved by"),
    "answered": ("已答复", "answered"),
    "overdue": ("已逾期,原定 {due}", "Overdue: it was due {due}"),
    "answer_soon": ("客服人员将尽快答复您。", "Someone from our team will answer you soon."),
    "answer_late": (
        "我们已超过承诺的首次答复时间,很抱歉让您久等;客服人员将尽快答复您。",
        "We are late: we promised to answer you by now. We are sorry for the wait; someone "
        "from our team will answer you as soon as possible.",
    ),
    "next_step": ("下一步", "Next step"),
    "updates": ("我们的答复", "Our answers"),
    "no_updates": ("还没有答复。", "No answer yet."),
    "resolution": ("处理结果", "How it was resolved"),
    "keep_link": (
        "请保存本页链接:这是查看投诉进度的唯一入口。",
        "Keep this link: it is the only way to see how your complaint is going.",
    ),
    "out_of_hours": (
        "您的投诉是在我们下班后收到的。我们将于 {opens} 上班后处理。",
        "We received your complaint after working hours. We open again {opens}.",
    ),
    "not_found": ("找不到这个投诉,请检查链接。", "We cannot find this complaint; check the link."),
    "link_expired": (
        "此链接已过期:这个投诉已结束较久。如需了解,请联系我们。",
        "This link has expired: the complaint ended a while ago. Contact us if you need it.",
    ),
    "unavailable": (
        "暂时无法显示投诉进度,请稍后刷新本页。",
        "We cannot show your complaint just now; please reload this page in a little while.",
    ),
    "case_number": ("投诉编号", "Complaint number"),
    "visited": (
        "感谢您的评价,我们将尽快结案。",
        "Thank you for telling us how we did; we will close this complaint shortly.",
    ),
    "offers": ("我们提出的补偿", "What we offered you"),
    "offer_total": ("合计", "Total"),
    "offered_on": ("提出于 {at}", "offered {at}"),
    "offer_offered": (
        "等待您的答复:请告诉我们您是否接受。",
        "Offered, waiting for your answer: please tell us whether you accept it.",
    ),
    "offer_accepted": ("您已接受", "You accepted it"),
    "offer_declined": ("您已拒绝", "You declined it"),
    "offer_lapsed": (
        "已失效:投诉结束时您尚未答复。如有疑问,请联系我们。",
        "This offer lapsed: the complaint ended before you answered. Please contact us "
        "with any question.",
    ),
    "accept": ("接受", "Accept"),
    "decline": ("拒绝", "Decline"),
    "answer_missing": ("请选择接受或拒绝。", "Please choose to accept or decline."),
    "answer_unknown_offer": (
        "找不到这项补偿,请刷新本页查看最新内容。",
        "We cannot find this offer; please reload this page to see where it stands.",
    ),
    "answer_was_accepted": (
        "您已接受这项补偿,答复无法再更改;如有疑问,请联系我们。",
        "You accepted this offer already; the answer cannot be changed. Please contact us "
        "with any question.",
    ),
    "answer_was_declined": (
        "您已拒绝这项补偿,答复无法再更改;如有疑问,请联系我们。",
        "You declined this offer already; the answer cannot be changed. Please contact us "
        "with any question.",
    ),
    "answer_lapsed": (
        "这项补偿已失效:投诉已结束,无法再答复。如有疑问,请联系我们。",
        "This offer lapsed: the complaint ended, so it can no longer be answered. Please "
        "contact us with any question.",
    ),
    "answer_busy": (
        "您的投诉刚刚有了更新,答复未能记录;请刷新本页后再试一次。",
        "Your complaint changed just now, so your answer was not recorded; please reload "
        "this page and try again.",
    ),
    "answer_refused": (
        "暂时无法记录您对这项补偿的答复,请联系我们。",
        "We cannot record your answer to this offer just now; please contact us.",
    ),
    "answer_kept": (
        "您的答复暂时无法记录;我们已保存,会尽快为您处理。",
        "Your answer could not be recorded just now; it was kept, and we will record it "
        "for you soon.",
    ),
    "answer_too_large": (
        "提交的内容太大,答复未能记录;请刷新本页后再试一次。",
        "What was sent was too large, so your answer was not recorded; please reload this "
        "page and try again.",
    ),
    "answer_broken": (
        "提交的内容不完整,答复未能记录;请刷新本页后再试一次。",
        "What was sent arrived incomplete, so your answer was not recorded; please reload "
        "this page and try again.",
    ),
    "reference": ("参考编号 {id}", "Reference {id}"),
    "waiting_unanswered": (
        "我们在等待您补充信息。如果您还没有收到我们的消息,请联系客服。",
        "We are waiting for more details from you. If you have not heard from us, please "
        "contact us.",
    ),
    "proposed_unshown": (
        "我们已为您拟定解决方案,客服人员会与您联系说明。如果您还没有收到我们的消息,请联系客服。",
        "We have a solution for you, and someone from our team will tell you about it. If you "
        "have not heard from us, please contact us.",
    ),
    "rejected_unanswered": (
        "本投诉未被受理。如需了解原因,请联系客服。",
        "This complaint was not accepted. Please contact us to hear why.",
    ),
}


def say(key: str, lang: Lang, **values: str) -> str:
    chinese, english = PHRASES[key]
    text = chinese if lang == "zh" else english
    return text.format(**values) if values else text


def status_words(status: Status, lang: Lang) -> str:
    chinese, english = STATUS_WORDS[status]
    return chinese if lang == "zh" else english


def next_step(status: Status, lang: Lang) -> str:
    chinese, english = NEXT_STEPS[status]
    return chinese if lang == "zh" else english


#: What a currency is called after an amount in Chinese; any other keeps its code.
_CURRENCY_ZH: Final = {
    "CNY": "元",
    "HKD": "港元",
    "MOP": "澳门元",
    "TWD": "新台币",
    "USD": "美元",
    "EUR": "欧元",
    "GBP": "英镑",
    "JPY": "日元",
}


def money_words(amount: Decimal, currency: str, lang: Lang) -> str:
    """An amount as a customer reads it: ``1,234.50 元`` / ``CNY 1,234.50`` — in the
    currency's minor units when that loses nothing (``Money.shown``), else every digit."""
    money = Money(amount, currency)
    try:
        rounded = money.rounded()
    except DecimalException:  # more digits than the context holds: shown as they are
        rounded = money
    digits = format(rounded.amount if rounded.amount == amount else amount, ",f")
    if lang == "zh":
        return f"{digits} {_CURRENCY_ZH.get(currency, currency)}"
    return f"{currency} {digits}"


def offset_label(local: datetime) -> str:
    """The zone of the wall clock ``local`` is read on, as its offset from UTC (``UTC+8``,
    ``UTC-3:30``, ``UTC``): a reader in another zone can tell what the time means, which
    an abbreviation does not say (CST is Shanghai's and Chicago's)."""
    offset = local.utcoffset()
    minutes = 0 if offset is None else round(offset.total_seconds() / 60)
    if minutes == 0:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'+' if minutes > 0 else '-'}{hours}" + (f":{rest:02d}" if rest else "")


_WEEKDAYS_ZH: Final = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def plain_time(at: datetime, zone: tzinfo, now: datetime, lang: Lang) -> str:
    """``at`` in ``zone`` as a person says it: today / tomorrow / a weekday and date, to the
    minute, and the zone's offset (``(UTC+8)``); a date in another year than today's names
    its year, or it reads as this year's."""
    local = at.astimezone(zone)
    today = now.astimezone(zone).date()
    days = (local.date() - today).days
    clock = f"{local:%H:%M} ({offset_label(local)})"
    other_year = local.year != today.year
    if lang == "zh":
        day = {0: "今天", 1: "明天", 2: "后天", -1: "昨天"}.get(days)
        if day is None:
            year = f"{local.year}年" if other_year else ""
            day = f"{year}{local.month}月{local.day}日({_WEEKDAYS_ZH[local.weekday()]})"
        return f"{day} {clock}"
    day = {0: "today", 1: "tomorrow", -1: "yesterday"}.get(days)
    if day is None:
        year = f" {local.year}" if other_year else ""
        day = f"{weekday_name(local)} {local.day} {month_name(local)}{year}"
    return f"{day} at {clock}"
