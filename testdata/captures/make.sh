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
NR=tcap-r # third namespace (tunnel end points)
C4=10.20.0.1
S4=10.20.0.2
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
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null
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
	ip netns del $NR 2>/dev/null || true
}

finish() {
	[ -n "${KEEPWORK:-}" ] && cp -r "$WORK" /tmp/tcap-keep
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
	cat >"$WORK/chunked.sh" <<'EOF'
#!/bin/bash
while IFS= read -r l; do l=${l%$'\r'}; [ -z "$l" ] && break; done
printf 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n'
printf '7\r\nchunk1\n\r\n'
printf 'd\r\nsecond chunk\n\r\n'
printf '0\r\n\r\n'
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
	"RETR 1") printf "+OK %d octets\r\n%s.\r\n" ${#msg} "$msg" ;;
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
		printf '* 1 FETCH (UID 1 BODY[] {%d}\r\n%s)\r\n' ${#body} "$body"
		r "$tag OK Fetch completed." ;;
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

# run everything (or what was asked for)
ALL=(http dns telnet ftp smtp pop imap)

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

main "$@"
