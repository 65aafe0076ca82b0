// Package displayfilter implements Wireshark's display-filter language with tshark 4.0's semantics:
// a participle lexer and grammar, a checker that resolves words against a *field.Registry and
// converts literals by the type of the other side, and a compiler to a tree of closures that
// evaluates a *field.Tree without allocating.
//
// It imports only package field: it never imports a dissector. The filter tells dissection what it
// needs through Filter.Fields.
//
// Regular expressions ("matches", "~") use Go's regexp package (RE2 syntax) with "(?i)" prepended,
// since tshark 4.0 matches case-insensitively. Differences from tshark's PCRE2: no backreferences
// (\1), no lookahead or lookbehind ((?=…), (?<=…)), no possessive quantifiers or atomic groups, no
// \Q…\E quoting inside classes, and compile errors are worded by Go's regexp package.
package displayfilter
