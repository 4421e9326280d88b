package wizard

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// referencePasswordOK is a slow, obvious reading of the password rules, to
// check the fast one against: every window of three characters is tested on
// its own.
func referencePasswordOK(pw string) bool {
	n := utf8.RuneCountInString(pw)
	if n < 8 || n > 26 {
		return false
	}
	groups := map[string]bool{}
	for _, r := range pw {
		switch {
		case 'a' <= r && r <= 'z':
			groups["lower"] = true
		case 'A' <= r && r <= 'Z':
			groups["upper"] = true
		case '0' <= r && r <= '9':
			groups["digit"] = true
		case strings.ContainsRune(PasswordSpecials, r):
			groups["special"] = true
		default:
			return false
		}
	}
	if len(groups) < 3 {
		return false
	}
	low := strings.ToLower(pw) // ASCII only from here on
	lines := []string{"qwertyuiop", "asdfghjkl", "zxcvbnm", "qaz", "wsx", "edc", "rfv", "tgb", "yhn", "ujm"}
	for i := 0; i+3 <= len(low); i++ {
		w := low[i : i+3]
		a, b, c := int(w[0]), int(w[1]), int(w[2])
		sameClass := (unicode.IsDigit(rune(a)) && unicode.IsDigit(rune(b)) && unicode.IsDigit(rune(c))) ||
			(unicode.IsLower(rune(a)) && unicode.IsLower(rune(b)) && unicode.IsLower(rune(c)))
		if sameClass && (b-a == 1 && c-b == 1 || b-a == -1 && c-b == -1) {
			return false
		}
		for _, l := range lines {
			rev := []byte(l)
			slices.Reverse(rev)
			if strings.Contains(l, w) || strings.Contains(string(rev), w) {
				return false
			}
		}
		if strings.Contains("administrator", w) {
			return false
		}
	}
	for _, name := range []string{"root", "toor", "administrator", "rotartsinimda"} {
		if strings.Contains(low, name) {
			return false
		}
	}
	return true
}

func FuzzCheckPassword(f *testing.F) {
	for _, s := range []string{validPassword, "", "A1i2n@Apix#", "Xk!987qwe", "Administrator", "toor", "CBA",
		"qaz", "qwer", "123", "987", "abc", "ék", "Xk7!mPw9qHv4@nLz8Bd5$jQy2f", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, pw string) {
		first := english(CheckPassword(pw))
		if second := english(CheckPassword(pw)); !slices.Equal(first, second) {
			t.Fatalf("CheckPassword(%q) changed between calls: %q then %q", pw, first, second)
		}
		if ref := referencePasswordOK(pw); ref != (first == nil) {
			t.Fatalf("CheckPassword(%q) = %q, but the reference says valid=%v", pw, first, ref)
		}
		checkChecklistAgrees(t, pw, first)
	})
}

// referenceNameOK is the name rule written out plainly.
func referenceNameOK(name string) bool {
	n := utf8.RuneCountInString(name)
	if n < 1 || n > 64 || strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".") || !utf8.ValidString(name) {
		return false
	}
	for _, r := range name {
		if !(unicode.Is(unicode.Han, r) || strings.ContainsRune("_-.", r) ||
			r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r))) {
			return false
		}
	}
	return true
}

func FuzzCheckName(f *testing.F) {
	for _, s := range []string{"web-01", "", ".", "db-主库.01", "web.", "ｗｅｂ", strings.Repeat("a", 65), "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		first := english(CheckName(name))
		if !slices.Equal(first, english(CheckName(name))) {
			t.Fatalf("CheckName(%q) is not deterministic", name)
		}
		if ref := referenceNameOK(name); ref != (first == nil) {
			t.Fatalf("CheckName(%q) = %q, but the reference says valid=%v", name, first, ref)
		}
	})
}
