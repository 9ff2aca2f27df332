package assistant

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tmc/langchaingo/llms"

	"github.com/neuroguide/neuroguide/assistant/provider"
)

// LLM configures the language model an Assistant words its answers with. The
// zero value means none: every answer is composed offline.
type LLM struct {
	// Model words the answers; nil means none. Any llms.Model works; one made
	// by package provider also reports faults langchaingo hides.
	Model llms.Model

	// FirstToken is how long to wait for the reply's first token; zero means 30s.
	FirstToken time.Duration

	// Stall is how long to wait for each later token; zero means 30s.
	Stall time.Duration

	// Understand has the model map each question to facets before the
	// vocabulary rules do; false leaves it to the rules.
	Understand bool

	// UnderstandTimeout bounds that mapping; zero means 5s.
	UnderstandTimeout time.Duration
}

// Default waits for a model.
const (
	DefaultFirstToken        = 30 * time.Second
	DefaultStall             = 30 * time.Second
	DefaultUnderstandTimeout = 5 * time.Second
)

// orDefault returns d, or def when d is not positive.
func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}

	return d
}

// The ways a model's answer fails beyond those of package provider.
var (
	errNoFirstToken = errors.New("no first token in time")
	errStalled      = errors.New("the model stopped sending")
	errEmptyReply   = errors.New("the model's reply was empty")
	errUncited      = errors.New("the model's answer cited no source")
)

// deliver sends a draft's answer to sink: worded by the model when there is
// one, else as composed. Declines, small talk, the review's citation and
// tables of computed numbers are always sent as composed: they need no
// fluency, and a model could only add claims to them.
func (a *Assistant) deliver(ctx context.Context, q string, d *draft, sink Sink) (Result, error) {
	if a.llm.Model == nil || !worded(d.intent) || d.tabled {
		return a.offline(ctx, d, sink, "")
	}

	p := a.buildPrompt(q, d)
	if err := guard(q, p.evidence); err != nil {
		a.log.Info("model not asked", "reason", err.Error())
		return a.offline(ctx, d, sink, a.notice(err, false))
	}

	w := &wording{a: a, question: q, d: d, p: p, sink: sink,
		f: newReplyFilter(validMarkers(d.sources), p.canary, sink)}

	return w.run(ctx)
}

// worded reports whether answers of an intent are worded by the model.
func worded(i intent) bool {
	return i != intentDecline && i != intentSmallTalk && i != intentCitation
}

// offline streams the composed answer.
func (a *Assistant) offline(ctx context.Context, d *draft, sink Sink, note string) (Result, error) {
	if err := stream(ctx, d.text, sink); err != nil {
		return Result{}, err
	}

	res := d.result("")
	res.Notice = note

	return res, nil
}

// wording is one answer being worded by the model.
type wording struct {
	a        *Assistant
	question string
	d        *draft
	p        *prompt
	f        *replyFilter
	sink     Sink
}

// run has the model word the answer from the draft's sources, streaming its
// verified text, and falls back to the composed answer when it fails.
func (w *wording) run(ctx context.Context) (Result, error) {
	err := w.generate(ctx)

	// The caller's cancel ends the answer: langchaingo may report it as nil
	// with a partial reply, so ctx is asked, not err.
	if ctx.Err() != nil {
		return Result{}, ctx.Err()
	}

	if err == nil {
		err = w.f.flush()
	}

	// A failed Sink cannot take the composed answer either.
	if w.f.sinkErr != nil {
		return Result{}, w.f.sinkErr
	}

	switch {
	case err != nil:
	case strings.TrimSpace(w.f.text()) == "":
		err = errEmptyReply
	case len(w.f.cited) == 0 && len(w.d.sources.items) > 0:
		err = errUncited
	}

	if err != nil {
		return w.fallBack(ctx, err)
	}

	return w.verified(ctx)
}

// validMarkers returns the numbers of a list's sources.
func validMarkers(src *sourceList) map[int]bool {
	out := make(map[int]bool, len(src.items))
	for _, s := range src.items {
		out[s.N] = true
	}

	return out
}

// generate streams the model's reply through f, stopping it when the first
// token or a later one is late.
func (w *wording) generate(ctx context.Context) error {
	gen, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	llm := w.a.llm
	dog := newWatchdog(orDefault(llm.FirstToken, DefaultFirstToken),
		orDefault(llm.Stall, DefaultStall), cancel)
	defer dog.stop()

	onChunk := func(_ context.Context, chunk []byte) error {
		if len(chunk) == 0 {
			return nil // the role-only and finish chunks
		}

		dog.token()

		return w.f.write(chunk)
	}
	_, err := llm.Model.GenerateContent(gen, w.p.messages, llms.WithStreamingFunc(onChunk))
	if gen.Err() != nil && ctx.Err() == nil {
		return context.Cause(gen)
	}

	return err
}

// watchdog cancels a reply whose first token, or any later one, is late.
type watchdog struct {
	mu     sync.Mutex
	timer  *time.Timer
	stall  time.Duration
	seen   bool
	cancel context.CancelCauseFunc
}

// newWatchdog starts waiting for the first token.
func newWatchdog(first, stall time.Duration, cancel context.CancelCauseFunc) *watchdog {
	w := &watchdog{stall: stall, cancel: cancel}
	w.timer = time.AfterFunc(first, w.fire)

	return w
}

func (w *watchdog) fire() {
	w.mu.Lock()
	seen := w.seen
	w.mu.Unlock()

	if seen {
		w.cancel(errStalled)
		return
	}

	w.cancel(errNoFirstToken)
}

// token notes a token: the next one is due within the stall time.
func (w *watchdog) token() {
	w.mu.Lock()
	defer w.mu.Unlock()

	w.seen = true
	w.timer.Reset(w.stall)
}

func (w *watchdog) stop() { w.timer.Stop() }

// fallBack ends a failed model answer with the composed one. Text already
// streamed stays: the answer is that text, a line saying why it stopped, and
// the composed answer, so the deltas still join to the answer.
func (w *wording) fallBack(ctx context.Context, cause error) (Result, error) {
	a, d, f := w.a, w.d, w.f
	streamed := f.text()
	a.log.Warn("model answer failed, answering offline", "err", cause.Error(),
		"streamed_bytes", len(streamed))

	if streamed == "" {
		res, err := a.offline(ctx, d, w.sink, a.notice(cause, false))
		res.DroppedCitations = f.dropped

		return res, err
	}

	rest := "\n\n---\n\n*" + a.notice(cause, true) + "*\n\n" + d.text
	if err := stream(ctx, rest, w.sink); err != nil {
		return Result{}, err
	}

	res := d.result("")
	res.Answer = streamed + rest
	res.Notice = a.notice(cause, false)
	res.DroppedCitations = f.dropped

	return res, nil
}

// verified completes and checks a model's whole answer: records or a count it
// left out are added from the draft, the libraries it cites are listed, and
// names the review lacks are flagged.
func (w *wording) verified(ctx context.Context) (Result, error) {
	a, d, f := w.a, w.d, w.f
	res := Result{Answer: f.text(), Mode: ModeLLM, DroppedCitations: f.dropped}
	var notes []string
	if o := omitted(d, res.Answer); !o.empty() {
		extra := a.completion(d, o)
		if err := stream(ctx, extra, w.sink); err != nil {
			return Result{}, err
		}

		res.Answer += extra
		notes = append(notes, "The model's answer left out facts of the review's tables; "+
			"they were added from the tables.")
	}

	cited := markersIn(res.Answer)
	res.Sources = citedSources(d.sources, cited)
	res.Misattributed = a.misattributions(d.sources, res.Answer)
	unbacked := unbackedMarkers(res.Answer, res.Misattributed)
	res.Libraries = citedLibraries(d.sources, slices.DeleteFunc(slices.Clone(cited),
		func(n int) bool { return unbacked[n] }))
	if len(res.Misattributed) > 0 {
		notes = append(notes, misattributionNote(res.Misattributed))
	}

	res.UnknownLibraries = a.unknownLibraries(w.question, f.text())
	if len(res.UnknownLibraries) > 0 {
		notes = append(notes, fmt.Sprintf("The model named %s, which the review does not "+
			"contain.", strings.Join(res.UnknownLibraries, ", ")))
	}

	if len(f.dropped) > 0 {
		notes = append(notes, "Citations to sources that do not exist were removed.")
	}

	res.UnsupportedNumbers = unsupportedNumbers(f.text(), w.question, d.text, w.p.user)
	if len(res.UnsupportedNumbers) > 0 {
		notes = append(notes, fmt.Sprintf("The model stated %s, which none of its sources "+
			"gives; the review's tables are cited for the facts.",
			strings.Join(res.UnsupportedNumbers, ", ")))
	}

	res.Notice = strings.Join(notes, " ")

	return res, nil
}

// numberPattern matches a number as an answer writes it: "463", "3,600",
// "24%", "17.5".
var numberPattern = regexp.MustCompile(`\b\d[\d,]*(?:\.\d+)?%?`)

// unsupportedNumbers returns the numbers of a model's answer that neither
// the question nor any text the model was given (the composed answer, the
// prompt with its sources and facts) states. Citation markers are no
// numbers of the answer.
func unsupportedNumbers(answer string, given ...string) []string {
	known := map[string]bool{}
	for _, g := range given {
		for _, n := range numberPattern.FindAllString(g, -1) {
			known[normalNumber(n)] = true
		}
	}

	var out []string
	for _, n := range numberPattern.FindAllString(markerPattern.ReplaceAllString(answer, ""), -1) {
		if k := normalNumber(n); !known[k] && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}

	return out
}

// normalNumber writes a number without its thousands' commas and a trailing
// full stop or comma.
func normalNumber(n string) string {
	return strings.ReplaceAll(strings.TrimRight(n, ".,"), ",", "")
}

// markersIn returns the numbers an answer's markers cite, in order of first use.
func markersIn(text string) []int {
	var out []int
	for _, m := range markerPattern.FindAllStringSubmatch(text, -1) {
		for _, part := range strings.Split(m[1], ",") {
			n, _ := strconv.Atoi(strings.TrimSpace(part))
			out = appendNew(out, n)
		}
	}

	return out
}

// notice explains in one line why the model did not word the answer. partial
// says the model's text was already shown, so the composed answer follows it.
func (a *Assistant) notice(err error, partial bool) string {
	end := "; this answer is composed from the review."
	if partial {
		end = "; the answer composed from the review follows."
	}

	var status *provider.StatusError
	switch {
	case errors.Is(err, errInjection):
		return "The question reads as instructions to the assistant, so no language model " +
			"saw it" + end
	case errors.Is(err, errInjectedSource):
		return "A retrieved passage reads as instructions, so no language model saw it" + end
	case errors.As(err, &status) && status.Code == 429:
		return "The language model server is rate-limiting requests (HTTP 429)" + end
	case errors.As(err, &status):
		return fmt.Sprintf("The language model server answered HTTP %d", status.Code) + end
	}

	return a.streamNotice(err) + end
}

// streamNotice names a failure of the model's reply.
func (a *Assistant) streamNotice(err error) string {
	switch {
	case errors.Is(err, provider.ErrUnreachable):
		return "The language model server could not be reached"
	case errors.Is(err, errNoFirstToken):
		return fmt.Sprintf("The language model sent nothing within %s",
			orDefault(a.llm.FirstToken, DefaultFirstToken))
	case errors.Is(err, errStalled):
		return fmt.Sprintf("The language model stopped sending for %s",
			orDefault(a.llm.Stall, DefaultStall))
	case errors.Is(err, provider.ErrMalformed):
		return "The language model's stream had a malformed chunk"
	case errors.Is(err, provider.ErrServerError):
		return "The language model server reported an error mid-answer"
	case errors.Is(err, provider.ErrBroken):
		return "The language model's stream broke off"
	case errors.Is(err, provider.ErrTruncated):
		return "The language model's answer reached its length limit"
	case errors.Is(err, errEmptyReply):
		return "The language model sent an empty reply"
	case errors.Is(err, errCanary):
		return "The language model began repeating its instructions and was stopped"
	case errors.Is(err, errGarbled):
		return "The language model's stream held garbled characters"
	case errors.Is(err, errUncited):
		return "The language model's answer cited none of the review's sources"
	}

	return "The language model failed"
}
