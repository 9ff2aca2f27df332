package corpus

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var (
	parseOnce sync.Once
	parsed    *Review
	parseErr  error
)

// review parses the embedded review once for all tests.
func review(t testing.TB) *Review {
	t.Helper()
	parseOnce.Do(func() { parsed, parseErr = Parse() })
	if parseErr != nil {
		t.Fatalf("Parse: %v", parseErr)
	}

	return parsed
}

func ptr(n int) *int { return &n }

// find returns the record with the given id.
func find(t *testing.T, r *Review, id string) Library {
	t.Helper()
	for _, l := range r.Libraries {
		if l.ID == id {
			return l
		}
	}

	t.Fatalf("no record %q", id)
	return Library{}
}

func TestCounts(t *testing.T) {
	r := review(t)
	perCategory := map[Category]int{}
	for _, l := range r.Libraries {
		perCategory[l.Category]++
	}

	got := map[string]int{
		"libraries":     len(r.Libraries),
		"sequence":      perCategory[CategorySequence],
		"image":         perCategory[CategoryImage],
		"special":       perCategory[CategorySpecial],
		"references":    len(r.References),
		"abbreviations": len(r.Abbreviations),
		"tables":        len(r.Tables),
	}
	want := map[string]int{
		"libraries": 74, "sequence": 11, "image": 47, "special": 16,
		"references": 127, "abbreviations": 25, "tables": 9,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
}

func TestSections(t *testing.T) {
	r := review(t)
	var got []string
	for _, s := range r.Sections {
		got = append(got, s.Number+"|"+s.Title+"|"+s.Parent)
	}

	want := []string{
		"|Abstract|", "1|Introduction|", "2|Background|", "2.1|Deep Learning|2",
		"2.2|Neuroscience|2", "2.3|Neuroinformatics|2",
		"2.4|Bringing Deep Learning to the Neurosciences|2", "3|Materials and Methods|",
		"4|Results|", "4.1|Libraries for Sequence Data|4", "4.2|Libraries for Image Data|4",
		"4.3|Libraries for Further Data Types and Abstractions|4", "5|Discussion|",
		"|Future Directions|5", "6|Conclusions|",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
}

func TestChromeDropped(t *testing.T) {
	r := review(t)
	chrome := []string{"Font Type", "Share and Cite", "Article Metrics", "Next Article",
		"Disclaimer/Publisher", "MDPI and ACS Style"}
	for _, s := range r.Sections {
		for _, p := range s.Paragraphs {
			for _, c := range chrome {
				if strings.Contains(p, c) {
					t.Errorf("section %q keeps page chrome %q", s.Label(), c)
				}
			}
		}
	}
}

func TestSectionParagraphs(t *testing.T) {
	r := review(t)
	tests := []struct {
		name, section, contains string
	}{
		{"bullets join their lead-in", "2.3", "- Being Findable, registered and indexed"},
		{"search dates", "3", "the search was finished by 22 November 2022"},
		{"blueprints", "Future Directions", "DeepLabCut and nnU-Net are also worth mentioning"},
		{"discussion", "5", "frame a study, or a part of it, as a machine learning problem"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ok := r.Section(tt.section)
			if !ok {
				t.Fatalf("no section %q", tt.section)
			}

			if !strings.Contains(strings.Join(s.Paragraphs, "\n"), tt.contains) {
				t.Errorf("section %q lacks %q", s.Label(), tt.contains)
			}
		})
	}
}

func TestAbbreviations(t *testing.T) {
	r := review(t)
	got := map[string]string{}
	for _, a := range r.Abbreviations {
		got[a.Short] = a.Long
	}

	want := map[string]string{
		"AI":        "Artificial Intelligence",
		"EEG":       "Electroencephalography",
		"XAI":       "eXplainable Artificial Intelligence",
		"(rs-f)MRI": "(resting state functional) Magnetic Resonance Imaging",
		"LSTM":      "Long-Short Term Memory",
		"EM":        "Electron Microscopy",
	}
	for short, long := range want {
		if got[short] != long {
			t.Errorf("abbreviation %q = %q, want %q", short, got[short], long)
		}
	}
}

func TestReferences(t *testing.T) {
	r := review(t)
	tests := []struct {
		n     int
		title string
	}{
		{1, "The perceptron: A probabilistic model for information storage and " +
			"organization in the brain"},
		{46, "A large-scale evaluation framework for EEG deep learning architectures"},
		{72, "DeepInfer: Open-Source Deep Learning Deployment Toolkit for Image-Guided Therapy"},
		{99, "SynthStrip: Skull-stripping for any brain image"},
		{127, "Automated deep learning design for medical image classification by " +
			"health-care professionals with no coding experience: A feasibility study"},
	}
	for _, tt := range tests {
		ref, ok := r.Reference(tt.n)
		if !ok {
			t.Fatalf("no reference %d", tt.n)
		}

		if ref.Title != tt.title {
			t.Errorf("reference %d title = %q, want %q", tt.n, ref.Title, tt.title)
		}

		if strings.Contains(ref.Text, "[Google Scholar]") {
			t.Errorf("reference %d keeps link labels: %q", tt.n, ref.Text)
		}
	}
}

func TestHardRows(t *testing.T) {
	r := review(t)
	tests := []struct {
		name string
		id   string
		want Library
	}{
		{"glued first row", "sequence/braindecode", Library{
			Name: "braindecode", Aliases: []string{}, Category: CategorySequence,
			Tables: []int{1, 2, 3}, Area: []string{"General"},
			DataTypes: []string{"EEG", "MEG"}, Datasets: "External",
			Tasks: []string{"Classification"}, Models: []string{"1-D CNN"},
			Frameworks: []string{"PyTorch"}, Customization: "Yes (weights, model)",
			Languages: []string{"Python"}, Interfaces: []string{"CLI"},
			OnlineOffline: "Offline", Maintenance: "Active",
			Source: "https://github.com/braindecode/braindecode",
			Stars:  ptr(463), Forks: ptr(123), Contributors: ptr(26),
		}},
		{"row without a reference mark", "sequence/deepeeg", Library{
			Name: "DeepEEG", Aliases: []string{}, Category: CategorySequence,
			Tables: []int{1, 2, 3}, Area: []string{"Electrophysiology"},
			DataTypes: []string{"EEG"}, Datasets: "No", Tasks: []string{"Classification"},
			Models:     []string{"MLP", "1,2,3-D CNN", "LSTM"},
			Frameworks: []string{"Keras", "TensorFlow"}, Customization: "Yes (weights)",
			Languages: []string{"Python"}, Interfaces: []string{"Colab Notebooks"},
			OnlineOffline: "Offline", Maintenance: "Inactive",
			Source: "https://github.com/kylemath/DeepEEG",
			Stars:  ptr(213), Forks: ptr(55), Contributors: ptr(2),
		}},
		{"repository name ending in digits", "sequence/dn3", Library{
			Name: "DN3", Aliases: []string{}, Category: CategorySequence,
			Tables: []int{1, 2, 3}, Area: []string{"BCI"}, DataTypes: []string{"EEG"},
			Datasets: "No", Tasks: []string{"Classification"}, Models: []string{"MLP"},
			Frameworks: []string{"PyTorch"}, Customization: "Yes",
			Languages: []string{"Python"}, Interfaces: []string{"CLI"},
			OnlineOffline: "Offline", Maintenance: "Inactive",
			Source: "https://github.com/SPOClab-ca/dn3",
			Stars:  ptr(50), Forks: ptr(16), Contributors: ptr(4),
		}},
		{"missing stars in the sequence tables", "sequence/delineate", Library{
			Name: "DeLINEATE", Aliases: []string{}, Category: CategorySequence,
			Tables: []int{1, 2, 3}, Area: []string{"General"},
			DataTypes: []string{"Images", "sequences"}, Datasets: "External",
			Tasks: []string{"Classification"}, Models: []string{"CNN"},
			Frameworks: []string{"Keras", "TensorFlow"}, Customization: "Yes (weights, model)",
			Languages: []string{"Python"}, Interfaces: []string{"GUI", "Colab Notebooks"},
			OnlineOffline: "Offline", Maintenance: "Active",
			Source: "https://bitbucket.org/delineate/delineate", Contributors: ptr(3),
		}},
		{"same library in the image tables", "image/delineate", Library{
			Name: "DeLINEATE", Aliases: []string{}, Category: CategoryImage,
			Tables: []int{4, 5, 6}, Area: []string{"Medical Imaging"},
			DataTypes: []string{"Images", "sequences"}, Datasets: "External",
			Tasks: []string{"Classification"}, Models: []string{"CNN"},
			Frameworks: []string{"Keras", "TensorFlow"}, Customization: "Yes (weights, model)",
			Languages: []string{"Python"}, Interfaces: []string{"GUI", "Colab Notebooks"},
			OnlineOffline: "Offline", Maintenance: "Active",
			Source: "bitbucket.org/delineate/delineate", Contributors: ptr(3),
		}},
		{"second repository name ending in digits", "image/cdeep3m2", Library{
			Name: "CDeep3M2", Aliases: []string{}, Category: CategoryImage,
			Tables: []int{4, 5, 6}, Area: []string{"Microbiology", "Histology"},
			DataTypes: []string{"Microscopy"}, Datasets: "Yes",
			Tasks: []string{"Segmentation"}, Models: []string{"CAE"},
			Frameworks: []string{"TensorFlow"}, Customization: "Yes (weights)",
			Languages: []string{"Python"}, Interfaces: []string{"GUI", "Colab Notebooks"},
			OnlineOffline: "Offline", Maintenance: "Active",
			Source: "https://github.com/CRBS/cdeep3m2",
			Stars:  ptr(4), Forks: ptr(2), Contributors: ptr(2),
		}},
		{"empty usage cells", "image/clinicadl", Library{
			Name: "ClinicaDL", Aliases: []string{}, Category: CategoryImage,
			Tables: []int{4, 5, 6}, Area: []string{"Neuroimaging"},
			DataTypes: []string{"MRI", "PET"}, Datasets: "External",
			Tasks:  []string{"Classification", "Segmentation"},
			Models: []string{"CNN", "CAE"}, Frameworks: []string{"PyTorch"},
			Customization: "Yes", Languages: []string{"Python"},
			Interfaces:    []string{"GUI", "Colab Notebooks"},
			OnlineOffline: "Offline", Maintenance: "Active",
			Source: "https://github.com/aramis-lab/clinicadl",
		}},
		{"misspelled in the model table", "image/sclimbic", Library{
			Name: "ScLimbic", Aliases: []string{"ScLimibic"}, Category: CategoryImage,
			Tables: []int{4, 5, 6}, Area: []string{"Neuroimaging"},
			DataTypes: []string{"MRI"}, Datasets: "External",
			Tasks: []string{"Segmentation"}, Models: []string{"3-D CAE"},
			Frameworks: []string{"Neurite", "TensorFlow"}, Customization: "No",
			Languages: []string{"Python (FreeSurfer)"}, Interfaces: []string{"CLI"},
			OnlineOffline: "Offline", Maintenance: "Active",
			Source: "https://surfer.nmr.mgh.harvard.edu/fswiki/ScLimbic",
		}},
		{"misspelled federated platform", "special/coinstac", Library{
			Name: "COINSTAC", Aliases: []string{"COINCSTAC"}, Category: CategorySpecial,
			Tables: []int{7, 8, 9}, Area: []string{"Neuroimaging"},
			DataTypes: []string{"Img"}, Datasets: "No",
			Tasks:  []string{"Federated learning", "Classification", "Segmentation"},
			Models: []string{"CNN"}, Frameworks: []string{"COINSTAC"}, Customization: "Yes",
			Languages: []string{"JavaScript", "Python"}, Interfaces: []string{"GUI"},
			OnlineOffline: "Offline", Maintenance: "Active",
			Source: "https://github.com/trendscenter/coinstac",
			Stars:  ptr(35), Forks: ptr(19), Contributors: ptr(19),
		}},
		{"aliases in parentheses", "image/antsx", Library{
			Name: "ANTsX", Aliases: []string{"ANTsPyNet", "ANTsRNet"}, Category: CategoryImage,
			Tables: []int{4, 5, 6}, Area: []string{"Neuroimaging"}, DataTypes: []string{"MRI"},
			Datasets: "No",
			Tasks: []string{"Classification", "Segmentation", "Registration",
				"Superresolution"},
			Models: []string{"CNN", "CAE", "GAN"}, Frameworks: []string{"Keras", "TensorFlow"},
			Customization: "Yes", Languages: []string{"Python", "R", "C++"},
			Interfaces: []string{"CLI"}, OnlineOffline: "Offline", Maintenance: "Active",
			Source: "https://github.com/ANTsX",
			Stars:  ptr(961), Forks: ptr(354), Contributors: ptr(55),
		}},
		{"two libraries, two references", "image/leap-sleap", Library{
			Name: "LEAP, SLEAP", Aliases: []string{"LEAP", "SLEAP"}, Category: CategoryImage,
			Tables: []int{4, 5, 6}, Area: []string{"Behavioral neuroscience"},
			DataTypes: []string{"Video"}, Datasets: "No", Tasks: []string{"Pose estimation"},
			Models: []string{"CNN", "CAE"}, Frameworks: []string{"TensorFlow"},
			Customization: "Yes (weights, model)", Languages: []string{"Python"},
			Interfaces:    []string{"CLI", "GUI", "Colab Notebooks"},
			OnlineOffline: "Online", Maintenance: "Active",
			Source: "https://github.com/talmolab/sleap",
			Stars:  ptr(278), Forks: ptr(61), Contributors: ptr(26),
		}},
		{"two libraries, one reference", "image/mars-bento", Library{
			Name: "MARS, BENTO", Aliases: []string{"MARS", "BENTO"}, Category: CategoryImage,
			Tables: []int{4, 5, 6}, Area: []string{"Behavioral neuroscience"},
			DataTypes: []string{"Video"}, Datasets: "Yes",
			Tasks: []string{"Pose estimation", "Classification", "Action recognition",
				"Tag"},
			Models: []string{"CNN"}, Frameworks: []string{"TensorFlow"},
			Customization: "Yes (weights)", Languages: []string{"Python"},
			Interfaces:    []string{"GUI", "MATLAB GUI", "Jupyter Notebooks"},
			OnlineOffline: "Offline", Maintenance: "Active",
			Source: "https://github.com/neuroethology",
			Stars:  ptr(37), Forks: ptr(8), Contributors: ptr(3),
		}},
		{"web app without scheme", "image/meye", Library{
			Name: "MEYE", Aliases: []string{}, Category: CategoryImage,
			Tables: []int{4, 5, 6}, Area: []string{"Oculography"},
			DataTypes: []string{"Images", "Video"}, Datasets: "Yes",
			Tasks: []string{"Segmentation"}, Models: []string{"CAE", "CNN"},
			Frameworks: []string{"TensorFlow"}, Customization: "Yes (model)",
			Languages: []string{"Python"}, Interfaces: []string{"Web app"},
			OnlineOffline: "Online, Offline", Maintenance: "Active",
			Source: "pupillometry.it", Stars: ptr(21), Forks: ptr(5), Contributors: ptr(2),
		}},
		{"framework named like the model", "image/visual-fields-analysis", Library{
			Name: "Visual Fields Analysis", Aliases: []string{"Visual Field Analysis"},
			Category: CategoryImage, Tables: []int{4, 5, 6},
			Area:      []string{"Eye tracking", "Behavioral neuroscience"},
			DataTypes: []string{"Video"}, Datasets: "No",
			Tasks:  []string{"Pose estimation", "Classification"},
			Models: []string{"DeepLabCut"}, Frameworks: []string{"TensorFlow", "DeepLabCut"},
			Customization: "Yes (weights)", Languages: []string{"Python"},
			Interfaces: []string{"GUI"}, OnlineOffline: "Offline", Maintenance: "Active",
			Source: "https://github.com/mathjoss/VisualFieldsAnalysis",
			Stars:  ptr(1), Forks: ptr(3), Contributors: ptr(4),
		}},
		{"missing stars, known contributors", "special/neurogym", Library{
			Name: "NeuroGym", Aliases: []string{}, Category: CategorySpecial,
			Tables: []int{7, 8, 9}, Area: []string{"Behavioral", "cognitive neuroscience"},
			DataTypes: []string{"General"}, Datasets: "Internal",
			Tasks:  []string{"Behavioral", "cognitive task generation", "evaluation"},
			Models: []string{"RNN", "General"}, Frameworks: []string{"Keras", "TensorFlow",
				"PyTorch"},
			Customization: "Yes", Languages: []string{"Python"},
			Interfaces: []string{"Colab Notebooks"}, OnlineOffline: "Offline",
			Maintenance: "Active", Source: "https://neurogym.github.io", Contributors: ptr(4),
		}},
	}

	ignore := cmpopts.IgnoreFields(Library{}, "ID", "Refs")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := find(t, r, tt.id)
			tt.want.ID = tt.id
			if diff := cmp.Diff(tt.want, got, ignore); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.id, diff)
			}
		})
	}
}

func TestRefs(t *testing.T) {
	r := review(t)
	tests := []struct {
		id   string
		want []int
	}{
		{"sequence/deepeeg", []int{}},
		{"image/leap-sleap", []int{86, 87}},
		{"image/voxelmorph-hypermorph", []int{103, 104}},
		{"image/neurite-neuron", []int{92}},
		{"special/niftynet", []int{93}},
	}
	for _, tt := range tests {
		got := []int{}
		for _, ref := range find(t, r, tt.id).Refs {
			got = append(got, ref.N)
			if ref.Title == "" {
				t.Errorf("%s: reference %d has no title", tt.id, ref.N)
			}
		}

		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s refs (-want +got):\n%s", tt.id, diff)
		}
	}
}

func TestEveryNameAnswers(t *testing.T) {
	r := review(t)
	names := []string{"LEAP", "SLEAP", "MARS", "BENTO", "Neurite", "Neuron", "VoxelMorph",
		"HyperMorph", "ANTsPyNet", "ANTsRNet", "ScLimibic", "COINCSTAC", "hypothalamus_seg",
		"THINGSvision", "VARDNN"}
	for _, name := range names {
		n := 0
		for i := range r.Libraries {
			if r.Libraries[i].HasName(name) {
				n++
			}
		}

		if n != 1 {
			t.Errorf("%q answers to %d records, want 1", name, n)
		}
	}
}

func TestTwoCategoryLibraries(t *testing.T) {
	r := review(t)
	for _, name := range []string{"DeLINEATE", "NiftyNet"} {
		var cats []Category
		for i := range r.Libraries {
			if r.Libraries[i].Name == name {
				cats = append(cats, r.Libraries[i].Category)
			}
		}

		if len(cats) != 2 || cats[0] == cats[1] {
			t.Errorf("%s: categories %v, want two different", name, cats)
		}
	}
}

func TestEveryRecordComplete(t *testing.T) {
	r := review(t)
	ids := map[string]bool{}
	for _, l := range r.Libraries {
		if ids[l.ID] {
			t.Errorf("duplicate id %q", l.ID)
		}

		ids[l.ID] = true
		empty := map[string]bool{
			"area": len(l.Area) == 0, "data types": len(l.DataTypes) == 0,
			"datasets": l.Datasets == "", "tasks": len(l.Tasks) == 0,
			"models": len(l.Models) == 0, "frameworks": len(l.Frameworks) == 0,
			"customization": l.Customization == "", "languages": len(l.Languages) == 0,
			"interfaces": len(l.Interfaces) == 0, "online/offline": l.OnlineOffline == "",
			"maintenance": l.Maintenance == "", "source": l.Source == "",
		}
		for field, isEmpty := range empty {
			if isEmpty {
				t.Errorf("%s: empty %s", l.ID, field)
			}
		}
	}
}

func TestFrontMatter(t *testing.T) {
	// Field by field as the review's front matter writes them: each author's
	// marks after the name ("1,2,5,*"), the numbered affiliations, and "*"
	// for the authors to whom correspondence is addressed.
	want := FrontMatter{
		Authors: []string{"Louis Fabrice Tshimanga", "Federico Del Pup", "Maurizio Corbetta",
			"Manfredo Atzori"},
		AuthorAffiliations: [][]int{{1, 2}, {1, 2, 3}, {1, 2, 4}, {1, 2, 5}},
		Corresponding:      []string{"Louis Fabrice Tshimanga", "Manfredo Atzori"},
		Affiliations: []string{
			"Department of Neuroscience, University of Padova, Via Belzoni 160, 35121 Padova, Italy",
			"Padova Neuroscience Center, University of Padova, Via Orus 2/B, 35129 Padova, Italy",
			"Department of Information Engineering, University of Padova, Via Gradenigo 6/b, " +
				"35131 Padova, Italy",
			"Venetian Institute of Molecular Medicine (VIMM), 35129 Padova, Italy",
			"Information Systems Institute, University of Applied Sciences Western Switzerland " +
				"(HES-SO Valais), 2800 Sierre, Switzerland",
		},
		Received: "22 March 2023", Revised: "19 April 2023", Accepted: "22 April 2023",
		Published:    "27 April 2023",
		SpecialIssue: "Artificial Intelligence (AI) in Neuroscience",
	}
	if diff := cmp.Diff(want, review(t).Front); diff != "" {
		t.Errorf("front matter (-want +got):\n%s", diff)
	}

	bare, err := ParseText(strings.Replace(Text(), "Submission received:", "Sent:", 1))
	if err != nil {
		t.Fatal(err)
	}

	if bare.Front.Received != "" || bare.Front.Published == "" {
		t.Errorf("a date without its label: %+v", bare.Front)
	}
}

func TestHostsFromSourceLinks(t *testing.T) {
	r := review(t)
	got := map[Host][]string{}
	for i := range r.Libraries {
		l := &r.Libraries[i]
		if h := l.Host(); h != HostGitHub && !slices.Contains(got[h], l.Name) {
			got[h] = append(got[h], l.Name)
		}
	}

	want := map[Host][]string{
		HostGitLab:    {"DeepCINAC", "Fed-BioMed"},
		HostBitbucket: {"DeLINEATE"},
		HostElsewhere: {"DeepInfer", "MesoNet", "MEYE", "ScLimbic", "MeDaS", "NeuroGym",
			"TorchIO"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("hosts off GitHub (-want +got):\n%s", diff)
	}
}

func TestFrontMatterAuthorBlocks(t *testing.T) {
	tests := []struct {
		name  string
		block string
		want  FrontMatter
	}{
		{"one mark alone", "A B\n1\nC D\n1,2,*\n1\nFirst\n2\nSecond\n*\nNote.",
			FrontMatter{Authors: []string{"A B", "C D"}, AuthorAffiliations: [][]int{{1}, {1, 2}},
				Corresponding: []string{"C D"}, Affiliations: []string{"First", "Second"}}},
		{"numbers out of order", "A B\n1,*\n1\nFirst\n3\nThird",
			FrontMatter{Authors: []string{"A B"}, AuthorAffiliations: [][]int{{1}},
				Corresponding: []string{"A B"}, Affiliations: []string{"First"}}},
		{"no marks", "A B\nC D", FrontMatter{Authors: []string{"A B", "C D"},
			AuthorAffiliations: [][]int{nil, nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := strings.Split("Review\nby\n"+tt.block+"\nAbstract\nText.", "\n")
			if diff := cmp.Diff(tt.want, parseFrontMatter(lines)); diff != "" {
				t.Errorf("front matter (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAuthorInitialsAndAffiliations(t *testing.T) {
	fm := review(t).Front
	var got []string
	for i := range fm.Authors {
		got = append(got, fm.Initials(i)+" "+strings.Join(fm.AffiliationsOf(i), " | "))
	}

	want := []string{
		"L.F.T. " + fm.Affiliations[0] + " | " + fm.Affiliations[1],
		"F.D.P. " + fm.Affiliations[0] + " | " + fm.Affiliations[1] + " | " + fm.Affiliations[2],
		"M.C. " + fm.Affiliations[0] + " | " + fm.Affiliations[1] + " | " + fm.Affiliations[3],
		"M.A. " + fm.Affiliations[0] + " | " + fm.Affiliations[1] + " | " + fm.Affiliations[4],
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("initials and affiliations (-want +got):\n%s", diff)
	}

	if fm.Initials(4) != "" || fm.AffiliationsOf(-1) != nil {
		t.Errorf("an author out of range has initials or affiliations")
	}
}

func TestStatements(t *testing.T) {
	var got []string
	for _, st := range review(t).Statements {
		got = append(got, st.Heading+": "+st.Text)
	}

	// As the review writes them between its conclusions and its abbreviations.
	want := []string{
		"Author Contributions: Conceptualization and methodology, M.A. and L.F.T.; " +
			"validation, L.F.T. and F.D.P.; writing—original draft preparation, L.F.T.; " +
			"writing—review and editing, M.A., L.F.T., F.D.P., M.C.; supervision, M.A. and " +
			"M.C. All authors have read and agreed to the published version of the manuscript.",
		"Funding: This work was supported by the “Department of excellence 2018–2022” " +
			"initiative of the Italian Ministry of Education (MIUR) awarded to the Department " +
			"of Neuroscience—University of Padua.",
		"Institutional Review Board Statement: Not applicable.",
		"Informed Consent Statement: Not applicable.",
		"Data Availability Statement: Not applicable.",
		"Conflicts of Interest: The authors declare no conflict of interest. The funders had " +
			"no role in the design of the study; in the collection, analyses, or interpretation " +
			"of data; in the writing of the manuscript; or in the decision to publish the results.",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("statements (-want +got):\n%s", diff)
	}

	st, ok := review(t).Statement("data availability statement")
	if !ok || st.Anchor() != "statement-data-availability-statement" {
		t.Errorf("Statement(data availability statement) = %+v, %v", st, ok)
	}
}

func TestStatementShapes(t *testing.T) {
	tests := []struct {
		name, back string
		want       []Statement
	}{
		{"two paragraphs", "Author Contributions\n\nA did it.\n\nFunding\n\nNone.\n\n" +
			"More on funding.\n",
			[]Statement{{"Author Contributions", "A did it."},
				{"Funding", "None.\n\nMore on funding."}}},
		{"text without its stop", "Author Contributions\n\nA did it.\n\n" +
			"Informed Consent Statement\n\nNot applicable\n\nAcknowledgments\n\nThanks.\n",
			[]Statement{{"Author Contributions", "A did it."},
				{"Informed Consent Statement", "Not applicable"}, {"Acknowledgments", "Thanks."}}},
		{"a last heading without text", "Author Contributions\n\nA did it.\n\nFunding\n",
			[]Statement{{"Author Contributions", "A did it."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := strings.Split(tt.back+"\nAbbreviations\n", "\n")
			got, err := parseStatements(lines)
			if err != nil {
				t.Fatal(err)
			}

			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("statements (-want +got):\n%s", diff)
			}
		})
	}

	if _, err := parseStatements([]string{"Author Contributions", "", "Abbreviations"}); err == nil {
		t.Error("a back matter without statements parsed")
	}
}

func TestContributions(t *testing.T) {
	// The statement's initials, resolved against the front matter's authors.
	want := []Contribution{
		{"Conceptualization and methodology", []string{"Manfredo Atzori",
			"Louis Fabrice Tshimanga"}},
		{"validation", []string{"Louis Fabrice Tshimanga", "Federico Del Pup"}},
		{"writing—original draft preparation", []string{"Louis Fabrice Tshimanga"}},
		{"writing—review and editing", []string{"Manfredo Atzori", "Louis Fabrice Tshimanga",
			"Federico Del Pup", "Maurizio Corbetta"}},
		{"supervision", []string{"Manfredo Atzori", "Maurizio Corbetta"}},
	}
	if diff := cmp.Diff(want, review(t).Contributions); diff != "" {
		t.Errorf("contributions (-want +got):\n%s", diff)
	}

	fm := &FrontMatter{Authors: []string{"Ada Lovelace"}}
	got := parseContributions("software, A.L., X.Y. and A.L.; funding acquisition", fm)
	if diff := cmp.Diff([]Contribution{{"software", []string{"Ada Lovelace", "X.Y.",
		"Ada Lovelace"}}}, got); diff != "" {
		t.Errorf("unresolved initials (-want +got):\n%s", diff)
	}
}
