#!/usr/bin/python3
"""Link credit and drain, observed on raw frames (the fields proton does not expose).

1. Connection A attaches a sender to --address (no receiver exists): the router answers the attach but grants no
   credit (checked over --quiet seconds, after a round trip on the connection).
2. Connection B attaches a receiver to --address and grants it credit: A must now get a flow with credit.
3. Drain: B attaches a receiver to --drain-address without credit; A attaches a sender there (gets credit, as a
   consumer exists) and sends 3 messages. B polls (flow with echo) until the router reports available=3, then
   sends flow(delivery-count=0, link-credit=10, drain=true). The router must send the 3 messages and then a flow
   with link-credit=0, delivery-count=10 (advanced over the unused credit) and drain=true.
Output: one JSON line per phase; exit 0 when every check passed.
"""

import argparse
import time

from proton import Message

from amqpraw import RawConnection, emit, fail, uint


def flows_for(conn, handle, seconds):
    """Collects flow frames for `handle` arriving within `seconds`."""
    result = []
    deadline = time.monotonic() + seconds
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return result
        f = conn.read_frame(remaining)
        if f is None:
            return result
        if f.name == "flow" and f.fields.get("handle") == handle:
            result.append(f.fields)


def wait_flow(conn, handle, predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        f = conn.read_frame(max(0.0, deadline - time.monotonic()))
        if f is None:
            return None
        if f.name == "flow" and f.fields.get("handle") == handle and predicate(f.fields):
            return f.fields
    return None


def round_trip(conn, channel=0):
    """A session flow with echo=true: the router's answer proves it has processed everything sent before."""
    conn.send_performative(0x13, [uint(0), uint(2048), uint(0), uint(2048), None, None, None, None, False, True],
                           channel=channel)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--address", default="credit.q")
    p.add_argument("--drain-address", default="drain.q")
    p.add_argument("--quiet", type=float, default=0.5)
    p.add_argument("--timeout", type=float, default=10)
    args = p.parse_args()

    a = RawConnection("127.0.0.1", args.port, args.timeout)
    a.handshake("credit-sender")
    a.begin()
    if a.expect("begin", args.timeout) is None:
        fail("no begin on A")
    a.attach("credit-sender-link", 0, role_receiver=False, address=args.address)
    if a.expect("attach", args.timeout) is None:
        fail("no attach reply on A")
    round_trip(a)
    early = flows_for(a, 0, args.quiet)
    credit_before = max([f.get("link-credit") or 0 for f in early] + [0])
    emit(phase="no-receiver", credit=credit_before, flows=len(early))
    if credit_before != 0:
        fail("credit granted without a receiver", credit=credit_before)

    b = RawConnection("127.0.0.1", args.port, args.timeout)
    b.handshake("credit-receiver")
    b.begin()
    b.expect("begin", args.timeout)
    b.attach("credit-receiver-link", 0, role_receiver=True, address=args.address)
    if b.expect("attach", args.timeout) is None:
        fail("no attach reply on B")
    b.flow(0, 0, 10)
    granted = wait_flow(a, 0, lambda f: (f.get("link-credit") or 0) > 0, args.timeout)
    emit(phase="receiver-attached", credit=None if granted is None else granted.get("link-credit"))
    if granted is None:
        fail("no credit after a receiver attached")

    # ---- drain ----
    b.attach("drain-receiver-link", 1, role_receiver=True, address=args.drain_address)
    if b.expect("attach", args.timeout) is None:
        fail("no drain attach reply on B")
    a.attach("drain-sender-link", 1, role_receiver=False, address=args.drain_address)
    if a.expect("attach", args.timeout) is None:
        fail("no drain attach reply on A")
    if wait_flow(a, 1, lambda f: (f.get("link-credit") or 0) >= 3, args.timeout) is None:
        fail("drain sender got no credit")
    for i in range(3):
        a.transfer(1, i, ("d%d" % i).encode(), Message(body="drain-%d" % i).encode())
    available = None
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        b.flow(1, 0, 0, echo=True)
        reply = wait_flow(b, 1, lambda f: True, 1.0)
        if reply is not None and (reply.get("available") or 0) >= 3:
            available = reply.get("available")
            break
    emit(phase="queued", available=available)
    if available != 3:
        fail("the router did not report 3 available deliveries", available=available)

    b.flow(1, 0, 10, drain=True)
    transfers = 0
    drained = None
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline and drained is None:
        f = b.read_frame(max(0.0, deadline - time.monotonic()))
        if f is None:
            break
        if f.name == "transfer" and f.fields.get("handle") == 1:
            transfers += 1
        elif f.name == "flow" and f.fields.get("handle") == 1 and f.fields.get("drain") and transfers >= 3 \
                and (f.fields.get("link-credit") or 0) == 0:
            drained = f.fields
    emit(phase="drained", transfers=transfers, credit=None if drained is None else drained.get("link-credit"),
         delivery_count=None if drained is None else drained.get("delivery-count"),
         drain=None if drained is None else drained.get("drain"))
    if drained is None or transfers != 3 or drained.get("delivery-count") != 10:
        fail("drain did not complete as expected")

    # Accept what arrived so the sender's deliveries settle; then close both connections cleanly.
    b.disposition(0, 0x24, last=2)
    a.close()
    b.close()
    ok_a = a.expect("close", args.timeout) is not None
    ok_b = b.expect("close", args.timeout) is not None
    emit(event="done", closed=ok_a and ok_b)
    return 0 if ok_a and ok_b else 1


if __name__ == "__main__":
    raise SystemExit(main())
