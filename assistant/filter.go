package assistant

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// errCanary means the model's reply contained the prompt's canary: it was
// repeating its instructions.
var errCanary = errors.New("the model's reply repeated its instructions")

// errGarbled means the model's reply held a character its server could not
// encode: a multi-byte character split between two chunks of its stream,
// each decoded alone.
var errGarbled = errors.New("the model's reply held garbled characters")

// maxMarkerBytes is the longest "[1, 2, 3]" the filter waits for; a bracket
// open longer than that is text.
const maxMarkerBytes = 40

// markerPattern matches a citation marker: "[3]" or "[1, 4]".
var markerPattern = regexp.MustCompile(`[ \t]*\[(\d{1,4}(?:\s*,\s*\d{1,4})*)\]`)

// replyFilter turns a model's raw stream into answer text for a Sink. It holds
// back what may still change: the bytes of a character not yet complete, a
// bracket that may open a marker, trailing blanks (a dropped marker takes the
// blank before it), and a tail that may begin the canary. Each complete
// marker is checked against the sources: numbers that name none are removed
// and remembered.
type replyFilter struct {
	valid  map[int]bool
	canary []byte
	sink   Sink

	// recent is the end of the text sent, for the echo check across chunks.
	recent string

	pending []byte
	out     strings.Builder
	cited   []int
	dropped []int
	tripped bool
	sinkErr error // the Sink failed: the answer cannot reach its reader
}

// newReplyFilter returns a filter for a reply whose sources are numbered by valid.
func newReplyFilter(valid map[int]bool, canary string, sink Sink) *replyFilter {
	return &replyFilter{valid: valid, canary: []byte(canary), sink: sink}
}

// write takes the next chunk of the reply. Empty chunks are skipped.
func (f *replyFilter) write(chunk []byte) error {
	if f.tripped {
		return errCanary
	}

	if len(chunk) == 0 {
		return nil
	}

	if bytes.Contains(chunk, []byte("\uFFFD")) {
		// The decoder of the server's JSON replaced broken bytes: what the
		// model wrote is lost.
		return errGarbled
	}

	f.pending = append(f.pending, chunk...)

	return f.emit(false)
}

// flush sends everything still held back; the reply has ended.
func (f *replyFilter) flush() error {
	if f.tripped {
		return errCanary
	}

	return f.emit(true)
}

// text returns the answer text sent so far.
func (f *replyFilter) text() string { return f.out.String() }

// emit sends the part of the pending bytes that can no longer change.
func (f *replyFilter) emit(final bool) error {
	if len(f.canary) > 0 && bytes.Contains(f.pending, f.canary) || f.echoes(string(f.pending)) {
		f.tripped = true
		f.pending = nil

		return errCanary
	}

	n := len(f.pending)
	if !final {
		n = f.holdPoint()
	}

	if n == 0 {
		return nil
	}

	f.recent = lastRunes(f.recent+string(f.pending[:n]), echoWindow*2)
	seg := f.checkMarkers(strings.ToValidUTF8(string(f.pending[:n]), "\uFFFD"))
	f.pending = append(f.pending[:0], f.pending[n:]...)
	if seg == "" {
		return nil
	}

	f.out.WriteString(seg)
	if err := f.sink(seg); err != nil {
		f.sinkErr = err
		return err
	}

	return nil
}

// holdPoint returns how many pending bytes can be sent now.
func (f *replyFilter) holdPoint() int {
	p := f.pending
	n := completeRunes(p)
	if i := bytes.LastIndexByte(p[:n], '['); i >= 0 && openMarker(p[i+1:n]) {
		n = i
	}

	n -= canaryPrefix(p[:n], f.canary)
	n -= f.echoPrefix(p[:n])
	for n > 0 && (p[n-1] == ' ' || p[n-1] == '\t') {
		n--
	}

	return n
}

// echoWindow is how many characters of the system prompt, in a row, make a
// reply an echo of it: no answer from the sources shares that many with it.
const echoWindow = 40

// promptEcho is the system prompt in echo form, without its canary lines.
var promptEcho = echoForm(fmt.Sprintf(systemPrompt, ""))

// echoForm lowers text and folds its runs of blanks to one space, so that a
// reply that rewraps the prompt's lines is still found.
func echoForm(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// lastRunes returns the last n characters of s.
func lastRunes(s string, n int) string {
	r := []rune(s)
	return string(r[max(0, len(r)-n):])
}

// echoes reports whether the text sent and pending repeat echoWindow
// characters of the system prompt in a row: a reply that recites its rules
// without the canary lines.
func (f *replyFilter) echoes(pending string) bool {
	text := []rune(echoForm(f.recent + pending))
	for i := 0; i+echoWindow <= len(text); i++ {
		if strings.Contains(promptEcho, string(text[i:i+echoWindow])) {
			return true
		}
	}

	return false
}

// echoPrefix returns how many bytes at the end of p to hold back because
// they may begin an echo of the system prompt: the longest tail, from the
// start of a word, that the prompt holds as it is.
func (f *replyFilter) echoPrefix(p []byte) int {
	from := max(0, len(p)-echoWindow*4)
	for i := from; i < len(p); i++ {
		if i > 0 && p[i-1] != ' ' && p[i-1] != '\n' {
			continue
		}

		held := strings.TrimSpace(echoForm(string(p[i:])))
		if len(held) >= minEchoHold && strings.Contains(promptEcho, held) {
			return len(p) - i
		}
	}

	return 0
}

// minEchoHold is the fewest characters held back as a possible echo.
const minEchoHold = 12

// completeRunes returns the length of p without an unfinished character at its end.
func completeRunes(p []byte) int {
	for back := 1; back <= utf8.UTFMax && back <= len(p); back++ {
		b := p[len(p)-back]
		if !utf8.RuneStart(b) {
			continue
		}

		if utf8.FullRune(p[len(p)-back:]) {
			return len(p)
		}

		return len(p) - back
	}

	return len(p)
}

// openMarker reports whether the bytes after a '[' may still become a marker.
func openMarker(rest []byte) bool {
	if len(rest) > maxMarkerBytes {
		return false
	}

	for _, b := range rest {
		if (b < '0' || b > '9') && b != ',' && b != ' ' {
			return false
		}
	}

	return true
}

// canaryPrefix returns the length of the longest tail of p that begins canary.
func canaryPrefix(p, canary []byte) int {
	for k := min(len(canary)-1, len(p)); k > 0; k-- {
		if bytes.HasPrefix(canary, p[len(p)-k:]) {
			return k
		}
	}

	return 0
}

// checkMarkers keeps the numbers of each marker that name a source and
// removes the marker when none does.
func (f *replyFilter) checkMarkers(s string) string {
	return markerPattern.ReplaceAllStringFunc(s, func(m string) string {
		lead := m[:strings.IndexByte(m, '[')]
		var kept []string
		for _, part := range strings.Split(markerPattern.FindStringSubmatch(m)[1], ",") {
			n, _ := strconv.Atoi(strings.TrimSpace(part))
			if f.valid[n] {
				kept = append(kept, strconv.Itoa(n))
				f.cited = appendNew(f.cited, n)
				continue
			}

			f.dropped = appendNew(f.dropped, n)
		}

		if len(kept) == 0 {
			return ""
		}

		return lead + "[" + strings.Join(kept, ", ") + "]"
	})
}

// appendNew appends n unless list holds it.
func appendNew(list []int, n int) []int {
	if slices.Contains(list, n) {
		return list
	}

	return append(list, n)
}
