package dissect

import (
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
)

// IEEE 802.11 management frame bodies: the fixed parameters of each subtype and the tagged
// information elements (SSID, rates, DS parameter set, TIM, country, ERP, RSN, mesh ID, vendor
// specific), the part of packet-ieee80211.c a Wi-Fi lab capture is made of. Elements not dissected
// here still show their number and length.

// wlanOUINames names the organisations whose OUIs vendor-specific elements and RSN suites carry.
var wlanOUINames = map[uint32]string{0x0050f2: "Microsoft Corp.", 0x506f9a: "Wi-Fi Alliance", 0x000fac: "Ieee 802.11",
	0x00904c: "Epigram, Inc.", 0x001018: "Broadcom", 0x00037f: "Atheros Communications, Inc.", 0x000b86: "Aruba, a Hewlett Packard Enterprise Company",
	0x00409b: "Cisco Systems, Inc", 0x0017f2: "Apple, Inc.", 0x8cfdf0: "Qualcomm Inc."}

// wlanMgtFixedLen is the length of the fixed parameters of each management subtype.
var wlanMgtFixedLen = [16]int{0: 4, 1: 6, 2: 10, 3: 6, 5: 12, 8: 12, 10: 2, 11: 6, 12: 2}

func dissectWlanMgt(c *Ctx, t Tvb, parent int32, sub uint8, off int) {
	body := t.Sub(off)
	if body.Len() == 0 && sub != 4 {
		return
	}
	p := c.AddProto(parent, protoWlanMgt, body, 0, -1)
	fixed := wlanMgtFixedLen[sub]
	if sub == 13 || sub == 14 { // action: category, action code, and what follows as data
		fixed = min(2, body.Len())
	}
	if fixed > 0 {
		fx := c.AddProto(p, hfWlanFixedAll, body, 0, fixed)
		c.Label(fx, "Fixed parameters (%d bytes)", fixed)
		wlanFixed(c, body, fx, sub)
	}
	if sub == 13 || sub == 14 {
		return
	}
	tags := body.Sub(min(fixed, body.Len()))
	if tags.Len() == 0 {
		return
	}
	tg := c.AddProto(p, hfWlanTaggedAll, tags, 0, -1)
	c.Label(tg, "Tagged parameters (%d bytes)", tags.Len())
	for o := 0; o < tags.Len(); {
		n := wlanTag(c, tags, tg, o, sub)
		o += n
	}
}

// wlanFixed adds the fixed parameters of a management frame.
func wlanFixed(c *Ctx, t Tvb, p int32, sub uint8) {
	capab := func(o int) {
		n, _ := c.AddUintLE(p, hfWlanFixedCapabilities, t, o, 2)
		for _, hf := range []field.ID{hfWlanFixedCapabilitiesEss, hfWlanFixedCapabilitiesIbss, hfWlanFixedCapabilitiesReserved1,
			hfWlanFixedCapabilitiesReserved2, hfWlanFixedCapabilitiesPrivacy, hfWlanFixedCapabilitiesShortPreamble,
			hfWlanFixedCapabilitiesReserved3, hfWlanFixedCapabilitiesReserved4, hfWlanFixedCapabilitiesSpecMan,
			hfWlanFixedCapabilitiesQos, hfWlanFixedCapabilitiesShortSlotTime, hfWlanFixedCapabilitiesApsd,
			hfWlanFixedCapabilitiesRadioMeasurement, hfWlanFixedCapabilitiesEpd, hfWlanFixedCapabilitiesReserved5,
			hfWlanFixedCapabilitiesReserved6} {
			c.AddUintLE(n, hf, t, o, 2)
		}
	}
	status := func(o int) { c.AddUintLE(p, hfWlanFixedStatusCode, t, o, 2) }
	switch sub {
	case 0, 2: // (re)association request
		capab(0)
		c.AddUintLE(p, hfWlanFixedListenIval, t, 2, 2)
		if sub == 2 {
			c.AddBytes(p, hfWlanFixedCurrentAp, t, 4, 6)
		}
	case 1, 3: // (re)association response
		capab(0)
		status(2)
		c.AddUintLE(p, hfWlanFixedAid, t, 4, 2)
	case 5, 8: // probe response, beacon
		c.AddUintLE(p, hfWlanFixedTimestamp, t, 0, 8)
		bi := uint64(t.U16LE(8))
		n := c.AddUintV(p, hfWlanFixedBeacon, t, 8, 2, bi)
		c.Label(n, "Beacon Interval: %f [Seconds]", float64(bi)*1024/1e6)
		c.AppendInfo(", BI=" + strconv.FormatUint(bi, 10))
		capab(10)
	case 10, 12: // disassociation, deauthentication
		c.AddUintLE(p, hfWlanFixedReasonCode, t, 0, 2)
	case 11: // authentication
		c.AddUintLE(p, hfWlanFixedAuthAlg, t, 0, 2)
		c.AddUintLE(p, hfWlanFixedAuthSeq, t, 2, 2)
		status(4)
	case 13, 14: // action
		if t.Len() >= 1 {
			c.AddUintV(p, hfWlanFixedCategoryCode, t, 0, 1, uint64(t.U8(0)))
		}
		if t.Len() >= 2 {
			c.AddUintV(p, hfWlanFixedActionCode, t, 1, 1, uint64(t.U8(1)))
		}
	}
}

// wlanRatesText formats a rates element's rates for its label: "1(B), 2, 5.5, [Mbit/sec]".
func wlanRatesText(t Tvb, o, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		r := t.U8(o + i)
		v := int(r & 0x7f)
		b.WriteString(strconv.FormatFloat(float64(v)/2, 'f', -1, 64))
		if r&0x80 != 0 {
			b.WriteString("(B)")
		}
		b.WriteString(", ")
	}
	b.WriteString("[Mbit/sec]")
	return b.String()
}

// wlanTag adds the information element at o and returns its length with header.
func wlanTag(c *Ctx, t Tvb, tg int32, o int, sub uint8) int {
	num := uint64(t.U8(o))
	l := int(t.U8(o + 1))
	avail := min(l, t.Len()-o-2)
	tn := c.AddProto(tg, hfWlanTag, t, o, 2+l)
	name, ok := wlanTagNumberVals[num]
	if !ok {
		name = "Reserved"
	}
	label := "Tag: " + name
	c.AddUintV(tn, hfWlanTagNumber, t, o, 1, num)
	c.AddUintV(tn, hfWlanTagLength, t, o+1, 1, uint64(l))
	v := o + 2
	t.Need(v, l) // an element running past the frame is malformed
	switch num {
	case 0: // SSID
		ssid := t.Bytes(v, l)
		var n int32
		if l == 0 {
			n = c.AddBytesV(tn, hfWlanSsid, t, v, 0, nil) // tshark's empty SSID item has no value
		} else {
			n = c.AddBytes(tn, hfWlanSsid, t, v, l)
		}
		if l == 0 {
			c.Label(n, "SSID: <MISSING>")
			label += ": Wildcard SSID"
			if sub == 0 || sub == 2 || sub == 4 || sub == 5 || sub == 8 {
				c.AppendInfo(", SSID=Wildcard (Broadcast)")
			}
		} else {
			q := `"` + string(field.AppendEscaped(nil, ssid)) + `"`
			c.Label(n, "SSID: %s", q)
			label += ": " + q
			if sub == 0 || sub == 2 || sub == 4 || sub == 5 || sub == 8 {
				c.AppendInfo(", SSID=" + q)
			}
		}
	case 1, 50: // (extended) supported rates
		hf := hfWlanSupportedRates
		if num == 50 {
			hf = hfWlanExtendedSupportedRates
		}
		for i := 0; i < avail; i++ {
			c.AddUint(tn, hf, t, v+i, 1)
		}
		if c.Visible() {
			label += " " + wlanRatesText(t, v, avail)
		}
	case 3: // DS parameter set
		if l >= 1 {
			ch, _ := c.AddUint(tn, hfWlanDsCurrentChannel, t, v, 1)
			_ = ch
			label += ": Current Channel: " + strconv.Itoa(int(t.U8(v)))
		}
	case 5: // TIM
		if l >= 3 {
			c.AddUint(tn, hfWlanTimDtimCount, t, v, 1)
			c.AddUint(tn, hfWlanTimDtimPeriod, t, v+1, 1)
			bn, _ := c.AddUint(tn, hfWlanTimBmapctl, t, v+2, 1)
			c.AddUint(bn, hfWlanTimBmapctlMulticast, t, v+2, 1)
			c.AddUint(bn, hfWlanTimBmapctlOffset, t, v+2, 1)
			if l > 3 {
				c.AddBytes(tn, hfWlanTimPartialVirtualBitmap, t, v+3, l-3)
			}
			label += ": DTIM " + strconv.Itoa(int(t.U8(v))) + " of " + strconv.Itoa(int(t.U8(v+1))) + " bitmap"
		}
	case 7: // country
		if l >= 3 {
			c.AddString(tn, hfWlanCountryInfoCode, t, v, 2, string(t.Bytes(v, 2)))
			c.AddUint(tn, hfWlanCountryInfoEnvironment, t, v+2, 1)
			for i := v + 3; i+3 <= v+l; i += 3 {
				fn := c.AddProto(tn, hfWlanCountryInfoFnm, t, i, 3)
				c.AddUint(fn, hfWlanCountryInfoFnmFcn, t, i, 1)
				c.AddUint(fn, hfWlanCountryInfoFnmNc, t, i+1, 1)
				c.AddUint(fn, hfWlanCountryInfoFnmMtpl, t, i+2, 1)
			}
			label += ": " + string(field.AppendEscaped(nil, t.Bytes(v, 2)))
		}
	case 42: // ERP
		if l >= 1 {
			n, _ := c.AddUint(tn, hfWlanErpInfo, t, v, 1)
			for _, hf := range []field.ID{hfWlanErpInfoErpPresent, hfWlanErpInfoUseProtection, hfWlanErpInfoBarkerPreambleMode, hfWlanErpInfoReserved} {
				c.AddUint(n, hf, t, v, 1)
			}
		}
	case 45: // HT capabilities
		wlanHTCapabilities(c, t, tn, v, l)
	case 48: // RSN
		wlanRSN(c, t, tn, v, l)
	case 61: // HT information
		wlanHTInfo(c, t, tn, v, l)
	case 114: // mesh ID
		if l > 0 {
			id := string(field.AppendEscaped(nil, t.Bytes(v, l)))
			c.AddString(tn, hfWlanMeshId, t, v, l, string(t.Bytes(v, l)))
			label += ": " + id
			c.AppendInfo(", MESHID=" + id)
		}
	case 127: // extended capabilities
		if l >= 1 {
			c.AddUint(tn, hfWlanExtcap, t, v, 1)
		}
		label += " (" + strconv.Itoa(l) + " octets)"
	case 221: // vendor specific
		if l >= 3 {
			oui := t.U24(v)
			on := c.AddUintV(tn, hfWlanTagOui, t, v, 3, uint64(oui))
			on2 := string(field.AppendHexSep(nil, t.Bytes(v, 3), ':'))
			oname := wlanOUINames[oui]
			if oname != "" {
				c.Label(on, "OUI: %s (%s)", on2, oname)
				label = "Tag: Vendor Specific: " + oname
			} else {
				c.Label(on, "OUI: %s", on2)
				label = "Tag: Vendor Specific: " + on2
			}
			if l >= 4 {
				typ := t.U8(v + 3)
				c.AddUintV(tn, hfWlanTagVendorOuiType, t, v+3, 1, uint64(typ))
				if s := wlanVendorTypeName(oui, typ, t, v+4, l-4); s != "" {
					label += ": " + s
				}
				known := false
				if oui == 0x0050f2 && typ == 2 {
					known = wlanWMM(c, t, tn, v+4, l-4, sub == 0 || sub == 2)
				}
				if l > 4 && !known {
					c.AddBytes(tn, hfWlanTagVendorData, t, v+4, l-4)
				}
			}
		}
	}
	c.Label(tn, "%s", label)
	return 2 + l
}

// wlanVendorTypeName names a vendor-specific element by its OUI and type (WPA, WMM, WPS, P2P...).
func wlanVendorTypeName(oui uint32, typ uint8, t Tvb, o, n int) string {
	switch oui {
	case 0x0050f2:
		switch typ {
		case 1:
			return "WPA Information Element"
		case 2:
			if n >= 1 {
				switch t.U8(o) {
				case 0:
					return "WMM/WME: Information Element"
				case 1:
					return "WMM/WME: Parameter Element"
				case 2:
					return "WMM/WME: TSPEC Element"
				}
			}
			return "WMM/WME"
		case 4:
			return "WPS"
		}
	case 0x506f9a:
		switch typ {
		case 9:
			return "P2P"
		case 16:
			return "PNP"
		case 0x12:
			return "OWE Transition Mode"
		}
	}
	return ""
}

// wlanSuite adds one cipher or AKM suite (OUI and type) as the combined 32-bit field with children.
func wlanSuite(c *Ctx, t Tvb, p int32, o int, hf, hfOUI, hfType field.ID, names map[uint64]string) {
	v := uint64(t.U32(o))
	n := c.AddUintV(p, hf, t, o, 4, v)
	if c.Visible() {
		oui := string(field.AppendHexSep(nil, t.Bytes(o, 3), ':'))
		typ := uint64(t.U8(o + 3))
		tn := names[typ]
		if tn == "" {
			tn = "Unknown"
		}
		orgName := wlanOUINames[t.U24(o)]
		if orgName != "" {
			oui += " (" + orgName + ")"
		}
		c.T.SetLabel(n, Fields.Get(hf).Name+": "+oui+" "+tn)
		on := c.AddUintV(n, hfOUI, t, o, 3, uint64(t.U24(o)))
		c.T.SetLabel(on, Fields.Get(hfOUI).Name+": "+oui)
	} else {
		c.AddUintV(n, hfOUI, t, o, 3, uint64(t.U24(o)))
	}
	c.AddUint(n, hfType, t, o+3, 1)
}

// wlanRSN adds an RSN element's version, suites and capabilities.
func wlanRSN(c *Ctx, t Tvb, p int32, v, l int) {
	end := v + l
	if l < 2 {
		return
	}
	c.AddUintLE(p, hfWlanRsnVersion, t, v, 2)
	o := v + 2
	if o+4 > end {
		return
	}
	wlanSuite(c, t, p, o, hfWlanRsnGcs, hfWlanRsnGcsOui, hfWlanRsnGcsType, wlanRsnGcsTypeVals)
	o += 4
	list := func(hfCount, hfList, hf, hfOUI, hfType field.ID, names map[uint64]string) bool {
		if o+2 > end {
			return false
		}
		cnt := int(t.U16LE(o))
		c.AddUintV(p, hfCount, t, o, 2, uint64(cnt))
		o += 2
		n := min(cnt*4, end-o)
		ln := c.AddProto(p, hfList, t, o, n)
		var lbl strings.Builder
		lbl.WriteString(Fields.Get(hfList).Name)
		for i := 0; i < cnt && o+4 <= end; i++ {
			wlanSuite(c, t, ln, o, hf, hfOUI, hfType, names)
			if c.Visible() {
				oui := string(field.AppendHexSep(nil, t.Bytes(o, 3), ':'))
				if on := wlanOUINames[t.U24(o)]; on != "" {
					oui += " (" + on + ")"
				}
				tn := names[uint64(t.U8(o+3))]
				if tn == "" {
					tn = "Unknown"
				}
				lbl.WriteString(" " + oui + " " + tn)
			}
			o += 4
		}
		c.Label(ln, "%s", lbl.String())
		return true
	}
	if !list(hfWlanRsnPcsCount, hfWlanRsnPcsList, hfWlanRsnPcs, hfWlanRsnPcsOui, hfWlanRsnPcsType, wlanRsnPcsTypeVals) {
		return
	}
	if !list(hfWlanRsnAkmsCount, hfWlanRsnAkmsList, hfWlanRsnAkms, hfWlanRsnAkmsOui, hfWlanRsnAkmsType, wlanRsnAkmsTypeVals) {
		return
	}
	if o+2 > end {
		return
	}
	n, _ := c.AddUintLE(p, hfWlanRsnCapabilities, t, o, 2)
	for _, hf := range []field.ID{hfWlanRsnCapabilitiesPreauth, hfWlanRsnCapabilitiesNoPairwise, hfWlanRsnCapabilitiesPtksaReplayCounter,
		hfWlanRsnCapabilitiesGtksaReplayCounter, hfWlanRsnCapabilitiesMfpr, hfWlanRsnCapabilitiesMfpc, hfWlanRsnCapabilitiesJmr,
		hfWlanRsnCapabilitiesPeerkey, hfWlanRsnCapabilitiesExtendedKeyIdIaf} {
		c.AddUintLE(n, hf, t, o, 2)
	}
	o += 2
	if o+2 <= end {
		c.AddUintLE(p, hfWlanRsnPmkidCount, t, o, 2)
		o += 2 + 16*int(t.U16LE(o))
	}
	if o+4 <= end {
		wlanSuite(c, t, p, o, hfWlanRsnGmcs, hfWlanRsnGmcsOui, hfWlanRsnGmcsType, wlanRsnGmcsTypeVals)
	}
}
