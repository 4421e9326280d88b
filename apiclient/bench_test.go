package apiclient

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

func BenchmarkSign(b *testing.B) {
	body := []byte(`{"instanceSpec":{"az":"cn-hongkong-11a","instanceType":"g.n2.large","imageId":"img-1","name":"web"},"maxCount":10,"clientToken":"cocvm-0"}`)
	cred := Credentials{"AKTEST", "SKTEST"}
	now := time.Now()
	req, _ := http.NewRequest(http.MethodPost, "https://coc-vm.jdcloud-api.com/v1/regions/cn-hongkong-11/instances", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Host", req.URL.Host)
	b.ReportAllocs()
	for b.Loop() {
		if err := Sign(req, body, cred, "cn-hongkong-11", "cocvm", now, "6f1a8b52-9c1e-4c59-9a64-0d1f3e2b7c11"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStatusPoll250 is one poll of 250 instances: three signed
// describeInstanceStatus calls (100 + 100 + 50 ids) against a local server.
func BenchmarkStatusPoll250(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs, err := ParseFilters(r.URL.Query())
		if err != nil || len(fs) != 1 {
			http.Error(w, "bad filters", http.StatusBadRequest)
			return
		}
		ids := fs[0].Values
		statuses := make([]byte, 0, 8<<10)
		statuses = append(statuses, `{"requestId":"r","result":{"instanceStatuses":[`...)
		for i, id := range ids {
			if i > 0 {
				statuses = append(statuses, ',')
			}
			statuses = append(statuses, `{"instanceId":"`+id+`","status":"running"}`...)
		}
		statuses = append(statuses, `],"totalCount":`...)
		statuses = strconv.AppendInt(statuses, int64(len(ids)), 10)
		statuses = append(statuses, "}}"...)
		w.Write(statuses)
	}))
	defer srv.Close()
	c, err := New(Config{AccessKey: "AKTEST", SecretKey: "SKTEST", Endpoint: srv.URL, HTTPClient: srv.Client()})
	if err != nil {
		b.Fatal(err)
	}
	ids := instanceIDs(250)
	b.ReportAllocs()
	for b.Loop() {
		got, err := c.DescribeInstanceStatus(context.Background(), region, ids)
		if err != nil || len(got) != 250 {
			b.Fatalf("%d %v", len(got), err)
		}
	}
}
