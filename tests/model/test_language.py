import re

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.model.language import detect_language, written_language


def _by_character(text: str) -> str:
    """The rule, one character at a time: Han characters (a word is about three letters)
    against Latin letters."""
    han = len(re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9]", text))
    return "zh" if han and han * 3 >= len(re.findall(r"[A-Za-z]", text)) else "en"


def test_script_decides() -> None:
    assert detect_language("快递三天没到") == "zh"
    assert detect_language("parcel is late") == "en"
    assert detect_language("快递 parcel is late") == "en"
    assert detect_language("快递没到 late") == "zh"
    assert detect_language("café au lait") == "en"
    assert detect_language("") == "en"


def test_links_addresses_and_codes_are_no_english_words() -> None:
    assert detect_language("我的订单 https://shop.example.com/orders/ABCDEF 没有到货") == "zh"
    assert detect_language("请联系我 wangxiaoming.work@example.com 快递没到") == "zh"
    assert detect_language("订单WX20261201ABCDEFGHIJKL没到") == "zh"
    assert detect_language("The parcel 快递单号 SF1234567890 never came") == "en"
    assert detect_language("快递 parcel is late, see https://t.cn/x") == "en"


# no digit, "@" or ":" beside a letter: the rule for words, not for links and codes
@given(st.text(alphabet=st.sampled_from("ab Z快递豈\u3400\u9fff\ufaff\u33ff\ua000é。!")))
def test_runs_count_as_their_characters(text: str) -> None:
    assert detect_language(text) == _by_character(text)


_QUOTES = st.one_of(
    st.from_regex(r"https?://[a-z]{1,12}\.example\.com/[A-Za-z0-9/]{0,20}", fullmatch=True),
    st.from_regex(r"[a-z.]{1,12}@[a-z]{1,8}\.(cn|com)", fullmatch=True),
    st.from_regex(r"[A-Z]{0,6}[0-9]{1,12}[A-Z]{0,10}", fullmatch=True),
)


@given(st.text(alphabet=st.sampled_from("ab Z快递豈é。!")), st.lists(_QUOTES, max_size=4))
def test_quoting_a_link_an_address_or_a_code_keeps_the_language(
    text: str, quoted: list[str]
) -> None:
    assert detect_language(" ".join([text, *quoted])) == detect_language(text)


#: The quoting rule written out again: a link, an e-mail address, a code holding a digit.
_REFERENCE_QUOTED = re.compile(
    r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*://[\x21-\x7e]*"
    r"|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+"
    r"|(?<![A-Za-z0-9_-])[A-Za-z0-9_-]*[0-9][A-Za-z0-9_-]*"
)


def _by_removing_the_quoted(text: str) -> str | None:
    """The rule read slowly: count every Han character, then the letters left once every
    quoted thing is removed."""
    han = len(re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9]", text))
    letters = len(re.findall(r"[A-Za-z]", _REFERENCE_QUOTED.sub(" ", text)))
    if han and han * 3 >= len(re.findall(r"[A-Za-z]", text)):
        return "zh"
    if han * 3 >= letters:
        return "zh" if han else None
    return "en"


@given(st.text(alphabet=st.sampled_from("aZz09 :/@.-_%+快é😡")))
def test_the_quick_reading_agrees_with_the_slow_one(text: str) -> None:
    assert written_language(text) == _by_removing_the_quoted(text)


def test_a_text_showing_no_language_has_none() -> None:
    assert written_language("SF1234567890 😡😡") is None
    assert written_language("https://t.cn/x, a@b.cn") is None
    assert written_language("SF1234567890 late") == "en"


# Han characters at the edges of their ranges and beside them, letters that are not ASCII
# (é, a full-width A), a lone surrogate, an emoji: counted as the slow reading counts them
_EDGES = "aZ09 :/@.快\u4dbf\u4dc0\ufa6d\ufa6e\ufad9\ufada\u00e9\uff21\ud800\U0001f621"


@given(st.text(alphabet=st.sampled_from(_EDGES)))
def test_counting_stops_once_the_characters_outweigh_the_letters(text: str) -> None:
    assert written_language(text) == _by_removing_the_quoted(text)


def test_characters_counted_against_every_letter_however_far_they_come() -> None:
    letters = "parcel " * 30  # 180 letters: 60 characters hold their own
    assert written_language(letters + "快" * 59 + "。") == "en"
    assert written_language(letters + "快" * 60 + "。") == "zh"
    assert written_language("快递" + "a" * 6) == "zh"
    assert written_language("快递" + "a" * 7) == "en"
