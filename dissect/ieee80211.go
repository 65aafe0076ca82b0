package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// IEEE 802.11 frames (Wireshark's packet-ieee80211.c): the MAC header of management, control and
// data frames (frame control, duration, the addresses by role, sequence control, QoS and HT
// control), the frame check sequence, management bodies (ieee80211_mgt.go) and the LLC/SNAP hand-off
// of data frames. Raw 802.11 captures (LINKTYPE_IEEE802_11, 105) come here directly; radiotap and
// PPI headers come here with what they know of the PHY.

var (
	handleWlan = &Handle{Name: "wlan", Fn: func(c *Ctx, t Tvb, parent int32) {
		dissectWlan(c, t, parent, &wlanPhdr{})
	}}

	eiWlanUnknownVersion = RegisterExpert(protoWlan, "wlan.fc.version.unknown", "Unknown protocol version", GroupMalformed, SevError)
)

func init() {
	RegisterShortName(protoWlan, "IEEE 802.11")
	RegisterShortName(protoWlanMgt, "802.11 MGT")
	LinkTypes.Add(105, handleWlan)
	RegisterEncap(105, 20, "IEEE 802.11 Wireless LAN")
	_ = []field.ID{hfWlanTkipExtiv, hfWlanWepIv, hfWlanWepIcv}
}

// 802.11 frame types.
const (
	wlanMgt  = 0
	wlanCtrl = 1
	wlanData = 2
)

// wlanFlagChars builds the "Flags=" string of the Info column and the header label.
func wlanFlagChars(fl uint8, fcs bool) string {
	b := []byte("........")
	for i, f := range []struct {
		bit uint8
		ch  byte
	}{{0x80, 'o'}, {0x40, 'p'}, {0x20, 'm'}, {0x10, 'P'}, {0x08, 'R'}, {0x04, 'M'}, {0x02, 'F'}, {0x01, 'T'}} {
		if fl&f.bit != 0 {
			b[i] = f.ch
		}
	}
	if fcs {
		b = append(b, 'C')
	}
	return string(b)
}

// wlanAddrField adds an address role field (wlan.ra, wlan.da...) with its hidden resolved twin.
func wlanAddrField(c *Ctx, p int32, hf, hfRes field.ID, t Tvb, o int) {
	c.AddBytes(p, hf, t, o, 6)
	if c.T.Wants(hfRes) {
		c.AddHidden(p, hfRes, t, o, 6, field.Value{B: field.AppendHexSep(nil, t.Bytes(o, 6), ':')})
	}
}

// wlanAddr adds the hidden wlan.addr (and its resolved twin) for the address at o.
func wlanAddr(c *Ctx, p int32, t Tvb, o int) {
	c.AddHidden(p, hfWlanAddr, t, o, 6, field.Value{B: t.Bytes(o, 6)})
	if c.T.Wants(hfWlanAddrResolved) {
		c.AddHidden(p, hfWlanAddrResolved, t, o, 6, field.Value{B: field.AppendHexSep(nil, t.Bytes(o, 6), ':')})
	}
}

// wlanTypeSubtype returns the combined type/subtype value tshark filters on (wlan.fc.type_subtype).
func wlanTypeSubtype(typ, sub uint8) uint64 { return uint64(typ)<<4 | uint64(sub) }

// wlanHeaderLen returns the MAC header length of a frame (without QoS/HTC of data frames).
func wlanCtrlHasTA(sub uint8) bool {
	switch sub {
	case 8, 9, 10, 11, 14, 15, 4, 5: // BAR, BA, PS-Poll, RTS, CF-End(+Ack), Beamforming report poll, NDPA
		return true
	}
	return false
}

func dissectWlan(c *Ctx, t Tvb, parent int32, ph *wlanPhdr) {
	c.SetProtocol("802.11")
	c.ClearInfo()
	fcs := ph.fcsLen == 4
	// The frame check sequence is not part of what the header and body dissectors see.
	reported := t.Len() + c.unreported(t)
	body := t
	if fcs {
		if reported < 4 {
			fcs = false
		} else {
			body = t.SubLen(0, max(0, min(t.Len(), reported-4)))
		}
	}
	fc0 := t.U8(0)
	fl := t.U8(1)
	version := fc0 & 3
	typ := fc0 >> 2 & 3
	sub := fc0 >> 4
	ts := wlanTypeSubtype(typ, sub)
	name := Fields.Get(hfWlanFcTypeSubtype).Strings[ts]
	if name == "" {
		name = "Unrecognized (Reserved frame)"
	}
	if version != 0 {
		c.SetInfo("Unknown protocol version: " + strconv.Itoa(int(version)))
		p := c.AddProto(parent, protoWlan, t, 0, 2)
		fcN := c.AddUintV(p, hfWlanFc, t, 0, 2, uint64(t.U16(0)))
		n, _ := c.AddUint(fcN, hfWlanFcVersion, t, 0, 1)
		c.Expert(n, eiWlanUnknownVersion, t, 0, 1, "")
		return
	}
	hl := 24
	switch typ {
	case wlanCtrl:
		hl = 10
		if wlanCtrlHasTA(sub) {
			hl = 16
		}
		if sub == 7 { // control wrapper: carried frame control and HT control
			hl = 10
		}
	case wlanData:
		if fl&3 == 3 {
			hl = 30
		}
		if sub&0x8 != 0 {
			hl += 2
		}
	}
	htc := false
	if fl&0x80 != 0 && (typ == wlanMgt || typ == wlanData && sub&0x8 != 0) {
		htc = true
		hl += 4
	}
	p := c.AddProto(parent, protoWlan, t, 0, hl)
	flags := wlanFlagChars(fl, fcs)
	c.Label(p, "IEEE 802.11 %s, Flags: %s", name, flags)
	c.SetInfo(name)
	tsN := c.AddUintV(p, hfWlanFcTypeSubtype, t, 0, 1, ts)
	_ = tsN
	fcN := c.AddUintV(p, hfWlanFc, t, 0, 2, uint64(t.U16(0)))
	c.AddUint(fcN, hfWlanFcVersion, t, 0, 1)
	c.AddUint(fcN, hfWlanFcType, t, 0, 1)
	c.AddUint(fcN, hfWlanFcSubtype, t, 0, 1)
	flN, _ := c.AddUint(fcN, hfWlanFlags, t, 1, 1)
	c.AddUintV(flN, hfWlanFcDs, t, 1, 1, uint64(fl&3))
	c.AddHidden(flN, hfWlanFcTods, t, 1, 1, field.Value{U: uint64(fl & 1)})
	c.AddHidden(flN, hfWlanFcFromds, t, 1, 1, field.Value{U: uint64(fl >> 1 & 1)})
	for _, hf := range []field.ID{hfWlanFcFrag, hfWlanFcRetry, hfWlanFcPwrmgt, hfWlanFcMoredata, hfWlanFcProtected, hfWlanFcOrder} {
		c.AddUint(flN, hf, t, 1, 1)
	}
	dur := uint64(t.U16LE(2))
	if typ == wlanCtrl && sub == 10 { // PS-Poll carries the association ID there
		c.AddUintV(p, hfWlanFixedAid, t, 2, 2, dur&0x3fff)
	} else {
		c.AddUintLE(p, hfWlanDuration, t, 2, 2)
	}
	hasSeq := false
	var seq, frag uint64
	switch typ {
	case wlanCtrl:
		ra := t.Bytes(4, 6)
		wlanAddrField(c, p, hfWlanRa, hfWlanRaResolved, t, 4)
		wlanAddr(c, p, t, 4)
		if hl >= 16 {
			wlanAddrField(c, p, hfWlanTa, hfWlanTaResolved, t, 10)
			wlanAddr(c, p, t, 10)
			c.SetDLText(string(field.AppendHexSep(nil, t.Bytes(10, 6), ':'))+" (TA)", string(field.AppendHexSep(nil, ra, ':'))+" (RA)")
		} else {
			c.SetDLText("", string(field.AppendHexSep(nil, ra, ':'))+" (RA)")
		}
	case wlanMgt:
		wlanAddrField(c, p, hfWlanRa, hfWlanRaResolved, t, 4)
		wlanAddr(c, p, t, 4)
		wlanAddrField(c, p, hfWlanDa, hfWlanDaResolved, t, 4)
		wlanAddrField(c, p, hfWlanTa, hfWlanTaResolved, t, 10)
		wlanAddrField(c, p, hfWlanSa, hfWlanSaResolved, t, 10)
		wlanAddrField(c, p, hfWlanBssid, hfWlanBssidResolved, t, 16)
		wlanAddr(c, p, t, 10)
		wlanAddr(c, p, t, 16)
		c.SetDLAddrs(AddrEther, t.Bytes(10, 6), t.Bytes(4, 6))
		hasSeq = true
	case wlanData:
		wlanAddrField(c, p, hfWlanRa, hfWlanRaResolved, t, 4)
		wlanAddr(c, p, t, 4)
		wlanAddrField(c, p, hfWlanTa, hfWlanTaResolved, t, 10)
		wlanAddr(c, p, t, 10)
		var da, sa, bssid, sta int
		switch fl & 3 {
		case 0:
			da, sa, bssid, sta = 4, 10, 16, -1
		case 1:
			da, sa, bssid, sta = 16, 10, 4, 10
		case 2:
			da, sa, bssid, sta = 4, 16, 10, 4
		case 3:
			da, sa, bssid, sta = 16, 24, -1, -1
		}
		if fl&3 == 3 {
			t.Need(24, 6)
		}
		wlanAddrField(c, p, hfWlanDa, hfWlanDaResolved, t, da)
		wlanAddrField(c, p, hfWlanSa, hfWlanSaResolved, t, sa)
		if bssid >= 0 {
			wlanAddrField(c, p, hfWlanBssid, hfWlanBssidResolved, t, bssid)
		}
		if sta >= 0 {
			wlanAddrField(c, p, hfWlanStaa, hfWlanStaaResolved, t, sta)
		}
		c.SetDLAddrs(AddrEther, t.Bytes(sa, 6), t.Bytes(da, 6))
		hasSeq = true
	}
	if hasSeq {
		sc := uint64(t.U16LE(22))
		seq, frag = sc>>4, sc&0xf
		c.AddUintV(p, hfWlanFrag, t, 22, 2, frag)
		c.AddUintV(p, hfWlanSeq, t, 22, 2, seq)
		c.AppendInfo(", SN=" + strconv.FormatUint(seq, 10) + ", FN=" + strconv.FormatUint(frag, 10))
		if typ == wlanData {
			wlanAddr(c, p, t, 16)
			if fl&3 == 3 {
				wlanAddr(c, p, t, 24)
			}
		}
	}
	c.AppendInfo(", Flags=" + flags)
	if fcs {
		o := reported - 4
		if t.Has(o, 4) {
			n := c.AddUintV(p, hfWlanFcs, t, o, 4, uint64(t.U32LE(o)))
			c.Label(n, "Frame check sequence: 0x%08x [unverified]", t.U32LE(o))
			st := c.AddGenerated(p, hfWlanFcsStatus, t, o, 0, field.Value{U: 2})
			c.Label(st, "FCS Status: Unverified")
		}
	}
	off := 24
	if typ == wlanData {
		if fl&3 == 3 {
			off = 30
		}
		if sub&0x8 != 0 {
			wlanQoS(c, t, p, off, fl)
			off += 2
		}
	}
	if htc {
		c.AddUintLE(p, hfWlanHtc, t, off, 4)
		off += 4
	}
	switch typ {
	case wlanMgt:
		if fl&0x40 != 0 {
			wlanProtected(c, body, p, off, parent)
			return
		}
		dissectWlanMgt(c, body, parent, sub, off)
	case wlanData:
		if ph.datapad {
			off = (off + 3) &^ 3
		}
		if sub&0x4 != 0 { // no data
			return
		}
		if fl&0x40 != 0 {
			wlanProtected(c, body, p, off, parent)
			return
		}
		payload := body.Sub(off)
		if payload.Len() == 0 {
			return
		}
		if payload.Len() >= 2 && payload.U8(0) == 0xaa && payload.U8(1) == 0xaa || payload.Len() >= 3 && payload.U8(2) == 3 {
			c.Call(handleLLC, payload, parent)
			return
		}
		c.CallData(payload, parent)
	}
}

// wlanQoS adds the QoS control field at o.
func wlanQoS(c *Ctx, t Tvb, p int32, o int, fl uint8) {
	q, v := c.AddUintLE(p, hfWlanQos, t, o, 2)
	c.AddUintLE(q, hfWlanQosTid, t, o, 2)
	c.AddUintLE(q, hfWlanQosPriority, t, o, 2)
	fromAP := fl&2 != 0
	if fromAP {
		c.AddUintLE(q, hfWlanQosEosp, t, o, 2)
	} else {
		c.AddUintLE(q, hfWlanQosBit4, t, o, 2)
	}
	c.AddUintLE(q, hfWlanQosAck, t, o, 2)
	c.AddUintLE(q, hfWlanQosAmsdupresent, t, o, 2)
	switch {
	case fromAP:
		n, _ := c.AddUintLE(q, hfWlanQosPsBufState, t, o, 2)
		c.AddUintLE(n, hfWlanQosBufStateIndicated, t, o, 2)
	case v&0x10 != 0:
		n, qs := c.AddUintLE(q, hfWlanQosQueueSize, t, o, 2)
		c.Label(n, "%s = Queue Size: %d (%d bytes)", Fields.Get(hfWlanQosQueueSize).BitPattern(qs), qs, qs*256)
	default:
		c.AddUintLE(q, hfWlanQosTxopDurReq, t, o, 2)
	}
}

// wlanProtected shows the CCMP (or TKIP/WEP) header of a protected frame and leaves the encrypted
// rest as data.
func wlanProtected(c *Ctx, t Tvb, p int32, o int, parent int32) {
	if !t.Has(o, 4) {
		return
	}
	keyID := t.U8(o + 3)
	if keyID&0x20 != 0 && t.Has(o, 8) { // extended IV: CCMP or TKIP
		if t.U8(o+1) == (t.U8(o)|0x20)&0x7f { // TKIP's WEPSeed
			iv := uint64(t.U8(o+2)) | uint64(t.U8(o))<<8 | uint64(t.U32LE(o+4))<<16
			n := c.AddString(p, hfWlanTkipExtiv, t, o, 8, "0x"+hex12(iv))
			c.Label(n, "TKIP Ext. Initialization Vector: 0x%012X", iv)
		} else {
			pn := uint64(t.U8(o)) | uint64(t.U8(o+1))<<8 | uint64(t.U32LE(o+4))<<16
			n := c.AddString(p, hfWlanCcmpExtiv, t, o, 8, "0x"+hex12(pn))
			c.Label(n, "CCMP Ext. Initialization Vector: 0x%012X", pn)
		}
		c.AddUintV(p, hfWlanWepKey, t, o+3, 1, uint64(keyID>>6))
		c.CallData(t.Sub(o+8), parent)
		return
	}
	c.AddUintV(p, hfWlanWepIv, t, o, 3, uint64(t.U24(o)))
	c.AddUintV(p, hfWlanWepKey, t, o+3, 1, uint64(keyID>>6))
	if t.Len() >= o+8 {
		c.CallData(t.SubLen(o+4, t.Len()-o-8), parent)
		c.AddUintV(p, hfWlanWepIcv, t, t.Len()-4, 4, uint64(t.U32(t.Len()-4)))
	}
}

func hex12(v uint64) string {
	s := strconv.FormatUint(v, 16)
	for len(s) < 12 {
		s = "0" + s
	}
	return s
}
