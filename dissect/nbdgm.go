package dissect

import (
	"bytes"
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// NetBIOS Datagram Service (UDP 138, Wireshark's packet-nbdgm.c) and what Windows hosts send in it:
// SMB Transaction requests (packet-smb.c, header and Trans request only) to the browser mailslot
// (packet-smb-mailslot.c) carrying Microsoft Windows Browser Protocol announcements and elections
// (packet-smb-browse.c). SMB strings here are ASCII; SMB fields are little-endian.

var (
	protoNBDGM             = Fields.Protocol("nbdgm", "NetBIOS Datagram Service")
	hfNbdgmType            = Fields.Add(protoNBDGM, "nbdgm.type", "Message Type", field.Uint8, field.WithStrings(map[uint64]string{16: "Direct_unique datagram", 17: "Direct_group datagram", 18: "Broadcast datagram", 19: "Datagram error", 20: "Datagram query request", 21: "Datagram positive query response", 22: "Datagram negative query response"}), field.WithBlurb("NBDGM message type"))
	hfNbdgmFlags           = Fields.Add(protoNBDGM, "nbdgm.flags", "Flags", field.Uint8, field.WithBase(field.Hex))
	hfNbdgmNext            = Fields.Add(protoNBDGM, "nbdgm.next", "More fragments follow", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Yes", "No"), field.WithBlurb("TRUE if more fragments follow"))
	hfNbdgmFirst           = Fields.Add(protoNBDGM, "nbdgm.first", "This is first fragment", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("Yes", "No"), field.WithBlurb("TRUE if first fragment"))
	hfNbdgmNodeType        = Fields.Add(protoNBDGM, "nbdgm.node_type", "Node Type", field.Uint8, field.WithMask(0xc), field.WithStrings(map[uint64]string{0: "B node", 1: "P node", 2: "M node", 3: "NBDD"}))
	hfNbdgmDgramId         = Fields.Add(protoNBDGM, "nbdgm.dgram_id", "Datagram ID", field.Uint16, field.WithBase(field.Hex), field.WithBlurb("Datagram identifier"))
	hfNbdgmSrcIp           = Fields.Add(protoNBDGM, "nbdgm.src.ip", "Source IP", field.IPv4, field.WithBlurb("Source IPv4 address"))
	hfNbdgmSrcPort         = Fields.Add(protoNBDGM, "nbdgm.src.port", "Source Port", field.Uint16)
	hfNbdgmDgramLen        = Fields.Add(protoNBDGM, "nbdgm.dgram_len", "Datagram length", field.Uint16, field.WithUnit("bytes"))
	hfNbdgmPktOffset       = Fields.Add(protoNBDGM, "nbdgm.pkt_offset", "Packet offset", field.Uint16, field.WithUnit("bytes"))
	hfNbdgmSourceName      = Fields.Add(protoNBDGM, "nbdgm.source_name", "Source name", field.String)
	hfNbdgmDestinationName = Fields.Add(protoNBDGM, "nbdgm.destination_name", "Destination name", field.String)
	hfNbdgmErrorCode       = Fields.Add(protoNBDGM, "nbdgm.error_code", "Error code", field.Uint8, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{0x82: "Destination name not present", 0x83: "Invalid source name format", 0x84: "Invalid destination name format"}))
	handleNBDGM            = &Handle{Name: "nbdgm", Fn: dissectNBDGM}

	protoSMB                    = Fields.Protocol("smb", "SMB (Server Message Block Protocol)")
	hfSmbServerComponent        = Fields.Add(protoSMB, "smb.server_component", "Server Component", field.Uint32, field.WithBase(field.Hex))
	hfSmbCmd                    = Fields.Add(protoSMB, "smb.cmd", "SMB Command", field.Uint8, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{0: "Create Directory", 1: "Delete Directory", 2: "Open", 3: "Create", 4: "Close", 5: "Flush", 6: "Delete", 7: "Rename", 8: "Query Information", 9: "Set Information", 10: "Read", 11: "Write", 12: "Lock Byte Range", 13: "Unlock Byte Range", 14: "Create Temp", 15: "Create New", 16: "Check Directory", 17: "Process Exit", 18: "Seek", 19: "Lock And Read", 20: "Write And Unlock", 21: "unknown-0x15", 22: "unknown-0x16", 23: "unknown-0x17", 24: "unknown-0x18", 25: "unknown-0x19", 26: "Read Raw", 27: "Read MPX", 28: "Read MPX Secondary", 29: "Write Raw", 30: "Write MPX", 31: "Write MPX Secondary", 32: "Write Complete", 33: "Query Server (reserved)", 34: "Set Information2", 35: "Query Information2", 36: "Locking AndX", 37: "Trans", 38: "Trans Secondary", 39: "IOCTL", 40: "IOCTL Secondary", 41: "Copy", 42: "Move", 43: "Echo", 44: "Write And Close", 45: "Open AndX", 46: "Read AndX", 47: "Write AndX", 48: "New File Size (reserved)", 49: "Close And Tree Disconnect", 50: "Trans2", 51: "Trans2 Secondary", 52: "Find Close2", 53: "Find Notify Close", 112: "Tree Connect", 113: "Tree Disconnect", 114: "Negotiate Protocol", 115: "Session Setup AndX", 116: "Logoff AndX", 117: "Tree Connect AndX", 128: "Query Information Disk", 129: "Search", 130: "Find", 131: "Find Unique", 132: "Find Close", 160: "NT Trans", 161: "NT Trans Secondary", 162: "NT Create AndX", 163: "unknown-0xA3", 164: "NT Cancel", 165: "NT Rename", 192: "Open Print File", 193: "Write Print File", 194: "Close Print File", 195: "Get Print Queue", 208: "Send Single Block Message", 209: "Send Broadcast Message", 210: "Forward User Name", 211: "Cancel Forward", 212: "Get Machine Name", 213: "Send Start of Multi-block Message", 214: "Send End of Multi-block Message", 215: "Send Text of Multi-block Message", 216: "SMBreadbulk", 217: "SMBwritebulk", 218: "SMBwritebulkdata", 254: "SMBinvalid"}))
	hfSmbErrorClass             = Fields.Add(protoSMB, "smb.error_class", "Error Class", field.Uint8, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{0x0: "Success", 0x1: "DOS Error", 0x2: "Server Error", 0x3: "Hardware Error", 0x4: "Command Error - Not an SMB format command"}), field.WithBlurb("DOS Error Class"))
	hfSmbReserved               = Fields.Add(protoSMB, "smb.reserved", "Reserved", field.Bytes, field.WithBlurb("Reserved bytes, must be zero"))
	hfSmbErrorCode              = Fields.Add(protoSMB, "smb.error_code", "Error Code", field.Uint16, field.WithBase(field.Hex), field.WithBlurb("DOS Error Code"))
	hfSmbFlags                  = Fields.Add(protoSMB, "smb.flags", "Flags", field.Uint8, field.WithBase(field.Hex))
	hfSmbFlagsResponse          = Fields.Add(protoSMB, "smb.flags.response", "Request/Response", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithTrueFalse("Message is a response to the client/redirector", "Message is a request to the server"), field.WithBlurb("Is this a request or a response?"))
	hfSmbFlagsNotify            = Fields.Add(protoSMB, "smb.flags.notify", "Notify", field.Bool, field.WithBase(8), field.WithMask(0x40), field.WithTrueFalse("Notify client on all modifications", "Notify client only on open"), field.WithBlurb("Notify on open or all?"))
	hfSmbFlagsOplock            = Fields.Add(protoSMB, "smb.flags.oplock", "Oplocks", field.Bool, field.WithBase(8), field.WithMask(0x20), field.WithTrueFalse("OpLock requested/granted", "OpLock not requested/granted"), field.WithBlurb("Is an oplock requested/granted?"))
	hfSmbFlagsCanon             = Fields.Add(protoSMB, "smb.flags.canon", "Canonicalized Pathnames", field.Bool, field.WithBase(8), field.WithMask(0x10), field.WithTrueFalse("Pathnames are canonicalized", "Pathnames are not canonicalized"), field.WithBlurb("Are pathnames canonicalized?"))
	hfSmbFlagsCaseless          = Fields.Add(protoSMB, "smb.flags.caseless", "Case Sensitivity", field.Bool, field.WithBase(8), field.WithMask(0x8), field.WithTrueFalse("Path names are caseless", "Path names are case sensitive"), field.WithBlurb("Are pathnames caseless or casesensitive?"))
	hfSmbFlagsReceiveBuffer     = Fields.Add(protoSMB, "smb.flags.receive_buffer", "Receive Buffer Posted", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("Receive buffer has been posted", "Receive buffer has not been posted"), field.WithBlurb("Have receive buffers been reported?"))
	hfSmbFlagsLock              = Fields.Add(protoSMB, "smb.flags.lock", "Lock and Read", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Lock&Read, Write&Unlock are supported", "Lock&Read, Write&Unlock are not supported"), field.WithBlurb("Are Lock&Read and Write&Unlock operations supported?"))
	hfSmbFlags2                 = Fields.Add(protoSMB, "smb.flags2", "Flags2", field.Uint16, field.WithBase(field.Hex))
	hfSmbFlags2String           = Fields.Add(protoSMB, "smb.flags2.string", "Unicode Strings", field.Bool, field.WithBase(16), field.WithMask(0x8000), field.WithTrueFalse("Strings are Unicode", "Strings are ASCII"), field.WithBlurb("Are strings ASCII or Unicode?"))
	hfSmbFlags2NtError          = Fields.Add(protoSMB, "smb.flags2.nt_error", "Error Code Type", field.Bool, field.WithBase(16), field.WithMask(0x4000), field.WithTrueFalse("Error codes are NT error codes", "Error codes are DOS error codes"), field.WithBlurb("Are error codes NT or DOS format?"))
	hfSmbFlags2Roe              = Fields.Add(protoSMB, "smb.flags2.roe", "Execute-only Reads", field.Bool, field.WithBase(16), field.WithMask(0x2000), field.WithTrueFalse("Permit reads if execute-only", "Don't permit reads if execute-only"), field.WithBlurb("Will reads be allowed for execute-only files?"))
	hfSmbFlags2Dfs              = Fields.Add(protoSMB, "smb.flags2.dfs", "Dfs", field.Bool, field.WithBase(16), field.WithMask(0x1000), field.WithTrueFalse("Resolve pathnames with Dfs", "Don't resolve pathnames with Dfs"), field.WithBlurb("Can pathnames be resolved using Dfs?"))
	hfSmbFlags2Esn              = Fields.Add(protoSMB, "smb.flags2.esn", "Extended Security Negotiation", field.Bool, field.WithBase(16), field.WithMask(0x800), field.WithTrueFalse("Extended security negotiation is supported", "Extended security negotiation is not supported"), field.WithBlurb("Is extended security negotiation supported?"))
	hfSmbFlags2ReparsePath      = Fields.Add(protoSMB, "smb.flags2.reparse_path", "Reparse Path", field.Bool, field.WithBase(16), field.WithMask(0x400), field.WithTrueFalse("The request uses a @GMT reparse path", "The request does not use a @GMT reparse path"), field.WithBlurb("The request uses a @GMT reparse path"))
	hfSmbFlags2LongNamesUsed    = Fields.Add(protoSMB, "smb.flags2.long_names_used", "Long Names Used", field.Bool, field.WithBase(16), field.WithMask(0x40), field.WithTrueFalse("Path names in request are long file names", "Path names in request are not long file names"), field.WithBlurb("Are pathnames in this request long file names?"))
	hfSmbFlags2SecSigRequired   = Fields.Add(protoSMB, "smb.flags2.sec_sig_required", "Security Signatures Required", field.Bool, field.WithBase(16), field.WithMask(0x10), field.WithTrueFalse("Security signatures are required", "Security signatures are not required"), field.WithBlurb("Are security signatures required?"))
	hfSmbFlags2Compressed       = Fields.Add(protoSMB, "smb.flags2.compressed", "Compressed", field.Bool, field.WithBase(16), field.WithMask(0x8), field.WithTrueFalse("Compression is requested", "Compression is not requested"), field.WithBlurb("Is compression requested?"))
	hfSmbFlags2SecSig           = Fields.Add(protoSMB, "smb.flags2.sec_sig", "Security Signatures", field.Bool, field.WithBase(16), field.WithMask(0x4), field.WithTrueFalse("Security signatures are supported", "Security signatures are not supported"), field.WithBlurb("Are security signatures supported?"))
	hfSmbFlags2Ea               = Fields.Add(protoSMB, "smb.flags2.ea", "Extended Attributes", field.Bool, field.WithBase(16), field.WithMask(0x2), field.WithTrueFalse("Extended attributes are supported", "Extended attributes are not supported"), field.WithBlurb("Are extended attributes supported?"))
	hfSmbFlags2LongNamesAllowed = Fields.Add(protoSMB, "smb.flags2.long_names_allowed", "Long Names Allowed", field.Bool, field.WithBase(16), field.WithMask(0x1), field.WithTrueFalse("Long file names are allowed in the response", "Long file names are not allowed in the response"), field.WithBlurb("Are long file names allowed in the response?"))
	hfSmbPidHigh                = Fields.Add(protoSMB, "smb.pid.high", "Process ID High", field.Uint16, field.WithBlurb("Process ID High Bytes"))
	hfSmbSignature              = Fields.Add(protoSMB, "smb.signature", "Signature", field.Bytes, field.WithBlurb("Signature bytes"))
	hfSmbTid                    = Fields.Add(protoSMB, "smb.tid", "Tree ID", field.Uint16)
	hfSmbPid                    = Fields.Add(protoSMB, "smb.pid", "Process ID", field.Uint16)
	hfSmbUid                    = Fields.Add(protoSMB, "smb.uid", "User ID", field.Uint16)
	hfSmbMid                    = Fields.Add(protoSMB, "smb.mid", "Multiplex ID", field.Uint16)
	hfSmbWct                    = Fields.Add(protoSMB, "smb.wct", "Word Count (WCT)", field.Uint8, field.WithBlurb("Word Count, count of parameter words"))
	hfSmbTpc                    = Fields.Add(protoSMB, "smb.tpc", "Total Parameter Count", field.Uint32, field.WithBlurb("Total number of parameter bytes"))
	hfSmbTdc                    = Fields.Add(protoSMB, "smb.tdc", "Total Data Count", field.Uint32, field.WithBlurb("Total number of data bytes"))
	hfSmbMpc                    = Fields.Add(protoSMB, "smb.mpc", "Max Parameter Count", field.Uint32, field.WithBlurb("Maximum number of parameter bytes to return"))
	hfSmbMdc                    = Fields.Add(protoSMB, "smb.mdc", "Max Data Count", field.Uint32, field.WithBlurb("Maximum number of data bytes to return"))
	hfSmbMsc                    = Fields.Add(protoSMB, "smb.msc", "Max Setup Count", field.Uint8, field.WithBlurb("Maximum number of setup words to return"))
	hfSmbTransactionFlags       = Fields.Add(protoSMB, "smb.transaction.flags", "Flags", field.Uint16, field.WithBase(field.Hex))
	hfSmbTransactionFlagsOwt    = Fields.Add(protoSMB, "smb.transaction.flags.owt", "One Way Transaction", field.Bool, field.WithBase(16), field.WithMask(0x2), field.WithTrueFalse("One Way Transaction (NO RESPONSE)", "Two way transaction"), field.WithBlurb("One Way Transaction (no response)?"))
	hfSmbTransactionFlagsDtid   = Fields.Add(protoSMB, "smb.transaction.flags.dtid", "Disconnect TID", field.Bool, field.WithBase(16), field.WithMask(0x1), field.WithTrueFalse("Also DISCONNECT TID", "Do NOT disconnect TID"), field.WithBlurb("Disconnect TID?"))
	hfSmbTimeout                = Fields.Add(protoSMB, "smb.timeout", "Timeout", field.Uint32, field.WithBlurb("Timeout in milliseconds"))
	hfSmbPc                     = Fields.Add(protoSMB, "smb.pc", "Parameter Count", field.Uint16, field.WithBlurb("Number of parameter bytes in this buffer"))
	hfSmbPo                     = Fields.Add(protoSMB, "smb.po", "Parameter Offset", field.Uint16, field.WithBlurb("Offset (from header start) to parameters"))
	hfSmbDc                     = Fields.Add(protoSMB, "smb.dc", "Data Count", field.Uint16, field.WithBlurb("Number of data bytes in this buffer"))
	hfSmbDataOffset             = Fields.Add(protoSMB, "smb.data_offset", "Data Offset", field.Uint16)
	hfSmbSc                     = Fields.Add(protoSMB, "smb.sc", "Setup Count", field.Uint8, field.WithBlurb("Number of setup words in this buffer"))
	hfSmbBcc                    = Fields.Add(protoSMB, "smb.bcc", "Byte Count (BCC)", field.Uint16, field.WithBlurb("Byte Count, count of data bytes"))
	hfSmbTransName              = Fields.Add(protoSMB, "smb.trans_name", "Transaction Name", field.String, field.WithBlurb("Name of transaction"))
	handleSMB                   = &Handle{Name: "smb", Fn: dissectSMB}

	protoMailslot      = Fields.Protocol("mailslot", "SMB MailSlot Protocol")
	hfMailslotOpcode   = Fields.Add(protoMailslot, "mailslot.opcode", "Opcode", field.Uint16, field.WithStrings(map[uint64]string{1: "Write Mail Slot"}), field.WithBlurb("MAILSLOT OpCode"))
	hfMailslotPriority = Fields.Add(protoMailslot, "mailslot.priority", "Priority", field.Uint16, field.WithBlurb("MAILSLOT Priority of transaction"))
	hfMailslotClass    = Fields.Add(protoMailslot, "mailslot.class", "Class", field.Uint16, field.WithStrings(map[uint64]string{1: "Reliable", 2: "Unreliable & Broadcast"}), field.WithBlurb("MAILSLOT Class of transaction"))
	hfMailslotSize     = Fields.Add(protoMailslot, "mailslot.size", "Size", field.Uint16, field.WithBlurb("MAILSLOT Total size of mail data"))
	hfMailslotName     = Fields.Add(protoMailslot, "mailslot.name", "Mailslot Name", field.String, field.WithBlurb("MAILSLOT Name of mailslot"))

	protoBrowser                           = Fields.Protocol("browser", "Microsoft Windows Browser Protocol")
	hfBrowserCommand                       = Fields.Add(protoBrowser, "browser.command", "Command", field.Uint8, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{0x1: "Host Announcement", 0x2: "Request Announcement", 0x8: "Browser Election Request", 0x9: "Get Backup List Request", 0xa: "Get Backup List Response", 0xb: "Become Backup Browser", 0xc: "Domain/Workgroup Announcement", 0xd: "Master Announcement", 0xe: "Reset Browser State Announcement", 0xf: "Local Master Announcement"}), field.WithBlurb("Browse command opcode"))
	hfBrowserUnused                        = Fields.Add(protoBrowser, "browser.unused", "Unused flags", field.Uint8, field.WithBase(field.Hex), field.WithBlurb("Unused/unknown flags"))
	hfBrowserResponseComputerName          = Fields.Add(protoBrowser, "browser.response_computer_name", "Response Computer Name", field.StringZ)
	hfBrowserUpdateCount                   = Fields.Add(protoBrowser, "browser.update_count", "Update Count", field.Uint8, field.WithBlurb("Browse Update Count"))
	hfBrowserPeriod                        = Fields.Add(protoBrowser, "browser.period", "Update Periodicity", field.Uint32, field.WithBlurb("Update Periodicity in ms"))
	hfBrowserServer                        = Fields.Add(protoBrowser, "browser.server", "Server Name", field.String, field.WithBlurb("BROWSE Server Name"))
	hfBrowserWindowsVersion                = Fields.Add(protoBrowser, "browser.windows_version", "Windows version", field.String)
	hfBrowserOsMajor                       = Fields.Add(protoBrowser, "browser.os_major", "OS Major Version", field.Uint8, field.WithBlurb("Operating System Major Version"))
	hfBrowserOsMinor                       = Fields.Add(protoBrowser, "browser.os_minor", "OS Minor Version", field.Uint8, field.WithBlurb("Operating System Minor Version"))
	hfBrowserServerType                    = Fields.Add(protoBrowser, "browser.server_type", "Server Type", field.Uint32, field.WithBase(field.Hex), field.WithBlurb("Server Type Flags"))
	hfBrowserServerTypeWorkstation         = Fields.Add(protoBrowser, "browser.server_type.workstation", "Workstation", field.Bool, field.WithBase(32), field.WithMask(0x1), field.WithTrueFalse("This is a Workstation", "This is NOT a Workstation"), field.WithBlurb("Is This A Workstation?"))
	hfBrowserServerTypeServer              = Fields.Add(protoBrowser, "browser.server_type.server", "Server", field.Bool, field.WithBase(32), field.WithMask(0x2), field.WithTrueFalse("This is a Server", "This is NOT a Server"), field.WithBlurb("Is This A Server?"))
	hfBrowserServerTypeSql                 = Fields.Add(protoBrowser, "browser.server_type.sql", "SQL", field.Bool, field.WithBase(32), field.WithMask(0x4), field.WithTrueFalse("This is an SQL server", "This is NOT an SQL server"), field.WithBlurb("Is This A SQL Server?"))
	hfBrowserServerTypeDomainController    = Fields.Add(protoBrowser, "browser.server_type.domain_controller", "Domain Controller", field.Bool, field.WithBase(32), field.WithMask(0x8), field.WithTrueFalse("This is a Domain Controller", "This is NOT a Domain Controller"), field.WithBlurb("Is This A Domain Controller?"))
	hfBrowserServerTypeBackupController    = Fields.Add(protoBrowser, "browser.server_type.backup_controller", "Backup Controller", field.Bool, field.WithBase(32), field.WithMask(0x10), field.WithTrueFalse("This is a Backup Controller", "This is NOT a Backup Controller"), field.WithBlurb("Is This A Backup Domain Controller?"))
	hfBrowserServerTypeTime                = Fields.Add(protoBrowser, "browser.server_type.time", "Time Source", field.Bool, field.WithBase(32), field.WithMask(0x20), field.WithTrueFalse("This is a Time Source", "This is NOT a Time Source"), field.WithBlurb("Is This A Time Source?"))
	hfBrowserServerTypeApple               = Fields.Add(protoBrowser, "browser.server_type.apple", "Apple", field.Bool, field.WithBase(32), field.WithMask(0x40), field.WithTrueFalse("This is an Apple host", "This is NOT an Apple host"), field.WithBlurb("Is This An Apple Server ?"))
	hfBrowserServerTypeNovell              = Fields.Add(protoBrowser, "browser.server_type.novell", "Novell", field.Bool, field.WithBase(32), field.WithMask(0x80), field.WithTrueFalse("This is a Novell server", "This is NOT a Novell server"), field.WithBlurb("Is This A Novell Server?"))
	hfBrowserServerTypeMember              = Fields.Add(protoBrowser, "browser.server_type.member", "Member", field.Bool, field.WithBase(32), field.WithMask(0x100), field.WithTrueFalse("This is a Domain Member server", "This is NOT a Domain Member server"), field.WithBlurb("Is This A Domain Member Server?"))
	hfBrowserServerTypePrint               = Fields.Add(protoBrowser, "browser.server_type.print", "Print", field.Bool, field.WithBase(32), field.WithMask(0x200), field.WithTrueFalse("This is a Print Queue server", "This is NOT a Print Queue server"), field.WithBlurb("Is This A Print Server?"))
	hfBrowserServerTypeDialin              = Fields.Add(protoBrowser, "browser.server_type.dialin", "Dialin", field.Bool, field.WithBase(32), field.WithMask(0x400), field.WithTrueFalse("This is a Dialin server", "This is NOT a Dialin server"), field.WithBlurb("Is This A Dialin Server?"))
	hfBrowserServerTypeXenix               = Fields.Add(protoBrowser, "browser.server_type.xenix", "Xenix", field.Bool, field.WithBase(32), field.WithMask(0x800), field.WithTrueFalse("This is a Xenix server", "This is NOT a Xenix server"), field.WithBlurb("Is This A Xenix Server?"))
	hfBrowserServerTypeNtw                 = Fields.Add(protoBrowser, "browser.server_type.ntw", "NT Workstation", field.Bool, field.WithBase(32), field.WithMask(0x1000), field.WithTrueFalse("This is an NT Workstation", "This is NOT an NT Workstation"), field.WithBlurb("Is This A NT Workstation?"))
	hfBrowserServerTypeWfw                 = Fields.Add(protoBrowser, "browser.server_type.wfw", "WfW", field.Bool, field.WithBase(32), field.WithMask(0x2000), field.WithTrueFalse("This is a WfW host", "This is NOT a WfW host"), field.WithBlurb("Is This A Windows For Workgroups Server?"))
	hfBrowserServerTypeNts                 = Fields.Add(protoBrowser, "browser.server_type.nts", "NT Server", field.Bool, field.WithBase(32), field.WithMask(0x8000), field.WithTrueFalse("This is an NT Server", "This is NOT an NT Server"), field.WithBlurb("Is This A NT Server?"))
	hfBrowserServerTypeBrowserPotential    = Fields.Add(protoBrowser, "browser.server_type.browser.potential", "Potential Browser", field.Bool, field.WithBase(32), field.WithMask(0x10000), field.WithTrueFalse("This is a Potential Browser", "This is NOT a Potential Browser"), field.WithBlurb("Is This A Potential Browser?"))
	hfBrowserServerTypeBrowserBackup       = Fields.Add(protoBrowser, "browser.server_type.browser.backup", "Backup Browser", field.Bool, field.WithBase(32), field.WithMask(0x20000), field.WithTrueFalse("This is a Backup Browser", "This is NOT a Backup Browser"), field.WithBlurb("Is This A Backup Browser?"))
	hfBrowserServerTypeBrowserMaster       = Fields.Add(protoBrowser, "browser.server_type.browser.master", "Master Browser", field.Bool, field.WithBase(32), field.WithMask(0x40000), field.WithTrueFalse("This is a Master Browser", "This is NOT a Master Browser"), field.WithBlurb("Is This A Master Browser?"))
	hfBrowserServerTypeBrowserDomainMaster = Fields.Add(protoBrowser, "browser.server_type.browser.domain_master", "Domain Master Browser", field.Bool, field.WithBase(32), field.WithMask(0x80000), field.WithTrueFalse("This is a Domain Master Browser", "This is NOT a Domain Master Browser"), field.WithBlurb("Is This A Domain Master Browser?"))
	hfBrowserServerTypeOsf                 = Fields.Add(protoBrowser, "browser.server_type.osf", "OSF", field.Bool, field.WithBase(32), field.WithMask(0x100000), field.WithTrueFalse("This is an OSF host", "This is NOT an OSF host"), field.WithBlurb("Is This An OSF server ?"))
	hfBrowserServerTypeVms                 = Fields.Add(protoBrowser, "browser.server_type.vms", "VMS", field.Bool, field.WithBase(32), field.WithMask(0x200000), field.WithTrueFalse("This is a VMS host", "This is NOT a VMS host"), field.WithBlurb("Is This A VMS Server?"))
	hfBrowserServerTypeW95                 = Fields.Add(protoBrowser, "browser.server_type.w95", "Windows 95+", field.Bool, field.WithBase(32), field.WithMask(0x400000), field.WithTrueFalse("This is a Windows 95 or above host", "This is NOT a Windows 95 or above host"), field.WithBlurb("Is This A Windows 95 or above server?"))
	hfBrowserServerTypeDfs                 = Fields.Add(protoBrowser, "browser.server_type.dfs", "DFS", field.Bool, field.WithBase(32), field.WithMask(0x800000), field.WithTrueFalse("This is a DFS server", "THis is NOT a DFS server"), field.WithBlurb("Is This A DFS server?"))
	hfBrowserServerTypeLocal               = Fields.Add(protoBrowser, "browser.server_type.local", "Local", field.Bool, field.WithBase(32), field.WithMask(0x40000000), field.WithTrueFalse("This is a local list only request", "This is NOT a local list only request"), field.WithBlurb("Is This A Local List Only request?"))
	hfBrowserServerTypeDomainenum          = Fields.Add(protoBrowser, "browser.server_type.domainenum", "Domain Enum", field.Bool, field.WithBase(32), field.WithMask(0x80000000), field.WithTrueFalse("This is a Domain Enum request", "This is NOT a Domain Enum request"), field.WithBlurb("Is This A Domain Enum request?"))
	hfBrowserMysteriousField               = Fields.Add(protoBrowser, "browser.mysterious_field", "Mysterious Field", field.Uint32, field.WithBase(field.Hex))
	hfBrowserMbServer                      = Fields.Add(protoBrowser, "browser.mb_server", "Master Browser Server Name", field.String, field.WithBlurb("BROWSE Master Browser Server Name"))
	hfBrowserProtoMajor                    = Fields.Add(protoBrowser, "browser.proto_major", "Browser Protocol Major Version", field.Uint8)
	hfBrowserProtoMinor                    = Fields.Add(protoBrowser, "browser.proto_minor", "Browser Protocol Minor Version", field.Uint8)
	hfBrowserSig                           = Fields.Add(protoBrowser, "browser.sig", "Signature", field.Uint16, field.WithBase(field.Hex), field.WithBlurb("Signature Constant"))
	hfBrowserComment                       = Fields.Add(protoBrowser, "browser.comment", "Host Comment", field.StringZ, field.WithBlurb("Server Comment"))
	hfBrowserElectionVersion               = Fields.Add(protoBrowser, "browser.election.version", "Election Version", field.Uint8)
	hfBrowserElectionCriteria              = Fields.Add(protoBrowser, "browser.election.criteria", "Election Criteria", field.Uint32, field.WithBase(field.Hex))
	hfBrowserElectionDesire                = Fields.Add(protoBrowser, "browser.election.desire", "Election Desire", field.Uint8, field.WithBase(field.Hex))
	hfBrowserElectionDesireBackup          = Fields.Add(protoBrowser, "browser.election.desire.backup", "Backup", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Backup Browse Server", "NOT Backup Browse Server"), field.WithBlurb("Is this a backup server"))
	hfBrowserElectionDesireStandby         = Fields.Add(protoBrowser, "browser.election.desire.standby", "Standby", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("Standby Browse Server", "NOT Standby Browse Server"), field.WithBlurb("Is this a standby server?"))
	hfBrowserElectionDesireMaster          = Fields.Add(protoBrowser, "browser.election.desire.master", "Master", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithTrueFalse("Master Browser", "NOT Master Browser"), field.WithBlurb("Is this a master server"))
	hfBrowserElectionDesireDomainMaster    = Fields.Add(protoBrowser, "browser.election.desire.domain_master", "Domain Master", field.Bool, field.WithBase(8), field.WithMask(0x8), field.WithTrueFalse("Domain Master Browse Server", "NOT Domain Master Browse Server"), field.WithBlurb("Is this a domain master"))
	hfBrowserElectionDesireWins            = Fields.Add(protoBrowser, "browser.election.desire.wins", "WINS", field.Bool, field.WithBase(8), field.WithMask(0x20), field.WithTrueFalse("WINS Client", "NOT WINS Client"), field.WithBlurb("Is this a WINS server"))
	hfBrowserElectionDesireNt              = Fields.Add(protoBrowser, "browser.election.desire.nt", "NT", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithTrueFalse("Windows NT Advanced Server", "NOT Windows NT Advanced Server"), field.WithBlurb("Is this a NT server"))
	hfBrowserElectionOs                    = Fields.Add(protoBrowser, "browser.election.os", "Election OS", field.Uint8, field.WithBase(field.Hex))
	hfBrowserElectionOsWfw                 = Fields.Add(protoBrowser, "browser.election.os.wfw", "WfW", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Windows for Workgroups", "Not Windows for Workgroups"), field.WithBlurb("Is this a WfW host?"))
	hfBrowserElectionOsNtw                 = Fields.Add(protoBrowser, "browser.election.os.ntw", "NT Workstation", field.Bool, field.WithBase(8), field.WithMask(0x10), field.WithTrueFalse("Windows NT Workstation", "Not Windows NT Workstation"), field.WithBlurb("Is this a NT Workstation?"))
	hfBrowserElectionOsNts                 = Fields.Add(protoBrowser, "browser.election.os.nts", "NT Server", field.Bool, field.WithBase(8), field.WithMask(0x20), field.WithTrueFalse("Windows NT Server", "Not Windows NT Server"), field.WithBlurb("Is this a NT Server?"))
	hfBrowserUptime                        = Fields.Add(protoBrowser, "browser.uptime", "Uptime", field.Uint32, field.WithBlurb("Server uptime in ms"))
	handleBrowser                          = &Handle{Name: "browser", Fn: dissectBrowser}
)

func init() {
	RegisterShortName(protoNBDGM, "NBDGM")
	RegisterShortName(protoSMB, "SMB")
	RegisterShortName(protoMailslot, "MAILSLOT")
	RegisterShortName(protoBrowser, "BROWSER")
	UDPPort.Add(138, handleNBDGM)
}

// netbiosNameItem adds a NetBIOS name at o (RFC 1001 encoded, 34 bytes for a plain name) as field
// hf labelled "label: NAME<xx> (type)" and returns its length.
func netbiosNameItem(c *Ctx, t Tvb, p int32, o int, hf field.ID, label string) int {
	name, typ, n, _ := nbnsName(t, o)
	nn := c.AddString(p, hf, t, o, n, name)
	if c.Visible() {
		c.T.SetLabel(nn, label+": "+name+" ("+netbiosNameType(typ)+")")
	}
	return n
}

func dissectNBDGM(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("NBDGM")
	c.ClearInfo()
	typ := uint64(t.U8(0))
	p := c.AddProto(parent, protoNBDGM, t, 0, -1)
	c.AddUintV(p, hfNbdgmType, t, 0, 1, typ)
	if name, ok := Fields.Get(hfNbdgmType).ValueName(typ); ok {
		c.SetInfo(name)
	} else {
		c.SetInfo("Unknown message type (0x" + hex2(typ) + ")")
	}
	flags := uint64(t.U8(1))
	fn := c.AddUintV(p, hfNbdgmFlags, t, 1, 1, flags)
	c.AddUint(fn, hfNbdgmNext, t, 1, 1)
	c.AddUint(fn, hfNbdgmFirst, t, 1, 1)
	c.AddUint(fn, hfNbdgmNodeType, t, 1, 1)
	if c.Visible() {
		s := "Flags: 0x" + hex2(flags)
		if flags&1 != 0 {
			s += ", More fragments follow"
		}
		if flags&2 != 0 {
			s += ", This is first fragment"
		}
		nt, _ := Fields.Get(hfNbdgmNodeType).ValueName((flags >> 2) & 3)
		s += ", Node Type: " + nt
		c.T.SetLabel(fn, s)
	}
	c.AddUint(p, hfNbdgmDgramId, t, 2, 2)
	c.AddBytes(p, hfNbdgmSrcIp, t, 4, 4)
	c.AddUint(p, hfNbdgmSrcPort, t, 8, 2)
	o := 10
	switch typ {
	case 0x10, 0x11, 0x12:
		_, dl := c.AddUint(p, hfNbdgmDgramLen, t, 10, 2)
		c.AddUint(p, hfNbdgmPktOffset, t, 12, 2)
		o = 14
		o += netbiosNameItem(c, t, p, o, hfNbdgmSourceName, "Source name")
		o += netbiosNameItem(c, t, p, o, hfNbdgmDestinationName, "Destination name")
		c.setProtoLen(p, protoNBDGM, o)
		end := min(t.Len(), 14+int(dl)-(o-14)+(o-14))
		_ = end
		if o < t.Len() {
			c.Call(handleSMB, t.Sub(o), parent)
		}
	case 0x13:
		c.AddUint(p, hfNbdgmErrorCode, t, 10, 1)
		c.setProtoLen(p, protoNBDGM, 11)
	default:
		o += netbiosNameItem(c, t, p, o, hfNbdgmDestinationName, "Destination name")
		c.setProtoLen(p, protoNBDGM, o)
	}
}

// smbErrorClass names SMB error classes for the Error Code label.
func dissectSMB(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("SMB")
	if !t.Has(0, 4) || !bytes.Equal(t.B[:4], []byte{0xff, 'S', 'M', 'B'}) {
		c.CallData(t, parent)
		return
	}
	p := c.AddProto(parent, protoSMB, t, 0, -1)
	t.Need(0, 32)
	h := c.AddText(p, t, 0, 32, "SMB Header")
	sc := c.AddUintV(h, hfSmbServerComponent, t, 0, 4, uint64(t.U32LE(0)))
	c.Label(sc, "Server Component: SMB")
	_, cmd := c.AddUint(h, hfSmbCmd, t, 4, 1)
	if st, nt := smbNTStatus(t); nt {
		sn := c.AddUintV(h, hfSmbNTStatus, t, 5, 4, uint64(st))
		c.Label(sn, "NT Status: %s (0x%s)", ntStatusName(st), hex8(st))
	} else {
		_, ec := c.AddUint(h, hfSmbErrorClass, t, 5, 1)
		c.AddBytes(h, hfSmbReserved, t, 6, 1)
		code := uint64(t.U16LE(7))
		en := c.AddUintV(h, hfSmbErrorCode, t, 7, 2, code)
		if ec == 0 && code == 0 {
			c.Label(en, "Error Code: No Error")
		}
	}
	fl, _ := c.AddUint(h, hfSmbFlags, t, 9, 1)
	for _, hf := range [...]field.ID{hfSmbFlagsResponse, hfSmbFlagsNotify, hfSmbFlagsOplock, hfSmbFlagsCanon, hfSmbFlagsCaseless, hfSmbFlagsReceiveBuffer, hfSmbFlagsLock} {
		c.AddUint(fl, hf, t, 9, 1)
	}
	flags := t.U8(9)
	f2, _ := c.AddUintLE(h, hfSmbFlags2, t, 10, 2)
	for _, hf := range [...]field.ID{hfSmbFlags2String, hfSmbFlags2NtError, hfSmbFlags2Roe, hfSmbFlags2Dfs, hfSmbFlags2Esn, hfSmbFlags2ReparsePath, hfSmbFlags2LongNamesUsed, hfSmbFlags2SecSigRequired, hfSmbFlags2Compressed, hfSmbFlags2SecSig, hfSmbFlags2Ea, hfSmbFlags2LongNamesAllowed} {
		c.AddUintLE(f2, hf, t, 10, 2)
	}
	c.AddUintLE(h, hfSmbPidHigh, t, 12, 2)
	c.AddBytes(h, hfSmbSignature, t, 14, 8)
	c.AddBytes(h, hfSmbReserved, t, 22, 2)
	c.AddUintLE(h, hfSmbTid, t, 24, 2)
	c.AddUintLE(h, hfSmbPid, t, 26, 2)
	c.AddUintLE(h, hfSmbUid, t, 28, 2)
	c.AddUintLE(h, hfSmbMid, t, 30, 2)
	name, _ := Fields.Get(hfSmbCmd).ValueName(cmd)
	response := flags&0x80 != 0
	if c.Cols.On {
		kind := " Request"
		if response {
			kind = " Response"
		}
		c.SetInfo(name + kind)
	}
	if t.Len() > 32 && smbCommand(c, t, p, parent, cmd, response) {
		return
	}
	if cmd != 0x25 || response {
		if t.Len() > 32 {
			c.CallData(t.Sub(32), parent)
		}
		return
	}
	smbTransRequest(c, t, p, parent)
}

// smbTransRequest dissects a Trans request (word count 14 + setup words) and hands its data to the
// mailslot named in it.
func smbTransRequest(c *Ctx, t Tvb, p, parent int32) {
	wct := int(t.U8(32))
	bccOff := 33 + 2*wct
	bcc := int(t.U16LE(bccOff))
	end := min(bccOff+2+bcc, t.Len())
	tr := c.AddText(p, t, 32, end-32, "Trans Request (0x25)")
	c.AddUint(tr, hfSmbWct, t, 32, 1)
	if wct < 14 {
		return
	}
	c.AddUintLE(tr, hfSmbTpc, t, 33, 2)
	c.AddUintLE(tr, hfSmbTdc, t, 35, 2)
	c.AddUintLE(tr, hfSmbMpc, t, 37, 2)
	c.AddUintLE(tr, hfSmbMdc, t, 39, 2)
	c.AddUint(tr, hfSmbMsc, t, 41, 1)
	c.AddBytes(tr, hfSmbReserved, t, 42, 1)
	fl, _ := c.AddUintLE(tr, hfSmbTransactionFlags, t, 43, 2)
	c.AddUintLE(fl, hfSmbTransactionFlagsOwt, t, 43, 2)
	c.AddUintLE(fl, hfSmbTransactionFlagsDtid, t, 43, 2)
	to := t.U32LE(45)
	tn := c.AddUintV(tr, hfSmbTimeout, t, 45, 4, uint64(to))
	if c.Visible() {
		switch to {
		case 0:
			c.T.SetLabel(tn, "Timeout: Return immediately (0)")
		case 0xffffffff:
			c.T.SetLabel(tn, "Timeout: Wait indefinitely (-1)")
		default:
			c.T.SetLabel(tn, "Timeout: "+msecsString(to))
		}
	}
	c.AddBytes(tr, hfSmbReserved, t, 49, 2)
	c.AddUintLE(tr, hfSmbPc, t, 51, 2)
	c.AddUintLE(tr, hfSmbPo, t, 53, 2)
	dc := int(t.U16LE(55))
	c.AddUintLE(tr, hfSmbDc, t, 55, 2)
	do := int(t.U16LE(57))
	c.AddUintLE(tr, hfSmbDataOffset, t, 57, 2)
	sc := int(t.U8(59))
	c.AddUint(tr, hfSmbSc, t, 59, 1)
	c.AddBytes(tr, hfSmbReserved, t, 60, 1)
	setup := 61
	c.AddUintLE(tr, hfSmbBcc, t, bccOff, 2)
	no := bccOff + 2
	nl := t.IndexByte(no, 0)
	if nl < 0 {
		nl = t.Len()
	}
	name := t.B[no:nl]
	if nl < t.Len() {
		nl++
	}
	c.AddBytesV(tr, hfSmbTransName, t, no, nl-no, asciiString(name))
	if !bytes.HasPrefix(bytes.ToUpper(name), []byte(`\MAILSLOT\`)) || sc < 3 {
		return
	}
	// the mailslot header is the setup words, the byte count and the name
	mp := c.AddProto(parent, protoMailslot, t, setup, nl-setup)
	c.SetProtocol("MAILSLOT")
	c.AddUintLE(mp, hfMailslotOpcode, t, setup, 2)
	c.AddUintLE(mp, hfMailslotPriority, t, setup+2, 2)
	c.AddUintLE(mp, hfMailslotClass, t, setup+4, 2)
	c.AddUintLE(mp, hfMailslotSize, t, bccOff, 2)
	c.AddBytesV(mp, hfMailslotName, t, no, nl-no, asciiString(name))
	if bytes.EqualFold(name, []byte(`\MAILSLOT\BROWSE`)) || bytes.EqualFold(name, []byte(`\MAILSLOT\LANMAN`)) {
		if do < t.Len() {
			data := t.SubLen(do, min(dc, t.Len()-do))
			c.PushLayer("browser")
			dissectBrowser(c, data, parent)
		}
	}
}

// msecsString formats milliseconds as Wireshark's time_msecs_to_str ("1 minute", "5.337 seconds").
func msecsString(ms uint32) string {
	secs, rem := ms/1000, ms%1000
	s := ""
	if secs >= 60 || rem == 0 {
		s = dnsTimeSecs(secs - secs%60)
		if secs < 60 {
			s = ""
		}
	}
	tail := ""
	if rem != 0 {
		tail = strconv.FormatUint(uint64(secs%60), 10) + "." + pad3(rem) + " seconds"
	} else if secs%60 != 0 || secs == 0 {
		tail = dnsTimeSecs(secs % 60)
	}
	switch {
	case s == "":
		return tail
	case tail == "":
		return s
	}
	return s + ", " + tail
}

func pad3(v uint32) string {
	s := strconv.FormatUint(uint64(v), 10)
	for len(s) < 3 {
		s = "0" + s
	}
	return s
}

// browserServerTypeBits are the server type flag fields in bit order.
var browserServerTypeBits = []field.ID{hfBrowserServerTypeWorkstation, hfBrowserServerTypeServer, hfBrowserServerTypeSql,
	hfBrowserServerTypeDomainController, hfBrowserServerTypeBackupController, hfBrowserServerTypeTime, hfBrowserServerTypeApple,
	hfBrowserServerTypeNovell, hfBrowserServerTypeMember, hfBrowserServerTypePrint, hfBrowserServerTypeDialin,
	hfBrowserServerTypeXenix, hfBrowserServerTypeNtw, hfBrowserServerTypeWfw, hfBrowserServerTypeNts,
	hfBrowserServerTypeBrowserPotential, hfBrowserServerTypeBrowserBackup, hfBrowserServerTypeBrowserMaster,
	hfBrowserServerTypeBrowserDomainMaster, hfBrowserServerTypeOsf, hfBrowserServerTypeVms, hfBrowserServerTypeW95,
	hfBrowserServerTypeDfs, hfBrowserServerTypeLocal, hfBrowserServerTypeDomainenum}

// setBitNames lists ", Name" for each flag field of bits set in v.
func setBitNames(v uint64, bits []field.ID) string {
	s := ""
	for _, hf := range bits {
		f := Fields.Get(hf)
		if v&f.Mask != 0 {
			s += ", " + f.Name
		}
	}
	return s
}

// browserWindowsVersions names OS major.minor pairs.
var browserWindowsVersions = map[uint16]string{0x0500: "Windows 2000", 0x0501: "Windows XP", 0x0502: "Windows Server 2003"}

// browserString reads a NUL-terminated string at o within at most n bytes (n < 0: to the end) and
// returns it and the bytes the item covers.
func browserString(t Tvb, o, n int) ([]byte, int) {
	end := t.Len()
	if n >= 0 && o+n < end {
		end = o + n
	}
	i := bytes.IndexByte(t.B[o:end], 0)
	if i < 0 {
		return t.B[o:end], end - o
	}
	if n >= 0 {
		return t.B[o : o+i], n
	}
	return t.B[o : o+i], i + 1
}

func dissectBrowser(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("BROWSER")
	c.ClearInfo()
	p := c.AddProto(parent, protoBrowser, t, 0, -1)
	_, cmd := c.AddUint(p, hfBrowserCommand, t, 0, 1)
	name, ok := Fields.Get(hfBrowserCommand).ValueName(cmd)
	if !ok {
		name = "Unknown command:0x" + hex2(cmd)
	}
	c.SetInfo(name)
	switch cmd {
	case 0x01, 0x0f, 0x0c: // host, local master, domain announcements
		c.AddUint(p, hfBrowserUpdateCount, t, 1, 1)
		per := t.U32LE(2)
		pn := c.AddUintV(p, hfBrowserPeriod, t, 2, 4, uint64(per))
		c.Label(pn, "Update Periodicity: %s", msecsString(per))
		srv, sl := browserString(t, 6, 16)
		sn := c.AddBytesV(p, hfBrowserServer, t, 6, sl, asciiString(srv))
		label := "Host Name"
		if cmd == 0x0c {
			label = "Domain/Workgroup"
		}
		c.Label(sn, "%s: %s", label, srv)
		ver := t.U16(22)
		wv := browserWindowsVersions[ver]
		vn := c.AddString(p, hfBrowserWindowsVersion, t, 22, 2, wv)
		c.Label(vn, "Windows version: %s", wv)
		c.AddUint(p, hfBrowserOsMajor, t, 22, 1)
		c.AddUint(p, hfBrowserOsMinor, t, 23, 1)
		st, stv := c.AddUintLE(p, hfBrowserServerType, t, 24, 4)
		for _, hf := range browserServerTypeBits {
			c.AddUintLE(st, hf, t, 24, 4)
		}
		bits := setBitNames(stv, browserServerTypeBits)
		c.Label(st, "Server Type: 0x%08x%s", stv, bits)
		c.AppendInfo(" " + string(srv) + bits)
		if cmd == 0x0c {
			c.AddUintLE(p, hfBrowserMysteriousField, t, 28, 4)
			mb, ml := browserString(t, 32, -1)
			c.AddBytesV(p, hfBrowserMbServer, t, 32, ml, asciiString(mb))
		} else {
			c.AddUint(p, hfBrowserProtoMajor, t, 28, 1)
			c.AddUint(p, hfBrowserProtoMinor, t, 29, 1)
			c.AddUintLE(p, hfBrowserSig, t, 30, 2)
			cm, cl := browserString(t, 32, -1)
			c.AddBytesV(p, hfBrowserComment, t, 32, cl, asciiString(cm))
		}
	case 0x02: // request announcement
		c.AddUint(p, hfBrowserUnused, t, 1, 1)
		rn, rl := browserString(t, 2, -1)
		c.AddBytesV(p, hfBrowserResponseComputerName, t, 2, rl, asciiString(rn))
		c.AppendInfo(" " + string(rn))
	case 0x08: // election request
		c.AddUint(p, hfBrowserElectionVersion, t, 1, 1)
		cr, _ := c.AddUintLE(p, hfBrowserElectionCriteria, t, 2, 4)
		desire := uint64(t.U8(2))
		dn := c.AddUintV(cr, hfBrowserElectionDesire, t, 2, 1, desire)
		desireBits := []field.ID{hfBrowserElectionDesireBackup, hfBrowserElectionDesireStandby, hfBrowserElectionDesireMaster,
			hfBrowserElectionDesireDomainMaster, hfBrowserElectionDesireWins, hfBrowserElectionDesireNt}
		for _, hf := range desireBits {
			c.AddUint(dn, hf, t, 2, 1)
		}
		c.Label(dn, "Election Desire: 0x%02x%s", desire, setBitNames(desire, desireBits))
		c.AddUint(cr, hfBrowserProtoMajor, t, 3, 1)
		c.AddUint(cr, hfBrowserProtoMinor, t, 4, 1)
		os := uint64(t.U8(5))
		on := c.AddUintV(cr, hfBrowserElectionOs, t, 5, 1, os)
		osBits := []field.ID{hfBrowserElectionOsWfw, hfBrowserElectionOsNtw, hfBrowserElectionOsNts}
		for _, hf := range osBits {
			c.AddUint(on, hf, t, 5, 1)
		}
		c.Label(on, "Election OS: 0x%02x%s", os, setBitNames(os, osBits))
		up := t.U32LE(6)
		un := c.AddUintV(p, hfBrowserUptime, t, 6, 4, uint64(up))
		c.Label(un, "Uptime: %s", msecsString(up))
		if t.Len() > 14 {
			sv, sl := browserString(t, 14, -1)
			c.AddBytesV(p, hfBrowserServer, t, 14, sl, asciiString(sv))
		}
	}
}
