package assistant

import (
	"testing"
)

func TestMentionedSubject(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"is in", "Is EEGLAB in the review?", "EEGLAB"},
		{"does mention", "Does the review mention FreeSurfer?", "FreeSurfer"},
		{"appear", "Does MNE-Python appear in the review?", "MNE-Python"},
		{"mention of", "Is there any mention of PaWFE?", "PaWFE"},
		{"head noun", "Is the Caffe framework mentioned?", "Caffe"},
		{"authors", "Do the authors mention ROS-neuro?", "ROS-neuro"},
		{"quoted", "Does the paper cite “SPM”?", "SPM"},
		{"too long", "Does the review mention how to train a model on a laptop with a GPU?", ""},
		{"other question", "Which libraries use PyTorch?", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mentionedSubject(tt.text); got != tt.want {
				t.Errorf("mentionedSubject(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestMentionIntent(t *testing.T) {
	a := newTestAssistant(t)
	tests := []intentCase{
		{"Does MNE-Python appear in the review?", intentMention},
		{"Is EEGLAB in the review?", intentMention},
		{"Does the review mention Theano?", intentMention},
		{"Is EEGNet in the review?", intentDecline},
		{"Does the review mention Caffe?", intentDecline},
		{"Is DeepLabCut in the review?", intentLookup},
		{"Does the review cover EEG?", intentList},
		{"Does the review mention any EEG tools?", intentList},
	}
	checkIntents(t, a, tests)
}

func TestMentionAnswers(t *testing.T) {
	a := newTestAssistant(t)
	entries := "is not one of the 74 library entries"
	tests := []struct {
		name, question string
		says           []string
		lacks          []string
		url            string
	}{
		{"hyphenated name found by its head", "Does MNE-Python appear in the review?",
			[]string{"**MNE-Python** " + entries, "as “MNE” once", "ref. 30"},
			[]string{"language Python"}, "/review#section-2.3"},
		{"prose tool", "Is EEGLAB in the review?",
			[]string{"**EEGLAB** " + entries, "ref. 27"}, nil, "/review#ref-27"},
		{"tables only", "Does the review mention Theano?",
			[]string{"text does not mention it", "**2 of 74**", "framework Theano"}, nil, ""},
		{"a word of the phrase", "Is the MATLAB Brainstorm suite in the review?",
			[]string{"as “Brainstorm”", "A record of the tables is named **Brainstorm**"}, nil,
			"/review#ref-28"},
		{"nowhere", "Does the review mention Caffe?",
			[]string{"does not cover “Caffe”", "neither its tables nor its text"}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := askSaysLacks(t, a, tt.question, tt.says, tt.lacks)

			if tt.url != "" && !citesURL(res, tt.url) {
				t.Errorf("answer to %q cites no %s: %+v", tt.question, tt.url, res.Sources)
			}
		})
	}
}
