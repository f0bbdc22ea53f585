#!/usr/bin/python3
"""Known traffic for the skstat/skmanage live tests: one connection with a receiver on --address, another with a
sender to it. The sender sends --unsettled unsettled messages, waits for all their outcomes, then --presettled
pre-settled ones on the same link. The receiver releases the message with seq 0, rejects seq 1 and accepts the rest.

Prints {"event":"done","accepted":N,"released":N,"rejected":N,"received":N,"presettled_received":N} once every
message arrived and every outcome came back, then keeps both connections (and their links) open until stdin reaches
end of file, so that the tools see the links and connections.
"""

from proton import Condition, Message
from proton.reactor import Container

from common import connect, TimedHandler, emit, hard_deadline, parser


class Traffic(TimedHandler):
    def __init__(self, args):
        super().__init__(args.timeout, watch_stdin=True, prefetch=0, auto_accept=False, auto_settle=True)
        self.args = args
        self.receiver = None
        self.sender = None
        self.sender_conn = None
        self.sent = 0
        self.outcomes = {"accepted": 0, "released": 0, "rejected": 0}
        self.received = 0
        self.presettled_received = 0
        self.reported = False
        self.total = args.unsettled + args.presettled

    def on_start(self, event):
        self.start_timers(event)
        self.connection = connect(event.container, self.args)
        self.receiver = event.container.create_receiver(self.connection, self.args.address, name="live-receiver")

    def on_link_opened(self, event):
        if event.receiver is not None and event.receiver == self.receiver:
            self.receiver.flow(self.total + 5)
            self.sender_conn = connect(event.container, self.args)
            self.sender = event.container.create_sender(self.sender_conn, self.args.address, name="live-sender")

    def on_sendable(self, event):
        if event.sender != self.sender:
            return
        while self.sender.credit > 0 and self.sent < self.args.unsettled:
            self.send(settled=False)
        if self.settled_count() == self.args.unsettled:
            while self.sender.credit > 0 and self.sent < self.total:
                self.send(settled=True)
        self.check()

    def send(self, settled):
        msg = Message(body="m%d" % self.sent, properties={"seq": self.sent}, id=self.sent)
        dlv = self.sender.send(msg)
        if settled:
            dlv.settle()
        self.sent += 1

    def settled_count(self):
        return sum(self.outcomes.values())

    def on_accepted(self, event):
        self.outcome("accepted")

    def on_released(self, event):
        self.outcome("released")

    def on_rejected(self, event):
        self.outcome("rejected")

    def outcome(self, name):
        self.outcomes[name] += 1
        if self.settled_count() == self.args.unsettled:
            # every unsettled one is settled: now the pre-settled ones
            while self.sender.credit > 0 and self.sent < self.total:
                self.send(settled=True)
        self.check()

    def on_message(self, event):
        seq = (event.message.properties or {}).get("seq")
        self.received += 1
        if event.delivery.settled:
            self.presettled_received += 1
        elif seq == 0:
            self.release(event.delivery, delivered=False)
        elif seq == 1:
            event.delivery.local.condition = Condition("test:rejected", "rejected by the live test")
            self.reject(event.delivery)
        else:
            self.accept(event.delivery)
        self.check()

    def check(self):
        if self.reported or self.received < self.total or self.settled_count() < self.args.unsettled:
            return
        self.reported = True
        emit(event="done", sent=self.sent, received=self.received, presettled_received=self.presettled_received,
             **self.outcomes)

    def on_stop_requested(self):
        self.finish(0)

    def finish(self, status):
        super().finish(status)
        if self.sender_conn is not None:
            self.sender_conn.close()

    def on_expired(self):
        emit(event="error", error="timeout", sent=self.sent, received=self.received, **self.outcomes)
        self.finish(3)


def main():
    p = parser("known traffic, held open")
    p.add_argument("--address", default="q1")
    p.add_argument("--unsettled", type=int, default=10)
    p.add_argument("--presettled", type=int, default=5)
    p.add_argument("--container-id", default="cli-live-traffic")
    args = p.parse_args()
    hard_deadline(args.timeout + 10)
    handler = Traffic(args)
    container = Container(handler)
    container.container_id = args.container_id
    container.run()
    return handler.status


if __name__ == "__main__":
    raise SystemExit(main())
