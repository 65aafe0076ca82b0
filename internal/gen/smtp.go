package gen

import "strconv"

var mailDomains = []string{"example.com", "example.net", "example.org"}

// smtpSession is a relay or client delivering one message to the mail
// server on port 25: banner, EHLO, MAIL FROM, RCPT TO, DATA, QUIT.
func (g *generator) smtpSession(c *tcpConn) {
	r := g.r
	cli := g.net.relay
	if r.IntN(10) >= 4 {
		cli = g.net.client(r)
	}
	c.setup(cli, g.net.mail, 25, g.useV6())
	c.open()
	s := c.s
	line := func(b ...string) []byte {
		st := len(s.buf)
		for _, x := range b {
			s.buf = append(s.buf, x...)
		}
		return s.buf[st:len(s.buf):len(s.buf)]
	}
	srv := func(msg []byte, think int64) { c.send(1, msg, c.serverAt(think)) }
	cl := func(msg []byte, think int64) { c.send(0, msg, c.clientAt(think)) }

	srv(line("220 mail.example.org ESMTP Postfix (Debian/GNU)\r\n"), g.between(500*us, 5*ms))
	helo := "relay" + strconv.Itoa(r.IntN(9)) + ".example.net"
	cl(line("EHLO ", helo, "\r\n"), g.between(100*us, 2*ms))
	srv(line("250-mail.example.org\r\n250-PIPELINING\r\n250-SIZE 52428800\r\n250-VRFY\r\n",
		"250-ETRN\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-DSN\r\n250 SMTPUTF8\r\n"), g.between(100*us, 1*ms))
	from := users[r.IntN(len(users))] + "@" + mailDomains[r.IntN(3)]
	cl(line("MAIL FROM:<", from, "> SIZE=", strconv.Itoa(500+r.IntN(20000)), "\r\n"), g.between(50*us, 1*ms))
	srv(line("250 2.1.0 Ok\r\n"), g.between(100*us, 2*ms))
	var to []string
	for range 1 + r.IntN(3) {
		rcpt := users[r.IntN(len(users))] + "@example.org"
		to = append(to, rcpt)
		cl(line("RCPT TO:<", rcpt, ">\r\n"), g.between(50*us, 1*ms))
		if r.IntN(12) == 0 {
			srv(line("550 5.1.1 <", rcpt, ">: Recipient address rejected: User unknown in local recipient table\r\n"), g.between(200*us, 3*ms))
		} else {
			srv(line("250 2.1.5 Ok\r\n"), g.between(200*us, 3*ms))
		}
	}
	cl(line("DATA\r\n"), g.between(50*us, 1*ms))
	srv(line("354 End data with <CR><LF>.<CR><LF>\r\n"), g.between(50*us, 500*us))

	st := len(s.buf)
	b := append(s.buf, "From: "...)
	b = append(b, from...)
	b = append(b, "\r\nTo: "...)
	for i, t := range to {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, t...)
	}
	b = append(b, "\r\nSubject: Weekly report "...)
	b = strconv.AppendInt(b, int64(r.IntN(52)+1), 10)
	b = append(b, "\r\nDate: "...)
	b = g.opt.Start.Add(timeDur(c.t)).UTC().AppendFormat(b, "Mon, 02 Jan 2006 15:04:05 -0700")
	b = append(b, "\r\nMessage-ID: <"...)
	b = g.token(b, 20)
	b = append(b, '@')
	b = append(b, helo...)
	b = append(b, ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"...)
	s.buf = b
	u := r.Float64()
	c.sendv(0, c.clientAt(g.between(50*us, 2*ms)), b[st:len(b):len(b)], g.slice(g.text, 200+int(u*u*12000)), endOfData)
	srv(line("250 2.0.0 Ok: queued as ", string(g.token(nil, 10)), "\r\n"), g.between(1*ms, 20*ms))
	cl(line("QUIT\r\n"), g.between(50*us, 2*ms))
	srv(line("221 2.0.0 Bye\r\n"), g.between(50*us, 300*us))
	c.closeConn(true, 0)
}

// endOfData ends the DATA of every message; read only.
var endOfData = []byte("\r\n.\r\n")
