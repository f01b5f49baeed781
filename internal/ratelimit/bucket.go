package ratelimit

import "time"

// The arithmetic of a bucket, in integers so that both stores agree exactly and a bucket of 100
// lets exactly 100 one-point requests through.
//
// Time is counted in milliseconds. A bucket of P points refilled over W milliseconds keeps its
// level scaled by W: a level of L means L/W points. Then a millisecond adds exactly P to the level,
// a point is exactly W, and the full bucket is exactly P×W, with no fractions anywhere:
//
//	refill:  level' = min(P×W, level + min(now − at, W) × P), at' = max(at, now)
//	spend n: allowed iff level' ≥ n×W, then level'' = level' − n×W
//	left:    ⌊level / W⌋ points
//	wait until the bucket holds n points: ⌈(n×W − level) / P⌉ milliseconds (0 if it already does)
//
// A clock that reads earlier than the bucket's last update (another replica's clock behind this
// one) refills nothing and does not move the bucket back, so skew between clocks can never give
// points twice.

// scale is a Limit in the units of the arithmetic.
type scale struct {
	points int64 // P
	window int64 // W, in milliseconds
}

func scaleOf(l Limit) scale {
	return scale{points: int64(l.Points), window: l.Window.Milliseconds()}
}

// full is the level of a full bucket.
func (s scale) full() int64 { return s.points * s.window }

// whole is the number of whole points a level holds.
func (s scale) whole(level int64) int64 { return level / s.window }

// refill brings a bucket last updated at `at` (ms) with the given level to now (ms).
func (s scale) refill(level, at, now int64) (int64, int64) {
	if now <= at {
		return level, at
	}
	return min(s.full(), level+min(now-at, s.window)*s.points), now
}

// take spends n points from level if it holds that many.
func (s scale) take(level, n int64) (bool, int64) {
	if need := n * s.window; level >= need {
		return true, level - need
	}
	return false, level
}

// untilHolds is how long until level has refilled to n points.
func (s scale) untilHolds(level, n int64) time.Duration {
	missing := n*s.window - level
	if missing <= 0 {
		return 0
	}
	return time.Duration((missing+s.points-1)/s.points) * time.Millisecond
}

// rescale converts a level kept for another limit into this one, keeping the whole points left
// (at most a full bucket), so that changing a key's limit neither refills nor empties it.
func (s scale) rescale(level int64, old scale) int64 {
	if old == s || old.window <= 0 {
		return level
	}
	return min(old.whole(level), s.points) * s.window
}
