//go:build unix

package db

import (
	"syscall"
	"testing"
	"time"
)

// reportCPU reports the processor time (user and system, all threads) the
// benchmark took per op, besides the wall time: on a machine shared with
// other work the wall time says more about the others. Call the function
// it returns when the ops are done.
func reportCPU(b *testing.B) func() {
	b.Helper()
	cpu := func() time.Duration {
		var ru syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
			b.Fatal(err)
		}
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	start := cpu()
	return func() {
		b.ReportMetric(float64((cpu()-start).Milliseconds())/float64(b.N), "cpu-ms/op")
	}
}
