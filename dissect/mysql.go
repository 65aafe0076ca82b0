package dissect

import (
	"bytes"
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// MySQL and MariaDB client/server protocol (Wireshark's packet-mysql.c): the server greeting, the
// login request (user, password hash, schema, plugin), commands with their statements, OK/ERR/EOF
// responses and text result sets (column count, field packets, rows). Packets are reassembled over
// TCP; a conversation's state (greeting, login, which response a packet is) is decided by the first
// pass, per packet, and replayed by later dissections. Not dissected yet: connection attributes,
// session-state tracking, prepared statements and binary rows, compression, replication.

const (
	mysqlUndefined = iota
	mysqlLogin
	mysqlRequest
	mysqlResponseTabular
	mysqlFieldPacket
	mysqlRowPacket
	mysqlResponseOK
)

var mysqlCommandNames = map[uint64]string{0: "SLEEP", 1: "Quit", 2: "Use Database", 3: "Query", 4: "Show Fields",
	5: "Create Database", 6: "Drop Database", 7: "Refresh", 8: "Shutdown", 9: "Statistics", 10: "Process List",
	11: "Connect", 12: "Kill Server Thread", 13: "Dump Debuginfo", 14: "Ping", 15: "Time", 16: "Insert Delayed",
	17: "Change User", 18: "Send Binlog", 19: "Send Table", 20: "Slave Connect", 21: "Register Slave",
	22: "Prepare Statement", 23: "Execute Statement", 24: "Send BLOB", 25: "Close Statement",
	26: "Reset Statement", 27: "Set Option", 28: "Fetch Data", 29: "Daemon", 30: "Send Binlog GTID",
	31: "Reset Connection", 250: "Execute Bulk Statement"}

var mysqlFieldTypes = map[uint64]string{0: "FIELD_TYPE_DECIMAL", 1: "FIELD_TYPE_TINY", 2: "FIELD_TYPE_SHORT",
	3: "FIELD_TYPE_LONG", 4: "FIELD_TYPE_FLOAT", 5: "FIELD_TYPE_DOUBLE", 6: "FIELD_TYPE_NULL",
	7: "FIELD_TYPE_TIMESTAMP", 8: "FIELD_TYPE_LONGLONG", 9: "FIELD_TYPE_INT24", 10: "FIELD_TYPE_DATE",
	11: "FIELD_TYPE_TIME", 12: "FIELD_TYPE_DATETIME", 13: "FIELD_TYPE_YEAR", 14: "FIELD_TYPE_NEWDATE",
	15: "FIELD_TYPE_VARCHAR", 16: "FIELD_TYPE_BIT", 246: "FIELD_TYPE_NEWDECIMAL", 247: "FIELD_TYPE_ENUM",
	248: "FIELD_TYPE_SET", 249: "FIELD_TYPE_TINY_BLOB", 250: "FIELD_TYPE_MEDIUM_BLOB", 251: "FIELD_TYPE_LONG_BLOB",
	252: "FIELD_TYPE_BLOB", 253: "FIELD_TYPE_VAR_STRING", 254: "FIELD_TYPE_STRING", 255: "FIELD_TYPE_GEOMETRY"}

// mysqlBits is a 16- or 32-bit flags word's bits, in tree order.
type mysqlBits []struct {
	abbrev, name string
	mask         uint64
}

var mysqlCapsBits = mysqlBits{{"mysql.caps.lp", "Long Password", 0x1}, {"mysql.caps.fr", "Found Rows", 0x2},
	{"mysql.caps.lf", "Long Column Flags", 0x4}, {"mysql.caps.cd", "Connect With Database", 0x8},
	{"mysql.caps.ns", "Don't Allow database.table.column", 0x10}, {"mysql.caps.cp", "Can use compression protocol", 0x20},
	{"mysql.caps.ob", "ODBC Client", 0x40}, {"mysql.caps.li", "Can Use LOAD DATA LOCAL", 0x80},
	{"mysql.caps.is", "Ignore Spaces before '('", 0x100}, {"mysql.caps.cu", "Speaks 4.1 protocol (new flag)", 0x200},
	{"mysql.caps.ia", "Interactive Client", 0x400}, {"mysql.caps.sl", "Switch to SSL after handshake", 0x800},
	{"mysql.caps.ii", "Ignore sigpipes", 0x1000}, {"mysql.caps.ta", "Knows about transactions", 0x2000},
	{"mysql.caps.rs", "Speaks 4.1 protocol (old flag)", 0x4000}, {"mysql.caps.sc", "Can do 4.1 authentication", 0x8000}}

var mysqlExtCapsBits = mysqlBits{{"mysql.caps.ms", "Multiple statements", 0x1}, {"mysql.caps.mr", "Multiple results", 0x2},
	{"mysql.caps.pm", "PS Multiple results", 0x4}, {"mysql.caps.pa", "Plugin Auth", 0x8},
	{"mysql.caps.ca", "Connect attrs", 0x10}, {"", "Plugin Auth LENENC Client Data", 0x20},
	{"mysql.caps.ep", "Client can handle expired passwords", 0x40}, {"mysql.caps.session_track", "Session variable tracking", 0x80},
	{"mysql.caps.deprecate_eof", "Deprecate EOF", 0x100}, {"mysql.caps.optional_metadata", "Client can hanle optional resultset metadata", 0x200},
	{"mysql.caps.compress_zsd", "ZSTD Compression Algorithm", 0x400}, {"mysql.caps.query_attrs", "Query Attributes", 0x800},
	{"mysql.caps.mf_auth", "Multifactor Authentication", 0x1000}, {"mysql.caps.cap_ext", "Capability Extension", 0x2000}}

var mysqlStatusBits = mysqlBits{{"mysql.stat.it", "In transaction", 0x1}, {"mysql.stat.ac", "AUTO_COMMIT", 0x2},
	{"mysql.stat.mu", "Multi query / Unused", 0x4}, {"mysql.stat.mr", "More results", 0x8},
	{"mysql.stat.bi", "Bad index used", 0x10}, {"mysql.stat.ni", "No index used", 0x20},
	{"mysql.stat.cr", "Cursor exists", 0x40}, {"mysql.stat.lr", "Last row sent", 0x80},
	{"mysql.stat.dr", "Database dropped", 0x100}, {"mysql.stat.bs", "No backslash escapes", 0x200},
	{"mysql.stat.mc", "Metadata changed", 0x400}, {"mysql.stat.query_was_slow", "Query was slow", 0x800},
	{"mysql.stat.ps_out_params", "PS Out Params", 0x1000}, {"mysql.stat.trans_readonly", "In Trans Readonly", 0x2000},
	{"mysql.stat.session_state_changed", "Session state changed", 0x4000}}

var mariadbCapsBits = mysqlBits{{"mariadb.caps.pr", "Progress indication", 0x1}, {"mariadb.caps.cm", "Multi commands", 0x2},
	{"mariadb.caps.bo", "Bulk Operations", 0x4}, {"mariadb.caps.em", "Extended metadata", 0x8},
	{"mariadb.caps.me", "Cache metadata", 0x10}}

var mysqlFieldFlagBits = mysqlBits{{"mysql.field.flags.not_null", "Not null", 0x1},
	{"mysql.field.flags.primary_key", "Primary key", 0x2}, {"mysql.field.flags.unique_key", "Unique key", 0x4},
	{"mysql.field.flags.multiple_key", "Multiple key", 0x8}, {"mysql.field.flags.blob", "Blob", 0x10},
	{"mysql.field.flags.unsigned", "Unsigned", 0x20}, {"mysql.field.flags.zero_fill", "Zero fill", 0x40},
	{"mysql.field.flags.enum", "Enum", 0x100}, {"mysql.field.flags.auto_increment", "Auto increment", 0x200},
	{"mysql.field.flags.timestamp", "Timestamp", 0x400}, {"mysql.field.flags.set", "Set", 0x800}}

var (
	protoMySQL            = Fields.Protocol("mysql", "MySQL Protocol")
	hfMySQLPacketLength   = Fields.Add(protoMySQL, "mysql.packet_length", "Packet Length", field.Uint24)
	hfMySQLPacketNumber   = Fields.Add(protoMySQL, "mysql.packet_number", "Packet Number", field.Uint8)
	hfMySQLRequest        = Fields.Add(protoMySQL, "mysql.request", "Request Command", field.None)
	hfMySQLCommand        = Fields.Add(protoMySQL, "mysql.command", "Command", field.Uint8, field.WithStrings(mysqlCommandNames))
	hfMySQLResponseCode   = Fields.Add(protoMySQL, "mysql.response_code", "Response Code", field.Uint8, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{0: "OK Packet", 0xff: "ERR Packet", 0xfe: "EOF Packet"}))
	hfMySQLErrorCode      = Fields.Add(protoMySQL, "mysql.error_code", "Error Code", field.Uint16)
	hfMySQLErrorMessage   = Fields.Add(protoMySQL, "mysql.error.message", "Error message", field.String)
	hfMySQLSQLState       = Fields.Add(protoMySQL, "mysql.sqlstate", "SQL state", field.String)
	hfMySQLMessage        = Fields.Add(protoMySQL, "mysql.message", "Message", field.String)
	hfMySQLGreeting       = Fields.Add(protoMySQL, "mysql.server_greeting", "Server Greeting", field.None)
	hfMySQLProtocol       = Fields.Add(protoMySQL, "mysql.protocol", "Protocol", field.Uint8)
	hfMySQLVersion        = Fields.Add(protoMySQL, "mysql.version", "Version", field.String)
	hfMySQLLogin          = Fields.Add(protoMySQL, "mysql.login_request", "Login Request", field.None)
	hfMySQLMaxPacket      = Fields.Add(protoMySQL, "mysql.max_packet", "MAX Packet", field.Uint32)
	hfMySQLCharset        = Fields.Add(protoMySQL, "mysql.charset", "Charset", field.Uint8, field.WithStrings(mysqlCollations))
	hfMariaDBCharset      = Fields.Add(protoMySQL, "mariadb.charset", "Charset", field.Uint8, field.WithStrings(mariadbCollations))
	hfMySQLUser           = Fields.Add(protoMySQL, "mysql.user", "Username", field.String)
	hfMySQLSchema         = Fields.Add(protoMySQL, "mysql.schema", "Schema", field.String)
	hfMySQLClientPlugin   = Fields.Add(protoMySQL, "mysql.client_auth_plugin", "Client Auth Plugin", field.String)
	hfMySQLSalt           = Fields.Add(protoMySQL, "mysql.salt", "Salt", field.String)
	hfMySQLSalt2          = Fields.Add(protoMySQL, "mysql.salt2", "Salt", field.String)
	hfMySQLAuthPluginLen  = Fields.Add(protoMySQL, "mysql.auth_plugin.length", "Authentication Plugin Length", field.Uint8)
	hfMySQLAuthPlugin     = Fields.Add(protoMySQL, "mysql.auth_plugin", "Authentication Plugin", field.String)
	hfMySQLThreadID       = Fields.Add(protoMySQL, "mysql.thread_id", "Thread ID", field.Uint32)
	hfMySQLServerLanguage = Fields.Add(protoMySQL, "mysql.server_language", "Server Language", field.Uint8, field.WithStrings(mysqlCollations))
	hfMariaDBServerLang   = Fields.Add(protoMySQL, "mariadb.server_language", "Server Language", field.Uint8, field.WithStrings(mariadbCollations))
	hfMySQLServerStatus   = Fields.Add(protoMySQL, "mysql.server_status", "Server Status", field.Uint16, field.WithBase(field.Hex))
	hfMySQLUnused         = Fields.Add(protoMySQL, "mysql.unused", "Unused", field.Bytes)
	hfMySQLPasswd         = Fields.Add(protoMySQL, "mysql.passwd", "Password", field.Bytes)
	hfMySQLAffectedRows   = Fields.Add(protoMySQL, "mysql.affected_rows", "Affected Rows", field.Uint64)
	hfMySQLInsertID       = Fields.Add(protoMySQL, "mysql.insert_id", "Last INSERT ID", field.Uint64)
	hfMySQLWarnings       = Fields.Add(protoMySQL, "mysql.warnings", "Warnings", field.Uint16)
	hfMySQLQuery          = Fields.Add(protoMySQL, "mysql.query", "Statement", field.String)
	hfMySQLEOF            = Fields.Add(protoMySQL, "mysql.eof", "EOF marker", field.Uint8)
	hfMySQLNumFields      = Fields.Add(protoMySQL, "mysql.num_fields", "Number of fields", field.Uint64)
	hfMySQLMetaFollows    = Fields.Add(protoMySQL, "mysql.metadata_follows", "send metadata", field.Uint8)
	hfMySQLFieldCatalog   = Fields.Add(protoMySQL, "mysql.field.catalog", "Catalog", field.String)
	hfMySQLFieldDB        = Fields.Add(protoMySQL, "mysql.field.db", "Database", field.String)
	hfMySQLFieldTable     = Fields.Add(protoMySQL, "mysql.field.table", "Table", field.String)
	hfMySQLFieldOrgTable  = Fields.Add(protoMySQL, "mysql.field.org_table", "Original table", field.String)
	hfMySQLFieldName      = Fields.Add(protoMySQL, "mysql.field.name", "Name", field.String)
	hfMySQLFieldOrgName   = Fields.Add(protoMySQL, "mysql.field.org_name", "Original name", field.String)
	hfMySQLFieldCharset   = Fields.Add(protoMySQL, "mysql.field.charsetnr", "Charset number", field.Uint16, field.WithStrings(mysqlCollations))
	hfMySQLFieldLength    = Fields.Add(protoMySQL, "mysql.field.length", "Length", field.Uint32)
	hfMySQLFieldType      = Fields.Add(protoMySQL, "mysql.field.type", "Type", field.Uint8, field.WithStrings(mysqlFieldTypes))
	hfMySQLFieldFlags     = Fields.Add(protoMySQL, "mysql.field.flags", "Flags", field.Uint16, field.WithBase(field.Hex))
	hfMySQLFieldDecimals  = Fields.Add(protoMySQL, "mysql.field.decimals", "Decimals", field.Uint8)
	hfMySQLRowText        = Fields.Add(protoMySQL, "mysql.row.text", "text", field.String)
	hfMySQLCapsServer     = Fields.Add(protoMySQL, "mysql.caps.server", "Server Capabilities", field.Uint16, field.WithBase(field.Hex))
	hfMySQLCapsClient     = Fields.Add(protoMySQL, "mysql.caps.client", "Client Capabilities", field.Uint16, field.WithBase(field.Hex))
	hfMySQLExtCapsServer  = Fields.Add(protoMySQL, "mysql.extcaps.server", "Extended Server Capabilities", field.Uint16, field.WithBase(field.Hex))
	hfMySQLExtCapsClient  = Fields.Add(protoMySQL, "mysql.extcaps.client", "Extended Client Capabilities", field.Uint16, field.WithBase(field.Hex))
	hfMySQLCapsUnused     = Fields.Add(protoMySQL, "mysql.caps.unused", "Unused", field.Uint16, field.WithBase(field.Hex), field.WithMask(0xc000))
	hfMariaDBExtCapsSrv   = Fields.Add(protoMySQL, "mariadb.extcaps.server", "MariaDB Extended Server Capabilities", field.Uint32, field.WithBase(field.Hex))
	hfMariaDBExtCapsCli   = Fields.Add(protoMySQL, "mariadb.extcaps.client", "MariaDB Extended Client Capabilities", field.Uint32, field.WithBase(field.Hex))

	hfMariaDBPrefix      = Fields.Add(protoMySQL, "mariadb.prefix", "Prefix", field.Uint8)
	hfMariaDBLength      = Fields.Add(protoMySQL, "mariadb.length", "Length", field.Uint64)
	hfMySQLConnAttrs     = Fields.Add(protoMySQL, "mysql.connattrs", "Connection Attributes", field.None)
	hfMySQLConnAttrsLen  = Fields.Add(protoMySQL, "mysql.connattrs.length", "Connection Attributes length", field.Uint64)
	hfMySQLConnAttr      = Fields.Add(protoMySQL, "mysql.connattrs.attr", "Connection Attribute", field.None)
	hfMySQLConnAttrNLen  = Fields.Add(protoMySQL, "mysql.connattrs.name.length", "Connection Attribute Name Length", field.Uint64)
	hfMySQLConnAttrName  = Fields.Add(protoMySQL, "mysql.connattrs.name", "Connection Attribute Name", field.String)
	hfMySQLConnAttrVLen  = Fields.Add(protoMySQL, "mysql.connattrs.value.length", "Connection Attribute Value Length", field.Uint64)
	hfMySQLConnAttrValue = Fields.Add(protoMySQL, "mysql.connattrs.value", "Connection Attribute Value", field.String)
	hfMySQLExtMetaData   = Fields.Add(protoMySQL, "mysql.extmeta_data", "Extended metadata data", field.None)
	hfMySQLExtMetaLen    = Fields.Add(protoMySQL, "mysql.extmeta.length", "Extended metadata length", field.Uint64)
	hfMySQLSTData        = Fields.Add(protoMySQL, "mysql.session_track.data", "Session tracking data", field.None)
	hfMySQLSTDataLen     = Fields.Add(protoMySQL, "mysql.session_track.data.length", "Session tracking data length", field.Uint64)
	hfMySQLST            = Fields.Add(protoMySQL, "mysql.session_track", "Session Track", field.None)
	hfMySQLSTType        = Fields.Add(protoMySQL, "mysql.session_track.type", "Session tracking type", field.Uint8, field.WithStrings(map[uint64]string{0: "SESSION_SYSVARS_TRACKER", 1: "CURRENT_SCHEMA_TRACKER", 2: "SESSION_STATE_CHANGE_TRACKER", 3: "SESSION_TRACK_GTIDS", 4: "SESSION_TRACK_TRANSACTION_CHARACTERISTICS", 5: "SESSION_TRACK_TRANSACTION_STATE"}))
	hfMySQLSTLen         = Fields.Add(protoMySQL, "mysql.session_track.length", "Session tracking length", field.Uint64)
	hfMySQLSTSchemaLen   = Fields.Add(protoMySQL, "mysql.session_track.schema.length", "Schema change length", field.Uint64)
	hfMySQLSTSchema      = Fields.Add(protoMySQL, "mysql.session_track.schema", "Schema change", field.String)

	mysqlCapsIDs, mysqlExtCapsIDs, mysqlStatusIDs, mariadbCapsIDs, mysqlFieldFlagIDs []field.ID

	handleMySQL = &Handle{Name: "mysql", Fn: dissectMySQL}
)

func init() {
	reg := func(bits mysqlBits, width field.Base) []field.ID {
		ids := make([]field.ID, len(bits))
		for i, b := range bits {
			if b.abbrev != "" {
				ids[i] = Fields.Add(protoMySQL, b.abbrev, b.name, field.Bool, field.WithBase(width), field.WithMask(b.mask),
					field.WithTrueFalse("Set", "Not set"))
			}
		}
		return ids
	}
	mysqlCapsIDs = reg(mysqlCapsBits, 16)
	mysqlExtCapsIDs = reg(mysqlExtCapsBits, 16)
	mysqlStatusIDs = reg(mysqlStatusBits, 16)
	mariadbCapsIDs = reg(mariadbCapsBits, 32)
	mysqlFieldFlagIDs = reg(mysqlFieldFlagBits, 16)
	RegisterShortName(protoMySQL, "MySQL")
	TCPPort.Add(3306, handleMySQL)
	RegisterTCPPDUs(handleMySQL, mysqlPDULen)
}

func mysqlPDULen(c *Ctx, t Tvb, _ *PDUScan) int {
	if t.Len() < 4 {
		return NeedMore
	}
	return int(t.UintLE(0, 3)) + 4
}

// mysqlConv is a connection's protocol state during the first pass.
type mysqlConv struct {
	state       int
	mariadb     bool
	srvCaps     uint16
	cliCaps     uint16
	cliExtCaps  uint16
	srvMariaCap uint32
	cliMariaCap uint32
	fields      uint64 // field packets still to come
}

// mysqlPacket is what the first pass decided a packet is.
type mysqlPacket struct {
	state   int
	mariadb bool
	caps    uint16 // client capabilities in force
	extCaps uint16
	maria   uint32 // MariaDB capabilities both sides have
}

type mysqlState struct {
	convs   map[textConvKey]*mysqlConv
	packets map[uint64]mysqlPacket // frame<<32 | source<<24 | offset
}

var mysqlSlot = newStateSlot(func() any {
	return &mysqlState{convs: map[textConvKey]*mysqlConv{}, packets: map[uint64]mysqlPacket{}}
})

func dissectMySQL(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("MySQL")
	st := c.State.slot(mysqlSlot).(*mysqlState)
	key := uint64(c.Frame.Number)<<32 | uint64(t.Src)<<24 | uint64(t.Off&0xffffff)
	isResponse := c.SrcPort == c.MatchPort
	var cv *mysqlConv
	pk, ok := st.packets[key]
	if c.Pass1 {
		k, _ := c.conversationKey()
		if cv = st.convs[k]; cv == nil {
			cv = &mysqlConv{}
			st.convs[k] = cv
		}
		pk = mysqlPacket{state: cv.state, mariadb: cv.mariadb, caps: cv.cliCaps, extCaps: cv.cliExtCaps,
			maria: cv.srvMariaCap & cv.cliMariaCap}
		st.packets[key] = pk
	} else if !ok {
		pk = mysqlPacket{state: mysqlUndefined}
	}
	tree := c.AddProto(parent, protoMySQL, t, 0, -1)
	c.AddUintLE(tree, hfMySQLPacketLength, t, 0, 3)
	_, num := c.AddUint(tree, hfMySQLPacketNumber, t, 3, 1)
	p := t.Sub(4)
	if isResponse {
		if num == 0 && pk.state == mysqlUndefined {
			c.SetInfo("Server Greeting ")
			c.mysqlGreeting(tree, p, cv)
		} else {
			c.SetInfo("Response ")
			c.mysqlResponse(tree, p, cv, pk)
		}
	} else {
		if num == 1 && (pk.state == mysqlLogin || pk.state == mysqlUndefined) {
			c.SetInfo("Login Request ")
			c.mysqlLogin(tree, p, cv, pk)
		} else {
			c.SetInfo("Request ")
			c.mysqlRequest(tree, p, cv)
		}
	}
}

// mysqlFlags adds a flags word and its bits.
func (c *Ctx) mysqlFlags(parent int32, hf field.ID, t Tvb, o, n int, bits mysqlBits, ids []field.ID) (int32, uint64) {
	node, v := c.AddUintLE(parent, hf, t, o, n)
	for i, b := range bits {
		if ids[i] != 0 {
			c.AddUintLE(node, ids[i], t, o, n)
		} else {
			// Plugin Auth LENENC Client Data: Wireshark 4.0 registers it under the name of the bit
			// before it (mysql.caps.pm), so that name occurs twice.
			f := field.Field{Type: field.Bool, Base: field.Base(n * 8), Mask: b.mask}
			bit := c.AddUintV(node, ids[2], t, o, n, b2u64(v&b.mask != 0))
			c.Label(bit, "%s = %s: %s", f.BitPattern(v&b.mask>>f.Shift()), b.name, setNotSet(v&b.mask != 0))
		}
	}
	return node, v
}

func setNotSet(b bool) string {
	if b {
		return "Set"
	}
	return "Not set"
}

func (c *Ctx) mysqlGreeting(tree int32, t Tvb, cv *mysqlConv) {
	g := c.AddProto(tree, hfMySQLGreeting, t, 0, -1)
	c.Label(g, "Server Greeting")
	_, proto := c.AddUint(g, hfMySQLProtocol, t, 0, 1)
	c.AppendInfo(" proto=" + strconv.Itoa(int(proto)))
	if proto == 0xff { // an error instead of a greeting
		return
	}
	vl, vsize := stringzLen(t, 1)
	version := t.Bytes(1, vl)
	c.addStringz(g, hfMySQLVersion, t, 1)
	mariadb := bytes.Contains(version, []byte("MariaDB"))
	c.AppendInfo(" version=" + string(bytes.TrimPrefix(version, []byte("5.5.5-"))) + " ")
	o := 1 + vsize
	c.AddUintLE(g, hfMySQLThreadID, t, o, 4)
	o += 4
	_, n := c.addStringz(g, hfMySQLSalt, t, o)
	o += n
	if o >= t.Len() {
		return
	}
	_, caps := c.mysqlFlags(g, hfMySQLCapsServer, t, o, 2, mysqlCapsBits, mysqlCapsIDs)
	o += 2
	if o >= t.Len() {
		return
	}
	if mariadb {
		c.AddUint(g, hfMariaDBServerLang, t, o, 1)
	} else {
		c.AddUint(g, hfMySQLServerLanguage, t, o, 1)
	}
	c.mysqlFlags(g, hfMySQLServerStatus, t, o+1, 2, mysqlStatusBits, mysqlStatusIDs)
	ext, _ := c.mysqlFlags(g, hfMySQLExtCapsServer, t, o+3, 2, mysqlExtCapsBits, mysqlExtCapsIDs)
	c.AddUintLE(ext, hfMySQLCapsUnused, t, o+3, 2)
	c.AddUint(g, hfMySQLAuthPluginLen, t, o+5, 1)
	o += 6
	var maria uint64
	if mariadb && caps&1 == 0 {
		c.AddBytes(g, hfMySQLUnused, t, o, 6)
		_, maria = c.mysqlFlags(g, hfMariaDBExtCapsSrv, t, o+6, 4, mariadbCapsBits, mariadbCapsIDs)
	} else {
		c.AddBytes(g, hfMySQLUnused, t, o, 10)
	}
	o += 10
	if caps&0x8000 != 0 && o < t.Len() {
		_, n = c.addStringz(g, hfMySQLSalt2, t, o)
		o += n
	}
	if o < t.Len() {
		c.addStringz(g, hfMySQLAuthPlugin, t, o)
	}
	if c.Pass1 && cv != nil {
		cv.state, cv.mariadb, cv.srvCaps, cv.srvMariaCap = mysqlLogin, mariadb, uint16(caps), uint32(maria)
	}
}

func (c *Ctx) mysqlLogin(tree int32, t Tvb, cv *mysqlConv, pk mysqlPacket) {
	l := c.AddProto(tree, hfMySQLLogin, t, 0, -1)
	c.Label(l, "Login Request")
	_, caps := c.mysqlFlags(l, hfMySQLCapsClient, t, 0, 2, mysqlCapsBits, mysqlCapsIDs)
	o := 2
	var ext, maria uint64
	if caps&0x200 != 0 { // 4.1 protocol
		var en int32
		en, ext = c.mysqlFlags(l, hfMySQLExtCapsClient, t, 2, 2, mysqlExtCapsBits, mysqlExtCapsIDs)
		c.AddUintLE(en, hfMySQLCapsUnused, t, 2, 2)
		c.AddUintLE(l, hfMySQLMaxPacket, t, 4, 4)
		if pk.mariadb {
			c.AddUint(l, hfMariaDBCharset, t, 8, 1)
		} else {
			c.AddUint(l, hfMySQLCharset, t, 8, 1)
		}
		if pk.mariadb && caps&1 == 0 {
			c.AddBytes(l, hfMySQLUnused, t, 9, 19)
			_, maria = c.mysqlFlags(l, hfMariaDBExtCapsCli, t, 28, 4, mariadbCapsBits, mariadbCapsIDs)
		} else {
			c.AddBytes(l, hfMySQLUnused, t, 9, 23)
		}
		o = 32
	} else {
		c.AddUint(l, hfMySQLMaxPacket, t, 2, 3)
		o = 5
	}
	if c.Pass1 && cv != nil {
		cv.state, cv.cliCaps, cv.cliExtCaps, cv.cliMariaCap = mysqlResponseOK, uint16(caps), uint16(ext), uint32(maria)
	}
	if caps&0x800 != 0 && o >= t.Len() { // SSL request: the rest is TLS
		return
	}
	ul, n := stringzLen(t, o)
	c.addStringz(l, hfMySQLUser, t, o)
	c.AppendInfo("user=" + string(asciiString(t.Bytes(o, ul))) + " ")
	o += n
	switch {
	case ext&0x20 != 0:
		pl, ln := mysqlLenenc(t, o)
		c.AddBytes(l, hfMySQLPasswd, t, o+ln, int(pl))
		o += ln + int(pl)
	case caps&0x8000 != 0:
		pl := int(t.U8(o))
		c.AddBytes(l, hfMySQLPasswd, t, o+1, pl)
		o += 1 + pl
	default:
		pl, n := stringzLen(t, o)
		c.AddBytes(l, hfMySQLPasswd, t, o, pl)
		o += n
	}
	if caps&0x8 != 0 && o < t.Len() {
		sl, n := stringzLen(t, o)
		c.AddBytesV(l, hfMySQLSchema, t, o, n, asciiString(t.Bytes(o, sl)))
		c.AppendInfo("db=" + string(asciiString(t.Bytes(o, sl))) + " ")
		o += n
	}
	if ext&0x8 != 0 && o < t.Len() {
		pl, n := stringzLen(t, o)
		c.AddBytesV(l, hfMySQLClientPlugin, t, o, n, asciiString(t.Bytes(o, pl)))
		o += n
	}
	if ext&0x10 != 0 && o < t.Len() {
		c.mysqlConnAttrs(l, t, o)
	}
}

// mysqlConnAttrs adds the login's connection attributes (name and value pairs of length-encoded
// strings).
func (c *Ctx) mysqlConnAttrs(tree int32, t Tvb, o int) {
	total, n := c.mysqlFLE(tree, t, o)
	attrs := c.AddProto(tree, hfMySQLConnAttrs, t, o, n+int(total))
	c.AddUintV(attrs, hfMySQLConnAttrsLen, t, o, n, total)
	p, end := o+n, o+n+int(total)
	for p < end && p < t.Len() {
		nl, nn := mysqlLenenc(t, p)
		vl, vn := mysqlLenenc(t, p+nn+int(nl))
		size := nn + int(nl) + vn + int(vl)
		if !t.Has(p, size) {
			return
		}
		a := c.AddProto(attrs, hfMySQLConnAttr, t, p, size)
		c.Label(a, "Connection Attribute - %s: %s", asciiString(t.Bytes(p+nn, int(nl))), asciiString(t.Bytes(p+nn+int(nl)+vn, int(vl))))
		c.mysqlFLE(a, t, p)
		c.AddUintV(a, hfMySQLConnAttrNLen, t, p, nn, nl)
		c.addASCII(a, hfMySQLConnAttrName, t, p+nn, int(nl))
		q := p + nn + int(nl)
		c.mysqlFLE(a, t, q)
		c.AddUintV(a, hfMySQLConnAttrVLen, t, q, vn, vl)
		c.addASCII(a, hfMySQLConnAttrValue, t, q+vn, int(vl))
		p += size
	}
}

// mysqlSessionTrack adds an OK packet's session-state changes (the current schema; other kinds
// show their type and length).
func (c *Ctx) mysqlSessionTrack(tree int32, t Tvb, o int) {
	total, n := c.mysqlFLE(tree, t, o)
	data := c.AddProto(tree, hfMySQLSTData, t, o, n+int(total))
	c.AddUintV(data, hfMySQLSTDataLen, t, o, n, total)
	p, end := o+n, o+n+int(total)
	for p < end && t.Has(p, 2) {
		typ := t.U8(p)
		l, ln := mysqlLenenc(t, p+1)
		st := c.AddProto(data, hfMySQLST, t, p, 1+ln+int(l))
		c.AddUint(st, hfMySQLSTType, t, p, 1)
		c.mysqlFLE(st, t, p+1)
		c.AddUintV(st, hfMySQLSTLen, t, p+1, ln, l)
		q := p + 1 + ln
		if typ == 1 && t.Has(q, int(l)) { // CURRENT_SCHEMA_TRACKER
			sl, sn := c.mysqlFLE(st, t, q)
			c.AddUintV(st, hfMySQLSTSchemaLen, t, q, sn, sl)
			if t.Has(q+sn, int(sl)) {
				c.addASCII(st, hfMySQLSTSchema, t, q+sn, int(sl))
			}
		}
		p = q + int(l)
	}
}

// mysqlLenenc reads a length-encoded integer at o: its value and size.
func mysqlLenenc(t Tvb, o int) (uint64, int) {
	switch b := t.U8(o); {
	case b < 0xfb:
		return uint64(b), 1
	case b == 0xfc:
		return uint64(t.U16LE(o + 1)), 3
	case b == 0xfd:
		return t.UintLE(o+1, 3), 4
	case b == 0xfe:
		return t.U64LE(o + 1), 9
	}
	return 0, 1 // 0xfb: NULL
}

// mysqlFLE reads a length-encoded integer at o and adds Wireshark's "Prefix" and "Length" items for
// it (mysql_dissect_fle): its value and size.
func (c *Ctx) mysqlFLE(tree int32, t Tvb, o int) (uint64, int) {
	v, n := mysqlLenenc(t, o)
	b := t.U8(o)
	p := c.AddUintV(tree, hfMariaDBPrefix, t, o, 1, uint64(b))
	switch {
	case b == 0xfb:
		c.Label(p, "Prefix: 251 NULL")
	case b >= 0xfc && b <= 0xfe:
		c.Label(p, "Prefix: %d Length in following %d bytes", b, n-1)
	}
	if n == 1 {
		c.AddUintV(tree, hfMariaDBLength, t, o, 1, v)
	} else {
		c.AddUintV(tree, hfMariaDBLength, t, o+1, n-1, v)
	}
	return v, n
}

// mysqlFLEString adds a length-encoded string: its Prefix and Length, then the string as field hf.
func (c *Ctx) mysqlFLEString(tree int32, hf field.ID, t Tvb, o int) (int, bool) {
	l, n := c.mysqlFLE(tree, t, o)
	if !t.Has(o+n, int(l)) {
		return n, false
	}
	c.addASCII(tree, hf, t, o+n, int(l))
	return n + int(l), true
}

func (c *Ctx) mysqlRequest(tree int32, t Tvb, cv *mysqlConv) {
	if t.Len() == 0 {
		return
	}
	req := c.AddProto(tree, hfMySQLRequest, t, 0, -1)
	_, cmd := c.AddUint(req, hfMySQLCommand, t, 0, 1)
	name, ok := mysqlCommandNames[cmd]
	if !ok {
		name = "Unknown (" + strconv.Itoa(int(cmd)) + ")"
	}
	c.Label(req, "Request Command %s", name)
	c.AppendInfo(name)
	next := mysqlResponseOK
	switch cmd {
	case 3: // Query
		c.addASCII(req, hfMySQLQuery, t, 1, t.Len()-1)
		next = mysqlResponseTabular
	case 2, 5, 6: // Use/Create/Drop Database
		c.addASCII(req, hfMySQLSchema, t, 1, t.Len()-1)
	case 4: // Show Fields
		next = mysqlFieldPacket
	}
	if c.Pass1 && cv != nil {
		cv.state = next
	}
}

func (c *Ctx) mysqlResponse(tree int32, t Tvb, cv *mysqlConv, pk mysqlPacket) {
	if t.Len() == 0 {
		return
	}
	code := t.U8(0)
	setState := func(s int) {
		if c.Pass1 && cv != nil {
			cv.state = s
		}
	}
	switch {
	case code == 0xff:
		c.mysqlTitle(tree, "response ERROR")
		c.AddUint(tree, hfMySQLResponseCode, t, 0, 1)
		_, ec := c.AddUintLE(tree, hfMySQLErrorCode, t, 1, 2)
		c.AppendInfo(" Error " + strconv.Itoa(int(ec)) + " ")
		o := 3
		if t.Has(3, 6) && t.B[3] == '#' {
			c.addASCII(tree, hfMySQLSQLState, t, 4, 5)
			o = 9
		}
		c.addASCII(tree, hfMySQLErrorMessage, t, o, t.Len()-o)
		setState(mysqlRequest)
	case code == 0xfe && t.Len() < 9:
		if pk.state == mysqlFieldPacket {
			c.mysqlTitle(tree, "intermediate EOF")
		} else {
			c.mysqlTitle(tree, "response EOF")
		}
		c.AddUint(tree, hfMySQLResponseCode, t, 0, 1)
		c.AddUint(tree, hfMySQLEOF, t, 0, 1)
		if t.Len() >= 5 {
			c.AddUintLE(tree, hfMySQLWarnings, t, 1, 2)
			c.mysqlFlags(tree, hfMySQLServerStatus, t, 3, 2, mysqlStatusBits, mysqlStatusIDs)
		}
		switch pk.state {
		case mysqlFieldPacket:
			setState(mysqlRowPacket)
		default:
			setState(mysqlRequest)
		}
	case code == 0 && pk.state != mysqlRowPacket && pk.state != mysqlFieldPacket:
		c.mysqlTitle(tree, "response OK")
		c.AddUint(tree, hfMySQLResponseCode, t, 0, 1)
		c.AppendInfo(" OK ")
		o := 1
		v, n := c.mysqlFLE(tree, t, o)
		c.AddUintV(tree, hfMySQLAffectedRows, t, o, n, v)
		o += n
		v, n = c.mysqlFLE(tree, t, o)
		if v != 0 {
			c.AddUintV(tree, hfMySQLInsertID, t, o, n, v)
		}
		o += n
		var status uint64
		if t.Has(o, 4) {
			_, status = c.mysqlFlags(tree, hfMySQLServerStatus, t, o, 2, mysqlStatusBits, mysqlStatusIDs)
			c.AddUintLE(tree, hfMySQLWarnings, t, o+2, 2)
			o += 4
		}
		if o < t.Len() {
			ml, n := c.mysqlFLE(tree, t, o)
			if ml > 0 && t.Has(o+n, int(ml)) {
				c.addASCII(tree, hfMySQLMessage, t, o+n, int(ml))
			}
			o += n + int(ml)
			if status&0x4000 != 0 && o < t.Len() {
				c.mysqlSessionTrack(tree, t, o)
			}
		}
		setState(mysqlRequest)
	default:
		switch pk.state {
		case mysqlResponseTabular:
			c.mysqlTitle(tree, "column count")
			c.AppendInfo("TABULAR ")
			c.SetInfoFence()
			v, n := c.mysqlFLE(tree, t, 0)
			c.AddUintV(tree, hfMySQLNumFields, t, 0, n, v)
			if n < t.Len() && pk.maria&0x10 != 0 {
				c.AddUint(tree, hfMySQLMetaFollows, t, n, 1)
			}
			if c.Pass1 && cv != nil {
				cv.state, cv.fields = mysqlFieldPacket, v
			}
		case mysqlFieldPacket:
			c.mysqlTitle(tree, "field packet")
			c.mysqlField(tree, t, pk)
			if c.Pass1 && cv != nil && cv.fields > 0 {
				cv.fields--
				if cv.fields == 0 && pk.extCaps&0x100 != 0 { // no EOF after the fields
					cv.state = mysqlRowPacket
				}
			}
		case mysqlRowPacket:
			c.mysqlTitle(tree, "row packet")
			for o := 0; o < t.Len(); {
				l, n := mysqlLenenc(t, o)
				if t.B[o] == 0xfb {
					l = 0
				}
				sub := c.AddText(tree, t, o, n+int(l), "text")
				m, ok := c.mysqlFLEString(sub, hfMySQLRowText, t, o)
				if !ok {
					break
				}
				o += m
			}
		}
	}
}

// mysqlTitle names the protocol item "MySQL Protocol - <what>".
func (c *Ctx) mysqlTitle(tree int32, what string) {
	c.Label(tree, "MySQL Protocol - %s", what)
}

func (c *Ctx) mysqlField(tree int32, t Tvb, pk mysqlPacket) {
	o := 0
	for _, hf := range [...]field.ID{hfMySQLFieldCatalog, hfMySQLFieldDB, hfMySQLFieldTable, hfMySQLFieldOrgTable,
		hfMySQLFieldName, hfMySQLFieldOrgName} {
		l, n := mysqlLenenc(t, o)
		sub := c.AddText(tree, t, o, n+int(l), Fields.Get(hf).Name)
		m, ok := c.mysqlFLEString(sub, hf, t, o)
		if !ok {
			return
		}
		o += m
	}
	if pk.maria&0x8 != 0 { // MariaDB extended metadata
		l, n := c.mysqlFLE(tree, t, o)
		ed := c.AddProto(tree, hfMySQLExtMetaData, t, o, n+int(l))
		c.AddUintV(ed, hfMySQLExtMetaLen, t, o, n, l)
		o += n + int(l)
	}
	o++ // length of the fixed fields (0x0c)
	if !t.Has(o, 10) {
		return
	}
	c.AddUintLE(tree, hfMySQLFieldCharset, t, o, 2)
	c.AddUintLE(tree, hfMySQLFieldLength, t, o+2, 4)
	c.AddUint(tree, hfMySQLFieldType, t, o+6, 1)
	c.mysqlFlags(tree, hfMySQLFieldFlags, t, o+7, 2, mysqlFieldFlagBits, mysqlFieldFlagIDs)
	c.AddUint(tree, hfMySQLFieldDecimals, t, o+9, 1)
}
