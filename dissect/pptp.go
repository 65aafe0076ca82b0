package dissect

import (
	"bytes"
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// Point-to-Point Tunnelling Protocol control messages, TCP 1723 (Wireshark's packet-pptp.c). The
// tunnelled PPP frames travel in enhanced GRE (ppp.go).

var (
	protoPPTP                     = Fields.Protocol("pptp", "Point-to-Point Tunnelling Protocol")
	hfPptpLength                  = Fields.Add(protoPPTP, "pptp.length", "Length", field.Uint16, field.WithBlurb("Total length in octets of this PPTP message"))
	hfPptpType                    = Fields.Add(protoPPTP, "pptp.type", "Message type", field.Uint16, field.WithStrings(map[uint64]string{1: "Control Message", 2: "Management Message"}), field.WithBlurb("PPTP message type"))
	hfPptpMagicCookie             = Fields.Add(protoPPTP, "pptp.magic_cookie", "Magic Cookie", field.Uint32, field.WithBase(field.Hex), field.WithBlurb("This constant value is used as a sanity check on received messages"))
	hfPptpControlMessageType      = Fields.Add(protoPPTP, "pptp.control_message_type", "Control Message Type", field.Uint16, field.WithStrings(map[uint64]string{1: "Start-Control-Connection-Request", 2: "Start-Control-Connection-Reply", 3: "Stop-Control-Connection-Request", 4: "Stop-Control-Connection-Reply", 5: "Echo-Request", 6: "Echo-Reply", 7: "Outgoing-Call-Request", 8: "Outgoing-Call-Reply", 9: "Incoming-Call-Request", 10: "Incoming-Call-Reply", 11: "Incoming-Call-Connected", 12: "Call-Clear-Request", 13: "Call-Disconnect-Notify", 14: "WAN-Error-Notify", 15: "Set-Link-Info"}))
	hfPptpReserved                = Fields.Add(protoPPTP, "pptp.reserved", "Reserved", field.Bytes, field.WithBlurb("This field MUST be 0"))
	hfPptpProtocolVersion         = Fields.Add(protoPPTP, "pptp.protocol_version", "Protocol version", field.Uint16, field.WithBlurb("The version of the PPTP protocol"))
	hfPptpFramingCapabilities     = Fields.Add(protoPPTP, "pptp.framing_capabilities", "Framing Capabilities", field.Uint32, field.WithStrings(map[uint64]string{1: "Asynchronous Framing supported", 2: "Synchronous Framing supported", 3: "Either Framing supported"}), field.WithBlurb("A set of bits indicating the type of framing"))
	hfPptpBearerCapabilities      = Fields.Add(protoPPTP, "pptp.bearer_capabilities", "Bearer Capabilities", field.Uint32, field.WithStrings(map[uint64]string{1: "Analog access supported", 2: "Digital access supported", 3: "Either access supported"}), field.WithBlurb("A set of bits indicating the type of bearer"))
	hfPptpMaximumChannels         = Fields.Add(protoPPTP, "pptp.maximum_channels", "Maximum Channels", field.Uint16, field.WithBlurb("The total number of individual PPP sessions this PAC can support"))
	hfPptpFirmwareRevision        = Fields.Add(protoPPTP, "pptp.firmware_revision", "Firmware Revision", field.Uint16, field.WithBlurb("This field contains the firmware revision"))
	hfPptpHostName                = Fields.Add(protoPPTP, "pptp.host_name", "Host Name", field.String, field.WithBlurb("A 64 octet field containing the DNS name"))
	hfPptpVendorName              = Fields.Add(protoPPTP, "pptp.vendor_name", "Vendor Name", field.String, field.WithBlurb("A 64 octet field containing a vendor"))
	hfPptpControlResult           = Fields.Add(protoPPTP, "pptp.control_result", "Result Code", field.Uint8, field.WithStrings(map[uint64]string{1: "Successful channel establishment", 2: "General error", 3: "Command channel already exists", 4: "Requester not authorized", 5: "Protocol version not supported"}), field.WithBlurb("Indicates the result of the command channel establishment attempt"))
	hfPptpError                   = Fields.Add(protoPPTP, "pptp.error", "Error Code", field.Uint8, field.WithStrings(map[uint64]string{0: "None", 1: "Not-Connected", 2: "Bad-Format", 3: "Bad-Value", 4: "No-Resource", 5: "Bad-Call ID", 6: "PAC-Error"}))
	hfPptpCallId                  = Fields.Add(protoPPTP, "pptp.call_id", "Call ID", field.Uint16, field.WithBlurb("A unique identifier, unique to a particular PAC-PNS pair assigned by the PNS"))
	hfPptpCallSerialNumber        = Fields.Add(protoPPTP, "pptp.call_serial_number", "Call Serial Number", field.Uint16, field.WithBlurb("An identifier assigned by the PNS to this session for the purpose of identifying this particular session in logged session information"))
	hfPptpMinimumBps              = Fields.Add(protoPPTP, "pptp.minimum_bps", "Minimum BPS", field.Uint32, field.WithBlurb("The lowest acceptable line speed (in bits/second) for this session"))
	hfPptpMaximumBps              = Fields.Add(protoPPTP, "pptp.maximum_bps", "Maximum BPS", field.Uint32, field.WithBlurb("The highest acceptable line speed (in bits/second) for this session"))
	hfPptpBearerType              = Fields.Add(protoPPTP, "pptp.bearer_type", "Bearer Type", field.Uint32, field.WithStrings(map[uint64]string{1: "Analog access supported", 2: "Digital access supported", 3: "Either access supported"}), field.WithBlurb("A value indicating the bearer capability required for this outgoing call"))
	hfPptpFramingType             = Fields.Add(protoPPTP, "pptp.framing_type", "Framing Type", field.Uint32, field.WithStrings(map[uint64]string{1: "Asynchronous Framing supported", 2: "Synchronous Framing supported", 3: "Either Framing supported"}), field.WithBlurb("A value indicating the type of PPP framing to be used for this outgoing call"))
	hfPptpPacketReceiveWindowSize = Fields.Add(protoPPTP, "pptp.packet_receive_window_size", "Packet Receive Window Size", field.Uint16, field.WithBlurb("A unique identifier, unique to a particular PAC-PNS pair assigned by the PNS"))
	hfPptpPacketProcessingDelay   = Fields.Add(protoPPTP, "pptp.packet_processing_delay", "Packet Processing Delay", field.Uint16, field.WithBlurb("A measure of the packet processing delay that might be imposed on data sent to the PNS from the PAC"))
	hfPptpPhoneNumberLength       = Fields.Add(protoPPTP, "pptp.phone_number_length", "Phone Number Length", field.Uint16, field.WithBlurb("The actual number of valid digits in the Phone Number field"))
	hfPptpPhoneNumber             = Fields.Add(protoPPTP, "pptp.phone_number", "Phone Number", field.String, field.WithBlurb("The number to be dialed to establish the outgoing session"))
	hfPptpSubaddress              = Fields.Add(protoPPTP, "pptp.subaddress", "Subaddress", field.String, field.WithBlurb("A 64 octet field used to specify additional dialing information."))
	hfPptpPeerCallId              = Fields.Add(protoPPTP, "pptp.peer_call_id", "Peer Call ID", field.Uint16, field.WithBlurb("This field is set to the value received in the Call ID field of the corresponding Outgoing-Call-Request message"))
	hfPptpOutResult               = Fields.Add(protoPPTP, "pptp.out_result", "Result Code", field.Uint8, field.WithStrings(map[uint64]string{1: "Connected", 2: "General Error", 3: "No Carrier", 4: "Busy", 5: "No Dial Tone", 6: "Time-out", 7: "Do Not Accept"}), field.WithBlurb("Indicates the result of the receipt of the Outgoing-Call-Request attempt"))
	hfPptpCause                   = Fields.Add(protoPPTP, "pptp.cause", "Cause Code", field.Uint16, field.WithBlurb("This field gives additional information"))
	hfPptpConnectSpeed            = Fields.Add(protoPPTP, "pptp.connect_speed", "Connect Speed", field.Uint32, field.WithBlurb("The actual connection speed used, in bits/second."))
	hfPptpPhysicalChannelId       = Fields.Add(protoPPTP, "pptp.physical_channel_id", "Physical Channel ID", field.Uint32, field.WithBlurb("This field is set by the PAC in a vendor-specific manner to the physical channel number used to place this call"))
	hfPptpSendAccm                = Fields.Add(protoPPTP, "pptp.send_accm", "Send ACCM", field.Uint32, field.WithBase(field.Hex), field.WithBlurb("The send ACCM value the client should use to process outgoing PPP packets"))
	hfPptpReceiveAccm             = Fields.Add(protoPPTP, "pptp.receive_accm", "Receive ACCM", field.Uint32, field.WithBase(field.Hex), field.WithBlurb("The Receive ACCM value the client should use to process incoming PPP packets"))
	hfPptpIdentifier              = Fields.Add(protoPPTP, "pptp.identifier", "Identifier", field.Uint32)
	hfPptpEchoResult              = Fields.Add(protoPPTP, "pptp.echo_result", "Result Code", field.Uint8, field.WithStrings(map[uint64]string{1: "OK", 2: "General error"}), field.WithBlurb("Indicates the result of the receipt of the Echo-Request"))
	hfPptpStopResult              = Fields.Add(protoPPTP, "pptp.stop_result", "Result Code", field.Uint8, field.WithStrings(map[uint64]string{1: "OK", 2: "General error"}), field.WithBlurb("Indicates the result of the attempt to close the control connection"))
	hfPptpReason                  = Fields.Add(protoPPTP, "pptp.reason", "Reason", field.Uint8, field.WithStrings(map[uint64]string{1: "None", 2: "Stop-Protocol", 3: "Stop-Local-Shutdown"}), field.WithBlurb("Indicates the reason for the control connection being close"))
	handlePPTP                    = &Handle{Name: "pptp", Fn: dissectPPTP}
)

func init() {
	RegisterShortName(protoPPTP, "PPTP")
	TCPPort.Add(1723, handlePPTP)
}

// pptpString adds a 64-byte NUL-padded string field.
func pptpString(c *Ctx, t Tvb, p int32, hf field.ID, o int) {
	b := t.Bytes(o, 64)
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	c.AddBytesV(p, hf, t, o, 64, asciiString(b))
}

func dissectPPTP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("PPTP")
	l := int(t.U16(0))
	p := c.AddProto(parent, protoPPTP, t, 0, l)
	c.AddUint(p, hfPptpLength, t, 0, 2)
	c.AddUint(p, hfPptpType, t, 2, 2)
	ck := c.AddUintV(p, hfPptpMagicCookie, t, 4, 4, uint64(t.U32(4)))
	if t.U32(4) == 0x1a2b3c4d {
		c.Label(ck, "Magic Cookie: 0x1a2b3c4d (correct)")
	} else {
		c.Label(ck, "Magic Cookie: 0x%08x (incorrect)", t.U32(4))
	}
	_, mt := c.AddUint(p, hfPptpControlMessageType, t, 8, 2)
	name, ok := Fields.Get(hfPptpControlMessageType).ValueName(mt)
	if !ok {
		name = "Unknown control type (" + strconv.FormatUint(mt, 10) + ")"
	}
	c.SetInfo(name)
	c.AddBytes(p, hfPptpReserved, t, 10, 2)
	switch mt {
	case 1, 2: // Start-Control-Connection-Request/Reply
		pv := t.U16(12)
		vn := c.AddUintV(p, hfPptpProtocolVersion, t, 12, 2, uint64(pv))
		c.Label(vn, "Protocol version: %d.%d", pv>>8, pv&0xff)
		if mt == 1 {
			c.AddBytes(p, hfPptpReserved, t, 14, 2)
		} else {
			c.AddUint(p, hfPptpControlResult, t, 14, 1)
			c.AddUint(p, hfPptpError, t, 15, 1)
		}
		c.AddUint(p, hfPptpFramingCapabilities, t, 16, 4)
		c.AddUint(p, hfPptpBearerCapabilities, t, 20, 4)
		c.AddUint(p, hfPptpMaximumChannels, t, 24, 2)
		c.AddUint(p, hfPptpFirmwareRevision, t, 26, 2)
		pptpString(c, t, p, hfPptpHostName, 28)
		pptpString(c, t, p, hfPptpVendorName, 92)
	case 7: // Outgoing-Call-Request
		c.AddUint(p, hfPptpCallId, t, 12, 2)
		c.AddUint(p, hfPptpCallSerialNumber, t, 14, 2)
		c.AddUint(p, hfPptpMinimumBps, t, 16, 4)
		c.AddUint(p, hfPptpMaximumBps, t, 20, 4)
		c.AddUint(p, hfPptpBearerType, t, 24, 4)
		c.AddUint(p, hfPptpFramingType, t, 28, 4)
		c.AddUint(p, hfPptpPacketReceiveWindowSize, t, 32, 2)
		c.AddUint(p, hfPptpPacketProcessingDelay, t, 34, 2)
		c.AddUint(p, hfPptpPhoneNumberLength, t, 36, 2)
		c.AddBytes(p, hfPptpReserved, t, 38, 2)
		pptpString(c, t, p, hfPptpPhoneNumber, 40)
		pptpString(c, t, p, hfPptpSubaddress, 104)
	case 8: // Outgoing-Call-Reply
		c.AddUint(p, hfPptpCallId, t, 12, 2)
		c.AddUint(p, hfPptpPeerCallId, t, 14, 2)
		c.AddUint(p, hfPptpOutResult, t, 16, 1)
		c.AddUint(p, hfPptpError, t, 17, 1)
		c.AddUint(p, hfPptpCause, t, 18, 2)
		c.AddUint(p, hfPptpConnectSpeed, t, 20, 4)
		c.AddUint(p, hfPptpPacketReceiveWindowSize, t, 24, 2)
		c.AddUint(p, hfPptpPacketProcessingDelay, t, 26, 2)
		c.AddUint(p, hfPptpPhysicalChannelId, t, 28, 4)
	case 15: // Set-Link-Info
		c.AddUint(p, hfPptpPeerCallId, t, 12, 2)
		c.AddBytes(p, hfPptpReserved, t, 14, 2)
		c.AddUint(p, hfPptpSendAccm, t, 16, 4)
		c.AddUint(p, hfPptpReceiveAccm, t, 20, 4)
	case 5, 6: // Echo-Request/Reply
		c.AddUint(p, hfPptpIdentifier, t, 12, 4)
		if mt == 6 {
			c.AddUint(p, hfPptpEchoResult, t, 16, 1)
			c.AddUint(p, hfPptpError, t, 17, 1)
			c.AddBytes(p, hfPptpReserved, t, 18, 2)
		}
	case 3: // Stop-Control-Connection-Request
		c.AddUint(p, hfPptpReason, t, 12, 1)
	case 4: // Stop-Control-Connection-Reply
		c.AddUint(p, hfPptpStopResult, t, 12, 1)
		c.AddUint(p, hfPptpError, t, 13, 1)
	}
}
