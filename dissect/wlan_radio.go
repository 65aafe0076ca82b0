package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// 802.11 radio information (Wireshark's packet-ieee80211-radio.c): what a radio header (radiotap,
// PPI) says about the PHY, shown in one PHY-independent form, with the frame's air time computed
// from its length and rate.

var (
	protoWlanRadio        = Fields.Protocol("wlan_radio", "802.11 radio information")
	hfWRPhy               = Fields.Add(protoWlanRadio, "wlan_radio.phy", "PHY type", field.Uint32, field.WithStrings(wlanRadioPhyVals))
	hfWR11aTurboType      = Fields.Add(protoWlanRadio, "wlan_radio.11a.turbo_type", "Turbo type", field.Uint32, field.WithStrings(map[uint64]string{0: "Non-turbo", 1: "Turbo", 2: "Dynamic turbo", 3: "Static turbo"}))
	hfWR11nMcsIndex       = Fields.Add(protoWlanRadio, "wlan_radio.11n.mcs_index", "MCS index", field.Uint32, field.WithBlurb("Modulation and Coding Scheme index"))
	hfWR11nBandwidth      = Fields.Add(protoWlanRadio, "wlan_radio.11n.bandwidth", "Bandwidth", field.Uint32, field.WithStrings(wlanRadioBandwidthVals))
	hfWR11nShortGI        = Fields.Add(protoWlanRadio, "wlan_radio.11n.short_gi", "Short GI", field.Bool)
	hfWR11nGreenfield     = Fields.Add(protoWlanRadio, "wlan_radio.11n.greenfield", "Greenfield", field.Bool)
	hfWR11nFEC            = Fields.Add(protoWlanRadio, "wlan_radio.11n.fec", "FEC", field.Uint32, field.WithStrings(map[uint64]string{0: "BEC", 1: "LDPC"}))
	hfWR11nSTBCStreams    = Fields.Add(protoWlanRadio, "wlan_radio.11n.stbc_streams", "Number of STBC streams", field.Uint32)
	hfWR11nNESS           = Fields.Add(protoWlanRadio, "wlan_radio.11n.ness", "Number of extension spatial streams", field.Uint32)
	hfWRDataRate          = Fields.Add(protoWlanRadio, "wlan_radio.data_rate", "Data rate", field.Float, field.WithBlurb("Speed at which this frame was sent/received"))
	hfWRChannel           = Fields.Add(protoWlanRadio, "wlan_radio.channel", "Channel", field.Uint32)
	hfWRFrequency         = Fields.Add(protoWlanRadio, "wlan_radio.frequency", "Frequency", field.Uint16)
	hfWRShortPreamble     = Fields.Add(protoWlanRadio, "wlan_radio.short_preamble", "Short preamble", field.Bool)
	hfWRSignalDB          = Fields.Add(protoWlanRadio, "wlan_radio.signal_db", "Signal strength (dB)", field.Uint8)
	hfWRSignalDBm         = Fields.Add(protoWlanRadio, "wlan_radio.signal_dbm", "Signal strength (dBm)", field.Int8)
	hfWRNoiseDB           = Fields.Add(protoWlanRadio, "wlan_radio.noise_db", "Noise level (dB)", field.Uint8)
	hfWRNoiseDBm          = Fields.Add(protoWlanRadio, "wlan_radio.noise_dbm", "Noise level (dBm)", field.Int8)
	hfWRSNR               = Fields.Add(protoWlanRadio, "wlan_radio.snr", "Signal/noise ratio (dB)", field.Int32)
	hfWRTimestamp         = Fields.Add(protoWlanRadio, "wlan_radio.timestamp", "TSF timestamp", field.Uint64)
	hfWRDuration          = Fields.Add(protoWlanRadio, "wlan_radio.duration", "Duration", field.Uint32)
	hfWRPreamble          = Fields.Add(protoWlanRadio, "wlan_radio.preamble", "Preamble", field.Uint32)
	hfWRStartTSF          = Fields.Add(protoWlanRadio, "wlan_radio.start_tsf", "Start", field.Uint64)
	hfWREndTSF            = Fields.Add(protoWlanRadio, "wlan_radio.end_tsf", "End", field.Uint64)
	eiWRAssumedShortPre   = RegisterExpert(protoWlanRadio, "wlan_radio.assumed.short_preamble", "No preamble length information was available, assuming short preamble.", GroupAssumption, SevWarn)
	eiWRAssumedNonGF      = RegisterExpert(protoWlanRadio, "wlan_radio.assumed.non_greenfield", "No plcp type information was available, assuming non greenfield.", GroupAssumption, SevWarn)
	eiWRAssumedNoSTBC     = RegisterExpert(protoWlanRadio, "wlan_radio.assumed.no_stbc", "No stbc information was available, assuming no stbc.", GroupAssumption, SevWarn)
	eiWRAssumedNoExtStrms = RegisterExpert(protoWlanRadio, "wlan_radio.assumed.no_extension_streams", "No extension stream information was available, assuming no extension streams.", GroupAssumption, SevWarn)
	eiWRAssumedBCCFEC     = RegisterExpert(protoWlanRadio, "wlan_radio.assumed.bcc_fec", "No fec type information was available, assuming bcc fec.", GroupAssumption, SevWarn)
)

var wlanRadioPhyVals = map[uint64]string{1: "802.11 FHSS", 2: "802.11 IR", 3: "802.11 DSSS", 4: "802.11b (HR/DSSS)",
	5: "802.11a (OFDM)", 6: "802.11g (ERP)", 7: "802.11n (HT)", 8: "802.11ac (VHT)", 9: "802.11ad (DMG)",
	10: "802.11ah (S1G)", 11: "802.11ax (HE)"}

var wlanRadioBandwidthVals = map[uint64]string{0: "20 MHz", 1: "40 MHz", 2: "20 MHz + 20 MHz lower",
	3: "20 MHz + 20 MHz upper", 4: "80 MHz", 5: "40 MHz + 40 MHz lower", 6: "40 MHz + 40 MHz upper", 11: "160 MHz"}

// PHY types of the 802.11 pseudo-header (Wireshark's PHDR_802_11_PHY_*).
const (
	phyUnknown = 0
	phyFHSS    = 1
	phyDSSS    = 3
	phy11b     = 4
	phy11a     = 5
	phy11g     = 6
	phy11n     = 7
	phy11ac    = 8
	phy11ax    = 11
)

// wlanPhdr is what a radio header tells the 802.11 dissectors (Wireshark's struct
// ieee_802_11_phdr): each value with whether it is known.
type wlanPhdr struct {
	phy                   uint32
	fcsLen                int // -1 unknown, 0 none, 4 at the end of the frame
	datapad               bool
	hasRate               bool
	rate                  uint32 // 500 kb/s units
	hasMbps               bool
	mbps                  float64 // from an MCS when rate is not given
	hasFreq, hasChan      bool
	freq, channel         uint32
	hasShortPre           bool
	shortPre              bool
	hasSigDBm, hasNoiseDB bool
	hasNoiseDBm, hasSigDB bool
	sigDBm, noiseDBm      int8
	sigDB, noiseDB        uint8
	hasTSF                bool
	tsf                   uint64
	hasTurbo              bool
	turbo                 uint32
	// 802.11n
	hasMCS, hasBW, hasGI, hasGF, hasFEC, hasSTBC, hasNESS bool
	mcs, bw, stbc, ness, fec                              uint32
	shortGI, greenfield                                   bool
}

// wlanChannel returns the channel of a frequency in MHz (ieee80211_mhz_to_chan), or -1.
func wlanChannel(freq uint32) int {
	switch {
	case freq == 2484:
		return 14
	case freq >= 2412 && freq < 2484:
		return int(freq-2407) / 5
	case freq >= 4910 && freq <= 4980:
		return int(freq-4000) / 5
	case freq >= 5000 && freq < 5950:
		return int(freq-5000) / 5
	case freq >= 5950 && freq <= 7125:
		return int(freq-5950) / 5
	}
	return -1
}

// htRates are the data rates in Mb/s of HT MCS 0-7 for one spatial stream, by [40 MHz][short GI].
var htRates = [2][2][8]float64{
	{{6.5, 13, 19.5, 26, 39, 52, 58.5, 65}, {7.2, 14.4, 21.7, 28.9, 43.3, 57.8, 65, 72.2}},
	{{13.5, 27, 40.5, 54, 81, 108, 121.5, 135}, {15, 30, 45, 60, 90, 120, 135, 150}},
}

// htRate returns the data rate of an HT MCS (0-31) at a bandwidth (0 = 20, 1 = 40 MHz), or false.
func htRate(mcs, bw uint32, shortGI bool) (float64, bool) {
	if mcs > 31 || bw > 1 {
		return 0, false
	}
	gi := 0
	if shortGI {
		gi = 1
	}
	return htRates[bw][gi][mcs%8] * float64(mcs/8+1), true
}

// dissectWlanRadio adds the 802.11 radio information of a frame whose 802.11 part, frame, follows.
func dissectWlanRadio(c *Ctx, frame Tvb, parent int32, ph *wlanPhdr) {
	p := c.AddProto(parent, protoWlanRadio, frame, 0, 0)
	gen := func(hf field.ID, v field.Value) int32 { return c.Add(p, hf, frame, 0, 0, v) }
	if ph.phy != phyUnknown {
		gen(hfWRPhy, field.Value{U: uint64(ph.phy)})
	}
	if ph.phy == phy11a && ph.hasTurbo {
		gen(hfWR11aTurboType, field.Value{U: uint64(ph.turbo)})
	}
	if ph.phy == phy11n {
		if ph.hasMCS {
			gen(hfWR11nMcsIndex, field.Value{U: uint64(ph.mcs)})
		}
		if ph.hasBW {
			gen(hfWR11nBandwidth, field.Value{U: uint64(ph.bw)})
		}
		if ph.hasGI {
			gen(hfWR11nShortGI, field.Value{U: b2u(ph.shortGI)})
		}
		if ph.hasGF {
			gen(hfWR11nGreenfield, field.Value{U: b2u(ph.greenfield)})
		}
		if ph.hasFEC {
			gen(hfWR11nFEC, field.Value{U: uint64(ph.fec)})
		}
		if ph.hasSTBC {
			gen(hfWR11nSTBCStreams, field.Value{U: uint64(ph.stbc)})
		}
		if ph.hasNESS {
			gen(hfWR11nNESS, field.Value{U: uint64(ph.ness)})
		}
	}
	if (ph.phy == phy11b || ph.phy == phy11g) && ph.hasShortPre {
		gen(hfWRShortPreamble, field.Value{U: b2u(ph.shortPre)})
	}
	var mbps float64
	switch {
	case ph.hasRate:
		mbps = float64(ph.rate) / 2
	case ph.hasMbps:
		mbps = ph.mbps
	}
	if ph.hasRate || ph.hasMbps {
		n := gen(hfWRDataRate, field.Value{F: mbps})
		c.Label(n, "Data rate: %.1f Mb/s", mbps)
	}
	if ph.hasChan {
		gen(hfWRChannel, field.Value{U: uint64(ph.channel)})
	}
	if ph.hasFreq {
		n := gen(hfWRFrequency, field.Value{U: uint64(ph.freq)})
		c.Label(n, "Frequency: %dMHz", ph.freq)
	}
	if ph.hasSigDB {
		n := gen(hfWRSignalDB, field.Value{U: uint64(ph.sigDB)})
		c.Label(n, "Signal strength (dB): %d dB", ph.sigDB)
	}
	if ph.hasSigDBm {
		n := gen(hfWRSignalDBm, field.Value{I: int64(ph.sigDBm)})
		c.Label(n, "Signal strength (dBm): %d dBm", ph.sigDBm)
	}
	if ph.hasNoiseDB {
		n := gen(hfWRNoiseDB, field.Value{U: uint64(ph.noiseDB)})
		c.Label(n, "Noise level (dB): %d dB", ph.noiseDB)
	}
	if ph.hasNoiseDBm {
		n := gen(hfWRNoiseDBm, field.Value{I: int64(ph.noiseDBm)})
		c.Label(n, "Noise level (dBm): %d dBm", ph.noiseDBm)
	}
	if ph.hasSigDBm && ph.hasNoiseDBm {
		snr := int64(ph.sigDBm) - int64(ph.noiseDBm)
		n := gen(hfWRSNR, field.Value{I: snr})
		c.Label(n, "Signal/noise ratio (dB): %d dB", snr)
	}
	if ph.hasTSF {
		gen(hfWRTimestamp, field.Value{U: ph.tsf})
	}
	// The air time, for the PHYs whose timing is simple: DSSS/CCK and OFDM without HT.
	length := frame.Len() + c.unreported(frame)
	var dur, pre uint32
	ok := false
	switch {
	case (ph.phy == phy11b || ph.phy == phyDSSS || ph.phy == phy11g && ph.hasRate && isCCKRate(ph.rate)) && ph.hasRate && ph.rate > 0:
		short := ph.shortPre
		pre = 192
		if !ph.hasShortPre {
			short = true
		}
		if short {
			pre = 96
		}
		dur = pre + uint32((uint64(length)*16+uint64(ph.rate)-1)/uint64(ph.rate))
		ok = true
	case (ph.phy == phy11a || ph.phy == phy11g) && ph.hasRate && ph.rate > 0:
		pre = 20
		bitsPerSym := uint64(ph.rate) * 2 // rate/2 Mb/s over 4 µs symbols
		syms := (16 + 8*uint64(length) + 6 + bitsPerSym - 1) / bitsPerSym
		dur = pre + uint32(syms*4)
		ok = true
	}
	if !ok {
		return
	}
	d := c.AddGenerated(p, hfWRDuration, frame, 0, 0, field.Value{U: uint64(dur)})
	c.Label(d, "Duration: %dµs", dur)
	if pre != 20 && !ph.hasShortPre {
		c.Expert(d, eiWRAssumedShortPre, frame, 0, 0, "")
	}
	n := c.AddGenerated(d, hfWRPreamble, frame, 0, 0, field.Value{U: uint64(pre)})
	c.Label(n, "Preamble: %dµs", pre)
	if ph.hasTSF {
		start := ph.tsf - uint64(dur)
		n = c.AddGenerated(d, hfWRStartTSF, frame, 0, 0, field.Value{U: start})
		c.Label(n, "Start: %sµs", strconv.FormatUint(start, 10))
		n = c.AddGenerated(d, hfWREndTSF, frame, 0, 0, field.Value{U: ph.tsf})
		c.Label(n, "End: %sµs", strconv.FormatUint(ph.tsf, 10))
	}
}

// isCCKRate reports whether a rate in 500 kb/s units is a DSSS/CCK one (1, 2, 5.5, 11 Mb/s).
func isCCKRate(r uint32) bool { return r == 2 || r == 4 || r == 11 || r == 22 }
