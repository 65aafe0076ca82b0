package dissect

import (
	"fmt"

	"github.com/tshark-tui/tshark-tui/field"
)

// The Stream Control Transmission Protocol (IP protocol 132, RFC 9260 and its extensions; Wireshark's
// packet-sctp.c) with tshark 4.0's default preferences: relative TSNs, TSN analysis (retransmissions,
// acknowledgements), reassembly of fragmented user messages, no association index and no checksum
// verification. DATA payloads go to the sub-dissector of their payload protocol identifier, then of
// the lower and the higher port, then to the heuristics, then to data. The chunk parameters and the
// error causes are in sctp_params.go.

var (
	protoSCTP                                     = Fields.Protocol("sctp", "Stream Control Transmission Protocol")
	hfSCTPSrcport                                 = Fields.Add(protoSCTP, "sctp.srcport", "Source port", field.Uint16)
	hfSCTPDstport                                 = Fields.Add(protoSCTP, "sctp.dstport", "Destination port", field.Uint16)
	hfSCTPPort                                    = Fields.Add(protoSCTP, "sctp.port", "Port", field.Uint16)
	hfSCTPVerificationTag                         = Fields.Add(protoSCTP, "sctp.verification_tag", "Verification tag", field.Uint32, field.WithBase(field.Hex))
	hfSCTPChecksum                                = Fields.Add(protoSCTP, "sctp.checksum", "Checksum", field.Uint32, field.WithBase(field.Hex))
	hfSCTPChecksumStatus                          = Fields.Add(protoSCTP, "sctp.checksum.status", "Checksum Status", field.Uint8, field.WithBase(field.BaseNone), field.WithStrings(checksumStatus))
	hfSCTPChunkType                               = Fields.Add(protoSCTP, "sctp.chunk_type", "Chunk type", field.Uint8, field.WithStrings(sctpChunkTypes))
	hfSCTPChunkFlags                              = Fields.Add(protoSCTP, "sctp.chunk_flags", "Chunk flags", field.Uint8, field.WithBase(field.Hex))
	hfSCTPChunkBit1                               = Fields.Add(protoSCTP, "sctp.chunk_bit_1", "Bit", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithTrueFalse("Skip chunk and continue processing of the packet", "Stop processing of the packet"))
	hfSCTPChunkBit2                               = Fields.Add(protoSCTP, "sctp.chunk_bit_2", "Bit", field.Bool, field.WithBase(8), field.WithMask(0x40), field.WithTrueFalse("Do report", "Do not report"))
	hfSCTPChunkLength                             = Fields.Add(protoSCTP, "sctp.chunk_length", "Chunk length", field.Uint16)
	hfSCTPChunkPadding                            = Fields.Add(protoSCTP, "sctp.chunk_padding", "Chunk padding", field.Bytes)
	hfSCTPChunkValue                              = Fields.Add(protoSCTP, "sctp.chunk_value", "Chunk value", field.Bytes)
	hfSCTPCookie                                  = Fields.Add(protoSCTP, "sctp.cookie", "Cookie", field.Bytes)
	hfSCTPInitiateTag                             = Fields.Add(protoSCTP, "sctp.initiate_tag", "Initiate tag", field.Uint32, field.WithBase(field.Hex))
	hfSCTPInitInitiateTag                         = Fields.Add(protoSCTP, "sctp.init_initiate_tag", "Initiate tag", field.Uint32, field.WithBase(field.Hex))
	hfSCTPInitCredit                              = Fields.Add(protoSCTP, "sctp.init_credit", "Advertised receiver window credit (a_rwnd)", field.Uint32)
	hfSCTPInitNrOutStreams                        = Fields.Add(protoSCTP, "sctp.init_nr_out_streams", "Number of outbound streams", field.Uint16)
	hfSCTPInitNrInStreams                         = Fields.Add(protoSCTP, "sctp.init_nr_in_streams", "Number of inbound streams", field.Uint16)
	hfSCTPInitInitialTsn                          = Fields.Add(protoSCTP, "sctp.init_initial_tsn", "Initial TSN", field.Uint32)
	hfSCTPInitackInitiateTag                      = Fields.Add(protoSCTP, "sctp.initack_initiate_tag", "Initiate tag", field.Uint32, field.WithBase(field.Hex))
	hfSCTPInitackCredit                           = Fields.Add(protoSCTP, "sctp.initack_credit", "Advertised receiver window credit (a_rwnd)", field.Uint32)
	hfSCTPInitackNrOutStreams                     = Fields.Add(protoSCTP, "sctp.initack_nr_out_streams", "Number of outbound streams", field.Uint16)
	hfSCTPInitackNrInStreams                      = Fields.Add(protoSCTP, "sctp.initack_nr_in_streams", "Number of inbound streams", field.Uint16)
	hfSCTPInitackInitialTsn                       = Fields.Add(protoSCTP, "sctp.initack_initial_tsn", "Initial TSN", field.Uint32)
	hfSCTPDataTsn                                 = Fields.Add(protoSCTP, "sctp.data_tsn", "Transmission sequence number (relative)", field.Uint32)
	hfSCTPDataTsnRaw                              = Fields.Add(protoSCTP, "sctp.data_tsn_raw", "Transmission sequence number (absolute)", field.Uint32)
	hfSCTPDataSid                                 = Fields.Add(protoSCTP, "sctp.data_sid", "Stream identifier", field.Uint16, field.WithBase(field.Hex))
	hfSCTPDataSsn                                 = Fields.Add(protoSCTP, "sctp.data_ssn", "Stream sequence number", field.Uint16)
	hfSCTPDataPayloadProtoId                      = Fields.Add(protoSCTP, "sctp.data_payload_proto_id", "Payload protocol identifier", field.Uint32, field.WithStrings(sctpPPIDs))
	hfSCTPDataReserved                            = Fields.Add(protoSCTP, "sctp.data_reserved", "Reserved", field.Uint16)
	hfSCTPDataMid                                 = Fields.Add(protoSCTP, "sctp.data_mid", "Message identifier", field.Uint32)
	hfSCTPDataFsn                                 = Fields.Add(protoSCTP, "sctp.data_fsn", "Fragment sequence number", field.Uint32)
	hfSCTPDataEBit                                = Fields.Add(protoSCTP, "sctp.data_e_bit", "E-Bit", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Last segment", "Not the last segment"))
	hfSCTPDataBBit                                = Fields.Add(protoSCTP, "sctp.data_b_bit", "B-Bit", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("First segment", "Subsequent segment"))
	hfSCTPDataUBit                                = Fields.Add(protoSCTP, "sctp.data_u_bit", "U-Bit", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithTrueFalse("Unordered delivery", "Ordered delivery"))
	hfSCTPDataIBit                                = Fields.Add(protoSCTP, "sctp.data_i_bit", "I-Bit", field.Bool, field.WithBase(8), field.WithMask(0x8), field.WithTrueFalse("Send SACK immediately", "Possibly delay SACK"))
	hfSCTPSackNounceSum                           = Fields.Add(protoSCTP, "sctp.sack_nounce_sum", "Nounce sum", field.Uint8, field.WithMask(0x1))
	hfSCTPSackCumulativeTsnAck                    = Fields.Add(protoSCTP, "sctp.sack_cumulative_tsn_ack", "Cumulative TSN ACK (relative)", field.Uint32)
	hfSCTPSackCumulativeTsnAckRaw                 = Fields.Add(protoSCTP, "sctp.sack_cumulative_tsn_ack_raw", "Cumulative TSN ACK (absolute)", field.Uint32)
	hfSCTPSackARwnd                               = Fields.Add(protoSCTP, "sctp.sack_a_rwnd", "Advertised receiver window credit (a_rwnd)", field.Uint32)
	hfSCTPSackNumberOfGapBlocks                   = Fields.Add(protoSCTP, "sctp.sack_number_of_gap_blocks", "Number of gap acknowledgement blocks", field.Uint16)
	hfSCTPSackNumberOfDuplicatedTsns              = Fields.Add(protoSCTP, "sctp.sack_number_of_duplicated_tsns", "Number of duplicated TSNs", field.Uint16)
	hfSCTPSackGapBlockStart                       = Fields.Add(protoSCTP, "sctp.sack_gap_block_start", "Start", field.Uint16)
	hfSCTPSackGapBlockStartTsn                    = Fields.Add(protoSCTP, "sctp.sack_gap_block_start_tsn", "Start TSN", field.Uint32)
	hfSCTPSackGapBlockEnd                         = Fields.Add(protoSCTP, "sctp.sack_gap_block_end", "End", field.Uint16)
	hfSCTPSackGapBlockEndTsn                      = Fields.Add(protoSCTP, "sctp.sack_gap_block_end_tsn", "End TSN", field.Uint32)
	hfSCTPSackNumberOfTsnsGapAcked                = Fields.Add(protoSCTP, "sctp.sack_number_of_tsns_gap_acked", "Number of TSNs in gap acknowledgement blocks", field.Uint32)
	hfSCTPSackDuplicateTsn                        = Fields.Add(protoSCTP, "sctp.sack_duplicate_tsn", "Duplicate TSN", field.Uint32)
	hfSCTPNrSackNounceSum                         = Fields.Add(protoSCTP, "sctp.nr_sack_nounce_sum", "Nounce sum", field.Uint8, field.WithMask(0x1))
	hfSCTPNrSackCumulativeTsnAck                  = Fields.Add(protoSCTP, "sctp.nr_sack_cumulative_tsn_ack", "Cumulative TSN ACK", field.Uint32)
	hfSCTPNrSackARwnd                             = Fields.Add(protoSCTP, "sctp.nr_sack_a_rwnd", "Advertised receiver window credit (a_rwnd)", field.Uint32)
	hfSCTPNrSackNumberOfGapBlocks                 = Fields.Add(protoSCTP, "sctp.nr_sack_number_of_gap_blocks", "Number of gap acknowledgement blocks", field.Uint16)
	hfSCTPNrSackNumberOfNrGapBlocks               = Fields.Add(protoSCTP, "sctp.nr_sack_number_of_nr_gap_blocks", "Number of nr-gap acknowledgement blocks", field.Uint16)
	hfSCTPNrSackNumberOfDuplicatedTsns            = Fields.Add(protoSCTP, "sctp.nr_sack_number_of_duplicated_tsns", "Number of duplicated TSNs", field.Uint16)
	hfSCTPNrSackReserved                          = Fields.Add(protoSCTP, "sctp.nr_sack_reserved", "Reserved", field.Uint16, field.WithBase(field.Hex))
	hfSCTPNrSackGapBlockStart                     = Fields.Add(protoSCTP, "sctp.nr_sack_gap_block_start", "Start", field.Uint16)
	hfSCTPNrSackGapBlockStartTsn                  = Fields.Add(protoSCTP, "sctp.nr_sack_gap_block_start_tsn", "Start TSN", field.Uint32)
	hfSCTPNrSackGapBlockEnd                       = Fields.Add(protoSCTP, "sctp.nr_sack_gap_block_end", "End", field.Uint16)
	hfSCTPNrSackGapBlockEndTsn                    = Fields.Add(protoSCTP, "sctp.nr_sack_gap_block_end_tsn", "End TSN", field.Uint32)
	hfSCTPNrSackNumberOfTsnsGapAcked              = Fields.Add(protoSCTP, "sctp.nr_sack_number_of_tsns_gap_acked", "Number of TSNs in gap acknowledgement blocks", field.Uint32)
	hfSCTPNrSackNrGapBlockStart                   = Fields.Add(protoSCTP, "sctp.nr_sack_nr_gap_block_start", "Start", field.Uint16)
	hfSCTPNrSackNrGapBlockStartTsn                = Fields.Add(protoSCTP, "sctp.nr_sack_nr_gap_block_start_tsn", "Start TSN", field.Uint32)
	hfSCTPNrSackNrGapBlockEnd                     = Fields.Add(protoSCTP, "sctp.nr_sack_nr_gap_block_end", "End", field.Uint16)
	hfSCTPNrSackNrGapBlockEndTsn                  = Fields.Add(protoSCTP, "sctp.nr_sack_nr_gap_block_end_tsn", "End TSN", field.Uint32)
	hfSCTPNrSackNumberOfTsnsNrGapAcked            = Fields.Add(protoSCTP, "sctp.nr_sack_number_of_tsns_nr_gap_acked", "Number of TSNs in nr-gap acknowledgement blocks", field.Uint32)
	hfSCTPNrSackDuplicateTsn                      = Fields.Add(protoSCTP, "sctp.nr_sack_duplicate_tsn", "Duplicate TSN", field.Uint32)
	hfSCTPShutdownCumulativeTsnAck                = Fields.Add(protoSCTP, "sctp.shutdown_cumulative_tsn_ack", "Cumulative TSN Ack", field.Uint32)
	hfSCTPEcneLowestTsn                           = Fields.Add(protoSCTP, "sctp.ecne_lowest_tsn", "Lowest TSN", field.Uint32)
	hfSCTPCwrLowestTsn                            = Fields.Add(protoSCTP, "sctp.cwr_lowest_tsn", "Lowest TSN", field.Uint32)
	hfSCTPShutdownCompleteTBit                    = Fields.Add(protoSCTP, "sctp.shutdown_complete_t_bit", "T-Bit", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Tag reflected", "Tag not reflected"))
	hfSCTPAbortTBit                               = Fields.Add(protoSCTP, "sctp.abort_t_bit", "T-Bit", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Tag reflected", "Tag not reflected"))
	hfSCTPForwardTsnTsn                           = Fields.Add(protoSCTP, "sctp.forward_tsn_tsn", "New cumulative TSN", field.Uint32)
	hfSCTPForwardTsnSid                           = Fields.Add(protoSCTP, "sctp.forward_tsn_sid", "Stream identifier", field.Uint16)
	hfSCTPForwardTsnSsn                           = Fields.Add(protoSCTP, "sctp.forward_tsn_ssn", "Stream sequence number", field.Uint16)
	hfSCTPIForwardTsnTsn                          = Fields.Add(protoSCTP, "sctp.i_forward_tsn_tsn", "New cumulative TSN", field.Uint32)
	hfSCTPIForwardTsnSid                          = Fields.Add(protoSCTP, "sctp.i_forward_tsn_sid", "Stream identifier", field.Uint16)
	hfSCTPIForwardTsnFlags                        = Fields.Add(protoSCTP, "sctp.i_forward_tsn_flags", "Flags", field.Uint16, field.WithBase(field.Hex))
	hfSCTPIForwardTsnRes                          = Fields.Add(protoSCTP, "sctp.i_forward_tsn_res", "Reserved", field.Uint16, field.WithMask(0xfffe))
	hfSCTPIForwardTsnUBit                         = Fields.Add(protoSCTP, "sctp.i_forward_tsn_u_bit", "U-Bit", field.Bool, field.WithBase(16), field.WithMask(0x1), field.WithTrueFalse("Unordered messages", "Ordered messages"))
	hfSCTPForwardTsnMid                           = Fields.Add(protoSCTP, "sctp.forward_tsn_mid", "Message identifier", field.Uint32)
	hfSCTPParameterType                           = Fields.Add(protoSCTP, "sctp.parameter_type", "Parameter type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(sctpParameterTypes))
	hfSCTPParameterLength                         = Fields.Add(protoSCTP, "sctp.parameter_length", "Parameter length", field.Uint16)
	hfSCTPParameterValue                          = Fields.Add(protoSCTP, "sctp.parameter_value", "Parameter value", field.Bytes)
	hfSCTPParameterPadding                        = Fields.Add(protoSCTP, "sctp.parameter_padding", "Parameter padding", field.Bytes)
	hfSCTPParameterBit1                           = Fields.Add(protoSCTP, "sctp.parameter_bit_1", "Bit", field.Bool, field.WithBase(16), field.WithMask(0x8000), field.WithTrueFalse("Skip parameter and continue processing of the chunk", "Stop processing of chunk"))
	hfSCTPParameterBit2                           = Fields.Add(protoSCTP, "sctp.parameter_bit_2", "Bit", field.Bool, field.WithBase(16), field.WithMask(0x4000), field.WithTrueFalse("Do report", "Do not report"))
	hfSCTPParameterIpv4Address                    = Fields.Add(protoSCTP, "sctp.parameter_ipv4_address", "IP Version 4 address", field.IPv4)
	hfSCTPParameterIpv6Address                    = Fields.Add(protoSCTP, "sctp.parameter_ipv6_address", "IP Version 6 address", field.IPv6)
	hfSCTPParameterHeartbeatInformation           = Fields.Add(protoSCTP, "sctp.parameter_heartbeat_information", "Heartbeat information", field.Bytes)
	hfSCTPParameterStateCookie                    = Fields.Add(protoSCTP, "sctp.parameter_state_cookie", "State cookie", field.Bytes)
	hfSCTPParameterCookiePreservativeIncr         = Fields.Add(protoSCTP, "sctp.parameter_cookie_preservative_incr", "Suggested Cookie life-span increment (msec)", field.Uint32)
	hfSCTPParameterHostname                       = Fields.Add(protoSCTP, "sctp.parameter_hostname", "Hostname", field.StringZ)
	hfSCTPParameterSupportedAddressType           = Fields.Add(protoSCTP, "sctp.parameter_supported_address_type", "Supported address type", field.Uint16, field.WithStrings(sctpAddressTypes))
	hfSCTPParameterReconfigRequestSequenceNumber  = Fields.Add(protoSCTP, "sctp.parameter_reconfig_request_sequence_number", "Re-configuration request sequence number", field.Uint32)
	hfSCTPParameterReconfigResponseSequenceNumber = Fields.Add(protoSCTP, "sctp.parameter_reconfig_response_sequence_number", "Re-configuration response sequence number", field.Uint32)
	hfSCTPParameterSendersLastAssignedTsn         = Fields.Add(protoSCTP, "sctp.parameter_senders_last_assigned_tsn", "Senders last assigned TSN", field.Uint32)
	hfSCTPParameterSendersNextTsn                 = Fields.Add(protoSCTP, "sctp.parameter_senders_next_tsn", "Senders next TSN", field.Uint32)
	hfSCTPParameterReceiversNextTsn               = Fields.Add(protoSCTP, "sctp.parameter_receivers_next_tsn", "Receivers next TSN", field.Uint32)
	hfSCTPParameterReconfigResponseResult         = Fields.Add(protoSCTP, "sctp.parameter_reconfig_response_result", "Result", field.Uint32, field.WithStrings(sctpReconfigResults))
	hfSCTPParameterReconfigSid                    = Fields.Add(protoSCTP, "sctp.parameter_reconfig_sid", "Stream Identifier", field.Uint16)
	hfSCTPParameterAddOutgoingStreamsNumber       = Fields.Add(protoSCTP, "sctp.parameter_add_outgoing_streams_number", "Number of streams", field.Uint16)
	hfSCTPParameterAddOutgoingStreamsReserved     = Fields.Add(protoSCTP, "sctp.parameter_add_outgoing_streams_reserved", "Reserved", field.Uint16)
	hfSCTPParameterAddIncomingStreamsNumber       = Fields.Add(protoSCTP, "sctp.parameter_add_incoming_streams_number", "Number of streams", field.Uint16)
	hfSCTPParameterAddIncomingStreamsReserved     = Fields.Add(protoSCTP, "sctp.parameter_add_incoming_streams_reserved", "Reserved", field.Uint16)
	hfSCTPAsconfSeqNrNumber                       = Fields.Add(protoSCTP, "sctp.asconf_seq_nr_number", "Sequence number", field.Uint32, field.WithBase(field.Hex))
	hfSCTPAsconfAckSeqNrNumber                    = Fields.Add(protoSCTP, "sctp.asconf_ack_seq_nr_number", "Sequence number", field.Uint32, field.WithBase(field.Hex))
	hfSCTPCorrelationId                           = Fields.Add(protoSCTP, "sctp.correlation_id", "Correlation_id", field.Uint32, field.WithBase(field.Hex))
	hfSCTPAdaptationLayerIndication               = Fields.Add(protoSCTP, "sctp.adaptation_layer_indication", "Indication", field.Uint32, field.WithBase(field.Hex))
	hfSCTPRandomNumber                            = Fields.Add(protoSCTP, "sctp.random_number", "Random number", field.Bytes)
	hfSCTPChunkTypeToAuth                         = Fields.Add(protoSCTP, "sctp.chunk_type_to_auth", "Chunk type", field.Uint8, field.WithStrings(sctpChunkTypes))
	hfSCTPHmacId                                  = Fields.Add(protoSCTP, "sctp.hmac_id", "HMAC identifier", field.Uint16, field.WithStrings(sctpHMACIDs))
	hfSCTPHmac                                    = Fields.Add(protoSCTP, "sctp.hmac", "HMAC", field.Bytes)
	hfSCTPSharedKeyId                             = Fields.Add(protoSCTP, "sctp.shared_key_id", "Shared key identifier", field.Uint16)
	hfSCTPSupportedChunkType                      = Fields.Add(protoSCTP, "sctp.supported_chunk_type", "Supported chunk type", field.Uint8, field.WithStrings(sctpChunkTypes))
	hfSCTPCauseCode                               = Fields.Add(protoSCTP, "sctp.cause_code", "Cause code", field.Uint16, field.WithBase(field.Hex), field.WithStrings(sctpCauseCodes))
	hfSCTPCauseLength                             = Fields.Add(protoSCTP, "sctp.cause_length", "Cause length", field.Uint16)
	hfSCTPCauseInformation                        = Fields.Add(protoSCTP, "sctp.cause_information", "Cause information", field.Bytes)
	hfSCTPCausePadding                            = Fields.Add(protoSCTP, "sctp.cause_padding", "Cause padding", field.Bytes)
	hfSCTPCauseStreamIdentifier                   = Fields.Add(protoSCTP, "sctp.cause_stream_identifier", "Stream identifier", field.Uint16)
	hfSCTPCauseReserved                           = Fields.Add(protoSCTP, "sctp.cause_reserved", "Reserved", field.Uint16)
	hfSCTPCauseNrOfMissingParameters              = Fields.Add(protoSCTP, "sctp.cause_nr_of_missing_parameters", "Number of missing parameters", field.Uint32)
	hfSCTPCauseMissingParameterType               = Fields.Add(protoSCTP, "sctp.cause_missing_parameter_type", "Missing parameter type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(sctpParameterTypes))
	hfSCTPCauseMeasureOfStaleness                 = Fields.Add(protoSCTP, "sctp.cause_measure_of_staleness", "Measure of staleness in usec", field.Uint32)
	hfSCTPCauseTsn                                = Fields.Add(protoSCTP, "sctp.cause_tsn", "TSN", field.Uint32)
	hfSCTPPckdropMBit                             = Fields.Add(protoSCTP, "sctp.pckdrop_m_bit", "M-Bit", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Source is a middlebox", "Source is an endhost"))
	hfSCTPPckdropBBit                             = Fields.Add(protoSCTP, "sctp.pckdrop_b_bit", "B-Bit", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("SCTP checksum was incorrect", "SCTP checksum was correct"))
	hfSCTPPckdropTBit                             = Fields.Add(protoSCTP, "sctp.pckdrop_t_bit", "T-Bit", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithTrueFalse("Packet is truncated", "Packet is not truncated"))
	hfSCTPPktdropBandwidth                        = Fields.Add(protoSCTP, "sctp.pktdrop_bandwidth", "Bandwidth", field.Uint32)
	hfSCTPPktdropQueuesize                        = Fields.Add(protoSCTP, "sctp.pktdrop_queuesize", "Queuesize", field.Uint32)
	hfSCTPPktdropTruncatedLength                  = Fields.Add(protoSCTP, "sctp.pktdrop_truncated_length", "Truncated length", field.Uint16)
	hfSCTPPktdropReserved                         = Fields.Add(protoSCTP, "sctp.pktdrop_reserved", "Reserved", field.Uint16)
	hfSCTPPktdropDatafield                        = Fields.Add(protoSCTP, "sctp.pktdrop_datafield", "Data field", field.Bytes)
	hfSCTPPaddingData                             = Fields.Add(protoSCTP, "sctp.padding_data", "Padding data", field.Bytes)
	hfSCTPFragment                                = Fields.Add(protoSCTP, "sctp.fragment", "SCTP Fragment", field.FrameNum)
	hfSCTPFragments                               = Fields.Add(protoSCTP, "sctp.fragments", "Reassembled SCTP Fragments", field.None)
	hfSCTPReassembledIn                           = Fields.Add(protoSCTP, "sctp.reassembled_in", "Reassembled Message in frame", field.FrameNum)
	hfSCTPDuplicate                               = Fields.Add(protoSCTP, "sctp.duplicate", "Fragment already seen in frame", field.FrameNum)
	hfSCTPDataRtt                                 = Fields.Add(protoSCTP, "sctp.data_rtt", "The RTT to SACK was", field.RelTime)
	hfSCTPSackRtt                                 = Fields.Add(protoSCTP, "sctp.sack_rtt", "The RTT since DATA was", field.RelTime)
	hfSCTPRetransmissionTime                      = Fields.Add(protoSCTP, "sctp.retransmission_time", "Retransmitted after", field.RelTime)
	hfSCTPRetransmission                          = Fields.Add(protoSCTP, "sctp.retransmission", "This TSN is a retransmission of one in frame", field.FrameNum)
	hfSCTPRetransmitted                           = Fields.Add(protoSCTP, "sctp.retransmitted", "This TSN is retransmitted in frame", field.FrameNum)
	hfSCTPRetransmittedCount                      = Fields.Add(protoSCTP, "sctp.retransmitted_count", "TSN was retransmitted this many times", field.Uint32)
	hfSCTPAcked                                   = Fields.Add(protoSCTP, "sctp.acked", "This chunk is acked in frame", field.FrameNum)
	hfSCTPAck                                     = Fields.Add(protoSCTP, "sctp.ack", "Acknowledges TSN", field.Uint32)
	hfSCTPAckFrame                                = Fields.Add(protoSCTP, "sctp.ack_frame", "Acknowledges TSN in frame", field.FrameNum)
	hfSCTPRetransmittedAfterAck                   = Fields.Add(protoSCTP, "sctp.retransmitted_after_ack", "Chunk was acked prior to retransmission", field.FrameNum)
	hfSCTPAssocIndex                              = Fields.Add(protoSCTP, "sctp.assoc_index", "Association index", field.Uint16)

	eiSCTPRetransmitted         = RegisterExpert(protoSCTP, "sctp.retransmission.expert", "Retransmitted TSN", GroupSequence, SevNote)
	eiSCTPRetransmittedAfterAck = RegisterExpert(protoSCTP, "sctp.retransmitted_after_ack.expert", "This TSN was acked prior to this retransmission (reneged ack?).", GroupSequence, SevWarn)
	eiSCTPRetransmittedTwice    = RegisterExpert(protoSCTP, "sctp.retransmission.more_than_twice", "This TSN was retransmitted more than 2 times.", GroupSequence, SevWarn)
	eiSCTPParameterPadding      = RegisterExpert(protoSCTP, "sctp.parameter_padding.expert", "The padding of this final parameter should be the padding of the chunk.", GroupMalformed, SevNote)
	eiSCTPParameterLength       = RegisterExpert(protoSCTP, "sctp.parameter_length.bad", "Parameter length bad", GroupMalformed, SevError)
	eiSCTPZeroWindow            = RegisterExpert(protoSCTP, "sctp.sack_a_rwnd.expert", "Zero Advertised Receiver Window Credit", GroupSequence, SevNote)
	eiSCTPGapMalformed          = RegisterExpert(protoSCTP, "sctp.sack_gap_block_malformed", "Malformed gap block.", GroupProtocol, SevError)
	eiSCTPGapOutOfOrder         = RegisterExpert(protoSCTP, "sctp.sack_gap_block_out_of_order", "Gap blocks not in strict order.", GroupProtocol, SevWarn)
	eiSCTPGapAcked100           = RegisterExpert(protoSCTP, "sctp.sack_number_of_tsns_gap_acked.100", "More than 100 TSNs were gap-acknowledged in this SACK.", GroupSequence, SevWarn)
	eiSCTPNrGapAcked100         = RegisterExpert(protoSCTP, "sctp.nr_sack_number_of_tsns_gap_acked.100", "More than 100 TSNs were gap-acknowledged in this NR-SACK.", GroupSequence, SevWarn)
	eiSCTPNrNrGapAcked100       = RegisterExpert(protoSCTP, "sctp.nr_sack_number_of_tsns_nr_gap_acked.100", "More than 100 TSNs were nr-gap-acknowledged in this NR-SACK.", GroupSequence, SevWarn)
	eiSCTPChunkLengthBad        = RegisterExpert(protoSCTP, "sctp.chunk_length.bad", "Chunk length bad", GroupMalformed, SevError)
	_                           = RegisterExpert(protoSCTP, "sctp.checksum_bad.expert", "Bad SCTP checksum.", GroupChecksum, SevError)

	handleSCTP = &Handle{Name: "sctp", Fn: dissectSCTP}

	// SCTPPort and SCTPPPI hand DATA chunk payloads on by port and by payload protocol identifier.
	SCTPPort = NewTable("sctp.port")
	SCTPPPI  = NewTable("sctp.ppi")
)

// sctpChunkTypes names sctp.chunk_type values (tshark -G values).
var sctpChunkTypes = map[uint64]string{
	0:   "DATA",
	1:   "INIT",
	2:   "INIT_ACK",
	3:   "SACK",
	4:   "HEARTBEAT",
	5:   "HEARTBEAT_ACK",
	6:   "ABORT",
	7:   "SHUTDOWN",
	8:   "SHUTDOWN_ACK",
	9:   "ERROR",
	10:  "COOKIE_ECHO",
	11:  "COOKIE_ACK",
	12:  "ECNE",
	13:  "CWR",
	14:  "SHUTDOWN_COMPLETE",
	15:  "AUTH",
	16:  "NR_SACK",
	64:  "I_DATA",
	128: "ASCONF_ACK",
	129: "PKTDROP",
	130: "RE_CONFIG",
	132: "PAD",
	192: "FORWARD_TSN",
	193: "ASCONF",
	194: "I_FORWARD_TSN",
	255: "IETF_EXTENSION",
}

// sctpPPIDs names sctp.data_payload_proto_id values (tshark -G values).
var sctpPPIDs = map[uint64]string{
	0:  "not specified",
	1:  "IUA",
	2:  "M2UA",
	3:  "M3UA",
	4:  "SUA",
	5:  "M2PA",
	6:  "V5UA",
	7:  "H.248/MEGACO",
	8:  "BICC/Q.2150.3",
	9:  "TALI",
	10: "DUA",
	11: "ASAP",
	12: "ENRP",
	13: "H.323",
	14: "Q.IPC/Q.2150.3",
	15: "SIMCO",
	16: "DDP Segment Chunk",
	17: "DDP Stream Session Control",
	18: "S1 Application Protocol (S1AP)",
	19: "RUA",
	20: "HNBAP",
	21: "ForCES-HP",
	22: "ForCES-MP",
	23: "ForCES-LP",
	24: "SBc-AP",
	25: "NBAP",
	26: "Unassigned",
	27: "X2AP",
	28: "IRCP",
	29: "LCS-AP",
	30: "MPICH2",
	31: "SABP",
	32: "Fractal Generator Protocol",
	33: "Ping Pong Protocol",
	34: "CalcApp Protocol",
	35: "Scripting Service Protocol",
	36: "NetPerfMeter Control",
	37: "NetPerfMeter Data",
	38: "Echo",
	39: "Discard",
	40: "Daytime",
	41: "Character Generator",
	42: "3GPP RNA",
	43: "3GPP M2AP",
	44: "3GPP M3AP",
	45: "SSH",
	46: "DIAMETER",
	47: "DIAMETER over DTLS",
	48: "R14P",
	49: "Generic Data Transfer Protocol (GDT)",
	50: "WebRTC Control",
	51: "WebRTC String",
	52: "WebRTC Binary Partial (Deprecated)",
	53: "WebRTC Binary",
	54: "WebRTC String Partial (Deprecated)",
	55: "3GPP PUA",
	56: "WebRTC String Empty",
	57: "WebRTC Binary Empty",
	58: "XwAP",
	59: "Xw - Control Plane",
	60: "NGAP",
	61: "XnAP",
	62: "F1 AP",
	65: "ELE2 Lawful Interception",
	66: "NGAP over DTLS",
	67: "XnAP over DTLS",
	68: "F1AP over DTLS",
	69: "E1AP over DTLS",
	70: "E2-CP",
	71: "E2-UP",
	72: "E2-DU",
	73: "W1AP",
}

// sctpParameterTypes names sctp.parameter_type values (tshark -G values).
var sctpParameterTypes = map[uint64]string{
	0x1:    "Heartbeat info",
	0x5:    "IPv4 address",
	0x6:    "IPv6 address",
	0x7:    "State cookie",
	0x8:    "Unrecognized parameter",
	0x9:    "Cookie preservative",
	0xb:    "Hostname address",
	0xd:    "Outgoing SSN reset request",
	0xe:    "Incoming SSN reset request",
	0xf:    "SSN/TSN reset request",
	0x10:   "Re-configuration response",
	0x11:   "Add outgoing streams request",
	0x12:   "Add incoming streams request",
	0xc:    "Supported address types",
	0x8000: "ECN",
	0x8002: "Random",
	0x8003: "Authenticated Chunk list",
	0x8004: "Requested HMAC Algorithm",
	0x8008: "Supported Extensions",
	0xc000: "Forward TSN supported",
	0xc001: "Add IP address",
	0xc002: "Delete IP address",
	0xc003: "Error cause indication",
	0xc004: "Set primary address",
	0xc005: "Success report",
	0xc006: "Adaptation Layer Indication",
}

// sctpAddressTypes names sctp.parameter_supported_address_type values (tshark -G values).
var sctpAddressTypes = map[uint64]string{
	5:  "IPv4 address",
	6:  "IPv6 address",
	11: "Hostname address",
}

// sctpReconfigResults names sctp.parameter_reconfig_response_result values (tshark -G values).
var sctpReconfigResults = map[uint64]string{
	0: "Nothing to do",
	1: "Performed",
	2: "Denied",
	3: "Error - Wrong SSN",
	4: "Error - Request already in progress",
	5: "Error - Bad sequence number",
	6: "In progress",
}

// sctpHMACIDs names sctp.hmac_id values (tshark -G values).
var sctpHMACIDs = map[uint64]string{
	0: "Reserved",
	1: "SHA-1",
	2: "Reserved",
	3: "SHA-256",
}

// sctpCauseCodes names sctp.cause_code values (tshark -G values).
var sctpCauseCodes = map[uint64]string{
	0x1:   "Invalid stream identifier",
	0x2:   "Missing mandatory parameter",
	0x3:   "Stale cookie error",
	0x4:   "Out of resource",
	0x5:   "Unresolvable address",
	0x6:   "Unrecognized chunk type",
	0x7:   "Invalid mandatory parameter",
	0x8:   "Unrecognized parameters",
	0x9:   "No user data",
	0xa:   "Cookie received while shutting down",
	0xb:   "Restart of an association with new addresses",
	0xc:   "User initiated ABORT",
	0xd:   "Protocol violation",
	0xa0:  "Request to delete last address",
	0xa1:  "Operation refused due to resource shortage",
	0xa2:  "Request to delete source address",
	0xa3:  "Association Aborted due to illegal ASCONF-ACK",
	0xa4:  "Request refused - no authorization",
	0x105: "Unsupported HMAC identifier",
}

func init() {
	RegisterShortName(protoSCTP, "SCTP")
	IPProto.Add(132, handleSCTP)
	UDPPort.Add(9899, handleSCTP) // SCTP over UDP (RFC 6951), Wireshark's tunnelling port
}

// Chunk types with their own dissection.
const (
	sctpData             = 0
	sctpInit             = 1
	sctpInitAck          = 2
	sctpSack             = 3
	sctpHeartbeat        = 4
	sctpHeartbeatAck     = 5
	sctpAbort            = 6
	sctpShutdown         = 7
	sctpShutdownAck      = 8
	sctpError            = 9
	sctpCookieEcho       = 10
	sctpCookieAck        = 11
	sctpEcne             = 12
	sctpCwr              = 13
	sctpShutdownComplete = 14
	sctpAuth             = 15
	sctpNrSack           = 16
	sctpIData            = 64
	sctpAsconfAck        = 0x80
	sctpPktdrop          = 0x81
	sctpReConfig         = 0x82
	sctpPad              = 0x84
	sctpForwardTSN       = 0xc0
	sctpAsconf           = 0xc1
	sctpIForwardTSN      = 0xc2
)

// sctpDataHeaderLen is the length of a DATA (and an I-DATA) chunk's header.
const sctpDataHeaderLen = 16

// sctpPacket is what one SCTP packet's chunks share.
type sctpPacket struct {
	sport, dport uint16
	vtag         uint32
	ha           *sctpHalf // the TSN analysis of this direction, nil without one
	ackBudget    int       // how many more TSNs its SACKs may acknowledge one by one
	encapsulated bool      // a packet inside a PKTDROP chunk
}

func dissectSCTP(c *Ctx, t Tvb, parent int32) {
	sport, dport := t.U16(0), t.U16(2)
	c.PortType, c.SrcPort, c.DstPort = 132, uint32(sport), uint32(dport)
	c.SetProtocol("SCTP")
	c.ClearInfo()
	c.sctpPacket(t, parent, false)
}

// sctpPacket dissects a common header and its chunks (dissect_sctp_packet); encapsulated is a packet
// a PKTDROP chunk carries.
func (c *Ctx) sctpPacket(t Tvb, parent int32, encapsulated bool) {
	p := sctpPacket{sport: t.U16(0), dport: t.U16(2), vtag: t.U32(4), encapsulated: encapsulated,
		ackBudget: 5000 + 64*t.Len()}
	checksum := t.U32(8)
	p.ha = c.sctpHalfAssoc(p.sport, p.dport, p.vtag)

	top := c.AddProto(parent, protoSCTP, t, 0, -1)
	if c.Visible() {
		c.T.SetLabel(top, "Stream Control Transmission Protocol, Src Port: "+itoa(uint64(p.sport))+" ("+itoa(uint64(p.sport))+
			"), Dst Port: "+itoa(uint64(p.dport))+" ("+itoa(uint64(p.dport))+")")
	}
	c.AddUintV(top, hfSCTPSrcport, t, 0, 2, uint64(p.sport))
	c.AddUintV(top, hfSCTPDstport, t, 2, 2, uint64(p.dport))
	c.AddUintV(top, hfSCTPVerificationTag, t, 4, 4, uint64(p.vtag))
	ai := c.AddGenerated(top, hfSCTPAssocIndex, t, 0, 0, field.Value{U: 0xffff})
	c.Label(ai, "Association index: disabled (enable in preferences)")
	if c.T.Wants(hfSCTPPort) {
		c.hidden(c.AddUintV(top, hfSCTPPort, t, 0, 2, uint64(p.sport)))
		c.hidden(c.AddUintV(top, hfSCTPPort, t, 2, 2, uint64(p.dport)))
	}
	ck := c.AddUintV(top, hfSCTPChecksum, t, 8, 4, uint64(checksum))
	c.Label(ck, "Checksum: 0x%s [unverified]", hex8(checksum))
	st := c.AddGenerated(top, hfSCTPChecksumStatus, t, 8, 0, field.Value{U: ckUnverified})
	c.Label(st, "Checksum Status: %s", checksumStatus[ckUnverified])

	c.sctpChunks(t, parent, top, &p)
}

// sctpChunks dissects the chunks after the common header. After a DATA chunk whose payload went to
// a sub-dissector, the remaining chunks get an SCTP item of their own, as in Wireshark.
func (c *Ctx) sctpChunks(t Tvb, parent, top int32, p *sctpPacket) {
	reported := t.Len() + c.unreported(t)
	off, last := 12, 0
	lengthSet := false
	for off < reported {
		length := int(t.U16(off + 2))
		total := (length + 3) &^ 3
		if rem := reported - off; total > rem {
			total = rem
		}
		if total == 0 {
			panic(boundsError{}) // a zero chunk length: Wireshark reads the type from an empty chunk
		}
		chunk := t.SubLen(off, total)
		chunkReported := total
		if c.sctpChunk(chunk, chunkReported, parent, top, p, !p.encapsulated) {
			c.T.SetLen(top, off-last+sctpDataHeaderLen)
			lengthSet = true
			off += total
			last = off
			if off < reported {
				top = c.AddProto(parent, protoSCTP, t, off, -1)
				lengthSet = false
			}
			continue
		}
		off += total
	}
	if !lengthSet {
		c.T.SetLen(top, off-last)
	}
}

// sctpChunk dissects one chunk (its padding included: reported is its length with padding) under
// sctpTree, handing DATA payloads to parent. It reports whether a DATA chunk's payload went to a
// sub-dissector (dissect_sctp_chunk).
func (c *Ctx) sctpChunk(t Tvb, reported int, parent, sctpTree int32, p *sctpPacket, useInfo bool) bool {
	typ := uint64(t.U8(0))
	length := int(t.U16(2))
	name, ok := sctpChunkTypes[typ]
	if !ok {
		name = "RESERVED"
	}
	if useInfo && c.Cols.On && !c.Cols.readonly {
		c.AppendInfo(name)
		c.AppendInfo(" ")
	}
	ct := c.AddText(sctpTree, t, 0, reported, name+" chunk")
	label := []byte(nil)
	if c.Visible() {
		label = append(label, name...)
		label = append(label, " chunk"...)
	}
	tn := c.AddUintV(ct, hfSCTPChunkType, t, 0, 1, typ)
	c.AddUint(tn, hfSCTPChunkBit1, t, 0, 1)
	c.AddUint(tn, hfSCTPChunkBit2, t, 0, 1)
	flags := c.AddUintV(ct, hfSCTPChunkFlags, t, 1, 1, uint64(t.U8(1)))

	if length < 4 {
		ln := c.AddUintV(ct, hfSCTPChunkLength, t, 2, 2, uint64(length))
		c.Label(ln, "Chunk length: %d (invalid, should be >= 4)", length)
		if c.Visible() {
			c.T.SetLabel(ct, string(label)+", bogus chunk length "+itoa(uint64(length))+" < 4)")
		}
		return typ == sctpData
	}
	ln := c.AddUintV(ct, hfSCTPChunkLength, t, 2, 2, uint64(length))
	if length > reported && !c.inErrorPacket() {
		msg := ""
		if c.ExpertTextWanted() {
			msg = "Chunk length (" + itoa(uint64(length)) + ") is longer than remaining data (" + itoa(uint64(reported)) + ") in the packet."
		}
		c.Expert(ln, eiSCTPChunkLengthBad, t, 2, 2, msg)
	}

	ck := sctpChunkCtx{t: t, length: length, reported: reported, tree: ct, flags: flags, label: label}
	result := false
	switch typ {
	case sctpData, sctpIData:
		result = c.sctpDataChunk(&ck, parent, p, typ == sctpIData)
	case sctpInit:
		c.sctpInitChunk(&ck, p, hfSCTPInitInitiateTag, hfSCTPInitCredit, hfSCTPInitNrOutStreams, hfSCTPInitNrInStreams, hfSCTPInitInitialTsn)
	case sctpInitAck:
		c.sctpInitChunk(&ck, p, hfSCTPInitackInitiateTag, hfSCTPInitackCredit, hfSCTPInitackNrOutStreams, hfSCTPInitackNrInStreams, hfSCTPInitackInitialTsn)
	case sctpSack:
		c.sctpSackChunk(&ck, p)
	case sctpNrSack:
		c.sctpNrSackChunk(&ck, p)
	case sctpHeartbeat, sctpHeartbeatAck:
		ck.appendf(" (Information: %d byte%s)", length-4, plural(length-4))
		pt, prep := ck.value(4, length-4)
		c.sctpParameter(p, pt, prep, ct, nil, true)
	case sctpAbort:
		c.AddUint(flags, hfSCTPAbortTBit, t, 1, 1)
		vt, vrep := ck.value(4, length-4)
		c.sctpCauses(p, vt, vrep, ct)
	case sctpShutdown:
		_, v := c.AddUint(ct, hfSCTPShutdownCumulativeTsnAck, t, 4, 4)
		ck.appendf(" (Cumulative TSN ack: %d)", v)
	case sctpError:
		vt, vrep := ck.value(4, length-4)
		c.sctpCauses(p, vt, vrep, ct)
	case sctpCookieEcho:
		c.AddBytes(ct, hfSCTPCookie, t, 4, length-4)
		ck.appendf(" (Cookie length: %d byte%s)", length-4, plural(length-4))
	case sctpEcne:
		_, v := c.AddUint(ct, hfSCTPEcneLowestTsn, t, 4, 4)
		ck.appendf(" (Lowest TSN: %d)", v)
	case sctpCwr:
		_, v := c.AddUint(ct, hfSCTPCwrLowestTsn, t, 4, 4)
		ck.appendf(" (Lowest TSN: %d)", v)
	case sctpShutdownComplete:
		c.AddUint(flags, hfSCTPShutdownCompleteTBit, t, 1, 1)
	case sctpForwardTSN:
		c.sctpForwardTSNChunk(&ck)
	case sctpIForwardTSN:
		c.sctpIForwardTSNChunk(&ck)
	case sctpReConfig:
		vt, vrep := ck.value(4, length-4)
		c.sctpParameters(p, vt, vrep, ct, nil)
	case sctpAuth:
		c.AddUint(ct, hfSCTPSharedKeyId, t, 4, 2)
		c.AddUint(ct, hfSCTPHmacId, t, 6, 2)
		if n := length - 8; n > 0 {
			c.AddBytes(ct, hfSCTPHmac, t, 8, n)
		}
	case sctpAsconf, sctpAsconfAck:
		if length < 8 {
			shown := length
			if typ == sctpAsconfAck {
				shown += 4 // Wireshark prints the ASCONF-ACK's length plus the header length here
			}
			ck.appendf(", bogus chunk length %d < 8)", shown)
			break
		}
		hf := hfSCTPAsconfSeqNrNumber
		if typ == sctpAsconfAck {
			hf = hfSCTPAsconfAckSeqNrNumber
		}
		c.AddUint(ct, hf, t, 4, 4)
		vt, vrep := ck.value(8, length-8)
		c.sctpParameters(p, vt, vrep, ct, nil)
	case sctpPktdrop:
		ro := c.Cols.readonly
		c.SetColumnsWritable(false)
		c.sctpPktdropChunk(&ck)
		c.Cols.readonly = ro
	case sctpPad:
		c.AddBytes(ct, hfSCTPPaddingData, t, 4, length-4)
		ck.appendf(" (Padding data length: %d byte%s)", length-4, plural(length-4))
	case sctpShutdownAck, sctpCookieAck:
	default:
		if n := length - 4; n > 0 {
			c.AddBytes(ct, hfSCTPChunkValue, t, 4, n)
		}
		ck.appendf(" (Type: %d, value length: %d byte%s)", typ, length-4, plural(length-4))
	}
	if c.Visible() {
		c.T.SetLabel(ct, string(ck.label))
	}
	if pad := reported - length; pad > 0 {
		c.AddBytes(ct, hfSCTPChunkPadding, t, length, pad)
	} else if pad < 0 {
		panic(boundsError{}) // the padding item of a chunk longer than the packet runs past its end
	}
	if useInfo {
		c.SetInfoFence()
	}
	return result
}

// sctpChunkCtx is one chunk being dissected: its bytes, lengths, tree items and label.
type sctpChunkCtx struct {
	t           Tvb
	length      int // the chunk length field
	reported    int // the chunk's length with padding
	tree, flags int32
	label       []byte // the chunk item's label, built when the tree is visible
}

// appendf appends to the chunk item's label when it is shown.
func (ck *sctpChunkCtx) appendf(format string, args ...any) {
	if ck.label != nil {
		ck.label = fmt.Appendf(ck.label, format, args...)
	}
}

// value returns the n bytes of the chunk at o as far as they were captured, and how many of them
// the packet holds (Wireshark's tvb_new_subset_length_caplen with the MIN of n and what remains).
func (ck *sctpChunkCtx) value(o, n int) (Tvb, int) {
	if rem := ck.reported - o; n > rem {
		n = rem
	}
	if n < 0 {
		n = 0
	}
	return ck.t.SubLen(o, n), n
}

// sctpDataChunk dissects a DATA or I-DATA chunk and hands its payload on; it reports whether the
// payload went to a sub-dissector or into reassembly (dissect_data_chunk).
func (c *Ctx) sctpDataChunk(ck *sctpChunkCtx, parent int32, p *sctpPacket, idata bool) bool {
	t, length := ck.t, ck.length
	hdr := sctpDataHeaderLen
	if idata {
		hdr = 20
	}
	if length < hdr {
		ck.appendf(", bogus chunk length %d < %d)", length, hdr)
		return true
	}
	ppiOff := 12
	if idata {
		ppiOff = 16
	}
	ppi := t.U32(ppiOff)
	fl := t.U8(1)
	eBit, bBit, uBit := fl&1 != 0, fl&2 != 0, fl&4 != 0
	raw := t.U32(4)
	tsn := raw
	ha := p.ha
	if ha != nil {
		if !ha.started {
			ha.firstTSN, ha.started = raw, true
		}
		tsn -= ha.firstTSN
	}
	if c.Cols.On && !c.Cols.readonly {
		c.AppendInfo("(TSN=")
		c.AppendInfoUint(uint64(tsn))
		c.AppendInfo(") ")
	}
	c.T.SetLen(ck.tree, hdr)
	for _, hf := range [...]field.ID{hfSCTPDataIBit, hfSCTPDataUBit, hfSCTPDataBBit, hfSCTPDataEBit} {
		c.AddUint(ck.flags, hf, t, 1, 1)
	}
	var tsnItem int32
	if ha != nil {
		tsnItem = c.AddUintV(ck.tree, hfSCTPDataTsn, t, 4, 4, uint64(tsn))
		c.AddUintV(ck.tree, hfSCTPDataTsnRaw, t, 4, 4, uint64(raw))
	} else {
		tsnItem = c.AddUintV(ck.tree, hfSCTPDataTsnRaw, t, 4, 4, uint64(raw))
	}
	sid := t.U16(8)
	c.AddUintV(ck.tree, hfSCTPDataSid, t, 8, 2, uint64(sid))
	if idata {
		c.AddUint(ck.tree, hfSCTPDataReserved, t, 10, 2)
		c.AddUint(ck.tree, hfSCTPDataMid, t, 12, 4)
		if bBit {
			c.AddUintV(ck.tree, hfSCTPDataPayloadProtoId, t, 16, 4, uint64(ppi))
		} else {
			c.AddUint(ck.tree, hfSCTPDataFsn, t, 16, 4)
		}
	} else {
		c.AddUint(ck.tree, hfSCTPDataSsn, t, 10, 2)
		c.AddUintV(ck.tree, hfSCTPDataPayloadProtoId, t, 12, 4, uint64(ppi))
	}
	if ck.label != nil {
		order := "ordered"
		if uBit {
			order = "unordered"
		}
		seg := "middle"
		switch {
		case bBit && eBit:
			seg = "complete"
		case bBit:
			seg = "first"
		case eBit:
			seg = "last"
		}
		n := length - hdr
		switch {
		case !idata:
			ck.appendf(" (%s, %s segment, TSN: %d, SID: %d, SSN: %d, PPID: %d, payload length: %d byte%s)",
				order, seg, tsn, sid, t.U16(10), ppi, n, plural(n))
		case bBit:
			ck.appendf(" (%s, %s segment, TSN: %d, SID: %d, MID: %d, payload length: %d byte%s)",
				order, seg, tsn, sid, t.U32(12), n, plural(n))
		default:
			ck.appendf(" (%s, %s segment, TSN: %d, SID: %d, MID: %d, FSN: %d, payload length: %d byte%s)",
				order, seg, tsn, sid, t.U32(12), t.U32(16), n, plural(n))
		}
	}

	retrans := c.sctpTSN(ha, tsnItem, t, raw)

	payload := t.SubLen(hdr, min(length, ck.reported)-hdr)
	complete := bBit && eBit
	switch {
	case complete && !retrans:
		c.sctpPayload(payload, parent, ppi, p)
		return true
	case retrans:
		c.AppendInfo("(retransmission) ")
		return false
	}
	// a fragment of a user message
	var ssn, fragTSN uint32
	if idata {
		ssn = t.U32(12)
		if !bBit {
			fragTSN = t.U32(16)
			ppi = 0
		}
	} else {
		if !uBit {
			ssn = uint32(t.U16(10))
		}
		fragTSN = raw
	}
	if payload.Len() < min(length, ck.reported)-hdr {
		return true // cut by the snap length: no reassembly
	}
	k := sctpFragKey{sport: p.sport, dport: p.dport, vtag: p.vtag, sid: sid, ssn: ssn, u: uBit}
	if rt, ok := c.sctpReassemble(k, fragTSN, bBit, eBit, payload, ck.tree); ok {
		c.sctpPayload(rt, parent, ppi, p)
	}
	return true
}

// sctpPayload hands a DATA payload to the dissector of its payload protocol identifier, its lower
// port, its higher port, the heuristics or data, in Wireshark's order (Decode As entries first). A
// malformed payload is marked and the remaining chunks are still dissected.
func (c *Ctx) sctpPayload(t Tvb, parent int32, ppi uint32, p *sctpPacket) {
	depth, ro := c.depth, c.Cols.readonly
	defer func() {
		if r := recover(); r != nil {
			c.recoverPanic(r, t)
			c.depth = depth
			c.Cols.readonly = ro
		}
	}()
	lo, hi := p.sport, p.dport
	if lo > hi {
		lo, hi = hi, lo
	}
	if h := c.decodeAs(SCTPPPI, uint64(ppi)); h != nil {
		c.Call(h, t, parent)
		return
	}
	for _, port := range [2]uint16{lo, hi} {
		if h := c.decodeAs(SCTPPort, uint64(port)); h != nil && port != 0 {
			c.MatchPort = uint32(port)
			c.Call(h, t, parent)
			return
		}
	}
	if h, ok := SCTPPPI.Get(uint64(ppi)); ok {
		c.Call(h, t, parent)
		return
	}
	for _, port := range [2]uint16{lo, hi} {
		if h, ok := SCTPPort.Get(uint64(port)); ok && port != 0 {
			c.MatchPort = uint32(port)
			c.Call(h, t, parent)
			return
		}
	}
	if c.TryHeuristics(SCTPPPI, t, parent) {
		return
	}
	c.CallData(t, parent)
}

// sctpInitChunk dissects an INIT or INIT ACK chunk with its parameters.
func (c *Ctx) sctpInitChunk(ck *sctpChunkCtx, p *sctpPacket, tag, credit, out, in, initial field.ID) {
	t := ck.t
	if ck.length < 20 {
		ck.appendf(", bogus chunk length %d < 20)", ck.length)
		return
	}
	c.AddUint(ck.tree, tag, t, 4, 4)
	c.AddHidden(ck.tree, hfSCTPInitiateTag, t, 4, 4, field.Value{U: uint64(t.U32(4))})
	c.AddUint(ck.tree, credit, t, 8, 4)
	_, o := c.AddUint(ck.tree, out, t, 12, 2)
	_, i := c.AddUint(ck.tree, in, t, 14, 2)
	c.AddUint(ck.tree, initial, t, 16, 4)
	ck.appendf(" (Outbound streams: %d, inbound streams: %d)", o, i)
	vt, rep := ck.value(20, ck.length-20)
	c.sctpParameters(p, vt, rep, ck.tree, nil)
}

// sctpSackChunk dissects a SACK chunk: the cumulative TSN ack (relative to the peer's first TSN),
// the gap blocks and the duplicate TSNs, and what they acknowledge.
func (c *Ctx) sctpSackChunk(ck *sctpChunkCtx, p *sctpPacket) {
	t, ha := ck.t, p.ha
	raw := t.U32(4)
	cum := raw
	rel := ha != nil && ha.peer != nil
	if rel {
		cum -= ha.peer.firstTSN
	}
	c.AddUint(ck.flags, hfSCTPSackNounceSum, t, 1, 1)
	var ctsa int32
	if rel {
		ctsa = c.AddUintV(ck.tree, hfSCTPSackCumulativeTsnAck, t, 4, 4, uint64(cum))
		c.AddUintV(ck.tree, hfSCTPSackCumulativeTsnAckRaw, t, 4, 4, uint64(raw))
	} else {
		ctsa = c.AddUintV(ck.tree, hfSCTPSackCumulativeTsnAckRaw, t, 4, 4, uint64(raw))
	}
	rn, rwnd := c.AddUint(ck.tree, hfSCTPSackARwnd, t, 8, 4)
	_, nGaps := c.AddUint(ck.tree, hfSCTPSackNumberOfGapBlocks, t, 12, 2)
	_, nDups := c.AddUint(ck.tree, hfSCTPSackNumberOfDuplicatedTsns, t, 14, 2)
	if rwnd == 0 {
		c.Expert(rn, eiSCTPZeroWindow, t, 8, 4, "")
	}
	c.sctpAckBlock(p, t, ctsa, false, 0, cum)
	o := 16
	var lastEnd uint16
	var gapAcked uint32
	for i := 0; i < int(nGaps); i++ {
		start, end := t.U16(o), t.U16(o+2)
		tsnStart := cum + uint32(start)
		bt := c.AddText(ck.tree, t, o, 4, "Gap Acknowledgement for TSN "+itoa(uint64(tsnStart))+" to "+itoa(uint64(cum+uint32(end))))
		sn := c.AddUintV(bt, hfSCTPSackGapBlockStart, t, o, 2, uint64(start))
		c.AddGenerated(sn, hfSCTPSackGapBlockStartTsn, t, o, 2, field.Value{U: uint64(tsnStart)})
		en := c.AddUintV(bt, hfSCTPSackGapBlockEnd, t, o+2, 2, uint64(end))
		eg := c.AddGenerated(en, hfSCTPSackGapBlockEndTsn, t, o+2, 2, field.Value{U: uint64(cum + uint32(end))})
		c.sctpAckBlock(p, t, bt, true, tsnStart, cum+uint32(end))
		gapAcked += uint32(end) + 1 - uint32(start)
		if start > end {
			c.Expert(eg, eiSCTPGapMalformed, t, o+2, 2, "")
		}
		if lastEnd > start {
			c.Expert(eg, eiSCTPGapOutOfOrder, t, o+2, 2, "")
		}
		lastEnd = end
		o += 4
	}
	if c.Cols.On && !c.Cols.readonly {
		c.AppendInfo("(Ack=")
		c.AppendInfoUint(uint64(cum))
		if lastEnd != 0 {
			c.AppendInfo("+")
			c.AppendInfoUint(uint64(lastEnd))
		}
		c.AppendInfo(", Arwnd=")
		c.AppendInfoUint(rwnd)
		c.AppendInfo(") ")
	}
	if gapAcked != 0 {
		n := c.AddGenerated(ck.tree, hfSCTPSackNumberOfTsnsGapAcked, t, 0, 0, field.Value{U: uint64(gapAcked)})
		if gapAcked > 100 {
			c.Expert(n, eiSCTPGapAcked100, t, 0, 0, "")
		}
	}
	for i := 0; i < int(nDups); i++ {
		c.AddUint(ck.tree, hfSCTPSackDuplicateTsn, t, o, 4)
		o += 4
	}
	ck.appendf(" (Cumulative TSN: %d, a_rwnd: %d, gaps: %d, duplicate TSNs: %d)", raw, rwnd, nGaps, nDups)
}

// sctpNrSackChunk dissects an NR-SACK chunk (gap and non-renegable gap blocks).
func (c *Ctx) sctpNrSackChunk(ck *sctpChunkCtx, p *sctpPacket) {
	t := ck.t
	c.AddUint(ck.flags, hfSCTPNrSackNounceSum, t, 1, 1)
	ctsa, cum64 := c.AddUint(ck.tree, hfSCTPNrSackCumulativeTsnAck, t, 4, 4)
	cum := uint32(cum64)
	_, rwnd := c.AddUint(ck.tree, hfSCTPNrSackARwnd, t, 8, 4)
	_, nGaps := c.AddUint(ck.tree, hfSCTPNrSackNumberOfGapBlocks, t, 12, 2)
	_, nNrGaps := c.AddUint(ck.tree, hfSCTPNrSackNumberOfNrGapBlocks, t, 14, 2)
	_, nDups := c.AddUint(ck.tree, hfSCTPNrSackNumberOfDuplicatedTsns, t, 16, 2)
	c.AddUint(ck.tree, hfSCTPNrSackReserved, t, 18, 2)
	c.sctpAckBlock(p, t, ctsa, false, 0, cum)
	o := 20
	blocks := func(n uint64, label string, hfs [4]field.ID, ack bool, hfCount field.ID, ei *Expert) {
		var lastEnd uint16
		var acked uint32
		for i := 0; i < int(n); i++ {
			start, end := t.U16(o), t.U16(o+2)
			tsnStart := cum + uint32(start)
			bt := c.AddText(ck.tree, t, o, 4, label+" for TSN "+itoa(uint64(tsnStart))+" to "+itoa(uint64(cum+uint32(end))))
			sn := c.AddUintV(bt, hfs[0], t, o, 2, uint64(start))
			c.AddGenerated(sn, hfs[1], t, o, 2, field.Value{U: uint64(tsnStart)})
			en := c.AddUintV(bt, hfs[2], t, o+2, 2, uint64(end))
			eg := c.AddGenerated(en, hfs[3], t, o+2, 2, field.Value{U: uint64(cum + uint32(end))})
			if ack {
				c.sctpAckBlock(p, t, bt, true, tsnStart, cum+uint32(end))
			}
			acked += uint32(int(end) - int(start) + 1) // C's int arithmetic, wrapped when the block is malformed
			if start > end {
				c.Expert(eg, eiSCTPGapMalformed, t, o+2, 2, "")
			}
			if lastEnd > start {
				c.Expert(eg, eiSCTPGapOutOfOrder, t, o+2, 2, "")
			}
			lastEnd = end
			o += 4
		}
		if acked != 0 {
			nn := c.AddGenerated(ck.tree, hfCount, t, 0, 0, field.Value{U: uint64(acked)})
			if acked > 100 {
				c.Expert(nn, ei, t, 0, 0, "")
			}
		}
	}
	blocks(nGaps, "Gap Acknowledgement", [4]field.ID{hfSCTPNrSackGapBlockStart, hfSCTPNrSackGapBlockStartTsn,
		hfSCTPNrSackGapBlockEnd, hfSCTPNrSackGapBlockEndTsn}, true, hfSCTPNrSackNumberOfTsnsGapAcked, eiSCTPNrGapAcked100)
	blocks(nNrGaps, "NR-Gap Acknowledgement", [4]field.ID{hfSCTPNrSackNrGapBlockStart, hfSCTPNrSackNrGapBlockStartTsn,
		hfSCTPNrSackNrGapBlockEnd, hfSCTPNrSackNrGapBlockEndTsn}, false, hfSCTPNrSackNumberOfTsnsNrGapAcked, eiSCTPNrNrGapAcked100)
	for i := 0; i < int(nDups); i++ {
		c.AddUint(ck.tree, hfSCTPNrSackDuplicateTsn, t, o, 4)
		o += 4
	}
	ck.appendf(" (Cumulative TSN: %d, a_rwnd: %d, gaps: %d, nr-gaps: %d, duplicate TSNs: %d)", cum, rwnd, nGaps, nNrGaps, nDups)
}

// sctpForwardTSNChunk dissects a FORWARD TSN chunk.
func (c *Ctx) sctpForwardTSNChunk(ck *sctpChunkCtx) {
	t := ck.t
	if ck.length < 8 {
		ck.appendf(", bogus chunk length %d < 8)", ck.length)
		return
	}
	_, v := c.AddUint(ck.tree, hfSCTPForwardTsnTsn, t, 4, 4)
	o := 8
	for i := 0; i < (ck.length-8)/4; i++ {
		c.AddUint(ck.tree, hfSCTPForwardTsnSid, t, o, 2)
		c.AddUint(ck.tree, hfSCTPForwardTsnSsn, t, o+2, 2)
		o += 4
	}
	ck.appendf("(Cumulative TSN: %d)", v)
}

// sctpIForwardTSNChunk dissects an I-FORWARD-TSN chunk.
func (c *Ctx) sctpIForwardTSNChunk(ck *sctpChunkCtx) {
	t := ck.t
	if ck.length < 8 {
		ck.appendf(", bogus chunk length %d < 8)", ck.length)
		return
	}
	_, v := c.AddUint(ck.tree, hfSCTPIForwardTsnTsn, t, 4, 4)
	o := 8
	for i := 0; i < (ck.length-8)/8; i++ {
		c.AddUint(ck.tree, hfSCTPIForwardTsnSid, t, o, 2)
		fn, _ := c.AddUint(ck.tree, hfSCTPIForwardTsnFlags, t, o+2, 2)
		c.AddUint(fn, hfSCTPIForwardTsnRes, t, o+2, 2)
		c.AddUint(fn, hfSCTPIForwardTsnUBit, t, o+2, 2)
		c.AddUint(ck.tree, hfSCTPForwardTsnMid, t, o+4, 4)
		o += 8
	}
	ck.appendf("(Cumulative TSN: %d)", v)
}

// sctpPktdropChunk dissects a PKTDROP chunk, whose data field is the dropped packet (dissected
// unless truncated, as a packet quoted in an error).
func (c *Ctx) sctpPktdropChunk(ck *sctpChunkCtx) {
	t := ck.t
	if ck.length < 16 {
		ck.appendf(", bogus chunk length %d < 16)", ck.length)
		return
	}
	for _, hf := range [...]field.ID{hfSCTPPckdropMBit, hfSCTPPckdropBBit, hfSCTPPckdropTBit} {
		c.AddUint(ck.flags, hf, t, 1, 1)
	}
	c.AddUint(ck.tree, hfSCTPPktdropBandwidth, t, 4, 4)
	c.AddUint(ck.tree, hfSCTPPktdropQueuesize, t, 8, 4)
	c.AddUint(ck.tree, hfSCTPPktdropTruncatedLength, t, 12, 2)
	c.AddUint(ck.tree, hfSCTPPktdropReserved, t, 14, 2)
	n := ck.length - 16
	if n <= 0 {
		return
	}
	if t.U8(1)&4 != 0 {
		c.AddBytes(ck.tree, hfSCTPPktdropDatafield, t, 16, n)
		return
	}
	vt, _ := ck.value(16, n)
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > 64 {
		panic(boundsError{})
	}
	c.sctpPacket(vt, ck.tree, true)
}

// ---- TSN analysis (Wireshark's "TSN ANALYSIS CODE", enabled by default) ----
//
// Each direction of an association (ports and verification tag) is a half association that keeps
// its first TSN, against which TSNs are shown relative, and the TSNs it sent: when first sent, when
// retransmitted and in which SACK of the other direction they were acknowledged. Halves are paired
// by ports and addresses. The first pass builds this; later dissections only read it, so they show
// what Wireshark's second pass shows (the acknowledging frame of a DATA chunk, say).

// sctpSeen is a frame and its time.
type sctpSeen struct {
	frame uint32
	ts    int64
}

// sctpTSNRec is a TSN a half association sent.
type sctpTSNRec struct {
	tsn          uint32
	first, ack   sctpSeen
	retrans      []sctpSeen
	retransCount uint32
	next         *sctpTSNRec // the next TSN the same SACK acknowledged
}

// sctpHalf is one direction of an association.
type sctpHalf struct {
	started  bool
	firstTSN uint32
	cummAck  uint32
	tsns     map[uint32]*sctpTSNRec // by relative TSN
	acks     map[uint32]*sctpTSNRec // by acknowledging frame: the first of a list
	peer     *sctpHalf
}

type sctpDirKey struct {
	sport, dport uint16
	vtag         uint32
}

type sctpAddrKey struct {
	sport, dport uint16
	addr         [16]byte
	alen         uint8
}

// sctpWaiting is an unpaired half waiting for its peer under an address key (nil once paired).
type sctpWaiting struct{ h *sctpHalf }

type sctpState struct {
	dirs  map[sctpDirKey]*sctpHalf
	addrs map[sctpAddrKey]*sctpWaiting
	frags map[sctpFragKey]*sctpFragMsg
	done  map[sctpFragDone]*sctpFragResult
	// pendingBytes counts the fragment bytes held for incomplete messages.
	pendingBytes int
}

var sctpSlot = newStateSlot(func() any {
	return &sctpState{dirs: map[sctpDirKey]*sctpHalf{}, addrs: map[sctpAddrKey]*sctpWaiting{},
		frags: map[sctpFragKey]*sctpFragMsg{}, done: map[sctpFragDone]*sctpFragResult{}}
})

func sctpAddr(sport, dport uint16, a []byte) sctpAddrKey {
	k := sctpAddrKey{sport: sport, dport: dport, alen: uint8(len(a))}
	copy(k.addr[:], a)
	return k
}

// sctpHalfAssoc returns the half association of a packet (get_half_assoc): none without a
// verification tag or inside an error packet.
func (c *Ctx) sctpHalfAssoc(sport, dport uint16, vtag uint32) *sctpHalf {
	if vtag == 0 || c.inErrorPacket() {
		return nil
	}
	st := c.State.slot(sctpSlot).(*sctpState)
	dk := sctpDirKey{sport, dport, vtag}
	ha := st.dirs[dk]
	if !c.Pass1 {
		return ha
	}
	if ha != nil && ha.peer != nil {
		return ha
	}
	if ha == nil {
		ha = &sctpHalf{tsns: map[uint32]*sctpTSNRec{}, acks: map[uint32]*sctpTSNRec{}}
		st.dirs[dk] = ha
	}
	// pair it with the half going the other way between the same addresses
	if w := st.addrs[sctpAddr(dport, sport, c.NetDst)]; w != nil {
		if w.h == nil {
			w.h = ha
		} else {
			ha.peer, w.h.peer = w.h, ha
			w.h = nil
		}
	} else {
		st.addrs[sctpAddr(sport, dport, c.NetSrc)] = &sctpWaiting{h: ha}
	}
	return ha
}

// sctpMaxRetrans is how many retransmissions of a TSN are remembered (MAX_RETRANS_TRACKED_PER_TSN).
const sctpMaxRetrans = 100

// sctpTSN records a DATA chunk's TSN and shows what is known of it under item; it reports whether
// the TSN was seen before (a retransmission).
func (c *Ctx) sctpTSN(h *sctpHalf, item int32, t Tvb, tsn uint32) bool {
	if h == nil {
		return false
	}
	frame := c.Frame.Number
	if !h.started {
		h.firstTSN, h.started = tsn, true
	}
	rel := tsn - h.firstTSN
	r := h.tsns[rel]
	if r == nil {
		if !c.Pass1 {
			return false
		}
		r = &sctpTSNRec{tsn: tsn, first: sctpSeen{frame, c.Frame.TS}}
		h.tsns[rel] = r
	}
	retrans := r.first.frame != frame
	if c.Pass1 && retrans {
		r.retransCount++
		if len(r.retrans) <= sctpMaxRetrans {
			r.retrans = append(r.retrans, sctpSeen{frame, c.Frame.TS})
		}
	}
	c.sctpTSNTree(r, item, t)
	return retrans
}

// sctpTSNTree shows a TSN's retransmissions and acknowledgement (tsn_tree).
func (c *Ctx) sctpTSNTree(r *sctpTSNRec, item int32, t Tvb) {
	frame, now := c.Frame.Number, c.Frame.TS
	if r.first.frame != frame {
		pi := c.AddGenerated(item, hfSCTPRetransmission, t, 0, 0, field.Value{U: uint64(r.first.frame)})
		c.Expert(pi, eiSCTPRetransmitted, t, 0, 0, "")
		c.AddGenerated(pi, hfSCTPRetransmissionTime, t, 0, 0, field.Value{I: now - r.first.ts})
		if r.ack.frame != 0 && r.ack.frame < frame {
			ra := c.AddGenerated(pi, hfSCTPRetransmittedAfterAck, t, 0, 0, field.Value{U: uint64(r.ack.frame)})
			c.Label(ra, "This TSN was acked (in frame %d) prior to this retransmission (reneged ack?)", r.ack.frame)
			c.Expert(ra, eiSCTPRetransmittedAfterAck, t, 0, 0, "")
		}
	} else if len(r.retrans) > 0 {
		pi := c.AddGenerated(item, hfSCTPRetransmittedCount, t, 0, 0, field.Value{U: uint64(r.retransCount)})
		if c.Visible() {
			s := "This TSN was retransmitted " + itoa(uint64(r.retransCount)) + " time" + plural(int(r.retransCount))
			if r.retransCount > sctpMaxRetrans {
				s += " (only " + itoa(sctpMaxRetrans) + " displayed)"
			}
			c.T.SetLabel(pi, s)
		}
		if r.retransCount > 2 {
			c.Expert(pi, eiSCTPRetransmittedTwice, t, 0, 0, "")
		}
		for _, rt := range r.retrans {
			n := c.AddGenerated(pi, hfSCTPRetransmitted, t, 0, 0, field.Value{U: uint64(rt.frame)})
			if c.Visible() {
				c.T.SetLabel(n, "This TSN was retransmitted in frame "+itoa(uint64(rt.frame))+" ("+
					string(field.AppendRelTime(nil, rt.ts-now))+" seconds after this frame)")
			}
		}
	}
	if r.ack.frame != 0 {
		pi := c.AddGenerated(item, hfSCTPAcked, t, 0, 0, field.Value{U: uint64(r.ack.frame)})
		c.AddGenerated(pi, hfSCTPDataRtt, t, 0, 0, field.Value{I: r.ack.ts - r.first.ts})
	}
}

// sctpAckTree shows that this frame acknowledges TSN r (ack_tree).
func (c *Ctx) sctpAckTree(r *sctpTSNRec, tree int32, t Tvb) {
	if r.ack.frame != c.Frame.Number {
		return
	}
	pi := c.AddGenerated(tree, hfSCTPAck, t, 0, 0, field.Value{U: uint64(r.tsn)})
	c.AddGenerated(pi, hfSCTPAckFrame, t, 0, 0, field.Value{U: uint64(r.first.frame)})
	c.AddGenerated(pi, hfSCTPSackRtt, t, 0, 0, field.Value{I: r.ack.ts - r.first.ts})
}

// sctpAck marks the peer's TSN rel as acknowledged by this frame (sctp_ack).
func (c *Ctx) sctpAck(h *sctpHalf, tree int32, t Tvb, rel uint32) {
	r := h.peer.tsns[rel]
	if r == nil {
		return
	}
	frame := c.Frame.Number
	if r.ack.frame == 0 {
		r.ack = sctpSeen{frame, c.Frame.TS}
		if first := h.peer.acks[frame]; first != nil {
			for first.next != nil {
				first = first.next
			}
			first.next = r
		} else {
			h.peer.acks[frame] = r
		}
	}
	c.sctpAckTree(r, tree, t)
}

// sctpAckBlock acknowledges the peer's TSNs from start (from the cumulative ack so far when
// !hasStart) to end, as Wireshark's sctp_ack_block does, which treats the values it is given as
// absolute TSNs although the SACK dissection passes relative ones.
func (c *Ctx) sctpAckBlock(p *sctpPacket, t Tvb, tree int32, hasStart bool, start, end uint32) {
	h := p.ha
	if h == nil || h.peer == nil || !h.peer.started {
		return
	}
	frame := c.Frame.Number
	relEnd := end - h.peer.firstTSN
	relStart := h.peer.cummAck
	if hasStart {
		relStart = start - h.peer.firstTSN
	}
	if r := h.peer.acks[frame]; r != nil {
		for ; r != nil; r = r.next {
			tsn := r.tsn - h.peer.firstTSN
			if r.ack.frame == frame && (!hasStart || relStart <= tsn) && tsn <= relEnd {
				c.sctpAckTree(r, tree, t)
			}
		}
		return
	}
	if !c.Pass1 || relEnd < relStart || relEnd-relStart > 0xffff0000 {
		return
	}
	if !hasStart {
		h.peer.cummAck = relEnd + 1
	}
	if relEnd-relStart < 5000 {
		// Wireshark walks up to 5000 TSNs a block; a packet of many blocks is held to a budget
		// proportional to its length, so that the work stays linear in the input.
		n := relEnd - relStart + 1
		if p.ackBudget < int(n) {
			n = uint32(max(p.ackBudget, 0))
		}
		p.ackBudget -= int(n)
		for i := uint32(0); i < n; i++ {
			c.sctpAck(h, tree, t, relStart+i)
		}
	}
}

// ---- reassembly of fragmented user messages ----
//
// Fragments (DATA chunks without both the B and the E bit) are collected per stream and stream
// sequence number (message identifier for I-DATA); the fragment that makes a run from a first to
// a last fragment of consecutive TSNs complete reassembles the message, which goes to the payload
// dissector from a "Reassembled SCTP Message" data source. TSN wrap-around within a message is not
// reassembled. Pending fragment bytes are bounded.

const sctpFragMaxPendingBytes = 64 << 20

type sctpFragKey struct {
	sport, dport uint16
	vtag         uint32
	sid          uint16
	ssn          uint32
	u            bool
}

// sctpFrag is one fragment of a message.
type sctpFrag struct {
	tsn, frame uint32
	b, e       bool
	data       []byte // until the message is reassembled
	n          int
}

// sctpFragMsg is what arrived of the messages of one stream and sequence number.
type sctpFragMsg struct {
	frags []*sctpFrag // by TSN
	done  []*sctpFragResult
}

// sctpFragResult is a reassembled message.
type sctpFragResult struct {
	begin, end uint32
	in         uint32 // the frame that completed it
	inTSN      uint32
	data       []byte
	parts      []sctpFrag // frame and length of each fragment, data-less
}

// sctpFragDone remembers, for later passes, which message a fragment of a frame belongs to.
type sctpFragDone struct {
	frame uint32
	key   sctpFragKey
	tsn   uint32
}

// sctpReassemble adds a fragment (first pass) or looks its message up (later passes). On the
// fragment that completes a message it shows the fragments and returns the reassembled message.
func (c *Ctx) sctpReassemble(k sctpFragKey, tsn uint32, b, e bool, payload Tvb, tree int32) (Tvb, bool) {
	if c.inErrorPacket() {
		return Tvb{}, false
	}
	st := c.State.slot(sctpSlot).(*sctpState)
	dk := sctpFragDone{c.Frame.Number, k, tsn}
	if !c.Pass1 {
		r := st.done[dk]
		if r == nil {
			c.AppendInfo("(Message Fragment) ")
			return Tvb{}, false
		}
		return c.sctpFragShow(r, tsn, payload, tree)
	}
	m := st.frags[k]
	if m == nil {
		m = &sctpFragMsg{}
		st.frags[k] = m
	}
	i := 0
	for i < len(m.frags) && m.frags[i].tsn < tsn {
		i++
	}
	if i < len(m.frags) && m.frags[i].tsn == tsn {
		if f := m.frags[i]; f.frame != c.Frame.Number {
			c.AppendInfo("(Duplicate Message Fragment) ")
			c.AddUintV(tree, hfSCTPDuplicate, payload, 0, 0, uint64(f.frame))
			return Tvb{}, false
		}
	} else {
		if payload.Len() == 0 {
			return Tvb{}, false
		}
		for _, r := range m.done { // a fragment of a message already complete: nothing new
			if r.begin <= tsn && tsn <= r.end {
				c.AppendInfo("(Message Fragment) ")
				c.AddUintV(tree, hfSCTPReassembledIn, payload, 0, 0, uint64(r.in))
				return Tvb{}, false
			}
		}
		if st.pendingBytes > sctpFragMaxPendingBytes {
			c.AppendInfo("(Message Fragment) ")
			return Tvb{}, false
		}
		f := &sctpFrag{tsn: tsn, frame: c.Frame.Number, b: b, e: e, data: append([]byte(nil), payload.B...), n: payload.Len()}
		m.frags = append(m.frags, nil)
		copy(m.frags[i+1:], m.frags[i:])
		m.frags[i] = f
		st.pendingBytes += f.n
	}
	// the first fragment at or before this one, the last one at or after it
	bi, ei := -1, -1
	for j := i; j >= 0; j-- {
		if f := m.frags[j]; f.b && !f.e && f.data != nil {
			bi = j
			break
		}
	}
	for j := i; j < len(m.frags); j++ {
		if f := m.frags[j]; !f.b && f.e && f.data != nil {
			ei = j
			break
		}
	}
	if bi < 0 || ei < 0 {
		c.AppendInfo("(Message Fragment) ")
		return Tvb{}, false
	}
	for j := bi + 1; j <= ei; j++ {
		if m.frags[j].tsn != m.frags[j-1].tsn+1 || m.frags[j].data == nil {
			c.AppendInfo("(Message Fragment) ")
			return Tvb{}, false
		}
	}
	r := &sctpFragResult{begin: m.frags[bi].tsn, end: m.frags[ei].tsn, in: c.Frame.Number, inTSN: tsn}
	for j := bi; j <= ei; j++ {
		f := m.frags[j]
		r.data = append(r.data, f.data...)
		st.pendingBytes -= f.n
		f.data = nil
		r.parts = append(r.parts, sctpFrag{tsn: f.tsn, frame: f.frame, n: f.n})
		st.done[sctpFragDone{f.frame, k, f.tsn}] = r
	}
	m.done = append(m.done, r)
	return c.sctpFragShow(r, tsn, payload, tree)
}

// sctpFragShow shows a fragment of reassembled message r: on the fragment that completed it the
// reassembled data source and the fragment list, on the others the frame it was reassembled in.
func (c *Ctx) sctpFragShow(r *sctpFragResult, tsn uint32, payload Tvb, tree int32) (Tvb, bool) {
	if r.in != c.Frame.Number || r.inTSN != tsn || len(c.T.Sources) >= 255 {
		c.AppendInfo("(Message Fragment) ")
		c.AddGenerated(tree, hfSCTPReassembledIn, payload, 0, 0, field.Value{U: uint64(r.in)})
		return Tvb{}, false
	}
	c.T.Sources = append(c.T.Sources, field.Source{Name: "Reassembled SCTP Message", Bytes: r.data})
	rt := Tvb{B: r.data, Src: uint8(len(c.T.Sources) - 1)}
	fi := c.Add(tree, hfSCTPFragments, payload, 0, payload.Len(), field.Value{})
	c.Label(fi, "Reassembled SCTP Fragments (%d bytes, %d fragments): ", len(r.data), r.end-r.begin+1)
	off := 0
	for _, f := range r.parts {
		n := c.AddUintV(fi, hfSCTPFragment, rt, off, f.n, uint64(f.frame))
		c.Label(n, "Frame: %d, payload: %d-%d (%d bytes)", f.frame, off, off+f.n-1, f.n)
		off += f.n
	}
	return rt, true
}
