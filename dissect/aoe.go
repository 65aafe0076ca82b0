package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// ATA over Ethernet (Wireshark's packet-aoe.c), ethertype 0x88a2: version 1 headers, ATA commands
// matched to their responses by tag within the pair of Ethernet addresses.

var (
	protoAoE         = Fields.Protocol("aoe", "ATAoverEthernet")
	hfAoECmd         = Fields.Add(protoAoE, "aoe.cmd", "Command", field.Uint8, field.WithStrings(tsharkValues["aoe.cmd"]), field.WithBlurb("AOE Command"))
	hfAoEVersion     = Fields.Add(protoAoE, "aoe.version", "Version", field.Uint8, field.WithBlurb("Version of the AOE protocol"))
	hfAoEError       = Fields.Add(protoAoE, "aoe.error", "Error", field.Uint8, field.WithStrings(tsharkValues["aoe.error"]), field.WithBlurb("Error code"))
	hfAoEErrFeature  = Fields.Add(protoAoE, "aoe.err_feature", "Err/Feature", field.Uint8, field.WithBase(field.Hex))
	hfAoESectorCount = Fields.Add(protoAoE, "aoe.sector_count", "Sector Count", field.Uint8)
	hfAoEResponse    = Fields.Add(protoAoE, "aoe.response", "Response flag", field.Bool, field.WithBase(8), field.WithMask(0x08), field.WithTrueFalse("Response", "Request"), field.WithBlurb("Whether this is a response PDU or not"))
	hfAoEFlagsError  = Fields.Add(protoAoE, "aoe.flags_error", "Error flag", field.Bool, field.WithBase(8), field.WithMask(0x04), field.WithTrueFalse("Error", "No error"), field.WithBlurb("Whether this is an error PDU or not"))
	hfAoEMajor       = Fields.Add(protoAoE, "aoe.major", "Major", field.Uint16, field.WithBase(field.Hex), field.WithBlurb("Major address"))
	hfAoEMinor       = Fields.Add(protoAoE, "aoe.minor", "Minor", field.Uint8, field.WithBase(field.Hex), field.WithBlurb("Minor address"))
	hfAoEATACmd      = Fields.Add(protoAoE, "aoe.ata.cmd", "ATA Cmd", field.Uint8, field.WithBase(field.Hex), field.WithStrings(tsharkValues["aoe.ata.cmd"]), field.WithBlurb("ATA command opcode"))
	hfAoEATAStatus   = Fields.Add(protoAoE, "aoe.ata.status", "ATA Status", field.Uint8, field.WithBase(field.Hex), field.WithBlurb("ATA status bits"))
	hfAoETag         = Fields.Add(protoAoE, "aoe.tag", "Tag", field.Uint32, field.WithBase(field.Hex), field.WithBlurb("Command Tag"))
	hfAoEAFlagE      = Fields.Add(protoAoE, "aoe.aflags.e", "E", field.Bool, field.WithBase(8), field.WithMask(0x40), field.WithTrueFalse("LBA48 extended command", "Normal command"), field.WithBlurb("Whether this is a normal or LBA48 command"))
	hfAoEAFlagD      = Fields.Add(protoAoE, "aoe.aflags.d", "D", field.Bool, field.WithBase(8), field.WithMask(0x10), field.WithBlurb("Device/head register flag"))
	hfAoEAFlagA      = Fields.Add(protoAoE, "aoe.aflags.a", "A", field.Bool, field.WithBase(8), field.WithMask(0x02), field.WithTrueFalse("ASYNCHRONOUS Write", "synchronous write"), field.WithBlurb("Whether this is an asynchronous write or not"))
	hfAoEAFlagW      = Fields.Add(protoAoE, "aoe.aflags.w", "W", field.Bool, field.WithBase(8), field.WithMask(0x01), field.WithTrueFalse("WRITE to the device", "No write to device"), field.WithBlurb("Is this a command writing data to the device or not"))
	hfAoELBA         = Fields.Add(protoAoE, "aoe.lba", "Lba", field.Uint64, field.WithBase(field.Hex), field.WithBlurb("Lba address"))
	hfAoEResponseIn  = Fields.Add(protoAoE, "aoe.response_in", "Response In", field.FrameNum, field.WithBlurb("The response to this packet is in this frame"))
	hfAoEResponseTo  = Fields.Add(protoAoE, "aoe.response_to", "Response To", field.FrameNum, field.WithBlurb("This is a response to the ATA command in this frame"))
	hfAoETime        = Fields.Add(protoAoE, "aoe.time", "Time from request", field.RelTime, field.WithBlurb("Time between Request and Reply for ATA calls"))

	handleAoE = &Handle{Name: "aoe", Fn: dissectAoE}
)

func init() {
	RegisterShortName(protoAoE, "AOE")
	EtherType.Add(0x88a2, handleAoE)
}

// aoeKey identifies an outstanding ATA command: its tag between two Ethernet addresses.
type aoeKey struct {
	a, b [6]byte
	tag  uint32
}

// aoeCmd is an ATA command and the frames of its request and response.
type aoeCmd struct {
	reqFrame, respFrame uint32
	reqTS               int64
	cmd                 uint8
}

type aoeState struct {
	unmatched map[aoeKey]*aoeCmd
	matched   map[uint32]*aoeCmd // by request and response frame
}

var aoeSlot = newStateSlot(func() any {
	return &aoeState{unmatched: map[aoeKey]*aoeCmd{}, matched: map[uint32]*aoeCmd{}}
})

func dissectAoE(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("AoE")
	c.ClearInfo()
	p := c.AddProto(parent, protoAoE, t, 0, -1)
	version := t.U8(0) >> 4
	c.AddUintV(p, hfAoEVersion, t, 0, 1, uint64(version))
	if version != 1 {
		return
	}
	flags := t.U8(0) & 0x0f
	response := flags&0x08 != 0
	label := "Flags: Request"
	if response {
		label = "Flags: Response"
	}
	if flags&0x04 != 0 {
		label += " Error"
	}
	fl := c.AddText(p, t, 0, 1, label)
	c.AddUint(fl, hfAoEResponse, t, 0, 1)
	c.AddUint(fl, hfAoEFlagsError, t, 0, 1)
	if flags&0x04 != 0 {
		_, e := c.AddUint(p, hfAoEError, t, 1, 1)
		if c.Cols.On {
			name, ok := tsharkValues["aoe.error"][e]
			if !ok {
				name = "Unknown error<" + strconv.FormatUint(e, 10) + ">"
			}
			c.AppendInfo("Error:" + name + " ")
		}
	}
	c.AddUint(p, hfAoEMajor, t, 2, 2)
	c.AddUint(p, hfAoEMinor, t, 4, 1)
	_, cmd := c.AddUint(p, hfAoECmd, t, 5, 1)
	if c.Cols.On {
		name, ok := tsharkValues["aoe.cmd"][cmd]
		if !ok {
			name = "Unknown command<" + strconv.FormatUint(cmd, 10) + ">"
		}
		dir := " Request"
		if response {
			dir = " Response"
		}
		c.AppendInfo(name + dir)
	}
	tag := t.U32LE(6) // matched as little-endian, shown big-endian, like Wireshark
	c.AddUint(p, hfAoETag, t, 6, 4)
	if cmd == 0 { // issue ATA command
		aoeATA(c, t, p, 10, response, tag)
	}
}

// aoeATA dissects an ATA command or response at o.
func aoeATA(c *Ctx, t Tvb, p int32, o int, response bool, tag uint32) {
	st := c.State.slot(aoeSlot).(*aoeState)
	var info *aoeCmd
	if c.Pass1 {
		var k aoeKey
		copy(k.a[:], c.DLSrc)
		copy(k.b[:], c.DLDst)
		if string(k.a[:]) > string(k.b[:]) {
			k.a, k.b = k.b, k.a
		}
		k.tag = tag
		if !response {
			info = &aoeCmd{reqFrame: c.Frame.Number, reqTS: c.Frame.TS, cmd: t.U8(o + 3)}
			st.unmatched[k] = info
		} else if info = st.unmatched[k]; info != nil {
			info.respFrame = c.Frame.Number
			delete(st.unmatched, k)
			if !c.State.onePass {
				st.matched[info.reqFrame] = info
				st.matched[info.respFrame] = info
			}
		}
	} else {
		info = st.matched[c.Frame.Number]
	}
	if info != nil {
		if response {
			c.generated(c.AddUintV(p, hfAoEResponseTo, t, 0, 0, uint64(info.reqFrame)))
			c.generated(c.Add(p, hfAoETime, t, o, 0, field.Value{I: c.Frame.TS - info.reqTS}))
		} else if info.respFrame != 0 {
			c.generated(c.AddUintV(p, hfAoEResponseIn, t, 0, 0, uint64(info.respFrame)))
		}
	}
	aflags := t.U8(o)
	c.AddUint(p, hfAoEAFlagE, t, o, 1)
	if aflags&0x40 != 0 {
		c.AddUint(p, hfAoEAFlagD, t, o, 1)
	}
	if aflags&0x01 != 0 {
		c.AddUint(p, hfAoEAFlagA, t, o, 1)
	}
	c.AddUint(p, hfAoEAFlagW, t, o, 1)
	c.AddUint(p, hfAoEErrFeature, t, o+1, 1)
	c.AddUint(p, hfAoESectorCount, t, o+2, 1)
	if !response {
		_, cmd := c.AddUint(p, hfAoEATACmd, t, o+3, 1)
		c.aoeInfoATA(uint8(cmd))
	} else {
		c.AddUint(p, hfAoEATAStatus, t, o+3, 1)
		if info != nil {
			c.generated(c.AddUintV(p, hfAoEATACmd, t, 0, 0, uint64(info.cmd)))
			c.aoeInfoATA(info.cmd)
		}
	}
	lba := uint64(t.U16LE(o+8))<<32 | uint64(t.U32LE(o+4))
	c.AddUintV(p, hfAoELBA, t, o+4, 6, lba)
}

func (c *Ctx) aoeInfoATA(cmd uint8) {
	if !c.Cols.On {
		return
	}
	name, ok := tsharkValues["aoe.ata.cmd"][uint64(cmd)]
	if !ok {
		name = " Unknown ATA<0x" + hex2(cmd) + ">"
	}
	c.AppendInfo(" ATA:" + name)
}
