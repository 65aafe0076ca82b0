// Command h2server is the web server the capture scripts record against: cleartext HTTP/2 by prior
// knowledge and by HTTP/1.1 Upgrade (golang.org/x/net/http2/h2c), HTTP/2 over TLS (ALPN h2) with
// -tls, a JSON echo, gRPC-framed answers with trailers, a body spread over several DATA frames, a
// gzip-encoded body, and HTTP/1.1 bodies of many media types (text, XML, forms, multipart, images).
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"flag"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"log"
	"net/http"
	"strings"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/h2c"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address")
	cert := flag.String("cert", "", "TLS certificate (with -key: serve HTTP/2 over TLS)")
	key := flag.String("key", "", "TLS private key")
	flag.Parse()
	mux := http.NewServeMux()
	mux.HandleFunc("/hello", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "hello over h2c\nsecond line\n")
	})
	mux.HandleFunc("/upgrade", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<html><body><p>upgraded</p></body></html>\n")
	})
	mux.HandleFunc("/api/echo", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"echo":`))
		w.Write(b)
		w.Write([]byte("}"))
	})
	mux.HandleFunc("/helloworld.Greeter/SayHello", func(w http.ResponseWriter, r *http.Request) {
		io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/grpc")
		w.Header().Set("Trailer", "Grpc-Status, Grpc-Message")
		w.WriteHeader(200)
		// one message: field 1 (string) "Hello alice"
		w.Write([]byte{0, 0, 0, 0, 13, 0x0a, 11, 'H', 'e', 'l', 'l', 'o', ' ', 'a', 'l', 'i', 'c', 'e'})
		w.Header().Set("Grpc-Status", "0")
		w.Header().Set("Grpc-Message", "OK")
	})
	// A server-streaming gRPC call: two messages in one DATA frame, then one message larger than a
	// DATA frame, each a protobuf message with every wire type.
	mux.HandleFunc("/routeguide.RouteGuide/ListFeatures", func(w http.ResponseWriter, r *http.Request) {
		io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/grpc+proto")
		w.Header().Set("Trailer", "Grpc-Status")
		w.WriteHeader(200)
		f := w.(http.Flusher)
		w.Write(append(grpcMsg(feature("first", 150)), grpcMsg(feature("second", 300))...))
		f.Flush()
		w.Write(grpcMsg(feature(strings.Repeat("big feature ", 1700), 1<<40)))
		f.Flush()
		w.Header().Set("Grpc-Status", "0")
	})
	// A body over several DATA frames (the client's 16 KiB frames).
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for i := 0; i < 800; i++ {
			io.WriteString(w, "line of the big body, HTTP/2 splits it into DATA frames\n")
		}
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		var b bytes.Buffer
		z := gzip.NewWriter(&b)
		io.WriteString(z, `{"compressed":true,"items":["a","b","c"],"n":3}`)
		z.Close()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(b.Bytes())
	})
	for path, m := range media() {
		m := m
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", m.ctype)
			w.Write(m.body)
		})
	}
	// Echoes what the client posted (an urlencoded form, a multipart upload) as text.
	mux.HandleFunc("/media/post", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "received "+r.Header.Get("Content-Type")+"\n")
		w.Write(b[:min(len(b), 64)])
	})
	if *cert != "" {
		srv := &http.Server{Addr: *addr, Handler: mux}
		log.Fatal(srv.ListenAndServeTLS(*cert, *key))
	}
	srv := &http.Server{Addr: *addr, Handler: h2c.NewHandler(mux, &http2.Server{})}
	log.Fatal(srv.ListenAndServe())
}

// grpcMsg frames a message the gRPC way: no compression, a 4-byte length.
func grpcMsg(m []byte) []byte {
	b := []byte{0, 0, 0, 0, 0}
	binary.BigEndian.PutUint32(b[1:], uint32(len(m)))
	return append(b, m...)
}

// feature is a protobuf message with a field of every wire type: 1 string name, 2 varint, 3
// fixed64, 4 nested message {1: varint}, 5 fixed32, 6 a negative int64 (ten-byte varint).
func feature(name string, n uint64) []byte {
	var b []byte
	b = binary.AppendUvarint(append(b, 0x0a), uint64(len(name)))
	b = append(b, name...)
	b = binary.AppendUvarint(append(b, 0x10), n)
	b = binary.LittleEndian.AppendUint64(append(b, 0x19), 0x0102030405060708)
	b = append(b, 0x22, 2, 0x08, 7)
	b = binary.LittleEndian.AppendUint32(append(b, 0x2d), 0x3f800000)
	b = binary.AppendUvarint(append(b, 0x30), ^uint64(0))
	return b
}

type mediaBody struct {
	ctype string
	body  []byte
}

// media returns the HTTP/1.1 media bodies by path.
func media() map[string]mediaBody {
	img := image.NewPaletted(image.Rect(0, 0, 4, 3), color.Palette{color.White, color.Black})
	img.SetColorIndex(1, 1, 1)
	var pngb, gifb, jpgb bytes.Buffer
	png.Encode(&pngb, img)
	gif.Encode(&gifb, img, nil)
	rgba := image.NewRGBA(img.Bounds())
	jpeg.Encode(&jpgb, rgba, &jpeg.Options{Quality: 50})
	return map[string]mediaBody{
		"/media/xml":       {"application/xml", []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<catalog xmlns="urn:example:catalog"><book id="b1" lang="en"><title>Go &amp; Wireshark</title><!-- a comment --><price>9.99</price></book><empty/></catalog>` + "\n")},
		"/media/text":      {"text/plain; charset=us-ascii", []byte("first line\r\nsecond line\r\nthird line without end")},
		"/media/css":       {"text/css", []byte("body { color: black; }\np { margin: 0; }\n")},
		"/media/json":      {"application/json; charset=utf-8", []byte(`[{"id":1,"ok":true,"tags":["x","y"],"none":null,"f":-1.5e3},{"id":2,"ok":false}]`)},
		"/media/form":      {"application/x-www-form-urlencoded", []byte("user=alice&note=hello+world%21&empty=&flag")},
		"/media/multipart": {"multipart/mixed; boundary=\"sep42\"", []byte("preamble\r\n--sep42\r\nContent-Type: text/plain\r\n\r\npart one\r\n--sep42\r\nContent-Type: application/json\r\nContent-Disposition: attachment; filename=\"p.json\"\r\n\r\n{\"part\":2}\r\n--sep42--\r\nepilogue\r\n")},
		"/media/png":       {"image/png", pngb.Bytes()},
		"/media/gif":       {"image/gif", gifb.Bytes()},
		"/media/jpeg":      {"image/jpeg", jpgb.Bytes()},
		"/media/bin":       {"application/octet-stream", []byte{0, 1, 2, 3, 0xfe, 0xff}},
	}
}
