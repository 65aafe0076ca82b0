#!/usr/bin/env bash
# make-web.sh re-creates the captures of web traffic beyond HTTP/1.1 basics: HTTP/2 in clear text
# and over TLS (ALPN h2, decryptable with ../keys/h2-tls.keylog), gRPC, and HTTP/1.1 bodies of many
# media types. The server is h2server/ (Go), the client curl. It uses make.sh's helpers and its two
# network namespaces (renamed tweb-c/tweb-s so the scripts can run side by side): client 10.20.0.1,
# server 10.20.0.2. No other address is ever contacted.
#
# Usage (as root):  testdata/captures/make-web.sh [name ...]   (names: h2 h2-tls http-media)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=make.sh
source "$HERE/make.sh"
NC=tweb-c
NS=tweb-s

need_web() {
	need tcpdump tcpdump
	need ip iproute2
	need ethtool ethtool
	need curl curl
	need go golang-go
}

# h2server builds the server once.
h2server() {
	[ -x "$WORK/h2server" ] ||
		(cd "$HERE/../.." && CGO_ENABLED=0 go build -o "$WORK/h2server" ./testdata/captures/h2server) ||
		die "build h2server"
}

c() { inc curl -sS -o /dev/null -A curl/test "$@"; }

# h2: cleartext HTTP/2 by prior knowledge on 8080: a body over several DATA frames, a gzip-encoded
# JSON body, a JSON body, and a streaming gRPC call whose request holds two messages and whose
# answer holds two messages in one DATA frame and one message over several.
cap_h2() {
	pair 1500
	h2server
	bg $NS "$WORK/h2server" -addr $S4:8080
	waitport $NS tcp 8080
	cap_start $NC c0 h2.pcap "tcp port 8080"
	c --http2-prior-knowledge http://$S4:8080/big
	c --http2-prior-knowledge http://$S4:8080/gzip
	c --http2-prior-knowledge http://$S4:8080/media/json
	printf '\x00\x00\x00\x00\x04\x08\x96\x01\x10\x00\x00\x00\x00\x03\x0a\x01z' >"$WORK/grpc2.bin"
	c --http2-prior-knowledge -A grpc-test -H 'content-type: application/grpc' -H 'te: trailers' \
		--data-binary @"$WORK/grpc2.bin" http://$S4:8080/routeguide.RouteGuide/ListFeatures
	cap_stop h2.pcap
}

# h2-tls: HTTP/2 over TLS 1.3 (ALPN h2) on 443; curl writes the key log.
cap_h2_tls() {
	pair 1500
	h2server
	bg $NS "$WORK/h2server" -addr $S4:443 -cert "$KEYS/server.crt" -key "$KEYS/server.key"
	waitport $NS tcp 443
	rm -f "$KEYS/h2-tls.keylog"
	cap_start $NC c0 h2-tls.pcap "tcp port 443"
	local k=(env SSLKEYLOGFILE="$KEYS/h2-tls.keylog")
	inc "${k[@]}" curl -sS -o /dev/null -A curl/test --http2 -k https://$S4/hello
	inc "${k[@]}" curl -sS -o /dev/null -A curl/test --http2 -k -H 'content-type: application/json' \
		-d '{"name":"bob"}' https://$S4/api/echo
	inc "${k[@]}" curl -sS -o /dev/null -A curl/test --http2 -k https://$S4/big
	printf '\x00\x00\x00\x00\x07\x0a\x05alice' >"$WORK/grpc.bin"
	inc "${k[@]}" curl -sS -o /dev/null -A grpc-test --http2 -k -H 'content-type: application/grpc' \
		-H 'te: trailers' --data-binary @"$WORK/grpc.bin" https://$S4/helloworld.Greeter/SayHello
	cap_stop h2-tls.pcap
}

# http-media: HTTP/1.1 bodies of many media types, an urlencoded form and a multipart upload.
cap_http_media() {
	pair 1500
	h2server
	bg $NS "$WORK/h2server" -addr $S4:80
	waitport $NS tcp 80
	cap_start $NC c0 http-media.pcap "tcp port 80"
	local p
	for p in xml text css json form multipart png gif jpeg bin; do
		c --http1.1 http://$S4/media/$p
	done
	c --http1.1 -d 'user=alice&password=form-secret-1&remember=on' http://$S4/media/post
	printf 'uploaded file\nsecond line\n' >"$WORK/upload.txt"
	c --http1.1 -F 'title=my upload' -F "file=@$WORK/upload.txt;type=text/plain" http://$S4/media/post
	cap_stop http-media.pcap
}

ALL_WEB=(h2 h2-tls http-media)

main_web() {
	need_web
	local want=("$@")
	[ ${#want[@]} -gt 0 ] || want=("${ALL_WEB[@]}")
	local n
	for n in "${want[@]}"; do
		n=${n%%.*}
		n=${n//-/_}
		declare -F "cap_$n" >/dev/null || die "unknown capture $n"
		log "$n"
		"cap_$n"
		cleanup
	done
}

main_web "$@"
