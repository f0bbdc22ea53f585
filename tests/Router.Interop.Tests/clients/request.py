#!/usr/bin/python3
"""Request/response through a dynamic reply-to: attaches a receiver with a dynamic source, then sends --count
requests to --address with reply-to set to the address the router assigned, and waits for every reply.

Output: {"event":"attached","address":<reply-to>}, then {"event":"done","replies":N,"reply_to":...,"mismatched":N}.
"""

from proton import Message
from proton.reactor import Container

from common import connect, TimedHandler, emit, hard_deadline, parser


class Requester(TimedHandler):
    def __init__(self, args):
        super().__init__(args.timeout)
        self.args = args
        self.reply_to = None
        self.sender = None
        self.sent = 0
        self.replies = 0
        self.mismatched = 0

    def on_start(self, event):
        self.start_timers(event)
        self.connection = connect(event.container, self.args)
        event.container.create_receiver(self.connection, None, dynamic=True)

    def on_link_opened(self, event):
        if event.receiver is not None and self.reply_to is None:
            self.reply_to = event.receiver.remote_source.address
            emit(event="attached", address=self.reply_to)
            self.sender = event.container.create_sender(self.connection, self.args.address)

    def on_sendable(self, event):
        while event.sender.credit > 0 and self.sent < self.args.count:
            event.sender.send(Message(body="request-%d" % self.sent, reply_to=self.reply_to,
                                      correlation_id="req-%d" % self.sent))
            self.sent += 1

    def on_message(self, event):
        msg = event.message
        expected = "reply:request-%s" % str(msg.correlation_id)[4:]
        if msg.body != expected:
            self.mismatched += 1
        self.replies += 1
        if self.replies == self.args.count:
            emit(event="done", replies=self.replies, reply_to=self.reply_to, mismatched=self.mismatched)
            self.finish(0 if self.mismatched == 0 else 1)

    def on_expired(self):
        emit(event="error", error="timeout", sent=self.sent, replies=self.replies, reply_to=self.reply_to)
        self.finish(3)


def main():
    p = parser("request/response client")
    p.add_argument("--address", required=True)
    p.add_argument("--count", type=int, default=10)
    args = p.parse_args()
    hard_deadline(args.timeout + 10)
    handler = Requester(args)
    Container(handler).run()
    return handler.status


if __name__ == "__main__":
    raise SystemExit(main())
