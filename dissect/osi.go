package dissect

// The OSI network layer hand-off (Wireshark's packet-osi.c): protocols whose PDU starts with a
// network layer protocol identifier (NLPID) — CLNP, ES-IS, IS-IS — are found through it from LLC
// (DSAP 0xfe), Cisco HDLC (0xfefe), PPP (0x0023) and GRE; and the Fletcher checksum they share.

var (
	handleOSI = &Handle{Name: "osi", Fn: dissectOSI}

	// OSINL hands an OSI PDU on by its NLPID, the PDU including the NLPID (osinl.incl).
	OSINL = NewTable("osinl.incl")
	// OSINLExcl hands on the PDU after the NLPID for protocols that do not include it (osinl.excl).
	OSINLExcl = NewTable("osinl.excl")
)

func init() {
	for _, sap := range []uint64{0x14, 0x20, 0x34, 0x54, 0xfe} {
		LLCSAP.Add(sap, handleOSI)
	}
	PPPProto.Add(0x0023, handleOSI)
	GREProto.Add(0x00fe, handleOSI)
	OSINLExcl.Add(0xcc, handleIP)
	OSINLExcl.Add(0x8e, handleIPv6)
}

func dissectOSI(c *Ctx, t Tvb, parent int32) {
	nlpid := uint64(t.U8(0))
	if c.TryTable(OSINL, nlpid, t, parent) || c.TryTable(OSINLExcl, nlpid, t.Sub(1), parent) {
		return
	}
	switch nlpid {
	case 0x8a:
		c.SetProtocol("ESIS (X.25)")
	case 0x85:
		c.SetProtocol("IDRP")
	default:
		c.SetProtocol("ISO")
		if c.Cols.On {
			c.SetInfo("Unknown ISO protocol (" + hex2(nlpid) + ")")
		}
	}
	c.CallData(t, parent)
}

// osiChecksum reports the state of an ISO 8473 Fletcher checksum stored at ck within b (a PDU of
// which len(b) bytes were captured, n counted): ckNone when it is zero, ckMissing when bytes are
// missing, otherwise whether it is right; want is the value it should have.
func osiChecksum(b []byte, n, ck int) (status int, want uint16) {
	stored := uint16(0)
	if ck >= 0 && ck+2 <= len(b) {
		stored = uint16(b[ck])<<8 | uint16(b[ck+1])
	}
	if stored == 0 {
		return osiCkNone, 0
	}
	if len(b) < n || ck < 0 || ck+2 > n {
		return osiCkMissing, 0
	}
	b = b[:n]
	var c0, c1 int
	for i, x := range b {
		if i == ck || i == ck+1 {
			x = 0
		}
		c0 = (c0 + int(x)) % 255
		c1 = (c1 + c0) % 255
	}
	// The checksum bytes that make both sums zero (ISO 8473 annex C).
	factor := (n - ck) * c0
	x := factor - c0 - c1
	y := c1 - factor - 1
	if x < 0 {
		x--
	}
	if y > 0 {
		y++
	}
	x %= 255
	y %= 255
	if x == 0 {
		x = 0xff
	}
	if y == 0 {
		y = 0x01
	}
	want = uint16(x)<<8 | uint16(y)&0xff
	if want != stored {
		return osiCkBad, want
	}
	return osiCkGood, want
}

// Checksum states of osiChecksum.
const (
	osiCkNone = iota
	osiCkMissing
	osiCkGood
	osiCkBad
)
