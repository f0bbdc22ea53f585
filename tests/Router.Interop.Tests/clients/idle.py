#!/usr/bin/python3
"""Idle time-out, on raw frames.

--mode silent: sends the AMQP header and an open with no idle-time-out, then nothing at all. Reports when the
router's close arrived (seconds after our open was sent), the close's error, and whether the socket was closed
after it.
--mode no-open: sends the AMQP header and nothing else (no open); reports when the router closed, with what.
--mode no-header: connects and sends nothing at all; reports when the router closed the socket.
--mode heartbeat: opens with idle-time-out --peer-idle-ms and keeps sending empty frames itself every third of the
router's advertised time-out for --seconds; reports how many empty frames the router sent and that it did not close.
"""

import argparse
import time

from amqpraw import RawConnection, emit, error_condition


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--mode", choices=["silent", "no-open", "no-header", "heartbeat"], required=True)
    p.add_argument("--peer-idle-ms", type=int, default=1000)
    p.add_argument("--seconds", type=float, default=4.0)
    p.add_argument("--timeout", type=float, default=20)
    args = p.parse_args()

    start = time.monotonic()
    c = RawConnection("127.0.0.1", args.port, args.timeout)
    if args.mode == "no-header":
        eof = c.wait_eof(args.timeout)
        emit(event="done", eof=eof, close_after=round(time.monotonic() - start, 2), received=len(c.buffer))
        return 0 if eof else 1

    if args.mode == "no-open":
        c.send_header()
        header = c.read_header(args.timeout)
        frames = []
        close = None
        while close is None:
            f = c.read_frame(max(0.0, start + args.timeout - time.monotonic()))
            if f is None:
                break
            frames.append(f.name)
            if f.name == "close":
                close = f
        elapsed = time.monotonic() - start
        eof = c.eof or c.wait_eof(5.0)
        emit(event="done", header=header.hex() if header else None, frames=frames, close_after=round(elapsed, 2),
             condition=error_condition(close.fields) if close else None,
             description=(close.fields.get("error") or {}).get("description") if close else None, eof=eof)
        return 0 if eof else 1

    if args.mode == "silent":
        # Silence starts when our open (the last thing we send) leaves; the router must not close before its
        # time-out has passed since it received that.
        c.send_header()
        if c.read_header(args.timeout) is None:
            emit(event="error", error="no protocol header from the router")
            return 1
        c.open("silent-peer")
        start = time.monotonic()
        opened = c.expect("open", args.timeout)
        if opened is None:
            emit(event="error", error="no open from the router")
            return 1
        close = c.expect("close", args.timeout)
        elapsed = time.monotonic() - start
        eof = c.wait_eof(5.0) if close is not None else False
        emit(event="done", router_idle_timeout_ms=opened.fields.get("idle-time-out"),
             close_after=round(elapsed, 2), closed=close is not None,
             condition=error_condition(close.fields) if close else None,
             description=(close.fields.get("error") or {}).get("description") if close else None, eof=eof)
        return 0 if close is not None else 1

    opened = c.handshake("heartbeat-peer", idle_timeout_ms=args.peer_idle_ms)
    router_idle = opened.fields.get("idle-time-out") or 0
    interval = (router_idle / 1000.0) / 3 if router_idle else 0.5
    empties = 0
    others = []
    start = time.monotonic()
    next_beat = start
    while time.monotonic() - start < args.seconds:
        now = time.monotonic()
        if now >= next_beat:
            c.send_empty_frame()
            next_beat = now + interval
        f = c.read_frame(max(0.01, min(next_beat, start + args.seconds) - time.monotonic()))
        if f is not None:
            if f.empty:
                empties += 1
            else:
                others.append(f.name)
        elif c.eof:
            break
    emit(event="done", router_idle_timeout_ms=router_idle, empty_frames=empties, other_frames=others,
         eof=c.eof, held=round(time.monotonic() - start, 2))
    c.close()
    c.expect("close", 5.0)
    return 0 if not c.eof else 1


if __name__ == "__main__":
    raise SystemExit(main())
