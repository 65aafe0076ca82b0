package dissect

import (
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
)

// MQTT 3.1, 3.1.1 and 5.0 (Wireshark's packet-mqtt.c): every control packet with its header flags,
// CONNECT (client ID, user name, password, will), CONNACK, PUBLISH and its acknowledgements,
// SUBSCRIBE/UNSUBSCRIBE and their acknowledgements, v5 properties and reason codes. The protocol
// version a connection speaks comes from its CONNECT, remembered by the first pass.

const (
	mqttConnect     = 1
	mqttConnAck     = 2
	mqttPublish     = 3
	mqttPubAck      = 4
	mqttPubRec      = 5
	mqttPubRel      = 6
	mqttPubComp     = 7
	mqttSubscribe   = 8
	mqttSubAck      = 9
	mqttUnsubscribe = 10
	mqttUnsubAck    = 11
	mqttDisconnect  = 14
	mqttAuth        = 15
)

func mqttNames(abbrev string) field.Option { return field.WithStrings(tsharkValues[abbrev]) }

func mqttBool(abbrev, name string, mask uint64) field.ID {
	return Fields.Add(protoMQTT, abbrev, name, field.Bool, field.WithBase(8), field.WithMask(mask), field.WithTrueFalse("Set", "Not set"))
}

var (
	protoMQTT          = Fields.Protocol("mqtt", "MQ Telemetry Transport Protocol")
	hfMQTTHdrFlags     = Fields.Add(protoMQTT, "mqtt.hdrflags", "Header Flags", field.Uint8, field.WithBase(field.Hex))
	hfMQTTMsgType      = Fields.Add(protoMQTT, "mqtt.msgtype", "Message Type", field.Uint8, field.WithMask(0xf0), mqttNames("mqtt.msgtype"))
	hfMQTTHdrReserved  = Fields.Add(protoMQTT, "mqtt.hdr_reserved", "Reserved", field.Uint8, field.WithMask(0x0f))
	hfMQTTDup          = mqttBool("mqtt.dupflag", "DUP Flag", 0x08)
	hfMQTTQoS          = Fields.Add(protoMQTT, "mqtt.qos", "QoS Level", field.Uint8, field.WithMask(0x06), mqttNames("mqtt.qos"))
	hfMQTTRetain       = mqttBool("mqtt.retain", "Retain", 0x01)
	hfMQTTLen          = Fields.Add(protoMQTT, "mqtt.len", "Msg Len", field.Uint64)
	hfMQTTProtoLen     = Fields.Add(protoMQTT, "mqtt.proto_len", "Protocol Name Length", field.Uint16)
	hfMQTTProtoName    = Fields.Add(protoMQTT, "mqtt.protoname", "Protocol Name", field.String)
	hfMQTTVer          = Fields.Add(protoMQTT, "mqtt.ver", "Version", field.Uint8, mqttNames("mqtt.ver"))
	hfMQTTConFlags     = Fields.Add(protoMQTT, "mqtt.conflags", "Connect Flags", field.Uint8, field.WithBase(field.Hex))
	hfMQTTCFUname      = mqttBool("mqtt.conflag.uname", "User Name Flag", 0x80)
	hfMQTTCFPasswd     = mqttBool("mqtt.conflag.passwd", "Password Flag", 0x40)
	hfMQTTCFRetain     = mqttBool("mqtt.conflag.retain", "Will Retain", 0x20)
	hfMQTTCFQoS        = Fields.Add(protoMQTT, "mqtt.conflag.qos", "QoS Level", field.Uint8, field.WithMask(0x18), mqttNames("mqtt.conflag.qos"))
	hfMQTTCFWill       = mqttBool("mqtt.conflag.willflag", "Will Flag", 0x04)
	hfMQTTCFClean      = mqttBool("mqtt.conflag.cleansess", "Clean Session Flag", 0x02)
	hfMQTTCFReserved   = mqttBool("mqtt.conflag.reserved", "(Reserved)", 0x01)
	hfMQTTKeepAlive    = Fields.Add(protoMQTT, "mqtt.kalive", "Keep Alive", field.Uint16)
	hfMQTTClientIDLen  = Fields.Add(protoMQTT, "mqtt.clientid_len", "Client ID Length", field.Uint16)
	hfMQTTClientID     = Fields.Add(protoMQTT, "mqtt.clientid", "Client ID", field.String)
	hfMQTTWillTopicLen = Fields.Add(protoMQTT, "mqtt.willtopic_len", "Will Topic Length", field.Uint16)
	hfMQTTWillTopic    = Fields.Add(protoMQTT, "mqtt.willtopic", "Will Topic", field.String)
	hfMQTTWillMsgLen   = Fields.Add(protoMQTT, "mqtt.willmsg_len", "Will Message Length", field.Uint16)
	hfMQTTWillMsg      = Fields.Add(protoMQTT, "mqtt.willmsg", "Will Message", field.Bytes)
	hfMQTTUserLen      = Fields.Add(protoMQTT, "mqtt.username_len", "User Name Length", field.Uint16)
	hfMQTTUser         = Fields.Add(protoMQTT, "mqtt.username", "User Name", field.String)
	hfMQTTPasswdLen    = Fields.Add(protoMQTT, "mqtt.passwd_len", "Password Length", field.Uint16)
	hfMQTTPasswd       = Fields.Add(protoMQTT, "mqtt.passwd", "Password", field.String)
	hfMQTTConAckFlags  = Fields.Add(protoMQTT, "mqtt.conack.flags", "Acknowledge Flags", field.Uint8, field.WithBase(field.Hex))
	hfMQTTConAckRes    = mqttBool("mqtt.conack.flags.reserved", "Reserved", 0xfe)
	hfMQTTConAckSP     = mqttBool("mqtt.conack.flags.sp", "Session Present", 0x01)
	hfMQTTConAckVal    = Fields.Add(protoMQTT, "mqtt.conack.val", "Return Code", field.Uint8, mqttNames("mqtt.conack.val"))
	hfMQTTMsgID        = Fields.Add(protoMQTT, "mqtt.msgid", "Message Identifier", field.Uint16)
	hfMQTTSubQoS       = Fields.Add(protoMQTT, "mqtt.sub.qos", "Requested QoS", field.Uint8, mqttNames("mqtt.sub.qos"))
	hfMQTTSubAckQoS    = Fields.Add(protoMQTT, "mqtt.suback.qos", "Granted QoS", field.Uint8, mqttNames("mqtt.suback.qos"))
	hfMQTTTopicLen     = Fields.Add(protoMQTT, "mqtt.topic_len", "Topic Length", field.Uint16)
	hfMQTTTopic        = Fields.Add(protoMQTT, "mqtt.topic", "Topic", field.String)
	hfMQTTMsg          = Fields.Add(protoMQTT, "mqtt.msg", "Message", field.Bytes)
	hfMQTTSubOpts      = Fields.Add(protoMQTT, "mqtt.subscription_options", "Subscription Options", field.Uint8, field.WithBase(field.Hex))
	hfMQTTSubOptQoS    = Fields.Add(protoMQTT, "mqtt.subscription_options_qos", "QoS", field.Uint8, field.WithMask(0x03), mqttNames("mqtt.subscription_options_qos"))
	hfMQTTSubOptNL     = mqttBool("mqtt.subscription_options_nl", "No Local", 0x04)
	hfMQTTSubOptRAP    = mqttBool("mqtt.subscription_options_rap", "Retain As Published", 0x08)
	hfMQTTSubOptRetain = Fields.Add(protoMQTT, "mqtt.subscription_options_retain", "Retain Handling", field.Uint8, field.WithMask(0x30), mqttNames("mqtt.subscription_options_retain"))
	hfMQTTSubOptRes    = Fields.Add(protoMQTT, "mqtt.subscription_options_reserved", "Reserved", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xc0))
	hfMQTTProperties   = Fields.Add(protoMQTT, "mqtt.properties", "Properties", field.None)
	hfMQTTWillProps    = Fields.Add(protoMQTT, "mqtt.will_properties", "Will Properties", field.None)
	hfMQTTPropLen      = Fields.Add(protoMQTT, "mqtt.property_len", "Total Length", field.Uint64)
	hfMQTTPropID       = Fields.Add(protoMQTT, "mqtt.property_id", "ID", field.Uint8, field.WithBase(field.Hex), mqttNames("mqtt.property_id"))
	hfMQTTPropNumber   = Fields.Add(protoMQTT, "mqtt.prop_number", "Value", field.Uint32)
	hfMQTTPropTopicAl  = Fields.Add(protoMQTT, "mqtt.property.topic_alias", "Topic Alias", field.Uint16)
	hfMQTTPropMaxQoS   = Fields.Add(protoMQTT, "mqtt.property.max_qos", "QoS", field.Uint8)
	hfMQTTPropStrLen   = Fields.Add(protoMQTT, "mqtt.prop_string_len", "Length", field.Uint32)
	hfMQTTPropStr      = Fields.Add(protoMQTT, "mqtt.prop_string", "Value", field.String)
	hfMQTTPropKeyLen   = Fields.Add(protoMQTT, "mqtt.prop_key_len", "Key Length", field.Uint32)
	hfMQTTPropKey      = Fields.Add(protoMQTT, "mqtt.prop_key", "Key", field.String)
	hfMQTTPropValLen   = Fields.Add(protoMQTT, "mqtt.prop_value_len", "Value Length", field.Uint32)
	hfMQTTPropVal      = Fields.Add(protoMQTT, "mqtt.prop_value", "Value", field.String)
	hfMQTTReason       = map[int]field.ID{}

	handleMQTT = &Handle{Name: "mqtt", Fn: dissectMQTT}
)

func init() {
	for typ, name := range map[int]string{mqttConnAck: "connack", mqttPubAck: "puback", mqttPubRec: "pubrec",
		mqttPubRel: "pubrel", mqttPubComp: "pubcomp", mqttSubAck: "suback", mqttUnsubAck: "unsuback",
		mqttDisconnect: "disconnect", mqttAuth: "auth"} {
		abbrev := "mqtt." + name + ".reason_code"
		hfMQTTReason[typ] = Fields.Add(protoMQTT, abbrev, "Reason Code", field.Uint8, mqttNames(abbrev))
	}
	RegisterShortName(protoMQTT, "MQTT")
	TCPPort.Add(1883, handleMQTT)
	RegisterTCPPDUs(handleMQTT, mqttPDULen)
}

// mqttVarint reads MQTT's variable byte integer at o: value and size (0 when cut or too long).
func mqttVarint(t Tvb, o int) (uint64, int) {
	var v uint64
	for i := 0; i < 4; i++ {
		if !t.Has(o+i, 1) {
			return 0, 0
		}
		b := t.B[o+i]
		v |= uint64(b&0x7f) << (7 * i)
		if b&0x80 == 0 {
			return v, i + 1
		}
	}
	return 0, 0
}

func mqttPDULen(c *Ctx, t Tvb, _ *PDUScan) int {
	if t.Len() < 2 {
		return NeedMore
	}
	v, n := mqttVarint(t, 1)
	if n == 0 {
		if t.Len() < 5 {
			return NeedMore
		}
		return 0
	}
	return 1 + n + int(v)
}

// mqttState keeps each connection's protocol version and, per frame, the version in force.
type mqttState struct {
	convs  map[textConvKey]uint8
	frames map[uint32]uint8
}

var mqttSlot = newStateSlot(func() any {
	return &mqttState{convs: map[textConvKey]uint8{}, frames: map[uint32]uint8{}}
})

func dissectMQTT(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("MQTT")
	hdr := t.U8(0)
	typ := int(hdr >> 4)
	st := c.State.slot(mqttSlot).(*mqttState)
	k, _ := c.conversationKey()
	var ver uint8
	if c.Pass1 {
		if typ == mqttConnect && t.Has(2, 1) {
			if l, n := mqttVarint(t, 1); n > 0 && l >= 7 {
				pl := int(t.U16(1 + n))
				if t.Has(1+n+2+pl, 1) {
					st.convs[k] = t.U8(1 + n + 2 + pl)
				}
			}
		}
		ver = st.convs[k]
		st.frames[c.Frame.Number] = ver
	} else {
		ver = st.frames[c.Frame.Number]
	}
	v5 := ver == 5
	typeName := tsharkValues["mqtt.msgtype"][uint64(typ)]
	tree := c.AddProto(parent, protoMQTT, t, 0, -1)
	c.Label(tree, "MQ Telemetry Transport Protocol, %s", typeName)
	if c.MorePDU {
		c.AppendInfo(", ")
	} else {
		c.ClearInfo()
	}
	c.AppendInfo(typeName)

	hf, _ := c.AddUint(tree, hfMQTTHdrFlags, t, 0, 1)
	hfLabel := "Header Flags: 0x" + hex2(hdr) + ", Message Type: " + typeName
	c.AddUint(hf, hfMQTTMsgType, t, 0, 1)
	qos := int(hdr>>1) & 3
	if typ == mqttPublish {
		c.AddUint(hf, hfMQTTDup, t, 0, 1)
		c.AddUint(hf, hfMQTTQoS, t, 0, 1)
		c.AddUint(hf, hfMQTTRetain, t, 0, 1)
		hfLabel += ", QoS Level: " + tsharkValues["mqtt.qos"][uint64(qos)]
		if hdr&0x08 != 0 {
			hfLabel += ", Duplicate"
		}
		if hdr&0x01 != 0 {
			hfLabel += ", Retain"
		}
	} else {
		c.AddUint(hf, hfMQTTHdrReserved, t, 0, 1)
	}
	c.Label(hf, "%s", hfLabel)
	mlen, n := mqttVarint(t, 1)
	c.AddUintV(tree, hfMQTTLen, t, 1, n, mlen)
	o := 1 + n
	end := o + int(mlen)
	if end > t.Len() {
		end = t.Len()
	}
	body := t.SubLen(0, end)
	switch typ {
	case mqttConnect:
		c.mqttConnect(tree, body, o)
	case mqttConnAck:
		fl, _ := c.AddUint(tree, hfMQTTConAckFlags, body, o, 1)
		c.AddUint(fl, hfMQTTConAckRes, body, o, 1)
		c.AddUint(fl, hfMQTTConAckSP, body, o, 1)
		if v5 {
			c.AddUint(tree, hfMQTTReason[typ], body, o+1, 1)
			c.mqttProperties(tree, hfMQTTProperties, body, o+2)
		} else {
			c.AddUint(tree, hfMQTTConAckVal, body, o+1, 1)
		}
	case mqttPublish:
		tl := int(body.U16(o))
		c.AddUint(tree, hfMQTTTopicLen, body, o, 2)
		c.addASCII(tree, hfMQTTTopic, body, o+2, tl)
		topic := string(asciiString(body.Bytes(o+2, tl)))
		o += 2 + tl
		if qos > 0 {
			_, id := c.AddUint(tree, hfMQTTMsgID, body, o, 2)
			c.AppendInfo(" (id=" + strconv.FormatUint(id, 10) + ")")
			o += 2
		}
		c.AppendInfo(" [" + topic + "]")
		if v5 {
			o = c.mqttProperties(tree, hfMQTTProperties, body, o)
		}
		if o < end {
			c.AddBytes(tree, hfMQTTMsg, body, o, end-o)
		}
	case mqttPubAck, mqttPubRec, mqttPubRel, mqttPubComp, mqttUnsubAck:
		_, id := c.AddUint(tree, hfMQTTMsgID, body, o, 2)
		c.AppendInfo(" (id=" + strconv.FormatUint(id, 10) + ")")
		o += 2
		if v5 && o < end {
			if typ == mqttUnsubAck {
				o = c.mqttProperties(tree, hfMQTTProperties, body, o)
				for ; o < end; o++ {
					c.AddUint(tree, hfMQTTReason[typ], body, o, 1)
				}
			} else {
				c.AddUint(tree, hfMQTTReason[typ], body, o, 1)
				if o+1 < end {
					c.mqttProperties(tree, hfMQTTProperties, body, o+1)
				}
			}
		}
	case mqttSubscribe, mqttUnsubscribe:
		_, id := c.AddUint(tree, hfMQTTMsgID, body, o, 2)
		c.AppendInfo(" (id=" + strconv.FormatUint(id, 10) + ")")
		o += 2
		if v5 {
			o = c.mqttProperties(tree, hfMQTTProperties, body, o)
		}
		var topics []string
		for o+2 <= end {
			tl := int(body.U16(o))
			c.AddUint(tree, hfMQTTTopicLen, body, o, 2)
			c.addASCII(tree, hfMQTTTopic, body, o+2, tl)
			topics = append(topics, string(asciiString(body.Bytes(o+2, tl))))
			o += 2 + tl
			if typ == mqttSubscribe && o < end {
				if v5 {
					so, _ := c.AddUint(tree, hfMQTTSubOpts, body, o, 1)
					for _, f := range []field.ID{hfMQTTSubOptQoS, hfMQTTSubOptNL, hfMQTTSubOptRAP, hfMQTTSubOptRetain, hfMQTTSubOptRes} {
						c.AddUint(so, f, body, o, 1)
					}
				} else {
					c.AddUint(tree, hfMQTTSubQoS, body, o, 1)
				}
				o++
			}
		}
		c.AppendInfo(" [" + strings.Join(topics, ", ") + "]")
	case mqttSubAck:
		_, id := c.AddUint(tree, hfMQTTMsgID, body, o, 2)
		c.AppendInfo(" (id=" + strconv.FormatUint(id, 10) + ")")
		o += 2
		if v5 {
			o = c.mqttProperties(tree, hfMQTTProperties, body, o)
		}
		for ; o < end; o++ {
			if v5 {
				c.AddUint(tree, hfMQTTReason[typ], body, o, 1)
			} else {
				c.AddUint(tree, hfMQTTSubAckQoS, body, o, 1)
			}
		}
	case mqttDisconnect, mqttAuth:
		if v5 && o < end {
			c.AddUint(tree, hfMQTTReason[typ], body, o, 1)
			if o+1 < end {
				c.mqttProperties(tree, hfMQTTProperties, body, o+1)
			}
		}
	}
}

func (c *Ctx) mqttConnect(tree int32, t Tvb, o int) {
	pl := int(t.U16(o))
	c.AddUint(tree, hfMQTTProtoLen, t, o, 2)
	c.addASCII(tree, hfMQTTProtoName, t, o+2, pl)
	o += 2 + pl
	_, ver := c.AddUint(tree, hfMQTTVer, t, o, 1)
	flags := t.U8(o + 1)
	fl, _ := c.AddUint(tree, hfMQTTConFlags, t, o+1, 1)
	lbl := "Connect Flags: 0x" + hex2(flags)
	for _, b := range []struct {
		hf   field.ID
		mask uint8
		name string
	}{{hfMQTTCFUname, 0x80, "User Name Flag"}, {hfMQTTCFPasswd, 0x40, "Password Flag"}, {hfMQTTCFRetain, 0x20, "Will Retain"},
		{hfMQTTCFQoS, 0x18, ""}, {hfMQTTCFWill, 0x04, "Will Flag"}, {hfMQTTCFClean, 0x02, "Clean Session Flag"},
		{hfMQTTCFReserved, 0x01, ""}} {
		c.AddUint(fl, b.hf, t, o+1, 1)
		switch {
		case b.mask == 0x18:
			lbl += ", QoS Level: " + tsharkValues["mqtt.conflag.qos"][uint64(flags&0x18>>3)]
		case b.name != "" && flags&b.mask != 0:
			lbl += ", " + b.name
		}
	}
	c.Label(fl, "%s", lbl)
	c.AddUint(tree, hfMQTTKeepAlive, t, o+2, 2)
	o += 4
	if ver == 5 {
		o = c.mqttProperties(tree, hfMQTTProperties, t, o)
	}
	str := func(hfLen, hf field.ID) {
		if !t.Has(o, 2) {
			return
		}
		l := int(t.U16(o))
		c.AddUint(tree, hfLen, t, o, 2)
		if hf == hfMQTTWillMsg {
			c.AddBytes(tree, hf, t, o+2, l)
		} else {
			c.addASCII(tree, hf, t, o+2, l)
		}
		o += 2 + l
	}
	str(hfMQTTClientIDLen, hfMQTTClientID)
	if flags&0x04 != 0 {
		if ver == 5 {
			o = c.mqttProperties(tree, hfMQTTWillProps, t, o)
		}
		str(hfMQTTWillTopicLen, hfMQTTWillTopic)
		str(hfMQTTWillMsgLen, hfMQTTWillMsg)
	}
	if flags&0x80 != 0 {
		str(hfMQTTUserLen, hfMQTTUser)
	}
	if flags&0x40 != 0 {
		str(hfMQTTPasswdLen, hfMQTTPasswd)
	}
}

// mqttPropKind is how a v5 property's value is encoded.
type mqttPropKind uint8

const (
	mqttPropByte mqttPropKind = iota
	mqttPropU16
	mqttPropU32
	mqttPropVarint
	mqttPropString
	mqttPropBinary
	mqttPropPair
)

var mqttPropKinds = map[uint8]mqttPropKind{0x01: mqttPropByte, 0x02: mqttPropU32, 0x03: mqttPropString,
	0x08: mqttPropString, 0x09: mqttPropBinary, 0x0b: mqttPropVarint, 0x11: mqttPropU32, 0x12: mqttPropString,
	0x13: mqttPropU16, 0x15: mqttPropString, 0x16: mqttPropBinary, 0x17: mqttPropByte, 0x18: mqttPropU32,
	0x19: mqttPropByte, 0x1a: mqttPropString, 0x1c: mqttPropString, 0x1f: mqttPropString, 0x21: mqttPropU16,
	0x22: mqttPropU16, 0x23: mqttPropU16, 0x24: mqttPropByte, 0x25: mqttPropByte, 0x26: mqttPropPair,
	0x27: mqttPropU32, 0x28: mqttPropByte, 0x29: mqttPropByte, 0x2a: mqttPropByte}

// mqttProperties adds a v5 property list at o and returns the offset after it.
func (c *Ctx) mqttProperties(tree int32, hf field.ID, t Tvb, o int) int {
	total, n := mqttVarint(t, o)
	if n == 0 {
		return t.Len()
	}
	end := o + n + int(total)
	props := c.AddProto(tree, hf, t, o, n+int(total))
	c.AddUintV(props, hfMQTTPropLen, t, o, n, total)
	p := o + n
	for p < end && t.Has(p, 1) {
		id := t.U8(p)
		c.AddUint(props, hfMQTTPropID, t, p, 1)
		p++
		switch mqttPropKinds[id] {
		case mqttPropByte:
			hfv := hfMQTTPropNumber
			if id == 0x24 {
				hfv = hfMQTTPropMaxQoS
			}
			c.AddUint(props, hfv, t, p, 1)
			p++
		case mqttPropU16:
			hfv := hfMQTTPropNumber
			if id == 0x23 {
				hfv = hfMQTTPropTopicAl
			}
			c.AddUint(props, hfv, t, p, 2)
			p += 2
		case mqttPropU32:
			c.AddUint(props, hfMQTTPropNumber, t, p, 4)
			p += 4
		case mqttPropVarint:
			v, vn := mqttVarint(t, p)
			c.AddUintV(props, hfMQTTPropNumber, t, p, vn, v)
			p += max(vn, 1)
		case mqttPropString, mqttPropBinary:
			l := int(t.U16(p))
			c.AddUintV(props, hfMQTTPropStrLen, t, p, 2, uint64(l))
			c.addASCII(props, hfMQTTPropStr, t, p+2, l)
			p += 2 + l
		case mqttPropPair:
			kl := int(t.U16(p))
			c.AddUintV(props, hfMQTTPropKeyLen, t, p, 2, uint64(kl))
			c.addASCII(props, hfMQTTPropKey, t, p+2, kl)
			p += 2 + kl
			vl := int(t.U16(p))
			c.AddUintV(props, hfMQTTPropValLen, t, p, 2, uint64(vl))
			c.addASCII(props, hfMQTTPropVal, t, p+2, vl)
			p += 2 + vl
		}
	}
	return end
}
