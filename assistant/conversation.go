package assistant

import (
	"sync"
	"time"

	"github.com/neuroguide/neuroguide/corpus"
)

// turn is what a conversation remembers of an answer, for follow-ups.
type turn struct {
	// shown are the libraries the answer listed, in order ("the second one").
	shown []*corpus.Library

	// base is the set shown was filtered from ("and the others?").
	base []*corpus.Library

	// subject is the one library the answer was about, which "it" names in
	// the next turn: a lookup's library, a ranking's single winner; nil when
	// the answer was about several.
	subject *corpus.Library

	// list and listBase are the earlier list, and the set it was filtered
	// from, that a lookup picked its one library from ("tell me more about
	// the second one"): "which of those ..." and "compare the first two" in
	// the next turn still point at the list.
	list, listBase []*corpus.Library

	// compared are the libraries of the list a comparison set side by side
	// ("compare the first two"): "and the others?" asks for the rest of it.
	compared []*corpus.Library
}

// listView returns the turn a question points back at: after a lookup of one
// library picked from a list, a question that points at several ("those",
// "the first two") points at the list; "it" and "the others" stay with the
// lookup.
func (t *turn) listView(q *question) *turn {
	if t == nil || len(t.list) == 0 || hasAny(q.terms, pronounRefs) ||
		hasAny(q.terms, restWords) && !hasAny(q.terms, backRefs) {
		return t
	}

	return &turn{shown: t.list, base: t.listBase}
}

// about returns the library "it" names after this turn, or nil.
func (t *turn) about() *corpus.Library {
	if t.subject != nil {
		return t.subject
	}

	if len(t.shown) == 1 {
		return t.shown[0]
	}

	return nil
}

// next returns the turn a conversation remembers after an answer that
// showed shown from base about subject: an answer that lists no library
// (no match, a passage of prose) keeps the earlier turn, so that "it" and
// "those" still point at the last library or list shown.
func next(prev *turn, shown, base []*corpus.Library, subject *corpus.Library) turn {
	if len(shown) == 0 && subject == nil && prev != nil {
		return *prev
	}

	if subject == nil && len(shown) == 1 {
		subject = shown[0]
	}

	return turn{shown: shown, base: base, subject: subject}
}

// conversations keeps the last turn of each conversation, bounded in number
// and age. Conversation ids are chosen by the server.
type conversations struct {
	mu    sync.Mutex
	max   int
	ttl   time.Duration
	now   func() time.Time
	items map[string]*convEntry
}

// convEntry is one conversation's state.
type convEntry struct {
	last turn
	used time.Time
}

// Default bounds of the conversation store.
const (
	defaultMaxConversations = 1000
	defaultConversationTTL  = time.Hour
)

// newConversations makes a store; zero bounds mean the defaults.
func newConversations(max int, ttl time.Duration) *conversations {
	if max <= 0 {
		max = defaultMaxConversations
	}

	if ttl <= 0 {
		ttl = defaultConversationTTL
	}

	return &conversations{max: max, ttl: ttl, now: time.Now, items: map[string]*convEntry{}}
}

// get returns the last turn of a conversation, or nil.
func (c *conversations) get(id string) *turn {
	if id == "" {
		return nil
	}

	c.mu.Lock()
	defer c.mu.Unlock()

	e, ok := c.items[id]
	if !ok || c.now().Sub(e.used) > c.ttl {
		return nil
	}

	last := e.last

	return &last
}

// record stores the last turn of a conversation, evicting expired entries and,
// when full, the least recently used one.
func (c *conversations) record(id string, t turn) {
	if id == "" {
		return
	}

	c.mu.Lock()
	defer c.mu.Unlock()

	now := c.now()
	if _, ok := c.items[id]; !ok && len(c.items) >= c.max {
		c.evict(now)
	}

	c.items[id] = &convEntry{last: t, used: now}
}

// evict drops expired conversations, or the oldest one when none expired.
func (c *conversations) evict(now time.Time) {
	var oldest string
	for id, e := range c.items {
		if now.Sub(e.used) > c.ttl {
			delete(c.items, id)
			continue
		}

		if oldest == "" || e.used.Before(c.items[oldest].used) {
			oldest = id
		}
	}

	if len(c.items) >= c.max && oldest != "" {
		delete(c.items, oldest)
	}
}

// size returns how many conversations are kept.
func (c *conversations) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()

	return len(c.items)
}

// TurnState is what a conversation remembers of its last turn, by library ID
// (corpus.Library.ID), so that it can be stored and restored after a restart.
type TurnState struct {
	// Shown are the libraries the answer listed, in order ("the second one").
	Shown []string `json:"shown"`

	// Base is the set Shown was filtered from ("and the others?").
	Base []string `json:"base"`

	// Subject is the one library "it" names, or empty.
	Subject string `json:"subject,omitempty"`
}

// ConversationState returns the remembered last turn of a conversation, and
// false when the assistant remembers none.
func (a *Assistant) ConversationState(conversation string) (TurnState, bool) {
	t := a.convs.get(conversation)
	if t == nil {
		return TurnState{}, false
	}

	st := TurnState{Shown: libraryIDs(t.shown), Base: libraryIDs(t.base)}
	if t.subject != nil {
		st.Subject = t.subject.ID
	}

	return st, true
}

// RestoreConversation makes the assistant remember st as a conversation's last
// turn, unless it already remembers a turn of that conversation, which is
// newer. IDs of no library are skipped. It reports whether st was restored.
func (a *Assistant) RestoreConversation(conversation string, st TurnState) bool {
	if conversation == "" || a.convs.get(conversation) != nil {
		return false
	}

	t := turn{shown: a.librariesByID(st.Shown), base: a.librariesByID(st.Base),
		subject: a.byID[st.Subject]}
	if len(t.shown) == 0 && len(t.base) == 0 {
		return false
	}
	a.convs.record(conversation, t)

	return true
}

func libraryIDs(libs []*corpus.Library) []string {
	ids := make([]string, 0, len(libs))
	for _, l := range libs {
		ids = append(ids, l.ID)
	}

	return ids
}

func (a *Assistant) librariesByID(ids []string) []*corpus.Library {
	libs := make([]*corpus.Library, 0, len(ids))
	for _, id := range ids {
		for i := range a.review.Libraries {
			if a.review.Libraries[i].ID == id {
				libs = append(libs, &a.review.Libraries[i])
				break
			}
		}
	}

	return libs
}
