package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// The argument layouts of the AFS services' calls (afs.go dispatches to them), with Wireshark's
// field names.

func afsU32(abbrev, name string, opts ...field.Option) field.ID {
	return afsField(abbrev, name, field.Uint32, opts...)
}

func afsTime(abbrev, name string) field.ID {
	return afsField(abbrev, name, field.AbsTime, field.WithBase(field.TimeLocal))
}

func afsStr(abbrev, name string) field.ID { return afsField(abbrev, name, field.String) }

var (
	// File server
	hfAFSFSFidVolume     = afsU32("afs.fs.fid.volume", "FileID (Volume)", field.WithBlurb("File ID (Volume)"))
	hfAFSFSFidVnode      = afsU32("afs.fs.fid.vnode", "FileID (VNode)", field.WithBlurb("File ID (VNode)"))
	hfAFSFSFidUniq       = afsU32("afs.fs.fid.uniq", "FileID (Uniqifier)", field.WithBlurb("File ID (Uniqifier)"))
	hfAFSFSOffset        = afsU32("afs.fs.offset", "Offset")
	hfAFSFSLength        = afsU32("afs.fs.length", "Length")
	hfAFSFSFLength       = afsU32("afs.fs.flength", "FLength")
	hfAFSFSOffset64      = afsField("afs.fs.offset64", "Offset64", field.Uint64)
	hfAFSFSLength64      = afsField("afs.fs.length64", "Length64", field.Uint64)
	hfAFSFSFLength64     = afsField("afs.fs.flength64", "FLength64", field.Uint64)
	hfAFSFSData          = afsField("afs.fs.data", "Data", field.Bytes)
	hfAFSFSToken         = afsStr("afs.fs.token", "Token")
	hfAFSFSOldName       = afsField("afs.fs.oldname", "Old Name", field.UintString)
	hfAFSFSNewName       = afsField("afs.fs.newname", "New Name", field.UintString)
	hfAFSFSName          = afsField("afs.fs.name", "Name", field.UintString)
	hfAFSFSSymlinkName   = afsField("afs.fs.symlink.name", "Symlink Name", field.UintString)
	hfAFSFSSymlinkCont   = afsField("afs.fs.symlink.content", "Symlink Content", field.UintString)
	hfAFSFSVolID         = afsU32("afs.fs.volid", "Volume ID")
	hfAFSFSVolName       = afsField("afs.fs.volname", "Volume Name", field.UintString)
	hfAFSFSTimestamp     = afsTime("afs.fs.timestamp", "Timestamp")
	hfAFSFSOfflineMsg    = afsField("afs.fs.offlinemsg", "Offline Message", field.UintString, field.WithBlurb("Volume Name"))
	hfAFSFSMotd          = afsField("afs.fs.motd", "Message of the Day", field.UintString)
	hfAFSFSXStatsVersion = afsU32("afs.fs.xstats.version", "XStats Version")
	hfAFSFSXStatsClient  = afsU32("afs.fs.xstats.clientversion", "Client Version")
	hfAFSFSXStatsColl    = afsU32("afs.fs.xstats.collnumber", "Collection Number", field.WithStrings(tsharkValues["afs.fs.xstats.collnumber"]))
	hfAFSFSXStatsTime    = afsU32("afs.fs.xstats.timestamp", "XStats Timestamp")
	hfAFSFSCPSSpare1     = afsU32("afs.fs.cps.spare1", "CPS Spare1")
	hfAFSFSCPSSpare2     = afsU32("afs.fs.cps.spare2", "CPS Spare2")
	hfAFSFSCPSSpare3     = afsU32("afs.fs.cps.spare3", "CPS Spare3")
	hfAFSFSViceLockType  = afsU32("afs.fs.vicelocktype", "Vice Lock Type", field.WithStrings(tsharkValues["afs.fs.vicelocktype"]))
	hfAFSFSViceID        = afsU32("afs.fs.viceid", "Vice ID")
	hfAFSFSIPAddr        = afsField("afs.fs.ipaddr", "IP Addr", field.IPv4)

	hfAFSFSStatusMask     = afsU32("afs.fs.status.mask", "Mask", field.WithBase(field.Hex))
	hfAFSFSMaskSetModTime = afsField("afs.fs.status.mask.setmodtime", "Set Modification Time", field.Bool, field.WithBase(32), field.WithMask(0x1))
	hfAFSFSMaskSetOwner   = afsField("afs.fs.status.mask.setowner", "Set Owner", field.Bool, field.WithBase(32), field.WithMask(0x2))
	hfAFSFSMaskSetGroup   = afsField("afs.fs.status.mask.setgroup", "Set Group", field.Bool, field.WithBase(32), field.WithMask(0x4))
	hfAFSFSMaskSetMode    = afsField("afs.fs.status.mask.setmode", "Set Mode", field.Bool, field.WithBase(32), field.WithMask(0x8))
	hfAFSFSMaskSetSegSize = afsField("afs.fs.status.mask.setsegsize", "Set Segment Size", field.Bool, field.WithBase(32), field.WithMask(0x10))
	hfAFSFSMaskFSync      = afsField("afs.fs.status.mask.fsync", "FSync", field.Bool, field.WithBase(32), field.WithMask(0x400))
	hfAFSFSClientModTime  = afsTime("afs.fs.status.clientmodtime", "Client Modification Time")
	hfAFSFSServerModTime  = afsTime("afs.fs.status.servermodtime", "Server Modification Time")
	hfAFSFSOwner          = afsU32("afs.fs.status.owner", "Owner")
	hfAFSFSGroup          = afsU32("afs.fs.status.group", "Group")
	hfAFSFSMode           = afsU32("afs.fs.status.mode", "Unix Mode", field.WithBase(field.Oct))
	hfAFSFSSegSize        = afsU32("afs.fs.status.segsize", "Segment Size")
	hfAFSFSIfVersion      = afsU32("afs.fs.status.interfaceversion", "Interface Version")
	hfAFSFSFileType       = afsU32("afs.fs.status.filetype", "File Type")
	hfAFSFSAuthor         = afsU32("afs.fs.status.author", "Author")
	hfAFSFSCallerAccess   = afsU32("afs.fs.status.calleraccess", "Caller Access")
	hfAFSFSAnonAccess     = afsU32("afs.fs.status.anonymousaccess", "Anonymous Access")
	hfAFSFSParentVnode    = afsU32("afs.fs.status.parentvnode", "Parent VNode")
	hfAFSFSParentUnique   = afsU32("afs.fs.status.parentunique", "Parent Unique")
	hfAFSFSDataVersion    = afsU32("afs.fs.status.dataversion", "Data Version")
	hfAFSFSDataVersionHi  = afsU32("afs.fs.status.dataversionhigh", "Data Version (High)")
	hfAFSFSLinkCount      = afsU32("afs.fs.status.linkcount", "Link Count")
	hfAFSFSStatusSpare2   = afsU32("afs.fs.status.spare2", "Spare 2")
	hfAFSFSStatusSpare3   = afsU32("afs.fs.status.spare3", "Spare 3")
	hfAFSFSStatusSpare4   = afsU32("afs.fs.status.spare4", "Spare 4")
	hfAFSFSSyncCounter    = afsU32("afs.fs.status.synccounter", "Sync Counter")
	hfAFSFSStatusLength   = afsU32("afs.fs.status.length", "Length")
	hfAFSFSVolSyncSpare1  = afsTime("afs.fs.volsync.spare1", "Volume Creation Timestamp")
	hfAFSFSVolSyncSpare   = [5]field.ID{afsU32("afs.fs.volsync.spare2", "Spare 2"), afsU32("afs.fs.volsync.spare3", "Spare 3"),
		afsU32("afs.fs.volsync.spare4", "Spare 4"), afsU32("afs.fs.volsync.spare5", "Spare 5"), afsU32("afs.fs.volsync.spare6", "Spare 6")}
	hfAFSFSACLCountPos = afsU32("afs.fs.acl.count.positive", "ACL Count (Positive)", field.WithBlurb("Number of Positive ACLs"))
	hfAFSFSACLCountNeg = afsU32("afs.fs.acl.count.negative", "ACL Count (Negative)", field.WithBlurb("Number of Negative ACLs"))
	hfAFSFSACLDataSize = afsU32("afs.fs.acl.datasize", "ACL Size", field.WithBlurb("ACL Data Size"))
	hfAFSFSACLEntity   = afsField("afs.fs.acl.entity", "Entity (User/Group)", field.String, field.WithBlurb("ACL Entity (User/Group)"))
	hfAFSFSACLBits     = []field.ID{
		afsField("afs.fs.acl.r", "_R_ead", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithBlurb("Read")),
		afsField("afs.fs.acl.l", "_L_ookup", field.Bool, field.WithBase(8), field.WithMask(0x8), field.WithBlurb("Lookup")),
		afsField("afs.fs.acl.i", "_I_nsert", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithBlurb("Insert")),
		afsField("afs.fs.acl.d", "_D_elete", field.Bool, field.WithBase(8), field.WithMask(0x10), field.WithBlurb("Delete")),
		afsField("afs.fs.acl.w", "_W_rite", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithBlurb("Write")),
		afsField("afs.fs.acl.k", "_L_ock", field.Bool, field.WithBase(8), field.WithMask(0x20), field.WithBlurb("Lock")),
		afsField("afs.fs.acl.a", "_A_dminister", field.Bool, field.WithBase(8), field.WithMask(0x40), field.WithBlurb("Administer")),
	}
	hfAFSFSCBVersion = afsU32("afs.fs.callback.version", "Version")
	hfAFSFSCBExpires = afsField("afs.fs.callback.expires", "Expires", field.RelTime)
	hfAFSFSCBType    = afsU32("afs.fs.callback.type", "Type", field.WithStrings(tsharkValues["afs.fs.callback.type"]))

	// Callback server and the cache manager's answers
	hfAFSCBVersion   = afsU32("afs.cb.callback.version", "Version")
	hfAFSCBExpires   = afsTime("afs.cb.callback.expires", "Expires")
	hfAFSCBType      = afsU32("afs.cb.callback.type", "Type", field.WithStrings(tsharkValues["afs.cb.callback.type"]))
	hfAFSCBFidVolume = afsU32("afs.cb.fid.volume", "FileID (Volume)", field.WithBlurb("File ID (Volume)"))
	hfAFSCBFidVnode  = afsU32("afs.cb.fid.vnode", "FileID (VNode)", field.WithBlurb("File ID (VNode)"))
	hfAFSCBFidUniq   = afsU32("afs.cb.fid.uniq", "FileID (Uniqifier)", field.WithBlurb("File ID (Uniqifier)"))
	hfAFSCMUUID      = afsField("afs.cm.uuid", "UUID", field.Bytes)
	hfAFSCMNumInt    = afsU32("afs.cm.numint", "Number of Interfaces")
	hfAFSCMIPAddr    = afsField("afs.cm.ipaddr", "IP Address", field.IPv4)
	hfAFSCMNetmask   = afsField("afs.cm.netmask", "Netmask", field.IPv4)
	hfAFSCMMTU       = afsU32("afs.cm.mtu", "MTU")
	hfAFSCMNumCap    = afsU32("afs.cm.numcap", "Number of Capability Words")
	hfAFSCMCaps      = afsU32("afs.cm.capabilities", "Capabilities", field.WithBase(field.Hex))
	hfAFSCMCapErrTr  = afsField("afs.cm.capabilities.errortrans", "ERRORTRANS", field.Bool, field.WithBase(32), field.WithMask(0x1))

	// Volume server
	hfAFSVOLID    = afsU32("afs.vol.id", "Volume ID")
	hfAFSVOLCount = afsU32("afs.vol.count", "Volume Count")
	hfAFSVOLName  = afsStr("afs.vol.name", "Volume Name")

	// Volume location database
	hfAFSVLDBType       = afsU32("afs.vldb.type", "Volume Type", field.WithBase(field.Hex), field.WithStrings(tsharkValues["afs.vldb.type"]))
	hfAFSVLDBID         = afsU32("afs.vldb.id", "Volume ID")
	hfAFSVLDBBump       = afsU32("afs.vldb.bump", "Bumped Volume ID")
	hfAFSVLDBIndex      = afsU32("afs.vldb.index", "Volume Index")
	hfAFSVLDBCount      = afsU32("afs.vldb.count", "Volume Count")
	hfAFSVLDBNumServers = afsU32("afs.vldb.numservers", "Number of Servers")
	hfAFSVLDBNextIndex  = afsU32("afs.vldb.nextindex", "Next Volume Index")
	hfAFSVLDBROVol      = afsU32("afs.vldb.rovol", "Read-Only Volume ID")
	hfAFSVLDBRWVol      = afsU32("afs.vldb.rwvol", "Read-Write Volume ID", field.WithBlurb("Read-Only Volume ID"))
	hfAFSVLDBBKVol      = afsU32("afs.vldb.bkvol", "Backup Volume ID", field.WithBlurb("Read-Only Volume ID"))
	hfAFSVLDBCloneVol   = afsU32("afs.vldb.clonevol", "Clone Volume ID")
	hfAFSVLDBName       = afsStr("afs.vldb.name", "Volume Name")
	hfAFSVLDBPartition  = afsStr("afs.vldb.partition", "Partition")
	hfAFSVLDBServer     = afsField("afs.vldb.server", "Server", field.IPv4)
	hfAFSVLDBServerUUID = afsField("afs.vldb.serveruuid", "Server UUID", field.Bytes)
	hfAFSVLDBServerUniq = afsU32("afs.vldb.serveruniq", "Server Unique Address", field.WithBase(field.Hex))
	hfAFSVLDBServerFlg  = afsU32("afs.vldb.serverflags", "Server Flags", field.WithBase(field.Hex))
	hfAFSVLDBServerIP   = afsField("afs.vldb.serverip", "Server IP", field.IPv4)
	hfAFSVLDBFlags      = afsU32("afs.vldb.flags", "Flags", field.WithBase(field.Hex))
	hfAFSVLDBFlagBits   = []field.ID{
		afsField("afs.vldb.flags.rwexists", "Read/Write Exists", field.Bool, field.WithBase(32), field.WithMask(0x1000)),
		afsField("afs.vldb.flags.roexists", "Read-Only Exists", field.Bool, field.WithBase(32), field.WithMask(0x2000)),
		afsField("afs.vldb.flags.bkexists", "Backup Exists", field.Bool, field.WithBase(32), field.WithMask(0x4000)),
		afsField("afs.vldb.flags.dfsfileset", "DFS Fileset", field.Bool, field.WithBase(32), field.WithMask(0x8000)),
	}
	hfAFSVLDBSpare = [9]field.ID{afsU32("afs.vldb.spare1", "Spare 1"), afsU32("afs.vldb.spare2", "Spare 2"),
		afsU32("afs.vldb.spare3", "Spare 3"), afsU32("afs.vldb.spare4", "Spare 4"), afsU32("afs.vldb.spare5", "Spare 5"),
		afsU32("afs.vldb.spare6", "Spare 6"), afsU32("afs.vldb.spare7", "Spare 7"), afsU32("afs.vldb.spare8", "Spare 8"),
		afsU32("afs.vldb.spare9", "Spare 9")}

	// Protection server
	hfAFSPROTName   = afsStr("afs.prot.name", "Name")
	hfAFSPROTID     = afsU32("afs.prot.id", "ID")
	hfAFSPROTOldID  = afsU32("afs.prot.oldid", "Old ID")
	hfAFSPROTNewID  = afsU32("afs.prot.newid", "New ID")
	hfAFSPROTGID    = afsU32("afs.prot.gid", "Group ID")
	hfAFSPROTUID    = afsU32("afs.prot.uid", "User ID")
	hfAFSPROTCount  = afsU32("afs.prot.count", "Count")
	hfAFSPROTMaxGID = afsU32("afs.prot.maxgid", "Maximum Group ID")
	hfAFSPROTMaxUID = afsU32("afs.prot.maxuid", "Maximum User ID")
	hfAFSPROTPos    = afsU32("afs.prot.pos", "Position")
	hfAFSPROTFlag   = afsU32("afs.prot.flag", "Flag", field.WithBase(field.Hex))

	// Kerberos authentication server
	hfAFSKAUTHPrinc  = afsField("afs.kauth.princ", "Principal", field.UintString)
	hfAFSKAUTHRealm  = afsField("afs.kauth.realm", "Realm", field.UintString)
	hfAFSKAUTHDomain = afsField("afs.kauth.domain", "Domain", field.UintString)
	hfAFSKAUTHName   = afsField("afs.kauth.name", "Name", field.UintString)
	hfAFSKAUTHData   = afsField("afs.kauth.data", "Data", field.Bytes)
	hfAFSKAUTHKvno   = afsU32("afs.kauth.kvno", "Key Version Number")

	// Basic overseer
	hfAFSBOSType       = afsField("afs.bos.type", "Type", field.UintString)
	hfAFSBOSContent    = afsField("afs.bos.content", "Content", field.UintString)
	hfAFSBOSData       = afsField("afs.bos.data", "Data", field.Bytes)
	hfAFSBOSPath       = afsField("afs.bos.path", "Path", field.UintString)
	hfAFSBOSParm       = afsField("afs.bos.parm", "Parm", field.UintString)
	hfAFSBOSError      = afsField("afs.bos.error", "Error", field.UintString)
	hfAFSBOSSpare1     = afsField("afs.bos.spare1", "Spare1", field.UintString)
	hfAFSBOSSpare2     = afsField("afs.bos.spare2", "Spare2", field.UintString)
	hfAFSBOSSpare3     = afsField("afs.bos.spare3", "Spare3", field.UintString)
	hfAFSBOSFile       = afsField("afs.bos.file", "File", field.UintString)
	hfAFSBOSCmd        = afsField("afs.bos.cmd", "Command", field.UintString)
	hfAFSBOSKey        = afsField("afs.bos.key", "Key", field.Bytes)
	hfAFSBOSUser       = afsField("afs.bos.user", "User", field.UintString)
	hfAFSBOSInstance   = afsField("afs.bos.instance", "Instance", field.UintString)
	hfAFSBOSStatus     = afsField("afs.bos.status", "Status", field.Int32)
	hfAFSBOSStatusDesc = afsField("afs.bos.statusdesc", "Status Description", field.UintString)
	hfAFSBOSNum        = afsU32("afs.bos.number", "Number")
	hfAFSBOSSize       = afsU32("afs.bos.size", "Size")
	hfAFSBOSFlags      = afsU32("afs.bos.flags", "Flags")
	hfAFSBOSDate       = afsU32("afs.bos.date", "Date")
	hfAFSBOSKvno       = afsU32("afs.bos.kvno", "Key Version Number")
	hfAFSBOSCell       = afsField("afs.bos.cell", "Cell", field.UintString)
	hfAFSBOSHost       = afsField("afs.bos.host", "Host", field.UintString)
	hfAFSBOSNewTime    = afsTime("afs.bos.newtime", "New Time")
	hfAFSBOSBakTime    = afsTime("afs.bos.baktime", "Backup Time")
	hfAFSBOSOldTime    = afsTime("afs.bos.oldtime", "Old Time")
	hfAFSBOSKeyModTime = afsTime("afs.bos.keymodtime", "Key Modification Time")
	hfAFSBOSKeyCksum   = afsU32("afs.bos.keychecksum", "Key Checksum")
	hfAFSBOSKeySpare2  = afsU32("afs.bos.keyspare2", "Key Spare 2")

	// Ubik
	hfAFSUBIKState       = afsU32("afs.ubik.state", "State", field.WithBase(field.Hex))
	hfAFSUBIKVerEpoch    = afsTime("afs.ubik.version.epoch", "Epoch")
	hfAFSUBIKVerCounter  = afsU32("afs.ubik.version.counter", "Counter")
	hfAFSUBIKVoteStart   = afsTime("afs.ubik.votestart", "Vote Started")
	hfAFSUBIKFile        = afsU32("afs.ubik.file", "File")
	hfAFSUBIKPos         = afsU32("afs.ubik.position", "Position")
	hfAFSUBIKLength      = afsU32("afs.ubik.length", "Length")
	hfAFSUBIKLockType    = afsU32("afs.ubik.locktype", "Lock Type", field.WithStrings(tsharkValues["afs.ubik.locktype"]))
	hfAFSUBIKSite        = afsField("afs.ubik.site", "Site", field.IPv4)
	hfAFSUBIKInterface   = afsField("afs.ubik.interface", "Interface Address", field.IPv4)
	hfAFSUBIKNullAddrs   = afsField("afs.ubik.null_addresses", "Null Interface Addresses", field.None)
	hfAFSUBIKNow         = afsTime("afs.ubik.now", "Now")
	hfAFSUBIKLastYesTime = afsTime("afs.ubik.lastyesttime", "Last Yes Time")
	hfAFSUBIKLastYesHost = afsField("afs.ubik.lastyeshost", "Last Yes Host", field.IPv4)
	hfAFSUBIKLastYesSt   = afsU32("afs.ubik.lastyesstate", "Last Yes State", field.WithBase(field.Hex))
	hfAFSUBIKLastYesClm  = afsTime("afs.ubik.lastyesclaim", "Last Yes Claim")
	hfAFSUBIKLowestHost  = afsField("afs.ubik.lowesthost", "Lowest Host", field.IPv4)
	hfAFSUBIKLowestTime  = afsTime("afs.ubik.lowesttime", "Lowest Time")
	hfAFSUBIKSyncHost    = afsField("afs.ubik.synchost", "Sync Host", field.IPv4)
	hfAFSUBIKAddr        = afsField("afs.ubik.addr", "Address", field.IPv4)
	hfAFSUBIKSyncTime    = afsTime("afs.ubik.synctime", "Sync Time")
	hfAFSUBIKLastVoteTm  = afsTime("afs.ubik.lastvotetime", "Last Vote Time")
	hfAFSUBIKLastBeacon  = afsTime("afs.ubik.lastbeaconsent", "Last Beacon Sent")
	hfAFSUBIKLastVote    = afsU32("afs.ubik.lastvote", "Last Vote", field.WithBase(field.Hex))
	hfAFSUBIKCurrentDB   = afsU32("afs.ubik.currentdb", "Current DB", field.WithBase(field.Hex))
	hfAFSUBIKUp          = afsU32("afs.ubik.up", "Up", field.WithBase(field.Hex))
	hfAFSUBIKBeaconDown  = afsU32("afs.ubik.beaconsincedown", "Beacon Since Down", field.WithBase(field.Hex))
	hfAFSUBIKAmSyncSite  = afsU32("afs.ubik.amsyncsite", "Am Sync Site", field.WithBase(field.Hex))
	hfAFSUBIKSyncUntil   = afsTime("afs.ubik.syncsiteuntil", "Sync Site Until")
	hfAFSUBIKNServers    = afsU32("afs.ubik.nservers", "Number of Servers", field.WithBase(field.Hex))
	hfAFSUBIKLockedPages = afsU32("afs.ubik.lockedpages", "Locked Pages", field.WithBase(field.Hex))
	hfAFSUBIKWLockedPgs  = afsU32("afs.ubik.writelockedpages", "Write Locked Pages", field.WithBase(field.Hex))
	hfAFSUBIKActiveWrite = afsU32("afs.ubik.activewrite", "Active Write", field.WithBase(field.Hex))
	hfAFSUBIKTIDCounter  = afsU32("afs.ubik.tidcounter", "TID Counter", field.WithBase(field.Hex))
	hfAFSUBIKAnyRLocks   = afsU32("afs.ubik.anyreadlocks", "Any Read Locks", field.WithBase(field.Hex))
	hfAFSUBIKAnyWLocks   = afsU32("afs.ubik.anywritelocks", "Any Write Locks", field.WithBase(field.Hex))
	hfAFSUBIKRecovery    = afsU32("afs.ubik.recoverystate", "Recovery State", field.WithBase(field.Hex))
	hfAFSUBIKCurTrans    = afsU32("afs.ubik.currenttran", "Current Transaction", field.WithBase(field.Hex))
	hfAFSUBIKWriteTrans  = afsU32("afs.ubik.writetran", "Write Transaction", field.WithBase(field.Hex))
	hfAFSUBIKEpochTime   = afsTime("afs.ubik.epochtime", "Epoch Time")
	hfAFSUBIKIsClone     = afsU32("afs.ubik.isclone", "Is Clone", field.WithBase(field.Hex))
)

// ---- structures shared by the file and callback servers ----

func (a *afsCur) fid(label string, vol, vnode, uniq field.ID) {
	s, o := a.open("FileID (" + label + ")")
	a.u32(vol)
	a.u32(vnode)
	a.u32(uniq)
	a.close(s, o)
}

func (a *afsCur) fsFid(label string) { a.fid(label, hfAFSFSFidVolume, hfAFSFSFidVnode, hfAFSFSFidUniq) }

func (a *afsCur) fsCallback() {
	s, o := a.open("Callback")
	a.u32(hfAFSFSCBVersion)
	a.secs(hfAFSFSCBExpires)
	a.u32(hfAFSFSCBType)
	a.close(s, o)
}

func (a *afsCur) fetchStatus(label string) {
	s, o := a.open(label)
	for _, hf := range [...]field.ID{hfAFSFSIfVersion, hfAFSFSFileType, hfAFSFSLinkCount, hfAFSFSStatusLength,
		hfAFSFSDataVersion, hfAFSFSAuthor, hfAFSFSOwner, hfAFSFSCallerAccess, hfAFSFSAnonAccess, hfAFSFSMode,
		hfAFSFSParentVnode, hfAFSFSParentUnique, hfAFSFSSegSize} {
		a.u32(hf)
	}
	a.secs(hfAFSFSClientModTime)
	a.secs(hfAFSFSServerModTime)
	for _, hf := range [...]field.ID{hfAFSFSGroup, hfAFSFSSyncCounter, hfAFSFSDataVersionHi, hfAFSFSStatusSpare2,
		hfAFSFSStatusSpare3, hfAFSFSStatusSpare4} {
		a.u32(hf)
	}
	a.close(s, o)
}

var afsStatusMaskBits = []field.ID{hfAFSFSMaskSetModTime, hfAFSFSMaskSetOwner, hfAFSFSMaskSetGroup,
	hfAFSFSMaskSetMode, hfAFSFSMaskSetSegSize, hfAFSFSMaskFSync}

func (a *afsCur) storeStatus(label string) {
	s, o := a.open(label)
	a.c.addFlags(a.n, hfAFSFSStatusMask, a.t, a.o, 4, afsStatusMaskBits)
	a.o += 4
	a.secs(hfAFSFSClientModTime)
	a.u32(hfAFSFSOwner)
	a.u32(hfAFSFSGroup)
	a.u32(hfAFSFSMode)
	a.u32(hfAFSFSSegSize)
	a.close(s, o)
}

func (a *afsCur) volSync() {
	s, o := a.open("VolSync")
	a.secs(hfAFSFSVolSyncSpare1)
	for _, hf := range hfAFSFSVolSyncSpare {
		a.u32(hf)
	}
	a.close(s, o)
}

// acl adds an ACL: a size, then text "npos\nnneg\n" and "name rights\n" lines (Wireshark reads it
// with sscanf, so any white space separates).
func (a *afsCur) acl() {
	start := a.o
	size := int(a.u32(hfAFSFSACLDataSize))
	pos, n, ok := afsScanInt(a.t.B, a.o)
	if !ok {
		return
	}
	a.c.AddUintV(a.n, hfAFSFSACLCountPos, a.t, a.o, n, uint64(uint32(pos)))
	a.o += n
	neg, n, ok := afsScanInt(a.t.B, a.o)
	if !ok {
		return
	}
	a.c.AddUintV(a.n, hfAFSFSACLCountNeg, a.t, a.o, n, uint64(uint32(neg)))
	a.o += n
	// Wireshark reads every entry at the same offset (its cursor does not move): so do we.
	o := a.o
	for i := 0; i < pos; i++ {
		if !a.aclEntry(&o, true) {
			return
		}
	}
	for i := 0; i < neg; i++ {
		if !a.aclEntry(&o, false) || o >= start+4+size {
			return
		}
	}
}

func (a *afsCur) aclEntry(o *int, positive bool) bool {
	b := a.t.B[min(a.o, len(a.t.B)):]
	i := afsSkipSpace(b, 0)
	j := i
	for j < len(b) && j-i < 127 && !afsIsSpace(b[j]) {
		j++
	}
	if j == i {
		return false
	}
	who := b[i:j]
	rights, n, ok := afsScanInt(b, j)
	if !ok {
		return false
	}
	n += j
	bits := []byte{}
	for k, ch := range "rlidwka" {
		if rights&int([...]int{1, 8, 4, 16, 2, 32, 64}[k]) != 0 {
			bits = append(bits, byte(ch))
		}
	}
	label := "ACL:  " + string(who) + " " + string(bits)
	if !positive {
		label += " (negative)"
	}
	sub := a.c.AddText(a.n, a.t, *o, n, label)
	a.c.AddBytesV(sub, hfAFSFSACLEntity, a.t, *o, len(who), asciiString(who))
	for _, hf := range hfAFSFSACLBits {
		a.c.addMasked(sub, hf, a.t, *o+len(who)+1, n-len(who)-1, uint64(rights))
	}
	*o += n
	return true
}

func afsIsSpace(b byte) bool { return b == ' ' || (b >= '\t' && b <= '\r') }

func afsSkipSpace(b []byte, i int) int {
	for i < len(b) && afsIsSpace(b[i]) {
		i++
	}
	return i
}

// afsScanInt reads a decimal integer at b[o:] as sscanf("%d %n") does: leading and trailing white
// space, an optional sign. It returns the value and the bytes consumed.
func afsScanInt(b []byte, o int) (int, int, bool) {
	if o > len(b) {
		return 0, 0, false
	}
	i := afsSkipSpace(b, o)
	neg := false
	if i < len(b) && (b[i] == '-' || b[i] == '+') {
		neg = b[i] == '-'
		i++
	}
	d := i
	v := 0
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		if v < 1<<31 {
			v = v*10 + int(b[i]-'0')
		}
		i++
	}
	if i == d {
		return 0, 0, false
	}
	if neg {
		v = -v
	}
	i = afsSkipSpace(b, i)
	return v, i - o, true
}

// ---- file server ----

func afsFSReply(a *afsCur, op uint32) {
	switch op {
	case 130: // fetch data
		a.fetchStatus("Status")
		a.fsCallback()
		a.volSync()
		a.rest(hfAFSFSData)
	case 131: // fetch acl
		a.acl()
		a.fetchStatus("Status")
		a.volSync()
	case 132: // fetch status
		a.fetchStatus("Status")
		a.fsCallback()
		a.volSync()
	case 133, 134, 135, 136: // store data, acl, status; remove file
		a.fetchStatus("Status")
		a.volSync()
	case 137, 141, 161, 163: // create file, make dir, lookup, dfs symlink
		label := "File"
		switch op {
		case 137:
			label = "New File"
		case 141:
			label = "New Directory"
		}
		a.fsFid(label)
		a.fetchStatus("File Status")
		a.fetchStatus("Directory Status")
		a.fsCallback()
		a.volSync()
	case 138: // rename
		a.fetchStatus("Old Directory Status")
		a.fetchStatus("New Directory Status")
		a.volSync()
	case 139: // symlink
		a.fsFid("Symlink")
	case 140: // link
		a.fetchStatus("Symlink Status")
	case 142: // rmdir
		a.fetchStatus("Directory Status")
		a.volSync()
	case 149: // get volume status
		a.str(hfAFSFSVolName)
		a.str(hfAFSFSOfflineMsg)
		a.str(hfAFSFSMotd)
	case 151: // root volume
		a.str(hfAFSFSVolName)
	case 153: // get time
		a.timestamp(hfAFSFSTimestamp)
	case 155: // bulk status
		a.array32(func() { a.fetchStatus("Status") })
		a.skip(4)
		a.array32(a.fsCallback)
		a.volSync()
	case 156, 157, 158: // set, extend, release lock
		a.volSync()
	case 159: // xstats version
		a.u32(hfAFSFSXStatsVersion)
	case 160: // get xstats
		a.u32(hfAFSFSXStatsVersion)
		a.u32(hfAFSFSXStatsTime)
	case 162: // flush cps
		a.u32(hfAFSFSCPSSpare2)
		a.u32(hfAFSFSCPSSpare3)
	case 65536: // inline bulk status
		a.array32(func() { a.fetchStatus("Status") })
		a.array32(a.fsCallback)
		a.volSync()
	}
}

func afsFSRequest(a *afsCur, op uint32) {
	switch op {
	case 130: // fetch data
		a.fsFid("Source")
		a.u32(hfAFSFSOffset)
		a.u32(hfAFSFSLength)
	case 131, 132, 157, 158, 220: // fetch acl, fetch status, extend and release lock, residency
		a.fsFid("Target")
	case 133: // store data
		a.fsFid("Destination")
		a.storeStatus("Status")
		a.u32(hfAFSFSOffset)
		a.u32(hfAFSFSLength)
		a.u32(hfAFSFSFLength)
		a.rest(hfAFSFSData)
	case 134: // store acl
		a.fsFid("Target")
		a.acl()
	case 135: // store status
		a.fsFid("Target")
		a.storeStatus("Status")
	case 136: // remove file
		a.fsFid("Remove File")
		a.str(hfAFSFSName)
	case 137, 141: // create file, make dir
		a.fsFid("Target")
		a.str(hfAFSFSName)
		a.storeStatus("Status")
	case 138: // rename
		a.fsFid("Old")
		a.str(hfAFSFSOldName)
		a.fsFid("New")
		a.str(hfAFSFSNewName)
	case 139: // symlink
		a.fsFid("File")
		a.str(hfAFSFSSymlinkName)
		a.str(hfAFSFSSymlinkCont)
		a.storeStatus("Status")
	case 140: // link
		a.fsFid("Link To (New File)")
		a.str(hfAFSFSName)
		a.fsFid("Link From (Old File)")
	case 142, 161: // remove dir, lookup
		a.fsFid("Target")
		a.str(hfAFSFSName)
	case 143: // old set lock
		a.fsFid("Target")
		a.u32(hfAFSFSViceLockType)
		a.volSync()
	case 144, 145: // old extend and release lock
		a.fsFid("Target")
		a.volSync()
	case 147: // give up callbacks
		a.array32(func() { a.fsFid("Target") })
		a.array32(a.fsCallback)
	case 148, 154: // get volume info
		a.str(hfAFSFSVolName)
	case 149: // get volume status
		a.u32(hfAFSFSVolID)
	case 150: // set volume status
		a.u32(hfAFSFSVolID)
		a.str(hfAFSFSVolName)
		a.str(hfAFSFSOfflineMsg)
		a.str(hfAFSFSMotd)
	case 152: // check token
		a.u32(hfAFSFSViceID)
		a.strV(hfAFSFSToken, 1024)
	case 155, 65536: // bulk status, inline bulk status
		a.array32(func() { a.fsFid("Target") })
	case 156: // set lock
		a.fsFid("Target")
		a.u32(hfAFSFSViceLockType)
	case 160: // get xstats
		a.u32(hfAFSFSXStatsClient)
		a.u32(hfAFSFSXStatsColl)
	case 162: // flush cps
		a.array8(func() { a.u32(hfAFSFSViceID) })
		a.array8(func() { a.ip(hfAFSFSIPAddr) })
		a.u32(hfAFSFSCPSSpare1)
	case 163: // dfs symlink
		a.fsFid("Target")
		a.str(hfAFSFSSymlinkName)
		a.str(hfAFSFSSymlinkCont)
		a.storeStatus("Symlink Status")
	case 65537: // fetch data 64
		a.fsFid("Target")
		a.u64(hfAFSFSOffset64)
		a.u64(hfAFSFSLength64)
	case 65538: // store data 64
		a.fsFid("Target")
		a.storeStatus("Status")
		a.u64(hfAFSFSOffset64)
		a.u64(hfAFSFSLength64)
		a.u64(hfAFSFSFLength64)
	}
}

// array8 runs fn as many times as the 8-bit count at the cursor says.
func (a *afsCur) array8(fn func()) {
	n := a.t.U8(a.o)
	a.o++
	for i := uint8(0); i < n; i++ {
		fn()
	}
}

// ---- callback server ----

func afsCBRequest(a *afsCur, op uint32) {
	if op != 204 { // callback
		return
	}
	a.array32(func() { a.fid("Target", hfAFSCBFidVolume, hfAFSCBFidVnode, hfAFSCBFidUniq) })
	a.array32(func() {
		s, o := a.open("Callback")
		a.u32(hfAFSCBVersion)
		a.secs(hfAFSCBExpires)
		a.u32(hfAFSCBType)
		a.close(s, o)
	})
}

func afsCBReply(a *afsCur, op uint32) {
	if op != 65538 { // get capabilities: the cache manager's interfaces and capabilities
		return
	}
	const maxInt = 32
	num := int64(a.t.U32(a.o))
	s, o := a.open("Interfaces")
	a.u32(hfAFSCMNumInt)
	a.bytes(hfAFSCMUUID, 44)
	for _, hf := range [...]field.ID{hfAFSCMIPAddr, hfAFSCMNetmask, hfAFSCMMTU} {
		for i := int64(0); i < num; i++ {
			if hf == hfAFSCMMTU {
				a.u32(hf)
			} else {
				a.ip(hf)
			}
		}
		a.o += int(4 * (maxInt - num))
	}
	a.close(s, o)
	s, o = a.open("Capabilities")
	a.u32(hfAFSCMNumCap)
	a.c.AddUint(a.n, hfAFSCMCaps, a.t, a.o, 4)
	a.c.AddUint(a.n, hfAFSCMCapErrTr, a.t, a.o, 4)
	a.o += 4
	a.close(s, o)
}

// ---- volume server ----

func afsVOLRequest(a *afsCur, op uint32) {
	if op == 121 { // list one volume
		a.u32(hfAFSVOLCount)
		a.u32(hfAFSVOLID)
	}
}

func afsVOLReply(a *afsCur, op uint32) {
	if op == 121 {
		a.u32(hfAFSVOLCount)
		a.strV(hfAFSVOLName, 32)
	}
}

// ---- protection server ----

const afsPRNameMax, afsVLNameMax = 64, 65

func afsPROTRequest(a *afsCur, op uint32) {
	switch op {
	case 500: // new user
		a.str(hfAFSPROTName)
		a.u32(hfAFSPROTID)
		a.u32(hfAFSPROTOldID)
	case 501, 506, 508, 512, 514, 517, 519: // where is it, delete, get cps, list entry/elements/owned, get host cps
		a.u32(hfAFSPROTID)
	case 502: // dump entry
		a.u32(hfAFSPROTPos)
	case 503, 507, 515: // add to / remove from group, is member of
		a.u32(hfAFSPROTUID)
		a.u32(hfAFSPROTGID)
	case 504: // name to id
		a.count(hfAFSPROTCount, func() { a.strV(hfAFSPROTName, afsPRNameMax) })
	case 505: // id to name
		a.count(hfAFSPROTCount, func() { a.u32(hfAFSPROTID) })
	case 509: // new entry
		a.str(hfAFSPROTName)
		a.u32(hfAFSPROTFlag)
		a.u32(hfAFSPROTOldID)
	case 511: // set max
		a.u32(hfAFSPROTID)
		a.u32(hfAFSPROTFlag)
	case 513: // change entry
		a.u32(hfAFSPROTID)
		a.str(hfAFSPROTName)
		a.u32(hfAFSPROTOldID)
		a.u32(hfAFSPROTNewID)
	case 520: // update entry
		a.u32(hfAFSPROTID)
		a.str(hfAFSPROTName)
	}
}

func afsPROTReply(a *afsCur, op uint32) {
	switch op {
	case 504, 508, 514, 517, 518, 519: // name to id, get cps, list elements/owned, get cps2, get host cps
		a.count(hfAFSPROTCount, func() { a.u32(hfAFSPROTID) })
	case 505: // id to name
		a.count(hfAFSPROTCount, func() { a.strV(hfAFSPROTName, afsPRNameMax) })
	case 510: // list max
		a.u32(hfAFSPROTMaxUID)
		a.u32(hfAFSPROTMaxGID)
	}
}

// ---- volume location database ----

func afsVLDBRequest(a *afsCur, op uint32) {
	switch op {
	case 501, 517: // create entry
		a.strV(hfAFSVLDBName, afsVLNameMax)
	case 502, 503, 507, 508, 509, 518: // delete, get by id, update, set/release lock, get by id n
		a.u32(hfAFSVLDBID)
		a.u32(hfAFSVLDBType)
	case 504, 519, 524, 527: // get entry by name (n, u), update entry by name
		a.str(hfAFSVLDBName)
	case 505: // get new volume id
		a.u32(hfAFSVLDBBump)
	case 506, 520: // replace entry
		a.u32(hfAFSVLDBID)
		a.u32(hfAFSVLDBType)
		a.strV(hfAFSVLDBName, afsVLNameMax)
	case 510, 521: // list entry
		a.u32(hfAFSVLDBIndex)
	case 532: // register addresses
		a.bytes(hfAFSVLDBServerUUID, 44)
		a.u32(hfAFSVLDBSpare[0])
		a.array32(func() { a.ip(hfAFSVLDBServerIP) })
	}
}

// vldbServers adds the first n of max server slots with add and skips the rest.
func (a *afsCur) vldbServers(n, max int, add func()) {
	for i := 0; i < max; i++ {
		if i < n {
			add()
		} else {
			a.o += 4
		}
	}
}

// vldbPartitions adds the partitions of the first n of max server slots ("/vicepa" + index).
func (a *afsCur) vldbPartitions(n, max int) {
	for i := 0; i < max; i++ {
		j := int32(a.t.U32(a.o))
		if i < n && j <= 25 {
			a.c.AddString(a.n, hfAFSVLDBPartition, a.t, a.o, 4, "/vicep"+string(rune('a'+j)))
		}
		a.o += 4
	}
}

func afsVLDBReply(a *afsCur, op uint32) {
	switch op {
	case 510, 521, 529: // list entry
		a.u32(hfAFSVLDBCount)
		a.u32(hfAFSVLDBNextIndex)
	case 503, 504: // get entry by id, by name
		a.strV(hfAFSVLDBName, afsVLNameMax)
		a.o += 4
		n := int(int32(a.u32(hfAFSVLDBNumServers)))
		a.vldbServers(n, 8, func() { a.ip(hfAFSVLDBServer) })
		a.vldbPartitions(n, 8)
		a.o += 8 * 4
		a.u32(hfAFSVLDBRWVol)
		a.u32(hfAFSVLDBROVol)
		a.u32(hfAFSVLDBBKVol)
		a.u32(hfAFSVLDBCloneVol)
		a.c.addFlags(a.n, hfAFSVLDBFlags, a.t, a.o, 4, hfAFSVLDBFlagBits)
		a.o += 4
	case 505: // get new volume id
		a.u32(hfAFSVLDBID)
	case 518, 519: // get entry by id n, by name n
		a.strV(hfAFSVLDBName, afsVLNameMax)
		n := int(int32(a.u32(hfAFSVLDBNumServers)))
		a.vldbServers(n, 13, func() { a.ip(hfAFSVLDBServer) })
		a.vldbPartitions(n, 13)
		a.o += 13 * 4
		a.u32(hfAFSVLDBRWVol)
		a.u32(hfAFSVLDBROVol)
		a.u32(hfAFSVLDBBKVol)
	case 526, 527: // get entry by id u, by name u
		a.strV(hfAFSVLDBName, afsVLNameMax)
		n := int(int32(a.u32(hfAFSVLDBNumServers)))
		for i := 0; i < 13; i++ {
			if i < n {
				a.bytes(hfAFSVLDBServerUUID, 44)
			} else {
				a.o += 44
			}
		}
		a.vldbServers(n, 13, func() { a.u32(hfAFSVLDBServerUniq) })
		a.vldbPartitions(n, 13)
		a.vldbServers(n, 13, func() { a.u32(hfAFSVLDBServerFlg) })
		for _, hf := range [...]field.ID{hfAFSVLDBRWVol, hfAFSVLDBROVol, hfAFSVLDBBKVol, hfAFSVLDBCloneVol, hfAFSVLDBFlags} {
			a.u32(hf)
		}
		for _, hf := range hfAFSVLDBSpare {
			a.u32(hf)
		}
	}
}

// ---- kerberos authentication server ----

func afsKAUTHRequest(a *afsCur, op uint32) {
	switch op {
	case 1, 2, 5, 6, 7, 8, 14, 15, 21, 22: // authenticate, change pw, set fields, create/delete user, ...
		a.str(hfAFSKAUTHPrinc)
		a.str(hfAFSKAUTHRealm)
		a.rest(hfAFSKAUTHData)
	case 3, 23: // get ticket
		a.u32(hfAFSKAUTHKvno)
		a.str(hfAFSKAUTHDomain)
		l := int(a.t.U32(a.o))
		a.o += 4
		a.bytes(hfAFSKAUTHData, l)
		a.str(hfAFSKAUTHPrinc)
		a.str(hfAFSKAUTHRealm)
	case 4: // set password
		a.str(hfAFSKAUTHPrinc)
		a.str(hfAFSKAUTHRealm)
		a.u32(hfAFSKAUTHKvno)
	case 12: // get password
		a.str(hfAFSKAUTHName)
	}
}

// ---- basic overseer ----

func afsBOSRequest(a *afsCur, op uint32) {
	switch op {
	case 80: // create bnode
		a.str(hfAFSBOSType)
		a.str(hfAFSBOSInstance)
		for i := 0; i < 6; i++ {
			a.str(hfAFSBOSParm)
		}
	case 81, 83, 85, 104: // delete bnode, get status, get instance info, restart
		a.str(hfAFSBOSInstance)
	case 82: // set status
		a.str(hfAFSBOSInstance)
		a.i32(hfAFSBOSStatus)
	case 84, 89, 90, 92, 95, 111: // enumerate instance, list superusers/keys, delete key, get cell host, get restart time
		a.u32(hfAFSBOSNum)
	case 86: // get instance parm
		a.str(hfAFSBOSInstance)
		a.u32(hfAFSBOSNum)
	case 87, 88: // add, delete superuser
		a.str(hfAFSBOSUser)
	case 91: // add key
		a.u32(hfAFSBOSNum)
		a.bytes(hfAFSBOSKey, 8)
	case 93, 96, 97, 114: // set cell name, add/delete cell host, get instance strings
		a.str(hfAFSBOSContent)
	case 98: // set t status
		a.str(hfAFSBOSContent)
		a.i32(hfAFSBOSStatus)
	case 102, 109: // set no-auth flag, prune
		a.u32(hfAFSBOSFlags)
	case 105: // install
		a.str(hfAFSBOSPath)
		a.u32(hfAFSBOSSize)
		a.u32(hfAFSBOSFlags)
		a.u32(hfAFSBOSDate)
	case 106, 107: // uninstall, get dates
		a.str(hfAFSBOSPath)
	case 108: // exec
		a.str(hfAFSBOSCmd)
	case 110: // set restart time
		a.u32(hfAFSBOSNum)
		a.o += 12
	case 112: // get log
		a.str(hfAFSBOSFile)
	}
}

func afsBOSReply(a *afsCur, op uint32) {
	switch op {
	case 83: // get status
		a.i32(hfAFSBOSStatus)
		a.str(hfAFSBOSStatusDesc)
	case 84: // enumerate instance
		a.str(hfAFSBOSInstance)
	case 85: // get instance info
		a.str(hfAFSBOSType)
		a.o += 40
	case 86: // get instance parm
		a.str(hfAFSBOSParm)
	case 89: // list superusers
		a.str(hfAFSBOSUser)
	case 90: // list keys
		a.u32(hfAFSBOSKvno)
		a.bytes(hfAFSBOSKey, 8)
		a.timestamp(hfAFSBOSKeyModTime)
		a.u32(hfAFSBOSKeyCksum)
		a.u32(hfAFSBOSKeySpare2)
	case 94: // get cell name
		a.str(hfAFSBOSCell)
	case 95: // get cell host
		a.str(hfAFSBOSHost)
	case 107: // get dates
		a.secs(hfAFSBOSNewTime)
		a.secs(hfAFSBOSBakTime)
		a.secs(hfAFSBOSOldTime)
	case 111: // get restart time
		a.o += 12
	case 112: // get log
		a.rest(hfAFSBOSData)
	case 114: // get instance strings
		a.str(hfAFSBOSError)
		a.str(hfAFSBOSSpare1)
		a.str(hfAFSBOSSpare2)
		a.str(hfAFSBOSSpare3)
	}
}

// ---- ubik ----

func (a *afsCur) ubikVersion(label string) {
	epoch, counter := a.t.U32(a.o), a.t.U32(a.o+4)
	s, o := a.open("UBIK Version (" + label + "): " + uitoa(epoch) + "." + uitoa(counter))
	n := a.c.Add(a.n, hfAFSUBIKVerEpoch, a.t, a.o, 4, field.Value{I: int64(epoch) * 1e9})
	if epoch == 0 {
		a.c.Label(n, "Epoch: 0")
	}
	a.o += 4
	a.u32(hfAFSUBIKVerCounter)
	a.close(s, o)
}

func uitoa(u uint32) string { return strconv.FormatUint(uint64(u), 10) }

func (a *afsCur) ubikInterfaceAddrs() {
	seenNull := false
	for i := 0; i < 255; i++ {
		if a.t.U32(a.o) != 0 {
			a.ip(hfAFSUBIKInterface)
			seenNull = false
			continue
		}
		if !seenNull {
			a.c.AddProto(a.n, hfAFSUBIKNullAddrs, a.t, a.o, -1)
			seenNull = true
		}
		a.o += 4
	}
}

func (a *afsCur) ubikDebugOld() {
	a.secs(hfAFSUBIKNow)
	a.secs(hfAFSUBIKLastYesTime)
	a.ip(hfAFSUBIKLastYesHost)
	a.u32(hfAFSUBIKLastYesSt)
	a.secs(hfAFSUBIKLastYesClm)
	a.ip(hfAFSUBIKLowestHost)
	a.secs(hfAFSUBIKLowestTime)
	a.ip(hfAFSUBIKSyncHost)
	a.secs(hfAFSUBIKSyncTime)
	a.ubikVersion("Sync Version")
	a.ubikVersion("Sync TID")
	a.u32(hfAFSUBIKAmSyncSite)
	a.secs(hfAFSUBIKSyncUntil)
	a.u32(hfAFSUBIKNServers)
	a.u32(hfAFSUBIKLockedPages)
	a.u32(hfAFSUBIKWLockedPgs)
	a.ubikVersion("Local Version")
	for _, hf := range [...]field.ID{hfAFSUBIKActiveWrite, hfAFSUBIKTIDCounter, hfAFSUBIKAnyRLocks, hfAFSUBIKAnyWLocks,
		hfAFSUBIKRecovery, hfAFSUBIKCurTrans, hfAFSUBIKWriteTrans} {
		a.u32(hf)
	}
	a.secs(hfAFSUBIKEpochTime)
}

func (a *afsCur) ubikSDebugOld() {
	a.ip(hfAFSUBIKAddr)
	a.secs(hfAFSUBIKLastVoteTm)
	a.secs(hfAFSUBIKLastBeacon)
	a.u32(hfAFSUBIKLastVote)
	a.ubikVersion("Remote Version")
	a.u32(hfAFSUBIKCurrentDB)
	a.u32(hfAFSUBIKBeaconDown)
	a.u32(hfAFSUBIKUp)
}

func afsUBIKReply(a *afsCur, op uint32) {
	switch op {
	case 10001:
		a.ubikDebugOld()
	case 10002:
		a.ubikSDebugOld()
	case 10004, 10006:
		a.ubikDebugOld()
		a.ubikInterfaceAddrs()
		if op == 10006 {
			a.u32(hfAFSUBIKIsClone)
		}
	case 10005, 10007:
		a.ubikSDebugOld()
		a.ubikInterfaceAddrs()
		if op == 10007 {
			a.u32(hfAFSUBIKIsClone)
		}
	case 20004: // get version
		a.ubikVersion("DB Version")
	case 20012: // interface addresses
		a.ubikInterfaceAddrs()
	}
}

func afsUBIKRequest(a *afsCur, op uint32) {
	switch op {
	case 10000: // vote beacon
		a.u32(hfAFSUBIKState)
		a.secs(hfAFSUBIKVoteStart)
		a.ubikVersion("DB Version")
		a.ubikVersion("TID")
	case 10002, 10003, 10004, 10005:
		a.ip(hfAFSUBIKSite)
	case 20000, 20001, 20011: // disk begin, commit, writev
		a.ubikVersion("TID")
	case 20002: // disk lock
		a.ubikVersion("TID")
		a.u32(hfAFSUBIKFile)
		a.u32(hfAFSUBIKPos)
		a.u32(hfAFSUBIKLength)
		a.u32(hfAFSUBIKLockType)
	case 20003: // disk write
		a.ubikVersion("TID")
		a.u32(hfAFSUBIKFile)
		a.u32(hfAFSUBIKPos)
	case 20005: // get file
		a.u32(hfAFSUBIKFile)
	case 20006: // send file
		a.u32(hfAFSUBIKFile)
		a.u32(hfAFSUBIKLength)
		a.ubikVersion("DB Version")
	case 20009: // truncate
		a.ubikVersion("TID")
		a.u32(hfAFSUBIKFile)
		a.u32(hfAFSUBIKLength)
	case 20012: // interface addresses
		a.ubikInterfaceAddrs()
	case 20013: // set version
		a.ubikVersion("TID")
		a.ubikVersion("Old DB Version")
		a.ubikVersion("New DB Version")
	}
}
