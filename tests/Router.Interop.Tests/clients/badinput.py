#!/usr/bin/python3
"""Sends one kind of bad input to the router on a raw socket and reports everything the router sent back.

Modes:
  random-header        64 random bytes instead of a protocol header
  wrong-header         an AMQP 0-9-1 protocol header (AMQP\\x00\\x00\\x09\\x01)
  random-frames        a valid header and open, then 4 KiB of random bytes
  oversize-frame       a valid header and open, then a frame header declaring 1 MiB (over max-frame-size)
  unattached-transfer  a valid header, open and begin, then a transfer on handle 7, which was never attached
  bad-list-count       a valid header and open, then a begin whose list8 declares 200 elements in 3 bytes
  sasl-random          the SASL header, then 3 KiB of random bytes instead of a sasl-init

Output: {"event":"done","mode":...,"header":<hex of the protocol header the router sent>,"frames":[names],
"condition":<error of the router's close>,"description":...,"eof":<the router closed the socket>}.
"""

import argparse
import random
import struct

from amqpraw import AMQP_HEADER, SASL_HEADER, RawConnection, emit, error_condition, frame


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--mode", required=True, choices=["random-header", "wrong-header", "random-frames",
                                                     "oversize-frame", "unattached-transfer", "bad-list-count",
                                                     "sasl-random"])
    p.add_argument("--timeout", type=float, default=10)
    args = p.parse_args()
    rnd = random.Random(12345)
    c = RawConnection("127.0.0.1", args.port, args.timeout)
    mode = args.mode
    try:
        if mode == "random-header":
            c.send_raw(b"\x17" + rnd.randbytes(63))
        elif mode == "wrong-header":
            c.send_raw(b"AMQP\x00\x00\x09\x01")
        elif mode == "sasl-random":
            c.send_header(SASL_HEADER)
            c.send_raw(rnd.randbytes(3072))
        else:
            c.send_header()
            c.open("bad-input-" + mode)
            if mode == "random-frames":
                c.send_raw(rnd.randbytes(4096))
            elif mode == "oversize-frame":
                c.send_raw(struct.pack(">IBBH", 1024 * 1024, 2, 0, 0) + rnd.randbytes(1024))
            elif mode == "unattached-transfer":
                c.begin()
                c.transfer(7, 0, b"t0", b"\x00\x53\x77\xa1\x02hi")
            elif mode == "bad-list-count":
                # begin: descriptor 0x11, list8 with size 3 but count 200, then one short string.
                c.send_raw(frame(b"\x00\x53\x11\xc0\x03\xc8\xa1\x00"))
    except OSError as e:
        emit(event="send_failed", error=str(e))

    header = c.read_header(args.timeout)
    frames = []
    close = None
    if header in (AMQP_HEADER, SASL_HEADER):
        while True:
            f = c.read_frame(args.timeout)
            if f is None:
                break
            if f.empty:
                continue
            frames.append(f.name)
            if f.name == "sasl-mechanisms":
                continue
            if f.name == "close":
                close = f
                break
    eof = c.eof or c.wait_eof(args.timeout)
    emit(event="done", mode=mode, header=header.hex() if header else None, frames=frames,
         condition=error_condition(close.fields) if close else None,
         description=(close.fields.get("error") or {}).get("description") if close else None, eof=eof,
         reset=c.reset)
    c.shutdown()
    return 0 if eof else 1


if __name__ == "__main__":
    raise SystemExit(main())
