#!/usr/bin/env bash
# make-apps.sh re-creates the database, application and voice captures (mysql, pgsql, redis,
# memcache, mqtt, sip) with real servers and clients, in the same two network namespaces
# as make.sh (renamed tapp-c/tapp-s so both scripts can run side by side), client 10.20.0.1,
# server 10.20.0.2. No other address is ever contacted.
#
# Usage (as root):  testdata/captures/make-apps.sh [name ...]
#
# Needs: mariadb-server + mariadb-client, postgresql 15, redis-server + redis-tools, memcached,
# mosquitto + mosquitto-clients, sip-tester (SIPp), python3 (apps_peers.py: the memcached
# clients and the callee's RTP/RTCP). Missing ones are installed.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=make.sh
source "$HERE/make.sh"
NC=tapp-c
NS=tapp-s

need_apps() {
	need tcpdump tcpdump
	need ip iproute2
	need ethtool ethtool
	need mariadbd mariadb-server
	need mariadb mariadb-client
	[ -x /usr/lib/postgresql/15/bin/postgres ] || need postgres postgresql-15
	need redis-server redis-server
	need redis-cli redis-tools
	need memcached memcached
	need mosquitto mosquitto
	need mosquitto_pub mosquitto-clients
	need sipp sip-tester
	need python3 python3
}

PG=/usr/lib/postgresql/15/bin

# ---------------------------------------------------------------------------

cap_mysql() {
	pair 1500
	local d=$WORK/mysql
	mkdir -p "$d"
	mariadb-install-db --user=root --datadir="$d/data" --auth-root-authentication-method=socket >/dev/null 2>&1
	bg $NS mariadbd --user=root --datadir="$d/data" --socket="$d/sock" --pid-file="$d/pid" \
		--bind-address=$S4 --port=3306 --skip-name-resolve --skip-log-bin --skip-ssl \
		--innodb-buffer-pool-size=16M
	waitport $NS tcp 3306
	ins mariadb --socket="$d/sock" -e "CREATE DATABASE shop; CREATE USER 'alice'@'%' IDENTIFIED BY 'mysql-secret-9'; GRANT ALL ON shop.* TO 'alice'@'%';"
	cap_start $NC c0 mysql.pcap "tcp port 3306"
	# wrong password first (Access denied), then a session with queries
	inc mariadb -h $S4 -u alice -pwrong-password --skip-ssl shop -e "SELECT 1" >/dev/null 2>&1 || true
	inc mariadb -h $S4 -u alice -pmysql-secret-9 --skip-ssl --force shop -e "
		CREATE TABLE items (id INT PRIMARY KEY, name TEXT, price DECIMAL(6,2));
		INSERT INTO items VALUES (1, 'apple', 0.50), (2, 'pear', 0.75), (3, REPEAT('x', 3000), 9.99);
		SELECT id, name, price FROM items WHERE id < 3;
		SELECT name FROM items WHERE id = 3;
		SELECT * FROM missing_table;
		USE shop;" >/dev/null 2>&1 || true
	cap_stop mysql.pcap
}

cap_pgsql() {
	pair 1500
	local d=$WORK/pg
	mkdir -p "$d"
	chmod o+x "$WORK"
	chown postgres "$d"
	runuser -u postgres -- $PG/initdb -D "$d/data" -U postgres --auth-local=trust --auth-host=reject >/dev/null
	cat >"$d/data/pg_hba.conf" <<-EOF
		local all all trust
		host all alice 10.20.0.0/24 password
		host all bob 10.20.0.0/24 md5
		host all carol 10.20.0.0/24 scram-sha-256
	EOF
	bg $NS runuser -u postgres -- $PG/postgres -D "$d/data" -k "$d" -c listen_addresses=$S4 -c ssl=off \
		-c fsync=off -c shared_buffers=8MB
	waitport $NS tcp 5432
	ins runuser -u postgres -- $PG/psql -q -h "$d" -U postgres -c "CREATE ROLE alice LOGIN PASSWORD 'pg-clear-1';" \
		-c "SET password_encryption = 'md5'; CREATE ROLE bob LOGIN PASSWORD 'pg-md5-2';" \
		-c "SET password_encryption = 'scram-sha-256'; CREATE ROLE carol LOGIN PASSWORD 'pg-scram-3';" \
		-c "CREATE TABLE t (id int, name text); INSERT INTO t VALUES (1, 'one'), (2, 'two'); GRANT ALL ON t TO alice, bob, carol;"
	printf '\\set n 2\nSELECT id, name FROM t WHERE id <= :n;\n' >"$d/ext.sql"
	chmod 644 "$d/ext.sql"
	cap_start $NC c0 pgsql.pcap "tcp port 5432"
	# cleartext password, simple queries (one fails)
	inc env PGPASSWORD=pg-clear-1 $PG/psql -q "host=$S4 user=alice dbname=postgres sslmode=disable" \
		-c "SELECT id, name FROM t ORDER BY id;" -c "SELECT * FROM nosuchtable;" >/dev/null 2>&1 || true
	# md5 password, a wrong one first
	inc env PGPASSWORD=wrong $PG/psql -q "host=$S4 user=bob dbname=postgres sslmode=disable" -c "SELECT 1" >/dev/null 2>&1 || true
	inc env PGPASSWORD=pg-md5-2 $PG/psql -q "host=$S4 user=bob dbname=postgres sslmode=disable" \
		-c "INSERT INTO t VALUES (3, 'three');" >/dev/null 2>&1 || true
	# SCRAM-SHA-256, extended query protocol (Parse/Bind/Describe/Execute/Sync) from pgbench
	inc env PGPASSWORD=pg-scram-3 $PG/pgbench -n -M extended -t 2 -f "$d/ext.sql" \
		"host=$S4 user=carol dbname=postgres sslmode=disable" >/dev/null 2>&1 || true
	cap_stop pgsql.pcap
}

cap_redis() {
	pair 1500
	bg $NS redis-server --bind $S4 --port 6379 --save '' --appendonly no --requirepass redis-pass-4 \
		--dir "$WORK"
	waitport $NS tcp 6379
	cap_start $NC c0 redis.pcap "tcp port 6379"
	local big
	big=$(head -c 3000 /dev/zero | tr '\0' 'r')
	{
		printf 'AUTH redis-pass-4\nPING\nSET greeting hello\nGET greeting\nINCR counter\nINCRBY counter 41\n'
		printf 'RPUSH fruits apple pear plum\nLRANGE fruits 0 -1\nHSET user:1 name alice age 30\nHGETALL user:1\n'
		printf 'SET big %s\nGET big\nGET nosuchkey\nNOSUCHCOMMAND x\nDEL greeting counter\nQUIT\n' "$big"
	} | inc redis-cli -h $S4 -p 6379 >/dev/null 2>&1 || true
	cap_stop redis.pcap
}

cap_memcache() {
	pair 1500
	bg $NS memcached -u root -l $S4 -p 11211 -U 0 -m 16
	waitport $NS tcp 11211
	cap_start $NC c0 memcache.pcap "tcp port 11211"
	inc python3 "$HERE/apps_peers.py" memcache-text $S4 11211
	inc python3 "$HERE/apps_peers.py" memcache-binary $S4 11211
	cap_stop memcache.pcap
}

cap_mqtt() {
	pair 1500
	local d=$WORK/mqtt
	mkdir -p "$d"
	mosquitto_passwd -c -b "$d/passwd" sensor mqtt-pass-5 >/dev/null 2>&1
	chmod 644 "$d/passwd"
	printf 'user root\nlistener 1883 %s\nallow_anonymous false\npassword_file %s\n' $S4 "$d/passwd" >"$d/mosquitto.conf"
	bg $NS mosquitto -c "$d/mosquitto.conf"
	waitport $NS tcp 1883
	cap_start $NC c0 mqtt.pcap "tcp port 1883"
	inc mosquitto_sub -h $S4 -u sensor -P mqtt-pass-5 -i sub-1 -t 'home/+/temp' -q 2 -C 3 -W 10 >/dev/null 2>&1 &
	local sub=$!
	sleep 0.5
	inc mosquitto_pub -h $S4 -u sensor -P mqtt-pass-5 -i pub-0 -t home/kitchen/temp -m 21.5 -q 0
	inc mosquitto_pub -h $S4 -u sensor -P mqtt-pass-5 -i pub-1 -t home/hall/temp -m 19.0 -q 1 -r
	inc mosquitto_pub -h $S4 -u sensor -P mqtt-pass-5 -i pub-2 -t home/attic/temp -m 30.25 -q 2
	wait $sub || true
	inc mosquitto_pub -h $S4 -V mqttv5 -u sensor -P mqtt-pass-5 -i pub-5 -t home/v5/temp -m 5 -q 1 \
		-D publish user-property unit celsius || true
	inc mosquitto_pub -h $S4 -u sensor -P wrong -i pub-bad -t x -m y >/dev/null 2>&1 || true
	cap_stop mqtt.pcap
}

cap_sip() {
	pair 1500
	local d=$WORK/sip
	mkdir -p "$d/pcap"
	cp /usr/share/sip-tester/g711a.pcap "$d/pcap/"
	cp "$HERE/sip-uas.xml" "$HERE/sip-uac.xml" "$d/"
	cap_start $NC c0 sip.pcap "udp"
	bg $NS sh -c "cd '$d' && exec sipp -sf sip-uas.xml -i $S4 -p 5060 -mi $S4 -mp 7078 -m 1 -timeout 20"
	waitport $NS udp 5060
	(cd "$d" && ip netns exec $NC sipp -sf sip-uac.xml -i $C4 -p 5060 -mi $C4 -mp 6000 -m 1 \
		-s 2001 -au alice -ap sip-pass-6 -timeout 20 $S4:5060 </dev/null >/dev/null 2>&1) &
	local uac=$!
	sleep 1 # during the call's pause: an RTP stream from the callee, RTCP from both sides
	ins python3 "$HERE/apps_peers.py" rtcp $C4 6001 6000 $S4
	inc python3 "$HERE/apps_peers.py" rtcp $S4 7079 0 $C4
	wait $uac || true
	cap_stop sip.pcap
}

ALL_APPS=(mysql pgsql redis memcache mqtt sip)

main_apps() {
	need_apps
	local want=("$@")
	[ ${#want[@]} -gt 0 ] || want=("${ALL_APPS[@]}")
	local n
	for n in "${want[@]}"; do
		n=${n%%.*}
		declare -F "cap_$n" >/dev/null || die "unknown capture $n"
		log "$n"
		"cap_$n"
		cleanup
	done
}

main_apps "$@"
