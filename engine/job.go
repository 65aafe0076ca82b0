package engine

import (
	"context"
	"math"
	"sync/atomic"
)

// Job is background work over a session's frames (find, follow, statistics, export): it runs on its
// own goroutines, reports its progress, and stops early when cancelled. The UI polls Progress and
// waits on Done; nothing of a job runs on the UI goroutine.
type Job struct {
	ctx      context.Context
	cancel   context.CancelFunc
	done     chan struct{}
	progress atomic.Uint64 // float64 bits, 0..1
	err      error
}

func (s *Session) newJob() *Job {
	ctx, cancel := context.WithCancel(context.Background())
	return &Job{ctx: ctx, cancel: cancel, done: make(chan struct{})}
}

// start runs fn on a goroutine the session waits for on Close.
func (s *Session) start(j *Job, fn func(j *Job) error) *Job {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer close(j.done)
		defer j.cancel()
		j.err = fn(j)
		if j.err == nil && j.ctx.Err() != nil {
			j.err = j.ctx.Err()
		}
		if j.err == nil {
			j.setProgress(1)
		}
	}()
	return j
}

// Cancel stops the job; Done closes soon after.
func (j *Job) Cancel() { j.cancel() }

// Done is closed when the job has finished, been cancelled or failed.
func (j *Job) Done() <-chan struct{} { return j.done }

// Wait waits for the job and returns its error (context.Canceled when cancelled).
func (j *Job) Wait() error {
	<-j.done
	return j.err
}

// Err returns the job's error once it is done (nil while it runs or when it succeeded).
func (j *Job) Err() error {
	select {
	case <-j.done:
		return j.err
	default:
		return nil
	}
}

// Progress returns how much of the job is done, 0 to 1.
func (j *Job) Progress() float64 { return math.Float64frombits(j.progress.Load()) }

func (j *Job) setProgress(p float64) { j.progress.Store(math.Float64bits(p)) }

// cancelled reports whether the job should stop.
func (j *Job) cancelled() bool { return j.ctx.Err() != nil }
