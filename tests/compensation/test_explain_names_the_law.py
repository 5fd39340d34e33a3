"""An explanation of what a statutory pack pays names the law and the article it pays
under, beside the numbers: the row's ``description`` says it (消费者权益保护法 第五十五条,
食品安全法 第一百四十八条), yet ``explain`` showed only the row's id (``fraud-treble-damages``),
so an agent reading it out, or a customer shown it, was told 900.00 CNY and 500.00 CNY but
not which law owes them."""

from __future__ import annotations

from compensation_helpers import NOW, make_case, statutory

from complaintkit.model.money import Money


def test_treble_damages_are_explained_under_article_55() -> None:
    text = (
        statutory("cn-consumer-protection-art55.yaml")
        .decide(make_case("300.00"), {"fraud": True}, now=NOW)
        .explain()
    )
    assert "fraud-treble-damages: 消费者权益保护法第五十五条第一款" in text
    assert "300.00 CNY" in text
    assert "900.00 CNY" in text


def test_the_loss_and_twice_it_are_explained_under_article_55_paragraph_2() -> None:
    facts = {"known_defect_serious_harm": True, "loss": Money("100", "CNY")}
    text = (
        statutory("cn-consumer-protection-art55.yaml")
        .decide(make_case("300.00"), facts, now=NOW)
        .explain()
    )
    assert "known-defect-serious-harm: 消费者权益保护法第五十五条第二款" in text
    assert "200.00 CNY" in text


def test_ten_times_the_price_is_explained_under_article_148() -> None:
    text = (
        statutory("cn-food-safety-art148.yaml")
        .decide(make_case("50.00"), {"unsafe_food": True}, now=NOW)
        .explain()
    )
    assert "unsafe-food-damages: 食品安全法第一百四十八条第二款" in text
    assert "raised 500.00 CNY to 1000.00 CNY" in text


def test_every_row_of_the_chinese_packs_names_its_article() -> None:
    for pack, law in (
        ("cn-consumer-protection-art55.yaml", "消费者权益保护法第五十五条"),
        ("cn-food-safety-art148.yaml", "食品安全法第一百四十八条"),
    ):
        policy = statutory(pack)
        assert policy.descriptions
        for index, description in policy.descriptions.items():
            assert law in description, (pack, index, description)
