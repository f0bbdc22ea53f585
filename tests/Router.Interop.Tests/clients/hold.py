#!/usr/bin/python3
"""Connects, attaches a receiver to --address, prints {"event":"ready"} and holds the connection.

--seconds S: after S seconds (with --idle-timeout set, proton closes the connection itself if the router sends
nothing for that long, so surviving proves heartbeats arrive) does a round trip on the connection and exits 0 with
{"event":"done","held":S,"roundtrip":true}.
--until-close: waits for the router to close the connection and reports {"event":"remote_close","condition":...}
(exit 0), or a transport error (exit 2) if the socket went away without an AMQP close.
"""

import time

from proton import Message
from proton.reactor import Container

from common import connect, TimedHandler, emit, hard_deadline, parser


class Hold(TimedHandler):
    def __init__(self, args):
        super().__init__(args.timeout)
        self.args = args
        self.started = None
        self.sender = None

    def on_start(self, event):
        self.start_timers(event)
        options = {"heartbeat": self.args.idle_timeout} if self.args.idle_timeout else {}
        self.connection = connect(event.container, self.args, **options)
        event.container.create_receiver(self.connection, self.args.address)

    def on_link_opened(self, event):
        if event.receiver is not None:
            self.started = time.monotonic()
            emit(event="ready")
            if self.args.seconds:
                event.container.schedule(self.args.seconds, self)

    def on_timer_task(self, event):
        self.sender = event.container.create_sender(self.connection, self.args.address)

    def on_sendable(self, event):
        if event.sender.credit > 0 and not getattr(self, "sent", False):
            self.sent = True
            event.sender.send(Message(body="ping"))

    def on_message(self, event):
        emit(event="done", held=round(time.monotonic() - self.started, 2), roundtrip=event.message.body == "ping")
        self.finish(0)

    def on_connection_remote_close(self, event):
        if self._finished:
            return  # the router's answer to our own close
        cond = event.connection.remote_condition
        emit(event="remote_close", condition=cond.name if cond else None,
             description=cond.description if cond else None)
        self.finish(0 if self.args.until_close else 2)

    def on_transport_error(self, event):
        cond = event.transport.condition
        if event.connection is not None and event.connection.state & event.connection.REMOTE_CLOSED:
            return  # already reported by on_connection_remote_close
        emit(event="transport_error", condition=cond.name if cond else None,
             description=cond.description if cond else None)
        self.finish(2)
        if self.container is not None:
            self.container.stop()  # the transport is dead: nothing left to flush



def main():
    p = parser("hold a connection")
    p.add_argument("--address", default="hold.q")
    p.add_argument("--seconds", type=float, default=0)
    p.add_argument("--until-close", action="store_true")
    p.add_argument("--idle-timeout", type=float, default=0, help="proton heartbeat/idle time-out in seconds")
    args = p.parse_args()
    hard_deadline(args.timeout + 10)
    handler = Hold(args)
    Container(handler).run()
    return handler.status


if __name__ == "__main__":
    raise SystemExit(main())
