package web

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// questionLimits holds one token bucket (golang.org/x/time/rate) per client,
// for at most max clients, so that a flood of addresses cannot grow it without
// bound.
type questionLimits struct {
	every rate.Limit
	burst int
	max   int
	now   func() time.Time

	mu    sync.Mutex
	items map[string]*questionLimit
}

type questionLimit struct {
	lim  *rate.Limiter
	used time.Time
}

// newQuestionLimits allows perMinute questions a minute to each client, in
// bursts of up to perMinute, remembering at most max clients.
func newQuestionLimits(perMinute, max int) *questionLimits {
	return &questionLimits{
		every: rate.Limit(float64(perMinute) / 60),
		burst: perMinute,
		max:   max,
		now:   time.Now,
		items: make(map[string]*questionLimit),
	}
}

// allow takes one question from key's bucket. When the bucket is empty it
// returns false and how long until it holds one again.
func (q *questionLimits) allow(key string) (bool, time.Duration) {
	q.mu.Lock()
	defer q.mu.Unlock()

	now := q.now()
	item, ok := q.items[key]
	if !ok {
		if len(q.items) >= q.max {
			q.evict(now)
		}
		item = &questionLimit{lim: rate.NewLimiter(q.every, q.burst)}
		q.items[key] = item
	}
	item.used = now

	r := item.lim.ReserveN(now, 1)
	if wait := r.DelayFrom(now); wait > 0 {
		r.CancelAt(now)
		return false, wait
	}

	return true, 0
}

// evict forgets every client whose bucket has filled up again, which loses
// nothing: a new bucket starts full. When none has, it forgets the client that
// asked least recently, which may let that client ask a burst early.
func (q *questionLimits) evict(now time.Time) {
	var oldest string
	for key, item := range q.items {
		if item.lim.TokensAt(now) >= float64(q.burst) {
			delete(q.items, key)
			continue
		}

		if oldest == "" || item.used.Before(q.items[oldest].used) {
			oldest = key
		}
	}

	if len(q.items) >= q.max && oldest != "" {
		delete(q.items, oldest)
	}
}

// size returns how many clients are remembered.
func (q *questionLimits) size() int {
	q.mu.Lock()
	defer q.mu.Unlock()

	return len(q.items)
}

// connLimits counts open connections, in all and by client.
type connLimits struct {
	max, perClient int

	mu       sync.Mutex
	total    int
	byClient map[string]int
}

// acquire counts a new connection of key; false when a limit is reached. A
// limit below zero is no limit.
func (l *connLimits) acquire(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()

	if l.max >= 0 && l.total >= l.max {
		return false
	}
	if l.perClient >= 0 && l.byClient[key] >= l.perClient {
		return false
	}

	l.total++
	l.byClient[key]++

	return true
}

func (l *connLimits) release(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()

	l.total--
	if l.byClient[key]--; l.byClient[key] <= 0 {
		delete(l.byClient, key)
	}
}

// answerSlots bounds the answers running on the whole server; a nil
// answerSlots has no bound.
type answerSlots chan struct{}

func newAnswerSlots(n int) answerSlots {
	if n < 0 {
		return nil
	}

	return make(answerSlots, n)
}

// tryAcquire takes a slot without waiting; false when all are taken.
func (a answerSlots) tryAcquire() bool {
	if a == nil {
		return true
	}

	select {
	case a <- struct{}{}:
		return true
	default:
		return false
	}
}

func (a answerSlots) release() {
	if a != nil {
		<-a
	}
}
