package dissect

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// DHCP and BOOTP (RFC 2131, 951) on UDP ports 67 and 68. Wireshark names the protocol "dhcp" and
// shows "BOOTP" in the Protocol column until a DHCP Message Type option is seen.

var (
	protoDHCP                                   = Fields.Protocol("dhcp", "Dynamic Host Configuration Protocol")
	hfDHCPBootp                                 = Fields.Add(protoDHCP, "dhcp.bootp", "Frame is BOOTP", field.Bool)
	hfDHCPType                                  = Fields.Add(protoDHCP, "dhcp.type", "Message type", field.Uint8, field.WithStrings(map[uint64]string{1: "Boot Request", 2: "Boot Reply"}))
	hfDHCPHWType                                = Fields.Add(protoDHCP, "dhcp.hw.type", "Hardware type", field.Uint8, field.WithBase(field.Hex), field.WithStrings(dhcpHWTypeNames))
	hfDHCPHWLen                                 = Fields.Add(protoDHCP, "dhcp.hw.len", "Hardware address length", field.Uint8)
	hfDHCPHops                                  = Fields.Add(protoDHCP, "dhcp.hops", "Hops", field.Uint8)
	hfDHCPID                                    = Fields.Add(protoDHCP, "dhcp.id", "Transaction ID", field.Uint32, field.WithBase(field.Hex))
	hfDHCPSecs                                  = Fields.Add(protoDHCP, "dhcp.secs", "Seconds elapsed", field.Uint16)
	hfDHCPFlags                                 = Fields.Add(protoDHCP, "dhcp.flags", "Bootp flags", field.Uint16, field.WithBase(field.Hex))
	hfDHCPFlagsBC                               = Fields.Add(protoDHCP, "dhcp.flags.bc", "Broadcast flag", field.Bool, field.WithBase(16), field.WithMask(0x8000), field.WithTrueFalse("Broadcast", "Unicast"))
	hfDHCPFlagsRes                              = Fields.Add(protoDHCP, "dhcp.flags.reserved", "Reserved flags", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x7fff))
	hfDHCPIPClient                              = Fields.Add(protoDHCP, "dhcp.ip.client", "Client IP address", field.IPv4)
	hfDHCPIPYour                                = Fields.Add(protoDHCP, "dhcp.ip.your", "Your (client) IP address", field.IPv4)
	hfDHCPIPServer                              = Fields.Add(protoDHCP, "dhcp.ip.server", "Next server IP address", field.IPv4)
	hfDHCPIPRelay                               = Fields.Add(protoDHCP, "dhcp.ip.relay", "Relay agent IP address", field.IPv4)
	hfDHCPHWAddr                                = Fields.Add(protoDHCP, "dhcp.hw.addr", "Client hardware address", field.Bytes)
	hfDHCPHWPad                                 = Fields.Add(protoDHCP, "dhcp.hw.addr_padding", "Client hardware address padding", field.Bytes)
	hfDHCPHWMAC                                 = Fields.Add(protoDHCP, "dhcp.hw.mac_addr", "Client MAC address", field.Ether)
	hfDHCPServer                                = Fields.Add(protoDHCP, "dhcp.server", "Server host name", field.String)
	hfDHCPFile                                  = Fields.Add(protoDHCP, "dhcp.file", "Boot file name", field.String)
	hfDHCPCookie                                = Fields.Add(protoDHCP, "dhcp.cookie", "Magic cookie", field.IPv4)
	hfDHCPClientID                              = Fields.Add(protoDHCP, "dhcp.client_id", "Identifier", field.Bytes)
	hfDHCPOptType                               = Fields.Add(protoDHCP, "dhcp.option.type", "Option", field.Uint8)
	hfDHCPOptLen                                = Fields.Add(protoDHCP, "dhcp.option.length", "Length", field.Uint8)
	hfDHCPOptValue                              = Fields.Add(protoDHCP, "dhcp.option.value", "Value", field.Bytes)
	hfDHCPOptPadding                            = Fields.Add(protoDHCP, "dhcp.option.padding", "Padding", field.Bytes)
	hfDHCPOptEnd                                = Fields.Add(protoDHCP, "dhcp.option.end", "Option End", field.Uint8)
	hfDHCPOptMsgType                            = Fields.Add(protoDHCP, "dhcp.option.dhcp", "DHCP", field.Uint8, field.WithStrings(dhcpMsgTypeNames))
	hfDHCPOptReqItem                            = Fields.Add(protoDHCP, "dhcp.option.request_list_item", "Parameter Request List Item", field.Uint8)
	hfDHCPOptVendor                             = Fields.Add(protoDHCP, "dhcp.option.vendor.value", "Value", field.Bytes)
	hfDHCPArubaController                       = Fields.Add(protoDHCP, "dhcp.option.vendor.arubaap.controllerip", "Aruba Controller IP", field.String)
	eiDHCPBadLen                                = RegisterExpert(protoDHCP, "dhcp.bad_length", "Bad length", GroupProtocol, SevError)
	hfDHCPOpt_subnet_mask                       = Fields.Add(protoDHCP, "dhcp.option.subnet_mask", "Subnet Mask", field.IPv4)
	hfDHCPOpt_time_offset                       = Fields.Add(protoDHCP, "dhcp.option.time_offset", "Time Offset", field.Int32)
	hfDHCPOpt_router                            = Fields.Add(protoDHCP, "dhcp.option.router", "Router", field.IPv4)
	hfDHCPOpt_time_server                       = Fields.Add(protoDHCP, "dhcp.option.time_server", "Time Server", field.IPv4)
	hfDHCPOpt_name_server                       = Fields.Add(protoDHCP, "dhcp.option.name_server", "Name Server", field.IPv4)
	hfDHCPOpt_domain_name_server                = Fields.Add(protoDHCP, "dhcp.option.domain_name_server", "Domain Name Server", field.IPv4)
	hfDHCPOpt_log_server                        = Fields.Add(protoDHCP, "dhcp.option.log_server", "Log Server", field.IPv4)
	hfDHCPOpt_quotes_server                     = Fields.Add(protoDHCP, "dhcp.option.quotes_server", "Quotes Server", field.IPv4)
	hfDHCPOpt_lpr_server                        = Fields.Add(protoDHCP, "dhcp.option.lpr_server", "LPR Server", field.IPv4)
	hfDHCPOpt_impress_server                    = Fields.Add(protoDHCP, "dhcp.option.impress_server", "Impress Server", field.IPv4)
	hfDHCPOpt_resource_location_server          = Fields.Add(protoDHCP, "dhcp.option.resource_location_server", "Resource Location Server", field.IPv4)
	hfDHCPOpt_hostname                          = Fields.Add(protoDHCP, "dhcp.option.hostname", "Host Name", field.StringZ)
	hfDHCPOpt_boot_file_size                    = Fields.Add(protoDHCP, "dhcp.option.boot_file_size", "Boot File Size", field.Uint16)
	hfDHCPOpt_merit_dump_file                   = Fields.Add(protoDHCP, "dhcp.option.merit_dump_file", "Merit Dump File", field.StringZ)
	hfDHCPOpt_domain_name                       = Fields.Add(protoDHCP, "dhcp.option.domain_name", "Domain Name", field.StringZ)
	hfDHCPOpt_swap_server                       = Fields.Add(protoDHCP, "dhcp.option.swap_server", "Swap Server", field.IPv4)
	hfDHCPOpt_root_path                         = Fields.Add(protoDHCP, "dhcp.option.root_path", "Root Path", field.StringZ)
	hfDHCPOpt_extension_path                    = Fields.Add(protoDHCP, "dhcp.option.extension_path", "Extensions Path", field.StringZ)
	hfDHCPOpt_ip_forwarding                     = Fields.Add(protoDHCP, "dhcp.option.ip_forwarding", "IP Forwarding", field.Bool, field.WithTrueFalse("Enabled", "Disabled"))
	hfDHCPOpt_non_local_source_routing          = Fields.Add(protoDHCP, "dhcp.option.non_local_source_routing", "Non-Local Source Routing", field.Bool, field.WithTrueFalse("Enabled", "Disabled"))
	hfDHCPOpt_policy_filter_ip                  = Fields.Add(protoDHCP, "dhcp.option.policy_filter.ip", "IP Address", field.IPv4)
	hfDHCPOpt_policy_filter_subnet_mask         = Fields.Add(protoDHCP, "dhcp.option.policy_filter.subnet_mask", "Subnet Mask", field.IPv4)
	hfDHCPOpt_max_datagram_reassembly_size      = Fields.Add(protoDHCP, "dhcp.option.max_datagram_reassembly_size", "Maximum Datagram Reassembly Size", field.Uint16)
	hfDHCPOpt_default_ip_ttl                    = Fields.Add(protoDHCP, "dhcp.option.default_ip_ttl", "Default IP Time-to-Live", field.Uint8)
	hfDHCPOpt_path_mtu_aging_timeout            = Fields.Add(protoDHCP, "dhcp.option.path_mtu_aging_timeout", "Path MTU Aging Timeout", field.Uint32)
	hfDHCPOpt_path_mtu_plateau_table_item       = Fields.Add(protoDHCP, "dhcp.option.path_mtu_plateau_table_item", "Path MTU Plateau Table Item", field.Uint16)
	hfDHCPOpt_interface_mtu                     = Fields.Add(protoDHCP, "dhcp.option.interface_mtu", "Interface MTU", field.Uint16)
	hfDHCPOpt_all_subnets_are_local             = Fields.Add(protoDHCP, "dhcp.option.all_subnets_are_local", "All Subnets are Local", field.Bool, field.WithTrueFalse("Yes", "No"))
	hfDHCPOpt_broadcast_address                 = Fields.Add(protoDHCP, "dhcp.option.broadcast_address", "Broadcast Address", field.IPv4)
	hfDHCPOpt_perform_mask_discovery            = Fields.Add(protoDHCP, "dhcp.option.perform_mask_discovery", "Perform Mask Discovery", field.Bool, field.WithTrueFalse("Enabled", "Disabled"))
	hfDHCPOpt_mask_supplier                     = Fields.Add(protoDHCP, "dhcp.option.mask_supplier", "Mask Supplier", field.Bool, field.WithTrueFalse("Yes", "No"))
	hfDHCPOpt_perform_router_discover           = Fields.Add(protoDHCP, "dhcp.option.perform_router_discover", "Perform Router Discover", field.Bool, field.WithTrueFalse("Enabled", "Disabled"))
	hfDHCPOpt_router_solicitation_address       = Fields.Add(protoDHCP, "dhcp.option.router_solicitation_address", "Router Solicitation Address", field.IPv4)
	hfDHCPOpt_static_route_ip                   = Fields.Add(protoDHCP, "dhcp.option.static_route.ip", "Destination IP Address", field.IPv4)
	hfDHCPOpt_static_route_router               = Fields.Add(protoDHCP, "dhcp.option.static_route.router", "Destination Router", field.IPv4)
	hfDHCPOpt_trailer_encapsulation             = Fields.Add(protoDHCP, "dhcp.option.trailer_encapsulation", "Trailer Encapsulation", field.Bool, field.WithTrueFalse("Enabled", "Disabled"))
	hfDHCPOpt_arp_cache_timeout                 = Fields.Add(protoDHCP, "dhcp.option.arp_cache_timeout", "ARP Cache Timeout", field.Uint32)
	hfDHCPOpt_ethernet_encapsulation            = Fields.Add(protoDHCP, "dhcp.option.ethernet_encapsulation", "Ethernet Encapsulation", field.Bool, field.WithTrueFalse("Enabled", "Disabled"))
	hfDHCPOpt_tcp_default_ttl                   = Fields.Add(protoDHCP, "dhcp.option.tcp_default_ttl", "TCP Default TTL", field.Uint8)
	hfDHCPOpt_tcp_keepalive_interval            = Fields.Add(protoDHCP, "dhcp.option.tcp_keepalive_interval", "TCP Keepalive Interval", field.Uint32)
	hfDHCPOpt_tcp_keepalive_garbage             = Fields.Add(protoDHCP, "dhcp.option.tcp_keepalive_garbage", "TCP Keepalive Garbage", field.Bool, field.WithTrueFalse("Enabled", "Disabled"))
	hfDHCPOpt_nis_domain                        = Fields.Add(protoDHCP, "dhcp.option.nis_domain", "Network Information Service Domain", field.StringZ)
	hfDHCPOpt_nis_server                        = Fields.Add(protoDHCP, "dhcp.option.nis_server", "Network Information Service Server", field.IPv4)
	hfDHCPOpt_ntp_server                        = Fields.Add(protoDHCP, "dhcp.option.ntp_server", "Network Time Protocol Server", field.IPv4)
	hfDHCPOpt_netbios_over_tcpip_name_server    = Fields.Add(protoDHCP, "dhcp.option.netbios_over_tcpip_name_server", "NetBIOS over TCP/IP Name Server", field.IPv4)
	hfDHCPOpt_netbios_over_tcpip_dd_name_server = Fields.Add(protoDHCP, "dhcp.option.netbios_over_tcpip_dd_name_server", "NetBIOS over TCP/IP Datagram Distribution Name Server", field.IPv4)
	hfDHCPOpt_netbios_over_tcpip_node_type      = Fields.Add(protoDHCP, "dhcp.option.netbios_over_tcpip_node_type", "NetBIOS over TCP/IP Node Type", field.Uint8, field.WithStrings(dhcpNodeTypeNames))
	hfDHCPOpt_netbios_over_tcpip_scope          = Fields.Add(protoDHCP, "dhcp.option.netbios_over_tcpip_scope", "NetBIOS over TCP/IP Scope", field.StringZ)
	hfDHCPOpt_xwindows_system_font_server       = Fields.Add(protoDHCP, "dhcp.option.xwindows_system_font_server", "X Window System Font Server", field.IPv4)
	hfDHCPOpt_xwindows_system_display_manager   = Fields.Add(protoDHCP, "dhcp.option.xwindows_system_display_manager", "X Window System Display Manager", field.IPv4)
	hfDHCPOpt_requested_ip_address              = Fields.Add(protoDHCP, "dhcp.option.requested_ip_address", "Requested IP Address", field.IPv4)
	hfDHCPOpt_ip_address_lease_time             = Fields.Add(protoDHCP, "dhcp.option.ip_address_lease_time", "IP Address Lease Time", field.Uint32)
	hfDHCPOpt_dhcp_server_id                    = Fields.Add(protoDHCP, "dhcp.option.dhcp_server_id", "DHCP Server Identifier", field.IPv4)
	hfDHCPOpt_message                           = Fields.Add(protoDHCP, "dhcp.option.message", "Message", field.StringZ)
	hfDHCPOpt_dhcp_max_message_size             = Fields.Add(protoDHCP, "dhcp.option.dhcp_max_message_size", "Maximum DHCP Message Size", field.Uint16)
	hfDHCPOpt_renewal_time_value                = Fields.Add(protoDHCP, "dhcp.option.renewal_time_value", "Renewal Time Value", field.Uint32)
	hfDHCPOpt_rebinding_time_value              = Fields.Add(protoDHCP, "dhcp.option.rebinding_time_value", "Rebinding Time Value", field.Uint32)
	hfDHCPOpt_vendor_class_id                   = Fields.Add(protoDHCP, "dhcp.option.vendor_class_id", "Vendor class identifier", field.StringZ)
	hfDHCPOpt_nis_plus_domain                   = Fields.Add(protoDHCP, "dhcp.option.nis_plus_domain", "Network Information Service+ Domain", field.StringZ)
	hfDHCPOpt_nis_plus_server                   = Fields.Add(protoDHCP, "dhcp.option.nis_plus_server", "Network Information Service+ Server", field.IPv4)
	hfDHCPOpt_tftp_server_name                  = Fields.Add(protoDHCP, "dhcp.option.tftp_server_name", "TFTP Server Name", field.StringZ)
	hfDHCPOpt_bootfile_name                     = Fields.Add(protoDHCP, "dhcp.option.bootfile_name", "Bootfile name", field.StringZ)
	hfDHCPOpt_mobile_ip_home_agent              = Fields.Add(protoDHCP, "dhcp.option.mobile_ip_home_agent", "Mobile IP Home Agent", field.IPv4)
	hfDHCPOpt_smtp_server                       = Fields.Add(protoDHCP, "dhcp.option.smtp_server", "SMTP Server", field.IPv4)
	hfDHCPOpt_pop3_server                       = Fields.Add(protoDHCP, "dhcp.option.pop3_server", "POP3 Server", field.IPv4)
	hfDHCPOpt_nntp_server                       = Fields.Add(protoDHCP, "dhcp.option.nntp_server", "NNTP Server", field.IPv4)
	hfDHCPOpt_default_www_server                = Fields.Add(protoDHCP, "dhcp.option.default_www_server", "Default WWW Server", field.IPv4)
	hfDHCPOpt_default_finger_server             = Fields.Add(protoDHCP, "dhcp.option.default_finger_server", "Default Finger Server", field.IPv4)
	hfDHCPOpt_default_irc_server                = Fields.Add(protoDHCP, "dhcp.option.default_irc_server", "Default IRC Server", field.IPv4)
	hfDHCPOpt_streettalk_server                 = Fields.Add(protoDHCP, "dhcp.option.streettalk_server", "StreetTalk Server", field.IPv4)
	hfDHCPOpt_streettalk_da_server              = Fields.Add(protoDHCP, "dhcp.option.streettalk_da_server", "StreetTalk Directory Assistance Server", field.IPv4)
	hfDHCPOpt_novell_ds_tree_name               = Fields.Add(protoDHCP, "dhcp.option.novell_ds_tree_name", "Novell Directory Services Tree Name", field.StringZ)
	hfDHCPOpt_novell_ds_context                 = Fields.Add(protoDHCP, "dhcp.option.novell_ds_context", "Novell Directory Services Context", field.StringZ)
	hfDHCPOpt_client_last_transaction_time      = Fields.Add(protoDHCP, "dhcp.option.client_last_transaction_time", "Client last transaction time", field.Uint32)
	hfDHCPOpt_associated_ip_option              = Fields.Add(protoDHCP, "dhcp.option.associated_ip_option", "Associated IP option", field.IPv4)
	hfDHCPOpt_tz_pcode                          = Fields.Add(protoDHCP, "dhcp.option.tz_pcode", "TZ PCode", field.String)
	hfDHCPOpt_tz_tcode                          = Fields.Add(protoDHCP, "dhcp.option.tz_tcode", "TZ TCode", field.String)
	hfDHCPOpt_netinfo_parent_server_address     = Fields.Add(protoDHCP, "dhcp.option.netinfo_parent_server_address", "NetInfo Parent Server Address", field.IPv4)
	hfDHCPOpt_netinfo_parent_server_tag         = Fields.Add(protoDHCP, "dhcp.option.netinfo_parent_server_tag", "NetInfo Parent Server Tag", field.StringZ)
	hfDHCPOpt_captive_portal                    = Fields.Add(protoDHCP, "dhcp.option.captive_portal", "Captive Portal", field.String)
	hfDHCPOpt_dhcp_auto_configuration           = Fields.Add(protoDHCP, "dhcp.option.dhcp_auto_configuration", "DHCP Auto-Configuration", field.Uint8, field.WithStrings(dhcpAutoConfNames))
	hfDHCPOpt_subnet_selection_option           = Fields.Add(protoDHCP, "dhcp.option.subnet_selection_option", "Subnet Selection Option", field.IPv4)
	hfDHCPOpt_pana_agent                        = Fields.Add(protoDHCP, "dhcp.option.pana_agent", "PAA IPv4 Address", field.IPv4)
	hfDHCPOpt_lost_server_domain_name           = Fields.Add(protoDHCP, "dhcp.option.lost_server_domain_name", "LoST Server Domain Name", field.StringZ)
	hfDHCPOpt_capwap_access_controller          = Fields.Add(protoDHCP, "dhcp.option.capwap_access_controller", "CAPWAP Access Controllers", field.IPv4)
	hfDHCPOpt_andsf_server                      = Fields.Add(protoDHCP, "dhcp.option.andsf_server", "ANDSF Server", field.IPv4)
	hfDHCPOpt_tftp_server_address               = Fields.Add(protoDHCP, "dhcp.option.tftp_server_address", "TFTP Server Address", field.IPv4)
	hfDHCPOpt_mudurl                            = Fields.Add(protoDHCP, "dhcp.option.mudurl", "MUDURL", field.String)
	hfDHCPOpt_pxe_config_file                   = Fields.Add(protoDHCP, "dhcp.option.pxe_config_file", "PXELINUX configuration file", field.String)
	hfDHCPOpt_pxe_path_prefix                   = Fields.Add(protoDHCP, "dhcp.option.pxe_path_prefix", "PXELINUX path prefix", field.String)
	hfDHCPOpt_private_proxy_autodiscovery       = Fields.Add(protoDHCP, "dhcp.option.private_proxy_autodiscovery", "Private/Proxy autodiscovery", field.StringZ)

	handleDHCP = &Handle{Name: "dhcp", Fn: dissectDHCP}
)

func init() {
	RegisterShortName(protoDHCP, "DHCP/BOOTP")
	UDPPort.Add(67, handleDHCP)
	UDPPort.Add(68, handleDHCP)
}

// dhcpKind says how an option's value is shown.
type dhcpKind uint8

const (
	dhcpOpaque dhcpKind = iota
	dhcpPad
	dhcpEnd
	dhcpIPv4
	dhcpIPv4List
	dhcpIPv4Pairs
	dhcpString
	dhcpBool
	dhcpUint
	dhcpUint16List
	dhcpTime
	dhcpMsgtype
	dhcpReqlist
	dhcpClientid
	dhcpVendor
)

// dhcpOpt describes an option: its name, how to show it and its fields.
type dhcpOpt struct {
	name    string
	kind    dhcpKind
	hf, hf2 field.ID
}

// dhcpFixedLen is the length an option of a fixed-size kind must have (0: any).
func dhcpFixedLen(o *dhcpOpt) int {
	switch o.kind {
	case dhcpIPv4, dhcpTime:
		return 4
	case dhcpBool:
		return 1
	case dhcpUint:
		return Fields.Get(o.hf).Type.Size()
	}
	return 0
}

func dissectDHCP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("BOOTP")
	op := t.U8(0)
	htype := t.U8(1)
	hlen := int(t.U8(2))
	xid := t.U32(4)
	c.ClearInfo()
	if c.Cols.On {
		if op == 1 {
			if htype == 1 && hlen == 6 {
				mac := string(field.AppendHexSep(nil, t.Bytes(28, 6), ':'))
				c.AppendInfo("Boot Request from " + mac + " (" + mac + ")")
			} else {
				c.AppendInfo("Boot Request")
			}
		} else {
			c.AppendInfo("Boot Reply")
		}
	}
	p := c.AddProto(parent, protoDHCP, t, 0, -1)
	c.AddUint(p, hfDHCPType, t, 0, 1)
	c.AddUint(p, hfDHCPHWType, t, 1, 1)
	c.AddUint(p, hfDHCPHWLen, t, 2, 1)
	c.AddUint(p, hfDHCPHops, t, 3, 1)
	c.AddUint(p, hfDHCPID, t, 4, 4)
	c.AddUint(p, hfDHCPSecs, t, 8, 2)
	fl, flags := c.AddUint(p, hfDHCPFlags, t, 10, 2)
	if flags&0x8000 != 0 {
		c.Label(fl, "Bootp flags: 0x%04x, Broadcast flag (Broadcast)", flags)
	} else {
		c.Label(fl, "Bootp flags: 0x%04x (Unicast)", flags)
	}
	c.AddUint(fl, hfDHCPFlagsBC, t, 10, 2)
	c.AddUint(fl, hfDHCPFlagsRes, t, 10, 2)
	c.AddBytes(p, hfDHCPIPClient, t, 12, 4)
	c.AddBytes(p, hfDHCPIPYour, t, 16, 4)
	c.AddBytes(p, hfDHCPIPServer, t, 20, 4)
	c.AddBytes(p, hfDHCPIPRelay, t, 24, 4)
	if htype == 1 && hlen == 6 {
		c.AddBytes(p, hfDHCPHWMAC, t, 28, 6)
		c.AddBytes(p, hfDHCPHWPad, t, 34, 10)
	} else if hlen > 0 && hlen <= 16 {
		c.AddBytes(p, hfDHCPHWAddr, t, 28, hlen)
		if hlen < 16 {
			c.AddBytes(p, hfDHCPHWPad, t, 28+hlen, 16-hlen)
		}
	} else {
		c.AddBytes(p, hfDHCPHWAddr, t, 28, 16)
	}
	dhcpStringField(c, p, t, hfDHCPServer, 44, 64, "Server host name not given")
	dhcpStringField(c, p, t, hfDHCPFile, 108, 128, "Boot file name not given")

	msgType := -1
	if t.Len() >= 240 && t.U32(236) == 0x63825363 {
		ck := c.AddBytes(p, hfDHCPCookie, t, 236, 4)
		c.Label(ck, "Magic cookie: DHCP")
		msgType = dhcpOptions(c, t, p, 240)
	}
	if msgType >= 0 {
		name, ok := dhcpMsgTypeNames[uint64(msgType)]
		if !ok {
			name = "Unknown Message Type (0x" + strconv.FormatUint(uint64(msgType), 16) + ")"
		}
		c.SetProtocol("DHCP")
		c.ClearInfo()
		c.AppendInfof("DHCP %-8s - Transaction ID 0x%x", name, xid)
		c.Label(p, "Dynamic Host Configuration Protocol (%s)", name)
	} else {
		c.AddHidden(p, hfDHCPBootp, t, 0, 0, field.Value{U: 1})
	}
}

// dhcpStringField adds a fixed-size, NUL-padded string field, labelled "... not given" when empty.
func dhcpStringField(c *Ctx, p int32, t Tvb, hf field.ID, o, n int, empty string) {
	b := t.Bytes(o, n)
	s := b
	for i, ch := range b {
		if ch == 0 {
			s = b[:i]
			break
		}
	}
	node := c.AddBytesV(p, hf, t, o, n, s)
	if len(s) == 0 {
		c.Label(node, "%s", empty)
	}
}

// dhcpOptions dissects the options from o and returns the DHCP message type (-1 if none).
func dhcpOptions(c *Ctx, t Tvb, p int32, o int) int {
	msgType := -1
	start := o
	for o < t.Len() {
		code := t.U8(o)
		if code == 0 {
			// A run of pads shows as one padding item.
			e := o
			for e < t.Len() && t.U8(e) == 0 {
				e++
			}
			c.AddBytes(p, hfDHCPOptPadding, t, o, e-o)
			o = e
			continue
		}
		if code == 255 {
			n := c.AddUintV(p, hfDHCPOptType, t, o, 1, 0)
			c.Label(n, "Option: (255) End")
			c.AddUint(n, hfDHCPOptEnd, t, o, 1)
			o++
			if o < t.Len() {
				c.AddBytes(p, hfDHCPOptPadding, t, o, t.Len()-o)
			}
			return msgType
		}
		l := int(t.U8(o + 1))
		if mt := dhcpOption(c, t, p, o, code, l, start); mt >= 0 {
			msgType = mt
		}
		o += 2 + l
	}
	return msgType
}

// dhcpVendorClass returns the vendor class identifier (option 60) among the options from o: it
// decides how option 43 reads, wherever it stands (Wireshark looks ahead the same way).
func dhcpVendorClass(t Tvb, o int) []byte {
	for o+1 < t.Len() {
		code := t.U8(o)
		if code == 0 {
			o++
			continue
		}
		if code == 255 {
			return nil
		}
		l := int(t.U8(o + 1))
		if code == 60 && t.Has(o+2, l) {
			return t.Bytes(o+2, l)
		}
		o += 2 + l
	}
	return nil
}

// dhcpOption dissects one option; it returns the message type for option 53, else -1. start is
// where the options begin (option 43 looks there for the vendor class).
func dhcpOption(c *Ctx, t Tvb, p int32, o int, code uint8, l int, start int) int {
	def := &dhcpOpts[code]
	name := def.name
	if name == "" {
		name = "Unknown"
	}
	n := c.AddUintV(p, hfDHCPOptType, t, o, 2+l, uint64(code))
	c.AddUint(n, hfDHCPOptLen, t, o+1, 1)
	v := o + 2
	t.Need(v, l)
	label := "Option: (" + strconv.Itoa(int(code)) + ") " + name
	msgType := -1
	if fl := dhcpFixedLen(def); fl != 0 && l != fl {
		c.AddBytes(n, hfDHCPOptValue, t, v, l)
		c.Expert(n, eiDHCPBadLen, t, o+1, 1, "length isn't "+strconv.Itoa(fl))
		c.Label(n, "%s", label)
		return -1
	}
	hidden := func() {
		if l > 0 {
			c.AddHidden(n, hfDHCPOptValue, t, v, l, field.Value{B: t.Bytes(v, l)})
		}
	}
	switch def.kind {
	case dhcpIPv4:
		hidden()
		c.AddBytes(n, def.hf, t, v, 4)
		label += " (" + string(field.AppendAddr(nil, t.Bytes(v, 4))) + ")"
	case dhcpIPv4List:
		hidden()
		for i := 0; i+4 <= l; i += 4 {
			c.AddBytes(n, def.hf, t, v+i, 4)
		}
	case dhcpIPv4Pairs:
		hidden()
		for i := 0; i+8 <= l; i += 8 {
			c.AddBytes(n, def.hf, t, v+i, 4)
			c.AddBytes(n, def.hf2, t, v+i+4, 4)
		}
	case dhcpString:
		hidden()
		b := t.Bytes(v, l)
		for i, ch := range b {
			if ch == 0 {
				b = b[:i]
				break
			}
		}
		c.AddBytesV(n, def.hf, t, v, l, b)
	case dhcpBool, dhcpUint:
		hidden()
		c.AddUint(n, def.hf, t, v, l)
	case dhcpUint16List:
		hidden()
		for i := 0; i+2 <= l; i += 2 {
			c.AddUint(n, def.hf, t, v+i, 2)
		}
	case dhcpTime:
		hidden()
		secs := t.U32(v)
		var tn int32
		if Fields.Get(def.hf).Type.IsSigned() {
			tn = c.AddIntV(n, def.hf, t, v, 4, int64(int32(secs)))
		} else {
			tn = c.AddUintV(n, def.hf, t, v, 4, uint64(secs))
		}
		if c.Visible() {
			var s string
			if secs == 0xffffffff {
				s = "infinity"
			} else if Fields.Get(def.hf).Type.IsSigned() && int32(secs) < 0 {
				s = "-" + dnsTimeSecs(uint32(-int32(secs)))
			} else {
				s = dnsTimeSecs(secs)
			}
			if Fields.Get(def.hf).Type.IsSigned() {
				c.T.SetLabel(tn, fmt.Sprintf("%s: (%ds) %s", Fields.Get(def.hf).Name, int32(secs), s))
			} else {
				c.T.SetLabel(tn, fmt.Sprintf("%s: (%ds) %s", Fields.Get(def.hf).Name, secs, s))
			}
		}
	case dhcpMsgtype:
		hidden()
		if l >= 1 {
			_, mt := c.AddUint(n, hfDHCPOptMsgType, t, v, 1)
			msgType = int(mt)
			mn, ok := dhcpMsgTypeNames[mt]
			if !ok {
				mn = "Unknown"
			}
			label += " (" + mn + ")"
		}
	case dhcpReqlist:
		hidden()
		for i := 0; i < l; i++ {
			it := t.U8(v + i)
			nd, _ := c.AddUint(n, hfDHCPOptReqItem, t, v+i, 1)
			if c.Visible() {
				in := dhcpOpts[it].name
				if in == "" {
					in = "Unknown"
				}
				c.T.SetLabel(nd, "Parameter Request List Item: ("+strconv.Itoa(int(it))+") "+in)
			}
		}
	case dhcpClientid:
		hidden()
		if l == 7 && t.U8(v) == 1 {
			c.AddUint(n, hfDHCPHWType, t, v, 1)
			c.AddBytes(n, hfDHCPHWMAC, t, v+1, 6)
		} else if l > 0 {
			c.AddBytes(n, hfDHCPClientID, t, v, l)
		}
	case dhcpVendor:
		hidden()
		if bytes.HasPrefix(dhcpVendorClass(t, start), []byte("ArubaAP")) {
			// Wireshark's Aruba AP handle (a dhcp.vendor string table entry, a dhcp layer of
			// its own in frame.protocols): the controller's address as text
			label += " (Aruba AP)"
			c.PushLayer("dhcp")
			c.AddString(n, hfDHCPArubaController, t, v, l, string(t.Bytes(v, l)))
		} else {
			c.AddBytes(n, hfDHCPOptVendor, t, v, l)
		}
	default:
		if l > 0 {
			c.AddBytes(n, hfDHCPOptValue, t, v, l)
		}
	}
	c.Label(n, "%s", label)
	return msgType
}

var dhcpOpts = [256]dhcpOpt{
	0:   {"Padding", dhcpPad, 0, 0},
	1:   {"Subnet Mask", dhcpIPv4, hfDHCPOpt_subnet_mask, 0},
	2:   {"Time Offset", dhcpTime, hfDHCPOpt_time_offset, 0},
	3:   {"Router", dhcpIPv4List, hfDHCPOpt_router, 0},
	4:   {"Time Server", dhcpIPv4List, hfDHCPOpt_time_server, 0},
	5:   {"Name Server", dhcpIPv4List, hfDHCPOpt_name_server, 0},
	6:   {"Domain Name Server", dhcpIPv4List, hfDHCPOpt_domain_name_server, 0},
	7:   {"Log Server", dhcpIPv4List, hfDHCPOpt_log_server, 0},
	8:   {"Quotes Server", dhcpIPv4List, hfDHCPOpt_quotes_server, 0},
	9:   {"LPR Server", dhcpIPv4List, hfDHCPOpt_lpr_server, 0},
	10:  {"Impress Server", dhcpIPv4List, hfDHCPOpt_impress_server, 0},
	11:  {"Resource Location Server", dhcpIPv4List, hfDHCPOpt_resource_location_server, 0},
	12:  {"Host Name", dhcpString, hfDHCPOpt_hostname, 0},
	13:  {"Boot File Size", dhcpUint, hfDHCPOpt_boot_file_size, 0},
	14:  {"Merit Dump File", dhcpString, hfDHCPOpt_merit_dump_file, 0},
	15:  {"Domain Name", dhcpString, hfDHCPOpt_domain_name, 0},
	16:  {"Swap Server", dhcpIPv4, hfDHCPOpt_swap_server, 0},
	17:  {"Root Path", dhcpString, hfDHCPOpt_root_path, 0},
	18:  {"Extensions Path", dhcpString, hfDHCPOpt_extension_path, 0},
	19:  {"IP Forwarding", dhcpBool, hfDHCPOpt_ip_forwarding, 0},
	20:  {"Non-Local Source Routing", dhcpBool, hfDHCPOpt_non_local_source_routing, 0},
	21:  {"Policy Filter", dhcpIPv4Pairs, hfDHCPOpt_policy_filter_ip, hfDHCPOpt_policy_filter_subnet_mask},
	22:  {"Maximum Datagram Reassembly Size", dhcpUint, hfDHCPOpt_max_datagram_reassembly_size, 0},
	23:  {"Default IP Time-to-Live", dhcpUint, hfDHCPOpt_default_ip_ttl, 0},
	24:  {"Path MTU Aging Timeout", dhcpTime, hfDHCPOpt_path_mtu_aging_timeout, 0},
	25:  {"Path MTU Plateau Table", dhcpUint16List, hfDHCPOpt_path_mtu_plateau_table_item, 0},
	26:  {"Interface MTU", dhcpUint, hfDHCPOpt_interface_mtu, 0},
	27:  {"All Subnets are Local", dhcpBool, hfDHCPOpt_all_subnets_are_local, 0},
	28:  {"Broadcast Address", dhcpIPv4, hfDHCPOpt_broadcast_address, 0},
	29:  {"Perform Mask Discovery", dhcpBool, hfDHCPOpt_perform_mask_discovery, 0},
	30:  {"Mask Supplier", dhcpBool, hfDHCPOpt_mask_supplier, 0},
	31:  {"Perform Router Discover", dhcpBool, hfDHCPOpt_perform_router_discover, 0},
	32:  {"Router Solicitation Address", dhcpIPv4, hfDHCPOpt_router_solicitation_address, 0},
	33:  {"Static Route", dhcpIPv4Pairs, hfDHCPOpt_static_route_ip, hfDHCPOpt_static_route_router},
	34:  {"Trailer Encapsulation", dhcpBool, hfDHCPOpt_trailer_encapsulation, 0},
	35:  {"ARP Cache Timeout", dhcpTime, hfDHCPOpt_arp_cache_timeout, 0},
	36:  {"Ethernet Encapsulation", dhcpBool, hfDHCPOpt_ethernet_encapsulation, 0},
	37:  {"TCP Default TTL", dhcpUint, hfDHCPOpt_tcp_default_ttl, 0},
	38:  {"TCP Keepalive Interval", dhcpTime, hfDHCPOpt_tcp_keepalive_interval, 0},
	39:  {"TCP Keepalive Garbage", dhcpBool, hfDHCPOpt_tcp_keepalive_garbage, 0},
	40:  {"Network Information Service Domain", dhcpString, hfDHCPOpt_nis_domain, 0},
	41:  {"Network Information Service Servers", dhcpIPv4List, hfDHCPOpt_nis_server, 0},
	42:  {"Network Time Protocol Servers", dhcpIPv4List, hfDHCPOpt_ntp_server, 0},
	43:  {"Vendor-Specific Information", dhcpVendor, 0, 0},
	44:  {"NetBIOS over TCP/IP Name Server", dhcpIPv4List, hfDHCPOpt_netbios_over_tcpip_name_server, 0},
	45:  {"NetBIOS over TCP/IP Datagram Distribution Name Server", dhcpIPv4List, hfDHCPOpt_netbios_over_tcpip_dd_name_server, 0},
	46:  {"NetBIOS over TCP/IP Node Type", dhcpUint, hfDHCPOpt_netbios_over_tcpip_node_type, 0},
	47:  {"NetBIOS over TCP/IP Scope", dhcpString, hfDHCPOpt_netbios_over_tcpip_scope, 0},
	48:  {"X Window System Font Server", dhcpIPv4List, hfDHCPOpt_xwindows_system_font_server, 0},
	49:  {"X Window System Display Manager", dhcpIPv4List, hfDHCPOpt_xwindows_system_display_manager, 0},
	50:  {"Requested IP Address", dhcpIPv4, hfDHCPOpt_requested_ip_address, 0},
	51:  {"IP Address Lease Time", dhcpTime, hfDHCPOpt_ip_address_lease_time, 0},
	52:  {"Option Overload", dhcpOpaque, 0, 0},
	53:  {"DHCP Message Type", dhcpMsgtype, 0, 0},
	54:  {"DHCP Server Identifier", dhcpIPv4, hfDHCPOpt_dhcp_server_id, 0},
	55:  {"Parameter Request List", dhcpReqlist, 0, 0},
	56:  {"Message", dhcpString, hfDHCPOpt_message, 0},
	57:  {"Maximum DHCP Message Size", dhcpUint, hfDHCPOpt_dhcp_max_message_size, 0},
	58:  {"Renewal Time Value", dhcpTime, hfDHCPOpt_renewal_time_value, 0},
	59:  {"Rebinding Time Value", dhcpTime, hfDHCPOpt_rebinding_time_value, 0},
	60:  {"Vendor class identifier", dhcpString, hfDHCPOpt_vendor_class_id, 0},
	61:  {"Client identifier", dhcpClientid, 0, 0},
	62:  {"Novell/Netware IP domain", dhcpOpaque, 0, 0},
	63:  {"Novell Options", dhcpOpaque, 0, 0},
	64:  {"Network Information Service+ Domain", dhcpString, hfDHCPOpt_nis_plus_domain, 0},
	65:  {"Network Information Service+ Servers", dhcpIPv4List, hfDHCPOpt_nis_plus_server, 0},
	66:  {"TFTP Server Name", dhcpString, hfDHCPOpt_tftp_server_name, 0},
	67:  {"Bootfile name", dhcpString, hfDHCPOpt_bootfile_name, 0},
	68:  {"Mobile IP Home Agent", dhcpIPv4List, hfDHCPOpt_mobile_ip_home_agent, 0},
	69:  {"SMTP Server", dhcpIPv4List, hfDHCPOpt_smtp_server, 0},
	70:  {"POP3 Server", dhcpIPv4List, hfDHCPOpt_pop3_server, 0},
	71:  {"NNTP Server", dhcpIPv4List, hfDHCPOpt_nntp_server, 0},
	72:  {"Default WWW Server", dhcpIPv4List, hfDHCPOpt_default_www_server, 0},
	73:  {"Default Finger Server", dhcpIPv4List, hfDHCPOpt_default_finger_server, 0},
	74:  {"Default IRC Server", dhcpIPv4List, hfDHCPOpt_default_irc_server, 0},
	75:  {"StreetTalk Server", dhcpIPv4List, hfDHCPOpt_streettalk_server, 0},
	76:  {"StreetTalk Directory Assistance Server", dhcpIPv4List, hfDHCPOpt_streettalk_da_server, 0},
	77:  {"User Class Information", dhcpOpaque, 0, 0},
	78:  {"Directory Agent Information", dhcpOpaque, 0, 0},
	79:  {"Service Location Agent Scope", dhcpOpaque, 0, 0},
	80:  {"Rapid commit", dhcpOpaque, 0, 0},
	81:  {"Client Fully Qualified Domain Name", dhcpOpaque, 0, 0},
	82:  {"Agent Information Option", dhcpOpaque, 0, 0},
	83:  {"iSNS", dhcpOpaque, 0, 0},
	84:  {"Removed/Unassigned", dhcpOpaque, 0, 0},
	85:  {"Novell Directory Services Servers", dhcpOpaque, 0, 0},
	86:  {"Novell Directory Services Tree Name", dhcpString, hfDHCPOpt_novell_ds_tree_name, 0},
	87:  {"Novell Directory Services Context", dhcpString, hfDHCPOpt_novell_ds_context, 0},
	88:  {"BCMCS Controller Domain Name [TODO:RFC4280]", dhcpOpaque, 0, 0},
	89:  {"BCMCS Controller IPv4 address [TODO:RFC4280]", dhcpOpaque, 0, 0},
	90:  {"Authentication", dhcpOpaque, 0, 0},
	91:  {"Client last transaction time", dhcpTime, hfDHCPOpt_client_last_transaction_time, 0},
	92:  {"Associated IP option", dhcpIPv4List, hfDHCPOpt_associated_ip_option, 0},
	93:  {"Client System Architecture", dhcpOpaque, 0, 0},
	94:  {"Client Network Device Interface", dhcpOpaque, 0, 0},
	95:  {"LDAP [TODO:RFC3679]", dhcpOpaque, 0, 0},
	96:  {"Removed/Unassigned", dhcpOpaque, 0, 0},
	97:  {"UUID/GUID-based Client Identifier", dhcpOpaque, 0, 0},
	98:  {"Open Group's User Authentication [TODO:RFC2485]", dhcpOpaque, 0, 0},
	99:  {"Civic Addresses Configuration", dhcpOpaque, 0, 0},
	100: {"PCode", dhcpString, hfDHCPOpt_tz_pcode, 0},
	101: {"TCode", dhcpString, hfDHCPOpt_tz_tcode, 0},
	102: {"Removed/unassigned", dhcpOpaque, 0, 0},
	103: {"Removed/unassigned", dhcpOpaque, 0, 0},
	104: {"Removed/unassigned", dhcpOpaque, 0, 0},
	105: {"Removed/unassigned", dhcpOpaque, 0, 0},
	106: {"Removed/unassigned", dhcpOpaque, 0, 0},
	107: {"Removed/unassigned", dhcpOpaque, 0, 0},
	108: {"IPv6-Only Preferred", dhcpOpaque, 0, 0},
	109: {"Unassigned", dhcpOpaque, 0, 0},
	110: {"Removed/Unassigned", dhcpOpaque, 0, 0},
	111: {"Unassigned", dhcpOpaque, 0, 0},
	112: {"NetInfo Parent Server Address", dhcpIPv4List, hfDHCPOpt_netinfo_parent_server_address, 0},
	113: {"NetInfo Parent Server Tag", dhcpString, hfDHCPOpt_netinfo_parent_server_tag, 0},
	114: {"DHCP Captive-Portal", dhcpString, hfDHCPOpt_captive_portal, 0},
	115: {"Removed/Unassigned", dhcpOpaque, 0, 0},
	116: {"DHCP Auto-Configuration", dhcpUint, hfDHCPOpt_dhcp_auto_configuration, 0},
	117: {"Name Service Search", dhcpOpaque, 0, 0},
	118: {"Subnet Selection Option", dhcpIPv4List, hfDHCPOpt_subnet_selection_option, 0},
	119: {"Domain Search", dhcpOpaque, 0, 0},
	120: {"SIP Servers", dhcpOpaque, 0, 0},
	121: {"Classless Static Route", dhcpOpaque, 0, 0},
	122: {"CableLabs Client Configuration [TODO:RFC3495]", dhcpOpaque, 0, 0},
	123: {"Coordinate-based Location Configuration", dhcpOpaque, 0, 0},
	124: {"V-I Vendor Class", dhcpOpaque, 0, 0},
	125: {"V-I Vendor-specific Information", dhcpOpaque, 0, 0},
	126: {"Removed/Unassigned", dhcpOpaque, 0, 0},
	127: {"Removed/Unassigned", dhcpOpaque, 0, 0},
	128: {"DOCSIS full security server IP [TODO]", dhcpOpaque, 0, 0},
	129: {"PXE - undefined (vendor specific)", dhcpOpaque, 0, 0},
	130: {"PXE - undefined (vendor specific)", dhcpOpaque, 0, 0},
	131: {"PXE - undefined (vendor specific)", dhcpOpaque, 0, 0},
	132: {"PXE - undefined (vendor specific)", dhcpOpaque, 0, 0},
	133: {"PXE - undefined (vendor specific)", dhcpOpaque, 0, 0},
	134: {"PXE - undefined (vendor specific)", dhcpOpaque, 0, 0},
	135: {"PXE - undefined (vendor specific)", dhcpOpaque, 0, 0},
	136: {"PANA Authentication Agent", dhcpIPv4List, hfDHCPOpt_pana_agent, 0},
	137: {"LoST Server Domain Name", dhcpString, hfDHCPOpt_lost_server_domain_name, 0},
	138: {"CAPWAP Access Controllers", dhcpIPv4List, hfDHCPOpt_capwap_access_controller, 0},
	139: {"IPv4 Address-MoS", dhcpOpaque, 0, 0},
	140: {"IPv4 FQDN-MoS", dhcpOpaque, 0, 0},
	141: {"SIP UA Configuration Domains", dhcpOpaque, 0, 0},
	142: {"IPv4 Address ANDSF", dhcpIPv4List, hfDHCPOpt_andsf_server, 0},
	143: {"Zerotouch Redirect [TODO: draft-ietf-netconf-zerotouch]", dhcpOpaque, 0, 0},
	144: {"Geospatial Location [TODO:RFC6225]", dhcpOpaque, 0, 0},
	145: {"Forcerenew Nonce Capable", dhcpOpaque, 0, 0},
	146: {"RDNSS Selection", dhcpOpaque, 0, 0},
	147: {"Unassigned", dhcpOpaque, 0, 0},
	148: {"Unassigned", dhcpOpaque, 0, 0},
	149: {"Unassigned", dhcpOpaque, 0, 0},
	150: {"TFTP Server Address", dhcpIPv4List, hfDHCPOpt_tftp_server_address, 0},
	151: {"Leasequery Status code", dhcpOpaque, 0, 0},
	152: {"Leasequery Base Time", dhcpOpaque, 0, 0},
	153: {"Leasequery Start Time of State", dhcpOpaque, 0, 0},
	154: {"Leasequery Query Start Time", dhcpOpaque, 0, 0},
	155: {"Leasequery Query End Time", dhcpOpaque, 0, 0},
	156: {"Leasequery Dhcp State", dhcpOpaque, 0, 0},
	157: {"Leasequery Data Source", dhcpOpaque, 0, 0},
	158: {"PCP Server", dhcpOpaque, 0, 0},
	159: {"Portparams", dhcpOpaque, 0, 0},
	160: {"Unassigned (ex DHCP Captive-Portal)", dhcpString, hfDHCPOpt_captive_portal, 0},
	161: {"Manufacturer Usage Description", dhcpString, hfDHCPOpt_mudurl, 0},
	162: {"Unassigned", dhcpOpaque, 0, 0},
	163: {"Unassigned", dhcpOpaque, 0, 0},
	164: {"Unassigned", dhcpOpaque, 0, 0},
	165: {"Unassigned", dhcpOpaque, 0, 0},
	166: {"Unassigned", dhcpOpaque, 0, 0},
	167: {"Unassigned", dhcpOpaque, 0, 0},
	168: {"Unassigned", dhcpOpaque, 0, 0},
	169: {"Unassigned", dhcpOpaque, 0, 0},
	170: {"Unassigned", dhcpOpaque, 0, 0},
	171: {"Unassigned", dhcpOpaque, 0, 0},
	172: {"Unassigned", dhcpOpaque, 0, 0},
	173: {"Unassigned", dhcpOpaque, 0, 0},
	174: {"Unassigned", dhcpOpaque, 0, 0},
	175: {"Etherboot", dhcpOpaque, 0, 0},
	176: {"IP Telephone", dhcpOpaque, 0, 0},
	177: {"Etherboot", dhcpOpaque, 0, 0},
	178: {"Unassigned", dhcpOpaque, 0, 0},
	179: {"Unassigned", dhcpOpaque, 0, 0},
	180: {"Unassigned", dhcpOpaque, 0, 0},
	181: {"Unassigned", dhcpOpaque, 0, 0},
	182: {"Unassigned", dhcpOpaque, 0, 0},
	183: {"Unassigned", dhcpOpaque, 0, 0},
	184: {"Unassigned", dhcpOpaque, 0, 0},
	185: {"Unassigned", dhcpOpaque, 0, 0},
	186: {"Unassigned", dhcpOpaque, 0, 0},
	187: {"Unassigned", dhcpOpaque, 0, 0},
	188: {"Unassigned", dhcpOpaque, 0, 0},
	189: {"Unassigned", dhcpOpaque, 0, 0},
	190: {"Unassigned", dhcpOpaque, 0, 0},
	191: {"Unassigned", dhcpOpaque, 0, 0},
	192: {"Unassigned", dhcpOpaque, 0, 0},
	193: {"Unassigned", dhcpOpaque, 0, 0},
	194: {"Unassigned", dhcpOpaque, 0, 0},
	195: {"Unassigned", dhcpOpaque, 0, 0},
	196: {"Unassigned", dhcpOpaque, 0, 0},
	197: {"Unassigned", dhcpOpaque, 0, 0},
	198: {"Unassigned", dhcpOpaque, 0, 0},
	199: {"Unassigned", dhcpOpaque, 0, 0},
	200: {"Unassigned", dhcpOpaque, 0, 0},
	201: {"Unassigned", dhcpOpaque, 0, 0},
	202: {"Unassigned", dhcpOpaque, 0, 0},
	203: {"Unassigned", dhcpOpaque, 0, 0},
	204: {"Unassigned", dhcpOpaque, 0, 0},
	205: {"Unassigned", dhcpOpaque, 0, 0},
	206: {"Unassigned", dhcpOpaque, 0, 0},
	207: {"Unassigned", dhcpOpaque, 0, 0},
	208: {"PXELINUX Magic", dhcpOpaque, 0, 0},
	209: {"PXE Configuration file", dhcpString, hfDHCPOpt_pxe_config_file, 0},
	210: {"PXE Path Prefix", dhcpString, hfDHCPOpt_pxe_path_prefix, 0},
	211: {"Reboot Time", dhcpOpaque, 0, 0},
	212: {"6RD", dhcpOpaque, 0, 0},
	213: {"V4 Access Domain", dhcpOpaque, 0, 0},
	214: {"Unassigned", dhcpOpaque, 0, 0},
	215: {"Unassigned", dhcpOpaque, 0, 0},
	216: {"Unassigned", dhcpOpaque, 0, 0},
	217: {"Unassigned", dhcpOpaque, 0, 0},
	218: {"Unassigned", dhcpOpaque, 0, 0},
	219: {"Unassigned", dhcpOpaque, 0, 0},
	220: {"Subnet Allocation", dhcpOpaque, 0, 0},
	221: {"Virtual Subnet Selection", dhcpOpaque, 0, 0},
	222: {"Unassigned", dhcpOpaque, 0, 0},
	223: {"Unassigned", dhcpOpaque, 0, 0},
	224: {"Private", dhcpOpaque, 0, 0},
	225: {"Private", dhcpOpaque, 0, 0},
	226: {"Private", dhcpOpaque, 0, 0},
	227: {"Private", dhcpOpaque, 0, 0},
	228: {"Private", dhcpOpaque, 0, 0},
	229: {"Private", dhcpOpaque, 0, 0},
	230: {"Private", dhcpOpaque, 0, 0},
	231: {"Private", dhcpOpaque, 0, 0},
	232: {"Private", dhcpOpaque, 0, 0},
	233: {"Private", dhcpOpaque, 0, 0},
	234: {"Private", dhcpOpaque, 0, 0},
	235: {"Private", dhcpOpaque, 0, 0},
	236: {"Private", dhcpOpaque, 0, 0},
	237: {"Private", dhcpOpaque, 0, 0},
	238: {"Private", dhcpOpaque, 0, 0},
	239: {"Private", dhcpOpaque, 0, 0},
	240: {"Private", dhcpOpaque, 0, 0},
	241: {"Private", dhcpOpaque, 0, 0},
	242: {"Private/Avaya IP Telephone", dhcpOpaque, 0, 0},
	243: {"Private", dhcpOpaque, 0, 0},
	244: {"Private", dhcpOpaque, 0, 0},
	245: {"Private", dhcpOpaque, 0, 0},
	246: {"Private", dhcpOpaque, 0, 0},
	247: {"Private", dhcpOpaque, 0, 0},
	248: {"Private", dhcpOpaque, 0, 0},
	249: {"Private/Classless Static Route (Microsoft)", dhcpOpaque, 0, 0},
	250: {"Private", dhcpOpaque, 0, 0},
	251: {"Private", dhcpOpaque, 0, 0},
	252: {"Private/Proxy autodiscovery", dhcpString, hfDHCPOpt_private_proxy_autodiscovery, 0},
	253: {"Private", dhcpOpaque, 0, 0},
	254: {"Private", dhcpOpaque, 0, 0},
	255: {"End", dhcpEnd, 0, 0},
}

// dhcpHWTypeNames are ARP hardware types (the same table as ARP's).
var dhcpHWTypeNames = arpHrdVals
var dhcpMsgTypeNames = map[uint64]string{
	1:  "Discover",
	2:  "Offer",
	3:  "Request",
	4:  "Decline",
	5:  "ACK",
	6:  "NAK",
	7:  "Release",
	8:  "Inform",
	9:  "Force Renew",
	10: "Lease query",
	11: "Lease Unassigned",
	12: "Lease Unknown",
	13: "Lease Active",
	14: "Bulk Lease Query",
	15: "Lease Query Done",
	16: "Active LeaseQuery",
	17: "Lease Query Status",
	18: "TLS",
}
var dhcpNodeTypeNames = map[uint64]string{
	1: "B-node",
	2: "P-node",
	4: "M-node",
	8: "H-node",
}
var dhcpAutoConfNames = map[uint64]string{
	0: "DoNotAutoConfigure",
	1: "AutoConfigure",
}
