#!/usr/bin/python3
"""Streams one very large message (--mib MiB of body) to --address as a single multi-frame delivery, writing it
piece by piece while the router takes it (never more than --window KiB queued in proton at a time), so neither
this client nor a correct router needs the whole message in memory.

The message is one data section: 0x00 0x53 0x75 0xb0 <uint32 size> <body>; chunk i of the body is 64 KiB starting
with i as 8 big-endian bytes followed by fixed pseudo-random bytes. Output: {"event":"credit"} when the delivery
starts, {"event":"progress","sent":BYTES} every 32 MiB, {"event":"done","bytes":N,"sha256":<of the whole
delivery>,"outcome":...}. With --abort-after M the delivery is aborted after M MiB instead:
{"event":"done","aborted":true,"bytes":N}.
"""

import hashlib
import random
import struct

from proton import Delivery
from proton.reactor import Container

from common import connect, TimedHandler, emit, hard_deadline, parser

CHUNK = 64 * 1024


class StreamSender(TimedHandler):
    def __init__(self, args):
        super().__init__(args.timeout, auto_settle=True)
        self.args = args
        self.total = args.mib * 1024 * 1024
        self.block = random.Random(7).randbytes(CHUNK)
        self.sha = hashlib.sha256()
        self.delivery = None
        self.offset = 0
        self.chunk_index = 0
        self.bytes = 0
        self.next_progress = 32 * 1024 * 1024
        self.completed = False
        self.sender = None

    def on_start(self, event):
        self.start_timers(event)
        self.connection = connect(event.container, self.args, max_frame_size=65536)
        self.sender = event.container.create_sender(self.connection, self.args.address)
        event.container.schedule(0.005, self)

    def write(self, data):
        n = self.sender.stream(data)
        if n != len(data):
            raise RuntimeError("short stream write")
        self.sha.update(data)
        self.bytes += len(data)

    def on_sendable(self, event):
        if self.delivery is None and event.sender.credit > 0:
            self.delivery = event.sender.delivery("stream-1")
            emit(event="credit", credit=event.sender.credit)
            self.write(b"\x00\x53\x75\xb0" + struct.pack(">I", self.total))
        self.pump()

    def on_transport(self, event):
        self.pump()

    def on_timer_task(self, event):
        # Fallback pump: proton raises no event when its outgoing buffer drains.
        self.pump()
        if not self.completed:
            event.container.schedule(0.005, self)

    def pump(self):
        if self.delivery is None or self.completed or self._finished:
            return
        limit = self.args.window * 1024
        while self.offset < self.total and self.sender.session.outgoing_bytes < limit:
            chunk = struct.pack(">Q", self.chunk_index) + self.block[8:]
            chunk = chunk[: self.total - self.offset]
            self.write(chunk)
            self.offset += len(chunk)
            self.chunk_index += 1
            if self.offset >= self.next_progress:
                emit(event="progress", sent=self.offset)
                self.next_progress += 32 * 1024 * 1024
            if self.args.abort_after and self.offset >= self.args.abort_after * 1024 * 1024:
                # The producer gives up on the delivery: a transfer with aborted=true (transport.xml 2.6.14).
                self.delivery.abort()
                self.completed = True
                emit(event="done", aborted=True, bytes=self.bytes)
                self.finish(0)
                return
        if self.offset >= self.total:
            self.sender.advance()
            self.completed = True

    def on_accepted(self, event):
        self.report("accepted")

    def on_rejected(self, event):
        self.report("rejected")

    def on_released(self, event):
        self.report("modified" if event.delivery.remote_state == Delivery.MODIFIED else "released")

    def report(self, outcome):
        emit(event="done", bytes=self.bytes, sha256=self.sha.hexdigest(), outcome=outcome)
        self.finish(0 if outcome == "accepted" else 1)

    def on_expired(self):
        emit(event="error", error="timeout", sent=self.offset)
        self.finish(3)


def main():
    p = parser("stream one large message")
    p.add_argument("--address", required=True)
    p.add_argument("--mib", type=int, default=256, help="body size in MiB (below 4096: the size is a uint32)")
    p.add_argument("--window", type=int, default=2048, help="KiB queued in proton at most")
    p.add_argument("--abort-after", type=int, default=0, help="abort the delivery after this many MiB")
    args = p.parse_args()
    hard_deadline(args.timeout + 10)
    handler = StreamSender(args)
    Container(handler).run()
    return handler.status


if __name__ == "__main__":
    raise SystemExit(main())
