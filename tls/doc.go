// Package tls decrypts captured TLS 1.0–1.3 records the way Wireshark does: it reads the secrets a
// user gives it (RSA private keys, SSLKEYLOGFILE key-log files), follows one connection's
// handshake (randoms, cipher suite, session ID and ticket, extended master secret, the encrypted
// pre-master secret), derives the keys (TLS 1.0/1.1 and 1.2 PRFs, the TLS 1.3 HKDF key schedule)
// and decrypts and authenticates records (AES-CBC with HMAC, with and without encrypt-then-MAC,
// AES-GCM, ChaCha20-Poly1305, 3DES-CBC, RC4 and NULL).
//
// It is a floor-1 package: it imports nothing of the project's, only the standard library and
// golang.org/x/crypto (ChaCha20-Poly1305, PKCS#12). The dissector (dissect/tls.go) owns the
// conversation tracking and calls a Session with the handshake messages and records it parses.
//
// Secrets never leave the package through String methods, errors or logs.
package tls
