#!/usr/bin/python3
"""Steady traffic on one connection until stdin reaches end of file: a receiver and a sender on --address, at most
--window unsettled messages in flight. On stop, sending stops and the script waits for every message to come back
and be accepted. Prints {"event":"progress","sent":N,"received":N,"accepted":N} every 100 messages received and
{"event":"done",...} at the end; exits 1 if anything was lost (received != sent or accepted != sent).
"""

from proton import Message
from proton.reactor import Container

from common import connect, TimedHandler, emit, hard_deadline, parser


class Steady(TimedHandler):
    def __init__(self, args):
        super().__init__(args.timeout, watch_stdin=True)
        self.args = args
        self.sender = None
        self.sent = 0
        self.received = 0
        self.accepted = 0
        self.other = 0
        self.stopping = False
        self.seen = set()
        self.duplicates = 0

    def on_start(self, event):
        self.start_timers(event)
        self.connection = connect(event.container, self.args)
        event.container.create_receiver(self.connection, self.args.address)

    def on_link_opened(self, event):
        if event.receiver is not None:
            self.sender = event.container.create_sender(self.connection, self.args.address)
            emit(event="ready")

    def on_sendable(self, event):
        self.pump()

    def pump(self):
        if self.sender is None:
            return
        while (not self.stopping and self.sender.credit > 0
               and self.sent - self.accepted - self.other < self.args.window):
            self.sender.send(Message(body="m%d" % self.sent, properties={"seq": self.sent}))
            self.sent += 1

    def on_message(self, event):
        seq = (event.message.properties or {}).get("seq")
        if seq in self.seen:
            self.duplicates += 1
        self.seen.add(seq)
        self.received += 1
        if self.received % 100 == 0:
            emit(event="progress", sent=self.sent, received=self.received, accepted=self.accepted)
        self.check_done()

    def on_accepted(self, event):
        self.accepted += 1
        self.pump()
        self.check_done()

    def on_rejected(self, event):
        self.other += 1
        self.pump()

    def on_released(self, event):
        self.other += 1
        self.pump()

    def on_stop_requested(self):
        self.stopping = True
        self.check_done()

    def check_done(self):
        if self.stopping and self.accepted + self.other == self.sent and self.received >= self.sent:
            ok = self.received == self.sent and self.accepted == self.sent and self.duplicates == 0
            emit(event="done", sent=self.sent, received=self.received, accepted=self.accepted, other=self.other,
                 duplicates=self.duplicates, ok=ok)
            self.finish(0 if ok else 1)

    def on_expired(self):
        emit(event="error", error="timeout", sent=self.sent, received=self.received, accepted=self.accepted,
             other=self.other)
        self.finish(3)


def main():
    p = parser("steady send/receive traffic until stdin EOF")
    p.add_argument("--address", default="steady.q")
    p.add_argument("--window", type=int, default=20)
    args = p.parse_args()
    hard_deadline(args.timeout + 10)
    handler = Steady(args)
    Container(handler).run()
    return handler.status


if __name__ == "__main__":
    raise SystemExit(main())
