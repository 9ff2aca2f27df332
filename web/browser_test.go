package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
)

// The browser tests drive Chromium through chromedp. Without a Chromium they
// skip, unless NEUROGUIDE_REQUIRE_BROWSER=1 (as CI sets) makes them fail;
// NEUROGUIDE_CHROMIUM names another binary than /usr/bin/chromium.
const (
	envRequireBrowser = "NEUROGUIDE_REQUIRE_BROWSER"
	envChromium       = "NEUROGUIDE_CHROMIUM"
	defaultChromium   = "/usr/bin/chromium"
)

// browserWait bounds each step of a browser test.
const browserWait = 30 * time.Second

// newBrowser starts a headless Chromium with a fresh profile and returns a tab.
func newBrowser(t *testing.T) context.Context {
	t.Helper()

	path := os.Getenv(envChromium)
	if path == "" {
		path = defaultChromium
	}
	if _, err := exec.LookPath(path); err != nil {
		if os.Getenv(envRequireBrowser) == "1" {
			t.Fatalf("no Chromium at %s (%v), and %s=1 requires the browser tests",
				path, err, envRequireBrowser)
		}
		t.Skipf("browser test skipped: no Chromium at %s (install Debian's chromium, "+
			"or set %s; %s=1 makes this a failure)", path, envChromium, envRequireBrowser)
	}

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "profile")),
	}
	for _, flag := range []string{"headless", "no-sandbox", "disable-gpu", "disable-quic",
		"no-first-run", "disable-background-networking", "disable-component-update",
		"disable-sync"} {
		opts = append(opts, chromedp.Flag(flag, true))
	}

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)

	// The first run starts the browser; it must not have a deadline.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}

	return ctx
}

// run runs actions with browserWait as their deadline.
func run(t *testing.T, ctx context.Context, what string,
	actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()

	ctx, cancel := context.WithTimeout(ctx, browserWait)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression, waiting until it is truthy.
func eval[T any](t *testing.T, ctx context.Context, what, expr string) T {
	t.Helper()

	ctx, cancel := context.WithTimeout(ctx, browserWait)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Poll[T](expr,
		chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil {
		t.Fatalf("%s: waiting for %s: %v", what, expr, err)
	}

	return v
}

// answerState is what the page shows of the latest answer.
type answerState struct {
	Text      string   `json:"text"`
	Sources   []string `json:"sources"`
	Cites     int      `json:"cites"`
	CiteHref  string   `json:"citeHref"`
	Clickable bool     `json:"clickable"`
}

// askJS types a question in the chat under root (a JS expression) and sends it.
func askJS(root, question string) string {
	return fmt.Sprintf(`(() => {
		const r = %s; const input = r && r.querySelector(".ng-input");
		if (!input) return false;
		input.value = %q; r.querySelector(".ng-form").requestSubmit(); return true;
	})()`, root, question)
}

// answerJS returns the latest finished answer under root, with its sources and
// whether its first citation is the element a click at its centre reaches.
func answerJS(root string) string {
	return fmt.Sprintf(`(() => {
		const r = %s; if (!r) return null;
		const answers = r.querySelectorAll(".ng-answer:not(.ng-pending)");
		const a = answers[answers.length - 1];
		if (!a || !a.querySelector(".ng-sources-list")) return null;
		const cite = a.querySelector("a.ng-cite");
		let clickable = false;
		if (cite) {
			cite.scrollIntoView({block: "center"});
			const box = cite.getBoundingClientRect();
			const hit = r.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
			clickable = hit === cite || cite.contains(hit);
		}
		return {
			text: a.querySelector(".ng-answer-body").textContent,
			sources: [...a.querySelectorAll(".ng-sources-list li")].map((li) => li.textContent),
			cites: a.querySelectorAll(".ng-cite").length,
			citeHref: cite ? cite.href : "",
			clickable,
		};
	})()`, root)
}

// waitConnected waits until the chat under root has its hello frame.
func waitConnected(t *testing.T, ctx context.Context, root string) {
	t.Helper()
	eval[bool](t, ctx, "the connection", `!!`+root+`?.querySelector(".ng-form[data-connected]")`)
}

func checkAnswer(t *testing.T, got answerState, want string) {
	t.Helper()

	if !strings.Contains(got.Text, want) {
		t.Errorf("answer lacks %q:\n%s", want, got.Text)
	}
	if len(got.Sources) == 0 || got.Cites == 0 {
		t.Errorf("answer has %d sources and %d citations, want some", len(got.Sources),
			got.Cites)
	}
	if !strings.HasPrefix(got.CiteHref, "http") || !got.Clickable {
		t.Errorf("first citation href %q clickable %v, want a link a click reaches",
			got.CiteHref, got.Clickable)
	}
}

// TestBrowserWidgetOnAnotherSite serves a page from another origin that embeds
// the widget with one script tag, opens it, asks, and reads the cited answer.
func TestBrowserWidgetOnAnotherSite(t *testing.T) {
	ctx := newBrowser(t)

	var assistantURL string
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><head><title>Lab wiki</title>
<style>button { background: red !important; font-size: 40px; } * { color: purple; }</style>
</head><body><h1>Core facility</h1>
<script src="%s/widget.js" data-title="Ask the review" data-greeting="Hello, lab!"
  data-position="bottom-left" data-colour="#0a7d55"></script>
</body></html>`, assistantURL)
	}))
	t.Cleanup(site.Close)

	cfg := realServerConfig(t, Config{AllowedOrigins: mustOrigins(t, site.URL)})
	_, ts, _ := newTestServer(t, cfg)
	assistantURL = ts.URL

	const root = `document.querySelector("#neuroguide-widget")?.shadowRoot`
	run(t, ctx, "open the page", chromedp.Navigate(site.URL))

	launcher := eval[map[string]string](t, ctx, "the launcher", `(() => {
		const b = `+root+`?.querySelector(".ng-launcher"); if (!b) return null;
		const s = getComputedStyle(b);
		return {label: b.textContent, background: s.backgroundColor, left: s.left,
			panelLeft: getComputedStyle(b.parentNode).left};
	})()`)
	if !strings.Contains(launcher["label"], "Ask the review") {
		t.Errorf("launcher label %q, want the data-title", launcher["label"])
	}
	if launcher["background"] != "rgb(10, 125, 85)" {
		t.Errorf("launcher background %q, want the data-colour, untouched by the page's style",
			launcher["background"])
	}
	if launcher["panelLeft"] != "16px" {
		t.Errorf("widget left = %q, want 16px (data-position bottom-left)", launcher["panelLeft"])
	}

	eval[bool](t, ctx, "open the panel", `(() => {
		const b = `+root+`?.querySelector(".ng-launcher"); b.click(); return true; })()`)
	greeting := eval[string](t, ctx, "the chat in the panel",
		root+`?.querySelector(".ng-empty")?.textContent`)
	if greeting != "Hello, lab!" {
		t.Errorf("greeting %q, want the data-greeting", greeting)
	}

	waitConnected(t, ctx, root)
	eval[bool](t, ctx, "ask", askJS(root, "Which tools do pose estimation from video?"))
	got := eval[answerState](t, ctx, "the answer", answerJS(root))
	checkAnswer(t, got, "DeepLabCut")
}

// TestBrowserMainPage asks on the server's own page, reloads it, sees the
// conversation again and continues it with a follow-up; then the same in /embed.
func TestBrowserMainPage(t *testing.T) {
	ctx := newBrowser(t)
	cfg := realServerConfig(t, Config{
		History: openHistory(t, filepath.Join(t.TempDir(), "history.db")),
	})
	_, ts, _ := newTestServer(t, cfg)

	const root = "document"
	run(t, ctx, "open the chat", chromedp.Navigate(ts.URL+"/"))
	waitConnected(t, ctx, root)
	eval[bool](t, ctx, "ask", askJS(root, "Which tools do pose estimation from video?"))
	checkAnswer(t, eval[answerState](t, ctx, "the answer", answerJS(root)), "DeepLabCut")

	run(t, ctx, "reload", chromedp.Reload())
	waitConnected(t, ctx, root)
	shown := eval[string](t, ctx, "the conversation after reload", `(() => {
		const q = document.querySelector(".ng-question-text");
		return q && document.querySelector(".ng-sources-list") ? q.textContent : "";
	})()`)
	if shown != "Which tools do pose estimation from video?" {
		t.Errorf("question shown after reload %q", shown)
	}

	eval[bool](t, ctx, "the feedback buttons", `!!document.querySelector(".ng-thumb")`)
	eval[bool](t, ctx, "ask a follow-up", askJS(root, "Which of those use PyTorch?"))
	followUp := eval[answerState](t, ctx, "the follow-up", `(() => {
		const n = document.querySelectorAll(".ng-answer:not(.ng-pending) .ng-sources-list");
		return n.length >= 2 ? `+answerJS(root)+` : null; })()`)
	checkAnswer(t, followUp, "DANNCE")

	run(t, ctx, "open the embed page", chromedp.Navigate(ts.URL+"/embed?title=Lab+chat"))
	title := eval[string](t, ctx, "the embed title",
		`document.querySelector(".ng-title")?.textContent`)
	if title != "Lab chat" {
		t.Errorf("embed title %q, want the title parameter", title)
	}
}

// countingServer serves srv over httptest, counting the requests to /ws.
func countingServer(t *testing.T, srv *Server) (*httptest.Server, *atomic.Int64) {
	t.Helper()

	var n atomic.Int64
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ws" {
			n.Add(1)
		}
		srv.Handler().ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)

	return ts, &n
}

// statusJS returns the text of the status line of the chat under root.
func statusJS(root string) string {
	return root + `?.querySelector(".ng-status")?.textContent || ""`
}

// TestBrowserToken opens the chat with and without the server's token: with it
// the page connects and answers; without it, the page says why and stops trying.
func TestBrowserToken(t *testing.T) {
	ctx := newBrowser(t)
	srv, _, _ := newTestServer(t, Config{Token: "s3cret token"})
	ts, requests := countingServer(t, srv)

	tests := []struct {
		name, path  string
		wantRefusal string // empty: the chat must connect
	}{
		{"main page with its token", "/?token=s3cret+token", ""},
		{"embed with its token", "/embed?token=s3cret%20token", ""},
		{"main page without a token", "/", "Access refused: this chat needs a valid token"},
		{"main page with a wrong token", "/?token=guess",
			"Access refused: this chat needs a valid token"},
		{"embed with a wrong token", "/embed?token=guess",
			"Access refused: this chat needs a valid token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run(t, ctx, "open the chat", chromedp.Navigate(ts.URL+tt.path))
			if tt.wantRefusal == "" {
				waitConnected(t, ctx, "document")
				eval[bool](t, ctx, "ask", askJS("document", "Which library is Caffe?"))
				got := eval[string](t, ctx, "the answer", `document.querySelector(
					".ng-answer:not(.ng-pending) .ng-sources-list") &&
					document.querySelector(".ng-answer-body").textContent`)
				if !strings.Contains(got, "Caffe is a library") {
					t.Errorf("answer %q", got)
				}
				return
			}

			checkRefused(t, ctx, "document", tt.wantRefusal, requests)
		})
	}
}

// checkRefused waits until the chat under root shows refusal, and checks that
// it then stops asking: no more requests to /ws come within a few reconnect
// delays.
func checkRefused(t *testing.T, ctx context.Context, root, refusal string,
	requests *atomic.Int64) {
	t.Helper()

	got := eval[string](t, ctx, "the refusal", `(() => {
		const s = `+statusJS(root)+`; return s.startsWith("Access refused") ? s : ""; })()`)
	if !strings.HasPrefix(got, refusal) {
		t.Errorf("status %q, want %q", got, refusal)
	}

	before := requests.Load()
	time.Sleep(time.Second) // a first reconnect would come within 0.5 s
	if after := requests.Load(); after != before {
		t.Errorf("%d more requests to /ws after the refusal, want none", after-before)
	}
	if s := eval[string](t, ctx, "the status", statusJS(root)+` || "none"`); s != got {
		t.Errorf("status became %q after the refusal %q", s, got)
	}
}

// TestBrowserRefusedOnAnotherSite runs the chat on pages of other sites: on one
// the server does not allow, and in the widget of an allowed one with a wrong
// token. Each page says why and stops trying.
func TestBrowserRefusedOnAnotherSite(t *testing.T) {
	ctx := newBrowser(t)

	script, err := staticFiles.ReadFile("static/chat.js")
	if err != nil {
		t.Fatalf("read chat.js: %v", err)
	}
	var assistantURL string
	refused := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/chat.js" { // its own copy: the server's is not for this site
			w.Header().Set("Content-Type", "text/javascript")
			_, _ = w.Write(script)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><body><div id="chat"></div>
<script type="module">
import { Chat } from "/chat.js";
new Chat(document.getElementById("chat"), { server: %q }).start();
</script></body></html>`, assistantURL)
	}))
	t.Cleanup(refused.Close)
	allowed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><body><h1>Lab wiki</h1>
<script src="%s/widget.js" data-token="guess"></script></body></html>`, assistantURL)
	}))
	t.Cleanup(allowed.Close)

	srv, _, _ := newTestServer(t, Config{Token: "s3cret",
		AllowedOrigins: mustOrigins(t, allowed.URL)})
	ts, requests := countingServer(t, srv)
	assistantURL = ts.URL

	const widget = `document.querySelector("#neuroguide-widget")?.shadowRoot`
	tests := []struct {
		name, url, root, want string
	}{
		{"page of a refused origin", refused.URL, "document",
			"Access refused: this site is not allowed to use the assistant (an administrator " +
				"allows it in NEUROGUIDE_ALLOWED_ORIGINS)."},
		{"widget with a wrong token", allowed.URL, widget,
			"Access refused: this chat needs a valid token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run(t, ctx, "open the page", chromedp.Navigate(tt.url))
			if tt.root == widget {
				eval[bool](t, ctx, "open the panel", `(() => {
					const b = `+widget+`?.querySelector(".ng-launcher");
					if (!b) return false; b.click(); return true; })()`)
			}
			checkRefused(t, ctx, tt.root, tt.want, requests)
		})
	}
}

// TestBrowserWidgetOnRefusedSite opens the widget on a page the server does
// not allow: the panel says the site is refused and how an administrator allows
// it, the server logs the refused request for the chat's module, and no
// websocket is tried. A server that fails to serve the module gets another
// message.
func TestBrowserWidgetOnRefusedSite(t *testing.T) {
	ctx := newBrowser(t)

	var logs lockedBuffer
	srv, _, _ := newTestServer(t, Config{Logger: slogTo(&logs),
		AllowedOrigins: mustOrigins(t, "https://wiki.lab.example")})
	ts, requests := countingServer(t, srv)
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/widget.js" {
			srv.Handler().ServeHTTP(w, r)
			return
		}
		http.Error(w, "out of order", http.StatusInternalServerError)
	}))
	t.Cleanup(broken.Close)

	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><body><h1>Lab wiki</h1>
<script src="%s/widget.js"></script></body></html>`, r.URL.Query().Get("assistant"))
	}))
	t.Cleanup(site.Close)

	const widget = `document.querySelector("#neuroguide-widget")?.shadowRoot`
	tests := []struct {
		name, assistant string
		want            []string // the panel's paragraphs
		wantLog         bool
	}{
		{"site not allowed", ts.URL, []string{
			"Access refused: this site (" + site.URL + ") is not allowed to use the assistant.",
			"An administrator of the assistant can allow it by adding " + site.URL +
				" to NEUROGUIDE_ALLOWED_ORIGINS on its server.",
		}, true},
		{"module not served", broken.URL, []string{
			"The assistant cannot be loaded on this page right now; try again later."}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logs.Reset()
			before := requests.Load()
			run(t, ctx, "open the page",
				chromedp.Navigate(site.URL+"/?assistant="+url.QueryEscape(tt.assistant)))
			eval[bool](t, ctx, "open the panel", `(() => {
				const b = `+widget+`?.querySelector(".ng-launcher");
				if (!b) return false; b.click(); return true; })()`)

			got := eval[[]string](t, ctx, "the panel's message", `(() => {
				const p = `+widget+`?.querySelectorAll(".ng-panel-body > p");
				return p && p.length ? [...p].map((e) => e.textContent) : null; })()`)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("panel (-want +got):\n%s", diff)
			}

			wantLog := `msg="request refused" reason="origin not allowed" ` +
				`path=/static/chat.js origin=` + site.URL
			if has := strings.Contains(logs.String(), wantLog); has != tt.wantLog {
				t.Errorf("log has %q: %v, want %v; log:\n%s", wantLog, has, tt.wantLog,
					logs.String())
			}
			if n := requests.Load() - before; n != 0 {
				t.Errorf("%d requests to /ws, want none", n)
			}
		})
	}
}

// formState is what the page shows of its question box and conversation.
type formState struct {
	Input     string `json:"input"`
	Status    string `json:"status"`
	Questions int    `json:"questions"`
}

const formStateJS = `({
	input: document.querySelector(".ng-input").value,
	status: document.querySelector(".ng-status").textContent,
	questions: document.querySelectorAll(".ng-question").length,
})`

// TestBrowserQuestionKeptUntilAccepted asks a question over the length limit,
// which the page refuses itself, one the server answers, and one the server's
// rate limit refuses: only the answered one leaves the question box.
func TestBrowserQuestionKeptUntilAccepted(t *testing.T) {
	ctx := newBrowser(t)
	_, ts, fake := newTestServer(t, Config{MaxQuestionRunes: 40, QuestionsPerMinute: 1})
	run(t, ctx, "open the chat", chromedp.Navigate(ts.URL+"/"))
	waitConnected(t, ctx, "document")

	long := strings.Repeat("é", 41)
	eval[bool](t, ctx, "ask a long question", askJS("document", long))
	got := eval[formState](t, ctx, "the length refusal",
		`document.querySelector(".ng-status").textContent && `+formStateJS)
	want := formState{Input: long, Questions: 0,
		Status: "The question has 41 characters; the limit is 40. Shorten it, then send."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("after a question over the limit (-want +got):\n%s", diff)
	}

	eval[bool](t, ctx, "ask", askJS("document", "Which library is Caffe?"))
	got = eval[formState](t, ctx, "the answer", `document.querySelector(
		".ng-answer:not(.ng-pending) .ng-sources-list") && `+formStateJS)
	if diff := cmp.Diff(formState{Questions: 1}, got); diff != "" {
		t.Errorf("after an answered question (-want +got):\n%s", diff)
	}

	eval[bool](t, ctx, "ask again", askJS("document", "And which use PyTorch?"))
	got = eval[formState](t, ctx, "the rate limit", `document.querySelector(".ng-status")
		.textContent.startsWith("Too many") && `+formStateJS)
	wait := regexp.MustCompile(`^Too many questions: wait (59|60) s, then send again\.$`)
	if !wait.MatchString(got.Status) {
		t.Errorf("status after a rate-limited question %q, want it to match %s", got.Status,
			wait)
	}
	got.Status = ""
	want = formState{Input: "And which use PyTorch?", Questions: 1}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("after a rate-limited question (-want +got):\n%s", diff)
	}

	fake.mu.Lock()
	defer fake.mu.Unlock()
	if n := len(fake.requests); n != 1 {
		t.Errorf("the answerer got %d questions, want 1", n)
	}
}

// thumbState is what the page shows of a feedback button.
type thumbState struct {
	Label   string  `json:"label"`
	Text    string  `json:"text"`
	Icon    bool    `json:"icon"`
	Width   float64 `json:"width"`
	Drawn   bool    `json:"drawn"`
	Pressed string  `json:"pressed"`
}

// TestBrowserFeedbackIcons checks that the feedback buttons show drawn icons,
// not emoji, keep their labels, and work.
func TestBrowserFeedbackIcons(t *testing.T) {
	ctx := newBrowser(t)
	_, ts, _ := newTestServer(t, Config{
		History: openHistory(t, filepath.Join(t.TempDir(), "history.db")),
	})
	run(t, ctx, "open the chat", chromedp.Navigate(ts.URL+"/"))
	waitConnected(t, ctx, "document")
	eval[bool](t, ctx, "ask", askJS("document", "Which library is Caffe?"))

	const thumbsJS = `[...document.querySelectorAll(".ng-thumb")].map((b) => {
		const svg = b.querySelector("svg"), box = svg && svg.getBoundingClientRect();
		const path = svg && svg.querySelector("path");
		return {label: b.getAttribute("aria-label"), text: b.textContent.trim(), icon: !!svg,
			width: box ? box.width : 0, pressed: b.getAttribute("aria-pressed"),
			drawn: !!path && path.getTotalLength() > 20 &&
				getComputedStyle(path).stroke !== "none"};
	})`
	got := eval[[]thumbState](t, ctx, "the feedback buttons",
		`document.querySelector(".ng-thumb") && `+thumbsJS)
	want := []thumbState{
		{Label: "Helpful", Icon: true, Drawn: true, Pressed: "false"},
		{Label: "Not helpful", Icon: true, Drawn: true, Pressed: "false"},
	}
	for i := range got {
		if got[i].Width < 12 {
			t.Errorf("button %d icon %.1f px wide, want at least 12", i, got[i].Width)
		}
		got[i].Width = 0
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("feedback buttons (-want +got):\n%s", diff)
	}

	emoji := eval[string](t, ctx, "the page's text",
		`(document.body.innerText.match(/\p{Extended_Pictographic}/gu) || ["none"]).join("")`)
	if emoji != "none" {
		t.Errorf("the page shows emoji %q", emoji)
	}

	eval[bool](t, ctx, "rate", `(() => {
		document.querySelector(".ng-thumb").click(); return true; })()`)
	saved := eval[string](t, ctx, "the saved rating", `(() => {
		const s = document.querySelector(".ng-feedback-state").textContent;
		return s === "Thanks!" && document.querySelector(".ng-thumb")
			.getAttribute("aria-pressed"); })()`)
	if saved != "true" {
		t.Errorf("thumb up aria-pressed %q after the rating was saved, want true", saved)
	}
}

// tableState is how the page lays out the table of the latest answer.
type tableState struct {
	Broken     []string `json:"broken"`     // words a line break cuts
	Scrolls    bool     `json:"scrolls"`    // its container scrolls sideways
	PageScroll bool     `json:"pageScroll"` // the page itself scrolls sideways
}

// tableJS returns the layout of the first table under root, once it is shown.
func tableJS(root string) string {
	return `(() => {
		const r = ` + root + `; const table = r && r.querySelector(".ng-answer table");
		if (!table) return null;
		const broken = [];
		const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
		for (let node; (node = walker.nextNode());) {
			for (const m of node.data.matchAll(/\S+/g)) {
				const range = document.createRange();
				range.setStart(node, m.index);
				range.setEnd(node, m.index + m[0].length);
				const tops = new Set([...range.getClientRects()].map((b) => Math.round(b.top)));
				if (tops.size > 1) broken.push(m[0]);
			}
		}
		const wrap = table.parentElement;
		return {broken, scrolls: wrap.scrollWidth > wrap.clientWidth &&
				getComputedStyle(wrap).overflowX === "auto",
			pageScroll: document.documentElement.scrollWidth > innerWidth};
	})()`
}

// TestBrowserNarrowTable shows an answer's table at a phone's width, in the page
// and in the widget: the table scrolls sideways in its container, and no word
// in it is broken.
func TestBrowserNarrowTable(t *testing.T) {
	ctx := newBrowser(t)
	run(t, ctx, "a phone's viewport", chromedp.EmulateViewport(390, 844))

	var assistantURL string
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><head><meta name="viewport"
content="width=device-width, initial-scale=1"></head><body><h1>Lab wiki</h1>
<script src="%s/widget.js"></script></body></html>`, assistantURL)
	}))
	t.Cleanup(site.Close)
	_, ts, _ := newTestServer(t, Config{AllowedOrigins: mustOrigins(t, site.URL)})
	assistantURL = ts.URL

	const widget = `document.querySelector("#neuroguide-widget")?.shadowRoot`
	tests := []struct {
		name, url, root string
	}{
		{"main page", ts.URL + "/", "document"},
		{"widget", site.URL, widget},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run(t, ctx, "open the page", chromedp.Navigate(tt.url))
			if tt.root == widget {
				eval[bool](t, ctx, "open the panel", `(() => {
					const b = `+widget+`?.querySelector(".ng-launcher");
					if (!b) return false; b.click(); return true; })()`)
			}
			waitConnected(t, ctx, tt.root)
			eval[bool](t, ctx, "ask", askJS(tt.root, questionTable))

			got := eval[tableState](t, ctx, "the table", tableJS(tt.root))
			want := tableState{Broken: []string{}, Scrolls: true}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("table at 390 px (-want +got):\n%s", diff)
			}
		})
	}
}

// waitingState is what the latest answer shows before its text.
type waitingState struct {
	Text    string `json:"text"`
	Role    string `json:"role"`
	Visible bool   `json:"visible"`
	Busy    bool   `json:"busy"` // the log is aria-busy, which may mute it
}

const waitingJS = `(() => {
	const answers = document.querySelectorAll(".ng-answer");
	const w = answers.length && answers[answers.length - 1].querySelector(".ng-waiting");
	return w && {text: w.textContent, role: w.getAttribute("role"),
		visible: w.getBoundingClientRect().height > 0,
		busy: document.querySelector(".ng-log").getAttribute("aria-busy") === "true"};
})()`

// TestBrowserWaitingIndicator checks that an answer shows, and announces, that
// it is on its way until its first text, its error or its stop.
func TestBrowserWaitingIndicator(t *testing.T) {
	ctx := newBrowser(t)
	_, ts, fake := newTestServer(t, Config{QuestionsPerMinute: -1})
	run(t, ctx, "open the chat", chromedp.Navigate(ts.URL+"/"))
	waitConnected(t, ctx, "document")

	tests := []struct {
		name, question string
		end            func(t *testing.T)
		wantEnd        string // in the answer bubble once the indicator is gone
	}{
		{"first delta", questionLate, func(*testing.T) { close(fake.gate) },
			"Caffe is a library"},
		{"stopped", questionBlock, func(t *testing.T) {
			eval[bool](t, ctx, "stop", `(() => {
				document.querySelector(".ng-stop").click(); return true; })()`)
		}, "Stopped."},
		{"error", questionFail, func(*testing.T) {}, "The assistant could not answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eval[bool](t, ctx, "ask", askJS("document", tt.question))
			waitFor(t, fake.entered, "the ask to reach the answerer")
			if tt.question != questionFail { // which ends at once
				got := eval[waitingState](t, ctx, "the waiting indicator", waitingJS)
				want := waitingState{Text: "Looking it up…", Role: "status", Visible: true}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("before the first delta (-want +got):\n%s", diff)
				}
			}

			tt.end(t)
			shown := eval[string](t, ctx, "the end of the answer", `(() => {
				const answers = document.querySelectorAll(".ng-answer");
				const a = answers[answers.length - 1];
				return !a.querySelector(".ng-waiting") && !a.classList.contains("ng-pending") &&
					a.textContent; })()`)
			if !strings.Contains(shown, tt.wantEnd) {
				t.Errorf("answer %q, want it to contain %q", shown, tt.wantEnd)
			}
			if strings.Contains(shown, "Looking it up") {
				t.Errorf("answer %q still says it is looking", shown)
			}
		})
	}
}

// rendered is what renderMarkdown made of a text: its text and its links.
type rendered struct {
	Text  string     `json:"text"`
	Links [][]string `json:"links"` // text and href of each link
}

// TestBrowserLinksOnlyToSources renders model-written text with chat.js's
// renderMarkdown: only the answer's sources and the review page are linked.
func TestBrowserLinksOnlyToSources(t *testing.T) {
	ctx := newBrowser(t)
	_, ts, _ := newTestServer(t, Config{})
	run(t, ctx, "open the chat", chromedp.Navigate(ts.URL+"/"))

	const repo = "https://github.com/braindecode/braindecode"
	review := ts.URL + "/review"
	tests := []struct {
		name, text string
		unknown    bool // the sources are not known yet
		want       rendered
	}{
		{"bare URL of a source", "Code: " + repo + ".",
			false, rendered{"Code: " + repo + ".", [][]string{{repo, repo}}}},
		{"bare URL of a source, trailing slash and fragment", "At " + repo + "/#readme",
			false, rendered{"At " + repo + "/#readme", [][]string{{repo + "/#readme",
				repo + "/#readme"}}}},
		{"bare URL elsewhere", "See https://evil.example/login now",
			false, rendered{"See https://evil.example/login now", nil}},
		{"bare URL extending a source's", "At " + repo + "-fork/x",
			false, rendered{"At " + repo + "-fork/x", nil}},
		{"bare URL of a source's host", "At https://github.com/",
			false, rendered{"At https://github.com/", nil}},
		{"link to a source", "[the code](" + repo + ")",
			false, rendered{"the code", [][]string{{"the code", repo}}}},
		{"link elsewhere", "[the code](https://evil.example/x)",
			false, rendered{"the code (https://evil.example/x)", nil}},
		{"link to the review page", "[section 4.2](/review#section-4.2)",
			false, rendered{"section 4.2", [][]string{{"section 4.2",
				review + "#section-4.2"}}}},
		{"bare URL of the review page", review + "#table-3",
			false, rendered{review + "#table-3", [][]string{{review + "#table-3",
				review + "#table-3"}}}},
		{"review page of another host", "[review](https://evil.example/review)",
			false, rendered{"review (https://evil.example/review)", nil}},
		{"script URL", "[x](javascript:alert(1))",
			false, rendered{"[x](javascript:alert(1))", nil}},
		{"citations", "EEGNet [1] and [2, 1]",
			false, rendered{"EEGNet [1] and [2, 1]", [][]string{{"[1]", repo},
				{"2", review + "#section-4.2"}, {"1", repo}}}},
		{"source URL before the sources are known", "Code: " + repo,
			true, rendered{"Code: " + repo, nil}},
	}

	type input struct {
		Text    string `json:"text"`
		Unknown bool   `json:"unknown"`
	}
	inputs := make([]input, 0, len(tests))
	for _, tt := range tests {
		inputs = append(inputs, input{tt.text, tt.unknown})
	}
	data, err := json.Marshal(inputs)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}

	// The first evaluation starts importing the module; a later one renders.
	got := eval[[]rendered](t, ctx, "render", `(() => {
		if (!window.renderMarkdown) {
			import("/static/chat.js").then((m) => { window.renderMarkdown = m.renderMarkdown; });
			return null;
		}
		const sources = new Map([
			[1, {n: 1, kind: "library", title: "braindecode", url: "`+repo+`"}],
			[2, {n: 2, kind: "section", title: "Frameworks", url: "/review#section-4.2"}],
		]);
		return `+string(data)+`.map(({text, unknown}) => {
			const div = document.createElement("div");
			div.append(window.renderMarkdown(document, text,
				{sources: unknown ? null : sources, base: new URL("/", location.href)}));
			const links = [...div.querySelectorAll("a")].map((a) => [a.textContent, a.href]);
			return {text: div.textContent, links: links.length ? links : null};
		});
	})()`)

	for i, tt := range tests {
		if diff := cmp.Diff(tt.want, got[i]); diff != "" {
			t.Errorf("%s: %q (-want +got):\n%s", tt.name, tt.text, diff)
		}
	}
}
