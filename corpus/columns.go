package corpus

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The page text glued each row's cells together ("braindecode [46]GeneralEEG,
// MEGExternalClassification"). A cell boundary is found where one column's
// vocabulary or shape ends and the next one's begins. The vocabularies below
// are the terms each column is written in; they are what a reader of the
// tables knows, and a value outside them still parses by shape (a glued
// lower-to-upper case change) wherever the shape is unambiguous.

// areaTerms are the terms of the Neuroscience Area column. The area and data
// type cells meet without a case change in rows such as "BCIEEG" and
// "Neuroimagingrs-fMRI", so the area is read by vocabulary.
var areaTerms = []string{
	"Behavioral, cognitive neuroscience",
	"Behavioral neuroscience",
	"Behavioural neuroscience",
	"BCI",
	"Brain mapping",
	"Computational neuroscience",
	"Connectomics (Functional Connectivity)",
	"Connectomics",
	"Electrophysiology",
	"Electrophys.",
	"Eye tracking",
	"General",
	"Histology",
	"Imaging",
	"Medical Imaging",
	"Microbiology",
	"Morphology",
	"Neuroimaging",
	"Oculography",
	"Oncology",
	"Radiomics",
	"Single cell analysis",
	"Speech production",
}

// datasetTerms are the values of the Datasets column.
var datasetTerms = []string{
	"External availability", "External", "Internal", "Demo", "Yes", "No",
}

// frameworkTerms are the values of the DL Framework column. The models cell
// before it ends in names such as "DNN" or "CAE" that meet a framework without a
// case change ("CAECERR"), so the framework is read by vocabulary from the end.
var frameworkTerms = []string{
	"BART", "CERR", "COINSTAC", "DeepLabCut", "Deep Learning Toolbox", "FastAI",
	"General", "Keras", "Neurite", "PyTorch", "TensorFlow", "Tensorflow", "Theano",
	"Unspecified (Vaa3D)", "Unspecified",
}

var (
	// customization matches the Customization column: "Yes", "No", "Yes (weights, model)".
	customization = regexp.MustCompile(`(?:Yes|No)(?: \([a-z, ]+\))?`)

	// techShape matches the Interface, Online/Offline and Maintenance columns and
	// leaves the source and the counts.
	techShape = regexp.MustCompile(
		`^(.*?)(Online, Offline|Online|Offline)(Active|Inactive)(.*)$`)

	// usageShape matches the end of a technology row: "463 (123)26", "(*)3",
	// "(*)(*)", or nothing at all.
	usageShape = regexp.MustCompile(`^(.*?)(?:(\d+) \((\d+)\)|(\(\*\)))?(\d+|\(\*\))?$`)
)

// byLength returns the terms longest first, so that a longer term wins over
// its prefix ("External availability" over "External").
func byLength(terms []string) []string {
	out := append([]string(nil), terms...)
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })

	return out
}

var (
	areasByLength      = byLength(areaTerms)
	datasetsByLength   = byLength(datasetTerms)
	frameworksByLength = byLength(frameworkTerms)
)

// prefixTerm returns the longest term that s starts with.
func prefixTerm(s string, terms []string) (string, bool) {
	for _, t := range terms {
		if strings.HasPrefix(s, t) {
			return t, true
		}
	}

	return "", false
}

// suffixTerm returns the longest term that s ends with.
func suffixTerm(s string, terms []string) (string, bool) {
	for _, t := range terms {
		if strings.HasSuffix(s, t) {
			return t, true
		}
	}

	return "", false
}

// splitItems splits a cell into its items at the commas outside parentheses
// that are followed by a space: "MLP, 1,2,3-D CNN, LSTM" has three items and
// "Images (2D, 3D)" one.
func splitItems(cell string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(cell); i++ {
		switch cell[i] {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 && i+1 < len(cell) && cell[i+1] == ' ' {
				out = append(out, strings.TrimSpace(cell[start:i]))
				start = i + 1
			}
		}
	}

	if last := strings.TrimSpace(cell[start:]); last != "" {
		out = append(out, last)
	}

	return out
}

// glued reports whether position i of s starts a new cell by shape: a capital
// or digit right after a lower-case letter, a full stop or a closing parenthesis.
func glued(s string, i int) bool {
	if i <= 0 || i >= len(s) {
		return false
	}

	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	next, _ := utf8.DecodeRuneInString(s[i:])
	after := unicode.IsLower(prev) || prev == '.' || prev == ')'

	return after && (unicode.IsUpper(next) || unicode.IsDigit(next))
}

// firstGlue returns the first position of s where a new cell starts by shape.
func firstGlue(s string) int {
	for i := range s {
		if glued(s, i) {
			return i
		}
	}

	return -1
}

// lastGlue returns the last position of s where a new cell starts by shape.
func lastGlue(s string) int {
	for i := len(s) - 1; i > 0; i-- {
		if glued(s, i) {
			return i
		}
	}

	return -1
}
