package assistant

import (
	"slices"

	"github.com/neuroguide/neuroguide/corpus"
)

// talkObjects are what small talk may thank me for or ask of me, and the
// words it is said with: "thanks for the list", "can you help me?", "thanks
// a lot", "good morning", "nice work".
var talkObjects = stems("help answer answers question questions list info information " +
	"time reply response lot much very good job work day")

// isSmallTalk reports whether a question is only conversation: it names no
// library and no facet, and its words are discourse words ("hi", "thanks",
// "ok"), function words and what small talk is about, with a discourse word
// or a "you" among them ("What can you do?").
func (a *Assistant) isSmallTalk(q *question) bool {
	if len(q.names) > 0 || len(q.facets) > 0 || len(q.terms) == 0 {
		return false
	}

	talk := false
	for _, t := range q.terms {
		switch {
		case a.vocab.DiscourseClass(t) != "" || t == "you":
			talk = true
		case !isStopWord(t) && !slices.Contains(talkObjects, t):
			return false
		}
	}

	return talk
}

// talkReplies answer each class of discourse word, in the order they are
// preferred when a question has several ("thanks, bye").
var talkReplies = []struct{ class, reply string }{
	{corpus.DiscourseThanks, "You're welcome!"},
	{corpus.DiscourseFarewell, "Goodbye, and thanks for asking!"},
	{corpus.DiscourseApology, "No problem."},
	{corpus.DiscourseGreeting, "Hello!"},
}

// writeSmallTalk answers a greeting, thanks or farewell in kind, then says
// what I answer: questions about the review, which it names.
func (a *Assistant) writeSmallTalk(q *question, w *answer) {
	for _, r := range talkReplies {
		if slices.ContainsFunc(q.terms, func(t string) bool {
			return a.vocab.DiscourseClass(t) == r.class
		}) {
			w.printf("%s ", r.reply)
			break
		}
	}

	a.writeIntro(w)
}

// writeIntro names the review I answer about, then says what it holds and
// what I can answer from it.
func (a *Assistant) writeIntro(w *answer) {
	w.printf("I answer questions about the review “%s” (%s). ", corpus.Title, corpus.Journal)
	a.writeHelp(w)
}
