package retrieval

import (
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
)

// CacheOptions configure a Cached embedder.
type CacheOptions struct {
	// Path is the cache file; its directory is created when missing.
	Path string

	// Model names the embedding model; vectors cached for another model are
	// never used.
	Model string

	// Logger receives warnings about an unusable cache; nil discards them.
	Logger *slog.Logger
}

// cacheVersion is the version of the cache file's layout.
const cacheVersion = 1

// cacheFile is the cache as stored: one vector per key.
type cacheFile struct {
	Version int
	Model   string
	Dim     int
	Keys    []string
	Vectors [][]float32
}

// Cached keeps the document vectors of another Embedder in a file,
// keyed by the model and each text's content, so that a restart embeds only
// the chunks it has not seen. A damaged or mismatched file is rebuilt, never
// an error. Queries are passed through. It is safe for concurrent use.
type Cached struct {
	inner Embedder
	opts  CacheOptions
	log   *slog.Logger

	mu      sync.Mutex
	loaded  bool
	dim     int
	vectors map[string][]float32
}

// NewCached returns inner with a disk cache of its document vectors.
func NewCached(inner Embedder, opts CacheOptions) *Cached {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}

	return &Cached{inner: inner, opts: opts, log: log, vectors: map[string][]float32{}}
}

// EmbedQuery implements Embedder.
func (c *Cached) EmbedQuery(ctx context.Context, text string) ([]float32, error) {
	return c.inner.EmbedQuery(ctx, text)
}

// EmbedDocuments implements Embedder: cached vectors are reused, the others
// embedded in one call and saved.
func (c *Cached) EmbedDocuments(ctx context.Context, texts []string) ([][]float32, error) {
	c.mu.Lock()
	defer c.mu.Unlock()

	c.load()

	// A second round is needed only when the first found the model's vectors
	// changed length, which drops the cached ones.
	for round := 0; round < 2; round++ {
		missing := c.missing(texts)
		if len(missing) == 0 {
			break
		}

		if err := c.embed(ctx, missing); err != nil {
			return nil, err
		}

		c.save()
	}

	out := make([][]float32, len(texts))
	for i, t := range texts {
		v, ok := c.vectors[c.key(t)]
		if !ok {
			return nil, fmt.Errorf("embed text %d: the model's vectors keep changing length", i)
		}

		out[i] = append([]float32(nil), v...)
	}

	return out, nil
}

// missing returns the texts without a cached vector.
func (c *Cached) missing(texts []string) []string {
	var out []string
	for _, t := range texts {
		if _, ok := c.vectors[c.key(t)]; !ok {
			out = append(out, t)
		}
	}

	return out
}

// key is a text's cache key: a hash of the model and the content.
func (c *Cached) key(text string) string {
	sum := sha256.Sum256([]byte(c.opts.Model + "\x00" + text))
	return hex.EncodeToString(sum[:])
}

// embed embeds texts and caches their vectors. Vectors of a new length mean
// the model changed behind its name: the old ones are dropped.
func (c *Cached) embed(ctx context.Context, texts []string) error {
	vecs, err := c.inner.EmbedDocuments(ctx, append([]string(nil), texts...))
	if err != nil {
		return err
	}

	if len(vecs) != len(texts) {
		return fmt.Errorf("embedder returned %d vectors for %d texts", len(vecs), len(texts))
	}

	for i, v := range vecs {
		if len(v) == 0 {
			return fmt.Errorf("embedder returned an empty vector for text %d", i)
		}

		if c.dim != 0 && len(v) != c.dim && len(c.vectors) > 0 {
			c.log.Warn("embedding length changed, dropping cached vectors", "was", c.dim,
				"now", len(v))
			c.vectors = map[string][]float32{}
		}

		c.dim = len(v)
		c.vectors[c.key(texts[i])] = v
	}

	return nil
}

// load reads the cache file once; a missing file is an empty cache, and an
// unusable one is logged and replaced at the next save.
func (c *Cached) load() {
	if c.loaded {
		return
	}

	c.loaded = true
	f, err := c.read()
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return
	case err != nil:
		c.log.Warn("embedding cache unusable, rebuilding it", "path", c.opts.Path, "err", err)
		return
	}

	c.dim = f.Dim
	for i, k := range f.Keys {
		c.vectors[k] = f.Vectors[i]
	}
}

// errCacheMismatch marks a cache file written for another model or layout.
var errCacheMismatch = errors.New("cache file does not match")

// read decodes and checks the cache file.
func (c *Cached) read() (*cacheFile, error) {
	r, err := os.Open(c.opts.Path)
	if err != nil {
		return nil, err
	}
	defer r.Close()

	var f cacheFile
	if err := gob.NewDecoder(r).Decode(&f); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}

	if f.Version != cacheVersion || f.Model != c.opts.Model || f.Dim <= 0 ||
		len(f.Keys) != len(f.Vectors) {
		return nil, fmt.Errorf("%w: version %d, model %q", errCacheMismatch, f.Version, f.Model)
	}

	for _, v := range f.Vectors {
		if len(v) != f.Dim {
			return nil, fmt.Errorf("%w: a vector of %d values, want %d", errCacheMismatch,
				len(v), f.Dim)
		}
	}

	return &f, nil
}

// save writes the cache to a temporary file and renames it over the old one,
// so that a crash leaves the old file or the new one, never half of one. A
// failure is logged: the cache only saves time.
func (c *Cached) save() {
	if err := c.write(); err != nil {
		c.log.Warn("embedding cache not saved", "path", c.opts.Path, "err", err)
	}
}

func (c *Cached) write() error {
	f := cacheFile{Version: cacheVersion, Model: c.opts.Model, Dim: c.dim}
	for k, v := range c.vectors {
		f.Keys = append(f.Keys, k)
		f.Vectors = append(f.Vectors, v)
	}

	dir := filepath.Dir(c.opts.Path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}

	tmp, err := os.CreateTemp(dir, ".embeddings-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove

	if err := gob.NewEncoder(tmp).Encode(&f); err != nil {
		tmp.Close()
		return err
	}

	if err := tmp.Close(); err != nil {
		return err
	}

	return os.Rename(tmp.Name(), c.opts.Path)
}
