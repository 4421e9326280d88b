package sandbox

import (
	"container/heap"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	mrand "math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/cocvm/cocvm/apiclient"
)

// maxBody bounds a request body; a createInstances body is a few KiB.
const maxBody = 1 << 20

// Server is the sandbox: an http.Handler serving the COC-VM, quota and VPC
// calls the client makes, all on one endpoint. It is safe for concurrent use.
type Server struct {
	opts   Options
	now    func() time.Time
	ak, sk string
	cat    *catalogue

	nonces  *apiclient.NonceCache
	limiter *rate.Limiter // --rate-limit; nil means unlimited

	faultMu  sync.Mutex
	faultRng *mrand.Rand

	// mu guards everything below: one lock keeps the quota, capacity and
	// address checks of a create atomic with the creation itself.
	mu      sync.Mutex
	rng     *mrand.Rand
	regions map[string]*regionState
	public  publicPool
	doomed  deletionQueue
	tokens  map[string]*tokenRecord
	seq     uint64
	salt    []byte
	lastGC  time.Time
	gen     uint64 // state generation, bumped by every mutation worth saving

	writeMu    sync.Mutex // serialises state file writes, outside mu
	writtenGen uint64
}

// New builds a sandbox from opts, loading opts.StateFile when it exists.
func New(opts Options) (*Server, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	s := &Server{
		opts:    opts,
		now:     opts.Now,
		ak:      opts.AccessKey,
		sk:      opts.SecretKey,
		cat:     buildCatalogue(),
		regions: map[string]*regionState{},
		public:  publicPool{used: map[uint32]struct{}{}},
		tokens:  map[string]*tokenRecord{},
		nonces:  apiclient.NewNonceCache(SignatureWindow),
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.ak == "" || s.sk == "" {
		// JD Cloud keys are 32 upper-case hex characters.
		s.ak = randomKey(32, "0123456789ABCDEF")
		s.sk = randomKey(32, "0123456789ABCDEF")
	}
	seed1, seed2 := uint64(opts.Seed), uint64(opts.Seed)^0x9e3779b97f4a7c15
	if opts.Seed == 0 {
		seed1, seed2 = mrand.Uint64(), mrand.Uint64()
	}
	s.rng = mrand.New(mrand.NewPCG(seed1, seed2))
	s.faultRng = mrand.New(mrand.NewPCG(seed2, seed1))
	s.salt = []byte(randomID(s.rng, "", 16))
	if opts.RateLimit > 0 {
		// A burst of one second's worth, at least one request.
		burst := int(min(max(opts.RateLimit, 1), math.MaxInt32))
		s.limiter = rate.NewLimiter(rate.Limit(opts.RateLimit), burst)
	}
	if opts.StateFile != "" {
		if err := s.load(opts.StateFile); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Credentials returns the access key and secret key the sandbox accepts.
func (s *Server) Credentials() (accessKey, secretKey string) { return s.ak, s.sk }

// Close writes the state file (when there is one). The handler keeps
// working afterwards; Close only makes sure nothing is lost.
func (s *Server) Close() error {
	if s.opts.StateFile == "" {
		return nil
	}
	s.mu.Lock()
	s.gen++
	s.mu.Unlock()
	return s.persist()
}

func (s *Server) region(id string) *regionState {
	rs := s.regions[id]
	if rs == nil {
		rs = newRegionState()
		s.regions[id] = rs
	}
	return rs
}

// failure is an error answer: HTTP status, the status string and the
// message, as in the seed's error table.
type failure struct {
	code    int
	status  string
	message string
}

func (f *failure) Error() string { return fmt.Sprintf("%d %s: %s", f.code, f.status, f.message) }

func fail(code int, status, format string, args ...any) *failure {
	return &failure{code: code, status: status, message: fmt.Sprintf(format, args...)}
}

type envelope struct {
	RequestID string     `json:"requestId"`
	Result    any        `json:"result,omitempty"`
	Error     *errorBody `json:"error,omitempty"`
}

type errorBody struct {
	Code    int    `json:"code"`
	Status  string `json:"status"`
	Message string `json:"message"`
}

// ServeHTTP answers one call: the body, latency, signature, rate limit,
// injected errors, the call itself, then (maybe) a dropped connection.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	reqID := newRequestID()
	w.Header().Set("x-jdcloud-request-id", reqID)

	// The body is read before the injected latency: the latency delays the
	// answer, and must not eat into the server's read timeout.
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		s.write(w, reqID, nil, fail(http.StatusBadRequest, "INVALID_ARGUMENT", "Request body could not be read"))
		return
	}
	if len(body) > maxBody {
		s.write(w, reqID, nil, fail(http.StatusRequestEntityTooLarge, "INVALID_ARGUMENT", "Request body larger than %d bytes", maxBody))
		return
	}

	if s.opts.Latency > 0 {
		t := time.NewTimer(s.opts.Latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}

	c := s.route(r)
	if f := s.authenticate(r, body, c.region, c.service); f != nil {
		s.write(w, reqID, nil, f)
		return
	}
	if s.limiter != nil && !s.limiter.AllowN(s.now(), 1) {
		w.Header().Set("Retry-After", "1")
		s.write(w, reqID, nil, fail(http.StatusTooManyRequests, "HTTP_RATE_LIMIT_EXCEEDED", "Requests exceed the rate limit of %g per second, retry later", s.opts.RateLimit))
		return
	}
	errorNow, dropNow := s.rollFaults()
	if errorNow {
		if s.coin() {
			s.write(w, reqID, nil, fail(http.StatusInternalServerError, "INTERNAL", "Internal server error"))
		} else {
			s.write(w, reqID, nil, fail(http.StatusInternalServerError, "UNKNOWN", "Unknown server error"))
		}
		return
	}

	result, f := c.serve(r, body)

	if dropNow {
		// The call has had its effect; the client just never hears of it.
		dropConnection(w)
		return
	}
	s.write(w, reqID, result, f)
}

func (s *Server) write(w http.ResponseWriter, reqID string, result any, f *failure) {
	env := envelope{RequestID: reqID, Result: result}
	code := http.StatusOK
	if f != nil {
		env.Result = nil
		env.Error = &errorBody{Code: f.code, Status: f.status, Message: f.message}
		code = f.code
	}
	data, err := json.Marshal(env)
	if err != nil {
		code = http.StatusInternalServerError
		data, _ = json.Marshal(envelope{RequestID: reqID, Error: &errorBody{Code: code, Status: "INTERNAL", Message: "Internal server error"}})
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	w.Write(append(data, '\n'))
}

// dropConnection closes the connection without a response. Hijacking is the
// plain way; http.ErrAbortHandler makes net/http do the same where the
// ResponseWriter cannot be hijacked (HTTP/2, wrappers), without a log line.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// handler answers one call in one region, given its query (parsed once, by
// serve) and body.
type handler func(*regionCatalogue, url.Values, []byte) (any, *failure)

// call is a request matched to the API it calls.
type call struct {
	// region is the region in the path, "" when the path names none;
	// service is the service that serves the call, "" for an unknown API.
	// A signature's credential scope must name both.
	region, service string

	h        handler
	rc       *regionCatalogue // nil: the region is unknown
	notFound *failure         // set for an unknown API
}

// route matches method and path to a call. Every path is
// /v1/regions/{regionId}/{resource}; the VPC paths also come with a
// trailing slash. The path also says which service the call belongs to,
// as JD Cloud's hosts do (coc-vm, cocquota, cocvpc): this one endpoint
// serves all three, so the service signed into the scope must be the
// path's.
func (s *Server) route(r *http.Request) call {
	rest, ok := strings.CutPrefix(r.URL.Path, "/v1/regions/")
	if !ok {
		return call{notFound: notFoundAPI(r)}
	}
	regionID, resource, _ := strings.Cut(rest, "/")
	resource = strings.TrimSuffix(resource, "/")
	c := call{region: regionID, rc: s.cat.regions[regionID]}

	names := s.opts.serviceNames()
	c.service = names.VM
	switch r.Method + " " + resource {
	case "POST instances":
		c.h = s.createInstances
	case "GET instances":
		c.h = s.describeInstances
	case "GET instanceStatus":
		c.h = s.describeInstanceStatus
	case "GET instanceTypes":
		c.h = s.describeInstanceTypes
	case "GET images":
		c.h = s.describeImages
	case "GET imageConstraints":
		c.h = s.describeImageConstraints
	case "GET keypairs":
		c.h = s.describeKeypairs
	case "GET diskTypes":
		c.h = s.describeDiskTypes
	case "GET quota:describeUsage":
		c.h, c.service = s.describeQuota, names.Quota
	case "GET vpcs":
		c.h, c.service = s.describeVpcs, names.VPC
	case "GET subnets":
		c.h, c.service = s.describeSubnets, names.VPC
	case "GET networkSecurityGroups":
		c.h, c.service = s.describeSecurityGroups, names.VPC
	default:
		// One resource by id: describeInstance and describeImage.
		if id, ok := strings.CutPrefix(resource, "instances/"); ok && r.Method == http.MethodGet && id != "" && !strings.Contains(id, "/") {
			c.h = func(rc *regionCatalogue, _ url.Values, _ []byte) (any, *failure) {
				return s.describeInstance(rc, id)
			}
			break
		}
		if id, ok := strings.CutPrefix(resource, "images/"); ok && r.Method == http.MethodGet && id != "" && !strings.Contains(id, "/") {
			c.h = func(rc *regionCatalogue, _ url.Values, _ []byte) (any, *failure) {
				return s.describeImage(rc, id)
			}
			break
		}
		return call{region: regionID, notFound: notFoundAPI(r)}
	}
	return c
}

// serve answers the call. The query is parsed here, once, for the handler:
// one that does not parse is refused whatever the call, rather than read as
// no query at all.
func (c call) serve(r *http.Request, body []byte) (any, *failure) {
	if c.notFound != nil {
		return nil, c.notFound
	}
	if c.rc == nil {
		return nil, fail(http.StatusBadRequest, "INVALID_ARGUMENT", "Invalid regionId '%s'", c.region)
	}
	v, err := apiclient.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, fail(http.StatusBadRequest, "INVALID_ARGUMENT", "%s", err.Error())
	}
	return c.h(c.rc, v, body)
}

func notFoundAPI(r *http.Request) *failure {
	return fail(http.StatusNotFound, "NOT_FOUND", "API %s %s not found", r.Method, r.URL.Path)
}

// rollFaults decides, once per request, whether to fail it up front and
// whether to drop its answer.
func (s *Server) rollFaults() (errorNow, dropNow bool) {
	if s.opts.ErrorRate == 0 && s.opts.DropRate == 0 {
		return false, false
	}
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	errorNow = s.opts.ErrorRate > 0 && s.faultRng.Float64() < s.opts.ErrorRate
	dropNow = !errorNow && s.opts.DropRate > 0 && s.faultRng.Float64() < s.opts.DropRate
	return errorNow, dropNow
}

func (s *Server) coin() bool {
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	return s.faultRng.IntN(2) == 0
}

// addDoomed queues a failing instance for deletion. Callers hold s.mu.
func (s *Server) addDoomed(in *instance) { heap.Push(&s.doomed, in) }

var errStateVersion = errors.New("sandbox: state file has an unknown version")
