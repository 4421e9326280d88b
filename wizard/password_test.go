package wizard

import (
	"slices"
	"strings"
	"testing"
)

const badHash = "contains '#', which is not allowed; use letters, digits and only these special characters: !@$%^-_=+[{}]:,./?"

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		name string
		pw   string
		want []string
	}{
		{"valid", validPassword, nil},

		// Length 8..26, both sides of both ends.
		{"7 characters", "Xk7!mPw", []string{"must be 8 to 26 characters; has 7"}},
		{"8 characters", "Xk7!mPw9", nil},
		{"26 characters", "Xk7!mPw9qHv4@nLz8Bd5$jQy2f", nil},
		{"27 characters", "Xk7!mPw9qHv4@nLz8Bd5$jQy2fc", []string{"must be 8 to 26 characters; has 27"}},
		{"empty", "", []string{
			"must be 8 to 26 characters; has 0",
			"needs characters from 3 of 4 groups (uppercase, lowercase, digits, special); has none",
		}},

		// 3 of 4 groups.
		{"lower and digits", "xk7mpw9q", []string{
			"needs characters from 3 of 4 groups (uppercase, lowercase, digits, special); has 2: lowercase, digits",
		}},
		{"upper and special", "XK!MPW?Q", []string{
			"needs characters from 3 of 4 groups (uppercase, lowercase, digits, special); has 2: uppercase, special",
		}},
		{"lower only", "xkmpwvqz", []string{
			"needs characters from 3 of 4 groups (uppercase, lowercase, digits, special); has 1: lowercase",
		}},
		{"upper lower digits, no special", "Xk7mPw9q", nil},
		{"upper lower special, no digits", "Xk!mPwRq", nil},
		{"lower digits special, no upper", "xk7!mpw9q", nil},

		// Characters outside the allowed set.
		{"# from the seed example", "Xk7#mPw9q", []string{badHash}},
		{"# twice is one problem", "Xk7#mP#w9q", []string{badHash}},
		{"space", "Xk7 mPw9q", []string{
			"contains ' ' (space), which is not allowed; use letters, digits and only these special characters: !@$%^-_=+[{}]:,./?",
		}},
		{"several", "Xk7#mPw9q&*", []string{
			"contains '#', '&', '*', which are not allowed; use letters, digits and only these special characters: !@$%^-_=+[{}]:,./?",
		}},
		{"non-ASCII", "Xk7!mPw9é", []string{
			"contains 'é', which is not allowed; use letters, digits and only these special characters: !@$%^-_=+[{}]:,./?",
		}},
		{"# does not count as special", "xk7#mpw9q", []string{
			"needs characters from 3 of 4 groups (uppercase, lowercase, digits, special); has 2: lowercase, digits",
			badHash,
		}},

		// Consecutive digits: the seed's 123 and 987.
		{"123", "Xk!123mPw", []string{"contains the consecutive digits 123"}},
		{"987", "Xk!987mPw", []string{"contains the consecutive digits 987"}},
		{"0123 reported whole", "Xk!0123mPw", []string{"contains the consecutive digits 0123"}},
		{"3210 reported whole", "Xk!3210mPw", []string{"contains the consecutive digits 3210"}},
		{"up then down", "Xk!12321mPw", []string{
			"contains the consecutive digits 123",
			"contains the consecutive digits 321",
		}},
		{"two digits are fine", "Xk!12mPw9q", nil},
		{"repeated digits are fine", "Xk!111mPw", nil},
		{"no wrap 890", "Xk!890mPw", nil},
		{"no wrap 098", "Xk!098mPw", nil},
		{"runs apart", "Xk!12.34mPw", nil},

		// Consecutive letters: the seed's abc and CBA, any case, either way.
		{"abc", "Xk7!abcPw", []string{"contains the consecutive letters abc"}},
		{"CBA", "Xk7!CBAw9", []string{"contains the consecutive letters CBA"}},
		{"aBc", "Xk7!aBcw9", []string{"contains the consecutive letters aBc"}},
		{"xyz", "Xk7!xyzP9", []string{"contains the consecutive letters xyz"}},
		{"zyx", "Xk7!zyxP9", []string{"contains the consecutive letters zyx"}},
		{"two letters are fine", "Xk7!abP9q", nil},
		{"no wrap yza", "Xk7!yzaP9", nil},
		{"fgh is both rules", "Xk7!fghP9", []string{
			"contains the consecutive letters fgh",
			"contains the keyboard sequence fgh",
		}},

		// Keyboard runs: the seed's qaz and qwer, rows and columns, both ways.
		{"qaz", "Xk7!qazP9", []string{"contains the keyboard sequence qaz"}},
		{"qwer", "Xk7!qwerP9", []string{"contains the keyboard sequence qwer"}},
		{"QwEr mixed case", "Xk7!QwErP9", []string{"contains the keyboard sequence QwEr"}},
		{"rewq reversed", "Xk7!rewqP9", []string{"contains the keyboard sequence rewq"}},
		{"zaq reversed", "Xk7!zaqP9", []string{"contains the keyboard sequence zaq"}},
		{"qwe three", "Xk7!qweP9", []string{"contains the keyboard sequence qwe"}},
		{"asd", "Xk7!asdP9", []string{"contains the keyboard sequence asd"}},
		{"zxc", "Xk7!zxcP9", []string{"contains the keyboard sequence zxc"}},
		{"bnm", "Xk7!bnmP9", []string{"contains the keyboard sequence bnm"}},
		{"poi reversed", "Xk7!poiZ9", []string{"contains the keyboard sequence poi"}},
		{"mnb reversed", "Xk7!mnbP9", []string{"contains the keyboard sequence mnb"}},
		{"iop", "Xk7!iopZ9", []string{"contains the keyboard sequence iop"}},
		{"wsx", "Xk7!wsxP9", []string{"contains the keyboard sequence wsx"}},
		{"edc is both rules", "Xk7!edcP9", []string{
			"contains the consecutive letters edc",
			"contains the keyboard sequence edc",
		}},
		{"rfv", "Xk7!rfvP9", []string{"contains the keyboard sequence rfv"}},
		{"tgb", "Xk7!tgbP9", []string{"contains the keyboard sequence tgb"}},
		{"yhn", "Xk7!yhnP9", []string{"contains the keyboard sequence yhn"}},
		{"ujm", "Xk7!ujmP9", []string{"contains the keyboard sequence ujm"}},
		{"two runs", "Xk7!qazwsxP9", []string{
			"contains the keyboard sequence qaz",
			"contains the keyboard sequence wsx",
		}},
		{"two keys are fine", "Xk7!qwP9zm", nil},
		{"rows do not join", "Xk7!opasM9", nil},
		{"digits are not keys", "Xk!1qa9Pm", nil},

		// User names and their reverses.
		{"root", "Xk7!rootP9", []string{"contains 'root'"}},
		{"ROOT any case", "Xk7!ROOTp9", []string{"contains 'root'"}},
		{"toor", "Xk7!toorP9", []string{"contains 'root' reversed"}},
		{"Administrator", "Xk7!Administrator9", []string{"contains 'Administrator'"}},
		{"rotartsinimdA", "Xk7!rotartsinimdA9", []string{"contains 'Administrator' reversed"}},

		// More than two consecutive characters of Administrator.
		{"Adm", "Xk7!AdmP9q", []string{"shares 'Adm' with Administrator"}},
		{"Admin whole", "Xk7!Admin9q", []string{"shares 'Admin' with Administrator"}},
		{"tor", "Xk7!torP9q", []string{"shares 'tor' with Administrator"}},
		{"TRA any case", "Xk7!TRAp9q", []string{"shares 'TRA' with Administrator"}},
		{"nis", "Xk7!nisP9q", []string{"shares 'nis' with Administrator"}},
		{"two fragments", "Xk7!AdmP9qtor", []string{
			"shares 'Adm' with Administrator",
			"shares 'tor' with Administrator",
		}},
		{"two characters are fine", "Xk7!AdP9qto", nil},

		// The seed's own example password.
		{"seed example", "A1i2n@Apix#", []string{badHash}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := english(CheckPassword(tc.pw))
			if !slices.Equal(got, tc.want) {
				t.Errorf("CheckPassword(%q):\n  got  %q\n  want %q", tc.pw, got, tc.want)
			}
			checkChecklistAgrees(t, tc.pw, got)
		})
	}
}

func TestEverySpecialIsAllowed(t *testing.T) {
	for _, c := range PasswordSpecials {
		pw := "xk7" + string(c) + "mpw9q" // special as the third group
		if got := CheckPassword(pw); got != nil {
			t.Errorf("CheckPassword(%q) = %q, want valid", pw, got)
		}
	}
}

// checklistIndex says which checklist line a CheckPassword message belongs to.
func checklistIndex(msg string) int {
	switch {
	case strings.HasPrefix(msg, "must be 8"):
		return 0
	case strings.HasPrefix(msg, "needs characters"):
		return 1
	case strings.Contains(msg, "not allowed"):
		return 2
	case strings.HasPrefix(msg, "contains the consecutive digits"):
		return 3
	case strings.HasPrefix(msg, "contains the consecutive letters"):
		return 4
	case strings.HasPrefix(msg, "contains the keyboard"):
		return 5
	case strings.HasPrefix(msg, "contains '"):
		return 6
	case strings.HasPrefix(msg, "shares"):
		return 7
	}
	return -1
}

// checkChecklistAgrees asserts that the checklist fails exactly the lines
// that CheckPassword's messages belong to.
func checkChecklistAgrees(t *testing.T, pw string, msgs []string) {
	t.Helper()
	want := make([]bool, PasswordChecklistLen)
	for _, m := range msgs {
		if i := checklistIndex(m); i >= 0 {
			want[i] = true
		} else if !strings.HasPrefix(m, "and ") {
			t.Errorf("message %q belongs to no checklist line", m)
		}
	}
	checks := PasswordChecklist(pw)
	if len(checks) != PasswordChecklistLen {
		t.Fatalf("PasswordChecklist gave %d checks, want %d", len(checks), PasswordChecklistLen)
	}
	for i, c := range checks {
		if c.OK == want[i] {
			t.Errorf("check %d %q: OK=%v, but CheckPassword says %q", i, c.Rule.String(), c.OK, msgs)
		}
		if c.OK != (c.Why.IsZero()) {
			t.Errorf("check %d %q: OK=%v with detail %q", i, c.Rule.String(), c.OK, c.Why.String())
		}
	}
}

func TestPasswordChecklistSketch(t *testing.T) {
	// The design sketch's example: nine characters, a 987 run.
	type line struct {
		Label  string
		OK     bool
		Detail string
	}
	got := PasswordChecklist("web987!Kx")
	want := []line{
		{Label: "8 to 26 characters (9)", OK: true},
		{Label: "3 of 4 groups: upper, lower, digits, special", OK: true},
		{Label: "only letters, digits and !@$%^-_=+[{}]:,./?", OK: true},
		{Label: "no digit runs like 123 or 987", Detail: `found "987"`},
		{Label: "no letter runs like abc or CBA", OK: true},
		{Label: "no keyboard runs like qwer or qaz", OK: true},
		{Label: "no root, Administrator, or their reverses", OK: true},
		{Label: "no 3 letters in a row from Administrator, like Adm", OK: true},
	}
	var plain []line
	for _, c := range got {
		plain = append(plain, line{c.Rule.String(), c.OK, c.Why.String()})
	}
	if !slices.Equal(plain, want) {
		t.Errorf("PasswordChecklist:\n  got  %+v\n  want %+v", plain, want)
	}
}

func TestPasswordChecklistDetails(t *testing.T) {
	got := PasswordChecklist("ab1#toorQaz")
	details := map[string]string{}
	for _, c := range got {
		details[c.Rule.String()] = c.Why.String()
	}
	want := map[string]string{
		"8 to 26 characters (11)":                            "",
		"3 of 4 groups: upper, lower, digits, special":       "",
		"only letters, digits and !@$%^-_=+[{}]:,./?":        "found '#'",
		"no digit runs like 123 or 987":                      "",
		"no letter runs like abc or CBA":                     "",
		"no keyboard runs like qwer or qaz":                  `found "Qaz"`,
		"no root, Administrator, or their reverses":          `found "toor"`,
		"no 3 letters in a row from Administrator, like Adm": "",
	}
	for label, d := range want {
		if details[label] != d {
			t.Errorf("%s: detail %q, want %q", label, details[label], d)
		}
	}
	short := PasswordChecklist("ab1")
	if short[0].Why.String() != "too short" || short[1].Why.String() != "has 2: lower, digits" {
		t.Errorf("short password details: %q, %q", short[0].Why.String(), short[1].Why.String())
	}
	long := PasswordChecklist(strings.Repeat("Xk7!mPw9q", 8))
	if long[0].Rule.String() != "8 to 26 characters (72)" || long[0].Why.String() != "too long" {
		t.Errorf("long password: %+v", long[0])
	}
}

func TestCheckPasswordManyRuns(t *testing.T) {
	// More runs than one analysis records: the rest are counted, not lost.
	pw := strings.Repeat("123.", 20)
	msgs := english(CheckPassword(pw))
	runs := 0
	for _, m := range msgs {
		if strings.HasPrefix(m, "contains the consecutive digits") {
			runs++
		}
	}
	if runs != maxSpans || !slices.Contains(msgs, "and 4 more consecutive-digit runs") {
		t.Errorf("CheckPassword(%q) = %q", pw, msgs)
	}
}

func TestValidPasswordDoesNotAllocate(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { _ = CheckPassword("Xk7!mPw9qHv4@nLz8Bd5$jQy2f") }); n != 0 {
		t.Errorf("CheckPassword of a valid password: %v allocations, want 0", n)
	}
	buf := make([]Check, 0, PasswordChecklistLen)
	if n := testing.AllocsPerRun(100, func() { buf = AppendPasswordChecklist(buf[:0], "Xk7!mPw9qHv4@nLz8Bd5$jQy2f") }); n != 0 {
		t.Errorf("AppendPasswordChecklist of a valid password: %v allocations, want 0", n)
	}
}
