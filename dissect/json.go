package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// JavaScript Object Notation (Wireshark's packet-json.c): objects, arrays, members with their keys
// and paths, and scalar values, for HTTP bodies of type application/json and the Dropbox LAN sync
// discovery protocol.

var (
	protoJSON           = Fields.Protocol("json", "JavaScript Object Notation")
	hfJSONArray         = Fields.Add(protoJSON, "json.array", "Array", field.None)
	hfJSONObject        = Fields.Add(protoJSON, "json.object", "Object", field.None)
	hfJSONMember        = Fields.Add(protoJSON, "json.member", "Member", field.String)
	hfJSONKey           = Fields.Add(protoJSON, "json.key", "Key", field.String)
	hfJSONPath          = Fields.Add(protoJSON, "json.path", "Path", field.String)
	hfJSONPathWithValue = Fields.Add(protoJSON, "json.path_with_value", "Path with value", field.String)
	hfJSONMemberWithVal = Fields.Add(protoJSON, "json.member_with_value", "Member with value", field.String)
	hfJSONString        = Fields.Add(protoJSON, "json.value.string", "String value", field.String)
	hfJSONNumber        = Fields.Add(protoJSON, "json.value.number", "Number value", field.String)
	hfJSONFalse         = Fields.Add(protoJSON, "json.value.false", "False value", field.None)
	hfJSONNull          = Fields.Add(protoJSON, "json.value.null", "Null value", field.None)
	hfJSONTrue          = Fields.Add(protoJSON, "json.value.true", "True value", field.None)
	handleJSON          = &Handle{Name: "json", Fn: dissectJSON}
)

func init() {
	RegisterShortName(protoJSON, "JSON")
	AddMediaType("application/json", handleJSON)
}

// jsonParser walks a JSON text, adding items as it goes; a syntax error panics like a bounds error.
type jsonParser struct {
	c     *Ctx
	t     Tvb
	depth int
}

func (j *jsonParser) ws(o int) int {
	for o < j.t.Len() {
		switch j.t.B[o] {
		case ' ', '\t', '\r', '\n':
			o++
		default:
			return o
		}
	}
	return o
}

func (j *jsonParser) fail() { j.t.Need(j.t.Len()+1, 0) }

// str reads the string starting with '"' at o and returns its decoded text and the offset after it.
func (j *jsonParser) str(o int) (string, int) {
	b := j.t.B
	var s []byte
	for i := o + 1; i < len(b); i++ {
		switch b[i] {
		case '"':
			return string(s), i + 1
		case '\\':
			i++
			if i >= len(b) {
				j.fail()
			}
			switch b[i] {
			case 'n':
				s = append(s, '\n')
			case 't':
				s = append(s, '\t')
			case 'r':
				s = append(s, '\r')
			case 'b':
				s = append(s, '\b')
			case 'f':
				s = append(s, '\f')
			case 'u':
				if i+4 < len(b) {
					if v, err := strconv.ParseUint(string(b[i+1:i+5]), 16, 32); err == nil {
						s = append(s, string(rune(v))...)
						i += 4
						continue
					}
				}
				s = append(s, 'u')
			default:
				s = append(s, b[i])
			}
		default:
			s = append(s, b[i])
		}
	}
	j.fail()
	return "", 0
}

// value parses the value at o under parent; path is the JSON path of the value, member the member
// name ("[]" in arrays). It returns the offset after the value and, for scalars, the value's text.
func (j *jsonParser) value(parent int32, o int, path, member string) (int, string, bool) {
	c, t := j.c, j.t
	o = j.ws(o)
	t.Need(o, 1)
	j.depth++
	if j.depth > 64 {
		j.fail()
	}
	defer func() { j.depth-- }()
	switch b := t.B[o]; {
	case b == '{':
		obj := c.AddProto(parent, hfJSONObject, t, o, 0)
		p := j.ws(o + 1)
		if t.U8(p) == '}' {
			c.setItemLen(obj, parent, p+1-o)
			return p + 1, "", false
		}
		for {
			p = j.ws(p)
			if t.U8(p) != '"' {
				j.fail()
			}
			key, ke := j.str(p)
			start := p
			q := j.ws(ke)
			if t.U8(q) != ':' {
				j.fail()
			}
			mem := c.AddString(obj, hfJSONMember, t, start, 0, key)
			c.Label(mem, "Member: %s", key)
			mpath := path + "/" + key
			end, sv, scalar := j.valueAfter(mem, q+1, mpath, key)
			c.setItemLen(mem, obj, end-start)
			_ = sv
			_ = scalar
			c.AddString(mem, hfJSONKey, t, start, ke-start, key)
			c.AddGenerated(mem, hfJSONPath, t, start, end-start, field.Value{B: []byte(mpath)})
			p = j.ws(end)
			switch t.U8(p) {
			case ',':
				p++
				continue
			case '}':
				c.setItemLen(obj, parent, p+1-o)
				return p + 1, "", false
			}
			j.fail()
		}
	case b == '[':
		arr := c.AddProto(parent, hfJSONArray, t, o, 0)
		p := j.ws(o + 1)
		if t.U8(p) == ']' {
			c.setItemLen(arr, parent, p+1-o)
			return p + 1, "", false
		}
		for {
			end, _, _ := j.valueAfter(arr, p, path+"/[]", "[]")
			p = j.ws(end)
			switch t.U8(p) {
			case ',':
				p++
				continue
			case ']':
				c.setItemLen(arr, parent, p+1-o)
				return p + 1, "", false
			}
			j.fail()
		}
	case b == '"':
		s, e := j.str(o)
		c.AddString(parent, hfJSONString, t, o, e-o, s)
		return e, s, true
	case b == 't' || b == 'f' || b == 'n':
		for _, lit := range [...]struct {
			s  string
			hf field.ID
		}{{"true", hfJSONTrue}, {"false", hfJSONFalse}, {"null", hfJSONNull}} {
			if t.Has(o, len(lit.s)) && string(t.B[o:o+len(lit.s)]) == lit.s {
				c.AddProto(parent, lit.hf, t, o, len(lit.s))
				return o + len(lit.s), lit.s, true
			}
		}
		j.fail()
	default:
		e := o
		for e < t.Len() && (t.B[e] == '-' || t.B[e] == '+' || t.B[e] == '.' || t.B[e] == 'e' || t.B[e] == 'E' || t.B[e] >= '0' && t.B[e] <= '9') {
			e++
		}
		if e == o {
			j.fail()
		}
		s := string(t.B[o:e])
		c.AddString(parent, hfJSONNumber, t, o, e-o, s)
		return e, s, true
	}
	return o, "", false
}

// valueAfter parses a member's or array element's value at o; scalars get the path-with-value and
// member-with-value items before their value item, as Wireshark adds them.
func (j *jsonParser) valueAfter(parent int32, o int, path, member string) (int, string, bool) {
	c, t := j.c, j.t
	o = j.ws(o)
	t.Need(o, 1)
	switch t.B[o] {
	case '{', '[':
		return j.value(parent, o, path, member)
	}
	// scalar: add the generated items first, then the value
	first := int32(len(c.T.Nodes))
	pw := c.AddGenerated(parent, hfJSONPathWithValue, t, o, 0, field.Value{})
	mw := c.AddGenerated(parent, hfJSONMemberWithVal, t, o, 0, field.Value{})
	end, sv, ok := j.value(parent, o, path, member)
	if pw >= first && pw != parent {
		c.T.Nodes[pw].Value.B = []byte(path + ":" + sv)
		c.T.SetLen(pw, end-o)
	}
	if mw >= first && mw != parent {
		c.T.Nodes[mw].Value.B = []byte(member + ":" + sv)
		c.T.SetLen(mw, end-o)
	}
	return end, sv, ok
}

func dissectJSON(c *Ctx, t Tvb, parent int32) {
	if c.Cols.On && c.ColumnsWritable() {
		if c.Cols.Protocol != "" {
			c.SetProtocol(c.Cols.Protocol + "/JSON")
		} else {
			c.SetProtocol("JSON")
		}
		c.AppendInfoSep(", ", "JavaScript Object Notation")
		if c.mediaType != "" {
			c.AppendInfoSep(" ", "("+c.mediaType+")")
		}
	}
	p := c.AddProto(parent, protoJSON, t, 0, -1)
	if c.mediaType != "" {
		c.Label(p, "JavaScript Object Notation: %s", c.mediaType)
	}
	if c.T.Discard || (!c.Cols.On && !c.wantsItems(protoJSON)) {
		return // JSON keeps no state: nothing to parse when no item of it is wanted
	}
	j := &jsonParser{c: c, t: t}
	o := j.ws(0)
	if o < t.Len() {
		j.value(p, o, "", "")
	}
}

// ---- Dropbox LAN sync discovery ----

var (
	protoDBLSPDisc  = Fields.Protocol("db-lsp-disc", "Dropbox LAN sync Discovery Protocol")
	handleDBLSPDisc = &Handle{Name: "db-lsp-disc", Fn: dissectDBLSPDisc}
)

func init() {
	RegisterShortName(protoDBLSPDisc, "DB-LSP-DISC")
	UDPPort.Add(17500, handleDBLSPDisc)
}

func dissectDBLSPDisc(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("DB-LSP-DISC")
	c.SetInfo("Dropbox LAN sync Discovery Protocol")
	p := c.AddProto(parent, protoDBLSPDisc, t, 0, -1)
	c.Call(handleJSON, t, p)
}
