package gen

import (
	"encoding/base64"
	"strconv"
	"time"
)

var userAgents = []string{
	"Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36",
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15",
	"curl/7.88.1",
	"python-requests/2.31.0",
}

var pagePaths = []string{
	"/", "/index.html", "/products", "/products/widget-42", "/about", "/contact",
	"/blog/2024/03/capacity-planning", "/docs/getting-started", "/search?q=tcp+window&page=2",
}

var users = []string{"alice", "bob", "carol", "dave", "eve", "mallory", "admin", "operator"}

// httpDate formats t like an HTTP Date header.
func (g *generator) httpDate(b []byte, t int64) []byte {
	return g.opt.Start.Add(time.Duration(t)).UTC().AppendFormat(b, "Mon, 02 Jan 2006 15:04:05 GMT")
}

// httpSession is a browser or API client with one to four requests on a
// keep-alive connection to the web server on port 80.
func (g *generator) httpSession(c *tcpConn) {
	c.setup(g.net.client(g.r), g.net.web, 80, g.useV6())
	c.open()
	n := 1 + g.r.IntN(4)
	closeReq := g.r.IntN(2) == 0
	think := g.between(20*us, 3*ms) // first request right after the handshake
	for i := range n {
		c.batch()
		last := i == n-1
		req := g.httpRequest(c, last && closeReq)
		c.send(0, req, c.clientAt(think))
		resp := g.httpResponse(c, req, last && closeReq)
		c.sendv(1, c.serverAt(g.between(150*us, 25*ms)), resp...)
		think = 20*us + g.expDur(700e6) // the user reads, then clicks
	}
	c.batch()
	idle := 100*ms + g.expDur(3e9) // the browser keeps the connection a while
	if closeReq {
		idle = 0
	}
	c.closeConn(closeReq, idle)
}

// healthSession is a load balancer probing GET /healthCheck with
// "Connection: close"; the server closes first.
func (g *generator) healthSession(c *tcpConn) {
	prober := g.net.lb
	if g.r.IntN(3) == 0 {
		prober = g.net.monitor
	}
	g.healthCheck(c, prober)
}

// shortSession is a health check from a client chosen uniformly among all
// clients: many small connections whose ports do not wrap (Options.ShortShare).
func (g *generator) shortSession(c *tcpConn) {
	g.healthCheck(c, g.net.clients[g.r.IntN(len(g.net.clients))])
}

// healthCheck runs one GET /healthCheck from prober to the web server.
func (g *generator) healthCheck(c *tcpConn, prober *host) {
	c.setup(prober, g.net.web, 80, g.useV6())
	c.open()
	s := c.s
	st := len(s.buf)
	s.buf = append(s.buf, "GET /healthCheck HTTP/1.1\r\nHost: "...)
	s.buf = append(s.buf, "10.0.0.10\r\nUser-Agent: "...)
	if prober == g.net.lb {
		s.buf = append(s.buf, "ELB-HealthChecker/2.0\r\n"...)
	} else {
		s.buf = append(s.buf, "kube-probe/1.28\r\n"...)
	}
	s.buf = append(s.buf, "Accept: */*\r\nConnection: close\r\n\r\n"...)
	c.send(0, s.buf[st:], c.clientAt(g.between(10*us, 200*us)))
	body := `{"status":"UP","checks":{"db":"UP","cache":"UP"}}`
	if g.r.IntN(50) == 0 {
		body = `{"status":"DOWN","checks":{"db":"UP","cache":"DOWN"}}`
	}
	st = len(s.buf)
	code := "200 OK"
	if body[11] == 'D' {
		code = "503 Service Unavailable"
	}
	s.buf = g.responseHead(s.buf, c.t, code, "application/json", len(body), true)
	s.buf = append(s.buf, body...)
	c.send(1, s.buf[st:], c.serverAt(g.between(100*us, 2*ms)))
	c.closeConn(true, 0)
}

func (g *generator) responseHead(b []byte, t int64, status, ctype string, n int, closing bool) []byte {
	b = append(b, "HTTP/1.1 "...)
	b = append(b, status...)
	b = append(b, "\r\nDate: "...)
	b = g.httpDate(b, t)
	b = append(b, "\r\nServer: nginx/1.24.0\r\n"...)
	if ctype != "" {
		b = append(b, "Content-Type: "...)
		b = append(b, ctype...)
		b = append(b, "\r\n"...)
	}
	b = append(b, "Content-Length: "...)
	b = strconv.AppendInt(b, int64(n), 10)
	if closing {
		b = append(b, "\r\nConnection: close\r\n\r\n"...)
	} else {
		b = append(b, "\r\nConnection: keep-alive\r\n\r\n"...)
	}
	return b
}

// httpRequest appends one request to the session buffer and returns it.
// The request line's first bytes tell httpResponse what to answer.
func (g *generator) httpRequest(c *tcpConn, closing bool) []byte {
	s, r := c.s, g.r
	st := len(s.buf)
	b := s.buf
	var body []byte
	ctype := ""
	x := r.IntN(100)
	switch {
	case x < 45:
		b = append(b, "GET "...)
		b = append(b, pagePaths[r.IntN(len(pagePaths))]...)
	case x < 52:
		b = append(b, "GET /favicon.ico"...)
	case x < 67:
		b = append(b, "GET /api/v1/items?page="...)
		b = strconv.AppendInt(b, int64(1+r.IntN(20)), 10)
	case x < 77:
		b = append(b, "GET /admin/status"...)
	case x < 93:
		b = append(b, "POST /login"...)
		ctype = "application/x-www-form-urlencoded"
		u := users[r.IntN(len(users))]
		body = append(body, "username="...)
		body = append(body, u...)
		body = append(body, "&password="...)
		body = g.token(body, 6+r.IntN(10))
		body = append(body, "&remember=on&next=%2Fdashboard"...)
	default:
		b = append(b, "POST /api/upload"...)
		ctype = "application/x-www-form-urlencoded"
		body = append(body, "name=report-"...)
		body = strconv.AppendInt(body, int64(r.IntN(1000)), 10)
		body = append(body, ".txt&data="...)
		for _, ch := range g.slice(g.text, 1500+r.IntN(3000)) {
			switch {
			case ch == ' ':
				body = append(body, '+')
			case ch == '\r' || ch == '\n' || ch == '.':
				body = append(body, '%', '0'+ch/16, "0123456789ABCDEF"[ch%16])
			default:
				body = append(body, ch)
			}
		}
	}
	b = append(b, " HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: "...)
	b = append(b, userAgents[r.IntN(len(userAgents))]...)
	b = append(b, "\r\nAccept: */*\r\nAccept-Language: en-US,en;q=0.8\r\n"...)
	if b[st+5] == 'a' && b[st+6] == 'd' || r.IntN(20) == 0 {
		// Basic auth; a wrong password now and then.
		b = append(b, "Authorization: Basic "...)
		cred := "admin:correct-horse"
		if r.IntN(4) == 0 {
			cred = "admin:hunter2"
		}
		b = base64.StdEncoding.AppendEncode(b, []byte(cred))
		b = append(b, "\r\n"...)
	}
	if ctype != "" {
		b = append(b, "Content-Type: "...)
		b = append(b, ctype...)
		b = append(b, "\r\nContent-Length: "...)
		b = strconv.AppendInt(b, int64(len(body)), 10)
		b = append(b, "\r\n"...)
	}
	if closing {
		b = append(b, "Connection: close\r\n\r\n"...)
	} else {
		b = append(b, "Connection: keep-alive\r\n\r\n"...)
	}
	b = append(b, body...)
	s.buf = b
	return b[st:len(b):len(b)]
}

// token appends n random letters and digits (passwords, cookies).
func (g *generator) token(b []byte, n int) []byte {
	const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	for range n {
		b = append(b, alnum[g.r.IntN(len(alnum))])
	}
	return b
}

// httpResponse returns the response to req as parts: head and small
// bodies in the session buffer, large bodies as slices of shared text.
func (g *generator) httpResponse(c *tcpConn, req []byte, closing bool) [][]byte {
	s, r := c.s, g.r
	st := len(s.buf)
	b := s.buf
	path := string(req[:min(len(req), 20)])
	switch {
	case hasPrefix(path, "GET /favicon"):
		body := "<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>\r\n"
		b = g.responseHead(b, c.t, "404 Not Found", "text/html", len(body), closing)
		b = append(b, body...)
	case hasPrefix(path, "GET /api/"):
		b, _ = g.jsonItems(b, c.t, closing)
	case hasPrefix(path, "GET /admin"):
		if hasAuth(req, "YWRtaW46Y29ycmVjdC1ob3JzZQ==") {
			body := `{"uptime":` + strconv.Itoa(1000+r.IntN(900000)) + `,"load":[0.42,0.37,0.31],"workers":8}`
			b = g.responseHead(b, c.t, "200 OK", "application/json", len(body), closing)
			b = append(b, body...)
		} else {
			b = append(b, "HTTP/1.1 401 Unauthorized\r\nDate: "...)
			b = g.httpDate(b, c.t)
			b = append(b, "\r\nServer: nginx/1.24.0\r\nWWW-Authenticate: Basic realm=\"admin\"\r\nContent-Length: 0\r\n\r\n"...)
		}
	case hasPrefix(path, "POST /login"):
		b = append(b, "HTTP/1.1 302 Found\r\nDate: "...)
		b = g.httpDate(b, c.t)
		b = append(b, "\r\nServer: nginx/1.24.0\r\nLocation: /dashboard\r\nSet-Cookie: session="...)
		b = g.token(b, 16)
		b = append(b, "; Path=/; HttpOnly\r\nContent-Length: 0\r\n\r\n"...)
	case hasPrefix(path, "POST /api/upload"):
		body := `{"stored":true,"id":` + strconv.Itoa(r.IntN(100000)) + `}`
		b = g.responseHead(b, c.t, "201 Created", "application/json", len(body), closing)
		b = append(b, body...)
	default:
		// A page: most a few kB, some tens of kB.
		u := r.Float64()
		n := 200 + int(u*u*u*60000)
		const head = "<!DOCTYPE html>\r\n<html><head><title>Example</title></head>\r\n<body>\r\n"
		b = g.responseHead(b, c.t, "200 OK", "text/html; charset=utf-8", len(head)+n+len(htmlTail), closing)
		b = append(b, head...)
		s.buf = b
		c.scratch = append(c.scratch[:0], b[st:len(b):len(b)], g.slice(g.text, n), htmlTail)
		return c.scratch
	}
	s.buf = b
	c.scratch = append(c.scratch[:0], b[st:len(b):len(b)])
	return c.scratch
}

// htmlTail ends every generated page; read only.
var htmlTail = []byte("\r\n</body></html>\r\n")

func (g *generator) jsonItems(b []byte, t int64, closing bool) ([]byte, int) {
	r := g.r
	var body []byte
	body = append(body, `{"page":`...)
	body = strconv.AppendInt(body, int64(r.IntN(20)), 10)
	body = append(body, `,"items":[`...)
	n := 1 + r.IntN(40)
	for i := range n {
		if i > 0 {
			body = append(body, ',')
		}
		body = append(body, `{"id":`...)
		body = strconv.AppendInt(body, int64(r.IntN(1e6)), 10)
		body = append(body, `,"name":"`...)
		body = append(body, words[r.IntN(len(words))]...)
		body = append(body, `","price":`...)
		body = strconv.AppendFloat(body, float64(r.IntN(100000))/100, 'f', 2, 64)
		body = append(body, `,"inStock":`...)
		body = strconv.AppendBool(body, r.IntN(4) != 0)
		body = append(body, '}')
	}
	body = append(body, "]}"...)
	b = g.responseHead(b, t, "200 OK", "application/json", len(body), closing)
	return append(b, body...), len(body)
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

func hasAuth(req []byte, token string) bool {
	for i := 0; i+len(token) <= len(req); i++ {
		if string(req[i:i+len(token)]) == token {
			return true
		}
	}
	return false
}
