#!/usr/bin/python3
"""Opens one connection with the given security options and proves it works with a round trip: a receiver and a
sender on --address on the same connection, one message sent and received.

Options: --mech (SASL mechanisms allowed), --user/--password (PLAIN), --ca (trust the router's certificate, and
check its name), --cert/--key (client certificate for mutual TLS). Output: {"event":"opened","user":...} when the
router's open arrives, then {"event":"done","roundtrip":true}, or {"event":"transport_error"|"connection_error",
"condition":...,"description":...} with exit 2 when the router refuses the connection.
"""

from proton import Message
from proton.reactor import Container

from common import connect, TimedHandler, emit, hard_deadline, parser


class Connect(TimedHandler):
    def __init__(self, args):
        super().__init__(args.timeout)
        self.args = args

    def on_start(self, event):
        self.start_timers(event)
        self.connection = connect(event.container, self.args)
        event.container.create_receiver(self.connection, self.args.address)

    def on_connection_opened(self, event):
        emit(event="opened", container=event.connection.remote_container)

    def on_link_opened(self, event):
        if event.receiver is not None:
            event.container.create_sender(self.connection, self.args.address)

    def on_sendable(self, event):
        if event.sender.credit > 0 and not getattr(self, "sent", False):
            self.sent = True
            event.sender.send(Message(body="ping"))

    def on_message(self, event):
        emit(event="done", roundtrip=event.message.body == "ping")
        self.finish(0)


def main():
    p = parser("connect with SASL/TLS options and do a round trip")
    p.add_argument("--address", default="connect.check")
    args = p.parse_args()
    hard_deadline(args.timeout + 10)
    handler = Connect(args)
    Container(handler).run()
    return handler.status


if __name__ == "__main__":
    raise SystemExit(main())
