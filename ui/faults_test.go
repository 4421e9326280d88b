package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/apiclient/sandbox"
)

// Many waiting creates against a sandbox that drops answers after carrying
// out the request, and fails others with 5xx: whatever each run reports,
// no instance is created twice and none is lost. A run that ends with an
// unknown outcome must have printed its clientToken, and resuming it must
// account for its instances.
func TestFaultInjectedCreatesLoseAndDuplicateNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("fault injection runs many creates")
	}
	for _, tc := range []struct {
		name            string
		drop, errorRate float64
		runs            int
	}{
		{"drop 0.3", 0.3, 0, 40},
		{"drop 0.3, errors 0.2", 0.3, 0.2, 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			isolateDirs(t)
			sb, err := sandbox.New(sandbox.Options{BootMax: sandbox.InstantBoot, BootFailRate: 0, Quota: 10000,
				DropRate: tc.drop, ErrorRate: tc.errorRate})
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(sb)
			t.Cleanup(func() { srv.Close(); sb.Close() })
			ak, sk := sb.Credentials()
			env := map[string]string{"JDCLOUD_ACCESS_KEY": ak, "JDCLOUD_SECRET_KEY": sk}

			type result struct {
				code int
				ids  []string
				tok  string
				out  string
			}
			results := make([]result, tc.runs)
			var wg sync.WaitGroup
			sem := make(chan struct{}, 8)
			for i := range results {
				wg.Add(1)
				go func() {
					defer wg.Done()
					sem <- struct{}{}
					defer func() { <-sem }()
					args := append([]string{"--endpoint", srv.URL, "create", "--yes", "-o", "json", "--password-stdin", "--count", "2"}, validFlags...)
					r := execCocvm(t, cliOpts{stdin: testPassword + "\n", env: env}, args...)
					res := result{code: r.code, out: r.err}
					var obj struct {
						ClientToken string   `json:"clientToken"`
						InstanceIDs []string `json:"instanceIds"`
					}
					if err := json.Unmarshal([]byte(r.out), &obj); err != nil {
						res.out = fmt.Sprintf("stdout is not one JSON object (%v): %s\n%s", err, r.out, r.err)
					}
					res.ids, res.tok = obj.InstanceIDs, obj.ClientToken
					results[i] = res
				}()
			}
			wg.Wait()

			reported := map[string]int{}
			exits := map[int]int{}
			var unknown []string
			for _, r := range results {
				exits[r.code]++
				for _, id := range r.ids {
					reported[id]++
				}
				if r.code != ExitOK {
					if r.tok == "" {
						t.Errorf("a failed run printed no clientToken:\n%s", r.out)
						continue
					}
					if len(r.ids) == 0 {
						unknown = append(unknown, r.tok)
					}
				}
			}
			// Every open create is resumed: its instances are then reported.
			for range unknown {
				r := execCocvm(t, cliOpts{stdin: testPassword + "\n", env: env},
					"--endpoint", srv.URL, "create", "--resume", "--yes", "--password-stdin", "--no-wait", "-o", "json")
				var obj struct {
					InstanceIDs []string `json:"instanceIds"`
				}
				_ = json.Unmarshal([]byte(r.out), &obj)
				for _, id := range obj.InstanceIDs {
					reported[id]++
				}
			}

			all := sandboxInstances(t, srv.URL, ak, sk)
			dups, lost := 0, 0
			for id, n := range reported {
				if n > 1 {
					dups++
					t.Errorf("%s was reported by %d runs", id, n)
				}
			}
			for _, id := range all {
				if reported[id] == 0 {
					lost++
				}
			}
			if len(all) != 2*tc.runs {
				t.Errorf("the sandbox holds %d instances, want %d (2 per run, once each run and resume is done)", len(all), 2*tc.runs)
			}
			t.Logf("%d runs: exits %v, %d open creates resumed, %d instances, %d duplicates, %d lost", tc.runs, exits, len(unknown), len(all), dups, lost)
			if lost > 0 {
				t.Errorf("%d instances exist that no run reported", lost)
			}
			for _, r := range results {
				if strings.Contains(r.out, "nonce") {
					t.Errorf("a nonce refusal reached the person:\n%s", r.out)
				}
			}
		})
	}
}

// sandboxInstances lists every instance of the test region, with retries
// enough for a faulty sandbox.
func sandboxInstances(t *testing.T, url, ak, sk string) []string {
	t.Helper()
	c, err := apiclient.New(apiclient.Config{AccessKey: ak, SecretKey: sk, Endpoint: url,
		Retry: apiclient.RetryPolicy{MaxAttempts: 30}})
	if err != nil {
		t.Fatal(err)
	}
	all, err := c.DescribeInstances(context.Background(), "cn-hongkong-11", nil)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, in := range all {
		ids = append(ids, in.InstanceID)
	}
	return ids
}
