#!/usr/bin/python3
"""A consumer that attaches to --address without giving credit, so everything routed to it queues in the router.
Prints {"event":"attached"}; when stdin reaches end of file it drains with --credit (flow drain=true) and counts
the transfers that arrive before the router completes the drain: {"event":"done","received":N,"settled":N}
(`settled` counts pre-settled transfers).
"""

import argparse
import sys
import threading
import time

from amqpraw import RawConnection, emit, fail


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--address", required=True)
    p.add_argument("--credit", type=int, default=100000)
    p.add_argument("--timeout", type=float, default=30)
    args = p.parse_args()

    c = RawConnection("127.0.0.1", args.port, args.timeout)
    c.handshake("stuck-consumer")
    c.begin()
    if c.expect("begin", args.timeout) is None:
        fail("no begin")
    c.attach("stuck-link", 0, role_receiver=True, address=args.address)
    if c.expect("attach", args.timeout) is None:
        fail("no attach reply")
    emit(event="attached")

    # Wait for the test to say go; meanwhile keep the connection alive with empty frames (the router's own
    # heartbeats stay unread in the socket until the drain below).
    go = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.buffer.read(), go.set()), daemon=True).start()
    while not go.wait(1.0):
        c.send_empty_frame()

    c.flow(0, 0, args.credit, drain=True, incoming_window=0x7fffffff)
    received = 0
    settled = 0
    deadline = time.monotonic() + args.timeout
    while True:
        f = c.read_frame(max(0.0, deadline - time.monotonic()))
        if f is None:
            fail("drain did not complete", received=received)
        if f.name == "transfer" and not f.fields.get("more"):
            received += 1
            if f.fields.get("settled"):
                settled += 1
        elif f.name == "flow" and f.fields.get("handle") == 0 and f.fields.get("drain") \
                and (f.fields.get("link-credit") or 0) == 0:
            break
    emit(event="done", received=received, settled=settled)
    c.close()
    c.expect("close", 5.0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
