package dissect

import (
	"bytes"
	"net/netip"
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// FTP control connections (Wireshark's packet-ftp.c) and the data connections that passive-mode
// replies (227, 229) set up, shown as "ftp-data" the way tshark shows them.

var ftpResponseNames = map[uint64]string{
	110: "Restart marker reply", 120: "Service ready in nnn minutes", 125: "Data connection already open; transfer starting", 150: "File status okay; about to open data connection", 200: "Command okay", 202: "Command not implemented, superfluous at this site", 211: "System status, or system help reply", 212: "Directory status", 213: "File status", 214: "Help message", 215: "NAME system type", 220: "Service ready for new user", 221: "Service closing control connection", 225: "Data connection open; no transfer in progress", 226: "Closing data connection", 227: "Entering Passive Mode", 229: "Entering Extended Passive Mode", 230: "User logged in, proceed", 232: "User logged in, authorized by security data exchange", 234: "Security data exchange complete", 235: "Security data exchange completed successfully", 250: "Requested file action okay, completed", 257: "PATHNAME created", 331: "User name okay, need password", 332: "Need account for login", 334: "Requested security mechanism is ok", 335: "Security data is acceptable, more is required", 336: "Username okay, need password. Challenge is ...", 350: "Requested file action pending further information", 421: "Service not available, closing control connection", 425: "Can't open data connection", 426: "Connection closed; transfer aborted", 431: "Need some unavailable resource to process security", 450: "Requested file action not taken", 451: "Requested action aborted: local error in processing", 452: "Requested action not taken. Insufficient storage space in system", 500: "Syntax error, command unrecognized", 501: "Syntax error in parameters or arguments", 502: "Command not implemented", 503: "Bad sequence of commands", 504: "Command not implemented for that parameter", 522: "Network protocol not supported", 530: "Not logged in", 532: "Need account for storing files", 533: "Command protection level denied for policy reasons", 534: "Request denied for policy reasons", 535: "Failed security check (hash, sequence, etc)", 536: "Requested PROT level not supported by mechanism", 537: "Command protection level not supported by security mechanism", 550: "Requested action not taken: File unavailable", 551: "Requested action aborted: page type unknown", 552: "Requested file action aborted: Exceeded storage allocation", 553: "Requested action not taken: File name not allowed", 631: "Integrity protected reply", 632: "Confidentiality and integrity protected reply", 633: "Confidentiality protected reply",
}

var ftpEPRTAFNames = map[uint64]string{1: "IPv4", 2: "IPv6"}

var (
	protoFTP         = Fields.Protocol("ftp", "File Transfer Protocol (FTP)")
	hfFTPCwd         = Fields.Add(protoFTP, "ftp.current-working-directory", "Current working directory", field.String)
	hfFTPResponse    = Fields.Add(protoFTP, "ftp.response", "Response", field.Bool)
	hfFTPRequest     = Fields.Add(protoFTP, "ftp.request", "Request", field.Bool)
	hfFTPReqCommand  = Fields.Add(protoFTP, "ftp.request.command", "Request command", field.String)
	hfFTPReqArg      = Fields.Add(protoFTP, "ftp.request.arg", "Request arg", field.String)
	hfFTPRespCode    = Fields.Add(protoFTP, "ftp.response.code", "Response code", field.Uint32, field.WithStrings(ftpResponseNames))
	hfFTPRespArg     = Fields.Add(protoFTP, "ftp.response.arg", "Response arg", field.String)
	hfFTPPasvIP      = Fields.Add(protoFTP, "ftp.passive.ip", "Passive IP address", field.IPv4)
	hfFTPPasvPort    = Fields.Add(protoFTP, "ftp.passive.port", "Passive port", field.Uint16)
	hfFTPPasvNAT     = Fields.Add(protoFTP, "ftp.passive.nat", "Passive IP NAT", field.Bool)
	hfFTPActiveIP    = Fields.Add(protoFTP, "ftp.active.cip", "Active IP address", field.IPv4)
	hfFTPActivePort  = Fields.Add(protoFTP, "ftp.active.port", "Active port", field.Uint16)
	hfFTPActiveNAT   = Fields.Add(protoFTP, "ftp.active.nat", "Active IP NAT", field.Bool)
	hfFTPEPRTAF      = Fields.Add(protoFTP, "ftp.eprt.af", "Extended active address family", field.Uint8, field.WithStrings(ftpEPRTAFNames))
	hfFTPEPRTIP      = Fields.Add(protoFTP, "ftp.eprt.ip", "Extended active IP address", field.IPv4)
	hfFTPEPRTIPv6    = Fields.Add(protoFTP, "ftp.eprt.ipv6", "Extended active IPv6 address", field.IPv6)
	hfFTPEPRTPort    = Fields.Add(protoFTP, "ftp.eprt.port", "Extended active port", field.Uint16)
	hfFTPEPSVIP      = Fields.Add(protoFTP, "ftp.epsv.ip", "Extended passive IPv4 address", field.IPv4)
	hfFTPEPSVIPv6    = Fields.Add(protoFTP, "ftp.epsv.ipv6", "Extended passive IPv6 address", field.IPv6)
	hfFTPEPSVPort    = Fields.Add(protoFTP, "ftp.epsv.port", "Extended passive port", field.Uint16)
	eiFTPEPRTInvalid = RegisterExpert(protoFTP, "ftp.eprt.args_invalid", "EPRT arguments must have the form: |<family>|<addr>|<port>|", GroupMalformed, SevWarn)
	eiFTPEPSVInvalid = RegisterExpert(protoFTP, "ftp.epsv.args_invalid", "EPSV arguments must have the form (|||<port>|)", GroupMalformed, SevWarn)

	protoFTPData        = Fields.Protocol("ftp-data", "FTP Data")
	hfFTPDataSetupFrame = Fields.Add(protoFTPData, "ftp-data.setup-frame", "Setup frame", field.FrameNum)
	hfFTPDataSetupMeth  = Fields.Add(protoFTPData, "ftp-data.setup-method", "Setup method", field.String)
	hfFTPDataCommand    = Fields.Add(protoFTPData, "ftp-data.command", "Command", field.String)
	hfFTPDataCmdFrame   = Fields.Add(protoFTPData, "ftp-data.command-frame", "Command frame", field.FrameNum)
	hfFTPDataCwd        = Fields.Add(protoFTPData, "ftp-data.current-working-directory", "Current working directory", field.String)

	handleFTP     = &Handle{Name: "ftp", Fn: dissectFTP}
	handleFTPData = &Handle{Name: "ftp-data", Fn: dissectFTPData}
)

func init() {
	RegisterShortName(protoFTP, "FTP")
	RegisterShortName(protoFTPData, "FTP-DATA")
	TCPPort.Add(21, handleFTP)
	TCPPort.Add(20, handleFTPData)
	TCPPort.AddHeuristic(Heuristic{Name: "ftp-data", Fn: heurFTPData})
}

// ---- state ----

type ftpEndpoint struct {
	addr [16]byte
	port uint32
}

type ftpConv struct {
	cwd        string
	pendingCwd string // argument of a CWD awaiting its reply
	lastCmd    string
	lastFrame  uint32
	newData    *ftpDataConv // a data connection set up since the last request
}

type ftpDataConv struct {
	ctrl       *ftpConv
	other      [16]byte // the client's address
	setupFrame uint32
	method     string
	cmd        string // the first request after the set-up, which tshark names the transfer by
	cmdFrame   uint32
}

type ftpDataInfo struct {
	setupFrame uint32
	method     string
	cmd        string
	cmdFrame   uint32
	cwd        string
}

type ftpState struct {
	convs map[textConvKey]*ftpConv
	data  map[ftpEndpoint]*ftpDataConv
	// per-frame results of the first pass
	cwd      map[uint32]string
	dataInfo map[uint32]*ftpDataInfo
}

var ftpSlot = newStateSlot(func() any {
	return &ftpState{convs: map[textConvKey]*ftpConv{}, data: map[ftpEndpoint]*ftpDataConv{},
		cwd: map[uint32]string{}, dataInfo: map[uint32]*ftpDataInfo{}}
})

func (st *ftpState) conv(c *Ctx) *ftpConv {
	k, _ := c.conversationKey()
	cv := st.convs[k]
	if cv == nil {
		cv = &ftpConv{}
		st.convs[k] = cv
	}
	return cv
}

// ---- control connection ----

func dissectFTP(c *Ctx, t Tvb, parent int32) {
	st := c.State.slot(ftpSlot).(*ftpState)
	isReq := c.MatchPort == c.DstPort
	c.SetProtocol("FTP")
	lineLen, next, _ := findLineEnd(t.B, 0)
	line := t.B[:lineLen]
	if c.Cols.On {
		if isReq {
			c.SetInfo("Request: " + string(line))
		} else {
			c.SetInfo("Response: " + string(line))
		}
	}
	tree := c.AddProto(parent, protoFTP, t, 0, -1)
	c.AddHidden(tree, hfFTPRequest, t, 0, 0, field.Value{U: b2u(isReq)})
	c.AddHidden(tree, hfFTPResponse, t, 0, 0, field.Value{U: b2u(!isReq)})
	rr := c.AddText(tree, t, 0, next, string(t.B[:next]))

	var cv *ftpConv
	if c.Pass1 {
		cv = st.conv(c)
	}
	argOff := 0
	var cmd []byte
	code := uint32(0)
	if isReq {
		n, nt := tokenLen(line, 0)
		if n > 0 {
			cmd = line[:n]
			c.addASCII(rr, hfFTPReqCommand, t, 0, n)
		}
		argOff = nt
	} else if lineLen >= 3 && isDigit(line[0]) && isDigit(line[1]) && isDigit(line[2]) {
		code = uint32(line[0]-'0')*100 + uint32(line[1]-'0')*10 + uint32(line[2]-'0')
		c.AddUintV(rr, hfFTPRespCode, t, 0, 3, uint64(code))
		argOff = lineLen
		if lineLen >= 4 {
			argOff = 4
		}
	}
	arg := line[argOff:]
	if len(arg) > 0 {
		if isReq {
			c.addASCII(rr, hfFTPReqArg, t, argOff, len(arg))
		} else {
			c.addASCII(rr, hfFTPRespArg, t, argOff, len(arg))
		}
	}
	upper := string(bytes.ToUpper(cmd))
	switch {
	case isReq && upper == "PORT" && len(arg) > 0:
		if ip, port, ipOff, ipLen, portOff, portLen, ok := parsePortPasv(arg); ok {
			c.AddBytesV(rr, hfFTPActiveIP, t, argOff+ipOff, ipLen, ip[:])
			c.AddUintV(rr, hfFTPActivePort, t, argOff+portOff, portLen, uint64(port))
			if len(c.NetSrc) != 4 || !bytes.Equal(c.NetSrc, ip[:]) {
				c.AddUintV(rr, hfFTPActiveNAT, t, argOff+ipOff, ipLen, 1)
			}
		}
	case isReq && upper == "EPRT" && len(arg) > 0:
		ftpEPRT(c, t, rr, argOff, arg)
	case !isReq && code == 227:
		if ip, port, ipOff, ipLen, portOff, portLen, ok := parsePortPasv(arg); ok {
			c.AddBytesV(rr, hfFTPPasvIP, t, argOff+ipOff, ipLen, ip[:])
			c.AddUintV(rr, hfFTPPasvPort, t, argOff+portOff, portLen, uint64(port))
			if len(c.NetSrc) != 4 || !bytes.Equal(c.NetSrc, ip[:]) {
				c.AddUintV(rr, hfFTPPasvNAT, t, argOff+ipOff, ipLen, 1)
			}
			if c.Pass1 {
				var ep ftpEndpoint
				copy(ep.addr[:], ip[:])
				ep.port = uint32(port)
				dc := &ftpDataConv{ctrl: cv, setupFrame: c.Frame.Number, method: "PASV"}
				copy(dc.other[:], c.NetDst)
				st.data[ep] = dc
				cv.newData = dc
			}
		}
	case !isReq && code == 229:
		if port, pOff, pLen, ok := parseEPSV(arg); ok {
			if len(c.NetSrc) == 16 {
				c.AddGenerated(rr, hfFTPEPSVIPv6, t, 0, 0, field.Value{B: c.NetSrc})
			} else {
				c.AddGenerated(rr, hfFTPEPSVIP, t, 0, 0, field.Value{B: c.NetSrc})
			}
			c.AddUintV(rr, hfFTPEPSVPort, t, argOff+pOff, pLen, uint64(port))
			if c.Pass1 {
				var ep ftpEndpoint
				copy(ep.addr[:], c.NetSrc)
				ep.port = uint32(port)
				dc := &ftpDataConv{ctrl: cv, setupFrame: c.Frame.Number, method: "EPASV"}
				copy(dc.other[:], c.NetDst)
				st.data[ep] = dc
				cv.newData = dc
			}
		} else {
			c.Expert(rr, eiFTPEPSVInvalid, t, argOff, len(arg), "")
		}
	}
	// the rest of the data, a line at a time
	for o := next; o < t.Len(); {
		_, nx, _ := findLineEnd(t.B, o)
		c.AddText(tree, t, o, nx-o, string(t.B[o:nx]))
		o = nx
	}

	if c.Pass1 {
		if isReq {
			cv.lastCmd = string(asciiString(line))
			cv.lastFrame = c.Frame.Number
			if dc := cv.newData; dc != nil {
				dc.cmd, dc.cmdFrame = cv.lastCmd, cv.lastFrame
				cv.newData = nil
			}
			if upper == "CWD" {
				cv.pendingCwd = string(arg)
			} else if upper == "CDUP" {
				cv.pendingCwd = ".."
			} else {
				cv.pendingCwd = ""
			}
		} else {
			switch code {
			case 250:
				if cv.pendingCwd != "" {
					cv.cwd = ftpApplyCwd(cv.cwd, cv.pendingCwd)
					cv.pendingCwd = ""
				}
			case 257:
				if q := bytes.IndexByte(arg, '"'); q >= 0 {
					if e := bytes.IndexByte(arg[q+1:], '"'); e >= 0 {
						cv.cwd = string(arg[q+1 : q+1+e])
					}
				}
			}
		}
		st.cwd[c.Frame.Number] = cv.cwd
	}
	n := c.AddGenerated(parent, hfFTPCwd, t, 0, 0, field.Value{B: []byte(st.cwd[c.Frame.Number])})
	_ = n
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// ftpApplyCwd returns the working directory after a successful CWD to dir.
func ftpApplyCwd(cwd, dir string) string {
	switch {
	case len(dir) > 0 && dir[0] == '/':
		return dir
	case dir == "..":
		if i := bytes.LastIndexByte([]byte(cwd), '/'); i > 0 {
			return cwd[:i]
		}
		return "/"
	case cwd == "" || cwd[len(cwd)-1] == '/':
		return cwd + dir
	}
	return cwd + "/" + dir
}

// parsePortPasv finds "h1,h2,h3,h4,p1,p2" in s as Wireshark's parse_port_pasv does.
func parsePortPasv(s []byte) (ip [4]byte, port uint16, ipOff, ipLen, portOff, portLen int, ok bool) {
	p := 0
	for {
		for p < len(s) && !isDigit(s[p]) {
			p++
		}
		if p >= len(s) {
			return
		}
		var nums [6]int
		q := p
		good := true
		for i := 0; i < 6; i++ {
			for q < len(s) && (s[q] == ' ' || s[q] == '\t') && i > 0 {
				q++
			}
			st := q
			v := 0
			for q < len(s) && isDigit(s[q]) && q-st < 10 {
				v = v*10 + int(s[q]-'0')
				q++
			}
			if q == st {
				good = false
				break
			}
			nums[i] = v
			if i < 5 {
				if q >= len(s) || s[q] != ',' {
					good = false
					break
				}
				q++
			}
		}
		if good {
			w := func(v int) int {
				switch {
				case v < 10:
					return 1
				case v < 100:
					return 2
				}
				return 3
			}
			for i := 0; i < 4; i++ {
				ip[i] = byte(nums[i])
			}
			port = uint16((nums[4]&0xff)<<8 | nums[5]&0xff)
			ipOff = p
			ipLen = w(nums[0]) + w(nums[1]) + w(nums[2]) + w(nums[3]) + 3
			portOff = p + ipLen + 1
			portLen = w(nums[4]) + 1 + w(nums[5])
			ok = true
			return
		}
		for p < len(s) && isDigit(s[p]) {
			p++
		}
	}
}

// parseEPSV parses the "(|||port|)" of a 229 reply.
func parseEPSV(s []byte) (port uint16, off, n int, ok bool) {
	i := bytes.IndexByte(s, '(')
	if i < 0 || i+4 >= len(s) {
		return
	}
	d := s[i+1]
	if s[i+2] != d || s[i+3] != d {
		return
	}
	st := i + 4
	e := st
	v := 0
	for e < len(s) && isDigit(s[e]) {
		v = v*10 + int(s[e]-'0')
		e++
	}
	if e == st || e >= len(s) || s[e] != d || v > 65535 {
		return
	}
	return uint16(v), st, e - st, true
}

// ftpEPRT dissects the "|af|addr|port|" argument of EPRT.
func ftpEPRT(c *Ctx, t Tvb, tree int32, off int, arg []byte) {
	bad := func() { c.Expert(tree, eiFTPEPRTInvalid, t, off, len(arg), "") }
	if len(arg) < 7 {
		bad()
		return
	}
	d := arg[0]
	parts := bytes.Split(arg[1:], []byte{d})
	if len(parts) < 4 || len(parts[0]) != 1 {
		bad()
		return
	}
	af := parts[0][0] - '0'
	c.AddUintV(tree, hfFTPEPRTAF, t, off+1, 1, uint64(af))
	aOff := off + 3
	addr, err := netip.ParseAddr(string(parts[1]))
	if err == nil {
		if af == 1 && addr.Is4() {
			a := addr.As4()
			c.AddBytesV(tree, hfFTPEPRTIP, t, aOff, len(parts[1]), a[:])
		} else if af == 2 && addr.Is6() {
			a := addr.As16()
			c.AddBytesV(tree, hfFTPEPRTIPv6, t, aOff, len(parts[1]), a[:])
		}
	}
	pOff := aOff + len(parts[1]) + 1
	if p, err := strconv.Atoi(string(parts[2])); err == nil && p <= 65535 {
		c.AddUintV(tree, hfFTPEPRTPort, t, pOff, len(parts[2]), uint64(p))
	} else {
		bad()
	}
}

// ---- data connection ----

// heurFTPData claims TCP payloads of data connections that a passive-mode reply announced.
func heurFTPData(c *Ctx, t Tvb, parent int32) bool {
	st := c.State.slot(ftpSlot).(*ftpState)
	if !c.Pass1 {
		if _, ok := st.dataInfo[c.Frame.Number]; !ok {
			return false
		}
		c.Call(handleFTPData, t, parent)
		return true
	}
	var ep ftpEndpoint
	var other []byte
	copy(ep.addr[:], c.NetDst)
	ep.port = c.DstPort
	dc := st.data[ep]
	other = c.NetSrc
	if dc == nil {
		copy(ep.addr[:], c.NetSrc)
		ep.port = c.SrcPort
		dc = st.data[ep]
		other = c.NetDst
	}
	var o [16]byte
	copy(o[:], other)
	if dc == nil || o != dc.other {
		return false
	}
	info := &ftpDataInfo{setupFrame: dc.setupFrame, method: dc.method}
	if dc.ctrl != nil {
		info.cmd, info.cmdFrame, info.cwd = dc.ctrl.lastCmd, dc.ctrl.lastFrame, dc.ctrl.cwd
	}
	if dc.cmd != "" {
		info.cmd, info.cmdFrame = dc.cmd, dc.cmdFrame
	}
	st.dataInfo[c.Frame.Number] = info
	c.Call(handleFTPData, t, parent)
	return true
}

func dissectFTPData(c *Ctx, t Tvb, parent int32) {
	st := c.State.slot(ftpSlot).(*ftpState)
	info := st.dataInfo[c.Frame.Number]
	c.SetProtocol("FTP-DATA")
	if c.Cols.On {
		s := "FTP Data: " + strconv.Itoa(t.Len()) + " bytes"
		if info != nil {
			s += " (" + info.method + ") (" + info.cmd + ")"
		}
		c.SetInfo(s)
	}
	p := c.AddProto(parent, protoFTPData, t, 0, -1)
	c.Label(p, "FTP Data (%d bytes data)", t.Len())
	if info != nil {
		c.AddGenerated(parent, hfFTPDataSetupFrame, t, 0, 0, field.Value{U: uint64(info.setupFrame)})
		c.AddGenerated(parent, hfFTPDataSetupMeth, t, 0, 0, field.Value{B: []byte(info.method)})
		c.AddGenerated(parent, hfFTPDataCommand, t, 0, 0, field.Value{B: []byte(info.cmd)})
		c.AddUintV(parent, hfFTPDataCmdFrame, t, 0, 0, uint64(info.cmdFrame))
		c.AddGenerated(parent, hfFTPDataCwd, t, 0, 0, field.Value{B: []byte(info.cwd)})
	}
	if t.Len() == 0 {
		return
	}
	text := true
	for i := 0; i < t.Len() && i < 64; i++ {
		ch := t.B[i]
		if (ch < 0x20 || ch > 0x7e) && !isSpace(ch) {
			text = false
			break
		}
	}
	if text {
		c.Call(handleTextLines, t, parent)
	} else {
		c.CallData(t, parent)
	}
}
