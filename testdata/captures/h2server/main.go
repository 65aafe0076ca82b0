// Command h2server is the HTTP/2 server make-enterprise.sh records h2c.pcap against: cleartext
// HTTP/2 by prior knowledge and by HTTP/1.1 Upgrade (golang.org/x/net/http2/h2c), a JSON echo and a
// gRPC-framed answer with trailers.
package main

import (
	"flag"
	"io"
	"log"
	"net/http"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/h2c"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address")
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
	srv := &http.Server{Addr: *addr, Handler: h2c.NewHandler(mux, &http2.Server{})}
	log.Fatal(srv.ListenAndServe())
}
