package field

import (
	"fmt"
	"math/bits"
	"sort"
	"strings"
)

// ID identifies a registered field. 0 is no field (a text-only tree item).
type ID int32

// Field describes one filterable item, Wireshark's header_field_info.
type Field struct {
	ID     ID
	Abbrev string // filter name: "tcp.flags.syn"
	Name   string // label in the tree: "Syn"
	Type   Type
	Base   Base   // display base; for Bool with a Mask, the bit width of the bitfield
	Mask   uint64 // bits within the field's bytes (0 = whole value)
	Parent ID     // the protocol the field belongs to (0 for protocols)
	Blurb  string // description (tshark -G fields, column 6)

	// Strings names integer values (Wireshark's value_string); Ranges names ranges of them.
	Strings map[uint64]string
	Ranges  []Range
	// TrueFalse names the two states of a Bool ("Set"/"Not set" by default).
	TrueFalse *[2]string
	// Unit is appended to decimal values in labels ("bytes", "seconds").
	Unit string
	// Undissected marks a protocol Wireshark knows that is registered by name only: a filter on it
	// (or on a field under it) compiles, as in tshark, but cannot match.
	Undissected bool
}

// Range names a range of integer values (Wireshark's range_string).
type Range struct {
	Lo, Hi uint64
	Name   string
}

// Shift is the number of low zero bits of the mask: the value stored is (raw & Mask) >> Shift.
func (f *Field) Shift() uint {
	if f.Mask == 0 {
		return 0
	}
	return uint(bits.TrailingZeros64(f.Mask))
}

// BitWidth is the width in bits of the container a masked field is drawn in ("..1. ....").
func (f *Field) BitWidth() int {
	if f.Type == Bool {
		if f.Base > 0 && f.Base <= 64 {
			return int(f.Base)
		}
		return 8
	}
	return f.Type.Size() * 8
}

// ValueName returns the name of an integer value from Strings or Ranges.
func (f *Field) ValueName(v uint64) (string, bool) {
	if f.Strings != nil {
		if s, ok := f.Strings[v]; ok {
			return s, true
		}
	}
	for _, r := range f.Ranges {
		if v >= r.Lo && v <= r.Hi {
			return r.Name, true
		}
	}
	return "", false
}

// HasNames reports whether the field has value names.
func (f *Field) HasNames() bool { return f.Strings != nil || f.Ranges != nil }

// Registry holds every field by ID and by filter name. It is filled during package initialisation
// and read-only afterwards.
type Registry struct {
	fields   []*Field // index = ID; 0 unused
	byAbbrev map[string]ID
	aliases  map[string]string // old protocol name -> current one ("bootp" -> "dhcp")
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{fields: []*Field{nil}, byAbbrev: map[string]ID{}}
}

// Option sets an optional property of a field being registered.
type Option func(*Field)

// WithBase sets the display base (or, for a masked Bool, its bit width).
func WithBase(b Base) Option { return func(f *Field) { f.Base = b } }

// WithMask sets the bitmask of the field within its bytes.
func WithMask(m uint64) Option { return func(f *Field) { f.Mask = m } }

// WithStrings names integer values.
func WithStrings(m map[uint64]string) Option { return func(f *Field) { f.Strings = m } }

// WithRanges names ranges of integer values.
func WithRanges(r []Range) Option { return func(f *Field) { f.Ranges = r } }

// WithTrueFalse names a boolean's states.
func WithTrueFalse(t, fls string) Option { return func(f *Field) { f.TrueFalse = &[2]string{t, fls} } }

// WithBlurb sets the field's description.
func WithBlurb(s string) Option { return func(f *Field) { f.Blurb = s } }

// WithUnit sets the unit appended to the value in labels.
func WithUnit(s string) Option { return func(f *Field) { f.Unit = s } }

// Protocol registers a protocol (FT_PROTOCOL) field such as "tcp".
func (r *Registry) Protocol(abbrev, name string) ID {
	return r.Add(0, abbrev, name, Protocol)
}

// Add registers a field of protocol parent. Integer fields default to decimal display. It panics on a
// duplicate filter name: registration happens in init, so that is a programming error.
func (r *Registry) Add(parent ID, abbrev, name string, t Type, opts ...Option) ID {
	if _, dup := r.byAbbrev[abbrev]; dup {
		panic(fmt.Sprintf("field: %q registered twice", abbrev))
	}
	f := &Field{ID: ID(len(r.fields)), Abbrev: abbrev, Name: name, Type: t, Parent: parent}
	if t.IsInteger() && t != Bool {
		f.Base = Dec
	}
	if t == Bool {
		f.Base = 0
	}
	for _, o := range opts {
		o(f)
	}
	r.fields = append(r.fields, f)
	r.byAbbrev[abbrev] = f.ID
	return f.ID
}

// Get returns the field with the given ID, or nil.
func (r *Registry) Get(id ID) *Field {
	if id <= 0 || int(id) >= len(r.fields) {
		return nil
	}
	return r.fields[id]
}

// Lookup returns the field with the given filter name. A name under a protocol alias resolves to
// the protocol's current name, as Wireshark's proto_registrar_get_byalias does: "bootp.option.type"
// is "dhcp.option.type".
func (r *Registry) Lookup(abbrev string) (*Field, bool) {
	id, ok := r.byAbbrev[abbrev]
	if !ok {
		if len(r.aliases) == 0 {
			return nil, false
		}
		proto, rest, dotted := strings.Cut(abbrev, ".")
		to, isAlias := r.aliases[proto]
		if !isAlias {
			return nil, false
		}
		if dotted {
			to += "." + rest
		}
		if id, ok = r.byAbbrev[to]; !ok {
			return nil, false
		}
	}
	return r.fields[id], true
}

// Alias makes the protocol name alias (and every field name under it) stand for protocol to, as
// Wireshark's proto_register_alias keeps old filter names working ("bootp" for "dhcp", "ssl" for
// "tls"). Register during initialisation.
func (r *Registry) Alias(alias, to string) {
	if r.aliases == nil {
		r.aliases = map[string]string{}
	}
	r.aliases[alias] = to
}

// UndissectedUnder returns the undissected protocol that name belongs to: the longest dotted
// prefix of name ("smb2" for "smb2.cmd") registered as an Undissected protocol. A field of a
// protocol Wireshark knows but this program does not dissect is not registered; a filter naming it
// still compiles, as in tshark, and cannot match.
func (r *Registry) UndissectedUnder(name string) (*Field, bool) {
	for i := len(name); i > 0; i = strings.LastIndexByte(name[:i], '.') {
		if f, ok := r.Lookup(name[:i]); ok {
			if f.Undissected && f.Type == Protocol {
				return f, true
			}
			return nil, false
		}
	}
	return nil, false
}

// Len returns one more than the highest registered ID (the size an IDSet needs).
func (r *Registry) Len() int { return len(r.fields) }

// All returns every field, sorted by filter name.
func (r *Registry) All() []*Field {
	out := make([]*Field, 0, len(r.fields)-1)
	out = append(out, r.fields[1:]...)
	sort.Slice(out, func(i, j int) bool { return out[i].Abbrev < out[j].Abbrev })
	return out
}

// ProtocolOf returns the protocol field a field belongs to (itself for a protocol).
func (r *Registry) ProtocolOf(id ID) *Field {
	f := r.Get(id)
	if f == nil {
		return nil
	}
	if f.Type == Protocol || f.Parent == 0 {
		return f
	}
	return r.Get(f.Parent)
}

// IDSet is a set of field IDs, used to tell dissection which fields a filter or a -T fields list needs.
type IDSet struct{ bits []uint64 }

// NewIDSet returns a set sized for the registry.
func NewIDSet(r *Registry) *IDSet { return &IDSet{bits: make([]uint64, (r.Len()+63)/64)} }

// Add puts id in the set.
func (s *IDSet) Add(id ID) {
	if id <= 0 {
		return
	}
	w := int(id) / 64
	for w >= len(s.bits) {
		s.bits = append(s.bits, 0)
	}
	s.bits[w] |= 1 << (uint(id) % 64)
}

// Has reports whether id is in the set.
func (s *IDSet) Has(id ID) bool {
	w := int(id) / 64
	return id > 0 && w < len(s.bits) && s.bits[w]&(1<<(uint(id)%64)) != 0
}

// Empty reports whether the set holds no ID.
func (s *IDSet) Empty() bool {
	for _, w := range s.bits {
		if w != 0 {
			return false
		}
	}
	return true
}

// Each calls fn for every ID in the set, in increasing order.
func (s *IDSet) Each(fn func(ID)) {
	for w, bitsW := range s.bits {
		for bitsW != 0 {
			b := bits.TrailingZeros64(bitsW)
			fn(ID(w*64 + b))
			bitsW &^= 1 << uint(b)
		}
	}
}
