#!/usr/bin/env python3
"""Peers for make-apps.sh where Debian has no ready tool: memcached text and binary protocol
clients, and an RTP/RTCP sender for the SIP call. Every address comes from the command line (the script's namespaces).

    apps_peers.py memcache-text HOST PORT
    apps_peers.py memcache-binary HOST PORT
    apps_peers.py rtcp DST_HOST RTCP_PORT RTP_PORT|0 CNAME_HOST
"""
import socket
import struct
import sys
import time


def recv_until(s, end, limit=1 << 20):
    buf = b""
    while not buf.endswith(end) and len(buf) < limit:
        chunk = s.recv(65536)
        if not chunk:
            break
        buf += chunk
    return buf


# ---- memcached ---------------------------------------------------------------------------


def memcache_text(host, port):
    s = socket.create_connection((host, port))
    steps = [
        (b"version\r\n", b"\r\n"),
        (b"set greeting 5 0 5\r\nhello\r\n", b"\r\n"),
        (b"add greeting 0 0 3\r\nhey\r\n", b"\r\n"),
        (b"get greeting\r\n", b"END\r\n"),
        (b"gets greeting nosuchkey\r\n", b"END\r\n"),
        (b"set counter 0 300 2\r\n10\r\n", b"\r\n"),
        (b"incr counter 5\r\n", b"\r\n"),
        (b"decr counter 3\r\n", b"\r\n"),
        (b"set big 0 0 3000\r\n" + b"m" * 3000 + b"\r\n", b"\r\n"),
        (b"get big\r\n", b"END\r\n"),
        (b"delete greeting\r\n", b"\r\n"),
        (b"touch counter 60\r\n", b"\r\n"),
        (b"bogus\r\n", b"\r\n"),
        (b"stats\r\n", b"END\r\n"),
    ]
    for req, end in steps:
        s.sendall(req)
        recv_until(s, end)
    s.sendall(b"quit\r\n")
    s.close()


def mc_bin(op, key=b"", extras=b"", value=b"", opaque=0, cas=0):
    body = extras + key + value
    hdr = struct.pack(">BBHBBHIIQ", 0x80, op, len(key), len(extras), 0, 0, len(body), opaque, cas)
    return hdr + body


def memcache_binary(host, port):
    s = socket.create_connection((host, port))

    def rt(req):
        s.sendall(req)
        hdr = b""
        while len(hdr) < 24:
            hdr += s.recv(24 - len(hdr))
        n = struct.unpack(">I", hdr[8:12])[0]
        body = b""
        while len(body) < n:
            body += s.recv(n - len(body))

    rt(mc_bin(0x0B, opaque=1))  # version
    rt(mc_bin(0x01, b"bkey", struct.pack(">II", 0xDEADBEEF, 0), b"binary value", opaque=2))  # set
    rt(mc_bin(0x00, b"bkey", opaque=3))  # get
    rt(mc_bin(0x0C, b"bkey", opaque=4))  # getk
    rt(mc_bin(0x00, b"missing", opaque=5))  # get miss: Key not found
    rt(mc_bin(0x05, b"bcount", struct.pack(">QQI", 7, 100, 0), opaque=6))  # increment (initial 100)
    rt(mc_bin(0x05, b"bcount", struct.pack(">QQI", 7, 100, 0), opaque=7))
    rt(mc_bin(0x04, b"bkey", opaque=8))  # delete
    rt(mc_bin(0x0A, opaque=9))  # noop
    s.sendall(mc_bin(0x07, opaque=10))  # quit
    s.recv(100)
    s.close()


# ---- RTP and RTCP -------------------------------------------------------------------------


def rtcp(dst, rtcp_port, rtp_port, src):
    """Send an RTP stream (PCMU, 20 ms, one packet lost, some jitter) to dst:rtp_port and RTCP
    sender and receiver reports to dst:rtcp_port (no RTP when rtp_port is 0)."""
    rtcp_port, rtp_port = int(rtcp_port), int(rtp_port)
    ssrc = 0x5EED0000 | (rtp_port & 0xFFFF)
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    seq, ts = 4000, 160000
    payload = bytes([0xFF]) * 160
    if rtp_port:
        for i in range(40):
            if i != 17:  # lost
                marker = 0x80 if i == 0 else 0
                hdr = struct.pack(">BBHII", 0x80, marker | 0, seq & 0xFFFF, ts & 0xFFFFFFFF, ssrc)
                u.sendto(hdr + payload, (dst, rtp_port))
            seq += 1
            ts += 160
            time.sleep(0.02 + (0.004 if i % 7 == 3 else 0))
    ntp = int(time.time()) + 2208988800
    sr = struct.pack(">BBHIIIIII", 0x81, 200, 12, ssrc, ntp, 0x80000000, ts, 39, 39 * 160) + \
        struct.pack(">IIIIII", 0x12345678, (1 << 24) | 1, 4039, 12, 0, 0)
    cname = src.encode()
    sdes_items = bytes([1, len(cname)]) + cname + b"\0"
    sdes_items += b"\0" * ((4 - (4 + len(sdes_items)) % 4) % 4)
    sdes = struct.pack(">BBHI", 0x81, 202, (4 + len(sdes_items)) // 4, ssrc) + sdes_items
    u.sendto(sr + sdes, (dst, rtcp_port))
    rr = struct.pack(">BBHI", 0x81, 201, 7, ssrc) + struct.pack(">IIIIII", 0x12345678, 0, 4100, 5, 0, 0)
    u.sendto(rr + sdes, (dst, rtcp_port))
    u.close()


def main():
    mode, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if mode == "memcache-text":
        memcache_text(host, port)
    elif mode == "memcache-binary":
        memcache_binary(host, port)
    elif mode == "rtcp":
        rtcp(host, port, sys.argv[4], sys.argv[5])
    else:
        sys.exit("unknown mode " + mode)


if __name__ == "__main__":
    main()
