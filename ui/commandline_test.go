package ui

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/launch"
	"github.com/cocvm/cocvm/wizard"
)

// The review's "From a script" line (wizard.CommandLine) is read back by
// the real create command: with --dry-run it prints the bodies the line
// builds, which must be the bodies of the draft it came from. Renaming a
// flag, or changing what one means, fails here.
func TestCommandLineReadsBackThroughCreate(t *testing.T) {
	full := testDraft(250) // over 100: several requests
	full.Spec.Name = "web 'blue' #1"
	full.Spec.KeyName = ""
	full.Spec.Password = "Cloud-Vm9ab!"
	full.Spec.PrimaryNetworkInterface.SecurityGroups = append(full.Spec.PrimaryNetworkInterface.SecurityGroups, apiclient.SecurityGroupCreate{GroupID: "sg-2"})
	full.Spec.DataDisks = []apiclient.InstanceDiskAttachmentSpec{{DiskType: "ssd.io1", DiskSizeGB: 100}, {DiskType: "hdd.std1", DiskSizeGB: 500}}
	full.Spec.ElasticIPSpec = wizard.ElasticIP(20)
	full.Spec.Charge = &apiclient.ChargeSpec{ChargeMode: apiclient.ChargeModePrepaid, ChargeUnit: apiclient.ChargeUnitYear, ChargeDuration: 2, AutoRenew: true}
	full.ClientToken = "cocvm-script-token"

	keyOnly := testDraft(1)
	keyOnly.Spec.PasswordAuth = "no"
	keyOnly.Spec.PrimaryNetworkInterface.IP = "10.0.0.9"

	for name, d := range map[string]wizard.Draft{"every flag": full, "key pair, private IP": keyOnly, "a bare draft": {Region: "cn-hongkong-11"}} {
		t.Run(name, func(t *testing.T) {
			isolateDirs(t)
			// The elastic IP follows the billing, in the wizard as in flags.
			launch.FollowCharge(&d.Spec)
			line := wizard.CommandLine(d)
			args := shellWords(t, line)
			if len(args) < 2 || args[0] != "cocvm" || args[1] != "create" {
				t.Fatalf("not a create: %s", line)
			}
			r := execCocvm(t, cliOpts{stdin: d.Spec.Password + "\n"}, append(args[1:], "--dry-run")...)
			if r.code == ExitUsage {
				t.Fatalf("create refused the script's line (exit 2): %s\n%s", line, r.err)
			}
			var want bytes.Buffer
			if err := launch.WriteBodies(&want, wizard.Build(d), false); err != nil {
				t.Fatal(err)
			}
			if r.out != want.String() {
				t.Errorf("the line builds other bodies than the draft's:\n%s\n--- got\n%s\n--- want\n%s", line, r.out, want.String())
			}
		})
	}
}

// shellWords splits a line as sh does the words CommandLine writes: plain
// words, and single-quoted ones (a quote inside closes the quoting, comes
// escaped, and opens it again).
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	var words []string
	var cur strings.Builder
	inWord, quoted := false, false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quoted && c == '\'':
			quoted = false
		case quoted:
			cur.WriteByte(c)
		case c == '\'':
			quoted, inWord = true, true
		case c == '\\' && i+1 < len(line):
			i++
			cur.WriteByte(line[i])
			inWord = true
		case c == ' ':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if quoted {
		t.Fatalf("unterminated quote in %s", line)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}
