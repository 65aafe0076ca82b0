package engine

import (
	"context"
	"sync"
	"time"

	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/store"
)

// Stopper is a reader that can be told to end, such as a live capture: Stop makes a blocked
// Next return io.EOF.
type Stopper interface {
	Stop()
}

// OpenReader starts ingesting packets from rd, which may be endless (a live capture) or a
// filtered file, and returns at once. names label the source in View.Files. While rd is being
// read, views are published at least every 100 ms so a live list follows new packets even when
// they trickle in. Close stops a reader that implements Stopper before waiting for the ingest.
// The engine owns rd and closes it.
func OpenReader(rd capture.Reader, names ...string) *Engine {
	e := &Engine{
		st:      store.New(),
		state:   dissect.NewState(),
		files:   names,
		changed: make(chan struct{}, 1),
	}
	e.more = sync.NewCond(&e.moreMu)
	e.loading.Store(true)
	e.publish()
	ctx, cancel := context.WithCancel(context.Background())
	e.cancel = cancel
	e.rd = rd
	e.wg.Add(2)
	go e.ingest(ctx, rd)
	go func() {
		defer e.wg.Done()
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		var last uint32
		for e.loading.Load() {
			select {
			case <-ctx.Done():
				if s, ok := rd.(Stopper); ok {
					s.Stop()
				}
				return
			case <-t.C:
				if n := e.passed.Load(); n != last {
					last = n
					if _, live := rd.(Stopper); live {
						// a live reader's interfaces are fixed at open, safe to read here
						ifs := rd.Interfaces()
						e.ifaces.Store(&ifs)
					}
					e.advance()
				}
			}
		}
	}()
	return e
}
