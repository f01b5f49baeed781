package search

import (
	"syscall"
	"time"
)

// ownCPU reads the CPU time this process has used: what an embedded (SQLite) search costs,
// whatever else the machine is running.
func ownCPU() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
