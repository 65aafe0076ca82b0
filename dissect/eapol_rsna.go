package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// IEEE 802.11 RSNA EAPOL-Key frames (Wireshark's dissect_wlan_rsna_eapol_wpa_or_rsn_key in
// packet-ieee80211.c): the key descriptor of WPA and RSN (WPA2/WPA3) EAPOL-Key frames, the 4-way and
// group key handshakes, with the message number tshark infers from the key information bits and the
// key data's elements (RSN, PMKID and GTK KDEs) when they are not encrypted.

var (
	protoRSNAEapol                      = Fields.Protocol("wlan_rsna_eapol", "IEEE 802.11 RSNA EAPOL key")
	hfRSNAKeydesMsgnr                   = Fields.Add(protoRSNAEapol, "wlan_rsna_eapol.keydes.msgnr", "Message number", field.Uint8)
	hfRSNAKeydesKeyInfo                 = Fields.Add(protoRSNAEapol, "wlan_rsna_eapol.keydes.key_info", "Key Information", field.Uint16, field.WithBase(field.Hex))
	hfRSNAKeydesKeyInfoKeydesVersion    = Fields.Add(protoRSNAEapol, "wlan_rsna_eapol.keydes.key_info.keydes_version", "Key Descriptor Version", field.Uint16, field.WithMask(0x7), field.WithStrings(map[uint64]string{1: "RC4 Cipher, HMAC-MD5 MIC", 2: "AES Cipher, HMAC-SHA1 MIC", 3: "AES Cipher, AES-128-CMAC MIC"}))
	hfRSNAKeydesKeyInfoKeyType          = Fields.Add(protoRSNAEapol, "wlan_rsna_eapol.keydes.key_info.key_type", "Key Type", field.Bool, field.WithBase(16), field.WithMask(0x8), field.WithTrueFalse("Pairwise Key", "Group Key"))
	hfRSNAKeydesKeyInfoKeyIndex         = Fields.Add(protoRSNAEapol, "wlan_rsna_eapol.keydes.key_info.key_index", "Key Index", field.Uint16, field.WithMask(0x30))
	hfRSNAKeydesKeyInfoInstall          = Fields.Add(protoRSNAEapol, "wlan_rsna_eapol.keydes.key_info.install", "Install", field.Bool, field.WithBase(16), field.WithMask(0x40), field.WithTrueFalse("Set", "Not set"))
	hfRSNAKeydesKeyInfoKeyAck           = Fields.Add(protoRSNAEapol, "wlan_rsna_eapol.keydes.key_info.key_ack", "Key ACK", field.Bool, field.WithBase(16), field.WithMask(0x80), field.WithTrueFalse("Set", "Not set"))
	hfRSNAKeydesKeyInfoKeyMic           = Fields.Add(protoRSNAEapol, "wlan_rsna_eapol.keydes.key_info.key_mic", "Key MIC", field.Bool, field.WithBase(16), field.WithMask(0x100), field.WithTrueFalse("Set", "Not set"))
	hfRSNAKeydesKeyInfoSecure           = Fields.Add(protoRSNAEapol, "wlan_rsna_eapol.keydes.key_info.secure", "Secure", field.Bool, field.WithBase(16), field.WithMask(0x200), field.WithTrueFalse("Set", "Not set"))
	hfRSNAKeydesKeyInfoError            = Fields.Add(protoRSNAEapol, "wlan_rsna_eapol.keydes.key_info.error", "Error", field.Bool, field.WithBase(16), field.WithMask(0x400), field.WithTrueFalse("Set", "Not set"))
	hfRSNAKeydesKeyInfoRequest          = Fields.Add(protoRSNAEapol, "wlan_rsna_eapol.keydes.key_info.request", "Request", field.Bool, field.WithBase(16), field.WithMask(0x800), field.WithTrueFalse("Set", "Not set"))
	hfRSNAKeydesKeyInfoEncryptedKeyData = Fields.Add(protoRSNAEapol, "wlan_rsna_eapol.keydes.key_info.encrypted_key_data", "Encrypted Key Data", field.Bool, field.WithBase(16), field.WithMask(0x1000), field.WithTrueFalse("Set", "Not set"))
	hfRSNAKeydesKeyInfoSmkMessage       = Fields.Add(protoRSNAEapol, "wlan_rsna_eapol.keydes.key_info.smk_message", "SMK Message", field.Bool, field.WithBase(16), field.WithMask(0x2000), field.WithTrueFalse("Set", "Not set"))
	hfRSNAKeydesNonce                   = Fields.Add(protoRSNAEapol, "wlan_rsna_eapol.keydes.nonce", "WPA Key Nonce", field.Bytes)
	hfRSNAKeydesRsc                     = Fields.Add(protoRSNAEapol, "wlan_rsna_eapol.keydes.rsc", "WPA Key RSC", field.Bytes)
	hfRSNAKeydesId                      = Fields.Add(protoRSNAEapol, "wlan_rsna_eapol.keydes.id", "WPA Key ID", field.Bytes)
	hfRSNAKeydesMic                     = Fields.Add(protoRSNAEapol, "wlan_rsna_eapol.keydes.mic", "WPA Key MIC", field.Bytes)
	hfRSNAKeydesDataLen                 = Fields.Add(protoRSNAEapol, "wlan_rsna_eapol.keydes.data_len", "WPA Key Data Length", field.Uint16)
	hfRSNAKeydesData                    = Fields.Add(protoRSNAEapol, "wlan_rsna_eapol.keydes.data", "WPA Key Data", field.Bytes)
	hfRSNAKeydesPadding                 = Fields.Add(protoRSNAEapol, "wlan_rsna_eapol.keydes.padding", "WPA Key Data Padding", field.Bytes)
	hfRSNAExtraneous                    = Fields.Add(protoRSNAEapol, "wlan_rsna_eapol.extraneous", "WPA EAPOL Extraneous Data", field.Bytes)
	hfWlanRsnKDEDataType                = Fields.Add(protoWlan, "wlan.rsn.ie.kde.data_type", "Data Type", field.Uint8, field.WithStrings(map[uint64]string{
		0: "Reserved", 1: "GTK KDE", 2: "Reserved", 3: "MAC address KDE", 4: "PMKID KDE", 5: "Reserved", 6: "Nonce KDE",
		7: "Lifetime KDE", 8: "Error KDE", 9: "IGTK KDE", 10: "Key ID KDE", 11: "Multi-band GTK KDE",
		12: "Multi-band Key ID KDE", 13: "OCI KDE", 14: "BIGTK KDE"}))
	hfWlanRsnPMKID = Fields.Add(protoWlan, "wlan.rsn.ie.pmkid", "PMKID", field.Bytes)
)

func init() {
	RegisterShortName(protoRSNAEapol, "WLAN RSNA EAPOL")
	_ = []field.ID{hfRSNAKeydesPadding, hfRSNAExtraneous}
}

// rsnaMsgNumber infers which message of the 4-way (1-4) or group key handshake (1-2, as 5-6) a
// key frame is, from its key information bits, as Wireshark does.
func rsnaMsgNumber(ki uint16, dataLen int, nonceZero bool) int {
	ack, install, secure, pairwise := ki&0x80 != 0, ki&0x40 != 0, ki&0x200 != 0, ki&0x8 != 0
	if !pairwise {
		if ack {
			return 5
		}
		return 6
	}
	switch {
	case ack && install:
		return 3
	case ack:
		return 1
	case secure || dataLen == 0 && nonceZero:
		return 4
	}
	return 2
}

// eapolRSNAKey adds an RSN or WPA key descriptor (t starts at the descriptor type) under p.
func eapolRSNAKey(c *Ctx, t Tvb, p int32) {
	ki := t.U16(1)
	dl := int(t.U16(93))
	nonce := t.Bytes(17, 32)
	msg := rsnaMsgNumber(ki, dl, allZero(nonce))
	num := msg
	info := "Key (Message " + strconv.Itoa(msg) + " of 4)"
	if msg > 4 {
		num = msg - 4
		info = "Key (Group Message " + strconv.Itoa(num) + " of 2)"
	}
	c.SetInfo(info)
	c.AddGenerated(p, hfRSNAKeydesMsgnr, t, 1, 0, field.Value{U: uint64(num)})
	kn := c.AddUintV(p, hfRSNAKeydesKeyInfo, t, 1, 2, uint64(ki))
	for _, hf := range []field.ID{hfRSNAKeydesKeyInfoKeydesVersion, hfRSNAKeydesKeyInfoKeyType, hfRSNAKeydesKeyInfoKeyIndex,
		hfRSNAKeydesKeyInfoInstall, hfRSNAKeydesKeyInfoKeyAck, hfRSNAKeydesKeyInfoKeyMic, hfRSNAKeydesKeyInfoSecure,
		hfRSNAKeydesKeyInfoError, hfRSNAKeydesKeyInfoRequest, hfRSNAKeydesKeyInfoEncryptedKeyData,
		hfRSNAKeydesKeyInfoSmkMessage} {
		c.AddUint(kn, hf, t, 1, 2)
	}
	c.AddUint(p, hfEAPOLKeyLen, t, 3, 2)
	c.AddUint(p, hfEAPOLKeyReplay, t, 5, 8)
	c.AddBytes(p, hfRSNAKeydesNonce, t, 13, 32)
	c.AddBytes(p, hfEAPOLKeyIV, t, 45, 16)
	c.AddBytes(p, hfRSNAKeydesRsc, t, 61, 8)
	c.AddBytes(p, hfRSNAKeydesId, t, 69, 8)
	c.AddBytes(p, hfRSNAKeydesMic, t, 77, 16)
	c.AddUint(p, hfRSNAKeydesDataLen, t, 93, 2)
	if dl == 0 {
		return
	}
	dn := c.AddBytes(p, hfRSNAKeydesData, t, 95, min(dl, t.Len()-95))
	if ki&0x1000 != 0 { // encrypted: nothing more to show
		return
	}
	data := t.SubLen(95, dl)
	for o := 0; o+2 <= data.Len(); {
		if data.U8(o) == 0xdd && data.U8(o+1) == 0 { // padding
			break
		}
		if data.U8(o) == 0xdd && data.U8(o+1) >= 4 && data.Has(o+2, 4) && data.U24(o+2) == 0x000fac {
			o += rsnaKDE(c, data, dn, o)
			continue
		}
		o += wlanTag(c, data, dn, o, 0xff)
	}
}

// rsnaKDE adds a key data encapsulation (vendor element with the IEEE 802.11 OUI) at o.
func rsnaKDE(c *Ctx, t Tvb, p int32, o int) int {
	l := int(t.U8(o + 1))
	typ := uint64(t.U8(o + 5))
	tn := c.AddProto(p, hfWlanTag, t, o, 2+l)
	c.AddUintV(tn, hfWlanTagNumber, t, o, 1, 221)
	c.AddUintV(tn, hfWlanTagLength, t, o+1, 1, uint64(l))
	on := c.AddUintV(tn, hfWlanTagOui, t, o+2, 3, 0x000fac)
	c.Label(on, "OUI: 00:0f:ac (Ieee 802.11)")
	c.AddUintV(tn, hfWlanTagVendorOuiType, t, o+5, 1, typ)
	c.AddUintV(tn, hfWlanRsnKDEDataType, t, o+5, 1, typ)
	what := "Unknown"
	switch typ {
	case 4:
		what = "RSN PMKID"
		if l >= 20 {
			c.AddBytes(tn, hfWlanRsnPMKID, t, o+6, 16)
		}
	case 1:
		what = "RSN GTK"
	case 9:
		what = "RSN IGTK"
	}
	c.Label(tn, "Tag: Vendor Specific: Ieee 802.11: %s", what)
	return 2 + l
}
