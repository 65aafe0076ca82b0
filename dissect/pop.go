package dissect

import "github.com/tshark-tui/tshark-tui/field"

// POP3 (Wireshark's packet-pop.c): the first line as request or response with its command or status
// indicator and argument, further lines as data.

var (
	protoPOP          = Fields.Protocol("pop", "Post Office Protocol")
	hfPOPResponse     = Fields.Add(protoPOP, "pop.response", "Response", field.String)
	hfPOPRespInd      = Fields.Add(protoPOP, "pop.response.indicator", "Response indicator", field.String)
	hfPOPRespDesc     = Fields.Add(protoPOP, "pop.response.description", "Response description", field.String)
	hfPOPRespData     = Fields.Add(protoPOP, "pop.response.data", "Data", field.String)
	hfPOPRequest      = Fields.Add(protoPOP, "pop.request", "Request", field.String)
	hfPOPReqCommand   = Fields.Add(protoPOP, "pop.request.command", "Request command", field.String)
	hfPOPReqParameter = Fields.Add(protoPOP, "pop.request.parameter", "Request parameter", field.String)
	hfPOPReqData      = Fields.Add(protoPOP, "pop.request.data", "Data", field.String)

	handlePOP = &Handle{Name: "pop", Fn: dissectPOP}
)

func init() {
	RegisterShortName(protoPOP, "POP")
	TCPPort.Add(110, handlePOP)
}

func dissectPOP(c *Ctx, t Tvb, parent int32) {
	isReq := c.MatchPort == c.DstPort
	c.SetProtocol("POP")
	l, next, _ := findLineEnd(t.B, 0)
	line := t.B[:l]
	hfLine, hfTok, hfRest, hfData := hfPOPResponse, hfPOPRespInd, hfPOPRespDesc, hfPOPRespData
	if isReq {
		c.SetInfo("C: " + string(line))
		hfLine, hfTok, hfRest, hfData = hfPOPRequest, hfPOPReqCommand, hfPOPReqParameter, hfPOPReqData
	} else {
		c.SetInfo("S: " + string(line))
	}
	tree := c.AddProto(parent, protoPOP, t, 0, -1)
	rr := c.AddBytesV(tree, hfLine, t, 0, next, nil)
	c.Label(rr, "%s", t.B[:next])
	n, nt := tokenLen(line, 0)
	if n > 0 {
		c.addASCII(rr, hfTok, t, 0, n)
	}
	if nt < l {
		c.addASCII(rr, hfRest, t, nt, l-nt)
	}
	for o := next; o < t.Len(); {
		_, nx, _ := findLineEnd(t.B, o)
		d := c.AddBytesV(tree, hfData, t, o, nx-o, nil)
		c.Label(d, "%s", t.B[o:nx])
		o = nx
	}
}
