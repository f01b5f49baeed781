package bench

import (
	"context"
	"database/sql"
	"sync"
	"time"
)

// backendCPU follows the CPU time of the PostgreSQL processes that serve one database: the
// backends of every pool (careergraph's, PostGraphile's, the direct-SQL path's) and their parallel
// workers, as pg_stat_activity lists them, read from /proc. Only one path runs at a time, so what
// they spend during a measurement is that path's.
//
// A backend that exits keeps the CPU time of its last reading: the list is read every 100 ms,
// and whenever a measurement starts or ends. The pools keep their connections, so few exit.
type backendCPU struct {
	// db is a connection of its own, so that these readings count on no path, and self its
	// backend, which is left out.
	db   *sql.DB
	self int
	mu   sync.Mutex
	// seen holds each backend's last reading, by process ID and start time.
	seen map[[2]uint64]time.Duration
	done chan struct{}
}

// followBackends starts following the backends of dsn's database. It returns nil when their
// processes cannot be read (PostgreSQL on another machine, or in a container).
func followBackends(ctx context.Context, dsn string) (*backendCPU, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	b := &backendCPU{db: db, seen: map[[2]uint64]time.Duration{}, done: make(chan struct{})}
	if err := db.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&b.self); err != nil {
		db.Close()
		return nil, err
	}
	if comm, _, _, ok := procStat(b.self); !ok || comm != "postgres" {
		db.Close()
		return nil, nil
	}
	go every100ms(b.done, func() { _ = b.read(ctx) })
	return b, nil
}

// read takes a reading of every backend of the database.
func (b *backendCPU) read(ctx context.Context) error {
	rows, err := b.db.QueryContext(ctx, `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> $1`, b.self)
	if err != nil {
		return err
	}
	defer rows.Close()
	var pids []int
	for rows.Next() {
		var pid int
		if err := rows.Scan(&pid); err != nil {
			return err
		}
		pids = append(pids, pid)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, pid := range pids {
		if comm, cpu, start, ok := procStat(pid); ok && comm == "postgres" {
			b.seen[[2]uint64{uint64(pid), start}] = cpu
		}
	}
	return nil
}

// total is the CPU time every backend seen so far has used, read now.
func (b *backendCPU) total() time.Duration {
	_ = b.read(context.Background())
	b.mu.Lock()
	defer b.mu.Unlock()
	var sum time.Duration
	for _, cpu := range b.seen {
		sum += cpu
	}
	return sum
}

func (b *backendCPU) stop() {
	close(b.done)
	b.db.Close()
}
