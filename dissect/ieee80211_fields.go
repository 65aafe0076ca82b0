package dissect

import "github.com/tshark-tui/tshark-tui/field"

// IEEE 802.11 fields (packet-ieee80211.c's hf_register_info): names, types, masks and value
// strings as tshark 4.0 registers them.

var (
	protoWlan                               = Fields.Protocol("wlan", "IEEE 802.11 wireless LAN")
	protoWlanMgt                            = Fields.Protocol("wlan.mgt", "IEEE 802.11 Wireless Management")
	hfWlanFcTypeSubtype                     = Fields.Add(protoWlan, "wlan.fc.type_subtype", "Type/Subtype", field.Uint16, field.WithBase(field.Hex), field.WithStrings(wlanFcTypeSubtypeVals))
	hfWlanFc                                = Fields.Add(protoWlan, "wlan.fc", "Frame Control Field", field.Uint16, field.WithBase(field.Hex))
	hfWlanFcVersion                         = Fields.Add(protoWlan, "wlan.fc.version", "Version", field.Uint8, field.WithMask(0x3))
	hfWlanFcType                            = Fields.Add(protoWlan, "wlan.fc.type", "Type", field.Uint8, field.WithMask(0xc), field.WithStrings(map[uint64]string{0: "Management frame", 1: "Control frame", 2: "Data frame", 3: "Extension frame"}))
	hfWlanFcSubtype                         = Fields.Add(protoWlan, "wlan.fc.subtype", "Subtype", field.Uint8, field.WithMask(0xf0))
	hfWlanFlags                             = Fields.Add(protoWlan, "wlan.flags", "Flags", field.Uint8, field.WithBase(field.Hex))
	hfWlanFcDs                              = Fields.Add(protoWlan, "wlan.fc.ds", "DS status", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x3), field.WithStrings(map[uint64]string{0: "Not leaving DS or network is operating in AD-HOC mode (To DS: 0 From DS: 0)", 1: "Frame from STA to DS via an AP (To DS: 1 From DS: 0)", 2: "Frame from DS to a STA via AP(To DS: 0 From DS: 1)", 3: "WDS (AP to AP) or Mesh (MP to MP) Frame (To DS: 1 From DS: 1)"}))
	hfWlanFcTods                            = Fields.Add(protoWlan, "wlan.fc.tods", "To DS", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Frame is entering DS", "Frame is not entering DS"))
	hfWlanFcFromds                          = Fields.Add(protoWlan, "wlan.fc.fromds", "From DS", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("Frame is exiting DS", "Frame is not exiting DS"))
	hfWlanFcFrag                            = Fields.Add(protoWlan, "wlan.fc.frag", "More Fragments", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithTrueFalse("More fragments follow", "This is the last fragment"))
	hfWlanFcRetry                           = Fields.Add(protoWlan, "wlan.fc.retry", "Retry", field.Bool, field.WithBase(8), field.WithMask(0x8), field.WithTrueFalse("Frame is being retransmitted", "Frame is not being retransmitted"))
	hfWlanFcPwrmgt                          = Fields.Add(protoWlan, "wlan.fc.pwrmgt", "PWR MGT", field.Bool, field.WithBase(8), field.WithMask(0x10), field.WithTrueFalse("STA will go to sleep", "STA will stay up"))
	hfWlanFcMoredata                        = Fields.Add(protoWlan, "wlan.fc.moredata", "More Data", field.Bool, field.WithBase(8), field.WithMask(0x20), field.WithTrueFalse("Data is buffered for STA at AP", "No data buffered"))
	hfWlanFcProtected                       = Fields.Add(protoWlan, "wlan.fc.protected", "Protected flag", field.Bool, field.WithBase(8), field.WithMask(0x40), field.WithTrueFalse("Data is protected", "Data is not protected"))
	hfWlanFcOrder                           = Fields.Add(protoWlan, "wlan.fc.order", "+HTC/Order flag", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithTrueFalse("Strictly ordered", "Not strictly ordered"))
	hfWlanDuration                          = Fields.Add(protoWlan, "wlan.duration", "Duration", field.Uint16, field.WithMask(0x7fff), field.WithUnit("microseconds"))
	hfWlanRa                                = Fields.Add(protoWlan, "wlan.ra", "Receiver address", field.Ether)
	hfWlanRaResolved                        = Fields.Add(protoWlan, "wlan.ra_resolved", "Receiver address (resolved)", field.String)
	hfWlanDa                                = Fields.Add(protoWlan, "wlan.da", "Destination address", field.Ether)
	hfWlanDaResolved                        = Fields.Add(protoWlan, "wlan.da_resolved", "Destination address (resolved)", field.String)
	hfWlanTa                                = Fields.Add(protoWlan, "wlan.ta", "Transmitter address", field.Ether)
	hfWlanTaResolved                        = Fields.Add(protoWlan, "wlan.ta_resolved", "Transmitter address (resolved)", field.String)
	hfWlanSa                                = Fields.Add(protoWlan, "wlan.sa", "Source address", field.Ether)
	hfWlanSaResolved                        = Fields.Add(protoWlan, "wlan.sa_resolved", "Source address (resolved)", field.String)
	hfWlanBssid                             = Fields.Add(protoWlan, "wlan.bssid", "BSS Id", field.Ether)
	hfWlanBssidResolved                     = Fields.Add(protoWlan, "wlan.bssid_resolved", "BSS Id (resolved)", field.String)
	hfWlanStaa                              = Fields.Add(protoWlan, "wlan.staa", "STA address", field.Ether)
	hfWlanStaaResolved                      = Fields.Add(protoWlan, "wlan.staa_resolved", "STA address (resolved)", field.String)
	hfWlanAddr                              = Fields.Add(protoWlan, "wlan.addr", "Hardware address", field.Ether)
	hfWlanAddrResolved                      = Fields.Add(protoWlan, "wlan.addr_resolved", "Hardware address (resolved)", field.String)
	hfWlanFrag                              = Fields.Add(protoWlan, "wlan.frag", "Fragment number", field.Uint16, field.WithMask(0xf))
	hfWlanSeq                               = Fields.Add(protoWlan, "wlan.seq", "Sequence number", field.Uint16, field.WithMask(0xfff0))
	hfWlanFcs                               = Fields.Add(protoWlan, "wlan.fcs", "Frame check sequence", field.Uint32, field.WithBase(field.Hex))
	hfWlanFcsStatus                         = Fields.Add(protoWlan, "wlan.fcs.status", "FCS Status", field.Uint8, field.WithBase(field.BaseNone), field.WithStrings(map[uint64]string{0: "Bad", 1: "Good", 2: "Unverified", 3: "Not present", 4: "Illegal"}))
	hfWlanQos                               = Fields.Add(protoWlan, "wlan.qos", "Qos Control", field.Uint16, field.WithBase(field.Hex))
	hfWlanQosTid                            = Fields.Add(protoWlan, "wlan.qos.tid", "TID", field.Uint16, field.WithMask(0xf))
	hfWlanQosPriority                       = Fields.Add(protoWlan, "wlan.qos.priority", "Priority", field.Uint16, field.WithMask(0x7), field.WithStrings(wlanQosPriorityVals))
	hfWlanQosEosp                           = Fields.Add(protoWlan, "wlan.qos.eosp", "EOSP", field.Bool, field.WithBase(16), field.WithMask(0x10), field.WithTrueFalse("End of service period", "Service period"))
	hfWlanQosBit4                           = Fields.Add(protoWlan, "wlan.qos.bit4", "QoS bit 4", field.Bool, field.WithBase(16), field.WithMask(0x10), field.WithTrueFalse("Bits 8-15 of QoS Control field are Queue Size", "Bits 8-15 of QoS Control field are TXOP Duration Requested"))
	hfWlanQosAck                            = Fields.Add(protoWlan, "wlan.qos.ack", "Ack Policy", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x60), field.WithStrings(map[uint64]string{0: "Normal Ack", 1: "No Ack", 2: "No explicit acknowledgment", 3: "Block Ack"}))
	hfWlanQosAmsdupresent                   = Fields.Add(protoWlan, "wlan.qos.amsdupresent", "Payload Type", field.Bool, field.WithBase(16), field.WithMask(0x80), field.WithTrueFalse("A-MSDU", "MSDU"))
	hfWlanQosTxopLimit                      = Fields.Add(protoWlan, "wlan.qos.txop_limit", "TXOP Limit", field.Uint16, field.WithMask(0xff00))
	hfWlanQosPsBufState                     = Fields.Add(protoWlan, "wlan.qos.ps_buf_state", "QAP PS Buffer State", field.Uint16, field.WithBase(field.Hex), field.WithMask(0xff00))
	hfWlanQosBufStateIndicated              = Fields.Add(protoWlan, "wlan.qos.buf_state_indicated", "Buffer State Indicated", field.Bool, field.WithBase(16), field.WithMask(0x200), field.WithTrueFalse("Yes", "No"))
	hfWlanQosQueueSize                      = Fields.Add(protoWlan, "wlan.qos.queue_size", "Queue Size", field.Uint16, field.WithMask(0xff00))
	hfWlanQosTxopDurReq                     = Fields.Add(protoWlan, "wlan.qos.txop_dur_req", "TXOP Duration Requested", field.Uint16, field.WithMask(0xff00))
	hfWlanHtc                               = Fields.Add(protoWlan, "wlan.htc", "HT Control (+HTC)", field.Uint32, field.WithBase(field.Hex))
	hfWlanCcmpExtiv                         = Fields.Add(protoWlan, "wlan.ccmp.extiv", "CCMP Ext. Initialization Vector", field.String)
	hfWlanTkipExtiv                         = Fields.Add(protoWlan, "wlan.tkip.extiv", "TKIP Ext. Initialization Vector", field.String)
	hfWlanWepIv                             = Fields.Add(protoWlan, "wlan.wep.iv", "Initialization Vector", field.Uint24, field.WithBase(field.Hex))
	hfWlanWepKey                            = Fields.Add(protoWlan, "wlan.wep.key", "Key Index", field.Uint8)
	hfWlanWepIcv                            = Fields.Add(protoWlan, "wlan.wep.icv", "WEP ICV", field.Uint32, field.WithBase(field.Hex))
	hfWlanFixedAll                          = Fields.Add(protoWlan, "wlan.fixed.all", "Fixed parameters", field.None)
	hfWlanTaggedAll                         = Fields.Add(protoWlan, "wlan.tagged.all", "Tagged parameters", field.None)
	hfWlanFixedCapabilities                 = Fields.Add(protoWlan, "wlan.fixed.capabilities", "Capabilities Information", field.Uint16, field.WithBase(field.Hex))
	hfWlanFixedCapabilitiesEss              = Fields.Add(protoWlan, "wlan.fixed.capabilities.ess", "ESS capabilities", field.Bool, field.WithBase(16), field.WithMask(0x1), field.WithTrueFalse("Transmitter is an AP", "Transmitter is a STA"))
	hfWlanFixedCapabilitiesIbss             = Fields.Add(protoWlan, "wlan.fixed.capabilities.ibss", "IBSS status", field.Bool, field.WithBase(16), field.WithMask(0x2), field.WithTrueFalse("Transmitter belongs to an IBSS", "Transmitter belongs to a BSS"))
	hfWlanFixedCapabilitiesReserved1        = Fields.Add(protoWlan, "wlan.fixed.capabilities.reserved1", "Reserved", field.Uint16, field.WithMask(0x4))
	hfWlanFixedCapabilitiesReserved2        = Fields.Add(protoWlan, "wlan.fixed.capabilities.reserved2", "Reserved", field.Uint16, field.WithMask(0x8))
	hfWlanFixedCapabilitiesPrivacy          = Fields.Add(protoWlan, "wlan.fixed.capabilities.privacy", "Privacy", field.Bool, field.WithBase(16), field.WithMask(0x10), field.WithTrueFalse("Data confidentiality required", "Data confidentiality not required"))
	hfWlanFixedCapabilitiesShortPreamble    = Fields.Add(protoWlan, "wlan.fixed.capabilities.short_preamble", "Short Preamble", field.Bool, field.WithBase(16), field.WithMask(0x20), field.WithTrueFalse("Allowed", "Not Allowed"))
	hfWlanFixedCapabilitiesReserved3        = Fields.Add(protoWlan, "wlan.fixed.capabilities.reserved3", "Reserved", field.Uint16, field.WithMask(0x40))
	hfWlanFixedCapabilitiesReserved4        = Fields.Add(protoWlan, "wlan.fixed.capabilities.reserved4", "Reserved", field.Uint16, field.WithMask(0x80))
	hfWlanFixedCapabilitiesSpecMan          = Fields.Add(protoWlan, "wlan.fixed.capabilities.spec_man", "Spectrum Management", field.Bool, field.WithBase(16), field.WithMask(0x100), field.WithTrueFalse("Implemented", "Not Implemented"))
	hfWlanFixedCapabilitiesQos              = Fields.Add(protoWlan, "wlan.fixed.capabilities.qos", "QoS", field.Bool, field.WithBase(16), field.WithMask(0x200), field.WithTrueFalse("Implemented", "Not Implemented"))
	hfWlanFixedCapabilitiesShortSlotTime    = Fields.Add(protoWlan, "wlan.fixed.capabilities.short_slot_time", "Short Slot Time", field.Bool, field.WithBase(16), field.WithMask(0x400), field.WithTrueFalse("In use", "Not in use"))
	hfWlanFixedCapabilitiesApsd             = Fields.Add(protoWlan, "wlan.fixed.capabilities.apsd", "Automatic Power Save Delivery", field.Bool, field.WithBase(16), field.WithMask(0x800), field.WithTrueFalse("Implemented", "Not Implemented"))
	hfWlanFixedCapabilitiesRadioMeasurement = Fields.Add(protoWlan, "wlan.fixed.capabilities.radio_measurement", "Radio Measurement", field.Bool, field.WithBase(16), field.WithMask(0x1000), field.WithTrueFalse("Implemented", "Not Implemented"))
	hfWlanFixedCapabilitiesEpd              = Fields.Add(protoWlan, "wlan.fixed.capabilities.epd", "EPD", field.Bool, field.WithBase(16), field.WithMask(0x2000), field.WithTrueFalse("Implemented", "Not Implemented"))
	hfWlanFixedCapabilitiesReserved5        = Fields.Add(protoWlan, "wlan.fixed.capabilities.reserved5", "Reserved", field.Uint16, field.WithMask(0x4000))
	hfWlanFixedCapabilitiesReserved6        = Fields.Add(protoWlan, "wlan.fixed.capabilities.reserved6", "Reserved", field.Uint16, field.WithMask(0x8000))
	hfWlanFixedListenIval                   = Fields.Add(protoWlan, "wlan.fixed.listen_ival", "Listen Interval", field.Uint16, field.WithBase(field.Hex))
	hfWlanFixedCurrentAp                    = Fields.Add(protoWlan, "wlan.fixed.current_ap", "Current AP", field.Ether)
	hfWlanFixedStatusCode                   = Fields.Add(protoWlan, "wlan.fixed.status_code", "Status code", field.Uint16, field.WithBase(field.Hex), field.WithStrings(wlanFixedStatusCodeVals))
	hfWlanFixedAid                          = Fields.Add(protoWlan, "wlan.fixed.aid", "Association ID", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x3fff))
	hfWlanFixedTimestamp                    = Fields.Add(protoWlan, "wlan.fixed.timestamp", "Timestamp", field.Uint64)
	hfWlanFixedBeacon                       = Fields.Add(protoWlan, "wlan.fixed.beacon", "Beacon Interval", field.Uint32)
	hfWlanFixedReasonCode                   = Fields.Add(protoWlan, "wlan.fixed.reason_code", "Reason code", field.Uint16, field.WithBase(field.Hex), field.WithStrings(wlanFixedReasonCodeVals))
	hfWlanFixedAuthAlg                      = Fields.Add(protoWlan, "wlan.fixed.auth.alg", "Authentication Algorithm", field.Uint16, field.WithStrings(wlanFixedAuthAlgVals))
	hfWlanFixedAuthSeq                      = Fields.Add(protoWlan, "wlan.fixed.auth_seq", "Authentication SEQ", field.Uint16, field.WithBase(field.Hex))
	hfWlanFixedCategoryCode                 = Fields.Add(protoWlan, "wlan.fixed.category_code", "Category code", field.Uint16, field.WithStrings(wlanFixedCategoryCodeVals))
	hfWlanFixedActionCode                   = Fields.Add(protoWlan, "wlan.fixed.action_code", "Action code", field.Uint8, field.WithStrings(wlanFixedActionCodeVals))
	hfWlanTag                               = Fields.Add(protoWlan, "wlan.tag", "Tag", field.None)
	hfWlanTagNumber                         = Fields.Add(protoWlan, "wlan.tag.number", "Tag Number", field.Uint8, field.WithStrings(wlanTagNumberVals))
	hfWlanTagLength                         = Fields.Add(protoWlan, "wlan.tag.length", "Tag length", field.Uint32)
	hfWlanSsid                              = Fields.Add(protoWlan, "wlan.ssid", "SSID", field.Bytes)
	hfWlanSupportedRates                    = Fields.Add(protoWlan, "wlan.supported_rates", "Supported Rates", field.Uint8, field.WithBase(field.Hex), field.WithStrings(wlanSupportedRatesVals))
	hfWlanExtendedSupportedRates            = Fields.Add(protoWlan, "wlan.extended_supported_rates", "Extended Supported Rates", field.Uint8, field.WithBase(field.Hex), field.WithStrings(wlanExtendedSupportedRatesVals))
	hfWlanDsCurrentChannel                  = Fields.Add(protoWlan, "wlan.ds.current_channel", "Current Channel", field.Uint8)
	hfWlanTimDtimCount                      = Fields.Add(protoWlan, "wlan.tim.dtim_count", "DTIM count", field.Uint8)
	hfWlanTimDtimPeriod                     = Fields.Add(protoWlan, "wlan.tim.dtim_period", "DTIM period", field.Uint8)
	hfWlanTimBmapctl                        = Fields.Add(protoWlan, "wlan.tim.bmapctl", "Bitmap control", field.Uint8, field.WithBase(field.Hex))
	hfWlanTimBmapctlMulticast               = Fields.Add(protoWlan, "wlan.tim.bmapctl.multicast", "Multicast", field.Bool, field.WithBase(8), field.WithMask(0x1))
	hfWlanTimBmapctlOffset                  = Fields.Add(protoWlan, "wlan.tim.bmapctl.offset", "Bitmap Offset", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xfe))
	hfWlanTimPartialVirtualBitmap           = Fields.Add(protoWlan, "wlan.tim.partial_virtual_bitmap", "Partial Virtual Bitmap", field.Bytes)
	hfWlanTimAid                            = Fields.Add(protoWlan, "wlan.tim.aid", "Association ID", field.Uint8, field.WithBase(field.Hex))
	hfWlanCountryInfoCode                   = Fields.Add(protoWlan, "wlan.country_info.code", "Code", field.String)
	hfWlanCountryInfoEnvironment            = Fields.Add(protoWlan, "wlan.country_info.environment", "Environment", field.Uint8, field.WithStrings(wlanCountryInfoEnvironmentVals))
	hfWlanCountryInfoFnm                    = Fields.Add(protoWlan, "wlan.country_info.fnm", "Country Info", field.None)
	hfWlanCountryInfoFnmFcn                 = Fields.Add(protoWlan, "wlan.country_info.fnm.fcn", "First Channel Number", field.Uint8)
	hfWlanCountryInfoFnmNc                  = Fields.Add(protoWlan, "wlan.country_info.fnm.nc", "Number of Channels", field.Uint8)
	hfWlanCountryInfoFnmMtpl                = Fields.Add(protoWlan, "wlan.country_info.fnm.mtpl", "Maximum Transmit Power Level", field.Int8)
	hfWlanErpInfo                           = Fields.Add(protoWlan, "wlan.erp_info", "ERP Information", field.Uint8, field.WithBase(field.Hex))
	hfWlanErpInfoErpPresent                 = Fields.Add(protoWlan, "wlan.erp_info.erp_present", "Non ERP Present", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Set", "Not set"))
	hfWlanErpInfoUseProtection              = Fields.Add(protoWlan, "wlan.erp_info.use_protection", "Use Protection", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("Set", "Not set"))
	hfWlanErpInfoBarkerPreambleMode         = Fields.Add(protoWlan, "wlan.erp_info.barker_preamble_mode", "Barker Preamble Mode", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithTrueFalse("Set", "Not set"))
	hfWlanErpInfoReserved                   = Fields.Add(protoWlan, "wlan.erp_info.reserved", "Reserved", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xf8))
	hfWlanRsnVersion                        = Fields.Add(protoWlan, "wlan.rsn.version", "RSN Version", field.Uint16)
	hfWlanRsnGcs                            = Fields.Add(protoWlan, "wlan.rsn.gcs", "Group Cipher Suite", field.Uint32)
	hfWlanRsnGcsOui                         = Fields.Add(protoWlan, "wlan.rsn.gcs.oui", "Group Cipher Suite OUI", field.Uint24)
	hfWlanRsnGcsType                        = Fields.Add(protoWlan, "wlan.rsn.gcs.type", "Group Cipher Suite type", field.Uint8, field.WithStrings(wlanRsnGcsTypeVals))
	hfWlanRsnPcsCount                       = Fields.Add(protoWlan, "wlan.rsn.pcs.count", "Pairwise Cipher Suite Count", field.Uint16)
	hfWlanRsnPcsList                        = Fields.Add(protoWlan, "wlan.rsn.pcs.list", "Pairwise Cipher Suite List", field.None)
	hfWlanRsnPcs                            = Fields.Add(protoWlan, "wlan.rsn.pcs", "Pairwise Cipher Suite", field.Uint32)
	hfWlanRsnPcsOui                         = Fields.Add(protoWlan, "wlan.rsn.pcs.oui", "Pairwise Cipher Suite OUI", field.Uint24)
	hfWlanRsnPcsType                        = Fields.Add(protoWlan, "wlan.rsn.pcs.type", "Pairwise Cipher Suite type", field.Uint8, field.WithStrings(wlanRsnPcsTypeVals))
	hfWlanRsnAkmsCount                      = Fields.Add(protoWlan, "wlan.rsn.akms.count", "Auth Key Management (AKM) Suite Count", field.Uint16)
	hfWlanRsnAkmsList                       = Fields.Add(protoWlan, "wlan.rsn.akms.list", "Auth Key Management (AKM) List", field.None)
	hfWlanRsnAkms                           = Fields.Add(protoWlan, "wlan.rsn.akms", "Auth Key Management (AKM) Suite", field.Uint32)
	hfWlanRsnAkmsOui                        = Fields.Add(protoWlan, "wlan.rsn.akms.oui", "Auth Key Management (AKM) OUI", field.Uint24)
	hfWlanRsnAkmsType                       = Fields.Add(protoWlan, "wlan.rsn.akms.type", "Auth Key Management (AKM) type", field.Uint8, field.WithStrings(wlanRsnAkmsTypeVals))
	hfWlanRsnCapabilities                   = Fields.Add(protoWlan, "wlan.rsn.capabilities", "RSN Capabilities", field.Uint16, field.WithBase(field.Hex))
	hfWlanRsnCapabilitiesPreauth            = Fields.Add(protoWlan, "wlan.rsn.capabilities.preauth", "RSN Pre-Auth capabilities", field.Bool, field.WithBase(16), field.WithMask(0x1), field.WithTrueFalse("Transmitter supports pre-authentication", "Transmitter does not support pre-authentication"))
	hfWlanRsnCapabilitiesNoPairwise         = Fields.Add(protoWlan, "wlan.rsn.capabilities.no_pairwise", "RSN No Pairwise capabilities", field.Bool, field.WithBase(16), field.WithMask(0x2), field.WithTrueFalse("Transmitter cannot support WEP default key 0 simultaneously with Pairwise key", "Transmitter can support WEP default key 0 simultaneously with Pairwise key"))
	hfWlanRsnCapabilitiesPtksaReplayCounter = Fields.Add(protoWlan, "wlan.rsn.capabilities.ptksa_replay_counter", "RSN PTKSA Replay Counter capabilities", field.Uint16, field.WithBase(field.Hex), field.WithMask(0xc), field.WithStrings(map[uint64]string{0: "1 replay counter per PTKSA/GTKSA/STAKeySA", 1: "2 replay counters per PTKSA/GTKSA/STAKeySA", 2: "4 replay counters per PTKSA/GTKSA/STAKeySA", 3: "16 replay counters per PTKSA/GTKSA/STAKeySA"}))
	hfWlanRsnCapabilitiesGtksaReplayCounter = Fields.Add(protoWlan, "wlan.rsn.capabilities.gtksa_replay_counter", "RSN GTKSA Replay Counter capabilities", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x30), field.WithStrings(map[uint64]string{0: "1 replay counter per PTKSA/GTKSA/STAKeySA", 1: "2 replay counters per PTKSA/GTKSA/STAKeySA", 2: "4 replay counters per PTKSA/GTKSA/STAKeySA", 3: "16 replay counters per PTKSA/GTKSA/STAKeySA"}))
	hfWlanRsnCapabilitiesMfpr               = Fields.Add(protoWlan, "wlan.rsn.capabilities.mfpr", "Management Frame Protection Required", field.Bool, field.WithBase(16), field.WithMask(0x40))
	hfWlanRsnCapabilitiesMfpc               = Fields.Add(protoWlan, "wlan.rsn.capabilities.mfpc", "Management Frame Protection Capable", field.Bool, field.WithBase(16), field.WithMask(0x80))
	hfWlanRsnCapabilitiesJmr                = Fields.Add(protoWlan, "wlan.rsn.capabilities.jmr", "Joint Multi-band RSNA", field.Bool, field.WithBase(16), field.WithMask(0x100))
	hfWlanRsnCapabilitiesPeerkey            = Fields.Add(protoWlan, "wlan.rsn.capabilities.peerkey", "PeerKey Enabled", field.Bool, field.WithBase(16), field.WithMask(0x200))
	hfWlanRsnCapabilitiesExtendedKeyIdIaf   = Fields.Add(protoWlan, "wlan.rsn.capabilities.extended_key_id_iaf", "Extended Key ID for Individually Addressed Frames", field.Bool, field.WithBase(16), field.WithMask(0x2000), field.WithTrueFalse("Supported", "Not supported"))
	hfWlanRsnPmkidCount                     = Fields.Add(protoWlan, "wlan.rsn.pmkid.count", "PMKID Count", field.Uint16)
	hfWlanRsnGmcs                           = Fields.Add(protoWlan, "wlan.rsn.gmcs", "Group Management Cipher Suite", field.Uint32)
	hfWlanRsnGmcsOui                        = Fields.Add(protoWlan, "wlan.rsn.gmcs.oui", "Group Management Cipher Suite OUI", field.Uint24)
	hfWlanRsnGmcsType                       = Fields.Add(protoWlan, "wlan.rsn.gmcs.type", "Group Management Cipher Suite type", field.Uint8, field.WithStrings(wlanRsnGmcsTypeVals))
	hfWlanTagOui                            = Fields.Add(protoWlan, "wlan.tag.oui", "OUI", field.Uint24)
	hfWlanTagVendorOuiType                  = Fields.Add(protoWlan, "wlan.tag.vendor.oui.type", "Vendor Specific OUI Type", field.Uint8)
	hfWlanTagVendorData                     = Fields.Add(protoWlan, "wlan.tag.vendor.data", "Vendor Specific Data", field.Bytes)
	hfWlanMeshId                            = Fields.Add(protoWlan, "wlan.mesh.id", "Mesh ID", field.String)
	hfWlanExtcap                            = Fields.Add(protoWlan, "wlan.extcap", "Extended Capabilities", field.Uint8, field.WithBase(field.Hex))
	hfWlanFixedBaparams                     = Fields.Add(protoWlan, "wlan.fixed.baparams", "Block Ack Parameters", field.Uint16, field.WithBase(field.Hex))
	hfWlanBaControl                         = Fields.Add(protoWlan, "wlan.ba.control", "Block Ack Control", field.Uint16, field.WithBase(field.Hex))
	hfWlanBaBm                              = Fields.Add(protoWlan, "wlan.ba.bm", "Block Ack Bitmap", field.Bytes)
	hfWlanFixedSsc                          = Fields.Add(protoWlan, "wlan.fixed.ssc", "Block Ack Starting Sequence Control (SSC)", field.Uint16, field.WithBase(field.Hex))
)

var wlanFcTypeSubtypeVals = map[uint64]string{
	0:   "Association Request",
	1:   "Association Response",
	2:   "Reassociation Request",
	3:   "Reassociation Response",
	4:   "Probe Request",
	5:   "Probe Response",
	6:   "Measurement Pilot",
	8:   "Beacon frame",
	9:   "ATIM",
	10:  "Disassociate",
	11:  "Authentication",
	12:  "Deauthentication",
	13:  "Action",
	14:  "Action No Ack",
	15:  "Aruba Management",
	18:  "Trigger",
	20:  "Beamforming Report Poll",
	21:  "VHT/HE NDP Announcement",
	23:  "Control Wrapper",
	24:  "802.11 Block Ack Req",
	25:  "802.11 Block Ack",
	26:  "Power-Save poll",
	27:  "Request-to-send",
	28:  "Clear-to-send",
	29:  "Acknowledgement",
	30:  "CF-End (Control-frame)",
	31:  "CF-End + CF-Ack (Control-frame)",
	32:  "Data",
	33:  "Data + CF-Ack",
	34:  "Data + CF-Poll",
	35:  "Data + CF-Ack + CF-Poll",
	36:  "Null function (No data)",
	37:  "Acknowledgement (No data)",
	38:  "CF-Poll (No data)",
	39:  "CF-Ack/Poll (No data)",
	40:  "QoS Data",
	41:  "QoS Data + CF-Acknowledgment",
	42:  "QoS Data + CF-Poll",
	43:  "QoS Data + CF-Ack + CF-Poll",
	44:  "QoS Null function (No data)",
	46:  "QoS CF-Poll (No Data)",
	47:  "QoS CF-Ack + CF-Poll (No data)",
	48:  "DMG Beacon",
	49:  "S1G Beacon",
	354: "Poll",
	355: "Service Period Request",
	356: "Grant",
	357: "DMG Clear-to-send",
	358: "DMG Denial-to-send",
	359: "Grant Acknowledgment",
	360: "Sector Sweep",
	361: "Sector Sweep Feedback",
	362: "Sector Sweep Acknowledgment",
}

var wlanFcSubtypeVals = map[uint64]string{
	0: "Action",
	1: "Action No Ack",
	2: "PV1 Probe Response",
	3: "Resource Allocation",
	4: "Reserved",
	5: "Reserved",
	6: "Reserved",
	7: "Reserved",
}

var wlanQosPriorityVals = map[uint64]string{
	0: "Best Effort (Best Effort)",
	1: "Background (Background)",
	2: "Spare (Background)",
	3: "Excellent Effort (Best Effort)",
	4: "Controlled Load (Video)",
	5: "Video (Video)",
	6: "Voice (Voice)",
	7: "Network Control (Voice)",
}

var wlanFixedStatusCodeVals = map[uint64]string{
	0:   "Successful",
	1:   "Unspecified failure",
	2:   "TDLS wakeup schedule rejected but alternative schedule provided",
	3:   "TDLS wakeup schedule rejected",
	4:   "Reserved",
	5:   "Security disabled",
	6:   "Unacceptable lifetime",
	7:   "Not in same BSS",
	8:   "Reserved",
	9:   "Reserved",
	10:  "Cannot support all requested capabilities in the Capability Information field",
	11:  "Reassociation denied due to inability to confirm that association exists",
	12:  "Association denied due to reason outside the scope of this standard",
	13:  "Responding STA does not support the specified authentication algorithm",
	14:  "Received an Authentication frame with authentication transaction sequence number out of expected sequence",
	15:  "Authentication rejected because of challenge failure",
	16:  "Authentication rejected due to timeout waiting for next frame in sequence",
	17:  "Association denied because AP is unable to handle additional associated STAs",
	18:  "Association denied due to requesting STA not supporting all of the data rates in the BSSBasicRateSet parameter, the Basic HT-MCS Set field of the HT Operation parameter, or the Basic VHT-MCS and NSS Set field in the VHT Operation parameter",
	19:  "Association denied due to requesting STA not supporting the short preamble option",
	20:  "Reserved",
	21:  "Reserved",
	22:  "Association request rejected because spectrum management capability is required",
	23:  "Association request rejected because the information in the Power Capability element is unacceptable",
	24:  "Association request rejected because the information in the Supported Channels element is unacceptable",
	25:  "Association denied due to requesting STA not supporting short slot time",
	26:  "Reserved",
	27:  "Association denied because the requesting STA does not support HT features",
	28:  "R0KH unreachable",
	29:  "Reserved",
	30:  "Association request rejected temporarily; try again later",
	31:  "Robust management frame policy violation",
	32:  "Unspecified, QoS-related failure",
	33:  "Association denied because QoS AP or PCP has insufficient bandwidth to handle another QoS STA",
	34:  "Association denied due to excessive frame loss rates and/ or poor conditions on current operating channel",
	35:  "Association (with QoS BSS) denied because the requesting STA does not support the QoS facility",
	36:  "Reserved",
	37:  "The request has been declined",
	38:  "The request has not been successful as one or more parameters have invalid values",
	39:  "The allocation or TS has not been created because the request cannot be honored; however, a suggested TSPEC/DMG TSPEC is provided so that the initiating STA can attempt to set another allocation or TS with the suggested changes to the TSPEC/DMG TSPEC",
	40:  "Invalid element, i.e., an element defined in this standard for which the content does not meet the specifications in Clause 9 (Frame formats)",
	41:  "Invalid group cipher",
	42:  "Invalid pairwise cipher",
	43:  "Invalid AKMP",
	44:  "Unsupported RSNE version",
	45:  "Invalid RSNE capabilities",
	46:  "Cipher suite rejected because of security policy",
	47:  "The TS or allocation has not been created; however, the HC or PCP might be capable of creating a TS or allocation, in response to a request, after the time indicated in the TS Delay element",
	48:  "Reserved",
	49:  "The Destination STA is not present within this BSS",
	50:  "The Destination STA is not a QoS STA",
	51:  "Association denied because the listen interval is too large",
	52:  "Invalid FT Action frame count",
	53:  "Invalid pairwise master key identifier (PMKID)",
	54:  "Invalid MDE",
	55:  "Invalid FTE",
	56:  "Requested TCLAS processing is not supported by the AP or PCP",
	57:  "The AP or PCP has insufficient TCLAS processing resources to satisfy the request",
	58:  "The TS has not been created because the request cannot be honored; however, the HC or PCP suggests that the STA transition to a different BSS to set up the TS",
	59:  "GAS advertisement protocol not supported",
	60:  "No outstanding GAS request",
	61:  "GAS response not received from the advertisement server",
	62:  "STA timed out waiting for GAS query response",
	63:  "GAS response is larger than query response length limit",
	64:  "Request refused because home network does not support request",
	65:  "Advertisement server in the network is not currently reachable",
	66:  "Reserved",
	67:  "Request refused due to permissions received via SSPN interface",
	68:  "Request refused because the AP or PCP does not support unauthenticated access",
	69:  "Reserved",
	70:  "Reserved",
	71:  "Reserved",
	72:  "Invalid contents of RSNE, other than unsupported RSNE version or invalid RSNE capabilities, AKMP or pairwise cipher",
	73:  "U-APSD coexistence is not supported",
	74:  "Requested U-APSD coexistence mode is not supported",
	75:  "Requested interval/duration value cannot be supported with U-APSD coexistence",
	76:  "Authentication is rejected because an anti-clogging token is required",
	77:  "Authentication is rejected because the offered finite cyclic group is not supported",
	78:  "The TBTT adjustment request has not been successful because the STA could not find an alternative TBTT",
	79:  "Transmission failure",
	80:  "Requested TCLAS not supported",
	81:  "TCLAS resources exhausted",
	82:  "Rejected with suggested BSS transition",
	83:  "Reject with recommended schedule",
	84:  "Reject because no wakeup schedule specified",
	85:  "Success, the destination STA is in power save mode",
	86:  "FST pending, in process of admitting FST session",
	87:  "Performing FST now",
	88:  "FST pending, gap(s) in block ack window",
	89:  "Reject because of U-PID setting",
	90:  "Reserved",
	91:  "Reserved",
	92:  "(Re)Association refused for some external reason",
	93:  "(Re)Association refused because of memory limits at the AP",
	94:  "(Re)Association refused because emergency services are not supported at the AP",
	95:  "GAS query response not yet received",
	96:  "Reject since the request is for transition to a frequency band subject to DSE procedures and FST Initiator is a dependent STA",
	97:  "Requested TCLAS processing has been terminated by the AP",
	98:  "The TS schedule conflicts with an existing schedule; an alternative schedule is provided",
	99:  "The association has been denied; however, one or more Multi-band elements are included that can be used by the receiving STA to join the BSS",
	100: "The request failed due to a reservation conflict",
	101: "The request failed due to exceeded MAF limit",
	102: "The request failed due to exceeded MCCA track limit",
	103: "Association denied because the information in the Spectrum Management field is unacceptable",
	104: "Association denied because the requesting STA does not support VHT features",
	105: "Enablement denied",
	106: "Enablement denied due to restriction from an authorized GDB",
	107: "Authorization deenabled",
	108: "Re(association) refused or disassociated because energy limited operation is not supported at the AP",
	109: "BlockAck negotiation refused because, due to buffer constraints and other unspecified reasons, the recipient prefers to generate only NDP BlockAck frames",
	110: "Association denied/disassociated because the suggested value for max away duration is unacceptable",
	111: "Re(association) refused or disassociated because flow control operation is not supported by the non-AP STA",
	112: "Authentication rejected due to FILS authentication failure",
	113: "Authentication rejected due to unknown Authentication Server",
	114: "Reserved",
	115: "Reserved",
	116: "Request denied because the allocation of notification period is failed",
	117: "Request denied because the request of channel splitting is failed",
	118: "Request denied because the allocation request is failed",
	119: "Association denied because the requesting STA does not support CMMG features",
	120: "The requested GAS fragment is not available",
	121: "Success, the CAG Version provided by the requesting STA is the same as the latest CAG Version provided by the relevant server",
	122: "The STA is not authorized to use GLK per local policy",
	123: "Authentication rejected because the password identifier is unknown",
	124: "Requested TCLAS processing has been terminated by the AP due to insufficient QoS capacity",
	125: "Requested TCLAS processing has been terminated by the AP due to conflict with higher layer QoS policies",
	126: "SAE authentication uses direct hashing, instead of looping, to obtain the PWE",
	127: "Reserved",
}

var wlanFixedReasonCodeVals = map[uint64]string{
	1:  "Unspecified reason",
	2:  "Previous authentication no longer valid",
	3:  "Deauthenticated because sending STA is leaving (or has left) the BSS",
	4:  "Disassociated due to inactivity",
	5:  "Disassociated because AP is unable to handle all currently associated STAs",
	6:  "Class 2 frame received from nonauthenticated STA",
	7:  "Class 3 frame received from nonassociated STA",
	8:  "Disassociated because sending STA is leaving (or has left) BSS",
	9:  "STA requesting (re)association is not authenticated with responding STA",
	10: "Disassociated because the information in the Power Capability element is unacceptable",
	11: "Disassociated because the information in the Supported Channels element is unacceptable",
	12: "Disassociated due to BSS transition management",
	13: "Invalid information element, i.e., an information element defined in this standard for which the content does not meet the specifications in Clause 9",
	14: "Message integrity code (MIC) failure",
	15: "4-way handshake timeout",
	16: "Group key handshake timeout",
	17: "Element in 4-way handshake different from (Re)Association Request/Probe Response/Beacon frame",
	18: "Invalid group cipher",
	19: "Invalid pairwise cipher",
	20: "Invalid AKMP",
	21: "Unsupported RSNE version",
	22: "Invalid RSNE capabilities",
	23: "IEEE 802.1X authentication failed",
	24: "Cipher suite rejected because of the security policy",
	25: "TDLS direct-link teardown due to TDLS peer STA unreachable via the TDLS direct link",
	26: "TDLS direct-link teardown for unspecified reason",
	27: "Disassociated because session terminated by SSP request",
	28: "Disassociated because of lack of SSP roaming agreement",
	29: "Requested service rejected because of SSP cipher suite or AKM requirement ",
	30: "Requested service not authorized in this location",
	31: "TS deleted because QoS AP lacks sufficient bandwidth for this QoS STA due to a change in BSS service characteristics or operational mode",
	32: "Disassociated for unspecified, QoS-related reason",
	33: "Disassociated because QoS AP lacks sufficient bandwidth for this QoS STA",
	34: "Disassociated because excessive number of frames need to be acknowledged, but are not acknowledged due to AP transmissions and/or poor channel conditions",
	35: "Disassociated because STA is transmitting outside the limits of its TXOPs",
	36: "Requested from peer STA as the STA is leaving the BSS (or resetting)",
	37: "Requesting STA is no longer using the stream or session",
	38: "Requesting STA received frames using a mechanism for which a setup has not been completed",
	39: "Requested from peer STA due to timeout",
	46: "Disassociated because authorized access limit reached",
	47: "Disassociated due to external service requirements",
	48: "Invalid FT Action frame count",
	49: "Invalid pairwise master key identifier (PMKID)",
	50: "Invalid MDE",
	51: "Invalid FTE",
	52: "Mesh peering canceled for unknown reasons",
	53: "The mesh STA has reached the supported maximum number of peer mesh STAs",
	54: "The received information violates the Mesh Configuration policy configured in the mesh STA profile",
	55: "The mesh STA has received a Mesh Peering Close message requesting to close the mesh peering",
	56: "The mesh STA has re-sent dot11MeshMaxRetries Mesh Peering Open messages, without receiving a Mesh Peering Confirm message",
	57: "The confirmTimer for the mesh peering instance times out",
	58: "The mesh STA fails to unwrap the GTK or the values in the wrapped contents do not match",
	59: "The mesh STA receives inconsistent information about the mesh parameters between Mesh Peering Management frames",
	60: "The mesh STA fails the authenticated mesh peering exchange because due to failure in selecting either the pairwise ciphersuite or group ciphersuite",
	61: "The mesh STA does not have proxy information for this external destination",
	62: "The mesh STA does not have forwarding information for this destination",
	63: "The mesh STA determines that the link to the next hop of an active path in its forwarding information is no longer usable",
	64: "The Deauthentication frame was sent because the MAC address of the STA already exists in the mesh BSS. See 11.3.3 (Additional mechanisms for an AP collocated with a mesh STA)",
	65: "The mesh STA performs channel switch to meet regulatory requirements",
	66: "The mesh STA performs channel switch with unspecified reason",
	67: "Transmission link establishment in alternative channel failed",
	68: "The alternative channel is occupied",
	71: "Disassociated due to poor RSSI",
}

var wlanFixedAuthAlgVals = map[uint64]string{
	0:   "Open System",
	1:   "Shared key",
	2:   "Fast BSS Transition",
	3:   "Simultaneous Authentication of Equals (SAE)",
	4:   "FILS Shared Key authentication without PFS",
	5:   "FILS Shared Key authentication with PFS",
	6:   "FILS Public Key authentication",
	7:   "Pre-Association Security Negotiation (PASN)",
	128: "Network EAP",
}

var wlanFixedCategoryCodeVals = map[uint64]string{
	0:   "Spectrum Management (SM)",
	1:   "Quality of Service (QoS)",
	2:   "Direct-Link Setup (DLS)",
	3:   "Block Ack",
	4:   "Public Action",
	5:   "Radio Measurement",
	6:   "Fast BSS Transition",
	7:   "High Throughput",
	8:   "SA Query",
	9:   "Protected Dual of Public Action",
	10:  "WNM",
	11:  "Unprotected WNM",
	12:  "TDLS",
	13:  "MESH",
	14:  "Multihop",
	15:  "Self-protected",
	16:  "DMG",
	17:  "Management Notification",
	18:  "Fast Session Transfer",
	19:  "Robust AV Streaming",
	20:  "Unprotected DMG",
	21:  "VHT",
	22:  "S1G",
	23:  "S1G Relay",
	24:  "Flow Control",
	25:  "Control Response MCS Negotiation",
	26:  "FILS",
	30:  "HE",
	31:  "Protected HE",
	34:  "Protected FTM",
	126: "Vendor-specific Protected",
	127: "Vendor Specific",
	128: "Spectrum Management (SM) (error)",
	129: "Quality of Service (QoS (error))",
	130: "Direct-Link Setup (DLS) (error)",
	131: "Block Ack (error)",
	132: "Public Action (error)",
	133: "Radio Measurement (error)",
	134: "Fast BSS Transition (error)",
	135: "High Throughput (error)",
	136: "SA Query (error)",
	137: "Protected Dual of Public Action (error)",
	138: "WNM (error)",
	139: "Unprotected WNM (error)",
	140: "TDLS (error)",
	141: "Mesh (error)",
	142: "Multihop (error)",
	143: "Self-protected (error)",
	144: "DMG (error)",
	145: "Management Notification (error)",
	146: "Fast Session Transfer (error)",
	147: "Robust AV Streaming (error)",
	148: "Unprotected DMG (error)",
	149: "VHT (error)",
	158: "HE (error)",
	159: "Protected HE (error)",
	162: "Protected FTM (error)",
	254: "Vendor-specific Protected (error)",
	255: "Vendor Specific (error)",
}

var wlanFixedActionCodeVals = map[uint64]string{
	0:  "TDLS Setup Request",
	1:  "TDLS Setup Response",
	2:  "TDLS Setup Confirm",
	3:  "TDLS Teardown",
	4:  "TDLS Peer Traffic Indication",
	5:  "TDLS Channel Switch Request",
	6:  "TDLS Channel Switch Response",
	7:  "TDLS Peer PSM Request",
	8:  "TDLS Peer PSM Response",
	9:  "TDLS Peer Traffic Response",
	10: "TDLS Discovery Request",
	11: "Collocated Interference Request",
	12: "Collocated Interference Report",
	13: "TFS Request",
	14: "TFS Response",
	15: "TFS Notify",
	16: "WNM-Sleep Mode Request",
	17: "WNM-Sleep Mode Response",
	18: "TIM Broadcast Request",
	19: "TIM Broadcast Response",
	20: "QoS Traffic Capability Update",
	21: "Channel Usage Request",
	22: "Channel Usage Response",
	23: "DMS Request",
	24: "DMS Response",
	25: "Timing Measurement Request",
	26: "WNM-Notification Request",
	27: "WNM-Notification Response",
}

var wlanTagNumberVals = map[uint64]string{
	0:   "SSID parameter set",
	1:   "Supported Rates",
	2:   "FH Parameter set",
	3:   "DS Parameter set",
	4:   "CF Parameter set",
	5:   "Traffic Indication Map (TIM)",
	6:   "IBSS Parameter set",
	7:   "Country Information",
	8:   "Hopping Pattern Parameters",
	9:   "Hopping Pattern Table",
	10:  "Request",
	11:  "QBSS Load Element",
	12:  "EDCA Parameter Set",
	13:  "Traffic Specification",
	14:  "Traffic Classification",
	15:  "Schedule",
	16:  "Challenge text",
	32:  "Power Constraint",
	33:  "Power Capability",
	34:  "TPC Request",
	35:  "TPC Report",
	36:  "Supported Channels",
	37:  "Channel Switch Announcement",
	38:  "Measurement Request",
	39:  "Measurement Report",
	40:  "Quiet",
	41:  "IBSS DFS",
	42:  "ERP Information",
	43:  "TS Delay",
	44:  "TCLAS Processing",
	45:  "HT Capabilities (802.11n D1.10)",
	46:  "QoS Capability",
	47:  "ERP Information",
	48:  "RSN Information",
	50:  "Extended Supported Rates",
	51:  "AP Channel Report",
	52:  "Neighbor Report",
	53:  "RCPI",
	54:  "Mobility Domain",
	55:  "Fast BSS Transition",
	56:  "Timeout Interval",
	57:  "RIC Data",
	58:  "DSE Registered Location",
	59:  "Supported Operating Classes",
	60:  "Extended Channel Switch Announcement",
	61:  "HT Information (802.11n D1.10)",
	62:  "Secondary Channel Offset (802.11n D1.10)",
	63:  "BSS Average Access Delay",
	64:  "Antenna",
	65:  "RSNI",
	66:  "Measurement Pilot Transmission",
	67:  "BSS Available Admission Capacity",
	68:  "BSS AC Access Delay/WAPI Parameter Set",
	69:  "Time Advertisement",
	70:  "RM Enabled Capabilities",
	71:  "Multiple BSSID",
	72:  "20/40 BSS Coexistence",
	73:  "20/40 BSS Intolerant Channel Report",
	74:  "Overlapping BSS Scan Parameters",
	75:  "RIC Descriptor",
	76:  "Management MIC",
	78:  "Event Request",
	79:  "Event Report",
	80:  "Diagnostic Request",
	81:  "Diagnostic Report",
	82:  "Location Parameters",
	83:  "Non Transmitted BSSID Capability",
	84:  "SSID List",
	85:  "Multiple BSSID Index",
	86:  "FMS Descriptor",
	87:  "FMS Request",
	88:  "FMS Response",
	89:  "QoS Traffic Capability",
	90:  "BSS Max Idle Period",
	91:  "TFS Request",
	92:  "TFS Response",
	93:  "WNM-Sleep Mode",
	94:  "TIM Broadcast Request",
	95:  "TIM Broadcast Response",
	96:  "Collocated Interference Report",
	97:  "Channel Usage",
	98:  "Time Zone",
	99:  "DMS Request",
	100: "DMS Response",
	101: "Link Identifier",
	102: "Wakeup Schedule",
	104: "Channel Switch Timing",
	105: "PTI Control",
	106: "PU Buffer Status",
	107: "Interworking",
	108: "Advertisement Protocol",
	109: "Expedited Bandwidth Request",
	110: "QoS Map Set",
	111: "Roaming Consortium",
	112: "Emergency Alert Identifier",
	113: "Mesh Configuration",
	114: "Mesh ID",
	115: "Mesh Link Metric Report",
	116: "Congestion Notification",
	117: "Mesh Peering Management",
	118: "Mesh Channel Switch Parameters",
	119: "Mesh Awake Window",
	120: "Beacon Timing",
	121: "MCCAOP Setup Request",
	122: "MCCAOP SETUP Reply",
	123: "MCCAOP Advertisement",
	124: "MCCAOP Teardown",
	125: "Gate Announcement",
	126: "Root Announcement",
	127: "Extended Capabilities",
	128: "Agere Proprietary",
	130: "Path Request",
	131: "Path Reply",
	132: "Path Error",
	133: "Cisco CCX1 CKIP + Device Name",
	136: "Cisco CCX2",
	137: "Proxy Update",
	138: "Proxy Update Confirmation",
	139: "Authenticated Mesh Peering Exchange",
	140: "MIC (Message Integrity Code)",
	141: "Destination URI",
	142: "U-APSD Coexistence",
	143: "Wakeup Schedule 802.11ad",
	144: "Extended Schedule",
	145: "STA Availability",
	146: "DMG TSPEC",
	147: "Next DMG ATI",
	148: "DMG Capabilities",
	149: "Cisco Unknown 95",
	150: "Vendor Specific",
	151: "DMG Operating",
	152: "DMG BSS Parameter Change",
	153: "DMG Beam Refinement",
	154: "Channel Measurement Feedback",
	157: "Awake Window",
	158: "Multi Band",
	159: "ADDBA Extension",
	160: "NEXTPCP List",
	161: "PCP Handover",
	162: "DMG Link Margin",
	163: "Switching Stream",
	164: "Session Transmission",
	165: "Dynamic Tone Pairing Report",
	166: "Cluster Report",
	167: "Relay Capabilities",
	168: "Relay Transfer Parameter",
	169: "Beamlink Maintenance",
	170: "Multiple MAC Sublayers",
	171: "U-PID",
	172: "DMG Link Adaption Acknowledgment",
	173: "Symbol Proprietary",
	174: "MCCAOP Advertisement Overview",
	175: "Quiet Period Request",
	177: "Quiet Period Response",
	182: "ECAPC Policy",
	183: "Cluster Time Offset",
	184: "Intra-Access Category Priority",
	185: "SCS Descriptor",
	190: "Antenna Sector ID",
	191: "VHT Capabilities",
	192: "VHT Operation",
	193: "Extended BSS Load",
	194: "Wide Bandwidth Channel Switch",
	195: "Tx Power Envelope",
	196: "Channel Switch Wrapper",
	199: "Operating Mode Notification",
	201: "Reduced Neighbor Report",
	206: "Fine Time Measurement Params",
	207: "S1G Open-Loop Link Margin Index",
	208: "RPS",
	209: "Page Slice",
	210: "AID Request",
	211: "AID Response",
	212: "Sector Operation",
	213: "S1G Beacon Compatibility",
	214: "Short Beacon Interval",
	215: "Change Sequence",
	216: "Target Wake Time",
	217: "S1G Capabilities",
	220: "Subchannel Selective Transmission",
	221: "Vendor Specific",
	222: "Authentication Control",
	223: "TSF Timer Accuracy",
	224: "S1G Relay",
	225: "Reachable Address",
	226: "S1G Relay Discovery",
	228: "AID Announcement",
	229: "PV1 Probe Response Option",
	230: "EL Operation",
	231: "Sectorized Group ID List",
	232: "S1G Operation",
	233: "Header Compression",
	234: "SST Operation",
	235: "MAD",
	236: "S1G Relay Activation",
	237: "CAG Number",
	239: "AP-CSN",
	240: "FILS Indication",
	241: "Differential Initial Link Setup",
	242: "Fragment",
	244: "RSN eXtension",
	255: "Element ID Extension",
}

var wlanSupportedRatesVals = map[uint64]string{
	2:   "1",
	3:   "1.5",
	4:   "2",
	5:   "2.5",
	6:   "3",
	9:   "4.5",
	11:  "5.5",
	12:  "6",
	18:  "9",
	22:  "11",
	24:  "12",
	27:  "13.5",
	36:  "18",
	44:  "22",
	48:  "24",
	54:  "27",
	66:  "33",
	72:  "36",
	96:  "48",
	108: "54",
	130: "1(B)",
	131: "1.5(B)",
	132: "2(B)",
	133: "2.5(B)",
	134: "3(B)",
	137: "4.5(B)",
	139: "5.5(B)",
	140: "6(B)",
	146: "9(B)",
	150: "11(B)",
	152: "12(B)",
	155: "13.5(B)",
	164: "18(B)",
	172: "22(B)",
	176: "24(B)",
	182: "27(B)",
	194: "33(B)",
	200: "36(B)",
	224: "48(B)",
	236: "54(B)",
	251: "SAE Hash to Element Only",
	252: "EPD",
	253: "GLK",
	254: "VHT PHY",
	255: "HT PHY",
}

var wlanExtendedSupportedRatesVals = map[uint64]string{
	2:   "1",
	3:   "1.5",
	4:   "2",
	5:   "2.5",
	6:   "3",
	9:   "4.5",
	11:  "5.5",
	12:  "6",
	18:  "9",
	22:  "11",
	24:  "12",
	27:  "13.5",
	36:  "18",
	44:  "22",
	48:  "24",
	54:  "27",
	66:  "33",
	72:  "36",
	96:  "48",
	108: "54",
	130: "1(B)",
	131: "1.5(B)",
	132: "2(B)",
	133: "2.5(B)",
	134: "3(B)",
	137: "4.5(B)",
	139: "5.5(B)",
	140: "6(B)",
	146: "9(B)",
	150: "11(B)",
	152: "12(B)",
	155: "13.5(B)",
	164: "18(B)",
	172: "22(B)",
	176: "24(B)",
	182: "27(B)",
	194: "33(B)",
	200: "36(B)",
	224: "48(B)",
	236: "54(B)",
	251: "SAE Hash to Element Only",
	252: "EPD",
	253: "GLK",
	254: "VHT PHY",
	255: "HT PHY",
}

var wlanCountryInfoEnvironmentVals = map[uint64]string{
	1:  "Operating classes in the United States",
	2:  "Operating classes in Europe",
	3:  "Operating classes in Japan",
	4:  "Global operating classes",
	5:  "S1G operating classes",
	6:  "Operating classes in China",
	32: "All",
	73: "Indoor",
	79: "Outdoor",
	88: "Non Country Entity",
}

var wlanRsnGcsTypeVals = map[uint64]string{
	0:  "NONE",
	1:  "WEP (40-bit)",
	2:  "TKIP",
	3:  "AES (OCB)",
	4:  "AES (CCM)",
	5:  "WEP (104-bit)",
	6:  "BIP (128)",
	7:  "Group addressed traffic not allowed",
	8:  "GCMP (128)",
	9:  "GCMP (256)",
	10: "CCMP (256)",
	11: "BIP (GMAC-128)",
	12: "BIP (GMAC-256)",
	13: "BIP (CMAC-256)",
}

var wlanRsnPcsTypeVals = map[uint64]string{
	0:  "NONE",
	1:  "WEP (40-bit)",
	2:  "TKIP",
	3:  "AES (OCB)",
	4:  "AES (CCM)",
	5:  "WEP (104-bit)",
	6:  "BIP (128)",
	7:  "Group addressed traffic not allowed",
	8:  "GCMP (128)",
	9:  "GCMP (256)",
	10: "CCMP (256)",
	11: "BIP (GMAC-128)",
	12: "BIP (GMAC-256)",
	13: "BIP (CMAC-256)",
}

var wlanRsnAkmsTypeVals = map[uint64]string{
	0:  "NONE",
	1:  "WPA",
	2:  "PSK",
	3:  "FT over IEEE 802.1X",
	4:  "FT using PSK",
	5:  "WPA (SHA256)",
	6:  "PSK (SHA256)",
	7:  "TDLS / TPK Handshake (SHA256)",
	8:  "SAE (SHA256)",
	9:  "FT using SAE (SHA256)",
	10: "APPeerKey (SHA256)",
	11: "WPA (SHA256-SuiteB)",
	12: "WPA (SHA384-SuiteB)",
	13: "FT over IEEE 802.1X (SHA384)",
	14: "FILS (SHA256 and AES-SIV-256)",
	15: "FILS (SHA384 and AES-SIV-512)",
	16: "FT over FILS (SHA256 and AES-SIV-256)",
	17: "FT over FILS (SHA384 and AES-SIV-512)",
	18: "Opportunistic Wireless Encryption",
	19: "FT using PSK (SHA384)",
	20: "PSK (SHA384)",
	21: "PASN",
}

var wlanRsnGmcsTypeVals = map[uint64]string{
	0:  "NONE",
	1:  "WEP (40-bit)",
	2:  "TKIP",
	3:  "AES (OCB)",
	4:  "AES (CCM)",
	5:  "WEP (104-bit)",
	6:  "BIP (128)",
	7:  "Group addressed traffic not allowed",
	8:  "GCMP (128)",
	9:  "GCMP (256)",
	10: "CCMP (256)",
	11: "BIP (GMAC-128)",
	12: "BIP (GMAC-256)",
	13: "BIP (CMAC-256)",
}
