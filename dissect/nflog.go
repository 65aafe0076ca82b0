package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// Linux netfilter NFLOG (LINKTYPE_NFLOG, 239; Wireshark's packet-nflog.c): family, version and
// resource id, then type-length-value attributes (host byte order lengths and types, padded to 4
// bytes); the NFULA_PAYLOAD attribute holds the logged IPv4 or IPv6 packet.

var (
	protoNFLog         = Fields.Protocol("nflog", "Linux Netfilter NFLOG")
	hfNFLogFamily      = Fields.Add(protoNFLog, "nflog.family", "Family", field.Uint8, field.WithStrings(map[uint64]string{2: "IPv4", 10: "IPv6", 0: "Unspecified"}))
	hfNFLogVersion     = Fields.Add(protoNFLog, "nflog.version", "Version", field.Uint8)
	hfNFLogResID       = Fields.Add(protoNFLog, "nflog.res_id", "Resource id", field.Uint16)
	hfNFLogTLV         = Fields.Add(protoNFLog, "nflog.tlv", "TLV", field.Bytes)
	hfNFLogTLVLength   = Fields.Add(protoNFLog, "nflog.tlv_length", "Length", field.Uint16, field.WithBlurb("TLV Length"))
	hfNFLogTLVType     = Fields.Add(protoNFLog, "nflog.tlv_type", "Type", field.Uint16, field.WithMask(0x7fff), field.WithStrings(nflogTypeVals), field.WithBlurb("TLV Type"))
	hfNFLogProtocol    = Fields.Add(protoNFLog, "nflog.protocol", "HW protocol", field.Uint16, field.WithBase(field.Hex), field.WithStrings(etypeVals))
	hfNFLogHook        = Fields.Add(protoNFLog, "nflog.hook", "Netfilter hook", field.Uint8, field.WithStrings(map[uint64]string{0: "Pre-routing", 1: "Local in", 2: "Forward", 3: "Local out", 4: "Post-routing"}))
	hfNFLogIfIndev     = Fields.Add(protoNFLog, "nflog.ifindex_indev", "IFINDEX_INDEV", field.Uint32)
	hfNFLogIfOutdev    = Fields.Add(protoNFLog, "nflog.ifindex_outdev", "IFINDEX_OUTDEV", field.Uint32)
	hfNFLogIfPhysIndev = Fields.Add(protoNFLog, "nflog.ifindex_physindev", "IFINDEX_PHYSINDEV", field.Uint32)
	hfNFLogIfPhysOut   = Fields.Add(protoNFLog, "nflog.ifindex_physoutdev", "IFINDEX_PHYSOUTDEV", field.Uint32)
	hfNFLogPrefix      = Fields.Add(protoNFLog, "nflog.prefix", "Prefix", field.StringZ, field.WithBlurb("TLV Prefix Value"))
	hfNFLogUID         = Fields.Add(protoNFLog, "nflog.uid", "UID", field.Int32, field.WithBlurb("TLV UID Value"))
	hfNFLogGID         = Fields.Add(protoNFLog, "nflog.gid", "GID", field.Int32, field.WithBlurb("TLV GID Value"))
	hfNFLogTimestamp   = Fields.Add(protoNFLog, "nflog.timestamp", "Timestamp", field.AbsTime, field.WithBase(field.TimeLocal), field.WithBlurb("TLV Timestamp Value"))
	hfNFLogTLVValue    = Fields.Add(protoNFLog, "nflog.tlv_value", "Value", field.Bytes, field.WithBlurb("TLV Value"))
)

var nflogTypeVals = map[uint64]string{1: "NFULA_PACKET_HDR", 2: "NFULA_MARK", 3: "NFULA_TIMESTAMP", 4: "NFULA_IFINDEX_INDEV",
	5: "NFULA_IFINDEX_OUTDEV", 6: "NFULA_IFINDEX_PHYSINDEV", 7: "NFULA_IFINDEX_PHYSOUTDEV", 8: "NFULA_HWADDR",
	9: "NFULA_PAYLOAD", 10: "NFULA_PREFIX", 11: "NFULA_UID", 12: "NFULA_SEQ", 13: "NFULA_SEQ_GLOBAL", 14: "NFULA_GID",
	15: "NFULA_HWTYPE", 16: "NFULA_HWHEADER", 17: "NFULA_HWLEN", 18: "NFULA_CT", 19: "NFULA_CT_INFO"}

func init() {
	RegisterShortName(protoNFLog, "NFLOG")
	LinkTypes.Add(239, &Handle{Name: "nflog", Fn: dissectNFLog})
	RegisterEncap(239, 141, "NFLOG")
}

func dissectNFLog(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("NFLOG")
	p := c.AddProto(parent, protoNFLog, t, 0, -1)
	_, fam := c.AddUint(p, hfNFLogFamily, t, 0, 1)
	c.AddUint(p, hfNFLogVersion, t, 1, 1)
	c.AddUint(p, hfNFLogResID, t, 2, 2)
	var payload Tvb
	has := false
	for o := 4; o+4 <= t.Len(); {
		l := int(t.U16LE(o))
		typ := uint64(t.U16LE(o+2) & 0x7fff)
		if l < 4 {
			break
		}
		n := c.AddBytes(p, hfNFLogTLV, t, o, min(l, t.Len()-o))
		if c.Visible() {
			name := nflogTypeVals[typ]
			if name == "" {
				name = "Unknown"
			}
			c.T.SetLabel(n, "TLV Type: "+name+" ("+strconv.FormatUint(typ, 10)+"), Length: "+strconv.Itoa(l))
		}
		c.AddUintLE(n, hfNFLogTLVLength, t, o, 2)
		c.AddUintLE(n, hfNFLogTLVType, t, o+2, 2)
		v, vl := o+4, l-4
		switch typ {
		case 1:
			c.AddUint(n, hfNFLogProtocol, t, v, 2)
			c.AddUint(n, hfNFLogHook, t, v+2, 1)
		case 4, 5, 6, 7:
			hf := [...]field.ID{hfNFLogIfIndev, hfNFLogIfOutdev, hfNFLogIfPhysIndev, hfNFLogIfPhysOut}[typ-4]
			c.AddUint(n, hf, t, v, 4)
		case 3:
			sec, usec := t.U64(v), t.U64(v+8)
			c.Add(n, hfNFLogTimestamp, t, v, 16, field.Value{I: int64(sec)*1e9 + int64(usec)*1e3})
		case 10:
			s := t.Bytes(v, vl)
			if i := indexZero(s); i >= 0 {
				s = s[:i]
			}
			c.AddBytesV(n, hfNFLogPrefix, t, v, vl, s)
		case 11:
			c.AddIntV(n, hfNFLogUID, t, v, 4, int64(int32(t.U32(v))))
		case 14:
			c.AddIntV(n, hfNFLogGID, t, v, 4, int64(int32(t.U32(v))))
		case 9:
			payload, has = t.SubLen(v, vl), true
		default:
			if vl > 0 {
				c.AddBytes(n, hfNFLogTLVValue, t, v, min(vl, t.Len()-v))
			}
		}
		o += (l + 3) &^ 3
	}
	if !has {
		return
	}
	et := map[uint64]uint64{2: 0x0800, 10: 0x86dd}[fam]
	if et != 0 && c.TryTable(EtherType, et, payload, parent) {
		return
	}
	c.CallData(payload, parent)
}
