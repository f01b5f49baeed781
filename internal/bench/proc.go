package bench

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// What the benchmark reads of processes comes from Linux's /proc; elsewhere every reading is
// missing and the report says "-".

// procStat reads a process's command name, CPU time (user and system) and start time (clock
// ticks after boot, which tells a process from a later one with the same ID) from
// /proc/PID/stat.
func procStat(pid int) (comm string, cpu time.Duration, start uint64, ok bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return "", 0, 0, false
	}
	// The command name, in parentheses, may hold spaces and parentheses: it ends at the last
	// ") ". utime, stime and starttime are the 14th, 15th and 22nd fields, in clock ticks of
	// 1/100 s (USER_HZ on Linux).
	s := string(b)
	open, end := strings.IndexByte(s, '('), strings.LastIndex(s, ") ")
	if open < 0 || end < open {
		return "", 0, 0, false
	}
	f := strings.Fields(s[end+2:])
	if len(f) < 20 {
		return "", 0, 0, false
	}
	user, err1 := strconv.ParseInt(f[11], 10, 64)
	system, err2 := strconv.ParseInt(f[12], 10, 64)
	start, err3 := strconv.ParseUint(f[19], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return "", 0, 0, false
	}
	return s[open+1 : end], time.Duration(user+system) * 10 * time.Millisecond, start, true
}

// cpuOf returns a reader of the CPU time the processes of pids have used together.
func cpuOf(pids ...int) func() time.Duration {
	return func() time.Duration {
		var total time.Duration
		for _, pid := range pids {
			if _, cpu, _, ok := procStat(pid); ok {
				total += cpu
			}
		}
		return total
	}
}

// procStatus reads a size field of /proc/PID/status, in bytes.
func procStatus(pid int, field string) (int64, bool) {
	return kBField(fmt.Sprintf("/proc/%d/status", pid), field)
}

// kBField reads a "Field: N kB" line of a /proc file, in bytes.
func kBField(file, field string) (int64, bool) {
	v, ok := procField(file, field)
	if !ok {
		return 0, false
	}
	kb, err := strconv.ParseInt(strings.TrimSuffix(v, " kB"), 10, 64)
	return kb << 10, err == nil
}

// procField is the value of the first "field: value" line of a /proc file (/proc/cpuinfo pads
// the field's name before the colon), trimmed.
func procField(file, field string) (string, bool) {
	b, err := os.ReadFile(file)
	if err != nil {
		return "", false
	}
	for line := range strings.Lines(string(b)) {
		if name, value, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(name) == field {
			return strings.TrimSpace(value), true
		}
	}
	return "", false
}

// memory samples the resident set of a group of processes (a server and its workers), summed,
// every 100 ms until stopped.
type memory struct {
	pids []int
	done chan struct{}
	mu   sync.Mutex
	// peak is the largest sum sampled; recent the largest since the last call of recentPeak.
	peak, recent int64
}

func sampleMemory(pids ...int) *memory {
	m := &memory{pids: pids, done: make(chan struct{})}
	go every100ms(m.done, func() {
		if rss, ok := m.sum("VmRSS"); ok {
			m.mu.Lock()
			m.peak, m.recent = max(m.peak, rss), max(m.recent, rss)
			m.mu.Unlock()
		}
	})
	return m
}

// every100ms calls f every 100 ms until done is closed.
func every100ms(done <-chan struct{}, f func()) {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
			f()
		}
	}
}

// sum adds up field of /proc/PID/status over the processes; not ok when one cannot be read.
func (m *memory) sum(field string) (int64, bool) {
	var total int64
	for _, pid := range m.pids {
		v, ok := procStatus(pid, field)
		if !ok {
			return 0, false
		}
		total += v
	}
	return total, true
}

// recentPeak returns the largest sum sampled since the last call, and starts over.
func (m *memory) recentPeak() int64 {
	rss, _ := m.sum("VmRSS")
	m.mu.Lock()
	defer m.mu.Unlock()
	peak := max(m.recent, rss)
	m.recent = rss
	return peak
}

// highWater returns the largest sum sampled and the sum of the kernel's high-water marks
// (VmHWM), which can only be larger: each process's peak, whenever it came.
func (m *memory) highWater() (peak, hwm int64) {
	hwm, _ = m.sum("VmHWM")
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.peak, hwm
}

func (m *memory) stop() {
	select {
	case <-m.done:
	default:
		close(m.done)
	}
}
