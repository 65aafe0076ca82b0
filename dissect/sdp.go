package dissect

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
)

// SDP (Wireshark's packet-sdp.c), carried in SIP bodies: each line as a field with its parts, and,
// as Wireshark does, the media it announces sets up RTP and RTCP conversations (rtp.go): the
// connection address with the media port carries RTP, the port above it RTCP.

var sdpLineFields = map[byte]struct{ abbrev, name string }{
	'v': {"sdp.version", "Session Description Protocol Version (v)"},
	'o': {"sdp.owner", "Owner/Creator, Session Id (o)"},
	's': {"sdp.session_name", "Session Name (s)"},
	'c': {"sdp.connection_info", "Connection Information (c)"},
	't': {"sdp.time", "Time Description, active time (t)"},
	'm': {"sdp.media", "Media Description, name and address (m)"},
}

var (
	protoSDP          = Fields.Protocol("sdp", "Session Description Protocol")
	hfSDPLine         = map[byte]field.ID{}
	hfSDPSessionAttr  = Fields.Add(protoSDP, "sdp.session_attr", "Session Attribute (a)", field.String)
	hfSDPMediaAttr    = Fields.Add(protoSDP, "sdp.media_attr", "Media Attribute (a)", field.String)
	hfSDPUnknown      = Fields.Add(protoSDP, "sdp.unknown", "Unknown", field.String)
	hfSDPOwnerUser    = Fields.Add(protoSDP, "sdp.owner.username", "Owner Username", field.String)
	hfSDPOwnerSession = Fields.Add(protoSDP, "sdp.owner.sessionid", "Session ID", field.String)
	hfSDPOwnerVersion = Fields.Add(protoSDP, "sdp.owner.version", "Session Version", field.String)
	hfSDPOwnerNet     = Fields.Add(protoSDP, "sdp.owner.network_type", "Owner Network Type", field.String)
	hfSDPOwnerAType   = Fields.Add(protoSDP, "sdp.owner.address_type", "Owner Address Type", field.String)
	hfSDPOwnerAddr    = Fields.Add(protoSDP, "sdp.owner.address", "Owner Address", field.String)
	hfSDPConnNet      = Fields.Add(protoSDP, "sdp.connection_info.network_type", "Connection Network Type", field.String)
	hfSDPConnAType    = Fields.Add(protoSDP, "sdp.connection_info.address_type", "Connection Address Type", field.String)
	hfSDPConnAddr     = Fields.Add(protoSDP, "sdp.connection_info.address", "Connection Address", field.String)
	hfSDPTimeStart    = Fields.Add(protoSDP, "sdp.time.start", "Session Start Time", field.String)
	hfSDPTimeStop     = Fields.Add(protoSDP, "sdp.time.stop", "Session Stop Time", field.String)
	hfSDPSAttrField   = Fields.Add(protoSDP, "sdp.session_attr.field", "Session Attribute Fieldname", field.String)
	hfSDPSAttrValue   = Fields.Add(protoSDP, "sdp.session_attr.value", "Session Attribute Value", field.String)
	hfSDPMediaMedia   = Fields.Add(protoSDP, "sdp.media.media", "Media Type", field.String)
	hfSDPMediaPort    = Fields.Add(protoSDP, "sdp.media.port", "Media Port", field.Uint16)
	hfSDPMediaProto   = Fields.Add(protoSDP, "sdp.media.proto", "Media Protocol", field.String)
	hfSDPMediaFormat  = Fields.Add(protoSDP, "sdp.media.format", "Media Format", field.String)
	hfSDPMAttrField   = Fields.Add(protoSDP, "sdp.media_attribute.field", "Media Attribute Fieldname", field.String)
	hfSDPMAttrValue   = Fields.Add(protoSDP, "sdp.media_attribute.value", "Media Attribute Value", field.String)
	hfSDPMimeType     = Fields.Add(protoSDP, "sdp.mime.type", "MIME Type", field.String)
	hfSDPSampleRate   = Fields.Add(protoSDP, "sdp.sample_rate", "Sample Rate", field.String)
	hfSDPFmtpParam    = Fields.Add(protoSDP, "sdp.fmtp.parameter", "Media format specific parameters", field.String)
)

func init() {
	for k, f := range sdpLineFields {
		hfSDPLine[k] = Fields.Add(protoSDP, f.abbrev, f.name, field.String)
	}
	RegisterShortName(protoSDP, "SDP")
}

// dissectSDP dissects a session description carried in a SIP message with Call-ID callID.
func (c *Ctx) dissectSDP(parent int32, t Tvb, callID string, setupFrame uint32) {
	top := c.AddProto(parent, protoSDP, t, 0, -1)
	var sessAddr string
	var media []sdpMedia
	rtpmap := map[string]string{} // payload type -> encoding name
	inMedia := false
	for o := 0; o < t.Len(); {
		ll, nx, _ := t.LineEnd(o)
		if ll < 2 || t.B[o+1] != '=' {
			if ll > 0 {
				c.AddString(top, hfSDPUnknown, t, o, ll, string(t.B[o:o+ll]))
			}
			o = nx
			continue
		}
		typ, v, vo := t.B[o], string(t.B[o+2:o+ll]), o+2
		var node int32
		switch {
		case typ == 'a' && inMedia:
			node = c.AddString(top, hfSDPMediaAttr, t, o, ll, v)
		case typ == 'a':
			node = c.AddString(top, hfSDPSessionAttr, t, o, ll, v)
		case hfSDPLine[typ] != 0:
			node = c.AddString(top, hfSDPLine[typ], t, o, ll, v)
		default:
			c.AddString(top, hfSDPUnknown, t, o, ll, string(t.B[o:o+ll]))
			o = nx
			continue
		}
		words, offs := sdpWords(v)
		add := func(hf field.ID, i int) {
			if i < len(words) {
				c.AddString(node, hf, t, vo+offs[i], len(words[i]), words[i])
			}
		}
		switch typ {
		case 'o':
			for i, hf := range []field.ID{hfSDPOwnerUser, hfSDPOwnerSession, hfSDPOwnerVersion, hfSDPOwnerNet, hfSDPOwnerAType, hfSDPOwnerAddr} {
				add(hf, i)
			}
		case 'c':
			add(hfSDPConnNet, 0)
			add(hfSDPConnAType, 1)
			add(hfSDPConnAddr, 2)
			if len(words) > 2 {
				addr, _, _ := strings.Cut(words[2], "/")
				if inMedia && len(media) > 0 {
					media[len(media)-1].addr = addr
				} else {
					sessAddr = addr
				}
			}
		case 't':
			add(hfSDPTimeStart, 0)
			add(hfSDPTimeStop, 1)
		case 'm':
			inMedia = true
			add(hfSDPMediaMedia, 0)
			var port uint64
			if len(words) > 1 {
				ps, _, _ := strings.Cut(words[1], "/")
				port, _ = strconv.ParseUint(ps, 10, 16)
				c.AddUintV(node, hfSDPMediaPort, t, vo+offs[1], len(ps), port)
			}
			add(hfSDPMediaProto, 2)
			proto := ""
			if len(words) > 2 {
				proto = words[2]
			}
			media = append(media, sdpMedia{port: uint16(port), proto: proto})
			for i := 3; i < len(words); i++ {
				name := words[i]
				if strings.Contains(proto, "RTP") {
					name = sdpFormatName(words[i], rtpmap)
				}
				c.AddString(node, hfSDPMediaFormat, t, vo+offs[i], len(words[i]), name)
			}
		case 'a':
			name, val, hasVal := strings.Cut(v, ":")
			if !hasVal {
				break
			}
			fieldHF, valueHF := hfSDPSAttrField, hfSDPSAttrValue
			if inMedia {
				fieldHF, valueHF = hfSDPMAttrField, hfSDPMAttrValue
			}
			c.AddString(node, fieldHF, t, vo, len(name), name)
			valO := vo + len(name) + 1
			switch name {
			case "rtpmap":
				pt, enc, _ := strings.Cut(val, " ")
				c.AddString(node, hfSDPMediaFormat, t, valO, len(pt), pt)
				mime, rate, _ := strings.Cut(enc, "/")
				rate, _, _ = strings.Cut(rate, "/")
				c.AddString(node, hfSDPMimeType, t, valO+len(pt)+1, len(mime), mime)
				if rate != "" {
					c.AddString(node, hfSDPSampleRate, t, valO+len(pt)+1+len(mime)+1, len(rate), rate)
				}
				rtpmap[pt] = mime
			case "fmtp":
				pt, params, _ := strings.Cut(val, " ")
				f := c.AddString(node, hfSDPMediaFormat, t, valO, len(pt), pt)
				if mime, ok := rtpmap[pt]; ok {
					c.Label(f, "Media Format: %s [%s]", pt, mime)
				}
				c.AddString(node, hfSDPFmtpParam, t, valO+len(pt)+1, len(params), params)
			default:
				c.AddString(node, valueHF, t, valO, len(val), val)
			}
		}
		o = nx
	}
	if callID != "" {
		c.AddGenerated(top, hfSIPCallIDGen, t, 0, 0, field.Value{B: []byte(callID)})
	}
	if c.Pass1 {
		for _, m := range media {
			addr := m.addr
			if addr == "" {
				addr = sessAddr
			}
			a, err := netip.ParseAddr(addr)
			if err != nil || m.port == 0 || !strings.Contains(m.proto, "RTP") {
				continue
			}
			c.rtpSetup(a, m.port, callID, setupFrame)
		}
	}
}

type sdpMedia struct {
	addr  string
	port  uint16
	proto string
}

// sdpWords splits a line's value at spaces, with each word's offset.
func sdpWords(v string) ([]string, []int) {
	var words []string
	var offs []int
	for i := 0; i < len(v); {
		for i < len(v) && v[i] == ' ' {
			i++
		}
		j := i
		for j < len(v) && v[j] != ' ' {
			j++
		}
		if j > i {
			words = append(words, v[i:j])
			offs = append(offs, i)
		}
		i = j
	}
	return words, offs
}

// sdpFormatName names an RTP payload type of an m= line as Wireshark does.
func sdpFormatName(pt string, rtpmap map[string]string) string {
	n, err := strconv.Atoi(pt)
	if err != nil {
		return pt
	}
	if n >= 96 && n <= 127 {
		return "DynamicRTP-Type-" + pt
	}
	if name, ok := rtpPayloadNames[uint64(n)]; ok {
		return name
	}
	return pt
}
