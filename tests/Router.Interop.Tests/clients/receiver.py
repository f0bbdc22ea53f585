#!/usr/bin/python3
"""Receives from --address and settles each message with --action (accept, release, reject, modify).

Prints {"event":"attached","address":...} once the router has answered the attach (the source address it assigned,
for --dynamic), one {"event":"message","seq":N,"size":N[,"sha256":...]} per message, and {"event":"done",
"received":N} at the end. Stops after --count messages, or (with --count 0) when stdin reaches end of file.
"""

import hashlib

from proton import Condition
from proton.reactor import AtMostOnce, Container

from common import connect, TimedHandler, emit, hard_deadline, parser


class Receiver(TimedHandler):
    def __init__(self, args):
        super().__init__(args.timeout, watch_stdin=args.count == 0, prefetch=args.credit, auto_accept=False)
        self.args = args
        self.received = 0

    def on_start(self, event):
        self.start_timers(event)
        self.connection = connect(event.container, self.args)
        if self.args.dynamic:
            event.container.create_receiver(self.connection, None, dynamic=True)
        else:
            options = AtMostOnce() if self.args.presettled else None
            event.container.create_receiver(self.connection, self.args.address, options=options)

    def on_link_opened(self, event):
        if event.receiver is not None:
            emit(event="attached", address=event.receiver.remote_source.address)

    def on_message(self, event):
        msg = event.message
        body = msg.body if isinstance(msg.body, (bytes, bytearray, memoryview)) else b""
        line = {"event": "message", "seq": (msg.properties or {}).get("seq"), "size": len(body),
                "settled": event.delivery.settled}
        if self.args.sha256:
            line["sha256"] = hashlib.sha256(body).hexdigest()
        emit(**line)
        action = self.args.action
        if event.delivery.settled:
            pass  # sent pre-settled (--presettled): nothing to settle
        elif action == "accept":
            self.accept(event.delivery)
        elif action == "release":
            self.release(event.delivery, delivered=False)
        elif action == "modify":
            self.release(event.delivery, delivered=True)
        else:
            event.delivery.local.condition = Condition("test:rejected", "rejected by the test receiver")
            self.reject(event.delivery)
        self.received += 1
        if self.args.count and self.received >= self.args.count:
            self.stop()

    def on_stop_requested(self):
        self.stop()

    def stop(self):
        emit(event="done", received=self.received)
        self.finish(0)

    def on_expired(self):
        emit(event="error", error="timeout", received=self.received)
        self.finish(3)


def main():
    p = parser("receive messages")
    p.add_argument("--address")
    p.add_argument("--dynamic", action="store_true")
    p.add_argument("--count", type=int, default=0, help="stop after this many (0: at stdin EOF)")
    p.add_argument("--credit", type=int, default=10)
    p.add_argument("--action", choices=["accept", "release", "reject", "modify"], default="accept")
    p.add_argument("--sha256", action="store_true")
    p.add_argument("--presettled", action="store_true", help="ask the router to send pre-settled (snd-settle-mode settled)")
    args = p.parse_args()
    hard_deadline(args.timeout + 10)
    handler = Receiver(args)
    Container(handler).run()
    return handler.status


if __name__ == "__main__":
    raise SystemExit(main())
