package dissect

import (
	"bytes"

	"github.com/tshark-tui/tshark-tui/field"
)

// XML documents as Wireshark 4.0's packet-xml.c shows them without DTDs: each element a "Tag" item
// spanning it, its attributes, its text, comments, processing instructions (the <?xml?> one with
// its version, encoding and standalone attributes) and the closing tag as text.

var (
	protoXML        = Fields.Protocol("xml", "eXtensible Markup Language")
	hfXMLPI         = Fields.Add(protoXML, "xml.xmlpi", "XMLPI", field.String)
	hfXMLCDATASect  = Fields.Add(protoXML, "xml.cdatasection", "CDATASection", field.String)
	hfXMLComment    = Fields.Add(protoXML, "xml.comment", "Comment", field.String)
	hfXMLAttribute  = Fields.Add(protoXML, "xml.attribute", "Attribute", field.String)
	hfXMLDoctype    = Fields.Add(protoXML, "xml.doctype", "Doctype", field.String)
	_               = Fields.Add(protoXML, "xml.dtdtag", "DTD Tag", field.String)
	hfXMLCDATA      = Fields.Add(protoXML, "xml.cdata", "CDATA", field.String)
	hfXMLTag        = Fields.Add(protoXML, "xml.tag", "Tag", field.String)
	hfXMLUnknown    = Fields.Add(protoXML, "xml.unknown", "Unknown", field.String)
	hfXMLPIxml      = Fields.Add(protoXML, "xml.xmlpi.xml", "xml.xmlpi.xml", field.String)
	hfXMLPIVersion  = Fields.Add(protoXML, "xml.xmlpi.xml.version", "version", field.String)
	hfXMLPIEncoding = Fields.Add(protoXML, "xml.xmlpi.xml.encoding", "encoding", field.String)
	hfXMLPIStandal  = Fields.Add(protoXML, "xml.xmlpi.xml.standalone", "standalone", field.String)
	eiXMLUnopened   = RegisterExpert(protoXML, "xml.closing_unopened_tag", "Closing an unopened tag", GroupMalformed, SevError)

	handleXML = &Handle{Name: "xml", Fn: dissectXML}
)

// xmlMaxDepth bounds the element nesting the tree shows (deeper elements stay at this depth).
const xmlMaxDepth = 100

func init() {
	RegisterShortName(protoXML, "XML")
	for _, mt := range []string{"text/xml", "application/xml", "application/soap+xml", "application/xhtml+xml",
		"application/atom+xml", "application/rss+xml", "image/svg+xml", "application/rdf+xml", "application/xml-dtd",
		"text/xml-external-parsed-entity", "application/xml-external-parsed-entity", "application/mathml+xml",
		"application/wsdl+xml", "application/xcap-el+xml", "application/xcap-att+xml", "application/xcap-error+xml",
		"application/xcap-caps+xml", "application/auth-policy+xml", "application/pidf+xml", "application/rlmi+xml",
		"application/reginfo+xml", "application/dialog-info+xml", "application/watcherinfo+xml",
		"application/simple-filter+xml", "application/resource-lists+xml", "application/rls-services+xml",
		"application/conference-info+xml", "application/media_control+xml", "application/vnd.3gpp.ussd+xml",
		"application/samlassertion+xml", "application/xacml+xml", "application/ciws+xml"} {
		AddMediaType(mt, handleXML)
	}
}

var xmlPIFields = map[string]field.ID{"version": hfXMLPIVersion, "encoding": hfXMLPIEncoding, "standalone": hfXMLPIStandal}

func dissectXML(c *Ctx, t Tvb, parent int32) {
	if c.Cols.On && c.ColumnsWritable() {
		if c.Cols.Protocol != "" {
			c.SetProtocol(c.Cols.Protocol + "/XML")
		} else {
			c.SetProtocol("XML")
		}
	}
	p := c.AddProto(parent, protoXML, t, 0, -1)
	b := t.B
	stack := []int32{p}
	starts := []int{0}
	top := func() int32 { return stack[len(stack)-1] }
	for o := 0; o < len(b); {
		for o < len(b) && isXMLSpace(b[o]) {
			o++
		}
		if o >= len(b) {
			break
		}
		if b[o] != '<' {
			e := bytes.IndexByte(b[o:], '<')
			if e < 0 {
				e = len(b) - o
			}
			if n := c.addASCII(top(), hfXMLCDATA, t, o, e); c.Visible() {
				c.T.SetLabel(n, string(b[o:o+e]))
			}
			o += e
			continue
		}
		rest := b[o:]
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			o = xmlPI(c, t, top(), o)
		case bytes.HasPrefix(rest, []byte("<!--")):
			o = xmlSimple(c, t, top(), hfXMLComment, o, "-->")
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			o = xmlSimple(c, t, top(), hfXMLCDATASect, o, "]]>")
		case bytes.HasPrefix(rest, []byte("<!")):
			end := ">"
			if i := bytes.IndexAny(rest, "[>"); i >= 0 && rest[i] == '[' {
				end = "]>"
			}
			o = xmlSimple(c, t, top(), hfXMLDoctype, o, end)
		case bytes.HasPrefix(rest, []byte("</")):
			e := bytes.IndexByte(rest, '>')
			n := len(rest)
			if e >= 0 {
				n = e + 1
			}
			if len(stack) > 1 {
				c.AddText(top(), t, o, n, string(rest[:n]))
				el := top()
				c.T.SetLen(el, o+n-starts[len(starts)-1])
				stack, starts = stack[:len(stack)-1], starts[:len(starts)-1]
			} else {
				n := c.AddText(p, t, o, n, string(rest[:n]))
				c.ExpertItem(n, eiXMLUnopened, t, o, 0, "")
			}
			o += n
		default:
			el, n, closed := xmlTag(c, t, top(), o)
			if !closed && len(stack) < xmlMaxDepth {
				stack, starts = append(stack, el), append(starts, o)
			}
			o += n
		}
	}
	for i := len(stack) - 1; i > 0; i-- { // elements left open run to the end
		c.T.SetLen(stack[i], len(b)-starts[i])
	}
}

func isXMLSpace(ch byte) bool { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' }

// xmlSimple adds the markup at o that ends with end (a comment, a CDATA section, a doctype) as one
// item and returns the offset after it.
func xmlSimple(c *Ctx, t Tvb, parent int32, hf field.ID, o int, end string) int {
	b := t.B
	e := bytes.Index(b[o:], []byte(end))
	n := len(b) - o
	if e >= 0 {
		n = e + len(end)
	}
	n1 := c.addASCII(parent, hf, t, o, n)
	if hf == hfXMLDoctype && c.Visible() {
		c.T.SetLabel(n1, "Doctype: "+string(b[o:o+n]))
	} else if c.Visible() {
		c.T.SetLabel(n1, string(b[o:o+n]))
	}
	return o + n
}

// xmlPI adds a processing instruction (<?name attributes?>) and returns the offset after it.
func xmlPI(c *Ctx, t Tvb, parent int32, o int) int {
	b := t.B
	e := bytes.Index(b[o:], []byte("?>"))
	n := len(b) - o
	if e >= 0 {
		n = e + 2
	}
	ne := o + 2
	for ne < o+n && !isXMLSpace(b[ne]) && b[ne] != '?' {
		ne++
	}
	name := string(b[o+2 : ne])
	hf := hfXMLPI
	if name == "xml" {
		hf = hfXMLPIxml
	}
	pi := c.addASCII(parent, hf, t, o, n)
	if c.Visible() {
		c.T.SetLabel(pi, "<?"+name)
	}
	end := o + n
	if e >= 0 {
		end -= 2
	}
	for a := ne; a < end; {
		ks, ke, vs, ve, next, ok := xmlAttr(b[:end], a)
		if !ok {
			break
		}
		if f, known := xmlPIFields[string(b[ks:ke])]; known && name == "xml" {
			v := c.addASCII(pi, f, t, vs, ve-vs)
			if c.Visible() {
				c.T.SetLabel(v, string(b[ks:ve+1]))
			}
		} else {
			if v := c.addASCII(pi, hfXMLAttribute, t, ks, ve+1-ks); c.Visible() {
				c.T.SetLabel(v, string(b[ks:ve+1]))
			}
		}
		a = next
	}
	if e >= 0 {
		c.AddText(pi, t, end, 2, "?>")
	}
	return o + n
}

// xmlAttr parses the attribute name="value" at or after a (white space first) in b: the name's and
// the value's bounds (ve at the closing quote) and the offset after it.
func xmlAttr(b []byte, a int) (ks, ke, vs, ve, next int, ok bool) {
	for a < len(b) && isXMLSpace(b[a]) {
		a++
	}
	ks = a
	for a < len(b) && b[a] != '=' && !isXMLSpace(b[a]) && b[a] != '>' && b[a] != '/' {
		a++
	}
	ke = a
	for a < len(b) && isXMLSpace(b[a]) {
		a++
	}
	if ke == ks || a >= len(b) || b[a] != '=' {
		return
	}
	a++
	for a < len(b) && isXMLSpace(b[a]) {
		a++
	}
	if a >= len(b) || b[a] != '"' && b[a] != '\'' {
		return
	}
	q := b[a]
	vs = a + 1
	e := bytes.IndexByte(b[vs:], q)
	if e < 0 {
		return
	}
	ve = vs + e
	return ks, ke, vs, ve, ve + 1, true
}

// xmlTag adds the element whose start tag is at o with its attributes; it returns the item, the
// start tag's length and whether the element is empty (<x/>) or the tag has no end.
func xmlTag(c *Ctx, t Tvb, parent int32, o int) (int32, int, bool) {
	b := t.B
	// the tag ends at the first '>' outside quotes
	end, q := -1, byte(0)
	for i := o + 1; i < len(b); i++ {
		switch ch := b[i]; {
		case q != 0:
			if ch == q {
				q = 0
			}
		case ch == '"' || ch == '\'':
			q = ch
		case ch == '>':
			end = i
		}
		if end >= 0 {
			break
		}
	}
	if end < 0 {
		n := c.addASCII(parent, hfXMLUnknown, t, o, len(b)-o)
		return n, len(b) - o, true
	}
	empty := b[end-1] == '/' && end-1 > o
	ne := o + 1
	for ne < end && !isXMLSpace(b[ne]) && b[ne] != '/' && b[ne] != '>' {
		ne++
	}
	el := c.AddBytesV(parent, hfXMLTag, t, o, end+1-o, asciiString(b[o:end+1]))
	type attr struct{ s, e int }
	var attrs []attr
	aEnd := end
	if empty {
		aEnd = end - 1
	}
	for a := ne; a < aEnd; {
		ks, _, _, ve, next, ok := xmlAttr(b[:aEnd], a)
		if !ok {
			break
		}
		attrs = append(attrs, attr{ks, ve + 1})
		a = next
	}
	if c.Visible() {
		if len(attrs) == 0 {
			c.T.SetLabel(el, string(b[o:end+1]))
		} else {
			c.T.SetLabel(el, string(b[o:ne]))
		}
	}
	for i, a := range attrs {
		n := c.addASCII(el, hfXMLAttribute, t, a.s, a.e-a.s)
		if c.Visible() {
			label := string(b[a.s:a.e])
			if i == len(attrs)-1 {
				label += string(b[aEnd : end+1])
			}
			c.T.SetLabel(n, label)
		}
	}
	return el, end + 1 - o, empty
}
