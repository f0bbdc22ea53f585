"""A raw AMQP 1.0 frame client for the interop tests.

Writes and reads frames over a plain socket, encoding and decoding performatives with proton's Data codec, so a test
can send exactly the bytes it wants (bad input, silent peers, manual credit) and see exactly what the router sent
back. Not a general client: no flow control of its own, no reassembly of multi-frame deliveries.
"""

import json
import socket
import struct
import sys
import time

from proton import Data, Described, symbol, ubyte, uint, ulong

AMQP_HEADER = b"AMQP\x00\x01\x00\x00"
SASL_HEADER = b"AMQP\x03\x01\x00\x00"

FIELDS = {
    0x10: ("open", ["container-id", "hostname", "max-frame-size", "channel-max", "idle-time-out", "outgoing-locales",
                    "incoming-locales", "offered-capabilities", "desired-capabilities", "properties"]),
    0x11: ("begin", ["remote-channel", "next-outgoing-id", "incoming-window", "outgoing-window", "handle-max",
                     "offered-capabilities", "desired-capabilities", "properties"]),
    0x12: ("attach", ["name", "handle", "role", "snd-settle-mode", "rcv-settle-mode", "source", "target", "unsettled",
                      "incomplete-unsettled", "initial-delivery-count", "max-message-size", "offered-capabilities",
                      "desired-capabilities", "properties"]),
    0x13: ("flow", ["next-incoming-id", "incoming-window", "next-outgoing-id", "outgoing-window", "handle",
                    "delivery-count", "link-credit", "available", "drain", "echo", "properties"]),
    0x14: ("transfer", ["handle", "delivery-id", "delivery-tag", "message-format", "settled", "more", "rcv-settle-mode",
                        "state", "resume", "aborted", "batchable"]),
    0x15: ("disposition", ["role", "first", "last", "settled", "state", "batchable"]),
    0x16: ("detach", ["handle", "closed", "error"]),
    0x17: ("end", ["error"]),
    0x18: ("close", ["error"]),
    0x1d: ("error", ["condition", "description", "info"]),
    0x23: ("received", ["section-number", "section-offset"]),
    0x24: ("accepted", []),
    0x25: ("rejected", ["error"]),
    0x26: ("released", []),
    0x27: ("modified", ["delivery-failed", "undeliverable-here", "message-annotations"]),
    0x28: ("source", ["address", "durable", "expiry-policy", "timeout", "dynamic", "dynamic-node-properties",
                      "distribution-mode", "filter", "default-outcome", "outcomes", "capabilities"]),
    0x29: ("target", ["address", "durable", "expiry-policy", "timeout", "dynamic", "dynamic-node-properties",
                      "capabilities"]),
    0x40: ("sasl-mechanisms", ["sasl-server-mechanisms"]),
    0x41: ("sasl-init", ["mechanism", "initial-response", "hostname"]),
    0x44: ("sasl-outcome", ["code", "additional-data"]),
}


def emit(**fields):
    """Prints one machine-readable result line."""
    print(json.dumps(fields, default=str), flush=True)


def to_plain(value):
    """Turns decoded AMQP values into JSON-friendly Python values (described lists become dicts by field name)."""
    if isinstance(value, Described):
        code = int(value.descriptor) if not isinstance(value.descriptor, str) else value.descriptor
        known = FIELDS.get(code)
        if known is not None and isinstance(value.value, list):
            name, names = known
            result = {"$type": name}
            for i, v in enumerate(value.value):
                result[names[i] if i < len(names) else str(i)] = to_plain(v)
            return result
        return {"$descriptor": str(value.descriptor), "value": to_plain(value.value)}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    return value


def described(code, fields):
    return Described(ulong(code), list(fields))


def encode(value):
    d = Data()
    d.put_object(value)
    return d.encode()


def frame(body, channel=0, frame_type=0):
    return struct.pack(">IBBH", 8 + len(body), 2, frame_type, channel) + body


def error_condition(performative):
    """The condition of a close/end/detach error, or None."""
    err = performative.get("error") if performative else None
    return err.get("condition") if isinstance(err, dict) else None


class Frame:
    def __init__(self, channel, frame_type, body):
        self.channel = channel
        self.type = frame_type
        self.empty = len(body) == 0
        self.name = None
        self.fields = {}
        self.payload = b""
        if self.empty:
            return
        d = Data()
        n = d.decode(body)
        d.rewind()
        d.next()
        value = d.get_object()
        plain = to_plain(value)
        if isinstance(plain, dict) and "$type" in plain:
            self.name = plain["$type"]
            self.fields = plain
        else:
            self.name = "unknown"
            self.fields = {"value": plain}
        self.payload = bytes(body[n:])

    def describe(self):
        return {"channel": self.channel, "type": self.type, "empty": self.empty, "name": self.name,
                "fields": self.fields, "payload_bytes": len(self.payload)}


class RawConnection:
    """One TCP connection speaking raw frames."""

    def __init__(self, host, port, timeout=10.0):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = b""
        self.header = None
        self.eof = False
        self.reset = False

    # ---- writing ------------------------------------------------------------------------------------------------

    def send_raw(self, data):
        self.sock.sendall(data)

    def send_header(self, header=AMQP_HEADER):
        self.send_raw(header)

    def send_performative(self, code, fields, channel=0, payload=b"", frame_type=0):
        self.send_raw(frame(encode(described(code, fields)) + payload, channel, frame_type))

    def send_empty_frame(self):
        self.send_raw(frame(b""))

    def open(self, container_id="raw-client", idle_timeout_ms=None, max_frame_size=None):
        self.send_performative(0x10, [container_id, "127.0.0.1",
                                      None if max_frame_size is None else uint(max_frame_size), None,
                                      None if idle_timeout_ms is None else uint(idle_timeout_ms)])

    def begin(self, channel=0, incoming_window=2048):
        self.send_performative(0x11, [None, uint(0), uint(incoming_window), uint(2048)], channel=channel)

    def attach(self, name, handle, role_receiver, address=None, dynamic=False, channel=0, snd_settle_mode=None):
        """Attaches a link: as receiver (the router sends) from `address`, or as sender (the router receives) to it."""
        if role_receiver:
            source = described(0x28, [None if dynamic else address, uint(0), None, None, dynamic])
            target = described(0x29, [None])
        else:
            source = described(0x28, [None])
            target = described(0x29, [None if dynamic else address, uint(0), None, None, dynamic])
        fields = [name, uint(handle), role_receiver,
                  None if snd_settle_mode is None else ubyte(snd_settle_mode), None, source, target]
        if not role_receiver:
            fields += [None, None, uint(0)]
        self.send_performative(0x12, fields, channel=channel)

    def flow(self, handle, delivery_count, link_credit, drain=False, next_incoming_id=0, incoming_window=2048,
             next_outgoing_id=0, channel=0, echo=False):
        self.send_performative(0x13, [uint(next_incoming_id), uint(incoming_window), uint(next_outgoing_id),
                                      uint(2048), uint(handle), uint(delivery_count), uint(link_credit), None,
                                      drain, echo], channel=channel)

    def transfer(self, handle, delivery_id, tag, payload, settled=False, more=False, channel=0):
        self.send_performative(0x14, [uint(handle), uint(delivery_id), tag, uint(0), settled, more],
                               channel=channel, payload=payload)

    def disposition(self, first, state_code, settled=True, role_receiver=True, last=None, channel=0, state_fields=()):
        self.send_performative(0x15, [role_receiver, uint(first), None if last is None else uint(last), settled,
                                      described(state_code, list(state_fields))], channel=channel)

    def close(self, condition=None, description=None):
        err = None if condition is None else described(0x1d, [symbol(condition), description])
        self.send_performative(0x18, [err])

    # ---- reading --------------------------------------------------------------------------------------------------

    def _fill(self, deadline):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        self.sock.settimeout(remaining)
        try:
            chunk = self.sock.recv(65536)
        except socket.timeout:
            return False
        except ConnectionResetError:
            self.eof = True
            self.reset = True
            return False
        if not chunk:
            self.eof = True
            return False
        self.buffer += chunk
        return True

    def read_header(self, timeout=5.0):
        deadline = time.monotonic() + timeout
        while len(self.buffer) < 8:
            if self.eof or not self._fill(deadline):
                return None
        self.header, self.buffer = self.buffer[:8], self.buffer[8:]
        return self.header

    def read_frame(self, timeout=5.0):
        """Returns the next Frame, or None on time-out or end of stream."""
        deadline = time.monotonic() + timeout
        while True:
            if len(self.buffer) >= 8:
                size, doff, ftype, channel = struct.unpack(">IBBH", self.buffer[:8])
                if len(self.buffer) >= size:
                    body = self.buffer[doff * 4:size]
                    self.buffer = self.buffer[size:]
                    return Frame(channel, ftype, body)
            if self.eof or not self._fill(deadline):
                return None

    def expect(self, name, timeout=5.0, skip_empty=True):
        """Reads frames until one named `name` arrives; returns it (None on time-out/EOF)."""
        deadline = time.monotonic() + timeout
        while True:
            f = self.read_frame(max(0.0, deadline - time.monotonic()))
            if f is None:
                return None
            if f.empty and skip_empty:
                continue
            if f.name == name:
                return f

    def wait_eof(self, timeout=5.0):
        """Reads (and discards) until the peer closes the socket; returns True if it did in time."""
        deadline = time.monotonic() + timeout
        while not self.eof:
            if len(self.buffer) > 0:
                self.buffer = b""
            if not self._fill(deadline) and not self.eof:
                return False
        return True

    def handshake(self, container_id="raw-client", idle_timeout_ms=None, max_frame_size=None, timeout=5.0):
        """Sends the AMQP header and open; returns the router's open frame."""
        self.send_header()
        header = self.read_header(timeout)
        if header != AMQP_HEADER:
            raise RuntimeError("unexpected protocol header %r" % (header,))
        self.open(container_id, idle_timeout_ms, max_frame_size)
        opened = self.expect("open", timeout)
        if opened is None:
            raise RuntimeError("no open from the router")
        return opened

    def shutdown(self):
        try:
            self.sock.close()
        except OSError:
            pass


def fail(message, **fields):
    emit(event="error", error=message, **fields)
    sys.exit(1)
