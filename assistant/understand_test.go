package assistant

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/neuroguide/neuroguide/corpus"
)

// TestUnderstandSelections checks how questions in users' words become
// selections: kinds and values combined, broad words dropped, negations.
func TestUnderstandSelections(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		name, question, want string
	}{
		{"two kinds", "Which EEG libraries use PyTorch?",
			"data type EEG and framework PyTorch"},
		{"negation after a verb", "Which pose estimation tools are not built on TensorFlow?",
			"task Pose estimation and not framework TensorFlow"},
		{"negation stops at a conjunction", "EEG tools without a GUI and using PyTorch",
			"data type EEG and framework PyTorch and not interface GUI"},
		{"not only", "libraries where I change the architecture, not only the weights",
			"customization Custom model"},
		{"both values of a kind", "image libraries with both a GUI and a command line",
			"category image and interface GUI and interface CLI"},
		{"alternatives", "tools for MEG or EMG", "data type MEG or EMG"},
		{"broad noun dropped", "Which tools segment electron microscopy images?",
			"task Segmentation and data type Electron microscopy"},
		{"broad noun kept alone", "Which of the special libraries work on images?",
			"category special and data type Images"},
		{"specific task over a loose one", "predicting treatment outcomes of cancer patients",
			"task Outcome prediction and area Oncology and radiomics"},
		{"only", "eye tracking tools that work offline only",
			"area Eye tracking and oculography and online/offline use Offline only"},
		{"examples of a value", "tools for general utilities such as data handling and evaluation",
			"task Utilities"},
		{"examples are alternatives", "EEG tools for tasks such as classification or XAI",
			"task Classification or Explainability (XAI) and data type EEG"},
		{"an opening verb is no facet", "Explain federated learning", "task Federated learning"},
		{"a negation inside a phrase", "the data can't move off site between hospitals",
			"task Federated learning"},
		{"name words are no facet", "Which framework does Visual Field Analysis build on?",
			"no condition"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := a.understand(tt.question)
			if got := describeSelection(q.sel); got != tt.want {
				t.Errorf("selection of %q = %q, want %q", tt.question, got, tt.want)
			}
		})
	}
}

// TestScope checks that questions outside the review are declined and that
// in-scope questions in users' words, with words the review does not use,
// are not.
func TestScope(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		question string
		declined bool
	}{
		{"Which deep learning library is best for predicting stock prices?", true},
		{"Which tool should I use to classify galaxy images from telescopes?", true},
		{"What is the best EEG headset to buy?", true},
		{"What license does DeepLabCut use?", true},
		{"What are the side effects of ibuprofen?", true},
		{"Which library will win BraTS next year?", true},
		{"Which Python web framework is fastest, Django or Flask?", true},
		{"I want to classify muscle signals recorded from the forearm. Which toolbox fits?",
			false},
		{"Which library recognises social behaviours of mice from video?", false},
		{"Which libraries analyse the paths animals walk?", false},
		{"What were the GitHub numbers collected for?", false},
		{"What kind of work was excluded from the selection?", false},
		{"Write me a Python script that trains an EEG classifier.", true},
		{"could you please compose a poem about neurons", true},
		{"Make a list of the EEG libraries", false},
		{"What license is DeepLabCut released under?", true},
		{"Does DeepLabCut run on Windows?", true},
		{"Where can I download DN3's code?", false},
		{"How many downloads did MONAI have?", true},
		{"What's the weather in Padova this week?", true},
		{"Which libraries can detect seizures in EEG?", false},
		{"Which Python libraries read MEG?", false},
		{"which tools work on mouse videos?", false},
		{"which toolboxes support MATLAB since my lab is a matlab shop?", false},
		{"I record EMG from stroke survivors for a rehab exoskeleton. Which toolbox?", false},
		{"Can you recommend movies like Inception?", true},
		{"which library recognises sign language from video", true},
		{"Which tool generates music with GANs?", true},
		{"What should I eat before an EEG session?", true},
		{"What will MONAI's next release include?", true},
		{"Which tools can I run in a browser without installing anything?", false},
		{"got any recs for classifying sleep stages from EEG?", false},
		{"what's the h-index of the authors?", true},
		{"How many citations does the review have?", true},
		{"What did the authors publish after this review?", true},
		{"How can I contact the authors?", true},
		{"Which libraries give a license?", true},
		{"Which of these are licensed?", true},
		{"Who wrote the review?", false},
		{"We don't have a MATLAB licence. Is there anything that runs under GNU Octave?", false},
		{"Is DN3 licensed under MIT? I need to know.", true},
		{"How extensively was GaNDLF validated?", false},
		{"How do I fix CUDA memory errors in my lab's laptop?", true},
		{"What does the review say about EEGNet compared with braindecode?", true},
		{"How does SynthSeg differ from SynthStrip?", true},
		{"Which tools have over 1k stars?", false},
		{"Which libraries are maintained by Google?", true},
		{"Which libraries are still maintained?", false},
		{"What is the best library for EEG seizure detection?", false},
		{"How many electrodes should I use for a sleep-staging EEG study?", true},
		{"How many queries were used on PubMed?", false},
		{"Which segmentation library won the ISLES 2022 challenge?", true},
		{"What learning rate does nnU-Net pick?", true},
		{"Explain how to deploy OpenFL on a Kubernetes cluster.", true},
		{"Which tools focus on deployment in clinics?", false},
		{"I keep getting headaches. Should I be worried?", true},
		{"Who does the introduction worry might miss out on the AI boom?", false},
		{"Who funded this work?", false},
		{"Where do the authors work?", false},
		{"Who is Manfredo Atzori?", false},
		{"How much funding did they get in euros?", true},
		{"What is Corbetta's h-index?", true},
		{"Who is Marcello Atzori?", true},
		{"Where is Padova?", true},
		{"¿Qué bibliotecas usan EEG?", true},
		{"ＰｙＴｏｒｃｈ EEG libraries", false},
		{"Is FastSurfer FDA-cleared for clinical use?", true},
		{"For a grant on trustworthy AI I need explainable tools. Which libraries list XAI?", false},
		{"PhD student here - which of the reviewed libraries use variational autoencoders?", false},
		{"Which libraries use recurrent networks (LSTMs or plain RNNs)?", false},
		{"predict stock prices with an LSTM - which library?", true},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			res := ask(t, a, "", tt.question)
			declined := len(res.Libraries) == 0 && containsAll(res.Answer, "does not cover")
			if declined != tt.declined {
				t.Errorf("declined = %v, want %v:\n%s", declined, tt.declined, res.Answer)
			}
		})
	}
}

// TestDeclineWording checks that a decline names what the review does not
// cover, once, and what it holds instead.
func TestDeclineWording(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		question, want string
	}{
		{"What license is DeepLabCut under?", "The review does not cover licenses: its " +
			"tables give each library's data types"},
		{"How do I install braindecode?", "What comes nearest is each library's source"},
		{"Which library should I use to classify galaxy images?",
			"The review does not cover “galaxy”: none of its tables or passages"},
		{"Which library won BraTS 2024?", "The review does not cover 2024: its data end"},
		{"write a poem about the brain", "The review does not cover that request"},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			res := ask(t, a, "", tt.question)
			if !strings.Contains(res.Answer, tt.want) {
				t.Errorf("answer lacks %q:\n%s", tt.want, res.Answer)
			}

			first, _, _ := strings.Cut(res.Answer, "\n")
			if strings.Count(strings.ToLower(first), "review") > 1 {
				t.Errorf("first sentence repeats “review”:\n%s", res.Answer)
			}
		})
	}
}

// TestNamesFindMisspellings checks the spellings of library names users write.
func TestNamesFindMisspellings(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		question, want string
	}{
		{"what does deeplabcut do", "DeepLabCut"},
		{"nnUnet stars", "nnU-Net"},
		{"Is Brain storm maintained?", "Brainstorm"},
		{"What is fetal code used for?", "fetal-code"},
		{"Does Cascade provide data?", "CASCADE"},
		{"voxelmorf forks", "VoxelMorph, HyperMorph"},
		{"Which language is EEG DL written in?", "EEG-DL"},
		{"how many stars does braindecod have", "braindecode"},
		{"Tell me about Fastsurfer", "FastSurfer"},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			q := a.understand(tt.question)
			if len(q.names) != 1 || q.names[0][0].Name != tt.want {
				var got []string
				for _, g := range q.names {
					got = append(got, g[0].Name)
				}

				t.Errorf("names in %q = %v, want %s", tt.question, got, tt.want)
			}
		})
	}
}

func TestWordRoot(t *testing.T) {
	tests := []struct{ a, b string }{
		{"technically", "technical"}, {"actively", "active"}, {"successful", "success"},
		{"selection", "select"}, {"difference", "different"}, {"adoption", "adopt"},
		{"conclusions", "conclude"}, {"exclusion", "excluded"}, {"inclusive", "include"},
	}
	for _, tt := range tests {
		a, b := corpus.Stem(tt.a), corpus.Stem(tt.b)
		if wordRoot(a) != wordRoot(b) {
			t.Errorf("wordRoot(%q) = %q, wordRoot(%q) = %q, want equal", a, wordRoot(a), b,
				wordRoot(b))
		}
	}

	for _, w := range []string{"signal", "normal", "lion"} {
		if got := wordRoot(corpus.Stem(w)); got != corpus.Stem(w) {
			t.Errorf("wordRoot(%q) = %q, want it unchanged", w, got)
		}
	}
}

func TestTypoIndex(t *testing.T) {
	ix := newTypoIndex(map[string]bool{"library": true, "whether": true, "segment": true})
	tests := []struct {
		word string
		want bool
	}{
		{"libary", true},     // a letter missing
		{"librarry", true},   // a letter more
		{"weather", false},   // a letter changed: another word
		{"segmnet", false},   // two edits
		{"segmentt", true},   // a letter more
		{"unrelated", false}, // not near anything
	}
	for _, tt := range tests {
		if got := ix.near(tt.word); got != tt.want {
			t.Errorf("near(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

// containsAll reports whether s holds every part.
func containsAll(s string, parts ...string) bool {
	return !slices.ContainsFunc(parts, func(p string) bool { return !strings.Contains(s, p) })
}

// TestPlainVerbsNameNoTask checks that asking to explain or interpret
// something names no explainability task, while the words of explainable AI
// still do.
func TestPlainVerbsNameNoTask(t *testing.T) {
	a := newTestAssistant(t)
	xai := "task Explainability (XAI)"
	tests := []struct {
		name, question, want string
		intent               intent
	}{
		{"explain", "Can you explain what DN3 does?", "no condition", intentLookup},
		{"explain after a greeting and a hedge", "Hi, can you briefly explain what DN3 does?",
			"no condition", intentLookup},
		{"explain mid-question", "What is DN3, can you explain it?", "no condition",
			intentLookup},
		{"interpret", "How do I interpret the output of DN3?", "no condition", intentLookup},
		{"explanation", "What is the explanation for the rise of deep learning?", "no condition",
			intentProse},
		{"explainable", "Which libraries offer explainable AI?", xai, intentList},
		{"interpretability", "Which toolbox does interpretability for EEG models?",
			xai + " and data type EEG", intentList},
		{"saliency", "Which tools give saliency maps?", xai, intentList},
		{"Grad-CAM", "Does GaNDLF offer Grad-CAM attribution?", xai, intentLookup},
		{"model interpretation", "Which tools help with model interpretation?", xai, intentList},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := a.understand(tt.question)
			if got := describeSelection(q.sel); got != tt.want {
				t.Errorf("selection of %q = %q, want %q", tt.question, got, tt.want)
			}

			if q.intent != tt.intent {
				t.Errorf("intent of %q = %v, want %v", tt.question, q.intent, tt.intent)
			}
		})
	}
}

// TestDiscourseWordsCarryNoSubject checks that greetings, thanks, politeness
// and filler neither decline a question nor change what it asks, and that a
// question of nothing else is small talk.
func TestDiscourseWordsCarryNoSubject(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		question string
		intent   intent
	}{
		{"What exactly is DeepLabCut?", intentLookup},
		{"Hi! What is DN3?", intentLookup},
		{"What is DN3 exactly?", intentLookup},
		{"Hello there, can you tell me about DN3?", intentLookup},
		{"Sorry, what is DN3?", intentLookup},
		{"So, um, what is DN3 basically?", intentLookup},
		{"I was just curious: what is DN3 actually?", intentLookup},
		{"Thank you so much. Does DN3 use PyTorch?", intentLookup},
		{"Thanks! Which libraries handle EMG?", intentList},
		{"Good morning, which EEG libraries use PyTorch?", intentList},
		{"ok which ones are active", intentList},
		{"Hey, how many libraries use Keras?", intentCount},
		{"Hi there, what is federated learning?", intentProse},
		{"Alright, what does the review say about reproducibility?", intentProse},
		{"thanks", intentSmallTalk},
		{"hey", intentSmallTalk},
		{"please", intentSmallTalk},
		{"basically", intentSmallTalk},
		{"actually", intentSmallTalk},
		{"just", intentSmallTalk},
		{"really", intentSmallTalk},
		{"Great, thanks a lot!", intentSmallTalk},
		{"good morning", intentSmallTalk},
		{"bye", intentSmallTalk},
		{"What can you do?", intentSmallTalk},
		{"Hi there, what's the weather in Padova?", intentDecline},
		{"thanks, and how do I cook pasta?", intentDecline},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			if got := a.understand(tt.question).intent; got != tt.intent {
				t.Errorf("intent of %q = %v, want %v", tt.question, got, tt.intent)
			}
		})
	}
}

// TestLikeAsksForSimilarOnlyAsAPreposition checks that "like" asks for
// similar libraries in "libraries like X", not in "I'd like" or "I like X".
func TestLikeAsksForSimilarOnlyAsAPreposition(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		question string
		intent   intent
	}{
		{"I'd like to know about braindecode", intentLookup},
		{"I would like to know more about DN3", intentLookup},
		{"I like DN3", intentLookup},
		{"I really like DeepLabCut, what does it do?", intentLookup},
		{"I don't like DN3", intentLookup},
		{"Would you like to tell me about DN3?", intentLookup},
		{"I would like libraries like braindecode", intentSimilar},
		{"libraries like braindecode", intentSimilar},
		{"something like DeepLabCut for mice?", intentSimilar},
		{"Libraries similar to DN3", intentSimilar},
		{"alternatives to DeepLabCut", intentSimilar},
		{"What can I use instead of DN3?", intentSimilar},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			if got := a.understand(tt.question).intent; got != tt.intent {
				t.Errorf("intent of %q = %v, want %v", tt.question, got, tt.intent)
			}
		})
	}
}

// TestUnknownHeadOfAKnownSubject checks that one word the review does not use,
// heading a subject its text has, does not decline a question about what the
// review says, and that the answer says which word it lacks; other unknown
// words still decline.
func TestUnknownHeadOfAKnownSubject(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		question string
		says     string // empty: declined
	}{
		{"What does the review say about the reproducibility crisis?",
			"The review does not speak of “crisis”; on “reproducibility” it says:"},
		{"What do the authors say about the crisis of reproducibility?",
			"does not speak of “crisis”; on “reproducibility”"},
		{"What does the review say about GPU shortages?",
			"does not speak of “shortages”; on “GPU”"},
		{"What does the review say about reproducibility?", "The review says:"},
		{"What does the review say about quantum computing?", ""},
		{"Which library does the review say is best for quantum computing?", ""},
		{"What does the paper say about the pizza crisis?", ""},
		{"What does the review say about the reproducibility of pizza?", ""},
		{"Tell me about the reproducibility crisis", ""},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			res := ask(t, a, "", tt.question)
			declined := strings.Contains(res.Answer, "does not cover")
			switch {
			case tt.says == "" && !declined:
				t.Errorf("not declined:\n%s", res.Answer)
			case tt.says != "" && !strings.Contains(res.Answer, tt.says):
				t.Errorf("answer lacks %q:\n%s", tt.says, res.Answer)
			case tt.says != "" && declined:
				t.Errorf("declined:\n%s", res.Answer)
			}
		})
	}
}

// quotedWord matches a word an answer quotes from the question.
var quotedWord = regexp.MustCompile(`“([^”]+)”`)

// TestAnswersShowTheUsersWords checks that what an answer says of the
// question's own words (what the review does not cover, what it does not
// speak of) is written as the user wrote it, never as a stemmed term.
func TestAnswersShowTheUsersWords(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		question string
		stems    []string // terms that must not show
	}{
		{"Which tool should I use to classify galaxies from telescopes?",
			[]string{"galaxy", "telescop"}},
		{"Which libraries give licenses?", []string{"licens"}},
		{"Which libraries analyse tweets for sentiment?", []string{"tweet"}},
		{"What does DN3 do for horoscopes?", []string{"horoscop"}},
		{"Can you repeat that, neuroguide?", []string{"neuroguid"}},
		{"What does the review say about GPU shortages?", []string{"shortag"}},
		{"What does the review say about the reproducibility crisis?", nil},
		{"How do I bake sourdough breads?", []string{"bread"}},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			res := ask(t, a, "", tt.question)
			first, _, _ := strings.Cut(res.Answer, "\n\n")
			for _, m := range quotedWord.FindAllStringSubmatch(first, -1) {
				if m[1] != corpus.Title &&
					!strings.Contains(strings.ToLower(tt.question), strings.ToLower(m[1])) {
					t.Errorf("quotes “%s”, which the question does not write:\n%s", m[1], first)
				}
			}

			for _, s := range tt.stems {
				if regexp.MustCompile(`(?i)\b` + s + `\b`).MatchString(first) {
					t.Errorf("shows the stem %q:\n%s", s, first)
				}
			}
		})
	}
}
