package dissect_test

import (
	"encoding/hex"
	"testing"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/internal/budget"
)

// covRunFrame dissects one Ethernet frame with columns on and returns its context and tree.
func covRunFrame(t *testing.T, hexBytes string) (*dissect.Ctx, *field.Tree) {
	t.Helper()
	b, err := hex.DecodeString(hexBytes)
	if err != nil {
		t.Fatalf("bad test bytes: %v", err)
	}
	tr := field.NewTree(dissect.Fields)
	tr.Visible = true
	c := dissect.NewCtx(tr, dissect.NewState())
	c.Cols.On, c.Pass1 = true, true
	c.Run(&dissect.FrameInfo{Number: 1, CapLen: uint32(len(b)), Len: uint32(len(b)), Link: 1}, b)
	return c, tr
}

// covFirstValue returns the text tshark -T fields would print for the first occurrence of abbrev.
func covFirstValue(t *testing.T, tr *field.Tree, abbrev string) string {
	t.Helper()
	f, ok := dissect.Fields.Lookup(abbrev)
	if !ok {
		t.Fatalf("field %s is not registered", abbrev)
	}
	n := tr.First(f.ID)
	if n == nil {
		return ""
	}
	return f.Repr(n.Value)
}

// coverageFrames are the Ethernet frames of TestCoverageProtocols, also the seeds of FuzzCoverage.
func coverageFrames() []string {
	var out []string
	for _, tc := range coverageCases {
		out = append(out, tc.bytes)
	}
	return out
}

// FuzzCoverage mutates Ethernet frames of the protocols added for coverage (STP, loop, CMD, IGMP,
// SNMP, EAPOL, NBNS, VXLAN, IMF) through a full dissection; nothing may escape Run.
func FuzzCoverage(f *testing.F) {
	for _, h := range coverageFrames() {
		b, _ := hex.DecodeString(h)
		f.Add(b)
	}
	tr := field.NewTree(dissect.Fields)
	tr.Visible = true
	f.Fuzz(func(t *testing.T, data []byte) {
		defer budget.Input(t)() // a slow input is a finding
		c := dissect.NewCtx(tr, dissect.NewState())
		c.Cols.On, c.Pass1 = true, true
		c.Run(&dissect.FrameInfo{Number: 1, CapLen: uint32(len(data)), Len: uint32(len(data)), Link: 1}, data)
		for i := 1; i < len(tr.Nodes); i++ {
			n := &tr.Nodes[i]
			if n.Off < 0 || n.Len < 0 || int(n.Off)+int(n.Len) > len(tr.Sources[n.Src].Bytes) {
				t.Fatalf("node %d covers [%d,+%d) outside its %d-byte source", i, n.Off, n.Len, len(tr.Sources[n.Src].Bytes))
			}
		}
	})
}

// TestCoverageProtocols checks frame.protocols, the Protocol and Info columns and a few fields of
// one frame per protocol against tshark 4.0's answers for the same bytes (frames of the reference
// corpus: various_gre.pcap, IGMP_V2.pcap, snmpv1_get.pcap, eapon1.pcap, wikipedia.pcap, vxlan.pcap,
// and the project's imap.pcap).
func TestCoverageProtocols(t *testing.T) {
	for _, tc := range coverageCases {
		t.Run(tc.name, func(t *testing.T) {
			c, tr := covRunFrame(t, tc.bytes)
			if got := c.Layers(); got != tc.layers {
				t.Errorf("frame.protocols = %q, want %q", got, tc.layers)
			}
			if c.Cols.Protocol != tc.proto {
				t.Errorf("protocol column = %q, want %q", c.Cols.Protocol, tc.proto)
			}
			if tc.info != "" && string(c.Cols.Info) != tc.info {
				t.Errorf("info = %q, want %q", c.Cols.Info, tc.info)
			}
			for abbrev, want := range tc.fields {
				if got := covFirstValue(t, tr, abbrev); got != want {
					t.Errorf("%s = %q, want %q", abbrev, got, want)
				}
			}
		})
	}
}

var coverageCases = []struct {
	name, bytes, layers, proto, info string
	fields                           map[string]string
}{
	{
		name: "stp config bpdu over 802.3",
		// 01 80 c2 00 00 00 aa bb cc 00 03 10 00 26 | 42 42 03 | 00 00 00 00 00 80 01 ...
		bytes:  "0180c2000000aabbcc000310002642420300000000008001aabbcc000300000000008001aabbcc00030080020000140002000f000000000000000000",
		layers: "eth:llc:stp", proto: "STP",
		info:   "Conf. Root = 32768/1/aa:bb:cc:00:03:00  Cost = 0  Port = 0x8002",
		fields: map[string]string{"stp.root.prio": "32768", "stp.root.ext": "1", "stp.port": "0x8002", "stp.max_age": "20", "stp.forward": "15"},
	},
	{
		name:   "configuration test protocol reply",
		bytes:  "aabbcc000200aabbcc00020090000000010000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
		layers: "eth:ethertype:loop:data", proto: "LOOP", info: "Reply",
		fields: map[string]string{"loop.skipcount": "0", "loop.function": "1", "loop.receipt_number": "0"},
	},
	{
		name:   "cisco metadata in gre",
		bytes:  "aabbcc000100aabbcc000200810004bd080045c0004000a40000ff2f24c60aac40070aac40062000890900000028080001010001000045c0001c00a30000ff2f24eb0aac40060aac40072000000000000028",
		layers: "eth:ethertype:vlan:ethertype:ip:gre:cmd:ip:gre", proto: "GRE",
		fields: map[string]string{"cmd.type": "0x0800", "cmd.version": "1", "cmd.options": "0x0001", "cmd.sgt": "0"},
	},
	{
		name:   "igmpv2 general query",
		bytes:  "01005e000001001b1110261108004500001c655100000102b2e3c0a80102e00000011164ee9b00000000000000000000000000000000000000000000",
		layers: "eth:ethertype:ip:igmp:igmp", proto: "IGMPv2", info: "Membership Query, general",
		fields: map[string]string{"igmp.version": "2", "igmp.max_resp": "100", "igmp.checksum.status": "1", "igmp.maddr": "0.0.0.0"},
	},
	{
		name:   "snmpv1 get-request",
		bytes:  "08003715e6bc00123f4a33d2080045000044aa190000801111d2ac1f1336ac1f13493e2c00a100300ca5302602010004067075626c6963a019020126020100020100300e300c06082b060102010102000500",
		layers: "eth:ethertype:ip:udp:snmp", proto: "SNMP", info: "get-request 1.3.6.1.2.1.1.2.0",
		fields: map[string]string{"snmp.version": "0", "snmp.community": "public", "snmp.data": "0", "snmp.request_id": "38", "snmp.name": "1.3.6.1.2.1.1.2.0", "snmp.variable_bindings": "1"},
	},
	{
		name:   "eapol start with a trailer",
		bytes:  "000cce88319a00042357a57a888e0101000000",
		layers: "eth:ethertype:eapol", proto: "EAPOL", info: "Start",
		fields: map[string]string{"eapol.version": "1", "eapol.type": "1", "eapol.len": "0", "eth.trailer": "00"},
	},
	{
		name:   "nbns name query",
		bytes:  "fffffffffffff04da247ba2508004500004e7e1900008011e7868d8edce28d8edcff00890089003ac27cff6e011000010000000000002045434643464845444441454445434444444944444545444245474445444341410000200001",
		layers: "eth:ethertype:ip:udp:nbns", proto: "NBNS", info: "Name query NB BRWC0CB383D1F42<00>",
		fields: map[string]string{"nbns.id": "0xff6e", "nbns.flags.opcode": "0", "nbns.name": "BRWC0CB383D1F42<00>", "nbns.type": "32"},
	},
	{
		name:   "vxlan carrying arp",
		bytes:  "36dc851eb34000163e0871cf08004500004eb80240003e116e48c0a8ca01c0a8cb01a6d612b5003a00000800000000006400ffffffffffff00308801000208060001080006040001003088010002c0a8cb05000000000000c0a8cb03",
		layers: "eth:ethertype:ip:udp:vxlan:eth:ethertype:arp", proto: "ARP", info: "Who has 192.168.203.3? Tell 192.168.203.5",
		fields: map[string]string{"vxlan.flags": "0x0800", "vxlan.flag_i": "1", "vxlan.vni": "100"},
	},
	{
		name:   "imap fetch literal as imf",
		bytes:  "0200002000010200002000020800450000a4637540004006c2b40a1400020a140001008f9ccaa4a94c343741b4d78018004072ec00000101080a1722008417e8115a2a20312046455443482028554944203120424f44595b5d207b35337d0d0a5375626a6563743a2068656c6c6f0d0a46726f6d3a20626f62406578616d706c652e746573740d0a0d0a486920416c6963652e0d0a290d0a41303034204f4b20466574636820636f6d706c657465642e0d0a",
		layers: "eth:ethertype:ip:tcp:imap:imf", proto: "IMAP/IMF", info: "subject: hello, from: bob@example.test, , Hi Alice.  ",
		fields: map[string]string{"imf.subject": "hello", "imf.from": "bob@example.test", "imf.address": "bob@example.test\\r\\n"},
	},
	{
		name:   "dtp over snap",
		bytes:  "01000cccccccaabbcc0003100022aaaa0300000c2004010001000500000200058100030005a50004000aaabbcc000310000000000000000000000000",
		layers: "eth:llc:dtp", proto: "DTP", info: "Dynamic Trunk Protocol",
		fields: map[string]string{"llc.cisco_pid": "0x2004", "dtp.tos": "0x01", "dtp.tat": "0x05", "dtp.senderid": "aa:bb:cc:00:03:10"},
	},
	{
		name:   "pim hello in cisco metadata in gre",
		bytes:  "aabbcc000200aabbcc000100810004bd080045c0005e00990000ff2f24b30aac40060aac40072000890900000028080001010001000045c0003a001f000001672b2aac110136e000000d2000a36a0001000200690014000425e4170f00130004000000010015000401000000fdec0000",
		layers: "eth:ethertype:vlan:ethertype:ip:gre:cmd:ip:pim", proto: "PIMv2", info: "Hello",
		fields: map[string]string{"pim.type": "0", "pim.cksum.status": "1", "pim.holdtime": "105", "pim.generation_id": "635705103", "pim.dr_priority": "1"},
	},
	{
		name:   "pptp set-link-info",
		bytes:  "0800209f6b7200000000000008004500004003bb40008006e0e60a01010b0a01010a0bd106bbd973ef308b6e2084501843b478260000001800011a2b3c4d000f000000000000ffffffffffffffff",
		layers: "eth:ethertype:ip:tcp:pptp", proto: "PPTP", info: "Set-Link-Info",
		fields: map[string]string{"pptp.control_message_type": "15", "pptp.send_accm": "0xffffffff"},
	},
	{
		name:   "browser request announcement in smb in nbdgm",
		bytes:  "ffffffffffff00042357a57a0800450000cf3887000080117c4ec0a801f9c0a801ff008a008a00bb53ec110e891dc0a801f9008a00a50000204545454b4641444a444646444441454b4341434143414341434143414341414100204542464345434546454a4645464445484643464646414641454643414341414100ff534d42250000000000000000000000000000000000000000000000000000001100000b000000000000000000e80300000000000000000b00560003000100010002001c005c4d41494c534c4f545c42524f575345000200444a50393553304a00",
		layers: "eth:ethertype:ip:udp:nbdgm:smb:browser", proto: "BROWSER", info: "Request Announcement DJP95S0J",
		fields: map[string]string{"nbdgm.source_name": "DJP95S0J<00>", "smb.cmd": "0x25", "smb.trans_name": "\\MAILSLOT\\BROWSE", "mailslot.class": "2", "browser.response_computer_name": "DJP95S0J"},
	},
}

// TestCoverageTruncated feeds each protocol's frame cut at every length: dissection must end in a
// malformed or short-frame item, never a panic that escapes.
func TestCoverageTruncated(t *testing.T) {
	frames := []string{
		"0180c2000000aabbcc000310002642420300000000008001aabbcc000300000000008001aabbcc00030080020000140002000f000000000000000000",
		"08003715e6bc00123f4a33d2080045000044aa190000801111d2ac1f1336ac1f13493e2c00a100300ca5302602010004067075626c6963a019020126020100020100300e300c06082b060102010102000500",
		"fffffffffffff04da247ba2508004500004e7e1900008011e7868d8edce28d8edcff00890089003ac27cff6e011000010000000000002045434643464845444441454445434444444944444545444245474445444341410000200001",
	}
	for _, h := range frames {
		b, _ := hex.DecodeString(h)
		for n := 14; n < len(b); n++ {
			tr := field.NewTree(dissect.Fields)
			c := dissect.NewCtx(tr, dissect.NewState())
			c.Cols.On, c.Pass1 = true, true
			c.Run(&dissect.FrameInfo{Number: 1, CapLen: uint32(n), Len: uint32(len(b)), Link: 1}, b[:n])
		}
	}
}

// coverageUDPPorts are the UDP ports of the protocols added for coverage.
var coverageUDPPorts = []uint16{161, 137, 138, 443, 1900, 4789, 6081, 3784, 1985, 17500}

// udpFrame wraps payload in Ethernet, IPv4 and UDP headers (checksums zero) towards port.
func udpFrame(port uint16, payload []byte) []byte {
	b := make([]byte, 0, 42+len(payload))
	b = append(b, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 8, 0)
	tl := 28 + len(payload)
	b = append(b, 0x45, 0, byte(tl>>8), byte(tl), 0, 1, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2)
	ul := 8 + len(payload)
	b = append(b, 0x9c, 0x40, byte(port>>8), byte(port), byte(ul>>8), byte(ul), 0, 0)
	return append(b, payload...)
}

// FuzzCoverageUDP feeds arbitrary payloads to the UDP protocols added for coverage (SNMP, NBNS,
// NBDGM/SMB/BROWSER, QUIC, SSDP, VXLAN, Geneve, BFD, HSRP, DB-LSP-DISC/JSON).
func FuzzCoverageUDP(f *testing.F) {
	f.Add(uint8(0), []byte{0x30, 0x26, 2, 1, 0, 4, 6, 'p', 'u', 'b', 'l', 'i', 'c', 0xa0, 0x19, 2, 1, 0x26, 2, 1, 0, 2, 1, 0, 0x30, 0x0e, 0x30, 0x0c, 6, 8, 0x2b, 6, 1, 2, 1, 1, 2, 0, 5, 0})
	f.Add(uint8(3), append([]byte{0xc0, 0, 0, 0, 1, 8, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0x44, 0x9e}, make([]byte, 64)...))
	f.Add(uint8(9), []byte(`{"host_int": 1, "version": [1, 8], "displayname": "x", "a": {"b": [true, null, -1.5e3]}}`))
	tr := field.NewTree(dissect.Fields)
	tr.Visible = true
	f.Fuzz(func(t *testing.T, which uint8, payload []byte) {
		defer budget.Input(t)() // a slow input is a finding
		port := coverageUDPPorts[int(which)%len(coverageUDPPorts)]
		for _, fwd := range []bool{true, false} {
			data := udpFrame(port, payload)
			if !fwd { // the reply direction, from the well-known port
				data[34], data[35], data[36], data[37] = data[36], data[37], data[34], data[35]
			}
			c := dissect.NewCtx(tr, dissect.NewState())
			c.Cols.On, c.Pass1 = true, true
			c.Run(&dissect.FrameInfo{Number: 1, CapLen: uint32(len(data)), Len: uint32(len(data)), Link: 1}, data)
			for i := 1; i < len(tr.Nodes); i++ {
				n := &tr.Nodes[i]
				if n.Off < 0 || n.Len < 0 || int(n.Off)+int(n.Len) > len(tr.Sources[n.Src].Bytes) {
					t.Fatalf("node %d covers [%d,+%d) outside its %d-byte source", i, n.Off, n.Len, len(tr.Sources[n.Src].Bytes))
				}
			}
		}
	})
}
