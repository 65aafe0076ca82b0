package dissect

import (
	"bytes"
	"net/netip"
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
)

// DNS (RFC 1035) over UDP and TCP, with mDNS (RFC 6762) and LLMNR (RFC 4795) sharing the dissector
// as in Wireshark's packet-dns.c. Request/response matching is first-pass state per conversation.

var (
	protoDNS   = Fields.Protocol("dns", "Domain Name System")
	protoMDNS  = Fields.Protocol("mdns", "Multicast Domain Name System")
	protoLLMNR = Fields.Protocol("llmnr", "Link-local Multicast Name Resolution")

	hfDNSLength  = Fields.Add(protoDNS, "dns.length", "Length", field.Uint16)
	hfDNSID      = Fields.Add(protoDNS, "dns.id", "Transaction ID", field.Uint16, field.WithBase(field.Hex))
	hfDNSFlags   = Fields.Add(protoDNS, "dns.flags", "Flags", field.Uint16, field.WithBase(field.Hex))
	hfDNSFlagsQR = Fields.Add(protoDNS, "dns.flags.response", "Response", field.Bool, field.WithBase(16),
		field.WithMask(0x8000), field.WithTrueFalse("Message is a response", "Message is a query"))
	hfDNSFlagsOpcode = Fields.Add(protoDNS, "dns.flags.opcode", "Opcode", field.Uint16, field.WithMask(0x7800),
		field.WithStrings(dnsOpcodeNames))
	hfDNSFlagsAA = Fields.Add(protoDNS, "dns.flags.authoritative", "Authoritative", field.Bool, field.WithBase(16),
		field.WithMask(0x0400), field.WithTrueFalse("Server is an authority for domain", "Server is not an authority for domain"))
	hfDNSFlagsConflict = Fields.Add(protoDNS, "dns.flags.conflict", "Conflict", field.Bool, field.WithBase(16),
		field.WithMask(0x0400), field.WithTrueFalse("The sender received multiple responses", "None"))
	hfDNSFlagsTC = Fields.Add(protoDNS, "dns.flags.truncated", "Truncated", field.Bool, field.WithBase(16),
		field.WithMask(0x0200), field.WithTrueFalse("Message is truncated", "Message is not truncated"))
	hfDNSFlagsRD = Fields.Add(protoDNS, "dns.flags.recdesired", "Recursion desired", field.Bool, field.WithBase(16),
		field.WithMask(0x0100), field.WithTrueFalse("Do query recursively", "Don't do query recursively"))
	hfDNSFlagsTentative = Fields.Add(protoDNS, "dns.flags.tentative", "Tentative", field.Bool, field.WithBase(16),
		field.WithMask(0x0100), field.WithTrueFalse("Tentative", "Not tentative"))
	hfDNSFlagsRA = Fields.Add(protoDNS, "dns.flags.recavail", "Recursion available", field.Bool, field.WithBase(16),
		field.WithMask(0x0080), field.WithTrueFalse("Server can do recursive queries", "Server can't do recursive queries"))
	hfDNSFlagsZ = Fields.Add(protoDNS, "dns.flags.z", "Z", field.Bool, field.WithBase(16),
		field.WithMask(0x0040), field.WithTrueFalse("reserved - incorrect!", "reserved (0)"))
	hfDNSFlagsAD = Fields.Add(protoDNS, "dns.flags.authenticated", "Answer authenticated", field.Bool, field.WithBase(16),
		field.WithMask(0x0020), field.WithTrueFalse("Answer/authority portion was authenticated by the server",
			"Answer/authority portion was not authenticated by the server"))
	hfDNSFlagsCD = Fields.Add(protoDNS, "dns.flags.checkdisable", "Non-authenticated data", field.Bool, field.WithBase(16),
		field.WithMask(0x0010), field.WithTrueFalse("Acceptable", "Unacceptable"))
	hfDNSFlagsRcode = Fields.Add(protoDNS, "dns.flags.rcode", "Reply code", field.Uint16, field.WithMask(0x000f),
		field.WithStrings(dnsRcodeNames))

	hfDNSCountQueries = Fields.Add(protoDNS, "dns.count.queries", "Questions", field.Uint16)
	hfDNSCountZones   = Fields.Add(protoDNS, "dns.count.zones", "Zones", field.Uint16)
	hfDNSCountAnswers = Fields.Add(protoDNS, "dns.count.answers", "Answer RRs", field.Uint16)
	hfDNSCountPrereq  = Fields.Add(protoDNS, "dns.count.prerequisites", "Prerequisites", field.Uint16)
	hfDNSCountAuth    = Fields.Add(protoDNS, "dns.count.auth_rr", "Authority RRs", field.Uint16)
	hfDNSCountUpdates = Fields.Add(protoDNS, "dns.count.updates", "Updates", field.Uint16)
	hfDNSCountAdd     = Fields.Add(protoDNS, "dns.count.add_rr", "Additional RRs", field.Uint16)

	hfDNSQryName    = Fields.Add(protoDNS, "dns.qry.name", "Name", field.String)
	hfDNSQryNameLen = Fields.Add(protoDNS, "dns.qry.name.len", "Name Length", field.Uint16)
	hfDNSCountLabel = Fields.Add(protoDNS, "dns.count.labels", "Label Count", field.Uint16)
	hfDNSQryType    = Fields.Add(protoDNS, "dns.qry.type", "Type", field.Uint16, field.WithStrings(dnsTypeNames))
	hfDNSQryClass   = Fields.Add(protoDNS, "dns.qry.class", "Class", field.Uint16, field.WithBase(field.Hex),
		field.WithStrings(dnsClassNames))
	hfDNSQryQU = Fields.Add(protoDNS, "dns.qry.qu", "\"QU\" question", field.Bool, field.WithBase(16), field.WithMask(0x8000))

	hfDNSRespName  = Fields.Add(protoDNS, "dns.resp.name", "Name", field.String)
	hfDNSRespType  = Fields.Add(protoDNS, "dns.resp.type", "Type", field.Uint16, field.WithStrings(dnsTypeNames))
	hfDNSRespClass = Fields.Add(protoDNS, "dns.resp.class", "Class", field.Uint16, field.WithBase(field.Hex),
		field.WithStrings(dnsClassNames))
	hfDNSRespCacheFlush = Fields.Add(protoDNS, "dns.resp.cache_flush", "Cache flush", field.Bool, field.WithBase(16), field.WithMask(0x8000))
	hfDNSRespExtRcode   = Fields.Add(protoDNS, "dns.resp.ext_rcode", "Higher bits in extended RCODE", field.Uint8, field.WithBase(field.Hex))
	hfDNSRespEDNS0Ver   = Fields.Add(protoDNS, "dns.resp.edns0_version", "EDNS0 version", field.Uint8)
	hfDNSRespZ          = Fields.Add(protoDNS, "dns.resp.z", "Z", field.Uint16, field.WithBase(field.Hex))
	hfDNSRespZDO        = Fields.Add(protoDNS, "dns.resp.z.do", "DO bit", field.Bool, field.WithBase(16), field.WithMask(0x8000),
		field.WithTrueFalse("Accepts DNSSEC security RRs", "Cannot handle DNSSEC security RRs"))
	hfDNSRespZReserved = Fields.Add(protoDNS, "dns.resp.z.reserved", "Reserved", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x7fff))
	hfDNSRespTTL       = Fields.Add(protoDNS, "dns.resp.ttl", "Time to live", field.Uint32)
	hfDNSRespLen       = Fields.Add(protoDNS, "dns.resp.len", "Data length", field.Uint16)
	hfDNSUDPPayload    = Fields.Add(protoDNS, "dns.rr.udp_payload_size", "UDP payload size", field.Uint16)

	hfDNSSrvService  = Fields.Add(protoDNS, "dns.srv.service", "Service", field.String)
	hfDNSSrvProto    = Fields.Add(protoDNS, "dns.srv.proto", "Protocol", field.String)
	hfDNSSrvName     = Fields.Add(protoDNS, "dns.srv.name", "Name", field.String)
	hfDNSSrvPriority = Fields.Add(protoDNS, "dns.srv.priority", "Priority", field.Uint16)
	hfDNSSrvWeight   = Fields.Add(protoDNS, "dns.srv.weight", "Weight", field.Uint16)
	hfDNSSrvPort     = Fields.Add(protoDNS, "dns.srv.port", "Port", field.Uint16)
	hfDNSSrvTarget   = Fields.Add(protoDNS, "dns.srv.target", "Target", field.String)

	hfDNSA           = Fields.Add(protoDNS, "dns.a", "Address", field.IPv4)
	hfDNSAAAA        = Fields.Add(protoDNS, "dns.aaaa", "AAAA Address", field.IPv6)
	hfDNSNS          = Fields.Add(protoDNS, "dns.ns", "Name Server", field.String)
	hfDNSCNAME       = Fields.Add(protoDNS, "dns.cname", "CNAME", field.String)
	hfDNSPTR         = Fields.Add(protoDNS, "dns.ptr.domain_name", "Domain Name", field.String)
	hfDNSDNAME       = Fields.Add(protoDNS, "dns.dname", "Dname", field.String)
	hfDNSMXPref      = Fields.Add(protoDNS, "dns.mx.preference", "Preference", field.Uint16)
	hfDNSMXName      = Fields.Add(protoDNS, "dns.mx.mail_exchange", "Mail Exchange", field.String)
	hfDNSTXTLen      = Fields.Add(protoDNS, "dns.txt.length", "TXT Length", field.Uint8)
	hfDNSTXT         = Fields.Add(protoDNS, "dns.txt", "TXT", field.String)
	hfDNSSPFLen      = Fields.Add(protoDNS, "dns.spf.length", "SPF Length", field.Uint8)
	hfDNSSPF         = Fields.Add(protoDNS, "dns.spf", "SPF", field.String)
	hfDNSNull        = Fields.Add(protoDNS, "dns.null", "Null (data)", field.Bytes)
	hfDNSHinfoCPULen = Fields.Add(protoDNS, "dns.hinfo.cpu_length", "CPU Length", field.Uint8)
	hfDNSHinfoCPU    = Fields.Add(protoDNS, "dns.hinfo.cpu", "CPU", field.String)
	hfDNSHinfoOSLen  = Fields.Add(protoDNS, "dns.hinfo.os_length", "OS Length", field.Uint8)
	hfDNSHinfoOS     = Fields.Add(protoDNS, "dns.hinfo.os", "OS", field.String)

	hfDNSSOAMname   = Fields.Add(protoDNS, "dns.soa.mname", "Primary name server", field.String)
	hfDNSSOARname   = Fields.Add(protoDNS, "dns.soa.rname", "Responsible authority's mailbox", field.String)
	hfDNSSOASerial  = Fields.Add(protoDNS, "dns.soa.serial_number", "Serial Number", field.Uint32)
	hfDNSSOARefresh = Fields.Add(protoDNS, "dns.soa.refresh_interval", "Refresh Interval", field.Uint32)
	hfDNSSOARetry   = Fields.Add(protoDNS, "dns.soa.retry_interval", "Retry Interval", field.Uint32)
	hfDNSSOAExpire  = Fields.Add(protoDNS, "dns.soa.expire_limit", "Expire limit", field.Uint32)
	hfDNSSOAMinTTL  = Fields.Add(protoDNS, "dns.soa.minimum_ttl", "Minimum TTL", field.Uint32)

	hfDNSRRSIGType      = Fields.Add(protoDNS, "dns.rrsig.type_covered", "Type Covered", field.Uint16, field.WithStrings(dnsTypeNames))
	hfDNSRRSIGAlgo      = Fields.Add(protoDNS, "dns.rrsig.algorithm", "Algorithm", field.Uint8, field.WithStrings(dnsAlgoNames))
	hfDNSRRSIGLabels    = Fields.Add(protoDNS, "dns.rrsig.labels", "Labels", field.Uint8)
	hfDNSRRSIGOrigTTL   = Fields.Add(protoDNS, "dns.rrsig.original_ttl", "Original TTL", field.Uint32)
	hfDNSRRSIGExp       = Fields.Add(protoDNS, "dns.rrsig.signature_expiration", "Signature Expiration", field.AbsTime, field.WithBase(field.TimeUTC))
	hfDNSRRSIGInception = Fields.Add(protoDNS, "dns.rrsig.signature_inception", "Signature Inception", field.AbsTime, field.WithBase(field.TimeUTC))
	hfDNSRRSIGKeyTag    = Fields.Add(protoDNS, "dns.rrsig.key_tag", "Key Tag", field.Uint16)
	hfDNSRRSIGSigner    = Fields.Add(protoDNS, "dns.rrsig.signers_name", "Signer's name", field.String)
	hfDNSRRSIGSignature = Fields.Add(protoDNS, "dns.rrsig.signature", "Signature", field.Bytes)

	hfDNSNSECNext  = Fields.Add(protoDNS, "dns.nsec.next_domain_name", "Next Domain Name", field.String)
	hfDNSSSHFPAlgo = Fields.Add(protoDNS, "dns.sshfp.algorithm", "Algorithm", field.Uint8, field.WithStrings(dnsSSHFPAlgoNames))
	hfDNSSSHFPType = Fields.Add(protoDNS, "dns.sshfp.fingerprint.type", "Fingerprint type", field.Uint8, field.WithStrings(dnsSSHFPFPTypeNames))
	hfDNSSSHFPFP   = Fields.Add(protoDNS, "dns.sshfp.fingerprint", "Fingerprint", field.Bytes)
	hfDNSDSKeyID   = Fields.Add(protoDNS, "dns.ds.key_id", "Key id", field.Uint16, field.WithBase(field.Hex))
	hfDNSDSAlgo    = Fields.Add(protoDNS, "dns.ds.algorithm", "Algorithm", field.Uint8, field.WithStrings(dnsAlgoNames))
	hfDNSDSDigestT = Fields.Add(protoDNS, "dns.ds.digest_type", "Digest Type", field.Uint8, field.WithStrings(dnsDSDigestNames))
	hfDNSDSDigest  = Fields.Add(protoDNS, "dns.ds.digest", "Digest", field.Bytes)
	hfDNSKeyFlags  = Fields.Add(protoDNS, "dns.dnskey.flags", "Flags", field.Uint16, field.WithBase(field.Hex))
	hfDNSKeyZone   = Fields.Add(protoDNS, "dns.dnskey.flags.zone_key", "Zone Key", field.Bool, field.WithBase(16), field.WithMask(0x100),
		field.WithTrueFalse("This is the zone key for specified zone", "This it not a zone key"))
	hfDNSKeyRevoked = Fields.Add(protoDNS, "dns.dnskey.flags.key_revoked", "Key Revoked", field.Bool, field.WithBase(16), field.WithMask(0x80),
		field.WithTrueFalse("Yes", "No"))
	hfDNSKeySEP = Fields.Add(protoDNS, "dns.dnskey.flags.secure_entry_point", "Key Signing Key", field.Bool, field.WithBase(16), field.WithMask(0x1),
		field.WithTrueFalse("Yes", "No"))
	hfDNSKeyReserved = Fields.Add(protoDNS, "dns.dnskey.flags.reserved", "Key Signing Key", field.Uint16, field.WithBase(field.Hex), field.WithMask(0xfe7e))
	hfDNSKeyProto    = Fields.Add(protoDNS, "dns.dnskey.protocol", "Protocol", field.Uint8)
	hfDNSKeyAlgo     = Fields.Add(protoDNS, "dns.dnskey.algorithm", "Algorithm", field.Uint8, field.WithStrings(dnsAlgoNames))
	hfDNSKeyID       = Fields.Add(protoDNS, "dns.dnskey.key_id", "Key id", field.Uint16)
	hfDNSKeyPub      = Fields.Add(protoDNS, "dns.dnskey.public_key", "Public Key", field.Bytes)
	hfDNSData        = Fields.Add(protoDNS, "dns.data", "Data", field.Bytes)

	hfDNSOpt           = Fields.Add(protoDNS, "dns.opt", "Option", field.None)
	hfDNSOptCode       = Fields.Add(protoDNS, "dns.opt.code", "Option Code", field.Uint16, field.WithStrings(dnsOptCodeNames))
	hfDNSOptLen        = Fields.Add(protoDNS, "dns.opt.len", "Option Length", field.Uint16)
	hfDNSOptData       = Fields.Add(protoDNS, "dns.opt.data", "Option Data", field.Bytes)
	hfDNSOptDAU        = Fields.Add(protoDNS, "dns.opt.dau", "DAU", field.Uint8, field.WithStrings(dnsAlgoNames))
	hfDNSOptDHU        = Fields.Add(protoDNS, "dns.opt.dhu", "DHU", field.Uint8, field.WithStrings(dnsDSDigestNames))
	hfDNSOptN3U        = Fields.Add(protoDNS, "dns.opt.n3u", "N3U", field.Uint8, field.WithStrings(map[uint64]string{0: "Reserved", 1: "SHA-1"}))
	hfDNSOptKeepalive  = Fields.Add(protoDNS, "dns.opt.edns_tcp_keepalive.timeout", "Timeout", field.Uint16)
	hfDNSOptFamily     = Fields.Add(protoDNS, "dns.opt.client.family", "Family", field.Uint16, field.WithStrings(dnsFamilyNames))
	hfDNSOptNetmask    = Fields.Add(protoDNS, "dns.opt.client.netmask", "Source Netmask", field.Uint8)
	hfDNSOptScope      = Fields.Add(protoDNS, "dns.opt.client.scope", "Scope Netmask", field.Uint8)
	hfDNSOptClientAddr = Fields.Add(protoDNS, "dns.opt.client.addr", "Client Subnet", field.Bytes)
	hfDNSOptClient4    = Fields.Add(protoDNS, "dns.opt.client.addr4", "Client Subnet", field.IPv4)
	hfDNSOptClient6    = Fields.Add(protoDNS, "dns.opt.client.addr6", "Client Subnet", field.IPv6)
	hfDNSOptCookieC    = Fields.Add(protoDNS, "dns.opt.cookie.client", "Client Cookie", field.Bytes)
	hfDNSOptCookieS    = Fields.Add(protoDNS, "dns.opt.cookie.server", "Server Cookie", field.Bytes)
	hfDNSOptPadding    = Fields.Add(protoDNS, "dns.opt.padding", "Padding", field.Bytes)
	hfDNSOptChain      = Fields.Add(protoDNS, "dns.opt.chain.fqdn", "Closest Trust Point", field.String)

	hfDNSResponseIn  = Fields.Add(protoDNS, "dns.response_in", "Response In", field.FrameNum)
	hfDNSResponseTo  = Fields.Add(protoDNS, "dns.response_to", "Request In", field.FrameNum)
	hfDNSRetrans     = Fields.Add(protoDNS, "dns.retransmission", "Retransmission", field.Bool)
	hfDNSRetransReq  = Fields.Add(protoDNS, "dns.retransmit_request_in", "Retransmitted request. Original request in", field.FrameNum)
	hfDNSRetransResp = Fields.Add(protoDNS, "dns.retransmit_response_in", "Retransmitted response. Original response in", field.FrameNum)
	hfDNSTime        = Fields.Add(protoDNS, "dns.time", "Time", field.RelTime)
	hfDNSUnsolicited = Fields.Add(protoDNS, "dns.unsolicited", "Unsolicited", field.Bool)
	hfDNSExtraData   = Fields.Add(protoDNS, "dns.extraneous.data", "Extraneous Data Bytes", field.Bytes)
	hfDNSExtraLen    = Fields.Add(protoDNS, "dns.extraneous.length", "Extraneous Data Length", field.Int32)

	eiDNSRetransReq  = RegisterExpert(protoDNS, "dns.retransmit_request", "DNS query retransmission", GroupProtocol, SevWarn)
	eiDNSRetransResp = RegisterExpert(protoDNS, "dns.retransmit_response", "DNS response retransmission", GroupProtocol, SevWarn)
	eiDNSTTLHigh     = RegisterExpert(protoDNS, "dns.ttl.high_bit_set", "The uppermost bit of the TTL is set (RFC 2181, section 8)", GroupProtocol, SevWarn)
	eiDNSExtraneous  = RegisterExpert(protoDNS, "dns.extraneous", "Extraneous data", GroupUndecoded, SevWarn)

	handleDNS   = &Handle{Name: "dns", Fn: dissectDNS}
	handleMDNS  = &Handle{Name: "mdns", Fn: dissectMDNS}
	handleLLMNR = &Handle{Name: "llmnr", Fn: dissectLLMNR}

	dnsSlot = newStateSlot(func() any {
		return &dnsState{convs: map[dnsConvKey]*dnsConv{}}
	})
)

func init() {
	RegisterShortName(protoDNS, "DNS")
	RegisterShortName(protoMDNS, "MDNS")
	RegisterShortName(protoLLMNR, "LLMNR")
	UDPPort.Add(53, handleDNS)
	TCPPort.Add(53, handleDNS)
	UDPPort.Add(5353, handleMDNS)
	UDPPort.Add(5355, handleLLMNR)
}

var dnsOpcodeNames = map[uint64]string{
	0: "Standard query",
	1: "Inverse query",
	2: "Server status request",
	4: "Zone change notification",
	5: "Dynamic update",
	6: "DNS Stateful operations (DSO)",
}
var dnsRcodeNames = map[uint64]string{
	0:  "No error",
	1:  "Format error",
	2:  "Server failure",
	3:  "No such name",
	4:  "Not implemented",
	5:  "Refused",
	6:  "Name exists",
	7:  "RRset exists",
	8:  "RRset does not exist",
	9:  "Not authoritative",
	10: "Name out of zone",
	11: "DSO-Type not implemented",
	16: "Bad OPT Version or TSIG Signature Failure",
	17: "Key not recognized",
	18: "Signature out of time window",
	19: "Bad TKEY Mode",
	20: "Duplicate key name",
	21: "Algorithm not supported",
	22: "Bad Truncation",
	23: "Bad/missing Server Cookie",
}
var dnsClassNames = map[uint64]string{
	0x1:  "IN",
	0x2:  "CS",
	0x3:  "CH",
	0x4:  "HS",
	0xfe: "NONE",
	0xff: "ANY",
}
var dnsOptCodeNames = map[uint64]string{
	0:     "Reserved",
	1:     "LLQ - Long-lived query",
	2:     "UL - Update lease",
	3:     "NSID - Name Server Identifier",
	4:     "Owner (reserved)",
	5:     "DAU - DNSSEC Algorithm Understood (RFC6975)",
	6:     "DHU - DS Hash Understood (RFC6975)",
	7:     "N3U - NSEC3 Hash Understood (RFC6975)",
	20730: "Experimental - CSUBNET - Client subnet",
	8:     "CSUBNET - Client subnet",
	9:     "EDNS EXPIRE (RFC7314)",
	10:    "COOKIE",
	11:    "EDNS TCP Keepalive",
	12:    "PADDING",
	13:    "CHAIN",
	15:    "Extended DNS Error",
}
var dnsAlgoNames = map[uint64]string{
	1:   "RSA/MD5",
	2:   "Diffie-Hellman",
	3:   "DSA",
	4:   "Elliptic curve crypto",
	5:   "RSA/SHA1",
	6:   "DSA + NSEC3/SHA1",
	7:   "RSA/SHA1 + NSEC3/SHA1",
	8:   "RSA/SHA-256",
	10:  "RSA/SHA-512",
	12:  "GOST R 34.10-2001",
	13:  "ECDSA Curve P-256 with SHA-256",
	14:  "ECDSA Curve P-386 with SHA-386",
	15:  "Ed25519",
	16:  "Ed448",
	157: "HMAC/MD5",
	252: "Indirect key",
	253: "Private, domain name",
	254: "Private, OID",
}
var dnsSSHFPAlgoNames = map[uint64]string{
	0: "Reserved",
	1: "RSA",
	2: "DSA",
	3: "ECDSA",
	4: "Ed25519",
	5: "XMSS",
}
var dnsSSHFPFPTypeNames = map[uint64]string{
	0: "Reserved",
	1: "SHA1",
	2: "SHA256",
}
var dnsFamilyNames = map[uint64]string{
	1: "IPv4",
	2: "IPv6",
}
var dnsDSDigestNames = map[uint64]string{
	0: "Reserved digest",
	1: "SHA-1",
	2: "SHA-256",
	3: "GOST R 34.11-94",
	4: "SHA-384",
}
var dnsTypeNames = map[uint64]string{
	0:     "Unused",
	1:     "A (Host Address)",
	2:     "NS (authoritative Name Server)",
	3:     "MD (Mail Destination)",
	4:     "MF (Mail Forwarder)",
	5:     "CNAME (Canonical NAME for an alias)",
	6:     "SOA (Start Of a zone of Authority)",
	7:     "MB (MailBox domain name)",
	8:     "MG (Mail Group member)",
	9:     "MR (Mail Rename domain)",
	10:    "NULL RR",
	11:    "WKS (Well Known Service)",
	12:    "PTR (domain name PoinTeR)",
	13:    "HINFO (host information)",
	14:    "MINFO (Mailbox or mail list information)",
	15:    "MX (Mail eXchange)",
	16:    "TXT (Text strings)",
	17:    "RP (Responsible Person)",
	18:    "AFSDB (AFS Data Base location)",
	19:    "X25 (XX.25 PSDN address)",
	20:    "ISDN (ISDN address)",
	21:    "RT (Route Through)",
	22:    "NSAP (NSAP address)",
	23:    "NSAP-PTR (NSAP domain name pointer)",
	24:    "SIG (security signature)",
	25:    "KEY (security key)",
	26:    "PX (X.400 mail mapping information)",
	27:    "GPOS (Geographical Position)",
	28:    "AAAA (IPv6 Address)",
	29:    "LOC (Location Information)",
	30:    "NXT (Next Domain)",
	31:    "EID (Endpoint Identifier)",
	32:    "NIMLOC (Nimrod Locator)",
	33:    "SRV (Server Selection)",
	34:    "ATMA (ATM Address)",
	35:    "NAPTR (Naming Authority Pointer)",
	36:    "KX (Key Exchanger)",
	37:    "CERT",
	38:    "A6 (OBSOLETE - use AAAA)",
	39:    "DNAME",
	40:    "SINK",
	41:    "OPT",
	42:    "APL",
	43:    "DS (Delegation Signer)",
	44:    "SSHFP (SSH Key Fingerprint)",
	45:    "IPSECKEY",
	46:    "RRSIG (Resource Record Signature)",
	47:    "NSEC (Next Secure)",
	48:    "DNSKEY (DNS Public Key)",
	49:    "DHCID",
	50:    "NSEC3",
	51:    "NSEC3PARAM",
	52:    "TLSA",
	55:    "HIP (Host Identity Protocol)",
	57:    "RKEY",
	58:    "TALINK (Trust Anchor LINK)",
	59:    "CDS (Child DS)",
	60:    "CDNSKEY (DNSKEY(s) the Child wants reflected in DS)",
	61:    "OPENPGPKEY (OpenPGP Key)",
	62:    "CSYNC (Child-to-Parent Synchronization)",
	63:    "ZONEMD",
	64:    "SVCB (General Purpose Service Endpoints)",
	65:    "HTTPS (HTTPS Specific Service Endpoints)",
	99:    "SPF",
	100:   "UINFO",
	101:   "UID",
	102:   "GID",
	103:   "UNSPEC",
	104:   "NID (NodeID)",
	105:   "L32 (Locator32)",
	106:   "L64 (Locator64)",
	107:   "LP (Locator FQDN)",
	108:   "EUI48",
	109:   "EUI64",
	249:   "TKEY (Transaction Key)",
	250:   "TSIG (Transaction Signature)",
	251:   "IXFR (incremental transfer)",
	252:   "AXFR (transfer of an entire zone)",
	253:   "MAILB (mailbox-related RRs)",
	254:   "MAILA (mail agent RRs)",
	255:   "* (A request for all records the server/cache has available)",
	256:   "URI",
	257:   "CAA (Certification Authority Restriction)",
	32768: "TA (DNSSEC Trust Authorities)",
	32769: "DLV (DNSSEC Lookaside Validation)",
	65281: "WINS",
	65282: "WINS-R",
	65422: "XPF",
}

const (
	dnsKindDNS = iota
	dnsKindMDNS
	dnsKindLLMNR
)

// dnsRetransmitNS is Wireshark's dns.retransmission_timer default: a repeated query within it is a
// retransmission, later it is a new transaction.
const dnsRetransmitNS = 5e9

// dnsConvKey identifies a conversation (both directions) by addresses, ports and transport.
type dnsConvKey struct {
	a, b   [16]byte
	pa, pb uint32
	pt     uint8
}

func newDNSConvKey(c *Ctx) dnsConvKey {
	var k dnsConvKey
	copy(k.a[:], c.NetSrc)
	copy(k.b[:], c.NetDst)
	k.pa, k.pb, k.pt = c.SrcPort, c.DstPort, c.PortType
	if string(k.a[:]) > string(k.b[:]) || (k.a == k.b && k.pa > k.pb) {
		k.a, k.b, k.pa, k.pb = k.b, k.a, k.pb, k.pa
	}
	return k
}

type dnsTrans struct {
	id       uint16
	req, rep uint32
	reqTS    int64
	multi    bool // AXFR/IXFR: many responses are expected
}

// dnsConv lists a conversation's transactions (indexes into dnsState.trans) in the order their
// requests came; past dnsConvIndexAt of them, an index by ID keeps lookups short.
type dnsConv struct {
	list []uint32
	byID map[uint16][]uint32
}

const dnsConvIndexAt = 16

// dnsFrameResult is the first pass's matching of one DNS message.
type dnsFrameResult struct {
	trans   int32 // index into dnsState.trans, -1 for none
	retrans bool
}

type dnsState struct {
	convs  map[dnsConvKey]*dnsConv
	trans  []dnsTrans
	frames frameRecs[dnsFrameResult] // by frame and message offset (a TCP segment may carry several)
}

// lookup returns the index of the latest transaction with id that started at or before frame
// num, or -1.
func (st *dnsState) lookup(cv *dnsConv, id uint16, num uint32) int32 {
	if cv.byID != nil {
		l := cv.byID[id]
		for i := len(l) - 1; i >= 0; i-- {
			if st.trans[l[i]].req <= num {
				return int32(l[i])
			}
		}
		return -1
	}
	for i := len(cv.list) - 1; i >= 0; i-- {
		if tr := &st.trans[cv.list[i]]; tr.id == id && tr.req <= num {
			return int32(cv.list[i])
		}
	}
	return -1
}

// add starts a transaction in cv and returns it.
func (st *dnsState) add(cv *dnsConv, tr dnsTrans) *dnsTrans {
	i := uint32(len(st.trans))
	st.trans = append(st.trans, tr)
	cv.list = append(cv.list, i)
	switch {
	case cv.byID != nil:
		cv.byID[tr.id] = append(cv.byID[tr.id], i)
	case len(cv.list) > dnsConvIndexAt:
		cv.byID = map[uint16][]uint32{}
		for _, j := range cv.list {
			id := st.trans[j].id
			cv.byID[id] = append(cv.byID[id], j)
		}
	}
	return &st.trans[i]
}

// track runs Wireshark's request/response matching for one message during the first pass and
// returns the transaction and whether the message is a retransmission; later passes read what the
// first pass recorded. The transaction is valid until the next call.
func (st *dnsState) track(c *Ctx, off int, id uint16, response bool) (*dnsTrans, bool) {
	if !c.ColumnsWritable() {
		// Quoted inside an ICMP error: not part of any transaction (Wireshark's in_error_pkt).
		return nil, false
	}
	if !c.Pass1 {
		r, ok := st.frames.get(c.Frame.Number, off)
		if !ok || r.trans < 0 {
			return nil, r.retrans
		}
		return &st.trans[r.trans], r.retrans
	}
	cv := ConvApp(c, func() *dnsConv { return &dnsConv{} })
	if cv == nil { // the transport's conversation holds another application's state
		ck := newDNSConvKey(c)
		if cv = st.convs[ck]; cv == nil {
			cv = &dnsConv{}
			st.convs[ck] = cv
		}
	}
	num := c.Frame.Number
	idx := st.lookup(cv, id, num)
	var tr *dnsTrans
	if idx >= 0 {
		tr = &st.trans[idx]
	}
	retrans := false
	if !response {
		if tr == nil || tr.rep > 0 || c.Frame.TS-tr.reqTS >= dnsRetransmitNS {
			tr = st.add(cv, dnsTrans{id: id, req: num, reqTS: c.Frame.TS})
			idx = int32(len(st.trans) - 1)
		} else {
			retrans = true
		}
	} else if tr != nil {
		if tr.rep == 0 {
			tr.rep = num
		} else if !tr.multi {
			retrans = true
		}
	}
	if !c.State.onePass {
		st.frames.put(num, off, dnsFrameResult{idx, retrans})
	}
	return tr, retrans
}

// dnsMarkZoneTransfer marks trans as expecting many responses when a question of the message at hdr
// asks for AXFR or IXFR, as the full dissection of the questions does.
func dnsMarkZoneTransfer(t Tvb, hdr int, trans *dnsTrans) {
	if !t.Has(hdr, 12) {
		return
	}
	o := hdr + 12
	for q := int(t.U16(hdr + 4)); q > 0; q-- {
		for { // skip the name
			if !t.Has(o, 1) {
				return
			}
			l := int(t.B[o])
			if l == 0 {
				o++
				break
			}
			if l&0xc0 == 0xc0 {
				o += 2
				break
			}
			if l&0xc0 != 0 {
				return
			}
			o += 1 + l
		}
		if !t.Has(o, 4) {
			return
		}
		if ty := t.U16(o); ty == 252 || ty == 251 {
			trans.multi = true
		}
		o += 4
	}
}

func dissectDNS(c *Ctx, t Tvb, parent int32) {
	if c.PortType == 6 {
		dissectDNSTCP(c, t, parent)
		return
	}
	c.SetProtocol("DNS")
	dissectDNSMessage(c, t, parent, 0, dnsKindDNS)
}

func dissectMDNS(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("MDNS")
	dissectDNSMessage(c, t, parent, 0, dnsKindMDNS)
}

func dissectLLMNR(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("LLMNR")
	dissectDNSMessage(c, t, parent, 0, dnsKindLLMNR)
}

// dissectDNSTCP handles DNS over TCP: messages prefixed by a 2-byte length, several per segment.
func dissectDNSTCP(c *Ctx, t Tvb, parent int32) {
	o := 0
	for first := true; o < t.Len(); first = false {
		plen := int(t.U16(o)) + 2
		if !first {
			c.SetInfoFence()
		}
		c.SetProtocol("DNS")
		dissectDNSMessage(c, t.SubLen(o, plen), parent, 2, dnsKindDNS)
		o += plen
	}
}

// dissectDNSMessage dissects one DNS message starting at hdr within t (2 over TCP, after the length).
func dissectDNSMessage(c *Ctx, t Tvb, parent int32, hdr int, kind int) {
	id := t.U16(hdr)
	flags := t.U16(hdr + 2)
	response := flags&0x8000 != 0
	opcode := uint64(flags>>11) & 0xf
	rcode := uint64(flags & 0xf)
	isUpdate := opcode == 5

	c.ClearInfo()
	if c.Cols.On {
		name, ok := dnsOpcodeNames[opcode]
		if !ok {
			name = "Unknown operation (" + strconv.FormatUint(opcode, 10) + ")"
		}
		c.AppendInfo(name)
		if response {
			c.AppendInfo(" response")
		}
		c.AppendInfof(" 0x%04x", id)
		if response && rcode != 0 {
			rn, ok := dnsRcodeNames[rcode]
			if !ok {
				rn = "Unknown error (" + strconv.FormatUint(rcode, 10) + ")"
			}
			c.AppendInfo(" " + rn)
		}
	}

	proto := protoDNS
	protoName := "Domain Name System"
	switch kind {
	case dnsKindMDNS:
		proto, protoName = protoMDNS, "Multicast Domain Name System"
	case dnsKindLLMNR:
		proto, protoName = protoLLMNR, "Link-local Multicast Name Resolution"
	}
	p := c.AddProto(parent, proto, t, 0, -1)
	if c.Visible() {
		if response {
			c.T.SetLabel(p, protoName+" (response)")
		} else {
			c.T.SetLabel(p, protoName+" (query)")
		}
	}

	st := c.State.slot(dnsSlot).(*dnsState)
	trans, retrans := st.track(c, t.Off, id, response)
	learn := response && c.Pass1 && c.learnsHostNames()            // -N d reads the answers on every first pass
	if !learn && !c.wantsItems(proto) && !c.wantsItems(protoDNS) { // mDNS and LLMNR items are dns.* fields
		// Nothing asks for DNS items (the UI's first pass, a filter on other protocols): only the
		// transaction state matters.
		if c.Pass1 && trans != nil {
			dnsMarkZoneTransfer(t, hdr, trans)
		}
		return
	}

	if hdr == 2 {
		c.AddUint(p, hfDNSLength, t, 0, 2)
	}
	idNode, _ := c.AddUint(p, hfDNSID, t, hdr, 2)
	fl, _ := c.AddUint(p, hfDNSFlags, t, hdr+2, 2)
	if c.Visible() {
		lbl := "Flags: 0x" + hex4(flags) + " "
		if n, ok := dnsOpcodeNames[opcode]; ok {
			lbl += n
		} else {
			lbl += "Unknown operation"
		}
		if response {
			rn, ok := dnsRcodeNames[rcode]
			if !ok {
				rn = "Unknown error"
			}
			lbl += " response, " + rn
		}
		c.T.SetLabel(fl, lbl)
	}
	fo := hdr + 2
	c.AddUint(fl, hfDNSFlagsQR, t, fo, 2)
	c.AddUint(fl, hfDNSFlagsOpcode, t, fo, 2)
	if kind == dnsKindLLMNR {
		n, _ := c.AddUint(fl, hfDNSFlagsConflict, t, fo, 2)
		if response && c.Visible() {
			f := Fields.Get(hfDNSFlagsConflict)
			v := uint64(flags>>10) & 1
			s := "The name is considered unique"
			if v != 0 {
				s = "The name is not considered unique"
			}
			c.T.SetLabel(n, f.BitPattern(v)+" = Conflict: "+s)
		}
		c.AddUint(fl, hfDNSFlagsTC, t, fo, 2)
		c.AddUint(fl, hfDNSFlagsTentative, t, fo, 2)
		if response {
			c.AddUint(fl, hfDNSFlagsRcode, t, fo, 2)
		}
	} else {
		if response {
			c.AddUint(fl, hfDNSFlagsAA, t, fo, 2)
		}
		c.AddUint(fl, hfDNSFlagsTC, t, fo, 2)
		c.AddUint(fl, hfDNSFlagsRD, t, fo, 2)
		if response {
			c.AddUint(fl, hfDNSFlagsRA, t, fo, 2)
		}
		c.AddUint(fl, hfDNSFlagsZ, t, fo, 2)
		if response {
			c.AddUint(fl, hfDNSFlagsAD, t, fo, 2)
		} else if flags&0x20 != 0 {
			n, _ := c.AddUint(fl, hfDNSFlagsAD, t, fo, 2)
			c.Label(n, ".... .... ..1. .... = AD bit: Set")
		}
		c.AddUint(fl, hfDNSFlagsCD, t, fo, 2)
		if response {
			c.AddUint(fl, hfDNSFlagsRcode, t, fo, 2)
		}
	}

	quest := int(t.U16(hdr + 4))
	ans := int(t.U16(hdr + 6))
	auth := int(t.U16(hdr + 8))
	add := int(t.U16(hdr + 10))
	if isUpdate {
		c.AddUint(p, hfDNSCountZones, t, hdr+4, 2)
		c.AddUint(p, hfDNSCountPrereq, t, hdr+6, 2)
		c.AddUint(p, hfDNSCountUpdates, t, hdr+8, 2)
	} else {
		c.AddUint(p, hfDNSCountQueries, t, hdr+4, 2)
		c.AddUint(p, hfDNSCountAnswers, t, hdr+6, 2)
		c.AddUint(p, hfDNSCountAuth, t, hdr+8, 2)
	}
	c.AddUint(p, hfDNSCountAdd, t, hdr+10, 2)

	d := dnsMsg{c: c, t: t, base: hdr, kind: kind}
	o := hdr + 12
	if quest > 0 {
		title := "Queries"
		if isUpdate {
			title = "Zone"
		}
		sub := c.AddText(p, t, o, 0, title)
		start := o
		for i := 0; i < quest; i++ {
			o += d.query(sub, o, trans)
		}
		if sub != p {
			c.T.SetLen(sub, o-start)
		}
	}
	sections := [3]struct {
		n     int
		title string
	}{{ans, "Answers"}, {auth, "Authoritative nameservers"}, {add, "Additional records"}}
	if isUpdate {
		sections[0].title, sections[1].title = "Prerequisites", "Updates"
	}
	for _, s := range sections {
		if s.n == 0 {
			continue
		}
		sub := c.AddText(p, t, o, 0, s.title)
		start := o
		for i := 0; i < s.n; i++ {
			o += d.answer(sub, o)
		}
		if sub != p {
			c.T.SetLen(sub, o-start)
		}
	}

	gen := func(hf field.ID, v field.Value) int32 { return c.AddGenerated(p, hf, t, 0, 0, v) }
	if !response {
		if retrans && trans != nil && trans.req != 0 {
			msg := "DNS query retransmission. Original request in frame " + strconv.FormatUint(uint64(trans.req), 10)
			c.Expert(idNode, eiDNSRetransReq, t, hdr, 2, msg)
			gen(hfDNSRetransReq, field.Value{U: uint64(trans.req)})
			gen(hfDNSRetrans, field.Value{U: 1})
		} else if trans != nil && trans.rep != 0 && trans.req == c.Frame.Number {
			gen(hfDNSResponseIn, field.Value{U: uint64(trans.rep)})
		}
	} else {
		switch {
		case trans != nil && trans.req != 0 && retrans && trans.rep != 0:
			msg := "DNS response retransmission. Original response in frame " + strconv.FormatUint(uint64(trans.rep), 10)
			c.Expert(idNode, eiDNSRetransResp, t, hdr, 2, msg)
			gen(hfDNSRetransResp, field.Value{U: uint64(trans.rep)})
			gen(hfDNSRetrans, field.Value{U: 1})
		case trans != nil && trans.req != 0:
			gen(hfDNSResponseTo, field.Value{U: uint64(trans.req)})
			gen(hfDNSTime, field.Value{I: c.Frame.TS - trans.reqTS})
		case !retrans:
			gen(hfDNSUnsolicited, field.Value{U: 1})
		}
	}

	if extra := t.Len() - o; extra > 0 {
		sub := c.AddText(p, t, o, extra, "Extraneous Data ("+strconv.Itoa(extra)+" bytes)")
		c.AddBytes(sub, hfDNSExtraData, t, o, extra)
		c.AddGenerated(sub, hfDNSExtraLen, t, 0, 0, field.Value{I: int64(extra)})
		n := c.T.Add(sub, eiDNSExtraneous.Field, t.Src, t.Off+o, extra, field.Value{})
		c.T.SetFlags(n, field.Hidden)
	}
}

// dnsMsg is a DNS message being dissected: names are relative to base.
type dnsMsg struct {
	c    *Ctx
	t    Tvb
	base int
	kind int
}

// maxDNSName is Wireshark's MAX_DNAME_LEN: longer names show as "<Name too long>".
const maxDNSName = 255

// name expands the possibly compressed domain name at o, returning its text (Wireshark's
// get_dns_name, "<Root>" for the root) and the bytes it occupies at o.
func (d *dnsMsg) name(o int) ([]byte, int) {
	t := d.t
	start := o
	used := -1
	var buf []byte
	room := maxDNSName
	pointers := 0
	processed := 0 // bytes of labels read: past the message's length, a pointer must be looping
	var special string
loop:
	for {
		n := int(t.U8(o))
		o++
		if n == 0 {
			break
		}
		processed++
		switch n & 0xc0 {
		case 0x00:
			if len(buf) > 0 {
				if room > 0 {
					buf = append(buf, '.')
					room--
				}
			} else {
				room--
			}
			lbl := t.Bytes(o, n)
			for _, ch := range lbl {
				if room > 0 {
					buf = append(buf, ch)
					room--
				}
			}
			o += n
			processed += n
		case 0x40:
			if n&0x3f == 1 { // bitstring label (RFC 2673)
				bits := int(t.U8(o))
				o++
				ll := (bits-1)/8 + 1
				s := "\\[x"
				for i := 0; i < ll; i++ {
					s += hex2(t.U8(o))
					o++
				}
				s += "/" + strconv.Itoa(bits) + "]"
				buf = append(buf, s...)
				room -= len(s)
				continue
			}
			special = "<Unknown extended label>"
			used = o - start
			break loop
		case 0x80:
			panic(boundsError{})
		case 0xc0:
			ptr := d.base + ((n&0x3f)<<8 | int(t.U8(o)))
			o++
			pointers++
			if used < 0 {
				used = o - start
			}
			// as Wireshark's get_dns_name: having read as many bytes as the message holds, a
			// pointer reads some again (without this, a name's cost had no bound but 255 jumps
			// over the whole message, and a message of such names took minutes)
			if ptr == o+2 || pointers > maxDNSName || processed >= t.Len()-d.base {
				special = "<Name contains a pointer that loops>"
				break loop
			}
			o = ptr
		}
	}
	if special != "" {
		return []byte(special), used
	}
	if used < 0 {
		used = o - start
	}
	if room <= 0 && len(buf) > 0 && len(buf) >= maxDNSName-1 {
		return []byte("<Name too long>"), used
	}
	if len(buf) == 0 {
		if used <= 1 {
			return []byte("<Root>"), used
		}
		panic(boundsError{})
	}
	return buf, used
}

// dnsTypeShort returns a type's short name ("A", "AAAA", "ANY") as the Info column shows it.
func dnsTypeShort(ty uint16) string {
	switch ty {
	case 255:
		return "ANY"
	case 10:
		return "NULL"
	}
	if s, ok := dnsTypeNames[uint64(ty)]; ok {
		if i := strings.IndexByte(s, ' '); i > 0 {
			return s[:i]
		}
		return s
	}
	return "Unknown (" + strconv.Itoa(int(ty)) + ")"
}

func dnsClassShort(cl uint16) string {
	if s, ok := dnsClassNames[uint64(cl)]; ok {
		return s
	}
	return "Unknown"
}

// bits16 draws a 16-bit field's bit pattern ("..1. ....") for value v (already shifted into mask).
func bits16(mask, v uint16) string {
	b := make([]byte, 0, 20)
	for i := 15; i >= 0; i-- {
		bit := uint16(1) << uint(i)
		switch {
		case mask&bit == 0:
			b = append(b, '.')
		case v&bit != 0:
			b = append(b, '1')
		default:
			b = append(b, '0')
		}
		if i > 0 && i%4 == 0 {
			b = append(b, ' ')
		}
	}
	return string(b)
}

func (d *dnsMsg) escaped(b []byte) string { return string(field.AppendEscaped(nil, b)) }

// query dissects one question and returns its length.
func (d *dnsMsg) query(parent int32, o int, trans *dnsTrans) int {
	c, t := d.c, d.t
	name, nlen := d.name(o)
	ty := t.U16(o + nlen)
	cl := t.U16(o + nlen + 2)
	used := nlen + 4
	qu := false
	if d.kind == dnsKindMDNS {
		qu = cl&0x8000 != 0
		cl &= 0x7fff
	}
	if (ty == 252 || ty == 251) && trans != nil {
		if c.Pass1 {
			trans.multi = true
		}
	}
	tyName := dnsTypeShort(ty)
	var esc string
	if c.Cols.On || c.Visible() {
		esc = d.escaped(name)
	}
	if c.Cols.On {
		c.AppendInfo(" " + tyName + " " + esc)
		if d.kind == dnsKindMDNS {
			if qu {
				c.AppendInfo(", \"QU\" question")
			} else {
				c.AppendInfo(", \"QM\" question")
			}
		}
	}
	q := c.AddText(parent, t, o, used, "")
	if c.Visible() {
		lbl := esc + ": type " + tyName + ", class " + dnsClassShort(cl)
		if d.kind == dnsKindMDNS {
			if qu {
				lbl += ", \"QU\" question"
			} else {
				lbl += ", \"QM\" question"
			}
		}
		c.T.SetLabel(q, lbl)
	}
	c.AddBytesV(q, hfDNSQryName, t, o, nlen, name)
	l := len(name)
	if l <= 1 {
		l = 0
	}
	c.AddGenerated(q, hfDNSQryNameLen, t, o, nlen, field.Value{U: uint64(l)})
	labels := 0
	if len(name) > 1 {
		labels = strings.Count(string(name), ".") + 1
	}
	c.AddGenerated(q, hfDNSCountLabel, t, o, nlen, field.Value{U: uint64(labels)})
	c.AddUint(q, hfDNSQryType, t, o+nlen, 2)
	if d.kind == dnsKindMDNS {
		n := c.AddUintV(q, hfDNSQryClass, t, o+nlen+2, 2, uint64(cl))
		if c.Visible() {
			c.T.SetLabel(n, bits16(0x7fff, cl)+" = "+Fields.Get(hfDNSQryClass).Label(field.Value{U: uint64(cl)}))
		}
		c.AddUintV(q, hfDNSQryQU, t, o+nlen+2, 2, b2u(qu))
	} else {
		c.AddUintV(q, hfDNSQryClass, t, o+nlen+2, 2, uint64(cl))
	}
	return used
}

// dnsTimeSecs formats seconds as Wireshark's unsigned_time_secs_to_str ("1 day, 2 hours").
func dnsTimeSecs(s uint32) string {
	if s == 0 {
		return "0 seconds"
	}
	var parts []string
	add := func(n uint32, unit string) {
		if n == 0 {
			return
		}
		p := strconv.FormatUint(uint64(n), 10) + " " + unit
		if n != 1 {
			p += "s"
		}
		parts = append(parts, p)
	}
	add(s/86400, "day")
	add(s/3600%24, "hour")
	add(s/60%60, "minute")
	add(s%60, "second")
	return strings.Join(parts, ", ")
}

// answer dissects one resource record and returns its length.
func (d *dnsMsg) answer(parent int32, o int) int {
	c, t := d.c, d.t
	name, nlen := d.name(o)
	ty := t.U16(o + nlen)
	cl := t.U16(o + nlen + 2)
	flush := false
	if d.kind == dnsKindMDNS {
		flush = cl&0x8000 != 0
		cl &= 0x7fff
	}
	dataLen := int(t.U16(o + nlen + 8))
	do := o + nlen + 10 // rdata offset
	total := nlen + 10 + dataLen
	tyName := dnsTypeShort(ty)
	c.AppendInfo(" " + tyName)
	if flush {
		c.AppendInfo(", cache flush")
	}
	vis := c.Visible()
	esc := ""
	if vis {
		esc = d.escaped(name)
	}
	rr := c.AddText(parent, t, o, total, "")
	var lbl string
	if vis {
		if ty == 41 {
			lbl = esc + ": type " + tyName
		} else {
			lbl = esc + ": type " + tyName + ", class " + dnsClassShort(cl)
		}
		if flush {
			lbl += ", cache flush"
		}
	}
	// The fixed part of the record.
	if ty == 41 {
		c.AddBytesV(rr, hfDNSRespName, t, o, nlen, name)
		c.AddUint(rr, hfDNSRespType, t, o+nlen, 2)
		if d.kind == dnsKindMDNS {
			v := t.U16(o+nlen+2) & 0x7fff
			n := c.AddUintV(rr, hfDNSUDPPayload, t, o+nlen+2, 2, uint64(v))
			c.Label(n, "%s = UDP payload size: 0x%04x", bits16(0x7fff, v), v)
			c.AddUint(rr, hfDNSRespCacheFlush, t, o+nlen+2, 2)
		} else {
			c.AddUint(rr, hfDNSUDPPayload, t, o+nlen+2, 2)
		}
		c.AddUint(rr, hfDNSRespExtRcode, t, o+nlen+4, 1)
		c.AddUint(rr, hfDNSRespEDNS0Ver, t, o+nlen+5, 1)
		z, _ := c.AddUint(rr, hfDNSRespZ, t, o+nlen+6, 2)
		c.AddUint(z, hfDNSRespZDO, t, o+nlen+6, 2)
		c.AddUint(z, hfDNSRespZReserved, t, o+nlen+6, 2)
		c.AddUint(rr, hfDNSRespLen, t, o+nlen+8, 2)
	} else {
		if ty == 33 && len(name) > 0 && name[0] != '<' {
			parts := strings.SplitN(string(name), ".", 3)
			c.AddString(rr, hfDNSSrvService, t, o, nlen, parts[0])
			if len(parts) > 1 {
				c.AddString(rr, hfDNSSrvProto, t, o, nlen, parts[1])
				if len(parts) > 2 {
					c.AddString(rr, hfDNSSrvName, t, o, nlen, parts[2])
				}
			}
		} else {
			c.AddBytesV(rr, hfDNSRespName, t, o, nlen, name)
		}
		c.AddUint(rr, hfDNSRespType, t, o+nlen, 2)
		if d.kind == dnsKindMDNS {
			n := c.AddUintV(rr, hfDNSRespClass, t, o+nlen+2, 2, uint64(cl))
			if vis {
				c.T.SetLabel(n, bits16(0x7fff, cl)+" = "+Fields.Get(hfDNSRespClass).Label(field.Value{U: uint64(cl)}))
			}
			c.AddUint(rr, hfDNSRespCacheFlush, t, o+nlen+2, 2)
		} else {
			c.AddUint(rr, hfDNSRespClass, t, o+nlen+2, 2)
		}
		ttl := t.U32(o + nlen + 4)
		n, _ := c.AddUint(rr, hfDNSRespTTL, t, o+nlen+4, 4)
		if c.Visible() {
			c.Label(n, "Time to live: %d (%s)", ttl, dnsTimeSecs(ttl))
		}
		if ttl&0x80000000 != 0 {
			c.Expert(n, eiDNSTTLHigh, t, o+nlen+4, 4, "")
		}
		c.AddUint(rr, hfDNSRespLen, t, o+nlen+8, 2)
	}
	if dataLen > 0 {
		lbl += d.rdata(rr, ty, do, dataLen, name)
	}
	if (ty == 1 && dataLen == 4 || ty == 28 && dataLen == 16) && cl&0x7fff == 1 {
		c.LearnHostName(t.Bytes(do, dataLen), name) // -N d: names from the capture's answers
	}
	if vis {
		c.T.SetLabel(rr, lbl)
	}
	return total
}

// rdata dissects a record's data and returns what the record's summary line gets appended.
func (d *dnsMsg) rdata(rr int32, ty uint16, o, n int, owner []byte) string {
	c, t := d.c, d.t
	vis := c.Visible()
	nameField := func(hf field.ID, at int) ([]byte, int) {
		nm, used := d.name(at)
		c.AddBytesV(rr, hf, t, at, used, nm)
		return nm, used
	}
	switch ty {
	case 1: // A
		c.AddBytes(rr, hfDNSA, t, o, 4)
		if c.Cols.On || vis {
			s := netip.AddrFrom4([4]byte(t.Bytes(o, 4))).String()
			c.AppendInfo(" " + s)
			return ", addr " + s
		}
	case 28: // AAAA
		c.AddBytes(rr, hfDNSAAAA, t, o, 16)
		if c.Cols.On || vis {
			s := netip.AddrFrom16([16]byte(t.Bytes(o, 16))).String()
			c.AppendInfo(" " + s)
			return ", addr " + s
		}
	case 2, 5, 12, 39: // NS, CNAME, PTR, DNAME
		hf, pre := hfDNSNS, ", ns "
		switch ty {
		case 5:
			hf, pre = hfDNSCNAME, ", cname "
		case 12:
			hf, pre = hfDNSPTR, ", "
		case 39:
			hf, pre = hfDNSDNAME, ", dname "
		}
		nm, _ := nameField(hf, o)
		s := d.escaped(nm)
		c.AppendInfo(" " + s)
		return pre + s
	case 6: // SOA
		mname, u := nameField(hfDNSSOAMname, o)
		s := d.escaped(mname)
		c.AppendInfo(" " + s)
		o += u
		_, u = nameField(hfDNSSOARname, o)
		o += u
		c.AddUint(rr, hfDNSSOASerial, t, o, 4)
		for i, hf := range []field.ID{hfDNSSOARefresh, hfDNSSOARetry, hfDNSSOAExpire, hfDNSSOAMinTTL} {
			at := o + 4 + 4*i
			nd, v := c.AddUint(rr, hf, t, at, 4)
			if vis {
				c.T.SetLabel(nd, Fields.Get(hf).Name+": "+strconv.FormatUint(v, 10)+" ("+dnsTimeSecs(uint32(v))+")")
			}
		}
		return ", mname " + s
	case 15: // MX
		pref := t.U16(o)
		nm, used := d.name(o + 2)
		s := d.escaped(nm)
		c.AppendInfof(" %d %s", pref, s)
		c.AddUint(rr, hfDNSMXPref, t, o, 2)
		c.AddBytesV(rr, hfDNSMXName, t, o+2, used, nm)
		return ", preference " + strconv.Itoa(int(pref)) + ", mx " + s
	case 16, 99: // TXT, SPF
		hfl, hft := hfDNSTXTLen, hfDNSTXT
		if ty == 99 {
			hfl, hft = hfDNSSPFLen, hfDNSSPF
		}
		for rem, at := n, o; rem > 0; {
			l := int(t.U8(at))
			c.AddUint(rr, hfl, t, at, 1)
			c.AddBytes(rr, hft, t, at+1, l)
			at += 1 + l
			rem -= 1 + l
		}
	case 13: // HINFO
		cl := int(t.U8(o))
		cpu := t.Bytes(o+1, cl)
		ol := int(t.U8(o + 1 + cl))
		os := t.Bytes(o+2+cl, ol)
		c.AppendInfo(" " + string(field.AppendEscaped(nil, cpu)) + " " + string(field.AppendEscaped(nil, os)))
		c.AddUint(rr, hfDNSHinfoCPULen, t, o, 1)
		c.AddBytes(rr, hfDNSHinfoCPU, t, o+1, cl)
		c.AddUint(rr, hfDNSHinfoOSLen, t, o+1+cl, 1)
		c.AddBytes(rr, hfDNSHinfoOS, t, o+2+cl, ol)
		return ", CPU " + d.escaped(cpu) + ", OS " + d.escaped(os)
	case 33: // SRV
		prio, weight, port := t.U16(o), t.U16(o+2), t.U16(o+4)
		nm, used := d.name(o + 6)
		s := d.escaped(nm)
		c.AppendInfof(" %d %d %d %s", prio, weight, port, s)
		c.AddUint(rr, hfDNSSrvPriority, t, o, 2)
		c.AddUint(rr, hfDNSSrvWeight, t, o+2, 2)
		c.AddUint(rr, hfDNSSrvPort, t, o+4, 2)
		c.AddBytesV(rr, hfDNSSrvTarget, t, o+6, used, nm)
		return ", priority " + strconv.Itoa(int(prio)) + ", weight " + strconv.Itoa(int(weight)) +
			", port " + strconv.Itoa(int(port)) + ", target " + s
	case 41: // OPT
		d.options(rr, o, n)
	case 46, 24: // RRSIG, SIG
		c.AddUint(rr, hfDNSRRSIGType, t, o, 2)
		c.AddUint(rr, hfDNSRRSIGAlgo, t, o+2, 1)
		c.AddUint(rr, hfDNSRRSIGLabels, t, o+3, 1)
		ttl := t.U32(o + 4)
		nd, _ := c.AddUint(rr, hfDNSRRSIGOrigTTL, t, o+4, 4)
		if c.Visible() {
			c.Label(nd, "Original TTL: %d (%s)", ttl, dnsTimeSecs(ttl))
		}
		c.Add(rr, hfDNSRRSIGExp, t, o+8, 4, field.Value{I: int64(t.U32(o+8)) * 1e9})
		c.Add(rr, hfDNSRRSIGInception, t, o+12, 4, field.Value{I: int64(t.U32(o+12)) * 1e9})
		c.AddUint(rr, hfDNSRRSIGKeyTag, t, o+16, 2)
		_, used := nameField(hfDNSRRSIGSigner, o+18)
		at := o + 18 + used
		c.AddBytes(rr, hfDNSRRSIGSignature, t, at, o+n-at)
	case 47: // NSEC
		nm, used := nameField(hfDNSNSECNext, o)
		s := d.escaped(nm)
		c.AppendInfo(" " + s)
		d.typeBitmap(rr, o+used, n-used)
		return ", next domain name " + s
	case 44: // SSHFP
		c.AddUint(rr, hfDNSSSHFPAlgo, t, o, 1)
		c.AddUint(rr, hfDNSSSHFPType, t, o+1, 1)
		if n > 2 {
			c.AddBytes(rr, hfDNSSSHFPFP, t, o+2, n-2)
		}
	case 43, 32769, 59: // DS, DLV, CDS
		c.AddUint(rr, hfDNSDSKeyID, t, o, 2)
		c.AddUint(rr, hfDNSDSAlgo, t, o+2, 1)
		c.AddUint(rr, hfDNSDSDigestT, t, o+3, 1)
		c.AddBytes(rr, hfDNSDSDigest, t, o+4, n-4)
	case 48, 60: // DNSKEY, CDNSKEY
		fl, _ := c.AddUint(rr, hfDNSKeyFlags, t, o, 2)
		c.AddUint(fl, hfDNSKeyZone, t, o, 2)
		c.AddUint(fl, hfDNSKeyRevoked, t, o, 2)
		c.AddUint(fl, hfDNSKeySEP, t, o, 2)
		c.AddUint(fl, hfDNSKeyReserved, t, o, 2)
		c.AddUint(rr, hfDNSKeyProto, t, o+2, 1)
		c.AddUint(rr, hfDNSKeyAlgo, t, o+3, 1)
		c.AddGenerated(rr, hfDNSKeyID, t, 0, 0, field.Value{U: uint64(dnsKeyTag(t.Bytes(o, n)))})
		c.AddBytes(rr, hfDNSKeyPub, t, o+4, n-4)
	case 10: // NULL
		c.AppendInfo(" " + d.escaped(owner))
		c.AddBytes(rr, hfDNSNull, t, o, n)
	default:
		c.AddBytes(rr, hfDNSData, t, o, n)
	}
	return ""
}

// dnsKeyTag computes a DNSKEY's key tag (RFC 4034 appendix B).
func dnsKeyTag(k []byte) uint16 {
	var ac uint32
	for i, b := range k {
		if i&1 == 1 {
			ac += uint32(b)
		} else {
			ac += uint32(b) << 8
		}
	}
	ac += ac >> 16 & 0xffff
	return uint16(ac)
}

func (d *dnsMsg) typeBitmap(rr int32, o, n int) {
	c, t := d.c, d.t
	for n > 0 {
		block := int(t.U8(o))
		size := int(t.U8(o + 1))
		o += 2
		n -= 2
		ty := block * 256
		for ; size > 0; size-- {
			bits := t.U8(o)
			for i := 0; i < 8; i++ {
				if bits&(0x80>>uint(i)) != 0 {
					nd := c.AddUintV(rr, hfDNSRespType, t, o, 1, uint64(ty))
					if c.Visible() {
						s, ok := dnsTypeNames[uint64(ty)]
						if !ok {
							s = "Unknown (" + strconv.Itoa(ty) + ")"
						}
						c.T.SetLabel(nd, "RR type in bit map: "+s)
					}
				}
				ty++
			}
			o++
			n--
		}
	}
}

// options dissects the EDNS options of an OPT record.
func (d *dnsMsg) options(rr int32, o, n int) {
	c, t := d.c, d.t
	end := o + n
	for o < end {
		code := t.U16(o)
		l := int(t.U16(o + 2))
		op := c.AddProto(rr, hfDNSOpt, t, o, 4+l)
		if c.Visible() {
			name, ok := dnsOptCodeNames[uint64(code)]
			if !ok {
				name = "Unknown (" + strconv.Itoa(int(code)) + ")"
			}
			c.T.SetLabel(op, "Option: "+name)
		}
		c.AddUint(op, hfDNSOptCode, t, o, 2)
		c.AddUint(op, hfDNSOptLen, t, o+2, 2)
		c.AddBytes(op, hfDNSOptData, t, o+4, l)
		v := o + 4
		switch code {
		case 11: // EDNS TCP keepalive
			if l == 2 {
				c.AddUint(op, hfDNSOptKeepalive, t, v, 2)
			}
		case 5, 6, 7:
			hf := hfDNSOptDAU
			if code == 6 {
				hf = hfDNSOptDHU
			} else if code == 7 {
				hf = hfDNSOptN3U
			}
			for i := 0; i < l; i++ {
				c.AddUint(op, hf, t, v+i, 1)
			}
		case 8, 20730: // client subnet
			fam := t.U16(v)
			c.AddUint(op, hfDNSOptFamily, t, v, 2)
			c.AddUint(op, hfDNSOptNetmask, t, v+2, 1)
			c.AddUint(op, hfDNSOptScope, t, v+3, 1)
			al := l - 4
			switch {
			case fam == 1 && al <= 4:
				var a [4]byte
				copy(a[:], t.Bytes(v+4, al))
				c.AddBytesV(op, hfDNSOptClient4, t, v+4, al, a[:])
			case fam == 2 && al <= 16:
				var a [16]byte
				copy(a[:], t.Bytes(v+4, al))
				c.AddBytesV(op, hfDNSOptClient6, t, v+4, al, a[:])
			default:
				c.AddBytes(op, hfDNSOptClientAddr, t, v+4, al)
			}
		case 10: // COOKIE
			c.AddBytes(op, hfDNSOptCookieC, t, v, min(8, l))
			c.AddBytes(op, hfDNSOptCookieS, t, v+8, max(l-8, 0))
		case 12:
			c.AddBytes(op, hfDNSOptPadding, t, v, l)
		case 13:
			// Wireshark shows the name in wire format here.
			b := t.Bytes(v, l)
			if i := bytes.IndexByte(b, 0); i >= 0 {
				b = b[:i]
			}
			c.AddBytesV(op, hfDNSOptChain, t, v, l, b)
		}
		o += 4 + l
	}
}
