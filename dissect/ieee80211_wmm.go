package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// The Wi-Fi Multimedia (WMM/WME) vendor element of Microsoft's OUI (packet-ieee80211.c's
// dissect_vendor_ie_wpawme): the QoS info of an AP or a station, and the AC parameter records
// (AIFSN, contention windows, TXOP limit) of the parameter element every QoS access point beacons.

var (
	hfWlanWfaIeType                          = Fields.Add(protoWlan, "wlan.wfa.ie.type", "Type", field.Uint8, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{1: "WPA Information Element", 2: "WMM/WME", 4: "WPS"}))
	hfWlanWfaIeWmeSubtype                    = Fields.Add(protoWlan, "wlan.wfa.ie.wme.subtype", "WME Subtype", field.Uint8, field.WithStrings(map[uint64]string{0: "Information Element", 1: "Parameter Element", 2: "TSPEC Element"}))
	hfWlanWfaIeWmeVersion                    = Fields.Add(protoWlan, "wlan.wfa.ie.wme.version", "WME Version", field.Uint8)
	hfWlanWfaIeWmeQosInfo                    = Fields.Add(protoWlan, "wlan.wfa.ie.wme.qos_info", "WME QoS Info", field.Uint8, field.WithBase(field.Hex))
	hfWlanWfaIeWmeQosInfoStaMaxSpLength      = Fields.Add(protoWlan, "wlan.wfa.ie.wme.qos_info.sta.max_sp_length", "Max SP Length", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x60), field.WithStrings(map[uint64]string{0: "WMM AP may deliver all buffered frames (MSDUs and MMPDUs)", 1: "WMM AP may deliver a maximum of 2 buffered frames (MSDUs and MMPDUs) per USP", 2: "WMM AP may deliver a maximum of 4 buffered frames (MSDUs and MMPDUs) per USP", 3: "WMM AP may deliver a maximum of 6 buffered frames (MSDUs and MMPDUs) per USP"}))
	hfWlanWfaIeWmeQosInfoStaAcBe             = Fields.Add(protoWlan, "wlan.wfa.ie.wme.qos_info.sta.ac_be", "AC_BE", field.Bool, field.WithBase(8), field.WithMask(0x8), field.WithTrueFalse("WMM delivery and trigger enabled", "non-WMM PS"))
	hfWlanWfaIeWmeQosInfoStaAcBk             = Fields.Add(protoWlan, "wlan.wfa.ie.wme.qos_info.sta.ac_bk", "AC_BK", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithTrueFalse("WMM delivery and trigger enabled", "non-WMM PS"))
	hfWlanWfaIeWmeQosInfoStaAcVi             = Fields.Add(protoWlan, "wlan.wfa.ie.wme.qos_info.sta.ac_vi", "AC_VI", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("WMM delivery and trigger enabled", "non-WMM PS"))
	hfWlanWfaIeWmeQosInfoStaAcVo             = Fields.Add(protoWlan, "wlan.wfa.ie.wme.qos_info.sta.ac_vo", "AC_VO", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("WMM delivery and trigger enabled", "non-WMM PS"))
	hfWlanWfaIeWmeQosInfoStaReserved         = Fields.Add(protoWlan, "wlan.wfa.ie.wme.qos_info.sta.reserved", "Reserved", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x90))
	hfWlanWfaIeWmeQosInfoApUApsd             = Fields.Add(protoWlan, "wlan.wfa.ie.wme.qos_info.ap.u_apsd", "U-APSD", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithTrueFalse("Enabled", "Disabled"))
	hfWlanWfaIeWmeQosInfoApParameterSetCount = Fields.Add(protoWlan, "wlan.wfa.ie.wme.qos_info.ap.parameter_set_count", "Parameter Set Count", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xf))
	hfWlanWfaIeWmeQosInfoApReserved          = Fields.Add(protoWlan, "wlan.wfa.ie.wme.qos_info.ap.reserved", "Reserved", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x70))
	hfWlanWfaIeWmeReserved                   = Fields.Add(protoWlan, "wlan.wfa.ie.wme.reserved", "Reserved", field.Bytes)
	hfWlanWfaIeWmeAcp                        = Fields.Add(protoWlan, "wlan.wfa.ie.wme.acp", "Ac Parameters", field.None)
	hfWlanWfaIeWmeAcpAciAifsn                = Fields.Add(protoWlan, "wlan.wfa.ie.wme.acp.aci_aifsn", "ACI / AIFSN Field", field.Uint8, field.WithBase(field.Hex))
	hfWlanWfaIeWmeAcpAifsn                   = Fields.Add(protoWlan, "wlan.wfa.ie.wme.acp.aifsn", "AIFSN", field.Uint8, field.WithMask(0xf))
	hfWlanWfaIeWmeAcpAcm                     = Fields.Add(protoWlan, "wlan.wfa.ie.wme.acp.acm", "Admission Control Mandatory", field.Bool, field.WithBase(8), field.WithMask(0x10), field.WithTrueFalse("Yes", "No"))
	hfWlanWfaIeWmeAcpAci                     = Fields.Add(protoWlan, "wlan.wfa.ie.wme.acp.aci", "ACI", field.Uint8, field.WithMask(0x60), field.WithStrings(map[uint64]string{0: "Best Effort", 1: "Background", 2: "Video", 3: "Voice"}))
	hfWlanWfaIeWmeAcpReserved                = Fields.Add(protoWlan, "wlan.wfa.ie.wme.acp.reserved", "Reserved", field.Uint8, field.WithMask(0x80))
	hfWlanWfaIeWmeAcpEcw                     = Fields.Add(protoWlan, "wlan.wfa.ie.wme.acp.ecw", "ECW", field.Uint8, field.WithBase(field.Hex))
	hfWlanWfaIeWmeAcpEcwMax                  = Fields.Add(protoWlan, "wlan.wfa.ie.wme.acp.ecw.max", "ECW Max", field.Uint8, field.WithMask(0xf0))
	hfWlanWfaIeWmeAcpEcwMin                  = Fields.Add(protoWlan, "wlan.wfa.ie.wme.acp.ecw.min", "ECW Min", field.Uint8, field.WithMask(0xf))
	hfWlanWfaIeWmeAcpCwMax                   = Fields.Add(protoWlan, "wlan.wfa.ie.wme.acp.cw.max", "CW Max", field.Uint8)
	hfWlanWfaIeWmeAcpCwMin                   = Fields.Add(protoWlan, "wlan.wfa.ie.wme.acp.cw.min", "CW Min", field.Uint8)
	hfWlanWfaIeWmeAcpTxopLimit               = Fields.Add(protoWlan, "wlan.wfa.ie.wme.acp.txop_limit", "TXOP Limit", field.Uint16)
)

// wlanWMM adds a WMM element's body after its OUI type (at o, n bytes); fromSTA selects the
// station form of the QoS info. It reports whether it knew the element.
func wlanWMM(c *Ctx, t Tvb, p int32, o, n int, fromSTA bool) bool {
	if n < 2 {
		return false
	}
	c.AddUintV(p, hfWlanWfaIeType, t, o-1, 1, 2)
	_, sub := c.AddUint(p, hfWlanWfaIeWmeSubtype, t, o, 1)
	c.AddUint(p, hfWlanWfaIeWmeVersion, t, o+1, 1)
	if sub > 1 || n < 3 {
		return sub <= 1
	}
	q, _ := c.AddUint(p, hfWlanWfaIeWmeQosInfo, t, o+2, 1)
	if fromSTA {
		for _, hf := range []field.ID{hfWlanWfaIeWmeQosInfoStaMaxSpLength, hfWlanWfaIeWmeQosInfoStaAcBe,
			hfWlanWfaIeWmeQosInfoStaAcBk, hfWlanWfaIeWmeQosInfoStaAcVi, hfWlanWfaIeWmeQosInfoStaAcVo,
			hfWlanWfaIeWmeQosInfoStaReserved} {
			c.AddUint(q, hf, t, o+2, 1)
		}
	} else {
		for _, hf := range []field.ID{hfWlanWfaIeWmeQosInfoApUApsd, hfWlanWfaIeWmeQosInfoApParameterSetCount,
			hfWlanWfaIeWmeQosInfoApReserved} {
			c.AddUint(q, hf, t, o+2, 1)
		}
	}
	if sub != 1 || n < 4 {
		return true
	}
	c.AddBytes(p, hfWlanWfaIeWmeReserved, t, o+3, 1)
	for a := o + 4; a+4 <= o+n; a += 4 {
		r := c.AddProto(p, hfWlanWfaIeWmeAcp, t, a, 4)
		ai := c.AddUintV(r, hfWlanWfaIeWmeAcpAciAifsn, t, a, 1, uint64(t.U8(a)))
		_, aifsn := c.AddUint(ai, hfWlanWfaIeWmeAcpAifsn, t, a, 1)
		_, acm := c.AddUint(ai, hfWlanWfaIeWmeAcpAcm, t, a, 1)
		_, aci := c.AddUint(ai, hfWlanWfaIeWmeAcpAci, t, a, 1)
		c.AddUint(ai, hfWlanWfaIeWmeAcpReserved, t, a, 1)
		ecw := c.AddUintV(r, hfWlanWfaIeWmeAcpEcw, t, a+1, 1, uint64(t.U8(a+1)))
		_, emax := c.AddUint(ecw, hfWlanWfaIeWmeAcpEcwMax, t, a+1, 1)
		_, emin := c.AddUint(ecw, hfWlanWfaIeWmeAcpEcwMin, t, a+1, 1)
		cwMax, cwMin := uint64(1)<<emax-1, uint64(1)<<emin-1
		c.AddUintV(ecw, hfWlanWfaIeWmeAcpCwMax, t, a+1, 1, cwMax)
		c.AddUintV(ecw, hfWlanWfaIeWmeAcpCwMin, t, a+1, 1, cwMin)
		_, txop := c.AddUintLE(r, hfWlanWfaIeWmeAcpTxopLimit, t, a+2, 2)
		if c.Visible() {
			yn := "no"
			if acm != 0 {
				yn = "yes"
			}
			u := func(v uint64) string { return strconv.FormatUint(v, 10) }
			c.T.SetLabel(r, "Ac Parameters ACI "+u(aci)+" ("+Fields.Get(hfWlanWfaIeWmeAcpAci).Strings[aci]+"), ACM "+yn+
				", AIFSN "+u(aifsn)+", ECWmin/max "+u(emin)+"/"+u(emax)+" (CWmin/max "+u(cwMin)+"/"+u(cwMax)+"), TXOP "+u(txop))
		}
	}
	return true
}
