// Code generated from `tshark -G values` (TShark 4.0.17) by a one-off script. DO NOT EDIT.

package dissect

var syslogFacilityVals = map[uint64]string{
	0:  "KERN - kernel messages",
	1:  "USER - random user-level messages",
	2:  "MAIL - mail system",
	3:  "DAEMON - system daemons",
	4:  "AUTH - security/authorization messages",
	5:  "SYSLOG - messages generated internally by syslogd",
	6:  "LPR - line printer subsystem",
	7:  "NEWS - network news subsystem",
	8:  "UUCP - UUCP subsystem",
	9:  "CRON - clock daemon (BSD, Linux)",
	10: "AUTHPRIV - security/authorization messages (private)",
	11: "FTP - ftp daemon",
	12: "NTP - ntp subsystem",
	13: "LOGAUDIT - log audit",
	14: "LOGALERT - log alert",
	15: "CRON - clock daemon (Solaris)",
	16: "LOCAL0 - reserved for local use",
	17: "LOCAL1 - reserved for local use",
	18: "LOCAL2 - reserved for local use",
	19: "LOCAL3 - reserved for local use",
	20: "LOCAL4 - reserved for local use",
	21: "LOCAL5 - reserved for local use",
	22: "LOCAL6 - reserved for local use",
	23: "LOCAL7 - reserved for local use",
}

var syslogLevelVals = map[uint64]string{
	0: "EMERG - system is unusable",
	1: "ALERT - action must be taken immediately",
	2: "CRIT - critical conditions",
	3: "ERR - error conditions",
	4: "WARNING - warning conditions",
	5: "NOTICE - normal but significant condition",
	6: "INFO - informational",
	7: "DEBUG - debug-level messages",
}
