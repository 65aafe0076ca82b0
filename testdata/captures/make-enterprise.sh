#!/usr/bin/env bash
# make-enterprise.sh re-creates the captures of enterprise-server protocols in this folder with the
# real servers and clients Debian packages: MIT Kerberos, OpenLDAP, Samba, FreeRADIUS, tftp-hpa,
# util-linux logger, and a Go HTTP/2 (h2c) server.
#
# All traffic stays on a veth pair between two network namespaces this script creates (ent-c =
# client 10.21.0.1, ent-s = server 10.21.0.2) and removes again. No other address is contacted.
#
# Usage (as root):  testdata/captures/make-enterprise.sh [name ...]
#   names: kerberos ldap smb smbfiles radius tftp syslog h2c (default: all). KEEPWORK=1 keeps the scratch
#   folder in /tmp/ent-keep.
# All passwords are fake and used nowhere else.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$HERE
WORK=$(mktemp -d /tmp/ent.XXXXXX)
NC=ent-c
NS=ent-s
C4=10.21.0.1
S4=10.21.0.2
CMAC=02:00:00:21:00:01
SMAC=02:00:00:21:00:02
export LC_ALL=C TZ=UTC

log() { printf '== %s\n' "$*" >&2; }
die() {
	printf 'make-enterprise.sh: %s\n' "$*" >&2
	exit 1
}
[ "$(id -u)" = 0 ] || die "must run as root (network namespaces, tcpdump)"

need() { # need COMMAND PACKAGE
	command -v "$1" >/dev/null 2>&1 && return 0
	[ -x "/usr/sbin/$1" ] && return 0
	log "installing $2 (for $1)"
	if [ -z "${APT_UPDATED:-}" ]; then
		DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
		APT_UPDATED=1
	fi
	local prc=
	if [ ! -e /usr/sbin/policy-rc.d ]; then # the packages must not start their services on the host
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod +x /usr/sbin/policy-rc.d
		prc=1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null
	[ -z "$prc" ] || rm -f /usr/sbin/policy-rc.d
}

PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	sleep 0.3
	ip netns del $NC 2>/dev/null || true
	ip netns del $NS 2>/dev/null || true
	id entalice >/dev/null 2>&1 && userdel entalice 2>/dev/null || true
	if [ -n "${KEEPWORK:-}" ]; then
		rm -rf /tmp/ent-keep && mv "$WORK" /tmp/ent-keep
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT

setup_net() {
	ip netns del $NC 2>/dev/null || true
	ip netns del $NS 2>/dev/null || true
	ip netns add $NC
	ip netns add $NS
	ip link add ent-c0 type veth peer name ent-s0
	ip link set ent-c0 netns $NC
	ip link set ent-s0 netns $NS
	ip -n $NC link set ent-c0 name c0 address $CMAC
	ip -n $NS link set ent-s0 name s0 address $SMAC
	ip -n $NC addr add $C4/24 dev c0
	ip -n $NS addr add $S4/24 dev s0
	for n in $NC $NS; do
		ip -n $n link set lo up
		ip netns exec $n ethtool -K "$([ $n = $NC ] && echo c0 || echo s0)" tso off gso off gro off tx off rx off >/dev/null 2>&1 || true
	done
	ip -n $NC link set c0 up
	ip -n $NS link set s0 up
	# static neighbours: no ARP in the captures
	ip -n $NC neigh add $S4 lladdr $SMAC dev c0
	ip -n $NS neigh add $C4 lladdr $CMAC dev s0
}

inc() { timeout 30 ip netns exec $NC "$@"; }
ins() { ip netns exec $NS "$@"; }

# capture NAME FILTER: start tcpdump in the client namespace
capture() {
	ip netns exec $NC tcpdump -i c0 --immediate-mode -U -s 0 -w "$WORK/$1.pcap" "$2" 2>/dev/null &
	CAP=$!
	sleep 1
}
finish() { # finish NAME: stop tcpdump, keep the file
	sleep 0.5
	kill $CAP
	wait $CAP 2>/dev/null || true
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	PIDS=()
	sleep 0.3
	cp "$WORK/$1.pcap" "$OUT/$1.pcap"
	log "$1.pcap: $(tcpdump -r "$OUT/$1.pcap" 2>/dev/null | wc -l) packets"
}
bg() { # bg CMD...: a server in the server namespace
	ip netns exec $NS "$@" &
	PIDS+=($!)
}

# ---------------------------------------------------------------------------

make_kerberos() {
	need krb5kdc krb5-kdc
	need kinit krb5-user
	need kadmin.local krb5-admin-server
	local K=$WORK/krb
	mkdir -p $K/db
	cat >$K/kdc.conf <<EOF
[kdcdefaults]
 kdc_ports = 88
 kdc_tcp_ports = 88
[realms]
 EXAMPLE.TEST = {
  database_name = $K/db/principal
  key_stash_file = $K/db/stash
  acl_file = $K/db/kadm5.acl
  supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal
  default_principal_flags = +preauth
 }
[logging]
 kdc = FILE:$K/kdc.log
EOF
	for lim in 1465 1; do
		cat >$K/krb5-$lim.conf <<EOF
[libdefaults]
 default_realm = EXAMPLE.TEST
 dns_lookup_kdc = false
 dns_lookup_realm = false
 rdns = false
 udp_preference_limit = $lim
 default_ccache_name = FILE:$K/ccache
[realms]
 EXAMPLE.TEST = {
  kdc = $S4
 }
EOF
	done
	export KRB5_KDC_PROFILE=$K/kdc.conf KRB5_CONFIG=$K/krb5-1465.conf
	kdb5_util create -s -r EXAMPLE.TEST -P kdb-master-pw >/dev/null
	kadmin.local -q "addprinc -pw krb-alice-pw alice" >/dev/null
	kadmin.local -q "addprinc -randkey host/server.example.test" >/dev/null
	bg krb5kdc -n
	sleep 1
	capture kerberos "port 88"
	# UDP: AS-REQ, PREAUTH_REQUIRED, AS-REQ with PA-ENC-TIMESTAMP, AS-REP; then TGS-REQ/REP
	echo krb-alice-pw | inc env KRB5_CONFIG=$K/krb5-1465.conf kinit alice >/dev/null
	inc env KRB5_CONFIG=$K/krb5-1465.conf kvno host/server.example.test >/dev/null
	# a wrong password: PREAUTH_FAILED
	echo wrong-password | inc env KRB5_CONFIG=$K/krb5-1465.conf kinit alice >/dev/null 2>&1 || true
	# an unknown principal: C_PRINCIPAL_UNKNOWN
	echo x | inc env KRB5_CONFIG=$K/krb5-1465.conf kinit nobody >/dev/null 2>&1 || true
	# TCP (record marks)
	echo krb-alice-pw | inc env KRB5_CONFIG=$K/krb5-1.conf kinit alice >/dev/null
	finish kerberos
	unset KRB5_KDC_PROFILE KRB5_CONFIG
}

make_ldap() {
	need slapd slapd
	need ldapsearch ldap-utils
	local L=$WORK/ldap
	mkdir -p $L/db
	cat >$L/slapd.conf <<EOF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile $L/slapd.pid
database mdb
suffix "dc=example,dc=test"
rootdn "cn=admin,dc=example,dc=test"
rootpw ldap-admin-pw
directory $L/db
EOF
	cat >$L/base.ldif <<EOF
dn: dc=example,dc=test
objectClass: dcObject
objectClass: organization
o: Example
dc: example

dn: ou=people,dc=example,dc=test
objectClass: organizationalUnit
ou: people

dn: uid=alice,ou=people,dc=example,dc=test
objectClass: inetOrgPerson
uid: alice
cn: Alice Example
sn: Example
mail: alice@example.test
userPassword: ldap-alice-pw
EOF
	cat >$L/mod.ldif <<EOF
dn: uid=alice,ou=people,dc=example,dc=test
changetype: modify
replace: mail
mail: alice2@example.test
EOF
	bg slapd -d 0 -f $L/slapd.conf -h "ldap://$S4/"
	sleep 1.5
	capture ldap "tcp port 389"
	local H="-x -H ldap://$S4"
	inc ldapadd $H -D cn=admin,dc=example,dc=test -w ldap-admin-pw -f $L/base.ldif >/dev/null
	inc ldapsearch $H -b dc=example,dc=test "(uid=alice)" cn mail >/dev/null
	inc ldapwhoami $H -D uid=alice,ou=people,dc=example,dc=test -w ldap-alice-pw >/dev/null
	inc ldapwhoami $H -D uid=alice,ou=people,dc=example,dc=test -w wrong-password >/dev/null 2>&1 || true
	inc ldapmodify $H -D cn=admin,dc=example,dc=test -w ldap-admin-pw -f $L/mod.ldif >/dev/null
	inc ldapsearch $H -s base -b "" "(objectClass=*)" namingContexts supportedLDAPVersion >/dev/null
	inc ldapsearch $H -b ou=people,dc=example,dc=test "(&(objectClass=inetOrgPerson)(|(cn=Ali*)(mail=*@example.test))(!(uid=bob)))" >/dev/null
	inc ldapdelete $H -D cn=admin,dc=example,dc=test -w ldap-admin-pw uid=alice,ou=people,dc=example,dc=test >/dev/null
	finish ldap
}

# smb_server starts smbd (SMB1 allowed) with a share holding hello.txt; S is its folder.
smb_server() {
	need smbd samba
	need smbclient smbclient
	mkdir -p $S/private $S/lock $S/state $S/cache $S/pid $S/share
	echo "hello from samba" >$S/share/hello.txt
	chmod 755 $WORK $S
	chmod -R 777 $S/share
	cat >$S/smb.conf <<EOF
[global]
 workgroup = EXAMPLE
 netbios name = SERVER
 server role = standalone server
 map to guest = never
 server min protocol = NT1
 interfaces = $S4/24
 bind interfaces only = yes
 smb ports = 445 139
 disable netbios = yes
 private dir = $S/private
 lock directory = $S/lock
 state directory = $S/state
 cache directory = $S/cache
 pid directory = $S/pid
 ncalrpc dir = $S/ncalrpc
 log file = $S/log.%m
 passdb backend = tdbsam:$S/private/passdb.tdb
 load printers = no
[share]
 path = $S/share
 read only = no
EOF
	id entalice >/dev/null 2>&1 || useradd -M -s /usr/sbin/nologin entalice
	printf 'smb-alice-pw\nsmb-alice-pw\n' | smbpasswd -c $S/smb.conf -s -a entalice >/dev/null
	cat >$S/client.conf <<EOF
[global]
 client min protocol = NT1
 client use kerberos = off
 name resolve order = host
EOF
	# smbd signals its whole process group when it stops: give it a session of its own
	bg setsid smbd -F --no-process-group -s $S/smb.conf
	sleep 3
}

make_smb() {
	local S=$WORK/smb
	smb_server
	echo "uploaded by smbclient" >$WORK/upload.txt
	capture smb "tcp port 445 or tcp port 139"
	local cli="smbclient -s $S/client.conf //$S4/share -U entalice%smb-alice-pw"
	# SMB3 (dialect 3.1.1), NTLMSSP in SPNEGO: ls, get, put
	inc $cli -m SMB3 -c "ls; get hello.txt $WORK/got.txt; put $WORK/upload.txt up.txt; rm up.txt" >$WORK/smbclient.log 2>&1 || { cat $WORK/smbclient.log >&2; die "smbclient failed"; }
	# SMB1 (NT LM 0.12) over port 139 with an NBSS session request
	inc $cli -m NT1 -p 139 -c "ls" >/dev/null 2>&1 || true
	# a wrong password: STATUS_LOGON_FAILURE
	inc smbclient -s $S/client.conf //$S4/share -U entalice%wrong-password -m SMB3 -c ls >/dev/null 2>&1 || true
	finish smb
}

# smbfiles: files read and written over SMB3 and SMB1, each a read or write spanning segments (Export
# Objects: smb)
make_smbfiles() {
	local S=$WORK/smb
	smb_server
	seq 1 2000 | sed "s/^/row /" >$S/share/big.txt # ~17 KB: TCP reassembles the read
	head -c 8000 $S/share/big.txt >$WORK/up1.txt
	echo "small upload over SMB1" >$WORK/up2.txt
	capture smbfiles "tcp port 445"
	local cli="smbclient -s $S/client.conf //$S4/share -U entalice%smb-alice-pw"
	inc $cli -m SMB3 -c "get big.txt $WORK/got3.txt; put $WORK/up1.txt up1.txt" >$WORK/smbclient.log 2>&1 || { cat $WORK/smbclient.log >&2; die "smbclient failed"; }
	inc $cli -m NT1 -c "get hello.txt $WORK/got1.txt; put $WORK/up2.txt up2.txt; get up1.txt $WORK/got1b.txt" >$WORK/smbclient.log 2>&1 || { cat $WORK/smbclient.log >&2; die "smbclient (SMB1) failed"; }
	finish smbfiles
}

make_radius() {
	need freeradius freeradius
	need radclient freeradius-utils
	local R=$WORK/raddb
	cp -a /etc/freeradius/3.0 $R
	cat >>$R/clients.conf <<EOF
client entclient {
	ipaddr = $C4
	secret = radius-shared-secret
}
EOF
	sed -i '1i alice Cleartext-Password := "radius-alice-pw"\n\tReply-Message := "Hello, %{User-Name}"\n' $R/mods-config/files/authorize
	bg freeradius -f -d $R -l $WORK/radius.log
	sleep 3
	capture radius "udp port 1812 or udp port 1813"
	inc radtest alice radius-alice-pw $S4 0 radius-shared-secret >/dev/null
	inc radtest alice wrong-password $S4 0 radius-shared-secret >/dev/null 2>&1 || true
	inc radtest -t chap alice radius-alice-pw $S4 0 radius-shared-secret >/dev/null 2>&1 || true
	printf 'User-Name = alice\nAcct-Status-Type = Start\nAcct-Session-Id = "ent-0001"\nNAS-IP-Address = %s\nNAS-Port = 7\nFramed-IP-Address = 10.21.0.99\n' $C4 |
		inc radclient -x $S4:1813 acct radius-shared-secret >/dev/null 2>&1 || true
	finish radius
}

make_tftp() {
	need in.tftpd tftpd-hpa
	need tftp tftp-hpa
	local T=$WORK/tftpboot
	mkdir -p $T
	seq 1 200 | sed 's/^/line /' >$T/boot.txt # ~1.8 KB: four DATA blocks
	echo "small file" >$WORK/put.txt
	chmod -R 777 $T
	bg in.tftpd -L -c -s -u root -a $S4:69 $T
	sleep 1
	capture tftp "udp"
	(cd $WORK && inc tftp $S4 -m octet -c get boot.txt got.txt)
	(cd $WORK && inc tftp $S4 -m netascii -c put put.txt put.txt)
	(cd $WORK && inc tftp $S4 -c get missing.txt missing.txt >/dev/null 2>&1) || true
	finish tftp
}

make_syslog() {
	need logger bsdutils
	need socat socat
	bg socat -u UDP4-RECVFROM:514,fork OPEN:/dev/null
	sleep 0.5
	capture syslog "udp port 514"
	inc logger -n $S4 -P 514 -d --rfc3164 -t sshd -p auth.info "Accepted password for alice from 10.21.0.1 port 50000 ssh2"
	inc logger -n $S4 -P 514 -d --rfc3164 -t kernel -p kern.warning "eth0: link down"
	inc logger -n $S4 -P 514 -d --rfc5424 -t app -p local3.err --msgid ID47 --sd-id exampleSDID@32473 --sd-param 'iut="3"' "disk almost full"
	inc logger -n $S4 -P 514 -d --rfc5424=notq -t cron -p cron.notice "job done"
	finish syslog
}

make_h2c() {
	local B=$WORK/h2server
	(cd "$HERE/../.." && CGO_ENABLED=0 go build -o $B ./testdata/captures/h2server) || die "build h2server"
	bg $B -addr $S4:8080
	sleep 1
	capture h2c "tcp port 8080"
	# prior knowledge, then the HTTP/1.1 Upgrade: h2c dance
	inc curl -s --http2-prior-knowledge -A curl/test "http://$S4:8080/hello?x=1" -o /dev/null
	inc curl -s --http2-prior-knowledge -A curl/test -H 'content-type: application/json' -d '{"name":"alice","n":[1,2]}' "http://$S4:8080/api/echo" -o /dev/null
	inc curl -s --http2 -A curl/test "http://$S4:8080/upgrade" -o /dev/null
	# gRPC framing: one length-prefixed message each way
	printf '\x00\x00\x00\x00\x07\x0a\x05alice' >$WORK/grpc.bin
	inc curl -s --http2-prior-knowledge -A grpc-test -H 'content-type: application/grpc' -H 'te: trailers' \
		--data-binary @$WORK/grpc.bin "http://$S4:8080/helloworld.Greeter/SayHello" -o /dev/null
	finish h2c
}

ALL="kerberos ldap smb smbfiles radius tftp syslog h2c"
[ $# -gt 0 ] || set -- $ALL
need tcpdump tcpdump
need ethtool ethtool
setup_net
for n in "$@"; do
	case " $ALL " in *" $n "*) ;; *) die "unknown capture $n" ;; esac
	log "$n"
	"make_$n"
done
