#!/usr/bin/env python3
"""Writes a pcap of one KWP/1 connection from known bytes, for tools/wireshark/test.sh.

The client (127.0.0.1:50000) talks to 127.0.0.1:PORT. The bytes are cut across TCP
segments where a dissector is most likely to go wrong: the preface in two pieces, a frame
header cut in the middle, several frames in one segment, and a compressed frame split in two.
Usage: make-test-capture.py OUT.pcap PORT
"""
import struct
import sys


def varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def field(number, value):
    """A protobuf field: an int as a varint, bytes or str as length-delimited."""
    if isinstance(value, int):
        return varint(number << 3) + varint(value)
    data = value.encode() if isinstance(value, str) else value
    return varint(number << 3 | 2) + varint(len(data)) + data


def frame(kind, stream, payload=b"", flags=0):
    return struct.pack(">IBBI", len(payload), kind, flags, stream) + payload


HELLO, REQUEST, RESPONSE, CANCEL, PING, PONG, GOAWAY = range(1, 8)
COMPRESSED, END_STREAM = 0x01, 0x02
PREFACE = b"KWP1\r\n\x1a\n"


def metadata(key, value):
    return field(1, key) + field(2, value)


def client_bytes():
    hello = frame(HELLO, 0, field(1, 1) + field(2, "zstd") + field(3, 4194304) + field(5, "test-client/1"))
    get = frame(REQUEST, 1, field(1, "/keikyo.cases.v1.CaseService/GetCase") + field(2, 5000000)
                + field(3, metadata("authorization", "Bearer sekret-token-123"))
                + field(3, metadata("x-request-id", "req-7")) + field(4, field(1, "case-x")), END_STREAM)
    listing = frame(REQUEST, 3, field(1, "/keikyo.cases.v1.CaseService/ListCases") + field(4, field(1, 2)), END_STREAM)
    create = frame(REQUEST, 5, field(1, "/keikyo.cases.v1.CaseService/CreateCase") + field(4, b"\x0a\x00"), END_STREAM)
    cancel = frame(CANCEL, 3)
    data = PREFACE + hello + get + listing + create + cancel
    # The preface in two pieces, the HELLO's header cut after 3 bytes, then the rest at once.
    cuts = [5, len(PREFACE) + 3]
    return [data[:cuts[0]], data[cuts[0]:cuts[1]], data[cuts[1]:]]


def server_bytes():
    hello = frame(HELLO, 0, field(1, 1) + field(2, "zstd") + field(3, 4194304) + field(4, 100)
                  + field(5, "keikyo-cases/test"))
    not_found = frame(RESPONSE, 1, field(1, field(1, 5) + field(2, "no case \"case-x\"") + field(3, "CASE_NOT_FOUND")), END_STREAM)
    # One zstd frame: magic, a single-segment header declaring 4,242 bytes, then filler.
    zstd = bytes.fromhex("28b52ffd") + bytes([0x60]) + struct.pack("<H", 4242 - 256) + bytes(range(60))
    compressed = frame(RESPONSE, 3, zstd, COMPRESSED)
    violation = field(4, field(1, "case.title") + field(2, "required"))
    invalid = frame(RESPONSE, 5, field(1, field(1, 3) + field(3, "INVALID_FIELD") + violation)
                    + field(2, metadata("retry-after-ms", "0")), END_STREAM)
    ping = frame(PING, 0, b"12345678")
    goaway = frame(GOAWAY, 0, field(1, 5) + field(3, "draining"))
    half = len(hello + not_found) + 20
    data = hello + not_found + compressed + invalid + ping + goaway
    # HELLO and a RESPONSE in one segment, the compressed frame split in two.
    return [data[:half], data[half:]]


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f">{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def packet(source_port, destination_port, seq, ack, flags, payload=b""):
    tcp = struct.pack(">HHIIBBHHH", source_port, destination_port, seq, ack, 5 << 4, flags, 65535, 0, 0)
    pseudo = struct.pack(">4s4sBBH", bytes([127, 0, 0, 1]), bytes([127, 0, 0, 1]), 0, 6, len(tcp) + len(payload))
    tcp = tcp[:16] + struct.pack(">H", checksum(pseudo + tcp + payload)) + tcp[18:]
    length = 20 + len(tcp) + len(payload)
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, length, 0, 0x4000, 64, 6, 0, bytes([127, 0, 0, 1]), bytes([127, 0, 0, 1]))
    ip = ip[:10] + struct.pack(">H", checksum(ip)) + ip[12:]
    return ip + tcp + payload


def main():
    out, port = sys.argv[1], int(sys.argv[2])
    client, server = 50000, port
    SYN, ACK, PSH = 0x02, 0x10, 0x08
    c_seq, s_seq = 1000, 5000
    packets = [packet(client, server, c_seq, 0, SYN), packet(server, client, s_seq, c_seq + 1, SYN | ACK)]
    c_seq += 1
    s_seq += 1
    packets.append(packet(client, server, c_seq, s_seq, ACK))
    # The server speaks first (its HELLO), then the two sides alternate segment by segment.
    server_segments, client_segments = server_bytes(), client_bytes()
    order = [("s", server_segments[0])] + [("c", segment) for segment in client_segments] + [("s", server_segments[1])]
    for side, segment in order:
        if side == "c":
            packets.append(packet(client, server, c_seq, s_seq, PSH | ACK, segment))
            c_seq += len(segment)
        else:
            packets.append(packet(server, client, s_seq, c_seq, PSH | ACK, segment))
            s_seq += len(segment)
    with open(out, "wb") as file:
        file.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 101))  # LINKTYPE_RAW
        for index, data in enumerate(packets):
            file.write(struct.pack("<IIII", 1700000000, index * 1000, len(data), len(data)) + data)


if __name__ == "__main__":
    main()
