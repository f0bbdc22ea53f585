"""Shared helpers of the proton client scripts: JSON-line output, a whole-script time limit, stdin-EOF stop."""

import argparse
import json
import os
import sys
import threading

from proton.handlers import MessagingHandler


def emit(**fields):
    """Prints one machine-readable result line."""
    print(json.dumps(fields, default=str), flush=True)


def parser(description):
    """Arguments every proton script takes: where to connect, security options, a time limit."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--url", required=True, help="amqp://127.0.0.1:PORT or amqps://...")
    p.add_argument("--timeout", type=float, default=30.0, help="give up (exit 3) after this many seconds")
    p.add_argument("--mech", default="ANONYMOUS", help="SASL mechanisms the client allows")
    p.add_argument("--user")
    p.add_argument("--password")
    p.add_argument("--ca", help="trust this CA for the router's certificate (and check its name)")
    p.add_argument("--cert", help="client certificate (mutual TLS)")
    p.add_argument("--key", help="client certificate's key")
    p.add_argument("--max-frame-size", type=int, default=None, help="our max-frame-size (proton's default if unset)")
    p.add_argument("--no-sasl", action="store_true", help="send the bare AMQP header (no SASL layer), as skmanage does")
    return p


def connect(container, args, **extra):
    """Opens the one connection of a script: no reconnect, with the security options from the command line."""
    from proton import SSLDomain
    options = {"reconnect": False, "allowed_mechs": args.mech, "sasl_enabled": not args.no_sasl}
    domain = ssl_domain(args, SSLDomain.MODE_CLIENT)
    if domain is not None:
        options["ssl_domain"] = domain
    if args.user:
        options["user"] = args.user
        options["password"] = args.password
    if args.max_frame_size:
        options["max_frame_size"] = args.max_frame_size
    options.update(extra)
    return container.connect(args.url, **options)


def hard_deadline(seconds):
    """Last resort if the reactor itself hangs: exit 4 from a watchdog thread."""
    def expire():
        emit(event="error", error="hard deadline of %.1fs expired" % seconds)
        os._exit(4)

    t = threading.Timer(seconds, expire)
    t.daemon = True
    t.start()


class StdinEof:
    """Becomes set when stdin reaches end of file: the test's way of saying 'stop now'."""

    def __init__(self):
        self.done = threading.Event()
        t = threading.Thread(target=self._run, daemon=True)
        t.start()

    def _run(self):
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except (OSError, ValueError):
            pass
        self.done.set()


class TimedHandler(MessagingHandler):
    """A MessagingHandler with a time limit, an optional stop-on-stdin-EOF poll and a result status."""

    def __init__(self, timeout, watch_stdin=False, **kwargs):
        super().__init__(**kwargs)
        self.timeout = timeout
        self.stdin = StdinEof() if watch_stdin else None
        self.status = 0
        self.container = None
        self.connection = None
        self._timer = None
        self._finished = False

    def start_timers(self, event):
        self.container = event.container
        self._timer = event.container.schedule(self.timeout, _Expire(self))
        if self.stdin is not None:
            event.container.schedule(0.05, _Poll(self))

    def on_stop_requested(self):
        """Stdin reached EOF; override to finish gracefully."""
        self.finish(0)

    def on_expired(self):
        emit(event="error", error="timeout after %.1fs" % self.timeout)
        self.finish(3)

    def finish(self, status):
        if self._finished:
            return
        self._finished = True
        self.status = status
        if self._timer is not None:
            self._timer.cancel()
        # Close and let the reactor run dry (no container.stop(): that would drop frames not yet written, such as
        # the dispositions just before our close).
        if self.connection is not None:
            self.connection.close()

    def on_transport_closed(self, event):
        # Everything is written and the socket is gone: stop now rather than when the reactor's idle wait (pi
        # seconds) or a cancelled timer runs out.
        if self._finished and self.container is not None:
            self.container.stop()

    def on_transport_error(self, event):
        cond = event.transport.condition
        emit(event="transport_error", condition=cond.name if cond else None,
             description=cond.description if cond else None)
        self.finish(2)
        if self.container is not None:
            self.container.stop()  # the transport is dead: nothing left to flush

    def on_link_error(self, event):
        # The router detached one of our links with an error (e.g. amqp:not-found).
        cond = event.link.remote_condition
        emit(event="link_error", link="receiver" if event.link.is_receiver else "sender",
             condition=cond.name if cond else None, description=cond.description if cond else None)
        self.finish(2)

    def on_connection_remote_close(self, event):
        if self._finished:
            return  # the router's answer to our own close
        cond = event.connection.remote_condition
        emit(event="remote_close", condition=cond.name if cond else None,
             description=cond.description if cond else None)
        self.finish(2)


class _Expire:
    def __init__(self, handler):
        self.handler = handler

    def on_timer_task(self, event):
        if not self.handler._finished:
            self.handler.on_expired()


class _Poll:
    def __init__(self, handler):
        self.handler = handler

    def on_timer_task(self, event):
        if self.handler._finished:
            return
        if self.handler.stdin.done.is_set():
            self.handler.on_stop_requested()
        else:
            event.container.schedule(0.05, self)


def ssl_domain(args, mode):
    """Builds an SSLDomain from --ca/--cert/--key (None when no TLS options are given)."""
    from proton import SSLDomain
    if not getattr(args, "ca", None) and not getattr(args, "cert", None):
        return None
    domain = SSLDomain(mode)
    if args.ca:
        domain.set_trusted_ca_db(args.ca)
        domain.set_peer_authentication(SSLDomain.VERIFY_PEER_NAME, args.ca)
    if args.cert:
        domain.set_credentials(args.cert, args.key, None)
    return domain
