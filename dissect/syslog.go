package dissect

import (
	"strconv"
	"strings"
	"time"

	"github.com/tshark-tui/tshark-tui/field"
)

// Syslog over UDP 514 (RFC 3164 and RFC 5424 messages), as Wireshark 4.0's packet-syslog.c shows
// it: the priority split into facility and level, and the message's header fields.

var (
	protoSyslog      = Fields.Protocol("syslog", "Syslog message")
	hfSyslogFacility = Fields.Add(protoSyslog, "syslog.facility", "Facility", field.Uint8, field.WithMask(0x3f8), field.WithStrings(syslogFacilityVals), field.WithBlurb("Message facility"))
	hfSyslogLevel    = Fields.Add(protoSyslog, "syslog.level", "Level", field.Uint8, field.WithMask(0x7), field.WithStrings(syslogLevelVals), field.WithBlurb("Message level"))
	hfSyslogMsg      = Fields.Add(protoSyslog, "syslog.msg", "Message", field.String, field.WithBlurb("Message Text"))
	hfSyslogVersion  = Fields.Add(protoSyslog, "syslog.version", "Syslog version", field.String)
	hfSyslogTime     = Fields.Add(protoSyslog, "syslog.timestamp", "Syslog timestamp", field.AbsTime, field.WithBase(field.TimeUTC))
	hfSyslogTime3164 = Fields.Add(protoSyslog, "syslog.timestamp_rfc3164", "Syslog timestamp (RFC3164)", field.String)
	hfSyslogHost     = Fields.Add(protoSyslog, "syslog.hostname", "Syslog hostname", field.String)
	hfSyslogApp      = Fields.Add(protoSyslog, "syslog.appname", "Syslog app name", field.String)
	hfSyslogProcID   = Fields.Add(protoSyslog, "syslog.procid", "Syslog process id", field.String)
	hfSyslogMsgID    = Fields.Add(protoSyslog, "syslog.msgid", "Syslog message id", field.String)

	handleSyslog = &Handle{Name: "syslog", Fn: dissectSyslog}
)

func init() {
	RegisterShortName(protoSyslog, "Syslog")
	UDPPort.Add(514, handleSyslog)
}

// syslogShort is the upper-case name before " - " of a facility or level ("AUTH", "INFO").
func syslogShort(vals map[uint64]string, v uint64) string {
	s := vals[v]
	if i := strings.Index(s, " - "); i >= 0 {
		s = s[:i]
	}
	return s
}

func dissectSyslog(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("Syslog")
	o, pri := 0, -1
	if t.Len() > 2 && t.U8(0) == '<' {
		for i := 1; i < t.Len() && i <= 4; i++ {
			b := t.U8(i)
			if b == '>' && i > 1 {
				pri, _ = strconv.Atoi(string(t.B[1:i]))
				o = i + 1
				break
			}
			if b < '0' || b > '9' {
				break
			}
		}
	}
	msg := t.Sub(o)
	text := string(field.AppendEscaped(nil, msg.B)) // the Info column shows all of it
	if z := msg.IndexByte(0, 0); z >= 0 {           // the fields' strings end at a NUL
		msg = msg.SubLen(0, z)
	}
	info := text
	if pri >= 0 {
		info = syslogShort(syslogFacilityVals, uint64(pri>>3)) + "." + syslogShort(syslogLevelVals, uint64(pri&7)) + ": " + text
	}
	c.SetInfo(info)
	p := c.AddProto(parent, protoSyslog, t, 0, -1)
	c.Label(p, "Syslog message: %s", info)
	if pri >= 0 {
		c.AddUintV(p, hfSyslogFacility, t, 1, o-2, uint64(pri>>3))
		c.AddUintV(p, hfSyslogLevel, t, 1, o-2, uint64(pri&7))
	}
	m := c.AddBytes(p, hfSyslogMsg, msg, 0, msg.Len())
	if msg.Len() > 2 && msg.B[0] >= '1' && msg.B[0] <= '9' && msg.B[1] == ' ' {
		syslog5424(c, msg, m)
	} else if msg.Len() > 16 && msg.B[15] == ' ' {
		syslog3164(c, msg, m)
	}
}

// syslogToken returns the token at o ending before a space, and the offset after the space.
func syslogToken(t Tvb, o int) (string, int, int) {
	e := t.IndexByte(o, ' ')
	if e < 0 {
		e = t.Len()
	}
	return string(t.B[o:e]), e - o, min(e+1, t.Len())
}

// syslog5424 dissects an RFC 5424 header: VERSION TIMESTAMP HOSTNAME APP-NAME PROCID, then the rest.
func syslog5424(c *Ctx, t Tvb, m int32) {
	o := 0
	v, n, next := syslogToken(t, o)
	c.AddString(m, hfSyslogVersion, t, o, n, v)
	o = next
	ts, n, next := syslogToken(t, o)
	if tm, err := time.Parse(time.RFC3339Nano, ts); err == nil {
		c.Add(m, hfSyslogTime, t, o, n, field.Value{I: tm.UnixNano()})
	}
	o = next
	for _, hf := range []field.ID{hfSyslogHost, hfSyslogApp, hfSyslogProcID} {
		if o >= t.Len() {
			return
		}
		s, n, next := syslogToken(t, o)
		c.AddString(m, hf, t, o, n, s)
		o = next
	}
	if o < t.Len() {
		c.AddBytes(m, hfSyslogMsgID, t, o, t.Len()-o)
	}
}

// syslog3164 dissects an RFC 3164 header: "Mmm dd hh:mm:ss" HOSTNAME TAG, then the rest from ':'.
func syslog3164(c *Ctx, t Tvb, m int32) {
	c.AddBytes(m, hfSyslogTime3164, t, 0, 15)
	o := 16
	h, n, next := syslogToken(t, o)
	c.AddString(m, hfSyslogHost, t, o, n, h)
	o = next
	if o >= t.Len() {
		return
	}
	e := t.IndexByte(o, ':')
	if e < 0 {
		return
	}
	c.AddBytes(m, hfSyslogProcID, t, o, e-o)
	c.AddBytes(m, hfSyslogMsgID, t, e, t.Len()-e)
}
