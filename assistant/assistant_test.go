package assistant

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/neuroguide/neuroguide/corpus"
	"github.com/neuroguide/neuroguide/retrieval"
)

var (
	buildOnce sync.Once
	built     *Assistant
	buildErr  error
)

// newTestAssistant builds the offline assistant over the real review once.
func newTestAssistant(t testing.TB) *Assistant {
	t.Helper()
	buildOnce.Do(func() { built, buildErr = build(context.Background()) })
	if buildErr != nil {
		t.Fatalf("build assistant: %v", buildErr)
	}

	return built
}

// build assembles an assistant as the command does.
func build(ctx context.Context) (*Assistant, error) {
	r, err := corpus.Parse()
	if err != nil {
		return nil, err
	}

	v, err := corpus.LoadVocabulary()
	if err != nil {
		return nil, err
	}

	ix, err := retrieval.New(ctx, r, retrieval.Options{Vocabulary: v})
	if err != nil {
		return nil, err
	}

	return New(Config{Review: r, Vocabulary: v, Index: ix})
}

// ask answers a question in a conversation and returns the result.
func ask(t *testing.T, a *Assistant, conv, text string) Result {
	t.Helper()
	var deltas strings.Builder
	res, err := a.Ask(context.Background(), Request{Text: text, Conversation: conv},
		func(d string) error {
			deltas.WriteString(d)
			return nil
		})
	if err != nil {
		t.Fatalf("Ask(%q): %v", text, err)
	}

	if deltas.String() != res.Answer {
		t.Errorf("Ask(%q): deltas joined differ from the answer", text)
	}

	checkMarkers(t, res)

	return res
}

var marker = regexp.MustCompile(`\[(\d+)\]`)

// checkMarkers checks that every [n] of the answer has its source and every
// source is cited.
func checkMarkers(t *testing.T, res Result) {
	t.Helper()
	cited := map[int]bool{}
	for _, m := range marker.FindAllStringSubmatch(res.Answer, -1) {
		n, _ := strconv.Atoi(m[1])
		cited[n] = true
		if n < 1 || n > len(res.Sources) || res.Sources[n-1].N != n {
			t.Errorf("marker [%d] has no source (%d sources)", n, len(res.Sources))
		}
	}

	for _, s := range res.Sources {
		if !cited[s.N] {
			t.Errorf("source %d (%s) is never cited", s.N, s.Title)
		}
	}
}

func TestListQuestionsNameEveryMatch(t *testing.T) {
	a := newTestAssistant(t)
	pose := []string{"ALMA", "DANNCE", "DeepBehavior", "DeepBhvTracking", "DeepLabCut",
		"DeepLabStream", "DeepPoseKit", "LEAP, SLEAP", "MARS, BENTO", "SimBA",
		"Visual Fields Analysis"}
	tests := []struct {
		name, question string
		want           []string
		says           string
	}{
		{"pose estimation", "Which libraries do pose estimation from video?", pose, "11 of 74"},
		{"user words for pose", "Which tools can track the body parts of lab animals in video?",
			pose, "11 of 74"},
		{"two facets", "Which EEG libraries use PyTorch?",
			[]string{"braindecode", "DN3", "ExBrainable"}, "3 of 74"},
		{"negation", "EEG libraries that do not use PyTorch",
			[]string{"DeepEEG", "EEG-DL", "gumpy"}, "3 of 74"},
		{"federated paraphrase",
			"Several hospitals cannot share patient data; which frameworks let them train together?",
			[]string{"COINSTAC", "Fed-BioMed", "FeTS", "OpenFL"}, "4 of 74"},
		{"skull stripping", "What can I use for skull stripping?", []string{"SynthStrip"},
			"1 of 74"},
		{"web app", "Is there anything that runs in a web browser?", []string{"MEYE"}, "1 of 74"},
		{"category and maintenance", "Which image libraries are abandoned?",
			[]string{"ATLASS", "Brainstorm", "DANNCE", "DeepBehavior", "DeepBhvTracking",
				"DeepNeuron", "DeepPoseKit", "DeepVOG", "DLTK", "MIScnn", "NiftyNet"},
			"11 of 74"},
		{"shared head after a slash", "Which libraries connect deep learning with " +
			"computational/cognitive neuroscience, e.g. training networks on cognitive tasks?",
			[]string{"PsychRNN", "PyCog", "THINGvision", "NeuroGym"}, "4 of 74"},
		{"rather than sets a contrast", "Is there anything for MRI reconstruction or " +
			"super-resolution rather than segmentation?", []string{"ANTsX", "BART"}, "2 of 74"},
		{"either of those", "Besides EEG I also have EMG and MEG recordings. Which libraries " +
			"list either of those data types?", []string{"braindecode", "gumpy"}, "2 of 74"},
		{"slash for or", "Which tools work with functional MRI / BOLD data?",
			[]string{"VARDNN toolbox", "DeepNeuro", "fetal-code"}, "3 of 74"},
		{"and other widens", "For EEG and other signal data, which toolboxes have a GUI?",
			[]string{"DeLINEATE", "ExBrainable", "SANTIA"}, "3 of the 11"},
		{"a slash widens", "which of the EEG / sequence libraries are basically abandoned?",
			[]string{"DeepEEG", "DN3", "gumpy", "SANTIA"}, "4 of the 11"},
		{"a negation carries over or", "Which tools give you models you can't customise or " +
			"retrain at all?", []string{"Allen Cell Structure Segmenter", "ALMA", "DeepVOG",
			"fetal-code", "MesoNet", "ScLimbic", "SynthStrip", "VesicleSeg", "THINGvision"},
			"9 of 74"},
		{"data the user lacks excludes nothing", "I don't have my own data yet. Which tools " +
			"come with their own datasets?", []string{"CASCADE", "CDeep3M2", "DANNCE",
			"DeepBehavior", "MARS, BENTO", "MEYE", "NeuroGym"}, "7 of 74"},
		{"data the user lacks is no exclusion", "I work with signals, not images, and I'm not " +
			"comfortable with the command line. Which sequence-data libraries have a graphical " +
			"interface?", []string{"DeLINEATE", "ExBrainable", "SANTIA"}, "3 of the 11"},
		{"and other is no rest", "I want to segment the hypothalamus and other small limbic " +
			"structures in MRI. Which tools target those?", []string{"ANTsX", "ClinicaDL",
			"DeepNeuro", "FastSurfer", "fetal-code", "hipotalamus_seg", "NiftyNet", "ScLimbic"},
			"**8 of 74** libraries in the review match"},
		{"a list after a colon is alternatives", "I need helpers for the plumbing: data " +
			"handling, evaluation, utilities. What's listed?", []string{"MeDaS", "NeuroGym",
			"NiftyNet", "pymia"}, "task Utilities or Evaluation"},
		{"a contrast is no exclusion", "I'm running closed-loop experiments, so the analysis " +
			"has to happen live while the data streams in, not afterwards on saved files. Which " +
			"tools can do that?", []string{"gumpy", "DeepLabStream", "LEAP, SLEAP", "MEYE"},
			"4 of 74"},
		{"a name set aside", "Besides DeepLabCut, which pose estimation tools are there?",
			[]string{"ALMA", "DANNCE", "DeepBehavior", "DeepBhvTracking", "DeepLabStream",
				"DeepPoseKit", "LEAP, SLEAP", "MARS, BENTO", "SimBA", "Visual Fields Analysis"},
			"10 of 73"},
		{"a name set aside mid-question", "Which EEG libraries, other than braindecode, use " +
			"PyTorch?", []string{"DN3", "ExBrainable"}, "2 of 73"},
		{"ignore as an exclusion", "Ignore the inactive ones: which EEG libraries use PyTorch?",
			[]string{"braindecode", "ExBrainable"}, "2 of 74"},
		{"leave out as an exclusion", "Leave out the inactive ones. Which pose estimation " +
			"libraries are there?", []string{"ALMA", "DeepLabCut", "DeepLabStream", "LEAP, SLEAP",
			"MARS, BENTO", "SimBA", "Visual Fields Analysis"}, "7 of 74"},
		{"x/y is one thing", "We only have x/y coordinates of animals over time (already " +
			"tracked, no raw video). Which libraries take that kind of input?",
			[]string{"Traja", "VAME"}, "2 of 74"},
		{"a negated task asks nothing of the told one", "Not just keypoints - I want software " +
			"that classifies what the animal is doing in the video. Which ones?",
			[]string{"ALMA", "DeepCINAC", "MARS, BENTO", "Visual Fields Analysis"}, "4 of 74"},
		{"a word of a paired term reads with it", "Which tools recognise or classify specific " +
			"behaviours (actions) rather than just tracking keypoints?", []string{"MARS, BENTO"},
			"1 of 74"},
		{"exclusions alone", "Which tools don't use TensorFlow or PyTorch?", []string{"gumpy",
			"SANTIA", "ALMA", "ATLASS", "CERR", "DeepInfer", "DeepNeuron", "PyCog", "COINSTAC",
			"pymia"},
			"libraries in the review have neither framework TensorFlow nor framework PyTorch"},
		{"but not excludes", "Which EEG tools use Python but not MATLAB?", []string{"braindecode",
			"DeepEEG", "DN3", "ExBrainable", "gumpy"}, "5 of 74"},
		{"utilities for a purpose", "Which libraries are general utilities for handling data " +
			"and evaluation rather than a particular model?", []string{"MeDaS", "NeuroGym",
			"NiftyNet", "pymia"}, "task Utilities or Evaluation"},
		{"an unnamed framework", "Which entries don't say which deep learning framework " +
			"they're built on?", []string{"ALMA", "DeepInfer", "DeepNeuron"}, "3 of 74"},
		{"models one cannot modify", "How many libraries offer pretrained models I can't " +
			"modify?", []string{"Allen Cell Structure Segmenter", "ALMA", "DeepVOG", "fetal-code",
			"MesoNet", "ScLimbic", "SynthStrip", "VesicleSeg", "THINGvision"}, "9 of 74"},
		{"a negation with its verb left out", "Most EEG tools use PyTorch. Which ones don't?",
			[]string{"DeepEEG", "EEG-DL", "gumpy"}, "3 of 74"},
		{"what the user lacks gives way to what they ask", "We don't have a MATLAB licence. Is " +
			"there anything that runs under GNU Octave?", []string{"CERR"},
			"**1 of 74** libraries in the review match language Octave:"},
		{"an exclusion that clashes is left out", "Which tools run in Octave but not MATLAB?",
			[]string{"CERR"}, "Every library with language Octave also has language MATLAB"},
		{"the asked data over the told", "I image fluorescently labelled tissue under the " +
			"microscope. Which tools are listed specifically for fluorescence microscopy data?",
			[]string{"Allen Cell Structure Segmenter", "MesoNet"}, "2 of 74"},
		{"a computer cluster is no clustering", "EEG decoding, but our cluster only has " +
			"TensorFlow installed. Which EEG libraries would work?", []string{"DeepEEG", "EEG-DL"},
			"2 of 74"},
		{"an absent field a condition answers", "Which projects seem to be maintained by just " +
			"one person, i.e. a single contributor?", []string{"EEG-DL", "SANTIA", "BART",
			"Brainstorm", "DeepBehavior", "DeepBhvTracking", "hipotalamus_seg",
			"Volume Segmantics", "PyCog", "TorchDIVA"}, "10 of 74"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ask(t, a, "", tt.question)
			if diff := cmp.Diff(tt.want, res.Libraries); diff != "" {
				t.Errorf("libraries (-want +got):\n%s", diff)
			}

			if !strings.Contains(res.Answer, tt.says) {
				t.Errorf("answer does not say %q:\n%s", tt.says, res.Answer)
			}
		})
	}
}

func TestLookupsStateTheField(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		name, question, library string
		says                    []string
	}{
		{"language", "What programming language is CERR written in?", "CERR",
			[]string{"Octave, MATLAB"}},
		{"stars with snapshot", "How many GitHub stars does DeepLabCut have?", "DeepLabCut",
			[]string{"3600", "17 April 2023"}},
		{"lower-case typo", "deeplabcutt stars?", "DeepLabCut", []string{"3600"}},
		{"joined typo", "What does nnUnet do?", "nnU-Net", []string{"Segmentation"}},
		{"split name", "Where is the code of Brain storm?", "Brainstorm",
			[]string{"https://github.com/xamyzhao/brainstorm"}},
		{"alias of a combined row", "Is SLEAP usable in real time?", "LEAP, SLEAP",
			[]string{"Online"}},
		{"missing value", "How many stars does SynthStrip have?", "SynthStrip",
			[]string{"not given"}},
		{"yes or no", "Does braindecode use PyTorch?", "braindecode", []string{"Yes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ask(t, a, "", tt.question)
			if !slices.Contains(res.Libraries, tt.library) {
				t.Errorf("libraries = %v, want %s", res.Libraries, tt.library)
			}

			for _, s := range tt.says {
				if !strings.Contains(res.Answer, s) {
					t.Errorf("answer does not say %q:\n%s", s, res.Answer)
				}
			}
		})
	}
}

func TestAggregatesCountAllRecords(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		name, question string
		says           []string
	}{
		{"total", "How many libraries does the review cover?", []string{"list **74** libraries"}},
		{"count with facets", "How many of the sequence-data libraries use TensorFlow?",
			[]string{"4 of 74"}},
		{"superlative", "Which image-analysis library has the most GitHub stars?",
			[]string{"**DeepLabCut** has the most GitHub stars", "17 April 2023"}},
		{"fewest", "Which pose estimation tool has the fewest contributors?",
			[]string{"fewest contributors"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ask(t, a, "", tt.question)
			for _, s := range tt.says {
				if !strings.Contains(res.Answer, s) {
					t.Errorf("answer does not say %q:\n%s", s, res.Answer)
				}
			}
		})
	}
}

func TestCompareWritesATable(t *testing.T) {
	a := newTestAssistant(t)
	res := ask(t, a, "", "How do DeepLabCut and SLEAP differ?")
	if diff := cmp.Diff([]string{"DeepLabCut", "LEAP, SLEAP"}, res.Libraries); diff != "" {
		t.Errorf("libraries (-want +got):\n%s", diff)
	}

	for _, s := range []string{"| field |", "| online/offline use | Offline | Online |",
		"CLI, GUI, Colab Notebooks"} {
		if !strings.Contains(res.Answer, s) {
			t.Errorf("answer lacks %q:\n%s", s, res.Answer)
		}
	}
}

func TestProseQuotesTheReview(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		name, question, section, says string
	}{
		{"dates", "When did the literature search end?", "3. Materials and Methods",
			"22 November 2022"},
		{"fair", "What are the FAIR principles?", "2.3. Neuroinformatics", "Findable"},
		{"blueprints", "Which libraries are used as blueprints?", "Future Directions",
			"DeepLabCut and nnU-Net"},
		{"conclude meets the conclusions", "What do the authors conclude?", "6. Conclusions",
			"repositories offer code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ask(t, a, "", tt.question)
			if !slices.ContainsFunc(res.Sources, func(s Source) bool {
				return s.Kind == KindSection && s.Section == tt.section
			}) {
				t.Errorf("sources %v lack section %q", res.Sources, tt.section)
			}

			if !strings.Contains(res.Answer, tt.says) {
				t.Errorf("answer lacks %q:\n%s", tt.says, res.Answer)
			}

			if strings.Contains(marker.ReplaceAllString(res.Answer, ""), "[") {
				t.Errorf("answer keeps a bracketed reference of the review:\n%s", res.Answer)
			}
		})
	}
}

// TestReviewFacts checks that questions about the review itself are answered
// from its citation facts and front matter, citing the front matter alone.
func TestReviewFacts(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		question string
		says     []string
	}{
		{"Who wrote the review?", []string{"Louis Fabrice Tshimanga", "Manfredo Atzori"}},
		{"Who are the authors?", []string{"Federico Del Pup", "Maurizio Corbetta"}},
		{"When was the review published?", []string{"on 27 April 2023", "accepted 22 April"}},
		{"Which journal published it?", []string{"published in " + corpus.Journal}},
		{"What is the DOI?", []string{corpus.DOI, corpus.DOIURL}},
		{"What is the license of the review?", []string{"under the " + corpus.License}},
		{"What's the title of the paper?", []string{"“" + corpus.Title + "”"}},
		{"How do I cite this review?", []string{corpus.Authors + " " + corpus.Title}},
		{"Hi! When did the review come out?", []string{"27 April 2023"}},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			res := ask(t, a, "", tt.question)
			for _, s := range tt.says {
				if !strings.Contains(res.Answer, s) {
					t.Errorf("answer lacks %q:\n%s", s, res.Answer)
				}
			}

			want := []Source{{N: 1, Kind: KindSection, Section: "front matter",
				Title: "Review, front matter: " + corpus.Title + " (" + corpus.Journal + ")",
				URL:   ReviewPath}}
			if diff := cmp.Diff(want, res.Sources); diff != "" || len(res.Libraries) > 0 {
				t.Errorf("sources (-want +got):\n%s\nlibraries %v", diff, res.Libraries)
			}
		})
	}

	ask(t, a, "facts-1", "What is DN3?")
	res := ask(t, a, "facts-1", "Which journal published it?")
	if !strings.Contains(res.Answer, "DN3** is described in ref.") {
		t.Errorf("after a library, “it” is not that library's paper:\n%s", res.Answer)
	}
}

func TestOutOfScopeIsDeclined(t *testing.T) {
	a := newTestAssistant(t)
	for _, q := range []string{
		"What's the weather in Padova today?",
		"Which library won BraTS 2024?",
		"Who is the president of France?",
		"How many subjects are in ADNI-3?",
		"Does the review give the size of ADNI 3?",
		"How many GitHub stars does EEGLAB have?",
		"How many GitHub stars does MNE-Python have?",
		"Does the review cover CEBRA for joint embeddings of behaviour and neural activity?",
		"Which library in the review should I use to spike-sort my Neuropixels recordings?",
		"What sampling rate does DN3 expect for its EEG input?",
		"Which NLP library does the review recommend for extracting information from radiology " +
			"reports?",
		"What is the best treatment for a patient with glioblastoma?",
		"Is CEBRA better than VAME for finding latent structure in behaviour?",
		"Which ICA algorithm does MNE-Python use to remove eye blinks from EEG?",
		"How many subjects are in the Human Connectome Project?",
		"Which deep learning libraries do astronomers use to classify galaxy morphologies?",
		"How many results did the PubMed queries return?",
		"How do I use MNE-Python's ICA to remove eye blinks from my EEG?",
		"Can I use any of these for clinical diagnosis of Alzheimer's?",
		"Does the review cover SpikeInterface or Kilosort for spike sorting?",
		"How do I apply for access to the ADNI dataset?",
		"What anaesthetic dose of isoflurane should I use on mice during two-photon imaging?",
	} {
		t.Run(q, func(t *testing.T) {
			res := ask(t, a, "", q)
			if len(res.Libraries) > 0 || !strings.Contains(res.Answer, "does not cover") {
				t.Errorf("not declined: libraries %v\n%s", res.Libraries, res.Answer)
			}
		})
	}
}

func TestFollowUps(t *testing.T) {
	a := newTestAssistant(t)
	turns := []struct {
		question string
		want     []string
	}{
		{"Which tools do pose estimation?", []string{"ALMA", "DANNCE", "DeepBehavior",
			"DeepBhvTracking", "DeepLabCut", "DeepLabStream", "DeepPoseKit", "LEAP, SLEAP",
			"MARS, BENTO", "SimBA", "Visual Fields Analysis"}},
		{"Which of those use PyTorch?", []string{"DANNCE"}},
		{"And the others?", []string{"ALMA", "DeepBehavior", "DeepBhvTracking", "DeepLabCut",
			"DeepLabStream", "DeepPoseKit", "LEAP, SLEAP", "MARS, BENTO", "SimBA",
			"Visual Fields Analysis"}},
		{"Tell me more about the fourth one", []string{"DeepLabCut"}},
		{"Is it still maintained?", []string{"DeepLabCut"}},
	}
	for i, tt := range turns {
		res := ask(t, a, "conv-1", tt.question)
		if diff := cmp.Diff(tt.want, res.Libraries); diff != "" {
			t.Errorf("turn %d %q (-want +got):\n%s", i+1, tt.question, diff)
		}
	}
}

// TestSmallTalk checks that small talk is answered in kind with what I can
// answer, cites nothing, and keeps the conversation's last answer for the
// next question to narrow.
func TestSmallTalk(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		name, question, want string
	}{
		{"thanks", "thanks!", "You're welcome!"},
		{"a greeting", "hey there", "Hello!"},
		{"a farewell", "ok bye", "Goodbye"},
		{"filler only", "hmm", "I answer questions about the review"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ask(t, a, "", tt.question)
			if !strings.HasPrefix(res.Answer, tt.want) || len(res.Sources) > 0 {
				t.Errorf("answer to %q lacks %q or cites %v:\n%s", tt.question, tt.want,
					res.Sources, res.Answer)
			}

			if !strings.Contains(res.Answer, "74 open-source deep-learning libraries") {
				t.Errorf("answer does not say what the review holds:\n%s", res.Answer)
			}
		})
	}

	ask(t, a, "talk-1", "Which libraries work with EEG?")
	ask(t, a, "talk-1", "thanks a lot")
	res := ask(t, a, "talk-1", "which of those use PyTorch?")
	if diff := cmp.Diff([]string{"braindecode", "DN3", "ExBrainable"}, res.Libraries); diff != "" {
		t.Errorf("after thanks, the earlier answer is not narrowed (-want +got):\n%s", diff)
	}
}

// TestFollowUpWording checks how an answer about "the others" or a question
// pointing back names the set it ranges over: in words, with "N of M", and
// plainly when the conversation has no earlier answer to narrow.
func TestFollowUpWording(t *testing.T) {
	a := newTestAssistant(t)
	noEarlier := "There is no earlier answer in this conversation to narrow"
	tests := []struct {
		name  string
		turns []string
		says  string // what the last turn's answer opens with
	}{
		{"the others of all the review's libraries",
			[]string{"Which libraries do pose estimation from video?", "and the others?"},
			"The other **63 of 74** libraries in the review, beyond the 11 of the previous " +
				"answer:"},
		{"the others of an earlier list", []string{"Which libraries work with EEG?",
			"which of those use PyTorch?", "tell me more about the second one", "and the others?"},
			"The other **2 of 3** libraries of the earlier list, beyond DN3:"},
		{"the rest", []string{"Which libraries work with EEG?",
			"Which of them are still maintained?", "What about the rest?"},
			"The other **3 of 6** libraries of the earlier list, beyond the 3 of the previous " +
				"answer:"},
		{"the others with a condition", []string{"Which libraries work with EEG?",
			"Which of them are still maintained?", "and the others that use Keras?"},
			"Of the other 3 libraries of the earlier list, beyond the 3 of the previous answer, " +
				"**2 of 3** match framework Keras:"},
		{"which ones, after a list", []string{"Which libraries do pose estimation from video?",
			"ok which ones are active"},
			"**7 of 11** libraries in the previous answer match maintenance Active:"},
		{"which ones, with a subject of their own", []string{"Which libraries work with EEG?",
			"which ones do pose estimation?"}, "**11 of 74** libraries in the review"},
		{"a first question pointing back", []string{"which of those are still maintained?"},
			noEarlier + ", so this answer covers all 74 libraries of the review.\n\n" +
				"**56 of 74** libraries in the review match maintenance Active:"},
		{"a first question among them", []string{"Are there JavaScript libraries among them?"},
			noEarlier + ", so this answer covers all 74 libraries"},
		{"the others first", []string{"and the others?"},
			noEarlier + ". I answer questions about the review"},
		{"a pronoun with its own noun", []string{"i have confocal stacks. what could segment " +
			"them?"}, "**"},
		{"the others of one library", []string{"What is DeepBehavior?",
			"which of those are still maintained?", "and the others?"},
			"The other **73 of 74** libraries in the review, beyond DeepBehavior:"},
		{"narrowing one library", []string{"What is DeepBehavior?",
			"which of those are still maintained?"}, "- No: **DeepBehavior** is inactive [1]"},
		{"a yes without an echo", []string{"Is SimBA still maintained?"},
			"- Yes: **SimBA** is active [1]"},
		{"a no with what the table gives", []string{"Does DeepLabCut use PyTorch?"},
			"- No: **DeepLabCut** does not have framework PyTorch (the table gives: TensorFlow)"},
		{"a prose answer before", []string{"What are the FAIR principles?",
			"which of those use PyTorch?"}, noEarlier},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conv := "wording-" + strconv.Itoa(i)
			var res Result
			for _, q := range tt.turns {
				res = ask(t, a, conv, q)
			}

			if !strings.HasPrefix(res.Answer, tt.says) {
				t.Errorf("answer does not open with %q:\n%s", tt.says, res.Answer)
			}

			if strings.Contains(res.Answer, "no condition") {
				t.Errorf("answer says “no condition”:\n%s", res.Answer)
			}
		})
	}
}

// TestSuperlativeTies checks that a superlative names every record that
// ties for first.
func TestSuperlativeTies(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		name, question, says string
	}{
		{"fewest stars of all", "Which library has the fewest stars?",
			"2 libraries tie for the fewest GitHub stars, with 1 each: **ExBrainable** [1] and " +
				"**Visual Fields Analysis** [2]."},
		{"least starred", "least starred",
			"**ExBrainable** [1] and **Visual Fields Analysis** [2]"},
		{"fewest of the active", "Which active library has the fewest stars?",
			"Among the 56 of 74 libraries with maintenance Active, 2 libraries tie"},
		{"one winner", "Which library has the most stars?",
			"Among all 74 libraries in the review, **MONAI** has the most GitHub stars: 4000 [1]."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ask(t, a, "", tt.question)
			if !strings.Contains(res.Answer, tt.says) {
				t.Errorf("answer lacks %q:\n%s", tt.says, res.Answer)
			}
		})
	}
}

// TestFollowUpChains runs conversations turn by turn and checks each turn's
// libraries: a filter of the previous answer, a library picked by its place
// in the list, and the rest.
func TestFollowUpChains(t *testing.T) {
	a := newTestAssistant(t)
	eeg := []string{"braindecode", "DeepEEG", "DN3", "EEG-DL", "ExBrainable", "gumpy"}
	pose := []string{"ALMA", "DANNCE", "DeepBehavior", "DeepBhvTracking", "DeepLabCut",
		"DeepLabStream", "DeepPoseKit", "LEAP, SLEAP", "MARS, BENTO", "SimBA",
		"Visual Fields Analysis"}
	maintainedPose := []string{"ALMA", "DeepLabCut", "DeepLabStream", "LEAP, SLEAP", "MARS, BENTO",
		"SimBA", "Visual Fields Analysis"}
	type turnWant struct {
		question string
		want     []string
	}
	tests := []struct {
		name  string
		turns []turnWant
	}{
		{"filter, pick, the others", []turnWant{
			{"Which libraries work with EEG?", eeg},
			{"which of those use PyTorch?", []string{"braindecode", "DN3", "ExBrainable"}},
			{"tell me more about the second one", []string{"DN3"}},
			{"and the others?", []string{"braindecode", "ExBrainable"}},
		}},
		{"filter, then the rest", []turnWant{
			{"Which libraries work with EEG?", eeg},
			{"Which of them are still maintained?", []string{"braindecode", "EEG-DL",
				"ExBrainable"}},
			{"What about the rest?", []string{"DeepEEG", "DN3", "gumpy"}},
		}},
		{"pick, ask about it, the others", []turnWant{
			{"Which tools do federated learning?", []string{"COINSTAC", "Fed-BioMed", "FeTS",
				"OpenFL"}},
			{"What about the last one?", []string{"OpenFL"}},
			{"How many stars does it have?", []string{"OpenFL"}},
			{"And the other ones?", []string{"COINSTAC", "Fed-BioMed", "FeTS"}},
		}},
		{"compare by position", []turnWant{
			{"Which libraries do pose estimation?", pose},
			{"compare the first two", []string{"ALMA", "DANNCE"}},
			{"compare the first and the third", []string{"ALMA", "DeepBehavior"}},
			{"compare DeepLabCut with the second one", []string{"DeepLabCut", "DANNCE"}},
			{"compare the last two", []string{"SimBA", "Visual Fields Analysis"}},
		}},
		{"after a pick, those are the list", []turnWant{
			{"Which libraries do pose estimation from video?", pose},
			{"tell me more about the second one", []string{"DANNCE"}},
			{"which of those are still maintained?", []string{"ALMA", "DeepLabCut",
				"DeepLabStream", "LEAP, SLEAP", "MARS, BENTO", "SimBA", "Visual Fields Analysis"}},
		}},
		{"after a pick, compare the first two of the list", []turnWant{
			{"Which libraries do pose estimation from video?", pose},
			{"tell me more about the second one", []string{"DANNCE"}},
			{"compare the first two", []string{"ALMA", "DANNCE"}},
		}},
		{"a place past the list", []turnWant{
			{"Which libraries do pose estimation from video?", pose},
			{"which of those use PyTorch?", []string{"DANNCE"}},
			{"tell me more about the second one", []string{"DANNCE"}},
		}},
		{"and which: another filter of the same set", []turnWant{
			{"Which libraries do pose estimation from video?", pose},
			{"which of those use PyTorch?", []string{"DANNCE"}},
			{"and which use TensorFlow?", []string{"DeepBehavior", "DeepBhvTracking",
				"DeepLabCut", "DeepLabStream", "DeepPoseKit", "LEAP, SLEAP", "MARS, BENTO", "SimBA",
				"Visual Fields Analysis"}},
		}},
		{"and which, after a first list", []turnWant{
			{"Which libraries do pose estimation?", pose},
			{"And which use TensorFlow?", []string{"DeepBehavior", "DeepBhvTracking",
				"DeepLabCut", "DeepLabStream", "DeepPoseKit", "LEAP, SLEAP", "MARS, BENTO", "SimBA",
				"Visual Fields Analysis"}},
		}},
		{"the list outlives it", []turnWant{
			{"Which libraries do pose estimation?", pose},
			{"which of those are still maintained?", maintainedPose},
			{"tell me more about the second one", []string{"DeepLabCut"}},
			{"how many stars does it have?", []string{"DeepLabCut"}},
			{"Compare the first two", []string{"ALMA", "DeepLabCut"}},
		}},
		{"the others after a comparison, then an ambiguous it", []turnWant{
			{"Which libraries do pose estimation?", pose},
			{"which of those are still maintained?", maintainedPose},
			{"Compare the first two", []string{"ALMA", "DeepLabCut"}},
			{"And the others?", maintainedPose[2:]},
			{"How many stars does it have?", maintainedPose[2:]},
		}},
		{"compare it with a name", []turnWant{
			{"What is SimBA?", []string{"SimBA"}},
			{"compare it with DeepLabCut", []string{"SimBA", "DeepLabCut"}},
		}},
		{"it after one library", []turnWant{
			{"What is SimBA?", []string{"SimBA"}},
			{"how many stars does it have?", []string{"SimBA"}},
			{"is it still maintained?", []string{"SimBA"}},
		}},
		{"the subject outlives a narrowing of one", []turnWant{
			{"What is DeepBehavior?", []string{"DeepBehavior"}},
			{"which of those are still maintained?", []string{"DeepBehavior"}},
			{"is it still maintained?", []string{"DeepBehavior"}},
			{"how many stars does it have?", []string{"DeepBehavior"}},
		}},
		{"the list outlives a prose answer", []turnWant{
			{"Which libraries work with EEG?", eeg},
			{"What are the FAIR principles?", []string{}},
			{"which of those use PyTorch?", []string{"braindecode", "DN3", "ExBrainable"}},
		}},
		{"the list outlives no match", []turnWant{
			{"Which libraries work with EEG?", eeg},
			{"which of those use JAX?", []string{}},
			{"which of those use Keras?", []string{"DeepEEG", "gumpy"}},
		}},
		{"a ranking keeps the whole set it ranked", []turnWant{
			{"Which libraries do segmentation of MRI?", []string{"ANTsX", "ClinicaDL",
				"DeepNeuro", "FastSurfer", "fetal-code", "hipotalamus_seg", "NiftyNet",
				"ScLimbic"}},
			{"which of those are still maintained?", []string{"ANTsX", "ClinicaDL",
				"DeepNeuro", "FastSurfer", "fetal-code", "hipotalamus_seg", "ScLimbic"}},
			{"which of them is most starred?", []string{"ANTsX", "FastSurfer", "DeepNeuro",
				"hipotalamus_seg", "fetal-code", "ClinicaDL", "ScLimbic"}},
			{"how many of them use TensorFlow?", []string{"ANTsX", "DeepNeuro",
				"hipotalamus_seg", "fetal-code", "ScLimbic"}},
		}},
		{"a ranking's winner is it", []turnWant{
			{"Which EEG library has the most stars?", []string{"EEG-DL", "braindecode",
				"DeepEEG", "gumpy", "DN3", "ExBrainable"}},
			{"is it still maintained?", []string{"EEG-DL"}},
		}},
		{"rank by a verb", []turnWant{
			{"Rank the EEG libraries by contributors", []string{"braindecode", "DN3",
				"ExBrainable", "gumpy", "DeepEEG", "EEG-DL"}},
		}},
		{"a top k", []turnWant{
			{"Top 3 most forked libraries", []string{"DeepLabCut", "nnU-Net", "MONAI"}},
		}},
		{"count and rank within", []turnWant{
			{"Which pose estimation tools have a GUI?", []string{"ALMA", "DANNCE",
				"DeepBehavior", "DeepBhvTracking", "DeepLabCut", "DeepLabStream", "DeepPoseKit",
				"LEAP, SLEAP", "MARS, BENTO", "SimBA", "Visual Fields Analysis"}},
			{"How many of these are inactive?", []string{"DANNCE", "DeepBehavior",
				"DeepBhvTracking", "DeepPoseKit"}},
		}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conv := "chain-" + strconv.Itoa(i)
			for n, turn := range tt.turns {
				res := ask(t, a, conv, turn.question)
				if diff := cmp.Diff(turn.want, res.Libraries); diff != "" {
					t.Fatalf("turn %d %q (-want +got):\n%s\n%s", n+1, turn.question, diff,
						res.Answer)
				}
			}
		})
	}
}

func TestBadQuestions(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		name, text string
		want       error
	}{
		{"empty", "   ", ErrEmptyQuestion},
		{"too long", strings.Repeat("a", MaxQuestionRunes+1), ErrQuestionTooLong},
		{"zero-width space", "\u200b", ErrEmptyQuestion},
		{"format characters", " \u200d\ufeff\u2060\u00ad ", ErrEmptyQuestion},
		{"escape sequences only", "\x1b[31m\x1b[0m\x07", ErrEmptyQuestion},
		{"punctuation only", "?!. ,", ErrEmptyQuestion},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := a.Ask(context.Background(), Request{Text: tt.text},
				func(string) error { return nil })
			if err != tt.want {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

// TestControlCharactersAreStripped checks that control characters, terminal
// escape sequences and invisible format characters in a question do not
// change what it asks.
func TestControlCharactersAreStripped(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		name, text string
		want       []string
	}{
		{"controls and an escape", "What\u0000 is\u0007 DN3\u001b[31m?", []string{"DN3"}},
		{"a zero-width space inside a name", "What is Deep\u200bLabCut?",
			[]string{"DeepLabCut"}},
		{"a title escape and a byte order mark", "\ufeff\x1b]0;title\x07Which libraries " +
			"handle EMG?\x1b[0m", []string{"gumpy"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ask(t, a, "", tt.text)
			if diff := cmp.Diff(tt.want, res.Libraries); diff != "" {
				t.Errorf("libraries (-want +got):\n%s\n%s", diff, res.Answer)
			}

			if strings.ContainsFunc(res.Answer, func(r rune) bool {
				return r == 0x1b || r == 0 || r == 0x07
			}) {
				t.Errorf("the answer holds a control character: %q", res.Answer)
			}
		})
	}
}

func TestStreamNeverSplitsMarkersOrCharacters(t *testing.T) {
	text := strings.Repeat("é “quoted” [12] Ünïcödé ", 20)
	var parts []string
	err := stream(context.Background(), text, func(d string) error {
		parts = append(parts, d)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	if strings.Join(parts, "") != text {
		t.Fatal("parts do not join to the text")
	}

	for _, p := range parts {
		if strings.Count(p, "[") != strings.Count(p, "]") || !utf8Valid(p) {
			t.Errorf("part %q splits a marker or a character", p)
		}
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func TestConversationStoreIsBounded(t *testing.T) {
	c := newConversations(2, 0)
	for _, id := range []string{"a", "b", "c"} {
		c.record(id, turn{})
	}

	if c.size() != 2 {
		t.Errorf("size = %d, want 2", c.size())
	}

	if c.get("c") == nil {
		t.Error("the newest conversation was evicted")
	}
}

func BenchmarkAskFacet(b *testing.B) {
	a := newTestAssistant(b)
	ctx := context.Background()
	sink := func(string) error { return nil }
	for b.Loop() {
		if _, err := a.Ask(ctx, Request{Text: "Which EEG libraries use PyTorch?"}, sink); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAskFacetParaphrase(b *testing.B) {
	a := newTestAssistant(b)
	ctx := context.Background()
	sink := func(string) error { return nil }
	text := "Several hospitals cannot share patient data; which frameworks let them train together?"
	for b.Loop() {
		if _, err := a.Ask(ctx, Request{Text: text}, sink); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAskProse(b *testing.B) {
	a := newTestAssistant(b)
	ctx := context.Background()
	sink := func(string) error { return nil }
	for b.Loop() {
		if _, err := a.Ask(ctx, Request{Text: "What are the FAIR principles?"}, sink); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAskTally(b *testing.B) {
	a := newTestAssistant(b)
	ctx := context.Background()
	sink := func(string) error { return nil }
	for b.Loop() {
		if _, err := a.Ask(ctx, Request{Text: "What is the most common framework?"}, sink); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStartup(b *testing.B) {
	for b.Loop() {
		if _, err := build(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// TestProseNamedSection checks the prose path on its own, before any scope
// check: a question that names a part of the review is answered from that
// part, even with a word the review does not use, and declined when the part
// holds nothing of what it asks.
func TestProseNamedSection(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		name, question, section string
		answered                bool
	}{
		{"alias", "What does the outlook say about privacy?", "Future Directions", true},
		{"domain word", "What does the outlook say about patient privacy?", "Future Directions",
			true},
		{"unknown wording", "What does the conclusion say about repositories alongside papers?",
			"6. Conclusions", true},
		{"unknown subject", "What does the discussion say about tiramisu?", "", false},
		{"unknown subject in the alias", "What does the outlook say about ibuprofen?", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := a.understand(tt.question)
			quotes, err := a.quotes(context.Background(), q, maxQuotes)
			if err != nil {
				t.Fatalf("quotes: %v", err)
			}

			got := len(quotes) > 0 && a.coverage(q, quotes) >= a.neededCoverage(q, quotes)
			if got != tt.answered {
				t.Fatalf("answered = %v, want %v (quotes %v)", got, tt.answered, quotes)
			}

			if tt.answered && !slices.ContainsFunc(quotes, func(qt quote) bool {
				return qt.section.Label() == tt.section
			}) {
				t.Errorf("quotes %v lack section %q", quotes, tt.section)
			}
		})
	}
}

// TestCountWording checks how a count names its denominators: the review's
// 74 once, the category the question restricts to, a share as a percentage,
// no match plainly, and every library when all are asked for.
func TestCountWording(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		name, question string
		says           []string
		not            []string
	}{
		{"a share of a category", "What share of the image libraries use PyTorch?",
			[]string{"**13 of 47** libraries for image data in the review (**28%**, 13 of all 74)"},
			nil},
		{"a count in a category", "How many image libraries use PyTorch?",
			[]string{"which is **13 of the 47** libraries of category image:"}, []string{"%"}},
		{"no category, no second count", "How many libraries use PyTorch?", nil,
			[]string{"of the"}},
		{"no match", "Which libraries use JAX?",
			[]string{"**None** of the 74 libraries in the review match framework JAX."},
			[]string{"alone:", "0 of 74"}},
		{"the whole review", "How many libraries are there?",
			[]string{"The review's tables list **74** libraries"}, []string{"74 of 74"}},
		{"every library", "List all libraries",
			[]string{"The review's tables list **74** libraries, by category:",
				"- **sequence data** (11): braindecode [1], DeepEEG [2]", "TorchIO [74]"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			askSaysLacks(t, a, tt.question, tt.says, tt.not)
		})
	}

	res := ask(t, a, "", "List all libraries")
	records := slices.DeleteFunc(slices.Clone(res.Sources), func(s Source) bool {
		return s.Kind != KindLibrary
	})
	if len(records) != 74 {
		t.Errorf("listing all cites %d records, want 74", len(records))
	}
}

// TestCompareAnswersTheFieldsAsked checks that a comparison asking for one or
// two fields answers those, and offers the table rather than writing it.
func TestComparisonForAPurposeIsWhole(t *testing.T) {
	a := newTestAssistant(t)
	res := ask(t, a, "", "Compare PsychRNN, PyCog and NeuroGym for modelling cognitive tasks "+
		"with RNNs.")
	if !strings.Contains(res.Answer, "| field | PsychRNN [1] | PyCog [2] | NeuroGym [3] |") {
		t.Errorf("answer writes no whole table:\n%s", res.Answer)
	}
}

func TestCompareAnswersTheFieldsAsked(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		name, question, says string
	}{
		{"more stars", "Which library has more stars, DeepLabCut or MONAI?",
			"- **MONAI** has more GitHub stars: 4000 [1] vs 3600 [2]."},
		{"fewer forks", "Which has fewer forks, DeepLabCut or MONAI?",
			"- **MONAI** has fewer forks: 776 [1] vs 1500 [2]."},
		{"the same framework", "Do DeepLabCut and SLEAP use the same framework?",
			"- DL framework: the same for both, TensorFlow [1] [2]"},
		{"three libraries", "compare the contributors of braindecode, DN3 and gumpy",
			"- contributors: **braindecode** [1]: 26; **DN3** [2]: 4; **gumpy** [3]: 4"},
		{"a field after the purpose", "Compare the stars of DeepLabCut and SLEAP for pose " +
			"estimation", "- GitHub stars: **DeepLabCut** [1]: 3600"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ask(t, a, "", tt.question)
			if !strings.HasPrefix(res.Answer, tt.says) || strings.Contains(res.Answer, "| field |") {
				t.Errorf("answer does not open with %q, or writes the table:\n%s", tt.says,
					res.Answer)
			}
		})
	}
}
