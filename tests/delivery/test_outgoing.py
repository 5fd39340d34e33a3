import uuid
from datetime import UTC, datetime

import attrs

from complaintkit.delivery.outgoing import Outgoing
from complaintkit.model.message import Message

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_delivery_ids_are_distinct_version_4_uuids() -> None:
    message = Message(to="a@example.com", subject="s", body="b", case_id="CK-1")
    ids = [Outgoing.message("log", message, T0).delivery_id for _ in range(2000)]
    assert len(set(ids)) == len(ids)
    for text in ids:
        parsed = uuid.UUID(text)
        assert str(parsed) == text
        assert (parsed.version, parsed.variant) == (4, uuid.RFC_4122)


def test_message_payload_is_every_field() -> None:
    message = Message(
        to="a@example.com", subject="s", body="b", role="customer", data={"template": "t"}
    )
    assert message.to_json() == attrs.asdict(message)
    assert list(message.to_json()) == [field.name for field in attrs.fields(Message)]
