#!/usr/bin/python3
"""Receives one (large, streamed) delivery from --address, reading its bytes as they arrive instead of waiting for
the whole message, and accepts it at the end.

Output: {"event":"attached"}, {"event":"progress","received":BYTES} every 32 MiB, {"event":"done","bytes":N,
"sha256":<of the whole delivery>}, or {"event":"aborted","bytes":N} (exit 1) if the router aborts the
delivery.
"""

import hashlib

from proton import Delivery, LinkException
from proton.reactor import Container

from common import connect, TimedHandler, emit, hard_deadline, parser


class StreamReceiver(TimedHandler):
    def __init__(self, args):
        super().__init__(args.timeout, prefetch=0, auto_accept=False, auto_settle=False)
        # Handle deliveries here only: the stock message handlers would wait for and decode the whole message.
        self.handlers = []
        self.args = args
        self.sha = hashlib.sha256()
        self.bytes = 0
        self.next_progress = 32 * 1024 * 1024
        self.receiver = None

    def on_start(self, event):
        self.start_timers(event)
        self.connection = connect(event.container, self.args, max_frame_size=65536)
        self.receiver = event.container.create_receiver(self.connection, self.args.address)
        self.receiver.flow(1)

    def on_link_remote_open(self, event):
        if event.receiver is not None:
            emit(event="attached", address=event.receiver.remote_source.address)

    def on_delivery(self, event):
        dlv = event.delivery
        while True:
            try:
                data = event.link.recv(1 << 20)
            except LinkException:
                if dlv.aborted:
                    break  # reported below
                raise
            if not data:
                break
            self.sha.update(data)
            self.bytes += len(data)
            if self.bytes >= self.next_progress:
                emit(event="progress", received=self.bytes)
                self.next_progress += 32 * 1024 * 1024
        if dlv.aborted:
            emit(event="aborted", bytes=self.bytes)
            dlv.settle()
            self.finish(1)
        elif not dlv.partial:
            dlv.update(Delivery.ACCEPTED)
            dlv.settle()
            emit(event="done", bytes=self.bytes, sha256=self.sha.hexdigest())
            self.finish(0)

    def on_expired(self):
        emit(event="error", error="timeout", received=self.bytes)
        self.finish(3)


def main():
    p = parser("receive one streamed message")
    p.add_argument("--address", required=True)
    args = p.parse_args()
    hard_deadline(args.timeout + 10)
    handler = StreamReceiver(args)
    Container(handler).run()
    return handler.status


if __name__ == "__main__":
    raise SystemExit(main())
