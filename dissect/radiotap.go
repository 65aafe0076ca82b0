package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// The radiotap capture header (LINKTYPE_IEEE802_11_RADIOTAP, 127; Wireshark's
// packet-ieee80211-radiotap.c): little-endian fields announced by one or more "present" bitmaps,
// each aligned to its natural size from the start of the header. Extended bitmaps continue the
// radiotap namespace 32 bits further, or switch to a vendor namespace whose data is skipped by its
// announced length. The iteration stops at the first field it does not know the size of, as
// Wireshark's radiotap iterator does. What the header says goes to the 802.11 radio information
// and the 802.11 dissector (FCS at the end, padding after the header).

var (
	protoRadiotap              = Fields.Protocol("radiotap", "IEEE 802.11 Radiotap Capture header")
	hfRTVersion                = Fields.Add(protoRadiotap, "radiotap.version", "Header revision", field.Uint8)
	hfRTPad                    = Fields.Add(protoRadiotap, "radiotap.pad", "Header pad", field.Uint8)
	hfRTLength                 = Fields.Add(protoRadiotap, "radiotap.length", "Header length", field.Uint16)
	hfRTPresent                = Fields.Add(protoRadiotap, "radiotap.present", "Present flags", field.None)
	hfRTPresentWord            = Fields.Add(protoRadiotap, "radiotap.present.word", "Present flags word", field.Uint32, field.WithBase(field.Hex))
	hfRTPresentTsft            = Fields.Add(protoRadiotap, "radiotap.present.tsft", "TSFT", field.Bool, field.WithBase(32), field.WithMask(0x1), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentFlags           = Fields.Add(protoRadiotap, "radiotap.present.flags", "Flags", field.Bool, field.WithBase(32), field.WithMask(0x2), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentRate            = Fields.Add(protoRadiotap, "radiotap.present.rate", "Rate", field.Bool, field.WithBase(32), field.WithMask(0x4), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentChannel         = Fields.Add(protoRadiotap, "radiotap.present.channel", "Channel", field.Bool, field.WithBase(32), field.WithMask(0x8), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentFhss            = Fields.Add(protoRadiotap, "radiotap.present.fhss", "FHSS", field.Bool, field.WithBase(32), field.WithMask(0x10), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentDbmAntsignal    = Fields.Add(protoRadiotap, "radiotap.present.dbm_antsignal", "dBm Antenna Signal", field.Bool, field.WithBase(32), field.WithMask(0x20), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentDbmAntnoise     = Fields.Add(protoRadiotap, "radiotap.present.dbm_antnoise", "dBm Antenna Noise", field.Bool, field.WithBase(32), field.WithMask(0x40), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentLockQuality     = Fields.Add(protoRadiotap, "radiotap.present.lock_quality", "Lock Quality", field.Bool, field.WithBase(32), field.WithMask(0x80), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentTxAttenuation   = Fields.Add(protoRadiotap, "radiotap.present.tx_attenuation", "TX Attenuation", field.Bool, field.WithBase(32), field.WithMask(0x100), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentDbTxAttenuation = Fields.Add(protoRadiotap, "radiotap.present.db_tx_attenuation", "dB TX Attenuation", field.Bool, field.WithBase(32), field.WithMask(0x200), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentDbmTxPower      = Fields.Add(protoRadiotap, "radiotap.present.dbm_tx_power", "dBm TX Power", field.Bool, field.WithBase(32), field.WithMask(0x400), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentAntenna         = Fields.Add(protoRadiotap, "radiotap.present.antenna", "Antenna", field.Bool, field.WithBase(32), field.WithMask(0x800), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentDbAntsignal     = Fields.Add(protoRadiotap, "radiotap.present.db_antsignal", "dB Antenna Signal", field.Bool, field.WithBase(32), field.WithMask(0x1000), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentDbAntnoise      = Fields.Add(protoRadiotap, "radiotap.present.db_antnoise", "dB Antenna Noise", field.Bool, field.WithBase(32), field.WithMask(0x2000), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentRxflags         = Fields.Add(protoRadiotap, "radiotap.present.rxflags", "RX flags", field.Bool, field.WithBase(32), field.WithMask(0x4000), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentTxflags         = Fields.Add(protoRadiotap, "radiotap.present.txflags", "TX flags", field.Bool, field.WithBase(32), field.WithMask(0x8000), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentDataRetries     = Fields.Add(protoRadiotap, "radiotap.present.data_retries", "data retries", field.Bool, field.WithBase(32), field.WithMask(0x20000), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentXchannel        = Fields.Add(protoRadiotap, "radiotap.present.xchannel", "Channel+", field.Bool, field.WithBase(32), field.WithMask(0x40000), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentMcs             = Fields.Add(protoRadiotap, "radiotap.present.mcs", "MCS information", field.Bool, field.WithBase(32), field.WithMask(0x80000), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentAmpdu           = Fields.Add(protoRadiotap, "radiotap.present.ampdu", "A-MPDU Status", field.Bool, field.WithBase(32), field.WithMask(0x100000), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentVht             = Fields.Add(protoRadiotap, "radiotap.present.vht", "VHT information", field.Bool, field.WithBase(32), field.WithMask(0x200000), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentTimestamp       = Fields.Add(protoRadiotap, "radiotap.present.timestamp", "frame timestamp", field.Bool, field.WithBase(32), field.WithMask(0x400000), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentHe              = Fields.Add(protoRadiotap, "radiotap.present.he", "HE information", field.Bool, field.WithBase(32), field.WithMask(0x800000), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentHeMu            = Fields.Add(protoRadiotap, "radiotap.present.he_mu", "HE-MU information", field.Bool, field.WithBase(32), field.WithMask(0x1000000), field.WithTrueFalse("Present", "Absent"))
	hfRTPresent0LengthPsdu     = Fields.Add(protoRadiotap, "radiotap.present.0_length.psdu", "0 Length PSDU", field.Bool, field.WithBase(32), field.WithMask(0x4000000), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentLSig            = Fields.Add(protoRadiotap, "radiotap.present.l_sig", "L-SIG", field.Bool, field.WithBase(32), field.WithMask(0x8000000), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentTlv             = Fields.Add(protoRadiotap, "radiotap.present.tlv", "TLVs", field.Bool, field.WithBase(32), field.WithMask(0x10000000), field.WithTrueFalse("Present", "Absent"))
	hfRTPresentRtapNs          = Fields.Add(protoRadiotap, "radiotap.present.rtap_ns", "Radiotap NS next", field.Bool, field.WithBase(32), field.WithMask(0x20000000))
	hfRTPresentVendorNs        = Fields.Add(protoRadiotap, "radiotap.present.vendor_ns", "Vendor NS next", field.Bool, field.WithBase(32), field.WithMask(0x40000000))
	hfRTPresentExt             = Fields.Add(protoRadiotap, "radiotap.present.ext", "Ext", field.Bool, field.WithBase(32), field.WithMask(0x80000000), field.WithTrueFalse("Present", "Absent"))
	hfRTFlags                  = Fields.Add(protoRadiotap, "radiotap.flags", "Flags", field.Uint8, field.WithBase(field.Hex))
	hfRTFlagsCfp               = Fields.Add(protoRadiotap, "radiotap.flags.cfp", "CFP", field.Bool, field.WithBase(8), field.WithMask(0x1))
	hfRTFlagsPreamble          = Fields.Add(protoRadiotap, "radiotap.flags.preamble", "Preamble", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("Short", "Long"))
	hfRTFlagsWep               = Fields.Add(protoRadiotap, "radiotap.flags.wep", "WEP", field.Bool, field.WithBase(8), field.WithMask(0x4))
	hfRTFlagsFrag              = Fields.Add(protoRadiotap, "radiotap.flags.frag", "Fragmentation", field.Bool, field.WithBase(8), field.WithMask(0x8))
	hfRTFlagsFcs               = Fields.Add(protoRadiotap, "radiotap.flags.fcs", "FCS at end", field.Bool, field.WithBase(8), field.WithMask(0x10))
	hfRTFlagsDatapad           = Fields.Add(protoRadiotap, "radiotap.flags.datapad", "Data Pad", field.Bool, field.WithBase(8), field.WithMask(0x20))
	hfRTFlagsBadfcs            = Fields.Add(protoRadiotap, "radiotap.flags.badfcs", "Bad FCS", field.Bool, field.WithBase(8), field.WithMask(0x40))
	hfRTFlagsShortgi           = Fields.Add(protoRadiotap, "radiotap.flags.shortgi", "Short GI", field.Bool, field.WithBase(8), field.WithMask(0x80))
	hfRTMactime                = Fields.Add(protoRadiotap, "radiotap.mactime", "MAC timestamp", field.Uint64)
	hfRTQuality                = Fields.Add(protoRadiotap, "radiotap.quality", "Signal Quality", field.Uint16)
	hfRTChannelFreq            = Fields.Add(protoRadiotap, "radiotap.channel.freq", "Channel frequency", field.Uint32)
	hfRTChannelFlags           = Fields.Add(protoRadiotap, "radiotap.channel.flags", "Channel flags", field.Uint16, field.WithBase(field.Hex))
	hfRTChannelFlagsTurbo      = Fields.Add(protoRadiotap, "radiotap.channel.flags.turbo", "Turbo", field.Bool, field.WithBase(16), field.WithMask(0x10))
	hfRTChannelFlags700mhz     = Fields.Add(protoRadiotap, "radiotap.channel.flags.700mhz", "700 MHz spectrum", field.Bool, field.WithBase(16), field.WithMask(0x1))
	hfRTChannelFlags800mhz     = Fields.Add(protoRadiotap, "radiotap.channel.flags.800mhz", "800 MHz spectrum", field.Bool, field.WithBase(16), field.WithMask(0x2))
	hfRTChannelFlags900mhz     = Fields.Add(protoRadiotap, "radiotap.channel.flags.900mhz", "900 MHz spectrum", field.Bool, field.WithBase(16), field.WithMask(0x4))
	hfRTChannelFlagsCck        = Fields.Add(protoRadiotap, "radiotap.channel.flags.cck", "Complementary Code Keying (CCK)", field.Bool, field.WithBase(16), field.WithMask(0x20))
	hfRTChannelFlagsOfdm       = Fields.Add(protoRadiotap, "radiotap.channel.flags.ofdm", "Orthogonal Frequency-Division Multiplexing (OFDM)", field.Bool, field.WithBase(16), field.WithMask(0x40))
	hfRTChannelFlags2ghz       = Fields.Add(protoRadiotap, "radiotap.channel.flags.2ghz", "2 GHz spectrum", field.Bool, field.WithBase(16), field.WithMask(0x80))
	hfRTChannelFlags5ghz       = Fields.Add(protoRadiotap, "radiotap.channel.flags.5ghz", "5 GHz spectrum", field.Bool, field.WithBase(16), field.WithMask(0x100))
	hfRTChannelFlagsPassive    = Fields.Add(protoRadiotap, "radiotap.channel.flags.passive", "Passive", field.Bool, field.WithBase(16), field.WithMask(0x200))
	hfRTChannelFlagsDynamic    = Fields.Add(protoRadiotap, "radiotap.channel.flags.dynamic", "Dynamic CCK-OFDM", field.Bool, field.WithBase(16), field.WithMask(0x400))
	hfRTChannelFlagsGfsk       = Fields.Add(protoRadiotap, "radiotap.channel.flags.gfsk", "Gaussian Frequency Shift Keying (GFSK)", field.Bool, field.WithBase(16), field.WithMask(0x800))
	hfRTChannelFlagsGsm        = Fields.Add(protoRadiotap, "radiotap.channel.flags.gsm", "GSM (900MHz)", field.Bool, field.WithBase(16), field.WithMask(0x1000))
	hfRTChannelFlagsSturbo     = Fields.Add(protoRadiotap, "radiotap.channel.flags.sturbo", "Static Turbo", field.Bool, field.WithBase(16), field.WithMask(0x2000))
	hfRTChannelFlagsHalf       = Fields.Add(protoRadiotap, "radiotap.channel.flags.half", "Half Rate Channel (10MHz Channel Width)", field.Bool, field.WithBase(16), field.WithMask(0x4000))
	hfRTChannelFlagsQuarter    = Fields.Add(protoRadiotap, "radiotap.channel.flags.quarter", "Quarter Rate Channel (5MHz Channel Width)", field.Bool, field.WithBase(16), field.WithMask(0x8000))
	hfRTRxflags                = Fields.Add(protoRadiotap, "radiotap.rxflags", "RX flags", field.Uint16, field.WithBase(field.Hex))
	hfRTRxflagsBadplcp         = Fields.Add(protoRadiotap, "radiotap.rxflags.badplcp", "Bad PLCP", field.Bool, field.WithBase(24), field.WithMask(0x2))
	hfRTTxflags                = Fields.Add(protoRadiotap, "radiotap.txflags", "TX flags", field.Uint16, field.WithBase(field.Hex))
	hfRTRxflagsFail            = Fields.Add(protoRadiotap, "radiotap.rxflags.fail", "Fail", field.Bool, field.WithBase(24), field.WithMask(0x1))
	hfRTRxflagsCts             = Fields.Add(protoRadiotap, "radiotap.rxflags.cts", "CTS", field.Bool, field.WithBase(24), field.WithMask(0x2))
	hfRTRxflagsRts             = Fields.Add(protoRadiotap, "radiotap.rxflags.rts", "RTS/CTS", field.Bool, field.WithBase(24), field.WithMask(0x4))
	hfRTRxflagsNoack           = Fields.Add(protoRadiotap, "radiotap.rxflags.noack", "No ACK", field.Bool, field.WithBase(24), field.WithMask(0x8))
	hfRTRxflagsNoseqno         = Fields.Add(protoRadiotap, "radiotap.rxflags.noseqno", "Has Seqnum", field.Bool, field.WithBase(24), field.WithMask(0x10))
	hfRTRxflagsOrder           = Fields.Add(protoRadiotap, "radiotap.rxflags.order", "Order", field.Bool, field.WithBase(24), field.WithMask(0x20))
	hfRTFhssHopset             = Fields.Add(protoRadiotap, "radiotap.fhss.hopset", "FHSS Hop Set", field.Uint8)
	hfRTFhssPattern            = Fields.Add(protoRadiotap, "radiotap.fhss.pattern", "FHSS Pattern", field.Uint8)
	hfRTDatarate               = Fields.Add(protoRadiotap, "radiotap.datarate", "Data rate (Mb/s)", field.Float)
	hfRTAntenna                = Fields.Add(protoRadiotap, "radiotap.antenna", "Antenna", field.Uint32)
	hfRTDbmAntsignal           = Fields.Add(protoRadiotap, "radiotap.dbm_antsignal", "Antenna signal", field.Int8)
	hfRTDbAntsignal            = Fields.Add(protoRadiotap, "radiotap.db_antsignal", "dB antenna signal", field.Uint8)
	hfRTDbmAntnoise            = Fields.Add(protoRadiotap, "radiotap.dbm_antnoise", "Antenna noise", field.Int8)
	hfRTDbAntnoise             = Fields.Add(protoRadiotap, "radiotap.db_antnoise", "dB antenna noise", field.Uint8)
	hfRTTxattenuation          = Fields.Add(protoRadiotap, "radiotap.txattenuation", "TX attenuation", field.Uint16)
	hfRTDbTxattenuation        = Fields.Add(protoRadiotap, "radiotap.db_txattenuation", "dB TX attenuation", field.Uint16)
	hfRTTxpower                = Fields.Add(protoRadiotap, "radiotap.txpower", "Transmit power", field.Int8)
	hfRTDataRetries            = Fields.Add(protoRadiotap, "radiotap.data_retries", "data retries", field.Uint8)
	hfRTMcs                    = Fields.Add(protoRadiotap, "radiotap.mcs", "MCS information", field.None)
	hfRTMcsKnown               = Fields.Add(protoRadiotap, "radiotap.mcs.known", "Known MCS information", field.Uint8, field.WithBase(field.Hex))
	hfRTMcsHaveBw              = Fields.Add(protoRadiotap, "radiotap.mcs.have_bw", "Bandwidth", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Present", "Absent"))
	hfRTMcsHaveIndex           = Fields.Add(protoRadiotap, "radiotap.mcs.have_index", "MCS index", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("Present", "Absent"))
	hfRTMcsHaveGi              = Fields.Add(protoRadiotap, "radiotap.mcs.have_gi", "Guard interval", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithTrueFalse("Present", "Absent"))
	hfRTMcsHaveFormat          = Fields.Add(protoRadiotap, "radiotap.mcs.have_format", "Format", field.Bool, field.WithBase(8), field.WithMask(0x8), field.WithTrueFalse("Present", "Absent"))
	hfRTMcsHaveFec             = Fields.Add(protoRadiotap, "radiotap.mcs.have_fec", "FEC type", field.Bool, field.WithBase(8), field.WithMask(0x10), field.WithTrueFalse("Present", "Absent"))
	hfRTMcsHaveStbc            = Fields.Add(protoRadiotap, "radiotap.mcs.have_stbc", "STBC streams", field.Bool, field.WithBase(8), field.WithMask(0x20), field.WithTrueFalse("Present", "Absent"))
	hfRTMcsHaveNess            = Fields.Add(protoRadiotap, "radiotap.mcs.have_ness", "Number of extension spatial streams", field.Bool, field.WithBase(8), field.WithMask(0x40), field.WithTrueFalse("Present", "Absent"))
	hfRTMcsBw                  = Fields.Add(protoRadiotap, "radiotap.mcs.bw", "Bandwidth", field.Uint8, field.WithMask(0x3), field.WithStrings(map[uint64]string{0: "20 MHz", 1: "40 MHz", 2: "20 MHz lower", 3: "20 MHz upper"}))
	hfRTMcsGi                  = Fields.Add(protoRadiotap, "radiotap.mcs.gi", "Guard interval", field.Uint8, field.WithMask(0x4), field.WithStrings(map[uint64]string{0: "long", 1: "short"}))
	hfRTMcsFormat              = Fields.Add(protoRadiotap, "radiotap.mcs.format", "Format", field.Uint8, field.WithMask(0x8), field.WithStrings(map[uint64]string{0: "mixed", 1: "greenfield"}))
	hfRTMcsFec                 = Fields.Add(protoRadiotap, "radiotap.mcs.fec", "FEC type", field.Uint8, field.WithMask(0x10), field.WithStrings(map[uint64]string{0: "BCC", 1: "LDPC"}))
	hfRTMcsStbc                = Fields.Add(protoRadiotap, "radiotap.mcs.stbc", "STBC streams", field.Uint8, field.WithMask(0x60))
	hfRTMcsNessBit0            = Fields.Add(protoRadiotap, "radiotap.mcs.ness_bit0", "Number of extension spatial streams bit 0", field.Uint8, field.WithMask(0x80))
	hfRTMcsNessBit1            = Fields.Add(protoRadiotap, "radiotap.mcs.ness_bit1", "Number of extension spatial streams bit 1", field.Uint8, field.WithMask(0x80))
	hfRTMcsIndex               = Fields.Add(protoRadiotap, "radiotap.mcs.index", "MCS index", field.Uint8)
	hfRTTimestamp              = Fields.Add(protoRadiotap, "radiotap.timestamp", "timestamp information", field.None)
	hfRTTimestampTs            = Fields.Add(protoRadiotap, "radiotap.timestamp.ts", "timestamp", field.Uint64)
	hfRTTimestampAccuracy      = Fields.Add(protoRadiotap, "radiotap.timestamp.accuracy", "accuracy", field.Uint16)
	hfRTTimestampUnit          = Fields.Add(protoRadiotap, "radiotap.timestamp.unit", "time unit", field.Uint8, field.WithMask(0xf), field.WithStrings(map[uint64]string{0: "msec", 1: "usec", 2: "nsec"}))
	hfRTTimestampSamplingpos   = Fields.Add(protoRadiotap, "radiotap.timestamp.samplingpos", "sampling position", field.Uint8, field.WithMask(0xf0), field.WithStrings(map[uint64]string{0: "first MPDU bit/symbol", 1: "signal acquisition", 2: "end of frame", 15: "undefined"}))
	hfRTTimestampFlags32bit    = Fields.Add(protoRadiotap, "radiotap.timestamp.flags.32bit", "32-bit counter", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Yes", "No"))
	hfRTTimestampFlagsAccuracy = Fields.Add(protoRadiotap, "radiotap.timestamp.flags.accuracy", "accuracy field", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("Present", "Absent"))
	hfRTVendorNamespace        = Fields.Add(protoRadiotap, "radiotap.vendor_namespace", "Vendor namespace", field.Bytes)
	hfRTVendorOui              = Fields.Add(protoRadiotap, "radiotap.vendor_oui", "Vendor OUI", field.Uint24)
	hfRTVendorSubns            = Fields.Add(protoRadiotap, "radiotap.vendor_subns", "Vendor sub namespace", field.Uint8)
	hfRTVendorDataLen          = Fields.Add(protoRadiotap, "radiotap.vendor_data_len", "Vendor data length", field.Uint16)
	hfRTVendorData             = Fields.Add(protoRadiotap, "radiotap.vendor_data", "Vendor data", field.None)

	eiRTDataPastHeader = RegisterExpert(protoRadiotap, "radiotap.data_past_header", "Radiotap data goes past the end of the radiotap header", GroupMalformed, SevError)

	handleRadiotap = &Handle{Name: "radiotap", Fn: dissectRadiotap}
)

// rtPresentFirst are the "present" flags of the first radiotap-namespace word, by bit (0: none).
var rtPresentFirst = [32]field.ID{
	0: hfRTPresentTsft, 1: hfRTPresentFlags, 2: hfRTPresentRate, 3: hfRTPresentChannel, 4: hfRTPresentFhss,
	5: hfRTPresentDbmAntsignal, 6: hfRTPresentDbmAntnoise, 7: hfRTPresentLockQuality, 8: hfRTPresentTxAttenuation,
	9: hfRTPresentDbTxAttenuation, 10: hfRTPresentDbmTxPower, 11: hfRTPresentAntenna, 12: hfRTPresentDbAntsignal,
	13: hfRTPresentDbAntnoise, 14: hfRTPresentRxflags, 15: hfRTPresentTxflags, 17: hfRTPresentDataRetries,
	18: hfRTPresentXchannel, 19: hfRTPresentMcs, 20: hfRTPresentAmpdu, 21: hfRTPresentVht, 22: hfRTPresentTimestamp,
	23: hfRTPresentHe, 24: hfRTPresentHeMu, 26: hfRTPresent0LengthPsdu, 27: hfRTPresentLSig, 28: hfRTPresentTlv,
	29: hfRTPresentRtapNs, 30: hfRTPresentVendorNs, 31: hfRTPresentExt,
}

// rtFieldShape gives the alignment and size of each radiotap field by its bit (size 0: unknown).
var rtFieldShape = [...]struct{ align, size uint8 }{
	0: {8, 8}, 1: {1, 1}, 2: {1, 1}, 3: {2, 4}, 4: {2, 2}, 5: {1, 1}, 6: {1, 1}, 7: {2, 2}, 8: {2, 2}, 9: {2, 2},
	10: {1, 1}, 11: {1, 1}, 12: {1, 1}, 13: {1, 1}, 14: {2, 2}, 15: {2, 2}, 16: {1, 1}, 17: {1, 1}, 18: {4, 8},
	19: {1, 3}, 20: {4, 8}, 21: {2, 12}, 22: {8, 12}, 23: {2, 12}, 24: {2, 12}, 25: {2, 6}, 26: {1, 1}, 27: {2, 4},
}

func init() {
	RegisterShortName(protoRadiotap, "Radiotap")
	LinkTypes.Add(127, handleRadiotap)
	RegisterEncap(127, 23, "IEEE 802.11 plus radiotap radio header")
}

func dissectRadiotap(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("WLAN")
	c.ClearInfo()
	hlen := int(t.U16LE(2))
	p := c.AddProto(parent, protoRadiotap, t, 0, hlen)
	c.Label(p, "Radiotap Header v%d, Length %d", t.U8(0), hlen)
	c.AddUint(p, hfRTVersion, t, 0, 1)
	c.AddUint(p, hfRTPad, t, 1, 1)
	c.AddUintLE(p, hfRTLength, t, 2, 2)
	hdr := t.SubLen(0, hlen)

	// The present words.
	nw := 1
	for hdr.U32LE(4+4*(nw-1))&(1<<31) != 0 {
		nw++
	}
	pr := c.AddProto(p, hfRTPresent, t, 4, 4*nw)
	ph := wlanPhdr{fcsLen: 0}
	off := 4 + 4*nw
	base, vendor, first := 0, false, true
	stop, malformed := false, false
	for w := 0; w < nw; w++ {
		wo := 4 + 4*w
		word := hdr.U32LE(wo)
		wn := c.AddUintV(pr, hfRTPresentWord, t, wo, 4, uint64(word))
		if first && !vendor {
			for bit, hf := range rtPresentFirst {
				if hf != 0 {
					c.AddUintV(wn, hf, t, wo, 4, uint64(word>>bit&1))
				}
			}
		} else {
			c.AddUintV(wn, hfRTPresentRtapNs, t, wo, 4, uint64(word>>29&1))
			c.AddUintV(wn, hfRTPresentVendorNs, t, wo, 4, uint64(word>>30&1))
			c.AddUintV(wn, hfRTPresentExt, t, wo, 4, uint64(word>>31&1))
		}
		if !vendor && !stop {
			for bit := 0; bit < 29; bit++ {
				if word&(1<<bit) == 0 {
					continue
				}
				idx := base + bit
				if idx >= len(rtFieldShape) || rtFieldShape[idx].size == 0 {
					stop = true // a field of unknown size: nothing after it can be found
					break
				}
				sh := rtFieldShape[idx]
				al := int(sh.align)
				off = (off + al - 1) / al * al
				if off+int(sh.size) > hlen {
					stop, malformed = true, true
					break
				}
				rtField(c, t, p, idx, off, &ph)
				off += int(sh.size)
			}
		}
		first = false
		switch {
		case word&(1<<29) != 0:
			vendor, base = false, 0
		case word&(1<<30) != 0:
			vendor = true
			if !stop {
				off = (off + 1) &^ 1
				if off+6 > hlen {
					stop, malformed = true, true
					break
				}
				skip := int(hdr.U16LE(off + 4))
				n := c.AddBytes(p, hfRTVendorNamespace, t, off, min(6+skip, hlen-off))
				c.Label(n, "Vendor namespace: %s-%d", field.AppendHexSep(nil, t.Bytes(off, 3), ':'), t.U8(off+3))
				on := c.AddUintV(n, hfRTVendorOui, t, off, 3, uint64(t.U24(off)))
				c.Label(on, "Vendor OUI: %s", field.AppendHexSep(nil, t.Bytes(off, 3), ':'))
				c.AddUint(n, hfRTVendorSubns, t, off+3, 1)
				c.AddUintLE(n, hfRTVendorDataLen, t, off+4, 2)
				c.AddProto(n, hfRTVendorData, t, off+6, min(skip, hlen-off-6))
				off += 6 + skip
			}
		default:
			base += 32
		}
	}
	if malformed {
		c.Expert(pr, eiRTDataPastHeader, t, 4, 4*nw, "")
	}
	frame := t.Sub(hlen)
	if ph.phy == phyUnknown && ph.hasRate && isCCKRate(ph.rate) {
		ph.phy = phy11b // a DSSS/CCK rate without channel flags
	}
	if ph.datapad {
		ph.fcsLen = max(ph.fcsLen, 0)
	}
	c.PushLayer("wlan_radio")
	dissectWlanRadio(c, frame, parent, &ph)
	c.PushLayer("wlan")
	dissectWlan(c, frame, parent, &ph)
}

// rtChannelFlagNames names the channel flags a label lists, in bit order.
var rtChannelFlagNames = []struct {
	bit  uint16
	name string
}{{0x1, "700 MHz spectrum"}, {0x2, "800 MHz spectrum"}, {0x4, "900 MHz spectrum"}, {0x10, "Turbo"},
	{0x20, "Complementary Code Keying (CCK)"}, {0x40, "Orthogonal Frequency-Division Multiplexing (OFDM)"},
	{0x80, "2 GHz spectrum"}, {0x100, "5 GHz spectrum"}, {0x200, "Passive"}, {0x400, "Dynamic CCK-OFDM"},
	{0x800, "Gaussian Frequency Shift Keying (GFSK)"}, {0x1000, "GSM (900MHz)"}, {0x2000, "Static Turbo"},
	{0x4000, "Half Rate Channel (10MHz Channel Width)"}, {0x8000, "Quarter Rate Channel (5MHz Channel Width)"}}

var rtChannelFlagFields = []field.ID{hfRTChannelFlags700mhz, hfRTChannelFlags800mhz, hfRTChannelFlags900mhz,
	hfRTChannelFlagsTurbo, hfRTChannelFlagsCck, hfRTChannelFlagsOfdm, hfRTChannelFlags2ghz, hfRTChannelFlags5ghz,
	hfRTChannelFlagsPassive, hfRTChannelFlagsDynamic, hfRTChannelFlagsGfsk, hfRTChannelFlagsGsm,
	hfRTChannelFlagsSturbo, hfRTChannelFlagsHalf, hfRTChannelFlagsQuarter}

// wlanFreqLabel formats a frequency as Wireshark's ieee80211_mhz_to_str: "2412 [BG 1]".
func wlanFreqLabel(freq uint32) string {
	ch := wlanChannel(freq)
	s := strconv.FormatUint(uint64(freq), 10)
	if ch < 0 {
		return s
	}
	band := "A"
	if freq >= 2412 && freq <= 2484 {
		band = "BG"
	}
	return s + " [" + band + " " + strconv.Itoa(ch) + "]"
}

// rtField adds the radiotap field of bit idx at off and records what the 802.11 layers need.
func rtField(c *Ctx, t Tvb, p int32, idx, off int, ph *wlanPhdr) {
	switch idx {
	case 0:
		n, v := c.AddUintLE(p, hfRTMactime, t, off, 8)
		_ = n
		ph.hasTSF, ph.tsf = true, v
	case 1:
		fl := uint64(t.U8(off))
		n := c.AddUintV(p, hfRTFlags, t, off, 1, fl)
		for _, hf := range []field.ID{hfRTFlagsCfp, hfRTFlagsPreamble, hfRTFlagsWep, hfRTFlagsFrag, hfRTFlagsFcs,
			hfRTFlagsDatapad, hfRTFlagsBadfcs, hfRTFlagsShortgi} {
			c.AddUint(n, hf, t, off, 1)
		}
		ph.hasShortPre, ph.shortPre = true, fl&0x02 != 0
		if fl&0x10 != 0 {
			ph.fcsLen = 4
		}
		ph.datapad = fl&0x20 != 0
		if fl&0x80 != 0 {
			ph.hasGI, ph.shortGI = true, true
		}
	case 2:
		r := uint32(t.U8(off))
		if r == 0 {
			return
		}
		n := c.AddUintV(p, hfRTDatarate, t, off, 1, 0)
		c.T.Nodes[n].Value = field.Value{F: float64(r) / 2}
		c.Label(n, "Data Rate: %.1f Mb/s", float64(r)/2)
		ph.hasRate, ph.rate = true, r
	case 3:
		freq := uint32(t.U16LE(off))
		fl := t.U16LE(off + 2)
		n := c.AddUintV(p, hfRTChannelFreq, t, off, 2, uint64(freq))
		c.Label(n, "Channel frequency: %s", wlanFreqLabel(freq))
		fn := c.AddUintV(p, hfRTChannelFlags, t, off+2, 2, uint64(fl))
		if c.Visible() {
			b := []byte("Channel flags: 0x")
			b = append(b, hex4(uint64(fl))...)
			for _, f := range rtChannelFlagNames {
				if fl&f.bit != 0 {
					b = append(b, ", "...)
					b = append(b, f.name...)
				}
			}
			c.T.SetLabel(fn, string(b))
		}
		for _, hf := range rtChannelFlagFields {
			c.AddUintLE(fn, hf, t, off+2, 2)
		}
		if freq != 0 {
			ph.hasFreq, ph.freq = true, freq
			if ch := wlanChannel(freq); ch >= 0 {
				ph.hasChan, ph.channel = true, uint32(ch)
			}
		}
		switch {
		case fl&0x20 != 0 && fl&0x40 == 0: // CCK
			ph.phy = phy11b
		case fl&0x40 != 0 && fl&0x100 != 0: // OFDM, 5 GHz
			ph.phy = phy11a
			ph.hasTurbo = true
			if fl&0x10 != 0 {
				ph.turbo = 1
			}
		case fl&0x40 != 0 || fl&0x400 != 0: // OFDM or dynamic CCK-OFDM at 2 GHz
			ph.phy = phy11g
		case fl&0x800 != 0:
			ph.phy = phyFHSS
		}
	case 4:
		c.AddUint(p, hfRTFhssHopset, t, off, 1)
		c.AddUint(p, hfRTFhssPattern, t, off+1, 1)
	case 5:
		v := int8(t.U8(off))
		n := c.AddIntV(p, hfRTDbmAntsignal, t, off, 1, int64(v))
		c.Label(n, "Antenna signal: %d dBm", v)
		ph.hasSigDBm, ph.sigDBm = true, v
	case 6:
		v := int8(t.U8(off))
		n := c.AddIntV(p, hfRTDbmAntnoise, t, off, 1, int64(v))
		c.Label(n, "Antenna noise: %d dBm", v)
		ph.hasNoiseDBm, ph.noiseDBm = true, v
	case 7:
		c.AddUintLE(p, hfRTQuality, t, off, 2)
	case 8:
		c.AddUintLE(p, hfRTTxattenuation, t, off, 2)
	case 9:
		c.AddUintLE(p, hfRTDbTxattenuation, t, off, 2)
	case 10:
		v := int8(t.U8(off))
		n := c.AddIntV(p, hfRTTxpower, t, off, 1, int64(v))
		c.Label(n, "Transmit power: %d dBm", v)
	case 11:
		c.AddUint(p, hfRTAntenna, t, off, 1)
	case 12:
		v := t.U8(off)
		n := c.AddUintV(p, hfRTDbAntsignal, t, off, 1, uint64(v))
		c.Label(n, "dB antenna signal: %d dB", v)
		ph.hasSigDB, ph.sigDB = true, v
	case 13:
		v := t.U8(off)
		n := c.AddUintV(p, hfRTDbAntnoise, t, off, 1, uint64(v))
		c.Label(n, "dB antenna noise: %d dB", v)
		ph.hasNoiseDB, ph.noiseDB = true, v
	case 14:
		n, _ := c.AddUintLE(p, hfRTRxflags, t, off, 2)
		c.AddUintLE(n, hfRTRxflagsBadplcp, t, off, 2)
	case 15:
		n, _ := c.AddUintLE(p, hfRTTxflags, t, off, 2)
		for _, hf := range []field.ID{hfRTRxflagsFail, hfRTRxflagsCts, hfRTRxflagsRts, hfRTRxflagsNoack,
			hfRTRxflagsNoseqno, hfRTRxflagsOrder} {
			c.AddUintLE(n, hf, t, off, 2)
		}
	case 17:
		c.AddUint(p, hfRTDataRetries, t, off, 1)
	case 19:
		rtMCS(c, t, p, off, ph)
	case 22:
		n := c.AddProto(p, hfRTTimestamp, t, off, 12)
		c.AddUintLE(n, hfRTTimestampTs, t, off, 8)
		fl := t.U8(off + 11)
		if fl&0x02 != 0 {
			c.AddUintLE(n, hfRTTimestampAccuracy, t, off+8, 2)
		}
		c.AddUint(n, hfRTTimestampUnit, t, off+10, 1)
		c.AddUint(n, hfRTTimestampSamplingpos, t, off+10, 1)
		c.AddUint(n, hfRTTimestampFlags32bit, t, off+11, 1)
		c.AddUint(n, hfRTTimestampFlagsAccuracy, t, off+11, 1)
	case 21:
		ph.phy = phy11ac
	case 23:
		ph.phy = phy11ax
	}
}

// rtMCSKnownNames names the "known" bits of the MCS field a label lists.
var rtMCSKnownNames = []string{"Bandwidth", "MCS index", "Guard interval", "Format", "FEC type", "STBC streams",
	"Number of extension spatial streams"}

// rtMCS adds the MCS field (known bits, flags, index) and the data rate it implies.
func rtMCS(c *Ctx, t Tvb, p int32, off int, ph *wlanPhdr) {
	known, flags, mcs := t.U8(off), t.U8(off+1), uint32(t.U8(off+2))
	ph.phy = phy11n
	n := c.AddProto(p, hfRTMcs, t, off, 3)
	kn := c.AddUintV(n, hfRTMcsKnown, t, off, 1, uint64(known))
	if c.Visible() {
		b := []byte("Known MCS information: 0x" + hex2(uint64(known)))
		for i, name := range rtMCSKnownNames {
			if known&(1<<i) != 0 {
				b = append(b, ", "...)
				b = append(b, name...)
			}
		}
		c.T.SetLabel(kn, string(b))
	}
	for _, hf := range []field.ID{hfRTMcsHaveBw, hfRTMcsHaveIndex, hfRTMcsHaveGi, hfRTMcsHaveFormat, hfRTMcsHaveFec,
		hfRTMcsHaveStbc, hfRTMcsHaveNess} {
		c.AddUint(kn, hf, t, off, 1)
	}
	if known&0x01 != 0 {
		_, bw := c.AddUint(n, hfRTMcsBw, t, off+1, 1)
		ph.hasBW, ph.bw = true, uint32(bw)
	}
	if known&0x04 != 0 {
		c.AddUint(n, hfRTMcsGi, t, off+1, 1)
		ph.hasGI, ph.shortGI = true, flags&0x04 != 0
	}
	if known&0x08 != 0 {
		c.AddUint(n, hfRTMcsFormat, t, off+1, 1)
		ph.hasGF, ph.greenfield = true, flags&0x08 != 0
	}
	if known&0x10 != 0 {
		c.AddUint(n, hfRTMcsFec, t, off+1, 1)
		ph.hasFEC, ph.fec = true, uint32(flags>>4&1)
	}
	if known&0x20 != 0 {
		_, s := c.AddUint(n, hfRTMcsStbc, t, off+1, 1)
		ph.hasSTBC, ph.stbc = true, uint32(s)
	}
	if known&0x40 != 0 {
		c.AddUint(n, hfRTMcsNessBit0, t, off+1, 1)
		c.AddUint(n, hfRTMcsNessBit1, t, off, 1)
		ph.hasNESS, ph.ness = true, uint32(flags>>7&1)|uint32(known>>7&1)<<1
	}
	if known&0x02 != 0 {
		c.AddUintV(n, hfRTMcsIndex, t, off+2, 1, uint64(mcs))
		ph.hasMCS, ph.mcs = true, mcs
		bw := uint32(0)
		if ph.hasBW && ph.bw == 1 {
			bw = 1
		}
		if r, ok := htRate(mcs, bw, ph.hasGI && ph.shortGI); ok && (!ph.hasBW || ph.bw <= 1) {
			d := c.AddGenerated(p, hfRTDatarate, t, off, 3, field.Value{F: r})
			c.Label(d, "Data Rate: %.1f Mb/s", r)
			ph.hasMbps, ph.mbps = true, r
		}
	}
}
