// Package displayfilter implements Wireshark's display-filter language with tshark 4.0's semantics:
// a participle lexer and grammar, a checker that resolves words against a *field.Registry and
// converts literals by the type of the other side, and a compiler to a tree of closures that
// evaluates a *field.Tree without allocating.
//
// It imports only package field: it never imports a dissector. The filter tells dissection what it
// needs through Filter.Fields.
//
// # Language (tshark 4.0)
//
// Precedence, loosest first: "||"/"or", "&&"/"and", "!"/"not", relations, "&", "+ -", "* / %",
// unary minus. "and" binds tighter than "or" (grammar.lemon: %left TEST_OR. %left TEST_AND.), which
// tshark confirms: "frame.number == 1 or frame.number == 2 and frame.number == 3" matches frame 1.
// "xor", "^^" and "@field" do not exist in 4.0 and are rejected with tshark's message.
//
// Relations: == eq any_eq (some occurrence equals), != ne all_ne (no occurrence equals), ===
// all_eq (every occurrence equals), !== ~= any_ne (some occurrence differs), > gt >= ge < lt <= le,
// contains, matches/~, in {a, b..c} (commas required) and not in, with optional "any"/"all" prefix.
// A relation on a field that is absent is false, "!=" included. Comparisons chain ("a == b == c"
// is "a == b && b == c"). Every pair of occurrences is tried, also for arithmetic.
//
// Regular expressions ("matches", "~") use Go's regexp package (RE2 syntax) with "(?i)" prepended,
// since tshark 4.0 matches case-insensitively. Differences from tshark's PCRE2: no backreferences
// (\1), no lookahead or lookbehind ((?=…), (?<=…)), no possessive quantifiers or atomic groups, no
// \Q…\E quoting inside classes, and compile errors are worded by Go's regexp package (the common
// ones are mapped to PCRE2's words).
//
// # Known differences from tshark 4.0
//
//   - Host names in address literals are never resolved ("ip.addr == example.com" is an error with
//     tshark's "is not a valid hostname" wording).
//   - Absolute times accept a fixed list of layouts ("Jan 2, 2006 15:04:05[.frac][ UTC]",
//     "2006-01-02[T ]15:04:05[.frac][Z]", minutes-only forms); tshark's strptime takes a few more.
//   - ${field} references yield nothing, as in tshark's command line (there is no selected packet).
//   - A field of a protocol Wireshark knows but this program does not dissect ("smb2.cmd") compiles
//     whatever its name after the protocol's, and takes any literal as text; tshark checks the name
//     and the literal's type. Such filters cannot match either way, and UndissectedWarnings says so.
//   - Messages for paths tshark's tests do not show (floating point parse errors, "too small"
//     integers, min/max argument errors) are our wording in tshark's style.
//   - Newer functions (vals, dec, hex, ip_rfc1918, …) are not provided, as in 4.0.
package displayfilter
