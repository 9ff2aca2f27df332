package assistant

// The intents of the parts askedPart recognises, after those of understand.go.
const (
	intentReference    intent = intentTotal + 1 + iota // a reference, or their number
	intentAbbreviation                                 // what an abbreviation stands for
	intentMention                                      // where the review mentions a word
	intentShare                                        // the share of libraries that match
	intentDistinct                                     // distinct repositories that match
)

// partAsk is what a question asks of the review's apparatus (its reference
// list, its abbreviations), of where its prose mentions a word, or of a
// share or a distinct count of its libraries.
type partAsk struct {
	// ref is the number of the reference asked for; refCount asks how many
	// references the review has.
	ref      int
	refCount bool

	// abbrevs are the abbreviations asked for, as the question writes them.
	abbrevs []abbreviationAsk

	// mention is the word or phrase the question asks the review to mention.
	mention string

	// share asks what part of the libraries match; distinct asks for the
	// number of distinct repositories.
	share, distinct bool
}

// askedPart decides whether a question asks for one of the parts above, and
// returns its intent, or a decline when the part asked is out of scope. ok
// is false for any other question, which is classified as before.
func (a *Assistant) askedPart(q *question) (intent, decline, bool) {
	if n, ok := askedReference(q.text); ok {
		q.part.ref = n
		return intentReference, decline{}, true
	}

	if a.asksReferenceCount(q) {
		q.part.refCount = true
		return intentReference, decline{}, true
	}

	if q.part.abbrevs = a.askedAbbreviations(q); len(q.part.abbrevs) > 0 {
		return intentAbbreviation, decline{}, true
	}

	if in, reason, ok := a.askedMention(q); ok {
		return in, reason, true
	}

	return a.askedShare(q)
}

// writePart answers a question askedPart recognised.
func (a *Assistant) writePart(q *question, w *answer) {
	switch q.intent {
	case intentReference:
		a.writeReference(q, w)
	case intentAbbreviation:
		a.writeAbbreviation(q, w)
	case intentMention:
		a.writeMention(q, w)
	case intentShare:
		a.writeShare(q, w)
	case intentDistinct:
		a.writeDistinct(q, w)
	}
}
