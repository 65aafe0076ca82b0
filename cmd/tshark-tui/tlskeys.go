package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"strings"
)

// tlsKeyArgs collects the TLS decryption options of a command line: --tls-key and the tshark
// preferences tls.keys_list, uat:rsa_keys and uat:ssl_keys (RSA keys), --tls-keylog and
// tls.keylog_file (key logs). $SSLKEYLOGFILE is read as a key log too.
type tlsKeyArgs struct {
	entries []string // "ip,port,protocol,keyfile[,password]" or a bare key file
	logs    []string
}

// option takes a --tls-key/--tls-keylog option or a -o preference; it reports whether it was one
// of them and an error in tshark's words for a malformed one.
func (a *tlsKeyArgs) option(name, arg string) (bool, error) {
	switch name {
	case "tls-key":
		a.entries = append(a.entries, arg)
		return true, nil
	case "tls-keylog":
		a.logs = append(a.logs, arg)
		return true, nil
	case "o":
	default:
		return false, nil
	}
	pref, val, ok := strings.Cut(arg, ":")
	if !ok {
		return false, nil
	}
	switch pref {
	case "tls.keys_list", "ssl.keys_list":
		for _, e := range strings.Split(val, ";") {
			if e = strings.TrimSpace(e); e != "" {
				a.entries = append(a.entries, e)
			}
		}
	case "tls.keylog_file", "ssl.keylog_file":
		if val != "" {
			a.logs = append(a.logs, val)
		}
	case "uat":
		table, rec, _ := strings.Cut(val, ":")
		fields, err := uatFields(rec)
		if err != nil {
			return true, fmt.Errorf("invalid -o flag \"%s\": %v", arg, err)
		}
		switch table {
		case "rsa_keys": // "keyfile","password"
			if len(fields) < 1 || len(fields) > 2 {
				return true, fmt.Errorf("invalid -o flag \"%s\": rsa_keys wants \"keyfile\",\"password\"", arg)
			}
			a.entries = append(a.entries, "any,any,,"+strings.Join(fields, ","))
		case "ssl_keys", "tls_keys": // "ip","port","protocol","keyfile","password"
			if len(fields) < 4 || len(fields) > 5 {
				return true, fmt.Errorf("invalid -o flag \"%s\": ssl_keys wants \"ip\",\"port\",\"protocol\",\"keyfile\",\"password\"", arg)
			}
			a.entries = append(a.entries, strings.Join(fields, ","))
		default:
			return false, nil
		}
	default:
		return false, nil
	}
	return true, nil
}

// uatFields splits a UAT record: comma-separated, double-quoted fields.
func uatFields(rec string) ([]string, error) {
	r := csv.NewReader(strings.NewReader(rec))
	r.LazyQuotes = true
	f, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("bad record: %w", err)
	}
	return f, nil
}

// allLogs returns the key log files to read: the options' and $SSLKEYLOGFILE when it exists.
func (a *tlsKeyArgs) allLogs() []string {
	logs := append([]string(nil), a.logs...)
	if env := os.Getenv("SSLKEYLOGFILE"); env != "" {
		if _, err := os.Stat(env); err == nil {
			logs = append(logs, env)
		}
	}
	return logs
}
