package dissect

import (
	"bytes"
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// ICMP Extended Echo (RFC 8335, PROBE: types 42 and 43) and the ICMP multi-part extensions
// (RFC 4884) its requests carry the probed interface in, as Wireshark 4.0 shows them.

var (
	hfICMPExtEchoSeq      = Fields.Add(protoICMP, "icmp.ext.echo.seq", "Sequence Number", field.Uint8, field.WithBase(field.DecHex))
	hfICMPExtEchoReqRes   = Fields.Add(protoICMP, "icmp.ext.echo.req.res", "Reserved", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xfe))
	hfICMPExtEchoReqLocal = Fields.Add(protoICMP, "icmp.ext.echo.req.local", "Local bit", field.Bool, field.WithBase(8), field.WithMask(0x01), field.WithTrueFalse("Set", "Not set"))
	hfICMPExtEchoState    = Fields.Add(protoICMP, "icmp.ext.echo.rsp.state", "State", field.Uint8, field.WithMask(0xe0),
		field.WithStrings(map[uint64]string{0: "Reserved", 1: "Incomplete", 2: "Reachable", 3: "Stale", 4: "Delay", 5: "Probe", 6: "Failed"}))
	hfICMPExtEchoRspRes = Fields.Add(protoICMP, "icmp.ext.echo.rsp.res", "Reserved", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x18))
	hfICMPExtEchoActive = Fields.Add(protoICMP, "icmp.ext.echo.rsp.active", "Active bit", field.Bool, field.WithBase(8), field.WithMask(0x04), field.WithTrueFalse("Set", "Not set"))
	hfICMPExtEchoIPv4   = Fields.Add(protoICMP, "icmp.ext.echo.rsp.ipv4", "IPv4 bit", field.Bool, field.WithBase(8), field.WithMask(0x02), field.WithTrueFalse("Set", "Not set"))
	hfICMPExtEchoIPv6   = Fields.Add(protoICMP, "icmp.ext.echo.rsp.ipv6", "IPv6 bit", field.Bool, field.WithBase(8), field.WithMask(0x01), field.WithTrueFalse("Set", "Not set"))

	hfICMPExt         = Fields.Add(protoICMP, "icmp.ext", "ICMP Extensions", field.None)
	hfICMPExtVersion  = Fields.Add(protoICMP, "icmp.ext.version", "Version", field.Uint8)
	hfICMPExtRes      = Fields.Add(protoICMP, "icmp.ext.res", "Reserved", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x0fff))
	hfICMPExtChecksum = Fields.Add(protoICMP, "icmp.ext.checksum", "Checksum", field.Uint16, field.WithBase(field.Hex))
	hfICMPExtCkStatus = Fields.Add(protoICMP, "icmp.ext.checksum.status", "Checksum Status", field.Uint8, field.WithStrings(checksumStatus))
	hfICMPExtLength   = Fields.Add(protoICMP, "icmp.ext.length", "Length", field.Uint16)
	hfICMPExtClass    = Fields.Add(protoICMP, "icmp.ext.class", "Class", field.Uint8,
		field.WithStrings(map[uint64]string{1: "MPLS Label Stack Class", 2: "Interface Information Object", 3: "Interface Identification Object"}))
	hfICMPExtCType = Fields.Add(protoICMP, "icmp.ext.ctype", "C-Type", field.Uint8)
	hfICMPExtData  = Fields.Add(protoICMP, "icmp.ext.data", "Data", field.Bytes)

	hfICMPIdentName     = Fields.Add(protoICMP, "icmp.int_ident.name", "Name", field.String)
	hfICMPIdentIndex    = Fields.Add(protoICMP, "icmp.int_ident.index", "Interface Index", field.Uint32)
	hfICMPIdentAFI      = Fields.Add(protoICMP, "icmp.int_ident.afi", "Address Family Identifier", field.Uint16, field.WithStrings(icmpAFINames))
	hfICMPIdentAddrLen  = Fields.Add(protoICMP, "icmp.int_ident.addr_length", "Address Length", field.Uint8)
	hfICMPIdentReserved = Fields.Add(protoICMP, "icmp.int_ident.reserved", "Reserved", field.Bytes)
	hfICMPIdentIPv4     = Fields.Add(protoICMP, "icmp.int_ident.ipv4", "Address", field.IPv4)
	hfICMPIdentIPv6     = Fields.Add(protoICMP, "icmp.int_ident.ipv6", "Address", field.IPv6)
	hfICMPIdentAddress  = Fields.Add(protoICMP, "icmp.int_ident.address", "Address", field.Bytes)

	eiICMPExtChecksum = RegisterExpert(protoICMP, "icmp.ext.checksum_bad", "Bad checksum", GroupChecksum, SevWarn)
)

// icmpExtEcho dissects the body of an Extended Echo request or reply (after type, code, checksum).
func (c *Ctx) icmpExtEcho(t Tvb, top int32, request bool) {
	c.AddUintV(top, hfICMPIdent, t, 4, 2, uint64(t.U16(4)))
	c.AddUintV(top, hfICMPIdentLE, t, 4, 2, uint64(t.U16LE(4)))
	c.AddUint(top, hfICMPExtEchoSeq, t, 6, 1)
	if !request {
		for _, hf := range []field.ID{hfICMPExtEchoState, hfICMPExtEchoRspRes, hfICMPExtEchoActive, hfICMPExtEchoIPv4, hfICMPExtEchoIPv6} {
			c.AddUint(top, hf, t, 7, 1)
		}
		return
	}
	c.AddUint(top, hfICMPExtEchoReqRes, t, 7, 1)
	c.AddUint(top, hfICMPExtEchoReqLocal, t, 7, 1)
	if t.Len() > 8 {
		c.icmpExtensions(t.Sub(8), top)
	}
}

// icmpExtensions dissects ICMP multi-part extensions: a header (version, checksum) and objects.
func (c *Ctx) icmpExtensions(t Tvb, parent int32) {
	ext := c.Add(parent, hfICMPExt, t, 0, t.Len(), field.Value{})
	c.Label(ext, "ICMP Multi-Part Extensions")
	c.AddUintV(ext, hfICMPExtVersion, t, 0, 1, uint64(t.U8(0)>>4))
	c.AddUint(ext, hfICMPExtRes, t, 0, 2)
	ck := t.U16(2)
	ckNode := c.AddUintV(ext, hfICMPExtChecksum, t, 2, 2, uint64(ck))
	status := uint64(ckUnverified)
	if !t.Short {
		if inetChecksum(t.B) == 0 {
			status = ckGood
			c.Label(ckNode, "Checksum: 0x%s [correct]", hex4(ck))
		} else {
			status = ckBad
			should := inetChecksum(t.B[:2], t.B[4:])
			c.Label(ckNode, "Checksum: 0x%s incorrect, should be 0x%s", hex4(ck), hex4(should))
			c.Expert(ckNode, eiICMPExtChecksum, t, 2, 2, "Bad checksum [should be 0x"+hex4(should)+"]")
		}
	}
	sn := c.AddUintV(ext, hfICMPExtCkStatus, t, 2, 0, status)
	c.generated(sn)
	c.Label(sn, "Checksum Status: %s", checksumStatus[status]) // BASE_NONE: the name without the number
	for o := 4; o+4 <= t.Len(); {
		l, class, ctype := int(t.U16(o)), t.U8(o+2), t.U8(o+3)
		n := min(l, t.Len()-o)
		obj := c.AddText(ext, t, o, n, "")
		if class == 3 {
			c.Label(obj, "Interface Identification Object")
		} else {
			lbl := "Unknown object (" + strconv.Itoa(int(class)) + "/" + strconv.Itoa(int(ctype)) + ")"
			if l > n {
				lbl += " (truncated)"
			}
			c.Label(obj, "%s", lbl)
		}
		c.AddUintV(obj, hfICMPExtLength, t, o, 2, uint64(l))
		cl := c.AddUintV(obj, hfICMPExtClass, t, o+2, 1, uint64(class))
		if class != 1 && class != 2 && class != 3 {
			c.Label(cl, "Class: Unknown (%d)", class)
		}
		ct := c.AddUintV(obj, hfICMPExtCType, t, o+3, 1, uint64(ctype))
		body := t.SubLen(o+4, max(0, n-4))
		if class == 3 {
			switch ctype {
			case 1:
				c.Label(ct, "C-Type: %d (Identifies Interface By Name)", ctype)
				name := body.B
				if i := bytes.IndexByte(name, 0); i >= 0 {
					name = name[:i]
				}
				c.AddString(obj, hfICMPIdentName, body, 0, body.Len(), string(name))
			case 2:
				c.Label(ct, "C-Type: %d (Identifies Interface By Index)", ctype)
				c.AddUint(obj, hfICMPIdentIndex, body, 0, 4)
			case 3:
				c.Label(ct, "C-Type: %d (Identifies Interface By Address)", ctype)
				_, afi := c.AddUint(obj, hfICMPIdentAFI, body, 0, 2)
				_, alen := c.AddUint(obj, hfICMPIdentAddrLen, body, 2, 1)
				c.AddBytes(obj, hfICMPIdentReserved, body, 3, 1)
				switch {
				case afi == 1 && alen == 4:
					c.AddBytes(obj, hfICMPIdentIPv4, body, 4, 4)
				case afi == 2 && alen == 16:
					c.AddBytes(obj, hfICMPIdentIPv6, body, 4, 16)
				default:
					c.AddBytes(obj, hfICMPIdentAddress, body, 4, int(alen))
				}
			}
		} else if body.Len() > 0 {
			c.AddBytes(obj, hfICMPExtData, body, 0, body.Len())
		}
		if l < 4 {
			break
		}
		o += l
	}
}
