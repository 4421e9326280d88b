package wizard

import (
	"slices"
	"strings"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
)

// english is ts in English, nil for none.
func english(ts []apiclient.Text) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.String())
	}
	return out
}

func TestCheckName(t *testing.T) {
	const notAllowed = "; use Chinese characters, letters, digits, '_', '-' or '.'"
	tests := []struct {
		name, in string
		want     []string
	}{
		{"empty", "", []string{"is required: 1 to 64 characters of Chinese, letters, digits, '_', '-' or '.'"}},
		{"one character", "a", nil},
		{"letters digits _ - .", "Web_01-a.b", nil},
		{"Chinese", "数据库主机", nil},
		{"mixed", "db-主库.01", nil},
		{"64 characters", strings.Repeat("a", 64), nil},
		{"65 characters", strings.Repeat("a", 65), []string{"must be 1 to 64 characters; has 65"}},
		{"64 Chinese characters", strings.Repeat("中", 64), nil},
		{"65 Chinese characters", strings.Repeat("中", 65), []string{"must be 1 to 64 characters; has 65"}},
		{"starts with .", ".web", []string{"must not start with '.'"}},
		{"ends with .", "web.", []string{"must not end with '.'"}},
		{"only .", ".", []string{"must not start with '.'", "must not end with '.'"}},
		{". inside", "a.b", nil},
		{"starts with - or _", "-_web", nil},
		{"space", "web 01", []string{"contains ' ' (space), which is not allowed" + notAllowed}},
		{"several", "web!01@x!", []string{"contains '!', '@', which are not allowed" + notAllowed}},
		{"full-width letters", "ｗｅｂ", []string{"contains 'ｗ', 'ｅ', 'ｂ', which are not allowed" + notAllowed}},
		{"CJK punctuation", "主机，一", []string{"contains '，', which is not allowed" + notAllowed}},
		{"accented letter", "café", []string{"contains 'é', which is not allowed" + notAllowed}},
		{"invalid UTF-8", "web\xff", []string{"contains a byte that is not UTF-8, which is not allowed" + notAllowed}},
		{"everything wrong", "." + strings.Repeat("a", 64) + "!.", []string{
			"must be 1 to 64 characters; has 67",
			"contains '!', which is not allowed" + notAllowed,
			"must not start with '.'",
			"must not end with '.'",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := english(CheckName(tc.in)); !slices.Equal(got, tc.want) {
				t.Errorf("CheckName(%q):\n  got  %q\n  want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "abc", 0}, {"imagid", "imageid", 1}, {"kitten", "sitting", 3},
		{"主机", "主库", 1}, {"keyname", "keyName", 1}, {"", "abcd", 4},
		{strings.Repeat("a", 65), "a", 1 << 20},
	} {
		if got := EditDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		for limit := 0; limit <= 4; limit++ {
			d, ok := EditDistanceWithin(tc.a, tc.b, limit)
			if ok != (tc.want <= limit) || ok && d != tc.want {
				t.Errorf("EditDistanceWithin(%q, %q, %d) = %d, %v; the distance is %d", tc.a, tc.b, limit, d, ok, tc.want)
			}
		}
	}
}
