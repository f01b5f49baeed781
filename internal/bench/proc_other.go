//go:build !linux

package bench

import (
	"os/exec"
	"time"
)

// stopWithParent does nothing: only Linux stops a child when its parent dies.
func stopWithParent(*exec.Cmd) {}

// ownCPU is not measured outside Linux (nor is the server's CPU and memory, read from /proc).
func ownCPU() time.Duration { return 0 }
