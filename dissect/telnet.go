package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// Telnet (Wireshark's packet-telnet.c): data lines, IAC commands, option negotiation and the
// common subnegotiations (terminal type, window size, X display, remote flow control).

const telnetIAC = 0xff

var telnetCmdNames = map[uint64]string{
	236: "End of File", 237: "Suspend Current Process", 238: "Abort Process", 239: "End of Record",
	240: "Suboption End", 241: "No Operation", 242: "Data Mark", 243: "Break", 244: "Interrupt Process",
	245: "Abort Output", 246: "Are You There?", 247: "Escape Character", 248: "Erase Line",
	249: "Go Ahead", 250: "Suboption", 251: "Will", 252: "Won't", 253: "Do", 254: "Don't",
}

var telnetRFCNames = map[uint64]string{0: "OFF", 1: "ON", 2: "RESTART-ANY", 3: "RESTART-XON"}

type telnetSubopt uint8

const (
	tnSubNone telnetSubopt = iota
	tnSubString
	tnSubNAWS
	tnSubRFC
)

type telnetOption struct {
	name string
	sub  telnetSubopt
}

// telnetOptions is Wireshark's options[] table, indexed by option code.
var telnetOptions = []telnetOption{
	{"Binary Transmission", 0}, {"Echo", 0}, {"Reconnection", 0}, {"Suppress Go Ahead", 0},
	{"Approx Message Size Negotiation", 0}, {"Status", 0}, {"Timing Mark", 0},
	{"Remote Controlled Trans and Echo", 0}, {"Output Line Width", 0}, {"Output Page Size", 0},
	{"Output Carriage-Return Disposition", 0}, {"Output Horizontal Tab Stops", 0},
	{"Output Horizontal Tab Disposition", 0}, {"Output Formfeed Disposition", 0},
	{"Output Vertical Tabstops", 0}, {"Output Vertical Tab Disposition", 0},
	{"Output Linefeed Disposition", 0}, {"Extended ASCII", 0}, {"Logout", 0}, {"Byte Macro", 0},
	{"Data Entry Terminal", 0}, {"SUPDUP", 0}, {"SUPDUP Output", 0}, {"Send Location", 0},
	{"Terminal Type", tnSubString}, {"End of Record", 0}, {"TACACS User Identification", 0},
	{"Output Marking", 0}, {"Terminal Location Number", 0}, {"TN3270 Regime", 0}, {"X.3 PAD", 0},
	{"Negotiate About Window Size", tnSubNAWS}, {"Terminal Speed", 0}, {"Remote Flow Control", tnSubRFC},
	{"Linemode", 0}, {"X Display Location", tnSubString}, {"Environment Option", 0},
	{"Authentication Option", 0}, {"Encryption Option", 0}, {"New Environment Option", 0},
	{"TN3270E", 0}, {"XAUTH", 0}, {"CHARSET", 0}, {"Remote Serial Port", 0}, {"COM Port Control", 0},
	{"Suppress Local Echo", 0}, {"Start TLS", 0}, {"KERMIT", 0}, {"SEND-URL", 0}, {"FORWARD_X", 0},
}

var (
	protoTelnet         = Fields.Protocol("telnet", "Telnet")
	hfTelnetCmd         = Fields.Add(protoTelnet, "telnet.cmd", "Command", field.Uint8, field.WithStrings(telnetCmdNames))
	hfTelnetSubcmd      = Fields.Add(protoTelnet, "telnet.subcmd", "Subcommand", field.Uint8)
	hfTelnetStringValue = Fields.Add(protoTelnet, "telnet.string_subopt.value", "Value", field.String)
	hfTelnetNAWSWidth   = Fields.Add(protoTelnet, "telnet.naws_subopt.width", "Width", field.Uint16)
	hfTelnetNAWSHeight  = Fields.Add(protoTelnet, "telnet.naws_subopt.height", "Height", field.Uint16)
	hfTelnetRFCCmd      = Fields.Add(protoTelnet, "telnet.rfc_subopt.cmd", "Command", field.Uint8, field.WithStrings(telnetRFCNames))
	hfTelnetData        = Fields.Add(protoTelnet, "telnet.data", "Data", field.String)
	hfTelnetOptionData  = Fields.Add(protoTelnet, "telnet.option_data", "Option data", field.Bytes)
	hfTelnetSubcmdData  = Fields.Add(protoTelnet, "telnet.subcommand_data", "Subcommand data", field.Bytes)

	handleTelnet = &Handle{Name: "telnet", Fn: dissectTelnet}
)

func init() {
	RegisterShortName(protoTelnet, "TELNET")
	TCPPort.Add(23, handleTelnet)
}

func dissectTelnet(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("TELNET")
	c.SetInfo("Telnet Data ...")
	tree := c.AddProto(parent, protoTelnet, t, 0, -1)
	off := 0
	for off < t.Len() {
		iac := t.IndexByte(off, telnetIAC)
		if iac < 0 {
			telnetAddText(c, t, tree, off, t.Len()-off)
			break
		}
		if iac > off {
			telnetAddText(c, t, tree, off, iac-off)
		}
		off = telnetCommand(c, t, tree, iac)
	}
}

// telnetAddText adds data a line at a time; a line ends at LF, CR LF or CR NUL (a lone CR does not end
// a line in Telnet).
func telnetAddText(c *Ctx, t Tvb, tree int32, off, n int) {
	end := off + n
	for off < end {
		next := end
		for i := off; i < end; i++ {
			if t.B[i] == '\n' {
				next = i + 1
				break
			}
			if t.B[i] == '\r' && i+1 < end && (t.B[i+1] == '\n' || t.B[i+1] == 0) {
				next = i + 2
				break
			}
		}
		c.addASCII(tree, hfTelnetData, t, off, next-off)
		off = next
	}
}

func telnetOptName(opt byte) (string, telnetSubopt) {
	if int(opt) < len(telnetOptions) {
		return telnetOptions[opt].name, telnetOptions[opt].sub
	}
	return "<unknown option>", tnSubNone
}

// telnetCommand dissects the IAC command at off and returns the offset after it.
func telnetCommand(c *Ctx, t Tvb, tree int32, start int) int {
	code := t.U8(start + 1)
	cmd := c.AddText(tree, t, start, 2, "Unknown command")
	c.AddUint(cmd, hfTelnetCmd, t, start+1, 1)
	off := start + 2
	switch code {
	case 251, 252, 253, 254:
		opt := t.U8(off)
		name, _ := telnetOptName(opt)
		n := c.AddUintV(cmd, hfTelnetSubcmd, t, off, 1, uint64(opt))
		c.Label(n, "Subcommand: %s", name)
		c.Label(cmd, "%s %s", telnetCmdNames[uint64(code)], name)
		off++
	case 250:
		off = telnetSubOption(c, t, cmd, start)
	default:
		if name, ok := telnetCmdNames[uint64(code)]; ok {
			c.Label(cmd, "%s", name)
		} else {
			c.Label(cmd, "<unknown option>")
		}
	}
	c.T.SetLen(cmd, off-start)
	return off
}

func telnetSubOption(c *Ctx, t Tvb, cmd int32, start int) int {
	off := start + 2
	opt := t.U8(off)
	name, kind := telnetOptName(opt)
	off++
	dataStart := off
	escaped := 0
	cur := off
	for {
		iac := t.IndexByte(cur, telnetIAC)
		if iac < 0 {
			off = t.Len()
			break
		}
		if iac+1 >= t.Len() || t.B[iac+1] != telnetIAC {
			off = iac
			break
		}
		escaped++
		cur = iac + 2
	}
	c.Label(cmd, "Suboption %s", name)
	sub := c.AddUintV(cmd, hfTelnetSubcmd, t, start+2, 1, uint64(opt))
	c.Label(sub, "Subcommand: %s", name)
	n := off - dataStart
	if n <= 0 {
		return off
	}
	data := t.SubLen(dataStart, n)
	if escaped > 0 {
		raw := make([]byte, 0, n)
		for i := 0; i < n; i++ {
			raw = append(raw, data.B[i])
			if data.B[i] == telnetIAC && i+1 < n && data.B[i+1] == telnetIAC {
				i++
			}
		}
		src := uint8(len(c.T.Sources))
		c.T.Sources = append(c.T.Sources, field.Source{Name: "Unescaped", Bytes: raw})
		data = Tvb{B: raw, Src: src}
	}
	switch kind {
	case tnSubString:
		sc := data.U8(0)
		s := c.AddUintV(sub, hfTelnetSubcmd, data, 0, 1, uint64(sc))
		switch sc {
		case 0:
			c.Label(s, "Here's my %s", name)
			if data.Len() > 1 {
				c.addASCII(sub, hfTelnetStringValue, data, 1, data.Len()-1)
			}
		case 1:
			c.Label(s, "Send your %s", name)
			if data.Len() > 1 {
				n := c.AddBytes(sub, hfTelnetSubcmdData, data, 1, data.Len()-1)
				c.Label(n, "Extra data")
			}
		default:
			c.Label(s, "Invalid %s subcommand %d", name, sc)
			if data.Len() > 1 {
				c.AddBytes(sub, hfTelnetSubcmdData, data, 1, data.Len()-1)
			}
		}
	case tnSubNAWS:
		if data.Len() == 4 {
			c.AddUint(sub, hfTelnetNAWSWidth, data, 0, 2)
			c.AddUint(sub, hfTelnetNAWSHeight, data, 2, 2)
		} else {
			c.AddBytes(sub, hfTelnetOptionData, data, 0, data.Len())
		}
	case tnSubRFC:
		if data.Len() == 1 {
			c.AddUint(sub, hfTelnetRFCCmd, data, 0, 1)
		} else {
			c.AddBytes(sub, hfTelnetOptionData, data, 0, data.Len())
		}
	default:
		c.AddBytes(sub, hfTelnetOptionData, data, 0, data.Len())
	}
	return off
}
