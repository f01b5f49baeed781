package admin

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"entgo.io/ent/dialect"
	"golang.org/x/sys/unix"

	"careergraph/internal/testing/testdb"
)

// openPTY opens a pseudo-terminal: what the import writes to tty shows up on the reading end.
func openPTY(t *testing.T) (reader, tty *os.File) {
	t.Helper()
	fd, err := unix.Open("/dev/ptmx", unix.O_RDWR|unix.O_NOCTTY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Fatalf("opening a pseudo-terminal: %v", err)
	}
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	reader = os.NewFile(uintptr(fd), "ptmx")
	tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tty.Close(); _ = reader.Close() })
	return reader, tty
}

// TestImportShowsProgressOnATerminalOnly: on a terminal each phase draws a bar; written to a
// file or a pipe, the output holds nothing but the report.
func TestImportShowsProgressOnATerminalOnly(t *testing.T) {
	ctx := context.Background()
	src := testdb.Open(t, dialect.SQLite, testdb.Options{})
	file := filepath.Join(t.TempDir(), "catalogue.jsonl")
	if err := export(ctx, src, []string{file}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}

	reader, tty := openPTY(t)
	drawn := make(chan string)
	go func() {
		b, _ := io.ReadAll(reader) // Ends when the terminal closes.
		drawn <- string(b)
	}()
	var report bytes.Buffer
	if err := importJSONL(ctx, testdb.Open(t, dialect.SQLite, testdb.Options{Empty: true}), file, &report, tty); err != nil {
		t.Fatal(err)
	}
	_ = tty.Close()
	bar := <-drawn
	for _, phase := range []string{"checking", "writing", "linking"} {
		if !strings.Contains(bar, phase) || !strings.Contains(bar, "100%") {
			t.Errorf("the terminal shows no finished %s bar:\n%q", phase, bar)
		}
	}
	if !strings.Contains(report.String(), "rejected in") {
		t.Errorf("the report is missing: %q", report.String())
	}

	var piped bytes.Buffer
	if err := importJSONL(ctx, testdb.Open(t, dialect.SQLite, testdb.Options{Empty: true}), file, io.Discard, &piped); err != nil {
		t.Fatal(err)
	}
	if piped.Len() != 0 {
		t.Errorf("without a terminal the import drew %q", piped.String())
	}
}
