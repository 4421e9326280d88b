package sandbox

import (
	"net/http"
	"strings"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
)

// TestErrorTable drives one realistic request per row of the seed's error
// table through the real client and checks HTTP status, status string and
// message exactly as the table writes them.
func TestErrorTable(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot})
	windows2019 := e.image("Windows Server 2019 数据中心版 64位中文版")
	windows2022 := e.image("Windows Server 2022 数据中心版 64位中文版")
	notReady := e.image("Ubuntu 24.04 64位")

	tests := []struct {
		name    string
		edit    func(*apiclient.CreateInstancesRequest)
		code    int
		status  string
		message string
	}{
		{"image id missing", func(r *apiclient.CreateInstancesRequest) { r.InstanceSpec.ImageID = "" },
			400, "INVALID_ARGUMENT", "Parameter InstanceSpec.ImageId missing"},
		{"invalid password", func(r *apiclient.CreateInstancesRequest) { r.InstanceSpec.Password = "abc12345Q" },
			400, "INVALID_ARGUMENT", "Invalid password"},
		{"disk type out of stock", func(r *apiclient.CreateInstancesRequest) {
			az := testRegion + "b"
			r.InstanceSpec.Az = az
			r.InstanceSpec.PrimaryNetworkInterface.SubnetID = e.subnet("default-vpc", az).info.SubnetID
			r.InstanceSpec.SystemDisk.DiskType = "ssd.io1"
		}, 400, "FAILED_PRECONDITION", "Disk type 'ssd.io1' is out of stock"},
		{"data disk type out of stock", func(r *apiclient.CreateInstancesRequest) {
			az := testRegion + "b"
			r.InstanceSpec.Az = az
			r.InstanceSpec.PrimaryNetworkInterface.SubnetID = e.subnet("default-vpc", az).info.SubnetID
			r.InstanceSpec.DataDisks = []apiclient.InstanceDiskAttachmentSpec{{DiskType: "ssd.io1", DiskSizeGB: 100}}
		}, 400, "FAILED_PRECONDITION", "Disk type 'ssd.io1' is out of stock"},
		{"image not ready", func(r *apiclient.CreateInstancesRequest) { r.InstanceSpec.ImageID = notReady },
			400, "FAILED_PRECONDITION", "Image '" + notReady + "' not ready"},
		{"windows on one vCPU", func(r *apiclient.CreateInstancesRequest) {
			r.InstanceSpec.ImageID = windows2019
			r.InstanceSpec.InstanceType = "g.n2.medium"
			r.InstanceSpec.SystemDisk.DiskSizeGB = 50
		}, 400, "FAILED_PRECONDITION", "Image constraints. Doesn't support instanceType 'g.n2.medium'"},
		{"GPU type on a plain image", func(r *apiclient.CreateInstancesRequest) { r.InstanceSpec.InstanceType = "p.n1p4c.2xlarge" },
			400, "FAILED_PRECONDITION", "Image constraints. Doesn't support instanceType 'p.n1p4c.2xlarge'"},
		{"max count above 100", func(r *apiclient.CreateInstancesRequest) { r.MaxCount = 101 },
			400, "OUT_OF_RANGE", "Maxcount out of range"},
		{"max count negative", func(r *apiclient.CreateInstancesRequest) { r.MaxCount = -1 },
			400, "OUT_OF_RANGE", "Maxcount out of range"},
		{"system disk above 500", func(r *apiclient.CreateInstancesRequest) { r.InstanceSpec.SystemDisk.DiskSizeGB = 600 },
			400, "OUT_OF_RANGE", "InstanceSpec.SystemDisk.CloudDiskSpec.DiskSizeGB out of range"},
		{"system disk below the image's size", func(r *apiclient.CreateInstancesRequest) {
			r.InstanceSpec.ImageID = windows2022
			r.InstanceSpec.SystemDisk.DiskSizeGB = 50
		}, 400, "OUT_OF_RANGE", "InstanceSpec.SystemDisk.CloudDiskSpec.DiskSizeGB out of range"},
		{"IPv6 address", func(r *apiclient.CreateInstancesRequest) { r.InstanceSpec.PrimaryNetworkInterface.IP = "2001:db8::10" },
			400, "CONFLICT", "Subnet '" + e.subnet("default-vpc", testRegion+"a").info.SubnetID + "' not support ipv6"},
		{"instance type not found", func(r *apiclient.CreateInstancesRequest) { r.InstanceSpec.InstanceType = "g.n9.large" },
			404, "NOT_FOUND", "InstanceType 'g.n9.large' not found"},
		{"subnet not found", func(r *apiclient.CreateInstancesRequest) {
			r.InstanceSpec.PrimaryNetworkInterface.SubnetID = "subnet-0000000000"
		}, 404, "NOT_FOUND", "Subnet 'subnet-0000000000' not found"},
		{"security group not found", func(r *apiclient.CreateInstancesRequest) {
			r.InstanceSpec.PrimaryNetworkInterface.SecurityGroups = append(r.InstanceSpec.PrimaryNetworkInterface.SecurityGroups,
				apiclient.SecurityGroupCreate{GroupID: "sg-0000000000"})
		}, 404, "NOT_FOUND", "SecurityGroups 'sg-0000000000' not found"},
		{"key pair not found", func(r *apiclient.CreateInstancesRequest) {
			r.InstanceSpec.Password = ""
			r.InstanceSpec.KeyName = "laptop-2019"
		}, 404, "NOT_FOUND", "KeyPair 'laptop-2019' not found"},
		{"image not found", func(r *apiclient.CreateInstancesRequest) { r.InstanceSpec.ImageID = "img-0000000000" },
			404, "NOT_FOUND", "Image 'img-0000000000' not found"},
		{"quota exceeded", func(r *apiclient.CreateInstancesRequest) { r.MaxCount = 51 },
			429, "QUOTA_EXCEEDED", "Instance quota limit exceeded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := e.validRequest()
			tt.edit(&req)
			_, err := e.create(req)
			wantAPIError(t, err, tt.code, tt.status, tt.message)
		})
	}
	if q := e.quota(); q.Used != 0 {
		t.Fatalf("failed creates used quota: %+v", q)
	}
	// The same request unedited is accepted: every failure above came
	// from its one edit.
	if ids := e.mustCreate(e.validRequest()); len(ids) != 1 {
		t.Fatalf("valid request created %v", ids)
	}
}

// TestServerErrorRows: the two 500 rows, produced by ErrorRate before
// anything is created.
func TestServerErrorRows(t *testing.T) {
	e := newEnv(t, Options{ErrorRate: 1, BootMax: InstantBoot})
	seen := map[string]bool{}
	for i := 0; i < 40 && len(seen) < 2; i++ {
		_, err := e.create(e.validRequest())
		var ae *apiclient.APIError
		if !asAPIError(err, &ae) {
			t.Fatalf("got %v", err)
		}
		switch ae.Status {
		case "INTERNAL":
			wantAPIError(t, err, 500, "INTERNAL", "Internal server error")
		case "UNKNOWN":
			wantAPIError(t, err, 500, "UNKNOWN", "Unknown server error")
		default:
			t.Fatalf("got %v", err)
		}
		seen[ae.Status] = true
	}
	if len(seen) != 2 {
		t.Fatalf("saw only %v", seen)
	}
	e.srv.mu.Lock()
	n := len(e.srv.region(testRegion).byID)
	e.srv.mu.Unlock()
	if n != 0 {
		t.Fatalf("injected errors created %d instances", n)
	}
}

// TestOtherRuleFailures: rules outside the table answer 400
// INVALID_ARGUMENT naming the parameter, and never echo the password.
func TestOtherRuleFailures(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot})
	tests := []struct {
		name string
		edit func(*apiclient.CreateInstancesRequest)
		want string // message prefix
	}{
		{"bad name", func(r *apiclient.CreateInstancesRequest) { r.InstanceSpec.Name = ".web" }, "Invalid parameter InstanceSpec.Name: "},
		{"password and key", func(r *apiclient.CreateInstancesRequest) { r.InstanceSpec.KeyName = "ops-laptop" }, "Invalid parameter InstanceSpec.KeyName: "},
		{"fixed ip with count 2", func(r *apiclient.CreateInstancesRequest) {
			r.MaxCount = 2
			r.InstanceSpec.PrimaryNetworkInterface.IP = "10.0.0.20"
		}, "Invalid parameter MaxCount: "},
		{"subnet of another zone", func(r *apiclient.CreateInstancesRequest) {
			r.InstanceSpec.PrimaryNetworkInterface.SubnetID = e.subnet("default-vpc", testRegion+"b").info.SubnetID
		}, "Invalid parameter InstanceSpec.PrimaryNetworkInterface.SubnetId: "},
		{"key pair on windows", func(r *apiclient.CreateInstancesRequest) {
			r.InstanceSpec.ImageID = e.image("Windows Server 2019 数据中心版 64位中文版")
			r.InstanceSpec.SystemDisk.DiskSizeGB = 50
			r.InstanceSpec.Password = ""
			r.InstanceSpec.KeyName = "ops-laptop"
		}, "Invalid parameter InstanceSpec.KeyName: "},
		{"too many disks for a small type", func(r *apiclient.CreateInstancesRequest) {
			for i := 0; i < 6; i++ {
				r.InstanceSpec.DataDisks = append(r.InstanceSpec.DataDisks, apiclient.InstanceDiskAttachmentSpec{DiskType: "ssd.gp1", DiskSizeGB: 20})
			}
		}, "Invalid parameter InstanceSpec.DataDisks: "},
		{"charge duration", func(r *apiclient.CreateInstancesRequest) {
			r.InstanceSpec.Charge = &apiclient.ChargeSpec{ChargeUnit: "year", ChargeDuration: 5}
		}, "Invalid parameter InstanceSpec.Charge.ChargeDuration: "},
		{"zone of the region that does not exist", func(r *apiclient.CreateInstancesRequest) { r.InstanceSpec.Az = testRegion + "z" }, "Invalid az 'cn-hongkong-11z'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := e.validRequest()
			tt.edit(&req)
			_, err := e.create(req)
			var ae *apiclient.APIError
			if !asAPIError(err, &ae) || ae.HTTPStatus != 400 || ae.Status != "INVALID_ARGUMENT" || !strings.HasPrefix(ae.Message, tt.want) {
				t.Fatalf("got %v, want 400 INVALID_ARGUMENT %q...", err, tt.want)
			}
			if strings.Contains(ae.Message, testPassword) {
				t.Fatalf("message echoes the password: %q", ae.Message)
			}
		})
	}
}

// TestTypeSoldOut: a type sold out in a zone is refused before anything
// is created.
func TestTypeSoldOut(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot})
	req := e.validRequest()
	az := testRegion + "c"
	req.InstanceSpec.Az = az
	req.InstanceSpec.PrimaryNetworkInterface.SubnetID = e.subnet("default-vpc", az).info.SubnetID
	req.InstanceSpec.InstanceType = "c.n2.large"
	_, err := e.create(req)
	wantAPIError(t, err, 400, "FAILED_PRECONDITION", "InstanceType 'c.n2.large' is out of stock in az 'cn-hongkong-11c'")
}

// TestExplicitZeros: 0 written in the body is out of range, not a default.
func TestExplicitZeros(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot})
	body := []byte(`{"maxCount": 0, "instanceSpec": {"az": "x"}}`)
	_, env := e.rawCall(http.MethodPost, "/v1/regions/"+testRegion+"/instances", body, e.clock.Now(), nil)
	if env.Error == nil || env.Error.Status != "OUT_OF_RANGE" || env.Error.Message != "Maxcount out of range" {
		t.Fatalf("maxCount 0: %+v", env.Error)
	}
	body = []byte(`{"instanceSpec": {"systemDisk": {"diskType": "ssd.gp1", "diskSizeGB": 0}}}`)
	_, env = e.rawCall(http.MethodPost, "/v1/regions/"+testRegion+"/instances", body, e.clock.Now(), nil)
	if env.Error == nil || env.Error.Message != "InstanceSpec.SystemDisk.CloudDiskSpec.DiskSizeGB out of range" {
		t.Fatalf("diskSizeGB 0: %+v", env.Error)
	}
}

// TestMalformedBodies: broken JSON, wrong types, keys the seed's tables do
// not have (their case included) and a missing instanceSpec are 400
// INVALID_ARGUMENT with a message that says which, in the words of the one
// reader of a body (wizard/body), which `cocvm validate` prints too.
func TestMalformedBodies(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot})
	tests := []struct{ body, want string }{
		{``, "Parameter InstanceSpec missing"},
		{`{}`, "Parameter InstanceSpec missing"},
		{`{"instanceSpec": {"az": }`, "Request body is not valid: expected a value, found '}' (line 1, column 25)"},
		{`[1]`, `Request body is not valid: the body must be a JSON object {"instanceSpec": ...}, not a list (line 1, column 1)`},
		{`{"maxCount": "2", "instanceSpec": {}}`, "Request body is not valid: maxCount: expected a whole number, got a string; write 2 without quotes (line 1, column 14)"},
		{`{"instanceSpec": {"systemDisk": {"diskSizeGB": 4.5}}}`, "Request body is not valid: instanceSpec.systemDisk.diskSizeGB: expected a whole number, got 4.5 (line 1, column 48)"},
		{`{"InstanceSpec": {"az": "x"}}`, "Request body is not valid: InstanceSpec: unknown field; did you mean instanceSpec? (line 1, column 2)"},
		{`{"instanceSpec": {"ImageId": "x", "iops": 3}}`, "Request body is not valid: instanceSpec.ImageId: unknown field; did you mean imageId? (line 1, column 19); and 1 more problem"},
		{`{"instanceSpec": {"az": "a", "az": "b"}}`, "Request body is not valid: instanceSpec.az: given twice; this value is ignored in favour of the one at line 1, column 30 (line 1, column 19)"},
		{"{\"instanceSpec\": {\"name\": \"w\xffb\"}}", "Request body is not valid: the text is not valid UTF-8 (line 1, column 29)"},
	}
	for _, tt := range tests {
		resp, env := e.rawCall(http.MethodPost, "/v1/regions/"+testRegion+"/instances", []byte(tt.body), e.clock.Now(), nil)
		if resp.StatusCode != 400 || env.Error == nil || env.Error.Status != "INVALID_ARGUMENT" || env.Error.Message != tt.want {
			t.Errorf("%s: got %d %+v, want %q", tt.body, resp.StatusCode, env.Error, tt.want)
		}
	}
}

// TestErrorPrecedence: with several problems the API answers the first a
// server would find: missing parameters, then malformed ones, then look-ups,
// then what the catalogue forbids.
func TestErrorPrecedence(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot})
	req := e.validRequest()
	req.InstanceSpec.Name = ".bad."
	req.InstanceSpec.ImageID = ""
	_, err := e.create(req)
	wantAPIError(t, err, 400, "INVALID_ARGUMENT", "Parameter InstanceSpec.ImageId missing")

	req = e.validRequest()
	req.InstanceSpec.ImageID = e.image("Windows Server 2022 数据中心版 64位中文版")
	req.InstanceSpec.SystemDisk.DiskSizeGB = 50 // below the image's 60
	req.InstanceSpec.PrimaryNetworkInterface.SubnetID = "subnet-0000000000"
	_, err = e.create(req)
	wantAPIError(t, err, 404, "NOT_FOUND", "Subnet 'subnet-0000000000' not found")

	req.InstanceSpec.Password = "weak"
	_, err = e.create(req)
	wantAPIError(t, err, 400, "INVALID_ARGUMENT", "Invalid password")

	req = e.validRequest()
	req.InstanceSpec.ImageID = e.image("Ubuntu 24.04 64位")
	req.MaxCount = 51
	_, err = e.create(req)
	wantAPIError(t, err, 400, "FAILED_PRECONDITION", "Image '"+req.InstanceSpec.ImageID+"' not ready")
}
