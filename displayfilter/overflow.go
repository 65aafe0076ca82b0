package displayfilter

import (
	"math"
	"math/bits"

	"github.com/tshark-tui/tshark-tui/field"
)

// Arithmetic on field values as tshark 4.0 does it (epan/ftypes/ftype-integer.c with psnip's safe
// operations): a result that does not fit the operands' width is no value at all, so a relation on
// it matches nothing ("tcp.seq_raw * 4294967295 > 0" matches no packet; it used to wrap and match).
// Integers of up to 32 bits compute in 32 bits, wider ones in 64. An unsigned subtraction whose
// result is negative, and the negation of an unsigned value, give a signed value (tshark turns the
// value into FT_INT32 or FT_INT64) when both operands fit the signed type; then comparisons with it
// are signed ("tcp.srcport - 65535 < 0" matches). Literals keep the unsigned two's complement of
// negate: "frame.len > -1" matches nothing, as in tshark.

// wideInt reports whether values of type t compute in 64 bits.
func wideInt(t field.Type) bool { return t.Size() > 4 }

// signedVal returns an unsigned-class value as a signed number: the result of arithmetic that made
// it signed, else the two's complement of its bits (a literal "-1" is -1).
func signedVal(v *val) int64 {
	if v.signed {
		return v.i
	}
	return int64(v.u)
}

// fieldArith computes x op y for field values of class cl (cUint or cInt) and width wide.
func fieldArith(cl class, wide bool, op byte, x, y val) (val, bool) {
	if cl == cInt {
		return intArith(wide, op, x.i, y.i)
	}
	if x.signed || y.signed {
		return intArith(wide, op, signedVal(&x), signedVal(&y))
	}
	max := uint64(math.MaxUint32)
	smax := uint64(math.MaxInt32)
	if wide {
		max, smax = math.MaxUint64, math.MaxInt64
	}
	a, b := x.u, y.u
	var r uint64
	switch op {
	case '+':
		var carry uint64
		if r, carry = bits.Add64(a, b, 0); carry != 0 || r > max {
			return val{}, false
		}
	case '-':
		if a < b {
			if a > smax || b > smax {
				return val{}, false
			}
			d := int64(a) - int64(b)
			return val{i: d, u: uint64(d), signed: true}, true
		}
		r = a - b
	case '*':
		var hi uint64
		if hi, r = bits.Mul64(a, b); hi != 0 || r > max {
			return val{}, false
		}
	default:
		var ok bool
		if r, ok = divModAnd(op, a, b); !ok {
			return val{}, false
		}
	}
	return val{u: r, i: int64(r)}, true
}

// divModAnd computes the operations that cannot overflow but divide by zero: / % &.
func divModAnd[T uint64 | int64](op byte, a, b T) (T, bool) {
	switch op {
	case '/':
		if b == 0 {
			return 0, false
		}
		return a / b, true
	case '%':
		if b == 0 {
			return 0, false
		}
		return a % b, true
	case '&':
		return a & b, true
	}
	return 0, false
}

// intArith computes a op b in 32 or 64 signed bits, failing on overflow and division by zero.
func intArith(wide bool, op byte, a, b int64) (val, bool) {
	var r int64
	switch op {
	case '+':
		r = a + b
		if (b > 0 && r < a) || (b < 0 && r > a) {
			return val{}, false
		}
	case '-':
		r = a - b
		if (b < 0 && r < a) || (b > 0 && r > a) {
			return val{}, false
		}
	case '*':
		r = a * b
		if a != 0 && (r/a != b || (a == -1 && b == math.MinInt64)) {
			return val{}, false
		}
	default:
		if op == '/' && a == math.MinInt64 && b == -1 {
			return val{}, false
		}
		var ok bool
		if r, ok = divModAnd(op, a, b); !ok {
			return val{}, false
		}
	}
	if !wide && (r < math.MinInt32 || r > math.MaxInt32) {
		return val{}, false
	}
	return val{i: r, u: uint64(r), signed: true}, true
}

// fieldNegate is unary minus on a field value of class cl and width wide.
func fieldNegate(cl class, wide bool, v val) (val, bool) {
	if cl != cUint && cl != cInt {
		return negate(cl, v)
	}
	if cl == cUint && !v.signed {
		if (!wide && v.u > math.MaxInt32) || (wide && v.u > math.MaxInt64) {
			return val{}, false
		}
		return val{i: -int64(v.u), u: uint64(-int64(v.u)), signed: true}, true
	}
	i := v.i
	if cl == cUint {
		i = signedVal(&v)
	}
	if (!wide && i == math.MinInt32) || i == math.MinInt64 {
		return val{}, false
	}
	return val{i: -i, u: uint64(-i), signed: true}, true
}
