package assistant

import (
	"bytes"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// errCanary means the model's reply contained the prompt's canary: it was
// repeating its instructions.
var errCanary = errors.New("the model's reply repeated its instructions")

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
	if len(f.canary) > 0 && bytes.Contains(f.pending, f.canary) {
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
	for n > 0 && (p[n-1] == ' ' || p[n-1] == '\t') {
		n--
	}

	return n
}

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
