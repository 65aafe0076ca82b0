package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// Open Shortest Path First versions 2 (RFC 2328) and 3 (RFC 5340), IP protocol 89 (Wireshark's
// packet-ospf.c): the common header with OSPFv2 authentication or the OSPFv3 instance, Hello, Database
// Description, Link State Request, Update and Acknowledgment packets, the LSAs of both versions with
// their bodies (router, network, summary, external, NSSA, link and prefix LSAs; grace and router
// information opaque LSAs), the LLS data block and the OSPFv3 authentication trailer.

var (
	protoOSPF                                = Fields.Protocol("ospf", "Open Shortest Path First")
	hfOspfHeader                             = Fields.Add(protoOSPF, "ospf.header", "OSPF Header", field.None)
	hfOspfVersion                            = Fields.Add(protoOSPF, "ospf.version", "Version", field.Uint8)
	hfOspfMsg                                = Fields.Add(protoOSPF, "ospf.msg", "Message Type", field.Uint8, field.WithStrings(map[uint64]string{1: "Hello Packet", 2: "DB Description", 3: "LS Request", 4: "LS Update", 5: "LS Acknowledge"}))
	hfOspfPacketLength                       = Fields.Add(protoOSPF, "ospf.packet_length", "Packet Length", field.Uint16)
	hfOspfSrcrouter                          = Fields.Add(protoOSPF, "ospf.srcrouter", "Source OSPF Router", field.IPv4)
	hfOspfAreaId                             = Fields.Add(protoOSPF, "ospf.area_id", "Area ID", field.IPv4)
	hfOspfChecksum                           = Fields.Add(protoOSPF, "ospf.checksum", "Checksum", field.Uint16, field.WithBase(field.Hex))
	hfOspfTlvType                            = Fields.Add(protoOSPF, "ospf.tlv_type", "TLV Type", field.Uint16)
	hfOspfTlvLength                          = Fields.Add(protoOSPF, "ospf.tlv_length", "TLV Length", field.Uint16)
	hfOspfAuthType                           = Fields.Add(protoOSPF, "ospf.auth.type", "Auth Type", field.Uint16, field.WithStrings(map[uint64]string{0: "Null", 1: "Simple password", 2: "Cryptographic"}))
	hfOspfAuthNone                           = Fields.Add(protoOSPF, "ospf.auth.none", "Auth Data (none)", field.Bytes)
	hfOspfAuthSimple                         = Fields.Add(protoOSPF, "ospf.auth.simple", "Auth Data (Simple)", field.String)
	hfOspfAuthCryptKeyId                     = Fields.Add(protoOSPF, "ospf.auth.crypt.key_id", "Auth Crypt Key id", field.Uint8)
	hfOspfAuthCryptDataLength                = Fields.Add(protoOSPF, "ospf.auth.crypt.data_length", "Auth Crypt Data Length", field.Uint8)
	hfOspfAuthCryptSeqNbr                    = Fields.Add(protoOSPF, "ospf.auth.crypt.seq_nbr", "Auth Crypt Sequence Number", field.Uint32)
	hfOspfAuthCryptData                      = Fields.Add(protoOSPF, "ospf.auth.crypt.data", "Auth Crypt Data", field.Bytes)
	hfOspfAuthUnknown                        = Fields.Add(protoOSPF, "ospf.auth.unknown", "Auth Unknown", field.Bytes)
	hfOspfInstanceId                         = Fields.Add(protoOSPF, "ospf.instance_id", "Instance ID", field.Uint8, field.WithRanges([]field.Range{{Lo: 0, Hi: 31, Name: "IPv6 unicast AF"}, {Lo: 32, Hi: 63, Name: "IPv6 multicast AF"}, {Lo: 64, Hi: 95, Name: "IPv4 unicast AF"}, {Lo: 96, Hi: 127, Name: "IPv4 multicast AF"}, {Lo: 128, Hi: 255, Name: "Reserved"}}))
	hfOspfReserved                           = Fields.Add(protoOSPF, "ospf.reserved", "Reserved", field.Bytes, field.WithBlurb("Must be zero"))
	hfOspfMsgHello                           = Fields.Add(protoOSPF, "ospf.msg.hello", "Hello", field.Bool)
	hfOspfMsgDbdesc                          = Fields.Add(protoOSPF, "ospf.msg.dbdesc", "Database Description", field.Bool)
	hfOspfMsgLsreq                           = Fields.Add(protoOSPF, "ospf.msg.lsreq", "Link State Adv Request", field.Bool)
	hfOspfMsgLsupdate                        = Fields.Add(protoOSPF, "ospf.msg.lsupdate", "Link State Adv Update", field.Bool)
	hfOspfMsgLsack                           = Fields.Add(protoOSPF, "ospf.msg.lsack", "Link State Adv Acknowledgement", field.Bool)
	hfOspfHello                              = Fields.Add(protoOSPF, "ospf.hello", "OSPF Hello Packet", field.None)
	hfOspfHelloNetworkMask                   = Fields.Add(protoOSPF, "ospf.hello.network_mask", "Network Mask", field.IPv4)
	hfOspfHelloInterfaceId                   = Fields.Add(protoOSPF, "ospf.hello.interface_id", "Interface ID", field.Uint32)
	hfOspfHelloHelloInterval                 = Fields.Add(protoOSPF, "ospf.hello.hello_interval", "Hello Interval [sec]", field.Uint32)
	hfOspfHelloRouterPriority                = Fields.Add(protoOSPF, "ospf.hello.router_priority", "Router Priority", field.Uint8)
	hfOspfHelloRouterDeadInterval            = Fields.Add(protoOSPF, "ospf.hello.router_dead_interval", "Router Dead Interval [sec]", field.Uint32)
	hfOspfHelloDesignatedRouter              = Fields.Add(protoOSPF, "ospf.hello.designated_router", "Designated Router", field.IPv4)
	hfOspfHelloBackupDesignatedRouter        = Fields.Add(protoOSPF, "ospf.hello.backup_designated_router", "Backup Designated Router", field.IPv4)
	hfOspfHelloActiveNeighbor                = Fields.Add(protoOSPF, "ospf.hello.active_neighbor", "Active Neighbor", field.IPv4)
	hfOspfAt                                 = Fields.Add(protoOSPF, "ospf.at", "OSPF Authentication Trailer", field.None)
	hfOspfAtAuthType                         = Fields.Add(protoOSPF, "ospf.at.auth_type", "Authentication Type", field.Uint16, field.WithStrings(map[uint64]string{0: "Reserved", 1: "HMAC Cryptographic Authentication"}), field.WithBlurb("Identifying the type of authentication"))
	hfOspfAtAuthDataLen                      = Fields.Add(protoOSPF, "ospf.at.auth_data_len", "Authentication Data Length", field.Uint16, field.WithBlurb("The length in octets of the Authentication Trailer (AT) including both the 16-octet fixed header and the variable length message digest"))
	hfOspfAtReserved                         = Fields.Add(protoOSPF, "ospf.at.reserved", "Reserved", field.Uint16, field.WithBase(field.Hex), field.WithBlurb("It SHOULD be set to 0"))
	hfOspfAtSaId                             = Fields.Add(protoOSPF, "ospf.at.sa_id", "Security Association Identifier (SA ID)", field.Uint16, field.WithBase(field.Hex), field.WithBlurb("That maps to the authentication algorithm and the secret key used to create the message digest"))
	hfOspfAtCryptoSeqNbr                     = Fields.Add(protoOSPF, "ospf.at.crypto_seq_nbr", "Cryptographic Sequence Number", field.Uint64, field.WithBlurb("Increasing sequence number that is used to guard against replay attacks"))
	hfOspfAtAuthData                         = Fields.Add(protoOSPF, "ospf.at.auth_data", "Authentication Data", field.Bytes, field.WithBlurb("Variable data that is carrying the digest for the protocol packet and optional LLS data block"))
	hfOspfLsa                                = Fields.Add(protoOSPF, "ospf.lsa", "LS Type", field.Uint8, field.WithStrings(map[uint64]string{1: "Router-LSA", 2: "Network-LSA", 3: "Summary-LSA (IP network)", 4: "Summary-LSA (ASBR)", 5: "AS-External-LSA (ASBR)", 6: "Group Membership LSA", 7: "NSSA AS-External-LSA", 8: "External Attributes LSA", 9: "Opaque LSA, Link-local scope", 10: "Opaque LSA, Area-local scope", 11: "Opaque LSA, AS-local scope"}))
	hfOspfLsaAge                             = Fields.Add(protoOSPF, "ospf.lsa.age", "LS Age (seconds)", field.Uint16, field.WithMask(0x7fff))
	hfOspfLsaDonotage                        = Fields.Add(protoOSPF, "ospf.lsa.donotage", "Do Not Age Flag", field.Uint16, field.WithMask(0x8000))
	hfOspfLsaId                              = Fields.Add(protoOSPF, "ospf.lsa.id", "Link State ID", field.IPv4)
	hfOspfLsaSeqnum                          = Fields.Add(protoOSPF, "ospf.lsa.seqnum", "Sequence Number", field.Uint32, field.WithBase(field.Hex))
	hfOspfLsaChksum                          = Fields.Add(protoOSPF, "ospf.lsa.chksum", "Checksum", field.Uint16, field.WithBase(field.Hex))
	hfOspfLsaLength                          = Fields.Add(protoOSPF, "ospf.lsa.length", "Length", field.Uint16)
	hfOspfLsidOpaqueType                     = Fields.Add(protoOSPF, "ospf.lsid_opaque_type", "Link State ID Opaque Type", field.Uint8, field.WithStrings(map[uint64]string{1: "Traffic Engineering LSA", 2: "Sycamore Optical Topology Descriptions", 3: "grace-LSA", 4: "Router Information (RI)", 5: "L1VPN LSA", 6: "Inter-AS-TE-v2 LSA", 7: "OSPFv2 Extended Prefix Opaque LSA", 8: "OSPFv2 Extended Link Opaque LSA", 9: "TTZ LSA"}))
	hfOspfLsidTeLsaInstance                  = Fields.Add(protoOSPF, "ospf.lsid_te_lsa.instance", "Link State ID TE-LSA Instance", field.Uint16)
	hfOspfLsaRouter                          = Fields.Add(protoOSPF, "ospf.lsa.router", "Router LSA", field.Bool)
	hfOspfLsaRouterLinktype                  = Fields.Add(protoOSPF, "ospf.lsa.router.linktype", "Link Type", field.Uint8)
	hfOspfLsaRouterLinkid                    = Fields.Add(protoOSPF, "ospf.lsa.router.linkid", "Link ID", field.IPv4)
	hfOspfLsaRouterLinkdata                  = Fields.Add(protoOSPF, "ospf.lsa.router.linkdata", "Link Data", field.IPv4)
	hfOspfLsaRouterNummetrics                = Fields.Add(protoOSPF, "ospf.lsa.router.nummetrics", "Number of Metrics", field.Uint8)
	hfOspfLsaRouterMetric0                   = Fields.Add(protoOSPF, "ospf.lsa.router.metric0", "0 Metric", field.Uint16)
	hfOspfLsaNetwork                         = Fields.Add(protoOSPF, "ospf.lsa.network", "Network LSA", field.Bool)
	hfOspfLsaNetworkNetmask                  = Fields.Add(protoOSPF, "ospf.lsa.network.netmask", "Netmask", field.IPv4)
	hfOspfLsaNetworkAttchrtr                 = Fields.Add(protoOSPF, "ospf.lsa.network.attchrtr", "Attached Router", field.IPv4)
	hfOspfLsaSummary                         = Fields.Add(protoOSPF, "ospf.lsa.summary", "Summary LSA (IP Network)", field.Bool)
	hfOspfLsaAsbr                            = Fields.Add(protoOSPF, "ospf.lsa.asbr", "Summary LSA (ASBR)", field.Bool)
	hfOspfLsaAsbrNetmask                     = Fields.Add(protoOSPF, "ospf.lsa.asbr.netmask", "Netmask", field.IPv4)
	hfOspfLsaAsext                           = Fields.Add(protoOSPF, "ospf.lsa.asext", "AS-External LSA (ASBR)", field.Bool)
	hfOspfLsaAsextNetmask                    = Fields.Add(protoOSPF, "ospf.lsa.asext.netmask", "Netmask", field.IPv4)
	hfOspfLsaAsextFwdaddr                    = Fields.Add(protoOSPF, "ospf.lsa.asext.fwdaddr", "Forwarding Address", field.IPv4)
	hfOspfLsaAsextExtrttag                   = Fields.Add(protoOSPF, "ospf.lsa.asext.extrttag", "External Route Tag", field.Uint32)
	hfOspfLsaMember                          = Fields.Add(protoOSPF, "ospf.lsa.member", "Group Membership LSA", field.Bool)
	hfOspfLsaNssa                            = Fields.Add(protoOSPF, "ospf.lsa.nssa", "NSSA AS-External LSA", field.Bool)
	hfOspfLsaAttr                            = Fields.Add(protoOSPF, "ospf.lsa.attr", "External Attributes LSA", field.Bool)
	hfOspfLsaOpaque                          = Fields.Add(protoOSPF, "ospf.lsa.opaque", "Opaque LSA", field.Bool)
	hfOspfV3Lsa                              = Fields.Add(protoOSPF, "ospf.v3.lsa", "LS Type", field.Uint16, field.WithBase(field.Hex))
	hfOspfV3LsaU                             = Fields.Add(protoOSPF, "ospf.v3.lsa.u", "LSA Handling", field.Bool, field.WithBase(16), field.WithMask(0x8000), field.WithTrueFalse("Treat the LSA as if it had link-local flooding scope", "Store and flood the LSA as if the type is understood"))
	hfOspfV3LsaS12                           = Fields.Add(protoOSPF, "ospf.v3.lsa.s12", "Flooding Scope", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x6000), field.WithStrings(map[uint64]string{0: "Link-Local Scoping - Flooded only on originating link", 1: "Area Scoping - Flooded only in originating area", 2: "AS Scoping - Flooded throughout AS", 3: "Reserved"}))
	hfOspfV3LsaFc                            = Fields.Add(protoOSPF, "ospf.v3.lsa.fc", "Function Code", field.Uint16, field.WithMask(0x1fff), field.WithStrings(map[uint64]string{1: "Router-LSA", 2: "Network-LSA", 3: "Inter-Area-Prefix-LSA", 4: "Inter-Area-Router-LSA", 5: "AS-External-LSA", 6: "Group-Membership-LSA", 7: "NSSA-LSA", 8: "Link-LSA", 9: "Intra-Area-Prefix-LSA", 12: "Router Information Opaque-LSA"}))
	hfOspfV3LsaRouter                        = Fields.Add(protoOSPF, "ospf.v3.lsa.router", "Router-LSA", field.Bool)
	hfOspfV3LsaNetwork                       = Fields.Add(protoOSPF, "ospf.v3.lsa.network", "Network-LSA", field.Bool)
	hfOspfV3LsaInterprefix                   = Fields.Add(protoOSPF, "ospf.v3.lsa.interprefix", "Inter-Area-Prefix-LSA", field.Bool)
	hfOspfV3LsaInterrouter                   = Fields.Add(protoOSPF, "ospf.v3.lsa.interrouter", "Inter-Area-Router-LSA", field.Bool)
	hfOspfV3LsaAsext                         = Fields.Add(protoOSPF, "ospf.v3.lsa.asext", "AS-External-LSA", field.Bool)
	hfOspfV3LsaMember                        = Fields.Add(protoOSPF, "ospf.v3.lsa.member", "Group-Membership-LSA", field.Bool)
	hfOspfV3LsaNssa                          = Fields.Add(protoOSPF, "ospf.v3.lsa.nssa", "NSSA-LSA", field.Bool)
	hfOspfV3LsaLink                          = Fields.Add(protoOSPF, "ospf.v3.lsa.link", "Link-LSA", field.Bool)
	hfOspfV3LsaIntraprefix                   = Fields.Add(protoOSPF, "ospf.v3.lsa.intraprefix", "Intra-Area-Prefix-LSA", field.Bool)
	hfOspfV3LsaOpaque                        = Fields.Add(protoOSPF, "ospf.v3.lsa.opaque", "Router Information Opaque-LSA", field.Bool)
	hfOspfAdvrouter                          = Fields.Add(protoOSPF, "ospf.advrouter", "Advertising Router", field.IPv4)
	hfOspfLsaMpls                            = Fields.Add(protoOSPF, "ospf.lsa.mpls", "MPLS Traffic Engineering LSA", field.Bool)
	hfOspfV2Options                          = Fields.Add(protoOSPF, "ospf.v2.options", "Options", field.Uint8, field.WithBase(field.Hex))
	hfOspfV2OptionsMt                        = Fields.Add(protoOSPF, "ospf.v2.options.mt", "(MT) Multi-Topology Routing", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Yes", "No"))
	hfOspfV2OptionsE                         = Fields.Add(protoOSPF, "ospf.v2.options.e", "(E) External Routing", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("Capable", "Not capable"))
	hfOspfV2OptionsMc                        = Fields.Add(protoOSPF, "ospf.v2.options.mc", "(MC) Multicast", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithTrueFalse("Capable", "Not capable"))
	hfOspfV2OptionsN                         = Fields.Add(protoOSPF, "ospf.v2.options.n", "(N) NSSA", field.Bool, field.WithBase(8), field.WithMask(0x8), field.WithTrueFalse("Supported", "Not supported"))
	hfOspfV2OptionsP                         = Fields.Add(protoOSPF, "ospf.v2.options.p", "(P) Propagate", field.Bool, field.WithBase(8), field.WithMask(0x8), field.WithTrueFalse("Set", "Not set"))
	hfOspfV2OptionsL                         = Fields.Add(protoOSPF, "ospf.v2.options.l", "(L) LLS Data block", field.Bool, field.WithBase(8), field.WithMask(0x10), field.WithTrueFalse("Present", "Not Present"))
	hfOspfV2OptionsDc                        = Fields.Add(protoOSPF, "ospf.v2.options.dc", "(DC) Demand Circuits", field.Bool, field.WithBase(8), field.WithMask(0x20), field.WithTrueFalse("Supported", "Not supported"))
	hfOspfV2OptionsO                         = Fields.Add(protoOSPF, "ospf.v2.options.o", "O", field.Bool, field.WithBase(8), field.WithMask(0x40), field.WithTrueFalse("Set", "Not set"))
	hfOspfV2OptionsDn                        = Fields.Add(protoOSPF, "ospf.v2.options.dn", "DN", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithTrueFalse("Set", "Not set"))
	hfOspfV3Options                          = Fields.Add(protoOSPF, "ospf.v3.options", "Options", field.Uint24, field.WithBase(field.Hex))
	hfOspfV3OptionsV6                        = Fields.Add(protoOSPF, "ospf.v3.options.v6", "V6", field.Bool, field.WithBase(24), field.WithMask(0x1), field.WithTrueFalse("Set", "Not set"))
	hfOspfV3OptionsE                         = Fields.Add(protoOSPF, "ospf.v3.options.e", "E", field.Bool, field.WithBase(24), field.WithMask(0x2), field.WithTrueFalse("Set", "Not set"))
	hfOspfV3OptionsMc                        = Fields.Add(protoOSPF, "ospf.v3.options.mc", "MC", field.Bool, field.WithBase(24), field.WithMask(0x4), field.WithTrueFalse("Set", "Not set"))
	hfOspfV3OptionsN                         = Fields.Add(protoOSPF, "ospf.v3.options.n", "N", field.Bool, field.WithBase(24), field.WithMask(0x8), field.WithTrueFalse("Set", "Not set"))
	hfOspfV3OptionsR                         = Fields.Add(protoOSPF, "ospf.v3.options.r", "R", field.Bool, field.WithBase(24), field.WithMask(0x10), field.WithTrueFalse("Set", "Not set"))
	hfOspfV3OptionsDc                        = Fields.Add(protoOSPF, "ospf.v3.options.dc", "DC", field.Bool, field.WithBase(24), field.WithMask(0x20), field.WithTrueFalse("Set", "Not set"))
	hfOspfV3OptionsAf                        = Fields.Add(protoOSPF, "ospf.v3.options.af", "AF", field.Bool, field.WithBase(24), field.WithMask(0x100), field.WithTrueFalse("Set", "Not set"))
	hfOspfV3OptionsL                         = Fields.Add(protoOSPF, "ospf.v3.options.l", "L", field.Bool, field.WithBase(24), field.WithMask(0x200), field.WithTrueFalse("Set", "Not set"))
	hfOspfV3OptionsAt                        = Fields.Add(protoOSPF, "ospf.v3.options.at", "AT", field.Bool, field.WithBase(24), field.WithMask(0x400), field.WithTrueFalse("Set", "Not set"))
	hfOspfDbd                                = Fields.Add(protoOSPF, "ospf.dbd", "DB Description", field.Uint8, field.WithBase(field.Hex))
	hfOspfDbdR                               = Fields.Add(protoOSPF, "ospf.dbd.r", "(R) OOBResync", field.Bool, field.WithBase(8), field.WithMask(0x8), field.WithTrueFalse("Set", "Not set"))
	hfOspfDbdI                               = Fields.Add(protoOSPF, "ospf.dbd.i", "(I) Init", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithTrueFalse("Set", "Not set"))
	hfOspfDbdM                               = Fields.Add(protoOSPF, "ospf.dbd.m", "(M) More", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("Set", "Not set"))
	hfOspfDbdMs                              = Fields.Add(protoOSPF, "ospf.dbd.ms", "(MS) Master", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Yes", "No"))
	hfOspfLlsExtOptions                      = Fields.Add(protoOSPF, "ospf.lls.ext.options", "Options", field.Uint32, field.WithBase(field.Hex))
	hfOspfLlsExtOptionsLr                    = Fields.Add(protoOSPF, "ospf.lls.ext.options.lr", "(LR) LSDB Resynchronization", field.Bool, field.WithBase(32), field.WithMask(0x1), field.WithTrueFalse("Set", "Not set"))
	hfOspfLlsExtOptionsRs                    = Fields.Add(protoOSPF, "ospf.lls.ext.options.rs", "(RS) Restart Signal", field.Bool, field.WithBase(32), field.WithMask(0x2), field.WithTrueFalse("Set", "Not set"))
	hfOspfV2RouterLsaFlags                   = Fields.Add(protoOSPF, "ospf.v2.router.lsa.flags", "Flags", field.Uint8, field.WithBase(field.Hex))
	hfOspfV2RouterLsaFlagsB                  = Fields.Add(protoOSPF, "ospf.v2.router.lsa.flags.b", "(B) Area border router", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Yes", "No"))
	hfOspfV2RouterLsaFlagsE                  = Fields.Add(protoOSPF, "ospf.v2.router.lsa.flags.e", "(E) AS boundary router", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("Yes", "No"))
	hfOspfV2RouterLsaFlagsV                  = Fields.Add(protoOSPF, "ospf.v2.router.lsa.flags.v", "(V) Virtual link endpoint", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithTrueFalse("Yes", "No"))
	hfOspfV2RouterLsaFlagsW                  = Fields.Add(protoOSPF, "ospf.v2.router.lsa.flags.w", "(W) Wild-card multicast receiver", field.Bool, field.WithBase(8), field.WithMask(0x8), field.WithTrueFalse("Yes", "No"))
	hfOspfV2RouterLsaFlagsN                  = Fields.Add(protoOSPF, "ospf.v2.router.lsa.flags.n", "(N) flag", field.Bool, field.WithBase(8), field.WithMask(0x10), field.WithTrueFalse("Yes", "No"))
	hfOspfV2RouterLsaFlagsH                  = Fields.Add(protoOSPF, "ospf.v2.router.lsa.flags.h", "(H) flag", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithTrueFalse("Yes", "No"))
	hfOspfV3RouterLsaFlags                   = Fields.Add(protoOSPF, "ospf.v3.router.lsa.flags", "Flags", field.Uint8, field.WithBase(field.Hex))
	hfOspfV3RouterLsaFlagsB                  = Fields.Add(protoOSPF, "ospf.v3.router.lsa.flags.b", "(B) Area border router", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Yes", "No"))
	hfOspfV3RouterLsaFlagsE                  = Fields.Add(protoOSPF, "ospf.v3.router.lsa.flags.e", "(E) AS boundary router", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("Yes", "No"))
	hfOspfV3RouterLsaFlagsV                  = Fields.Add(protoOSPF, "ospf.v3.router.lsa.flags.v", "(V) Virtual link endpoint", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithTrueFalse("Yes", "No"))
	hfOspfV3RouterLsaFlagsW                  = Fields.Add(protoOSPF, "ospf.v3.router.lsa.flags.w", "(W) Wild-card multicast receiver", field.Bool, field.WithBase(8), field.WithMask(0x8), field.WithTrueFalse("Yes", "No"))
	hfOspfV3AsExternalFlags                  = Fields.Add(protoOSPF, "ospf.v3.as.external.flags", "Flags", field.Uint8, field.WithBase(field.Hex))
	hfOspfV3AsExternalFlagsT                 = Fields.Add(protoOSPF, "ospf.v3.as.external.flags.t", "(T) External Route Tag", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Present", "Not Present"))
	hfOspfV3AsExternalFlagsF                 = Fields.Add(protoOSPF, "ospf.v3.as.external.flags.f", "(F) Forwarding Address", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("Present", "Absent"))
	hfOspfV3AsExternalFlagsE                 = Fields.Add(protoOSPF, "ospf.v3.as.external.flags.e", "(E) External Metric", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithTrueFalse("Type 2", "Type 1"))
	hfOspfV3PrefixOptions                    = Fields.Add(protoOSPF, "ospf.v3.prefix.options", "PrefixOptions", field.Uint8, field.WithBase(field.Hex))
	hfOspfV3PrefixOptionsNu                  = Fields.Add(protoOSPF, "ospf.v3.prefix.options.nu", "(NU) NoUnicast", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Set", "Not set"))
	hfOspfV3PrefixOptionsLa                  = Fields.Add(protoOSPF, "ospf.v3.prefix.options.la", "(LA) Local Address", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("Set", "Not set"))
	hfOspfV3PrefixOptionsMc                  = Fields.Add(protoOSPF, "ospf.v3.prefix.options.mc", "(MC) Multicast", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithTrueFalse("Set", "Not set"))
	hfOspfV3PrefixOptionsP                   = Fields.Add(protoOSPF, "ospf.v3.prefix.options.p", "(P) Propagate", field.Bool, field.WithBase(8), field.WithMask(0x8), field.WithTrueFalse("Set", "Not set"))
	hfOspfDynhostname                        = Fields.Add(protoOSPF, "ospf.dynhostname", "Dynamic Hostname", field.String)
	hfOspfV2Grace                            = Fields.Add(protoOSPF, "ospf.v2.grace", "Grace TLV", field.None)
	hfOspfV2GracePeriod                      = Fields.Add(protoOSPF, "ospf.v2.grace.period", "Grace Period", field.Uint32, field.WithBlurb("The number of seconds neighbors should advertise the router as fully adjacent"))
	hfOspfV2GraceReason                      = Fields.Add(protoOSPF, "ospf.v2.grace.reason", "Restart Reason", field.Uint8, field.WithStrings(map[uint64]string{0: "Unknown", 1: "Software Restart", 2: "Software Reload/Upgrade", 3: "Processor Switchover"}), field.WithBlurb("The reason the router is restarting"))
	hfOspfV2GraceIp                          = Fields.Add(protoOSPF, "ospf.v2.grace.ip", "Restart IP", field.IPv4, field.WithBlurb("The IP address of the interface originating this LSA"))
	hfOspfV2LlsSequenceNumber                = Fields.Add(protoOSPF, "ospf.v2.lls.sequence_number", "Sequence number", field.Uint32, field.WithBase(field.Hex))
	hfOspfV2LlsAuthData                      = Fields.Add(protoOSPF, "ospf.v2.lls.auth_data", "Auth Data", field.Bytes)
	hfOspfLlsChecksum                        = Fields.Add(protoOSPF, "ospf.lls.checksum", "Checksum", field.Uint16, field.WithBase(field.Hex))
	hfOspfLlsDataLength                      = Fields.Add(protoOSPF, "ospf.lls.data_length", "LLS Data Length", field.Uint16)
	hfOspfDbInterfaceMtu                     = Fields.Add(protoOSPF, "ospf.db.interface_mtu", "Interface MTU", field.Uint16)
	hfOspfDbDdSequence                       = Fields.Add(protoOSPF, "ospf.db.dd_sequence", "DD Sequence", field.Uint32)
	hfOspfLinkStateId                        = Fields.Add(protoOSPF, "ospf.link_state_id", "Link State ID", field.IPv4)
	hfOspfLsNumberOfLsas                     = Fields.Add(protoOSPF, "ospf.ls.number_of_lsas", "Number of LSAs", field.Uint32)
	hfOspfLsidTeLsaReserved                  = Fields.Add(protoOSPF, "ospf.lsid_te_lsa.reserved", "Link State ID TE-LSA Reserved", field.Uint8)
	hfOspfLsidOpaqueId                       = Fields.Add(protoOSPF, "ospf.lsid.opaque_id", "Link State ID Opaque ID", field.Uint24)
	hfOspfLsaNumberOfLinks                   = Fields.Add(protoOSPF, "ospf.lsa.number_of_links", "Number of Links", field.Uint16)
	hfOspfV3LsaDoNotAge                      = Fields.Add(protoOSPF, "ospf.v3.lsa.do_not_age", "Do Not Age", field.Bool, field.WithBase(16), field.WithMask(0x8000))
	hfOspfV3LsaInterfaceId                   = Fields.Add(protoOSPF, "ospf.v3.lsa.interface_id", "Interface ID", field.Uint32)
	hfOspfV3LsaNeighborInterfaceId           = Fields.Add(protoOSPF, "ospf.v3.lsa.neighbor_interface_id", "Neighbor Interface ID", field.Uint32)
	hfOspfV3LsaNeighborRouterId              = Fields.Add(protoOSPF, "ospf.v3.lsa.neighbor_router_id", "Neighbor Router ID", field.IPv4)
	hfOspfV3LsaAttachedRouter                = Fields.Add(protoOSPF, "ospf.v3.lsa.attached_router", "Attached Router", field.IPv4)
	hfOspfV3LsaDestinationRouterId           = Fields.Add(protoOSPF, "ospf.v3.lsa.destination_router_id", "Destination Router ID", field.IPv4)
	hfOspfV3LsaReferencedLsType              = Fields.Add(protoOSPF, "ospf.v3.lsa.referenced_ls_type", "Referenced LS type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{1: "Router-LSA", 2: "Network-LSA", 3: "Inter-Area-Prefix-LSA", 4: "Inter-Area-Router-LSA", 5: "AS-External-LSA", 6: "Group-Membership-LSA", 7: "NSSA-LSA", 8: "Link-LSA", 9: "Intra-Area-Prefix-LSA", 12: "Router Information Opaque-LSA"}))
	hfOspfV3LsaForwardingAddressIpv6         = Fields.Add(protoOSPF, "ospf.v3.lsa.forwarding_address.ipv6", "Forwarding Address", field.IPv6)
	hfOspfV3LsaExternalRouteTag              = Fields.Add(protoOSPF, "ospf.v3.lsa.external_route_tag", "External Route Tag", field.Uint32)
	hfOspfV3LsaReferencedLinkStateId         = Fields.Add(protoOSPF, "ospf.v3.lsa.referenced_link_state_id", "Referenced Link State ID", field.IPv4)
	hfOspfV3LsaRouterPriority                = Fields.Add(protoOSPF, "ospf.v3.lsa.router_priority", "Router Priority", field.Uint8)
	hfOspfV3LsaLinkLocalInterfaceAddressIpv6 = Fields.Add(protoOSPF, "ospf.v3.lsa.link_local_interface_address.ipv6", "Link-local Interface Address", field.IPv6)
	hfOspfV3LsaReferencedAdvertisingRouter   = Fields.Add(protoOSPF, "ospf.v3.lsa.referenced_advertising_router", "Referenced Advertising Router", field.IPv4)
	hfOspfLsaAsextType                       = Fields.Add(protoOSPF, "ospf.lsa.asext.type", "External Type", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithTrueFalse("Type 2 (metric is larger than any other link state path)", "Type 1 (metric is specified in the same units as interface cost)"))
	hfOspfLsaTos                             = Fields.Add(protoOSPF, "ospf.lsa.tos", "TOS", field.Uint8)
	hfOspfV3LsaType                          = Fields.Add(protoOSPF, "ospf.v3.lsa.type", "Type", field.Uint8, field.WithStrings(map[uint64]string{1: "Point-to-point connection to another router", 2: "Connection to a transit network", 3: "Connection to a stub network", 4: "Virtual link"}))
	hfOspfMetric                             = Fields.Add(protoOSPF, "ospf.metric", "Metric", field.Uint32)
	hfOspfPrefixLength                       = Fields.Add(protoOSPF, "ospf.prefix_length", "PrefixLength", field.Uint8)
	hfOspfPadBytes                           = Fields.Add(protoOSPF, "ospf.pad_bytes", "Pad Bytes", field.Bytes)
	hfOspfV3LsaForwardingAddressIpv4         = Fields.Add(protoOSPF, "ospf.v3.lsa.forwarding_address.ipv4", "Forwarding Address", field.IPv4)
	hfOspfV3LsaLinkLocalInterfaceAddressIpv4 = Fields.Add(protoOSPF, "ospf.v3.lsa.link_local_interface_address.ipv4", "Link-local Interface Address", field.IPv4)
	hfOspfV3LsaNumPrefixes                   = Fields.Add(protoOSPF, "ospf.v3.lsa.num_prefixes", "# prefixes", field.Uint32)
	hfOspfV3AddressPrefixIpv6                = Fields.Add(protoOSPF, "ospf.v3.address_prefix.ipv6", "Address Prefix", field.IPv6)
	hfOspfV3AddressPrefixIpv4                = Fields.Add(protoOSPF, "ospf.v3.address_prefix.ipv4", "Address Prefix", field.IPv4)
	hfOspfTlvTypeOpaque                      = Fields.Add(protoOSPF, "ospf.tlv_type.opaque", "TLV Type", field.Uint16, field.WithStrings(map[uint64]string{1: "Router Informational Capabilities", 2: "Router Functional Capabilities", 3: "TE-MESH-GROUP TLV (IPv4)", 4: "TE-MESH-GROUP TLV (IPv6)", 5: "TE Node Capability Descriptor", 6: "PCED", 7: "OSPF Dynamic Hostname", 8: "SR-Algorithm ", 9: "SID/Label Range", 10: "Node Admin Tag ", 11: "S-BFD Discriminator", 12: "Node MSD", 14: "SR Local Block", 15: "SRMS Preference", 16: "Flexible Algorithm Definition"}))
	hfOspfTlvValue                           = Fields.Add(protoOSPF, "ospf.tlv_value", "TLV Value", field.Bytes)
	hfOspfLsMetric                           = Fields.Add(protoOSPF, "ospf.ls.metric", "Metric", field.Uint32)

	eiOspfReserved   = RegisterExpert(protoOSPF, "ospf.reserved.not_zero", "incorrect, should be 0", GroupProtocol, SevWarn)
	eiOspfBadLength  = RegisterExpert(protoOSPF, "ospf.lsa.invalid_length", "Invalid length", GroupMalformed, SevError)
	eiOspfTosMissing = RegisterExpert(protoOSPF, "ospf.lsa.tos_missing", "Blocks missing", GroupMalformed, SevWarn)
	eiOspfUnknownLSA = RegisterExpert(protoOSPF, "ospf.lsa.unknown_type", "Unknown LSA Type", GroupProtocol, SevWarn)
	handleOSPF       = &Handle{Name: "ospf", Fn: dissectOSPF}
)

// The flag fields of each OSPF bitfield, in the order tshark lists them (highest bit first).
var (
	ospfV2OptionBits     = []field.ID{hfOspfV2OptionsDn, hfOspfV2OptionsO, hfOspfV2OptionsDc, hfOspfV2OptionsL, hfOspfV2OptionsN, hfOspfV2OptionsMc, hfOspfV2OptionsE, hfOspfV2OptionsMt}
	ospfV2OptionBitsLSA7 = []field.ID{hfOspfV2OptionsDn, hfOspfV2OptionsO, hfOspfV2OptionsDc, hfOspfV2OptionsL, hfOspfV2OptionsP, hfOspfV2OptionsMc, hfOspfV2OptionsE, hfOspfV2OptionsMt}
	ospfV3OptionBits     = []field.ID{hfOspfV3OptionsAt, hfOspfV3OptionsL, hfOspfV3OptionsAf, hfOspfV3OptionsDc, hfOspfV3OptionsR, hfOspfV3OptionsN, hfOspfV3OptionsMc, hfOspfV3OptionsE, hfOspfV3OptionsV6}
	ospfDBDBits          = []field.ID{hfOspfDbdR, hfOspfDbdI, hfOspfDbdM, hfOspfDbdMs}
	ospfLLSExtBits       = []field.ID{hfOspfLlsExtOptionsRs, hfOspfLlsExtOptionsLr}
	ospfV2RouterBits     = []field.ID{hfOspfV2RouterLsaFlagsH, hfOspfV2RouterLsaFlagsN, hfOspfV2RouterLsaFlagsW, hfOspfV2RouterLsaFlagsV, hfOspfV2RouterLsaFlagsE, hfOspfV2RouterLsaFlagsB}
	ospfV3RouterBits     = []field.ID{hfOspfV3RouterLsaFlagsW, hfOspfV3RouterLsaFlagsV, hfOspfV3RouterLsaFlagsE, hfOspfV3RouterLsaFlagsB}
	ospfV3ExternalBits   = []field.ID{hfOspfV3AsExternalFlagsE, hfOspfV3AsExternalFlagsF, hfOspfV3AsExternalFlagsT}
	ospfV3PrefixBits     = []field.ID{hfOspfV3PrefixOptionsP, hfOspfV3PrefixOptionsMc, hfOspfV3PrefixOptionsLa, hfOspfV3PrefixOptionsNu}

	// ospfMsgBools are the hidden per-message-type booleans (ospf.msg.hello ...), by type - 1.
	ospfMsgBools = []field.ID{hfOspfMsgHello, hfOspfMsgDbdesc, hfOspfMsgLsreq, hfOspfMsgLsupdate, hfOspfMsgLsack}
	// ospfLSABools are the hidden per-LSA-type booleans of OSPFv2 (types 1-8, then the opaque ones).
	ospfLSABools = []field.ID{hfOspfLsaRouter, hfOspfLsaNetwork, hfOspfLsaSummary, hfOspfLsaAsbr, hfOspfLsaAsext, hfOspfLsaMember, hfOspfLsaNssa, hfOspfLsaAttr}
	// ospfV3LSABools are OSPFv3's, by function code 1-9.
	ospfV3LSABools = []field.ID{hfOspfV3LsaRouter, hfOspfV3LsaNetwork, hfOspfV3LsaInterprefix, hfOspfV3LsaInterrouter, hfOspfV3LsaAsext, hfOspfV3LsaMember, hfOspfV3LsaNssa, hfOspfV3LsaLink, hfOspfV3LsaIntraprefix}
)

// The short and long names of router-LSA link types, and what their link ID is.
var (
	ospfLinkShort  = map[uint8]string{1: "PTP", 2: "Transit", 3: "Stub", 4: "Virtual"}
	ospfLinkIDName = map[uint8]string{1: "Neighboring router's Router ID", 2: "IP address of Designated Router", 3: "IP network/subnet number", 4: "Neighboring router's Router ID"}
	ospfGraceTLVs  = map[uint64]string{1: "grace-LSA Grace Period", 2: "grace-LSA Restart Reason", 3: "grace-LSA Restart IP"}
	ospfLLSTLVs    = map[uint16]string{1: "Extended options TLV", 2: "Crypto Authentication TLV"}
	// ospfLSAMinLen is the shortest valid OSPFv2 LSA of each type.
	ospfLSAMinLen = [...]uint16{0, 24, 28, 28, 28, 36, 20, 36, 20, 20, 20, 20}
)

func init() {
	RegisterShortName(protoOSPF, "OSPF")
	IPProto.Add(89, handleOSPF)
	Fields.Get(hfOspfV2GraceReason).Strings = map[uint64]string{0: "Unknown", 1: "Software Restart", 2: "Software Reload/Upgrade", 3: "Processor Switchover"}
}

// inetShouldBe returns the checksum a packet should carry, given the one it carries and the Internet
// checksum computed over it (Wireshark's in_cksum_shouldbe).
func inetShouldBe(ck, computed uint16) uint16 {
	s := uint32(ck) + uint32(computed)
	s = s&0xffff + s>>16
	s = s&0xffff + s>>16
	return uint16(s)
}

func dissectOSPF(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("OSPF")
	c.ClearInfo()
	version := t.U8(0)
	hl := 14
	switch version {
	case 2:
		hl = 24
	case 3:
		hl = 16
	}
	typ := uint64(t.U8(1))
	if c.Cols.On {
		if n, ok := Fields.Get(hfOspfMsg).Strings[typ]; ok {
			c.SetInfo(n)
		} else {
			c.SetInfo("Unknown (" + itoa(typ) + ")")
		}
	}
	olen := int(t.U16(2))
	p := c.AddProto(parent, protoOSPF, t, 0, -1)
	h := c.Add(p, hfOspfHeader, t, 0, hl, field.Value{})
	c.AddUint(h, hfOspfVersion, t, 0, 1)
	c.AddUint(h, hfOspfMsg, t, 1, 1)
	if typ >= 1 && typ <= 5 {
		c.AddHidden(h, ospfMsgBools[typ-1], t, 1, 1, field.Value{U: 1})
	}
	c.AddUint(h, hfOspfPacketLength, t, 2, 2)
	c.AddBytes(h, hfOspfSrcrouter, t, 4, 4)
	an := c.AddBytes(h, hfOspfAreaId, t, 8, 4)
	if t.U32(8) == 0 {
		c.Label(an, "Area ID: 0.0.0.0 (Backbone)")
	}
	ckn, ck := c.AddUint(h, hfOspfChecksum, t, 12, 2)
	if ck == 0 {
		c.Label(ckn, "Checksum: 0x0000 (None)")
	}
	if version != 2 && version != 3 {
		return
	}
	if ck != 0 && c.unreported(t) == 0 && t.Len() >= hl && !c.ipFragment() {
		var sum uint16
		if version == 2 {
			sum = inetChecksum(t.B[:16], t.B[hl:])
		} else {
			var ph [8]byte
			ph[2], ph[3], ph[7] = byte(olen>>8), byte(olen), 89
			sum = inetChecksum(c.NetSrc, c.NetDst, ph[:], t.B)
		}
		if sum == 0 {
			c.Label(ckn, "Checksum: 0x%04x [correct]", ck)
		} else {
			c.Label(ckn, "Checksum: 0x%04x [incorrect, should be 0x%04x]", ck, inetShouldBe(uint16(ck), sum))
		}
	}
	cryptoLen := 0
	af := 6
	if version == 2 {
		_, auth := c.AddUint(h, hfOspfAuthType, t, 14, 2)
		switch auth {
		case 0:
			c.AddBytes(h, hfOspfAuthNone, t, 16, 8)
		case 1:
			c.AddBytesV(h, hfOspfAuthSimple, t, 16, 8, cString(t.Bytes(16, 8)))
		case 2:
			c.AddUint(h, hfOspfAuthCryptKeyId, t, 18, 1)
			_, cl := c.AddUint(h, hfOspfAuthCryptDataLength, t, 19, 1)
			cryptoLen = int(cl)
			c.AddUint(h, hfOspfAuthCryptSeqNbr, t, 20, 4)
			if t.Has(olen, cryptoLen) {
				c.AddBytes(h, hfOspfAuthCryptData, t, olen, cryptoLen)
			}
		default:
			c.AddBytes(h, hfOspfAuthUnknown, t, 16, 8)
		}
	} else {
		_, inst := c.AddUint(h, hfOspfInstanceId, t, 14, 1)
		if inst > 65 && inst < 128 {
			af = 4
		}
		ospfReserved(c, t, h, 15, 1)
	}
	body := (olen - hl) & 0xffff // Wireshark's guint16 arithmetic
	switch typ {
	case 1:
		ospfHello(c, t, p, hl, body, version)
	case 2:
		ospfDBDesc(c, t, p, hl, body, version, af)
	case 3:
		for o := hl; o < hl+body; o += 12 {
			r := c.AddText(p, t, o, 12, "Link State Request")
			if version == 2 {
				c.AddUint(r, hfOspfLsa, t, o, 4)
			} else {
				ospfReserved(c, t, r, o, 2)
				typ := uint64(t.U16(o+2)) & 0x1fff
				name, ok := Fields.Get(hfOspfV3LsaReferencedLsType).Strings[typ]
				if !ok {
					name = "Unknown"
				}
				ospfV3LSType(c, t, r, o+2, name)
			}
			c.AddBytes(r, hfOspfLinkStateId, t, o+4, 4)
			c.AddBytes(r, hfOspfAdvrouter, t, o+8, 4)
		}
	case 4:
		u := c.AddText(p, t, hl, body, "LS Update Packet")
		_, n := c.AddUint(u, hfOspfLsNumberOfLsas, t, hl, 4)
		o := hl + 4
		for i := uint64(0); i < n; i++ {
			o = ospfLSA(c, t, u, o, version, true, af)
		}
	case 5:
		for o := hl; o < hl+body; {
			o = ospfLSA(c, t, p, o, version, false, af)
		}
	default:
		c.CallData(t.Sub(hl), parent)
	}
	if ospfHasLLS(t, hl, typ, version) {
		ospfLLS(c, t, p, olen+cryptoLen, version)
	}
	if version == 3 && typ == 1 && t.U24(hl+5)&0x400 != 0 {
		ospfAuthTrailer(c, t, p, olen)
	}
}

// ipFragment reports whether the packet is a fragment of an IP datagram (pinfo->fragmented).
func (c *Ctx) ipFragment() bool { return false }

// cString returns b up to its first NUL.
func cString(b []byte) []byte {
	for i, x := range b {
		if x == 0 {
			return b[:i]
		}
	}
	return b
}

// ospfReserved adds a reserved field that must be zero, with an expert item when it is not.
func ospfReserved(c *Ctx, t Tvb, p int32, o, n int) {
	r := c.AddBytes(p, hfOspfReserved, t, o, n)
	if !allZero(t.Bytes(o, n)) {
		c.Expert(r, eiOspfReserved, t, o, n, "")
	}
}

func ospfOptions(c *Ctx, t Tvb, p int32, o int, version uint8) {
	if version == 2 {
		c.addFlags(p, hfOspfV2Options, t, o, 1, ospfV2OptionBits)
	} else {
		c.addFlags(p, hfOspfV3Options, t, o, 3, ospfV3OptionBits)
	}
}

func ospfHello(c *Ctx, t Tvb, p int32, o, n int, version uint8) {
	c.needReported(t, o, n)
	h := c.Add(p, hfOspfHello, t, o, n, field.Value{})
	if version == 2 {
		c.AddBytes(h, hfOspfHelloNetworkMask, t, o, 4)
		c.AddUint(h, hfOspfHelloHelloInterval, t, o+4, 2)
		ospfOptions(c, t, h, o+6, 2)
		c.AddUint(h, hfOspfHelloRouterPriority, t, o+7, 1)
		c.AddUint(h, hfOspfHelloRouterDeadInterval, t, o+8, 4)
	} else {
		c.AddUint(h, hfOspfHelloInterfaceId, t, o, 4)
		c.AddUint(h, hfOspfHelloRouterPriority, t, o+4, 1)
		ospfOptions(c, t, h, o+5, 3)
		c.AddUint(h, hfOspfHelloHelloInterval, t, o+8, 2)
		c.AddUint(h, hfOspfHelloRouterDeadInterval, t, o+10, 2)
	}
	c.AddBytes(h, hfOspfHelloDesignatedRouter, t, o+12, 4)
	c.AddBytes(h, hfOspfHelloBackupDesignatedRouter, t, o+16, 4)
	for i := o + 20; i < o+n; i += 4 {
		c.AddBytes(h, hfOspfHelloActiveNeighbor, t, i, 4)
	}
}

func ospfDBDesc(c *Ctx, t Tvb, p int32, o, n int, version uint8, af int) {
	d := c.addSubtree(p, t, o, n, "OSPF DB Description")
	end := o + n
	if version == 2 {
		c.AddUint(d, hfOspfDbInterfaceMtu, t, o, 2)
		ospfOptions(c, t, d, o+2, 2)
		c.addFlags(d, hfOspfDbd, t, o+3, 1, ospfDBDBits)
		c.AddUint(d, hfOspfDbDdSequence, t, o+4, 4)
		o += 8
	} else {
		ospfReserved(c, t, d, o, 1)
		ospfOptions(c, t, d, o+1, 3)
		c.AddUint(d, hfOspfDbInterfaceMtu, t, o+4, 2)
		ospfReserved(c, t, d, o+6, 1)
		c.addFlags(d, hfOspfDbd, t, o+7, 1, ospfDBDBits)
		c.AddUint(d, hfOspfDbDdSequence, t, o+8, 4)
		o += 12
	}
	for o < end {
		o = ospfLSA(c, t, p, o, version, false, af)
	}
}

// ospfHasLLS reports whether a Hello or Database Description packet says an LLS block follows it.
func ospfHasLLS(t Tvb, o int, typ uint64, version uint8) bool {
	switch {
	case typ == 1 && version == 2:
		return t.U8(o+6)&0x10 != 0
	case typ == 1 && version == 3:
		return t.U24(o+5)&0x200 != 0
	case typ == 2 && version == 2:
		return t.U8(o+2)&0x10 != 0
	case typ == 2 && version == 3:
		return t.U24(o+1)&0x200 != 0
	}
	return false
}

func ospfLLS(c *Ctx, t Tvb, p int32, o int, version uint8) {
	if t.Len()-o < 4 {
		c.Expert(p, eiOspfBadLength, t, o, max(t.Len()-o, 0), "LLS option bit set but data block missing")
		return
	}
	l := int(t.U16(o+2)) * 4
	b := c.AddText(p, t, o, t.Len()-o, "OSPF LLS Data Block")
	c.AddUint(b, hfOspfLlsChecksum, t, o, 2)
	dl := c.AddUintV(b, hfOspfLlsDataLength, t, o+2, 2, uint64(l))
	c.Label(dl, "LLS Data Length: %d bytes", l)
	start := o
	o += 4
	for o < start+l {
		typ, tl := t.U16(o), int(t.U16(o+2))
		name, ok := ospfLLSTLVs[typ]
		if version == 3 || !ok {
			name = "Unknown LLS TLV"
		}
		tn := c.addSubtree(b, t, o, tl+4, name)
		c.AddUint(tn, hfOspfTlvType, t, o, 2)
		c.AddUint(tn, hfOspfTlvLength, t, o+2, 2)
		if version == 2 {
			switch typ {
			case 1:
				c.addFlags(tn, hfOspfLlsExtOptions, t, o+4, 4, ospfLLSExtBits)
			case 2:
				c.AddUint(tn, hfOspfV2LlsSequenceNumber, t, o+4, 4)
				c.AddBytes(tn, hfOspfV2LlsAuthData, t, o+8, tl-4)
			}
		}
		o += tl + 4
	}
}

func ospfAuthTrailer(c *Ctx, t Tvb, p int32, o int) {
	a := c.Add(p, hfOspfAt, t, o, t.Len()-o, field.Value{})
	c.AddUint(a, hfOspfAtAuthType, t, o, 2)
	_, l := c.AddUint(a, hfOspfAtAuthDataLen, t, o+2, 2)
	if l < 14 {
		c.setItemLen(a, p, 4)
		return
	}
	c.setItemLen(a, p, int(l))
	c.AddUint(a, hfOspfAtReserved, t, o+4, 2)
	c.AddUint(a, hfOspfAtSaId, t, o+6, 2)
	c.AddUint(a, hfOspfAtCryptoSeqNbr, t, o+8, 8)
	c.AddBytes(a, hfOspfAtAuthData, t, o+16, int(l)-16)
}

// ospfLSA dissects the LSA (or, without body, the LSA header) at o and returns where the next one starts.
func ospfLSA(c *Ctx, t Tvb, p int32, o int, version uint8, body bool, af int) int {
	if version == 2 {
		return ospfV2LSA(c, t, p, o, body)
	}
	return ospfV3LSA(c, t, p, o, body, af)
}

func ospfLSALabel(typ uint64, name string, l uint16) string {
	return "LSA-type " + itoa(typ) + " (" + name + "), len " + itoa(uint64(l))
}

func ospfV2LSA(c *Ctx, t Tvb, p int32, o int, body bool) int {
	typ := uint64(t.U8(o + 3))
	l := t.U16(o + 18)
	end := o + int(l)
	n := 20
	if body {
		n = int(l)
	}
	name, ok := Fields.Get(hfOspfLsa).Strings[typ]
	if !ok {
		name = "Unknown"
	}
	s := c.addSubtree(p, t, o, n, "")
	if c.Visible() {
		c.T.SetLabel(s, ospfLSALabel(typ, name, l))
	}
	c.AddUint(s, hfOspfLsaAge, t, o, 2)
	c.AddUint(s, hfOspfLsaDonotage, t, o, 2)
	opts := t.U8(o + 2)
	if typ == 7 {
		c.addFlags(s, hfOspfV2Options, t, o+2, 1, ospfV2OptionBitsLSA7)
	} else {
		c.addFlags(s, hfOspfV2Options, t, o+2, 1, ospfV2OptionBits)
	}
	c.AddUint(s, hfOspfLsa, t, o+3, 1)
	switch {
	case typ >= 1 && typ <= 8:
		c.AddHidden(s, ospfLSABools[typ-1], t, o+3, 1, field.Value{U: 1})
	case typ >= 9 && typ <= 11:
		c.AddHidden(s, hfOspfLsaOpaque, t, o+3, 1, field.Value{U: 1})
	}
	metricType := "TOS"
	if opts&1 != 0 {
		metricType = "MT-ID"
	}
	opaque := typ >= 9 && typ <= 11
	var idType uint64
	if opaque {
		_, idType = c.AddUint(s, hfOspfLsidOpaqueType, t, o+4, 1)
		if idType == 1 {
			c.AddUint(s, hfOspfLsidTeLsaReserved, t, o+5, 1)
			c.AddUint(s, hfOspfLsidTeLsaInstance, t, o+6, 2)
		} else {
			c.AddUint(s, hfOspfLsidOpaqueId, t, o+5, 3)
		}
	} else {
		c.AddBytes(s, hfOspfLsaId, t, o+4, 4)
	}
	c.AddBytes(s, hfOspfAdvrouter, t, o+8, 4)
	c.AddUint(s, hfOspfLsaSeqnum, t, o+12, 4)
	c.AddUint(s, hfOspfLsaChksum, t, o+16, 2)
	ln, _ := c.AddUint(s, hfOspfLsaLength, t, o+18, 2)
	if typ >= 1 && typ <= 11 {
		if l < ospfLSAMinLen[typ] {
			if c.ExpertTextWanted() {
				c.Expert(ln, eiOspfBadLength, t, o+18, 2, "Invalid LSA length ("+itoa(uint64(l))+") for type "+name+", expected >= ("+itoa(uint64(ospfLSAMinLen[typ]))+")")
			} else {
				c.Expert(ln, eiOspfBadLength, t, o+18, 2, "")
			}
			panic(boundsError{}) // Wireshark returns -1 and the next read fails
		}
	} else if l < 20 {
		if c.ExpertTextWanted() {
			c.Expert(ln, eiOspfBadLength, t, o+18, 2, "Invalid LSA length ("+itoa(uint64(l))+") for unknown LSA type ("+itoa(typ)+"), expected minimum of (20)")
		} else {
			c.Expert(ln, eiOspfBadLength, t, o+18, 2, "")
		}
		panic(boundsError{})
	}
	o += 20
	if l <= 20 || !body {
		return o
	}
	switch typ {
	case 1:
		c.addFlags(s, hfOspfV2RouterLsaFlags, t, o, 1, ospfV2RouterBits)
		_, links := c.AddUint(s, hfOspfLsaNumberOfLinks, t, o+2, 2)
		o += 4
		for i := uint64(0); i < links; i++ {
			lt := t.U8(o + 8)
			nm := int(t.U8(o + 9))
			short, ok := ospfLinkShort[lt]
			if !ok {
				short = "Unknown"
			}
			lk := c.addSubtree(s, t, o, 12+4*nm, "")
			if c.Visible() {
				c.T.SetLabel(lk, "Type: "+padRight(short, 8)+" ID: "+padRight(ipv4String(t.Bytes(o, 4)), 15)+" Data: "+padRight(ipv4String(t.Bytes(o+4, 4)), 15)+" Metric: "+itoa(uint64(t.U16(o+10))))
			}
			id := c.AddBytes(lk, hfOspfLsaRouterLinkid, t, o, 4)
			if c.Visible() {
				what, ok := ospfLinkIDName[lt]
				if !ok {
					what = "Unknown link ID"
				}
				c.T.SetLabel(id, "Link ID: "+ipv4String(t.Bytes(o, 4))+" - "+what)
			}
			c.AddBytes(lk, hfOspfLsaRouterLinkdata, t, o+4, 4)
			tn, _ := c.AddUint(lk, hfOspfLsaRouterLinktype, t, o+8, 1)
			if c.Visible() {
				what, ok := Fields.Get(hfOspfV3LsaType).Strings[uint64(lt)]
				if !ok {
					what = "Unknown link type"
				}
				c.T.SetLabel(tn, "Link Type: "+itoa(uint64(lt))+" - "+what)
			}
			mn, _ := c.AddUint(lk, hfOspfLsaRouterNummetrics, t, o+9, 1)
			c.Label(mn, "Number of Metrics: %d - %s", nm, metricType)
			c.AddUint(lk, hfOspfLsaRouterMetric0, t, o+10, 2)
			o += 12
			for j := 0; j < nm; j++ {
				m := c.AddUintV(lk, hfOspfLsMetric, t, o, 4, uint64(t.U16(o+2)))
				c.Label(m, "%s: %d, Metric: %d", metricType, t.U8(o), t.U16(o+2))
				o += 4
			}
		}
	case 2:
		c.AddBytes(s, hfOspfLsaNetworkNetmask, t, o, 4)
		o += 4
		if o == end {
			c.Expert(s, eiOspfTosMissing, t, o-4, 4, "1 or more router-IDs required")
		}
		for ; o < end; o += 4 {
			c.AddBytes(s, hfOspfLsaNetworkAttchrtr, t, o, 4)
		}
	case 3, 4:
		c.AddBytes(s, hfOspfLsaAsbrNetmask, t, o, 4)
		o += 4
		if o+4 > end {
			c.Expert(s, eiOspfTosMissing, t, 0, 0, "1 or more TOS metrics required")
		}
		for o < end {
			c.AddUint(s, hfOspfLsaTos, t, o, 1)
			c.AddUint(s, hfOspfMetric, t, o+1, 3)
			o += 4
		}
	case 5, 7:
		c.AddBytes(s, hfOspfLsaAsextNetmask, t, o, 4)
		o += 4
		if o+12 > end {
			c.Expert(s, eiOspfTosMissing, t, 0, 0, "1 or more TOS forwarding blocks required")
		}
		for o < end {
			c.AddUint(s, hfOspfLsaAsextType, t, o, 1)
			tos := uint64(t.U8(o) & 0x7f)
			tn := c.AddUintV(s, hfOspfLsaTos, t, o, 1, tos)
			c.Label(tn, "%s = TOS: %d", bitPattern8(tos, 0x7f), tos)
			c.AddUint(s, hfOspfMetric, t, o+1, 3)
			c.AddBytes(s, hfOspfLsaAsextFwdaddr, t, o+4, 4)
			c.AddUint(s, hfOspfLsaAsextExtrttag, t, o+8, 4)
			o += 12
		}
	case 9, 10, 11:
		ospfOpaque(c, t, s, o, int(l)-20, idType)
		o += int(l) - 20
	default:
		c.Expert(ln, eiOspfUnknownLSA, t, o-2, 2, "")
		o += int(l) - 20
	}
	return o
}

// padRight pads s with spaces to n characters (printf's %-Ns).
func padRight(s string, n int) string {
	for len(s) < n {
		s += " "
	}
	return s
}

// ospfOpaque dissects the body of an opaque LSA of the given opaque type.
func ospfOpaque(c *Ctx, t Tvb, s int32, o, n int, idType uint64) {
	end := o + n
	switch idType {
	case 1:
		c.AddHidden(s, hfOspfLsaMpls, t, o, 2, field.Value{U: 1})
		c.addSubtree(s, t, o, n, "MPLS Traffic Engineering LSA")
	case 3:
		for o < end {
			typ, l := uint64(t.U16(o)), int(t.U16(o+2))
			name, ok := ospfGraceTLVs[typ]
			if !ok {
				name = "Unknown grace-LSA TLV"
			}
			tn := c.addSubtree(s, t, o, l+4, name)
			ty := c.AddUintV(tn, hfOspfTlvType, t, o, 2, typ)
			c.Label(ty, "TLV Type: %s (%d)", name, typ)
			c.AddUint(tn, hfOspfTlvLength, t, o+2, 2)
			switch typ {
			case 1:
				gn, v := c.AddUint(tn, hfOspfV2GracePeriod, t, o+4, 4)
				if c.Visible() {
					lab := "Grace Period: " + itoa(v) + " seconds"
					c.T.SetLabel(tn, lab)
					c.T.SetLabel(gn, lab)
				}
			case 2:
				_, v := c.AddUint(tn, hfOspfV2GraceReason, t, o+4, 1)
				if c.Visible() {
					c.T.SetLabel(tn, "Restart Reason: "+valueName(hfOspfV2GraceReason, v)+" ("+itoa(v)+")")
				}
				if l%4 != 0 {
					c.AddBytes(tn, hfOspfPadBytes, t, o+4+l, 4-l%4)
				}
			case 3:
				c.AddBytes(tn, hfOspfV2GraceIp, t, o+4, 4)
				if c.Visible() {
					c.T.SetLabel(tn, "Restart IP: "+ipv4String(t.Bytes(o+4, 4)))
				}
			default:
				c.AddBytes(tn, hfOspfTlvValue, t, o+4, l)
			}
			o += 4 + (l+3)/4*4
		}
	case 4:
		ri := c.addSubtree(s, t, o, n, "Opaque Router Information LSA")
		for o < end {
			typ, l := uint64(t.U16(o)), int(t.U16(o+2))
			name, ok := Fields.Get(hfOspfTlvTypeOpaque).Strings[typ]
			if !ok {
				name = "Unknown Opaque RI LSA TLV"
			}
			tn := c.addSubtree(ri, t, o, l+4, name)
			c.AddUint(tn, hfOspfTlvTypeOpaque, t, o, 2)
			c.AddUint(tn, hfOspfTlvLength, t, o+2, 2)
			if typ == 7 {
				c.AddBytes(tn, hfOspfDynhostname, t, o+4, l)
			}
			o += 4 + (l+3)/4*4
		}
	}
}

func ospfV3LSA(c *Ctx, t Tvb, p int32, o int, body bool, af int) int {
	raw := uint64(t.U16(o + 2))
	typ := raw & 0x1fff
	l := t.U16(o + 18)
	end := o + int(l)
	n := 20
	if body {
		n = int(l)
	}
	name, ok := Fields.Get(hfOspfV3LsaReferencedLsType).Strings[typ]
	if !ok {
		name = "Unknown"
	}
	s := c.addSubtree(p, t, o, n, "")
	if c.Visible() {
		c.T.SetLabel(s, ospfLSALabel(typ, name, l))
	}
	c.AddUint(s, hfOspfLsaAge, t, o, 2)
	c.AddUint(s, hfOspfV3LsaDoNotAge, t, o, 2)
	ospfV3LSType(c, t, s, o+2, name)
	switch {
	case typ >= 1 && typ <= 9:
		c.AddHidden(s, ospfV3LSABools[typ-1], t, o+2, 2, field.Value{U: 1})
	case typ == 12:
		c.AddHidden(s, hfOspfV3LsaOpaque, t, o+2, 2, field.Value{U: 1})
	}
	c.AddBytes(s, hfOspfLinkStateId, t, o+4, 4)
	c.AddBytes(s, hfOspfAdvrouter, t, o+8, 4)
	c.AddUint(s, hfOspfLsaSeqnum, t, o+12, 4)
	c.AddUint(s, hfOspfLsaChksum, t, o+16, 2)
	c.AddUint(s, hfOspfLsaLength, t, o+18, 2)
	o += 20
	rest := l - 20 // uint16 like Wireshark's ls_length: a short LSA wraps around and runs into the end
	if !body {
		return o
	}
	switch typ {
	case 1:
		c.addFlags(s, hfOspfV3RouterLsaFlags, t, o, 1, ospfV3RouterBits)
		ospfOptions(c, t, s, o+1, 3)
		o += 4
		rest -= 4
		var rt int32
		if rest > 0 {
			rt = c.addSubtree(s, t, o, int(rest), "Router Interfaces")
		}
		for k := 1; rest > 0; k++ {
			e := c.AddText(rt, t, o, 16, "Entry #"+strconv.Itoa(k))
			c.AddUint(e, hfOspfV3LsaType, t, o, 1)
			ospfReserved(c, t, e, o+1, 1)
			c.AddUint(e, hfOspfMetric, t, o+2, 2)
			c.AddUint(e, hfOspfV3LsaInterfaceId, t, o+4, 4)
			c.AddUint(e, hfOspfV3LsaNeighborInterfaceId, t, o+8, 4)
			c.AddBytes(e, hfOspfV3LsaNeighborRouterId, t, o+12, 4)
			o += 16
			rest -= 16
		}
	case 2:
		ospfReserved(c, t, s, o, 1)
		ospfOptions(c, t, s, o+1, 3)
		o += 4
		for rest -= 4; rest > 0; rest -= 4 {
			c.AddBytes(s, hfOspfV3LsaAttachedRouter, t, o, 4)
			o += 4
		}
	case 3:
		ospfReserved(c, t, s, o, 1)
		c.AddUint(s, hfOspfMetric, t, o+1, 3)
		pl := int(t.U8(o + 4))
		c.AddUint(s, hfOspfPrefixLength, t, o+4, 1)
		c.addFlags(s, hfOspfV3PrefixOptions, t, o+5, 1, ospfV3PrefixBits)
		ospfReserved(c, t, s, o+6, 2)
		o += 8
		ospfV3Prefix(c, t, s, o, pl, af)
		o += (pl + 31) / 32 * 4
	case 4:
		ospfReserved(c, t, s, o, 1)
		ospfOptions(c, t, s, o+1, 3)
		ospfReserved(c, t, s, o+4, 1)
		c.AddUint(s, hfOspfMetric, t, o+5, 3)
		c.AddBytes(s, hfOspfV3LsaDestinationRouterId, t, o+8, 4)
		o += 12
	case 5, 7:
		_, flags := c.addFlags(s, hfOspfV3AsExternalFlags, t, o, 1, ospfV3ExternalBits)
		c.AddUint(s, hfOspfMetric, t, o+1, 3)
		pl := int(t.U8(o + 4))
		c.AddUint(s, hfOspfPrefixLength, t, o+4, 1)
		c.addFlags(s, hfOspfV3PrefixOptions, t, o+5, 1, ospfV3PrefixBits)
		_, ref := c.AddUint(s, hfOspfV3LsaReferencedLsType, t, o+6, 2)
		o += 8
		ospfV3Prefix(c, t, s, o, pl, af)
		o += (pl + 31) / 32 * 4
		if o < end && flags&2 != 0 {
			if af == 6 {
				c.AddBytes(s, hfOspfV3LsaForwardingAddressIpv6, t, o, 16)
			} else {
				c.AddBytes(s, hfOspfV3LsaForwardingAddressIpv4, t, o, 4)
			}
			o += 16
		}
		if o < end && flags&1 != 0 {
			c.AddUint(s, hfOspfV3LsaExternalRouteTag, t, o, 4)
			o += 4
		}
		if o < end && ref != 0 {
			c.AddBytes(s, hfOspfV3LsaReferencedLinkStateId, t, o, 4)
			o += 4
		}
	case 8:
		c.AddUint(s, hfOspfV3LsaRouterPriority, t, o, 1)
		ospfOptions(c, t, s, o+1, 3)
		if af == 6 {
			c.AddBytes(s, hfOspfV3LsaLinkLocalInterfaceAddressIpv6, t, o+4, 16)
		} else {
			c.AddBytes(s, hfOspfV3LsaLinkLocalInterfaceAddressIpv4, t, o+4, 4)
		}
		_, np := c.AddUint(s, hfOspfV3LsaNumPrefixes, t, o+20, 4)
		o += 24
		for ; np > 0; np-- {
			pl := int(t.U8(o))
			c.AddUint(s, hfOspfPrefixLength, t, o, 1)
			c.addFlags(s, hfOspfV3PrefixOptions, t, o+1, 1, ospfV3PrefixBits)
			ospfReserved(c, t, s, o+2, 2)
			o += 4
			ospfV3Prefix(c, t, s, o, pl, af)
			o += (pl + 31) / 32 * 4
		}
	case 9:
		_, np := c.AddUint(s, hfOspfV3LsaNumPrefixes, t, o, 2)
		c.AddUint(s, hfOspfV3LsaReferencedLsType, t, o+2, 2)
		c.AddBytes(s, hfOspfV3LsaReferencedLinkStateId, t, o+4, 4)
		c.AddBytes(s, hfOspfV3LsaReferencedAdvertisingRouter, t, o+8, 4)
		o += 12
		for ; np > 0; np-- {
			pl := int(t.U8(o))
			c.AddUint(s, hfOspfPrefixLength, t, o, 1)
			c.addFlags(s, hfOspfV3PrefixOptions, t, o+1, 1, ospfV3PrefixBits)
			c.AddUint(s, hfOspfMetric, t, o+2, 2)
			o += 4
			ospfV3Prefix(c, t, s, o, pl, af)
			o += (pl + 31) / 32 * 4
		}
	default:
		if typ != 12 {
			if c.ExpertTextWanted() {
				c.Expert(s, eiOspfUnknownLSA, t, o-18, 2, "Unknown LSA Type "+itoa(typ))
			} else {
				c.Expert(s, eiOspfUnknownLSA, t, o-18, 2, "")
			}
		}
		o += int(rest)
	}
	return o
}

// ospfV3LSType adds an OSPFv3 LS type with its U bit, flooding scope and function code.
func ospfV3LSType(c *Ctx, t Tvb, p int32, o int, name string) {
	ty, raw := c.AddUint(p, hfOspfV3Lsa, t, o, 2)
	c.AddUint(ty, hfOspfV3LsaU, t, o, 2)
	sc, s12 := c.AddUint(ty, hfOspfV3LsaS12, t, o, 2)
	fc, typ := c.AddUint(ty, hfOspfV3LsaFc, t, o, 2)
	if c.Visible() {
		c.T.SetLabel(ty, "LS Type: 0x"+hex4(raw))
		f := Fields.Get(hfOspfV3LsaS12)
		c.T.SetLabel(sc, f.BitPattern(s12)+" = Flooding Scope: "+f.Strings[s12]+" (0x"+strconv.FormatUint(s12, 16)+")")
		c.T.SetLabel(fc, Fields.Get(hfOspfV3LsaFc).BitPattern(typ)+" = Function Code: "+name+" ("+itoa(typ)+")")
	}
}

// ospfV3Prefix adds an OSPFv3 address prefix of pl bits at o (only the bytes it needs are present).
func ospfV3Prefix(c *Ctx, t Tvb, p int32, o, pl int, af int) {
	n := (pl + 31) / 32 * 4
	if pl > 128 {
		if c.ExpertTextWanted() {
			c.Expert(p, eiOspfBadLength, t, o, n, "Address Prefix: length is invalid ("+strconv.Itoa(pl)+", should be <= 128)")
		} else {
			c.Expert(p, eiOspfBadLength, t, o, n, "")
		}
		return
	}
	if af != 6 {
		c.AddBytes(p, hfOspfV3AddressPrefixIpv4, t, o, 4)
		return
	}
	var a [16]byte
	copy(a[:], t.Bytes(o, n))
	if pl%8 != 0 {
		a[n-1] &= byte(uint(0xff00) >> uint(pl%8))
	}
	c.AddBytesV(p, hfOspfV3AddressPrefixIpv6, t, o, n, a[:])
}
