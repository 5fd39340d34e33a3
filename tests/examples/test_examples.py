"""Every example runs: the embedding script, the web app, and the acme plugin package."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.notify.base import Message
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.policytest import Runner, find_test_files
from complaintkit.testing.server import running_server
from loopback import loopback_client

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ACME = EXAMPLES / "plugin" / "complaintkit-acme"


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_script_embeds_a_desk_and_runs_a_day() -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "script" / "embed.py")],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    out = done.stdout
    assert "product/urgent → li.na; answer by 2026-11-23T11:00:00+08:00" in out
    assert "escalation level 1, tags ['food_safety', 'unanswered']" in out
    assert "earns 1012.50 CNY (refund, statutory_damages, statutory_damages)" in out
    assert "earns 20.00 CNY (voucher, apology)" in out


@pytest.fixture
def webapp() -> Iterator[tuple[httpx.Client, Desk]]:
    """The example app under uvicorn on a free localhost port."""
    module = _module(EXAMPLES / "webapp" / "app.py")
    clock = ManualClock(datetime(2026, 11, 24, 6, 0, tzinfo=UTC))
    desk = Desk(load_policy(module.POLICY), storage="memory:", clock=clock)
    with running_server(module.create_app(desk)) as url, loopback_client(base_url=url) as client:
        yield client, desk


def test_webapp_form_opens_a_case_and_shows_its_status(webapp: tuple[httpx.Client, Desk]) -> None:
    client, desk = webapp
    html = {"Accept": "text/html", "Accept-Language": "zh-CN"}
    assert "/complaints/" in client.get("/").text
    assert "提交投诉" in client.get("/complaints/", headers=html).text
    posted = client.post(
        "/complaints/",
        data={"name": "王芳", "order_id": "SO-1", "text": "快递五天了还没到"},
        headers=html,
        follow_redirects=False,
    )
    assert posted.status_code == 303
    status_url = posted.headers["location"]
    assert status_url.startswith("/complaints/status/")
    page = client.get(status_url, headers=html)
    assert page.status_code == 200
    assert '<strong id="status">已收到,等待受理</strong>' in page.text
    assert "物流与交付投诉" in page.text  # the policy's label for delivery
    assert "received" not in page.text
    assert "+00:00" not in page.text
    (case,) = desk.find()
    desk.respond(case.id, "新运单号 SF123", actor="ma.wuliu")
    assert "新运单号 SF123" in client.get(status_url, headers=html).text


def test_webapp_api_clients_get_a_status_url_that_resolves(
    webapp: tuple[httpx.Client, Desk],
) -> None:
    client, _ = webapp
    body = {"external_id": "WX-1", "customer": {"id": "u1"}, "text": "快递五天了还没到"}
    taken = client.post("/complaints/complaints", json=body)
    assert taken.status_code == 201
    status_url = taken.json()["status_url"]
    assert status_url.startswith("/complaints/status/")
    assert client.get(status_url).json()["status"] == "received"


def test_webapp_status_needs_the_token(webapp: tuple[httpx.Client, Desk]) -> None:
    client, desk = webapp
    posted = client.post("/complaints/", data={"text": "客服态度差"}, follow_redirects=False)
    assert posted.status_code == 303
    assert client.get("/complaints/status/wrong-token").status_code == 404
    # a case by its id is an agent's read: refused alike whether or not the case exists
    (case_id,) = desk.storage.case_ids()
    assert client.get(f"/complaints/cases/{case_id}").status_code == 401
    assert client.get("/complaints/cases/CK-NOPE").status_code == 401


def _acme_installed() -> bool:
    return any(ep.name == "acme" for ep in entry_points(group="complaintkit"))


needs_acme = pytest.mark.skipif(
    not _acme_installed(),
    reason=f"install the example plugin: pip install -e {ACME} (make test does)",
)


@needs_acme
def test_plugin_registers_notifier_operator_and_pack() -> None:
    plugins = Plugins()
    assert plugins.notifiers["acme_outbox"].plugin == "acme"
    assert plugins.operators["sku_prefix"].plugin == "acme"
    assert Path(plugins.policy_packs["acme/grocery"].value).is_file()


@needs_acme
def test_plugin_pack_is_extended_and_its_operator_classifies(tmp_path: Path) -> None:
    policy_file = tmp_path / "store.yaml"
    policy_file.write_text(
        "complaintkit: 1\nname: my-store\nextends: acme/grocery\n"
        "teams: {cold-chain: {default_owner: my.cold}}\n",
        encoding="utf-8",
    )
    policy = load_policy(policy_file, Plugins())
    desk = Desk(policy, storage="memory:", plugins=Plugins())
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "1",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": "c"},
            "text": "box open",
            "product": "FRZ-9",
        }
    )
    assert (case.category, case.priority, case.owner) == ("product", "urgent", "my.cold")


@needs_acme
def test_plugin_notifier_appends_json_lines(tmp_path: Path) -> None:
    factory = Plugins().notifiers["acme_outbox"].value
    notifier = factory(path=str(tmp_path / "out.jsonl"))
    notifier.send(Message(to="acme.cold", subject="新投诉", body="product / urgent"))
    (line,) = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["subject"] == "新投诉"


@needs_acme
def test_plugin_pack_policy_tests_pass() -> None:
    results = Runner(Plugins()).run_files(find_test_files([ACME]))
    assert len(results) == 3
    assert all(r.passed for r in results), [r.to_json() for r in results if not r.passed]


@given(
    prefix=st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=6),
    rest=st.text(alphabet="0123456789", max_size=5),
)
@settings(max_examples=30)
def test_sku_prefix_ignores_case_in_the_prefix_as_in_the_product(prefix: str, rest: str) -> None:
    """`sku_prefix: frz-` is `FRZ-` (the pack's test matches product chl-77 with CHL-): a
    prefix written in lower case matched no product at all."""
    plugin = _module(ACME / "src" / "complaintkit_acme" / "plugin.py")
    for written in (prefix.lower(), prefix.upper()):
        matches = plugin.sku_prefix([written])
        assert matches(prefix.upper() + rest)
        assert matches(prefix.lower() + rest)
    assert not plugin.sku_prefix(prefix)("#" + prefix)
