package output

import (
	"bufio"
	"fmt"
	"sort"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/snappy"

	"github.com/tshark-tui/tshark-tui/field"
)

// Parquet options.
const (
	// parquetRowGroup is the rows per row group: memory holds one row group's columns (a few MB
	// for a handful of fields), whatever the capture's size.
	parquetRowGroup = 256 << 10
	// parquetBatch is the rows handed to the writer at once.
	parquetBatch = 1024
)

// pairFields are fields tshark adds twice per packet by construction (source and destination):
// their Parquet columns are always lists.
var pairFields = map[string]bool{
	"eth.addr": true, "ip.addr": true, "ip.host": true, "ipv6.addr": true, "ipv6.host": true,
	"tcp.port": true, "udp.port": true, "sctp.port": true, "eth.addr_resolved": true,
}

// parquetWriter writes -T parquet -e FIELD ...: one row per displayed packet, one column per
// field named as the field, with the field's type: integers as (unsigned) INT32/INT64, booleans
// as BOOLEAN, absolute times as TIMESTAMP(NANOS, UTC), relative times and floats as DOUBLE,
// addresses and everything else as tshark's -T fields text. A field's first occurrence is its
// value, except for pair fields (ip.addr, tcp.port ...) and with -E occurrence=a, whose columns
// are LISTs of every occurrence. Row groups are written as they fill, so memory stays flat.
//
// Parquet keeps a group's columns sorted by name, so the file's column order is alphabetical.
type parquetWriter struct {
	o      Options
	fields []*field.Field // sorted by name: the schema's column order
	lists  []bool
	w      *parquet.Writer
	rows   []parquet.Row
	vals   []parquet.Value
	arena  []byte // text values of the rows not yet written (the writer copies them)
	err    error
}

// NewParquet returns the -T parquet Writer for the -e fields; allLists makes every column a list
// (-E occurrence=a).
func NewParquet(fields []*field.Field, allLists bool) (Writer, error) {
	if len(fields) == 0 {
		return nil, fmt.Errorf("-T parquet needs the fields to write, given with -e")
	}
	seen := map[string]bool{}
	p := &parquetWriter{}
	for _, f := range fields {
		if !seen[f.Abbrev] {
			seen[f.Abbrev] = true
			p.fields = append(p.fields, f)
		}
	}
	sort.Slice(p.fields, func(i, j int) bool { return p.fields[i].Abbrev < p.fields[j].Abbrev })
	for _, f := range p.fields {
		p.lists = append(p.lists, allLists || pairFields[f.Abbrev])
	}
	return p, nil
}

// Schema returns the Parquet schema the writer uses.
func (p *parquetWriter) Schema() *parquet.Schema {
	g := parquet.Group{}
	for i, f := range p.fields {
		leaf := parquetLeaf(f)
		if p.lists[i] {
			g[f.Abbrev] = parquet.Optional(parquet.List(leaf))
		} else {
			g[f.Abbrev] = parquet.Optional(leaf)
		}
	}
	return parquet.NewSchema("packets", g)
}

// parquetLeaf is the column type of a field's values.
func parquetLeaf(f *field.Field) parquet.Node {
	switch t := f.Type; {
	case t == field.Bool:
		return parquet.Leaf(parquet.BooleanType)
	case t.IsUnsigned() && t.Size() <= 4:
		return parquet.Uint(32)
	case t.IsUnsigned():
		return parquet.Uint(64)
	case t.IsSigned() && t.Size() <= 4:
		return parquet.Int(32)
	case t.IsSigned():
		return parquet.Int(64)
	case t == field.AbsTime:
		return parquet.TimestampAdjusted(parquet.Nanosecond, true)
	case t == field.RelTime, t == field.Float, t == field.Double:
		return parquet.Leaf(parquet.DoubleType)
	}
	return parquet.String()
}

func (p *parquetWriter) Needs() Needs {
	for _, f := range p.fields {
		if f.Type == field.Protocol {
			return Needs{Tree: true} // a protocol's value is its label
		}
	}
	return Needs{}
}

// Fields lists the fields the writer reads, for dissection to build.
func (p *parquetWriter) Fields() []*field.Field { return p.fields }

func (p *parquetWriter) Begin(w *bufio.Writer, file string) {
	p.w = parquet.NewWriter(w, p.Schema(), parquet.MaxRowsPerRowGroup(parquetRowGroup),
		parquet.Compression(&snappy.Codec{}), parquet.CreatedBy("tshark-tui", "", ""))
}

func (p *parquetWriter) Packet(w *bufio.Writer, pk *Packet) {
	if p.err != nil {
		return
	}
	t := pk.Tree
	row := p.vals[:0]
	for col, f := range p.fields {
		first := true
		t.Each(f.ID, func(n *field.Node) bool {
			v := p.value(f, n, t)
			if p.lists[col] {
				rep := 1
				if first {
					rep = 0
				}
				row = append(row, v.Level(rep, 2, col))
				first = false
				return true
			}
			row = append(row, v.Level(0, 1, col))
			first = false
			return false
		})
		if first { // absent: null
			row = append(row, parquet.NullValue().Level(0, 0, col))
		}
	}
	p.vals = row[len(row):] // the next row's values go after these: p.rows keeps views
	p.rows = append(p.rows, row)
	if len(p.rows) == parquetBatch {
		p.flush()
	}
}

func (p *parquetWriter) flush() {
	if len(p.rows) == 0 || p.err != nil {
		return
	}
	if _, err := p.w.WriteRows(p.rows); err != nil {
		p.err = err
	}
	p.rows = p.rows[:0]
	p.vals = p.vals[:0:0]
	p.arena = p.arena[:0:0]
}

// value converts one occurrence to its column's value; text goes to the arena, since the tree is
// reused by the next packet (an arena that grows moves on to a new array, so earlier values stay).
func (p *parquetWriter) value(f *field.Field, n *field.Node, t *field.Tree) parquet.Value {
	switch ty := f.Type; {
	case ty == field.Bool:
		return parquet.BooleanValue(n.Value.U != 0)
	case ty.IsUnsigned() && ty.Size() <= 4:
		return parquet.Int32Value(int32(uint32(n.Value.U)))
	case ty.IsUnsigned():
		return parquet.Int64Value(int64(n.Value.U))
	case ty.IsSigned() && ty.Size() <= 4:
		return parquet.Int32Value(int32(n.Value.I))
	case ty.IsSigned():
		return parquet.Int64Value(n.Value.I)
	case ty == field.AbsTime:
		return parquet.Int64Value(n.Value.I)
	case ty == field.RelTime:
		return parquet.DoubleValue(float64(n.Value.I) / 1e9)
	case ty == field.Float, ty == field.Double:
		return parquet.DoubleValue(n.Value.F)
	}
	start := len(p.arena)
	p.arena = AppendValue(p.arena, f, n, t)
	return parquet.ByteArrayValue(p.arena[start:len(p.arena):len(p.arena)])
}

func (p *parquetWriter) End(w *bufio.Writer) {
	p.flush()
	if err := p.w.Close(); err != nil && p.err == nil {
		p.err = err
	}
}

// Err returns the first write error.
func (p *parquetWriter) Err() error { return p.err }
