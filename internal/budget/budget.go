// Package budget gives work a time budget in tests and fuzz targets: work that is linear in its input
// finishes far inside it, so an input that does not is a finding (quadratic reassembly, a
// backtracking parser), reported at once instead of hanging the run. Budgets are generous (tens of
// times the expected time) because tests share slow machines; BUDGET_SCALE multiplies them (the race
// detector, coverage).
package budget

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"
)

// Scale is the factor BUDGET_SCALE gives (1 when unset or invalid).
func Scale() float64 {
	if f, err := strconv.ParseFloat(os.Getenv("BUDGET_SCALE"), 64); err == nil && f > 0 {
		return f
	}
	return 1
}

// Within runs fn and fails t when it takes longer than d (scaled): what names the input. fn keeps
// running in the background after the failure; the test ends at once. A panic in fn is raised again
// in the caller.
func Within(t testing.TB, d time.Duration, what string, fn func()) {
	t.Helper()
	d = time.Duration(float64(d) * Scale())
	done := make(chan any, 1)
	start := time.Now()
	go func() {
		defer func() { done <- recover() }()
		fn()
	}()
	select {
	case p := <-done:
		if p != nil {
			panic(p) // on the test's goroutine, where the fuzzer and the test runner expect it
		}
	case <-time.After(d):
		t.Fatalf("%s: still running after %v (budget %v): work is not linear in the input", what, time.Since(start).Round(time.Millisecond), d)
	}
}

// InputBudget is how long a fuzz target may spend on one input.
const InputBudget = 5 * time.Second

// Input starts the budget of one fuzz input; call the function it returns when the input is done
// (defer budget.Input(t)()). An input still running after InputBudget (scaled) crashes the process
// with a message: the fuzzer records a crashing input as a finding (and so keeps the slow one),
// where a test that merely failed from another goroutine would leave the fuzzer waiting.
func Input(t testing.TB) (stop func()) {
	t.Helper()
	d := time.Duration(float64(InputBudget) * Scale())
	timer := time.AfterFunc(d, func() {
		panic(fmt.Sprintf("%s: an input still running after %v: work is not linear in the input", t.Name(), d))
	})
	return func() { timer.Stop() }
}
