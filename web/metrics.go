package web

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/neuroguide/neuroguide/assistant"
)

// Metrics are the server's Prometheus metrics, all named neuroguide_..., served
// at /metrics.
type Metrics struct {
	reg *prometheus.Registry

	connsOpen   prometheus.Gauge
	connsTotal  prometheus.Counter
	refused     *prometheus.CounterVec
	questions   prometheus.Counter
	answering   prometheus.Gauge
	answers     *prometheus.CounterVec
	firstDelta  prometheus.Histogram
	done        *prometheus.HistogramVec
	errorFrames *prometheus.CounterVec

	// LLMFallbacks counts answers that were meant to come from the language model
	// and came from the offline composer instead. The server counts every done
	// answer of mode "offline" that carries a notice, which is how the protocol
	// shows a fallback; a layer that falls back without saying so in its Result
	// may add to it itself.
	LLMFallbacks prometheus.Counter
}

// newMetrics makes the metrics in a registry of their own, with the Go
// runtime's and the process's collectors.
func newMetrics() *Metrics {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))

	// Offline answers take milliseconds, a language model's tens of seconds.
	buckets := prometheus.ExponentialBuckets(0.002, 2.5, 12)
	m := &Metrics{
		reg: reg,
		connsOpen: gauge("neuroguide_connections_open",
			"Websocket connections open now."),
		connsTotal: counter("neuroguide_connections_total",
			"Websocket connections accepted."),
		refused: counterVec("neuroguide_requests_refused_total",
			"Requests and connections refused, by reason.", "reason"),
		questions: counter("neuroguide_questions_total",
			"Questions accepted for answering."),
		answering: gauge("neuroguide_answers_running",
			"Answers being composed now."),
		answers: counterVec("neuroguide_answers_total",
			"Answers finished, by mode (offline, llm) and status.", "mode", "status"),
		firstDelta: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "neuroguide_answer_first_delta_seconds",
			Help:    "Time from a question to the first piece of its answer.",
			Buckets: buckets,
		}),
		done: histogramVec("neuroguide_answer_done_seconds",
			"Time from a question to its done frame, by mode.", buckets),
		errorFrames: counterVec("neuroguide_errors_total",
			"Error frames sent to clients, by code.", "code"),
		LLMFallbacks: counter("neuroguide_llm_fallbacks_total",
			"Answers composed offline because the language model was not used."),
	}

	reg.MustRegister(m.connsOpen, m.connsTotal, m.refused, m.questions, m.answering, m.answers,
		m.firstDelta, m.done, m.errorFrames, m.LLMFallbacks)

	return m
}

func gauge(name, help string) prometheus.Gauge {
	return prometheus.NewGauge(prometheus.GaugeOpts{Name: name, Help: help})
}

func counter(name, help string) prometheus.Counter {
	return prometheus.NewCounter(prometheus.CounterOpts{Name: name, Help: help})
}

func counterVec(name, help string, labels ...string) *prometheus.CounterVec {
	return prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, labels)
}

func histogramVec(name, help string, buckets []float64) *prometheus.HistogramVec {
	return prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: name, Help: help,
		Buckets: buckets}, []string{"mode"})
}

// Registry returns the registry the metrics are in, to add others to it.
func (m *Metrics) Registry() *prometheus.Registry {
	return m.reg
}

// handler serves the metrics in Prometheus's text format.
func (m *Metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// answered records a finished answer.
func (m *Metrics) answered(res assistant.Result, status string, took time.Duration) {
	mode := string(res.Mode)
	if mode == "" {
		mode = "none"
	}

	m.answers.WithLabelValues(mode, status).Inc()
	if status != statusDone {
		return
	}

	m.done.WithLabelValues(mode).Observe(took.Seconds())
	if res.Mode == assistant.ModeOffline && res.Notice != "" {
		m.LLMFallbacks.Inc()
	}
}
