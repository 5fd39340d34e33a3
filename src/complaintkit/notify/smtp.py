"""The SMTP notifier: one e-mail per message through smtplib, UTF-8 throughout."""

from __future__ import annotations

import contextlib
import email.policy
import ipaddress
import smtplib
import socket
import ssl
from collections.abc import Sequence
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import TYPE_CHECKING

from complaintkit.clock import Clock, SystemClock
from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.errors import ConfigError
from complaintkit.notify.base import Message
from complaintkit.notify.http_deadline import Watchdog
from complaintkit.notify.idna_name import NoDomainName, UnsureDomain, ascii_domain
from complaintkit.notify.mail_address import one_address
from complaintkit.notify.mail_domain import mail_domain_trouble
from complaintkit.notify.mail_header import (
    MAX_LINE,
    reads_back,
    recipient,
    set_subject,
    subject_text,
)
from complaintkit.notify.name_trouble import name_trouble
from complaintkit.notify.options import port_number, text_option, timeout_seconds
from complaintkit.notify.signing import DELIVERY_HEADER, header_delivery_id
from complaintkit.notify.smtp_reply import ReplyLines, one_line
from complaintkit.notify.tls_trouble import tls_trouble
from complaintkit.notify.visible_text import visible
from complaintkit.options import yes_or_no

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

    from complaintkit.desk.context import PluginContext


class SmtpNotifier:
    """Sends through ``host:port``; ``starttls`` upgrades the connection before logging in,
    ``implicit_tls`` speaks TLS from the first byte (SMTPS, port 465: the one port some
    providers offer). A login goes over a connection in clear text only to a server on this
    machine, or when ``plaintext_login`` says so: anyone on the way would read the password.

    Subjects and bodies are UTF-8 (RFC 2047 encoded words in headers), so Chinese and
    English messages arrive intact. A recipient that is not exactly one e-mail address (a
    phone number, two addresses) is refused for good: the message becomes a dead letter
    rather than a delivery to whatever part of it parses. Control and bidi characters in the
    subject, the recipient's name and the body are shown as ``[U+XXXX]``. A connection is opened per message: notifications are
    infrequent and a long-lived SMTP session would time out between them.
    """

    def __init__(
        self,
        *,
        sender: str,
        host: str = "localhost",
        port: int | str = 25,
        starttls: bool | str = False,
        implicit_tls: bool | str = False,
        plaintext_login: bool | str = False,
        username: str | None = None,
        password: str | None = None,
        timeout: float | str = 30.0,
        context: PluginContext | None = None,
    ) -> None:
        address = one_address(sender) if isinstance(sender, str) else None
        if address is None:  # else every message would fail, or go out From two senders
            raise ConfigError(f"smtp notifier: sender {sender!r} is not exactly one e-mail address")
        #: the sender's domain in IDNA, like a recipient's; it also ends each Message-ID
        try:
            self.domain = envelope_address(address.addr_spec).rpartition("@")[2]
        except UnsureDomain as exc:
            raise ConfigError(f"smtp notifier: sender {visible(sender)!r}: {exc}") from None
        self.sender = Address(address.display_name, address.username, self.domain)
        if not reads_back(self.sender):  # else every message goes out From a garbled line
            raise ConfigError(
                f"smtp notifier: sender {sender!r:.200} would not read back as one address "
                "on lines a server takes: a long name holding ':', ',' or ';' is written "
                f"unquoted when its line is folded, and a word longer than {MAX_LINE} "
                "characters is no line; shorten the name"
            )
        self.host = text_option("smtp", "host", host) or "localhost"
        self.port = port_number("smtp", port)
        self.starttls = yes_or_no(starttls, "smtp notifier: starttls")
        self.implicit_tls = yes_or_no(implicit_tls, "smtp notifier: implicit_tls")
        if self.starttls and self.implicit_tls:  # one server speaks one of them on a port
            raise ConfigError(
                "smtp notifier: starttls and implicit_tls are both yes, and a port speaks one "
                "of them: implicit_tls: yes for a port that speaks TLS from its first byte "
                "(465), starttls: yes for one that greets in clear text first (587, 25)"
            )
        self.username = text_option("smtp", "username", username)
        self.password = text_option("smtp", "password", password)
        self.plaintext_login = yes_or_no(plaintext_login, "smtp notifier: plaintext_login")
        encrypted = self.starttls or self.implicit_tls
        in_clear = not (encrypted or self.plaintext_login or on_this_machine(self.host))
        if self.username and in_clear:
            raise ConfigError(
                f"smtp notifier: logging in to {self.host} as {self.username!r} without "
                "TLS would send the password in clear text to anyone on the way; "
                "set starttls: yes (implicit_tls: yes on port 465), or, for a relay on a "
                "network you trust, plaintext_login: yes"
            )
        self.timeout = timeout_seconds("smtp", timeout)
        self.clock: Clock = context.clock if context is not None else SystemClock()

    def email(self, message: Message) -> EmailMessage:
        to = one_address(message.to)
        if to is None:
            raise DeliveryFailed(
                f"no e-mail address: {visible(message.to)!r} is not exactly one e-mail address",
                final=True,
            )
        mail = EmailMessage(policy=_SEVEN_BIT)
        mail["From"] = self.sender
        # the domain in IDNA, as every server takes it (a domain that is not ASCII needs
        # SMTPUTF8); send_message takes the envelope recipient from this header
        try:
            domain = envelope_address(to.addr_spec).rpartition("@")[2]
        except UnsureDomain as exc:  # mailed to one reading, the letter may reach a stranger
            raise DeliveryFailed(f"recipient {visible(message.to)!r}: {exc}", final=True) from None
        mail["To"] = recipient(Address(to.display_name, to.username, domain))
        # one line: a template may put the customer's own subject there, line breaks and all
        # (plain or in encoded words), and they could add headers of their own
        set_subject(mail, subject_text(message.subject))
        mail["Date"] = format_datetime(self.clock.now())
        mail["Message-ID"] = self.message_id(message.delivery_id)
        delivery_id = header_delivery_id(message.delivery_id)
        if delivery_id is not None:
            mail[DELIVERY_HEADER] = delivery_id
        if message.case_id:  # written as the subject: a Message's case id may be anything
            set_subject(mail, subject_text(message.case_id), "X-Complaintkit-Case")
        # software wrote it (RFC 3834): a customer's out-of-office responder does not answer
        # it, which would open a case whose acknowledgement it answers again — a mail loop
        mail["Auto-Submitted"] = "auto-generated"
        mail.set_content(visible(message.body, keep="\r\n\t"), charset="utf-8")
        return mail

    def message_id(self, delivery_id: str) -> str:
        """``<delivery-id@sender-domain>``: the same on every attempt at one delivery, so a
        receiver that got the message before can drop the repeat. A message sent outside
        the outbox (no delivery id, or one unfit for the header) gets a fresh one."""
        if header_delivery_id(delivery_id) is not None:
            return f"<{delivery_id}@{self.domain}>"
        return make_msgid(domain=self.domain)

    def send(self, message: Message) -> None:
        """One attempt, within ``timeout`` as a whole (a server answering a line at a time
        cannot hold the worker). A refusal no retry can fix (a 5xx to the sender, a
        recipient or the message, a mailbox name only an SMTPUTF8 server takes) is a final
        ``DeliveryFailed``. Once
        the server has accepted the message it is delivered, whatever it answers to QUIT:
        counting that as a failure would send the message again at every retry."""
        mail = self.email(message)
        with Watchdog(self.timeout) as watchdog:
            server: _Session | None = None
            try:
                server = _Session(watchdog, self.host, self.port, self.timeout, self.tls_at_once)
                self._hand_over(server, mail)
                with contextlib.suppress(OSError):  # accepted: the goodbye changes nothing
                    server.quit()
            except EndUnread as exc:
                raise DeliveryFailed(
                    f"smtp {self.host}:{self.port}: answered the message's end with "
                    f"{exc.said!r:.120}, which is no SMTP reply: whether it kept the message "
                    "is unknown, so it is not sent again (at every retry the customer could "
                    f"get it once more); look for Message-ID {mail['Message-ID']} in the "
                    "server's log, and if it is not there send it again (complaintkit outbox "
                    f"requeue {visible(message.delivery_id) or '<delivery id>'})",
                    final=True,
                ) from None
            except OSError as exc:  # smtplib's errors too
                if isinstance(exc, smtplib.SMTPResponseException):  # an answer, however late
                    raise self.refusal(exc) from None
                if watchdog.ran_out(exc):
                    said = (
                        ungreeted(self.host, self.port, self.timeout)
                        if isinstance(exc, Ungreeted)
                        else f"smtp {self.host}:{self.port}: no answer within {self.timeout:g} s"
                    )
                    raise DeliveryFailed(said, unanswered=True) from None
                asked = "implicit_tls: yes" if self.implicit_tls else "starttls: yes"
                trouble = (
                    tls_trouble(exc, asked, asked.replace("yes", "no"))
                    or name_trouble(exc, self.host, "host")
                    or hung_up(exc, server)
                )
                said = trouble or str(exc) or type(exc).__name__  # which server, of several
                raise DeliveryFailed(f"smtp {self.host}:{self.port}: {said}") from exc
            finally:
                if server is not None:
                    server.close()

    @property
    def tls_at_once(self) -> ssl.SSLContext | None:
        """The context a connection speaks TLS with from its first byte, if it does; made
        for each attempt, so a CA added to the trust store counts at the next retry."""
        return ssl.create_default_context() if self.implicit_tls else None

    def refusal(self, exc: smtplib.SMTPResponseException) -> DeliveryFailed:
        """The server's answer in its own words, and at which step. A 5xx to the sender or
        the message is final (RFC 5321: the same transaction will be refused again); a 4xx,
        and a refusal of the greeting (the server's setup, fixed in time), are retried; a
        login's is ``_log_in``'s."""
        step = next((what for kind, what in _STEPS if isinstance(exc, kind)), "answered")
        if isinstance(exc, smtplib.SMTPSenderRefused):
            step = f"{step} {exc.sender}"
        reply = one_line(exc.smtp_error)
        if not isinstance(exc, GreetingsRefused):  # its words hold each reply's own code
            reply = f"{exc.smtp_code} {reply}"
        permanent = isinstance(exc, _TRANSACTION) and 500 <= exc.smtp_code <= 599
        return DeliveryFailed(f"smtp {self.host}:{self.port}: {step}: {reply}", final=permanent)

    def _hand_over(self, server: _Session, mail: EmailMessage) -> None:
        if self.starttls:
            server.starttls(context=ssl.create_default_context())
            if server.sock is not None:  # the TLS socket that now carries the session
                server.watchdog.watch(server.sock)
        if self.username:
            self._log_in(server)
        try:
            server.send_message(mail)
        except smtplib.SMTPRecipientsRefused as exc:
            raise refused(exc, f"{self.host}:{self.port}") from None
        except smtplib.SMTPSenderRefused as exc:
            if exc.smtp_code == TOO_LARGE:
                raise self.too_large(server, mail, exc) from None
            if exc.smtp_code != 530:  # the sender refused; else the session wants more first
                raise
            raise DeliveryFailed(
                f"smtp {self.host}:{self.port}: takes no mail before STARTTLS or a login: "
                f"530 {one_line(exc.smtp_error)}: set starttls: yes, or username and "
                f"password, as the server asks; {REQUEUE}",
                final=True,
            ) from None
        except smtplib.SMTPNotSupportedError:  # the sender's mailbox, or the recipient's
            mailboxes = [a.addr_spec for field in ("From", "To") for a in mail[field].addresses]
            wide = ", ".join(m for m in mailboxes if not m.isascii())
            raise DeliveryFailed(
                f"smtp {self.host}:{self.port}: {wide} needs a server that speaks SMTPUTF8 "
                "(a mailbox name that is not ASCII); this one does not",
                final=True,
            ) from None

    def too_large(
        self, server: _Session, mail: EmailMessage, exc: smtplib.SMTPSenderRefused
    ) -> DeliveryFailed:
        """A ``552`` to ``MAIL FROM``: the message's declared size is over the server's fixed
        limit (RFC 1870), not a sender it refuses; final, as the same message is refused
        alike at every retry."""
        size = len(mail.as_bytes(policy=mail.policy.clone(linesep="\r\n")))
        limit = server.esmtp_features.get("size", "")
        takes = (
            f", and the server takes at most {limit} bytes (its SIZE)" if limit.isdigit() else ""
        )
        return DeliveryFailed(
            f"smtp {self.host}:{self.port}: refused the message as too large: {TOO_LARGE} "
            f"{one_line(exc.smtp_error)}: it is {size} bytes{takes}; shorten the template "
            f"or have the server's limit raised, then send it again (complaintkit outbox "
            "requeue <delivery id>)",
            final=True,
        )

    def _log_in(self, server: _Session) -> None:
        """Log in as ``username``; a login no retry can mend (the server offers none, or
        none smtplib speaks, or refuses the account for good: a 5xx) is a final
        ``DeliveryFailed`` saying what to mend, where retried it was refused alike for
        hours before the delivery became a dead letter anyway."""
        where = f"smtp {self.host}:{self.port}"
        server.ehlo_or_helo_if_needed()
        offered = server.esmtp_features.get("auth", "").split()
        over = (
            "after STARTTLS"
            if self.starttls
            else "over TLS"
            if self.implicit_tls
            else "without STARTTLS (starttls: no)"
        )
        if not server.has_extn("auth"):
            raise DeliveryFailed(
                f"{where}: offers no login (AUTH) {over}, and the notifier has a username: "
                "set starttls: yes for a server that offers it only over TLS, or leave out "
                f"username and password for one that takes mail without; {REQUEUE}",
                final=True,
            )
        if not {"CRAM-MD5", "PLAIN", "LOGIN"} & {name.upper() for name in offered}:
            raise DeliveryFailed(
                f"{where}: offers login by {' '.join(offered)} only, and complaintkit logs in "
                f"by PLAIN, LOGIN or CRAM-MD5: use a server or port that offers one; {REQUEUE}",
                final=True,
            )
        try:
            server.login(self.username or "", self.password or "")
        except smtplib.SMTPAuthenticationError as exc:
            if not 500 <= exc.smtp_code <= 599:
                raise
            raise DeliveryFailed(
                f"{where}: refused the login as {self.username!r}: {exc.smtp_code} "
                f"{one_line(exc.smtp_error)}: mend the notifier's username and password; {REQUEUE}",
                final=True,
            ) from None


def hung_up(exc: OSError, server: _Session | None) -> str | None:
    """The step at which the server hung up (``exc``), for a session it closed: before its
    greeting (it takes no mail from this machine, or is overloaded), or after a command
    (a sender, a recipient or a message refused in silence); None for another failure."""
    if isinstance(exc, Ungreeted):
        return f"the server hung up before its greeting ({exc})"
    if isinstance(exc, smtplib.SMTPServerDisconnected) and server is not None:
        return f"the server hung up after {_STEP_NAMES.get(server.command, server.command)} ({exc})"
    return None


def on_this_machine(host: str) -> bool:
    """Whether ``host`` names this machine: ``localhost`` or a loopback address (a name
    is not looked up: what it resolves to may change)."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class _Session(smtplib.SMTP):
    """An SMTP connection whose socket ``watchdog`` shuts down when the attempt's time is up
    (smtplib's own timeout bounds each read, not the whole exchange), and whose replies are
    read a bounded number of lines at most."""

    def __init__(
        self,
        watchdog: Watchdog,
        host: str,
        port: int,
        timeout: float,
        tls_at_once: ssl.SSLContext | None = None,
    ) -> None:
        self.watchdog = watchdog
        self.tls_at_once = tls_at_once
        self.lines: ReplyLines | None = None
        self.sent = 0  # what ``send`` wrote: commands, and a message after DATA's 354
        self.command = ""  # the command sent last (none yet: the greeting is awaited)
        self.reached = False  # connected: what failed after it is the greeting
        try:
            super().__init__(host, port, timeout=timeout)  # connects; STARTTLS checks this host
        except smtplib.SMTPResponseException:  # a greeting, refusing
            raise
        except NoReply:  # words that are no greeting: smtplib leaves the socket open
            self.close()
            raise
        except OSError as exc:
            if self.reached:
                raise Ungreeted(str(exc)) from exc
            raise

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        sock = self.watchdog.connection((host, port), timeout, self.source_address)
        self.reached = True
        if self.tls_at_once is None:
            return sock
        wrapped = self.tls_at_once.wrap_socket(sock, server_hostname=host)
        self.watchdog.watch(wrapped)  # the socket that now carries the session
        return wrapped

    def getreply(self) -> tuple[int, bytes]:
        """smtplib's, over a stream that refuses a reply without end (``smtp_reply``); made
        anew, as smtplib makes its own, for the TLS socket after STARTTLS. Words without a
        reply code (smtplib's code -1, the words cut by four characters) raise ``NoReply``
        quoting them whole, at the step they answered."""
        if self.file is None and self.sock is not None:
            self.file = self.lines = ReplyLines(self.sock.makefile("rb"))
        try:
            code, reply = super().getreply()
        except smtplib.SMTPResponseException:  # smtplib's own 500 for a line too long
            if self.lines is None or len(self.lines.last) <= LONGEST_REPLY_LINE:
                raise
            code = -1
        if code == -1 and self.lines is not None:
            raise NoReply(self.lines.last, _STEP_NAMES.get(self.command, self.command))
        return code, reply

    def ehlo_or_helo_if_needed(self) -> None:
        """smtplib's, but a server that refused EHLO and hung up before HELO (a listed
        address refused) is told by its refusal of EHLO, not the hang-up: its words say
        why it refused this machine; one that refused HELO too is told by both."""
        if self.helo_resp is not None or self.ehlo_resp is not None:
            return
        code, reply = self.ehlo()
        if 200 <= code <= 299:
            return
        try:
            helo_code, helo_reply = self.helo()
        except smtplib.SMTPServerDisconnected:
            raise smtplib.SMTPHeloError(code, reply) from None
        if not 200 <= helo_code <= 299:
            raise GreetingsRefused((code, reply), (helo_code, helo_reply))

    def putcmd(self, cmd: str, args: str = "") -> None:
        self.command = cmd.upper()
        super().putcmd(cmd, args)

    def send(self, s: ReadableBuffer | str) -> None:
        super().send(s)
        self.sent += 1

    def data(self, msg: ReadableBuffer | str) -> tuple[int, bytes]:
        """smtplib's, reading the answer to the message's end by its first digit (RFC 5321
        4.2.1): any 2xx accepted it, where smtplib takes ``250`` alone and a ``251`` read
        as a refusal sent the message again at every retry. A DATA command not answered
        ``354`` raises before the message is sent, so a 2xx to it accepts nothing. An
        answer to the message's end that is no reply (``NoReply``: no code, or a line too
        long) raises ``EndUnread``: the server read the message and may have kept it."""
        before = self.sent
        try:
            code, reply = super().data(msg)
        except NoReply as exc:
            if self.sent - before < 2:  # the DATA command's answer: nothing was sent
                raise
            raise EndUnread(exc.line) from None
        return _completed(code, reply)

    def mail(self, sender: str, options: Sequence[str] = ()) -> tuple[int, bytes]:
        """smtplib's, its answer read by its first digit (``data``)."""
        return _completed(*super().mail(sender, options))

    def rcpt(self, recip: str, options: Sequence[str] = ()) -> tuple[int, bytes]:
        """smtplib's, its answer read by its first digit (``data``): a 252 took the
        recipient, where smtplib refused it and the message was never sent."""
        return _completed(*super().rcpt(recip, options))


#: The answer to ``MAIL FROM`` for a message over the server's fixed size (RFC 1870).
TOO_LARGE = 552

#: What to do once a notifier's options that every delivery failed on are mended.
REQUEUE = "then send its dead deliveries again (complaintkit outbox requeue --all --via <notifier>)"


class NoReply(OSError):
    """The server answered ``step`` with ``line``, which holds no SMTP reply code: most
    often another protocol's server on that port (SSH, HTTP), else a broken relay."""

    def __init__(self, line: bytes, step: str) -> None:
        said = line.rstrip(b"\r\n").decode("utf-8", "replace")
        what = (
            f"a line of more than {LONGEST_REPLY_LINE} bytes, which is"
            if len(line) > LONGEST_REPLY_LINE
            else "what is"
        )
        super().__init__(
            f"answered {step} with {what} no SMTP reply: {visible(said)!r:.120}: check that "
            "the notifier's host and port are an SMTP server's (25, or 587 with starttls: yes, "
            "or 465 with implicit_tls: yes)"
        )
        self.line = line


#: The longest reply line smtplib reads (``smtplib._MAXLINE``); RFC 5321 allows 512.
LONGEST_REPLY_LINE = 8192


#: The steps of a session, by the command they answer (none: the server's greeting).
_STEP_NAMES = {"": "its greeting", "MAIL": "MAIL FROM", "RCPT": "RCPT TO"}


class GreetingsRefused(smtplib.SMTPHeloError):
    """The server refused EHLO, then HELO: its code is HELO's, its words both replies, as
    the refusal of EHLO most often says why (a listed address) and HELO's alone does not."""

    def __init__(self, ehlo: tuple[int, bytes], helo: tuple[int, bytes]) -> None:
        both = b"EHLO: %d %s; HELO: %d %s" % (ehlo[0], ehlo[1], helo[0], helo[1])
        super().__init__(helo[0], both)


class Ungreeted(OSError):
    """The server took the connection and never greeted (hung up, or the time ran out)."""


#: The port of SMTP over TLS from the first byte (SMTPS, RFC 8314), which never greets a
#: client that makes no handshake.
SMTPS_PORT = 465


def ungreeted(host: str, port: int, timeout: float) -> str:
    """Why a server that took the connection sent no greeting within ``timeout`` seconds,
    and what to do: most often a slow server (busy, or delaying its greeting against spam),
    whose time is the notifier's timeout; on port 465, a server speaking TLS from its first
    byte, which waits for a handshake this notifier (STARTTLS) never makes."""
    said = (
        f"smtp {host}:{port}: no answer within {timeout:g} s: connected, but the server "
        "sent no greeting (its 220) in that time"
    )
    slow = (
        f"a server slow to greet (busy, or delaying its greeting against spam) needs a longer "
        f"timeout than the notifier's {timeout:g} s"
    )
    smtps = (
        "a server speaking TLS from its first byte (SMTPS, often on port 465) waits for a "
        "handshake: set implicit_tls: yes, or use the server's submission port (587, or "
        "25) with starttls: yes"
    )
    first, then = (smtps, slow) if port == SMTPS_PORT else (slow, smtps)
    return f"{said}: {first}; or {then}"


class EndUnread(Exception):
    """The server answered a message's end with what is no SMTP reply (``said``)."""

    def __init__(self, said: bytes) -> None:
        super().__init__(said)
        self.said = said.rstrip(b"\r\n").decode("utf-8", "replace")


def _completed(code: int, reply: bytes) -> tuple[int, bytes]:
    """A reply as smtplib reads it: any 2xx as the ``250`` it takes for done."""
    return (250, reply) if 200 <= code <= 299 else (code, reply)


#: Mail whose body is 7-bit clean (base64 or quoted-printable when it is not ASCII): raw
#: 8-bit data may go only to a server offering 8BITMIME, declared with BODY=8BITMIME (RFC
#: 6152), which smtplib declares for SMTPUTF8 mail alone; a relay may strip the high bit.
_SEVEN_BIT = email.policy.default.clone(cte_type="7bit")

#: smtplib's refusals, by the step of the session they answer.
_STEPS: tuple[tuple[type[smtplib.SMTPResponseException], str], ...] = (
    (smtplib.SMTPConnectError, "refused the connection"),
    (smtplib.SMTPHeloError, "refused the greeting"),
    (smtplib.SMTPAuthenticationError, "refused the login"),
    (smtplib.SMTPSenderRefused, "refused the sender"),
    (smtplib.SMTPDataError, "refused the message"),
)

#: The refusals of one message's transaction (MAIL FROM, DATA), final when permanent.
_TRANSACTION = (smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


def envelope_address(address: str) -> str:
    """``address`` with its domain in IDNA (``bücher.example`` as ``xn--bcher-kva.example``,
    ``straße.de`` as ``xn--strae-oqa.de``, not ``strasse.de``): every server takes that,
    where a domain that is not ASCII needs SMTPUTF8. ``UnsureDomain`` when the domain holds
    a zero-width joiner, which leaves unsure which domain it names, or is no name at all
    (``NoDomainName``: no server, SMTPUTF8 or not, delivers to it; a domain literal,
    ``[10.0.0.5]``, names a machine, which no customer's address does)."""
    local, at, domain = address.rpartition("@")
    if not at:
        return address
    try:
        written = ascii_domain(domain)
    except UnsureDomain:
        raise
    except UnicodeError as exc:
        raise NoDomainName(f"{visible(domain)!r:.120} is no domain name: {exc}") from None
    trouble = mail_domain_trouble(written)
    if trouble is not None:
        raise NoDomainName(trouble)
    return f"{local}@{written}"


def refused(exc: smtplib.SMTPRecipientsRefused, server: str) -> DeliveryFailed:
    """The refusal of the recipient by ``server`` (``host:port``), named as every refusal
    is, as a desk with two mail notifiers must tell which relay refused; final when it is
    permanent (5xx, RFC 5321)."""
    answers = [
        f"{address}: {code} {one_line(reply)}" for address, (code, reply) in exc.recipients.items()
    ]
    permanent = all(code >= 500 for code, _ in exc.recipients.values())
    return DeliveryFailed(
        f"smtp {server}: refused the recipient {'; '.join(answers)}", final=permanent
    )
