package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// PostgreSQL frontend/backend protocol v3 (Wireshark's packet-pgsql.c): one protocol item per
// message, reassembled over TCP, the Info column ">" or "<" followed by the message type letters
// ("<T/D/D/C/Z"). Which 'p' message is a password, a SASL initial response or a SASL response
// depends on the authentication the server asked for: the first pass remembers it per connection.

var pgsqlAuthTypes = map[uint64]string{0: "Success", 1: "Kerberos V4", 2: "Kerberos V5", 3: "Plaintext password",
	4: "crypt()ed password", 5: "MD5 password", 6: "SCM credentials", 7: "GSSAPI", 8: "GSSAPI/SSPI continue",
	9: "SSPI", 10: "SASL", 11: "SASL continue", 12: "SASL complete"}

var pgsqlFrontendTypes = map[byte]string{'p': "Password message", 'Q': "Simple query", 'P': "Parse", 'B': "Bind",
	'E': "Execute", 'D': "Describe", 'C': "Close", 'H': "Flush", 'S': "Sync", 'F': "Function call",
	'd': "Copy data", 'c': "Copy completion", 'f': "Copy failure", 'X': "Termination"}

var pgsqlBackendTypes = map[byte]string{'R': "Authentication request", 'K': "Backend key data",
	'S': "Parameter status", '1': "Parse completion", '2': "Bind completion", '3': "Close completion",
	'C': "Command completion", 't': "Parameter description", 'T': "Row description", 'D': "Data row",
	'I': "Empty query", 'n': "No data", 'E': "Error", 'N': "Notice", 's': "Portal suspended",
	'Z': "Ready for query", 'A': "Notification", 'V': "Function call response", 'G': "CopyIn response",
	'H': "CopyOut response", 'd': "Copy data", 'c': "Copy completion", 'v': "Negotiate protocol version"}

var (
	protoPgSQL          = Fields.Protocol("pgsql", "PostgreSQL")
	hfPgSQLFrontend     = Fields.Add(protoPgSQL, "pgsql.frontend", "Frontend", field.Bool)
	hfPgSQLType         = Fields.Add(protoPgSQL, "pgsql.type", "Type", field.String)
	hfPgSQLLength       = Fields.Add(protoPgSQL, "pgsql.length", "Length", field.Uint32)
	hfPgSQLVerMajor     = Fields.Add(protoPgSQL, "pgsql.version_major", "Protocol major version", field.Uint16)
	hfPgSQLVerMinor     = Fields.Add(protoPgSQL, "pgsql.version_minor", "Protocol minor version", field.Uint16)
	hfPgSQLParamName    = Fields.Add(protoPgSQL, "pgsql.parameter_name", "Parameter name", field.String)
	hfPgSQLParamValue   = Fields.Add(protoPgSQL, "pgsql.parameter_value", "Parameter value", field.String)
	hfPgSQLQuery        = Fields.Add(protoPgSQL, "pgsql.query", "Query", field.String)
	hfPgSQLPassword     = Fields.Add(protoPgSQL, "pgsql.password", "Password", field.String)
	hfPgSQLAuthType     = Fields.Add(protoPgSQL, "pgsql.authtype", "Authentication type", field.Uint32, field.WithStrings(pgsqlAuthTypes))
	hfPgSQLSalt         = Fields.Add(protoPgSQL, "pgsql.salt", "Salt value", field.Bytes)
	hfPgSQLGSSData      = Fields.Add(protoPgSQL, "pgsql.auth.gssapi_sspi.data", "GSSAPI or SSPI data", field.Bytes)
	hfPgSQLSASLMech     = Fields.Add(protoPgSQL, "pgsql.auth.sasl.mech", "SASL authentication mechanism", field.String)
	hfPgSQLSASLDataLen  = Fields.Add(protoPgSQL, "pgsql.auth.sasl.data.length", "SASL authentication data length", field.Int32)
	hfPgSQLSASLData     = Fields.Add(protoPgSQL, "pgsql.auth.sasl.data", "SASL authentication data", field.Bytes)
	hfPgSQLStatement    = Fields.Add(protoPgSQL, "pgsql.statement", "Statement", field.String)
	hfPgSQLPortal       = Fields.Add(protoPgSQL, "pgsql.portal", "Portal", field.String)
	hfPgSQLReturns      = Fields.Add(protoPgSQL, "pgsql.returns", "Returns", field.Uint32)
	hfPgSQLTag          = Fields.Add(protoPgSQL, "pgsql.tag", "Tag", field.String)
	hfPgSQLStatus       = Fields.Add(protoPgSQL, "pgsql.status", "Status", field.Uint8, field.WithStrings(map[uint64]string{'I': "Idle", 'T': "In a transaction", 'E': "In a failed transaction"}))
	hfPgSQLCopyData     = Fields.Add(protoPgSQL, "pgsql.copydata", "Copy data", field.Bytes)
	hfPgSQLError        = Fields.Add(protoPgSQL, "pgsql.error", "Error", field.String)
	hfPgSQLPID          = Fields.Add(protoPgSQL, "pgsql.pid", "PID", field.Uint32)
	hfPgSQLKey          = Fields.Add(protoPgSQL, "pgsql.key", "Key", field.Uint32)
	hfPgSQLCondition    = Fields.Add(protoPgSQL, "pgsql.condition", "Condition", field.String)
	hfPgSQLText         = Fields.Add(protoPgSQL, "pgsql.text", "Text", field.String)
	hfPgSQLTableOID     = Fields.Add(protoPgSQL, "pgsql.oid.table", "Table OID", field.Uint32)
	hfPgSQLTypeOID      = Fields.Add(protoPgSQL, "pgsql.oid.type", "Type OID", field.Uint32)
	hfPgSQLOID          = Fields.Add(protoPgSQL, "pgsql.oid", "OID", field.Uint32)
	hfPgSQLFormat       = Fields.Add(protoPgSQL, "pgsql.format", "Format", field.Uint16, field.WithStrings(map[uint64]string{0: "Text", 1: "Binary"}))
	hfPgSQLFieldCount   = Fields.Add(protoPgSQL, "pgsql.field.count", "Field count", field.Uint16)
	hfPgSQLColName      = Fields.Add(protoPgSQL, "pgsql.col.name", "Column name", field.String)
	hfPgSQLColIndex     = Fields.Add(protoPgSQL, "pgsql.col.index", "Column index", field.Uint32)
	hfPgSQLValLength    = Fields.Add(protoPgSQL, "pgsql.val.length", "Column length", field.Int32)
	hfPgSQLValData      = Fields.Add(protoPgSQL, "pgsql.val.data", "Data", field.Bytes)
	hfPgSQLColTypemod   = Fields.Add(protoPgSQL, "pgsql.col.typemod", "Type modifier", field.Int32)
	hfPgSQLSeverity     = Fields.Add(protoPgSQL, "pgsql.severity", "Severity", field.String)
	hfPgSQLCode         = Fields.Add(protoPgSQL, "pgsql.code", "Code", field.String)
	hfPgSQLMessage      = Fields.Add(protoPgSQL, "pgsql.message", "Message", field.String)
	hfPgSQLDetail       = Fields.Add(protoPgSQL, "pgsql.detail", "Detail", field.String)
	hfPgSQLHint         = Fields.Add(protoPgSQL, "pgsql.hint", "Hint", field.String)
	hfPgSQLPosition     = Fields.Add(protoPgSQL, "pgsql.position", "Position", field.String)
	hfPgSQLIntPosition  = Fields.Add(protoPgSQL, "pgsql.internal_position", "Position (Internal)", field.String)
	hfPgSQLIntQuery     = Fields.Add(protoPgSQL, "pgsql.internal_query", "Query (Internal)", field.String)
	hfPgSQLWhere        = Fields.Add(protoPgSQL, "pgsql.where", "Context", field.String)
	hfPgSQLSchema       = Fields.Add(protoPgSQL, "pgsql.schema_name", "Schema", field.String)
	hfPgSQLTable        = Fields.Add(protoPgSQL, "pgsql.table_name", "Table", field.String)
	hfPgSQLColumn       = Fields.Add(protoPgSQL, "pgsql.column_name", "Column", field.String)
	hfPgSQLTypeName     = Fields.Add(protoPgSQL, "pgsql.type_name", "Type", field.String)
	hfPgSQLConstraint   = Fields.Add(protoPgSQL, "pgsql.constraint_name", "Constraint", field.String)
	hfPgSQLFile         = Fields.Add(protoPgSQL, "pgsql.file", "File", field.String)
	hfPgSQLLine         = Fields.Add(protoPgSQL, "pgsql.line", "Line", field.String)
	hfPgSQLRoutine      = Fields.Add(protoPgSQL, "pgsql.routine", "Routine", field.String)
	hfPgSQLSupMinor     = Fields.Add(protoPgSQL, "pgsql.version_supported_minor", "Supported minor version", field.Uint32)
	hfPgSQLNonSupCount  = Fields.Add(protoPgSQL, "pgsql.number_nonsupported_options", "Number nonsupported options", field.Int32)
	hfPgSQLNonSupOption = Fields.Add(protoPgSQL, "pgsql.nonsupported_option", "Nonsupported option", field.String)

	handlePgSQL = &Handle{Name: "pgsql", Fn: dissectPgSQL}
)

// pgsqlErrorFields maps the field codes of ErrorResponse and NoticeResponse to their fields.
var pgsqlErrorFields = map[byte]field.ID{'S': hfPgSQLSeverity, 'C': hfPgSQLCode, 'M': hfPgSQLMessage,
	'D': hfPgSQLDetail, 'H': hfPgSQLHint, 'P': hfPgSQLPosition, 'p': hfPgSQLIntPosition, 'q': hfPgSQLIntQuery,
	'W': hfPgSQLWhere, 's': hfPgSQLSchema, 't': hfPgSQLTable, 'c': hfPgSQLColumn, 'd': hfPgSQLTypeName,
	'n': hfPgSQLConstraint, 'F': hfPgSQLFile, 'L': hfPgSQLLine, 'R': hfPgSQLRoutine}

func init() {
	RegisterShortName(protoPgSQL, "PGSQL")
	TCPPort.Add(5432, handlePgSQL)
	RegisterTCPPDUs(handlePgSQL, pgsqlPDULen)
}

// pgsqlPDULen returns the length of the message at t: type byte and length, or for the untyped
// startup, SSL and cancel requests (whose first byte is 0) the length alone.
func pgsqlPDULen(c *Ctx, t Tvb, _ *PDUScan) int {
	if t.Len() < 5 {
		return NeedMore
	}
	n := 0
	if t.B[0] != 0 {
		n = 1
	}
	l := int(t.U32(n))
	if l < 4 || l > 1<<30 {
		return 0
	}
	return l + n
}

// pgsqlAuth is what the server last asked for on a connection, deciding what a 'p' message is.
type pgsqlAuth struct{ authType uint32 }

// pgsqlState keeps, per connection, the last authentication request, and per frame what the first
// pass saw it as when the frame was dissected.
type pgsqlState struct {
	convs  map[textConvKey]*pgsqlAuth
	frames map[uint32]uint32 // frame -> authentication type in force for its 'p' messages
}

var pgsqlSlot = newStateSlot(func() any {
	return &pgsqlState{convs: map[textConvKey]*pgsqlAuth{}, frames: map[uint32]uint32{}}
})

func dissectPgSQL(c *Ctx, t Tvb, parent int32) {
	fe := c.DstPort == c.MatchPort
	c.SetProtocol("PGSQL")
	first := !c.MorePDU
	if first {
		if fe {
			c.SetInfo(">")
		} else {
			c.SetInfo("<")
		}
	}
	typ := t.U8(0)
	if !first {
		c.AppendInfo("/")
	}
	if typ != 0 {
		c.AppendInfo(string(rune(typ)))
	}
	st := c.State.slot(pgsqlSlot).(*pgsqlState)
	var auth *pgsqlAuth
	if c.Pass1 {
		k, _ := c.conversationKey()
		if auth = st.convs[k]; auth == nil {
			auth = &pgsqlAuth{}
			st.convs[k] = auth
		}
		if fe && typ == 'p' {
			st.frames[c.Frame.Number] = auth.authType
		}
	}
	tree := c.AddProto(parent, protoPgSQL, t, 0, -1)
	n := 0
	if typ != 0 {
		n = 1
	}
	length := int(t.U32(n))
	var typeName string
	switch {
	case fe && typ == 0:
		tag := uint32(0)
		if t.Has(4, 4) {
			tag = t.U32(4)
		}
		switch {
		case length == 16 && tag == 80877102:
			typeName = "Cancel request"
		case length == 8 && tag == 80877103:
			typeName = "SSL request"
		case length == 8 && tag == 80877104:
			typeName = "GSS encrypt request"
		case tag == 196608:
			typeName = "Startup message"
		default:
			typeName = "Unknown"
		}
	case fe && typ == 'p':
		typeName = "Password message"
		switch st.frames[c.Frame.Number] {
		case 10:
			typeName = "SASLInitialResponse message"
		case 11:
			typeName = "SASLResponse message"
		case 7, 8, 9:
			typeName = "GSSResponse message"
		}
	case fe:
		typeName = pgsqlName(pgsqlFrontendTypes, typ)
	default:
		typeName = pgsqlName(pgsqlBackendTypes, typ)
	}
	c.AddString(tree, hfPgSQLType, t, 0, n, typeName)
	c.AddUint(tree, hfPgSQLLength, t, n, 4)
	c.AddHidden(tree, hfPgSQLFrontend, t, 0, 0, field.Value{U: b2u64(fe)})
	n += 4
	if fe {
		c.pgsqlFrontend(tree, t, typ, typeName, n, length)
	} else {
		c.pgsqlBackend(tree, t, typ, n, length, auth)
	}
}

func b2u64(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

func pgsqlName(m map[byte]string, typ byte) string {
	if s, ok := m[typ]; ok {
		return s
	}
	return "Unknown"
}

// pgsqlValues adds "Parameter values: N" style lists of (length, data) pairs.
func (c *Ctx) pgsqlValues(tree int32, t Tvb, n int, label string, countHF field.ID) int {
	cnt := int(t.U16(n))
	var sub int32
	if countHF != 0 {
		sub, _ = c.AddUint(tree, countHF, t, n, 2)
	} else {
		sub = c.AddText(tree, t, n, 2, label+": "+strconv.Itoa(cnt))
	}
	n += 2
	for i := 0; i < cnt; i++ {
		l := int32(t.U32(n))
		c.AddIntV(sub, hfPgSQLValLength, t, n, 4, int64(l))
		n += 4
		if l > 0 {
			c.AddBytes(sub, hfPgSQLValData, t, n, int(l))
			n += int(l)
		}
	}
	return n
}

// pgsqlFormats adds a "Parameter formats: N" list.
func (c *Ctx) pgsqlFormats(tree int32, t Tvb, n int, label string) int {
	cnt := int(t.U16(n))
	sub := c.AddText(tree, t, n, 2, label+": "+strconv.Itoa(cnt))
	n += 2
	for i := 0; i < cnt; i++ {
		c.AddUint(sub, hfPgSQLFormat, t, n, 2)
		n += 2
	}
	return n
}

func (c *Ctx) pgsqlFrontend(tree int32, t Tvb, typ byte, typeName string, n, length int) {
	switch typ {
	case 'p':
		switch typeName {
		case "SASLInitialResponse message":
			_, l := c.addStringz(tree, hfPgSQLSASLMech, t, n)
			n += l
			dl := int32(t.U32(n))
			c.AddIntV(tree, hfPgSQLSASLDataLen, t, n, 4, int64(dl))
			n += 4
			if dl > 0 {
				c.AddBytes(tree, hfPgSQLSASLData, t, n, int(dl))
			}
		case "SASLResponse message":
			c.AddBytes(tree, hfPgSQLSASLData, t, n, length-4)
		case "GSSResponse message":
			c.AddBytes(tree, hfPgSQLGSSData, t, n, length-4)
		default:
			c.addStringz(tree, hfPgSQLPassword, t, n)
		}
	case 'Q':
		c.addStringz(tree, hfPgSQLQuery, t, n)
	case 'P':
		_, l := c.addStringz(tree, hfPgSQLStatement, t, n)
		n += l
		_, l = c.addStringz(tree, hfPgSQLQuery, t, n)
		n += l
		cnt := int(t.U16(n))
		sub := c.AddText(tree, t, n, 2, "Parameters: "+strconv.Itoa(cnt))
		n += 2
		for i := 0; i < cnt; i++ {
			c.AddUint(sub, hfPgSQLTypeOID, t, n, 4)
			n += 4
		}
	case 'B':
		_, l := c.addStringz(tree, hfPgSQLPortal, t, n)
		n += l
		_, l = c.addStringz(tree, hfPgSQLStatement, t, n)
		n += l
		n = c.pgsqlFormats(tree, t, n, "Parameter formats")
		n = c.pgsqlValues(tree, t, n, "Parameter values", 0)
		c.pgsqlFormats(tree, t, n, "Result formats")
	case 'E':
		_, l := c.addStringz(tree, hfPgSQLPortal, t, n)
		n += l
		rows := t.U32(n)
		r := c.AddUintV(tree, hfPgSQLReturns, t, n, 4, uint64(rows))
		if rows == 0 {
			c.Label(r, "Returns: all rows")
		} else {
			c.Label(r, "Returns: %d rows", rows)
		}
	case 'D', 'C':
		hf := hfPgSQLStatement
		if t.U8(n) == 'P' {
			hf = hfPgSQLPortal
		}
		c.addStringz(tree, hf, t, n+1)
	case 0:
		code := t.U32(n)
		switch code {
		case 196608:
			c.AddUint(tree, hfPgSQLVerMajor, t, n, 2)
			c.AddUint(tree, hfPgSQLVerMinor, t, n+2, 2)
			n += 4
			for n < length && t.Has(n, 1) && t.B[n] != 0 {
				_, l := c.addStringz(tree, hfPgSQLParamName, t, n)
				n += l
				_, l = c.addStringz(tree, hfPgSQLParamValue, t, n)
				n += l
			}
		case 80877102:
			c.AddUint(tree, hfPgSQLPID, t, n+4, 4)
			c.AddUint(tree, hfPgSQLKey, t, n+8, 4)
		}
	case 'd':
		c.AddBytes(tree, hfPgSQLCopyData, t, n, length-4)
	case 'f':
		c.addStringz(tree, hfPgSQLError, t, n)
	case 'F':
		c.AddUint(tree, hfPgSQLOID, t, n, 4)
		n = c.pgsqlFormats(tree, t, n+4, "Parameter formats")
		n = c.pgsqlValues(tree, t, n, "Parameter values", 0)
		c.AddUint(tree, hfPgSQLFormat, t, n, 2)
	}
}

func (c *Ctx) pgsqlBackend(tree int32, t Tvb, typ byte, n, length int, auth *pgsqlAuth) {
	switch typ {
	case 'R':
		_, at := c.AddUint(tree, hfPgSQLAuthType, t, n, 4)
		if c.Pass1 && auth != nil {
			auth.authType = uint32(at)
		}
		n += 4
		switch at {
		case 4, 5:
			l := 4
			if at == 4 {
				l = 2
			}
			c.AddBytes(tree, hfPgSQLSalt, t, n, l)
		case 8:
			c.AddBytes(tree, hfPgSQLGSSData, t, n, length-8)
		case 10:
			for n < t.Len() && t.B[n] != 0 {
				_, l := c.addStringz(tree, hfPgSQLSASLMech, t, n)
				n += l
			}
		case 11, 12:
			c.AddBytes(tree, hfPgSQLSASLData, t, n, length-8)
		}
	case 'K':
		c.AddUint(tree, hfPgSQLPID, t, n, 4)
		c.AddUint(tree, hfPgSQLKey, t, n+4, 4)
	case 'S':
		_, l := c.addStringz(tree, hfPgSQLParamName, t, n)
		c.addStringz(tree, hfPgSQLParamValue, t, n+l)
	case 't':
		cnt := int(t.U16(n))
		c.AddText(tree, t, n, 2, "Parameters: "+strconv.Itoa(cnt))
		n += 2
		for i := 0; i < cnt; i++ {
			c.AddUint(tree, hfPgSQLTypeOID, t, n, 4)
			n += 4
		}
	case 'T':
		cnt := int(t.U16(n))
		sub, _ := c.AddUint(tree, hfPgSQLFieldCount, t, n, 2)
		n += 2
		for i := 0; i < cnt; i++ {
			col, l := c.addStringz(sub, hfPgSQLColName, t, n)
			n += l
			c.AddUint(col, hfPgSQLTableOID, t, n, 4)
			c.AddUint(col, hfPgSQLColIndex, t, n+4, 2)
			c.AddUint(col, hfPgSQLTypeOID, t, n+6, 4)
			c.AddIntV(col, hfPgSQLValLength, t, n+10, 2, int64(int16(t.U16(n+10))))
			c.AddIntV(col, hfPgSQLColTypemod, t, n+12, 4, int64(int32(t.U32(n+12))))
			c.AddUint(col, hfPgSQLFormat, t, n+16, 2)
			n += 18
		}
	case 'D':
		c.pgsqlValues(tree, t, n, "", hfPgSQLFieldCount)
	case 'C':
		c.addStringz(tree, hfPgSQLTag, t, n)
	case 'Z':
		c.AddUint(tree, hfPgSQLStatus, t, n, 1)
	case 'E', 'N':
		for n < t.Len() && n < length+1 {
			code := t.B[n]
			if code == 0 {
				break
			}
			hf, ok := pgsqlErrorFields[code]
			if !ok {
				hf = hfPgSQLText
			}
			sl, l := stringzLen(t, n+1)
			// The item covers the code letter too, as Wireshark's does.
			c.AddBytesV(tree, hf, t, n, 1+l, asciiString(t.Bytes(n+1, sl)))
			n += 1 + l
		}
	case 'A':
		c.AddUint(tree, hfPgSQLPID, t, n, 4)
		n += 4
		_, l := c.addStringz(tree, hfPgSQLCondition, t, n)
		n += l
		if sl, _ := stringzLen(t, n); sl > 0 {
			c.addStringz(tree, hfPgSQLText, t, n)
		}
	case 'G', 'H':
		c.AddUint(tree, hfPgSQLFormat, t, n, 1)
		c.pgsqlFormats(tree, t, n+1, "Columns")
	case 'd':
		c.AddBytes(tree, hfPgSQLCopyData, t, n, length-4)
	case 'V':
		l := int32(t.U32(n))
		c.AddIntV(tree, hfPgSQLValLength, t, n, 4, int64(l))
		if l > 0 {
			c.AddBytes(tree, hfPgSQLValData, t, n+4, int(l))
		}
	case 'v':
		c.AddUint(tree, hfPgSQLSupMinor, t, n, 4)
		cnt := int32(t.U32(n + 4))
		c.AddIntV(tree, hfPgSQLNonSupCount, t, n+4, 4, int64(cnt))
		n += 8
		for i := int32(0); i < cnt && n < t.Len(); i++ {
			_, l := c.addStringz(tree, hfPgSQLNonSupOption, t, n)
			n += l
		}
	}
}
