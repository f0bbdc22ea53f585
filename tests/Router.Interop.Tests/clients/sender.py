#!/usr/bin/python3
"""Sends --count messages to --address (or, with --anonymous, on an anonymous link with `to` = --address) and
reports the outcome of every delivery.

Each message carries application property `seq` (0..count-1) and a binary body of --size bytes (deterministic random
bytes from --seed; with --sha256 the body's SHA-256 is reported). With --presettled the deliveries are sent settled
and the script finishes when all are written.

Output (JSON lines): {"event":"credit","credit":N} at the first credit, {"event":"done","sent":N,"accepted":N,
"released":N,"rejected":N,"modified":N,"rejections":[[condition,description],...],"sha256":...}.
Exit 0 if every delivery was sent (and, unless --presettled, settled by the router), else non-zero.
"""

import hashlib
import random

from proton import Delivery, Message
from proton.reactor import Container, AtMostOnce

from common import connect, TimedHandler, emit, hard_deadline, parser


class Sender(TimedHandler):
    def __init__(self, args):
        super().__init__(args.timeout, auto_settle=True)
        self.args = args
        self.sent = 0
        self.settled = 0
        self.outcomes = {"accepted": 0, "released": 0, "rejected": 0, "modified": 0}
        self.rejections = []
        self.sender = None
        self.reported_credit = False
        body = random.Random(args.seed).randbytes(args.size) if args.size > 0 else b""
        self.body = body
        self.sha = hashlib.sha256(body).hexdigest() if args.sha256 else None

    def on_start(self, event):
        self.start_timers(event)
        self.connection = connect(event.container, self.args)
        options = AtMostOnce() if self.args.presettled else None
        target = None if self.args.anonymous else self.args.address
        self.sender = event.container.create_sender(self.connection, target, options=options)

    def on_sendable(self, event):
        if not self.reported_credit:
            self.reported_credit = True
            emit(event="credit", credit=event.sender.credit)
        while event.sender.credit > 0 and self.sent < self.args.count:
            msg = Message(body=self.body, properties={"seq": self.sent}, id=self.sent)
            if self.args.anonymous:
                msg.address = self.args.address
            event.sender.send(msg)
            self.sent += 1
        if self.sent == self.args.count and self.args.presettled and not self._finished:
            self.done()

    def on_accepted(self, event):
        self.count("accepted")

    def on_released(self, event):
        # MessagingHandler reports modified as released too.
        self.count("modified" if event.delivery.remote_state == Delivery.MODIFIED else "released")

    def on_rejected(self, event):
        cond = event.delivery.remote.condition
        self.rejections.append([cond.name if cond else None, cond.description if cond else None])
        self.count("rejected")

    def count(self, outcome):
        self.outcomes[outcome] += 1
        self.settled += 1
        if self.settled == self.args.count:
            self.done()

    def done(self):
        emit(event="done", sent=self.sent, rejections=self.rejections, sha256=self.sha, **self.outcomes)
        self.finish(0)

    def on_expired(self):
        emit(event="error", error="timeout", sent=self.sent, settled=self.settled, **self.outcomes)
        self.finish(3)


def main():
    p = parser("send messages and report outcomes")
    p.add_argument("--address", required=True)
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--size", type=int, default=16)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--presettled", action="store_true")
    p.add_argument("--anonymous", action="store_true")
    p.add_argument("--sha256", action="store_true")
    args = p.parse_args()
    hard_deadline(args.timeout + 10)
    handler = Sender(args)
    Container(handler).run()
    return handler.status


if __name__ == "__main__":
    raise SystemExit(main())
