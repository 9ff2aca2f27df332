package assistant

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/neuroguide/neuroguide/corpus"
	"github.com/neuroguide/neuroguide/retrieval"
)

// Config configures an Assistant.
type Config struct {
	// Review is the parsed review; required.
	Review *corpus.Review

	// Vocabulary is the domain vocabulary; required.
	Vocabulary *corpus.Vocabulary

	// Index is the searchable review; required.
	Index *retrieval.Index

	// Logger receives the assistant's logs; nil discards them.
	Logger *slog.Logger

	// MaxConversations bounds the conversations kept in memory; zero means 1000.
	MaxConversations int

	// ConversationTTL is how long an idle conversation is kept; zero means an hour.
	ConversationTTL time.Duration

	// LLM is the language model that words the answers; the zero value means
	// none, and answers are composed offline.
	LLM LLM
}

// Assistant answers questions about the review from its records and prose.
// It is safe for concurrent use.
type Assistant struct {
	review *corpus.Review
	vocab  *corpus.Vocabulary
	index  *retrieval.Index
	log    *slog.Logger
	names  *nameIndex
	people *authorIndex       // the review's authors and the places of their affiliations
	known  map[string]bool    // every term of the review's prose and records
	idf    map[string]float64 // inverse passage frequency of each term
	typos  *typoIndex         // misspellings of known words
	spell  *speller           // misspellings of the vocabulary's words
	sents  *sentenceIndex     // the review's sentences, for quoting
	// defining caches the pattern of the sentences that define each word.
	defining *sync.Map
	// usageDate is the date of the review's usage snapshot, as it states it.
	usageDate string
	// titleTerms are the terms of the sections' titles.
	titleTerms map[string]bool
	// items are the table items each vocabulary value covers, and
	// tallyValues the values a tally of each kind counts.
	items       map[*corpus.FacetValue]map[string]bool
	tallyValues map[corpus.FacetKind][]*corpus.FacetValue
	// tableSections are the sections that present each category's tables.
	tableSections map[corpus.Category]*corpus.Section
	// recordTerms are the terms of the records' cards.
	recordTerms map[string]bool
	// textTools are the names, in lower case, of the tools the text names
	// with a link or a reference.
	textTools map[string]bool
	// numbered holds the forms of each name the review writes with a number.
	numbered map[string][]string
	convs    *conversations
	byID     map[string]*corpus.Library
	llm      LLM
}

// New makes an Assistant.
func New(cfg Config) (*Assistant, error) {
	if cfg.Review == nil || cfg.Vocabulary == nil || cfg.Index == nil {
		return nil, errors.New("assistant: review, vocabulary and index are required")
	}

	a := &Assistant{review: cfg.Review, vocab: cfg.Vocabulary, index: cfg.Index, log: cfg.Logger,
		llm: cfg.LLM, byID: map[string]*corpus.Library{}}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}

	for i := range cfg.Review.Libraries {
		a.byID[cfg.Review.Libraries[i].ID] = &cfg.Review.Libraries[i]
	}

	a.known, a.idf = termStats(cfg.Index.Chunks())
	a.titleTerms, a.defining = map[string]bool{}, &sync.Map{}
	a.usageDate = cfg.Review.UsageDate()
	for _, sec := range cfg.Review.Sections {
		for _, t := range corpus.Terms(sec.Title) {
			a.known[t], a.titleTerms[t] = true, true
		}
	}

	a.items = valueItems(cfg.Review, cfg.Vocabulary)
	a.tallyValues = a.valuesToTally()
	a.tableSections = tableSections(cfg.Review)
	a.recordTerms = cardTerms(cfg.Review)
	a.names = newNameIndex(cfg.Review, cfg.Vocabulary, a.known)
	a.people = newAuthorIndex(&cfg.Review.Front)
	a.typos = newTypoIndex(knownWords(a.known, cfg.Vocabulary))
	a.spell = newSpeller(cfg.Vocabulary)
	a.sents = newSentenceIndex(cfg.Review)
	a.numbered = numberedForms(cfg.Index.Chunks(), cfg.Review.References)
	a.textTools = textToolNames(a.sents.sents)
	a.convs = newConversations(cfg.MaxConversations, cfg.ConversationTTL)

	return a, nil
}

// termStats returns the set of terms the chunks use and each term's inverse
// frequency among the passages.
func termStats(chunks []retrieval.Chunk) (map[string]bool, map[string]float64) {
	known := map[string]bool{}
	df := map[string]int{}
	passages := 0
	for _, c := range chunks {
		seen := map[string]bool{}
		for _, t := range corpus.Terms(c.Text) {
			known[t] = true
			if c.Kind == retrieval.KindPassage && !seen[t] {
				seen[t] = true
				df[t]++
			}
		}

		if c.Kind == retrieval.KindPassage {
			passages++
		}
	}

	idf := make(map[string]float64, len(df))
	for t, n := range df {
		idf[t] = math.Log(1 + float64(passages)/float64(n))
	}

	return known, idf
}

// knownWords returns the review's terms with the vocabulary's generic, discourse and
// domain words.
func knownWords(known map[string]bool, v *corpus.Vocabulary) map[string]bool {
	out := make(map[string]bool, len(known))
	for t := range known {
		out[t] = true
	}

	words := append(slices.Clone(v.GenericWords), v.DomainWords...)
	for _, class := range v.DiscourseWords {
		words = append(words, class...)
	}

	for _, w := range words {
		for _, t := range corpus.Terms(w) {
			out[t] = true
		}
	}

	return out
}

// MaxQuestionRunes is the longest question the assistant reads.
const MaxQuestionRunes = 2000

// Empty reports whether a question has nothing to answer once control and
// format characters are dropped: no letter, digit or symbol ("", "?!. ,").
func Empty(text string) bool {
	return !strings.ContainsFunc(cleanQuestion(text), wordOrSymbol)
}

// wordOrSymbol reports whether a rune can carry a question: a letter, a digit
// or a symbol ("👍"), not punctuation alone.
func wordOrSymbol(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.So, r)
}

// ErrQuestionTooLong is returned for a question over MaxQuestionRunes.
var ErrQuestionTooLong = fmt.Errorf("question longer than %d characters", MaxQuestionRunes)

// Ask answers a question, sending the answer text to sink as it is produced.
func (a *Assistant) Ask(ctx context.Context, req Request, sink Sink) (Result, error) {
	text := strings.TrimSpace(cleanQuestion(req.Text))
	if Empty(text) {
		return Result{}, ErrEmptyQuestion
	}

	if utf8.RuneCountInString(text) > MaxQuestionRunes {
		return Result{}, ErrQuestionTooLong
	}

	conv := a.convs.get(req.Conversation)
	d, err := a.compose(ctx, text, conv)
	if err != nil {
		return Result{}, err
	}

	res, err := a.deliver(ctx, text, d, sink)
	if err != nil {
		return Result{}, err
	}

	a.convs.record(req.Conversation, d.turn)
	a.log.Debug("answered", "intent", d.intent.String(), "mode", string(res.Mode),
		"libraries", len(res.Libraries), "sources", len(res.Sources))
	res.Conversation = req.Conversation

	return res, nil
}

// ansiEscape matches a terminal escape sequence: a control sequence
// ("\x1b[31m"), an operating system command ended by BEL or ST, or a
// two-character escape.
var ansiEscape = regexp.MustCompile(`\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|` +
	`\x1b[@-Z\\-_]`)

// cleanQuestion removes what a user cannot have meant to ask: terminal escape
// sequences, control characters other than white space, and invisible format
// characters (zero-width spaces, joiners, soft hyphens, byte order marks), so
// that a pasted question reads as the words it shows. Compatibility forms
// are folded to their plain letters (NFKC: "ＰｙＴｏｒｃｈ" is "PyTorch").
func cleanQuestion(text string) string {
	text = norm.NFKC.String(ansiEscape.ReplaceAllString(text, ""))

	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return r
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			return -1
		}

		return r
	}, text)
}

// draft is a composed answer before it is streamed.
type draft struct {
	text    string
	sources *sourceList
	intent  intent
	turn    turn
	facts   grounding

	// tabled says the answer is a table of computed numbers (a tally, a
	// count of each value), which a model is not asked to word: its lines
	// cite no source one by one, so it would see only part of them.
	tabled bool
}

// result turns a draft into the Result of a turn.
func (d *draft) result(conversation string) Result {
	return Result{
		Answer:       d.text,
		Libraries:    append([]string{}, d.sources.libs...),
		Sources:      append([]Source{}, d.sources.items...),
		Mode:         ModeOffline,
		Conversation: conversation,
	}
}

// streamChunk is about how many bytes each delta of an offline answer holds.
const streamChunk = 48

// stream sends text to sink in pieces cut at spaces, so that neither a
// character nor a citation marker is ever split.
func stream(ctx context.Context, text string, sink Sink) error {
	for len(text) > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}

		n := len(text)
		if n > streamChunk {
			n = streamChunk
			if i := strings.IndexByte(text[n:], ' '); i >= 0 {
				n += i + 1
			} else {
				n = len(text)
			}
		}

		if err := sink(text[:n]); err != nil {
			return err
		}

		text = text[n:]
	}

	return nil
}
