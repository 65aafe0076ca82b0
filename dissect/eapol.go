package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// IEEE 802.1X (EAPOL, ethertype 0x888e) and the Extensible Authentication Protocol it carries, with
// EAP-SIM attributes and RC4 key descriptors (Wireshark's packet-eapol.c and packet-eap.c). Wireshark
// shows EAP in the tree but not in frame.protocols, as its EAPOL dissector calls EAP directly.

var (
	protoEAPOL          = Fields.Protocol("eapol", "802.1X Authentication")
	hfEAPOLVersion      = Fields.Add(protoEAPOL, "eapol.version", "Version", field.Uint8, field.WithStrings(map[uint64]string{1: "802.1X-2001", 2: "802.1X-2004", 3: "802.1X-2010"}))
	hfEAPOLType         = Fields.Add(protoEAPOL, "eapol.type", "Type", field.Uint8, field.WithStrings(eapolTypeVals))
	hfEAPOLLen          = Fields.Add(protoEAPOL, "eapol.len", "Length", field.Uint16)
	hfEAPOLKeyType      = Fields.Add(protoEAPOL, "eapol.keydes.type", "Key Descriptor Type", field.Uint8, field.WithStrings(map[uint64]string{1: "RC4 Descriptor", 2: "EAPOL RSN Key", 254: "EAPOL WPA Key"}))
	hfEAPOLKeyBody      = Fields.Add(protoEAPOL, "eapol.keydes.body", "Key Descriptor Body", field.Bytes)
	hfEAPOLKeyLen       = Fields.Add(protoEAPOL, "eapol.keydes.key_len", "Key Length", field.Uint16)
	hfEAPOLKeyReplay    = Fields.Add(protoEAPOL, "eapol.keydes.replay_counter", "Replay Counter", field.Uint64)
	hfEAPOLKeyIV        = Fields.Add(protoEAPOL, "eapol.keydes.key_iv", "Key IV", field.Bytes)
	hfEAPOLKeyIndex     = Fields.Add(protoEAPOL, "eapol.keydes.key_index", "Key Index", field.Uint8, field.WithBase(field.Hex))
	hfEAPOLKeyIndexType = Fields.Add(protoEAPOL, "eapol.keydes.key_index.type", "Type", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithTrueFalse("Unicast", "Broadcast"))
	hfEAPOLKeyIndexNum  = Fields.Add(protoEAPOL, "eapol.keydes.key_index.number", "Number", field.Uint8, field.WithMask(0x7f))
	hfEAPOLKeySig       = Fields.Add(protoEAPOL, "eapol.keydes.key_signature", "Key Signature", field.Bytes)
	hfEAPOLKey          = Fields.Add(protoEAPOL, "eapol.keydes.key", "Key", field.Bytes)
	hfEAPOLKeyLocal     = Fields.Add(protoEAPOL, "eapol.keydes.key.generated_locally", "Key Generated Locally", field.Bool)
	handleEAPOL         = &Handle{Name: "eapol", Fn: dissectEAPOL}

	protoEAP          = Fields.Protocol("eap", "Extensible Authentication Protocol")
	hfEAPCode         = Fields.Add(protoEAP, "eap.code", "Code", field.Uint8, field.WithStrings(map[uint64]string{1: "Request", 2: "Response", 3: "Success", 4: "Failure", 5: "Initiate", 6: "Finish"}))
	hfEAPID           = Fields.Add(protoEAP, "eap.id", "Id", field.Uint8)
	hfEAPLen          = Fields.Add(protoEAP, "eap.len", "Length", field.Uint16)
	hfEAPType         = Fields.Add(protoEAP, "eap.type", "Type", field.Uint8, field.WithStrings(eapTypeVals))
	hfEAPIdentity     = Fields.Add(protoEAP, "eap.identity", "Identity", field.String)
	hfEAPIdentityLen  = Fields.Add(protoEAP, "eap.identity.actual_len", "Identity Actual Length", field.Uint16)
	hfEAPNotification = Fields.Add(protoEAP, "eap.notification", "Notification", field.String)
	hfEAPSIMSubtype   = Fields.Add(protoEAP, "eap.sim.subtype", "EAP-SIM Subtype", field.Uint8, field.WithStrings(map[uint64]string{10: "Start", 11: "Challenge", 12: "Notification", 13: "Re-authentication", 14: "Client-Error"}))
	hfEAPSIMReserved  = Fields.Add(protoEAP, "eap.sim.reserved", "EAP-SIM Reserved", field.Uint16, field.WithBase(field.Hex))
	hfEAPSIMAttr      = Fields.Add(protoEAP, "eap.sim.subtype.attribute", "EAP-SIM Attribute", field.None)
	hfEAPSIMAttrType  = Fields.Add(protoEAP, "eap.sim.subtype.type", "EAP-SIM Type", field.Uint8, field.WithStrings(eapSIMAttrVals))
	hfEAPSIMAttrLen   = Fields.Add(protoEAP, "eap.sim.subtype.len", "EAP-SIM Length", field.Uint8)
	hfEAPSIMAttrValue = Fields.Add(protoEAP, "eap.sim.subtype.value", "EAP-SIM Value", field.Bytes)
	hfEAPData         = Fields.Add(protoEAP, "eap.data", "EAP Data", field.Bytes)
)

var eapolTypeVals = map[uint64]string{0: "EAP Packet", 1: "Start", 2: "Logoff", 3: "Key", 4: "Encapsulated ASF Alert",
	5: "MKA", 6: "Announcement (Generic)", 7: "Announcement (Specific)", 8: "Announcement Request"}

var eapTypeVals = map[uint64]string{1: "Identity", 2: "Notification", 3: "Legacy Nak (Response Only)", 4: "MD5-Challenge EAP (EAP-MD5-CHALLENGE)", 5: "One-Time Password EAP (EAP-OTP)", 6: "Generic Token Card EAP (EAP-GTC)", 7: "Allocated", 8: "Allocated", 9: "RSA Public Key Authentication EAP (EAP-RSA-PKA)", 10: "DSS Unilateral EAP (EAP-DSS)", 11: "KEA EAP (EAP-KEA)", 12: "KEA Validate EAP (EAP-KEA-VALIDATE)", 13: "TLS EAP (EAP-TLS)", 14: "Defender Token EAP (EAP-AXENT)", 15: "RSA Security SecurID EAP (EAP-RSA-SECURID)", 16: "Arcot Systems EAP (EAP-ARCOT-SYSTEMS)", 17: "Cisco Wireless EAP / Lightweight EAP (EAP-LEAP)", 18: "GSM Subscriber Identity Modules EAP (EAP-SIM)", 19: "Secure Remote Password SHA1 Part 1 EAP (EAP-SRP-SHA1-PART1)", 20: "Secure Remote Password SHA1 Part 2 EAP (EAP-SRP-SHA1-PART2)", 21: "Tunneled TLS EAP (EAP-TTLS)", 22: "Remote Access Service EAP (EAP-RAS)", 23: "UMTS Authentication and Key Agreement EAP (EAP-AKA)", 24: "3Com Wireless EAP (EAP-3COM-WIRELESS)", 25: "Protected EAP (EAP-PEAP)", 26: "MS-Authentication EAP (EAP-MS-AUTH)", 27: "Mutual Authentication w/Key Exchange EAP (EAP-MAKE)", 28: "CRYPTOCard EAP (EAP-CRYPTOCARD)", 29: "MS-CHAP-v2 EAP (EAP-MS-CHAP-V2)", 30: "DynamID EAP (EAP-DYNAMID)", 31: "Rob EAP (EAP-ROB)", 32: "Protected One-Time Password EAP (EAP-POTP)", 33: "MS-Authentication TLV EAP (EAP-MS-AUTH-TLV)", 34: "SentriNET (EAP-SENTRINET)", 35: "Actiontec Wireless EAP (EAP-ACTIONTEC-WIRELESS)", 36: "Cogent Systems Biometrics Authentication EAP (EAP-COGENT-BIOMETRIC)", 37: "AirFortress EAP (EAP-AIRFORTRESS)", 38: "HTTP Digest EAP (EAP-HTTP-DIGEST)", 39: "SecureSuite EAP (EAP-SECURESUITE)", 40: "DeviceConnect EAP (EAP-DEVICECONNECT)", 41: "Simple Password Exponential Key Exchange EAP (EAP-SPEKE)", 42: "MOBAC EAP (EAP-MOBAC)", 43: "Flexible Authentication via Secure Tunneling EAP (EAP-FAST)", 44: "ZoneLabs EAP (EAP-ZLXEAP)", 45: "Link EAP (EAP-LINK)", 46: "Password Authenticated eXchange EAP (EAP-PAX)", 47: "Pre-Shared Key EAP (EAP-PSK)", 48: "Shared-secret Authentication and Key Establishment EAP (EAP-SAKE)", 49: "Internet Key Exchange v2 EAP (EAP-IKEv2)", 50: "UMTS Authentication and Key Agreement' EAP (EAP-AKA')", 51: "Generalized Pre-Shared Key EAP (EAP-GPSK)", 52: "Password EAP (EAP-pwd)", 53: "Encrypted Key Exchange v1 EAP (EAP-EKEv1)", 55: "Tunneled EAP protocol", 254: "Expanded Type", 255: "Experimental"}

var eapSIMAttrVals = map[uint64]string{1: "AT_RAND", 2: "AT_AUTN", 3: "AT_RES", 4: "AT_AUTS", 6: "AT_PADDING", 7: "AT_NONCE_MT", 10: "AT_PERMANENT_ID_REQ", 11: "AT_MAC", 12: "AT_NOTIFICATION", 13: "AT_ANY_ID_REQ", 14: "AT_IDENTITY", 15: "AT_VERSION_LIST", 16: "AT_SELECTED_VERSION", 17: "AT_FULLAUTH_ID_REQ", 19: "AT_COUNTER", 20: "AT_COUNTER_TOO_SMALL", 21: "AT_NONCE_S", 22: "AT_CLIENT_ERROR_CODE", 23: "AT_KDF_INPUT", 24: "AT_KDF", 128: "Unassigned", 129: "AT_IV", 130: "AT_ENCR_DATA", 131: "Unassigned", 132: "AT_NEXT_PSEUDONYM", 133: "AT_NEXT_REAUTH_ID", 134: "AT_CHECKCODE", 135: "AT_RESULT_IND", 136: "AT_BIDDING", 137: "AT_IPMS_IND", 138: "AT_IPMS_RES", 139: "AT_TRUST_IND", 140: "AT_SHORT_NAME_FOR_NETWORK", 141: "AT_FULL_NAME_FOR_NETWORK", 142: "AT_RQSI_IND", 143: "AT_RQSI_RES", 144: "AT_TWAN_CONN_MODE", 145: "AT_VIRTUAL_NETWORK_ID", 146: "AT_VIRTUAL_NETWORK_REQ", 147: "AT_CONNECTIVITY_TYPE", 148: "AT_HANDOVER_INDICATION", 149: "AT_HANDOVER_SESSION_ID", 150: "AT_MN_SERIAL_ID", 151: "AT_DEVICE_IDENTITY"}

func init() {
	RegisterShortName(protoEAPOL, "EAPOL")
	RegisterShortName(protoEAP, "EAP")
	EtherType.Add(0x888e, handleEAPOL)
	RegisterEtherPDULen(0x888e, func(t Tvb) int {
		if t.Len() < 4 {
			return -1
		}
		return 4 + int(t.U16(2))
	})
}

func dissectEAPOL(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("EAPOL")
	c.ClearInfo()
	l := int(t.U16(2))
	p := c.AddProto(parent, protoEAPOL, t, 0, 4+l)
	c.AddUint(p, hfEAPOLVersion, t, 0, 1)
	_, typ := c.AddUint(p, hfEAPOLType, t, 1, 1)
	c.AddUint(p, hfEAPOLLen, t, 2, 2)
	if name, ok := eapolTypeVals[typ]; ok {
		c.SetInfo(name)
	} else {
		c.SetInfo("Unknown Type (0x" + hex2(typ) + ")")
	}
	body := t.SubLen(4, min(l, t.Len()-4))
	switch typ {
	case 0:
		if l > 0 {
			dissectEAP(c, body, parent)
		}
	case 3:
		eapolKey(c, body, p, l)
	}
}

// eapolKey adds a key descriptor (RC4 ones in detail).
func eapolKey(c *Ctx, t Tvb, p int32, l int) {
	_, kt := c.AddUint(p, hfEAPOLKeyType, t, 0, 1)
	if (kt == 2 || kt == 254) && t.Len() >= 95 {
		eapolRSNAKey(c, t, p)
		return
	}
	if kt != 1 {
		if t.Len() > 1 {
			c.AddBytes(p, hfEAPOLKeyBody, t, 1, t.Len()-1)
		}
		return
	}
	c.AddUint(p, hfEAPOLKeyLen, t, 1, 2)
	c.AddUint(p, hfEAPOLKeyReplay, t, 3, 8)
	c.AddBytes(p, hfEAPOLKeyIV, t, 11, 16)
	n, _ := c.AddUint(p, hfEAPOLKeyIndex, t, 27, 1)
	c.AddUint(n, hfEAPOLKeyIndexType, t, 27, 1)
	c.AddUint(n, hfEAPOLKeyIndexNum, t, 27, 1)
	c.AddBytes(p, hfEAPOLKeySig, t, 28, 16)
	if l > 44 {
		c.AddBytes(p, hfEAPOLKey, t, 44, l-44)
		c.Add(p, hfEAPOLKeyLocal, t, 44, 0, field.Value{U: 0})
	} else {
		c.Add(p, hfEAPOLKeyLocal, t, 44, 0, field.Value{U: 1})
	}
}

func dissectEAP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("EAP")
	code := uint64(t.U8(0))
	l := int(t.U16(2))
	p := c.AddProto(parent, protoEAP, t, 0, l)
	c.AddUintV(p, hfEAPCode, t, 0, 1, code)
	c.AddUint(p, hfEAPID, t, 1, 1)
	c.AddUint(p, hfEAPLen, t, 2, 2)
	codeName, ok := Fields.Get(hfEAPCode).ValueName(code)
	if !ok {
		codeName = "Unknown code (" + itoa(code) + ")"
	}
	c.SetInfo(codeName)
	if code != 1 && code != 2 || l < 5 {
		return
	}
	_, typ := c.AddUint(p, hfEAPType, t, 4, 1)
	if name, ok := eapTypeVals[typ]; ok {
		c.AppendInfo(", " + name)
	}
	end := min(l, t.Len())
	switch typ {
	case 1:
		if end > 5 {
			c.AddBytes(p, hfEAPIdentity, t, 5, end-5)
		}
	case 2:
		if end > 5 {
			c.AddBytes(p, hfEAPNotification, t, 5, end-5)
		}
	case 18:
		eapSIM(c, t, p, end)
	default:
		if end > 5 {
			c.AddBytes(p, hfEAPData, t, 5, end-5)
		}
	}
}

// eapSIM adds an EAP-SIM message's subtype and attributes (bytes 5 to end).
func eapSIM(c *Ctx, t Tvb, p int32, end int) {
	c.AddUint(p, hfEAPSIMSubtype, t, 5, 1)
	c.AddUint(p, hfEAPSIMReserved, t, 6, 2)
	for o := 8; o+2 <= end; {
		typ := uint64(t.U8(o))
		n := int(t.U8(o+1)) * 4
		if n == 0 || o+n > end {
			break
		}
		a := c.AddProto(p, hfEAPSIMAttr, t, o, n)
		if c.Visible() {
			c.Label(a, "EAP-SIM Attribute: %s (%d)", eapSIMAttrVals[typ], typ)
		}
		c.AddUint(a, hfEAPSIMAttrType, t, o, 1)
		c.AddUint(a, hfEAPSIMAttrLen, t, o+1, 1)
		if typ == 14 && n >= 4 {
			_, il := c.AddUint(a, hfEAPIdentityLen, t, o+2, 2)
			c.AddBytes(a, hfEAPIdentity, t, o+4, min(int(il), n-4))
		} else if n > 2 {
			c.AddBytes(a, hfEAPSIMAttrValue, t, o+2, n-2)
		}
		o += n
	}
}
