package dissect

import (
	"bytes"
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// memcached (Wireshark's packet-memcache.c): the binary protocol (24-byte headers, extras, key and
// value, one PDU each) and the text protocol (storage commands with their data blocks, get/gets and
// their VALUE responses, incr/decr, delete, stats and STAT lines, the one-word responses), each
// segment parsed message by message with tshark 4.0's Info ("set greeting 5 0 5", "Get Request").
// Lines that are neither a known command nor a known response are "MEMCACHE Continuation", as in
// Wireshark (an incr response is one).

const (
	mcGet       = 0x00
	mcSet       = 0x01
	mcAdd       = 0x02
	mcReplace   = 0x03
	mcDelete    = 0x04
	mcIncrement = 0x05
	mcDecrement = 0x06
	mcQuit      = 0x07
	mcFlush     = 0x08
	mcVersion   = 0x0b
	mcAppend    = 0x0e
	mcPrepend   = 0x0f
	mcStat      = 0x10
	mcCas       = 0xfe // text protocol only (Wireshark's internal OP_CAS)
	mcGets      = 0xff // text protocol only
	mcNone      = 0xfd
)

var (
	protoMemcache      = Fields.Protocol("memcache", "Memcache Protocol")
	hfMcMagic          = Fields.Add(protoMemcache, "memcache.magic", "Magic", field.Uint8, field.WithStrings(tsharkValues["memcache.magic"]))
	hfMcOpcode         = Fields.Add(protoMemcache, "memcache.opcode", "Opcode", field.Uint8, field.WithStrings(tsharkValues["memcache.opcode"]))
	hfMcExtrasLen      = Fields.Add(protoMemcache, "memcache.extras.length", "Extras length", field.Uint8)
	hfMcKeyLen         = Fields.Add(protoMemcache, "memcache.key.length", "Key Length", field.Uint16)
	hfMcValueLen       = Fields.Add(protoMemcache, "memcache.value.length", "Value length", field.Uint32)
	hfMcDataType       = Fields.Add(protoMemcache, "memcache.data_type", "Data type", field.Uint8, field.WithStrings(tsharkValues["memcache.data_type"]))
	hfMcReserved       = Fields.Add(protoMemcache, "memcache.reserved", "Reserved", field.Uint16)
	hfMcStatus         = Fields.Add(protoMemcache, "memcache.status", "Status", field.Uint16, field.WithStrings(tsharkValues["memcache.status"]))
	hfMcTotalBody      = Fields.Add(protoMemcache, "memcache.total_body_length", "Total body length", field.Uint32)
	hfMcOpaque         = Fields.Add(protoMemcache, "memcache.opaque", "Opaque", field.Uint32)
	hfMcCAS            = Fields.Add(protoMemcache, "memcache.cas", "CAS", field.Uint64)
	hfMcExtras         = Fields.Add(protoMemcache, "memcache.extras", "Extras", field.None)
	hfMcExtrasFlags    = Fields.Add(protoMemcache, "memcache.extras.flags", "Flags", field.Uint32, field.WithBase(field.Hex))
	hfMcExtrasExpire   = Fields.Add(protoMemcache, "memcache.extras.expiration", "Expiration", field.Uint32)
	hfMcExtrasDelta    = Fields.Add(protoMemcache, "memcache.extras.delta", "Amount to add", field.Uint64)
	hfMcExtrasInitial  = Fields.Add(protoMemcache, "memcache.extras.initial", "Initial value", field.Uint64)
	hfMcExtrasUnknown  = Fields.Add(protoMemcache, "memcache.extras.unknown", "Unknown", field.Bytes)
	hfMcKey            = Fields.Add(protoMemcache, "memcache.key", "Key", field.String)
	hfMcValue          = Fields.Add(protoMemcache, "memcache.value", "Value", field.String)
	hfMcResponse64     = Fields.Add(protoMemcache, "memcache.extras.response", "Response", field.Uint64)
	hfMcCommand        = Fields.Add(protoMemcache, "memcache.command", "Command", field.String)
	hfMcSubcommand     = Fields.Add(protoMemcache, "memcache.subcommand", "Sub command", field.String)
	hfMcFlags          = Fields.Add(protoMemcache, "memcache.flags", "Flags", field.Uint16)
	hfMcExpiration     = Fields.Add(protoMemcache, "memcache.expiration", "Expiration", field.Uint32)
	hfMcNoreply        = Fields.Add(protoMemcache, "memcache.noreply", "Noreply", field.String)
	hfMcResponse       = Fields.Add(protoMemcache, "memcache.response", "Response", field.String)
	hfMcVersion        = Fields.Add(protoMemcache, "memcache.version", "Version", field.String)
	hfMcSlabclass      = Fields.Add(protoMemcache, "memcache.slabclass", "Slab class", field.Uint32)
	hfMcStatName       = Fields.Add(protoMemcache, "memcache.name", "Stat name", field.String)
	hfMcStatValue      = Fields.Add(protoMemcache, "memcache.name_value", "Stat value", field.String)
	eiMcStatusResponse = RegisterExpert(protoMemcache, "memcache.status.response", "Error response", GroupResponseCode, SevNote)

	handleMemcache = &Handle{Name: "memcache", Fn: dissectMemcache}
)

func init() {
	RegisterShortName(protoMemcache, "MEMCACHE")
	TCPPort.Add(11211, handleMemcache)
	UDPPort.Add(11211, handleMemcache)
	RegisterPDU(handleMemcache, memcachePDULen)
	pduSizeIf[handleMemcache] = func(_ *Ctx, t Tvb) bool { return t.Len() > 0 && mcBinaryMagic(t.B[0]) }
}

func mcBinaryMagic(b byte) bool { return b == 0x80 || b == 0x81 }

// memcachePDULen returns the length of the binary PDU at t; for text, where Wireshark parses the
// first message and counts the rest of the segment as its, the length of t unless the first
// message's data block is cut (then the length it needs) or its line is not finished.
func memcachePDULen(c *Ctx, t Tvb, _ *PDUScan) int {
	if t.Len() == 0 {
		return 0
	}
	if mcBinaryMagic(t.B[0]) {
		if t.Len() < 12 {
			return NeedMore
		}
		return 24 + int(t.U32(8))
	}
	ll, next, ok := t.LineEnd(0)
	line := t.B[:ll]
	_, known, content := mcClassify(line)
	switch {
	case !known:
		return t.Len()
	case !ok:
		return NeedMore
	case content >= 0:
		if n, ok := mcContentLen(line, content); ok && !t.Has(next, n+2) {
			return next + n + 2
		}
	}
	return t.Len()
}

// mcClassify recognizes a text line's first token, Wireshark's is_memcache_request_or_reply: its
// opcode, whether it is a known request or response, and the token that holds a data block's length
// (-1 for none).
func mcClassify(line []byte) (op byte, known bool, contentToken int) {
	word := line
	if i := bytes.IndexByte(line, ' '); i >= 0 {
		word = line[:i]
	}
	switch string(word) {
	case "OK", "END", "EXISTS", "STORED", "NOT_FOUND", "NOT_STORED":
		return mcNone, true, -1
	case "STAT":
		return mcStat, true, -1
	case "VALUE":
		return mcGet, true, 4
	case "VERSION":
		return mcVersion, true, -1
	case "DELETED":
		return mcDelete, true, -1
	}
	switch string(word) {
	case "get":
		return mcGet, true, -1
	case "set":
		return mcSet, true, 5
	case "add":
		return mcAdd, true, 5
	case "cas":
		return mcCas, true, 5
	case "gets":
		return mcGets, true, -1
	case "incr":
		return mcIncrement, true, -1
	case "decr":
		return mcDecrement, true, -1
	case "quit":
		return mcQuit, true, -1
	case "stats":
		return mcStat, true, -1
	case "append":
		return mcAppend, true, 5
	case "delete":
		return mcDelete, true, -1
	case "replace":
		return mcReplace, true, 5
	case "prepend":
		return mcPrepend, true, 5
	case "version":
		return mcVersion, true, -1
	case "flush_all":
		return mcFlush, true, -1
	}
	return mcNone, false, -1
}

// mcIsResponse reports whether a recognized first token is a response (Wireshark checks responses
// first).
func mcIsResponse(line []byte) bool {
	word := line
	if i := bytes.IndexByte(line, ' '); i >= 0 {
		word = line[:i]
	}
	switch string(word) {
	case "OK", "END", "STAT", "VALUE", "EXISTS", "STORED", "VERSION", "DELETED", "NOT_FOUND", "NOT_STORED":
		return true
	}
	return false
}

// mcTokens splits a line at spaces (Wireshark's get_token_len: a token, then the spaces after it).
func mcTokens(line []byte) (toks [][]byte, offs []int) {
	for i := 0; i < len(line); {
		j := i
		for j < len(line) && line[j] != ' ' {
			j++
		}
		if j == i {
			break
		}
		toks = append(toks, line[i:j])
		offs = append(offs, i)
		for j < len(line) && line[j] == ' ' {
			j++
		}
		i = j
	}
	return toks, offs
}

// mcContentLen reads the data block length from token n (1-based) of a header line.
func mcContentLen(line []byte, n int) (int, bool) {
	toks, _ := mcTokens(line)
	if len(toks) < n {
		return 0, false
	}
	v, err := strconv.ParseUint(string(toks[n-1]), 10, 32)
	return int(v), err == nil
}

func dissectMemcache(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("MEMCACHE")
	if t.Len() > 0 && mcBinaryMagic(t.B[0]) {
		c.mcBinary(parent, t)
		return
	}
	c.mcTextMessage(parent, t, 0, true) // it takes the whole segment
	c.SetInfoFence()                    // a later part of the segment's Info follows it
}

// mcTextMessage dissects (when build) or measures one text message at o, as Wireshark's
// dissect_memcache_message: it returns the bytes consumed.
func (c *Ctx) mcTextMessage(parent int32, t Tvb, o int, build bool) int {
	ll, next, _ := t.LineEnd(o)
	line := t.B[o : o+ll]
	op, known, _ := mcClassify(line)
	if build {
		if known {
			c.SetInfo(string(field.AppendEscaped(nil, line)) + " ")
		} else {
			c.SetInfo("MEMCACHE Continuation")
		}
	}
	var tree int32 = -1
	if build {
		tree = c.AddProto(parent, protoMemcache, t, o, -1)
	}
	if !known {
		return t.Len() - o // the rest of the data, undissected
	}
	var end int
	if mcIsResponse(line) {
		end = c.mcResponse(tree, t, o, next, line, op)
	} else {
		end = c.mcRequest(tree, t, o, next, line, op)
	}
	if end < 0 {
		return t.Len() - o
	}
	if build {
		c.T.SetLen(tree, t.Len()-o)
	}
	return t.Len() - o // Wireshark counts the rest of the data as this message's
}

// mcAdd adds a field for token i of a line starting at o (nothing when measuring).
func (c *Ctx) mcAdd(tree int32, hf field.ID, t Tvb, o int, tok []byte, off int) {
	if tree < 0 {
		return
	}
	switch Fields.Get(hf).Type {
	case field.String:
		c.AddBytesV(tree, hf, t, o+off, len(tok), asciiString(tok))
	default:
		v, _ := strconv.ParseUint(string(tok), 10, 64)
		c.AddUintV(tree, hf, t, o+off, len(tok), v)
	}
}

func (c *Ctx) mcRequest(tree int32, t Tvb, o, next int, line []byte, op byte) int {
	toks, offs := mcTokens(line)
	if len(toks) == 0 {
		return -1
	}
	c.mcAdd(tree, hfMcCommand, t, o, toks[0], offs[0])
	switch op {
	case mcSet, mcAdd, mcReplace, mcAppend, mcPrepend, mcCas:
		if len(toks) < 5 {
			return -1
		}
		c.mcAdd(tree, hfMcKey, t, o, toks[1], offs[1])
		c.mcAdd(tree, hfMcFlags, t, o, toks[2], offs[2])
		c.mcAdd(tree, hfMcExpiration, t, o, toks[3], offs[3])
		c.mcAdd(tree, hfMcValueLen, t, o, toks[4], offs[4])
		i := 5
		if op == mcCas && len(toks) > 5 {
			c.mcAdd(tree, hfMcCAS, t, o, toks[5], offs[5])
			i = 6
		}
		if len(toks) > i && string(toks[i]) == "noreply" {
			c.mcAdd(tree, hfMcNoreply, t, o, toks[i], offs[i])
		}
		n, _ := strconv.Atoi(string(toks[4]))
		return c.mcData(tree, t, next, n)
	case mcIncrement, mcDecrement:
		for i, hf := range []field.ID{hfMcKey, hfMcValue} {
			if len(toks) > i+1 {
				c.mcAdd(tree, hf, t, o, toks[i+1], offs[i+1])
			}
		}
		if len(toks) > 3 && string(toks[3]) == "noreply" {
			c.mcAdd(tree, hfMcNoreply, t, o, toks[3], offs[3])
		}
	case mcDelete, mcFlush:
		i := 1
		if op == mcDelete && len(toks) > 1 {
			c.mcAdd(tree, hfMcKey, t, o, toks[1], offs[1])
			i = 2
		}
		if len(toks) > i {
			if string(toks[i]) == "noreply" {
				c.mcAdd(tree, hfMcNoreply, t, o, toks[i], offs[i])
			} else if len(toks[i]) <= 10 {
				c.mcAdd(tree, hfMcExpiration, t, o, toks[i], offs[i])
			}
		}
	case mcGet, mcGets:
		for i := 1; i < len(toks); i++ {
			c.mcAdd(tree, hfMcKey, t, o, toks[i], offs[i])
		}
	case mcStat:
		if len(toks) > 1 {
			c.mcAdd(tree, hfMcSubcommand, t, o, toks[1], offs[1])
		}
	}
	return next
}

func (c *Ctx) mcResponse(tree int32, t Tvb, o, next int, line []byte, op byte) int {
	switch op {
	case mcGet:
		for p := o; p < t.Len(); {
			ll, nx, _ := t.LineEnd(p)
			l := t.B[p : p+ll]
			toks, offs := mcTokens(l)
			if len(toks) == 0 {
				return -1
			}
			if string(toks[0]) == "END" {
				return nx
			}
			if string(toks[0]) != "VALUE" || len(toks) < 4 {
				return -1
			}
			c.mcAdd(tree, hfMcKey, t, p, toks[1], offs[1])
			c.mcAdd(tree, hfMcFlags, t, p, toks[2], offs[2])
			c.mcAdd(tree, hfMcValueLen, t, p, toks[3], offs[3])
			if len(toks) > 4 {
				// Wireshark 4.0 then checks for the line end on the CAS token itself, finds a
				// token and stops: a gets response shows no data.
				c.mcAdd(tree, hfMcCAS, t, p, toks[4], offs[4])
				return -1
			}
			n, _ := strconv.Atoi(string(toks[3]))
			p = c.mcData(tree, t, nx, n)
		}
		return t.Len()
	case mcVersion:
		toks, offs := mcTokens(line)
		if len(toks) > 1 {
			c.mcAdd(tree, hfMcVersion, t, o, toks[1], offs[1])
		}
		return next
	case mcStat:
		for p := o; p < t.Len(); {
			ll, nx, _ := t.LineEnd(p)
			l := t.B[p : p+ll]
			toks, offs := mcTokens(l)
			if len(toks) == 0 {
				return -1
			}
			if string(toks[0]) == "END" {
				return nx
			}
			if string(toks[0]) != "STAT" {
				return -1
			}
			c.mcAdd(tree, hfMcCommand, t, p, toks[0], offs[0])
			if len(toks) < 2 {
				return -1
			}
			name, nameOff := toks[1], offs[1]
			switch colons := bytes.Count(name, []byte(":")); colons {
			case 1, 2:
				parts := bytes.SplitN(name, []byte(":"), 3)
				po := nameOff
				if colons == 2 {
					c.mcAdd(tree, hfMcSubcommand, t, p, parts[0], po)
					po += len(parts[0]) + 1
					parts = parts[1:]
				}
				c.mcAdd(tree, hfMcSlabclass, t, p, parts[0], po)
				po += len(parts[0]) + 1
				name, nameOff = parts[1], po
			case 0:
			default:
				return -1
			}
			c.mcAdd(tree, hfMcStatName, t, p, name, nameOff)
			if len(toks) < 3 {
				return -1
			}
			c.mcAdd(tree, hfMcStatValue, t, p, toks[2], offs[2])
			p = nx
		}
		return t.Len()
	}
	toks, offs := mcTokens(line)
	if len(toks) > 0 {
		c.mcAdd(tree, hfMcResponse, t, o, toks[0], offs[0])
	}
	return next
}

// mcData adds a data block of n bytes at o (and its CRLF) and returns the offset after it.
func (c *Ctx) mcData(tree int32, t Tvb, o, n int) int {
	if o >= t.Len() {
		return o
	}
	avail := t.Len() - o
	if avail >= n+2 {
		if tree >= 0 && n > 0 {
			c.addASCII(tree, hfMcValue, t, o, n)
		}
		return o + n + 2
	}
	if tree >= 0 && avail > 0 {
		c.addASCII(tree, hfMcValue, t, o, avail)
	}
	return t.Len()
}

// mcBinary dissects one binary-protocol PDU.
func (c *Ctx) mcBinary(parent int32, t Tvb) {
	tree := c.AddProto(parent, protoMemcache, t, 0, -1)
	magic, op := uint64(t.U8(0)), uint64(t.U8(1))
	opName, ok := tsharkValues["memcache.opcode"][op]
	if !ok {
		opName = "Unknown opcode (" + strconv.FormatUint(op, 10) + ")"
	}
	magicName := tsharkValues["memcache.magic"][magic]
	c.Label(tree, "Memcache Protocol, %s %s", opName, magicName)
	c.ClearInfo()
	c.AppendInfo(opName + " " + magicName)
	c.AddUint(tree, hfMcMagic, t, 0, 1)
	c.AddUint(tree, hfMcOpcode, t, 1, 1)
	_, keyLen := c.AddUint(tree, hfMcKeyLen, t, 2, 2)
	_, extLen := c.AddUint(tree, hfMcExtrasLen, t, 4, 1)
	c.AddUint(tree, hfMcDataType, t, 5, 1)
	request := magic&1 == 0
	var status uint64
	if request {
		c.AddUint(tree, hfMcReserved, t, 6, 2)
	} else {
		var sn int32
		sn, status = c.AddUint(tree, hfMcStatus, t, 6, 2)
		if status != 0 {
			c.Expert(sn, eiMcStatusResponse, t, 6, 2, opName+": "+tsharkValues["memcache.status"][status])
		}
	}
	body := t.U32(8)
	valueLen := body - uint32(extLen) - uint32(keyLen)
	c.AddGenerated(tree, hfMcValueLen, t, 8, 0, field.Value{U: uint64(valueLen)})
	c.AddUint(tree, hfMcTotalBody, t, 8, 4)
	c.AddUint(tree, hfMcOpaque, t, 12, 4)
	c.AddUint(tree, hfMcCAS, t, 16, 8)
	o := 24
	if status != 0 {
		if body > 0 {
			c.addASCII(tree, hfMcValue, t, o, int(body))
		}
		c.AppendInfo(" (" + tsharkValues["memcache.status"][status] + ")")
		return
	}
	if extLen > 0 {
		ex := c.AddProto(tree, hfMcExtras, t, o, int(extLen))
		p := o
		switch {
		case (op == mcGet || op == 0x09 || op == 0x0c || op == 0x0d) && !request:
			c.AddUint(ex, hfMcExtrasFlags, t, p, 4)
		case (op == mcSet || op == mcAdd || op == mcReplace || op == 0x11 || op == 0x12 || op == 0x13) && request:
			c.AddUint(ex, hfMcExtrasFlags, t, p, 4)
			c.AddUint(ex, hfMcExtrasExpire, t, p+4, 4)
		case (op == mcIncrement || op == mcDecrement || op == 0x15 || op == 0x16) && request:
			c.AddUint(ex, hfMcExtrasDelta, t, p, 8)
			c.AddUint(ex, hfMcExtrasInitial, t, p+8, 8)
			c.AddUint(ex, hfMcExtrasExpire, t, p+16, 4)
		case op == mcFlush || op == 0x18:
			c.AddUint(ex, hfMcExtrasExpire, t, p, 4)
		default:
			c.AddBytes(ex, hfMcExtrasUnknown, t, p, int(extLen))
		}
		o += int(extLen)
	}
	if keyLen > 0 {
		c.addASCII(tree, hfMcKey, t, o, int(keyLen))
		o += int(keyLen)
	}
	if valueLen > 0 && valueLen < 1<<31 {
		if !request && (op == mcIncrement || op == mcDecrement) {
			c.AddUint(tree, hfMcResponse64, t, o, 8)
		} else {
			c.addASCII(tree, hfMcValue, t, o, int(valueLen))
		}
	}
}
