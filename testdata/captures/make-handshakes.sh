#!/usr/bin/env bash
# make-handshakes.sh re-creates handshakes.pcap: TCP connection attempts with every outcome the
# handshake diagnosis and connection report (-z handshakes, -z connreport) know, from clients in two
# /24 subnets, between two network namespaces this script creates and removes again.
#
#   hs-c (clients): 10.30.1.10, 10.30.1.11 (10.30.1.0/24) and 10.30.2.20 (10.30.2.0/24) on c0
#   hs-s (server):  10.30.0.2 on s0
#   c0 <-> s0 is a veth pair; each side routes the other's subnets onto the link. No other address
#   is ever contacted.
#
# Server ports:
#   8080  a Python server reads a line, answers "hello" and closes: normal closes; one client keeps its connection open
#         until the capture stops (established)
#   8081  nothing listens: SYN answered by RST (refused)
#   8082  nftables drops SYNs: retransmitted, never answered (unanswered; clients give up after ~1.5 s,
#         so each attempt has two SYNs)
#   8083  the same server accepts, reads one line and closes with SO_LINGER 0: RST after
#         establishment (reset)
#   8084  nftables rejects with ICMP port unreachable (icmp-unreachable)
#   udp/9999  nothing listens: ICMP port unreachable for a UDP datagram
#
# Usage (as root): testdata/captures/make-handshakes.sh
# Needs: iproute2, nft, tcpdump, socat, python3, ethtool.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$HERE/handshakes.pcap
WORK=$(mktemp -d /tmp/hscap.XXXXXX)
NC=hs-c
NS=hs-s
SRV=10.30.0.2
CA=10.30.1.10
CB=10.30.1.11
CC=10.30.2.20
export LC_ALL=C TZ=UTC

die() {
	printf 'make-handshakes.sh: %s\n' "$*" >&2
	exit 1
}
[ "$(id -u)" = 0 ] || die "must run as root (needs network namespaces and tcpdump)"
for c in ip nft tcpdump socat python3 ethtool; do
	command -v "$c" >/dev/null || die "$c is missing"
done

PIDS=()
cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
	ip netns del $NC 2>/dev/null || true
	ip netns del $NS 2>/dev/null || true
	rm -rf "$WORK"
}
trap cleanup EXIT

inc() { ip netns exec $NC "$@"; }
ins() { ip netns exec $NS "$@"; }

for n in $NC $NS; do
	ip netns del $n 2>/dev/null || true
	ip netns add $n
	ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	ip -n $n link set lo up
done
ip -n $NC link add c0 address 02:00:00:30:00:01 type veth peer name s0 address 02:00:00:30:00:02 netns $NS
for a in $CA $CB; do ip -n $NC addr add $a/24 dev c0; done
ip -n $NC addr add $CC/24 dev c0
ip -n $NS addr add $SRV/24 dev s0
ip -n $NC link set c0 up
ip -n $NS link set s0 up
ip -n $NC route add 10.30.0.0/24 dev c0
ip -n $NS route add 10.30.1.0/24 dev s0
ip -n $NS route add 10.30.2.0/24 dev s0
inc ethtool -K c0 tso off gso off gro off tx off >/dev/null
ins ethtool -K s0 tso off gso off gro off tx off >/dev/null

# the firewall: drop 8082, reject 8084 with an ICMP port unreachable
ins nft -f - <<'EOF'
table inet hs {
	chain in {
		type filter hook input priority 0;
		tcp dport 8082 drop
		tcp dport 8084 reject with icmp type port-unreachable
	}
}
EOF

# servers: 8080 reads a line, answers "hello" and closes (a connection that sends nothing stays
# open for 5 s); 8083 reads a line and closes with SO_LINGER 0, which sends a RST
cat >"$WORK/srv.py" <<'EOF'
import socket, struct, threading

def hello(c):
    c.settimeout(5)
    try:
        c.recv(100)
        c.sendall(b"hello\n")
    except OSError:
        pass
    c.close()

def reset(c):
    c.recv(100)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    c.close()

def serve(port, fn):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("10.30.0.2", port))
    s.listen(8)
    while True:
        c, _ = s.accept()
        threading.Thread(target=fn, args=(c,), daemon=True).start()

threading.Thread(target=serve, args=(8080, hello), daemon=True).start()
serve(8083, reset)
EOF
ip netns exec $NS python3 "$WORK/srv.py" </dev/null >/dev/null 2>&1 &
PIDS+=($!)
for i in $(seq 1 50); do
	ins ss -Hlnt 'sport = :8080' | grep -q . && ins ss -Hlnt 'sport = :8083' | grep -q . && break
	sleep 0.1
done

# capture on the client side (IPv4 only: no ARP)
ip netns exec $NC tcpdump -i c0 --immediate-mode -U -n -Z root -s 0 -w "$WORK/h.pcap" ip 2>"$WORK/td.err" &
TD=$!
for i in $(seq 1 50); do
	grep -q 'listening on' "$WORK/td.err" && break
	sleep 0.1
done
# warm the ARP caches so that the first SYN is not delayed
for a in $CA $CB $CC; do inc ping -q -c1 -W1 -I $a $SRV >/dev/null || true; done
sleep 0.2

tcp() { # tcp CLIENT PORT [socat options]: one connection that sends a line and reads the answer
	local c=$1 p=$2
	shift 2
	echo "hi from $c" | inc socat -T 2 - "TCP:$SRV:$p,bind=$c,connect-timeout=1.5$*" >/dev/null 2>&1 || true
}

# closed normally: each client once to 8080
tcp $CA 8080
tcp $CB 8080
tcp $CC 8080
# refused
tcp $CA 8081
tcp $CC 8081
# unanswered, in parallel (1.5 s each)
tcp $CB 8082 &
U1=$!
tcp $CC 8082 &
U2=$!
wait $U1 $U2 || true
# reset after establishment
tcp $CC 8083
tcp $CA 8083
# icmp-unreachable
tcp $CA 8084
# UDP to a closed port: ICMP port unreachable
echo "udp to a closed port" | inc socat - "UDP:$SRV:9999,bind=$CB" >/dev/null 2>&1 || true
# established: still open when the capture stops
sleep 3 | ip netns exec $NC socat - "TCP:$SRV:8080,bind=$CB" >/dev/null 2>&1 &
OPEN=$!
sleep 0.5
kill -INT $TD
wait $TD || true
grep -E 'packets? captured' "$WORK/td.err" >&2 || true
wait $OPEN 2>/dev/null || true
cp "$WORK/h.pcap" "$OUT"
echo "wrote $OUT ($(stat -c %s "$OUT") bytes)" >&2
