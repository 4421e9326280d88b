// Package sandbox is an embedded copy of the COC-VM OpenAPI: an http.Handler
// that verifies JDCLOUD2 signatures, serves a deterministic catalogue,
// validates createInstances with the wizard's rules, answers with the seed's
// error table, runs the documented instance lifecycle and can inject faults.
// It is what `cocvm --sandbox` and `cocvm sandbox serve` talk to, and what the
// project's own tests drive the real client against.
package sandbox

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cocvm/cocvm/apiclient"
)

// Documented defaults.
const (
	// DefaultBootMin and DefaultBootMax bound the random boot time of a new
	// instance when Options leaves both BootMin and BootMax at zero.
	DefaultBootMin = 3 * time.Second
	DefaultBootMax = 8 * time.Second
	// DefaultBootFailRate is the fraction of instances of a batch of more
	// than one that fail to boot when Options.BootFailRate is negative.
	// Single instances never fail by default.
	DefaultBootFailRate = 0.05
	// DefaultQuota is the per-region instance quota.
	DefaultQuota = 50
	// ErrorLinger is how long a failed instance stays in `error` before the
	// sandbox deletes it and releases its quota, IP and capacity.
	ErrorLinger = 5 * time.Second
	// SignatureWindow is how far x-jdcloud-date may be from the server clock,
	// and how long a nonce is remembered against replay.
	SignatureWindow = 15 * time.Minute
	// TokenRetention is how long a clientToken is remembered.
	TokenRetention = 24 * time.Hour
)

// InstantBoot as Options.BootMax makes instances `running` (or `error`) as
// soon as they are created. A zero BootMin and BootMax mean the default 3-8 s,
// so "no boot time at all" needs its own value; ParseBootTime returns it for
// "0" so flag wiring needs no special case.
const InstantBoot time.Duration = -1

// Options configures a sandbox. The zero value gives generated keys, boot
// in 3-8 s, quota 50 per region, no faults, state in memory only and the
// wall clock, but no boot failures: BootFailRate -1 asks for the documented
// default (5% of instances in batches).
type Options struct {
	// AccessKey and SecretKey are the one credential the sandbox accepts.
	// Either empty: a fresh pair is generated (see Server.Credentials).
	AccessKey, SecretKey string

	// BootMin and BootMax bound the uniformly random boot time of each new
	// instance. Both zero: DefaultBootMin..DefaultBootMax. BootMax equal to
	// InstantBoot (any negative value): no boot time.
	BootMin, BootMax time.Duration

	// BootFailRate is the fraction of new instances that go `error` instead
	// of `running`. Negative: DefaultBootFailRate for batches of more than
	// one instance and 0 for single instances. 0..1: that fraction for every
	// batch.
	BootFailRate float64

	// ErrorRate is the fraction of requests answered 500 INTERNAL or UNKNOWN
	// before anything happens.
	ErrorRate float64
	// DropRate is the fraction of requests (of every call, creates
	// included) that are carried out and then answered by closing the
	// connection, as a lost response looks to a client.
	DropRate float64
	// Latency delays every response.
	Latency time.Duration
	// RateLimit is the number of requests per second allowed (a token bucket
	// with a one-second burst); above it requests get 429. 0: unlimited.
	RateLimit float64

	// StateFile, when set, keeps instances and client tokens across restarts
	// (atomic writes after every create and on Close).
	StateFile string
	// Quota is the instance quota (cocvm/vm) of every region; <= 0:
	// DefaultQuota.
	Quota int
	// VolumeQuota, VolumeSizeQuota and ElasticIPQuota are the disk
	// (cocdisk/volume, system disks included), disk size in GiB
	// (cocdisk/volume_size) and elastic IP (cocip/elasticIp) quotas of every
	// region; <= 0: 8 disks, 32000 GiB and one elastic IP per instance of
	// the instance quota, so that by default only that one binds. ParseQuota
	// reads all four from one flag.
	VolumeQuota, VolumeSizeQuota, ElasticIPQuota int
	// Seed makes ids, boot times and failures reproducible; 0: random.
	Seed int64
	// Now is the clock; nil: time.Now. Tests move it by hand, since the
	// sandbox advances instance states lazily from the clock on each request.
	Now func() time.Time

	// Services are the service names a signature's credential scope must
	// name for the COC-VM calls, the quota call and the VPC calls, as the
	// client's Config.Services does; an empty name means the client's
	// default (apiclient.DefaultVMService, DefaultQuotaService,
	// DefaultVPCService).
	Services apiclient.ServiceNames
}

// serviceNames fills in the default service names.
func (o Options) serviceNames() apiclient.ServiceNames {
	n := o.Services
	if n.VM == "" {
		n.VM = apiclient.DefaultVMService
	}
	if n.Quota == "" {
		n.Quota = apiclient.DefaultQuotaService
	}
	if n.VPC == "" {
		n.VPC = apiclient.DefaultVPCService
	}
	return n
}

func (o Options) bootRange() (time.Duration, time.Duration) {
	switch {
	case o.BootMax < 0:
		return 0, 0
	case o.BootMin == 0 && o.BootMax == 0:
		return DefaultBootMin, DefaultBootMax
	case o.BootMax < o.BootMin:
		return o.BootMin, o.BootMin
	}
	return o.BootMin, o.BootMax
}

func (o Options) validate() error {
	for _, r := range []struct {
		name string
		v    float64
	}{{"error rate", o.ErrorRate}, {"drop rate", o.DropRate}} {
		if r.v < 0 || r.v > 1 {
			return fmt.Errorf("sandbox: %s %v is outside 0..1", r.name, r.v)
		}
	}
	if o.BootFailRate > 1 {
		return fmt.Errorf("sandbox: boot fail rate %v is above 1", o.BootFailRate)
	}
	if o.RateLimit < 0 {
		return fmt.Errorf("sandbox: rate limit %v is negative", o.RateLimit)
	}
	if o.Latency < 0 {
		return fmt.Errorf("sandbox: latency %v is negative", o.Latency)
	}
	if o.BootMin < 0 {
		return fmt.Errorf("sandbox: boot time %v is negative", o.BootMin)
	}
	if o.BootMax > 0 && o.BootMax < o.BootMin {
		return fmt.Errorf("sandbox: boot time range %v-%v is reversed", o.BootMin, o.BootMax)
	}
	for _, name := range []string{o.Services.VM, o.Services.Quota, o.Services.VPC} {
		if strings.ContainsAny(name, "/ \t") {
			return fmt.Errorf("sandbox: service name %q cannot appear in a credential scope", name)
		}
	}
	return nil
}

// ParseBootTime reads a boot time flag: a Go duration ("1s", "500ms") or a
// range of two ("3s-8s"). "0" (or any zero duration or "0s-0s") returns
// (0, InstantBoot) so the result can go straight into Options.
func ParseBootTime(s string) (min, max time.Duration, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, 0, errors.New("boot time is empty; give a duration such as 1s or a range such as 3s-8s")
	}
	lo, hi, isRange := strings.Cut(s, "-")
	min, err = parseNonNegDuration(lo)
	if err != nil {
		return 0, 0, err
	}
	max = min
	if isRange {
		if max, err = parseNonNegDuration(hi); err != nil {
			return 0, 0, err
		}
		if max < min {
			return 0, 0, fmt.Errorf("boot time range %q is reversed; write the shorter time first, such as 3s-8s", s)
		}
	}
	if min == 0 && max == 0 {
		return 0, InstantBoot, nil
	}
	return min, max, nil
}

func parseNonNegDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "0" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("boot time %q is not a duration; use forms such as 500ms, 1s or 3s-8s", s)
	}
	if d < 0 {
		return 0, fmt.Errorf("boot time %q is negative", s)
	}
	return d, nil
}

// ParseRate reads a rate limit flag: "20/s", "20", "600/m" or "0" (no limit).
// It returns requests per second.
func ParseRate(s string) (float64, error) {
	s = strings.TrimSpace(s)
	num, unit, hasUnit := strings.Cut(s, "/")
	n, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || n < 0 || n != n || n > 1e9 {
		return 0, fmt.Errorf("rate %q is not a number of requests such as 20/s", s)
	}
	if !hasUnit {
		return n, nil
	}
	switch strings.TrimSpace(unit) {
	case "s", "sec", "second":
		return n, nil
	case "m", "min", "minute":
		return n / 60, nil
	case "h", "hour":
		return n / 3600, nil
	}
	return 0, fmt.Errorf("rate %q has an unknown unit; use /s, /m or /h", s)
}
