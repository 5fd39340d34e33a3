"""``complaintkit serve``: the HTTP API under uvicorn."""

from __future__ import annotations

import ipaddress
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import click

from complaintkit.api.link_lifetime import DEFAULT_LIFETIME, LONGEST_DAYS
from complaintkit.api.refusals_kept import DEFAULT_COUNT as REFUSALS_KEPT
from complaintkit.api.refusals_kept import DEFAULT_PERIOD as REFUSALS_KEPT_PERIOD
from complaintkit.cli.context import App, Seconds, pass_app
from complaintkit.cli.errors import one_line
from complaintkit.cli.in_flight import wait_for_the_one_in_flight
from complaintkit.cli.period_option import PeriodSeconds
from complaintkit.desk import Desk
from complaintkit.errors import ComplaintkitError, ConfigError
from complaintkit.notify.signing import DEFAULT_WINDOW, LONGEST_WINDOW, secret_problem

if TYPE_CHECKING:
    import uvicorn

SECRET_VARIABLE = "COMPLAINTKIT_HTTP_SECRET"  # noqa: S105 -- its name, not a secret
#: The most refused bodies kept per sender: all senders together keep ten times that, each
#: up to --max-body, and every one is remembered for the period.
MOST_REFUSALS_KEPT = 1000


def _secret(value: str | None) -> str | None:
    """``--secret`` as given, refused as a usage error when anyone could sign with it. Click
    reads an environment variable set to nothing as not given: the variable set but empty
    (``"$HMAC_SECRET"`` of an unset one) would serve unsigned, so it is refused too."""
    if value is None and os.environ.get(SECRET_VARIABLE) is not None:
        problem = secret_problem(os.environ[SECRET_VARIABLE])
        raise click.BadParameter(
            f"{SECRET_VARIABLE} is set but {problem}; unset it to take unsigned requests",
            param_hint="--secret",
        )
    problem = None if value is None else secret_problem(value)
    if problem is not None:
        raise click.BadParameter(problem, param_hint="--secret")
    return value


def _agent_tokens(pairs: tuple[str, ...]) -> dict[str, str]:
    """Each ``NAME=TOKEN`` as token → name. A refusal names the agent, never the pair: a
    token given without its name is all secret, and usage errors end up in logs."""
    tokens: dict[str, str] = {}
    for number, pair in enumerate(pairs, 1):
        name, sep, token = pair.partition("=")
        if not sep or not name or len(token) < 16:
            which = f"of {name!r:.60}" if sep and name else f"number {number} (no NAME=)"
            raise click.BadParameter(
                f"the token {which}: write NAME=TOKEN with a token of at least 16 characters",
                param_hint="--agent-token",
            )
        if not _utf8(name + token):
            which = f"of {name!r:.60}" if _utf8(name) else f"number {number}"
            raise click.BadParameter(
                f"the name or token {which} is not UTF-8 text: it holds a byte the shell could "
                "not decode; give NAME=TOKEN in UTF-8",
                param_hint="--agent-token",
            )
        if token in tokens:  # the actor recorded is the token's name: one per agent
            raise click.BadParameter(
                f"the token of {name!r:.60} is the token of {tokens[token]!r:.60} too; "
                "give each agent a token of their own",
                param_hint="--agent-token",
            )
        tokens[token] = name
    return tokens


def _trusted_proxies(value: str | None) -> tuple[str, ...]:
    """The addresses and networks of ``--forwarded-allow-ips``; ``()`` when not given, so
    that ``X-Forwarded-For`` is read from no one. Only addresses: ``*`` would believe any
    client's header, and a host name is resolved by no one here."""
    if value is None:
        return ()
    proxies = []
    for number, item in enumerate(value.split(","), 1):
        try:
            proxies.append(str(ipaddress.ip_network(item.strip(), strict=False)))
        except ValueError:
            raise click.BadParameter(
                f"item {number} ({item.strip()!r:.60}) is no IP address or network; give the "
                "proxies' addresses, separated by commas (10.0.0.5,192.168.0.0/16)",
                param_hint="--forwarded-allow-ips",
            ) from None
    return tuple(proxies)


def server_config(
    api: Any,
    host: str,
    port: int,
    http: Any,
    trusted_proxies: tuple[str, ...],
    log_level: str | None = None,
) -> uvicorn.Config:
    """uvicorn's settings for ``api``. uvicorn believes ``X-Forwarded-For`` from 127.0.0.1
    unless told otherwise, and a sender naming any address in it would be counted
    (``refusals_kept``) as that address: it is read only from ``trusted_proxies``. The
    same settings serve tests (``testing.server.running_server``)."""
    import uvicorn  # noqa: PLC0415 -- the server extra, imported only when serving

    return uvicorn.Config(
        api,
        host=host,
        port=port,
        http=http,
        log_level=log_level,
        proxy_headers=bool(trusted_proxies),
        forwarded_allow_ips=list(trusted_proxies),
    )


def _utf8(text: str) -> bool:
    """Whether ``text`` holds no lone surrogate (a byte of an argument not in UTF-8)."""
    return not any("\ud800" <= char <= "\udfff" for char in text)


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (0.0.0.0: every IPv4 interface).",
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="TCP port to listen on (0: any free one).",
)
@click.option(
    "--secret",
    envvar=SECRET_VARIABLE,
    callback=lambda ctx, param, value: _secret(value),
    help="Require an HMAC-SHA256 signature on POST /complaints (env COMPLAINTKIT_HTTP_SECRET).",
)
@click.option(
    "--agent-token",
    "agent_tokens",
    multiple=True,
    metavar="NAME=TOKEN",
    envvar="COMPLAINTKIT_AGENT_TOKENS",
    help="An agent allowed to act on cases; repeat for more (env, space-separated).",
)
@click.option(
    "--max-body",
    default=64 * 1024,
    show_default=True,
    type=click.IntRange(min=1),
    help="Bytes of a JSON request body (the form takes what its fields can hold).",
)
@click.option(
    "--channel",
    default="http",
    show_default=True,
    help="Channel of complaints taken in over HTTP (half of their idempotency key).",
)
@click.option(
    "--signature-window",
    default=DEFAULT_WINDOW,
    show_default=True,
    type=PeriodSeconds(LONGEST_WINDOW, "a day, the longest signature window"),
    help="Seconds a signed request's timestamp may be off the server's clock (at most a day).",
)
@click.option(
    "--body-timeout",
    default=60.0,
    show_default=True,
    type=Seconds(0.1),
    help="Seconds from a request's headers to its body's end; a body slower than that is "
    "refused (408) and what came of a complaint kept as a dead letter.",
)
@click.option(
    "--header-timeout",
    default=10.0,
    show_default=True,
    type=Seconds(0.1),
    help="Seconds a connection may take to send a request's headers, from its opening or "
    "its last answer, before it is closed.",
)
@click.option(
    "--form/--no-form",
    default=None,
    help="Serve the public complaint form at / [default: only without --secret]. Anyone "
    "who reaches it can have acknowledgements sent to any address they type.",
)
@click.option(
    "--form-acknowledgements",
    default=5,
    show_default=True,
    type=click.IntRange(min=0),
    help="Complaints giving one address, from the form or (without --secret) POST "
    "/complaints, that are acknowledged per --form-acknowledgement-period; later ones "
    "are kept, not acknowledged.",
)
@click.option(
    "--form-acknowledgement-period",
    default=3600,
    show_default=True,
    type=PeriodSeconds(),
    help="Seconds over which --form-acknowledgements are counted.",
)
@click.option(
    "--refusals-kept",
    default=REFUSALS_KEPT,
    show_default=True,
    type=click.IntRange(1, MOST_REFUSALS_KEPT),
    help="Without --secret: refused bodies kept as dead letters per sender address in any "
    "--refusals-kept-period (all senders together, ten times that); later ones are "
    f"answered saying they were not kept (at most {MOST_REFUSALS_KEPT}).",
)
@click.option(
    "--refusals-kept-period",
    default=int(REFUSALS_KEPT_PERIOD.total_seconds()),
    show_default=True,
    type=PeriodSeconds(86_400, "a day"),
    help="Seconds over which --refusals-kept are counted (at most a day).",
)
@click.option(
    "--status-link-days",
    default=DEFAULT_LIFETIME.days,
    show_default=True,
    type=click.IntRange(1, LONGEST_DAYS),
    help="Days a customer's status link shows a case that ended, after its last change; "
    f"then it says the link expired (an open case's never does; at most {LONGEST_DAYS}).",
)
@click.option(
    "--forwarded-allow-ips",
    "trusted_proxies",
    metavar="ADDRESSES",
    envvar="COMPLAINTKIT_FORWARDED_ALLOW_IPS",
    callback=lambda ctx, param, value: _trusted_proxies(value),
    help="Proxies (IP addresses or networks, comma-separated) whose X-Forwarded-For names "
    "the sender; without it the header is believed from no one [env "
    "COMPLAINTKIT_FORWARDED_ALLOW_IPS].",
)
@pass_app
def serve(
    app: App,
    host: str,
    port: int,
    secret: str | None,
    agent_tokens: tuple[str, ...],
    max_body: int,
    channel: str,
    signature_window: int,
    body_timeout: float,
    header_timeout: float,
    form: bool | None,
    form_acknowledgements: int,
    form_acknowledgement_period: int,
    refusals_kept: int,
    refusals_kept_period: int,
    status_link_days: int,
    trusted_proxies: tuple[str, ...],
) -> None:
    """Serve the HTTP API: the complaint form at /, POST /complaints, GET /status/{token},
    agent actions, GET /events, /openapi.json. Delivers notifications from the outbox while it runs."""
    try:  # the server extra is optional; import it only when serving
        import uvicorn  # noqa: PLC0415

        from complaintkit.api.app import create_app  # noqa: PLC0415
        from complaintkit.api.header_deadline import headers_in_time  # noqa: PLC0415
    except ImportError as exc:
        raise ConfigError(
            f"complaintkit serve needs the server extra ({exc.name} is missing): "
            "pip install 'complaintkit[server]'"
        ) from None
    tokens = _agent_tokens(agent_tokens)  # a usage error before the port is taken
    listener = _listening_socket(host, port)
    with listener:  # closed too when the settings are refused
        desk = app.desk()
        api = create_app(
            desk,
            secret=secret,
            agent_tokens=tokens,
            max_body=max_body,
            channel=channel,
            signature_window=signature_window,
            body_timeout=body_timeout,
            form=form,
            form_acknowledgements=form_acknowledgements,
            form_acknowledgement_period=timedelta(seconds=form_acknowledgement_period),
            refusals_kept=refusals_kept,
            refusals_kept_period=timedelta(seconds=refusals_kept_period),
            status_link_lifetime=timedelta(days=status_link_days),
        )
        http = headers_in_time(header_timeout)  # uvicorn waits for headers for ever
        server = uvicorn.Server(server_config(api, host, port, http, trusted_proxies))
        with delivering(desk), suppress(KeyboardInterrupt):  # Ctrl-C: a clean stop
            server.run(sockets=[listener])
    if not server.started:  # uvicorn logged why (the application failed to start)
        raise ComplaintkitError("the HTTP server did not start")


def _listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port``, bound here so that an address in use or a host
    that is no address is one error line and exit 1 rather than uvicorn's log and exit 3.
    A name with an empty label or one over 63 characters fails in the IDNA codec, before
    any lookup, as a ``UnicodeError``."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        listener = socket.socket(family, kind, proto)
    except UnicodeError as exc:
        raise ConfigError(
            f"cannot listen on {host}:{port}: no host name or address ({exc})"
        ) from None
    except OSError as exc:
        raise ConfigError(f"cannot listen on {host}:{port}: {one_line(exc)}") from None
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
    except OSError as exc:
        listener.close()
        raise ConfigError(f"cannot listen on {host}:{port}: {one_line(exc)}") from None
    return listener


@contextmanager
def delivering(desk: Desk, interval: float = 5.0) -> Iterator[None]:
    """Run the delivery worker on a thread for the block: it sends as soon as a request
    enqueued something, and looks again every ``interval`` seconds for retries. At the
    end it stops as the worker loops do (``cli.in_flight``): a delivery being sent is said
    to be awaited, for ``STOP_PATIENCE`` at most or until a second Ctrl-C, and one still in
    flight then is left pending."""
    if desk.notifications is None:
        yield
        return
    stop, sending, ended = threading.Event(), threading.Event(), threading.Event()
    worker = desk.notifications.worker()

    def run() -> None:
        try:
            worker.run_forever(stop, interval=interval, wake=desk.outbox_ready, sending=sending)
        finally:
            ended.set()

    threading.Thread(target=run, name="complaintkit-delivery", daemon=True).start()
    try:
        yield
    finally:
        stop.set()
        desk.outbox_ready.set()
        wait_for_the_one_in_flight("serve", ended, sending)
