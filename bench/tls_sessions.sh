#!/usr/bin/env bash
# tls_sessions.sh N OUT.pcap: capture N TLS 1.2 sessions with RSA key exchange (AES128-GCM-SHA256,
# each a GET of a small file) between two network namespaces this script creates, for timing
# decryption against tshark:
#   tshark -n -r OUT.pcap -o 'uat:rsa_keys:"testdata/keys/server.key",""' -T fields -e http.request.uri
#   tshark-tui -r OUT.pcap --tls-key testdata/keys/server.key -T fields -e http.request.uri
# Needs root, openssl, tcpdump, iproute2. Only the namespaces' veth pair carries traffic.
set -euo pipefail
N=${1:-200}
OUT=$(realpath -m "${2:-/tmp/tls-sessions.pcap}")
KEYS=$(cd "$(dirname "$0")/../testdata/keys" && pwd)
W=$(mktemp -d)
cleanup() { kill "${SPID:-}" "${CPID:-}" 2>/dev/null || true; ip netns del tb-c 2>/dev/null || true; ip netns del tb-s 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT
ip netns add tb-c; ip netns add tb-s
ip -n tb-c link add c0 type veth peer name s0 netns tb-s
ip -n tb-c addr add 10.21.0.1/24 dev c0; ip -n tb-s addr add 10.21.0.2/24 dev s0
ip -n tb-c link set c0 up; ip -n tb-s link set s0 up; ip -n tb-c link set lo up; ip -n tb-s link set lo up
printf 'HTTP/1.1 200 OK\r\nContent-Length: 15\r\n\r\nhello over TLS\n' >"$W/hello.http"
(cd "$W" && ip netns exec tb-s openssl s_server -quiet -accept 443 -cert "$KEYS/server.crt" -key "$KEYS/server.key" -HTTP </dev/null >/dev/null 2>&1) &
SPID=$!
sleep 0.5
ip netns exec tb-c tcpdump -i c0 -U -s 0 -w "$OUT" 'tcp port 443' 2>"$W/td.err" &
CPID=$!
sleep 0.5
for i in $(seq 1 "$N"); do
	printf 'GET /hello.http HTTP/1.0\r\n\r\n' | ip netns exec tb-c openssl s_client -quiet -connect 10.21.0.2:443 \
		-tls1_2 -cipher AES128-GCM-SHA256 -no_ticket >/dev/null 2>&1 || true
done
sleep 0.5
kill -INT $CPID; wait $CPID || true
grep captured "$W/td.err" >&2 || true
