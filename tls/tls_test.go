package tls_test

import (
	"bytes"
	"crypto"
	"encoding/hex"
	"errors"
	"net/netip"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/tls"
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPRF12 checks the TLS 1.2 PRF (SHA-256) against the vector published on the IETF TLS list.
func TestPRF12(t *testing.T) {
	secret := unhex(t, "9bbe436ba940f017b17652849a71db35")
	seed := unhex(t, "a0ba9f936cda311827a6f796ffd5198c")
	want := unhex(t, "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66")
	got := tls.PRF12(crypto.SHA256, secret, "test label", seed, len(want))
	if !bytes.Equal(got, want) {
		t.Errorf("PRF12 = %x\nwant   %x", got, want)
	}
}

// RFC 8448 section 3 (simple 1-RTT handshake, TLS_AES_128_GCM_SHA256).
const (
	rfc8448ClientHello       = "010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7000006130113031302010000910000000b0009000006736572766572ff01000100000a00140012001d0017001800190100010101020103010400230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c002b0003020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d00020101001c00024001"
	rfc8448ServerHello       = "020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800130100002e00330024001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304"
	rfc8448Random            = "cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7"
	rfc8448CHS               = "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21"
	rfc8448SHS               = "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38"
	rfc8448CAP               = "9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5"
	rfc8448SAP               = "a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643"
	rfc8448ServerFlight      = "17030302a2d1ff334a56f5bff6594a07cc87b580233f500f45e489e7f33af35edf7869fcf40aa40aa2b8ea73f848a7ca07612ef9f945cb960b4068905123ea78b111b429ba9191cd05d2a389280f526134aadc7fc78c4b729df828b5ecf7b13bd9aefb0e57f271585b8ea9bb355c7c79020716cfb9b1183ef3ab20e37d57a6b9d7477609aee6e122a4cf51427325250c7d0e509289444c9b3a648f1d71035d2ed65b0e3cdd0cbae8bf2d0b227812cbb360987255cc744110c453baa4fcd610928d809810e4b7ed1a8fd991f06aa6248204797e36a6a73b70a2559c09ead686945ba246ab66e5edd8044b4c6de3fcf2a89441ac66272fd8fb330ef8190579b3684596c960bd596eea520a56a8d650f563aad27409960dca63d3e688611ea5e22f4415cf9538d51a200c27034272968a264ed6540c84838d89f72c24461aad6d26f59ecaba9acbbb317b66d902f4f292a36ac1b639c637ce343117b659622245317b49eeda0c6258f100d7d961ffb138647e92ea330faeea6dfa31c7a84dc3bd7e1b7a6c7178af36879018e3f252107f243d243dc7339d5684c8b0378bf30244da8c87c843f5e56eb4c5e8280a2b48052cf93b16499a66db7cca71e4599426f7d461e66f99882bd89fc50800becca62d6c74116dbd2972fda1fa80f85df881edbe5a37668936b335583b599186dc5c6918a396fa48a181d6b6fa4f9d62d513afbb992f2b992f67f8afe67f76913fa388cb5630c8ca01e0c65d11c66a1e2ac4c85977b7c7a6999bbf10dc35ae69f5515614636c0b9b68c19ed2e31c0b3b66763038ebba42f3b38edc0399f3a9f23faa63978c317fc9fa66a73f60f0504de93b5b845e275592c12335ee340bbc4fddd502784016e4b3be7ef04dda49f4b440a30cb5d2af939828fd4ae3794e44f94df5a631ede42c1719bfdabf0253fe5175be898e750edc53370d2b"
	rfc8448ServerFinished    = "140000209b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718"
	rfc8448ClientFinishedRec = "170303003575ec4dc238cce60b298044a71e219c56cc77b0517fe9b93c7a4bfc44d87f38f80338ac98fc46deb384bd1caeacab6867d726c40546"
	rfc8448ClientFinished    = "14000020a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61"
	rfc8448ClientData        = "1703030043a23f7054b62c94d0affafe8228ba55cbefacea42f914aa66bcab3f2b9819a8a5b46b395bd54a9a20441e2b62974e1f5a6292a2977014bd1e3deae63aeebb21694915e4"
	rfc8448ServerData        = "17030300432e937e11ef4ac740e538ad36005fc4a46932fc3225d05f82aa1b36e30efaf97d90e6dffc602dcb501a59a8fcc49c4bf2e5f0a21c0047c2abf332540dd032e167c2955d"
	rfc8448ClientAlert       = "1703030013c9872760655666b74d7ff1153efd6db6d0b0e3"
	rfc8448Payload           = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031"
)

func TestHKDFExpandLabelRFC8448(t *testing.T) {
	s, _ := tls.SuiteByID(0x1301)
	key, iv := tls.TrafficKeys(s, unhex(t, rfc8448SHS))
	if hex.EncodeToString(key) != "3fce516009c21727d0f2e4e86ee403bc" || hex.EncodeToString(iv) != "5d313eb2671276ee13000b30" {
		t.Errorf("server handshake key/iv = %x %x", key, iv)
	}
	key, iv = tls.TrafficKeys(s, unhex(t, rfc8448CAP))
	if hex.EncodeToString(key) != "17422dda596ed5d9acd890e3c63f5051" || hex.EncodeToString(iv) != "5b78923dee08579033e523d9" {
		t.Errorf("client application key/iv = %x %x", key, iv)
	}
}

func rec(t testing.TB, s string) (uint8, uint16, []byte) {
	b := unhex(t, s)
	return b[0], uint16(b[1])<<8 | uint16(b[2]), b[5:]
}

// TestSessionRFC8448 replays RFC 8448's simple 1-RTT handshake through a Session with a key log.
func TestSessionRFC8448(t *testing.T) {
	kl := tls.NewKeyLog()
	log := "# RFC 8448 section 3\n" +
		"CLIENT_HANDSHAKE_TRAFFIC_SECRET " + rfc8448Random + " " + rfc8448CHS + "\n" +
		"SERVER_HANDSHAKE_TRAFFIC_SECRET " + rfc8448Random + " " + rfc8448SHS + "\n" +
		"CLIENT_TRAFFIC_SECRET_0 " + rfc8448Random + " " + rfc8448CAP + "\n" +
		"SERVER_TRAFFIC_SECRET_0 " + rfc8448Random + " " + rfc8448SAP + "\n"
	if err := kl.Parse(strings.NewReader(log)); err != nil {
		t.Fatal(err)
	}
	s := tls.NewSession(&tls.Keys{Logs: []*tls.KeyLog{kl}}, nil, netip.MustParseAddrPort("192.0.2.1:443"))
	s.Handshake(tls.FromClient, unhex(t, rfc8448ClientHello))
	s.Handshake(tls.FromServer, unhex(t, rfc8448ServerHello))
	if s.Version() != 0x0304 {
		t.Fatalf("version %x", s.Version())
	}
	ct, v, p := rec(t, rfc8448ServerFlight)
	r, err := s.Decrypt(tls.FromServer, ct, v, p)
	if err != nil {
		t.Fatalf("server flight: %v", err)
	}
	if r.Type != 22 || !bytes.HasSuffix(r.Data, unhex(t, rfc8448ServerFinished)) || r.Data[0] != 8 {
		t.Fatalf("server flight: type %d, %x...", r.Type, r.Data[:8])
	}
	s.Handshake(tls.FromServer, unhex(t, rfc8448ServerFinished))
	ct, v, p = rec(t, rfc8448ClientFinishedRec)
	r, err = s.Decrypt(tls.FromClient, ct, v, p)
	if err != nil || !bytes.Equal(r.Data, unhex(t, rfc8448ClientFinished)) {
		t.Fatalf("client finished: %v %x", err, r.Data)
	}
	s.Handshake(tls.FromClient, r.Data)
	ct, v, p = rec(t, rfc8448ClientData)
	r, err = s.Decrypt(tls.FromClient, ct, v, p)
	if err != nil || r.Type != 23 || !bytes.Equal(r.Data, unhex(t, rfc8448Payload)) {
		t.Fatalf("client data: %v type %d %x", err, r.Type, r.Data)
	}
	ct, v, p = rec(t, rfc8448ClientAlert)
	r, err = s.Decrypt(tls.FromClient, ct, v, p)
	if err != nil || r.Type != 21 || !bytes.Equal(r.Data, []byte{1, 0}) {
		t.Fatalf("client alert: %v type %d %x", err, r.Type, r.Data)
	}
	// The server's first application record was a New Session Ticket (not in the vector): a
	// record that fails still counts.
	if _, err := s.Decrypt(tls.FromServer, 23, 0x0303, make([]byte, 40)); !errors.Is(err, tls.ErrBadMAC) {
		t.Fatalf("junk record: %v", err)
	}
	ct, v, p = rec(t, rfc8448ServerData)
	r, err = s.Decrypt(tls.FromServer, ct, v, p)
	if err != nil || !bytes.Equal(r.Data, unhex(t, rfc8448Payload)) {
		t.Fatalf("server data: %v %x", err, r.Data)
	}
}

func TestSessionReasons(t *testing.T) {
	t.Run("no key log for TLS 1.3", func(t *testing.T) {
		s := tls.NewSession(&tls.Keys{}, nil, netip.AddrPort{})
		s.Handshake(tls.FromClient, unhex(t, rfc8448ClientHello))
		s.Handshake(tls.FromServer, unhex(t, rfc8448ServerHello))
		ct, v, p := rec(t, rfc8448ServerFlight)
		if _, err := s.Decrypt(tls.FromServer, ct, v, p); !errors.Is(err, tls.ErrNoKeys) {
			t.Fatalf("err %v", err)
		}
		if !strings.Contains(s.Reason(), "no key log entry") {
			t.Errorf("reason %q", s.Reason())
		}
	})
	t.Run("capture began after the handshake", func(t *testing.T) {
		s := tls.NewSession(&tls.Keys{}, nil, netip.AddrPort{})
		if _, err := s.Decrypt(tls.FromServer, 23, 0x0303, make([]byte, 40)); !errors.Is(err, tls.ErrNoKeys) {
			t.Fatalf("err %v", err)
		}
		if !strings.Contains(s.Reason(), "began after the handshake") {
			t.Errorf("reason %q", s.Reason())
		}
	})
}

func TestKeyLogParse(t *testing.T) {
	tests := []struct {
		name, text string
		wantErr    string
		n          int
	}{
		{"empty", "", "", 0},
		{"comments and unknown labels", "# x\n\nFOO 00 11\nCLIENT_RANDOM " + strings.Repeat("ab", 32) + " " + strings.Repeat("cd", 48) + "\n", "", 1},
		{"rsa", "RSA 0011223344556677 " + strings.Repeat("cd", 48), "", 1},
		{"bad hex", "CLIENT_RANDOM zz " + strings.Repeat("cd", 48), "line 1: CLIENT_RANDOM: bad hex", 0},
		{"short random", "CLIENT_RANDOM abcd " + strings.Repeat("cd", 48), "not 32 bytes", 0},
		{"short master", "CLIENT_RANDOM " + strings.Repeat("ab", 32) + " cdcd", "not 48 bytes", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k := tls.NewKeyLog()
			err := k.Parse(strings.NewReader(tc.text))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want %q", err, tc.wantErr)
				}
				if strings.Contains(err.Error(), "cdcd") {
					t.Errorf("error leaks the secret: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if k.Len() != tc.n {
				t.Errorf("Len %d, want %d", k.Len(), tc.n)
			}
		})
	}
}

func TestLoadKeyFile(t *testing.T) {
	ref, err := tls.LoadKeyFile("testdata/rsa-pkcs1.pem", "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file, password string
		wantErr        error
	}{
		{"testdata/rsa-pkcs8.pem", "", nil},
		{"testdata/rsa.der", "", nil},
		{"testdata/rsa-pkcs8-enc.pem", "secret", nil},
		{"testdata/rsa-pkcs8-enc.pem", "wrong", tls.ErrPassword},
		{"testdata/rsa-pkcs8-enc.pem", "", tls.ErrPassword},
		{"testdata/rsa-legacy-enc.pem", "secret", nil},
		{"testdata/rsa-legacy-enc.pem", "", tls.ErrPassword},
		{"testdata/rsa.p12", "secret", nil},
		{"testdata/rsa-legacy.p12", "secret", nil},
		{"testdata/rsa-legacy.p12", "wrong", tls.ErrPassword},
		{"testdata/rsa.crt", "", tls.ErrNoKey},
	}
	for _, tc := range tests {
		t.Run(tc.file+"/"+tc.password, func(t *testing.T) {
			k, err := tls.LoadKeyFile(tc.file, tc.password)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !k.Equal(ref) {
				t.Error("a different key")
			}
		})
	}
}

func TestParseKeyEntry(t *testing.T) {
	tests := []struct {
		spec    string
		want    string
		wantErr bool
	}{
		{"10.20.0.2,443,http,testdata/rsa-pkcs1.pem", "10.20.0.2,443,http,testdata/rsa-pkcs1.pem", false},
		{"0.0.0.0,0,http,testdata/rsa-pkcs1.pem", "any,any,http,testdata/rsa-pkcs1.pem", false},
		{"any,any,,testdata/rsa-pkcs8-enc.pem,secret", "any,any,,testdata/rsa-pkcs8-enc.pem", false},
		{"testdata/rsa-pkcs1.pem", "any,any,,testdata/rsa-pkcs1.pem", false},
		{"10.20.0.2,x,http,testdata/rsa-pkcs1.pem", "", true},
		{"a,b", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.spec, func(t *testing.T) {
			k, err := tls.ParseKeyEntry(tc.spec)
			if tc.wantErr {
				if err == nil {
					t.Fatal("no error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if k.String() != tc.want {
				t.Errorf("String %q, want %q", k.String(), tc.want)
			}
			if strings.Contains(k.String(), "secret") {
				t.Error("String shows the password")
			}
		})
	}
}
