#!/usr/bin/python3
"""Responder: receives requests on --address and sends "reply:<body>" to each request's reply-to (anonymous
sender, correlation-id copied), until stdin reaches end of file.

Output: {"event":"attached","address":...}, then {"event":"done","requests":N,"replies_accepted":N}.
"""

from proton import Message
from proton.reactor import Container

from common import connect, TimedHandler, emit, hard_deadline, parser


class Responder(TimedHandler):
    def __init__(self, args):
        super().__init__(args.timeout, watch_stdin=True)
        self.args = args
        self.sender = None
        self.requests = 0
        self.accepted = 0

    def on_start(self, event):
        self.start_timers(event)
        self.connection = connect(event.container, self.args)
        event.container.create_receiver(self.connection, self.args.address)
        self.sender = event.container.create_sender(self.connection, None)

    def on_link_opened(self, event):
        if event.receiver is not None:
            emit(event="attached", address=event.receiver.remote_source.address)

    def on_message(self, event):
        request = event.message
        self.requests += 1
        self.sender.send(Message(address=request.reply_to, correlation_id=request.correlation_id,
                                 body="reply:%s" % request.body))

    def on_accepted(self, event):
        self.accepted += 1

    def on_stop_requested(self):
        emit(event="done", requests=self.requests, replies_accepted=self.accepted)
        self.finish(0)


def main():
    p = parser("request/response server")
    p.add_argument("--address", required=True)
    args = p.parse_args()
    hard_deadline(args.timeout + 10)
    handler = Responder(args)
    Container(handler).run()
    return handler.status


if __name__ == "__main__":
    raise SystemExit(main())
