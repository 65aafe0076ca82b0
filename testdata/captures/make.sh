#!/usr/bin/env bash
# make.sh re-creates the small test captures in this folder with real tools.
#
# All traffic stays on loopback interfaces or on veth pairs between network
# namespaces that this script creates (tcap-c = client, tcap-s = server,
# 10.20.0.0/24 and fd00:20::/64). No other address is ever contacted.
#
# Usage (as root):  testdata/captures/make.sh [name ...]
#   With no argument every capture is made; otherwise only the named ones
#   (e.g. "make.sh http dns"). Names are the file names without extension.
#   KEEPWORK=1 keeps the scratch folder (servers' logs, raw captures) in
#   /tmp/tcap-keep for debugging.
#
# Needs: tcpdump, tshark tools (editcap, mergecap), iproute2, busybox,
# curl, openssl, dnsmasq, dig, socat, nc (openbsd), expect, telnet/telnetd
# (inetutils), vsftpd, ssh/sshd, chrony, iputils ping/arping. Missing ones are
# installed with apt-get.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$HERE
KEYS=$(cd "$HERE/.." && pwd)/keys
WORK=$(mktemp -d /tmp/tcap.XXXXXX)
NC=tcap-c # client namespace
NS=tcap-s # server namespace
C4=10.20.0.1
S4=10.20.0.2
S4B=10.20.0.3 # a second server address (tls12-two)
C6=fd00:20::1
S6=fd00:20::2
CMAC=02:00:00:20:00:01
SMAC=02:00:00:20:00:02

export LC_ALL=C TZ=UTC

log() { printf '== %s\n' "$*" >&2; }
die() {
	printf 'make.sh: %s\n' "$*" >&2
	exit 1
}

[ "$(id -u)" = 0 ] || die "must run as root (needs network namespaces and tcpdump)"

# ---------------------------------------------------------------------------
# tools

need() { # need COMMAND PACKAGE
	command -v "$1" >/dev/null 2>&1 && return 0
	[ -x "/usr/sbin/$1" ] && return 0
	log "installing $2 (for $1)"
	if [ -z "${APT_UPDATED:-}" ]; then
		DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
		APT_UPDATED=1
	fi
	# do not let the packages start their services (sshd, chronyd...) on the host
	local prc=
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod +x /usr/sbin/policy-rc.d
		prc=1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null
	[ -z "$prc" ] || rm -f /usr/sbin/policy-rc.d
}

need_all() {
	need tcpdump tcpdump
	need editcap wireshark-common
	need mergecap wireshark-common
	need tshark tshark
	need ip iproute2
	need ethtool ethtool
	need busybox busybox
	need curl curl
	need openssl openssl
	need dnsmasq dnsmasq-base
	need dig dnsutils
	need socat socat
	need nc netcat-openbsd
	need expect expect
	need inetutils-telnet inetutils-telnet
	need telnetd inetutils-telnetd
	need vsftpd vsftpd
	need ssh openssh-client
	need sshd openssh-server
	need chronyd chrony
	need ping iputils-ping
	need arping arping
}

# ---------------------------------------------------------------------------
# namespaces

PIDS=()

cleanup() {
	local p
	for p in "${PIDS[@]}"; do
		kill "$p" 2>/dev/null || true
	done
	for p in "${PIDS[@]}"; do
		wait "$p" 2>/dev/null || true
	done
	PIDS=()
	ip netns del $NC 2>/dev/null || true
	ip netns del $NS 2>/dev/null || true
}

finish() {
	[ -z "${KEEPWORK:-}" ] || { rm -rf /tmp/tcap-keep && cp -r "$WORK" /tmp/tcap-keep; }
	cleanup
	rm -f /etc/pam.d/tcap-vsftpd
	rm -rf "$WORK"
}
trap finish EXIT

inc() { ip netns exec $NC "$@"; }
ins() { ip netns exec $NS "$@"; }

# newns NAME: a fresh namespace with lo up and no IPv6 autoconf noise.
newns() {
	ip netns del "$1" 2>/dev/null || true
	ip netns add "$1"
	ip netns exec "$1" sh -c '
		for k in accept_dad dad_transmits router_solicitations accept_ra; do
			sysctl -qw net.ipv6.conf.default.$k=0 net.ipv6.conf.all.$k=0
		done' >/dev/null
	ip -n "$1" link set lo up
}

# pair [MTU]: client and server namespaces joined by veth c0 <-> s0.
pair() {
	local mtu=${1:-1500}
	cleanup
	newns $NC
	newns $NS
	ip -n $NC link add c0 mtu "$mtu" address $CMAC type veth \
		peer name s0 mtu "$mtu" address $SMAC netns $NS
	ip -n $NC addr add $C4/24 dev c0
	ip -n $NS addr add $S4/24 dev s0
	ip -n $NC addr add $C6/64 dev c0 nodad
	ip -n $NS addr add $S6/64 dev s0 nodad
	# no offloads: let the wire show what real NICs would send
	ip -n $NC link set c0 up
	ip -n $NS link set s0 up
	inc sh -c 'ethtool -K c0 tso off gso off gro off tx off >/dev/null'
	ins sh -c 'ethtool -K s0 tso off gso off gro off tx off >/dev/null'
	sleep 0.3
}

bg() { # bg NETNS CMD...: run CMD in NETNS in the background, remember its pid
	local ns=$1
	shift
	ip netns exec "$ns" "$@" </dev/null >>"$WORK/server.log" 2>&1 &
	PIDS+=($!)
}

# waitport NS PROTO PORT: wait until something listens on PORT in NS.
waitport() {
	local i
	for i in $(seq 1 50); do
		if ip netns exec "$1" ss -Hln"${2:0:1}" "sport = :$3" | grep -q .; then
			return 0
		fi
		sleep 0.1
	done
	die "nothing listening on $2/$3 in $1"
}

# ---------------------------------------------------------------------------
# capture

CAP_PID=
CAP_ERR=

# cap_start NETNS IFACE FILE FILTER [tcpdump options...]
cap_start() {
	local ns=$1 ifc=$2 file=$3 filter=$4
	shift 4
	CAP_ERR=$WORK/tcpdump.err
	: >"$CAP_ERR"
	ip netns exec "$ns" tcpdump -i "$ifc" --immediate-mode -U -n -Z root -s 0 "$@" -w "$WORK/$file" "$filter" 2>"$CAP_ERR" &
	CAP_PID=$!
	local i
	for i in $(seq 1 50); do
		grep -q 'listening on' "$CAP_ERR" && return 0
		sleep 0.1
	done
	cat "$CAP_ERR" >&2
	die "tcpdump did not start"
}

# cap_stop FILE: stop tcpdump and move the capture into place.
cap_stop() {
	sleep 0.4
	kill -INT "$CAP_PID"
	wait "$CAP_PID" || true
	CAP_PID=
	grep -E 'packets? captured' "$CAP_ERR" | sed "s/^/   $1: /" >&2 || true
	case $1 in
	*.pcapng) editcap -F pcapng "$WORK/$1" "$OUT/$1" ;;
	*) cp "$WORK/$1" "$OUT/$1" ;;
	esac
}

# ---------------------------------------------------------------------------
# keys

make_keys() {
	mkdir -p "$KEYS"
	if [ ! -s "$KEYS/server.key" ] || [ ! -s "$KEYS/server.crt" ]; then
		log "generating throwaway RSA key and certificate"
		openssl req -x509 -newkey rsa:2048 -nodes -days 10950 \
			-keyout "$KEYS/server.key" -out "$KEYS/server.crt" \
			-subj "/CN=tls.example.test/O=tshark-tui test data" \
			-addext "subjectAltName=DNS:tls.example.test,IP:$S4" 2>/dev/null
	fi
	if [ ! -s "$KEYS/server2.key" ] || [ ! -s "$KEYS/server2.crt" ]; then
		log "generating a second throwaway RSA key and certificate"
		openssl req -x509 -newkey rsa:2048 -nodes -days 10950 \
			-keyout "$KEYS/server2.key" -out "$KEYS/server2.crt" \
			-subj "/CN=tls2.example.test/O=tshark-tui test data" \
			-addext "subjectAltName=DNS:tls2.example.test,IP:$S4B" 2>/dev/null
	fi
	chmod 600 "$KEYS/server.key" "$KEYS/server2.key"
	if [ ! -s "$KEYS/ssh_host_ed25519_key" ]; then
		log "generating throwaway ssh host key"
		ssh-keygen -q -t ed25519 -N '' -C 'tshark-tui test host key' -f "$KEYS/ssh_host_ed25519_key"
	fi
	chmod 600 "$KEYS/ssh_host_ed25519_key"
}

# ---------------------------------------------------------------------------
# captures

cap_http() {
	pair 1500
	local www=$WORK/www
	mkdir -p "$www/cgi-bin" "$www/secret"
	printf 'hello from busybox httpd\n' >"$www/index.html"
	printf 'top secret\n' >"$www/secret/index.html"
	# 6000 bytes of fixed text: several TCP segments at MTU 1500
	seq -f 'line %05g of a response large enough to span several TCP segments' 1 82 >"$www/big.txt"
	cat >"$www/cgi-bin/form" <<'EOF'
#!/bin/sh
read -r body
printf 'Content-Type: text/plain\r\n\r\n'
printf 'received %s\n' "$body"
EOF
	chmod +x "$www/cgi-bin/form"
	printf '/secret:alice:wonderland-42\n' >"$WORK/httpd.conf"
	# chunked responses come from a scripted HTTP/1.1 server on port 8080
	printf 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n7\r\nchunk1\n\r\n' >"$WORK/chunked.1"
	printf 'd\r\nsecond chunk\n\r\n0\r\n\r\n' >"$WORK/chunked.2"
	# two writes: header and first chunk, then (later) the rest
	cat >"$WORK/chunked.sh" <<EOF
#!/bin/bash
while IFS= read -r l; do l=\${l%\$'\r'}; [ -z "\$l" ] && break; done
cat "$WORK/chunked.1"
sleep 0.1
cat "$WORK/chunked.2"
EOF
	chmod +x "$WORK/chunked.sh"
	bg $NS busybox httpd -f -p $S4:80 -h "$www" -c "$WORK/httpd.conf"
	bg $NS socat TCP-LISTEN:8080,bind=$S4,reuseaddr,fork EXEC:"$WORK/chunked.sh"
	waitport $NS tcp 80
	waitport $NS tcp 8080
	cap_start $NC c0 http.pcap 'tcp port 80 or tcp port 8080'
	local c="curl -sS -o /dev/null -A curl/test"
	inc $c http://$S4/
	inc $c http://$S4/missing.html
	inc $c -d 'user=alice&password=hunter2' http://$S4/cgi-bin/form
	inc $c -u alice:wonderland-42 http://$S4/secret/
	inc $c http://$S4/big.txt
	inc $c http://$S4:8080/chunked
	cap_stop http.pcap
}

cap_dns() {
	pair 1500
	bg $NS dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts \
		--user=root --group=root --pid-file="$WORK/dnsmasq.pid" --bind-interfaces \
		--listen-address=$S4 --port=53 --log-facility=/dev/null \
		--local=/example.test/ --local=/20.10.in-addr.arpa/ \
		--host-record=www.example.test,10.20.0.80,fd00:20::80 \
		--host-record=mail.example.test,10.20.0.25 \
		--mx-host=example.test,mail.example.test,10 \
		--txt-record=example.test,"v=spf1 -all" \
		--cname=alias.example.test,www.example.test
	waitport $NS udp 53
	cap_start $NC c0 dns.pcap 'port 53' --time-stamp-precision nano
	local d="dig @$S4 +tries=1 +time=2 +nocookie"
	inc $d www.example.test A >/dev/null
	inc $d www.example.test AAAA >/dev/null
	inc $d example.test MX >/dev/null
	inc $d example.test TXT >/dev/null
	inc $d -x 10.20.0.80 >/dev/null
	inc $d alias.example.test A >/dev/null
	inc $d nosuchhost.example.test A >/dev/null
	inc $d +tcp www.example.test A >/dev/null
	cap_stop dns.pcap
}

cap_telnet() {
	pair 1500
	# A fake login program for telnetd: it asks for login and password on the
	# pty (without echo for the password), accepts anything and runs a tiny
	# "shell" that answers one command.
	cat >"$WORK/login.sh" <<'EOF'
#!/bin/sh
printf 'Debian GNU/Linux 12 (tshark-tui test)\n\nlogin: '
read -r user
stty -echo
printf 'Password: '
read -r pass
stty echo
printf '\nLast login: never\nWelcome, %s.\n$ ' "$user"
read -r cmd
case $cmd in
id) printf 'uid=1000(%s) gid=1000(%s) groups=1000(%s)\n' "$user" "$user" "$user" ;;
*) printf '%s: not found\n' "$cmd" ;;
esac
printf '$ '
read -r cmd
printf 'logout\n'
EOF
	chmod +x "$WORK/login.sh"
	bg $NS socat TCP-LISTEN:23,bind=$S4,reuseaddr,fork EXEC:"telnetd -h -E $WORK/login.sh",nofork
	waitport $NS tcp 23
	cat >"$WORK/telnet.exp" <<EOF
set timeout 10
set send_slow {1 .03}
spawn inetutils-telnet $S4
expect "login: "
send -s "labuser\r"
expect "Password: "
send -s "labpass123\r"
expect "\\\$ "
send -s "id\r"
expect "\\\$ "
send -s "exit\r"
expect eof
EOF
	cap_start $NC c0 telnet.pcapng 'tcp port 23'
	inc expect -f "$WORK/telnet.exp" >"$WORK/telnet.out"
	cap_stop telnet.pcapng
}

cap_ftp() {
	pair 1500
	# vsftpd with a PAM service that accepts any user/password, mapped to the
	# unprivileged guest account "daemon" (home /usr/sbin) in a throwaway root.
	printf 'auth required pam_permit.so\naccount required pam_permit.so\nsession required pam_permit.so\n' \
		>/etc/pam.d/tcap-vsftpd
	local root=$WORK/ftproot
	mkdir -p "$root/pub" "$WORK/empty"
	printf 'hello over ftp\n' >"$root/pub/hello.txt"
	printf 'another file\n' >"$root/pub/notes.txt"
	touch -d '2024-01-02 03:04:05' "$root/pub/hello.txt" "$root/pub/notes.txt"
	chmod 755 "$WORK" "$root" "$root/pub"
	cat >"$WORK/vsftpd.conf" <<EOF
listen=YES
listen_ipv6=NO
listen_address=$S4
background=NO
anonymous_enable=NO
local_enable=YES
guest_enable=YES
guest_username=daemon
local_root=$root
chroot_local_user=YES
allow_writeable_chroot=YES
check_shell=NO
userlist_enable=NO
pam_service_name=tcap-vsftpd
secure_chroot_dir=$WORK/empty
seccomp_sandbox=NO
pasv_enable=YES
pasv_min_port=40000
pasv_max_port=40009
ftpd_banner=tshark-tui test FTP server
hide_ids=YES
xferlog_enable=NO
use_localtime=NO
EOF
	bg $NS vsftpd "$WORK/vsftpd.conf"
	waitport $NS tcp 21
	cap_start $NC c0 ftp.pcap 'tcp port 21 or tcp portrange 40000-40009'
	inc curl -sS --disable-epsv -u alice:ftp-secret-7 \
		ftp://$S4/pub/ ftp://$S4/pub/hello.txt >"$WORK/ftp.out"
	cap_stop ftp.pcap
}

# mailserver PROTO: a line-by-line scripted server (bash) for smtp/pop3/imap.
mailserver() {
	case $1 in
	smtp)
		cat >"$WORK/smtp.sh" <<'EOF'
#!/bin/bash
r() { local s; printf -v s '%s\r\n' "$@"; printf '%s' "$s"; }
r "220 mail.example.test ESMTP tshark-tui test server"
while IFS= read -r l; do
	l=${l%$'\r'}
	case ${l^^} in
	EHLO*) r "250-mail.example.test greets you" "250-SIZE 1048576" "250-AUTH PLAIN LOGIN" "250 8BITMIME" ;;
	HELO*) r "250 mail.example.test" ;;
	"AUTH PLAIN "*) r "235 2.7.0 Authentication successful" ;;
	"AUTH PLAIN") r "334 " ; read -r l; r "235 2.7.0 Authentication successful" ;;
	"AUTH LOGIN "*) r "334 UGFzc3dvcmQ6"; read -r l; r "235 2.7.0 Authentication successful" ;;
	"AUTH LOGIN") r "334 VXNlcm5hbWU6"; read -r l; r "334 UGFzc3dvcmQ6"; read -r l; r "235 2.7.0 Authentication successful" ;;
	"MAIL FROM:"*) r "250 2.1.0 Ok" ;;
	"RCPT TO:"*) r "250 2.1.5 Ok" ;;
	DATA) r "354 End data with <CR><LF>.<CR><LF>"
		while IFS= read -r l; do [ "${l%$'\r'}" = . ] && break; done
		r "250 2.0.0 Ok: queued as 4F2A1C" ;;
	QUIT) r "221 2.0.0 Bye"; exit 0 ;;
	*) r "502 5.5.2 Error: command not recognized" ;;
	esac
done
EOF
		;;
	pop3)
		cat >"$WORK/pop3.sh" <<'EOF'
#!/bin/bash
r() { local s; printf -v s '%s\r\n' "$@"; printf '%s' "$s"; }
printf -v msg "%s\r\n" "From: Bob <bob@example.test>" "To: Alice <alice@example.test>" "Subject: hello" "Date: Tue, 02 Jan 2024 03:04:05 +0000" "" "Hi Alice, this is a test message."
r "+OK POP3 tshark-tui test server ready"
while IFS= read -r l; do
	l=${l%$'\r'}
	case ${l^^} in
	CAPA) r "+OK Capability list follows" "USER" "UIDL" "TOP" "." ;;
	USER*) r "+OK" ;;
	PASS*) r "+OK Logged in." ;;
	STAT) r "+OK 1 ${#msg}" ;;
	LIST) r "+OK 1 messages:" "1 ${#msg}" "." ;;
	"LIST "*) r "+OK 1 ${#msg}" ;;
	"RETR 1") printf -v s "+OK %d octets\r\n%s.\r\n" ${#msg} "$msg"; printf '%s' "$s" ;;
	QUIT) r "+OK Logging out."; exit 0 ;;
	*) r "-ERR Unknown command" ;;
	esac
done
EOF
		;;
	imap)
		cat >"$WORK/imap.sh" <<'EOF'
#!/bin/bash
r() { local s; printf -v s '%s\r\n' "$@"; printf '%s' "$s"; }
r "* OK [CAPABILITY IMAP4rev1 LITERAL+] tshark-tui test server ready"
while IFS= read -r l; do
	l=${l%$'\r'}
	tag=${l%% *}
	cmd=${l#* }
	case ${cmd^^} in
	CAPABILITY) r "* CAPABILITY IMAP4rev1 LITERAL+" "$tag OK Capability completed." ;;
	LOGIN*) r "$tag OK [CAPABILITY IMAP4rev1 LITERAL+] Logged in" ;;
	"AUTHENTICATE PLAIN"*) r "$tag OK Logged in" ;;
	"SELECT "*) r "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)" "* 1 EXISTS" "* 0 RECENT" \
		"* OK [UIDVALIDITY 1704164645] UIDs valid" "* OK [UIDNEXT 2] Predicted next UID" \
		"$tag OK [READ-WRITE] Select completed." ;;
	"FETCH 1 BODY[]"*|"UID FETCH "*|"FETCH "*)
		body=$'Subject: hello\r\nFrom: bob@example.test\r\n\r\nHi Alice.\r\n'
		printf -v s '* 1 FETCH (UID 1 BODY[] {%d}\r\n%s)\r\n%s OK Fetch completed.\r\n' ${#body} "$body" "$tag"
		printf '%s' "$s" ;;
	LOGOUT) r "* BYE Logging out" "$tag OK Logout completed."; exit 0 ;;
	*) r "$tag BAD Error in IMAP command" ;;
	esac
done
EOF
		;;
	esac
	chmod +x "$WORK/$1.sh"
}

cap_smtp() {
	pair 1500
	mailserver smtp
	bg $NS socat TCP-LISTEN:25,bind=$S4,reuseaddr,fork EXEC:"$WORK/smtp.sh"
	waitport $NS tcp 25
	printf 'From: Alice <alice@example.test>\r\nTo: Bob <bob@example.test>\r\nSubject: test\r\n\r\nHello Bob.\r\n' >"$WORK/mail.txt"
	cap_start $NC c0 smtp.pcap 'tcp port 25'
	local c="curl -sS smtp://$S4/client.example.test --mail-from alice@example.test --mail-rcpt bob@example.test -T $WORK/mail.txt"
	inc $c -u alice:smtp-plain-pw --login-options AUTH=PLAIN
	inc $c -u alice:smtp-login-pw --login-options AUTH=LOGIN
	cap_stop smtp.pcap
}

cap_pop() {
	pair 1500
	mailserver pop3
	bg $NS socat TCP-LISTEN:110,bind=$S4,reuseaddr,fork EXEC:"$WORK/pop3.sh"
	waitport $NS tcp 110
	cap_start $NC c0 pop.pcap 'tcp port 110'
	inc curl -sS -u alice:pop-secret-3 pop3://$S4/ pop3://$S4/1 >"$WORK/pop.out"
	cap_stop pop.pcap
}

cap_imap() {
	pair 1500
	mailserver imap
	bg $NS socat TCP-LISTEN:143,bind=$S4,reuseaddr,fork EXEC:"$WORK/imap.sh"
	waitport $NS tcp 143
	cap_start $NC c0 imap.pcap 'tcp port 143'
	inc curl -sS -u alice:imap-secret-5 "imap://$S4/INBOX;UID=1" >"$WORK/imap.out"
	cap_stop imap.pcap
}

cap_tls12_rsa() {
	pair 1500
	mkdir -p "$WORK/tlswww"
	printf 'hello over TLS\n' >"$WORK/tlswww/hello.txt"
	cd "$WORK/tlswww" # s_server -WWW serves files from its working directory
	bg $NS openssl s_server -quiet -accept 443 \
		-cert "$KEYS/server.crt" -key "$KEYS/server.key" -WWW
	cd "$HERE"
	waitport $NS tcp 443
	cap_start $NC c0 tls12-rsa.pcap 'tcp port 443'
	# TLS_RSA_WITH_AES_128_CBC_SHA: RSA key exchange, decryptable with server.key
	printf 'GET /hello.txt HTTP/1.0\r\n\r\n' |
		inc openssl s_client -quiet -connect $S4:443 -servername tls.example.test \
			-tls1_2 -cipher AES128-SHA -CAfile "$KEYS/server.crt" >"$WORK/s_client.out" 2>&1
	# TLS_RSA_WITH_AES_128_GCM_SHA256 through curl
	inc curl -sS -o /dev/null --http1.1 --tls-max 1.2 --ciphers AES128-GCM-SHA256 \
		--cacert "$KEYS/server.crt" --resolve tls.example.test:443:$S4 \
		https://tls.example.test/hello.txt
	cap_stop tls12-rsa.pcap
}

cap_tls13() {
	pair 1500
	mkdir -p "$WORK/tlswww"
	printf 'hello over TLS 1.3\n' >"$WORK/tlswww/hello.txt"
	cd "$WORK/tlswww"
	bg $NS openssl s_server -quiet -accept 443 -tls1_3 \
		-cert "$KEYS/server.crt" -key "$KEYS/server.key" -WWW
	cd "$HERE"
	waitport $NS tcp 443
	rm -f "$KEYS/tls13.keylog"
	cap_start $NC c0 tls13.pcap 'tcp port 443'
	inc env SSLKEYLOGFILE="$KEYS/tls13.keylog" curl -sS -o /dev/null --http1.1 \
		--tlsv1.3 --cacert "$KEYS/server.crt" --resolve tls.example.test:443:$S4 \
		https://tls.example.test/hello.txt
	cap_stop tls13.pcap
}

# tls_www DIR: a document root for "openssl s_server -HTTP" (files hold their own headers):
# /hello.http answers with a Content-Length, so the decrypted response is a complete HTTP message.
tls_www() {
	mkdir -p "$1"
	printf 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 15\r\n\r\nhello over TLS\n' >"$1/hello.http"
}

# tls_get HOST PORT [s_client options...]: one "GET /hello.http" through openssl s_client.
tls_get() {
	local host=$1 port=$2
	shift 2
	printf 'GET /hello.http HTTP/1.0\r\n\r\n' |
		inc openssl s_client -quiet -connect "$host:$port" -servername tls.example.test \
			"$@" >>"$WORK/s_client.out" 2>&1 || true
}

# tls_server PORT KEYNAME [s_server options...]: s_server -HTTP in the server namespace.
tls_server() {
	local port=$1 key=$2
	shift 2
	tls_www "$WORK/tlswww"
	cd "$WORK/tlswww"
	bg $NS openssl s_server -quiet -accept "$port" -cert "$KEYS/$key.crt" -key "$KEYS/$key.key" -HTTP "$@"
	cd "$HERE"
	waitport $NS tcp "$port"
}

cap_tls12_ciphers() {
	pair 1500
	# security level 0: OpenSSL 3 refuses TLS 1.1 (SHA-1 signatures) otherwise
	tls_server 443 server -cipher 'ALL:@SECLEVEL=0'
	cap_start $NC c0 tls12-ciphers.pcap 'tcp port 443'
	tls_get $S4 443 -tls1_2 -cipher AES256-SHA256 -no_ticket
	tls_get $S4 443 -tls1_2 -cipher AES256-GCM-SHA384 -no_ticket
	tls_get $S4 443 -tls1_1 -cipher AES128-SHA@SECLEVEL=0 -no_ticket
	cap_stop tls12-ciphers.pcap
}

cap_tls12_port() {
	pair 1500
	tls_server 8443 server
	cap_start $NC c0 tls12-port.pcap 'tcp port 8443'
	tls_get $S4 8443 -tls1_2 -cipher AES128-SHA256 -no_ticket
	cap_stop tls12-port.pcap
}

# cap_tls12_frag: handshake messages that span records and records that span segments: the server
# sends records of at most 512 bytes (-max_send_frag) and a two-certificate chain (about 1.8 kB), on
# a link with MTU 400; the decrypted response (1.7 kB) spans records too. A TLS 1.2 session
# decryptable with server.key, then a TLS 1.3 one with ../keys/tls12-frag.keylog.
cap_tls12_frag() {
	pair 1500
	# below IPv6's minimum, so set after pair's IPv6 addresses (the link is IPv4 only then)
	ip -n $NC link set c0 mtu 400
	ip -n $NS link set s0 mtu 400
	tls_www "$WORK/tlswww"
	for i in $(seq 1 30); do printf 'line %02d of a response longer than one TLS record.......\n' "$i"; done >"$WORK/body"
	{
		printf 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n' "$(wc -c <"$WORK/body")"
		cat "$WORK/body"
	} >"$WORK/tlswww/big.http"
	cd "$WORK/tlswww"
	bg $NS openssl s_server -quiet -accept 443 -cert "$KEYS/server.crt" -key "$KEYS/server.key" \
		-cert_chain "$KEYS/server2.crt" -max_send_frag 512 -HTTP
	cd "$HERE"
	waitport $NS tcp 443
	rm -f "$KEYS/tls12-frag.keylog"
	cap_start $NC c0 tls12-frag.pcap 'tcp port 443'
	printf 'GET /big.http HTTP/1.0\r\n\r\n' |
		inc openssl s_client -quiet -connect "$S4:443" -servername tls.example.test \
			-tls1_2 -cipher AES128-SHA256 -no_ticket >>"$WORK/s_client.out" 2>&1 || true
	# the same over TLS 1.3, where the Certificate fragments are encrypted (../keys/tls12-frag.keylog)
	printf 'GET /big.http HTTP/1.0\r\n\r\n' |
		inc openssl s_client -quiet -connect "$S4:443" -servername tls.example.test \
			-tls1_3 -keylogfile "$KEYS/tls12-frag.keylog" >>"$WORK/s_client.out" 2>&1 || true
	cap_stop tls12-frag.pcap
}

cap_tls12_two() {
	pair 1500
	ip -n $NS addr add $S4B/24 dev s0
	sleep 0.2
	tls_www "$WORK/tlswww"
	cd "$WORK/tlswww"
	bg $NS openssl s_server -quiet -accept $S4:443 -cert "$KEYS/server.crt" -key "$KEYS/server.key" -HTTP
	bg $NS openssl s_server -quiet -accept $S4B:443 -cert "$KEYS/server2.crt" -key "$KEYS/server2.key" -HTTP
	cd "$HERE"
	waitport $NS tcp 443
	sleep 0.3
	cap_start $NC c0 tls12-two.pcap 'tcp port 443'
	tls_get $S4 443 -tls1_2 -cipher AES128-GCM-SHA256 -no_ticket
	tls_get $S4B 443 -tls1_2 -cipher AES128-GCM-SHA256 -no_ticket
	cap_stop tls12-two.pcap
}

cap_tls12_resume() {
	pair 1500
	tls_server 443 server
	cap_start $NC c0 tls12-resume.pcap 'tcp port 443'
	# by session ID
	tls_get $S4 443 -tls1_2 -cipher AES128-SHA -no_ticket -sess_out "$WORK/sess-id"
	tls_get $S4 443 -tls1_2 -cipher AES128-SHA -no_ticket -sess_in "$WORK/sess-id"
	# by session ticket
	tls_get $S4 443 -tls1_2 -cipher AES128-GCM-SHA256 -sess_out "$WORK/sess-tk"
	tls_get $S4 443 -tls1_2 -cipher AES128-GCM-SHA256 -sess_in "$WORK/sess-tk"
	cap_stop tls12-resume.pcap
}

# cap_tls12_noems: a server that refuses the extended master secret (OpenSSL 3's
# SSL_OP_NO_EXTENDED_MASTER_SECRET, set through Python's ssl module), so the master secret is
# derived from the randoms (tls12-rsa.pcap has the extension).
cap_tls12_noems() {
	pair 1500
	cat >"$WORK/noems.py" <<'PY'
import socket, ssl, sys
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
ctx.set_ciphers("AES128-SHA")  # RSA key exchange (Python's defaults leave it out)
ctx.options |= 0x1  # SSL_OP_NO_EXTENDED_MASTER_SECRET (OpenSSL 3.0)
ctx.options |= ssl.OP_NO_TICKET
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 443)); s.listen(1)
while True:
    c, _ = s.accept()
    t = ctx.wrap_socket(c, server_side=True)
    t.recv(4096)
    t.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 15\r\n\r\nhello over TLS\n")
    t.unwrap() if False else t.close()
PY
	bg $NS python3 "$WORK/noems.py" "$KEYS/server.crt" "$KEYS/server.key"
	waitport $NS tcp 443
	cap_start $NC c0 tls12-noems.pcap 'tcp port 443'
	tls_get $S4 443 -tls1_2 -cipher AES128-SHA
	cap_stop tls12-noems.pcap
}

# cap_tls_keylog: ephemeral key exchanges that only a key log decrypts: TLS 1.2 ECDHE with
# AES-GCM and ChaCha20-Poly1305, TLS 1.3 with ChaCha20-Poly1305 (../keys/tls-keylog.keylog).
cap_tls_keylog() {
	pair 1500
	tls_server 443 server
	rm -f "$KEYS/tls-keylog.keylog"
	cap_start $NC c0 tls-keylog.pcap 'tcp port 443'
	tls_get $S4 443 -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 -no_ticket -keylogfile "$KEYS/tls-keylog.keylog"
	tls_get $S4 443 -tls1_2 -cipher ECDHE-RSA-CHACHA20-POLY1305 -no_ticket -keylogfile "$KEYS/tls-keylog.keylog"
	tls_get $S4 443 -tls1_3 -ciphersuites TLS_CHACHA20_POLY1305_SHA256 -keylogfile "$KEYS/tls-keylog.keylog"
	cap_stop tls-keylog.pcap
}

cap_ssh() {
	pair 1500
	mkdir -p /run/sshd
	bg $NS /usr/sbin/sshd -D -e -f /dev/null -h "$KEYS/ssh_host_ed25519_key" \
		-o ListenAddress=$S4 -o PidFile=none -o UsePAM=no -o PermitRootLogin=no
	waitport $NS tcp 22
	cap_start $NC c0 ssh.pcap 'tcp port 22'
	# key exchange, then the "none" authentication is refused and ssh gives up
	inc env -u SSH_AUTH_SOCK ssh -F /dev/null -o BatchMode=yes \
		-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
		-o KexAlgorithms=curve25519-sha256 -o PubkeyAuthentication=no \
		-o PasswordAuthentication=no -o KbdInteractiveAuthentication=no \
		-o GSSAPIAuthentication=no -o HostbasedAuthentication=no \
		labuser@$S4 true >/dev/null 2>&1 || true
	cap_stop ssh.pcap
}

cap_tcp_rst() {
	pair 1500
	# the server answers "bye" and closes without reading the request: a reset
	bg $NS socat TCP-LISTEN:4243,bind=$S4,reuseaddr SYSTEM:'sleep 0.2; echo bye',nofork
	waitport $NS tcp 4243
	cap_start $NC c0 tcp-rst.pcap 'tcp port 9 or tcp port 4243'
	inc nc -z -w 1 $S4 9 || true # closed port: SYN answered by RST
	printf 'hello\n' | inc nc -w 1 $S4 4243 >/dev/null || true
	cap_stop tcp-rst.pcap
}

cap_udp() {
	pair 1500
	bg $NS socat UDP-RECVFROM:4242,bind=$S4,fork SYSTEM:'read l; echo "ack $l"'
	waitport $NS udp 4242
	cap_start $NC c0 udp.pcap 'udp port 4242'
	(printf 'one\n'; sleep 0.1; printf 'two\n'; sleep 0.1; printf 'three\n'; sleep 0.3) |
		inc socat -t 0.3 - UDP:$S4:4242,sourceport=42420 >/dev/null
	cap_stop udp.pcap
}

cap_icmp() {
	pair 1500
	cap_start $NC c0 icmp.pcap 'icmp or udp port 33434'
	inc ping -n -q -c 2 -i 0.2 $S4 >/dev/null
	printf 'anybody?\n' | inc socat -t 0.3 - UDP:$S4:33434 >/dev/null 2>&1 || true
	cap_stop icmp.pcap
}

cap_icmpv6() {
	pair 1500
	# fresh neighbour caches: the ping starts with NS/NA
	cap_start $NC c0 icmpv6.pcap 'icmp6 or udp port 33434'
	inc ping -6 -n -q -c 2 -i 0.2 $S6 >/dev/null
	printf 'anybody?\n' | inc socat -t 0.3 - UDP6:[$S6]:33434 >/dev/null 2>&1 || true
	cap_stop icmpv6.pcap
}

cap_arp() {
	pair 1500
	cap_start $NC c0 arp.pcap 'arp'
	inc ping -n -q -c 1 $S4 >/dev/null # kernel ARP request and reply
	inc arping -q -c 2 -W 0.2 -i c0 $S4 || true
	inc arping -q -c 1 -U -i c0 -S $C4 $C4 || true # gratuitous
	cap_stop arp.pcap
}

cap_vlan() {
	pair 1500
	# this kernel may lack 8021q: arping builds the tagged frames itself
	cap_start $NC c0 vlan.pcap 'vlan'
	inc arping -q -c 2 -W 0.2 -V 10 -Q 5 -i c0 -S $C4 $S4 || true
	cap_stop vlan.pcap
}

cap_gre() {
	pair 1500
	if ip -n $NC link add gre1 type gre local $C4 remote $S4 2>/dev/null &&
		ip -n $NS link add gre1 type gre local $S4 remote $C4 2>/dev/null; then
		ip -n $NC addr add 192.168.99.1/30 dev gre1
		ip -n $NS addr add 192.168.99.2/30 dev gre1
		ip -n $NC link set gre1 up
		ip -n $NS link set gre1 up
	else
		# No ip_gre in this kernel. A tun device with packet information
		# prepends flags 0x0000 and the ethertype: byte for byte a basic
		# RFC 2784 GRE header, sent as IP protocol 47. Only the echo
		# requests travel (the server side has no GRE decapsulation).
		bg $NC socat -u TUN:192.168.99.1/30,tun-name=gre1,up IP4-SENDTO:$S4:47
		bg $NS socat -u IP4-RECV:47 /dev/null
		local i
		for i in $(seq 1 50); do
			ip -n $NC link show gre1 >/dev/null 2>&1 && break
			sleep 0.1
		done
		sleep 0.3
	fi
	cap_start $NC c0 gre.pcap 'proto 47'
	inc ping -n -q -c 2 -i 0.2 -W 0.3 192.168.99.2 >/dev/null || true
	cap_stop gre.pcap
}

cap_ipv6_ext() {
	pair 1280
	cap_start $NC c0 ipv6-ext.pcap 'ip6'
	# joining a solicited-node group: MLDv2 report with a hop-by-hop header
	ip -n $NC addr add fd00:20::99/64 dev c0 nodad
	sleep 0.2
	# 3000 bytes over MTU 1280: fragment headers both ways
	inc ping -6 -n -q -c 1 -s 3000 $S6 >/dev/null
	cap_stop ipv6-ext.pcap
}

cap_ipfrag() {
	pair 1500
	cap_start $NC c0 ipfrag.pcap 'ip'
	inc ping -n -q -c 1 -s 3000 -M dont $S4 >/dev/null
	# a 2000-byte UDP datagram to a closed port: fragments, then ICMP
	head -c 2000 /dev/zero | tr '\0' 'x' | inc socat -t 0.3 - UDP:$S4:33434 >/dev/null 2>&1 || true
	cap_stop ipfrag.pcap
}

cap_ntp() {
	pair 1500
	cat >"$WORK/chrony-s.conf" <<EOF
local stratum 8
allow 10.20.0.0/24
bindaddress $S4
cmdport 0
pidfile $WORK/chronyd-s.pid
EOF
	# -x: never touch the clock
	bg $NS chronyd -d -x -u root -f "$WORK/chrony-s.conf"
	waitport $NS udp 123
	cap_start $NC c0 ntp.pcap 'udp port 123'
	# -Q: query only, print the offset and exit without setting the clock
	inc timeout 10 chronyd -Q -u root -t 8 "server $S4 iburst minpoll -6 maxpoll -6 maxsamples 4" \
		"cmdport 0" "pidfile $WORK/chronyd-c.pid" >/dev/null 2>&1 || true
	cap_stop ntp.pcap
}

cap_dhcp() {
	pair 1500
	cat >"$WORK/udhcpd.conf" <<EOF
interface s0
start 10.20.0.100
end 10.20.0.110
max_leases 10
lease_file $WORK/udhcpd.leases
pidfile $WORK/udhcpd.pid
opt subnet 255.255.255.0
opt router $S4
opt dns $S4
opt domain example.test
opt lease 3600
EOF
	touch "$WORK/udhcpd.leases"
	printf '#!/bin/sh\nexit 0\n' >"$WORK/udhcpc.sh"
	chmod +x "$WORK/udhcpc.sh"
	bg $NS busybox udhcpd -f "$WORK/udhcpd.conf"
	waitport $NS udp 67
	cap_start $NC c0 dhcp.pcap 'udp port 67 or udp port 68'
	# discover, offer, request, ack; -R: release on exit
	inc busybox udhcpc -f -q -n -R -t 2 -T 3 -i c0 -s "$WORK/udhcpc.sh" \
		-x hostname:labclient >/dev/null 2>&1
	cap_stop dhcp.pcap
}

# sll and sll2: "-i any" captures of a ping and a small HTTP exchange
sll_common() { # sll_common FILE [tcpdump options]
	local file=$1
	shift
	pair 1500
	mkdir -p "$WORK/www"
	printf 'hello from busybox httpd\n' >"$WORK/www/index.html"
	bg $NS busybox httpd -f -p $S4:80 -h "$WORK/www"
	waitport $NS tcp 80
	cap_start $NC any "$file" 'icmp or tcp port 80' "$@"
	inc ping -n -q -c 1 $S4 >/dev/null
	inc curl -sS -o /dev/null http://$S4/
	cap_stop "$file"
}
cap_sll() { sll_common sll.pcap -y LINUX_SLL; }
cap_sll2() { sll_common sll2.pcap -y LINUX_SLL2; }

cap_mixed() {
	local f
	for f in dns.pcap icmp.pcap sll.pcap; do
		[ -s "$OUT/$f" ] || "cap_${f%%.*}"
		cleanup
	done
	# -I none: one interface description block per input file
	mergecap -I none -w "$OUT/mixed.pcapng" "$OUT/dns.pcap" "$OUT/icmp.pcap" "$OUT/sll.pcap"
}

# run everything (or what was asked for)
ALL=(http dns telnet ftp smtp pop imap tls12-rsa tls13 tls12-ciphers tls12-port tls12-two tls12-resume tls12-noems tls-keylog tls12-frag ssh tcp-rst udp icmp icmpv6 arp vlan gre ipv6-ext ipfrag ntp dhcp sll sll2 mixed)

main() {
	need_all
	make_keys
	local want=("$@")
	[ ${#want[@]} -gt 0 ] || want=("${ALL[@]}")
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

# make-apps.sh sources this file for its helpers and runs its own main.
[ "${BASH_SOURCE[0]}" != "$0" ] || main "$@"
