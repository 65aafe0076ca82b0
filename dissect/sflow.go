package dissect

import (
	"fmt"

	"github.com/tshark-tui/tshark-tui/field"
)

// InMon sFlow versions 2, 4 and 5 on UDP port 6343 (Wireshark's packet-sflow.c): the datagram
// header with the agent, sequence number, uptime and sample count, and the summary tshark shows.
// The samples themselves are not decoded yet.

var (
	protoSFlow            = Fields.Protocol("sflow", "InMon sFlow")
	hfSFlowVersion        = Fields.Add(protoSFlow, "sflow_245.version", "Datagram version", field.Uint32, field.WithBlurb("sFlow datagram version"))
	hfSFlowAgenttype      = Fields.Add(protoSFlow, "sflow_245.agenttype", "Agent address type", field.Uint32, field.WithStrings(map[uint64]string{1: "IPv4", 2: "IPv6"}), field.WithBlurb("sFlow agent address type"))
	hfSFlowAgent          = Fields.Add(protoSFlow, "sflow_245.agent", "Agent address", field.IPv4, field.WithBlurb("sFlow Agent IP address"))
	hfSFlowAgentV6        = Fields.Add(protoSFlow, "sflow_245.agent.v6", "Agent address", field.IPv6, field.WithBlurb("sFlow Agent IPv6 address"))
	hfSFlowSubAgentId     = Fields.Add(protoSFlow, "sflow_245.sub_agent_id", "Sub-agent ID", field.Uint32, field.WithBlurb("sFlow sub-agent ID"))
	hfSFlowSequenceNumber = Fields.Add(protoSFlow, "sflow_245.sequence_number", "Sequence number", field.Uint32, field.WithBlurb("sFlow datagram sequence number"))
	hfSFlowSysuptime      = Fields.Add(protoSFlow, "sflow_245.sysuptime", "SysUptime", field.Uint32, field.WithBlurb("System Uptime"))
	hfSFlowNumsamples     = Fields.Add(protoSFlow, "sflow_245.numsamples", "NumSamples", field.Uint32, field.WithBlurb("Number of samples in sFlow datagram"))
	handleSFlow           = &Handle{Name: "sflow", Fn: dissectSFlow}
)

func init() {
	RegisterShortName(protoSFlow, "sFlow")
	UDPPort.Add(6343, handleSFlow)
}

func dissectSFlow(c *Ctx, t Tvb, parent int32) {
	ver, at := t.U32(0), t.U32(4)
	if (ver != 2 && ver != 4 && ver != 5) || (at != 1 && at != 2) {
		c.PopLayer("sflow") // not sFlow after all: tshark's dissector declines it
		c.CallData(t, parent)
		return
	}
	c.SetProtocol("sFlow")
	c.ClearInfo()
	p := c.AddProto(parent, protoSFlow, t, 0, -1)
	c.AddUint(p, hfSFlowVersion, t, 0, 4)
	c.AddUint(p, hfSFlowAgenttype, t, 4, 4)
	o := 8
	var agent string
	if at == 1 {
		c.AddBytes(p, hfSFlowAgent, t, o, 4)
		agent = ipv4String(t.Bytes(o, 4))
		o += 4
	} else {
		c.AddBytes(p, hfSFlowAgentV6, t, o, 16)
		agent = string(field.AppendAddr(nil, t.Bytes(o, 16)))
		o += 16
	}
	var sub uint64
	if ver == 5 {
		_, sub = c.AddUint(p, hfSFlowSubAgentId, t, o, 4)
		o += 4
	}
	_, seq := c.AddUint(p, hfSFlowSequenceNumber, t, o, 4)
	un, up := c.AddUint(p, hfSFlowSysuptime, t, o+4, 4)
	if c.Visible() {
		s := up / 1000
		c.T.SetLabel(un, fmt.Sprintf("SysUptime: %d days, %d hours, %d minutes, %d seconds (%dms)", s/86400, s/3600%24, s/60%60, s%60, up))
	}
	_, n := c.AddUint(p, hfSFlowNumsamples, t, o+8, 4)
	if c.Cols.On {
		if ver == 5 {
			c.SetInfo(fmt.Sprintf("V%d, agent %s, sub-agent ID %d, seq %d, %d samples", ver, agent, sub, seq, n))
		} else {
			c.SetInfo(fmt.Sprintf("V%d, agent %s, seq %d, %d samples", ver, agent, seq, n))
		}
	}
}
