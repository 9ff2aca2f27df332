package main

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/neuroguide/neuroguide/assistant"
	"github.com/neuroguide/neuroguide/web"
)

// serverSettings are the web server's settings, parsed.
type serverSettings struct {
	web          web.Config // without Answerer, Logger, History, Memory and Routes
	shutdownWait time.Duration
}

// server parses the web server's settings, naming every bad one.
func (c Config) server() (serverSettings, error) {
	p := &parser{}
	var s serverSettings
	w := &s.web

	w.LogQuestions = p.switchValue("NEUROGUIDE_LOG_QUESTIONS", c.LogQuestions)
	w.AllowedOrigins = p.origins("NEUROGUIDE_ALLOWED_ORIGINS", c.AllowedOrigins)
	w.Token = c.Token
	w.UserHeader = p.header("NEUROGUIDE_USER_HEADER", c.UserHeader)
	w.TrustedProxies = p.prefixes("NEUROGUIDE_TRUSTED_PROXIES", c.TrustedProxies)
	w.MaxFrameBytes = int64(p.positive("NEUROGUIDE_MAX_FRAME_BYTES", c.MaxFrameBytes))
	w.MaxQuestionRunes = p.positive("NEUROGUIDE_MAX_QUESTION_RUNES", c.MaxQuestionRunes)
	if w.MaxQuestionRunes > assistant.MaxQuestionRunes {
		p.fail("NEUROGUIDE_MAX_QUESTION_RUNES", c.MaxQuestionRunes,
			fmt.Sprintf("the assistant reads at most %d", assistant.MaxQuestionRunes))
	}

	if least := web.MinFrameBytes(w.MaxQuestionRunes); w.MaxFrameBytes > 0 &&
		w.MaxFrameBytes < least {
		p.fail("NEUROGUIDE_MAX_FRAME_BYTES", c.MaxFrameBytes, fmt.Sprintf("want at least %d "+
			"to hold a question of NEUROGUIDE_MAX_QUESTION_RUNES characters", least))
	}

	w.QuestionsPerMinute = p.limit("NEUROGUIDE_QUESTIONS_PER_MINUTE", c.QuestionsPerMinute)
	w.MaxConns = p.limit("NEUROGUIDE_MAX_CONNECTIONS", c.MaxConnections)
	w.MaxConnsPerClient = p.limit("NEUROGUIDE_MAX_CONNECTIONS_PER_CLIENT",
		c.MaxConnectionsPerClient)
	w.MaxAnswers = p.limit("NEUROGUIDE_MAX_ANSWERS", c.MaxAnswers)
	w.MaxAnswersPerConn = p.positive("NEUROGUIDE_MAX_ANSWERS_PER_CONNECTION",
		c.MaxAnswersPerConnection)

	// Pings every interval keep proxies' idle timeouts (nginx: 60 s) from cutting
	// the websocket; a client silent for two intervals is dropped.
	w.PingPeriod = p.duration("NEUROGUIDE_PING_INTERVAL", c.PingInterval)
	w.PongWait = 2 * w.PingPeriod
	w.WriteWait = p.duration("NEUROGUIDE_WRITE_WAIT", c.WriteWait)
	s.shutdownWait = p.duration("NEUROGUIDE_SHUTDOWN_WAIT", c.ShutdownWait)

	if len(w.TrustedProxies) == 0 && w.UserHeader != "" {
		p.fail("NEUROGUIDE_USER_HEADER", c.UserHeader,
			"needs NEUROGUIDE_TRUSTED_PROXIES, the proxies allowed to set it")
	}

	return s, errors.Join(p.errs...)
}

// parser parses settings, collecting an error that names each bad one.
type parser struct {
	errs []error
}

func (p *parser) fail(name, value, want string) {
	p.errs = append(p.errs, fmt.Errorf("%s %q: %s", name, value, want))
}

// switchValue parses a switch with parseSwitch.
func (p *parser) switchValue(name, v string) bool {
	b, err := parseSwitch(v)
	if err != nil {
		p.errs = append(p.errs, fmt.Errorf("%s: %w", name, err))
	}

	return b
}

// positive parses a whole number above zero.
func (p *parser) positive(name, v string) int {
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		p.fail(name, v, "want a whole number above 0")
		return 0
	}

	return n
}

// limit parses a whole number, 0 meaning no limit, which web.Config spells
// as a negative number.
func (p *parser) limit(name, v string) int {
	n, err := strconv.Atoi(v)
	switch {
	case err != nil || n < 0:
		p.fail(name, v, "want a whole number, 0 for no limit")
		return 0
	case n == 0:
		return -1
	}

	return n
}

func (p *parser) duration(name, v string) time.Duration {
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		p.fail(name, v, "want a duration above 0, such as 30s")
		return 0
	}

	return d
}

func (p *parser) origins(name, v string) []web.Origin {
	var out []web.Origin
	for _, item := range splitList(v) {
		o, err := web.ParseOrigin(item)
		if err != nil {
			p.errs = append(p.errs, fmt.Errorf("%s: %w", name, err))
			continue
		}
		out = append(out, o)
	}

	return out
}

func (p *parser) prefixes(name, v string) []netip.Prefix {
	var out []netip.Prefix
	for _, item := range splitList(v) {
		if prefix, err := netip.ParsePrefix(item); err == nil {
			out = append(out, prefix.Masked())
			continue
		}

		addr, err := netip.ParseAddr(item)
		if err != nil {
			p.fail(name, item, "want an IP address or a CIDR range")
			continue
		}
		addr = addr.Unmap()
		out = append(out, netip.PrefixFrom(addr, addr.BitLen()))
	}

	return out
}

// header checks a header name: letters, digits and dashes.
func (p *parser) header(name, v string) string {
	for _, r := range v {
		if !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			p.fail(name, v, "want a header name, such as X-Remote-User")
			return ""
		}
	}

	return v
}

// splitList splits a comma-separated setting, dropping empty items.
func splitList(v string) []string {
	var out []string
	for _, item := range strings.Split(v, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}

	return out
}
