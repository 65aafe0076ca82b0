package gen

import "time"

func timeDur(ns int64) time.Duration { return time.Duration(ns) }

// Telnet command bytes.
const (
	iac  = 255
	dont = 254
	do   = 253
	wont = 252
	will = 251
	sb   = 250
	se   = 240

	optEcho  = 1
	optSGA   = 3
	optTType = 24
	optNAWS  = 31
)

var shellCommands = []string{"uptime", "ls -l /var/log", "df -h", "who", "tail -n 5 /var/log/syslog", "ps ax | head", "date"}

// telnetSession is an interactive login on port 23: option negotiation,
// login and password typed one character per packet (echoed by the server
// for the user name and commands), a few commands, then exit.
func (g *generator) telnetSession(c *tcpConn) {
	r := g.r
	var cli *host
	if r.IntN(2) == 0 {
		cli = g.net.locals[8+r.IntN(len(g.net.locals)-8)]
	} else {
		cli = g.net.client(r)
	}
	c.setup(cli, g.net.telnet, 23, false)
	c.open()
	s := c.s
	raw := func(b ...byte) []byte { return s.bytes(b) }
	str := func(x string) []byte { return s.bytes([]byte(x)) }
	srv := func(msg []byte, think int64) { c.send(1, msg, c.serverAt(think)) }
	cl := func(msg []byte, think int64) { c.send(0, msg, c.clientAt(think)) }

	srv(raw(iac, do, optTType, iac, do, optNAWS, iac, will, optEcho, iac, will, optSGA), g.between(2*ms, 20*ms))
	cl(raw(iac, will, optTType, iac, will, optNAWS, iac, do, optEcho, iac, do, optSGA,
		iac, sb, optNAWS, 0, 120, 0, 40, iac, se), g.between(100*us, 1*ms))
	srv(raw(iac, sb, optTType, 1, iac, se), g.between(50*us, 500*us))
	cl(raw(iac, sb, optTType, 0, 'X', 'T', 'E', 'R', 'M', '-', '2', '5', '6', 'C', 'O', 'L', 'O', 'R', iac, se), g.between(100*us, 1*ms))
	srv(str("\r\nDebian GNU/Linux 12\r\nlegacy login: "), g.between(5*ms, 50*ms))

	user := users[r.IntN(len(users))]
	g.typeLine(c, user, true)
	srv(str("Password: "), g.between(200*us, 2*ms))
	g.typeLine(c, string(g.token(nil, 8)), false)
	srv(str("\r\nLast login: Mon Mar 11 17:02:44 2024 from 10.0.0.31\r\n"+user+"@legacy:~$ "), g.between(20*ms, 400*ms))
	for range 1 + r.IntN(3) {
		g.typeLine(c, shellCommands[r.IntN(len(shellCommands))], true)
		c.batch()
		srv(s.bytes(g.slice(g.text, 40+r.IntN(1500))), g.between(2*ms, 80*ms))
		srv(str("\r\n"+user+"@legacy:~$ "), g.between(20*us, 200*us))
	}
	g.typeLine(c, "exit", true)
	srv(str("logout\r\n"), g.between(1*ms, 10*ms))
	c.closeConn(true, 0)
}

// typeLine sends one character per packet with human gaps; the server
// echoes each one when echo is on. Enter is sent as CR LF.
func (g *generator) typeLine(c *tcpConn, text string, echo bool) {
	for i := 0; i <= len(text); i++ {
		c.batch()
		var p []byte
		if i == len(text) {
			p = c.s.bytes([]byte{'\r', '\n'})
		} else {
			p = c.s.bytes([]byte{text[i]})
		}
		c.send(0, p, c.clientAt(g.between(60*ms, 350*ms)))
		if echo && i < len(text) {
			c.send(1, p, c.serverAt(g.between(30*us, 150*us)))
		}
	}
}
