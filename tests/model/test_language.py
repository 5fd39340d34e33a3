import re

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.model.language import detect_language


def _by_character(text: str) -> str:
    """The rule, one character at a time: Han characters (a word is about three letters)
    against Latin letters."""
    han = len(re.findall(r"[\u3400-\u9fff\uf900-\ufaff]", text))
    return "zh" if han and han * 3 >= len(re.findall(r"[A-Za-z]", text)) else "en"


def test_script_decides() -> None:
    assert detect_language("快递三天没到") == "zh"
    assert detect_language("parcel is late") == "en"
    assert detect_language("快递 parcel is late") == "en"
    assert detect_language("快递没到 late") == "zh"
    assert detect_language("café au lait") == "en"
    assert detect_language("") == "en"


@given(st.text(alphabet=st.sampled_from("ab Z快递豈\u3400\u9fff\ufaff\u33ff\ua000é。1")))
def test_runs_count_as_their_characters(text: str) -> None:
    assert detect_language(text) == _by_character(text)
