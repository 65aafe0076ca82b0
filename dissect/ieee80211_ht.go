package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// 802.11n elements of management frames: HT Capabilities (capabilities info, A-MPDU parameters,
// supported MCS set, extended, beamforming and antenna selection capabilities) and HT Information
// (primary channel, the three operation subsets and the basic MCS set), as packet-ieee80211.c
// shows them.

var (
	hfWlanHtCapabilities                = Fields.Add(protoWlan, "wlan.ht.capabilities", "HT Capabilities Info", field.Uint16, field.WithBase(field.Hex))
	hfWlanHtCapabilitiesLdpccoding      = Fields.Add(protoWlan, "wlan.ht.capabilities.ldpccoding", "HT LDPC coding capability", field.Bool, field.WithBase(16), field.WithMask(0x1), field.WithTrueFalse("Transmitter supports receiving LDPC coded packets", "Transmitter does not support receiving LDPC coded packets"))
	hfWlanHtCapabilitiesWidth           = Fields.Add(protoWlan, "wlan.ht.capabilities.width", "HT Support channel width", field.Bool, field.WithBase(16), field.WithMask(0x2), field.WithTrueFalse("Transmitter supports 20MHz and 40MHz operation", "Transmitter only supports 20MHz operation"))
	hfWlanHtCapabilitiesSm              = Fields.Add(protoWlan, "wlan.ht.capabilities.sm", "HT SM Power Save", field.Uint16, field.WithBase(field.Hex), field.WithMask(0xc), field.WithStrings(map[uint64]string{0: "Static SM Power Save mode", 1: "Dynamic SM Power Save mode", 2: "Reserved", 3: "SM Power Save disabled"}))
	hfWlanHtCapabilitiesGreen           = Fields.Add(protoWlan, "wlan.ht.capabilities.green", "HT Green Field", field.Bool, field.WithBase(16), field.WithMask(0x10), field.WithTrueFalse("Transmitter is able to receive PPDUs with Green Field (GF) preamble", "Transmitter is not able to receive PPDUs with Green Field (GF) preamble"))
	hfWlanHtCapabilitiesShort20         = Fields.Add(protoWlan, "wlan.ht.capabilities.short20", "HT Short GI for 20MHz", field.Bool, field.WithBase(16), field.WithMask(0x20), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanHtCapabilitiesShort40         = Fields.Add(protoWlan, "wlan.ht.capabilities.short40", "HT Short GI for 40MHz", field.Bool, field.WithBase(16), field.WithMask(0x40), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanHtCapabilitiesTxstbc          = Fields.Add(protoWlan, "wlan.ht.capabilities.txstbc", "HT Tx STBC", field.Bool, field.WithBase(16), field.WithMask(0x80), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanHtCapabilitiesRxstbc          = Fields.Add(protoWlan, "wlan.ht.capabilities.rxstbc", "HT Rx STBC", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x300), field.WithStrings(map[uint64]string{0: "No Rx STBC support", 1: "Rx support of one spatial stream", 2: "Rx support of one and two spatial streams", 3: "Rx support of one, two, and three spatial streams"}))
	hfWlanHtCapabilitiesDelayedblockack = Fields.Add(protoWlan, "wlan.ht.capabilities.delayedblockack", "HT Delayed Block ACK", field.Bool, field.WithBase(16), field.WithMask(0x400), field.WithTrueFalse("Transmitter supports HT-Delayed BlockAck", "Transmitter does not support HT-Delayed BlockAck"))
	hfWlanHtCapabilitiesAmsdu           = Fields.Add(protoWlan, "wlan.ht.capabilities.amsdu", "HT Max A-MSDU length", field.Bool, field.WithBase(16), field.WithMask(0x800), field.WithTrueFalse("7935 bytes", "3839 bytes"))
	hfWlanHtCapabilitiesDsscck          = Fields.Add(protoWlan, "wlan.ht.capabilities.dsscck", "HT DSSS/CCK mode in 40MHz", field.Bool, field.WithBase(16), field.WithMask(0x1000), field.WithTrueFalse("Will/Can use DSSS/CCK in 40 MHz", "Won't/Can't use of DSSS/CCK in 40 MHz"))
	hfWlanHtCapabilitiesPsmp            = Fields.Add(protoWlan, "wlan.ht.capabilities.psmp", "HT PSMP Support", field.Bool, field.WithBase(16), field.WithMask(0x2000), field.WithTrueFalse("Will/Can support PSMP operation", "Won't/Can't support PSMP operation"))
	hfWlanHtCapabilities40mhzintolerant = Fields.Add(protoWlan, "wlan.ht.capabilities.40mhzintolerant", "HT Forty MHz Intolerant", field.Bool, field.WithBase(16), field.WithMask(0x4000), field.WithTrueFalse("Use of 40 MHz transmissions restricted/disallowed", "Use of 40 MHz transmissions unrestricted/allowed"))
	hfWlanHtCapabilitiesLsig            = Fields.Add(protoWlan, "wlan.ht.capabilities.lsig", "HT L-SIG TXOP Protection support", field.Bool, field.WithBase(16), field.WithMask(0x8000), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanHtAmpduparam                  = Fields.Add(protoWlan, "wlan.ht.ampduparam", "A-MPDU Parameters", field.Uint8, field.WithBase(field.Hex))
	hfWlanHtAmpduparamMaxlength         = Fields.Add(protoWlan, "wlan.ht.ampduparam.maxlength", "Maximum Rx A-MPDU Length", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x3))
	hfWlanHtAmpduparamMpdudensity       = Fields.Add(protoWlan, "wlan.ht.ampduparam.mpdudensity", "MPDU Density", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x1c), field.WithStrings(wlanHtAmpduparamMpdudensityVals))
	hfWlanHtAmpduparamReserved          = Fields.Add(protoWlan, "wlan.ht.ampduparam.reserved", "Reserved", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xe0))
	hfWlanHtMcsset                      = Fields.Add(protoWlan, "wlan.ht.mcsset", "Rx Supported Modulation and Coding Scheme Set", field.None)
	hfWlanHtMcssetRxbitmask             = Fields.Add(protoWlan, "wlan.ht.mcsset.rxbitmask", "Rx Modulation and Coding Scheme (One bit per modulation)", field.None)
	hfWlanHtMcssetRxbitmask0to7         = Fields.Add(protoWlan, "wlan.ht.mcsset.rxbitmask.0to7", "Rx Bitmask Bits 0-7", field.Uint32, field.WithBase(field.Hex), field.WithMask(0xff))
	hfWlanHtMcssetRxbitmask8to15        = Fields.Add(protoWlan, "wlan.ht.mcsset.rxbitmask.8to15", "Rx Bitmask Bits 8-15", field.Uint32, field.WithBase(field.Hex), field.WithMask(0xff00))
	hfWlanHtMcssetRxbitmask16to23       = Fields.Add(protoWlan, "wlan.ht.mcsset.rxbitmask.16to23", "Rx Bitmask Bits 16-23", field.Uint32, field.WithBase(field.Hex), field.WithMask(0xff0000))
	hfWlanHtMcssetRxbitmask24to31       = Fields.Add(protoWlan, "wlan.ht.mcsset.rxbitmask.24to31", "Rx Bitmask Bits 24-31", field.Uint32, field.WithBase(field.Hex), field.WithMask(0xff000000))
	hfWlanHtMcssetRxbitmask32           = Fields.Add(protoWlan, "wlan.ht.mcsset.rxbitmask.32", "Rx Bitmask Bit 32", field.Uint32, field.WithBase(field.Hex), field.WithMask(0x1))
	hfWlanHtMcssetRxbitmask33to38       = Fields.Add(protoWlan, "wlan.ht.mcsset.rxbitmask.33to38", "Rx Bitmask Bits 33-38", field.Uint32, field.WithBase(field.Hex), field.WithMask(0x7e))
	hfWlanHtMcssetRxbitmask39to52       = Fields.Add(protoWlan, "wlan.ht.mcsset.rxbitmask.39to52", "Rx Bitmask Bits 39-52", field.Uint32, field.WithBase(field.Hex), field.WithMask(0x1fff80))
	hfWlanHtMcssetRxbitmask53to76       = Fields.Add(protoWlan, "wlan.ht.mcsset.rxbitmask.53to76", "Rx Bitmask Bits 53-76", field.Uint32, field.WithBase(field.Hex), field.WithMask(0x1fffffe0))
	hfWlanHtMcssetHighestdatarate       = Fields.Add(protoWlan, "wlan.ht.mcsset.highestdatarate", "Highest Supported Data Rate", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x3ff))
	hfWlanHtMcssetTxsetdefined          = Fields.Add(protoWlan, "wlan.ht.mcsset.txsetdefined", "Tx Supported MCS Set", field.Bool, field.WithBase(16), field.WithMask(0x1), field.WithTrueFalse("Defined", "Not defined"))
	hfWlanHtMcssetTxrxmcsnotequal       = Fields.Add(protoWlan, "wlan.ht.mcsset.txrxmcsnotequal", "Tx and Rx MCS Set", field.Bool, field.WithBase(16), field.WithMask(0x2), field.WithTrueFalse("Not Equal", "Equal"))
	hfWlanHtMcssetTxmaxss               = Fields.Add(protoWlan, "wlan.ht.mcsset.txmaxss", "Maximum Number of Tx Spatial Streams Supported", field.Uint16, field.WithBase(field.Hex), field.WithMask(0xc))
	hfWlanHtMcssetTxunequalmod          = Fields.Add(protoWlan, "wlan.ht.mcsset.txunequalmod", "Unequal Modulation", field.Bool, field.WithBase(16), field.WithMask(0x10), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanHtexCapabilities              = Fields.Add(protoWlan, "wlan.htex.capabilities", "HT Extended Capabilities", field.Uint16, field.WithBase(field.Hex))
	hfWlanHtexCapabilitiesPco           = Fields.Add(protoWlan, "wlan.htex.capabilities.pco", "Transmitter supports PCO", field.Bool, field.WithBase(16), field.WithMask(0x1), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanHtexCapabilitiesTranstime     = Fields.Add(protoWlan, "wlan.htex.capabilities.transtime", "Time needed to transition between 20MHz and 40MHz", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x6), field.WithStrings(map[uint64]string{0: "No Transition", 1: "400 usec", 2: "1.5 msec", 3: "5 msec"}))
	hfWlanHtexCapabilitiesMcs           = Fields.Add(protoWlan, "wlan.htex.capabilities.mcs", "MCS Feedback capability", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x300), field.WithStrings(map[uint64]string{0: "STA does not provide MCS feedback", 1: "Reserved", 2: "STA provides only unsolicited MCS feedback", 3: "STA can provide MCS feedback in response to MRQ as well as unsolicited MCS feedback"}))
	hfWlanHtexCapabilitiesHtc           = Fields.Add(protoWlan, "wlan.htex.capabilities.htc", "High Throughput", field.Bool, field.WithBase(16), field.WithMask(0x400), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanHtexCapabilitiesRdresponder   = Fields.Add(protoWlan, "wlan.htex.capabilities.rdresponder", "Reverse Direction Responder", field.Bool, field.WithBase(16), field.WithMask(0x800), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanTxbf                          = Fields.Add(protoWlan, "wlan.txbf", "Transmit Beam Forming (TxBF) Capabilities", field.Uint32, field.WithBase(field.Hex))
	hfWlanTxbfTxbf                      = Fields.Add(protoWlan, "wlan.txbf.txbf", "Transmit Beamforming", field.Bool, field.WithBase(32), field.WithMask(0x1), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanTxbfRxss                      = Fields.Add(protoWlan, "wlan.txbf.rxss", "Receive Staggered Sounding", field.Bool, field.WithBase(32), field.WithMask(0x2), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanTxbfTxss                      = Fields.Add(protoWlan, "wlan.txbf.txss", "Transmit Staggered Sounding", field.Bool, field.WithBase(32), field.WithMask(0x4), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanTxbfRxndp                     = Fields.Add(protoWlan, "wlan.txbf.rxndp", "Receive Null Data packet (NDP)", field.Bool, field.WithBase(32), field.WithMask(0x8), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanTxbfTxndp                     = Fields.Add(protoWlan, "wlan.txbf.txndp", "Transmit Null Data packet (NDP)", field.Bool, field.WithBase(32), field.WithMask(0x10), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanTxbfImpltxbf                  = Fields.Add(protoWlan, "wlan.txbf.impltxbf", "Implicit TxBF capable", field.Bool, field.WithBase(32), field.WithMask(0x20), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanTxbfCalibration               = Fields.Add(protoWlan, "wlan.txbf.calibration", "Calibration", field.Uint32, field.WithBase(field.Hex), field.WithMask(0xc0), field.WithStrings(map[uint64]string{0: "incapable", 1: "Limited involvement, cannot initiate", 2: "Limited involvement, can initiate", 3: "Fully capable"}))
	hfWlanTxbfCsi                       = Fields.Add(protoWlan, "wlan.txbf.csi", "STA can apply TxBF using CSI explicit feedback", field.Bool, field.WithBase(32), field.WithMask(0x100), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanTxbfFmUncompressedTbf         = Fields.Add(protoWlan, "wlan.txbf.fm.uncompressed.tbf", "STA can apply TxBF using uncompressed beamforming feedback matrix", field.Bool, field.WithBase(32), field.WithMask(0x200), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanTxbfFmCompressedTbf           = Fields.Add(protoWlan, "wlan.txbf.fm.compressed.tbf", "STA can apply TxBF using compressed beamforming feedback matrix", field.Bool, field.WithBase(32), field.WithMask(0x400), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanTxbfRcsi                      = Fields.Add(protoWlan, "wlan.txbf.rcsi", "Receiver can return explicit CSI feedback", field.Uint32, field.WithBase(field.Hex), field.WithMask(0x1800), field.WithStrings(map[uint64]string{0: "not supported", 1: "delayed feedback capable", 2: "immediate feedback capable", 3: "delayed and immediate feedback capable"}))
	hfWlanTxbfFmUncompressedRbf         = Fields.Add(protoWlan, "wlan.txbf.fm.uncompressed.rbf", "Receiver can return explicit uncompressed Beamforming Feedback Matrix", field.Uint32, field.WithBase(field.Hex), field.WithMask(0x6000), field.WithStrings(map[uint64]string{0: "not supported", 1: "delayed feedback capable", 2: "immediate feedback capable", 3: "delayed and immediate feedback capable"}))
	hfWlanTxbfFmCompressedBf            = Fields.Add(protoWlan, "wlan.txbf.fm.compressed.bf", "STA can compress and use compressed Beamforming Feedback Matrix", field.Uint32, field.WithBase(field.Hex), field.WithMask(0x18000), field.WithStrings(map[uint64]string{0: "not supported", 1: "delayed feedback capable", 2: "immediate feedback capable", 3: "delayed and immediate feedback capable"}))
	hfWlanTxbfMingroup                  = Fields.Add(protoWlan, "wlan.txbf.mingroup", "Minimal grouping used for explicit feedback reports", field.Uint32, field.WithBase(field.Hex), field.WithMask(0x60000), field.WithStrings(map[uint64]string{0: "No grouping supported", 1: "Groups of 1, 2 supported", 2: "Groups of 1, 4 supported", 3: "Groups of 1, 2, 4 supported"}))
	hfWlanTxbfCsinumant                 = Fields.Add(protoWlan, "wlan.txbf.csinumant", "Max antennae STA can support when CSI feedback required", field.Uint32, field.WithBase(field.Hex), field.WithMask(0x180000), field.WithStrings(map[uint64]string{0: "1 TX antenna sounding", 1: "2 TX antenna sounding", 2: "3 TX antenna sounding", 3: "4 TX antenna sounding"}))
	hfWlanTxbfFmUncompressedMaxant      = Fields.Add(protoWlan, "wlan.txbf.fm.uncompressed.maxant", "Max antennae STA can support when uncompressed Beamforming feedback required", field.Uint32, field.WithBase(field.Hex), field.WithMask(0x600000), field.WithStrings(map[uint64]string{0: "1 TX antenna sounding", 1: "2 TX antenna sounding", 2: "3 TX antenna sounding", 3: "4 TX antenna sounding"}))
	hfWlanTxbfFmCompressedMaxant        = Fields.Add(protoWlan, "wlan.txbf.fm.compressed.maxant", "Max antennae STA can support when compressed Beamforming feedback required", field.Uint32, field.WithBase(field.Hex), field.WithMask(0x1800000), field.WithStrings(map[uint64]string{0: "1 TX antenna sounding", 1: "2 TX antenna sounding", 2: "3 TX antenna sounding", 3: "4 TX antenna sounding"}))
	hfWlanTxbfCsiMaxrows                = Fields.Add(protoWlan, "wlan.txbf.csi.maxrows", "Maximum number of rows of CSI explicit feedback", field.Uint32, field.WithBase(field.Hex), field.WithMask(0x6000000), field.WithStrings(map[uint64]string{0: "1 row of CSI", 1: "2 rows of CSI", 2: "3 rows of CSI", 3: "4 rows of CSI"}))
	hfWlanTxbfChannelest                = Fields.Add(protoWlan, "wlan.txbf.channelest", "Maximum number of space time streams for which channel dimensions can be simultaneously estimated", field.Uint32, field.WithBase(field.Hex), field.WithMask(0x18000000), field.WithStrings(map[uint64]string{0: "1 space time stream", 1: "2 space time streams", 2: "3 space time streams", 3: "4 space time streams"}))
	hfWlanTxbfReserved                  = Fields.Add(protoWlan, "wlan.txbf.reserved", "Reserved", field.Uint32, field.WithBase(field.Hex), field.WithMask(0xe0000000))
	hfWlanAsel                          = Fields.Add(protoWlan, "wlan.asel", "Antenna Selection (ASEL) Capabilities", field.Uint8, field.WithBase(field.Hex))
	hfWlanAselCapable                   = Fields.Add(protoWlan, "wlan.asel.capable", "Antenna Selection Capable", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanAselTxcsi                     = Fields.Add(protoWlan, "wlan.asel.txcsi", "Explicit CSI Feedback Based Tx ASEL", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanAselTxif                      = Fields.Add(protoWlan, "wlan.asel.txif", "Antenna Indices Feedback Based Tx ASEL", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanAselCsi                       = Fields.Add(protoWlan, "wlan.asel.csi", "Explicit CSI Feedback", field.Bool, field.WithBase(8), field.WithMask(0x8), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanAselIf                        = Fields.Add(protoWlan, "wlan.asel.if", "Antenna Indices Feedback", field.Bool, field.WithBase(8), field.WithMask(0x10), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanAselRx                        = Fields.Add(protoWlan, "wlan.asel.rx", "Rx ASEL", field.Bool, field.WithBase(8), field.WithMask(0x20), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanAselSppdu                     = Fields.Add(protoWlan, "wlan.asel.sppdu", "Tx Sounding PPDUs", field.Bool, field.WithBase(8), field.WithMask(0x40), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanAselReserved                  = Fields.Add(protoWlan, "wlan.asel.reserved", "Reserved", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x80))
	hfWlanHtInfoPrimarychannel          = Fields.Add(protoWlan, "wlan.ht.info.primarychannel", "Primary Channel", field.Uint8)
	hfWlanHtInfoDelim1                  = Fields.Add(protoWlan, "wlan.ht.info.delim1", "HT Information Subset (1 of 3)", field.Uint8, field.WithBase(field.Hex))
	hfWlanHtInfoSecchanoffset           = Fields.Add(protoWlan, "wlan.ht.info.secchanoffset", "Secondary channel offset", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x3), field.WithStrings(map[uint64]string{0: "No secondary channel", 1: "Secondary channel is above the primary channel", 2: "Reserved", 3: "Secondary channel is below the primary channel"}))
	hfWlanHtInfoChanwidth               = Fields.Add(protoWlan, "wlan.ht.info.chanwidth", "Supported channel width", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithTrueFalse("Channel of any width supported", "20 MHz channel width only"))
	hfWlanHtInfoRifs                    = Fields.Add(protoWlan, "wlan.ht.info.rifs", "Reduced Interframe Spacing (RIFS)", field.Bool, field.WithBase(8), field.WithMask(0x8), field.WithTrueFalse("Permitted", "Prohibited"))
	hfWlanHtInfoReservedB4B7            = Fields.Add(protoWlan, "wlan.ht.info.reserved_b4_b7", "Reserved", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xf0))
	hfWlanHtInfoDelim2                  = Fields.Add(protoWlan, "wlan.ht.info.delim2", "HT Information Subset (2 of 3)", field.Uint16, field.WithBase(field.Hex))
	hfWlanHtInfoHtProtection            = Fields.Add(protoWlan, "wlan.ht.info.ht_protection", "HT Protection", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x3), field.WithStrings(map[uint64]string{0: "No protection mode", 1: "HT non-member protection mode", 2: "20 MHz protection mode", 3: "non-HT mixed mode"}))
	hfWlanHtInfoGreenfield              = Fields.Add(protoWlan, "wlan.ht.info.greenfield", "Non-greenfield STAs present", field.Bool, field.WithBase(16), field.WithMask(0x4), field.WithTrueFalse("One or more associated STAs are not greenfield capable", "All associated STAs are greenfield capable"))
	hfWlanHtInfoReservedB11             = Fields.Add(protoWlan, "wlan.ht.info.reserved_b11", "Reserved", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x8))
	hfWlanHtInfoObssnonht               = Fields.Add(protoWlan, "wlan.ht.info.obssnonht", "OBSS non-HT STAs present", field.Bool, field.WithBase(16), field.WithMask(0x10), field.WithTrueFalse("Use of protection for non-HT STAs by overlapping BSSs is needed", "Use of protection for non-HT STAs by overlapping BSSs is not needed"))
	hfWlanHtInfoChanCenterFreqSeg2      = Fields.Add(protoWlan, "wlan.ht.info.chan_center_freq_seg_2", "Channel Center Frequency Segment 2", field.Uint16, field.WithMask(0x1fe0))
	hfWlanHtInfoReservedB21B23          = Fields.Add(protoWlan, "wlan.ht.info.reserved_b21_b23", "Reserved", field.Uint16, field.WithBase(field.Hex), field.WithMask(0xe000))
	hfWlanHtInfoDelim3                  = Fields.Add(protoWlan, "wlan.ht.info.delim3", "HT Information Subset (3 of 3)", field.Uint16, field.WithBase(field.Hex))
	hfWlanHtInfoReservedB24B29          = Fields.Add(protoWlan, "wlan.ht.info.reserved_b24_b29", "Reserved", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x3f))
	hfWlanHtInfoDualbeacon              = Fields.Add(protoWlan, "wlan.ht.info.dualbeacon", "Dual beacon", field.Bool, field.WithBase(16), field.WithMask(0x40), field.WithTrueFalse("AP transmits a secondary beacon", "No second beacon is transmitted"))
	hfWlanHtInfoDualcts                 = Fields.Add(protoWlan, "wlan.ht.info.dualcts", "Dual Clear To Send (CTS) protection", field.Bool, field.WithBase(16), field.WithMask(0x80), field.WithTrueFalse("Required", "Not required"))
	hfWlanHtInfoSecondarybeacon         = Fields.Add(protoWlan, "wlan.ht.info.secondarybeacon", "Beacon ID", field.Bool, field.WithBase(16), field.WithMask(0x100), field.WithTrueFalse("STBC beacon", "Primary beacon"))
	hfWlanHtInfoLsigprotsupport         = Fields.Add(protoWlan, "wlan.ht.info.lsigprotsupport", "L-SIG TXOP Protection Full Support", field.Bool, field.WithBase(16), field.WithMask(0x200), field.WithTrueFalse("All HT STAs in the BSS support L-SIG TXOP protection", "One or more HT STAs in the BSS do not support L-SIG TXOP protection"))
	hfWlanHtInfoPcoActive               = Fields.Add(protoWlan, "wlan.ht.info.pco.active", "Phased Coexistence Operation (PCO)", field.Bool, field.WithBase(16), field.WithMask(0x400), field.WithTrueFalse("Active", "Inactive"))
	hfWlanHtInfoPcoPhase                = Fields.Add(protoWlan, "wlan.ht.info.pco.phase", "Phased Coexistence Operation (PCO) Phase", field.Bool, field.WithBase(16), field.WithMask(0x800), field.WithTrueFalse("Switch to or continue 40 MHz phase", "Switch to or continue 20 MHz phase"))
	hfWlanHtInfoReservedB36B39          = Fields.Add(protoWlan, "wlan.ht.info.reserved_b36_b39", "Reserved", field.Uint16, field.WithBase(field.Hex), field.WithMask(0xf000))
)

var wlanHtAmpduparamMpdudensityVals = map[uint64]string{
	0: "no restriction",
	1: "1/4 [usec]",
	2: "1/2 [usec]",
	3: "1 [usec]",
	4: "2 [usec]",
	5: "4 [usec]",
	6: "8 [usec]",
	7: "16 [usec]",
}

// wlanHTCapFields are the HT capabilities info bits, the beamforming bits and the antenna
// selection bits in the order tshark lists them.
var (
	wlanHTCapInfoFields = []field.ID{hfWlanHtCapabilitiesLdpccoding, hfWlanHtCapabilitiesWidth, hfWlanHtCapabilitiesSm,
		hfWlanHtCapabilitiesGreen, hfWlanHtCapabilitiesShort20, hfWlanHtCapabilitiesShort40, hfWlanHtCapabilitiesTxstbc,
		hfWlanHtCapabilitiesRxstbc, hfWlanHtCapabilitiesDelayedblockack, hfWlanHtCapabilitiesAmsdu,
		hfWlanHtCapabilitiesDsscck, hfWlanHtCapabilitiesPsmp, hfWlanHtCapabilities40mhzintolerant, hfWlanHtCapabilitiesLsig}
	wlanHTExFields = []field.ID{hfWlanHtexCapabilitiesPco, hfWlanHtexCapabilitiesTranstime, hfWlanHtexCapabilitiesMcs,
		hfWlanHtexCapabilitiesHtc, hfWlanHtexCapabilitiesRdresponder}
	wlanTxBFFields = []field.ID{hfWlanTxbfTxbf, hfWlanTxbfRxss, hfWlanTxbfTxss, hfWlanTxbfRxndp, hfWlanTxbfTxndp,
		hfWlanTxbfImpltxbf, hfWlanTxbfCalibration, hfWlanTxbfCsi, hfWlanTxbfFmUncompressedTbf, hfWlanTxbfFmCompressedTbf,
		hfWlanTxbfRcsi, hfWlanTxbfFmUncompressedRbf, hfWlanTxbfFmCompressedBf, hfWlanTxbfMingroup, hfWlanTxbfCsinumant,
		hfWlanTxbfFmUncompressedMaxant, hfWlanTxbfFmCompressedMaxant, hfWlanTxbfCsiMaxrows, hfWlanTxbfChannelest,
		hfWlanTxbfReserved}
	wlanASELFields = []field.ID{hfWlanAselCapable, hfWlanAselTxcsi, hfWlanAselTxif, hfWlanAselCsi, hfWlanAselIf,
		hfWlanAselRx, hfWlanAselSppdu, hfWlanAselReserved}
	wlanHTInfo1Fields = []field.ID{hfWlanHtInfoSecchanoffset, hfWlanHtInfoChanwidth, hfWlanHtInfoRifs, hfWlanHtInfoReservedB4B7}
	wlanHTInfo2Fields = []field.ID{hfWlanHtInfoHtProtection, hfWlanHtInfoGreenfield, hfWlanHtInfoReservedB11,
		hfWlanHtInfoObssnonht, hfWlanHtInfoChanCenterFreqSeg2, hfWlanHtInfoReservedB21B23}
	wlanHTInfo3Fields = []field.ID{hfWlanHtInfoReservedB24B29, hfWlanHtInfoDualbeacon, hfWlanHtInfoDualcts,
		hfWlanHtInfoSecondarybeacon, hfWlanHtInfoLsigprotsupport, hfWlanHtInfoPcoActive, hfWlanHtInfoPcoPhase,
		hfWlanHtInfoReservedB36B39}
)

// wlanBits adds a field and its bit fields, all reading the same n little-endian bytes at o.
func wlanBits(c *Ctx, t Tvb, p int32, hf field.ID, o, n int, bits []field.ID) int32 {
	top, _ := c.AddUintLE(p, hf, t, o, n)
	for _, b := range bits {
		c.AddUintLE(top, b, t, o, n)
	}
	return top
}

// wlanHTCapabilities adds an HT Capabilities element's body (26 bytes at v).
func wlanHTCapabilities(c *Ctx, t Tvb, p int32, v, l int) {
	if l < 26 {
		return
	}
	wlanBits(c, t, p, hfWlanHtCapabilities, v, 2, wlanHTCapInfoFields)
	a, _ := c.AddUint(p, hfWlanHtAmpduparam, t, v+2, 1)
	n, ml := c.AddUint(a, hfWlanHtAmpduparamMaxlength, t, v+2, 1)
	c.Label(n, "%s = Maximum Rx A-MPDU Length: 0x%x (%d[Bytes])", Fields.Get(hfWlanHtAmpduparamMaxlength).BitPattern(ml), ml, 1<<(13+ml)-1)
	c.AddUint(a, hfWlanHtAmpduparamMpdudensity, t, v+2, 1)
	c.AddUint(a, hfWlanHtAmpduparamReserved, t, v+2, 1)
	wlanMCSSet(c, t, p, v+3, "MCS Set")
	wlanBits(c, t, p, hfWlanHtexCapabilities, v+19, 2, wlanHTExFields)
	wlanBits(c, t, p, hfWlanTxbf, v+21, 4, wlanTxBFFields)
	wlanBits(c, t, p, hfWlanAsel, v+25, 1, wlanASELFields)
}

// wlanHTInfo adds an HT Information (operation) element's body (22 bytes at v).
func wlanHTInfo(c *Ctx, t Tvb, p int32, v, l int) {
	if l < 22 {
		return
	}
	c.AddUint(p, hfWlanHtInfoPrimarychannel, t, v, 1)
	wlanBits(c, t, p, hfWlanHtInfoDelim1, v+1, 1, wlanHTInfo1Fields)
	wlanBits(c, t, p, hfWlanHtInfoDelim2, v+2, 2, wlanHTInfo2Fields)
	wlanBits(c, t, p, hfWlanHtInfoDelim3, v+4, 2, wlanHTInfo3Fields)
	wlanMCSSet(c, t, p, v+6, "Basic MCS Set")
}

// wlanMCSSet adds a 16-byte supported MCS set at o.
func wlanMCSSet(c *Ctx, t Tvb, p int32, o int, what string) {
	set := c.AddProto(p, hfWlanHtMcsset, t, o, 16)
	c.Label(set, "Rx Supported Modulation and Coding Scheme Set: %s", what)
	rx := c.AddProto(set, hfWlanHtMcssetRxbitmask, t, o, 10)
	streams := 0
	for i := 3; i >= 0; i-- {
		if t.U8(o+i) != 0 {
			streams = i + 1
			break
		}
	}
	streamText := func(n int) string {
		if n == 1 {
			return "1 spatial stream"
		}
		return strconv.Itoa(n) + " spatial streams"
	}
	if streams == 0 {
		c.Label(rx, "Rx Modulation and Coding Scheme (One bit per modulation): Reserved:8")
	} else {
		c.Label(rx, "Rx Modulation and Coding Scheme (One bit per modulation): %s", streamText(streams))
	}
	for _, hf := range []field.ID{hfWlanHtMcssetRxbitmask0to7, hfWlanHtMcssetRxbitmask8to15, hfWlanHtMcssetRxbitmask16to23,
		hfWlanHtMcssetRxbitmask24to31} {
		c.AddUintLE(rx, hf, t, o, 4)
	}
	c.AddUintLE(rx, hfWlanHtMcssetRxbitmask32, t, o+4, 4)
	c.AddUintLE(rx, hfWlanHtMcssetRxbitmask33to38, t, o+4, 4)
	c.AddUintLE(rx, hfWlanHtMcssetRxbitmask39to52, t, o+4, 4)
	c.AddUintLE(rx, hfWlanHtMcssetRxbitmask53to76, t, o+6, 4)
	c.AddUintLE(set, hfWlanHtMcssetHighestdatarate, t, o+10, 2)
	_, def := c.AddUint(set, hfWlanHtMcssetTxsetdefined, t, o+12, 1)
	_, neq := c.AddUint(set, hfWlanHtMcssetTxrxmcsnotequal, t, o+12, 1)
	n, ss := c.AddUint(set, hfWlanHtMcssetTxmaxss, t, o+12, 1)
	if c.Visible() {
		var s string
		switch {
		case def == 0:
			s = "TX MCS Set Not Defined"
		case neq == 0:
			s = streamText(max(streams, 1))
		default:
			s = streamText(int(ss) + 1)
		}
		c.Label(n, "%s = Maximum Number of Tx Spatial Streams Supported: 0x%x, %s", Fields.Get(hfWlanHtMcssetTxmaxss).BitPattern(ss), ss, s)
	}
	c.AddUint(set, hfWlanHtMcssetTxunequalmod, t, o+12, 1)
}
